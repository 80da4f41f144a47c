//! The terminal interface driven through its real loop with scripted events,
//! drawn on ratatui's TestBackend: snapshots of the screens, a whole
//! registration-search-edit flow checked against the store, and the styles
//! that snapshots cannot show.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use common::screen::{Screen, top};
use sportello::domain::codice_fiscale::compute;
use sportello::domain::{Patient, PatientStatus, Residence, Sex};
use sportello::service::{Desk, FixedClock};
use sportello::tui::app::StatusKind;
use sportello::tui::{App, Lang};

fn open_desk(dir: &Path) -> Desk {
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    Desk::open(dir, Arc::new(clock)).expect("store opens")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

struct Person {
    cognome: &'static str,
    nome: &'static str,
    sex: Sex,
    born: NaiveDate,
    birthplace: &'static str,
    comune: &'static str,
    patologie: &'static [&'static str],
}

fn patient(p: &Person) -> Patient {
    let cf = compute(
        p.cognome,
        p.nome,
        p.sex,
        p.born,
        p.birthplace,
        sportello::service::comuni(),
    )
    .expect("computable cf");
    Patient {
        id: 0,
        cognome: p.cognome.into(),
        nome: p.nome.into(),
        codice_fiscale: cf.as_str().into(),
        sesso: p.sex,
        data_nascita: p.born,
        luogo_nascita: p.birthplace.into(),
        residenza: Residence {
            indirizzo: "Via Roma 1".into(),
            cap: "20100".into(),
            comune: p.comune.into(),
        },
        ats_override: None,
        mmg: "Dott.ssa Bianchi".into(),
        telefoni: vec!["02 1234567".into()],
        email: String::new(),
        tessera_sanitaria: String::new(),
        patologia_primaria: None,
        livello_ats: None,
        patologie: p.patologie.iter().map(|c| c.to_string()).collect(),
        stato: PatientStatus::Attivo,
        note: String::new(),
    }
}

/// A small known archive.
fn fill(desk: &Desk) {
    let people = [
        Person {
            cognome: "Rossi",
            nome: "Mario",
            sex: Sex::M,
            born: date(1968, 1, 1),
            birthplace: "H501",
            comune: "F205",
            patologie: &["56", "50"],
        },
        Person {
            cognome: "Rossi",
            nome: "Anna",
            sex: Sex::F,
            born: date(1950, 3, 15),
            birthplace: "F205",
            comune: "F704",
            patologie: &["50", "39", "20", "17"],
        },
        Person {
            cognome: "Rossini",
            nome: "Giulia",
            sex: Sex::F,
            born: date(1975, 7, 20),
            birthplace: "B157",
            comune: "B157",
            patologie: &["56"],
        },
        Person {
            cognome: "Rossetti",
            nome: "Luca",
            sex: Sex::M,
            born: date(1942, 11, 5),
            birthplace: "B149",
            comune: "B149",
            patologie: &["30", "20"],
        },
        Person {
            cognome: "Bianchi",
            nome: "Giorgio",
            sex: Sex::M,
            born: date(1955, 5, 5),
            birthplace: "A794",
            comune: "A794",
            patologie: &[],
        },
        Person {
            cognome: "Bianchini",
            nome: "Laura",
            sex: Sex::F,
            born: date(1961, 9, 30),
            birthplace: "A794",
            comune: "A794",
            patologie: &["63"],
        },
        Person {
            cognome: "Rossi",
            nome: "Carlo",
            sex: Sex::M,
            born: date(1931, 2, 2),
            birthplace: "F205",
            comune: "F205",
            patologie: &["28", "33"],
        },
    ];
    for person in &people {
        let mut p = patient(person);
        if person.nome == "Mario" {
            p.ats_override = Some("030322".into());
            p.email = "mario.rossi@example.it".into();
            p.tessera_sanitaria = "80380001200012345678".into();
            p.telefoni = vec!["02 1234567".into(), "333 7654321".into()];
            p.note = "Preferisce essere chiamato al mattino".into();
        }
        let id = desk.patients().register_patient(p).expect("registered");
        if person.nome == "Carlo" {
            let mut p = desk.patients().patient(id).expect("read").expect("stored");
            p.stato = PatientStatus::Deceduto(date(2026, 3, 10));
            desk.patients().update_patient(p).expect("updated");
        }
    }
}

fn archive() -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    fill(&desk);
    (dir, desk)
}

