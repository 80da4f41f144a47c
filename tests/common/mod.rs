pub mod agenda;
pub mod cli;
pub mod gestore;
