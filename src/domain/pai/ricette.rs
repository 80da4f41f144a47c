//! Prescriptions (ricette) of a PAI, issued in two lots (DOMAIN.md,
//! "Enrolment in practice"): a ricetta is valid six months, so the MMG
//! prescribes the occurrences due in months 1-6 of the plan year in a first
//! lot and those due in months 7-12 in a second one. sportello does not
//! issue them: the desk records by hand which occurrence's prescription was
//! issued, on which day and by whom.
//!
//! Publication on the FSE (Fascicolo Sanitario Elettronico) is recorded by
//! hand too ([`Pubblicazione`]); a PAI changed after it in what the patient
//! receives (a service or a drug added or removed, not a dosage or a note)
//! must be published again ([`da_ripubblicare`]).

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};

use super::{ItemId, Pai};
use crate::domain::text::fold;

/// The lot of a prescription. Stored as its number (1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lotto {
    /// Occurrences due in months 1-6 of the plan year.
    Primo,
    /// Occurrences due in months 7-12.
    Secondo,
}

impl Lotto {
    pub const ALL: [Lotto; 2] = [Lotto::Primo, Lotto::Secondo];

    /// 1 or 2.
    pub fn numero(self) -> u8 {
        match self {
            Lotto::Primo => 1,
            Lotto::Secondo => 2,
        }
    }

    /// The lot of an occurrence due on `target` in a plan year starting on
    /// `anno_dal`: the first when it falls within six months of the start.
    pub fn of(anno_dal: NaiveDate, target: NaiveDate) -> Lotto {
        match anno_dal.checked_add_months(Months::new(6)) {
            Some(boundary) if target >= boundary => Lotto::Secondo,
            _ => Lotto::Primo,
        }
    }

    /// The other lot.
    pub fn other(self) -> Lotto {
        match self {
            Lotto::Primo => Lotto::Secondo,
            Lotto::Secondo => Lotto::Primo,
        }
    }
}

/// Month of the plan year (1 for the month starting on `anno_dal`) in which
/// `target` falls; 1 before the start.
pub fn mese_del_piano(anno_dal: NaiveDate, target: NaiveDate) -> u32 {
    if target <= anno_dal {
        return 1;
    }
    let months = (target.year() - anno_dal.year()) * 12 + target.month() as i32
        - anno_dal.month() as i32
        - i32::from(target.day() < anno_dal.day());
    u32::try_from(months).unwrap_or(0) + 1
}

/// The prescription of one occurrence of a PAI item, recorded as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ricetta {
    pub item: ItemId,
    /// The occurrence's number, from 1 (as the planner counts them).
    pub occorrenza: u32,
    pub emessa_il: NaiveDate,
    /// Who recorded it (the operator's name).
    pub operatore: String,
}

/// The publication of a PAI version on the patient's FSE, recorded by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pubblicazione {
    pub il: NaiveDate,
    /// Who published it: the operator, or the doctor's name as typed.
    pub autore: String,
    /// The operator who recorded it.
    pub registrata_da: String,
}

/// What the patient's published PAI lists: the services (by nomenclatore
/// code, or by description without one) and the drugs (by name), case and
/// accents ignored.
fn contents(pai: &Pai) -> (BTreeSet<String>, BTreeSet<String>) {
    let items = pai
        .items
        .iter()
        .map(|i| match i.codice_prestazione.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() => format!("#{}", fold(code)),
            _ => fold(&i.descrizione),
        })
        .collect();
    let farmaci = pai
        .farmaci
        .iter()
        .map(|f| fold(&f.nome()))
        .filter(|n| !n.is_empty())
        .collect();
    (items, farmaci)
}

/// Whether `current` must be published again after `published` was: a
/// service or a drug added or removed. A change of frequency, dosage,
/// duration or note does not count.
pub fn da_ripubblicare(published: &Pai, current: &Pai) -> bool {
    contents(published) != contents(current)
}
