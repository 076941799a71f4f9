//! Relation mentions: who does what to whom, sentence by sentence, from cue words and the
//! frames they fill (`gazetteer/relations/`), with negation, hedging, attribution, the event
//! date and a confidence.
//!
//! A sentence with at least two actors that can take part is turned into tokens in which each
//! actor mention, or each coordination of them ("Israel und die USA"), is one token. Actors
//! that take no part become plain words: news agencies and newspapers (they are the source of
//! a report), actors named next to a reporting word ("erklärte Tommy Pigott"), actors after a
//! comparison word ("wichtiger als Iran"), compounds whose head is not a government body
//! ("Trump-Kumpel", "NATO-Gipfel"), and ambiguous mentions. A state or capital after a
//! locative word is a venue ("Gipfel in Den Haag"), which fills a frame's slot only right after
//! a word of the frame ("Besuch in Pjöngjang"). Each cue is then tried with each of its frames.

mod date;
mod grammar;
mod tokens;

use serde::Serialize;

use crate::date::PartialDate;
use crate::gazetteer::lexicon::Family;
use crate::gazetteer::{ActorIdx, ActorKind, Gazetteer, Via};
use crate::input::Document;
use crate::mentions::{ActorRecord, DocumentMentions, Mention};
use crate::text::sentences::{self, Sentence};
use crate::text::Lang;

pub use tokens::{Member, Tok, Token, MAX_PAIRS};

/// An actor taking part in a relation, with the mention that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participant {
    pub actor: ActorIdx,
    pub start: usize,
    pub end: usize,
}

/// One relation found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationMention {
    /// Index of the sentence in the document, and its trimmed byte span.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// Index into the lexicon's kinds.
    pub kind: usize,
    pub source: Participant,
    pub target: Participant,
    /// Byte span of the cue.
    pub cue: (usize, usize),
    /// `cue-id/frame-id`.
    pub pattern: String,
    pub negated: bool,
    pub hedged: bool,
    pub attributed_to: Option<Participant>,
    pub event_date: Option<PartialDate>,
    pub confidence: f32,
}

/// The relation mentions of one document.
#[derive(Debug, Clone)]
pub struct DocumentRelations {
    pub sentences: Vec<Sentence>,
    pub relations: Vec<RelationMention>,
    /// Sentences in which a match named more than `MAX_PAIRS` pairs of actors and gave none.
    pub capped_sentences: usize,
}

