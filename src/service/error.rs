//! What the service refuses or fails on, as typed values with their data.
//! The interface renders them in the operator's language (`crate::texts`);
//! no message text lives here.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::agenda::{AgendaError, Conflict};
use crate::domain::codice_fiscale::CfError;
use crate::domain::gestore::Canale;
use crate::domain::operator::{OperatorRule, Role};
use crate::domain::pai::PaiError;
use crate::domain::patto::PattoError;
use crate::store::backup::BackupError;
use crate::store::{StoreError, newest_auto_backup};

pub use super::auth::LoginError;

/// Every error a service function returns.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskError {
    /// A request the operator can correct: the message says what to do.
    Refused(Refusal),
    /// The codice fiscale typed is not valid.
    CodiceFiscale(CfError),
    /// An agenda rule (resource, closure, appointment) was broken.
    Agenda(AgendaError),
    /// A Patto rule (signing, correction, template) was broken.
    Patto(PattoError),
    /// A PAI rule (frequency, items) was broken.
    Pai(PaiError),
    /// An operator rule (user name, password) was broken.
    Operator(OperatorRule),
    Login(LoginError),
    /// The operator's role does not allow the operation.
    Forbidden {
        needed: Role,
        have: Role,
        what: Operation,
    },
    /// The store refused a write or cannot be used.
    Store(StoreProblem),
    /// A backup or restore refused or failed.
    Backup(BackupProblem),
    /// A technical failure the operator cannot correct (a file, the
    /// random generator, a format writer): its detail for the technician.
    Internal {
        what: Internal,
        detail: String,
    },
}

/// What a role-restricted operation is (named in [`DeskError::Forbidden`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Pai,
    ClinicalManager,
    Operators,
    Agenda,
    Import,
    Backup,
    Audit,
    Practice,
    Gdpr,
    Compact,
}

/// Which technical step failed (see [`DeskError::Internal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Internal {
    PasswordHash,
    Random,
    Fingerprint,
    CsvWrite,
    JsonWrite,
    Print,
    Io,
    /// A rewrite of the store after an erasure (the erasure itself is done).
    CompactAfterErasure,
    Workload,
}

/// A text field the operator typed, named when it is too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Cognome,
    Nome,
    Indirizzo,
    Cap,
    Comune,
    LuogoNascita,
    Mmg,
    Email,
    Tessera,
    Note,
    Telefono,
    ResourceName,
    ResourceType,
    ClosureReason,
    Prestazione,
    ForceReason,
    Erogatore,
    BookingCode,
    CancelReason,
    ClinicalManager,
    CorrectionReason,
    Signer,
    Document,
    GestoreNote,
    RevokeReason,
    PracticeName,
}

