//! Italian public holidays, patron saints' days and working days.
//!
//! National holidays are the current ones (Legge 260/1949 as amended): 1 Jan, 6 Jan,
//! Easter Sunday (Pasqua), Easter Monday, 25 Apr, 1 May, 2 Jun, 15 Aug, 1 Nov, 8 Dec,
//! 25 Dec, 26 Dec, plus 4 Oct from 2026 (Legge 151/2025): the usual list of 12 (13 from
//! 2026). Pasqua is always a Sunday, so listing it changes no working day; it is listed
//! because calendars shown to patients and staff list it. A holiday falling on a weekend
//! is not moved. The same list is applied to every year, with three rules of history:
//! 4 October only from 2026; from 1977 to 2000 the Festa della Repubblica was kept on the
//! first Sunday of June instead of 2 June (Legge 54/1977, restored by Legge 336/2000);
//! 17 March 2011 (150th anniversary of the unification) was a one-off national holiday.
//! Other changes of 1977 (Epifania, abolished until 1985, and the religious holidays that
//! were dropped then) are not modelled: the desk books forward. The Giornata dell'Unità
//! nazionale (first Sunday of November) always falls on a Sunday and is not listed.
//!
//! The patron saint's day is a holiday in its own comune only. Patrons are data
//! (`assets/patroni.csv`, read by `crate::io::tables` and handed to [`LocalCalendar`] and
//! [`holidays_with`]), matched by comune name through [`fold`], so a practice can load its
//! own table.
//!
//! Working days: Monday to Friday and not a holiday. **Saturday is not a working day** for
//! a practice: the programme's services (booking, recalls, deadlines) are counted on
//! weekdays, and most MMG practices are closed or run a reduced service on Saturday.
//! A practice that opens on Saturday models that in its agenda, not here.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};
use thiserror::Error;

use crate::domain::text::fold;

/// Whether a holiday is national or the local patron saint's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HolidayKind {
    National,
    Patron,
}

/// One holiday on one date, with its Italian name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub kind: HolidayKind,
}

/// Errors reading a patron-saint table. Messages are for the operator, in Italian.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error("il file dei santi patroni è vuoto: serve l'intestazione \"{HEADER}\"")]
    Empty,
    #[error("riga {line}: intestazione attesa \"{HEADER}\", trovata \"{found}\"")]
    BadHeader { line: u64, found: String },
    #[error("riga {line}: servono 4 campi (comune,giorno,mese,santo), trovati {found}")]
    FieldCount { line: u64, found: usize },
    #[error("riga {line}: il campo \"{field}\" è vuoto, va compilato")]
    EmptyField { line: u64, field: &'static str },
    #[error("riga {line}: giorno \"{value}\" non valido, scrivere un numero da 1 a 31")]
    BadDay { line: u64, value: String },
    #[error("riga {line}: mese \"{value}\" non valido, scrivere un numero da 1 a 12")]
    BadMonth { line: u64, value: String },
    #[error("riga {line}: la data {day}/{month} non esiste, correggere giorno o mese")]
    BadDate { line: u64, day: u32, month: u32 },
    #[error("riga {line}: il comune \"{comune}\" è già presente alla riga {first_line}")]
    DuplicateComune {
        line: u64,
        comune: String,
        first_line: u64,
    },
    #[error("riga {line}: file CSV non leggibile ({message})")]
    Csv { line: u64, message: String },
}

/// Header of a patron-saint CSV file.
pub const HEADER: &str = "comune,giorno,mese,santo";

/// Fixed-date national holidays as (month, day, name).
const FIXED_NATIONAL: [(u32, u32, &str); 10] = [
    (1, 1, "Capodanno"),
    (1, 6, "Epifania"),
    (4, 25, "Festa della Liberazione"),
    (5, 1, "Festa del Lavoro"),
    (6, 2, "Festa della Repubblica"),
    (8, 15, "Ferragosto (Assunzione)"),
    (11, 1, "Ognissanti"),
    (12, 8, "Immacolata Concezione"),
    (12, 25, "Natale"),
    (12, 26, "Santo Stefano"),
];

const EASTER_SUNDAY_NAME: &str = "Pasqua";
const EASTER_MONDAY_NAME: &str = "Lunedì dell'Angelo (Pasquetta)";

