use super::*;
use crate::domain::calendar::LocalCalendar;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_time(t(h, min))
}

fn pattern(giorno: Weekday, dalle: NaiveTime, alle: NaiveTime, durata: u16, cap: u16) -> Pattern {
    Pattern::new(giorno, dalle, alle, durata, cap, d(2026, 1, 1))
}

/// Punto prelievi: Monday to Friday 07:30-09:30, 10 minutes, 2 places.
fn prelievi() -> Resource {
    let mut r = Resource::new(1, "Punto prelievi", "punto prelievi");
    for g in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ] {
        r = r.with_pattern(pattern(g, t(7, 30), t(9, 30), 10, 2));
    }
    r
}

fn appointment(
    id: u64,
    patient: u64,
    resource: Option<u64>,
    start: NaiveDateTime,
    minutes: i64,
) -> Appointment {
    Appointment {
        id,
        patient,
        pai: None,
        item: None,
        occorrenza: None,
        resource,
        start,
        end: start + Duration::minutes(minutes),
        descrizione: format!("appuntamento {id}"),
        stato: AppStato::Prenotato,
        esterno: None,
        note: String::new(),
        forzatura: None,
    }
}

#[test]
fn pattern_validation_in_italian() {
    let ok = pattern(Weekday::Mon, t(8, 0), t(12, 0), 15, 1);
    assert_eq!(ok.validate(), Ok(()));
    let cases = [
        (
            pattern(Weekday::Mon, t(12, 0), t(8, 0), 15, 1),
            "l'orario di fine (08:00) deve essere dopo quello di inizio (12:00)",
        ),
        (
            pattern(Weekday::Mon, t(8, 0), t(8, 0), 15, 1),
            "l'orario di fine (08:00) deve essere dopo quello di inizio (08:00)",
        ),
        (
            pattern(Weekday::Mon, t(8, 0), t(12, 0), 4, 1),
            "durata dello slot non valida: 4 minuti (ammessa da 5 a 240 minuti)",
        ),
        (
            pattern(Weekday::Mon, t(8, 0), t(18, 0), 241, 1),
            "durata dello slot non valida: 241 minuti (ammessa da 5 a 240 minuti)",
        ),
        (
            pattern(Weekday::Mon, t(8, 0), t(8, 10), 15, 1),
            "la fascia oraria è più corta di uno slot di 15 minuti",
        ),
        (
            pattern(Weekday::Mon, t(8, 0), t(12, 0), 15, 0),
            "capacità dello slot non valida: 0 (ammessa da 1 a 50)",
        ),
        (
            pattern(Weekday::Mon, t(8, 0), t(12, 0), 15, 51),
            "capacità dello slot non valida: 51 (ammessa da 1 a 50)",
        ),
        (
            Pattern {
                valido_al: Some(d(2025, 12, 31)),
                ..ok.clone()
            },
            "la validità termina (31/12/2025) prima di iniziare (01/01/2026)",
        ),
    ];
    for (p, message) in cases {
        assert_eq!(
            p.validate().map_err(|e| e.to_string()),
            Err(message.to_string())
        );
    }
    // Limits are accepted.
    assert_eq!(
        pattern(Weekday::Mon, t(8, 0), t(8, 5), 5, 50).validate(),
        Ok(())
    );
    assert_eq!(
        pattern(Weekday::Mon, t(8, 0), t(12, 0), 240, 1).validate(),
        Ok(())
    );
}

