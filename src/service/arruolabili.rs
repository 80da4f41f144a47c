//! The arruolabili: the ATS list of the MMG's chronic patients eligible for
//! the programme, imported (with a preview, as the Gestori list), matched
//! with the patients by codice fiscale or registered, and worked as a list:
//! da contattare → contattato (date and esito) → Patto firmato; an
//! invitation letter per row.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::domain::arruolabili::{Arruolabile, Contatto, Esito, Recapiti, Stato};
use crate::domain::audit::AuditAction;
use crate::domain::level::{Livello, LivelloAts};
use crate::domain::pathology::PrimarieAts;
pub use crate::io::arruolabili::{AcceptedRow, Preview, RejectedRow, RowProblem, RowWarning};
use crate::io::arruolabili::{Studio, invitation_text, parse_arruolabili};
use crate::io::table::MAX_FILE_BYTES;
use crate::service::documents::Document;
pub use crate::service::gestori::ListFileError;

/// Reads the ATS list of arruolabili in `path` (CSV or XLSX; `sheet` names
/// the sheet of a workbook) into a preview, with the file's name; nothing is
/// written. The command line and the import screen read through here.
pub fn read_arruolabili_file(
    path: &Path,
    sheet: Option<&str>,
) -> std::result::Result<(String, Preview), ListFileError> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(ListFileError::TooBig { bytes: size });
    }
    let bytes = std::fs::read(path).map_err(ListFileError::Unreadable)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let preview = parse_arruolabili(&bytes, &name, sheet).map_err(ListFileError::Format)?;
    Ok((name, preview))
}

/// The key of a row: the de-omocoded codice fiscale (the same person
/// whatever omocode variant a list writes).
pub fn row_key(codice_fiscale: &str) -> String {
    match CodiceFiscale::parse(codice_fiscale, crate::service::comuni()) {
        Ok(cf) => cf.normalized(),
        Err(_) => codice_fiscale.trim().to_uppercase(),
    }
}

/// What an import would change, counted before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Rows not in the worklist yet.
    pub nuove: usize,
    /// Rows already there whose data (names, level, pathologies) change.
    pub aggiornate: usize,
    /// Rows already there, the same.
    pub invariate: usize,
    /// Patients found by codice fiscale.
    pub pazienti_trovati: usize,
    /// Patients to register.
    pub pazienti_nuovi: usize,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportLog {
    pub plan: ImportPlan,
    pub scartate: usize,
}

/// A row of the worklist as listed, with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The row's key (see [`row_key`]).
    pub key: String,
    pub row: Arruolabile,
    pub stato: Stato,
}

/// The one place where the ATS's data reach the patient record: the
/// list's pathologies in the catalogue join the record's, its primary
/// pathology becomes the record's when the record has none and the
/// patient's ATS allows it as primary (`primarie`), and its level becomes
/// the Region's level of the record, dated `day` (the import) with the list
/// as its source. Returns whether the record changed.
pub fn apply_ats_data(
    patient: &mut Patient,
    row: &Arruolabile,
    primarie: &PrimarieAts,
    day: NaiveDate,
) -> bool {
    let before = patient.clone();
    // Codes outside the catalogue stay on the row, flagged at import.
    let catalogue = super::pathologies();
    let known = |code: &String| catalogue.get(code).map(|p| p.code.clone());
    for code in row.codici().iter().filter_map(known) {
        if !patient.patologie.contains(&code) {
            patient.patologie.push(code);
        }
    }
    if patient.patologia_primaria.is_none()
        && let Some(primary) = row.patologia_primaria.as_ref().and_then(known)
    {
        let allowed = patient
            .ats(
                crate::service::comuni(),
                super::ats_table(),
                super::ats_rules(),
            )
            .is_none_or(|ats| primarie.allows(&ats.codice, &primary));
        if allowed {
            patient.patologia_primaria = Some(primary);
        }
    }
    if let Some(livello) = row.livello.and_then(Livello::from_number) {
        let same = patient
            .livello_ats
            .as_ref()
            .is_some_and(|l| l.livello == livello);
        if !same {
            patient.livello_ats = Some(LivelloAts {
                livello,
                fonte: LIST_SOURCE.to_string(),
                data: day,
            });
        }
    }
    *patient != before
}

