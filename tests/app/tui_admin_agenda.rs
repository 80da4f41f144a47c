//! Amministrazione's agenda set-up driven through the real loop with scripted
//! keys on ratatui's TestBackend: resources and their time ranges typed in
//! as a new user would, a closure over a booked appointment, the list of
//! appointments outside availability and the move to the proposed slot;
//! snapshots of the resources and closures lists.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use crossterm::event::KeyCode;

use common::screen::{Screen, top};
use sportello::domain::agenda::{AppStato, Appointment, Closure, Pattern, Resource};
use sportello::domain::practice::Practice;
use sportello::domain::{Patient, PatientStatus, Residence, Sex};
use sportello::service::{Desk, FixedClock};
use sportello::tui::ScriptedEvents;
use sportello::tui::admin::AdminScreen;
use sportello::tui::admin::agenda::Pane;

/// Monday 23/11/2026, noon.
fn desk_on(dir: &Path) -> Desk {
    let clock = Arc::new(FixedClock::on(2026, 11, 23).expect("valid date"));
    let desk = Desk::open(dir, clock).expect("store opens");
    desk.gestori()
        .save_practice(&Practice {
            nome: "Studio Medico Esempio".into(),
            comune: "F205".into(),
            ..Default::default()
        })
        .expect("practice saved");
    desk
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn d(day: u32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn at(day: u32, month: u32, h: u32, m: u32) -> NaiveDateTime {
    d(day, month).and_time(t(h, m))
}

impl Harness {
    fn admin(&self) -> &AdminScreen {
        match top(&self.app) {
            Screen::Admin(a) => a,
            _ => panic!("Amministrazione expected:\n{}", self.screen()),
        }
    }

    fn modal_error(&self) -> Option<String> {
        self.app.modal().and_then(|m| m.error.clone())
    }
}

/// F11, then the menu entry `index` (0 = the first section).
fn open_section(ui: &mut Harness, index: usize) {
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..index {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter);
    });
}

const RISORSE: usize = 4;
const CHIUSURE: usize = 5;
const FUORI: usize = 6;

/// Clears a dialog field holding up to 12 characters.
fn clear(e: &mut ScriptedEvents) {
    for _ in 0..12 {
        e.key(KeyCode::Backspace);
    }
}

/// In the time ranges pane: Ctrl+N and a range typed field by field, for
/// the weekdays `giorni` ("lun", "lun-ven").
#[allow(clippy::too_many_arguments)]
fn add_fascia(
    ui: &mut Harness,
    giorni: &str,
    dalle: &str,
    alle: &str,
    minuti: &str,
    posti: &str,
    dal: &str,
) {
    ui.keys(|e| {
        e.ctrl('n').text(giorni);
        e.key(KeyCode::Tab).text(dalle);
        e.key(KeyCode::Tab).text(alle);
        e.key(KeyCode::Tab);
        clear(e);
        e.text(minuti).key(KeyCode::Tab);
        clear(e);
        e.text(posti).key(KeyCode::Tab);
        clear(e);
        e.text(dal).key(KeyCode::Enter);
    });
}

/// In the resources pane: Ctrl+N, a name and the kind, saved.
fn add_resource(ui: &mut Harness, nome: &str, kind: &str) {
    let position = sportello::service::pai_templates()
        .resource_kinds()
        .iter()
        .position(|k| *k == kind)
        .expect("kind of the templates");
    ui.keys(|e| {
        e.ctrl('n').text(nome).key(KeyCode::Tab);
        for _ in 0..position {
            e.key(KeyCode::Char(' '));
        }
        e.key(KeyCode::Enter);
    });
}

