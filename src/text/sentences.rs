//! Sentences of news text as byte spans that tile the document.
//!
//! A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or brackets) followed by
//! whitespace and a word that may begin a sentence — except after an abbreviation of the
//! document's language ("u. a.", "z. B.", "Dr.", "U.S.": the list is data, in
//! `gazetteer/sentences.toml`), an initial ("George W. Bush"), or a one- or two-digit ordinal
//! ("27. August", "am 3. Mai", "im 18. Jahrhundert"). A line break ends a sentence too
//! (headlines, list items, teaser lines end without a full stop), unless the line runs on into
//! a lower-case continuation.

use std::collections::HashSet;
use std::hash::BuildHasher;

/// A sentence: byte offsets into the document. Consecutive sentences tile the document; the
/// span includes the whitespace after the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Sentence {
    /// The sentence's text without surrounding whitespace.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        doc[self.start..self.end].trim()
    }

    /// The trimmed sentence's span.
    pub fn trimmed(&self, doc: &str) -> (usize, usize) {
        let s = &doc[self.start..self.end];
        let lead = s.len() - s.trim_start().len();
        (self.start + lead, self.start + lead + s.trim().len())
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '’' | '»' | '«' | ')' | ']' | '›' | '‹'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '„'
            | '“'
            | '»'
            | '«'
            | '('
            | '['
            | '‚'
            | '‘'
            | '›'
            | '‹'
            | '-'
            | '–'
            | '—'
            | '•'
            | '*'
    )
}

/// The word right before byte `dot` (letters, digits and inner dots: "z.B", "U.S").
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(super::is_alnum(c) || c == '.' || c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    head[start..].trim_start_matches('.')
}

/// The bytes where a sentence may end: a line break, `.`, `!`, `?`, and the lead byte of `…`.
fn may_end(b: u8) -> bool {
    matches!(b, b'\n' | b'.' | b'!' | b'?' | 0xE2)
}

/// The first byte at or after `from` that may end a sentence (see `may_end`). Eight bytes are
/// tested at a time: a byte equal to one of the five leaves a zero byte in `chunk ^ splat(b)`,
/// and the lowest zero byte of a word is found exactly by the borrow trick.
fn find_may_end(bytes: &[u8], from: usize) -> Option<usize> {
    use super::swar::{splat, zero_lanes};
    let mut i = from;
    while i + 8 <= bytes.len() {
        let v = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
        let hits = zero_lanes(v ^ splat(b'\n'))
            | zero_lanes(v ^ splat(b'.'))
            | zero_lanes(v ^ splat(b'!'))
            | zero_lanes(v ^ splat(b'?'))
            | zero_lanes(v ^ splat(0xE2));
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| may_end(b)).map(|k| i + k)
}

/// The character at byte `i` of `text`.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The first byte at or after `i` that is not whitespace (a line break counts only if
/// `lines`).
fn skip_space(text: &str, i: usize, lines: bool) -> usize {
    let rest = &text[i..];
    let n = rest
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace() || (!lines && c == '\n'))
        .map_or(rest.len(), |(k, _)| k);
    i + n
}

/// Splits `text` into sentences. `abbreviations` are words that a full stop follows without
/// ending a sentence (without the stop).
pub fn split<S: BuildHasher>(text: &str, abbreviations: &HashSet<String, S>) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    // Room for a sentence every 100 bytes (de-news has one about every 120), so that most
    // texts need no second allocation.
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Only the few bytes that may end a sentence need a closer look.
        match find_may_end(bytes, i) {
            Some(k) => i = k,
            None => break,
        }
        let Some(c) = char_at(text, i) else { break };
        let pos = i;
        if c == '\n' {
            // A line break ends the sentence unless the line runs on in lower case.
            let prev = text[start..pos].trim_end();
            let j = skip_space(text, pos + 1, true);
            let next = char_at(text, j);
            let runs_on = prev.ends_with(|p: char| p.is_lowercase() || p == ',')
                && next.is_some_and(char::is_lowercase);
            if !runs_on {
                if !text[start..j].trim().is_empty() {
                    out.push(Sentence { start, end: j });
                    start = j;
                }
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the run of terminal punctuation and closing quotes or brackets.
            let mut j = pos + c.len_utf8();
            while let Some(n) = char_at(text, j) {
                if matches!(n, '.' | '!' | '?' | '…') || is_closer(n) {
                    j += n.len_utf8();
                } else {
                    break;
                }
            }
            let followed_by_space =
                char_at(text, j).is_some_and(|n| n.is_whitespace() && n != '\n');
            if followed_by_space {
                let k = skip_space(text, j, false);
                let next = char_at(text, k);
                let may_start =
                    next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_opener(n));
                if may_start && !(c == '.' && keeps_sentence(text, pos, abbreviations, &text[k..]))
                {
                    out.push(Sentence { start, end: k });
                    start = k;
                    i = k;
                    continue;
                }
            }
            i = j;
            continue;
        }
        i += c.len_utf8();
    }
    if start < text.len() {
        if text[start..].trim().is_empty() {
            if let Some(last) = out.last_mut() {
                last.end = text.len();
            } else {
                out.push(Sentence {
                    start,
                    end: text.len(),
                });
            }
        } else {
            out.push(Sentence {
                start,
                end: text.len(),
            });
        }
    }
    out
}

