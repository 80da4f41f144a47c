//! Use cases: the [`Desk`] holds the session (login, the operator, the
//! clock, the changes) and hands out one borrowed view per capability, whose
//! methods are the front-desk operations: [`Desk::patients`],
//! [`Desk::gestori`], [`Desk::patto`], [`Desk::pai`], [`Desk::agenda`],
//! [`Desk::operators`] (operators and the audit log) and [`Desk::archive`]
//! (backups, the check, GDPR). Screens and the command line call the desk;
//! only the desk calls the store.

pub mod agenda;
pub mod arruolabili;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod demo;
pub mod documents;
pub mod error;
pub mod gdpr;
pub mod gestori;
pub mod mmg_aderenti;
mod occupancy;
pub mod pai;
pub mod patients;
pub mod patto;
pub mod prova;
pub mod reads;
mod regional;
pub mod ricette;
pub mod rinnovi;
pub mod search;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

pub use crate::store::inside_store_boundary;
pub use crate::store::{Area, Changes};
pub use agenda::Agenda;
pub use arruolabili::Arruolabili;
pub use auth::Operators;
pub use auth::{COMMAND_LINE, LoginError, MIN_PASSWORD_LEN, Session, UNKNOWN_USER};
pub use backup::Archive;
pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use error::{DeskError, Field, Internal, Operation, Refusal, StoreProblem};
pub use gestori::Gestori;
pub use pai::PaiPlans;
pub use patients::Patients;
pub use patto::Patti;

use crate::domain::codice_fiscale::CodiceFiscale;
use crate::domain::{Livello, Patient, PatientId};
use crate::store::Store;

pub type Result<T> = std::result::Result<T, DeskError>;

/// The Belfiore table of comuni and foreign states embedded in the binary (see
/// [`crate::io::tables::comuni`]).
pub fn comuni() -> &'static crate::domain::comuni::Comuni {
    crate::io::tables::comuni()
}

/// The ATS and ASST of Lombardy embedded in the binary (see
/// [`crate::io::tables::ats_table`]).
pub fn ats_table() -> &'static crate::domain::ats::AtsTable {
    crate::io::tables::ats_table()
}

/// The comuni assigned to an ATS other than their province's (see
/// [`crate::io::tables::ats_rules`]).
pub fn ats_rules() -> &'static crate::domain::ats::AtsRules {
    crate::io::tables::ats_rules()
}

/// The PAI templates per pathology embedded in the binary (see
/// [`crate::io::tables::pai_templates`]).
pub fn pai_templates() -> &'static crate::domain::pai::PaiTemplates {
    crate::io::tables::pai_templates()
}

/// The pathology catalogue: the Region's SGDT pathologies (see
/// [`crate::domain::pathology`]).
pub fn pathologies() -> &'static crate::domain::pathology::Catalogue {
    crate::io::tables::pathologies()
}

/// One line of the lookup results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientSummary {
    pub id: PatientId,
    pub cognome: String,
    pub nome: String,
    pub data_nascita: NaiveDate,
    pub codice_fiscale: String,
    /// Display name of the comune of residence (or its code when unknown).
    pub comune: String,
    /// The Region's level when known, else the estimate.
    pub livello: Option<Livello>,
    /// Whether `livello` is the estimate (no level from the ATS).
    pub livello_stimato: bool,
    pub stato: &'static str,
    /// Denominazione of the Gestore of the active presa in carico.
    pub gestore: Option<String>,
    /// That presa is with a Gestore of the earlier model after 2024: "da
    /// trasferire al MMG".
    pub da_trasferire: bool,
}

impl PatientSummary {
    /// The line of a display row, without the Gestore's name.
    pub fn of_row(r: &crate::store::PatientRow) -> PatientSummary {
        PatientSummary {
            id: r.id,
            cognome: r.cognome.clone(),
            nome: r.nome.clone(),
            data_nascita: r.data_nascita,
            codice_fiscale: r.codice_fiscale.clone(),
            comune: comune_name(&r.comune),
            livello: r.livello(),
            livello_stimato: r.livello_ats.is_none(),
            stato: r.stato.label(),
            gestore: None,
            da_trasferire: false,
        }
    }

