//! A sentence as tokens for frame matching: words, punctuation, and one token per actor or
//! coordination of actors.

use crate::date::PartialDate;
use crate::gazetteer::lexicon::{lang_slot, Element, Modifiers, SeqList};
use crate::gazetteer::{ActorIdx, Gazetteer, Via};
use crate::mentions::Mention;
use crate::text::normalize::{is_hyphen, normalize_form};
use crate::text::sentences::Sentence;
use crate::text::Lang;

use super::{may_relate, polity_actor, Participant, RelationMention};

/// An actor in an actor token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub actor: ActorIdx,
    pub start: usize,
    pub end: usize,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A word, normalised.
    Word(String),
    /// One punctuation character.
    Punct(char),
    /// One actor, or a coordination of several; `venue` when it follows a locative word.
    Actors { members: Vec<Member>, venue: bool },
}

/// A token with its byte span in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub tok: Tok,
}

impl Token {
    fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is_actor(&self) -> bool {
        matches!(self.tok, Tok::Actors { .. })
    }

    fn is_clause_break(&self) -> bool {
        matches!(
            self.tok,
            Tok::Punct(',' | ';' | ':' | '(' | ')' | '"' | '–' | '—')
        )
    }
}

/// At most this many relation pairs from one frame match.
pub const MAX_PAIRS: usize = 36;

/// A sentence ready for matching.
pub struct SentenceTokens<'a> {
    text: &'a str,
    span: (usize, usize),
    tokens: Vec<Token>,
    /// The tokens before a speaker was taken out; `None` when none was.
    unreported: Option<Vec<Token>>,
    /// A match was left out for naming too many pairs of actors.
    pub capped: std::cell::Cell<bool>,
    attributed_to: Option<Participant>,
}

fn words_of(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[start..end];
    let mut word_start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && word_start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        // A digit group separator inside a number ("4,000", "5.000") is part of the word.
        let in_number = matches!(c, ',' | '.')
            && word_start.is_some_and(|ws| s[ws..i].chars().all(|d| d.is_ascii_digit()))
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
        if c.is_alphanumeric() || inner_apostrophe || in_number {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(ws) = word_start.take() {
            out.push(Token {
                start: start + ws,
                end: start + i,
                tok: Tok::Word(normalize_form(&s[ws..i])),
            });
        }
        if !c.is_whitespace() {
            let folded = match c {
                '„' | '“' | '”' | '»' | '«' => '"',
                c if is_hyphen(c) => '-',
                c => c,
            };
            out.push(Token {
                start: start + i,
                end: start + i + c.len_utf8(),
                tok: Tok::Punct(folded),
            });
        }
    }
    if let Some(ws) = word_start {
        out.push(Token {
            start: start + ws,
            end,
            tok: Tok::Word(normalize_form(&s[ws..])),
        });
    }
    out
}

/// `seq` occurs in `tokens` at `i` (as words).
fn seq_at(tokens: &[Token], i: usize, seq: &[String]) -> bool {
    seq_len(tokens, i, seq).is_some()
}

/// How many tokens `seq` covers at `i`, if it occurs there. A hyphen glued between two words
/// of the text is passed over, as normalisation does for forms ("cease-fire" is found by the
/// form "cease fire").
fn seq_len(tokens: &[Token], i: usize, seq: &[String]) -> Option<usize> {
    let mut at = i;
    for (k, w) in seq.iter().enumerate() {
        if k > 0 {
            let glued_hyphen = tokens.get(at).is_some_and(|t| t.tok == Tok::Punct('-'))
                && tokens
                    .get(at - 1)
                    .zip(tokens.get(at))
                    .is_some_and(|(a, b)| a.end == b.start)
                && tokens
                    .get(at)
                    .zip(tokens.get(at + 1))
                    .is_some_and(|(a, b)| a.end == b.start);
            if glued_hyphen && w != "-" {
                at += 1;
            }
        }
        let ok = tokens.get(at).is_some_and(|t| match &t.tok {
            Tok::Word(x) => x == w,
            Tok::Punct(p) => w.len() == p.len_utf8() && w.starts_with(*p),
            _ => false,
        });
        if !ok {
            return None;
        }
        at += 1;
    }
    Some(at - i)
}