#[test]
fn lookup_with_results() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk) = archive();
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.text("ros");
        });
        match top(&ui.app) {
            Screen::Lookup(l) => {
                let names: Vec<String> = l
                    .results()
                    .iter()
                    .map(|p| format!("{} {}", p.cognome, p.nome))
                    .collect();
                assert_eq!(
                    names,
                    [
                        "Rossetti Luca",
                        "Rossi Anna",
                        "Rossi Carlo",
                        "Rossi Mario",
                        "Rossini Giulia"
                    ]
                );
                assert!(!l.suggested());
            }
            _ => panic!("lookup expected"),
        }
        insta::assert_snapshot!(format!("lookup_results_{w}x{h}"), ui.screen());
    }
}

#[test]
fn lookup_with_suggestions() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk) = archive();
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.text("Bianci");
        });
        match top(&ui.app) {
            Screen::Lookup(l) => {
                assert!(l.suggested());
                assert!(l.results().iter().any(|p| p.cognome == "Bianchi"));
            }
            _ => panic!("lookup expected"),
        }
        assert!(
            ui.screen()
                .contains("Nessun paziente trovato. Forse cercavi:")
        );
        insta::assert_snapshot!(format!("lookup_suggestions_{w}x{h}"), ui.screen());
    }
}

#[test]
fn patient_record() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk) = archive();
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.text("rossi mario").key(KeyCode::Enter);
        });
        match top(&ui.app) {
            Screen::Record(r) => assert_eq!(r.patient().nome, "Mario"),
            _ => panic!("record expected"),
        }
        let screen = ui.screen();
        assert!(screen.contains("030322 ATS dell'Insubria"));
        assert!(screen.contains("nessuna presa in carico"));
        insta::assert_snapshot!(format!("record_{w}x{h}"), screen);
    }
}

#[test]
fn form_with_validation_errors() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk) = archive();
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.key(KeyCode::F(9))
                .text("Rossi")
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .text("RSSMRA68A01H501X")
                .key(KeyCode::Tab)
                .text("X")
                .key(KeyCode::Tab)
                .text("31/02/1968")
                .key(KeyCode::Tab)
                .text("Nessunluogo")
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .text("201")
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .text("02 12345, abc")
                .key(KeyCode::Tab)
                .text("mario@")
                .key(KeyCode::Tab)
                .key(KeyCode::Tab)
                .text("ipa, xyz")
                .ctrl('s');
        });
        // Still in the form: nothing saved, the errors listed.
        assert!(matches!(top(&ui.app), Screen::Form(_)));
        assert_eq!(
            ui.app.status().map(|s| s.kind),
            Some(StatusKind::Error),
            "{:?}",
            ui.app.status()
        );
        let screen = ui.screen();
        assert!(screen.contains("✗ Obbligatorio"), "{screen}");
        assert!(screen.contains("✗ Scrivere M o F"), "{screen}");
        assert!(screen.contains("✗ Data inesistente"), "{screen}");
        insta::assert_snapshot!(format!("form_errors_{w}x{h}"), screen);
    }
}

/// Types surname, name, sex, birth date and birthplace into a new
/// registration, leaving the codice fiscale empty.
fn type_personal_data(e: &mut sportello::tui::ScriptedEvents, place: &str) {
    e.key(KeyCode::F(9))
        .text("D'Adda")
        .key(KeyCode::Tab)
        .text("Niccolò")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .text("m")
        .key(KeyCode::Tab)
        .text("01/01/1980")
        .key(KeyCode::Tab)
        .text(place)
        .key(KeyCode::Enter);
}

