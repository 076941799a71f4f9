//! Sentences of news text as byte spans that tile the document.
//!
//! A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or brackets) followed by
//! whitespace and a word that may begin a sentence — except after an abbreviation of the
//! document's language ("u. a.", "z. B.", "Dr.", "U.S.": the list is data, in
//! `gazetteer/sentences.toml`), an initial ("George W. Bush"), or a one- or two-digit ordinal
//! ("27. August", "am 3. Mai", "im 18. Jahrhundert").
//!
//! A line break ends a sentence after terminal punctuation, at a blank line, before a list item
//! and after a line that is not wrapped text: a headline, dateline, list item or teaser ends
//! without a full stop. Half the German news articles wrap sentences at a width, with the next
//! line starting with a capitalised noun as often as not ("Trump hatte\nDeutschland ...
//! kritisiert"), so a line that ends mid-sentence (in a letter, digit, comma or dash) runs on
//! when it looks wrapped: the next line is no longer than a wrapped line (a long one is an
//! unwrapped paragraph under a headline), the line itself is not longer than one (a long line
//! without a stop is a teaser or byline), and, where the line starts the sentence, it is not
//! short, in capitals, a dateline or a list item ("Von Redaktion", "THEMA DES TAGES", "Berlin,
//! 26. September", "- Kim sieht Vorteile") and the document wraps its paragraphs (elsewhere the
//! line is a headline over a subtitle). The widths come from de-news, where wrapped lines are
//! 50–100 characters: see `WRAP_NEXT_MAX` and its neighbours. A lower-case continuation after a
//! letter or comma runs on at any width.

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
    // Where the line that `i` is on starts.
    let mut line_start = 0;
    // Whether the document wraps its paragraphs (see `is_wrapped`), found out when first asked.
    let mut wrapped = None;
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
            let line = text[line_start..pos].trim();
            let j = skip_space(text, pos + 1, true);
            // The sentence starts with the line (not before it, nor after a stop inside it).
            let sentence = text[start..pos].trim();
            let heads_line = sentence.len() == line.len();
            let blank = text[pos + 1..j].contains('\n');
            let wrapped = || *wrapped.get_or_insert_with(|| is_wrapped(text));
            if !line_runs_on(line, heads_line, blank, &text[j..], wrapped)
                && !text[start..j].trim().is_empty()
            {
                out.push(Sentence { start, end: j });
                start = j;
            }
            // The line that `j` is on starts after the last break skipped.
            line_start = pos + 1 + text[pos + 1..j].rfind('\n').map_or(0, |k| k + 1);
            i = j;
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

/// The most characters a line that does not start its sentence (it continues one or follows a
/// stop) may have and still be wrapped. In de-news wrapped lines are mostly 50–100 characters
/// and some sources wrap at up to 160; a longer line without a stop is an unwrapped teaser or
/// byline ("... Von Cerstin Gammelin, Reiko Pinkert und Jan Willmroth").
const WRAP_LINE_MAX: usize = 160;

/// The most characters the next line may have for the break before it to be a wrap: a longer
/// line is an unwrapped paragraph, so the line before it is a headline (in de-news samples read
/// by hand, a line that starts a sentence and ends without a stop is a headline nearly always
/// above a line of more than 150 characters, and mostly wrapped text above a shorter one).
const WRAP_NEXT_MAX: usize = 150;

/// The fewest characters a line that starts its sentence needs to run on: below it, a dateline,
/// a byline or a one-phrase headline ("Von Redaktion", "Berlin, 5. Mai", "Bedenken aus Bayern").
const WRAP_HEAD_MIN: usize = 20;

/// A line break after `line` (trimmed) does not end the sentence: `line` ends mid-sentence and
/// looks wrapped (see the module doc). `heads_line`: the sentence starts with the line. `blank`:
/// blank lines follow the break. `next` is the text from the first character after them on.
/// `wrapped` says whether the document wraps its paragraphs (asked only for a line that starts
/// its sentence, as that costs a pass over the document).
fn line_runs_on(
    line: &str,
    heads_line: bool,
    blank: bool,
    next: &str,
    wrapped: impl FnOnce() -> bool,
) -> bool {
    let (Some(last), Some(first)) = (line.chars().next_back(), next.chars().next()) else {
        return false;
    };
    // A lower-case continuation after a letter or comma, at any width and even across a blank
    // line (en-news has a paragraph break where a linked name was cut out: "Fourth seed\n\n
    // survived an injury scare").
    if (last.is_lowercase() || last == ',') && first.is_lowercase() {
        return true;
    }
    // A number at the start of the next line is an ordinal in running text ("am\n12. Juni",
    // "auf dem\n33. Platz") unless the line heads its sentence or is a numbered item itself.
    let item = starts_bullet(next) || (starts_number(next) && (heads_line || starts_item(line)));
    if blank || !ends_open(line) || item {
        return false;
    }
    if longer_than(line, WRAP_LINE_MAX) || longer_than(first_line(next), WRAP_NEXT_MAX) {
        return false;
    }
    if !heads_line {
        return true;
    }
    // A line that starts its sentence: a headline if it is short (but one word ending in lower
    // case is the first word of a paragraph set apart: "Die\nCorona-Pandemie hat ..."), in
    // capitals or a dateline; a list item if it starts like one; a headline over a subtitle
    // ("Kim Jong Un stellt sich offen hinter Putin – USA schlagen Alarm\nDroht eine ...?") if
    // the document does not wrap its paragraphs and the line does not end in a comma.
    let first_word = !line.contains(char::is_whitespace) && last.is_lowercase();
    (!shorter_than(line, WRAP_HEAD_MIN) || first_word)
        && line.chars().any(char::is_lowercase)
        && !ends_in_date(line)
        && !starts_item(line)
        && (last == ',' || wrapped())
}

