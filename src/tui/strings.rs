//! Every text the operator reads, in one place: Italian by default, English
//! with `--lang en`. Messages from the lower layers (codice fiscale errors,
//! store errors) come in Italian whatever the language.

use crate::domain::{Livello, PatientStatus};

use super::format::DateError;
use super::modal::StatusChange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    It,
    En,
}

/// The fixed texts. Texts with values in them are methods below.
pub struct Strings {
    pub lang: Lang,
    // Header and footer.
    pub app_name: &'static str,
    pub practice: &'static str,
    pub operator: &'static str,
    pub alt_tip: &'static str,
    // Screen titles.
    pub title_lookup: &'static str,
    pub title_record: &'static str,
    pub title_new: &'static str,
    pub title_edit: &'static str,
    pub title_help: &'static str,
    // Areas of later versions.
    pub area_gestore: &'static str,
    pub area_patto: &'static str,
    pub area_pai: &'static str,
    pub area_agenda: &'static str,
    pub area_richiami: &'static str,
    pub area_gestore_text: &'static str,
    pub area_patto_text: &'static str,
    pub area_pai_text: &'static str,
    pub area_agenda_text: &'static str,
    pub area_richiami_text: &'static str,
    pub coming_soon: &'static str,
    pub placeholder_back: &'static str,
    pub patient: &'static str,
    // Key labels.
    pub k_help: &'static str,
    pub k_patients: &'static str,
    pub k_quit: &'static str,
    pub k_up: &'static str,
    pub k_down: &'static str,
    pub k_page_up: &'static str,
    pub k_page_down: &'static str,
    pub k_open: &'static str,
    pub k_new: &'static str,
    pub k_clear: &'static str,
    pub k_back: &'static str,
    pub k_edit: &'static str,
    pub k_deceased: &'static str,
    pub k_transferred: &'static str,
    pub k_reactivate: &'static str,
    pub k_scroll_up: &'static str,
    pub k_scroll_down: &'static str,
    pub k_save: &'static str,
    pub k_next_field: &'static str,
    pub k_prev_field: &'static str,
    pub k_form_down: &'static str,
    pub k_form_up: &'static str,
    pub k_accept: &'static str,
    pub k_leave: &'static str,
    pub k_confirm: &'static str,
    pub k_cancel: &'static str,
    pub k_discard: &'static str,
    pub k_keep_editing: &'static str,
    // Key names.
    pub key_enter: &'static str,
    pub key_shift: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub key_home: &'static str,
    pub key_end: &'static str,
    // Help.
    pub help_intro: &'static str,
    pub ctx_global: &'static str,
    pub ctx_lookup: &'static str,
    pub ctx_record: &'static str,
    pub ctx_form: &'static str,
    pub ctx_help: &'static str,
    pub ctx_placeholder: &'static str,
    pub ctx_confirm: &'static str,
    pub ctx_confirm_discard: &'static str,
    pub ctx_confirm_quit: &'static str,
    pub ctx_date: &'static str,
    // Too small.
    pub too_small_title: &'static str,
    pub too_small_keys: &'static str,
    pub too_small_dialog: &'static str,
    pub too_small_quit_pending: &'static str,
    // Lookup.
    pub search_label: &'static str,
    pub lookup_hint: &'static str,
    pub suggestions: &'static str,
    pub nothing_to_open: &'static str,
    pub col_cognome: &'static str,
    pub col_nome: &'static str,
    pub col_born: &'static str,
    pub col_cf: &'static str,
    pub col_comune: &'static str,
    pub col_livello: &'static str,
    pub col_pic: &'static str,
    pub none: &'static str,
    pub status_deceased: &'static str,
    pub status_transferred: &'static str,
    // Record.
    pub r_born: &'static str,
    pub r_residence: &'static str,
    pub r_ats: &'static str,
    pub r_pathologies: &'static str,
    pub r_level: &'static str,
    pub r_pic: &'static str,
    pub r_areas: &'static str,
    pub record_areas: &'static str,
    pub no_pic: &'static str,
    pub no_level: &'static str,
    pub outside_lombardy: &'static str,
    pub sex_m: &'static str,
    pub sex_f: &'static str,
    pub deceased_on: &'static str,
    pub transferred_on: &'static str,
    pub deceased_title: &'static str,
    pub transferred_title: &'static str,
    pub reactivate_title: &'static str,
    pub already_active: &'static str,
    pub date_label: &'static str,
    pub patient_not_found: &'static str,
    pub paste_nowhere: &'static str,
    // Form fields.
    pub f_cognome: &'static str,
    pub f_nome: &'static str,
    pub f_cf: &'static str,
    pub f_sex: &'static str,
    pub f_sex_input: &'static str,
    pub f_birth_date: &'static str,
    pub f_birth_place: &'static str,
    pub f_address: &'static str,
    pub f_cap: &'static str,
    pub f_comune: &'static str,
    pub f_ats_derived: &'static str,
    pub f_ats_override: &'static str,
    pub f_mmg: &'static str,
    pub f_phones: &'static str,
    pub f_email: &'static str,
    pub f_tessera: &'static str,
    pub f_pathologies: &'static str,
    pub f_note: &'static str,
    // Form help lines.
    pub h_name: &'static str,
    pub h_cf: &'static str,
    pub h_sex: &'static str,
    pub h_date: &'static str,
    pub h_place: &'static str,
    pub h_address: &'static str,
    pub h_cap: &'static str,
    pub h_ats: &'static str,
    pub h_mmg: &'static str,
    pub h_phones: &'static str,
    pub h_email: &'static str,
    pub h_tessera: &'static str,
    pub h_pathologies: &'static str,
    pub h_note: &'static str,
    // Form messages.
    pub err_required: &'static str,
    pub err_letters: &'static str,
    pub err_sex: &'static str,
    pub err_date_format: &'static str,
    pub err_date_nonexistent: &'static str,
    pub err_date_future: &'static str,
    pub err_date_old: &'static str,
    pub err_date_before_birth: &'static str,
    pub err_cap: &'static str,
    pub err_ats: &'static str,
    pub err_email: &'static str,
    pub err_tessera: &'static str,
    pub cf_valid: &'static str,
    pub cf_valid_omocode: &'static str,
    pub ats_needs_comune: &'static str,
    pub filled_from_cf: &'static str,
    pub form_has_errors: &'static str,
    pub saved: &'static str,
    pub duplicates_title: &'static str,
    pub duplicates_intro: &'static str,
    pub duplicates_question: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_question: &'static str,
}

