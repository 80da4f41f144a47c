//! Backups: round trip, damaged and foreign files, a store in use.

use std::sync::Arc;

use sportello::service::{Desk, FixedClock};
use sportello::store::Store;
use sportello::store::backup::{BackupError, restore_backup, verify_backup};

fn demo_store(dir: &std::path::Path, n: usize) -> Desk {
    let desk = Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    desk.load_demo(n, 11, &mut |_, _| true).unwrap();
    desk
}

fn names(desk: &Desk, q: &str) -> Vec<String> {
    desk.find(q, 1000)
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {} {}", p.cognome, p.nome, p.codice_fiscale))
        .collect()
}

#[test]
fn backup_then_restore_gives_the_same_store() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("copia.backup");
    let before;
    {
        let desk = demo_store(&data, 500);
        before = names(&desk, "r");
        assert!(!before.is_empty());
    }
    let store = Store::open(&data).unwrap();
    let summary = store.backup_to(&file).unwrap();
    assert!(summary.entries > 500 * 4, "{summary:?}");
    assert!(
        summary
            .trees
            .iter()
            .any(|(t, n)| t == "patients" && *n == 500)
    );
    assert!(
        !root.path().join("copia.tmp").exists(),
        "temporary name removed"
    );
    // Change the store after the backup: restore must bring it back.
    drop(store);
    {
        let desk = demo_store(&data, 100);
        assert_ne!(names(&desk, "r"), before);
    }
    let (restored, kept) = restore_backup(&file, &data).unwrap();
    assert_eq!(restored.entries, summary.entries);
    let kept = kept.unwrap();
    assert!(kept.ends_with("dati.prima-del-ripristino-1"), "{kept:?}");
    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    assert_eq!(names(&desk, "r"), before);
    assert!(desk.check().unwrap().is_ok());
}

#[test]
fn damaged_foreign_and_truncated_backups_are_refused_and_the_store_untouched() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("copia.backup");
    let before = {
        let desk = demo_store(&data, 200);
        names(&desk, "b")
    };
    Store::open(&data).unwrap().backup_to(&file).unwrap();
    let good = std::fs::read(&file).unwrap();

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let bad = root.path().join("rotto.backup");
    std::fs::write(&bad, &flipped).unwrap();
    assert!(matches!(
        verify_backup(&bad),
        Err(BackupError::Damaged { .. })
    ));
    assert!(matches!(
        restore_backup(&bad, &data),
        Err(BackupError::Damaged { .. })
    ));

    let truncated = root.path().join("corto.backup");
    std::fs::write(&truncated, &good[..good.len() - 10]).unwrap();
    let err = restore_backup(&truncated, &data).unwrap_err();
    assert!(err.to_string().contains("danneggiato"), "{err}");

    let foreign = root.path().join("foto.jpg");
    std::fs::write(&foreign, b"\xFF\xD8\xFF\xE0 not a backup at all").unwrap();
    assert!(matches!(
        restore_backup(&foreign, &data),
        Err(BackupError::Foreign(_))
    ));

    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    assert_eq!(names(&desk, "b"), before);
    // Open elsewhere: refused, nothing moved.
    let err = restore_backup(&file, &data).unwrap_err();
    assert!(err.to_string().contains("già aperto"), "{err}");
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());
}
