//! Running a stage over many documents: documents are read in bounded batches, each batch is
//! processed in parallel (rayon, on the global pool that `--threads` sizes), and the results
//! are handed on in input order. Memory stays bounded by the batch, and the output is the
//! same at any thread count.

use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::input::{self, Document, InputError};

/// At most this many documents, or this many bytes of text, per batch. Small enough that a
/// batch the reader has just parsed is still in the cache when the workers read it (8 MB
/// batches cost about a tenth more time on de-news).
const BATCH_DOCUMENTS: usize = 128;
const BATCH_BYTES: usize = 1 << 20;

/// Called after each batch with the documents and text bytes done so far.
pub type ProgressHook = Box<dyn Fn(usize, usize) + Send + Sync>;

static PROGRESS: OnceLock<ProgressHook> = OnceLock::new();

/// Installs the hook that hears of progress (the binary draws a progress bar with it). Only
/// the first call takes effect.
pub fn set_progress(hook: ProgressHook) {
    let _ = PROGRESS.set(hook);
}

/// The bytes of the input files (for an ETA); `None` when one is standard input or
/// compressed.
pub fn input_size(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for p in inputs {
        if p.as_os_str() == "-" || p.extension().is_some_and(|x| x == "gz") {
            return None;
        }
        let meta = std::fs::metadata(p).ok()?;
        if meta.is_dir() {
            return None;
        }
        total += meta.len();
    }
    Some(total)
}

/// Maps every document of `inputs` with `work` in parallel and gives each document and its
/// result to `sink`, in input order. Stops at the first error.
///
/// A reader thread reads and parses the next batches while the current one is processed, so
/// the workers do not wait for the input.
pub fn map_documents<T: Send>(
    inputs: &[PathBuf],
    warnings: &mut Vec<String>,
    work: impl Fn(&Document) -> T + Sync,
    mut sink: impl FnMut(Document, T) -> Result<(), InputError>,
) -> Result<(), InputError> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Document>>(2);
        let reader = scope.spawn(move || {
            let mut read_warnings = Vec::new();
            let mut batch: Vec<Document> = Vec::new();
            let mut bytes = 0;
            let stopped = || InputError::Io {
                path: "input".into(),
                source: std::io::Error::other("the run stopped"),
            };
            let result = input::for_each_document(inputs, &mut read_warnings, |doc| {
                bytes += doc.text.len();
                batch.push(doc);
                if batch.len() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES {
                    bytes = 0;
                    tx.send(std::mem::take(&mut batch)).map_err(|_| stopped())?;
                }
                Ok(())
            });
            let result = result.and_then(|()| {
                if batch.is_empty() {
                    Ok(())
                } else {
                    tx.send(batch).map_err(|_| stopped())
                }
            });
            (result, read_warnings)
        });
        let (mut done_docs, mut done_bytes) = (0, 0);
        let processed = || -> Result<(), InputError> {
            for docs in rx {
                let results: Vec<T> = docs.par_iter().map(&work).collect();
                done_docs += docs.len();
                done_bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
                if let Some(hook) = PROGRESS.get() {
                    hook(done_docs, done_bytes);
                }
                for (doc, result) in docs.into_iter().zip(results) {
                    sink(doc, result)?;
                }
            }
            Ok(())
        };
        // On an error here the receiver is gone and the reader stops at its next batch.
        let outcome = processed();
        let (read, read_warnings) = reader.join().unwrap_or_else(|_| {
            (
                Err(InputError::Io {
                    path: "input".into(),
                    source: std::io::Error::other("the reader thread failed"),
                }),
                Vec::new(),
            )
        });
        warnings.extend(read_warnings);
        outcome?;
        read
    })
}
