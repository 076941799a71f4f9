//! The relation lexicon: kinds, frames, cues and modifier words from `gazetteer/relations/`,
//! validated at load and compiled for the relation stage.

use std::collections::{HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

/// A normalised word of the relation lexicon, interned in its [`Vocab`]. The relation stage
/// compares words for every token of every sentence that names two actors: as numbers, with
/// every word the lexicon does not know the same [`UNKNOWN`], it looks nothing up for most.
pub type WordId = u32;

/// The id of every word no list, cue or frame of the lexicon names.
pub const UNKNOWN: WordId = u32::MAX;

/// Ids of single characters that are no letter or digit (punctuation tokens): this bit and
/// the character, so that they need no table and a punctuation token compares with them.
const PUNCT: WordId = 1 << 31;

/// The words of a lexicon and their ids. Two words have the same id exactly when they are the
/// same string (or both unknown, which no lexicon word is).
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    ids: FxHashMap<String, WordId>,
    words: Vec<String>,
    /// The words of ASCII letters, digits, apostrophes and full stops, which a text's word
    /// is looked up in without being normalised (lower-casing is all normalisation does to
    /// such a word).
    plain: WordMap,
}

impl Vocab {
    /// The id of a single character that is no letter or digit.
    pub const fn punct(c: char) -> WordId {
        PUNCT | c as u32
    }

    fn single_punct(word: &str) -> Option<WordId> {
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !is_alnum(c) => Some(Self::punct(c)),
            _ => None,
        }
    }

    /// The id of a normalised word, given it one if it has none.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(id) = Self::single_punct(word) {
            return id;
        }
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId::try_from(self.words.len())
            .ok()
            .filter(|&id| id < PUNCT)
            .expect("fewer than 2^31 lexicon words");
        self.ids.insert(word.to_string(), id);
        self.words.push(word.to_string());
        if is_plain(word) {
            self.plain.insert(word.as_bytes(), id);
        }
        id
    }

    /// The id of a normalised word; [`UNKNOWN`] if the lexicon does not name it.
    pub fn id(&self, word: &str) -> WordId {
        if let Some(id) = Self::single_punct(word) {
            return id;
        }
        self.ids.get(word).copied().unwrap_or(UNKNOWN)
    }

    /// The id of a word as written, normalised into `buf` (no allocation once `buf` has grown).
    /// Nine in ten words of German news are ASCII letters, digits, apostrophes and full stops:
    /// they are looked up with their capitals lower-cased on the way, with no copy, unless
    /// the word is one character that may be punctuation.
    pub fn lookup(&self, written: &str, buf: &mut String) -> WordId {
        if written.len() > 1
            || written
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
        {
            if let Ok(found) = self.plain.get_folded(written.as_bytes()) {
                return found.unwrap_or(UNKNOWN);
            }
        }
        normalize_form_into(written, buf);
        self.id(buf)
    }

    /// The word of an id (empty for [`UNKNOWN`]).
    pub fn word(&self, id: WordId) -> std::borrow::Cow<'_, str> {
        if id == UNKNOWN {
            return "".into();
        }
        if id & PUNCT != 0 {
            return char::from_u32(id & !PUNCT)
                .map_or(String::new(), String::from)
                .into();
        }
        self.words[id as usize].as_str().into()
    }
}

/// A word of ASCII letters, digits, apostrophes and full stops (see `Vocab::plain`).
fn is_plain(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(only_lower_cased)
}

/// A set of normalised words.
#[derive(Debug, Clone, Default)]
pub struct WordSet(FxHashSet<WordId>);

impl WordSet {
    pub fn extend(&mut self, vocab: &mut Vocab, words: impl IntoIterator<Item = String>) {
        for w in words {
            self.0.insert(vocab.intern(&w));
        }
    }

    pub fn contains(&self, word: WordId) -> bool {
        word != UNKNOWN && self.0.contains(&word)
    }
}

use serde::Deserialize;
use toml::Spanned;

use crate::text::normalize::{normalize_form, normalize_form_into, only_lower_cased};
use crate::text::words::WordMap;
use crate::text::{is_alnum, Lang};

/// The three families of relations.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Allies,
    Meets,
    Opposes,
}

