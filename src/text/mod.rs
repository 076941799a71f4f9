//! Text before any actor is found: normalisation for matching and language detection.
//! (Sentence splitting joins here with the relation stage.)

pub mod lang;
pub mod normalize;
pub mod sentences;
pub mod swar;

pub use lang::Lang;
pub use normalize::Normalized;
