//! The Patto di Cura screens (F4) and the expiry list (F7) driven through the
//! real loop with scripted keys on ratatui's TestBackend: snapshots of the
//! bozza, of the list after signing and of the Scadenze, and the whole flow
//! prepare -> consents -> sign -> print -> reprint -> a year later -> renew,
//! checked against the store and the files written.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use common::gestore::{GESTORE, import_gestore};
use common::screen::{Screen, top};
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario, PattoState, PattoStato};
use sportello::domain::{Patient, PatientId, Residence, Sex};
use sportello::service::{Desk, FixedClock};
use sportello::tui::app::StatusKind;
use sportello::tui::patto::Focus;
use sportello::tui::{App, Lang};

/// The desk on `dir` with the clock on a fixed day. sled may keep the lock of
/// a store just closed for a moment (its flusher thread): retry briefly.
fn desk_on(dir: &Path, y: i32, m: u32, d: u32) -> Desk {
    let clock = Arc::new(FixedClock::on(y, m, d).expect("valid date"));
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

fn register(desk: &Desk, cognome: &str, nome: &str, sex: Sex, born: NaiveDate) -> PatientId {
    let patient = Patient {
        residenza: Residence {
            indirizzo: "Via Sant'Ambrogio 3".into(),
            cap: "20123".into(),
            comune: "F205".into(),
        },
        telefoni: vec!["333 1234567".into()],
        patologie: vec!["56".into(), "50".into()],
        ..common::patient::patient(cognome, nome, sex, born)
    };
    desk.patients()
        .register_patient(patient)
        .expect("registered")
}

/// Niccolò D'Adda, with the test Gestore chosen on `day`.
fn niccolo(desk: &Desk, day: NaiveDate) -> PatientId {
    let gestore = import_gestore(desk);
    let id = register(desk, "D'Adda", "Niccolò", Sex::M, date(1950, 3, 12));
    desk.gestori()
        .choose_gestore(
            id,
            gestore,
            crate::common::gestore::fitting(desk, id, gestore),
            day,
            "",
        )
        .expect("Gestore chosen");
    id
}

fn firma() -> FirmaInput {
    FirmaInput {
        firmatario: Firmatario::Paziente,
        nome_firmatario: String::new(),
        documento: String::new(),
        consensi: Consensi {
            trattamento_dati: true,
            fse: true,
            telefono: true,
            sms: false,
            email: false,
        },
        operatore: "Anna".into(),
    }
}

/// From the lookup to the patient's F4 screen.
fn open_patto(ui: &mut Harness, query: &str) {
    ui.keys(|e| {
        e.text(query).key(KeyCode::Enter).key(KeyCode::F(4));
    });
    assert!(matches!(top(&ui.app), Screen::Patto(_)), "{}", ui.screen());
}

#[test]
fn bozza_reading_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = desk_on(dir.path(), 2026, 11, 22);
        niccolo(&desk, date(2026, 11, 20));
        let mut ui = Harness::new(desk, w, h);
        open_patto(&mut ui, "dadda");
        ui.keys(|e| {
            e.key(KeyCode::F(9));
        });
        match top(&ui.app) {
            Screen::PattoText(t) => {
                assert!(!t.is_signed());
                assert_eq!(t.patto().stato, PattoStato::Bozza);
                assert!(
                    t.text().contains("Paziente: D'Adda Niccolò"),
                    "{}",
                    t.text()
                );
            }
            _ => panic!("bozza expected:\n{}", ui.screen()),
        }
        let screen = ui.screen();
        assert!(screen.contains(" · D'Adda Niccolò"), "{screen}");
        assert!(screen.contains("PATTO DI CURA"), "{screen}");
        assert!(screen.contains("Dott.ssa Elena Sala"), "{screen}");
        insta::assert_snapshot!(format!("patto_bozza_{w}x{h}"), screen);
    }
}

