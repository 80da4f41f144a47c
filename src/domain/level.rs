//! The level of the chronic patient. The Region assigns it (the ATS
//! communicates it: [`LivelloAts`]); the count rule ([`Livello::from_count`])
//! is only the desk's estimate while the Region's is not known.

use chrono::NaiveDate;

/// The Region's code system of the levels (1 alta, 2 media, 3 bassa).
pub const LIVELLO_SYSTEM: &str =
    "https://fhir.siss.regione.lombardia.it/CodeSystem/GPC-LivelloGravita";

/// The source of a level typed at the desk.
pub const FONTE_ATS: &str = "ATS";

/// The level the ATS communicated for a patient, with its source and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LivelloAts {
    pub livello: Livello,
    /// "ATS" when typed at the desk, or the list it came from.
    pub fonte: String,
    /// When the ATS communicated it.
    pub data: NaiveDate,
}

/// The level shown for a patient: the Region's when known, else the estimate
/// from the number of pathologies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LivelloNoto {
    Ats(LivelloAts),
    Stima(Livello),
}

impl LivelloNoto {
    pub fn livello(&self) -> Livello {
        match self {
            LivelloNoto::Ats(l) => l.livello,
            LivelloNoto::Stima(l) => *l,
        }
    }

    pub fn is_estimate(&self) -> bool {
        matches!(self, LivelloNoto::Stima(_))
    }
}

/// Livello of the 2017 demand model; levels 4-5 (non-chronic) are out of scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Livello {
    /// "fragilità clinica": 4 or more pathologies.
    L1,
    /// "cronicità polipatologica": 2 or 3 pathologies.
    L2,
    /// "cronicità in fase iniziale": 1 pathology.
    L3,
}

impl Livello {
    /// The level for a number of chronic pathologies; `None` when there are none.
    pub fn from_count(pathologies: usize) -> Option<Livello> {
        match pathologies {
            0 => None,
            1 => Some(Livello::L3),
            2 | 3 => Some(Livello::L2),
            _ => Some(Livello::L1),
        }
    }

    /// The level of a code of [`LIVELLO_SYSTEM`] (1-3).
    pub fn from_number(n: u8) -> Option<Livello> {
        match n {
            1 => Some(Livello::L1),
            2 => Some(Livello::L2),
            3 => Some(Livello::L3),
            _ => None,
        }
    }

    /// The Region's description of the level ([`LIVELLO_SYSTEM`]).
    pub fn gravita(self) -> &'static str {
        match self {
            Livello::L1 => "Gravità alta",
            Livello::L2 => "Gravità media",
            Livello::L3 => "Gravità bassa",
        }
    }

    pub fn number(self) -> u8 {
        match self {
            Livello::L1 => 1,
            Livello::L2 => 2,
            Livello::L3 => 3,
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Livello::L1 => "fragilità clinica",
            Livello::L2 => "cronicità polipatologica",
            Livello::L3 => "cronicità in fase iniziale",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Livello;

    #[test]
    fn level_follows_the_number_of_pathologies() {
        assert_eq!(Livello::from_count(0), None);
        assert_eq!(Livello::from_count(1), Some(Livello::L3));
        assert_eq!(Livello::from_count(2), Some(Livello::L2));
        assert_eq!(Livello::from_count(3), Some(Livello::L2));
        assert_eq!(Livello::from_count(4), Some(Livello::L1));
        assert_eq!(Livello::from_count(9), Some(Livello::L1));
        assert_eq!(Livello::L2.number(), 2);
        assert_eq!(Livello::from_number(1), Some(Livello::L1));
        assert_eq!(Livello::from_number(4), None);
        assert_eq!(Livello::L3.gravita(), "Gravità bassa");
    }
}
