//! Surface forms: every string the matcher looks for, what it stands for, and the rules that
//! make them (inflection from `inflection.toml`, case from how the data writes a form).

use super::{ActorIdx, Location, Via};
use crate::text::Lang;

/// The languages a form is used in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LangSet {
    pub de: bool,
    pub en: bool,
}

impl LangSet {
    pub const ANY: LangSet = LangSet { de: true, en: true };

    pub fn one(lang: Lang) -> LangSet {
        match lang {
            Lang::De => LangSet {
                de: true,
                en: false,
            },
            Lang::En => LangSet {
                de: false,
                en: true,
            },
        }
    }

    pub fn contains(self, lang: Lang) -> bool {
        match lang {
            Lang::De => self.de,
            Lang::En => self.en,
        }
    }

    /// True if the two sets have a language in common.
    #[inline]
    pub fn meets(self, other: LangSet) -> bool {
        self.de && other.de || self.en && other.en
    }

    pub fn union(self, other: LangSet) -> LangSet {
        LangSet {
            de: self.de || other.de,
            en: self.en || other.en,
        }
    }

    pub fn langs(self) -> impl Iterator<Item = Lang> {
        [(self.de, Lang::De), (self.en, Lang::En)]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, l)| l)
    }
}

/// How a word of a form must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenCase {
    /// Any case.
    Any,
    /// Begins with a capital letter.
    Initial,
    /// Its first `n` letters are capitals (an acronym: USA, NATO, DVRK).
    Upper(usize),
}

/// The case a form demands of the text, word by word, from how the data writes its base form:
/// a word in capitals must be in capitals, a word with an initial capital must have one
/// ("Russia Today" is not "Russia today"); a word in lower case may be written either way, so
/// "Kim Jong-un" also matches "Kim Jong-Un".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct CaseRule(pub Vec<TokenCase>);

impl CaseRule {
    pub fn of(base: &str) -> CaseRule {
        let words = base.split(|c: char| c.is_whitespace() || crate::text::normalize::is_hyphen(c));
        let rule: Vec<TokenCase> = words
            .filter(|w| !w.is_empty())
            .map(|w| {
                let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
                if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                    TokenCase::Upper(letters.len())
                } else if letters.first().is_some_and(|c| c.is_uppercase()) {
                    TokenCase::Initial
                } else {
                    TokenCase::Any
                }
            })
            .collect();
        CaseRule(rule)
    }

    /// True if `original` (the text as written, words separated by spaces or hyphens) meets
    /// the rule.
    pub fn accepts(&self, original: &str) -> bool {
        if self.0.iter().all(|t| *t == TokenCase::Any) {
            return true;
        }
        let words = original
            .split(|c: char| crate::text::normalize::is_separator(c))
            .filter(|w| !w.is_empty());
        for (rule, word) in self.0.iter().zip(words) {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            let ok = match *rule {
                TokenCase::Any => true,
                TokenCase::Initial => letters.next().is_some_and(|c| c.is_uppercase()),
                TokenCase::Upper(n) => letters.take(n).all(|c| c.is_uppercase()),
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

/// What a form stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FormTarget {
    /// The actor itself (a state's name, a person's full name, an organisation).
    Actor(ActorIdx),
    /// A person's short name: stands for them once named in full, or alone when no one else
    /// has it.
    Short(ActorIdx),
    /// An office noun: names an office holder next to a state ("russischer Präsident").
    Noun { office: String },
    /// A fixed title: one state's office holder ("Kremlchef").
    Title { polity: String, office: String },
    /// A word that may stand before a short name without being a first name.
    PersonWord,
    /// A phrase that is no actor and hides the names inside it ("Deutsche Bank").
    Blocker,
}

/// The grammatical class of a form, for the inflection rules and for titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Name,
    /// A word before the last of a multi-word name, inflected like an adjective.
    NameWord,
    Adjective,
    Demonym,
    /// The German adjective of a capital, made from the capital's name ("Prager"), that names
    /// the state only before an institution noun.
    CapitalAdjective,
    /// Office nouns, titles, person words, blockers: written out in full in the data.
    Fixed,
}

impl Class {
    pub fn parse(s: &str) -> Option<Class> {
        match s {
            "name" => Some(Class::Name),
            "name_word" => Some(Class::NameWord),
            "adjective" => Some(Class::Adjective),
            "demonym" => Some(Class::Demonym),
            "capital_adjective" => Some(Class::CapitalAdjective),
            _ => None,
        }
    }
}

/// One surface form to match.
#[derive(Debug, Clone)]
pub struct Form {
    /// The form as it is found in text (inflected), as the data would write it.
    pub text: String,
    /// The base form in the data.
    pub base: String,
    pub target: FormTarget,
    pub via: Via,
    pub lang: LangSet,
    pub case: CaseRule,
    /// A genitive or possessive form ("Russlands", "Russia's").
    pub genitive: bool,
    /// Found only as the first part of a hyphenated compound.
    pub compound_only: bool,
    pub class: Class,
    pub location: Location,
}

/// An inflection rule from `inflection.toml`.
#[derive(Debug, Clone)]
pub struct InflectionRule {
    pub lang: Lang,
    pub class: Class,
    pub ends_with: Vec<String>,
    pub strip: String,
    pub suffixes: Vec<String>,
}

/// One inflected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inflected {
    pub text: String,
    /// A genitive or possessive ("Russlands", "Russia's").
    pub genitive: bool,
    /// Found only as the first part of a hyphenated compound (the bare German adjective in
    /// "deutsch-russische"; alone, "auf Deutsch" names a language): the suffix `-` in a rule.
    pub compound_only: bool,
}

