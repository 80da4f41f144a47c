//! The application shell driven through its real loop with scripted keys:
//! one current patient, chosen on purpose and named in the header; the
//! card scanner told from typing by the time between keys; leaving a
//! changed form asks salva / scarta / resta.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use crossterm::event::KeyCode;

use common::gestore::{GESTORE, import_gestore};
use common::screen::{Screen, top};
use sportello::domain::operator::Role;
use sportello::domain::{PatientId, Sex};
use sportello::service::{Desk, FixedClock, ManualClock};
use sportello::tui::patients::form::FieldId;
use sportello::tui::shell::login::GateMode;
use sportello::tui::{App, Lang};

/// The desk on `dir` with the clock on a fixed day. sled may keep the lock of
/// a store just closed for a moment (its flusher thread): retry briefly.
fn desk_on(dir: &Path, day: NaiveDate) -> Desk {
    let clock = Arc::new(FixedClock::on(day.year(), day.month(), day.day()).expect("valid date"));
    let mut tries = 0;
    loop {
        match Desk::open(dir, clock.clone()) {
            Ok(desk) => return desk,
            Err(e) if tries < 50 && e.to_string().contains("già aperto") => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => panic!("store opens: {e}"),
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

const TODAY: (i32, u32, u32) = (2026, 11, 22);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1, TODAY.2)
}

/// The archive of these tests, with the codici fiscali of its patients.
struct Archive {
    _dir: tempfile::TempDir,
    desk: Desk,
    /// Rossi Anna: a Gestore, a Patto signed a year ago (in the expiry list).
    anna: PatientId,
    anna_cf: String,
    /// Niccolò D'Adda: registered only.
    niccolo: PatientId,
    niccolo_cf: String,
}

fn archive() -> Archive {
    let dir = tempfile::tempdir().expect("temp dir");
    let signed_on = date(2025, 12, 1);
    let (anna, niccolo) = {
        let desk = desk_on(dir.path(), signed_on);
        let gestore = import_gestore(&desk);
        let anna = desk
            .patients()
            .register_patient(common::patient::patient(
                "Rossi",
                "Anna",
                Sex::F,
                date(1950, 3, 15),
            ))
            .expect("registered");
        desk.gestori()
            .choose_gestore(
                anna,
                gestore,
                crate::common::gestore::fitting(&desk, anna, gestore),
                signed_on,
                "",
            )
            .expect("chosen");
        common::patto::sign_patto(&desk, anna);
        let niccolo = desk
            .patients()
            .register_patient(common::patient::patient(
                "D'Adda",
                "Niccolò",
                Sex::M,
                date(1950, 3, 12),
            ))
            .expect("registered");
        (anna, niccolo)
    };
    let desk = desk_on(dir.path(), today());
    let cf = |id| {
        desk.patients()
            .patient(id)
            .expect("read")
            .expect("stored")
            .codice_fiscale
    };
    let (anna_cf, niccolo_cf) = (cf(anna), cf(niccolo));
    assert!(
        desk.gestori()
            .list(None, false)
            .expect("gestori")
            .iter()
            .any(|g| g.denominazione == GESTORE)
    );
    Archive {
        _dir: dir,
        desk,
        anna,
        anna_cf,
        niccolo,
        niccolo_cf,
    }
}

fn current(ui: &Harness) -> Option<PatientId> {
    ui.app.current_patient().map(|c| c.id)
}

/// The patient the screen on top is about.
fn shown(ui: &Harness) -> Option<PatientId> {
    ui.app.screen().patient().map(|(id, _)| id)
}

/// The lookup at the bottom of the stack, reached with F2.
fn lookup_query(ui: &mut Harness) -> String {
    ui.keys(|e| {
        e.key(KeyCode::F(2));
    });
    match top(&ui.app) {
        Screen::Lookup(l) => l.query().to_string(),
        _ => panic!("lookup expected:\n{}", ui.screen()),
    }
}

// ---- The card scanner ----

#[test]
fn scan_into_an_empty_box_opens_the_record() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    ui.keys(|e| {
        e.scan(&a.anna_cf);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)), "{}", ui.screen());
    assert_eq!(shown(&ui), Some(a.anna));
    assert_eq!(current(&ui), Some(a.anna));
    assert!(ui.line(0).contains(&a.anna_cf), "{}", ui.line(0));
    assert_eq!(lookup_query(&mut ui), a.anna_cf);
}

