//! Temporary files and folders of backups and restores: created by sportello
//! alone (never an existing name), private (0600 / 0700 on Unix), removed on
//! every way out (drop, and on Unix SIGINT/SIGTERM/SIGHUP through
//! [`remove_on_signals`]), and cleaned at the next start when a kill left
//! them ([`clean_leftovers`]).
//!
//! While a temporary file is in use its creator holds an exclusive lock on it
//! (Unix), as sled does on a store's `db`: a cleaner that can take the lock
//! knows that nobody is using the file any more.

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Marker in the names of temporary files written beside a destination.
pub const TMP_MARK: &str = ".sportello-tmp-";
/// Suffix of the restore's staging folder beside the data folder.
pub const STAGING: &str = "ripristino-in-corso";

/// Paths to remove if a signal ends the process.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry, also when a panic poisoned it (it only holds paths).
pub(crate) fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    REGISTERED.lock().unwrap_or_else(|p| p.into_inner())
}

fn register(path: &Path) {
    registry().push(path.to_path_buf());
}

fn unregister(list: &mut Vec<PathBuf>, path: &Path) {
    list.retain(|p| p != path);
}

/// A number no other temporary name of this process or another is likely
/// to share (the standard library's per-process random hasher keys).
fn random() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish()
}

/// A file created here, exclusively; removed when dropped unless persisted.
#[derive(Debug)]
pub(crate) struct TempFile {
    path: PathBuf,
    file: Option<File>,
}

impl TempFile {
    /// `.NAME.sportello-tmp-PID-RAND` beside `dest`.
    pub(crate) fn beside(dest: &Path) -> io::Result<TempFile> {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into());
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        TempFile::create_new(&dir.join(format!(
            ".{name}{TMP_MARK}{}-{:016x}",
            std::process::id(),
            random()
        )))
    }

    /// `.DIRNAME.WHAT-PID-RAND.plain` beside the data folder `data_dir`:
    /// plaintext of an encrypted backup, on the machine that holds the data.
    pub(crate) fn plain_beside(data_dir: &Path, what: &str) -> io::Result<TempFile> {
        let name = data_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "archivio".into());
        TempFile::create_new(&data_dir.with_file_name(format!(
            ".{name}.{what}-{}-{:016x}.plain",
            std::process::id(),
            random()
        )))
    }

    fn create_new(path: &Path) -> io::Result<TempFile> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        // Registered before it exists: a signal between the two removes
        // nothing that is not ours (the name is new), or our new file.
        register(path);
        let file = match options.open(path) {
            Ok(f) => f,
            Err(e) => {
                unregister(&mut registry(), path);
                return Err(e);
            }
        };
        #[cfg(unix)]
        {
            // Marks it in use for `clean_leftovers` (advisory on Unix; on
            // Windows an open file cannot be removed anyway).
            let _ = file.try_lock();
        }
        Ok(TempFile {
            path: path.to_path_buf(),
            file: Some(file),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// A second handle on the same open file (same lock), for writing.
    pub(crate) fn handle(&self) -> io::Result<File> {
        match &self.file {
            Some(f) => f.try_clone(),
            None => Err(io::Error::other("file temporaneo già chiuso")),
        }
    }

    /// Renames the file to `to` (replacing it) and forgets it.
    pub(crate) fn persist(mut self, to: &Path) -> io::Result<()> {
        let mut list = registry();
        // Windows cannot rename a file that is open.
        self.file = None;
        std::fs::rename(&self.path, to)?;
        unregister(&mut list, &self.path);
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.path.as_os_str().is_empty() {
            return;
        }
        self.file = None;
        let mut list = registry();
        let _ = std::fs::remove_file(&self.path);
        unregister(&mut list, &self.path);
    }
}

/// A folder created here (0700 on Unix), removed with its content when
/// dropped unless [`TempDir::keep`] was called.
#[derive(Debug)]
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub(crate) fn create_new(path: &Path) -> io::Result<TempDir> {
        #[cfg(unix)]
        let builder = {
            use std::os::unix::fs::DirBuilderExt;
            let mut b = std::fs::DirBuilder::new();
            b.mode(0o700);
            b
        };
        #[cfg(not(unix))]
        let builder = std::fs::DirBuilder::new();
        register(path);
        if let Err(e) = builder.create(path) {
            unregister(&mut registry(), path);
            return Err(e);
        }
        Ok(TempDir {
            path: path.to_path_buf(),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The folder is no longer temporary (it was moved into place); `list`
    /// is the registry, held by the caller across the move.
    pub(crate) fn keep(mut self, list: &mut Vec<PathBuf>) {
        unregister(list, &self.path);
        self.path = PathBuf::new();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if self.path.as_os_str().is_empty() {
            return;
        }
        let mut list = registry();
        let _ = std::fs::remove_dir_all(&self.path);
        unregister(&mut list, &self.path);
    }
}

/// Removes every registered temporary file and folder (a signal is ending
/// the process). Waits for a restore's swap holding the registry to finish.
pub fn remove_registered() {
    let list = registry();
    for path in list.iter() {
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(path);
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// On Unix: SIGINT, SIGTERM and SIGHUP remove the temporary files and
/// folders of a backup or restore in progress, then end the process with
/// 128 + the signal. Elsewhere nothing (what a kill leaves is cleaned at
/// the next start).
pub fn remove_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            let _ = std::thread::Builder::new()
                .name("pulizia".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        remove_registered();
                        std::process::exit(128 + signal);
                    }
                });
        }
    }
}

/// Whether nobody holds the lock of `file` (a leftover, not a file in use).
fn unused(file: &Path) -> bool {
    match File::open(file) {
        Ok(f) => f.try_lock().is_ok(),
        Err(_) => false,
    }
}

/// Removes what a killed backup or restore left around the store in
/// `data_dir`: plaintext copies beside it (`.NAME.*.plain`), the restore's
/// staging folder (`NAME.ripristino-in-corso`), temporary files of the
/// automatic backups in `NAME/backup`. Files still in use by another
/// process are left alone. Returns what was removed.
pub fn clean_leftovers(data_dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Some(name) = data_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return removed;
    };
    let parent = match data_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let plain_prefix = format!(".{name}.");
    if let Ok(entries) = std::fs::read_dir(&parent) {
        for e in entries.filter_map(|e| e.ok()) {
            let n = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if n.starts_with(&plain_prefix)
                && n.ends_with(".plain")
                && path.is_file()
                && unused(&path)
                && std::fs::remove_file(&path).is_ok()
            {
                removed.push(path);
            }
        }
    }
    let staging = parent.join(format!("{name}.{STAGING}"));
    if staging.is_dir() && staging_unused(&staging) && std::fs::remove_dir_all(&staging).is_ok() {
        removed.push(staging);
    }
    let auto = data_dir.join("backup");
    if let Ok(entries) = std::fs::read_dir(&auto) {
        for e in entries.filter_map(|e| e.ok()) {
            let n = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let ours = (n.starts_with(".sportello-") && n.contains(TMP_MARK))
                || (n.starts_with("sportello-") && n.ends_with(".tmp"));
            if ours && path.is_file() && unused(&path) && std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}

/// Whether a staging folder is left over: its store is not open (sled
/// holds the lock of `db` while open).
pub(crate) fn staging_unused(staging: &Path) -> bool {
    let db = staging.join("db");
    !db.exists() || unused(&db)
}
