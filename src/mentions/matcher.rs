//! Finding surface forms in text: one trie over every gazetteer form, entered at each word
//! start of the normalised text through a table of the forms' first words, so that a form is
//! only looked for where a word begins and the first word costs one lookup, not a step per
//! byte; candidates kept only where they also end a word, in the document's language and
//! written in the case the data demands; then leftmost-longest selection.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::gazetteer::{Form, FormTarget, Gazetteer, LangSet};
use crate::text::normalize::{is_hyphen, normalize_form};
use crate::text::words::WordMap;
use crate::text::{ascii_alnum_end, is_alnum, Normalized};

/// The compiled forms of one gazetteer (the trie and its first-word table). Build it once per
/// run and share it.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The distinct normalised texts of the forms (the patterns).
    patterns: Patterns,
    /// Pattern id → indices into `Gazetteer::forms()` with that normalised text.
    forms: Vec<Vec<usize>>,
    /// Normalised words that may stand before a short name without being a first name.
    person_words: FxHashSet<String>,
}

/// A set of patterns, looked for where a word begins.
#[derive(Debug, Clone)]
struct Patterns {
    /// Every pattern, byte by byte.
    trie: Trie,
    /// The first words of the patterns, and the trie node each leads to.
    first_words: FirstWords,
}

/// No pattern ends at this node.
const NO_PATTERN: u32 = u32::MAX;

/// A trie node: its edges are `labels[edges..edges + len]` (sorted) with the nodes
/// `targets[..]` beside them.
#[derive(Debug, Clone, Copy)]
struct Node {
    edges: u32,
    len: u32,
    /// The pattern that ends here, or `NO_PATTERN`.
    pattern: u32,
}

/// The patterns as a trie over their bytes. Node 0 is the root. Only the prefixes of
/// patterns are nodes, so a walk ends at the first byte that no pattern goes on with.
#[derive(Debug, Clone)]
struct Trie {
    nodes: Vec<Node>,
    labels: Vec<u8>,
    targets: Vec<u32>,
}