    pub fn of(p: &Patient) -> PatientSummary {
        PatientSummary {
            id: p.id,
            cognome: p.cognome.clone(),
            nome: p.nome.clone(),
            data_nascita: p.data_nascita,
            codice_fiscale: p.codice_fiscale.clone(),
            comune: comune_name(&p.residenza.comune),
            livello: p.livello(),
            livello_stimato: p.livello_ats.is_none(),
            stato: p.stato.label(),
            gestore: None,
            da_trasferire: false,
        }
    }
}

/// What a rewrite of the store ([`Desk::compact`]) did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compaction {
    /// Bytes the store took on disk before and after.
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub patients: u64,
    /// Records and index entries copied.
    pub entries: u64,
}

impl Compaction {
    /// Bytes on disk per patient before and after (the whole store's
    /// bytes over the patients; `None` without patients).
    pub fn bytes_per_patient(&self) -> Option<(u64, u64)> {
        (self.patients > 0).then(|| {
            (
                self.bytes_before / self.patients,
                self.bytes_after / self.patients,
            )
        })
    }
}

/// The answer to a lookup: matches, or suggestions when `suggested`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    pub patients: Vec<PatientSummary>,
    pub suggested: bool,
}

/// Display name of a Belfiore code, or the code itself when unknown.
pub fn comune_name(belfiore: &str) -> String {
    crate::service::comuni()
        .by_belfiore(belfiore)
        .map(|c| c.display_name())
        .unwrap_or_else(|| belfiore.to_string())
}

/// The front desk: the store plus the clock.
#[derive(Clone)]
pub struct Desk {
    store: Store,
    clock: Arc<dyn Clock>,
    /// Who is at the desk: the command line until the application's login
    /// replaces it; `None` while the login screen is up.
    session: Arc<std::sync::RwLock<Option<Session>>>,
    /// The practice's name, read once: the header shows it on every frame
    /// and only [`Gestori::save_practice`] changes it.
    practice_name: Arc<std::sync::RwLock<Option<String>>>,
    /// Runs the print command (`lp`, or the Windows print verb): the
    /// system's, or a test's stand-in (see [`Desk::set_command_runner`]).
    runner: Arc<std::sync::RwLock<Arc<dyn documents::CommandRunner>>>,
    /// Where this desk's session connects from (`sportello serve`: the
    /// client's address), named in the audit entries of its logins.
    origin: Option<Arc<str>>,
}

impl Desk {
    pub fn open(dir: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        Ok(Desk::on(Store::open(dir)?, clock))
    }

    /// [`Desk::open`], calling `on_upgrade` just before the store of an
    /// older sportello is brought up to date (seconds for a large store).
    pub fn open_noting_upgrade(
        dir: &Path,
        clock: Arc<dyn Clock>,
        on_upgrade: &mut dyn FnMut(),
    ) -> Result<Desk> {
        let store = Store::open_noting_upgrade(dir, crate::store::DEFAULT_CACHE_BYTES, on_upgrade)?;
        Ok(Desk::on(store, clock))
    }

    /// Opens an existing store only (see [`Store::open_existing`]).
    pub fn open_existing(dir: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        Desk::open_existing_noting_upgrade(dir, clock, &mut || {})
    }

    /// [`Desk::open_existing`] with the notice of [`Desk::open_noting_upgrade`].
    pub fn open_existing_noting_upgrade(
        dir: &Path,
        clock: Arc<dyn Clock>,
        on_upgrade: &mut dyn FnMut(),
    ) -> Result<Desk> {
        Ok(Desk::on(
            Store::open_existing_noting_upgrade(dir, on_upgrade)?,
            clock,
        ))
    }

    fn on(store: Store, clock: Arc<dyn Clock>) -> Desk {
        // What a killed backup or restore left (the store's lock is held:
        // none of them is running on it now).
        crate::store::scratch::clean_leftovers(store.dir());
        Desk {
            store,
            clock,
            session: Arc::new(std::sync::RwLock::new(Some(Session::command_line()))),
            practice_name: Arc::new(std::sync::RwLock::new(None)),
            runner: Arc::new(std::sync::RwLock::new(Arc::new(documents::SystemRunner))),
            origin: None,
        }
    }

    /// A desk for another session over the same store (`sportello serve`:
    /// one per connected desk). Its clones share its login; the store, the
    /// clock and the practice-name cache (changed only through
    /// [`Gestori::save_practice`], on any desk) are shared with `self`. Nobody
    /// is logged in on it; `origin` is named in its login entries of the
    /// audit trail.
    /// The writes per area made so far by every desk of this process: a
    /// screen whose areas changed since it loaded reloads.
    pub fn changes(&self) -> Changes {
        self.store.changes()
    }

