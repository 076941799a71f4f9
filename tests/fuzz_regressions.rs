//! The fuzz targets' checks (`tests/fuzz_checks/`) on inputs that once broke geokg or sit at
//! its edges, and on every file under `tests/data/fuzz-regressions/TARGET/` (inputs the
//! fuzzers found), so that they run on stable with `cargo test`.

mod fuzz_checks;

use std::path::Path;

type Check = fn(&[u8]);

const CHECKS: [(&str, Check); 5] = [
    ("normalize_match", fuzz_checks::normalize_match),
    ("sentences", fuzz_checks::sentences),
    ("relations", fuzz_checks::relations),
    ("jsonl", fuzz_checks::jsonl),
    ("graph_json", fuzz_checks::graph_json),
];

/// Inputs at the edges: empty, lone combining marks and zero-width characters, expanding
/// case folds, invalid UTF-8, CRLF, right-to-left text, punctuation without words.
const EDGES: &[&[u8]] = &[
    b"",
    b"\n",
    "\u{301}\u{301}Iran\u{301}".as_bytes(),
    "\u{200B}\u{FEFF}-\u{AD}USA\u{2011}Präsident".as_bytes(),
    "İSTANBUL ẞ Weißrussland ﬁ Kim\u{0308} Jong-Un".as_bytes(),
    b"Russland \xff\xfe und \xc3 Nordkorea.",
    b"Putin traf Kim.\r\nDie USA\r\n\r\nkritisierten Nordkorea",
    "إيران وروسيا Iran und Russland ‏".as_bytes(),
    b"... !!! ??? \xe2\x80\xa6 . . .",
    b"{\"text\":\"Russland\"}\n{\"id\":\"a\",\"text\":5}\n{",
    b"{\"graph\":{\"format\":\"geokg-graph\",\"version\":1},\"nodes\":[],\"links\":[]}",
];

#[test]
fn edge_inputs_pass_every_check() {
    for (_, check) in CHECKS {
        for input in EDGES {
            check(input);
            // With a leading byte, as the relations target reads its mode from it.
            for mode in [0u8, 1, 2, 5, 6] {
                let mut with_mode = vec![mode];
                with_mode.extend_from_slice(input);
                check(&with_mode);
            }
        }
    }
}

#[test]
fn inputs_the_fuzzers_found_pass_their_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    for (name, check) in CHECKS {
        let Ok(dir) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let input = std::fs::read(&path).unwrap();
            eprintln!("{name}: {}", path.display());
            check(&input);
        }
    }
}
