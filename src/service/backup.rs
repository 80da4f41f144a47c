//! Backups through the desk: on demand (plain or encrypted) and the
//! automatic one at the first start of each day, kept in
//! `DATA_DIR/backup/sportello-AAAA-MM-GG.backup`, the newest `keep` only.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::{Clock, Desk, DeskError};
use crate::domain::audit::{Anchor, AuditAction, AuditRecord};
use crate::store::backup::BackupError;
pub use crate::store::backup::{BackupSummary, CurrentStore, RestorePlan};
pub use crate::store::cifra::WorkFactor;
/// A passphrase, wiped from memory when dropped.
pub use age::secrecy::SecretString;

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

/// The automatic backup as the start of work sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum StartBackup {
    /// Written now; the audit anchor it holds, to print.
    Written {
        file: PathBuf,
        anchor: Option<String>,
    },
    /// Already written today, or switched off.
    NotNeeded,
    /// Failed for a reason of its own (a full backup disk...): a warning,
    /// work goes on.
    Failed(DeskError),
}

impl Desk {
    fn require_backup(&self) -> Result<(), DeskError> {
        self.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Backup,
        )
    }

    fn audit_backup(&self, summary: String) -> Result<(), DeskError> {
        self.audit(crate::domain::audit::AuditAction::Backup, None, summary)
    }
}

impl Archive<'_> {
    /// Decodes every record and verifies every index.
    pub fn check(&self) -> Result<crate::domain::integrity::CheckReport, DeskError> {
        Ok(self.desk.store.guarded(|| self.desk.store.check())?)
    }

    /// Writes a verified backup of the whole store to `file`: refused inside
    /// the data folder, over a file that is not a backup of ours, and over
    /// one of ours unless `overwrite`.
    pub fn backup_to(&self, file: &Path, overwrite: bool) -> Result<BackupSummary, DeskError> {
        self.desk.require_backup()?;
        crate::store::backup::check_destination(self.desk.data_dir(), file, overwrite)?;
        let summary = self.desk.store.backup_dated(file, Some(self.desk.now()))?;
        // Best effort: a memory stick's file system may have no Unix modes.
        let _ = crate::private_fs::tighten_one(file);
        self.desk
            .audit_backup(format!("copia in {}", file.display()))?;
        Ok(summary)
    }

    /// Writes a verified backup encrypted with `passphrase` to `file` (the
    /// destination refused as by [`Archive::backup_to`]).
    pub fn backup_encrypted_to(
        &self,
        file: &Path,
        overwrite: bool,
        passphrase: &SecretString,
        work: WorkFactor,
    ) -> Result<BackupSummary, DeskError> {
        self.desk.require_backup()?;
        crate::store::backup::check_destination(self.desk.data_dir(), file, overwrite)?;
        let summary = self.desk.store.backup_encrypted_dated(
            file,
            passphrase,
            work,
            Some(self.desk.now()),
        )?;
        let _ = crate::private_fs::tighten_one(file);
        self.desk
            .audit_backup(format!("copia cifrata in {}", file.display()))?;
        Ok(summary)
    }

    /// Backups are the amministratore's (a backup is what leaves the building).
    /// A backup taken by hand now (Amministrazione, from any desk of a
    /// served store): verified, written beside the automatic ones in
    /// `DATA_DIR/backup/` as `manuale-YYYYMMDD-HHMMSS.backup` (never rotated
    /// away, never over another file), recorded in the audit trail.
    pub fn backup_now(&self) -> Result<(PathBuf, BackupSummary), DeskError> {
        self.desk.require_backup()?;
        let dir = self.desk.data_dir().join(AUTO_DIR);
        crate::private_fs::create_dir_all_private(&dir).map_err(|e| BackupError::Io {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let stamp = self.desk.now().format("%Y%m%d-%H%M%S").to_string();
        let mut file = dir.join(format!("manuale-{stamp}.backup"));
        let mut n = 2;
        while file.exists() {
            file = dir.join(format!("manuale-{stamp}-{n}.backup"));
            n += 1;
        }
        let summary = self
            .desk
            .store
            .guarded(|| self.desk.store.backup_dated(&file, Some(self.desk.now())))?;
        let _ = crate::private_fs::tighten(&file);
        self.desk
            .audit_backup(format!("copia in {}", file.display()))?;
        Ok((file, summary))
    }

    /// The automatic backup: at the first call of each day (by the desk's
    /// clock) writes today's backup into `DATA_DIR/backup/` and removes the
    /// oldest beyond `keep`. A failure is returned for the caller to show
    /// as a warning; it never touches the store.
    /// [`Archive::daily_backup`] at the start of work: a store that cannot be
    /// read whole is the caller's error (the start is refused: every write
    /// would fail), any other failure a warning.
    pub fn start_backup(&self, keep: usize) -> Result<StartBackup, DeskError> {
        Ok(match self.daily_backup(keep) {
            Ok(DailyBackup::Written { file, summary, .. }) => StartBackup::Written {
                file,
                anchor: summary
                    .audit_head
                    .map(|(seq, hash)| crate::domain::audit::anchor(seq, &hash)),
            },
            Ok(_) => StartBackup::NotNeeded,
            Err(e) if e.is_store_unavailable() => return Err(e),
            Err(e) => StartBackup::Failed(e),
        })
    }

    pub fn daily_backup(&self, keep: usize) -> Result<DailyBackup, DeskError> {
        if keep == 0 {
            return Ok(DailyBackup::Disabled);
        }
        let dir = self.desk.data_dir().join(AUTO_DIR);
        crate::private_fs::create_dir_all_private(&dir).map_err(|e| BackupError::Io {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let file = dir.join(auto_name(self.desk.today()));
        if file.exists() {
            return Ok(DailyBackup::AlreadyToday(file));
        }
        // Not an operator's action: the trail records backups made by hand.
        let summary = self
            .desk
            .store
            .guarded(|| self.desk.store.backup_dated(&file, Some(self.desk.now())))?;
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

/// What `audit verify --ancora` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The chain still passes through the anchored entry.
    Holds,
    /// The trail has fewer entries than the anchor's number.
    Missing { len: u64 },
    /// The entry exists with another hash: the trail was rewritten.
    Differs { found: String },
}

impl Archive<'_> {
    /// The head of the audit trail as an anchor to write down (`N:HEX`).
    pub fn audit_anchor(&self) -> Result<Option<String>, DeskError> {
        Ok(self
            .desk
            .store
            .audit_head()?
            .map(|(seq, hash)| crate::domain::audit::anchor(seq, &hash)))
    }

    /// Whether the trail still passes through `anchor`.
    pub fn check_anchor(&self, anchor: &Anchor) -> Result<AnchorCheck, DeskError> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Audit,
        )?;
        Ok(match self.desk.store.audit_entry(anchor.seq)? {
            None => AnchorCheck::Missing {
                len: self.desk.store.audit_len()?,
            },
            Some(e) if anchor.matches(&e) => AnchorCheck::Holds,
            Some(e) => AnchorCheck::Differs {
                found: crate::domain::audit::anchor(e.seq, &e.hash),
            },
        })
    }

    /// The stores set aside by earlier restores beside this one.
    pub fn set_aside_stores(&self) -> Vec<SetAside> {
        set_aside_stores(self.desk.data_dir())
    }

    /// Removes the stores set aside by restores more than `keep_days` days
    /// ago (the automatic backups' retention; 0 keeps them): they hold
    /// patients erased since. Returns what was removed.
    pub fn prune_set_aside(&self, keep_days: usize) -> Vec<SetAside> {
        if keep_days == 0 {
            return Vec::new();
        }
        let limit = self.desk.now() - chrono::Duration::days(keep_days as i64);
        set_aside_stores(self.desk.data_dir())
            .into_iter()
            .filter(|s| s.since.is_some_and(|t| t < limit))
            .filter(|s| std::fs::remove_dir_all(&s.path).is_ok())
            .collect()
    }
}

/// A store set aside by a restore (`DIR.prima-del-ripristino-N`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub path: PathBuf,
    /// When it was set aside (its folder's modification time).
    pub since: Option<NaiveDateTime>,
}

