//! sportello: front-desk application for the Lombardy chronic-patient programme
//! (presa in carico, PIC).
//!
//! Layers, imports pointing down only: `tui` -> `service` -> `store` -> `domain`.

pub mod domain;
pub mod service;
pub mod store;