#[test]
fn patto_list_after_signing() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = desk_on(dir.path(), 2026, 11, 22);
        let id = niccolo(&desk, date(2026, 11, 20));
        let mut ui = Harness::new(desk, w, h);
        open_patto(&mut ui, "dadda");
        ui.keys(|e| {
            e.key(KeyCode::F(9));
            // From the text to the data-processing consent, tick it, sign.
            for _ in 0..5 {
                e.key(KeyCode::Tab);
            }
            e.key(KeyCode::Char(' ')).ctrl('s').key(KeyCode::Enter);
        });
        // Signed: back on the list, the print dialog offered; not now.
        assert!(ui.app.modal().is_some());
        assert!(ui.screen().contains("Stampa del Patto di Cura"));
        ui.keys(|e| {
            e.key(KeyCode::Esc);
        });
        let patti = ui.app.desk().patto().patti(id).expect("patti");
        assert_eq!(patti.len(), 1);
        assert_eq!(patti[0].stato, PattoStato::Firmato);
        let screen = ui.screen();
        assert!(screen.contains("22/11/2026"), "{screen}");
        assert!(screen.contains("21/11/2027"), "{screen}");
        assert!(screen.contains("firmato (valido)"), "{screen}");
        insta::assert_snapshot!(format!("patto_list_signed_{w}x{h}"), screen);
    }
}

/// Signs a Patto for a new patient with the clock on `signed_on`.
fn signed_patient(dir: &Path, cognome: &str, nome: &str, sex: Sex, signed_on: NaiveDate) {
    use chrono::Datelike;
    let desk = desk_on(dir, signed_on.year(), signed_on.month(), signed_on.day());
    let gestore = desk
        .gestori()
        .list(None, false)
        .expect("gestori")
        .into_iter()
        .find(|g| g.denominazione == GESTORE)
        .map(|g| g.id)
        .unwrap_or_else(|| import_gestore(&desk));
    let id = register(&desk, cognome, nome, sex, date(1948, 5, 2));
    desk.gestori()
        .choose_gestore(
            id,
            gestore,
            crate::common::gestore::fitting(&desk, id, gestore),
            signed_on,
            "",
        )
        .expect("chosen");
    let draft = desk.patto().prepare_patto(id).expect("bozza");
    desk.patto().sign_patto(draft.id, firma()).expect("signed");
}

#[test]
fn scadenze_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Today is 22/11/2026.
    signed_patient(dir.path(), "Brambilla", "Gioele", Sex::M, date(2025, 12, 1)); // 9 days left
    signed_patient(dir.path(), "Cattaneo", "Lucia", Sex::F, date(2025, 12, 20)); // 28 days
    signed_patient(dir.path(), "Fumagalli", "Pietro", Sex::M, date(2026, 1, 10)); // 49 days
    signed_patient(dir.path(), "Sala", "Bianca", Sex::F, date(2025, 9, 1)); // expired 31/08
    signed_patient(dir.path(), "Colombo", "Mattia", Sex::M, date(2025, 6, 1)); // expired > 90 days
    signed_patient(dir.path(), "Mapelli", "Greta", Sex::F, date(2026, 6, 1)); // valid
    let desk = desk_on(dir.path(), 2026, 11, 22);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut ui = Harness::new(desk.clone(), w, h);
        // F7 opens on the PAI services to book; the Patti are the third tab.
        ui.keys(|e| {
            e.key(KeyCode::F(7)).key(KeyCode::Tab).key(KeyCode::Tab);
        });
        let names = |ui: &Harness| -> Vec<String> {
            match top(&ui.app) {
                Screen::Richiami(r) => r
                    .scadenze()
                    .iter()
                    .map(|s| s.patient.cognome.clone())
                    .collect(),
                _ => panic!("Richiami expected"),
            }
        };
        assert_eq!(names(&ui), ["Brambilla", "Cattaneo", "Sala"]);
        let screen = ui.screen();
        // The tab title is shortened on narrow terminals, with its count.
        let tab = if w >= 100 {
            "Scadenze dei Patti (3)"
        } else {
            "Patti (3)"
        };
        assert!(screen.contains(tab), "{screen}");
        assert!(screen.contains("scaduto"), "{screen}");
        insta::assert_snapshot!(format!("patto_scadenze_{w}x{h}"), screen);
        // The selected row: marker and reverse video over the whole width.
        let buffer = ui.terminal.backend().buffer().clone();
        let row = |y: u16| -> String { (0..w).map(|x| buffer[(x, y)].symbol()).collect() };
        let selected = (0..h)
            .find(|y| row(*y).starts_with("▶ Brambilla"))
            .expect("selected row");
        let other = (0..h)
            .find(|y| row(*y).starts_with("  Cattaneo"))
            .expect("other row");
        for x in 0..w {
            assert!(buffer[(x, selected)].modifier.contains(Modifier::REVERSED));
            assert!(!buffer[(x, other)].modifier.contains(Modifier::REVERSED));
        }
        // F8: 60 days.
        ui.keys(|e| {
            e.key(KeyCode::F(8));
        });
        assert_eq!(names(&ui), ["Brambilla", "Cattaneo", "Fumagalli", "Sala"]);
        ui.keys(|e| {
            e.key(KeyCode::F(8));
        });
        assert_eq!(names(&ui).len(), 3);
        ui.keys(|e| {
            e.key(KeyCode::F(10));
        });
        assert!(ui.app.should_quit());
    }
}