#[test]
fn resource_validation_refuses_overlapping_patterns() {
    let base = Resource::new(2, "Studio dott. Rossi", "ambulatorio MMG");
    let r = base
        .clone()
        .with_pattern(pattern(Weekday::Mon, t(8, 0), t(12, 0), 15, 1))
        .with_pattern(pattern(Weekday::Mon, t(11, 0), t(13, 0), 15, 1));
    assert_eq!(
        r.validate().map_err(|e| e.to_string()),
        Err("le fasce del lunedì si sovrappongono: 08:00-12:00 e 11:00-13:00".into())
    );
    // Touching ranges, other weekdays and disjoint validity periods are fine.
    let mut until_march = pattern(Weekday::Mon, t(8, 0), t(12, 0), 15, 1);
    until_march.valido_al = Some(d(2026, 3, 31));
    let mut from_april = pattern(Weekday::Mon, t(9, 0), t(13, 0), 20, 1);
    from_april.valido_dal = d(2026, 4, 1);
    let ok = base
        .clone()
        .with_pattern(until_march.clone())
        .with_pattern(from_april.clone())
        .with_pattern(pattern(Weekday::Mon, t(14, 0), t(16, 0), 15, 1))
        .with_pattern(pattern(Weekday::Mon, t(16, 0), t(18, 0), 15, 1))
        .with_pattern(pattern(Weekday::Tue, t(8, 0), t(12, 0), 15, 1));
    assert_eq!(ok.validate(), Ok(()));
    // Validity periods that meet on one day overlap.
    from_april.valido_dal = d(2026, 3, 31);
    let overlapping = base
        .clone()
        .with_pattern(until_march)
        .with_pattern(from_april);
    assert!(matches!(
        overlapping.validate(),
        Err(AgendaError::Sovrapposte { .. })
    ));
    // A bad pattern is named.
    let bad = base
        .clone()
        .with_pattern(pattern(Weekday::Fri, t(8, 0), t(12, 0), 3, 1));
    assert_eq!(
        bad.validate().map_err(|e| e.to_string()),
        Err("fascia venerdì 08:00-12:00: durata dello slot non valida: 3 minuti (ammessa da 5 a 240 minuti)".into())
    );
    assert_eq!(
        Resource::new(3, " ", "ECG").validate(),
        Err(AgendaError::NomeMancante)
    );
    assert_eq!(
        Resource::new(3, "ECG", "").validate(),
        Err(AgendaError::TipoMancante)
    );
}

#[test]
fn weekdays_typed_as_spans_and_lists() {
    use Weekday::*;
    let cases: [(&str, Option<Vec<Weekday>>); 10] = [
        ("lun-ven", Some(vec![Mon, Tue, Wed, Thu, Fri])),
        ("lun,mer,ven", Some(vec![Mon, Wed, Fri])),
        ("Martedì", Some(vec![Tue])),
        ("ven, lun - mer", Some(vec![Mon, Tue, Wed, Fri])),
        ("sab-lun", Some(vec![Mon, Sat, Sun])),
        ("mon-fri", Some(vec![Mon, Tue, Wed, Thu, Fri])),
        ("lun mar lun", Some(vec![Mon, Tue])),
        ("", None),
        ("lu", None),
        ("lun-xyz", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_giorni(text), expected, "{text}");
    }
    assert_eq!(giorni_label(&[Mon, Tue, Wed, Thu, Fri]), "lun-ven");
    assert_eq!(giorni_label(&[Fri, Mon, Wed]), "lun,mer,ven");
    assert_eq!(giorni_label(&[Mon, Tue, Wed, Fri, Sat]), "lun-mer,ven,sab");
    for label in ["lun-ven", "lun,mer,ven", "lun-mer,ven,sab", "dom"] {
        assert_eq!(giorni_label(&parse_giorni(label).unwrap()), label);
    }
}

#[test]
fn kinds_match_ignoring_case_and_accents() {
    let r = Resource::new(1, "Infermieri", "Ambulatorio infermieristico");
    assert!(r.matches_tipo("ambulatorio  INFERMIERISTICO"));
    assert!(!r.matches_tipo("ambulatorio MMG"));
    assert!(!r.matches_tipo(""));
    assert!(Resource::new(2, "ECG", "ECG").matches_tipo("ecg"));
}