#[test]
fn scan_into_a_box_holding_text_replaces_it() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    ui.keys(|e| {
        e.text("rossi").scan(&a.niccolo_cf);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)), "{}", ui.screen());
    assert_eq!(shown(&ui), Some(a.niccolo));
    assert_eq!(lookup_query(&mut ui), a.niccolo_cf);
    match top(&ui.app) {
        Screen::Lookup(l) => {
            assert_eq!(l.results().len(), 1);
            assert_eq!(l.results()[0].id, a.niccolo);
        }
        _ => panic!("lookup expected"),
    }
}

#[test]
fn scan_with_a_record_open_opens_the_scanned_patient() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    ui.keys(|e| {
        e.text("dadda").key(KeyCode::Enter);
    });
    assert_eq!(shown(&ui), Some(a.niccolo));
    ui.keys(|e| {
        e.scan(&a.anna_cf);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)));
    assert_eq!(shown(&ui), Some(a.anna));
    assert_eq!(current(&ui), Some(a.anna));
    assert!(ui.line(0).starts_with(" Rossi Anna · "), "{}", ui.line(0));
    // From the record the way back is the lookup, with the code in the box.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    match top(&ui.app) {
        Screen::Lookup(l) => assert_eq!(l.query(), a.anna_cf),
        _ => panic!("lookup expected:\n{}", ui.screen()),
    }
    // From another area (no text field there) too.
    ui.keys(|e| {
        e.key(KeyCode::F(7)).scan(&a.niccolo_cf);
    });
    assert_eq!(shown(&ui), Some(a.niccolo));
    assert_eq!(ui.app.depth(), 2);
}

#[test]
fn scan_with_a_changed_form_open_asks_first() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    // A new patient half typed; the help over it (no text field there).
    ui.keys(|e| {
        e.key(KeyCode::F(9)).text("Verdi").key(KeyCode::F(1));
    });
    assert_eq!(ui.app.title(), "Aiuto");
    ui.keys(|e| {
        e.scan(&a.anna_cf);
    });
    assert!(ui.app.modal().is_some(), "{}", ui.screen());
    let screen = ui.screen();
    assert!(screen.contains("Modifiche non salvate"), "{screen}");
    assert!(screen.contains("«Nuovo paziente»"), "{screen}");
    // Resta: the form, with its text, and no patient opened.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::Cognome), "Verdi"),
        _ => panic!("form expected:\n{}", ui.screen()),
    }
    assert_eq!(current(&ui), None);
    // Scarta: the scanned patient's record.
    ui.keys(|e| {
        e.key(KeyCode::F(1)).scan(&a.anna_cf).ctrl('d');
    });
    assert_eq!(shown(&ui), Some(a.anna), "{}", ui.screen());
    assert_eq!(ui.app.depth(), 2);
    assert!(
        ui.desk()
            .patients()
            .lookup("verdi", 5)
            .expect("lookup")
            .patients
            .is_empty()
    );
}

#[test]
fn scan_into_a_form_field_is_typed_there() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    // The registration form's first field has the focus: the code is text.
    ui.keys(|e| {
        e.key(KeyCode::F(9)).scan(&a.anna_cf);
    });
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::Cognome), a.anna_cf),
        _ => panic!("form expected:\n{}", ui.screen()),
    }
    assert!(ui.app.modal().is_none());
}

#[test]
fn typing_a_code_at_human_speed_is_no_scan() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    // Appended to the text in the box, as typed: nothing found.
    ui.keys(|e| {
        e.text("rossi").text(&a.anna_cf).key(KeyCode::Enter);
    });
    match top(&ui.app) {
        Screen::Lookup(l) => {
            assert_eq!(l.query(), format!("rossi{}", a.anna_cf));
            assert!(l.results().is_empty());
        }
        _ => panic!("lookup expected:\n{}", ui.screen()),
    }
    assert_eq!(current(&ui), None);
    // In an empty box a typed code and Enter open the record, as always.
    ui.keys(|e| {
        e.key(KeyCode::Esc).text(&a.niccolo_cf).key(KeyCode::Enter);
    });
    assert_eq!(shown(&ui), Some(a.niccolo));
    // On a record, typed keys do nothing: the record stays.
    ui.keys(|e| {
        e.text(&a.anna_cf).key(KeyCode::Enter);
    });
    assert_eq!(shown(&ui), Some(a.niccolo));
    assert_eq!(current(&ui), Some(a.niccolo));
}

