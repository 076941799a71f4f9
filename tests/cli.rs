//! The real binary on small inputs: outputs, exit codes and error messages.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{geokg, temp_dir};

#[test]
fn mentions_on_the_seeds_writes_jsonl_in_document_and_offset_order() {
    let out = geokg(&["mentions", "seeds"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut last: Option<(String, u64)> = None;
    let mut lines = 0;
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in ["doc", "start", "end", "text", "actor", "via", "date"] {
            assert!(v.get(key).is_some(), "missing {key} in {line}");
        }
        let key = (
            v["doc"].as_str().unwrap().to_string(),
            v["start"].as_u64().unwrap(),
        );
        if let Some(prev) = &last {
            assert!(prev <= &key, "out of order: {prev:?} then {key:?}");
        }
        last = Some(key);
        lines += 1;
    }
    assert!(lines > 350, "{lines} mentions");
    assert!(stdout.contains(r#""text":"Kremlchef","actor":{"id":"vladimir-putin","kind":"person","name":"Wladimir Putin","country":"RUS"},"via":"title","date":"2025-07-19""#), "{}", &stdout[..2000]);
}

#[test]
fn output_is_identical_across_runs_and_written_atomically() {
    let dir = temp_dir("atomic");
    let a = dir.join("a.jsonl");
    let b = dir.join("b.jsonl");
    assert!(geokg(&["mentions", "seeds", "-o", a.to_str().unwrap()])
        .status
        .success());
    assert!(geokg(&["mentions", "seeds", "-o", b.to_str().unwrap()])
        .status
        .success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // A failing run leaves the existing output untouched.
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": \"x\", \"text\": \"Russland\"}\n{broken\n").unwrap();
    let out = geokg(&["mentions", bad.to_str().unwrap(), "-o", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:2: not a JSON object"), "{err}");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn jsonl_and_stdin_inputs() {
    let dir = temp_dir("jsonl");
    let f = dir.join("docs.jsonl");
    std::fs::write(&f, "{\"id\": \"a\", \"text\": \"Der US-Präsident traf Kim.\", \"date\": \"2024-12-15\"}\n\n{\"id\": 2, \"text\": \"The US president met Kim Jong Un.\", \"date\": \"2025-08-27\", \"lang\": \"en\"}\n").unwrap();
    let out = geokg(&["mentions", f.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(
            r#""doc":"a","start":4,"end":17,"text":"US-Präsident","actor":{"id":"joe-biden""#
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            r#""doc":"2","start":4,"end":16,"text":"US president","actor":{"id":"donald-trump""#
        ),
        "{stdout}"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["mentions", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Nordkorea liefert Waffen an Russland.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(r#""doc":"stdin","start":0,"end":9,"text":"Nordkorea""#),
        "{stdout}"
    );
}

#[test]
fn usage_and_input_errors_have_their_exit_codes() {
    let out = geokg(&["mentions"]);
    assert_eq!(out.status.code(), Some(2));
    let out = geokg(&["mentions", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));
    let out = geokg(&["--gazetteer", "no/such/dir", "mentions", "seeds"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
}

#[test]
fn gazetteer_check_passes_on_the_default_and_reports_broken_files() {
    let out = geokg(&["gazetteer", "check"]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = geokg(&["gazetteer", "check", "gazetteer"]);
    assert!(out.status.success());

    let dir = temp_dir("gaz");
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("gazetteer");
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).unwrap();
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    let people = dir.join("people/broken.toml");
    std::fs::write(
        &people,
        "[meta]\nsources = [\"test\"]\nlicence = \"CC0-1.0\"\n\n[[person]]\nid = \"donald-trump\"\nname = { de = \"X\", en = \"X\" }\nroles = [{ office = [\"president\"], country = \"XYZ\", from = \"2025-02-30\" }]\n",
    )
    .unwrap();
    let out = geokg(&["gazetteer", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("duplicate id \"donald-trump\" (first defined at")
            && stdout.contains("people/broken.toml:6)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("people/broken.toml:8: unknown country code \"XYZ\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("people/broken.toml:8: malformed date \"2025-02-30\""),
        "{stdout}"
    );
    // A run with the broken gazetteer is refused before any output is written.
    let target = dir.join("out.jsonl");
    let out = geokg(&[
        "--gazetteer",
        dir.to_str().unwrap(),
        "mentions",
        "seeds",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());
}

#[test]
fn lookup_explains_a_title_by_date() {
    let out = geokg(&[
        "gazetteer",
        "lookup",
        "US-Präsident",
        "--date",
        "2024-12-15",
    ]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("joe-biden"), "{s}");
    let out = geokg(&[
        "gazetteer",
        "lookup",
        "US-Präsident",
        "--date",
        "2025-08-27",
    ]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("donald-trump"), "{s}");
    let out = geokg(&["gazetteer", "lookup", "Kim"]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("short name of kim-jong-un") && s.contains("unresolved"),
        "{s}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn gzip_inputs_and_any_thread_count_give_the_same_output() {
    use std::io::Write;
    let dir = temp_dir("gz");
    let plain = std::fs::read("seeds/002_460931e2b3a7d90a.txt").unwrap();
    let gz = dir.join("002_460931e2b3a7d90a.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(&plain).unwrap();
    enc.finish().unwrap();
    let a = geokg(&["extract", "seeds/002_460931e2b3a7d90a.txt"]);
    let b = geokg(&["extract", gz.to_str().unwrap()]);
    assert!(
        a.status.success() && b.status.success(),
        "{}",
        String::from_utf8_lossy(&b.stderr)
    );
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout, "a .txt.gz reads as its .txt");
    let one = geokg(&["--threads", "1", "extract", "seeds"]);
    let two = geokg(&["--threads", "2", "extract", "seeds"]);
    assert_eq!(
        one.stdout, two.stdout,
        "output differs between thread counts"
    );
}
