//! I/O failures injected under the desk's own operations with sled's
//! failpoints (a dev-dependency feature: the program itself is built
//! without it). The user must get an error, the handle must refuse further
//! writes, and after reopening every write reported saved must be there and
//! the store must pass its check.
//!
//! Failpoints are global to the process: the tests here run one at a time.

use std::sync::{Arc, Mutex};

use chrono::NaiveTime;
use sportello::domain::agenda::{AppStato, Appointment, Esterno};
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario, PattoStato};
use sportello::domain::{Canale, PatientId};
use sportello::service::prova::{workload_patient, write_loop};
use sportello::service::{Desk, DeskError, FixedClock, StoreProblem};

static SERIAL: Mutex<()> = Mutex::new(());

/// sled's write of a log buffer to the data file (before the write).
const WRITE: &str = "buffer write";
/// The same, after the write and its `sync_file_range`: a failed flush.
const FLUSH: &str = "buffer write post";

fn open(dir: &std::path::Path) -> Desk {
    let desk = Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    desk.gestori()
        .seed_sample_gestori(&sportello::io::gestori::sample_gestori())
        .unwrap();
    desk
}

/// (kind, id) of every `saved` line.
fn saved(out: &[u8]) -> Vec<(String, u64)> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("saved")).then(|| {
                (
                    w.next().unwrap().to_string(),
                    w.next().unwrap().parse().unwrap(),
                )
            })
        })
        .collect()
}

fn assert_all_there(desk: &Desk, saved: &[(String, u64)]) {
    let mut patient = 0;
    for (kind, id) in saved {
        match kind.as_str() {
            "patient" => {
                patient = *id;
                let p = desk
                    .patients()
                    .patient(*id)
                    .unwrap()
                    .expect("saved patient lost");
                assert_eq!(
                    desk.patients()
                        .patient_by_cf(&p.codice_fiscale)
                        .unwrap()
                        .map(|p| p.id),
                    Some(*id)
                );
            }
            "presa" => assert_eq!(
                desk.gestori().active_presa(patient).unwrap().map(|p| p.id),
                Some(*id)
            ),
            "patto" => {
                let p = desk.patto().get(*id).unwrap().expect("saved patto lost");
                assert_eq!(p.stato, PattoStato::Firmato);
                desk.patto().signed_patto_text(*id).unwrap();
            }
            "appointment" => {
                let a = desk
                    .agenda()
                    .appointment(*id)
                    .unwrap()
                    .expect("saved appointment lost");
                assert_eq!(a.patient, patient);
            }
            other => panic!("{other}"),
        }
    }
}

fn assert_check_ok(desk: &Desk) {
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

/// The error the user sees: the store's, in Italian, telling what to do.
fn assert_store_error(e: &DeskError) {
    let DeskError::Store(s) = e else {
        panic!("expected a store error, got {e}");
    };
    assert!(s.is_store_unavailable(), "{e}");
    let text = e.to_string();
    assert!(
        text.contains("Errore dell'archivio") || text.contains("non si scrive altro"),
        "{text}"
    );
}

#[test]
fn a_failed_write_or_flush_mid_workload_loses_nothing_saved() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for point in [WRITE, FLUSH] {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        {
            let desk = open(dir.path());
            write_loop(&desk, 1, Some(3), &mut out).unwrap();
            assert_eq!(saved(&out).len(), 12, "{point}");
            sled::fail::set(point, u64::MAX);
            let err = write_loop(&desk, 2, Some(3), &mut out).unwrap_err();
            sled::fail::reset();
            assert_store_error(&err);
            // The handle refuses every later write.
            let again = desk
                .patients()
                .register_patient(workload_patient(3, 0).unwrap());
            assert!(
                matches!(again, Err(DeskError::Store(StoreProblem::Failed { .. }))),
                "{point}: {again:?}"
            );
        }
        let saved = saved(&out);
        assert!(saved.len() < 24, "{point}: the failure stopped nothing");
        let desk = open(dir.path());
        assert_all_there(&desk, &saved);
        assert_check_ok(&desk);
        // And the reopened store works again.
        let mut more = Vec::new();
        write_loop(&desk, 4, Some(1), &mut more).unwrap();
        assert_eq!(saved_len(&more), 4);
        assert_check_ok(&desk);
    }
}

fn saved_len(out: &[u8]) -> usize {
    saved(out).len()
}

