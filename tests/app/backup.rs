//! Backups: round trip, damaged and foreign files, a store in use.

use std::sync::Arc;

use sportello::service::{Desk, FixedClock};
use sportello::store::Store;
use sportello::store::backup::{BackupError, restore_backup, verify_backup};

fn demo_store(dir: &std::path::Path, n: usize) -> Desk {
    let desk = Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    desk.load_demo(n, 11, &mut |_, _| true).unwrap();
    desk
}

fn names(desk: &Desk, q: &str) -> Vec<String> {
    desk.patients()
        .find(q, 1000)
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {} {}", p.cognome, p.nome, p.codice_fiscale))
        .collect()
}

#[test]
fn backup_then_restore_gives_the_same_store() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("copia.backup");
    let before;
    {
        let desk = demo_store(&data, 500);
        before = names(&desk, "r");
        assert!(!before.is_empty());
    }
    let store = Store::open(&data).unwrap();
    let summary = store.backup_to(&file).unwrap();
    assert!(summary.entries > 500 * 4, "{summary:?}");
    assert!(
        summary
            .trees
            .iter()
            .any(|(t, n)| t == "patients" && *n == 500)
    );
    assert!(
        !root.path().join("copia.tmp").exists(),
        "temporary name removed"
    );
    // Change the store after the backup: restore must bring it back.
    drop(store);
    {
        let desk = demo_store(&data, 100);
        assert_ne!(names(&desk, "r"), before);
    }
    let (restored, kept) = restore_backup(&file, &data).unwrap();
    assert_eq!(restored.entries, summary.entries);
    let kept = kept.unwrap();
    assert!(kept.ends_with("dati.prima-del-ripristino-1"), "{kept:?}");
    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    assert_eq!(names(&desk, "r"), before);
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn damaged_foreign_and_truncated_backups_are_refused_and_the_store_untouched() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("copia.backup");
    let before = {
        let desk = demo_store(&data, 200);
        names(&desk, "b")
    };
    Store::open(&data).unwrap().backup_to(&file).unwrap();
    let good = std::fs::read(&file).unwrap();

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let bad = root.path().join("rotto.backup");
    std::fs::write(&bad, &flipped).unwrap();
    assert!(matches!(
        verify_backup(&bad),
        Err(BackupError::Damaged { .. })
    ));
    assert!(matches!(
        restore_backup(&bad, &data),
        Err(BackupError::Damaged { .. })
    ));

    let truncated = root.path().join("corto.backup");
    std::fs::write(&truncated, &good[..good.len() - 10]).unwrap();
    let err = restore_backup(&truncated, &data).unwrap_err();
    assert!(err.to_string().contains("danneggiato"), "{err}");

    let foreign = root.path().join("foto.jpg");
    std::fs::write(&foreign, b"\xFF\xD8\xFF\xE0 not a backup at all").unwrap();
    assert!(matches!(
        restore_backup(&foreign, &data),
        Err(BackupError::Foreign(_))
    ));

    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    assert_eq!(names(&desk, "b"), before);
    // Open elsewhere: refused, nothing moved.
    let err = restore_backup(&file, &data).unwrap_err();
    assert!(err.to_string().contains("già aperto"), "{err}");
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());
    assert!(!root.path().join("dati.ripristino-in-corso").exists());
}

use crate::common;

use common::cli::sportello_with_input;
use std::path::Path;

fn run(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let o = sportello_with_input(args, stdin);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn patients_in(data: &Path) -> String {
    let (_, out, err) = run(&["check", "--data-dir", data.to_str().unwrap()], "");
    out.lines()
        .find(|l| l.starts_with("Pazienti:"))
        .map(|l| l.split("  ").next().unwrap_or_default().to_string())
        .unwrap_or(err)
}

/// The anchor printed on an "Ancora del registro: N:HEX (...)" line.
fn anchor_in(out: &str) -> String {
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix("Ancora del registro: "))
        .unwrap_or_else(|| panic!("no anchor in {out}"));
    line.split_whitespace().next().unwrap().to_string()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("sportello-tmp") || n.ends_with(".plain") || n.ends_with(".tmp"))
        .filter(|n| n != "copia.tmp")
        .collect()
}