/// The document wraps its paragraphs at a width: at least two of its line breaks run on in lower
/// case (a letter or comma, a break, a lower-case word). Wrapping shows so in about every second
/// wrapped line of German news; a document of unwrapped paragraphs has such a break hardly ever,
/// its short lines are headlines, subtitles and lists (in de-news, of the 11,600 articles whose
/// lines are mostly longer than `WRAP_NEXT_MAX`, 95 % have none).
fn is_wrapped(text: &str) -> bool {
    let mut found = 0;
    let mut at = 0;
    // `str::find` of a byte runs a word at a time (core's memchr).
    while let Some(k) = text[at..].find('\n') {
        let pos = at + k;
        at = pos + 1;
        let before = text[..pos]
            .trim_end_matches([' ', '\t', '\r'])
            .chars()
            .next_back();
        let after = text[at..].trim_start_matches([' ', '\t']).chars().next();
        if before.is_some_and(|c| c.is_lowercase() || c == ',')
            && after.is_some_and(char::is_lowercase)
        {
            found += 1;
            if found == 2 {
                return true;
            }
        }
    }
    false
}

/// `line` ends in a date, as a dateline does ("Berlin, 26. September", "Washington, 3. Mai
/// 2025", "Kiew, 24.02.2022").
fn ends_in_date(line: &str) -> bool {
    let ordinal = |w: &str| {
        w.strip_suffix('.')
            .is_some_and(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
    };
    let numeric = |w: &str| {
        let mut parts = w.split('.');
        let ok = |p: Option<&str>, n: std::ops::RangeInclusive<usize>| {
            p.is_some_and(|p| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        };
        ok(parts.next(), 1..=2) && ok(parts.next(), 1..=2) && ok(parts.next(), 2..=4)
    };
    let mut words = line.split_whitespace().rev();
    let mut last = words.next().unwrap_or_default();
    if numeric(last) {
        return true;
    }
    if last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) {
        last = words.next().unwrap_or_default();
    }
    last.chars().all(char::is_alphabetic) && !last.is_empty() && words.next().is_some_and(ordinal)
}

/// `line` ends mid-sentence: in a letter, digit, comma, semicolon, dash or the like, or in
/// closing quotes or brackets after one of them (not after `.`, `!`, `?`, `…` or `:`).
fn ends_open(line: &str) -> bool {
    let body = line.trim_end_matches(is_closer);
    body.chars().next_back().is_some_and(|c| {
        super::is_alnum(c) || matches!(c, ',' | ';' | '-' | '–' | '—' | '/' | '%' | '&' | '+')
    })
}

/// `next` starts a list item: a bullet or dash and a space ("- ", "• "), or a number of one to
/// three digits closed by `.` or `)` and a space ("1. ", "2) ", "(3) ").
fn starts_item(next: &str) -> bool {
    starts_bullet(next) || starts_number(next)
}

/// `next` starts with a bullet or dash and a space ("- ", "• ").
fn starts_bullet(next: &str) -> bool {
    let bullets = ["-", "*", "•", "–", "—", "·", "▪", "►"];
    bullets.iter().any(|b| {
        next.strip_prefix(b)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_whitespace()))
    })
}

/// `next` starts with a number of one to three digits closed by `.` or `)` and a space ("1. ",
/// "2) ", "(3) ").
fn starts_number(next: &str) -> bool {
    let next = next.as_bytes();
    let space_at = |k: usize| next.get(k).is_some_and(u8::is_ascii_whitespace);
    let open = usize::from(next.first() == Some(&b'('));
    let digits = next[open..]
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let k = open + digits;
    match next.get(k) {
        Some(b')') => space_at(k + 1),
        Some(b'.') => open == 0 && space_at(k + 1),
        _ => false,
    }
}

