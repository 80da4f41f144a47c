//! What is recorded by hand about a PAI version after it is written: the
//! prescriptions issued per occurrence (`pai_ricette`) and the publications
//! on the FSE (`pai_pubblicazioni`). Two trees of their own, so that the
//! frozen PAI records are never rewritten; a store without them opens them
//! empty (no format change).

use super::codec;
use super::records::{date_to_days, days_to_date};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::pai::{ItemId, PaiId, Pubblicazione, Ricetta};

/// Format of a `pai_ricette` value: (day issued, operator).
const RICETTA_VERSION: u8 = 1;
/// Format of a `pai_pubblicazioni` value: every publication of the version,
/// oldest first, as (day, author, operator who recorded it).
const PUBBLICAZIONI_VERSION: u8 = 1;

/// Key of a prescription: PAI id, item id, occurrence number (big-endian).
fn ricetta_key(pai: PaiId, item: ItemId, occorrenza: u32) -> [u8; 16] {
    let mut key = [0u8; 16];
    key[..8].copy_from_slice(&id_key(pai));
    key[8..12].copy_from_slice(&item.to_be_bytes());
    key[12..].copy_from_slice(&occorrenza.to_be_bytes());
    key
}

fn decode_ricetta(key: &[u8], value: &[u8]) -> std::result::Result<Ricetta, String> {
    let item = key
        .get(8..12)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .ok_or("chiave troppo corta")?;
    let occorrenza = key
        .get(12..16)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .ok_or("chiave troppo corta")?;
    let (version, payload) = codec::version_of(value)?;
    if version != RICETTA_VERSION {
        return Err(format!("versione {version} sconosciuta"));
    }
    let (days, operatore): (i32, String) = codec::decode_payload(payload)?;
    Ok(Ricetta {
        item,
        occorrenza,
        emessa_il: days_to_date(days)?,
        operatore,
    })
}

