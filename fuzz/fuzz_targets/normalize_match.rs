//! Normalisation and actor matching on any text: the normalised copy maps back onto char
//! boundaries of the original, and every mention is a non-empty slice of the text, in order.
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::normalize_match(data));
