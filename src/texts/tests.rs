//! Texts that name days, periods and fields inside the service's errors,
//! in both languages.

use chrono::NaiveDate;

use super::{Lang, agenda, conflict, error};
use crate::domain::agenda::{AgendaError, Conflict, Fuori};
use crate::service::{DeskError, StoreProblem};

/// Weekdays, bands and closure periods inside agenda errors, by language.
#[test]
fn agenda_errors_name_days_and_periods_in_the_language() {
    use crate::domain::agenda::{Closure, Pattern};
    let d = NaiveDate::from_ymd_opt(2026, 12, 8).expect("date");
    let at = d.and_hms_opt(7, 30, 0).expect("time");
    let hm = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).expect("time");
    let band = Pattern::new(chrono::Weekday::Mon, hm(8), hm(12), 15, 1, d);
    let e = AgendaError::InFascia {
        fascia: Box::new(band),
        errore: Box::new(AgendaError::Sovrapposte {
            giorno: chrono::Weekday::Tue,
            prima: "08:00-12:00".into(),
            seconda: "11:00-13:00".into(),
        }),
    };
    assert_eq!(
        agenda(Lang::It, &e),
        "fascia lunedì 08:00-12:00: le fasce del martedì si sovrappongono: 08:00-12:00 e 11:00-13:00"
    );
    assert_eq!(
        agenda(Lang::En, &e),
        "band Monday 08:00-12:00: the bands of Tuesday overlap: 08:00-12:00 and 11:00-13:00"
    );
    let closed = Conflict::Chiusura(Closure::giornata(1, None, d, "Immacolata"));
    assert_eq!(
        conflict(Lang::It, &closed),
        "chiuso il 08/12/2026: Immacolata"
    );
    assert_eq!(
        conflict(Lang::En, &closed),
        "closed on 08/12/2026: Immacolata"
    );
    let outside = Conflict::FuoriDisponibilita {
        risorsa: "Prelievi".into(),
        dettaglio: Fuori::NessunoSlot(at),
    };
    assert_eq!(
        conflict(Lang::It, &outside),
        "fuori dagli orari di «Prelievi»: nessuno slot alle 07:30 di martedì 08/12/2026"
    );
    assert_eq!(
        conflict(Lang::En, &outside),
        "outside the hours of «Prelievi»: no slot at 07:30 on Tuesday 08/12/2026"
    );
}

/// Every field a changed-meanwhile refusal can name is English in English.
#[test]
fn changed_meanwhile_names_the_fields_in_english() {
    let e: DeskError = StoreProblem::ChangedMeanwhile {
        fields: vec!["Telefoni", "Note", "Data di nascita"],
    }
    .into();
    assert!(
        error(Lang::En, &e)
            .starts_with("Meanwhile another desk changed: Phones, Notes, Date of birth. "),
        "{}",
        error(Lang::En, &e)
    );
    assert!(error(Lang::It, &e).contains("modificato: Telefoni, Note, Data di nascita."));
}

/// A list without its header names the columns that list needs, in the
/// operator's language, whichever list it was read as.
#[test]
fn a_list_without_header_names_its_own_columns() {
    use crate::io::table::read_table;
    use crate::service::gestori::ListKind;
    let csv = b"Nome;Data\nMario;01/01/2026\n";
    let no_score = |_: &[String]| 0;
    let table = read_table(csv, "elenco.csv", None, &no_score).expect("table");
    let text = |list, lang| {
        let e = table.header_index(&no_score, list).expect_err("no header");
        super::import_error(lang, &e)
    };
    let en = text(ListKind::Arruolabili, Lang::En);
    assert!(en.contains("columns found: \"Nome\", \"Data\""), "{en}");
    assert!(en.ends_with("the columns Codice fiscale, Cognome and Nome are needed (and, if present, Livello, Patologia primaria, Patologie)"), "{en}");
    let it = text(ListKind::MmgAderenti, Lang::It);
    assert!(
        it.ends_with("e la colonna Gestore (o Cooperativa, Codice gestore)"),
        "{it}"
    );
    let en = text(ListKind::Gestori, Lang::En);
    assert!(en.contains("a Denominazione column is needed"), "{en}");
}
