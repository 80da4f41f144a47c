pub mod agenda;
