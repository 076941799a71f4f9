//! Finding surface forms in text: one Aho-Corasick automaton over every gazetteer form, run on
//! the normalised text; candidates kept only where they are whole words, in the document's
//! language and written in the case the data demands; then leftmost-longest selection.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::gazetteer::{Form, FormTarget, Gazetteer, LangSet};
use crate::text::normalize::{is_hyphen, normalize_form};
use crate::text::Normalized;

/// The compiled automaton for one gazetteer. Build it once per run and share it.
#[derive(Debug, Clone)]
pub struct Matcher {
    ac: AhoCorasick,
    /// Pattern id → indices into `Gazetteer::forms()` with that normalised text.
    forms: Vec<Vec<usize>>,
    /// Normalised words that may stand before a short name without being a first name.
    person_words: HashSet<String>,
}

/// A stretch of text that one or more forms match, selected leftmost-longest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Byte offsets in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte offsets in the normalised text.
    pub norm_start: usize,
    pub norm_end: usize,
    /// Indices into `Gazetteer::forms()`, all matching this very stretch.
    pub forms: Vec<usize>,
    /// The original text goes on with a hyphen and another word ("US-Präsident").
    pub hyphen_after: bool,
    /// The original text has a word and a hyphen right before ("Anti-Trump").
    pub hyphen_before: bool,
}

impl Matcher {
    /// Compiles every form of `gaz` (person words go into a set, not the automaton).
    pub fn new(gaz: &Gazetteer) -> Matcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut forms: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut person_words = HashSet::new();
        for (i, f) in gaz.forms().iter().enumerate() {
            let key = normalize_form(&f.text);
            if matches!(f.target, FormTarget::PersonWord | FormTarget::Noun { .. }) {
                person_words.insert(key.clone());
            }
            if f.target == FormTarget::PersonWord {
                continue;
            }
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                forms.push(Vec::new());
                forms.len() - 1
            });
            forms[id].push(i);
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the gazetteer's patterns fit an automaton");
        Matcher {
            ac,
            forms,
            person_words,
        }
    }

    /// True if `word` (normalised) may stand before a short name without being a first name.
    pub fn is_person_word(&self, word: &str) -> bool {
        self.person_words.contains(word)
    }

    /// The selected slots in `original` (normalised as `norm`) for a document in `lang`.
    pub fn slots(
        &self,
        gaz: &Gazetteer,
        original: &str,
        norm: &Normalized,
        langs: LangSet,
    ) -> Vec<Slot> {
        let hay = norm.as_str();
        let mut candidates: Vec<Slot> = Vec::new();
        for m in self.ac.find_overlapping_iter(hay) {
            let (ns, ne) = (m.start(), m.end());
            let (before_ok, after_ok) = word_boundary(hay, ns, ne);
            if !after_ok {
                continue;
            }
            let (start, end) = (norm.original_start(ns), norm.original_end(ne));
            if !before_ok && !(hay[ns..ne].contains(' ') && glued(original, start)) {
                continue;
            }
            let written = &original[start..end];
            let hyphen_after = hyphen_joins(original[end..].chars());
            let ok: Vec<usize> = self.forms[m.pattern().as_usize()]
                .iter()
                .copied()
                .filter(|&i| {
                    let f: &Form = &gaz.forms()[i];
                    (f.lang.de && langs.de || f.lang.en && langs.en)
                        && (hyphen_after || !f.compound_only)
                        && f.case.accepts(written)
                })
                .collect();
            if ok.is_empty() {
                continue;
            }
            candidates.push(Slot {
                start,
                end,
                norm_start: ns,
                norm_end: ne,
                forms: ok,
                hyphen_after,
                hyphen_before: hyphen_joins(original[..start].chars().rev()),
            });
        }
        // Leftmost-longest: earliest start, then longest, then drop what overlaps a kept slot.
        candidates.sort_by_key(|s| (s.norm_start, std::cmp::Reverse(s.norm_end)));
        let mut kept: Vec<Slot> = Vec::new();
        for c in candidates {
            if kept.last().is_some_and(|k| c.norm_start < k.norm_end) {
                continue;
            }
            kept.push(c);
        }
        kept
    }
}

/// Whether the match begins and ends a word: (no letter or digit right before, none right
/// after).
fn word_boundary(hay: &str, start: usize, end: usize) -> (bool, bool) {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    (
        !before.is_some_and(char::is_alphanumeric),
        !after.is_some_and(char::is_alphanumeric),
    )
}

/// A capitalised name glued to the lower-case word before it by a missing space
/// ("jetztKim Jong-Un"): accepted for names of two words or more, where a word inside a
/// word is implausible.
fn glued(original: &str, start: usize) -> bool {
    let before = original[..start].chars().next_back();
    let first = original[start..].chars().next();
    before.is_some_and(char::is_lowercase) && first.is_some_and(char::is_uppercase)
}

/// `chars` (read away from a match) begin with a hyphen and then a letter or digit.
fn hyphen_joins(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next().is_some_and(is_hyphen) && chars.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert_eq!(word_boundary("der iran ist", 4, 8), (true, true));
        assert_eq!(word_boundary("irandom", 0, 4), (true, false));
        assert_eq!(word_boundary("chinarestaurant", 0, 5), (true, false));
        assert_eq!(word_boundary("russia's", 0, 6), (true, true));
        assert!(glued("jetztKim Jong-Un", 5));
        assert!(!glued("Vereinigte", 2));
        assert!(hyphen_joins("-Präsident".chars()));
        assert!(!hyphen_joins(" – USA".chars()));
        assert!(hyphen_joins("-itnA".chars()));
    }
}