/// A request refused by a use case, with what the message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    TooLong {
        field: Field,
        max: usize,
        len: usize,
    },
    NamesRequired,
    PatientNotFound(Option<u64>),
    PatientErased(u64),
    DemoFolderNotEmpty(PathBuf),
    AdministratorExists,
    NoSuchOperator(String),
    OperatorNotFound,
    LastAdministrator,
    ResultDays {
        days: u16,
        max: u16,
    },
    ResourceNotFound,
    AppointmentNotFound,
    ExternalHasNoSlots,
    PaiNotFound,
    PlanOnlySharedPai,
    NoResources,
    /// The booking conflicts and no reason to force it was given.
    Conflicts(Vec<Conflict>),
    EndBeforeStart,
    ResourceOrProvider,
    MoveOnlyBooked,
    MoveOnePatient,
    CancelReasonMissing,
    AlreadyBooked,
    /// Marked done (`missed: false`) or missed before its day.
    MarkBeforeDay {
        day: NaiveDate,
        missed: bool,
    },
    ErasureReasonMissing,
    AlreadyErased(u64),
    NoGestore,
    NoPathologies,
    /// The primary pathology chosen is not one the patient's ATS allows.
    PrimaryNotAllowed {
        /// The ATS's name.
        ats: String,
        code: String,
        /// The codes that ATS allows.
        allowed: Vec<String>,
    },
    /// A pathology code not in the catalogue.
    UnknownPathology(String),
    /// A table of primary pathologies that could not be read.
    PrimarieFile(String),
    SharedPaiExists,
    SharedPaiFrozen,
    PaiItem {
        descrizione: String,
        error: PaiError,
    },
    PeriodEndsBeforeStart,
    PaiAlreadyShared,
    PaiNeedsPatto,
    PaiPresaNotActive,
    /// What the PAI still lacks to be shared (the domain's check).
    PaiNotReady(Vec<crate::domain::pai::SharingProblem>),
    NewVersionOnlyFromShared,
    /// What the patient still lacks for a Patto (the domain's check).
    PattoPreconditions(Vec<crate::domain::patto::Missing>),
    NoActivePresa,
    PattoInForce {
        valid_until: Option<NaiveDate>,
    },
    NothingToRenew,
    RenewTooEarly {
        days: i64,
    },
    PattoNotFound(Option<u64>),
    GestoreNotFound,
    PattoPresaNotActive,
    PattoNotSigned,
    PattoTampered,
    PrintUnavailable,
    AtsUnknown,
    ChannelNotActive(Canale),
    /// The channel does not fit the Gestore (see `Canale::escluso`).
    ChannelNotOffered {
        canale: Canale,
        gestore: String,
        reason: crate::domain::gestore::CanaleEscluso,
    },
    /// A Gestore of the earlier model after the cut-off.
    GestoreModelloPrecedente {
        name: String,
        until: NaiveDate,
    },
    GestoreNotEligible {
        name: String,
        since: NaiveDate,
    },
    GestoreLevel {
        name: String,
        level: u8,
    },
    RevokeReasonMissing,
    RevokeBeforeChoice(NaiveDate),
    /// A row of an imported Gestori list with a field too long.
    ImportedGestore {
        name: String,
        reason: crate::domain::gestore::FieldTooLong,
    },
    /// The worklist has no row for this codice fiscale.
    ArruolabileNotFound(String),
    /// A contact dated after today.
    ContactInFuture(NaiveDate),
    /// Prescriptions and publications are recorded on a shared PAI only.
    PaiNotShared,
    /// A renewal's PAI (its year starting on the date) is shared under the
    /// renewed Patto, once signed.
    PaiForNextYear(NaiveDate),
}

/// The store's refusals and failures, as the service reports them. The
/// failures that call for a restore carry the newest automatic backup.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreProblem {
    Locked {
        dir: PathBuf,
    },
    Served {
        dir: PathBuf,
        port: u16,
        host: String,
    },
    PermissionDenied {
        dir: PathBuf,
    },
    ReadOnly {
        dir: PathBuf,
    },
    DiskFull {
        dir: PathBuf,
    },
    Missing {
        dir: PathBuf,
    },
    Directory {
        dir: PathBuf,
        reason: String,
    },
    Engine {
        dir: PathBuf,
        detail: String,
        backup: Option<PathBuf>,
    },
    Failed {
        dir: PathBuf,
        backup: Option<PathBuf>,
    },
    Damaged {
        dir: PathBuf,
        detail: String,
        backup: Option<PathBuf>,
    },
    Corrupt {
        tree: &'static str,
        key: String,
        reason: String,
    },
    UnfinishedLoad {
        dir: PathBuf,
        demo: bool,
        backup: Option<PathBuf>,
    },
    NewerFormat {
        dir: PathBuf,
        found: u8,
    },
    Encode(String),
    DuplicateCf(String),
    PatientNotFound(u64),
    AlreadyInCharge(u64),
    PresaNotFound(u64),
    PresaNotActive(u64),
    PattoNotFound(u64),
    PattoSigned(u64),
    PattoConcurrent {
        presa: u64,
        firmato: bool,
    },
    ChangedMeanwhile {
        fields: Vec<&'static str>,
    },
    PaiFrozen(u64),
    AppointmentNotFound(u64),
    AppointmentCancelled(u64),
    SlotFull {
        resource: u64,
        start: NaiveDateTime,
    },
    DuplicateOperator(String),
    OperatorNotFound(u64),
    /// An operator change that would leave no active administrator.
    LastAdmin,
}

