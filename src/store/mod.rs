//! The only code that sees sled and bincode. Trees, the record codec, indexes,
//! migrations and the integrity check live here; nothing of sled leaks out.

mod agenda;
mod anchor;
mod arruolabili;
pub mod backup;
mod changes;
mod check;
pub mod cifra;
mod codec;
mod demo;
mod fill;
#[cfg(test)]
mod fuzz;
pub mod gdpr;
mod gestori;
mod guard;
mod operators;
mod pai;
mod pai_marks;
mod patients;
mod patti;
mod preferences;
mod records;
mod regional;
pub mod rewrite;
pub mod scratch;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use changes::{Area, Changes};
pub use check::CheckReport;
pub use guard::{inside_store_boundary, newest_auto_backup, restore_hint, way_out};
pub use patients::{IndexHit, OtherName, PatientIndex, PatientLoad, PatientRow, name_index_row};

/// Reopen attempts (25 ms apart) while a just-dropped handle still holds the lock.
const LOCK_RETRIES: u32 = 40;

/// Page cache given to sled. Its default (1 GiB) is far more than a desk needs.
/// Measured on a 1,000,000-patient store (12,000 lookups of the scale
/// benchmark): 128 MiB peaked at 499 MB resident, 64 MiB at 387 MB with the
/// same lookup times, 32 MiB at 314 MB but with lookups up to three times
/// slower (records no longer cached). sled itself holds about 270 MB for such
/// a store whatever the cache.
pub const DEFAULT_CACHE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "L'archivio in {dir} è già aperto da un altro programma sportello. Chiudere l'altra finestra e riprovare."
    )]
    Locked { dir: PathBuf },
    #[error(
        "Archivio in uso da sportello serve: collegarsi con ssh -p {port} utente@{host} (l'archivio in {dir} è aperto dal server delle postazioni)"
    )]
    Served {
        dir: PathBuf,
        port: u16,
        host: String,
    },
    #[error("Permesso negato sulla cartella dei dati {dir}: servono i permessi di scrittura.")]
    PermissionDenied { dir: PathBuf },
    #[error(
        "La cartella dei dati {dir} è su un disco in sola lettura: sportello deve poterci scrivere. Controllare il disco (o chiedere all'amministratore) e riprovare."
    )]
    ReadOnly { dir: PathBuf },
    #[error(
        "Il disco della cartella dei dati {dir} è pieno: liberare spazio e riaprire sportello. I dati già salvati restano; l'operazione in corso potrebbe non essere stata registrata: ricontrollarla dopo la riapertura."
    )]
    DiskFull { dir: PathBuf },
    #[error(
        "La cartella dei dati {dir} non contiene un archivio di sportello: controllare il percorso (o che il disco esterno sia collegato)."
    )]
    Missing { dir: PathBuf },
    #[error("Impossibile usare la cartella dei dati {dir}: {reason}")]
    Directory { dir: PathBuf, reason: String },
    #[error(
        "Errore dell'archivio in {dir}: per sicurezza non verrà scritto altro; i dati già salvati restano. {} (dettaglio tecnico: {detail})",
        way_out(dir)
    )]
    Engine { dir: PathBuf, detail: String },
    #[error(
        "L'archivio ha avuto un errore grave in questa sessione: non si scrive altro. Chiudere sportello. {}",
        way_out(dir)
    )]
    Failed { dir: PathBuf },
    /// The engine found (or panicked on) damaged data: nothing more is read
    /// or written through this handle.
    #[error(
        "L'archivio in {dir} è danneggiato: sportello non lo usa, per non perdere altri dati. {} (dettaglio tecnico: {detail})",
        restore_hint(dir)
    )]
    Damaged { dir: PathBuf, detail: String },
    #[error("Record danneggiato nell'archivio {tree} (chiave {key}): {reason}")]
    Corrupt {
        tree: &'static str,
        key: String,
        reason: String,
    },
    /// A bulk load (`sportello demo`) was interrupted: the store is half
    /// loaded.
    #[error("{}", unfinished_load(dir, *demo))]
    UnfinishedLoad { dir: PathBuf, demo: bool },
    #[error(
        "L'archivio in {dir} è stato scritto da una versione più recente di sportello (formato {found}): aggiornare il programma."
    )]
    NewerFormat { dir: PathBuf, found: u8 },
    #[error("Errore di codifica del record: {0}")]
    Encode(String),
    #[error("Esiste già un paziente con codice fiscale {0}")]
    DuplicateCf(String),
    #[error("Paziente {0} non trovato")]
    PatientNotFound(u64),
    #[error(
        "Il paziente è già in carico a un Gestore (presa in carico {0}): revocarla prima di sceglierne un altro"
    )]
    AlreadyInCharge(u64),
    #[error("Presa in carico {0} non trovata")]
    PresaNotFound(u64),
    #[error("La presa in carico {0} è già revocata")]
    PresaNotActive(u64),
    #[error("Patto di Cura {0} non trovato")]
    PattoNotFound(u64),
    #[error("Il Patto di Cura {0} è già firmato: il testo firmato non si modifica")]
    PattoSigned(u64),
    /// Another desk prepared (`firmato: false`) or signed (`firmato: true`)
    /// a Patto of the same presa in carico first.
    #[error("Un altro sportello ha appena {} il Patto di questa presa in carico: riaprire F4", if *firmato { "firmato" } else { "preparato" })]
    PattoConcurrent { presa: u64, firmato: bool },
    /// A save carried the record as its form was opened, and the stored
    /// one is no longer that: another desk changed `fields` meanwhile.
    #[error("Nel frattempo un altro sportello ha modificato: {}. Riaprire la scheda per vedere i dati attuali; le modifiche fatte qui restano nel modulo.", fields.join(", "))]
    ChangedMeanwhile { fields: Vec<&'static str> },
    #[error("Il PAI {0} è condiviso o concluso: per cambiarlo creare una nuova versione")]
    PaiFrozen(u64),
    #[error("Appuntamento {0} non trovato")]
    AppointmentNotFound(u64),
    #[error("L'appuntamento {0} è annullato: prenotarne uno nuovo")]
    AppointmentCancelled(u64),
    /// Raised inside the booking transaction: the screens checked the place
    /// free, so another desk took the last place meanwhile.
    #[error("Un altro sportello ha appena preso l'ultimo posto delle {}: scegliere un altro orario (o forzare con un motivo)", start.format("%d/%m/%Y %H:%M"))]
    SlotFull {
        resource: u64,
        start: chrono::NaiveDateTime,
    },
    #[error("Esiste già un operatore con nome utente {0}: sceglierne un altro")]
    DuplicateOperator(String),
    /// An operator change that would leave no active administrator.
    #[error("Deve restare almeno un amministratore attivo: crearne un altro prima")]
    LastAdmin,
    #[error("Operatore {0} non trovato")]
    OperatorNotFound(u64),
}

