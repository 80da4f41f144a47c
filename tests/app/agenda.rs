//! Agenda through the Desk: resources, planning a PAI, booking, moving,
//! marking, recalls, iCalendar and the day list.

use crate::common;

use std::sync::Arc;

use chrono::{NaiveDate, Weekday};
use common::agenda::{resource, setup, t};
use sportello::domain::agenda::{AppStato, Closure, Preferences};
use sportello::domain::{Patient, PatientStatus, Residence, Sex};
use sportello::service::agenda::RecallKind;
use sportello::service::{Desk, FixedClock, ManualClock};

#[test]
fn plan_book_move_mark_and_recall() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at(23, 11, 8, 0)));
    let desk = Desk::open(dir.path(), clock.clone()).unwrap();
    let pid = setup(&desk);
    // The practice is closed on 27/11/2026 (staff training).
    desk.agenda()
        .save_closure(Closure {
            id: 0,
            resource: None,
            dal: NaiveDate::from_ymd_opt(2026, 11, 27)
                .unwrap()
                .and_time(t(0, 0)),
            al: NaiveDate::from_ymd_opt(2026, 11, 28)
                .unwrap()
                .and_time(t(0, 0)),
            motivo: "formazione".into(),
        })
        .unwrap();

    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let proposal = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    assert!(!proposal.proposals.is_empty());
    assert!(
        !proposal.esterni.is_empty(),
        "fundus, ecg... some items are external"
    );
    for p in &proposal.proposals {
        assert_ne!(
            p.start.date(),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
        assert_ne!(
            p.start.date(),
            NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
        );
        assert!(p.start.date() >= desk.today());
    }
    assert!(
        (proposal.trips as usize) < proposal.proposals.len(),
        "bundling: {} trips for {} appointments",
        proposal.trips,
        proposal.proposals.len()
    );
    let ids = desk
        .agenda()
        .accept_proposals(pai.id, &proposal.proposals)
        .unwrap();
    assert_eq!(ids.len(), proposal.proposals.len());
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);

    // Planning again proposes nothing new for what is booked.
    let again = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    assert!(again.proposals.is_empty(), "{:?}", again.proposals.len());

    // Mark the first done, the second a no-show: the recall list shows it.
    // Neither can be marked before its day.
    let first = desk.agenda().appointment(ids[0]).unwrap().unwrap();
    let second = desk.agenda().appointment(ids[1]).unwrap().unwrap();
    let refused = desk
        .agenda()
        .mark_no_show(second.id)
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("dal giorno dell'appuntamento"),
        "{refused}"
    );
    clock.advance(second.start.max(first.start) - desk.now());
    desk.agenda().mark_done(first.id).unwrap();
    desk.agenda().mark_no_show(second.id).unwrap();
    let recalls = desk.agenda().recalls(&[pid]).unwrap();
    assert!(
        recalls
            .iter()
            .any(|r| r.kind == RecallKind::NonPresentato && r.what == second.descrizione),
        "{recalls:?}"
    );

    // Move the third by a week (same time): allowed, slot claims follow.
    let third = desk.agenda().appointment(ids[2]).unwrap().unwrap();
    let week_later = third.start + chrono::Duration::days(7);
    let week_later = if week_later.date() == NaiveDate::from_ymd_opt(2026, 12, 8).unwrap() {
        week_later + chrono::Duration::days(1)
    } else {
        week_later
    };
    let moved = desk
        .agenda()
        .move_appointment(third.id, week_later, None, None);
    if let Ok(m) = &moved {
        assert_eq!(m.start, week_later);
    }
    // Cancel one: its slot is freed.
    let last = *ids.last().unwrap();
    desk.agenda()
        .cancel_appointment(last, "richiesta del paziente")
        .unwrap();
    assert!(matches!(
        desk.agenda().appointment(last).unwrap().unwrap().stato,
        AppStato::Annullato { .. }
    ));
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);

    // A booking on a holiday is refused without a reason, allowed with one.
    let mut manual = desk.agenda().appointment(ids[3]).unwrap().unwrap();
    manual.id = 0;
    manual.pai = None;
    manual.item = None;
    manual.occorrenza = None;
    manual.start = NaiveDate::from_ymd_opt(2026, 12, 8)
        .unwrap()
        .and_time(t(9, 0));
    manual.end = manual.start + chrono::Duration::minutes(20);
    let err = desk
        .agenda()
        .book_appointment(manual.clone())
        .unwrap_err()
        .to_string();
    assert!(err.contains("forzatura"), "{err}");
    manual.forzatura = Some("visita urgente concordata".into());
    assert!(desk.agenda().book_appointment(manual).is_ok());

    let ics = desk.agenda().patient_ics(pid).unwrap();
    assert!(ics.contains("BEGIN:VCALENDAR") && ics.contains("BEGIN:VEVENT"));
    assert!(ics.contains("Europe/Rome"));
    let day = first.start.date();
    let text = desk.agenda().day_list_text(day, None).unwrap();
    assert!(text.contains("Cantù Noè"), "{text}");
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn revoking_offers_the_future_appointments_for_cancellation() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let pid = setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let proposal = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    let booked = desk
        .agenda()
        .accept_proposals(pai.id, &proposal.proposals)
        .unwrap();
    let presa = desk.gestori().active_presa(pid).unwrap().unwrap();
    let revoked = desk
        .gestori()
        .revoke_presa(pid, desk.today(), "trasferimento")
        .unwrap();
    assert_eq!(revoked.id, presa.id);
    let future = desk
        .agenda()
        .future_appointments_of_presa(presa.id)
        .unwrap();
    assert_eq!(future.len(), booked.len());
    let n = desk
        .agenda()
        .cancel_future_appointments_of_presa(presa.id, "presa in carico revocata")
        .unwrap();
    assert_eq!(n, booked.len());
    assert!(
        desk.agenda()
            .future_appointments_of_presa(presa.id)
            .unwrap()
            .is_empty()
    );
    for id in booked {
        assert!(matches!(
            desk.agenda().appointment(id).unwrap().unwrap().stato,
            AppStato::Annullato { .. }
        ));
    }
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn pai_progress_counts_booked_and_done() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at(23, 11, 8, 0)));
    let desk = Desk::open(dir.path(), clock.clone()).unwrap();
    let pid = setup(&desk);
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let proposal = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    let ids = desk
        .agenda()
        .accept_proposals(pai.id, &proposal.proposals)
        .unwrap();
    let first = desk.agenda().appointment(ids[0]).unwrap().unwrap();
    clock.advance(first.start - desk.now());
    desk.agenda().mark_done(first.id).unwrap();
    let progress = desk.pai().pai_progress(&pai).unwrap();
    let item = progress
        .iter()
        .find(|p| Some(p.item) == first.item)
        .unwrap();
    assert_eq!(item.done, 1);
    let booked_total: u32 = progress.iter().map(|p| p.booked).sum();
    assert_eq!(booked_total as usize, ids.len() - 1);
}