/// Patterns (bytes, id) in sorted order.
type Group<'a> = &'a [(&'a [u8], u32)];

impl Trie {
    const ROOT: u32 = 0;

    /// The trie of `patterns` (distinct), whose ids are their indices. An empty pattern
    /// would match everywhere and is left out.
    fn new(patterns: &[String]) -> Trie {
        let mut sorted: Vec<(&[u8], u32)> = patterns
            .iter()
            .zip(0u32..)
            .filter(|(p, _)| !p.is_empty())
            .map(|(p, id)| (p.as_bytes(), id))
            .collect();
        sorted.par_sort_unstable();
        let mut trie = Trie {
            nodes: vec![Node {
                edges: 0,
                len: 0,
                pattern: NO_PATTERN,
            }],
            labels: Vec::new(),
            targets: Vec::new(),
        };
        // Each entry is a node and the sorted patterns that run through it, which share
        // their first `depth` bytes. (A loop, not recursion: a form may be long.)
        let mut todo: Vec<(u32, Group, usize)> = vec![(Self::ROOT, &sorted[..], 0)];
        while let Some((node, mut group, depth)) = todo.pop() {
            if let Some(&(p, id)) = group.first() {
                if p.len() == depth {
                    trie.nodes[node as usize].pattern = id;
                    group = &group[1..];
                }
            }
            // One edge per byte the patterns go on with; their runs are contiguous, as the
            // group is sorted.
            trie.nodes[node as usize].edges = trie.labels.len() as u32;
            let mut i = 0;
            while i < group.len() {
                let b = group[i].0[depth];
                let mut j = i + 1;
                while j < group.len() && group[j].0[depth] == b {
                    j += 1;
                }
                let child = trie.nodes.len() as u32;
                trie.nodes.push(Node {
                    edges: 0,
                    len: 0,
                    pattern: NO_PATTERN,
                });
                trie.labels.push(b);
                trie.targets.push(child);
                trie.nodes[node as usize].len += 1;
                todo.push((child, &group[i..j], depth + 1));
                i = j;
            }
        }
        trie
    }

    /// The node that `node` goes on to with byte `b`.
    #[inline(always)]
    fn next(&self, node: u32, b: u8) -> Option<u32> {
        let n = self.nodes[node as usize];
        let (start, end) = (n.edges as usize, (n.edges + n.len) as usize);
        let k = self.labels[start..end].iter().position(|&l| l == b)?;
        Some(self.targets[start + k])
    }

    /// The node that `bytes` lead to from the root.
    fn find(&self, bytes: &[u8]) -> Option<u32> {
        bytes
            .iter()
            .try_fold(Self::ROOT, |node, &b| self.next(node, b))
    }
}

/// The first words of the patterns (a pattern's first word runs to its first character that
/// is no letter or digit), each with the trie node it leads to. A form must begin at a word
/// start and end at a word end, so it can only match where the text's word is its first word:
/// the walk begins at that word's node, and a word that is no pattern's first word begins no
/// form. (Nine words in ten begin no form: the map's filter turns most of them away.)
#[derive(Debug, Clone)]
struct FirstWords {
    /// First word → trie node.
    nodes: WordMap,
    /// First bytes of the patterns that begin with a character that is no letter or digit.
    other: [bool; 256],
}

impl FirstWords {
    fn new(patterns: &[String], trie: &Trie) -> FirstWords {
        let mut words: Vec<&[u8]> = Vec::new();
        let mut other = [false; 256];
        for p in patterns {
            let end = p
                .char_indices()
                .find(|&(_, c)| !is_alnum(c))
                .map_or(p.len(), |(i, _)| i);
            if end == 0 {
                if let Some(&b) = p.as_bytes().first() {
                    other[usize::from(b)] = true;
                }
            } else {
                words.push(&p.as_bytes()[..end]);
            }
        }
        words.sort_unstable();
        words.dedup();
        let mut nodes = WordMap::new();
        for w in words {
            // Every first word is a prefix of a pattern, so the trie has its node.
            if let Some(node) = trie.find(w) {
                nodes.insert(w, node);
            }
        }
        FirstWords { nodes, other }
    }

    /// The trie node after the word `bytes[start..end]` (letters and digits), if it is the
    /// first word of a pattern.
    #[inline(always)]
    fn node(&self, bytes: &[u8], start: usize, end: usize) -> Option<u32> {
        self.nodes.get(bytes, start, end)
    }
}

impl Patterns {
    /// The patterns (their ids are their indices).
    fn new(patterns: &[String]) -> Patterns {
        let trie = Trie::new(patterns);
        Patterns {
            first_words: FirstWords::new(patterns, &trie),
            trie,
        }
    }

    /// Walks the trie on from `node`, which stands for the text up to `at`, and reports (end,
    /// pattern) for every pattern that ends at `at` or later.
    #[inline]
    fn walk(&self, hay: &[u8], mut at: usize, mut node: u32, mut found: impl FnMut(usize, usize)) {
        loop {
            let pattern = self.trie.nodes[node as usize].pattern;
            if pattern != NO_PATTERN {
                found(at, pattern as usize);
            }
            let Some(&b) = hay.get(at) else { return };
            match self.trie.next(node, b) {
                Some(next) => node = next,
                None => return,
            }
            at += 1;
        }
    }

    /// Reports (end, pattern) for every pattern that the text at `start` (a word start)
    /// begins with and that ends at a word end (and maybe some that end inside a word);
    /// `word_end` is the end of the word there if it begins with a letter or digit.
    #[inline(always)]
    fn starts_at(
        &self,
        hay: &[u8],
        start: usize,
        word_end: Option<usize>,
        found: impl FnMut(usize, usize),
    ) {
        match word_end {
            Some(end) => {
                if let Some(node) = self.first_words.node(hay, start, end) {
                    self.walk(hay, end, node, found);
                }
            }
            None => {
                if self.first_words.other[usize::from(hay[start])] {
                    self.walk(hay, start, Trie::ROOT, found);
                }
            }
        }
    }
}

/// The slots of one text, and the forms each matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slots {
    /// In order of their start; none overlaps another.
    pub slots: Vec<Slot>,
    /// The form indices of every slot, one after the other (`Slot::forms` is a range in it).
    forms: Vec<usize>,
}

impl Slots {
    /// Indices into `Gazetteer::forms()`, all matching the very stretch of `slot`, in order.
    pub fn forms(&self, slot: &Slot) -> &[usize] {
        &self.forms[slot.forms.clone()]
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
    /// Where the forms it matches are in `Slots`: see `Slots::forms`.
    forms: std::ops::Range<usize>,
    /// The original text goes on with a hyphen and another word ("US-Präsident").
    pub hyphen_after: bool,
    /// The original text has a word and a hyphen right before ("Anti-Trump").
    pub hyphen_before: bool,
}

impl Matcher {
    /// Compiles every form of `gaz` (person words go into a set, not the trie).
    pub fn new(gaz: &Gazetteer) -> Matcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut forms: Vec<Vec<usize>> = Vec::new();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut person_words = FxHashSet::default();
        // Normalising the forms is the larger part of the work here: it runs in parallel.
        let keys: Vec<String> = gaz
            .forms()
            .par_iter()
            .map(|f| normalize_form(&f.text))
            .collect();
        for (i, (f, key)) in gaz.forms().iter().zip(keys).enumerate() {
            // Office nouns stand before names ("Präsident Lee"); institution nouns do not
            // ("Marine Le Pen" is no navy's).
            let person_word = match &f.target {
                FormTarget::PersonWord => true,
                FormTarget::Noun { office } => !gaz.office(office).is_some_and(|o| o.institution),
                _ => false,
            };
            if person_word {
                person_words.insert(key.clone());
            }
            if f.target == FormTarget::PersonWord {
                continue;
            }
            let id = match index.get(&key) {
                Some(&id) => id,
                None => {
                    index.insert(key.clone(), patterns.len());
                    patterns.push(key);
                    forms.push(Vec::new());
                    forms.len() - 1
                }
            };
            forms[id].push(i);
        }
        Matcher {
            patterns: Patterns::new(&patterns),
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
    ) -> Slots {
        let hay = norm.as_str();
        // Room for a candidate every 256 bytes (de-news has a mention about every 330), so
        // that the vectors mostly do not grow.
        let room = hay.len() / 256 + 4;
        let mut candidates: Vec<Slot> = Vec::with_capacity(room);
        // The forms of every candidate, kept or not, one after the other: one vector for
        // the text, not one per candidate.
        let mut forms: Vec<usize> = Vec::with_capacity(room);
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
            let first = forms.len();
            forms.extend(self.forms[pattern].iter().copied().filter(|&i| {
                let f: &Form = &gaz.forms()[i];
                f.lang.meets(langs) && (hyphen_after || !f.compound_only) && f.case.accepts(written)
            }));
            if forms.len() == first {
                return;
            }
            candidates.push(Slot {
                start,
                end,
                norm_start: ns,
                norm_end: ne,
                forms: first..forms.len(),
                hyphen_after,
                hyphen_before: hyphen_joins(original[..start].chars().rev()),
            });
        };
        // Every word start: the beginning, or a character after one that is no letter or
        // digit. A word is looked up whole; the trie is walked on only from a word that
        // begins some pattern.
        let bytes = hay.as_bytes();
        let mut p = 0;
        while p < bytes.len() {
            let (alnum, len) = char_class(hay, p);
            if alnum {
                let end = word_end(hay, p + len);
                self.patterns
                    .starts_at(bytes, p, Some(end), |e, pattern| add(p, e, pattern, false));
                p = end;
                // The character after the word is no letter or digit: the one after it
                // begins a word.
                if p < bytes.len() {
                    p += char_class(hay, p).1;
                }
            } else {
                self.patterns
                    .starts_at(bytes, p, None, |e, pattern| add(p, e, pattern, false));
                p += len;
            }
        }
        // A name of two words or more glued to the lower-case word before it by a missing
        // space ("jetztKim Jong-Un").
        for &ns in norm.glued_starts() {
            let (alnum, len) = char_class(hay, ns);
            let end = alnum.then(|| word_end(hay, ns + len));
            self.patterns
                .starts_at(bytes, ns, end, |e, pattern| add(ns, e, pattern, true));
        }
        // Leftmost-longest: earliest start, then longest, then drop what overlaps a kept slot.
        candidates.sort_by_key(|s| (s.norm_start, std::cmp::Reverse(s.norm_end)));
        let mut kept: Vec<Slot> = Vec::with_capacity(candidates.len());
        for c in candidates {
            if kept.last().is_some_and(|k| c.norm_start < k.norm_end) {
                continue;
            }
            kept.push(c);
        }
        let kept = self.add_elliptic(gaz, original, norm, langs, kept, &mut forms);
        Slots { slots: kept, forms }
    }

    /// Adds the first parts of elliptic compounds to the selected `kept` slots: a word that a
    /// coordinating word ("und", "oder", "sowie"; "and", "or") joins to a slot, and whose
    /// compound with the slot's head is a form of an actor of the same kind ("Nord- und
    /// Südkorea", "Süd- oder Nordkoreas", "nord- und südkoreanische"; "North and South
    /// Korea"). A German first part ends in a hyphen and takes any tail of the slot's first
    /// word, or its later words ("Nord- und Süd-Korea"); a word without a hyphen takes only
    /// the slot's later words ("North and South Korea"), so that "Russland und Südkorea"
    /// stays as it is. The new slot spans the word and its hyphen, and matches the forms
    /// that the completed compound matches.
    fn add_elliptic(
        &self,
        gaz: &Gazetteer,
        original: &str,
        norm: &Normalized,
        langs: LangSet,
        kept: Vec<Slot>,
        forms: &mut Vec<usize>,
    ) -> Vec<Slot> {
        let hay = norm.as_str();
        let mut added: Vec<(usize, Slot)> = Vec::new();
        for (i, k) in kept.iter().enumerate() {
            let free_from = if i == 0 { 0 } else { kept[i - 1].norm_end };
            if let Some(slot) =
                self.elliptic_before(gaz, original, norm, hay, langs, k, free_from, forms)
            {
                added.push((i, slot));
            }
        }
        if added.is_empty() {
            return kept;
        }
        let mut out = Vec::with_capacity(kept.len() + added.len());
        let mut added = added.into_iter().peekable();
        for (i, k) in kept.into_iter().enumerate() {
            if let Some((_, slot)) = added.next_if(|(j, _)| *j == i) {
                out.push(slot);
            }
            out.push(k);
        }
        out
    }

    /// The first part of an elliptic compound right before slot `k`, with nothing of another
    /// slot before `free_from` (see `add_elliptic`); its forms are appended to `forms`.
    #[allow(clippy::too_many_arguments)]
    fn elliptic_before(
        &self,
        gaz: &Gazetteer,
        original: &str,
        norm: &Normalized,
        hay: &str,
        langs: LangSet,
        k: &Slot,
        free_from: usize,
        forms: &mut Vec<usize>,
    ) -> Option<Slot> {
        // "nord und südkorea": the word before the slot is a coordinating word ...
        let before = hay[..k.norm_start].strip_suffix(' ')?;
        // ("bzw." keeps its full stop)
        let before_stop = before.strip_suffix('.').unwrap_or(before);
        let conj_start = word_start(before_stop);
        let conj = &before_stop[conj_start..];
        let lex = gaz.lexicon();
        let id = lex.vocab.id(conj);
        if conj.is_empty()
            || !langs
                .langs()
                .any(|l| lex.modifiers(l).coordination.contains(id))
        {
            return None;
        }
        // ... and the word before that is the first part, free of other slots.
        let part = before[..conj_start].strip_suffix(' ')?;
        let w_start = word_start(part);
        let w = &part[w_start..];
        // A part inside a longer compound ("Nord-Süd- und Ost-West-Konflikt") is none.
        if w.chars().count() < 2 || w_start < free_from {
            return None;
        }
        let (start, w_end) = (norm.original_start(w_start), norm.original_end(part.len()));
        if original[start..k.start].contains(['\n', '\r'])
            || hyphen_joins(original[..start].chars().rev())
        {
            return None;
        }
        let mut after = original[w_end..].chars();
        let hyphen =
            after.next().is_some_and(is_hyphen) && after.next().is_some_and(char::is_whitespace);
        let head = &hay[k.norm_start..k.norm_end];
        let first_end = head.find(' ').unwrap_or(head.len());
        let kinds: Vec<_> = self.slot_actor_kinds(gaz, k, forms);
        if kinds.is_empty() {
            return None;
        }
        // The tails of the slot that may complete the part: the longest head first.
        let tails = head
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i > 0 && i < first_end && hyphen)
            .chain((first_end < head.len()).then_some(first_end));
        for cut in tails {
            let completed = format!("{w}{}", &head[cut..]);
            let Some(pattern) = self.pattern_of(&completed) else {
                continue;
            };
            let written = format!(
                "{}{}",
                &original[start..w_end],
                &original[norm.original_start(k.norm_start + cut)..k.end]
            );
            let first = forms.len();
            forms.extend(self.forms[pattern].iter().copied().filter(|&i| {
                let f: &Form = &gaz.forms()[i];
                matches!(f.target, FormTarget::Actor(a) if kinds.contains(&gaz.actor(a).kind))
                    && f.lang.meets(langs)
                    && !f.compound_only
                    && f.case.accepts(&written)
            }));
            if forms.len() == first {
                continue;
            }
            let end = if hyphen {
                w_end + original[w_end..].chars().next().map_or(0, char::len_utf8)
            } else {
                w_end
            };
            return Some(Slot {
                start,
                end,
                norm_start: w_start,
                norm_end: part.len(),
                forms: first..forms.len(),
                hyphen_after: false,
                hyphen_before: false,
            });
        }
        None
    }

    /// The kinds of the actors whose forms slot `k` matches.
    fn slot_actor_kinds(
        &self,
        gaz: &Gazetteer,
        k: &Slot,
        forms: &[usize],
    ) -> Vec<crate::gazetteer::ActorKind> {
        let mut kinds = Vec::new();
        for &i in &forms[k.forms.clone()] {
            if let FormTarget::Actor(a) = gaz.forms()[i].target {
                let kind = gaz.actor(a).kind;
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
        }
        kinds
    }

    /// The pattern that is exactly `text` (normalised), if there is one.
    fn pattern_of(&self, text: &str) -> Option<usize> {
        let node = self.patterns.trie.find(text.as_bytes())?;
        let pattern = self.patterns.trie.nodes[node as usize].pattern;
        (pattern != NO_PATTERN).then_some(pattern as usize)
    }
}

/// The start of the run of letters and digits that ends `text`.
fn word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| !is_alnum(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
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

/// `chars` (read away from a match) begin with a hyphen and then a letter or digit.
fn hyphen_joins(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next().is_some_and(is_hyphen) && chars.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (end, pattern) of every pattern that `starts_at` finds at the word start `p` of `hay`
    /// and that ends a word there.
    fn found_at(pats: &Patterns, hay: &str, p: usize) -> Vec<(usize, usize)> {
        let (alnum, len) = char_class(hay, p);
        let word_end = alnum.then(|| word_end(hay, p + len));
        let mut found = Vec::new();
        pats.starts_at(hay.as_bytes(), p, word_end, |e, id| {
            if ends_word(hay, e) {
                found.push((e, id));
            }
        });
        found.sort_unstable();
        found
    }

    proptest! {
        /// At every word start, the trie entered through the first-word table finds exactly
        /// the patterns that the text there begins with and that end a word.
        #[test]
        fn patterns_are_found_where_the_text_begins_with_them(
            mut patterns in prop::collection::vec("[abä0][ab0ä .-]{0,7}|[ .-][abä]{0,3}|", 1..16),
            hay in "[abä0 .-]{0,48}",
        ) {
            patterns.sort();
            patterns.dedup();
            let pats = Patterns::new(&patterns);
            let mut boundaries: Vec<usize> = hay.char_indices().map(|(i, _)| i).collect();
            boundaries.push(hay.len());
            for &p in &boundaries[..boundaries.len() - 1] {
                if hay[..p].chars().next_back().is_some_and(is_alnum) {
                    continue;
                }
                let mut expected: Vec<(usize, usize)> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, pat)| {
                        !pat.is_empty() && hay[p..].starts_with(pat.as_str())
                            && ends_word(&hay, p + pat.len())
                    })
                    .map(|(id, pat)| (p + pat.len(), id))
                    .collect();
                expected.sort_unstable();
                prop_assert_eq!(found_at(&pats, &hay, p), expected, "at {}", p);
            }
        }
    }

    #[test]
    fn a_very_long_form_builds_and_matches() {
        // A user's gazetteer may hold anything: building the trie must not recurse per byte.
        let long = format!("{} b", "a".repeat(1 << 20));
        let pats = Patterns::new(std::slice::from_ref(&long));
        let hay = format!("{long}, c");
        assert_eq!(found_at(&pats, &hay, 0), vec![(long.len(), 0)]);
    }

    #[test]
    fn first_words_compare_whole_at_every_length_and_place() {
        // Words of 1 to 40 bytes, looked up at the end of the text (where a load of eight
        // bytes would run past it) and before more text, against words that differ from
        // them in one byte or in length.
        for len in 1..=40usize {
            let word: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            let pats = Patterns::new(std::slice::from_ref(&word));
            for tail in ["", " x", " and more text after it"] {
                let hay = format!("{word}{tail}");
                assert_eq!(found_at(&pats, &hay, 0), vec![(len, 0)], "{hay:?}");
                for k in 0..len {
                    let mut other = word.clone().into_bytes();
                    other[k] = b'z';
                    if other[k] == word.as_bytes()[k] {
                        other[k] = b'y';
                    }
                    let other = String::from_utf8(other).unwrap_or_default();
                    let hay = format!("{other}{tail}");
                    assert!(
                        found_at(&pats, &hay, 0).is_empty(),
                        "{hay:?} is not {word:?}"
                    );
                }
                let longer = format!("{word}q{tail}");
                assert!(found_at(&pats, &longer, 0).is_empty(), "{longer:?}");
                let shorter = format!("{}{tail}", &word[..len - 1]);
                if !shorter.is_empty() {
                    assert!(found_at(&pats, &shorter, 0).is_empty(), "{shorter:?}");
                }
            }
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