impl StoreError {
    /// The store itself cannot be used (missing, locked, unwritable, full,
    /// broken): nothing the operator typed is at fault. The command line
    /// exits with code 2 for these.
    pub fn is_store_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Locked { .. }
                | StoreError::Served { .. }
                | StoreError::PermissionDenied { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::DiskFull { .. }
                | StoreError::Missing { .. }
                | StoreError::Directory { .. }
                | StoreError::Engine { .. }
                | StoreError::Failed { .. }
                | StoreError::Damaged { .. }
                | StoreError::NewerFormat { .. }
                | StoreError::UnfinishedLoad { .. }
        )
    }
}

fn unfinished_load(dir: &Path, demo: bool) -> String {
    let d = dir.display();
    if demo {
        format!(
            "Il caricamento dei pazienti dimostrativi in {d} non è finito (interrotto o disco pieno): l'archivio dimostrativo è incompleto e non si usa. Cancellare la cartella {d} e ripetere: sportello --data-dir {d} demo"
        )
    } else {
        format!(
            "Un caricamento di dati in {d} non è finito (interrotto o disco pieno): l'archivio è incompleto e non si usa. {}",
            restore_hint(dir)
        )
    }
}

/// Size of one tree's contents, from [`Store::tree_bytes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeBytes {
    pub name: String,
    pub entries: u64,
    pub key_bytes: u64,
    pub value_bytes: u64,
}

