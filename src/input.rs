//! Documents from the inputs every command shares: a `.txt`/`.md` file (one document, its id
//! the file stem), a `.jsonl` file (one document per line), a directory (read recursively, in
//! sorted order), or `-` for standard input.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::PartialDate;
use crate::text::Lang;

/// One document to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// The date the input states for the document (the JSONL `date`), before any is looked
    /// for in the text.
    pub date: Option<PartialDate>,
    pub lang: Option<Lang>,
    pub title: Option<String>,
}

impl Document {
    /// A document with nothing but an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
            lang: None,
            title: None,
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}:{line}: {message}")]
    Line {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: not a .txt, .md or .jsonl file (optionally .gz) or a directory")]
    Unsupported { path: String },
}

/// A file to read and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    /// A text file; gzip-compressed when the flag is set.
    Text(PathBuf, bool),
    Jsonl(PathBuf, bool),
    /// JSONL already in memory, with the name to give in messages.
    JsonlBytes(String, Vec<u8>),
    Stdin,
}

/// Expands the command-line inputs into the files to read, in order: each input in the order
/// given, a directory's files sorted by path. Files of other kinds inside a directory are
/// skipped with a warning in `warnings`.
fn sources(inputs: &[PathBuf], warnings: &mut Vec<String>) -> Result<Vec<Source>, InputError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let meta = fs::metadata(input).map_err(|source| InputError::Io {
            path: input.display().to_string(),
            source,
        })?;
        if meta.is_dir() {
            let mut files = BTreeSet::new();
            let mut seen = HashSet::new();
            walk(input, &mut files, &mut seen, warnings)?;
            for file in files {
                match classify(&file) {
                    Some(s) => out.push(s),
                    None => warnings.push(format!(
                        "{}: skipped (not .txt, .md or .jsonl, optionally .gz)",
                        file.display()
                    )),
                }
            }
        } else {
            out.push(classify(input).ok_or_else(|| InputError::Unsupported {
                path: input.display().to_string(),
            })?);
        }
    }
    Ok(out)
}

fn classify(path: &Path) -> Option<Source> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    };
    if name.ends_with(".jsonl") {
        Some(Source::Jsonl(path.to_path_buf(), gz))
    } else if name.ends_with(".txt") || name.ends_with(".md") {
        Some(Source::Text(path.to_path_buf(), gz))
    } else {
        None
    }
}

/// Opens a file for reading, through a gzip decoder when `gz`.
fn open(path: &Path, gz: bool) -> Result<Box<dyn io::BufRead>, InputError> {
    let file = fs::File::open(path).map_err(|source| InputError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(if gz {
        Box::new(io::BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(io::BufReader::with_capacity(1 << 16, file))
    })
}

fn walk(
    dir: &Path,
    files: &mut BTreeSet<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    warnings: &mut Vec<String>,
) -> Result<(), InputError> {
    let io_err = |source| InputError::Io {
        path: dir.display().to_string(),
        source,
    };
    // A directory reached twice through symbolic links is read once.
    let canonical = fs::canonicalize(dir).map_err(io_err)?;
    if !seen.insert(canonical) {
        warnings.push(format!(
            "{}: skipped (directory already read; symbolic link loop?)",
            dir.display()
        ));
        return Ok(());
    }
    for entry in fs::read_dir(dir).map_err(io_err)? {
        let path = entry.map_err(io_err)?.path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, files, seen, warnings)?,
            Ok(_) => {
                files.insert(path);
            }
            Err(e) => warnings.push(format!("{}: skipped ({e})", path.display())),
        }
    }
    Ok(())
}

/// One JSONL line as written by users: `id` may be a string or a number.
#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    date: Option<serde_json::Value>,
    lang: Option<serde_json::Value>,
    title: Option<serde_json::Value>,
}

