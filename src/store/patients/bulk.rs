//! A load of many patients into a store that has none (demo data, the
//! scale benchmark), written tree by tree with full leaves.
//!
//! [`Store::insert_patients_batch`] writes each batch into every patient
//! tree at once: the batch's index keys, sorted, land all over each index,
//! and a load of N batches passes N times over every leaf, splitting and
//! rewriting them. Here each batch's entries are sorted and appended as a
//! run to one file per tree in [`LOAD_DIR`] (on a thread of their own, while
//! the caller prepares the next batch); [`PatientLoad::finish`] merges
//! each tree's runs and writes the tree once, in key order, with full leaves
//! (`store::fill`). A million patients: measured in `docs/scale-sled.md`,
//! "Full leaves".
//!
//! Nothing is in the store before `finish`: a load that stops half way
//! leaves only the run files, which the next open removes (they hold the
//! loaded patients' data, and must not stay behind).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::Entries;
use crate::domain::Patient;
use crate::private_fs;
use crate::store::fill;
use crate::store::{Result, Store, StoreError, dir_error};

/// The folder of a load's run files, inside the data folder.
pub const LOAD_DIR: &str = ".caricamento";
/// The codice fiscale index in [`Store::patient_trees`].
const CF_TREE: usize = 1;

/// Patients added in batches and written at [`PatientLoad::finish`]. On a
/// store that already has patients each batch is written when added, as
/// [`Store::insert_patients_batch`] does.
pub struct PatientLoad<'a> {
    store: &'a Store,
    runs: Option<RunWriter>,
    count: u64,
}

/// The run files, sorted and written on a thread of their own while the
/// caller prepares its next batch.
struct RunWriter {
    dir: PathBuf,
    batches: Option<SyncSender<[Entries; 7]>>,
    thread: Option<JoinHandle<std::io::Result<Runs>>>,
}

impl RunWriter {
    fn start(mut runs: Runs) -> RunWriter {
        let dir = runs.dir.clone();
        // One batch queued while one is written: two batches' entries in
        // memory at most besides the one being prepared.
        let (batches, queued) = sync_channel::<[Entries; 7]>(1);
        let thread = std::thread::spawn(move || {
            for entries in queued {
                runs.append(entries)?;
            }
            for file in &mut runs.files {
                file.flush()?;
            }
            Ok(runs)
        });
        RunWriter {
            dir,
            batches: Some(batches),
            thread: Some(thread),
        }
    }

    fn append(&mut self, entries: [Entries; 7]) -> std::io::Result<()> {
        let sent = self
            .batches
            .as_ref()
            .is_some_and(|b| b.send(entries).is_ok());
        if sent {
            return Ok(());
        }
        // The thread stopped: its error.
        self.end().map(drop)
    }

    /// Waits for every batch to be written; the runs, or the first error.
    fn end(&mut self) -> std::io::Result<Runs> {
        self.batches = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(runs)) => runs,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Err(std::io::Error::other("run files already ended")),
        }
    }
}

/// A load dropped unfinished: its run files go once written.
impl Drop for RunWriter {
    fn drop(&mut self) {
        self.batches = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One file per patient tree, each a sequence of sorted runs.
struct Runs {
    dir: PathBuf,
    files: Vec<BufWriter<File>>,
    /// Per tree: where each run starts and ends in its file.
    bounds: Vec<Vec<(u64, u64)>>,
    ends: Vec<u64>,
}

impl Store {
    /// Starts a load of many patients (see [`PatientLoad`]).
    pub fn patient_load(&self) -> Result<PatientLoad<'_>> {
        self.ensure_writable()?;
        let empty = self.patient_trees().iter().all(|t| t.is_empty());
        let runs = if empty {
            let dir = self.dir.join(LOAD_DIR);
            let io = |e: std::io::Error| dir_error(&dir, &e);
            if dir.exists() {
                std::fs::remove_dir_all(&dir).map_err(io)?;
            }
            private_fs::create_dir_all_private(&dir).map_err(io)?;
            let files = (0..7)
                .map(|i| {
                    private_fs::private_file_options()
                        .open(dir.join(format!("{i}")))
                        .map(BufWriter::new)
                })
                .collect::<std::io::Result<Vec<_>>>()
                .map_err(io)?;
            Some(RunWriter::start(Runs {
                dir,
                files,
                bounds: vec![Vec::new(); 7],
                ends: vec![0; 7],
            }))
        } else {
            None
        };
        Ok(PatientLoad {
            store: self,
            runs,
            count: 0,
        })
    }
}

impl PatientLoad<'_> {
    /// Gives each patient its id and keeps the batch for [`Self::finish`].
    /// Codici fiscali already stored are refused here; repeated within the
    /// load, at `finish`, before anything is written.
    pub fn add(&mut self, patients: &mut [Patient]) -> Result<()> {
        let Some(runs) = &mut self.runs else {
            self.store.insert_patients_batch(patients)?;
            self.count += patients.len() as u64;
            return Ok(());
        };
        let entries = self.store.batch_entries(patients)?;
        runs.append(entries).map_err(|e| dir_error(&runs.dir, &e))?;
        self.count += patients.len() as u64;
        Ok(())
    }

