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

#[test]
fn adherence_is_split_into_prescribed_booked_and_done() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, clock) = desk_and_clock(dir.path());
    let pid = setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let lines = desk.pai().prescription_lines(&pai).unwrap();
    let first_lot = lines.iter().filter(|l| l.lotto == Lotto::Primo).count();
    let occurrences = sportello::domain::planner::occurrences(&pai).len() as u32;
    let proposals = desk
        .agenda()
        .plan_pai(pai.id, &Default::default())
        .unwrap()
        .proposals;
    let ids = desk.agenda().accept_proposals(pai.id, &proposals).unwrap();
    let booked: std::collections::HashSet<(u32, u32)> =
        proposals.iter().map(|p| (p.item, p.occorrenza)).collect();
    let first = desk.agenda().appointment(ids[0]).unwrap().unwrap();
    let day = first.start.date().and_hms_opt(8, 0, 0).unwrap();
    clock.advance(day - desk.now());
    desk.agenda().mark_done(ids[0]).unwrap();
    assert_eq!(
        desk.pai().set_lotto(pai.id, Lotto::Primo, true).unwrap(),
        first_lot
    );
    // Twice: nothing more to record.
    assert_eq!(desk.pai().set_lotto(pai.id, Lotto::Primo, true).unwrap(), 0);

    let mut ui = harness(desk, Lang::En, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    while richiami(&ui).section() != Section::Aderenza {
        ui.keys(|e| {
            e.key(KeyCode::Tab);
        });
    }
    let line = richiami(&ui).aderenza()[0].clone();
    assert_eq!(line.patient.id, pid);
    assert_eq!(line.split.totali, occurrences);
    assert_eq!(line.split.prescrivibili as usize, lines.len());
    assert_eq!(line.split.prescritte as usize, first_lot);
    assert_eq!(line.split.prenotate as usize, booked.len());
    assert_eq!(line.split.eseguite, 1);
    let screen = ui.screen();
    let row = format!(
        "{:<8}{:<8}1/{occurrences}",
        format!("{first_lot}/{}", lines.len()),
        format!("{}/{occurrences}", booked.len()),
    );
    assert!(screen.contains(&row), "{row}\n{screen}");
    assert!(screen.contains("Prescr. Booked  Done"), "{screen}");
}

/// The PAI screen of `ui`.
fn pai_screen(ui: &Harness) -> &sportello::tui::pai::PaiScreen {
    match top(&ui.app) {
        Screen::Pai(p) => p,
        _ => panic!("PAI expected:\n{}", ui.screen()),
    }
}

#[test]
fn publication_recorded_and_the_mark_after_a_change() {
    use sportello::domain::pai::{Categoria, Farmaco, Frequenza, Luogo, PaiItem};
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _clock) = desk_and_clock(dir.path());
    let pid = setup(&desk);
    // Version 2 with a drug, shared.
    let v1 = desk.pai().current_pai(pid).unwrap().unwrap();
    let mut v2 = desk.pai().new_pai_version(v1.id).unwrap();
    v2.farmaci.push(Farmaco {
        farmaco: "Metformina 1000".into(),
        principio_attivo: "metformina".into(),
        posologia: "1 cp a pranzo".into(),
        durata: "continuativa".into(),
        note: String::new(),
    });
    let v2 = desk.pai().save_pai_draft(v2).unwrap();
    let v2 = desk.pai().share_pai(v2.id).unwrap();

    let mut ui = harness(desk, Lang::It, 100, 30);
    ui.keys(|e| {
        e.text("cantù").key(KeyCode::F(5));
    });
    assert_eq!(pai_screen(&ui).pai().map(|p| p.id), Some(v2.id));
    assert!(
        ui.screen().contains("FSE: non pubblicato (Ctrl+U)"),
        "{}",
        ui.screen()
    );
    // Ctrl+U: the Clinical Manager offered; another name typed.
    ui.keys(|e| {
        e.ctrl('u');
    });
    assert!(ui.screen().contains("Pubblicato da"), "{}", ui.screen());
    ui.keys(|e| {
        e.ctrl('u').text("Dott. Luca Sala").key(KeyCode::Enter);
    });
    assert!(
        ui.status().contains("Pubblicazione sul FSE registrata"),
        "{}",
        ui.status()
    );
    assert!(
        ui.screen()
            .contains("FSE: pubblicato il 23/11/2026 da Dott. Luca Sala"),
        "{}",
        ui.screen()
    );
    let state = ui.app.desk().pai().publication_state(&v2).unwrap();
    let (version, p) = state.last.clone().expect("published");
    assert_eq!((version, p.autore.as_str()), (2, "Dott. Luca Sala"));
    assert!(!state.da_ripubblicare);

    // Version 3: a dosage, a frequency and a note changed: no mark.
    let desk = ui.app.desk();
    let mut v3 = desk.pai().new_pai_version(v2.id).unwrap();
    v3.farmaci[0].posologia = "1 cp a pranzo e 1 a cena".into();
    v3.items[0].frequenza = Frequenza::VoltePerAnno(3);
    v3.items[0].note = "controllare a digiuno".into();
    let v3 = desk.pai().save_pai_draft(v3).unwrap();
    assert!(!desk.pai().publication_state(&v3).unwrap().da_ripubblicare);
    ui.keys(|e| {
        e.key(KeyCode::F(2)).text("cantù").key(KeyCode::F(5));
    });
    assert_eq!(pai_screen(&ui).pai().map(|p| p.id), Some(v3.id));
    assert!(!ui.screen().contains("da ripubblicare"), "{}", ui.screen());
    assert!(
        ui.screen().contains("FSE: pubblicato il"),
        "{}",
        ui.screen()
    );

    // A service added: the mark.
    let desk = ui.app.desk();
    let mut v3 = v3;
    let id = v3.next_item_id();
    v3.items.push(PaiItem::new(
        id,
        Categoria::Visita,
        "Visita cardiologica",
        Frequenza::VoltePerAnno(1),
        Luogo::Esterno {
            erogatore: "ASST Rhodense".into(),
        },
    ));
    let v3 = desk.pai().save_pai_draft(v3).unwrap();
    assert!(desk.pai().publication_state(&v3).unwrap().da_ripubblicare);
    ui.keys(|e| {
        e.key(KeyCode::F(2)).text("cantù").key(KeyCode::F(5));
    });
    let screen = ui.screen();
    assert!(
        screen.contains("modificato dopo la pubblicazione: da ripubblicare"),
        "{screen}"
    );
    // A drug removed counts too.
    let desk = ui.app.desk();
    let mut only_drug = v3.clone();
    only_drug.items.pop();
    only_drug.farmaci.clear();
    assert!(sportello::domain::pai::da_ripubblicare(&v2, &only_drug));

    // Shared and published again: the mark goes.
    let v3 = desk.pai().share_pai(v3.id).unwrap();
    assert!(desk.pai().publication_state(&v3).unwrap().da_ripubblicare);
    desk.pai().record_publication(v3.id, "").unwrap();
    let state = desk.pai().publication_state(&v3).unwrap();
    assert!(!state.da_ripubblicare);
    assert_eq!(state.last.map(|(v, _)| v), Some(3));
}

