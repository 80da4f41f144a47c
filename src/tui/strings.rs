//! Every text the operator reads, in one place: Italian by default, English
//! with `--lang en`. Messages from the lower layers (codice fiscale errors,
//! store errors) come in Italian whatever the language.

use crate::domain::patto::{Firmatario, PattoState};
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
    /// In the header of a demonstration store (`sportello demo`).
    pub demo_store: &'static str,
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
    pub erased_no_edit: &'static str,
    pub date_label: &'static str,
    pub patient_not_found: &'static str,
    pub paste_nowhere: &'static str,
    /// Status line when the automatic backup failed; the reason follows.
    pub auto_backup_failed: &'static str,
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
    pub cf_computed_note: &'static str,
    pub cf_computed_same: &'static str,
    pub k_compute_cf: &'static str,
    pub form_has_errors: &'static str,
    pub saved: &'static str,
    pub duplicates_title: &'static str,
    pub duplicates_intro: &'static str,
    pub duplicates_question: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_question: &'static str,
    pub key_space: &'static str,
    /// Patto di Cura (F4) and recall lists (F7).
    pub patto: &'static PattoStrings,
    /// F3 Gestore, the record's PIC lines and Amministrazione (F11).
    pub gestori: &'static GestoriStrings,
    /// F5, the PAI editor.
    pub pai: &'static PaiStrings,
    /// F6, the agenda and the planning of a PAI.
    pub agenda: &'static AgendaStrings,
    /// Amministrazione: resources, closures, appointments outside availability.
    pub agenda_admin: &'static AgendaAdminStrings,
    /// Login, idle lock, operators and the access log.
    pub access: &'static AccessStrings,
    /// The application shell: the current patient, leaving a changed form,
    /// the card scanner.
    pub shell: &'static ShellStrings,
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

    /// Title of the question asked after a revocation.
    pub fn cancel_future_title(&self) -> &'static str {
        match self.lang {
            Lang::It => "Appuntamenti futuri del PAI",
            Lang::En => "Future appointments of the PAI",
        }
    }

    pub fn cancel_future_text(&self, n: usize) -> String {
        self.pick(
            format!("Il PAI di questa presa in carico ha {n} appuntamenti prenotati da oggi in poi. Annullarli? (Invio sì, Esc no: restano in agenda)"),
            format!("The PAI of this enrolment has {n} booked appointments from today on. Cancel them? (Enter yes, Esc no: they stay booked)"),
        )
    }

    /// The last line of a list of appointments cut after the first few.
    pub fn more_appointments(&self, n: usize) -> String {
        match (n, self.lang) {
            (1, Lang::It) => "… e un altro appuntamento".into(),
            (n, Lang::It) => format!("… e altri {n} appuntamenti"),
            (1, Lang::En) => "… and one more appointment".into(),
            (n, Lang::En) => format!("… and {n} more appointments"),
        }
    }

    pub fn cancelled_future(&self, n: usize) -> String {
        self.pick(
            format!("Annullati {n} appuntamenti futuri del PAI."),
            format!("{n} future appointments of the PAI cancelled."),
        )
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

    /// The personal data still missing to compute the codice fiscale.
    pub fn cf_compute_needs(&self, fields: &str) -> String {
        match self.lang {
            Lang::It => format!("Per calcolare il codice fiscale mancano o sono errati: {fields}"),
            Lang::En => format!("To compute the codice fiscale, fix or fill: {fields}"),
        }
    }

    pub fn cf_computed_status(&self, code: &str) -> String {
        match self.lang {
            Lang::It => {
                format!("CF calcolato: {code}; confrontarlo con la tessera (omocodia).")
            }
            Lang::En => format!("CF computed: {code}; compare it with the card (omocodia)."),
        }
    }

    pub fn cf_computed_differs(&self, code: &str) -> String {
        match self.lang {
            Lang::It => format!(
                "Dai dati anagrafici risulta {code}, diverso da quello inserito: controllare i dati; se il codice viene dalla tessera sanitaria vale quello (omocodia)."
            ),
            Lang::En => format!(
                "The personal data give {code}, not the code typed: check the data; if the code comes from the health card, the card wins (omocodia)."
            ),
        }
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
    demo_store: "DEMO",
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
    record_areas: "F3 Gestore · F4 Patto · F5 PAI · F6 Agenda · F7 Richiami",
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
    erased_no_edit: "Paziente cancellato su richiesta (GDPR): la scheda resta solo per le prestazioni e non si modifica.",
    date_label: "Data (gg/mm/aaaa):",
    patient_not_found: "Paziente non trovato nell'archivio.",
    paste_nowhere: "Niente da incollare qui: nessun campo di testo attivo.",
    auto_backup_failed: "Backup automatico non riuscito: si può lavorare, avvisare l'amministratore.",
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
    h_cf: "16 caratteri. Se valido compila sesso, data e luogo di nascita ancora vuoti; F9 (Ctrl+G) lo calcola dai dati anagrafici.",
    h_sex: "M o F.",
    h_date: "Giorno/mese/anno, es. 01/02/1968.",
    h_place: "Comune o stato estero, o il codice catastale (es. F205); ↑↓ e Invio sceglie.",
    h_address: "Via e numero civico.",
    h_cap: "5 cifre.",
    h_ats: "Vuoto = ATS ricavata dal comune di residenza. Altrimenti il codice ATS (030321-030328).",
    h_mmg: "Il medico di medicina generale (o pediatra) del paziente.",
    h_phones: "Uno o più numeri separati da virgola.",
    h_email: "Es. nome@esempio.it",
    h_tessera: "Numero della tessera sanitaria (20 cifre).",
    h_pathologies: "Codici separati da virgola: scrivere il codice o parte del nome, poi ↑↓ e Invio per sceglierlo dal catalogo.",
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
    cf_computed_note: "calcolato: verificare sulla tessera sanitaria (in caso di omocodia vale quello della tessera)",
    cf_computed_same: "Il codice fiscale inserito coincide con quello calcolato dai dati anagrafici.",
    k_compute_cf: "Calcola CF",
    form_has_errors: "Ci sono errori: correggere i campi segnati con ✗ (F1 per l'aiuto).",
    saved: "Paziente salvato",
    duplicates_title: "Possibile doppione",
    duplicates_intro: "In archivio c'è già un paziente con stesso cognome, nome e data di nascita:",
    duplicates_question: "Salvare comunque il nuovo paziente? Invio salva, Esc torna al modulo.",
    unsaved_title: "Modifiche non salvate",
    unsaved_question: "Uscire senza salvare? Le modifiche fatte nel modulo andranno perse. Per salvarle: Esc, poi Ctrl+S.",
    key_space: "Spazio",
    patto: &PATTO_IT,
    gestori: &GESTORI_IT,
    pai: &PAI_IT,
    agenda: &AGENDA_IT,
    agenda_admin: &AGENDA_ADMIN_IT,
    access: &ACCESS_IT,
    shell: &SHELL_IT,
};

static EN: Strings = Strings {
    lang: Lang::En,
    app_name: "sportello",
    practice: "Medical practice",
    demo_store: "DEMO",
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
    record_areas: "F3 Manager · F4 Pact · F5 PAI · F6 Agenda · F7 Recalls",
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
    erased_no_edit: "Patient erased on request (GDPR): the record stays only for the services given and cannot be edited.",
    date_label: "Date (dd/mm/yyyy):",
    patient_not_found: "Patient not found in the archive.",
    paste_nowhere: "Nothing to paste into: no text field is active.",
    auto_backup_failed: "Automatic backup failed: work can go on, tell the administrator.",
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
    h_cf: "16 characters. When valid it fills sex, date and place of birth if empty; F9 (Ctrl+G) computes it from the personal data.",
    h_sex: "M or F.",
    h_date: "Day/month/year, e.g. 01/02/1968.",
    h_place: "Comune or foreign state, or its Belfiore code (e.g. F205); ↑↓ and Enter pick.",
    h_address: "Street and number.",
    h_cap: "5 digits.",
    h_ats: "Empty = ATS from the comune of residence. Otherwise an ATS code (030321-030328).",
    h_mmg: "The patient's family doctor (or paediatrician).",
    h_phones: "One or more numbers separated by commas.",
    h_email: "E.g. name@example.it",
    h_tessera: "Health card number (20 digits).",
    h_pathologies: "Codes separated by commas: type the code or part of the name, then ↑↓ and Enter to pick it from the catalogue.",
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
    cf_computed_note: "computed: check it on the health card (with omocodia the card's code is the right one)",
    cf_computed_same: "The codice fiscale typed matches the one computed from the personal data.",
    k_compute_cf: "Compute CF",
    form_has_errors: "There are errors: fix the fields marked ✗ (F1 for help).",
    saved: "Patient saved",
    duplicates_title: "Possible duplicate",
    duplicates_intro: "The archive already has a patient with the same surname, name and date of birth:",
    duplicates_question: "Save the new patient anyway? Enter saves, Esc goes back to the form.",
    unsaved_title: "Unsaved changes",
    unsaved_question: "Leave without saving? The changes made in the form will be lost. To keep them: Esc, then Ctrl+S.",
    key_space: "Space",
    patto: &PATTO_EN,
    gestori: &GESTORI_EN,
    pai: &PAI_EN,
    agenda: &AGENDA_EN,
    agenda_admin: &AGENDA_ADMIN_EN,
    access: &ACCESS_EN,
    shell: &SHELL_EN,
};

/// The texts of the Patto di Cura screens (F4) and of the recall lists (F7).
pub struct PattoStrings {
    pub lang: Lang,
    pub title: &'static str,
    pub title_bozza: &'static str,
    pub title_testo: &'static str,
    // Key labels.
    pub k_open: &'static str,
    pub k_prepare: &'static str,
    pub k_renew: &'static str,
    pub k_print: &'static str,
    pub k_revoke: &'static str,
    pub k_edit_patient: &'static str,
    pub k_sign: &'static str,
    pub k_toggle: &'static str,
    pub k_text_down: &'static str,
    pub k_text_up: &'static str,
    pub k_text_home: &'static str,
    pub k_text_end: &'static str,
    pub k_open_patto: &'static str,
    pub k_range: &'static str,
    pub k_choice: &'static str,
    // Help sections.
    pub ctx_patto: &'static str,
    pub ctx_bozza: &'static str,
    pub ctx_testo: &'static str,
    pub ctx_richiami: &'static str,
    pub ctx_form_modal: &'static str,
    pub ctx_choice_modal: &'static str,
    // The list of the patient's Patti.
    pub gestore: &'static str,
    pub no_gestore: &'static str,
    pub missing_title: &'static str,
    pub patti_title: &'static str,
    pub no_patti: &'static str,
    pub col_numero: &'static str,
    pub col_stato: &'static str,
    pub col_dal: &'static str,
    pub col_al: &'static str,
    pub col_firmato_da: &'static str,
    pub col_cm: &'static str,
    pub col_valido_al: &'static str,
    pub col_gestore: &'static str,
    pub open_bozza_hint: &'static str,
    pub open_signed_hint: &'static str,
    pub print_only_signed: &'static str,
    pub nothing_selected: &'static str,
    pub no_presa_to_revoke: &'static str,
    pub revoke_title: &'static str,
    pub f_date: &'static str,
    pub f_motivo: &'static str,
    pub err_motivo: &'static str,
    pub no_patient: &'static str,
    // Reading and signing.
    pub text_title: &'static str,
    pub panel_title: &'static str,
    pub f_cm: &'static str,
    pub f_firmatario: &'static str,
    pub f_nome: &'static str,
    pub f_documento: &'static str,
    pub consensi: &'static str,
    pub c_dati: &'static str,
    pub c_fse: &'static str,
    pub c_telefono: &'static str,
    pub c_sms: &'static str,
    pub c_email: &'static str,
    pub h_text: &'static str,
    pub h_cm: &'static str,
    pub h_firmatario: &'static str,
    pub h_nome: &'static str,
    pub h_documento: &'static str,
    pub h_consenso: &'static str,
    pub err_consenso_dati: &'static str,
    pub sign_title: &'static str,
    pub sign_frozen: &'static str,
    pub signed_text_note: &'static str,
    // Printing.
    pub print_title: &'static str,
    pub print_text: &'static str,
    pub f_folder: &'static str,
    pub f_format: &'static str,
    pub fmt_pdf: &'static str,
    pub fmt_txt: &'static str,
    pub fmt_both: &'static str,
    pub err_folder_empty: &'static str,
    // Correcting the Clinical Manager of a signed Patto.
    pub k_correct_cm: &'static str,
    pub correct_title: &'static str,
    pub f_new_cm: &'static str,
    pub err_cm_missing: &'static str,
    pub correct_only_signed: &'static str,
    pub print_failed_title: &'static str,
    pub err_motivo_correzione: &'static str,
    // Recall lists.
    pub tab_scadenze: &'static str,
}

impl PattoStrings {
    fn pick(&self, it: String, en: String) -> String {
        match self.lang {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// The state of a Patto on the clock's day.
    pub fn state(&self, state: PattoState) -> String {
        match self.lang {
            Lang::It => state.label(),
            Lang::En => match state {
                PattoState::Bozza => "draft".into(),
                PattoState::Valido => "signed (valid)".into(),
                PattoState::InScadenza { giorni: 1 } => "expires in 1 day".into(),
                PattoState::InScadenza { giorni } => format!("expires in {giorni} days"),
                PattoState::Scaduto => "expired".into(),
                PattoState::Revocato => "revoked".into(),
                PattoState::Rinnovato => "renewed".into(),
            },
        }
    }

    /// The state in a narrow column.
    pub fn state_short(&self, state: PattoState) -> String {
        match (self.lang, state) {
            (Lang::It, PattoState::InScadenza { giorni }) => format!("scade tra {giorni} gg"),
            (Lang::En, PattoState::InScadenza { giorni }) => format!("expires in {giorni} d"),
            _ => self.state(state),
        }
    }

    pub fn firmatario(&self, f: Firmatario) -> &'static str {
        match (self.lang, f) {
            (Lang::It, _) => f.label(),
            (Lang::En, Firmatario::Paziente) => "patient",
            (Lang::En, Firmatario::Tutore) => "legal guardian (tutore)",
            (Lang::En, Firmatario::AmministratoreDiSostegno) => {
                "support administrator (amministratore di sostegno)"
            }
            (Lang::En, Firmatario::Delegato) => "delegate",
        }
    }

    pub fn gestore_line(&self, name: &str, since: &str) -> String {
        self.pick(
            format!("{name} (scelto il {since})"),
            format!("{name} (chosen on {since})"),
        )
    }

    /// How to fix a missing precondition: the Gestore.
    pub fn fix_gestore(&self, key: &str) -> String {
        self.pick(
            format!("   → {key}: scegliere il Gestore"),
            format!("   → {key}: choose the Gestore"),
        )
    }

    /// How to fix a missing precondition: the pathologies.
    pub fn fix_pathologies(&self, key: &str) -> String {
        self.pick(
            format!("   → {key}: modificare la scheda del paziente e aggiungere le patologie"),
            format!("   → {key}: edit the patient record and add the pathologies"),
        )
    }

    pub fn prepare_hint(&self, key: &str) -> String {
        self.pick(
            format!("{key}: preparare il Patto da leggere e firmare con il paziente."),
            format!("{key}: prepare the Patto to read and sign with the patient."),
        )
    }

    pub fn renew_hint(&self, al: &str, key: &str) -> String {
        self.pick(
            format!("Il Patto vale fino al {al}: {key} prepara il rinnovo."),
            format!("The Patto is valid until {al}: {key} prepares the renewal."),
        )
    }

    pub fn renewal_of(&self, n: &str) -> String {
        self.pick(format!("rinnovo del n. {n}"), format!("renewal of no. {n}"))
    }

    /// On the F4 list and over a signed Patto without Clinical Manager.
    pub fn cm_missing(&self, n: &str, key: &str) -> String {
        self.pick(
            format!("Il Patto n. {n} è firmato senza Clinical Manager: il PAI non si può condividere. {key} lo indica (correzione con motivo, registrata)."),
            format!("Patto no. {n} was signed without a Clinical Manager: the PAI cannot be shared. {key} sets it (a correction with a reason, recorded)."),
        )
    }

    pub fn correct_text(&self, n: &str, current: &str) -> String {
        self.pick(
            format!("Patto n. {n}: Clinical Manager attuale «{current}». Il testo firmato non cambia: la correzione, con il motivo, è annotata sul Patto e nel registro degli accessi."),
            format!("Patto no. {n}: current Clinical Manager «{current}». The signed text does not change: the correction and its reason are noted on the Patto and in the access log."),
        )
    }

    pub fn cm_corrected(&self, n: &str, name: &str) -> String {
        self.pick(
            format!("Clinical Manager del Patto n. {n} corretto: {name}."),
            format!("Clinical Manager of Patto no. {n} corrected: {name}."),
        )
    }

    pub fn print_sent(&self, printer: &str, path: &str) -> String {
        self.pick(
            format!("Patto inviato alla stampante {printer} (file: {path})"),
            format!("Patto sent to the printer {printer} (file: {path})"),
        )
    }

    pub fn print_failed(&self, reason: &str, path: &str) -> String {
        self.pick(
            format!("Stampa non riuscita ({reason}): il PDF è in {path}"),
            format!("Printing failed ({reason}): the PDF is at {path}"),
        )
    }

    pub fn bozza_heading(&self, n: &str, name: &str) -> String {
        self.pick(
            format!("Bozza n. {n} · {name}"),
            format!("Draft no. {n} · {name}"),
        )
    }

    pub fn signed_heading(&self, n: &str, name: &str, state: &str) -> String {
        self.pick(
            format!("Patto n. {n} · {name} · {state}"),
            format!("Patto no. {n} · {name} · {state}"),
        )
    }

    pub fn revoke_text(&self, gestore: &str, since: &str) -> String {
        self.pick(
            format!("La revoca termina la presa in carico presso {gestore} (scelto il {since}) e con essa il Patto di Cura in corso e le sue bozze. Il testo firmato resta in archivio e si può ristampare."),
            format!("The revocation ends the taking in charge by {gestore} (chosen on {since}) and with it the current Patto di Cura and its drafts. The signed text stays in the archive and can be reprinted."),
        )
    }

    pub fn revoked(&self, date: &str) -> String {
        self.pick(
            format!("Presa in carico e Patto di Cura revocati dal {date}"),
            format!("Taking in charge and Patto di Cura revoked from {date}"),
        )
    }

    pub fn scroll_position(&self, from: usize, to: usize, total: usize) -> String {
        self.pick(
            format!("righe {from}-{to} di {total}"),
            format!("lines {from}-{to} of {total}"),
        )
    }

    pub fn err_nome(&self, f: Firmatario) -> String {
        self.pick(
            format!("Indicare il nome del {} che firma.", self.firmatario(f)),
            format!("Enter the name of the {} signing.", self.firmatario(f)),
        )
    }

    pub fn err_documento(&self, f: Firmatario) -> String {
        self.pick(
            format!(
                "Indicare il documento d'identità del {}.",
                self.firmatario(f)
            ),
            format!("Enter the identity document of the {}.", self.firmatario(f)),
        )
    }

    pub fn sign_who(&self, f: Firmatario, nome: &str, documento: &str) -> String {
        let who = self.firmatario(f);
        match (self.lang, nome.is_empty()) {
            (Lang::It, true) => format!("Firma: {who}."),
            (Lang::It, false) => format!("Firma: {who}, {nome}, documento {documento}."),
            (Lang::En, true) => format!("Signed by: {who}."),
            (Lang::En, false) => format!("Signed by: {who}, {nome}, document {documento}."),
        }
    }

    pub fn sign_consents(&self, given: &[&str]) -> String {
        let list = given.join(" · ");
        self.pick(
            format!("Consensi dati: {list}"),
            format!("Consents given: {list}"),
        )
    }

    pub fn signed(&self, al: &str, key: &str) -> String {
        self.pick(
            format!("Patto firmato, valido fino al {al}. Stampare ora le due copie ({key} per ristampare)."),
            format!("Patto signed, valid until {al}. Print the two copies now ({key} to reprint)."),
        )
    }

    pub fn printed(&self, dir: &str, files: &str) -> String {
        self.pick(
            format!("Stampa scritta in {dir}: {files}"),
            format!("Print written to {dir}: {files}"),
        )
    }

    pub fn err_folder(&self, dir: &str, e: &str) -> String {
        self.pick(
            format!("Impossibile scrivere nella cartella {dir} ({e}): sceglierne un'altra."),
            format!("Cannot write to the folder {dir} ({e}): choose another one."),
        )
    }

    pub fn scadenze_summary(&self, within: u64, expiring: usize, expired: usize) -> String {
        self.pick(
            format!("In scadenza entro {within} giorni: {expiring} · scaduti negli ultimi 90 giorni: {expired}"),
            format!("Expiring within {within} days: {expiring} · expired in the last 90 days: {expired}"),
        )
    }

    pub fn range_hint(&self, key: &str, other: u64) -> String {
        self.pick(
            format!(
                "{key}: mostra {other} giorni · Invio: apre il Patto del paziente (Ctrl+R rinnova)"
            ),
            format!("{key}: show {other} days · Enter: opens the patient's Patto (Ctrl+R renews)"),
        )
    }

    pub fn no_scadenze(&self, within: u64) -> String {
        self.pick(
            format!(
                "Nessun Patto in scadenza entro {within} giorni né scaduto negli ultimi 90 giorni."
            ),
            format!("No Patto expiring within {within} days or expired in the last 90 days."),
        )
    }
}

static PATTO_IT: PattoStrings = PattoStrings {
    lang: Lang::It,
    title: "Patto di Cura",
    title_bozza: "Lettura e firma del Patto",
    title_testo: "Patto di Cura firmato",
    k_open: "Apri",
    k_prepare: "Prepara",
    k_renew: "Rinnova",
    k_print: "Stampa",
    k_correct_cm: "Clinical Manager",
    correct_title: "Correzione del Clinical Manager",
    f_new_cm: "Nuovo Clinical Manager",
    err_cm_missing: "Manca il Clinical Manager: indicare il medico che redige il PAI, poi firmare.",
    correct_only_signed: "Il Clinical Manager si corregge su un Patto firmato; in una bozza si scrive nel suo campo.",
    print_failed_title: "Stampa non riuscita",
    err_motivo_correzione: "Indicare il motivo della correzione.",
    k_revoke: "Revoca",
    k_edit_patient: "Modifica la scheda (patologie)",
    k_sign: "Firma",
    k_toggle: "Cambia",
    k_text_down: "Scorri",
    k_text_up: "Testo su di una pagina",
    k_text_home: "Inizio del testo",
    k_text_end: "Fine del testo",
    k_open_patto: "Apri Patto",
    k_range: "30/60 giorni",
    k_choice: "Cambia scelta",
    ctx_patto: "Patto di Cura del paziente (F4)",
    ctx_bozza: "Lettura e firma della bozza del Patto",
    ctx_testo: "Lettura di un Patto firmato",
    ctx_richiami: "Richiami e scadenze (F7)",
    ctx_form_modal: "Finestra con più campi (revoca)",
    ctx_choice_modal: "Finestra con campi e scelte (stampa)",
    gestore: "Gestore",
    no_gestore: "nessuna presa in carico attiva",
    missing_title: "Per preparare il Patto manca:",
    patti_title: "Patti di Cura",
    no_patti: "Nessun Patto di Cura per questo paziente.",
    col_numero: "N.",
    col_stato: "Stato",
    col_dal: "Dal",
    col_al: "Al",
    col_firmato_da: "Firmato da",
    col_cm: "Clinical Manager",
    col_valido_al: "Valido al",
    col_gestore: "Gestore",
    open_bozza_hint: "Invio: leggere la bozza con il paziente, scegliere i consensi e firmare.",
    open_signed_hint: "Invio: leggere il testo firmato · Ctrl+P: stampare (ogni ristampa è identica).",
    print_only_signed: "Si stampano solo i Patti firmati: scegliere un Patto firmato (Invio sulla bozza per firmarla).",
    nothing_selected: "Nessun Patto in elenco: F9 prepara il Patto.",
    no_presa_to_revoke: "Nessuna presa in carico attiva da revocare.",
    revoke_title: "Revoca della presa in carico",
    f_date: "Data (gg/mm/aaaa)",
    f_motivo: "Motivo",
    err_motivo: "Indicare il motivo della revoca.",
    no_patient: "Nessun paziente scelto: cercarlo e aprire la scheda (Invio), poi F4.",
    text_title: "Testo del Patto",
    panel_title: "Firma",
    f_cm: "Clinical Manager",
    f_firmatario: "Firmatario",
    f_nome: "Nome firmatario",
    f_documento: "Documento",
    consensi: "Consensi",
    c_dati: "Trattamento dati *",
    c_fse: "Consultazione FSE",
    c_telefono: "Telefono",
    c_sms: "SMS",
    c_email: "E-mail",
    h_text: "↑↓ PagSu PagGiù Inizio Fine: scorrere il testo. Tab: i campi della firma.",
    h_cm: "Il medico che redige il PAI: di solito il MMG del paziente.",
    h_firmatario: "Spazio: paziente, tutore, amministratore di sostegno o delegato.",
    h_nome: "Chi firma al posto del paziente: obbligatorio se non firma il paziente.",
    h_documento: "Documento d'identità di chi firma (es. CI AB1234567): obbligatorio se non firma il paziente.",
    h_consenso: "Spazio: dare o togliere il consenso. Il trattamento dei dati (*) è obbligatorio.",
    err_consenso_dati: "Senza il consenso al trattamento dei dati il Patto non si può firmare: segnarlo con Spazio.",
    sign_title: "Firma del Patto di Cura",
    sign_frozen: "Dopo la firma il testo non si potrà più modificare: resta in archivio così com'è e ogni ristampa è identica.",
    signed_text_note: "Testo firmato: non si modifica. Ctrl+P per stamparlo.",
    print_title: "Stampa del Patto di Cura",
    print_text: "Si stampa il testo firmato così com'è: ogni ristampa è identica. I file con lo stesso nome vengono sostituiti.",
    f_folder: "Cartella",
    f_format: "Formato",
    fmt_pdf: "PDF, due copie (paziente e Gestore)",
    fmt_txt: "testo per stampante a rotolo",
    fmt_both: "PDF e testo per stampante a rotolo",
    err_folder_empty: "Indicare la cartella in cui scrivere la stampa.",
    tab_scadenze: "Scadenze dei Patti",
};

static PATTO_EN: PattoStrings = PattoStrings {
    lang: Lang::En,
    title: "Patto di Cura",
    title_bozza: "Reading and signing the Patto",
    title_testo: "Signed Patto di Cura",
    k_open: "Open",
    k_prepare: "Prepare",
    k_renew: "Renew",
    k_print: "Print",
    k_correct_cm: "Clinical Manager",
    correct_title: "Correcting the Clinical Manager",
    f_new_cm: "New Clinical Manager",
    err_cm_missing: "The Clinical Manager is missing: enter the doctor who writes the PAI, then sign.",
    correct_only_signed: "The Clinical Manager is corrected on a signed Patto; in a draft it is typed in its field.",
    print_failed_title: "Printing failed",
    err_motivo_correzione: "Enter the reason for the correction.",
    k_revoke: "Revoke",
    k_edit_patient: "Edit the record (pathologies)",
    k_sign: "Sign",
    k_toggle: "Change",
    k_text_down: "Scroll",
    k_text_up: "Text up one page",
    k_text_home: "Start of the text",
    k_text_end: "End of the text",
    k_open_patto: "Open Patto",
    k_range: "30/60 days",
    k_choice: "Change choice",
    ctx_patto: "The patient's Patto di Cura (F4)",
    ctx_bozza: "Reading and signing the draft Patto",
    ctx_testo: "Reading a signed Patto",
    ctx_richiami: "Recalls and expiries (F7)",
    ctx_form_modal: "Dialog with several fields (revoke)",
    ctx_choice_modal: "Dialog with fields and choices (print)",
    gestore: "Manager",
    no_gestore: "not taken in charge",
    missing_title: "To prepare the Patto, missing:",
    patti_title: "Patti di Cura",
    no_patti: "No Patto di Cura for this patient.",
    col_numero: "No.",
    col_stato: "State",
    col_dal: "From",
    col_al: "To",
    col_firmato_da: "Signed by",
    col_cm: "Clinical Manager",
    col_valido_al: "Valid to",
    col_gestore: "Manager",
    open_bozza_hint: "Enter: read the draft with the patient, choose the consents and sign.",
    open_signed_hint: "Enter: read the signed text · Ctrl+P: print (every reprint is identical).",
    print_only_signed: "Only signed Patti are printed: choose a signed one (Enter on the draft to sign it).",
    nothing_selected: "No Patto listed: F9 prepares the Patto.",
    no_presa_to_revoke: "No active taking in charge to revoke.",
    revoke_title: "Revoking the taking in charge",
    f_date: "Date (dd/mm/yyyy)",
    f_motivo: "Reason",
    err_motivo: "Enter the reason for the revocation.",
    no_patient: "No patient chosen: search and open the record (Enter), then F4.",
    text_title: "Text of the Patto",
    panel_title: "Signature",
    f_cm: "Clinical Manager",
    f_firmatario: "Signed by",
    f_nome: "Signer's name",
    f_documento: "Document",
    consensi: "Consents",
    c_dati: "Data processing *",
    c_fse: "Health record (FSE)",
    c_telefono: "Phone",
    c_sms: "SMS",
    c_email: "E-mail",
    h_text: "↑↓ PgUp PgDn Home End: scroll the text. Tab: the signature fields.",
    h_cm: "The doctor who writes the PAI: usually the patient's GP.",
    h_firmatario: "Space: patient, guardian, support administrator or delegate.",
    h_nome: "Who signs for the patient: required unless the patient signs.",
    h_documento: "Identity document of the signer (e.g. CI AB1234567): required unless the patient signs.",
    h_consenso: "Space: give or withdraw the consent. Data processing (*) is required.",
    err_consenso_dati: "Without the consent to data processing the Patto cannot be signed: tick it with Space.",
    sign_title: "Signing the Patto di Cura",
    sign_frozen: "After signing the text can no longer be changed: it is archived as it is and every reprint is identical.",
    signed_text_note: "Signed text: it cannot be changed. Ctrl+P to print it.",
    print_title: "Printing the Patto di Cura",
    print_text: "The signed text is printed as it is: every reprint is identical. Files with the same name are replaced.",
    f_folder: "Folder",
    f_format: "Format",
    fmt_pdf: "PDF, two copies (patient and Manager)",
    fmt_txt: "text for a receipt printer",
    fmt_both: "PDF and text for a receipt printer",
    err_folder_empty: "Enter the folder to write the print to.",
    tab_scadenze: "Patti expiring",
};

use crate::domain::{Canale, GestoreTipo};

/// The texts of F3 Gestore, of the PIC lines of the record and of
/// Amministrazione (F11): importing the ATS lists, the practice set-up.
pub struct GestoriStrings {
    pub lang: Lang,
    // Keys.
    pub k_choose: &'static str,
    pub k_type_filter: &'static str,
    pub k_other_ats: &'static str,
    pub k_revoke: &'static str,
    pub k_admin: &'static str,
    pub k_open_section: &'static str,
    pub k_read_file: &'static str,
    pub k_complete: &'static str,
    pub k_import: &'static str,
    pub k_cancel_import: &'static str,
    pub k_pick: &'static str,
    pub k_studio_enter: &'static str,
    pub k_toggle_channel: &'static str,
    pub k_remove_mmg: &'static str,
    pub k_first: &'static str,
    pub k_last: &'static str,
    pub k_detail: &'static str,
    pub k_previous: &'static str,
    pub k_next: &'static str,
    pub k_to_list: &'static str,
    // Help titles.
    pub ctx_gestore: &'static str,
    pub ctx_picker: &'static str,
    pub ctx_admin: &'static str,
    pub ctx_admin_import: &'static str,
    pub ctx_admin_preview: &'static str,
    pub ctx_admin_history: &'static str,
    pub ctx_admin_studio: &'static str,
    pub ctx_admin_gestori: &'static str,
    pub ctx_admin_gestore: &'static str,
    pub help_admin: &'static str,
    // F3 Gestore.
    pub no_patient: &'static str,
    pub no_patient_keys: &'static str,
    pub no_level: &'static str,
    pub no_active: &'static str,
    pub own_mmg: &'static str,
    pub tipo: &'static str,
    pub all_types: &'static str,
    pub no_types: &'static str,
    pub fictional: &'static str,
    pub col_denominazione: &'static str,
    pub col_tipo: &'static str,
    pub col_telefono: &'static str,
    pub col_referente: &'static str,
    pub empty_list: &'static str,
    pub nothing_matches: &'static str,
    pub nothing_to_revoke: &'static str,
    pub ats_picker_title: &'static str,
    pub ats_picker_text: &'static str,
    pub ats_residence_mark: &'static str,
    pub other_ats_warning: &'static str,
    pub change_title: &'static str,
    pub change_question: &'static str,
    pub choose_title: &'static str,
    pub gestore: &'static str,
    pub no_channel: &'static str,
    pub mifs_off_line: &'static str,
    pub f_canale: &'static str,
    pub f_data: &'static str,
    pub f_note: &'static str,
    pub f_motivo: &'static str,
    pub revoke_title: &'static str,
    pub revoke_patto_line: &'static str,
    pub revoke_then_choose: &'static str,
    pub err_motivo: &'static str,
    // Record.
    pub r_history: &'static str,
    // Amministrazione.
    pub title_admin: &'static str,
    pub admin_intro: &'static str,
    pub sec_import: &'static str,
    pub sec_import_text: &'static str,
    pub sec_history: &'static str,
    pub sec_history_text: &'static str,
    pub sec_studio: &'static str,
    pub sec_studio_text: &'static str,
    pub sec_gestori: &'static str,
    pub sec_gestori_text: &'static str,
    // Import.
    pub import_intro: &'static str,
    pub f_file: &'static str,
    pub f_ats: &'static str,
    pub f_sheet: &'static str,
    pub h_file: &'static str,
    pub h_ats: &'static str,
    pub h_sheet: &'static str,
    pub ats_from_file: &'static str,
    pub err_no_file: &'static str,
    pub preview_note: &'static str,
    pub import_cancelled: &'static str,
    pub file: &'static str,
    pub encoding: &'static str,
    pub separator: &'static str,
    pub sheet: &'static str,
    pub c_recognised: &'static str,
    pub c_rejected: &'static str,
    pub c_added: &'static str,
    pub c_updated: &'static str,
    pub c_unchanged: &'static str,
    pub c_no_longer: &'static str,
    pub s_ignored_columns: &'static str,
    // History and list.
    pub no_imports: &'static str,
    pub col_date: &'static str,
    pub col_file: &'static str,
    pub col_ats: &'static str,
    pub col_added: &'static str,
    pub col_updated: &'static str,
    pub col_no_longer: &'static str,
    pub col_rejected: &'static str,
    pub col_operator: &'static str,
    pub col_state: &'static str,
    pub idoneo: &'static str,
    pub fictional_mark: &'static str,
    pub nothing_stored: &'static str,
    // One stored Gestore in full.
    pub d_title: &'static str,
    pub d_denominazione: &'static str,
    pub d_ats: &'static str,
    pub d_tipo: &'static str,
    pub d_codice: &'static str,
    pub d_cf_piva: &'static str,
    pub d_indirizzo: &'static str,
    pub d_comune: &'static str,
    pub d_telefono: &'static str,
    pub d_email: &'static str,
    pub d_referente: &'static str,
    pub d_livelli: &'static str,
    pub d_stato: &'static str,
    pub d_prese: &'static str,
    pub d_sample: &'static str,
    // Studio.
    pub f_practice_name: &'static str,
    pub f_practice_comune: &'static str,
    pub f_printer: &'static str,
    pub h_printer: &'static str,
    pub f_mmg_list: &'static str,
    pub mmg_columns: &'static str,
    pub f_new_mmg: &'static str,
    pub f_channels: &'static str,
    pub h_practice_name: &'static str,
    pub h_mmg_list: &'static str,
    pub h_new_mmg: &'static str,
    pub h_channels: &'static str,
    pub no_mmg: &'static str,
    pub no_mmg_yet: &'static str,
    pub type_mmg_name: &'static str,
    pub remove_where: &'static str,
    pub adesione_none: &'static str,
    pub adesione_mifs: &'static str,
    pub adesione_text: &'static str,
    pub gestore_missing: &'static str,
    pub comune_unknown: &'static str,
    pub mifs_on_note: &'static str,
    pub mifs_off_note: &'static str,
    pub mifs_switched_on: &'static str,
    pub err_practice_name: &'static str,
    pub practice_saved: &'static str,
}

impl GestoriStrings {
    fn pick(&self, it: String, en: String) -> String {
        match self.lang {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// A type of Gestore, in full.
    pub fn tipo_label(&self, t: GestoreTipo) -> &'static str {
        match self.lang {
            Lang::It => t.label(),
            Lang::En => match t {
                GestoreTipo::CooperativaMmg => "GP cooperative",
                GestoreTipo::Asst => "ASST",
                GestoreTipo::Irccs => "IRCCS",
                GestoreTipo::StrutturaPrivata => "Accredited private facility",
                GestoreTipo::Rsa => "Nursing home (RSA)",
                GestoreTipo::Asp => "ASP",
                GestoreTipo::Mifs => "Single-handed GP (MIFS)",
                GestoreTipo::Altro => "Other",
            },
        }
    }

    /// A type of Gestore in at most 11 columns.
    pub fn tipo_short(&self, t: GestoreTipo) -> &'static str {
        match (self.lang, t) {
            (Lang::It, GestoreTipo::CooperativaMmg) => "Coop. MMG",
            (Lang::En, GestoreTipo::CooperativaMmg) => "GP coop.",
            (Lang::It, GestoreTipo::StrutturaPrivata) => "Priv. accr.",
            (Lang::En, GestoreTipo::StrutturaPrivata) => "Private",
            (Lang::It, GestoreTipo::Mifs) => "MIFS",
            (Lang::En, GestoreTipo::Mifs) => "MIFS",
            (Lang::En, GestoreTipo::Rsa) => "RSA",
            (_, t) => self.tipo_label(t),
        }
    }

    /// An enrolment channel.
    pub fn canale(&self, c: Canale) -> &'static str {
        match (self.lang, c) {
            (Lang::It, c) => c.label(),
            (Lang::En, Canale::MmgAderente) => "Adhering GP (MMG)",
            (Lang::En, Canale::CentroServiziAsst) => "ASST Centro Servizi",
            (Lang::En, Canale::Mifs) => "MIFS (single-handed GP)",
        }
    }

    /// The active presa's line on the Gestore screen, with where it stands.
    pub fn active_line(
        &self,
        gestore: &str,
        canale: &str,
        date: &str,
        step: crate::domain::gestore::PresaStep,
    ) -> String {
        let step = self.step_name(step);
        match self.lang {
            Lang::It => format!("{gestore} · {canale} · dal {date} · {step}"),
            Lang::En => format!("{gestore} · {canale} · since {date} · {step}"),
        }
    }

    /// Where a presa in carico stands on its path.
    pub fn step_name(&self, step: crate::domain::gestore::PresaStep) -> &'static str {
        use crate::domain::gestore::PresaStep as P;
        match (self.lang, step) {
            (Lang::It, P::GestoreScelto) => "Gestore scelto",
            (Lang::It, P::PattoFirmato) => "Patto firmato",
            (Lang::It, P::PaiCondiviso) => "PAI condiviso",
            (Lang::En, P::GestoreScelto) => "Gestore chosen",
            (Lang::En, P::PattoFirmato) => "Patto signed",
            (Lang::En, P::PaiCondiviso) => "PAI shared",
        }
    }

    pub fn list_line(&self, ats: &str, shown: usize, total: usize) -> String {
        self.pick(
            format!("Gestori idonei di {ats}: {shown} di {total}"),
            format!("Gestori idonei of {ats}: {shown} of {total}"),
        )
    }

    pub fn levels_text(&self, levels: &[u8]) -> String {
        if levels.is_empty() {
            return self.pick("livelli: tutti".into(), "levels: all".into());
        }
        let list: Vec<String> = levels.iter().map(u8::to_string).collect();
        self.pick(
            format!("livelli: {}", list.join(", ")),
            format!("levels: {}", list.join(", ")),
        )
    }

    pub fn level_not_taken(&self, level: u8) -> String {
        self.pick(
            format!("Questo Gestore non prende in carico pazienti di livello {level}, come questo paziente"),
            format!("This Gestore does not take in charge patients of level {level}, like this patient"),
        )
    }

    pub fn change_text(&self, gestore: &str, date: &str) -> String {
        self.pick(
            format!("Il paziente è già in carico a {gestore} dal {date}. Un paziente ha una sola presa in carico attiva: per cambiare Gestore si revoca prima quella attuale (data e motivo; il Patto di Cura collegato viene chiuso), poi si sceglie il nuovo Gestore dall'elenco."),
            format!("The patient is already in charge of {gestore} since {date}. A patient has one active presa in carico: to change Gestore the current one is revoked first (date and reason; its Patto di Cura is closed), then the new Gestore is chosen from the list."),
        )
    }

    pub fn chosen(&self, gestore: &str, canale: &str, date: &str) -> String {
        self.pick(
            format!("Gestore scelto: {gestore} ({canale}, dal {date})"),
            format!("Gestore chosen: {gestore} ({canale}, from {date})"),
        )
    }

    pub fn revoke_text(&self, gestore: &str, date: &str) -> String {
        self.pick(
            format!("Revoca della presa in carico di {gestore} (scelto il {date}). Nulla viene cancellato: resta nello storico del paziente."),
            format!("Revoking the presa in carico of {gestore} (chosen on {date}). Nothing is deleted: it stays in the patient's history."),
        )
    }

    pub fn revoked(&self, date: &str, motivo: &str) -> String {
        self.pick(
            format!("Presa in carico revocata il {date} ({motivo})"),
            format!("Presa in carico revoked on {date} ({motivo})"),
        )
    }

    pub fn revoked_choose_now(&self, date: &str) -> String {
        self.pick(
            format!("Presa in carico revocata il {date}. Ora scegliere il nuovo Gestore e premere Invio."),
            format!("Presa in carico revoked on {date}. Now pick the new Gestore and press Enter."),
        )
    }

    /// The PIC line of the record.
    pub fn pic_summary(
        &self,
        gestore: &str,
        canale: &str,
        date: &str,
        step: crate::domain::gestore::PresaStep,
    ) -> String {
        let step = self.step_name(step);
        match self.lang {
            Lang::It => format!("{gestore} · {canale} · scelto il {date} · stato: {step}"),
            Lang::En => format!("{gestore} · {canale} · chosen on {date} · state: {step}"),
        }
    }

    /// One presa of the record's history.
    pub fn history_entry(
        &self,
        gestore: &str,
        from: &str,
        revoked: Option<(&str, &str)>,
    ) -> String {
        match (self.lang, revoked) {
            (Lang::It, None) => format!("dal {from} · {gestore} · in corso"),
            (Lang::It, Some((to, motivo))) => {
                format!("dal {from} al {to} · {gestore} · revocato: {motivo}")
            }
            (Lang::En, None) => format!("from {from} · {gestore} · current"),
            (Lang::En, Some((to, motivo))) => {
                format!("{from} to {to} · {gestore} · revoked: {motivo}")
            }
        }
    }

    pub fn scroll_hint(&self) -> &'static str {
        match self.lang {
            Lang::It => "↑↓ scorrere",
            Lang::En => "↑↓ scroll",
        }
    }

    pub fn imports_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::It, 1) => "1 importazione registrata, la più recente in alto.".into(),
            (Lang::It, n) => format!("{n} importazioni registrate, la più recente in alto."),
            (Lang::En, 1) => "1 recorded import, newest first.".into(),
            (Lang::En, n) => format!("{n} recorded imports, newest first."),
        }
    }

    pub fn many_ats(&self, n: usize) -> String {
        format!("{n} ATS")
    }

    pub fn stored_count(&self, shown: usize, total: usize, idonei: usize) -> String {
        self.pick(
            format!(
                "{shown} di {total} Gestori in archivio ({idonei} idonei; nulla viene cancellato)"
            ),
            format!("{shown} of {total} stored Gestori ({idonei} idonei; nothing is deleted)"),
        )
    }

    pub fn non_idoneo_since(&self, date: &str) -> String {
        self.pick(
            format!("non più idoneo dal {date}"),
            format!("no longer idoneo since {date}"),
        )
    }

    pub fn non_idoneo_short(&self, date: &str) -> String {
        self.pick(
            format!("non id. dal {date}"),
            format!("not id. since {date}"),
        )
    }

    pub fn err_ats(&self, value: &str) -> String {
        self.pick(
            format!(
                "ATS «{value}» sconosciuta: un codice da 030321 a 030328 o il nome (es. Brianza)"
            ),
            format!(
                "Unknown ATS «{value}»: a code from 030321 to 030328 or the name (e.g. Brianza)"
            ),
        )
    }

    pub fn err_not_found(&self, path: &str) -> String {
        self.pick(
            format!(
                "File non trovato: {path}. Controllare cartella e nome (Tab completa il nome)."
            ),
            format!("File not found: {path}. Check folder and name (Tab completes the name)."),
        )
    }

    pub fn err_is_dir(&self, path: &str) -> String {
        self.pick(
            format!("{path} è una cartella: indicare il file dell'elenco (Tab completa il nome)."),
            format!("{path} is a folder: give the list's file (Tab completes the name)."),
        )
    }

    pub fn err_too_large(&self, name: &str, megabytes: u64) -> String {
        self.pick(
            format!("Il file {name} è troppo grande ({megabytes} MB): un elenco di Gestori è di pochi KB"),
            format!("The file {name} is too large ({megabytes} MB): a list of Gestori is a few KB"),
        )
    }

    pub fn reading(&self, name: &str) -> String {
        self.pick(
            format!("Lettura di {name} in corso…"),
            format!("Reading {name}…"),
        )
    }

    pub fn err_read(&self, name: &str, detail: &str) -> String {
        self.pick(
            format!("Impossibile leggere {name}: {detail}"),
            format!("Cannot read {name}: {detail}"),
        )
    }

    pub fn err_parse(&self, name: &str, detail: &str) -> String {
        self.pick(
            format!("{name}: {detail}. Nulla è stato importato."),
            format!("{name}: {detail}. Nothing was imported."),
        )
    }

    pub fn preview_ready(&self, accepted: usize, rejected: usize) -> String {
        self.pick(
            format!("File letto: {accepted} righe riconosciute, {rejected} scartate. Nulla è stato scritto."),
            format!("File read: {accepted} rows recognised, {rejected} rejected. Nothing was written."),
        )
    }

    pub fn import_done(&self, added: u32, updated: u32, no_longer: u32) -> String {
        self.pick(
            format!("Importazione registrata: {added} nuovi, {updated} aggiornati, {no_longer} non più idonei."),
            format!("Import recorded: {added} new, {updated} updated, {no_longer} no longer idonei."),
        )
    }

    pub fn line_reason(&self, line: usize, reason: &str) -> String {
        self.pick(
            format!("riga {line}: {reason}"),
            format!("line {line}: {reason}"),
        )
    }

    pub fn s_rejected(&self, n: usize) -> String {
        self.pick(
            format!("Righe scartate ({n}): non verranno importate"),
            format!("Rejected rows ({n}): they will not be imported"),
        )
    }

    pub fn s_warnings(&self, n: usize) -> String {
        self.pick(
            format!("Avvisi ({n}): righe importate, da controllare"),
            format!("Warnings ({n}): rows imported, to be checked"),
        )
    }

    pub fn s_no_longer(&self, n: usize) -> String {
        self.pick(
            format!("Diventeranno non più idonei ({n}): assenti dal nuovo elenco"),
            format!("Will become no longer idonei ({n}): missing from the new list"),
        )
    }

    pub fn s_added(&self, n: usize) -> String {
        self.pick(format!("Nuovi ({n})"), format!("New ({n})"))
    }

    pub fn s_updated(&self, n: usize) -> String {
        self.pick(format!("Aggiornati ({n})"), format!("Updated ({n})"))
    }

    pub fn scroll_mark(&self, from: usize, to: usize, total: usize) -> String {
        self.pick(
            format!("↑↓ righe {from}-{to} di {total}"),
            format!("↑↓ lines {from}-{to} of {total}"),
        )
    }

    pub fn mmg_added(&self, name: &str) -> String {
        self.pick(
            format!("{name} aggiunto: ↑ per sceglierne l'adesione, Ctrl+S per salvare"),
            format!("{name} added: ↑ to set their adesione, Ctrl+S to save"),
        )
    }

    pub fn mmg_exists(&self, name: &str) -> String {
        self.pick(
            format!("{name} è già nell'elenco dei medici"),
            format!("{name} is already in the list of doctors"),
        )
    }

    pub fn mmg_removed(&self, name: &str) -> String {
        self.pick(
            format!("{name} tolto dall'elenco (Ctrl+S per salvare)"),
            format!("{name} removed from the list (Ctrl+S to save)"),
        )
    }

    pub fn adesione_title(&self, name: &str) -> String {
        self.pick(format!("Adesione di {name}"), format!("Adesione of {name}"))
    }
}

