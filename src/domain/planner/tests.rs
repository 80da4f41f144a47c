use super::*;
use crate::domain::agenda::{
    Esterno, Pattern, conflicts, double_bookings, over_capacity, same_slot_count,
};
use crate::domain::pai::{Categoria, PaiStato};
use chrono::{Datelike, Duration, Weekday};
use proptest::prelude::*;

const PATIENT: u64 = 42;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Punto prelievi every weekday 07:30-09:30 (10 min, 2 places); MMG
/// every weekday 09:00-12:00 and 15:00-18:00 (15 min); nurses Tuesday and
/// Thursday 08:30-12:00 (20 min); ECG Wednesday 14:00-16:00 (20 min).
fn resources() -> Vec<Resource> {
    let from = d(2025, 1, 1);
    let p = |g, a: NaiveTime, b: NaiveTime, durata, cap| Pattern::new(g, a, b, durata, cap, from);
    let mut prelievi = Resource::new(1, "Punto prelievi", "punto prelievi");
    let mut mmg = Resource::new(2, "Studio dott. Rossi", "ambulatorio MMG");
    for g in WEEKDAYS {
        prelievi = prelievi.with_pattern(p(g, t(7, 30), t(9, 30), 10, 2));
        mmg = mmg
            .with_pattern(p(g, t(9, 0), t(12, 0), 15, 1))
            .with_pattern(p(g, t(15, 0), t(18, 0), 15, 1));
    }
    let infermieri = Resource::new(
        3,
        "Ambulatorio infermieristico",
        "ambulatorio infermieristico",
    )
    .with_pattern(p(Weekday::Tue, t(8, 30), t(12, 0), 20, 1))
    .with_pattern(p(Weekday::Thu, t(8, 30), t(12, 0), 20, 1));
    let ecg = Resource::new(4, "ECG in telemedicina", "ECG").with_pattern(p(
        Weekday::Wed,
        t(14, 0),
        t(16, 0),
        20,
        1,
    ));
    vec![prelievi, mmg, infermieri, ecg]
}

fn item(id: ItemId, descr: &str, frequenza: Frequenza, risorsa: &str) -> PaiItem {
    let categoria = match risorsa {
        "punto prelievi" => Categoria::EsameLaboratorio,
        "ECG" => Categoria::DiagnosticaStrumentale,
        _ => Categoria::Visita,
    };
    PaiItem::new(id, categoria, descr, frequenza, Luogo::in_sede(risorsa))
}

fn fasting(mut i: PaiItem) -> PaiItem {
    i.preparazione = Some("a digiuno da 8 ore".into());
    i
}

fn after(mut i: PaiItem, deps: &[ItemId]) -> PaiItem {
    i.dopo = deps.to_vec();
    i
}

fn pai_with(items: Vec<PaiItem>, dal: NaiveDate) -> Pai {
    Pai {
        id: 7,
        patient: PATIENT,
        presa: 1,
        versione: 1,
        precedente: None,
        anno_dal: dal,
        anno_al: dal + Duration::days(364),
        items,
        farmaci: Vec::new(),
        stile_di_vita: vec!["camminare".into()],
        vaccinazioni: Vec::new(),
        esenzioni: Vec::new(),
        allergie: Vec::new(),
        stato: PaiStato::Bozza,
        clinical_manager: "dott. Rossi".into(),
    }
}

struct Setup {
    pai: Pai,
    resources: Vec<Resource>,
    closures: Vec<Closure>,
    calendar: LocalCalendar,
    preferences: Preferences,
    occupancy: MemoryOccupancy,
    from: NaiveDate,
    result_days: ResultDays,
}

impl Setup {
    fn new(pai: Pai) -> Setup {
        let from = pai.anno_dal;
        Setup {
            pai,
            resources: resources(),
            closures: Vec::new(),
            calendar: LocalCalendar::with_table(crate::io::tables::patroni(), Some("Milano")),
            preferences: Preferences::default(),
            occupancy: MemoryOccupancy::default(),
            from,
            result_days: ResultDays::same_day(),
        }
    }

    fn plan(&self) -> PlanOutput {
        plan(&PlanInput {
            pai: &self.pai,
            patient: PATIENT,
            resources: &self.resources,
            closures: &self.closures,
            calendar: &self.calendar,
            preferences: &self.preferences,
            existing: &self.occupancy,
            from: self.from,
            result_days: &self.result_days,
        })
    }
}

fn external(id: u64, patient: u64, start: NaiveDateTime, minutes: i64) -> Appointment {
    Appointment {
        id,
        patient,
        pai: None,
        item: None,
        occorrenza: None,
        resource: None,
        start,
        end: start + Duration::minutes(minutes),
        descrizione: "esterno".into(),
        stato: AppStato::Prenotato,
        esterno: Some(Esterno {
            erogatore: "Niguarda".into(),
            codice_prenotazione: "X1".into(),
        }),
        note: String::new(),
        forzatura: None,
    }
}

fn accepted(out: &PlanOutput, pai: &Pai) -> Vec<Appointment> {
    out.proposals
        .iter()
        .enumerate()
        .map(|(i, p)| p.appointment(100_000 + i as u64, PATIENT, pai.id))
        .collect()
}

// -----------------------------------------------------------------------
// Occurrences