#[test]
fn a_backup_never_lands_inside_the_store_nor_on_a_file_not_ours() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    drop(demo_store(&data, 30));
    std::fs::create_dir_all(data.join("backup")).unwrap();
    let d = data.to_str().unwrap();
    let snap = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("snap.")
        });
    let mut inside = vec![
        data.join("db"),
        data.join("conf"),
        data.clone(),
        data.join("backup"),
        data.join("backup").join("mia.backup"),
        data.join("nuovo.backup"),
    ];
    inside.extend(snap);
    for dest in &inside {
        let (code, out, err) = run(&["backup", dest.to_str().unwrap(), "--data-dir", d], "");
        assert_eq!(code, Some(1), "{dest:?}: {out}{err}");
        assert!(
            err.contains("è dentro la cartella dei dati"),
            "{dest:?}: {err}"
        );
    }
    assert!(!data.join("nuovo.backup").exists());
    assert!(!data.join("backup").join("mia.backup").exists());
    assert_eq!(patients_in(&data), "Pazienti: 30");

    // Somebody's file with the name asked, and one beside it named like the
    // old temporary file: neither is touched.
    let letter = root.path().join("lettera.txt");
    std::fs::write(&letter, "Gentile dottore").unwrap();
    let (code, _, err) = run(&["backup", letter.to_str().unwrap(), "--data-dir", d], "");
    assert_eq!(code, Some(1));
    assert!(err.contains("non è un backup di sportello"), "{err}");
    assert_eq!(std::fs::read_to_string(&letter).unwrap(), "Gentile dottore");

    let folder = root.path().join("chiavetta");
    std::fs::create_dir_all(&folder).unwrap();
    let (code, _, err) = run(&["backup", folder.to_str().unwrap(), "--data-dir", d], "");
    assert_eq!(code, Some(1));
    assert!(err.contains("è una cartella"), "{err}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    assert!(
        leftovers(root.path()).is_empty(),
        "{:?}",
        leftovers(root.path())
    );

    let copy = root.path().join("copia.backup");
    let c = copy.to_str().unwrap();
    std::fs::write(root.path().join("copia.tmp"), "appunti").unwrap();
    let (code, out, err) = run(&["backup", c, "--data-dir", d], "");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Backup verificato scritto in"), "{out}");
    assert!(anchor_in(&out).contains(':'));
    assert_eq!(
        std::fs::read_to_string(root.path().join("copia.tmp")).unwrap(),
        "appunti"
    );
    assert!(
        leftovers(root.path()).is_empty(),
        "{:?}",
        leftovers(root.path())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    // Our own backup: replaced only when asked.
    let first = std::fs::read(&copy).unwrap();
    let (code, _, err) = run(&["backup", c, "--data-dir", d], "");
    assert_eq!(code, Some(1));
    assert!(err.contains("--sovrascrivi"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), first);
    let (code, _, err) = run(&["backup", c, "--sovrascrivi", "--data-dir", d], "");
    assert_eq!(code, Some(0), "{err}");
    assert!(verify_backup(&copy).is_ok());
    // The desk's own automatic backup is written into the data folder.
    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    assert!(matches!(
        desk.archive().daily_backup(7).unwrap(),
        sportello::service::backup::DailyBackup::Written { .. }
    ));
}

