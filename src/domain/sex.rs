use serde::{Deserialize, Serialize};

/// Sex as recorded in the codice fiscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    M,
    F,
}

impl Sex {
    pub fn letter(self) -> char {
        match self {
            Sex::M => 'M',
            Sex::F => 'F',
        }
    }
}