/// 4 October, national holiday from 2026 (Legge 151/2025).
const SAN_FRANCESCO: (u32, u32, &str) = (10, 4, "San Francesco d'Assisi, patrono d'Italia");
const SAN_FRANCESCO_FROM_YEAR: i32 = 2026;

/// From 1977 to 2000 the Festa della Repubblica was on the first Sunday of June.
const REPUBBLICA_ON_SUNDAY: std::ops::RangeInclusive<i32> = 1977..=2000;

/// 17 March 2011, the one-off holiday of the 150th anniversary of the unification.
const UNITA_150: (i32, u32, u32, &str) = (2011, 3, 17, "150° anniversario dell'Unità d'Italia");

/// The fixed-date national holidays of `year` with their names, the history rules applied
/// (2 June as the first Sunday of June from 1977 to 2000, 17 March 2011, 4 October from
/// 2026). Unsorted.
fn fixed_national(year: i32) -> impl Iterator<Item = (NaiveDate, &'static str)> {
    let fixed = FIXED_NATIONAL
        .iter()
        .filter_map(move |&(month, day, name)| {
            let date = if (month, day) == (6, 2) && REPUBBLICA_ON_SUNDAY.contains(&year) {
                first_sunday_of_june(year)?
            } else {
                NaiveDate::from_ymd_opt(year, month, day)?
            };
            Some((date, name))
        });
    let unita = (year == UNITA_150.0)
        .then(|| NaiveDate::from_ymd_opt(year, UNITA_150.1, UNITA_150.2))
        .flatten()
        .map(|date| (date, UNITA_150.3));
    let francesco = (year >= SAN_FRANCESCO_FROM_YEAR)
        .then(|| NaiveDate::from_ymd_opt(year, SAN_FRANCESCO.0, SAN_FRANCESCO.1))
        .flatten()
        .map(|date| (date, SAN_FRANCESCO.2));
    fixed.chain(unita).chain(francesco)
}

fn first_sunday_of_june(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 6, Weekday::Sun, 1)
}

/// A year that any holiday computation can represent in a [`NaiveDate`].
/// Outside it every function returns "no holidays" instead of failing.
fn in_range(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 1, 1).is_some() && NaiveDate::from_ymd_opt(year, 12, 31).is_some()
}

/// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/
/// Butcher), proleptic before 1583. `None` when the year is outside chrono's range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    let month = u32::try_from(month).ok()?;
    let day = u32::try_from(day).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Easter Monday (Lunedì dell'Angelo, Pasquetta). `None` outside chrono's range.
pub fn easter_monday(year: i32) -> Option<NaiveDate> {
    easter_sunday(year)?.succ_opt()
}

/// The national holidays of `year`, sorted by date, with Italian names. When two fall on
/// the same date (Easter Monday on 25 April, as in 2011; Easter Sunday on 25 April, as in
/// 2038) both are listed. Empty for a year outside chrono's range.
pub fn national_holidays(year: i32) -> Vec<Holiday> {
    if !in_range(year) {
        return Vec::new();
    }
    let mut list: Vec<Holiday> = fixed_national(year)
        .map(|(date, name)| Holiday {
            date,
            name: name.to_owned(),
            kind: HolidayKind::National,
        })
        .collect();
    if let Some(sunday) = easter_sunday(year) {
        list.push(Holiday {
            date: sunday,
            name: EASTER_SUNDAY_NAME.to_owned(),
            kind: HolidayKind::National,
        });
        if let Some(monday) = sunday.succ_opt() {
            list.push(Holiday {
                date: monday,
                name: EASTER_MONDAY_NAME.to_owned(),
                kind: HolidayKind::National,
            });
        }
    }
    // Stable sort: on a shared date the fixed holiday comes before Easter.
    list.sort_by_key(|h| h.date);
    list
}

/// The dates of the national holidays of `year`, unsorted, possibly repeated, without
/// names and without allocating.
fn national_dates(year: i32) -> impl Iterator<Item = NaiveDate> {
    let sunday = easter_sunday(year);
    let monday = sunday.and_then(|s| s.succ_opt());
    fixed_national(year)
        .map(|(date, _)| date)
        .chain(sunday)
        .chain(monday)
}

/// Whether `date` is a national holiday. No allocation.
pub fn is_national_holiday(date: NaiveDate) -> bool {
    if fixed_national(date.year()).any(|(d, _)| d == date) {
        return true;
    }
    let month = date.month();
    // Easter Sunday falls between 22 March and 25 April, Easter Monday one day later.
    (month == 3 || month == 4)
        && easter_sunday(date.year())
            .is_some_and(|sunday| date == sunday || sunday.succ_opt() == Some(date))
}

/// National holidays of `year` plus the patron saint's day of `comune` in
/// `table`, sorted by date. A patron's day that coincides with a national
/// holiday is kept as a second entry on that date, after the national one.
pub fn holidays_with(table: &PatronTable, year: i32, comune: Option<&str>) -> Vec<Holiday> {
    let mut list = national_holidays(year);
    if let Some(patron) = comune.and_then(|c| table.patron(c, year)) {
        list.push(patron);
        list.sort_by_key(|h| (h.date, h.kind));
    }
    list
}

/// A calendar resolved for one comune: the patron's day is looked up once, after which
/// every query is allocation-free. Meant for schedulers that test many slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LocalCalendar {
    /// The patron saint's day as (month, day), if the comune has one in the table.
    patron: Option<(u32, u32)>,
}

