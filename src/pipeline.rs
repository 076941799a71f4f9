//! Running a stage over many documents: documents are read in bounded batches, a few batches
//! at a time are processed in parallel (rayon, on the global pool that `--threads` sizes), and
//! the results are handed on in input order. Memory stays bounded by those few batches, and
//! the output is the same at any thread count.

use std::collections::BTreeMap;
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
/// A reader thread reads and parses the next batches while the current ones are processed,
/// so the workers do not wait for the input.
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
        // On an error here the receiver is gone and the reader stops at its next batch.
        let outcome = process_in_order(rx, &work, &mut sink);
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

/// Batches in the pool at once. A worker that finds nothing left to do in one batch goes on
/// with the next instead of waiting for the batch's last document. (On de-news with two
/// threads, one batch at a time kept the two CPUs 1.74-1.77 busy; three at a time 1.83-1.84,
/// which ran a little faster than two at a time.)
const IN_FLIGHT: usize = 3;

/// Processes the batches from `batches` in the pool and hands every document and its result
/// to `sink`, in input order. This thread only hands on: the batches are processed as pool
/// jobs, several at once, so the pool is never idle between two batches.
fn process_in_order<T: Send>(
    batches: std::sync::mpsc::Receiver<Vec<Document>>,
    work: &(impl Fn(&Document) -> T + Sync),
    sink: &mut impl FnMut(Document, T) -> Result<(), InputError>,
) -> Result<(), InputError> {
    type Done<T> = (usize, Vec<Document>, std::thread::Result<Vec<T>>);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Done<T>>();
    rayon::in_place_scope(|scope| {
        let (mut sent, mut handed) = (0, 0);
        let (mut done_docs, mut done_bytes) = (0, 0);
        // Batches done before the ones ahead of them.
        let mut ready: BTreeMap<usize, (Vec<Document>, std::thread::Result<Vec<T>>)> =
            BTreeMap::new();
        let mut hand_next =
            |ready: &mut BTreeMap<_, _>, handed: &mut usize| -> Result<(), InputError> {
                while !ready.contains_key(handed) {
                    // Every job sends once, even if its work panicked (caught below), so this
                    // does not wait for a batch that never comes.
                    let Some((i, docs, results)) = next_done(&done_rx) else {
                        return Err(InputError::Io {
                            path: "input".into(),
                            source: std::io::Error::other("a worker stopped"),
                        });
                    };
                    ready.insert(i, (docs, results));
                }
                let Some((docs, results)) = ready.remove(handed) else {
                    return Ok(());
                };
                *handed += 1;
                let results = results.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                done_docs += docs.len();
                done_bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
                if let Some(hook) = PROGRESS.get() {
                    hook(done_docs, done_bytes);
                }
                for (doc, result) in docs.into_iter().zip(results) {
                    sink(doc, result)?;
                }
                Ok(())
            };
        for docs in batches {
            let done = done_tx.clone();
            let i = sent;
            scope.spawn(move |_| {
                let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    docs.par_iter().map(work).collect::<Vec<T>>()
                }));
                let _ = done.send((i, docs, results));
            });
            sent += 1;
            if sent - handed >= IN_FLIGHT {
                hand_next(&mut ready, &mut handed)?;
            }
        }
        while handed < sent {
            hand_next(&mut ready, &mut handed)?;
        }
        Ok(())
    })
}

/// The next message on `rx`. Called on a thread of a pool (a caller's `install`), it runs
/// the pool's jobs while it waits, for blocking there would take a worker from the pool (and
/// with one thread, stop the run).
fn next_done<D>(rx: &std::sync::mpsc::Receiver<D>) -> Option<D> {
    use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
    loop {
        match rx.try_recv() {
            Ok(done) => return Some(done),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        match rayon::yield_now() {
            None => return rx.recv().ok(),
            Some(rayon::Yield::Executed) => {}
            Some(rayon::Yield::Idle) => {
                match rx.recv_timeout(std::time::Duration::from_micros(100)) {
                    Ok(done) => return Some(done),
                    Err(RecvTimeoutError::Disconnected) => return None,
                    Err(RecvTimeoutError::Timeout) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A JSONL file of `n` documents whose texts are their numbers (some long, so that
    /// batches end by bytes as well as by count), in the temporary directory, removed when
    /// dropped (also when a test panics).
    struct Documents(PathBuf);

    impl Documents {
        fn new(name: &str, n: usize) -> Documents {
            let path =
                std::env::temp_dir().join(format!("geokg-{}-{name}.jsonl", std::process::id()));
            let mut f = std::fs::File::create(&path).expect("temporary file");
            for i in 0..n {
                let pad = if i % 97 == 0 {
                    " ".repeat(200_000)
                } else {
                    String::new()
                };
                writeln!(f, r#"{{"id": "{i}", "text": "{i}{pad}"}}"#).expect("write");
            }
            Documents(path)
        }
    }

    impl Drop for Documents {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    /// Work that takes longer for some documents than for others, so that they finish out
    /// of order.
    fn work(doc: &Document) -> usize {
        let i: usize = doc.text.trim().parse().unwrap_or(usize::MAX);
        let mut x = i as u64;
        for _ in 0..(i % 7) * 20_000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
        std::hint::black_box(x);
        i
    }

    #[test]
    fn results_come_in_input_order_at_any_thread_count() {
        let n = 2_000;
        let docs = Documents::new("order", n);
        for threads in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let mut seen = Vec::new();
            let mut warnings = Vec::new();
            pool.install(|| {
                map_documents(
                    std::slice::from_ref(&docs.0),
                    &mut warnings,
                    work,
                    |doc, i| {
                        assert_eq!(doc.id, i.to_string());
                        seen.push(i);
                        Ok(())
                    },
                )
            })
            .expect("run");
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run_with_its_error() {
        let docs = Documents::new("sink", 1_000);
        let mut handed = 0;
        let mut warnings = Vec::new();
        let result = map_documents(
            std::slice::from_ref(&docs.0),
            &mut warnings,
            work,
            |_, i| {
                handed += 1;
                if i == 300 {
                    return Err(InputError::Io {
                        path: "out".into(),
                        source: std::io::Error::other("disk full"),
                    });
                }
                Ok(())
            },
        );
        assert!(matches!(result, Err(InputError::Io { ref path, .. }) if path == "out"));
        assert_eq!(handed, 301, "nothing is handed on after the error");
    }

    #[test]
    #[should_panic(expected = "document 500")]
    fn a_panic_in_the_work_reaches_the_caller() {
        let docs = Documents::new("panic", 1_000);
        let mut warnings = Vec::new();
        let _ = map_documents(
            std::slice::from_ref(&docs.0),
            &mut warnings,
            |doc| {
                let i = work(doc);
                assert!(i != 500, "document 500");
                i
            },
            |_, _| Ok(()),
        );
    }
}