/// An English desk read "Nessuna scelta del Gestore attiva…" under "To
/// prepare the Pact, missing:": the reasons were Italian strings built by
/// the domain. Now they are typed and worded in the operator's language, in
/// the list and in the refusal when preparing anyway.
#[test]
fn missing_preconditions_are_english_on_an_english_desk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    import_gestore(&desk);
    let id = register(&desk, "Brambilla", "Gioele", Sex::M, date(1948, 5, 2));
    let mut p = desk.patients().patient(id).expect("read").expect("stored");
    p.patologie.clear();
    desk.patients().update_patient(p).expect("updated");
    let mut ui = Harness::of(App::new(desk, Lang::En).with_idle_minutes(0), 80, 24);
    open_patto(&mut ui, "brambilla");
    let screen = ui.screen();
    assert!(screen.contains("To prepare the Pact, missing:"), "{screen}");
    assert!(
        screen.contains("No active choice of a Gestore: record the choice of the"),
        "{screen}"
    );
    assert!(screen.contains("No chronic pathology recorded"), "{screen}");
    assert!(!screen.contains("Nessuna"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Error));
    assert!(
        ui.status().starts_with("No active choice of a Gestore"),
        "{}",
        ui.status()
    );
}

#[test]
fn missing_preconditions_are_explained_with_the_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    import_gestore(&desk);
    let id = register(&desk, "Brambilla", "Gioele", Sex::M, date(1948, 5, 2));
    let mut p = desk.patients().patient(id).expect("read").expect("stored");
    p.patologie.clear();
    desk.patients().update_patient(p).expect("updated");
    let mut ui = Harness::new(desk, 80, 24);
    open_patto(&mut ui, "brambilla");
    let screen = ui.screen();
    assert!(screen.contains("Per preparare il Patto manca:"), "{screen}");
    assert!(
        screen.contains("Nessuna scelta del Gestore attiva"),
        "{screen}"
    );
    assert!(screen.contains("F3: scegliere il Gestore"), "{screen}");
    assert!(screen.contains("F8: modificare la scheda"), "{screen}");
    // Preparing anyway says why not, in Italian.
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    assert!(matches!(top(&ui.app), Screen::Patto(_)));
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Error));
    assert!(ui.status().contains("Gestore"), "{}", ui.status());
    // F8 opens the patient form.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
    });
    assert!(matches!(top(&ui.app), Screen::Form(_)));
}

