//! Backups in a format of our own: every tree's keys and stored (versioned)
//! values, framed and checksummed, so that a store sled can no longer open is
//! still recoverable from its last backup.
//!
//! Layout: the 16-byte magic `SPORTELLO-BACKUP`, a format byte, then frames:
//! `1` tree (name length u16 BE, name), `2` entry (key length u32 BE, key,
//! value length u32 BE, value), `3` end (entry count u64 BE, SHA-256 of every
//! byte after the format byte up to the end tag). Nothing may follow the end.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Store, StoreError};

pub const MAGIC: &[u8; 16] = b"SPORTELLO-BACKUP";
pub const FORMAT: u8 = 1;
const TAG_TREE: u8 = 1;
const TAG_ENTRY: u8 = 2;
const TAG_END: u8 = 3;
const MAX_KEY: usize = 64 * 1024;
const MAX_VALUE: usize = super::codec::LIMIT + 1;

/// What a backup holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupSummary {
    /// (tree name, entries), in file order.
    pub trees: Vec<(String, u64)>,
    pub entries: u64,
    pub bytes: u64,
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
    /// name beside it, fsynced, verified by reading it back, then renamed.
    pub fn backup_to(&self, path: &Path) -> std::result::Result<BackupSummary, BackupError> {
        let tmp = path.with_extension("tmp");
        let written = self.write_backup(&tmp);
        let verified = written.and_then(|w| verify_backup(&tmp).map(|v| (w, v)));
        match verified {
            Ok((w, v)) if w == v.entries => {
                std::fs::rename(&tmp, path).map_err(|e| io_err(path, e))?;
                if let Some(dir) = path.parent()
                    && let Ok(d) = File::open(dir)
                {
                    let _ = d.sync_all();
                }
                Ok(v)
            }
            Ok((w, v)) => {
                let _ = std::fs::remove_file(&tmp);
                Err(BackupError::Damaged {
                    path: tmp,
                    reason: format!("scritte {w} voci, rilette {}", v.entries),
                })
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    fn write_backup(&self, path: &Path) -> std::result::Result<u64, BackupError> {
        let file = File::create(path).map_err(|e| io_err(path, e))?;
        let mut raw = BufWriter::new(file);
        raw.write_all(MAGIC).map_err(|e| io_err(path, e))?;
        raw.write_all(&[FORMAT]).map_err(|e| io_err(path, e))?;
        let mut w = Hashing {
            inner: raw,
            hash: Sha256::new(),
            bytes: 0,
        };
        let mut entries = 0u64;
        let mut names: Vec<Vec<u8>> = self
            .db
            .tree_names()
            .into_iter()
            .map(|n| n.to_vec())
            .filter(|n| n.as_slice() != b"__sled__default")
            .collect();
        names.sort();
        for name in names {
            let tree = self.db.open_tree(&name).map_err(|e| self.fatal(e))?;
            let io = |e| io_err(path, e);
            w.write_all(&[TAG_TREE]).map_err(io)?;
            w.write_all(&(name.len() as u16).to_be_bytes())
                .map_err(io)?;
            w.write_all(&name).map_err(io)?;
            for item in tree.iter() {
                let (k, v) = item.map_err(|e| self.fatal(e))?;
                let io = |e| io_err(path, e);
                w.write_all(&[TAG_ENTRY]).map_err(io)?;
                w.write_all(&(k.len() as u32).to_be_bytes()).map_err(io)?;
                w.write_all(&k).map_err(io)?;
                w.write_all(&(v.len() as u32).to_be_bytes()).map_err(io)?;
                w.write_all(&v).map_err(io)?;
                entries += 1;
            }
        }
        let io = |e| io_err(path, e);
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

/// Receives each entry of a backup: tree name, key, value.
type EntrySink<'a> =
    dyn FnMut(&[u8], Vec<u8>, Vec<u8>) -> std::result::Result<(), BackupError> + 'a;

/// Reads a backup through, calling `each(tree, key, value)` for every entry,
/// and checks its structure, counts and checksum.
fn read_backup(
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

/// Replaces the store in `data_dir` with the content of `backup`.
///
/// The backup is verified first; the new store is built beside the current
/// one and checked; only then is the current one moved aside (kept as
/// `<dir>.prima-del-ripristino-N`) and the new one put in its place. On any
/// error the current store is left as it was. Returns the summary and where
/// the previous store was kept.
pub fn restore_backup(
    backup: &Path,
    data_dir: &Path,
) -> std::result::Result<(BackupSummary, Option<PathBuf>), BackupError> {
    verify_backup(backup)?;
    let staging = sibling(data_dir, "ripristino-in-corso");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| io_err(&staging, e))?;
    }
    let built = (|| {
        let store = Store::open(&staging)?;
        // The new, empty store marks its name-word index built; the backup
        // says whether its own is (a backup written before that index existed
        // has neither the entries nor the mark, and gets them built below).
        store.forget_name_word_index()?;
        let summary = read_backup(backup, &mut |tree, key, value| {
            let t = store.db.open_tree(tree).map_err(|e| store.fatal(e))?;
            t.insert(key, value).map_err(|e| store.fatal(e))?;
            Ok(())
        })?;
        store.upgrade_format(&mut || {})?;
        store.make_durable()?;
        let report = store.check()?;
        if !report.is_ok() {
            return Err(BackupError::Damaged {
                path: backup.to_path_buf(),
                reason: format!(
                    "l'archivio ricostruito non supera il controllo: {}",
                    report.problems.first().cloned().unwrap_or_default()
                ),
            });
        }
        Ok(summary)
    })();
    let summary = match built {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let kept = if data_dir.exists() {
        // Fails with a lock error if the store is open elsewhere.
        drop(Store::open(data_dir)?);
        let mut n = 1;
        let mut aside = sibling(data_dir, &format!("prima-del-ripristino-{n}"));
        while aside.exists() {
            n += 1;
            aside = sibling(data_dir, &format!("prima-del-ripristino-{n}"));
        }
        std::fs::rename(data_dir, &aside).map_err(|e| io_err(data_dir, e))?;
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&staging, data_dir).map_err(|e| io_err(data_dir, e))?;
    // The automatic backups stay with the store in use.
    if let Some(aside) = &kept {
        let old = aside.join("backup");
        if old.is_dir() {
            let _ = std::fs::rename(&old, data_dir.join("backup"));
        }
    }
    Ok((summary, kept))
}

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
