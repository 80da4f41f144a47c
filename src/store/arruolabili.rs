//! The worklist of arruolabili: one record per person of the ATS list, keyed
//! by the de-omocoded codice fiscale (so that a re-import finds the row
//! again), in a tree of its own (absent in older stores: it opens empty, no
//! format change); and the practice's address and phone for the invitation
//! letters, in a second small tree.

use serde::{Deserialize, Serialize};

use super::codec;
use super::records::{date_to_days, days_to_date};
use super::{Result, Store, StoreError};
use crate::domain::arruolabili::{Arruolabile, Contatto, Esito, Recapiti};

/// Tree of [`ArruolabileV1`] by de-omocoded codice fiscale.
pub(crate) const ARRUOLABILI: &str = "arruolabili";
/// Tree of the practice's contacts for the invitations ([`RecapitiV1`]).
pub(crate) const ARRUOLABILI_STUDIO: &str = "arruolabili_studio";
const RECAPITI_KEY: &[u8] = b"recapiti";

/// Current version byte of a worklist row.
pub const ARRUOLABILE_VERSION: u8 = 1;
/// Current version byte of the practice's contacts.
pub const RECAPITI_VERSION: u8 = 1;

/// A row of the worklist, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArruolabileV1 {
    pub codice_fiscale: String,
    pub cognome: String,
    pub nome: String,
    /// 0 = none.
    pub livello: u8,
    pub patologia_primaria: Option<String>,
    pub patologie: Vec<String>,
    /// 0 = none.
    pub patient: u64,
    pub importato_il: i32,
    pub aggiornato_il: i32,
    /// (day, esito code, operator).
    pub contatto: Option<(i32, u8, String)>,
    pub patto_firmato: Option<i32>,
}

/// The practice's contacts, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapitiV1 {
    pub indirizzo: String,
    pub telefono: String,
    pub orari: String,
}

pub fn encode_arruolabile(a: &Arruolabile) -> Result<Vec<u8>> {
    codec::encode(
        ARRUOLABILE_VERSION,
        &ArruolabileV1 {
            codice_fiscale: a.codice_fiscale.clone(),
            cognome: a.cognome.clone(),
            nome: a.nome.clone(),
            livello: a.livello.unwrap_or(0),
            patologia_primaria: a.patologia_primaria.clone(),
            patologie: a.patologie.clone(),
            patient: a.patient.unwrap_or(0),
            importato_il: date_to_days(a.importato_il),
            aggiornato_il: date_to_days(a.aggiornato_il),
            contatto: a
                .contatto
                .as_ref()
                .map(|c| (date_to_days(c.data), c.esito.code(), c.operatore.clone())),
            patto_firmato: a.patto_firmato.map(date_to_days),
        },
    )
}

pub fn decode_arruolabile(bytes: &[u8]) -> std::result::Result<Arruolabile, String> {
    let (v, payload) = codec::version_of(bytes)?;
    if v != ARRUOLABILE_VERSION {
        return Err(format!("versione del record arruolabile sconosciuta ({v})"));
    }
    let r: ArruolabileV1 = codec::decode_payload(payload)?;
    let contatto = match r.contatto {
        None => None,
        Some((day, code, operatore)) => Some(Contatto {
            data: days_to_date(day)?,
            esito: Esito::from_code(code).ok_or_else(|| format!("esito sconosciuto ({code})"))?,
            operatore,
        }),
    };
    Ok(Arruolabile {
        codice_fiscale: r.codice_fiscale,
        cognome: r.cognome,
        nome: r.nome,
        livello: (r.livello != 0).then_some(r.livello),
        patologia_primaria: r.patologia_primaria,
        patologie: r.patologie,
        patient: (r.patient != 0).then_some(r.patient),
        importato_il: days_to_date(r.importato_il)?,
        aggiornato_il: days_to_date(r.aggiornato_il)?,
        contatto,
        patto_firmato: r.patto_firmato.map(days_to_date).transpose()?,
    })
}

impl Store {
    fn arruolabili_tree(&self) -> Result<sled::Tree> {
        self.db.open_tree(ARRUOLABILI).map_err(|e| self.fatal(e))
    }

    fn corrupt_arruolabile(key: &[u8], reason: String) -> StoreError {
        StoreError::Corrupt {
            tree: ARRUOLABILI,
            key: String::from_utf8_lossy(key).into_owned(),
            reason,
        }
    }

