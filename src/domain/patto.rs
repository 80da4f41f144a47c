//! The Patto di Cura: the yearly agreement between the patient and the Gestore
//! (DOMAIN.md, "Patto di Cura"). Prepared as a draft (bozza), signed once (the
//! rendered text is frozen with its SHA-256 and never edited afterwards), later
//! renewed by a new Patto linked to this one, or revoked with date and reason.
//!
//! The text of the Patto is rendered by [`super::patto_text`].

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};

use super::gestore::{GestoreId, PresaId, PresaInCarico};
use super::patient::{Patient, PatientId, PatientStatus};

pub type PattoId = u64;

/// Days before the expiry from which a signed Patto shows as "in scadenza".
pub const IN_SCADENZA_GIORNI: u32 = 30;

/// Who signs the Patto for the patient. Variants are append-only (they are stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Firmatario {
    /// The patient in person.
    Paziente,
    /// Legal guardian.
    Tutore,
    AmministratoreDiSostegno,
    /// A person the patient delegated, identified by a document.
    Delegato,
}

impl Firmatario {
    pub const ALL: [Firmatario; 4] = [
        Firmatario::Paziente,
        Firmatario::Tutore,
        Firmatario::AmministratoreDiSostegno,
        Firmatario::Delegato,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Firmatario::Paziente => "paziente",
            Firmatario::Tutore => "tutore",
            Firmatario::AmministratoreDiSostegno => "amministratore di sostegno",
            Firmatario::Delegato => "delegato",
        }
    }

    /// Whether this signer must give a name and an identity document
    /// (everyone but the patient in person).
    pub fn needs_identity(self) -> bool {
        self != Firmatario::Paziente
    }
}

/// The consents the patient gives with the Patto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Consensi {
    /// Processing of personal and health data (GDPR art. 9): required to sign.
    pub trattamento_dati: bool,
    /// Consultation of the Fascicolo Sanitario Elettronico.
    pub fse: bool,
    pub telefono: bool,
    pub sms: bool,
    pub email: bool,
}

/// What the operator enters at signing time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirmaInput {
    pub firmatario: Firmatario,
    /// Name of the person signing; may be empty for the patient in person.
    pub nome_firmatario: String,
    /// Identity document ("CI AB1234567"); required unless the patient signs.
    pub documento: String,
    pub consensi: Consensi,
    /// Operator recording the signature.
    pub operatore: String,
}

/// The signature of a Patto, with the text it froze.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firma {
    pub firmatario: Firmatario,
    pub nome_firmatario: String,
    /// Identity document, required for Delegato, Tutore and AmministratoreDiSostegno.
    pub documento: String,
    pub consensi: Consensi,
    pub firmato_il: NaiveDateTime,
    pub operatore: String,
    /// The rendered text, frozen at signing: every reprint uses it as it is.
    pub testo: String,
    /// Lower-case hex SHA-256 of `testo`.
    pub sha256: String,
}

impl Firma {
    /// Whether `testo` still matches the hash taken at signing.
    pub fn is_intact(&self) -> bool {
        sha256_hex(&self.testo) == self.sha256
    }
}

/// The stored state of a Patto. Variants are append-only (they are stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PattoStato {
    Bozza,
    Firmato,
    Revocato { data: NaiveDate, motivo: String },
}

/// The practice's own number of a Patto: a sequence per year, shown as
/// "2026/0001". The store gives it when the Patto is created (see
/// `Store::insert_patto`), never twice in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PattoNumero {
    pub anno: i32,
    pub progressivo: u32,
}

impl std::fmt::Display for PattoNumero {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{:04}", self.anno, self.progressivo)
    }
}

impl PattoNumero {
    /// For file names: "2026-0001".
    pub fn file_part(&self) -> String {
        format!("{}-{:04}", self.anno, self.progressivo)
    }
}