#[test]
fn signing_asks_for_what_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = niccolo(&desk, date(2026, 11, 20));
    let mut ui = Harness::new(desk, 100, 30);
    open_patto(&mut ui, "dadda");
    ui.keys(|e| {
        e.key(KeyCode::F(9)).ctrl('s');
    });
    // No consent to data processing: refused, focus on it.
    assert!(ui.app.modal().is_none());
    assert!(
        ui.status().contains("trattamento dei dati"),
        "{}",
        ui.status()
    );
    match top(&ui.app) {
        Screen::PattoText(t) => assert_eq!(t.focus(), Focus::Consenso(0)),
        _ => panic!("bozza expected"),
    }
    // A delegate: name and document required; the name goes into the text.
    ui.keys(|e| {
        e.key(KeyCode::Char(' '));
        for _ in 0..3 {
            e.key(KeyCode::BackTab);
        }
        // Firmatario: → and ← as the ◀ ▶ show, around the ends, and a
        // letter to the signer it starts: paziente -> tutore -> (a)
        // amministratore -> tutore -> paziente -> delegato (the last one).
        e.key(KeyCode::Right).key(KeyCode::Char('a'));
        e.key(KeyCode::Left).key(KeyCode::Left).key(KeyCode::Left);
        e.ctrl('s');
    });
    assert!(ui.status().contains("nome del delegato"), "{}", ui.status());
    ui.keys(|e| {
        e.text("Giulia D'Adda").ctrl('s');
    });
    assert!(
        ui.status().contains("documento d'identità del delegato"),
        "{}",
        ui.status()
    );
    match top(&ui.app) {
        Screen::PattoText(t) => {
            assert_eq!(t.focus(), Focus::Documento);
            assert!(t.text().contains("Giulia D'Adda"), "{}", t.text());
        }
        _ => panic!("bozza expected"),
    }
    // The Clinical Manager is edited and stored.
    ui.keys(|e| {
        e.text("CI AB1234567");
        for _ in 0..3 {
            e.key(KeyCode::BackTab);
        }
        e.ctrl('u').text("Dott. Carlo Brambilla").key(KeyCode::Tab);
    });
    let bozza = ui.app.desk().patto().patti(id).expect("patti").remove(0);
    assert_eq!(bozza.clinical_manager, "Dott. Carlo Brambilla");
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert!(
        ui.screen()
            .contains("Dopo la firma il testo non si potrà più modificare"),
        "{}",
        ui.screen()
    );
    // Esc: not signed.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert_eq!(
        ui.app.desk().patto().patti(id).expect("patti")[0].stato,
        PattoStato::Bozza
    );
    ui.keys(|e| {
        e.ctrl('s').key(KeyCode::Enter).key(KeyCode::Esc);
    });
    let signed = ui.app.desk().patto().patti(id).expect("patti").remove(0);
    let f = signed.firma.expect("signed");
    assert_eq!(f.firmatario, Firmatario::Delegato);
    assert_eq!(f.nome_firmatario, "Giulia D'Adda");
    assert_eq!(f.documento, "CI AB1234567");
    assert!(f.consensi.trattamento_dati && !f.consensi.fse);
}

#[test]
fn revoke_with_date_and_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = niccolo(&desk, date(2026, 11, 20));
    let draft = desk.patto().prepare_patto(id).expect("bozza");
    let signed = desk.patto().sign_patto(draft.id, firma()).expect("signed");
    let mut ui = Harness::new(desk, 80, 24);
    open_patto(&mut ui, "dadda");
    ui.keys(|e| {
        e.ctrl('x');
    });
    let screen = ui.screen();
    assert!(screen.contains("Revoca della presa in carico"), "{screen}");
    assert!(screen.contains("termina la presa in carico"), "{screen}");
    // The reason is required.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_some());
    assert!(
        ui.screen().contains("Indicare il motivo"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Tab)
            .text("scelta di altro Gestore")
            .key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{}", ui.screen());
    assert!(
        ui.status().contains("revocati dal 22/11/2026"),
        "{}",
        ui.status()
    );
    let desk = ui.app.desk();
    assert!(desk.gestori().active_presa(id).expect("presa").is_none());
    let p = desk.patto().get(signed.id).expect("patto").expect("stored");
    assert_eq!(p.state_on(desk.today()), PattoState::Revocato);
    assert!(ui.screen().contains("revocato"), "{}", ui.screen());
}