// ---------------------------------------------------------------------------
// Agenda::first_free_slot: the proposal for moving an appointment.

fn patient(desk: &Desk, cognome: &str, nome: &str) -> u64 {
    let birth = NaiveDate::from_ymd_opt(1952, 4, 2).unwrap();
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
                indirizzo: "Via Manzoni 3".into(),
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

fn at(day: u32, month: u32, h: u32, m: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_time(t(h, m))
}

fn book(desk: &Desk, patient: u64, resource: u64, start: chrono::NaiveDateTime, min: i64) -> u64 {
    desk.agenda()
        .book_appointment(sportello::domain::agenda::Appointment {
            id: 0,
            patient,
            pai: None,
            item: None,
            occorrenza: None,
            resource: Some(resource),
            start,
            end: start + chrono::Duration::minutes(min),
            descrizione: "Prelievo".into(),
            stato: AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        })
        .unwrap()
}

/// A practice in Milano (patron: 7 December) with a blood-drawing point open
/// Monday to Friday 07:30-08:00, 10-minute slots for 2 patients, and a
/// surgery 07:20-08:10 with 25-minute slots.
fn free_slot_setup(desk: &Desk) -> (u64, u64) {
    use Weekday::*;
    desk.gestori()
        .save_practice(&sportello::domain::practice::Practice {
            nome: "Studio Esempio".into(),
            comune: "F205".into(),
            ..Default::default()
        })
        .unwrap();
    let week = [Mon, Tue, Wed, Thu, Fri];
    let (prelievi, _) = desk
        .agenda()
        .save_resource(resource(
            "Punto prelievi",
            "punto prelievi",
            &week,
            t(7, 30),
            t(8, 0),
            10,
            2,
        ))
        .unwrap();
    let (studio, _) = desk
        .agenda()
        .save_resource(resource(
            "Studio",
            "ambulatorio MMG",
            &week,
            t(7, 20),
            t(8, 10),
            25,
            1,
        ))
        .unwrap();
    (prelievi.id, studio.id)
}

#[test]
fn first_free_slot_skips_full_slots_and_the_patients_other_appointments() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let (prelievi, studio) = free_slot_setup(&desk);
    let anna = patient(&desk, "Bianchi", "Anna");
    let bice = patient(&desk, "Colombo", "Bice");
    let carla = patient(&desk, "Ferrari", "Carla");
    let ten = chrono::Duration::minutes(10);
    let monday = at(30, 11, 0, 0);
    // Empty agenda: the first slot of the day.
    let first = desk
        .agenda()
        .first_free_slot(prelievi, monday, carla, ten, None)
        .unwrap()
        .unwrap();
    assert_eq!(first.start, at(30, 11, 7, 30));
    assert_eq!(first.end, at(30, 11, 7, 40));
    // One place taken of two: still free. Both taken: the next slot.
    book(&desk, anna, prelievi, at(30, 11, 7, 30), 10);
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, monday, carla, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(30, 11, 7, 30));
    book(&desk, bice, prelievi, at(30, 11, 7, 30), 10);
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, monday, carla, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(30, 11, 7, 40));
    // Carla is at the surgery 07:20-07:45: 07:40 overlaps it, 07:50 is free.
    book(&desk, carla, studio, at(30, 11, 7, 20), 25);
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, monday, carla, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(30, 11, 7, 50));
    // Moving Anna's own appointment: her place does not count against her,
    // so from 07:30 on the proposal is 07:30 itself.
    let own = desk
        .agenda()
        .patient_appointments(anna, monday.date())
        .unwrap()[0]
        .id;
    let slot = desk
        .agenda()
        .first_free_slot_for(own, monday)
        .unwrap()
        .unwrap();
    assert_eq!(slot.start, at(30, 11, 7, 30));
    // Never in the past: from a past date the search starts now (noon of
    // Monday 23/11, after the morning's slots), so Tuesday 24/11.
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, at(2, 11, 0, 0), carla, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(24, 11, 7, 30));
}