#[test]
fn slots_of_a_day() {
    let calendar = LocalCalendar::national();
    let r = prelievi();
    // Monday 9 March 2026: 07:30 to 09:30 in 10-minute slots.
    let slots = slots_on(&r, d(2026, 3, 9), &[], &calendar);
    assert_eq!(slots.len(), 12);
    assert_eq!(slots[0].start, dt(2026, 3, 9, 7, 30));
    assert_eq!(slots[0].end, dt(2026, 3, 9, 7, 40));
    assert_eq!(slots[11].start, dt(2026, 3, 9, 9, 20));
    assert_eq!(slots[11].end, dt(2026, 3, 9, 9, 30));
    assert!(slots.iter().all(|s| s.capacita == 2 && s.resource == 1));
    // No pattern on Saturday and Sunday.
    assert!(slots_on(&r, d(2026, 3, 14), &[], &calendar).is_empty());
    assert!(slots_on(&r, d(2026, 3, 15), &[], &calendar).is_empty());
    // A range that is not a multiple of the slot leaves the remainder unused.
    let odd = Resource::new(2, "MMG", "ambulatorio MMG").with_pattern(pattern(
        Weekday::Mon,
        t(9, 0),
        t(10, 0),
        25,
        1,
    ));
    let slots = slots_on(&odd, d(2026, 3, 9), &[], &calendar);
    assert_eq!(
        slots.iter().map(|s| s.start.time()).collect::<Vec<_>>(),
        [t(9, 0), t(9, 25)]
    );
    // An inactive resource has no slots.
    let mut off = prelievi();
    off.attiva = false;
    assert!(slots_on(&off, d(2026, 3, 9), &[], &calendar).is_empty());
}

#[test]
fn validity_dates_bound_a_pattern() {
    let calendar = LocalCalendar::national();
    let mut p = pattern(Weekday::Mon, t(9, 0), t(10, 0), 30, 1);
    p.valido_dal = d(2026, 3, 9);
    p.valido_al = Some(d(2026, 3, 16));
    let r = Resource::new(1, "MMG", "ambulatorio MMG").with_pattern(p);
    assert!(slots_on(&r, d(2026, 3, 2), &[], &calendar).is_empty());
    assert_eq!(slots_on(&r, d(2026, 3, 9), &[], &calendar).len(), 2);
    assert_eq!(slots_on(&r, d(2026, 3, 16), &[], &calendar).len(), 2);
    assert!(slots_on(&r, d(2026, 3, 23), &[], &calendar).is_empty());
}

#[test]
fn no_slots_on_holidays_and_the_patron_day() {
    let r = prelievi();
    let milano = LocalCalendar::with_table(crate::io::tables::patroni(), Some("Milano"));
    let bergamo = LocalCalendar::with_table(crate::io::tables::patroni(), Some("Bergamo"));
    // Tuesday 8 December 2026, Immacolata: a national holiday.
    assert_eq!(d(2026, 12, 8).weekday(), Weekday::Tue);
    assert!(slots_on(&r, d(2026, 12, 8), &[], &milano).is_empty());
    assert!(slots_on(&r, d(2026, 12, 8), &[], &bergamo).is_empty());
    // Monday 7 December 2026, Sant'Ambrogio: closed in Milano only.
    assert!(slots_on(&r, d(2026, 12, 7), &[], &milano).is_empty());
    assert_eq!(slots_on(&r, d(2026, 12, 7), &[], &bergamo).len(), 12);
    // Easter Monday 2026 and 4 October 2027 (a Monday, holiday from 2026 on).
    assert!(slots_on(&r, d(2026, 4, 6), &[], &bergamo).is_empty());
    assert!(slots_on(&r, d(2027, 10, 4), &[], &bergamo).is_empty());
    // The day after is open.
    assert_eq!(slots_on(&r, d(2026, 12, 9), &[], &milano).len(), 12);
}

#[test]
fn a_saturday_pattern_opens_saturdays_but_not_holidays() {
    let calendar = LocalCalendar::national();
    let r = Resource::new(1, "Prelievi", "punto prelievi").with_pattern(pattern(
        Weekday::Sat,
        t(8, 0),
        t(10, 0),
        20,
        1,
    ));
    assert_eq!(slots_on(&r, d(2026, 3, 14), &[], &calendar).len(), 6);
    // Saturday 15 August 2026, Ferragosto.
    assert_eq!(d(2026, 8, 15).weekday(), Weekday::Sat);
    assert!(slots_on(&r, d(2026, 8, 15), &[], &calendar).is_empty());
}

