//! The grammar data of the relation engine (`gazetteer/grammar/`): a compiled German word-form
//! lexicon (`de-forms.tsv`, generated from LanguageTool's full-form lexicon) and the valency of
//! the cue lemmas (`de.toml`): which kind of relation each verb and noun signals and which
//! grammatical roles hold its source and target.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::lexicon::Kind;

/// Morphological codes of one reading of a word form, as bits.
pub mod code {
    pub const FIN: u32 = 1;
    pub const SG: u32 = 1 << 1;
    pub const PL: u32 = 1 << 2;
    pub const K1: u32 = 1 << 3;
    pub const K2: u32 = 1 << 4;
    pub const P2: u32 = 1 << 5;
    pub const INF: u32 = 1 << 6;
    pub const ZU: u32 = 1 << 7;
    pub const NEB: u32 = 1 << 8;
    pub const AUX: u32 = 1 << 9;
    pub const MOD: u32 = 1 << 10;
    pub const NOUN: u32 = 1 << 11;
    pub const NOM: u32 = 1 << 12;
    pub const AKK: u32 = 1 << 13;
    pub const DAT: u32 = 1 << 14;
    pub const GEN: u32 = 1 << 15;
    pub const ART: u32 = 1 << 16;
    pub const PRP: u32 = 1 << 17;
    /// Subordinating conjunction ("dass", "weil").
    pub const SUBORD: u32 = 1 << 18;
    /// Coordinating conjunction ("und", "aber").
    pub const COORD: u32 = 1 << 19;
    /// Infinitive conjunction ("um", "ohne", "statt").
    pub const INFCONJ: u32 = 1 << 20;
    /// Separable verb particle ("an" in "klagte ... an").
    pub const PARTICLE: u32 = 1 << 21;
    pub const REL: u32 = 1 << 22;
    pub const PRON: u32 = 1 << 23;
    pub const POSS: u32 = 1 << 24;
    pub const NEG: u32 = 1 << 25;
    pub const ADJ: u32 = 1 << 26;
    pub const ADV: u32 = 1 << 27;
    /// An inflected participle as an attribute ("die vereinbarte Waffenruhe").
    pub const ATTR: u32 = 1 << 28;
    pub const CASES: u32 = NOM | AKK | DAT | GEN;
    pub const VERB: u32 = FIN | P2 | INF | ZU | ATTR;
}

/// One reading of a word form: its lemma and codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub lemma: u32,
    pub codes: u32,
}

/// A grammatical role of a cue lemma's argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Role {
    Subj,
    Obj,
    Dat,
    Pp(String),
    Poss,
    Gen,
    Lv,
    Appos,
    /// (idioms) an actor attached to the clause's noun of this lemma, as adjective, genitive
    /// or possessor: "stellte sich an die Seite der Ukraine" (`att:Seite`).
    Att(String),
    /// (nouns) the subject of the clause the noun's phrase is an adverbial of, after "mit",
    /// "dank", "durch", "unter": "Mit Hilfe Russlands eroberte die syrische Armee ...".
    Host,
}

/// How a rule relates its roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Source role, target role.
    Directed(Role, Role),
    /// A symmetric pair.
    Pair(Role, Role),
    /// Every pair among a coordination in one role.
    Among(Role),
}

impl Rule {
    /// Parses "subj>obj", "subj+pp:mit", "pp:zwischen*".
    pub fn parse(s: &str) -> Option<Rule> {
        if let Some(r) = s.strip_suffix('*') {
            return Some(Rule::Among(parse_role(r)?));
        }
        if let Some((a, b)) = s.split_once('>') {
            return Some(Rule::Directed(parse_role(a)?, parse_role(b)?));
        }
        let (a, b) = s.split_once('+')?;
        Some(Rule::Pair(parse_role(a)?, parse_role(b)?))
    }
}