/// Layout version of the whole store (trees and key formats).
/// 1: the first layout. 2: the name-word index (`idx_patient_name_word`)
/// is kept with the other patient indexes; a sportello that only knows
/// format 1 would write patients without it, so it refuses a store of
/// format 2 (as a newer one), and a store of format 1 gets the index built
/// when it is opened. 3: the index of other name forms
/// (`idx_patient_name_other`: "adda" and "dadda" for D'Adda, first name
/// first), kept the same way; a store of format 2 gets it built when opened.
/// 4: the display row of each patient (the lookup list's line) kept as the
/// value of its name, codice fiscale (after the id) and tessera index
/// entries; a store of format 3 or older gets the rows written when opened.
/// 5: the Region's pathology codes (SGDT): a store of format 4 or older has
/// the codes of sportello's first catalogue rewritten when opened (patients,
/// PAI items; see `regional`), and its display rows written again (they now
/// carry the level the ATS communicated).
pub const STORE_FORMAT: u8 = 5;
const META_FORMAT: &[u8] = b"store_format";

pub type Result<T> = std::result::Result<T, StoreError>;

/// Tree names, one per entity or index.
pub(crate) mod trees {
    pub const META: &str = "meta";
    pub const PATIENTS: &str = "patients";
    pub const IDX_CF: &str = "idx_patient_cf";
    pub const IDX_NAME: &str = "idx_patient_name";
    pub const IDX_TESSERA: &str = "idx_patient_tessera";
    pub const IDX_PHONE: &str = "idx_patient_phone";
    /// Later words of patient names under their first word: see
    /// `patients::name_word_keys`.
    pub const IDX_NAME_WORD: &str = "idx_patient_name_word";
    /// Other forms of patient names (surname written otherwise, first name
    /// first): see `patients::other_name_index_keys`.
    pub const IDX_NAME_OTHER: &str = "idx_patient_name_other";
    pub const GESTORI: &str = "gestori";
    pub const IMPORTS: &str = "gestori_imports";
    pub const PRESE: &str = "prese";
    pub const IDX_PRESA_PATIENT: &str = "idx_presa_patient";
    pub const ACTIVE_PRESA: &str = "active_presa";
    pub const PATTI: &str = "patti";
    pub const IDX_PATTO_PATIENT: &str = "idx_patto_patient";
    pub const IDX_PATTO_SCADENZA: &str = "idx_patto_scadenza";
    pub const PAI: &str = "pai";
    pub const IDX_PAI_PATIENT: &str = "idx_pai_patient";
    /// Prescriptions recorded as issued, per PAI version, item and
    /// occurrence (added without a format change: absent, it opens empty).
    pub const PAI_RICETTE: &str = "pai_ricette";
    /// Publications on the FSE, per PAI version (same).
    pub const PAI_PUBBLICAZIONI: &str = "pai_pubblicazioni";
    pub const RESOURCES: &str = "resources";
    pub const CLOSURES: &str = "closures";
    pub const APPOINTMENTS: &str = "appointments";
    pub const IDX_APP_PATIENT: &str = "idx_app_patient";
    pub const IDX_APP_DAY: &str = "idx_app_resource_day";
    pub const IDX_APP_PAI: &str = "idx_app_pai";
    pub const SLOT_CLAIMS: &str = "slot_claims";
    pub const SLOT_PATIENTS: &str = "slot_patients";
    pub const OPERATORS: &str = "operators";
    pub const IDX_OPERATOR_NAME: &str = "idx_operator_name";
    pub const AUDIT: &str = "audit";
}

