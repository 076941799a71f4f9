//! `geokg build` on the seeds: every format is written, byte-identical across runs, `export`
//! converts the saved graph without re-reading text, a damaged graph file is a clear error,
//! and (with the Python tools of `tests/run`) the GraphML validates against the GraphML XSD and
//! networkx reads the GraphML and the JSON with numbers as numbers.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build_seeds, geokg, temp_dir};

fn build(dir: &Path) {
    build_seeds(dir, &[]);
}

#[test]
fn build_writes_every_format_identically_twice() {
    let (a, b) = (temp_dir("a"), temp_dir("b"));
    build(&a);
    build(&b);
    for f in [
        "graph.json",
        "graph.graphml",
        "graph.gexf",
        "graph.dot",
        "nodes.csv",
        "edges.csv",
        "graph.svg",
    ] {
        let x = std::fs::read(a.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(!x.is_empty(), "{f} is empty");
        assert_eq!(
            x,
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
    let svg = std::fs::read_to_string(a.join("graph.svg")).unwrap();
    assert!(
        svg.starts_with("<?xml") && svg.contains("<svg") && svg.contains("legend"),
        "{}",
        &svg[..200.min(svg.len())]
    );
    let edges = std::fs::read_to_string(a.join("edges.csv")).unwrap();
    assert!(edges.starts_with(":START_ID,:END_ID,:TYPE,"), "{edges}");
    assert!(
        edges.contains("\nPRK,RUS,SUPPORTS,allies,supports,true,")
            || edges.contains("\nkim-jong-un,vladimir-putin,SUPPORTS,"),
        "{edges}"
    );
    let nodes = std::fs::read_to_string(a.join("nodes.csv")).unwrap();
    assert!(
        nodes.starts_with("id:ID,") && nodes.contains(":LABEL"),
        "{nodes}"
    );
}

#[test]
fn export_converts_a_saved_graph_and_refuses_a_damaged_one() {
    let dir = temp_dir("export");
    build(&dir);
    let json = dir.join("graph.json");
    let out = geokg(&["export", json.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        std::fs::read(&json).unwrap(),
        "json -> json is not lossless"
    );
    let out = geokg(&["export", json.to_str().unwrap(), "--format", "graphml"]);
    assert_eq!(
        out.stdout,
        std::fs::read(dir.join("graph.graphml")).unwrap(),
        "export differs from build"
    );

    let text = std::fs::read_to_string(&json).unwrap();
    let truncated = dir.join("truncated.json");
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let out = geokg(&["export", truncated.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a geokg graph"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let other = dir.join("v9.json");
    std::fs::write(&other, text.replacen("\"version\": 1", "\"version\": 9", 1)).unwrap();
    let out = geokg(&["export", other.to_str().unwrap(), "--format", "csv"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("version 9"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let edited = dir.join("edited.json");
    std::fs::write(
        &edited,
        text.replacen("\"source\": \"", "\"source\": \"XX", 1),
    )
    .unwrap();
    let out = geokg(&["export", edited.to_str().unwrap(), "--format", "csv"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not among the nodes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn graphml_and_gexf_validate_and_networkx_reads_graphml_and_json() {
    let python = std::env::var("GEOKG_PYTHON").unwrap_or_else(|_| "python3".into());
    let have = Command::new(&python)
        .args(["-c", "import networkx, lxml"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var("GEOKG_REQUIRE_PYTHON").is_err(),
            "GEOKG_REQUIRE_PYTHON is set but {python} lacks networkx/lxml"
        );
        eprintln!("skipped: run the tests with `bash tests/run` to check exports with networkx and the GraphML XSD");
        return;
    }
    let dir = temp_dir("python");
    build(&dir);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let xsd = root.join("../shared/schemas/graphml/graphml.xsd");
    assert!(
        xsd.exists(),
        "{} missing (CI keeps ../shared beside the clone)",
        xsd.display()
    );
    let out = Command::new(&python)
        .arg(root.join("tests/tools/check_exports.py"))
        .arg(dir.join("graph.graphml"))
        .arg(dir.join("graph.json"))
        .arg(&xsd)
        .arg(dir.join("graph.gexf"))
        .arg(root.join("../shared/schemas/gexf-1.3/gexf.xsd"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