    pub fn new_session(&self, origin: Option<&str>) -> Desk {
        Desk {
            store: self.store.clone(),
            clock: Arc::clone(&self.clock),
            session: Arc::new(std::sync::RwLock::new(None)),
            practice_name: Arc::clone(&self.practice_name),
            runner: Arc::clone(&self.runner),
            origin: origin.map(Arc::from),
        }
    }

    /// Makes everything written so far durable (the server does this
    /// before it releases the store).
    pub fn make_durable(&self) -> Result<()> {
        Ok(self.store.make_durable()?)
    }

    /// Ends a bulk load ([`Desk::load_demo`]): the store is made durable,
    /// closed and reopened (see [`Store::finish_bulk_load`]), so that the
    /// next start of the program does not replay the whole load. `self` must
    /// be the only handle on the store.
    pub fn finish_bulk_load(self) -> Result<Desk> {
        let Desk {
            store,
            clock,
            session,
            practice_name,
            runner,
            origin,
        } = self;
        Ok(Desk {
            store: store.finish_bulk_load()?,
            clock,
            session,
            practice_name,
            runner,
            origin,
        })
    }

    /// Rewrites the store into a fresh one that holds only its live records
    /// (`sportello compatta`, and the end of every GDPR erasure): what sled's
    /// log still keeps of changed or erased records, and the disk it takes,
    /// is gone. `self` must be the only handle on the store; with another
    /// one open the rewrite is refused and the store left as it was.
    pub fn compact(self) -> Result<(Desk, Compaction)> {
        self.require(
            crate::domain::operator::Role::Amministratore,
            Operation::Compact,
        )?;
        let Desk {
            store,
            clock,
            session,
            practice_name,
            runner,
            origin,
        } = self;
        let (store, report) = store.rewrite()?;
        let desk = Desk {
            store,
            clock,
            session,
            practice_name,
            runner,
            origin,
        };
        desk.audit(
            crate::domain::audit::AuditAction::Compaction,
            None,
            format!(
                "Archivio riscritto: {} voci, {} pazienti, {} → {} byte",
                report.entries, report.patients, report.bytes_before, report.bytes_after
            ),
        )?;
        Ok((
            desk,
            Compaction {
                bytes_before: report.bytes_before,
                bytes_after: report.bytes_after,
                patients: report.patients,
                entries: report.entries,
            },
        ))
    }

    /// Who is working at the desk, recorded on every change.
    pub fn operator(&self) -> String {
        self.session()
            .map(|s| s.username)
            .unwrap_or_else(|| "nessuno".into())
    }

    /// The desk's clock: what the audit trail and the idle lock go by.
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn data_dir(&self) -> &Path {
        self.store.dir()
    }

    fn lookup_unguarded(&self, query: &str, limit: usize) -> Result<Lookup> {
        let matches = self.patients().find(query, limit)?;
        if matches.is_empty() {
            let suggestions = self.patients().suggest(query, limit.min(10))?;
            return Ok(Lookup {
                suggested: !suggestions.is_empty(),
                patients: suggestions,
            });
        }
        Ok(Lookup {
            patients: matches,
            suggested: false,
        })
    }

