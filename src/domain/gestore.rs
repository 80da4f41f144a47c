//! The Gestore (care-manager organisation) and the presa in carico that binds
//! a patient to one. The list of Gestori idonei is published by each ATS and
//! imported as data.

use chrono::NaiveDate;

use super::PatientId;
use super::text::fold;

pub type GestoreId = u64;
pub type PresaId = u64;

/// The last day a Gestore of the earlier model (see
/// [`GestoreTipo::modello_precedente`]) took new prese in carico (DOMAIN.md,
/// "Channels after 2024").
pub const FINE_MODELLO_PRECEDENTE: NaiveDate = match NaiveDate::from_ymd_opt(2024, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// Kind of Gestore. Variants are append-only (they are stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GestoreTipo {
    /// Cooperative of MMG/PLS.
    CooperativaMmg,
    /// ASST (public territorial health authority).
    Asst,
    Irccs,
    /// Accredited private hospital or clinic.
    StrutturaPrivata,
    /// Residenza sanitaria assistenziale.
    Rsa,
    /// Azienda di servizi alla persona.
    Asp,
    /// MMG in forma singola (MIFS).
    Mifs,
    Altro,
}

impl GestoreTipo {
    pub const ALL: [GestoreTipo; 8] = [
        GestoreTipo::CooperativaMmg,
        GestoreTipo::Asst,
        GestoreTipo::Irccs,
        GestoreTipo::StrutturaPrivata,
        GestoreTipo::Rsa,
        GestoreTipo::Asp,
        GestoreTipo::Mifs,
        GestoreTipo::Altro,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GestoreTipo::CooperativaMmg => "Cooperativa MMG",
            GestoreTipo::Asst => "ASST",
            GestoreTipo::Irccs => "IRCCS",
            GestoreTipo::StrutturaPrivata => "Struttura privata accreditata",
            GestoreTipo::Rsa => "RSA",
            GestoreTipo::Asp => "ASP",
            GestoreTipo::Mifs => "MMG in forma singola",
            GestoreTipo::Altro => "Altro",
        }
    }

    /// A Gestore of the model before 2024 (RSA, private facilities, IRCCS,
    /// ASP, and the subjects of unknown kind): no new presa in carico after
    /// [`FINE_MODELLO_PRECEDENTE`]; the existing ones continue until the
    /// patient's MMG adheres to a Gestore.
    pub fn modello_precedente(self) -> bool {
        matches!(
            self,
            GestoreTipo::Irccs
                | GestoreTipo::StrutturaPrivata
                | GestoreTipo::Rsa
                | GestoreTipo::Asp
                | GestoreTipo::Altro
        )
    }

    /// A facility (not a cooperative of MMG, not an MMG in forma singola):
    /// its Clinical Manager is named by the Gestore, not the patient's MMG.
    pub fn struttura(self) -> bool {
        !matches!(self, GestoreTipo::CooperativaMmg | GestoreTipo::Mifs)
    }

    /// Reads the free text of an ATS list's "Tipologia" column; unknown text is `Altro`.
    pub fn from_text(text: &str) -> GestoreTipo {
        let t = fold(text);
        let has = |w: &str| t.split(' ').any(|x| x == w);
        // "I.R.C.C.S." folds to "I R C C S".
        let compact = t.replace(' ', "");
        if t.contains("COOP") || t.contains("MMG") && !t.contains("SINGOL") {
            GestoreTipo::CooperativaMmg
        } else if t.contains("SINGOL") || has("MIFS") {
            GestoreTipo::Mifs
        } else if has("ASST") || t.contains("AZIENDA SOCIO SANITARIA") {
            GestoreTipo::Asst
        } else if compact.contains("IRCCS") {
            GestoreTipo::Irccs
        } else if has("RSA") || t.contains("RESIDENZA SANITARIA") {
            GestoreTipo::Rsa
        } else if has("ASP") || t.contains("SERVIZI ALLA PERSONA") {
            GestoreTipo::Asp
        } else if t.contains("PRIVAT")
            || t.contains("ACCREDITAT")
            || t.contains("OSPEDAL")
            || t.contains("CASA DI CURA")
        {
            GestoreTipo::StrutturaPrivata
        } else {
            GestoreTipo::Altro
        }
    }
}

/// One subject of an ATS list of idonei, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gestore {
    /// 0 until stored.
    pub id: GestoreId,
    /// ATS code (030321-030328) that declared it idoneo.
    pub ats: String,
    pub denominazione: String,
    pub tipo: GestoreTipo,
    /// Code given by the ATS list, if any.
    pub codice: String,
    /// Codice fiscale or partita IVA of the organisation.
    pub cf_piva: String,
    pub indirizzo: String,
    /// Comune of the seat, as written in the list.
    pub comune: String,
    pub telefono: String,
    /// E-mail or PEC.
    pub email: String,
    pub referente: String,
    /// Levels (1-3) it takes in charge; empty = all.
    pub livelli: Vec<u8>,
    /// `None` while idoneo; the date it disappeared from the ATS list otherwise.
    pub non_idoneo_dal: Option<NaiveDate>,
    /// Sample data shipped with the program, not a real subject.
    pub fittizio: bool,
}

