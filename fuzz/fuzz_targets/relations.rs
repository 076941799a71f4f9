//! The whole analysis of a document (mentions, sentences, relations, the JSON records): no
//! panic, and every offset of a relation lies on char boundaries inside its sentence.
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::relations(data));