fn parse_role(s: &str) -> Option<Role> {
    Some(match s {
        "subj" => Role::Subj,
        "obj" => Role::Obj,
        "dat" => Role::Dat,
        "poss" => Role::Poss,
        "gen" => Role::Gen,
        "lv" => Role::Lv,
        "appos" => Role::Appos,
        "host" => Role::Host,
        _ if s.starts_with("att:") => Role::Att(s["att:".len()..].to_string()),
        _ => Role::Pp(s.strip_prefix("pp:")?.to_string()),
    })
}

/// A cue lemma with its kind and rules.
#[derive(Debug, Clone)]
pub struct Cue {
    pub lemma: String,
    pub kind: usize,
    pub rules: Vec<(String, Rule)>,
    pub noun: bool,
    /// Verbs that make this noun's source their subject, besides the common light verbs
    /// ("fordert den Abzug": a demand).
    pub light_verbs: Vec<u32>,
    /// Idioms of this verb: fixed words in its clause that give it another kind and rules
    /// ("Dampf ablassen", "die kalte Schulter zeigen"). Where one matches, the literal
    /// reading (`kind`, `rules`) is not taken.
    pub idioms: Vec<Idiom>,
}

/// An idiom of a verb: the words it needs in the clause, and its kind and rules.
#[derive(Debug, Clone)]
pub struct Idiom {
    /// A capitalised word is a noun, matched by its lemma (or as written); a lower-case one
    /// is matched as written, lower-cased, or as a prefix where it ends in `*` ("kalt*").
    pub words: Vec<Box<str>>,
    pub kind: usize,
    pub rules: Vec<(String, Rule)>,
}

impl Idiom {
    /// The idiom's name in a pattern: "ablassen+Dampf".
    pub fn name(&self, lemma: &str) -> String {
        let mut s = lemma.to_string();
        for w in &self.words {
            s.push('+');
            s.push_str(w.trim_end_matches('*'));
        }
        s
    }
}

/// The grammar of one language.
#[derive(Debug, Clone, Default)]
pub struct LangGrammar {
    forms: FxHashMap<Box<str>, Vec<Reading>>,
    lemmas: Vec<Box<str>>,
    lemma_ids: FxHashMap<Box<str>, u32>,
    /// Cue by lemma id.
    pub cues: FxHashMap<u32, Cue>,
    /// Lower-cased noun forms of cue, agent, thing and relation nouns, for compound heads:
    /// form → lemma id.
    heads: FxHashMap<Box<str>, u32>,
    /// Verb lemmas that are the finite base of a separable cue verb ("klagen" of "anklagen":
    /// "klagte ... an"), with a particle of the lexicon before them.
    pub separable_bases: FxHashSet<u32>,
    pub light: FxHashSet<u32>,
    pub receive: FxHashSet<u32>,
    pub agent: FxHashSet<u32>,
    pub thing: FxHashSet<u32>,
    pub relation: FxHashSet<u32>,
    /// Lower-cased evaluative words.
    pub negative: FxHashSet<Box<str>>,
    pub positive: FxHashSet<Box<str>>,
    /// Verb lemmas that break off or cut a relation noun's relations ("brach die Beziehungen
    /// ab"): the mention reduces relations.
    pub breaking: FxHashSet<Box<str>>,
}

/// The grammar of every language that has one.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    pub de: Option<LangGrammar>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValency {
    #[allow(dead_code)]
    meta: toml::Value,
    words: RawWords,
    #[serde(default)]
    verb: Vec<RawCue>,
    #[serde(default)]
    noun: Vec<RawCue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    light_verbs: Vec<String>,
    receive_verbs: Vec<String>,
    agent_nouns: Vec<String>,
    thing_nouns: Vec<String>,
    relation_nouns: Vec<String>,
    polarity_negative: Vec<String>,
    polarity_positive: Vec<String>,
    #[serde(default)]
    relation_breaking: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    lemma: String,
    kind: String,
    roles: Vec<String>,
    #[serde(default)]
    compounds: Vec<String>,
    #[serde(default)]
    light_verbs: Vec<String>,
    /// For an idiom: the fixed words of the clause.
    #[serde(default)]
    words: Vec<String>,
}

