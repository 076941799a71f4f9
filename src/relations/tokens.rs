//! A sentence as tokens for frame matching: words, punctuation, and one token per actor or
//! coordination of actors.

use crate::date::PartialDate;
use crate::gazetteer::lexicon::{
    lang_slot, CueIndex, Element, Lexicon, Modifiers, SeqList, Vocab, WordId,
};
use crate::gazetteer::{ActorIdx, Gazetteer, Via};
use crate::mentions::Mention;
use crate::text::normalize::{is_hyphen, normalize_form};
use crate::text::sentences::Sentence;
use crate::text::{ascii_alnum_end, is_alnum, Lang};

use super::{kind_between, may_relate, polity_actor, Participant, RelationMention};

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
    /// A word, normalised and looked up in the lexicon's vocabulary.
    Word(WordId),
    /// One punctuation character.
    Punct(char),
    /// One actor, or a coordination of several; `venue` when it follows a locative word,
    /// `adjunct` when that word is a preposition of place ("in", "at"), so that a frame's gap
    /// may pass over it.
    Actors {
        members: Vec<Member>,
        venue: bool,
        adjunct: bool,
    },
}

/// A token with its byte span in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub tok: Tok,
}

impl Token {
    fn word(&self) -> Option<WordId> {
        match self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is_actor(&self) -> bool {
        matches!(self.tok, Tok::Actors { .. })
    }

    fn is_adjunct(&self) -> bool {
        matches!(self.tok, Tok::Actors { adjunct: true, .. })
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
    /// Relative clauses and appositives cut out of `tokens`, each opened by its antecedent.
    relatives: Vec<Vec<Token>>,
    /// A match was left out for naming too many pairs of actors.
    pub capped: std::cell::Cell<bool>,
    attributed_to: Option<Participant>,
}

/// An actor hidden from the frames (a speaker, an actor after a comparison word) becomes the
/// word "•", which no list of the default lexicon holds.
const HIDDEN: WordId = Vocab::punct('\u{2022}');

fn words_of(text: &str, start: usize, end: usize, vocab: &Vocab) -> Vec<Token> {
    // Room for a token every five bytes (de-news has one every six, words and punctuation),
    // so that few sentences need a second allocation.
    let mut out = Vec::with_capacity((end - start) / 5 + 4);
    let mut buf = String::new();
    let s = &text[start..end];
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        // A run of ASCII letters and digits is part of a word: taken whole.
        let run_end = ascii_alnum_end(s.as_bytes(), i);
        if run_end > i {
            word_start.get_or_insert(i);
            i = run_end;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let next = s[i + c.len_utf8()..].chars().next();
        if in_word(s, word_start, i, c, next) {
            word_start.get_or_insert(i);
            i += c.len_utf8();
            continue;
        }
        if let Some(ws) = word_start.take() {
            out.push(Token {
                start: start + ws,
                end: start + i,
                tok: Tok::Word(vocab.lookup(&s[ws..i], &mut buf)),
            });
        }
        if let Some(p) = punct(c) {
            out.push(Token {
                start: start + i,
                end: start + i + c.len_utf8(),
                tok: Tok::Punct(p),
            });
        }
        i += c.len_utf8();
    }
    if let Some(ws) = word_start {
        out.push(Token {
            start: start + ws,
            end,
            tok: Tok::Word(vocab.lookup(&s[ws..], &mut buf)),
        });
    }
    out
}

/// Whether the character `c` at byte `i` of `s` (`next` after it) belongs to a word, the
/// word begun at `word_start` if one is: a letter or digit, an apostrophe between letters,
/// or a digit group separator inside a number ("4,000", "5.000").
#[inline(always)]
fn in_word(s: &str, word_start: Option<usize>, i: usize, c: char, next: Option<char>) -> bool {
    if is_alnum(c) {
        return true;
    }
    let inner_apostrophe =
        (c == '\'' || c == '’') && word_start.is_some() && next.is_some_and(is_alnum);
    let in_number = matches!(c, ',' | '.')
        && word_start.is_some_and(|ws| s[ws..i].chars().all(|d| d.is_ascii_digit()))
        && next.is_some_and(|n| n.is_ascii_digit());
    inner_apostrophe || in_number
}

/// The punctuation token of a character that is in no word: quotes fold to `"`, hyphens and
/// dashes to `-`; `None` for white space.
fn punct(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '„' | '“' | '”' | '»' | '«' => '"',
        c if is_hyphen(c) => '-',
        c => c,
    })
}

