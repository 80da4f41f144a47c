//! Store behaviour on temporary sled databases.

use chrono::NaiveDate;
use sportello::domain::{Patient, PatientStatus, Residence, Sex};
use sportello::store::{PatientIndex, Store, StoreError};

fn patient(cognome: &str, nome: &str, cf: &str) -> Patient {
    Patient {
        id: 0,
        cognome: cognome.into(),
        nome: nome.into(),
        codice_fiscale: cf.into(),
        sesso: Sex::M,
        data_nascita: NaiveDate::from_ymd_opt(1968, 1, 1).unwrap(),
        luogo_nascita: "H501".into(),
        residenza: Residence {
            indirizzo: "Via Roma 1".into(),
            cap: "20100".into(),
            comune: "F205".into(),
        },
        ats_override: None,
        mmg: "Dott. Bianchi".into(),
        telefoni: vec!["02 1234567".into()],
        email: String::new(),
        tessera_sanitaria: "80380001200012345678".into(),
        patologia_primaria: None,
        livello_ats: None,
        patologie: vec!["56".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    }
}

fn keys(store: &Store, index: PatientIndex, prefix: &str) -> Vec<String> {
    store
        .scan_prefix(index, prefix, 10)
        .unwrap()
        .into_iter()
        .map(|h| h.key)
        .collect()
}

#[test]
fn insert_find_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let id;
    {
        let store = Store::open(dir.path()).unwrap();
        let mut p = patient("D'Adda", "Niccolò", "DDDNCL80A01F205X");
        id = store.insert_patient(&mut p).unwrap();
        assert_eq!(p.id, id);
        assert!(id > 0);
    }
    let store = Store::open(dir.path()).unwrap();
    let back = store.get_patient(id).unwrap().unwrap();
    assert_eq!(back.nome, "Niccolò");
    assert_eq!(back.residenza.comune, "F205");
    assert_eq!(
        store.patient_id_by_cf("dddncl80a01f205x").unwrap(),
        Some(id)
    );
    // Accent- and case-insensitive: "nicolo" style queries are folded by the caller.
    assert_eq!(
        keys(&store, PatientIndex::Name, "DADDA N"),
        vec!["DADDA NICCOLO"]
    );
    assert_eq!(keys(&store, PatientIndex::Phone, "0212"), vec!["021234567"]);
    assert_eq!(
        keys(&store, PatientIndex::Tessera, "8038"),
        vec!["80380001200012345678"]
    );
    assert_eq!(
        keys(&store, PatientIndex::CodiceFiscale, "DDDN"),
        vec!["DDDNCL80A01F205X"]
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn prefix_scan_is_ordered_and_limited() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut batch: Vec<Patient> = ["Rossini", "Rossi", "Rosa", "Russo", "Rossetti"]
        .iter()
        .enumerate()
        .map(|(i, s)| patient(s, "Anna", &format!("CF{i:014}")))
        .collect();
    store.insert_patients_batch(&mut batch).unwrap();
    store.make_durable().unwrap();
    assert_eq!(
        keys(&store, PatientIndex::Name, "ROSS"),
        vec!["ROSSETTI ANNA", "ROSSI ANNA", "ROSSINI ANNA"]
    );
    let two = store.scan_prefix(PatientIndex::Name, "RO", 2).unwrap();
    assert_eq!(two.len(), 2);
    assert_eq!(two[0].key, "ROSA ANNA");
    let before = store.name_neighbours("ROSSO", false, 1).unwrap();
    assert_eq!(before[0].key, "ROSSINI ANNA");
    let after = store.name_neighbours("ROSSO", true, 1).unwrap();
    assert_eq!(after[0].key, "RUSSO ANNA");
    assert_eq!(store.check().unwrap().patients, 5);
}

#[test]
fn update_moves_index_entries_and_keeps_cf_unique() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = patient("Rossi", "Mario", "RSSMRA68A01H501Y");
    let mut b = patient("Verdi", "Luca", "VRDLCU70A01F205Z");
    store.insert_patient(&mut a).unwrap();
    store.insert_patient(&mut b).unwrap();

    a.cognome = "Rossini".into();
    a.telefoni = vec!["333 9998877".into()];
    store.update_patient(&a).unwrap();
    assert_eq!(
        keys(&store, PatientIndex::Name, "ROSS"),
        vec!["ROSSINI MARIO"]
    );
    assert_eq!(keys(&store, PatientIndex::Phone, "0212"), vec!["021234567"]);
    assert_eq!(keys(&store, PatientIndex::Phone, "333"), vec!["3339998877"]);

    let mut dup = patient("Altro", "Nome", "RSSMRA68A01H501Y");
    assert!(matches!(
        store.insert_patient(&mut dup),
        Err(StoreError::DuplicateCf(_))
    ));
    b.codice_fiscale = a.codice_fiscale.clone();
    assert!(matches!(
        store.update_patient(&b),
        Err(StoreError::DuplicateCf(_))
    ));
    let mut batch = vec![patient("X", "Y", "VRDLCU70A01F205Z")];
    assert!(matches!(
        store.insert_patients_batch(&mut batch),
        Err(StoreError::DuplicateCf(_))
    ));
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.patients, 2);
    assert!(report.size_on_disk > 0);
}

#[test]
fn second_open_reports_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    match Store::open(dir.path()) {
        Err(StoreError::Locked { dir: d }) => assert_eq!(d, dir.path()),
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a second open must fail"),
    }
    let msg = Store::open(dir.path()).err().unwrap().to_string();
    assert!(msg.contains("già aperto"), "{msg}");
}

/// Every path under `dir` with its size (sled's own flusher may touch the
/// held store's files' times).
fn listing(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                todo.push(e.path());
            }
            out.push((e.path(), m.len()));
        }
    }
    out.sort();
    out
}

#[test]
fn a_second_open_of_a_held_store_changes_nothing_before_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let held = Store::open(dir.path()).unwrap();
    held.make_durable().unwrap();
    // The holder is rewriting the store (an erasure, `compatta`): the new
    // store is being built beside the old one.
    let building = dir.path().join(".riscrittura-nuova");
    std::fs::create_dir(&building).unwrap();
    std::fs::write(building.join("db"), b"in costruzione").unwrap();
    // The holder is `sportello serve`.
    std::fs::write(dir.path().join(sportello::store::SERVE_MARKER), b"2222\n").unwrap();
    let before = listing(dir.path());
    match Store::open(dir.path()) {
        Err(StoreError::Served { port, .. }) => assert_eq!(port, 2222),
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a second open must fail"),
    }
    assert_eq!(listing(dir.path()), before, "the held store was touched");
    assert!(building.join("db").is_file());
    drop(held);
}

#[test]
fn unwritable_directory_is_an_error_not_a_panic() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("ro");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    // root ignores mode bits: then use a directory the kernel refuses to anyone.
    let target = if std::fs::write(locked.join("probe"), b"x").is_ok() {
        std::path::PathBuf::from("/sys/sportello-test-store")
    } else {
        locked.join("store")
    };
    match Store::open(&target) {
        Err(StoreError::PermissionDenied { dir: d }) => assert_eq!(d, target),
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("opening an unwritable directory must fail"),
    }
}

#[test]
fn a_path_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, b"not a store").unwrap();
    assert!(matches!(
        Store::open(&file),
        Err(StoreError::Directory { .. })
    ));
}
