//! The ATS list of arruolabili through the desk and the command line: the
//! CSV (Windows-1252) and XLSX fixtures read into the same preview, the
//! import matching or registering patients, a re-import without duplicates,
//! every state of the worklist, the invitation's text.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use sportello::domain::arruolabili::{Esito, Stato};
use sportello::domain::{Canale, Residence, Sex};
use sportello::service::arruolabili::{RowProblem, RowWarning, read_arruolabili_file, row_key};
use sportello::service::{Desk, FixedClock};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/arruolabili")
        .join(name)
}

pub fn desk_on(dir: &Path, y: i32, m: u32, d: u32) -> Desk {
    Desk::open(dir, Arc::new(FixedClock::on(y, m, d).expect("date"))).expect("store opens")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// What both fixtures hold: five rows to import, three rejected.
fn check_preview(p: &sportello::service::arruolabili::Preview, first: usize) {
    let lines: Vec<usize> = p.accepted.iter().map(|a| a.line).collect();
    assert_eq!(
        lines,
        vec![first, first + 1, first + 2, first + 3, first + 6]
    );
    let a = &p.accepted[0];
    assert_eq!(
        (
            a.codice_fiscale.as_str(),
            a.cognome.as_str(),
            a.nome.as_str()
        ),
        ("RSSMRA68A01H501Y", "Rossi", "Mario")
    );
    assert_eq!(a.livello, Some(2));
    assert_eq!(a.patologia_primaria.as_deref(), Some("56"));
    assert_eq!(a.patologie, vec!["48", "60"]);
    let lucia = &p.accepted[1];
    assert_eq!(
        (lucia.cognome.as_str(), lucia.nome.as_str()),
        ("Bertè", "Lucia")
    );
    assert_eq!(lucia.patologie, vec!["56", "20", "17"]);
    assert_eq!(p.accepted[2].nome, "Niccolò");
    assert_eq!(p.accepted[2].livello, Some(3));
    assert_eq!(
        p.accepted[3].warnings,
        vec![
            RowWarning::LivelloNonValido("5".into()),
            RowWarning::CodiceNonSgdt("IPA".into())
        ]
    );
    let rejected: Vec<(usize, &RowProblem)> =
        p.rejected.iter().map(|r| (r.line, &r.problem)).collect();
    assert_eq!(rejected.len(), 3);
    assert_eq!(rejected[0].0, first + 4);
    assert!(matches!(rejected[0].1, RowProblem::CfInvalid(_)));
    assert_eq!(rejected[1], (first + 5, &RowProblem::CfMissing));
    // The omocode variant of the same person.
    assert_eq!(
        rejected[2],
        (
            first + 7,
            &RowProblem::Duplicate {
                first_line: first + 6
            }
        )
    );
}

#[test]
fn the_csv_and_the_xlsx_read_into_the_same_preview() {
    let (name, csv) = read_arruolabili_file(&fixture("milano-1252.csv"), None).unwrap();
    assert_eq!(name, "milano-1252.csv");
    assert_eq!(csv.encoding, "Windows-1252");
    assert_eq!(csv.header_line, 2);
    check_preview(&csv, 3);
    let (_, xlsx) = read_arruolabili_file(&fixture("milano.xlsx"), None).unwrap();
    assert_eq!(xlsx.sheet.as_deref(), Some("Arruolabili"));
    assert_eq!(xlsx.header_line, 3);
    check_preview(&xlsx, 4);
}

#[test]
fn import_registers_or_matches_and_a_reimport_does_not_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    // Mario Rossi is already registered, with pathologies of his own.
    let mario = desk
        .patients()
        .register_patient(sportello::domain::Patient {
            codice_fiscale: "RSSMRA68A01H501Y".into(),
            luogo_nascita: "H501".into(),
            ..common::patient::patient("Rossi", "Mario", Sex::M, date(1968, 1, 1))
        })
        .unwrap();
    let (name, preview) = read_arruolabili_file(&fixture("milano-1252.csv"), None).unwrap();
    let plan = desk.arruolabili().plan_import(&preview.accepted).unwrap();
    assert_eq!(
        (plan.nuove, plan.pazienti_trovati, plan.pazienti_nuovi),
        (5, 1, 4)
    );
    let log = desk
        .arruolabili()
        .apply_import(&preview.accepted, &name, preview.rejected.len())
        .unwrap();
    assert_eq!((log.plan.nuove, log.scartate), (5, 3));
    let lines = desk.arruolabili().list().unwrap();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.stato == Stato::DaContattare));
    let rossi = lines.iter().find(|l| l.row.cognome == "Rossi").unwrap();
    assert_eq!(rossi.row.patient, Some(mario));
    // His record keeps its own pathologies and gains the list's, the
    // list's primary one (he had none) and the Region's level from the
    // list, dated the day of the import; the row keeps the list as sent.
    let p = desk.patients().patient(mario).unwrap().unwrap();
    assert_eq!(p.patologie, vec!["50", "56", "48", "60"]);
    assert_eq!(p.patologia_primaria.as_deref(), Some("56"));
    let level = p.livello_ats.clone().unwrap();
    assert_eq!(
        (level.livello.number(), level.fonte.as_str(), level.data),
        (2, "elenco arruolabili ATS", date(2026, 3, 2))
    );
    assert_eq!(rossi.row.codici(), vec!["56", "48", "60"]);
    // Lucia Bertè is registered from the list: birth data from the codice
    // fiscale, the SGDT codes as pathologies, primary first.
    let lucia = lines.iter().find(|l| l.row.cognome == "Bertè").unwrap();
    let p = desk
        .patients()
        .patient(lucia.row.patient.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(p.codice_fiscale, "BRTLCU50M41F205V");
    assert_eq!(
        (p.sesso, p.data_nascita, p.luogo_nascita.as_str()),
        (Sex::F, date(1950, 8, 1), "F205")
    );
    assert_eq!(p.patologie, vec!["50", "56", "20", "17"]);
    // A contact, then the same list again: no new row, no new patient, the
    // contact kept.
    let key = row_key("RSSMRA68A01H501Y");
    desk.arruolabili()
        .record_contact(&key, date(2026, 3, 2), Esito::NonRaggiungibile)
        .unwrap();
    let ids_before: Vec<_> = desk
        .arruolabili()
        .list()
        .unwrap()
        .iter()
        .map(|l| l.row.patient)
        .collect();
    let again = desk.arruolabili().plan_import(&preview.accepted).unwrap();
    assert_eq!(
        (
            again.nuove,
            again.aggiornate,
            again.invariate,
            again.pazienti_nuovi
        ),
        (0, 0, 5, 0)
    );
    desk.arruolabili()
        .apply_import(&preview.accepted, &name, 3)
        .unwrap();
    // The XLSX of the same list: the same rows.
    let (xname, xlsx) = read_arruolabili_file(&fixture("milano.xlsx"), None).unwrap();
    desk.arruolabili()
        .apply_import(&xlsx.accepted, &xname, 3)
        .unwrap();
    let lines = desk.arruolabili().list().unwrap();
    assert_eq!(lines.len(), 5);
    let ids_after: Vec<_> = lines.iter().map(|l| l.row.patient).collect();
    assert_eq!(ids_after, ids_before);
    assert_eq!(desk.patients().find("Cocco", 10).unwrap().len(), 1);
    let rossi = lines.iter().find(|l| l.key == key).unwrap();
    assert_eq!(rossi.stato, Stato::Contattato);
    // Each import is in the audit trail.
    let log = desk
        .operators()
        .audit_page(&Default::default(), None, 100)
        .unwrap();
    let imports = log
        .iter()
        .filter(|e| e.summary.starts_with("Arruolabili da "))
        .count();
    assert_eq!(imports, 3);
}

