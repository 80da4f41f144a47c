//! Automatic planning of a PAI: every occurrence of every in-house item over
//! the plan year, on free slots of a resource of the right kind, in as few
//! trips as possible.
//!
//! # Occurrences
//! An item needs [`PaiItem::occorrenze_in`] occurrences in the plan year
//! ([`item_occurrences`]). Recurring ones are spaced by
//! [`Frequenza::interval_days`], the first target one tolerance after the
//! start of the plan (so that its whole window fits in the year), each with a
//! window of ± [`Frequenza::tolerance_days`]; the plan is shortened at the
//! front when the last window would pass its end. `UnaVolta` and an item over
//! 12 months flagged due may fall on any day of the year (one window per
//! occurrence, splitting the year evenly).
//!
//! # Rules
//! - Only free slots ([`slots_on`]: no holidays, no closures) of an active
//!   resource whose `tipo` matches the item's `Luogo::InSede { risorsa }`,
//!   inside the occurrence's window and not before `from`.
//! - Capacity: distinct patients per slot, counting the bookings already in
//!   [`Occupancy`] and this plan. Items of one patient at the same resource and
//!   day share one slot when they can (one visit: one blood draw for every
//!   test, see the `agenda` module documentation).
//! - Never two visits of the patient overlapping, nor overlapping the
//!   patient's existing appointments.
//! - Items needing fasting ("digiuno" in `preparazione`) only in a morning
//!   slot; new visits of a resource kind with fasting items prefer mornings.
//! - An item with `dopo` dependencies goes after the occurrence of each item
//!   it depends on whose window meets its own (the nearest by target), once
//!   its results are there: [`ResultDays`] of the dependency's kind, working
//!   days of the practice (no weekends, holidays, closures of the whole
//!   practice) after its day; with none, later the same day or a later day.
//!   The dependency's window is first narrowed to end that many working days
//!   before the dependent's, so both fit.
//! - An occurrence whose window is already open when planning starts goes to
//!   the first room from `from` (it is due): nearness to its nominal target
//!   only orders the occurrences still ahead.
//! - Fewest trips: occurrences are taken by deadline (dependencies first); each
//!   goes on a day the patient already comes in its window when it can;
//!   otherwise on the new day that most other pending occurrences could share
//!   (greedy set cover), then the nearest to the target.
//! - Preferences: preferred weekdays are tried first among the days already
//!   chosen and among new days, the preferred part of the day first among the
//!   slots of a day; when none fits, any other. Fewer trips win over a
//!   preferred weekday.
//! - What cannot be placed is reported with the reason ([`Unplaced`]); the
//!   occurrences of external items are listed for manual recording
//!   ([`PlanOutput::esterni`]); those already booked for this PAI are skipped
//!   ([`PlanOutput::prenotate`]).
//!
//! Deterministic: the same input gives the same output.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::agenda::{
    Adherence, AdherenceSplit, AppStato, Appointment, Closure, Fascia, Preferences, Resource,
    ResourceId, ResultDays, Slot, ranges_meet, slots_on, working_days_after, working_days_before,
};
use super::calendar::LocalCalendar;
use super::pai::{Frequenza, ItemId, Luogo, Pai, PaiItem};
use super::text::fold;

/// The most occurrences of one item that are planned (a daily item over a
/// multi-year plan would otherwise grow without bound).
pub const MAX_OCCORRENZE_VOCE: u32 = 1000;
/// Days from `from` the planner looks at (three years).
pub const ORIZZONTE_GIORNI: u64 = 1100;

// ---------------------------------------------------------------------------
// Occupancy

/// What is already booked, as the planner needs it.
pub trait Occupancy {
    /// Distinct patients with an appointment that takes the slot (not
    /// cancelled) at `(resource, start)`.
    fn booked(&self, resource: ResourceId, start: NaiveDateTime) -> u16;
    /// The patient's appointments, any state, that meet `[from, to)`.
    fn patient_appointments(
        &self,
        patient: u64,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<Appointment>;
    /// The slots of `resource` on `day` ([`slots_on`]). An occupancy that
    /// serves many plans over the same resources and closures may keep them.
    fn slots_on(
        &self,
        resource: &Resource,
        day: NaiveDate,
        closures: &[Closure],
        calendar: &LocalCalendar,
    ) -> Vec<Slot> {
        slots_on(resource, day, closures, calendar)
    }
}

/// An [`Occupancy`] over appointments held in memory.
#[derive(Debug, Clone, Default)]
pub struct MemoryOccupancy {
    appointments: Vec<Appointment>,
    /// Sorted distinct patients per slot.
    slots: HashMap<(ResourceId, NaiveDateTime), Vec<u64>>,
    /// Positions in `appointments`, per patient.
    by_patient: HashMap<u64, Vec<usize>>,
}

impl MemoryOccupancy {
    pub fn new(appointments: Vec<Appointment>) -> MemoryOccupancy {
        let mut occupancy = MemoryOccupancy::default();
        for a in appointments {
            occupancy.add(a);
        }
        occupancy
    }