/// The embedded store. Cheap to clone; one per process.
#[derive(Clone)]
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    patients: sled::Tree,
    idx_cf: sled::Tree,
    idx_name: sled::Tree,
    idx_tessera: sled::Tree,
    idx_phone: sled::Tree,
    idx_name_word: sled::Tree,
    idx_name_other: sled::Tree,
    gestori: sled::Tree,
    imports: sled::Tree,
    prese: sled::Tree,
    idx_presa_patient: sled::Tree,
    active_presa: sled::Tree,
    patti: sled::Tree,
    idx_patto_patient: sled::Tree,
    idx_patto_scadenza: sled::Tree,
    pai: sled::Tree,
    idx_pai_patient: sled::Tree,
    pai_ricette: sled::Tree,
    pai_pubblicazioni: sled::Tree,
    resources: sled::Tree,
    closures: sled::Tree,
    appointments: sled::Tree,
    idx_app_patient: sled::Tree,
    idx_app_day: sled::Tree,
    idx_app_pai: sled::Tree,
    slot_claims: sled::Tree,
    slot_patients: sled::Tree,
    cache_bytes: u64,
    /// Ids below this were given by the store this one was rewritten from.
    id_base: u64,
    operators: sled::Tree,
    idx_operator_name: sled::Tree,
    audit: sled::Tree,
    failed: Arc<AtomicBool>,
    /// The engine panicked under this handle (its locks may be poisoned):
    /// nothing more goes through it.
    damaged: Arc<AtomicBool>,
    /// Writes per area, bumped by the watcher threads (see [`changes`]).
    changes: changes::Counters,
    /// The flag that stops the watcher of the patient records
    /// ([`Store::unwatch_patients`]).
    patients_watch: Arc<std::sync::Mutex<changes::Stop>>,
}

impl Store {
    /// Opens (creating if needed) the store in `dir` with the default cache.
    pub fn open(dir: &Path) -> Result<Store> {
        Store::open_with_cache(dir, DEFAULT_CACHE_BYTES)
    }

    /// Opens an existing store; unlike [`Store::open`] never creates one, so
    /// that a mistyped path or an unplugged disk is reported, not replaced
    /// by an empty store.
    pub fn open_existing(dir: &Path) -> Result<Store> {
        Store::open_existing_noting_upgrade(dir, &mut || {})
    }

