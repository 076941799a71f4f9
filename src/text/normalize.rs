//! A normalised copy of a text for matching, with a map back to byte offsets in the original.
//!
//! Normalisation makes the spellings that news use for one name compare equal:
//! - NFC composition ("u" + combining diaeresis becomes "ü");
//! - Unicode lower-casing plus the full case folding of `ß`/`ẞ` to `ss` ("Weißrussland" equals
//!   the Swiss "Weissrussland");
//! - every hyphen, dash and whitespace character becomes one space, and runs of them collapse
//!   into one, so "Kim Jong-un", "Kim Jong Un" and "Kim  Jong-Un" compare equal;
//! - typographic apostrophes become `'`, typographic quotes become `"`;
//! - soft hyphens and zero-width characters disappear.
//!
//! Most characters keep their byte length, so the offset map only records the places where the
//! length changes; ASCII text takes a fast path that folds bytes in place.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::swar::{splat, within, HIGH};

/// A place where the normalised text and the original differ in length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    norm_start: usize,
    norm_len: usize,
    orig_start: usize,
    orig_len: usize,
}

/// The normalised text and its offset map.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    changes: Vec<Change>,
    /// Positions in the normalised text where the original has a capital letter right after
    /// a lower-case one ("jetztKim"), in order.
    glued: Vec<usize>,
}

/// How the fast path treats an ASCII byte.
const PLAIN: u8 = 0;
const UPPER: u8 = 1;
const SEPARATOR: u8 = 2;

/// The kind of every byte, and what an ASCII byte becomes (`FOLD`): capitals their small
/// letter, separators a space, the backtick an apostrophe; every one keeps its length.
static BYTE_KIND: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => UPPER,
            b'-' | b'\t'..=b'\r' | b' ' => SEPARATOR,
            _ => PLAIN,
        };
        b += 1;
    }
    t
};

static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'A'..=b'Z' => c | 0x20,
            b'-' | b'\t'..=b'\r' | b' ' => b' ',
            b'`' => b'\'',
            c => c,
        };
        b += 1;
    }
    t
};

