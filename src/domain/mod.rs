//! Pure types and rules: no I/O, no terminal, no storage engine.

pub mod agenda;
pub mod arruolabili;
pub mod ats;
pub mod audit;
pub mod calendar;
pub mod codice_fiscale;
pub mod comuni;
pub mod gestore;
pub mod integrity;
pub mod level;
pub mod operator;
pub mod pai;
pub mod pai_text;
pub mod pathology;
pub mod patient;
pub mod patto;
pub mod patto_text;
pub mod planner;
pub mod practice;
pub mod sex;
pub mod text;

pub use gestore::{Canale, Gestore, GestoreId, GestoreTipo, PresaInCarico, PresaStato};
pub use level::{Livello, LivelloAts, LivelloNoto};
pub use patient::{Patient, PatientId, PatientStatus, Residence};
pub use patto::{
    Consensi, Firma, FirmaInput, Firmatario, PattoDiCura, PattoError, PattoId, PattoState,
    PattoStato,
};
pub use sex::Sex;