/// A correction of the Clinical Manager of a signed Patto: the signed text
/// stays as it is, the correction is recorded beside it (and in the audit trail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrezioneCm {
    pub il: NaiveDateTime,
    /// The Clinical Manager before (possibly empty).
    pub da: String,
    pub a: String,
    pub motivo: String,
    pub operatore: String,
}

impl CorrezioneCm {
    /// "Clinical Manager corretto il 03/02/2026 da «(vuoto)» a «Dott. Rossi»: motivo".
    pub fn describe(&self) -> String {
        let da = if self.da.trim().is_empty() {
            "(non indicato)".to_string()
        } else {
            self.da.clone()
        };
        format!(
            "Clinical Manager corretto il {} da «{da}» a «{}»: {}",
            self.il.format("%d/%m/%Y"),
            self.a,
            self.motivo
        )
    }
}

/// The parts of a Patto that differ between `a` and `b`, by their labels
/// on the Patto screen (for the refusal of a save over a Patto another desk
/// changed).
pub fn changed_fields(a: &PattoDiCura, b: &PattoDiCura) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut field = |label: &'static str, changed: bool| {
        if changed {
            out.push(label);
        }
    };
    field("Stato", a.stato != b.stato || a.firma != b.firma);
    field(
        "Clinical Manager",
        a.clinical_manager != b.clinical_manager || a.correzioni_cm != b.correzioni_cm,
    );
    field(
        "Rinnovo",
        a.precedente != b.precedente || a.rinnovato_da != b.rinnovato_da,
    );
    out
}

/// One Patto di Cura.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PattoDiCura {
    /// 0 until the store assigns one.
    pub id: PattoId,
    /// The practice's number, given by the store with the id.
    pub numero: Option<PattoNumero>,
    pub patient: PatientId,
    pub presa: PresaId,
    pub gestore: GestoreId,
    /// Doctor who writes the PAI, normally the patient's MMG.
    pub clinical_manager: String,
    /// The Patto this one renews.
    pub precedente: Option<PattoId>,
    /// The Patto that renewed this one.
    pub rinnovato_da: Option<PattoId>,
    pub creato_il: NaiveDate,
    pub stato: PattoStato,
    pub firma: Option<Firma>,
    /// Corrections of the Clinical Manager after signing, oldest first.
    pub correzioni_cm: Vec<CorrezioneCm>,
}

/// The state of a Patto on a given day, derived from the stored state and the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PattoState {
    Bozza,
    Valido,
    /// Expires within [`IN_SCADENZA_GIORNI`] days; `giorni` counts today up to and
    /// including the last day of validity (1 on the last day).
    InScadenza {
        giorni: u32,
    },
    Scaduto,
    Revocato,
    Rinnovato,
}

impl PattoState {
    pub fn label(self) -> String {
        match self {
            PattoState::Bozza => "bozza".into(),
            PattoState::Valido => "firmato (valido)".into(),
            PattoState::InScadenza { giorni: 1 } => "in scadenza tra 1 giorno".into(),
            PattoState::InScadenza { giorni } => format!("in scadenza tra {giorni} giorni"),
            PattoState::Scaduto => "scaduto".into(),
            PattoState::Revocato => "revocato".into(),
            PattoState::Rinnovato => "rinnovato".into(),
        }
    }

    /// Signed and still in force (valid or about to expire).
    pub fn is_in_force(self) -> bool {
        matches!(self, PattoState::Valido | PattoState::InScadenza { .. })
    }
}

/// The last day of validity of a Patto signed on `dal`: one year, that is the day
/// before the same date of the next year. 15/01/2026 -> 14/01/2027;
/// 01/03/2027 -> 29/02/2028 (the next year is a leap year). A Patto signed on
/// 29/02 ends on 28/02 of the next year: the "same date next year" does not exist
/// and is taken as 01/03, whose day before is 28/02.
pub fn scadenza(dal: NaiveDate) -> NaiveDate {
    let next_year = dal.year().saturating_add(1);
    match dal.with_year(next_year) {
        Some(same_day) => same_day.pred_opt().unwrap_or(same_day),
        // Only 29/02 has no same date in the next year.
        None => NaiveDate::from_ymd_opt(next_year, 2, 28).unwrap_or(dal),
    }
}

