//! Change counters per area, shared by every clone of a [`Store`](super::Store)
//! in the process: each desk's screens compare them with those seen at their
//! last load and reload when another desk wrote.
//!
//! One watcher thread per watched tree (sled's `Tree::watch_prefix` over the
//! whole tree) bumps its area's counter for each write, whichever code path
//! made it (plain writes, batches, transactions). A watcher holds only its
//! subscription, not the tree: when the last handle of the store is dropped
//! sled drops the subscription's senders and the thread ends, so the store is
//! released as before.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What a screen shows, as far as other desks' writes are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    Patients,
    /// Prese in carico and the Gestori they name.
    Prese,
    Patti,
    Pai,
    /// Appointments, slots, closures and resources.
    Agenda,
    Operators,
    /// The practice's settings (Amministrazione › Studio).
    Practice,
    /// The ATS list of patients to enrol and the contacts recorded on it.
    Arruolabili,
}

impl Area {
    pub const ALL: [Area; AREA_COUNT] = [
        Area::Patients,
        Area::Prese,
        Area::Patti,
        Area::Pai,
        Area::Agenda,
        Area::Operators,
        Area::Practice,
        Area::Arruolabili,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

const AREA_COUNT: usize = 8;

/// The counters themselves, one per [`Area`].
pub(crate) type Counters = Arc<[AtomicU64; AREA_COUNT]>;

pub(crate) fn new_counters() -> Counters {
    Arc::new(std::array::from_fn(|_| AtomicU64::new(0)))
}

/// A snapshot of the counters: cheap to take and to compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes([u64; AREA_COUNT]);

impl Changes {
    pub(crate) fn of(counters: &Counters) -> Changes {
        Changes(std::array::from_fn(|i| counters[i].load(Ordering::Acquire)))
    }

    /// Writes seen in `area` since the process opened the store.
    pub fn count(&self, area: Area) -> u64 {
        self.0[area.index()]
    }

    /// Whether any of `areas` was written between `earlier` and `self`.
    pub fn changed_since(&self, earlier: &Changes, areas: &[Area]) -> bool {
        areas.iter().any(|a| self.count(*a) != earlier.count(*a))
    }
}

/// Starts the watcher of `tree`, bumping `area`'s counter for each write.
pub(crate) fn watch(
    tree: &sled::Tree,
    area: Area,
    counters: &Counters,
) -> Option<std::thread::JoinHandle<()>> {
    watch_prefix(tree, &[], area, counters)
}

/// Set to make a watcher end at the next write it sees, without counting
/// it: its subscription goes with it, and sled stops handing it every write
/// (a wake-up of its thread each, measured at 7-9% of a million-patient
/// load's writing time).
pub(crate) type Stop = Arc<AtomicBool>;

/// [`watch`], with the flag that stops this watcher.
pub(crate) fn watch_stoppable(tree: &sled::Tree, area: Area, counters: &Counters) -> Stop {
    let stop = Stop::default();
    drop(start(tree, &[], area, counters, Some(Arc::clone(&stop))));
    stop
}

/// Adds one to `area`'s counter: many writes made while its watcher was
/// stopped.
pub(crate) fn bump(counters: &Counters, area: Area) {
    counters[area.index()].fetch_add(1, Ordering::AcqRel);
}

/// Starts the watcher of the keys of `tree` under `prefix`, bumping
/// `area`'s counter for each write.
pub(crate) fn watch_prefix(
    tree: &sled::Tree,
    prefix: &[u8],
    area: Area,
    counters: &Counters,
) -> Option<std::thread::JoinHandle<()>> {
    start(tree, prefix, area, counters, None)
}

fn start(
    tree: &sled::Tree,
    prefix: &[u8],
    area: Area,
    counters: &Counters,
    stop: Option<Stop>,
) -> Option<std::thread::JoinHandle<()>> {
    let subscriber = tree.watch_prefix(prefix);
    let counters = Arc::clone(counters);
    let spawned = std::thread::Builder::new()
        .name(format!("watch-{area:?}"))
        .spawn(move || {
            // Ends when the store's last handle is dropped (the senders go),
            // or at the first write after `stop` is set.
            for _event in subscriber {
                if stop.as_ref().is_some_and(|s| s.load(Ordering::Acquire)) {
                    break;
                }
                bump(&counters, area);
            }
        });
    // A thread that cannot start (out of resources) only loses refreshing:
    // the screens still reload on their own keys.
    spawned.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_since_looks_only_at_the_areas_given() {
        let counters = new_counters();
        let before = Changes::of(&counters);
        counters[Area::Agenda.index()].fetch_add(1, Ordering::AcqRel);
        let after = Changes::of(&counters);
        assert!(after.changed_since(&before, &[Area::Patients, Area::Agenda]));
        assert!(!after.changed_since(&before, &[Area::Patients, Area::Patti]));
        assert_eq!(after.count(Area::Agenda), 1);
    }

    fn wait_until(what: impl Fn() -> bool) -> bool {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(5) {
            if what() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        false
    }

    #[test]
    fn a_write_bumps_its_area_and_the_watcher_ends_with_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().path(dir.path()).open().unwrap();
        let tree = db.open_tree("appointments").unwrap();
        let counters = new_counters();
        let watcher = watch(&tree, Area::Agenda, &counters).unwrap();
        tree.insert(b"a", b"1").unwrap();
        tree.transaction(|t| {
            t.insert(b"b", b"2")?;
            Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
        })
        .unwrap();
        assert!(wait_until(
            || Changes::of(&counters).count(Area::Agenda) == 2
        ));
        assert_eq!(Changes::of(&counters).count(Area::Patients), 0);
        drop(tree);
        drop(db);
        assert!(
            wait_until(|| watcher.is_finished()),
            "the watcher outlived the store"
        );
    }

    #[test]
    fn a_store_reopens_in_the_same_process_with_its_watchers() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::super::Store::open(dir.path()).unwrap();
        let other = store.clone();
        drop(store);
        drop(other);
        let again = super::super::Store::open(dir.path()).unwrap();
        assert_eq!(again.changes(), Changes::default());
    }
}