/// The end of the run of ASCII bytes at `p`, eight bytes at a time.
fn ascii_end(bytes: &[u8], mut p: usize) -> usize {
    while let Some(chunk) = bytes.get(p..p + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        if v & HIGH != 0 {
            return p + ((v & HIGH).trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    p + bytes[p..]
        .iter()
        .position(|&b| b >= 0x80)
        .unwrap_or(bytes.len() - p)
}

/// Eight ASCII bytes classified at once: the high bit of a lane is set where its byte is a
/// capital (`upper`), a small letter (`lower`), a separator (`sep`) or the backtick. Every
/// byte is below 0x80, so adding to a lane never carries into the next.
struct Lanes {
    upper: u64,
    lower: u64,
    sep: u64,
    backtick: u64,
}

impl Lanes {
    #[inline(always)]
    fn of(v: u64) -> Lanes {
        Lanes {
            upper: within(v, b'A', b'Z'),
            lower: within(v, b'a', b'z'),
            sep: within(v, b'\t', b'\r') | within(v, b' ', b' ') | within(v, b'-', b'-'),
            backtick: within(v, b'`', b'`'),
        }
    }

    /// The eight bytes as `FOLD` makes them.
    #[inline(always)]
    fn folded(&self, v: u64) -> u64 {
        // A lane's high bit times 0xFF/0x80 fills the lane.
        let fill = |m: u64| (m >> 7) * 0xFF;
        let lowered = v | (self.upper >> 2);
        let (sep, tick) = (fill(self.sep), fill(self.backtick));
        (lowered & !(sep | tick)) | (sep & splat(b' ')) | (tick & splat(b'\''))
    }
}

/// True if the character that ends `head` is a lower-case letter.
fn ends_lower(head: &str) -> bool {
    match head.as_bytes().last() {
        Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
        Some(_) => head.chars().next_back().is_some_and(char::is_lowercase),
        None => false,
    }
}

/// What a character becomes.
enum Fold {
    Space,
    Drop,
    Char(char),
    Lower(char),
    Str(&'static str),
}

fn fold_char(c: char) -> Fold {
    match c {
        // hyphens, dashes, minus and every kind of whitespace
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Fold::Space
        }
        c if c.is_whitespace() => Fold::Space,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{00B4}' | '`' => Fold::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2039}' | '\u{203A}' | '\u{2033}' => Fold::Char('"'),
        'ß' | 'ẞ' => Fold::Str("ss"),
        c => Fold::Lower(c),
    }
}

/// A combining mark, or a character whose canonical decomposition begins with one (U+0F73
/// is U+0F71 U+0F72): it belongs to the cluster of the character before it, so that the
/// cluster is composed, and its marks ordered, as a whole.
fn is_mark_like(c: char) -> bool {
    use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
    if canonical_combining_class(c) != 0 {
        return true;
    }
    let mut first = None;
    decompose_canonical(c, |d| {
        first.get_or_insert(d);
    });
    first.is_some_and(|d| d != c && canonical_combining_class(d) != 0)
}

/// True for the characters that normalisation turns into a space (hyphens, dashes, whitespace).
pub fn is_separator(c: char) -> bool {
    matches!(fold_char(c), Fold::Space)
}

/// True for the hyphen characters that join the parts of a compound word ("US-Präsident").
pub fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

impl Normalized {
    /// Normalises `original`.
    pub fn new(original: &str) -> Normalized {
        // ASCII bytes fold through a table without a branch that depends on the byte (a
        // space or a capital costs what a letter does); other characters are taken one at a
        // time (as long as the text is composed).
        let bytes = original.as_bytes();
        let mut builder = Builder::with_capacity(original.len());
        let mut i = 0;
        while i < bytes.len() {
            i = builder.push_ascii_run(bytes, i, ends_lower(&original[..i]));
            if i == bytes.len() {
                break;
            }
            let c = original[i..].chars().next().unwrap_or_default();
            let len = c.len_utf8();
            // Latin-1 (the umlauts, ß, accented letters, no-break space, «»): composed,
            // no marks among them, and lower-cased by offset, without the tables.
            if u32::from(c) < 0x100 {
                // A letter other than ß folds to the small letter, two bytes for two, and
                // nothing is recorded.
                if matches!(c, 'À'..='Þ' | 'à'..='ÿ') && !matches!(c, '×' | '÷' | 'ß') {
                    if c <= 'Þ' && ends_lower(&original[..i]) {
                        builder.glued.push(builder.text.len());
                    }
                    builder.push_char(char::from_u32(u32::from(c) | 0x20).unwrap_or(c));
                    builder.last_space = false;
                    i += len;
                    continue;
                }
                let fold = match fold_char(c) {
                    Fold::Lower(c) => Fold::Char(c),
                    fold => fold,
                };
                builder.push(i, len, fold);
                i += len;
                continue;
            }
            // A combining mark, or a character composition may change, needs the
            // text composed first (rare in news: start over on the slow path).
            if unicode_normalization::char::canonical_combining_class(c) != 0
                || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
            {
                return Self::decomposed(original);
            }
            if c.is_uppercase() && ends_lower(&original[..i]) {
                builder.glued.push(builder.text.len());
            }
            builder.push(i, len, fold_char(c));
            i += len;
        }
        builder.finish()
    }

    /// Normalises a text that is not in composed form: one cluster (a starter and the marks
    /// after it) at a time, so that every piece of output maps to a known range of the
    /// original.
    fn decomposed(original: &str) -> Normalized {
        let mut builder = Builder::with_capacity(original.len());
        let mut cluster_start = 0;
        let mut chars = original.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next_is_mark = chars.peek().is_some_and(|&(_, n)| is_mark_like(n));
            if next_is_mark {
                continue;
            }
            let end = i + c.len_utf8();
            let cluster = &original[cluster_start..end];
            if cluster.chars().count() == 1 {
                builder.push(cluster_start, end - cluster_start, fold_char(c));
            } else {
                builder.push_composed(cluster_start, end - cluster_start, cluster);
            }
            cluster_start = end;
        }
        let mut normalized = builder.finish();
        let mut prev_lower = false;
        for (i, c) in original.char_indices() {
            if prev_lower && c.is_uppercase() {
                if let Some(at) = normalized.normalized_start(i) {
                    normalized.glued.push(at);
                }
            }
            prev_lower = c.is_lowercase();
        }
        normalized
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Positions in the normalised text where the original has a capital letter right after
    /// a lower-case one, inside a word ("jetztKim"), in order.
    pub fn glued_starts(&self) -> &[usize] {
        &self.glued
    }

    /// Maps a start offset in the normalised text to the original: a position inside a
    /// character that normalisation expanded maps to that character's start.
    pub fn original_start(&self, pos: usize) -> usize {
        self.map(pos, false)
    }

    /// Maps an end offset in the normalised text to the original: a position inside an
    /// expanded character maps to that character's end.
    pub fn original_end(&self, pos: usize) -> usize {
        self.map(pos, true)
    }

    /// Maps a character start in the original to the normalised text; `None` where the
    /// character is inside a stretch that normalisation changed in length (it has no place
    /// of its own there).
    pub fn normalized_start(&self, orig: usize) -> Option<usize> {
        let n = self.changes.partition_point(|c| c.orig_start <= orig);
        if n == 0 {
            return Some(orig);
        }
        let c = self.changes[n - 1];
        if orig == c.orig_start {
            Some(c.norm_start)
        } else if orig < c.orig_start + c.orig_len {
            None
        } else {
            Some(c.norm_start + c.norm_len + (orig - c.orig_start - c.orig_len))
        }
    }

    fn map(&self, pos: usize, is_end: bool) -> usize {
        let n = self.changes.partition_point(|c| c.norm_start <= pos);
        if n == 0 {
            return pos;
        }
        let c = self.changes[n - 1];
        if pos < c.norm_start + c.norm_len {
            if is_end && pos > c.norm_start {
                c.orig_start + c.orig_len
            } else {
                c.orig_start
            }
        } else {
            c.orig_start + c.orig_len + (pos - c.norm_start - c.norm_len)
        }
    }
}

struct Builder {
    /// The normalised text so far, as bytes (an ASCII byte is pushed without being encoded
    /// as a char); only whole UTF-8 sequences are ever pushed.
    text: Vec<u8>,
    changes: Vec<Change>,
    glued: Vec<usize>,
    last_space: bool,
}

impl Builder {
    fn with_capacity(n: usize) -> Builder {
        Builder {
            text: Vec::with_capacity(n),
            changes: Vec::new(),
            glued: Vec::new(),
            last_space: false,
        }
    }

    /// Folds the run of ASCII bytes at `i` (up to the next non-ASCII byte or the end) and
    /// gives where it ends; `prev_lower` says whether the character before `i` is a small
    /// letter. Eight bytes at a time: capitals, separators and the backtick are found and
    /// folded with word arithmetic, and only a word with something to record (a second
    /// separator in a row, a capital right after a small letter) goes byte by byte.
    fn push_ascii_run(&mut self, bytes: &[u8], i: usize, mut prev_lower: bool) -> usize {
        let end = ascii_end(bytes, i);
        let mut p = i;
        // `end` is at most `bytes.len()`.
        while p + 8 <= end {
            let v = u64::from_le_bytes(bytes[p..p + 8].try_into().unwrap_or_default());
            prev_lower = self.push_ascii_word(bytes, p, v, 8, prev_lower);
            p += 8;
        }
        // The last one to seven bytes as one word too, the lanes after them zero (NUL, a
        // plain byte that changes nothing).
        if p < end {
            let n = end - p;
            let v = match bytes.get(p..p + 8) {
                Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or_default()),
                None => {
                    let mut padded = [0u8; 8];
                    padded[..n].copy_from_slice(&bytes[p..end]);
                    u64::from_le_bytes(padded)
                }
            };
            self.push_ascii_word(bytes, p, v & (u64::MAX >> (64 - 8 * n)), n, prev_lower);
        }
        end
    }

    /// Folds the `n` ASCII bytes at `p`, which are the low lanes of `v` (the others zero);
    /// gives whether the last is a small letter.
    #[inline(always)]
    fn push_ascii_word(
        &mut self,
        bytes: &[u8],
        p: usize,
        v: u64,
        n: usize,
        prev_lower: bool,
    ) -> bool {
        let lanes = Lanes::of(v);
        let before_sep = (lanes.sep << 8) | (u64::from(self.last_space) << 7);
        let before_lower = (lanes.lower << 8) | (u64::from(prev_lower) << 7);
        if (lanes.sep & before_sep) | (lanes.upper & before_lower) != 0 {
            return self.push_ascii_bytes(bytes, p, p + n, prev_lower);
        }
        self.text
            .extend_from_slice(&lanes.folded(v).to_le_bytes()[..n]);
        let last = 8 * n - 1;
        self.last_space = lanes.sep >> last & 1 != 0;
        lanes.lower >> last & 1 != 0
    }

    /// Folds the ASCII bytes `from..to` one at a time; gives whether the last is a small
    /// letter.
    fn push_ascii_bytes(
        &mut self,
        bytes: &[u8],
        from: usize,
        to: usize,
        mut prev_lower: bool,
    ) -> bool {
        for (k, &b) in bytes[from..to].iter().enumerate() {
            let kind = BYTE_KIND[usize::from(b)];
            let space = kind == SEPARATOR;
            if space & self.last_space {
                // A run of separators is one space.
                self.changes.push(Change {
                    norm_start: self.text.len(),
                    norm_len: 0,
                    orig_start: from + k,
                    orig_len: 1,
                });
            } else {
                if (kind == UPPER) & prev_lower {
                    self.glued.push(self.text.len());
                }
                self.text.push(FOLD[usize::from(b)]);
                self.last_space = space;
                prev_lower = b.is_ascii_lowercase();
            }
        }
        prev_lower
    }

    fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.text
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Records the output since `norm_start` as standing for `orig_len` bytes of the original
    /// when they differ in length or the output is more than one character ("ß" → "ss" keeps
    /// the length, but the middle of "ss" is inside "ß").
    fn record(&mut self, norm_start: usize, orig_start: usize, orig_len: usize) {
        let out = &self.text[norm_start..];
        let norm_len = out.len();
        let chars = out.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        if norm_len != orig_len || chars > 1 {
            self.changes.push(Change {
                norm_start,
                norm_len,
                orig_start,
                orig_len,
            });
        }
    }

    fn push(&mut self, orig_start: usize, orig_len: usize, fold: Fold) {
        let norm_start = self.text.len();
        match fold {
            Fold::Space => {
                if !self.last_space {
                    self.text.push(b' ');
                }
                self.last_space = true;
                self.record(norm_start, orig_start, orig_len);
                return;
            }
            Fold::Drop => {
                // Nothing is written, so a space before it still counts as the last output.
                self.record(norm_start, orig_start, orig_len);
                return;
            }
            Fold::Char(c) => self.push_char(c),
            Fold::Str(s) => self.text.extend_from_slice(s.as_bytes()),
            Fold::Lower(c) => {
                if c.is_ascii() {
                    self.push_char(c.to_ascii_lowercase());
                } else {
                    c.to_lowercase().for_each(|l| self.push_char(l));
                }
            }
        }
        self.last_space = false;
        self.record(norm_start, orig_start, orig_len);
    }

    fn push_composed(&mut self, orig_start: usize, orig_len: usize, cluster: &str) {
        // Marks on a hyphen, a space or an invisible character mean nothing: the cluster
        // folds as its starter. Were the marks kept, a second pass would compose them with
        // the letter before ("u-\u{304}" would become "u\u{304}", then "ū").
        let starter = cluster.chars().next().map(fold_char);
        if let Some(fold @ (Fold::Space | Fold::Drop)) = starter {
            return self.push(orig_start, orig_len, fold);
        }
        let norm_start = self.text.len();
        let mut folded = String::with_capacity(cluster.len());
        for c in cluster.nfc() {
            match fold_char(c) {
                Fold::Space | Fold::Drop => {}
                Fold::Char(c) => folded.push(c),
                Fold::Str(s) => folded.push_str(s),
                Fold::Lower(c) => folded.extend(c.to_lowercase()),
            }
        }
        // Folding can leave a letter and a mark that compose ("ß\u{307}" becomes
        // "ss\u{307}", which is "sṡ"): composed now, so that normalising again changes nothing.
        let composed: String = folded.nfc().collect();
        // Composition can also begin with marks (U+0F73 is U+0F71 U+0F72): after a space they
        // would be marks on a space the next time, which mean nothing, so they go now.
        let composed = if self.text.last() == Some(&b' ') {
            composed.trim_start_matches(|c| {
                unicode_normalization::char::canonical_combining_class(c) != 0
            })
        } else {
            composed.as_str()
        };
        if composed.is_empty() {
            self.record(norm_start, orig_start, orig_len);
            return;
        }
        composed.chars().for_each(|c| self.push_char(c));
        self.last_space = false;
        self.record(norm_start, orig_start, orig_len);
    }

    fn finish(self) -> Normalized {
        // Whole UTF-8 sequences in, so valid UTF-8 out; checked all the same.
        let text = super::string_from_utf8(self.text)
            .unwrap_or_else(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        Normalized {
            text,
            changes: self.changes,
            glued: self.glued,
        }
    }
}

/// Normalises a gazetteer form the same way as text, for use as a pattern.
pub fn normalize_form(form: &str) -> String {
    let mut out = String::new();
    normalize_form_into(form, &mut out);
    out
}

/// A byte that form normalisation only lower-cases: an ASCII letter, digit, apostrophe or full
/// stop. A word of such bytes normalises to its ASCII lower case (the relation stage's word
/// lookup relies on this, `Vocab::lookup`).
#[inline(always)]
pub fn only_lower_cased(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b == b'.'
}

/// [`normalize_form`] into `out` (cleared first), so that a caller looking up word after word
/// allocates nothing once `out` has grown.
pub fn normalize_form_into(form: &str, out: &mut String) {
    out.clear();
    // Most words are ASCII letters: lower-casing is all normalisation does to them.
    if form.bytes().all(only_lower_cased) {
        out.push_str(form);
        out.make_ascii_lowercase();
        return;
    }
    // Most other words are German: Latin-1 letters, lower-cased by offset ("Präsident").
    if form
        .chars()
        .all(|c| u32::from(c) < 0x100 && super::is_alnum(c) || c == '\'' || c == '.')
    {
        for c in form.chars() {
            match c {
                'ß' => out.push_str("ss"),
                'À'..='Þ' if c != '×' => {
                    out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
                }
                c => out.push(c.to_ascii_lowercase()),
            }
        }
        return;
    }
    out.push_str(Normalized::new(form.trim()).text.trim());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast paths (eight ASCII bytes at a time, Latin-1 letters) give exactly what
        /// the one-character-at-a-time path gives: text, offset map and glued capitals.
        #[test]
        fn fast_paths_agree_with_the_slow_path(
            text in "[aZz09 \t\n\r\x0b\x0c`'.,:A-]{0,40}([äÄßÿÞ×÷\u{a0}é][aZ -]{0,20}){0,3}"
        ) {
            let fast = Normalized::new(&text);
            let slow = Normalized::decomposed(&text);
            prop_assert_eq!(fast.as_str(), slow.as_str());
            prop_assert_eq!(&fast.changes, &slow.changes);
            prop_assert_eq!(&fast.glued, &slow.glued);
        }
    }

    #[test]
    fn eight_byte_words_fold_as_bytes_do() {
        // Every ASCII byte in every lane of a word, the rest plain letters.
        for b in 0u8..0x80 {
            for lane in 0..8 {
                let mut word = *b"abcdefgh";
                word[lane] = b;
                let v = u64::from_le_bytes(word);
                let folded = Lanes::of(v).folded(v).to_le_bytes();
                let expect: Vec<u8> = word.iter().map(|&x| FOLD[usize::from(x)]).collect();
                assert_eq!(folded.to_vec(), expect, "byte {b:#x} in lane {lane}");
            }
        }
    }

    #[test]
    fn runs_of_one_to_seven_bytes_fold_as_the_slow_path_does() {
        // A short ASCII run (the last word of a run, or a whole run between umlauts) after a
        // small letter or a space, with every interesting byte in every lane, then a letter
        // or a separator outside ASCII, or the end of the text.
        for n in 1..8 {
            for b in [b'A', b'z', b' ', b'-', b'\n', b'`', b'.', 0] {
                for lane in 0..n {
                    let pairs = [
                        ("x", "ä"),
                        (" ", "Ä"),
                        ("", ""),
                        ("ü", "\u{a0}x"),
                        ("", "–"),
                    ];
                    for (before, after) in pairs {
                        let mut run = vec![b'Q'; n];
                        run[lane] = b;
                        let run = String::from_utf8(run).unwrap();
                        let text = format!("{before}{run}{after}");
                        let (fast, slow) = (Normalized::new(&text), Normalized::decomposed(&text));
                        assert_eq!(fast.as_str(), slow.as_str(), "{text:?}");
                        assert_eq!(fast.changes, slow.changes, "{text:?}");
                        assert_eq!(fast.glued, slow.glued, "{text:?}");
                    }
                }
            }
        }
    }

    fn check_roundtrip(original: &str, needle_norm: &str, expect_orig: &str) {
        let n = Normalized::new(original);
        let at = n.as_str().find(needle_norm).unwrap_or_else(|| {
            panic!("{needle_norm:?} not in {:?}", n.as_str());
        });
        let s = n.original_start(at);
        let e = n.original_end(at + needle_norm.len());
        assert_eq!(&original[s..e], expect_orig, "normalised {:?}", n.as_str());
    }

    #[test]
    fn folds_case_umlauts_and_sharp_s() {
        assert_eq!(
            Normalized::new("NORDKOREA Über Weißrussland").as_str(),
            "nordkorea über weissrussland"
        );
        check_roundtrip("Die Weißrussland-Frage", "weissrussland", "Weißrussland");
    }

    #[test]
    fn hyphens_spaces_and_dashes_collapse() {
        assert_eq!(Normalized::new("Kim Jong-Un").as_str(), "kim jong un");
        assert_eq!(
            Normalized::new("Kim  Jong\u{2011}un").as_str(),
            "kim jong un"
        );
        check_roundtrip("Putin \u{2013} USA", "usa", "USA");
        check_roundtrip(
            "x  Kim\u{00A0}\u{00A0}Jong-Un y",
            "kim jong un",
            "Kim\u{00A0}\u{00A0}Jong-Un",
        );
    }

    #[test]
    fn composes_decomposed_umlauts() {
        let decomposed = "Pjo\u{0308}ngjang liegt";
        let n = Normalized::new(decomposed);
        assert_eq!(n.as_str(), "pjöngjang liegt");
        check_roundtrip(decomposed, "pjöngjang", "Pjo\u{0308}ngjang");
        check_roundtrip(decomposed, "liegt", "liegt");
    }

    #[test]
    fn quotes_and_apostrophes() {
        assert_eq!(
            Normalized::new("Russia\u{2019}s \u{201E}Krieg\u{201C}").as_str(),
            "russia's \"krieg\""
        );
        check_roundtrip(
            "\u{201E}Russia\u{2019}s\u{201C} x",
            "russia's",
            "Russia\u{2019}s",
        );
    }

    #[test]
    fn positions_inside_an_expansion_map_to_the_whole_character() {
        let n = Normalized::new(" ßNordkorea");
        assert_eq!(n.as_str(), " ssnordkorea");
        assert_eq!((n.original_start(2), n.original_end(2)), (1, 3));
        check_roundtrip(" ßNordkorea", "nordkorea", "Nordkorea");
    }

    #[test]
    fn a_dropped_character_between_spaces_leaves_one_space() {
        assert_eq!(Normalized::new(" \u{ad}\n").as_str(), " ");
    }

    #[test]
    fn original_positions_map_to_normalised_ones() {
        let text = "A  ßKim\u{00AD}Jong";
        let n = Normalized::new(text);
        assert_eq!(n.as_str(), "a sskimjong");
        for (orig, norm) in [
            (0, Some(0)),
            (2, Some(2)),
            (3, Some(2)),
            (5, Some(4)),
            (10, Some(7)),
        ] {
            assert_eq!(n.normalized_start(orig), norm, "{orig}");
        }
        for (i, c) in text.char_indices() {
            if let Some(ns) = n.normalized_start(i) {
                if !c.is_whitespace() && c != '\u{00AD}' {
                    assert_eq!(n.original_start(ns), i, "{i}");
                }
            }
        }
        // A combining mark has no place of its own once composed.
        let n = Normalized::new("Pjo\u{0308}ngjang");
        assert_eq!(n.normalized_start(2), Some(2));
        assert_eq!(n.normalized_start(3), None);
        assert_eq!(n.normalized_start(5), Some(4));
    }

    #[test]
    fn capitals_after_lower_case_letters_are_noted() {
        for text in ["jetztKim Jong-Un", "öÄrger xY", "jetztKim Jo\u{0308}ng"] {
            let n = Normalized::new(text);
            let expected: Vec<usize> = text
                .char_indices()
                .zip(text.chars().skip(1))
                .filter(|&((_, a), b)| a.is_lowercase() && b.is_uppercase())
                .map(|((i, a), _)| n.normalized_start(i + a.len_utf8()).unwrap())
                .collect();
            assert_eq!(n.glued_starts(), expected, "{text}");
            assert!(!expected.is_empty());
        }
    }

    #[test]
    fn soft_hyphen_disappears() {
        check_roundtrip("Reyk\u{00AD}javík ist", "reykjavík", "Reyk\u{00AD}javík");
    }

    #[test]
    fn ascii_fast_path_maps_offsets() {
        let n = Normalized::new("A  -  B USA");
        assert_eq!(n.as_str(), "a b usa");
        check_roundtrip("A  -  B USA", "usa", "USA");
        check_roundtrip("A  -  B USA", "b", "B");
    }

    #[test]
    fn forms_normalise_like_text() {
        for f in [
            "Russland",
            "US-Präsident",
            "Kim  Jong-Un",
            "U.S.",
            "Russia’s",
            "don't",
            "Weißrussland",
            "",
            "Präsident",
            "ÄÖÜäöüß",
            "Ærø",
            "ÀÞßàþÿ",
            "µªº",
            "Élysée-Palast",
            "Nordkoreas'",
        ] {
            assert_eq!(
                normalize_form(f),
                Normalized::new(f.trim()).as_str().trim(),
                "{f:?}"
            );
        }
    }

    #[test]
    fn latin1_words_normalise_like_text() {
        let latin1: Vec<char> = (0u32..0x100).filter_map(char::from_u32).collect();
        for &a in &latin1 {
            for b in ['a', 'Z', 'ß', 'Ä', a] {
                let f: String = [b, a, 'x'].iter().collect();
                assert_eq!(
                    normalize_form(&f),
                    Normalized::new(f.trim()).as_str().trim(),
                    "{f:?}"
                );
            }
        }
    }

    #[test]
    fn idempotent() {
        for s in [
            "Kim Jong–Un’s „Plan“",
            "STRAẞE",
            "e\u{0301}tat  \u{00AD}x",
            // marks on a hyphen, a soft hyphen, a space; a fold that leaves a composable pair
            // (found by the fuzzer)
            "Pu-\u{304}x",
            "a\u{AD}\u{304}b",
            "a\t\u{304}b",
            "ß\u{307}",
        ] {
            let once = Normalized::new(s);
            assert_eq!(Normalized::new(once.as_str()).as_str(), once.as_str());
        }
    }
}
