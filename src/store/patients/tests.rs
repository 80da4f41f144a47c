use super::super::{Store, StoreError};
use super::{META_NAME_WORD_BUILT, name_word_keys};
use crate::domain::{Patient, PatientId};
use crate::service::demo::DemoGenerator;
use crate::service::search::search_ids;

fn demo_patient(seed: u64, cognome: &str, nome: &str) -> Patient {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut p = DemoGenerator::new(seed, today).next_patient(&|_| false);
    p.cognome = cognome.into();
    p.nome = nome.into();
    p
}

/// The name-word index as (first word / later word #id, name) pairs.
fn word_entries(store: &Store) -> Vec<(String, String)> {
    store
        .idx_name_word
        .iter()
        .map(|item| {
            let (k, v) = item.unwrap();
            assert!(v.is_empty());
            let (value, id) = super::split_index_key(&k).unwrap();
            let (head, rest) = value.split_once('\u{1}').unwrap();
            let (word, name) = rest.split_once('\u{0}').unwrap();
            (format!("{head}/{word}#{id}"), name.to_string())
        })
        .collect()
}

fn found(store: &Store, q: &str) -> Vec<PatientId> {
    search_ids(store, q, 50).unwrap()
}

#[test]
fn name_word_keys_cover_the_words_from_the_third_on() {
    assert!(name_word_keys("ROSSI MARIO", 7).is_empty());
    assert!(name_word_keys("ROSSI", 7).is_empty());
    let name = "DE LUCA MARIA GRAZIA MARIA";
    let keys = name_word_keys(name, 7);
    let mut expected = Vec::new();
    for (head, w) in [
        ("DE", "GRAZIA"),
        ("DE", "MARIA"),
        ("DE LUCA", "GRAZIA"),
        ("DE LUCA", "MARIA"),
    ] {
        let mut k = head.as_bytes().to_vec();
        k.push(1);
        k.extend_from_slice(w.as_bytes());
        k.push(0);
        k.extend_from_slice(name.as_bytes());
        k.push(0);
        k.extend_from_slice(&7u64.to_be_bytes());
        expected.push(k);
    }
    assert_eq!(keys, expected);
    assert_eq!(name_word_keys("ROSSI MARIO LUCA", 7).len(), 1);
}

