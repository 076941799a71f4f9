//! Bad input gets a clear message, the run goes on where it can, and nothing blows up.

mod common;

use common::{geokg, temp_dir};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn empty_files_and_directories_are_no_error() {
    let dir = temp_dir("empty");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::create_dir_all(dir.join("nothing")).unwrap();
    let out = geokg(&["extract", dir.join("empty.txt").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = geokg(&["mentions", dir.join("nothing").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 mentions in 0 documents"));
}

#[test]
fn binary_files_in_a_directory_are_skipped_with_a_warning() {
    let dir = temp_dir("binary");
    std::fs::write(dir.join("a.txt"), "Nordkorea liefert Waffen an Russland.").unwrap();
    std::fs::write(dir.join("b.txt"), b"\x7fELF\x00\x00\x01binary").unwrap();
    std::fs::write(dir.join("c.png"), b"\x89PNG").unwrap();
    let out = geokg(&["mentions", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("b.txt: skipped (binary") && err.contains("c.png: skipped"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"doc\":\"a\""));
}

#[test]
fn invalid_utf8_is_replaced_and_counted() {
    let dir = temp_dir("utf8");
    let f = dir.join("bad.txt");
    std::fs::write(&f, b"Russland \xff\xfe und Nordkorea").unwrap();
    let out = geokg(&["mentions", f.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("invalid UTF-8, 2 byte sequence(s) replaced"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nordkorea"));
}

#[test]
fn bad_jsonl_lines_and_duplicate_ids_name_file_and_line_or_are_skipped() {
    let dir = temp_dir("jsonl");
    let f = dir.join("docs.jsonl");
    std::fs::write(&f, "{\"id\":\"a\",\"text\":\"Russland\"}\n{\"id\":\"b\",\"text\":5}\n{\"id\":\"a\",\"text\":\"Iran\"}\n{\"id\":\"c\",\"text\":\"China\",\"date\":\"2025-13-01\"}\n{\"id\":\"d\",\"text\":\"Japan\"}\n").unwrap();
    let out = geokg(&["mentions", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("docs.jsonl:2: \"text\" must be a string"),
        "{}",
        stderr(&out)
    );
    let out = geokg(&["--skip-bad", "mentions", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("docs.jsonl:3: duplicate document id \"a\" (first at ")
            && err.contains("docs.jsonl:1)"),
        "{err}"
    );
    assert!(
        err.contains("docs.jsonl:4: \"date\": malformed date"),
        "{err}"
    );
    assert!(
        err.contains("3 bad line(s) or duplicate document(s) skipped"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"doc\":\"d\"") && !stdout.contains("Iran"),
        "{stdout}"
    );
}

#[test]
fn crlf_and_right_to_left_text_keep_offsets_on_boundaries() {
    let dir = temp_dir("crlf");
    let f = dir.join("crlf.txt");
    let text =
        "Nordkorea\r\nliefert Waffen an Russland.\r\n\u{202B}שלום\u{202C} Iran\u{0301} und Israel.";
    std::fs::write(&f, text).unwrap();
    let out = geokg(&["mentions", f.to_str().unwrap()]);
    assert!(out.status.success());
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert_eq!(&text[s..e], v["text"].as_str().unwrap());
    }
}

#[test]
fn a_sentence_with_two_hundred_actors_is_capped_and_says_so() {
    let dir = temp_dir("many");
    let states = [
        "Frankreich",
        "Spanien",
        "Italien",
        "Polen",
        "Japan",
        "China",
        "Indien",
        "Brasilien",
        "Kanada",
        "Mexiko",
    ];
    let list: Vec<&str> = (0..200).map(|i| states[i % states.len()]).collect();
    let text = format!("Ein Treffen zwischen {} und Russland.", list.join(", "));
    let f = dir.join("many.txt");
    std::fs::write(&f, text).unwrap();
    let out = geokg(&["extract", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("named too many actors together"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_read_once() {
    let dir = temp_dir("loop");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/a.txt"), "Russland").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/back")).unwrap();
    let out = geokg(&["mentions", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("already read"), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