    pub fn add(&mut self, appointment: Appointment) {
        if let Some(r) = appointment.resource
            && appointment.stato.occupa_slot()
        {
            let patients = self.slots.entry((r, appointment.start)).or_default();
            if let Err(pos) = patients.binary_search(&appointment.patient) {
                patients.insert(pos, appointment.patient);
            }
        }
        self.by_patient
            .entry(appointment.patient)
            .or_default()
            .push(self.appointments.len());
        self.appointments.push(appointment);
    }

    pub fn appointments(&self) -> &[Appointment] {
        &self.appointments
    }
}

impl Occupancy for MemoryOccupancy {
    fn booked(&self, resource: ResourceId, start: NaiveDateTime) -> u16 {
        self.slots
            .get(&(resource, start))
            .map_or(0, |p| u16::try_from(p.len()).unwrap_or(u16::MAX))
    }

    fn patient_appointments(
        &self,
        patient: u64,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<Appointment> {
        self.by_patient.get(&patient).map_or_else(Vec::new, |list| {
            list.iter()
                .filter_map(|&i| self.appointments.get(i))
                .filter(|a| ranges_meet(a.start, a.end, from, to))
                .cloned()
                .collect()
        })
    }
}

// ---------------------------------------------------------------------------
// Occurrences

/// One occurrence of a PAI item: its number (from 1), nominal date and window
/// (both ends included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Occurrence {
    pub item: ItemId,
    pub occorrenza: u32,
    pub target: NaiveDate,
    pub finestra: (NaiveDate, NaiveDate),
}

/// The occurrences of `item` in the plan `dal..=al` (module documentation),
/// at most [`MAX_OCCORRENZE_VOCE`].
pub fn item_occurrences(item: &PaiItem, dal: NaiveDate, al: NaiveDate) -> Vec<Occurrence> {
    if al < dal {
        return Vec::new();
    }
    let days = u32::try_from((al - dal).num_days().saturating_add(1)).unwrap_or(u32::MAX);
    let n = item.occorrenze_in(days).min(MAX_OCCORRENZE_VOCE);
    if n == 0 {
        return Vec::new();
    }
    let last = u64::from(days.saturating_sub(1));
    let at = |offset: u64| {
        dal.checked_add_days(Days::new(offset.min(last)))
            .unwrap_or(al)
    };
    let whole_year = matches!(item.frequenza, Frequenza::UnaVolta) || item.frequenza.oltre_anno();
    let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    match (
        whole_year,
        item.frequenza.interval_days(),
        item.frequenza.tolerance_days(),
    ) {
        (false, Some(interval), Some(tol)) => {
            let (interval, tol) = (u64::from(interval), u64::from(tol));
            let span = u64::from(n - 1) * interval;
            let fits = span <= last;
            let offset = if tol + span <= last {
                tol
            } else {
                last.saturating_sub(span)
            };
            for k in 0..n {
                let k64 = u64::from(k);
                let t = if fits {
                    offset + k64 * interval
                } else {
                    // Rounded intervals that overrun the plan: spread evenly.
                    k64 * last / u64::from(n - 1).max(1)
                };
                out.push(Occurrence {
                    item: item.id,
                    occorrenza: k + 1,
                    target: at(t),
                    finestra: (at(t.saturating_sub(tol)), at(t + tol)),
                });
            }
        }
        _ => {
            let total = last + 1;
            let n64 = u64::from(n);
            for k in 0..n {
                let k64 = u64::from(k);
                let start = total * k64 / n64;
                let end = (total * (k64 + 1) / n64).saturating_sub(1).max(start);
                out.push(Occurrence {
                    item: item.id,
                    occorrenza: k + 1,
                    target: at(start),
                    finestra: (at(start), at(end)),
                });
            }
        }
    }
    out
}

/// Every occurrence of every item of the plan, in item order.
pub fn occurrences(pai: &Pai) -> Vec<Occurrence> {
    pai.items
        .iter()
        .flat_map(|i| item_occurrences(i, pai.anno_dal, pai.anno_al))
        .collect()
}

/// Whether `appointment` covers occurrence `occ` of `pai` (linked to it,
/// booked or done).
fn covers(appointment: &Appointment, pai: &Pai, occ: &Occurrence) -> bool {
    appointment.pai == Some(pai.id)
        && appointment.item == Some(occ.item)
        && appointment.occorrenza == Some(occ.occorrenza)
        && appointment.stato.copre_occorrenza()
}

/// For the recall list: the occurrences of `pai` (in-house and external) that
/// no appointment covers (none booked, or only no-shows and cancellations).
/// The caller picks those whose window is open or near.
pub fn da_prenotare(pai: &Pai, appointments: &[Appointment]) -> Vec<Occurrence> {
    occurrences(pai)
        .into_iter()
        .filter(|o| !appointments.iter().any(|a| covers(a, pai, o)))
        .collect()
}

/// Adherence of the patient to `pai` on `today`: the occurrences due so far
/// (window ended before `today`, or already done) and, of those, the ones done
/// (an appointment linked to the occurrence, eseguito, on a day of its window).
pub fn adherence_of(pai: &Pai, appointments: &[Appointment], today: NaiveDate) -> Adherence {
    let mut result = Adherence::default();
    for o in occurrences(pai) {
        let done = appointments.iter().any(|a| {
            covers(a, pai, &o)
                && a.stato == AppStato::Eseguito
                && (o.finestra.0..=o.finestra.1).contains(&a.day())
        });
        if done || o.finestra.1 < today {
            result.dovute += 1;
        }
        if done {
            result.eseguite += 1;
        }
    }
    result
}

/// The occurrences of `pai` split into prescribed (their (item, occurrence)
/// in `prescritte`), booked (an appointment booked or done covers them) and
/// done.
pub fn split_of(
    pai: &Pai,
    appointments: &[Appointment],
    prescritte: &std::collections::HashSet<(ItemId, u32)>,
) -> AdherenceSplit {
    let mut out = AdherenceSplit::default();
    for o in occurrences(pai) {
        out.totali += 1;
        let prescrivibile = pai
            .item(o.item)
            .is_some_and(|i| i.categoria.needs_ricetta());
        if prescrivibile {
            out.prescrivibili += 1;
        }
        if prescrivibile && prescritte.contains(&(o.item, o.occorrenza)) {
            out.prescritte += 1;
        }
        let covering: Vec<&Appointment> =
            appointments.iter().filter(|a| covers(a, pai, &o)).collect();
        if !covering.is_empty() {
            out.prenotate += 1;
        }
        if covering.iter().any(|a| a.stato == AppStato::Eseguito) {
            out.eseguite += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Input and output

/// What the planner needs.
pub struct PlanInput<'a> {
    pub pai: &'a Pai,
    pub patient: u64,
    pub resources: &'a [Resource],
    pub closures: &'a [Closure],
    pub calendar: &'a LocalCalendar,
    pub preferences: &'a Preferences,
    pub existing: &'a dyn Occupancy,
    /// No occurrence is planned before this day (today).
    pub from: NaiveDate,
    /// Working days the results of each kind take.
    pub result_days: &'a ResultDays,
}

/// One occurrence placed on a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub item: ItemId,
    pub occorrenza: u32,
    pub target: NaiveDate,
    pub finestra: (NaiveDate, NaiveDate),
    pub resource: ResourceId,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub descrizione: String,
}

impl Proposal {
    /// The appointment to book for this proposal.
    pub fn appointment(&self, id: u64, patient: u64, pai: u64) -> Appointment {
        Appointment {
            id,
            patient,
            pai: Some(pai),
            item: Some(self.item),
            occorrenza: Some(self.occorrenza),
            resource: Some(self.resource),
            start: self.start,
            end: self.end,
            descrizione: self.descrizione.clone(),
            stato: AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        }
    }
}

/// An in-house occurrence that could not be placed, with the reason in Italian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub item: ItemId,
    pub occorrenza: u32,
    pub target: NaiveDate,
    pub finestra: (NaiveDate, NaiveDate),
    pub reason: String,
}

/// The planner's proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOutput {
    /// Sorted by start, resource, item, occurrence.
    pub proposals: Vec<Proposal>,
    /// Sorted by target, item, occurrence.
    pub unplaced: Vec<Unplaced>,
    /// Occurrences of external items not yet recorded, to record by hand
    /// (erogatore, date and time, booking code). Sorted by target.
    pub esterni: Vec<Occurrence>,
    /// Occurrences already covered by an appointment of this PAI (booked or
    /// done): not planned again.
    pub prenotate: Vec<Occurrence>,
    /// Distinct days of the proposals.
    pub trips: u32,
}