/// `s` has more than `max` characters (counted only where its bytes do not tell).
fn longer_than(s: &str, max: usize) -> bool {
    s.len() > max && (s.len() > 4 * max || s.chars().count() > max)
}

/// `s` has fewer than `min` characters.
fn shorter_than(s: &str, min: usize) -> bool {
    s.len() < min || (s.len() < 4 * min && s.chars().count() < min)
}

/// The text of `next` up to its first line break or, if the break comes later, its first
/// `4 * WRAP_NEXT_MAX + 1` bytes or a few more (to a character boundary): enough for
/// `longer_than(_, WRAP_NEXT_MAX)`, in constant time whatever the next line's length.
fn first_line(next: &str) -> &str {
    let mut end = next.len().min(4 * WRAP_NEXT_MAX + 4);
    while !next.is_char_boundary(end) {
        end -= 1;
    }
    let head = &next[..end];
    head.find('\n').map_or(head, |k| &head[..k])
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

    /// A body paragraph of more than `WRAP_NEXT_MAX` characters on one line, as unwrapped
    /// text has it.
    const BODY: &str = "Der US-Präsident hat Nordkorea am Montag in einer Rede vor den Vereinten Nationen mit neuen Sanktionen gedroht, sollte Pjöngjang weitere Raketen über Japan hinweg testen.";

    /// A wrapped paragraph: two of its breaks run on in lower case, so the document wraps.
    const WRAPPED: &str = "Die Zahl der Toten stieg am Montag weiter, wie die Behörden\nmitteilten. Die Regierung in Kiew sprach von einem\nschweren Angriff.\n";
    const WRAPPED_1: &str =
        "Die Zahl der Toten stieg am Montag weiter, wie die Behörden\nmitteilten.";
    const WRAPPED_2: &str = "Die Regierung in Kiew sprach von einem\nschweren Angriff.";

    #[test]
    fn line_breaks_end_sentences_only_where_the_line_is_not_wrapped() {
        let headline = format!("{WRAPPED}Trump droht Kim mit neuen Sanktionen\n{BODY}");
        let teaser = format!(
            "{} Von Cerstin Gammelin und Jan Willmroth\nDie Regierung in Berlin schweigt.",
            &BODY[..BODY.len() - 1]
        );
        // (case, text, sentences)
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "wrapped line runs on into a capitalised noun",
                "Der Streit schwelt seit Jahren. Trump hatte\nDeutschland immer wieder kritisiert.",
                &["Der Streit schwelt seit Jahren.", "Trump hatte\nDeutschland immer wieder kritisiert."],
            ),
            (
                "wrapped line that starts its sentence runs on (in a wrapped document)",
                &format!("{WRAPPED}Bundeskanzlerin Angela Merkel hatte dem Irak zuletzt weitere\nUnterstützung im Kampf gegen den IS zugesichert."),
                &[WRAPPED_1, WRAPPED_2, "Bundeskanzlerin Angela Merkel hatte dem Irak zuletzt weitere\nUnterstützung im Kampf gegen den IS zugesichert."],
            ),
            (
                "headline over a subtitle (in a document that does not wrap)",
                "Kim Jong Un stellt sich offen hinter Putin – USA schlagen Alarm\nDroht eine Ausweitung des Konflikts durch Kims Unterstützung?",
                &["Kim Jong Un stellt sich offen hinter Putin – USA schlagen Alarm", "Droht eine Ausweitung des Konflikts durch Kims Unterstützung?"],
            ),
            (
                "wrapped line runs on into an ordinal",
                "Der Streit schwelt seit Jahren. Trump traf Kim am\n12. Juni in Singapur.",
                &["Der Streit schwelt seit Jahren.", "Trump traf Kim am\n12. Juni in Singapur."],
            ),
            (
                "wrapped line ending in a comma runs on into a name",
                "Präsident Macron trifft die Führer Malis, Mauretaniens,\nNigers, Burkina Fasos und des Tschad.",
                &["Präsident Macron trifft die Führer Malis, Mauretaniens,\nNigers, Burkina Fasos und des Tschad."],
            ),
            (
                "wrapped over three lines",
                &format!("{WRAPPED}Die Europäische Union und die Vereinten Nationen haben\nIsrael vor einer Annexion von Teilen des besetzten\nWestjordanlands gewarnt. Israel schwieg."),
                &[WRAPPED_1, WRAPPED_2, "Die Europäische Union und die Vereinten Nationen haben\nIsrael vor einer Annexion von Teilen des besetzten\nWestjordanlands gewarnt.", "Israel schwieg."],
            ),
            (
                "a paragraph's first word set apart runs on",
                &format!("{WRAPPED}Die\nCorona-Pandemie hat Europa hart getroffen."),
                &[WRAPPED_1, WRAPPED_2, "Die\nCorona-Pandemie hat Europa hart getroffen."],
            ),
            (
                "headline without a stop over an unwrapped paragraph (in a wrapped document)",
                &headline,
                &[WRAPPED_1, WRAPPED_2, "Trump droht Kim mit neuen Sanktionen", BODY],
            ),
            (
                "short headline, byline",
                "Von Redaktion\nPräsident Erdogan hat Frankreich verärgert.",
                &["Von Redaktion", "Präsident Erdogan hat Frankreich verärgert."],
            ),
            (
                "headline in capitals",
                "THEMA DES TAGES UND DER WOCHE\nDie Regierung in Berlin warnt Moskau.",
                &["THEMA DES TAGES UND DER WOCHE", "Die Regierung in Berlin warnt Moskau."],
            ),
            (
                "blank line",
                "Die Regierung in Berlin warnte Moskau vor\n\nWeiteren Schritten in der Ukraine.",
                &["Die Regierung in Berlin warnte Moskau vor", "Weiteren Schritten in der Ukraine."],
            ),
            (
                "whitespace-only line",
                "Die Regierung in Berlin warnte Moskau vor\n \t \nWeiteren Schritten in der Ukraine.",
                &["Die Regierung in Berlin warnte Moskau vor", "Weiteren Schritten in der Ukraine."],
            ),
            (
                "lower-case continuation across a blank line (a name cut out)",
                "Fourth seed\n\nsurvived an injury scare.",
                &["Fourth seed\n\nsurvived an injury scare."],
            ),
            (
                "dateline",
                "Baden-Württemberg, 14. März\nKann Susanne Eisenmann es schaffen?",
                &["Baden-Württemberg, 14. März", "Kann Susanne Eisenmann es schaffen?"],
            ),
            (
                "dateline with a year",
                "Washington, 3. Mai 2025\nDer Präsident empfängt den Kanzler.",
                &["Washington, 3. Mai 2025", "Der Präsident empfängt den Kanzler."],
            ),
            (
                "dateline with an agency",
                "BERLIN (dpa) –\nDie Regierung in Berlin warnt Moskau.",
                &["BERLIN (dpa) –", "Die Regierung in Berlin warnt Moskau."],
            ),
            (
                "list items",
                "Die wichtigsten Punkte im Überblick und mehr\n- Kremlchef Putin reist nach Pjöngjang\n- Kim empfängt ihn am Flughafen",
                &["Die wichtigsten Punkte im Überblick und mehr", "- Kremlchef Putin reist nach Pjöngjang", "- Kim empfängt ihn am Flughafen"],
            ),
            (
                "list item, then a headline",
                "- US-Präsident will sich Friedensnobelpreis mit Putin-Plan schnappen\nWladimir Putins wichtigster Verbündeter ist jetzt Kim Jong-Un",
                &["- US-Präsident will sich Friedensnobelpreis mit Putin-Plan schnappen", "Wladimir Putins wichtigster Verbündeter ist jetzt Kim Jong-Un"],
            ),
            (
                "numbered list items",
                "(4) FAZ vom 28.10.2020: Existenzielle Bedrohung\n(5) FAZ vom 29.10.2020: Ein Reservoir\n6. Kim empfängt Putin am Flughafen",
                &["(4) FAZ vom 28.10.2020: Existenzielle Bedrohung", "(5) FAZ vom 29.10.2020: Ein Reservoir", "6. Kim empfängt Putin am Flughafen"],
            ),
            (
                "line ending with a colon",
                "Der Außenminister sagte am Montag in Berlin vor Journalisten:\nDeutschland steht an der Seite der Ukraine.",
                &["Der Außenminister sagte am Montag in Berlin vor Journalisten:", "Deutschland steht an der Seite der Ukraine."],
            ),
            (
                "line ending with a stop and closing quotes",
                "Er sagte: „Wir bleiben hart.“\nDeutschland zahlt.",
                &["Er sagte: „Wir bleiben hart.“", "Deutschland zahlt."],
            ),
            (
                "long line without a stop: a teaser with its byline",
                &teaser,
                &[&teaser[..teaser.find('\n').unwrap()], "Die Regierung in Berlin schweigt."],
            ),
        ];
        for (case, text, expected) in cases {
            assert_eq!(texts(text), *expected, "{case}");
        }
    }

    #[test]
    fn spans_tile_the_text() {
        for text in [
            "",
            "  ",
            "Ein Satz. Zwei Sätze!  Drei?\n\nVier",
            "x.\n",
            "Nur ein Wort",
            "\n\nDie\nCorona-Pandemie hat\n\n \nbegonnen\n",
            "Trump hatte dem Irak zuletzt weitere Hilfe\nversprochen, sagte er\n\n",
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