/// A patient with a presa in carico and a Patto bozza, made durable.
fn patient_with_draft(desk: &Desk, i: u64) -> (PatientId, u64) {
    let id = desk
        .patients()
        .register_patient(workload_patient(9, i).unwrap())
        .unwrap();
    let p = desk.patients().patient(id).unwrap().unwrap();
    let g = desk.gestori().gestori_choice(&p, None).unwrap().gestori[0].id;
    // The first Gestore of the list is an ASST: its Centro Servizi, and a
    // Clinical Manager named for the bozza.
    desk.gestori()
        .choose_gestore(id, g, Canale::CentroServiziAsst, desk.today(), "")
        .unwrap();
    let mut draft = desk.patto().prepare_patto(id).unwrap();
    if draft.clinical_manager.is_empty() {
        draft = desk
            .patto()
            .set_clinical_manager(draft.id, "Dott.ssa Elena Sala")
            .unwrap();
    }
    (id, draft.id)
}

fn firma() -> FirmaInput {
    FirmaInput {
        firmatario: Firmatario::Paziente,
        nome_firmatario: String::new(),
        documento: String::new(),
        consensi: Consensi {
            trattamento_dati: true,
            fse: true,
            telefono: false,
            sms: false,
            email: false,
        },
        operatore: "prova".into(),
    }
}

fn appointment(patient: PatientId) -> Appointment {
    let start = (chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    Appointment {
        id: 0,
        patient,
        pai: None,
        item: None,
        occorrenza: None,
        resource: None,
        start,
        end: start + chrono::Duration::minutes(20),
        descrizione: "Ecografia".into(),
        stato: AppStato::Prenotato,
        esterno: Some(Esterno {
            erogatore: "Ospedale".into(),
            codice_prenotazione: "X1".into(),
        }),
        note: String::new(),
        forzatura: None,
    }
}

/// Signing a Patto and booking an appointment are multi-record
/// transactions: a write failure under them leaves either the whole change
/// or none of it, never half.
#[test]
fn a_failure_under_a_transaction_leaves_all_or_nothing() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for point in [WRITE, FLUSH] {
        let dir = tempfile::tempdir().unwrap();
        let (patient, patto, earlier) = {
            let desk = open(dir.path());
            let (earlier, earlier_patto) = patient_with_draft(&desk, 1);
            desk.patto().sign_patto(earlier_patto, firma()).unwrap();
            let earlier_app = desk
                .agenda()
                .book_appointment(appointment(earlier))
                .unwrap();
            let (patient, patto) = patient_with_draft(&desk, 2);

            sled::fail::set(point, u64::MAX);
            let signed = desk.patto().sign_patto(patto, firma());
            let booked = desk.agenda().book_appointment(appointment(patient));
            sled::fail::reset();
            assert_store_error(&signed.unwrap_err());
            assert!(booked.is_err(), "{point}");
            (patient, patto, (earlier, earlier_patto, earlier_app))
        };
        let desk = open(dir.path());
        assert_check_ok(&desk);
        // What was saved before the failure is intact.
        let (earlier, earlier_patto, earlier_app) = earlier;
        assert_eq!(
            desk.patto().get(earlier_patto).unwrap().unwrap().stato,
            PattoStato::Firmato
        );
        desk.patto().signed_patto_text(earlier_patto).unwrap();
        assert_eq!(
            desk.agenda()
                .appointment(earlier_app)
                .unwrap()
                .unwrap()
                .patient,
            earlier
        );
        // The Patto is either still a bozza or completely signed.
        let p = desk.patto().get(patto).unwrap().unwrap();
        match p.stato {
            PattoStato::Bozza => assert!(p.firma.is_none()),
            PattoStato::Firmato => {
                desk.patto().signed_patto_text(patto).unwrap();
            }
            other => panic!("{point}: unexpected state {other:?}"),
        }
        // The refused booking left nothing behind (check passed above: no
        // index entry without its record); the operator can book again.
        let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let stored = desk.agenda().patient_appointments(patient, from).unwrap();
        assert!(stored.is_empty(), "{point}: a refused booking was stored");
        desk.agenda()
            .book_appointment(appointment(patient))
            .unwrap();
        assert_check_ok(&desk);
    }
}

/// A failure while sled writes at start-up (its snapshot) is an error, not
/// a panic, and the next start works.
#[test]
fn a_failure_while_opening_is_an_error() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    {
        let desk = open(dir.path());
        write_loop(&desk, 1, Some(2), &mut out).unwrap();
    }
    sled::fail::set("snap write", u64::MAX);
    let failed = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap()));
    sled::fail::reset();
    match failed {
        Err(e) => assert_store_error(&e),
        Ok(_) => panic!("the open must report the failed snapshot write"),
    }
    let desk = open(dir.path());
    assert_all_there(&desk, &saved(&out));
    assert_check_ok(&desk);
}