#[test]
fn prepare_sign_print_reprint_expire_renew() {
    let dir = tempfile::tempdir().expect("temp dir");
    let prints = tempfile::tempdir().expect("print dir");
    let folder = prints.path().join("stampe patto");
    let folder_text = folder.display().to_string();
    let id;
    let signed_id;
    let (pdf, txt);
    {
        let desk = desk_on(dir.path(), 2026, 11, 22);
        id = niccolo(&desk, date(2026, 11, 20));
        let mut ui = Harness::new(desk, 100, 30);
        open_patto(&mut ui, "dadda nic");
        assert!(ui.screen().contains(GESTORE), "{}", ui.screen());
        ui.keys(|e| {
            e.key(KeyCode::F(9));
        });
        // Tick the data-processing consent and the FSE consultation: the text
        // on screen follows.
        ui.keys(|e| {
            for _ in 0..5 {
                e.key(KeyCode::Tab);
            }
            e.key(KeyCode::Char(' '))
                .key(KeyCode::Tab)
                .key(KeyCode::Char(' '))
                .key(KeyCode::End);
        });
        let shown = match top(&ui.app) {
            Screen::PattoText(t) => {
                assert!(t.consensi().trattamento_dati && t.consensi().fse);
                assert!(t.text().contains("[X] consultazione del Fascicolo"));
                assert!(t.text().contains("[ ] contatto per SMS"));
                t.text().to_string()
            }
            _ => panic!("bozza expected"),
        };
        assert!(
            ui.screen().contains("[X] Consultazione FSE"),
            "{}",
            ui.screen()
        );
        ui.keys(|e| {
            e.ctrl('s');
        });
        assert!(
            ui.screen()
                .contains("Dopo la firma il testo non si potrà più modificare")
        );
        ui.keys(|e| {
            e.key(KeyCode::Enter);
        });
        assert!(ui.status().contains("Patto firmato"), "{}", ui.status());
        let patti = ui.app.desk().patto().patti(id).expect("patti");
        assert_eq!(patti.len(), 1);
        signed_id = patti[0].id;
        assert_eq!(patti[0].stato, PattoStato::Firmato);
        // What was read is what was signed.
        assert_eq!(
            ui.app
                .desk()
                .patto()
                .signed_patto_text(signed_id)
                .expect("text"),
            shown
        );

        // Print: folder and both formats (← in the folder moves its cursor;
        // on the format, t for the text one, then ← back to the first and
        // round to the last, both).
        assert!(ui.app.modal().is_some());
        ui.keys(|e| {
            e.ctrl('u')
                .text(&folder_text)
                .key(KeyCode::Left)
                .key(KeyCode::Right)
                .key(KeyCode::Tab)
                .key(KeyCode::Char('t'))
                .key(KeyCode::Left)
                .key(KeyCode::Left)
                .key(KeyCode::Enter);
        });
        assert!(ui.app.modal().is_none(), "{}", ui.screen());
        assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Success));
        let cf = ui
            .app
            .desk()
            .patients()
            .patient(id)
            .expect("read")
            .expect("stored")
            .codice_fiscale;
        let base = folder.join(format!("patto-2026-0001-{cf}-20261122"));
        assert!(ui.status().contains("pdf"), "{}", ui.status());
        pdf = std::fs::read(base.with_extension("pdf")).expect("pdf written");
        txt = std::fs::read_to_string(base.with_extension("txt")).expect("txt written");
        assert!(pdf.starts_with(b"%PDF"));
        assert!(txt.contains("D'Adda Niccolò"), "{txt}");
        assert!(txt.contains("Copia per il Gestore"));

        // A reprint is byte-identical.
        std::fs::remove_file(base.with_extension("pdf")).expect("removed");
        ui.keys(|e| {
            e.ctrl('p')
                .ctrl('u')
                .text(&folder_text)
                .key(KeyCode::Tab)
                .key(KeyCode::Char(' '))
                .key(KeyCode::Char(' '))
                .key(KeyCode::Enter);
        });
        assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Success));
        assert_eq!(
            std::fs::read(base.with_extension("pdf")).expect("reprinted"),
            pdf
        );
        assert_eq!(
            std::fs::read_to_string(base.with_extension("txt")).expect("reprinted"),
            txt
        );

        // A folder that cannot be written: said in Italian, dialog kept.
        let blocker = prints.path().join("un file");
        std::fs::write(&blocker, b"x").expect("file");
        ui.keys(|e| {
            e.ctrl('p')
                .ctrl('u')
                .text(&blocker.join("sotto").display().to_string())
                .key(KeyCode::Enter);
        });
        assert!(ui.app.modal().is_some());
        assert!(
            ui.screen().contains("Impossibile scrivere nella cartella"),
            "{}",
            ui.screen()
        );
        ui.keys(|e| {
            e.key(KeyCode::Esc).key(KeyCode::F(10));
        });
        assert!(ui.app.should_quit());
    }

    // A year later the Patto has expired: the Scadenze list shows it, Enter
    // opens the patient's Patto, Ctrl+R prepares the renewal.
    let desk = desk_on(dir.path(), 2027, 11, 25);
    let mut ui = Harness::new(desk, 100, 30);
    ui.keys(|e| {
        e.key(KeyCode::F(7)).key(KeyCode::Tab).key(KeyCode::Tab);
    });
    match top(&ui.app) {
        Screen::Richiami(r) => {
            assert_eq!(r.scadenze().len(), 1);
            assert_eq!(r.scadenze()[0].state, PattoState::Scaduto);
            assert_eq!(r.scadenze()[0].patient.nome, "Niccolò");
        }
        _ => panic!("Richiami expected"),
    }
    assert!(ui.screen().contains("scaduto"), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(matches!(top(&ui.app), Screen::Patto(_)));
    assert!(ui.screen().contains("scaduto"), "{}", ui.screen());
    ui.keys(|e| {
        e.ctrl('r');
    });
    match top(&ui.app) {
        Screen::PattoText(t) => {
            assert_eq!(t.patto().stato, PattoStato::Bozza);
            assert_eq!(t.patto().precedente, Some(signed_id));
        }
        _ => panic!("renewal bozza expected: {}", ui.status()),
    }
    assert!(
        ui.screen().contains("rinnovo del n. 2026/0001"),
        "{}",
        ui.screen()
    );
    let patti = ui.app.desk().patto().patti(id).expect("patti");
    assert_eq!(patti.len(), 2);
    assert_eq!(patti[0].stato, PattoStato::Bozza);
    assert_eq!(patti[0].precedente, Some(signed_id));
    assert_eq!(patti[1].id, signed_id);
    // Back on the list the renewal is there, the old Patto still listed.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    match top(&ui.app) {
        Screen::Patto(p) => assert_eq!(p.patti().len(), 2),
        _ => panic!("Patto list expected"),
    }
}