fn patient(desk: &Desk) -> u64 {
    let birth = NaiveDate::from_ymd_opt(1948, 6, 30).unwrap();
    let cf = sportello::domain::codice_fiscale::compute(
        "Brambilla",
        "Ugo",
        Sex::M,
        birth,
        "F205",
        sportello::service::comuni(),
    )
    .unwrap();
    desk.patients()
        .register_patient(Patient {
            id: 0,
            cognome: "Brambilla".into(),
            nome: "Ugo".into(),
            codice_fiscale: cf.as_str().into(),
            sesso: Sex::M,
            data_nascita: birth,
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Corso Magenta 10".into(),
                cap: "20123".into(),
                comune: "F205".into(),
            },
            ats_override: None,
            mmg: String::new(),
            telefoni: vec![],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: vec![],
            stato: PatientStatus::Attivo,
            note: String::new(),
        })
        .unwrap()
}

/// A Punto prelievi open on Mondays 07:30-09:30 (10-minute slots, two
/// places) and a patient.
fn prelievi_and_patient(desk: &Desk) -> (u64, u64) {
    let (r, _) = desk
        .agenda()
        .save_resource(
            Resource::new(0, "Punto prelievi", "punto prelievi").with_pattern(Pattern::new(
                Weekday::Mon,
                t(7, 30),
                t(9, 30),
                10,
                2,
                d(1, 1),
            )),
        )
        .unwrap();
    (r.id, patient(desk))
}

/// A ten-minute test booked for `pid` at resource `r`.
fn book_test(desk: &Desk, pid: u64, r: u64, descrizione: &str, start: NaiveDateTime) -> u64 {
    desk.agenda()
        .book_appointment(Appointment {
            id: 0,
            patient: pid,
            pai: None,
            item: None,
            occorrenza: None,
            resource: Some(r),
            start,
            end: start + chrono::Duration::minutes(10),
            descrizione: descrizione.into(),
            stato: AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        })
        .unwrap()
}

