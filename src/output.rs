//! Writing outputs so that nothing is lost: into a temporary file beside the target, flushed
//! and synced, then renamed over it. A run that fails, fills the disk or is interrupted leaves
//! an existing output untouched and no temporary file behind.
//!
//! A target that exists and is no regular file (`/dev/null`, `/dev/stdout`, a named pipe) is
//! written directly: renaming over it would replace the device, and there is nothing there to
//! keep.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The temporary files being written, so that an interrupted run can remove them.
static PENDING: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn pending() -> MutexGuard<'static, Option<HashSet<PathBuf>>> {
    // A thread that panicked while holding the lock left the set consistent: every change
    // is one insert or remove.
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Held while the process exits on a signal: no temporary file is created, renamed or
/// removed any more.
pub struct Interrupted {
    _lock: MutexGuard<'static, Option<HashSet<PathBuf>>>,
}

/// Removes every temporary file still being written and keeps new ones from being started
/// or committed while the returned guard lives: call it from a signal handler, then exit
/// while holding the guard. Existing outputs stay as they were.
pub fn remove_temporary_files() -> Interrupted {
    let mut lock = pending();
    for temp in lock.take().unwrap_or_default() {
        let _ = fs::remove_file(temp);
    }
    Interrupted { _lock: lock }
}

/// What an output is written into: a file, or in tests a writer that fails.
pub trait Sink: Write {
    /// Makes the written bytes durable (`fsync` for a file).
    fn sync(&self) -> io::Result<()>;
}

impl Sink for fs::File {
    fn sync(&self) -> io::Result<()> {
        self.sync_all()
    }
}

/// A file being written; it replaces its target only on [`AtomicFile::commit`].
pub struct AtomicFile<F: Sink = fs::File> {
    target: PathBuf,
    /// `None` when the target is written directly (a device or pipe).
    temp: Option<PathBuf>,
    writer: Option<BufWriter<F>>,
}

impl AtomicFile {
    /// Starts writing `target` (through a temporary file in the same directory, which is
    /// created if missing). Fails when the directory cannot be created or written.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        if fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = fs::OpenOptions::new().write(true).open(target)?;
            return Ok(AtomicFile {
                target: target.to_path_buf(),
                temp: None,
                writer: Some(BufWriter::new(file)),
            });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir)?;
        let name = target.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "the output path names no file")
        })?;
        let temp = dir.join(format!(
            ".{}.tmp-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        // Registered before it exists, under the lock, so that an interrupt either sees it
        // or keeps it from being created.
        let mut lock = pending();
        let file = fs::File::create(&temp)?;
        lock.get_or_insert_with(HashSet::new).insert(temp.clone());
        drop(lock);
        Ok(AtomicFile::with_sink(target, temp, file))
    }
}

impl<F: Sink> AtomicFile<F> {
    /// Writes into `sink`, standing for the temporary file `temp`, to be renamed to `target`.
    fn with_sink(target: &Path, temp: PathBuf, sink: F) -> AtomicFile<F> {
        AtomicFile {
            target: target.to_path_buf(),
            temp: Some(temp),
            writer: Some(BufWriter::new(sink)),
        }
    }

    /// Flushes, syncs and renames the file into place. On an error (a full disk) the target
    /// is untouched and the temporary file removed.
    pub fn commit(mut self) -> io::Result<()> {
        let writer = self.writer.take().expect("not yet committed");
        let sink = writer.into_inner().map_err(|e| e.into_error());
        let Some(temp) = self.temp.take() else {
            // A device or pipe: flushed is written (fsync would fail on /dev/null).
            return sink.map(drop);
        };
        let result = sink.and_then(|sink| sink.sync());
        let mut lock = pending();
        if lock.as_mut().is_some_and(|p| p.remove(&temp)) {
            let result = result.and_then(|()| fs::rename(&temp, &self.target));
            if result.is_err() {
                let _ = fs::remove_file(&temp);
            }
            result
        } else {
            // Interrupted: the temporary file is gone already.
            Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"))
        }
    }
}

impl<F: Sink> Write for AtomicFile<F> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.as_mut().expect("not yet committed").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().expect("not yet committed").flush()
    }
}

impl<F: Sink> Drop for AtomicFile<F> {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let mut lock = pending();
            if lock.as_mut().is_some_and(|p| p.remove(&temp)) {
                let _ = fs::remove_file(&temp);
            }
        }
    }
}

/// Writes `contents` to `target` atomically.
pub fn write_atomic(target: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(contents)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("geokg-out-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_only_on_commit() {
        let dir = temp_dir("commit");
        let target = dir.join("a.jsonl");
        fs::write(&target, "old").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"new").unwrap();
            // dropped without commit: the old file stays, the temporary file goes
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A disk that fills up after `room` bytes.
    struct FullDisk {
        room: usize,
        file: fs::File,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from_raw_os_error(28)); // ENOSPC
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.file.write(&buf[..n])
        }
        fn flush(&mut self) -> io::Result<()> {
            self.file.flush()
        }
    }

    impl Sink for FullDisk {
        fn sync(&self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_an_error_and_keeps_the_old_output() {
        let dir = temp_dir("full");
        let target = dir.join("out.jsonl");
        fs::write(&target, "old").unwrap();
        let temp = dir.join(".out.jsonl.tmp-test");
        let file = fs::File::create(&temp).unwrap();
        pending()
            .get_or_insert_with(HashSet::new)
            .insert(temp.clone());
        let mut f = AtomicFile::with_sink(&target, temp, FullDisk { room: 10, file });
        // The buffer takes the bytes; the disk refuses them on flush, at the latest on commit.
        let written = f.write_all(&[b'x'; 100]);
        let err = written.and_then(|()| f.commit()).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        let left: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(left, [target]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn devices_are_written_directly() {
        // Renaming over /dev/null would replace the device (as root) or fail; it is written.
        let mut f = AtomicFile::create(Path::new("/dev/null")).unwrap();
        f.write_all(b"gone").unwrap();
        f.commit().unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dev_full_is_a_clear_error() {
        let mut f = AtomicFile::create(Path::new("/dev/full")).unwrap();
        let err = f
            .write_all(&[b'x'; 10])
            .and_then(|()| f.commit())
            .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28), "{err}");
    }
}
