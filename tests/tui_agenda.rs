//! F6 Agenda driven through the real loop with scripted keys on ratatui's
//! TestBackend: snapshots of the day list and of the PAI proposals, and the
//! flow plan -> book all -> first day -> non presentato -> recall.

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime, Weekday};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use sportello::domain::agenda::{AppStato, Pattern, Resource};
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};
use sportello::domain::{Canale, Gestore, GestoreTipo, Patient, PatientStatus, Residence, Sex};
use sportello::service::agenda::RecallKind;
use sportello::service::{Desk, FixedClock};
use sportello::tui::screens::Screen;
use sportello::tui::{App, Lang, ScriptedEvents, run_loop};

fn desk_on(dir: &Path) -> Desk {
    let clock = Arc::new(FixedClock::on(2026, 11, 23).expect("valid date"));
    Desk::open(dir, clock).expect("store opens")
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn resource(
    nome: &str,
    tipo: &str,
    days: &[Weekday],
    from: NaiveTime,
    to: NaiveTime,
    min: u16,
    cap: u16,
) -> Resource {
    Resource {
        id: 0,
        nome: nome.into(),
        tipo: tipo.into(),
        patterns: days
            .iter()
            .map(|&giorno| Pattern {
                giorno,
                dalle: from,
                alle: to,
                durata_min: min,
                capacita: cap,
                valido_dal: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                valido_al: None,
            })
            .collect(),
        attiva: true,
    }
}

fn setup(desk: &Desk) -> u64 {
    use Weekday::*;
    let weekdays = [Mon, Tue, Wed, Thu, Fri];
    for r in [
        resource(
            "Punto prelievi",
            "punto prelievi",
            &weekdays,
            t(7, 30),
            t(9, 30),
            15,
            3,
        ),
        resource(
            "Studio dott.ssa Sala",
            "ambulatorio MMG",
            &weekdays,
            t(9, 0),
            t(12, 0),
            20,
            1,
        ),
        resource(
            "Ambulatorio infermieristico",
            "ambulatorio infermieristico",
            &weekdays,
            t(10, 0),
            t(12, 0),
            30,
            1,
        ),
        resource(
            "ECG in telemedicina",
            "ECG",
            &[Tue, Thu],
            t(14, 0),
            t(16, 0),
            30,
            1,
        ),
    ] {
        desk.save_resource(r).unwrap();
    }
    let g = Gestore {
        id: 0,
        ats: "030321".into(),
        denominazione: "Cooperativa Esempio".into(),
        tipo: GestoreTipo::CooperativaMmg,
        codice: "C1".into(),
        cf_piva: String::new(),
        indirizzo: String::new(),
        comune: "Milano".into(),
        telefono: String::new(),
        email: String::new(),
        referente: String::new(),
        livelli: vec![],
        non_idoneo_dal: None,
        fittizio: true,
    };
    let plan = desk.plan_gestori_import(&[g]).unwrap();
    desk.apply_gestori_import(plan, "esempio", 0).unwrap();
    let birth = NaiveDate::from_ymd_opt(1950, 3, 12).unwrap();
    let cf =
        sportello::domain::codice_fiscale::compute("Cantù", "Noè", Sex::M, birth, "F205").unwrap();
    let pid = desk
        .register_patient(Patient {
            id: 0,
            cognome: "Cantù".into(),
            nome: "Noè".into(),
            codice_fiscale: cf.as_str().into(),
            sesso: Sex::M,
            data_nascita: birth,
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Via Dante 1".into(),
                cap: "20121".into(),
                comune: "F205".into(),
            },
            ats_override: None,
            mmg: "Dott.ssa Elena Sala".into(),
            telefoni: vec![],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologie: vec!["DM2".into(), "IPA".into()],
            stato: PatientStatus::Attivo,
            note: String::new(),
        })
        .unwrap();
    let gid = desk.gestori(None, false).unwrap()[0].id;
    desk.choose_gestore(pid, gid, Canale::MmgAderente, desk.today(), "")
        .unwrap();
    let draft = desk.prepare_patto(pid).unwrap();
    desk.sign_patto(
        draft.id,
        FirmaInput {
            firmatario: Firmatario::Paziente,
            nome_firmatario: String::new(),
            documento: String::new(),
            consensi: Consensi {
                trattamento_dati: true,
                ..Default::default()
            },
            operatore: "Anna".into(),
        },
    )
    .unwrap();
    let pai = desk.new_pai(pid).unwrap();
    desk.share_pai(pai.id).unwrap();
    pid
}

struct Harness {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Harness {
    fn new(desk: Desk, width: u16, height: u16) -> Harness {
        Harness {
            app: App::new(desk, Lang::It),
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
        }
    }

    fn keys(&mut self, script: impl FnOnce(&mut ScriptedEvents)) {
        let mut events = ScriptedEvents::new();
        script(&mut events);
        run_loop(&mut self.terminal, &mut self.app, &mut events).expect("loop runs");
    }

    fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }

