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
use super::backup::{
    BackupError, BackupSummary, RestorePlan, plan_restore_of, sync_parent, verify_backup,
};
use super::scratch::TempFile;

/// What an age file starts with (binary and ASCII-armoured forms).
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
const AGE_ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Highest scrypt cost accepted when decrypting, and used when encrypting:
/// 2^20 takes 1 GiB of memory and seconds on a slow office PC. Each step
/// doubles both: a crafted header asking 2^24 would make the decryption
/// allocate 16 GiB and abort the program.
pub const MAX_WORK_FACTOR: u8 = 20;

/// The scrypt cost of new encrypted backups when none is given: 2^18 (256
/// MiB, about a second on an office PC). Not age's own pick, which measures
/// this machine and on a fast one can go beyond [`MAX_WORK_FACTOR`]: the
/// backup would then not open on the desk PC it is meant for.
pub const DEFAULT_WORK_FACTOR: u8 = 18;

/// The scrypt cost of new encrypted backups: `None` is
/// [`DEFAULT_WORK_FACTOR`] (the production setting); tests pass a small one.
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

fn encrypt_file(
    plain: &Path,
    out: &TempFile,
    passphrase: &SecretString,
    work: WorkFactor,
) -> Result<(), BackupError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    let log_n = work.0.unwrap_or(DEFAULT_WORK_FACTOR);
    recipient.set_work_factor(log_n.clamp(1, MAX_WORK_FACTOR));
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| BackupError::Crypto(e.to_string()))?;
    let file = out.handle().map_err(|e| io_err(out.path(), e))?;
    let out = out.path();
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
    out: &TempFile,
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
    // encrypted on a faster machine must still open here (slowly), but not
    // one asking more memory than a desk PC has.
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as _))
        .map_err(|e| crypto(encrypted, e))?;
    let out_path = out.path();
    let mut file = BufWriter::new(out.handle().map_err(|e| io_err(out_path, e))?);
    std::io::copy(&mut reader, &mut file).map_err(|e| BackupError::Damaged {
        path: encrypted.to_path_buf(),
        reason: format!("contenuto cifrato non valido ({e})"),
    })?;
    file.flush().map_err(|e| io_err(out_path, e))?;
    Ok(())
}

fn crypto(path: &Path, e: age::DecryptError) -> BackupError {
    use age::DecryptError as D;
    match e {
        D::DecryptionFailed | D::KeyDecryptionFailed | D::NoMatchingKeys => {
            BackupError::WrongPassphrase(path.to_path_buf())
        }
        D::Io(io) => io_err(path, io),
        D::ExcessiveWork { required, .. } => BackupError::ExcessiveWork {
            path: path.to_path_buf(),
            work: required,
            max: MAX_WORK_FACTOR,
        },
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
    /// temporary file of our own beside `path`, decrypted again and
    /// verified, renamed into place; the plaintext is removed in every case.
    pub fn backup_encrypted_to(
        &self,
        path: &Path,
        passphrase: &SecretString,
        work: WorkFactor,
    ) -> Result<BackupSummary, BackupError> {
        self.backup_encrypted_dated(path, passphrase, work, None)
    }

    /// [`Store::backup_encrypted_to`], recording when it was written.
    pub fn backup_encrypted_dated(
        &self,
        path: &Path,
        passphrase: &SecretString,
        work: WorkFactor,
        written_at: Option<chrono::NaiveDateTime>,
    ) -> Result<BackupSummary, BackupError> {
        let plain = TempFile::plain_beside(self.dir(), "backup").map_err(|e| io_err(path, e))?;
        let summary = self.write_verified(&plain, written_at)?;
        let tmp = TempFile::beside(path).map_err(|e| io_err(path, e))?;
        encrypt_file(plain.path(), &tmp, passphrase, work)?;
        drop(plain);
        let check =
            TempFile::plain_beside(self.dir(), "verifica").map_err(|e| io_err(self.dir(), e))?;
        decrypt_file(tmp.path(), &check, passphrase)?;
        let again = verify_backup(check.path())?;
        drop(check);
        if again.entries != summary.entries {
            return Err(BackupError::Damaged {
                path: tmp.path().to_path_buf(),
                reason: format!(
                    "scritte {} voci, rilette {}",
                    summary.entries, again.entries
                ),
            });
        }
        tmp.persist(path).map_err(|e| io_err(path, e))?;
        sync_parent(path);
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupSummary { bytes, ..summary })
    }
}

/// Decrypts an encrypted backup beside the data folder (a wrong passphrase
/// stops here) and plans its restore (see [`super::backup::plan_restore`]);
/// the plaintext is removed when the plan is dropped.
pub fn plan_encrypted_restore(
    backup: &Path,
    data_dir: &Path,
    passphrase: &SecretString,
) -> Result<RestorePlan, BackupError> {
    let plain = TempFile::plain_beside(data_dir, "ripristino").map_err(|e| io_err(data_dir, e))?;
    decrypt_file(backup, &plain, passphrase)?;
    plan_restore_of(backup, Some(plain), data_dir)
}

/// Restores an encrypted backup without asking: decrypted beside the data
/// folder (a wrong passphrase stops here, the store untouched), then
/// restored as a plain one.
pub fn restore_encrypted_backup(
    backup: &Path,
    data_dir: &Path,
    passphrase: &SecretString,
) -> Result<(BackupSummary, Option<PathBuf>), BackupError> {
    let plan = plan_encrypted_restore(backup, data_dir, passphrase)?;
    let record = plan.record_now();
    plan.apply(&record)
}
