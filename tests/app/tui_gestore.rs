//! F3 Gestore, the record's PIC history and Amministrazione (F11) driven
//! through the real loop with scripted keys on ratatui's TestBackend:
//! snapshots of the choice screen, the import preview and the record, a whole
//! import -> choose -> change -> choose flow checked against the store, and the
//! selection style that snapshots cannot show.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use common::screen::{Screen, top};
use sportello::domain::codice_fiscale::compute;
use sportello::domain::practice::{Adesione, MmgAdesione};
use sportello::domain::{Canale, Patient, PatientId, PatientStatus, PresaStato, Residence, Sex};
use sportello::io::gestori::sample_gestori;
use sportello::service::{Desk, FixedClock};
use sportello::tui::admin::Section;
use sportello::tui::app::StatusKind;
use sportello::tui::{App, Lang};

/// The fixture of issue 4: Windows-1252 from Excel, rejected rows, warnings.
const FIXTURE: &str = "tests/fixtures/gestori/brianza-excel-1252.csv";
const MMG: &str = "Dott.ssa Bianchi";
const COOP_BRIANZA: &str = "Cooperativa Medici Esempio Brianza (fittizia)";

fn open_desk(dir: &Path) -> Desk {
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    let desk = Desk::open(dir, Arc::new(clock)).expect("store opens");
    desk.gestori()
        .seed_sample_gestori(&sample_gestori())
        .expect("sample list");
    desk
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn patient(cognome: &str, nome: &str, sex: Sex, born: NaiveDate, comune: &str) -> Patient {
    let cf = compute(
        cognome,
        nome,
        sex,
        born,
        "F205",
        sportello::service::comuni(),
    )
    .expect("computable cf");
    Patient {
        id: 0,
        cognome: cognome.into(),
        nome: nome.into(),
        codice_fiscale: cf.as_str().into(),
        sesso: sex,
        data_nascita: born,
        luogo_nascita: "F205".into(),
        residenza: Residence {
            indirizzo: "Via Roma 1".into(),
            cap: "20900".into(),
            comune: comune.into(),
        },
        ats_override: None,
        mmg: MMG.into(),
        telefoni: vec!["039 1234567".into()],
        email: String::new(),
        tessera_sanitaria: String::new(),
        patologia_primaria: None,
        livello_ats: None,
        patologie: vec!["50".into(), "39".into(), "20".into(), "17".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    }
}

/// Anna Rossi lives in Monza (ATS Brianza, level 1); Luca Verdi in Milano.
/// Returns Anna's id.
fn fill(desk: &Desk) -> PatientId {
    let anna = desk
        .patients()
        .register_patient(patient("Rossi", "Anna", Sex::F, date(1950, 3, 15), "F704"))
        .expect("registered");
    desk.patients()
        .register_patient(patient("Verdi", "Luca", Sex::M, date(1947, 6, 2), "F205"))
        .expect("registered");
    anna
}

/// The practice's MMG adheres to the sample Brianza cooperative.
fn mmg_adheres(desk: &Desk) {
    let coop = desk
        .gestori()
        .list(Some("030324"), false)
        .expect("list")
        .into_iter()
        .find(|g| g.denominazione == COOP_BRIANZA)
        .expect("sample cooperative");
    let mut practice = desk.gestori().practice().expect("practice");
    practice.mmg.push(MmgAdesione {
        nome: MMG.into(),
        adesione: Adesione::Cooperativa(coop.id),
    });
    desk.gestori().save_practice(&practice).expect("saved");
}

fn archive() -> (tempfile::TempDir, Desk, PatientId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open_desk(dir.path());
    let anna = fill(&desk);
    (dir, desk, anna)
}

fn names_id(ui: &Harness, name: &str) -> u64 {
    match top(&ui.app) {
        Screen::Gestore(g) => g
            .listed()
            .iter()
            .find(|g| g.denominazione == name)
            .map(|g| g.id)
            .expect("listed"),
        _ => panic!("gestore screen expected, got {}", ui.app.title()),
    }
}

fn listed_names(ui: &Harness) -> Vec<String> {
    match top(&ui.app) {
        Screen::Gestore(g) => g.listed().iter().map(|g| g.denominazione.clone()).collect(),
        _ => panic!("gestore screen expected, got {}", ui.app.title()),
    }
}

#[test]
fn choice_screen_puts_the_mmg_gestore_first() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk, _) = archive();
        mmg_adheres(&desk);
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.text("rossi anna").key(KeyCode::Enter).key(KeyCode::F(3));
        });
        assert_eq!(ui.app.title(), "Gestore");
        assert_eq!(
            listed_names(&ui),
            [
                COOP_BRIANZA,
                "ASST della Brianza",
                "Casa di Cura Esempio Lecco (fittizia)",
                "RSA Esempio Merate (fittizia)",
            ]
        );
        let screen = ui.screen();
        assert!(screen.contains("★ Cooperativa Medici"), "{screen}");
        assert!(screen.contains("★ Gestore del MMG"), "{screen}");
        assert!(screen.contains("030324 ATS della Brianza"), "{screen}");
        insta::assert_snapshot!(format!("gestore_choice_{w}x{h}"), screen);
    }
}