#[test]
fn name_word_entries_follow_inserts_updates_and_erasures() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut p = demo_patient(1, "De Luca", "Maria Grazia");
    let id = store.insert_patient(&mut p).unwrap();
    let entries = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, n)| (format!("{k}#{id}"), n.to_string()))
            .collect()
    };
    let name = "DE LUCA MARIA GRAZIA";
    assert_eq!(
        word_entries(&store),
        entries(&[
            ("DE/GRAZIA", name),
            ("DE/MARIA", name),
            ("DE LUCA/GRAZIA", name)
        ])
    );
    assert_eq!(found(&store, "de gr"), vec![id]);
    assert_eq!(found(&store, "de lu gr"), vec![id]);

    // A new name moves the entries in the same write.
    p.nome = "Anna Luisa".into();
    store.update_patient(&p).unwrap();
    let name = "DE LUCA ANNA LUISA";
    assert_eq!(
        word_entries(&store),
        entries(&[
            ("DE/ANNA", name),
            ("DE/LUISA", name),
            ("DE LUCA/LUISA", name)
        ])
    );
    assert!(found(&store, "de gr").is_empty());
    assert!(found(&store, "de lu gr").is_empty());
    assert_eq!(found(&store, "de lu lu"), vec![id]);
    assert_eq!(found(&store, "de lu"), vec![id]);
    assert!(store.check().unwrap().is_ok());

    // Two words: no entry at all.
    p.cognome = "Rossi".into();
    store.update_patient(&p).unwrap();
    assert_eq!(
        word_entries(&store),
        vec![(format!("ROSSI/LUISA#{id}"), "ROSSI ANNA LUISA".to_string())]
    );
    p.nome = "Anna".into();
    store.update_patient(&p).unwrap();
    assert!(word_entries(&store).is_empty());

    // An erasure removes the entries of the name and indexes the pseudonym.
    p.cognome = "Di Stefano".into();
    p.nome = "Gian Maria".into();
    store.update_patient(&p).unwrap();
    assert_eq!(word_entries(&store).len(), 3);
    let mut after = p.clone();
    after.cognome = "Cancellato".into();
    after.nome = "Paziente Xq".into();
    after.codice_fiscale = "XXXXXX00X00X000X".into();
    store
        .erase_patient(&super::super::gdpr::Erasure {
            before: &p,
            after: &after,
            patti: &[],
            prese: &[],
            appointments: &[],
        })
        .unwrap();
    assert_eq!(
        word_entries(&store),
        vec![(
            format!("CANCELLATO/XQ#{id}"),
            "CANCELLATO PAZIENTE XQ".to_string()
        )]
    );
    assert!(found(&store, "di ma").is_empty());
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn check_flags_missing_and_stray_name_word_entries() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = demo_patient(1, "Lo Russo", "Anna Maria");
    let mut b = demo_patient(2, "Bianchi", "Gian Maria Luca");
    store.insert_patient(&mut a).unwrap();
    store.insert_patient(&mut b).unwrap();
    assert!(store.check().unwrap().is_ok());
    let a_keys = name_word_keys("LO RUSSO ANNA MARIA", a.id);
    store.idx_name_word.remove(&a_keys[1]).unwrap();
    // An entry under another name of the patient: stray.
    let wrong = name_word_keys("BIANCHI GIAN MARIA", b.id);
    store.idx_name_word.insert(&wrong[0], &[]).unwrap();
    let stray = name_word_keys("VERDI ANNA MARIA", 99);
    store.idx_name_word.insert(&stray[0], &[]).unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.problem_count, 3, "{:?}", report.problems);
    let expected = [
        format!(
            "idx_patient_name_word: manca la voce LO/MARIA (LO RUSSO ANNA MARIA)#{}",
            a.id
        ),
        format!(
            "idx_patient_name_word: voce BIANCHI/MARIA (BIANCHI GIAN MARIA)#{} senza paziente corrispondente",
            b.id
        ),
        "idx_patient_name_word: voce VERDI/MARIA (VERDI ANNA MARIA)#99 senza paziente corrispondente"
            .to_string(),
    ];
    for e in expected {
        assert!(report.texts().contains(&e), "{e} in {:?}", report.problems);
    }
}

/// A store written before the name-word index existed (no entries, no
/// mark in meta) gets it on its next open.
#[test]
fn an_older_store_gets_the_name_word_index_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (id, batch_id) = {
        let store = Store::open(dir.path()).unwrap();
        let mut one = demo_patient(1, "Della Valle", "Anna Maria");
        let id = store.insert_patient(&mut one).unwrap();
        let mut batch = vec![
            demo_patient(2, "Ferrari", "Maria Grazia"),
            demo_patient(3, "Ferrari", "Mario"),
        ];
        store.insert_patients_batch(&mut batch).unwrap();
        store.make_durable().unwrap();
        store.forget_name_word_index().unwrap();
        store.meta.insert(super::super::META_FORMAT, &[1]).unwrap();
        // Left over from an interrupted build: cleared by the next one.
        let stale = name_word_keys("FERRARI LUCA ZENO", 77);
        store.idx_name_word.insert(&stale[0], &[]).unwrap();
        store.make_durable().unwrap();
        assert!(found(&store, "della ma").is_empty());
        assert!(store.check().unwrap().problem_count >= 3);
        (id, batch[0].id)
    };
    let store = Store::open(dir.path()).unwrap();
    assert!(store.meta.contains_key(META_NAME_WORD_BUILT).unwrap());
    assert_eq!(
        store
            .meta
            .get(super::super::META_FORMAT)
            .unwrap()
            .as_deref(),
        Some(&[super::super::STORE_FORMAT][..])
    );
    assert_eq!(super::super::STORE_FORMAT, 5);
    assert_eq!(word_entries(&store).len(), 4);
    assert_eq!(found(&store, "della ma"), vec![id]);
    assert_eq!(found(&store, "della va ma"), vec![id]);
    assert_eq!(found(&store, "fer gr"), vec![batch_id]);
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

