//! Issue 19, items 1-2, through the screens: the SGDT pathologies typed in
//! the patient form with one marked primary, the level the ATS communicated
//! (or the estimate, said as such), and an ATS's restriction of the primary
//! pathology.

use crate::common;

use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use common::harness::Harness;
use common::screen::{Screen, top};
use sportello::domain::codice_fiscale::compute;
use sportello::domain::pathology::PrimarieAts;
use sportello::domain::{Livello, LivelloAts, Patient, PatientStatus, Residence, Sex};
use sportello::service::error::{DeskError, Refusal};
use sportello::service::{Desk, FixedClock};
use sportello::tui::{App, Lang};

fn open_desk(dir: &std::path::Path) -> Desk {
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    Desk::open(dir, Arc::new(clock)).expect("store opens")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Giuseppe Verdi, born and living in Pavia (ATS di Pavia, 030328).
fn verdi_cf() -> String {
    compute(
        "Verdi",
        "Giuseppe",
        Sex::M,
        date(1950, 4, 12),
        "G388",
        sportello::service::comuni(),
    )
    .expect("cf")
    .as_str()
    .to_string()
}

/// The form of a new patient with the codice fiscale typed (it fills sex,
/// birth date and place) and Pavia as the comune of residence; the focus
/// is left on the pathologies.
fn new_patient_in_pavia(ui: &mut Harness) {
    ui.keys(|e| {
        e.key(KeyCode::F(9))
            .text("Verdi")
            .key(KeyCode::Tab)
            .text("Giuseppe")
            .key(KeyCode::Tab)
            .text(&verdi_cf());
        for _ in 0..6 {
            e.key(KeyCode::Tab);
        }
        e.text("pavia").key(KeyCode::Enter);
        for _ in 0..6 {
            e.key(KeyCode::Tab);
        }
    });
    match top(&ui.app) {
        Screen::Form(f) => {
            use sportello::tui::patients::form::FieldId;
            assert_eq!(f.value(FieldId::Comune), "Pavia (PV)");
        }
        _ => panic!("form expected"),
    }
}

#[test]
fn three_pathologies_one_marked_primary_and_the_level_from_the_ats() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    let mut ui = Harness::new(desk, 100, 30);
    new_patient_in_pavia(&mut ui);
    // Ctrl+P marks the code under the cursor (here the last typed).
    ui.keys(|e| {
        e.text("56, 50").ctrl('p').text(", 48");
    });
    let screen = ui.screen();
    assert!(
        screen.contains("*50, 48"),
        "the primary one has the asterisk:\n{screen}"
    );
    assert!(
        screen.contains("Diabete mellito tipo 2 (primaria)"),
        "{screen}"
    );
    // No level from the ATS yet: the estimate, said as such.
    ui.keys(|e| {
        e.key(KeyCode::Tab);
    });
    assert!(ui.screen().contains("Livello 2 (stima)"), "{}", ui.screen());
    ui.keys(|e| {
        e.text("1 12/03/2026");
    });
    assert!(
        ui.screen().contains("Livello 1 (ATS, 12/03/2026)"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert_eq!(ui.status(), "Paziente salvato");
    let p = ui
        .desk()
        .patients()
        .patient_by_cf(&verdi_cf())
        .expect("readable")
        .expect("stored");
    assert_eq!(p.patologie, ["56", "50", "48"]);
    assert_eq!(p.patologia_primaria.as_deref(), Some("50"));
    assert_eq!(
        p.livello_ats,
        Some(LivelloAts {
            livello: Livello::L1,
            fonte: "ATS".into(),
            data: date(2026, 3, 12),
        })
    );
    // The Region's level wins over the count (3 pathologies: 2).
    assert_eq!(p.livello(), Some(Livello::L1));
    let screen = ui.screen();
    assert!(
        screen.contains("56 Ipertensione arteriosa, 50 Diabete mellito tipo 2 (primaria), 48"),
        "the record lists code and name:\n{screen}"
    );
    assert!(
        screen.contains("Livello 1 (ATS, 12/03/2026) · fragilità clinica"),
        "{screen}"
    );
    // The lookup list says which level it shows.
    ui.keys(|e| {
        e.key(KeyCode::Esc).text("verdi");
    });
    let row = ui.screen();
    assert!(row.contains("1 ATS"), "{row}");
}

#[test]
fn without_a_level_from_the_ats_the_estimate_is_shown_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    let id = desk
        .patients()
        .register_patient(Patient {
            id: 0,
            cognome: "Verdi".into(),
            nome: "Giuseppe".into(),
            codice_fiscale: verdi_cf(),
            sesso: Sex::M,
            data_nascita: date(1950, 4, 12),
            luogo_nascita: "G388".into(),
            residenza: Residence {
                indirizzo: String::new(),
                cap: String::new(),
                comune: "G388".into(),
            },
            ats_override: None,
            mmg: String::new(),
            telefoni: Vec::new(),
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologie: vec!["56".into(), "48".into(), "49".into(), "60".into()],
            patologia_primaria: Some("56".into()),
            livello_ats: None,
            stato: PatientStatus::Attivo,
            note: String::new(),
        })
        .expect("registered");
    for (lang, record, cell) in [
        (Lang::It, "Livello 1 (stima) · fragilità clinica", "1 st."),
        (Lang::En, "Level 1 (estimate) · clinical frailty", "1 est."),
    ] {
        let desk = desk.clone();
        let mut ui = Harness::of(App::new(desk, lang), 100, 30);
        ui.keys(|e| {
            e.text("verdi");
        });
        assert!(ui.screen().contains(cell), "{}", ui.screen());
        ui.keys(|e| {
            e.key(KeyCode::Enter);
        });
        assert!(ui.screen().contains(record), "{}", ui.screen());
    }
    // The ATS communicates the level (the call the list of arruolabili uses).
    let p = desk
        .patients()
        .set_regional(
            id,
            Some(LivelloAts {
                livello: Livello::L2,
                fonte: "ATS".into(),
                data: date(2026, 10, 1),
            }),
            Some("50"),
        )
        .expect("saved");
    assert_eq!(p.patologie, ["50", "56", "48", "49", "60"]);
    assert_eq!(p.patologia_primaria.as_deref(), Some("50"));
    assert_eq!(p.livello(), Some(Livello::L2));
    let mut ui = Harness::new(desk, 100, 30);
    ui.keys(|e| {
        e.text("verdi");
    });
    assert!(ui.screen().contains("2 ATS"), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("Livello 2 (ATS, 01/10/2026)"),
        "{}",
        ui.screen()
    );
}

#[test]
fn a_primary_pathology_the_ats_does_not_allow_is_refused_naming_the_ats() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    let mut table = PrimarieAts::default();
    table.add("030328", "50");
    table.add("030328", "56");
    desk.patients()
        .set_primarie_ats(&table)
        .expect("administrator");
    let mut ui = Harness::new(desk, 100, 30);
    new_patient_in_pavia(&mut ui);
    ui.keys(|e| {
        e.text("*39, 56").ctrl('s');
    });
    let status = ui.status();
    assert!(
        status.contains(
            "ATS di Pavia non ammette «39 BPCO» come patologia primaria (ammesse: 50, 56)"
        ),
        "{status}"
    );
    assert!(
        matches!(top(&ui.app), Screen::Form(_)),
        "the form stays open"
    );
    assert_eq!(
        ui.desk()
            .patients()
            .patient_by_cf(&verdi_cf())
            .expect("readable"),
        None
    );
    // The same with 56 marked primary is saved.
    ui.keys(|e| {
        e.ctrl('u').text("39, *56").ctrl('s');
    });
    assert_eq!(ui.status(), "Paziente salvato");
    let p = ui
        .desk()
        .patients()
        .patient_by_cf(&verdi_cf())
        .expect("readable")
        .expect("stored");
    assert_eq!(p.patologia_primaria.as_deref(), Some("56"));
    // The service refuses the same for the import of the ATS list.
    let refused = ui.desk().patients().set_regional(p.id, None, Some("39"));
    assert!(
        matches!(
            refused,
            Err(DeskError::Refused(Refusal::PrimaryNotAllowed { ref code, .. })) if code == "39"
        ),
        "{refused:?}"
    );
}