#[test]
fn first_free_slot_skips_closures_and_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let (prelievi, studio) = free_slot_setup(&desk);
    let anna = patient(&desk, "Bianchi", "Anna");
    let ten = chrono::Duration::minutes(10);
    let d = |day, month| NaiveDate::from_ymd_opt(2026, month, day).unwrap();
    // The blood-drawing point closed on Monday 30/11: Tuesday 07:30.
    desk.agenda()
        .save_closure(Closure::giornata(0, Some(prelievi), d(30, 11), "corso"))
        .unwrap();
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, at(30, 11, 0, 0), anna, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(1, 12, 7, 30));
    // The surgery is not closed by it.
    let slot = desk
        .agenda()
        .first_free_slot(studio, at(30, 11, 0, 0), anna, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(30, 11, 7, 20));
    // Part of Tuesday closed 07:30-07:45: the 07:30 and 07:40 slots go.
    desk.agenda()
        .save_closure(Closure::fascia(
            0,
            None,
            d(1, 12),
            t(7, 30),
            t(7, 45),
            "riunione",
        ))
        .unwrap();
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, at(30, 11, 0, 0), anna, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(1, 12, 7, 50));
    // Monday 7/12 (Sant'Ambrogio, patron of Milano) and Tuesday 8/12
    // (Immacolata) are holidays: Wednesday 9/12.
    let slot = desk
        .agenda()
        .first_free_slot(prelievi, at(5, 12, 0, 0), anna, ten, None);
    assert_eq!(slot.unwrap().unwrap().start, at(9, 12, 7, 30));
    // A resource that does not exist is an error, not a proposal.
    assert!(
        desk.agenda()
            .first_free_slot(999, at(30, 11, 0, 0), anna, ten, None)
            .is_err()
    );
}

