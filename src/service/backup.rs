//! Backups through the desk: on demand (plain or encrypted) and the
//! automatic one at the first start of each day, kept in
//! `DATA_DIR/backup/sportello-AAAA-MM-GG.backup`, the newest `keep` only.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Desk;
use crate::store::backup::{BackupError, BackupSummary};
use crate::store::cifra::{SecretString, WorkFactor};

/// Folder of the automatic backups inside the data folder.
pub const AUTO_DIR: &str = "backup";
/// Automatic backups kept by default (one a day: a week).
pub const DEFAULT_KEEP: usize = 7;

/// What the automatic backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DailyBackup {
    /// Written now; older ones removed by the rotation.
    Written {
        file: PathBuf,
        summary: BackupSummary,
        removed: Vec<PathBuf>,
    },
    /// Today's already exists: nothing done.
    AlreadyToday(PathBuf),
    /// Automatic backups are switched off (`keep` = 0).
    Disabled,
}

fn auto_name(day: NaiveDate) -> String {
    format!("sportello-{}.backup", day.format("%Y-%m-%d"))
}

/// The automatic backups in `dir`, oldest first, with their day.
pub fn auto_backups(dir: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let day = name
                .strip_prefix("sportello-")?
                .strip_suffix(".backup")?
                .to_string();
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?;
            Some((day, e.path()))
        })
        .collect();
    out.sort();
    out
}

impl Desk {
    /// Writes a verified backup of the whole store to `file`.
    pub fn backup_to(&self, file: &Path) -> Result<BackupSummary, BackupError> {
        self.require_backup()?;
        let summary = self.store.backup_to(file)?;
        // Best effort: a memory stick's file system may have no Unix modes.
        let _ = crate::private_fs::tighten_one(file);
        self.audit_backup(format!("copia in {}", file.display()))?;
        Ok(summary)
    }

    /// Writes a verified backup encrypted with `passphrase` to `file`.
    pub fn backup_encrypted_to(
        &self,
        file: &Path,
        passphrase: &SecretString,
        work: WorkFactor,
    ) -> Result<BackupSummary, BackupError> {
        self.require_backup()?;
        let summary = self.store.backup_encrypted_to(file, passphrase, work)?;
        let _ = crate::private_fs::tighten_one(file);
        self.audit_backup(format!("copia cifrata in {}", file.display()))?;
        Ok(summary)
    }

    /// Backups are the amministratore's (a backup is what leaves the building).
    fn require_backup(&self) -> Result<(), BackupError> {
        self.require(
            crate::domain::operator::Role::Amministratore,
            super::auth::what::BACKUP,
        )
        .map_err(|e| BackupError::Refused(e.to_string()))
    }

    fn audit_backup(&self, summary: String) -> Result<(), BackupError> {
        self.audit(crate::domain::audit::AuditAction::Backup, None, summary)
            .map_err(|e| BackupError::Refused(e.to_string()))
    }

    /// The automatic backup: at the first call of each day (by the desk's
    /// clock) writes today's backup into `DATA_DIR/backup/` and removes the
    /// oldest beyond `keep`. A failure is returned for the caller to show
    /// as a warning; it never touches the store.
    pub fn daily_backup(&self, keep: usize) -> Result<DailyBackup, BackupError> {
        if keep == 0 {
            return Ok(DailyBackup::Disabled);
        }
        let dir = self.data_dir().join(AUTO_DIR);
        crate::private_fs::create_dir_all_private(&dir).map_err(|e| BackupError::Io {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let file = dir.join(auto_name(self.today()));
        if file.exists() {
            return Ok(DailyBackup::AlreadyToday(file));
        }
        // Not an operator's action: the trail records backups made by hand.
        let summary = self.store.backup_to(&file)?;
        // Best effort, as on any file system without Unix modes.
        let _ = crate::private_fs::tighten(&file);
        let all = auto_backups(&dir);
        let mut removed = Vec::new();
        for (_, old) in all.iter().take(all.len().saturating_sub(keep)) {
            if std::fs::remove_file(old).is_ok() {
                removed.push(old.clone());
            }
        }
        Ok(DailyBackup::Written {
            file,
            summary,
            removed,
        })
    }
}