#[test]
fn scan_of_an_unknown_code_says_so_and_offers_registration() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    let cf = sportello::domain::codice_fiscale::compute(
        "Bianchi",
        "Giorgio",
        Sex::M,
        date(1955, 5, 5),
        "A794",
        sportello::service::comuni(),
    )
    .expect("a valid code");
    let cf = cf.as_str();
    ui.keys(|e| {
        e.scan(cf);
    });
    assert_eq!(ui.app.title(), "Pazienti");
    assert_eq!(
        ui.status(),
        format!(
            "Tessera letta: nessun paziente con codice fiscale {cf}. F9: registrarlo (il codice è già nel modulo)."
        )
    );
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    match top(&ui.app) {
        Screen::Form(f) => {
            assert_eq!(f.value(FieldId::CodiceFiscale), cf);
            assert_eq!(f.value(FieldId::Sesso), "M");
        }
        _ => panic!("form expected:\n{}", ui.screen()),
    }
}

// ---- One current patient ----

#[test]
fn richiami_then_f3_f4_f5_keep_the_current_patient() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    ui.keys(|e| {
        e.text("dadda").key(KeyCode::Enter);
    });
    assert_eq!(current(&ui), Some(a.niccolo));
    // F7 on the Patti expiring: Rossi Anna is the highlighted row.
    ui.keys(|e| {
        e.key(KeyCode::F(7)).key(KeyCode::Tab).key(KeyCode::Tab);
    });
    match top(&ui.app) {
        Screen::Richiami(r) => assert_eq!(r.patient().map(|(id, _)| id), Some(a.anna)),
        _ => panic!("Richiami expected"),
    }
    for (key, title) in [
        (KeyCode::F(4), "Patto di Cura"),
        (KeyCode::F(3), "Gestore"),
        (KeyCode::F(5), "PAI"),
    ] {
        ui.keys(|e| {
            e.key(KeyCode::F(7))
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .key(key);
        });
        assert_eq!(ui.app.title(), title);
        assert_eq!(shown(&ui), Some(a.niccolo), "{}", ui.screen());
        assert_eq!(current(&ui), Some(a.niccolo));
        assert!(ui.line(0).contains(&a.niccolo_cf), "{}", ui.line(0));
        assert!(!ui.screen().contains("Rossi Anna"), "{}", ui.screen());
    }
    // F11 does not drop the patient.
    ui.keys(|e| {
        e.key(KeyCode::F(11)).key(KeyCode::F(4));
    });
    assert_eq!(ui.app.title(), "Patto di Cura");
    assert_eq!(shown(&ui), Some(a.niccolo));
    // Enter on a row of the list is a choice: Rossi Anna's Patto.
    ui.keys(|e| {
        e.key(KeyCode::F(7))
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .key(KeyCode::Enter);
    });
    assert_eq!(ui.app.title(), "Patto di Cura");
    assert_eq!(shown(&ui), Some(a.anna));
    assert_eq!(current(&ui), Some(a.anna));
    assert!(ui.line(0).contains(&a.anna_cf), "{}", ui.line(0));
    // Niccolò's screens were closed: going back never shows another
    // patient than the one in the header.
    while ui.app.depth() > 1 {
        if let Some(id) = ui.app.screen().owner() {
            assert_eq!(id, a.anna, "{}", ui.screen());
        }
        ui.keys(|e| {
            e.key(KeyCode::Esc);
        });
    }
    assert_eq!(ui.app.title(), "Pazienti");
    assert_eq!(current(&ui), Some(a.anna));
    // The lookup still highlights Niccolò, found earlier: that row is no
    // choice, F4 stays with Rossi Anna. A new search is one.
    match top(&ui.app) {
        Screen::Lookup(l) => assert_eq!(l.results()[0].id, a.niccolo),
        _ => panic!("lookup expected"),
    }
    ui.keys(|e| {
        e.key(KeyCode::F(4));
    });
    assert_eq!(shown(&ui), Some(a.anna));
    ui.keys(|e| {
        e.key(KeyCode::F(2))
            .key(KeyCode::Esc)
            .text("dadda")
            .key(KeyCode::F(4));
    });
    assert_eq!(shown(&ui), Some(a.niccolo));
    assert_eq!(current(&ui), Some(a.niccolo));
}

