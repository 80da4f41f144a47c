//! What the operator reads says the whole thing. At 80x24 nothing is cut mid-word: a long status wraps,
//! the lookup's hint wraps, and a field's help is short enough to be read
//! whole (the pathology codes are picked from a completion list instead of
//! being listed in the help). The Gestore screen says where the presa stands.

use crate::common;

use common::harness::Harness;

use std::sync::Arc;

use common::screen::{Screen, top};
use crossterm::event::KeyCode;
use sportello::service::{Desk, FixedClock};
use sportello::tui::patients::form::FieldId;

fn desk(dir: &std::path::Path) -> Desk {
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    Desk::open(dir, Arc::new(clock)).expect("store opens")
}

/// The screen's rows, trailing spaces removed.
fn rows(ui: &Harness) -> Vec<String> {
    (0..24).map(|y| ui.line(y).trim_end().to_string()).collect()
}

#[test]
fn the_lookup_hint_wraps_at_a_space() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = Harness::new(desk(dir.path()), 80, 24);
    ui.keys(|e| {
        e.tick();
    });
    let rows = rows(&ui);
    assert_eq!(
        rows[2],
        " Scrivere cognome (anche «cognome nome»), codice fiscale, tessera sanitaria o"
    );
    assert_eq!(rows[3], " telefono.");
}

#[test]
fn a_long_status_wraps_onto_more_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = Harness::new(desk(dir.path()), 80, 24);
    ui.app.warn_backup_failed(
        "la chiavetta E:\\ non è collegata oppure è piena, spazio libero 0 byte",
    );
    ui.keys(|e| {
        e.tick();
    });
    let rows = rows(&ui);
    // Two lines above the two of the footer, the second indented under the text.
    assert_eq!(
        rows[20],
        " ! Backup automatico non riuscito: si può lavorare, avvisare l'amministratore."
    );
    assert_eq!(
        rows[21],
        "   la chiavetta E:\\ non è collegata oppure è piena, spazio libero 0 byte"
    );
    assert!(rows[22].starts_with(" Invio"), "footer kept: {}", rows[22]);
}

#[test]
fn pathologies_are_picked_from_the_catalogue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = Harness::new(desk(dir.path()), 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(9));
        for _ in 0..14 {
            e.key(KeyCode::Tab);
        }
    });
    let screen = rows(&ui).join("\n");
    // The help is whole: it ends with its full stop.
    assert!(
        screen.contains("la primaria con * (Ctrl+P)."),
        "help cut:\n{screen}"
    );
    // A name's part offers the pathology; Enter takes its code, ready for the next.
    // Codes first, then names, in catalogue order: "diab" offers 8, 16, 31,
    // 44 and 50.
    ui.keys(|e| {
        e.text("iperte");
        e.key(KeyCode::Enter);
        e.text("diab");
    });
    let screen = rows(&ui).join("\n");
    assert!(
        screen.contains("50 · Diabete mellito tipo 2"),
        "no completion:\n{screen}"
    );
    ui.keys(|e| {
        for _ in 0..4 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter);
    });
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::Patologie), "56, 50, "),
        _ => panic!("the form stays open"),
    }
}

#[test]
fn the_gestore_screen_says_where_the_presa_stands() {
    use chrono::NaiveDate;
    use sportello::domain::Sex;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk(dir.path());
    let gestore = common::gestore::import_gestore(&desk);
    let born = NaiveDate::from_ymd_opt(1950, 3, 15).expect("date");
    let id = desk
        .patients()
        .register_patient(common::patient::patient("Rossi", "Anna", Sex::F, born))
        .expect("registered");
    desk.gestori()
        .choose_gestore(
            id,
            gestore,
            crate::common::gestore::fitting(&desk, id, gestore),
            desk.today(),
            "",
        )
        .expect("chosen");
    common::patto::sign_patto(&desk, id);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter).key(KeyCode::F(3));
    });
    // The line wraps under its label rather than being cut.
    let rows = rows(&ui);
    assert_eq!(
        rows[2],
        " Presa in carico: Cooperativa Medici Milano Esempio · MMG aderente · dal"
    );
    assert_eq!(rows[3], "                  22/11/2026 · Patto firmato");
}

#[test]
fn the_hint_of_appointments_outside_hours_wraps_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = Harness::new(desk(dir.path()), 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..6 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter);
    });
    let rows = rows(&ui);
    assert!(
        rows.iter()
            .any(|r| r == " Nessun appuntamento fuori disponibilità."),
        "{}",
        rows.join("\n")
    );
    // Cut at "· Es" before; now the whole hint over two lines.
    let hint = rows
        .iter()
        .position(|r| r.starts_with(" ↑↓ appuntamento"))
        .expect("hint shown");
    assert_eq!(
        rows[hint],
        " ↑↓ appuntamento · Invio propone il primo posto libero della stessa risorsa ·"
    );
    assert_eq!(rows[hint + 1], " Esc indietro");
}
