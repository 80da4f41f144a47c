//! F6 Agenda driven through the real loop with scripted keys on ratatui's
//! TestBackend: snapshots of the day list and of the PAI proposals, and the
//! flow plan -> book all -> first day -> non presentato -> recall.

use crate::common;
use std::path::Path;

use common::harness::Harness;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use crossterm::event::KeyCode;

use common::agenda::{setup, t};
use common::screen::{Screen, top};
use sportello::domain::agenda::{AppStato, Closure, Preferences};
use sportello::service::agenda::RecallKind;
use sportello::service::{Desk, FixedClock, ManualClock};
use sportello::tui::richiami::Section;
use sportello::tui::{App, Lang};

fn desk_on(dir: &Path) -> Desk {
    desk_and_clock(dir).0
}

/// A desk on 23/11/2026 08:00 whose clock the test moves forward (an
/// appointment is marked done or missed from its day on).
fn desk_and_clock(dir: &Path) -> (Desk, Arc<ManualClock>) {
    let start = date(2026, 11, 23).and_hms_opt(8, 0, 0).expect("valid time");
    let clock = Arc::new(ManualClock::new(start));
    let desk = Desk::open(dir, clock.clone()).expect("store opens");
    (desk, clock)
}

/// The application on `desk`; the tests move the clock by days, so no idle lock.
fn harness(desk: Desk, width: u16, height: u16) -> Harness {
    Harness::of(App::new(desk, Lang::It).with_idle_minutes(0), width, height)
}

/// Moves the clock to 08:00 of `day` (never back).
fn advance_to(clock: &ManualClock, desk: &Desk, day: NaiveDate) {
    let target = day.and_hms_opt(8, 0, 0).expect("valid time");
    if target > desk.now() {
        clock.advance(target - desk.now());
    }
}

/// From the lookup, with the patient highlighted, to the proposals.
fn open_plan(ui: &mut Harness) {
    ui.keys(|e| {
        e.text("cantù").key(KeyCode::F(6));
    });
    assert!(matches!(top(&ui.app), Screen::Agenda(_)), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::F(9));
    });
    match top(&ui.app) {
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
        let mut ui = harness(desk, w, h);
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
    let (desk, clock) = desk_and_clock(dir.path());
    let pid = setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let expected = desk
        .agenda()
        .plan_pai(pai.id, &Default::default())
        .unwrap()
        .proposals;
    let first_day = expected.iter().map(|p| p.start.date()).min().unwrap();
    let mut ui = harness(desk, 120, 40);
    open_plan(&mut ui);
    ui.keys(|e| {
        e.ctrl('s');
    });
    let (day, first) = match top(&ui.app) {
        Screen::Agenda(a) => {
            assert!(a.plan().is_none());
            (a.day(), a.selected().unwrap().appointment.clone())
        }
        _ => panic!("agenda expected:\n{}", ui.screen()),
    };
    assert_eq!(day, first_day);
    let desk = ui.app.desk();
    let booked = desk.agenda().day_list(day, None).unwrap();
    assert!(!booked.is_empty());
    assert!(
        booked
            .iter()
            .all(|l| l.appointment.stato == AppStato::Prenotato)
    );
    // Everything proposed is booked: planning again proposes nothing.
    assert!(
        desk.agenda()
            .plan_pai(pai.id, &Default::default())
            .unwrap()
            .proposals
            .is_empty()
    );

    // Not before the appointment's day.
    ui.keys(|e| {
        e.ctrl('n');
    });
    assert!(
        ui.status().contains("dal giorno dell'appuntamento"),
        "{}",
        ui.status()
    );
    assert_eq!(
        ui.app
            .desk()
            .agenda()
            .appointment(first.id)
            .unwrap()
            .unwrap()
            .stato,
        AppStato::Prenotato
    );
    advance_to(&clock, ui.app.desk(), day);
    ui.keys(|e| {
        e.ctrl('n');
    });
    assert!(ui.status().contains("non presentato"), "{}", ui.status());
    let desk = ui.app.desk();
    let marked = desk.agenda().appointment(first.id).unwrap().unwrap();
    assert_eq!(marked.stato, AppStato::NonPresentato);
    let line = desk
        .agenda()
        .day_list(day, None)
        .unwrap()
        .into_iter()
        .find(|l| l.appointment.id == first.id)
        .unwrap();
    assert_eq!(line.appointment.stato, AppStato::NonPresentato);
    let recalls = desk.agenda().recalls(&[pid]).unwrap();
    assert!(
        recalls
            .iter()
            .any(|r| r.kind == RecallKind::NonPresentato && r.what == first.descrizione),
        "{recalls:?}"
    );
    assert!(ui.screen().contains("non presentato"));

    // Marked by mistake: Ctrl+R sets it back to prenotato, in its slot, and
    // it leaves the recall list.
    assert!(ui.status().contains("Ctrl+R"), "{}", ui.status());
    ui.keys(|e| {
        e.ctrl('r');
    });
    assert_eq!(ui.status(), "Appuntamento riportato a prenotato");
    let desk = ui.app.desk();
    let back = desk.agenda().appointment(first.id).unwrap().unwrap();
    assert_eq!(back.stato, AppStato::Prenotato);
    assert_eq!((back.start, back.resource), (first.start, first.resource));
    assert!(
        !desk
            .agenda()
            .recalls(&[pid])
            .unwrap()
            .iter()
            .any(|r| r.kind == RecallKind::NonPresentato),
    );
    // Twice is refused, and so is a cancelled appointment.
    ui.keys(|e| {
        e.ctrl('r');
    });
    assert_eq!(ui.status(), "L'appuntamento è già prenotato");
    ui.app
        .desk()
        .agenda()
        .cancel_appointment(first.id, "disdetto")
        .unwrap();
    ui.keys(|e| {
        e.ctrl('r');
    });
    assert!(ui.status().contains("è annullato"), "{}", ui.status());
    assert!(matches!(
        ui.app
            .desk()
            .agenda()
            .appointment(first.id)
            .unwrap()
            .unwrap()
            .stato,
        AppStato::Annullato { .. }
    ));
}