/// `plan --all` keeps slot use and slots between plans; it must book exactly
/// what planning and booking each PAI on its own, in the same order, books,
/// and leave no double booking or full slot over capacity.
#[test]
fn plan_all_books_what_one_by_one_planning_books() {
    use Weekday::*;
    let scarce = |desk: &Desk| {
        // Few places, so that later plans meet full slots and closures.
        for r in [
            resource(
                "Punto prelievi",
                "punto prelievi",
                &[Mon, Thu],
                t(7, 30),
                t(8, 30),
                10,
                2,
            ),
            resource(
                "Studio",
                "ambulatorio MMG",
                &[Tue],
                t(9, 0),
                t(11, 0),
                20,
                1,
            ),
            resource(
                "Infermieri",
                "ambulatorio infermieristico",
                &[Wed],
                t(10, 0),
                t(11, 0),
                20,
                1,
            ),
            resource("ECG", "ECG", &[Fri], t(14, 0), t(15, 0), 30, 1),
        ] {
            desk.agenda().save_resource(r).unwrap();
        }
        desk.agenda()
            .save_closure(Closure::giornata(
                0,
                None,
                NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
                "inventario",
            ))
            .unwrap();
        desk.gestori()
            .seed_sample_gestori(&sportello::io::gestori::sample_gestori())
            .unwrap();
        desk.load_demo_with(120, 7, true, &mut |_, _| true).unwrap();
    };
    let clock = || Arc::new(FixedClock::on(2026, 11, 23).unwrap());
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let all = Desk::open(one.path(), clock()).unwrap();
    let each = Desk::open(two.path(), clock()).unwrap();
    scarce(&all);
    scarce(&each);

    let ids = all.agenda().shared_unplanned_pai_ids().unwrap();
    assert_eq!(ids, each.agenda().shared_unplanned_pai_ids().unwrap());
    let report = all.agenda().plan_all(&mut |_, _| true).unwrap();
    assert_eq!(report.plans, ids.len());
    assert!(report.plans >= 50, "{report:?}");
    assert!(report.unplaced > 0, "places are scarce: {report:?}");
    assert!(all.agenda().shared_unplanned_pai_ids().unwrap().len() < ids.len());

    let mut booked = 0;
    for &id in &ids {
        let out = each.agenda().plan_pai(id, &Preferences::default()).unwrap();
        booked += each
            .agenda()
            .accept_proposals(id, &out.proposals)
            .unwrap()
            .len();
    }
    assert_eq!(booked, report.appointments);
    let since = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let key = |desk: &Desk| {
        let mut list = Vec::new();
        for &id in &ids {
            let patient = desk.pai().get(id).unwrap().unwrap().patient;
            for a in desk.agenda().patient_appointments(patient, since).unwrap() {
                list.push((a.patient, a.resource, a.start, a.end, a.item, a.occorrenza));
            }
        }
        list.sort();
        list
    };
    let planned = key(&all);
    assert_eq!(planned.len(), report.appointments);
    assert_eq!(planned, key(&each));
    let check = all.archive().check().unwrap();
    assert_eq!(check.problem_count, 0, "{:?}", check.problems);
}

/// A check-up at the surgery (one place a slot) booked with what goes with
/// it: three appointments of one patient, one visit.
fn book_visit(desk: &Desk, pid: u64, studio: u64, start: chrono::NaiveDateTime) -> Vec<u64> {
    [
        "Esame del piede diabetico",
        "Visita di controllo MMG",
        "Vaccinazione antinfluenzale",
    ]
    .into_iter()
    .map(|what| {
        desk.agenda()
            .book_appointment(sportello::domain::agenda::Appointment {
                id: 0,
                patient: pid,
                pai: None,
                item: None,
                occorrenza: None,
                resource: Some(studio),
                start,
                end: start + chrono::Duration::minutes(25),
                descrizione: what.into(),
                stato: AppStato::Prenotato,
                esterno: None,
                note: String::new(),
                forzatura: None,
            })
            .unwrap()
    })
    .collect()
}

