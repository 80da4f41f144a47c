//! The rewrite of the whole store: every live tree copied, keys and values as
//! stored, into a fresh sled store, which then takes the old one's place.
//!
//! sled keeps superseded page versions in its log until it reuses the space:
//! after an erasure the old name, codice fiscale and Patto text stay readable
//! in the data file for an unbounded time. A fresh store holds only what is
//! live, so an erasure ends with a rewrite (see `service::gdpr`), and the
//! amministratore can run one (`sportello compatta`) to return the disk that
//! the log keeps.
//!
//! The swap moves only sled's files (`db`, `conf`, `snap.*`, `blobs/`); the
//! folders `backup/` and `stampe/` stay where they are. It goes in steps
//! that a later open can finish or undo:
//! 1. the new store is built in `DATA/.riscrittura-nuova` and made durable;
//!    a crash here leaves the original untouched, and the partial copy is
//!    removed at the next open;
//! 2. the old files move into `DATA/.riscrittura-vecchia`, which is then
//!    marked complete; a crash before the mark moves them back;
//! 3. the new files move into `DATA`; a crash after the mark finishes the
//!    move at the next open;
//! 4. the old files are deleted.
//!
//! Each tree is written with full leaves and little left over in the log
//! (see `store::fill`).
//!
//! Ids: sled's id generator restarts at zero in a fresh store, so the new
//! store records the old store's next id as its id base (`META_ID_BASE`),
//! and [`Store::next_id`] counts above it.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{Result, Store, StoreError, dir_error, trees};
use crate::private_fs;

/// The new store while it is built.
pub const NEW_DIR: &str = ".riscrittura-nuova";
/// The old store's files while they are swapped out.
pub const OLD_DIR: &str = ".riscrittura-vecchia";
/// Inside [`OLD_DIR`]: every old file has been moved there.
const OLD_COMPLETE: &str = "completa";
/// Held while a store is opened or swapped: an open never sees half a swap.
const LOCK_FILE: &str = ".riscrittura.lock";
/// Meta key: ids below this were given by an earlier store (big-endian u64).
pub(crate) const META_ID_BASE: &[u8] = b"id_base";

/// What a rewrite did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RewriteReport {
    /// Bytes on disk before and after ([`Store::size_on_disk`]).
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub patients: u64,
    /// Keys copied, over every tree.
    pub entries: u64,
}

/// Whether `name` is one of sled's files in a store folder.
fn is_sled_file(name: &str) -> bool {
    name == "db" || name == "conf" || name == "blobs" || name.starts_with("snap.")
}

fn io_error(dir: &Path, e: std::io::Error) -> StoreError {
    dir_error(dir, &e)
}

/// Makes renames inside `dir` durable (Unix; Windows has no folder fsync).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Moves sled's files from `from` into `to`.
fn move_sled_files(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if is_sled_file(&name.to_string_lossy()) {
            std::fs::rename(entry.path(), to.join(&name))?;
        }
    }
    sync_dir(from)?;
    sync_dir(to)
}

/// The guard of a store folder against a concurrent swap; released when
/// dropped.
pub(crate) struct SwapGuard(#[allow(dead_code)] File);

/// Before sled opens `dir`: takes the swap lock (waiting for a rewrite in
/// another process to finish) and finishes or undoes a rewrite that a crash
/// interrupted. Keep the guard until sled holds its own lock.
pub(crate) fn prepare_open(dir: &Path) -> Result<SwapGuard> {
    let guard = lock(dir)?;
    finish_interrupted(dir).map_err(|e| io_error(dir, e))?;
    Ok(guard)
}

fn lock(dir: &Path) -> Result<SwapGuard> {
    let file = private_fs::private_file_options()
        .truncate(false)
        .open(dir.join(LOCK_FILE))
        .map_err(|e| io_error(dir, e))?;
    file.lock().map_err(|e| io_error(dir, e))?;
    Ok(SwapGuard(file))
}

/// Once sled has opened `dir` (and written its snapshot): the data folder
/// 0700, and in it sled's files and the folders sportello keeps there
/// (automatic backups, prints, a rewrite in progress) 0700/0600. Other
/// content of the folder is not sportello's and is left alone. Best effort:
/// a file system without Unix modes (a FAT disk) refuses them, and a store
/// there is still to be opened. Files sled creates later are private by the
/// process's umask (set by the program) and inside the private folder.
pub(crate) fn tighten_store(dir: &Path) {
    let _ = tighten_store_files(dir);
}

fn tighten_store_files(dir: &Path) -> std::io::Result<()> {
    private_fs::tighten_one(dir)?;
    // `backup` is the automatic backups' folder (service::backup::AUTO_DIR).
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_sled_file(&name)
            || name == "backup"
            || name == "stampe"
            || name == LOCK_FILE
            || name == NEW_DIR
            || name == OLD_DIR
        {
            private_fs::tighten(&entry.path())?;
        }
    }
    Ok(())
}