impl LocalCalendar {
    /// National holidays only.
    pub fn national() -> Self {
        LocalCalendar { patron: None }
    }

    /// National holidays plus the patron of `comune` from `table`.
    pub fn with_table(table: &PatronTable, comune: Option<&str>) -> Self {
        LocalCalendar {
            patron: comune
                .and_then(|c| table.lookup(c))
                .map(|p| (p.month, p.day)),
        }
    }

    /// Whether `date` is a national holiday or this comune's patron's day.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.patron == Some((date.month(), date.day())) || is_national_holiday(date)
    }

    /// Monday to Friday and not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }

    /// The first working day on or after `date`. At the very end of chrono's date range,
    /// where no later day exists, it returns the last date it could examine.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }

    /// Working days in `[from, to)`; zero when `to <= from`. Computed by week arithmetic
    /// plus one pass over each year's holidays, so long ranges stay cheap.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let span = (to - from).num_days();
        let full_weeks = span / 7;
        let mut count = full_weeks * 5;
        let mut day = from
            .checked_add_signed(chrono::Duration::days(full_weeks * 7))
            .unwrap_or(to);
        while day < to {
            if !is_weekend(day) {
                count += 1;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        for year in from.year()..=to.year() {
            // Holidays of this year inside the range and on a weekday, without duplicates
            // (a patron's day or Easter Monday may share a date with another holiday).
            let mut buf = [NaiveDate::MIN; 16];
            let mut n = 0;
            let patron = self
                .patron
                .and_then(|(month, day)| NaiveDate::from_ymd_opt(year, month, day));
            for date in national_dates(year).chain(patron) {
                if date >= from && date < to && !is_weekend(date) && n < buf.len() {
                    buf[n] = date;
                    n += 1;
                }
            }
            let found = &mut buf[..n];
            found.sort_unstable();
            let distinct = found
                .iter()
                .enumerate()
                .filter(|&(i, d)| i == 0 || found[i - 1] != *d)
                .count();
            count -= i64::try_from(distinct).unwrap_or(0);
        }
        u32::try_from(count.max(0)).unwrap_or(u32::MAX)
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// One row of the patron-saint table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patron {
    /// The comune as the file writes it ("Milano").
    pub comune: String,
    pub day: u32,
    pub month: u32,
    /// The saint ("Sant'Ambrogio").
    pub santo: String,
}

/// Patron saints' days by comune, matched by folded name ("milano", "MILANO" and
/// "Milano" are the same comune).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatronTable {
    patrons: Vec<Patron>,
    /// Folded comune name -> index into `patrons`.
    index: HashMap<String, usize>,
}

impl PatronTable {
    /// Adds a row. A comune appears once (matched by folded name): `Err`
    /// gives the position of the row already there for it, `Err(None)` an
    /// empty comune.
    pub fn push(&mut self, patron: Patron) -> Result<(), Option<usize>> {
        let key = fold(&patron.comune);
        if key.is_empty() {
            return Err(None);
        }
        if let Some(&existing) = self.index.get(&key) {
            return Err(Some(existing));
        }
        self.index.insert(key, self.patrons.len());
        self.patrons.push(patron);
        Ok(())
    }

