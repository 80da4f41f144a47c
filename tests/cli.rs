//! The command line, run as a user would.

use std::process::{Command, Output};

mod common;

fn sportello(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(args)
        .env_remove("SPORTELLO_DATA")
        .output()
        .expect("run sportello")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn cf_decodes_a_valid_code() {
    let o = sportello(&["cf", "RSSMRA68A01H501Y"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Sesso: maschio"), "{out}");
    assert!(out.contains("Data di nascita: 01/01/1968"), "{out}");
    assert!(out.contains("Luogo di nascita: Roma (RM, H501)"), "{out}");
}

#[test]
fn cf_accepts_lowercase_spaced_omocode() {
    let o = sportello(&["cf", "cccfba85d03", "l21ve"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Data di nascita: 03/04/1985"), "{out}");
    assert!(out.contains("forma base CCCFBA85D03L219P"), "{out}");
}

#[test]
fn cf_rejects_a_wrong_check_character() {
    let o = sportello(&["cf", "CCCFBA85D03L219B"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("Carattere di controllo errato: atteso P, trovato B"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn festivi_lists_national_and_patron_days() {
    let o = sportello(&["festivi", "2026", "--comune", "Milano"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.first(), Some(&"01/01/2026 Capodanno"));
    assert!(lines.iter().any(|l| l.starts_with("06/04/2026 ")), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("04/10/2026 ")), "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("07/12/2026 Sant'Ambrogio")),
        "{out}"
    );
    assert_eq!(lines.last(), Some(&"26/12/2026 Santo Stefano"));
    let o2025 = sportello(&["festivi", "2025"]);
    assert!(!stdout(&o2025).contains("04/10/2025"));
}

#[test]
fn demo_then_check_then_find() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = sportello(&["demo", "--patients", "3000", "--seed", "7", "--data-dir", d]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout(&o).contains("Creati 3000 pazienti"));
    let c = sportello(&["check", "--data-dir", d]);
    assert_eq!(c.status.code(), Some(0), "{}", stdout(&c));
    assert!(stdout(&c).contains("Pazienti: 3000"), "{}", stdout(&c));
    assert!(stdout(&c).contains("Problemi: 0"));

    let f = sportello(&["find", "rossi", "--limit", "5", "--json", "--data-dir", d]);
    assert_eq!(f.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&f)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty() && lines.len() <= 5);
    for v in &lines {
        let surname = v["cognome"].as_str().unwrap().to_uppercase();
        assert!(surname.starts_with("ROSSI"), "{v}");
        let cf = v["codice_fiscale"].as_str().unwrap();
        assert!(sportello(&["cf", cf]).status.success(), "{cf}");
    }
}

#[test]
fn a_store_in_use_exits_with_2_and_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let _held = sportello::store::Store::open(dir.path()).unwrap();
    let o = sportello(&["check", "--data-dir", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("già aperto"), "{err}");
    assert!(err.contains(dir.path().to_str().unwrap()), "{err}");
}

#[test]
fn operator_add_and_audit_verify_catches_a_tampered_entry() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args([
            "--data-dir",
            data,
            "operator",
            "add",
            "anna",
            "--role",
            "segreteria",
        ])
        .env_remove("SPORTELLO_DATA")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"password-anna\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "Operatore anna creato (segreteria)\n");

    let o = sportello(&["--data-dir", data, "operator", "list"]);
    assert_eq!(stdout(&o), "anna\tsegreteria\tattivo\n");

    let o = sportello(&["--data-dir", data, "audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The sample Gestori import and the new operator.
    assert!(
        stdout(&o).starts_with("Registro accessi: catena integra, 2 voci\nAncora del registro: 2:"),
        "{}",
        stdout(&o)
    );

    // Change one letter of entry 2 behind sportello's back.
    {
        let db = sled::open(dir.path()).unwrap();
        let audit = db.open_tree("audit").unwrap();
        let key = 2u64.to_be_bytes();
        let mut value = audit.get(key).unwrap().unwrap().to_vec();
        let at = value
            .windows(4)
            .position(|w| w == b"anna")
            .expect("the entry names anna");
        value[at] = b'e';
        audit.insert(key, value).unwrap();
        db.flush().unwrap();
    }
    let o = sportello(&["--data-dir", data, "audit", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with("Registro accessi: catena interrotta alla voce 2:"),
        "{}",
        stdout(&o)
    );
    let o = sportello(&["--data-dir", data, "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("audit: catena interrotta alla voce 2"),
        "{}",
        stdout(&o)
    );

    // A role the programme does not know.
    let o = sportello(&[
        "--data-dir",
        data,
        "operator",
        "add",
        "x1",
        "--role",
        "capo",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// `export patto`, `export pai` and `agenda --pdf` write the same documents
/// as the screens: a signed Patto (PDF and receipt text), the PAI (PDF and
/// FHIR CarePlan JSON) and the day list PDF.
#[test]
fn exports_write_the_patto_the_pai_and_the_day_list() {
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dati");
    let out = dir.path().join("stampe");
    let (cf, first_day) = {
        let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
        let pid = common::agenda::setup(&desk);
        let pai = desk.current_pai(pid).unwrap().unwrap();
        let proposals = desk
            .plan_pai(pai.id, &Default::default())
            .unwrap()
            .proposals;
        desk.accept_proposals(pai.id, &proposals).unwrap();
        let first_day = proposals.iter().map(|p| p.start.date()).min().unwrap();
        (
            desk.patient(pid).unwrap().unwrap().codice_fiscale,
            first_day,
        )
    };
    let d = data.to_str().unwrap();
    let o = out.to_str().unwrap();

    let patto = sportello(&[
        "export",
        "patto",
        "--patient",
        &cf,
        "--dir",
        o,
        "--data-dir",
        d,
    ]);
    assert_eq!(patto.status.code(), Some(0), "{patto:?}");
    let files: Vec<String> = stdout(&patto).lines().map(str::to_string).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with(".pdf") && files[0].contains(&format!("patto-{cf}-")));
    assert!(std::fs::read(&files[0]).unwrap().starts_with(b"%PDF"));
    let receipt = std::fs::read_to_string(&files[1]).unwrap();
    assert!(receipt.to_uppercase().contains("CANTÙ"), "{receipt}");
    assert!(
        receipt.lines().all(|l| l.chars().count() <= 48),
        "{receipt}"
    );

    let pai = sportello(&[
        "export",
        "pai",
        "--patient",
        &cf,
        "--dir",
        o,
        "--data-dir",
        d,
    ]);
    assert_eq!(pai.status.code(), Some(0), "{pai:?}");
    let files: Vec<String> = stdout(&pai).lines().map(str::to_string).collect();
    assert_eq!(
        files,
        [
            out.join(format!("pai-{cf}-v1.pdf")).display().to_string(),
            out.join(format!("pai-{cf}-v1.json")).display().to_string()
        ]
    );
    assert!(std::fs::read(&files[0]).unwrap().starts_with(b"%PDF"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[1]).unwrap()).unwrap();
    assert_eq!(json["resourceType"], "CarePlan");

    let list = out.join("lista.pdf");
    let giorno = first_day.format("%d/%m/%Y").to_string();
    let agenda = sportello(&[
        "agenda",
        "--giorno",
        &giorno,
        "--pdf",
        list.to_str().unwrap(),
        "--data-dir",
        d,
    ]);
    assert_eq!(agenda.status.code(), Some(0), "{agenda:?}");
    assert!(stdout(&agenda).contains("Cantù"), "{}", stdout(&agenda));
    assert!(std::fs::read(&list).unwrap().starts_with(b"%PDF"));

    // A folder that cannot be created: an Italian message, exit 1.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let bad = blocked.join("sotto");
    let failed = sportello(&[
        "export",
        "pai",
        "--patient",
        &cf,
        "--dir",
        bad.to_str().unwrap(),
        "--data-dir",
        d,
    ]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&failed.stderr).contains("Impossibile scrivere in"),
        "{failed:?}"
    );
}

/// A store of format 1 (no name-word index) opened by this sportello: the
/// command says why it takes a moment, the index is built, the store is
/// stamped 2 and passes the check; the next open says nothing.
#[test]
fn an_older_store_is_upgraded_with_a_notice() {
    use sportello::domain::Sex;
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    {
        let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
        let born = chrono::NaiveDate::from_ymd_opt(1950, 3, 12).unwrap();
        desk.register_patient(common::patient::patient(
            "De Luca",
            "Anna Maria",
            Sex::F,
            born,
        ))
        .unwrap();
    }
    // Back to format 1, as an older sportello left it.
    {
        let db = sled::open(dir.path()).unwrap();
        let meta = db.open_tree("meta").unwrap();
        meta.insert("store_format", &[1]).unwrap();
        meta.remove("idx_patient_name_word_built").unwrap();
        db.open_tree("idx_patient_name_word")
            .unwrap()
            .clear()
            .unwrap();
        db.flush().unwrap();
    }
    let o = sportello(&["--data-dir", data, "find", "de ma"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("Aggiornamento dell'archivio"),
        "{o:?}"
    );
    // Found through a later word: the index was built.
    assert!(stdout(&o).contains("De Luca"), "{}", stdout(&o));
    let o = sportello(&["--data-dir", data, "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("Aggiornamento"));
    let db = sled::open(dir.path()).unwrap();
    let meta = db.open_tree("meta").unwrap();
    assert_eq!(
        meta.get("store_format").unwrap().as_deref(),
        Some(&[2u8][..])
    );
}