#[test]
fn occurrences_are_spaced_by_the_frequency_with_tolerance_windows() {
    let dal = d(2026, 1, 15);
    let al = d(2027, 1, 14);
    let occ = |f| item_occurrences(&item(1, "x", f, "punto prelievi"), dal, al);
    let view = |list: Vec<Occurrence>| {
        list.iter()
            .map(|o| (o.occorrenza, o.target, o.finestra))
            .collect::<Vec<_>>()
    };
    // 3 a year: every 122 days, ±20, the first one tolerance in.
    assert_eq!(
        view(occ(Frequenza::VoltePerAnno(3))),
        [
            (1, d(2026, 2, 4), (d(2026, 1, 15), d(2026, 2, 24))),
            (2, d(2026, 6, 6), (d(2026, 5, 17), d(2026, 6, 26))),
            (3, d(2026, 10, 6), (d(2026, 9, 16), d(2026, 10, 26))),
        ]
    );
    // Quarterly: every 91 days, ±15.
    assert_eq!(
        view(occ(Frequenza::VoltePerAnno(4))),
        [
            (1, d(2026, 1, 30), (d(2026, 1, 15), d(2026, 2, 14))),
            (2, d(2026, 5, 1), (d(2026, 4, 16), d(2026, 5, 16))),
            (3, d(2026, 7, 31), (d(2026, 7, 16), d(2026, 8, 15))),
            (4, d(2026, 10, 30), (d(2026, 10, 15), d(2026, 11, 14))),
        ]
    );
    // Yearly: ±30, near the start.
    assert_eq!(
        view(occ(Frequenza::VoltePerAnno(1))),
        [(1, d(2026, 2, 14), (d(2026, 1, 15), d(2026, 3, 16)))]
    );
    // Every 6 months: 183 days apart.
    assert_eq!(
        occ(Frequenza::OgniMesi(6))
            .iter()
            .map(|o| o.target)
            .collect::<Vec<_>>(),
        [d(2026, 2, 14), d(2026, 8, 16)]
    );
    // Once, and over 12 months when due: any day of the year.
    assert_eq!(view(occ(Frequenza::UnaVolta)), [(1, dal, (dal, al))]);
    assert_eq!(view(occ(Frequenza::OgniMesi(24))), [(1, dal, (dal, al))]);
    let mut not_due = item(1, "x", Frequenza::OgniMesi(24), "punto prelievi");
    not_due.dovuto = false;
    assert!(item_occurrences(&not_due, dal, al).is_empty());
    // Monthly: 12 windows of ±7 days, never overlapping.
    let monthly = occ(Frequenza::VoltePerAnno(12));
    assert_eq!(monthly.len(), 12);
    assert!(
        monthly
            .windows(2)
            .all(|w| w[0].finestra.1 < w[1].finestra.0)
    );
    // Daily: every day of the year, windows of one day.
    let daily = occ(Frequenza::VoltePerAnno(365));
    assert_eq!(daily.len(), 365);
    assert_eq!(daily[364].target, al);
    assert!(daily.iter().all(|o| o.finestra == (o.target, o.target)));
    // Rounded intervals that would overrun the year are spread over it.
    let often = occ(Frequenza::VoltePerAnno(200));
    assert_eq!(often.len(), 200);
    assert!(often.iter().all(|o| o.target >= dal && o.target <= al));
    assert!(often.windows(2).all(|w| w[0].target < w[1].target));
    // Invalid frequencies and reversed plans give nothing.
    assert!(occ(Frequenza::VoltePerAnno(0)).is_empty());
    assert!(item_occurrences(&item(1, "x", Frequenza::UnaVolta, "ECG"), al, dal).is_empty());
    // A short plan (one quarter) needs one quarterly occurrence.
    let short = item_occurrences(
        &item(1, "x", Frequenza::VoltePerAnno(4), "ECG"),
        d(2026, 1, 1),
        d(2026, 3, 31),
    );
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].finestra, (d(2026, 1, 1), d(2026, 1, 31)));
}

// -----------------------------------------------------------------------
// Planning

fn dm2() -> Pai {
    Pai::from_templates(
        7,
        PATIENT,
        1,
        d(2026, 1, 15),
        d(2027, 1, 14),
        "dott. Rossi",
        &["50".to_string()],
        crate::io::tables::pai_templates(),
    )
}

#[test]
fn a_diabetes_plan_from_the_templates() {
    let setup = Setup::new(dm2());
    let out = setup.plan();
    let pai = &setup.pai;
    let in_house: u32 = pai
        .items
        .iter()
        .filter(|i| i.luogo.is_in_sede())
        .map(|i| i.occorrenze_in(pai.plan_days()))
        .sum();
    assert!(out.unplaced.is_empty(), "{:?}", out.unplaced);
    assert_eq!(out.proposals.len() as u32, in_house);
    // Fundus (every 24 months, due) and the diabetologist: to record by hand.
    let external: Vec<&str> = out
        .esterni
        .iter()
        .filter_map(|o| pai.item(o.item).map(|i| i.descrizione.as_str()))
        .collect();
    assert_eq!(external, ["Esame del fundus oculi", "Visita diabetologica"]);
    // Fasting tests in the morning; every lab test of a day in one slot.
    for p in &out.proposals {
        let item = pai.item(p.item).unwrap();
        if item
            .preparazione
            .as_deref()
            .is_some_and(|s| s.contains("digiuno"))
        {
            assert_eq!(Fascia::of(p.start.time()), Fascia::Mattina, "{p:?}");
        }
        assert!(p.start.date() >= p.finestra.0 && p.start.date() <= p.finestra.1);
    }
    let mut lab_visits: BTreeMap<NaiveDate, BTreeSet<NaiveDateTime>> = BTreeMap::new();
    for p in out.proposals.iter().filter(|p| p.resource == 1) {
        lab_visits
            .entry(p.start.date())
            .or_default()
            .insert(p.start);
    }
    assert!(lab_visits.values().all(|starts| starts.len() == 1));
    // The MMG visit comes after its tests (HbA1c, fasting glucose).
    let visit = pai
        .items
        .iter()
        .find(|i| i.descrizione == "Visita di controllo MMG")
        .unwrap();
    for v in out.proposals.iter().filter(|p| p.item == visit.id) {
        for dep in &visit.dopo {
            let dep_end = out
                .proposals
                .iter()
                .filter(|p| p.item == *dep && p.occorrenza == v.occorrenza)
                .map(|p| p.end)
                .next()
                .unwrap();
            assert!(dep_end <= v.start, "{v:?}");
        }
    }
    // Three lab rounds (3 a year): three trips, everything else joins them.
    assert_eq!(out.trips, 3);
    assert_eq!(out.trips as usize, lab_visits.len());
    // Accepted as is, no conflicts, no double booking, capacity respected.
    let booked = accepted(&out, pai);
    assert!(double_bookings(&booked).is_empty());
    assert!(over_capacity(&booked, &setup.resources).is_empty());
    for a in &booked {
        let r = setup.resources.iter().find(|r| Some(r.id) == a.resource);
        let others = same_slot_count(&booked, a.resource.unwrap(), a.start, a.patient);
        assert!(conflicts(a, r, others, &booked, &setup.closures, &setup.calendar).is_empty());
    }
    // Deterministic.
    assert_eq!(out, setup.plan());
}