impl Inflected {
    fn plain(text: String) -> Inflected {
        Inflected {
            text,
            genitive: false,
            compound_only: false,
        }
    }
}

/// The inflected forms of `base` in `lang`. The last word inflects by the first matching rule
/// of `class`; with `inflect_words`, the words before it by the `name_word` rules
/// ("Vereinigten Staaten").
pub fn inflect(
    rules: &[InflectionRule],
    lang: Lang,
    class: Class,
    base: &str,
    inflect_words: bool,
) -> Vec<Inflected> {
    let words: Vec<&str> = base.split(' ').collect();
    if !inflect_words || words.len() < 2 || class != Class::Name {
        return inflect_word(rules, lang, class, base);
    }
    let (last, head) = words.split_last().expect("two words or more");
    let mut prefixes: Vec<String> = vec![String::new()];
    for w in head {
        let variants = inflect_word(rules, lang, Class::NameWord, w);
        prefixes = prefixes
            .iter()
            .flat_map(|p| variants.iter().map(move |v| format!("{p}{} ", v.text)))
            .collect();
    }
    let lasts = inflect_word(rules, lang, class, last);
    prefixes
        .iter()
        .flat_map(|p| {
            lasts.iter().map(move |l| Inflected {
                text: format!("{p}{}", l.text),
                ..l.clone()
            })
        })
        .collect()
}

