//! A 50 MB document on one line, with and without sentence punctuation, through `extract` and
//! `mentions`: no panic, time and memory linear in the input, offsets that slice back to the
//! text. (A sentence without punctuation once made negation lookup quadratic: a megabyte took
//! minutes.)
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::temp_dir;

const SIZE: usize = 50 << 20;

/// About `SIZE` bytes on one line: a sentence naming actors among sentences that name none.
fn document(punctuated: bool) -> String {
    let mut unit = String::from(
        "Die Verhandlungen über das Abkommen dauerten bis spät in die Nacht und wurden am Morgen fortgesetzt. \
         Beobachter sprachen von einem schwierigen Treffen mit ungewissem Ausgang. \
         Kremlchef Putin traf Kim Jong Un in Pjöngjang, und die USA kritisierten Nordkorea scharf. ",
    );
    if !punctuated {
        unit.retain(|c| !matches!(c, '.' | ','));
    }
    unit.repeat(SIZE / unit.len() + 1)
}

/// The peak resident memory of the largest child process waited for so far, in MiB.
fn children_peak_rss_mib() -> i64 {
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss / 1024
}

fn run(args: &[&str], input: &Path, out: &Path) -> Duration {
    let started = Instant::now();
    let result = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(args)
        .args(["--quiet", "-o"])
        .arg(out)
        .arg(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    started.elapsed()
}

/// Every span of `record` (`start`/`end` with its `text`) slices back to that text.
fn check_span(text: &str, record: &serde_json::Value) {
    let (start, end) = (
        record["start"].as_u64().unwrap() as usize,
        record["end"].as_u64().unwrap() as usize,
    );
    let slice = text.get(start..end).expect("offsets on char boundaries");
    if let Some(t) = record["text"].as_str() {
        assert_eq!(slice, t, "{start}..{end}");
    }
}

#[test]
fn a_50_mb_document_on_one_line() {
    let dir = temp_dir("large");
    for punctuated in [true, false] {
        let text = document(punctuated);
        assert!(text.len() >= SIZE && !text.contains('\n'));
        let input = dir.join("large.txt");
        std::fs::write(&input, &text).unwrap();
        let mentions = dir.join("mentions.jsonl");
        let relations = dir.join("relations.jsonl");
        let took = run(&["mentions"], &input, &mentions);
        assert!(took < Duration::from_secs(300), "mentions took {took:?}");
        let took = run(&["extract"], &input, &relations);
        assert!(took < Duration::from_secs(300), "extract took {took:?}");

        let mentions = std::fs::read_to_string(&mentions).unwrap();
        let mut count = 0;
        let mut last = None;
        for line in mentions.lines() {
            let m: serde_json::Value = serde_json::from_str(line).unwrap();
            check_span(&text, &m);
            count += 1;
            last = Some(m);
        }
        // Three actors per unit, the last of them near the end of the document.
        assert!(count > 3 * SIZE / 300, "{count} mentions");
        let last_end = last.unwrap()["end"].as_u64().unwrap() as usize;
        assert!(last_end > text.len() - 300, "{last_end}");

        let relations = std::fs::read_to_string(&relations).unwrap();
        let mut count = 0;
        for line in relations.lines() {
            let r: serde_json::Value = serde_json::from_str(line).unwrap();
            check_span(&text, &r["source"]);
            check_span(&text, &r["target"]);
            check_span(&text, &r["cue"]);
            count += 1;
        }
        assert!(count > 0, "no relations");
    }
    // Linear memory: a few bytes of bookkeeping per byte of text, not a blow-up.
    let peak = children_peak_rss_mib();
    assert!(peak < 3 * 1024, "peak memory {peak} MiB");
    std::fs::remove_dir_all(&dir).ok();
}
