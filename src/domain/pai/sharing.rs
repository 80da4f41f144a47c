//! What prevents a PAI from being shared, as values: the interface renders
//! them in the operator's language (`texts::sharing_problem`).

use super::{ItemId, PaiError, PaiItem};

/// A PAI item as named in a problem: by its description, or by its number
/// when it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef {
    Numero(ItemId),
    Descrizione(String),
}

impl ItemRef {
    pub fn of(item: &PaiItem) -> ItemRef {
        match item.descrizione.trim() {
            "" => ItemRef::Numero(item.id),
            d => ItemRef::Descrizione(d.to_string()),
        }
    }
}

/// One reason a PAI cannot be shared ([`super::Pai::validate_for_sharing`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharingProblem {
    AlreadyShared {
        versione: u32,
    },
    Concluded,
    /// The end of the plan year precedes its start.
    PeriodReversed,
    NoClinicalManager,
    /// Lifestyle advice is required (vaccinations are optional).
    NoLifestyle,
    NoItems,
    DuplicateItemId(ItemId),
    ItemNoDescription(ItemId),
    ItemFrequency {
        item: ItemRef,
        error: PaiError,
    },
    /// In-house, without the resource kind.
    ItemNoResource(ItemRef),
    /// External, without the provider.
    ItemNoProvider(ItemRef),
    MissingDependency {
        item: ItemRef,
        dep: ItemId,
    },
    /// The items of a dependency cycle, the first repeated at the end.
    Cycle(Vec<ItemRef>),
    /// The drug at this position (from 1) has neither name nor active
    /// ingredient.
    DrugWithoutName(usize),
}