#[test]
fn selected_row_of_the_choice_list_is_reverse_video() {
    let (_dir, desk, _) = archive();
    mmg_adheres(&desk);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::F(3)).key(KeyCode::Down);
    });
    // 0 header, 1 patient, 2 presa, 3 list, 4 filters, 5 table header,
    // 6 first row, 7 the selected second row.
    let buffer = ui.terminal.backend().buffer().clone();
    assert!(ui.line(6).starts_with("  ★ Cooperativa"), "{}", ui.line(6));
    assert!(
        ui.line(7).starts_with("▶ ASST della Brianza"),
        "{}",
        ui.line(7)
    );
    for x in 0..80 {
        assert!(
            buffer[(x, 7)].modifier.contains(Modifier::REVERSED),
            "cell {x} of the selected row is not reversed"
        );
        assert!(
            !buffer[(x, 6)].modifier.contains(Modifier::REVERSED),
            "cell {x} of an unselected row is reversed"
        );
    }
}

#[test]
fn filters_by_text_and_type_and_another_ats_warns() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness::new(desk, 100, 30);
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::F(3)).text("merate");
    });
    assert_eq!(listed_names(&ui), ["RSA Esempio Merate (fittizia)"]);
    // F8 cycles the types present; Ctrl+T does the same.
    ui.keys(|e| {
        e.ctrl('u').key(KeyCode::F(8));
    });
    assert_eq!(listed_names(&ui), [COOP_BRIANZA]);
    assert!(ui.screen().contains("Tipo: Cooperativa MMG"));
    ui.keys(|e| {
        e.ctrl('t');
    });
    assert_eq!(listed_names(&ui), ["ASST della Brianza"]);
    // Another ATS from the chooser: Milano is the first one.
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    assert!(ui.screen().contains("(residenza)"), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Home).key(KeyCode::Enter);
    });
    match top(&ui.app) {
        Screen::Gestore(g) => assert_eq!(g.ats(), Some("030321")),
        _ => panic!("gestore screen expected"),
    }
    assert!(
        ui.screen()
            .contains("! ATS diversa da quella di residenza: 030321"),
        "{}",
        ui.screen()
    );
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Warning));
}

