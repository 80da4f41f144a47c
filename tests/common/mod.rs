pub mod agenda;
pub mod cli;
pub mod gestore;
pub mod harness;
pub mod patient;
pub mod patto;
pub mod screen;