impl LangGrammar {
    /// The readings of a word form as written; a capitalised sentence-initial word is also
    /// looked up lower-cased by the caller.
    pub fn readings(&self, form: &str) -> &[Reading] {
        self.forms.get(form).map(|v| &v[..]).unwrap_or(&[])
    }

    pub fn lemma(&self, id: u32) -> &str {
        &self.lemmas[id as usize]
    }

    pub fn lemma_id(&self, lemma: &str) -> Option<u32> {
        self.lemma_ids.get(lemma).copied()
    }

    /// The lemma of a noun, also as the head of a compound ("Strafzölle" → Zoll,
    /// "Gesundheitsminister" → Minister): the longest known noun form that ends the word and
    /// leaves at least three letters before it.
    pub fn noun_lemma(&self, word: &str) -> Option<u32> {
        if let Some(r) = self
            .readings(word)
            .iter()
            .find(|r| r.codes & code::NOUN != 0)
        {
            return Some(r.lemma);
        }
        let lower = word.to_lowercase();
        if let Some(&id) = self.heads.get(lower.as_str()) {
            return Some(id);
        }
        let mut starts = lower.char_indices().map(|(i, _)| i).skip(3);
        let lemma = starts.find_map(|i| {
            let tail = lower[i..].trim_start_matches('-');
            (tail.chars().count() >= 4)
                .then(|| self.heads.get(tail).copied())
                .flatten()
        });
        lemma
    }

    fn intern(&mut self, lemma: &str) -> u32 {
        if let Some(&id) = self.lemma_ids.get(lemma) {
            return id;
        }
        let id = self.lemmas.len() as u32;
        self.lemmas.push(lemma.into());
        self.lemma_ids.insert(lemma.into(), id);
        id
    }