/// A store of format 2 (no index of other name forms) gets it on its
/// next open; until then `check` names the missing entries.
#[test]
fn a_format_2_store_gets_the_other_name_forms_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open(dir.path()).unwrap();
        let mut p = demo_patient(1, "D'Adda", "Niccolò");
        let id = store.insert_patient(&mut p).unwrap();
        store.forget_name_other_index().unwrap();
        store.meta.insert(super::super::META_FORMAT, &[2]).unwrap();
        store.make_durable().unwrap();
        assert!(found(&store, "adda").is_empty());
        assert!(found(&store, "niccolo").is_empty());
        let report = store.check().unwrap();
        assert!(
            report.texts().contains(&format!(
                "idx_patient_name_other: manca la voce cognome: ADDA NICCOLO#{id}"
            )),
            "{:?}",
            report.problems
        );
        assert!(
            report.texts().contains(&format!(
                "idx_patient_name_other: manca la voce nome: NICCOLO D ADDA#{id}"
            )),
            "{:?}",
            report.problems
        );
        id
    };
    let mut noted = 0;
    let store =
        Store::open_noting_upgrade(dir.path(), super::super::DEFAULT_CACHE_BYTES, &mut || {
            noted += 1
        })
        .unwrap();
    assert_eq!(noted, 1);
    assert!(
        store
            .meta
            .contains_key(super::META_NAME_OTHER_BUILT)
            .unwrap()
    );
    assert_eq!(found(&store, "adda"), vec![id]);
    assert_eq!(found(&store, "d adda"), vec![id]);
    assert_eq!(found(&store, "niccolo d"), vec![id]);
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

/// A store of a newer format is refused and left as it is.
#[test]
fn a_store_of_a_newer_format_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        let mut p = demo_patient(1, "Rossi", "Anna");
        store.insert_patient(&mut p).unwrap();
        store.meta.insert(super::super::META_FORMAT, &[6]).unwrap();
        store.make_durable().unwrap();
    }
    let Err(e) = Store::open(dir.path()) else {
        panic!("a newer store must be refused");
    };
    assert!(
        matches!(e, super::super::StoreError::NewerFormat { found: 6, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("versione più recente"), "{e}");
    let db = sled::open(dir.path()).unwrap();
    let meta = db.open_tree("meta").unwrap();
    assert_eq!(
        meta.get(super::super::META_FORMAT).unwrap().as_deref(),
        Some(&[6u8][..])
    );
}

/// A backup of such a store restores with the index built.
#[test]
fn restoring_an_older_backup_builds_the_name_word_index() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dati");
    let file = dir.path().join("copia.bak");
    let id = {
        let store = Store::open(&data).unwrap();
        let mut p = demo_patient(1, "De Angelis", "Anna Maria");
        let id = store.insert_patient(&mut p).unwrap();
        store.forget_name_word_index().unwrap();
        store.backup_to(&file).unwrap();
        id
    };
    let target = dir.path().join("ripristino");
    super::super::backup::restore_backup(&file, &target).unwrap();
    let store = Store::open(&target).unwrap();
    assert_eq!(found(&store, "de ma"), vec![id]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn finish_bulk_load_reopens_with_everything_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with_cache(dir.path(), 4 * 1024 * 1024).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut generator = DemoGenerator::new(3, today);
    let mut batch: Vec<_> = (0..500)
        .map(|_| generator.next_patient(&|_| false))
        .collect();
    store.insert_patients_batch(&mut batch).unwrap();
    let store = store.finish_bulk_load().unwrap();
    assert_eq!(store.cache_bytes, 4 * 1024 * 1024);
    assert_eq!(store.patient_count(), 500);
    let last = &batch[499];
    assert_eq!(store.get_patient(last.id).unwrap().as_ref(), Some(last));
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.patients, 500);
    let sizes = store.tree_bytes().unwrap();
    let patients = sizes.iter().find(|t| t.name == "patients").unwrap();
    assert_eq!((patients.entries, patients.key_bytes), (500, 500 * 8));
    let cf = sizes.iter().find(|t| t.name == "idx_patient_cf").unwrap();
    // The id, then the display row.
    let rows: u64 = batch
        .iter()
        .map(|p| super::super::records::encode_row(p, None).unwrap().len() as u64)
        .sum();
    assert_eq!(
        (cf.entries, cf.key_bytes, cf.value_bytes),
        (500, 500 * 16, 500 * 8 + rows)
    );
    let name = sizes.iter().find(|t| t.name == "idx_patient_name").unwrap();
    assert_eq!((name.entries, name.value_bytes), (500, rows));
    // The reopen wrote sled's snapshot, which the size now includes.
    let snapshot: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with("snap."))
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(snapshot > 0);
    let data = std::fs::metadata(dir.path().join("db")).unwrap().len();
    assert_eq!(store.size_on_disk().unwrap(), data + snapshot);
    // Still writable after the reopen.
    let mut more = vec![generator.next_patient(&|_| false)];
    store.insert_patients_batch(&mut more).unwrap();
    assert_eq!(store.patient_count(), 501);
}