#[test]
fn set_up_the_agenda_close_a_day_and_move_the_appointment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = Harness::new(desk_on(dir.path()), 120, 40);
    open_section(&mut ui, RISORSE);
    assert!(ui.screen().contains("Nessuna risorsa"), "{}", ui.screen());

    // A resource with no name is refused in the dialog.
    ui.keys(|e| {
        e.ctrl('n').key(KeyCode::Enter);
    });
    assert!(
        ui.modal_error()
            .is_some_and(|m| m.contains("nome della risorsa")),
        "{:?}",
        ui.modal_error()
    );
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });

    // The blood-drawing point: Monday and Tuesday 07:30-09:30, 10 minutes, 2 places.
    add_resource(&mut ui, "Punto prelievi", "punto prelievi");
    assert!(ui.status().contains("aggiunta"), "{}", ui.status());
    assert_eq!(ui.admin().risorse().unwrap().pane(), Pane::Fasce);
    add_fascia(&mut ui, "lun", "07:30", "09:30", "10", "2", "23/11/2026");
    assert!(ui.status().contains("salvata"), "{}", ui.status());
    add_fascia(&mut ui, "mar", "07:30", "09:30", "10", "2", "23/11/2026");

    // Mistakes stay in the dialog with what to correct.
    // Each mistake refused with its own message; the last one, overlapping
    // Monday's range, is the domain's rule, in Italian.
    for (day, from, to, minutes, places, valid, message) in [
        (
            "mer",
            "09:30",
            "07:30",
            "10",
            "2",
            "23/11/2026",
            "deve essere dopo",
        ),
        (
            "mer",
            "07:30",
            "09:30",
            "0",
            "2",
            "23/11/2026",
            "durata dello slot",
        ),
        ("mer", "07:30", "09:30", "10", "0", "23/11/2026", "capacità"),
        (
            "mer",
            "07:30",
            "09:30",
            "10",
            "2",
            "31/11/2026",
            "gg/mm/aaaa",
        ),
        (
            "mercato",
            "07:30",
            "09:30",
            "10",
            "2",
            "23/11/2026",
            "Giorni",
        ),
        (
            "lun",
            "09:00",
            "10:00",
            "10",
            "2",
            "23/11/2026",
            "si sovrappongono",
        ),
    ] {
        add_fascia(&mut ui, day, from, to, minutes, places, valid);
        let error = ui.modal_error().expect("refused");
        assert!(error.contains(message), "{error}");
        ui.keys(|e| {
            e.key(KeyCode::Esc);
        });
    }

    // The surgery: Monday 09:00-11:50 in 20-minute slots, which leaves 10
    // minutes: saved, with a note saying so.
    ui.keys(|e| {
        e.key(KeyCode::Tab);
    });
    add_resource(&mut ui, "Studio dott.ssa Sala", "ambulatorio MMG");
    add_fascia(&mut ui, "lun", "09:00", "11:50", "20", "1", "23/11/2026");
    assert!(
        ui.status().contains("8 slot; gli ultimi 10 minuti"),
        "{}",
        ui.status()
    );

    // What the store holds.
    let desk = ui.app.desk();
    let resources = desk.agenda().resources().unwrap();
    assert_eq!(resources.len(), 2);
    let prelievi = &resources[0];
    assert_eq!(prelievi.nome, "Punto prelievi");
    assert_eq!(prelievi.tipo, "punto prelievi");
    assert!(prelievi.attiva);
    assert_eq!(
        prelievi.patterns,
        [Weekday::Mon, Weekday::Tue].map(|giorno| Pattern {
            giorno,
            dalle: t(7, 30),
            alle: t(9, 30),
            durata_min: 10,
            capacita: 2,
            valido_dal: d(23, 11),
            valido_al: None,
        })
    );
    let studio = &resources[1];
    assert_eq!(studio.tipo, "ambulatorio MMG");
    assert_eq!(studio.patterns.len(), 1);
    assert_eq!(studio.patterns[0].alle, t(11, 50));
    assert_eq!(studio.patterns[0].durata_min, 20);

    // An appointment on Monday 30/11 at 08:00 at the blood-drawing point.
    let pid = patient(desk);
    let booked = desk
        .agenda()
        .book_appointment(Appointment {
            id: 0,
            patient: pid,
            pai: None,
            item: None,
            occorrenza: None,
            resource: Some(prelievi.id),
            start: at(30, 11, 8, 0),
            end: at(30, 11, 8, 10),
            descrizione: "Emoglobina glicata (HbA1c)".into(),
            stato: AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        })
        .unwrap();
    // Tuesday 01/12 07:30 is full: the proposal will be 07:40.
    for (cognome, nome) in [("Rossi", "Lia"), ("Verdi", "Ada")] {
        let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
        let cf = sportello::domain::codice_fiscale::compute(
            cognome,
            nome,
            Sex::F,
            birth,
            "F205",
            sportello::service::comuni(),
        )
        .unwrap();
        let other = desk
            .patients()
            .register_patient(Patient {
                id: 0,
                cognome: cognome.into(),
                nome: nome.into(),
                codice_fiscale: cf.as_str().into(),
                sesso: Sex::F,
                data_nascita: birth,
                luogo_nascita: "F205".into(),
                residenza: Residence {
                    indirizzo: "Via Roma 1".into(),
                    cap: "20121".into(),
                    comune: "F205".into(),
                },
                ats_override: None,
                mmg: String::new(),
                telefoni: vec![],
                email: String::new(),
                tessera_sanitaria: String::new(),
                patologia_primaria: None,
                livello_ats: None,
                patologie: vec![],
                stato: PatientStatus::Attivo,
                note: String::new(),
            })
            .unwrap();
        desk.agenda()
            .book_appointment(Appointment {
                id: 0,
                patient: other,
                pai: None,
                item: None,
                occorrenza: None,
                resource: Some(prelievi.id),
                start: at(1, 12, 7, 30),
                end: at(1, 12, 7, 40),
                descrizione: "Glicemia".into(),
                stato: AppStato::Prenotato,
                esterno: None,
                note: String::new(),
                forzatura: None,
            })
            .unwrap();
    }

    // Back to the menu, Chiusure: the holidays are automatic and said so.
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::Esc);
    });
    open_section(&mut ui, CHIUSURE);
    let screen = ui.screen();
    assert!(screen.contains("chiusure automatiche"), "{screen}");
    assert!(screen.contains("07/12/2026 Sant'Ambrogio"), "{screen}");
    // Close the blood-drawing point on Monday 30/11 (whole day).
    ui.keys(|e| {
        e.ctrl('n').key(KeyCode::Char(' ')).key(KeyCode::Tab);
        clear(e);
        e.text("30/11/2026")
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .text("corso di aggiornamento")
            .key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    assert!(
        ui.status()
            .contains("Un appuntamento ora è fuori disponibilità"),
        "{}",
        ui.status()
    );
    let closures = ui.app.desk().agenda().closures().unwrap();
    assert_eq!(
        closures
            .iter()
            .map(|c| (c.resource, c.dal, c.al, c.motivo.as_str()))
            .collect::<Vec<_>>(),
        [(
            Some(prelievi.id),
            at(30, 11, 0, 0),
            at(1, 12, 0, 0),
            "corso di aggiornamento"
        )]
    );

    // The list of appointments outside availability is on top.
    let fuori = ui.admin().fuori().expect("list of appointments outside");
    assert_eq!(fuori.lines().len(), 1);
    assert_eq!(fuori.lines()[0].appointment.id, booked);
    let screen = ui.screen();
    assert!(screen.contains("Brambilla Ugo"), "{screen}");
    assert!(screen.contains("30/11/2026"), "{screen}");
    assert!(screen.contains("Emoglobina glicata"), "{screen}");

    // Enter proposes the first free slot: Tuesday 01/12 07:40.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let modal = ui.app.modal().expect("proposal");
    let text = modal.lines.join("\n");
    assert!(text.contains("martedì 01/12/2026 07:40"), "{text}");
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.status().contains("spostato"), "{}", ui.status());
    let desk = ui.app.desk();
    let moved = desk.agenda().appointment(booked).unwrap().unwrap();
    assert_eq!(moved.start, at(1, 12, 7, 40));
    assert_eq!(moved.end, at(1, 12, 7, 50));
    assert_eq!(moved.resource, Some(prelievi.id));
    assert_eq!(moved.stato, AppStato::Prenotato);
    assert!(
        desk.agenda()
            .appointments_outside_availability()
            .unwrap()
            .is_empty()
    );
    assert!(ui.admin().fuori().unwrap().lines().is_empty());

    // Back to Chiusure, the closure listed; the menu's own section is empty too.
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert_eq!(ui.admin().chiusure().unwrap().closures().len(), 1);
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::Esc);
    });
    open_section(&mut ui, FUORI);
    assert!(
        ui.screen()
            .contains("Nessun appuntamento fuori disponibilità")
    );
}