/// Why a backup or a restore was refused or failed.
#[derive(Debug, Clone, PartialEq)]
pub enum BackupProblem {
    Foreign(PathBuf),
    NewerFormat(PathBuf, u8),
    Damaged { path: PathBuf, reason: String },
    Io { path: PathBuf, reason: String },
    WrongPassphrase(PathBuf),
    Crypto(String),
    InsideDataDir { dest: PathBuf, data: PathBuf },
    IsFolder(PathBuf),
    NotABackup(PathBuf),
    AlreadyExists(PathBuf),
    ExcessiveWork { path: PathBuf, work: u8, max: u8 },
    RestoreInProgress(PathBuf),
}

impl From<BackupError> for DeskError {
    fn from(e: BackupError) -> DeskError {
        use BackupError as B;
        use BackupProblem as P;
        DeskError::Backup(match e {
            B::Store(s) => return s.into(),
            // Built by the service from a DeskError, never returned to it.
            B::Refused(reason) => {
                return DeskError::Internal {
                    what: Internal::Io,
                    detail: reason,
                };
            }
            B::Foreign(p) => P::Foreign(p),
            B::NewerFormat(p, f) => P::NewerFormat(p, f),
            B::Damaged { path, reason } => P::Damaged { path, reason },
            B::Io { path, reason } => P::Io { path, reason },
            B::WrongPassphrase(p) => P::WrongPassphrase(p),
            B::Crypto(d) => P::Crypto(d),
            B::InsideDataDir { dest, data } => P::InsideDataDir { dest, data },
            B::IsFolder(p) => P::IsFolder(p),
            B::NotABackup(p) => P::NotABackup(p),
            B::AlreadyExists(p) => P::AlreadyExists(p),
            B::ExcessiveWork { path, work, max } => P::ExcessiveWork { path, work, max },
            B::RestoreInProgress(p) => P::RestoreInProgress(p),
        })
    }
}

impl StoreProblem {
    /// The store itself cannot be used (missing, locked, unwritable, full,
    /// broken): nothing the operator typed is at fault. The command line
    /// exits with code 2 for these.
    pub fn is_store_unavailable(&self) -> bool {
        matches!(
            self,
            StoreProblem::Locked { .. }
                | StoreProblem::Served { .. }
                | StoreProblem::PermissionDenied { .. }
                | StoreProblem::ReadOnly { .. }
                | StoreProblem::DiskFull { .. }
                | StoreProblem::Missing { .. }
                | StoreProblem::Directory { .. }
                | StoreProblem::Engine { .. }
                | StoreProblem::Failed { .. }
                | StoreProblem::Damaged { .. }
                | StoreProblem::NewerFormat { .. }
                | StoreProblem::UnfinishedLoad { .. }
        )
    }
}

impl From<StoreError> for StoreProblem {
    fn from(e: StoreError) -> StoreProblem {
        use StoreError as S;
        use StoreProblem as P;
        match e {
            S::Locked { dir } => P::Locked { dir },
            S::Served { dir, port, host } => P::Served { dir, port, host },
            S::PermissionDenied { dir } => P::PermissionDenied { dir },
            S::ReadOnly { dir } => P::ReadOnly { dir },
            S::DiskFull { dir } => P::DiskFull { dir },
            S::Missing { dir } => P::Missing { dir },
            S::Directory { dir, reason } => P::Directory { dir, reason },
            S::Engine { dir, detail } => P::Engine {
                backup: newest_auto_backup(&dir),
                dir,
                detail,
            },
            S::Failed { dir } => P::Failed {
                backup: newest_auto_backup(&dir),
                dir,
            },
            S::Damaged { dir, detail } => P::Damaged {
                backup: newest_auto_backup(&dir),
                dir,
                detail,
            },
            S::Corrupt { tree, key, reason } => P::Corrupt { tree, key, reason },
            S::UnfinishedLoad { dir, demo } => P::UnfinishedLoad {
                backup: newest_auto_backup(&dir),
                dir,
                demo,
            },
            S::NewerFormat { dir, found } => P::NewerFormat { dir, found },
            S::Encode(d) => P::Encode(d),
            S::DuplicateCf(cf) => P::DuplicateCf(cf),
            S::PatientNotFound(id) => P::PatientNotFound(id),
            S::AlreadyInCharge(id) => P::AlreadyInCharge(id),
            S::PresaNotFound(id) => P::PresaNotFound(id),
            S::PresaNotActive(id) => P::PresaNotActive(id),
            S::PattoNotFound(id) => P::PattoNotFound(id),
            S::PattoSigned(id) => P::PattoSigned(id),
            S::PattoConcurrent { presa, firmato } => P::PattoConcurrent { presa, firmato },
            S::ChangedMeanwhile { fields } => P::ChangedMeanwhile { fields },
            S::PaiFrozen(id) => P::PaiFrozen(id),
            S::AppointmentNotFound(id) => P::AppointmentNotFound(id),
            S::AppointmentCancelled(id) => P::AppointmentCancelled(id),
            S::SlotFull { resource, start } => P::SlotFull { resource, start },
            S::DuplicateOperator(name) => P::DuplicateOperator(name),
            S::OperatorNotFound(id) => P::OperatorNotFound(id),
            S::LastAdmin => P::LastAdmin,
        }
    }
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> DeskError {
        match e {
            // Kept inside the operator change's transaction (several desks).
            StoreError::LastAdmin => DeskError::Refused(Refusal::LastAdministrator),
            e => DeskError::Store(e.into()),
        }
    }
}