/// Finds the relation mentions of `doc`, given its actor mentions.
pub fn find_relations(
    gaz: &Gazetteer,
    doc: &Document,
    found: &DocumentMentions,
) -> DocumentRelations {
    let lang = found.lang.unwrap_or(Lang::De);
    let sents = sentences::split(&doc.text, gaz.abbreviations(lang));
    let mut relations = Vec::new();
    let mut capped_sentences = 0;
    let mut m = 0;
    // The actors of one sentence, kept between sentences for its allocation.
    let mut ids: Vec<ActorIdx> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        while m < found.mentions.len() && found.mentions[m].end <= s.start {
            m += 1;
        }
        let mut j = m;
        while j < found.mentions.len() && found.mentions[j].start < s.end {
            j += 1;
        }
        // A sentence without an actor makes no pair, even with a pronoun for one.
        if j == m {
            continue;
        }
        let pronoun = pronoun_mention(gaz, &doc.text, &sents, si, found, lang);
        ids.clear();
        ids.extend(
            pronoun
                .iter()
                .chain(&found.mentions[m..j])
                .filter_map(|x| x.actor.or_else(|| polity_actor(gaz, x))),
        );
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 {
            continue;
        }
        let in_sentence: Vec<Mention> = pronoun
            .into_iter()
            .chain(found.mentions[m..j].iter().cloned())
            .collect();
        let in_sentence = &in_sentence[..];
        let langs: &[Lang] = match found.lang {
            Some(Lang::De) => &[Lang::De],
            Some(Lang::En) => &[Lang::En],
            None => &[Lang::De, Lang::En],
        };
        // The grammar reads the sentence first; the frames add what it found nothing for:
        // a pair of actors the grammar related in this sentence is not read again by a
        // frame, whose surface pattern is the weaker evidence, and neither is a cue word the
        // grammar read (found the clause's subject of, or a relation). Attribution ("sagte Lawrow",
        // "laut Südkorea") is read once, by the frames' tokens.
        let mut best: Vec<RelationMention> = Vec::new();
        let mut framed: Vec<RelationMention> = Vec::new();
        let mut read_cues: Vec<usize> = Vec::new();
        for &l in langs {
            let sentence = tokens::SentenceTokens::new(gaz, &doc.text, *s, in_sentence, l);
            let attributed_to = sentence.as_ref().and_then(|t| t.attributed_to());
            let reading = grammar::relations(
                gaz,
                &doc.text,
                *s,
                si,
                in_sentence,
                found.date,
                l,
                attributed_to,
            );
            for r in reading.relations {
                merge(&mut best, r, gaz);
            }
            read_cues.extend(reading.read_cues);
            if let Some(sentence) = sentence {
                framed.extend(sentence.relations(gaz, si, found.date, l));
                capped_sentences += sentence.capped.get() as usize;
            }
        }
        let read: Vec<(ActorIdx, ActorIdx)> = best
            .iter()
            .map(|r| pair_key(r.source.actor, r.target.actor))
            .collect();
        for r in framed {
            if !read.contains(&pair_key(r.source.actor, r.target.actor))
                && !read_cues.contains(&r.cue.0)
            {
                merge(&mut best, r, gaz);
            }
        }
        // A visit is made by a person or a state's representatives, not by its people: "Viele
        // Deutsche wollen nach Italien kommen", "wer aus dem deutschen Bundesland nach
        // Dänemark kommt".
        let kinds = &gaz.lexicon().kinds;
        // (A frame's visit cue whose kind an intent shifted is still a visit: "de.visits.*".)
        let visit =
            |r: &RelationMention| kinds[r.kind].id == "visits" || r.pattern.contains(".visits.");
        best.retain(|r| {
            !visit(r)
                || !in_sentence.iter().any(|m| {
                    // (The grammar takes an adjective only before an agent noun: "der Besuch
                    // des russischen Verteidigungsministers".)
                    m.start == r.source.start
                        && (m.via == Via::Demonym
                            || m.via == Via::Adjective && !r.pattern.starts_with("gr."))
                })
        });
        best.sort_by_key(|r| (r.cue.0, r.source.start, r.target.start, r.kind));
        relations.extend(best);
    }
    DocumentRelations {
        sentences: sents,
        relations,
        capped_sentences,
    }
}

/// A sentence-initial subject pronoun ("Er", "He") as a mention of the one person the
/// previous sentence of the same paragraph names; `None` where that is not safe: no pronoun,
/// a paragraph break between, or no or several people named before.
fn pronoun_mention(
    gaz: &Gazetteer,
    text: &str,
    sents: &[Sentence],
    si: usize,
    found: &DocumentMentions,
    lang: Lang,
) -> Option<Mention> {
    let (start, _) = sents[si].trimmed(text);
    let rest = &text[start..];
    let word = &rest[..rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len())];
    if word.is_empty()
        || !{
            let lex = gaz.lexicon();
            let id = lex.vocab.lookup(word, &mut String::new());
            lex.modifiers(lang).pronoun.contains(id)
        }
    {
        return None;
    }
    let prev = sents.get(si.checked_sub(1)?)?;
    if text[prev.start..start].contains("\n\n")
        || text[prev.trimmed(text).1..start].contains('\n')
            && text[prev.start..prev.end]
                .trim_end()
                .ends_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    let mut people: Vec<ActorIdx> = found
        .mentions
        .iter()
        .filter(|m| m.start >= prev.start && m.end <= prev.end)
        .filter_map(|m| m.actor)
        .filter(|&a| gaz.actor(a).kind == ActorKind::Person)
        .collect();
    people.sort();
    people.dedup();
    let [person] = people[..] else { return None };
    Some(Mention {
        start,
        end: start + word.len(),
        actor: Some(person),
        via: crate::gazetteer::Via::Coreference,
        candidates: Vec::new(),
        reason: None,
        office: None,
        state_span: None,
    })
}

impl From<Member> for Participant {
    fn from(m: Member) -> Participant {
        Participant {
            actor: m.actor,
            start: m.start,
            end: m.end,
        }
    }
}

/// The kind a relation of `kind` takes between `source` and `target`: its `between_people`
/// kind where both are people ("Biden attacked Trump" is criticism, not an assault).
pub(crate) fn kind_between(
    gaz: &Gazetteer,
    kind: usize,
    source: ActorIdx,
    target: ActorIdx,
) -> usize {
    let person = |a| gaz.actor(a).kind == ActorKind::Person;
    match gaz.lexicon().kinds[kind].between_people {
        Some(k) if person(source) && person(target) => k,
        _ => kind,
    }
}

