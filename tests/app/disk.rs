//! The store's folder missing, on a full disk, on a read-only disk: a clear
//! Italian message, exit code 2, and nothing saved is lost.
//!
//! The full and read-only disks are a small tmpfs mounted for the test: that
//! needs root (as on the development machines and CI). Where mounting is not
//! allowed those two tests say so and stop; the failpoint tests
//! (tests/failpoints.rs) cover write failures everywhere.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use sportello::service::{Desk, FixedClock};

fn sportello(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(args)
        .env_remove("SPORTELLO_DATA")
        .output()
        .expect("run sportello")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A tmpfs of `size` mounted on a temporary folder, unmounted on drop.
struct Tmpfs {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("mount of a tmpfs not allowed here: test skipped (needs root)");
            return None;
        }
        Some(Tmpfs {
            path: dir.path().to_path_buf(),
            _dir: dir,
        })
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.path)
            .status()
            .unwrap();
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

fn desk(dir: &Path) -> Desk {
    Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap()
}

/// Patients reported saved by the writer, with their CF.
fn saved_patients(out: &str) -> Vec<u64> {
    out.lines()
        .filter_map(|l| l.strip_prefix("saved patient "))
        .map(|id| id.parse().unwrap())
        .collect()
}

#[test]
fn a_full_disk_stops_the_writer_with_code_2_and_loses_nothing() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let data = fs.path.join("dati");
    let d = data.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["prova-scrittura", "--data-dir", d, "--limit", "100000"])
        .env_remove("SPORTELLO_DATA")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("è pieno: liberare spazio"), "{err}");
    assert!(err.contains(d), "{err}");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let patients = saved_patients(&out);
    assert!(patients.len() > 20, "{out}");

    // Still full: a check reads fine, a write is refused with the same message.
    // Still full: even opening needs room (sled writes a snapshot), and is
    // refused the same way.
    let c = sportello(&["check", "--data-dir", d]);
    assert_eq!(c.status.code(), Some(2), "{}", stderr(&c));
    assert!(stderr(&c).contains("è pieno"), "{}", stderr(&c));
    // Space freed: everything reported is there and the store is sound.
    fs.remount("size=16m");
    {
        let desk = desk(&data);
        for id in &patients {
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
        let report = desk.archive().check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
    }
    let c = sportello(&["check", "--data-dir", d]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
}

#[test]
fn a_read_only_disk_is_refused_with_code_2_and_kept() {
    let Some(fs) = Tmpfs::mount("16m") else {
        return;
    };
    let data = fs.path.join("dati");
    let d = data.to_str().unwrap();
    let o = sportello(&["prova-scrittura", "--data-dir", d, "--limit", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let patients = saved_patients(&String::from_utf8_lossy(&o.stdout));
    assert_eq!(patients.len(), 3);

    fs.remount("ro");
    for args in [
        vec!["check", "--data-dir", d],
        vec!["prova-scrittura", "--data-dir", d, "--limit", "1"],
    ] {
        let o = sportello(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("in sola lettura"), "{err}");
        assert!(err.contains(d), "{err}");
    }
    fs.remount("rw");
    let desk = desk(&data);
    for id in &patients {
        assert!(desk.patients().patient(*id).unwrap().is_some());
    }
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn a_missing_store_folder_is_reported_not_created() {
    let root = tempfile::tempdir().unwrap();
    let missing = root.path().join("disco-esterno").join("dati");
    let d = missing.to_str().unwrap();
    for args in [
        vec!["check", "--data-dir", d],
        vec!["find", "rossi", "--data-dir", d],
        vec!["backup", "/tmp/x.backup", "--data-dir", d],
    ] {
        let o = sportello(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("non contiene un archivio"), "{err}");
        assert!(err.contains(d), "{err}");
        assert!(!missing.exists(), "{args:?} created the folder");
        assert!(!root.path().join("disco-esterno").exists());
    }
}

#[test]
fn a_data_dir_that_is_a_file_exits_with_2() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("dati");
    std::fs::write(&file, b"not a store").unwrap();
    let d = file.to_str().unwrap();
    let o = sportello(&["prova-scrittura", "--data-dir", d, "--limit", "1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "Errore: Impossibile usare la cartella dei dati {d}"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"not a store");
}