    /// [`Store::open_existing`] with the notice of
    /// [`Store::open_noting_upgrade`].
    pub fn open_existing_noting_upgrade(dir: &Path, on_upgrade: &mut dyn FnMut()) -> Result<Store> {
        if !dir.join("db").is_file() {
            return Err(StoreError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        Store::open_noting_upgrade(dir, DEFAULT_CACHE_BYTES, on_upgrade)
    }

    pub fn open_with_cache(dir: &Path, cache_bytes: u64) -> Result<Store> {
        Store::open_noting_upgrade(dir, cache_bytes, &mut || {})
    }

    /// [`Store::open_with_cache`], calling `on_upgrade` just before a long
    /// upgrade of an older store starts (building an index over every
    /// patient: seconds for a large store), so that the caller can say why
    /// the opening takes a while.
    /// A damaged data file that makes the engine panic is reported as
    /// [`StoreError::Damaged`].
    pub fn open_noting_upgrade(
        dir: &Path,
        cache_bytes: u64,
        on_upgrade: &mut dyn FnMut(),
    ) -> Result<Store> {
        guard::catch_engine_panic(dir, || Store::open_unguarded(dir, cache_bytes, on_upgrade))?
    }

    fn open_unguarded(dir: &Path, cache_bytes: u64, on_upgrade: &mut dyn FnMut()) -> Result<Store> {
        if let Err(e) = crate::private_fs::create_dir_all_private(dir) {
            return Err(dir_error(dir, &e));
        }
        refuse_if_held(dir)?;
        let _swap_guard = rewrite::prepare_open(dir)?;
        remove_unfinished_snapshots(dir)?;
        // sled releases its file lock only when its background flusher lets
        // go of the store, a moment after the previous handle was dropped: a
        // reopen in the same process retries briefly before reporting a lock.
        let mut attempts = 0;
        let db = loop {
            match sled::Config::new()
                .path(dir)
                .cache_capacity(cache_bytes)
                .open()
                .map_err(|e| open_error(dir, e))
            {
                Err(StoreError::Locked { .. }) if attempts < LOCK_RETRIES => {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                other => break other?,
            }
        };
        // sled's lock is held: no other process is loading into this store.
        patients::remove_unfinished_load(dir);
        let tree = |name: &str| db.open_tree(name).map_err(|e| open_error(dir, e));
        let mut store = Store {
            dir: dir.to_path_buf(),
            meta: tree(trees::META)?,
            patients: tree(trees::PATIENTS)?,
            idx_cf: tree(trees::IDX_CF)?,
            idx_name: tree(trees::IDX_NAME)?,
            idx_tessera: tree(trees::IDX_TESSERA)?,
            idx_phone: tree(trees::IDX_PHONE)?,
            idx_name_word: tree(trees::IDX_NAME_WORD)?,
            idx_name_other: tree(trees::IDX_NAME_OTHER)?,
            gestori: tree(trees::GESTORI)?,
            imports: tree(trees::IMPORTS)?,
            prese: tree(trees::PRESE)?,
            idx_presa_patient: tree(trees::IDX_PRESA_PATIENT)?,
            active_presa: tree(trees::ACTIVE_PRESA)?,
            patti: tree(trees::PATTI)?,
            idx_patto_patient: tree(trees::IDX_PATTO_PATIENT)?,
            idx_patto_scadenza: tree(trees::IDX_PATTO_SCADENZA)?,
            pai: tree(trees::PAI)?,
            idx_pai_patient: tree(trees::IDX_PAI_PATIENT)?,
            pai_ricette: tree(trees::PAI_RICETTE)?,
            pai_pubblicazioni: tree(trees::PAI_PUBBLICAZIONI)?,
            resources: tree(trees::RESOURCES)?,
            closures: tree(trees::CLOSURES)?,
            appointments: tree(trees::APPOINTMENTS)?,
            idx_app_patient: tree(trees::IDX_APP_PATIENT)?,
            idx_app_day: tree(trees::IDX_APP_DAY)?,
            idx_app_pai: tree(trees::IDX_APP_PAI)?,
            slot_claims: tree(trees::SLOT_CLAIMS)?,
            slot_patients: tree(trees::SLOT_PATIENTS)?,
            operators: tree(trees::OPERATORS)?,
            idx_operator_name: tree(trees::IDX_OPERATOR_NAME)?,
            audit: tree(trees::AUDIT)?,
            id_base: 0,
            db,
            cache_bytes,
            failed: Arc::new(AtomicBool::new(false)),
            damaged: Arc::new(AtomicBool::new(false)),
            changes: changes::new_counters(),
            patients_watch: Arc::default(),
        };
        store.watch_changes();
        rewrite::tighten_store(dir);
        store.id_base = store.read_id_base()?;
        store.refuse_unfinished_bulk_load()?;
        store.upgrade_format(on_upgrade)?;
        Ok(store)
    }

    /// Brings the store to [`STORE_FORMAT`]: stamps a new one, builds what an
    /// older format lacks (format 1: the name-word index; 2: the index of
    /// other name forms; 3: the display rows), and refuses one
    /// written by a newer sportello, whose records this version could misread.
    pub(crate) fn upgrade_format(&self, on_upgrade: &mut dyn FnMut()) -> Result<()> {
        let found = self.meta.get(META_FORMAT).map_err(|e| self.fatal(e))?;
        match found.as_ref().map(|v| v.first().copied().unwrap_or(0)) {
            None | Some(STORE_FORMAT) => {}
            Some(1) => {
                self.forget_name_word_index()?;
                self.forget_name_other_index()?;
                self.forget_patient_rows()?;
            }
            Some(2) => {
                self.forget_name_other_index()?;
                self.forget_patient_rows()?;
            }
            Some(3 | 4) => self.forget_patient_rows()?,
            Some(newer) => {
                return Err(StoreError::NewerFormat {
                    dir: self.dir.clone(),
                    found: newer,
                });
            }
        }
        // Said once, however many indexes are built.
        let mut noted = false;
        let mut once = || {
            if !std::mem::replace(&mut noted, true) {
                on_upgrade();
            }
        };
        if matches!(found.as_deref(), Some([1..=4])) {
            once();
            self.recode_pathologies()?;
        }
        self.ensure_name_word_index(&mut once)?;
        self.ensure_name_other_index(&mut once)?;
        self.ensure_patient_rows(&mut once)?;
        self.ensure_patto_numbers()?;
        if found.as_deref() != Some(&[STORE_FORMAT][..]) {
            self.meta
                .insert(META_FORMAT, &[STORE_FORMAT])
                .map_err(|e| self.fatal(e))?;
            self.make_durable()?;
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn watch_patients(&self) {
        let stop = changes::watch_stoppable(&self.patients, Area::Patients, &self.changes);
        *self
            .patients_watch
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = stop;
    }

    /// Stops counting the writes of patient records one by one, for a load
    /// of many: until the guard is dropped, which watches them again and
    /// counts the load as one change.
    pub(crate) fn unwatch_patients(&self) -> PatientsUnwatched<'_> {
        self.patients_watch
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .store(true, std::sync::atomic::Ordering::Release);
        PatientsUnwatched { store: self }
    }

    /// Starts the watchers of the trees whose writes screens show (indexes
    /// change with their records and are not watched).
    fn watch_changes(&self) {
        self.watch_patients();
        let watched = [
            (&self.gestori, Area::Prese),
            (&self.prese, Area::Prese),
            (&self.active_presa, Area::Prese),
            (&self.patti, Area::Patti),
            (&self.pai, Area::Pai),
            (&self.pai_ricette, Area::Pai),
            (&self.pai_pubblicazioni, Area::Pai),
            (&self.appointments, Area::Agenda),
            (&self.slot_claims, Area::Agenda),
            (&self.closures, Area::Agenda),
            (&self.resources, Area::Agenda),
            (&self.operators, Area::Operators),
        ];
        for (tree, area) in watched {
            // The thread ends by itself with the store's last handle.
            drop(changes::watch(tree, area, &self.changes));
        }
        // Opened when first used by the rest of the store; an error here
        // comes back at that use.
        if let Ok(tree) = self.db.open_tree(arruolabili::ARRUOLABILI) {
            drop(changes::watch(&tree, Area::Arruolabili, &self.changes));
        }
        drop(changes::watch_prefix(
            &self.meta,
            gestori::META_PRACTICE,
            Area::Practice,
            &self.changes,
        ));
    }

    /// The change counters of this process, one per [`Area`].
    pub fn changes(&self) -> Changes {
        Changes::of(&self.changes)
    }

    /// Makes everything written so far durable: sled's flush, then an fsync of
    /// its data file through a second handle (sled's own flush uses
    /// `sync_file_range` on Linux, which does not survive a power cut). The
    /// handle is opened for writing: Windows' `FlushFileBuffers` refuses a
    /// read-only one ("Access denied").
    pub fn make_durable(&self) -> Result<()> {
        self.ensure_writable()?;
        self.db.flush().map_err(|e| self.fatal(e))?;
        let data_file = self.dir.join("db");
        std::fs::OpenOptions::new()
            .write(true)
            .open(&data_file)
            .and_then(|f| f.sync_all())
            .map_err(|e| self.fatal(sled::Error::Io(e)))?;
        Ok(())
    }

    /// Bytes the store uses on disk: sled's data file and blobs (its
    /// `size_on_disk`) plus its page-table snapshot (`snap.*`, about 13 bytes
    /// per patient, which sled's figure leaves out).
    pub fn size_on_disk(&self) -> Result<u64> {
        let data = self.db.size_on_disk().map_err(|e| self.fatal(e))?;
        let snapshots: u64 = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().starts_with("snap."))
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        Ok(data + snapshots)
    }

    /// Entries and key + value bytes of every tree, in tree-name order
    /// (walks the whole store: for measurements and tools, not screens).
    pub fn tree_bytes(&self) -> Result<Vec<TreeBytes>> {
        let mut out = Vec::new();
        let mut names = self.db.tree_names();
        names.sort();
        for name in names {
            let tree = self.db.open_tree(&name).map_err(|e| self.fatal(e))?;
            let mut t = TreeBytes {
                name: String::from_utf8_lossy(&name).into_owned(),
                ..TreeBytes::default()
            };
            for item in tree.iter() {
                let (k, v) = item.map_err(|e| self.fatal(e))?;
                t.entries += 1;
                t.key_bytes += k.len() as u64;
                t.value_bytes += v.len() as u64;
            }
            out.push(t);
        }
        Ok(out)
    }

    /// Whether no patient is stored yet (cheap).
    pub fn is_empty_of_patients(&self) -> bool {
        self.patients.is_empty()
    }

    /// Number of patient records (walks the tree: for `check` and tools, not screens).
    pub fn patient_count(&self) -> usize {
        self.patients.len()
    }

    /// A new id, unique across the store. sled starts at 0; 0 means "not
    /// stored yet" in the domain, so ids start at 1, above the id base of a
    /// rewritten store (see [`rewrite`]).
    pub fn next_id(&self) -> Result<u64> {
        self.db
            .generate_id()
            .map(|id| id + 1 + self.id_base)
            .map_err(|e| self.fatal(e))
    }

    /// Makes the store give out ids above `floor` from its next open on
    /// (a restored store, whose generator starts again).
    pub(crate) fn set_id_base(&self, floor: u64) -> Result<()> {
        self.meta
            .insert(rewrite::META_ID_BASE, &floor.to_be_bytes())
            .map_err(|e| self.fatal(e))?;
        Ok(())
    }

    fn read_id_base(&self) -> Result<u64> {
        let value = self
            .meta
            .get(rewrite::META_ID_BASE)
            .map_err(|e| self.fatal(e))?;
        Ok(value
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0))
    }

    fn ensure_writable(&self) -> Result<()> {
        if self.failed.load(Ordering::SeqCst) {
            Err(StoreError::Failed {
                dir: self.dir.clone(),
            })
        } else {
            Ok(())
        }
    }

    /// Runs one whole operation on the store with the engine's panics
    /// caught: a panic becomes [`StoreError::Damaged`] and the handle
    /// refuses everything after it (a panic inside sled can leave its locks
    /// poisoned).
    pub(crate) fn guarded<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if self.damaged.load(Ordering::SeqCst) {
            return Err(self
                .damaged_error("un errore precedente in questa sessione")
                .into());
        }
        guard::catch_engine_panic(&self.dir, f).unwrap_or_else(|e| {
            self.damaged.store(true, Ordering::SeqCst);
            self.failed.store(true, Ordering::SeqCst);
            Err(e.into())
        })
    }

    fn damaged_error(&self, detail: &str) -> StoreError {
        StoreError::Damaged {
            dir: self.dir.clone(),
            detail: detail.to_string(),
        }
    }

    /// Any engine error is fatal for this handle: later writes are refused.
    fn fatal(&self, e: sled::Error) -> StoreError {
        self.failed.store(true, Ordering::SeqCst);
        match &e {
            sled::Error::Io(io) if is_disk_full(io) => StoreError::DiskFull {
                dir: self.dir.clone(),
            },
            sled::Error::Io(io) if is_read_only(io) => StoreError::ReadOnly {
                dir: self.dir.clone(),
            },
            sled::Error::Corruption { .. } => StoreError::Damaged {
                dir: self.dir.clone(),
                detail: guard::technical(&e),
            },
            _ => StoreError::Engine {
                dir: self.dir.clone(),
                detail: guard::technical(&e),
            },
        }
    }
}

/// Deletes the `snap.*.generating` files a crash or a full disk left behind
/// while sled was writing a snapshot. sled 0.34 takes them for finished
/// snapshots and then refuses to open the store as corrupt (sled issue
/// #1527). An unfinished snapshot holds nothing the log does not: sled
/// rebuilds from the previous snapshot and the log. Done only while holding
/// the data file's lock, so never under another process writing one.
fn remove_unfinished_snapshots(dir: &Path) -> Result<()> {
    let data = dir.join("db");
    let Ok(file) = File::open(&data) else {
        return Ok(()); // a new store
    };
    let unfinished: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("snap.") && n.ends_with(".generating"))
            })
            .collect(),
        Err(e) => return Err(dir_error(dir, &e)),
    };
    if unfinished.is_empty() {
        return Ok(());
    }
    if file.try_lock().is_err() {
        // In use: sled's own open reports the lock.
        return Ok(());
    }
    for path in unfinished {
        std::fs::remove_file(&path).map_err(|e| dir_error(dir, &e))?;
    }
    drop(file);
    Ok(())
}