/// The display rows of the index values (name, codice fiscale after the
/// id, tessera), decoded, with the patient ids they are under.
fn index_rows(store: &Store) -> Vec<(&'static str, super::PatientRow)> {
    let mut out = Vec::new();
    for (name, tree) in [
        ("name", &store.idx_name),
        ("cf", &store.idx_cf),
        ("tessera", &store.idx_tessera),
    ] {
        for item in tree.iter() {
            let (k, v) = item.unwrap();
            let (id, bytes) = if name == "cf" {
                (super::id_of_cf_value(&v).unwrap(), v[8..].to_vec())
            } else {
                (super::split_index_key(&k).unwrap().1, v.to_vec())
            };
            let row = super::super::records::decode_row(id, &bytes)
                .unwrap_or_else(|e| panic!("{name} {k:?}: {e}"));
            out.push((name, row));
        }
    }
    out
}

fn expected_row(p: &Patient, gestore: Option<u64>) -> super::PatientRow {
    super::PatientRow {
        id: p.id,
        cognome: p.cognome.clone(),
        nome: p.nome.clone(),
        data_nascita: p.data_nascita,
        codice_fiscale: p.codice_fiscale.clone(),
        comune: p.residenza.comune.clone(),
        patologie: p.patologie.len(),
        stato: p.stato,
        gestore,
        livello_ats: p.livello_ats.as_ref().map(|l| l.livello),
    }
}

fn presa(patient: PatientId, gestore: u64) -> crate::domain::PresaInCarico {
    crate::domain::PresaInCarico {
        id: 0,
        patient,
        gestore,
        canale: crate::domain::Canale::MmgAderente,
        data_scelta: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        note: String::new(),
        stato: crate::domain::PresaStato::Scelto,
        operatore: "test".into(),
    }
}

