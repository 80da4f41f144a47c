//! ATS (Agenzie di Tutela della Salute) and ASST of Lombardy, and the rule that gives the
//! ATS of residence from the comune.
//!
//! The 8 ATS and 26 ASST come from `assets/ats.csv` and `assets/asst.csv` (read by `crate::io::tables`). The ATS
//! of a comune follows its province (the province lists in `ats.csv`), except for the
//! comuni listed in `assets/ats-eccezioni.csv` (Valle Camonica in BS and Alto Lario in CO,
//! which belong to ATS della Montagna). The exceptions are data, keyed by Belfiore code, so
//! a practice can correct them; the operator can always override the result.

use std::collections::HashMap;

use thiserror::Error;

/// One ATS, with its Ministry of Health code ("030321") and the provinces it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ats {
    pub codice: String,
    pub denominazione: String,
    pub sede: String,
    /// Province abbreviations ("MI", "LO").
    pub province: Vec<String>,
}

/// One ASST, with the code of the ATS it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asst {
    pub codice: String,
    pub denominazione: String,
    pub ats: String,
}

/// Errors reading the ATS tables. Messages are for the operator, in Italian.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AtsError {
    #[error("il file è vuoto: serve l'intestazione \"{expected}\"")]
    Empty { expected: &'static str },
    #[error("riga {line}: intestazione attesa \"{expected}\", trovata \"{found}\"")]
    BadHeader {
        line: u64,
        expected: &'static str,
        found: String,
    },
    #[error("riga {line}: servono {expected} campi, trovati {found}")]
    FieldCount {
        line: u64,
        expected: usize,
        found: usize,
    },
    #[error("riga {line}: il campo \"{field}\" è vuoto, va compilato")]
    EmptyField { line: u64, field: &'static str },
    #[error(
        "riga {line}: codice Belfiore \"{value}\" non valido, scrivere una lettera e tre cifre (es. F205)"
    )]
    BadBelfiore { line: u64, value: String },
    #[error(
        "riga {line}: sigla di provincia \"{value}\" non valida, scrivere due lettere (es. BS)"
    )]
    BadProvince { line: u64, value: String },
    #[error("riga {line}: codice ATS \"{value}\" non valido, scrivere sei cifre (es. 030323)")]
    BadAtsCode { line: u64, value: String },
    #[error("riga {line}: codice ATS \"{value}\" sconosciuto, usare un codice dell'elenco ATS")]
    UnknownAts { line: u64, value: String },
    #[error("riga {line}: il codice {value} è già presente alla riga {first_line}")]
    Duplicate {
        line: u64,
        value: String,
        first_line: u64,
    },
    #[error("riga {line}: file CSV non leggibile ({message})")]
    Csv { line: u64, message: String },
}

/// Header of `assets/ats.csv`.
pub const ATS_HEADER: &str = "codice,denominazione,sede,province";
/// Header of `assets/asst.csv`.
pub const ASST_HEADER: &str = "codice,denominazione,ats";
/// Header of the exceptions table (`assets/ats-eccezioni.csv`).
pub const EXCEPTIONS_HEADER: &str = "belfiore,comune,provincia,ats,area";

/// The reference list of ATS and ASST (read by `crate::io::tables`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AtsTable {
    ats: Vec<Ats>,
    asst: Vec<Asst>,
}

impl AtsTable {
    pub fn new(ats: Vec<Ats>, asst: Vec<Asst>) -> AtsTable {
        AtsTable { ats, asst }
    }

    /// The ATS, in file order (by code).
    pub fn all_ats(&self) -> &[Ats] {
        &self.ats
    }

    /// The ASST, in file order (by code).
    pub fn all_asst(&self) -> &[Asst] {
        &self.asst
    }

    /// The ATS with Ministry code `code` ("030321"); surrounding spaces are ignored.
    pub fn ats_by_code(&self, code: &str) -> Option<&Ats> {
        let code = code.trim();
        self.ats.iter().find(|a| a.codice == code)
    }

    /// The ASST belonging to the ATS with code `ats_code`, in file order.
    pub fn asst_of(&self, ats_code: &str) -> Vec<&Asst> {
        let code = ats_code.trim();
        self.asst.iter().filter(|a| a.ats == code).collect()
    }

    /// The ATS that covers province `provincia` ("MI", case-insensitive) by the province
    /// rule alone, without exceptions. `None` outside Lombardy.
    pub fn ats_for_province(&self, provincia: &str) -> Option<&Ats> {
        let provincia = provincia.trim();
        self.ats
            .iter()
            .find(|a| a.province.iter().any(|p| p.eq_ignore_ascii_case(provincia)))
    }
}

/// One comune assigned to an ATS other than its province's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtsException {
    /// Belfiore code, upper case ("B149").
    pub belfiore: String,
    /// The comune's name, for people reading the table ("Breno").
    pub comune: String,
    /// Province abbreviation, upper case ("BS").
    pub provincia: String,
    /// Code of the ATS the comune belongs to ("030323").
    pub ats: String,
    /// The area the exception comes from ("Valle Camonica").
    pub area: String,
}

/// The rule giving the ATS of residence: the exceptions table first, then the province.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AtsRules {
    exceptions: Vec<AtsException>,
    /// Upper-case Belfiore code -> index into `exceptions`.
    by_belfiore: HashMap<String, usize>,
}

impl AtsRules {
    /// The rules of `exceptions` (each Belfiore code once: a later duplicate is
    /// ignored; `crate::io::tables` reports duplicates with their lines).
    pub fn new(exceptions: Vec<AtsException>) -> AtsRules {
        let mut rules = AtsRules::default();
        for exception in exceptions {
            if rules.by_belfiore.contains_key(&exception.belfiore) {
                continue;
            }
            rules
                .by_belfiore
                .insert(exception.belfiore.clone(), rules.exceptions.len());
            rules.exceptions.push(exception);
        }
        rules
    }

    /// All exceptions, in file order.
    pub fn exceptions(&self) -> &[AtsException] {
        &self.exceptions
    }

    /// The exception for Belfiore code `belfiore` (case-insensitive), if any.
    pub fn exception(&self, belfiore: &str) -> Option<&AtsException> {
        let key = belfiore.trim().to_ascii_uppercase();
        self.by_belfiore
            .get(&key)
            .and_then(|&i| self.exceptions.get(i))
    }

    /// The ATS of residence of the comune with Belfiore code `belfiore` in province
    /// `provincia`: the exception for that code if listed, else the ATS whose province list
    /// contains `provincia`. `None` outside Lombardy.
    pub fn ats_for<'a>(
        &self,
        table: &'a AtsTable,
        belfiore: &str,
        provincia: &str,
    ) -> Option<&'a Ats> {
        match self.exception(belfiore) {
            Some(exception) => table.ats_by_code(&exception.ats),
            None => table.ats_for_province(provincia),
        }
    }
}