#[test]
fn f3_f4_f5_without_a_patient_say_the_same() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    let message = "Nessun paziente scelto: F2 per cercarlo, Invio sulla riga per sceglierlo.";
    for area in [KeyCode::F(7), KeyCode::F(6), KeyCode::F(11), KeyCode::F(1)] {
        for key in [KeyCode::F(3), KeyCode::F(4), KeyCode::F(5)] {
            ui.keys(|e| {
                e.key(area);
            });
            let title = ui.app.title();
            ui.keys(|e| {
                e.key(key);
            });
            assert_eq!(ui.app.title(), title, "{key:?} from {title}");
            assert_eq!(ui.status(), message, "{key:?} from {title}");
        }
    }
    for digit in ['3', '4', '5'] {
        ui.keys(|e| {
            e.key(KeyCode::F(7)).alt(digit);
        });
        assert_eq!(ui.app.title(), "Richiami");
        assert_eq!(ui.status(), message);
    }
    assert_eq!(current(&ui), None);
}

#[test]
fn the_header_names_the_patient_on_every_screen() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    // The first frame: no patient yet, the practice instead.
    ui.keys(|_| {});
    let mut headers = vec![format!("{:<14} {}", "Pazienti", ui.line(0))];
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter);
    });
    headers.push(format!("{:<14} {}", "Scheda", ui.line(0)));
    let areas = [
        ("F3", KeyCode::F(3)),
        ("F4", KeyCode::F(4)),
        ("F5", KeyCode::F(5)),
        ("F6", KeyCode::F(6)),
        ("F7", KeyCode::F(7)),
        ("F11", KeyCode::F(11)),
        ("F1", KeyCode::F(1)),
        ("F2", KeyCode::F(2)),
    ];
    for (name, key) in areas {
        ui.keys(|e| {
            e.key(key);
        });
        assert!(ui.line(0).contains(&a.anna_cf), "{name}: {}", ui.line(0));
        headers.push(format!("{name:<14} {}", ui.line(0)));
    }
    // The lookup keeps the search: Enter opens the record again, F8 its form.
    ui.keys(|e| {
        e.key(KeyCode::Enter).key(KeyCode::F(8));
    });
    assert!(matches!(top(&ui.app), Screen::Form(_)));
    headers.push(format!("{:<14} {}", "Scheda · F8", ui.line(0)));
    insta::assert_snapshot!("headers_80x24", headers.join("\n"));
}

// ---- Leaving a changed form ----

/// Rossi Anna's record, then her form with the phone changed.
fn changed_form(ui: &mut Harness) {
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter).key(KeyCode::F(8));
        for _ in 0..11 {
            e.key(KeyCode::Tab);
        }
        e.ctrl('u').text("333 7654321");
    });
    match top(&ui.app) {
        Screen::Form(f) => {
            assert_eq!(f.value(FieldId::Telefoni), "333 7654321");
            assert!(f.is_dirty());
        }
        _ => panic!("form expected:\n{}", ui.screen()),
    }
}

fn phones(ui: &Harness, id: PatientId) -> Vec<String> {
    ui.desk()
        .patients()
        .patient(id)
        .expect("read")
        .expect("stored")
        .telefoni
}

#[test]
fn leaving_a_changed_form_with_an_f_key_asks() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    changed_form(&mut ui);
    ui.keys(|e| {
        e.key(KeyCode::F(3));
    });
    assert!(ui.app.modal().is_some());
    let screen = ui.screen();
    assert!(
        screen.contains(&format!(
            "Il modulo «Modifica paziente» di Rossi Anna ({}) ha",
            a.anna_cf
        )),
        "{screen}"
    );
    assert!(
        screen.contains("Invio Salva  Ctrl+D Scarta  Esc Resta"),
        "{screen}"
    );
    insta::assert_snapshot!("unsaved_question_80x24", screen);
    // Every area key asks the same; one Esc is back in the form.
    for key in [
        KeyCode::F(2),
        KeyCode::F(4),
        KeyCode::F(5),
        KeyCode::F(6),
        KeyCode::F(7),
        KeyCode::F(10),
        KeyCode::F(11),
        KeyCode::Esc,
    ] {
        ui.keys(|e| {
            e.key(KeyCode::Esc).key(key);
        });
        assert!(ui.app.modal().is_some(), "{key:?}");
        assert!(ui.screen().contains("«Modifica paziente»"), "{key:?}");
    }
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(matches!(top(&ui.app), Screen::Form(_)));
    assert!(!ui.app.should_quit());
}