/// Every row in the three indexes, for the one patient stored.
fn assert_rows(store: &Store, row: &super::PatientRow) {
    let rows = index_rows(store);
    assert_eq!(
        rows.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
        vec!["name", "cf", "tessera"]
    );
    for (t, r) in rows {
        assert_eq!(&r, row, "{t}");
    }
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn display_rows_follow_inserts_updates_prese_and_erasure() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut p = demo_patient(1, "Bianchi", "Anna");
    p.patologie = vec!["50".into()];
    p.patologia_primaria = Some("50".into());
    p.livello_ats = None;
    p.tessera_sanitaria = "80380001200012345678".into();
    let id = store.insert_patient(&mut p).unwrap();
    assert_rows(&store, &expected_row(&p, None));
    let rows = crate::service::search::search_rows(&store, "bianchi an", 50).unwrap();
    assert_eq!(rows, vec![expected_row(&p, None)]);

    // An update moves the rows with the keys and shows the new level.
    p.cognome = "Bianco".into();
    p.patologie.push("39".into());
    p.stato = crate::domain::PatientStatus::Trasferito(
        chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
    );
    store.update_patient(&p).unwrap();
    assert_rows(&store, &expected_row(&p, None));
    assert_eq!(
        crate::service::search::search_rows(&store, &p.codice_fiscale, 50).unwrap()[0].livello(),
        crate::domain::Livello::from_count(2)
    );
    // The level the ATS communicated wins over the count, in the row too.
    p.livello_ats = Some(crate::domain::LivelloAts {
        livello: crate::domain::Livello::L1,
        fonte: "ATS".into(),
        data: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    });
    store.update_patient(&p).unwrap();
    assert_rows(&store, &expected_row(&p, None));
    assert_eq!(
        crate::service::search::search_rows(&store, &p.codice_fiscale, 50).unwrap()[0].livello(),
        Some(crate::domain::Livello::L1)
    );

    // The active presa's Gestore is shown, kept by updates, gone when revoked.
    let mut pr = presa(id, 42);
    store.insert_presa(&mut pr).unwrap();
    assert_rows(&store, &expected_row(&p, Some(42)));
    p.nome = "Anna Maria".into();
    store.update_patient(&p).unwrap();
    assert_rows(&store, &expected_row(&p, Some(42)));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
    store.revoke_presa(pr.id, day, "prova").unwrap();
    assert_rows(&store, &expected_row(&p, None));
    let mut batch = vec![presa(id, 7)];
    store.insert_prese_batch(&mut batch).unwrap();
    assert_rows(&store, &expected_row(&p, Some(7)));

    // A GDPR erasure leaves no row naming the patient.
    let mut after = p.clone();
    after.cognome = "Cancellato".into();
    after.nome = "Paziente Xq".into();
    after.codice_fiscale = "XXXXXX00X00X000X".into();
    after.tessera_sanitaria = String::new();
    after.patologie.clear();
    after.patologia_primaria = None;
    store
        .erase_patient(&super::super::gdpr::Erasure {
            before: &p,
            after: &after,
            patti: &[],
            prese: &[],
            appointments: &[],
        })
        .unwrap();
    let rows = index_rows(&store);
    assert_eq!(rows.len(), 2, "{rows:?}");
    for (_, r) in &rows {
        assert_eq!(r, &expected_row(&after, Some(7)));
    }
    for tree in [&store.idx_name, &store.idx_cf, &store.idx_tessera] {
        for item in tree.iter() {
            let (k, v) = item.unwrap();
            for old in [&p.cognome, &p.codice_fiscale, &"BIANCO".to_string()] {
                let old = old.as_bytes();
                assert!(!k.windows(old.len()).any(|w| w == old));
                assert!(!v.windows(old.len()).any(|w| w == old));
            }
        }
    }
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn search_rows_equal_the_records_of_search_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut generator = DemoGenerator::new(11, today);
    let mut batch: Vec<_> = (0..2_000)
        .map(|_| generator.next_patient(&|_| false))
        .collect();
    store.insert_patients_batch(&mut batch).unwrap();
    let mut queries: Vec<String> = Vec::new();
    for p in batch.iter().step_by(97) {
        let name = p.name_key();
        let words: Vec<&str> = name.split(' ').collect();
        queries.push(words[0][..2.min(words[0].len())].to_string());
        queries.push(format!("{} {}", words[0], &words[1][..1]));
        queries.push(format!(
            "{} {}",
            &words[0][..3.min(words[0].len())],
            words[1]
        ));
        queries.push(p.codice_fiscale[..6].to_string());
        queries.push(p.codice_fiscale.clone());
        queries.push(digits_of(&p.tessera_sanitaria)[..12].to_string());
    }
    queries.push("rssi".into());
    let mut rows_seen = 0;
    for q in &queries {
        let ids = search_ids(&store, q, 50).unwrap();
        let rows = crate::service::search::search_rows(&store, q, 50).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids, "{q}");
        for r in &rows {
            let p = store.get_patient(r.id).unwrap().unwrap();
            assert_eq!(r, &expected_row(&p, None), "{q}");
        }
        rows_seen += rows.len();
        let ids = crate::service::search::suggest_ids(&store, q, 10).unwrap();
        let rows = crate::service::search::suggest_rows(&store, q, 10).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids, "{q}");
    }
    assert!(rows_seen > 500, "{rows_seen}");
}

fn digits_of(s: &str) -> String {
    crate::domain::patient::digits(s)
}

