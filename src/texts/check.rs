//! What `sportello check` finds, as the operator reads it. The store's tree
//! names are shown as they are; record decode reasons are free text.

use super::Lang;
use crate::domain::audit::BreakReason;
use crate::domain::integrity::{CheckProblem, EntryKey, Owner};

/// One problem of the check in `lang`.
pub fn check_problem(lang: Lang, p: &CheckProblem) -> String {
    use CheckProblem as P;
    if lang == Lang::It {
        return p.to_string();
    }
    match p {
        P::Unreadable { tree, key, reason } => {
            format!("{tree}: record {key} not readable: {reason}")
        }
        P::TreeUnreadable { tree, reason } => format!("{tree}: {reason}"),
        P::IdMismatch {
            tree,
            key,
            declared,
        } => {
            format!("{tree}: the record with key {key} declares id {declared}")
        }
        P::CfWithoutPatient {
            tree,
            entry,
            patient,
        } => {
            format!("{tree}: the entry {entry} -> {patient} matches no patient")
        }
        P::RowMismatch {
            tree,
            entry,
            patient,
        } => {
            let entry = entry_key(lang, entry);
            match patient {
                Some(p) => {
                    format!("{tree}: the list row of entry {entry} does not match patient {p}")
                }
                None => format!("{tree}: the list row of entry {entry} does not match the patient"),
            }
        }
        P::MissingEntry {
            tree,
            entry,
            patient,
        } => {
            let entry = entry_key(lang, entry);
            match patient {
                Some(p) => format!("{tree}: entry {entry} of patient {p} is missing"),
                None => format!("{tree}: entry {entry} is missing"),
            }
        }
        P::StrayEntry { tree, entry, owner } => {
            let entry = entry_key(lang, entry);
            let without = match owner {
                Owner::Patient => "with no matching patient",
                Owner::Operator => "with no matching operator",
                Owner::Pai => "with no PAI",
                Owner::Patto => "with no Patto",
                Owner::PattoInForce => "with no Patto in force",
                Owner::Presa => "with no presa in carico",
            };
            format!("{tree}: entry {entry} {without}")
        }
        P::MissingEntryOf { tree, owner, id } => {
            let of = match owner {
                Owner::Pai => "PAI",
                Owner::Patto | Owner::PattoInForce => "Patto",
                Owner::Presa => "presa",
                Owner::Patient => "patient",
                Owner::Operator => "operator",
            };
            format!("{tree}: the entry of {of} {id} is missing")
        }
        P::MissingPresaEntry {
            tree,
            presa,
            patient,
        } => {
            format!("{tree}: the entry of presa {presa} of patient {patient} is missing")
        }
        P::SlotCountMismatch {
            tree,
            resource,
            slot,
            counted,
        } => format!(
            "{tree}: slot {resource}#{slot} counts {counted} patients, not those with appointments"
        ),
        P::SlotClaimsMissing {
            tree,
            resource,
            slot,
            missing,
        } => {
            format!("{tree}: {missing} claims of slot {resource}#{slot} are missing")
        }
        P::DoubleBooking {
            tree,
            first,
            second,
        } => {
            format!("{tree}: the patient has two overlapping appointments ({first} and {second})")
        }
        P::OverCapacity {
            tree,
            start,
            resource,
            booked,
            places,
        } => format!(
            "{tree}: the {} slot of resource {resource} has {booked} bookings for {places} places",
            start.format("%d/%m/%Y %H:%M")
        ),
        P::AuditChain { tree, at } => format!(
            "{tree}: chain broken at entry {}: {}",
            at.seq,
            break_reason(lang, &at.reason)
        ),
        P::PattoWithoutNumber { tree, patto } => format!("{tree}: Patto {patto} has no number"),
        P::PattoNumberTwice {
            tree,
            first,
            second,
            numero,
        } => {
            format!("{tree}: Patti {first} and {second} have the same number {numero}")
        }
        P::PattoNumberAboveCounter {
            tree,
            patto,
            numero,
        } => format!(
            "{tree}: number {numero} of Patto {patto} is above the {} counter",
            numero.anno
        ),
        P::PattoSignatureAltered { tree, patto } => {
            format!("{tree}: the signed text of Patto {patto} does not match its fingerprint")
        }
        P::MissingExpiry { tree, patto } => {
            format!("{tree}: the expiry of Patto {patto} is missing")
        }
        P::SeveralActivePrese { tree, patient } => {
            format!("{tree}: patient {patient} has more than one active presa in carico")
        }
        P::ActivePresaNotActive {
            tree,
            patient,
            presa,
        } => {
            format!("{tree}: patient {patient} points at presa {presa}, which is not active")
        }
        P::ActivePresaUnregistered {
            tree,
            patient,
            presa,
        } => {
            format!("{tree}: the active presa {presa} of patient {patient} is not registered")
        }
        P::KeyOtherCf { tree, key, cf } => {
            format!("{tree}: the row {key} holds the codice fiscale {cf}")
        }
        P::RowWithoutPatient { tree, key, patient } => {
            format!("{tree}: the row {key} points at patient {patient}, who does not exist")
        }
        P::UnknownPathology {
            tree,
            owner,
            id,
            code,
        } => {
            let of = if *owner == Owner::Pai {
                "PAI"
            } else {
                "patient"
            };
            format!("{tree}: {of} {id}: unknown pathology {code} (not in the SGDT catalogue)")
        }
        P::PrimaryNotAmong {
            tree,
            patient,
            code,
        } => format!(
            "{tree}: patient {patient}: the primary pathology {code} is not among their pathologies"
        ),
        P::MarkWithoutPai { tree, pai } => {
            format!("{tree}: entry of PAI {pai}, which does not exist")
        }
    }
}

