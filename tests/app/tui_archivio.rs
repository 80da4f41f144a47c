//! Amministrazione › Backup e controllo: a backup or a check of the store
//! taken now from the application (any desk of a served store), not only
//! from the command line on the store's computer.

use crate::common;

use common::harness::Harness;

use std::sync::Arc;

use crossterm::event::KeyCode;
use sportello::service::{Desk, FixedClock};

/// Amministrazione, then the last section.
fn open_section(e: &mut sportello::tui::ScriptedEvents) {
    e.key(KeyCode::F(11));
    for _ in 0..9 {
        e.key(KeyCode::Down);
    }
    e.key(KeyCode::Enter);
}

#[test]
fn a_backup_and_a_check_are_taken_from_the_application() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    let desk = Desk::open(dir.path(), Arc::new(clock)).expect("store opens");
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        open_section(e);
    });
    assert_eq!(ui.app.title(), "Amministrazione · Backup e controllo");
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let backups: Vec<String> = std::fs::read_dir(dir.path().join("backup"))
        .expect("backup folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("manuale-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].ends_with(".backup"), "{backups:?}");
    assert!(
        ui.status().starts_with("Backup verificato scritto in "),
        "{}",
        ui.status()
    );
    // A second one a moment later is another file, never over the first.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let count = std::fs::read_dir(dir.path().join("backup"))
        .expect("backup folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("manuale-"))
        })
        .count();
    assert_eq!(count, 2);
    // The check, as `sportello check`.
    ui.keys(|e| {
        e.ctrl('t');
    });
    assert_eq!(
        ui.status(),
        "Archivio controllato: 0 pazienti, 0 voci di indice, nessun problema."
    );
    assert!(ui.screen().contains("nessun problema"), "{}", ui.screen());
    // Both recorded in the audit trail.
    let trail = ui
        .desk()
        .operators()
        .audit_page(&Default::default(), None, 50)
        .expect("audit");
    let backups_logged = trail
        .iter()
        .filter(|e| e.summary.contains("manuale-"))
        .count();
    assert_eq!(backups_logged, 2);
}
