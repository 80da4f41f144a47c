//! Backups in a format of our own: every tree's keys and stored (versioned)
//! values, framed and checksummed, so that a store sled can no longer open is
//! still recoverable from its last backup.
//!
//! Layout: the 16-byte magic `SPORTELLO-BACKUP`, a format byte, then frames:
//! `1` tree (name length u16 BE, name), `2` entry (key length u32 BE, key,
//! value length u32 BE, value), `3` end (entry count u64 BE, SHA-256 of every
//! byte after the format byte up to the end tag). Nothing may follow the end.
//!
//! A backup written by this version starts with a tree named
//! `__sportello_backup` holding `written_at` (local time, `%Y-%m-%dT%H:%M:%S`):
//! the same format byte, since an older sportello reads it as one more tree;
//! a restore leaves that tree out of the store.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::scratch::{TempDir, TempFile};
use super::{Store, StoreError};
use crate::domain::audit::{AuditRecord, Hash};

pub const MAGIC: &[u8; 16] = b"SPORTELLO-BACKUP";
pub const FORMAT: u8 = 1;
const TAG_TREE: u8 = 1;
const TAG_ENTRY: u8 = 2;
const TAG_END: u8 = 3;
const MAX_KEY: usize = 64 * 1024;
const MAX_VALUE: usize = super::codec::LIMIT + 1;
/// The tree holding what a backup says of itself (not a tree of the store).
pub const INFO_TREE: &str = "__sportello_backup";
const INFO_WRITTEN_AT: &[u8] = b"written_at";
const INFO_TIME: &str = "%Y-%m-%dT%H:%M:%S";

/// What a backup holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupSummary {
    /// (tree name, entries), in file order.
    pub trees: Vec<(String, u64)>,
    pub entries: u64,
    pub bytes: u64,
    /// When it was written (absent in backups of older versions).
    pub written_at: Option<NaiveDateTime>,
    /// The last audit entry it holds: number and hash.
    pub audit_head: Option<(u64, Hash)>,
}

impl BackupSummary {
    /// Entries of the tree `name` (0 when absent).
    pub fn count(&self, name: &str) -> u64 {
        self.trees
            .iter()
            .filter(|(t, _)| t == name)
            .map(|(_, n)| *n)
            .sum()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("Il file {0} non è un backup di sportello")]
    Foreign(PathBuf),
    #[error("Il backup {0} è di una versione più recente di sportello (formato {1})")]
    NewerFormat(PathBuf, u8),
    #[error("Il backup {path} è danneggiato: {reason}")]
    Damaged { path: PathBuf, reason: String },
    #[error("Errore di lettura o scrittura su {path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error(
        "Passphrase errata per il backup {0}: il backup non è stato aperto e l'archivio non è stato toccato."
    )]
    WrongPassphrase(PathBuf),
    #[error("Cifratura o decifratura del backup non riuscita: {0}")]
    Crypto(String),
    #[error(
        "La destinazione {dest} è dentro la cartella dei dati {data}: il backup sostituirebbe i file dell'archivio. Scegliere un file fuori dalla cartella dei dati (per esempio su una chiavetta); i backup automatici sono già nella sua cartella \"backup\"."
    )]
    InsideDataDir { dest: PathBuf, data: PathBuf },
    #[error("{0} è una cartella: indicare il nome del file di backup da scrivere.")]
    IsFolder(PathBuf),
    #[error(
        "Il file {0} esiste e non è un backup di sportello: non viene sovrascritto. Scegliere un altro nome."
    )]
    NotABackup(PathBuf),
    #[error("Il backup {0} esiste già: per sostituirlo ripetere il comando con --sovrascrivi.")]
    AlreadyExists(PathBuf),
    #[error(
        "Il backup cifrato {path} chiede un costo di decifratura eccessivo (scrypt 2^{work}, il massimo accettato è 2^{max}): non viene aperto. sportello non cifra mai così: il file è stato alterato o non è un backup di sportello."
    )]
    ExcessiveWork { path: PathBuf, work: u8, max: u8 },
    #[error("Un altro ripristino è in corso in {0}: attendere che finisca e riprovare.")]
    RestoreInProgress(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Refused by the desk (role) or its audit record failed.
    #[error("{0}")]
    Refused(String),
}

