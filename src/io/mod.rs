//! Importers and exporters: pure parsing and writing of files, no store and no terminal.
//! The service layer reads a file, calls a parser here, shows the preview and stores the
//! result; exporters write to any `std::io::Write`.

pub mod arruolabili;
pub mod csv_cell;
pub mod fhir;
pub mod gestori;
pub mod ical;
pub mod mmg_aderenti;
pub mod patto;
pub mod table;
pub mod tables;
