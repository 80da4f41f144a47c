//! The arruolabili: the chronic patients the ATS lists as eligible for the
//! programme, sent to each MMG, and the practice's worklist over them
//! (da contattare → contattato → Patto firmato). A row keeps what the list
//! said (livello, patologia primaria, patologie) as received: the codes are
//! the Region's SGDT codes, kept even when the catalogue does not know them.

use chrono::NaiveDate;

use super::PatientId;

/// What the patient answered when contacted (variants append-only: stored
/// by position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Esito {
    /// Wants to join: the Patto is prepared and signed next.
    Accetta,
    Rifiuta,
    NonRaggiungibile,
    /// Already in charge of another Gestore or doctor: the row is closed
    /// without a presa in carico.
    GiaInCaricoAltrove,
}

impl Esito {
    pub const ALL: [Esito; 4] = [
        Esito::Accetta,
        Esito::Rifiuta,
        Esito::NonRaggiungibile,
        Esito::GiaInCaricoAltrove,
    ];

    pub fn code(self) -> u8 {
        match self {
            Esito::Accetta => 0,
            Esito::Rifiuta => 1,
            Esito::NonRaggiungibile => 2,
            Esito::GiaInCaricoAltrove => 3,
        }
    }

    pub fn from_code(code: u8) -> Option<Esito> {
        Esito::ALL.get(usize::from(code)).copied()
    }

    /// Italian label (the audit trail, the invitation).
    pub fn label(self) -> &'static str {
        match self {
            Esito::Accetta => "accetta",
            Esito::Rifiuta => "rifiuta",
            Esito::NonRaggiungibile => "non raggiungibile",
            Esito::GiaInCaricoAltrove => "già in carico altrove",
        }
    }
}

/// The last contact with the patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contatto {
    pub data: NaiveDate,
    pub esito: Esito,
    pub operatore: String,
}

/// One patient of the ATS list, as the worklist keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arruolabile {
    /// The codice fiscale as the list gave it (validated, upper case); the
    /// row is keyed by its de-omocoded form.
    pub codice_fiscale: String,
    pub cognome: String,
    pub nome: String,
    /// The Region's level (1 alta, 2 media, 3 bassa) as received.
    pub livello: Option<u8>,
    /// SGDT code of the primary pathology, as received.
    pub patologia_primaria: Option<String>,
    /// SGDT codes of the other pathologies, as received.
    pub patologie: Vec<String>,
    /// The patient record matched or created at import.
    pub patient: Option<PatientId>,
    /// The first import that listed the patient.
    pub importato_il: NaiveDate,
    /// The last import that listed the patient.
    pub aggiornato_il: NaiveDate,
    pub contatto: Option<Contatto>,
    /// The day the patient's Patto was signed, once seen.
    pub patto_firmato: Option<NaiveDate>,
}

/// Where a row is in the worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stato {
    DaContattare,
    /// Contacted: accepted, refused or not reached (the Patto not signed yet).
    Contattato,
    PattoFirmato,
    /// "Già in carico altrove": closed without a presa in carico.
    Chiuso,
}

impl Stato {
    pub const ALL: [Stato; 4] = [
        Stato::DaContattare,
        Stato::Contattato,
        Stato::PattoFirmato,
        Stato::Chiuso,
    ];
}

impl Arruolabile {
    /// The state of the row: a signed Patto wins, then a closing answer,
    /// then any contact.
    pub fn stato(&self) -> Stato {
        if self.patto_firmato.is_some() {
            return Stato::PattoFirmato;
        }
        match &self.contatto {
            None => Stato::DaContattare,
            Some(c) if c.esito == Esito::GiaInCaricoAltrove => Stato::Chiuso,
            Some(_) => Stato::Contattato,
        }
    }

    /// Every pathology code of the row, the primary first, without repeats.
    pub fn codici(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in self.patologia_primaria.iter().chain(self.patologie.iter()) {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }
}

/// The practice's address and phone as the invitation letters print them
/// (kept with the worklist; the practice's name, comune and MMG come from
/// Amministrazione › Studio).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recapiti {
    pub indirizzo: String,
    pub telefono: String,
    /// Days and hours the practice answers, e.g. "lun-ven 9-12".
    pub orari: String,
}

/// A level as the ATS writes it: "1", "2", "3", "livello 2", "L2",
/// "1 - gravità alta"; `None` for anything else.
pub fn livello_from_text(text: &str) -> Option<u8> {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    match digits.as_slice() {
        [d] => {
            let n = d.to_digit(10)? as u8;
            (1..=3).contains(&n).then_some(n)
        }
        _ => None,
    }
}

/// Pathology codes from one cell: separated by comma, semicolon, slash,
/// "|", "+" or spaces; upper case; a code written "056" is "56".
pub fn codici_from_text(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(|c: char| matches!(c, ',' | ';' | '/' | '|' | '+') || c.is_whitespace())
    {
        let code = part.trim().to_uppercase();
        if code.is_empty() {
            continue;
        }
        let code = if code.chars().all(|c| c.is_ascii_digit()) {
            let trimmed = code.trim_start_matches('0');
            if trimmed.is_empty() {
                "0".to_string()
            } else {
                trimmed.to_string()
            }
        } else {
            code
        };
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// Whether `code` is one of the Region's SGDT codes ("1".."65").
pub fn is_sgdt_code(code: &str) -> bool {
    code.parse::<u8>().is_ok_and(|n| (1..=65).contains(&n)) && !code.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Arruolabile {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        Arruolabile {
            codice_fiscale: "RSSMRA68A01H501Y".into(),
            cognome: "Rossi".into(),
            nome: "Mario".into(),
            livello: Some(2),
            patologia_primaria: Some("56".into()),
            patologie: vec!["48".into(), "56".into()],
            patient: None,
            importato_il: d,
            aggiornato_il: d,
            contatto: None,
            patto_firmato: None,
        }
    }

    #[test]
    fn the_state_follows_contact_and_patto() {
        let mut r = row();
        assert_eq!(r.stato(), Stato::DaContattare);
        let data = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        r.contatto = Some(Contatto {
            data,
            esito: Esito::NonRaggiungibile,
            operatore: "op".into(),
        });
        assert_eq!(r.stato(), Stato::Contattato);
        r.contatto.as_mut().unwrap().esito = Esito::GiaInCaricoAltrove;
        assert_eq!(r.stato(), Stato::Chiuso);
        r.contatto.as_mut().unwrap().esito = Esito::Accetta;
        r.patto_firmato = Some(data);
        assert_eq!(r.stato(), Stato::PattoFirmato);
        assert_eq!(r.codici(), vec!["56".to_string(), "48".to_string()]);
    }

    #[test]
    fn levels_and_codes_as_the_ats_writes_them() {
        assert_eq!(livello_from_text("2"), Some(2));
        assert_eq!(livello_from_text("Livello 1"), Some(1));
        assert_eq!(livello_from_text("3 - gravità bassa"), Some(3));
        assert_eq!(livello_from_text("4"), None);
        assert_eq!(livello_from_text(""), None);
        assert_eq!(livello_from_text("12"), None);
        assert_eq!(
            codici_from_text("056, 48;60 | 30"),
            vec!["56", "48", "60", "30"]
        );
        assert_eq!(codici_from_text("dm2/ipa"), vec!["DM2", "IPA"]);
        assert!(is_sgdt_code("65") && is_sgdt_code("1"));
        assert!(!is_sgdt_code("66") && !is_sgdt_code("0") && !is_sgdt_code("IPA"));
    }
}
