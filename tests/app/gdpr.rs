//! GDPR helpers: the export holds everything about the patient; the erasure
//! removes their identity from records and indexes, keeps the records of
//! care under their ids, and leaves a store that passes its check.

use crate::common;

use common::cli::sportello_with_input;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use sportello::domain::agenda::{AppStato, Appointment, Esterno};
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};
use sportello::domain::{Patient, PatientStatus, Residence, Sex};
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
            sportello::service::comuni(),
        )
        .unwrap()
        .as_str()
        .to_string(),
        sesso: Sex::M,
        data_nascita: birth,
        luogo_nascita: "F205".into(),
        residenza: Residence {
            indirizzo: format!("Via Sant'Ambrogio {day}"),
            cap: "20123".into(),
            comune: "F205".into(),
        },
        ats_override: None,
        mmg: "Dott.ssa Elena Sala".into(),
        telefoni: vec![phone.into()],
        email: format!("{}.{day}@esempio.invalid", nome.to_lowercase()),
        tessera_sanitaria: format!("803800012000987654{day:02}"),
        patologia_primaria: None,
        livello_ats: None,
        patologie: vec!["56".into(), "50".into()],
        stato: PatientStatus::Attivo,
        note: "Preferisce essere chiamato al mattino".into(),
    }
}

fn setup(desk: &Desk) -> Setup {
    desk.gestori()
        .seed_sample_gestori(&sportello::io::gestori::sample_gestori())
        .unwrap();
    let id = desk
        .patients()
        .register_patient(patient("D'Adda", "Niccolò", 12, "333 1234567"))
        .unwrap();
    let other = desk
        .patients()
        .register_patient(patient("Bianchi", "Carlo", 13, "02 7654321"))
        .unwrap();
    let p = desk.patients().patient(id).unwrap().unwrap();
    let g = desk.gestori().gestori_choice(&p, None).unwrap().gestori[0].id;
    let presa = desk
        .gestori()
        .choose_gestore(
            id,
            g,
            crate::common::gestore::fitting(desk, id, g),
            desk.today(),
            "scelta allo sportello",
        )
        .unwrap();
    let draft = crate::common::patto::draft_with_clinical_manager(desk, id);
    let patto = desk
        .patto()
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
        .agenda()
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
    let v = desk.archive().gdpr_export(s.patient).unwrap();
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
    assert!(desk.archive().gdpr_erase(s.patient, "  ").is_err());
    let summary = desk
        .archive()
        .gdpr_erase(s.patient, "richiesta dell'interessato del 20/11/2026")
        .unwrap()
        .summary;
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
        "80380001200098765412",
    ] {
        assert!(
            desk.patients()
                .lookup(query, 20)
                .unwrap()
                .patients
                .iter()
                .all(|p| p.id != s.patient),
            "{query} still finds the patient"
        );
    }
    assert!(desk.patients().patient_by_cf(&s.cf).unwrap().is_none());
    // The other patient is untouched and found.
    assert_eq!(desk.patients().find("bianchi", 5).unwrap()[0].id, s.other);

    let p = desk.patients().patient(s.patient).unwrap().unwrap();
    assert_eq!(p.cognome, "CANCELLATO");
    assert_eq!(p.nome, format!("P{}", s.patient));
    assert_eq!(p.codice_fiscale, format!("GDPR{:012}", s.patient));
    assert!(p.telefoni.is_empty() && p.email.is_empty() && p.note.is_empty());
    assert_eq!(p.data_nascita, NaiveDate::from_ymd_opt(1950, 1, 1).unwrap());
    assert_eq!(p.patologie, ["56", "50"]);

    let patto = desk.patto().get(s.patto).unwrap().unwrap();
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
    desk.patto().signed_patto_text(s.patto).unwrap();

    let a = desk.agenda().appointment(s.appointment).unwrap().unwrap();
    assert_eq!(a.patient, s.patient);
    assert_eq!(a.descrizione, "Visita diabetologica");
    assert_eq!(a.note, "");
    assert_eq!(a.esterno.unwrap().codice_prenotazione, "");
    assert_eq!(
        desk.gestori().active_presa(s.patient).unwrap().unwrap().id,
        s.presa
    );

    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let again = desk
        .archive()
        .gdpr_erase(s.patient, "di nuovo")
        .unwrap_err();
    assert!(
        again.to_string().contains("già stato cancellato"),
        "{again}"
    );
    // The export now shows only the pseudonym.
    let v = desk.archive().gdpr_export(s.patient).unwrap().to_string();
    assert!(!v.contains("Niccol") && !v.contains(&s.cf), "{v}");

    // The pseudonymised record is not edited, through the desk or the screen.
    assert!(p.is_erased());
    let refused = desk
        .patients()
        .update_patient(Patient {
            note: "nuova nota".into(),
            ..p.clone()
        })
        .unwrap_err();
    assert!(refused.to_string().contains("non si modifica"), "{refused}");
    assert_eq!(desk.patients().patient(s.patient).unwrap().unwrap(), p);
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
    desk.operators()
        .add_operator("capo", "password-capo", Role::Amministratore)
        .unwrap();
    desk.operators()
        .add_operator("anna", "password-anna", Role::Segreteria)
        .unwrap();

    desk.login("anna", "password-anna").unwrap();
    let refused = desk
        .archive()
        .gdpr_export(s.patient)
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with("Serve il ruolo amministratore per esportare o cancellare"),
        "{refused}"
    );
    let refused = desk
        .archive()
        .gdpr_erase(s.patient, "richiesta")
        .unwrap_err();
    assert!(refused.to_string().contains("amministratore"), "{refused}");
    assert_eq!(
        desk.patients().patient(s.patient).unwrap().unwrap().cognome,
        "D'Adda"
    );

    desk.login("capo", "password-capo").unwrap();
    desk.archive().gdpr_export(s.patient).unwrap();
    let summary = desk
        .archive()
        .gdpr_erase(s.patient, "richiesta del 20/11/2026")
        .unwrap()
        .summary;
    let entries = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 2)
        .unwrap();
    assert_eq!(entries[0].action, AuditAction::GdprErase);
    assert_eq!(entries[0].operator, "capo");
    assert_eq!(entries[0].patient, Some(s.patient));
    assert_eq!(entries[0].summary, summary);
    assert!(!entries[0].summary.contains("D'Adda"));
    assert_eq!(entries[1].action, AuditAction::GdprExport);
    assert_eq!(desk.operators().verify_audit().unwrap(), Ok(entries[0].seq));
}