// ---------------------------------------------------------------------------
// The planner

/// Plans `input.pai` (module documentation).
pub fn plan(input: &PlanInput) -> PlanOutput {
    Planner::new(input).run()
}

/// The slots of one kind on one day, with their resource (index).
type DaySlots = Vec<(usize, Slot)>;

/// How a new day ranks: preferred weekday, coverage, nearness to the target,
/// earliness.
type DayScore = (bool, u32, Reverse<i64>, Reverse<NaiveDate>);

/// A pending in-house occurrence.
struct Occ {
    occ: Occurrence,
    descrizione: String,
    tipo: usize,
    fasting: bool,
    /// Occurrences (indices) this one goes after.
    deps: Vec<usize>,
    /// Window clamped to `from` and the horizon.
    window: (NaiveDate, NaiveDate),
    /// `window` with the end narrowed to the dependents' windows.
    search: (NaiveDate, NaiveDate),
}

/// A kind of resource asked for by the plan.
struct Tipo {
    /// Indices into `input.resources`: active, matching, sorted by id.
    resources: Vec<usize>,
    /// Some item of this kind needs fasting: new visits prefer mornings.
    fasting: bool,
    /// Working days its results take.
    result_days: u16,
}

/// One visit of the patient: a slot of a resource, holding one or more items.
struct Visit {
    res: usize,
    day: NaiveDate,
    start: NaiveDateTime,
    end: NaiveDateTime,
    items: Vec<ItemId>,
}

