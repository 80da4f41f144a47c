//! The command line, run as a user would.

use std::process::{Command, Output};

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
    assert_eq!(stdout(&o), "Registro accessi: catena integra, 2 voci\n");

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