#[test]
fn english_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    niccolo(&desk, date(2026, 11, 20));
    let mut ui = Harness {
        app: App::new(desk, Lang::En),
        terminal: Terminal::new(TestBackend::new(100, 30)).expect("test terminal"),
    };
    open_patto(&mut ui, "dadda");
    let screen = ui.screen();
    assert!(screen.contains("F9 Prepare"), "{screen}");
    assert!(screen.contains("No Care Pact for this patient"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    let screen = ui.screen();
    assert!(screen.contains("Draft no."), "{screen}");
    assert!(screen.contains("Data processing *"), "{screen}");
    assert_eq!(ui.app.title(), "Reading and signing the Pact");
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    assert!(ui.screen().contains("Pacts expiring"), "{}", ui.screen());
}

/// Niccolò D'Adda with no doctor on his record: the bozza has no Clinical
/// Manager.
fn niccolo_without_mmg(desk: &Desk, day: NaiveDate) -> PatientId {
    // No MMG: an ASST through its Centro Servizi.
    let gestore = common::gestore::import_asst(desk);
    let patient = Patient {
        mmg: String::new(),
        patologie: vec!["56".into(), "50".into()],
        ..common::patient::patient("D'Adda", "Niccolò", Sex::M, date(1950, 3, 12))
    };
    let id = desk
        .patients()
        .register_patient(patient)
        .expect("registered");
    desk.gestori()
        .choose_gestore(
            id,
            gestore,
            crate::common::gestore::fitting(desk, id, gestore),
            day,
            "",
        )
        .expect("Gestore chosen");
    id
}

#[test]
fn signing_without_clinical_manager_puts_the_cursor_on_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = niccolo_without_mmg(&desk, date(2026, 11, 20));
    let mut ui = Harness::new(desk, 80, 24);
    open_patto(&mut ui, "dadda");
    // The data consent ticked, then Ctrl+S: refused for the Clinical Manager.
    ui.keys(|e| {
        e.key(KeyCode::F(9));
        for _ in 0..5 {
            e.key(KeyCode::Tab);
        }
        e.key(KeyCode::Char(' ')).ctrl('s');
    });
    assert!(ui.app.modal().is_none(), "{}", ui.screen());
    assert_eq!(
        ui.status(),
        "Manca il Clinical Manager: indicare il medico che redige il PAI, poi firmare."
    );
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Error));
    match top(&ui.app) {
        Screen::PattoText(t) => assert_eq!(t.focus(), Focus::ClinicalManager),
        _ => panic!("bozza expected"),
    }
    assert_eq!(
        ui.app.desk().patto().patti(id).expect("patti")[0].stato,
        PattoStato::Bozza
    );
    // Typed where the cursor is, it is stored and signing goes on.
    ui.keys(|e| {
        e.text("Dott. Paolo Neri").ctrl('s');
    });
    assert!(
        ui.screen()
            .contains("Dopo la firma il testo non si potrà più modificare"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter).key(KeyCode::Esc);
    });
    let signed = ui.app.desk().patto().patti(id).expect("patti").remove(0);
    assert_eq!(signed.stato, PattoStato::Firmato);
    assert_eq!(signed.clinical_manager, "Dott. Paolo Neri");
}

