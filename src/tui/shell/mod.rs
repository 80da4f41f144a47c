//! The shell around the features: the login gate, the help screen and the
//! placeholder of an area with nothing to show.

pub mod help;
pub mod keys;
pub mod login;
pub mod placeholder;
pub mod strings;