#[test]
fn restore_shows_what_it_replaces_asks_and_records_the_roll_back() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let d = data.to_str().unwrap();
    let file = root.path().join("mattina.backup");
    let f = file.to_str().unwrap();
    drop(demo_store(&data, 20));
    let (code, out, err) = run(&["backup", f, "--data-dir", d], "");
    assert_eq!(code, Some(0), "{err}");
    let backup_anchor = anchor_in(&out);
    {
        let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
        desk.load_demo(10, 12, &mut |_, _| true).unwrap();
    }
    assert_eq!(patients_in(&data), "Pazienti: 30");
    let (_, out, _) = run(&["audit", "verify", "--data-dir", d], "");
    let replaced_anchor = anchor_in(&out);
    assert_ne!(replaced_anchor, backup_anchor);

    let (code, out, err) = run(&["restore", f, "--data-dir", d], "no\n");
    assert_eq!(code, Some(1), "{out}{err}");
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let backup_seq = backup_anchor.split(':').next().unwrap();
    assert!(out.starts_with(&format!("Backup del {today} ")), "{out}");
    assert!(
        out.contains(&format!(
            ": 20 pazienti, 0 operatori, registro fino alla voce {backup_seq}; l'archivio attuale, 30 pazienti, sarà messo da parte in {}.prima-del-ripristino-1.",
            data.display()
        )),
        "{out}"
    );
    assert!(err.contains("Scrivere SI per confermare"), "{err}");
    assert!(err.contains("Ripristino annullato"), "{err}");
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());
    assert!(!root.path().join("dati.ripristino-in-corso").exists());
    assert_eq!(patients_in(&data), "Pazienti: 30");

    let (code, out, err) = run(&["restore", f, "--data-dir", d], "SI\n");
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Archivio ripristinato"), "{out}");
    assert_eq!(patients_in(&data), "Pazienti: 20");
    assert!(!root.path().join("dati.ripristino-in-corso").exists());
    // `check` lists the store set aside, which keeps patients erased since.
    let (_, out, _) = run(&["check", "--data-dir", d], "");
    assert!(
        out.contains(&format!(
            "Archivio messo da parte da un ripristino il {today}: {}.prima-del-ripristino-1",
            data.display()
        )),
        "{out}"
    );

    // The restored trail passes through the backup's anchor, not through
    // the replaced one, and says so in its newest entry.
    let (code, _, _) = run(
        &[
            "audit",
            "verify",
            "--ancora",
            &backup_anchor,
            "--data-dir",
            d,
        ],
        "",
    );
    assert_eq!(code, Some(0));
    let (code, out, _) = run(
        &[
            "audit",
            "verify",
            "--ancora",
            &replaced_anchor,
            "--data-dir",
            d,
        ],
        "",
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("NON corrisponde"), "{out}");
    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    let newest = desk
        .operators()
        .audit_page(&Default::default(), None, 20)
        .unwrap()
        .into_iter()
        .find(|e| e.summary.starts_with("ripristino dal backup"))
        .unwrap();
    use sha2::Digest;
    let sha =
        sportello::domain::audit::hex(&sha2::Sha256::digest(std::fs::read(&file).unwrap()).into());
    assert!(newest.summary.contains(f), "{}", newest.summary);
    assert!(newest.summary.contains(&sha), "{}", newest.summary);
    assert!(
        newest.summary.contains(&format!(
            "il registro sostituito arrivava alla voce {replaced_anchor}"
        )),
        "{}",
        newest.summary
    );
}

#[test]
fn restore_repairs_a_truncated_and_a_damaged_store() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let d = data.to_str().unwrap();
    let file = root.path().join("copia.backup");
    drop(demo_store(&data, 300));
    let (code, _, err) = run(&["backup", file.to_str().unwrap(), "--data-dir", d], "");
    assert_eq!(code, Some(0), "{err}");
    let db = data.join("db");
    let good = std::fs::read(&db).unwrap();

    // Truncated: the engine panics when opening it.
    std::fs::write(&db, &good[..good.len() / 3]).unwrap();
    let (code, out, err) = run(
        &["restore", file.to_str().unwrap(), "--si", "--data-dir", d],
        "",
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains(
            "l'archivio attuale non si apre (danneggiato): sarà messo da parte così com'è in"
        ),
        "{out}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(patients_in(&data), "Pazienti: 300");
    assert!(!root.path().join("dati.ripristino-in-corso").exists());
    let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
    let newest = desk
        .operators()
        .audit_page(&Default::default(), None, 20)
        .unwrap()
        .into_iter()
        .find(|e| e.summary.starts_with("ripristino dal backup"))
        .unwrap();
    assert!(
        newest
            .summary
            .contains("il registro sostituito non si è potuto leggere (archivio danneggiato)"),
        "{}",
        newest.summary
    );
    drop(desk);

    // A damaged page in the middle.
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 4096] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let (code, out, err) = run(
        &["restore", file.to_str().unwrap(), "--si", "--data-dir", d],
        "",
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(patients_in(&data), "Pazienti: 300");
    assert!(root.path().join("dati.prima-del-ripristino-2").is_dir());
    assert!(!root.path().join("dati.ripristino-in-corso").exists());
}

