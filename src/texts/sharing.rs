//! What prevents sharing a PAI, in the operator's language.

use super::Lang;
use crate::domain::pai::{ItemRef, SharingProblem};

fn item(lang: Lang, i: &ItemRef) -> String {
    match (lang, i) {
        (Lang::It, ItemRef::Numero(n)) => format!("la prestazione n. {n}"),
        (Lang::It, ItemRef::Descrizione(d)) => format!("la prestazione «{d}»"),
        (Lang::En, ItemRef::Numero(n)) => format!("service no. {n}"),
        (Lang::En, ItemRef::Descrizione(d)) => format!("the service \"{d}\""),
    }
}

fn short(lang: Lang, i: &ItemRef) -> String {
    match (lang, i) {
        (Lang::It, ItemRef::Numero(n)) => format!("n. {n}"),
        (Lang::En, ItemRef::Numero(n)) => format!("no. {n}"),
        (Lang::It, ItemRef::Descrizione(d)) => format!("«{d}»"),
        (Lang::En, ItemRef::Descrizione(d)) => format!("\"{d}\""),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One reason, as a line of the list the operator reads.
pub fn sharing_problem(lang: Lang, p: &SharingProblem) -> String {
    use SharingProblem as S;
    match (lang, p) {
        (Lang::It, S::AlreadyShared { versione }) => format!(
            "il piano è già condiviso (versione {versione}): per cambiarlo crearne una nuova versione"
        ),
        (Lang::En, S::AlreadyShared { versione }) => format!(
            "the plan is already shared (version {versione}): make a new version to change it"
        ),
        (Lang::It, S::Concluded) => "il piano è concluso".into(),
        (Lang::En, S::Concluded) => "the plan is concluded".into(),
        (Lang::It, S::PeriodReversed) => {
            "il periodo del piano non è valido: la fine precede l'inizio".into()
        }
        (Lang::En, S::PeriodReversed) => {
            "the plan's period is not valid: the end comes before the start".into()
        }
        (Lang::It, S::NoClinicalManager) => "manca il Clinical Manager".into(),
        (Lang::En, S::NoClinicalManager) => "the Clinical Manager is missing".into(),
        (Lang::It, S::NoLifestyle) => "mancano i consigli sullo stile di vita".into(),
        (Lang::En, S::NoLifestyle) => "the lifestyle advice is missing (required)".into(),
        (Lang::It, S::NoItems) => "nessuna prestazione".into(),
        (Lang::En, S::NoItems) => "no service".into(),
        (Lang::It, S::DuplicateItemId(n)) => format!("più prestazioni hanno lo stesso numero {n}"),
        (Lang::En, S::DuplicateItemId(n)) => format!("several services have the same number {n}"),
        (Lang::It, S::ItemNoDescription(n)) => format!("la prestazione n. {n} non ha descrizione"),
        (Lang::En, S::ItemNoDescription(n)) => format!("service no. {n} has no description"),
        (_, S::ItemFrequency { item: i, error }) => format!(
            "{}: {}",
            item(lang, i),
            lower_first(&super::pai(lang, error))
        ),
        (Lang::It, S::ItemNoResource(i)) => format!(
            "{}: indicare la risorsa in sede (es. punto prelievi)",
            item(lang, i)
        ),
        (Lang::En, S::ItemNoResource(i)) => format!(
            "{}: give the in-house resource (e.g. blood-drawing point)",
            item(lang, i)
        ),
        (Lang::It, S::ItemNoProvider(i)) => {
            format!("{}: indicare l'erogatore esterno", item(lang, i))
        }
        (Lang::En, S::ItemNoProvider(i)) => {
            format!("{}: give the external provider", item(lang, i))
        }
        (Lang::It, S::MissingDependency { item: i, dep }) => format!(
            "{} dipende dalla prestazione n. {dep}, che non esiste",
            item(lang, i)
        ),
        (Lang::En, S::MissingDependency { item: i, dep }) => format!(
            "{} depends on service no. {dep}, which does not exist",
            item(lang, i)
        ),
        (_, S::Cycle(items)) => {
            let names: Vec<String> = items.iter().map(|i| short(lang, i)).collect();
            match lang {
                Lang::It => format!(
                    "dipendenze circolari tra le prestazioni: {}",
                    names.join(" → ")
                ),
                Lang::En => format!(
                    "circular dependencies among the services: {}",
                    names.join(" → ")
                ),
            }
        }
        (Lang::It, S::DrugWithoutName(n)) => {
            format!("il farmaco n. {n} non ha né nome né principio attivo")
        }
        (Lang::En, S::DrugWithoutName(n)) => {
            format!("drug no. {n} has neither name nor active ingredient")
        }
    }
}

/// Every reason, one per line.
pub fn sharing_problems(lang: Lang, problems: &[SharingProblem]) -> Vec<String> {
    problems.iter().map(|p| sharing_problem(lang, p)).collect()
}