/// Every file under `dir`, recursively, except the automatic backups'
/// folder (which an erasure does not reach: README).
fn store_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "backup" {
                out.extend(store_files(&path));
            }
        } else {
            out.push(path);
        }
    }
    out
}

/// Occurrences of `needle` in the bytes of every file of [`store_files`],
/// with the files that hold it.
fn occurrences(dir: &std::path::Path, needle: &str) -> (usize, Vec<String>) {
    let needle = needle.as_bytes();
    let mut total = 0;
    let mut files = Vec::new();
    for path in store_files(dir) {
        let bytes = std::fs::read(&path).unwrap();
        let n = bytes.windows(needle.len()).filter(|w| *w == needle).count();
        if n > 0 {
            total += n;
            files.push(format!("{} ({n})", path.display()));
        }
    }
    (total, files)
}

fn cli_ok(o: &std::process::Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn erase_leaves_no_copy_of_the_identity_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let s = {
        let desk = desk(&d);
        let s = setup(&desk);
        // The day list as the agenda screen prints it, naming the patient.
        desk.agenda()
            .day_list_document(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), None)
            .unwrap()
            .write_into(&d.join("stampe"))
            .unwrap();
        s
    };
    let d_str = d.to_str().unwrap();
    // The Patto printed as the desk does, named with the codice fiscale.
    cli_ok(&sportello_with_input(
        &["export", "patto", "--patient", &s.cf, "--data-dir", d_str],
        "",
    ));
    let needles = [
        s.cf.as_str(),
        "333 1234567",
        "3331234567",
        "80380001200098765412",
        "D'Adda",
        "D'ADDA",
        "Niccol",
        "niccolò.12@esempio",
        "Sant'Ambrogio 12",
        "AB1234567",
    ];
    // The identity is on disk before: the search below means something.
    for needle in [
        s.cf.as_str(),
        "333 1234567",
        "80380001200098765412",
        "D'Adda",
    ] {
        assert!(occurrences(&d, needle).0 > 0, "{needle} not found before");
    }
    let out = cli_ok(&sportello_with_input(
        &[
            "gdpr",
            "erase",
            "--cf",
            &s.cf,
            "--motivo",
            "richiesta del 20/11/2026",
            "--si",
            "--data-dir",
            d_str,
        ],
        "",
    ));
    for needle in needles {
        let (n, files) = occurrences(&d, needle);
        assert_eq!(n, 0, "{needle} still in {files:?}");
    }
    // The prints of the patient are gone and listed; the listing in the
    // output names the files as they were.
    let stampe: Vec<String> = std::fs::read_dir(d.join("stampe"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(stampe.is_empty(), "{stampe:?}");
    for removed in [
        format!("patto-2026-0001-{}-20261123.pdf", s.cf),
        format!("patto-2026-0001-{}-20261123.txt", s.cf),
        "lista-20261125.pdf".to_string(),
        "lista-20261125.txt".to_string(),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with("Stampa rimossa: ") && l.ends_with(&removed)),
            "{removed} not listed in\n{out}"
        );
    }
    let pseudonym = format!("GDPR{:012}", s.patient);
    assert!(
        out.contains(&format!(
            "4 stampe rimosse (lista-20261125.pdf, lista-20261125.txt, patto-2026-0001-{pseudonym}-20261123.pdf, patto-2026-0001-{pseudonym}-20261123.txt)"
        )),
        "{out}"
    );
    // Nothing of the rewrite is left beside the store, and it is whole.
    let names: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".riscrittura-")),
        "{names:?}"
    );
    let check = cli_ok(&sportello_with_input(&["check", "--data-dir", d_str], ""));
    assert!(check.contains("Pazienti: 2 "), "{check}");
    // The other patient and the records of care are still there.
    let desk = desk(&d);
    assert_eq!(
        desk.patients().patient(s.other).unwrap().unwrap().cognome,
        "Bianchi"
    );
    assert!(
        desk.patto()
            .get(s.patto)
            .unwrap()
            .unwrap()
            .firma
            .unwrap()
            .is_intact()
    );
    assert_eq!(
        desk.operators().verify_audit().unwrap().map(|n| n > 0),
        Ok(true)
    );
}

