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
        patologia_primaria: None,
        livello_ats: None,
        stato: PatientStatus::Deceduto(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
        note: "nota".into(),
    }
}

const GOLDEN_V1: &str = include_str!("../../../tests/fixtures/patient_v1.hex");

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
    assert_eq!(
        codec::encode(1, &PatientV1::from(&golden_patient())).unwrap(),
        bytes
    );
}

#[test]
fn version_2_keeps_the_primary_pathology_and_the_ats_level() {
    let mut p = golden_patient();
    p.patologia_primaria = Some("50".into());
    p.livello_ats = Some(LivelloAts {
        livello: Livello::L2,
        fonte: "ATS".into(),
        data: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
    });
    let bytes = encode_patient(&p).unwrap();
    assert_eq!(bytes[0], 2);
    assert_eq!(decode_patient(&bytes).unwrap(), p);
    // Version 1 bytes are a version 2 record's beginning.
    let v1 = unhex(GOLDEN_V1);
    assert_eq!(&bytes[1..v1.len()], &v1[1..]);
    let row = encode_row(&p, Some(7)).unwrap();
    let r = decode_row(42, &row).unwrap();
    assert_eq!(
        (r.livello_ats, r.livello()),
        (Some(Livello::L2), Some(Livello::L2))
    );
    let mut old = codec::encode(
        1,
        &PatientRowV1 {
            cognome: "A".into(),
            nome: "B".into(),
            data_nascita: 700_000,
            codice_fiscale: String::new(),
            comune: String::new(),
            patologie: 4,
            stato: StatusV1::Attivo,
            gestore: None,
        },
    )
    .unwrap();
    let r = decode_row(1, &old).unwrap();
    assert_eq!((r.livello_ats, r.livello()), (None, Some(Livello::L1)));
    old[0] = 3;
    assert!(decode_row(1, &old).is_err());
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

#[test]
fn preferences_v1_bytes_are_frozen() {
    use crate::domain::agenda::{Fascia, Preferences};
    let prefs = Preferences {
        giorni: vec![chrono::Weekday::Tue, chrono::Weekday::Sat],
        fascia: Some(Fascia::Pomeriggio),
    };
    let bytes = encode_preferences(42, &prefs).unwrap();
    // Version 1, patient 42, two days (1, 5), fascia 2.
    assert_eq!(bytes, [1, 42, 2, 1, 5, 2]);
    assert_eq!(decode_preferences(&bytes).unwrap(), prefs);
    assert!(decode_preferences(&[1, 42, 1, 9, 0]).is_err());
    assert!(decode_preferences(&[1, 42, 0, 3]).is_err());
    assert!(decode_preferences(&[2, 42, 0, 0]).is_err());
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