#[test]
fn a_signed_patto_without_clinical_manager_is_corrected_with_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (id, patto);
    {
        let desk = desk_on(dir.path(), 2026, 11, 22);
        id = niccolo_without_mmg(&desk, date(2026, 11, 20));
        let draft = desk.patto().prepare_patto(id).expect("bozza");
        let text = desk
            .patto()
            .patto_text(&draft, &firma().consensi, None, date(2026, 11, 22))
            .expect("text");
        patto = draft.id;
        drop(desk);
        common::patto::sign_without_clinical_manager(dir.path(), patto, &text);
    }
    let desk = desk_on(dir.path(), 2026, 11, 23);
    desk.pai().new_pai(id).expect("PAI bozza");
    let mut ui = Harness::new(desk, 80, 24);
    open_patto(&mut ui, "dadda");
    let screen = ui.screen();
    assert!(
        screen.contains("firmato senza Clinical Manager") && screen.contains("Ctrl+K"),
        "{screen}"
    );
    // Sharing the PAI says where the Clinical Manager is set.
    ui.keys(|e| {
        e.key(KeyCode::F(5)).ctrl('o');
    });
    let screen = ui.screen();
    assert!(screen.contains("manca il Clinical Manager"), "{screen}");
    assert!(
        screen.contains("F4 apre il Patto,") && screen.contains("Ctrl+K lo corregge"),
        "{screen}"
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::F(4)).ctrl('k');
    });
    assert!(
        ui.screen().contains("Correzione del Clinical Manager"),
        "{}",
        ui.screen()
    );
    // The reason is required.
    ui.keys(|e| {
        e.text("Dott. Paolo Neri").key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_some());
    assert!(
        ui.screen().contains("Indicare il motivo della correzione."),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Tab)
            .text("non indicato alla firma")
            .key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{}", ui.screen());
    assert_eq!(
        ui.status(),
        "Clinical Manager del Patto n. 2026/0001 corretto: Dott. Paolo Neri."
    );
    let screen = ui.screen();
    assert!(
        !screen.contains("firmato senza Clinical Manager"),
        "{screen}"
    );
    assert!(screen.contains("Dott. Paolo Neri"), "{screen}");
    let entry = ui
        .desk()
        .operators()
        .audit_page(&sportello::domain::audit::AuditFilter::default(), None, 1)
        .expect("audit")
        .remove(0);
    assert!(
        entry
            .summary
            .starts_with("Clinical Manager del Patto 2026/0001 corretto dopo la firma"),
        "{}",
        entry.summary
    );
    // On the Patto itself, above the signed text.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(screen.contains("Patto n. 2026/0001"), "{screen}");
    assert!(
        screen.contains("Clinical Manager corretto il 23/11/2026"),
        "{screen}"
    );
    let p = ui.desk().patto().get(patto).expect("read").expect("stored");
    assert_eq!(p.clinical_manager, "Dott. Paolo Neri");
    assert_eq!(
        ui.desk()
            .pai()
            .current_pai(id)
            .expect("pai")
            .expect("bozza")
            .clinical_manager,
        "Dott. Paolo Neri"
    );
}

