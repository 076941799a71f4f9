//! Actor mentions: every place a document names a state, person or organisation, with the
//! actor it names and how (`via`).
//!
//! The matcher finds forms; this module turns them into mentions: titles are put together
//! from a state and an office noun ("russischer Präsident", "Präsident Russlands",
//! "US-Präsident") and resolved to the office holder on the document's date, and in the same
//! way institutions from a state and an institution noun ("die irische Regierung", "die
//! Regierung in Lissabon", "das Prager Außenministerium"), which name the state itself; a name
//! beside a title wins over it; short names ("Kim") resolve to the person named in full before them,
//! or stand alone when no one else has them, and are otherwise reported as ambiguous.
//!
//! ```
//! use geokg::{gazetteer::Gazetteer, input::Document, mentions::{Matcher, find_mentions}};
//! let gaz = Gazetteer::embedded().unwrap();
//! let matcher = Matcher::new(&gaz);
//! let doc = Document::new("d", "Nordkorea liefert Waffen an Russland.");
//! let found = find_mentions(&gaz, &matcher, &doc, None);
//! let ids: Vec<&str> = found.mentions.iter().map(|m| gaz.actor(m.actor.unwrap()).id.as_str()).collect();
//! assert_eq!(ids, ["PRK", "RUS"]);
//! ```

mod matcher;

use serde::Serialize;

pub use matcher::{Matcher, Slot};

use crate::date::{find_document_date, PartialDate};
use crate::gazetteer::{ActorIdx, ActorKind, Class, FormTarget, Gazetteer, LangSet, Via};
use crate::input::Document;
use crate::text::{lang, Lang, Normalized};

/// One mention of an actor in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offsets into the document text.
    pub start: usize,
    pub end: usize,
    /// The actor named, or `None` when the mention is ambiguous or unresolved (see
    /// `candidates` and `reason`).
    pub actor: Option<ActorIdx>,
    pub via: Via,
    /// The actors an ambiguous or unresolved mention may name.
    pub candidates: Vec<ActorIdx>,
    /// Why `actor` is `None`.
    pub reason: Option<String>,
    /// For titles: the polity (state or organisation id) and office named.
    pub office: Option<(String, String)>,
    /// For institutions composed from a state and a noun: the byte offsets of the part that
    /// names the state ("irische" of "irische Regierung", "Ungarns" of "Regierung Ungarns").
    pub state_span: Option<(usize, usize)>,
}

/// The mentions in one document, with the date and language they were resolved by.
#[derive(Debug, Clone)]
pub struct DocumentMentions {
    pub date: Option<PartialDate>,
    /// The document's language; `None` when it could not be told, and the forms of both
    /// languages were matched.
    pub lang: Option<Lang>,
    pub mentions: Vec<Mention>,
}

/// What a slot is, once its forms are weighed.
#[derive(Debug, Clone)]
enum Item {
    Actor {
        /// The actor, if the slot's winning forms name one.
        actor: Option<ActorIdx>,
        via: Via,
        /// The actors the winning forms name, if more than one (else empty).
        candidates: Vec<ActorIdx>,
        genitive: bool,
        class: Class,
        /// The state whose capital the slot also is, where an organisation's seat won over
        /// it ("Brüssel"): "die Regierung in Brüssel" is still Belgium's.
        capital_of: Option<ActorIdx>,
    },
    Short {
        candidates: Vec<ActorIdx>,
    },
    Noun {
        office: String,
    },
    Title {
        polity: String,
        office: String,
        /// The state or organisation inside a composed title ("russischen" of "russischen
        /// Präsidenten"): a mention of its own when a name beside the title wins.
        state: Option<Box<Piece>>,
    },
}

#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    end: usize,
    norm_start: usize,
    norm_end: usize,
    item: Item,
    compound: bool,
    hyphen_after: bool,
    /// A word and a hyphen stand right before ("Anti-Amerika-Kräfte").
    hyphen_before: bool,
}