    /// The lookup list's lines from the display rows kept in the indexes
    /// (the records are not read).
    fn row_summaries(&self, rows: Vec<crate::store::PatientRow>) -> Result<Vec<PatientSummary>> {
        let mut names: std::collections::HashMap<u64, Option<(String, bool)>> = Default::default();
        let today = self.today();
        let late = today > crate::domain::gestore::FINE_MODELLO_PRECEDENTE;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut summary = PatientSummary::of_row(&row);
            if let Some(g) = row.gestore {
                let name = match names.entry(g) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(
                        self.store
                            .gestore(g)?
                            .map(|g| (g.denominazione, late && g.tipo.modello_precedente())),
                    ),
                };
                summary.gestore = name.as_ref().map(|(n, _)| n.clone());
                summary.da_trasferire = name.as_ref().is_some_and(|(_, t)| *t);
            }
            out.push(summary);
        }
        Ok(out)
    }

    fn summaries(&self, ids: Vec<PatientId>) -> Result<Vec<PatientSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut names: std::collections::HashMap<u64, crate::domain::Gestore> = Default::default();
        let today = self.today();
        for id in ids {
            if let Some(p) = self.store.get_patient(id)? {
                let mut summary = PatientSummary::of(&p);
                if let Some(presa) = self.store.active_presa(id)? {
                    if !names.contains_key(&presa.gestore)
                        && let Some(g) = self.store.gestore(presa.gestore)?
                    {
                        names.insert(presa.gestore, g);
                    }
                    let g = names.get(&presa.gestore);
                    summary.gestore = g.map(|g| g.denominazione.clone());
                    summary.da_trasferire = g.is_some_and(|g| presa.da_trasferire(g, today));
                }
                out.push(summary);
            }
        }
        Ok(out)
    }

    fn save_patient(&self, mut p: Patient, opened: Option<&Patient>) -> Result<()> {
        let before = self.store.get_patient(p.id)?;
        if before.as_ref().is_some_and(Patient::is_erased) {
            return Err(Refusal::PatientErased(p.id).into());
        }
        normalise(&mut p)?;
        self.check_primary(&mut p, before.as_ref())?;
        self.store.update_patient_opened(&p, opened)?;
        let summary = match &before {
            Some(b) => auth::patient_change(b, &p),
            None => String::new(),
        };
        self.audit(
            crate::domain::audit::AuditAction::PatientUpdated,
            Some(p.id),
            summary,
        )?;
        Ok(())
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }
}

/// This computer's name, as the desks of `sportello serve` connect to it.
pub fn host_name() -> String {
    crate::store::host_name()
}

/// Replaces the store in `data_dir` with a backup (the store must not be open).
pub fn restore(
    file: &Path,
    data_dir: &Path,
) -> std::result::Result<
    (
        crate::store::backup::BackupSummary,
        Option<std::path::PathBuf>,
    ),
    crate::store::backup::BackupError,
> {
    crate::store::backup::restore_backup(file, data_dir)
}

/// A text field as typed: control and bidirectional characters removed,
/// trimmed, at most `max` characters (or refused naming `field` and the limit).
pub(crate) fn input_field(field: Field, value: &str, max: usize) -> Result<String> {
    let value = crate::domain::text::clean_input(value).trim().to_string();
    let len = value.chars().count();
    if len > max {
        return Err(Refusal::TooLong { field, max, len }.into());
    }
    Ok(value)
}

/// Cleans and bounds every text field, trims the names and validates the
/// codice fiscale, storing it in canonical form.
fn normalise(p: &mut Patient) -> Result<()> {
    use crate::domain::text::{MAX_ADDRESS_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SHORT_CHARS};
    p.cognome = input_field(Field::Cognome, &p.cognome, MAX_NAME_CHARS)?;
    p.nome = input_field(Field::Nome, &p.nome, MAX_NAME_CHARS)?;
    p.residenza.indirizzo =
        input_field(Field::Indirizzo, &p.residenza.indirizzo, MAX_ADDRESS_CHARS)?;
    p.residenza.cap = input_field(Field::Cap, &p.residenza.cap, MAX_SHORT_CHARS)?;
    p.residenza.comune = input_field(Field::Comune, &p.residenza.comune, MAX_NAME_CHARS)?;
    p.luogo_nascita = input_field(Field::LuogoNascita, &p.luogo_nascita, MAX_NAME_CHARS)?;
    p.mmg = input_field(Field::Mmg, &p.mmg, MAX_NAME_CHARS)?;
    p.email = input_field(Field::Email, &p.email, MAX_SHORT_CHARS)?;
    p.tessera_sanitaria = input_field(Field::Tessera, &p.tessera_sanitaria, MAX_SHORT_CHARS)?;
    p.note = input_field(Field::Note, &p.note, MAX_NOTE_CHARS)?;
    for t in &mut p.telefoni {
        *t = input_field(Field::Telefono, t, MAX_SHORT_CHARS)?;
    }
    if p.cognome.is_empty() || p.nome.is_empty() {
        return Err(Refusal::NamesRequired.into());
    }
    let cf = CodiceFiscale::parse(&p.codice_fiscale, crate::service::comuni())?;
    p.codice_fiscale = cf.as_str().to_string();
    Ok(())
}