impl Family {
    pub fn parse(s: &str) -> Option<Family> {
        match s {
            "allies" => Some(Family::Allies),
            "meets" => Some(Family::Meets),
            "opposes" => Some(Family::Opposes),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Allies => "allies",
            Family::Meets => "meets",
            Family::Opposes => "opposes",
        }
    }
}

/// A kind of relation.
#[derive(Debug, Clone)]
pub struct Kind {
    pub id: String,
    pub family: Family,
    pub directed: bool,
    pub cameo: String,
    pub plover: String,
    /// The kind a mention becomes when its cue follows an intent word ("will visit", "agreed
    /// to meet": CAMEO codes the stated intent, not the event).
    pub intent: Option<usize>,
    /// The kind a mention becomes when its cue follows a refusal ("refused to meet", "would not
    /// provide support": a rejection, CAMEO 12, rather than a negated meeting).
    pub refusal: Option<usize>,
    /// The kind a mention becomes when both its actors are people ("Biden attacked Trump"
    /// is criticism).
    pub between_people: Option<usize>,
}

/// One element of a frame pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Source,
    Target,
    /// A coordination of two or more actors, related among themselves.
    Pair,
    Cue,
    /// Up to this many tokens that are not actors.
    Gap(usize),
    /// One of these words; optional if the flag is set.
    Word(Vec<WordId>, bool),
    /// Not one of these words here (the end of the sentence will do); takes no token.
    Not(Vec<WordId>),
}

/// A frame: a pattern of elements around a cue.
#[derive(Debug, Clone)]
pub struct Frame {
    pub id: String,
    pub lang: Lang,
    pub elements: Vec<Element>,
    pub confidence: f32,
}

/// A cue: the forms of a word or phrase that signal a kind of relation, and its frames.
#[derive(Debug, Clone)]
pub struct Cue {
    pub id: String,
    pub lang: Lang,
    pub kind: usize,
    pub frames: Vec<usize>,
    pub confidence: f32,
}

/// Word sequences (a modifier list), indexed by their first word.
#[derive(Debug, Clone, Default)]
pub struct SeqList {
    by_first: FxHashMap<WordId, Vec<Vec<WordId>>>,
}

impl SeqList {
    pub fn extend(&mut self, vocab: &mut Vocab, seqs: impl IntoIterator<Item = Vec<String>>) {
        for s in seqs {
            let s: Vec<WordId> = s.iter().map(|w| vocab.intern(w)).collect();
            if let Some(&first) = s.first() {
                self.by_first.entry(first).or_default().push(s);
            }
        }
    }

    /// The sequences that begin with `word`.
    pub fn starting_with(&self, word: WordId) -> &[Vec<WordId>] {
        if word == UNKNOWN {
            return &[];
        }
        self.by_first.get(&word).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// Modifier word lists of one language (each entry a sequence of normalised tokens).
#[derive(Debug, Clone, Default)]
pub struct Modifiers {
    pub negation: SeqList,
    pub not_negation: SeqList,
    pub hedge: SeqList,
    pub reporting: SeqList,
    /// Reporting words before their speaker: prepositions ("laut KCNA", "according to
    /// Reuters").
    pub reporting_before: SeqList,
    /// Reporting words after their speaker: postpositions ("KCNA zufolge").
    pub reporting_after: SeqList,
    pub comparison: WordSet,
    pub locative: WordSet,
    pub participant_head: WordSet,
    pub skip: WordSet,
    pub coordination: WordSet,
    pub pronoun: WordSet,
    /// Words of intent before a cue ("will", "agreed to"): see [`Kind::intent`].
    pub intent: SeqList,
    /// Words of refusal before a cue ("refused to", "would not"): see [`Kind::refusal`].
    pub refusal: SeqList,
    /// Subject pronouns right after a reporting verb that stand for its speaker ("Russia said
    /// it had expelled ...").
    pub speaker_pronoun: WordSet,
    /// Words that open a relative clause or appositive after an actor and a comma (", der",
    /// ", who").
    pub relative: WordSet,
    /// Locative words of place ("in", "at"): a venue after one is an adjunct a frame's gap
    /// may pass over.
    pub place: WordSet,
    /// Coordinating words after which a lower-case cue is a second verb of the clause's
    /// subject ("reiste nach Deutschland und traf dort Merz").
    pub verb_coordination: WordSet,
    /// Attributes right before a cue that say the event did not take place ("the cancelled
    /// summit", "das abgesagte Treffen").
    pub cancelled: SeqList,
}

/// First token of a cue form → (cue index, the form's tokens, subjunctive).
pub type CueIndex = FxHashMap<WordId, Vec<(usize, Vec<WordId>, bool)>>;

/// The compiled relation lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub kinds: Vec<Kind>,
    pub frames: Vec<Frame>,
    pub cues: Vec<Cue>,
    /// Per language: first token of a cue form → (cue index, the form's tokens, subjunctive).
    pub cue_index: [CueIndex; 2],
    pub modifiers: [Modifiers; 2],
    /// Every word of the cues, frames and modifiers.
    pub vocab: Vocab,
}

pub fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::De => 0,
        Lang::En => 1,
    }
}