/// Finds and resolves every actor mention in `doc`. `lang` forces a language; `None` uses the
/// document's own (`Document::lang`) or detects it; where detection cannot tell, the forms of
/// both languages are matched.
pub fn find_mentions(
    gaz: &Gazetteer,
    matcher: &Matcher,
    doc: &Document,
    lang: Option<Lang>,
) -> DocumentMentions {
    let lang = lang.or(doc.lang).or_else(|| lang::detect(&doc.text));
    let langs = lang.map(LangSet::one).unwrap_or(LangSet::ANY);
    let date = doc.date.or_else(|| find_document_date(&doc.text));
    let text = doc.text.as_str();
    let norm = Normalized::new(text);
    let slots = matcher.slots(gaz, text, &norm, langs);
    let mut pieces = Vec::with_capacity(slots.slots.len());
    pieces.extend(
        slots
            .slots
            .iter()
            .filter_map(|s| piece(gaz, s, slots.forms(s))),
    );
    let pieces = compose_titles(gaz, norm.as_str(), pieces, langs);
    let mentions = resolve(gaz, matcher, text, pieces, date, langs);
    DocumentMentions {
        date,
        lang,
        mentions,
    }
}

/// Weighs the forms of one slot (`forms`, indices into `Gazetteer::forms()`): a blocker
/// drops it; an actor's form beats a title, a short name and an office noun; among actors
/// the strongest kind of form wins (a name over an adjective over a capital), and a tie is
/// ambiguous.
fn piece(gaz: &Gazetteer, slot: &Slot, forms: &[usize]) -> Option<Piece> {
    let forms = || forms.iter().map(|&i| &gaz.forms()[i]);
    if forms().any(|f| f.target == FormTarget::Blocker) {
        return None;
    }
    let actor_of = |f: &crate::gazetteer::Form| match f.target {
        FormTarget::Actor(i) => Some(i),
        _ => None,
    };
    let best = forms()
        .filter(|f| actor_of(f).is_some())
        .map(|f| crate::gazetteer::rank(f.via))
        .min();
    let item = if let Some(best) = best {
        // A seat that an organisation names stands for it, not for the state whose capital it
        // is: "Brüssel" is the EU, not Belgium (the data gives the EU the metonym).
        let seat_of = |f: &crate::gazetteer::Form| {
            f.via == Via::Metonym
                && actor_of(f).is_some_and(|a| gaz.actor(a).kind == ActorKind::Organization)
        };
        let seat = best == crate::gazetteer::rank(Via::Metonym) && forms().any(&seat_of);
        let winners = || {
            forms().filter(move |f| {
                actor_of(f).is_some()
                    && crate::gazetteer::rank(f.via) == best
                    && (!seat || seat_of(f))
            })
        };
        // Mostly the winners name one actor: then nothing is collected.
        let mut actors = winners().filter_map(actor_of);
        let one = actors.next()?;
        let (actor, candidates) = if actors.all(|a| a == one) {
            (Some(one), Vec::new())
        } else {
            let mut candidates: Vec<ActorIdx> = winners().filter_map(actor_of).collect();
            candidates.sort_unstable();
            candidates.dedup();
            (None, candidates)
        };
        // Of the winners (there is one: `best` is the rank of one), the first form of the
        // first actor tells how the slot names it.
        let first = winners().min_by_key(|f| actor_of(f))?;
        let capital_of = seat
            .then(|| {
                forms()
                    .filter(|f| f.via == Via::Metonym)
                    .filter_map(actor_of)
                    .find(|&a| gaz.actor(a).kind == ActorKind::State)
            })
            .flatten();
        Item::Actor {
            actor,
            via: first.via,
            candidates,
            genitive: first.genitive,
            class: first.class,
            capital_of,
        }
    } else if let Some(f) = forms().find(|f| matches!(f.target, FormTarget::Title { .. })) {
        let FormTarget::Title { polity, office } = &f.target else {
            unreachable!()
        };
        Item::Title {
            polity: polity.clone(),
            office: office.clone(),
            state: None,
        }
    } else if forms().any(|f| matches!(f.target, FormTarget::Short(_))) {
        let mut candidates: Vec<ActorIdx> = forms()
            .filter_map(|f| match f.target {
                FormTarget::Short(i) => Some(i),
                _ => None,
            })
            .collect();
        candidates.sort();
        candidates.dedup();
        Item::Short { candidates }
    } else if let Some(f) = forms().find(|f| matches!(f.target, FormTarget::Noun { .. })) {
        let FormTarget::Noun { office } = &f.target else {
            unreachable!()
        };
        Item::Noun {
            office: office.clone(),
        }
    } else {
        return None;
    };
    Some(Piece {
        start: slot.start,
        end: slot.end,
        norm_start: slot.norm_start,
        norm_end: slot.norm_end,
        item,
        compound: slot.hyphen_after || slot.hyphen_before,
        hyphen_after: slot.hyphen_after,
        hyphen_before: slot.hyphen_before,
    })
}