#[test]
fn move_refused_shows_the_error_then_cancel_needs_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    setup(&desk);
    let mut ui = harness(desk, 120, 40);
    open_plan(&mut ui);
    ui.keys(|e| {
        e.ctrl('s');
    });
    // Moving to a Saturday, outside the resource's hours, is refused: the
    // service's Italian message stays in the dialog.
    // F8 asks the resource first (the current one is highlighted), then
    // offers its free slots, the last entry a date and time to type.
    ui.keys(|e| {
        e.key(KeyCode::F(8))
            .key(KeyCode::Enter)
            .key(KeyCode::End)
            .key(KeyCode::Enter);
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The patient's PAI planned and booked through the service.
fn book_plan(desk: &Desk, pid: u64) -> Vec<u64> {
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let proposals = desk
        .agenda()
        .plan_pai(pai.id, &Default::default())
        .unwrap()
        .proposals;
    desk.agenda().accept_proposals(pai.id, &proposals).unwrap()
}

#[test]
fn appointments_on_a_day_closed_afterwards_are_flagged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _clock) = desk_and_clock(dir.path());
    let pid = setup(&desk);
    let ids = book_plan(&desk, pid);
    let first = desk.agenda().appointment(ids[0]).unwrap().unwrap();
    let day = first.start.date();
    let before = desk.agenda().day_list(day, None).unwrap();
    assert!(before.iter().all(|l| l.fuori.is_empty()), "{before:?}");
    desk.agenda()
        .save_closure(Closure::giornata(0, None, day, "Disinfestazione"))
        .unwrap();
    let lines = desk.agenda().day_list(day, None).unwrap();
    let flagged: Vec<_> = lines.iter().filter(|l| !l.fuori.is_empty()).collect();
    assert!(flagged.iter().any(|l| l.appointment.id == first.id));
    // Every booked appointment at a resource that day, each with the reason.
    for l in &lines {
        let at_resource = l.appointment.resource.is_some();
        assert_eq!(!l.fuori.is_empty(), at_resource, "{l:?}");
        if at_resource {
            assert!(l.fuori.join(" ").contains("Disinfestazione"), "{l:?}");
        }
    }
    // The next day with appointments is not flagged.
    let later = ids
        .iter()
        .map(|id| {
            desk.agenda()
                .appointment(*id)
                .unwrap()
                .unwrap()
                .start
                .date()
        })
        .find(|d| *d > day)
        .unwrap();
    assert!(
        desk.agenda()
            .day_list(later, None)
            .unwrap()
            .iter()
            .all(|l| l.fuori.is_empty())
    );
    // F6 on that day: the count in the head, the state of each one.
    let mut ui = harness(desk, 120, 40);
    ui.keys(|e| {
        e.key(KeyCode::F(6)).ctrl('g');
    });
    ui.keys(|e| {
        e.ctrl('u')
            .text(&day.format("%d/%m/%Y").to_string())
            .key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(
        screen.contains(&format!(
            "! {} fuori disponibilità: F8 per spostare",
            flagged.len()
        )),
        "{screen}"
    );
    assert_eq!(
        screen.matches("! fuori disp.").count(),
        flagged.len(),
        "{screen}"
    );
    // The week view marks them and names the reason of the selected one.
    ui.keys(|e| {
        e.ctrl('w');
    });
    let screen = ui.screen();
    assert!(screen.contains("Disinfestazione"), "{screen}");
}

#[test]
fn left_and_right_go_to_the_days_of_the_week() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _clock) = desk_and_clock(dir.path());
    let pid = setup(&desk);
    let ids = book_plan(&desk, pid);
    let day = ids
        .iter()
        .map(|id| {
            desk.agenda()
                .appointment(*id)
                .unwrap()
                .unwrap()
                .start
                .date()
        })
        .min()
        .unwrap();
    // One more appointment later in that week, at the nurses' room.
    let nurse = desk
        .agenda()
        .resources()
        .unwrap()
        .into_iter()
        .find(|r| r.tipo == "ambulatorio infermieristico")
        .unwrap();
    let length = chrono::Duration::minutes(30);
    let saturday = day + chrono::Days::new(u64::from(5 - day.weekday().num_days_from_monday()));
    let slot = desk
        .agenda()
        .first_free_slot(
            nurse.id,
            (day + chrono::Days::new(1)).and_time(t(0, 0)),
            pid,
            length,
            None,
        )
        .unwrap()
        .filter(|s| s.start.date() <= saturday)
        .expect("a free place in the same week");
    desk.agenda()
        .book_appointment(sportello::domain::agenda::Appointment {
            id: 0,
            patient: pid,
            pai: None,
            item: None,
            occorrenza: None,
            resource: Some(nurse.id),
            start: slot.start,
            end: slot.start + length,
            descrizione: "Medicazione".into(),
            stato: AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        })
        .unwrap();
    let with_lines: Vec<NaiveDate> = desk
        .agenda()
        .week(day, None)
        .unwrap()
        .iter()
        .filter(|d| !d.lines.is_empty())
        .map(|d| d.day)
        .collect();
    assert!(with_lines.len() > 1, "{with_lines:?}");
    assert_eq!(with_lines[0], day);
    let mut ui = harness(desk, 120, 40);
    ui.keys(|e| {
        e.key(KeyCode::F(6)).ctrl('g');
    });
    ui.keys(|e| {
        e.ctrl('u')
            .text(&day.format("%d/%m/%Y").to_string())
            .key(KeyCode::Enter)
            .ctrl('w');
    });
    let selected_day = |ui: &Harness| match top(&ui.app) {
        Screen::Agenda(a) => a.selected().unwrap().appointment.start.date(),
        _ => panic!("agenda expected"),
    };
    assert_eq!(selected_day(&ui), day);
    // Right goes to the next day that has appointments, past the empty ones.
    for expected in &with_lines[1..] {
        ui.keys(|e| {
            e.key(KeyCode::Right);
        });
        assert_eq!(selected_day(&ui), *expected);
    }
    // At the last day it stays; Left goes back to the first.
    ui.keys(|e| {
        e.key(KeyCode::Right);
    });
    assert_eq!(selected_day(&ui), *with_lines.last().unwrap());
    for _ in 1..with_lines.len() {
        ui.keys(|e| {
            e.key(KeyCode::Left);
        });
    }
    assert_eq!(selected_day(&ui), day);
}