enum Placement {
    Join(usize),
    New(usize, Slot),
}

/// Constraints a feasibility check may drop, to explain a failure.
#[derive(Clone, Copy)]
struct Relax {
    deps: bool,
    fasting: bool,
}

const STRICT: Relax = Relax {
    deps: false,
    fasting: false,
};

struct Planner<'a> {
    input: &'a PlanInput<'a>,
    /// First day considered (`from`).
    origin: NaiveDate,
    /// Last day considered.
    horizon: NaiveDate,
    tipos: Vec<Tipo>,
    /// Per tipo, per day offset: the tipo's free-by-pattern slots of that day
    /// with their resource, in preference order. Filled lazily.
    day_slots: Vec<Vec<Option<DaySlots>>>,
    /// Per tipo, per day offset: pending occurrences whose window holds it.
    cover: Vec<Vec<u32>>,
    /// The patient's busy time per day: existing appointments and planned visits.
    busy: BTreeMap<NaiveDate, Vec<(NaiveDateTime, NaiveDateTime)>>,
    visits: Vec<Visit>,
    visits_by_day: BTreeMap<NaiveDate, Vec<usize>>,
    /// Days the patient comes anyway: planned visits and existing
    /// appointments at the practice.
    bundle_days: BTreeSet<NaiveDate>,
    occs: Vec<Occ>,
    placed: Vec<Option<usize>>,
    output: PlanOutput,
}

