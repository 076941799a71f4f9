//! The grammatical relation engine: reads a candidate sentence (two or more actors) the way a
//! shallow grammar does and fills the roles of each cue lemma's valency (`gazetteer/grammar/`).
//!
//! 1. Words get their readings from the compiled word-form lexicon; actor mentions become
//!    actor phrases, with what governs them: a preposition, an article's case, a noun they
//!    are the genitive or adjective of. An adjective or genitive actor stands for its state
//!    only before an agent noun ("die russische Regierung", "die Vertreter Chinas"); before a
//!    cue noun it is that noun's possessor ("russische Sanktionen", "US-Sanktionen").
//! 2. The sentence is cut into clauses: at hard punctuation, and at commas that open a
//!    subordinate, relative or infinitive clause or a new main clause; "und" before a finite
//!    verb opens a clause with the subject of the one before.
//! 3. In each clause the verb complex (finite verb, participle, infinitive, separated
//!    particle, passive auxiliary, modal) and the subject are found: the prefield of a main
//!    clause, else the first nominative-compatible phrase; an infinitive clause takes the
//!    subject of its main clause, a relative clause its antecedent.
//! 4. Each cue's rules ("subj>obj", "subj+pp:mit", "pp:zwischen*") are filled from the
//!    clause's roles; negation and hedging are read in the clause.
//!
//! Every mention says which rule made it: `pattern` is `gr.de.LEMMA/RULE`.

// Token indices are compared across clauses and phrases, so loops run over them by index.
#![allow(clippy::needless_range_loop)]

use crate::date::PartialDate;
use crate::gazetteer::grammar::{code, Cue, LangGrammar, Role, Rule};
use crate::gazetteer::lexicon::{Modifiers, SeqList, WordId, UNKNOWN};
use crate::gazetteer::{ActorKind, Gazetteer, Via};
use crate::mentions::Mention;
use crate::text::sentences::Sentence;
use crate::text::Lang;

use super::{kind_between, may_relate, polity_actor, Member, Participant, RelationMention};

/// Whether to print each sentence's clauses, phrases and rule matches to standard error
/// (`GEOKG_GRAMMAR_DEBUG=1`, for tracing a wrong or missing edge to the grammar).
fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("GEOKG_GRAMMAR_DEBUG").is_some())
}

/// The longest sentence the grammar reads (news sentences run to a few hundred bytes).
const MAX_SENTENCE_BYTES: usize = 3000;

#[derive(Debug, Clone)]
enum Kind {
    Word,
    Punct(char),
    Actor {
        members: Vec<Member>,
        adjective: bool,
    },
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: Kind,
    /// Union of the codes of the word's readings.
    codes: u32,
    /// The lemma of the cue the word is, if any (a verb, or a noun also as compound head).
    cue: Option<u32>,
    /// Noun lemma (also of a compound's head).
    noun: Option<u32>,
    /// Verb lemmas of the word.
    verbs: Vec<u32>,
    /// Glued to the next token by a hyphen ("US-Sanktionen": the actor token "US").
    hyphen_next: bool,
}

impl Tok<'_> {
    fn is_actor(&self) -> bool {
        matches!(self.kind, Kind::Actor { .. })
    }
    fn members(&self) -> &[Member] {
        match &self.kind {
            Kind::Actor { members, .. } => members,
            _ => &[],
        }
    }
    fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word)
    }
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }
    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn has(&self, c: u32) -> bool {
        self.codes & c != 0
    }
    /// A capitalised word that is no function word or adverb: in German, a noun or a name.
    fn is_noun(&self) -> bool {
        self.is_word()
            && self.capitalised()
            && !self.has(
                code::PRP
                    | code::ART
                    | code::PRON
                    | code::SUBORD
                    | code::COORD
                    | code::ADV
                    | code::INFCONJ,
            )
            && (self.noun.is_some() || !self.has(code::FIN))
            && !(self.codes == 0 && self.noun.is_none() && looks_adverbial(&self.lower()))
    }
    fn is_hard_break(&self) -> bool {
        matches!(
            self.kind,
            Kind::Punct(';' | ':' | '"' | '„' | '“' | '”' | '»' | '«' | '–' | '—' | '?' | '!')
        )
    }
}

/// An actor phrase: an actor token with what governs it.
#[derive(Debug, Clone)]
struct Phrase {
    tok: usize,
    /// The preposition governing it (normalised: "zum" → "zu").
    prep: Option<String>,
    /// Possible cases (bits of `code::CASES`), from its article; all where none shows.
    cases: u32,
    /// The noun it belongs to as genitive, adjective, compound or possessor (a cue or other
    /// noun); such a phrase fills no clause role unless that noun is an agent noun.
    attached_to: Option<usize>,
    /// It stands for its state as a thing only (the target of a measure).
    thing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClauseType {
    Main,
    Sub,
    Relative,
    Infinitive,
    /// After "und" + finite verb: the subject of the clause before.
    Elided,
}

#[derive(Debug, Clone)]
struct Clause {
    first: usize,
    /// One past the last token.
    end: usize,
    ty: ClauseType,
}

/// The relation mentions the grammar finds in one sentence.
#[allow(clippy::too_many_arguments)]
pub fn relations(
    gaz: &Gazetteer,
    text: &str,
    sentence: Sentence,
    index: usize,
    mentions: &[Mention],
    doc_date: Option<PartialDate>,
    lang: Lang,
    attributed_to: Option<Participant>,
) -> Reading {
    let nothing = || Reading {
        relations: Vec::new(),
        read_cues: Vec::new(),
    };
    let Some(g) = gaz.grammar(lang) else {
        return nothing();
    };
    let mods = gaz.lexicon().modifiers(lang);
    let span = sentence.trimmed(text);
    // A "sentence" of thousands of words is no sentence but text without punctuation; the
    // grammar reads sentences, and bounds its work per sentence by this.
    if span.1 - span.0 > MAX_SENTENCE_BYTES {
        return nothing();
    }
    let mut toks = tokenize(g, text, span);
    if !toks.iter().any(|t| t.cue.is_some()) {
        return nothing();
    }
    place_actors(gaz, g, text, &mut toks, mentions, doc_date);
    let toks = coordinate(toks);
    let phrases = phrases(g, &toks);
    let clauses = clauses(&toks);
    if debug() {
        for c in &clauses {
            let words: Vec<String> = toks[c.first..c.end]
                .iter()
                .map(|t| match &t.kind {
                    Kind::Actor { members, .. } => format!("[{}:{}]", t.text, members.len()),
                    _ if t.cue.is_some() => format!("<{}>", t.text),
                    _ => t.text.to_string(),
                })
                .collect();
            eprintln!("{:?}: {}", c.ty, words.join(" "));
        }
        for p in &phrases {
            eprintln!(
                "  {} prep={:?} cases={:x} attached={:?} thing={}",
                toks[p.tok].text,
                p.prep,
                p.cases >> 12,
                p.attached_to.map(|a| toks.get(a).map_or("-", |t| t.text)),
                p.thing
            );
        }
    }
    let mut out = Vec::new();
    let mut subjects: Vec<Option<Option<usize>>> = vec![None; clauses.len()];
    for ci in 0..clauses.len() {
        let s = subject(g, &toks, &phrases, &clauses, ci, &mut subjects);
        subjects[ci] = Some(s);
    }
    let ctx = Context {
        gaz,
        g,
        mods,
        text,
        toks: &toks,
        phrases: &phrases,
        clauses: &clauses,
        subjects: &subjects,
        span,
        index,
        doc_date,
        lang,
        attributed_to,
        read: Default::default(),
        ids: word_ids(gaz, &toks),
        event_date: Default::default(),
    };
    for ci in 0..clauses.len() {
        ctx.clause_relations(ci, &mut out);
    }
    let mut read = ctx.read.into_inner();
    read.extend(out.iter().map(|r| r.cue.0));
    read.sort_unstable();
    read.dedup();
    Reading {
        relations: out,
        read_cues: read,
    }
}

/// What the grammar found in a sentence.
pub struct Reading {
    pub relations: Vec<RelationMention>,
    /// Start offsets of the cue words it read (a frame matched at one of them is superseded).
    pub read_cues: Vec<usize>,
}

fn tokenize<'a>(g: &LangGrammar, text: &'a str, span: (usize, usize)) -> Vec<Tok<'a>> {
    let s = &text[span.0..span.1];
    let mut toks = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            toks.push(word_tok(g, span.0 + i, span.0 + end, word, toks.is_empty()));
        } else if !c.is_whitespace() {
            toks.push(Tok {
                start: span.0 + i,
                end: span.0 + i + c.len_utf8(),
                text: &s[i..i + c.len_utf8()],
                kind: Kind::Punct(if matches!(c, '-' | '‐' | '‑') {
                    '-'
                } else {
                    c
                }),
                codes: 0,
                cue: None,
                noun: None,
                verbs: Vec::new(),
                hyphen_next: false,
            });
        }
    }
    // Hyphens that glue two words ("US-Sanktionen", "deutsch-französischen").
    for k in 1..toks.len().saturating_sub(1) {
        if matches!(toks[k].kind, Kind::Punct('-'))
            && toks[k - 1].end == toks[k].start
            && toks[k].end == toks[k + 1].start
        {
            toks[k - 1].hyphen_next = true;
        }
    }
    toks
}

