//! The store boundary against the engine's panics. sled 0.34 panics on some
//! damaged data files (a truncated `db`: an index out of bounds while it
//! reads a segment); such a panic must reach the operator as "archivio
//! danneggiato" with the way out, never as an English backtrace.
//!
//! [`catch_engine_panic`] runs one whole store operation with unwinding
//! caught and the panic message silenced: a process-wide panic hook,
//! installed once, stays quiet while the current thread is inside a guarded
//! call and hands every other panic to the hook that was there before.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Once;

use super::StoreError;

thread_local! {
    /// Depth of guarded calls on this thread.
    static INSIDE: Cell<u32> = const { Cell::new(0) };
}

/// Whether the current thread is running a guarded store operation: a panic
/// now is the engine's, caught and reported as a damaged store. Other panic
/// hooks (the terminal's) use this to leave such a panic alone.
pub fn inside_store_boundary() -> bool {
    INSIDE.with(|c| c.get() > 0)
}

fn install_quiet_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !inside_store_boundary() {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, one store operation on the store in `dir`; a panic inside it
/// becomes [`StoreError::Damaged`], silently.
pub(crate) fn catch_engine_panic<T>(dir: &Path, f: impl FnOnce() -> T) -> Result<T, StoreError> {
    install_quiet_hook();
    INSIDE.with(|c| c.set(c.get() + 1));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    INSIDE.with(|c| c.set(c.get().saturating_sub(1)));
    outcome.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        StoreError::Damaged {
            dir: dir.to_path_buf(),
            detail: format!("errore interno del motore dell'archivio: {message}"),
        }
    })
}

/// The newest automatic backup of the store in `dir`
/// (`dir/backup/sportello-AAAA-MM-GG.backup`, as `service::backup` writes
/// them: the names sort by day).
pub fn newest_auto_backup(dir: &Path) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir.join("backup")).ok()?;
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.len() == "sportello-AAAA-MM-GG.backup".len()
                    && n.starts_with("sportello-")
                    && n.ends_with(".backup")
            })
        })
        .max()
}

/// How to put back the newest automatic backup, with the command to type.
pub fn restore_hint(dir: &Path) -> String {
    let d = dir.display();
    match newest_auto_backup(dir) {
        Some(file) => format!(
            "Ripristinare l'ultimo backup automatico, {f}, con: sportello --data-dir {d} restore {f} (se anche quello non va, il precedente nella stessa cartella).",
            f = file.display()
        ),
        None => format!(
            "Nessun backup automatico in {}: ripristinare l'ultimo backup fatto a mano con: sportello --data-dir {d} restore FILE",
            dir.join("backup").display()
        ),
    }
}

/// What to do after an engine error: check the store, then restore.
pub fn way_out(dir: &Path) -> String {
    format!(
        "Chiudere sportello e controllare l'archivio con: sportello --data-dir {} check. Se segnala problemi: {}",
        dir.display(),
        restore_hint(dir)
    )
}

/// The technical detail of an engine error, without sled's empty
/// `backtrace ()`.
pub(crate) fn technical(e: &sled::Error) -> String {
    match e {
        sled::Error::Corruption { at, .. } => match at {
            Some(at) => format!("dati corrotti nel file db alla posizione {}", at.lid()),
            None => "dati corrotti nel file db".to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_damaged_and_the_thread_goes_on() {
        let dir = Path::new("/nonexistent/dati");
        let r: Result<(), StoreError> = catch_engine_panic(dir, || panic!("index out of bounds"));
        match r {
            Err(StoreError::Damaged { detail, .. }) => {
                assert!(detail.contains("index out of bounds"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        assert!(!inside_store_boundary());
        assert_eq!(catch_engine_panic(dir, || 3).unwrap(), 3);
    }

    #[test]
    fn the_way_out_names_the_newest_automatic_backup() {
        let dir = tempfile::tempdir().unwrap();
        let none = way_out(dir.path());
        assert!(none.contains("Nessun backup automatico"), "{none}");
        let backups = dir.path().join("backup");
        std::fs::create_dir_all(&backups).unwrap();
        for day in ["2026-11-30", "2026-12-01", "2026-11-29"] {
            std::fs::write(backups.join(format!("sportello-{day}.backup")), "").unwrap();
        }
        std::fs::write(backups.join("sportello-2026-12-02.tmp"), "").unwrap();
        let newest = backups.join("sportello-2026-12-01.backup");
        assert_eq!(newest_auto_backup(dir.path()), Some(newest.clone()));
        let text = way_out(dir.path());
        assert!(
            text.contains(&format!(
                "sportello --data-dir {} restore {}",
                dir.path().display(),
                newest.display()
            )),
            "{text}"
        );
    }
}
