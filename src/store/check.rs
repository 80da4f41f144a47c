//! The integrity check behind `sportello check`: every record decodes and every
//! index entry agrees with the records, both ways.

use std::collections::HashSet;

use super::patients::{PatientKeys, cf_value, id_from_value, id_of_cf_value};
use super::records::{decode_patient, encode_row};
use super::{Result, Store, trees};
pub use crate::domain::integrity::CheckReport;
use crate::domain::integrity::{CheckProblem as P, EntryKey, Owner};

impl Store {
    /// Decodes every record and verifies every index.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut expected: HashSet<(usize, Vec<u8>)> = HashSet::new();
        let mut expected_cf: HashSet<(Vec<u8>, u64)> = HashSet::new();
        // The display row each name, codice fiscale and tessera entry must
        // hold, by (slot, key): made from the record and the Gestore of the
        // patient's active presa in carico.
        let mut rows: std::collections::HashMap<(usize, Vec<u8>), Vec<u8>> = Default::default();
        let gestori = self.active_gestori()?;
        for item in self.patients.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            report.patients += 1;
            let key_id = k
                .as_ref()
                .try_into()
                .map(u64::from_be_bytes)
                .unwrap_or(u64::MAX);
            let patient = match decode_patient(&v) {
                Ok(p) => p,
                Err(reason) => {
                    report.problem(P::Unreadable {
                        tree: trees::PATIENTS,
                        key: hex(&k),
                        reason,
                    });
                    continue;
                }
            };
            // Codes outside the catalogue are kept (a record is never
            // silently changed) and named here.
            let catalogue = crate::io::tables::pathologies();
            for code in &patient.patologie {
                if catalogue.get(code).is_none() {
                    report.problem(P::UnknownPathology {
                        tree: trees::PATIENTS,
                        owner: Owner::Patient,
                        id: key_id,
                        code: code.clone(),
                    });
                }
            }
            if let Some(primary) = &patient.patologia_primaria
                && !patient.patologie.contains(primary)
            {
                report.problem(P::PrimaryNotAmong {
                    tree: trees::PATIENTS,
                    patient: key_id,
                    code: primary.clone(),
                });
            }
            if patient.id != key_id {
                report.problem(P::IdMismatch {
                    tree: trees::PATIENTS,
                    key: key_id,
                    declared: patient.id,
                });
            }
            let keys = PatientKeys::of(&patient);
            let row = encode_row(&patient, gestori.get(&patient.id).copied())?;
            rows.insert((1, keys.cf.clone()), cf_value(patient.id, &row));
            rows.insert((2, keys.name.clone()), row.clone());
            expected_cf.insert((keys.cf, patient.id));
            expected.insert((2, keys.name));
            if let Some(t) = keys.tessera {
                rows.insert((3, t.clone()), row);
                expected.insert((3, t));
            }
            for ph in keys.phones {
                expected.insert((4, ph));
            }
            for w in keys.words {
                expected.insert((5, w));
            }
            for k in keys.others {
                expected.insert((6, k));
            }
        }

        for item in self.idx_cf.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            report.index_entries += 1;
            let id = id_of_cf_value(&v).unwrap_or(u64::MAX);
            if !expected_cf.remove(&(k.to_vec(), id)) {
                report.problem(P::CfWithoutPatient {
                    tree: trees::IDX_CF,
                    entry: String::from_utf8_lossy(&k).into_owned(),
                    patient: id,
                });
            } else if rows.get(&(1, k.to_vec())).map(Vec::as_slice) != Some(&v[..]) {
                report.problem(P::RowMismatch {
                    tree: trees::IDX_CF,
                    entry: EntryKey::Plain(String::from_utf8_lossy(&k).into_owned()),
                    patient: Some(id),
                });
            }
        }
        for (cf, id) in expected_cf {
            report.problem(P::MissingEntry {
                tree: trees::IDX_CF,
                entry: EntryKey::Plain(String::from_utf8_lossy(&cf).into_owned()),
                patient: Some(id),
            });
        }

        let named = [
            (2, trees::IDX_NAME, &self.idx_name),
            (3, trees::IDX_TESSERA, &self.idx_tessera),
            (4, trees::IDX_PHONE, &self.idx_phone),
            (5, trees::IDX_NAME_WORD, &self.idx_name_word),
            (6, trees::IDX_NAME_OTHER, &self.idx_name_other),
        ];
        for (slot, name, tree) in named {
            for item in tree.iter() {
                let (k, v) = item.map_err(|e| self.fatal(e))?;
                report.index_entries += 1;
                if !expected.remove(&(slot, k.to_vec())) {
                    report.problem(P::StrayEntry {
                        tree: name,
                        entry: printable(&k),
                        owner: Owner::Patient,
                    });
                    continue;
                }
                // The name and tessera entries hold the display row; the
                // others nothing.
                let row = rows.get(&(slot, k.to_vec())).map_or(&[][..], Vec::as_slice);
                if row != &v[..] {
                    report.problem(P::RowMismatch {
                        tree: name,
                        entry: printable(&k),
                        patient: None,
                    });
                }
            }
        }
        let mut missing: Vec<_> = expected.into_iter().collect();
        missing.sort();
        for (slot, key) in missing {
            let name = match slot {
                2 => trees::IDX_NAME,
                3 => trees::IDX_TESSERA,
                4 => trees::IDX_PHONE,
                5 => trees::IDX_NAME_WORD,
                _ => trees::IDX_NAME_OTHER,
            };
            report.problem(P::MissingEntry {
                tree: name,
                entry: printable(&key),
                patient: None,
            });
        }
        self.check_gestori_and_prese(&mut report)?;
        self.check_patti(&mut report)?;
        self.check_pai(&mut report)?;
        self.check_pai_marks(&mut report)?;
        self.check_agenda(&mut report)?;
        self.check_operators_and_audit(&mut report)?;
        self.check_arruolabili(&mut report)?;
        report.size_on_disk = self.size_on_disk()?;
        Ok(report)
    }

    /// The worklist of arruolabili decodes, each row under the key of its
    /// codice fiscale and tied to a stored patient.
    fn check_arruolabili(&self, report: &mut CheckReport) -> Result<()> {
        let tree = self
            .db
            .open_tree(super::arruolabili::ARRUOLABILI)
            .map_err(|e| self.fatal(e))?;
        for item in tree.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let key = String::from_utf8_lossy(&k).into_owned();
            match super::arruolabili::decode_arruolabile(&v) {
                Err(reason) => report.problem(P::Unreadable {
                    tree: super::arruolabili::ARRUOLABILI,
                    key,
                    reason: reason.to_string(),
                }),
                Ok(row) => {
                    let normalized = crate::domain::codice_fiscale::CodiceFiscale::parse(
                        &row.codice_fiscale,
                        crate::io::tables::comuni(),
                    )
                    .map(|cf| cf.normalized());
                    if normalized.as_deref() != Ok(key.as_str()) {
                        report.problem(P::KeyOtherCf {
                            tree: super::arruolabili::ARRUOLABILI,
                            key: key.clone(),
                            cf: row.codice_fiscale.clone(),
                        });
                    }
                    if let Some(id) = row.patient
                        && self.get_patient(id)?.is_none()
                    {
                        report.problem(P::RowWithoutPatient {
                            tree: super::arruolabili::ARRUOLABILI,
                            key,
                            patient: id,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Appointments decode; slot claims equal the distinct patients with live
    /// appointments in each slot; no patient is booked twice at once; no slot is over capacity
    /// without an authorised override.
    fn check_agenda(&self, report: &mut CheckReport) -> Result<()> {
        use crate::domain::agenda;
        let apps = match self.all_appointments() {
            Ok(a) => a,
            Err(e) => {
                report.problem(P::TreeUnreadable {
                    tree: trees::APPOINTMENTS,
                    reason: e.to_string(),
                });
                return Ok(());
            }
        };
        let mut expected: std::collections::HashMap<(u64, [u8; 8]), u16> = Default::default();
        for ((r, start), n) in agenda::slot_usage(&apps) {
            expected.insert((r, super::agenda::start_key(start)), n);
        }
        for (key, n) in self.slot_claims()? {
            report.index_entries += 1;
            if expected.remove(&key) != Some(n) {
                report.problem(P::SlotCountMismatch {
                    tree: trees::SLOT_CLAIMS,
                    resource: key.0,
                    slot: hex(&key.1),
                    counted: n,
                });
            }
        }
        for (key, n) in expected {
            report.problem(P::SlotClaimsMissing {
                tree: trees::SLOT_CLAIMS,
                resource: key.0,
                slot: hex(&key.1),
                missing: n,
            });
        }
        let forced: HashSet<u64> = apps
            .iter()
            .filter(|a| a.forzatura.is_some())
            .map(|a| a.id)
            .collect();
        for (x, y) in agenda::double_bookings(&apps) {
            if !forced.contains(&x) && !forced.contains(&y) {
                report.problem(P::DoubleBooking {
                    tree: trees::APPOINTMENTS,
                    first: x,
                    second: y,
                });
            }
        }
        let resources = self.resources()?;
        for excess in agenda::over_capacity(&apps, &resources) {
            let overridden = apps.iter().any(|a| {
                a.resource == Some(excess.resource)
                    && a.start == excess.start
                    && a.forzatura.is_some()
            });
            if !overridden {
                report.problem(P::OverCapacity {
                    tree: trees::SLOT_CLAIMS,
                    start: excess.start,
                    resource: excess.resource,
                    booked: excess.prenotati,
                    places: excess.capacita,
                });
            }
        }
        Ok(())
    }

    /// PAI decode and each is indexed under its patient.
    /// Operators decode and match the username index; the audit chain is intact.
    fn check_operators_and_audit(&self, report: &mut CheckReport) -> Result<()> {
        let mut names: HashSet<(Vec<u8>, u64)> = HashSet::new();
        for item in self.operators.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            match super::records::decode_operator(&v) {
                Ok(o) => {
                    let folded = crate::domain::operator::fold_username(&o.username);
                    names.insert((folded.into_bytes(), o.id));
                }
                Err(reason) => report.problem(P::Unreadable {
                    tree: trees::OPERATORS,
                    key: hex(&k),
                    reason,
                }),
            }
        }
        for item in self.idx_operator_name.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let id = id_from_value(&v).unwrap_or(0);
            if !names.remove(&(k.to_vec(), id)) {
                report.problem(P::StrayEntry {
                    tree: trees::IDX_OPERATOR_NAME,
                    entry: printable(&k),
                    owner: Owner::Operator,
                });
            }
        }
        for (name, _) in names {
            report.problem(P::MissingEntry {
                tree: trees::IDX_OPERATOR_NAME,
                entry: printable(&name),
                patient: None,
            });
        }
        if let Err(b) = self.verify_audit()? {
            report.problem(P::AuditChain {
                tree: trees::AUDIT,
                at: b,
            });
        }
        Ok(())
    }

    fn check_pai(&self, report: &mut CheckReport) -> Result<()> {
        let mut indexed: HashSet<Vec<u8>> = HashSet::new();
        for item in self.idx_pai_patient.iter() {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            report.index_entries += 1;
            indexed.insert(k.to_vec());
        }
        for item in self.pai.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            match super::records::decode_pai(&v) {
                Ok(p) => {
                    let catalogue = crate::io::tables::pathologies();
                    let mut unknown: Vec<&str> = p
                        .items
                        .iter()
                        .flat_map(|i| i.patologie.iter().map(String::as_str))
                        .filter(|c| catalogue.get(c).is_none())
                        .collect();
                    unknown.sort_unstable();
                    unknown.dedup();
                    for code in unknown {
                        report.problem(P::UnknownPathology {
                            tree: trees::PAI,
                            owner: Owner::Pai,
                            id: p.id,
                            code: code.to_string(),
                        });
                    }
                    if !indexed.remove(super::patti::pair_key(p.patient, p.id).as_slice()) {
                        report.problem(P::MissingEntryOf {
                            tree: trees::IDX_PAI_PATIENT,
                            owner: Owner::Pai,
                            id: p.id,
                        });
                    }
                }
                Err(reason) => {
                    report.problem(P::Unreadable {
                        tree: trees::PAI,
                        key: hex(&k),
                        reason,
                    });
                }
            }
        }
        for key in indexed {
            report.problem(P::StrayEntry {
                tree: trees::IDX_PAI_PATIENT,
                entry: EntryKey::Plain(hex(&key)),
                owner: Owner::Pai,
            });
        }
        Ok(())
    }

    /// Patti decode, their signed texts match their hashes, both Patto
    /// indexes agree with the records, and every Patto has a number of its
    /// own within its year, not above that year's counter.
    fn check_patti(&self, report: &mut CheckReport) -> Result<()> {
        let mut numbers: std::collections::HashMap<crate::domain::patto::PattoNumero, u64> =
            std::collections::HashMap::new();
        let counters: std::collections::HashMap<i32, u32> =
            self.patto_counters()?.into_iter().collect();
        let mut by_patient: HashSet<Vec<u8>> = HashSet::new();
        for item in self.idx_patto_patient.iter() {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            report.index_entries += 1;
            by_patient.insert(k.to_vec());
        }
        let mut expiring: HashSet<Vec<u8>> = HashSet::new();
        for item in self.idx_patto_scadenza.iter() {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            report.index_entries += 1;
            expiring.insert(k.to_vec());
        }
        for item in self.patti.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let p = match super::records::decode_patto(&v) {
                Ok(p) => p,
                Err(reason) => {
                    report.problem(P::Unreadable {
                        tree: trees::PATTI,
                        key: hex(&k),
                        reason,
                    });
                    continue;
                }
            };
            match p.numero {
                None => report.problem(P::PattoWithoutNumber {
                    tree: trees::PATTI,
                    patto: p.id,
                }),
                Some(n) => {
                    if let Some(other) = numbers.insert(n, p.id) {
                        report.problem(P::PattoNumberTwice {
                            tree: trees::PATTI,
                            first: other,
                            second: p.id,
                            numero: n,
                        });
                    }
                    if counters.get(&n.anno).copied().unwrap_or(0) < n.progressivo {
                        report.problem(P::PattoNumberAboveCounter {
                            tree: trees::PATTI,
                            patto: p.id,
                            numero: n,
                        });
                    }
                }
            }
            if !by_patient.remove(super::patti::pair_key(p.patient, p.id).as_slice()) {
                report.problem(P::MissingEntryOf {
                    tree: trees::IDX_PATTO_PATIENT,
                    owner: Owner::Patto,
                    id: p.id,
                });
            }
            if let Some(f) = &p.firma
                && !f.is_intact()
            {
                report.problem(P::PattoSignatureAltered {
                    tree: trees::PATTI,
                    patto: p.id,
                });
            }
            let listed =
                p.stato == crate::domain::patto::PattoStato::Firmato && p.rinnovato_da.is_none();
            if let Some(key) = super::patti::expiry_key(&p)
                && listed
                && !expiring.remove(key.as_slice())
            {
                report.problem(P::MissingExpiry {
                    tree: trees::IDX_PATTO_SCADENZA,
                    patto: p.id,
                });
            }
        }
        for key in by_patient {
            report.problem(P::StrayEntry {
                tree: trees::IDX_PATTO_PATIENT,
                entry: EntryKey::Plain(hex(&key)),
                owner: Owner::Patto,
            });
        }
        for key in expiring {
            report.problem(P::StrayEntry {
                tree: trees::IDX_PATTO_SCADENZA,
                entry: EntryKey::Plain(hex(&key)),
                owner: Owner::PattoInForce,
            });
        }
        Ok(())
    }

    /// Gestori and prese decode; every presa is indexed under its patient; the
    /// active-presa slots point at active prese of that patient, one each.
    fn check_gestori_and_prese(&self, report: &mut CheckReport) -> Result<()> {
        for item in self.gestori.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let Err(reason) = super::records::decode_gestore(&v) {
                report.problem(P::Unreadable {
                    tree: trees::GESTORI,
                    key: hex(&k),
                    reason,
                });
            }
        }
        let mut indexed: HashSet<Vec<u8>> = HashSet::new();
        for item in self.idx_presa_patient.iter() {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            report.index_entries += 1;
            indexed.insert(k.to_vec());
        }
        let mut active: std::collections::HashMap<u64, u64> = Default::default();
        for item in self.prese.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let presa = match super::records::decode_presa(&v) {
                Ok(p) => p,
                Err(reason) => {
                    report.problem(P::Unreadable {
                        tree: trees::PRESE,
                        key: hex(&k),
                        reason,
                    });
                    continue;
                }
            };
            let mut key = presa.patient.to_be_bytes().to_vec();
            key.extend_from_slice(&presa.id.to_be_bytes());
            if !indexed.remove(&key) {
                report.problem(P::MissingPresaEntry {
                    tree: trees::IDX_PRESA_PATIENT,
                    presa: presa.id,
                    patient: presa.patient,
                });
            }
            if presa.is_active() && active.insert(presa.patient, presa.id).is_some() {
                report.problem(P::SeveralActivePrese {
                    tree: trees::PRESE,
                    patient: presa.patient,
                });
            }
        }
        for key in indexed {
            report.problem(P::StrayEntry {
                tree: trees::IDX_PRESA_PATIENT,
                entry: EntryKey::Plain(hex(&key)),
                owner: Owner::Presa,
            });
        }
        for item in self.active_presa.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            report.index_entries += 1;
            let patient = id_from_value(&k).unwrap_or(u64::MAX);
            let presa = id_from_value(&v).unwrap_or(u64::MAX);
            if active.remove(&patient) != Some(presa) {
                report.problem(P::ActivePresaNotActive {
                    tree: trees::ACTIVE_PRESA,
                    patient,
                    presa,
                });
            }
        }
        for (patient, presa) in active {
            report.problem(P::ActivePresaUnregistered {
                tree: trees::ACTIVE_PRESA,
                patient,
                presa,
            });
        }
        Ok(())
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An index key as the check shows it: the value, then `#id`; in a
/// name-word key, the words before, `/`, the word, then the name in brackets.
fn printable(key: &[u8]) -> EntryKey {
    // An entry of the index of other name forms: its kind, then the form.
    if let Some((&kind, rest)) = key.split_first()
        && kind < 0x20
        && let Some((value, id)) = super::patients::split_index_key(rest)
    {
        let form = format!("{value}#{id}");
        return if kind == super::patients::OtherName::FirstName as u8 {
            EntryKey::FirstName(form)
        } else {
            EntryKey::Surname(form)
        };
    }
    EntryKey::Plain(match super::patients::split_index_key(key) {
        Some((value, id)) => match value.split_once('\u{1}') {
            Some((head, rest)) => match rest.split_once('\u{0}') {
                Some((word, name)) => format!("{head}/{word} ({name})#{id}"),
                None => hex(key),
            },
            None => format!("{value}#{id}"),
        },
        None => hex(key),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Store, StoreError, id_key};
    use crate::domain::{Patient, PatientStatus, Residence, Sex};

    fn patient(cf: &str) -> Patient {
        Patient {
            id: 0,
            cognome: "Rossi".into(),
            nome: "Mario".into(),
            codice_fiscale: cf.into(),
            sesso: Sex::M,
            data_nascita: chrono::NaiveDate::from_ymd_opt(1968, 1, 1).unwrap(),
            luogo_nascita: "H501".into(),
            residenza: Residence::default(),
            ats_override: None,
            mmg: String::new(),
            telefoni: vec!["02 555".into()],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: Vec::new(),
            stato: PatientStatus::Attivo,
            note: String::new(),
        }
    }

    #[test]
    fn check_reports_corrupt_records_and_stray_index_entries() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut p = patient("RSSMRA68A01H501Y");
        let id = store.insert_patient(&mut p).unwrap();
        assert!(store.check().unwrap().is_ok());

        // A record overwritten with garbage: reading it is an error, not a panic.
        store
            .patients
            .insert(id_key(id), &[1, 0xFF, 0xFF, 0xFF])
            .unwrap();
        assert!(matches!(
            store.get_patient(id),
            Err(StoreError::Corrupt { .. })
        ));
        // An index entry pointing nowhere.
        store
            .idx_phone
            .insert(b"999\0\0\0\0\0\0\0\0\x63", &[])
            .unwrap();

        let report = store.check().unwrap();
        assert!(!report.is_ok());
        assert!(
            report.texts().iter().any(|m| m.contains("non leggibile")),
            "{:?}",
            report.problems
        );
        assert!(
            report.texts().iter().any(|m| m.contains("999#99")),
            "{:?}",
            report.problems
        );
        // The record's own index entries are now unexplained too.
        assert!(report.problem_count >= 4, "{:?}", report.problems);
    }
}