    /// All rows, in file order.
    pub fn patrons(&self) -> &[Patron] {
        &self.patrons
    }

    pub fn len(&self) -> usize {
        self.patrons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patrons.is_empty()
    }

    /// The row for `comune`, matched by folded name.
    pub fn lookup(&self, comune: &str) -> Option<&Patron> {
        self.index
            .get(&fold(comune))
            .and_then(|&i| self.patrons.get(i))
    }

    /// The patron saint's day of `comune` in `year`, as a [`HolidayKind::Patron`] holiday
    /// named e.g. "Sant'Ambrogio (festa patronale di Milano)". `None` when the comune is
    /// not in the table or the date does not exist that year (29 February).
    pub fn patron(&self, comune: &str, year: i32) -> Option<Holiday> {
        let p = self.lookup(comune)?;
        Some(Holiday {
            date: NaiveDate::from_ymd_opt(year, p.month, p.day)?,
            name: format!("{} (festa patronale di {})", p.santo, p.comune),
            kind: HolidayKind::Patron,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::tables::{parse_patroni, patroni};

    // The rules with the built-in table, as the service applies them.
    fn holidays(year: i32, comune: Option<&str>) -> Vec<Holiday> {
        holidays_with(patroni(), year, comune)
    }

    fn is_holiday(date: NaiveDate, comune: Option<&str>) -> bool {
        LocalCalendar::with_table(patroni(), comune).is_holiday(date)
    }

    fn is_working_day(date: NaiveDate, comune: Option<&str>) -> bool {
        LocalCalendar::with_table(patroni(), comune).is_working_day(date)
    }

    fn next_working_day(date: NaiveDate, comune: Option<&str>) -> NaiveDate {
        LocalCalendar::with_table(patroni(), comune).next_working_day(date)
    }

    fn working_days_between(from: NaiveDate, to: NaiveDate, comune: Option<&str>) -> u32 {
        LocalCalendar::with_table(patroni(), comune).working_days_between(from, to)
    }
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// From 1977 to 2000 the Festa della Repubblica was the first Sunday of June, not
    /// 2 June; 17 March 2011 was a one-off holiday. `festivi 2000` listed 2 June.
    #[test]
    fn history_of_2_june_and_17_march_2011() {
        let dates =
            |year| -> Vec<NaiveDate> { national_holidays(year).iter().map(|h| h.date).collect() };
        // 2000: 2 June was a Friday, a working day; the holiday was Sunday 4 June.
        assert!(!dates(2000).contains(&d(2000, 6, 2)));
        assert!(dates(2000).contains(&d(2000, 6, 4)));
        assert!(!is_national_holiday(d(2000, 6, 2)));
        assert!(is_working_day(d(2000, 6, 2), None));
        assert!(is_national_holiday(d(2000, 6, 4)));
        // 1977, the first year of the rule: Sunday 5 June.
        assert!(dates(1977).contains(&d(1977, 6, 5)));
        assert!(!dates(1977).contains(&d(1977, 6, 2)));
        // Before and after the rule: 2 June.
        assert!(dates(1976).contains(&d(1976, 6, 2)));
        assert!(dates(2001).contains(&d(2001, 6, 2)));
        assert!(is_national_holiday(d(2001, 6, 2)));
        // 17 March 2011, a Thursday, in that year only.
        let unita = national_holidays(2011);
        let h = unita.iter().find(|h| h.date == d(2011, 3, 17)).unwrap();
        assert_eq!(h.name, "150° anniversario dell'Unità d'Italia");
        assert!(is_national_holiday(d(2011, 3, 17)));
        assert!(!is_working_day(d(2011, 3, 17), None));
        assert!(!is_national_holiday(d(2012, 3, 17)));
        assert_eq!(
            national_holidays(2011).len(),
            national_holidays(2012).len() + 1
        );
        // The count of 2000 is the usual 12: the Sunday replaces 2 June.
        assert_eq!(national_holidays(2000).len(), 12);
    }

    #[test]
    fn easter_monday_known_years() {
        let cases = [
            (2025, d(2025, 4, 21)),
            (2026, d(2026, 4, 6)),
            (2027, d(2027, 3, 29)),
            (2028, d(2028, 4, 17)),
            (2000, d(2000, 4, 24)),
            (2019, d(2019, 4, 22)),
            (2011, d(2011, 4, 25)),
            (1961, d(1961, 4, 3)),
            (2008, d(2008, 3, 24)),
            (2038, d(2038, 4, 26)),
        ];
        for (year, expected) in cases {
            assert_eq!(easter_monday(year), Some(expected), "year {year}");
        }
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(1818), Some(d(1818, 3, 22)));
        assert_eq!(easter_sunday(2285), Some(d(2285, 3, 22)));
        assert_eq!(easter_sunday(1943), Some(d(1943, 4, 25)));
    }

    #[test]
    fn out_of_range_years_do_not_panic() {
        for year in [i32::MIN, i32::MAX, -300_000, 300_000] {
            assert_eq!(easter_sunday(year), None);
            assert_eq!(easter_monday(year), None);
            assert!(national_holidays(year).is_empty());
            assert!(holidays(year, Some("Milano")).is_empty());
        }
    }

    #[test]
    fn national_2026_has_thirteen_entries() {
        let list = national_holidays(2026);
        assert_eq!(list.len(), 13);
        let dates: Vec<NaiveDate> = list.iter().map(|h| h.date).collect();
        assert!(dates.contains(&d(2026, 10, 4)));
        assert!(dates.contains(&d(2026, 4, 6)));
        assert!(list.iter().all(|h| h.kind == HolidayKind::National));
        let francesco = list
            .iter()
            .find(|h| h.date == d(2026, 10, 4))
            .expect("4 October listed");
        assert_eq!(francesco.name, "San Francesco d'Assisi, patrono d'Italia");
        // A Sunday, still listed: weekend holidays are not moved.
        assert_eq!(d(2026, 10, 4).weekday(), Weekday::Sun);
        let pasquetta = list.iter().find(|h| h.date == d(2026, 4, 6));
        assert_eq!(
            pasquetta.map(|h| h.name.as_str()),
            Some("Lunedì dell'Angelo (Pasquetta)")
        );
    }

    #[test]
    fn national_2025_has_twelve_entries_and_no_4_october() {
        let list = national_holidays(2025);
        assert_eq!(list.len(), 12);
        assert!(!list.iter().any(|h| h.date == d(2025, 10, 4)));
        assert!(!is_holiday(d(2025, 10, 4), None));
        assert!(is_holiday(d(2026, 10, 4), None));
        let names: Vec<&str> = list.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Capodanno",
                "Epifania",
                "Pasqua",
                "Lunedì dell'Angelo (Pasquetta)",
                "Festa della Liberazione",
                "Festa del Lavoro",
                "Festa della Repubblica",
                "Ferragosto (Assunzione)",
                "Ognissanti",
                "Immacolata Concezione",
                "Natale",
                "Santo Stefano",
            ]
        );
    }