#[test]
fn import_preview_of_the_excel_fixture() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk, _) = archive();
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.key(KeyCode::F(11)).key(KeyCode::Enter).text(FIXTURE);
            e.key(KeyCode::Tab).text("030324").key(KeyCode::Enter);
        });
        let Screen::Admin(admin) = top(&ui.app) else {
            panic!("admin screen expected, got {}", ui.app.title());
        };
        assert_eq!(admin.section(), Some(Section::Import));
        let preview = admin
            .import()
            .and_then(|i| i.preview.as_ref())
            .expect("a preview");
        assert_eq!(preview.file, "brianza-excel-1252.csv");
        assert_eq!(preview.preview.accepted.len(), 5);
        assert_eq!(preview.preview.rejected.len(), 2);
        assert_eq!(preview.plan.added.len(), 5);
        assert_eq!(preview.plan.no_longer.len(), 4);
        let screen = ui.screen();
        assert!(screen.contains("brianza-excel-1252.csv"), "{screen}");
        assert!(screen.contains("Windows-1252"), "{screen}");
        assert!(
            screen.contains("riga 9: manca la denominazione"),
            "{screen}"
        );
        assert!(!screen.contains("/tests/"), "no path on screen: {screen}");
        insta::assert_snapshot!(format!("import_preview_{w}x{h}"), screen);
        // The imported name, read from Windows-1252, further down the list.
        ui.keys(|e| {
            for _ in 0..20 {
                e.key(KeyCode::Down);
            }
        });
        assert!(
            ui.screen().contains("Società Cooperativa Unità Medica"),
            "{}",
            ui.screen()
        );
        // Esc drops it: nothing written.
        ui.keys(|e| {
            e.key(KeyCode::Esc);
        });
        assert!(
            ui.status().contains("nulla è stato scritto"),
            "{}",
            ui.status()
        );
        assert_eq!(ui.desk().gestori().gestori_imports().expect("log").len(), 1);
        assert_eq!(
            ui.desk()
                .gestori()
                .list(Some("030324"), false)
                .expect("list")
                .len(),
            4
        );
    }
}

#[test]
fn import_errors_are_shown_not_written() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11))
            .key(KeyCode::Enter)
            .key(KeyCode::Enter);
    });
    assert!(ui.status().contains("Indicare il file"), "{}", ui.status());
    ui.keys(|e| {
        e.text("tests/fixtures/gestori/nessuno.csv")
            .key(KeyCode::Enter);
    });
    assert!(ui.status().contains("File non trovato"), "{}", ui.status());
    ui.keys(|e| {
        e.ctrl('u')
            .text("tests/fixtures/gestori/garbage.bin")
            .key(KeyCode::Enter);
    });
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Error));
    assert!(
        ui.status().contains("Nulla è stato importato"),
        "{}",
        ui.status()
    );
    ui.keys(|e| {
        e.ctrl('u')
            .text(FIXTURE)
            .key(KeyCode::Tab)
            .text("Atlantide")
            .key(KeyCode::Enter);
    });
    assert!(
        ui.status().contains("ATS «Atlantide» sconosciuta"),
        "{}",
        ui.status()
    );
    assert_eq!(ui.desk().gestori().gestori_imports().expect("log").len(), 1);
}

#[test]
fn record_shows_the_pic_and_its_history() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, desk, anna) = archive();
        let brianza = desk.gestori().list(Some("030324"), false).expect("list");
        let id_of = |name: &str| {
            brianza
                .iter()
                .find(|g| g.denominazione == name)
                .map(|g| g.id)
                .expect("sample gestore")
        };
        mmg_adheres(&desk);
        desk.gestori()
            .choose_gestore(
                anna,
                id_of(COOP_BRIANZA),
                Canale::MmgAderente,
                date(2025, 1, 10),
                "",
            )
            .expect("chosen");
        desk.gestori()
            .revoke_presa(anna, date(2026, 6, 1), "trasferimento")
            .expect("revoked");
        desk.gestori()
            .choose_gestore(
                anna,
                id_of("ASST della Brianza"),
                Canale::CentroServiziAsst,
                date(2026, 6, 2),
                "",
            )
            .expect("chosen");
        let mut ui = Harness::new(desk, w, h);
        ui.keys(|e| {
            e.text("rossi anna").key(KeyCode::Enter);
        });
        let screen = ui.screen();
        assert!(
            screen.contains("ASST della Brianza · Centro Servizi ASST"),
            "{screen}"
        );
        assert!(screen.contains("Storico PIC"), "{screen}");
        if w == 80 {
            assert!(screen.contains("↑↓ scorrere"), "{screen}");
        } else {
            assert!(
                screen.contains("Brianza (fittizia) · revocato:"),
                "{screen}"
            );
        }
        insta::assert_snapshot!(format!("record_pic_history_{w}x{h}"), screen);
    }
}

