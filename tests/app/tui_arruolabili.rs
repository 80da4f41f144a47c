//! The arruolabili worklist on screen: reached from F7 (F9), the import with
//! its preview, a contact recorded in the dialog, the filter by state, the
//! patient opened from a row, the invitation printed to a folder.

use crate::common;

use common::harness::Harness;
use crossterm::event::KeyCode;
use sportello::domain::arruolabili::{Esito, Stato};
use sportello::service::arruolabili::row_key;
use sportello::tui::arruolabili::ArruolabiliScreen;
use sportello::tui::arruolabili::import::ImportScreen;
use sportello::tui::patients::record::RecordScreen;

use super::arruolabili::{desk_on, fixture};

#[test]
fn import_with_preview_then_work_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let mut ui = Harness::new(desk, 80, 24);
    // F7, then F9: the worklist, empty.
    ui.keys(|e| {
        e.key(KeyCode::F(7)).key(KeyCode::F(9));
    });
    assert!(ui.app.top::<ArruolabiliScreen>().is_some());
    let screen = ui.screen();
    assert!(
        screen.contains("Nessun arruolabile: importare l'elenco dell'ATS (Ctrl+O)."),
        "{screen}"
    );
    // Ctrl+O: the import; the file read into the preview, nothing written.
    let file = fixture("milano-1252.csv");
    ui.keys(|e| {
        e.ctrl('o').text(file.to_str().unwrap()).key(KeyCode::Enter);
    });
    let preview = ui
        .app
        .top::<ImportScreen>()
        .and_then(|s| s.preview())
        .cloned();
    let preview = preview.expect("preview shown");
    assert_eq!((preview.accepted.len(), preview.rejected.len()), (5, 3));
    insta::assert_snapshot!("arruolabili_preview_80x24", ui.screen());
    assert!(ui.desk().arruolabili().list().unwrap().is_empty());
    // Ctrl+S writes and goes back to the list.
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Importato: 5 nuove, 0 aggiornate, 5 pazienti registrati, 3 righe scartate."
    );
    let list = ui.app.top::<ArruolabiliScreen>().expect("back on the list");
    assert_eq!(list.lines().len(), 5);
    // Bertè Lucia is first (by surname); F9 records the contact: Tab to
    // the answer, Space three times = "già in carico altrove".
    ui.keys(|e| {
        e.key(KeyCode::F(9))
            .key(KeyCode::Tab)
            .text("   ")
            .key(KeyCode::Enter);
    });
    assert_eq!(
        ui.status(),
        "Contatto registrato per Bertè Lucia: già in carico altrove."
    );
    let rows = ui.desk().arruolabili().list().unwrap();
    let lucia = rows
        .iter()
        .find(|l| l.key == row_key("BRTLCU50M41F205V"))
        .unwrap();
    assert_eq!(lucia.stato, Stato::Chiuso);
    assert_eq!(
        lucia.row.contatto.as_ref().map(|c| (c.data, c.esito)),
        Some((
            chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            Esito::GiaInCaricoAltrove
        ))
    );
    // Down to Cocco Fabio, contacted: accepts (the default answer).
    ui.keys(|e| {
        e.key(KeyCode::Down).key(KeyCode::F(9)).key(KeyCode::Enter);
    });
    assert_eq!(ui.status(), "Contatto registrato per Cocco Fabio: accetta.");
    insta::assert_snapshot!("arruolabili_list_80x24", ui.screen());
    // F8 filters: to contact, then contacted.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
    });
    let list = ui.app.top::<ArruolabiliScreen>().unwrap();
    assert_eq!(list.filter(), Some(Stato::DaContattare));
    let names: Vec<&str> = list
        .shown()
        .iter()
        .map(|l| l.row.cognome.as_str())
        .collect();
    assert_eq!(names, vec!["D'Adda", "Rossi", "Verdi"]);
    ui.keys(|e| {
        e.key(KeyCode::F(8));
    });
    let list = ui.app.top::<ArruolabiliScreen>().unwrap();
    let names: Vec<&str> = list
        .shown()
        .iter()
        .map(|l| l.row.cognome.as_str())
        .collect();
    assert_eq!(names, vec!["Cocco"]);
    // Ctrl+P: the invitation, written into a folder of our own.
    let out = tempfile::tempdir().unwrap();
    ui.keys(|e| {
        e.ctrl('p');
    });
    ui.keys(|e| {
        // Replace the default folder.
        for _ in 0..200 {
            e.key(KeyCode::Backspace);
        }
        e.text(out.path().to_str().unwrap()).key(KeyCode::Enter);
    });
    let written = out.path().join("invito-CCCFBA85D03L219P-20260302.txt");
    let status = ui.status();
    assert!(status.starts_with("Invito scritto: "), "{status}");
    let text = std::fs::read_to_string(&written).expect("invitation written");
    assert!(text.contains("Gentile Fabio Cocco\n"), "{text}");
    // Enter opens the patient's record.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let record = ui.app.top::<RecordScreen>().expect("record opened");
    let cocco = ui
        .desk()
        .patients()
        .patient_by_cf("CCCFBA85D03L219P")
        .unwrap()
        .unwrap();
    assert_eq!(record.id(), cocco.id);
}

#[test]
fn the_xlsx_list_imported_twice_adds_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let mut ui = Harness::new(desk, 80, 24);
    let file = fixture("milano.xlsx");
    let import = |ui: &mut Harness| {
        ui.keys(|e| {
            e.ctrl('o')
                .text(file.to_str().unwrap())
                .key(KeyCode::Tab)
                .text("arruolabili")
                .key(KeyCode::Enter);
        });
    };
    ui.keys(|e| {
        e.key(KeyCode::F(7)).key(KeyCode::F(9));
    });
    import(&mut ui);
    let screen = ui.screen();
    assert!(
        screen.contains(" milano.xlsx (Arruolabili): 5 righe da importare, 3 scartate"),
        "{screen}"
    );
    assert!(
        screen.contains("✗ riga 11: stesso codice fiscale della riga 10"),
        "{screen}"
    );
    ui.keys(|e| {
        e.ctrl('s');
    });
    // The same list again: the preview says every row is already there.
    import(&mut ui);
    let screen = ui.screen();
    assert!(
        screen.contains(
            " Nuove 0 · aggiornate 0 · già presenti 5 · pazienti trovati 5 · da registrare 0"
        ),
        "{screen}"
    );
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Importato: 0 nuove, 0 aggiornate, 0 pazienti registrati, 3 righe scartate."
    );
    let list = ui.app.top::<ArruolabiliScreen>().unwrap();
    assert_eq!(list.lines().len(), 5);
    // Esc on a preview drops it, nothing written.
    import(&mut ui);
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert_eq!(
        ui.status(),
        "Importazione annullata: nulla è stato scritto."
    );
    assert!(ui.app.top::<ImportScreen>().unwrap().preview().is_none());
}