#[test]
fn codice_fiscale_computed_from_personal_data() {
    use sportello::tui::patients::form::FieldId;
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    // Nothing to compute from yet: the missing data are named.
    ui.keys(|e| {
        e.key(KeyCode::F(9)).text("D'Adda").key(KeyCode::F(9));
    });
    assert_eq!(
        ui.status(),
        "Per calcolare il codice fiscale mancano o sono errati: Nome, Sesso (M/F), Data di nascita, Luogo di nascita"
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });

    // Born in Milano: the code fills the empty field, with the warning
    // that the card wins.
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        type_personal_data(e, "milano");
        e.key(KeyCode::F(9));
    });
    match top(&ui.app) {
        Screen::Form(f) => {
            assert_eq!(f.value(FieldId::LuogoNascita), "Milano (MI)");
            assert_eq!(f.value(FieldId::CodiceFiscale), "DDDNCL80A01F205L");
        }
        _ => panic!("form expected"),
    }
    assert!(
        ui.status() == "CF calcolato: DDDNCL80A01F205L; confrontarlo con la tessera (omocodia).",
        "{}",
        ui.status()
    );
    let screen = ui.screen();
    assert!(screen.contains("F9 Calcola CF"), "{screen}");
    insta::assert_snapshot!("form_computed_cf_80x24", screen);
    // Saved as any registration.
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert_eq!(ui.status(), "Paziente salvato");
    assert_eq!(
        ui.desk()
            .patients()
            .patient_by_cf("DDDNCL80A01F205L")
            .expect("store")
            .map(|p| p.nome),
        Some("Niccolò".to_string())
    );

    // Born abroad (a Z code), with Ctrl+G for F9.
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        type_personal_data(e, "Z112");
        e.ctrl('g');
    });
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::CodiceFiscale), "DDDNCL80A01Z112T"),
        _ => panic!("form expected"),
    }

    // A code already typed (from the card) is compared, never replaced.
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        type_personal_data(e, "milano");
        e.key(KeyCode::BackTab)
            .key(KeyCode::BackTab)
            .key(KeyCode::BackTab)
            .text("DDDNCL80A01F20RX")
            .key(KeyCode::F(9));
    });
    match top(&ui.app) {
        Screen::Form(f) => assert_eq!(f.value(FieldId::CodiceFiscale), "DDDNCL80A01F20RX"),
        _ => panic!("form expected"),
    }
    assert!(
        ui.status()
            .starts_with("Dai dati anagrafici risulta DDDNCL80A01F205L, diverso"),
        "{}",
        ui.status()
    );
}

#[test]
fn too_small_message_and_the_way_out() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 60, 20);
    ui.keys(|e| {
        // Typed blind: ignored while the window is too small.
        e.text("ros");
    });
    let screen = ui.screen();
    assert!(screen.contains("Finestra troppo piccola"));
    insta::assert_snapshot!("too_small_60x20", screen);
    match top(&ui.app) {
        Screen::Lookup(l) => assert_eq!(l.query(), ""),
        _ => panic!("lookup expected"),
    }
    // Back to a usable size, the application is all there.
    ui.resize(80, 24);
    assert!(ui.screen().contains("Cerca:"));
    ui.resize(60, 20);
    ui.keys(|e| {
        e.key(KeyCode::F(10));
    });
    assert!(ui.app.should_quit());
}

#[test]
fn selection_is_reverse_video_with_a_marker() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("ros").key(KeyCode::Down);
    });
    // Line 0 header, 1 search, 2 message, 3 table header, 4 first row.
    let buffer = ui.terminal.backend().buffer().clone();
    let first = 4;
    let selected = 5;
    assert!(
        ui.line(selected).starts_with("▶ Rossi"),
        "{}",
        ui.line(selected)
    );
    assert!(
        ui.line(first).starts_with("  Rossetti"),
        "{}",
        ui.line(first)
    );
    for x in 0..80 {
        assert!(
            buffer[(x, selected)].modifier.contains(Modifier::REVERSED),
            "cell {x} of the selected row is not reversed"
        );
        assert!(
            !buffer[(x, first)].modifier.contains(Modifier::REVERSED),
            "cell {x} of an unselected row is reversed"
        );
    }
}

#[test]
fn cursor_follows_accented_text() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("Niccolò D'Adda");
    });
    // " Cerca: " then "[": the value starts at column 9; 14 characters typed.
    ui.terminal
        .backend_mut()
        .assert_cursor_position((9 + 14, 1));
    ui.keys(|e| {
        e.key(KeyCode::Left).key(KeyCode::Left);
    });
    ui.terminal
        .backend_mut()
        .assert_cursor_position((9 + 12, 1));
}

