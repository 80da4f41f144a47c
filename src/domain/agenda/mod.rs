//! The agenda of a practice: resources with weekly availability patterns,
//! closures, slots, appointments, booking conflicts and adherence (the
//! iCalendar export of a patient's appointments is in `crate::io::ical`).
//!
//! Modelled on VistA Scheduling: each resource has availability patterns
//! (weekday, time range, slot length, capacity, validity dates); holidays of
//! the practice's [`LocalCalendar`] apply to every pattern; closures close a
//! resource or the whole practice for a day, a range or part of a day.
//!
//! Weekends: the calendar counts Monday to Friday as working days, and leaves a
//! practice that opens on Saturday to its agenda. So a pattern on a Saturday
//! gives slots on Saturdays that are not holidays; holidays never have slots.
//!
//! **One visit per slot.** Several appointments of one patient at the same
//! resource and start (the blood tests of one fasting morning, drawn together)
//! are one visit: they take one place in the slot and do not overlap each
//! other. Slot occupancy therefore counts distinct patients
//! ([`slot_usage`], [`same_slot_count`]), and a double booking is two
//! overlapping appointments of one patient that are not the same visit
//! ([`double_bookings`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::calendar::LocalCalendar;
use super::pai::ItemId;
use super::text::fold;

pub type ResourceId = u64;
pub type AppointmentId = u64;
pub type ClosureId = u64;

/// Shortest slot, in minutes.
pub const DURATA_MIN: u16 = 5;
/// Longest slot, in minutes.
pub const DURATA_MAX: u16 = 240;
/// Most patients one slot may take.
pub const CAPACITA_MAX: u16 = 50;
/// Morning ends at 13:00: a slot starting before it is a morning slot.
pub const FINE_MATTINA_ORA: u32 = 13;

/// Errors of the agenda set-up and of appointments, in Italian for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    #[error("l'orario di fine ({}) deve essere dopo quello di inizio ({})", hm(*alle), hm(*dalle))]
    FineNonDopoInizio { dalle: NaiveTime, alle: NaiveTime },
    #[error(
        "durata dello slot non valida: {0} minuti (ammessa da {DURATA_MIN} a {DURATA_MAX} minuti)"
    )]
    Durata(u16),
    #[error("la fascia oraria è più corta di uno slot di {0} minuti")]
    FasciaCorta(u16),
    #[error("capacità dello slot non valida: {0} (ammessa da 1 a {CAPACITA_MAX})")]
    Capacita(u16),
    #[error("la validità termina ({}) prima di iniziare ({})", dmy(*al), dmy(*dal))]
    Validita { dal: NaiveDate, al: NaiveDate },
    /// Two bands of `giorno` overlap: `prima` and `seconda` as "08:00-12:00".
    #[error("le fasce del {} si sovrappongono: {prima} e {seconda}", giorno_label(*giorno))]
    Sovrapposte {
        giorno: Weekday,
        prima: String,
        seconda: String,
    },
    /// A band of the week breaks a rule.
    #[error("fascia {}: {errore}", .fascia.label())]
    InFascia {
        fascia: Box<Pattern>,
        errore: Box<AgendaError>,
    },
    #[error("indicare il nome della risorsa")]
    NomeMancante,
    #[error("indicare il tipo della risorsa (es. punto prelievi, ambulatorio MMG)")]
    TipoMancante,
    #[error("la chiusura deve terminare dopo l'inizio")]
    ChiusuraVuota,
    #[error("l'appuntamento deve terminare dopo l'inizio")]
    AppuntamentoVuoto,
    #[error("indicare il motivo")]
    MotivoMancante,
    #[error("l'appuntamento è annullato: prenotarne uno nuovo")]
    GiaAnnullato,
}

/// "08:30".
fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// "08/12/2026".
fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "08/12/2026 08:30".
fn dmy_hm(d: NaiveDateTime) -> String {
    d.format("%d/%m/%Y %H:%M").to_string()
}

/// The Italian name of a weekday, lower case: "lunedì".
pub fn giorno_label(giorno: Weekday) -> &'static str {
    match giorno {
        Weekday::Mon => "lunedì",
        Weekday::Tue => "martedì",
        Weekday::Wed => "mercoledì",
        Weekday::Thu => "giovedì",
        Weekday::Fri => "venerdì",
        Weekday::Sat => "sabato",
        Weekday::Sun => "domenica",
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A day typed by the operator: at least three letters of its Italian or
/// English name, ignoring case and accents ("lun", "Martedì", "fri").
fn parse_giorno(token: &str) -> Option<Weekday> {
    const NAMES: [(&str, &str); 7] = [
        ("LUNEDI", "MONDAY"),
        ("MARTEDI", "TUESDAY"),
        ("MERCOLEDI", "WEDNESDAY"),
        ("GIOVEDI", "THURSDAY"),
        ("VENERDI", "FRIDAY"),
        ("SABATO", "SATURDAY"),
        ("DOMENICA", "SUNDAY"),
    ];
    let t = fold(token);
    if t.chars().count() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|(it, en)| it.starts_with(&t) || en.starts_with(&t))
        .map(|i| WEEK[i])
}