static GESTORI_IT: GestoriStrings = GestoriStrings {
    lang: Lang::It,
    k_choose: "Scegli",
    k_type_filter: "Tipo",
    k_other_ats: "Altra ATS",
    k_revoke: "Revoca",
    k_admin: "Amministrazione",
    k_open_section: "Apri",
    k_read_file: "Leggi il file",
    k_complete: "Completa / campo succ.",
    k_import: "Importa",
    k_cancel_import: "Annulla (nulla scritto)",
    k_pick: "Scegli",
    k_studio_enter: "Adesione/aggiungi/attiva",
    k_toggle_channel: "Attiva o disattiva",
    k_remove_mmg: "Togli MMG",
    k_first: "Primo dell'elenco",
    k_last: "Ultimo dell'elenco",
    k_detail: "Dettaglio",
    k_previous: "Precedente",
    k_next: "Successivo",
    k_to_list: "Elenco",
    ctx_gestore: "Gestore del paziente (F3)",
    ctx_picker: "Scelta da un elenco",
    ctx_admin: "Amministrazione (F11 o Alt+9)",
    ctx_admin_import: "Importa elenco Gestori",
    ctx_admin_preview: "Anteprima dell'importazione",
    ctx_admin_history: "Storico importazioni",
    ctx_admin_studio: "Studio: medici, adesioni e canali",
    ctx_admin_gestori: "Elenco Gestori in archivio",
    ctx_admin_gestore: "Un Gestore dell'elenco, per intero",
    help_admin: "Amministrazione (F11 o Alt+9): importare l'elenco dei Gestori idonei pubblicato dall'ATS, vedere le importazioni fatte, impostare lo studio (medici, adesioni, canali) e consultare l'elenco dei Gestori in archivio.",
    no_patient: "Nessun paziente selezionato. F2: cercare il paziente, aprirne la scheda (o evidenziarlo nell'elenco) e premere F3.",
    no_patient_keys: "Nessun paziente selezionato: F2 per cercarlo, poi F3.",
    no_level: "nessun livello",
    no_active: "nessuna: scegliere il Gestore dall'elenco e premere Invio",
    own_mmg: "Gestore del MMG",
    tipo: "Tipo",
    all_types: "tutti",
    no_types: "Nessun Gestore in elenco: niente da filtrare per tipo.",
    fictional: "esempio fittizio",
    col_denominazione: "Denominazione",
    col_tipo: "Tipo",
    col_telefono: "Telefono",
    col_referente: "Referente",
    empty_list: "Nessun Gestore idoneo in archivio per questa ATS: importare l'elenco dell'ATS da Amministrazione (F11 o Alt+9), oppure F9 per un'altra ATS.",
    nothing_matches: "Nessun Gestore corrisponde al filtro: Ctrl+U svuota la ricerca, F8 cambia il tipo.",
    nothing_to_revoke: "Il paziente non ha una presa in carico attiva: niente da revocare.",
    ats_picker_title: "ATS dell'elenco",
    ats_picker_text: "Di solito si sceglie tra i Gestori dell'ATS di residenza. Un'altra ATS solo su richiesta del paziente.",
    ats_residence_mark: "  (residenza)",
    other_ats_warning: "ATS diversa da quella di residenza",
    change_title: "Cambia Gestore",
    change_question: "Invio: revocare ora la presa in carico attiva (poi si sceglie il nuovo Gestore). Esc: lasciare tutto com'è.",
    choose_title: "Scelta del Gestore",
    gestore: "Gestore",
    no_channel: "Nessun canale di arruolamento attivo: attivarne uno in Amministrazione › Studio (F11).",
    mifs_off_line: "Canale MIFS: non ancora attiva (attivabile in Amministrazione › Studio).",
    f_canale: "Canale",
    f_data: "Data (gg/mm/aaaa)",
    f_note: "Note",
    f_motivo: "Motivo",
    revoke_title: "Revoca della presa in carico",
    revoke_patto_line: "Anche il Patto di Cura collegato viene revocato.",
    revoke_then_choose: "Dopo la revoca si torna all'elenco per scegliere il nuovo Gestore.",
    err_motivo: "Indicare il motivo della revoca",
    r_history: "Storico PIC",
    title_admin: "Amministrazione",
    admin_intro: "↑↓ per scegliere la sezione, Invio per aprirla, Esc per tornare.",
    sec_import: "Importa elenco Gestori",
    sec_import_text: "Legge l'elenco dei Gestori idonei pubblicato dall'ATS (CSV o XLSX): anteprima delle righe riconosciute e scartate, poi conferma.",
    sec_history: "Storico importazioni",
    sec_history_text: "Le importazioni fatte: data, file, ATS, conteggi, operatore.",
    sec_studio: "Studio",
    sec_studio_text: "Nome e comune dello studio, i medici (MMG) e il Gestore a cui aderiscono, i canali di arruolamento attivi, la stampante del Patto.",
    sec_gestori: "Elenco Gestori",
    sec_gestori_text: "Tutti i Gestori in archivio, di ogni ATS, compresi quelli non più idonei e quelli di esempio (fittizi).",
    import_intro: "Il file dell'elenco dei Gestori idonei pubblicato dall'ATS: CSV (anche da Excel) o XLSX. Prima di scrivere si vede l'anteprima.",
    f_file: "File *",
    f_ats: "ATS (se manca nel file)",
    f_sheet: "Foglio (solo XLSX)",
    h_file: "Percorso del file, es. Scaricati/gestori-ats.csv (Tab completa il nome). Invio legge il file e mostra l'anteprima: nulla viene scritto.",
    h_ats: "Il codice (030321-030328) o il nome dell'ATS delle righe che non hanno la colonna ATS. Vuoto: la colonna del file.",
    h_sheet: "Il foglio da leggere di un file XLSX. Vuoto: il primo.",
    ats_from_file: "— (dalla colonna ATS del file)",
    err_no_file: "Indicare il file da importare.",
    preview_note: "Anteprima: nulla è ancora scritto. Ctrl+S importa tutto insieme, Esc annulla.",
    import_cancelled: "Importazione annullata: nulla è stato scritto.",
    file: "File",
    encoding: "codifica",
    separator: "separatore",
    sheet: "foglio",
    c_recognised: "Riconosciute",
    c_rejected: "Scartate",
    c_added: "Nuovi",
    c_updated: "Aggiornati",
    c_unchanged: "Invariati",
    c_no_longer: "Non più idonei",
    s_ignored_columns: "Colonne ignorate",
    no_imports: "Nessuna importazione registrata.",
    col_date: "Data",
    col_file: "File",
    col_ats: "ATS",
    col_added: "Nuovi",
    col_updated: "Agg.",
    col_no_longer: "Non id.",
    col_rejected: "Scart.",
    col_operator: "Operatore",
    col_state: "Stato",
    idoneo: "idoneo",
    fictional_mark: " (fittizio)",
    nothing_stored: "Nessun Gestore corrisponde alla ricerca.",
    d_title: "Gestore",
    d_denominazione: "Denominazione",
    d_ats: "ATS",
    d_tipo: "Tipologia",
    d_codice: "Codice (elenco ATS)",
    d_cf_piva: "Codice Fiscale/P.IVA",
    d_indirizzo: "Indirizzo",
    d_comune: "Comune",
    d_telefono: "Telefono",
    d_email: "E-mail/PEC",
    d_referente: "Referente",
    d_livelli: "Livelli",
    d_stato: "Stato",
    d_prese: "Prese in carico attive",
    d_sample: "Dato di esempio fornito con il programma, non un soggetto reale",
    f_practice_name: "Nome dello studio",
    f_practice_comune: "Comune",
    f_printer: "Stampante",
    h_printer: "Dove si stampa il Patto: il nome di una stampante del sistema (es. patto), «predefinita», o «nessuna» per il solo file PDF in stampe.",
    f_mmg_list: "Medici (MMG)",
    mmg_columns: "nome                      adesione",
    f_new_mmg: "Nuovo MMG",
    f_channels: "Canali di arruolamento attivi",
    h_practice_name: "Il nome stampato sui documenti (es. Studio medico associato Dott. Rossi).",
    h_mmg_list: "↑↓ sceglie il medico, Invio ne imposta l'adesione (cooperativa Gestore, MIFS o nessuna), Ctrl+D lo toglie. Il nome va scritto come nelle schede dei pazienti.",
    h_new_mmg: "Nome del medico come nelle schede dei pazienti (es. Dott.ssa Elena Sala); Invio lo aggiunge.",
    h_channels: "Invio o Spazio attiva o disattiva il canale. MIFS (medico in forma singola con il Centro Servizi ASST) non è ancora attiva in Lombardia: attivarla solo su indicazione dell'ASST.",
    no_mmg: "nessun medico: scriverne il nome in «Nuovo MMG» e premere Invio",
    no_mmg_yet: "Nessun medico in elenco: scriverne il nome in «Nuovo MMG» e premere Invio.",
    type_mmg_name: "Scrivere il nome del medico, poi Invio.",
    remove_where: "Ctrl+D toglie il medico selezionato nell'elenco dei MMG (Tab per arrivarci).",
    adesione_none: "nessuna adesione",
    adesione_mifs: "MMG in forma singola (MIFS)",
    adesione_text: "Il Gestore (cooperativa) a cui il medico aderisce: i suoi pazienti lo troveranno per primo in F3. Elenco dei Gestori idonei in archivio.",
    gestore_missing: "Gestore non più in archivio",
    comune_unknown: "comune sconosciuto",
    mifs_on_note: " — attivata (non ancora operativa in Lombardia)",
    mifs_off_note: " — non ancora attiva (attivabile)",
    mifs_switched_on: "Canale MIFS attivato: non è ancora operativo in Lombardia. Ctrl+S per salvare.",
    err_practice_name: "Il nome dello studio è obbligatorio",
    practice_saved: "Studio salvato",
};