fn io_err(path: &Path, e: std::io::Error) -> BackupError {
    BackupError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// A writer that hashes what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Store {
    /// Writes a backup of the whole store to `path`: first to a temporary
    /// file of our own beside it, fsynced, verified by reading it back, then
    /// renamed. The destination is not checked here: see
    /// [`check_destination`] for backups made by hand.
    pub fn backup_to(&self, path: &Path) -> std::result::Result<BackupSummary, BackupError> {
        self.backup_dated(path, None)
    }

    /// [`Store::backup_to`], recording in the backup when it was written.
    pub fn backup_dated(
        &self,
        path: &Path,
        written_at: Option<NaiveDateTime>,
    ) -> std::result::Result<BackupSummary, BackupError> {
        let tmp = TempFile::beside(path).map_err(|e| io_err(path, e))?;
        let summary = self.write_verified(&tmp, written_at)?;
        tmp.persist(path).map_err(|e| io_err(path, e))?;
        sync_parent(path);
        Ok(summary)
    }

    /// Writes a backup into `tmp` and reads it back.
    pub(crate) fn write_verified(
        &self,
        tmp: &TempFile,
        written_at: Option<NaiveDateTime>,
    ) -> std::result::Result<BackupSummary, BackupError> {
        let file = tmp.handle().map_err(|e| io_err(tmp.path(), e))?;
        let written = self.write_backup(file, tmp.path(), written_at)?;
        let read = verify_backup(tmp.path())?;
        if written != read.entries {
            return Err(BackupError::Damaged {
                path: tmp.path().to_path_buf(),
                reason: format!("scritte {written} voci, rilette {}", read.entries),
            });
        }
        Ok(read)
    }

    fn write_backup(
        &self,
        file: File,
        path: &Path,
        written_at: Option<NaiveDateTime>,
    ) -> std::result::Result<u64, BackupError> {
        let mut raw = BufWriter::new(file);
        raw.write_all(MAGIC).map_err(|e| io_err(path, e))?;
        raw.write_all(&[FORMAT]).map_err(|e| io_err(path, e))?;
        let mut w = Hashing {
            inner: raw,
            hash: Sha256::new(),
            bytes: 0,
        };
        let mut entries = 0u64;
        let io = |e| io_err(path, e);
        if let Some(at) = written_at {
            // What the backup says of itself: a tree that a restore skips
            // (and that an older sportello restores as an unused tree).
            let name = INFO_TREE.as_bytes();
            w.write_all(&[TAG_TREE]).map_err(io)?;
            w.write_all(&(name.len() as u16).to_be_bytes())
                .map_err(io)?;
            w.write_all(name).map_err(io)?;
            let value = at.format(INFO_TIME).to_string();
            write_entry(&mut w, INFO_WRITTEN_AT, value.as_bytes()).map_err(io)?;
            entries += 1;
        }
        let mut names: Vec<Vec<u8>> = self
            .db
            .tree_names()
            .into_iter()
            .map(|n| n.to_vec())
            .filter(|n| n.as_slice() != b"__sled__default" && n.as_slice() != INFO_TREE.as_bytes())
            .collect();
        names.sort();
        for name in names {
            let tree = self.db.open_tree(&name).map_err(|e| self.fatal(e))?;
            w.write_all(&[TAG_TREE]).map_err(io)?;
            w.write_all(&(name.len() as u16).to_be_bytes())
                .map_err(io)?;
            w.write_all(&name).map_err(io)?;
            for item in tree.iter() {
                let (k, v) = item.map_err(|e| self.fatal(e))?;
                write_entry(&mut w, &k, &v).map_err(io)?;
                entries += 1;
            }
        }
        w.write_all(&[TAG_END]).map_err(io)?;
        w.write_all(&entries.to_be_bytes()).map_err(io)?;
        let digest = w.hash.finalize();
        let mut raw = w.inner;
        raw.write_all(&digest).map_err(io)?;
        let file = raw.into_inner().map_err(|e| io_err(path, e.into_error()))?;
        file.sync_all().map_err(|e| io_err(path, e))?;
        Ok(entries)
    }
}

fn write_entry<W: Write>(w: &mut W, key: &[u8], value: &[u8]) -> std::io::Result<()> {
    w.write_all(&[TAG_ENTRY])?;
    w.write_all(&(key.len() as u32).to_be_bytes())?;
    w.write_all(key)?;
    w.write_all(&(value.len() as u32).to_be_bytes())?;
    w.write_all(value)
}

/// Makes a rename in `path`'s folder durable (where the platform allows).
pub(crate) fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Whether `path` starts like a backup of ours, plain or encrypted.
fn is_our_backup(path: &Path) -> bool {
    let mut magic = [0u8; 16];
    let plain = File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == MAGIC;
    plain || super::cifra::is_encrypted(path).unwrap_or(false)
}