/// The weekdays of a text such as "lun-ven", "lun,mer,ven", "sab" or
/// "lun-mer, ven" (a span may wrap: "sab-lun"), Monday first, each once;
/// `None` when a part is not a day or nothing is given.
pub fn parse_giorni(text: &str) -> Option<Vec<Weekday>> {
    let mut days: Vec<Weekday> = Vec::new();
    for part in text.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((a, b)) = part.split_once('-') {
            let (a, b) = (parse_giorno(a.trim())?, parse_giorno(b.trim())?);
            let mut d = a;
            loop {
                days.push(d);
                if d == b {
                    break;
                }
                d = d.succ();
            }
        } else {
            for word in part.split_whitespace() {
                days.push(parse_giorno(word)?);
            }
        }
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    (!days.is_empty()).then_some(days)
}

/// The short Italian name of a weekday: "lun".
pub fn giorno_breve(giorno: Weekday) -> &'static str {
    ["lun", "mar", "mer", "gio", "ven", "sab", "dom"][giorno.num_days_from_monday() as usize]
}

/// Weekdays as [`parse_giorni`] reads them: runs of three or more as a span
/// ("lun-ven"), the others listed ("lun-mer,ven").
pub fn giorni_label(days: &[Weekday]) -> String {
    let mut sorted: Vec<u32> = days.iter().map(|d| d.num_days_from_monday()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1] == sorted[j] + 1 {
            j += 1;
        }
        let name = |n: u32| giorno_breve(WEEK[n as usize]);
        if j >= i + 2 {
            parts.push(format!("{}-{}", name(sorted[i]), name(sorted[j])));
        } else {
            parts.extend((i..=j).map(|k| name(sorted[k]).to_string()));
        }
        i = j + 1;
    }
    parts.join(",")
}

/// Midnight of `day`.
fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

fn add_secs(at: NaiveDateTime, secs: i64) -> Option<NaiveDateTime> {
    at.checked_add_signed(Duration::try_seconds(secs)?)
}

// ---------------------------------------------------------------------------
// Patterns and resources

/// A weekly availability pattern: every `giorno` from `valido_dal` to
/// `valido_al` (included; `None` = open-ended), slots of `durata_min` minutes
/// from `dalle` while they end by `alle`, each for `capacita` patients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub giorno: Weekday,
    pub dalle: NaiveTime,
    pub alle: NaiveTime,
    pub durata_min: u16,
    pub capacita: u16,
    pub valido_dal: NaiveDate,
    pub valido_al: Option<NaiveDate>,
}

impl Pattern {
    /// An open-ended pattern valid from `valido_dal`.
    pub fn new(
        giorno: Weekday,
        dalle: NaiveTime,
        alle: NaiveTime,
        durata_min: u16,
        capacita: u16,
        valido_dal: NaiveDate,
    ) -> Pattern {
        Pattern {
            giorno,
            dalle,
            alle,
            durata_min,
            capacita,
            valido_dal,
            valido_al: None,
        }
    }

    /// End after start, slot length 5-240 minutes and no longer than the
    /// range, capacity 1-50, validity not reversed.
    pub fn validate(&self) -> Result<(), AgendaError> {
        if self.alle <= self.dalle {
            return Err(AgendaError::FineNonDopoInizio {
                dalle: self.dalle,
                alle: self.alle,
            });
        }
        if !(DURATA_MIN..=DURATA_MAX).contains(&self.durata_min) {
            return Err(AgendaError::Durata(self.durata_min));
        }
        let span = self.alle.num_seconds_from_midnight() - self.dalle.num_seconds_from_midnight();
        if span < u32::from(self.durata_min) * 60 {
            return Err(AgendaError::FasciaCorta(self.durata_min));
        }
        if !(1..=CAPACITA_MAX).contains(&self.capacita) {
            return Err(AgendaError::Capacita(self.capacita));
        }
        if let Some(al) = self.valido_al
            && al < self.valido_dal
        {
            return Err(AgendaError::Validita {
                dal: self.valido_dal,
                al,
            });
        }
        Ok(())
    }

    /// "lunedì 08:00-12:00".
    pub fn label(&self) -> String {
        format!(
            "{} {}-{}",
            giorno_label(self.giorno),
            hm(self.dalle),
            hm(self.alle)
        )
    }

    /// Whether the pattern applies on `day`: its weekday, within validity.
    pub fn applies_on(&self, day: NaiveDate) -> bool {
        day.weekday() == self.giorno
            && day >= self.valido_dal
            && self.valido_al.is_none_or(|al| day <= al)
    }

    /// Whether two patterns overlap: same weekday, validity periods that meet,
    /// time ranges that intersect.
    pub fn overlaps(&self, other: &Pattern) -> bool {
        let periods_meet = self.valido_al.is_none_or(|al| other.valido_dal <= al)
            && other.valido_al.is_none_or(|al| self.valido_dal <= al);
        self.giorno == other.giorno
            && periods_meet
            && self.dalle < other.alle
            && other.dalle < self.alle
    }

