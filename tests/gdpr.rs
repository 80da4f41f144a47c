//! GDPR helpers: the export holds everything about the patient; the erasure
//! removes their identity from records and indexes, keeps the records of
//! care under their ids, and leaves a store that passes its check.

mod common;

use common::cli::sportello_with_input;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use sportello::domain::agenda::{AppStato, Appointment, Esterno};
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};
use sportello::domain::{Canale, Patient, PatientStatus, Residence, Sex};
use sportello::service::{Desk, FixedClock};

struct Setup {
    patient: u64,
    other: u64,
    cf: String,
    patto: u64,
    appointment: u64,
    presa: u64,
}

fn patient(cognome: &str, nome: &str, day: u32, phone: &str) -> Patient {
    let birth = NaiveDate::from_ymd_opt(1950, 3, day).unwrap();
    Patient {
        id: 0,
        cognome: cognome.into(),
        nome: nome.into(),
        codice_fiscale: sportello::domain::codice_fiscale::compute(
            cognome,
            nome,
            Sex::M,
            birth,
            "F205",
        )
        .unwrap()
        .as_str()
        .to_string(),
        sesso: Sex::M,
        data_nascita: birth,
        luogo_nascita: "F205".into(),
        residenza: Residence {
            indirizzo: "Via Sant'Ambrogio 3".into(),
            cap: "20123".into(),
            comune: "F205".into(),
        },
        ats_override: None,
        mmg: "Dott.ssa Elena Sala".into(),
        telefoni: vec![phone.into()],
        email: "niccolo.dadda@esempio.invalid".into(),
        tessera_sanitaria: "80380001200098765432".into(),
        patologie: vec!["IPA".into(), "DM2".into()],
        stato: PatientStatus::Attivo,
        note: "Preferisce essere chiamato al mattino".into(),
    }
}

fn setup(desk: &Desk) -> Setup {
    desk.seed_sample_gestori(&sportello::io::gestori::sample_gestori())
        .unwrap();
    let id = desk
        .register_patient(patient("D'Adda", "Niccolò", 12, "333 1234567"))
        .unwrap();
    let other = desk
        .register_patient(patient("Bianchi", "Carlo", 13, "02 7654321"))
        .unwrap();
    let p = desk.patient(id).unwrap().unwrap();
    let g = desk.gestori_choice(&p, None).unwrap().gestori[0].id;
    let presa = desk
        .choose_gestore(
            id,
            g,
            Canale::MmgAderente,
            desk.today(),
            "scelta allo sportello",
        )
        .unwrap();
    let draft = desk.prepare_patto(id).unwrap();
    let patto = desk
        .sign_patto(
            draft.id,
            FirmaInput {
                firmatario: Firmatario::Delegato,
                nome_firmatario: "Giulia D'Adda".into(),
                documento: "CI AB1234567".into(),
                consensi: Consensi {
                    trattamento_dati: true,
                    fse: true,
                    telefono: true,
                    sms: false,
                    email: false,
                },
                operatore: "Anna".into(),
            },
        )
        .unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let appointment = desk
        .book_appointment(Appointment {
            id: 0,
            patient: id,
            pai: None,
            item: None,
            occorrenza: None,
            resource: None,
            start,
            end: start + chrono::Duration::minutes(30),
            descrizione: "Visita diabetologica".into(),
            stato: AppStato::Prenotato,
            esterno: Some(Esterno {
                erogatore: "Ospedale Niguarda".into(),
                codice_prenotazione: "PR-889911".into(),
            }),
            note: "Portare gli esami del sangue, chiamare il 333 1234567".into(),
            forzatura: None,
        })
        .unwrap();
    Setup {
        patient: id,
        other,
        cf: p.codice_fiscale,
        patto: patto.id,
        appointment,
        presa: presa.id,
    }
}

fn desk(dir: &std::path::Path) -> Desk {
    Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap()
}

