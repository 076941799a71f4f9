//! Snapshots of every format `geokg build` writes for the seeds (built-in SVG engine, so the
//! map is the same on every machine). A change to extraction or an exporter shows here as a
//! diff; when it is intended, regenerate with
//! `GEOKG_UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots` and review the diff.

mod common;

use std::path::Path;

use common::{build_seeds, temp_dir};

const FILES: [&str; 7] = [
    "graph.json",
    "graph.graphml",
    "graph.gexf",
    "graph.dot",
    "graph.svg",
    "nodes.csv",
    "edges.csv",
];

#[test]
fn every_format_of_the_seeds_graph_matches_its_snapshot() {
    let dir = temp_dir("snapshots");
    build_seeds(&dir, &[]);
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/seeds");
    let update = std::env::var("GEOKG_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let mut differ = Vec::new();
    for f in FILES {
        let got = std::fs::read_to_string(dir.join(f)).unwrap();
        let path = snapshots.join(f);
        if update {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (create it with GEOKG_UPDATE_SNAPSHOTS=1)",
                path.display()
            )
        });
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            differ.push(format!(
                "{f}: first difference at line {}\n  got:  {}\n  want: {}",
                line + 1,
                got.lines().nth(line).unwrap_or(""),
                want.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "snapshots differ (regenerate with GEOKG_UPDATE_SNAPSHOTS=1 if intended):\n{}",
        differ.join("\n")
    );
}