#[test]
fn closures_drop_slots() {
    let calendar = LocalCalendar::national();
    let r = prelievi();
    let monday = d(2026, 3, 9);
    // Part of a day: 08:00-08:30 closes three slots.
    let part = Closure::fascia(1, Some(1), monday, t(8, 0), t(8, 30), "guasto centrifuga");
    let slots = slots_on(&r, monday, std::slice::from_ref(&part), &calendar);
    assert_eq!(slots.len(), 9);
    assert!(
        slots
            .iter()
            .all(|s| s.end <= dt(2026, 3, 9, 8, 0) || s.start >= dt(2026, 3, 9, 8, 30))
    );
    // A closure that cuts a slot in the middle drops it.
    let cut = Closure::fascia(2, Some(1), monday, t(7, 45), t(7, 46), "");
    let slots = slots_on(&r, monday, &[cut], &calendar);
    assert_eq!(slots.len(), 11);
    assert!(!slots.iter().any(|s| s.start == dt(2026, 3, 9, 7, 40)));
    // The whole practice, a range of days.
    let holidays = Closure::periodo(3, None, d(2026, 8, 10), d(2026, 8, 21), "ferie");
    assert!(
        slots_on(
            &r,
            d(2026, 8, 10),
            std::slice::from_ref(&holidays),
            &calendar
        )
        .is_empty()
    );
    assert!(
        slots_on(
            &r,
            d(2026, 8, 21),
            std::slice::from_ref(&holidays),
            &calendar
        )
        .is_empty()
    );
    assert_eq!(
        slots_on(
            &r,
            d(2026, 8, 24),
            std::slice::from_ref(&holidays),
            &calendar
        )
        .len(),
        12
    );
    assert_eq!(
        slots_on(
            &r,
            d(2026, 8, 7),
            std::slice::from_ref(&holidays),
            &calendar
        )
        .len(),
        12
    );
    // Another resource's closure does not apply.
    let other = Closure::giornata(4, Some(9), monday, "altro");
    assert_eq!(slots_on(&r, monday, &[other], &calendar).len(), 12);
    // An empty or reversed closure closes nothing and is refused.
    let reversed = Closure::fascia(5, None, monday, t(9, 0), t(7, 0), "");
    assert_eq!(reversed.validate(), Err(AgendaError::ChiusuraVuota));
    assert_eq!(slots_on(&r, monday, &[reversed], &calendar).len(), 12);
}

#[test]
fn closure_labels() {
    let day = Closure::giornata(1, None, d(2026, 3, 9), "formazione");
    assert_eq!(day.periodo_label(), "il 09/03/2026");
    let range = Closure::periodo(2, None, d(2026, 8, 10), d(2026, 8, 21), "ferie");
    assert_eq!(range.periodo_label(), "dal 10/08/2026 al 21/08/2026");
    let part = Closure::fascia(3, Some(1), d(2026, 3, 9), t(14, 0), t(18, 0), "");
    assert_eq!(part.periodo_label(), "il 09/03/2026 dalle 14:00 alle 18:00");
    let across = Closure {
        id: 4,
        resource: None,
        dal: dt(2026, 3, 9, 14, 0),
        al: dt(2026, 3, 10, 12, 0),
        motivo: String::new(),
    };
    assert_eq!(
        across.periodo_label(),
        "dal 09/03/2026 14:00 al 10/03/2026 12:00"
    );
}