    /// Slot start times as seconds from midnight; empty for an invalid pattern.
    fn slot_starts(&self) -> impl Iterator<Item = u32> + '_ {
        let valid = self.validate().is_ok();
        let from = self.dalle.num_seconds_from_midnight();
        let to = self.alle.num_seconds_from_midnight();
        let step = u32::from(self.durata_min.max(1)) * 60;
        (0..)
            .map(move |k: u32| from.saturating_add(k.saturating_mul(step)))
            .take_while(move |s| valid && s.saturating_add(step) <= to)
    }

    /// The slots of this pattern on `day` (none if it does not apply).
    fn slots(&self, resource: ResourceId, day: NaiveDate) -> Vec<Slot> {
        if !self.applies_on(day) {
            return Vec::new();
        }
        let base = midnight(day);
        let step = i64::from(self.durata_min) * 60;
        self.slot_starts()
            .filter_map(|s| {
                let start = add_secs(base, i64::from(s))?;
                let end = add_secs(start, step)?;
                Some(Slot {
                    resource,
                    start,
                    end,
                    capacita: self.capacita,
                })
            })
            .collect()
    }

    /// The slot of this pattern starting exactly at `start`, if any.
    fn slot_at(&self, resource: ResourceId, start: NaiveDateTime) -> Option<Slot> {
        if !self.applies_on(start.date()) || self.validate().is_err() {
            return None;
        }
        let s = start.time().num_seconds_from_midnight();
        let from = self.dalle.num_seconds_from_midnight();
        let step = u32::from(self.durata_min) * 60;
        let to = self.alle.num_seconds_from_midnight();
        if s < from || start.nanosecond() != 0 || !(s - from).is_multiple_of(step) || s + step > to
        {
            return None;
        }
        Some(Slot {
            resource,
            start,
            end: add_secs(start, i64::from(step))?,
            capacita: self.capacita,
        })
    }
}

/// Something of the practice that appointments are booked on: a doctor's
/// surgery, the nurses' room, the blood-drawing point, an ECG device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub id: ResourceId,
    /// "Studio dott. Rossi".
    pub nome: String,
    /// Kind, matched against `Luogo::InSede { risorsa }` of PAI items ignoring
    /// case and accents: "punto prelievi", "ambulatorio MMG",
    /// "ambulatorio infermieristico", "ECG".
    pub tipo: String,
    pub patterns: Vec<Pattern>,
    pub attiva: bool,
}

impl Resource {
    /// An active resource with no patterns yet.
    pub fn new(id: ResourceId, nome: &str, tipo: &str) -> Resource {
        Resource {
            id,
            nome: nome.trim().to_string(),
            tipo: tipo.trim().to_string(),
            patterns: Vec::new(),
            attiva: true,
        }
    }

    /// Adds a pattern (builder style, not validated: see [`Resource::validate`]).
    pub fn with_pattern(mut self, pattern: Pattern) -> Resource {
        self.patterns.push(pattern);
        self
    }

    /// Whether this resource is of the kind a PAI item asks for (ignoring case,
    /// accents and punctuation; an empty kind matches nothing).
    pub fn matches_tipo(&self, risorsa: &str) -> bool {
        let wanted = fold(risorsa);
        !wanted.is_empty() && fold(&self.tipo) == wanted
    }

    /// Name and kind present, every pattern valid, no two patterns of the same
    /// weekday overlapping in time within overlapping validity periods.
    pub fn validate(&self) -> Result<(), AgendaError> {
        if self.nome.trim().is_empty() {
            return Err(AgendaError::NomeMancante);
        }
        if self.tipo.trim().is_empty() {
            return Err(AgendaError::TipoMancante);
        }
        for p in &self.patterns {
            p.validate().map_err(|e| AgendaError::InFascia {
                fascia: Box::new(p.clone()),
                errore: Box::new(e),
            })?;
        }
        for (i, a) in self.patterns.iter().enumerate() {
            for b in &self.patterns[i + 1..] {
                if a.overlaps(b) {
                    return Err(AgendaError::Sovrapposte {
                        giorno: a.giorno,
                        prima: format!("{}-{}", hm(a.dalle), hm(a.alle)),
                        seconda: format!("{}-{}", hm(b.dalle), hm(b.alle)),
                    });
                }
            }
        }
        Ok(())
    }

    /// The slots of the patterns on `day`, ignoring holidays, closures and
    /// whether the resource is active; sorted by start, one per start (should
    /// invalid overlapping patterns give two, the first pattern's is kept).
    pub fn pattern_slots(&self, day: NaiveDate) -> Vec<Slot> {
        let mut slots: Vec<Slot> = self
            .patterns
            .iter()
            .flat_map(|p| p.slots(self.id, day))
            .collect();
        slots.sort_by_key(|s| s.start);
        slots.dedup_by_key(|s| s.start);
        slots
    }

    /// The pattern slot starting exactly at `start`, and its pattern.
    pub fn pattern_slot_at(&self, start: NaiveDateTime) -> Option<(&Pattern, Slot)> {
        self.patterns
            .iter()
            .find_map(|p| p.slot_at(self.id, start).map(|s| (p, s)))
    }
}