/// The source of a level read from the ATS list of arruolabili.
pub const LIST_SOURCE: &str = "elenco arruolabili ATS";

/// A new patient from a row of the list: names and codice fiscale, birth
/// date, sex and birthplace from the codice fiscale, the pathologies.
fn patient_of(row: &Arruolabile, cf: &CodiceFiscale, today: NaiveDate) -> Patient {
    let d = cf.decode(today, crate::service::comuni());
    let mut p = Patient {
        id: 0,
        cognome: row.cognome.clone(),
        nome: row.nome.clone(),
        codice_fiscale: cf.as_str().to_string(),
        sesso: d.sex,
        data_nascita: d.birth_date,
        luogo_nascita: d.belfiore,
        residenza: Default::default(),
        ats_override: None,
        mmg: String::new(),
        telefoni: Vec::new(),
        email: String::new(),
        tessera_sanitaria: String::new(),
        patologie: Vec::new(),
        patologia_primaria: None,
        livello_ats: None,
        stato: Default::default(),
        note: String::new(),
    };
    apply_ats_data(&mut p, row, &PrimarieAts::default(), today);
    p
}

fn same_data(a: &Arruolabile, b: &Arruolabile) -> bool {
    a.cognome == b.cognome
        && a.nome == b.nome
        && a.codice_fiscale == b.codice_fiscale
        && a.livello == b.livello
        && a.patologia_primaria == b.patologia_primaria
        && a.patologie == b.patologie
}

