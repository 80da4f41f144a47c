//! The PAI editor (F5) driven through the real loop with scripted keys on
//! ratatui's TestBackend: snapshots of the editor for a patient with diabete
//! tipo 2 and ipertensione (a draft from the templates), the selection style,
//! and the "done when" of the PAI issue: build the plan from the templates,
//! adjust one frequency, add a drug and a lifestyle line, save, share it
//! under the signed Patto and export it, checked against the store and the
//! files written.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::style::Modifier;

use common::gestore::import_gestore;
use common::patient::patient;
use common::screen::{Screen, top};
use sportello::domain::pai::{Frequenza, PaiStato};
use sportello::domain::{Patient, PatientId, Residence, Sex};
use sportello::service::{Desk, FixedClock};
use sportello::tui::app::StatusKind;
use sportello::tui::kit::keys::Context;
use sportello::tui::pai::{PaiScreen, Section};

fn desk_on(dir: &Path) -> Desk {
    let clock = Arc::new(FixedClock::on(2026, 11, 22).expect("valid date"));
    Desk::open(dir, clock).expect("store opens")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Giuseppe Colombo, diabete tipo 2 and ipertensione arteriosa.
fn register(desk: &Desk) -> PatientId {
    desk.patients()
        .register_patient(Patient {
            residenza: Residence {
                indirizzo: "Via Padova 20".into(),
                cap: "20127".into(),
                comune: "F205".into(),
            },
            telefoni: vec!["333 1234567".into()],
            ..patient("Colombo", "Giuseppe", Sex::M, date(1952, 4, 18))
        })
        .expect("registered")
}

/// The patient with the Gestore chosen and the Patto signed.
fn setup(desk: &Desk) -> PatientId {
    let gestore = import_gestore(desk);
    let id = register(desk);
    desk.gestori()
        .choose_gestore(
            id,
            gestore,
            crate::common::gestore::fitting(desk, id, gestore),
            date(2026, 11, 20),
            "",
        )
        .expect("Gestore chosen");
    common::patto::sign_patto(desk, id);
    id
}

impl Harness {
    fn pai(&self) -> &PaiScreen {
        match top(&self.app) {
            Screen::Pai(p) => p,
            _ => panic!("PAI screen expected:\n{}", self.screen()),
        }
    }
}

/// From the lookup to the patient's record, then F5.
fn open_pai(ui: &mut Harness) {
    ui.keys(|e| {
        e.text("colombo").key(KeyCode::Enter).key(KeyCode::F(5));
    });
    ui.pai();
}

/// The editor with the draft from the templates.
fn draft_from_templates(w: u16, h: u16) -> (tempfile::TempDir, PatientId, Harness) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let id = setup(&desk);
    let mut ui = Harness::new(desk, w, h);
    open_pai(&mut ui);
    assert!(ui.pai().pai().is_none());
    assert!(
        ui.screen().contains("F9: nuovo PAI dai modelli"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    assert_eq!(
        ui.app.status().map(|s| s.kind),
        Some(StatusKind::Success),
        "{}",
        ui.status()
    );
    (dir, id, ui)
}

#[test]
fn editor_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, _id, ui) = draft_from_templates(w, h);
        let pai = ui.pai().pai().expect("draft");
        assert_eq!(pai.stato, PaiStato::Bozza);
        // Creatinina for diabete and ipertensione once, not twice.
        let crea = pai
            .items
            .iter()
            .filter(|i| i.descrizione.starts_with("Creatinina"))
            .count();
        assert_eq!(crea, 1);
        let screen = ui.screen();
        assert!(screen.contains("Colombo Giuseppe"), "{screen}");
        assert!(screen.contains("PAI versione 1 · bozza"), "{screen}");
        assert!(screen.contains("dal 22/11/2026 al 21/11/2027"), "{screen}");
        assert!(
            screen.contains("modello da validare dal Clinical Manager"),
            "{screen}"
        );
        assert!(screen.contains("Prestazioni"), "{screen}");
        assert!(screen.contains("Esenzioni e allergie"), "{screen}");
        assert!(screen.contains("occorrenze: "), "{screen}");
        insta::assert_snapshot!(format!("pai_editor_{w}x{h}"), screen);
    }
}