static GESTORI_EN: GestoriStrings = GestoriStrings {
    lang: Lang::En,
    k_choose: "Choose",
    k_type_filter: "Type",
    k_other_ats: "Other ATS",
    k_revoke: "Revoke",
    k_admin: "Administration",
    k_open_section: "Open",
    k_read_file: "Read the file",
    k_complete: "Complete / next field",
    k_import: "Import",
    k_cancel_import: "Cancel (nothing written)",
    k_pick: "Choose",
    k_studio_enter: "Adesione/add/switch",
    k_toggle_channel: "Switch on or off",
    k_remove_mmg: "Remove GP",
    k_first: "First in the list",
    k_last: "Last in the list",
    k_detail: "Details",
    k_previous: "Previous",
    k_next: "Next",
    k_to_list: "List",
    ctx_gestore: "The patient's Gestore (F3)",
    ctx_picker: "Choosing from a list",
    ctx_admin: "Administration (F11 or Alt+9)",
    ctx_admin_import: "Import a list of Gestori",
    ctx_admin_preview: "Import preview",
    ctx_admin_history: "Import log",
    ctx_admin_studio: "Practice: doctors, adesioni and channels",
    ctx_admin_gestori: "Stored list of Gestori",
    ctx_admin_gestore: "One Gestore of the list, in full",
    help_admin: "Administration (F11 or Alt+9): import the list of Gestori idonei published by the ATS, see the imports made, set up the practice (doctors, adesioni, channels) and browse the stored Gestori.",
    no_patient: "No patient selected. F2: find the patient, open their record (or highlight them in the list) and press F3.",
    no_patient_keys: "No patient selected: F2 to find one, then F3.",
    no_level: "no level",
    no_active: "none: pick the Gestore from the list and press Enter",
    own_mmg: "Gestore of the GP",
    tipo: "Type",
    all_types: "all",
    no_types: "No Gestore listed: nothing to filter by type.",
    fictional: "fictional sample",
    col_denominazione: "Name",
    col_tipo: "Type",
    col_telefono: "Phone",
    col_referente: "Contact",
    empty_list: "No Gestore idoneo stored for this ATS: import the ATS list from Administration (F11 or Alt+9), or F9 for another ATS.",
    nothing_matches: "No Gestore matches the filter: Ctrl+U clears the search, F8 changes the type.",
    nothing_to_revoke: "The patient has no active presa in carico: nothing to revoke.",
    ats_picker_title: "ATS of the list",
    ats_picker_text: "The choice is usually among the Gestori of the ATS of residence. Another ATS only at the patient's request.",
    ats_residence_mark: "  (residence)",
    other_ats_warning: "ATS other than the one of residence",
    change_title: "Change Gestore",
    change_question: "Enter: revoke the active presa in carico now (then choose the new Gestore). Esc: leave everything as it is.",
    choose_title: "Choosing the Gestore",
    gestore: "Gestore",
    no_channel: "No enrolment channel is switched on: switch one on in Administration › Practice (F11).",
    mifs_off_line: "MIFS channel: not yet active (can be switched on in Administration › Practice).",
    f_canale: "Channel",
    f_data: "Date (dd/mm/yyyy)",
    f_note: "Notes",
    f_motivo: "Reason",
    revoke_title: "Revoking the presa in carico",
    revoke_patto_line: "Its Patto di Cura is revoked too.",
    revoke_then_choose: "After the revocation the list comes back to choose the new Gestore.",
    err_motivo: "Give the reason for the revocation",
    r_history: "PIC history",
    title_admin: "Administration",
    admin_intro: "↑↓ to pick a section, Enter to open it, Esc to go back.",
    sec_import: "Import list of Gestori",
    sec_import_text: "Reads the list of Gestori idonei published by the ATS (CSV or XLSX): preview of the rows recognised and rejected, then confirm.",
    sec_history: "Import log",
    sec_history_text: "The imports made: date, file, ATS, counts, operator.",
    sec_studio: "Practice",
    sec_studio_text: "Name and comune of the practice, its doctors (MMG) and the Gestore they adhere to, the enrolment channels switched on, the Patto's printer.",
    sec_gestori: "List of Gestori",
    sec_gestori_text: "Every stored Gestore of every ATS, including those no longer idonei and the (fictional) samples.",
    import_intro: "The file of the list of Gestori idonei published by the ATS: CSV (also from Excel) or XLSX. A preview comes before anything is written.",
    f_file: "File *",
    f_ats: "ATS (if not in file)",
    f_sheet: "Sheet (XLSX only)",
    h_file: "Path of the file, e.g. Downloads/gestori-ats.csv (Tab completes the name). Enter reads it and shows the preview: nothing is written.",
    h_ats: "Code (030321-030328) or name of the ATS of rows without an ATS column. Empty: the file's column.",
    h_sheet: "The sheet to read from an XLSX file. Empty: the first.",
    ats_from_file: "— (from the file's ATS column)",
    err_no_file: "Give the file to import.",
    preview_note: "Preview: nothing written yet. Ctrl+S imports it all at once, Esc cancels.",
    import_cancelled: "Import cancelled: nothing was written.",
    file: "File",
    encoding: "encoding",
    separator: "separator",
    sheet: "sheet",
    c_recognised: "Recognised",
    c_rejected: "Rejected",
    c_added: "New",
    c_updated: "Updated",
    c_unchanged: "Unchanged",
    c_no_longer: "No longer idonei",
    s_ignored_columns: "Ignored columns",
    no_imports: "No import recorded.",
    col_date: "Date",
    col_file: "File",
    col_ats: "ATS",
    col_added: "New",
    col_updated: "Upd.",
    col_no_longer: "No l.",
    col_rejected: "Rej.",
    col_operator: "Operator",
    col_state: "State",
    idoneo: "idoneo",
    fictional_mark: " (fictional)",
    nothing_stored: "No Gestore matches the search.",
    d_title: "Gestore",
    d_denominazione: "Name",
    d_ats: "ATS",
    d_tipo: "Type",
    d_codice: "Code (ATS list)",
    d_cf_piva: "Codice Fiscale/P.IVA",
    d_indirizzo: "Address",
    d_comune: "Comune",
    d_telefono: "Phone",
    d_email: "E-mail/PEC",
    d_referente: "Contact person",
    d_livelli: "Levels",
    d_stato: "State",
    d_prese: "Active prese in carico",
    d_sample: "Sample data shipped with the program, not a real subject",
    f_practice_name: "Practice name",
    f_practice_comune: "Comune",
    f_printer: "Printer",
    h_printer: "Where the Patto is printed: a system printer's name (e.g. patto), «predefinita», or «nessuna» for the PDF file in stampe only.",
    f_mmg_list: "Doctors (MMG)",
    mmg_columns: "name                      adesione",
    f_new_mmg: "New GP",
    f_channels: "Enrolment channels switched on",
    h_practice_name: "The name printed on documents (e.g. Studio medico associato Dott. Rossi).",
    h_mmg_list: "↑↓ picks the doctor, Enter sets their adesione (Gestore cooperative, MIFS or none), Ctrl+D removes them. Write the name as on the patients' records.",
    h_new_mmg: "The doctor's name as on the patients' records (e.g. Dott.ssa Elena Sala); Enter adds it.",
    h_channels: "Enter or Space switches the channel on or off. MIFS (single-handed GP with the ASST Centro Servizi) is not yet active in Lombardy: switch it on only when the ASST says so.",
    no_mmg: "no doctor: type a name in «New GP» and press Enter",
    no_mmg_yet: "No doctor listed: type a name in «New GP» and press Enter.",
    type_mmg_name: "Type the doctor's name, then Enter.",
    remove_where: "Ctrl+D removes the doctor selected in the list of GPs (Tab to get there).",
    adesione_none: "no adesione",
    adesione_mifs: "Single-handed GP (MIFS)",
    adesione_text: "The Gestore (cooperative) the doctor adheres to: their patients see it first in F3. Stored list of Gestori idonei.",
    gestore_missing: "Gestore no longer stored",
    comune_unknown: "unknown comune",
    mifs_on_note: " — on (not yet operating in Lombardy)",
    mifs_off_note: " — not yet active (can be switched on)",
    mifs_switched_on: "MIFS channel switched on: it is not yet operating in Lombardy. Ctrl+S to save.",
    err_practice_name: "The practice name is required",
    practice_saved: "Practice saved",
};

