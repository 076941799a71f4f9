//! Any bytes as a JSONL input: documents or an error that names the file and line, never a
//! panic.
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::jsonl(data));