/// The flow through the app loop: import the fixture from
/// Amministrazione, choose a Gestore in F3, change it (revoke first), choose
/// another; the store holds it all.
#[test]
fn import_choose_change_and_choose_again() {
    let (_dir, desk, anna) = archive();
    let mut ui = Harness::new(desk, 100, 30);

    // Import, with the ATS of the rows, and confirm.
    ui.keys(|e| {
        e.alt('9').key(KeyCode::Enter).text(FIXTURE);
        e.key(KeyCode::Tab).text("Brianza").key(KeyCode::Enter);
        e.ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Importazione registrata: 5 nuovi, 0 aggiornati, 4 non più idonei."
    );
    let imports = ui.desk().gestori().gestori_imports().expect("log");
    assert_eq!(imports.len(), 2);
    assert!(imports.iter().any(|i| i.file == "brianza-excel-1252.csv"
        && i.aggiunti == 5
        && i.scartati == 2
        && i.non_piu_idonei == 4));
    // The log shows it.
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::Down).key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("brianza-excel-1252.csv"),
        "{}",
        ui.screen()
    );

    // F3 from the lookup's highlighted patient: the old sample Gestori of the
    // ATS are no longer idonei and are not listed.
    ui.keys(|e| {
        e.alt('2').text("rossi anna").key(KeyCode::F(3));
    });
    let names = listed_names(&ui);
    assert!(names.contains(&"Società Cooperativa Unità Medica".to_string()));
    assert!(!names.iter().any(|n| n == COOP_BRIANZA), "{names:?}");
    assert_eq!(names.len(), 5);

    // The MMG adheres to Unità Medica (Studio): choose it, the dialog
    // confirms with Enter.
    let unita = names_id(&ui, "Società Cooperativa Unità Medica");
    let mut practice = ui.desk().gestori().practice().expect("practice");
    practice.mmg = vec![MmgAdesione {
        nome: MMG.into(),
        adesione: Adesione::Cooperativa(unita),
    }];
    ui.desk().gestori().save_practice(&practice).expect("saved");
    ui.keys(|e| {
        e.text("unita").key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("Scelta del Gestore"),
        "{}",
        ui.screen()
    );
    assert!(
        ui.screen()
            .contains("MIFS (medico in forma singola): non disponibile, non attivo"),
        "MIFS is said to be off: {}",
        ui.screen()
    );
    ui.keys(|e| {
        // The dialog opens on the date: Tab to the note.
        e.key(KeyCode::Tab).text("scelta allo sportello");
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{}", ui.screen());
    assert!(
        ui.status()
            .starts_with("Gestore scelto: Società Cooperativa Unità Medica")
    );
    let active = ui
        .desk()
        .gestori()
        .active_presa(anna)
        .expect("read")
        .expect("a presa");
    assert_eq!(active.canale, Canale::MmgAderente);
    assert_eq!(active.note, "scelta allo sportello");

    // Enter on another Gestore explains, then revokes, then back to the list.
    ui.keys(|e| {
        e.ctrl('u').text("asst").key(KeyCode::Enter);
    });
    assert!(ui.screen().contains("Cambia Gestore"), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.screen().contains("Revoca della presa in carico"));
    // The reason is required.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("Indicare il motivo"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.text("cambio di residenza").key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{}", ui.screen());
    assert!(ui.status().contains("Ora scegliere il nuovo Gestore"));
    assert!(
        ui.desk()
            .gestori()
            .active_presa(anna)
            .expect("read")
            .is_none()
    );
    // The new one: an ASST defaults to its Centro Servizi.
    ui.keys(|e| {
        e.key(KeyCode::Enter).key(KeyCode::Enter);
    });
    assert!(
        ui.status().starts_with("Gestore scelto: ASST di Lecco"),
        "{}",
        ui.status()
    );

    // What the store holds.
    let history = ui.desk().gestori().prese_history(anna).expect("history");
    assert_eq!(history.len(), 2);
    let (now, now_g) = &history[0];
    assert!(now.is_active());
    assert_eq!(now.canale, Canale::CentroServiziAsst);
    assert_eq!(now.data_scelta, date(2026, 11, 22));
    assert_eq!(
        now_g.as_ref().map(|g| g.denominazione.as_str()),
        Some("ASST di Lecco")
    );
    let (before, before_g) = &history[1];
    assert_eq!(
        before.stato,
        PresaStato::Revocato {
            data: date(2026, 11, 22),
            motivo: "cambio di residenza".into()
        }
    );
    assert_eq!(
        before_g.as_ref().map(|g| g.denominazione.as_str()),
        Some("Società Cooperativa Unità Medica")
    );
    let idonei = ui
        .desk()
        .gestori()
        .list(Some("030324"), false)
        .expect("list");
    assert_eq!(idonei.len(), 5);
    let all = ui
        .desk()
        .gestori()
        .list(Some("030324"), true)
        .expect("list");
    assert_eq!(all.len(), 9, "nothing deleted");
    assert!(
        all.iter()
            .filter(|g| !g.is_idoneo())
            .all(|g| g.non_idoneo_dal == Some(date(2026, 11, 22)) && g.fittizio)
    );

    // Back on the record, the history; in the lookup, the Gestore.
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(screen.contains("Storico PIC"), "{screen}");
    assert!(screen.contains("cambio di residenza"), "{screen}");

    // Revoca without choosing another.
    ui.keys(|e| {
        e.key(KeyCode::F(3))
            .ctrl('x')
            .text("decesso")
            .key(KeyCode::Enter);
    });
    assert!(
        ui.status()
            .starts_with("Presa in carico revocata il 22/11/2026")
    );
    assert!(
        ui.desk()
            .gestori()
            .active_presa(anna)
            .expect("read")
            .is_none()
    );
    ui.keys(|e| {
        e.ctrl('x');
    });
    assert!(
        ui.status().contains("niente da revocare"),
        "{}",
        ui.status()
    );
}

#[test]
fn studio_sets_the_mmg_adesione_and_the_channels() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11)).key(KeyCode::Down).key(KeyCode::Down);
        e.key(KeyCode::Enter);
    });
    assert_eq!(ui.app.title(), "Amministrazione · Studio");
    assert!(ui.screen().contains("MIFS"), "{}", ui.screen());
    assert!(ui.screen().contains("non ancora attiva (attivabile)"));
    ui.keys(|e| {
        e.ctrl('u').text("Studio Medico Rossi").key(KeyCode::Tab);
        // Monza, from the completion list (Tab accepts it).
        e.text("Monza").key(KeyCode::Tab).key(KeyCode::Tab);
        e.text(MMG).key(KeyCode::Enter);
        // Up to the list, Enter for the adesione: none, MIFS, then the
        // cooperatives of the practice's ATS first.
        e.key(KeyCode::Up).key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("Adesione di Dott.ssa Bianchi"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
        // MIFS on: the last channel.
        for _ in 0..4 {
            e.key(KeyCode::Tab);
        }
        e.key(KeyCode::Char(' '));
    });
    match top(&ui.app) {
        Screen::Admin(a) => assert!(a.studio().is_some()),
        _ => panic!("studio expected"),
    }
    assert!(ui.screen().contains("[x] MIFS"), "{}", ui.screen());
    // Leaving unsaved asks first.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(ui.screen().contains("Modifiche non salvate"));
    ui.keys(|e| {
        e.key(KeyCode::Esc).ctrl('s');
    });
    assert_eq!(ui.status(), "Studio salvato");
    let practice = ui.desk().gestori().practice().expect("practice");
    assert_eq!(practice.nome, "Studio Medico Rossi");
    assert_eq!(practice.comune, "F704");
    assert!(practice.canale_attivo(Canale::Mifs));
    let coop = practice.gestore_of_mmg(MMG).expect("an adesione");
    let g = ui
        .desk()
        .gestori()
        .gestore(coop)
        .expect("read")
        .expect("stored");
    assert_eq!(g.denominazione, COOP_BRIANZA);
}