/// The polity an actor piece can give a title: a state, or an organisation (for
/// "Nato-Generalsekretär").
fn polity_of<'g>(gaz: &'g Gazetteer, item: &Item) -> Option<&'g str> {
    match item {
        Item::Actor { actor: Some(a), .. } if gaz.actor(*a).kind != ActorKind::Person => {
            Some(&gaz.actor(*a).id)
        }
        _ => None,
    }
}

/// Puts titles and institutions together from a state next to an office or institution noun.
/// Nouns that no state stands next to are dropped (a bare "Präsident" or "Regierung" names no
/// one), and so are capital adjectives that no institution noun follows ("Berliner Zeitung").
fn compose_titles(gaz: &Gazetteer, norm: &str, pieces: Vec<Piece>, langs: LangSet) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().map(Some).collect::<Vec<_>>();
    let mut i = 0;
    while i < pieces.len() {
        let Some(p) = pieces[i].take() else {
            i += 1;
            continue;
        };
        i += 1;
        // A noun right after an organisation is the organisation's ("EU leaders in Lisbon",
        // "die Nato-Führung in Brüssel"): it takes no state after it.
        let owned = matches!(p.item, Item::Noun { .. })
            && out.last().is_some_and(|prev| {
                prev.norm_end + 1 >= p.norm_start
                    && matches!(prev.item, Item::Actor { actor: Some(a), .. }
                        if gaz.actor(a).kind == ActorKind::Organization)
            });
        if let Some(n) = pieces.get(i).and_then(Option::as_ref).filter(|_| !owned) {
            if let Some(title) = title_of(gaz, norm, &p, n, langs) {
                // A state between two nouns belongs to the one after it when they make a
                // title without a gap word: "the administration of [US President] Bush".
                let state_first = matches!(p.item, Item::Noun { .. })
                    && matches!(n.item, Item::Actor { .. })
                    && pieces
                        .get(i + 1)
                        .and_then(Option::as_ref)
                        .is_some_and(|nn| {
                            matches!(nn.item, Item::Noun { .. })
                                && &norm[n.norm_end..nn.norm_start] == " "
                                && title_of(gaz, norm, n, nn, langs).is_some()
                        });
                if !state_first {
                    out.push(title);
                    i += 1;
                    continue;
                }
            }
        }
        // A capital's adjective names the state only before an institution noun.
        let capital_adjective = matches!(
            p.item,
            Item::Actor {
                class: Class::CapitalAdjective,
                ..
            }
        );
        if !matches!(p.item, Item::Noun { .. }) && !capital_adjective {
            out.push(p);
        }
    }
    out
}

