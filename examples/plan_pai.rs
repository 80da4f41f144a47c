//! Measures the automatic PAI planner alone (no store):
//! `cargo run --release --example plan_pai [-- RUNS]`.
//!
//! A PAI from the templates for DM2 + IPA + SCC, four resources with weekday
//! patterns, about half of the year's slots already taken by other patients,
//! a Milano calendar; planned RUNS times (200 by default).
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use sportello::domain::agenda::{
    AppStato, Appointment, Closure, Preferences, Resource, ResultDays, slots_on,
};
use sportello::domain::calendar::LocalCalendar;
use sportello::domain::pai::Pai;
use sportello::domain::planner::{MemoryOccupancy, PlanInput, plan};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn resources(from: NaiveDate) -> Vec<Resource> {
    use sportello::domain::agenda::Pattern;
    let p = |g, dh, dm, ah, am, durata, capacita| {
        Pattern::new(g, time(dh, dm), time(ah, am), durata, capacita, from)
    };
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    let mut prelievi = Resource::new(1, "Punto prelievi", "punto prelievi");
    let mut mmg = Resource::new(2, "Studio dott. Rossi", "ambulatorio MMG");
    for g in weekdays {
        prelievi = prelievi.with_pattern(p(g, 7, 30, 9, 30, 10, 2));
        mmg = match g {
            Weekday::Tue | Weekday::Thu => mmg.with_pattern(p(g, 15, 0, 18, 30, 15, 1)),
            _ => mmg.with_pattern(p(g, 9, 0, 12, 30, 15, 1)),
        };
    }
    let infermieri = Resource::new(
        3,
        "Ambulatorio infermieristico",
        "ambulatorio infermieristico",
    )
    .with_pattern(p(Weekday::Tue, 8, 30, 12, 0, 20, 1))
    .with_pattern(p(Weekday::Thu, 8, 30, 12, 0, 20, 1))
    .with_pattern(p(Weekday::Wed, 14, 0, 17, 0, 20, 1));
    let ecg = Resource::new(4, "ECG in telemedicina", "ECG")
        .with_pattern(p(Weekday::Wed, 14, 0, 16, 0, 20, 1))
        .with_pattern(p(Weekday::Fri, 8, 30, 10, 30, 20, 1));
    vec![prelievi, mmg, infermieri, ecg]
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
        .max(1);
    let dal = date(2026, 1, 15);
    let al = date(2027, 1, 14);
    let patologie: Vec<String> = ["50", "56", "20"].iter().map(|s| s.to_string()).collect();
    let pai = Pai::from_templates(
        1,
        42,
        1,
        dal,
        al,
        "dott. Rossi",
        &patologie,
        sportello::service::pai_templates(),
    );
    let resources = resources(dal);
    let calendar = LocalCalendar::with_table(sportello::io::tables::patroni(), Some("Milano"));
    let closures = vec![Closure::periodo(
        1,
        None,
        date(2026, 8, 10),
        date(2026, 8, 21),
        "ferie estive",
    )];

    // About half of every slot's places taken by other patients.
    let mut rng = fastrand::Rng::with_seed(7);
    let mut others = Vec::new();
    let mut id = 1000;
    let mut day = dal;
    while day <= al {
        for r in &resources {
            for slot in slots_on(r, day, &closures, &calendar) {
                for _ in 0..slot.capacita {
                    if rng.bool() {
                        id += 1;
                        others.push(Appointment {
                            id,
                            patient: 10_000 + rng.u64(0..5000),
                            pai: None,
                            item: None,
                            occorrenza: None,
                            resource: Some(r.id),
                            start: slot.start,
                            end: slot.end,
                            descrizione: "altro paziente".into(),
                            stato: AppStato::Prenotato,
                            esterno: None,
                            note: String::new(),
                            forzatura: None,
                        });
                    }
                }
            }
        }
        day += Duration::days(1);
    }
    let booked = others.len();
    let occupancy = MemoryOccupancy::new(others);
    let preferences = Preferences::default();
    let result_days = ResultDays::default();
    let input = PlanInput {
        pai: &pai,
        patient: 42,
        resources: &resources,
        closures: &closures,
        calendar: &calendar,
        preferences: &preferences,
        existing: &occupancy,
        from: dal,
        result_days: &result_days,
    };

    let needed: u32 = pai.occurrences_needed().iter().map(|(_, n)| n).sum();
    let first = plan(&input);
    println!(
        "PAI DM2+IPA+SCC: {} items, {needed} occurrences; {booked} places already booked",
        pai.items.len()
    );
    println!(
        "plan: {} proposals on {} trips, {} unplaced, {} external to record",
        first.proposals.len(),
        first.trips,
        first.unplaced.len(),
        first.esterni.len()
    );
    for p in &first.proposals {
        println!(
            "  {} {} {:>2}  {:<28} {}",
            p.start.format("%a %d/%m/%Y %H:%M"),
            p.resource,
            p.occorrenza,
            p.descrizione.chars().take(28).collect::<String>(),
            p.start.weekday()
        );
    }
    for u in &first.unplaced {
        println!(
            "  non collocata: item {} n. {}: {}",
            u.item, u.occorrenza, u.reason
        );
    }

    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let out = plan(&input);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(out, first, "the planner is deterministic");
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p99 = times[((times.len() * 99).div_ceil(100)).saturating_sub(1)];
    println!(
        "{runs} runs: mean {mean:.3} ms, p99 {p99:.3} ms, max {:.3} ms",
        times.last().copied().unwrap_or(0.0)
    );
}