#[test]
fn a_row_goes_through_every_state() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let (name, preview) = read_arruolabili_file(&fixture("milano-1252.csv"), None).unwrap();
    desk.arruolabili()
        .apply_import(&preview.accepted, &name, 3)
        .unwrap();
    let key = row_key("BRTLCU50M41F205V");
    let state = |desk: &Desk| {
        desk.arruolabili()
            .list()
            .unwrap()
            .into_iter()
            .find(|l| l.key == key)
            .unwrap()
    };
    assert_eq!(state(&desk).stato, Stato::DaContattare);
    // A contact in the future is refused.
    let err = desk
        .arruolabili()
        .record_contact(&key, date(2026, 3, 3), Esito::Accetta)
        .unwrap_err();
    assert_eq!(
        sportello::texts::error(sportello::texts::Lang::En, &err),
        "The contact date (03/03/2026) is in the future: give the day the patient was contacted"
    );
    let line = desk
        .arruolabili()
        .record_contact(&key, date(2026, 3, 2), Esito::Accetta)
        .unwrap();
    assert_eq!(line.stato, Stato::Contattato);
    assert_eq!(line.row.contatto.as_ref().unwrap().esito, Esito::Accetta);
    // The desk completes the record, chooses the Gestore and signs the
    // Patto: the row is "Patto firmato", seen when listing.
    let patient = line.row.patient.unwrap();
    let mut p = desk.patients().patient(patient).unwrap().unwrap();
    p.residenza = Residence {
        indirizzo: "Via Dante 1".into(),
        cap: "20121".into(),
        comune: "F205".into(),
    };
    p.mmg = "Dott.ssa Elena Sala".into();
    desk.patients().update_patient(p).unwrap();
    let gestore = common::gestore::import_gestore(&desk);
    desk.gestori()
        .choose_gestore(patient, gestore, Canale::MmgAderente, date(2026, 3, 2), "")
        .unwrap();
    common::patto::sign_patto(&desk, patient);
    let line = state(&desk);
    assert_eq!(line.stato, Stato::PattoFirmato);
    assert_eq!(line.row.patto_firmato, Some(date(2026, 3, 2)));
    let counts = sportello::service::Arruolabili::counts(&desk.arruolabili().list().unwrap());
    assert_eq!(counts, [4, 0, 1, 0]);
}

