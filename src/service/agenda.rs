//! Agenda: resources and closures, PAI planning, booking, the day list,
//! iCalendar, and the recall lists.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};

use super::occupancy::{SlotMemo, StoreOccupancy};
use super::{Desk, DeskError, PatientSummary, Refusal, Result, input_field};
use crate::domain::PatientId;
use crate::domain::agenda::{
    self, Adherence, AppStato, Appointment, AppointmentId, Closure, Conflict, Preferences,
    Resource, ResourceId, ResultDays, slots_on,
};
use crate::domain::calendar::LocalCalendar;
use crate::domain::pai::{Pai, PaiId, PaiStato};
use crate::domain::planner::{self, Occurrence, PlanInput, PlanOutput, Proposal};
use crate::domain::text::{
    MAX_GESTORE_NAME_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SHORT_CHARS,
};
use crate::io::{ical, tables};

/// A line of the day list.
#[derive(Debug, Clone, PartialEq)]
pub struct DayLine {
    pub appointment: Appointment,
    pub patient: Option<PatientSummary>,
    /// Resource name, or the external provider.
    pub dove: String,
    /// Why a booked appointment is outside its resource's availability
    /// (a closure, a holiday, hours changed); empty when it is not.
    pub fuori: Vec<String>,
}

/// The capacity of the slot starting at `start` on a resource (0 when the
/// resource offers no slot there).
fn slot_capacity_in(
    resource: &Resource,
    start: NaiveDateTime,
    closures: &[Closure],
    calendar: &LocalCalendar,
) -> u16 {
    slots_on(resource, start.date(), closures, calendar)
        .into_iter()
        .find(|s| s.start == start)
        .map_or(0, |s| s.capacita)
}

/// An appointment outside availability, with whom and where, for the list
/// to move from.
#[derive(Debug, Clone, PartialEq)]
pub struct OutsideLine {
    pub appointment: Appointment,
    pub patient: Option<PatientSummary>,
    /// The resource's name ("" when it no longer exists).
    pub risorsa: String,
    /// Why it is outside: holiday, closure, no slot...
    pub motivi: Vec<String>,
}

/// How far ahead [`Agenda::first_free_slot`] looks, in days.
pub const FREE_SLOT_HORIZON_DAYS: u64 = 366;

/// What `plan --all` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanAllReport {
    pub plans: usize,
    pub appointments: usize,
    pub unplaced: usize,
}

/// A line of the recall list.
#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    pub patient: PatientSummary,
    pub pai: PaiId,
    pub what: String,
    /// "da prenotare" (occurrence due, not booked) or "non presentato".
    pub kind: RecallKind,
    pub target: NaiveDate,
    pub finestra: (NaiveDate, NaiveDate),
    /// Share of the PAI occurrences due so far that were done within their window.
    pub adherence: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecallKind {
    DaPrenotare,
    NonPresentato,
}

/// A line of the adherence list: how much of the patient's plan was done
/// within its windows.
#[derive(Debug, Clone, PartialEq)]
pub struct AdherenceLine {
    pub patient: PatientSummary,
    pub pai: PaiId,
    pub adherence: Adherence,
    /// The plan year's occurrences prescribed / booked / done.
    pub split: crate::domain::agenda::AdherenceSplit,
}

/// The recall lists of the whole practice, computed in one pass.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecallLists {
    /// Occurrences due (window open, past or within 60 days) and not booked,
    /// soonest deadline first.
    pub da_prenotare: Vec<Recall>,
    /// Occurrences whose appointment was not attended and is not rebooked,
    /// soonest deadline first.
    pub non_presentati: Vec<Recall>,
    /// Patients with something due, lowest adherence first.
    pub adherence: Vec<AdherenceLine>,
    /// The occurrences prescribed on a ricetta, both lots, issued or not,
    /// by patient and due date.
    pub ricette: Vec<super::ricette::PrescriptionLine>,
}

/// A day of the week view.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekDay {
    pub day: NaiveDate,
    /// Why no slot is offered that day (holiday, closure), when none is.
    pub closed: Option<String>,
    pub lines: Vec<DayLine>,
}

/// National holidays of `year` plus the patron saint's day of `comune` (in
/// the built-in table), sorted by date.
pub fn holidays(year: i32, comune: Option<&str>) -> Vec<crate::domain::calendar::Holiday> {
    crate::domain::calendar::holidays_with(tables::patroni(), year, comune)
}

impl Desk {
    /// The capacity of the slot starting at `start` on a resource (0 when the
    /// resource offers no slot there).
    fn slot_capacity(&self, resource: &Resource, start: NaiveDateTime) -> Result<u16> {
        let closures = self.store.closures()?;
        let calendar = self.agenda().calendar()?;
        Ok(slot_capacity_in(resource, start, &closures, &calendar))
    }

    pub(crate) fn plan_pai_from(
        &self,
        id: PaiId,
        preferences: &Preferences,
        from: NaiveDate,
    ) -> Result<PlanOutput> {
        self.plan_pai_with(id, preferences, from, None)
    }

    fn plan_pai_with(
        &self,
        id: PaiId,
        preferences: &Preferences,
        from: NaiveDate,
        memo: Option<&SlotMemo>,
    ) -> Result<PlanOutput> {
        let pai = self
            .store
            .pai(id)?
            .ok_or_else(|| DeskError::from(Refusal::PaiNotFound))?;
        if !matches!(pai.stato, PaiStato::Condiviso { .. }) {
            return Err(DeskError::from(Refusal::PlanOnlySharedPai));
        }
        let resources = self.store.resources()?;
        if resources.iter().all(|r| !r.attiva) {
            return Err(DeskError::from(Refusal::NoResources));
        }
        let closures = self.store.closures()?;
        let calendar = self.agenda().calendar()?;
        let result_days = self.store.result_days()?;
        let occupancy = StoreOccupancy {
            store: &self.store,
            memo,
            // Planning from today leaves out today's slots gone by; from an
            // earlier day (the demo data's past), none.
            not_before: if from >= self.today() {
                self.clock.now()
            } else {
                from.and_time(chrono::NaiveTime::MIN)
            },
        };
        Ok(planner::plan(&PlanInput {
            pai: &pai,
            patient: pai.patient,
            resources: &resources,
            closures: &closures,
            calendar: &calendar,
            preferences,
            existing: &occupancy,
            from,
            result_days: &result_days,
        }))
    }

