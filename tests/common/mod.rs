pub mod agenda;
pub mod gestore;
