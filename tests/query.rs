//! `geokg path` and `geokg neighbors` on the seeds' graph.

mod common;

use common::{build_seeds, geokg, temp_dir, TempDir};

/// The seeds' graph as JSON: its directory (removed when dropped) and its path.
fn seeds_graph(name: &str) -> (TempDir, String) {
    let dir = temp_dir(&format!("query-{name}"));
    build_seeds(&dir, &["--format", "json"]);
    let path = dir.join("graph.json").to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn path_between_kim_and_trump_names_its_evidence() {
    let (_dir, g) = seeds_graph("kim-trump");
    let out = geokg(&["path", &g, "Kim Jong Un", "Donald Trump"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("path 1: Kim Jong-un") && first.contains("Donald Trump"),
        "{text}"
    );
    // Every hop is followed by an evidence line naming its document.
    let hops = text
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    let evidence = text
        .lines()
        .filter(|l| l.trim_start().starts_with("[0"))
        .count();
    assert!(hops > 0 && evidence == hops, "{text}");
    assert!(
        text.contains("getroffen"),
        "the direct meeting of Trump and Kim is the first evidence: {text}"
    );

    let out = geokg(&["path", &g, "Kim Jong Un", "Donald Trump", "--json"]);
    let paths: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        paths[0]["hops"][0]["evidence"][1]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "{paths}"
    );
}

#[test]
fn names_resolve_in_either_language_and_ambiguity_lists_candidates() {
    let (_dir, g) = seeds_graph("names");
    for name in ["Pjöngjang", "North Korea", "Nordkorea", "DVRK"] {
        let out = geokg(&["neighbors", &g, name]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with("PRK "),
            "{name}"
        );
    }
    let out = geokg(&["path", &g, "Kremlchef", "Pjöngjang"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ambiguous") && err.contains("vladimir-putin") && err.contains("--as-of"),
        "{err}"
    );
    let out = geokg(&[
        "path",
        &g,
        "Kremlchef",
        "Pjöngjang",
        "--as-of",
        "2025-06-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("path 1: Vladimir Putin"));
    let out = geokg(&["path", &g, "Atlantis", "Pjöngjang"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no name the gazetteer knows"));
}
