//! sportello: front-desk application for the Lombardy chronic-patient programme
//! (presa in carico, PIC).
//!
//! Layers, imports pointing down only: `tui` and `io` -> `service` -> `store` ->
//! `domain`. `io` reads and writes files (imports, PDF, FHIR) and never sees the store.

pub mod domain;
pub mod io;
pub mod private_fs;
pub mod serve;
pub mod service;
pub mod store;
pub mod texts;
pub mod tui;