/// Occurrences (start, length in tokens) of any sequence of `list` in `tokens[from..to]`.
fn find_seqs(tokens: &[Token], from: usize, to: usize, list: &SeqList) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if list.is_empty() {
        return out;
    }
    for i in from..to {
        let first = match &tokens[i].tok {
            Tok::Word(w) => w.as_str(),
            Tok::Punct(_) => continue,
            Tok::Actors { .. } => continue,
        };
        for s in list.starting_with(first) {
            if let Some(len) = seq_len(tokens, i, s).filter(|&len| i + len <= to) {
                out.push((i, len));
            }
        }
    }
    out
}

impl<'a> SentenceTokens<'a> {
    pub fn new(
        gaz: &Gazetteer,
        text: &'a str,
        sentence: Sentence,
        mentions: &[Mention],
        lang: Lang,
    ) -> SentenceTokens<'a> {
        let mods = gaz.lexicon().modifiers(lang);
        let span = sentence.trimmed(text);
        let words = words_of(text, span.0, span.1);
        // Replace the words each participating mention covers with one actor token; the
        // others stay words.
        let mut tokens: Vec<Token> = Vec::with_capacity(words.len());
        let mut attributed_media: Option<Participant> = None;
        let mut adjectival = std::collections::HashSet::new();
        let mut wi = 0;
        for m in mentions {
            while wi < words.len() && words[wi].end <= m.start {
                tokens.push(words[wi].clone());
                wi += 1;
            }
            let covered_end = words[wi..]
                .iter()
                .position(|w| w.start >= m.end)
                .map(|p| wi + p)
                .unwrap_or(words.len());
            let actor = m.actor.or_else(|| polity_actor(gaz, m));
            let part = actor.filter(|&a| takes_part(gaz, text, m, a, mods));
            if let (Some(a), true) = (actor, is_media(gaz, actor)) {
                attributed_media.get_or_insert(Participant {
                    actor: a,
                    start: m.start,
                    end: m.end,
                });
            }
            match part {
                Some(a) if covered_end > wi => {
                    if m.via == Via::Adjective {
                        adjectival.insert(m.start);
                    }
                    tokens.push(Token {
                        start: m.start,
                        end: m.end,
                        tok: Tok::Actors {
                            members: vec![Member {
                                actor: a,
                                start: m.start,
                                end: m.end,
                            }],
                            venue: false,
                        },
                    });
                    wi = covered_end;
                }
                _ => {}
            }
        }
        tokens.extend(words[wi..].iter().cloned());
        // A compound whose actor takes part joins its head: "EU-Sanktionen gegen Russland"
        // reads as "EU Sanktionen gegen Russland".
        let glued = |a: &Token, b: &Token| a.end == b.start;
        let mut k = 1;
        while k + 1 < tokens.len() {
            if tokens[k].tok == Tok::Punct('-')
                && tokens[k - 1].is_actor()
                && glued(&tokens[k - 1], &tokens[k])
                && glued(&tokens[k], &tokens[k + 1])
            {
                tokens.remove(k);
            } else {
                k += 1;
            }
        }
        // Drop skip words (articles).
        tokens.retain(|t| t.word().is_none_or(|w| !mods.skip.contains(w)));
        // Comparisons and venues.
        for i in 1..tokens.len() {
            let prev = tokens[i - 1].word().map(str::to_string);
            // An adjective is never a venue: "vor dem russischen Überfall auf die Ukraine".
            let adjective = adjectival.contains(&tokens[i].start);
            if let (Some(p), Tok::Actors { venue, .. }) = (prev, &mut tokens[i].tok) {
                if mods.locative.contains(&p) && !adjective {
                    *venue = true;
                }
            }
        }
        let mut i = 1;
        while i < tokens.len() {
            // "als", "wie" right after a comma open a clause ("..., wie der Iran von Israel
            // bombardiert wurde"): a conjunction, not a comparison.
            let opens_clause = i < 2 || tokens[i - 2].is_clause_break();
            let compared = !opens_clause
                && tokens[i - 1]
                    .word()
                    .is_some_and(|w| mods.comparison.contains(w));
            if compared && tokens[i].is_actor() {
                tokens[i].tok = Tok::Word("\u{2022}".into());
            }
            i += 1;
        }
        // The same tokens with the speaker kept, for cues that are reporting words themselves
        // ("sagte" in "Deutschland sagte der Ukraine Waffen zu"); copied only when a speaker
        // is taken out.
        let mut unreported: Option<Vec<Token>> = None;
        // Attribution: an actor within three tokens of a reporting word.
        let mut attributed_to = None;
        // Where the speaker stands: a reporting verb takes the actor before it ("Der Kreml
        // erklärte, ...", ", South Korea said.") except in inversion, right after a comma or
        // quote (", erklärte Tommy Pigott"), where it takes the actor after; a preposition
        // takes the actor after ("laut KCNA"), a postposition the actor before ("KCNA
        // zufolge"). Within three tokens, in the clause.
        let mut reports: Vec<(usize, usize, bool)> = Vec::new();
        for (at, len) in find_seqs(&tokens, 0, tokens.len(), &mods.reporting) {
            let inverted = at == 0 || tokens[at - 1].is_clause_break();
            reports.push((at, len, inverted));
        }
        reports.extend(
            find_seqs(&tokens, 0, tokens.len(), &mods.reporting_before)
                .into_iter()
                .map(|(a, l)| (a, l, true)),
        );
        reports.extend(
            find_seqs(&tokens, 0, tokens.len(), &mods.reporting_after)
                .into_iter()
                .map(|(a, l)| (a, l, false)),
        );
        reports.sort();
        for (at, len, speaker_after) in reports {
            let near: Vec<usize> = if speaker_after {
                (at + len..(at + len + 3).min(tokens.len()))
                    .take_while(|&k| !tokens[k].is_clause_break())
                    .collect()
            } else {
                (at.saturating_sub(3)..at)
                    .rev()
                    .take_while(|&k| !tokens[k].is_clause_break())
                    .collect()
            };
            for k in near {
                if let Tok::Actors { members, .. } = &tokens[k].tok {
                    if members.len() == 1 {
                        let m = members[0];
                        attributed_to = Some(Participant {
                            actor: m.actor,
                            start: m.start,
                            end: m.end,
                        });
                        unreported.get_or_insert_with(|| tokens.clone());
                        tokens[k].tok = Tok::Word("\u{2022}".into());
                        break;
                    }
                }
            }
            if attributed_to.is_some() {
                break;
            }
        }
        let tokens = coordinate(tokens, mods);
        let unreported = unreported.map(|u| coordinate(u, mods));
        SentenceTokens {
            text,
            span,
            tokens,
            unreported,
            capped: std::cell::Cell::new(false),
            attributed_to: attributed_to.or(attributed_media),
        }
    }

    /// The relation mentions of this sentence.
    pub fn relations(
        &self,
        gaz: &Gazetteer,
        sentence: usize,
        doc_date: Option<PartialDate>,
        lang: Lang,
    ) -> Vec<RelationMention> {
        let lex = gaz.lexicon();
        let mods = lex.modifiers(lang);
        let index = &lex.cue_index[lang_slot(lang)];
        let mut out = Vec::new();
        let sentence_hedged =
            !find_seqs(&self.tokens, 0, self.tokens.len(), &mods.hedge).is_empty();
        let event_date =
            super::date::event_date(&self.text[self.span.0..self.span.1], doc_date, lang);
        // Cues that are reporting words ("sagte ... zu") are read with their speaker kept, all
        // others with speakers taken out.
        let unreported = self.unreported.as_ref().unwrap_or(&self.tokens);
        for (stream, reporting_cues) in [(&self.tokens, false), (unreported, true)] {
            let negations = Negations::new(stream, mods);
            for i in 0..stream.len() {
                let is_report = stream[i].word().is_some_and(|w| {
                    mods.reporting
                        .starting_with(w)
                        .iter()
                        .any(|r| seq_at(stream, i, r))
                });
                if is_report != reporting_cues {
                    continue;
                }
                let Some(w) = stream[i].word() else {
                    continue;
                };
                let Some(candidates) = index.get(w) else {
                    continue;
                };
                // A cue that is the head of a compound whose actor takes no part
                // ("Ukraine-Krieg") is no cue; a compound that takes part has lost its hyphen
                // ("US-Angriffe" reads "US Angriffe").
                let compound_head = i > 0
                    && matches!(stream[i - 1].tok, Tok::Punct('-'))
                    && stream[i - 1].end == stream[i].start;
                if compound_head {
                    continue;
                }
                for (cue_idx, form, subjunctive) in candidates {
                    let Some(len) = seq_len(&stream, i, form) else {
                        continue;
                    };
                    let cue = &lex.cues[*cue_idx];
                    let cue_span = (stream[i].start, stream[i + len - 1].end);
                    // One predicate, one reading: of the frames that match, the most specific
                    // (fewest gap tokens, then the most confident) wins, so that a passive does not
                    // also fire the active frame the other way round.
                    let best = cue
                        .frames
                        .iter()
                        .map(|&f| &lex.frames[f])
                        .filter(|frame| frame.lang == lang)
                        .filter_map(|frame| {
                            match_frame(&stream, &frame.elements, i, len).map(|m| (frame, m))
                        })
                        .min_by(|(fa, a), (fb, b)| {
                            a.gap_tokens
                                .cmp(&b.gap_tokens)
                                .then(fb.confidence.total_cmp(&fa.confidence))
                        });
                    if let Some((frame, m)) = best {
                        let negated = negations.in_clause(m.first, m.last);
                        let confidence = (cue.confidence
                            * frame.confidence
                            * (1.0 - 0.03 * m.gap_tokens as f32))
                            .clamp(0.05, 1.0);
                        let pattern = format!("{}/{}", cue.id, frame.id);
                        let mut push = |s: Member, t: Member| {
                            if !may_relate(gaz, s.actor, t.actor, doc_date) {
                                return;
                            }
                            out.push(RelationMention {
                                sentence,
                                start: self.span.0,
                                end: self.span.1,
                                kind: cue.kind,
                                source: Participant {
                                    actor: s.actor,
                                    start: s.start,
                                    end: s.end,
                                },
                                target: Participant {
                                    actor: t.actor,
                                    start: t.start,
                                    end: t.end,
                                },
                                cue: cue_span,
                                pattern: pattern.clone(),
                                negated,
                                hedged: *subjunctive || sentence_hedged,
                                attributed_to: self.attributed_to,
                                event_date,
                                confidence,
                            });
                        };
                        // A sentence naming dozens of actors together (a list of delegations)
                        // yields no pairs: no combinatorial blow-up, and such lists are no
                        // relations anyway.
                        let pairs = match &m.pair {
                            Some(p) => p.len() * p.len().saturating_sub(1) / 2,
                            None => m.sources.len() * m.targets.len(),
                        };
                        if pairs > MAX_PAIRS {
                            self.capped.set(true);
                            continue;
                        }
                        if let Some(pair) = &m.pair {
                            for (a, x) in pair.iter().enumerate() {
                                for y in &pair[a + 1..] {
                                    push(*x, *y);
                                }
                            }
                        } else {
                            for s in &m.sources {
                                for t in &m.targets {
                                    push(*s, *t);
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// The negations of a token stream and its clause breaks, found once per stream: a sentence
/// without punctuation can run to millions of tokens, and scanning its clause again for every
/// match was quadratic.
struct Negations {
    /// Token indices of the clause breaks, ascending.
    breaks: Vec<usize>,
    /// Negations (start, length in tokens) that are not part of "nicht nur", ascending.
    found: Vec<(usize, usize)>,
    tokens: usize,
}

impl Negations {
    fn new(tokens: &[Token], mods: &Modifiers) -> Negations {
        // Exceptions are words, so one never spans a clause break: looking them up over the
        // whole stream finds the same ones as looking in each clause.
        let exceptions = find_seqs(tokens, 0, tokens.len(), &mods.not_negation);
        let longest = exceptions.iter().map(|&(_, len)| len).max().unwrap_or(0);
        let excused = |at: usize| {
            let upto = exceptions.partition_point(|&(e, _)| e <= at);
            exceptions[..upto]
                .iter()
                .rev()
                .take_while(|&&(e, _)| e + longest > at)
                .any(|&(e, len)| at < e + len)
        };
        Negations {
            breaks: (0..tokens.len())
                .filter(|&i| tokens[i].is_clause_break())
                .collect(),
            found: find_seqs(tokens, 0, tokens.len(), &mods.negation)
                .into_iter()
                .filter(|&(at, _)| !excused(at))
                .collect(),
            tokens: tokens.len(),
        }
    }

    /// A negation in the clause around tokens `first..=last`.
    fn in_clause(&self, first: usize, last: usize) -> bool {
        let before = self.breaks.partition_point(|&b| b < first);
        let from = if before == 0 {
            0
        } else {
            self.breaks[before - 1] + 1
        };
        let to = self
            .breaks
            .get(self.breaks.partition_point(|&b| b <= last))
            .copied()
            .unwrap_or(self.tokens);
        self.found[self.found.partition_point(|&(at, _)| at < from)..]
            .iter()
            .take_while(|&&(at, _)| at < to)
            .any(|&(at, len)| at + len <= to)
    }
}

fn is_media(gaz: &Gazetteer, actor: Option<ActorIdx>) -> bool {
    actor.is_some_and(|a| gaz.actor(a).category.as_deref() == Some("media"))
}

/// Whether a mention may take part in a relation.
fn takes_part(gaz: &Gazetteer, text: &str, m: &Mention, actor: ActorIdx, mods: &Modifiers) -> bool {
    if is_media(gaz, Some(actor)) {
        return false;
    }
    if m.via == Via::Compound {
        // "US-Regierung" takes part, "Trump-Kumpel" and "NATO-Gipfel" do not.
        let rest = &text[m.end..];
        let head: String = rest
            .chars()
            .skip(1)
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let joined = rest.chars().next().is_some_and(is_hyphen);
        return joined
            && !head.is_empty()
            && mods.participant_head.contains(&normalize_form(&head));
    }
    true
}

/// Joins actor tokens linked by commas and a coordinating word into one token:
/// "Israel und die USA", "Russland, China und Iran".
fn coordinate(tokens: Vec<Token>, mods: &Modifiers) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let Tok::Actors { members, venue } = &tokens[i].tok else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        let (mut members, venue) = (members.clone(), *venue);
        let (start, mut end) = (tokens[i].start, tokens[i].end);
        let mut j = i + 1;
        loop {
            // ", Actor" continues a list; "und Actor" (or ", und Actor") ends it.
            let link = match tokens.get(j).map(|t| &t.tok) {
                Some(Tok::Punct(',')) => match tokens.get(j + 1).map(|t| &t.tok) {
                    Some(Tok::Word(w)) if mods.coordination.contains(w) => 2,
                    _ => 1,
                },
                Some(Tok::Word(w)) if mods.coordination.contains(w) => 1,
                _ => 0,
            };
            if link == 0 {
                break;
            }
            let Some(Token {
                tok: Tok::Actors { members: more, .. },
                end: e,
                ..
            }) = tokens.get(j + link)
            else {
                break;
            };
            members.extend(more.iter().copied());
            end = *e;
            let ended = !matches!(tokens[j].tok, Tok::Punct(',')) || link == 2;
            j += link + 1;
            if ended {
                break;
            }
        }
        out.push(Token {
            start,
            end,
            tok: Tok::Actors { members, venue },
        });
        i = j;
    }
    out
}

/// A frame matched around a cue.
struct FrameMatch {
    sources: Vec<Member>,
    targets: Vec<Member>,
    pair: Option<Vec<Member>>,
    first: usize,
    last: usize,
    gap_tokens: usize,
}

/// Matches `elements` so that its CUE covers tokens `cue..cue + cue_len`; the match with the
/// fewest gap tokens wins.
fn match_frame(
    tokens: &[Token],
    elements: &[Element],
    cue: usize,
    cue_len: usize,
) -> Option<FrameMatch> {
    let c = elements.iter().position(|e| *e == Element::Cue)?;
    let lefts = match_side(tokens, &elements[..c], cue, false);
    let rights = match_side(tokens, &elements[c + 1..], cue + cue_len, true);
    let left = lefts.into_iter().min_by_key(|m| m.gap)?;
    let right = rights.into_iter().min_by_key(|m| m.gap)?;
    let mut fm = FrameMatch {
        sources: Vec::new(),
        targets: Vec::new(),
        pair: None,
        first: left.edge.min(cue),
        last: right.edge.max(cue + cue_len - 1),
        gap_tokens: left.gap + right.gap,
    };
    for (el, members) in left.slots.into_iter().chain(right.slots) {
        match el {
            Element::Source => fm.sources = members,
            Element::Target => fm.targets = members,
            Element::Pair => fm.pair = Some(members),
            _ => {}
        }
    }
    Some(fm)
}

struct SideMatch {
    slots: Vec<(Element, Vec<Member>)>,
    gap: usize,
    /// The outermost token index matched (the cue's neighbour if none).
    edge: usize,
}

/// Matches `elements` outward from the cue: rightward from `from` (forward) or leftward from
/// `from - 1` (backward, elements taken from the end).
fn match_side(
    tokens: &[Token],
    elements: &[Element],
    from: usize,
    forward: bool,
) -> Vec<SideMatch> {
    let order: Vec<usize> = if forward {
        (0..elements.len()).collect()
    } else {
        (0..elements.len()).rev().collect()
    };
    let mut walk = Walk {
        tokens,
        elements,
        order,
        dir: if forward { 1 } else { -1 },
        out: Vec::new(),
    };
    let start: isize = if forward {
        from as isize
    } else {
        from as isize - 1
    };
    let edge = if forward {
        from.saturating_sub(1)
    } else {
        from
    };
    walk.step(0, start, Vec::new(), 0, edge);
    walk.out
}

/// A backtracking walk over the elements of one side of a frame.
struct Walk<'a> {
    tokens: &'a [Token],
    elements: &'a [Element],
    /// Element indices in the order they are matched (outward from the cue).
    order: Vec<usize>,
    dir: isize,
    out: Vec<SideMatch>,
}

impl Walk<'_> {
    fn at(&self, p: isize) -> Option<&Token> {
        usize::try_from(p).ok().and_then(|p| self.tokens.get(p))
    }

    /// Matches element `order[k]` at token `pos`, then the rest.
    fn step(
        &mut self,
        k: usize,
        pos: isize,
        slots: Vec<(Element, Vec<Member>)>,
        gap: usize,
        edge: usize,
    ) {
        if self.out.len() > 32 {
            return;
        }
        let Some(&idx) = self.order.get(k) else {
            self.out.push(SideMatch { slots, gap, edge });
            return;
        };
        let el = &self.elements[idx];
        match el {
            Element::Gap(n) => {
                let mut p = pos;
                for taken in 0..=*n {
                    self.step(k + 1, p, slots.clone(), gap + taken, edge);
                    // A gap stays inside its clause: no actor, comma, colon, dash or quote.
                    match self.at(p) {
                        Some(t)
                            if !t.is_actor()
                                && !t.is_clause_break()
                                && !matches!(t.tok, Tok::Punct('.' | '!' | '?')) =>
                        {
                            p += self.dir
                        }
                        _ => break,
                    }
                }
            }
            Element::Word(alts, optional) => {
                if *optional {
                    self.step(k + 1, pos, slots.clone(), gap, edge);
                }
                if self
                    .at(pos)
                    .and_then(Token::word)
                    .is_some_and(|w| alts.iter().any(|a| a == w))
                {
                    self.step(k + 1, pos + self.dir, slots, gap, pos as usize);
                }
            }
            Element::Source | Element::Target | Element::Pair => {
                let Some(Token {
                    tok: Tok::Actors { members, venue },
                    ..
                }) = self.at(pos)
                else {
                    return;
                };
                // A venue fills a slot only right after a word of the frame ("Besuch in Y").
                let after_word = idx > 0 && matches!(self.elements[idx - 1], Element::Word(..));
                if (*venue && !after_word) || (*el == Element::Pair && members.len() < 2) {
                    return;
                }
                let mut slots = slots;
                slots.push((el.clone(), members.clone()));
                self.step(k + 1, pos + self.dir, slots, gap, pos as usize);
            }
            Element::Cue => {}
        }
    }
}