#[test]
fn resta_keeps_the_form_and_its_text() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    changed_form(&mut ui);
    ui.keys(|e| {
        e.key(KeyCode::F(1)).key(KeyCode::F(3)).key(KeyCode::Esc);
    });
    assert!(ui.app.modal().is_none());
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::Telefoni), "333 7654321"),
        _ => panic!("form expected:\n{}", ui.screen()),
    }
    assert_eq!(phones(&ui, a.anna), Vec::<String>::new());
}

#[test]
fn scarta_drops_the_changes_and_goes_on() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    changed_form(&mut ui);
    ui.keys(|e| {
        e.key(KeyCode::F(3)).ctrl('d');
    });
    assert_eq!(ui.app.title(), "Gestore");
    assert_eq!(shown(&ui), Some(a.anna));
    assert_eq!(phones(&ui, a.anna), Vec::<String>::new());
    // The form is gone: back from the Gestore is the record.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)), "{}", ui.screen());
}

#[test]
fn salva_saves_and_goes_on() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    changed_form(&mut ui);
    ui.keys(|e| {
        e.key(KeyCode::F(3)).ctrl('s');
    });
    assert!(ui.app.modal().is_none());
    assert_eq!(ui.app.title(), "Gestore");
    assert_eq!(phones(&ui, a.anna), vec!["333 7654321".to_string()]);
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)), "{}", ui.screen());
    // Esc from a changed form: one question, salva goes back to the record.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
        for _ in 0..11 {
            e.key(KeyCode::Tab);
        }
        e.ctrl('u').text("02 1234567").key(KeyCode::Esc);
    });
    assert!(ui.app.modal().is_some());
    // Enter, the key pressed without reading, saves too.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)), "{}", ui.screen());
    assert_eq!(phones(&ui, a.anna), vec!["02 1234567".to_string()]);
    assert_eq!(ui.status(), "Paziente salvato");
}

#[test]
fn salva_with_errors_stays_on_the_form() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    changed_form(&mut ui);
    // The surname emptied: saving fails.
    ui.keys(|e| {
        for _ in 0..11 {
            e.key(KeyCode::BackTab);
        }
        e.ctrl('u').key(KeyCode::F(4)).ctrl('s');
    });
    assert!(ui.app.modal().is_none());
    match top(&ui.app) {
        Screen::Form(f) => {
            assert_eq!(f.value(FieldId::Cognome), "");
            assert_eq!(f.value(FieldId::Telefoni), "333 7654321");
            assert_eq!(f.focused(), FieldId::Cognome);
        }
        _ => panic!("form expected:\n{}", ui.screen()),
    }
    assert_eq!(
        ui.status(),
        "Ci sono errori: correggere i campi segnati con ✗ (F1 per l'aiuto)."
    );
    assert_eq!(phones(&ui, a.anna), Vec::<String>::new());
}

#[test]
fn quitting_with_a_changed_form_asks_and_salva_saves_then_quits() {
    let a = archive();
    let mut ui = Harness::new(a.desk.clone(), 80, 24);
    changed_form(&mut ui);
    ui.keys(|e| {
        e.ctrl('q');
    });
    assert!(!ui.app.should_quit());
    assert!(ui.screen().contains("«Modifica paziente»"));
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert!(ui.app.should_quit());
    assert_eq!(phones(&ui, a.anna), vec!["333 7654321".to_string()]);
}