#[test]
fn f_keys_and_alt_digits_never_do_nothing() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    // F3, F4 and F5 with no current patient say the same, on the status
    // line, and offer F2; so do their Alt+digit alternatives.
    for key in [KeyCode::F(3), KeyCode::F(4), KeyCode::F(5)] {
        ui.keys(|e| {
            e.key(key);
        });
        assert_eq!(ui.app.title(), "Pazienti");
        assert_eq!(
            ui.status(),
            "Nessun paziente scelto: F2 per cercarlo, Invio sulla riga per sceglierlo."
        );
        assert!(ui.screen().contains("Nessun paziente scelto"));
    }
    for digit in ['3', '4', '5'] {
        ui.keys(|e| {
            e.key(KeyCode::Esc).alt(digit);
        });
        assert_eq!(ui.app.title(), "Pazienti");
        assert!(ui.status().starts_with("Nessun paziente scelto"));
    }
    // F6, the agenda's day list (empty: no resources, no appointments).
    ui.keys(|e| {
        e.key(KeyCode::F(6));
    });
    assert_eq!(ui.app.title(), "Agenda");
    assert!(ui.screen().contains("Nessun appuntamento"));
    ui.keys(|e| {
        e.key(KeyCode::Esc).alt('6');
    });
    assert_eq!(ui.app.title(), "Agenda");
    ui.keys(|e| {
        e.alt('2');
    });
    assert_eq!(ui.app.title(), "Pazienti");
    // F7 opens the recalls.
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    assert_eq!(ui.app.title(), "Richiami");
    ui.keys(|e| {
        e.key(KeyCode::Esc).alt('7');
    });
    assert_eq!(ui.app.title(), "Richiami");
    ui.keys(|e| {
        e.alt('2');
    });
    assert_eq!(ui.app.title(), "Pazienti");
    ui.keys(|e| {
        e.alt('1');
    });
    assert_eq!(ui.app.title(), "Aiuto");
    assert!(ui.screen().contains("F10 / Alt+0 / Ctrl+Q"));
    ui.keys(|e| {
        e.key_with(KeyCode::Char('q'), KeyModifiers::CONTROL);
    });
    assert!(ui.app.should_quit());
}

#[test]
fn register_find_edit_and_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cf = "DDDNCL80A01F205L";
    {
        let desk = open_desk(dir.path());
        fill(&desk);
        let mut ui = Harness::new(desk, 80, 24);
        // Register: surname typed, name pasted (with a stray line break),
        // codice fiscale typed (it fills sex, birth date and birthplace),
        // comune of residence picked from the completion list.
        ui.keys(|e| {
            e.key(KeyCode::F(9))
                .text("D'Adda")
                .key(KeyCode::Tab)
                .paste("Nicc\u{1b}olò\r\n")
                .key(KeyCode::Tab)
                .text(&cf.to_lowercase());
        });
        match top(&ui.app) {
            Screen::Form(f) => {
                use sportello::tui::patients::form::FieldId;
                assert_eq!(f.value(FieldId::Nome), "Niccolò");
                assert_eq!(f.value(FieldId::Sesso), "M");
                assert_eq!(f.value(FieldId::DataNascita), "01/01/1980");
                assert_eq!(f.value(FieldId::LuogoNascita), "Milano (MI)");
            }
            _ => panic!("form expected"),
        }
        ui.keys(|e| {
            for _ in 0..6 {
                e.key(KeyCode::Tab);
            }
            e.text("cassano d");
        });
        match top(&ui.app) {
            Screen::Form(f) => assert_eq!(
                f.completion_items()
                    .and_then(|i| i.first())
                    .map(String::as_str),
                Some("Cassano d'Adda (MI)")
            ),
            _ => panic!("form expected"),
        }
        ui.keys(|e| {
            e.key(KeyCode::Enter).ctrl('s');
        });
        assert_eq!(
            ui.app.status().map(|s| s.text.as_str()),
            Some("Paziente salvato")
        );
        match top(&ui.app) {
            Screen::Record(r) => assert_eq!(r.patient().cognome, "D'Adda"),
            _ => panic!("record expected"),
        }

        // Find by a partial, lower-case, unaccented surname.
        ui.keys(|e| {
            e.key(KeyCode::Esc).text("dadd");
        });
        match top(&ui.app) {
            Screen::Lookup(l) => {
                assert_eq!(l.results().len(), 1);
                assert_eq!(l.results()[0].nome, "Niccolò");
            }
            _ => panic!("lookup expected"),
        }

        // Edit the phone.
        ui.keys(|e| {
            e.key(KeyCode::Enter).key(KeyCode::F(8));
            for _ in 0..11 {
                e.key(KeyCode::Tab);
            }
            e.ctrl('u').text("333 1234567").ctrl('s');
        });
        assert_eq!(
            ui.app.status().map(|s| s.text.as_str()),
            Some("Paziente salvato")
        );
        ui.keys(|e| {
            e.key(KeyCode::F(10));
        });
        assert!(ui.app.should_quit());
    }

    // A new application on the reopened store finds the change.
    let desk = open_desk(dir.path());
    let stored = desk
        .patients()
        .patient_by_cf(cf)
        .expect("store readable")
        .expect("patient stored");
    assert_eq!(stored.cognome, "D'Adda");
    assert_eq!(stored.nome, "Niccolò");
    assert_eq!(stored.sesso, Sex::M);
    assert_eq!(stored.data_nascita, date(1980, 1, 1));
    assert_eq!(stored.luogo_nascita, "F205");
    assert_eq!(stored.residenza.comune, "C003");
    assert_eq!(stored.telefoni, vec!["333 1234567".to_string()]);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("dadda nic").key(KeyCode::Enter);
    });
    match top(&ui.app) {
        Screen::Record(r) => assert_eq!(r.patient().telefoni, vec!["333 1234567".to_string()]),
        _ => panic!("record expected"),
    }
    assert!(ui.screen().contains("333 1234567"));
}