/// The full stop at `dot` does not end the sentence: it closes an abbreviation, an initial,
/// or an ordinal number. `rest` is the text from the next word on.
fn keeps_sentence<S: BuildHasher>(
    text: &str,
    dot: usize,
    abbreviations: &HashSet<String, S>,
    rest: &str,
) -> bool {
    let word = word_before(text, dot);
    if word.is_empty() {
        return false;
    }
    if abbreviations.contains(word) {
        return true;
    }
    let mut letters = word.chars();
    let (first, second, third) = (letters.next(), letters.next(), letters.next());
    // An initial: one capital letter ("W." in "George W. Bush").
    if second.is_none() && first.is_some_and(char::is_uppercase) {
        return true;
    }
    // An ordinal: one or two digits ("27. August", "im 18. Jahrhundert"); a year ends a
    // sentence ("im Jahr 2024. Danach").
    if third.is_none() && word.bytes().all(|b| b.is_ascii_digit()) {
        return rest.chars().next().is_some_and(char::is_alphanumeric);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_byte_that_may_end_a_sentence() {
        let text = "abc.defghij!klmnopqrstuv?wx\ny…z„q";
        let bytes = text.as_bytes();
        let expected: Vec<usize> = (0..bytes.len()).filter(|&i| may_end(bytes[i])).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(k) = find_may_end(bytes, i) {
            found.push(k);
            i = k + 1;
        }
        assert_eq!(found, expected);
        // A byte just below one of them borrows into the next lane: no false hit.
        assert_eq!(find_may_end(b"-------/", 0), None);
        assert_eq!(
            find_may_end(b"\x01\x01\x01\x01\x01\x01\x01\x01.", 0),
            Some(8)
        );
    }

    fn abbr() -> HashSet<String> {
        [
            "u.a", "z.B", "u", "a", "z", "B", "Dr", "Prof", "Nr", "ca", "Mr", "U.S",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        split(text, &abbr())
            .iter()
            .map(|s| s.text(text).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_dates_and_ordinals_do_not_split() {
        assert_eq!(
            texts("Er traf u. a. Dr. Müller am 27. August in Berlin. Dann reiste er ab."),
            [
                "Er traf u. a. Dr. Müller am 27. August in Berlin.",
                "Dann reiste er ab."
            ]
        );
        assert_eq!(
            texts("Am 06.06.2025 kam es z. B. zum Streit. Nr. 5 folgt."),
            ["Am 06.06.2025 kam es z. B. zum Streit.", "Nr. 5 folgt."]
        );
        assert_eq!(
            texts("Mr. Biden met George W. Bush. The U.S. Army left."),
            ["Mr. Biden met George W. Bush.", "The U.S. Army left."]
        );
        assert_eq!(
            texts("Das war im Jahr 2024. Danach kam 2025."),
            ["Das war im Jahr 2024.", "Danach kam 2025."]
        );
    }

    #[test]
    fn quotes_and_line_breaks() {
        assert_eq!(
            texts("„Wir haben uns verliebt“, sagte Trump. „Das stimmt.“ Kim schwieg."),
            [
                "„Wir haben uns verliebt“, sagte Trump.",
                "„Das stimmt.“",
                "Kim schwieg."
            ]
        );
        assert_eq!(
            texts("Trump und Kim: Beziehungen am Gefrierpunkt\n\nKnapp sechs Jahre später\n- Kremlchef könnte\n- Kim sieht"),
            ["Trump und Kim: Beziehungen am Gefrierpunkt", "Knapp sechs Jahre später", "- Kremlchef könnte", "- Kim sieht"]
        );
        assert_eq!(
            texts("Ein Satz, der\numbricht und weitergeht."),
            ["Ein Satz, der\numbricht und weitergeht."]
        );
    }

    #[test]
    fn spans_tile_the_text() {
        for text in [
            "",
            "  ",
            "Ein Satz. Zwei Sätze!  Drei?\n\nVier",
            "x.\n",
            "Nur ein Wort",
        ] {
            let s = split(text, &abbr());
            let mut at = 0;
            for sent in &s {
                assert_eq!(sent.start, at, "{text:?}");
                at = sent.end;
            }
            assert_eq!(at, text.len(), "{text:?}");
        }
    }
}