    /// Every row of the worklist, by codice fiscale.
    pub fn arruolabili(&self) -> Result<Vec<Arruolabile>> {
        let tree = self.arruolabili_tree()?;
        let mut out = Vec::new();
        for item in tree.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            out.push(decode_arruolabile(&v).map_err(|r| Self::corrupt_arruolabile(&k, r))?);
        }
        Ok(out)
    }

    /// The row of `key` (a de-omocoded codice fiscale), if any.
    pub fn arruolabile(&self, key: &str) -> Result<Option<Arruolabile>> {
        let tree = self.arruolabili_tree()?;
        match tree.get(key.as_bytes()).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_arruolabile(&v)
                .map(Some)
                .map_err(|r| Self::corrupt_arruolabile(key.as_bytes(), r)),
        }
    }

    /// Writes rows (each under its key) in one batch, durably.
    pub fn save_arruolabili(&self, rows: &[(String, Arruolabile)]) -> Result<()> {
        self.ensure_writable()?;
        let tree = self.arruolabili_tree()?;
        let mut batch = sled::Batch::default();
        for (key, row) in rows {
            batch.insert(key.as_bytes(), encode_arruolabile(row)?);
        }
        tree.apply_batch(batch).map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Removes the rows of a patient (a GDPR erasure), durably.
    pub fn remove_arruolabili_of(&self, patient: crate::domain::PatientId) -> Result<usize> {
        let keys: Vec<Vec<u8>> = {
            let tree = self.arruolabili_tree()?;
            let mut keys = Vec::new();
            for item in tree.iter() {
                let (k, v) = item.map_err(|e| self.fatal(e))?;
                if decode_arruolabile(&v).is_ok_and(|a| a.patient == Some(patient)) {
                    keys.push(k.to_vec());
                }
            }
            keys
        };
        if keys.is_empty() {
            return Ok(0);
        }
        self.ensure_writable()?;
        let tree = self.arruolabili_tree()?;
        for k in &keys {
            tree.remove(k).map_err(|e| self.fatal(e))?;
        }
        self.make_durable()?;
        Ok(keys.len())
    }

    /// The practice's contacts for the invitations (empty until saved).
    pub fn recapiti(&self) -> Result<Recapiti> {
        let tree = self
            .db
            .open_tree(ARRUOLABILI_STUDIO)
            .map_err(|e| self.fatal(e))?;
        let Some(v) = tree.get(RECAPITI_KEY).map_err(|e| self.fatal(e))? else {
            return Ok(Recapiti::default());
        };
        let corrupt = |reason: String| StoreError::Corrupt {
            tree: ARRUOLABILI_STUDIO,
            key: "recapiti".into(),
            reason,
        };
        let (version, payload) = codec::version_of(&v).map_err(corrupt)?;
        if version != RECAPITI_VERSION {
            return Err(corrupt(format!("versione sconosciuta ({version})")));
        }
        let r: RecapitiV1 = codec::decode_payload(payload).map_err(corrupt)?;
        Ok(Recapiti {
            indirizzo: r.indirizzo,
            telefono: r.telefono,
            orari: r.orari,
        })
    }

    pub fn save_recapiti(&self, r: &Recapiti) -> Result<()> {
        self.ensure_writable()?;
        let tree = self
            .db
            .open_tree(ARRUOLABILI_STUDIO)
            .map_err(|e| self.fatal(e))?;
        let bytes = codec::encode(
            RECAPITI_VERSION,
            &RecapitiV1 {
                indirizzo: r.indirizzo.clone(),
                telefono: r.telefono.clone(),
                orari: r.orari.clone(),
            },
        )?;
        tree.insert(RECAPITI_KEY, bytes)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_row_round_trips_and_its_bytes_are_frozen() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let row = Arruolabile {
            codice_fiscale: "RSSMRA68A01H501Y".into(),
            cognome: "Rossi".into(),
            nome: "Mario".into(),
            livello: Some(2),
            patologia_primaria: Some("56".into()),
            patologie: vec!["48".into()],
            patient: Some(7),
            importato_il: d,
            aggiornato_il: d,
            contatto: Some(Contatto {
                data: d,
                esito: Esito::GiaInCaricoAltrove,
                operatore: "anna".into(),
            }),
            patto_firmato: None,
        };
        let bytes = encode_arruolabile(&row).unwrap();
        assert_eq!(bytes[0], 1);
        assert_eq!(decode_arruolabile(&bytes).unwrap(), row);
        // Golden bytes of version 1: a change here is a new version.
        let golden = concat!(
            "01105253534d52413638413031483530315905526f737369054d6172696f",
            "02010235360102343807fcba921600fcba92160001fcba9216000304616e6e6100"
        );
        assert_eq!(hex(&bytes), golden);
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
}