#[test]
fn week_view_snapshots_and_navigation() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (desk, clock) = desk_and_clock(dir.path());
        let pid = setup(&desk);
        // Friday 18/12 the practice is closed; Saturday has no hours at all.
        desk.agenda()
            .save_closure(Closure::giornata(0, None, date(2026, 12, 18), "Inventario"))
            .unwrap();
        // Planned on Monday 14/12 before opening: that week is full.
        let monday = date(2026, 12, 14).and_hms_opt(6, 0, 0).unwrap();
        clock.advance(monday - desk.now());
        book_plan(&desk, pid);
        let mut ui = harness(desk, w, h);
        ui.keys(|e| {
            e.text("cantù").key(KeyCode::F(6)).ctrl('g');
            for _ in 0..10 {
                e.key(KeyCode::Backspace);
            }
            e.text("15/12/2026").key(KeyCode::Enter).ctrl('w');
        });
        let (days, first) = match top(&ui.app) {
            Screen::Agenda(a) => {
                assert!(a.is_week());
                (
                    a.week_days().to_vec(),
                    a.selected().unwrap().appointment.clone(),
                )
            }
            _ => panic!("agenda expected:\n{}", ui.screen()),
        };
        assert_eq!(days.len(), 6);
        assert_eq!(days[0].day, date(2026, 12, 14));
        assert_eq!(days[5].day, date(2026, 12, 19));
        assert_eq!(days[4].closed.as_deref(), Some("Inventario"));
        assert_eq!(days[5].closed.as_deref(), Some(""));
        assert_eq!(days[1].closed, None);
        // A holiday is closed with its name (Tuesday 8 December).
        let holiday_week = ui
            .app
            .desk()
            .agenda()
            .week(date(2026, 12, 10), None)
            .unwrap();
        assert_eq!(holiday_week[0].day, date(2026, 12, 7));
        assert_eq!(
            holiday_week[1].closed.as_deref(),
            Some("Immacolata Concezione")
        );
        assert_eq!(holiday_week[2].closed, None);
        // The week holds the appointments of its days, as the day lists do.
        let desk = ui.app.desk();
        for d in &days {
            assert_eq!(d.lines, desk.agenda().day_list(d.day, None).unwrap());
        }
        let in_week: usize = days.iter().map(|d| d.lines.len()).sum();
        assert!(in_week > 2, "{days:?}");
        // The first appointment of the week is selected.
        let expected_first = days
            .iter()
            .find_map(|d| d.lines.first())
            .unwrap()
            .appointment
            .id;
        assert_eq!(first.id, expected_first);
        let screen = ui.screen();
        assert!(screen.contains("chiuso"), "{screen}");
        assert!(screen.contains("Inventario"), "{screen}");
        insta::assert_snapshot!(format!("agenda_week_{w}x{h}"), screen);
        // The selected cell is in reverse video with the marker.
        let buffer = ui.terminal.backend().buffer().clone();
        let marked: Vec<(u16, u16)> = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|&(x, y)| buffer[(x, y)].symbol() == "▶")
            .collect();
        // One in the grid, one on the detail line.
        assert_eq!(marked.len(), 2, "{screen}");
        let (x, y) = marked[0];
        assert!(
            buffer[(x + 1, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        );

        // Down moves to the next appointment of the week; Ctrl+N marks it
        // (on its day).
        advance_to(&clock, ui.app.desk(), date(2026, 12, 19));
        ui.keys(|e| {
            e.key(KeyCode::Down).ctrl('n');
        });
        let second = match top(&ui.app) {
            Screen::Agenda(a) => a.selected().unwrap().appointment.clone(),
            _ => panic!("agenda expected"),
        };
        let order: Vec<u64> = days
            .iter()
            .flat_map(|d| d.lines.iter().map(|l| l.appointment.id))
            .collect();
        assert_eq!(second.id, order[1]);
        assert_eq!(
            ui.app
                .desk()
                .agenda()
                .appointment(second.id)
                .unwrap()
                .unwrap()
                .stato,
            AppStato::NonPresentato
        );
        // Enter opens the day of the selected appointment, still selected.
        ui.keys(|e| {
            e.key(KeyCode::Enter);
        });
        match top(&ui.app) {
            Screen::Agenda(a) => {
                assert!(!a.is_week());
                assert_eq!(a.day(), second.start.date());
                assert_eq!(a.selected().unwrap().appointment.id, second.id);
            }
            _ => panic!("agenda expected"),
        }
        // Back to the week, then the next week.
        ui.keys(|e| {
            e.ctrl('w').key(KeyCode::PageDown);
        });
        match top(&ui.app) {
            Screen::Agenda(a) => {
                assert!(a.is_week());
                assert_eq!(a.week_days()[0].day, date(2026, 12, 21));
            }
            _ => panic!("agenda expected"),
        }
    }
}

