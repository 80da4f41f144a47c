//! The agenda: resources, closures and appointments.
//!
//! `slot_claims` holds, for every (resource, slot start), how many distinct
//! patients have live (not cancelled) appointments in that slot (one patient's
//! several blood tests in one fasting slot take one place); `slot_patients`
//! counts each patient's appointments in the slot. Booking claims the slot in the
//! same transaction that writes the appointment, so capacity cannot be
//! exceeded, even by two desks racing, unless the booking carries an
//! authorised override reason.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::records::{
    datetime_to_secs, decode_appointment, decode_closure, decode_resource, encode_appointment,
    encode_closure, encode_resource,
};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::PatientId;
use crate::domain::agenda::{
    AppStato, Appointment, AppointmentId, Closure, Resource, ResourceId, ResultDays,
};
use crate::domain::text::fold;

/// Tree of the working days the results of a service kind take: the folded
/// kind (UTF-8) to a big-endian `u16`.
pub(crate) const RESULT_DAYS: &str = "agenda_result_days";

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

/// A date-time as 8 bytes that sort in time order.
fn time_key(d: chrono::NaiveDateTime) -> [u8; 8] {
    ((datetime_to_secs(d) as u64) ^ (1 << 63)).to_be_bytes()
}

fn triple(a: u64, t: chrono::NaiveDateTime, id: u64) -> [u8; 24] {
    let mut k = [0u8; 24];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..16].copy_from_slice(&time_key(t));
    k[16..].copy_from_slice(&id.to_be_bytes());
    k
}

fn slot_key(resource: ResourceId, start: chrono::NaiveDateTime) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&resource.to_be_bytes());
    k[8..].copy_from_slice(&time_key(start));
    k
}

fn pai_key(a: &Appointment) -> Option<[u8; 24]> {
    let (pai, item, occ) = (a.pai?, a.item?, a.occorrenza?);
    let mut k = [0u8; 24];
    k[..8].copy_from_slice(&pai.to_be_bytes());
    k[8..12].copy_from_slice(&item.to_be_bytes());
    k[12..16].copy_from_slice(&occ.to_be_bytes());
    k[16..].copy_from_slice(&a.id.to_be_bytes());
    Some(k)
}

fn is_live(a: &Appointment) -> bool {
    !matches!(a.stato, AppStato::Annullato { .. })
}

/// Trees of an appointment transaction, in this order.
struct AppTx<'a> {
    apps: &'a TransactionalTree,
    by_patient: &'a TransactionalTree,
    by_day: &'a TransactionalTree,
    by_pai: &'a TransactionalTree,
    claims: &'a TransactionalTree,
    slot_patients: &'a TransactionalTree,
}

fn slot_patient_key(resource: ResourceId, start: chrono::NaiveDateTime, patient: u64) -> [u8; 24] {
    triple(resource, start, patient)
}

fn read_u16(v: Option<sled::IVec>) -> u16 {
    v.and_then(|v| v.as_ref().try_into().ok().map(u16::from_be_bytes))
        .unwrap_or(0)
}