#[test]
fn export_holds_the_patient_their_patto_and_appointments() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let s = setup(&desk);
    let v = desk.gdpr_export(s.patient).unwrap();
    assert_eq!(v["paziente"]["codice_fiscale"], s.cf.as_str());
    assert_eq!(v["paziente"]["cognome"], "D'Adda");
    assert_eq!(v["paziente"]["telefoni"][0], "333 1234567");
    assert_eq!(
        v["paziente"]["note"],
        "Preferisce essere chiamato al mattino"
    );
    let patti = v["patti_di_cura"].as_array().unwrap();
    assert_eq!(patti.len(), 1);
    assert_eq!(patti[0]["id"], s.patto);
    let firma = &patti[0]["firma"];
    assert!(firma["testo"].as_str().unwrap().contains(&s.cf));
    assert_eq!(firma["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(firma["nome_firmatario"], "Giulia D'Adda");
    let apps = v["appuntamenti"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["id"], s.appointment);
    assert_eq!(apps[0]["inizio"], "25/11/2026 09:00");
    assert_eq!(apps[0]["esterno"]["codice_prenotazione"], "PR-889911");
    let prese = v["prese_in_carico"].as_array().unwrap();
    assert_eq!(prese.len(), 1);
    assert_eq!(prese[0]["id"], s.presa);
    assert!(prese[0]["denominazione_gestore"].is_string());
    // Nothing of the other patient.
    assert!(!v.to_string().contains("Bianchi"));
}

#[test]
fn erase_removes_the_identity_and_keeps_the_records_of_care() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let s = setup(&desk);
    assert!(desk.gdpr_erase(s.patient, "  ").is_err());
    let summary = desk
        .gdpr_erase(s.patient, "richiesta dell'interessato del 20/11/2026")
        .unwrap();
    assert_eq!(
        summary,
        format!(
            "Cancellazione GDPR del paziente {0} (ora P{0}): identità rimossa, 1 Patti, 1 prese in carico e 1 appuntamenti pseudonimizzati. Motivo: richiesta dell'interessato del 20/11/2026",
            s.patient
        )
    );
    for query in [
        "D'Adda",
        "dadda niccolo",
        s.cf.as_str(),
        "3331234567",
        "80380001200098765432",
    ] {
        assert!(
            desk.lookup(query, 20)
                .unwrap()
                .patients
                .iter()
                .all(|p| p.id != s.patient),
            "{query} still finds the patient"
        );
    }
    assert!(desk.patient_by_cf(&s.cf).unwrap().is_none());
    // The other patient is untouched and found.
    assert_eq!(desk.find("bianchi", 5).unwrap()[0].id, s.other);

    let p = desk.patient(s.patient).unwrap().unwrap();
    assert_eq!(p.cognome, "CANCELLATO");
    assert_eq!(p.nome, format!("P{}", s.patient));
    assert_eq!(p.codice_fiscale, format!("GDPR{:012}", s.patient));
    assert!(p.telefoni.is_empty() && p.email.is_empty() && p.note.is_empty());
    assert_eq!(p.data_nascita, NaiveDate::from_ymd_opt(1950, 1, 1).unwrap());
    assert_eq!(p.patologie, ["IPA", "DM2"]);

    let patto = desk.patto(s.patto).unwrap().unwrap();
    assert_eq!(patto.patient, s.patient);
    let firma = patto.firma.as_ref().unwrap();
    assert!(firma.is_intact());
    for gone in [
        "D'Adda",
        "D'ADDA",
        "Niccolò",
        "NICCOLÒ",
        s.cf.as_str(),
        "Giulia",
        "AB1234567",
        "333 1234567",
    ] {
        assert!(!firma.testo.contains(gone), "{gone} left in the Patto text");
    }
    assert!(firma.testo.contains(&format!("P{}", s.patient)));
    assert_eq!(firma.documento, "");
    desk.signed_patto_text(s.patto).unwrap();

    let a = desk.appointment(s.appointment).unwrap().unwrap();
    assert_eq!(a.patient, s.patient);
    assert_eq!(a.descrizione, "Visita diabetologica");
    assert_eq!(a.note, "");
    assert_eq!(a.esterno.unwrap().codice_prenotazione, "");
    assert_eq!(desk.active_presa(s.patient).unwrap().unwrap().id, s.presa);

    let report = desk.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let again = desk.gdpr_erase(s.patient, "di nuovo").unwrap_err();
    assert!(
        again.to_string().contains("già stato cancellato"),
        "{again}"
    );
    // The export now shows only the pseudonym.
    let v = desk.gdpr_export(s.patient).unwrap().to_string();
    assert!(!v.contains("Niccol") && !v.contains(&s.cf), "{v}");

    // The pseudonymised record is not edited, through the desk or the screen.
    assert!(p.is_erased());
    let refused = desk
        .update_patient(Patient {
            note: "nuova nota".into(),
            ..p.clone()
        })
        .unwrap_err();
    assert!(refused.to_string().contains("non si modifica"), "{refused}");
    assert_eq!(desk.patient(s.patient).unwrap().unwrap(), p);
    let mut ui = common::harness::Harness::new(desk, 120, 40);
    ui.keys(|e| {
        e.text(&format!("cancellato p{}", s.patient))
            .key(crossterm::event::KeyCode::Enter)
            .key(crossterm::event::KeyCode::F(8));
    });
    assert!(
        ui.status()
            .starts_with("Paziente cancellato su richiesta (GDPR)"),
        "{}\n{}",
        ui.status(),
        ui.screen()
    );
    assert!(ui.app.modal().is_none());
}