impl<'a> Planner<'a> {
    fn new(input: &'a PlanInput<'a>) -> Planner<'a> {
        let pai = input.pai;
        let origin = input.from;
        let horizon = origin
            .checked_add_days(Days::new(ORIZZONTE_GIORNI))
            .unwrap_or(NaiveDate::MAX)
            .min(pai.anno_al);
        let mut planner = Planner {
            input,
            origin,
            horizon,
            tipos: Vec::new(),
            day_slots: Vec::new(),
            cover: Vec::new(),
            busy: BTreeMap::new(),
            visits: Vec::new(),
            visits_by_day: BTreeMap::new(),
            bundle_days: BTreeSet::new(),
            occs: Vec::new(),
            placed: Vec::new(),
            output: PlanOutput::default(),
        };
        planner.load_existing_and_occurrences();
        planner
    }

    fn day_index(&self, day: NaiveDate) -> Option<usize> {
        if day < self.origin || day > self.horizon {
            return None;
        }
        usize::try_from((day - self.origin).num_days()).ok()
    }

    fn days_len(&self) -> usize {
        if self.horizon < self.origin {
            0
        } else {
            usize::try_from((self.horizon - self.origin).num_days() + 1).unwrap_or(0)
        }
    }

    /// Reads the patient's appointments, sorts the occurrences into already
    /// booked, external, impossible and pending, and links dependencies.
    fn load_existing_and_occurrences(&mut self) {
        let input = self.input;
        let pai = input.pai;
        let range_from = midnight(pai.anno_dal.min(input.from));
        let range_to = pai
            .anno_al
            .succ_opt()
            .map_or(NaiveDateTime::MAX, midnight)
            .max(range_from);
        let existing = input
            .existing
            .patient_appointments(input.patient, range_from, range_to);
        for a in existing
            .iter()
            .filter(|a| a.patient == input.patient && a.stato.occupa_slot())
        {
            let end = a.end.max(a.start);
            let last_day = if end > a.start {
                end.checked_sub_signed(chrono::Duration::seconds(1))
                    .map_or(a.start.date(), |e| e.date())
            } else {
                a.start.date()
            };
            let mut day = a.start.date();
            for _ in 0..31 {
                if day > last_day {
                    break;
                }
                self.busy.entry(day).or_default().push((a.start, end));
                if a.resource.is_some() && day >= self.origin {
                    self.bundle_days.insert(day);
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }

        let days_len = self.days_len();
        let mut tipo_keys: Vec<String> = Vec::new();
        for item in &pai.items {
            let list = item_occurrences(item, pai.anno_dal, pai.anno_al);
            for occ in list {
                if existing.iter().any(|a| covers(a, pai, &occ)) {
                    self.output.prenotate.push(occ);
                    continue;
                }
                let risorsa = match &item.luogo {
                    Luogo::Esterno { .. } => {
                        self.output.esterni.push(occ);
                        continue;
                    }
                    Luogo::InSede { risorsa } => risorsa,
                };
                let unplaced = |reason: String| Unplaced {
                    item: occ.item,
                    occorrenza: occ.occorrenza,
                    target: occ.target,
                    finestra: occ.finestra,
                    reason,
                };
                if occ.finestra.1 < self.origin {
                    self.output
                        .unplaced
                        .push(unplaced("finestra già passata".into()));
                    continue;
                }
                if occ.finestra.0.max(self.origin) > self.horizon {
                    self.output.unplaced.push(unplaced(format!(
                        "finestra oltre l'orizzonte di pianificazione ({})",
                        dmy(self.horizon)
                    )));
                    continue;
                }
                let key = fold(risorsa);
                let tipo = match tipo_keys.iter().position(|k| *k == key) {
                    Some(t) => t,
                    None => {
                        let mut resources: Vec<usize> = input
                            .resources
                            .iter()
                            .enumerate()
                            .filter(|(_, r)| r.attiva && r.matches_tipo(risorsa))
                            .map(|(i, _)| i)
                            .collect();
                        resources.sort_by_key(|&i| (input.resources[i].id, i));
                        tipo_keys.push(key);
                        self.tipos.push(Tipo {
                            resources,
                            fasting: false,
                            result_days: input.result_days.get(risorsa),
                        });
                        self.tipos.len() - 1
                    }
                };
                if self.tipos[tipo].resources.is_empty() {
                    let any_inactive = input.resources.iter().any(|r| r.matches_tipo(risorsa));
                    self.output.unplaced.push(unplaced(format!(
                        "nessuna risorsa {}di tipo «{}»",
                        if any_inactive { "attiva " } else { "" },
                        risorsa.trim()
                    )));
                    continue;
                }
                let fasting = item
                    .preparazione
                    .as_deref()
                    .is_some_and(|p| fold(p).contains("DIGIUNO"));
                if fasting {
                    self.tipos[tipo].fasting = true;
                }
                let window = (
                    occ.finestra.0.max(self.origin),
                    occ.finestra.1.min(self.horizon),
                );
                self.occs.push(Occ {
                    occ,
                    descrizione: item.descrizione.trim().to_string(),
                    tipo,
                    fasting,
                    deps: Vec::new(),
                    window,
                    search: window,
                });
            }
        }

        self.day_slots = (0..self.tipos.len())
            .map(|_| {
                let mut v = Vec::new();
                v.resize_with(days_len, || None);
                v
            })
            .collect();
        self.cover = vec![vec![0; days_len]; self.tipos.len()];
        for i in 0..self.occs.len() {
            self.add_cover(i, 1);
        }
        self.link_dependencies();
        self.placed = vec![None; self.occs.len()];
    }

    fn add_cover(&mut self, occ: usize, delta: i32) {
        let (tipo, (from, to)) = (self.occs[occ].tipo, self.occs[occ].window);
        let (Some(a), Some(b)) = (self.day_index(from), self.day_index(to)) else {
            return;
        };
        if let Some(row) = self.cover.get_mut(tipo) {
            for c in row.iter_mut().take(b + 1).skip(a) {
                *c = c.saturating_add_signed(delta);
            }
        }
    }

    /// For each pending occurrence, the occurrence of each item it depends on
    /// (pending, in-house) whose window meets its own, nearest by target; then
    /// narrows the dependencies' search windows to end with the dependents'.
    fn link_dependencies(&mut self) {
        let pai = self.input.pai;
        let mut by_item: BTreeMap<ItemId, Vec<usize>> = BTreeMap::new();
        for (i, o) in self.occs.iter().enumerate() {
            by_item.entry(o.occ.item).or_default().push(i);
        }
        for i in 0..self.occs.len() {
            let Some(item) = pai.item(self.occs[i].occ.item) else {
                continue;
            };
            let (ws, we) = self.occs[i].window;
            let target = self.occs[i].occ.target;
            let mut deps = Vec::new();
            for dep_item in &item.dopo {
                if *dep_item == item.id {
                    continue;
                }
                let Some(candidates) = by_item.get(dep_item) else {
                    continue;
                };
                let best = candidates
                    .iter()
                    .copied()
                    .filter(|&j| {
                        let (ds, de) = self.occs[j].window;
                        ds <= we && ws <= de
                    })
                    .min_by_key(|&j| {
                        let t = self.occs[j].occ.target;
                        ((t - target).num_days().abs(), t)
                    });
                if let Some(j) = best
                    && !deps.contains(&j)
                {
                    deps.push(j);
                }
            }
            self.occs[i].deps = deps;
        }
        // Narrow: a dependency should be done by the end of its dependent's
        // window. Repeated so that chains settle; bounded.
        for _ in 0..self.occs.len().min(64) {
            let mut changed = false;
            for i in 0..self.occs.len() {
                let end = self.occs[i].search.1;
                for k in 0..self.occs[i].deps.len() {
                    let j = self.occs[i].deps[k];
                    let gap = self.tipos[self.occs[j].tipo].result_days;
                    let end =
                        working_days_before(end, gap, self.input.calendar, self.input.closures);
                    let s = self.occs[j].search;
                    if s.0 <= end && s.1 > end {
                        self.occs[j].search.1 = end;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Deadline order with every dependency before its dependents (a cycle is
    /// broken at its earliest deadline).
    fn order(&self) -> Vec<usize> {
        let n = self.occs.len();
        let key = |i: usize| {
            let o = &self.occs[i];
            (o.search.1, o.search.0, o.occ.item, o.occ.occorrenza, i)
        };
        let mut indegree = vec![0usize; n];
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, o) in self.occs.iter().enumerate() {
            indegree[i] = o.deps.len();
            for &d in &o.deps {
                dependents[d].push(i);
            }
        }
        let mut heap: BinaryHeap<Reverse<_>> = (0..n)
            .filter(|&i| indegree[i] == 0)
            .map(|i| Reverse(key(i)))
            .collect();
        let mut done = vec![false; n];
        let mut order = Vec::with_capacity(n);
        while order.len() < n {
            let next = match heap.pop() {
                Some(Reverse(k)) => k.4,
                None => match (0..n).filter(|&i| !done[i]).min_by_key(|&i| key(i)) {
                    Some(i) => i,
                    None => break,
                },
            };
            if done[next] {
                continue;
            }
            done[next] = true;
            order.push(next);
            for &d in &dependents[next] {
                indegree[d] = indegree[d].saturating_sub(1);
                if indegree[d] == 0 && !done[d] {
                    heap.push(Reverse(key(d)));
                }
            }
        }
        order
    }

    fn run(mut self) -> PlanOutput {
        for i in self.order() {
            self.add_cover(i, -1);
            let o = &self.occs[i];
            let (search, window) = (o.search, o.window);
            let mut placement = self.attempt(i, search);
            if placement.is_none() && search != window {
                placement = self.attempt(i, window);
            }
            match placement {
                Some((day, p)) => self.commit(i, day, p),
                None => {
                    let reason = self.reason(i);
                    let o = &self.occs[i].occ;
                    self.output.unplaced.push(Unplaced {
                        item: o.item,
                        occorrenza: o.occorrenza,
                        target: o.target,
                        finestra: o.finestra,
                        reason,
                    });
                }
            }
        }
        self.finish()
    }

    fn reason(&mut self, i: usize) -> String {
        let (ws, we) = self.occs[i].window;
        let between = format!("tra {} e {}", dmy(ws), dmy(we));
        let relaxed = |planner: &mut Planner, relax: Relax| {
            let mut day = ws;
            while day <= we {
                if planner.place_on(i, day, relax).is_some() {
                    return true;
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
            false
        };
        if !self.occs[i].deps.is_empty()
            && relaxed(
                self,
                Relax {
                    deps: true,
                    fasting: false,
                },
            )
        {
            let names: Vec<String> = self.occs[i]
                .deps
                .iter()
                .map(|&d| format!("«{}»", self.occs[d].descrizione))
                .collect();
            return format!("nessuno slot libero {between} dopo {}", names.join(", "));
        }
        if self.occs[i].fasting
            && relaxed(
                self,
                Relax {
                    deps: true,
                    fasting: true,
                },
            )
        {
            return format!("nessuno slot libero di mattina (a digiuno) {between}");
        }
        format!("nessuno slot libero {between}")
    }

    /// The best day and placement for occurrence `i` within `window`.
    fn attempt(
        &mut self,
        i: usize,
        window: (NaiveDate, NaiveDate),
    ) -> Option<(NaiveDate, Placement)> {
        let (ws, we) = window;
        if we < ws {
            return None;
        }
        let prefs = self.input.preferences;
        // Due already (window open at the start): the first room.
        let target = if self.occs[i].window.0 <= self.origin {
            self.origin
        } else {
            self.occs[i].occ.target
        };
        // Days the patient comes anyway.
        let mut known: Vec<NaiveDate> = self.bundle_days.range(ws..=we).copied().collect();
        known.sort_by_key(|d| (!prefs.likes_day(*d), (*d - target).num_days().abs(), *d));
        for day in known {
            if let Some(p) = self.place_on(i, day, STRICT) {
                return Some((day, p));
            }
        }
        // A new day: preferred weekday, most pending occurrences that could
        // share it, nearest to the target, earliest.
        let mut best: Option<(DayScore, NaiveDate, Placement)> = None;
        let mut day = ws;
        while day <= we {
            if !self.bundle_days.contains(&day)
                && let Some(p) = self.place_on(i, day, STRICT)
            {
                let score = (
                    prefs.likes_day(day),
                    self.coverage(day),
                    Reverse((day - target).num_days().abs()),
                    Reverse(day),
                );
                if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    best = Some((score, day, p));
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        best.map(|(_, day, p)| (day, p))
    }

    /// Pending occurrences whose window holds `day` and whose kind has slots then.
    fn coverage(&mut self, day: NaiveDate) -> u32 {
        let Some(idx) = self.day_index(day) else {
            return 0;
        };
        let mut total = 0u32;
        for t in 0..self.tipos.len() {
            let pending = self.cover[t].get(idx).copied().unwrap_or(0);
            if pending > 0 {
                self.ensure_tipo_slots(t, day);
            }
            if pending > 0 && !self.cached_slots(t, day).is_empty() {
                total = total.saturating_add(pending);
            }
        }
        total
    }

    /// Fills the cache of the slots of kind `t` on `day`, in preference order.
    fn ensure_tipo_slots(&mut self, t: usize, day: NaiveDate) {
        let Some(idx) = self.day_index(day) else {
            return;
        };
        let input = self.input;
        let Some(kind) = self.tipos.get(t) else {
            return;
        };
        let Some(cell) = self.day_slots.get_mut(t).and_then(|row| row.get_mut(idx)) else {
            return;
        };
        if cell.is_some() {
            return;
        }
        let mut slots: Vec<(usize, Slot)> = Vec::new();
        for &r in &kind.resources {
            if let Some(resource) = input.resources.get(r) {
                slots.extend(
                    input
                        .existing
                        .slots_on(resource, day, input.closures, input.calendar)
                        .into_iter()
                        .map(|s| (r, s)),
                );
            }
        }
        let prefs = input.preferences;
        let fasting_kind = kind.fasting;
        slots.sort_by_key(|(r, s)| {
            (
                !prefs.likes_time(s.start.time()),
                fasting_kind && Fascia::of(s.start.time()) != Fascia::Mattina,
                s.start,
                input.resources.get(*r).map_or(0, |res| res.id),
                *r,
            )
        });
        *cell = Some(slots);
    }

    /// The cached slots of kind `t` on `day` (empty if not cached).
    fn cached_slots(&self, t: usize, day: NaiveDate) -> &[(usize, Slot)] {
        self.day_index(day)
            .and_then(|idx| self.day_slots.get(t)?.get(idx)?.as_deref())
            .unwrap_or(&[])
    }

    /// Where occurrence `i` could go on `day`: an existing visit of the right
    /// kind first, else the first free slot in preference order.
    fn place_on(&mut self, i: usize, day: NaiveDate, relax: Relax) -> Option<Placement> {
        if day < self.occs[i].window.0 || day > self.occs[i].window.1 {
            return None;
        }
        // Dependencies: not before their day; on their day, after they end.
        let mut earliest: Option<NaiveDateTime> = None;
        if !relax.deps {
            for &d in &self.occs[i].deps {
                if let Some(v) = self.placed[d].and_then(|v| self.visits.get(v)) {
                    let gap = self.tipos[self.occs[d].tipo].result_days;
                    let ready =
                        working_days_after(v.day, gap, self.input.calendar, self.input.closures);
                    if day < ready {
                        return None;
                    }
                    if day == v.day {
                        earliest = earliest.max(Some(v.end));
                    }
                }
            }
        }
        let fasting = self.occs[i].fasting && !relax.fasting;
        let tipo = self.occs[i].tipo;
        let item = self.occs[i].occ.item;
        let morning_ok =
            |start: NaiveDateTime| !fasting || Fascia::of(start.time()) == Fascia::Mattina;
        if let Some(list) = self.visits_by_day.get(&day) {
            for &v in list {
                let visit = &self.visits[v];
                if self.tipos[tipo].resources.contains(&visit.res)
                    && earliest.is_none_or(|e| visit.start >= e)
                    && morning_ok(visit.start)
                    && !visit.items.contains(&item)
                {
                    return Some(Placement::Join(v));
                }
            }
        }
        let input = self.input;
        self.ensure_tipo_slots(tipo, day);
        let busy: &[(NaiveDateTime, NaiveDateTime)] =
            self.busy.get(&day).map_or(&[], |b| b.as_slice());
        self.cached_slots(tipo, day)
            .iter()
            .find(|(r, s)| {
                earliest.is_none_or(|e| s.start >= e)
                    && morning_ok(s.start)
                    && !busy
                        .iter()
                        .any(|(bs, be)| ranges_meet(s.start, s.end, *bs, *be))
                    && input
                        .resources
                        .get(*r)
                        .is_some_and(|res| input.existing.booked(res.id, s.start) < s.capacita)
            })
            .map(|(r, s)| Placement::New(*r, *s))
    }

    fn commit(&mut self, i: usize, day: NaiveDate, placement: Placement) {
        let item = self.occs[i].occ.item;
        let v = match placement {
            Placement::Join(v) => {
                if let Some(visit) = self.visits.get_mut(v) {
                    visit.items.push(item);
                }
                v
            }
            Placement::New(res, slot) => {
                self.visits.push(Visit {
                    res,
                    day,
                    start: slot.start,
                    end: slot.end,
                    items: vec![item],
                });
                let v = self.visits.len() - 1;
                self.visits_by_day.entry(day).or_default().push(v);
                self.busy
                    .entry(day)
                    .or_default()
                    .push((slot.start, slot.end));
                self.bundle_days.insert(day);
                v
            }
        };
        self.placed[i] = Some(v);
    }

    fn finish(mut self) -> PlanOutput {
        let mut proposals = Vec::new();
        let mut days = BTreeSet::new();
        for (i, o) in self.occs.iter().enumerate() {
            let Some(visit) = self.placed[i].and_then(|v| self.visits.get(v)) else {
                continue;
            };
            let Some(resource) = self.input.resources.get(visit.res) else {
                continue;
            };
            days.insert(visit.day);
            proposals.push(Proposal {
                item: o.occ.item,
                occorrenza: o.occ.occorrenza,
                target: o.occ.target,
                finestra: o.occ.finestra,
                resource: resource.id,
                start: visit.start,
                end: visit.end,
                descrizione: o.descrizione.clone(),
            });
        }
        proposals.sort_by_key(|p| (p.start, p.resource, p.item, p.occorrenza));
        self.output.proposals = proposals;
        self.output.trips = u32::try_from(days.len()).unwrap_or(u32::MAX);
        self.output
            .unplaced
            .sort_by_key(|u| (u.target, u.item, u.occorrenza));
        self.output
            .esterni
            .sort_by_key(|o| (o.target, o.item, o.occorrenza));
        self.output
            .prenotate
            .sort_by_key(|o| (o.target, o.item, o.occorrenza));
        self.output
    }
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests;