impl Lexicon {
    pub fn modifiers(&self, lang: Lang) -> &Modifiers {
        &self.modifiers[lang_slot(lang)]
    }

    pub fn kind_by_id(&self, id: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.id == id)
    }
}

/// Splits a form into normalised tokens: words and single punctuation characters.
pub fn tokens_of(s: &str) -> Vec<String> {
    let norm = normalize_form(s);
    let mut out = Vec::new();
    let mut word = String::new();
    for c in norm.chars() {
        if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

// ---------------------------------------------------------------- raw formats

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKind {
    id: Spanned<String>,
    family: Spanned<String>,
    directed: bool,
    cameo: String,
    plover: String,
    intent: Option<Spanned<String>>,
    refusal: Option<Spanned<String>>,
    between_people: Option<Spanned<String>>,
    #[allow(dead_code)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFrame {
    id: Spanned<String>,
    lang: Spanned<String>,
    pattern: Spanned<String>,
    confidence: Option<f32>,
    #[allow(dead_code)]
    example: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCue {
    id: Spanned<String>,
    lang: Spanned<String>,
    kind: Spanned<String>,
    forms: Vec<String>,
    #[serde(default)]
    subjunctive: Vec<String>,
    frames: Vec<Spanned<String>>,
    confidence: Option<f32>,
    #[allow(dead_code)]
    example: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawModifier {
    lang: Spanned<String>,
    kind: Spanned<String>,
    forms: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

/// Reports a problem at a byte offset of the current file.
pub(super) type Complain<'a> = dyn FnMut(usize, String) + 'a;

fn parse_lang(s: &Spanned<String>, complain: &mut Complain) -> Option<Vec<Lang>> {
    match s.get_ref().as_str() {
        "de" => Some(vec![Lang::De]),
        "en" => Some(vec![Lang::En]),
        "any" => Some(vec![Lang::De, Lang::En]),
        other => {
            complain(
                s.span().start,
                format!("unknown language {other:?} (expected de, en or any)"),
            );
            None
        }
    }
}

fn parse_pattern(p: &str, vocab: &mut Vocab) -> Result<Vec<Element>, String> {
    let mut out = Vec::new();
    for part in p.split_whitespace() {
        out.push(match part {
            "X" => Element::Source,
            "Y" => Element::Target,
            "XY" => Element::Pair,
            "CUE" => Element::Cue,
            "~" => Element::Gap(6),
            "~~" => Element::Gap(15),
            w if w.starts_with('!') => {
                let alts: Vec<String> = w[1..].split('|').map(normalize_form).collect();
                if alts.iter().any(|a| a.is_empty() || a.contains(' ')) {
                    return Err(format!(
                        "bad word {part:?} in pattern (!word, or !a|b: none of these words)"
                    ));
                }
                Element::Not(alts.iter().map(|a| vocab.intern(a)).collect())
            }
            w => {
                let (w, optional) = match w.strip_suffix('?') {
                    Some(w) => (w, true),
                    None => (w, false),
                };
                let alts: Vec<String> = w.split('|').map(normalize_form).collect();
                if alts.iter().any(|a| a.is_empty() || a.contains(' ')) {
                    return Err(format!(
                        "bad word {part:?} in pattern (one word, or alternatives a|b)"
                    ));
                }
                Element::Word(alts.iter().map(|a| vocab.intern(a)).collect(), optional)
            }
        });
    }
    let count = |e: &Element| out.iter().filter(|x| *x == e).count();
    if count(&Element::Cue) != 1 {
        return Err("a pattern has exactly one CUE".into());
    }
    let pair = count(&Element::Pair);
    let (src, tgt) = (count(&Element::Source), count(&Element::Target));
    if !((pair == 1 && src == 0 && tgt == 0) || (pair == 0 && src == 1 && tgt == 1)) {
        return Err("a pattern has one X and one Y, or one XY".into());
    }
    Ok(out)
}

/// Collects the relation tables of all files, then compiles them.
#[derive(Default)]
pub(super) struct LexiconBuilder {
    kinds: Vec<(RawKind, usize)>,
    frames: Vec<(RawFrame, usize, String)>,
    cues: Vec<(RawCue, usize, String)>,
    modifiers: Vec<(RawModifier, usize, String)>,
}

impl LexiconBuilder {
    pub fn take(
        &mut self,
        file: &str,
        kinds: Vec<RawKind>,
        frames: Vec<RawFrame>,
        cues: Vec<RawCue>,
        modifiers: Vec<RawModifier>,
    ) {
        for k in kinds {
            let at = k.id.span().start;
            self.kinds.push((k, at));
        }
        for f in frames {
            let at = f.id.span().start;
            self.frames.push((f, at, file.to_string()));
        }
        for c in cues {
            let at = c.id.span().start;
            self.cues.push((c, at, file.to_string()));
        }
        for m in modifiers {
            let at = m.kind.span().start;
            self.modifiers.push((m, at, file.to_string()));
        }
    }

    /// Compiles the lexicon; `complain(file, offset, message)` reports problems.
    pub fn finish(
        self,
        complain: &mut dyn FnMut(&str, usize, String),
        kinds_file: &str,
    ) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut kind_ids = HashMap::new();
        let mut shifts = Vec::new();
        for (k, at) in self.kinds {
            let Some(family) = Family::parse(k.family.get_ref()) else {
                complain(
                    kinds_file,
                    k.family.span().start,
                    format!(
                        "unknown family {:?} (expected allies, meets or opposes)",
                        k.family.get_ref()
                    ),
                );
                continue;
            };
            if kind_ids
                .insert(k.id.get_ref().clone(), lex.kinds.len())
                .is_some()
            {
                complain(
                    kinds_file,
                    at,
                    format!("duplicate relation kind {:?}", k.id.get_ref()),
                );
            }
            shifts.push((lex.kinds.len(), k.intent, k.refusal, k.between_people));
            lex.kinds.push(Kind {
                id: k.id.into_inner(),
                family,
                directed: k.directed,
                cameo: k.cameo,
                plover: k.plover,
                intent: None,
                refusal: None,
                between_people: None,
            });
        }
        for (idx, intent, refusal, between_people) in shifts {
            let mut resolve = |name: Option<Spanned<String>>| {
                let name = name?;
                let found = kind_ids.get(name.get_ref()).copied();
                if found.is_none() {
                    complain(
                        kinds_file,
                        name.span().start,
                        format!("unknown relation kind {:?}", name.get_ref()),
                    );
                }
                found
            };
            lex.kinds[idx].intent = resolve(intent);
            lex.kinds[idx].refusal = resolve(refusal);
            lex.kinds[idx].between_people = resolve(between_people);
        }
        let mut frame_ids: HashMap<String, usize> = HashMap::new();
        for (f, at, file) in self.frames {
            let mut c = |off: usize, msg: String| complain(&file, off, msg);
            let Some(langs) = parse_lang(&f.lang, &mut c) else {
                continue;
            };
            let elements = match parse_pattern(f.pattern.get_ref(), &mut lex.vocab) {
                Ok(e) => e,
                Err(e) => {
                    c(
                        f.pattern.span().start,
                        format!("frame {}: {e}", f.id.get_ref()),
                    );
                    continue;
                }
            };
            if frame_ids.contains_key(f.id.get_ref()) {
                c(at, format!("duplicate frame id {:?}", f.id.get_ref()));
                continue;
            }
            frame_ids.insert(f.id.get_ref().clone(), lex.frames.len());
            let confidence = f.confidence.unwrap_or(1.0);
            if !(0.0..=1.0).contains(&confidence) {
                c(at, "confidence must be in 0..1".into());
            }
            lex.frames.push(Frame {
                id: f.id.into_inner(),
                lang: langs[0],
                elements,
                confidence,
            });
        }
        for (m, _, file) in self.modifiers {
            let mut c = |off: usize, msg: String| complain(&file, off, msg);
            let Some(langs) = parse_lang(&m.lang, &mut c) else {
                continue;
            };
            for lang in langs {
                let mods = &mut lex.modifiers[lang_slot(lang)];
                let vocab = &mut lex.vocab;
                let seqs = || {
                    m.forms
                        .iter()
                        .map(|f| tokens_of(f))
                        .filter(|t| !t.is_empty())
                };
                let words = || m.forms.iter().map(|f| normalize_form(f));
                match m.kind.get_ref().as_str() {
                    "negation" => mods.negation.extend(vocab, seqs()),
                    "not_negation" => mods.not_negation.extend(vocab, seqs()),
                    "hedge" => mods.hedge.extend(vocab, seqs()),
                    "reporting" => mods.reporting.extend(vocab, seqs()),
                    "reporting_before" => mods.reporting_before.extend(vocab, seqs()),
                    "reporting_after" => mods.reporting_after.extend(vocab, seqs()),
                    "comparison" => mods.comparison.extend(vocab, words()),
                    "locative" => mods.locative.extend(vocab, words()),
                    "participant_head" => mods.participant_head.extend(vocab, words()),
                    "skip" => mods.skip.extend(vocab, words()),
                    "coordination" => mods.coordination.extend(vocab, words()),
                    "pronoun" => mods.pronoun.extend(vocab, words()),
                    "intent" => mods.intent.extend(vocab, seqs()),
                    "refusal" => mods.refusal.extend(vocab, seqs()),
                    "speaker_pronoun" => mods.speaker_pronoun.extend(vocab, words()),
                    "relative" => mods.relative.extend(vocab, words()),
                    "place" => mods.place.extend(vocab, words()),
                    "verb_coordination" => mods.verb_coordination.extend(vocab, words()),
                    "cancelled" => mods.cancelled.extend(vocab, seqs()),
                    other => {
                        c(m.kind.span().start, format!("unknown modifier kind {other:?} (expected negation, not_negation, hedge, reporting, reporting_before, reporting_after, comparison, locative, participant_head, skip, coordination, pronoun, intent, refusal, speaker_pronoun, relative, place, verb_coordination or cancelled)"));
                        break;
                    }
                }
            }
        }
        let mut cue_ids = HashSet::new();
        for (cue, at, file) in self.cues {
            let mut c = |off: usize, msg: String| complain(&file, off, msg);
            let Some(langs) = parse_lang(&cue.lang, &mut c) else {
                continue;
            };
            if !cue_ids.insert(cue.id.get_ref().clone()) {
                c(at, format!("duplicate cue id {:?}", cue.id.get_ref()));
                continue;
            }
            let Some(&kind) = kind_ids.get(cue.kind.get_ref()) else {
                c(cue.kind.span().start, format!("unknown relation kind {:?} (expected a [[kind]] id from relations/kinds.toml)", cue.kind.get_ref()));
                continue;
            };
            let mut frames = Vec::new();
            for f in &cue.frames {
                match frame_ids.get(f.get_ref()) {
                    Some(&i) => frames.push(i),
                    None => c(f.span().start, format!("unknown frame {:?}", f.get_ref())),
                }
            }
            let confidence = cue.confidence.unwrap_or(0.8);
            if !(0.0..=1.0).contains(&confidence) {
                c(at, "confidence must be in 0..1".into());
            }
            let idx = lex.cues.len();
            for lang in &langs {
                let index = &mut lex.cue_index[lang_slot(*lang)];
                for (form, subjunctive) in cue
                    .forms
                    .iter()
                    .map(|f| (f, false))
                    .chain(cue.subjunctive.iter().map(|f| (f, true)))
                {
                    // Frames never see skip words (articles), so cue forms lose them too.
                    let skip = &lex.modifiers[lang_slot(*lang)].skip;
                    let toks: Vec<WordId> = tokens_of(form)
                        .iter()
                        .map(|t| lex.vocab.intern(t))
                        .filter(|&t| !skip.contains(t))
                        .collect();
                    if toks.is_empty() {
                        c(at, format!("cue {}: empty form", cue.id.get_ref()));
                        continue;
                    }
                    index
                        .entry(toks[0])
                        .or_default()
                        .push((idx, toks, subjunctive));
                }
            }
            lex.cues.push(Cue {
                id: cue.id.into_inner(),
                lang: langs[0],
                kind,
                frames,
                confidence,
            });
        }
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `Vocab::lookup` gives when every word is normalised first.
    fn slow_lookup(v: &Vocab, written: &str) -> WordId {
        v.id(&normalize_form(written))
    }

    #[test]
    fn every_lexicon_word_is_looked_up_as_when_normalised() {
        let gaz = crate::gazetteer::Gazetteer::embedded().expect("embedded gazetteer");
        let v = &gaz.lexicon().vocab;
        let mut buf = String::new();
        for w in &v.words {
            let capital: String = w
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(w.chars().skip(1))
                .collect();
            for written in [
                w.clone(),
                w.to_uppercase(),
                capital,
                format!("{w}x"),
                format!("x{w}"),
            ] {
                assert_eq!(
                    v.lookup(&written, &mut buf),
                    slow_lookup(v, &written),
                    "{written:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn lookup_is_the_id_of_the_normalised_word(
            words in prop::collection::vec("[a-zß'.]{1,12}", 1..20),
            probes in prop::collection::vec("[a-zA-Z0-9ßÄä'.,-]{0,20}", 1..20),
        ) {
            let mut v = Vocab::default();
            for w in &words {
                v.intern(&normalize_form(w));
            }
            let mut buf = String::new();
            for written in probes.iter().chain(&words) {
                prop_assert_eq!(v.lookup(written, &mut buf), slow_lookup(&v, written), "{:?}", written);
            }
        }
    }

    #[test]
    fn patterns_parse() {
        let mut v = Vocab::default();
        let p = parse_pattern("X ~ CUE ~ an|Nach Y the?", &mut v).unwrap();
        assert_eq!(p[0], Element::Source);
        assert_eq!(p[4], Element::Word(vec![v.id("an"), v.id("nach")], false));
        assert_eq!(p[6], Element::Word(vec![v.id("the")], true));
        assert!(parse_pattern("X CUE", &mut v).is_err());
        assert!(parse_pattern("XY CUE CUE", &mut v).is_err());
        assert!(parse_pattern("XY ~ CUE", &mut v).is_ok());
        let p = parse_pattern("X ~ CUE ~ Y !for|over", &mut v).unwrap();
        assert_eq!(p[5], Element::Not(vec![v.id("for"), v.id("over")]));
        assert!(parse_pattern("X CUE Y !", &mut v).is_err());
    }

    #[test]
    fn words_have_the_same_id_exactly_when_they_are_the_same() {
        let mut v = Vocab::default();
        let (a, b) = (v.intern("treffen"), v.intern("trifft"));
        assert_ne!(a, b);
        assert_eq!(v.intern("treffen"), a);
        assert_eq!(v.id("trifft"), b);
        assert_eq!(v.word(a), "treffen");
        // Words the lexicon does not name are all unknown, and no set holds them.
        assert_eq!(v.id("kuchen"), UNKNOWN);
        assert_eq!(v.id(""), UNKNOWN);
        let mut set = WordSet::default();
        set.extend(&mut v, ["und".to_string()]);
        assert!(set.contains(v.id("und")) && !set.contains(UNKNOWN) && !set.contains(a));
        // A single character that is no letter or digit is punctuation, with or without
        // the table; a one-letter word is a word.
        assert_eq!(v.id("-"), Vocab::punct('-'));
        assert_eq!(v.intern("\u{2022}"), Vocab::punct('\u{2022}'));
        assert_eq!(v.word(Vocab::punct('-')), "-");
        assert_eq!(v.id("a"), UNKNOWN);
        let x = v.intern("a");
        assert!(x != UNKNOWN && x != Vocab::punct('a'));
        // Written words are normalised before they are looked up.
        let mut buf = String::new();
        assert_eq!(v.lookup("Treffen", &mut buf), a);
        assert_eq!(v.lookup("Kuchen", &mut buf), UNKNOWN);
    }

    #[test]
    fn tokens() {
        assert_eq!(
            tokens_of("stellt sich hinter"),
            ["stellt", "sich", "hinter"]
        );
        assert_eq!(tokens_of("didn't"), ["didn't"]);
        assert_eq!(tokens_of("U.S."), ["u", ".", "s", "."]);
    }
}