#[test]
fn quitting_at_the_lock_warns_about_a_changed_form() {
    let a = archive();
    a.desk
        .operators()
        .add_operator("anna", "password-anna", Role::Segreteria)
        .expect("operator");
    drop(a.desk);
    let clock = Arc::new(ManualClock::new(
        today().and_hms_opt(9, 0, 0).expect("valid time"),
    ));
    let desk = loop {
        match Desk::open(a._dir.path(), clock.clone()) {
            Ok(desk) => break desk,
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    };
    let app = App::with_login(desk, Lang::It).with_idle_minutes(10);
    let mut ui = Harness::of(app, 80, 24);
    ui.keys(|e| {
        e.text("anna")
            .key(KeyCode::Tab)
            .text("password-anna")
            .key(KeyCode::Enter);
        e.key(KeyCode::F(9)).text("Verdi");
    });
    clock.advance(chrono::Duration::minutes(11));
    ui.keys(|e| {
        e.tick();
    });
    assert!(matches!(
        ui.app.gate().map(|g| g.mode()),
        Some(GateMode::Unlock { .. })
    ));
    ui.keys(|e| {
        e.key(KeyCode::F(10));
    });
    assert!(!ui.app.should_quit());
    assert_eq!(
        ui.app.gate().and_then(|g| g.error()),
        Some(
            "Il modulo «Nuovo paziente» ha modifiche non salvate: sbloccare per salvarle. F10 di nuovo esce senza salvarle."
        )
    );
    // Unlocking finds the form as it was.
    ui.keys(|e| {
        e.text("password-anna").key(KeyCode::Enter);
    });
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::Cognome), "Verdi"),
        _ => panic!("form expected:\n{}", ui.screen()),
    }
    // A card read at the lock is not tried as the password.
    clock.advance(chrono::Duration::minutes(11));
    ui.keys(|e| {
        e.tick().scan(&a.anna_cf);
    });
    assert_eq!(
        ui.app.gate().and_then(|g| g.error()),
        Some(
            "Tessera letta: prima accedere con la propria password, poi leggere di nuovo la tessera."
        )
    );
    ui.keys(|e| {
        e.text("password-anna").key(KeyCode::Enter);
    });
    assert!(ui.app.gate().is_none(), "{}", ui.screen());
    // Locked again, F10 twice quits.
    clock.advance(chrono::Duration::minutes(11));
    ui.keys(|e| {
        e.tick().key(KeyCode::F(10)).key(KeyCode::F(10));
    });
    assert!(ui.app.should_quit());
}

#[test]
fn every_function_key_does_something_on_every_screen() {
    let a = archive();
    // The screens, each reached from the lookup, without and with a patient.
    let screens: [(&str, bool, Vec<KeyCode>); 13] = [
        ("Pazienti", false, vec![]),
        ("Agenda", false, vec![KeyCode::F(6)]),
        ("Richiami", false, vec![KeyCode::F(7)]),
        ("Amministrazione", false, vec![KeyCode::F(11)]),
        ("Aiuto", false, vec![KeyCode::F(1)]),
        ("Scheda paziente", true, vec![]),
        ("Gestore", true, vec![KeyCode::F(3)]),
        ("Patto di Cura", true, vec![KeyCode::F(4)]),
        ("PAI", true, vec![KeyCode::F(5)]),
        ("Agenda", true, vec![KeyCode::F(6)]),
        ("Richiami", true, vec![KeyCode::F(7)]),
        ("Amministrazione", true, vec![KeyCode::F(11)]),
        ("Aiuto", true, vec![KeyCode::F(1)]),
    ];
    let mut keys: Vec<(String, KeyCode, bool)> = (1..=12)
        .map(|n| (format!("F{n}"), KeyCode::F(n), false))
        .collect();
    keys.extend(('0'..='9').map(|d| (format!("Alt+{d}"), KeyCode::Char(d), true)));
    for (title, with_patient, path) in &screens {
        for (name, code, alt) in &keys {
            let mut ui = Harness::new(a.desk.clone(), 80, 24);
            ui.keys(|e| {
                if *with_patient {
                    e.text("rossi anna").key(KeyCode::Enter);
                }
                for k in path {
                    e.key(*k);
                }
            });
            assert_eq!(ui.app.title(), *title, "{}", ui.screen());
            let before = ui.screen();
            ui.keys(|e| {
                if *alt {
                    e.alt(match code {
                        KeyCode::Char(c) => *c,
                        _ => unreachable!(),
                    });
                } else {
                    e.key(*code);
                }
            });
            // The area already on screen is the one case left as it is.
            let same_area = ui.app.title() == *title
                && matches!(
                    (name.as_str(), *title),
                    ("F2" | "Alt+2", "Pazienti")
                        | ("F6" | "Alt+6", "Agenda")
                        | ("F7" | "Alt+7", "Richiami")
                        | ("F11" | "Alt+9", "Amministrazione")
                        | ("F3" | "Alt+3", "Gestore")
                        | ("F4" | "Alt+4", "Patto di Cura")
                        | ("F5" | "Alt+5", "PAI")
                );
            assert!(
                ui.app.should_quit() || ui.screen() != before || same_area,
                "{name} on {title} (patient: {with_patient}) did nothing:\n{}",
                ui.screen()
            );
            // The patient stays the one chosen, whatever the key.
            if *with_patient {
                assert_eq!(current(&ui), Some(a.anna), "{name} on {title}");
            }
        }
    }
}
