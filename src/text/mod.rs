//! Text before any actor is found: normalisation for matching and language detection.
//! (Sentence splitting joins here with the relation stage.)

pub mod lang;
pub mod normalize;
pub mod sentences;
pub mod swar;

pub use lang::Lang;
pub use normalize::Normalized;

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