    fn status(&self) -> String {
        self.app
            .status()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

/// From the lookup, with the patient highlighted, to the proposals.
fn open_plan(ui: &mut Harness) {
    ui.keys(|e| {
        e.text("cantù").key(KeyCode::F(6));
    });
    assert!(
        matches!(ui.app.screen(), Screen::Agenda(_)),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    match ui.app.screen() {
        Screen::Agenda(a) => assert!(a.plan().is_some(), "{}\n{}", ui.status(), ui.screen()),
        _ => panic!("agenda expected:\n{}", ui.screen()),
    }
}

#[test]
fn proposals_and_day_list_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = desk_on(dir.path());
        setup(&desk);
        let mut ui = Harness::new(desk, w, h);
        open_plan(&mut ui);
        let screen = ui.screen();
        assert!(screen.contains("appuntamenti in"), "{screen}");
        assert!(screen.contains("[x]"), "{screen}");
        insta::assert_snapshot!(format!("agenda_plan_{w}x{h}"), screen);
        ui.keys(|e| {
            e.ctrl('s');
        });
        let screen = ui.screen();
        assert!(ui.status().contains("Prenotati"), "{}", ui.status());
        insta::assert_snapshot!(format!("agenda_day_{w}x{h}"), screen);
    }
}

#[test]
fn plan_book_and_mark_no_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let pid = setup(&desk);
    let pai = desk.current_pai(pid).unwrap().unwrap();
    let expected = desk
        .plan_pai(pai.id, &Default::default())
        .unwrap()
        .proposals;
    let first_day = expected.iter().map(|p| p.start.date()).min().unwrap();
    let mut ui = Harness::new(desk, 120, 40);
    open_plan(&mut ui);
    ui.keys(|e| {
        e.ctrl('s');
    });
    let (day, first) = match ui.app.screen() {
        Screen::Agenda(a) => {
            assert!(a.plan().is_none());
            (a.day(), a.selected().unwrap().appointment.clone())
        }
        _ => panic!("agenda expected:\n{}", ui.screen()),
    };
    assert_eq!(day, first_day);
    let desk = ui.app.desk();
    let booked = desk.day_list(day, None).unwrap();
    assert!(!booked.is_empty());
    assert!(
        booked
            .iter()
            .all(|l| l.appointment.stato == AppStato::Prenotato)
    );
    // Everything proposed is booked: planning again proposes nothing.
    assert!(
        desk.plan_pai(pai.id, &Default::default())
            .unwrap()
            .proposals
            .is_empty()
    );

    ui.keys(|e| {
        e.ctrl('n');
    });
    assert!(ui.status().contains("non presentato"), "{}", ui.status());
    let desk = ui.app.desk();
    let marked = desk.appointment(first.id).unwrap().unwrap();
    assert_eq!(marked.stato, AppStato::NonPresentato);
    let line = desk
        .day_list(day, None)
        .unwrap()
        .into_iter()
        .find(|l| l.appointment.id == first.id)
        .unwrap();
    assert_eq!(line.appointment.stato, AppStato::NonPresentato);
    let recalls = desk.recalls(&[pid]).unwrap();
    assert!(
        recalls
            .iter()
            .any(|r| r.kind == RecallKind::NonPresentato && r.what == first.descrizione),
        "{recalls:?}"
    );
    assert!(ui.screen().contains("non presentato"));
}

#[test]
fn move_refused_shows_the_error_then_cancel_needs_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    setup(&desk);
    let mut ui = Harness::new(desk, 120, 40);
    open_plan(&mut ui);
    ui.keys(|e| {
        e.ctrl('s');
    });
    // Moving to a Saturday, outside the resource's hours, is refused: the
    // service's Italian message stays in the dialog.
    // F8 asks the resource first (the current one is highlighted), then the
    // date and time.
    ui.keys(|e| {
        e.key(KeyCode::F(8)).key(KeyCode::Enter);
        for _ in 0..10 {
            e.key(KeyCode::Backspace);
        }
        e.text("19/12/2026").key(KeyCode::Enter);
    });
    let error = ui
        .app
        .modal()
        .and_then(|m| m.error.clone())
        .expect("move refused");
    assert!(!error.is_empty());
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert!(ui.app.modal().is_none());
    // Cancel without a reason: the dialog stays with the error.
    ui.keys(|e| {
        e.ctrl('x').key(KeyCode::Enter);
    });
    let modal = ui.app.modal().expect("dialog stays open");
    assert!(modal.error.is_some());
    ui.keys(|e| {
        e.text("richiesta del paziente").key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none());
    assert!(ui.status().contains("annullato"), "{}", ui.status());
    // Print the day list.
    ui.keys(|e| {
        e.ctrl('p');
    });
    assert!(ui.status().contains("lista-"), "{}", ui.status());
    let stampe = ui.app.desk().data_dir().join("stampe");
    assert!(std::fs::read_dir(&stampe).unwrap().count() >= 2);
    // Next day and back, and the resource filter cycles.
    ui.keys(|e| {
        e.key(KeyCode::PageDown)
            .key(KeyCode::PageUp)
            .key(KeyCode::Tab);
    });
    assert!(
        ui.screen().contains("Risorsa: Punto prelievi"),
        "{}",
        ui.screen()
    );
}