    /// Builds the grammar from the valency file and the forms file; every problem is reported
    /// as (line, message) of `report`'s file.
    pub fn build(
        valency: &str,
        forms: &str,
        kinds: &[Kind],
        report: &mut dyn FnMut(bool, usize, String),
    ) -> Option<LangGrammar> {
        let raw: RawValency = match toml::from_str(valency) {
            Ok(r) => r,
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                report(
                    true,
                    offset,
                    format!("not valid grammar TOML: {}", e.message().trim()),
                );
                return None;
            }
        };
        let mut g = LangGrammar::default();
        for (n, line) in forms.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(form), Some(lemma), Some(codes)) = (parts.next(), parts.next(), parts.next())
            else {
                report(
                    false,
                    n + 1,
                    "a form line needs form, lemma and codes".into(),
                );
                continue;
            };
            // One reading per code: "verurteilte" is indicative past or Konjunktiv II, and
            // a test for "only subjunctive" must see them apart.
            let lemma = g.intern(lemma);
            let entry = g.forms.entry(form.into()).or_default();
            for c in codes.split(' ') {
                entry.push(Reading {
                    lemma,
                    codes: parse_code(c),
                });
            }
        }
        let kind_of = |k: &str| kinds.iter().position(|x| x.id == k);
        let with_forms: FxHashSet<u32> = g.forms.values().flatten().map(|r| r.lemma).collect();
        for (cues, noun) in [(&raw.verb, false), (&raw.noun, true)] {
            for c in cues {
                let Some(kind) = kind_of(&c.kind) else {
                    report(
                        true,
                        0,
                        format!(
                            "{}: unknown relation kind '{}' (see relations/kinds.toml)",
                            c.lemma, c.kind
                        ),
                    );
                    continue;
                };
                let mut rules = Vec::new();
                for r in &c.roles {
                    match Rule::parse(r.strip_suffix(" sich").unwrap_or(r)) {
                        Some(rule) => rules.push((r.clone(), rule)),
                        None => report(true, 0, format!("{}: rule '{r}' is not of the form A>B, A+B or A* with roles subj, obj, dat, poss, gen, lv, appos, host, att:NOUN, pp:PREP", c.lemma)),
                    }
                }
                let id = g.intern(&c.lemma);
                if noun && !with_forms.contains(&id) {
                    // A noun the lexicon lacks is still found as itself.
                    g.forms
                        .entry(c.lemma.as_str().into())
                        .or_default()
                        .push(Reading {
                            lemma: id,
                            codes: code::NOUN | code::CASES,
                        });
                }
                for compound in &c.compounds {
                    g.heads.insert(compound.to_lowercase().into(), id);
                }
                let light_verbs = c
                    .light_verbs
                    .iter()
                    .filter_map(|v| g.lemma_ids.get(v.as_str()).copied())
                    .collect();
                if !c.words.is_empty() {
                    if noun {
                        report(
                            true,
                            0,
                            format!("{}: only verbs have idioms (words)", c.lemma),
                        );
                        continue;
                    }
                    let idiom = Idiom {
                        words: c.words.iter().map(|w| w.as_str().into()).collect(),
                        kind,
                        rules,
                    };
                    g.cues
                        .entry(id)
                        .or_insert_with(|| Cue {
                            lemma: c.lemma.clone(),
                            kind,
                            rules: Vec::new(),
                            noun,
                            light_verbs: Vec::new(),
                            idioms: Vec::new(),
                        })
                        .idioms
                        .push(idiom);
                    continue;
                }
                let idioms = g.cues.remove(&id).map(|c| c.idioms).unwrap_or_default();
                g.cues.insert(
                    id,
                    Cue {
                        lemma: c.lemma.clone(),
                        kind,
                        rules,
                        noun,
                        light_verbs,
                        idioms,
                    },
                );
            }
        }
        // Separable cue verbs: a particle of the lexicon ("an", "zurück") and a verb lemma.
        let particles: FxHashSet<&str> = g
            .forms
            .iter()
            .filter(|(_, rs)| rs.iter().any(|r| r.codes & code::PARTICLE != 0))
            .map(|(f, _)| &**f)
            .collect();
        let mut bases = FxHashSet::default();
        for cue in g.cues.values().filter(|c| !c.noun) {
            for (i, _) in cue.lemma.char_indices().skip(1) {
                let (particle, base) = cue.lemma.split_at(i);
                if particles.contains(particle) {
                    if let Some(&id) = g.lemma_ids.get(base) {
                        bases.insert(id);
                    }
                }
            }
        }
        g.separable_bases = bases;
        let w = &raw.words;
        for (list, set) in [
            (&w.light_verbs, &mut g.light),
            (&w.receive_verbs, &mut g.receive),
        ] {
            for v in list {
                if let Some(&id) = g.lemma_ids.get(v.as_str()) {
                    set.insert(id);
                }
            }
        }
        let nouns = |list: &[String], which: u8, g: &mut LangGrammar| {
            for v in list {
                let id = g.intern(v);
                match which {
                    0 => g.agent.insert(id),
                    1 => g.thing.insert(id),
                    _ => g.relation.insert(id),
                };
                if !g.forms.contains_key(v.as_str()) {
                    g.forms.entry(v.as_str().into()).or_default().push(Reading {
                        lemma: id,
                        codes: code::NOUN | code::CASES,
                    });
                }
            }
        };
        nouns(&w.agent_nouns, 0, &mut g);
        nouns(&w.thing_nouns, 1, &mut g);
        nouns(&w.relation_nouns, 2, &mut g);
        g.negative = w
            .polarity_negative
            .iter()
            .map(|s| s.to_lowercase().into())
            .collect();
        g.positive = w
            .polarity_positive
            .iter()
            .map(|s| s.to_lowercase().into())
            .collect();
        g.breaking = w
            .relation_breaking
            .iter()
            .map(|s| s.as_str().into())
            .collect();
        // Compound heads: every noun form of a cue, agent, thing or relation noun.
        let wanted: FxHashSet<u32> = g
            .cues
            .iter()
            .filter(|(_, c)| c.noun)
            .map(|(&id, _)| id)
            .chain(g.agent.iter().copied())
            .chain(g.thing.iter().copied())
            .chain(g.relation.iter().copied())
            .collect();
        let mut heads: Vec<(Box<str>, u32)> = Vec::new();
        for (form, readings) in &g.forms {
            for r in readings {
                if r.codes & code::NOUN != 0 && wanted.contains(&r.lemma) {
                    heads.push((form.to_lowercase().into(), r.lemma));
                }
            }
        }
        heads.sort();
        for (f, id) in heads {
            g.heads.entry(f).or_insert(id);
        }
        Some(g)
    }
}