/// Completes or rolls back a swap a crash interrupted (see the module
/// documentation). Called with the swap lock held.
fn finish_interrupted(dir: &Path) -> std::io::Result<()> {
    let new = dir.join(NEW_DIR);
    let old = dir.join(OLD_DIR);
    if old.is_dir() {
        if old.join(OLD_COMPLETE).is_file() {
            // Every old file was out: bring in what is left of the new store.
            if new.is_dir() {
                move_sled_files(&new, dir)?;
            }
        } else {
            // The old files were moving out: put them back.
            move_sled_files(&old, dir)?;
        }
        std::fs::remove_dir_all(&old)?;
    }
    if new.is_dir() {
        std::fs::remove_dir_all(&new)?;
    }
    Ok(())
}

/// Whether sled's lock on `dir/db` is free: no handle of this or another
/// process holds the store open. sled lets go a moment after the last
/// handle is dropped, so this waits a little.
fn wait_until_closed(dir: &Path) -> bool {
    for _ in 0..super::LOCK_RETRIES {
        if let Ok(f) = File::open(dir.join("db"))
            && f.try_lock().is_ok()
        {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
}

impl Store {
    /// Rewrites the store into a fresh one holding only its live records
    /// (see the module documentation) and returns it reopened. `self` must
    /// be the only handle on the store: with another one open the rewrite
    /// is refused and the store left as it was.
    pub fn rewrite(self) -> Result<(Store, RewriteReport)> {
        let dir = self.dir.clone();
        let cache_bytes = self.cache_bytes;
        let mut report = RewriteReport {
            bytes_before: self.size_on_disk()?,
            patients: self.patient_count() as u64,
            ..RewriteReport::default()
        };
        let new_dir = dir.join(NEW_DIR);
        let built = self.copy_into(&new_dir);
        drop(self);
        let outcome = match built {
            Ok(entries) => {
                report.entries = entries;
                swap(&dir, &new_dir)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&new_dir);
                Err(e)
            }
        };
        let store = Store::open_with_cache(&dir, cache_bytes)?;
        outcome?;
        report.bytes_after = store.size_on_disk()?;
        Ok((store, report))
    }

    /// Copies every tree into a fresh sled store in `to`, with the id base
    /// above every id given so far, and makes it durable. Returns the
    /// number of entries copied.
    fn copy_into(&self, to: &Path) -> Result<u64> {
        if to.exists() {
            std::fs::remove_dir_all(to).map_err(|e| io_error(to, e))?;
        }
        private_fs::create_dir_all_private(to).map_err(|e| io_error(to, e))?;
        let fresh = sled::Config::new()
            .path(to)
            .cache_capacity(self.cache_bytes)
            .open()
            .map_err(|e| super::open_error(to, e))?;
        let engine = |e: sled::Error| StoreError::Engine {
            dir: to.to_path_buf(),
            detail: e.to_string(),
        };
        let mut entries = 0u64;
        for name in self.db.tree_names() {
            let from = self.db.open_tree(&name).map_err(|e| self.fatal(e))?;
            let into = fresh.open_tree(&name).map_err(engine)?;
            entries += super::fill::write_full_leaves(&into, || from.iter()).map_err(engine)?;
        }
        let next = self.next_id()?;
        fresh
            .open_tree(trees::META)
            .and_then(|meta| meta.insert(META_ID_BASE, &next.to_be_bytes()))
            .map_err(engine)?;
        fresh.flush().map_err(engine)?;
        // A handle for writing: Windows' FlushFileBuffers refuses a read-only one.
        std::fs::OpenOptions::new()
            .write(true)
            .open(to.join("db"))
            .and_then(|f| f.sync_all())
            .map_err(|e| io_error(to, e))?;
        drop(fresh);
        if !wait_until_closed(to) {
            return Err(StoreError::Locked {
                dir: to.to_path_buf(),
            });
        }
        Ok(entries)
    }
}

/// Puts the store built in `new_dir` in the place of the one in `dir`
/// (closed), then deletes the old files. Before the old files are out, an
/// error removes the new store and leaves the old one in use; after, the
/// next open finishes the swap.
fn swap(dir: &Path, new_dir: &Path) -> Result<()> {
    let refused = |e: StoreError| {
        let _ = std::fs::remove_dir_all(new_dir);
        e
    };
    let _guard = lock(dir).map_err(refused)?;
    if !wait_until_closed(dir) {
        return Err(refused(StoreError::Locked {
            dir: dir.to_path_buf(),
        }));
    }
    let old_dir = dir.join(OLD_DIR);
    let moved = (|| -> std::io::Result<()> {
        if old_dir.exists() {
            std::fs::remove_dir_all(&old_dir)?;
        }
        private_fs::create_dir_all_private(&old_dir)?;
        move_sled_files(dir, &old_dir)?;
        private_fs::write_private(&old_dir.join(OLD_COMPLETE), b"")?;
        std::fs::OpenOptions::new()
            .write(true)
            .open(old_dir.join(OLD_COMPLETE))?
            .sync_all()?;
        sync_dir(&old_dir)?;
        Ok(())
    })();
    if let Err(e) = moved {
        // Put back whatever moved; the original stays in use.
        let _ = std::fs::remove_file(old_dir.join(OLD_COMPLETE));
        let _ = move_sled_files(&old_dir, dir);
        let _ = std::fs::remove_dir_all(&old_dir);
        return Err(refused(io_error(dir, e)));
    }
    // From here on the new store is the store: an error is finished at the
    // next open (see `finish_interrupted`).
    let finish = (|| -> std::io::Result<()> {
        move_sled_files(new_dir, dir)?;
        std::fs::remove_dir_all(&old_dir)?;
        std::fs::remove_dir_all(new_dir)?;
        sync_dir(dir)
    })();
    finish.map_err(|e| io_error(dir, e))
}

/// The paths a rewrite uses inside `dir` (for tests and tools).
pub fn work_dirs(dir: &Path) -> [PathBuf; 2] {
    [dir.join(NEW_DIR), dir.join(OLD_DIR)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Patient;
    use crate::service::demo::DemoGenerator;

    fn patient(seed: u64, cognome: &str) -> Patient {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut p = DemoGenerator::new(seed, today).next_patient(&|_| false);
        p.cognome = cognome.into();
        p
    }

    fn cognomi(store: &Store) -> Vec<String> {
        let mut out: Vec<String> = store
            .patients
            .iter()
            .map(|item| {
                let (_, v) = item.unwrap();
                super::super::records::decode_patient(&v).unwrap().cognome
            })
            .collect();
        out.sort();
        out
    }

    /// A store in `dir` holding one patient named `cognome`, closed.
    fn store_with(dir: &Path, cognome: &str) {
        let store = Store::open(dir).unwrap();
        store.insert_patient(&mut patient(1, cognome)).unwrap();
        store.make_durable().unwrap();
    }

    #[test]
    fn a_rewrite_keeps_every_record_and_drops_the_old_versions() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut p = patient(1, "ZZTOPOLINOZZ");
        store.insert_patient(&mut p).unwrap();
        store.insert_patient(&mut patient(2, "Rossi")).unwrap();
        p.cognome = "Paperino".into();
        store.update_patient(&p).unwrap();
        store.make_durable().unwrap();
        let (store, report) = store.rewrite().unwrap();
        assert_eq!((report.patients, report.bytes_after > 0), (2, true));
        assert_eq!(cognomi(&store), ["Paperino", "Rossi"]);
        assert!(store.check().unwrap().is_ok());
        drop(store);
        let db = std::fs::read(dir.path().join("db")).unwrap();
        assert!(!db.windows(12).any(|w| w == b"ZZTOPOLINOZZ"));
        for work in work_dirs(dir.path()) {
            assert!(!work.exists(), "{}", work.display());
        }
    }

    #[test]
    fn a_second_handle_refuses_the_rewrite_and_leaves_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.insert_patient(&mut patient(1, "Rossi")).unwrap();
        let other = store.clone();
        let e = match store.rewrite() {
            Err(e) => e,
            Ok(_) => panic!("rewritten under another handle"),
        };
        assert!(matches!(e, StoreError::Locked { .. }), "{e}");
        assert_eq!(cognomi(&other), ["Rossi"]);
        for work in work_dirs(dir.path()) {
            assert!(!work.exists(), "{}", work.display());
        }
    }

    #[test]
    fn a_swap_interrupted_before_the_mark_puts_the_old_store_back() {
        let dir = tempfile::tempdir().unwrap();
        store_with(dir.path(), "Vecchio");
        std::fs::create_dir(dir.path().join(NEW_DIR)).unwrap();
        std::fs::write(dir.path().join(NEW_DIR).join("db"), b"partial").unwrap();
        std::fs::create_dir(dir.path().join(OLD_DIR)).unwrap();
        // Only some of the old files had moved.
        std::fs::rename(dir.path().join("db"), dir.path().join(OLD_DIR).join("db")).unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(cognomi(&store), ["Vecchio"]);
        for work in work_dirs(dir.path()) {
            assert!(!work.exists(), "{}", work.display());
        }
    }

    #[test]
    fn a_swap_interrupted_after_the_mark_finishes_with_the_new_store() {
        let dir = tempfile::tempdir().unwrap();
        store_with(dir.path(), "Vecchio");
        let new = dir.path().join(NEW_DIR);
        store_with(&new, "Nuovo");
        let old = dir.path().join(OLD_DIR);
        std::fs::create_dir(&old).unwrap();
        move_sled_files(dir.path(), &old).unwrap();
        std::fs::write(old.join(OLD_COMPLETE), b"").unwrap();
        // Only the new `conf` had moved in.
        std::fs::rename(new.join("conf"), dir.path().join("conf")).unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(cognomi(&store), ["Nuovo"]);
        for work in work_dirs(dir.path()) {
            assert!(!work.exists(), "{}", work.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_open_store_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("dati");
        store_with(&data, "Rossi");
        std::fs::create_dir(data.join("stampe")).unwrap();
        std::fs::write(data.join("stampe/x.txt"), b"x").unwrap();
        std::fs::write(data.join("altro.txt"), b"x").unwrap();
        let all = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
        };
        all(&data, 0o755);
        all(&data.join("db"), 0o644);
        all(&data.join("conf"), 0o644);
        all(&data.join("stampe"), 0o755);
        all(&data.join("stampe/x.txt"), 0o644);
        all(&data.join("altro.txt"), 0o644);
        // Checked while open: a snapshot sled writes when it closes is
        // created with the process's umask (the program sets 0077), inside
        // the folder that is now 0700.
        let store = Store::open(&data).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join("db")), 0o600);
        assert_eq!(mode(&data.join("conf")), 0o600);
        assert_eq!(mode(&data.join("stampe")), 0o700);
        assert_eq!(mode(&data.join("stampe/x.txt")), 0o600);
        for e in std::fs::read_dir(&data).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with("snap.") {
                assert_eq!(mode(&data.join(&name)), 0o600, "{name}");
            }
        }
        // Not sportello's: left alone.
        assert_eq!(mode(&data.join("altro.txt")), 0o644);
        drop(store);
    }
}