#[test]
fn move_to_another_resource() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let pid = setup(&desk);
    let first = book_plan(&desk, pid)[0];
    let first_day = desk
        .agenda()
        .appointment(first)
        .unwrap()
        .unwrap()
        .start
        .date();
    let resources = desk.agenda().resources().unwrap();
    let ambulatorio = resources
        .iter()
        .find(|r| r.nome == "Ambulatorio infermieristico")
        .unwrap()
        .id;
    // A working day on which the patient has nothing booked.
    let booked: Vec<NaiveDate> = desk
        .agenda()
        .patient_appointments(pid, desk.today())
        .unwrap()
        .iter()
        .map(|a| a.start.date())
        .collect();
    let mut free = date(2027, 2, 1);
    while booked.contains(&free) || free.weekday() == Weekday::Sat || free.weekday() == Weekday::Sun
    {
        free = free.succ_opt().unwrap();
    }
    let mut ui = harness(desk, 120, 40);
    ui.keys(|e| {
        e.text("cantù").key(KeyCode::F(6)).ctrl('g');
        for _ in 0..10 {
            e.key(KeyCode::Backspace);
        }
        e.text(&first_day.format("%d/%m/%Y").to_string())
            .key(KeyCode::Enter);
    });
    let app = match top(&ui.app) {
        Screen::Agenda(a) => a.selected().unwrap().appointment.clone(),
        _ => panic!("agenda expected"),
    };
    assert_ne!(app.resource, Some(ambulatorio));
    // F8: the resource picker, with the current resource highlighted.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
    });
    let screen = ui.screen();
    assert!(screen.contains("Sposta su quale risorsa"), "{screen}");
    let steps = resources.iter().position(|r| r.id == ambulatorio).unwrap()
        - resources
            .iter()
            .position(|r| Some(r.id) == app.resource)
            .unwrap();
    ui.keys(|e| {
        for _ in 0..steps {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter);
    });
    // The free slots of the ambulatorio; the last entry types a date.
    let screen = ui.screen();
    assert!(
        screen.contains("09:00  Ambulatorio infermieristico")
            || screen.contains("10:00  Ambulatorio infermieristico"),
        "{screen}"
    );
    assert!(screen.contains("Altra data e ora"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::End).key(KeyCode::Enter);
    });
    let modal = ui.app.modal().expect("date and time asked");
    assert!(
        modal
            .lines
            .iter()
            .any(|l| l == "Risorsa: Ambulatorio infermieristico"),
        "{:?}",
        modal.lines
    );
    ui.keys(|e| {
        for _ in 0..10 {
            e.key(KeyCode::Backspace);
        }
        e.text(&free.format("%d/%m/%Y").to_string())
            .key(KeyCode::Tab);
        for _ in 0..5 {
            e.key(KeyCode::Backspace);
        }
        e.text("10:30").key(KeyCode::Enter);
    });
    assert!(
        ui.app.modal().is_none(),
        "{:?}",
        ui.app.modal().and_then(|m| m.error.clone())
    );
    // The status says where to.
    let weekday = [
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ][free.weekday().num_days_from_monday() as usize];
    assert_eq!(
        ui.status(),
        format!(
            "Appuntamento spostato a {weekday} {} alle 10:30",
            free.format("%d/%m/%Y")
        )
    );
    let moved = ui.app.desk().agenda().appointment(app.id).unwrap().unwrap();
    assert_eq!(moved.resource, Some(ambulatorio));
    assert_eq!(moved.start, free.and_time(t(10, 30)));
    assert_eq!(moved.end - moved.start, app.end - app.start);
    assert_eq!(moved.stato, AppStato::Prenotato);
    // The slot is taken on the new resource, freed on the old one.
    let desk = ui.app.desk();
    assert!(
        desk.agenda()
            .day_list(free, Some(ambulatorio))
            .unwrap()
            .iter()
            .any(|l| l.appointment.id == app.id)
    );
    assert!(
        desk.agenda()
            .day_list(app.start.date(), app.resource)
            .unwrap()
            .iter()
            .all(|l| l.appointment.id != app.id)
    );
}

