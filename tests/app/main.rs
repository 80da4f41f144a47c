//! The integration tests, one module per area, in one binary: each test
//! binary links the whole crate, so one binary builds far faster than
//! one per file. The crash test and the failpoint tests (process-wide
//! fault injection) keep binaries of their own.

#[path = "../common/mod.rs"]
mod common;

mod agenda;
mod arruolabili;
mod backup;
mod backup_auto;
mod cli;
mod disk;
#[cfg(not(windows))]
mod fhir;
mod fuzz;
mod gdpr;
mod gestori;
mod import_gestori;
mod layers;
mod operators;
mod pai;
mod patto;
mod serve;
mod stale_saves;
mod store;
mod stress;
mod tui;
mod tui_access;
mod tui_admin_agenda;
mod tui_agenda;
mod tui_archivio;
mod tui_arruolabili;
mod tui_channels;
mod tui_current;
mod tui_english;
mod tui_gestore;
mod tui_pai;
mod tui_patto;
mod tui_refresh;
mod tui_regional;
mod tui_ricette;
mod tui_texts;