#[test]
fn check_flags_missing_stale_and_stray_display_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = demo_patient(1, "Rossi", "Anna");
    let mut b = demo_patient(2, "Verdi", "Luca");
    store.insert_patient(&mut a).unwrap();
    store.insert_patient(&mut b).unwrap();
    assert!(store.check().unwrap().is_ok());
    let a_keys = super::PatientKeys::of(&a);
    let b_keys = super::PatientKeys::of(&b);
    // A record without its row.
    store.idx_name.insert(&a_keys.name, &[]).unwrap();
    // A stale row: another Gestore than the patient's (none).
    let stale = super::super::records::encode_row(&b, Some(9)).unwrap();
    store
        .idx_cf
        .insert(&b_keys.cf, super::cf_value(b.id, &stale))
        .unwrap();
    // A row without a record.
    let mut ghost = demo_patient(3, "Neri", "Ugo");
    ghost.id = 99;
    let ghost_row = super::super::records::encode_row(&ghost, None).unwrap();
    let ghost_keys = super::PatientKeys::of(&ghost);
    store
        .idx_tessera
        .insert(ghost_keys.tessera.as_ref().unwrap(), ghost_row)
        .unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.problem_count, 3, "{:?}", report.problems);
    let expected = [
        format!(
            "idx_patient_name: la riga di elenco della voce ROSSI ANNA#{} non corrisponde al paziente",
            a.id
        ),
        format!(
            "idx_patient_cf: la riga di elenco della voce {} non corrisponde al paziente {}",
            b.codice_fiscale, b.id
        ),
        format!(
            "idx_patient_tessera: voce {}#99 senza paziente corrispondente",
            digits_of(&ghost.tessera_sanitaria)
        ),
    ];
    for e in expected {
        assert!(report.texts().contains(&e), "{e} in {:?}", report.problems);
    }
}

/// A store of format 3 (no display rows in the index values) gets them
/// on its next open, with the Gestore of each active presa.
#[test]
fn a_format_3_store_gets_the_display_rows_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (p, q) = {
        let store = Store::open(dir.path()).unwrap();
        let mut p = demo_patient(1, "Galli", "Marta");
        let mut q = demo_patient(2, "Galli", "Pietro");
        store.insert_patient(&mut p).unwrap();
        store.insert_patient(&mut q).unwrap();
        store.insert_presa(&mut presa(q.id, 5)).unwrap();
        // As format 3 wrote them: empty values, the id alone for the
        // codice fiscale.
        for x in [&p, &q] {
            let keys = super::PatientKeys::of(x);
            store.idx_name.insert(&keys.name, &[]).unwrap();
            store.idx_cf.insert(&keys.cf, &x.id.to_be_bytes()).unwrap();
            if let Some(t) = &keys.tessera {
                store.idx_tessera.insert(t, &[]).unwrap();
            }
        }
        store.meta.remove(super::META_ROWS_BUILT).unwrap();
        store.meta.insert(super::super::META_FORMAT, &[3]).unwrap();
        store.make_durable().unwrap();
        assert_eq!(store.check().unwrap().problem_count, 6);
        // Until then, the rows come from the records.
        let rows = crate::service::search::search_rows(&store, "galli", 50).unwrap();
        assert_eq!(
            rows,
            vec![expected_row(&p, None), expected_row(&q, Some(5))]
        );
        (p, q)
    };
    let mut noted = 0;
    let store =
        Store::open_noting_upgrade(dir.path(), super::super::DEFAULT_CACHE_BYTES, &mut || {
            noted += 1
        })
        .unwrap();
    assert_eq!(noted, 1);
    assert_eq!(
        store
            .meta
            .get(super::super::META_FORMAT)
            .unwrap()
            .as_deref(),
        Some(&[5u8][..])
    );
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let rows: Vec<_> = index_rows(&store).into_iter().map(|(_, r)| r).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows.contains(&expected_row(&q, Some(5))));
    assert!(rows.contains(&expected_row(&p, None)));
}

fn batches(seed: u64, sizes: &[usize]) -> Vec<Vec<Patient>> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut generator = DemoGenerator::new(seed, today);
    sizes
        .iter()
        .map(|&n| (0..n).map(|_| generator.next_patient(&|_| false)).collect())
        .collect()
}

/// Every patient tree, key and value.
fn patient_tree_contents(store: &Store) -> Vec<Vec<(sled::IVec, sled::IVec)>> {
    store
        .patient_trees()
        .iter()
        .map(|t| t.iter().map(|e| e.unwrap()).collect())
        .collect()
}