// ---------------------------------------------------------------------------
// Closures and slots

/// A closure of one resource or of the whole practice, over the half-open
/// range `[dal, al)`: a day (midnight to midnight), a range of days, or part
/// of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub id: ClosureId,
    /// `None`: the whole practice.
    pub resource: Option<ResourceId>,
    pub dal: NaiveDateTime,
    pub al: NaiveDateTime,
    pub motivo: String,
}

impl Closure {
    /// The whole of `day`.
    pub fn giornata(
        id: ClosureId,
        resource: Option<ResourceId>,
        day: NaiveDate,
        motivo: &str,
    ) -> Closure {
        Closure::periodo(id, resource, day, day, motivo)
    }

    /// The days from `dal` to `al`, both included.
    pub fn periodo(
        id: ClosureId,
        resource: Option<ResourceId>,
        dal: NaiveDate,
        al: NaiveDate,
        motivo: &str,
    ) -> Closure {
        let end = al.succ_opt().map_or(NaiveDateTime::MAX, midnight);
        Closure {
            id,
            resource,
            dal: midnight(dal),
            al: end,
            motivo: motivo.trim().to_string(),
        }
    }

    /// Part of `day`, from `dalle` to `alle`.
    pub fn fascia(
        id: ClosureId,
        resource: Option<ResourceId>,
        day: NaiveDate,
        dalle: NaiveTime,
        alle: NaiveTime,
        motivo: &str,
    ) -> Closure {
        Closure {
            id,
            resource,
            dal: day.and_time(dalle),
            al: day.and_time(alle),
            motivo: motivo.trim().to_string(),
        }
    }

    /// Refuses a range that ends before or when it starts.
    pub fn validate(&self) -> Result<(), AgendaError> {
        if self.al <= self.dal {
            return Err(AgendaError::ChiusuraVuota);
        }
        Ok(())
    }

    /// Whether it closes `resource` (its own closure or the practice's).
    pub fn applies_to(&self, resource: ResourceId) -> bool {
        self.resource.is_none_or(|r| r == resource)
    }

    /// Whether it meets the half-open range `[start, end)`. An empty or
    /// reversed closure meets nothing.
    pub fn overlaps(&self, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        self.dal < self.al && self.dal < end && start < self.al
    }

    /// "il 08/12/2026", "dal 03/08/2026 al 21/08/2026", "il 09/03/2026 dalle
    /// 14:00 alle 18:00", or both ends with their time.
    pub fn periodo_label(&self) -> String {
        let whole_days = self.dal.time() == NaiveTime::MIN && self.al.time() == NaiveTime::MIN;
        if whole_days && self.al > self.dal {
            let first = self.dal.date();
            let last = self.al.date().pred_opt().unwrap_or(first);
            if first == last {
                format!("il {}", dmy(first))
            } else {
                format!("dal {} al {}", dmy(first), dmy(last))
            }
        } else if self.dal.date() == self.al.date() {
            format!(
                "il {} dalle {} alle {}",
                dmy(self.dal.date()),
                hm(self.dal.time()),
                hm(self.al.time())
            )
        } else {
            format!("dal {} al {}", dmy_hm(self.dal), dmy_hm(self.al))
        }
    }
}

/// One bookable slot of a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub resource: ResourceId,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// Patients the slot takes.
    pub capacita: u16,
}

/// The slots of `resource` on `day`: none if the resource is not active or the
/// day is a holiday of `calendar` (national or the comune's patron); slots
/// overlapping a closure of the resource or of the practice are dropped.
/// Sorted by start.
pub fn slots_on(
    resource: &Resource,
    day: NaiveDate,
    closures: &[Closure],
    calendar: &LocalCalendar,
) -> Vec<Slot> {
    if !resource.attiva || calendar.is_holiday(day) {
        return Vec::new();
    }
    let mut slots = resource.pattern_slots(day);
    let relevant: Vec<&Closure> = closures
        .iter()
        .filter(|c| c.applies_to(resource.id))
        .filter(|c| {
            c.overlaps(
                midnight(day),
                add_secs(midnight(day), 86_400).unwrap_or(NaiveDateTime::MAX),
            )
        })
        .collect();
    if !relevant.is_empty() {
        slots.retain(|s| !relevant.iter().any(|c| c.overlaps(s.start, s.end)));
    }
    slots
}

// ---------------------------------------------------------------------------
// Appointments

/// State of an appointment. Variants are append-only (they are stored).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AppStato {
    Prenotato,
    Eseguito,
    NonPresentato,
    Annullato { motivo: String },
}