    #[test]
    fn coincident_holidays_are_both_kept() {
        // 2011: Easter Monday on 25 April (and 17 March, the 13th that year).
        let list = national_holidays(2011);
        assert_eq!(list.len(), 13);
        let on_25_april: Vec<&str> = list
            .iter()
            .filter(|h| h.date == d(2011, 4, 25))
            .map(|h| h.name.as_str())
            .collect();
        assert_eq!(
            on_25_april,
            ["Festa della Liberazione", "Lunedì dell'Angelo (Pasquetta)"]
        );
        // 2038: Easter Sunday on 25 April.
        let list = national_holidays(2038);
        assert_eq!(list.iter().filter(|h| h.date == d(2038, 4, 25)).count(), 2);
    }

    #[test]
    fn milano_2026_includes_sant_ambrogio() {
        let list = holidays(2026, Some("Milano"));
        assert_eq!(list.len(), 14);
        let ambrogio = list
            .iter()
            .find(|h| h.kind == HolidayKind::Patron)
            .expect("patron listed");
        assert_eq!(ambrogio.date, d(2026, 12, 7));
        assert_eq!(ambrogio.name, "Sant'Ambrogio (festa patronale di Milano)");
        assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
        // Matching ignores case and accents.
        assert_eq!(holidays(2026, Some("  milano ")), list);
        assert_eq!(holidays(2026, Some("MILANO")), list);
        // A comune without a patron in the table: national only.
        assert_eq!(holidays(2026, Some("Roma")), national_holidays(2026));
        assert_eq!(holidays(2026, None), national_holidays(2026));
    }