/// The texts of the PAI editor (F5).
pub struct PaiStrings {
    pub lang: Lang,
    pub title_version: &'static str,
    // Key labels and names.
    pub k_new_pai: &'static str,
    pub k_new_version: &'static str,
    pub k_edit_patient: &'static str,
    pub k_add: &'static str,
    pub k_edit: &'static str,
    pub k_remove: &'static str,
    pub k_save: &'static str,
    pub k_share: &'static str,
    pub k_export: &'static str,
    pub k_versions: &'static str,
    pub k_next_section: &'static str,
    pub k_prev_section: &'static str,
    pub k_home: &'static str,
    pub k_end: &'static str,
    pub k_tick: &'static str,
    pub k_done: &'static str,
    pub key_insert: &'static str,
    pub key_delete: &'static str,
    // Help sections.
    pub ctx_pai: &'static str,
    pub ctx_bozza: &'static str,
    pub ctx_lettura: &'static str,
    pub ctx_dopo: &'static str,
    // Without a plan.
    pub no_patient: &'static str,
    pub no_gestore: &'static str,
    pub no_pathologies: &'static str,
    pub no_plan: &'static str,
    pub prepare_note: &'static str,
    pub already_has_pai: &'static str,
    pub already_draft: &'static str,
    // The plan.
    pub clinical_manager: &'static str,
    pub read_only_version: &'static str,
    pub read_only_concluded: &'static str,
    pub empty_section_read_only: &'static str,
    pub esterno_short: &'static str,
    pub col_categoria: &'static str,
    pub col_descrizione: &'static str,
    pub col_frequenza: &'static str,
    pub col_luogo: &'static str,
    pub col_preparazione: &'static str,
    pub col_patologie: &'static str,
    pub col_occ: &'static str,
    pub col_pren: &'static str,
    pub col_eseg: &'static str,
    pub col_farmaco: &'static str,
    pub col_posologia: &'static str,
    pub col_durata: &'static str,
    pub col_note: &'static str,
    pub col_tipo: &'static str,
    pub col_voce: &'static str,
    pub col_n: &'static str,
    pub esenzione: &'static str,
    pub allergia: &'static str,
    // Versions.
    pub no_versions: &'static str,
    pub versions_title: &'static str,
    pub versions_text: &'static str,
    pub on_screen: &'static str,
    // Removing, sharing, exporting.
    pub nothing_to_remove: &'static str,
    pub remove_title: &'static str,
    pub share_title: &'static str,
    pub share_frozen: &'static str,
    pub share_saves_first: &'static str,
    pub share_blocked_title: &'static str,
    pub share_fix: &'static str,
    pub export_title: &'static str,
    pub export_text: &'static str,
    pub f_folder: &'static str,
    pub err_folder_empty: &'static str,
    // The row dialog.
    pub title_new_item: &'static str,
    pub title_new_farmaco: &'static str,
    pub title_edit_farmaco: &'static str,
    pub f_categoria: &'static str,
    pub f_descrizione: &'static str,
    pub f_codice: &'static str,
    pub f_frequenza: &'static str,
    pub f_luogo: &'static str,
    pub f_risorsa: &'static str,
    pub f_erogatore: &'static str,
    pub f_preparazione: &'static str,
    pub f_dopo: &'static str,
    pub f_patologie: &'static str,
    pub f_note: &'static str,
    pub f_farmaco: &'static str,
    pub f_principio: &'static str,
    pub f_posologia: &'static str,
    pub f_durata: &'static str,
    pub f_tipo: &'static str,
    pub f_consiglio: &'static str,
    pub f_vaccinazione: &'static str,
    pub f_voce: &'static str,
    pub luogo_in_sede: &'static str,
    pub luogo_esterno: &'static str,
    pub h_categoria: &'static str,
    pub h_descrizione: &'static str,
    pub h_codice: &'static str,
    pub h_frequenza: &'static str,
    pub h_luogo: &'static str,
    pub h_risorsa: &'static str,
    pub h_erogatore: &'static str,
    pub h_preparazione: &'static str,
    pub h_dopo: &'static str,
    pub h_patologie: &'static str,
    pub h_note: &'static str,
    pub h_farmaco: &'static str,
    pub h_principio: &'static str,
    pub h_posologia: &'static str,
    pub h_durata: &'static str,
    pub h_note_farmaco: &'static str,
    pub h_tipo: &'static str,
    pub h_consiglio: &'static str,
    pub h_vaccinazione: &'static str,
    pub h_voce: &'static str,
    pub err_descrizione: &'static str,
    pub err_frequenza_vuota: &'static str,
    pub err_risorsa: &'static str,
    pub err_erogatore: &'static str,
    pub err_farmaco: &'static str,
    pub err_riga: &'static str,
    pub dopo_nessuna: &'static str,
    pub dopo_title: &'static str,
    pub dopo_text: &'static str,
    pub dopo_empty: &'static str,
}

impl PaiStrings {
    /// Under "manca il Clinical Manager" when sharing: where it is set.
    pub fn share_fix_cm(&self, area: &str, key: &str) -> String {
        self.pick(
            format!("Il Clinical Manager viene dal Patto di Cura firmato: {area} apre il Patto, {key} lo corregge."),
            format!("The Clinical Manager comes from the signed Patto di Cura: {area} opens the Patto, {key} corrects it."),
        )
    }

    fn pick(&self, it: String, en: String) -> String {
        match self.lang {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// The name of a section (its tab).
    pub fn section(&self, section: crate::tui::screens::pai::Section) -> &'static str {
        use crate::tui::screens::pai::Section as S;
        match (self.lang, section) {
            (Lang::It, S::Prestazioni) => "Prestazioni",
            (Lang::It, S::Farmaci) => "Farmaci",
            (Lang::It, S::StileDiVita) => "Stile di vita",
            (Lang::It, S::Vaccinazioni) => "Vaccinazioni",
            (Lang::It, S::EsenzioniAllergie) => "Esenzioni e allergie",
            (Lang::En, S::Prestazioni) => "Services",
            (Lang::En, S::Farmaci) => "Drugs",
            (Lang::En, S::StileDiVita) => "Lifestyle",
            (Lang::En, S::Vaccinazioni) => "Vaccinations",
            (Lang::En, S::EsenzioniAllergie) => "Exemptions and allergies",
        }
    }

    /// A category in a narrow column.
    pub fn categoria_short(&self, c: crate::domain::pai::Categoria) -> &'static str {
        use crate::domain::pai::Categoria as C;
        match (self.lang, c) {
            (Lang::It, C::Visita) => "Visita",
            (Lang::It, C::EsameLaboratorio) => "Laboratorio",
            (Lang::It, C::DiagnosticaStrumentale) => "Strumentale",
            (Lang::It, C::PrescrizioneFarmacologica) => "Farmaci",
            (Lang::It, C::Vaccinazione) => "Vaccinazione",
            (Lang::It, C::StileDiVita) => "Stile di vita",
            (Lang::It, C::Monitoraggio) => "Monitoraggio",
            (Lang::En, C::Visita) => "Visit",
            (Lang::En, C::EsameLaboratorio) => "Laboratory",
            (Lang::En, C::DiagnosticaStrumentale) => "Instrumental",
            (Lang::En, C::PrescrizioneFarmacologica) => "Drugs",
            (Lang::En, C::Vaccinazione) => "Vaccination",
            (Lang::En, C::StileDiVita) => "Lifestyle",
            (Lang::En, C::Monitoraggio) => "Monitoring",
        }
    }

    /// "bozza", "condiviso il 22/11/2026", "concluso il 20/11/2027".
    pub fn state(&self, stato: &crate::domain::pai::PaiStato) -> String {
        use crate::domain::pai::PaiStato;
        let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
        match stato {
            PaiStato::Bozza => self.pick("bozza".into(), "draft".into()),
            PaiStato::Condiviso { condiviso_il, .. } => self.pick(
                format!("condiviso il {}", date(*condiviso_il)),
                format!("shared on {}", date(*condiviso_il)),
            ),
            PaiStato::Concluso { il, .. } => self.pick(
                format!("concluso il {}", date(*il)),
                format!("concluded on {}", date(*il)),
            ),
        }
    }

    pub fn version_label(&self, v: u32) -> String {
        self.pick(format!("PAI versione {v}"), format!("PAI version {v}"))
    }

    /// "29/04/2026–28/04/2027".
    pub fn range(&self, dal: &str, al: &str) -> String {
        format!("{dal}–{al}")
    }

    pub fn period(&self, dal: &str, al: &str) -> String {
        self.pick(
            format!("Periodo: dal {dal} al {al}"),
            format!("Period: from {dal} to {al}"),
        )
    }

    pub fn summary(&self, needed: u32, booked: u32, done: u32) -> String {
        self.pick(
            format!("occorrenze: {needed} · prenotate: {booked} · eseguite: {done}"),
            format!("occurrences: {needed} · booked: {booked} · done: {done}"),
        )
    }

    pub fn code(&self, code: &str) -> String {
        self.pick(format!("cod. {code}"), format!("code {code}"))
    }

    pub fn fix_patient(&self, key: &str) -> String {
        self.pick(
            format!("   → {key}: cercare il paziente, poi F5 per il suo PAI"),
            format!("   → {key}: find the patient, then F5 for their PAI"),
        )
    }

    pub fn fix_gestore(&self, key: &str) -> String {
        self.pick(
            format!("   → {key}: scegliere il Gestore"),
            format!("   → {key}: choose the Gestore"),
        )
    }

    pub fn fix_pathologies(&self, key: &str) -> String {
        self.pick(
            format!("   → {key}: modificare la scheda del paziente e aggiungere le patologie"),
            format!("   → {key}: edit the patient record and add the pathologies"),
        )
    }

    pub fn fix_prepare(&self, key: &str) -> String {
        self.pick(
            format!("   → {key}: nuovo PAI dai modelli delle patologie del paziente"),
            format!("   → {key}: new PAI from the templates of the patient's pathologies"),
        )
    }

    pub fn older_versions(&self, n: usize, key: &str) -> String {
        self.pick(
            format!("Versioni registrate: {n}   → {key}: elenco (in sola lettura)"),
            format!("Stored versions: {n}   → {key}: list (read-only)"),
        )
    }

    pub fn prepared(&self, n: usize, key: &str) -> String {
        self.pick(
            format!(
                "PAI preparato dai modelli: {n} prestazioni. Controllarle e salvare con {key}."
            ),
            format!(
                "PAI prepared from the templates: {n} services. Check them and save with {key}."
            ),
        )
    }

    pub fn new_version_made(&self, v: u32) -> String {
        self.pick(
            format!(
                "Nuova versione {v} in bozza; la versione condivisa resta in vigore fino ad allora."
            ),
            format!("New version {v} as a draft; the shared version stays in force until then."),
        )
    }