#[test]
fn outside_list_is_kept_in_its_own_section_and_closures_are_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let (r, pid) = prelievi_and_patient(&desk);
    let id = book_test(&desk, pid, r, "Glicemia", at(30, 11, 7, 30));
    // Closed through the API: the operator finds it in the menu's section.
    desk.agenda()
        .save_closure(Closure::giornata(0, None, d(30, 11), "disinfestazione"))
        .unwrap();
    let mut ui = Harness::new(desk, 80, 24);
    open_section(&mut ui, FUORI);
    let lines = ui.admin().fuori().unwrap().lines();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].motivi[0].contains("disinfestazione"), "{lines:?}");
    // Removing the closure puts it back inside availability.
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::Up).key(KeyCode::Enter);
    });
    assert!(ui.admin().chiusure().is_some(), "{}", ui.screen());
    ui.keys(|e| {
        e.ctrl('d').key(KeyCode::Enter);
    });
    assert!(ui.status().contains("eliminata"), "{}", ui.status());
    let desk = ui.app.desk();
    assert!(desk.agenda().closures().unwrap().is_empty());
    assert!(
        desk.agenda()
            .appointments_outside_availability()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        desk.agenda().appointment(id).unwrap().unwrap().start,
        at(30, 11, 7, 30)
    );
}