/// ENOSPC and EDQUOT: no room left for the store.
fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(e.raw_os_error(), Some(28) | Some(122))
}

/// EROFS: the file system is mounted read-only.
fn is_read_only(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::ReadOnlyFilesystem || e.raw_os_error() == Some(30)
}

fn dir_error(dir: &Path, e: &std::io::Error) -> StoreError {
    if is_read_only(e) {
        StoreError::ReadOnly {
            dir: dir.to_path_buf(),
        }
    } else if is_disk_full(e) {
        StoreError::DiskFull {
            dir: dir.to_path_buf(),
        }
    } else if e.kind() == std::io::ErrorKind::PermissionDenied {
        StoreError::PermissionDenied {
            dir: dir.to_path_buf(),
        }
    } else {
        StoreError::Directory {
            dir: dir.to_path_buf(),
            reason: e.to_string(),
        }
    }
}

/// The file `sportello serve` keeps in the data folder while it holds the
/// store: the port it listens on, so that a local start on the same store is
/// told how to connect instead of only that the store is in use.
pub const SERVE_MARKER: &str = "serve.porta";

/// The port in the marker of a server holding the store in `dir`, if any.
pub fn served_port(dir: &Path) -> Option<u16> {
    std::fs::read_to_string(dir.join(SERVE_MARKER))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Before anything touches `dir`: a store another handle holds (another
/// process, such as `sportello serve`) is refused as in use, and nothing in
/// the folder is changed; finishing an interrupted rewrite there would
/// remove the new store that the holder may be building at that moment.
/// sled lets go of its lock a moment after the last handle is dropped, so a
/// lock still held is looked at again briefly. A lock that cannot be asked
/// for (a file system without locks) is left to sled's own open.
fn refuse_if_held(dir: &Path) -> Result<()> {
    for _ in 0..LOCK_RETRIES {
        let Ok(data) = File::open(dir.join("db")) else {
            return Ok(()); // a new store, or one sled's open reports
        };
        match data.try_lock() {
            Err(std::fs::TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            _ => return Ok(()),
        }
    }
    Err(match served_port(dir) {
        Some(port) => StoreError::Served {
            dir: dir.to_path_buf(),
            port,
            host: host_name(),
        },
        None => StoreError::Locked {
            dir: dir.to_path_buf(),
        },
    })
}

/// This machine's name, as the desks reach it (a placeholder when unknown).
pub fn host_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok());
    from_env
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "nome-del-computer".into())
}

fn open_error(dir: &Path, e: sled::Error) -> StoreError {
    match e {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            match served_port(dir) {
                Some(port) => StoreError::Served {
                    dir: dir.to_path_buf(),
                    port,
                    host: host_name(),
                },
                None => StoreError::Locked {
                    dir: dir.to_path_buf(),
                },
            }
        }
        sled::Error::Io(io) => dir_error(dir, &io),
        other @ sled::Error::Corruption { .. } => StoreError::Damaged {
            dir: dir.to_path_buf(),
            detail: guard::technical(&other),
        },
        other => StoreError::Engine {
            dir: dir.to_path_buf(),
            detail: guard::technical(&other),
        },
    }
}

/// Big-endian bytes of an id: keys that sort like numbers.
pub(crate) fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// See [`Store::unwatch_patients`].
pub(crate) struct PatientsUnwatched<'a> {
    store: &'a Store,
}

impl Drop for PatientsUnwatched<'_> {
    fn drop(&mut self) {
        self.store.watch_patients();
        changes::bump(&self.store.changes, Area::Patients);
    }
}