    /// Writes what was added, each tree in one pass with full leaves, and
    /// makes it durable. Returns the number of patients loaded.
    pub fn finish(mut self) -> Result<u64> {
        let Some(mut writer) = self.runs.take() else {
            self.store.make_durable()?;
            return Ok(self.count);
        };
        let io = |dir: &Path, e: std::io::Error| dir_error(dir, &e);
        let runs = writer.end().map_err(|e| io(&writer.dir, e))?;
        // The codici fiscali, in order: a repeated one is next to itself.
        let mut previous: Option<sled::IVec> = None;
        for entry in runs.merge(CF_TREE) {
            let (cf, _) = entry.map_err(|e| match e {
                sled::Error::Io(e) => io(&runs.dir, e),
                other => self.store.fatal(other),
            })?;
            if previous.as_ref() == Some(&cf) {
                return Err(StoreError::DuplicateCf(
                    String::from_utf8_lossy(&cf).into_owned(),
                ));
            }
            previous = Some(cf);
        }
        // Watched again, and counted as one change, when this ends.
        let _unwatched = self.store.unwatch_patients();
        // One tree after the other: the log segments a tree's first pass
        // fills are emptied by its second pass and reused by the next tree.
        // (Side by side, on two cores, took the same time for a file 17%
        // larger: the trees' passes share every segment.)
        // Each tree's runs merged on a second thread while this one writes.
        std::thread::scope(|scope| {
            for (i, tree) in self.store.patient_trees().into_iter().enumerate() {
                fill::write_full_leaves(tree, || read_ahead(scope, runs.merge(i)))?;
            }
            Ok(())
        })
        .map_err(|e| self.store.fatal(e))?;
        drop(runs);
        self.store.make_durable()?;
        Ok(self.count)
    }
}

/// Entries handed over at a time by [`read_ahead`].
const AHEAD_CHUNK: usize = 256;

/// `merge`'s items, read on a thread of `scope` a few chunks ahead of
/// the caller. The thread ends when the entries do, at the first error, or
/// when the caller stops reading.
fn read_ahead<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    merge: impl Iterator<Item = sled::Result<T>> + Send + 'scope,
) -> impl Iterator<Item = sled::Result<T>> + 'scope {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<_>>(8);
    scope.spawn(move || {
        let mut chunk = Vec::with_capacity(AHEAD_CHUNK);
        for entry in merge {
            let failed = entry.is_err();
            chunk.push(entry);
            if chunk.len() == AHEAD_CHUNK || failed {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(AHEAD_CHUNK));
                if tx.send(full).is_err() || failed {
                    return;
                }
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
    });
    rx.into_iter().flatten()
}

/// The run files go with the load, finished or not.
impl Drop for Runs {
    fn drop(&mut self) {
        // Closed first: Windows does not delete a file that is open.
        self.files.clear();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// At open: the run files of a load that did not finish go.
pub(crate) fn remove_unfinished_load(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(LOAD_DIR));
}

impl Runs {
    /// Each tree's entries, sorted, as one more run: `u32` key length, key,
    /// `u32` value length, value (little-endian lengths).
    fn append(&mut self, entries: [Entries; 7]) -> std::io::Result<()> {
        for (i, mut list) in entries.into_iter().enumerate() {
            list.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let start = self.ends[i];
            let file = &mut self.files[i];
            let mut end = start;
            for (k, v) in &list {
                for part in [k, v] {
                    let len = u32::try_from(part.len()).map_err(std::io::Error::other)?;
                    file.write_all(&len.to_le_bytes())?;
                    file.write_all(part)?;
                    end += 4 + part.len() as u64;
                }
            }
            self.bounds[i].push((start, end));
            self.ends[i] = end;
        }
        Ok(())
    }

