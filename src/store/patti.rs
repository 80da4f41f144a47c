//! Patti di Cura. A signed Patto is never changed again except for its state
//! (revoked) and the link to the Patto that renewed it; its text stays as signed.
//!
//! `idx_patto_scadenza` keys are (expiry day, patto id) for the signed Patti
//! in force, so that the recall screen reads the expiring ones by range.
//!
//! Patto numbers: the practice's own sequence per year ("2026/0001"). The
//! counter of each year is kept in `meta` under [`numero_key`] and taken in
//! the same transaction that stores the new Patto, so two Patti never share
//! a number. Numbers are given at creation (the bozza already carries the
//! number its text prints) and Patti are never deleted, so every number
//! stays accounted for.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::records::{decode_patto, encode_patto};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::PatientId;
use crate::domain::patto::{PattoDiCura, PattoId, PattoNumero, PattoStato};

/// Marks a store whose Patti all carry a number (see [`Store::ensure_patto_numbers`]).
const META_PATTI_NUMBERED: &[u8] = b"patti_numbered";
const META_NUMERO_PREFIX: &[u8] = b"patto_numero:";

/// The `meta` key of the counter of `anno`'s Patto numbers.
pub(crate) fn numero_key(anno: i32) -> Vec<u8> {
    let mut k = META_NUMERO_PREFIX.to_vec();
    k.extend_from_slice(&anno.to_be_bytes());
    k
}

const META_BOZZA_PREFIX: &[u8] = b"patto_bozza:";
const META_FIRMATO_PREFIX: &[u8] = b"patto_firmato:";

/// The `meta` key holding the id of the bozza of a presa in carico.
fn bozza_key(presa: u64) -> Vec<u8> {
    let mut k = META_BOZZA_PREFIX.to_vec();
    k.extend_from_slice(&presa.to_be_bytes());
    k
}

/// The `meta` key holding the id of the last signed Patto of a presa.
fn firmato_key(presa: u64) -> Vec<u8> {
    let mut k = META_FIRMATO_PREFIX.to_vec();
    k.extend_from_slice(&presa.to_be_bytes());
    k
}

fn read_id(value: Option<&[u8]>) -> Option<u64> {
    value
        .and_then(|v| <[u8; 8]>::try_from(v).ok())
        .map(u64::from_be_bytes)
}

/// Invariant: one Patto at a time per presa in carico. A new Patto may be
/// stored only when the presa has no bozza still to sign and its last
/// signed Patto (if any, and not revoked) is the one the new one renews.
/// Checked on the point keys [`bozza_key`] and [`firmato_key`] inside the
/// inserting transaction, so two desks preparing at once get one bozza.
fn tx_check_new_patto(
    patti: &TransactionalTree,
    meta: &TransactionalTree,
    p: &PattoDiCura,
) -> TxResult<()> {
    if let Some(id) = read_id(meta.get(bozza_key(p.presa))?.as_deref())
        && id != p.id
        && tx_get_patto(patti, id).is_ok_and(|b| b.stato == PattoStato::Bozza)
    {
        return abort(StoreError::PattoConcurrent {
            presa: p.presa,
            firmato: false,
        });
    }
    tx_check_last_signed(patti, meta, p)
}

/// Invariant: the Patti signed for one presa form one line, each renewing
/// the one before. The presa's last signed Patto (unless revoked) must be
/// the one `p` renews, and that one must not be renewed already.
fn tx_check_last_signed(
    patti: &TransactionalTree,
    meta: &TransactionalTree,
    p: &PattoDiCura,
) -> TxResult<()> {
    let concurrent = || {
        abort(StoreError::PattoConcurrent {
            presa: p.presa,
            firmato: true,
        })
    };
    if let Some(last) = read_id(meta.get(firmato_key(p.presa))?.as_deref())
        && Some(last) != p.precedente
        && tx_get_patto(patti, last).is_ok_and(|l| !matches!(l.stato, PattoStato::Revocato { .. }))
    {
        return concurrent();
    }
    if let Some(prev) = p.precedente
        && tx_get_patto(patti, prev)?
            .rinnovato_da
            .is_some_and(|r| r != p.id)
    {
        return concurrent();
    }
    Ok(())
}