impl AppStato {
    pub fn label(&self) -> &'static str {
        match self {
            AppStato::Prenotato => "prenotato",
            AppStato::Eseguito => "eseguito",
            AppStato::NonPresentato => "non presentato",
            AppStato::Annullato { .. } => "annullato",
        }
    }

    /// Whether the appointment takes its place in the slot and in the
    /// patient's day: every state but cancelled.
    pub fn occupa_slot(&self) -> bool {
        !matches!(self, AppStato::Annullato { .. })
    }

    /// Whether it covers its PAI occurrence: booked or done (a no-show or a
    /// cancellation leaves the occurrence to be booked again).
    pub fn copre_occorrenza(&self) -> bool {
        matches!(self, AppStato::Prenotato | AppStato::Eseguito)
    }
}

impl fmt::Display for AppStato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppStato::Annullato { motivo } if !motivo.trim().is_empty() => {
                write!(f, "annullato ({})", motivo.trim())
            }
            other => f.write_str(other.label()),
        }
    }
}

/// An appointment with an external provider, booked through the regional
/// booking system.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Esterno {
    pub erogatore: String,
    pub codice_prenotazione: String,
}

/// One appointment of a patient: at a resource of the practice, or external.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: AppointmentId,
    pub patient: u64,
    /// The PAI, item and occurrence (1-based) it serves, when it comes from one.
    pub pai: Option<u64>,
    pub item: Option<ItemId>,
    pub occorrenza: Option<u32>,
    /// `None` for an external appointment.
    pub resource: Option<ResourceId>,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub descrizione: String,
    pub stato: AppStato,
    pub esterno: Option<Esterno>,
    pub note: String,
    /// Reason of an authorised override of a conflict.
    pub forzatura: Option<String>,
}

impl Appointment {
    /// End after start, a reason for a cancellation and for an override.
    pub fn validate(&self) -> Result<(), AgendaError> {
        if self.end <= self.start {
            return Err(AgendaError::AppuntamentoVuoto);
        }
        if let AppStato::Annullato { motivo } = &self.stato
            && motivo.trim().is_empty()
        {
            return Err(AgendaError::MotivoMancante);
        }
        if self
            .forzatura
            .as_deref()
            .is_some_and(|f| f.trim().is_empty())
        {
            return Err(AgendaError::MotivoMancante);
        }
        Ok(())
    }

    pub fn day(&self) -> NaiveDate {
        self.start.date()
    }

    /// Whether the two time ranges meet (half-open; an empty range is treated
    /// as one instant so that it still meets what covers it).
    pub fn overlaps(&self, other: &Appointment) -> bool {
        ranges_meet(self.start, self.end, other.start, other.end)
    }

    /// Same patient, same resource, same start: one visit (module docs).
    pub fn same_visit(&self, other: &Appointment) -> bool {
        self.patient == other.patient
            && self.resource.is_some()
            && self.resource == other.resource
            && self.start == other.start
    }

    /// Changes the state: a cancelled appointment stays cancelled (book a new
    /// one); a cancellation needs a reason. Any other change is allowed, so
    /// that a mistaken "eseguito" can be corrected.
    pub fn cambia_stato(&mut self, nuovo: AppStato) -> Result<(), AgendaError> {
        if matches!(self.stato, AppStato::Annullato { .. }) {
            return Err(AgendaError::GiaAnnullato);
        }
        if let AppStato::Annullato { motivo } = &nuovo
            && motivo.trim().is_empty()
        {
            return Err(AgendaError::MotivoMancante);
        }
        self.stato = nuovo;
        Ok(())
    }
}

/// Whether two half-open ranges meet; an empty range counts as one instant.
pub(crate) fn ranges_meet(
    a_start: NaiveDateTime,
    a_end: NaiveDateTime,
    b_start: NaiveDateTime,
    b_end: NaiveDateTime,
) -> bool {
    let a_end = a_end.max(add_secs(a_start, 1).unwrap_or(a_start));
    let b_end = b_end.max(add_secs(b_start, 1).unwrap_or(b_start));
    a_start < b_end && b_start < a_end
}

// ---------------------------------------------------------------------------
// Conflicts

/// Why a booking or a move is not clean. Each is a warning an authorised user
/// may override with a reason ([`Appointment::forzatura`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The patient has another appointment at the same time (not the same visit).
    StessoPaziente {
        appuntamento: AppointmentId,
        start: NaiveDateTime,
        end: NaiveDateTime,
        descrizione: String,
    },
    /// The slot already has as many patients as it takes.
    SlotPieno { prenotati: u16, capacita: u16 },
    /// A closure of the resource or of the practice.
    Chiusura(Closure),
    /// A holiday of the practice's calendar.
    Festivo { giorno: NaiveDate },
    /// No slot of the resource's patterns at that time, or the resource is
    /// not active or gone; `risorsa` its name.
    FuoriDisponibilita { risorsa: String, dettaglio: Fuori },
}

/// Why an appointment is outside the resource's availability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fuori {
    /// The resource is not active.
    NonAttiva,
    /// The resource no longer exists.
    NonEsiste,
    /// No slot of its patterns at that time.
    NessunoSlot(NaiveDateTime),
    /// It ends after the band, which ends at that time.
    OltreFascia(NaiveTime),
}