#[test]
fn stored_list_shows_every_ats_and_the_fictional_ones() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness::new(desk, 120, 40);
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..3 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter).text("030324");
    });
    let screen = ui.screen();
    assert!(screen.contains("RSA Esempio Merate (fittizia)"), "{screen}");
    // A sample entry whose name does not say so is marked.
    assert!(screen.contains("ASST della Brianza (fittizio)"), "{screen}");
    assert!(screen.contains("4 di 30 Gestori in archivio"), "{screen}");
}

#[test]
fn help_lists_the_new_areas() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(1));
    });
    assert!(
        ui.screen().contains("F11 Amministrazione"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::F(11));
    });
    assert_eq!(ui.app.title(), "Amministrazione");
}

#[test]
fn english_on_request() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness {
        app: App::new(desk, Lang::En),
        terminal: Terminal::new(TestBackend::new(80, 24)).expect("test terminal"),
    };
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::F(3));
    });
    let screen = ui.screen();
    assert!(screen.contains("Enter Choose"), "{screen}");
    assert!(screen.contains("F8 Type"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::F(11));
    });
    assert!(ui.screen().contains("Import list of Gestori"));
}

/// The import preview in English: why rows are skipped, what to check on
/// the others, and why a file cannot be read.
#[test]
fn import_preview_in_english() {
    let (_dir, desk, _) = archive();
    let mut ui = Harness {
        app: App::new(desk, Lang::En).with_idle_minutes(0),
        terminal: Terminal::new(TestBackend::new(120, 40)).expect("test terminal"),
    };
    ui.keys(|e| {
        e.key(KeyCode::F(11))
            .key(KeyCode::Enter)
            .text("tests/fixtures/gestori/garbage.bin")
            .key(KeyCode::Enter);
    });
    assert!(
        ui.status().contains("Nothing was imported"),
        "{}",
        ui.status()
    );
    assert!(!ui.status().contains(" non "), "{}", ui.status());
    ui.keys(|e| {
        e.ctrl('u')
            .text(FIXTURE)
            .key(KeyCode::Tab)
            .text("030324")
            .key(KeyCode::Enter);
    });
    let screen = ui.screen();
    for text in [
        "line 9: the name (Denominazione) is missing",
        "line 11: duplicate of row 5 (same name and ATS)",
        "line 5: P.IVA 1234567897 read as 01234567897: leading zeros lost",
    ] {
        assert!(screen.contains(text), "{text} in {screen}");
    }
    assert!(!screen.contains("manca la"), "{screen}");
}