    pub fn draft_of_version(&self, v: u32) -> String {
        self.pick(
            format!("! bozza della nuova versione (in vigore la versione {v})"),
            format!("! draft of the new version (version {v} stays in force)"),
        )
    }

    pub fn unsaved(&self, key: &str) -> String {
        self.pick(
            format!("● modifiche non salvate ({key})"),
            format!("● unsaved changes ({key})"),
        )
    }

    pub fn read_only_shared(&self, key: &str) -> String {
        self.pick(
            format!("PAI condiviso: creare una nuova versione ({key}) per modificarlo"),
            format!("Shared PAI: make a new version ({key}) to change it"),
        )
    }

    pub fn empty_section(&self, key: &str) -> String {
        self.pick(
            format!("Nessuna voce. {key}: aggiungere."),
            format!("Nothing listed. {key}: add."),
        )
    }

    pub fn nothing_to_edit(&self, key: &str) -> String {
        self.pick(
            format!("Nessuna voce da modificare: {key} per aggiungerne una."),
            format!("Nothing to edit: {key} adds a line."),
        )
    }

    pub fn changed(&self, key: &str) -> String {
        self.pick(
            format!("Modifica fatta nel piano: {key} per salvarla."),
            format!("Changed in the plan: {key} to save."),
        )
    }

    pub fn removed(&self, key: &str) -> String {
        self.pick(
            format!("Voce rimossa dal piano: {key} per salvare."),
            format!("Removed from the plan: {key} to save."),
        )
    }

    pub fn remove_question(&self, what: &str) -> String {
        self.pick(
            format!("Rimuovere «{what}» dal piano?"),
            format!("Remove «{what}» from the plan?"),
        )
    }

    pub fn remove_dependants(&self, list: &str) -> String {
        self.pick(
            format!("Non sarà più richiesta prima di: {list}."),
            format!("It will no longer be required before: {list}."),
        )
    }

    pub fn remove_save(&self, key: &str) -> String {
        self.pick(
            format!("La rimozione diventa definitiva salvando ({key})."),
            format!("The removal becomes final when saved ({key})."),
        )
    }

    pub fn saved(&self, v: u32) -> String {
        self.pick(
            format!("PAI salvato (bozza, versione {v})."),
            format!("PAI saved (draft, version {v})."),
        )
    }

    pub fn shared(&self, v: u32, date: &str, key: &str) -> String {
        self.pick(
            format!("PAI condiviso il {date} (versione {v}). {key}: esportarlo in PDF e FHIR."),
            format!("PAI shared on {date} (version {v}). {key}: export it as PDF and FHIR."),
        )
    }

    pub fn export_save_first(&self, key: &str) -> String {
        self.pick(
            format!("Ci sono modifiche non salvate: salvare prima con {key}, poi esportare."),
            format!("There are unsaved changes: save with {key} first, then export."),
        )
    }

    pub fn exported(&self, dir: &str, files: &str) -> String {
        self.pick(
            format!("Scritti in {dir}: {files}"),
            format!("Written to {dir}: {files}"),
        )
    }

    pub fn err_folder(&self, dir: &str, e: &str) -> String {
        self.pick(
            format!("Impossibile scrivere nella cartella {dir}: {e}"),
            format!("Cannot write to the folder {dir}: {e}"),
        )
    }

    pub fn title_edit_item(&self, id: u32) -> String {
        self.pick(format!("Prestazione n. {id}"), format!("Service no. {id}"))
    }

    pub fn title_riga(&self, section: crate::tui::screens::pai::Section, edit: bool) -> String {
        let name = self.section(section);
        match (self.lang, edit) {
            (Lang::It, false) => format!("{name}: nuova voce"),
            (Lang::It, true) => format!("{name}: modifica"),
            (Lang::En, false) => format!("{name}: new line"),
            (Lang::En, true) => format!("{name}: edit"),
        }
    }

    /// The frequency as the plan will count it.
    pub fn read_as(&self, label: &str) -> String {
        self.pick(format!("Letta come: {label}"), format!("Read as: {label}"))
    }
}

static PAI_IT: PaiStrings = PaiStrings {
    lang: Lang::It,
    title_version: "PAI · versione precedente",
    k_new_pai: "Nuovo PAI dai modelli",
    k_new_version: "Nuova versione",
    k_edit_patient: "Modifica scheda",
    k_add: "Aggiungi",
    k_edit: "Modifica",
    k_remove: "Rimuovi",
    k_save: "Salva",
    k_share: "Condividi",
    k_export: "Esporta",
    k_versions: "Versioni",
    k_next_section: "Sezione",
    k_prev_section: "Sezione precedente",
    k_home: "Prima voce",
    k_end: "Ultima voce",
    k_tick: "Segna/togli",
    k_done: "Fatto",
    key_insert: "Ins",
    key_delete: "Canc",
    ctx_pai: "PAI (F5): nessun piano",
    ctx_bozza: "PAI (F5): bozza",
    ctx_lettura: "PAI (F5): condiviso o concluso, in sola lettura",
    ctx_dopo: "PAI: prestazioni da fare prima",
    no_patient: "Nessun paziente selezionato.",
    no_gestore: "Il paziente non ha un Gestore: il PAI si prepara dopo la presa in carico.",
    no_pathologies: "Nessuna patologia cronica registrata nella scheda del paziente.",
    no_plan: "Nessun PAI in uso per questo paziente.",
    prepare_note: "Le prestazioni e i consigli vengono dai modelli delle patologie (modello da validare dal Clinical Manager); una prestazione comune a più patologie compare una volta sola, alla frequenza più alta.",
    already_has_pai: "Il paziente ha già un PAI in uso.",
    already_draft: "Questa versione è già una bozza: si può modificare.",
    clinical_manager: "Clinical Manager",
    read_only_version: "Versione precedente: in sola lettura.",
    read_only_concluded: "PAI concluso: in sola lettura.",
    empty_section_read_only: "Nessuna voce.",
    esterno_short: "(est.)",
    col_categoria: "Categoria",
    col_descrizione: "Descrizione",
    col_frequenza: "Frequenza",
    col_luogo: "Luogo",
    col_preparazione: "Preparazione",
    col_patologie: "Patologie",
    col_occ: "Occ.",
    col_pren: "Pren.",
    col_eseg: "Eseg.",
    col_farmaco: "Farmaco (principio attivo)",
    col_posologia: "Posologia",
    col_durata: "Durata",
    col_note: "Note",
    col_tipo: "Tipo",
    col_voce: "Voce",
    col_n: "n.",
    esenzione: "Esenzione",
    allergia: "Allergia",
    no_versions: "Nessun PAI registrato per questo paziente.",
    versions_title: "Versioni del PAI",
    versions_text: "La più recente in alto. Invio apre la versione in sola lettura.",
    on_screen: "in uso",
    nothing_to_remove: "Nessuna voce selezionata da rimuovere.",
    remove_title: "Rimuovere la voce?",
    share_title: "Condividere il PAI con il paziente?",
    share_frozen: "Dopo la condivisione il PAI non si modifica: le modifiche creeranno una nuova versione",
    share_saves_first: "Le modifiche non ancora salvate vengono salvate prima.",
    share_blocked_title: "Il PAI non si può ancora condividere",
    share_fix: "Completare il piano e riprovare.",
    export_title: "Esporta il PAI",
    export_text: "Il piano in PDF e in FHIR R4 CarePlan (JSON), nella cartella indicata.",
    f_folder: "Cartella",
    err_folder_empty: "Indicare la cartella in cui scrivere",
    title_new_item: "Nuova prestazione",
    title_new_farmaco: "Nuovo farmaco",
    title_edit_farmaco: "Farmaco",
    f_categoria: "Categoria",
    f_descrizione: "Descrizione",
    f_codice: "Codice prestazione",
    f_frequenza: "Frequenza",
    f_luogo: "Luogo",
    f_risorsa: "Risorsa in sede",
    f_erogatore: "Erogatore esterno",
    f_preparazione: "Preparazione",
    f_dopo: "Dopo i risultati di",
    f_patologie: "Patologie",
    f_note: "Note",
    f_farmaco: "Farmaco",
    f_principio: "Principio attivo",
    f_posologia: "Posologia",
    f_durata: "Durata",
    f_tipo: "Tipo",
    f_consiglio: "Consiglio",
    f_vaccinazione: "Vaccinazione",
    f_voce: "Codice o descrizione",
    luogo_in_sede: "in sede",
    luogo_esterno: "esterno",
    h_categoria: "Spazio cambia la categoria.",
    h_descrizione: "Il nome della prestazione, es. Emoglobina glicata (HbA1c).",
    h_codice: "Codice del nomenclatore, se noto (es. 90.28.1).",
    h_frequenza: "Es. 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile.",
    h_luogo: "Spazio: in sede (su una risorsa dell'agenda) o esterno (un erogatore).",
    h_risorsa: "Il tipo di risorsa dell'agenda, es. punto prelievi, ambulatorio MMG, ECG.",
    h_erogatore: "La struttura o la specialità esterna, es. cardiologia.",
    h_preparazione: "Es. a digiuno, primo campione di urine del mattino.",
    h_dopo: "Spazio: scegliere le prestazioni i cui risultati servono prima.",
    h_patologie: "I codici delle patologie che la richiedono, separati da virgole (es. DM2, IPA).",
    h_note: "Annotazioni per il Clinical Manager e per chi prenota.",
    h_farmaco: "Il nome commerciale, come prescritto.",
    h_principio: "Il principio attivo (basta uno dei due nomi).",
    h_posologia: "Es. 1 compressa al mattino.",
    h_durata: "Es. continuativa, 3 mesi.",
    h_note_farmaco: "Annotazioni sulla prescrizione.",
    h_tipo: "Spazio: esenzione o allergia.",
    h_consiglio: "Un consiglio sullo stile di vita (almeno uno è richiesto per condividere).",
    h_vaccinazione: "Es. antinfluenzale (campagna autunnale), antipneumococcica.",
    h_voce: "Il codice di esenzione (es. 013) o l'allergia (es. penicillina).",
    err_descrizione: "Indicare la descrizione della prestazione",
    err_frequenza_vuota: "Indicare la frequenza (es. 4/anno, ogni 6 mesi, una volta)",
    err_risorsa: "Indicare la risorsa in sede (es. punto prelievi)",
    err_erogatore: "Indicare l'erogatore esterno (es. cardiologia)",
    err_farmaco: "Indicare il farmaco o il principio attivo",
    err_riga: "Il testo è vuoto",
    dopo_nessuna: "nessuna (Spazio per scegliere)",
    dopo_title: "Dopo i risultati di",
    dopo_text: "Le prestazioni i cui risultati servono prima:",
    dopo_empty: "Nessun'altra prestazione nel piano.",
};

static PAI_EN: PaiStrings = PaiStrings {
    lang: Lang::En,
    title_version: "PAI · earlier version",
    k_new_pai: "New PAI from templates",
    k_new_version: "New version",
    k_edit_patient: "Edit record",
    k_add: "Add",
    k_edit: "Edit",
    k_remove: "Remove",
    k_save: "Save",
    k_share: "Share",
    k_export: "Export",
    k_versions: "Versions",
    k_next_section: "Section",
    k_prev_section: "Previous section",
    k_home: "First line",
    k_end: "Last line",
    k_tick: "Tick/untick",
    k_done: "Done",
    key_insert: "Ins",
    key_delete: "Del",
    ctx_pai: "PAI (F5): no plan",
    ctx_bozza: "PAI (F5): draft",
    ctx_lettura: "PAI (F5): shared or concluded, read-only",
    ctx_dopo: "PAI: services needed first",
    no_patient: "No patient selected.",
    no_gestore: "The patient has no Gestore: the PAI is prepared after the presa in carico.",
    no_pathologies: "No chronic pathology on the patient's record.",
    no_plan: "No PAI in use for this patient.",
    prepare_note: "Services and advice come from the pathology templates (to be validated by the Clinical Manager); a service shared by several pathologies appears once, at the highest frequency.",
    already_has_pai: "The patient already has a PAI in use.",
    already_draft: "This version is already a draft: it can be changed.",
    clinical_manager: "Clinical Manager",
    read_only_version: "Earlier version: read-only.",
    read_only_concluded: "Concluded PAI: read-only.",
    empty_section_read_only: "Nothing listed.",
    esterno_short: "(ext.)",
    col_categoria: "Category",
    col_descrizione: "Description",
    col_frequenza: "Frequency",
    col_luogo: "Where",
    col_preparazione: "Preparation",
    col_patologie: "Pathologies",
    col_occ: "Occ.",
    col_pren: "Book.",
    col_eseg: "Done",
    col_farmaco: "Drug (active ingredient)",
    col_posologia: "Dosage",
    col_durata: "Duration",
    col_note: "Notes",
    col_tipo: "Kind",
    col_voce: "Entry",
    col_n: "no.",
    esenzione: "Exemption",
    allergia: "Allergy",
    no_versions: "No PAI stored for this patient.",
    versions_title: "PAI versions",
    versions_text: "Newest first. Enter opens the version read-only.",
    on_screen: "in use",
    nothing_to_remove: "No line selected to remove.",
    remove_title: "Remove the line?",
    share_title: "Share the PAI with the patient?",
    share_frozen: "Once shared the PAI cannot be changed: changes will make a new version",
    share_saves_first: "Changes not yet saved are saved first.",
    share_blocked_title: "The PAI cannot be shared yet",
    share_fix: "Complete the plan and try again.",
    export_title: "Export the PAI",
    export_text: "The plan as PDF and as FHIR R4 CarePlan (JSON), into the folder below.",
    f_folder: "Folder",
    err_folder_empty: "Give the folder to write into",
    title_new_item: "New service",
    title_new_farmaco: "New drug",
    title_edit_farmaco: "Drug",
    f_categoria: "Category",
    f_descrizione: "Description",
    f_codice: "Service code",
    f_frequenza: "Frequency",
    f_luogo: "Where",
    f_risorsa: "Resource on site",
    f_erogatore: "External provider",
    f_preparazione: "Preparation",
    f_dopo: "After the results of",
    f_patologie: "Pathologies",
    f_note: "Notes",
    f_farmaco: "Drug",
    f_principio: "Active ingredient",
    f_posologia: "Dosage",
    f_durata: "Duration",
    f_tipo: "Kind",
    f_consiglio: "Advice",
    f_vaccinazione: "Vaccination",
    f_voce: "Code or description",
    luogo_in_sede: "on site",
    luogo_esterno: "external",
    h_categoria: "Space changes the category.",
    h_descrizione: "The name of the service, e.g. Emoglobina glicata (HbA1c).",
    h_codice: "Nomenclatore code, if known (e.g. 90.28.1).",
    h_frequenza: "Italian, as the desk writes it: 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile.",
    h_luogo: "Space: on site (a resource of the agenda) or external (a provider).",
    h_risorsa: "The kind of agenda resource, e.g. punto prelievi, ambulatorio MMG, ECG.",
    h_erogatore: "The external facility or specialty, e.g. cardiologia.",
    h_preparazione: "E.g. a digiuno (fasting), first morning urine sample.",
    h_dopo: "Space: choose the services whose results are needed first.",
    h_patologie: "The codes of the pathologies that need it, comma separated (e.g. DM2, IPA).",
    h_note: "Notes for the Clinical Manager and for whoever books.",
    h_farmaco: "The brand name, as prescribed.",
    h_principio: "The active ingredient (one of the two names is enough).",
    h_posologia: "E.g. 1 tablet in the morning.",
    h_durata: "E.g. ongoing, 3 months.",
    h_note_farmaco: "Notes on the prescription.",
    h_tipo: "Space: exemption or allergy.",
    h_consiglio: "A lifestyle advice (at least one is needed to share).",
    h_vaccinazione: "E.g. influenza (autumn campaign), pneumococcal.",
    h_voce: "The exemption code (e.g. 013) or the allergy (e.g. penicillin).",
    err_descrizione: "Give the description of the service",
    err_frequenza_vuota: "Give the frequency (e.g. 4/anno, ogni 6 mesi, una volta)",
    err_risorsa: "Give the resource on site (e.g. punto prelievi)",
    err_erogatore: "Give the external provider (e.g. cardiologia)",
    err_farmaco: "Give the drug or the active ingredient",
    err_riga: "The text is empty",
    dopo_nessuna: "none (Space to choose)",
    dopo_title: "After the results of",
    dopo_text: "The services whose results are needed first:",
    dopo_empty: "No other service in the plan.",
};

