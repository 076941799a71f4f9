//! Text before any actor is found: normalisation for matching and language detection.
//! (Sentence splitting joins here with the relation stage.)

pub mod lang;
pub mod normalize;
pub mod sentences;
pub mod swar;
pub mod words;

pub use lang::Lang;
pub use normalize::Normalized;

/// `c.is_alphanumeric()`, with Latin-1 answered from a table: German text has a letter
/// outside ASCII every few dozen bytes, and the standard library looks each up in its Unicode
/// tables.
#[inline(always)]
pub fn is_alnum(c: char) -> bool {
    match u8::try_from(c) {
        Ok(b) => LATIN1_ALNUM[usize::from(b)],
        Err(_) => c.is_alphanumeric(),
    }
}

/// Letters and digits (Unicode's Alphabetic and Numeric) among the first 256 code points.
static LATIN1_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8,
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z'
            // ª ² ³ µ ¹ º ¼ ½ ¾
            | 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE
            // À-Ö, Ø-ö, ø-ÿ: all but × and ÷
            | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF);
        b += 1;
    }
    t
};

/// `bytes` as a `String` if they are valid UTF-8, else the bytes back. Validated with SIMD
/// (simdutf8): every line read and every normalised text passes here, and German text has a
/// non-ASCII letter every few dozen bytes, which ends the standard library's ASCII fast path.
pub fn string_from_utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: simdutf8 has just validated every byte as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// ASCII letters and digits, by byte.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits at byte `p`, eight bytes at a time: a lane
/// stops the run when it is a byte of a non-ASCII character or is outside `0-9`, `A-Z`, `a-z`
/// (ranges tested on the low seven bits, so no lane carries into the next).
#[inline(always)]
pub fn ascii_alnum_end(bytes: &[u8], mut p: usize) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    while p + 8 <= bytes.len() {
        let v = u64::from_le_bytes(bytes[p..p + 8].try_into().unwrap_or_default());
        let x = v & LOW7;
        let letter = swar::within(x | swar::splat(0x20), b'a', b'z');
        let digit = swar::within(x, b'0', b'9');
        let stop = (!(letter | digit) | v) & swar::HIGH;
        if stop != 0 {
            return p + (stop.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    p + bytes[p..]
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len() - p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_end_where_the_table_says() {
        let text =
            "abz09AZ@[`{/:-é x1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\x7f";
        let bytes = text.as_bytes();
        for p in 0..bytes.len() {
            let expected = p + bytes[p..]
                .iter()
                .position(|&b| !ASCII_ALNUM[usize::from(b)])
                .unwrap_or(bytes.len() - p);
            assert_eq!(ascii_alnum_end(bytes, p), expected, "at {p}");
        }
        for b in 0..=255u8 {
            let chunk = [b'a', b'a', b'a', b, b'a', b'a', b'a', b'a', b'a'];
            let expected = if b.is_ascii_alphanumeric() { 9 } else { 3 };
            assert_eq!(ascii_alnum_end(&chunk, 0), expected, "byte {b:#x}");
        }
    }

    #[test]
    fn latin1_table_agrees_with_the_standard_library() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(
                is_alnum(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn only_valid_utf8_becomes_a_string() {
        assert_eq!(string_from_utf8("Präsident".into()).unwrap(), "Präsident");
        let bad = vec![b'a', 0xC3, b'b'];
        assert_eq!(string_from_utf8(bad.clone()), Err(bad));
    }
}