#[test]
fn unsaved_changes_are_asked_about() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(9)).text("Verdi").key(KeyCode::Esc);
    });
    assert!(ui.app.modal().is_some());
    assert!(ui.screen().contains("Modifiche non salvate"));
    // Esc keeps the form and its text.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(ui.app.modal().is_none());
    match top(&ui.app) {
        Screen::Form(f) => {
            assert_eq!(
                f.value(sportello::tui::patients::form::FieldId::Cognome),
                "Verdi"
            )
        }
        _ => panic!("form expected"),
    }
    // Quitting asks too; the quit key confirms.
    ui.keys(|e| {
        e.key(KeyCode::F(10));
    });
    assert!(!ui.app.should_quit());
    ui.keys(|e| {
        e.key(KeyCode::F(10));
    });
    assert!(ui.app.should_quit());
}

#[test]
fn existing_codice_fiscale_opens_its_record() {
    let (_dir, desk) = archive();
    let mario = desk
        .patients()
        .lookup("rossi mario", 5)
        .expect("lookup")
        .patients
        .remove(0);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(9))
            .text("Rossi")
            .key(KeyCode::Tab)
            .text("Mario")
            .key(KeyCode::Tab)
            .text(&mario.codice_fiscale)
            .ctrl('s');
    });
    match top(&ui.app) {
        Screen::Record(r) => assert_eq!(r.id(), mario.id),
        _ => panic!("record expected"),
    }
    let status = ui.app.status().expect("a message");
    assert!(status.text.contains("già registrato"), "{}", status.text);
}

#[test]
fn possible_duplicate_asks_before_saving() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    // Same names and birth date as Rossi Mario, another codice fiscale (born
    // elsewhere).
    let other = compute(
        "Rossi",
        "Mario",
        Sex::M,
        date(1968, 1, 1),
        "F205",
        sportello::service::comuni(),
    )
    .expect("cf");
    ui.keys(|e| {
        e.key(KeyCode::F(9))
            .text("Rossi")
            .key(KeyCode::Tab)
            .text("Mario")
            .key(KeyCode::Tab)
            .text(other.as_str())
            .ctrl('s');
    });
    assert!(ui.screen().contains("Possibile doppione"));
    assert!(matches!(top(&ui.app), Screen::Form(_)));
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)));
    let stored = ui
        .app
        .desk()
        .patients()
        .patient_by_cf(other.as_str())
        .expect("readable");
    assert!(stored.is_some());
}

