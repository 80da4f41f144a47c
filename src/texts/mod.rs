//! The interface's language: what the screens and the command line share to
//! speak to the operator in Italian (the default) or English (`--lang en`):
//! the service's errors ([`error`]) and the domain's values ([`label`]),
//! one line per language per case.

mod errors;
pub mod label;
mod sharing;

mod import;
pub use errors::{agenda, codice_fiscale, conflict, error, field, login, operation, pai, patto};
pub use import::import_error;
pub use sharing::{sharing_problem, sharing_problems};

/// The operator's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    It,
    En,
}
