//! The interface's language: what the screens and the command line share to
//! speak to the operator in Italian (the default) or English (`--lang en`):
//! the service's errors ([`error`]) and the domain's values ([`label`]),
//! one line per language per case.

mod check;
mod errors;
mod gestori;
pub mod label;
mod serve;
mod sharing;
mod store;
#[cfg(test)]
mod tests;

pub use check::{break_reason, check_problem};
pub use errors::{agenda, codice_fiscale, conflict, error, field, login, operation, pai, patto};
pub use gestori::{gestore_too_long, gestori_row_rejection, gestori_row_warning, import_error};
pub use serve::serve_error;
pub use sharing::{sharing_problem, sharing_problems};

/// The operator's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    It,
    En,
}