impl Strings {
    pub fn for_lang(lang: Lang) -> &'static Strings {
        match lang {
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    fn pick(&self, it: String, en: String) -> String {
        match self.lang {
            Lang::It => it,
            Lang::En => en,
        }
    }

    pub fn too_small(&self, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
        self.pick(
            format!("Servono almeno {min_w}×{min_h} caratteri; ora la finestra è {w}×{h}. Ingrandire la finestra o ridurre il carattere."),
            format!("At least {min_w}×{min_h} characters are needed; the window is {w}×{h}. Enlarge the window or use a smaller font."),
        )
    }

    pub fn no_results(&self, query: &str) -> String {
        self.pick(
            format!("Nessun paziente trovato per «{query}». F9 o Ctrl+N: nuovo paziente."),
            format!("No patient found for «{query}». F9 or Ctrl+N: new patient."),
        )
    }

    pub fn found(&self, n: usize, capped: bool) -> String {
        match (self.lang, n, capped) {
            (Lang::It, _, true) => {
                format!("Primi {n} pazienti: scrivere di più per restringere la ricerca.")
            }
            (Lang::It, 1, _) => "1 paziente trovato. Invio apre la scheda.".to_string(),
            (Lang::It, _, _) => format!("{n} pazienti trovati. Invio apre la scheda."),
            (Lang::En, _, true) => format!("First {n} patients: type more to narrow the search."),
            (Lang::En, 1, _) => "1 patient found. Enter opens the record.".to_string(),
            (Lang::En, _, _) => format!("{n} patients found. Enter opens the record."),
        }
    }

    pub fn born_on(&self, date: &str, age: u32, place: &str) -> String {
        let place = if place.is_empty() { "—" } else { place };
        self.pick(
            format!("{date} ({age} anni) a {place}"),
            format!("{date} (age {age}) in {place}"),
        )
    }

    pub fn ats_overridden(&self, chosen: &str, derived: &str) -> String {
        self.pick(
            format!("{chosen} (scelta dall'operatore; dalla residenza: {derived})"),
            format!("{chosen} (set by the operator; from the residence: {derived})"),
        )
    }

    pub fn level_text(&self, l: Livello) -> String {
        match self.lang {
            Lang::It => format!("{} · {}", l.number(), l.description()),
            Lang::En => format!(
                "{} · {}",
                l.number(),
                match l {
                    Livello::L1 => "clinical frailty",
                    Livello::L2 => "multiple chronic conditions",
                    Livello::L3 => "early chronic condition",
                }
            ),
        }
    }

    pub fn level_short(&self, l: Livello) -> String {
        self.pick(
            format!("livello {}", l.number()),
            format!("level {}", l.number()),
        )
    }

    pub fn reactivate_question(&self, name: &str) -> String {
        self.pick(
            format!("Riportare {name} tra i pazienti attivi? La data di decesso o trasferimento viene tolta."),
            format!("Make {name} an active patient again? The date of death or transfer is removed."),
        )
    }

    pub fn status_question(&self, change: StatusChange, name: &str) -> String {
        match (self.lang, change) {
            (Lang::It, StatusChange::Deceased) => format!(
                "Segnare {name} come deceduto/a. La scheda resta in archivio: non viene cancellata."
            ),
            (Lang::It, StatusChange::Transferred) => format!(
                "Segnare {name} come trasferito/a ad altro medico o altra regione. La scheda resta in archivio."
            ),
            (Lang::En, StatusChange::Deceased) => {
                format!(
                    "Mark {name} as deceased. The record stays in the archive: it is not deleted."
                )
            }
            (Lang::En, StatusChange::Transferred) => format!(
                "Mark {name} as transferred to another doctor or region. The record stays in the archive."
            ),
        }
    }

    pub fn status_saved(&self, status: PatientStatus) -> String {
        let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
        match (self.lang, status) {
            (Lang::It, PatientStatus::Attivo) => "Paziente di nuovo attivo".to_string(),
            (Lang::It, PatientStatus::Deceduto(d)) => {
                format!("Paziente segnato come deceduto il {}", date(d))
            }
            (Lang::It, PatientStatus::Trasferito(d)) => {
                format!("Paziente segnato come trasferito il {}", date(d))
            }
            (Lang::En, PatientStatus::Attivo) => "Patient active again".to_string(),
            (Lang::En, PatientStatus::Deceduto(d)) => {
                format!("Patient marked as deceased on {}", date(d))
            }
            (Lang::En, PatientStatus::Trasferito(d)) => {
                format!("Patient marked as transferred on {}", date(d))
            }
        }
    }

    pub fn cf_exists_opened(&self, cf: &str, name: &str) -> String {
        self.pick(
            format!("Il codice fiscale {cf} è già registrato ({name}): aperta la sua scheda. Nuovo paziente non salvato."),
            format!("Codice fiscale {cf} is already registered ({name}): their record is open. The new patient was not saved."),
        )
    }

    pub fn cf_belongs_to(&self, name: &str) -> String {
        self.pick(
            format!("Codice fiscale già di un altro paziente: {name}"),
            format!("This codice fiscale belongs to another patient: {name}"),
        )
    }

    pub fn warn_cf_letters(&self, in_cf: &str) -> String {
        self.pick(
            format!("Non corrisponde al codice fiscale ({in_cf})"),
            format!("Does not match the codice fiscale ({in_cf})"),
        )
    }

    pub fn warn_cf_says(&self, value: &str) -> String {
        self.pick(
            format!("Il codice fiscale indica {value}"),
            format!("The codice fiscale says {value}"),
        )
    }

    pub fn warn_tessera_len(&self, n: usize) -> String {
        self.pick(
            format!("Ha {n} cifre: di solito sono 20"),
            format!("{n} digits: usually 20"),
        )
    }

    pub fn err_phone(&self, phone: &str) -> String {
        self.pick(
            format!("Numero non valido: {phone}"),
            format!("Invalid number: {phone}"),
        )
    }

    pub fn err_pathology(&self, code: &str) -> String {
        self.pick(
            format!("Codice sconosciuto: {code}"),
            format!("Unknown code: {code}"),
        )
    }

    pub fn date_error(&self, e: DateError) -> &'static str {
        match e {
            DateError::Format => self.err_date_format,
            DateError::Nonexistent => self.err_date_nonexistent,
        }
    }