/// A text field of a Gestore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GestoreField {
    Denominazione,
    Codice,
    CfPiva,
    Indirizzo,
    Comune,
    Telefono,
    Email,
    Referente,
    Ats,
}

/// A Gestore's text field longer than allowed: `len` characters, at most
/// `max`. `Display` is the Italian text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldTooLong {
    pub field: GestoreField,
    pub max: usize,
    pub len: usize,
}

impl std::fmt::Display for FieldTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.field {
            GestoreField::Denominazione => "la denominazione",
            GestoreField::Codice => "il codice",
            GestoreField::CfPiva => "il CF/P.IVA",
            GestoreField::Indirizzo => "l'indirizzo",
            GestoreField::Comune => "il comune",
            GestoreField::Telefono => "il telefono",
            GestoreField::Email => "l'e-mail",
            GestoreField::Referente => "il referente",
            GestoreField::Ats => "l'ATS",
        };
        write!(
            f,
            "{name} può avere al massimo {} caratteri (ne ha {})",
            super::text::thousands(self.max),
            super::text::thousands(self.len)
        )
    }
}

impl Gestore {
    pub fn is_idoneo(&self) -> bool {
        self.non_idoneo_dal.is_none()
    }

    /// The key used to recognise the same subject across imports when it has
    /// neither code nor CF/P.IVA: folded name + ATS.
    pub fn name_key(&self) -> String {
        format!("{}|{}", self.ats, fold(&self.denominazione))
    }

    /// Removes control and bidirectional characters from every text field
    /// and checks their lengths; the refusal names the field and the limit.
    pub fn clean_text(&mut self) -> Result<(), FieldTooLong> {
        use super::text::{
            MAX_ADDRESS_CHARS, MAX_GESTORE_NAME_CHARS, MAX_NAME_CHARS, MAX_SHORT_CHARS, clean_input,
        };
        use GestoreField as F;
        let fields: [(F, &mut String, usize); 9] = [
            (
                F::Denominazione,
                &mut self.denominazione,
                MAX_GESTORE_NAME_CHARS,
            ),
            (F::Codice, &mut self.codice, MAX_SHORT_CHARS),
            (F::CfPiva, &mut self.cf_piva, MAX_SHORT_CHARS),
            (F::Indirizzo, &mut self.indirizzo, MAX_ADDRESS_CHARS),
            (F::Comune, &mut self.comune, MAX_NAME_CHARS),
            (F::Telefono, &mut self.telefono, MAX_SHORT_CHARS),
            (F::Email, &mut self.email, MAX_SHORT_CHARS),
            (F::Referente, &mut self.referente, MAX_NAME_CHARS),
            (F::Ats, &mut self.ats, MAX_SHORT_CHARS),
        ];
        for (field, value, max) in fields {
            let cleaned = clean_input(value).trim().to_string();
            let len = cleaned.chars().count();
            if len > max {
                return Err(FieldTooLong { field, max, len });
            }
            *value = cleaned;
        }
        Ok(())
    }

    /// Whether this Gestore takes in charge patients of `livello` (1-3).
    pub fn accepts_level(&self, livello: u8) -> bool {
        self.livelli.is_empty() || self.livelli.contains(&livello)
    }
}

/// How the patient joined (DOMAIN.md, 2024 rules). Append-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Canale {
    /// Through the patient's own MMG who adheres to a Gestore.
    MmgAderente,
    /// Through ASST specialist facilities, via the ASST's Centro Servizi.
    CentroServiziAsst,
    /// MMG in forma singola with the ASST's Centro Servizi: not yet active in 2025,
    /// switched on by configuration.
    Mifs,
}

impl Canale {
    pub const ALL: [Canale; 3] = [Canale::MmgAderente, Canale::CentroServiziAsst, Canale::Mifs];

    /// Whether this channel fits `gestore` for a patient whose MMG adheres to
    /// `gestore_del_mmg` (Studio's adhesions), on `oggi`, with the channels
    /// `attivi`; `None` when it fits, else why not.
    pub fn escluso(
        self,
        gestore: &Gestore,
        mmg: &str,
        gestore_del_mmg: Option<GestoreId>,
        attivi: &[Canale],
        oggi: NaiveDate,
    ) -> Option<CanaleEscluso> {
        if gestore.tipo.modello_precedente() {
            // The earlier model had no channels: before the cut-off any
            // active one does; after it, none.
            if oggi > FINE_MODELLO_PRECEDENTE {
                return Some(CanaleEscluso::ModelloPrecedente);
            }
            return (!attivi.contains(&self)).then_some(CanaleEscluso::NonAttivo);
        }
        if !attivi.contains(&self) {
            return Some(CanaleEscluso::NonAttivo);
        }
        match self {
            Canale::MmgAderente => {
                (gestore_del_mmg != Some(gestore.id)).then(|| CanaleEscluso::MmgNonAderente {
                    mmg: mmg.trim().to_string(),
                })
            }
            Canale::CentroServiziAsst => {
                (gestore.tipo != GestoreTipo::Asst).then_some(CanaleEscluso::SoloAsst)
            }
            Canale::Mifs => (!matches!(gestore.tipo, GestoreTipo::Mifs | GestoreTipo::Asst))
                .then_some(CanaleEscluso::SoloMifsAsst),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Canale::MmgAderente => "MMG aderente",
            Canale::CentroServiziAsst => "Centro Servizi ASST",
            Canale::Mifs => "MIFS (medico in forma singola)",
        }
    }
}