#[test]
fn command_line_export_and_erase_with_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let s = setup(&desk(&d));
    let d = d.to_str().unwrap();
    let out = dir.path().join("export.json");
    let o = sportello_with_input(
        &[
            "gdpr",
            "export",
            "--cf",
            &s.cf.to_lowercase(),
            "--out",
            out.to_str().unwrap(),
            "--data-dir",
            d,
        ],
        "",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["patti_di_cura"][0]["id"], s.patto);

    let no = sportello_with_input(
        &[
            "gdpr",
            "erase",
            "--cf",
            &s.cf,
            "--motivo",
            "richiesta",
            "--data-dir",
            d,
        ],
        "no\n",
    );
    assert_eq!(no.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no.stderr).contains("Nulla è stato cancellato"));
    let yes = sportello_with_input(
        &[
            "gdpr",
            "erase",
            "--cf",
            &s.cf,
            "--motivo",
            "richiesta",
            "--data-dir",
            d,
        ],
        "SI\n",
    );
    assert_eq!(
        yes.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&yes.stderr)
    );
    assert!(
        String::from_utf8_lossy(&yes.stdout)
            .contains(&format!("Cancellazione GDPR del paziente {}", s.patient))
    );
    let gone = sportello_with_input(&["gdpr", "export", "--cf", &s.cf, "--data-dir", d], "");
    assert_eq!(gone.status.code(), Some(1));
    let c = sportello_with_input(&["check", "--data-dir", d], "");
    assert_eq!(
        c.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&c.stdout)
    );
}

#[test]
fn gdpr_needs_an_administrator_and_leaves_audit_entries() {
    use sportello::domain::audit::{AuditAction, AuditFilter};
    use sportello::domain::operator::Role;
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let s = setup(&desk);
    desk.add_operator("capo", "password-capo", Role::Amministratore)
        .unwrap();
    desk.add_operator("anna", "password-anna", Role::Segreteria)
        .unwrap();

    desk.login("anna", "password-anna").unwrap();
    let refused = desk.gdpr_export(s.patient).unwrap_err().to_string();
    assert!(
        refused.starts_with("Serve il ruolo amministratore per esportare o cancellare"),
        "{refused}"
    );
    let refused = desk.gdpr_erase(s.patient, "richiesta").unwrap_err();
    assert!(refused.to_string().contains("amministratore"), "{refused}");
    assert_eq!(desk.patient(s.patient).unwrap().unwrap().cognome, "D'Adda");

    desk.login("capo", "password-capo").unwrap();
    desk.gdpr_export(s.patient).unwrap();
    let summary = desk
        .gdpr_erase(s.patient, "richiesta del 20/11/2026")
        .unwrap();
    let entries = desk.audit_page(&AuditFilter::default(), None, 2).unwrap();
    assert_eq!(entries[0].action, AuditAction::GdprErase);
    assert_eq!(entries[0].operator, "capo");
    assert_eq!(entries[0].patient, Some(s.patient));
    assert_eq!(entries[0].summary, summary);
    assert!(!entries[0].summary.contains("D'Adda"));
    assert_eq!(entries[1].action, AuditAction::GdprExport);
    assert_eq!(desk.verify_audit().unwrap(), Ok(entries[0].seq));
}