#[test]
fn a_proposal_is_never_a_full_slot_and_the_same_visit_joins_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let (_, studio) = free_slot_setup(&desk);
    let anna = patient(&desk, "Bianchi", "Anna");
    let bice = patient(&desk, "Colombo", "Bice");
    let visit = book_visit(&desk, anna, studio, at(30, 11, 7, 20));
    // One of Anna's three is moved alone to Tuesday 07:20 (one place): the
    // slot is full for anybody else...
    desk.agenda()
        .move_appointment(visit[0], at(1, 12, 7, 20), None, None)
        .unwrap();
    let twenty_five = chrono::Duration::minutes(25);
    let for_bice = desk
        .agenda()
        .free_slots(studio, at(1, 12, 0, 0), bice, twenty_five, &[], 2)
        .unwrap();
    assert_eq!(
        for_bice.iter().map(|s| s.start).collect::<Vec<_>>(),
        [at(1, 12, 7, 45), at(2, 12, 7, 20)]
    );
    // ...and a move of Bice's there is refused.
    let bice_id = book(&desk, bice, studio, at(3, 12, 7, 20), 25);
    let refused = desk
        .agenda()
        .move_appointment(bice_id, at(1, 12, 7, 20), None, None)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("slot pieno"), "{refused}");
    // Anna's other two join her visit there: the slot is hers.
    let slot = desk
        .agenda()
        .first_free_slot_for(visit[1], at(1, 12, 0, 0))
        .unwrap()
        .unwrap();
    assert_eq!(slot.start, at(1, 12, 7, 20));
    let moved = desk
        .agenda()
        .move_appointments(&visit[1..], slot.start, None, None)
        .unwrap();
    assert_eq!(moved.len(), 2);
    for id in &visit {
        assert_eq!(
            desk.agenda().appointment(*id).unwrap().unwrap().start,
            at(1, 12, 7, 20)
        );
    }
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn a_visit_moves_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let (_, studio) = free_slot_setup(&desk);
    let anna = patient(&desk, "Bianchi", "Anna");
    let bice = patient(&desk, "Colombo", "Bice");
    let visit = book_visit(&desk, anna, studio, at(30, 11, 7, 20));
    book(&desk, bice, studio, at(1, 12, 7, 20), 25);
    // Tuesday 07:20 is Bice's: the three stay where they are.
    let refused = desk
        .agenda()
        .move_appointments(&visit, at(1, 12, 7, 20), None, None)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("slot pieno"), "{refused}");
    for id in &visit {
        assert_eq!(
            desk.agenda().appointment(*id).unwrap().unwrap().start,
            at(30, 11, 7, 20)
        );
    }
    // 07:45 is free: all three go, together.
    let moved = desk
        .agenda()
        .move_appointments(&visit, at(1, 12, 7, 45), None, None)
        .unwrap();
    assert_eq!(moved.len(), 3);
    for id in &visit {
        let a = desk.agenda().appointment(*id).unwrap().unwrap();
        assert_eq!((a.start, a.end), (at(1, 12, 7, 45), at(1, 12, 8, 10)));
    }
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

// Planning from a given day: the first room, and the results of the tests
// before the visit that needs them.

/// Thursday 03/12/2026, 07:00: an empty agenda (setup), the patient's PAI
/// shared that day.
fn planning_desk(dir: &std::path::Path) -> (Desk, u64) {
    let clock = Arc::new(ManualClock::new(at(3, 12, 7, 0)));
    let desk = Desk::open(dir, clock).unwrap();
    let pid = setup(&desk);
    (desk, pid)
}

#[test]
fn the_planner_uses_the_first_room_from_the_start_date() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, pid) = planning_desk(dir.path());
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    let out = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    assert!(out.unplaced.is_empty(), "{:?}", out.unplaced);
    // Every slot is free from today: the first tests are today, not three
    // weeks later when their nominal date falls.
    let first = out.proposals.first().unwrap();
    assert_eq!(first.start.date(), at(3, 12, 0, 0).date(), "{first:?}");
    let hba1c = out
        .proposals
        .iter()
        .find(|p| p.descrizione.contains("HbA1c"))
        .unwrap();
    assert_eq!(hba1c.start.date(), at(3, 12, 0, 0).date(), "{hba1c:?}");
}

#[test]
fn after_the_results_the_visit_waits_three_working_days() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, pid) = planning_desk(dir.path());
    let pai = desk.pai().current_pai(pid).unwrap().unwrap();
    // No ECG (Tuesdays and Thursdays): no day is preferred for bundling it.
    let mut ecg = desk
        .agenda()
        .resources()
        .unwrap()
        .into_iter()
        .find(|r| r.tipo == "ECG")
        .unwrap();
    ecg.attiva = false;
    desk.agenda().save_resource(ecg).unwrap();
    assert_eq!(
        desk.agenda().result_days().unwrap().get("punto prelievi"),
        3
    );
    let out = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    let first_of = |what: &str| {
        out.proposals
            .iter()
            .filter(|p| p.descrizione == what)
            .map(|p| p.start)
            .min()
            .unwrap()
    };
    let draw = first_of("Glicemia a digiuno");
    assert_eq!(draw.date(), at(3, 12, 0, 0).date());
    // Thursday's draw: Friday 4, Monday 7, (Tuesday 8 is the Immacolata)
    // Wednesday 9 are the three working days; the visit is on the 9th.
    let visit = first_of("Visita di controllo MMG");
    assert_eq!(visit.date(), at(9, 12, 0, 0).date(), "{visit}");
    // Every visit of the plan keeps the gap after its tests.
    let calendar = desk.agenda().calendar().unwrap();
    for v in out
        .proposals
        .iter()
        .filter(|p| p.descrizione == "Visita di controllo MMG")
    {
        let tests = out
            .proposals
            .iter()
            .filter(|p| p.occorrenza == v.occorrenza && p.descrizione.contains("HbA1c"))
            .map(|p| p.start.date())
            .next()
            .unwrap();
        let ready = sportello::domain::agenda::working_days_after(tests, 3, &calendar, &[]);
        assert!(v.start.date() >= ready, "{v:?} after {tests}");
    }
    // Results of the blood-drawing point in one working day: Friday 4.
    desk.agenda().save_result_days("punto prelievi", 1).unwrap();
    let out = desk
        .agenda()
        .plan_pai(pai.id, &Preferences::default())
        .unwrap();
    let visit = out
        .proposals
        .iter()
        .filter(|p| p.descrizione == "Visita di controllo MMG")
        .map(|p| p.start)
        .min()
        .unwrap();
    assert_eq!(visit.date(), at(4, 12, 0, 0).date(), "{visit}");
}