#[test]
fn find_and_gdpr_export_find_the_erased_patient_by_pseudonym() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let s = setup(&desk(&d));
    let d = d.to_str().unwrap();
    let erased = cli_ok(&sportello_with_input(
        &[
            "gdpr",
            "erase",
            "--cf",
            &s.cf,
            "--motivo",
            "richiesta",
            "--si",
            "--data-dir",
            d,
        ],
        "",
    ));
    let pseudonym = format!("GDPR{:012}", s.patient);
    assert!(
        erased.contains(&format!("Il paziente ora si trova come {pseudonym}")),
        "{erased}"
    );
    let found = cli_ok(&sportello_with_input(
        &["find", &pseudonym, "--json", "--data-dir", d],
        "",
    ));
    let lines: Vec<serde_json::Value> = found
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{found}");
    assert_eq!(lines[0]["id"], s.patient);
    assert_eq!(lines[0]["codice_fiscale"], pseudonym.as_str());
    assert_eq!(lines[0]["cognome"], "CANCELLATO");
    let lower = pseudonym.to_lowercase();
    let exported = cli_ok(&sportello_with_input(
        &["gdpr", "export", "--cf", &lower, "--data-dir", d],
        "",
    ));
    let v: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(v["paziente"]["id"], s.patient);
    assert_eq!(v["paziente"]["codice_fiscale"], pseudonym.as_str());
    assert_eq!(v["patti_di_cura"][0]["id"], s.patto);
}