/// The title that piece `p` and the piece `n` after it make, if they make one.
fn title_of(gaz: &Gazetteer, norm: &str, p: &Piece, n: &Piece, langs: LangSet) -> Option<Piece> {
    let gap = &norm[p.norm_end..n.norm_start];
    // state + noun: "russischer Präsident", "US-Präsident", "Russlands Präsident",
    // "the Russian president", "Russia's president", "U.S. President", "Nato-Chef".
    if let (Some(polity), Item::Noun { office }) = (polity_of(gaz, &p.item), &n.item) {
        let Item::Actor {
            via,
            genitive,
            class,
            ..
        } = &p.item
        else {
            unreachable!()
        };
        let seat = gaz.office(office).is_some_and(|o| o.seat);
        let joins = gap == " "
            && office_exists(gaz, polity, office)
            && (*class == Class::Adjective
                || *genitive
                || p.hyphen_after
                || (langs.en && matches!(via, Via::Alias | Via::Name))
                // "das Prager Außenministerium", "the Beijing government".
                || (seat
                    && (*class == Class::CapitalAdjective
                        || (langs.en && *via == Via::Metonym))));
        if joins {
            // "Anti-Amerika-Kräfte" are no institution of America.
            let compound =
                (p.compound && !p.hyphen_after) || (p.hyphen_before && is_institution(gaz, office));
            return Some(title_piece(p, n, polity, office, compound, p));
        }
    }
    // state + named institution: "die österreichische Bundesregierung" is Austria's.
    if let (
        Some(polity),
        Item::Title {
            office,
            state: None,
            ..
        },
    ) = (polity_of(gaz, &p.item), &n.item)
    {
        let Item::Actor {
            via,
            genitive,
            class,
            ..
        } = &p.item
        else {
            unreachable!()
        };
        let seat = gaz.office(office).is_some_and(|o| o.seat);
        let joins = gap == " "
            && is_institution(gaz, office)
            && office_exists(gaz, polity, office)
            && (*class == Class::Adjective
                || *genitive
                || p.hyphen_after
                || (langs.en && matches!(via, Via::Alias | Via::Name))
                // "das Wiener Kanzleramt" is Austria's.
                || (seat && *class == Class::CapitalAdjective));
        if joins {
            // "Anti-Amerika-Kräfte" are no institution of America.
            let compound =
                (p.compound && !p.hyphen_after) || (p.hyphen_before && is_institution(gaz, office));
            return Some(title_piece(p, n, polity, office, compound, p));
        }
    }
    // noun + state: "Präsident Russlands", "Präsident der USA", "president of Russia";
    // institution + seat: "die Regierung in Lissabon", "the government in Dublin".
    if let Item::Noun { office } = &p.item {
        let seat_gap = gap == " in " || (langs.de && gap == " im ");
        // "die Regierung in Brüssel": the seat of an organisation that is also a capital.
        let capital = || match &n.item {
            Item::Actor {
                capital_of: Some(c),
                ..
            } if seat_gap => Some(gaz.actor(*c).id.as_str()),
            _ => None,
        };
        let own = polity_of(gaz, &n.item).filter(|pol| office_exists(gaz, pol, office));
        let via_capital = own.is_none();
        if let Some(polity) = own
            .or_else(capital)
            .filter(|pol| office_exists(gaz, pol, office))
        {
            let Item::Actor {
                genitive, class, ..
            } = &n.item
            else {
                unreachable!()
            };
            // A capital's adjective names the state only before the noun: "Präsidentin der
            // Berliner Handelskammer" is no title.
            if *class == Class::CapitalAdjective {
                return None;
            }
            let seat = gaz.office(office).is_some_and(|o| o.seat)
                && *class == Class::Name
                && !n.compound
                && seat_gap;
            if via_capital && !seat {
                return None;
            }
            // After an article the state is named, not an adjective's: "die Armee des
            // syrischen Machthabers" is no title of Syria.
            let named = *class != Class::Adjective;
            let joins = seat
                || (langs.de
                    && ((gap == " " && *genitive)
                        || (named && (gap == " der " || gap == " des "))))
                || (langs.en && named && (gap == " of " || gap == " of the "));
            if joins {
                return Some(title_piece(p, n, polity, office, false, n));
            }
        }
    }
    None
}

/// The office is an institution of the state ("government"): its title names the state.
fn is_institution(gaz: &Gazetteer, office: &str) -> bool {
    gaz.office(office).is_some_and(|o| o.institution)
}

/// A state has every office; an organisation only those someone in the gazetteer holds
/// ("Nato-Generalsekretär" is a title, "IP4-Staatschefs" is not).
fn office_exists(gaz: &Gazetteer, polity: &str, office: &str) -> bool {
    let is_state = gaz
        .actor_by_id(polity)
        .is_some_and(|a| gaz.actor(a).kind == ActorKind::State);
    let org_only = gaz.office(office).is_some_and(|o| o.organization_only);
    (is_state && !org_only) || (!is_state && !gaz.all_holders(polity, office).is_empty())
}

/// A title spanning pieces `first` to `last`, with `state` the piece naming its polity.
fn title_piece(
    first: &Piece,
    last: &Piece,
    polity: &str,
    office: &str,
    compound: bool,
    state: &Piece,
) -> Piece {
    Piece {
        start: first.start,
        end: last.end,
        norm_start: first.norm_start,
        norm_end: last.norm_end,
        item: Item::Title {
            polity: polity.to_string(),
            office: office.to_string(),
            state: Some(Box::new(state.clone())),
        },
        compound,
        hyphen_after: false,
        hyphen_before: first.hyphen_before,
    }
}

