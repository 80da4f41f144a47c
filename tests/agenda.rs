//! Agenda through the Desk: resources, planning a PAI, booking, moving,
//! marking, recalls, iCalendar and the day list.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime, Weekday};
use sportello::domain::agenda::{AppStato, Closure, Pattern, Preferences, Resource};
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};
use sportello::domain::{Canale, Gestore, GestoreTipo, Patient, PatientStatus, Residence, Sex};
use sportello::service::agenda::RecallKind;
use sportello::service::{Desk, FixedClock};

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

#[test]
fn plan_book_move_mark_and_recall() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let pid = setup(&desk);
    // The practice is closed on 27/11/2026 (staff training).
    desk.save_closure(Closure {
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

    let pai = desk.current_pai(pid).unwrap().unwrap();
    let proposal = desk.plan_pai(pai.id, &Preferences::default()).unwrap();
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
    let ids = desk.accept_proposals(pai.id, &proposal.proposals).unwrap();
    assert_eq!(ids.len(), proposal.proposals.len());
    let report = desk.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);

    // Planning again proposes nothing new for what is booked.
    let again = desk.plan_pai(pai.id, &Preferences::default()).unwrap();
    assert!(again.proposals.is_empty(), "{:?}", again.proposals.len());

    // Mark the first done, the second a no-show: the recall list shows it.
    let first = desk.appointment(ids[0]).unwrap().unwrap();
    desk.mark_done(first.id).unwrap();
    let second = desk.appointment(ids[1]).unwrap().unwrap();
    desk.mark_no_show(second.id).unwrap();
    let recalls = desk.recalls(&[pid]).unwrap();
    assert!(
        recalls
            .iter()
            .any(|r| r.kind == RecallKind::NonPresentato && r.what == second.descrizione),
        "{recalls:?}"
    );

    // Move the third by a week (same time): allowed, slot claims follow.
    let third = desk.appointment(ids[2]).unwrap().unwrap();
    let week_later = third.start + chrono::Duration::days(7);
    let week_later = if week_later.date() == NaiveDate::from_ymd_opt(2026, 12, 8).unwrap() {
        week_later + chrono::Duration::days(1)
    } else {
        week_later
    };
    let moved = desk.move_appointment(third.id, week_later, None, None);
    if let Ok(m) = &moved {
        assert_eq!(m.start, week_later);
    }
    // Cancel one: its slot is freed.
    let last = *ids.last().unwrap();
    desk.cancel_appointment(last, "richiesta del paziente")
        .unwrap();
    assert!(matches!(
        desk.appointment(last).unwrap().unwrap().stato,
        AppStato::Annullato { .. }
    ));
    let report = desk.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);

    // A booking on a holiday is refused without a reason, allowed with one.
    let mut manual = desk.appointment(ids[3]).unwrap().unwrap();
    manual.id = 0;
    manual.pai = None;
    manual.item = None;
    manual.occorrenza = None;
    manual.start = NaiveDate::from_ymd_opt(2026, 12, 8)
        .unwrap()
        .and_time(t(9, 0));
    manual.end = manual.start + chrono::Duration::minutes(20);
    let err = desk
        .book_appointment(manual.clone())
        .unwrap_err()
        .to_string();
    assert!(err.contains("forzatura"), "{err}");
    manual.forzatura = Some("visita urgente concordata".into());
    assert!(desk.book_appointment(manual).is_ok());

    let ics = desk.patient_ics(pid).unwrap();
    assert!(ics.contains("BEGIN:VCALENDAR") && ics.contains("BEGIN:VEVENT"));
    assert!(ics.contains("Europe/Rome"));
    let day = first.start.date();
    let text = desk.day_list_text(day, None).unwrap();
    assert!(text.contains("Cantù Noè"), "{text}");
    let report = desk.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn revoking_offers_the_future_appointments_for_cancellation() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let pid = setup(&desk);
    let pai = desk.current_pai(pid).unwrap().unwrap();
    let proposal = desk.plan_pai(pai.id, &Preferences::default()).unwrap();
    let booked = desk.accept_proposals(pai.id, &proposal.proposals).unwrap();
    let presa = desk.active_presa(pid).unwrap().unwrap();
    let revoked = desk
        .revoke_presa(pid, desk.today(), "trasferimento")
        .unwrap();
    assert_eq!(revoked.id, presa.id);
    let future = desk.future_appointments_of_presa(presa.id).unwrap();
    assert_eq!(future.len(), booked.len());
    let n = desk
        .cancel_future_appointments_of_presa(presa.id, "presa in carico revocata")
        .unwrap();
    assert_eq!(n, booked.len());
    assert!(
        desk.future_appointments_of_presa(presa.id)
            .unwrap()
            .is_empty()
    );
    for id in booked {
        assert!(matches!(
            desk.appointment(id).unwrap().unwrap().stato,
            AppStato::Annullato { .. }
        ));
    }
    let report = desk.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn pai_progress_counts_booked_and_done() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let pid = setup(&desk);
    let pai = desk.current_pai(pid).unwrap().unwrap();
    let proposal = desk.plan_pai(pai.id, &Preferences::default()).unwrap();
    let ids = desk.accept_proposals(pai.id, &proposal.proposals).unwrap();
    let first = desk.appointment(ids[0]).unwrap().unwrap();
    desk.mark_done(first.id).unwrap();
    let progress = desk.pai_progress(&pai).unwrap();
    let item = progress
        .iter()
        .find(|p| Some(p.item) == first.item)
        .unwrap();
    assert_eq!(item.done, 1);
    let booked_total: u32 = progress.iter().map(|p| p.booked).sum();
    assert_eq!(booked_total as usize, ids.len() - 1);
}