impl AppTx<'_> {
    fn get(&self, id: AppointmentId) -> TxResult<Appointment> {
        let Some(bytes) = self.apps.get(id_key(id))? else {
            return abort(StoreError::AppointmentNotFound(id));
        };
        decode_appointment(&bytes).or_else(|reason| {
            abort(StoreError::Corrupt {
                tree: trees::APPOINTMENTS,
                key: id.to_string(),
                reason,
            })
        })
    }

    fn claim(&self, a: &Appointment, capacity: u16) -> TxResult<()> {
        let Some(resource) = a.resource else {
            return Ok(());
        };
        let mine_key = slot_patient_key(resource, a.start, a.patient);
        let mine = read_u16(self.slot_patients.get(mine_key)?);
        self.slot_patients
            .insert(&mine_key, &(mine.saturating_add(1)).to_be_bytes())?;
        if mine > 0 {
            // The patient already holds a place in this slot.
            return Ok(());
        }
        // Invariant: a slot holds no more patients than its places (unless
        // forced with a reason), counted on the point key of the slot.
        let key = slot_key(resource, a.start);
        let taken = read_u16(self.claims.get(key)?);
        if taken >= capacity && a.forzatura.is_none() {
            return abort(StoreError::SlotFull {
                resource,
                start: a.start,
            });
        }
        self.claims
            .insert(&key, &(taken.saturating_add(1)).to_be_bytes())?;
        Ok(())
    }

    fn release(&self, a: &Appointment) -> TxResult<()> {
        let Some(resource) = a.resource else {
            return Ok(());
        };
        let mine_key = slot_patient_key(resource, a.start, a.patient);
        let mine = read_u16(self.slot_patients.get(mine_key)?);
        if mine > 1 {
            self.slot_patients
                .insert(&mine_key, &(mine - 1).to_be_bytes())?;
            return Ok(());
        }
        self.slot_patients.remove(&mine_key)?;
        let key = slot_key(resource, a.start);
        let taken = read_u16(self.claims.get(key)?);
        if taken <= 1 {
            self.claims.remove(&key)?;
        } else {
            self.claims.insert(&key, &(taken - 1).to_be_bytes())?;
        }
        Ok(())
    }

    fn index(&self, a: &Appointment) -> TxResult<()> {
        self.by_patient
            .insert(&triple(a.patient, a.start, a.id), &[])?;
        self.by_day
            .insert(&triple(a.resource.unwrap_or(0), a.start, a.id), &[])?;
        if let Some(k) = pai_key(a) {
            self.by_pai.insert(&k, &[])?;
        }
        Ok(())
    }

    fn unindex(&self, a: &Appointment) -> TxResult<()> {
        self.by_patient.remove(&triple(a.patient, a.start, a.id))?;
        self.by_day
            .remove(&triple(a.resource.unwrap_or(0), a.start, a.id))?;
        if let Some(k) = pai_key(a) {
            self.by_pai.remove(&k)?;
        }
        Ok(())
    }

    fn put(&self, a: &Appointment) -> TxResult<()> {
        let bytes = encode_appointment(a).or_else(abort)?;
        self.apps.insert(&id_key(a.id), bytes)?;
        Ok(())
    }
}

impl Store {
    fn app_trees(&self) -> [&sled::Tree; 6] {
        [
            &self.appointments,
            &self.idx_app_patient,
            &self.idx_app_day,
            &self.idx_app_pai,
            &self.slot_claims,
            &self.slot_patients,
        ]
    }