#[test]
fn a_rewritten_audit_chain_passes_verify_but_not_its_anchor() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let d = data.to_str().unwrap();
    drop(demo_store(&data, 5));
    {
        let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap();
        desk.operators()
            .add_operator(
                "anna",
                "password-anna",
                sportello::domain::operator::Role::Segreteria,
            )
            .unwrap();
    }
    let (code, out, _) = run(&["audit", "verify", "--data-dir", d], "");
    assert_eq!(code, Some(0), "{out}");
    let anchor = anchor_in(&out);
    let (code, out, _) = run(
        &["audit", "verify", "--ancora", &anchor, "--data-dir", d],
        "",
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains(&format!("L'ancora {anchor} corrisponde")),
        "{out}"
    );
    let entries: u64 = anchor.split(':').next().unwrap().parse().unwrap();

    // Rewrite the whole trail, every hash recomputed, same length.
    {
        let db = common::raw_sled(&data);
        db.drop_tree("audit").unwrap();
        db.open_tree("meta").unwrap().remove("audit_head").unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&data).unwrap();
    for i in 0..entries {
        store
            .append_audit(&sportello::domain::audit::AuditRecord {
                at: chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
                    .unwrap()
                    .and_hms_opt(9, 0, 0)
                    .unwrap(),
                operator: "mallory".into(),
                action: sportello::domain::audit::AuditAction::Login,
                patient: None,
                summary: format!("voce {i}"),
            })
            .unwrap();
    }
    drop(store);
    let (code, out, _) = run(&["audit", "verify", "--data-dir", d], "");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("catena integra"), "{out}");
    let (code, out, _) = run(
        &["audit", "verify", "--ancora", &anchor, "--data-dir", d],
        "",
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "L'ancora {anchor} NON corrisponde: ora la voce {entries} è {entries}:"
        )),
        "{out}"
    );
    assert!(out.contains("riscritto"), "{out}");
    let (code, _, err) = run(
        &["audit", "verify", "--ancora", "3:xyz", "--data-dir", d],
        "",
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("Ancora non valida"), "{err}");
}

#[test]
fn what_a_killed_backup_or_restore_left_is_cleaned_at_the_next_start() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    drop(demo_store(&data, 5));
    let auto = data.join("backup");
    std::fs::create_dir_all(&auto).unwrap();
    let left = [
        auto.join("sportello-2026-11-21.tmp"),
        auto.join(".sportello-2026-11-22.backup.sportello-tmp-4242-00ff00ff00ff00ff"),
        root.path().join(".dati.backup-4242.plain"),
        root.path()
            .join(".dati.verifica-4242-0123456789abcdef.plain"),
    ];
    for f in &left {
        std::fs::write(f, "SPORTELLO-BACKUP in chiaro").unwrap();
    }
    let staging = root.path().join("dati.ripristino-in-corso");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("db"), "pezzi").unwrap();
    let kept = [
        auto.join("sportello-2026-11-20.backup"),
        auto.join("appunti.txt"),
        root.path().join(".altro.backup-1.plain"),
        root.path().join("dati.backup"),
    ];
    for f in &kept {
        std::fs::write(f, "mio").unwrap();
    }
    drop(Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 22).unwrap())).unwrap());
    for f in &left {
        assert!(!f.exists(), "{f:?} left");
    }
    assert!(!staging.exists());
    for f in &kept {
        assert_eq!(std::fs::read_to_string(f).unwrap(), "mio", "{f:?}");
    }
}