#[test]
fn conflicts_of_a_manual_booking() {
    let calendar = LocalCalendar::with_table(crate::io::tables::patroni(), Some("Milano"));
    let r = prelievi();
    let start = dt(2026, 3, 9, 7, 30);
    let candidate = appointment(10, 5, Some(1), start, 10);
    // Clean.
    assert!(conflicts(&candidate, Some(&r), 1, &[], &[], &calendar).is_empty());
    // Full slot: two other patients already.
    assert_eq!(
        conflicts(&candidate, Some(&r), 2, &[], &[], &calendar),
        [Conflict::SlotPieno {
            prenotati: 2,
            capacita: 2
        }]
    );
    assert_eq!(
        Conflict::SlotPieno {
            prenotati: 2,
            capacita: 2
        }
        .to_string(),
        "slot pieno: 2 pazienti su 2 posti"
    );
    // The same patient elsewhere at that time.
    let visit = appointment(11, 5, Some(2), dt(2026, 3, 9, 7, 35), 15);
    let found = conflicts(
        &candidate,
        Some(&r),
        0,
        std::slice::from_ref(&visit),
        &[],
        &calendar,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].to_string(),
        "il paziente ha già un appuntamento il 09/03/2026 dalle 07:35 alle 07:50 («appuntamento 11»)"
    );
    // The same visit (another test in the same draw), the candidate itself,
    // another patient, a cancelled one and a later one are not conflicts.
    let same_visit = appointment(12, 5, Some(1), start, 10);
    let itself = appointment(10, 5, Some(1), start, 10);
    let other_patient = appointment(13, 6, Some(2), start, 10);
    let mut cancelled = appointment(14, 5, Some(2), start, 10);
    cancelled.stato = AppStato::Annullato {
        motivo: "spostato".into(),
    };
    let later = appointment(15, 5, Some(2), dt(2026, 3, 9, 7, 40), 15);
    let day = [same_visit, itself, other_patient, cancelled, later];
    assert!(conflicts(&candidate, Some(&r), 0, &day, &[], &calendar).is_empty());
    // A closure.
    let closure = Closure::fascia(1, None, d(2026, 3, 9), t(7, 0), t(8, 0), "sciopero");
    assert_eq!(
        conflicts(&candidate, Some(&r), 0, &[], &[closure], &calendar)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["chiuso il 09/03/2026 dalle 07:00 alle 08:00: sciopero"]
    );
    // Holidays: the Immacolata and, in Milano, Sant'Ambrogio.
    for day in [d(2026, 12, 8), d(2026, 12, 7)] {
        let on_holiday = appointment(16, 5, Some(1), day.and_time(t(7, 30)), 10);
        let found = conflicts(&on_holiday, Some(&r), 0, &[], &[], &calendar);
        assert_eq!(found, [Conflict::Festivo { giorno: day }]);
        assert_eq!(found[0].to_string(), format!("il {} è festivo", dmy(day)));
    }
    // Outside availability: no slot at that time; past the end of the range.
    let afternoon = appointment(17, 5, Some(1), dt(2026, 3, 9, 15, 0), 10);
    assert_eq!(
        conflicts(&afternoon, Some(&r), 0, &[], &[], &calendar)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["fuori dagli orari di «Punto prelievi»: nessuno slot alle 15:00 di lunedì 09/03/2026"]
    );
    let misaligned = appointment(18, 5, Some(1), dt(2026, 3, 9, 7, 35), 10);
    assert!(matches!(
        conflicts(&misaligned, Some(&r), 0, &[], &[], &calendar)[..],
        [Conflict::FuoriDisponibilita { .. }]
    ));
    let too_long = appointment(19, 5, Some(1), dt(2026, 3, 9, 9, 20), 30);
    assert_eq!(
        conflicts(&too_long, Some(&r), 0, &[], &[], &calendar)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["fuori dagli orari di «Punto prelievi»: termina dopo la fine della fascia (09:30)"]
    );
    let saturday = appointment(20, 5, Some(1), dt(2026, 3, 14, 7, 30), 10);
    assert_eq!(
        conflicts(&saturday, Some(&r), 0, &[], &[], &calendar).len(),
        1
    );
    // An inactive resource.
    let mut off = prelievi();
    off.attiva = false;
    assert!(matches!(
        conflicts(&candidate, Some(&off), 0, &[], &[], &calendar)[..],
        [Conflict::FuoriDisponibilita { .. }]
    ));
    // External: only the patient's own overlaps count.
    let mut external = appointment(21, 5, None, dt(2026, 12, 8, 7, 35), 60);
    external.esterno = Some(Esterno {
        erogatore: "Ospedale Niguarda, cardiologia".into(),
        codice_prenotazione: "2026A0001".into(),
    });
    assert!(conflicts(&external, None, 9, &[], &[], &calendar).is_empty());
    let same_time = appointment(22, 5, Some(1), dt(2026, 12, 8, 8, 0), 10);
    assert_eq!(
        conflicts(&external, None, 0, &[same_time], &[], &calendar).len(),
        1
    );
    // A cancelled candidate has none.
    let mut gone = candidate.clone();
    gone.stato = AppStato::Annullato {
        motivo: "rinuncia".into(),
    };
    assert!(conflicts(&gone, Some(&r), 5, &[visit], &[], &calendar).is_empty());
}