#[test]
fn already_in_care_elsewhere_closes_the_row_without_a_presa() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let (name, preview) = read_arruolabili_file(&fixture("milano.xlsx"), None).unwrap();
    desk.arruolabili()
        .apply_import(&preview.accepted, &name, 3)
        .unwrap();
    let key = row_key("DDDNCL45C12F205Q");
    let line = desk
        .arruolabili()
        .record_contact(&key, date(2026, 2, 27), Esito::GiaInCaricoAltrove)
        .unwrap();
    assert_eq!(line.stato, Stato::Chiuso);
    let patient = line.row.patient.unwrap();
    assert_eq!(desk.gestori().active_presa(patient).unwrap(), None);
    // Undone by mistake: to contact again.
    desk.arruolabili().clear_contact(&key).unwrap();
    let lines = desk.arruolabili().list().unwrap();
    let line = lines.iter().find(|l| l.key == key).unwrap();
    assert_eq!(line.stato, Stato::DaContattare);
    let audit = desk
        .operators()
        .audit_page(&Default::default(), None, 100)
        .unwrap();
    let summaries: Vec<&str> = audit
        .iter()
        .filter(|e| e.patient == Some(patient))
        .map(|e| e.summary.as_str())
        .collect();
    assert!(
        summaries.contains(&"contatto del 27/02/2026: già in carico altrove"),
        "{summaries:?}"
    );
    assert!(summaries.contains(&"contatto annullato"), "{summaries:?}");
}