    fn app_transaction<T>(&self, f: impl Fn(&AppTx) -> TxResult<T>) -> Result<T> {
        self.ensure_writable()?;
        let trees = self.app_trees();
        let out = trees[..]
            .transaction(|t| {
                f(&AppTx {
                    apps: &t[0],
                    by_patient: &t[1],
                    by_day: &t[2],
                    by_pai: &t[3],
                    claims: &t[4],
                    slot_patients: &t[5],
                })
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(out)
    }

    /// Books appointments in one transaction. Each comes with the capacity
    /// of its slot (0 outside availability); a full slot aborts everything
    /// unless the appointment carries an override reason (`forzatura`).
    /// Ids are assigned.
    pub fn book(&self, list: &mut [(Appointment, u16)]) -> Result<Vec<AppointmentId>> {
        for (a, _) in list.iter_mut() {
            a.id = self.next_id()?;
        }
        let list: &[(Appointment, u16)] = list;
        self.app_transaction(|t| {
            for (a, capacity) in list {
                t.claim(a, *capacity)?;
                t.put(a)?;
                t.index(a)?;
            }
            Ok(list.iter().map(|(a, _)| a.id).collect())
        })
    }

    /// Moves an appointment to a new start (and resource), claiming the new
    /// slot and freeing the old one.
    pub fn move_appointment(&self, moved: &Appointment, capacity: u16) -> Result<()> {
        self.move_appointments(&[(moved.clone(), capacity)])
    }

    /// Moves several appointments in one transaction (the tests of one visit
    /// together): every old slot is freed first, then every new one claimed,
    /// each with the capacity of its slot; a full slot aborts everything.
    pub fn move_appointments(&self, list: &[(Appointment, u16)]) -> Result<()> {
        self.app_transaction(|t| {
            for (moved, _) in list {
                let old = t.get(moved.id)?;
                if is_live(&old) {
                    t.release(&old)?;
                }
                t.unindex(&old)?;
            }
            for (moved, capacity) in list {
                if is_live(moved) {
                    t.claim(moved, *capacity)?;
                }
                t.put(moved)?;
                t.index(moved)?;
            }
            Ok(())
        })
    }

    /// Changes the state of an appointment (done, no-show, cancelled): a
    /// cancelled one frees its slot.
    pub fn set_appointment_state(&self, id: AppointmentId, stato: AppStato) -> Result<Appointment> {
        self.app_transaction(|t| {
            let mut a = t.get(id)?;
            let was_live = is_live(&a);
            a.stato = stato.clone();
            if was_live && !is_live(&a) {
                t.release(&a)?;
            }
            if !was_live && is_live(&a) {
                return abort(StoreError::AppointmentCancelled(id));
            }
            t.put(&a)?;
            Ok(a)
        })
    }

    pub fn appointment(&self, id: AppointmentId) -> Result<Option<Appointment>> {
        match self
            .appointments
            .get(id_key(id))
            .map_err(|e| self.fatal(e))?
        {
            None => Ok(None),
            Some(v) => decode_appointment(&v)
                .map(Some)
                .map_err(|reason| StoreError::Corrupt {
                    tree: trees::APPOINTMENTS,
                    key: id.to_string(),
                    reason,
                }),
        }
    }

    fn apps_in(&self, tree: &sled::Tree, lo: [u8; 24], hi: [u8; 24]) -> Result<Vec<Appointment>> {
        let mut out = Vec::new();
        for item in tree.range(lo..hi) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            let Some(id) = k.get(16..24).and_then(super::patients::id_from_value) else {
                continue;
            };
            if let Some(a) = self.appointment(id)? {
                out.push(a);
            }
        }
        Ok(out)
    }

    /// A patient's appointments starting in `from..to`, by time.
    pub fn appointments_of_patient(
        &self,
        patient: PatientId,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> Result<Vec<Appointment>> {
        self.apps_in(
            &self.idx_app_patient,
            triple(patient, from, 0),
            triple(patient, to, 0),
        )
    }

    /// A resource's appointments (0 = external ones) starting in `from..to`.
    pub fn appointments_of_resource(
        &self,
        resource: ResourceId,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> Result<Vec<Appointment>> {
        self.apps_in(
            &self.idx_app_day,
            triple(resource, from, 0),
            triple(resource, to, 0),
        )
    }

    /// Every appointment booked for a PAI, in (item, occurrence) order.
    pub fn appointments_of_pai(&self, pai: u64) -> Result<Vec<Appointment>> {
        let mut out = Vec::new();
        for item in self.idx_app_pai.scan_prefix(pai.to_be_bytes()) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            let Some(id) = k.get(16..24).and_then(super::patients::id_from_value) else {
                continue;
            };
            if let Some(a) = self.appointment(id)? {
                out.push(a);
            }
        }
        Ok(out)
    }

    /// Distinct patients with live appointments in a slot.
    pub fn slot_taken(&self, resource: ResourceId, start: chrono::NaiveDateTime) -> Result<u16> {
        Ok(read_u16(
            self.slot_claims
                .get(slot_key(resource, start))
                .map_err(|e| self.fatal(e))?,
        ))
    }

    /// Every appointment (for `check`, recall lists and exports).
    pub fn all_appointments(&self) -> Result<Vec<Appointment>> {
        let mut out = Vec::new();
        for item in self.appointments.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            out.push(
                decode_appointment(&v).map_err(|reason| StoreError::Corrupt {
                    tree: trees::APPOINTMENTS,
                    key: super::patients::id_from_value(&k).unwrap_or(0).to_string(),
                    reason,
                })?,
            );
        }
        Ok(out)
    }

    pub fn save_resource(&self, r: &mut Resource) -> Result<ResourceId> {
        self.ensure_writable()?;
        if r.id == 0 {
            r.id = self.next_id()?;
        }
        self.resources
            .insert(id_key(r.id), encode_resource(r)?)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()?;
        Ok(r.id)
    }

    pub fn resources(&self) -> Result<Vec<Resource>> {
        let mut out = Vec::new();
        for item in self.resources.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            out.push(decode_resource(&v).map_err(|reason| StoreError::Corrupt {
                tree: trees::RESOURCES,
                key: super::patients::id_from_value(&k).unwrap_or(0).to_string(),
                reason,
            })?);
        }
        Ok(out)
    }