fn word_tok<'a>(g: &LangGrammar, start: usize, end: usize, word: &'a str, first: bool) -> Tok<'a> {
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    // A capitalised verb form inside the sentence is a nominalised infinitive ("das
    // Vorgehen", "beim Treffen"), no verb.
    let mut readings: Vec<_> = g
        .readings(word)
        .iter()
        .filter(|r| first || !capital || r.codes & code::VERB == 0)
        .copied()
        .collect();
    if first || readings.is_empty() {
        let lower = word.to_lowercase();
        if lower != word {
            readings.extend(
                g.readings(&lower)
                    .iter()
                    .filter(|r| first || r.codes & code::VERB == 0),
            );
        }
    }
    let codes = readings.iter().fold(0, |a, r| a | r.codes);
    let verbs: Vec<u32> = readings
        .iter()
        .filter(|r| r.codes & code::VERB != 0)
        .map(|r| r.lemma)
        .collect();
    let noun = if capital && (codes & code::VERB == 0 || !first) {
        g.noun_lemma(word)
    } else {
        None
    };
    let cue = verbs
        .iter()
        .copied()
        .find(|v| g.cues.get(v).is_some_and(|c| !c.noun))
        .filter(|_| !capital || first)
        .or(noun.filter(|n| g.cues.get(n).is_some_and(|c| c.noun) || g.relation.contains(n)))
        // A separable verb's finite base ("klagte ... an") is a cue only with its particle,
        // found later; keep it as a candidate when some particle + base lemma is a cue.
        .or_else(|| (!verbs.is_empty() && (!capital || first)).then_some(u32::MAX));
    Tok {
        start,
        end,
        text: word,
        kind: Kind::Word,
        codes,
        cue: cue.filter(|&c| c != u32::MAX || verbs.iter().any(|v| g.separable_bases.contains(v))),
        noun,
        verbs,
        hyphen_next: false,
    }
}

/// Replaces the words each mention covers with one actor token.
fn place_actors<'a>(
    gaz: &Gazetteer,
    g: &LangGrammar,
    text: &'a str,
    toks: &mut Vec<Tok<'a>>,
    mentions: &[Mention],
    date: Option<PartialDate>,
) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut k = 0;
    for m in mentions {
        let Some(actor) = m.actor.or_else(|| polity_actor(gaz, m)) else {
            continue;
        };
        if gaz.actor(actor).category.as_deref() == Some("media") {
            continue;
        }
        // A compound's actor takes part only through an agent, thing or cue noun as its
        // head: "US-Regierung", "US-Sanktionen", not "Trump-Kumpel", "NATO-Gipfel".
        // "deutsch-französischen": adjective stems joined by a hyphen are adjectives.
        let small = text[m.start..m.end].starts_with(char::is_lowercase);
        if m.via == Via::Compound && !small {
            let rest = &text[m.end..];
            let head: String = rest
                .chars()
                .skip(1)
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let takes_part = g.noun_lemma(&head).is_some_and(|h| {
                g.agent.contains(&h)
                    || g.thing.contains(&h)
                    || g.cues.get(&h).is_some_and(|c| c.noun)
            });
            if !takes_part {
                continue;
            }
        }
        while k < toks.len() && toks[k].end <= m.start {
            out.push(toks[k].clone());
            k += 1;
        }
        if k >= toks.len() || toks[k].start >= m.end {
            continue;
        }
        let first = k;
        while k < toks.len() && toks[k].start < m.end {
            k += 1;
        }
        // A compound's actor covers only its first part ("US" of "US-Sanktionen"): the
        // head stays a word.
        let last = &toks[k - 1];
        let hyphen_next = last.hyphen_next;
        out.push(Tok {
            start: toks[first].start.min(m.start),
            end: last.end.max(m.end),
            text: &text[toks[first].start.min(m.start)..last.end.max(m.end)],
            kind: Kind::Actor {
                members: vec![Member {
                    actor,
                    start: m.start,
                    end: m.end,
                }],
                // Demonyms are nouns ("die Amerikaner") unless written small.
                adjective: m.via == Via::Adjective
                    || m.via == Via::Compound && small
                    || m.via == Via::Demonym
                        && text[m.start..m.end]
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase),
            },
            codes: 0,
            cue: None,
            noun: None,
            verbs: Vec::new(),
            hyphen_next,
        });
    }
    out.extend(toks.drain(k..));
    // A state before a title and its holder is part of the holder's name: "Frankreichs
    // Präsident Emmanuel Macron", "US-Präsident Joe Biden".
    let mut i = 0;
    while i < out.len() {
        let state = match out[i].members() {
            [m] if gaz.actor(m.actor).kind != ActorKind::Person => Some(m.actor),
            _ => None,
        };
        let genitive = out[i].text.ends_with('s') || out[i].hyphen_next;
        if let (Some(state), true) = (state, genitive) {
            let holder = (i + 1..(i + 4).min(out.len())).find(|&j| out[j].is_actor());
            if let Some(j) = holder {
                let between_titles = out[i + 1..j]
                    .iter()
                    .all(|t| t.is_word() && t.capitalised() || matches!(t.kind, Kind::Punct('-')));
                // The holder serves the state, or holds an office of the organisation
                // ("UN-Generalsekretär António Guterres").
                let serves = match out[j].members() {
                    [p] => {
                        let a = gaz.actor(p.actor);
                        a.kind == ActorKind::Person
                            && (a.country_on(date).is_some_and(|c| c == gaz.actor(state).id)
                                || gaz.actor(state).kind == ActorKind::Organization && j > i + 1)
                    }
                    _ => false,
                };
                if between_titles && serves {
                    let start = out[i].start;
                    out[j].start = start;
                    out[j].text = &text[start..out[j].end];
                    out.drain(i..j);
                    continue;
                }
            }
        }
        i += 1;
    }
    *toks = out;
}