/// The gap between two pieces in the original text is nothing but spaces, or a comma and
/// spaces, on one line.
fn adjacent(text: &str, a: &Piece, b: &Piece) -> bool {
    let gap = &text[a.end..b.start];
    !gap.contains(['\n', '\r']) && matches!(gap.trim_matches(|c: char| c.is_whitespace()), "" | ",")
}

fn is_person_piece(gaz: &Gazetteer, p: &Piece) -> bool {
    match &p.item {
        Item::Actor { actor: Some(a), .. } => gaz.actor(*a).kind == ActorKind::Person,
        Item::Short { .. } => true,
        _ => false,
    }
}

/// The word right before byte `start` of `text` on the same line, with nothing but spaces
/// between, and whether that word begins a sentence. `None` where a line break or
/// punctuation comes first.
fn word_before(text: &str, start: usize) -> Option<(&str, bool)> {
    let head = text[..start].trim_end_matches([' ', '\t', '\u{00A0}']);
    // An initial ("Robert E. Lee") counts as a capitalised word before the name.
    if let Some(initial) = head.strip_suffix('.') {
        let mut rev = initial.chars().rev();
        if let (Some(c), next) = (rev.next(), rev.next()) {
            if c.is_uppercase() && next.is_some_and(char::is_whitespace) {
                return Some((&initial[initial.len() - c.len_utf8()..], false));
            }
        }
    }
    if !head.chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let word_start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &head[word_start..];
    let before = head[..word_start].trim_end_matches([' ', '\t', '\u{00A0}']);
    let sentence_start = match before.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '\n'
                | '\r'
                | '"'
                | '„'
                | '“'
                | '”'
                | '»'
                | '«'
                | '('
                | '['
                | '–'
                | '—'
                | '-'
                | '•'
                | '*'
                | '\''
        ),
    };
    Some((word, sentence_start))
}

/// A capitalised word follows byte `end` after one space on the same line, and it is not
/// the start of the next mention (`next_start`).
fn capitalised_word_follows(text: &str, end: usize, next_start: Option<usize>) -> bool {
    let rest = &text[end..];
    let Some(after) = rest.strip_prefix(' ') else {
        return false;
    };
    let starts_upper = after.chars().next().is_some_and(char::is_uppercase);
    starts_upper && next_start != Some(end + 1)
}

/// The letters of `s` are all capitals, at least two of them.
fn all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && letters.all(char::is_uppercase)
}

/// A word in capitals stands in capitalised text (a headline in capitals) when a word next
/// to it is in capitals too; otherwise it is an acronym or a credit ("via ZUMA Press").
fn in_capitals_text(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..].split_whitespace().next().unwrap_or("");
    let prev = text[..start].split_whitespace().next_back().unwrap_or("");
    all_caps(next) || all_caps(prev)
}

/// The mention of an actor piece; a person it names becomes an antecedent.
fn actor_mention(gaz: &Gazetteer, p: &Piece, named: &mut Vec<ActorIdx>) -> Mention {
    let Item::Actor {
        actor,
        via,
        candidates,
        ..
    } = &p.item
    else {
        unreachable!("actor_mention takes actor pieces")
    };
    if let Some(a) = *actor {
        if gaz.actor(a).kind == ActorKind::Person {
            named.push(a);
        }
    }
    Mention {
        start: p.start,
        end: p.end,
        actor: *actor,
        via: if p.compound { Via::Compound } else { *via },
        candidates: if actor.is_none() {
            candidates.clone()
        } else {
            Vec::new()
        },
        reason: actor
            .is_none()
            .then(|| "the name belongs to several actors".to_string()),
        office: None,
        state_span: None,
    }
}