#[test]
fn the_tests_of_one_blood_draw_move_together() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let (r, pid) = prelievi_and_patient(&desk);
    // Two tests in the same draw, a third later in the morning.
    let glicemia = book_test(&desk, pid, r, "Glicemia", at(30, 11, 7, 30));
    let creatinina = book_test(&desk, pid, r, "Creatinina", at(30, 11, 7, 30));
    let potassio = book_test(&desk, pid, r, "Potassio", at(30, 11, 8, 30));
    desk.agenda()
        .save_closure(Closure::giornata(0, None, d(30, 11), "disinfestazione"))
        .unwrap();
    let mut ui = Harness::new(desk, 100, 30);
    open_section(&mut ui, FUORI);
    assert_eq!(ui.admin().fuori().unwrap().lines().len(), 3);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(
        screen.contains("Nello stesso posto si spostano con lui: Creatinina."),
        "{screen}"
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    // Monday 7 December is Sant'Ambrogio, Milan's patron: closed.
    assert_eq!(
        ui.status(),
        "2 appuntamenti spostati al 14/12/2026 07:30; ne restano 1 da spostare"
    );
    let desk = ui.desk();
    for id in [glicemia, creatinina] {
        let a = desk.agenda().appointment(id).unwrap().unwrap();
        assert_eq!((a.start, a.stato), (at(14, 12, 7, 30), AppStato::Prenotato));
    }
    assert_eq!(
        desk.agenda().appointment(potassio).unwrap().unwrap().start,
        at(30, 11, 8, 30)
    );
    let left = ui.admin().fuori().unwrap().lines();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].appointment.id, potassio);
}

/// Two resources (one inactive) and three closures, stored through the desk.
fn snapshot_desk(dir: &Path) -> Desk {
    use Weekday::*;
    let desk = desk_on(dir);
    let pattern = |giorno, dalle, alle, min, cap| Pattern {
        giorno,
        dalle,
        alle,
        durata_min: min,
        capacita: cap,
        valido_dal: d(1, 1),
        valido_al: None,
    };
    let mut prelievi = Resource::new(0, "Punto prelievi", "punto prelievi");
    for day in [Mon, Tue, Wed, Thu, Fri] {
        prelievi
            .patterns
            .push(pattern(day, t(7, 30), t(9, 30), 10, 4));
    }
    let (prelievi, _) = desk.agenda().save_resource(prelievi).unwrap();
    let mut ecg = Resource::new(0, "ECG in telemedicina", "ECG").with_pattern(pattern(
        Tue,
        t(14, 0),
        t(16, 0),
        20,
        1,
    ));
    ecg.patterns[0].valido_al = Some(d(31, 12));
    ecg.attiva = false;
    desk.agenda().save_resource(ecg).unwrap();
    desk.agenda()
        .save_closure(Closure::periodo(0, None, d(24, 8), d(4, 9), "ferie estive"))
        .unwrap();
    desk.agenda()
        .save_closure(Closure::giornata(
            0,
            Some(prelievi.id),
            d(30, 11),
            "corso di aggiornamento",
        ))
        .unwrap();
    desk.agenda()
        .save_closure(Closure::fascia(
            0,
            None,
            d(3, 12),
            t(14, 0),
            t(18, 0),
            "riunione ATS",
        ))
        .unwrap();
    desk
}

#[test]
fn resources_and_closures_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ui = Harness::new(snapshot_desk(dir.path()), w, h);
        open_section(&mut ui, RISORSE);
        let screen = ui.screen();
        assert!(screen.contains("Punto prelievi"), "{screen}");
        assert!(screen.contains("lunedì"), "{screen}");
        insta::assert_snapshot!(format!("admin_risorse_{w}x{h}"), screen);
        ui.keys(|e| {
            e.key(KeyCode::Esc).key(KeyCode::Down).key(KeyCode::Enter);
        });
        let screen = ui.screen();
        assert!(screen.contains("ferie estive"), "{screen}");
        insta::assert_snapshot!(format!("admin_chiusure_{w}x{h}"), screen);
    }
}

/// The surgery: Monday to Friday 09:00-10:00, 20-minute slots, one place.
fn studio(desk: &Desk) -> u64 {
    let mut r = Resource::new(0, "Studio dott.ssa Sala", "ambulatorio MMG");
    for giorno in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ] {
        r.patterns
            .push(Pattern::new(giorno, t(9, 0), t(10, 0), 20, 1, d(1, 1)));
    }
    desk.agenda().save_resource(r).unwrap().0.id
}