    /// Books proposals each with its state (demo data records past ones as
    /// done or not attended), in one transaction.
    pub(crate) fn book_proposals(
        &self,
        pai: PaiId,
        accepted: &[(Proposal, AppStato)],
    ) -> Result<Vec<AppointmentId>> {
        let plan = self
            .store
            .pai(pai)?
            .ok_or_else(|| DeskError::from(Refusal::PaiNotFound))?;
        let resources = self.store.resources()?;
        let closures = self.store.closures()?;
        let calendar = self.agenda().calendar()?;
        let mut list = Vec::with_capacity(accepted.len());
        for (p, stato) in accepted {
            let Some(r) = resources.iter().find(|r| r.id == p.resource) else {
                return Err(DeskError::from(Refusal::ResourceNotFound));
            };
            let capacity = slot_capacity_in(r, p.start, &closures, &calendar);
            list.push((
                Appointment {
                    id: 0,
                    patient: plan.patient,
                    pai: Some(pai),
                    item: Some(p.item),
                    occorrenza: Some(p.occorrenza),
                    resource: Some(p.resource),
                    start: p.start,
                    end: p.end,
                    descrizione: p.descrizione.clone(),
                    stato: stato.clone(),
                    esterno: None,
                    note: String::new(),
                    forzatura: None,
                },
                capacity,
            ));
        }
        Ok(self.store.book(&mut list)?)
    }

    /// [`Agenda::appointment_conflicts`] of `a` moving together with the
    /// appointments `group` (one visit of the patient: `a` among them),
    /// which do not stand against it. The slot counts the distinct *other*
    /// patients in it: the patient's own visit there never fills it.
    fn conflicts_except(&self, a: &Appointment, group: &[AppointmentId]) -> Result<Vec<Conflict>> {
        let resources = self.store.resources()?;
        let resource = a
            .resource
            .and_then(|id| resources.iter().find(|r| r.id == id));
        let taken = match a.resource {
            Some(r) => {
                let in_slot: Vec<Appointment> = self
                    .store
                    .appointments_of_resource(r, a.start, a.start + chrono::Duration::seconds(1))?
                    .into_iter()
                    .filter(|x| !group.contains(&x.id))
                    .collect();
                agenda::same_slot_count(&in_slot, r, a.start, a.patient)
            }
            None => 0,
        };
        let day_start = a.start.date().and_time(chrono::NaiveTime::MIN);
        // An appointment that started the evening before may run into the day.
        let patient_day: Vec<Appointment> = self
            .store
            .appointments_of_patient(
                a.patient,
                day_start - Days::new(1),
                day_start + Days::new(1),
            )?
            .into_iter()
            .filter(|x| x.id != a.id && !group.contains(&x.id))
            .collect();
        let closures = self.store.closures()?;
        let calendar = self.agenda().calendar()?;
        Ok(agenda::conflicts(
            a,
            resource,
            taken,
            &patient_day,
            &closures,
            &calendar,
        ))
    }

    fn refuse_conflicts(&self, a: &Appointment) -> Result<()> {
        let found = self.agenda().appointment_conflicts(a)?;
        if !found.is_empty() && a.forzatura.as_deref().is_none_or(|f| f.trim().is_empty()) {
            return Err(DeskError::from(Refusal::Conflicts(found)));
        }
        Ok(())
    }

    /// The appointments `ids` as they would be once moved to `start` (and
    /// `resource`, when given), each keeping its length.
    fn moved_group(
        &self,
        ids: &[AppointmentId],
        start: NaiveDateTime,
        resource: Option<ResourceId>,
    ) -> Result<Vec<Appointment>> {
        let mut out: Vec<Appointment> = Vec::with_capacity(ids.len());
        for &id in ids {
            let mut a = self
                .store
                .appointment(id)?
                .ok_or_else(|| DeskError::from(Refusal::AppointmentNotFound))?;
            if !a.stato.occupa_slot() {
                return Err(DeskError::from(Refusal::MoveOnlyBooked));
            }
            if out.first().is_some_and(|f| f.patient != a.patient) {
                return Err(DeskError::from(Refusal::MoveOnePatient));
            }
            let length = a.end - a.start;
            a.start = start;
            a.end = start + length;
            if resource.is_some() {
                a.resource = resource;
            }
            a.stato = AppStato::Prenotato;
            out.push(a);
        }
        Ok(out)
    }

    /// An appointment is marked done or missed from its day on, not before.
    fn not_in_the_future(&self, id: AppointmentId, missed: bool) -> Result<()> {
        let a = self
            .store
            .appointment(id)?
            .ok_or_else(|| DeskError::from(Refusal::AppointmentNotFound))?;
        if a.start.date() > self.today() {
            return Err(DeskError::from(Refusal::MarkBeforeDay {
                day: a.start.date(),
                missed,
            }));
        }
        Ok(())
    }

    fn set_state_audited(&self, id: AppointmentId, stato: AppStato) -> Result<Appointment> {
        let label = match &stato {
            AppStato::Annullato { motivo } => format!("annullato ({motivo})"),
            AppStato::Eseguito => "eseguito".to_string(),
            AppStato::NonPresentato => "non presentato".to_string(),
            AppStato::Prenotato => "riportato a prenotato".to_string(),
        };
        let a = self.store.set_appointment_state(id, stato)?;
        self.audit(
            crate::domain::audit::AuditAction::AppointmentChanged,
            Some(a.patient),
            format!(
                "appuntamento {id} del {}: {label}",
                a.start.format("%d/%m/%Y %H:%M")
            ),
        )?;
        Ok(a)
    }

    /// The patient's current PAI if shared, their summary and the PAI's
    /// appointments.
    fn recall_input(
        &self,
        patient: PatientId,
    ) -> Result<Option<(Pai, PatientSummary, Vec<Appointment>)>> {
        let Some(pai) = self.pai().current_pai(patient)? else {
            return Ok(None);
        };
        if !matches!(pai.stato, PaiStato::Condiviso { .. }) {
            return Ok(None);
        }
        let Some(summary) = self.summaries(vec![patient])?.into_iter().next() else {
            return Ok(None);
        };
        let apps = self.store.appointments_of_pai(pai.id)?;
        Ok(Some((pai, summary, apps)))
    }

