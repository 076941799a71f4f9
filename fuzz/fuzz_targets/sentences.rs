//! Sentence splitting on any text: the sentences tile the text, each non-empty and on char
//! boundaries.
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::sentences(data));