    #[test]
    fn patron_coinciding_with_national_holiday_keeps_both() {
        let table = parse_patroni("comune,giorno,mese,santo\nTestopoli,8,12,San Test\n")
            .expect("valid table");
        let list = holidays_with(&table, 2026, Some("Testopoli"));
        assert_eq!(list.len(), 14);
        let on_8_dec: Vec<HolidayKind> = list
            .iter()
            .filter(|h| h.date == d(2026, 12, 8))
            .map(|h| h.kind)
            .collect();
        assert_eq!(on_8_dec, [HolidayKind::National, HolidayKind::Patron]);
        let calendar = LocalCalendar::with_table(&table, Some("testopoli"));
        assert_eq!(
            calendar.working_days_between(d(2026, 12, 1), d(2027, 1, 1)),
            21
        );
        let empty = PatronTable::default();
        assert_eq!(holidays_with(&empty, 2026, Some("Testopoli")).len(), 13);
    }

    #[test]
    fn every_embedded_patron_is_a_local_holiday() {
        let table = patroni();
        assert!(table.len() >= 12);
        let expected = [
            ("Milano", 7, 12),
            ("Varese", 8, 5),
            ("Sondrio", 19, 6),
            ("Monza", 24, 6),
            ("Bergamo", 26, 8),
            ("Brescia", 15, 2),
            ("Mantova", 18, 3),
            ("Pavia", 9, 12),
            ("Como", 31, 8),
            ("Cremona", 13, 11),
            ("Lecco", 6, 12),
            ("Lodi", 19, 1),
        ];
        for (comune, day, month) in expected {
            let p = table.lookup(comune).expect("patron present");
            assert_eq!((p.day, p.month), (day, month), "{comune}");
            let date = d(2026, month, day);
            assert!(is_holiday(date, Some(comune)), "{comune}");
            // Not a national holiday, so not a holiday elsewhere.
            assert!(!is_holiday(date, Some("Roma")), "{comune}");
            assert!(!is_holiday(date, None), "{comune}");
        }
    }

    #[test]
    fn working_days() {
        // Monday 7 December 2026: Sant'Ambrogio in Milano, a working day in Bergamo.
        let ambrogio = d(2026, 12, 7);
        assert_eq!(ambrogio.weekday(), Weekday::Mon);
        assert!(!is_working_day(ambrogio, Some("Milano")));
        assert!(is_working_day(ambrogio, Some("Bergamo")));
        assert!(is_working_day(ambrogio, None));
        // Saturday and Sunday are not working days.
        assert!(!is_working_day(d(2026, 12, 5), None));
        assert!(!is_working_day(d(2026, 12, 6), None));
        // Friday 4 December, Monday 7 December (Lecco is 6/12, a Sunday in 2026).
        assert!(is_working_day(d(2026, 12, 4), Some("Lecco")));
        assert!(is_working_day(d(2026, 12, 7), Some("Lecco")));

        // From Saturday 5/12/2026: Milano skips Sunday, Sant'Ambrogio and the Immacolata.
        assert_eq!(
            next_working_day(d(2026, 12, 5), Some("Milano")),
            d(2026, 12, 9)
        );
        assert_eq!(
            next_working_day(d(2026, 12, 5), Some("Bergamo")),
            d(2026, 12, 7)
        );
        // A working day is its own next working day.
        assert_eq!(
            next_working_day(d(2026, 12, 9), Some("Milano")),
            d(2026, 12, 9)
        );
        // Christmas 2026: Friday 25, Saturday 26, Sunday 27 -> Monday 28.
        assert_eq!(next_working_day(d(2026, 12, 24), None), d(2026, 12, 24));
        assert_eq!(next_working_day(d(2026, 12, 25), None), d(2026, 12, 28));
        // Easter 2026: Monday 6 April -> Tuesday 7 April.
        assert_eq!(next_working_day(d(2026, 4, 4), None), d(2026, 4, 7));
        // The last date chrono can represent does not panic.
        let _ = next_working_day(NaiveDate::MAX, None);
    }