/// State of a presa in carico. Append-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresaStato {
    /// The patient chose the Gestore; the Patto may follow.
    Scelto,
    /// Ended: the date and the reason.
    Revocato { data: NaiveDate, motivo: String },
}

/// A patient taken in charge by a Gestore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresaInCarico {
    pub id: PresaId,
    pub patient: PatientId,
    pub gestore: GestoreId,
    pub canale: Canale,
    pub data_scelta: NaiveDate,
    pub note: String,
    pub stato: PresaStato,
    /// Operator who recorded the choice.
    pub operatore: String,
}

impl PresaInCarico {
    pub fn is_active(&self) -> bool {
        self.stato == PresaStato::Scelto
    }

    /// An active presa with a Gestore of the earlier model, after
    /// [`FINE_MODELLO_PRECEDENTE`] (by `oggi`): it continues, and is to move
    /// to the Gestore of the patient's MMG once the MMG adheres to one.
    pub fn da_trasferire(&self, gestore: &Gestore, oggi: NaiveDate) -> bool {
        self.is_active() && gestore.tipo.modello_precedente() && oggi > FINE_MODELLO_PRECEDENTE
    }
}

/// Why a channel is not offered for a Gestore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CanaleEscluso {
    /// Switched off in Amministrazione › Studio (MIFS until enabled).
    NonAttivo,
    /// "MMG aderente": the patient's MMG (as named on the record) does not
    /// adhere to this Gestore.
    MmgNonAderente { mmg: String },
    /// "Centro Servizi ASST": only for ASST Gestori.
    SoloAsst,
    /// MIFS: only with an MMG in forma singola or the ASST's Centro Servizi.
    SoloMifsAsst,
    /// A Gestore of the earlier model takes no new presa after
    /// [`FINE_MODELLO_PRECEDENTE`].
    ModelloPrecedente,
}

/// Where an active presa in carico stands on its path: the Gestore chosen,
/// then the Patto di Cura signed (and in force), then the PAI shared under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresaStep {
    GestoreScelto,
    PattoFirmato,
    PaiCondiviso,
}

/// One import of an ATS list, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GestoriImport {
    pub id: u64,
    pub data: chrono::NaiveDateTime,
    pub file: String,
    /// ATS codes the list covered.
    pub ats: Vec<String>,
    pub aggiunti: u32,
    pub aggiornati: u32,
    pub non_piu_idonei: u32,
    pub scartati: u32,
    pub operatore: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tipo_from_the_texts_of_ats_lists() {
        assert_eq!(
            GestoreTipo::from_text("Società Cooperativa"),
            GestoreTipo::CooperativaMmg
        );
        assert_eq!(
            GestoreTipo::from_text("Coop. MMG"),
            GestoreTipo::CooperativaMmg
        );
        assert_eq!(GestoreTipo::from_text("ASST"), GestoreTipo::Asst);
        assert_eq!(GestoreTipo::from_text("I.R.C.C.S."), GestoreTipo::Irccs);
        assert_eq!(GestoreTipo::from_text("IRCCS privato"), GestoreTipo::Irccs);
        assert_eq!(
            GestoreTipo::from_text("Struttura sanitaria privata accreditata"),
            GestoreTipo::StrutturaPrivata
        );
        assert_eq!(GestoreTipo::from_text("RSA"), GestoreTipo::Rsa);
        assert_eq!(
            GestoreTipo::from_text("MMG in forma singola"),
            GestoreTipo::Mifs
        );
        assert_eq!(GestoreTipo::from_text(""), GestoreTipo::Altro);
    }

    #[test]
    fn levels_and_keys() {
        let g = Gestore {
            id: 0,
            ats: "030321".into(),
            denominazione: "Società Cooperativa Unità Medica".into(),
            tipo: GestoreTipo::CooperativaMmg,
            codice: String::new(),
            cf_piva: String::new(),
            indirizzo: String::new(),
            comune: "Milano".into(),
            telefono: String::new(),
            email: String::new(),
            referente: String::new(),
            livelli: vec![1, 2],
            non_idoneo_dal: None,
            fittizio: false,
        };
        assert_eq!(g.name_key(), "030321|SOCIETA COOPERATIVA UNITA MEDICA");
        assert!(g.accepts_level(2));
        assert!(!g.accepts_level(3));
        assert!(g.is_idoneo());
    }
}