#[test]
fn erase_removes_birth_place_and_comune_from_the_patto_text() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    desk.gestori()
        .seed_sample_gestori(&sportello::io::gestori::sample_gestori())
        .unwrap();
    let birth = NaiveDate::from_ymd_opt(1951, 4, 2).unwrap();
    let cf = sportello::domain::codice_fiscale::compute(
        "Brambilla",
        "Ida",
        Sex::F,
        birth,
        "D367",
        sportello::service::comuni(),
    )
    .unwrap()
    .as_str()
    .to_string();
    let id = desk
        .patients()
        .register_patient(Patient {
            sesso: Sex::F,
            data_nascita: birth,
            codice_fiscale: cf,
            luogo_nascita: "D367".into(),
            residenza: Residence {
                indirizzo: "Via Emilia 7".into(),
                cap: "26855".into(),
                comune: "M102".into(),
            },
            ..patient("Brambilla", "Ida", 2, "0298765432")
        })
        .unwrap();
    let p = desk.patients().patient(id).unwrap().unwrap();
    let g = desk.gestori().gestori_choice(&p, None).unwrap().gestori[0].id;
    desk.gestori()
        .choose_gestore(
            id,
            g,
            crate::common::gestore::fitting(&desk, id, g),
            desk.today(),
            "",
        )
        .unwrap();
    let draft = crate::common::patto::draft_with_clinical_manager(&desk, id);
    let signed = desk
        .patto()
        .sign_patto(
            draft.id,
            FirmaInput {
                firmatario: Firmatario::Paziente,
                nome_firmatario: "Ida Brambilla".into(),
                documento: "CI XY7654321".into(),
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
    let before = signed.firma.unwrap().testo;
    for present in ["Dresano (MI)", "Vizzolo Predabissi (MI)", "26855"] {
        assert!(before.contains(present), "{present} not in\n{before}");
    }
    desk.archive().gdpr_erase(id, "richiesta").unwrap();
    let after = desk.patto().get(signed.id).unwrap().unwrap().firma.unwrap();
    assert!(after.is_intact());
    for gone in [
        "Dresano",
        "Vizzolo",
        "26855",
        "Emilia",
        "Brambilla",
        "02/04",
    ] {
        assert!(
            !after.testo.contains(gone),
            "{gone} left in\n{}",
            after.testo
        );
    }
    assert!(
        after.testo.contains(&format!("nata il P{id} a P{id}")),
        "{}",
        after.testo
    );
}

#[test]
fn ids_keep_increasing_after_a_rewrite() {
    use sportello::domain::audit::{AuditAction, AuditFilter};
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let s = setup(&desk);
    let highest = [s.patient, s.other, s.patto, s.appointment, s.presa]
        .into_iter()
        .max()
        .unwrap();
    let (desk, c) = desk.compact().unwrap();
    assert_eq!((c.patients, c.bytes_after > 0), (2, true));
    assert!(c.entries > 20, "{c:?}");
    // The rewrite is in the audit trail, with what it kept.
    let last = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 1)
        .unwrap();
    assert_eq!(last[0].action, AuditAction::Compaction);
    assert!(
        last[0].summary.starts_with(&format!(
            "Archivio riscritto: {} voci, 2 pazienti, ",
            c.entries
        )),
        "{}",
        last[0].summary
    );
    assert_eq!(desk.operators().verify_audit().unwrap(), Ok(last[0].seq));
    let id = desk
        .patients()
        .register_patient(patient("Verdi", "Luigi", 14, "02 1111111"))
        .unwrap();
    assert!(id > highest, "{id} <= {highest}");
    assert_eq!(
        desk.patients().patient(s.other).unwrap().unwrap().cognome,
        "Bianchi"
    );
    assert_eq!(
        desk.patients().patient(s.patient).unwrap().unwrap().cognome,
        "D'Adda"
    );
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    // Again, and across a reopen: the base carries over.
    let (desk, _) = desk.compact().unwrap();
    drop(desk);
    let desk = self::desk(dir.path());
    let next = desk
        .patients()
        .register_patient(patient("Neri", "Aldo", 15, "02 2222222"))
        .unwrap();
    assert!(next > id, "{next} <= {id}");
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn compatta_reports_the_bytes_per_patient_and_check_stays_clean() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let s = setup(&desk(&d));
    let d = d.to_str().unwrap();
    let out = cli_ok(&sportello_with_input(&["compatta", "--data-dir", d], ""));
    assert!(out.contains("2 pazienti"), "{out}");
    let per_patient: Vec<u64> = out
        .lines()
        .find_map(|l| l.strip_prefix("Byte per paziente: "))
        .unwrap_or_else(|| panic!("{out}"))
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    assert_eq!(per_patient.len(), 2, "{out}");
    assert!(per_patient.iter().all(|b| *b > 0), "{out}");
    let check = cli_ok(&sportello_with_input(&["check", "--data-dir", d], ""));
    assert!(check.contains("Problemi: 0"), "{check}");
    let found = cli_ok(&sportello_with_input(&["find", &s.cf, "--data-dir", d], ""));
    assert!(found.starts_with("D'Adda\tNiccolò"), "{found}");
}

