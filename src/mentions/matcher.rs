//! Finding surface forms in text: one automaton over every gazetteer form (an Aho-Corasick
//! contiguous NFA, searched anchored), walked from each word start of the normalised text, so
//! that a form is only looked for where a word begins; candidates kept only where they also end a word, in
//! the document's language and written in the case the data demands; then leftmost-longest
//! selection.

use rustc_hash::{FxHashMap, FxHashSet};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::gazetteer::{Form, FormTarget, Gazetteer, LangSet};
use crate::text::normalize::{is_hyphen, normalize_form};
use crate::text::{is_alnum, swar, Normalized};

/// The compiled automaton for one gazetteer. Build it once per run and share it.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: NFA,
    /// Pattern id → indices into `Gazetteer::forms()` with that normalised text.
    forms: Vec<Vec<usize>>,
    /// Normalised words that may stand before a short name without being a first name.
    person_words: FxHashSet<String>,
    /// The first words of the patterns (hashed into a bit set, so a few more say yes).
    first_words: FirstWords,
}

/// A bit set over the hashed first words of the patterns (a pattern's first word runs to its
/// first character that is no letter or digit). A form must begin at a word start and end at a
/// word end, so it can only match where the text's word is its first word: a word whose hash
/// is not in the set begins no form.
#[derive(Debug, Clone)]
struct FirstWords {
    bits: Vec<u64>,
    /// First bytes of the patterns that begin with a character that is no letter or digit.
    other: [bool; 256],
}

impl FirstWords {
    const BITS: u32 = 18;