/// Resolves titles, short names and ambiguity in document order.
fn resolve(
    gaz: &Gazetteer,
    matcher: &Matcher,
    text: &str,
    pieces: Vec<Piece>,
    date: Option<PartialDate>,
    langs: LangSet,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(pieces.len());
    // People named so far, most recent last.
    let mut named: Vec<ActorIdx> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let compound_via = |via: Via| if p.compound { Via::Compound } else { via };
        match &p.item {
            Item::Actor { .. } => out.push(actor_mention(gaz, p, &mut named)),
            Item::Short { candidates } => {
                // "Rachel Minyoung Lee": a capitalised word before the short name that is no
                // title and does not begin the sentence is someone's first name.
                if all_caps(&text[p.start..p.end]) && !in_capitals_text(text, p.start, p.end) {
                    continue;
                }
                let after_other_mention = i > 0 && pieces[i - 1].norm_end + 1 >= p.norm_start;
                if !after_other_mention {
                    if let Some((word, sentence_start)) = word_before(text, p.start) {
                        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
                        let normalised = crate::text::normalize::normalize_form(word);
                        if capitalised && !sentence_start && !matcher.is_person_word(&normalised) {
                            continue;
                        }
                        // "die Maas", "den Hagel": news put no article before a surname (but
                        // before a compound: "die Trump-Regierung").
                        // After a comma "die" is a relative pronoun: ", die Kim in dieser
                        // Beziehung sieht".
                        let word_start = word.as_ptr() as usize - text.as_ptr() as usize;
                        let relative = text[..word_start].trim_end().ends_with(',');
                        let article = langs.langs().any(|l| {
                            let lex = gaz.lexicon();
                            lex.modifiers(l).skip.contains(lex.vocab.id(&normalised))
                        });
                        if article && !relative && !capitalised && !p.hyphen_after {
                            continue;
                        }
                    }
                }
                let antecedent = named.iter().rev().find(|a| candidates.contains(a)).copied();
                // "Gabriel Felbermayr", "Wang Zhen", "Costa Brava": a short name that is also
                // the first part of other names, followed by a capitalised word, is that other
                // name, unless a person of that short name was named before (in German a noun
                // may follow: "Kim Soldaten").
                let next_piece_start = pieces.get(i + 1).map(|n| n.start);
                if antecedent.is_none()
                    && gaz.is_name_part(&crate::text::normalize::normalize_form(
                        &text[p.start..p.end],
                    ))
                    && capitalised_word_follows(text, p.end, next_piece_start)
                {
                    continue;
                }
                // "Kurz darauf": a short name that is also a common word stands for its
                // person only once the full name came before; without it, such a person is no
                // candidate ("Cohen" alone is Eli Cohen, not William Cohen).
                let after_name = |c: &ActorIdx| gaz.actor(*c).short_only_after_name;
                let open: std::borrow::Cow<[ActorIdx]> =
                    if antecedent.is_none() && candidates.iter().any(after_name) {
                        candidates
                            .iter()
                            .copied()
                            .filter(|c| !after_name(c))
                            .collect()
                    } else {
                        candidates.as_slice().into()
                    };
                if antecedent.is_none() && open.is_empty() {
                    continue;
                }
                let (actor, via, reason) = match (antecedent, open.len()) {
                    (Some(a), _) => (Some(a), Via::Coreference, None),
                    (None, 1) => (Some(open[0]), Via::Alias, None),
                    (None, _) => (
                        None,
                        Via::Alias,
                        Some(
                            "short name shared by several people and not named in full before"
                                .to_string(),
                        ),
                    ),
                };
                if let Some(a) = actor {
                    named.push(a);
                }
                out.push(Mention {
                    start: p.start,
                    end: p.end,
                    actor,
                    via: compound_via(via),
                    candidates: if actor.is_none() {
                        open.into_owned()
                    } else {
                        Vec::new()
                    },
                    reason,
                    office: None,
                    state_span: None,
                });
            }
            Item::Title {
                polity,
                office,
                state,
            } if is_institution(gaz, office) => {
                // An institution is the state itself, whatever the date and whoever is named
                // beside it ("die Regierung in Lissabon", "Bundesregierung").
                let Some(actor) = gaz.actor_by_id(polity) else {
                    continue;
                };
                out.push(Mention {
                    start: p.start,
                    end: p.end,
                    actor: Some(actor),
                    via: compound_via(Via::Institution),
                    candidates: Vec::new(),
                    reason: None,
                    office: Some((polity.clone(), office.clone())),
                    state_span: state.as_ref().map(|s| (s.start, s.end)),
                });
            }
            Item::Title {
                polity,
                office,
                state,
            } => {
                // A name beside the title wins: "US-Präsident Donald Trump", "Trump, US-Präsident".
                let name_after = pieces
                    .get(i + 1)
                    .is_some_and(|n| adjacent(text, p, n) && is_person_piece(gaz, n));
                let name_before = i > 0
                    && adjacent(text, &pieces[i - 1], p)
                    && is_person_piece(gaz, &pieces[i - 1]);
                if name_after || name_before {
                    if let Some(state) = state {
                        out.push(actor_mention(gaz, state, &mut named));
                    }
                    continue;
                }
                let context = word_before(text, p.start).and_then(|(w, _)| {
                    gaz.title_context(&crate::text::normalize::normalize_form(w), langs)
                });
                let ever = gaz.all_holders(polity, office);
                let earlier = named.iter().rev().find(|a| ever.contains(a)).copied();
                let (actor, via, candidates, reason) = match (context, date) {
                    (Some(_), _) | (None, None) => match earlier {
                        Some(a) => (Some(a), Via::Coreference, Vec::new(), None),
                        None => {
                            let why = if context.is_some() {
                                "the title names a past or other holder, and none is named before"
                            } else {
                                "the document has no date, and no holder of the office is named before"
                            };
                            (None, Via::Title, ever.clone(), Some(why.to_string()))
                        }
                    },
                    (None, Some(d)) => {
                        let now = gaz.holders(polity, office, d);
                        match now.len() {
                            1 => (Some(now[0]), Via::Title, Vec::new(), None),
                            0 => (
                                None,
                                Via::Title,
                                ever.clone(),
                                Some(format!("no holder of the office on {d} in the gazetteer")),
                            ),
                            _ => match named.iter().rev().find(|a| now.contains(a)) {
                                Some(&a) => (Some(a), Via::Coreference, Vec::new(), None),
                                None => (
                                    None,
                                    Via::Title,
                                    now.clone(),
                                    Some(format!("several holders of the office during {d}")),
                                ),
                            },
                        }
                    }
                };
                if let Some(a) = actor {
                    named.push(a);
                }
                out.push(Mention {
                    start: p.start,
                    end: p.end,
                    actor,
                    via: if p.compound { Via::Compound } else { via },
                    candidates,
                    reason,
                    office: Some((polity.clone(), office.clone())),
                    state_span: None,
                });
            }
            Item::Noun { .. } => {}
        }
    }
    out
}