impl Arruolabili<'_> {
    /// The patient already registered with this codice fiscale (as written,
    /// or its de-omocoded form).
    fn patient_of_cf(&self, cf: &str) -> Result<Option<PatientId>> {
        let store = &self.desk.store;
        if let Some(id) = store.patient_id_by_cf(cf)? {
            return Ok(Some(id));
        }
        let key = row_key(cf);
        if key != cf {
            return Ok(store.patient_id_by_cf(&key)?);
        }
        Ok(None)
    }

    /// Compares the accepted rows with the worklist and the patients.
    pub fn plan_import(&self, rows: &[AcceptedRow]) -> Result<ImportPlan> {
        let today = self.desk.today();
        let mut plan = ImportPlan::default();
        for r in rows {
            let new = r.to_arruolabile(today);
            match self.desk.store.arruolabile(&row_key(&r.codice_fiscale))? {
                None => plan.nuove += 1,
                Some(old) if same_data(&old, &new) => plan.invariate += 1,
                Some(_) => plan.aggiornate += 1,
            }
            if self.patient_of_cf(&r.codice_fiscale)?.is_some() {
                plan.pazienti_trovati += 1;
            } else {
                plan.pazienti_nuovi += 1;
            }
        }
        Ok(plan)
    }

    /// Writes the accepted rows: a row already in the worklist keeps its
    /// contact and state and takes the list's data; each row is tied to its
    /// patient, found by codice fiscale or registered. Recorded in the audit
    /// trail with the counts.
    pub fn apply_import(
        &self,
        rows: &[AcceptedRow],
        file: &str,
        rejected: usize,
    ) -> Result<ImportLog> {
        let today = self.desk.today();
        let primarie = self.desk.store.primarie_ats()?;
        let plan = self.plan_import(rows)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let key = row_key(&r.codice_fiscale);
            let mut row = match self.desk.store.arruolabile(&key)? {
                Some(old) => Arruolabile {
                    importato_il: old.importato_il,
                    contatto: old.contatto,
                    patto_firmato: old.patto_firmato,
                    patient: old.patient,
                    ..r.to_arruolabile(today)
                },
                None => r.to_arruolabile(today),
            };
            // The patient: the one tied before (if still there), else by
            // codice fiscale, else a new record.
            let tied = match row.patient {
                Some(id) if self.desk.store.get_patient(id)?.is_some() => Some(id),
                _ => self.patient_of_cf(&r.codice_fiscale)?,
            };
            let id = match tied {
                Some(id) => {
                    if let Some(mut p) = self.desk.store.get_patient(id)?
                        && !p.is_erased()
                        && apply_ats_data(&mut p, &row, &primarie, today)
                    {
                        self.desk.patients().update_patient(p)?;
                    }
                    id
                }
                None => {
                    let cf = CodiceFiscale::parse(&r.codice_fiscale, crate::service::comuni())?;
                    let p = patient_of(&row, &cf, today);
                    self.desk.patients().register_patient(p)?
                }
            };
            row.patient = Some(id);
            out.push((key, row));
        }
        self.desk.store.save_arruolabili(&out)?;
        self.desk.audit(
            AuditAction::Import,
            None,
            format!(
                "Arruolabili da {file}: {} nuove, {} aggiornate, {} invariate, {} pazienti registrati, {} scartate",
                plan.nuove, plan.aggiornate, plan.invariate, plan.pazienti_nuovi, rejected
            ),
        )?;
        Ok(ImportLog {
            plan,
            scartate: rejected,
        })
    }

    /// The day a Patto of the patient was signed, if one signed since the
    /// row was first imported (or one in force now).
    fn patto_signed(&self, row: &Arruolabile) -> Result<Option<NaiveDate>> {
        let Some(patient) = row.patient else {
            return Ok(None);
        };
        let today = self.desk.today();
        let mut best: Option<NaiveDate> = None;
        for p in self.desk.patto().patti(patient)? {
            let Some(f) = &p.firma else { continue };
            let day = f.firmato_il.date();
            if day >= row.importato_il || p.state_on(today).is_in_force() {
                best = Some(best.map_or(day, |b| b.max(day)));
            }
        }
        Ok(best)
    }

    /// The worklist, by surname and name, each row with its state (a Patto
    /// signed since is seen here: the row is "Patto firmato").
    pub fn list(&self) -> Result<Vec<Line>> {
        let mut out = Vec::new();
        for mut row in self.desk.store.arruolabili()? {
            if row.patto_firmato.is_none() {
                row.patto_firmato = self.patto_signed(&row)?;
            }
            out.push(Line {
                key: row_key(&row.codice_fiscale),
                stato: row.stato(),
                row,
            });
        }
        out.sort_by(|a, b| {
            (&a.row.cognome, &a.row.nome, &a.key).cmp(&(&b.row.cognome, &b.row.nome, &b.key))
        });
        Ok(out)
    }

    /// How many rows are in each state, in the order of [`Stato::ALL`].
    pub fn counts(lines: &[Line]) -> [usize; 4] {
        let mut out = [0; 4];
        for l in lines {
            if let Some(i) = Stato::ALL.iter().position(|s| *s == l.stato) {
                out[i] += 1;
            }
        }
        out
    }

    fn row(&self, key: &str) -> Result<Arruolabile> {
        self.desk
            .store
            .arruolabile(key)?
            .ok_or_else(|| Refusal::ArruolabileNotFound(key.to_string()).into())
    }

    /// Records the contact with the patient of row `key`: the day and the
    /// answer ("già in carico altrove" closes the row). A later contact
    /// replaces an earlier one.
    pub fn record_contact(&self, key: &str, data: NaiveDate, esito: Esito) -> Result<Line> {
        if data > self.desk.today() {
            return Err(Refusal::ContactInFuture(data).into());
        }
        let mut row = self.row(key)?;
        row.contatto = Some(Contatto {
            data,
            esito,
            operatore: self.desk.operator(),
        });
        if row.patto_firmato.is_none() {
            row.patto_firmato = self.patto_signed(&row)?;
        }
        self.desk
            .store
            .save_arruolabili(&[(key.to_string(), row.clone())])?;
        self.desk.audit(
            AuditAction::Arruolabile,
            row.patient,
            format!(
                "contatto del {}: {}",
                data.format("%d/%m/%Y"),
                esito.label()
            ),
        )?;
        Ok(Line {
            key: key.to_string(),
            stato: row.stato(),
            row,
        })
    }

    /// Back to "da contattare" (a contact recorded by mistake).
    pub fn clear_contact(&self, key: &str) -> Result<()> {
        let mut row = self.row(key)?;
        if row.contatto.take().is_none() {
            return Ok(());
        }
        self.desk
            .store
            .save_arruolabili(&[(key.to_string(), row.clone())])?;
        self.desk
            .audit(AuditAction::Arruolabile, row.patient, "contatto annullato")
    }

    /// The practice's address, phone and hours printed on the invitations.
    pub fn recapiti(&self) -> Result<Recapiti> {
        Ok(self.desk.store.recapiti()?)
    }

    pub fn save_recapiti(&self, r: &Recapiti) -> Result<()> {
        use crate::domain::text::{MAX_ADDRESS_CHARS, MAX_SHORT_CHARS};
        let r = Recapiti {
            indirizzo: input_field(Field::Indirizzo, &r.indirizzo, MAX_ADDRESS_CHARS)?,
            telefono: input_field(Field::Telefono, &r.telefono, MAX_SHORT_CHARS)?,
            orari: input_field(Field::Note, &r.orari, MAX_ADDRESS_CHARS)?,
        };
        self.desk.store.save_recapiti(&r)?;
        self.desk
            .audit(AuditAction::PracticeSetup, None, "recapiti per gli inviti")
    }

    /// The invitation letter's text for row `key`, dated today.
    pub fn invitation_text(&self, key: &str) -> Result<String> {
        let row = self.row(key)?;
        let practice = self.desk.gestori().practice()?;
        let mmg = match row.patient {
            Some(id) => self
                .desk
                .store
                .get_patient(id)?
                .map(|p| p.mmg)
                .filter(|m| !m.trim().is_empty()),
            None => None,
        }
        .or_else(|| practice.mmg.first().map(|m| m.nome.clone()))
        .unwrap_or_default();
        let studio = Studio {
            nome: practice.nome.clone(),
            comune: if practice.comune.trim().is_empty() {
                String::new()
            } else {
                comune_name(&practice.comune)
            },
            mmg,
            recapiti: self.recapiti()?,
        };
        Ok(invitation_text(&studio, &row, self.desk.today()))
    }

    /// The invitation as a document to write and print:
    /// `invito-<CF>-<yyyymmdd>`, PDF and text; recorded in the audit trail.
    pub fn invitation_document(&self, key: &str) -> Result<Document> {
        let text = self.invitation_text(key)?;
        let row = self.row(key)?;
        let practice = self.desk.gestori().practice()?;
        let mut pdf = Vec::new();
        crate::io::patto::write_document_pdf(
            &text,
            &practice.nome,
            "Invito alla presa in carico",
            &[""],
            &mut pdf,
        )
        .map_err(|e| DeskError::internal(Internal::Print, e))?;
        self.desk
            .audit(AuditAction::Arruolabile, row.patient, "invito stampato")?;
        Ok(Document {
            stem: format!(
                "invito-{}-{}",
                row.codice_fiscale,
                self.desk.today().format("%Y%m%d")
            ),
            files: vec![("pdf", pdf), ("txt", text.into_bytes())],
        })
    }
}