fn parse_jsonl_line(path: &str, line_no: usize, line: &str) -> Result<Document, InputError> {
    let bad = |message: String| InputError::Line {
        path: path.to_string(),
        line: line_no,
        message,
    };
    let doc: JsonDoc =
        serde_json::from_str(line).map_err(|e| bad(format!("not a JSON object: {e}")))?;
    let id = match doc.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None | Some(serde_json::Value::Null) => format!("{}:{line_no}", file_stem(path)),
        Some(other) => {
            return Err(bad(format!(
                "\"id\" must be a string or a number, not {other}"
            )))
        }
    };
    let text = match doc.text {
        Some(serde_json::Value::String(s)) => s,
        None => {
            return Err(bad(
                "missing \"text\" (each line needs a string \"text\")".into()
            ))
        }
        Some(other) => {
            return Err(bad(format!(
                "\"text\" must be a string, not {}",
                json_kind(&other)
            )))
        }
    };
    let opt_str =
        |v: Option<serde_json::Value>, field: &str| -> Result<Option<String>, InputError> {
            match v {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s)),
                Some(other) => Err(bad(format!(
                    "\"{field}\" must be a string, not {}",
                    json_kind(&other)
                ))),
            }
        };
    let date = match opt_str(doc.date, "date")? {
        None => None,
        Some(s) => Some(
            s.parse::<PartialDate>()
                .map_err(|e| bad(format!("\"date\": {e}")))?,
        ),
    };
    let lang = match opt_str(doc.lang, "lang")? {
        None => None,
        Some(s) => Some(
            s.parse::<Lang>()
                .map_err(|e| bad(format!("\"lang\": {e}")))?,
        ),
    };
    let title = opt_str(doc.title, "title")?;
    Ok(Document {
        id,
        text,
        date,
        lang,
        title,
    })
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The document id of a file: its name without the extension (and without `.gz`).
fn file_stem(path: &str) -> String {
    let path = path.strip_suffix(".gz").unwrap_or(path);
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

static SKIP_BAD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes malformed JSONL lines and duplicate document ids warnings (counted) instead of
/// errors: `--skip-bad`.
pub fn set_skip_bad(skip: bool) {
    SKIP_BAD.store(skip, std::sync::atomic::Ordering::Relaxed);
}

fn skip_bad() -> bool {
    SKIP_BAD.load(std::sync::atomic::Ordering::Relaxed)
}

/// A text file with NUL bytes in its first 8 KiB is taken to be binary.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Reads every document of `inputs` in order and hands each to `each`; stops at the first
/// error. Warnings (skipped files, replaced bytes, skipped lines) go to `warnings`. A document
/// id seen before is an error (with `--skip-bad`, the later document is skipped).
pub fn for_each_document(
    inputs: &[PathBuf],
    warnings: &mut Vec<String>,
    each: impl FnMut(Document) -> Result<(), InputError>,
) -> Result<(), InputError> {
    let sources = sources(inputs, warnings)?;
    read_sources(sources, warnings, each)
}

/// Reads `bytes` as the lines of a JSONL file called `name` (the name errors and warnings
/// give) and hands each document to `each`, with the checks of a `.jsonl` input: a malformed
/// line or a duplicate id is an error that names `name` and the line (a warning with
/// `--skip-bad`), invalid UTF-8 is replaced with a warning.
pub fn for_each_jsonl_document(
    name: &str,
    bytes: Vec<u8>,
    warnings: &mut Vec<String>,
    each: impl FnMut(Document) -> Result<(), InputError>,
) -> Result<(), InputError> {
    read_sources(vec![Source::JsonlBytes(name.into(), bytes)], warnings, each)
}

fn read_sources(
    sources: Vec<Source>,
    warnings: &mut Vec<String>,
    mut each: impl FnMut(Document) -> Result<(), InputError>,
) -> Result<(), InputError> {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    // Lines and documents skipped with --skip-bad (shared by the closure and the readers).
    let skipped = std::cell::Cell::new(0usize);
    let mut each = |doc: Document,
                    at: String,
                    warnings: &mut Vec<String>|
     -> Result<(), InputError> {
        if let Some(first) = seen.get(&doc.id) {
            let message = format!("duplicate document id {:?} (first at {first})", doc.id);
            if skip_bad() {
                warnings.push(format!("{at}: {message}; skipped"));
                skipped.set(skipped.get() + 1);
                return Ok(());
            }
            let (path, line) = match at.rsplit_once(':') {
                Some((p, l)) if l.parse::<usize>().is_ok() => (p.to_string(), l.parse().unwrap()),
                _ => (at.clone(), 0),
            };
            return Err(InputError::Line {
                path,
                line,
                message,
            });
        }
        seen.insert(doc.id.clone(), at);
        each(doc)
    };
    for source in sources {
        match source {
            Source::Text(path, gz) => {
                let name = path.display().to_string();
                let mut bytes = Vec::new();
                open(&path, gz)?
                    .read_to_end(&mut bytes)
                    .map_err(|source| InputError::Io {
                        path: name.clone(),
                        source,
                    })?;
                if looks_binary(&bytes) {
                    warnings.push(format!(
                        "{name}: skipped (binary: NUL bytes in its first 8 KiB)"
                    ));
                    continue;
                }
                let doc = Document::new(file_stem(&name), decode(&name, bytes, warnings));
                each(doc, name.clone(), warnings)?;
            }
            Source::Jsonl(path, gz) => {
                let name = path.display().to_string();
                read_jsonl(&name, open(&path, gz)?, warnings, &mut each, &skipped)?;
            }
            Source::JsonlBytes(name, bytes) => {
                read_jsonl(&name, io::Cursor::new(bytes), warnings, &mut each, &skipped)?;
            }
            Source::Stdin => {
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|source| InputError::Io {
                        path: "-".into(),
                        source,
                    })?;
                let text = decode("-", bytes, warnings);
                if text.trim_start().starts_with('{') {
                    read_jsonl(
                        "-",
                        io::Cursor::new(text.into_bytes()),
                        warnings,
                        &mut each,
                        &skipped,
                    )?;
                } else {
                    each(Document::new("stdin", text), "-".into(), warnings)?;
                }
            }
        }
    }
    if skipped.get() > 0 {
        warnings.push(format!(
            "{} bad line(s) or duplicate document(s) skipped (--skip-bad)",
            skipped.get()
        ));
    }
    Ok(())
}