/// An index key of the check in `lang`.
fn entry_key(lang: Lang, k: &EntryKey) -> String {
    match (lang, k) {
        (Lang::It, k) => k.to_string(),
        (Lang::En, EntryKey::Plain(v)) => v.clone(),
        (Lang::En, EntryKey::FirstName(v)) => format!("first name: {v}"),
        (Lang::En, EntryKey::Surname(v)) => format!("surname: {v}"),
    }
}

/// Why the audit chain breaks, in `lang`.
pub fn break_reason(lang: Lang, r: &BreakReason) -> String {
    match (lang, r) {
        (Lang::It, r) => r.to_string(),
        (Lang::En, BreakReason::Missing { found }) => {
            format!("the entry is missing (found entry {found})")
        }
        (Lang::En, BreakReason::Link) => "the link to the previous entry does not match".into(),
        (Lang::En, BreakReason::Altered) => {
            "the content was altered (different fingerprint)".into()
        }
        (Lang::En, BreakReason::Unreadable(reason)) => format!("entry not readable: {reason}"),
        (Lang::En, BreakReason::KeyMismatch { key, declared }) => {
            format!("the entry with key {key} declares number {declared}")
        }
        (Lang::En, BreakReason::HeadUnreadable(reason)) => reason.clone(),
        (Lang::En, BreakReason::Head { head, read }) => {
            format!("the head of the chain says {head} entries, {read} were read")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::ChainBreak;

    #[test]
    fn check_problems_in_english_and_in_italian() {
        let stray = CheckProblem::StrayEntry {
            tree: "idx_patient_name_other",
            entry: EntryKey::Surname("ADDA NICCOLO#7".into()),
            owner: Owner::Patient,
        };
        assert_eq!(
            check_problem(Lang::En, &stray),
            "idx_patient_name_other: entry surname: ADDA NICCOLO#7 with no matching patient"
        );
        assert_eq!(
            check_problem(Lang::It, &stray),
            "idx_patient_name_other: voce cognome: ADDA NICCOLO#7 senza paziente corrispondente"
        );
        let chain = CheckProblem::AuditChain {
            tree: "audit",
            at: ChainBreak {
                seq: 2,
                reason: BreakReason::Altered,
            },
        };
        assert_eq!(
            check_problem(Lang::En, &chain),
            "audit: chain broken at entry 2: the content was altered (different fingerprint)"
        );
        let presa = CheckProblem::ActivePresaNotActive {
            tree: "active_presa",
            patient: 3,
            presa: 9,
        };
        assert_eq!(
            check_problem(Lang::En, &presa),
            "active_presa: patient 3 points at presa 9, which is not active"
        );
        assert_eq!(
            check_problem(Lang::It, &presa),
            "active_presa: il paziente 3 punta alla presa 9, che non è attiva"
        );
    }
}