    /// The recalls of one PAI and its adherence.
    fn recalls_in(
        &self,
        pai: &Pai,
        summary: &PatientSummary,
        apps: &[Appointment],
    ) -> (Vec<Recall>, Adherence) {
        let today = self.today();
        let counts = planner::adherence_of(pai, apps, today);
        let adherence = counts.share();
        let name_of = |item: u32| {
            pai.item(item)
                .map(|i| i.descrizione.clone())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        let no_show_items: Vec<(u32, u32)> = apps
            .iter()
            .filter(|a| a.stato == AppStato::NonPresentato)
            .filter_map(|a| Some((a.item?, a.occorrenza?)))
            .collect();
        for occ in planner::da_prenotare(pai, apps) {
            let Occurrence {
                item,
                occorrenza,
                target,
                finestra,
            } = occ;
            if finestra.0 > today + Days::new(60) {
                continue;
            }
            let kind = if no_show_items.contains(&(item, occorrenza)) {
                RecallKind::NonPresentato
            } else {
                RecallKind::DaPrenotare
            };
            out.push(Recall {
                patient: summary.clone(),
                pai: pai.id,
                what: name_of(item),
                kind,
                target,
                finestra,
                adherence,
            });
        }
        (out, counts)
    }
}

impl Agenda<'_> {
    /// The practice's calendar: national holidays and its patron saint.
    pub fn calendar(&self) -> Result<LocalCalendar> {
        let practice = self.desk.store.practice()?;
        let comune = (!practice.comune.is_empty()).then(|| super::comune_name(&practice.comune));
        Ok(LocalCalendar::with_table(
            tables::patroni(),
            comune.as_deref(),
        ))
    }

    /// The next `n` holidays from today on (national ones and the patron of
    /// the practice's comune), with their names: the days the agenda closes
    /// by itself.
    pub fn next_holidays(&self, n: usize) -> Result<Vec<crate::domain::calendar::Holiday>> {
        let practice = self.desk.store.practice()?;
        let comune = (!practice.comune.is_empty()).then(|| super::comune_name(&practice.comune));
        let today = self.desk.today();
        let mut out = Vec::new();
        for year in today.year()..=today.year() + 1 {
            let mut list = holidays(year, comune.as_deref());
            list.sort_by_key(|h| h.date);
            out.extend(list.into_iter().filter(|h| h.date >= today));
        }
        out.truncate(n);
        Ok(out)
    }

    pub fn resources(&self) -> Result<Vec<Resource>> {
        Ok(self.desk.store.resources()?)
    }

