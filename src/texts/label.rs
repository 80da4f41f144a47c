//! Domain values as the operator reads them, in the chosen language.

use super::Lang;
use crate::domain::agenda::AppStato;
use crate::domain::gestore::Canale;
use crate::domain::operator::Role;

macro_rules! tr {
    ($lang:expr, $it:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::It => $it,
            Lang::En => $en,
        }
    };
}

/// An operator's role.
pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Segreteria => tr!(lang, "segreteria", "front desk"),
        Role::Medico => tr!(lang, "medico", "doctor"),
        Role::Amministratore => tr!(lang, "amministratore", "administrator"),
    }
}

/// How the patient joined the programme.
pub fn canale(lang: Lang, c: Canale) -> &'static str {
    match c {
        Canale::MmgAderente => tr!(lang, "MMG aderente", "member GP"),
        Canale::CentroServiziAsst => tr!(lang, "Centro Servizi ASST", "ASST Service Centre"),
        Canale::Mifs => tr!(
            lang,
            "MIFS (medico in forma singola)",
            "MIFS (GP practising alone)"
        ),
    }
}

/// An appointment's state.
pub fn app_stato(lang: Lang, s: &AppStato) -> &'static str {
    match s {
        AppStato::Prenotato => tr!(lang, "prenotato", "booked"),
        AppStato::Eseguito => tr!(lang, "eseguito", "done"),
        AppStato::NonPresentato => tr!(lang, "non presentato", "missed"),
        AppStato::Annullato { .. } => tr!(lang, "annullato", "cancelled"),
    }
}

/// "done" or "missed": what an appointment is marked.
pub fn app_stato_name(lang: Lang, missed: bool) -> &'static str {
    if missed {
        app_stato(lang, &AppStato::NonPresentato)
    } else {
        app_stato(lang, &AppStato::Eseguito)
    }
}