    pub fn place_code(&self, code: &str) -> String {
        self.pick(format!("cod. {code}"), format!("code {code}"))
    }

    pub fn err_place_code(&self, code: &str) -> String {
        self.pick(
            format!("Codice catastale sconosciuto: {code}"),
            format!("Unknown Belfiore code: {code}"),
        )
    }

    pub fn err_place_unknown(&self, name: &str) -> String {
        self.pick(
            format!("Comune o stato sconosciuto: {name}. Scegliere dall'elenco"),
            format!("Unknown comune or state: {name}. Pick one from the list"),
        )
    }

    pub fn err_place_ambiguous(&self, options: &str) -> String {
        self.pick(
            format!("Più comuni con questo nome: scegliere tra {options}"),
            format!("Several comuni have this name: pick one of {options}"),
        )
    }
}

static IT: Strings = Strings {
    lang: Lang::It,
    app_name: "sportello",
    practice: "Studio medico",
    operator: "operatore",
    alt_tip: "(Alt+cifra = tasto F)",
    title_lookup: "Pazienti",
    title_record: "Scheda paziente",
    title_new: "Nuovo paziente",
    title_edit: "Modifica paziente",
    title_help: "Aiuto",
    area_gestore: "Gestore",
    area_patto: "Patto",
    area_pai: "PAI",
    area_agenda: "Agenda",
    area_richiami: "Richiami",
    area_gestore_text: "Presa in carico: il Gestore scelto dal paziente, l'arruolamento e la revoca.",
    area_patto_text: "Il Patto di Cura tra paziente e Gestore: firma, stampa e scadenza annuale.",
    area_pai_text: "Il Piano di Assistenza Individuale: prestazioni dell'anno e loro periodicità.",
    area_agenda_text: "Gli appuntamenti del paziente e dello studio, con le festività.",
    area_richiami_text: "I richiami: prestazioni del PAI in scadenza e non ancora prenotate.",
    coming_soon: "Disponibile a breve: questa area arriverà con un prossimo aggiornamento.",
    placeholder_back: "Esc per tornare indietro, F2 per la ricerca pazienti.",
    patient: "Paziente",
    k_help: "Aiuto",
    k_patients: "Pazienti",
    k_quit: "Esci",
    k_up: "Riga su",
    k_down: "Riga giù",
    k_page_up: "Pagina su",
    k_page_down: "Pagina giù",
    k_open: "Apri scheda",
    k_new: "Nuovo paziente",
    k_clear: "Svuota ricerca",
    k_back: "Indietro",
    k_edit: "Modifica",
    k_deceased: "Deceduto",
    k_transferred: "Trasferito",
    k_reactivate: "Riattiva",
    k_scroll_up: "Scorri su",
    k_scroll_down: "Scorri giù",
    k_save: "Salva",
    k_next_field: "Campo succ.",
    k_prev_field: "Campo prec.",
    k_form_down: "Campo succ. o voce dell'elenco",
    k_form_up: "Campo prec. o voce dell'elenco",
    k_accept: "Conferma",
    k_leave: "Esci",
    k_confirm: "Conferma",
    k_cancel: "Annulla",
    k_discard: "Esci senza salvare",
    k_keep_editing: "Continua a modificare",
    key_enter: "Invio",
    key_shift: "Maiusc",
    key_page_up: "PagSu",
    key_page_down: "PagGiù",
    key_home: "Inizio",
    key_end: "Fine",
    help_intro: "Tutto si fa da tastiera. Ogni tasto F ha un'alternativa con Alt e una cifra (Alt+1 = F1, Alt+0 = F10), utile quando i tasti F non arrivano (tmux, ssh). Nei campi di testo le lettere si scrivono: i comandi usano tasti F, Ctrl, Invio, Esc e Tab.",
    ctx_global: "Tasti generali",
    ctx_lookup: "Ricerca pazienti",
    ctx_record: "Scheda paziente",
    ctx_form: "Modulo paziente (nuovo o modifica)",
    ctx_help: "Questa guida",
    ctx_placeholder: "Aree non ancora disponibili",
    ctx_confirm: "Richiesta di conferma",
    ctx_confirm_discard: "Modulo con modifiche non salvate",
    ctx_confirm_quit: "Uscita dal programma con modifiche non salvate",
    ctx_date: "Richiesta di una data",
    too_small_title: "Finestra troppo piccola",
    too_small_keys: "Esc: indietro · F10 o Ctrl+Q: esci",
    too_small_dialog: "C'è una domanda in sospeso: ingrandire la finestra per rispondere, oppure Esc per annullare.",
    too_small_quit_pending: "Modifiche non salvate: F10 o Ctrl+Q esce senza salvare, Esc annulla.",
    search_label: "Cerca",
    lookup_hint: "Scrivere cognome (anche «cognome nome»), codice fiscale, tessera sanitaria o telefono.",
    suggestions: "Nessun paziente trovato. Forse cercavi:",
    nothing_to_open: "Nessun paziente da aprire: scrivere nel campo di ricerca.",
    col_cognome: "Cognome",
    col_nome: "Nome",
    col_born: "Nato/a il",
    col_cf: "Codice fiscale",
    col_comune: "Comune",
    col_livello: "Liv.",
    col_pic: "Stato PIC",
    none: "—",
    status_deceased: "deceduto",
    status_transferred: "trasferito",
    r_born: "Nato/a il",
    r_residence: "Residenza",
    r_ats: "ATS",
    r_pathologies: "Patologie",
    r_level: "Livello",
    r_pic: "Presa in carico",
    r_areas: "Aree",
    record_areas: "F3 Gestore · F4 Patto · F5 PAI · F6 Agenda · F7 Richiami (disponibili a breve)",
    no_pic: "nessuna presa in carico",
    no_level: "nessuna patologia cronica registrata",
    outside_lombardy: "fuori Lombardia",
    sex_m: "M",
    sex_f: "F",
    deceased_on: "DECEDUTO il",
    transferred_on: "TRASFERITO il",
    deceased_title: "Paziente deceduto",
    transferred_title: "Paziente trasferito",
    reactivate_title: "Riattivare il paziente",
    already_active: "Il paziente è già attivo.",
    date_label: "Data (gg/mm/aaaa):",
    patient_not_found: "Paziente non trovato nell'archivio.",
    paste_nowhere: "Niente da incollare qui: nessun campo di testo attivo.",
    f_cognome: "Cognome",
    f_nome: "Nome",
    f_cf: "Codice fiscale",
    f_sex: "Sesso",
    f_sex_input: "Sesso (M/F)",
    f_birth_date: "Data di nascita",
    f_birth_place: "Luogo di nascita",
    f_address: "Indirizzo",
    f_cap: "CAP",
    f_comune: "Comune residenza",
    f_ats_derived: "ATS di residenza",
    f_ats_override: "ATS diversa (cod.)",
    f_mmg: "MMG",
    f_phones: "Telefoni",
    f_email: "Email",
    f_tessera: "Tessera sanitaria",
    f_pathologies: "Patologie (codici)",
    f_note: "Note",
    h_name: "Come sul documento, con accenti e apostrofi (es. Niccolò, D'Adda).",
    h_cf: "16 caratteri. Se valido compila sesso, data e luogo di nascita ancora vuoti.",
    h_sex: "M o F.",
    h_date: "Giorno/mese/anno, es. 01/02/1968.",
    h_place: "Nome del comune o dello stato, oppure il codice catastale (es. F205). ↑↓ e Invio per scegliere dall'elenco.",
    h_address: "Via e numero civico.",
    h_cap: "5 cifre.",
    h_ats: "Vuoto = ATS ricavata dal comune di residenza. Altrimenti il codice ATS (030321-030328).",
    h_mmg: "Il medico di medicina generale (o pediatra) del paziente.",
    h_phones: "Uno o più numeri separati da virgola.",
    h_email: "Es. nome@esempio.it",
    h_tessera: "Numero della tessera sanitaria (20 cifre).",
    h_pathologies: "Codici separati da virgola (catalogo iniziale, da sostituire con l'elenco ufficiale):",
    h_note: "Annotazioni libere per lo sportello.",
    err_required: "Obbligatorio",
    err_letters: "Servono delle lettere",
    err_sex: "Scrivere M o F",
    err_date_format: "Data non valida: usare gg/mm/aaaa",
    err_date_nonexistent: "Data inesistente: controllare giorno e mese",
    err_date_future: "La data è nel futuro",
    err_date_old: "Data troppo lontana: controllare l'anno",
    err_date_before_birth: "La data è precedente alla nascita",
    err_cap: "Il CAP ha 5 cifre",
    err_ats: "Codice ATS sconosciuto (030321-030328)",
    err_email: "Email non valida",
    err_tessera: "Solo cifre",
    cf_valid: "valido",
    cf_valid_omocode: "valido (omocodia)",
    ats_needs_comune: "— (dal comune di residenza)",
    filled_from_cf: "Sesso, data e luogo di nascita compilati dal codice fiscale: controllarli.",
    form_has_errors: "Ci sono errori: correggere i campi segnati con ✗ (F1 per l'aiuto).",
    saved: "Paziente salvato",
    duplicates_title: "Possibile doppione",
    duplicates_intro: "In archivio c'è già un paziente con stesso cognome, nome e data di nascita:",
    duplicates_question: "Salvare comunque il nuovo paziente? Invio salva, Esc torna al modulo.",
    unsaved_title: "Modifiche non salvate",
    unsaved_question: "Uscire senza salvare? Le modifiche fatte nel modulo andranno perse. Per salvarle: Esc, poi Ctrl+S.",
};

