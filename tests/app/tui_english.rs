//! The screens in English (`--lang en`) at 80x24: one snapshot of every
//! screen and main dialog, to read for Italian left on screen. What stays
//! Italian by design: the Patto's legal text, the catalogue names
//! (pathologies, services), the names of patients, Gestori and resources.

use crate::common;

use common::harness::Harness;

use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use sportello::domain::agenda::Closure;
use sportello::domain::operator::Role;
use sportello::service::{Desk, ManualClock};
use sportello::tui::{App, Lang};

/// A store with agenda resources, a Gestore, and Cantù Noè with a presa, a
/// signed Patto, a shared PAI and its appointments booked; the clock at
/// 08:00 of the first appointment's day, the first done, the second missed.
fn store(dir: &std::path::Path) -> Desk {
    let start = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("valid time");
    let clock = Arc::new(ManualClock::new(start));
    let desk = Desk::open(dir, clock.clone()).expect("store opens");
    let pid = common::agenda::setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let proposals = desk
        .agenda()
        .plan_pai(pai.id, &Default::default())
        .unwrap()
        .proposals;
    let ids = desk.agenda().accept_proposals(pai.id, &proposals).unwrap();
    let second = desk.agenda().appointment(ids[1]).unwrap().unwrap();
    let day = second.start.date().and_hms_opt(8, 0, 0).unwrap();
    clock.advance(day - desk.now());
    desk.agenda().mark_done(ids[0]).unwrap();
    desk.agenda().mark_no_show(ids[1]).unwrap();
    desk.agenda()
        .save_closure(Closure::giornata(
            0,
            None,
            NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
            "Inventario",
        ))
        .unwrap();
    desk
}

fn english(desk: Desk) -> Harness {
    Harness::of(App::new(desk, Lang::En).with_idle_minutes(0), 80, 24)
}

fn snap(name: &str, ui: &Harness) {
    insta::assert_snapshot!(format!("en_{name}_80x24"), ui.screen());
}

fn empty_store(dir: &std::path::Path) -> Desk {
    let start = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("valid time");
    Desk::open(dir, Arc::new(ManualClock::new(start))).expect("store opens")
}

#[test]
fn login_and_first_start_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut ui = Harness::of(App::with_login(empty_store(dir.path()), Lang::En), 80, 24);
    ui.keys(|_| {});
    snap("first_start", &ui);
    let dir = tempfile::tempdir().unwrap();
    let desk = empty_store(dir.path());
    desk.operators()
        .add_operator("capo", "password-capo", Role::Amministratore)
        .unwrap();
    let mut ui = Harness::of(App::with_login(desk, Lang::En), 80, 24);
    ui.keys(|e| {
        e.text("capo")
            .key(KeyCode::Tab)
            .text("sbagliata")
            .key(KeyCode::Enter);
    });
    snap("login_refused", &ui);
}

#[test]
fn patient_screens_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut ui = english(store(dir.path()));
    ui.keys(|e| {
        e.text("cantù");
    });
    snap("lookup", &ui);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    snap("record", &ui);
    ui.keys(|e| {
        e.key(KeyCode::F(2)).key(KeyCode::F(9)).text("X").ctrl('s');
    });
    snap("form_errors", &ui);
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    snap("form_leave", &ui);
}

#[test]
fn areas_of_the_patient_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut ui = english(store(dir.path()));
    ui.keys(|e| {
        e.text("cantù").key(KeyCode::Enter).key(KeyCode::F(3));
    });
    snap("gestore", &ui);
    ui.keys(|e| {
        e.key(KeyCode::F(4));
    });
    snap("patto", &ui);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    snap("patto_text", &ui);
    ui.keys(|e| {
        e.key(KeyCode::F(5));
    });
    snap("pai", &ui);
    ui.keys(|e| {
        e.key(KeyCode::F(1));
    });
    snap("help", &ui);
    // A new version of the PAI, then its first item in the dialog: the
    // category choice in English.
    ui.keys(|e| {
        e.key(KeyCode::F(5)).key(KeyCode::F(9)).key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(screen.contains("Category"), "{screen}");
    assert!(screen.contains("◀ Visit ▶"), "{screen}");
    snap("pai_item_dialog", &ui);
}

#[test]
fn agenda_and_richiami_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut ui = english(store(dir.path()));
    ui.keys(|e| {
        e.key(KeyCode::F(6));
    });
    snap("agenda_day", &ui);
    ui.keys(|e| {
        e.ctrl('w');
    });
    snap("agenda_week", &ui);
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    for name in [
        "da_prenotare",
        "non_presentati",
        "patti",
        "ricette",
        "aderenza",
    ] {
        snap(&format!("richiami_{name}"), &ui);
        ui.keys(|e| {
            e.key(KeyCode::Tab);
        });
    }
    ui.keys(|e| {
        e.key(KeyCode::F(2))
            .text("cantù")
            .key(KeyCode::F(6))
            .key(KeyCode::F(9));
    });
    snap("agenda_plan", &ui);
}

#[test]
fn amministrazione_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut ui = english(store(dir.path()));
    ui.keys(|e| {
        e.key(KeyCode::F(11));
    });
    snap("admin", &ui);
    for name in [
        "import",
        "history",
        "studio",
        "gestori",
        "risorse",
        "chiusure",
        "fuori",
        "operators",
        "audit",
        "archivio",
        "primarie",
        "import_mmg",
    ] {
        ui.keys(|e| {
            e.key(KeyCode::Enter);
        });
        snap(&format!("admin_{name}"), &ui);
        ui.keys(|e| {
            e.key(KeyCode::Esc).key(KeyCode::Down);
        });
    }
}

#[test]
fn arruolabili_in_english() {
    use sportello::domain::arruolabili::Esito;
    use sportello::service::arruolabili::{read_arruolabili_file, row_key};
    let dir = tempfile::tempdir().unwrap();
    let desk = super::arruolabili::desk_on(dir.path(), 2026, 3, 2);
    let (name, preview) =
        read_arruolabili_file(&super::arruolabili::fixture("milano.xlsx"), None).unwrap();
    desk.arruolabili()
        .apply_import(&preview.accepted, &name, preview.rejected.len())
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 2, 27).unwrap();
    for (cf, esito) in [
        ("BRTLCU50M41F205V", Esito::GiaInCaricoAltrove),
        ("CCCFBA85D03L219P", Esito::Accetta),
        ("VRDGPP40E15F205J", Esito::NonRaggiungibile),
    ] {
        desk.arruolabili()
            .record_contact(&row_key(cf), day, esito)
            .unwrap();
    }
    let mut ui = english(desk);
    // F7, the recall lists, then F9: the worklist of eligible patients.
    ui.keys(|e| {
        e.key(KeyCode::F(7)).key(KeyCode::F(9));
    });
    snap("arruolabili", &ui);
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    snap("arruolabili_contact", &ui);
    ui.keys(|e| {
        e.key(KeyCode::Esc).ctrl('o');
    });
    snap("arruolabili_import", &ui);
    // A file that is no list: the reason in English.
    let empty =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gestori/vuoto.csv");
    ui.keys(|e| {
        e.text(empty.to_str().unwrap()).key(KeyCode::Enter);
    });
    assert_eq!(
        ui.status(),
        "vuoto.csv cannot be read: the file is empty: no row to import"
    );
}
