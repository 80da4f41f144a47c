//! Stored record formats. Each released format is a frozen struct: a change of
//! fields is a new version, and older versions are migrated on read. Dates are
//! stored as days since 0001-01-01 (CE), enums as append-only variants.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::codec;
use crate::domain::{Patient, PatientStatus, Residence, Sex};

/// Current version byte of a patient record.
pub const PATIENT_VERSION: u8 = 1;

/// Patient record, format version 1. Frozen: do not edit, add a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientV1 {
    pub id: u64,
    pub cognome: String,
    pub nome: String,
    pub codice_fiscale: String,
    /// 0 = M, 1 = F.
    pub sesso: u8,
    pub data_nascita: i32,
    pub luogo_nascita: String,
    pub indirizzo: String,
    pub cap: String,
    pub comune: String,
    pub ats_override: Option<String>,
    pub mmg: String,
    pub telefoni: Vec<String>,
    pub email: String,
    pub tessera_sanitaria: String,
    pub patologie: Vec<String>,
    pub stato: StatusV1,
    pub note: String,
}

/// Patient status, format version 1 (variants append-only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusV1 {
    Attivo,
    Deceduto(i32),
    Trasferito(i32),
}

pub fn date_to_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub fn days_to_date(days: i32) -> Result<NaiveDate, String> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| format!("data non valida ({days})"))
}

impl From<&Patient> for PatientV1 {
    fn from(p: &Patient) -> Self {
        PatientV1 {
            id: p.id,
            cognome: p.cognome.clone(),
            nome: p.nome.clone(),
            codice_fiscale: p.codice_fiscale.clone(),
            sesso: match p.sesso {
                Sex::M => 0,
                Sex::F => 1,
            },
            data_nascita: date_to_days(p.data_nascita),
            luogo_nascita: p.luogo_nascita.clone(),
            indirizzo: p.residenza.indirizzo.clone(),
            cap: p.residenza.cap.clone(),
            comune: p.residenza.comune.clone(),
            ats_override: p.ats_override.clone(),
            mmg: p.mmg.clone(),
            telefoni: p.telefoni.clone(),
            email: p.email.clone(),
            tessera_sanitaria: p.tessera_sanitaria.clone(),
            patologie: p.patologie.clone(),
            stato: match p.stato {
                PatientStatus::Attivo => StatusV1::Attivo,
                PatientStatus::Deceduto(d) => StatusV1::Deceduto(date_to_days(d)),
                PatientStatus::Trasferito(d) => StatusV1::Trasferito(date_to_days(d)),
            },
            note: p.note.clone(),
        }
    }
}

impl TryFrom<PatientV1> for Patient {
    type Error = String;

    fn try_from(r: PatientV1) -> Result<Self, String> {
        Ok(Patient {
            id: r.id,
            cognome: r.cognome,
            nome: r.nome,
            codice_fiscale: r.codice_fiscale,
            sesso: match r.sesso {
                0 => Sex::M,
                1 => Sex::F,
                other => return Err(format!("sesso non valido ({other})")),
            },
            data_nascita: days_to_date(r.data_nascita)?,
            luogo_nascita: r.luogo_nascita,
            residenza: Residence {
                indirizzo: r.indirizzo,
                cap: r.cap,
                comune: r.comune,
            },
            ats_override: r.ats_override,
            mmg: r.mmg,
            telefoni: r.telefoni,
            email: r.email,
            tessera_sanitaria: r.tessera_sanitaria,
            patologie: r.patologie,
            stato: match r.stato {
                StatusV1::Attivo => PatientStatus::Attivo,
                StatusV1::Deceduto(d) => PatientStatus::Deceduto(days_to_date(d)?),
                StatusV1::Trasferito(d) => PatientStatus::Trasferito(days_to_date(d)?),
            },
            note: r.note,
        })
    }
}

pub fn encode_patient(p: &Patient) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(PATIENT_VERSION, &PatientV1::from(p))
}

/// Decodes any known version of a patient record into the current domain type.
pub fn decode_patient(bytes: &[u8]) -> Result<Patient, String> {
    let (version, payload) = codec::version_of(bytes)?;
    match version {
        1 => Patient::try_from(codec::decode_payload::<PatientV1>(payload)?),
        other => Err(format!(
            "versione del record paziente sconosciuta ({other})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A patient as written by format version 1, frozen byte for byte.
    pub(super) fn golden_patient() -> Patient {
        Patient {
            id: 42,
            cognome: "D'Adda".into(),
            nome: "Niccolò".into(),
            codice_fiscale: "DDDNCL80A01F205X".into(),
            sesso: Sex::M,
            data_nascita: NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(),
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Via Sant'Ambrogio 3".into(),
                cap: "20123".into(),
                comune: "F205".into(),
            },
            ats_override: Some("030321".into()),
            mmg: "Dott.ssa Elena Sala".into(),
            telefoni: vec!["333 1234567".into()],
            email: "niccolo@example.it".into(),
            tessera_sanitaria: "80380000000000000042".into(),
            patologie: vec!["IPA".into(), "DM2".into()],
            stato: PatientStatus::Deceduto(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            note: "nota".into(),
        }
    }

    const GOLDEN_V1: &str = include_str!("../../tests/fixtures/patient_v1.hex");

    fn unhex(s: &str) -> Vec<u8> {
        let s = s.trim();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn golden_v1_bytes_decode_and_encode_identically() {
        let bytes = unhex(GOLDEN_V1);
        assert_eq!(decode_patient(&bytes).unwrap(), golden_patient());
        assert_eq!(encode_patient(&golden_patient()).unwrap(), bytes);
    }

    #[test]
    fn unknown_version_and_bad_enum_values_are_errors() {
        let mut bytes = unhex(GOLDEN_V1);
        bytes[0] = 9;
        assert!(
            decode_patient(&bytes)
                .unwrap_err()
                .contains("sconosciuta (9)")
        );
        let mut record = PatientV1::from(&golden_patient());
        record.sesso = 7;
        let bytes = codec::encode(1, &record).unwrap();
        assert!(
            decode_patient(&bytes)
                .unwrap_err()
                .contains("sesso non valido")
        );
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = decode_patient(&bytes);
        }

        #[test]
        fn truncated_or_flipped_records_are_rejected_or_decoded(cut in 0usize..200, flip in 0usize..200, bit in 0u8..8) {
            let mut bytes = unhex(GOLDEN_V1);
            let flip = flip % bytes.len();
            bytes[flip] ^= 1 << bit;
            let _ = decode_patient(&bytes);
            let cut = cut % bytes.len();
            prop_assert!(decode_patient(&unhex(GOLDEN_V1)[..cut]).is_err());
        }
    }
}