/// A second patient in charge of the Gestore of `setup`, with a signed
/// Patto and a shared PAI.
fn second_patient(desk: &Desk) -> u64 {
    use sportello::domain::Sex;
    use sportello::domain::gestore::Canale;
    let pid = desk
        .patients()
        .register_patient(common::patient::patient(
            "Brambilla",
            "Ada",
            Sex::F,
            date(1948, 6, 2),
        ))
        .unwrap();
    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    desk.gestori()
        .choose_gestore(pid, gid, Canale::MmgAderente, desk.today(), "")
        .unwrap();
    common::patto::sign_patto(desk, pid);
    let pai = desk.pai().new_pai(pid).unwrap();
    desk.pai().share_pai(pai.id).unwrap();
    pid
}

#[test]
fn renewal_drafts_in_bulk_without_duplicates() {
    use sportello::domain::pai::PaiStato;
    use sportello::domain::patto::PattoStato;
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, clock) = desk_and_clock(dir.path());
    let a = setup(&desk);
    let b = second_patient(&desk);
    // 20 days before the Patti (signed on 23/11/2026) expire on 22/11/2027.
    let later = date(2027, 11, 2).and_hms_opt(8, 0, 0).unwrap();
    clock.advance(later - desk.now());
    assert_eq!(desk.pai().renewal_candidates().unwrap().len(), 2);

    let mut ui = harness(desk, Lang::It, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    while richiami(&ui).section() != Section::ScadenzePatti {
        ui.keys(|e| {
            e.key(KeyCode::Tab);
        });
    }
    ui.keys(|e| {
        e.ctrl('r');
    });
    let screen = ui.screen();
    assert!(screen.contains("Rinnovi in blocco"), "{screen}");
    assert!(screen.contains("per 2 Patti"), "{screen}");
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(
        ui.status()
            .contains("preparate: 2 Patti, 2 PAI · già pronte: 0"),
        "{}",
        ui.status()
    );
    let counts = |desk: &Desk, pid: u64| {
        let patti = desk.patto().patti(pid).unwrap();
        let bozze = patti
            .iter()
            .filter(|p| p.stato == PattoStato::Bozza)
            .count();
        let drafts: Vec<_> = desk
            .pai()
            .pai_list(pid)
            .unwrap()
            .into_iter()
            .filter(|p| p.stato == PaiStato::Bozza)
            .collect();
        (patti.len(), bozze, drafts)
    };
    for pid in [a, b] {
        let desk = ui.app.desk();
        let (patti, bozze, drafts) = counts(desk, pid);
        assert_eq!((patti, bozze, drafts.len()), (2, 1, 1));
        let shared = desk
            .pai()
            .pai_list(pid)
            .unwrap()
            .into_iter()
            .find(|p| matches!(p.stato, PaiStato::Condiviso { .. }))
            .unwrap();
        // The new year, the plan in force copied.
        assert_eq!(drafts[0].anno_dal, date(2027, 11, 23));
        assert_eq!(drafts[0].anno_al, date(2028, 11, 22));
        assert_eq!(drafts[0].items, shared.items);
        assert_eq!(drafts[0].precedente, Some(shared.id));
        let patto = desk
            .patto()
            .patti(pid)
            .unwrap()
            .into_iter()
            .find(|p| p.stato == PattoStato::Bozza)
            .unwrap();
        assert!(patto.precedente.is_some());
    }
    // The new year's PAI waits for the renewed Patto.
    let draft = counts(ui.app.desk(), a).2.remove(0);
    let err = ui.app.desk().pai().share_pai(draft.id).unwrap_err();
    assert_eq!(
        sportello::texts::error(Lang::En, &err),
        "The PAI is for the year from 23/11/2027: sign the Pact's renewal first (F4)"
    );
    // Twice: nothing more.
    ui.keys(|e| {
        e.ctrl('r').key(KeyCode::Enter);
    });
    assert!(
        ui.status()
            .contains("preparate: 0 Patti, 0 PAI · già pronte: 2"),
        "{}",
        ui.status()
    );
    for pid in [a, b] {
        let (patti, bozze, drafts) = counts(ui.app.desk(), pid);
        assert_eq!((patti, bozze, drafts.len()), (2, 1, 1));
    }
}