#[test]
fn a_patient_load_writes_what_batch_inserts_write() {
    let sizes = [700, 1300, 45];
    let by_batch = tempfile::tempdir().unwrap();
    let by_batch = Store::open(by_batch.path()).unwrap();
    for mut batch in batches(11, &sizes) {
        by_batch.insert_patients_batch(&mut batch).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut load = store.patient_load().unwrap();
    let mut loaded = Vec::new();
    for mut batch in batches(11, &sizes) {
        load.add(&mut batch).unwrap();
        loaded.extend(batch);
    }
    // Nothing in the store before finish, the runs beside it.
    assert_eq!(store.patient_count(), 0);
    assert!(dir.path().join(super::bulk::LOAD_DIR).is_dir());
    assert_eq!(load.finish().unwrap(), 2045);
    assert!(!dir.path().join(super::bulk::LOAD_DIR).exists());
    assert_eq!(
        patient_tree_contents(&store),
        patient_tree_contents(&by_batch)
    );
    assert_eq!(store.patient_count(), 2045);
    let last = loaded.last().unwrap();
    assert_eq!(store.get_patient(last.id).unwrap().as_ref(), Some(last));
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let store = store.finish_bulk_load().unwrap();
    assert_eq!(found(&store, &last.codice_fiscale), vec![last.id]);
}

#[test]
fn a_patient_load_refuses_a_repeated_codice_fiscale_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut load = store.patient_load().unwrap();
    let mut first = batches(5, &[30]).remove(0);
    let mut again = vec![first[17].clone()];
    load.add(&mut first).unwrap();
    load.add(&mut again).unwrap();
    let refused = load.finish().unwrap_err();
    assert!(
        matches!(&refused, StoreError::DuplicateCf(cf) if *cf == again[0].codice_fiscale.to_uppercase()),
        "{refused:?}"
    );
    assert!(patient_tree_contents(&store).iter().all(Vec::is_empty));
    assert!(!dir.path().join(super::bulk::LOAD_DIR).exists());
}

#[test]
fn a_patient_load_into_a_store_with_patients_writes_each_batch_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut all = batches(8, &[3, 40]);
    store.insert_patients_batch(&mut all[0]).unwrap();
    let mut load = store.patient_load().unwrap();
    load.add(&mut all[1]).unwrap();
    assert_eq!(store.patient_count(), 43);
    assert!(!dir.path().join(super::bulk::LOAD_DIR).exists());
    assert_eq!(load.finish().unwrap(), 40);
    // A codice fiscale already stored is refused when added.
    let mut load = store.patient_load().unwrap();
    let mut again = vec![all[1][0].clone()];
    assert!(matches!(
        load.add(&mut again),
        Err(StoreError::DuplicateCf(_))
    ));
}

#[test]
fn the_runs_of_a_load_that_did_not_finish_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        let mut load = store.patient_load().unwrap();
        load.add(&mut batches(2, &[20]).remove(0)).unwrap();
        // Dropped without finish: the runs go, nothing was written.
        drop(load);
        assert!(!dir.path().join(super::bulk::LOAD_DIR).exists());
        assert_eq!(store.patient_count(), 0);
    }
    // A process stopped half way leaves them: the next open removes them.
    let runs = dir.path().join(super::bulk::LOAD_DIR);
    std::fs::create_dir_all(&runs).unwrap();
    std::fs::write(runs.join("2"), b"ROSSI MARIO").unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(!runs.exists());
    assert_eq!(store.patient_count(), 0);
}

#[test]
fn a_patient_load_is_one_change_and_later_writes_count_again() {
    use crate::store::Area;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let count = |store: &Store| store.changes().count(Area::Patients);
    let before = count(&store);
    let mut load = store.patient_load().unwrap();
    let mut all = batches(9, &[300, 1]);
    load.add(&mut all[0]).unwrap();
    assert_eq!(load.finish().unwrap(), 300);
    // Time for a watcher to count the load's writes one by one, had it
    // seen them.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(count(&store), before + 1);
    store.insert_patients_batch(&mut all[1]).unwrap();
    let start = std::time::Instant::now();
    while count(&store) != before + 2 && start.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(count(&store), before + 2);
}