/// Two actors in a fixed order, for a relation of either direction.
fn pair_key(a: ActorIdx, b: ActorIdx) -> (ActorIdx, ActorIdx) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Keeps one mention per (source, target, kind) in a sentence: the most confident.
fn merge(best: &mut Vec<RelationMention>, r: RelationMention, gaz: &Gazetteer) {
    let directed = gaz.lexicon().kinds[r.kind].directed;
    let key = |x: &RelationMention| {
        let (a, b) = (x.source.actor, x.target.actor);
        (if directed || a <= b { (a, b) } else { (b, a) }, x.kind)
    };
    if let Some(prev) = best.iter_mut().find(|p| key(p) == key(&r)) {
        if r.confidence > prev.confidence {
            *prev = r;
        }
    } else {
        best.push(r);
    }
}

/// The state or organisation an unresolved title names ("der US-Präsident" without a date).
pub(crate) fn polity_actor(gaz: &Gazetteer, m: &crate::mentions::Mention) -> Option<ActorIdx> {
    m.office
        .as_ref()
        .and_then(|(polity, _)| gaz.actor_by_id(polity))
}

/// The relation as `geokg extract` writes it.
#[derive(Debug, Serialize)]
pub struct RelationRecord<'a> {
    pub doc: &'a str,
    pub date: Option<String>,
    pub sentence: usize,
    pub sentence_text: &'a str,
    pub start: usize,
    pub end: usize,
    pub relation: Family,
    pub kind: &'a str,
    pub directed: bool,
    pub source: ParticipantRecord<'a>,
    pub target: ParticipantRecord<'a>,
    pub cue: CueRecord<'a>,
    pub pattern: &'a str,
    pub negated: bool,
    pub hedged: bool,
    pub attributed_to: Option<ParticipantRecord<'a>>,
    pub event_date: Option<String>,
    pub confidence: f64,
    pub cameo: &'a str,
    pub plover: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ParticipantRecord<'a> {
    #[serde(flatten)]
    pub actor: ActorRecord<'a>,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct CueRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> RelationRecord<'a> {
    pub fn new(
        gaz: &'a Gazetteer,
        doc: &'a Document,
        found: &DocumentMentions,
        r: &'a RelationMention,
    ) -> RelationRecord<'a> {
        let lang = found.lang.unwrap_or(Lang::De);
        let part = |p: &Participant| ParticipantRecord {
            actor: ActorRecord::new(gaz, p.actor, found.date, lang),
            text: &doc.text[p.start..p.end],
            start: p.start,
            end: p.end,
        };
        let kind = &gaz.lexicon().kinds[r.kind];
        RelationRecord {
            doc: &doc.id,
            date: found.date.map(|d| d.to_string()),
            sentence: r.sentence,
            sentence_text: &doc.text[r.start..r.end],
            start: r.start,
            end: r.end,
            relation: kind.family,
            kind: &kind.id,
            directed: kind.directed,
            source: part(&r.source),
            target: part(&r.target),
            cue: CueRecord {
                text: &doc.text[r.cue.0..r.cue.1],
                start: r.cue.0,
                end: r.cue.1,
            },
            pattern: &r.pattern,
            negated: r.negated,
            hedged: r.hedged,
            attributed_to: r.attributed_to.as_ref().map(part),
            event_date: r.event_date.map(|d| d.to_string()),
            confidence: (r.confidence as f64 * 1000.0).round() / 1000.0,
            cameo: &kind.cameo,
            plover: &kind.plover,
        }
    }
}

/// Whether two actors may be related: not the same actor, not a person and the state they
/// serve, not an organisation and itself.
pub(crate) fn may_relate(
    gaz: &Gazetteer,
    a: ActorIdx,
    b: ActorIdx,
    date: Option<PartialDate>,
) -> bool {
    if a == b {
        return false;
    }
    let (x, y) = (gaz.actor(a), gaz.actor(b));
    let country_of = |p: &crate::gazetteer::Actor| match p.kind {
        ActorKind::Person => p.country_on(date).map(str::to_string),
        ActorKind::State => Some(p.id.clone()),
        ActorKind::Organization => None,
    };
    let person_and_own_state = (x.kind == ActorKind::Person || y.kind == ActorKind::Person)
        && (x.kind == ActorKind::State || y.kind == ActorKind::State)
        && country_of(x).is_some()
        && country_of(x) == country_of(y);
    !person_and_own_state
}
