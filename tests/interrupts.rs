//! Nothing lost when a run is cut short: Ctrl-C, SIGTERM, a full disk, a reader that stops
//! early. The existing output stays as it was, and no temporary file is left behind.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::temp_dir;

/// A news text of about `mb` megabytes, enough for a run of several seconds.
fn large_input(dir: &Path, mb: usize) -> std::path::PathBuf {
    let sentence = "Kremlchef Putin traf Kim Jong Un in Pjöngjang, und die USA kritisierten Nordkorea scharf. ";
    let path = dir.join("large.txt");
    std::fs::write(&path, sentence.repeat(mb * 1_000_000 / sentence.len())).unwrap();
    path
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Starts `extract` on a large input with `-o` an existing file, waits until its temporary
/// file exists (the run is under way), sends `signal`, and checks what is left.
fn interrupt(signal: libc::c_int, expected_code: i32) {
    let dir = temp_dir(&format!("signal-{signal}"));
    let input = large_input(&dir, 20);
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("relations.jsonl");
    std::fs::write(&out, "the old output\n").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["extract", "--quiet", "-o"])
        .arg(&out)
        .arg(&input)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while names_in(&out_dir).len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) on the pid of a child this test started and has not waited for.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(expected_code), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old output\n");
    assert_eq!(names_in(&out_dir), ["relations.jsonl"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ctrl_c_keeps_the_old_output_and_removes_the_temporary_file() {
    interrupt(libc::SIGINT, 130);
}

#[test]
fn sigterm_keeps_the_old_output_and_removes_the_temporary_file() {
    interrupt(libc::SIGTERM, 143);
}

/// Runs geokg with `args` and standard output on `/dev/full`: (exit code, standard error).
#[cfg(target_os = "linux")]
fn with_stdout_on_full_disk(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(args)
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    (result.status.code(), stderr)
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("seeds");
    let graph = root.join("tests/snapshots/seeds/graph.json");
    // Standard output on a full disk, for a stream of lines and for an exported graph.
    for args in [
        vec!["mentions".as_ref(), "--quiet".as_ref(), seeds.as_os_str()],
        vec![
            "export".as_ref(),
            "--format".as_ref(),
            "dot".as_ref(),
            graph.as_os_str(),
        ],
    ] {
        let (code, stderr) = with_stdout_on_full_disk(&args);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("cannot write to standard output: No space left on device"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // An output file on a full disk: /dev/full is written directly (never renamed over).
    for command in ["mentions", "extract"] {
        let result = Command::new(env!("CARGO_BIN_EXE_geokg"))
            .args([command, "--quiet", "-o", "/dev/full"])
            .arg(&seeds)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("cannot write /dev/full") && stderr.contains("No space left on device"),
            "{stderr}"
        );
    }
    assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    let dir = temp_dir("broken-pipe");
    let input = large_input(&dir, 3);
    let mut child = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["mentions", "--quiet"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"doc\":\"large\""), "{first}");
    // The reader is dropped: geokg's next write finds the pipe closed.
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("error"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_standard_error_that_cannot_be_written_is_no_panic() {
    let dir = temp_dir("stderr-full");
    let out = dir.join("relations.jsonl");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    // The run's messages ("wrote ...", the counts) go nowhere; the run still succeeds.
    let status = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["extract", "--quiet", "-o"])
        .arg(&out)
        .arg(&seeds)
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(std::fs::read_to_string(&out).unwrap().contains("\"kind\""));
    // A usage error keeps its exit code.
    let status = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .arg("--no-such-option")
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