/// Elenco Gestori at 80 columns: long names wrap instead of being cut;
/// Enter shows the selected Gestore in full (its active prese in carico
/// counted), Up and Down the previous and next, Esc the list on the same row.
#[test]
fn stored_list_wraps_names_and_enter_opens_the_gestore() {
    let (_dir, desk, anna) = archive();
    let coop = desk
        .gestori()
        .list(Some("030324"), false)
        .expect("list")
        .into_iter()
        .find(|g| g.denominazione == COOP_BRIANZA)
        .expect("sample cooperative");
    mmg_adheres(&desk);
    desk.gestori()
        .choose_gestore(anna, coop.id, Canale::MmgAderente, date(2026, 11, 20), "")
        .expect("chosen");
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..3 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter).text("030324");
    });
    let screen = ui.screen();
    insta::assert_snapshot!("stored_list_80x24", screen);
    // "Cooperativa Medici Esempio Brianza (fittizia)", on two lines, uncut.
    assert!(
        screen.contains("Cooperativa Medici Esempio Brianza"),
        "{screen}"
    );
    assert!(!screen.contains("Brianza (fi…"), "{screen}");
    let selected = |ui: &Harness| -> (String, bool) {
        let Screen::Admin(admin) = top(&ui.app) else {
            panic!("admin expected, got {}", ui.app.title());
        };
        let list = admin.gestori().expect("Elenco Gestori");
        (
            list.selected().expect("a row").denominazione.clone(),
            list.detail().is_some(),
        )
    };
    ui.keys(|e| {
        e.key(KeyCode::Down).key(KeyCode::Down);
    });
    assert_eq!(selected(&ui), (COOP_BRIANZA.to_string(), false));
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert_eq!(selected(&ui), (COOP_BRIANZA.to_string(), true));
    let screen = ui.screen();
    insta::assert_snapshot!("stored_gestore_80x24", screen);
    for text in [
        "Gestore 3/4",
        &format!("Denominazione:          {COOP_BRIANZA}"),
        "ATS:                    030324 ATS della Brianza",
        "Tipologia:              Cooperativa MMG",
        "Prese in carico attive: 1",
        "Stato:                  idoneo",
        "Esc Elenco",
    ] {
        assert!(screen.contains(text), "{text} in {screen}");
    }
    // The filter does not take the keys meanwhile.
    ui.keys(|e| {
        e.text("x");
    });
    assert_eq!(selected(&ui), (COOP_BRIANZA.to_string(), true));
    ui.keys(|e| {
        e.key(KeyCode::Down);
    });
    assert!(ui.screen().contains("Gestore 4/4"), "{}", ui.screen());
    assert!(
        ui.screen().contains("Prese in carico attive: 0"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Up).key(KeyCode::Esc);
    });
    assert_eq!(selected(&ui), (COOP_BRIANZA.to_string(), false));
    let screen = ui.screen();
    assert!(screen.contains("4 di 30 Gestori in archivio"), "{screen}");
    // Esc again leaves the list for the menu.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    let Screen::Admin(admin) = top(&ui.app) else {
        panic!("admin expected");
    };
    assert!(admin.is_menu());
}

/// The dialog after a revocation lists the first appointments to cancel
/// and counts the others on its last line.
#[test]
fn revoke_dialog_counts_the_appointments_it_does_not_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let pid = common::agenda::setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let proposals = desk
        .agenda()
        .plan_pai(pai.id, &Default::default())
        .unwrap()
        .proposals;
    let booked = desk
        .agenda()
        .accept_proposals(pai.id, &proposals)
        .unwrap()
        .len();
    assert!(booked > 9, "{booked}");
    let mut ui = Harness::new(desk, 100, 40);
    ui.keys(|e| {
        e.alt('2').text("cantu").key(KeyCode::F(3));
        e.ctrl('x').text("trasferimento").key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(
        screen.contains(&format!("… e altri {} appuntamenti", booked - 8)),
        "{screen}"
    );
    let s = sportello::tui::gestore::strings::Texts::for_lang(Lang::It);
    assert_eq!(s.gestori.more_appointments(1), "… e un altro appuntamento");
    assert_eq!(s.gestori.more_appointments(11), "… e altri 11 appuntamenti");
    let en = sportello::tui::gestore::strings::Texts::for_lang(Lang::En);
    assert_eq!(
        en.gestori.more_appointments(1),
        "… and one more appointment"
    );
}