    /// Tree `i`'s entries in key order, merged from its runs.
    fn merge(&self, i: usize) -> Merge {
        Merge {
            path: self.dir.join(format!("{i}")),
            bounds: self.bounds[i].clone(),
            readers: Vec::new(),
            heap: BinaryHeap::new(),
            values: Vec::new(),
            opened: false,
        }
    }
}

/// A k-way merge of sorted runs (keys unique across runs).
struct Merge {
    path: PathBuf,
    bounds: Vec<(u64, u64)>,
    readers: Vec<(BufReader<File>, u64)>,
    heap: BinaryHeap<Reverse<(Vec<u8>, usize)>>,
    values: Vec<Vec<u8>>,
    opened: bool,
}

impl Merge {
    fn open(&mut self) -> std::io::Result<()> {
        for (run, (start, end)) in self.bounds.clone().into_iter().enumerate() {
            let mut file = File::open(&self.path)?;
            file.seek(SeekFrom::Start(start))?;
            self.readers
                .push((BufReader::with_capacity(64 * 1024, file), end - start));
            self.values.push(Vec::new());
            self.refill(run)?;
        }
        Ok(())
    }

    /// The next entry of run `run` into the heap, if it has one.
    fn refill(&mut self, run: usize) -> std::io::Result<()> {
        let (reader, left) = &mut self.readers[run];
        if *left == 0 {
            return Ok(());
        }
        let mut part = || -> std::io::Result<Vec<u8>> {
            let mut len = [0u8; 4];
            reader.read_exact(&mut len)?;
            let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
            reader.read_exact(&mut bytes)?;
            *left -= 4 + bytes.len() as u64;
            Ok(bytes)
        };
        let key = part()?;
        let value = part()?;
        self.values[run] = value;
        self.heap.push(Reverse((key, run)));
        Ok(())
    }

    fn next_entry(&mut self) -> std::io::Result<Option<(sled::IVec, sled::IVec)>> {
        if !self.opened {
            self.opened = true;
            self.open()?;
        }
        let Some(Reverse((key, run))) = self.heap.pop() else {
            return Ok(None);
        };
        let value = std::mem::take(&mut self.values[run]);
        self.refill(run)?;
        Ok(Some((key.into(), value.into())))
    }
}

impl Iterator for Merge {
    type Item = sled::Result<(sled::IVec, sled::IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_entry().map_err(sled::Error::Io).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::{BufWriter, Entries, File, RunWriter, Runs, read_ahead};

    #[test]
    fn a_run_file_that_cannot_be_written_fails_the_load() {
        let dir = tempfile::tempdir().unwrap();
        // Opened for reading only: every write fails.
        let files = (0..7)
            .map(|i| {
                let path = dir.path().join(format!("{i}"));
                std::fs::write(&path, b"").unwrap();
                BufWriter::new(File::open(&path).unwrap())
            })
            .collect();
        let mut writer = RunWriter::start(Runs {
            dir: dir.path().join("runs"),
            files,
            bounds: vec![Vec::new(); 7],
            ends: vec![0; 7],
        });
        let big: Entries = vec![(b"k".to_vec(), vec![7u8; 100_000])];
        // The error comes back from a later batch or at the end, never lost.
        let _ = writer.append(std::array::from_fn(|_| big.clone()));
        let _ = writer.append(std::array::from_fn(|_| big.clone()));
        assert!(writer.end().is_err());
    }

    fn items(n: u32, failing: Option<u32>) -> impl Iterator<Item = sled::Result<u32>> + Send {
        (0..n).map(move |i| {
            if Some(i) == failing {
                Err(sled::Error::Unsupported(format!("{i}")))
            } else {
                Ok(i)
            }
        })
    }

    #[test]
    fn read_ahead_hands_over_every_item_in_order() {
        let back: Vec<u32> = std::thread::scope(|s| {
            read_ahead(s, items(1000, None))
                .map(Result::unwrap)
                .collect()
        });
        assert_eq!(back, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn read_ahead_stops_at_the_first_error_and_when_the_reader_stops() {
        let back: Vec<sled::Result<u32>> =
            std::thread::scope(|s| read_ahead(s, items(1000, Some(600))).collect());
        assert_eq!(back.len(), 601);
        assert!(back[..600].iter().all(Result::is_ok));
        assert!(matches!(&back[600], Err(sled::Error::Unsupported(m)) if m == "600"));
        // A reader that stops after a few items: the scope still ends.
        let first: Vec<u32> = std::thread::scope(|s| {
            read_ahead(s, items(1_000_000, None))
                .take(3)
                .map(Result::unwrap)
                .collect()
        });
        assert_eq!(first, vec![0, 1, 2]);
    }
}
