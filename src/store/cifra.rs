//! Passphrase encryption of backups, in the standard age format (scrypt
//! passphrase recipient): an encrypted backup can also be opened with the
//! `age` or `rage` tools, without sportello.
//!
//! The plaintext is only ever written inside the data folder's parent (the
//! machine that already holds the data), never next to the encrypted file.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

pub use age::secrecy::SecretString;

use super::Store;
use super::backup::{BackupError, BackupSummary, restore_backup, verify_backup};

/// What an age file starts with (binary and ASCII-armoured forms).
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
const AGE_ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Highest scrypt cost accepted when decrypting (2^24: tens of seconds on a
/// slow office PC, far above what encryption picks on any of them).
const MAX_WORK_FACTOR: u8 = 24;

/// The scrypt cost of new encrypted backups: `None` lets age pick about one
/// second on this machine (the production setting); tests pass a small one.
#[derive(Debug, Clone, Copy, Default)]
pub struct WorkFactor(pub Option<u8>);

fn io_err(path: &Path, e: std::io::Error) -> BackupError {
    BackupError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Whether `path` is an encrypted backup (by its first bytes).
pub fn is_encrypted(path: &Path) -> Result<bool, BackupError> {
    let mut head = [0u8; 34];
    let mut file = File::open(path).map_err(|e| io_err(path, e))?;
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(io_err(path, e)),
        }
    }
    Ok(head[..n].starts_with(AGE_MAGIC) || head[..n].starts_with(AGE_ARMOR))
}

/// A scratch file for plaintext beside the data folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn beside(data_dir: &Path, what: &str) -> Scratch {
        let name = data_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "archivio".into());
        Scratch(data_dir.with_file_name(format!(".{name}.{what}-{}.plain", std::process::id())))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn encrypt_file(
    plain: &Path,
    out: &Path,
    passphrase: &SecretString,
    work: WorkFactor,
) -> Result<(), BackupError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    if let Some(log_n) = work.0 {
        recipient.set_work_factor(log_n.clamp(1, 30));
    }
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| BackupError::Crypto(e.to_string()))?;
    let file = File::create(out).map_err(|e| io_err(out, e))?;
    let mut writer = encryptor
        .wrap_output(BufWriter::new(file))
        .map_err(|e| io_err(out, e))?;
    let mut input = BufReader::new(File::open(plain).map_err(|e| io_err(plain, e))?);
    std::io::copy(&mut input, &mut writer).map_err(|e| io_err(out, e))?;
    let buffered = writer.finish().map_err(|e| io_err(out, e))?;
    let file = buffered
        .into_inner()
        .map_err(|e| io_err(out, e.into_error()))?;
    file.sync_all().map_err(|e| io_err(out, e))?;
    Ok(())
}

fn decrypt_file(
    encrypted: &Path,
    out: &Path,
    passphrase: &SecretString,
) -> Result<(), BackupError> {
    let input = BufReader::new(File::open(encrypted).map_err(|e| io_err(encrypted, e))?);
    let decryptor = age::Decryptor::new_buffered(input).map_err(|e| crypto(encrypted, e))?;
    if !decryptor.is_scrypt() {
        return Err(BackupError::Crypto(
            "il file è cifrato per una chiave, non con una passphrase".into(),
        ));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    // age caps the cost it accepts by this machine's speed; a backup
    // encrypted on a faster machine must still open here (slowly).
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as _))
        .map_err(|e| crypto(encrypted, e))?;
    let mut file = BufWriter::new(File::create(out).map_err(|e| io_err(out, e))?);
    std::io::copy(&mut reader, &mut file).map_err(|e| BackupError::Damaged {
        path: encrypted.to_path_buf(),
        reason: format!("contenuto cifrato non valido ({e})"),
    })?;
    file.flush().map_err(|e| io_err(out, e))?;
    Ok(())
}

fn crypto(path: &Path, e: age::DecryptError) -> BackupError {
    use age::DecryptError as D;
    match e {
        D::DecryptionFailed | D::KeyDecryptionFailed | D::NoMatchingKeys => {
            BackupError::WrongPassphrase(path.to_path_buf())
        }
        D::Io(io) => io_err(path, io),
        D::InvalidHeader | D::InvalidMac | D::UnknownFormat => BackupError::Damaged {
            path: path.to_path_buf(),
            reason: "intestazione cifrata non valida".into(),
        },
        other => BackupError::Crypto(other.to_string()),
    }
}

impl Store {
    /// Writes a backup encrypted with `passphrase` to `path`: the verified
    /// plain backup is made beside the data folder, encrypted to a
    /// temporary name beside `path`, decrypted again and verified, renamed
    /// into place; the plaintext is removed in every case.
    pub fn backup_encrypted_to(
        &self,
        path: &Path,
        passphrase: &SecretString,
        work: WorkFactor,
    ) -> Result<BackupSummary, BackupError> {
        let plain = Scratch::beside(self.dir(), "backup");
        let summary = self.backup_to(&plain.0)?;
        let tmp = path.with_extension("tmp");
        let done = (|| {
            encrypt_file(&plain.0, &tmp, passphrase, work)?;
            let check = Scratch::beside(self.dir(), "verifica");
            decrypt_file(&tmp, &check.0, passphrase)?;
            let again = verify_backup(&check.0)?;
            if again.entries != summary.entries {
                return Err(BackupError::Damaged {
                    path: tmp.clone(),
                    reason: format!(
                        "scritte {} voci, rilette {}",
                        summary.entries, again.entries
                    ),
                });
            }
            std::fs::rename(&tmp, path).map_err(|e| io_err(path, e))?;
            if let Some(dir) = path.parent()
                && let Ok(d) = File::open(dir)
            {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if let Err(e) = done {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupSummary { bytes, ..summary })
    }
}

/// Restores an encrypted backup: decrypted beside the data folder (a wrong
/// passphrase stops here, the store untouched), then restored as a plain one.
pub fn restore_encrypted_backup(
    backup: &Path,
    data_dir: &Path,
    passphrase: &SecretString,
) -> Result<(BackupSummary, Option<PathBuf>), BackupError> {
    let plain = Scratch::beside(data_dir, "ripristino");
    decrypt_file(backup, &plain.0, passphrase)?;
    restore_backup(&plain.0, data_dir)
}