    pub fn save_closure(&self, c: &mut Closure) -> Result<u64> {
        self.ensure_writable()?;
        if c.id == 0 {
            c.id = self.next_id()?;
        }
        self.closures
            .insert(id_key(c.id), encode_closure(c)?)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()?;
        Ok(c.id)
    }

    pub fn remove_closure(&self, id: u64) -> Result<()> {
        self.ensure_writable()?;
        self.closures
            .remove(id_key(id))
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    pub fn closures(&self) -> Result<Vec<Closure>> {
        let mut out = Vec::new();
        for item in self.closures.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            out.push(decode_closure(&v).map_err(|reason| StoreError::Corrupt {
                tree: trees::CLOSURES,
                key: super::patients::id_from_value(&k).unwrap_or(0).to_string(),
                reason,
            })?);
        }
        Ok(out)
    }

    fn result_days_tree(&self) -> Result<sled::Tree> {
        self.db.open_tree(RESULT_DAYS).map_err(|e| self.fatal(e))
    }

    /// The working days the results of each service kind take, as set; the
    /// kinds never set take the default.
    pub fn result_days(&self) -> Result<ResultDays> {
        let mut out = ResultDays::default();
        for item in self.result_days_tree()?.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let (Ok(kind), Ok(days)) = (
                std::str::from_utf8(&k),
                <[u8; 2]>::try_from(v.as_ref()).map(u16::from_be_bytes),
            ) else {
                return Err(StoreError::Corrupt {
                    tree: RESULT_DAYS,
                    key: String::from_utf8_lossy(&k).into_owned(),
                    reason: "giorni non validi".into(),
                });
            };
            out.set(kind, days);
        }
        Ok(out)
    }

    /// Sets the working days the results of `kind` take (durably).
    pub fn save_result_days(&self, kind: &str, days: u16) -> Result<()> {
        self.ensure_writable()?;
        self.result_days_tree()?
            .insert(fold(kind).as_bytes(), &days.to_be_bytes())
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Slot claims as stored: ((resource, start), count), for `check`.
    pub(crate) fn slot_claims(&self) -> Result<Vec<(SlotKey, u16)>> {
        let mut out = Vec::new();
        for item in self.slot_claims.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let (Some(r), Some(t)) = (
                k.get(..8).and_then(super::patients::id_from_value),
                k.get(8..16).and_then(|b| <[u8; 8]>::try_from(b).ok()),
            ) else {
                continue;
            };
            let n = v.as_ref().try_into().map(u16::from_be_bytes).unwrap_or(0);
            out.push(((r, t), n));
        }
        Ok(out)
    }
}

/// A slot as stored: the resource and the start's key bytes.
pub(crate) type SlotKey = (ResourceId, [u8; 8]);

/// The slot key time bytes of a start, for comparing with [`Store::slot_claims`].
pub(crate) fn start_key(start: chrono::NaiveDateTime) -> [u8; 8] {
    time_key(start)
}