impl fmt::Display for Fuori {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fuori::NonAttiva => f.write_str("la risorsa non è attiva"),
            Fuori::NonEsiste => f.write_str("la risorsa non esiste più"),
            Fuori::NessunoSlot(at) => write!(
                f,
                "nessuno slot alle {} di {} {}",
                hm(at.time()),
                giorno_label(at.weekday()),
                dmy(at.date())
            ),
            Fuori::OltreFascia(end) => {
                write!(f, "termina dopo la fine della fascia ({})", hm(*end))
            }
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::StessoPaziente {
                start,
                end,
                descrizione,
                ..
            } => {
                write!(
                    f,
                    "il paziente ha già un appuntamento il {} dalle {} alle {}",
                    dmy(start.date()),
                    hm(start.time()),
                    hm(end.time())
                )?;
                if !descrizione.trim().is_empty() {
                    write!(f, " («{}»)", descrizione.trim())?;
                }
                Ok(())
            }
            Conflict::SlotPieno {
                prenotati,
                capacita,
            } => write!(
                f,
                "slot pieno: {prenotati} {} su {capacita} {}",
                if *prenotati == 1 {
                    "paziente"
                } else {
                    "pazienti"
                },
                if *capacita == 1 { "posto" } else { "posti" }
            ),
            Conflict::Chiusura(c) => {
                write!(f, "chiuso {}", c.periodo_label())?;
                if !c.motivo.trim().is_empty() {
                    write!(f, ": {}", c.motivo.trim())?;
                }
                Ok(())
            }
            Conflict::Festivo { giorno } => write!(f, "il {} è festivo", dmy(*giorno)),
            Conflict::FuoriDisponibilita { risorsa, dettaglio } => {
                write!(f, "fuori dagli orari di «{risorsa}»: {dettaglio}")
            }
        }
    }
}

/// The conflicts of booking or moving `candidate`, for manual booking:
///
/// - `patient_day`: the patient's other appointments around the candidate's
///   time (the candidate itself, by id, and the same visit are skipped);
/// - `same_slot_count`: distinct *other* patients already in the slot
///   (see [`same_slot_count`]);
/// - `resource`: the candidate's resource; availability, holidays, closures
///   and capacity are checked only for an appointment at the practice.
///
/// A cancelled candidate has no conflicts.
pub fn conflicts(
    candidate: &Appointment,
    resource: Option<&Resource>,
    same_slot_count: u16,
    patient_day: &[Appointment],
    closures: &[Closure],
    calendar: &LocalCalendar,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    if !candidate.stato.occupa_slot() {
        return out;
    }
    for other in patient_day {
        if other.id != candidate.id
            && other.patient == candidate.patient
            && other.stato.occupa_slot()
            && candidate.overlaps(other)
            && !candidate.same_visit(other)
        {
            out.push(Conflict::StessoPaziente {
                appuntamento: other.id,
                start: other.start,
                end: other.end,
                descrizione: other.descrizione.clone(),
            });
        }
    }
    if let (Some(_), Some(resource)) = (candidate.resource, resource) {
        out.extend(availability_conflicts(
            candidate, resource, closures, calendar,
        ));
        if let Some((_, slot)) = resource.pattern_slot_at(candidate.start)
            && same_slot_count >= slot.capacita
        {
            out.push(Conflict::SlotPieno {
                prenotati: same_slot_count,
                capacita: slot.capacita,
            });
        }
    }
    out
}