/// The texts of F6, the agenda, and of the planning of a PAI.
pub struct AgendaStrings {
    pub lang: Lang,
    pub ctx_agenda: &'static str,
    pub ctx_plan: &'static str,
    pub title_plan: &'static str,
    pub k_prev_day: &'static str,
    pub k_next_day: &'static str,
    pub k_today: &'static str,
    pub k_goto: &'static str,
    pub k_resource: &'static str,
    pub k_done: &'static str,
    pub k_no_show: &'static str,
    pub k_booked: &'static str,
    pub k_cancel: &'static str,
    pub k_move: &'static str,
    pub k_print: &'static str,
    pub k_plan: &'static str,
    pub k_tick: &'static str,
    pub k_book: &'static str,
    pub col_ora: &'static str,
    pub col_fine: &'static str,
    pub col_dove: &'static str,
    pub col_paziente: &'static str,
    pub col_prestazione: &'static str,
    pub col_stato: &'static str,
    pub col_data: &'static str,
    pub label_day: &'static str,
    pub label_resource: &'static str,
    pub all_resources: &'static str,
    pub empty_day: &'static str,
    pub weekdays: [&'static str; 7],
    pub goto_title: &'static str,
    pub label_date: &'static str,
    pub label_time: &'static str,
    pub label_motivo: &'static str,
    pub label_forzatura: &'static str,
    pub cancel_title: &'static str,
    pub move_title: &'static str,
    pub move_intro: &'static str,
    pub err_date: &'static str,
    pub err_time: &'static str,
    pub err_motivo: &'static str,
    pub no_selection: &'static str,
    pub marked_done: &'static str,
    pub marked_no_show: &'static str,
    pub marked_booked: &'static str,
    /// The state of a booked appointment outside availability, in the day list.
    pub fuori_short: &'static str,
    pub cancelled: &'static str,
    pub no_patient: &'static str,
    pub no_pai: &'static str,
    pub head_proposals: &'static str,
    pub head_unplaced: &'static str,
    pub head_esterni: &'static str,
    pub no_proposals: &'static str,
    pub none_selected: &'static str,
    // Week view.
    pub ctx_week: &'static str,
    pub k_week: &'static str,
    pub k_prev_week: &'static str,
    pub k_day_before: &'static str,
    pub k_day_after: &'static str,
    pub k_days: &'static str,
    pub k_weeks: &'static str,
    pub k_day_pages: &'static str,
    pub k_next_week: &'static str,
    pub k_open_day: &'static str,
    pub label_week: &'static str,
    pub closed: &'static str,
    // Moving to another resource.
    pub pick_resource_title: &'static str,
    pub pick_resource_text: &'static str,
    pub pick_slot_title: &'static str,
    pub pick_slot_text: &'static str,
    pub slot_more: &'static str,
    pub slot_type: &'static str,
    pub no_free_slots: &'static str,
    // The patient's preferences.
    pub k_prefs: &'static str,
    pub prefs_title: &'static str,
    pub prefs_intro: &'static str,
    pub label_fascia: &'static str,
    pub yes_no: [&'static str; 2],
    pub fasce: [&'static str; 3],
    pub prefs_saved: &'static str,
    /// The planning screen's save lost a place to another desk.
    pub plan_taken: &'static str,
    /// The F8 free-slot list's choice was taken by another desk.
    pub slot_taken: &'static str,
    pub prefs_label: &'static str,
    pub prefs_none: &'static str,
    pub weekdays_short: [&'static str; 7],
    // F7, the recall lists of the PAI.
    pub ctx_richiami_pai: &'static str,
    pub ctx_richiami_aderenza: &'static str,
    pub tab_da_prenotare: &'static str,
    pub tab_non_presentati: &'static str,
    pub tab_non_presentati_short: &'static str,
    pub tab_patti_short: &'static str,
    pub tab_aderenza: &'static str,
    pub k_section: &'static str,
    pub k_plan_patient: &'static str,
    pub k_open_record: &'static str,
    pub col_dal: &'static str,
    pub col_al: &'static str,
    pub col_aderenza: &'static str,
    pub col_aderenza_short: &'static str,
    pub col_eseguite: &'static str,
    pub col_gestore: &'static str,
    pub late: &'static str,
    pub empty_da_prenotare: &'static str,
    pub empty_non_presentati: &'static str,
    pub empty_aderenza: &'static str,
}

impl AgendaStrings {
    /// "N appuntamenti in M giorni (viaggi)".
    pub fn summary(&self, appointments: usize, days: u32) -> String {
        match self.lang {
            Lang::It => format!(
                "{appointments} {} in {days} {} (viaggi)",
                if appointments == 1 {
                    "appuntamento"
                } else {
                    "appuntamenti"
                },
                if days == 1 { "giorno" } else { "giorni" }
            ),
            Lang::En => format!(
                "{appointments} {} on {days} {} (trips)",
                if appointments == 1 {
                    "appointment"
                } else {
                    "appointments"
                },
                if days == 1 { "day" } else { "days" }
            ),
        }
    }

    /// "Appuntamento spostato a lunedì 14/12/2026 alle 09:30".
    pub fn moved_to(&self, day: &str, time: &str) -> String {
        match self.lang {
            Lang::It => format!("Appuntamento spostato a {day} alle {time}"),
            Lang::En => format!("Appointment moved to {day} at {time}"),
        }
    }

    pub fn booked(&self, n: usize) -> String {
        match self.lang {
            Lang::It if n == 1 => "Prenotato 1 appuntamento".to_string(),
            Lang::It => format!("Prenotati {n} appuntamenti"),
            Lang::En if n == 1 => "1 appointment booked".to_string(),
            Lang::En => format!("{n} appointments booked"),
        }
    }

    pub fn printed(&self, pdf: &str, txt: &str) -> String {
        match self.lang {
            Lang::It => format!("Lista del giorno salvata: {pdf} e {txt}"),
            Lang::En => format!("Day list saved: {pdf} and {txt}"),
        }
    }

    /// "+3 altri" under a full column of the week view.
    pub fn more(&self, n: usize) -> String {
        match self.lang {
            Lang::It if n == 1 => "+1 altro".to_string(),
            Lang::It => format!("+{n} altri"),
            Lang::En => format!("+{n} more"),
        }
    }

    pub fn head_da_prenotare(&self, n: usize, late: usize) -> String {
        match self.lang {
            Lang::It => format!(
                "Da prenotare: {n} (finestra aperta o entro 60 giorni) · in ritardo: {late}"
            ),
            Lang::En => format!("To book: {n} (window open or within 60 days) · overdue: {late}"),
        }
    }

    pub fn head_non_presentati(&self, n: usize) -> String {
        match self.lang {
            Lang::It => format!("Da riprenotare: {n} (appuntamenti non presentati)"),
            Lang::En => format!("To rebook: {n} (missed appointments)"),
        }
    }

    pub fn head_aderenza(&self, n: usize) -> String {
        match self.lang {
            Lang::It => format!(
                "Pazienti: {n} · prestazioni eseguite nella finestra, dalla quota più bassa"
            ),
            Lang::En => {
                format!("Patients: {n} · services due done within their window, lowest share first")
            }
        }
    }

    /// After the count of a day: how many are outside availability.
    pub fn fuori_count(&self, n: usize) -> String {
        match self.lang {
            Lang::It => format!("! {n} fuori disponibilità: F8 per spostare"),
            Lang::En => format!("! {n} outside availability: F8 to move"),
        }
    }

    pub fn count(&self, n: usize) -> String {
        match self.lang {
            Lang::It if n == 1 => "1 appuntamento".to_string(),
            Lang::It => format!("{n} appuntamenti"),
            Lang::En if n == 1 => "1 appointment".to_string(),
            Lang::En => format!("{n} appointments"),
        }
    }

    pub fn esterno(&self, what: &str, from: &str, to: &str) -> String {
        match self.lang {
            Lang::It => {
                format!("{what}: da prenotare tramite il sistema regionale tra {from} e {to}")
            }
            Lang::En => {
                format!("{what}: to book through the regional system between {from} and {to}")
            }
        }
    }
}

static AGENDA_IT: AgendaStrings = AgendaStrings {
    lang: Lang::It,
    ctx_agenda: "Agenda (F6)",
    ctx_plan: "Pianificazione del PAI",
    title_plan: "Pianificazione del PAI",
    k_prev_day: "giorno prima",
    k_next_day: "giorno dopo",
    k_today: "oggi",
    k_goto: "vai alla data",
    k_resource: "risorsa",
    k_done: "eseguito",
    k_no_show: "non presentato",
    k_booked: "riporta a prenotato (segnato per errore)",
    k_cancel: "annulla",
    k_move: "sposta",
    k_print: "stampa lista",
    k_plan: "pianifica PAI",
    k_tick: "seleziona",
    k_book: "prenota",
    col_ora: "Ora",
    col_fine: "Fine",
    col_dove: "Dove",
    col_paziente: "Paziente",
    col_prestazione: "Prestazione",
    col_stato: "Stato",
    col_data: "Data",
    label_day: "Giorno",
    label_resource: "Risorsa",
    all_resources: "tutte",
    empty_day: "Nessun appuntamento in questa giornata.",
    weekdays: [
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ],
    goto_title: "Vai alla data",
    label_date: "Data (gg/mm/aaaa)",
    label_time: "Ora (hh:mm)",
    label_motivo: "Motivo",
    label_forzatura: "Forzatura (motivo)",
    cancel_title: "Annulla appuntamento",
    move_title: "Sposta appuntamento",
    move_intro: "Nuova data e ora. La forzatura serve solo se lo spostamento crea un conflitto.",
    err_date: "Data non valida: usare gg/mm/aaaa",
    err_time: "Ora non valida: usare hh:mm",
    err_motivo: "Indicare il motivo dell'annullamento",
    no_selection: "Nessun appuntamento selezionato",
    marked_done: "Appuntamento segnato come eseguito (Ctrl+R lo riporta a prenotato)",
    marked_no_show: "Appuntamento segnato come non presentato (Ctrl+R lo riporta a prenotato)",
    marked_booked: "Appuntamento riportato a prenotato",
    fuori_short: "! fuori disp.",
    cancelled: "Appuntamento annullato",
    no_patient: "Nessun paziente selezionato: cercarlo in F2, poi F6",
    no_pai: "Il paziente non ha un PAI condiviso da pianificare",
    head_proposals: "Proposte",
    head_unplaced: "Non collocate",
    head_esterni: "Da prenotare tramite il sistema regionale",
    no_proposals: "Nessuna proposta: tutto già prenotato o non collocabile.",
    none_selected: "Nessuna proposta selezionata",
    ctx_week: "Agenda, settimana (F6)",
    k_week: "giorno/settimana",
    k_prev_week: "settimana prima",
    k_day_before: "giorno prima (settimana)",
    k_day_after: "giorno dopo (settimana)",
    k_days: "giorno",
    k_weeks: "settimana prima/dopo",
    k_day_pages: "giorno prima/dopo",
    k_next_week: "settimana dopo",
    k_open_day: "giorno",
    label_week: "Settimana",
    closed: "chiuso",
    pick_resource_title: "Sposta su quale risorsa",
    pick_resource_text: "Scegliere la risorsa, poi il posto libero.",
    pick_slot_title: "Sposta al posto libero",
    pick_slot_text: "I prossimi posti liberi: Invio per spostarlo.",
    slot_more: "Più avanti…",
    slot_type: "Altra data e ora…",
    no_free_slots: "Nessun posto libero nei prossimi 12 mesi: indicare data e ora.",
    k_prefs: "preferenze",
    prefs_title: "Preferenze del paziente",
    prefs_intro: "Giorni e fascia oraria in cui il paziente preferisce venire: le proposte li rispettano quando possibile. Spazio cambia la scelta; nessun giorno scelto vale come tutti.",
    label_fascia: "Fascia oraria",
    yes_no: ["sì", "no"],
    fasce: ["qualsiasi", "mattina", "pomeriggio"],
    prefs_saved: "Preferenze salvate: proposte ricalcolate",
    plan_taken: "Un altro sportello ha appena preso un posto proposto: ecco nuove proposte sui posti liberi",
    slot_taken: "Un altro sportello ha appena preso quel posto: ecco i posti ancora liberi",
    prefs_label: "Preferenze",
    prefs_none: "nessuna",
    weekdays_short: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
    ctx_richiami_pai: "Richiami del PAI (F7)",
    ctx_richiami_aderenza: "Aderenza al PAI (F7)",
    tab_da_prenotare: "Da prenotare",
    tab_non_presentati: "Non presentati",
    tab_non_presentati_short: "Non pres.",
    tab_patti_short: "Patti",
    tab_aderenza: "Aderenza",
    k_section: "sezione",
    k_plan_patient: "pianifica in agenda",
    k_open_record: "apri la scheda",
    col_dal: "Dal",
    col_al: "Entro",
    col_aderenza: "Aderenza",
    col_aderenza_short: "Ader.",
    col_eseguite: "Eseguite/dovute",
    col_gestore: "Gestore",
    late: "in ritardo",
    empty_da_prenotare: "Nessuna prestazione del PAI da prenotare.",
    empty_non_presentati: "Nessun appuntamento non presentato da riprenotare.",
    empty_aderenza: "Nessun paziente con prestazioni già dovute.",
};

static AGENDA_EN: AgendaStrings = AgendaStrings {
    lang: Lang::En,
    ctx_agenda: "Agenda (F6)",
    ctx_plan: "Planning the PAI",
    title_plan: "Planning the PAI",
    k_prev_day: "previous day",
    k_next_day: "next day",
    k_today: "today",
    k_goto: "go to date",
    k_resource: "resource",
    k_done: "done",
    k_no_show: "no-show",
    k_booked: "back to booked (marked by mistake)",
    k_cancel: "cancel",
    k_move: "move",
    k_print: "print list",
    k_plan: "plan PAI",
    k_tick: "select",
    k_book: "book",
    col_ora: "Time",
    col_fine: "End",
    col_dove: "Where",
    col_paziente: "Patient",
    col_prestazione: "Service",
    col_stato: "State",
    col_data: "Date",
    label_day: "Day",
    label_resource: "Resource",
    all_resources: "all",
    empty_day: "No appointments on this day.",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    goto_title: "Go to date",
    label_date: "Date (dd/mm/yyyy)",
    label_time: "Time (hh:mm)",
    label_motivo: "Reason",
    label_forzatura: "Override (reason)",
    cancel_title: "Cancel appointment",
    move_title: "Move appointment",
    move_intro: "New date and time. The override is needed only when the move creates a conflict.",
    err_date: "Invalid date: use dd/mm/yyyy",
    err_time: "Invalid time: use hh:mm",
    err_motivo: "Give the reason for the cancellation",
    no_selection: "No appointment selected",
    marked_done: "Appointment marked as done (Ctrl+R sets it back to booked)",
    marked_no_show: "Appointment marked as no-show (Ctrl+R sets it back to booked)",
    marked_booked: "Appointment set back to booked",
    fuori_short: "! unavailable",
    cancelled: "Appointment cancelled",
    no_patient: "No patient selected: find one in F2, then F6",
    no_pai: "The patient has no shared PAI to plan",
    head_proposals: "Proposals",
    head_unplaced: "Not placed",
    head_esterni: "To book through the regional system",
    no_proposals: "No proposals: everything is booked or cannot be placed.",
    none_selected: "No proposal selected",
    ctx_week: "Agenda, week (F6)",
    k_week: "day/week",
    k_prev_week: "previous week",
    k_day_before: "day before (week)",
    k_day_after: "day after (week)",
    k_days: "day",
    k_weeks: "previous/next week",
    k_day_pages: "previous/next day",
    k_next_week: "next week",
    k_open_day: "day",
    label_week: "Week",
    closed: "closed",
    pick_resource_title: "Move to which resource",
    pick_resource_text: "Choose the resource, then the free place.",
    pick_slot_title: "Move to a free place",
    pick_slot_text: "The next free places: Enter to move it.",
    slot_more: "Further ahead…",
    slot_type: "Another date and time…",
    no_free_slots: "No free place in the next 12 months: type a date and time.",
    k_prefs: "preferences",
    prefs_title: "Patient's preferences",
    prefs_intro: "Days and time of day the patient prefers: proposals honour them when possible. Space changes the choice; no day chosen means any day.",
    label_fascia: "Time of day",
    yes_no: ["yes", "no"],
    fasce: ["any", "morning", "afternoon"],
    prefs_saved: "Preferences saved: proposals recomputed",
    plan_taken: "Another desk just took a proposed place: here are new proposals on the free places",
    slot_taken: "Another desk just took that place: here are the places still free",
    prefs_label: "Preferences",
    prefs_none: "none",
    weekdays_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    ctx_richiami_pai: "PAI recalls (F7)",
    ctx_richiami_aderenza: "PAI adherence (F7)",
    tab_da_prenotare: "To book",
    tab_non_presentati: "Missed",
    tab_non_presentati_short: "Missed",
    tab_patti_short: "Patti",
    tab_aderenza: "Adherence",
    k_section: "section",
    k_plan_patient: "plan in the agenda",
    k_open_record: "open the record",
    col_dal: "From",
    col_al: "By",
    col_aderenza: "Adherence",
    col_aderenza_short: "Adh.",
    col_eseguite: "Done/due",
    col_gestore: "Gestore",
    late: "overdue",
    empty_da_prenotare: "No PAI service to book.",
    empty_non_presentati: "No missed appointment to rebook.",
    empty_aderenza: "No patient with services already due.",
};

/// The texts of Amministrazione's agenda set-up: resources, time ranges
/// (fasce), closures and the appointments outside availability.
pub struct AgendaAdminStrings {
    pub lang: Lang,
    pub ctx_risorse: &'static str,
    pub ctx_chiusure: &'static str,
    pub ctx_fuori: &'static str,
    pub sec_risorse: &'static str,
    pub sec_risorse_text: &'static str,
    pub sec_chiusure: &'static str,
    pub sec_chiusure_text: &'static str,
    pub sec_fuori: &'static str,
    pub sec_fuori_text: &'static str,
    pub k_new: &'static str,
    pub k_edit: &'static str,
    pub k_remove: &'static str,
    pub k_switch: &'static str,
    pub k_move: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub col_nome: &'static str,
    pub col_tipo: &'static str,
    pub col_attiva: &'static str,
    pub col_fasce: &'static str,
    pub col_validita: &'static str,
    pub col_giorno: &'static str,
    pub col_orario: &'static str,
    pub col_slot: &'static str,
    pub col_capacita: &'static str,
    pub col_dal: &'static str,
    pub col_al: &'static str,
    pub col_periodo: &'static str,
    pub col_risorsa: &'static str,
    pub col_motivo: &'static str,
    pub col_data: &'static str,
    pub col_ora: &'static str,
    pub col_paziente: &'static str,
    pub col_prestazione: &'static str,
    pub col_perche: &'static str,
    pub no_resources: &'static str,
    pub no_fasce: &'static str,
    pub no_fasce_yet: &'static str,
    pub add_resource_first: &'static str,
    pub remove_where: &'static str,
    pub h_risorse: &'static str,
    pub h_fasce: &'static str,
    pub h_chiusure: &'static str,
    pub h_fuori: &'static str,
    pub new_resource_title: &'static str,
    pub resource_intro: &'static str,
    pub f_nome: &'static str,
    pub f_tipo: &'static str,
    pub f_attiva: &'static str,
    pub fascia_intro: &'static str,
    pub f_dalle: &'static str,
    pub f_alle: &'static str,
    pub f_durata: &'static str,
    pub f_capacita: &'static str,
    pub f_valido_dal: &'static str,
    pub f_valido_al: &'static str,
    pub remove_fascia_title: &'static str,
    pub err_nome: &'static str,
    pub resource_missing: &'static str,
    pub whole_practice: &'static str,
    pub new_closure_title: &'static str,
    pub closure_intro: &'static str,
    pub f_risorsa: &'static str,
    pub f_dal: &'static str,
    pub f_al: &'static str,
    pub f_dalle_opt: &'static str,
    pub f_alle_opt: &'static str,
    pub f_motivo: &'static str,
    pub err_motivo: &'static str,
    pub err_part_of_one_day: &'static str,
    pub no_closures: &'static str,
    pub remove_closure_title: &'static str,
    pub closure_removed: &'static str,
    pub nothing_outside: &'static str,
    pub move_title: &'static str,
    pub no_free_slot: &'static str,
    pub f_giorni_referto: &'static str,
    pub f_giorni: &'static str,
    pub k_copy_week: &'static str,
    pub copy_week_title: &'static str,
    pub f_copy_to: &'static str,
    pub copy_week_needs_two: &'static str,
    pub copy_week_nothing: &'static str,
}

impl AgendaAdminStrings {
    fn pick(&self, it: String, en: String) -> String {
        match self.lang {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// The day's name: "lunedì".
    pub fn weekday(&self, d: chrono::Weekday) -> &'static str {
        let i = d.num_days_from_monday() as usize;
        match self.lang {
            Lang::It => [
                "lunedì",
                "martedì",
                "mercoledì",
                "giovedì",
                "venerdì",
                "sabato",
                "domenica",
            ][i],
            Lang::En => [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ][i],
        }
    }

    pub fn minutes(&self, n: u16) -> String {
        format!("{n} min")
    }

    pub fn err_time(&self, field: &str, text: &str) -> String {
        self.pick(
            format!("{field}: orario non valido «{text}». Scrivere ore e minuti, es. 08:30"),
            format!("{field}: invalid time \"{text}\". Type hours and minutes, e.g. 08:30"),
        )
    }

    pub fn err_date(&self, field: &str, text: &str) -> String {
        self.pick(
            format!("{field}: data non valida «{text}». Scrivere gg/mm/aaaa, es. 07/12/2026"),
            format!("{field}: invalid date \"{text}\". Type dd/mm/yyyy, e.g. 07/12/2026"),
        )
    }

    pub fn err_number(&self, field: &str, text: &str) -> String {
        self.pick(
            format!("{field}: scrivere un numero intero (non «{text}»)"),
            format!("{field}: type a whole number (not \"{text}\")"),
        )
    }

    pub fn err_al_before(&self, al: &str, dal: &str) -> String {
        self.pick(
            format!("«Al» ({al}) è prima di «Dal» ({dal}): correggere le date"),
            format!("\"To\" ({al}) is before \"From\" ({dal}): correct the dates"),
        )
    }

    pub fn err_end_before(&self, alle: &str, dalle: &str) -> String {
        self.pick(
            format!("L'orario di fine ({alle}) deve essere dopo quello di inizio ({dalle})"),
            format!("The end time ({alle}) must be after the start ({dalle})"),
        )
    }

    /// A rule of the agenda broken (the domain's Italian message), and what to do.
    pub fn fix(&self, message: &str) -> String {
        self.pick(
            format!("Da correggere: {message}"),
            format!("To correct: {message}"),
        )
    }

    /// What happens to the minutes of a range that the slots do not fill.
    pub fn remainder(&self, fascia: &str, slot: u16, slots: u32, rest: u32) -> String {
        self.pick(
            format!("Nota: {fascia} con slot di {slot} minuti dà {slots} slot; gli ultimi {rest} minuti restano senza slot"),
            format!("Note: {fascia} with {slot}-minute slots gives {slots} slots; the last {rest} minutes have no slot"),
        )
    }

    pub fn valid_from(&self, from: &str) -> String {
        self.pick(format!("dal {from}"), format!("from {from}"))
    }

    pub fn valid_from_to(&self, from: &str, to: &str) -> String {
        self.pick(format!("dal {from} al {to}"), format!("{from} to {to}"))
    }

    pub fn resources_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::It, 1) => "1 risorsa in agenda".to_string(),
            (Lang::It, _) => format!("{n} risorse in agenda"),
            (Lang::En, 1) => "1 resource in the agenda".to_string(),
            (Lang::En, _) => format!("{n} resources in the agenda"),
        }
    }

    pub fn fasce_of(&self, nome: &str) -> String {
        self.pick(
            format!("Fasce orarie settimanali di «{nome}»"),
            format!("Weekly time ranges of \"{nome}\""),
        )
    }

    pub fn edit_resource_title(&self, nome: &str) -> String {
        self.pick(format!("Risorsa «{nome}»"), format!("Resource \"{nome}\""))
    }

    pub fn new_fascia_title(&self, nome: &str) -> String {
        self.pick(
            format!("Nuova fascia di «{nome}»"),
            format!("New time range of \"{nome}\""),
        )
    }

    pub fn edit_fascia_title(&self, fascia: &str, nome: &str) -> String {
        self.pick(
            format!("Fascia {fascia} di «{nome}»"),
            format!("Time range {fascia} of \"{nome}\""),
        )
    }

    pub fn remove_fascia_question(&self, fascia: &str, nome: &str) -> String {
        self.pick(
            format!("Eliminare la fascia {fascia} di «{nome}»? Gli appuntamenti già presi in quella fascia verranno elencati da spostare."),
            format!("Remove the time range {fascia} of \"{nome}\"? Appointments already booked in it will be listed to move."),
        )
    }

    pub fn resource_added(&self, nome: &str) -> String {
        self.pick(
            format!("Risorsa «{nome}» aggiunta: ora le sue fasce orarie (Ctrl+N)"),
            format!("Resource \"{nome}\" added: now its time ranges (Ctrl+N)"),
        )
    }

    pub fn resource_saved(&self, nome: &str) -> String {
        self.pick(
            format!("Risorsa «{nome}» salvata"),
            format!("Resource \"{nome}\" saved"),
        )
    }

    pub fn err_giorni_referto(&self, days: u16) -> String {
        self.pick(
            format!(
                "Risultati dopo: {days} giorni lavorativi sono troppi (al massimo {})",
                crate::domain::agenda::GIORNI_REFERTO_MAX
            ),
            format!(
                "Results after: {days} working days are too many (at most {})",
                crate::domain::agenda::GIORNI_REFERTO_MAX
            ),
        )
    }

    pub fn err_giorni(&self, text: &str) -> String {
        self.pick(
            format!("Giorni: scrivere uno o più giorni, es. «lun-ven», «lun,mer,ven», «sab» (non «{text}»)"),
            format!("Days: type one or more days, e.g. \"lun-ven\", \"lun,mer,ven\", \"sab\" (not \"{text}\")"),
        )
    }

    pub fn fasce_saved(&self, n: usize, fasce: &str, nome: &str) -> String {
        match n {
            1 => self.fascia_saved(fasce, nome),
            _ => self.pick(
                format!("{n} fasce di «{nome}» salvate: {fasce}"),
                format!("{n} time ranges of \"{nome}\" saved: {fasce}"),
            ),
        }
    }

    pub fn copy_week_intro(&self, from: &str) -> String {
        self.pick(
            format!("Le fasce orarie di «{from}» sostituiranno quelle della risorsa scelta. Spazio cambia la risorsa."),
            format!("The time ranges of \"{from}\" will replace those of the chosen resource. Space changes the resource."),
        )
    }

    pub fn copy_week_replaced(&self, to: &str, fasce: &str) -> String {
        if fasce.is_empty() {
            return self.pick(
                format!("«{to}» non ha fasce orarie: nulla viene sostituito."),
                format!("\"{to}\" has no time ranges: nothing is replaced."),
            );
        }
        self.pick(
            format!("Si sostituiscono le fasce di «{to}»: {fasce}."),
            format!("The time ranges of \"{to}\" replaced: {fasce}."),
        )
    }

    pub fn copy_week_new(&self, from: &str, fasce: &str) -> String {
        self.pick(
            format!("Al loro posto, quelle di «{from}»: {fasce}."),
            format!("In their place, those of \"{from}\": {fasce}."),
        )
    }

    pub fn copy_week_question(&self, from: &str, to: &str) -> String {
        self.pick(
            format!("Copiare la settimana di «{from}» su «{to}»?"),
            format!("Copy the week of \"{from}\" to \"{to}\"?"),
        )
    }

    pub fn week_copied(&self, from: &str, to: &str, n: usize) -> String {
        self.pick(
            format!("Settimana di «{from}» copiata su «{to}» ({n} fasce)"),
            format!("Week of \"{from}\" copied to \"{to}\" ({n} time ranges)"),
        )
    }

    pub fn fascia_saved(&self, fascia: &str, nome: &str) -> String {
        self.pick(
            format!("Fascia {fascia} di «{nome}» salvata"),
            format!("Time range {fascia} of \"{nome}\" saved"),
        )
    }

    pub fn fascia_removed(&self, fascia: &str, nome: &str) -> String {
        self.pick(
            format!("Fascia {fascia} di «{nome}» eliminata"),
            format!("Time range {fascia} of \"{nome}\" removed"),
        )
    }

    /// A save that left appointments outside availability.
    pub fn now_outside(&self, done: &str, n: usize) -> String {
        match (self.lang, n) {
            (Lang::It, 1) => {
                format!("{done}. Un appuntamento ora è fuori disponibilità: Invio per spostarlo")
            }
            (Lang::It, _) => format!(
                "{done}. {n} appuntamenti ora fuori disponibilità: Invio su ciascuno per spostarlo"
            ),
            (Lang::En, 1) => {
                format!("{done}. One appointment is now outside availability: Enter to move it")
            }
            (Lang::En, _) => {
                format!(
                    "{done}. {n} appointments now outside availability: Enter on each to move it"
                )
            }
        }
    }

    /// The automatic closures, so that they are not typed in.
    pub fn holidays_note(&self, next: &str) -> String {
        self.pick(
            format!("Festività nazionali e santo patrono del comune dello studio sono chiusure automatiche: non inserirle. Prossime: {next}."),
            format!("National holidays and the patron saint of the practice's comune are closed automatically: do not enter them. Next: {next}."),
        )
    }

    pub fn closures_count(&self, n: usize) -> String {
        if n == 1 {
            return self.pick("1 chiusura".to_string(), "1 closure".to_string());
        }
        self.pick(format!("{n} chiusure"), format!("{n} closures"))
    }

    pub fn closure_added(&self, periodo: &str) -> String {
        self.pick(
            format!("Chiusura {periodo} salvata"),
            format!("Closure {periodo} saved"),
        )
    }

    pub fn remove_closure_question(&self, periodo: &str, risorsa: &str) -> String {
        self.pick(
            format!("Eliminare la chiusura {periodo} ({risorsa})?"),
            format!("Remove the closure {periodo} ({risorsa})?"),
        )
    }

    pub fn outside_count(&self, n: usize) -> String {
        let why = self.pick(
            "fuori disponibilità (chiusure, festivi, orari cambiati): da spostare".into(),
            "outside availability (closures, holidays, changed hours): to move".into(),
        );
        match (self.lang, n) {
            (Lang::It, 1) => format!("Un appuntamento prenotato {why}"),
            (Lang::It, _) => format!("{n} appuntamenti prenotati {why}"),
            (Lang::En, 1) => format!("One booked appointment {why}"),
            (Lang::En, _) => format!("{n} booked appointments {why}"),
        }
    }

    pub fn move_what(&self, patient: &str, what: &str, when: &str) -> String {
        self.pick(
            format!("{patient}: {what}, ora il {when}"),
            format!("{patient}: {what}, now on {when}"),
        )
    }

    pub fn move_to(&self, when: &str, risorsa: &str) -> String {
        self.pick(
            format!(
                "Primo posto libero: {when} ({risorsa}). Invio per spostarlo, Esc per lasciarlo."
            ),
            format!("First free place: {when} ({risorsa}). Enter to move it, Esc to leave it."),
        )
    }

    pub fn move_together(&self, what: &str) -> String {
        self.pick(
            format!("Nello stesso posto si spostano con lui: {what}."),
            format!("Moved with it, in the same place: {what}."),
        )
    }

    pub fn place_taken(&self, why: &str) -> String {
        self.pick(
            format!("Il posto proposto non è più libero ({why}): ecco il successivo"),
            format!("The proposed place is no longer free ({why}): here is the next one"),
        )
    }

    pub fn moved(&self, n: usize, when: &str, left: usize) -> String {
        match n {
            1 => self.pick(
                format!("Appuntamento spostato al {when}; ne restano {left} da spostare"),
                format!("Appointment moved to {when}; {left} left to move"),
            ),
            _ => self.pick(
                format!("{n} appuntamenti spostati al {when}; ne restano {left} da spostare"),
                format!("{n} appointments moved to {when}; {left} left to move"),
            ),
        }
    }
}

static AGENDA_ADMIN_IT: AgendaAdminStrings = AgendaAdminStrings {
    lang: Lang::It,
    ctx_risorse: "Risorse agenda e fasce",
    ctx_chiusure: "Chiusure",
    ctx_fuori: "Appuntamenti fuori disponibilità",
    sec_risorse: "Risorse agenda",
    sec_risorse_text: "Le risorse su cui si prenota (studio, punto prelievi, ECG...) e i loro orari settimanali: giorno, fascia, durata dello slot, posti.",
    sec_chiusure: "Chiusure",
    sec_chiusure_text: "Giorni, periodi o parti di giornata in cui lo studio o una risorsa è chiuso. Festivi e santo patrono sono già esclusi.",
    sec_fuori: "Fuori disponibilità",
    sec_fuori_text: "Gli appuntamenti prenotati che una chiusura o un cambio di orari ha lasciato fuori: spostarli al primo posto libero.",
    k_new: "nuova",
    k_edit: "modifica",
    k_remove: "elimina",
    k_switch: "risorse/fasce",
    k_move: "proponi spostamento",
    yes: "sì",
    no: "no",
    col_nome: "Nome",
    col_tipo: "Tipo",
    col_attiva: "Attiva",
    col_fasce: "Fasce",
    col_validita: "Validità",
    col_giorno: "Giorno",
    col_orario: "Orario",
    col_slot: "Slot",
    col_capacita: "Posti",
    col_dal: "Dal",
    col_al: "Al",
    col_periodo: "Periodo",
    col_risorsa: "Risorsa",
    col_motivo: "Motivo",
    col_data: "Data",
    col_ora: "Ora",
    col_paziente: "Paziente",
    col_prestazione: "Prestazione",
    col_perche: "Perché",
    no_resources: "Nessuna risorsa: Ctrl+N per aggiungere la prima (es. «Punto prelievi»).",
    no_fasce: "Nessuna fascia oraria: senza fasce la risorsa non offre posti. Tab, poi Ctrl+N per aggiungerne una.",
    no_fasce_yet: "Nessuna fascia selezionata.",
    add_resource_first: "Prima aggiungere una risorsa con Ctrl+N.",
    remove_where: "Si eliminano le fasce: Tab per passare alle fasce, scegliere la riga, Ctrl+D. Una risorsa non più in uso si disattiva (Invio, Attiva: no).",
    h_risorse: "↑↓ risorsa · Invio modifica · Ctrl+N nuova risorsa · Ctrl+W copia la settimana su un'altra risorsa · Tab fasce orarie della risorsa · Esc indietro",
    h_fasce: "↑↓ fascia · Invio modifica · Ctrl+N nuova fascia · Ctrl+D elimina · Tab torna alle risorse",
    h_chiusure: "↑↓ chiusura · Ctrl+N nuova chiusura · Ctrl+D elimina · Esc indietro",
    h_fuori: "↑↓ appuntamento · Invio propone il primo posto libero della stessa risorsa · Esc indietro",
    new_resource_title: "Nuova risorsa",
    resource_intro: "Spazio cambia il tipo e lo stato; il tipo collega la risorsa alle prestazioni dei PAI.",
    f_nome: "Nome",
    f_tipo: "Tipo",
    f_attiva: "Attiva",
    fascia_intro: "Giorni: uno («lun»), un intervallo («lun-ven») o un elenco («lun,mer,ven»): una fascia per giorno. Orari hh:mm, date gg/mm/aaaa; «Valida al» vuoto = senza scadenza.",
    f_dalle: "Dalle",
    f_alle: "Alle",
    f_durata: "Slot (minuti)",
    f_capacita: "Posti per slot",
    f_valido_dal: "Valida dal",
    f_valido_al: "Valida al",
    remove_fascia_title: "Eliminare la fascia?",
    err_nome: "Indicare il nome della risorsa (es. «Studio dott. Rossi»).",
    resource_missing: "La risorsa non c'è più: Esc e riaprire la sezione.",
    whole_practice: "Tutto lo studio",
    new_closure_title: "Nuova chiusura",
    closure_intro: "Un giorno: solo «Dal». Più giorni: «Dal» e «Al». Parte di un giorno: «Dal» con «Dalle» e «Alle». Spazio cambia la risorsa.",
    f_risorsa: "Risorsa",
    f_dal: "Dal (gg/mm/aaaa)",
    f_al: "Al (vuoto = un giorno)",
    f_dalle_opt: "Dalle (vuoto = tutto il giorno)",
    f_alle_opt: "Alle",
    f_motivo: "Motivo",
    err_motivo: "Indicare il motivo della chiusura (es. «ferie», «corso di aggiornamento»).",
    err_part_of_one_day: "Una chiusura di parte della giornata riguarda un solo giorno: lasciare «Al» vuoto, oppure togliere gli orari per chiudere più giorni interi.",
    no_closures: "Nessuna chiusura inserita: Ctrl+N per aggiungerne una.",
    remove_closure_title: "Eliminare la chiusura?",
    closure_removed: "Chiusura eliminata: i posti di quel periodo tornano prenotabili.",
    nothing_outside: "Nessun appuntamento fuori disponibilità.",
    move_title: "Spostare l'appuntamento?",
    no_free_slot: "Nessun posto libero nella stessa risorsa nei prossimi 12 mesi: spostarlo da F6 Agenda su un'altra risorsa, o annullarlo.",
    f_giorni_referto: "Risultati dopo (giorni lavorativi)",
    f_giorni: "Giorni (es. lun-ven, lun,mer,ven)",
    k_copy_week: "copia la settimana",
    copy_week_title: "Copiare la settimana",
    f_copy_to: "Sulla risorsa",
    copy_week_needs_two: "Serve un'altra risorsa su cui copiare la settimana: Ctrl+N per aggiungerla.",
    copy_week_nothing: "La risorsa non ha fasce orarie da copiare.",
};

static AGENDA_ADMIN_EN: AgendaAdminStrings = AgendaAdminStrings {
    lang: Lang::En,
    ctx_risorse: "Agenda resources and fasce",
    ctx_chiusure: "Closures",
    ctx_fuori: "Appointments outside availability",
    sec_risorse: "Agenda resources",
    sec_risorse_text: "What appointments are booked on (surgery, blood-drawing point, ECG...) and their weekly hours: day, time range, slot length, places.",
    sec_chiusure: "Closures",
    sec_chiusure_text: "Days, periods or parts of a day when the practice or a resource is closed. Holidays and the patron saint are already excluded.",
    sec_fuori: "Outside availability",
    sec_fuori_text: "Booked appointments a closure or a change of hours left outside: move them to the first free place.",
    k_new: "new",
    k_edit: "edit",
    k_remove: "remove",
    k_switch: "resources/fasce",
    k_move: "propose a move",
    yes: "yes",
    no: "no",
    col_nome: "Name",
    col_tipo: "Kind",
    col_attiva: "Active",
    col_fasce: "Fasce",
    col_validita: "Validity",
    col_giorno: "Day",
    col_orario: "Hours",
    col_slot: "Slot",
    col_capacita: "Places",
    col_dal: "From",
    col_al: "To",
    col_periodo: "Period",
    col_risorsa: "Resource",
    col_motivo: "Reason",
    col_data: "Date",
    col_ora: "Time",
    col_paziente: "Patient",
    col_prestazione: "Service",
    col_perche: "Why",
    no_resources: "No resources: Ctrl+N adds the first one (e.g. \"Blood-drawing point\").",
    no_fasce: "No time ranges: without them the resource offers no places. Tab, then Ctrl+N to add one.",
    no_fasce_yet: "No time range selected.",
    add_resource_first: "Add a resource first with Ctrl+N.",
    remove_where: "Time ranges are removed: Tab to the ranges, pick the line, Ctrl+D. A resource no longer used is switched off (Enter, Active: no).",
    h_risorse: "↑↓ resource · Enter edit · Ctrl+N new resource · Ctrl+W copy the week to another resource · Tab its time ranges · Esc back",
    h_fasce: "↑↓ range · Enter edit · Ctrl+N new range · Ctrl+D remove · Tab back to resources",
    h_chiusure: "↑↓ closure · Ctrl+N new closure · Ctrl+D remove · Esc back",
    h_fuori: "↑↓ appointment · Enter proposes the first free place of the same resource · Esc back",
    new_resource_title: "New resource",
    resource_intro: "Space changes kind and state; the kind links the resource to the PAI services.",
    f_nome: "Name",
    f_tipo: "Kind",
    f_attiva: "Active",
    fascia_intro: "Days: one (\"lun\"), a span (\"lun-ven\") or a list (\"lun,mer,ven\"): one range per day. Times hh:mm, dates dd/mm/yyyy; empty \"Valid to\" = no end.",
    f_dalle: "From",
    f_alle: "To",
    f_durata: "Slot (minutes)",
    f_capacita: "Places per slot",
    f_valido_dal: "Valid from",
    f_valido_al: "Valid to",
    remove_fascia_title: "Remove the time range?",
    err_nome: "Type the resource's name (e.g. \"Dr Rossi's surgery\").",
    resource_missing: "The resource is gone: Esc and open the section again.",
    whole_practice: "Whole practice",
    new_closure_title: "New closure",
    closure_intro: "One day: \"From\" only. Several days: \"From\" and \"To\". Part of a day: \"From\" with \"From time\" and \"To time\". Space changes the resource.",
    f_risorsa: "Resource",
    f_dal: "From (dd/mm/yyyy)",
    f_al: "To (empty = one day)",
    f_dalle_opt: "From time (empty = all day)",
    f_alle_opt: "To time",
    f_motivo: "Reason",
    err_motivo: "Type the reason of the closure (e.g. \"holidays\", \"training\").",
    err_part_of_one_day: "A closure of part of a day is on one day: leave \"To\" empty, or clear the times to close whole days.",
    no_closures: "No closures: Ctrl+N adds one.",
    remove_closure_title: "Remove the closure?",
    closure_removed: "Closure removed: the places of that period can be booked again.",
    nothing_outside: "No appointment outside availability.",
    move_title: "Move the appointment?",
    no_free_slot: "No free place on the same resource in the next 12 months: move it from F6 Agenda to another resource, or cancel it.",
    f_giorni_referto: "Results after (working days)",
    f_giorni: "Days (e.g. lun-ven, lun,mer,ven)",
    k_copy_week: "copy the week",
    copy_week_title: "Copy the week",
    f_copy_to: "To the resource",
    copy_week_needs_two: "Another resource is needed to copy the week to: Ctrl+N to add it.",
    copy_week_nothing: "The resource has no time ranges to copy.",
};

/// The texts of the login, the first start, the idle lock and the
/// Amministrazione sections Operatori and Registro accessi.
pub struct AccessStrings {
    pub lang: Lang,
    pub ctx_login: &'static str,
    pub ctx_operators: &'static str,
    pub ctx_audit: &'static str,
    pub k_login: &'static str,
    pub k_add: &'static str,
    pub k_role: &'static str,
    pub k_toggle_active: &'static str,
    pub k_password: &'static str,
    pub k_search: &'static str,
    pub k_older: &'static str,
    pub k_newer: &'static str,
    pub title_login: &'static str,
    pub title_first: &'static str,
    pub title_locked: &'static str,
    pub login_intro: &'static str,
    pub first_intro: &'static str,
    pub locked_intro: &'static str,
    pub f_username: &'static str,
    pub f_password: &'static str,
    pub f_password2: &'static str,
    pub f_role: &'static str,
    pub err_username: &'static str,
    pub err_mismatch: &'static str,
    pub nobody: &'static str,
    pub role_short: [&'static str; 3],
    pub role_names: [&'static str; 3],
    // Operatori.
    pub sec_operators: &'static str,
    pub sec_operators_text: &'static str,
    pub col_username: &'static str,
    pub col_role: &'static str,
    pub col_state: &'static str,
    pub active: &'static str,
    pub disabled: &'static str,
    pub locked_until: &'static str,
    pub add_title: &'static str,
    pub role_title: &'static str,
    pub password_title: &'static str,
    pub no_operators: &'static str,
    pub saved: &'static str,
    // Registro accessi.
    pub sec_audit: &'static str,
    pub sec_audit_text: &'static str,
    pub sec_archivio: &'static str,
    pub sec_archivio_text: &'static str,
    pub ctx_archivio: &'static str,
    pub k_backup_now: &'static str,
    pub k_check_store: &'static str,
    pub archivio_help: &'static str,
    pub backup_running: &'static str,
    pub check_running: &'static str,
    pub f_patient: &'static str,
    pub f_operator: &'static str,
    pub f_from: &'static str,
    pub f_to: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_what: &'static str,
    pub col_patient: &'static str,
    pub col_summary: &'static str,
    pub no_entries: &'static str,
    pub err_patient: &'static str,
    pub err_date: &'static str,
}

impl AccessStrings {
    pub fn backup_written(&self, file: &str, entries: u64, mb: f64) -> String {
        match self.lang {
            Lang::It => format!("Backup verificato scritto in {file}: {entries} voci, {mb:.1} MB"),
            Lang::En => format!("Verified backup written to {file}: {entries} entries, {mb:.1} MB"),
        }
    }

    pub fn check_result(&self, patients: u64, entries: u64, problems: u64) -> String {
        match (self.lang, problems) {
            (Lang::It, 0) => format!(
                "Archivio controllato: {patients} pazienti, {entries} voci di indice, nessun problema."
            ),
            (Lang::It, n) => format!(
                "Archivio controllato: {patients} pazienti, {entries} voci di indice, {n} problemi (i primi qui sotto): avvisare l'assistenza."
            ),
            (Lang::En, 0) => {
                format!("Store checked: {patients} patients, {entries} index entries, no problem.")
            }
            (Lang::En, n) => format!(
                "Store checked: {patients} patients, {entries} index entries, {n} problems (the first below): tell the support."
            ),
        }
    }

    pub fn min_length(&self, n: usize) -> String {
        match self.lang {
            Lang::It => format!("La password deve avere almeno {n} caratteri."),
            Lang::En => format!("The password must have at least {n} characters."),
        }
    }

    pub fn page(&self, first: u64, last: u64, total: u64) -> String {
        match self.lang {
            Lang::It => format!("voci {first}–{last} (numerazione) di {total}"),
            Lang::En => format!("entries {first}–{last} (numbering) of {total}"),
        }
    }
}

static ACCESS_IT: AccessStrings = AccessStrings {
    lang: Lang::It,
    ctx_login: "Accesso",
    ctx_operators: "Amministrazione · Operatori",
    ctx_audit: "Amministrazione · Registro accessi",
    k_login: "accedi",
    k_add: "nuovo operatore",
    k_role: "cambia ruolo",
    k_toggle_active: "disattiva/riattiva",
    k_password: "nuova password",
    k_search: "applica i filtri",
    k_older: "più vecchie",
    k_newer: "più recenti",
    title_login: "Accesso",
    title_first: "Primo avvio: crea l'amministratore",
    title_locked: "Sessione bloccata",
    login_intro: "Inserire nome utente e password.",
    first_intro: "L'archivio non ha ancora operatori. Creare l'amministratore: potrà poi aggiungere gli altri operatori (Amministrazione, F11).",
    locked_intro: "Sessione bloccata per inattività: il lavoro aperto è conservato. Inserire la password per continuare; per cambiare operatore uscire (F10) e accedere di nuovo.",
    f_username: "Nome utente",
    f_password: "Password",
    f_password2: "Ripeti la password",
    f_role: "Ruolo",
    err_username: "Inserire il nome utente.",
    err_mismatch: "Le due password non coincidono.",
    nobody: "nessun accesso",
    role_short: ["segr.", "medico", "amm."],
    role_names: ["segreteria", "medico", "amministratore"],
    sec_operators: "Operatori",
    sec_operators_text: "Chi accede a sportello e con quale ruolo: aggiungere, cambiare ruolo, disattivare, reimpostare la password.",
    col_username: "Nome utente",
    col_role: "Ruolo",
    col_state: "Stato",
    active: "attivo",
    disabled: "disattivato",
    locked_until: "bloccato fino alle",
    add_title: "Nuovo operatore",
    role_title: "Ruolo dell'operatore",
    password_title: "Nuova password",
    no_operators: "Nessun operatore.",
    saved: "Operatore salvato.",
    sec_audit: "Registro accessi",
    sec_audit_text: "Chi ha aperto o modificato che cosa e quando, per paziente, operatore e date. Le voci sono concatenate: un'alterazione si scopre con «sportello audit verify».",
    sec_archivio: "Backup e controllo",
    sec_archivio_text: "Una copia verificata dell'archivio adesso, nella cartella backup dei dati, e il controllo di tutti i dati (come «sportello backup» e «sportello check»), anche da una postazione collegata al server.",
    ctx_archivio: "Amministrazione · Backup e controllo",
    k_backup_now: "Backup ora",
    k_check_store: "Controlla l'archivio",
    archivio_help: "Invio scrive adesso una copia verificata dell'archivio nella cartella backup dei dati, accanto a quelle automatiche (non viene mai tolta dalla rotazione). Ctrl+T controlla ogni scheda e ogni indice dell'archivio. Per una copia su una chiavetta: «sportello backup FILE» sul computer dell'archivio.",
    backup_running: "Backup in corso…",
    check_running: "Controllo dell'archivio in corso…",
    f_patient: "Paziente (CF o nome)",
    f_operator: "Operatore",
    f_from: "Dal",
    f_to: "Al",
    col_when: "Quando",
    col_who: "Operatore",
    col_what: "Azione",
    col_patient: "Paz.",
    col_summary: "Dettaglio",
    no_entries: "Nessuna voce con questi filtri.",
    err_patient: "Paziente non trovato o non univoco: scrivere il codice fiscale.",
    err_date: "Data non valida: scrivere gg/mm/aaaa.",
};

static ACCESS_EN: AccessStrings = AccessStrings {
    lang: Lang::En,
    ctx_login: "Login",
    ctx_operators: "Administration · Operators",
    ctx_audit: "Administration · Access log",
    k_login: "log in",
    k_add: "new operator",
    k_role: "change role",
    k_toggle_active: "disable/enable",
    k_password: "new password",
    k_search: "apply the filters",
    k_older: "older",
    k_newer: "newer",
    title_login: "Login",
    title_first: "First start: create the administrator",
    title_locked: "Session locked",
    login_intro: "Enter user name and password.",
    first_intro: "The store has no operators yet. Create the administrator: they can then add the other operators (Administration, F11).",
    locked_intro: "Session locked after inactivity: the open work is kept. Enter the password to go on; to change operator quit (F10) and log in again.",
    f_username: "User name",
    f_password: "Password",
    f_password2: "Repeat the password",
    f_role: "Role",
    err_username: "Enter the user name.",
    err_mismatch: "The two passwords differ.",
    nobody: "not logged in",
    role_short: ["front", "doctor", "admin"],
    role_names: ["front desk", "doctor", "administrator"],
    sec_operators: "Operators",
    sec_operators_text: "Who logs in to sportello and with which role: add, change role, disable, reset the password.",
    col_username: "User name",
    col_role: "Role",
    col_state: "State",
    active: "active",
    disabled: "disabled",
    locked_until: "locked until",
    add_title: "New operator",
    role_title: "Role of the operator",
    password_title: "New password",
    no_operators: "No operators.",
    saved: "Operator saved.",
    sec_audit: "Access log",
    sec_audit_text: "Who opened or changed what and when, by patient, operator and dates. Entries are chained: a change is found by \"sportello audit verify\".",
    sec_archivio: "Backup and check",
    sec_archivio_text: "A verified copy of the store now, in the data folder's backup folder, and a check of all the data (as \"sportello backup\" and \"sportello check\"), also from a desk connected to the server.",
    ctx_archivio: "Administration · Backup and check",
    k_backup_now: "Backup now",
    k_check_store: "Check the store",
    archivio_help: "Enter writes a verified copy of the store now into the data folder's backup folder, beside the automatic ones (never rotated away). Ctrl+T checks every record and every index of the store. For a copy on a memory stick: \"sportello backup FILE\" on the store's computer.",
    backup_running: "Backup in progress…",
    check_running: "Checking the store…",
    f_patient: "Patient (CF or name)",
    f_operator: "Operator",
    f_from: "From",
    f_to: "To",
    col_when: "When",
    col_who: "Operator",
    col_what: "Action",
    col_patient: "Pat.",
    col_summary: "Details",
    no_entries: "No entries with these filters.",
    err_patient: "Patient not found or not unique: type the codice fiscale.",
    err_date: "Invalid date: type dd/mm/yyyy.",
};

/// The application shell's texts: the current patient, leaving a changed
/// form, the card scanner.
pub struct ShellStrings {
    lang: Lang,
    /// F3, F4 or F5 with no current patient.
    pub no_current_patient: &'static str,
    /// The choices of the unsaved-changes question.
    pub k_save: &'static str,
    pub k_discard: &'static str,
    pub k_stay: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_question: &'static str,
    /// A scan while a dialog is open: nothing done.
    pub scan_in_dialog: &'static str,
    /// A main-area key while a dialog is open.
    pub close_dialog_first: &'static str,
    /// A card read at the login or the lock.
    pub scan_at_gate: &'static str,
}

impl ShellStrings {
    fn pick(&self, it: String, en: String) -> String {
        match self.lang {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// Names the changed form and its patient (name, codice fiscale).
    pub fn unsaved_form(&self, form: &str, patient: Option<(&str, &str)>) -> String {
        match patient {
            Some((name, cf)) => self.pick(
                format!("Il modulo «{form}» di {name} ({cf}) ha modifiche non salvate."),
                format!("The form «{form}» of {name} ({cf}) has unsaved changes."),
            ),
            None => self.pick(
                format!("Il modulo «{form}» ha modifiche non salvate."),
                format!("The form «{form}» has unsaved changes."),
            ),
        }
    }

    /// A scanned codice fiscale that no patient has.
    pub fn scan_not_found(&self, cf: &str) -> String {
        self.pick(
            format!("Tessera letta: nessun paziente con codice fiscale {cf}. F9: registrarlo (il codice è già nel modulo)."),
            format!("Card read: no patient with codice fiscale {cf}. F9: register them (the code is already in the form)."),
        )
    }

    /// A function key with nothing to do on this screen.
    pub fn key_unused(&self, key: &str) -> String {
        self.pick(
            format!("{key} non ha funzioni in questa schermata: F1 elenca i tasti."),
            format!("{key} does nothing on this screen: F1 lists the keys."),
        )
    }

    /// At the lock, the first F10 when a form holds unsaved changes.
    pub fn lock_unsaved(&self, form: &str) -> String {
        self.pick(
            format!("Il modulo «{form}» ha modifiche non salvate: sbloccare per salvarle. F10 di nuovo esce senza salvarle."),
            format!("The form «{form}» has unsaved changes: unlock to save them. F10 again quits without saving them."),
        )
    }
}

static SHELL_IT: ShellStrings = ShellStrings {
    lang: Lang::It,
    no_current_patient: "Nessun paziente scelto: F2 per cercarlo, Invio sulla riga per sceglierlo.",
    k_save: "Salva",
    k_discard: "Scarta",
    k_stay: "Resta",
    unsaved_title: "Modifiche non salvate",
    unsaved_question: "Salvarle prima di proseguire?",
    scan_in_dialog: "Tessera letta con una finestra aperta: chiuderla (Esc) e leggere di nuovo la tessera.",
    close_dialog_first: "Prima chiudere la finestra aperta: Invio conferma, Esc annulla.",
    scan_at_gate: "Tessera letta: prima accedere con la propria password, poi leggere di nuovo la tessera.",
};

static SHELL_EN: ShellStrings = ShellStrings {
    lang: Lang::En,
    no_current_patient: "No patient chosen: F2 to find one, Enter on its row to choose it.",
    k_save: "Save",
    k_discard: "Discard",
    k_stay: "Stay",
    unsaved_title: "Unsaved changes",
    unsaved_question: "Save them before going on?",
    scan_in_dialog: "Card read with a dialog open: close it (Esc) and read the card again.",
    close_dialog_first: "Close the open dialog first: Enter confirms, Esc cancels.",
    scan_at_gate: "Card read: log in with your password first, then read the card again.",
};

/// What `sportello serve` writes on a desk's screen outside the
/// application.
pub struct ServeStrings {
    /// The server is closing: the last line a desk sees.
    pub closing: &'static str,
    /// A desk over the maximum; the maximum follows in brackets.
    pub too_many: &'static str,
}

impl ServeStrings {
    pub fn for_lang(lang: Lang) -> &'static ServeStrings {
        match lang {
            Lang::It => &SERVE_IT,
            Lang::En => &SERVE_EN,
        }
    }

    fn en(&self) -> bool {
        std::ptr::eq(self, &SERVE_EN)
    }

    /// The server's console: the day's automatic backup taken.
    pub fn backup_written(&self, file: &std::path::Path, removed: usize) -> String {
        let file = file.display();
        match (self.en(), removed) {
            (false, 0) => format!("Backup automatico del giorno: {file}"),
            (false, n) => format!("Backup automatico del giorno: {file} ({n} più vecchi rimossi)"),
            (true, 0) => format!("Automatic backup of the day: {file}"),
            (true, n) => format!("Automatic backup of the day: {file} ({n} older removed)"),
        }
    }

    /// Why a desk's password was refused, as the desk reads it before
    /// "Permission denied".
    pub fn login_refused(&self, e: &crate::service::DeskError) -> String {
        use crate::service::{DeskError, LoginError};
        if !self.en() {
            return e.to_string();
        }
        match e {
            DeskError::Login(LoginError::Locked { until }) => format!(
                "Too many wrong attempts: access locked until {}. Try again after then or ask the administrator",
                until.format("%H:%M")
            ),
            DeskError::Login(LoginError::Disabled(name)) => {
                format!("Operator {name} is disabled: ask the administrator")
            }
            DeskError::Login(LoginError::Wrong) => "Wrong user name or password".into(),
            other => other.to_string(),
        }
    }

    /// The server's console: the day's automatic backup failed.
    pub fn backup_failed(&self, reason: &str) -> String {
        if self.en() {
            format!(
                "Warning: automatic backup failed ({reason}). The desks can work; tell the administrator."
            )
        } else {
            format!(
                "Attenzione: backup automatico non riuscito ({reason}). Si può lavorare; avvisare l'amministratore."
            )
        }
    }
}

static SERVE_IT: ServeStrings = ServeStrings {
    closing: "Il server si chiude: la sessione di sportello è terminata.",
    too_many: "Troppe postazioni collegate: riprovare più tardi",
};

static SERVE_EN: ServeStrings = ServeStrings {
    closing: "The server is closing: the sportello session has ended.",
    too_many: "Too many desks connected: try again later",
};

impl Strings {
    /// A refusal from the desk in the operator's language: a save over a
    /// record another desk changed meanwhile is worded here (English with
    /// `--lang en`); other messages come as the desk gives them.
    pub fn desk_error(&self, e: &crate::service::DeskError) -> String {
        match (e.changed_meanwhile(), self.lang) {
            (Some(fields), Lang::En) => {
                let fields: Vec<&str> = fields.iter().map(|f| field_en(f)).collect();
                format!(
                    "Another desk changed this meanwhile: {}. Reopen to see the current data; the changes made here stay on screen.",
                    fields.join(", ")
                )
            }
            _ => e.to_string(),
        }
    }
}

/// The English label of a field named in a refusal (see
/// [`Strings::desk_error`]).
fn field_en(it: &str) -> &str {
    match it {
        "Cognome" => "Surname",
        "Nome" => "Name",
        "Codice fiscale" => "Tax code",
        "Sesso" => "Sex",
        "Data di nascita" => "Date of birth",
        "Luogo di nascita" => "Place of birth",
        "Indirizzo" => "Address",
        "CAP" => "Postcode",
        "Comune" => "Town",
        "Telefoni" => "Phones",
        "Tessera sanitaria" => "Health card",
        "Patologie" => "Conditions",
        "Stato" => "State",
        "Nome utente" => "Username",
        "Ruolo" => "Role",
        "Attivo" => "Active",
        "Periodo" => "Period",
        "Prestazioni" => "Services",
        "Farmaci" => "Medicines",
        "Stile di vita" => "Lifestyle",
        "Vaccinazioni" => "Vaccinations",
        "Esenzioni" => "Exemptions",
        "Allergie" => "Allergies",
        "Rinnovo" => "Renewal",
        "Nome dello studio" => "Practice name",
        "Canali" => "Channels",
        "Stampante" => "Printer",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_are_singular() {
        assert_eq!(AGENDA_ADMIN_IT.resources_count(1), "1 risorsa in agenda");
        assert_eq!(AGENDA_ADMIN_IT.resources_count(4), "4 risorse in agenda");
        assert_eq!(
            AGENDA_ADMIN_EN.resources_count(1),
            "1 resource in the agenda"
        );
        assert_eq!(
            AGENDA_IT.summary(1, 1),
            "1 appuntamento in 1 giorno (viaggi)"
        );
        assert_eq!(
            AGENDA_IT.summary(20, 4),
            "20 appuntamenti in 4 giorni (viaggi)"
        );
        assert_eq!(AGENDA_EN.summary(1, 1), "1 appointment on 1 day (trips)");
    }
}