impl PattoDiCura {
    /// First day of validity: the signature date. `None` until signed.
    pub fn valido_dal(&self) -> Option<NaiveDate> {
        self.firma.as_ref().map(|f| f.firmato_il.date())
    }

    /// Last day of validity: one year from the signature, see [`scadenza`].
    pub fn valido_al(&self) -> Option<NaiveDate> {
        self.valido_dal().map(scadenza)
    }

    /// The state on `today`. A revocation wins over everything, then a renewal;
    /// an unsigned Patto is a draft; a signed one is valid, about to expire (the
    /// last [`IN_SCADENZA_GIORNI`] days, `today..=valido_al`) or expired
    /// (`today > valido_al`).
    pub fn state_on(&self, today: NaiveDate) -> PattoState {
        if matches!(self.stato, PattoStato::Revocato { .. }) {
            return PattoState::Revocato;
        }
        if self.rinnovato_da.is_some() {
            return PattoState::Rinnovato;
        }
        let Some(al) = self.valido_al() else {
            return PattoState::Bozza;
        };
        if self.stato == PattoStato::Bozza {
            return PattoState::Bozza;
        }
        if today > al {
            return PattoState::Scaduto;
        }
        let days = (al - today).num_days().saturating_add(1);
        let giorni = u32::try_from(days).unwrap_or(u32::MAX);
        if giorni <= IN_SCADENZA_GIORNI {
            PattoState::InScadenza { giorni }
        } else {
            PattoState::Valido
        }
    }

    /// Days from `today` to the expiry, counting both ends (`None` if unsigned).
    pub fn giorni_alla_scadenza(&self, today: NaiveDate) -> Option<i64> {
        self.valido_al()
            .map(|al| (al - today).num_days().saturating_add(1))
    }

    /// The number as shown everywhere ("2026/0001"); "s.n." for a Patto the
    /// store has not numbered (never the case once the store is open).
    pub fn numero_label(&self) -> String {
        self.numero
            .map(|n| n.to_string())
            .unwrap_or_else(|| "s.n.".to_string())
    }

    /// A signed, not revoked Patto without a Clinical Manager: the PAI
    /// cannot be shared until it is corrected.
    pub fn manca_clinical_manager(&self) -> bool {
        self.firma.is_some()
            && !matches!(self.stato, PattoStato::Revocato { .. })
            && self.clinical_manager.trim().is_empty()
    }

    /// The frozen text, if signed.
    pub fn testo_firmato(&self) -> Option<&str> {
        self.firma.as_ref().map(|f| f.testo.as_str())
    }
}

/// Errors of the Patto rules and of its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PattoError {
    #[error("Il Patto firmato non si modifica: per cambiarlo prepararne un rinnovo")]
    GiaFirmato,
    #[error("Il Patto revocato non si può firmare: prepararne uno nuovo")]
    Revocato,
    #[error(
        "Manca il consenso al trattamento dei dati personali: senza di esso il Patto non si firma"
    )]
    ConsensoTrattamentoMancante,
    #[error("Firma come {firmatario}: indicare il nome di chi firma")]
    NomeFirmatarioMancante { firmatario: String },
    #[error("Firma come {firmatario}: indicare il documento di identità di chi firma")]
    DocumentoMancante { firmatario: String },
    #[error("Indicare l'operatore che registra la firma")]
    OperatoreMancante,
    #[error("Il testo del Patto è vuoto: prepararlo prima di firmare")]
    TestoVuoto,
    #[error("Manca il Clinical Manager (il medico che redige il PAI): indicarlo prima di firmare")]
    ClinicalManagerMancante,
    #[error("Il Patto non è firmato: il Clinical Manager della bozza si cambia nel suo campo")]
    NonFirmato,
    #[error("Il Patto revocato non si corregge")]
    CorrezioneRevocato,
    #[error("Indicare il nuovo Clinical Manager")]
    NuovoClinicalManagerMancante,
    #[error("Il Clinical Manager indicato è già quello del Patto")]
    ClinicalManagerUguale,
    #[error("Indicare il motivo della correzione")]
    MotivoMancante,
    #[error(
        "Modello del Patto, riga {riga}: segnaposto sconosciuto {{{{{nome}}}}}; correggere il modello"
    )]
    SegnapostoSconosciuto { nome: String, riga: usize },
    #[error("Modello del Patto, riga {riga}: segnaposto aperto con {{{{ e non chiuso con }}}}")]
    SegnapostoNonChiuso { riga: usize },
}