fn read_jsonl(
    name: &str,
    mut reader: impl BufRead,
    warnings: &mut Vec<String>,
    each: &mut impl FnMut(Document, String, &mut Vec<String>) -> Result<(), InputError>,
    skipped: &std::cell::Cell<usize>,
) -> Result<(), InputError> {
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|source| InputError::Io {
                path: name.to_string(),
                source,
            })?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        // The line is parsed where it was read (the buffer is kept for the next line); only a
        // line with invalid UTF-8 is copied, to be repaired.
        let repaired;
        let line = match simdutf8::basic::from_utf8(&buf) {
            Ok(line) => line,
            Err(_) => {
                repaired = decode(&format!("{name}:{line_no}"), buf.clone(), warnings);
                repaired.as_str()
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse_jsonl_line(name, line_no, line.trim_end_matches(['\n', '\r'])) {
            Ok(doc) => each(doc, format!("{name}:{line_no}"), warnings)?,
            Err(e) if skip_bad() => {
                warnings.push(format!("{e}; skipped"));
                skipped.set(skipped.get() + 1);
            }
            Err(e) => return Err(e),
        }
    }
}

/// UTF-8 text; invalid bytes are replaced, with a warning that counts them.
fn decode(name: &str, bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    match crate::text::string_from_utf8(bytes) {
        Ok(s) => s,
        Err(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count();
            warnings.push(format!(
                "{name}: invalid UTF-8, {replaced} byte sequence(s) replaced with U+FFFD"
            ));
            text
        }
    }
}

/// Reads all documents of `inputs` into memory (for small inputs and tests).
pub fn read_all(
    inputs: &[PathBuf],
    warnings: &mut Vec<String>,
) -> Result<Vec<Document>, InputError> {
    let mut docs = Vec::new();
    for_each_document(inputs, warnings, |d| {
        docs.push(d);
        Ok(())
    })?;
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_fields() {
        let d = parse_jsonl_line(
            "a.jsonl",
            1,
            r#"{"id": 7, "text": "Hallo", "date": "2025-08-27", "lang": "de", "title": "T"}"#,
        )
        .unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.date.unwrap().to_string(), "2025-08-27");
        assert_eq!(d.lang, Some(Lang::De));
        assert_eq!(d.title.as_deref(), Some("T"));
        let d = parse_jsonl_line("a.jsonl", 3, r#"{"text": "x", "date": null}"#).unwrap();
        assert_eq!(d.id, "a:3");
        assert!(d.date.is_none());
    }

    #[test]
    fn lines_are_read_whole_and_repaired_one_by_one() {
        // Lines of different lengths one after another (the line buffer is reused), the
        // second with a byte that is no UTF-8, the third longer than the first two.
        let long = "Nordkorea ".repeat(2000);
        let bytes = [
            br#"{"id": "a", "text": "Russland und Nordkorea"}"#.to_vec(),
            b"\n{\"id\": \"b\", \"text\": \"Kim \xff traf Putin\"}\r\n".to_vec(),
            format!(r#"{{"id": "c", "text": "{long}"}}"#).into_bytes(),
            b"\n\n{\"id\": \"d\", \"text\": \"x\"}".to_vec(),
        ]
        .concat();
        let mut warnings = Vec::new();
        let mut docs = Vec::new();
        for_each_jsonl_document("m.jsonl", bytes, &mut warnings, |d| {
            docs.push((d.id, d.text));
            Ok(())
        })
        .unwrap();
        let expected = [
            ("a", "Russland und Nordkorea"),
            ("b", "Kim \u{FFFD} traf Putin"),
            ("c", long.as_str()),
            ("d", "x"),
        ];
        let got: Vec<(&str, &str)> = docs.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
        assert_eq!(got, expected);
        assert_eq!(
            warnings,
            ["m.jsonl:2: invalid UTF-8, 1 byte sequence(s) replaced with U+FFFD"]
        );
    }

    #[test]
    fn jsonl_errors_name_file_and_line() {
        let e = parse_jsonl_line("c.jsonl", 4, r#"{"id": "x"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "c.jsonl:4: missing \"text\" (each line needs a string \"text\")"
        );
        let e = parse_jsonl_line("c.jsonl", 5, r#"{"id": "x", "text": 3}"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.jsonl:5: \"text\" must be a string"), "{e}");
        let e = parse_jsonl_line(
            "c.jsonl",
            6,
            r#"{"id": "x", "text": "t", "date": "27.08.2025"}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("c.jsonl:6: \"date\": malformed date"), "{e}");
        let e = parse_jsonl_line("c.jsonl", 7, "{not json")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.jsonl:7: not a JSON object"), "{e}");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let mut w = Vec::new();
        assert_eq!(decode("f", vec![b'a', 0xff, b'b'], &mut w), "a\u{FFFD}b");
        assert_eq!(w.len(), 1);
    }
}
