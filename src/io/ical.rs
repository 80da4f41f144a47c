//! The iCalendar export (RFC 5545) of a patient's appointments: the file to
//! hand or send to the patient. DTSTAMP comes from the caller's clock, so the
//! same input gives the same bytes.

use chrono::NaiveDateTime;

use crate::domain::agenda::{AppStato, Appointment};

/// The time zone of every appointment.
pub const TZID: &str = "Europe/Rome";

/// Europe/Rome under the EU rules in force since 1996: CEST from the last
/// Sunday of March at 02:00, CET from the last Sunday of October at 03:00.
const VTIMEZONE_ROME: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Rome",
    "X-LIC-LOCATION:Europe/Rome",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The patient's appointments as an iCalendar file (RFC 5545) to hand or send
/// to the patient: each `(appointment, place)` pair, place being the resource
/// name or the external provider, becomes a VEVENT in Europe/Rome time with a
/// UID stable per appointment id, SUMMARY = description, LOCATION = place.
/// DTSTAMP is `stamp`, a UTC time from the caller's clock: the same input
/// gives the same bytes.
pub fn ics(
    appointments: &[(Appointment, String)],
    patient_name: &str,
    stamp: NaiveDateTime,
) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(&fold_line(text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//sportello//Agenda PAI//IT");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let name = patient_name.trim();
    if !name.is_empty() {
        line(&format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("Appuntamenti di {name}"))
        ));
    }
    line(&format!("X-WR-TIMEZONE:{TZID}"));
    for l in VTIMEZONE_ROME {
        line(l);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for (a, place) in appointments {
        line("BEGIN:VEVENT");
        line(&format!("UID:appuntamento-{}@sportello", a.id));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;TZID={TZID}:{}", local_stamp(a.start)));
        let end = a.end.max(a.start);
        line(&format!("DTEND;TZID={TZID}:{}", local_stamp(end)));
        line(&format!("SUMMARY:{}", escape_text(a.descrizione.trim())));
        if !place.trim().is_empty() {
            line(&format!("LOCATION:{}", escape_text(place.trim())));
        }
        let mut description: Vec<String> = Vec::new();
        if !name.is_empty() {
            description.push(format!("Paziente: {name}"));
        }
        if let Some(e) = &a.esterno {
            if !e.erogatore.trim().is_empty() {
                description.push(format!("Erogatore: {}", e.erogatore.trim()));
            }
            if !e.codice_prenotazione.trim().is_empty() {
                description.push(format!(
                    "Codice prenotazione: {}",
                    e.codice_prenotazione.trim()
                ));
            }
        }
        if !a.note.trim().is_empty() {
            description.push(a.note.trim().to_string());
        }
        if !description.is_empty() {
            line(&format!(
                "DESCRIPTION:{}",
                escape_text(&description.join("\n"))
            ));
        }
        let status = match a.stato {
            AppStato::Annullato { .. } => "CANCELLED",
            _ => "CONFIRMED",
        };
        line(&format!("STATUS:{status}"));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// Local date-time in the basic form of RFC 5545: "20260310T083000".
fn local_stamp(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma,
/// newline; other control characters are dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545, 3.1): continuation lines
/// start with one space; never inside a UTF-8 character.
fn fold_line(line: &str) -> String {
    const LIMIT: usize = 75;
    if line.len() <= LIMIT {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + line.len() / 24);
    let mut used = 0;
    let mut limit = LIMIT;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > limit {
            out.push_str("\r\n ");
            used = 1;
            limit = LIMIT;
        }
        out.push(c);
        used += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::Esterno;
    use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
    use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime, EventLike as _, parser};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_time(NaiveTime::from_hms_opt(h, min, 0).unwrap())
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

    fn ics_sample() -> Vec<(Appointment, String)> {
        // Winter (CET) and summer (CEST) times, an external one, text to escape.
        let mut lab = appointment(41, 5, Some(1), dt(2026, 3, 10, 8, 30), 10);
        lab.descrizione = "Prelievo: HbA1c, glicemia; creatinina".into();
        lab.note = "Presentarsi a digiuno\nportare la tessera sanitaria".into();
        let mut visit = appointment(42, 5, Some(2), dt(2026, 6, 10, 15, 15), 15);
        visit.descrizione = "Visita di controllo MMG".into();
        let mut external = appointment(43, 5, None, dt(2026, 10, 27, 11, 0), 30);
        external.descrizione = "Ecocardiogramma (ecocolordoppler cardiaco) con refertazione e consegna del referto al paziente".into();
        external.esterno = Some(Esterno {
            erogatore: "ASST Grande Ospedale Metropolitano Niguarda".into(),
            codice_prenotazione: "PRE-2026/0001".into(),
        });
        vec![
            (lab, "Punto prelievi".to_string()),
            (visit, "Studio dott. Rossi".to_string()),
            (
                external,
                "ASST Grande Ospedale Metropolitano Niguarda, Cardiologia".to_string(),
            ),
        ]
    }

    #[test]
    fn ics_parses_back_with_times_in_europe_rome() {
        let stamp = dt(2026, 3, 1, 9, 0);
        let text = ics(&ics_sample(), "Niccolò D'Adda", stamp);
        // Deterministic, CRLF, lines of at most 75 octets.
        assert_eq!(text, ics(&ics_sample(), "Niccolò D'Adda", stamp));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        assert!(text.contains("\r\n "), "the long lines are folded");

        let calendar: icalendar::Calendar = text.parse().expect("parses");
        let events: Vec<&icalendar::Event> = calendar.events().collect();
        assert_eq!(events.len(), 3);
        let expected = [
            (41, dt(2026, 3, 10, 8, 30), dt(2026, 3, 10, 8, 40)),
            (42, dt(2026, 6, 10, 15, 15), dt(2026, 6, 10, 15, 30)),
            (43, dt(2026, 10, 27, 11, 0), dt(2026, 10, 27, 11, 30)),
        ];
        for (event, (id, start, end)) in events.iter().zip(expected) {
            assert_eq!(
                event.get_uid(),
                Some(format!("appuntamento-{id}@sportello").as_str())
            );
            let rome = |at: NaiveDateTime| {
                DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
                    date_time: at,
                    tzid: "Europe/Rome".into(),
                })
            };
            assert_eq!(event.get_start(), Some(rome(start)));
            assert_eq!(event.get_end(), Some(rome(end)));
            assert_eq!(event.property_value("DTSTAMP"), Some("20260301T090000Z"));
        }
        assert_eq!(
            events[0].get_summary(),
            Some("Prelievo: HbA1c, glicemia; creatinina")
        );
        assert_eq!(events[0].get_location(), Some("Punto prelievi"));
        assert_eq!(
            events[0].get_description(),
            Some("Paziente: Niccolò D'Adda\nPresentarsi a digiuno\nportare la tessera sanitaria")
        );
        assert_eq!(
            events[2].get_location(),
            Some("ASST Grande Ospedale Metropolitano Niguarda, Cardiologia")
        );
        assert!(
            events[2]
                .get_description()
                .is_some_and(|d| d.contains("Codice prenotazione: PRE-2026/0001"))
        );
        assert!(
            events[2]
                .get_summary()
                .is_some_and(|s| s.ends_with("consegna del referto al paziente"))
        );

        // The time zone definition: CET in winter, CEST from the last Sunday of March.
        let unfolded = parser::unfold(&text);
        let parsed = parser::read_calendar(&unfolded).expect("parses");
        let tz = parsed
            .components
            .iter()
            .find(|c| c.name.as_str() == "VTIMEZONE")
            .expect("VTIMEZONE");
        let prop = |c: &parser::Component, name: &str| {
            c.find_prop(name).map(|p| p.val.as_str().to_string())
        };
        assert_eq!(prop(tz, "TZID").as_deref(), Some("Europe/Rome"));
        let part = |name: &str| {
            tz.components
                .iter()
                .find(|c| c.name.as_str() == name)
                .expect("part")
        };
        let daylight = part("DAYLIGHT");
        assert_eq!(prop(daylight, "TZOFFSETTO").as_deref(), Some("+0200"));
        assert_eq!(
            prop(daylight, "RRULE").as_deref(),
            Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        );
        let standard = part("STANDARD");
        assert_eq!(prop(standard, "TZOFFSETTO").as_deref(), Some("+0100"));
        assert_eq!(
            prop(standard, "RRULE").as_deref(),
            Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        );
        // 10/03/2026 08:30 is winter time (+01:00), 10/06/2026 summer time
        // (+02:00): the rules above, applied to 2026, switch on 29/03 and 25/10.
        let last_sunday = |month: u32| {
            let mut day = d(2026, month + 1, 1).pred_opt().expect("valid");
            while day.weekday() != Weekday::Sun {
                day = day.pred_opt().expect("valid");
            }
            day
        };
        assert_eq!(last_sunday(3), d(2026, 3, 29));
        assert_eq!(last_sunday(10), d(2026, 10, 25));
        assert!(expected[0].1.date() < last_sunday(3));
        assert!(expected[1].1.date() > last_sunday(3) && expected[1].1.date() < last_sunday(10));
        assert!(expected[2].1.date() > last_sunday(10));
    }

    #[test]
    fn ics_uid_is_stable_and_cancelled_ones_are_marked() {
        let mut sample = ics_sample();
        let first = ics(&sample, "Rossi Maria", dt(2026, 3, 1, 9, 0));
        sample[1].0.stato = AppStato::Annullato {
            motivo: "rinuncia".into(),
        };
        sample[1].0.start = dt(2026, 6, 11, 9, 0);
        sample[1].0.end = dt(2026, 6, 11, 9, 15);
        let second = ics(&sample, "Rossi Maria", dt(2026, 3, 2, 9, 0));
        assert!(first.contains("UID:appuntamento-42@sportello\r\n"));
        assert!(second.contains("UID:appuntamento-42@sportello\r\n"));
        assert_eq!(first.matches("STATUS:CONFIRMED").count(), 3);
        assert_eq!(second.matches("STATUS:CANCELLED").count(), 1);
        assert!(first.contains("X-WR-CALNAME:Appuntamenti di Rossi Maria\r\n"));
        // DTSTAMP is the stamp the caller passed, in every event.
        assert_eq!(first.matches("DTSTAMP:20260301T090000Z\r\n").count(), 3);
        assert_eq!(second.matches("DTSTAMP:20260302T090000Z\r\n").count(), 3);
        // An empty list is still a valid calendar.
        let empty = ics(&[], "", dt(2026, 3, 1, 9, 0));
        let parsed: icalendar::Calendar = empty.parse().expect("parses");
        assert_eq!(parsed.events().count(), 0);
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let line = format!("SUMMARY:{}", "àèìòù".repeat(30));
        let folded = fold_line(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(escape_text("a\\b;c,d\ne\r\u{7}"), "a\\\\b\\;c\\,d\\ne");
    }

    proptest! {
        #[test]
        fn ics_never_panics_and_stays_folded(
            text in "\\PC{0,300}",
            name in "\\PC{0,80}",
            minutes in 0i64..2_000_000,
        ) {
            let mut a = appointment(1, 1, None, dt(2026, 1, 1, 0, 0) + Duration::minutes(minutes), 30);
            a.descrizione = text.clone();
            a.note = text;
            let out = ics(&[(a, name.clone())], &name, dt(2026, 1, 1, 0, 0));
            for line in out.split("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            let parsed: Result<icalendar::Calendar, _> = out.parse();
            prop_assert!(parsed.is_ok());
        }
    }
}