#[test]
fn appointments_left_outside_availability() {
    let calendar = LocalCalendar::national();
    let r = prelievi();
    let ok = appointment(1, 5, Some(1), dt(2026, 3, 9, 7, 30), 10);
    let closed = appointment(2, 6, Some(1), dt(2026, 3, 10, 7, 30), 10);
    let no_slot = appointment(3, 7, Some(1), dt(2026, 3, 11, 11, 0), 10);
    let past = appointment(4, 8, Some(1), dt(2026, 3, 2, 11, 0), 10);
    let external = appointment(5, 8, None, dt(2026, 3, 11, 11, 0), 10);
    let missing = appointment(6, 8, Some(99), dt(2026, 3, 11, 11, 0), 10);
    let mut done = appointment(7, 8, Some(1), dt(2026, 3, 11, 11, 0), 10);
    done.stato = AppStato::Eseguito;
    let closure = Closure::giornata(1, Some(1), d(2026, 3, 10), "corso");
    let all = [ok, closed, no_slot, past, external, missing, done];
    let found = outside_availability(&all, &[r], &[closure], &calendar, dt(2026, 3, 9, 0, 0));
    assert_eq!(
        found.iter().map(|(a, _)| a.id).collect::<Vec<_>>(),
        [2, 3, 6]
    );
    assert_eq!(found[0].1[0].to_string(), "chiuso il 10/03/2026: corso");
    assert_eq!(
        found[2].1[0].to_string(),
        "fuori dagli orari di «n. 99»: la risorsa non esiste più"
    );
}

#[test]
fn one_visit_per_patient_and_slot() {
    let start = dt(2026, 3, 9, 7, 30);
    let mut list = vec![
        // One patient, three tests in one draw: one place.
        appointment(1, 5, Some(1), start, 10),
        appointment(2, 5, Some(1), start, 10),
        appointment(3, 5, Some(1), start, 10),
        appointment(4, 6, Some(1), start, 10),
    ];
    let usage = slot_usage(&list);
    assert_eq!(usage.get(&(1, start)), Some(&2));
    assert_eq!(same_slot_count(&list, 1, start, 5), 1);
    assert_eq!(same_slot_count(&list, 1, start, 7), 2);
    assert!(double_bookings(&list).is_empty());
    assert!(over_capacity(&list, &[prelievi()]).is_empty());
    // A third patient is over the capacity of 2.
    list.push(appointment(5, 7, Some(1), start, 10));
    assert_eq!(
        over_capacity(&list, &[prelievi()]),
        [CapacityExcess {
            resource: 1,
            start,
            prenotati: 3,
            capacita: 2
        }]
    );
    // Cancelled ones free the place.
    list[4].stato = AppStato::Annullato {
        motivo: "rinuncia".into(),
    };
    assert!(over_capacity(&list, &[prelievi()]).is_empty());
    // Patient 5 also booked at the MMG at 07:35: a double booking with each test.
    list.push(appointment(6, 5, Some(2), dt(2026, 3, 9, 7, 35), 15));
    assert_eq!(double_bookings(&list), [(1, 6), (2, 6), (3, 6)]);
    // Back to back is not overlapping.
    list.pop();
    list.push(appointment(7, 5, Some(2), dt(2026, 3, 9, 7, 40), 15));
    assert!(double_bookings(&list).is_empty());
}

#[test]
fn states_and_transitions() {
    assert_eq!(AppStato::Prenotato.label(), "prenotato");
    assert_eq!(AppStato::Eseguito.label(), "eseguito");
    assert_eq!(AppStato::NonPresentato.label(), "non presentato");
    let cancelled = AppStato::Annullato {
        motivo: "malattia".into(),
    };
    assert_eq!(cancelled.label(), "annullato");
    assert_eq!(cancelled.to_string(), "annullato (malattia)");
    let mut a = appointment(1, 5, Some(1), dt(2026, 3, 9, 7, 30), 10);
    assert_eq!(a.validate(), Ok(()));
    assert_eq!(a.cambia_stato(AppStato::Eseguito), Ok(()));
    assert_eq!(a.cambia_stato(AppStato::NonPresentato), Ok(()));
    assert_eq!(
        a.cambia_stato(AppStato::Annullato { motivo: " ".into() }),
        Err(AgendaError::MotivoMancante)
    );
    assert_eq!(a.cambia_stato(cancelled.clone()), Ok(()));
    assert_eq!(
        a.cambia_stato(AppStato::Prenotato),
        Err(AgendaError::GiaAnnullato)
    );
    assert_eq!(
        AgendaError::GiaAnnullato.to_string(),
        "l'appuntamento è annullato: prenotarne uno nuovo"
    );
    a.end = a.start;
    assert_eq!(a.validate(), Err(AgendaError::AppuntamentoVuoto));
    let mut forced = appointment(2, 5, Some(1), dt(2026, 3, 9, 7, 30), 10);
    forced.forzatura = Some(String::new());
    assert_eq!(forced.validate(), Err(AgendaError::MotivoMancante));
}

