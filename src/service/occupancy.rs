//! The store as the planner sees it while the agenda plans a PAI: slot use
//! and the patient's appointments, with what one `plan --all` run keeps.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::agenda::{self, Appointment, Closure, Resource, ResourceId, slots_on};
use crate::domain::calendar::LocalCalendar;
use crate::domain::planner::Occupancy;
use crate::store::Store;

/// What one `plan --all` run keeps between plans: slot use already read
/// from the store, so that the full slots every later plan meets are not read
/// again (the entries of the slots a plan books are dropped right after
/// booking), and the slots of each resource and day (resources and closures
/// do not change during the run: the store is held by it).
#[derive(Default)]
pub(super) struct SlotMemo {
    pub(super) taken: RefCell<HashMap<(ResourceId, NaiveDateTime), u16>>,
    pub(super) slots: RefCell<HashMap<(ResourceId, NaiveDate), Vec<agenda::Slot>>>,
}

/// The store seen by the planner: slot use and the patient's appointments.
pub(super) struct StoreOccupancy<'a> {
    pub(super) store: &'a Store,
    pub(super) memo: Option<&'a SlotMemo>,
    /// Slots starting earlier (today's, already gone by) are not offered.
    pub(super) not_before: NaiveDateTime,
}

impl Occupancy for StoreOccupancy<'_> {
    fn booked(&self, resource: ResourceId, start: NaiveDateTime) -> u16 {
        let Some(memo) = self.memo else {
            return self.store.slot_taken(resource, start).unwrap_or(u16::MAX);
        };
        if let Some(n) = memo.taken.borrow().get(&(resource, start)) {
            return *n;
        }
        match self.store.slot_taken(resource, start) {
            Ok(n) => {
                memo.taken.borrow_mut().insert((resource, start), n);
                n
            }
            Err(_) => u16::MAX,
        }
    }

    fn slots_on(
        &self,
        resource: &Resource,
        day: NaiveDate,
        closures: &[Closure],
        calendar: &LocalCalendar,
    ) -> Vec<agenda::Slot> {
        let gone = |list: Vec<agenda::Slot>| -> Vec<agenda::Slot> {
            if day > self.not_before.date() {
                return list;
            }
            list.into_iter()
                .filter(|s| s.start >= self.not_before)
                .collect()
        };
        let Some(memo) = self.memo else {
            return gone(slots_on(resource, day, closures, calendar));
        };
        if let Some(list) = memo.slots.borrow().get(&(resource.id, day)) {
            return gone(list.clone());
        }
        let list = slots_on(resource, day, closures, calendar);
        memo.slots
            .borrow_mut()
            .insert((resource.id, day), list.clone());
        gone(list)
    }

    fn patient_appointments(
        &self,
        patient: u64,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<Appointment> {
        // An appointment that started before `from` may still run into it.
        let earlier = from - chrono::Duration::hours(12);
        self.store
            .appointments_of_patient(patient, earlier, to)
            .unwrap_or_default()
            .into_iter()
            .filter(|a| a.end > from && a.start < to)
            .collect()
    }
}