#[test]
fn preferences_are_saved_reloaded_and_honoured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let pid = setup(&desk);
    let mut ui = harness(desk, 80, 24);
    open_plan(&mut ui);
    // Only Tuesday and Thursday, in the afternoon when possible: Space turns
    // Monday, Wednesday, Friday and Saturday to "no".
    ui.keys(|e| {
        e.key(KeyCode::F(8));
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab); // lunedì
        e.key(KeyCode::Tab); // martedì
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab); // mercoledì
        e.key(KeyCode::Tab); // giovedì
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab); // venerdì
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab); // sabato
    });
    insta::assert_snapshot!("agenda_preferences_80x24", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none());
    assert!(
        ui.status().contains("Preferenze salvate"),
        "{}",
        ui.status()
    );
    let wanted = Preferences {
        giorni: vec![Weekday::Tue, Weekday::Thu],
        fascia: None,
    };
    let proposals = match top(&ui.app) {
        Screen::Agenda(a) => {
            let plan = a.plan().expect("still planning");
            assert_eq!(plan.preferences(), &wanted);
            plan.output().proposals.clone()
        }
        _ => panic!("agenda expected"),
    };
    assert!(!proposals.is_empty());
    for p in &proposals {
        assert!(
            matches!(p.start.weekday(), Weekday::Tue | Weekday::Thu),
            "{p:?}"
        );
    }
    // The default plan uses other days too: the preferences made the difference.
    let desk = ui.app.desk();
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let default = desk.agenda().plan_pai(pai.id, &Default::default()).unwrap();
    assert!(
        default
            .proposals
            .iter()
            .any(|p| !matches!(p.start.weekday(), Weekday::Tue | Weekday::Thu))
    );
    assert!(
        ui.screen().contains("Preferenze: mar, gio"),
        "{}",
        ui.screen()
    );
    drop(ui);

    // Reopened: the preferences are still there and the plan uses them.
    let desk = desk_on(dir.path());
    assert_eq!(desk.agenda().preferences_of(pid).unwrap(), wanted);
    let mut ui = harness(desk, 120, 40);
    open_plan(&mut ui);
    match top(&ui.app) {
        Screen::Agenda(a) => {
            let plan = a.plan().unwrap();
            assert_eq!(plan.preferences(), &wanted);
            assert_eq!(plan.output().proposals, proposals);
        }
        _ => panic!("agenda expected"),
    }
    // Any day again (every day "sì"): the stored preferences are cleared.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab);
        e.key(KeyCode::Tab);
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab);
        e.key(KeyCode::Tab);
        e.key(KeyCode::Char(' ')).key(KeyCode::Tab);
        e.key(KeyCode::Char(' ')).key(KeyCode::Enter);
    });
    assert_eq!(
        ui.app.desk().agenda().preferences_of(pid).unwrap(),
        Preferences::default()
    );
}