fn other_patient(desk: &Desk, cognome: &str, nome: &str) -> u64 {
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let cf = sportello::domain::codice_fiscale::compute(
        cognome,
        nome,
        Sex::F,
        birth,
        "F205",
        sportello::service::comuni(),
    )
    .unwrap();
    desk.patients()
        .register_patient(Patient {
            id: 0,
            cognome: cognome.into(),
            nome: nome.into(),
            codice_fiscale: cf.as_str().into(),
            sesso: Sex::F,
            data_nascita: birth,
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Via Roma 1".into(),
                cap: "20121".into(),
                comune: "F205".into(),
            },
            ats_override: None,
            mmg: String::new(),
            telefoni: vec![],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: vec![],
            stato: PatientStatus::Attivo,
            note: String::new(),
        })
        .unwrap()
}

/// Ugo's check-up on Thursday 24/12 at 09:00 (three appointments, one visit)
/// and Lia's at 09:20; then the practice closes on the 24th.
fn christmas_eve(desk: &Desk) -> (u64, Vec<u64>, u64) {
    let r = studio(desk);
    let ugo = patient(desk);
    let lia = other_patient(desk, "Rossi", "Lia");
    let visit = [
        "Esame del piede diabetico",
        "Visita di controllo MMG",
        "Vaccinazione antinfluenzale",
    ]
    .map(|what| {
        desk.agenda()
            .book_appointment(Appointment {
                id: 0,
                patient: ugo,
                pai: None,
                item: None,
                occorrenza: None,
                resource: Some(r),
                start: at(24, 12, 9, 0),
                end: at(24, 12, 9, 20),
                descrizione: what.into(),
                stato: AppStato::Prenotato,
                esterno: None,
                note: String::new(),
                forzatura: None,
            })
            .unwrap()
    });
    let lia_id = book_test(desk, lia, r, "Visita di controllo MMG", at(24, 12, 9, 20));
    desk.agenda()
        .save_closure(Closure::giornata(0, None, d(24, 12), "vigilia di Natale"))
        .unwrap();
    (r, visit.to_vec(), lia_id)
}

#[test]
fn a_visit_of_three_moves_whole_off_a_closed_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let (_, visit, lia) = christmas_eve(&desk);
    let mut ui = Harness::new(desk, 80, 24);
    open_section(&mut ui, FUORI);
    assert_eq!(ui.admin().fuori().unwrap().lines().len(), 4);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    // 25 and 26 are holidays: Monday 28/12 09:00.
    let text = ui.app.modal().expect("proposal").lines.join("\n");
    assert!(text.contains("lunedì 28/12/2026 09:00"), "{text}");
    assert!(
        text.contains(
            "Nello stesso posto si spostano con lui: Visita di controllo MMG, Vaccinazione antinfluenzale."
        ),
        "{text}"
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    assert_eq!(
        ui.status(),
        "3 appuntamenti spostati al 28/12/2026 09:00; ne restano 1 da spostare"
    );
    let desk = ui.desk();
    for id in &visit {
        let a = desk.agenda().appointment(*id).unwrap().unwrap();
        assert_eq!((a.start, a.stato), (at(28, 12, 9, 0), AppStato::Prenotato));
    }
    // Nothing of Ugo's is left on the closed day.
    let left: Vec<u64> = desk
        .agenda()
        .day_list(d(24, 12), None)
        .unwrap()
        .iter()
        .map(|l| l.appointment.id)
        .collect();
    assert_eq!(left, [lia]);
    // Lia's proposal is not the slot Ugo's visit has just filled.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let text = ui.app.modal().expect("proposal").lines.join("\n");
    assert!(text.contains("lunedì 28/12/2026 09:20"), "{text}");
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    assert!(ui.admin().fuori().unwrap().lines().is_empty());
    let report = ui.desk().archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn a_proposal_taken_meanwhile_is_replaced_not_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let (r, _, lia) = christmas_eve(&desk);
    let mut ui = Harness::new(desk, 80, 24);
    open_section(&mut ui, FUORI);
    ui.keys(|e| {
        e.key(KeyCode::Down)
            .key(KeyCode::Down)
            .key(KeyCode::Down)
            .key(KeyCode::Enter);
    });
    let text = ui.app.modal().expect("proposal").lines.join("\n");
    assert!(text.contains("Rossi Lia"), "{text}");
    assert!(text.contains("lunedì 28/12/2026 09:00"), "{text}");
    // Another desk books 28/12 09:00 while the dialog is open.
    let ada = other_patient(ui.desk(), "Verdi", "Ada");
    book_test(ui.desk(), ada, r, "Visita", at(28, 12, 9, 0));
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.status().contains("non è più libero"), "{}", ui.status());
    let modal = ui.app.modal().expect("the next proposal");
    assert!(modal.error.is_none(), "{:?}", modal.error);
    let text = modal.lines.join("\n");
    assert!(text.contains("lunedì 28/12/2026 09:20"), "{text}");
    assert!(!text.contains("forzatura"), "{text}");
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(
        ui.app.modal().is_none(),
        "{:?} {}",
        ui.modal_error(),
        ui.screen()
    );
    assert_eq!(
        ui.desk().agenda().appointment(lia).unwrap().unwrap().start,
        at(28, 12, 9, 20)
    );
}