#[test]
fn two_desks_booking_the_last_place_one_wins_the_other_gets_fresh_proposals() {
    use sportello::domain::operator::Role;
    let dir = tempfile::tempdir().unwrap();
    let (desk, first) = planning_desk(dir.path());
    // A second patient with the same PAI items.
    let birth = NaiveDate::from_ymd_opt(1951, 6, 2).unwrap();
    let second = desk
        .patients()
        .register_patient(common::patient::patient("Rota", "Ada", Sex::F, birth))
        .unwrap();
    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    desk.gestori()
        .choose_gestore(
            second,
            gid,
            crate::common::gestore::fitting(&desk, second, gid),
            desk.today(),
            "",
        )
        .unwrap();
    common::patto::sign_patto(&desk, second);
    let pai = desk.pai().new_pai(second).unwrap();
    desk.pai().share_pai(pai.id).unwrap();
    desk.operators()
        .add_operator("anna", "password-anna", Role::Segreteria)
        .unwrap();
    desk.operators()
        .add_operator("bruno", "password-bruno", Role::Segreteria)
        .unwrap();
    let a = desk.new_session(Some("192.0.2.1"));
    a.login("anna", "password-anna").unwrap();
    let b = desk.new_session(Some("192.0.2.2"));
    b.login("bruno", "password-bruno").unwrap();

    // Both desks look at their patient's proposals at the same time.
    let pai_a = a.pai().current_pai(first).unwrap().unwrap().id;
    let pai_b = b.pai().current_pai(second).unwrap().unwrap().id;
    let seen_a = a.agenda().plan_pai(pai_a, &Preferences::default()).unwrap();
    let seen_b = b.agenda().plan_pai(pai_b, &Preferences::default()).unwrap();
    let single: Vec<_> = {
        let resources = desk.agenda().resources().unwrap();
        resources
            .iter()
            .filter(|r| r.patterns.iter().all(|p| p.capacita == 1))
            .map(|r| r.id)
            .collect()
    };
    let shared = seen_b
        .proposals
        .iter()
        .filter(|p| single.contains(&p.resource))
        .filter(|p| {
            seen_a
                .proposals
                .iter()
                .any(|q| q.resource == p.resource && q.start == p.start)
        })
        .count();
    assert!(shared > 0, "the two desks see the same one-place slots");

    a.agenda()
        .accept_proposals(pai_a, &seen_a.proposals)
        .unwrap();
    let refused = b
        .agenda()
        .accept_proposals(pai_b, &seen_b.proposals)
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("Un altro sportello ha appena preso l'ultimo posto delle "),
        "{refused}"
    );
    assert!(
        b.agenda()
            .patient_appointments(second, desk.today())
            .unwrap()
            .is_empty(),
        "nothing of the refused plan is booked"
    );
    // Fresh proposals avoid the places the first desk took.
    let fresh = b.agenda().plan_pai(pai_b, &Preferences::default()).unwrap();
    assert!(!fresh.proposals.is_empty());
    for p in fresh
        .proposals
        .iter()
        .filter(|p| single.contains(&p.resource))
    {
        assert!(
            !seen_a
                .proposals
                .iter()
                .any(|q| q.resource == p.resource && q.start == p.start),
            "{p:?} was taken by the first desk"
        );
    }
    b.agenda()
        .accept_proposals(pai_b, &fresh.proposals)
        .unwrap();
    assert!(desk.archive().check().unwrap().is_ok());
}