/// The F7 screen of `ui`.
fn richiami(ui: &Harness) -> &sportello::tui::richiami::RichiamiScreen {
    match top(&ui.app) {
        Screen::Richiami(r) => r,
        _ => panic!("Richiami expected:\n{}", ui.screen()),
    }
}

#[test]
fn recall_sections_follow_the_agenda() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    let pid = setup(&desk);
    // Before any booking every in-house and external occurrence with an
    // open or near window is to book.
    let before = desk.agenda().recall_lists().unwrap();
    assert!(!before.da_prenotare.is_empty());
    // Soonest deadline ("Entro", the column the list shows) first.
    let entro: Vec<_> = before.da_prenotare.iter().map(|r| r.finestra.1).collect();
    let mut sorted = entro.clone();
    sorted.sort();
    assert_eq!(entro, sorted);
    assert!(before.non_presentati.is_empty());
    assert!(before.adherence.is_empty(), "{:?}", before.adherence);
    drop(desk);
    let (desk, clock) = desk_and_clock(dir.path());
    let mut ui = harness(desk, 120, 40);
    // PAI -> proposals -> accept all.
    open_plan(&mut ui);
    ui.keys(|e| {
        e.ctrl('s');
    });
    let (done, missed) = match top(&ui.app) {
        Screen::Agenda(a) => {
            let lines = a.lines();
            (lines[0].appointment.clone(), lines[1].appointment.clone())
        }
        _ => panic!("agenda expected"),
    };
    // The first appointment done, the second not attended (on their day).
    advance_to(
        &clock,
        ui.app.desk(),
        missed.start.date().max(done.start.date()),
    );
    ui.keys(|e| {
        e.ctrl('e').key(KeyCode::Down).ctrl('n');
    });
    let desk = ui.app.desk();
    assert_eq!(
        desk.agenda().appointment(done.id).unwrap().unwrap().stato,
        AppStato::Eseguito
    );
    assert_eq!(
        desk.agenda().appointment(missed.id).unwrap().unwrap().stato,
        AppStato::NonPresentato
    );
    let lists = desk.agenda().recall_lists().unwrap();
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    let r = richiami(&ui);
    assert_eq!(r.da_prenotare(), lists.da_prenotare.as_slice());
    // (b): the missed appointment, to rebook.
    assert_eq!(r.non_presentati().len(), 1);
    assert_eq!(r.non_presentati()[0].what, missed.descrizione);
    assert_eq!(r.non_presentati()[0].kind, RecallKind::NonPresentato);
    assert_eq!(r.non_presentati()[0].patient.id, pid);
    // (d): one occurrence due so far (the done one), done in its window.
    assert_eq!(r.aderenza().len(), 1);
    assert_eq!(r.aderenza()[0].adherence.eseguite, 1);
    assert_eq!(r.aderenza()[0].adherence.dovute, 1);
    let screen = ui.screen();
    assert!(screen.contains("Non presentati (1)"), "{screen}");
    assert!(screen.contains("Aderenza (1)"), "{screen}");
    // Tab to (b); Enter plans the patient's PAI again, the missed service
    // among the proposals.
    ui.keys(|e| {
        e.key(KeyCode::Tab);
    });
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    match top(&ui.app) {
        Screen::Agenda(a) => {
            let plan = a.plan().expect("planning open");
            assert!(
                plan.output()
                    .proposals
                    .iter()
                    .any(|p| p.descrizione == missed.descrizione),
                "{:?}",
                plan.output().proposals
            );
        }
        _ => panic!("agenda expected:\n{}", ui.screen()),
    }
    // Esc twice: back to F7, on the same section.
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::Esc);
    });
    assert_eq!(richiami(&ui).section(), Section::NonPresentati);
    let window_end = richiami(&ui).non_presentati()[0].finestra.1;
    drop(ui);

    // After the window of the missed service has closed, it counts as due
    // and not done: the adherence falls.
    let later = window_end.succ_opt().unwrap();
    let clock =
        Arc::new(FixedClock::on(later.year(), later.month(), later.day()).expect("valid date"));
    let desk = Desk::open(dir.path(), clock).expect("store opens");
    let mut ui = harness(desk, 120, 40);
    ui.keys(|e| {
        // Shift+Tab from the first tab: the last (da trasferire), then
        // adherence.
        e.key(KeyCode::F(7))
            .key(KeyCode::BackTab)
            .key(KeyCode::BackTab);
    });
    let r = richiami(&ui);
    assert_eq!(r.section(), Section::Aderenza);
    let line = &r.aderenza()[0];
    assert_eq!(line.adherence.eseguite, 1);
    assert!(line.adherence.dovute >= 2, "{line:?}");
    assert!(line.adherence.share().unwrap() < 1.0);
    assert_eq!(
        ui.app.desk().agenda().recall_lists().unwrap().adherence[0].adherence,
        line.adherence
    );
    assert!(
        ui.screen().contains(&line.adherence.label()),
        "{}",
        ui.screen()
    );
    // Enter opens the patient's record.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(matches!(top(&ui.app), Screen::Record(_)), "{}", ui.screen());
}