/// Holidays, closures and availability of an appointment at `resource`.
fn availability_conflicts(
    candidate: &Appointment,
    resource: &Resource,
    closures: &[Closure],
    calendar: &LocalCalendar,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let end = candidate
        .end
        .max(add_secs(candidate.start, 1).unwrap_or(candidate.start));
    // Days the appointment touches (at most a month is looked at).
    let last_day = add_secs(end, -1).map_or(candidate.start.date(), |e| e.date());
    let mut day = candidate.start.date();
    for _ in 0..31 {
        if day > last_day {
            break;
        }
        if calendar.is_holiday(day) {
            out.push(Conflict::Festivo { giorno: day });
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    for c in closures {
        if c.applies_to(resource.id) && c.overlaps(candidate.start, end) {
            out.push(Conflict::Chiusura(c.clone()));
        }
    }
    let nome = if resource.nome.trim().is_empty() {
        resource.tipo.trim().to_string()
    } else {
        resource.nome.trim().to_string()
    };
    if !resource.attiva {
        out.push(Conflict::FuoriDisponibilita {
            risorsa: nome,
            dettaglio: Fuori::NonAttiva,
        });
        return out;
    }
    match resource.pattern_slot_at(candidate.start) {
        None => out.push(Conflict::FuoriDisponibilita {
            risorsa: nome,
            dettaglio: Fuori::NessunoSlot(candidate.start),
        }),
        Some((pattern, _)) => {
            let pattern_end = candidate.start.date().and_time(pattern.alle);
            if candidate.end > pattern_end {
                out.push(Conflict::FuoriDisponibilita {
                    risorsa: nome,
                    dettaglio: Fuori::OltreFascia(pattern.alle),
                });
            }
        }
    }
    out
}

/// Booked appointments (state [`AppStato::Prenotato`]) at the practice from
/// `from` on that a change of patterns or a new closure left outside
/// availability, with why (holiday, closure, no slot, resource not active or
/// missing). Capacity and overlaps are not looked at. In input order.
pub fn outside_availability<'a>(
    appointments: &'a [Appointment],
    resources: &[Resource],
    closures: &[Closure],
    calendar: &LocalCalendar,
    from: NaiveDateTime,
) -> Vec<(&'a Appointment, Vec<Conflict>)> {
    appointments
        .iter()
        .filter(|a| a.stato == AppStato::Prenotato && a.start >= from)
        .filter_map(|a| {
            let resource_id = a.resource?;
            let found = match resources.iter().find(|r| r.id == resource_id) {
                Some(r) => availability_conflicts(a, r, closures, calendar),
                None => vec![Conflict::FuoriDisponibilita {
                    risorsa: format!("n. {resource_id}"),
                    dettaglio: Fuori::NonEsiste,
                }],
            };
            (!found.is_empty()).then_some((a, found))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Occupancy checks over a set of appointments

/// Distinct patients per `(resource, start)` among the appointments that take
/// a slot (not cancelled) at a resource.
pub fn slot_usage(appointments: &[Appointment]) -> BTreeMap<(ResourceId, NaiveDateTime), u16> {
    let mut patients: BTreeMap<(ResourceId, NaiveDateTime), BTreeSet<u64>> = BTreeMap::new();
    for a in appointments {
        if let Some(r) = a.resource
            && a.stato.occupa_slot()
        {
            patients.entry((r, a.start)).or_default().insert(a.patient);
        }
    }
    patients
        .into_iter()
        .map(|(k, v)| (k, u16::try_from(v.len()).unwrap_or(u16::MAX)))
        .collect()
}

/// Distinct patients other than `patient` that take the slot `(resource,
/// start)`: the `same_slot_count` of [`conflicts`].
pub fn same_slot_count(
    appointments: &[Appointment],
    resource: ResourceId,
    start: NaiveDateTime,
    patient: u64,
) -> u16 {
    let others: BTreeSet<u64> = appointments
        .iter()
        .filter(|a| {
            a.resource == Some(resource)
                && a.start == start
                && a.patient != patient
                && a.stato.occupa_slot()
        })
        .map(|a| a.patient)
        .collect();
    u16::try_from(others.len()).unwrap_or(u16::MAX)
}

/// Pairs of appointment ids `(earlier, later)` of one patient that overlap and
/// are not the same visit; cancelled ones are ignored. Sorted.
pub fn double_bookings(appointments: &[Appointment]) -> Vec<(AppointmentId, AppointmentId)> {
    let mut by_patient: BTreeMap<u64, Vec<&Appointment>> = BTreeMap::new();
    for a in appointments.iter().filter(|a| a.stato.occupa_slot()) {
        by_patient.entry(a.patient).or_default().push(a);
    }
    let mut out = Vec::new();
    for list in by_patient.values_mut() {
        list.sort_by_key(|a| (a.start, a.end, a.id));
        for (i, a) in list.iter().enumerate() {
            let a_end = a.end.max(add_secs(a.start, 1).unwrap_or(a.start));
            for b in &list[i + 1..] {
                if b.start >= a_end {
                    break;
                }
                if a.overlaps(b) && !a.same_visit(b) {
                    out.push((a.id, b.id));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// A slot holding more patients than it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapacityExcess {
    pub resource: ResourceId,
    pub start: NaiveDateTime,
    pub prenotati: u16,
    pub capacita: u16,
}

/// Slots over capacity, by the patterns of `resources` (appointments at no
/// pattern slot are outside availability, not over capacity). Sorted.
pub fn over_capacity(appointments: &[Appointment], resources: &[Resource]) -> Vec<CapacityExcess> {
    slot_usage(appointments)
        .into_iter()
        .filter_map(|((resource, start), prenotati)| {
            let r = resources.iter().find(|r| r.id == resource)?;
            let (_, slot) = r.pattern_slot_at(start)?;
            (prenotati > slot.capacita).then_some(CapacityExcess {
                resource,
                start,
                prenotati,
                capacita: slot.capacita,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Preferences

/// Part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fascia {
    /// Starting before 13:00.
    Mattina,
    Pomeriggio,
}

impl Fascia {
    pub fn of(time: NaiveTime) -> Fascia {
        if time.hour() < FINE_MATTINA_ORA {
            Fascia::Mattina
        } else {
            Fascia::Pomeriggio
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Fascia::Mattina => "mattina",
            Fascia::Pomeriggio => "pomeriggio",
        }
    }
}

/// Working days the results of a service kind take by default: what an
/// "after the results of" item waits after it.
pub const GIORNI_REFERTO_DEFAULT: u16 = 3;
/// Most working days a kind's results may take.
pub const GIORNI_REFERTO_MAX: u16 = 60;

/// How many working days the results of each kind of service take (the
/// kind of resource it is done on: "punto prelievi", "ECG"), so that an
/// item needing them waits that long after it ([`super::planner`]). Kinds
/// not set take the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultDays {
    default: u16,
    /// By folded kind.
    by_kind: BTreeMap<String, u16>,
}

impl Default for ResultDays {
    fn default() -> ResultDays {
        ResultDays {
            default: GIORNI_REFERTO_DEFAULT,
            by_kind: BTreeMap::new(),
        }
    }
}

impl ResultDays {
    /// Results the same day for every kind unless set (an item may follow
    /// later the same day).
    pub fn same_day() -> ResultDays {
        ResultDays {
            default: 0,
            by_kind: BTreeMap::new(),
        }
    }

    /// The working days of `kind` (ignoring case and accents).
    pub fn get(&self, kind: &str) -> u16 {
        self.by_kind
            .get(&fold(kind))
            .copied()
            .unwrap_or(self.default)
    }

    pub fn set(&mut self, kind: &str, days: u16) {
        self.by_kind.insert(fold(kind), days);
    }

    /// Builder style [`ResultDays::set`].
    pub fn with(mut self, kind: &str, days: u16) -> ResultDays {
        self.set(kind, days);
        self
    }
}

/// Whether `day` is a working day of the practice: Monday to Friday, not a
/// holiday of `calendar`, not wholly inside a closure of the whole practice.
pub fn practice_working_day(
    day: NaiveDate,
    calendar: &LocalCalendar,
    closures: &[Closure],
) -> bool {
    let start = midnight(day);
    let end = day.succ_opt().map_or(NaiveDateTime::MAX, midnight);
    calendar.is_working_day(day)
        && !closures
            .iter()
            .any(|c| c.resource.is_none() && c.dal <= start && c.al >= end)
}

/// The day `n` working days of the practice after `day`
/// ([`practice_working_day`]); `day` itself when `n` is 0. Looks at most
/// a year ahead.
pub fn working_days_after(
    day: NaiveDate,
    n: u16,
    calendar: &LocalCalendar,
    closures: &[Closure],
) -> NaiveDate {
    let mut at = day;
    let mut left = n;
    for _ in 0..366 {
        if left == 0 {
            break;
        }
        match at.succ_opt() {
            Some(next) => at = next,
            None => break,
        }
        if practice_working_day(at, calendar, closures) {
            left -= 1;
        }
    }
    at
}

/// The day `n` working days of the practice before `day`: the last day
/// whose `n` working days later is not after `day`.
pub fn working_days_before(
    day: NaiveDate,
    n: u16,
    calendar: &LocalCalendar,
    closures: &[Closure],
) -> NaiveDate {
    let mut at = day;
    let mut left = n;
    for _ in 0..366 {
        if left == 0 {
            break;
        }
        if practice_working_day(at, calendar, closures) {
            left -= 1;
        }
        match at.pred_opt() {
            Some(prev) => at = prev,
            None => break,
        }
    }
    at
}

/// When the patient prefers to come; honoured when possible.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preferences {
    /// Preferred weekdays; empty = any.
    pub giorni: Vec<Weekday>,
    pub fascia: Option<Fascia>,
}

impl Preferences {
    pub fn likes_day(&self, day: NaiveDate) -> bool {
        self.giorni.is_empty() || self.giorni.contains(&day.weekday())
    }

    pub fn likes_time(&self, time: NaiveTime) -> bool {
        self.fascia.is_none_or(|f| Fascia::of(time) == f)
    }
}

// ---------------------------------------------------------------------------
// Adherence

/// Share of the occurrences needed that were done within their window, from 0
/// to 1 (done occurrences beyond the needed ones count as needed ones); `None`
/// when nothing was needed.
pub fn adherence(occurrences_needed: u32, done_in_window: u32) -> Option<f32> {
    if occurrences_needed == 0 {
        return None;
    }
    let done = done_in_window.min(occurrences_needed);
    // Both fit f64 exactly; the share is in [0, 1].
    Some((f64::from(done) / f64::from(occurrences_needed)) as f32)
}

/// Adherence counts of a patient's plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adherence {
    /// Occurrences due so far.
    pub dovute: u32,
    /// Of those, done within their window.
    pub eseguite: u32,
}

impl Adherence {
    pub fn share(&self) -> Option<f32> {
        adherence(self.dovute, self.eseguite)
    }

    /// "75%" or "—" when nothing is due yet.
    pub fn label(&self) -> String {
        match self.share() {
            Some(s) => format!("{:.0}%", f64::from(s) * 100.0),
            None => "—".to_string(),
        }
    }
}

/// A plan's occurrences of the year split by how far each has gone: its
/// prescription issued, an appointment booked (or done), done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AdherenceSplit {
    /// Occurrences of the plan year.
    pub totali: u32,
    /// Of those, the ones prescribed on a ricetta (not lifestyle advice or
    /// monitoring).
    pub prescrivibili: u32,
    /// With their prescription recorded as issued.
    pub prescritte: u32,
    /// With an appointment booked or done.
    pub prenotate: u32,
    /// Done.
    pub eseguite: u32,
}

#[cfg(test)]
mod tests;