/// The JSON form of a mention, as `geokg mentions` writes it.
#[derive(Debug, Serialize)]
pub struct MentionRecord<'a> {
    pub doc: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub actor: Option<ActorRecord<'a>>,
    pub via: Via,
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<ActorRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<OfficeRecord<'a>>,
}

/// An actor as the outputs show it.
#[derive(Debug, Serialize)]
pub struct ActorRecord<'a> {
    pub id: &'a str,
    pub kind: ActorKind,
    pub name: &'a str,
    pub country: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct OfficeRecord<'a> {
    pub polity: &'a str,
    pub office: &'a str,
}

impl<'a> ActorRecord<'a> {
    pub fn new(
        gaz: &'a Gazetteer,
        idx: ActorIdx,
        date: Option<PartialDate>,
        lang: Lang,
    ) -> ActorRecord<'a> {
        let a = gaz.actor(idx);
        ActorRecord {
            id: &a.id,
            kind: a.kind,
            name: a.name.get(lang),
            country: a.country_on(date),
        }
    }
}

impl<'a> MentionRecord<'a> {
    pub fn new(
        gaz: &'a Gazetteer,
        doc: &'a Document,
        found: &DocumentMentions,
        m: &'a Mention,
    ) -> MentionRecord<'a> {
        let actor =
            |i: ActorIdx| ActorRecord::new(gaz, i, found.date, found.lang.unwrap_or(Lang::De));
        MentionRecord {
            doc: &doc.id,
            start: m.start,
            end: m.end,
            text: &doc.text[m.start..m.end],
            actor: m.actor.map(actor),
            via: m.via,
            date: found.date.map(|d| d.to_string()),
            candidates: m.candidates.iter().map(|&i| actor(i)).collect(),
            reason: m.reason.as_deref(),
            office: m.office.as_ref().map(|(p, o)| OfficeRecord {
                polity: p,
                office: o,
            }),
        }
    }
}