static EN: Strings = Strings {
    lang: Lang::En,
    app_name: "sportello",
    practice: "Medical practice",
    operator: "operator",
    alt_tip: "(Alt+digit = F-key)",
    title_lookup: "Patients",
    title_record: "Patient record",
    title_new: "New patient",
    title_edit: "Edit patient",
    title_help: "Help",
    area_gestore: "Manager",
    area_patto: "Pact",
    area_pai: "PAI",
    area_agenda: "Agenda",
    area_richiami: "Recalls",
    area_gestore_text: "Taking in charge: the Gestore chosen by the patient, enrolment and withdrawal.",
    area_patto_text: "The Patto di Cura between patient and Gestore: signature, printing and yearly expiry.",
    area_pai_text: "The individual care plan (PAI): the year's services and how often they are due.",
    area_agenda_text: "Appointments of the patient and of the practice, holidays included.",
    area_richiami_text: "Recalls: PAI services falling due and not yet booked.",
    coming_soon: "Coming soon: this area will arrive with a later update.",
    placeholder_back: "Esc to go back, F2 for the patient search.",
    patient: "Patient",
    k_help: "Help",
    k_patients: "Patients",
    k_quit: "Quit",
    k_up: "Row up",
    k_down: "Row down",
    k_page_up: "Page up",
    k_page_down: "Page down",
    k_open: "Open record",
    k_new: "New patient",
    k_clear: "Clear search",
    k_back: "Back",
    k_edit: "Edit",
    k_deceased: "Deceased",
    k_transferred: "Transferred",
    k_reactivate: "Reactivate",
    k_scroll_up: "Scroll up",
    k_scroll_down: "Scroll down",
    k_save: "Save",
    k_next_field: "Next field",
    k_prev_field: "Prev. field",
    k_form_down: "Next field or list item",
    k_form_up: "Previous field or list item",
    k_accept: "Confirm",
    k_leave: "Leave",
    k_confirm: "Confirm",
    k_cancel: "Cancel",
    k_discard: "Leave without saving",
    k_keep_editing: "Keep editing",
    key_enter: "Enter",
    key_shift: "Shift",
    key_page_up: "PgUp",
    key_page_down: "PgDn",
    key_home: "Home",
    key_end: "End",
    help_intro: "Everything works from the keyboard. Every F-key has an Alt+digit alternative (Alt+1 = F1, Alt+0 = F10), useful when F-keys get lost (tmux, ssh). In text fields letters are typed: commands use F-keys, Ctrl, Enter, Esc and Tab.",
    ctx_global: "Everywhere",
    ctx_lookup: "Patient search",
    ctx_record: "Patient record",
    ctx_form: "Patient form (new or edit)",
    ctx_help: "This help",
    ctx_placeholder: "Areas not yet available",
    ctx_confirm: "Confirmation",
    ctx_confirm_discard: "Form with unsaved changes",
    ctx_confirm_quit: "Quitting with unsaved changes",
    ctx_date: "Asking for a date",
    too_small_title: "Window too small",
    too_small_keys: "Esc: back · F10 or Ctrl+Q: quit",
    too_small_dialog: "A question is waiting: enlarge the window to answer it, or Esc to cancel.",
    too_small_quit_pending: "Unsaved changes: F10 or Ctrl+Q quits without saving, Esc cancels.",
    search_label: "Search",
    lookup_hint: "Type a surname (or «surname name»), codice fiscale, health card or phone number.",
    suggestions: "No patient found. Did you mean:",
    nothing_to_open: "No patient to open: type in the search field.",
    col_cognome: "Surname",
    col_nome: "Name",
    col_born: "Born",
    col_cf: "Codice fiscale",
    col_comune: "Comune",
    col_livello: "Lvl",
    col_pic: "PIC state",
    none: "—",
    status_deceased: "deceased",
    status_transferred: "transferred",
    r_born: "Born",
    r_residence: "Residence",
    r_ats: "ATS",
    r_pathologies: "Pathologies",
    r_level: "Level",
    r_pic: "Taken in charge",
    r_areas: "Areas",
    record_areas: "F3 Manager · F4 Pact · F5 PAI · F6 Agenda · F7 Recalls (coming soon)",
    no_pic: "not taken in charge",
    no_level: "no chronic pathology recorded",
    outside_lombardy: "outside Lombardy",
    sex_m: "M",
    sex_f: "F",
    deceased_on: "DECEASED on",
    transferred_on: "TRANSFERRED on",
    deceased_title: "Patient deceased",
    transferred_title: "Patient transferred",
    reactivate_title: "Reactivate the patient",
    already_active: "The patient is already active.",
    date_label: "Date (dd/mm/yyyy):",
    patient_not_found: "Patient not found in the archive.",
    paste_nowhere: "Nothing to paste into: no text field is active.",
    f_cognome: "Surname",
    f_nome: "Name",
    f_cf: "Codice fiscale",
    f_sex: "Sex",
    f_sex_input: "Sex (M/F)",
    f_birth_date: "Date of birth",
    f_birth_place: "Place of birth",
    f_address: "Address",
    f_cap: "Postcode (CAP)",
    f_comune: "Comune",
    f_ats_derived: "ATS of residence",
    f_ats_override: "Other ATS (code)",
    f_mmg: "GP (MMG)",
    f_phones: "Phones",
    f_email: "Email",
    f_tessera: "Health card",
    f_pathologies: "Pathologies",
    f_note: "Notes",
    h_name: "As on the ID document, with accents and apostrophes (e.g. Niccolò, D'Adda).",
    h_cf: "16 characters. When valid it fills sex, date and place of birth if empty.",
    h_sex: "M or F.",
    h_date: "Day/month/year, e.g. 01/02/1968.",
    h_place: "Name of the comune or state, or its Belfiore code (e.g. F205). ↑↓ and Enter to pick from the list.",
    h_address: "Street and number.",
    h_cap: "5 digits.",
    h_ats: "Empty = ATS from the comune of residence. Otherwise an ATS code (030321-030328).",
    h_mmg: "The patient's family doctor (or paediatrician).",
    h_phones: "One or more numbers separated by commas.",
    h_email: "E.g. name@example.it",
    h_tessera: "Health card number (20 digits).",
    h_pathologies: "Codes separated by commas (starter catalogue, to be replaced by the official list):",
    h_note: "Free notes for the front desk.",
    err_required: "Required",
    err_letters: "Letters needed",
    err_sex: "Type M or F",
    err_date_format: "Invalid date: use dd/mm/yyyy",
    err_date_nonexistent: "No such day: check day and month",
    err_date_future: "The date is in the future",
    err_date_old: "Date too far back: check the year",
    err_date_before_birth: "The date is before the birth date",
    err_cap: "The CAP has 5 digits",
    err_ats: "Unknown ATS code (030321-030328)",
    err_email: "Invalid email",
    err_tessera: "Digits only",
    cf_valid: "valid",
    cf_valid_omocode: "valid (omocodia)",
    ats_needs_comune: "— (from the comune of residence)",
    filled_from_cf: "Sex, date and place of birth filled from the codice fiscale: check them.",
    form_has_errors: "There are errors: fix the fields marked ✗ (F1 for help).",
    saved: "Patient saved",
    duplicates_title: "Possible duplicate",
    duplicates_intro: "The archive already has a patient with the same surname, name and date of birth:",
    duplicates_question: "Save the new patient anyway? Enter saves, Esc goes back to the form.",
    unsaved_title: "Unsaved changes",
    unsaved_question: "Leave without saving? The changes made in the form will be lost. To keep them: Esc, then Ctrl+S.",
};