#[test]
fn print_goes_to_the_studio_printer_and_falls_back_to_the_file() {
    use sportello::domain::practice::Stampante;
    let dir = tempfile::tempdir().expect("temp dir");
    let prints = tempfile::tempdir().expect("print dir");
    let folder = prints.path().display().to_string();
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = niccolo(&desk, date(2026, 11, 20));
    let draft = desk.patto().prepare_patto(id).expect("bozza");
    desk.patto().sign_patto(draft.id, firma()).expect("signed");
    let mut practice = desk.gestori().practice().expect("practice");
    practice.stampante = Stampante::Nome("patto".into());
    desk.gestori().save_practice(&practice).expect("saved");
    let failing = Arc::new(common::patto::PrintRecorder {
        failure: Some("comando lp non trovato".into()),
        ..Default::default()
    });
    desk.set_command_runner(failing.clone());
    let cf = desk
        .patients()
        .patient(id)
        .expect("read")
        .expect("stored")
        .codice_fiscale;
    let pdf = prints
        .path()
        .join(format!("patto-2026-0001-{cf}-20261122.pdf"))
        .display()
        .to_string();
    let mut ui = Harness::new(desk, 80, 24);
    open_patto(&mut ui, "dadda");
    ui.keys(|e| {
        e.ctrl('p').ctrl('u').text(&folder).key(KeyCode::Enter);
    });
    assert_eq!(
        ui.status(),
        format!("Stampa non riuscita (comando lp non trovato): il PDF è in {pdf}")
    );
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Warning));
    // The path is longer than the status line: a dialog shows it whole.
    let shown = ui.screen();
    assert!(shown.contains("Stampa non riuscita"), "{shown}");
    let joined: String = shown
        .lines()
        .map(|l| l.trim_matches('"').trim_matches(|c| c == ' ' || c == '│'))
        .collect();
    assert!(joined.contains(&pdf), "{shown}");
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none());
    assert!(std::path::Path::new(&pdf).is_file());
    if cfg!(unix) {
        assert_eq!(
            *failing.runs.lock().expect("lock"),
            vec![(
                "lp".to_string(),
                vec!["-d".to_string(), "patto".to_string(), pdf.clone()]
            )]
        );
    }
    let printer = Arc::new(common::patto::PrintRecorder::default());
    ui.desk().set_command_runner(printer.clone());
    ui.keys(|e| {
        e.ctrl('p').ctrl('u').text(&folder).key(KeyCode::Enter);
    });
    assert_eq!(
        ui.status(),
        format!("Patto inviato alla stampante patto (file: {pdf})")
    );
    assert_eq!(printer.runs.lock().expect("lock").len(), 1);
}

#[test]
fn the_printer_is_chosen_in_amministrazione_studio() {
    use sportello::domain::practice::Stampante;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11)).key(KeyCode::Down).key(KeyCode::Down);
        e.key(KeyCode::Enter);
    });
    assert_eq!(ui.app.title(), "Amministrazione · Studio");
    let screen = ui.screen();
    assert!(
        screen.contains("Stampante") && screen.contains("nessuna"),
        "{screen}"
    );
    // The last field: Shift+Tab from the first.
    ui.keys(|e| {
        e.key(KeyCode::BackTab);
    });
    assert!(ui.screen().contains("predefinita"), "{}", ui.screen());
    ui.keys(|e| {
        e.ctrl('u').text("patto").ctrl('s');
    });
    assert_eq!(ui.status(), "Studio salvato");
    assert_eq!(
        ui.desk().gestori().practice().expect("practice").stampante,
        Stampante::Nome("patto".into())
    );
}