/// Refuses a destination of a backup made by hand that would destroy
/// something: a path inside the data folder (its `db`, `conf`, `snap.*`, the
/// folder itself, the automatic backups' folder), a folder, an existing file
/// that is not a backup of ours, or one of ours unless `overwrite`.
pub fn check_destination(
    data_dir: &Path,
    dest: &Path,
    overwrite: bool,
) -> std::result::Result<(), BackupError> {
    let data = data_dir.canonicalize().map_err(|e| io_err(data_dir, e))?;
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let folder = parent.canonicalize().map_err(|e| io_err(parent, e))?;
    let Some(name) = dest.file_name() else {
        return Err(BackupError::IsFolder(dest.to_path_buf()));
    };
    let target = dest.canonicalize().unwrap_or_else(|_| folder.join(name));
    if folder.starts_with(&data) || target.starts_with(&data) {
        return Err(BackupError::InsideDataDir {
            dest: dest.to_path_buf(),
            data: data_dir.to_path_buf(),
        });
    }
    match std::fs::metadata(&target) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() => Err(BackupError::IsFolder(dest.to_path_buf())),
        Ok(_) if !is_our_backup(&target) => Err(BackupError::NotABackup(dest.to_path_buf())),
        Ok(_) if !overwrite => Err(BackupError::AlreadyExists(dest.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

/// Receives each entry of a backup: tree name, key, value.
pub(crate) type EntrySink<'a> =
    dyn FnMut(&[u8], Vec<u8>, Vec<u8>) -> std::result::Result<(), BackupError> + 'a;

/// Reads a backup through, calling `each(tree, key, value)` for every entry,
/// and checks its structure, counts and checksum.
pub(crate) fn read_backup(
    path: &Path,
    each: &mut EntrySink<'_>,
) -> std::result::Result<BackupSummary, BackupError> {
    let damaged = |reason: &str| BackupError::Damaged {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let file = File::open(path).map_err(|e| io_err(path, e))?;
    let mut r = BufReader::new(file);
    let mut magic = [0u8; 16];
    if r.read_exact(&mut magic).is_err() || &magic != MAGIC {
        return Err(BackupError::Foreign(path.to_path_buf()));
    }
    let mut format = [0u8; 1];
    r.read_exact(&mut format)
        .map_err(|_| damaged("file troncato"))?;
    if format[0] != FORMAT {
        return Err(BackupError::NewerFormat(path.to_path_buf(), format[0]));
    }
    let mut hash = Sha256::new();
    let mut summary = BackupSummary::default();
    let mut current: Option<Vec<u8>> = None;
    let mut last_audit: Option<Vec<u8>> = None;
    let read = |r: &mut BufReader<File>, n: usize, hash: &mut Sha256| {
        let mut buf = vec![0u8; n];
        r.read_exact(&mut buf)
            .map_err(|_| damaged("file troncato"))?;
        hash.update(&buf);
        Ok::<Vec<u8>, BackupError>(buf)
    };
    loop {
        let tag = read(&mut r, 1, &mut hash)?[0];
        match tag {
            TAG_TREE => {
                let len = be(&read(&mut r, 2, &mut hash)?);
                let name = read(&mut r, len as usize, &mut hash)?;
                summary
                    .trees
                    .push((String::from_utf8_lossy(&name).into_owned(), 0));
                current = Some(name);
            }
            TAG_ENTRY => {
                let Some(tree) = &current else {
                    return Err(damaged("voce fuori da un archivio"));
                };
                let klen = be(&read(&mut r, 4, &mut hash)?) as usize;
                if klen > MAX_KEY {
                    return Err(damaged("chiave troppo lunga"));
                }
                let key = read(&mut r, klen, &mut hash)?;
                let vlen = be(&read(&mut r, 4, &mut hash)?) as usize;
                if vlen > MAX_VALUE {
                    return Err(damaged("valore troppo lungo"));
                }
                let value = read(&mut r, vlen, &mut hash)?;
                if tree.as_slice() == super::trees::AUDIT.as_bytes() {
                    last_audit = Some(value.clone());
                } else if tree.as_slice() == INFO_TREE.as_bytes() && key == INFO_WRITTEN_AT {
                    summary.written_at = std::str::from_utf8(&value)
                        .ok()
                        .and_then(|v| NaiveDateTime::parse_from_str(v, INFO_TIME).ok());
                }
                each(tree, key, value)?;
                summary.entries += 1;
                if let Some(last) = summary.trees.last_mut() {
                    last.1 += 1;
                }
            }
            TAG_END => {
                let count = be(&read(&mut r, 8, &mut hash)?);
                let expected = hash.finalize();
                let mut found = [0u8; 32];
                r.read_exact(&mut found)
                    .map_err(|_| damaged("file troncato"))?;
                if count != summary.entries {
                    return Err(damaged("numero di voci diverso da quello dichiarato"));
                }
                if found[..] != expected[..] {
                    return Err(damaged("somma di controllo errata"));
                }
                let mut rest = [0u8; 1];
                if r.read(&mut rest).map_err(|e| io_err(path, e))? != 0 {
                    return Err(damaged("dati in eccesso dopo la fine"));
                }
                summary.bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                summary.audit_head = last_audit
                    .and_then(|v| super::records::decode_audit(&v).ok())
                    .map(|e| (e.seq, e.hash));
                return Ok(summary);
            }
            _ => return Err(damaged("struttura non riconosciuta")),
        }
    }
}

/// Reads a whole backup and checks its structure and checksum.
pub fn verify_backup(path: &Path) -> std::result::Result<BackupSummary, BackupError> {
    read_backup(path, &mut |_, _, _| Ok(()))
}

/// The store a restore would replace, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrentStore {
    /// No store in the data folder.
    Absent,
    /// Opened and counted.
    Readable {
        patients: u64,
        audit_head: Option<(u64, Hash)>,
    },
    /// It does not open (damaged): it is set aside as it is.
    Unreadable,
}

/// A verified backup ready to replace the store in `data_dir`: what it
/// holds and what it replaces, for the operator to confirm. Nothing has
/// been changed yet; [`RestorePlan::apply`] does the work.
#[derive(Debug)]
pub struct RestorePlan {
    /// The file the operator named (encrypted or not).
    pub backup: PathBuf,
    /// SHA-256 of that file.
    pub sha256: Hash,
    pub summary: BackupSummary,
    /// When the backup was written: recorded in it, or else the file's
    /// modification time.
    pub written_at: Option<NaiveDateTime>,
    pub current: CurrentStore,
    pub data_dir: PathBuf,
    /// Where the current store will be kept (`DIR.prima-del-ripristino-N`).
    pub aside: Option<PathBuf>,
    /// The plain backup to read: `backup` itself, or its decrypted copy.
    plain: PathBuf,
    _decrypted: Option<TempFile>,
}

/// Verifies `backup` and looks at the store it would replace, without
/// changing anything (see [`RestorePlan`]).
pub fn plan_restore(
    backup: &Path,
    data_dir: &Path,
) -> std::result::Result<RestorePlan, BackupError> {
    plan_restore_of(backup, None, data_dir)
}

/// [`plan_restore`] of `backup` whose plain content is in `decrypted`.
pub(crate) fn plan_restore_of(
    backup: &Path,
    decrypted: Option<TempFile>,
    data_dir: &Path,
) -> std::result::Result<RestorePlan, BackupError> {
    let plain = decrypted
        .as_ref()
        .map(|t| t.path().to_path_buf())
        .unwrap_or_else(|| backup.to_path_buf());
    let summary = verify_backup(&plain)?;
    let sha256 = file_sha256(backup)?;
    let written_at = summary.written_at.or_else(|| {
        let modified = std::fs::metadata(backup).and_then(|m| m.modified()).ok()?;
        Some(chrono::DateTime::<chrono::Local>::from(modified).naive_local())
    });
    let current = peek_store(data_dir)?;
    let aside = data_dir.exists().then(|| set_aside_name(data_dir));
    Ok(RestorePlan {
        backup: backup.to_path_buf(),
        sha256,
        summary,
        written_at,
        current,
        data_dir: data_dir.to_path_buf(),
        aside,
        plain,
        _decrypted: decrypted,
    })
}

fn file_sha256(path: &Path) -> std::result::Result<Hash, BackupError> {
    let mut file = BufReader::new(File::open(path).map_err(|e| io_err(path, e))?);
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(|e| io_err(path, e))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hash.finalize().into())
}

/// The first free `DIR.prima-del-ripristino-N`.
fn set_aside_name(data_dir: &Path) -> PathBuf {
    let mut n = 1;
    loop {
        let aside = sibling(data_dir, &format!("{SET_ASIDE}{n}"));
        if !aside.exists() {
            return aside;
        }
        n += 1;
    }
}

/// Name of the folders a restore sets aside, before their number.
pub const SET_ASIDE: &str = "prima-del-ripristino-";

/// The lock of the store's data file, which sled holds while the store is
/// open: refused with [`StoreError::Locked`] when another program has it.
/// `None` when there is no data file.
fn lock_store(data_dir: &Path) -> std::result::Result<Option<File>, BackupError> {
    let Ok(file) = File::open(data_dir.join("db")) else {
        return Ok(None);
    };
    // A handle this process dropped a moment ago lets go of it shortly.
    for _ in 0..super::LOCK_RETRIES {
        if file.try_lock().is_ok() {
            return Ok(Some(file));
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    Err(BackupError::Store(StoreError::Locked {
        dir: data_dir.to_path_buf(),
    }))
}

/// Counts the patients and reads the audit head of the store in `dir`
/// without the store's own checks: a damaged store (even one that makes the
/// engine panic) is [`CurrentStore::Unreadable`], one open elsewhere is
/// refused.
fn peek_store(dir: &Path) -> std::result::Result<CurrentStore, BackupError> {
    if !dir.join("db").is_file() {
        return Ok(CurrentStore::Absent);
    }
    drop(lock_store(dir)?);
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let peeked = std::panic::catch_unwind(|| -> std::result::Result<_, sled::Error> {
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(16 * 1024 * 1024)
            .open()?;
        let mut patients = 0u64;
        for item in db.open_tree(super::trees::PATIENTS)?.iter() {
            item?;
            patients += 1;
        }
        let head = db
            .open_tree(super::trees::META)?
            .get(super::operators::META_AUDIT_HEAD)?
            .and_then(|v| super::operators::decode_head(&v));
        Ok((patients, head))
    });
    std::panic::set_hook(quiet);
    Ok(match peeked {
        Ok(Ok((patients, audit_head))) => CurrentStore::Readable {
            patients,
            audit_head,
        },
        Ok(Err(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock") => {
            return Err(BackupError::Store(StoreError::Locked {
                dir: dir.to_path_buf(),
            }));
        }
        _ => CurrentStore::Unreadable,
    })
}

impl RestorePlan {
    /// Builds the new store beside the current one from the backup, adds
    /// `record` to its audit trail, checks it; then moves the current store
    /// aside (when there is one) and puts the new one in its place. On any
    /// error the current store is left as it was and the new one removed.
    /// Returns the summary and where the previous store was kept.
    pub fn apply(
        self,
        record: &AuditRecord,
    ) -> std::result::Result<(BackupSummary, Option<PathBuf>), BackupError> {
        let data_dir = self.data_dir.as_path();
        let staging = sibling(data_dir, super::scratch::STAGING);
        if staging.exists() {
            if !super::scratch::staging_unused(&staging) {
                return Err(BackupError::RestoreInProgress(staging));
            }
            std::fs::remove_dir_all(&staging).map_err(|e| io_err(&staging, e))?;
        }
        let built = TempDir::create_new(&staging).map_err(|e| io_err(&staging, e))?;
        let summary = {
            let store = Store::open(built.path())?;
            // The new, empty store marks its name-word index built; the
            // backup says whether its own is (a backup written before that
            // index existed has neither the entries nor the mark, and gets
            // them built below). The same for the index of other name forms.
            store.forget_name_word_index()?;
            store.forget_name_other_index()?;
            // sled's id generator is not in any tree: the new store must give
            // out ids above every restored one (records are keyed by their
            // big-endian id; an overestimate only skips ids).
            let mut id_floor = 0u64;
            let summary = read_backup(&self.plain, &mut |tree, key, value| {
                if tree == INFO_TREE.as_bytes() {
                    return Ok(());
                }
                if let Ok(id) = <[u8; 8]>::try_from(key.as_slice()) {
                    let id = u64::from_be_bytes(id);
                    if id < MAX_PLAUSIBLE_ID {
                        id_floor = id_floor.max(id);
                    }
                }
                if tree == super::trees::META.as_bytes()
                    && key == super::rewrite::META_ID_BASE
                    && let Ok(base) = <[u8; 8]>::try_from(value.as_slice())
                {
                    id_floor = id_floor.max(u64::from_be_bytes(base));
                }
                let t = store.db.open_tree(tree).map_err(|e| store.fatal(e))?;
                t.insert(key, value).map_err(|e| store.fatal(e))?;
                Ok(())
            })?;
            store.set_id_base(id_floor)?;
            store.upgrade_format(&mut || {})?;
            store.append_audit(record)?;
            store.make_durable()?;
            let report = store.check()?;
            if !report.is_ok() {
                return Err(BackupError::Damaged {
                    path: self.backup.clone(),
                    reason: format!(
                        "l'archivio ricostruito non supera il controllo: {}",
                        report.texts().first().cloned().unwrap_or_default()
                    ),
                });
            }
            summary
        };
        // Held across the swap (on Unix; Windows cannot rename a folder
        // holding an open file): no sportello opens the store meanwhile.
        let lock = lock_store(data_dir)?;
        #[cfg(not(unix))]
        drop(lock);
        let kept = {
            // A signal waits for the swap to finish (see scratch::registry).
            let mut list = super::scratch::registry();
            let kept = if data_dir.exists() {
                let aside = set_aside_name(data_dir);
                std::fs::rename(data_dir, &aside).map_err(|e| io_err(data_dir, e))?;
                if let Err(e) = std::fs::rename(built.path(), data_dir) {
                    let _ = std::fs::rename(&aside, data_dir);
                    return Err(io_err(data_dir, e));
                }
                Some(aside)
            } else {
                std::fs::rename(built.path(), data_dir).map_err(|e| io_err(data_dir, e))?;
                None
            };
            built.keep(&mut list);
            kept
        };
        #[cfg(unix)]
        drop(lock);
        if let Some(aside) = &kept {
            // The pruning of set-aside stores goes by when they were set aside.
            if let Ok(d) = File::open(aside) {
                let _ = d.set_modified(std::time::SystemTime::now());
            }
            // The automatic backups stay with the store in use.
            let old = aside.join("backup");
            if old.is_dir() {
                let _ = std::fs::rename(&old, data_dir.join("backup"));
            }
        }
        // The renames in the data folder's parent.
        sync_parent(data_dir);
        Ok((summary, kept))
    }

    /// The audit entry a restore adds to the restored trail: the backup
    /// file, its SHA-256, and the head of the trail it replaces, so that a
    /// roll-back to an older trail shows.
    pub fn audit_summary(&self) -> String {
        let replaced = match &self.current {
            CurrentStore::Absent => "nessun archivio sostituito".to_string(),
            CurrentStore::Readable {
                audit_head: Some((seq, hash)),
                ..
            } => format!(
                "il registro sostituito arrivava alla voce {}",
                crate::domain::audit::anchor(*seq, hash)
            ),
            CurrentStore::Readable {
                audit_head: None, ..
            } => "il registro sostituito era vuoto".to_string(),
            CurrentStore::Unreadable => {
                "il registro sostituito non si è potuto leggere (archivio danneggiato)".to_string()
            }
        };
        let file = std::path::absolute(&self.backup).unwrap_or_else(|_| self.backup.clone());
        format!(
            "ripristino dal backup {} (SHA-256 {}{}); {replaced}",
            file.display(),
            crate::domain::audit::hex(&self.sha256),
            self.written_at
                .map(|t| format!(", scritto il {}", t.format("%d/%m/%Y %H:%M")))
                .unwrap_or_default()
        )
    }
}

/// Replaces the store in `data_dir` with the content of `backup` without
/// asking (see [`plan_restore`] and [`RestorePlan::apply`]), recording the
/// restore as done from the command line now.
pub fn restore_backup(
    backup: &Path,
    data_dir: &Path,
) -> std::result::Result<(BackupSummary, Option<PathBuf>), BackupError> {
    let plan = plan_restore(backup, data_dir)?;
    let record = plan.record_now();
    plan.apply(&record)
}

impl RestorePlan {
    /// The restore's audit record, by the command line, at the local time.
    pub(crate) fn record_now(&self) -> AuditRecord {
        AuditRecord {
            at: chrono::Local::now().naive_local(),
            operator: "riga di comando".into(),
            action: crate::domain::audit::AuditAction::Backup,
            patient: None,
            summary: self.audit_summary(),
        }
    }
}

/// Ids of records are below this (2^48): an 8-byte key above it is some
/// other value, not an id, and does not move the restored store's ids.
const MAX_PLAUSIBLE_ID: u64 = 1 << 48;

/// A big-endian unsigned number of up to 8 bytes.
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b))
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "archivio".into());
    dir.with_file_name(format!("{name}.{suffix}"))
}
