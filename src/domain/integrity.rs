//! What `sportello check` finds: the report and each problem as a typed
//! value with its data. The store fills it; the interface renders each
//! problem in the operator's language (`Display` is the Italian text).
//! Tree names (`idx_patient_cf`, …) are the store's own identifiers and are
//! shown as they are in both languages.

use std::fmt;

use chrono::NaiveDateTime;

use super::audit::ChainBreak;
use super::patto::PattoNumero;

/// What the check found. `problems` holds at most [`CheckReport::MAX_LISTED`]
/// problems; `problem_count` counts them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub patients: u64,
    pub index_entries: u64,
    pub problem_count: u64,
    pub problems: Vec<CheckProblem>,
    pub size_on_disk: u64,
}

impl CheckReport {
    pub const MAX_LISTED: usize = 200;

    pub fn is_ok(&self) -> bool {
        self.problem_count == 0
    }

    /// Counts a problem, and lists it while fewer than
    /// [`CheckReport::MAX_LISTED`] are listed.
    pub fn problem(&mut self, problem: CheckProblem) {
        self.problem_count += 1;
        if self.problems.len() < Self::MAX_LISTED {
            self.problems.push(problem);
        }
    }

    /// The listed problems as Italian text.
    pub fn texts(&self) -> Vec<String> {
        self.problems.iter().map(ToString::to_string).collect()
    }
}

/// An index key as the check shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKey {
    /// The key's value as text (`ROSSI ANNA#12`, a hex string, …).
    Plain(String),
    /// An entry of the index of other name forms: a first-name form.
    FirstName(String),
    /// An entry of the index of other name forms: a surname form.
    Surname(String),
}

/// What a stray index entry should have pointed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Patient,
    Operator,
    Pai,
    Patto,
    /// A Patto in force (signed and not renewed).
    PattoInForce,
    Presa,
}

/// One problem the check found; `tree` is the store tree it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckProblem {
    /// A record that does not decode; `key` in hex, `reason` the decoder's.
    Unreadable {
        tree: &'static str,
        key: String,
        reason: String,
    },
    /// A tree that cannot be read through; `reason` the store's.
    TreeUnreadable {
        tree: &'static str,
        reason: String,
    },
    /// The record under key `key` declares another id.
    IdMismatch {
        tree: &'static str,
        key: u64,
        declared: u64,
    },
    /// A codice fiscale entry pointing at no patient.
    CfWithoutPatient {
        tree: &'static str,
        entry: String,
        patient: u64,
    },
    /// An index entry whose display row differs from the record's.
    RowMismatch {
        tree: &'static str,
        entry: EntryKey,
        patient: Option<u64>,
    },
    /// A record's index entry is missing.
    MissingEntry {
        tree: &'static str,
        entry: EntryKey,
        patient: Option<u64>,
    },
    /// An index entry with no record behind it.
    StrayEntry {
        tree: &'static str,
        entry: EntryKey,
        owner: Owner,
    },
    /// A PAI or Patto missing from its per-patient index.
    MissingEntryOf {
        tree: &'static str,
        owner: Owner,
        id: u64,
    },
    /// A presa missing from its per-patient index.
    MissingPresaEntry {
        tree: &'static str,
        presa: u64,
        patient: u64,
    },
    /// A slot's claim count differs from its patients with appointments.
    SlotCountMismatch {
        tree: &'static str,
        resource: u64,
        slot: String,
        counted: u16,
    },
    /// Claims missing for a slot.
    SlotClaimsMissing {
        tree: &'static str,
        resource: u64,
        slot: String,
        missing: u16,
    },
    /// A patient booked twice at once (appointments `first`, `second`).
    DoubleBooking {
        tree: &'static str,
        first: u64,
        second: u64,
    },
    /// A slot over capacity without an authorised override.
    OverCapacity {
        tree: &'static str,
        start: NaiveDateTime,
        resource: u64,
        booked: u16,
        places: u16,
    },
    /// The audit chain breaks.
    AuditChain {
        tree: &'static str,
        at: ChainBreak,
    },
    PattoWithoutNumber {
        tree: &'static str,
        patto: u64,
    },
    PattoNumberTwice {
        tree: &'static str,
        first: u64,
        second: u64,
        numero: PattoNumero,
    },
    PattoNumberAboveCounter {
        tree: &'static str,
        patto: u64,
        numero: PattoNumero,
    },
    /// The signed text does not match its fingerprint.
    PattoSignatureAltered {
        tree: &'static str,
        patto: u64,
    },
    /// A Patto in force missing from the expiry index.
    MissingExpiry {
        tree: &'static str,
        patto: u64,
    },
    SeveralActivePrese {
        tree: &'static str,
        patient: u64,
    },
    /// The active-presa slot points at a presa that is not active.
    ActivePresaNotActive {
        tree: &'static str,
        patient: u64,
        presa: u64,
    },
    /// An active presa the active-presa slot does not name.
    ActivePresaUnregistered {
        tree: &'static str,
        patient: u64,
        presa: u64,
    },
    /// A row kept under the key `key` holds another codice fiscale.
    KeyOtherCf {
        tree: &'static str,
        key: String,
        cf: String,
    },
    /// A row pointing at a patient that does not exist.
    RowWithoutPatient {
        tree: &'static str,
        key: String,
        patient: u64,
    },
    /// A patient's or a PAI's pathology code outside the catalogue (kept as
    /// stored, never dropped).
    UnknownPathology {
        tree: &'static str,
        owner: Owner,
        id: u64,
        code: String,
    },
    /// A primary pathology that is not among the patient's pathologies.
    PrimaryNotAmong {
        tree: &'static str,
        patient: u64,
        code: String,
    },
    /// A prescription or publication of a PAI that does not exist.
    MarkWithoutPai {
        tree: &'static str,
        pai: u64,
    },
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryKey::Plain(v) => f.write_str(v),
            EntryKey::FirstName(v) => write!(f, "nome: {v}"),
            EntryKey::Surname(v) => write!(f, "cognome: {v}"),
        }
    }
}