fn inflect_word(rules: &[InflectionRule], lang: Lang, class: Class, base: &str) -> Vec<Inflected> {
    if class == Class::Fixed {
        return vec![Inflected::plain(base.to_string())];
    }
    let lower = base.to_lowercase();
    let rule = rules.iter().find(|r| {
        r.lang == lang
            && r.class == class
            && (r.ends_with.is_empty()
                || r.ends_with
                    .iter()
                    .any(|e| lower.ends_with(&e.to_lowercase())))
    });
    let Some(rule) = rule else {
        // A capital without a rule has no adjective; any other base stands as written.
        if class == Class::CapitalAdjective {
            return Vec::new();
        }
        return vec![Inflected::plain(base.to_string())];
    };
    let stem = if !rule.strip.is_empty() && lower.ends_with(&rule.strip.to_lowercase()) {
        let mut cut = base.len();
        for _ in rule.strip.chars() {
            cut = base[..cut]
                .char_indices()
                .next_back()
                .map(|(i, _)| i)
                .unwrap_or(0);
        }
        &base[..cut]
    } else {
        base
    };
    rule.suffixes
        .iter()
        .map(|s| match s.as_str() {
            "-" => Inflected {
                text: stem.to_string(),
                genitive: false,
                compound_only: true,
            },
            s => Inflected {
                text: format!("{stem}{s}"),
                genitive: class == Class::Name && !s.is_empty(),
                compound_only: false,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_sets_meet_where_they_share_a_language() {
        let (de, en, none) = (
            LangSet::one(Lang::De),
            LangSet::one(Lang::En),
            LangSet::default(),
        );
        assert!(de.meets(de) && en.meets(LangSet::ANY) && LangSet::ANY.meets(de));
        assert!(!de.meets(en) && !en.meets(de));
        assert!(!none.meets(LangSet::ANY) && !LangSet::ANY.meets(none));
    }

    fn rules() -> Vec<InflectionRule> {
        let r = |lang, class, ends: &[&str], strip: &str, suffixes: &[&str]| InflectionRule {
            lang,
            class,
            ends_with: ends.iter().map(|s| s.to_string()).collect(),
            strip: strip.to_string(),
            suffixes: suffixes.iter().map(|s| s.to_string()).collect(),
        };
        vec![
            r(Lang::De, Class::Name, &["s", "x", "z"], "", &["", "'"]),
            r(Lang::De, Class::Name, &[], "", &["", "s"]),
            r(
                Lang::De,
                Class::Demonym,
                &["e"],
                "e",
                &["e", "en", "in", "innen"],
            ),
        ]
    }

    #[test]
    fn inflects_by_first_matching_rule() {
        let forms: Vec<String> = inflect(&rules(), Lang::De, Class::Name, "Russland", true)
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(forms, ["Russland", "Russlands"]);
        let forms: Vec<String> = inflect(&rules(), Lang::De, Class::Name, "Paris", true)
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(forms, ["Paris", "Paris'"]);
        let forms: Vec<String> = inflect(&rules(), Lang::De, Class::Demonym, "Russe", true)
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(forms, ["Russe", "Russen", "Russin", "Russinnen"]);
        assert_eq!(
            inflect(&rules(), Lang::En, Class::Name, "Russia", true).len(),
            1
        );
        let mut rs = rules();
        rs.push(InflectionRule {
            lang: Lang::De,
            class: Class::NameWord,
            ends_with: vec!["e".into()],
            strip: "e".into(),
            suffixes: vec!["e".into(), "en".into()],
        });
        let forms: Vec<String> = inflect(&rs, Lang::De, Class::Name, "Vereinigte Staaten", true)
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(
            forms,
            [
                "Vereinigte Staaten",
                "Vereinigte Staatens",
                "Vereinigten Staaten",
                "Vereinigten Staatens"
            ]
        );
        let forms: Vec<String> = inflect(&rs, Lang::De, Class::Name, "Joe Biden", false)
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(forms, ["Joe Biden", "Joe Bidens"]);
    }

    #[test]
    fn case_rules() {
        let usa = CaseRule::of("USA");
        assert!(usa.accepts("USA"));
        assert!(!usa.accepts("Usa"));
        let un = CaseRule::of("UN");
        assert!(un.accepts("UN-Sicherheitsrat"));
        assert!(!un.accepts("un"));
        let turkey = CaseRule::of("Turkey");
        assert!(turkey.accepts("Turkey"));
        assert!(turkey.accepts("TURKEY"));
        assert!(!turkey.accepts("turkey"));
        let adj = CaseRule::of("nordkoreanisch");
        assert!(adj.accepts("Nordkoreanische"));
        let rt = CaseRule::of("Russia Today");
        assert!(rt.accepts("Russia Today"));
        assert!(!rt.accepts("Russia today"));
        let kim = CaseRule::of("Kim Jong-un");
        assert!(kim.accepts("Kim Jong Un"));
        assert!(!kim.accepts("kim jong un"));
        let us = CaseRule::of("US-amerikanisch");
        assert!(us.accepts("US-amerikanischen"));
        assert!(!us.accepts("us-amerikanischen"));
        assert!(CaseRule::of("NATOs").accepts("NATOs"));
        assert!(CaseRule::of("NATO").accepts("NATOs"));
    }
}