/// Joins coordinated actors into one token: "Russland und Iran", "Italiens, Österreichs, der
/// Schweiz und Deutschlands", "australische und chinesische", "deutsch-französischen".
fn coordinate(toks: Vec<Tok<'_>>) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    let is_and =
        |t: &Tok| t.is_word() && matches!(t.lower().as_str(), "und" | "sowie" | "oder" | "noch");
    let is_article = |t: &Tok| t.is_word() && t.has(code::ART);
    while i < toks.len() {
        if !toks[i].is_actor() {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        let mut joined = toks[i].clone();
        let mut closed = false;
        let adjective = matches!(
            joined.kind,
            Kind::Actor {
                adjective: true,
                ..
            }
        );
        let mut j = i + 1;
        loop {
            // "deutsch-französisch": adjective stems glued by a hyphen.
            let (link, ends) = match toks.get(j) {
                Some(t) if matches!(t.kind, Kind::Punct('-')) && joined.hyphen_next => (1, false),
                Some(t) if matches!(t.kind, Kind::Punct(',')) => match toks.get(j + 1) {
                    Some(u) if is_and(u) => (2, true),
                    _ => (1, false),
                },
                Some(t) if is_and(t) => (1, true),
                _ => (0, true),
            };
            if link == 0 {
                break;
            }
            let mut n = j + link;
            if toks.get(n).is_some_and(is_article) && !adjective {
                // ", das Kolumbien unterstützt hatte" is a relative clause, not a list item.
                if link == 1
                    && matches!(toks[j].kind, Kind::Punct(','))
                    && relative_after(&toks, j, 0)
                {
                    break;
                }
                n += 1;
            }
            let Some(next) = toks.get(n).filter(|t| t.is_actor()) else {
                break;
            };
            let next_adj = matches!(
                next.kind,
                Kind::Actor {
                    adjective: true,
                    ..
                }
            );
            // "australische und chinesische Diplomaten": an adjective joins an institution
            // phrase that begins with one; the whole is that phrase.
            let phrase_after_adjective =
                adjective && !next_adj && next.text.chars().next().is_some_and(char::is_lowercase);
            if next_adj != adjective && !phrase_after_adjective {
                break;
            }
            if phrase_after_adjective {
                if let Kind::Actor { adjective, .. } = &mut joined.kind {
                    *adjective = false;
                }
            }
            if let (Kind::Actor { members, .. }, Kind::Actor { members: more, .. }) =
                (&mut joined.kind, &next.kind)
            {
                for m in more {
                    if !members.contains(m) {
                        members.push(*m);
                    }
                }
            }
            joined.end = next.end;
            joined.hyphen_next = next.hyphen_next;
            j = n + 1;
            if ends {
                closed = true;
                break;
            }
        }
        // Commas alone make no list ("Der Partner Moskaus, die Regierung in Minsk, ...": an
        // apposition); a list ends in "und", "sowie", "oder" or "noch", or a hyphen joins.
        if !closed
            && j > i + 1
            && !toks[i + 1..j]
                .iter()
                .all(|t| matches!(t.kind, Kind::Punct('-')) || t.is_actor())
        {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        out.push(joined);
        i = j;
    }
    out
}

/// The word ids of the tokens in the relation lexicon's vocabulary.
fn word_ids(gaz: &Gazetteer, toks: &[Tok<'_>]) -> Vec<WordId> {
    let vocab = &gaz.lexicon().vocab;
    let mut buf = String::new();
    toks.iter()
        .map(|t| match t.kind {
            Kind::Word => vocab.lookup(t.text, &mut buf),
            _ => UNKNOWN,
        })
        .collect()
}

/// The end of the stretch that starts at `from`: the next comma or hard break.
fn stretch_end(toks: &[Tok<'_>], from: usize) -> usize {
    (from..toks.len())
        .find(|&j| matches!(toks[j].kind, Kind::Punct(',')) || toks[j].is_hard_break())
        .unwrap_or(toks.len())
}

/// Whether tokens `a..b` hold a finite verb (written small, or first in the sentence).
fn has_finite(toks: &[Tok<'_>], a: usize, b: usize) -> bool {
    (a..b)
        .any(|j| toks[j].is_word() && toks[j].has(code::FIN) && (!toks[j].capitalised() || j == 0))
}

/// Whether the stretch after the comma at `comma` is a relative clause: it ends in a finite
/// verb, and the main clause (from `clause_start`) has a verb of its own before or after it.
/// A relative pronoun is also an article ("der Präsident"), and "Russland, die USA und China
/// verhandeln" is a list.
fn relative_after(toks: &[Tok<'_>], comma: usize, clause_start: usize) -> bool {
    let end = stretch_end(toks, comma + 1);
    let last = (comma + 1..end).rev().find(|&j| toks[j].is_word());
    let main_verb = has_finite(toks, clause_start, comma) || has_finite(toks, end, toks.len());
    main_verb && last.is_some_and(|j| toks[j].has(code::FIN | code::AUX | code::MOD))
}

/// Whether a zu-infinitive follows `i` before the next comma or hard break.
fn infinitive_follows(toks: &[Tok<'_>], i: usize) -> bool {
    toks[i..stretch_end(toks, i)]
        .iter()
        .any(|t| t.has(code::ZU) || t.is_word() && t.lower() == "zu")
}

fn normal_prep(w: &str) -> Option<&'static str> {
    Some(match w {
        "zum" | "zur" | "zu" => "zu",
        "vom" | "von" => "von",
        "im" | "ins" | "in" => "in",
        "am" | "ans" | "an" => "an",
        "beim" | "bei" => "bei",
        "aufs" | "auf" => "auf",
        "fürs" | "für" => "für",
        "gegen" => "gegen",
        "mit" => "mit",
        "zwischen" => "zwischen",
        "durch" => "durch",
        "aus" => "aus",
        "nach" => "nach",
        "über" => "über",
        "gegenüber" => "gegenüber",
        "unter" => "unter",
        "wegen" => "wegen",
        "seitens" => "seitens",
        "um" => "um",
        "vor" => "vor",
        "hinter" => "hinter",
        "laut" => "laut",
        "trotz" => "trotz",
        "ohne" => "ohne",
        "dank" => "dank",
        _ => return None,
    })
}

/// The actor phrases of the sentence.
fn phrases(g: &LangGrammar, toks: &[Tok<'_>]) -> Vec<Phrase> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Kind::Actor { adjective, .. } = t.kind else {
            continue;
        };
        // Look back over articles, adjectives and numbers to a preposition.
        let mut prep = None;
        let mut cases = code::CASES;
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 5 {
            k -= 1;
            steps += 1;
            let b = &toks[k];
            if !b.is_word() {
                break;
            }
            let lower = b.lower();
            // "um" of an infinitive clause ("um China anzugreifen") governs no phrase.
            if b.has(code::INFCONJ) && infinitive_follows(toks, i) {
                break;
            }
            if b.has(code::PRP) {
                prep = Some(normal_prep(&lower).map_or(lower.clone(), str::to_string));
                {
                    // Contracted forms carry their article's case.
                    if matches!(lower.as_str(), "zum" | "zur" | "vom" | "im" | "am" | "beim") {
                        cases = code::DAT;
                    }
                }
                break;
            }
            if b.has(code::ART) || b.has(code::POSS) {
                if cases == code::CASES {
                    cases = b.codes & code::CASES;
                }
                continue;
            }
            // A title before its holder ("mit Bundeskanzlerin Angela Merkel").
            if b.capitalised() && b.noun.is_some_and(|h| g.agent.contains(&h)) {
                continue;
            }
            if b.capitalised() || b.has(code::VERB) || b.has(code::COORD) || b.has(code::SUBORD) {
                break;
            }
            // A lower-case word between: an adjective or adverb of the phrase.
        }
        let mut attached_to = None;
        let mut thing = false;
        // "der Präsident von Kasachstan": an agent noun with "von" is the actor's phrase.
        if matches!(prep.as_deref(), Some("von" | "in")) && i >= 2 {
            let (v, n) = (&toks[i - 1], &toks[i - 2]);
            if v.is_word()
                && matches!(v.lower().as_str(), "von" | "in")
                && n.noun.is_some_and(|h| g.agent.contains(&h))
            {
                let (p, c) = governing(toks, i - 2);
                prep = p;
                cases = c;
            }
        }
        // Adjective, possessor or compound: the noun after it.
        let next_noun = toks
            .get(i + 1)
            .map(|n| (i + 1, n))
            .filter(|(_, n)| n.is_word())
            .and_then(|(j, n)| {
                if t.hyphen_next || n.capitalised() {
                    return Some(j);
                }
                // One more adjective between ("russische neue Sanktionen").
                let adjective_between = !n.has(
                    code::VERB
                        | code::PRP
                        | code::ART
                        | code::PRON
                        | code::ADV
                        | code::SUBORD
                        | code::COORD
                        | code::INFCONJ,
                );
                toks.get(j + 1)
                    .filter(|m| m.is_word() && m.capitalised() && adjective_between)
                    .map(|_| j + 1)
            })
            .filter(|&j| toks[j].is_noun());
        let genitive_s = !adjective
            && t.text.ends_with('s')
            && !t
                .text
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic());
        if adjective || t.hyphen_next || genitive_s && next_noun.is_some() {
            match next_noun {
                Some(j) => {
                    let head = toks[j].noun;
                    if head.is_some_and(|h| g.thing.contains(&h)) {
                        thing = true;
                    } else if !head.is_some_and(|h| g.agent.contains(&h)) {
                        attached_to = Some(j);
                    }
                }
                None if adjective => attached_to = Some(usize::MAX),
                None => {}
            }
        }
        // An agent phrase in the genitive after another noun belongs to that noun: "bei
        // der Verdrängung ukrainischer Streitkräfte", "der Abzug der russischen Truppen".
        if adjective && attached_to.is_none() && !thing && prep.is_none() {
            let mut k = i;
            if k > 0
                && toks[k - 1].is_word()
                && matches!(toks[k - 1].lower().as_str(), "der" | "des")
            {
                k -= 1;
            }
            if k > 0
                && toks[k - 1].is_noun()
                && !toks[k - 1].noun.is_some_and(|h| g.agent.contains(&h))
            {
                attached_to = Some(k - 1);
            }
        }
        // Genitive after a noun: "die Vertreter Russlands", "der Ausschluss Ungarns".
        if attached_to.is_none() && !adjective {
            let mut k = i;
            let mut article_gen = false;
            if k > 0 && toks[k - 1].is_word() && toks[k - 1].has(code::ART) {
                let l = toks[k - 1].lower();
                article_gen = matches!(l.as_str(), "der" | "des");
                k -= 1;
            }
            if k > 0 {
                let n = &toks[k - 1];
                if n.is_noun() && k - 1 > 0 && (genitive_s || article_gen) {
                    let head = n.noun;
                    if !head.is_some_and(|h| g.agent.contains(&h)) {
                        attached_to = Some(k - 1);
                    }
                    // The phrase's own preposition is the one before the noun.
                    (prep, cases) = governing(toks, k - 1);
                }
            }
        }
        out.push(Phrase {
            tok: i,
            prep,
            cases,
            attached_to,
            thing,
        });
    }
    out
}

/// The preposition and case governing the noun phrase whose head is at `k`.
fn governing(toks: &[Tok<'_>], k: usize) -> (Option<String>, u32) {
    let mut cases = code::CASES;
    let mut j = k;
    let mut steps = 0;
    while j > 0 && steps < 5 {
        j -= 1;
        steps += 1;
        let b = &toks[j];
        // An actor adjective or possessor belongs to the phrase ("den russischen Einmarsch",
        // "Trumps Entscheidung").
        if b.is_actor() {
            let modifies = matches!(
                b.kind,
                Kind::Actor {
                    adjective: true,
                    ..
                }
            ) || b.hyphen_next
                || j + 1 == k && b.text.ends_with('s');
            if modifies {
                continue;
            }
            break;
        }
        if !b.is_word() {
            break;
        }
        if b.has(code::PRP) {
            return (normal_prep(&b.lower()).map(str::to_string), cases);
        }
        if b.has(code::ART) || b.has(code::POSS) {
            cases = b.codes & code::CASES;
            continue;
        }
        if b.capitalised() || b.has(code::VERB) {
            break;
        }
    }
    (None, cases)
}

fn clauses(toks: &[Tok<'_>]) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut ty = ClauseType::Main;
    let opener = |k: usize| -> Option<ClauseType> {
        let t = toks.get(k)?;
        if !t.is_word() {
            return None;
        }
        if t.has(code::SUBORD) && !t.has(code::ART)
            || matches!(
                t.lower().as_str(),
                "wo" | "wobei"
                    | "womit"
                    | "wodurch"
                    | "worauf"
                    | "weshalb"
                    | "warum"
                    | "wie"
                    | "wonach"
            )
        {
            return Some(ClauseType::Sub);
        }
        if t.has(code::INFCONJ) && matches!(t.lower().as_str(), "um" | "ohne" | "statt" | "anstatt")
        {
            return Some(ClauseType::Infinitive);
        }
        if t.has(code::REL) {
            return Some(ClauseType::Relative);
        }
        // A preposition + relative pronoun ("in denen", "mit dem").
        if t.has(code::PRP) && toks.get(k + 1).is_some_and(|n| n.has(code::REL)) {
            return Some(ClauseType::Relative);
        }
        if t.has(code::FIN) && !t.capitalised() {
            return Some(ClauseType::Main);
        }
        if t.has(code::COORD)
            && matches!(t.lower().as_str(), "und" | "aber" | "sondern" | "doch")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.has(code::FIN) && !n.capitalised())
        {
            return Some(ClauseType::Elided);
        }
        None
    };
    // Whether the stretch from k to the next comma holds a zu-infinitive.
    let infinitive_after = |k: usize| {
        toks[k..stretch_end(toks, k)]
            .iter()
            .enumerate()
            .any(|(n, t)| {
                t.has(code::ZU)
                    || t.is_word()
                        && t.lower() == "zu"
                        && toks.get(k + n + 1).is_some_and(|x| x.has(code::INF))
            })
    };
    let has_finite = |a: usize, b: usize| has_finite(toks, a, b);
    let segment_end = |a: usize| stretch_end(toks, a);
    for k in 0..toks.len() {
        let t = &toks[k];
        let cut = if t.is_hard_break() {
            Some((k + 1, ClauseType::Main))
        } else if matches!(t.kind, Kind::Punct(',')) {
            match opener(k + 1) {
                Some(ClauseType::Relative) => {
                    if relative_after(toks, k, start) {
                        Some((k + 1, ClauseType::Relative))
                    } else if has_finite(start, k) && has_finite(k + 1, segment_end(k + 1)) {
                        // "..., die Ukraine habe Russland angegriffen": an article, and a
                        // main clause of its own.
                        Some((k + 1, ClauseType::Main))
                    } else {
                        None
                    }
                }
                // A finite verb right after the comma, or after one word ("demnach habe"),
                // opens a main clause, once the clause before has its own verb; before that
                // the comma closes an apposition ("der Präsident von Kasachstan, Kassym-Schomart
                // Tokajew, gratulierte").
                Some(ClauseType::Main) if !has_finite(start, k) => None,
                Some(c) => Some((k + 1, c)),
                None if infinitive_after(k + 1) => Some((k + 1, ClauseType::Infinitive)),
                // A stretch after the comma with a finite verb of its own is a clause:
                // "..., der Kongo hat Deutsche unter Quarantäne gestellt", "..., und der
                // Handelskonflikt ist nicht beigelegt".
                None if has_finite(start, k) && has_finite(k + 1, segment_end(k + 1)) => {
                    Some((k + 1, ClauseType::Main))
                }
                None => None,
            }
        } else if t.is_word()
            && t.has(code::COORD)
            && matches!(t.lower().as_str(), "und" | "aber" | "sondern")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.has(code::FIN) && !n.capitalised())
            && k > start
        {
            Some((k + 1, ClauseType::Elided))
        } else if t.is_word()
            && matches!(t.lower().as_str(), "und" | "aber" | "sondern" | "oder")
            && has_finite(start, k)
            && has_finite(k + 1, segment_end(k + 1))
        {
            // "X liefert Waffen an Y und Gespräche mit Z laufen weiter": a clause of its own.
            Some((k + 1, ClauseType::Main))
        } else {
            None
        };
        if let Some((next, next_ty)) = cut {
            if k > start {
                out.push(Clause {
                    first: start,
                    end: k,
                    ty,
                });
            }
            start = next;
            ty = next_ty;
        }
    }
    if start < toks.len() {
        out.push(Clause {
            first: start,
            end: toks.len(),
            ty,
        });
    }
    // A first clause opened by a subordinator ("Nachdem X ..., reiste Y") is subordinate.
    if let Some(c) = out.first_mut() {
        if let Some(t) = toks.get(c.first) {
            if t.is_word() && t.has(code::SUBORD) && !t.has(code::ART) {
                c.ty = ClauseType::Sub;
            }
        }
    }
    out
}

/// The finite verb of a clause: the first finite word in lower case (or the clause's first
/// word), not the subordinator itself, nor a participle before its noun.
fn finite(toks: &[Tok<'_>], c: &Clause) -> Option<usize> {
    (c.first..c.end).find(|&k| {
        let t = &toks[k];
        t.is_word()
            && t.has(code::FIN | code::AUX | code::MOD)
            && t.codes & code::FIN != 0
            && (!t.capitalised() || k == 0)
            && !t.has(code::ART | code::PRP | code::SUBORD | code::PRON)
            && attributive_agents(toks, k).is_none()
    })
}

/// The agents of a participle used as an attribute, "die von Russland und der Türkei
/// vereinbarte Waffenruhe", "die von den USA verhängten Sanktionen": the actor tokens after
/// "von" or "durch" between the phrase's article and the participle at `k`, which stands
/// right before its noun. `None` where `k` is no such participle.
fn attributive_agents(toks: &[Tok<'_>], k: usize) -> Option<Vec<usize>> {
    let t = &toks[k];
    if !t.is_word() || t.capitalised() || !t.has(code::VERB) || !toks.get(k + 1)?.is_noun() {
        return None;
    }
    let by =
        |j: usize| toks[j].is_word() && matches!(toks[j].lower().as_str(), "von" | "vom" | "durch");
    let mut agents = Vec::new();
    let mut j = k;
    for _ in 0..10 {
        if j == 0 {
            return None;
        }
        j -= 1;
        let b = &toks[j];
        if b.is_actor() {
            let after_by = j >= 1 && by(j - 1)
                || j >= 2 && toks[j - 1].is_word() && toks[j - 1].has(code::ART) && by(j - 2);
            if !after_by {
                return None;
            }
            agents.push(j);
            continue;
        }
        if !b.is_word() {
            return None;
        }
        if by(j) {
            continue;
        }
        if b.has(code::ART) {
            // The phrase's own article opens it: "Die von ...".
            if j + 1 < k && by(j + 1) {
                return (!agents.is_empty()).then_some(agents);
            }
            continue;
        }
        // Adverbs and adjectives of the attribute ("die von Moskau lange geforderte").
        if !b.capitalised() && !b.has(code::FIN | code::PRP | code::SUBORD | code::COORD) {
            continue;
        }
        return None;
    }
    None
}

/// A bare phrase (no preposition, not attached to a noun) in the clause.
fn bare<'p>(phrases: &'p [Phrase], c: &Clause) -> impl Iterator<Item = (usize, &'p Phrase)> {
    let (first, end) = (c.first, c.end);
    phrases.iter().enumerate().filter(move |(_, p)| {
        p.tok >= first && p.tok < end && p.prep.is_none() && p.attached_to.is_none()
    })
}

/// The subject phrase of clause `ci` (`None`: no actor is the subject, or it is not an actor).
fn subject(
    g: &LangGrammar,
    toks: &[Tok<'_>],
    phrases: &[Phrase],
    clauses: &[Clause],
    ci: usize,
    done: &mut [Option<Option<usize>>],
) -> Option<usize> {
    let c = &clauses[ci];
    let previous_main = || {
        (0..ci)
            .rev()
            .find(|&k| matches!(clauses[k].ty, ClauseType::Main | ClauseType::Elided))
            .and_then(|k| done[k].flatten())
    };
    match c.ty {
        ClauseType::Infinitive => return previous_main(),
        ClauseType::Elided => {
            return ci.checked_sub(1).and_then(|k| done[k].flatten());
        }
        _ => {}
    }
    let nominative = |p: &Phrase| p.cases & code::NOM != 0 && !p.thing;
    let fin = finite(toks, c);
    if c.ty == ClauseType::Main {
        if let Some(f) = fin {
            // "Putin, der im Juni nach Nordkorea reiste, traf Kim": the main clause goes on
            // after a relative clause, its subject before it.
            if f == c.first && ci >= 2 && clauses[ci - 1].ty == ClauseType::Relative {
                let head = &clauses[ci - 2];
                if finite(toks, head).is_none() {
                    return bare(phrases, head)
                        .find(|(_, p)| nominative(p))
                        .map(|(pi, _)| pi);
                }
            }
            // The prefield: what stands before the finite verb.
            let first = &toks[c.first];
            // A pronoun: after a reporting clause ("Russland erklärte, es habe ...") the
            // speaker, else no actor.
            if first.is_word() && first.has(code::PRON) && !first.has(code::ART) && f == c.first + 1
            {
                let lower = first.lower();
                if ci > 0 && matches!(lower.as_str(), "es" | "er" | "sie") {
                    let p = &clauses[ci - 1];
                    let reports = (p.first..p.end).any(|j| {
                        toks[j].verbs.iter().any(|&v| {
                            matches!(
                                g.lemma(v),
                                "erklären"
                                    | "sagen"
                                    | "mitteilen"
                                    | "betonen"
                                    | "versichern"
                                    | "ankündigen"
                                    | "bekanntgeben"
                                    | "berichten"
                            )
                        })
                    });
                    if reports {
                        return done[ci - 1].flatten();
                    }
                }
                return None;
            }
            // An actor adjective of an ordinary noun ("Chinesische Touristen"): the
            // prefield is a noun phrase that is no actor.
            if first.is_actor() && f > c.first {
                if let Some(p) = phrases.iter().find(|p| p.tok == c.first) {
                    if p.attached_to.is_some() && p.attached_to.is_some_and(|a| a < f) {
                        return None;
                    }
                }
            }
            if f > c.first && !(first.is_word() && first.has(code::PRP)) {
                // The prefield's actor is the subject where all before it belongs to its
                // phrase: particles ("Auch"), articles, adjectives, an agent noun ("der
                // Präsident von Kasachstan").
                if let Some((pi, p)) = bare(phrases, c).find(|(_, p)| p.tok < f) {
                    let own = toks[c.first..p.tok].iter().all(|t| {
                        t.is_word()
                            && (!t.capitalised() && !t.has(code::PRP)
                                || t.has(code::ART | code::POSS)
                                || t.noun.is_some_and(|h| g.agent.contains(&h))
                                || t.lower() == "von"
                                || std::ptr::eq(t, first) && !t.has(code::PRP) && t.noun.is_none())
                    });
                    if nominative(p) && own {
                        return Some(pi);
                    }
                }
                // An apposition closing the prefield: "Trumps Herausforderer, Joe Biden,
                // warf ...".
                if let Some((pi, p)) = bare(phrases, c).filter(|(_, p)| p.tok < f).last() {
                    let closes = (p.tok + 1..f).all(|j| matches!(toks[j].kind, Kind::Punct(',')));
                    if closes && nominative(p) && !first.has(code::PRP) {
                        return Some(pi);
                    }
                }
                // A non-actor noun phrase in the prefield is the subject.
                if first.is_word()
                    && (first.has(code::ART) && first.codes & code::NOM != 0 || first.is_noun())
                {
                    return None;
                }
            }
            // After the verb: the first nominative-compatible phrase, unless a nominative
            // article phrase that is no actor comes first.
            for k in f + 1..c.end {
                let t = &toks[k];
                if t.is_actor() {
                    if let Some((pi, p)) = phrases.iter().enumerate().find(|(_, p)| p.tok == k) {
                        if p.prep.is_none() && p.attached_to.is_none() && nominative(p) {
                            return Some(pi);
                        }
                    }
                } else if t.is_word() && t.has(code::ART) && t.codes & code::CASES == code::NOM {
                    return None;
                }
            }
            return None;
        }
        return None;
    }
    // Subordinate and relative clauses: the first nominative-compatible phrase.
    if c.ty == ClauseType::Relative {
        let rel = &toks[c.first];
        let rel_nom = rel.codes & code::NOM != 0 && !toks[c.first].has(code::PRP);
        if rel_nom {
            // The antecedent: the actor phrase right before the comma.
            if c.first >= 2 {
                if let Some(pi) = phrases.iter().position(|p| p.tok == c.first - 2) {
                    return Some(pi);
                }
            }
            return None;
        }
    }
    bare(phrases, c)
        .find(|(_, p)| nominative(p))
        .map(|(pi, _)| pi)
}

struct Context<'a, 'b> {
    gaz: &'a Gazetteer,
    g: &'a LangGrammar,
    mods: &'a Modifiers,
    text: &'a str,
    toks: &'b [Tok<'a>],
    phrases: &'b [Phrase],
    clauses: &'b [Clause],
    subjects: &'b [Option<Option<usize>>],
    span: (usize, usize),
    index: usize,
    doc_date: Option<PartialDate>,
    lang: Lang,
    attributed_to: Option<Participant>,
    /// Start offsets of the cue words the grammar read.
    read: std::cell::RefCell<Vec<usize>>,
    /// The tokens' word ids in the relation lexicon's vocabulary (actors and punctuation are
    /// `UNKNOWN`), for its negation, hedge, intent and refusal lists.
    ids: Vec<WordId>,
    /// The sentence's event date, read once a relation is found.
    event_date: std::cell::OnceCell<Option<PartialDate>>,
}

/// The actors filling one role.
type Filler = Vec<Member>;

impl Context<'_, '_> {
    fn clause_relations(&self, ci: usize, out: &mut Vec<RelationMention>) {
        let c = &self.clauses[ci];
        let toks = self.toks;
        let g = self.g;
        // The clause's verb complex.
        let fin = finite(toks, c);
        let aux = |words: &[&str]| {
            (c.first..c.end).any(|k| {
                toks[k].is_word()
                    && toks[k].has(code::AUX)
                    && words.contains(&toks[k].lower().as_str())
            })
        };
        let werden = aux(&[
            "wird", "werden", "wurde", "wurden", "werde", "worden", "würde", "würden", "wirst",
        ]);
        // "ist von China bedroht": the stative passive needs its agent.
        let sein = aux(&[
            "ist", "sind", "war", "waren", "sei", "seien", "wäre", "wären",
        ]) && self.phrases.iter().any(|p| {
            p.tok >= c.first && p.tok < c.end && matches!(p.prep.as_deref(), Some("von" | "durch"))
        });
        let passive = (werden || sein)
            && (c.first..c.end).any(|k| toks[k].has(code::P2) && toks[k].cue.is_some());
        let last_word = (c.first..c.end).rev().find(|&k| toks[k].is_word());
        let particle = last_word.filter(|&k| toks[k].has(code::PARTICLE) && Some(k) != fin);
        for k in c.first..c.end {
            let Some(cue_id) = toks[k].cue else { continue };
            // A finite base with the clause's particle: "klagte ... an" is "anklagen".
            let mut lemma_id = cue_id;
            if toks[k].has(code::FIN) && !toks[k].capitalised() {
                if let Some(p) = particle {
                    let pl = toks[p].lower();
                    if let Some(id) = toks[k].verbs.iter().find_map(|&v| {
                        g.lemma_id(&format!("{pl}{}", g.lemma(v)))
                            .filter(|id| g.cues.get(id).is_some_and(|c| !c.noun))
                    }) {
                        lemma_id = id;
                    } else if toks[k]
                        .verbs
                        .iter()
                        .any(|&v| g.lemma_id(&format!("{pl}{}", g.lemma(v))).is_some())
                    {
                        // "trifft ... ein": particle and base make another verb of the
                        // lexicon; the cue is not this lemma.
                        continue;
                    }
                }
            }
            if lemma_id == u32::MAX {
                continue;
            }
            // A relation noun takes its kind from the clause's evaluative words.
            let Some(cue) = g.cues.get(&lemma_id) else {
                if g.relation.contains(&lemma_id) {
                    self.relation_noun(ci, k, out);
                }
                continue;
            };
            if cue.noun {
                self.noun_cue(ci, k, cue, out);
            } else {
                self.verb_cue(ci, k, cue, passive && toks[k].has(code::P2), out);
            }
        }
    }

    /// The verb lemmas of clause `ci`, a finite base joined with the clause's separated
    /// particle too ("nahmen ... auf": "aufnehmen").
    fn clause_lemmas(&self, ci: usize) -> Vec<String> {
        let c = &self.clauses[ci];
        let toks = self.toks;
        let g = self.g;
        let last_word = (c.first..c.end).rev().find(|&k| toks[k].is_word());
        let particle = last_word.filter(|&k| toks[k].has(code::PARTICLE));
        let mut out = Vec::new();
        for k in c.first..c.end {
            for &v in &toks[k].verbs {
                out.push(g.lemma(v).to_string());
                if let Some(p) = particle.filter(|&p| p != k && toks[k].has(code::FIN)) {
                    out.push(format!("{}{}", toks[p].lower(), g.lemma(v)));
                }
            }
        }
        out
    }

    /// Whether phrase `p` is the adjective, genitive or possessor of the head noun of a
    /// phrase of preposition `name` in clause `c`: "protestierte gegen den russischen
    /// Vorstoß", "Kritik an der Politik Chinas". Not for "zwischen", whose actors are named.
    fn attached_in_pp(&self, p: &Phrase, name: &str, c: &Clause) -> bool {
        let Some(n) = p.attached_to.filter(|&n| n != usize::MAX) else {
            return false;
        };
        name != "zwischen"
            && n >= c.first
            && n < c.end
            && !self.toks[n].is_actor()
            && governing(self.toks, n).0.as_deref() == Some(name)
    }

    /// Whether token `j` is the idiom word `w` (see `Idiom::words`).
    fn idiom_word(&self, j: usize, w: &str) -> bool {
        let t = &self.toks[j];
        if !t.is_word() {
            return false;
        }
        if w.starts_with(char::is_uppercase) {
            return t.text == w || t.noun.is_some_and(|n| self.g.lemma(n) == w);
        }
        let lower = t.lower();
        match w.strip_suffix('*') {
            Some(prefix) => lower.starts_with(prefix),
            None => lower == w,
        }
    }

    fn members_of(&self, pi: usize) -> Filler {
        self.toks[self.phrases[pi].tok].members().to_vec()
    }

    fn subject_of(&self, ci: usize) -> Option<usize> {
        self.subjects[ci].flatten()
    }

    /// The fillers of a verb role in clause `ci`.
    fn verb_role(&self, ci: usize, role: &Role, passive: bool, cue_tok: usize) -> Vec<Filler> {
        let c = &self.clauses[ci];
        let subj = self.subject_of(ci);
        let in_clause = |p: &Phrase| p.tok >= c.first && p.tok < c.end;
        let pp = |name: &str| -> Vec<Filler> {
            self.phrases
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    in_clause(p)
                        && (p.prep.as_deref() == Some(name) && p.attached_to.is_none()
                            || self.attached_in_pp(p, name, c))
                })
                .map(|(pi, _)| self.members_of(pi))
                .collect()
        };
        let objects = |want: u32| -> Vec<Filler> {
            let mut v: Vec<Filler> = bare(self.phrases, c)
                .filter(|(pi, p)| Some(*pi) != subj && p.cases & want != 0 && p.tok != cue_tok)
                .map(|(pi, _)| self.members_of(pi))
                .collect();
            // The actor of a noun that is the object: "verurteilten den russischen
            // Einmarsch", "lobte die Effizienz Chinas", "kritisierte Trumps Entscheidung".
            for (pi, p) in self.phrases.iter().enumerate() {
                let Some(noun) = p.attached_to.filter(|&n| n != usize::MAX) else {
                    continue;
                };
                if p.tok < c.first
                    || p.tok >= c.end
                    || noun < c.first
                    || noun >= c.end
                    || Some(pi) == subj
                {
                    continue;
                }
                let (prep, cases) = governing(self.toks, noun);
                let noun_is_subject = subj.is_some_and(|s| self.phrases[s].tok == noun)
                    || c.ty == ClauseType::Main && finite(self.toks, c).is_some_and(|f| noun < f);
                if prep.is_none()
                    && cases & want != 0
                    && cases != code::CASES
                    && !noun_is_subject
                    && !self.toks[noun].is_actor()
                {
                    v.push(self.members_of(pi));
                }
            }
            v
        };
        match (role, passive) {
            (Role::Subj, false) => subj.map(|s| vec![self.members_of(s)]).unwrap_or_default(),
            (Role::Subj, true) => {
                let mut v = pp("von");
                v.extend(pp("durch"));
                v
            }
            (Role::Obj, false) => objects(code::AKK | code::DAT),
            (Role::Obj, true) => subj.map(|s| vec![self.members_of(s)]).unwrap_or_default(),
            (Role::Dat, _) => objects(code::DAT),
            (Role::Pp(p), _) => pp(p),
            (Role::Att(lemma), _) => self
                .phrases
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    in_clause(p)
                        && p.attached_to
                            .is_some_and(|n| n != usize::MAX && self.idiom_word(n, lemma))
                })
                .map(|(pi, _)| self.members_of(pi))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn verb_cue(
        &self,
        ci: usize,
        k: usize,
        cue: &Cue,
        passive: bool,
        out: &mut Vec<RelationMention>,
    ) {
        let c = &self.clauses[ci];
        let toks = self.toks;
        // An idiom of the verb whose words stand in the clause is read instead of the verb;
        // a verb known only by its idioms is no cue without one.
        let idiom = cue.idioms.iter().find(|i| {
            i.words
                .iter()
                .all(|w| (c.first..c.end).any(|j| self.idiom_word(j, w)))
        });
        if idiom.is_none() && cue.rules.is_empty() {
            return;
        }
        // A cue verb in a clause with a finite verb (its subject found, or known to be no
        // actor) has been read: what its rules do not give, a frame should not give either.
        if self.subject_of(ci).is_some() || finite(toks, c).is_some() {
            self.read.borrow_mut().push(toks[k].start);
        }
        // "die von Russland und der Türkei vereinbarte Waffenruhe": the agents of an
        // attributive participle, for the rules among its subjects.
        if let Some(agents) = attributive_agents(toks, k) {
            for (name, rule) in &cue.rules {
                if let Rule::Among(Role::Subj) = rule {
                    let fill = |_: &Role| {
                        agents
                            .iter()
                            .map(|&a| toks[a].members().to_vec())
                            .collect::<Vec<Filler>>()
                    };
                    self.apply(ci, k, cue, name, rule, &fill, out);
                }
            }
            return;
        }
        // A participle without an auxiliary in its clause is an adjective or an ellipsis
        // ("schwer getroffen", "die von Russland unterstützten Separatisten").
        if toks[k].has(code::P2 | code::ATTR)
            && !toks[k].has(code::FIN)
            && !(c.first..c.end).any(|j| toks[j].has(code::AUX) || toks[j].has(code::MOD))
        {
            return;
        }
        let reflexive = (c.first..c.end).any(|j| toks[j].is_word() && toks[j].lower() == "sich");
        let own;
        let cue = match idiom {
            Some(i) => {
                own = Cue {
                    lemma: i.name(&cue.lemma),
                    kind: i.kind,
                    rules: i.rules.clone(),
                    noun: false,
                    light_verbs: Vec::new(),
                    idioms: Vec::new(),
                };
                &own
            }
            None => cue,
        };
        for (name, rule) in &cue.rules {
            let name = match name.strip_suffix(" sich") {
                Some(n) if reflexive => n,
                Some(_) => continue,
                None => name.as_str(),
            };
            let fill = |r: &Role| self.verb_role(ci, r, passive, k);
            self.apply(ci, k, cue, name, rule, &fill, out);
        }
    }

    /// The fillers of a noun role for the cue noun at `k`.
    fn noun_role(&self, ci: usize, k: usize, role: &Role) -> Vec<Filler> {
        let toks = self.toks;
        let c = &self.clauses[ci];
        match role {
            Role::Poss => self
                .phrases
                .iter()
                .enumerate()
                .filter(|(_, p)| p.attached_to == Some(k) && p.tok < k)
                .map(|(pi, _)| self.members_of(pi))
                .collect(),
            Role::Gen => {
                // "mit Hilfe der Verbündeten Russland und Iran": a genitive noun of allies or
                // agents with the actor in apposition.
                let appos_of_genitive = |p: &Phrase| {
                    p.tok == k + 3
                        && toks[k + 1].is_word()
                        && matches!(toks[k + 1].lower().as_str(), "der" | "des")
                        && toks[k + 2].is_noun()
                        && toks[k + 2].noun.is_some_and(|n| {
                            self.g.agent.contains(&n)
                                || self.g.cues.get(&n).is_some_and(|c| {
                                    c.rules.iter().any(|(_, r)| match r {
                                        Rule::Directed(a, b) | Rule::Pair(a, b) => {
                                            *a == Role::Appos || *b == Role::Appos
                                        }
                                        Rule::Among(a) => *a == Role::Appos,
                                    })
                                })
                        })
                };
                self.phrases
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        p.attached_to == Some(k) && p.tok > k
                            // "der Abzug russischer Truppen": an agent phrase in the genitive.
                            || p.tok == k + 1 && p.prep.is_none() && p.attached_to.is_none() && p.cases & code::GEN != 0 && toks[p.tok].text.chars().next().is_some_and(char::is_lowercase)
                            || appos_of_genitive(p)
                    })
                    .map(|(pi, _)| self.members_of(pi))
                    .collect()
            }
            Role::Appos => match toks.get(k + 1) {
                Some(t) if t.is_actor() => vec![t.members().to_vec()],
                _ => Vec::new(),
            },
            Role::Pp(p) => {
                // A phrase of preposition p after the noun, within a few words, in the
                // clause; for "zwischen" also just before it ("zwischen X und Y Konflikte").
                let mut v = Vec::new();
                for (pi, ph) in self.phrases.iter().enumerate() {
                    let own = ph.prep.as_deref() == Some(p.as_str()) && ph.attached_to.is_none();
                    if !(own || self.attached_in_pp(ph, p, c))
                        || ph.tok < c.first
                        || ph.tok >= c.end
                    {
                        continue;
                    }
                    let after = ph.tok > k
                        && ph.tok <= k + 7
                        && !(k + 1..ph.tok).any(|j| {
                            let t = &toks[j];
                            t.has(code::FIN) && !t.capitalised()
                                || t.cue.is_some() && t.noun.is_some()
                                || matches!(t.kind, Kind::Punct(','))
                        });
                    let before = p == "zwischen" && ph.tok < k && ph.tok + 3 >= k;
                    if after || before {
                        v.push(self.members_of(pi));
                    }
                }
                v
            }
            Role::Lv => {
                // The noun is the object of a light verb whose subject is the source.
                let own: &[u32] = toks[k]
                    .noun
                    .and_then(|n| self.g.cues.get(&n))
                    .map_or(&[], |c| &c.light_verbs);
                // "die von den USA verhängten Sanktionen": a light verb's participle before
                // the noun, with its agents.
                if k > 0 {
                    let light = toks[k - 1]
                        .verbs
                        .iter()
                        .any(|v| self.g.light.contains(v) || own.contains(v));
                    if let Some(agents) = attributive_agents(toks, k - 1).filter(|_| light) {
                        return agents.iter().map(|&a| toks[a].members().to_vec()).collect();
                    }
                }
                let verb = (c.first..c.end).find(|&j| {
                    toks[j].verbs.iter().any(|v| {
                        self.g.light.contains(v) || self.g.receive.contains(v) || own.contains(v)
                    })
                });
                let Some(v) = verb else { return Vec::new() };
                let Some(s) = self.subject_of(ci) else {
                    return Vec::new();
                };
                if self.phrases[s].tok > k && toks[v].start > toks[k].start {
                    return Vec::new();
                }
                vec![self.members_of(s)]
            }
            Role::Host => {
                let Some(s) = self.subject_of(ci) else {
                    return Vec::new();
                };
                let (prep, _) = governing(toks, k);
                let adverbial = matches!(prep.as_deref(), Some("mit" | "dank" | "durch" | "unter"));
                if !adverbial
                    || self.phrases[s].attached_to == Some(k)
                    || self.phrases[s].prep.is_some()
                {
                    return Vec::new();
                }
                vec![self.members_of(s)]
            }
            Role::Subj => {
                // The subject of the clause the noun is an object in: not the noun's own
                // phrase, and the noun after the finite verb or in a clause of verb-final order.
                let Some(s) = self.subject_of(ci) else {
                    return Vec::new();
                };
                let fin = finite(toks, c);
                let object = match c.ty {
                    ClauseType::Main => fin.is_some_and(|f| f < k),
                    _ => true,
                };
                let (prep, cases) = governing(toks, k);
                if !object
                    || prep.is_some()
                    || cases & (code::AKK | code::DAT) == 0
                    || self.phrases[s].attached_to == Some(k)
                {
                    return Vec::new();
                }
                vec![self.members_of(s)]
            }
            Role::Dat => {
                let subj = self.subject_of(ci);
                bare(self.phrases, c)
                    .filter(|(pi, p)| Some(*pi) != subj && p.cases & code::DAT != 0)
                    .map(|(pi, _)| self.members_of(pi))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    fn receiving(&self, ci: usize) -> bool {
        let c = &self.clauses[ci];
        (c.first..c.end).any(|j| {
            self.toks[j]
                .verbs
                .iter()
                .any(|v| self.g.receive.contains(v))
        })
    }

    fn noun_cue(&self, ci: usize, k: usize, cue: &Cue, out: &mut Vec<RelationMention>) {
        let swap = self.receiving(ci);
        for (name, rule) in &cue.rules {
            let fill = |r: &Role| self.noun_role(ci, k, r);
            let rule = match (rule, swap) {
                (Rule::Directed(Role::Lv, b), true) => Rule::Directed(b.clone(), Role::Lv),
                (r, _) => r.clone(),
            };
            self.apply(ci, k, cue, name, &rule, &fill, out);
        }
    }

    /// "die Beziehungen zwischen X und Y sind angespannt": a relation noun with an evaluative
    /// word in its clause.
    fn relation_noun(&self, ci: usize, k: usize, out: &mut Vec<RelationMention>) {
        let c = &self.clauses[ci];
        let words: Vec<String> = (c.first..c.end).map(|j| self.toks[j].lower()).collect();
        let lemmas = self.clause_lemmas(ci);
        let evaluates = |list: &rustc_hash::FxHashSet<Box<str>>| {
            words
                .iter()
                .any(|w| list.iter().any(|n| w.starts_with(&**n)))
                || lemmas.iter().any(|l| list.contains(l.as_str()))
        };
        let neg = evaluates(&self.g.negative);
        let pos = evaluates(&self.g.positive);
        let breaks = lemmas.iter().any(|l| self.g.breaking.contains(l.as_str()))
            || (c.first..c.end).any(|j| {
                self.toks[j]
                    .noun
                    .is_some_and(|n| self.g.breaking.contains(self.g.lemma(n)))
            });
        let kind = match (neg, pos) {
            _ if breaks => "reduces_relations",
            (true, false) => "opposes",
            (false, true) => "cooperates",
            _ => return,
        };
        let Some(kind) = self.gaz.lexicon().kinds.iter().position(|x| x.id == kind) else {
            return;
        };
        let cue = Cue {
            lemma: self.g.lemma(self.toks[k].noun.unwrap_or(0)).to_string(),
            kind,
            rules: Vec::new(),
            noun: true,
            light_verbs: Vec::new(),
            idioms: Vec::new(),
        };
        for (name, rule) in [
            ("pp:zwischen*", Rule::Among(Role::Pp("zwischen".into()))),
            // "X und Y nahmen diplomatische Beziehungen auf", "X brach die Beziehungen zu Y
            // ab": the subject of the clause the noun is an object of.
            ("subj*", Rule::Among(Role::Subj)),
            ("subj+pp:zu", Rule::Pair(Role::Subj, Role::Pp("zu".into()))),
            (
                "subj+pp:mit",
                Rule::Pair(Role::Subj, Role::Pp("mit".into())),
            ),
            (
                "subj>pp:zu",
                Rule::Directed(Role::Subj, Role::Pp("zu".into())),
            ),
            (
                "subj>pp:mit",
                Rule::Directed(Role::Subj, Role::Pp("mit".into())),
            ),
            ("poss+pp:zu", Rule::Pair(Role::Poss, Role::Pp("zu".into()))),
            (
                "poss+pp:mit",
                Rule::Pair(Role::Poss, Role::Pp("mit".into())),
            ),
            ("poss*", Rule::Among(Role::Poss)),
        ] {
            // One breaks relations with another; relations are had with each other.
            if breaks != matches!(rule, Rule::Directed(..))
                && name.starts_with("subj")
                && name != "subj*"
            {
                continue;
            }
            let fill = |r: &Role| self.noun_role(ci, k, r);
            self.apply(ci, k, &cue, name, &rule, &fill, out);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn apply(
        &self,
        ci: usize,
        k: usize,
        cue: &Cue,
        name: &str,
        rule: &Rule,
        fill: &dyn Fn(&Role) -> Vec<Filler>,
        out: &mut Vec<RelationMention>,
    ) {
        let mut pairs: Vec<(Member, Member)> = Vec::new();
        match rule {
            Rule::Directed(a, b) | Rule::Pair(a, b) => {
                let (sa, sb) = (fill(a), fill(b));
                for fa in &sa {
                    for fb in &sb {
                        // One phrase in both roles relates nobody within it.
                        if fa == fb {
                            continue;
                        }
                        for x in fa {
                            for y in fb {
                                pairs.push((*x, *y));
                            }
                        }
                    }
                }
            }
            Rule::Among(a) => {
                for f in fill(a) {
                    for (i, x) in f.iter().enumerate() {
                        for y in &f[i + 1..] {
                            pairs.push((*x, *y));
                        }
                    }
                }
            }
        }
        if debug() {
            eprintln!("  cue {} rule {name}: {} pairs", cue.lemma, pairs.len());
        }
        if pairs.is_empty() || pairs.len() > super::MAX_PAIRS {
            return;
        }
        let lex = self.gaz.lexicon();
        // A pair read symmetrically takes its family's symmetric kind ("der Krieg zwischen
        // X und Y" is a conflict of both, not an attack of one on the other).
        let base = match rule {
            Rule::Directed(..) => cue.kind,
            _ if !lex.kinds[cue.kind].directed => cue.kind,
            _ => symmetric_kind(lex, cue.kind),
        };
        let (negated, hedged, base) = self.scope(ci, k, base);
        let pattern = format!("gr.{}.{}/{}", lang_code(self.lang), cue.lemma, name);
        for (s, t) in pairs {
            if s.actor == t.actor || !may_relate(self.gaz, s.actor, t.actor, self.doc_date) {
                continue;
            }
            out.push(RelationMention {
                sentence: self.index,
                start: self.span.0,
                end: self.span.1,
                kind: kind_between(self.gaz, base, s.actor, t.actor),
                source: s.into(),
                target: t.into(),
                cue: (self.toks[k].start, self.toks[k].end),
                pattern: pattern.clone(),
                negated,
                hedged,
                attributed_to: self.attributed_to,
                event_date: *self.event_date.get_or_init(|| {
                    super::date::event_date(
                        &self.text[self.span.0..self.span.1],
                        self.doc_date,
                        self.lang,
                    )
                }),
                confidence: 0.7,
            });
        }
    }

    /// The word ids of tokens `a..b` (actors and punctuation are `UNKNOWN`).
    /// Where the sequences of `list` occur in tokens `a..b`: (start, length).
    fn find(&self, list: &SeqList, a: usize, b: usize) -> Vec<(usize, usize)> {
        let ids = &self.ids[a..b];
        let mut out = Vec::new();
        for j in 0..ids.len() {
            for seq in list.starting_with(ids[j]) {
                if ids[j..].starts_with(seq) {
                    out.push((a + j, seq.len()));
                }
            }
        }
        out
    }

    /// The clause ranges whose words scope over a cue in clause `ci`: the clause, and for an
    /// infinitive clause the clause that governs it.
    fn scope_ranges(&self, ci: usize) -> Vec<(usize, usize)> {
        let c = &self.clauses[ci];
        let mut ranges = vec![(c.first, c.end)];
        if c.ty == ClauseType::Infinitive && ci > 0 {
            let p = &self.clauses[ci - 1];
            ranges.push((p.first, p.end));
        }
        ranges
    }

    /// Negation, hedging and the kind the cue at `k` takes in clause `ci`: a negation word of
    /// the clause (not "nicht nur", "als nicht"), "kein" or a cancelling word before a noun
    /// ("das abgesagte Treffen"); a hedge of the sentence, a modal or a subjunctive finite
    /// verb; a word of intent or refusal before the cue shifts the kind ("will treffen" is a
    /// stated intent, "lehnte Gespräche ab" a rejection).
    fn scope(&self, ci: usize, k: usize, kind: usize) -> (bool, bool, usize) {
        let toks = self.toks;
        let mods = self.mods;
        let lex = self.gaz.lexicon();
        let mut negated = false;
        let mut hedged = false;
        let mut shifted = kind;
        for (a, b) in self.scope_ranges(ci) {
            let exceptions = self.find(&mods.not_negation, a, b);
            let excepted = |j: usize| exceptions.iter().any(|&(at, n)| j >= at && j < at + n);
            for (at, n) in self.find(&mods.negation, a, b) {
                if !(at..at + n).any(excepted) && !(at..at + n).contains(&k) {
                    negated = true;
                }
            }
            for j in a..b {
                let t = &toks[j];
                if !t.is_word() {
                    continue;
                }
                // A finite verb in Konjunktiv I or II only (reported or unreal), the cue too.
                let finite_readings = self.g.readings(t.text);
                if finite_readings.iter().any(|r| r.codes & code::FIN != 0)
                    && finite_readings
                        .iter()
                        .filter(|r| r.codes & code::FIN != 0)
                        .all(|r| r.codes & (code::K1 | code::K2) != 0)
                {
                    if debug() {
                        eprintln!("  hedged by subjunctive {}", t.text);
                    }
                    hedged = true;
                }
                if j == k {
                    continue;
                }
                let lower = t.lower();
                let volitional = matches!(
                    lower.as_str(),
                    "soll"
                        | "sollen"
                        | "solle"
                        | "will"
                        | "wollen"
                        | "wolle"
                        | "wollte"
                        | "wollten"
                        | "sollte"
                        | "sollten"
                        | "möchte"
                        | "möchten"
                );
                if t.has(code::MOD) && (t.has(code::K2) || volitional)
                    || matches!(lower.as_str(), "würde" | "würden")
                {
                    hedged = true;
                }
            }
            let k_kind = &lex.kinds[kind];
            let before = |&(at, n): &(usize, usize)| at + n <= k && k - (at + n) <= 6 || at > k;
            if let Some(refusal) = k_kind.refusal {
                if self.find(&mods.refusal, a, b).iter().any(before) {
                    shifted = refusal;
                }
            }
            if shifted == kind {
                if let Some(intent) = k_kind.intent {
                    if self.find(&mods.intent, a, b).iter().any(before) {
                        shifted = intent;
                    }
                }
            }
        }
        // "das abgesagte Gipfeltreffen", "keine Gespräche".
        if toks[k].noun.is_some() {
            let from = k.saturating_sub(3);
            if self
                .find(&mods.cancelled, from, k)
                .iter()
                .any(|&(at, n)| at + n == k || at + n + 1 == k)
            {
                negated = true;
            }
        }
        // Hedges of the clause ("Berichten zufolge", "angeblich", "soll"); a capitalised
        // one-word hedge is a name ("May").
        for (a, b) in self.scope_ranges(ci) {
            let found = self.find(&mods.hedge, a, b);
            if found
                .iter()
                .any(|&(at, n)| !(n == 1 && at > 0 && toks[at].capitalised()))
            {
                hedged = true;
            }
        }
        (negated, hedged, shifted)
    }
}

/// An unknown word with the ending of an adverb ("währenddessen", "seitdem", "möglicherweise",
/// "jedenfalls"): no noun, even when capitalised at the start of a sentence.
fn looks_adverbial(lower: &str) -> bool {
    [
        "dessen", "dem", "weise", "falls", "mals", "seits", "wärts", "dings", "halben",
    ]
    .iter()
    .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
}

/// The symmetric kind of a directed kind's family, for a pair read symmetrically ("der Krieg
/// zwischen X und Y" is a conflict of both, not an attack of one on the other): the family's
/// first undirected kind that is no kind's intent or refusal (not "agrees", "rejects").
fn symmetric_kind(lex: &crate::gazetteer::lexicon::Lexicon, kind: usize) -> usize {
    let family = lex.kinds[kind].family;
    let shifted_to = |i: usize| {
        lex.kinds
            .iter()
            .any(|k| k.intent == Some(i) || k.refusal == Some(i))
    };
    (0..lex.kinds.len())
        .find(|&i| !lex.kinds[i].directed && lex.kinds[i].family == family && !shifted_to(i))
        .unwrap_or(kind)
}

fn lang_code(l: Lang) -> &'static str {
    match l {
        Lang::De => "de",
        Lang::En => "en",
    }
}