impl fmt::Display for CheckProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CheckProblem as P;
        match self {
            P::Unreadable { tree, key, reason } => {
                write!(f, "{tree}: record {key} non leggibile: {reason}")
            }
            P::TreeUnreadable { tree, reason } => write!(f, "{tree}: {reason}"),
            P::IdMismatch {
                tree,
                key,
                declared,
            } => write!(
                f,
                "{tree}: il record con chiave {key} dichiara l'id {declared}"
            ),
            P::CfWithoutPatient {
                tree,
                entry,
                patient,
            } => write!(
                f,
                "{tree}: la voce {entry} -> {patient} non corrisponde a nessun paziente"
            ),
            P::RowMismatch {
                tree,
                entry,
                patient: Some(p),
            } => write!(
                f,
                "{tree}: la riga di elenco della voce {entry} non corrisponde al paziente {p}"
            ),
            P::RowMismatch { tree, entry, .. } => write!(
                f,
                "{tree}: la riga di elenco della voce {entry} non corrisponde al paziente"
            ),
            P::MissingEntry {
                tree,
                entry,
                patient: Some(p),
            } => write!(f, "{tree}: manca la voce {entry} del paziente {p}"),
            P::MissingEntry { tree, entry, .. } => write!(f, "{tree}: manca la voce {entry}"),
            P::StrayEntry { tree, entry, owner } => {
                let without = match owner {
                    Owner::Patient => "senza paziente corrispondente",
                    Owner::Operator => "senza operatore corrispondente",
                    Owner::Pai => "senza PAI",
                    Owner::Patto => "senza Patto",
                    Owner::PattoInForce => "senza Patto in vigore",
                    Owner::Presa => "senza presa in carico",
                };
                write!(f, "{tree}: voce {entry} {without}")
            }
            P::MissingEntryOf { tree, owner, id } => {
                let of = match owner {
                    Owner::Pai => "del PAI",
                    Owner::Patto | Owner::PattoInForce => "del Patto",
                    Owner::Presa => "della presa",
                    Owner::Patient => "del paziente",
                    Owner::Operator => "dell'operatore",
                };
                write!(f, "{tree}: manca la voce {of} {id}")
            }
            P::MissingPresaEntry {
                tree,
                presa,
                patient,
            } => write!(
                f,
                "{tree}: manca la voce della presa {presa} del paziente {patient}"
            ),
            P::SlotCountMismatch {
                tree,
                resource,
                slot,
                counted,
            } => write!(
                f,
                "{tree}: lo slot {resource}#{slot} conta {counted} pazienti, diversi da quelli con appuntamento"
            ),
            P::SlotClaimsMissing {
                tree,
                resource,
                slot,
                missing,
            } => write!(
                f,
                "{tree}: mancano {missing} occupazioni dello slot {resource}#{slot}"
            ),
            P::DoubleBooking {
                tree,
                first,
                second,
            } => write!(
                f,
                "{tree}: il paziente ha due appuntamenti sovrapposti ({first} e {second})"
            ),
            P::OverCapacity {
                tree,
                start,
                resource,
                booked,
                places,
            } => write!(
                f,
                "{tree}: lo slot delle {} della risorsa {resource} ha {booked} prenotazioni su {places} posti",
                start.format("%d/%m/%Y %H:%M")
            ),
            P::AuditChain { tree, at } => write!(
                f,
                "{tree}: catena interrotta alla voce {}: {}",
                at.seq, at.reason
            ),
            P::PattoWithoutNumber { tree, patto } => {
                write!(f, "{tree}: il Patto {patto} non ha un numero")
            }
            P::PattoNumberTwice {
                tree,
                first,
                second,
                numero,
            } => write!(
                f,
                "{tree}: i Patti {first} e {second} hanno lo stesso numero {numero}"
            ),
            P::PattoNumberAboveCounter {
                tree,
                patto,
                numero,
            } => write!(
                f,
                "{tree}: il numero {numero} del Patto {patto} supera il contatore del {}",
                numero.anno
            ),
            P::PattoSignatureAltered { tree, patto } => write!(
                f,
                "{tree}: il testo firmato del Patto {patto} non corrisponde alla sua impronta"
            ),
            P::MissingExpiry { tree, patto } => {
                write!(f, "{tree}: manca la scadenza del Patto {patto}")
            }
            P::SeveralActivePrese { tree, patient } => write!(
                f,
                "{tree}: il paziente {patient} ha più prese in carico attive"
            ),
            P::ActivePresaNotActive {
                tree,
                patient,
                presa,
            } => write!(
                f,
                "{tree}: il paziente {patient} punta alla presa {presa}, che non è attiva"
            ),
            P::ActivePresaUnregistered {
                tree,
                patient,
                presa,
            } => write!(
                f,
                "{tree}: la presa attiva {presa} del paziente {patient} non è registrata"
            ),
            P::KeyOtherCf { tree, key, cf } => {
                write!(f, "{tree}: la riga {key} ha il codice fiscale {cf}")
            }
            P::RowWithoutPatient { tree, key, patient } => write!(
                f,
                "{tree}: la riga {key} rimanda al paziente {patient}, che non esiste"
            ),
            P::UnknownPathology {
                tree,
                owner,
                id,
                code,
            } => {
                let of = if *owner == Owner::Pai {
                    "PAI"
                } else {
                    "paziente"
                };
                write!(
                    f,
                    "{tree}: {of} {id}: patologia sconosciuta {code} (non nel catalogo SGDT)"
                )
            }
            P::PrimaryNotAmong {
                tree,
                patient,
                code,
            } => write!(
                f,
                "{tree}: paziente {patient}: la patologia primaria {code} non è tra le sue patologie"
            ),
            P::MarkWithoutPai { tree, pai } => {
                write!(f, "{tree}: voce del PAI {pai}, che non esiste")
            }
        }
    }
}