fn read_counter(value: Option<&[u8]>) -> u32 {
    value
        .and_then(|v| <[u8; 4]>::try_from(v).ok())
        .map(u32::from_be_bytes)
        .unwrap_or(0)
}

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

pub(crate) fn pair_key(a: u64, b: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&b.to_be_bytes());
    k
}

/// Expiry index key: the day (days from CE, offset to sort as unsigned) and the id.
pub(crate) fn expiry_key(p: &PattoDiCura) -> Option<[u8; 12]> {
    let day = p.valido_al()?;
    let days = super::records::date_to_days(day) as u32 ^ 0x8000_0000;
    let mut k = [0u8; 12];
    k[..4].copy_from_slice(&days.to_be_bytes());
    k[4..].copy_from_slice(&p.id.to_be_bytes());
    Some(k)
}

fn tx_get_patto(t: &TransactionalTree, id: PattoId) -> TxResult<PattoDiCura> {
    let Some(bytes) = t.get(id_key(id))? else {
        return abort(StoreError::PattoNotFound(id));
    };
    decode_patto(&bytes).or_else(|reason| {
        abort(StoreError::Corrupt {
            tree: trees::PATTI,
            key: id.to_string(),
            reason,
        })
    })
}

fn tx_put_patto(t: &TransactionalTree, p: &PattoDiCura) -> TxResult<()> {
    let bytes = match encode_patto(p) {
        Ok(b) => b,
        Err(e) => return abort(e),
    };
    t.insert(&id_key(p.id), bytes)?;
    Ok(())
}

/// Marks the Patti of a presa revoked inside a transaction over
/// (patti, idx_patto_scadenza).
pub(crate) fn tx_revoke_patti(
    patti: &TransactionalTree,
    expiry: &TransactionalTree,
    ids: &[PattoId],
    presa: u64,
    data: chrono::NaiveDate,
    motivo: &str,
) -> TxResult<()> {
    for &id in ids {
        let mut p = tx_get_patto(patti, id)?;
        if p.presa != presa || matches!(p.stato, PattoStato::Revocato { .. }) {
            continue;
        }
        if let Some(k) = expiry_key(&p) {
            expiry.remove(&k)?;
        }
        p.stato = PattoStato::Revocato {
            data,
            motivo: motivo.to_string(),
        };
        tx_put_patto(patti, &p)?;
    }
    Ok(())
}

impl Store {
    /// Stores a new Patto (normally a bozza); durable. Sets and returns its
    /// id, and gives it the next number of the year it is created in, in the
    /// same transaction (a number already set is kept).
    pub fn insert_patto(&self, p: &mut PattoDiCura) -> Result<PattoId> {
        self.ensure_writable()?;
        p.id = self.next_id()?;
        let by_patient = pair_key(p.patient, p.id);
        let expiry = expiry_key(p);
        let anno = chrono::Datelike::year(&p.creato_il);
        let counter = numero_key(anno);
        let draft: &PattoDiCura = p;
        let numero = (
            &self.patti,
            &self.idx_patto_patient,
            &self.idx_patto_scadenza,
            &self.meta,
        )
            .transaction(|(patti, idx, exp, meta)| {
                let mut stored = draft.clone();
                tx_check_new_patto(patti, meta, &stored)?;
                if stored.numero.is_none() {
                    let next = read_counter(meta.get(&counter)?.as_deref()).saturating_add(1);
                    meta.insert(counter.as_slice(), &next.to_be_bytes())?;
                    stored.numero = Some(PattoNumero {
                        anno,
                        progressivo: next,
                    });
                }
                tx_put_patto(patti, &stored)?;
                idx.insert(&by_patient, &[])?;
                if stored.stato == PattoStato::Bozza {
                    meta.insert(bozza_key(stored.presa), &id_key(stored.id))?;
                }
                if stored.stato == PattoStato::Firmato {
                    meta.insert(firmato_key(stored.presa), &id_key(stored.id))?;
                    if let Some(k) = expiry {
                        exp.insert(&k, &id_key(stored.patient))?;
                    }
                }
                Ok(stored.numero)
            })
            .map_err(|e| self.tx_error(e))?;
        p.numero = numero;
        self.make_durable()?;
        Ok(p.id)
    }