#[test]
fn preferences_and_parts_of_the_day() {
    assert_eq!(Fascia::of(t(12, 59)), Fascia::Mattina);
    assert_eq!(Fascia::of(t(13, 0)), Fascia::Pomeriggio);
    let any = Preferences::default();
    assert!(any.likes_day(d(2026, 3, 14)) && any.likes_time(t(18, 0)));
    let p = Preferences {
        giorni: vec![Weekday::Tue, Weekday::Thu],
        fascia: Some(Fascia::Pomeriggio),
    };
    assert!(p.likes_day(d(2026, 3, 10)));
    assert!(!p.likes_day(d(2026, 3, 9)));
    assert!(p.likes_time(t(15, 0)));
    assert!(!p.likes_time(t(9, 0)));
}

#[test]
fn adherence_share() {
    assert_eq!(adherence(0, 0), None);
    assert_eq!(adherence(4, 3), Some(0.75));
    assert_eq!(adherence(4, 9), Some(1.0));
    assert_eq!(adherence(3, 0), Some(0.0));
    assert_eq!(
        Adherence {
            dovute: 4,
            eseguite: 3
        }
        .label(),
        "75%"
    );
    assert_eq!(Adherence::default().label(), "—");
}

proptest! {
    #[test]
    fn slots_respect_patterns_holidays_and_closures(
        giorno in 0u8..7,
        start_min in 0u32..(23 * 60),
        span in 1u32..600,
        durata in 0u16..260,
        capacita in 0u16..60,
        offset in 0i64..800,
        closures in proptest::collection::vec((0i64..800, 0u32..1440, 0u32..2000, any::<bool>()), 0..6),
    ) {
        let day0 = d(2026, 1, 1);
        let giorno = Weekday::try_from(giorno).unwrap();
        let dalle = NaiveTime::from_num_seconds_from_midnight_opt(start_min * 60, 0).unwrap();
        let alle = NaiveTime::from_num_seconds_from_midnight_opt(((start_min + span) * 60).min(86_399), 0).unwrap();
        let p = Pattern::new(giorno, dalle, alle, durata, capacita, day0);
        let r = Resource::new(1, "R", "ECG").with_pattern(p.clone());
        let closures: Vec<Closure> = closures
            .into_iter()
            .enumerate()
            .map(|(i, (day, from, len, whole))| {
                let at = midnight(day0 + Duration::days(day)) + Duration::minutes(i64::from(from));
                Closure {
                    id: i as u64,
                    resource: if whole { None } else { Some(1) },
                    dal: at,
                    al: at + Duration::minutes(i64::from(len)),
                    motivo: String::new(),
                }
            })
            .collect();
        let calendar = LocalCalendar::with_table(crate::io::tables::patroni(), Some("Milano"));
        let day = day0 + Duration::days(offset);
        let slots = slots_on(&r, day, &closures, &calendar);
        if p.validate().is_err() || day.weekday() != giorno || calendar.is_holiday(day) {
            prop_assert!(slots.is_empty());
        }
        for w in slots.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for s in &slots {
            prop_assert_eq!(s.start.date(), day);
            prop_assert!(s.start.time() >= dalle && s.end.time() <= alle || s.end.time() == NaiveTime::MIN);
            prop_assert_eq!((s.end - s.start).num_minutes(), i64::from(durata));
            prop_assert!(!closures.iter().any(|c| c.overlaps(s.start, s.end)));
            prop_assert!(r.pattern_slot_at(s.start).is_some());
        }
    }

}