#[test]
fn the_selected_row_is_reverse_video_with_a_marker() {
    let (_dir, _id, mut ui) = draft_from_templates(80, 24);
    let buffer = ui.terminal.backend().buffer().clone();
    // Header 1 row, the heading 3, the tabs 1, the table header 1: the first
    // row of the table is line 6.
    assert_eq!(buffer[(0, 6)].symbol(), "▶");
    assert!(buffer[(4, 6)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(4, 7)].modifier.contains(Modifier::REVERSED));
    // The current tab too.
    assert!(buffer[(2, 4)].modifier.contains(Modifier::REVERSED));
    ui.keys(|e| {
        e.key(KeyCode::Down);
    });
    let buffer = ui.terminal.backend().buffer();
    assert!(!buffer[(4, 6)].modifier.contains(Modifier::REVERSED));
    assert!(buffer[(4, 7)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buffer[(0, 7)].symbol(), "▶");
}

#[test]
fn item_dialog_fits_80x24_and_explains_a_bad_frequency() {
    let (_dir, _id, mut ui) = draft_from_templates(80, 24);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
        // Descrizione -> codice -> frequenza.
        e.key(KeyCode::Tab).key(KeyCode::Tab);
        e.ctrl('u').text("0/anno").key(KeyCode::Enter);
    });
    assert!(ui.pai().has_dialog());
    let screen = ui.screen();
    assert!(screen.contains("La frequenza non può essere 0"), "{screen}");
    insta::assert_snapshot!("pai_item_dialog_80x24", screen);
    ui.keys(|e| {
        e.ctrl('u').text("ogni tanto").key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("Frequenza non riconosciuta"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(!ui.pai().has_dialog());
    assert!(!ui.pai().is_dirty());
}

#[test]
fn build_adjust_share_and_export() {
    let (_dir, id, mut ui) = draft_from_templates(100, 30);
    let out = tempfile::tempdir().expect("export dir");

    // HbA1c from 3 to 4 a year.
    let row = ui
        .pai()
        .pai()
        .expect("draft")
        .items
        .iter()
        .position(|i| i.descrizione.contains("HbA1c"))
        .expect("HbA1c in the templates");
    ui.keys(|e| {
        for _ in 0..row {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter).key(KeyCode::Tab).key(KeyCode::Tab);
        e.ctrl('u').text("4/anno").key(KeyCode::Enter);
    });
    assert!(!ui.pai().has_dialog(), "{}", ui.screen());
    assert!(ui.pai().is_dirty());
    assert!(ui.screen().contains("4 volte l'anno"), "{}", ui.screen());

    // A drug.
    ui.keys(|e| {
        e.key(KeyCode::Tab).key(KeyCode::Insert);
        e.text("Metformina 1000").key(KeyCode::Tab);
        e.text("metformina").key(KeyCode::Tab);
        e.text("1 compressa due volte al giorno").key(KeyCode::Tab);
        e.text("continuativa").key(KeyCode::Enter);
    });
    assert_eq!(ui.pai().section(), Section::Farmaci);
    assert!(
        ui.screen().contains("Metformina 1000 (metformina)"),
        "{}",
        ui.screen()
    );

    // A lifestyle line.
    ui.keys(|e| {
        e.key(KeyCode::Tab).key(KeyCode::Insert);
        e.text("Camminare 30 minuti al giorno").key(KeyCode::Enter);
    });
    assert_eq!(ui.pai().section(), Section::StileDiVita);

    // Leaving now asks first.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert_eq!(
        ui.app.modal().map(|m| m.context()),
        Some(Context::ConfirmDiscard)
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc).ctrl('s');
    });
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Success));
    assert!(!ui.pai().is_dirty());

    // Planning a draft in the agenda is refused, saying what comes first.
    ui.keys(|e| {
        e.key(KeyCode::F(6)).key(KeyCode::F(9));
    });
    assert!(
        ui.status()
            .contains("Si pianificano solo i PAI condivisi: prima condividere il PAI con il paziente (PAI, Ctrl+O)"),
        "{}",
        ui.status()
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(!ui.pai().is_dirty());

    // Share: the question says the plan is frozen afterwards.
    ui.keys(|e| {
        e.ctrl('o');
    });
    let screen = ui.screen();
    assert!(
        screen.contains("Dopo la condivisione il PAI non si modifica"),
        "{screen}"
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert_eq!(
        ui.app.status().map(|s| s.kind),
        Some(StatusKind::Success),
        "{}",
        ui.status()
    );
    assert!(ui.status().contains("PAI condiviso il 22/11/2026"));

    // Read-only now.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(
        ui.status()
            .contains("PAI condiviso: creare una nuova versione"),
        "{}",
        ui.status()
    );

    // Export to a folder of our own.
    let folder = out.path().join("pai");
    ui.keys(|e| {
        e.ctrl('p');
        e.ctrl('u').text(&folder.display().to_string());
        e.key(KeyCode::Enter);
    });
    assert_eq!(
        ui.app.status().map(|s| s.kind),
        Some(StatusKind::Success),
        "{}",
        ui.status()
    );

    let desk = ui.app.desk();
    let pai = desk.pai().current_pai(id).expect("read").expect("a PAI");
    assert!(matches!(pai.stato, PaiStato::Condiviso { versione: 1, .. }));
    let hba1c = pai
        .items
        .iter()
        .find(|i| i.descrizione.contains("HbA1c"))
        .expect("HbA1c");
    assert_eq!(hba1c.frequenza, Frequenza::VoltePerAnno(4));
    assert_eq!(pai.farmaci.len(), 1);
    assert_eq!(pai.farmaci[0].farmaco, "Metformina 1000");
    assert_eq!(pai.farmaci[0].principio_attivo, "metformina");
    assert_eq!(pai.farmaci[0].durata, "continuativa");
    assert!(
        pai.stile_di_vita
            .contains(&"Camminare 30 minuti al giorno".to_string())
    );

    let cf = desk
        .patients()
        .patient(id)
        .expect("read")
        .expect("stored")
        .codice_fiscale;
    let pdf = std::fs::read(folder.join(format!("pai-{cf}-v1.pdf"))).expect("PDF written");
    assert!(pdf.starts_with(b"%PDF"));
    let json = std::fs::read_to_string(folder.join(format!("pai-{cf}-v1.json"))).expect("JSON");
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["resourceType"], "Bundle");
    assert_eq!(json["entry"][0]["resource"]["resourceType"], "CarePlan");
    assert!(ui.status().contains(&format!("pai-{cf}-v1.pdf")));

    // A new version: a draft again, the shared one listed among the versions.
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    let draft = ui.pai().pai().expect("draft");
    assert_eq!(draft.stato, PaiStato::Bozza);
    assert_eq!(draft.versione, 2);
    ui.keys(|e| {
        e.ctrl('v');
    });
    assert!(ui.screen().contains("Versioni del PAI"), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Down).key(KeyCode::Enter);
    });
    assert!(ui.pai().is_historic());
    assert_eq!(ui.pai().pai().map(|p| p.versione), Some(1));
    assert!(
        ui.screen().contains("versione precedente"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert_eq!(ui.pai().pai().map(|p| p.versione), Some(2));
}

#[test]
fn without_patient_gestore_or_pathologies_the_reason_and_the_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    import_gestore(&desk);
    let id = register(&desk);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(5));
    });
    // No current patient: said on the status line, F2 offered.
    assert_eq!(ui.app.title(), "Pazienti");
    assert!(
        ui.status().contains("Nessun paziente scelto"),
        "{}",
        ui.status()
    );
    assert!(ui.status().contains("F2"), "{}", ui.status());
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });

    let mut p = ui
        .app
        .desk()
        .patients()
        .patient(id)
        .expect("read")
        .expect("stored");
    p.patologie.clear();
    ui.app.desk().patients().update_patient(p).expect("updated");
    open_pai(&mut ui);
    let screen = ui.screen();
    assert!(screen.contains("non ha un Gestore"), "{screen}");
    assert!(screen.contains("F3: scegliere il Gestore"), "{screen}");
    assert!(screen.contains("Nessuna patologia cronica"), "{screen}");
    assert!(screen.contains("F8: modificare la scheda"), "{screen}");
    // F9 anyway: the desk's reason, in Italian.
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Error));
    assert!(ui.status().contains("Gestore"), "{}", ui.status());
    // F8 opens the patient form.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
    });
    assert!(matches!(top(&ui.app), Screen::Form(_)));
}