#[test]
fn recall_section_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (desk, clock) = desk_and_clock(dir.path());
        let pid = setup(&desk);
        let ids = book_plan(&desk, pid);
        let second = desk.agenda().appointment(ids[1]).unwrap().unwrap();
        advance_to(&clock, &desk, second.start.date());
        desk.agenda().mark_done(ids[0]).unwrap();
        desk.agenda().mark_no_show(ids[1]).unwrap();
        let mut ui = harness(desk, w, h);
        ui.keys(|e| {
            e.key(KeyCode::F(7));
        });
        for (n, name) in [
            "da_prenotare",
            "non_presentati",
            "patti",
            "ricette",
            "aderenza",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(richiami(&ui).section(), Section::ALL[n]);
            insta::assert_snapshot!(format!("richiami_{name}_{w}x{h}"), ui.screen());
            ui.keys(|e| {
                e.key(KeyCode::Tab);
            });
        }
        // The fifth tab (the prese to move to the MMG's Gestore), then back
        // to the first.
        assert_eq!(richiami(&ui).section(), Section::Trasferire);
        ui.keys(|e| {
            e.key(KeyCode::Tab);
        });
        assert_eq!(richiami(&ui).section(), Section::DaPrenotare);
    }
}

/// An appointment of `patient` at `resource` (None: external, at Niguarda).
fn appointment_at(
    desk: &Desk,
    patient: u64,
    resource: Option<u64>,
    start: chrono::NaiveDateTime,
    minutes: i64,
) -> u64 {
    use sportello::domain::agenda::{Appointment, Esterno};
    desk.agenda()
        .book_appointment(Appointment {
            id: 0,
            patient,
            pai: None,
            item: None,
            occorrenza: None,
            resource,
            start,
            end: start + chrono::Duration::minutes(minutes),
            descrizione: "Visita di controllo MMG".into(),
            stato: AppStato::Prenotato,
            esterno: resource.is_none().then(|| Esterno {
                erogatore: "Niguarda".into(),
                codice_prenotazione: "X1".into(),
            }),
            note: String::new(),
            forzatura: None,
        })
        .unwrap()
}