    /// Saves a resource after validating its patterns; returns the live
    /// appointments from now on that fall outside the new availability.
    pub fn save_resource(&self, mut r: Resource) -> Result<(Resource, Vec<Appointment>)> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Agenda,
        )?;
        r.nome = input_field(super::Field::ResourceName, &r.nome, MAX_NAME_CHARS)?;
        r.tipo = input_field(super::Field::ResourceType, &r.tipo, MAX_NAME_CHARS)?;
        r.validate()?;
        self.desk.store.save_resource(&mut r)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::AgendaSetup,
            None,
            format!("risorsa {} ({})", r.nome, r.id),
        )?;
        let outside = self.appointments_outside_availability()?;
        Ok((r, outside))
    }

    pub fn closures(&self) -> Result<Vec<Closure>> {
        Ok(self.desk.store.closures()?)
    }

    /// The working days the results of each service kind take (what an
    /// "after the results of" item waits in planning).
    pub fn result_days(&self) -> Result<ResultDays> {
        Ok(self.desk.store.result_days()?)
    }

    /// Sets the working days the results of service kind `kind` take.
    pub fn save_result_days(&self, kind: &str, days: u16) -> Result<()> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Agenda,
        )?;
        let kind = input_field(super::Field::ResourceType, kind, MAX_NAME_CHARS)?;
        if kind.trim().is_empty() {
            return Err(DeskError::from(agenda::AgendaError::TipoMancante));
        }
        if days > agenda::GIORNI_REFERTO_MAX {
            return Err(DeskError::from(Refusal::ResultDays {
                days,
                max: agenda::GIORNI_REFERTO_MAX,
            }));
        }
        if self.desk.store.result_days()?.get(&kind) == days {
            return Ok(());
        }
        self.desk.store.save_result_days(&kind, days)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::AgendaSetup,
            None,
            format!(
                "risultati di «{}» dopo {days} giorni lavorativi",
                kind.trim()
            ),
        )
    }

    /// Adds or changes a closure; returns the live appointments from now on
    /// now outside availability, to move.
    pub fn save_closure(&self, mut c: Closure) -> Result<(Closure, Vec<Appointment>)> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Agenda,
        )?;
        c.motivo = input_field(super::Field::ClosureReason, &c.motivo, MAX_NOTE_CHARS)?;
        c.validate()?;
        self.desk.store.save_closure(&mut c)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::AgendaSetup,
            None,
            format!(
                "chiusura {} dal {} al {}",
                c.id,
                c.dal.format("%d/%m/%Y"),
                c.al.format("%d/%m/%Y")
            ),
        )?;
        let outside = self.appointments_outside_availability()?;
        Ok((c, outside))
    }

    pub fn remove_closure(&self, id: u64) -> Result<()> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Agenda,
        )?;
        self.desk.store.remove_closure(id)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::AgendaSetup,
            None,
            format!("chiusura {id} tolta"),
        )
    }

    /// Live appointments from now on that no longer fit the availability
    /// (closures, holidays, changed patterns).
    pub fn appointments_outside_availability(&self) -> Result<Vec<Appointment>> {
        let now = self.desk.clock.now();
        let resources = self.desk.store.resources()?;
        let closures = self.desk.store.closures()?;
        let calendar = self.calendar()?;
        let mut live = Vec::new();
        for r in &resources {
            live.extend(self.desk.store.appointments_of_resource(
                r.id,
                now,
                now + Days::new(800),
            )?);
        }
        Ok(
            agenda::outside_availability(&live, &resources, &closures, &calendar, now)
                .into_iter()
                .map(|(a, _)| a.clone())
                .collect(),
        )
    }

    /// [`Agenda::appointments_outside_availability`] with the patient, the
    /// resource's name and the reasons, soonest first.
    pub fn outside_availability_lines(&self) -> Result<Vec<OutsideLine>> {
        let resources = self.desk.store.resources()?;
        let closures = self.desk.store.closures()?;
        let calendar = self.calendar()?;
        let now = self.desk.clock.now();
        let mut list = self.appointments_outside_availability()?;
        list.sort_by_key(|a| (a.start, a.id));
        let mut out = Vec::with_capacity(list.len());
        for (a, found) in agenda::outside_availability(&list, &resources, &closures, &calendar, now)
        {
            let risorsa = resources
                .iter()
                .find(|r| Some(r.id) == a.resource)
                .map(|r| r.nome.clone())
                .unwrap_or_default();
            out.push(OutsideLine {
                appointment: a.clone(),
                patient: self.desk.summaries(vec![a.patient])?.into_iter().next(),
                risorsa,
                motivi: found.iter().map(|c| c.to_string()).collect(),
            });
        }
        Ok(out)
    }

    /// The first slot of `resource` starting at or after `from` (and not in
    /// the past) where an appointment of `patient` lasting `length` can be
    /// booked without conflicts: a slot of the resource's patterns, not on a
    /// holiday nor in a closure, with a place left (capacity counts distinct
    /// patients, the patient's own visit in the slot included), not
    /// overlapping the patient's other appointments. `except` is the
    /// appointment being moved, which does not count against itself. Looks
    /// [`FREE_SLOT_HORIZON_DAYS`] ahead; `None` when nothing is free.
    pub fn first_free_slot(
        &self,
        resource: ResourceId,
        from: NaiveDateTime,
        patient: PatientId,
        length: chrono::Duration,
        except: Option<AppointmentId>,
    ) -> Result<Option<agenda::Slot>> {
        let except: Vec<AppointmentId> = except.into_iter().collect();
        Ok(self
            .free_slots(resource, from, patient, length, &except, 1)?
            .into_iter()
            .next())
    }

    /// The first `n` free slots of `resource` from `from` on, as
    /// [`Agenda::first_free_slot`] finds the first: `except` are the
    /// appointments being moved (one visit), which stand neither against
    /// themselves nor against each other.
    pub fn free_slots(
        &self,
        resource: ResourceId,
        from: NaiveDateTime,
        patient: PatientId,
        length: chrono::Duration,
        except: &[AppointmentId],
        n: usize,
    ) -> Result<Vec<agenda::Slot>> {
        let resources = self.desk.store.resources()?;
        let r = resources
            .iter()
            .find(|r| r.id == resource)
            .ok_or_else(|| DeskError::from(Refusal::ResourceNotFound))?;
        let closures = self.desk.store.closures()?;
        let calendar = self.calendar()?;
        let from = from.max(self.desk.clock.now());
        let mut out = Vec::new();
        let mut day = from.date();
        for _ in 0..FREE_SLOT_HORIZON_DAYS {
            if out.len() >= n {
                break;
            }
            let slots: Vec<agenda::Slot> = slots_on(r, day, &closures, &calendar)
                .into_iter()
                .filter(|s| s.start >= from)
                .collect();
            if !slots.is_empty() {
                let day_start = day.and_time(chrono::NaiveTime::MIN);
                let day_end = day_start + Days::new(1);
                let at_resource: Vec<Appointment> = self
                    .desk
                    .store
                    .appointments_of_resource(resource, day_start, day_end)?
                    .into_iter()
                    .filter(|a| !except.contains(&a.id))
                    .collect();
                // An appointment that started the evening before may run into the day.
                let patient_day: Vec<Appointment> = self
                    .desk
                    .store
                    .appointments_of_patient(patient, day_start - Days::new(1), day_end)?
                    .into_iter()
                    .filter(|a| !except.contains(&a.id))
                    .collect();
                for slot in slots {
                    let candidate = Appointment {
                        id: except.first().copied().unwrap_or(0),
                        patient,
                        pai: None,
                        item: None,
                        occorrenza: None,
                        resource: Some(resource),
                        start: slot.start,
                        end: slot.start + length,
                        descrizione: String::new(),
                        stato: AppStato::Prenotato,
                        esterno: None,
                        note: String::new(),
                        forzatura: None,
                    };
                    let taken =
                        agenda::same_slot_count(&at_resource, resource, slot.start, patient);
                    let found = agenda::conflicts(
                        &candidate,
                        Some(r),
                        taken,
                        &patient_day,
                        &closures,
                        &calendar,
                    );
                    if found.is_empty() {
                        out.push(slot);
                        if out.len() >= n {
                            break;
                        }
                    }
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        Ok(out)
    }

    /// The first free slot for moving an appointment (see
    /// [`Agenda::first_free_slot`]): same resource and length, from `from` on.
    pub fn first_free_slot_for(
        &self,
        id: AppointmentId,
        from: NaiveDateTime,
    ) -> Result<Option<agenda::Slot>> {
        Ok(self
            .free_slots_for(&[id], from, None, 1)?
            .into_iter()
            .next())
    }

    /// The first `n` free slots for moving the appointments `ids` of one
    /// patient together (one visit) from `from` on, at `resource` (their own
    /// when `None`): long enough for the longest of them.
    pub fn free_slots_for(
        &self,
        ids: &[AppointmentId],
        from: NaiveDateTime,
        resource: Option<ResourceId>,
        n: usize,
    ) -> Result<Vec<agenda::Slot>> {
        let mut first: Option<Appointment> = None;
        let mut length = chrono::Duration::zero();
        for &id in ids {
            let a = self
                .desk
                .store
                .appointment(id)?
                .ok_or_else(|| DeskError::from(Refusal::AppointmentNotFound))?;
            length = length.max(a.end - a.start);
            first.get_or_insert(a);
        }
        let Some(a) = first else {
            return Ok(Vec::new());
        };
        let resource = resource
            .or(a.resource)
            .ok_or_else(|| DeskError::from(Refusal::ExternalHasNoSlots))?;
        self.free_slots(resource, from, a.patient, length, ids, n)
    }

    /// Proposes appointments for every in-house occurrence of a shared PAI
    /// not yet booked, from today to the end of its year.
    pub fn plan_pai(&self, id: PaiId, preferences: &Preferences) -> Result<PlanOutput> {
        self.desk.plan_pai_from(id, preferences, self.desk.today())
    }

    /// Plans and books, in one go, every shared PAI that has no appointment
    /// yet (`sportello plan --all`). `progress(done, total)` may stop the run
    /// by returning false; what was booked stays.
    pub fn plan_all(
        &self,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<PlanAllReport> {
        let todo = self.shared_unplanned_pai_ids()?;
        let mut report = PlanAllReport::default();
        let total = todo.len();
        let memo = SlotMemo::default();
        let today = self.desk.today();
        for (n, id) in todo.into_iter().enumerate() {
            let prefs = match self.desk.store.pai(id)? {
                Some(p) => self.preferences_of(p.patient)?,
                None => Preferences::default(),
            };
            let out = self.desk.plan_pai_with(id, &prefs, today, Some(&memo))?;
            report.unplaced += out.unplaced.len();
            report.appointments += self.accept_proposals(id, &out.proposals)?.len();
            {
                let mut taken = memo.taken.borrow_mut();
                for p in &out.proposals {
                    taken.remove(&(p.resource, p.start));
                }
            }
            report.plans += 1;
            if !progress(n + 1, total) {
                break;
            }
        }
        Ok(report)
    }

    /// The shared PAIs with no appointment yet, in the order `plan --all`
    /// plans them.
    pub fn shared_unplanned_pai_ids(&self) -> Result<Vec<PaiId>> {
        let mut todo = Vec::new();
        for id in self.desk.store.all_pai_ids()? {
            let Some(p) = self.desk.store.pai(id)? else {
                continue;
            };
            if matches!(p.stato, PaiStato::Condiviso { .. })
                && self.desk.store.appointments_of_pai(id)?.is_empty()
            {
                todo.push(id);
            }
        }
        Ok(todo)
    }

    /// Books the accepted proposals of a PAI in one transaction.
    pub fn accept_proposals(
        &self,
        pai: PaiId,
        accepted: &[Proposal],
    ) -> Result<Vec<AppointmentId>> {
        let with_state: Vec<(Proposal, AppStato)> = accepted
            .iter()
            .map(|p| (p.clone(), AppStato::Prenotato))
            .collect();
        let ids = self.desk.book_proposals(pai, &with_state)?;
        let patient = self.desk.store.pai(pai)?.map(|p| p.patient);
        self.desk.audit(
            crate::domain::audit::AuditAction::AppointmentBooked,
            patient,
            format!("{} appuntamenti del PAI {pai} prenotati", ids.len()),
        )?;
        Ok(ids)
    }

    /// What stands against an appointment: same patient at the same time,
    /// full slot, closure, holiday, outside availability.
    pub fn appointment_conflicts(&self, a: &Appointment) -> Result<Vec<Conflict>> {
        self.desk.conflicts_except(a, &[a.id])
    }

    /// Books one appointment by hand (in house or external). Conflicts are
    /// refused unless `forzatura` gives the reason of the override.
    pub fn book_appointment(&self, mut a: Appointment) -> Result<AppointmentId> {
        a.descrizione = input_field(super::Field::Prestazione, &a.descrizione, MAX_NOTE_CHARS)?;
        a.note = input_field(super::Field::Note, &a.note, MAX_NOTE_CHARS)?;
        if let Some(f) = &mut a.forzatura {
            *f = input_field(super::Field::ForceReason, f, MAX_NOTE_CHARS)?;
        }
        if let Some(e) = &mut a.esterno {
            e.erogatore = input_field(
                super::Field::Erogatore,
                &e.erogatore,
                MAX_GESTORE_NAME_CHARS,
            )?;
            e.codice_prenotazione = input_field(
                super::Field::BookingCode,
                &e.codice_prenotazione,
                MAX_SHORT_CHARS,
            )?;
        }
        if a.end <= a.start {
            return Err(DeskError::from(Refusal::EndBeforeStart));
        }
        a.stato = AppStato::Prenotato;
        if a.resource.is_none() && a.esterno.is_none() {
            return Err(DeskError::from(Refusal::ResourceOrProvider));
        }
        self.desk.refuse_conflicts(&a)?;
        let capacity = match a.resource {
            Some(id) => {
                let r = self
                    .desk
                    .store
                    .resources()?
                    .into_iter()
                    .find(|r| r.id == id)
                    .ok_or_else(|| DeskError::from(Refusal::ResourceNotFound))?;
                self.desk.slot_capacity(&r, a.start)?
            }
            None => u16::MAX,
        };
        let patient = a.patient;
        let summary = format!(
            "{} il {}{}",
            a.descrizione,
            a.start.format("%d/%m/%Y %H:%M"),
            a.forzatura
                .as_deref()
                .map(|f| format!(" (forzato: {f})"))
                .unwrap_or_default()
        );
        let mut list = [(a, capacity)];
        let id = self.desk.store.book(&mut list)?[0];
        self.desk.audit(
            crate::domain::audit::AuditAction::AppointmentBooked,
            Some(patient),
            format!("{summary} [{id}]"),
        )?;
        Ok(id)
    }

    /// Moves an appointment (conflicts refused unless overridden with a reason).
    pub fn move_appointment(
        &self,
        id: AppointmentId,
        start: NaiveDateTime,
        resource: Option<ResourceId>,
        forzatura: Option<String>,
    ) -> Result<Appointment> {
        let mut moved = self.move_appointments(&[id], start, resource, forzatura)?;
        moved
            .pop()
            .ok_or_else(|| DeskError::from(Refusal::AppointmentNotFound))
    }

    /// What stands against moving the appointments `ids` together (one
    /// visit) to `start` (and `resource`): see [`Agenda::appointment_conflicts`].
    pub fn move_conflicts(
        &self,
        ids: &[AppointmentId],
        start: NaiveDateTime,
        resource: Option<ResourceId>,
    ) -> Result<Vec<Conflict>> {
        let mut out: Vec<Conflict> = Vec::new();
        for a in self.desk.moved_group(ids, start, resource)? {
            for c in self.desk.conflicts_except(&a, ids)? {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        Ok(out)
    }

    /// Moves the appointments `ids` of one patient together to `start` (and
    /// `resource`, when given), each keeping its length, in one transaction:
    /// all of them or none. Conflicts are refused unless `forzatura` gives
    /// the reason of the override.
    pub fn move_appointments(
        &self,
        ids: &[AppointmentId],
        start: NaiveDateTime,
        resource: Option<ResourceId>,
        forzatura: Option<String>,
    ) -> Result<Vec<Appointment>> {
        let forzatura = match forzatura {
            Some(f) => Some(input_field(super::Field::ForceReason, &f, MAX_NOTE_CHARS)?),
            None => None,
        }
        .filter(|f| !f.trim().is_empty());
        let mut group = self.desk.moved_group(ids, start, resource)?;
        let found = self.move_conflicts(ids, start, resource)?;
        if !found.is_empty() && forzatura.is_none() {
            return Err(DeskError::from(Refusal::Conflicts(found)));
        }
        let resources = self.desk.store.resources()?;
        let closures = self.desk.store.closures()?;
        let calendar = self.calendar()?;
        let mut list = Vec::with_capacity(group.len());
        let mut before = Vec::with_capacity(group.len());
        for a in &mut group {
            a.forzatura = forzatura.clone();
            let capacity = match a.resource {
                Some(rid) => resources
                    .iter()
                    .find(|r| r.id == rid)
                    .map_or(0, |r| slot_capacity_in(r, a.start, &closures, &calendar)),
                None => u16::MAX,
            };
            before.push(self.desk.store.appointment(a.id)?.map(|b| b.start));
            list.push((a.clone(), capacity));
        }
        self.desk.store.move_appointments(&list)?;
        for (a, before) in group.iter().zip(before) {
            self.desk.audit(
                crate::domain::audit::AuditAction::AppointmentChanged,
                Some(a.patient),
                format!(
                    "appuntamento {} spostato: {} -> {}",
                    a.id,
                    before
                        .map(|b| b.format("%d/%m/%Y %H:%M").to_string())
                        .unwrap_or_default(),
                    a.start.format("%d/%m/%Y %H:%M")
                ),
            )?;
        }
        Ok(group)
    }

    pub fn cancel_appointment(&self, id: AppointmentId, motivo: &str) -> Result<Appointment> {
        let motivo = input_field(super::Field::CancelReason, motivo, MAX_NOTE_CHARS)?;
        let motivo = motivo.as_str();
        if motivo.trim().is_empty() {
            return Err(DeskError::from(Refusal::CancelReasonMissing));
        }
        self.desk.set_state_audited(
            id,
            AppStato::Annullato {
                motivo: motivo.trim().to_string(),
            },
        )
    }

    pub fn mark_done(&self, id: AppointmentId) -> Result<Appointment> {
        self.desk.not_in_the_future(id, false)?;
        self.desk.set_state_audited(id, AppStato::Eseguito)
    }

    pub fn mark_no_show(&self, id: AppointmentId) -> Result<Appointment> {
        self.desk.not_in_the_future(id, true)?;
        self.desk.set_state_audited(id, AppStato::NonPresentato)
    }

    /// Sets an appointment marked eseguito or non presentato by mistake back
    /// to prenotato. Its slot was never given up, so it is still its own.
    /// A cancelled appointment stays cancelled: a new one is booked instead.
    pub fn mark_booked(&self, id: AppointmentId) -> Result<Appointment> {
        let a = self
            .desk
            .store
            .appointment(id)?
            .ok_or_else(|| DeskError::from(Refusal::AppointmentNotFound))?;
        if a.stato == AppStato::Prenotato {
            return Err(DeskError::from(Refusal::AlreadyBooked));
        }
        self.desk.set_state_audited(id, AppStato::Prenotato)
    }

    /// Booked appointments from now on of the PAI of a presa in carico: what
    /// a revocation offers to cancel.
    pub fn future_appointments_of_presa(&self, presa: u64) -> Result<Vec<Appointment>> {
        let Some(p) = self.desk.store.presa(presa)? else {
            return Ok(Vec::new());
        };
        let now = self.desk.clock.now();
        let mut out = Vec::new();
        for pai in self.desk.store.pai_of(p.patient)? {
            if pai.presa != presa {
                continue;
            }
            out.extend(
                self.desk
                    .store
                    .appointments_of_pai(pai.id)?
                    .into_iter()
                    .filter(|a| a.stato == AppStato::Prenotato && a.start >= now),
            );
        }
        out.sort_by_key(|a| a.start);
        Ok(out)
    }

    /// Cancels every booked future appointment of the PAI of a presa; returns
    /// how many.
    pub fn cancel_future_appointments_of_presa(&self, presa: u64, motivo: &str) -> Result<usize> {
        let list = self.future_appointments_of_presa(presa)?;
        for a in &list {
            self.cancel_appointment(a.id, motivo)?;
        }
        Ok(list.len())
    }

    pub fn appointment(&self, id: AppointmentId) -> Result<Option<Appointment>> {
        Ok(self.desk.store.appointment(id)?)
    }

    /// The day's appointments of one resource (or of all, and external ones),
    /// by time, with the patient.
    pub fn day_list(&self, day: NaiveDate, resource: Option<ResourceId>) -> Result<Vec<DayLine>> {
        let resources = self.desk.store.resources()?;
        let from = day.and_time(chrono::NaiveTime::MIN);
        let to = from + Days::new(1);
        let mut ids: Vec<ResourceId> = match resource {
            Some(r) => vec![r],
            None => resources.iter().map(|r| r.id).collect(),
        };
        if resource.is_none() {
            ids.push(0);
        }
        let closures = self.desk.store.closures()?;
        let calendar = self.calendar()?;
        let mut lines = Vec::new();
        for rid in ids {
            for a in self.desk.store.appointments_of_resource(rid, from, to)? {
                let fuori = agenda::outside_availability(
                    std::slice::from_ref(&a),
                    &resources,
                    &closures,
                    &calendar,
                    from,
                )
                .into_iter()
                .flat_map(|(_, found)| found.iter().map(|c| c.to_string()).collect::<Vec<_>>())
                .collect();
                let dove = match (
                    &a.esterno,
                    resources.iter().find(|r| Some(r.id) == a.resource),
                ) {
                    (Some(e), _) => e.erogatore.clone(),
                    (None, Some(r)) => r.nome.clone(),
                    (None, None) => String::new(),
                };
                let patient = self.desk.summaries(vec![a.patient])?.into_iter().next();
                lines.push(DayLine {
                    appointment: a,
                    patient,
                    dove,
                    fuori,
                });
            }
        }
        lines.sort_by(|x, y| (x.appointment.start, &x.dove).cmp(&(y.appointment.start, &y.dove)));
        Ok(lines)
    }

    /// The day list as text for printing, in Italian.
    pub fn day_list_text(&self, day: NaiveDate, resource: Option<ResourceId>) -> Result<String> {
        self.day_list_text_in(crate::texts::Lang::It, day, resource)
    }

    /// The day list as text for printing, in `lang`.
    pub fn day_list_text_in(
        &self,
        lang: crate::texts::Lang,
        day: NaiveDate,
        resource: Option<ResourceId>,
    ) -> Result<String> {
        let practice = self.desk.store.practice()?;
        let title = match lang {
            crate::texts::Lang::It => "appuntamenti del",
            crate::texts::Lang::En => "appointments of",
        };
        let name = crate::texts::label::practice_name(lang, &practice.nome);
        let mut t = format!("{name} — {title} {}\n\n", day.format("%d/%m/%Y"));
        for l in self.day_list(day, resource)? {
            let a = &l.appointment;
            let who = l
                .patient
                .as_ref()
                .map(|p| format!("{} {} ({})", p.cognome, p.nome, p.codice_fiscale))
                .unwrap_or_default();
            t.push_str(&format!(
                "{}-{}  {:<24} {:<40} {} [{}]\n",
                a.start.format("%H:%M"),
                a.end.format("%H:%M"),
                l.dove,
                who,
                a.descrizione,
                crate::texts::label::app_stato(lang, &a.stato)
            ));
        }
        Ok(t)
    }

    /// The day list as CSV (comma separated, a header line, CRLF line ends),
    /// every cell cleaned and neutralised against spreadsheet formulas
    /// ([`crate::io::csv_cell::export_cell`]).
    /// Header and states in Italian.
    pub fn day_list_csv(&self, day: NaiveDate, resource: Option<ResourceId>) -> Result<String> {
        self.day_list_csv_in(crate::texts::Lang::It, day, resource)
    }

    /// [`Agenda::day_list_csv`] with the header and the states in `lang`.
    pub fn day_list_csv_in(
        &self,
        lang: crate::texts::Lang,
        day: NaiveDate,
        resource: Option<ResourceId>,
    ) -> Result<String> {
        use crate::io::csv_cell::export_cell;
        let mut w = csv::Writer::from_writer(Vec::new());
        let csv_error = |e: csv::Error| DeskError::internal(super::Internal::CsvWrite, e);
        let header = match lang {
            crate::texts::Lang::It => [
                "data",
                "inizio",
                "fine",
                "dove",
                "cognome",
                "nome",
                "codice_fiscale",
                "prestazione",
                "stato",
            ],
            crate::texts::Lang::En => [
                "date",
                "start",
                "end",
                "where",
                "surname",
                "name",
                "codice_fiscale",
                "service",
                "state",
            ],
        };
        w.write_record(header).map_err(csv_error)?;
        for l in self.day_list(day, resource)? {
            let a = &l.appointment;
            let (c, n, cf) = l
                .patient
                .as_ref()
                .map(|p| (p.cognome.clone(), p.nome.clone(), p.codice_fiscale.clone()))
                .unwrap_or_default();
            let cells = [
                day.format("%d/%m/%Y").to_string(),
                a.start.format("%H:%M").to_string(),
                a.end.format("%H:%M").to_string(),
                l.dove,
                c,
                n,
                cf,
                a.descrizione.clone(),
                crate::texts::label::app_stato(lang, &a.stato).to_string(),
            ];
            w.write_record(cells.iter().map(|c| export_cell(c)))
                .map_err(csv_error)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| DeskError::internal(super::Internal::CsvWrite, e))?;
        String::from_utf8(bytes).map_err(|e| DeskError::internal(super::Internal::CsvWrite, e))
    }

    /// A patient's appointments from `from` on (all states), by time.
    pub fn patient_appointments(
        &self,
        patient: PatientId,
        from: NaiveDate,
    ) -> Result<Vec<Appointment>> {
        let start = from.and_time(chrono::NaiveTime::MIN);
        Ok(self
            .desk
            .store
            .appointments_of_patient(patient, start, start + Days::new(3650))?)
    }

    /// The patient's booked appointments from today as iCalendar (Europe/Rome).
    pub fn patient_ics(&self, patient: PatientId) -> Result<String> {
        let p = self
            .desk
            .store
            .get_patient(patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        let resources = self.desk.store.resources()?;
        let list: Vec<(Appointment, String)> = self
            .patient_appointments(patient, self.desk.today())?
            .into_iter()
            .filter(|a| a.stato == AppStato::Prenotato)
            .map(|a| {
                let dove = match (
                    &a.esterno,
                    resources.iter().find(|r| Some(r.id) == a.resource),
                ) {
                    (Some(e), _) => e.erogatore.clone(),
                    (None, Some(r)) => r.nome.clone(),
                    _ => String::new(),
                };
                (a, dove)
            })
            .collect();
        Ok(ical::ics(
            &list,
            &format!("{} {}", p.cognome, p.nome),
            self.desk.clock.now(),
        ))
    }

    /// Occurrences of the patient's shared PAI due and not booked, and
    /// no-shows not rebooked, with the patient's adherence.
    pub fn recalls_of(&self, patient: PatientId) -> Result<Vec<Recall>> {
        Ok(match self.desk.recall_input(patient)? {
            Some((pai, summary, apps)) => self.desk.recalls_in(&pai, &summary, &apps).0,
            None => Vec::new(),
        })
    }

    /// The recall list of the given patients (those with a shared PAI),
    /// soonest first.
    pub fn recalls(&self, patients: &[PatientId]) -> Result<Vec<Recall>> {
        let mut out = Vec::new();
        for &p in patients {
            out.extend(self.recalls_of(p)?);
        }
        out.sort_by(|a, b| (a.target, &a.patient.cognome).cmp(&(b.target, &b.patient.cognome)));
        Ok(out)
    }

    /// Every recall list of the practice in one pass over the shared PAI:
    /// what the Centro Servizi works from. One read of each PAI and of its
    /// appointments; the screen computes it on opening, not per key.
    pub fn recall_lists(&self) -> Result<RecallLists> {
        let mut patients = std::collections::BTreeSet::new();
        for id in self.desk.store.all_pai_ids()? {
            if let Some(p) = self.desk.store.pai(id)?
                && matches!(p.stato, PaiStato::Condiviso { .. })
            {
                patients.insert(p.patient);
            }
        }
        let mut lists = RecallLists::default();
        for patient in patients {
            let Some((pai, summary, apps)) = self.desk.recall_input(patient)? else {
                continue;
            };
            let (recalls, counts) = self.desk.recalls_in(&pai, &summary, &apps);
            let ricette = self.desk.ricette_of_plan(&pai)?;
            lists
                .ricette
                .extend(self.desk.prescription_lines(&pai, &summary, &ricette));
            let split = self.desk.adherence_split(&pai, &apps, &ricette);
            for r in recalls {
                match r.kind {
                    RecallKind::DaPrenotare => lists.da_prenotare.push(r),
                    RecallKind::NonPresentato => lists.non_presentati.push(r),
                }
            }
            if counts.share().is_some() {
                lists.adherence.push(AdherenceLine {
                    patient: summary,
                    pai: pai.id,
                    adherence: counts,
                    split,
                });
            }
        }
        // The deadline first (the "Entro" the list shows, so that the late
        // ones lead), then the date aimed at within the window.
        let by_deadline = |a: &Recall, b: &Recall| {
            (
                a.finestra.1,
                a.target,
                &a.patient.cognome,
                &a.patient.nome,
                &a.what,
            )
                .cmp(&(
                    b.finestra.1,
                    b.target,
                    &b.patient.cognome,
                    &b.patient.nome,
                    &b.what,
                ))
        };
        lists.ricette.sort_by(|a, b| {
            (
                &a.patient.cognome,
                &a.patient.nome,
                a.patient.id,
                a.target,
                a.item,
            )
                .cmp(&(
                    &b.patient.cognome,
                    &b.patient.nome,
                    b.patient.id,
                    b.target,
                    b.item,
                ))
        });
        lists.da_prenotare.sort_by(by_deadline);
        lists.non_presentati.sort_by(by_deadline);
        lists.adherence.sort_by(|a, b| {
            let share = |l: &AdherenceLine| l.adherence.share().unwrap_or(1.0);
            share(a)
                .total_cmp(&share(b))
                .then_with(|| b.adherence.dovute.cmp(&a.adherence.dovute))
                .then_with(|| {
                    (&a.patient.cognome, &a.patient.nome)
                        .cmp(&(&b.patient.cognome, &b.patient.nome))
                })
        });
        Ok(lists)
    }

    /// The stored agenda preferences of a patient (none: any day, any time).
    pub fn preferences_of(&self, patient: PatientId) -> Result<Preferences> {
        Ok(self.desk.store.preferences(patient)?.unwrap_or_default())
    }

    /// Remembers a patient's agenda preferences (durably).
    pub fn save_preferences(&self, patient: PatientId, prefs: &Preferences) -> Result<()> {
        if self.desk.store.get_patient(patient)?.is_none() {
            return Err(DeskError::from(Refusal::PatientNotFound(None)));
        }
        let mut prefs = prefs.clone();
        prefs.giorni.sort_by_key(|d| d.num_days_from_monday());
        prefs.giorni.dedup();
        self.desk.store.save_preferences(patient, &prefs)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PatientUpdated,
            Some(patient),
            format!(
                "preferenze per l'agenda: giorni {:?}, fascia {:?}",
                prefs.giorni, prefs.fascia
            ),
        )
    }

    /// The six days from the Monday of `day`'s week (Monday to Saturday),
    /// each with its appointments and whether it is closed.
    pub fn week(&self, day: NaiveDate, resource: Option<ResourceId>) -> Result<Vec<WeekDay>> {
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        let resources = self.desk.store.resources()?;
        let closures = self.desk.store.closures()?;
        let calendar = self.calendar()?;
        let chosen: Vec<&Resource> = resources
            .iter()
            .filter(|r| r.attiva && resource.is_none_or(|id| r.id == id))
            .collect();
        let mut out = Vec::with_capacity(6);
        for n in 0..6 {
            let d = monday + Days::new(n);
            let open = chosen
                .iter()
                .any(|r| !slots_on(r, d, &closures, &calendar).is_empty());
            let closed = if open {
                None
            } else if calendar.is_holiday(d) {
                Some(
                    crate::domain::calendar::national_holidays(d.year())
                        .into_iter()
                        .find(|h| h.date == d)
                        .map_or_else(|| "festa patronale".to_string(), |h| h.name),
                )
            } else if let Some(c) = closures.iter().find(|c| {
                let start = d.and_time(chrono::NaiveTime::MIN);
                c.dal < start + Days::new(1)
                    && c.al > start
                    && (c.resource.is_none() || c.resource == resource)
            }) {
                Some(c.motivo.clone())
            } else {
                Some(String::new())
            };
            out.push(WeekDay {
                day: d,
                closed,
                lines: self.day_list(d, resource)?,
            });
        }
        Ok(out)
    }
}

/// The agenda: resources, closures, slots, appointments, plans, recalls, day lists.
/// Reached from the desk as [`Desk::agenda`].
#[derive(Clone, Copy)]
pub struct Agenda<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The agenda: resources, closures, slots, appointments, plans, recalls, day lists.
    pub fn agenda(&self) -> Agenda<'_> {
        Agenda { desk: self }
    }
}