#[test]
fn sharing_is_refused_without_lifestyle_advice_in_either_language() {
    use sportello::domain::pai::{PaiStato, SharingProblem};
    for (lang, title, reason) in [
        (
            Lang::En,
            "The PAI cannot be shared yet",
            "the lifestyle advice is missing (required)",
        ),
        (
            Lang::It,
            "Il PAI non si può ancora condividere",
            "mancano i consigli sullo stile di vita",
        ),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (desk, _clock) = desk_and_clock(dir.path());
        let pid = setup(&desk);
        let shared = desk.pai().current_pai(pid).unwrap().unwrap();
        let mut draft = desk.pai().new_pai_version(shared.id).unwrap();
        draft.stile_di_vita.clear();
        // Vaccinations are optional: none is no problem.
        draft.vaccinazioni.clear();
        let draft = desk.pai().save_pai_draft(draft).unwrap();
        assert_eq!(draft.validate_for_sharing(), [SharingProblem::NoLifestyle]);
        let err = desk.pai().share_pai(draft.id).unwrap_err();
        assert_eq!(sportello::texts::error(lang, &err), reason);

        let mut ui = harness(desk, lang, 80, 24);
        ui.keys(|e| {
            e.text("cantù").key(KeyCode::F(5)).ctrl('o');
        });
        let screen = ui.screen();
        assert!(screen.contains(title), "{screen}");
        assert!(screen.contains(reason), "{screen}");
        if lang == Lang::En {
            insta::assert_snapshot!("en_pai_share_refused_80x24", screen);
        }
        ui.keys(|e| {
            e.key(KeyCode::Enter);
        });
        let stored = ui.app.desk().pai().get(draft.id).unwrap().unwrap();
        assert_eq!(stored.stato, PaiStato::Bozza);
    }
}

#[test]
fn the_demo_store_has_prescriptions_publications_and_a_plan_to_republish() {
    use sportello::domain::pai::PaiStato;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_demo(
        dir.path(),
        Arc::new(sportello::service::FixedClock::on(2026, 11, 22).unwrap()),
    )
    .unwrap();
    desk.gestori().seed_builtin_sample_gestori().unwrap();
    desk.load_demo(200, 1, &mut |_, _| true).unwrap();
    let lists = desk.agenda().recall_lists().unwrap();
    let issued = lists.ricette.iter().filter(|l| l.emessa.is_some()).count();
    let to_issue = lists.ricette.len() - issued;
    assert!(issued > 0 && to_issue > 0, "{issued} {to_issue}");
    let (mut published, mut republish) = (0, 0);
    let mut patients: Vec<u64> = lists.ricette.iter().map(|l| l.patient.id).collect();
    patients.dedup();
    for p in patients {
        let Some(pai) = desk.pai().current_pai(p).unwrap() else {
            continue;
        };
        if !matches!(pai.stato, PaiStato::Condiviso { .. }) {
            continue;
        }
        let state = desk.pai().publication_state(&pai).unwrap();
        published += usize::from(state.last.is_some());
        republish += usize::from(state.da_ripubblicare);
    }
    assert!(published >= 2, "{published}");
    assert_eq!(republish, 1);
    assert_eq!(desk.archive().check().unwrap().problem_count, 0);
    // The six F7 tabs and their two-digit counts fit 80 columns whole.
    let mut ui = harness(desk, Lang::It, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(7));
    });
    let screen = ui.screen();
    let tabs = screen.lines().nth(1).unwrap_or_default();
    let tabs = tabs.trim_matches('"').trim_end();
    assert!(tabs.ends_with(')'), "{screen}");
    assert_eq!(tabs.matches(" (").count(), 6, "{screen}");
}