fn parse_code(c: &str) -> u32 {
    use code::*;
    match c {
        "AUX" => return AUX,
        "MOD" => return MOD,
        "NEB" => return NEB,
        "P2" => return P2,
        "PA" => return ATTR,
        "INF" => return INF,
        "ZU" => return ZU,
        "ADJ" => return ADJ,
        "NEG" => return NEG,
        _ => {}
    }
    if let Some(f) = c.strip_prefix('F') {
        if !f.contains(':') {
            let mut x = FIN;
            x |= if f.starts_with('s') { SG } else { PL };
            if f.ends_with("k1") {
                x |= K1;
            } else if f.ends_with("k2") {
                x |= K2;
            }
            return x;
        }
    }
    if let Some(n) = c.strip_prefix('N') {
        if !n.contains(':') {
            let mut x = NOUN;
            for ch in n.chars() {
                x |= match ch {
                    'n' => NOM,
                    'a' => AKK,
                    'd' => DAT,
                    'g' => GEN,
                    's' => SG,
                    'p' => PL,
                    _ => 0,
                };
            }
            return x;
        }
    }
    let parts: Vec<&str> = c.split(':').collect();
    let cases = parts.iter().fold(0, |acc, p| {
        acc | p.split('+').fold(0, |a, q| {
            a | match q {
                "NOM" => NOM,
                "AKK" => AKK,
                "DAT" => DAT,
                "GEN" => GEN,
                _ => 0,
            }
        })
    });
    let number = parts.iter().fold(0, |acc, p| {
        acc | match *p {
            "SIN" => SG,
            "PLU" => PL,
            _ => 0,
        }
    });
    match parts[0] {
        "ART" => ART | cases | number,
        "PRP" => PRP | cases,
        "KON" => match parts.get(1) {
            Some(&"UNT") => SUBORD,
            Some(&"NEB") => COORD,
            Some(&"INF") => INFCONJ,
            _ => 0,
        },
        "ZUS" => PARTICLE,
        "ADV" => ADV,
        "NEG" => NEG,
        "PRO" => {
            let kind = match parts.get(1) {
                // LanguageTool tags the relative "der, die, das" as demonstratives; the clause
                // splitter tells them by their verb-final clause.
                Some(&"REL" | &"DEM" | &"RIN") => REL,
                Some(&"POS") => POSS,
                _ => 0,
            };
            PRON | kind | cases | number
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse() {
        assert_eq!(
            Rule::parse("subj>pp:gegen"),
            Some(Rule::Directed(Role::Subj, Role::Pp("gegen".into())))
        );
        assert_eq!(
            Rule::parse("subj+obj"),
            Some(Rule::Pair(Role::Subj, Role::Obj))
        );
        assert_eq!(
            Rule::parse("pp:zwischen*"),
            Some(Rule::Among(Role::Pp("zwischen".into())))
        );
        assert_eq!(Rule::parse("subj>nowhere"), None);
        assert_eq!(Rule::parse("subj"), None);
    }

    #[test]
    fn codes_parse() {
        assert_eq!(parse_code("Fsk1"), code::FIN | code::SG | code::K1);
        assert_eq!(
            parse_code("Nadp"),
            code::NOUN | code::AKK | code::DAT | code::PL
        );
        assert_eq!(
            parse_code("ART:DEF:DAT:SIN:MAS"),
            code::ART | code::DAT | code::SG
        );
        assert_eq!(
            parse_code("PRP:LOK+TMP:DAT+AKK"),
            code::PRP | code::DAT | code::AKK
        );
        assert_eq!(parse_code("KON:UNT"), code::SUBORD);
    }
}
