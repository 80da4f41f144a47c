//! The practice's own set-up: its name and comune, its MMG and the Gestore
//! each adheres to, and which enrolment channels are switched on.

use super::gestore::{Canale, GestoreId};
use super::text::fold;

/// How an MMG of the practice takes part in the programme. Append-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adesione {
    /// Not (yet) in the programme.
    Nessuna,
    /// Member of a Gestore cooperative.
    Cooperativa(GestoreId),
    /// MMG in forma singola.
    Mifs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MmgAdesione {
    /// As written on patient records ("Dott.ssa Elena Sala").
    pub nome: String,
    pub adesione: Adesione,
}

/// Where prints go (Amministrazione › Studio).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Stampante {
    /// Only the file in the prints folder.
    #[default]
    Nessuna,
    /// The system's default printer.
    Predefinita,
    /// A printer by its system name (CUPS queue, Windows printer name).
    Nome(String),
}

impl Stampante {
    /// As typed in the Studio screen: empty or "nessuna" ("none"),
    /// "predefinita" ("default"), or a printer's name.
    pub fn parse(text: &str) -> Stampante {
        let t = text.trim();
        match t.to_lowercase().as_str() {
            "" | "nessuna" | "none" => Stampante::Nessuna,
            "predefinita" | "default" => Stampante::Predefinita,
            _ => Stampante::Nome(t.to_string()),
        }
    }

    /// As shown and stored: "nessuna", "predefinita" or the name.
    pub fn label(&self) -> String {
        match self {
            Stampante::Nessuna => "nessuna".into(),
            Stampante::Predefinita => "predefinita".into(),
            Stampante::Nome(n) => n.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    pub nome: String,
    /// Belfiore code of the practice's comune (patron saint's day, default ATS).
    pub comune: String,
    pub mmg: Vec<MmgAdesione>,
    /// Channels the desk may use. MIFS via the ASST Centro Servizi is not yet
    /// active (2025) and is off until the practice switches it on.
    pub canali_attivi: Vec<Canale>,
    /// Where the Patto is printed.
    pub stampante: Stampante,
}

/// The settings that differ between `a` and `b`, by their labels in
/// Amministrazione › Studio (for the refusal of a save over settings another
/// desk changed).
pub fn changed_fields(a: &Practice, b: &Practice) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut field = |label: &'static str, changed: bool| {
        if changed {
            out.push(label);
        }
    };
    field("Nome dello studio", a.nome != b.nome);
    field("Comune", a.comune != b.comune);
    field("MMG", a.mmg != b.mmg);
    field("Canali", a.canali_attivi != b.canali_attivi);
    field("Stampante", a.stampante != b.stampante);
    out
}

/// The name of a practice that has not set its own; the interface shows it
/// in the operator's language.
pub const DEFAULT_NAME: &str = "Studio medico";

impl Default for Practice {
    fn default() -> Self {
        Practice {
            nome: DEFAULT_NAME.into(),
            comune: String::new(),
            mmg: Vec::new(),
            canali_attivi: vec![Canale::MmgAderente, Canale::CentroServiziAsst],
            stampante: Stampante::Nessuna,
        }
    }
}

impl Practice {
    pub fn canale_attivo(&self, canale: Canale) -> bool {
        self.canali_attivi.contains(&canale)
    }

    /// Each channel with why it is not offered for `gestore` to a patient
    /// whose MMG is `mmg`, on `oggi` (`None`: offered).
    pub fn canali_per(
        &self,
        gestore: &super::Gestore,
        mmg: &str,
        oggi: chrono::NaiveDate,
    ) -> Vec<(Canale, Option<super::gestore::CanaleEscluso>)> {
        let own = self.gestore_of_mmg(mmg);
        Canale::ALL
            .into_iter()
            .map(|c| (c, c.escluso(gestore, mmg, own, &self.canali_attivi, oggi)))
            .collect()
    }

    /// The channels offered for `gestore` to a patient whose MMG is `mmg`.
    pub fn canali_offerti(
        &self,
        gestore: &super::Gestore,
        mmg: &str,
        oggi: chrono::NaiveDate,
    ) -> Vec<Canale> {
        self.canali_per(gestore, mmg, oggi)
            .into_iter()
            .filter(|(_, e)| e.is_none())
            .map(|(c, _)| c)
            .collect()
    }