#[test]
fn stores_set_aside_by_a_restore_are_pruned_after_the_retention() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let desk = demo_store(&data, 3);
    let day = |d: u32| {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_local_timezone(chrono::Local)
            .unwrap();
        std::time::SystemTime::from(t)
    };
    for (n, d) in [(1, 10), (2, 20)] {
        let dir = root.path().join(format!("dati.prima-del-ripristino-{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::File::open(&dir)
            .unwrap()
            .set_modified(day(d))
            .unwrap();
    }
    std::fs::create_dir_all(root.path().join("dati.prima-del-ripristino-x")).unwrap();
    let listed: Vec<String> = desk
        .archive()
        .set_aside_stores()
        .iter()
        .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listed,
        ["dati.prima-del-ripristino-1", "dati.prima-del-ripristino-2"]
    );
    assert!(desk.archive().prune_set_aside(0).is_empty(), "0 keeps them");
    // On 22/11 with 7 days: the one of 10/11 goes, the one of 20/11 stays.
    let pruned = desk.archive().prune_set_aside(7);
    assert_eq!(pruned.len(), 1);
    assert!(pruned[0].path.ends_with("dati.prima-del-ripristino-1"));
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());
    assert!(root.path().join("dati.prima-del-ripristino-2").is_dir());
}

#[cfg(unix)]
#[test]
fn a_signal_during_an_encrypted_backup_leaves_no_plain_copy() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    drop(demo_store(&data, 1500));
    let out = root.path().join("fuori");
    std::fs::create_dir_all(&out).unwrap();
    for signal in ["TERM", "INT", "HUP"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sportello"))
            .args(["backup", "--cifra", "--data-dir", data.to_str().unwrap()])
            .arg(out.join("copia.age"))
            .env_remove("SPORTELLO_DATA")
            .env("SPORTELLO_BACKUP_GIORNI", "0")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"una passphrase lunga\nuna passphrase lunga\n")
            .unwrap();
        // Wait for the plain copy (it lives while age derives the key).
        let plain = |dir: &Path| {
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .any(|n| n.starts_with(".dati.backup-") && n.ends_with(".plain"))
        };
        let mut seen = false;
        for _ in 0..20_000 {
            if plain(root.path()) {
                seen = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(seen, "{signal}: the plain copy never appeared");
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "{signal}: {status:?}");
        assert!(!plain(root.path()), "{signal}: plain copy left behind");
        assert!(leftovers(root.path()).is_empty(), "{signal}");
        assert!(
            leftovers(&out).is_empty(),
            "{signal}: {:?}",
            leftovers(&out)
        );
        assert!(!out.join("copia.age").exists(), "{signal}");
    }
}

/// sled's id generator is not one of the trees a backup holds: a restored
/// store counted again from where a fresh store starts (sled moves it on by
/// a million at each open), below the ids of a store that had given out
/// millions, so new records could take the ids of restored ones.
#[test]
fn ids_after_a_restore_continue_above_the_restored_ones() {
    use sportello::domain::Sex;
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("copia.backup");
    let clock = || Arc::new(FixedClock::on(2026, 11, 22).unwrap());
    let born = chrono::NaiveDate::from_ymd_opt(1950, 3, 4).unwrap();
    drop(Desk::open(&data, clock()).unwrap());
    {
        // A store that has given out five million ids (a large demo does).
        let store = Store::open(&data).unwrap();
        for _ in 0..5_000_000 {
            store.next_id().unwrap();
        }
        store.make_durable().unwrap();
    }
    let last = {
        let desk = Desk::open(&data, clock()).unwrap();
        desk.patients()
            .register_patient(common::patient::patient("Rossi", "Anna", Sex::F, born))
            .unwrap()
    };
    assert!(last > 5_000_000, "{last}");
    Store::open(&data).unwrap().backup_to(&file).unwrap();
    let fresh = root.path().join("nuovo");
    restore_backup(&file, &fresh).unwrap();
    let desk = Desk::open(&fresh, clock()).unwrap();
    let added = desk
        .patients()
        .register_patient(common::patient::patient("Verdi", "Carla", Sex::F, born))
        .unwrap();
    assert!(added > last, "new id {added} not above the restored {last}");
    assert_eq!(
        desk.patients().patient(last).unwrap().map(|p| p.cognome),
        Some("Rossi".to_string())
    );
    assert!(desk.archive().check().unwrap().is_ok());
}