    #[test]
    fn working_days_between_real_values() {
        // December 2026 in Milano: 23 weekdays minus 7, 8, 25 December = 20.
        assert_eq!(
            working_days_between(d(2026, 12, 1), d(2027, 1, 1), Some("Milano")),
            20
        );
        // Bergamo works on 7 December.
        assert_eq!(
            working_days_between(d(2026, 12, 1), d(2027, 1, 1), Some("Bergamo")),
            21
        );
        // Half-open: the end date is not counted, an empty or reversed range is zero.
        assert_eq!(
            working_days_between(d(2026, 12, 9), d(2026, 12, 9), None),
            0
        );
        assert_eq!(
            working_days_between(d(2026, 12, 9), d(2026, 12, 10), None),
            1
        );
        assert_eq!(
            working_days_between(d(2026, 12, 10), d(2026, 12, 1), None),
            0
        );
        // The whole of 2026: 261 weekdays minus the holidays on weekdays.
        let weekday_holidays = national_holidays(2026)
            .iter()
            .filter(|h| !is_weekend(h.date))
            .count();
        // 1/1 Thu, 6/1 Tue, 6/4 Mon, 1/5 Fri, 2/6 Tue, 8/12 Tue, 25/12 Fri.
        assert_eq!(weekday_holidays, 7);
        assert_eq!(
            working_days_between(d(2026, 1, 1), d(2027, 1, 1), None),
            261 - 7
        );
        // The edges of chrono's range and long ranges do not panic.
        let near_max = NaiveDate::MAX - chrono::Duration::days(1000);
        let near_min = NaiveDate::MIN + chrono::Duration::days(1000);
        assert!(working_days_between(near_max, NaiveDate::MAX, Some("Milano")) > 600);
        assert!(working_days_between(NaiveDate::MIN, near_min, Some("Milano")) > 600);
        let ten_thousand_years = working_days_between(d(-5000, 1, 1), d(5000, 1, 1), None);
        assert!(ten_thousand_years > 2_400_000 && ten_thousand_years < 2_610_000);
    }