#[test]
fn sharing_without_lifestyle_advice_lists_what_is_missing() {
    let (_dir, id, mut ui) = draft_from_templates(80, 24);
    let lines = ui.pai().pai().expect("draft").stile_di_vita.len();
    assert!(lines > 0);
    ui.keys(|e| {
        e.key(KeyCode::Tab).key(KeyCode::Tab);
        for _ in 0..lines {
            e.key(KeyCode::Delete).key(KeyCode::Enter);
        }
    });
    assert_eq!(ui.pai().section(), Section::StileDiVita);
    assert!(ui.pai().pai().expect("draft").stile_di_vita.is_empty());
    ui.keys(|e| {
        e.ctrl('o');
    });
    let screen = ui.screen();
    assert!(
        screen.contains("Il PAI non si può ancora condividere"),
        "{screen}"
    );
    assert!(
        screen.contains("mancano i consigli sullo stile di vita"),
        "{screen}"
    );
    // Nothing was shared or saved.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let stored = ui
        .app
        .desk()
        .pai()
        .current_pai(id)
        .expect("read")
        .expect("draft");
    assert_eq!(stored.stato, PaiStato::Bozza);
    assert!(!stored.stile_di_vita.is_empty());
    assert!(ui.pai().is_dirty());
}

#[test]
fn item_dialog_choices_follow_the_arrows() {
    let (_dir, _id, mut ui) = draft_from_templates(100, 30);
    // The first item's dialog; Shift+Tab from the description to the
    // category, → to the next one and ← back.
    ui.keys(|e| {
        e.key(KeyCode::Enter).key(KeyCode::BackTab);
    });
    let screen = ui.screen();
    let first = ["Visita", "Esame di laboratorio"]
        .into_iter()
        .find(|c| screen.contains(&format!("◀ {c} ▶")))
        .unwrap_or_else(|| panic!("a category shown:\n{screen}"));
    ui.keys(|e| {
        e.key(KeyCode::Right);
    });
    assert!(
        !ui.screen().contains(&format!("◀ {first} ▶")),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Left);
    });
    assert!(
        ui.screen().contains(&format!("◀ {first} ▶")),
        "{}",
        ui.screen()
    );
    // Luogo, four fields on: → makes it external and the next field asks
    // for the external provider; ← brings both back.
    ui.keys(|e| {
        for _ in 0..4 {
            e.key(KeyCode::Tab);
        }
        e.key(KeyCode::Right);
    });
    let screen = ui.screen();
    assert!(screen.contains("◀ esterno ▶"), "{screen}");
    assert!(screen.contains("Erogatore esterno"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::Left);
    });
    let screen = ui.screen();
    assert!(screen.contains("◀ in sede ▶"), "{screen}");
    assert!(screen.contains("Risorsa in sede"), "{screen}");
    // A letter goes to the option it starts, the field after following.
    ui.keys(|e| {
        e.key(KeyCode::Char('E'));
    });
    let screen = ui.screen();
    assert!(screen.contains("◀ esterno ▶"), "{screen}");
    assert!(screen.contains("Erogatore esterno"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::Char('i')).key(KeyCode::Char('x'));
    });
    let screen = ui.screen();
    assert!(screen.contains("◀ in sede ▶"), "{screen}");
    assert!(screen.contains("Risorsa in sede"), "{screen}");
    assert!(ui.pai().has_dialog());
}
