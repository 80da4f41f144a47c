//! Issue 19, items 6 and 7 through the real loop: the prescriptions of a PAI
//! in two lots (F7 "Ricette"), the adherence split into prescribed / booked
//! / done, the publication on the FSE and the mark when the PAI changed
//! after it, the renewal drafts in bulk.

use crate::common;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use common::agenda::setup;
use common::harness::Harness;
use common::screen::{Screen, top};
use sportello::domain::pai::Lotto;
use sportello::service::{Desk, ManualClock};
use sportello::tui::richiami::{RichiamiScreen, Section};
use sportello::tui::{App, Lang};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A desk on 23/11/2026 08:00 whose clock the test can move forward.
fn desk_and_clock(dir: &Path) -> (Desk, Arc<ManualClock>) {
    let start = date(2026, 11, 23).and_hms_opt(8, 0, 0).expect("valid time");
    let clock = Arc::new(ManualClock::new(start));
    let desk = Desk::open(dir, clock.clone()).expect("store opens");
    (desk, clock)
}

fn harness(desk: Desk, lang: Lang, width: u16, height: u16) -> Harness {
    Harness::of(App::new(desk, lang).with_idle_minutes(0), width, height)
}

fn richiami(ui: &Harness) -> &RichiamiScreen {
    match top(&ui.app) {
        Screen::Richiami(r) => r,
        _ => panic!("Richiami expected:\n{}", ui.screen()),
    }
}

/// F7, then Tab to the prescriptions.
fn open_ricette(ui: &mut Harness) {
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    while richiami(ui).section() != Section::Ricette {
        ui.keys(|e| {
            e.key(KeyCode::Tab);
        });
    }
}

#[test]
fn marking_a_lot_issued_shrinks_the_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _clock) = desk_and_clock(dir.path());
    let pid = setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let lines = desk.pai().prescription_lines(&pai).unwrap();
    let lot = |l: Lotto| lines.iter().filter(|x| x.lotto == l).count();
    let (first, second) = (lot(Lotto::Primo), lot(Lotto::Secondo));
    assert!(first >= 3 && second >= 1, "{first} {second}");
    // The lots split the plan year at six months.
    let half = pai
        .anno_dal
        .checked_add_months(chrono::Months::new(6))
        .unwrap();
    assert!(
        lines
            .iter()
            .all(|l| (l.lotto == Lotto::Primo) == (l.target < half))
    );
    assert!(lines.iter().all(|l| (1..=12).contains(&l.mese)));

    let mut ui = harness(desk, Lang::It, 80, 24);
    open_ricette(&mut ui);
    assert_eq!(richiami(&ui).lotto(), Lotto::Primo);
    assert_eq!(richiami(&ui).ricette().len(), first);
    let screen = ui.screen();
    assert!(screen.contains(&format!("Ricette ({first})")), "{screen}");
    assert!(screen.contains("lotto 1 (mesi 1-6"), "{screen}");
    insta::assert_snapshot!("ricette_lotto1_80x24", screen);

    // Space: the first one issued today by the operator.
    let what = richiami(&ui).ricette()[0].clone();
    ui.keys(|e| {
        e.key(KeyCode::Char(' '));
    });
    assert!(ui.status().contains("emessa"), "{}", ui.status());
    assert_eq!(richiami(&ui).ricette().len(), first - 1);
    let issued = ui.app.desk().pai().ricette(&pai).unwrap();
    assert_eq!(issued.len(), 1);
    assert_eq!(
        (issued[0].item, issued[0].occorrenza),
        (what.item, what.occorrenza)
    );
    assert_eq!(issued[0].emessa_il, date(2026, 11, 23));

    // Ctrl+L asks, Enter records the rest of the lot.
    ui.keys(|e| {
        e.ctrl('l');
    });
    let screen = ui.screen();
    assert!(
        screen.contains(&format!("le {} ricette", first - 1)),
        "{screen}"
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(
        ui.status()
            .contains(&format!("{} ricette segnate", first - 1)),
        "{}",
        ui.status()
    );
    assert!(richiami(&ui).ricette().is_empty());
    assert!(
        ui.screen()
            .contains("Nessuna ricetta da emettere nel lotto 1"),
        "{}",
        ui.screen()
    );
    assert_eq!(ui.app.desk().pai().ricette(&pai).unwrap().len(), first);

    // F8: the second lot, untouched.
    ui.keys(|e| {
        e.key(KeyCode::F(8));
    });
    assert_eq!(richiami(&ui).lotto(), Lotto::Secondo);
    assert_eq!(richiami(&ui).ricette().len(), second);

    // Back on lot 1, Ctrl+T shows the issued ones; Space on one takes it back.
    ui.keys(|e| {
        e.key(KeyCode::F(8)).ctrl('t');
    });
    assert_eq!(richiami(&ui).ricette().len(), first);
    assert!(richiami(&ui).ricette().iter().all(|l| l.emessa.is_some()));
    ui.keys(|e| {
        e.key(KeyCode::Char(' '));
    });
    assert_eq!(ui.app.desk().pai().ricette(&pai).unwrap().len(), first - 1);
    // Hidden again: the one taken back is to issue.
    ui.keys(|e| {
        e.ctrl('t');
    });
    assert_eq!(richiami(&ui).ricette().len(), 1);
}