#[test]
fn a_move_offers_the_next_free_slots() {
    use Weekday::*;
    use sportello::domain::Sex;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path());
    // One surgery, one 60-minute slot a day (09:00), one place.
    let (studio, _) = desk
        .agenda()
        .save_resource(common::agenda::resource(
            "Studio dott.ssa Sala",
            "ambulatorio MMG",
            &[Mon, Tue, Wed, Thu, Fri],
            t(9, 0),
            t(10, 0),
            60,
            1,
        ))
        .unwrap();
    let born = date(1950, 3, 12);
    let noe = desk
        .patients()
        .register_patient(common::patient::patient("Cantù", "Noè", Sex::M, born))
        .unwrap();
    let ada = desk
        .patients()
        .register_patient(common::patient::patient("Verdi", "Ada", Sex::F, born))
        .unwrap();
    let at = |d: u32, m: u32, h: u32| date(2026, m, d).and_time(t(h, 0));
    // Noè's check-up on Friday 27/11, to move.
    let id = appointment_at(&desk, noe, Some(studio.id), at(27, 11, 9), 60);
    // Tuesday 24 the surgery is closed, Wednesday 25 Noè is at Niguarda
    // at 09:30, Thursday 26 Ada has the place; Tuesday 8/12 is a holiday.
    desk.agenda()
        .save_closure(Closure::giornata(
            0,
            Some(studio.id),
            date(2026, 11, 24),
            "corso",
        ))
        .unwrap();
    appointment_at(
        &desk,
        noe,
        None,
        at(25, 11, 9) + chrono::Duration::minutes(30),
        60,
    );
    appointment_at(&desk, ada, Some(studio.id), at(26, 11, 9), 60);
    let mut ui = harness(desk, 80, 24);
    ui.keys(|e| {
        e.text("cantù").key(KeyCode::F(6)).ctrl('g');
        for _ in 0..10 {
            e.key(KeyCode::Backspace);
        }
        e.text("27/11/2026").key(KeyCode::Enter).key(KeyCode::F(8));
    });
    let offered = |ui: &Harness| match top(&ui.app) {
        Screen::Agenda(a) => a
            .free_slots()
            .expect("the free slots")
            .iter()
            .map(|s| s.start)
            .collect::<Vec<_>>(),
        _ => panic!("agenda expected:\n{}", ui.screen()),
    };
    // From now (Monday 23/11 08:00): not the closure, not Noè's other
    // appointment, not Ada's place, not its own slot, not the holiday.
    assert_eq!(
        offered(&ui),
        [
            at(23, 11, 9),
            at(30, 11, 9),
            at(1, 12, 9),
            at(2, 12, 9),
            at(3, 12, 9),
            at(4, 12, 9),
            at(7, 12, 9),
            at(9, 12, 9),
        ]
    );
    let screen = ui.screen();
    assert!(
        screen.contains("mercoledì 09/12/2026 09:00  Studio dott.ssa Sala"),
        "{screen}"
    );
    assert!(screen.contains("Più avanti"), "{screen}");
    assert!(screen.contains("Altra data e ora"), "{screen}");
    insta::assert_snapshot!("agenda_free_slots_80x24", screen);
    // "Further ahead": the eight after the last shown.
    ui.keys(|e| {
        e.key(KeyCode::End).key(KeyCode::Up).key(KeyCode::Enter);
    });
    let later = offered(&ui);
    assert_eq!(later.len(), 8);
    assert_eq!(later[0], at(10, 12, 9));
    assert_eq!(later[1], at(11, 12, 9));
    // Enter on one moves it there.
    ui.keys(|e| {
        e.key(KeyCode::Down).key(KeyCode::Enter);
    });
    assert_eq!(
        ui.status(),
        "Appuntamento spostato a venerdì 11/12/2026 alle 09:00"
    );
    assert_eq!(
        ui.desk().agenda().appointment(id).unwrap().unwrap().start,
        at(11, 12, 9)
    );
    // A date and time can still be typed: the last entry.
    ui.keys(|e| {
        e.ctrl('g');
        for _ in 0..10 {
            e.key(KeyCode::Backspace);
        }
        e.text("11/12/2026")
            .key(KeyCode::Enter)
            .key(KeyCode::F(8))
            .key(KeyCode::End)
            .key(KeyCode::Enter);
    });
    let modal = ui.app.modal().expect("date and time asked");
    assert_eq!(modal.text(0), "11/12/2026");
    assert_eq!(modal.text(1), "09:00");
}

/// The day list names the appointments' states in English on an English desk.
#[test]
fn appointment_states_are_english_on_an_english_desk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, clock) = desk_and_clock(dir.path());
    setup(&desk);
    let mut ui = Harness::of(App::new(desk, Lang::En).with_idle_minutes(0), 120, 40);
    open_plan(&mut ui);
    ui.keys(|e| {
        e.ctrl('s');
    });
    let day = match top(&ui.app) {
        Screen::Agenda(a) => a.day(),
        _ => panic!("agenda expected:\n{}", ui.screen()),
    };
    let screen = ui.screen();
    assert!(screen.contains("booked"), "{screen}");
    assert!(!screen.contains("prenotato"), "{screen}");
    advance_to(&clock, ui.app.desk(), day);
    ui.keys(|e| {
        e.ctrl('n');
    });
    let screen = ui.screen();
    assert!(screen.contains("missed"), "{}\n{screen}", ui.status());
    assert!(!screen.contains("non presentato"), "{screen}");
}