#[test]
fn deceased_with_a_date_never_deleted() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("rossini").key(KeyCode::Enter).ctrl('d');
    });
    assert!(ui.screen().contains("22/11/2026"));
    // A wrong date is refused in the dialog.
    ui.keys(|e| {
        e.ctrl('u').text("30/02/2026").key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_some());
    assert!(ui.screen().contains("Data inesistente"));
    ui.keys(|e| {
        e.ctrl('u').text("01/10/2026").key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none());
    let p = ui
        .app
        .desk()
        .patients()
        .lookup("rossini", 5)
        .expect("lookup")
        .patients
        .remove(0);
    assert_eq!(p.stato, "deceduto");
    assert!(ui.screen().contains("DECEDUTO il 01/10/2026"));
    // Back in the lookup, the PIC column says so.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(ui.line(4).contains("deceduto"), "{}", ui.line(4));
}

/// F9, then surname, name, sex, birth date and place typed in the form,
/// then back to the codice fiscale field to type `cf` and leave it.
fn new_patient_then_cf(ui: &mut Harness, [surname, name, sex, born, place]: [&str; 5], cf: &str) {
    ui.keys(|e| {
        e.key(KeyCode::F(9))
            .text(surname)
            .key(KeyCode::Tab)
            .text(name)
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .text(sex)
            .key(KeyCode::Tab)
            .text(born)
            .key(KeyCode::Tab)
            .text(place)
            .key(KeyCode::Tab)
            .key(KeyCode::BackTab)
            .key(KeyCode::BackTab)
            .key(KeyCode::BackTab)
            .key(KeyCode::BackTab)
            .text(cf)
            .key(KeyCode::Tab);
    });
}

#[test]
fn data_contradicting_the_codice_fiscale_is_flagged_not_blocked() {
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 100, 30);
    let cf = compute(
        "Verdi",
        "Giuseppe",
        Sex::M,
        date(1950, 4, 12),
        "F205",
        sportello::service::comuni(),
    )
    .expect("cf");
    new_patient_then_cf(
        &mut ui,
        ["Bianchi", "Giuseppe", "F", "13/04/1950", "H501"],
        cf.as_str(),
    );
    let screen = ui.screen();
    assert!(
        screen.contains("! Non corrisponde al codice fiscale (VRD)"),
        "{screen}"
    );
    assert!(screen.contains("! Il codice fiscale indica M"), "{screen}");
    assert!(
        screen.contains("! Il codice fiscale indica 12/04/1950"),
        "{screen}"
    );
    assert!(
        screen.contains("! Il codice fiscale indica Milano (MI)"),
        "{screen}"
    );
    // Typed data is kept, not overwritten by the codice fiscale.
    match top(&ui.app) {
        Screen::Form(f) => {
            use sportello::tui::patients::form::FieldId;
            assert_eq!(f.value(FieldId::Sesso), "F");
            assert_eq!(f.value(FieldId::LuogoNascita), "H501");
        }
        _ => panic!("form expected"),
    }
    // A warning does not stop the save.
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)));
    let stored = ui
        .app
        .desk()
        .patients()
        .patient_by_cf(cf.as_str())
        .expect("readable")
        .expect("saved");
    assert_eq!(stored.sesso, Sex::F);
    assert_eq!(stored.luogo_nascita, "H501");
}

/// A codice fiscale whose omocodia letters skip the official right-to-left
/// order was accepted without a word: it is a misread card or a typing
/// error. Now it is flagged on the field, and still saved.
#[test]
fn omocodia_letters_out_of_order_are_flagged_not_blocked() {
    use sportello::domain::codice_fiscale::check_char;
    let (_dir, desk) = archive();
    let mut ui = Harness::new(desk, 120, 30);
    let cf = compute(
        "Verdi",
        "Giuseppe",
        Sex::M,
        date(1950, 4, 12),
        "F205",
        sportello::service::comuni(),
    )
    .expect("cf");
    // The 7th character (the year's first digit, 5) as its omocodia letter R,
    // while every position to its right keeps its digit.
    let first15 = format!("{}R{}", &cf.as_str()[..6], &cf.as_str()[7..15]);
    let odd = format!("{first15}{}", check_char(&first15).expect("check"));
    new_patient_then_cf(
        &mut ui,
        ["Verdi", "Giuseppe", "M", "12/04/1950", "F205"],
        &odd,
    );
    let screen = ui.screen();
    assert!(
        screen.contains("! lettere di omocodia fuori dall'ordine ufficiale"),
        "{screen}"
    );
    // The same code in the official order (none replaced) says valid.
    assert!(!screen.contains("valido (omocodia)"), "{screen}");
    ui.keys(|e| {
        e.ctrl('s');
    });
    let stored = ui
        .app
        .desk()
        .patients()
        .patient_by_cf(&odd)
        .expect("readable")
        .expect("saved despite the warning");
    assert_eq!(stored.cognome, "Verdi");
}

