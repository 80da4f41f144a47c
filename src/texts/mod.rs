//! The interface's language: what the screens and the command line share to
//! speak to the operator in Italian (the default) or English (`--lang en`).

/// The operator's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    It,
    En,
}
