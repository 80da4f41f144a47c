pub mod agenda;
pub mod cli;
pub mod gestore;
pub mod harness;
pub mod patient;
pub mod patto;
pub mod screen;

/// Opens a store's sled database directly, as an older sportello or a
/// damaged copy would leave it. A desk dropped just before may still be
/// releasing sled's file lock on a loaded machine: retried for a few seconds.
pub fn raw_sled(path: impl AsRef<std::path::Path>) -> sled::Db {
    let path = path.as_ref();
    let start = std::time::Instant::now();
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if start.elapsed() > std::time::Duration::from_secs(10) => {
                panic!("sled::open({}): {e}", path.display())
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
}
