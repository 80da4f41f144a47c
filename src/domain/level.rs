//! The level of the chronic patient, from the number of chronic pathologies.

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
    }
}
