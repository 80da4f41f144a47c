//! Proptest fuzzing of every record decoder: real records of a demo store,
//! mutated (bits flipped, truncated, bytes inserted, deleted or overwritten,
//! payload replaced), and random bytes behind a valid version byte. The
//! decoders must return an error or a value, never panic or allocate
//! without bound. `PROPTEST_CASES=100000 cargo test --lib store::fuzz` runs
//! them harder (see README).

use std::sync::OnceLock;

use proptest::prelude::*;

use super::records;
use super::trees;

type Decoder = fn(&[u8]) -> bool;

/// Each tree of records with its decoder (true when it decoded).
const DECODERS: &[(&str, Decoder)] = &[
    (trees::PATIENTS, |b| records::decode_patient(b).is_ok()),
    (trees::GESTORI, |b| records::decode_gestore(b).is_ok()),
    (trees::IMPORTS, |b| records::decode_import(b).is_ok()),
    (trees::PRESE, |b| records::decode_presa(b).is_ok()),
    (trees::PATTI, |b| records::decode_patto(b).is_ok()),
    (trees::PAI, |b| records::decode_pai(b).is_ok()),
    (trees::RESOURCES, |b| records::decode_resource(b).is_ok()),
    (trees::CLOSURES, |b| records::decode_closure(b).is_ok()),
    (trees::APPOINTMENTS, |b| {
        records::decode_appointment(b).is_ok()
    }),
    ("meta:practice", |b| records::decode_practice(b).is_ok()),
    (super::arruolabili::ARRUOLABILI, |b| {
        super::arruolabili::decode_arruolabile(b).is_ok()
    }),
];

/// Up to 40 stored values per decoder, from a small demo store with PAI
/// planned (so that every kind of record exists).
fn samples() -> &'static Vec<(usize, Vec<u8>)> {
    static SAMPLES: OnceLock<Vec<(usize, Vec<u8>)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let clock = crate::service::FixedClock::on(2026, 11, 23).expect("date");
        let desk =
            crate::service::Desk::open(dir.path(), std::sync::Arc::new(clock)).expect("open");
        desk.gestori()
            .seed_sample_gestori(&crate::io::gestori::sample_gestori())
            .expect("gestori");
        desk.load_demo(60, 3, &mut |_, _| true).expect("demo");
        desk.agenda().plan_all(&mut |_, _| true).expect("plan");
        let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("date");
        desk.agenda()
            .save_closure(crate::domain::agenda::Closure {
                id: 0,
                resource: None,
                dal: day.and_time(chrono::NaiveTime::MIN),
                al: day.and_hms_opt(23, 59, 0).expect("time"),
                motivo: "Disinfestazione".into(),
            })
            .expect("closure");
        let practice = desk.gestori().practice().expect("practice");
        desk.gestori()
            .save_practice(&practice)
            .expect("save practice");
        let db = &desk.store().db;
        let mut out = Vec::new();
        for (i, (tree, _)) in DECODERS.iter().enumerate() {
            if *tree == "meta:practice" {
                if let Ok(Some(v)) = desk.store().meta.get(b"practice") {
                    out.push((i, v.to_vec()));
                }
                continue;
            }
            let t = db.open_tree(tree).expect("tree");
            for item in t.iter().take(40) {
                let (_, v) = item.expect("item");
                out.push((i, v.to_vec()));
            }
        }
        out
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Truncate { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Overwrite { at: usize, bytes: Vec<u8> },
    NewPayload { bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let bytes = proptest::collection::vec(any::<u8>(), 1..16);
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), bytes.clone()).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1usize..16).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), bytes).prop_map(|(at, bytes)| Mutation::Overwrite { at, bytes }),
        proptest::collection::vec(any::<u8>(), 0..300)
            .prop_map(|bytes| Mutation::NewPayload { bytes }),
    ]
}

fn apply(value: &[u8], m: &Mutation) -> Vec<u8> {
    let mut v = value.to_vec();
    let n = v.len().max(1);
    match m {
        Mutation::Flip { at, bit } => {
            if let Some(b) = v.get_mut(at % n) {
                *b ^= 1 << bit;
            }
        }
        Mutation::Truncate { at } => v.truncate(at % n),
        Mutation::Insert { at, bytes } => {
            let at = at % (v.len() + 1);
            v.splice(at..at, bytes.iter().copied());
        }
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(v.len());
            if at < end {
                v.drain(at..end);
            }
        }
        Mutation::Overwrite { at, bytes } => {
            let at = at % n;
            for (i, b) in bytes.iter().enumerate() {
                if let Some(x) = v.get_mut(at + i) {
                    *x = *b;
                }
            }
        }
        Mutation::NewPayload { bytes } => {
            v.truncate(1);
            v.extend_from_slice(bytes);
        }
    }
    v
}

#[test]
fn every_kind_of_record_is_sampled_and_decodes() {
    let samples = samples();
    for (i, (tree, decode)) in DECODERS.iter().enumerate() {
        let mine: Vec<_> = samples.iter().filter(|(d, _)| *d == i).collect();
        assert!(!mine.is_empty(), "no {tree} record in the demo store");
        for (_, v) in mine {
            assert!(decode(v), "a stored {tree} record does not decode");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(3000)
    ))]

    #[test]
    fn mutated_records_never_panic(pick in any::<usize>(), m in mutation(), m2 in mutation()) {
        let samples = samples();
        let (decoder, value) = &samples[pick % samples.len()];
        let once = apply(value, &m);
        let _ = (DECODERS[*decoder].1)(&once);
        let twice = apply(&once, &m2);
        let _ = (DECODERS[*decoder].1)(&twice);
    }

    #[test]
    fn random_payloads_behind_each_version_never_panic(
        decoder in 0..DECODERS.len(),
        version in 0u8..4,
        payload in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let mut bytes = vec![version];
        bytes.extend_from_slice(&payload);
        let _ = (DECODERS[decoder].1)(&bytes);
    }
}