impl From<StoreProblem> for DeskError {
    fn from(e: StoreProblem) -> DeskError {
        DeskError::Store(e)
    }
}

impl From<Refusal> for DeskError {
    fn from(r: Refusal) -> DeskError {
        DeskError::Refused(r)
    }
}

impl From<LoginError> for DeskError {
    fn from(e: LoginError) -> DeskError {
        DeskError::Login(e)
    }
}

impl From<CfError> for DeskError {
    fn from(e: CfError) -> DeskError {
        DeskError::CodiceFiscale(e)
    }
}

impl From<AgendaError> for DeskError {
    fn from(e: AgendaError) -> DeskError {
        DeskError::Agenda(e)
    }
}

impl From<PattoError> for DeskError {
    fn from(e: PattoError) -> DeskError {
        DeskError::Patto(e)
    }
}

impl From<PaiError> for DeskError {
    fn from(e: PaiError) -> DeskError {
        DeskError::Pai(e)
    }
}

impl From<OperatorRule> for DeskError {
    fn from(e: OperatorRule) -> DeskError {
        DeskError::Operator(e)
    }
}

impl DeskError {
    /// A booking or move refused because the slot is full: another desk took
    /// the last place meanwhile. Screens offer fresh places on it.
    pub fn is_slot_full(&self) -> bool {
        matches!(self, DeskError::Store(StoreProblem::SlotFull { .. }))
    }

    /// A save refused because another desk changed the record since the
    /// screen read it: the parts that changed, by their Italian names.
    pub fn changed_meanwhile(&self) -> Option<&[&'static str]> {
        match self {
            DeskError::Store(StoreProblem::ChangedMeanwhile { fields }) => Some(fields),
            _ => None,
        }
    }

    /// The store cannot be used at all (see [`StoreProblem::is_store_unavailable`]).
    pub fn is_store_unavailable(&self) -> bool {
        matches!(self, DeskError::Store(s) if s.is_store_unavailable())
    }

    /// Something the operator can correct (a refused request or a broken
    /// rule), as opposed to a store or technical failure.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            DeskError::Refused(_)
                | DeskError::CodiceFiscale(_)
                | DeskError::Agenda(_)
                | DeskError::Patto(_)
                | DeskError::Pai(_)
                | DeskError::Operator(_)
        )
    }

    pub(crate) fn internal(what: Internal, detail: impl std::fmt::Display) -> DeskError {
        DeskError::Internal {
            what,
            detail: detail.to_string(),
        }
    }
}

impl std::error::Error for DeskError {}

// The Italian text, for logs and tests only: the interface renders with
// `crate::texts::error` in the operator's language (scripts/render-errors.py
// takes this impl out to find the places that do not).
// display-impl-begin
impl std::fmt::Display for DeskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::texts::error(crate::texts::Lang::It, self))
    }
}
// display-impl-end