    #[test]
    fn patron_table_errors_name_the_line() {
        let cases: [(&str, CalendarError); 9] = [
            ("", CalendarError::Empty),
            (
                "citta,giorno,mese,santo\n",
                CalendarError::BadHeader {
                    line: 1,
                    found: "citta,giorno,mese,santo".into(),
                },
            ),
            (
                "comune,giorno,mese,santo\nMilano,7,12\n",
                CalendarError::FieldCount { line: 2, found: 3 },
            ),
            (
                "comune,giorno,mese,santo\nMilano,7,12,Sant'Ambrogio\nLodi,,1,San Bassiano\n",
                CalendarError::EmptyField {
                    line: 3,
                    field: "giorno",
                },
            ),
            (
                "comune,giorno,mese,santo\nMilano,sette,12,Sant'Ambrogio\n",
                CalendarError::BadDay {
                    line: 2,
                    value: "sette".into(),
                },
            ),
            (
                "comune,giorno,mese,santo\nMilano,7,13,Sant'Ambrogio\n",
                CalendarError::BadMonth {
                    line: 2,
                    value: "13".into(),
                },
            ),
            (
                "comune,giorno,mese,santo\nMilano,31,4,Sant'Ambrogio\n",
                CalendarError::BadDate {
                    line: 2,
                    day: 31,
                    month: 4,
                },
            ),
            (
                "comune,giorno,mese,santo\nMilano,7,12,Sant'Ambrogio\n\nMILANO,8,12,Altro\n",
                CalendarError::DuplicateComune {
                    line: 4,
                    comune: "MILANO".into(),
                    first_line: 2,
                },
            ),
            (
                "comune,giorno,mese,santo\n,7,12,Sant'Ambrogio\n",
                CalendarError::EmptyField {
                    line: 2,
                    field: "comune",
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_patroni(text), Err(expected), "{text:?}");
        }
        let err = parse_patroni("comune,giorno,mese,santo\nMilano,7,13,Sant'Ambrogio\n")
            .expect_err("bad month");
        assert_eq!(
            err.to_string(),
            "riga 2: mese \"13\" non valido, scrivere un numero da 1 a 12"
        );
    }

    #[test]
    fn patron_table_accepts_bom_quotes_and_29_february() {
        let text = "\u{feff}Comune,Giorno,Mese,Santo\r\n\"Sant'Angelo Lodigiano\", 29 ,2,\"San Test, martire\"\r\n";
        let table = parse_patroni(text).expect("valid table");
        assert_eq!(table.len(), 1);
        let p = table
            .lookup("santangelo lodigiano")
            .expect("found by folded name");
        assert_eq!(p.santo, "San Test, martire");
        assert_eq!(table.patron("Sant'Angelo Lodigiano", 2025), None);
        assert_eq!(
            table.patron("Sant'Angelo Lodigiano", 2028).map(|h| h.date),
            Some(d(2028, 2, 29))
        );
    }

    #[test]
    fn local_calendar_matches_free_functions() {
        let milano = LocalCalendar::with_table(patroni(), Some("Milano"));
        assert_ne!(milano, LocalCalendar::national());
        assert_eq!(
            LocalCalendar::with_table(patroni(), Some("Roma")),
            LocalCalendar::national()
        );
        let mut day = d(2026, 1, 1);
        while day.year() == 2026 {
            assert_eq!(milano.is_holiday(day), is_holiday(day, Some("Milano")));
            let listed = holidays(2026, Some("Milano")).iter().any(|h| h.date == day);
            assert_eq!(milano.is_holiday(day), listed, "{day}");
            day = day.succ_opt().expect("in range");
        }
    }

    const COMUNI: [Option<&str>; 5] = [
        None,
        Some("Milano"),
        Some("Lecco"),
        Some("Pavia"),
        Some("Roma"),
    ];

    proptest! {
        #[test]
        fn national_list_is_sorted_and_easter_monday_is_a_monday(year in 1900i32..2200) {
            let list = national_holidays(year);
            prop_assert_eq!(list.len(), if year >= 2026 || year == 2011 { 13 } else { 12 });
            prop_assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
            // The only possible shared date is 25 April, with Easter Sunday or Monday.
            for w in list.windows(2) {
                if w[0].date == w[1].date {
                    prop_assert_eq!((w[0].date.month(), w[0].date.day()), (4, 25));
                    prop_assert!(w[1].name == "Pasqua" || w[1].name.starts_with("Lunedì"));
                }
            }
            prop_assert!(list.iter().all(|h| h.date.year() == year));
            let monday = easter_monday(year).expect("in range");
            prop_assert_eq!(monday.weekday(), Weekday::Mon);
            prop_assert!(monday.month() == 3 || monday.month() == 4);
            prop_assert!(monday >= d(year, 3, 23) && monday <= d(year, 4, 26));
            prop_assert!(list.iter().all(|h| is_national_holiday(h.date)));
            let mut dates: Vec<NaiveDate> = national_dates(year).collect();
            dates.sort_unstable();
            prop_assert_eq!(dates, list.iter().map(|h| h.date).collect::<Vec<_>>());
        }

        #[test]
        fn working_days_between_matches_day_by_day_count(
            year in 1990i32..2060,
            ordinal in 1u32..366,
            span in 0i64..800,
            which in 0usize..5,
        ) {
            let comune = COMUNI[which];
            let from = NaiveDate::from_yo_opt(year, ordinal).expect("valid ordinal");
            let to = from + chrono::Duration::days(span);
            let mut expected = 0u32;
            let mut day = from;
            while day < to {
                if is_working_day(day, comune) {
                    expected += 1;
                }
                day = day.succ_opt().expect("in range");
            }
            prop_assert_eq!(working_days_between(from, to, comune), expected);
        }

        #[test]
        fn next_working_day_is_the_first_working_day(
            year in 1990i32..2060,
            ordinal in 1u32..366,
            which in 0usize..5,
        ) {
            let comune = COMUNI[which];
            let from = NaiveDate::from_yo_opt(year, ordinal).expect("valid ordinal");
            let next = next_working_day(from, comune);
            prop_assert!(next >= from);
            prop_assert!(is_working_day(next, comune));
            prop_assert_eq!(working_days_between(from, next, comune), 0);
            prop_assert!((next - from).num_days() <= 5);
        }
    }
}