impl Store {
    /// Records (`Some`) or removes (`None`) the prescription of each
    /// (item, occurrence) of PAI `pai`, all at once; durable.
    pub fn set_ricette(
        &self,
        pai: PaiId,
        occurrences: &[(ItemId, u32)],
        emessa: Option<(chrono::NaiveDate, &str)>,
    ) -> Result<()> {
        self.ensure_writable()?;
        let value = match emessa {
            Some((il, operatore)) => Some(codec::encode(
                RICETTA_VERSION,
                &(date_to_days(il), operatore.to_string()),
            )?),
            None => None,
        };
        let mut batch = sled::Batch::default();
        for (item, occ) in occurrences {
            let key = ricetta_key(pai, *item, *occ);
            match &value {
                Some(v) => batch.insert(&key[..], v.as_slice()),
                None => batch.remove(&key[..]),
            }
        }
        self.pai_ricette
            .apply_batch(batch)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// The prescriptions recorded for PAI `pai`, by item and occurrence.
    pub fn ricette_of(&self, pai: PaiId) -> Result<Vec<Ricetta>> {
        let mut out = Vec::new();
        for item in self.pai_ricette.scan_prefix(id_key(pai)) {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            out.push(
                decode_ricetta(&k, &v).map_err(|reason| StoreError::Corrupt {
                    tree: trees::PAI_RICETTE,
                    key: pai.to_string(),
                    reason,
                })?,
            );
        }
        Ok(out)
    }

    /// Appends a publication of PAI `pai`; durable.
    pub fn add_pubblicazione(&self, pai: PaiId, p: &Pubblicazione) -> Result<()> {
        self.ensure_writable()?;
        let mut list = self.pubblicazioni_of(pai)?;
        list.push(p.clone());
        let rows: Vec<(i32, String, String)> = list
            .iter()
            .map(|p| {
                (
                    date_to_days(p.il),
                    p.autore.clone(),
                    p.registrata_da.clone(),
                )
            })
            .collect();
        let bytes = codec::encode(PUBBLICAZIONI_VERSION, &rows)?;
        self.pai_pubblicazioni
            .insert(id_key(pai), bytes)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// The publications of PAI `pai`, oldest first.
    pub fn pubblicazioni_of(&self, pai: PaiId) -> Result<Vec<Pubblicazione>> {
        let corrupt = |reason: String| StoreError::Corrupt {
            tree: trees::PAI_PUBBLICAZIONI,
            key: pai.to_string(),
            reason,
        };
        let Some(v) = self
            .pai_pubblicazioni
            .get(id_key(pai))
            .map_err(|e| self.fatal(e))?
        else {
            return Ok(Vec::new());
        };
        let (version, payload) = codec::version_of(&v).map_err(corrupt)?;
        if version != PUBBLICAZIONI_VERSION {
            return Err(corrupt(format!("versione {version} sconosciuta")));
        }
        let rows: Vec<(i32, String, String)> = codec::decode_payload(payload).map_err(corrupt)?;
        rows.into_iter()
            .map(|(d, autore, registrata_da)| {
                Ok(Pubblicazione {
                    il: days_to_date(d).map_err(corrupt)?,
                    autore,
                    registrata_da,
                })
            })
            .collect()
    }
}

impl Store {
    /// Every prescription and publication decodes and belongs to a stored
    /// PAI (part of `check`).
    pub(super) fn check_pai_marks(&self, report: &mut super::CheckReport) -> Result<()> {
        use super::check::hex;
        use crate::domain::integrity::CheckProblem as P;
        let pai_exists = |key: &[u8]| -> Result<bool> {
            match key.get(..8) {
                Some(id) => Ok(self.pai.contains_key(id).map_err(|e| self.fatal(e))?),
                None => Ok(false),
            }
        };
        for item in self.pai_ricette.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let Err(reason) = decode_ricetta(&k, &v) {
                report.problem(P::Unreadable {
                    tree: trees::PAI_RICETTE,
                    key: hex(&k),
                    reason: reason.to_string(),
                });
            } else if !pai_exists(&k)? {
                report.problem(P::MarkWithoutPai {
                    tree: trees::PAI_RICETTE,
                    pai: super::patients::id_from_value(&k).unwrap_or(0),
                });
            }
        }
        for item in self.pai_pubblicazioni.iter() {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            let id = super::patients::id_from_value(&k).unwrap_or(0);
            if !pai_exists(&k)? {
                report.problem(P::MarkWithoutPai {
                    tree: trees::PAI_PUBBLICAZIONI,
                    pai: id,
                });
            } else if let Err(e) = self.pubblicazioni_of(id) {
                report.problem(P::Unreadable {
                    tree: trees::PAI_PUBBLICAZIONI,
                    key: hex(&k),
                    reason: e.to_string(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn prescriptions_and_publications_round_trip_and_absent_trees_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.ricette_of(7).unwrap().is_empty());
        assert!(store.pubblicazioni_of(7).unwrap().is_empty());
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        store
            .set_ricette(7, &[(1, 1), (1, 2), (3, 1)], Some((day, "rossi")))
            .unwrap();
        store
            .set_ricette(8, &[(1, 1)], Some((day, "bianchi")))
            .unwrap();
        let got = store.ricette_of(7).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[2],
            Ricetta {
                item: 3,
                occorrenza: 1,
                emessa_il: day,
                operatore: "rossi".into()
            }
        );
        store.set_ricette(7, &[(1, 2)], None).unwrap();
        let left: Vec<(u32, u32)> = store
            .ricette_of(7)
            .unwrap()
            .iter()
            .map(|r| (r.item, r.occorrenza))
            .collect();
        assert_eq!(left, vec![(1, 1), (3, 1)]);
        let p = Pubblicazione {
            il: day,
            autore: "Dott. Verdi".into(),
            registrata_da: "rossi".into(),
        };
        store.add_pubblicazione(7, &p).unwrap();
        store.add_pubblicazione(7, &p).unwrap();
        assert_eq!(store.pubblicazioni_of(7).unwrap(), vec![p.clone(), p]);
        // No PAI 7 or 8 in this store: check names both trees.
        let report = store.check().unwrap();
        let text = report.texts();
        assert!(
            text.iter()
                .any(|t| t.starts_with("pai_ricette: voce del PAI ")),
            "{text:?}"
        );
        assert!(
            text.contains(&"pai_pubblicazioni: voce del PAI 7, che non esiste".to_string()),
            "{text:?}"
        );
    }
}