/// Signs a draft: records who signed, the consents, date and operator, and
/// freezes `text` (the rendered Patto) with its SHA-256. Bozza -> Firmato.
/// Nothing changes when it refuses.
pub fn sign(
    patto: &mut PattoDiCura,
    firma_input: FirmaInput,
    text: String,
    now: NaiveDateTime,
) -> Result<(), PattoError> {
    match patto.stato {
        PattoStato::Bozza if patto.firma.is_none() => {}
        PattoStato::Revocato { .. } => return Err(PattoError::Revocato),
        _ => return Err(PattoError::GiaFirmato),
    }
    let FirmaInput {
        firmatario,
        nome_firmatario,
        documento,
        consensi,
        operatore,
    } = firma_input;
    if patto.clinical_manager.trim().is_empty() {
        return Err(PattoError::ClinicalManagerMancante);
    }
    if !consensi.trattamento_dati {
        return Err(PattoError::ConsensoTrattamentoMancante);
    }
    let nome_firmatario = nome_firmatario.trim().to_string();
    let documento = documento.trim().to_string();
    if firmatario.needs_identity() {
        if nome_firmatario.is_empty() {
            return Err(PattoError::NomeFirmatarioMancante {
                firmatario: firmatario.label().into(),
            });
        }
        if documento.is_empty() {
            return Err(PattoError::DocumentoMancante {
                firmatario: firmatario.label().into(),
            });
        }
    }
    let operatore = operatore.trim().to_string();
    if operatore.is_empty() {
        return Err(PattoError::OperatoreMancante);
    }
    if text.trim().is_empty() {
        return Err(PattoError::TestoVuoto);
    }
    let sha256 = sha256_hex(&text);
    patto.firma = Some(Firma {
        firmatario,
        nome_firmatario,
        documento,
        consensi,
        firmato_il: now,
        operatore,
        testo: text,
        sha256,
    });
    patto.stato = PattoStato::Firmato;
    Ok(())
}

/// Corrects the Clinical Manager of a signed Patto: the signed text is not
/// touched; the new name and the correction (who, when, why) are recorded.
/// Nothing changes when it refuses.
pub fn correct_clinical_manager(
    patto: &mut PattoDiCura,
    nuovo: &str,
    motivo: &str,
    operatore: &str,
    now: NaiveDateTime,
) -> Result<CorrezioneCm, PattoError> {
    if matches!(patto.stato, PattoStato::Revocato { .. }) {
        return Err(PattoError::CorrezioneRevocato);
    }
    if patto.firma.is_none() || patto.stato == PattoStato::Bozza {
        return Err(PattoError::NonFirmato);
    }
    let nuovo = nuovo.trim();
    let motivo = motivo.trim();
    if nuovo.is_empty() {
        return Err(PattoError::NuovoClinicalManagerMancante);
    }
    if nuovo == patto.clinical_manager.trim() {
        return Err(PattoError::ClinicalManagerUguale);
    }
    if motivo.is_empty() {
        return Err(PattoError::MotivoMancante);
    }
    let operatore = operatore.trim();
    if operatore.is_empty() {
        return Err(PattoError::OperatoreMancante);
    }
    let correzione = CorrezioneCm {
        il: now,
        da: patto.clinical_manager.clone(),
        a: nuovo.to_string(),
        motivo: motivo.to_string(),
        operatore: operatore.to_string(),
    };
    patto.clinical_manager = nuovo.to_string();
    patto.correzioni_cm.push(correzione.clone());
    Ok(correzione)
}

/// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

/// Lower-case hex SHA-256 of `bytes` (e.g. a printed PDF).
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(HEX[usize::from(byte >> 4)]);
        hex.push(HEX[usize::from(byte & 0x0f)]);
    }
    hex
}

const HEX: [char; 16] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
];

/// One reason a Patto cannot be prepared (see [`missing_preconditions`]);
/// the interface words it in the operator's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The patient died on that day.
    Deceased(NaiveDate),
    /// The patient moved away on that day.
    Transferred(NaiveDate),
    /// The presa in carico given is another patient's.
    PresaOfAnotherPatient,
    /// No active choice of a Gestore.
    NoPresa,
    /// No chronic pathology recorded.
    NoPathology,
}

/// What prevents preparing a Patto for `patient` with the presa in carico
/// `presa`, one reason per item; empty when it can be prepared.
pub fn missing_preconditions(patient: &Patient, presa: Option<&PresaInCarico>) -> Vec<Missing> {
    let mut missing = Vec::new();
    match patient.stato {
        PatientStatus::Attivo => {}
        PatientStatus::Deceduto(d) => missing.push(Missing::Deceased(d)),
        PatientStatus::Trasferito(d) => missing.push(Missing::Transferred(d)),
    }
    match presa {
        Some(p) if p.is_active() && (patient.id == 0 || p.patient == patient.id) => {}
        Some(p) if p.is_active() => missing.push(Missing::PresaOfAnotherPatient),
        _ => missing.push(Missing::NoPresa),
    }
    if patient.patologie.is_empty() {
        missing.push(Missing::NoPathology);
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gestore::{Canale, PresaStato};
    use crate::domain::{Residence, Sex};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn draft() -> PattoDiCura {
        PattoDiCura {
            id: 7,
            patient: 1,
            presa: 3,
            gestore: 2,
            clinical_manager: "Dott.ssa Lucia Bernasconi".into(),
            precedente: None,
            rinnovato_da: None,
            creato_il: d(2026, 1, 10),
            stato: PattoStato::Bozza,
            firma: None,
            numero: None,
            correzioni_cm: Vec::new(),
        }
    }

    fn input() -> FirmaInput {
        FirmaInput {
            firmatario: Firmatario::Paziente,
            nome_firmatario: String::new(),
            documento: String::new(),
            consensi: Consensi {
                trattamento_dati: true,
                fse: true,
                telefono: true,
                sms: false,
                email: false,
            },
            operatore: "rossi".into(),
        }
    }

    fn signed_on(date: NaiveDate) -> PattoDiCura {
        let mut p = draft();
        let now = date.and_hms_opt(10, 30, 0).unwrap();
        sign(&mut p, input(), "PATTO DI CURA\n".into(), now).unwrap();
        p
    }

    #[test]
    fn validity_is_one_year_from_the_signature() {
        let p = signed_on(d(2026, 1, 15));
        assert_eq!(p.valido_dal(), Some(d(2026, 1, 15)));
        assert_eq!(p.valido_al(), Some(d(2027, 1, 14)));
        assert_eq!(draft().valido_dal(), None);
        assert_eq!(draft().valido_al(), None);
        assert_eq!(scadenza(d(2028, 2, 29)), d(2029, 2, 28));
        assert_eq!(scadenza(d(2027, 3, 1)), d(2028, 2, 29));
        assert_eq!(scadenza(d(2026, 3, 1)), d(2027, 2, 28));
        assert_eq!(scadenza(d(2026, 12, 31)), d(2027, 12, 30));
        assert_eq!(scadenza(d(2026, 1, 1)), d(2026, 12, 31));
    }

    #[test]
    fn states_at_the_boundaries() {
        let p = signed_on(d(2026, 1, 15));
        assert_eq!(p.state_on(d(2026, 1, 15)), PattoState::Valido);
        // 31 days left (15/12/2026..=14/01/2027): still plainly valid.
        assert_eq!(p.state_on(d(2026, 12, 15)), PattoState::Valido);
        assert_eq!(
            p.state_on(d(2026, 12, 16)),
            PattoState::InScadenza { giorni: 30 }
        );
        // The day before the last day, the last day, the day after.
        assert_eq!(
            p.state_on(d(2027, 1, 13)),
            PattoState::InScadenza { giorni: 2 }
        );
        assert_eq!(
            p.state_on(d(2027, 1, 14)),
            PattoState::InScadenza { giorni: 1 }
        );
        assert_eq!(p.state_on(d(2027, 1, 15)), PattoState::Scaduto);
        assert_eq!(p.giorni_alla_scadenza(d(2027, 1, 15)), Some(0));
        assert_eq!(draft().state_on(d(2026, 1, 15)), PattoState::Bozza);

        let mut revoked = p.clone();
        revoked.stato = PattoStato::Revocato {
            data: d(2026, 6, 1),
            motivo: "scelta di altro Gestore".into(),
        };
        assert_eq!(revoked.state_on(d(2026, 6, 2)), PattoState::Revocato);
        assert_eq!(revoked.state_on(d(2030, 1, 1)), PattoState::Revocato);
        assert_eq!(revoked.valido_al(), Some(d(2027, 1, 14)));

        let mut renewed = p;
        renewed.rinnovato_da = Some(8);
        assert_eq!(renewed.state_on(d(2026, 12, 20)), PattoState::Rinnovato);
        assert_eq!(renewed.state_on(d(2027, 2, 1)), PattoState::Rinnovato);
    }

    #[test]
    fn state_labels() {
        assert_eq!(PattoState::Bozza.label(), "bozza");
        assert_eq!(PattoState::Valido.label(), "firmato (valido)");
        assert_eq!(
            PattoState::InScadenza { giorni: 12 }.label(),
            "in scadenza tra 12 giorni"
        );
        assert_eq!(
            PattoState::InScadenza { giorni: 1 }.label(),
            "in scadenza tra 1 giorno"
        );
        assert_eq!(PattoState::Scaduto.label(), "scaduto");
        assert_eq!(PattoState::Revocato.label(), "revocato");
        assert_eq!(PattoState::Rinnovato.label(), "rinnovato");
        assert!(PattoState::InScadenza { giorni: 3 }.is_in_force());
        assert!(!PattoState::Scaduto.is_in_force());
        assert_eq!(
            Firmatario::AmministratoreDiSostegno.label(),
            "amministratore di sostegno"
        );
    }

    #[test]
    fn signing_freezes_the_text_with_its_hash() {
        let p = signed_on(d(2026, 1, 15));
        assert_eq!(p.stato, PattoStato::Firmato);
        let firma = p.firma.as_ref().unwrap();
        assert_eq!(firma.testo, "PATTO DI CURA\n");
        assert_eq!(firma.sha256, sha256_hex("PATTO DI CURA\n"));
        assert!(firma.is_intact());
        assert_eq!(firma.operatore, "rossi");
        assert_eq!(p.testo_firmato(), Some("PATTO DI CURA\n"));
    }

    #[test]
    fn a_signed_patto_is_not_signed_again() {
        let mut p = signed_on(d(2026, 1, 15));
        let before = p.clone();
        let now = d(2026, 2, 1).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(
            sign(&mut p, input(), "altro testo".into(), now),
            Err(PattoError::GiaFirmato)
        );
        assert_eq!(p, before);
        assert!(
            PattoError::GiaFirmato
                .to_string()
                .starts_with("Il Patto firmato non si modifica")
        );
        let mut revoked = draft();
        revoked.stato = PattoStato::Revocato {
            data: d(2026, 1, 11),
            motivo: "errore".into(),
        };
        assert_eq!(
            sign(&mut revoked, input(), "x".into(), now),
            Err(PattoError::Revocato)
        );
    }

    #[test]
    fn signing_needs_consent_identity_operator_and_text() {
        let now = d(2026, 1, 15).and_hms_opt(10, 0, 0).unwrap();
        let text = || "PATTO DI CURA\n".to_string();

        let mut p = draft();
        let mut no_consent = input();
        no_consent.consensi.trattamento_dati = false;
        assert_eq!(
            sign(&mut p, no_consent, text(), now),
            Err(PattoError::ConsensoTrattamentoMancante)
        );
        assert_eq!(p, draft());

        let mut delegate = input();
        delegate.firmatario = Firmatario::Delegato;
        delegate.nome_firmatario = "  ".into();
        delegate.documento = "CI AB1234567".into();
        assert_eq!(
            sign(&mut p, delegate.clone(), text(), now),
            Err(PattoError::NomeFirmatarioMancante {
                firmatario: "delegato".into()
            })
        );
        delegate.nome_firmatario = "Giulia Sala".into();
        delegate.documento = String::new();
        assert_eq!(
            sign(&mut p, delegate.clone(), text(), now),
            Err(PattoError::DocumentoMancante {
                firmatario: "delegato".into()
            })
        );
        let mut guardian = delegate.clone();
        guardian.firmatario = Firmatario::Tutore;
        assert!(sign(&mut p, guardian, text(), now).is_err());
        let mut ads = delegate.clone();
        ads.firmatario = Firmatario::AmministratoreDiSostegno;
        assert!(sign(&mut p, ads, text(), now).is_err());

        let mut no_operator = input();
        no_operator.operatore = " ".into();
        assert_eq!(
            sign(&mut p, no_operator, text(), now),
            Err(PattoError::OperatoreMancante)
        );
        assert_eq!(
            sign(&mut p, input(), " \n".into(), now),
            Err(PattoError::TestoVuoto)
        );
        assert_eq!(p, draft());

        delegate.documento = " CI AB1234567 ".into();
        sign(&mut p, delegate, text(), now).unwrap();
        let firma = p.firma.unwrap();
        assert_eq!(firma.firmatario, Firmatario::Delegato);
        assert_eq!(firma.documento, "CI AB1234567");
        assert_eq!(firma.nome_firmatario, "Giulia Sala");
    }

    #[test]
    fn signing_needs_a_clinical_manager() {
        let now = d(2026, 1, 15).and_hms_opt(10, 0, 0).unwrap();
        let mut p = draft();
        p.clinical_manager = "  ".into();
        let before = p.clone();
        let err = sign(&mut p, input(), "PATTO DI CURA\n".into(), now).unwrap_err();
        assert_eq!(err, PattoError::ClinicalManagerMancante);
        assert!(err.to_string().contains("Clinical Manager"), "{err}");
        assert_eq!(p, before);
    }

    #[test]
    fn the_clinical_manager_of_a_signed_patto_is_corrected_with_a_reason() {
        let now = d(2026, 2, 3).and_hms_opt(9, 0, 0).unwrap();
        let mut bozza = draft();
        assert_eq!(
            correct_clinical_manager(&mut bozza, "Dott. Neri", "errore", "rossi", now),
            Err(PattoError::NonFirmato)
        );
        let mut p = signed_on(d(2026, 1, 15));
        p.clinical_manager.clear();
        assert!(p.manca_clinical_manager());
        let before = p.clone();
        assert_eq!(
            correct_clinical_manager(&mut p, "Dott. Neri", " ", "rossi", now),
            Err(PattoError::MotivoMancante)
        );
        assert_eq!(
            correct_clinical_manager(&mut p, "", "x", "rossi", now),
            Err(PattoError::NuovoClinicalManagerMancante)
        );
        assert_eq!(p, before);
        let c = correct_clinical_manager(
            &mut p,
            " Dott. Neri ",
            "non indicato alla firma",
            "rossi",
            now,
        )
        .unwrap();
        assert_eq!(p.clinical_manager, "Dott. Neri");
        assert!(!p.manca_clinical_manager());
        assert_eq!(p.correzioni_cm, vec![c.clone()]);
        assert_eq!(
            c.describe(),
            "Clinical Manager corretto il 03/02/2026 da «(non indicato)» a «Dott. Neri»: non indicato alla firma"
        );
        assert_eq!(p.firma, before.firma, "the signed text is untouched");
        assert_eq!(
            correct_clinical_manager(&mut p, "Dott. Neri", "x", "rossi", now),
            Err(PattoError::ClinicalManagerUguale)
        );
    }

    #[test]
    fn numbers_read_year_slash_sequence() {
        let n = PattoNumero {
            anno: 2026,
            progressivo: 1,
        };
        assert_eq!(n.to_string(), "2026/0001");
        assert_eq!(n.file_part(), "2026-0001");
        let mut p = draft();
        assert_eq!(p.numero_label(), "s.n.");
        p.numero = Some(PattoNumero {
            anno: 2027,
            progressivo: 12345,
        });
        assert_eq!(p.numero_label(), "2027/12345");
    }

    #[test]
    fn sha256_of_known_texts() {
        // printf 'PATTO DI CURA\nNiccolò D'"'"'Adda\n' | sha256sum
        assert_eq!(
            sha256_hex("PATTO DI CURA\nNiccolò D'Adda\n"),
            "794e9a6adbc1621b0c977c0056caa780a12fcd9f100f51f077214a23ac678446"
        );
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    fn patient() -> Patient {
        Patient {
            id: 1,
            cognome: "D'Adda".into(),
            nome: "Niccolò".into(),
            codice_fiscale: "DDDNCL80A01F205X".into(),
            sesso: Sex::M,
            data_nascita: d(1980, 1, 1),
            luogo_nascita: "F205".into(),
            residenza: Residence::default(),
            ats_override: None,
            mmg: String::new(),
            telefoni: Vec::new(),
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: vec!["50".into()],
            stato: PatientStatus::Attivo,
            note: String::new(),
        }
    }

    fn presa(patient: PatientId) -> PresaInCarico {
        PresaInCarico {
            id: 3,
            patient,
            gestore: 2,
            canale: Canale::MmgAderente,
            data_scelta: d(2026, 1, 5),
            note: String::new(),
            stato: PresaStato::Scelto,
            operatore: "rossi".into(),
        }
    }

    #[test]
    fn preconditions_are_explained() {
        let p = patient();
        assert!(missing_preconditions(&p, Some(&presa(1))).is_empty());

        assert_eq!(missing_preconditions(&p, None), vec![Missing::NoPresa]);

        let mut revoked = presa(1);
        revoked.stato = PresaStato::Revocato {
            data: d(2026, 1, 6),
            motivo: "errore".into(),
        };
        assert_eq!(missing_preconditions(&p, Some(&revoked)).len(), 1);
        assert_eq!(missing_preconditions(&p, Some(&presa(99))).len(), 1);

        let mut sick = p.clone();
        sick.patologie.clear();
        sick.stato = PatientStatus::Deceduto(d(2026, 3, 2));
        let missing = missing_preconditions(&sick, None);
        assert_eq!(
            missing,
            vec![
                Missing::Deceased(d(2026, 3, 2)),
                Missing::NoPresa,
                Missing::NoPathology,
            ]
        );
        let mut moved = p;
        moved.stato = PatientStatus::Trasferito(d(2026, 4, 1));
        assert_eq!(
            missing_preconditions(&moved, Some(&presa(1))),
            vec![Missing::Transferred(d(2026, 4, 1))]
        );
    }
}