#[test]
fn the_days_results_take_are_set_with_the_resource_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let (r, _) = prelievi_and_patient(&desk);
    let mut ui = Harness::new(desk, 80, 24);
    open_section(&mut ui, RISORSE);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(
        screen.contains("Risultati dopo (giorni lavorativi)"),
        "{screen}"
    );
    // Three working days unless set.
    assert_eq!(ui.app.modal().unwrap().text(3), "3");
    ui.keys(|e| {
        e.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Tab);
        clear(e);
        e.text("99").key(KeyCode::Enter);
    });
    let error = ui.modal_error().expect("refused");
    assert!(error.contains("troppi"), "{error}");
    ui.keys(|e| {
        clear(e);
        e.text("5").key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    let desk = ui.desk();
    assert_eq!(
        desk.agenda().result_days().unwrap().get("punto prelievi"),
        5
    );
    assert_eq!(
        desk.agenda().result_days().unwrap().get("ambulatorio MMG"),
        3
    );
    // The dialog shows it again.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert_eq!(ui.app.modal().unwrap().text(3), "5");
    assert_eq!(ui.desk().agenda().resources().unwrap()[0].id, r);
}

#[test]
fn one_dialog_gives_a_range_to_several_weekdays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = Harness::new(desk_on(dir.path()), 80, 24);
    open_section(&mut ui, RISORSE);
    add_resource(&mut ui, "Studio dott.ssa Sala", "ambulatorio MMG");
    add_fascia(
        &mut ui,
        "lun-ven",
        "09:00",
        "12:00",
        "20",
        "1",
        "23/11/2026",
    );
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    assert_eq!(
        ui.status(),
        "5 fasce di «Studio dott.ssa Sala» salvate: lun-ven 09:00-12:00"
    );
    add_fascia(
        &mut ui,
        "lun,mer,ven",
        "15:00",
        "17:00",
        "20",
        "1",
        "23/11/2026",
    );
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    let r = &ui.desk().agenda().resources().unwrap()[0];
    use Weekday::*;
    let ranges: Vec<(Weekday, NaiveTime, NaiveTime, u16, u16)> = r
        .patterns
        .iter()
        .map(|p| (p.giorno, p.dalle, p.alle, p.durata_min, p.capacita))
        .collect();
    let morning = |g| (g, t(9, 0), t(12, 0), 20, 1);
    let afternoon = |g| (g, t(15, 0), t(17, 0), 20, 1);
    assert_eq!(
        ranges,
        [
            morning(Mon),
            morning(Tue),
            morning(Wed),
            morning(Thu),
            morning(Fri),
            afternoon(Mon),
            afternoon(Wed),
            afternoon(Fri),
        ]
    );
    assert!(r.patterns.iter().all(|p| p.valido_dal == d(23, 11)));
    // One overlapping day refuses them all.
    add_fascia(
        &mut ui,
        "ven-sab",
        "11:00",
        "13:00",
        "20",
        "1",
        "23/11/2026",
    );
    let error = ui.modal_error().expect("refused");
    assert!(error.contains("si sovrappongono"), "{error}");
    ui.keys(|e| {
        e.key(KeyCode::Esc);
    });
    assert_eq!(ui.desk().agenda().resources().unwrap()[0].patterns.len(), 8);
}