#[test]
fn english_on_request() {
    let (_dir, desk) = archive();
    let mut ui = Harness {
        app: App::new(desk, Lang::En),
        terminal: Terminal::new(TestBackend::new(80, 24)).expect("test terminal"),
    };
    ui.keys(|e| {
        e.text("ros");
    });
    let screen = ui.screen();
    assert!(screen.contains("5 patients found"), "{screen}");
    assert!(screen.contains("F1 Help"), "{screen}");
    assert_eq!(ui.app.title(), "Patients");
}

/// A demonstration store says so in the header, in both languages; an
/// ordinary store's header has no such word.
#[test]
fn the_header_shows_a_demonstration_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = || Arc::new(FixedClock::on(2026, 11, 22).expect("valid date"));
    let demo = Desk::open_demo(&dir.path().join("demo"), clock()).expect("demo store");
    let mut h = Harness::new(demo.clone(), 80, 24);
    h.keys(|_| {});
    assert_eq!(
        h.line(0),
        " sportello · Studio medico · DEMO   Pazienti      operatore (amm.) · 22/11/2026 ",
        "{}",
        h.screen()
    );
    let mut en = Harness::of(App::new(demo, Lang::En), 120, 40);
    en.keys(|_| {});
    assert!(en.line(0).contains(" · DEMO "), "{}", en.line(0));

    let plain = open_desk(&dir.path().join("studio"));
    let mut h = Harness::new(plain, 80, 24);
    h.keys(|_| {});
    assert!(!h.line(0).contains("DEMO"), "{}", h.line(0));
}

#[test]
fn a_form_saved_over_a_record_another_desk_changed_is_refused_and_keeps_the_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    fill(&desk);
    let other = desk.new_session(None);
    let mut ui = Harness::new(desk, 80, 24);
    // This desk opens Rossi Mario's form.
    ui.keys(|e| {
        e.text("rossi mario").key(KeyCode::Enter).key(KeyCode::F(8));
    });
    let id = match top(&ui.app) {
        Screen::Form(f) => f.patient().expect("an edit form").0,
        _ => panic!("form expected"),
    };
    // Another desk saves the phones and the address meanwhile.
    let mut changed = other.patients().patient(id).expect("read").expect("stored");
    changed.telefoni = vec!["02 7654321".into()];
    changed.residenza.indirizzo = "Via Verdi 2".into();
    other
        .patients()
        .update_patient(changed.clone())
        .expect("other desk saves");
    // This desk types a note and saves: refused, naming what changed.
    ui.keys(|e| {
        for _ in 0..16 {
            e.key(KeyCode::Tab);
        }
        e.ctrl('u').text("chiamare dopo le 17").ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Nel frattempo un altro sportello ha modificato: Indirizzo, Telefoni. Riaprire la scheda per vedere i dati attuali; le modifiche fatte qui restano nel modulo."
    );
    match top(&ui.app) {
        Screen::Form(f) => {
            use sportello::tui::patients::form::FieldId;
            assert_eq!(f.value(FieldId::Note), "chiamare dopo le 17");
            assert_eq!(
                f.value(FieldId::Telefoni),
                "02 1234567, 333 7654321",
                "as opened"
            );
        }
        _ => panic!("the form stays open"),
    }
    assert_eq!(
        ui.desk()
            .patients()
            .patient(id)
            .expect("read")
            .expect("stored"),
        changed,
        "the other desk's save is kept"
    );
}

/// The service's refusal reaches the English screen in English.
#[test]
fn a_refused_save_is_told_in_english_on_an_english_desk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    fill(&desk);
    let other = desk.new_session(None);
    let mut ui = Harness::of(App::new(desk, Lang::En), 80, 24);
    ui.keys(|e| {
        e.text("rossi mario").key(KeyCode::Enter).key(KeyCode::F(8));
    });
    let id = match top(&ui.app) {
        Screen::Form(f) => f.patient().expect("an edit form").0,
        _ => panic!("form expected"),
    };
    let mut changed = other.patients().patient(id).expect("read").expect("stored");
    changed.residenza.indirizzo = "Via Verdi 2".into();
    other
        .patients()
        .update_patient(changed)
        .expect("other desk saves");
    ui.keys(|e| {
        for _ in 0..16 {
            e.key(KeyCode::Tab);
        }
        e.ctrl('u').text("call after 5 pm").ctrl('s');
    });
    let status = ui.status();
    assert!(
        status.starts_with("Meanwhile another desk changed: "),
        "{status}"
    );
    assert!(
        status.ends_with(
            "Open the record again to see the current data; the changes made here stay in the form."
        ),
        "{status}"
    );
}
