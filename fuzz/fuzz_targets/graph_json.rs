//! Any bytes as a graph file for `export`, `path` and `neighbors`: a graph or a clear error,
//! never a panic; a graph that loads writes out in every text format and reads back.
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::graph_json(data));