#[test]
fn a_resources_week_is_copied_onto_another() {
    use Weekday::*;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let mut sala = Resource::new(0, "Studio dott.ssa Sala", "ambulatorio MMG");
    for g in [Mon, Wed, Fri] {
        sala.patterns
            .push(Pattern::new(g, t(9, 0), t(12, 0), 20, 1, d(1, 1)));
    }
    sala.patterns
        .push(Pattern::new(Tue, t(15, 0), t(18, 0), 15, 1, d(1, 1)));
    let (sala, _) = desk.agenda().save_resource(sala).unwrap();
    let rossi = Resource::new(0, "Studio dott. Rossi", "ambulatorio MMG")
        .with_pattern(Pattern::new(Thu, t(8, 0), t(10, 0), 20, 1, d(1, 1)));
    let (rossi, _) = desk.agenda().save_resource(rossi).unwrap();
    let mut ui = Harness::new(desk, 80, 24);
    open_section(&mut ui, RISORSE);
    // Ctrl+W on Sala: the other resource to copy to, then what is replaced.
    ui.keys(|e| {
        e.ctrl('w');
    });
    let modal = ui.app.modal().expect("copy dialog");
    assert_eq!(modal.choice(0), 0);
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let text = ui.app.modal().expect("confirmation").lines.join("\n");
    assert!(
        text.contains("Copiare la settimana di «Studio dott.ssa Sala» su «Studio dott. Rossi»?"),
        "{text}"
    );
    assert!(
        text.contains("Si sostituiscono le fasce di «Studio dott. Rossi»: giovedì 08:00-10:00."),
        "{text}"
    );
    assert!(
        text.contains(
            "lunedì 09:00-12:00, mercoledì 09:00-12:00, venerdì 09:00-12:00, martedì 15:00-18:00"
        ),
        "{text}"
    );
    insta::assert_snapshot!("admin_copia_settimana_80x24", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{:?}", ui.modal_error());
    assert!(ui.status().contains("copiata"), "{}", ui.status());
    let resources = ui.desk().agenda().resources().unwrap();
    let copied = resources.iter().find(|r| r.id == rossi.id).unwrap();
    assert_eq!(copied.patterns, sala.patterns);
    assert_eq!(copied.nome, "Studio dott. Rossi");
    let source = resources.iter().find(|r| r.id == sala.id).unwrap();
    assert_eq!(source.patterns, sala.patterns);
}

/// On an English desk the closures' periods and the resources' weekdays are
/// English (texts::label), the reasons typed by the desk stay as typed.
#[test]
fn closures_and_weekdays_are_english_on_an_english_desk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = snapshot_desk(dir.path());
    let mut ui = Harness::of(
        sportello::tui::App::new(desk, sportello::tui::Lang::En).with_idle_minutes(0),
        120,
        40,
    );
    open_section(&mut ui, CHIUSURE);
    let screen = ui.screen();
    assert!(screen.contains("from 24/08/2026 to 04/09/2026"), "{screen}");
    assert!(screen.contains("on 30/11/2026"), "{screen}");
    assert!(
        screen.contains("on 03/12/2026 from 14:00 to 18:00"),
        "{screen}"
    );
    assert!(screen.contains("ferie estive"), "{screen}");
    assert!(!screen.contains("dal 24/08"), "{screen}");
    assert!(!screen.contains("il 30/11"), "{screen}");
}
