//! The command line, run as a user would.

use std::process::{Command, Output};

use crate::common;

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
    // Not a terminal: the progress one line at a time, not overwritten.
    let progress: Vec<String> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        progress,
        ["Pazienti creati: 0/3000", "Pazienti creati: 3000/3000"]
    );
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
        let db = common::raw_sled(dir.path());
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
    assert_eq!(
        stdout(&o),
        "Registro accessi: catena interrotta alla voce 2: il contenuto è stato alterato (impronta diversa)\n"
    );
    let o = sportello(&["--lang", "en", "--data-dir", data, "audit", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "Audit trail: chain broken at entry 2: the content was altered (different fingerprint)\n"
    );
    let o = sportello(&["--data-dir", data, "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("audit: catena interrotta alla voce 2"),
        "{}",
        stdout(&o)
    );
    let o = sportello(&["--lang", "en", "--data-dir", data, "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with(
            "audit: chain broken at entry 2: the content was altered (different fingerprint)\n"
        ),
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
    assert_eq!(o.status.code(), Some(1));
}

/// `export patto`, `export pai` and `agenda --pdf` write the same documents
/// as the screens: a signed Patto (PDF and receipt text), the PAI (PDF and
/// FHIR Bundle JSON) and the day list PDF.
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
        let pai = desk.pai().current_pai(pid).unwrap().unwrap();
        let proposals = desk
            .agenda()
            .plan_pai(pai.id, &Default::default())
            .unwrap()
            .proposals;
        desk.agenda().accept_proposals(pai.id, &proposals).unwrap();
        let first_day = proposals.iter().map(|p| p.start.date()).min().unwrap();
        (
            desk.patients()
                .patient(pid)
                .unwrap()
                .unwrap()
                .codice_fiscale,
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
    assert!(files[0].ends_with(".pdf") && files[0].contains(&format!("-{cf}-")));
    // Named after the Patto's number: patto-<year>-0001-<CF>-<date>.pdf.
    let name = std::path::Path::new(&files[0])
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(
        name.starts_with("patto-") && name[10..].starts_with("-0001-"),
        "{name}"
    );
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
    assert_eq!(json["resourceType"], "Bundle");
    assert_eq!(json["entry"][0]["resource"]["resourceType"], "CarePlan");

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
/// command says why it takes a moment, the indexes are built, the store is
/// stamped 3 and passes the check; the next open says nothing.
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
        desk.patients()
            .register_patient(common::patient::patient(
                "De Luca",
                "Anna Maria",
                Sex::F,
                born,
            ))
            .unwrap();
    }
    // Back to format 1, as an older sportello left it.
    {
        let db = common::raw_sled(dir.path());
        let meta = db.open_tree("meta").unwrap();
        meta.insert("store_format", &[1]).unwrap();
        meta.remove("idx_patient_name_word_built").unwrap();
        meta.remove("idx_patient_name_other_built").unwrap();
        for tree in ["idx_patient_name_word", "idx_patient_name_other"] {
            db.open_tree(tree).unwrap().clear().unwrap();
        }
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
    let db = common::raw_sled(dir.path());
    let meta = db.open_tree("meta").unwrap();
    assert_eq!(
        meta.get("store_format").unwrap().as_deref(),
        Some(&[5u8][..])
    );
}

/// `find` by surname however its apostrophes and spaces are typed, and by
/// first name: surname matches first, then first names, then (nothing
/// found) the suggestions. The store is of format 2, written before the
/// index of other name forms: the first `find` builds it.
#[test]
fn find_by_surname_forms_and_first_name() {
    use sportello::domain::Sex;
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    {
        let desk = Desk::open(dir.path(), Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
        let born = chrono::NaiveDate::from_ymd_opt(1950, 3, 12).unwrap();
        for (cognome, nome, sesso) in [
            ("D'Adda", "Niccolò", Sex::M),
            ("Rossi", "Anna", Sex::F),
            ("Dada", "Marco", Sex::M),
            ("Adda", "Luigi", Sex::M),
            ("Dadda", "Pietro", Sex::M),
            ("Niccolosi", "Maria", Sex::F),
        ] {
            desk.patients()
                .register_patient(common::patient::patient(cognome, nome, sesso, born))
                .unwrap();
        }
    }
    {
        let db = common::raw_sled(dir.path());
        let meta = db.open_tree("meta").unwrap();
        meta.insert("store_format", &[2]).unwrap();
        meta.remove("idx_patient_name_other_built").unwrap();
        db.open_tree("idx_patient_name_other")
            .unwrap()
            .clear()
            .unwrap();
        db.flush().unwrap();
    }
    let find = |q: &str| -> (Vec<String>, String) {
        let o = sportello(&["--data-dir", data, "find", q]);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        let names = stdout(&o)
            .lines()
            .map(|l| {
                let mut f = l.split('\t');
                format!("{} {}", f.next().unwrap(), f.next().unwrap())
            })
            .collect();
        (names, stderr(&o))
    };
    let (names, err) = find("niccolo d");
    assert!(err.contains("Aggiornamento dell'archivio"), "{err}");
    assert_eq!(names, ["D'Adda Niccolò"]);
    for (q, expected) in [
        ("niccolò", &["Niccolosi Maria", "D'Adda Niccolò"][..]),
        ("niccolo", &["Niccolosi Maria", "D'Adda Niccolò"]),
        ("dada", &["Dada Marco"]),
        ("adda", &["Adda Luigi", "D'Adda Niccolò"]),
        ("d adda", &["D'Adda Niccolò", "Dadda Pietro"]),
        ("dadda", &["D'Adda Niccolò", "Dadda Pietro"]),
        ("d'adda", &["D'Adda Niccolò", "Dadda Pietro"]),
        ("anna", &["Rossi Anna"]),
    ] {
        let (names, err) = find(q);
        assert_eq!(names, expected, "{q}");
        assert!(err.is_empty(), "{q}: {err}");
    }
    // Nothing found: the suggestions, said so.
    let (names, err) = find("dadaa");
    assert!(err.contains("Nomi simili"), "{err}");
    assert_eq!(names[..2], ["Dada Marco", "D'Adda Niccolò"]);
    let o = sportello(&["--data-dir", data, "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No trace of a Rust panic or of an untranslated engine error.
fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert_ne!(o.status.code(), Some(101), "{err}");
    for noise in ["panicked", "RUST_BACKTRACE", "backtrace ()"] {
        assert!(!err.contains(noise), "{noise}: {err}");
    }
}

/// A store of `n` demo patients with an automatic backup in `dir/backup`,
/// whose records were then rewritten a few times between restarts (a
/// filler tree of 60 values of 48 KiB, three rounds): sled's log then holds
/// live pages in its later segments, the shape of a store in use for a
/// while. Returns the backup.
fn store_with_backup(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    let desk = Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    desk.load_demo(n, 5, &mut |_, _| true).unwrap();
    desk.archive().daily_backup(7).unwrap();
    drop(desk);
    for round in 0..3u8 {
        {
            let db = common::raw_sled(dir);
            let filler = db.open_tree("riempitivo").unwrap();
            for i in 0u8..60 {
                filler.insert([i], vec![i ^ round; 48 * 1024]).unwrap();
            }
            db.flush().unwrap();
        }
        drop(sportello::store::Store::open(dir).unwrap());
    }
    dir.join("backup").join("sportello-2026-11-23.backup")
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A truncated data file made sled 0.34 panic (an index out of bounds in
/// its segment reader) in `check`, `find` and at start-up: exit 101 and an
/// English backtrace. Now every size gives an Italian message naming the
/// newest automatic backup and the command that restores it, exit 2.
/// The two tests that damage a store on purpose run one at a time: run
/// together on a loaded machine (load average 8) they failed, finding no
/// cut that made the engine panic and no damaged page the store still
/// opened with; one at a time they pass. The cause is not yet understood.
static DAMAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_truncated_store_is_reported_damaged_without_a_panic() {
    let _one_at_a_time = DAMAGE.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let pristine = dir.path().join("pristine");
    let backup = store_with_backup(&pristine, 50);
    let len = std::fs::metadata(pristine.join("db")).unwrap().len();
    // Cut at sled's segment boundaries (512 KiB), mid-segment and to one page.
    let segment = 512 * 1024;
    let mut sizes: Vec<u64> = (1..len / segment).map(|k| k * segment).collect();
    sizes.extend([len / 2 + 777, 4096]);
    for (i, size) in sizes.into_iter().enumerate() {
        let data = dir.path().join(format!("cut{i}"));
        copy_dir(&pristine, &data);
        let db = std::fs::OpenOptions::new()
            .write(true)
            .open(data.join("db"))
            .unwrap();
        db.set_len(size).unwrap();
        drop(db);
        let d = data.to_str().unwrap();
        let backup = data.join("backup").join(backup.file_name().unwrap());
        let restore = format!("sportello --data-dir {d} restore {}", backup.display());
        for args in [
            vec!["--data-dir", d, "check"],
            vec!["--data-dir", d, "find", "rossi"],
            // Start-up of the application: the store is opened before the
            // terminal is touched.
            vec!["--data-dir", d],
        ] {
            let o = sportello(&args);
            assert_no_panic(&o);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{size} {args:?}: {err}");
            assert!(
                err.starts_with(&format!("Errore: L'archivio in {d} è danneggiato")),
                "{size} {args:?}: {err}"
            );
            assert!(err.contains(&restore), "{size} {args:?}: {err}");
        }
    }
    // Whether one of these cuts makes the engine itself panic depends on
    // where sled's flusher put the pages (on a loaded machine often none
    // does), so the caught panic is tested in `store::guard` instead.
}

/// `sportello check | head -1` panicked on the closed pipe ("failed
/// printing to stdout"). Now the command ends quietly.
#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    {
        let desk = sportello::service::Desk::open(
            dir.path(),
            std::sync::Arc::new(sportello::service::FixedClock::on(2026, 11, 23).unwrap()),
        )
        .unwrap();
        desk.load_demo(50, 3, &mut |_, _| true).unwrap();
    }
    for args in [vec!["--data-dir", d, "check"], vec!["festivi", "2026"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
            .args(&args)
            .env_remove("SPORTELLO_DATA")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first line is written.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_no_panic(&o);
        assert!(
            o.status.success() || o.status.signal() == Some(13),
            "{args:?}: {:?} {}",
            o.status,
            stderr(&o)
        );
    }
}

/// Exit status 2 is the store's; wrong input is 1; --help and --version 0.
/// `--help` speaks Italian: clap's "Usage", "Commands", "Arguments",
/// "Options", "Print help" and the English `help` subcommand are gone, on
/// the program and on each command.
#[test]
fn help_has_italian_headings() {
    let o = sportello(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for heading in [
        "Uso: sportello",
        "\nComandi:\n",
        "\nOpzioni:\n",
        "Mostra questo aiuto",
        "Mostra la versione",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    let o = sportello(&["backup", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let sub = stdout(&o);
    for heading in [
        "Uso: sportello backup",
        "\nArgomenti:\n",
        "\nOpzioni:\n",
        "Mostra questo aiuto",
    ] {
        assert!(sub.contains(heading), "{heading}: {sub}");
    }
    for english in [
        "Usage:",
        "Commands:",
        "Arguments:",
        "Options:",
        "Print help",
        "Print version",
    ] {
        assert!(!text.contains(english), "{english}: {text}");
        assert!(!sub.contains(english), "{english}: {sub}");
    }
    // The help of one command is `COMMAND --help`; `help` is no command.
    assert_eq!(sportello(&["help"]).status.code(), Some(1));
}

#[test]
fn wrong_input_exits_1_help_and_version_0() {
    let o = sportello(&["--opzione-inesistente"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--opzione-inesistente"),
        "{}",
        stderr(&o)
    );
    let o = sportello(&["find"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = sportello(&["festivi", "duemila"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = sportello(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("Sportello per la presa in carico"),
        "{}",
        stdout(&o)
    );
    let o = sportello(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("sportello "), "{}", stdout(&o));
    let dir = tempfile::tempdir().unwrap();
    let o = sportello(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "operator",
        "add",
        "x1",
        "--role",
        "foo",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("Ruolo sconosciuto"), "{}", stderr(&o));
}

/// `agenda --giorno 1/1/26` silently meant the year 26.
#[test]
fn a_two_digit_year_is_refused_with_the_four_digit_form() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    for giorno in ["1/1/26", "01/01/26", "1/1/0026"] {
        let o = sportello(&["--data-dir", d, "agenda", "--giorno", giorno]);
        assert_eq!(o.status.code(), Some(1), "{giorno}: {}", stdout(&o));
        assert!(stderr(&o).contains("quattro cifre"), "{}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    }
    let o = sportello(&["--data-dir", d, "agenda", "--giorno", "1/1/2026"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The year of `festivi` too.
    let o = sportello(&["festivi", "26"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("quattro cifre"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
}

/// One damaged page: the store opened, the automatic backup failed on it,
/// the application said "si può lavorare", then every write failed and the
/// login was refused with "Chiudere e riaprire sportello", which never
/// helps. Now the start-up refuses the store (exit 2) and every message
/// says what is wrong and what to do: check, then restore the newest
/// automatic backup, named.
#[test]
fn a_damaged_page_is_named_with_check_and_restore() {
    let _one_at_a_time = DAMAGE.lock().unwrap_or_else(|e| e.into_inner());
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    // Where sled's pages fall depends on its flusher's timing: under a
    // loaded machine one store may hold no page whose damage it opens with,
    // so up to three stores are tried.
    let (mut found, mut unopened, mut intact) = (0, 0, 0);
    for seed in ["5", "6", "7"] {
        let dir = tempfile::tempdir().unwrap();
        let pristine = dir.path().join("pristine");
        let p = pristine.to_str().unwrap();
        let o = sportello(&["--data-dir", p, "demo", "--patients", "200", "--seed", seed]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // Only the backup of the day below.
        let _ = std::fs::remove_dir_all(pristine.join("backup"));
        {
            let desk =
                Desk::open(&pristine, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
            desk.operators()
                .add_operator(
                    "anna",
                    "password-anna",
                    sportello::domain::operator::Role::Medico,
                )
                .unwrap();
            desk.archive().daily_backup(7).unwrap();
        }
        let len = std::fs::metadata(pristine.join("db")).unwrap().len();
        // Then finer steps: where the pages fall depends on the flusher's timing.
        let offsets = (4096..len)
            .step_by(8 * 1024)
            .chain((5120..len).step_by(2048));
        for (i, at) in offsets.enumerate() {
            let data = dir.path().join(format!("page{i}"));
            copy_dir(&pristine, &data);
            {
                use std::io::{Seek, Write};
                let mut db = std::fs::OpenOptions::new()
                    .write(true)
                    .open(data.join("db"))
                    .unwrap();
                db.seek(std::io::SeekFrom::Start(at)).unwrap();
                db.write_all(&[0xAB; 64]).unwrap();
            }
            let d = data.to_str().unwrap();
            let backup = data.join("backup").join("sportello-2026-11-23.backup");
            let restore = format!("sportello --data-dir {d} restore {}", backup.display());
            let next_day = Arc::new(FixedClock::on(2026, 11, 24).unwrap());
            // Only the damage the store opens with (a truncated-like start is
            // the other test's).
            let Ok(desk) = Desk::open(&data, next_day) else {
                unopened += 1;
                continue;
            };
            let Err(e) = desk.archive().daily_backup(7) else {
                intact += 1;
                continue;
            };
            found += 1;
            let text = e.to_string();
            assert!(text.contains("è danneggiato"), "{text}");
            assert!(text.contains(&restore), "{text}");
            assert!(!text.contains("backtrace"), "{text}");
            // The login after it: not "close and reopen", but check and restore.
            let login = desk.login("anna", "password-anna").unwrap_err().to_string();
            assert!(!login.contains("riaprire"), "{login}");
            assert!(
                login.contains(&format!("sportello --data-dir {d} check")),
                "{login}"
            );
            assert!(login.contains(&restore), "{login}");
            drop(desk);
            // The application's start: refused, exit 2, no "si può lavorare".
            let o = sportello(&["--data-dir", d]);
            assert_no_panic(&o);
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
            assert!(stderr(&o).contains("è danneggiato"), "{}", stderr(&o));
            assert!(stderr(&o).contains(&restore), "{}", stderr(&o));
            assert!(!stderr(&o).to_lowercase().contains("si può lavorare"));
            break;
        }
        if found > 0 {
            break;
        }
    }
    assert!(
        found > 0,
        "no damaged page was found ({unopened} copies refused at open, {intact} backed up whole)"
    );
}

/// `demo` wrote 1,000 fictional patients and an amministratore demo/demo
/// into whatever store it was given, the real archive included.
#[test]
fn demo_refuses_a_store_it_did_not_create_and_leaves_it_untouched() {
    use sportello::domain::Sex;
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("studio");
    let clock = || Arc::new(FixedClock::on(2026, 11, 23).unwrap());
    {
        let desk = Desk::open(&real, clock()).unwrap();
        let born = chrono::NaiveDate::from_ymd_opt(1950, 3, 12).unwrap();
        desk.patients()
            .register_patient(common::patient::patient("Verdi", "Anna", Sex::F, born))
            .unwrap();
    }
    let o = sportello(&[
        "--data-dir",
        real.to_str().unwrap(),
        "demo",
        "--patients",
        "5",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("non contiene un archivio dimostrativo"),
        "{}",
        stderr(&o)
    );
    let desk = Desk::open(&real, clock()).unwrap();
    assert_eq!(desk.archive().check().unwrap().patients, 1);
    assert!(!desk.is_demo());
    assert!(desk.operators().list().unwrap().is_empty());
    // Fictional patients loaded by other means into such a store bring no
    // demo/demo operator.
    desk.load_demo(5, 2, &mut |_, _| true).unwrap();
    assert!(desk.login("demo", "demo").is_err());
    drop(desk);

    // A folder with other files in it is not a new folder either.
    let papers = dir.path().join("documenti");
    std::fs::create_dir_all(&papers).unwrap();
    std::fs::write(papers.join("lettera.txt"), "cara Anna").unwrap();
    let o = sportello(&[
        "--data-dir",
        papers.to_str().unwrap(),
        "demo",
        "--patients",
        "5",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!papers.join("db").exists());

    // A new folder becomes a demonstration store, with demo/demo, and
    // `demo` may add to it again.
    let new = dir.path().join("prova");
    let n = new.to_str().unwrap();
    for _ in 0..2 {
        let o = sportello(&["--data-dir", n, "demo", "--patients", "5"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let desk = Desk::open(&new, clock()).unwrap();
    assert!(desk.is_demo());
    assert_eq!(desk.archive().check().unwrap().patients, 10);
    desk.login("demo", "demo").unwrap();
}

/// A kill during `demo` left thousands of dangling index entries and a
/// store that looked usable. Now the interrupted load is refused at the
/// next open, with the way out.
#[test]
fn a_demo_killed_midway_is_refused_at_the_next_open() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["--data-dir", d, "demo", "--patients", "500000"])
        .env_remove("SPORTELLO_DATA")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The first progress line comes once the load has begun.
    let mut err = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Pazienti creati: 0/") {
        assert_eq!(
            err.read(&mut byte).unwrap(),
            1,
            "{}",
            String::from_utf8_lossy(&seen)
        );
        seen.push(byte[0]);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for args in [
        vec!["--data-dir", d, "check"],
        vec!["--data-dir", d, "find", "rossi"],
    ] {
        let o = sportello(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let text = stderr(&o);
        assert!(text.contains("non è finito"), "{text}");
        assert!(
            text.contains(&format!("Cancellare la cartella {d}")),
            "{text}"
        );
        assert!(
            text.contains(&format!("sportello --data-dir {d} demo")),
            "{text}"
        );
    }
}

/// Runs the binary as the operating-system user "mario", without automatic
/// backups (which would add their own audit entries).
fn sportello_as_mario(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(args)
        .env_remove("SPORTELLO_DATA")
        .env_remove("USERNAME")
        .env("USER", "mario")
        .env("SPORTELLO_BACKUP_GIORNI", "0")
        .output()
        .expect("run sportello")
}

/// The audit entries after the first `since`, oldest first.
fn audit_after(data: &std::path::Path, since: u64) -> Vec<sportello::domain::audit::AuditEntry> {
    use sportello::domain::audit::AuditFilter;
    use sportello::service::{Desk, FixedClock};
    let desk = Desk::open_existing(
        data,
        std::sync::Arc::new(FixedClock::on(2026, 11, 23).unwrap()),
    )
    .unwrap();
    let mut entries = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 1000)
        .unwrap();
    entries.retain(|e| e.seq > since);
    entries.reverse();
    entries
}

/// `find`, `export patto`, `export pai`, `ics` and `agenda` each add one
/// entry to the audit trail, naming the operating-system user and whom the
/// command showed.
#[test]
fn command_line_reads_are_recorded_with_the_os_user() {
    use sportello::service::{Desk, FixedClock};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dati");
    let out = dir.path().join("stampe");
    let (pid, cf, patto_id, pai_id, first_day) = {
        let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
        let pid = common::agenda::setup(&desk);
        let pai = desk.pai().current_pai(pid).unwrap().unwrap();
        let proposals = desk
            .agenda()
            .plan_pai(pai.id, &Default::default())
            .unwrap()
            .proposals;
        desk.agenda().accept_proposals(pai.id, &proposals).unwrap();
        let first_day = proposals.iter().map(|p| p.start.date()).min().unwrap();
        let patto = desk.patto().patti(pid).unwrap()[0].numero_label();
        (
            pid,
            desk.patients()
                .patient(pid)
                .unwrap()
                .unwrap()
                .codice_fiscale,
            patto,
            pai.id,
            first_day,
        )
    };
    let d = data.to_str().unwrap();
    let o = out.to_str().unwrap();
    // A first run marks the sample Gestori as seeded; reads start after it.
    let warm = sportello_as_mario(&["audit", "verify", "--data-dir", d]);
    assert_eq!(warm.status.code(), Some(0), "{warm:?}");
    let who = "riga di comando (utente os: mario)";
    let giorno = first_day.format("%d/%m/%Y").to_string();
    let mut seen = audit_after(&data, 0).len() as u64;

    let mut run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--data-dir", d]);
        let o = sportello_as_mario(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {o:?}");
        let added = audit_after(&data, seen);
        seen += added.len() as u64;
        assert_eq!(added.len(), 1, "{args:?}: {added:?}");
        let e = added.into_iter().next().unwrap();
        assert_eq!(e.operator, who, "{args:?}");
        (e.action.label(), e.patient, e.summary)
    };

    assert_eq!(
        run(&["find", "cantu"]),
        (
            "consultazione elenco",
            Some(pid),
            format!("ricerca \"cantu\": 1 paziente (id {pid})")
        )
    );
    assert_eq!(
        run(&["find", "nessuno-cosi"]),
        (
            "consultazione elenco",
            None,
            "ricerca \"nessuno-cosi\": 0 pazienti (nessun paziente)".to_string()
        )
    );
    assert_eq!(
        run(&["export", "patto", "--patient", &cf, "--dir", o]),
        (
            "apertura scheda",
            Some(pid),
            format!("stampa del Patto di Cura {patto_id} (PDF, TXT)")
        )
    );
    assert_eq!(
        run(&["export", "pai", "--patient", &cf, "--dir", o]),
        (
            "apertura scheda",
            Some(pid),
            format!("stampa del PAI {pai_id} versione 1 (PDF, JSON)")
        )
    );
    let (action, patient, summary) = run(&["ics", "--patient", &cf]);
    assert_eq!((action, patient), ("apertura scheda", Some(pid)));
    assert!(
        summary.starts_with("appuntamenti in formato iCalendar ("),
        "{summary}"
    );
    let (action, patient, summary) = run(&["agenda", "--giorno", &giorno, "--csv"]);
    assert_eq!((action, patient), ("consultazione elenco", None));
    assert!(
        summary.starts_with(&format!("lista del giorno {giorno} (CSV): ")),
        "{summary}"
    );
    assert!(summary.ends_with(&format!("id {pid}")), "{summary}");
    let pdf = out.join("lista.pdf");
    let (_, _, summary) = run(&[
        "agenda",
        "--giorno",
        &giorno,
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        summary.starts_with(&format!("lista del giorno {giorno} (testo, PDF): ")),
        "{summary}"
    );
    // The chain still verifies.
    let v = sportello_as_mario(&["audit", "verify", "--data-dir", d]);
    assert!(
        stdout(&v).starts_with(&format!(
            "Registro accessi: catena integra, {seen} voci\nAncora del registro: {seen}:"
        )),
        "{}",
        stdout(&v)
    );
}

/// Control characters and bidirectional overrides in an imported list never
/// reach the store or the terminal; a cell that a spreadsheet would run as a
/// formula is exported with a leading apostrophe.
#[test]
fn imported_control_characters_are_removed_and_exported_formulas_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let d = d.to_str().unwrap();
    let file = dir.path().join("elenco.csv");
    // Ordinary rows around them, as in a real list (a file of mostly
    // control characters is not taken for text at all).
    let ordinary: String = (1..=10)
        .map(|i| format!("030321;Cooperativa Ordinaria {i};Milano;02 000 000{i}\n"))
        .collect();
    std::fs::write(
        &file,
        format!(
            "ATS;Denominazione;Comune;Telefono\n{ordinary}\
             030321;Coop\u{1b}[31m Salute\u{7} \u{202e}Rossa\u{202c};Mi\u{2066}lano\u{2069};02 123\n\
             030321;\"=HYPERLINK(\"\"http://x.invalid\"\";\"\"clic\"\")\";Monza;+39 039 1\n"
        ),
    )
    .unwrap();
    let o = sportello_as_mario(&[
        "import",
        "gestori",
        file.to_str().unwrap(),
        "--conferma",
        "--data-dir",
        d,
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(!o.stdout.contains(&0x1b), "{}", stdout(&o));
    let o = sportello_as_mario(&["export", "gestori", "--ats", "030321", "--data-dir", d]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(!o.stdout.contains(&0x1b));
    assert!(!o.stdout.contains(&0x07));
    let text = stdout(&o);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{2066}'),
        "{text}"
    );
    assert!(
        text.contains("030321,,Coop[31m Salute Rossa,Cooperativa MMG,,Milano,02 123,"),
        "{text}"
    );
    assert!(
        text.contains(
            "030321,,\"'=HYPERLINK(\"\"http://x.invalid\"\";\"\"clic\"\")\",Altro,,Monza,'+39 039 1,"
        ),
        "{text}"
    );
}

/// `export gestori` writes the column names of the ATS list imported (PEC,
/// "Codice Fiscale/P.IVA"), not names of its own; the export imports back
/// with nothing changed. The import's preview says which values lost their
/// leading zeros in Excel.
#[test]
fn export_gestori_keeps_the_ats_header_and_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dati");
    let d = d.to_str().unwrap();
    let file = dir.path().join("elenco.csv");
    std::fs::write(
        &file,
        "Denominazione;Tipologia;Comune;PEC;Codice Fiscale/P.IVA;ATS\n\
         Cooperativa Uno;Cooperativa MMG;Pavia;uno@pec.esempio.invalid;1234567897;30328\n\
         Cooperativa Due;Cooperativa MMG;Vigevano;due@pec.esempio.invalid;12874720159;328\n",
    )
    .unwrap();
    let import = |path: &str| {
        let o = sportello_as_mario(&["import", "gestori", path, "--conferma", "--data-dir", d]);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        stdout(&o)
    };
    let out = import(file.to_str().unwrap());
    for line in [
        "  riga 2 (avviso): ATS 30328 letto come 030328: zeri iniziali persi (Excel)",
        "  riga 2 (avviso): P.IVA 1234567897 letta come 01234567897: zeri iniziali persi (Excel)",
        "  riga 3 (avviso): ATS 328 letto come 030328: zeri iniziali persi (Excel)",
    ] {
        assert!(out.lines().any(|l| l == line), "{line} in {out}");
    }
    let o = sportello_as_mario(&["export", "gestori", "--ats", "030328", "--data-dir", d]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let exported = stdout(&o);
    assert_eq!(
        exported.lines().next(),
        Some(
            "ATS,Codice,Denominazione,Tipologia,Indirizzo,Comune,Telefono,PEC,Referente,\
             Codice Fiscale/P.IVA,Livelli,Idoneo"
        )
    );
    assert!(
        exported.contains("030328,,Cooperativa Uno,Cooperativa MMG,,Pavia,,uno@pec.esempio.invalid,,01234567897,tutti,sì"),
        "{exported}"
    );
    let again = dir.path().join("esportato.csv");
    std::fs::write(&again, &exported).unwrap();
    let out = import(again.to_str().unwrap());
    assert!(
        out.contains("Modifiche: 0 nuovi, 0 aggiornati, 2 invariati, 0 non più idonei"),
        "{out}"
    );
    assert!(!out.contains("avviso"), "{out}");
    let o = sportello_as_mario(&["export", "gestori", "--ats", "030328", "--data-dir", d]);
    assert_eq!(stdout(&o), exported);
}

/// Words of Italian sentences that no English output may hold (command
/// and option names, and domain names such as codice fiscale, Gestore,
/// Patto di Cura, PAI, are the same in both languages).
const ITALIAN: &[&str] = &[
    "Uso:",
    "Comandi",
    "Opzioni",
    "Argomenti",
    "Mostra ",
    " il ",
    " della ",
    " dei ",
    " non ",
    "Cartella",
    "Lingua",
    "paziente",
    "archivio",
    "Errore",
    "Nessun",
    "Sesso",
    "nascita",
    "valido",
];

fn assert_english(text: &str) {
    for word in ITALIAN {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

#[test]
fn help_is_english_with_lang_en() {
    for args in [
        &["--lang", "en", "--help"][..],
        &["--help", "--lang=en"],
        &["--lang", "en", "backup", "--help"],
        &["--lang", "en", "export", "patto", "--help"],
        &["--lang", "en", "operator", "chiave", "add", "--help"],
        &["--lang", "en", "gdpr", "erase", "--help"],
        &["--lang", "en", "import", "gestori", "--help"],
    ] {
        let o = sportello(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(out.contains("Usage: sportello"), "{out}");
        assert!(out.contains("Shows this help"), "{out}");
        assert_english(&out);
    }
    let o = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["find", "--help"])
        .env("SPORTELLO_LANG", "en")
        .output()
        .expect("run sportello");
    let out = stdout(&o);
    assert!(
        out.contains("Finds patients as the lookup screen does"),
        "{out}"
    );
    assert_english(&out);
    // Italian stays the default.
    let out = stdout(&sportello(&["--help"]));
    assert!(out.contains("Uso: sportello"), "{out}");
    assert!(out.contains("Mostra questo aiuto"), "{out}");
}

#[test]
fn cf_and_errors_are_english_with_lang_en() {
    let o = sportello(&["--lang", "en", "cf", "RSSMRA68A01H501Y"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Sex: male"), "{out}");
    assert!(out.contains("Date of birth: 01/01/1968"), "{out}");
    assert!(out.contains("Place of birth: Roma (RM, H501)"), "{out}");
    assert_english(&out);

    let o = sportello(&["--lang", "en", "cf", "RSSMRA68A01H501"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(
        out.trim(),
        "Codice fiscale not valid: The codice fiscale must have 16 characters (it has 15)"
    );

    // A store that is not there: the service's error, in English, exit 2.
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nowhere");
    let d = missing.to_str().expect("utf-8 path");
    let o = sportello(&["--lang", "en", "--data-dir", d, "find", "rossi"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("Error: The data folder "), "{err}");
    assert!(err.contains("holds no sportello store"), "{err}");
    assert_english(&err);
}

/// Words of the command line's Italian outputs, on top of [`ITALIAN`].
const ITALIAN_OUTPUT: &[&str] = &[
    "voci",
    "Registro",
    "Ancora",
    "verificato",
    "attivo",
    "segreteria",
    "Operatore",
    "creato",
    "Pazienti",
    "Spazio",
    "Problemi",
    "giorno",
    "Anno",
    "festività",
    "santo",
    "appuntamenti",
    "stato",
    "ripristinato",
    "Attenzione",
];

fn assert_english_output(text: &str) {
    assert_english(text);
    for word in ITALIAN_OUTPUT {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

fn sportello_en(data: &str, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["--lang", "en", "--data-dir", data])
        .args(args)
        .env_remove("SPORTELLO_DATA")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run sportello");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("sportello ends")
}

#[test]
fn commands_print_english_with_lang_en() {
    // festivi: the national holidays and the messages in English (a patron
    // saint's name stays as written).
    let o = sportello(&["--lang", "en", "festivi", "2026", "--comune", "Nowhere"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o).trim(),
        "No patron saint known for the comune \"Nowhere\": only the national holidays are listed"
    );
    assert!(stdout(&o).starts_with("01/01/2026 New Year's Day\n06/01/2026 Epiphany\n"));
    let o = sportello(&["--lang", "en", "festivi", "26"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "Year not valid: 26 (write the year with four digits, for example 2026)"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().join("data");
    let data = d.to_str().expect("utf-8 path");

    let o = sportello_en(
        data,
        &["operator", "add", "anna", "--role", "segreteria"],
        b"password-anna\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Operator anna created (front desk)\n");
    assert!(
        stderr(&o).contains("Automatic backup of the day: "),
        "{}",
        stderr(&o)
    );
    assert_english_output(&stderr(&o));

    let o = sportello_en(data, &["operator", "list"], b"");
    assert_eq!(stdout(&o), "anna\tfront desk\tactive\n");

    let o = sportello_en(data, &["check"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Patients: 0  Index entries: "), "{out}");
    assert!(out.contains("Problems: 0"), "{out}");
    assert_english_output(&out);

    let o = sportello_en(data, &["audit", "verify"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Audit trail: chain intact, 2 entries\nAudit trail anchor: 2:"),
        "{out}"
    );
    assert_english_output(&out);

    let file = dir.path().join("copy.sportello");
    let f = file.to_str().expect("utf-8 path");
    let o = sportello_en(data, &["backup", f], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!("Verified backup written to {f}: ")),
        "{out}"
    );
    assert!(out.contains("\nAudit trail anchor: "), "{out}");
    assert_english_output(&out);

    let o = sportello_en(data, &["agenda", "--giorno", "01/12/2026", "--csv"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "date,start,end,where,surname,name,codice_fiscale,service,state\n"
    );
    let o = sportello_en(data, &["agenda", "--giorno", "1/12/26"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("Date not valid: 1/12/26"),
        "{}",
        stderr(&o)
    );

    let o = sportello_en(data, &["restore", f, "--si"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Backup of "), "{out}");
    assert!(
        out.contains("0 patients, 1 operator, audit trail up to entry"),
        "{out}"
    );
    assert!(out.contains(&format!("Store restored from {f}: ")), "{out}");
    assert!(out.contains("The previous store is kept in "), "{out}");
    assert_english_output(&out);

    // A Gestori file that cannot be read at all.
    let empty = dir.path().join("gestori.csv");
    std::fs::write(&empty, b"").expect("write file");
    let e = empty.to_str().expect("utf-8 path");
    let o = sportello_en(data, &["import", "gestori", e], b"");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "the file is empty: no row to import\n");
    let o = sportello_en(data, &["import", "gestori", e, "--ats", "Atlantide"], b"");
    assert_eq!(
        stderr(&o),
        "unknown ATS \"Atlantide\" (option --ats): use a code from 030321 to 030328 or the ATS's name\n"
    );
    let o = sportello(&["--data-dir", data, "import", "gestori", e]);
    assert_eq!(stderr(&o), "il file è vuoto: nessuna riga da importare\n");
    // An operator's key file that holds no key.
    let not_a_key = dir.path().join("anna.pub");
    std::fs::write(&not_a_key, "ssh-ed25519 AAAA anna@desk\n").expect("write file");
    let k = not_a_key.to_str().expect("utf-8 path");
    let o = sportello_en(data, &["operator", "chiave", "add", "anna", k], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("Error: {k} (not a valid SSH public key: ")),
        "{}",
        stderr(&o)
    );
    // Rows skipped and rows to check, in English.
    let list = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gestori/brianza-excel-1252.csv"
    );
    let o = sportello_en(data, &["import", "gestori", list, "--ats", "030324"], b"");
    let out = stdout(&o);
    for line in [
        "  row 9: the name (Denominazione) is missing\n",
        "  row 11: duplicate of row 5 (same name and ATS)\n",
        "  row 5 (warning): P.IVA 1234567897 read as 01234567897: leading zeros lost (Excel)\n",
        "  row 7 (warning): e-mail \"centroservizi.esempio.invalid\" without @: check it\n",
        "  row 12 (warning): values past the header's last column: ignored\n",
    ] {
        assert!(out.contains(line), "{line} in {out}");
    }
    // The lines of the rows (the Gestori's own names aside).
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  row ")).collect();
    assert_eq!(rows.len(), 5, "{out}");
    assert_english_output(&rows.join("\n"));
    let o = sportello(&[
        "--data-dir",
        data,
        "import",
        "gestori",
        list,
        "--ats",
        "030324",
    ]);
    assert!(
        stdout(&o).contains("  riga 9: manca la denominazione\n"),
        "{}",
        stdout(&o)
    );

    // Italian stays the default.
    let o = sportello(&["--data-dir", data, "operator", "list"]);
    assert_eq!(stdout(&o), "anna\tsegreteria\tattivo\n");
}