/// Four lab items with different frequencies and a visit that needs them.
fn labs_and_visit() -> Vec<PaiItem> {
    vec![
        item(
            1,
            "Emoglobina glicata",
            Frequenza::VoltePerAnno(3),
            "punto prelievi",
        ),
        fasting(item(
            2,
            "Glicemia a digiuno",
            Frequenza::VoltePerAnno(3),
            "punto prelievi",
        )),
        item(
            3,
            "Creatinina",
            Frequenza::VoltePerAnno(2),
            "punto prelievi",
        ),
        fasting(item(
            4,
            "Profilo lipidico",
            Frequenza::VoltePerAnno(1),
            "punto prelievi",
        )),
        after(
            item(
                5,
                "Visita di controllo MMG",
                Frequenza::VoltePerAnno(4),
                "ambulatorio MMG",
            ),
            &[1, 2, 3, 4],
        ),
    ]
}

#[test]
fn bundling_needs_fewer_trips_than_planning_items_one_by_one() {
    let dal = d(2026, 1, 15);
    let bundled = Setup::new(pai_with(labs_and_visit(), dal)).plan();
    assert!(bundled.unplaced.is_empty(), "{:?}", bundled.unplaced);
    assert_eq!(bundled.proposals.len(), 3 + 3 + 2 + 1 + 4);
    let mut separate_days = BTreeSet::new();
    let mut separate_count = 0;
    for it in labs_and_visit() {
        let out = Setup::new(pai_with(vec![it], dal)).plan();
        assert!(out.unplaced.is_empty());
        separate_count += out.proposals.len();
        separate_days.extend(out.proposals.iter().map(|p| p.start.date()));
    }
    assert_eq!(separate_count, bundled.proposals.len());
    let bundled_days: BTreeSet<NaiveDate> =
        bundled.proposals.iter().map(|p| p.start.date()).collect();
    assert_eq!(bundled.trips as usize, bundled_days.len());
    assert!(
        bundled.trips < separate_days.len() as u32,
        "bundled {} trips, one by one {}",
        bundled.trips,
        separate_days.len()
    );
    // The first round: all four tests in one fasting morning slot, the
    // visit later that day.
    let first_day = bundled_days.first().copied().unwrap();
    let that_day: Vec<&Proposal> = bundled
        .proposals
        .iter()
        .filter(|p| p.start.date() == first_day)
        .collect();
    assert_eq!(
        that_day.iter().map(|p| p.item).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    let lab_start = that_day[0].start;
    assert!(
        that_day[..4]
            .iter()
            .all(|p| p.start == lab_start && p.resource == 1)
    );
    assert_eq!(Fascia::of(lab_start.time()), Fascia::Mattina);
    assert!(that_day[4].start >= that_day[0].end);
}

#[test]
fn unplaced_occurrences_say_why() {
    let dal = d(2026, 1, 15);
    let ecg = item(1, "Elettrocardiogramma", Frequenza::VoltePerAnno(1), "ECG");
    let lab = item(
        2,
        "Creatinina",
        Frequenza::VoltePerAnno(1),
        "punto prelievi",
    );
    let xray = item(3, "Radiografia", Frequenza::UnaVolta, "radiologia");
    let mut setup = Setup::new(pai_with(vec![ecg, lab, xray], dal));
    setup.resources.retain(|r| r.tipo != "ECG");
    // The practice is closed for the whole window of the lab test.
    setup
        .closures
        .push(Closure::periodo(1, None, dal, d(2026, 3, 16), "lavori"));
    let out = setup.plan();
    let reasons: Vec<(ItemId, &str)> = out
        .unplaced
        .iter()
        .map(|u| (u.item, u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (3, "nessuna risorsa di tipo «radiologia»"),
            (1, "nessuna risorsa di tipo «ECG»"),
            (2, "nessuno slot libero tra 15/01/2026 e 16/03/2026"),
        ]
    );
    assert!(out.proposals.is_empty());
    assert_eq!(out.trips, 0);

    // An inactive resource; a window already passed.
    let mut setup = Setup::new(pai_with(
        vec![item(
            1,
            "Elettrocardiogramma",
            Frequenza::VoltePerAnno(1),
            "ECG",
        )],
        dal,
    ));
    setup.resources[3].attiva = false;
    assert_eq!(
        setup.plan().unplaced[0].reason,
        "nessuna risorsa attiva di tipo «ECG»"
    );
    setup.resources[3].attiva = true;
    setup.from = d(2026, 4, 1);
    let out = setup.plan();
    assert_eq!(out.unplaced[0].reason, "finestra già passata");
    assert_eq!(out.unplaced[0].finestra, (dal, d(2026, 3, 16)));

    // Fasting with only afternoon draws.
    let mut setup = Setup::new(pai_with(
        vec![fasting(item(
            1,
            "Glicemia",
            Frequenza::VoltePerAnno(1),
            "punto prelievi",
        ))],
        dal,
    ));
    setup.resources[0].patterns = WEEKDAYS
        .iter()
        .map(|g| Pattern::new(*g, t(14, 0), t(15, 0), 10, 1, dal))
        .collect();
    assert_eq!(
        setup.plan().unplaced[0].reason,
        "nessuno slot libero di mattina (a digiuno) tra 15/01/2026 e 16/03/2026"
    );
}

#[test]
fn a_visit_that_cannot_follow_its_tests_says_so() {
    let dal = d(2026, 1, 15);
    let lab = item(
        1,
        "Creatinina",
        Frequenza::VoltePerAnno(1),
        "punto prelievi",
    );
    let visit = after(
        item(2, "Visita", Frequenza::VoltePerAnno(1), "ambulatorio MMG"),
        &[1],
    );
    let mut setup = Setup::new(pai_with(vec![lab, visit], dal));
    // Draws only on Friday afternoon, the doctor only on Monday morning;
    // every draw but the last Friday of the window is full.
    setup.resources[0].patterns = vec![Pattern::new(Weekday::Fri, t(17, 0), t(17, 10), 10, 1, dal)];
    setup.resources[1].patterns = vec![Pattern::new(Weekday::Mon, t(9, 0), t(9, 15), 15, 1, dal)];
    let mut others = Vec::new();
    let mut day = dal;
    while day < d(2026, 3, 13) {
        if day.weekday() == Weekday::Fri {
            let mut a = external(others.len() as u64 + 1, 1000, day.and_time(t(17, 0)), 10);
            a.resource = Some(1);
            others.push(a);
        }
        day += Duration::days(1);
    }
    setup.occupancy = MemoryOccupancy::new(others);
    // The doctor is away on the last Monday of the window.
    setup
        .closures
        .push(Closure::giornata(1, Some(2), d(2026, 3, 16), "congresso"));
    let out = setup.plan();
    assert_eq!(out.proposals.len(), 1);
    assert_eq!(out.proposals[0].start, d(2026, 3, 13).and_time(t(17, 0)));
    assert_eq!(
        out.unplaced
            .iter()
            .map(|u| u.reason.as_str())
            .collect::<Vec<_>>(),
        ["nessuno slot libero tra 15/01/2026 e 16/03/2026 dopo «Creatinina»"]
    );
}

#[test]
fn preferences_are_honoured_when_possible() {
    let dal = d(2026, 1, 15);
    let mut setup = Setup::new(pai_with(labs_and_visit(), dal));
    setup.preferences = Preferences {
        giorni: vec![Weekday::Thu],
        fascia: Some(Fascia::Pomeriggio),
    };
    let out = setup.plan();
    assert!(out.unplaced.is_empty());
    for p in &out.proposals {
        assert_eq!(p.start.weekday(), Weekday::Thu, "{p:?}");
        if p.resource == 2 {
            assert_eq!(Fascia::of(p.start.time()), Fascia::Pomeriggio, "{p:?}");
        } else {
            // Draws are in the morning only.
            assert_eq!(Fascia::of(p.start.time()), Fascia::Mattina, "{p:?}");
        }
    }
    // A weekday with no availability falls back to the others.
    setup.preferences = Preferences {
        giorni: vec![Weekday::Sun],
        fascia: None,
    };
    let out = setup.plan();
    assert!(out.unplaced.is_empty());
    assert_eq!(out.proposals.len(), 13);
}

#[test]
fn capacity_and_the_patients_own_appointments_are_respected() {
    let dal = d(2026, 1, 15);
    let mut setup = Setup::new(pai_with(
        vec![
            item(
                1,
                "Creatinina",
                Frequenza::VoltePerAnno(1),
                "punto prelievi",
            ),
            after(
                item(2, "Visita", Frequenza::VoltePerAnno(1), "ambulatorio MMG"),
                &[1],
            ),
        ],
        dal,
    ));
    // Every draw of the window is full except on Wednesday 11/02/2026
    // 07:30-08:00; the patient is elsewhere 07:25-07:45 that day.
    let free_day = d(2026, 2, 11);
    let mut others = Vec::new();
    let mut day = dal;
    while day <= d(2026, 3, 16) {
        for slot in slots_on(&setup.resources[0], day, &[], &setup.calendar) {
            if day == free_day && slot.start.time() < t(8, 0) {
                continue;
            }
            for patient in [1000, 1001] {
                let mut a = external(others.len() as u64 + 1, patient, slot.start, 10);
                a.resource = Some(1);
                others.push(a);
            }
        }
        day += Duration::days(1);
    }
    others.push(external(99_999, PATIENT, free_day.and_time(t(7, 25)), 20));
    setup.occupancy = MemoryOccupancy::new(others);
    let out = setup.plan();
    assert!(out.unplaced.is_empty(), "{:?}", out.unplaced);
    assert_eq!(out.proposals[0].start, free_day.and_time(t(7, 50)));
    assert_eq!(out.proposals[1].start, free_day.and_time(t(9, 0)));
    let mut all = setup.occupancy.appointments().to_vec();
    all.extend(accepted(&out, &setup.pai));
    assert!(double_bookings(&all).is_empty());
    assert!(over_capacity(&all, &setup.resources).is_empty());
}

#[test]
fn a_day_the_patient_comes_anyway_is_used() {
    let dal = d(2026, 1, 15);
    let mut setup = Setup::new(pai_with(
        vec![item(1, "ECG", Frequenza::VoltePerAnno(1), "ECG")],
        dal,
    ));
    // The patient sees the doctor on Wednesday 04/03/2026 at 15:00, not the
    // nearest Wednesday to the target (11/02).
    let mut visit = external(1, PATIENT, d(2026, 3, 4).and_time(t(15, 0)), 15);
    visit.resource = Some(2);
    setup.occupancy = MemoryOccupancy::new(vec![visit]);
    let out = setup.plan();
    assert_eq!(out.proposals.len(), 1);
    assert_eq!(out.proposals[0].start, d(2026, 3, 4).and_time(t(14, 0)));
    assert_eq!(out.trips, 1);
}

#[test]
fn holidays_and_the_patron_day_get_nothing() {
    // A monthly test whose first window is 01/12/2026 - 15/12/2026 (target
    // 08/12), draws only on Monday and Tuesday from 02/12: 07/12
    // (Sant'Ambrogio, in Milano) and 08/12 (Immacolata) are closed.
    let dal = d(2026, 12, 1);
    let mut setup = Setup::new(pai_with(
        vec![item(
            1,
            "INR",
            Frequenza::VoltePerAnno(12),
            "punto prelievi",
        )],
        dal,
    ));
    setup.resources[0].patterns = [Weekday::Mon, Weekday::Tue]
        .iter()
        .map(|g| Pattern::new(*g, t(7, 30), t(7, 40), 10, 1, d(2026, 12, 2)))
        .collect();
    let out = setup.plan();
    assert_eq!(out.proposals[0].target, d(2026, 12, 8));
    assert_eq!(out.proposals[0].finestra, (dal, d(2026, 12, 15)));
    assert_eq!(out.proposals[0].start.date(), d(2026, 12, 14));
    // In Bergamo Sant'Ambrogio is a working day.
    setup.calendar = LocalCalendar::with_table(crate::io::tables::patroni(), Some("Bergamo"));
    assert_eq!(setup.plan().proposals[0].start.date(), d(2026, 12, 7));
}

#[test]
fn booked_occurrences_are_not_planned_again() {
    let dal = d(2026, 1, 15);
    let mut setup = Setup::new(pai_with(labs_and_visit(), dal));
    let first = setup.plan();
    // Accept all, then the patient misses the first visit and does the first tests.
    let mut booked = accepted(&first, &setup.pai);
    let first_visit = booked
        .iter()
        .position(|a| a.item == Some(5) && a.occorrenza == Some(1))
        .unwrap();
    booked[first_visit].stato = AppStato::NonPresentato;
    for a in booked
        .iter_mut()
        .filter(|a| a.occorrenza == Some(1) && a.item != Some(5))
    {
        a.stato = AppStato::Eseguito;
    }
    setup.occupancy = MemoryOccupancy::new(booked.clone());
    setup.from = first.proposals[0].start.date() + Duration::days(1);
    let again = setup.plan();
    // Only the missed visit is planned again, inside its window.
    assert_eq!(again.prenotate.len(), first.proposals.len() - 1);
    assert_eq!(again.proposals.len(), 1);
    assert_eq!(
        (again.proposals[0].item, again.proposals[0].occorrenza),
        (5, 1)
    );
    assert!(again.proposals[0].start.date() >= setup.from);
    // Recall list and adherence.
    let recall = da_prenotare(&setup.pai, &booked);
    assert_eq!(
        recall
            .iter()
            .map(|o| (o.item, o.occorrenza))
            .collect::<Vec<_>>(),
        [(5, 1)]
    );
    let today = d(2026, 3, 20);
    let adherence = adherence_of(&setup.pai, &booked, today);
    // Due by 20/03: the four first tests (done) and the first visit (missed).
    assert_eq!(
        adherence,
        Adherence {
            dovute: 5,
            eseguite: 4
        }
    );
    assert_eq!(adherence.share(), Some(0.8));
    // The rebooked visit, done: adherence goes up.
    let mut redo = again.proposals[0].appointment(1, PATIENT, setup.pai.id);
    redo.stato = AppStato::Eseguito;
    booked.push(redo);
    assert_eq!(
        adherence_of(&setup.pai, &booked, today),
        Adherence {
            dovute: 5,
            eseguite: 5
        }
    );
    assert!(da_prenotare(&setup.pai, &booked).is_empty());
}

#[test]
fn external_items_are_listed_for_manual_recording() {
    let dal = d(2026, 1, 15);
    let mut cardio = item(1, "Visita cardiologica", Frequenza::VoltePerAnno(2), "x");
    cardio.luogo = Luogo::esterno("cardiologia");
    let mut setup = Setup::new(pai_with(vec![cardio], dal));
    let out = setup.plan();
    assert!(out.proposals.is_empty() && out.unplaced.is_empty());
    assert_eq!(out.esterni.len(), 2);
    assert_eq!(out.esterni[0].finestra, (dal, d(2026, 3, 16)));
    // Once recorded, it is no longer listed.
    let mut recorded = external(1, PATIENT, d(2026, 2, 10).and_time(t(11, 0)), 30);
    recorded.pai = Some(7);
    recorded.item = Some(1);
    recorded.occorrenza = Some(1);
    setup.occupancy = MemoryOccupancy::new(vec![recorded]);
    let out = setup.plan();
    assert_eq!(out.esterni.len(), 1);
    assert_eq!(out.prenotate.len(), 1);
}

#[test]
fn memory_occupancy_counts_patients_not_appointments() {
    let start = d(2026, 3, 9).and_time(t(7, 30));
    let mut list = Vec::new();
    for (id, patient) in [(1, 5), (2, 5), (3, 6)] {
        let mut a = external(id, patient, start, 10);
        a.resource = Some(1);
        list.push(a);
    }
    let mut cancelled = external(4, 7, start, 10);
    cancelled.resource = Some(1);
    cancelled.stato = AppStato::Annullato { motivo: "x".into() };
    list.push(cancelled);
    let occupancy = MemoryOccupancy::new(list);
    assert_eq!(occupancy.booked(1, start), 2);
    assert_eq!(occupancy.booked(2, start), 0);
    let day = |h| d(2026, 3, 9).and_time(t(h, 0));
    assert_eq!(occupancy.patient_appointments(5, day(0), day(23)).len(), 2);
    assert_eq!(occupancy.patient_appointments(5, day(8), day(23)).len(), 0);
    assert_eq!(occupancy.patient_appointments(9, day(0), day(23)).len(), 0);
}

#[test]
fn nothing_to_plan_and_odd_inputs_do_not_panic() {
    let dal = d(2026, 1, 15);
    let empty = Setup::new(pai_with(Vec::new(), dal)).plan();
    assert_eq!(empty, PlanOutput::default());
    // Reversed plan, dependency on itself and on a missing item, a cycle.
    let mut pai = pai_with(
        vec![
            after(
                item(1, "a", Frequenza::VoltePerAnno(12), "punto prelievi"),
                &[1, 9, 2],
            ),
            after(
                item(2, "b", Frequenza::VoltePerAnno(12), "ambulatorio MMG"),
                &[1],
            ),
            item(3, "c", Frequenza::VoltePerAnno(0), "ECG"),
        ],
        dal,
    );
    let out = Setup::new(pai.clone()).plan();
    assert_eq!(out.proposals.len() + out.unplaced.len(), 24);
    pai.anno_al = dal - Duration::days(1);
    assert_eq!(Setup::new(pai.clone()).plan(), PlanOutput::default());
    // Far dates.
    pai.anno_dal = NaiveDate::MAX - Duration::days(10);
    pai.anno_al = NaiveDate::MAX;
    let mut setup = Setup::new(pai);
    setup.from = NaiveDate::MAX - Duration::days(5);
    let _ = setup.plan();
}

#[test]
fn thousands_of_occurrences_are_planned() {
    // Daily and weekly items: about 2,500 occurrences with narrow windows.
    let dal = d(2026, 1, 15);
    let mut items = Vec::new();
    for id in 1..=6 {
        let tipo = ["punto prelievi", "ambulatorio MMG", "ECG"][id as usize % 3];
        items.push(item(id, "quotidiana", Frequenza::VoltePerAnno(365), tipo));
    }
    for id in 7..=12 {
        items.push(after(
            item(
                id,
                "settimanale",
                Frequenza::VoltePerAnno(52),
                "ambulatorio MMG",
            ),
            &[id - 6],
        ));
    }
    let setup = Setup::new(pai_with(items, dal));
    let out = setup.plan();
    assert_eq!(out.proposals.len() + out.unplaced.len(), 6 * 365 + 6 * 52);
    assert!(double_bookings(&accepted(&out, &setup.pai)).is_empty());
    assert!(over_capacity(&accepted(&out, &setup.pai), &setup.resources).is_empty());
}

// -----------------------------------------------------------------------
// Properties

const TIPI: [&str; 4] = ["punto prelievi", "ambulatorio MMG", "ECG", "radiologia"];

const FREQUENZE: [Frequenza; 9] = [
    Frequenza::VoltePerAnno(1),
    Frequenza::VoltePerAnno(2),
    Frequenza::VoltePerAnno(3),
    Frequenza::VoltePerAnno(4),
    Frequenza::VoltePerAnno(6),
    Frequenza::VoltePerAnno(12),
    Frequenza::OgniMesi(6),
    Frequenza::OgniMesi(24),
    Frequenza::UnaVolta,
];

/// (weekday, start minute, length, slot minutes, capacity)
type PatternSpec = (u8, u32, u32, u16, u16);

#[derive(Debug, Clone)]
struct Scenario {
    /// (tipo, patterns: (weekday, start minute, length, slot, capacity), active)
    resources: Vec<(usize, Vec<PatternSpec>, bool)>,
    /// (tipo, frequency, fasting, external, deps mask)
    items: Vec<(usize, usize, bool, bool, u8)>,
    /// (day, start minute, minutes, resource or practice, resource index)
    closures: Vec<(i64, u32, u32, bool, usize)>,
    /// (day, resource index, slot index, patients)
    others: Vec<(i64, usize, usize, u16)>,
    /// the patient's own external appointments: (day, minute, minutes)
    own: Vec<(i64, u32, u32)>,
    /// already booked occurrences: (item index, occurrence)
    booked: Vec<(usize, u32)>,
    start: i64,
    from: i64,
    giorni: Vec<u8>,
    fascia: u8,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let pattern = (
        0u8..6,
        (6u32 * 60)..(18 * 60),
        30u32..300,
        5u16..40,
        1u16..4,
    );
    let resource = (
        0usize..3,
        proptest::collection::vec(pattern, 1..7),
        proptest::bool::weighted(0.9),
    );
    let item = (
        prop_oneof![6 => 0usize..3, 1 => Just(3usize)],
        0usize..FREQUENZE.len(),
        any::<bool>(),
        proptest::bool::weighted(0.15),
        any::<u8>(),
    );
    (
        proptest::collection::vec(resource, 0..7),
        proptest::collection::vec(item, 1..9),
        proptest::collection::vec(
            (0i64..420, 0u32..1440, 10u32..3000, any::<bool>(), 0usize..5),
            0..6,
        ),
        proptest::collection::vec((0i64..420, 0usize..7, 0usize..40, 1u16..4), 0..300),
        proptest::collection::vec((0i64..420, (6u32 * 60)..(19 * 60), 10u32..240), 0..6),
        proptest::collection::vec((0usize..8, 1u32..4), 0..3),
        0i64..200,
        prop_oneof![3 => Just(0i64), 2 => 0i64..150],
        proptest::collection::vec(0u8..7, 0..3),
        0u8..3,
    )
        .prop_map(
            |(resources, items, closures, others, own, booked, start, from, giorni, fascia)| {
                Scenario {
                    resources,
                    items,
                    closures,
                    others,
                    own,
                    booked,
                    start,
                    from,
                    giorni,
                    fascia,
                }
            },
        )
}

fn build(s: &Scenario) -> (Setup, Vec<Appointment>) {
    let day0 = d(2026, 1, 1);
    let dal = day0 + Duration::days(s.start);
    let mut resources = Vec::new();
    for (i, (tipo, patterns, attiva)) in s.resources.iter().enumerate() {
        let mut r = Resource::new(i as u64 + 1, &format!("R{i}"), TIPI[*tipo]);
        r.attiva = *attiva;
        for (g, start, len, durata, cap) in patterns {
            let end = (start + len).min(23 * 60 + 59);
            let p = Pattern::new(
                Weekday::try_from(*g).unwrap(),
                NaiveTime::from_num_seconds_from_midnight_opt(start * 60, 0).unwrap(),
                NaiveTime::from_num_seconds_from_midnight_opt(end * 60, 0).unwrap(),
                *durata,
                *cap,
                day0,
            );
            if p.validate().is_ok() && !r.patterns.iter().any(|q| q.overlaps(&p)) {
                r.patterns.push(p);
            }
        }
        resources.push(r);
    }
    let mut items = Vec::new();
    for (i, (tipo, f, fast, ext, mask)) in s.items.iter().enumerate() {
        let id = i as ItemId + 1;
        let mut it = item(id, &format!("voce {id}"), FREQUENZE[*f], TIPI[*tipo]);
        if *fast {
            it = fasting(it);
        }
        if *ext {
            it.luogo = Luogo::esterno("specialista");
        }
        it.dopo = (0..i)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| k as ItemId + 1)
            .collect();
        items.push(it);
    }
    let pai = pai_with(items, dal);
    let calendar = LocalCalendar::with_table(crate::io::tables::patroni(), Some("Milano"));
    let closures: Vec<Closure> = s
        .closures
        .iter()
        .enumerate()
        .map(|(i, (day, minute, len, practice, r))| {
            let at = (day0 + Duration::days(*day)).and_time(NaiveTime::MIN)
                + Duration::minutes(i64::from(*minute));
            Closure {
                id: i as u64,
                resource: if *practice { None } else { Some(*r as u64 + 1) },
                dal: at,
                al: at + Duration::minutes(i64::from(*len)),
                motivo: "chiuso".into(),
            }
        })
        .collect();
    // Other patients: never over capacity.
    let mut existing: Vec<Appointment> = Vec::new();
    let mut occupancy = MemoryOccupancy::default();
    let mut next_id = 1u64;
    for (day, r, slot, patients) in &s.others {
        let Some(resource) = resources.get(*r) else {
            continue;
        };
        let slots = slots_on(resource, day0 + Duration::days(*day), &closures, &calendar);
        let Some(slot) = slots.get(*slot) else {
            continue;
        };
        for _ in 0..*patients {
            if occupancy.booked(resource.id, slot.start) >= slot.capacita {
                break;
            }
            let mut a = external(next_id, 1000 + next_id, slot.start, 0);
            a.end = slot.end;
            a.resource = Some(resource.id);
            a.esterno = None;
            next_id += 1;
            occupancy.add(a.clone());
            existing.push(a);
        }
    }
    for (day, minute, len) in &s.own {
        let at = (day0 + Duration::days(*day)).and_time(NaiveTime::MIN)
            + Duration::minutes(i64::from(*minute));
        let a = external(next_id, PATIENT, at, i64::from(*len));
        next_id += 1;
        occupancy.add(a.clone());
        existing.push(a);
    }
    for (item_index, occ) in &s.booked {
        let Some(it) = pai.items.get(*item_index) else {
            continue;
        };
        let Some(o) = item_occurrences(it, pai.anno_dal, pai.anno_al)
            .get(*occ as usize - 1)
            .copied()
        else {
            continue;
        };
        let mut a = external(next_id, PATIENT, o.target.and_time(t(20, 0)), 30);
        next_id += 1;
        a.pai = Some(pai.id);
        a.item = Some(it.id);
        a.occorrenza = Some(o.occorrenza);
        occupancy.add(a.clone());
        existing.push(a);
    }
    let preferences = Preferences {
        giorni: s
            .giorni
            .iter()
            .map(|g| Weekday::try_from(*g).unwrap())
            .collect(),
        fascia: match s.fascia {
            1 => Some(Fascia::Mattina),
            2 => Some(Fascia::Pomeriggio),
            _ => None,
        },
    };
    let from = dal + Duration::days(s.from);
    (
        Setup {
            pai,
            resources,
            closures,
            calendar,
            preferences,
            occupancy,
            from,
            result_days: ResultDays::default(),
        },
        existing,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn plans_keep_every_rule(s in scenario()) {
        let (setup, existing) = build(&s);
        let out = setup.plan();
        let pai = &setup.pai;
        prop_assert_eq!(&out, &setup.plan());

        for p in &out.proposals {
            let it = pai.item(p.item).unwrap();
            let day = p.start.date();
            prop_assert!(day >= setup.from);
            prop_assert!(day >= p.finestra.0 && day <= p.finestra.1);
            prop_assert!(!setup.calendar.is_holiday(day));
            prop_assert!(!setup.closures.iter().any(|c| c.applies_to(p.resource) && c.overlaps(p.start, p.end)));
            let r = setup.resources.iter().find(|r| r.id == p.resource).unwrap();
            prop_assert!(r.attiva);
            prop_assert!(r.matches_tipo(it.luogo.nome()));
            let (_, slot) = r.pattern_slot_at(p.start).unwrap();
            prop_assert_eq!(slot.end, p.end);
            if it.preparazione.is_some() {
                prop_assert_eq!(Fascia::of(p.start.time()), Fascia::Mattina);
            }
            // After the dependencies' occurrences that were placed.
            for dep in &it.dopo {
                for q in out.proposals.iter().filter(|q| q.item == *dep) {
                    let (a, b) = (q.finestra.0.max(setup.from), q.finestra.1);
                    let (c, e) = (p.finestra.0.max(setup.from), p.finestra.1);
                    if a <= e && c <= b {
                        // The nearest one by target is the one linked; any
                        // overlapping one placed before is fine, so check
                        // the linked one only.
                        let nearest = out
                            .proposals
                            .iter()
                            .chain(std::iter::empty())
                            .filter(|x| x.item == *dep)
                            .filter(|x| x.finestra.0.max(setup.from) <= e && c <= x.finestra.1)
                            .min_by_key(|x| ((x.target - p.target).num_days().abs(), x.target))
                            .unwrap();
                        let linked_unplaced_or_booked = item_occurrences(pai.item(*dep).unwrap(), pai.anno_dal, pai.anno_al)
                            .iter()
                            .filter(|o| o.finestra.1 >= setup.from)
                            .filter(|o| o.finestra.0.max(setup.from) <= e && c <= o.finestra.1)
                            .min_by_key(|o| ((o.target - p.target).num_days().abs(), o.target))
                            .map(|o| o.occorrenza);
                        if linked_unplaced_or_booked == Some(nearest.occorrenza) {
                            prop_assert!(nearest.end <= p.start, "{:?} before {:?}", nearest, p);
                            // Once its results are there.
                            let gap = setup.result_days.get(pai.item(*dep).unwrap().luogo.nome());
                            let ready = working_days_after(nearest.start.date(), gap, &setup.calendar, &setup.closures);
                            prop_assert!(p.start.date() >= ready, "{:?} {} working days after {:?}", p, gap, nearest);
                        }
                    }
                }
            }
        }

        // No double booking of the patient, no slot over capacity.
        let mut all = existing.clone();
        all.extend(accepted(&out, pai));
        // (The scenario's own appointments may overlap each other.)
        let doubles: Vec<_> = double_bookings(&all)
            .into_iter()
            .filter(|(a, b)| *a >= 100_000 || *b >= 100_000)
            .collect();
        prop_assert!(doubles.is_empty(), "{:?}", doubles);
        prop_assert!(over_capacity(&all, &setup.resources).is_empty());

        // Every occurrence accounted for exactly once.
        let mut seen = BTreeSet::new();
        let keys = out.proposals.iter().map(|p| (p.item, p.occorrenza))
            .chain(out.unplaced.iter().map(|u| (u.item, u.occorrenza)))
            .chain(out.esterni.iter().map(|o| (o.item, o.occorrenza)))
            .chain(out.prenotate.iter().map(|o| (o.item, o.occorrenza)));
        for k in keys {
            prop_assert!(seen.insert(k), "{:?} twice", k);
        }
        for it in &pai.items {
            let needed = it.occorrenze_in(pai.plan_days());
            prop_assert_eq!(item_occurrences(it, pai.anno_dal, pai.anno_al).len() as u32, needed);
            let count = |list: &[(ItemId, u32)]| list.iter().filter(|(i, _)| *i == it.id).count() as u32;
            let proposals: Vec<_> = out.proposals.iter().map(|p| (p.item, p.occorrenza)).collect();
            let unplaced: Vec<_> = out.unplaced.iter().map(|u| (u.item, u.occorrenza)).collect();
            let esterni: Vec<_> = out.esterni.iter().map(|o| (o.item, o.occorrenza)).collect();
            let prenotate: Vec<_> = out.prenotate.iter().map(|o| (o.item, o.occorrenza)).collect();
            if it.luogo.is_in_sede() {
                prop_assert_eq!(count(&proposals) + count(&unplaced) + count(&prenotate), needed);
                prop_assert_eq!(count(&esterni), 0);
            } else {
                prop_assert_eq!(count(&esterni) + count(&prenotate), needed);
                prop_assert_eq!(count(&proposals) + count(&unplaced), 0);
            }
        }
        prop_assert!(out.unplaced.iter().all(|u| !u.reason.is_empty()));
        let days: BTreeSet<NaiveDate> = out.proposals.iter().map(|p| p.start.date()).collect();
        prop_assert_eq!(out.trips as usize, days.len());
    }
}