    /// The next number of `anno` for a Patto written by a bulk load
    /// ([`Store::insert_patti_batch`]), whose text must print it first.
    pub fn next_patto_numero(&self, anno: i32) -> Result<PattoNumero> {
        self.ensure_writable()?;
        let value = self
            .meta
            .update_and_fetch(numero_key(anno), |old| {
                Some(read_counter(old).saturating_add(1).to_be_bytes().to_vec())
            })
            .map_err(|e| self.fatal(e))?;
        Ok(PattoNumero {
            anno,
            progressivo: read_counter(value.as_deref()),
        })
    }

    /// Gives a number to every Patto without one (a store written before
    /// Patti were numbered): in creation order within each year, after the
    /// numbers the year already has. Done once, then marked in `meta`.
    pub(crate) fn ensure_patto_numbers(&self) -> Result<()> {
        if self
            .meta
            .contains_key(META_PATTI_NUMBERED)
            .map_err(|e| self.fatal(e))?
        {
            return Ok(());
        }
        if self.patti.is_empty() {
            self.meta
                .insert(META_PATTI_NUMBERED, &[1])
                .map_err(|e| self.fatal(e))?;
            return Ok(());
        }
        self.ensure_writable()?;
        let mut missing: Vec<PattoDiCura> = Vec::new();
        let mut highest: std::collections::BTreeMap<i32, u32> = Default::default();
        for item in self.patti.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let p = decode_patto(&v).map_err(|reason| StoreError::Corrupt {
                tree: trees::PATTI,
                key: k
                    .as_ref()
                    .try_into()
                    .map(u64::from_be_bytes)
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                reason,
            })?;
            match p.numero {
                Some(n) => {
                    let h = highest.entry(n.anno).or_default();
                    *h = (*h).max(n.progressivo);
                }
                None => missing.push(p),
            }
        }
        missing.sort_by_key(|p| (p.creato_il, p.id));
        for (anno, h) in &highest {
            let stored = read_counter(
                self.meta
                    .get(numero_key(*anno))
                    .map_err(|e| self.fatal(e))?
                    .as_deref(),
            );
            if stored < *h {
                self.meta
                    .insert(numero_key(*anno), &h.to_be_bytes())
                    .map_err(|e| self.fatal(e))?;
            }
        }
        for p in &mut missing {
            p.numero = Some(self.next_patto_numero(chrono::Datelike::year(&p.creato_il))?);
            self.patti
                .insert(id_key(p.id), encode_patto(p)?)
                .map_err(|e| self.fatal(e))?;
        }
        self.meta
            .insert(META_PATTI_NUMBERED, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// The counter of each year's Patto numbers: for the integrity check.
    pub(crate) fn patto_counters(&self) -> Result<Vec<(i32, u32)>> {
        let mut counters = Vec::new();
        for item in self.meta.scan_prefix(META_NUMERO_PREFIX) {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let Ok(anno) = <[u8; 4]>::try_from(&k[META_NUMERO_PREFIX.len()..]) {
                counters.push((i32::from_be_bytes(anno), read_counter(Some(&v))));
            }
        }
        Ok(counters)
    }

    /// Records a correction of the Clinical Manager of a signed Patto
    /// (already applied to `corrected`): only the Clinical Manager and the
    /// list of corrections may differ from the stored Patto.
    pub fn correct_patto_cm(&self, corrected: &PattoDiCura) -> Result<()> {
        self.ensure_writable()?;
        self.patti
            .transaction(|patti| {
                let stored = tx_get_patto(patti, corrected.id)?;
                let mut expected = stored.clone();
                expected.clinical_manager = corrected.clinical_manager.clone();
                expected.correzioni_cm = corrected.correzioni_cm.clone();
                if stored.firma.is_none()
                    || expected != *corrected
                    || corrected.correzioni_cm.len() != stored.correzioni_cm.len() + 1
                {
                    return abort(StoreError::PattoSigned(corrected.id));
                }
                tx_put_patto(patti, corrected)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Bulk load of Patti for demo data: ids assigned where still 0 (a caller
    /// that prints the id in the text takes it from `next_id` first), plain inserts, not
    /// durable until [`Store::make_durable`].
    pub fn insert_patti_batch(&self, patti: &mut [PattoDiCura]) -> Result<()> {
        self.ensure_writable()?;
        for p in patti.iter_mut() {
            if p.id == 0 {
                p.id = self.next_id()?;
            }
            if p.numero.is_none() {
                p.numero = Some(self.next_patto_numero(chrono::Datelike::year(&p.creato_il))?);
            }
            let bytes = encode_patto(p)?;
            let write = || -> sled::Result<()> {
                self.patti.insert(id_key(p.id), bytes)?;
                self.idx_patto_patient
                    .insert(pair_key(p.patient, p.id), &[])?;
                if p.stato == PattoStato::Firmato
                    && let Some(k) = expiry_key(p)
                {
                    self.idx_patto_scadenza.insert(k, &id_key(p.patient))?;
                }
                // The point keys of the one-Patto-per-presa invariant.
                if p.stato == PattoStato::Bozza {
                    self.meta.insert(bozza_key(p.presa), &id_key(p.id))?;
                }
                if p.stato == PattoStato::Firmato && p.rinnovato_da.is_none() {
                    self.meta.insert(firmato_key(p.presa), &id_key(p.id))?;
                }
                Ok(())
            };
            write().map_err(|e| self.fatal(e))?;
        }
        Ok(())
    }

    /// Replaces a bozza (e.g. a new Clinical Manager). A signed Patto cannot be changed.
    pub fn update_patto_draft(&self, p: &PattoDiCura) -> Result<()> {
        self.update_patto_draft_opened(p, None)
    }

    /// [`Store::update_patto_draft`] for a change made on `opened` (the
    /// Patto as the screen read it): refused with the parts that differ
    /// when another desk changed it since.
    pub fn update_patto_draft_opened(
        &self,
        p: &PattoDiCura,
        opened: Option<&PattoDiCura>,
    ) -> Result<()> {
        self.ensure_writable()?;
        self.patti
            .transaction(|patti| {
                let stored = tx_get_patto(patti, p.id)?;
                if stored.stato != PattoStato::Bozza || p.stato != PattoStato::Bozza {
                    return abort(StoreError::PattoSigned(p.id));
                }
                // Invariant: no lost update of a bozza.
                if let Some(opened) = opened
                    && *opened != stored
                {
                    return abort(StoreError::ChangedMeanwhile {
                        fields: crate::domain::patto::changed_fields(opened, &stored),
                    });
                }
                tx_put_patto(patti, p)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Stores the signature of a bozza (already applied to `signed`), and, for a
    /// renewal, links the previous Patto to it and takes it off the expiry list.
    pub fn sign_patto(&self, signed: &PattoDiCura) -> Result<()> {
        self.ensure_writable()?;
        let expiry = expiry_key(signed);
        (&self.patti, &self.idx_patto_scadenza, &self.meta)
            .transaction(|(patti, exp, meta)| {
                let stored = tx_get_patto(patti, signed.id)?;
                // Invariant: a bozza is signed once.
                if stored.stato != PattoStato::Bozza {
                    return abort(StoreError::PattoSigned(signed.id));
                }
                if signed.stato != PattoStato::Firmato || signed.firma.is_none() {
                    return abort(StoreError::PattoNotFound(signed.id));
                }
                // Invariant: one signed Patto in force per presa; a
                // renewal is signed once.
                tx_check_last_signed(patti, meta, signed)?;
                meta.insert(firmato_key(signed.presa), &id_key(signed.id))?;
                let bozza = bozza_key(signed.presa);
                if read_id(meta.get(&bozza)?.as_deref()) == Some(signed.id) {
                    meta.remove(bozza)?;
                }
                tx_put_patto(patti, signed)?;
                if let Some(k) = expiry {
                    exp.insert(&k, &id_key(signed.patient))?;
                }
                if let Some(prev_id) = signed.precedente {
                    let mut prev = tx_get_patto(patti, prev_id)?;
                    if let Some(k) = expiry_key(&prev) {
                        exp.remove(&k)?;
                    }
                    prev.rinnovato_da = Some(signed.id);
                    tx_put_patto(patti, &prev)?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    pub fn patto(&self, id: PattoId) -> Result<Option<PattoDiCura>> {
        match self.patti.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_patto(&v)
                .map(Some)
                .map_err(|reason| StoreError::Corrupt {
                    tree: trees::PATTI,
                    key: id.to_string(),
                    reason,
                }),
        }
    }

    /// The ids of a patient's Patti, oldest first.
    pub fn patto_ids_of(&self, patient: PatientId) -> Result<Vec<PattoId>> {
        let mut out = Vec::new();
        for item in self.idx_patto_patient.scan_prefix(id_key(patient)) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = k.get(8..16).and_then(super::patients::id_from_value) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// A patient's Patti, oldest first.
    pub fn patti_of(&self, patient: PatientId) -> Result<Vec<PattoDiCura>> {
        let mut out = Vec::new();
        for id in self.patto_ids_of(patient)? {
            if let Some(p) = self.patto(id)? {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// Signed Patti in force whose last valid day is within `from..=to`, by day.
    pub fn patti_expiring(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        limit: usize,
    ) -> Result<Vec<PattoId>> {
        let key = |d: chrono::NaiveDate| {
            ((super::records::date_to_days(d) as u32) ^ 0x8000_0000).to_be_bytes()
        };
        let (lo, hi) = (key(from), key(to + chrono::Days::new(1)));
        let mut out = Vec::new();
        for item in self.idx_patto_scadenza.range(lo..hi).take(limit) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = k.get(4..12).and_then(super::patients::id_from_value) {
                out.push(id);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;
    use crate::store::records::{PattoStatoV1, PattoV1};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn bozza(patient: u64, creato_il: NaiveDate) -> PattoDiCura {
        PattoDiCura {
            id: 0,
            numero: None,
            patient,
            presa: 1,
            gestore: 2,
            clinical_manager: "Dott. Neri".into(),
            precedente: None,
            rinnovato_da: None,
            creato_il,
            stato: PattoStato::Bozza,
            firma: None,
            correzioni_cm: Vec::new(),
        }
    }

    #[test]
    fn numbers_run_per_year_from_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut numbers = Vec::new();
        for (presa, day) in [
            (1, d(2026, 1, 10)),
            (2, d(2026, 12, 31)),
            (3, d(2027, 1, 1)),
        ] {
            let mut p = bozza(7, day);
            p.presa = presa;
            store.insert_patto(&mut p).unwrap();
            assert_eq!(store.patto(p.id).unwrap().unwrap().numero, p.numero);
            numbers.push(p.numero_label());
        }
        assert_eq!(numbers, ["2026/0001", "2026/0002", "2027/0001"]);
        // A number set by the caller is kept, and counts.
        assert_eq!(
            store.next_patto_numero(2027).unwrap().to_string(),
            "2027/0002"
        );
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn an_older_store_gets_its_patti_numbered_on_open() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            // Patti as an older sportello wrote them: record version 1, no
            // number, no mark in meta.
            for (id, created) in [
                (30u64, d(2026, 5, 1)),
                (31, d(2025, 12, 1)),
                (32, d(2026, 2, 1)),
                (33, d(2026, 5, 1)),
            ] {
                let v1 = PattoV1 {
                    id,
                    patient: 7,
                    presa: 1,
                    gestore: 2,
                    clinical_manager: String::new(),
                    precedente: None,
                    rinnovato_da: None,
                    creato_il: crate::store::records::date_to_days(created),
                    stato: PattoStatoV1::Bozza,
                    firma: None,
                };
                store
                    .patti
                    .insert(id_key(id), codec::encode(1, &v1).unwrap())
                    .unwrap();
                store
                    .idx_patto_patient
                    .insert(pair_key(7, id), &[])
                    .unwrap();
            }
            store.meta.remove(META_PATTI_NUMBERED).unwrap();
            let report = store.check().unwrap();
            assert_eq!(report.problem_count, 4, "{:?}", report.problems);
            assert!(
                report.texts()[0].contains("non ha un numero"),
                "{:?}",
                report.problems
            );
        }
        let store = Store::open(dir.path()).unwrap();
        let label = |id| store.patto(id).unwrap().unwrap().numero_label();
        assert_eq!(label(31), "2025/0001");
        assert_eq!(label(32), "2026/0001");
        assert_eq!(label(30), "2026/0002");
        assert_eq!(label(33), "2026/0003");
        assert!(store.check().unwrap().is_ok());
        let mut next = bozza(7, d(2026, 6, 1));
        store.insert_patto(&mut next).unwrap();
        assert_eq!(next.numero_label(), "2026/0004");
    }

    #[test]
    fn the_check_finds_a_number_given_twice() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut a = bozza(7, d(2026, 1, 10));
        store.insert_patto(&mut a).unwrap();
        let mut b = bozza(8, d(2026, 1, 11));
        b.presa = 2;
        b.numero = a.numero;
        store.insert_patto(&mut b).unwrap();
        let report = store.check().unwrap();
        assert_eq!(report.problem_count, 1, "{:?}", report.problems);
        assert!(
            report.texts()[0].contains("hanno lo stesso numero 2026/0001"),
            "{:?}",
            report.problems
        );
    }

    fn signed(mut p: PattoDiCura) -> PattoDiCura {
        use crate::domain::patto::{Consensi, Firma, Firmatario};
        p.firma = Some(Firma {
            firmatario: Firmatario::Paziente,
            nome_firmatario: String::new(),
            documento: String::new(),
            consensi: Consensi::default(),
            firmato_il: p.creato_il.and_hms_opt(10, 0, 0).unwrap(),
            operatore: "Anna".into(),
            testo: "testo".into(),
            sha256: crate::domain::patto::sha256_hex("testo"),
        });
        p.stato = PattoStato::Firmato;
        p
    }

    fn is_concurrent(r: Result<impl std::fmt::Debug>, firmato: bool) {
        match r {
            Err(StoreError::PattoConcurrent { firmato: f, .. }) => assert_eq!(f, firmato),
            other => panic!("expected PattoConcurrent {{ firmato: {firmato} }}, got {other:?}"),
        }
    }

    #[test]
    fn two_desks_preparing_the_patto_of_one_presa_get_one_bozza() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Both desks read "no Patto yet" and each builds a bozza.
        let mut a = bozza(7, d(2026, 1, 10));
        let mut b = bozza(7, d(2026, 1, 10));
        store.insert_patto(&mut a).unwrap();
        let refused = store.insert_patto(&mut b);
        is_concurrent(refused, false);
        assert_eq!(
            StoreError::PattoConcurrent {
                presa: 1,
                firmato: false
            }
            .to_string(),
            "Un altro sportello ha appena preparato il Patto di questa presa in carico: riaprire F4"
        );
        assert_eq!(store.patto_ids_of(7).unwrap(), vec![a.id]);
        // Once a is signed, a bozza built from the old read (no
        // predecessor) is refused too: a is in force.
        store.sign_patto(&signed(a.clone())).unwrap();
        let mut late = bozza(7, d(2026, 1, 10));
        is_concurrent(store.insert_patto(&mut late), true);
        // The renewal of a is accepted.
        let mut renewal = bozza(7, d(2026, 12, 20));
        renewal.precedente = Some(a.id);
        store.insert_patto(&mut renewal).unwrap();
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn two_bozze_of_one_presa_are_not_both_signed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Two bozze of one presa, as a store written before the rule holds.
        let mut a = bozza(7, d(2026, 1, 10));
        let mut b = bozza(7, d(2026, 1, 10));
        store.insert_patto(&mut a).unwrap();
        store.meta.remove(bozza_key(1)).unwrap();
        store.insert_patto(&mut b).unwrap();
        store.sign_patto(&signed(b.clone())).unwrap();
        is_concurrent(store.sign_patto(&signed(a.clone())), true);
        assert_eq!(store.patto(a.id).unwrap().unwrap().stato, PattoStato::Bozza);
    }

    #[test]
    fn a_renewal_is_signed_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut first = bozza(7, d(2026, 1, 10));
        store.insert_patto(&mut first).unwrap();
        store.sign_patto(&signed(first.clone())).unwrap();
        // Two renewals of the same Patto (one desk's bozza got past the
        // insert rule in an older store).
        let mut r1 = bozza(7, d(2026, 12, 20));
        r1.precedente = Some(first.id);
        let mut r2 = r1.clone();
        store.insert_patto(&mut r1).unwrap();
        store.meta.remove(bozza_key(1)).unwrap();
        store.insert_patto(&mut r2).unwrap();
        store.sign_patto(&signed(r1.clone())).unwrap();
        is_concurrent(store.sign_patto(&signed(r2.clone())), true);
        let first = store.patto(first.id).unwrap().unwrap();
        assert_eq!(first.rinnovato_da, Some(r1.id), "the first renewal stays");
        assert_eq!(
            store.patto(r2.id).unwrap().unwrap().stato,
            PattoStato::Bozza
        );
    }
}