#[test]
fn the_invitation_names_the_practice() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let mut practice = desk.gestori().practice().unwrap();
    practice.nome = "Studio Medico Navigli".into();
    practice.comune = "F205".into();
    desk.gestori().save_practice(&practice).unwrap();
    desk.arruolabili()
        .save_recapiti(&sportello::domain::arruolabili::Recapiti {
            indirizzo: "Via Vigevano 12, 20144 Milano".into(),
            telefono: "02 5555 0101".into(),
            orari: "lun-ven 9-12".into(),
        })
        .unwrap();
    let (name, preview) = read_arruolabili_file(&fixture("milano-1252.csv"), None).unwrap();
    desk.arruolabili()
        .apply_import(&preview.accepted, &name, 3)
        .unwrap();
    let text = desk
        .arruolabili()
        .invitation_text(&row_key("BRTLCU50M41F205V"))
        .unwrap();
    let expected = "Studio Medico Navigli\n\
        Via Vigevano 12, 20144 Milano\n\
        Telefono: 02 5555 0101\n\
        Orari: lun-ven 9-12\n\
        \n\
        Milano, 02/03/2026\n\
        \n\
        Gentile Lucia Bertè\n\
        Codice fiscale: BRTLCU50M41F205V\n\
        \n\
        Oggetto: invito alla presa in carico della cronicità\n";
    assert!(text.starts_with(expected), "{text}");
    assert!(
        text.contains("Può chiamarci al numero 02 5555 0101."),
        "{text}"
    );
    assert!(
        text.ends_with("Cordiali saluti\n\nStudio Medico Navigli\n"),
        "{text}"
    );
    let doc = desk
        .arruolabili()
        .invitation_document(&row_key("BRTLCU50M41F205V"))
        .unwrap();
    assert_eq!(doc.stem, "invito-BRTLCU50M41F205V-20260302");
    let exts: Vec<&str> = doc.files.iter().map(|(e, _)| *e).collect();
    assert_eq!(exts, vec!["pdf", "txt"]);
    assert!(doc.files[0].1.starts_with(b"%PDF"));
}

#[test]
fn the_command_line_shows_the_preview_then_imports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let file = fixture("milano-1252.csv");
    let file = file.to_str().unwrap();
    let out = common::cli::sportello_with_input(
        &[
            "--lang",
            "en",
            "--data-dir",
            data,
            "import",
            "arruolabili",
            file,
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(
            "File milano-1252.csv: 5 rows recognised, 3 rejected (encoding Windows-1252)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  row 8: the codice fiscale is missing"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  row 10: same codice fiscale as row 9"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  row 6 (warning): level \"5\" not valid (1, 2 or 3): imported without a level"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Changes: 5 new, 0 updated, 0 already there; patients found 0, to register 5"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("Preview: nothing was written."), "{stdout}");
    let out = common::cli::sportello_with_input(
        &[
            "--data-dir",
            data,
            "import",
            "arruolabili",
            file,
            "--conferma",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Importazione registrata: 5 nuove, 0 aggiornate, 5 pazienti registrati, 3 righe scartate."),
        "{stdout}"
    );
    let out = common::cli::sportello_with_input(
        &[
            "--data-dir",
            data,
            "import",
            "arruolabili",
            file,
            "--conferma",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "Modifiche: 0 nuove, 0 aggiornate, 5 già presenti; pazienti trovati 5, da registrare 0"
        ),
        "{stdout}"
    );
}

#[test]
fn the_check_passes_and_an_erasure_removes_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let (name, preview) = read_arruolabili_file(&fixture("milano-1252.csv"), None).unwrap();
    desk.arruolabili()
        .apply_import(&preview.accepted, &name, 3)
        .unwrap();
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let key = row_key("BRTLCU50M41F205V");
    let lines = desk.arruolabili().list().unwrap();
    let patient = lines
        .iter()
        .find(|l| l.key == key)
        .unwrap()
        .row
        .patient
        .unwrap();
    desk.archive()
        .gdpr_erase(patient, "richiesta dell'interessata del 01/03/2026")
        .unwrap();
    let lines = desk.arruolabili().list().unwrap();
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().all(|l| l.key != key));
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}