    /// The bit of the word `bytes[start..end]`. The word is read eight bytes at a time (the
    /// last piece masked to the word), so that a word costs one or two multiplications.
    #[inline(always)]
    fn slot(bytes: &[u8], start: usize, end: usize) -> usize {
        const K: u64 = 0x51_7C_C1_B7_27_22_0A_95;
        let mut h = (end - start) as u64;
        let mut i = start;
        while i + 8 <= end {
            let chunk = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
            h = (h ^ chunk).wrapping_mul(K).rotate_left(29);
            i += 8;
        }
        let rest = end - i;
        if rest > 0 {
            let chunk = if i + 8 <= bytes.len() {
                u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default())
                    & (u64::MAX >> (64 - 8 * rest))
            } else {
                let mut padded = [0u8; 8];
                padded[..rest].copy_from_slice(&bytes[i..end]);
                u64::from_le_bytes(padded)
            };
            h = (h ^ chunk).wrapping_mul(K);
        }
        (h >> (64 - Self::BITS)) as usize
    }

    fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> FirstWords {
        let mut f = FirstWords {
            bits: vec![0; 1 << (Self::BITS - 6)],
            other: [false; 256],
        };
        for p in patterns {
            let end = p
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(p.len(), |(i, _)| i);
            if end == 0 {
                if let Some(&b) = p.as_bytes().first() {
                    f.other[usize::from(b)] = true;
                }
            } else {
                let i = Self::slot(p.as_bytes(), 0, end);
                f.bits[i >> 6] |= 1 << (i & 63);
            }
        }
        f
    }

    /// False when no pattern has the word `bytes[start..end]` (letters and digits) as its
    /// first word.
    #[inline(always)]
    fn may_begin(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let i = Self::slot(bytes, start, end);
        self.bits[i >> 6] & (1 << (i & 63)) != 0
    }
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
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut person_words = FxHashSet::default();
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
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the gazetteer's patterns fit an automaton");
        Matcher {
            first_words: FirstWords::new(patterns.iter().map(String::as_str)),
            automaton,
            forms,
            person_words,
        }
    }

    /// Walks the automaton from `start` and reports (end, pattern) for every form that the
    /// text at `start` begins with.
    #[inline]
    fn walk(&self, hay: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let Ok(mut sid) = self.automaton.start_state(Anchored::Yes) else {
            return;
        };
        for (i, &b) in hay[start..].iter().enumerate() {
            sid = self.automaton.next_state(Anchored::Yes, sid, b);
            if self.automaton.is_special(sid) {
                if self.automaton.is_dead(sid) {
                    return;
                }
                if self.automaton.is_match(sid) {
                    let end = start + i + 1;
                    for k in 0..self.automaton.match_len(sid) {
                        let pid = self.automaton.match_pattern(sid, k);
                        // A match state also holds the forms that end here but begin later
                        // (suffixes): only those that begin at `start` count.
                        if self.automaton.pattern_len(pid) == i + 1 {
                            found(end, pid.as_usize());
                        }
                    }
                }
            }
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
        let mut add = |ns: usize, ne: usize, pattern: usize, glued_start: bool| {
            if !ends_word(hay, ne) {
                return;
            }
            if glued_start && !hay[ns..ne].contains(' ') {
                return;
            }
            let (start, end) = (norm.original_start(ns), norm.original_end(ne));
            let written = &original[start..end];
            let hyphen_after = hyphen_joins(original[end..].chars());
            let ok: Vec<usize> = self.forms[pattern]
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
                return;
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
        };
        // Every word start: the beginning, or a character after one that is no letter or
        // digit. A word is looked up whole; the automaton is walked only from a word that
        // begins some pattern.
        let bytes = hay.as_bytes();
        let mut p = 0;
        while p < bytes.len() {
            let (alnum, len) = char_class(hay, p);
            if alnum {
                let end = word_end(hay, p + len);
                if self.first_words.may_begin(bytes, p, end) {
                    self.walk(bytes, p, |e, pattern| add(p, e, pattern, false));
                }
                p = end;
                // The character after the word is no letter or digit: the one after it
                // begins a word.
                if p < bytes.len() {
                    p += char_class(hay, p).1;
                }
            } else {
                if self.first_words.other[usize::from(bytes[p])] {
                    self.walk(bytes, p, |e, pattern| add(p, e, pattern, false));
                }
                p += len;
            }
        }
        // A name of two words or more glued to the lower-case word before it by a missing
        // space ("jetztKim Jong-Un").
        for &ns in norm.glued_starts() {
            self.walk(bytes, ns, |end, pattern| add(ns, end, pattern, true));
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

/// Whether a match ending at byte `end` ends a word: no letter or digit right after. (It
/// begins one by construction: walks start only at word starts.)
fn ends_word(hay: &str, end: usize) -> bool {
    !hay[end..].chars().next().is_some_and(is_alnum)
}

/// Whether the character at byte `p` of `text` is a letter or digit, and its length.
#[inline(always)]
fn char_class(text: &str, p: usize) -> (bool, usize) {
    let b = text.as_bytes()[p];
    if b < 0x80 {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[p..].chars().next().unwrap_or_default();
        (is_alnum(c), c.len_utf8())
    }
}

/// ASCII letters and digits, by byte.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of letters and digits that goes on at byte `p` of `text`.
#[inline(always)]
fn word_end(text: &str, mut p: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        p = ascii_alnum_end(bytes, p);
        if p == bytes.len() || bytes[p] < 0x80 {
            return p;
        }
        let (alnum, len) = char_class(text, p);
        if !alnum {
            return p;
        }
        p += len;
    }
}

/// The end of the run of ASCII letters and digits at byte `p`, eight bytes at a time: a lane
/// stops the run when it is a byte of a non-ASCII character or is outside `0-9`, `A-Z`, `a-z`
/// (ranges tested on the low seven bits, so no lane carries into the next).
#[inline(always)]
fn ascii_alnum_end(bytes: &[u8], mut p: usize) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    while p + 8 <= bytes.len() {
        let v = u64::from_le_bytes(bytes[p..p + 8].try_into().unwrap_or_default());
        let x = v & LOW7;
        let letter = swar::within(x | swar::splat(0x20), b'a', b'z');
        let digit = swar::within(x, b'0', b'9');
        let stop = (!(letter | digit) | v) & swar::HIGH;
        if stop != 0 {
            return p + (stop.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    p + bytes[p..]
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len() - p)
}

/// `chars` (read away from a match) begin with a hyphen and then a letter or digit.
fn hyphen_joins(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next().is_some_and(is_hyphen) && chars.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_end_where_the_table_says() {
        let text =
            "abz09AZ@[`{/:-é x1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\x7f";
        let bytes = text.as_bytes();
        for p in 0..bytes.len() {
            let expected = p + bytes[p..]
                .iter()
                .position(|&b| !ASCII_ALNUM[usize::from(b)])
                .unwrap_or(bytes.len() - p);
            assert_eq!(ascii_alnum_end(bytes, p), expected, "at {p}");
        }
        for b in 0..=255u8 {
            let chunk = [b'a', b'a', b'a', b, b'a', b'a', b'a', b'a', b'a'];
            let expected = if b.is_ascii_alphanumeric() { 9 } else { 3 };
            assert_eq!(ascii_alnum_end(&chunk, 0), expected, "byte {b:#x}");
        }
    }

    #[test]
    fn boundaries() {
        assert!(ends_word("der iran ist", 8));
        assert!(!ends_word("irandom", 4));
        assert!(!ends_word("chinarestaurant", 5));
        assert!(ends_word("russia's", 6));
        assert!(hyphen_joins("-Präsident".chars()));
        assert!(!hyphen_joins(" – USA".chars()));
        assert!(hyphen_joins("-itnA".chars()));
    }
}