/// The stores set aside beside `data_dir`, by name.
pub fn set_aside_stores(data_dir: &Path) -> Vec<SetAside> {
    let (Some(name), Some(parent)) = (data_dir.file_name(), data_dir.parent()) else {
        return Vec::new();
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(
        "{}.{}",
        name.to_string_lossy(),
        crate::store::backup::SET_ASIDE
    );
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut out: Vec<SetAside> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_prefix(&prefix)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
        .filter(|e| e.path().is_dir())
        .map(|e| SetAside {
            since: e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local()),
            path: e.path(),
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Whether `file` is an encrypted backup (a passphrase is needed).
pub fn is_encrypted(file: &Path) -> Result<bool, DeskError> {
    Ok(crate::store::cifra::is_encrypted(file)?)
}

/// Verifies a backup (decrypting it with `passphrase` when encrypted) and
/// looks at the store in `data_dir` it would replace, changing nothing:
/// the operator confirms [`RestorePlan`] before [`restore`].
pub fn plan_restore(
    file: &Path,
    data_dir: &Path,
    passphrase: Option<&SecretString>,
) -> Result<RestorePlan, DeskError> {
    Ok(match passphrase {
        Some(p) => crate::store::cifra::plan_encrypted_restore(file, data_dir, p)?,
        None => crate::store::backup::plan_restore(file, data_dir)?,
    })
}

/// Carries out a confirmed restore; the restored trail gets an entry naming
/// the backup, its SHA-256 and the head of the trail it replaced.
pub fn restore(
    plan: RestorePlan,
    clock: &dyn Clock,
) -> Result<(BackupSummary, Option<PathBuf>), DeskError> {
    let record = AuditRecord {
        at: clock.now(),
        operator: super::COMMAND_LINE.to_string(),
        action: AuditAction::Backup,
        patient: None,
        summary: plan.audit_summary(),
    };
    Ok(plan.apply(&record)?)
}

/// Removes the temporary files of a backup or restore in progress when a
/// signal ends the program (Unix; see `store::scratch`).
pub fn remove_temp_files_on_signals() {
    crate::store::scratch::remove_on_signals();
}

/// The store as a whole: backups, the audit anchor, the check, GDPR export and erasure.
/// Reached from the desk as [`Desk::archive`].
#[derive(Clone, Copy)]
pub struct Archive<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The store as a whole: backups, the audit anchor, the check, GDPR export and erasure.
    pub fn archive(&self) -> Archive<'_> {
        Archive { desk: self }
    }
}
