//! Reads made from the command line (`find`, `agenda`, `ics`, `export patto`,
//! `export pai`), recorded in the audit trail like a screen's opening of a
//! record: the practice's access log says who looked at whom, also when it was
//! done from a shell. The command line has no login, so the entry names the
//! operating-system account that ran the command.

use super::{Agenda, PaiPlans, Patients, Patti};
use chrono::NaiveDate;

use super::documents::{Document, PattoFormats};
use super::{COMMAND_LINE, Desk, Lookup, Result};
use crate::domain::audit::AuditAction;
use crate::domain::pai::Pai;
use crate::domain::text::clean_input;
use crate::domain::{PatientId, PattoId};

/// Most patient ids one entry lists (a search of 500 names records the first
/// 50 and how many there were).
pub const MAX_LISTED_IDS: usize = 50;

/// Longest search text copied into an entry, in characters.
const MAX_QUERY_CHARS: usize = 100;

/// The operating-system account running the program: `USER` (Unix) or
/// `USERNAME` (Windows), "sconosciuto" when neither is set.
pub fn os_user() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|u| clean_input(&u).trim().chars().take(64).collect::<String>())
        .find(|u| !u.is_empty())
        .unwrap_or_else(|| "sconosciuto".into())
}

/// "id 3, 7, 9" (at most [`MAX_LISTED_IDS`], then "e altri N").
fn id_list(ids: &[PatientId]) -> String {
    if ids.is_empty() {
        return "nessun paziente".into();
    }
    let shown: Vec<String> = ids
        .iter()
        .take(MAX_LISTED_IDS)
        .map(u64::to_string)
        .collect();
    let mut out = format!("id {}", shown.join(", "));
    if ids.len() > MAX_LISTED_IDS {
        out.push_str(&format!(" e altri {}", ids.len() - MAX_LISTED_IDS));
    }
    out
}

impl Desk {
    /// Who a command-line read is recorded as: "riga di comando (utente os:
    /// mario)", or the operator logged in when the desk has one.
    fn reader(&self) -> String {
        match self.session() {
            Some(s) if s.operator.is_none() && s.username == COMMAND_LINE => {
                format!("{COMMAND_LINE} (utente os: {})", os_user())
            }
            _ => self.operator(),
        }
    }

    fn record_read(
        &self,
        action: AuditAction,
        patient: Option<PatientId>,
        summary: String,
    ) -> Result<()> {
        self.audit_as(&self.reader(), action, patient, summary)
    }
}

impl Patients<'_> {
    /// [`Patients::lookup`] for `sportello find`, recorded: the text searched
    /// and the patients listed (their ids; the patient's own when only one).
    pub fn lookup_recorded(&self, query: &str, limit: usize) -> Result<Lookup> {
        let lookup = self.lookup(query, limit)?;
        let ids: Vec<PatientId> = lookup.patients.iter().map(|p| p.id).collect();
        let query: String = clean_input(query)
            .trim()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
        let what = match (lookup.suggested, ids.len()) {
            (true, 1) => "nome simile",
            (true, _) => "nomi simili",
            (false, 1) => "paziente",
            (false, _) => "pazienti",
        };
        let summary = format!(
            "ricerca \"{query}\": {} {what} ({})",
            ids.len(),
            id_list(&ids)
        );
        let patient = match ids.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        self.desk
            .record_read(AuditAction::ListViewed, patient, summary)?;
        Ok(lookup)
    }
}

impl Agenda<'_> {
    /// Records that the day list of `day` is read from `sportello agenda`,
    /// in the renderings named by `formats` ("testo", "CSV", "PDF").
    pub fn record_day_list_read(&self, day: NaiveDate, formats: &[&str]) -> Result<()> {
        let lines = self.day_list(day, None)?;
        let mut ids: Vec<PatientId> = Vec::new();
        for l in &lines {
            if let Some(p) = &l.patient
                && !ids.contains(&p.id)
            {
                ids.push(p.id);
            }
        }
        let summary = format!(
            "lista del giorno {} ({}): {} appuntamenti, {}",
            day.format("%d/%m/%Y"),
            formats.join(", "),
            lines.len(),
            id_list(&ids)
        );
        self.desk
            .record_read(AuditAction::ListViewed, None, summary)
    }

    /// [`Agenda::patient_ics`] for `sportello ics`, recorded.
    pub fn patient_ics_recorded(&self, patient: PatientId) -> Result<String> {
        let ics = self.patient_ics(patient)?;
        let count = ics.matches("BEGIN:VEVENT").count();
        self.desk.record_read(
            AuditAction::OpenRecord,
            Some(patient),
            format!("appuntamenti in formato iCalendar ({count})"),
        )?;
        Ok(ics)
    }
}

impl Patti<'_> {
    /// [`Patti::patto_document`] for `sportello export patto`, recorded.
    pub fn patto_document_recorded(&self, id: PattoId, formats: PattoFormats) -> Result<Document> {
        let document = self.patto_document(id, formats)?;
        if let Some(patto) = self.get(id)? {
            self.desk.record_read(
                AuditAction::OpenRecord,
                Some(patto.patient),
                format!(
                    "stampa del Patto di Cura {} ({})",
                    patto.numero_label(),
                    extensions(&document)
                ),
            )?;
        }
        Ok(document)
    }

    /// The Patto di Cura `sportello export patto` prints for `patient`: the
    /// first signed one of [`Patti::patti`], as [`Patti::patto_document_recorded`];
    /// `None` when the patient has no signed Patto.
    pub fn signed_patto_document_recorded(
        &self,
        patient: PatientId,
        formats: PattoFormats,
    ) -> Result<Option<Document>> {
        let Some(patto) = self.patti(patient)?.into_iter().find(|p| p.firma.is_some()) else {
            return Ok(None);
        };
        self.patto_document_recorded(patto.id, formats).map(Some)
    }
}

impl PaiPlans<'_> {
    /// The PAI `sportello export pai` prints for `patient`: the one in use,
    /// or else the first of [`PaiPlans::pai_list`], as
    /// [`PaiPlans::pai_document_recorded`]; `None` when the patient has no PAI.
    pub fn pai_document_to_export_recorded(&self, patient: PatientId) -> Result<Option<Document>> {
        let pai = match self.current_pai(patient)? {
            Some(p) => Some(p),
            None => self.pai_list(patient)?.into_iter().next(),
        };
        match pai {
            Some(pai) => self.pai_document_recorded(&pai).map(Some),
            None => Ok(None),
        }
    }

    /// [`PaiPlans::pai_document`] for `sportello export pai`, recorded.
    pub fn pai_document_recorded(&self, pai: &Pai) -> Result<Document> {
        let document = self.pai_document(pai)?;
        self.desk.record_read(
            AuditAction::OpenRecord,
            Some(pai.patient),
            format!(
                "stampa del PAI {} versione {} ({})",
                pai.id,
                pai.versione,
                extensions(&document)
            ),
        )?;
        Ok(document)
    }
}

fn extensions(document: &Document) -> String {
    document
        .files
        .iter()
        .map(|(ext, _)| ext.to_uppercase())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_are_bounded() {
        assert_eq!(id_list(&[]), "nessun paziente");
        assert_eq!(id_list(&[3, 7]), "id 3, 7");
        let many: Vec<u64> = (1..=60).collect();
        let text = id_list(&many);
        assert!(text.ends_with(", 50 e altri 10"), "{text}");
    }
}