/// Modes of every file and folder under `dir` (itself included) that are
/// not 0600 (files) or 0700 (folders).
#[cfg(unix)]
fn not_private(dir: &std::path::Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = Vec::new();
    let meta = std::fs::metadata(dir).unwrap();
    let mode = meta.permissions().mode() & 0o777;
    let want = if meta.is_dir() { 0o700 } else { 0o600 };
    if mode != want {
        out.push(format!("{} {mode:o}", dir.display()));
    }
    if meta.is_dir() {
        for e in std::fs::read_dir(dir).unwrap() {
            out.extend(not_private(&e.unwrap().path()));
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn files_and_folders_are_private_whatever_the_umask() {
    use common::cli::sportello_with_umask;
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let s = setup(&desk(&d));
    // An existing store left readable by all, as an older sportello did.
    fn open_up(p: &std::path::Path) {
        let dir = p.is_dir();
        let mode = if dir { 0o755 } else { 0o644 };
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
        if dir {
            for e in std::fs::read_dir(p).unwrap() {
                open_up(&e.unwrap().path());
            }
        }
    }
    std::fs::create_dir_all(d.join("stampe")).unwrap();
    std::fs::write(d.join("stampe/vecchia.txt"), "x").unwrap();
    open_up(&d);
    assert!(!not_private(&d).is_empty());
    let out = dir.path().join("uscite");
    std::fs::create_dir(&out).unwrap();
    let d_str = d.to_str().unwrap();
    let backups = [("SPORTELLO_BACKUP_GIORNI", "7")];
    for args in [
        vec!["export", "patto", "--patient", &s.cf],
        vec![
            "export",
            "patto",
            "--patient",
            &s.cf,
            "--dir",
            out.join("patti").to_str().unwrap(),
        ],
        vec![
            "agenda",
            "--giorno",
            "25/11/2026",
            "--pdf",
            out.join("agenda.pdf").to_str().unwrap(),
        ],
        vec![
            "gdpr",
            "export",
            "--cf",
            &s.cf,
            "--out",
            out.join("paziente.json").to_str().unwrap(),
        ],
    ] {
        let mut args = args.clone();
        args.extend(["--data-dir", d_str]);
        let o = sportello_with_umask("022", &args, &backups);
        cli_ok(&o);
    }
    // The automatic backup, the prints and the store: all private.
    assert_eq!(d.join("backup").read_dir().unwrap().count(), 1);
    assert_eq!(d.join("stampe").read_dir().unwrap().count(), 3);
    assert_eq!(not_private(&d), Vec::<String>::new());
    // What the commands wrote outside the data folder too.
    for written in ["patti", "agenda.pdf", "paziente.json"] {
        assert_eq!(
            not_private(&out.join(written)),
            Vec::<String>::new(),
            "{written}"
        );
    }
    assert_eq!(out.join("patti").read_dir().unwrap().count(), 2);
}

#[test]
fn command_line_erase_speaks_english_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let s = setup(&desk(&d));
    let d = d.to_str().unwrap();
    let erase = |answer: &str| {
        sportello_with_input(
            &[
                "--lang",
                "en",
                "gdpr",
                "erase",
                "--cf",
                &s.cf,
                "--motivo",
                "request",
                "--data-dir",
                d,
            ],
            answer,
        )
    };
    let no = erase("no\n");
    assert_eq!(no.status.code(), Some(1));
    let err = String::from_utf8_lossy(&no.stderr).into_owned();
    assert!(err.contains("Type YES to confirm: "), "{err}");
    assert!(err.ends_with("Nothing was erased.\n"), "{err}");
    let yes = erase("YES\n");
    assert_eq!(
        yes.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&yes.stderr)
    );
    let out = String::from_utf8_lossy(&yes.stdout).into_owned();
    assert!(
        out.starts_with(&format!(
            "GDPR erasure of patient {0} (now GDPR{0:012}): identity removed, 1 Patti, 1 prese in carico and 1 appointments pseudonymised. Reason: request\n",
            s.patient
        )),
        "{out}"
    );
    assert!(out.contains("\nThe patient is now found as GDPR"), "{out}");
    assert!(out.contains("\nStore rewritten: "), "{out}");
    assert!(out.contains("\nDisk space: "), "{out}");
    for italian in [
        "Cancellazione",
        "Archivio",
        "Spazio",
        "backup scritti",
        " il ",
    ] {
        assert!(!out.contains(italian), "{italian:?} in:\n{out}");
    }
}