    /// The Gestore the named MMG adheres to (names compared accent- and case-insensitively,
    /// titles such as "Dott." ignored).
    pub fn gestore_of_mmg(&self, mmg: &str) -> Option<GestoreId> {
        let key = doctor_key(mmg);
        if key.is_empty() {
            return None;
        }
        self.mmg
            .iter()
            .find(|m| doctor_key(&m.nome) == key)
            .and_then(|m| match m.adesione {
                Adesione::Cooperativa(id) => Some(id),
                _ => None,
            })
    }
}

/// A doctor's name without titles, folded, its words in order (so that
/// "Sala Elena" of an ATS list is "Dott.ssa Elena Sala" of the records).
pub fn doctor_key(name: &str) -> String {
    let mut words: Vec<String> = fold(name)
        .split(' ')
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "DOTT" | "DOTTSSA" | "DOTTORE" | "DOTTORESSA" | "DR" | "DRSSA" | "SSA"
                )
        })
        .map(str::to_string)
        .collect();
    words.sort();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mifs_is_off_by_default_and_mmg_matching_ignores_titles() {
        let mut p = Practice::default();
        assert!(p.canale_attivo(Canale::MmgAderente));
        assert!(!p.canale_attivo(Canale::Mifs));
        p.mmg.push(MmgAdesione {
            nome: "Dott.ssa Elena Salà".into(),
            adesione: Adesione::Cooperativa(7),
        });
        p.mmg.push(MmgAdesione {
            nome: "Dott. Marco Riva".into(),
            adesione: Adesione::Mifs,
        });
        assert_eq!(p.gestore_of_mmg("elena sala"), Some(7));
        assert_eq!(p.gestore_of_mmg("SALA Elena"), Some(7));
        assert_eq!(p.gestore_of_mmg("Dott. Marco Riva"), None);
        assert_eq!(p.gestore_of_mmg(""), None);
    }

    fn gestore(id: GestoreId, tipo: crate::domain::GestoreTipo) -> crate::domain::Gestore {
        crate::domain::Gestore {
            id,
            ats: "030324".into(),
            denominazione: format!("G{id}"),
            tipo,
            codice: String::new(),
            cf_piva: String::new(),
            indirizzo: String::new(),
            comune: String::new(),
            telefono: String::new(),
            email: String::new(),
            referente: String::new(),
            livelli: vec![],
            non_idoneo_dal: None,
            fittizio: false,
        }
    }

    #[test]
    fn each_channel_fits_its_gestori() {
        use crate::domain::GestoreTipo as T;
        use crate::domain::gestore::CanaleEscluso as E;
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let today = day(2026, 11, 22);
        let mut p = Practice::default();
        p.mmg.push(MmgAdesione {
            nome: "Dott.ssa Elena Sala".into(),
            adesione: Adesione::Cooperativa(7),
        });
        let coop = gestore(7, T::CooperativaMmg);
        let other = gestore(8, T::CooperativaMmg);
        let asst = gestore(9, T::Asst);
        let rsa = gestore(10, T::Rsa);
        assert_eq!(
            p.canali_offerti(&coop, "Elena Sala", today),
            [Canale::MmgAderente]
        );
        assert_eq!(p.canali_offerti(&other, "Elena Sala", today), []);
        assert_eq!(
            p.canali_per(&other, "Elena Sala", today)[0],
            (
                Canale::MmgAderente,
                Some(E::MmgNonAderente {
                    mmg: "Elena Sala".into()
                })
            )
        );
        assert_eq!(
            p.canali_per(&asst, "", today),
            [
                (
                    Canale::MmgAderente,
                    Some(E::MmgNonAderente { mmg: String::new() })
                ),
                (Canale::CentroServiziAsst, None),
                (Canale::Mifs, Some(E::NonAttivo)),
            ]
        );
        // MIFS once switched on.
        p.canali_attivi.push(Canale::Mifs);
        assert_eq!(
            p.canali_offerti(&asst, "", today),
            [Canale::CentroServiziAsst, Canale::Mifs]
        );
        // The earlier model: every active channel before the cut-off, none after.
        assert_eq!(p.canali_offerti(&rsa, "", day(2024, 12, 31)).len(), 3);
        assert!(
            p.canali_per(&rsa, "", day(2025, 1, 1))
                .iter()
                .all(|(_, e)| *e == Some(E::ModelloPrecedente))
        );
    }
}