/// `seq` occurs in `tokens` at `i` (as words).
fn seq_at(tokens: &[Token], i: usize, seq: &[WordId]) -> bool {
    seq_len(tokens, i, seq).is_some()
}

/// How many tokens `seq` covers at `i`, if it occurs there. A hyphen glued between two words
/// of the text is passed over, as normalisation does for forms ("cease-fire" is found by the
/// form "cease fire").
fn seq_len(tokens: &[Token], i: usize, seq: &[WordId]) -> Option<usize> {
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
            if glued_hyphen && *w != Vocab::punct('-') {
                at += 1;
            }
        }
        let ok = tokens.get(at).is_some_and(|t| match t.tok {
            Tok::Word(x) => x == *w,
            Tok::Punct(p) => *w == Vocab::punct(p),
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
        let first = match tokens[i].tok {
            Tok::Word(w) => w,
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
    /// The tokens of `sentence` with `mentions` (those inside it, in order) as actor tokens;
    /// `None` when no word of the sentence can be a cue, so that it has no relation.
    pub fn new(
        gaz: &Gazetteer,
        text: &'a str,
        sentence: Sentence,
        mentions: &[Mention],
        lang: Lang,
    ) -> Option<SentenceTokens<'a>> {
        let mods = gaz.lexicon().modifiers(lang);
        let span = sentence.trimmed(text);
        let cue_words = &gaz.lexicon().cue_index[lang_slot(lang)];
        let words = words_of(text, span.0, span.1, &gaz.lexicon().vocab);
        // A sentence without a cue word has no relation: each comes from a cue word of the
        // sentence (or a hidden actor, should the lexicon make that a cue).
        let has_cue = |t: &Token| t.word().is_some_and(|w| cue_words.contains_key(&w));
        if !words.iter().any(has_cue) && !cue_words.contains_key(&HIDDEN) {
            return None;
        }
        // Replace the words each participating mention covers with one actor token; the
        // others stay words.
        let mut tokens: Vec<Token> = Vec::with_capacity(words.len());
        let mut attributed_media: Option<Participant> = None;
        let mut adjectival = std::collections::HashSet::new();
        let mut wi = 0;
        for (mi, m) in mentions.iter().enumerate() {
            while wi < words.len() && words[wi].end <= m.start {
                tokens.push(words[wi].clone());
                wi += 1;
            }
            // An institution is one actor token ("die irische Regierung hat ..." reads as "X
            // hat"), but before a noun that frames name (an office with `frame_word`: "den
            // iranischen Botschafter", "US-Botschafter") the state is the token alone and the
            // noun stays a word ("X ~ CUE Y botschafter").
            let envoys = m
                .office
                .as_ref()
                .and_then(|(_, o)| gaz.office(o))
                .is_some_and(|o| o.frame_word);
            let state_first = match m.state_span {
                Some((s, e))
                    if envoys && m.via == Via::Institution && s == m.start && e < m.end =>
                {
                    Some(e)
                }
                _ => None,
            };
            let m_end = state_first.unwrap_or(m.end);
            let covered_end = words[wi..]
                .iter()
                .position(|w| w.start >= m_end)
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
                    if m.via == Via::Adjective || state_first.is_some() {
                        adjectival.insert(m.start);
                    }
                    // An English title is often followed by a name the gazetteer does not
                    // know ("Egyptian President Hosni Mubarak said"): the name belongs to the
                    // actor token, so that it does not stand between the actor and its verb.
                    // Not in German, where every noun is capitalised.
                    let mut end = m_end;
                    if lang == Lang::En && m.via == Via::Title {
                        let next = mentions.get(mi + 1).map_or(usize::MAX, |n| n.start);
                        let n = title_name_len(text, &words[covered_end..], next, cue_words);
                        if n > 0 {
                            end = words[covered_end + n - 1].end;
                        }
                        wi = covered_end + n;
                    } else {
                        wi = covered_end;
                    }
                    tokens.push(Token {
                        start: m.start,
                        end,
                        tok: Tok::Actors {
                            members: vec![Member {
                                actor: a,
                                start: m.start,
                                end: m_end,
                            }],
                            venue: false,
                            adjunct: false,
                        },
                    });
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
        // Relative clauses and appositives after an actor are read on their own, with the
        // actor as their subject, and cut out of the sentence, so that the actor meets its
        // verb: "Putin, der im Juni nach Nordkorea reiste, traf Kim".
        let relatives = cut_relative_clauses(&mut tokens, mods);
        let mut tokens = mark_words(tokens, mods, &adjectival);
        let relatives: Vec<Vec<Token>> = relatives
            .into_iter()
            .map(|c| coordinate(mark_words(c, mods, &adjectival), mods))
            .collect();
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
        let report_starts: Vec<usize> = reports.iter().map(|r| r.0).collect();
        for (at, len, speaker_after) in reports {
            let near: Vec<usize> = if speaker_after {
                // "according to reports the UK ...": a report word after the preposition is
                // the source, and the actor after it is no speaker.
                (at + len..(at + len + 3).min(tokens.len()))
                    .take_while(|&k| !tokens[k].is_clause_break() && !report_starts.contains(&k))
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
                        let speaker = tokens[k].tok.clone();
                        unreported.get_or_insert_with(|| tokens.clone());
                        tokens[k].tok = Tok::Word(HIDDEN);
                        // "Russia said it had expelled ...": the pronoun is the speaker, who
                        // takes part in what it reports about itself.
                        if !speaker_after {
                            if let Some(p) = speaker_pronoun(&tokens, at + len, mods) {
                                tokens[p].tok = speaker.clone();
                                if let Some(u) = unreported.as_mut() {
                                    u[p].tok = speaker;
                                }
                            }
                        }
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
        let mut relatives = relatives;
        relatives.extend(elided_subject_clauses(text, &tokens, mods, cue_words));
        Some(SentenceTokens {
            text,
            span,
            tokens,
            unreported,
            relatives,
            capped: std::cell::Cell::new(false),
            attributed_to: attributed_to.or(attributed_media),
        })
    }

    /// The speaker or source the sentence's report is attributed to ("sagte Lawrow", "laut
    /// Südkorea", a news agency).
    pub fn attributed_to(&self) -> Option<Participant> {
        self.attributed_to
    }

    /// A word written with a capital inside the sentence: a name ("in May", "Theresa May"),
    /// not the hedge it spells. German nouns are capitalised, but no one-word hedge is one.
    fn is_name_word(&self, t: &Token) -> bool {
        t.start > self.span.0 && self.text[t.start..].starts_with(char::is_uppercase)
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
        // Read only once a relation is found (most sentences have none).
        let sentence_hedged = std::cell::OnceCell::new();
        let sentence_hedged = || {
            *sentence_hedged.get_or_init(|| {
                std::iter::once(&self.tokens)
                    .chain(&self.relatives)
                    .any(|t| {
                        find_seqs(t, 0, t.len(), &mods.hedge)
                            .into_iter()
                            .any(|(at, n)| !(n == 1 && self.is_name_word(&t[at])))
                    })
            })
        };
        let event_date = std::cell::OnceCell::new();
        let event_date = || {
            *event_date.get_or_init(|| {
                super::date::event_date(&self.text[self.span.0..self.span.1], doc_date, lang)
            })
        };
        // Cues that are reporting words ("sagte ... zu") are read with their speaker kept, all
        // others with speakers taken out.
        let unreported = self.unreported.as_ref().unwrap_or(&self.tokens);
        let streams = [(&self.tokens, false), (unreported, true)]
            .into_iter()
            .chain(self.relatives.iter().map(|c| (c, false)));
        for (stream, reporting_cues) in streams {
            let clauses = Clauses::new(stream, mods);
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
                let Some(candidates) = index.get(&w) else {
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
                    let Some(len) = seq_len(stream, i, form) else {
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
                            match_frame(stream, &frame.elements, i, len).map(|m| (frame, m))
                        })
                        .min_by(|(fa, a), (fb, b)| {
                            a.gap_tokens
                                .cmp(&b.gap_tokens)
                                .then(fb.confidence.total_cmp(&fa.confidence))
                        });
                    if let Some((frame, m)) = best {
                        let (kind, mut not_negations) =
                            shifted_kind(lex, mods, stream, &clauses, (i, len), cue.kind);
                        // A negation word that is the cue itself ("refused" a request) negates
                        // nothing.
                        not_negations.push((i, len));
                        // "the cancelled summit", "das abgesagte Treffen": the event did not
                        // take place.
                        let cancelled = find_seqs(stream, i.saturating_sub(3), i, &mods.cancelled)
                            .iter()
                            .any(|&(at, n)| at + n == i);
                        let negated = cancelled || clauses.negated(m.first, m.last, &not_negations);
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
                                kind: kind_between(gaz, kind, s.actor, t.actor),
                                source: s.into(),
                                target: t.into(),
                                cue: cue_span,
                                pattern: pattern.clone(),
                                negated,
                                hedged: *subjunctive || sentence_hedged(),
                                attributed_to: self.attributed_to,
                                event_date: event_date(),
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

/// The clause breaks of a token stream and the negation, refusal and intent words in it,
/// found once per stream (refusals and intents when first asked for): a sentence
/// without punctuation can run to millions of tokens, and scanning its clause again for every
/// match was quadratic.
struct Clauses {
    /// Token indices of the clause breaks, ascending.
    breaks: Vec<usize>,
    /// Negation words (start, length in tokens) that are not part of "nicht nur", ascending.
    found: Vec<(usize, usize)>,
    tokens: usize,
    /// Refusal and intent words of the stream, found when first asked for.
    refusals: std::cell::OnceCell<Vec<(usize, usize)>>,
    intents: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl Clauses {
    fn new(tokens: &[Token], mods: &Modifiers) -> Clauses {
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
        Clauses {
            breaks: (0..tokens.len())
                .filter(|&i| tokens[i].is_clause_break())
                .collect(),
            found: find_seqs(tokens, 0, tokens.len(), &mods.negation)
                .into_iter()
                .filter(|&(at, _)| !excused(at))
                .collect(),
            tokens: tokens.len(),
            refusals: std::cell::OnceCell::new(),
            intents: std::cell::OnceCell::new(),
        }
    }

    /// The clause around tokens `first..=last`: from the clause break before to the one
    /// after (exclusive).
    fn clause(&self, first: usize, last: usize) -> (usize, usize) {
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
        (from, to)
    }

    /// The sequences of `found` (ascending) that lie inside `from..to`.
    fn within(
        found: &[(usize, usize)],
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        found[found.partition_point(|&(at, _)| at < from)..]
            .iter()
            .take_while(move |&&(at, _)| at < to)
            .copied()
            .filter(move |&(at, n)| at + n <= to)
    }

    /// A negation in the clause around tokens `first..=last` that does not start inside one
    /// of the `exceptions` (the cue, the refusal that made the mention a rejection).
    fn negated(&self, first: usize, last: usize, exceptions: &[(usize, usize)]) -> bool {
        let (from, to) = self.clause(first, last);
        let excepted = |at: usize| exceptions.iter().any(|&(e, len)| at >= e && at < e + len);
        Self::within(&self.found, from, to).any(|(at, _)| !excepted(at))
    }
}

/// Takes the skip words (articles) out of `tokens`, marks venues (an actor after a locative
/// word) and hides actors after a comparison word.
fn mark_words(
    mut tokens: Vec<Token>,
    mods: &Modifiers,
    adjectival: &std::collections::HashSet<usize>,
) -> Vec<Token> {
    tokens.retain(|t| t.word().is_none_or(|w| !mods.skip.contains(w)));
    for i in 1..tokens.len() {
        if !tokens[i].is_actor() {
            continue;
        }
        let (locative, place) = match tokens[i - 1].word() {
            Some(p) => (mods.locative.contains(p), mods.place.contains(p)),
            None => continue,
        };
        // An adjective is never a venue: "vor dem russischen Überfall auf die Ukraine".
        let adjective = adjectival.contains(&tokens[i].start);
        if let Tok::Actors { venue, adjunct, .. } = &mut tokens[i].tok {
            if locative && !adjective {
                *venue = true;
                *adjunct = place;
            }
        }
    }
    for i in 1..tokens.len() {
        // "als", "wie" right after a comma open a clause ("..., wie der Iran von Israel
        // bombardiert wurde"): a conjunction, not a comparison.
        let opens_clause = i < 2 || tokens[i - 2].is_clause_break();
        let compared = !opens_clause
            && tokens[i - 1]
                .word()
                .is_some_and(|w| mods.comparison.contains(w));
        if compared && tokens[i].is_actor() {
            tokens[i].tok = Tok::Word(HIDDEN);
        }
    }
    tokens
}

/// Cuts each relative clause or appositive that follows an actor and a comma out of
/// `tokens` (", der im Juni nach Nordkorea reiste,", ", who visited Beijing,", ", die
/// Atommacht,") and returns them, each with a copy of the actor in place of its opening
/// word. The opening word is a `relative` modifier followed by a word that is no article:
/// ", die USA" is a list, ", die die EU verhängt hat" has its own subject.
fn cut_relative_clauses(tokens: &mut Vec<Token>, mods: &Modifiers) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k + 3 < tokens.len() {
        let opens = tokens[k].is_actor()
            && tokens[k + 1].tok == Tok::Punct(',')
            && tokens[k + 2]
                .word()
                .is_some_and(|w| mods.relative.contains(w))
            && tokens[k + 3].word().is_some_and(|w| !mods.skip.contains(w));
        if !opens {
            k += 1;
            continue;
        }
        let end = (k + 3..tokens.len())
            .find(|&j| tokens[j].is_clause_break())
            .unwrap_or(tokens.len());
        let mut clause = Vec::with_capacity(end - k - 2);
        clause.push(Token {
            start: tokens[k + 2].start,
            end: tokens[k + 2].end,
            tok: tokens[k].tok.clone(),
        });
        clause.extend(tokens.drain(k + 1..(end + 1).min(tokens.len())).skip(2));
        // The closing comma went with the clause; nothing else did.
        if clause.last().is_some_and(Token::is_clause_break) {
            clause.pop();
        }
        out.push(clause);
        k += 1;
    }
    out
}

/// Second verbs of a clause that opens with its subject: "Meloni reiste nach Deutschland und
/// traf dort Merz". After a `verb_coordination` word, a cue written in lower case (a verb:
/// German nouns are capitalised) continues the subject of the clause; each such part is
/// returned with a copy of the subject in front.
fn elided_subject_clauses(
    text: &str,
    tokens: &[Token],
    mods: &Modifiers,
    cue_words: &CueIndex,
) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let end = (start..tokens.len())
            .find(|&j| tokens[j].is_clause_break())
            .unwrap_or(tokens.len());
        let subject = &tokens[start];
        if subject.is_actor() && !subject.is_adjunct() {
            for j in start + 1..end.saturating_sub(1) {
                let joins = tokens[j]
                    .word()
                    .is_some_and(|w| mods.verb_coordination.contains(w));
                let verb = &tokens[j + 1];
                let lower_cue = verb.word().is_some_and(|w| cue_words.contains_key(&w))
                    && text[verb.start..].starts_with(char::is_lowercase);
                if joins && lower_cue {
                    let mut part = Vec::with_capacity(end - j);
                    part.push(subject.clone());
                    part.extend(tokens[j + 1..end].iter().cloned());
                    out.push(part);
                }
            }
        }
        start = end + 1;
    }
    out
}

/// How many of `words` form a name after a title: up to four capitalised words (and the
/// hyphens inside one, "Zia-Ul-Haq") before the next mention at byte `next`, none of them a
/// cue word.
fn title_name_len(text: &str, words: &[Token], next: usize, cue_words: &CueIndex) -> usize {
    let mut n = 0;
    let mut names = 0;
    while let Some(w) = words.get(n) {
        if w.start >= next || names == 4 {
            break;
        }
        let capital = text[w.start..].starts_with(char::is_uppercase);
        match &w.tok {
            Tok::Word(x) if capital && !cue_words.contains_key(x) => names += 1,
            Tok::Punct('-')
                if n > 0
                    && words[n - 1].end == w.start
                    && words.get(n + 1).is_some_and(|b| b.start == w.end) => {}
            _ => break,
        }
        n += 1;
    }
    // A hyphen never ends the name.
    while n > 0 && words[n - 1].tok == Tok::Punct('-') {
        n -= 1;
    }
    n
}

/// A subject pronoun that opens the clause a reporting verb ending before `after` reports
/// ("said on Tuesday it had", "said that they would", "erklärte, es werde"): its index.
fn speaker_pronoun(tokens: &[Token], after: usize, mods: &Modifiers) -> Option<usize> {
    for (n, j) in (after..tokens.len()).take(5).enumerate() {
        match &tokens[j].tok {
            Tok::Word(w) if mods.speaker_pronoun.contains(*w) => return Some(j),
            Tok::Word(_) => {}
            Tok::Punct(',') if n == 0 => {}
            _ => return None,
        }
    }
    None
}

/// How many tokens may stand between a cue and an intent or refusal word before it ("will
/// soon visit", "wird am Freitag in Washington Trump treffen").
const MODAL_REACH: usize = 6;

/// The kind of a mention whose cue covers tokens `cue..cue + len`: the cue's kind, or the
/// kind it shifts to after a refusal ("refused to meet": rejects) or an intent word ("will
/// visit": agrees), with the spans of the refusal words (they are the event, not its
/// negation). A modal word counts where it stands in the cue's clause before the cue, within
/// `MODAL_REACH` tokens, or ends that clause after it (German verb-final: "dass Merz Trump
/// treffen will", "hat ein Treffen mit Jordanien abgelehnt").
fn shifted_kind(
    lex: &Lexicon,
    mods: &Modifiers,
    tokens: &[Token],
    clauses: &Clauses,
    (cue, len): (usize, usize),
    kind: usize,
) -> (usize, Vec<(usize, usize)>) {
    let k = &lex.kinds[kind];
    if k.intent.is_none() && k.refusal.is_none() {
        return (kind, Vec::new());
    }
    let (from, to) = clauses.clause(cue, cue + len - 1);
    // The clause's last word, before a full stop.
    let last = (from..to)
        .rev()
        .find(|&j| !matches!(tokens[j].tok, Tok::Punct(_)))
        .map_or(to, |j| j + 1);
    let governs = |&(at, n): &(usize, usize)| {
        let before = at + n <= cue && cue - (at + n) <= MODAL_REACH;
        let clause_final = at >= cue + len && at + n == last;
        before || clause_final
    };
    if let Some(refusal) = k.refusal {
        let all = clauses
            .refusals
            .get_or_init(|| find_seqs(tokens, 0, tokens.len(), &mods.refusal));
        let found: Vec<(usize, usize)> = Clauses::within(all, from, to).filter(governs).collect();
        if !found.is_empty() {
            return (refusal, found);
        }
    }
    if let Some(intent) = k.intent {
        let all = clauses
            .intents
            .get_or_init(|| find_seqs(tokens, 0, tokens.len(), &mods.intent));
        if Clauses::within(all, from, to).any(|x| governs(&x)) {
            return (intent, Vec::new());
        }
    }
    (kind, Vec::new())
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
            && mods
                .participant_head
                .contains(gaz.lexicon().vocab.id(&normalize_form(&head)));
    }
    true
}

/// Joins actor tokens linked by commas and a coordinating word into one token:
/// "Israel und die USA", "Russland, China und Iran".
fn coordinate(mut tokens: Vec<Token>, mods: &Modifiers) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let Tok::Actors {
            members,
            venue,
            adjunct,
        } = &mut tokens[i].tok
        else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        // Token `i` is not looked at again: its members move to the joined token.
        let (mut members, venue, adjunct) = (std::mem::take(members), *venue, *adjunct);
        let (start, mut end) = (tokens[i].start, tokens[i].end);
        let mut j = i + 1;
        loop {
            // ", Actor" continues a list; "und Actor" (or ", und Actor") ends it.
            let link = match tokens.get(j).map(|t| &t.tok) {
                Some(Tok::Punct(',')) => match tokens.get(j + 1).map(|t| &t.tok) {
                    Some(Tok::Word(w)) if mods.coordination.contains(*w) => 2,
                    _ => 1,
                },
                Some(Tok::Word(w)) if mods.coordination.contains(*w) => 1,
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
            tok: Tok::Actors {
                members,
                venue,
                adjunct,
            },
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
    let mut walk = Walk {
        tokens,
        elements,
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
    /// 1 (forward: elements matched first to last) or -1 (backward: last to first).
    dir: isize,
    out: Vec<SideMatch>,
}

impl Walk<'_> {
    fn at(&self, p: isize) -> Option<&Token> {
        usize::try_from(p).ok().and_then(|p| self.tokens.get(p))
    }

    /// The index of the element matched `k`-th (outward from the cue), if there is one.
    fn element(&self, k: usize) -> Option<usize> {
        let n = self.elements.len();
        (k < n).then(|| if self.dir > 0 { k } else { n - 1 - k })
    }

    /// Matches the element matched `k`-th at token `pos`, then the rest.
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
        let Some(idx) = self.element(k) else {
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
                    // A venue is an adjunct of place and may be passed over ("Merz will Trump
                    // am Freitag in Washington treffen").
                    match self.at(p) {
                        Some(t)
                            if (!t.is_actor() || t.is_adjunct())
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
                    .is_some_and(|w| alts.contains(&w))
                {
                    self.step(k + 1, pos + self.dir, slots, gap, pos as usize);
                }
            }
            Element::Not(alts) => {
                let here = self.at(pos).and_then(Token::word);
                if !here.is_some_and(|w| alts.contains(&w)) {
                    self.step(k + 1, pos, slots, gap, edge);
                }
            }
            Element::Source | Element::Target | Element::Pair => {
                let Some(Token {
                    tok: Tok::Actors { members, venue, .. },
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `words_of` one character at a time, as it read before runs of ASCII letters and
    /// digits were taken whole: the reference the fast reading must agree with (the rules
    /// for a single character, `in_word` and `punct`, are shared).
    fn words_by_char(s: &str, vocab: &Vocab) -> Vec<Token> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let mut word_start: Option<usize> = None;
        let mut chars = s.char_indices().peekable();
        let word = |ws: usize, we: usize, buf: &mut String| Token {
            start: ws,
            end: we,
            tok: Tok::Word(vocab.lookup(&s[ws..we], buf)),
        };
        while let Some((i, c)) = chars.next() {
            if in_word(s, word_start, i, c, chars.peek().map(|&(_, n)| n)) {
                word_start.get_or_insert(i);
                continue;
            }
            if let Some(ws) = word_start.take() {
                out.push(word(ws, i, &mut buf));
            }
            out.extend(punct(c).map(|p| Token {
                start: i,
                end: i + c.len_utf8(),
                tok: Tok::Punct(p),
            }));
        }
        if let Some(ws) = word_start {
            out.push(word(ws, s.len(), &mut buf));
        }
        out
    }

    /// The embedded gazetteer, loaded once for the tests that ask for it many times.
    fn embedded() -> &'static Gazetteer {
        static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        GAZ.get_or_init(|| Gazetteer::embedded().expect("embedded gazetteer"))
    }

    proptest! {
        #[test]
        fn words_are_read_as_one_character_at_a_time(
            text in "([a-zA-Z0-9]{0,12}[ ,.'’„“\"«»ä-é–\u{308}\n]{0,3}){0,12}",
        ) {
            let vocab = &embedded().lexicon().vocab;
            prop_assert_eq!(words_of(&text, 0, text.len(), vocab), words_by_char(&text, vocab));
        }
    }

    /// The tokens of `text` (words looked up in `vocab`), with each word in `actors` made an
    /// actor token.
    fn tokens_in(vocab: &Vocab, text: &str, actors: &[&str]) -> Vec<Token> {
        words_of(text, 0, text.len(), vocab)
            .into_iter()
            .map(|t| match &t.tok {
                Tok::Word(_) if actors.contains(&&text[t.start..t.end]) => Token {
                    tok: Tok::Actors {
                        members: vec![Member {
                            actor: 0,
                            start: t.start,
                            end: t.end,
                        }],
                        venue: false,
                        adjunct: false,
                    },
                    ..t
                },
                _ => t,
            })
            .collect()
    }

    /// The modifiers the tests use, with the vocabulary of their words.
    fn mods() -> (Vocab, Modifiers) {
        let mut v = Vocab::default();
        let mut m = Modifiers::default();
        m.speaker_pronoun
            .extend(&mut v, ["it", "er"].map(String::from));
        m.relative
            .extend(&mut v, ["who", "der", "die"].map(String::from));
        m.skip
            .extend(&mut v, ["the", "der", "die"].map(String::from));
        m.verb_coordination.extend(&mut v, ["und".to_string()]);
        (v, m)
    }

    /// The tokens of `text` in the tests' vocabulary.
    fn tokens(text: &str, actors: &[&str]) -> Vec<Token> {
        tokens_in(&mods().0, text, actors)
    }

    /// A cue index of these words.
    fn cues(vocab: &mut Vocab, words: &[&str]) -> CueIndex {
        let mut cues = CueIndex::default();
        for w in words {
            cues.insert(vocab.intern(w), Vec::new());
        }
        cues
    }

    #[test]
    fn speaker_pronoun_opens_the_reported_clause() {
        let t = tokens("russia said on tuesday it had expelled", &["russia"]);
        assert_eq!(speaker_pronoun(&t, 2, &mods().1), Some(4));
        let t = tokens("putin sagte , er werde", &["putin"]);
        assert_eq!(speaker_pronoun(&t, 2, &mods().1), Some(3));
        // An actor first: the pronoun is an object of another clause.
        let t = tokens(
            "russia said ukraine had attacked it",
            &["russia", "ukraine"],
        );
        assert_eq!(speaker_pronoun(&t, 2, &mods().1), None);
    }

    #[test]
    fn relative_clause_is_cut_and_gets_its_antecedent() {
        let text = "putin , der im juni reiste , traf kim";
        let mut t = tokens(text, &["putin", "kim"]);
        let clauses = cut_relative_clauses(&mut t, &mods().1);
        let words = |ts: &[Token]| -> Vec<String> {
            ts.iter()
                .map(|t| match &t.tok {
                    Tok::Actors { .. } => "X".into(),
                    _ => text[t.start..t.end].to_string(),
                })
                .collect()
        };
        assert_eq!(words(&t), ["X", "traf", "X"]);
        assert_eq!(clauses.len(), 1);
        assert_eq!(words(&clauses[0]), ["X", "im", "juni", "reiste"]);
        // ", die USA und China" is a list, ", die die EU verhängt" has its own subject.
        let mut t = tokens("russland , die usa", &["russland", "usa"]);
        assert!(cut_relative_clauses(&mut t, &mods().1).is_empty());
        let mut t = tokens("russland , die die eu verhängt", &["russland", "eu"]);
        assert!(cut_relative_clauses(&mut t, &mods().1).is_empty());
    }

    #[test]
    fn elided_subject_continues_after_und_before_a_lower_case_cue() {
        let text = "meloni reiste und traf merz , Kim und Sanktionen";
        let (mut v, m) = mods();
        let cues = cues(&mut v, &["traf", "sanktionen"]);
        let t = tokens_in(&v, text, &["meloni", "merz", "Kim"]);
        let parts = elided_subject_clauses(text, &t, &m, &cues);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].len(), 3);
        assert!(parts[0][0].is_actor() && parts[0][2].is_actor());
    }

    #[test]
    fn a_sentence_without_a_cue_word_is_not_tokenised() {
        let gaz = Gazetteer::embedded().unwrap();
        let matcher = crate::mentions::Matcher::new(&gaz);
        let tokens_of = |text: &str| {
            let doc = crate::input::Document {
                id: "t".into(),
                text: text.into(),
                date: None,
                lang: Some(Lang::De),
                title: None,
            };
            let found = crate::mentions::find_mentions(&gaz, &matcher, &doc, None);
            assert!(found.mentions.len() >= 2, "{text}: {:?}", found.mentions);
            let sentence = Sentence {
                start: 0,
                end: text.len(),
            };
            SentenceTokens::new(&gaz, text, sentence, &found.mentions, Lang::De).is_some()
        };
        assert!(tokens_of("Merz traf Macron in Paris."));
        assert!(!tokens_of("Merz und Macron aßen in Paris Kuchen."));
    }

    #[test]
    fn title_name_takes_capitalised_words_but_no_cue() {
        let text = "Egyptian President Hosni Mubarak said";
        let mut v = Vocab::default();
        let words = words_of(text, 0, text.len(), &v);
        let none = CueIndex::default();
        assert_eq!(title_name_len(text, &words[2..], usize::MAX, &none), 2);
        // The next mention ends the name.
        assert_eq!(title_name_len(text, &words[2..], words[3].start, &none), 1);
        let text = "President Mohammad Zia-Ul-Haq today";
        let words = words_of(text, 0, text.len(), &v);
        assert_eq!(title_name_len(text, &words[1..], usize::MAX, &none), 6);
        let cues = cues(&mut v, &["meets"]);
        let text = "US President Meets Putin";
        let words = words_of(text, 0, text.len(), &v);
        assert_eq!(title_name_len(text, &words[2..], usize::MAX, &cues), 0);
    }
}