#[test]
fn the_administrator_edits_and_imports_the_table_of_primary_pathologies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    let mut ui = Harness::new(desk, 100, 30);
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..10 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(screen.contains("Patologie primarie per ATS"), "{screen}");
    assert!(screen.contains("030328 ATS di Pavia"), "{screen}");
    // ATS di Pavia is the eighth: its codes typed and saved.
    ui.keys(|e| {
        for _ in 0..7 {
            e.key(KeyCode::Down);
        }
        e.text("56, 50").ctrl('s');
    });
    assert_eq!(ui.status(), "Patologie primarie di ATS di Pavia salvate");
    let table = ui.desk().patients().primarie_ats().expect("readable");
    assert_eq!(
        table.allowed("030328"),
        Some(&["56".to_string(), "50".to_string()][..])
    );
    assert!(
        ui.screen().contains(
            "030328 ATS di Pavia                             56 Ipertensione arteriosa, 50 Diabete"
        ),
        "{}",
        ui.screen()
    );
    // A code outside the catalogue is refused.
    ui.keys(|e| {
        e.text(", 99").ctrl('s');
    });
    assert!(
        ui.status().contains("Patologia sconosciuta: 99"),
        "{}",
        ui.status()
    );
    // A table imported from a file (old codes read as SGDT codes).
    let file = dir.path().join("primarie.csv");
    std::fs::write(&file, "ats;codice\n030321;DM2\n030321;39\n").expect("written");
    ui.keys(|e| {
        e.key(KeyCode::Tab)
            .text(&file.display().to_string())
            .key(KeyCode::Enter);
    });
    assert_eq!(
        ui.status(),
        "Tabella importata: 2 ATS con patologie primarie ristrette"
    );
    let table = ui.desk().patients().primarie_ats().expect("readable");
    assert_eq!(
        table.allowed("030321"),
        Some(&["50".to_string(), "39".to_string()][..])
    );
    assert!(table.allowed("030328").is_some());
    assert!(table.allows("030322", "63"));
}