/// What the demo's desk did with the people of its ATS list, in order:
/// `None` to contact, else the answer and how many days ago.
const DEMO_CONTACTS: [Option<(Esito, i64)>; 8] = [
    None,
    None,
    Some((Esito::Accetta, 3)),
    Some((Esito::Rifiuta, 10)),
    None,
    Some((Esito::NonRaggiungibile, 2)),
    Some((Esito::GiaInCaricoAltrove, 6)),
    None,
];

/// SGDT codes (primary, others) and level of the demo rows, in turn.
const DEMO_CODES: [(&str, &[&str], u8); 4] = [
    ("56", &["48", "60"], 2),
    ("50", &["56", "20", "17"], 1),
    ("39", &[], 3),
    ("20", &["56", "29"], 1),
];

impl Desk {
    /// The demo's worklist of arruolabili, on a store that has none: demo
    /// patients (`sample`: chronic, not in charge) listed by a fictional ATS
    /// list in every state (to contact, contacted with each answer, closed
    /// as in care elsewhere), and two patients whose Patto is in force,
    /// contacted a week before signing. No patient is added.
    pub(super) fn demo_arruolabili(&self, sample: &[Patient]) -> Result<()> {
        if !self.store.arruolabili()?.is_empty() {
            return Ok(());
        }
        let today = self.today();
        let row = |line: usize, cf: &str, cognome: &str, nome: &str| {
            let (primaria, altre, livello) = DEMO_CODES[line % DEMO_CODES.len()];
            AcceptedRow {
                line: line + 2,
                codice_fiscale: cf.to_string(),
                cognome: cognome.to_string(),
                nome: nome.to_string(),
                livello: Some(livello),
                patologia_primaria: Some(primaria.to_string()),
                patologie: altre.iter().map(|c| c.to_string()).collect(),
                warnings: Vec::new(),
            }
        };
        let mut rows = Vec::new();
        for p in sample {
            if rows.len() == DEMO_CONTACTS.len() {
                break;
            }
            if p.id == 0 || p.patologie.is_empty() || self.store.active_presa(p.id)?.is_some() {
                continue;
            }
            rows.push(row(rows.len(), &p.codice_fiscale, &p.cognome, &p.nome));
        }
        let listed = rows.len();
        let signed: Vec<_> = self
            .patto()
            .patti_in_scadenza(400, 0)?
            .into_iter()
            .filter(|s| s.state.is_in_force())
            .take(2)
            .collect();
        for s in &signed {
            rows.push(row(
                rows.len(),
                &s.patient.codice_fiscale,
                &s.patient.cognome,
                &s.patient.nome,
            ));
        }
        if rows.is_empty() {
            return Ok(());
        }
        let view = self.arruolabili();
        if view.recapiti()? == Recapiti::default() {
            self.store.save_recapiti(&Recapiti {
                indirizzo: "Via Dante 14, 20121 Milano".into(),
                telefono: "02 0000 0100".into(),
                orari: "lun-ven 9-12 e 15-18".into(),
            })?;
        }
        view.apply_import(&rows, "elenco-ats-dimostrativo.csv", 0)?;
        for (r, contact) in rows.iter().zip(DEMO_CONTACTS.iter()).take(listed) {
            if let Some((esito, days)) = contact {
                view.record_contact(
                    &row_key(&r.codice_fiscale),
                    today - chrono::Duration::days(*days),
                    *esito,
                )?;
            }
        }
        for (r, s) in rows.iter().skip(listed).zip(&signed) {
            let day = s
                .patto
                .firma
                .as_ref()
                .map(|f| f.firmato_il.date() - chrono::Duration::days(7))
                .unwrap_or(today);
            view.record_contact(&row_key(&r.codice_fiscale), day.min(today), Esito::Accetta)?;
        }
        Ok(())
    }
}

/// The worklist of arruolabili. Reached from the desk as
/// [`Desk::arruolabili`].
#[derive(Clone, Copy)]
pub struct Arruolabili<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The worklist of arruolabili: import, contacts, invitations.
    pub fn arruolabili(&self) -> Arruolabili<'_> {
        Arruolabili { desk: self }
    }
}
