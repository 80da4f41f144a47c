//! Every text the operator reads, in one place: Italian by default, English
//! with `--lang en`. Messages from the lower layers (codice fiscale errors,
//! store errors) come in Italian whatever the language.

use crate::domain::patto::{Firmatario, PattoState};
use crate::domain::{Livello, PatientStatus};

use crate::tui::kit::dialog::StatusChange;
use crate::tui::kit::format::DateError;

pub use crate::texts::Lang;

/// Declares a struct of fixed texts and its Italian and English instances,
/// one line per text: `title: "Patto di Cura" | "Care Pact",`. An optional
/// `lists { name: ["lun", …] | ["Mon", …], }` declares lists of texts
/// (`&'static [&'static str]`), an optional `parts { name: Type = IT | EN, }`
/// holds other text structs. Each struct gets `lang` and `for_lang`.
macro_rules! texts {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($it:ident, $en:ident) {
            $( $(#[$fmeta:meta])* $field:ident: $itv:literal | $env:literal, )*
        }
        $( lists {
            $( $(#[$lmeta:meta])* $list:ident: [$($itl:literal),* $(,)?] | [$($enl:literal),* $(,)?], )*
        } )?
        $( parts {
            $( $(#[$pmeta:meta])* $part:ident: $pty:ty = $pit:ident | $pen:ident, )*
        } )?
    ) => {
        $(#[$meta])*
        pub struct $name {
            pub lang: $crate::texts::Lang,
            $( $(#[$fmeta])* pub $field: &'static str, )*
            $($( $(#[$lmeta])* pub $list: &'static [&'static str], )*)?
            $($( $(#[$pmeta])* pub $part: &'static $pty, )*)?
        }

        pub static $it: $name = $name {
            lang: $crate::texts::Lang::It,
            $( $field: $itv, )*
            $($( $list: &[$($itl),*], )*)?
            $($( $part: &$pit, )*)?
        };

        pub static $en: $name = $name {
            lang: $crate::texts::Lang::En,
            $( $field: $env, )*
            $($( $list: &[$($enl),*], )*)?
            $($( $part: &$pen, )*)?
        };

        impl $name {
            /// The texts in `lang`.
            pub fn for_lang(lang: $crate::texts::Lang) -> &'static $name {
                match lang {
                    $crate::texts::Lang::It => &$it,
                    $crate::texts::Lang::En => &$en,
                }
            }
        }
    };
}
pub(crate) use texts;

/// A text with values in it, built only in `lang`:
/// `tr!(self.lang, "{n} pazienti" | "{n} patients")`. Arguments after the
/// two formats serve both (`tr!(lang, "livello {}" | "level {}", l.number())`).
macro_rules! tr {
    ($lang:expr, $it:literal | $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::texts::Lang::It => format!($it $(, $arg)*),
            $crate::texts::Lang::En => format!($en $(, $arg)*),
        }
    };
}
pub(crate) use tr;

texts! {
    /// The fixed texts. Texts with values in them are methods below.
    pub struct Strings (IT, EN) {
        // Header and footer.
        app_name: "sportello" | "sportello",
        practice: "Studio medico" | "Medical practice",
        /// In the header of a demonstration store (`sportello demo`).
        demo_store: "DEMO" | "DEMO",
        operator: "operatore" | "operator",
        alt_tip: "(Alt+cifra = tasto F)" | "(Alt+digit = F-key)",
        // Screen titles.
        title_lookup: "Pazienti" | "Patients",
        title_record: "Scheda paziente" | "Patient record",
        title_new: "Nuovo paziente" | "New patient",
        title_edit: "Modifica paziente" | "Edit patient",
        title_help: "Aiuto" | "Help",
        // Areas of later versions.
        area_gestore: "Gestore" | "Manager",
        area_patto: "Patto" | "Pact",
        area_pai: "PAI" | "PAI",
        area_agenda: "Agenda" | "Agenda",
        area_richiami: "Richiami" | "Recalls",
        area_gestore_text: "Presa in carico: il Gestore scelto dal paziente, l'arruolamento e la revoca." | "Taking in charge: the Gestore chosen by the patient, enrolment and withdrawal.",
        area_patto_text: "Il Patto di Cura tra paziente e Gestore: firma, stampa e scadenza annuale." | "The Patto di Cura between patient and Gestore: signature, printing and yearly expiry.",
        area_pai_text: "Il Piano di Assistenza Individuale: prestazioni dell'anno e loro periodicità." | "The individual care plan (PAI): the year's services and how often they are due.",
        area_agenda_text: "Gli appuntamenti del paziente e dello studio, con le festività." | "Appointments of the patient and of the practice, holidays included.",
        area_richiami_text: "I richiami: prestazioni del PAI in scadenza e non ancora prenotate." | "Recalls: PAI services falling due and not yet booked.",
        coming_soon: "Disponibile a breve: questa area arriverà con un prossimo aggiornamento." | "Coming soon: this area will arrive with a later update.",
        placeholder_back: "Esc per tornare indietro, F2 per la ricerca pazienti." | "Esc to go back, F2 for the patient search.",
        patient: "Paziente" | "Patient",
        // Key labels.
        k_help: "Aiuto" | "Help",
        k_patients: "Pazienti" | "Patients",
        k_quit: "Esci" | "Quit",
        k_up: "Riga su" | "Row up",
        k_down: "Riga giù" | "Row down",
        k_page_up: "Pagina su" | "Page up",
        k_page_down: "Pagina giù" | "Page down",
        k_open: "Apri scheda" | "Open record",
        k_new: "Nuovo paziente" | "New patient",
        k_clear: "Svuota ricerca" | "Clear search",
        k_back: "Indietro" | "Back",
        k_edit: "Modifica" | "Edit",
        k_deceased: "Deceduto" | "Deceased",
        k_transferred: "Trasferito" | "Transferred",
        k_reactivate: "Riattiva" | "Reactivate",
        k_scroll_up: "Scorri su" | "Scroll up",
        k_scroll_down: "Scorri giù" | "Scroll down",
        k_save: "Salva" | "Save",
        k_next_field: "Campo succ." | "Next field",
        k_prev_field: "Campo prec." | "Prev. field",
        k_form_down: "Campo succ. o voce dell'elenco" | "Next field or list item",
        k_form_up: "Campo prec. o voce dell'elenco" | "Previous field or list item",
        k_accept: "Conferma" | "Confirm",
        k_leave: "Esci" | "Leave",
        k_confirm: "Conferma" | "Confirm",
        k_cancel: "Annulla" | "Cancel",
        k_discard: "Esci senza salvare" | "Leave without saving",
        k_keep_editing: "Continua a modificare" | "Keep editing",
        // Key names.
        key_enter: "Invio" | "Enter",
        key_shift: "Maiusc" | "Shift",
        key_page_up: "PagSu" | "PgUp",
        key_page_down: "PagGiù" | "PgDn",
        key_home: "Inizio" | "Home",
        key_end: "Fine" | "End",
        // Help.
        help_intro: "Tutto si fa da tastiera. Ogni tasto F ha un'alternativa con Alt e una cifra (Alt+1 = F1, Alt+0 = F10), utile quando i tasti F non arrivano (tmux, ssh). Nei campi di testo le lettere si scrivono: i comandi usano tasti F, Ctrl, Invio, Esc e Tab." | "Everything works from the keyboard. Every F-key has an Alt+digit alternative (Alt+1 = F1, Alt+0 = F10), useful when F-keys get lost (tmux, ssh). In text fields letters are typed: commands use F-keys, Ctrl, Enter, Esc and Tab.",
        ctx_global: "Tasti generali" | "Everywhere",
        ctx_lookup: "Ricerca pazienti" | "Patient search",
        ctx_record: "Scheda paziente" | "Patient record",
        ctx_form: "Modulo paziente (nuovo o modifica)" | "Patient form (new or edit)",
        ctx_help: "Questa guida" | "This help",
        ctx_placeholder: "Aree non ancora disponibili" | "Areas not yet available",
        ctx_confirm: "Richiesta di conferma" | "Confirmation",
        ctx_confirm_discard: "Modulo con modifiche non salvate" | "Form with unsaved changes",
        ctx_confirm_quit: "Uscita dal programma con modifiche non salvate" | "Quitting with unsaved changes",
        ctx_date: "Richiesta di una data" | "Asking for a date",
        // Too small.
        too_small_title: "Finestra troppo piccola" | "Window too small",
        too_small_keys: "Esc: indietro · F10 o Ctrl+Q: esci" | "Esc: back · F10 or Ctrl+Q: quit",
        too_small_dialog: "C'è una domanda in sospeso: ingrandire la finestra per rispondere, oppure Esc per annullare." | "A question is waiting: enlarge the window to answer it, or Esc to cancel.",
        too_small_quit_pending: "Modifiche non salvate: F10 o Ctrl+Q esce senza salvare, Esc annulla." | "Unsaved changes: F10 or Ctrl+Q quits without saving, Esc cancels.",
        // Lookup.
        search_label: "Cerca" | "Search",
        lookup_hint: "Scrivere cognome (anche «cognome nome»), codice fiscale, tessera sanitaria o telefono." | "Type a surname (or «surname name»), codice fiscale, health card or phone number.",
        suggestions: "Nessun paziente trovato. Forse cercavi:" | "No patient found. Did you mean:",
        nothing_to_open: "Nessun paziente da aprire: scrivere nel campo di ricerca." | "No patient to open: type in the search field.",
        col_cognome: "Cognome" | "Surname",
        col_nome: "Nome" | "Name",
        col_born: "Nato/a il" | "Born",
        col_cf: "Codice fiscale" | "Codice fiscale",
        col_comune: "Comune" | "Comune",
        col_livello: "Liv." | "Lvl",
        col_pic: "Stato PIC" | "PIC state",
        none: "—" | "—",
        status_deceased: "deceduto" | "deceased",
        status_transferred: "trasferito" | "transferred",
        // Record.
        r_born: "Nato/a il" | "Born",
        r_residence: "Residenza" | "Residence",
        r_ats: "ATS" | "ATS",
        r_pathologies: "Patologie" | "Pathologies",
        r_level: "Livello" | "Level",
        r_pic: "Presa in carico" | "Taken in charge",
        r_areas: "Aree" | "Areas",
        record_areas: "F3 Gestore · F4 Patto · F5 PAI · F6 Agenda · F7 Richiami" | "F3 Manager · F4 Pact · F5 PAI · F6 Agenda · F7 Recalls",
        no_pic: "nessuna presa in carico" | "not taken in charge",
        no_level: "nessuna patologia cronica registrata" | "no chronic pathology recorded",
        outside_lombardy: "fuori Lombardia" | "outside Lombardy",
        sex_m: "M" | "M",
        sex_f: "F" | "F",
        deceased_on: "DECEDUTO il" | "DECEASED on",
        transferred_on: "TRASFERITO il" | "TRANSFERRED on",
        deceased_title: "Paziente deceduto" | "Patient deceased",
        transferred_title: "Paziente trasferito" | "Patient transferred",
        reactivate_title: "Riattivare il paziente" | "Reactivate the patient",
        already_active: "Il paziente è già attivo." | "The patient is already active.",
        erased_no_edit: "Paziente cancellato su richiesta (GDPR): la scheda resta solo per le prestazioni e non si modifica." | "Patient erased on request (GDPR): the record stays only for the services given and cannot be edited.",
        date_label: "Data (gg/mm/aaaa):" | "Date (dd/mm/yyyy):",
        patient_not_found: "Paziente non trovato nell'archivio." | "Patient not found in the archive.",
        paste_nowhere: "Niente da incollare qui: nessun campo di testo attivo." | "Nothing to paste into: no text field is active.",
        /// Status line when the automatic backup failed; the reason follows.
        auto_backup_failed: "Backup automatico non riuscito: si può lavorare, avvisare l'amministratore." | "Automatic backup failed: work can go on, tell the administrator.",
        // Form fields.
        f_cognome: "Cognome" | "Surname",
        f_nome: "Nome" | "Name",
        f_cf: "Codice fiscale" | "Codice fiscale",
        f_sex: "Sesso" | "Sex",
        f_sex_input: "Sesso (M/F)" | "Sex (M/F)",
        f_birth_date: "Data di nascita" | "Date of birth",
        f_birth_place: "Luogo di nascita" | "Place of birth",
        f_address: "Indirizzo" | "Address",
        f_cap: "CAP" | "Postcode (CAP)",
        f_comune: "Comune residenza" | "Comune",
        f_ats_derived: "ATS di residenza" | "ATS of residence",
        f_ats_override: "ATS diversa (cod.)" | "Other ATS (code)",
        f_mmg: "MMG" | "GP (MMG)",
        f_phones: "Telefoni" | "Phones",
        f_email: "Email" | "Email",
        f_tessera: "Tessera sanitaria" | "Health card",
        f_pathologies: "Patologie (codici)" | "Pathologies",
        f_note: "Note" | "Notes",
        // Form help lines.
        h_name: "Come sul documento, con accenti e apostrofi (es. Niccolò, D'Adda)." | "As on the ID document, with accents and apostrophes (e.g. Niccolò, D'Adda).",
        h_cf: "16 caratteri. Se valido compila sesso, data e luogo di nascita ancora vuoti; F9 (Ctrl+G) lo calcola dai dati anagrafici." | "16 characters. When valid it fills sex, date and place of birth if empty; F9 (Ctrl+G) computes it from the personal data.",
        h_sex: "M o F." | "M or F.",
        h_date: "Giorno/mese/anno, es. 01/02/1968." | "Day/month/year, e.g. 01/02/1968.",
        h_place: "Comune o stato estero, o il codice catastale (es. F205); ↑↓ e Invio sceglie." | "Comune or foreign state, or its Belfiore code (e.g. F205); ↑↓ and Enter pick.",
        h_address: "Via e numero civico." | "Street and number.",
        h_cap: "5 cifre." | "5 digits.",
        h_ats: "Vuoto = ATS ricavata dal comune di residenza. Altrimenti il codice ATS (030321-030328)." | "Empty = ATS from the comune of residence. Otherwise an ATS code (030321-030328).",
        h_mmg: "Il medico di medicina generale (o pediatra) del paziente." | "The patient's family doctor (or paediatrician).",
        h_phones: "Uno o più numeri separati da virgola." | "One or more numbers separated by commas.",
        h_email: "Es. nome@esempio.it" | "E.g. name@example.it",
        h_tessera: "Numero della tessera sanitaria (20 cifre)." | "Health card number (20 digits).",
        h_pathologies: "Codici separati da virgola: scrivere il codice o parte del nome, poi ↑↓ e Invio per sceglierlo dal catalogo." | "Codes separated by commas: type the code or part of the name, then ↑↓ and Enter to pick it from the catalogue.",
        h_note: "Annotazioni libere per lo sportello." | "Free notes for the front desk.",
        // Form messages.
        err_required: "Obbligatorio" | "Required",
        err_letters: "Servono delle lettere" | "Letters needed",
        err_sex: "Scrivere M o F" | "Type M or F",
        err_date_format: "Data non valida: usare gg/mm/aaaa" | "Invalid date: use dd/mm/yyyy",
        err_date_nonexistent: "Data inesistente: controllare giorno e mese" | "No such day: check day and month",
        err_date_future: "La data è nel futuro" | "The date is in the future",
        err_date_old: "Data troppo lontana: controllare l'anno" | "Date too far back: check the year",
        err_date_before_birth: "La data è precedente alla nascita" | "The date is before the birth date",
        err_cap: "Il CAP ha 5 cifre" | "The CAP has 5 digits",
        err_ats: "Codice ATS sconosciuto (030321-030328)" | "Unknown ATS code (030321-030328)",
        err_email: "Email non valida" | "Invalid email",
        err_tessera: "Solo cifre" | "Digits only",
        cf_valid: "valido" | "valid",
        cf_valid_omocode: "valido (omocodia)" | "valid (omocodia)",
        ats_needs_comune: "— (dal comune di residenza)" | "— (from the comune of residence)",
        filled_from_cf: "Sesso, data e luogo di nascita compilati dal codice fiscale: controllarli." | "Sex, date and place of birth filled from the codice fiscale: check them.",
        cf_computed_note: "calcolato: verificare sulla tessera sanitaria (in caso di omocodia vale quello della tessera)" | "computed: check it on the health card (with omocodia the card's code is the right one)",
        cf_computed_same: "Il codice fiscale inserito coincide con quello calcolato dai dati anagrafici." | "The codice fiscale typed matches the one computed from the personal data.",
        k_compute_cf: "Calcola CF" | "Compute CF",
        form_has_errors: "Ci sono errori: correggere i campi segnati con ✗ (F1 per l'aiuto)." | "There are errors: fix the fields marked ✗ (F1 for help).",
        saved: "Paziente salvato" | "Patient saved",
        duplicates_title: "Possibile doppione" | "Possible duplicate",
        duplicates_intro: "In archivio c'è già un paziente con stesso cognome, nome e data di nascita:" | "The archive already has a patient with the same surname, name and date of birth:",
        duplicates_question: "Salvare comunque il nuovo paziente? Invio salva, Esc torna al modulo." | "Save the new patient anyway? Enter saves, Esc goes back to the form.",
        unsaved_title: "Modifiche non salvate" | "Unsaved changes",
        unsaved_question: "Uscire senza salvare? Le modifiche fatte nel modulo andranno perse. Per salvarle: Esc, poi Ctrl+S." | "Leave without saving? The changes made in the form will be lost. To keep them: Esc, then Ctrl+S.",
        key_space: "Spazio" | "Space",
    }
    parts {
        /// Patto di Cura (F4) and recall lists (F7).
        patto: PattoStrings = PATTO_IT | PATTO_EN,
        /// F3 Gestore, the record's PIC lines and Amministrazione (F11).
        gestori: GestoriStrings = GESTORI_IT | GESTORI_EN,
        /// F5, the PAI editor.
        pai: PaiStrings = PAI_IT | PAI_EN,
        /// F6, the agenda and the planning of a PAI.
        agenda: AgendaStrings = AGENDA_IT | AGENDA_EN,
        /// Amministrazione: resources, closures, appointments outside availability.
        agenda_admin: AgendaAdminStrings = AGENDA_ADMIN_IT | AGENDA_ADMIN_EN,
        /// Login, idle lock, operators and the access log.
        access: AccessStrings = ACCESS_IT | ACCESS_EN,
        /// The application shell: the current patient, leaving a changed form,
        /// the card scanner.
        shell: ShellStrings = SHELL_IT | SHELL_EN,
    }
}

impl Strings {
    /// Title of the question asked after a revocation.
    pub fn cancel_future_title(&self) -> &'static str {
        match self.lang {
            Lang::It => "Appuntamenti futuri del PAI",
            Lang::En => "Future appointments of the PAI",
        }
    }

    pub fn cancel_future_text(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Il PAI di questa presa in carico ha {n} appuntamenti prenotati da oggi in poi. Annullarli? (Invio sì, Esc no: restano in agenda)"
                | "The PAI of this enrolment has {n} booked appointments from today on. Cancel them? (Enter yes, Esc no: they stay booked)"
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
        tr!(
            self.lang,
            "Annullati {n} appuntamenti futuri del PAI."
                | "{n} future appointments of the PAI cancelled."
        )
    }

    pub fn too_small(&self, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
        tr!(
            self.lang,
            "Servono almeno {min_w}×{min_h} caratteri; ora la finestra è {w}×{h}. Ingrandire la finestra o ridurre il carattere."
                | "At least {min_w}×{min_h} characters are needed; the window is {w}×{h}. Enlarge the window or use a smaller font."
        )
    }

    pub fn no_results(&self, query: &str) -> String {
        tr!(
            self.lang,
            "Nessun paziente trovato per «{query}». F9 o Ctrl+N: nuovo paziente."
                | "No patient found for «{query}». F9 or Ctrl+N: new patient."
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
        tr!(
            self.lang,
            "{date} ({age} anni) a {place}" | "{date} (age {age}) in {place}"
        )
    }

    pub fn ats_overridden(&self, chosen: &str, derived: &str) -> String {
        tr!(
            self.lang,
            "{chosen} (scelta dall'operatore; dalla residenza: {derived})"
                | "{chosen} (set by the operator; from the residence: {derived})"
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
        tr!(self.lang, "livello {}" | "level {}", l.number())
    }

    pub fn reactivate_question(&self, name: &str) -> String {
        tr!(
            self.lang,
            "Riportare {name} tra i pazienti attivi? La data di decesso o trasferimento viene tolta."
                | "Make {name} an active patient again? The date of death or transfer is removed."
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
        tr!(
            self.lang,
            "Il codice fiscale {cf} è già registrato ({name}): aperta la sua scheda. Nuovo paziente non salvato."
                | "Codice fiscale {cf} is already registered ({name}): their record is open. The new patient was not saved."
        )
    }

    pub fn cf_belongs_to(&self, name: &str) -> String {
        tr!(
            self.lang,
            "Codice fiscale già di un altro paziente: {name}"
                | "This codice fiscale belongs to another patient: {name}"
        )
    }

    pub fn warn_cf_letters(&self, in_cf: &str) -> String {
        tr!(
            self.lang,
            "Non corrisponde al codice fiscale ({in_cf})"
                | "Does not match the codice fiscale ({in_cf})"
        )
    }

    /// The personal data still missing to compute the codice fiscale.
    pub fn cf_compute_needs(&self, fields: &str) -> String {
        tr!(
            self.lang,
            "Per calcolare il codice fiscale mancano o sono errati: {fields}"
                | "To compute the codice fiscale, fix or fill: {fields}"
        )
    }

    pub fn cf_computed_status(&self, code: &str) -> String {
        tr!(
            self.lang,
            "CF calcolato: {code}; confrontarlo con la tessera (omocodia)."
                | "CF computed: {code}; compare it with the card (omocodia)."
        )
    }

    pub fn cf_computed_differs(&self, code: &str) -> String {
        tr!(
            self.lang,
            "Dai dati anagrafici risulta {code}, diverso da quello inserito: controllare i dati; se il codice viene dalla tessera sanitaria vale quello (omocodia)."
                | "The personal data give {code}, not the code typed: check the data; if the code comes from the health card, the card wins (omocodia)."
        )
    }

    pub fn warn_cf_says(&self, value: &str) -> String {
        tr!(
            self.lang,
            "Il codice fiscale indica {value}" | "The codice fiscale says {value}"
        )
    }

    pub fn warn_tessera_len(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Ha {n} cifre: di solito sono 20" | "{n} digits: usually 20"
        )
    }

    pub fn err_phone(&self, phone: &str) -> String {
        tr!(
            self.lang,
            "Numero non valido: {phone}" | "Invalid number: {phone}"
        )
    }

    pub fn err_pathology(&self, code: &str) -> String {
        tr!(
            self.lang,
            "Codice sconosciuto: {code}" | "Unknown code: {code}"
        )
    }

    pub fn date_error(&self, e: DateError) -> &'static str {
        match e {
            DateError::Format => self.err_date_format,
            DateError::Nonexistent => self.err_date_nonexistent,
        }
    }

    pub fn place_code(&self, code: &str) -> String {
        tr!(self.lang, "cod. {code}" | "code {code}")
    }

    pub fn err_place_code(&self, code: &str) -> String {
        tr!(
            self.lang,
            "Codice catastale sconosciuto: {code}" | "Unknown Belfiore code: {code}"
        )
    }

    pub fn err_place_unknown(&self, name: &str) -> String {
        tr!(
            self.lang,
            "Comune o stato sconosciuto: {name}. Scegliere dall'elenco"
                | "Unknown comune or state: {name}. Pick one from the list"
        )
    }

    pub fn err_place_ambiguous(&self, options: &str) -> String {
        tr!(
            self.lang,
            "Più comuni con questo nome: scegliere tra {options}"
                | "Several comuni have this name: pick one of {options}"
        )
    }
}

texts! {
    /// The texts of the Patto di Cura screens (F4) and of the recall lists (F7).
    pub struct PattoStrings (PATTO_IT, PATTO_EN) {
        title: "Patto di Cura" | "Patto di Cura",
        title_bozza: "Lettura e firma del Patto" | "Reading and signing the Patto",
        title_testo: "Patto di Cura firmato" | "Signed Patto di Cura",
        // Key labels.
        k_open: "Apri" | "Open",
        k_prepare: "Prepara" | "Prepare",
        k_renew: "Rinnova" | "Renew",
        k_print: "Stampa" | "Print",
        k_revoke: "Revoca" | "Revoke",
        k_edit_patient: "Modifica la scheda (patologie)" | "Edit the record (pathologies)",
        k_sign: "Firma" | "Sign",
        k_toggle: "Cambia" | "Change",
        k_text_down: "Scorri" | "Scroll",
        k_text_up: "Testo su di una pagina" | "Text up one page",
        k_text_home: "Inizio del testo" | "Start of the text",
        k_text_end: "Fine del testo" | "End of the text",
        k_open_patto: "Apri Patto" | "Open Patto",
        k_range: "30/60 giorni" | "30/60 days",
        k_choice: "Cambia scelta" | "Change choice",
        // Help sections.
        ctx_patto: "Patto di Cura del paziente (F4)" | "The patient's Patto di Cura (F4)",
        ctx_bozza: "Lettura e firma della bozza del Patto" | "Reading and signing the draft Patto",
        ctx_testo: "Lettura di un Patto firmato" | "Reading a signed Patto",
        ctx_richiami: "Richiami e scadenze (F7)" | "Recalls and expiries (F7)",
        ctx_form_modal: "Finestra con più campi (revoca)" | "Dialog with several fields (revoke)",
        ctx_choice_modal: "Finestra con campi e scelte (stampa)" | "Dialog with fields and choices (print)",
        // The list of the patient's Patti.
        gestore: "Gestore" | "Manager",
        no_gestore: "nessuna presa in carico attiva" | "not taken in charge",
        missing_title: "Per preparare il Patto manca:" | "To prepare the Patto, missing:",
        patti_title: "Patti di Cura" | "Patti di Cura",
        no_patti: "Nessun Patto di Cura per questo paziente." | "No Patto di Cura for this patient.",
        col_numero: "N." | "No.",
        col_stato: "Stato" | "State",
        col_dal: "Dal" | "From",
        col_al: "Al" | "To",
        col_firmato_da: "Firmato da" | "Signed by",
        col_cm: "Clinical Manager" | "Clinical Manager",
        col_valido_al: "Valido al" | "Valid to",
        col_gestore: "Gestore" | "Manager",
        open_bozza_hint: "Invio: leggere la bozza con il paziente, scegliere i consensi e firmare." | "Enter: read the draft with the patient, choose the consents and sign.",
        open_signed_hint: "Invio: leggere il testo firmato · Ctrl+P: stampare (ogni ristampa è identica)." | "Enter: read the signed text · Ctrl+P: print (every reprint is identical).",
        print_only_signed: "Si stampano solo i Patti firmati: scegliere un Patto firmato (Invio sulla bozza per firmarla)." | "Only signed Patti are printed: choose a signed one (Enter on the draft to sign it).",
        nothing_selected: "Nessun Patto in elenco: F9 prepara il Patto." | "No Patto listed: F9 prepares the Patto.",
        no_presa_to_revoke: "Nessuna presa in carico attiva da revocare." | "No active taking in charge to revoke.",
        revoke_title: "Revoca della presa in carico" | "Revoking the taking in charge",
        f_date: "Data (gg/mm/aaaa)" | "Date (dd/mm/yyyy)",
        f_motivo: "Motivo" | "Reason",
        err_motivo: "Indicare il motivo della revoca." | "Enter the reason for the revocation.",
        no_patient: "Nessun paziente scelto: cercarlo e aprire la scheda (Invio), poi F4." | "No patient chosen: search and open the record (Enter), then F4.",
        // Reading and signing.
        text_title: "Testo del Patto" | "Text of the Patto",
        panel_title: "Firma" | "Signature",
        f_cm: "Clinical Manager" | "Clinical Manager",
        f_firmatario: "Firmatario" | "Signed by",
        f_nome: "Nome firmatario" | "Signer's name",
        f_documento: "Documento" | "Document",
        consensi: "Consensi" | "Consents",
        c_dati: "Trattamento dati *" | "Data processing *",
        c_fse: "Consultazione FSE" | "Health record (FSE)",
        c_telefono: "Telefono" | "Phone",
        c_sms: "SMS" | "SMS",
        c_email: "E-mail" | "E-mail",
        h_text: "↑↓ PagSu PagGiù Inizio Fine: scorrere il testo. Tab: i campi della firma." | "↑↓ PgUp PgDn Home End: scroll the text. Tab: the signature fields.",
        h_cm: "Il medico che redige il PAI: di solito il MMG del paziente." | "The doctor who writes the PAI: usually the patient's GP.",
        h_firmatario: "Spazio: paziente, tutore, amministratore di sostegno o delegato." | "Space: patient, guardian, support administrator or delegate.",
        h_nome: "Chi firma al posto del paziente: obbligatorio se non firma il paziente." | "Who signs for the patient: required unless the patient signs.",
        h_documento: "Documento d'identità di chi firma (es. CI AB1234567): obbligatorio se non firma il paziente." | "Identity document of the signer (e.g. CI AB1234567): required unless the patient signs.",
        h_consenso: "Spazio: dare o togliere il consenso. Il trattamento dei dati (*) è obbligatorio." | "Space: give or withdraw the consent. Data processing (*) is required.",
        err_consenso_dati: "Senza il consenso al trattamento dei dati il Patto non si può firmare: segnarlo con Spazio." | "Without the consent to data processing the Patto cannot be signed: tick it with Space.",
        sign_title: "Firma del Patto di Cura" | "Signing the Patto di Cura",
        sign_frozen: "Dopo la firma il testo non si potrà più modificare: resta in archivio così com'è e ogni ristampa è identica." | "After signing the text can no longer be changed: it is archived as it is and every reprint is identical.",
        signed_text_note: "Testo firmato: non si modifica. Ctrl+P per stamparlo." | "Signed text: it cannot be changed. Ctrl+P to print it.",
        // Printing.
        print_title: "Stampa del Patto di Cura" | "Printing the Patto di Cura",
        print_text: "Si stampa il testo firmato così com'è: ogni ristampa è identica. I file con lo stesso nome vengono sostituiti." | "The signed text is printed as it is: every reprint is identical. Files with the same name are replaced.",
        f_folder: "Cartella" | "Folder",
        f_format: "Formato" | "Format",
        fmt_pdf: "PDF, due copie (paziente e Gestore)" | "PDF, two copies (patient and Manager)",
        fmt_txt: "testo per stampante a rotolo" | "text for a receipt printer",
        fmt_both: "PDF e testo per stampante a rotolo" | "PDF and text for a receipt printer",
        err_folder_empty: "Indicare la cartella in cui scrivere la stampa." | "Enter the folder to write the print to.",
        // Correcting the Clinical Manager of a signed Patto.
        k_correct_cm: "Clinical Manager" | "Clinical Manager",
        correct_title: "Correzione del Clinical Manager" | "Correcting the Clinical Manager",
        f_new_cm: "Nuovo Clinical Manager" | "New Clinical Manager",
        err_cm_missing: "Manca il Clinical Manager: indicare il medico che redige il PAI, poi firmare." | "The Clinical Manager is missing: enter the doctor who writes the PAI, then sign.",
        correct_only_signed: "Il Clinical Manager si corregge su un Patto firmato; in una bozza si scrive nel suo campo." | "The Clinical Manager is corrected on a signed Patto; in a draft it is typed in its field.",
        print_failed_title: "Stampa non riuscita" | "Printing failed",
        err_motivo_correzione: "Indicare il motivo della correzione." | "Enter the reason for the correction.",
        // Recall lists.
        tab_scadenze: "Scadenze dei Patti" | "Patti expiring",
    }
}

impl PattoStrings {
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
        tr!(
            self.lang,
            "{name} (scelto il {since})" | "{name} (chosen on {since})"
        )
    }

    /// How to fix a missing precondition: the Gestore.
    pub fn fix_gestore(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: scegliere il Gestore" | "   → {key}: choose the Gestore"
        )
    }

    /// How to fix a missing precondition: the pathologies.
    pub fn fix_pathologies(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: modificare la scheda del paziente e aggiungere le patologie"
                | "   → {key}: edit the patient record and add the pathologies"
        )
    }

    pub fn prepare_hint(&self, key: &str) -> String {
        tr!(
            self.lang,
            "{key}: preparare il Patto da leggere e firmare con il paziente."
                | "{key}: prepare the Patto to read and sign with the patient."
        )
    }

    pub fn renew_hint(&self, al: &str, key: &str) -> String {
        tr!(
            self.lang,
            "Il Patto vale fino al {al}: {key} prepara il rinnovo."
                | "The Patto is valid until {al}: {key} prepares the renewal."
        )
    }

    pub fn renewal_of(&self, n: &str) -> String {
        tr!(self.lang, "rinnovo del n. {n}" | "renewal of no. {n}")
    }

    /// On the F4 list and over a signed Patto without Clinical Manager.
    pub fn cm_missing(&self, n: &str, key: &str) -> String {
        tr!(
            self.lang,
            "Il Patto n. {n} è firmato senza Clinical Manager: il PAI non si può condividere. {key} lo indica (correzione con motivo, registrata)."
                | "Patto no. {n} was signed without a Clinical Manager: the PAI cannot be shared. {key} sets it (a correction with a reason, recorded)."
        )
    }

    pub fn correct_text(&self, n: &str, current: &str) -> String {
        tr!(
            self.lang,
            "Patto n. {n}: Clinical Manager attuale «{current}». Il testo firmato non cambia: la correzione, con il motivo, è annotata sul Patto e nel registro degli accessi."
                | "Patto no. {n}: current Clinical Manager «{current}». The signed text does not change: the correction and its reason are noted on the Patto and in the access log."
        )
    }

    pub fn cm_corrected(&self, n: &str, name: &str) -> String {
        tr!(
            self.lang,
            "Clinical Manager del Patto n. {n} corretto: {name}."
                | "Clinical Manager of Patto no. {n} corrected: {name}."
        )
    }

    pub fn print_sent(&self, printer: &str, path: &str) -> String {
        tr!(
            self.lang,
            "Patto inviato alla stampante {printer} (file: {path})"
                | "Patto sent to the printer {printer} (file: {path})"
        )
    }

    pub fn print_failed(&self, reason: &str, path: &str) -> String {
        tr!(
            self.lang,
            "Stampa non riuscita ({reason}): il PDF è in {path}"
                | "Printing failed ({reason}): the PDF is at {path}"
        )
    }

    pub fn bozza_heading(&self, n: &str, name: &str) -> String {
        tr!(
            self.lang,
            "Bozza n. {n} · {name}" | "Draft no. {n} · {name}"
        )
    }

    pub fn signed_heading(&self, n: &str, name: &str, state: &str) -> String {
        tr!(
            self.lang,
            "Patto n. {n} · {name} · {state}" | "Patto no. {n} · {name} · {state}"
        )
    }

    pub fn revoke_text(&self, gestore: &str, since: &str) -> String {
        tr!(
            self.lang,
            "La revoca termina la presa in carico presso {gestore} (scelto il {since}) e con essa il Patto di Cura in corso e le sue bozze. Il testo firmato resta in archivio e si può ristampare."
                | "The revocation ends the taking in charge by {gestore} (chosen on {since}) and with it the current Patto di Cura and its drafts. The signed text stays in the archive and can be reprinted."
        )
    }

    pub fn revoked(&self, date: &str) -> String {
        tr!(
            self.lang,
            "Presa in carico e Patto di Cura revocati dal {date}"
                | "Taking in charge and Patto di Cura revoked from {date}"
        )
    }

    pub fn scroll_position(&self, from: usize, to: usize, total: usize) -> String {
        tr!(
            self.lang,
            "righe {from}-{to} di {total}" | "lines {from}-{to} of {total}"
        )
    }

    pub fn err_nome(&self, f: Firmatario) -> String {
        tr!(
            self.lang,
            "Indicare il nome del {} che firma." | "Enter the name of the {} signing.",
            self.firmatario(f)
        )
    }

    pub fn err_documento(&self, f: Firmatario) -> String {
        tr!(
            self.lang,
            "Indicare il documento d'identità del {}." | "Enter the identity document of the {}.",
            self.firmatario(f)
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
        tr!(
            self.lang,
            "Consensi dati: {list}" | "Consents given: {list}"
        )
    }

    pub fn signed(&self, al: &str, key: &str) -> String {
        tr!(
            self.lang,
            "Patto firmato, valido fino al {al}. Stampare ora le due copie ({key} per ristampare)."
                | "Patto signed, valid until {al}. Print the two copies now ({key} to reprint)."
        )
    }

    pub fn printed(&self, dir: &str, files: &str) -> String {
        tr!(
            self.lang,
            "Stampa scritta in {dir}: {files}" | "Print written to {dir}: {files}"
        )
    }

    pub fn err_folder(&self, dir: &str, e: &str) -> String {
        tr!(
            self.lang,
            "Impossibile scrivere nella cartella {dir} ({e}): sceglierne un'altra."
                | "Cannot write to the folder {dir} ({e}): choose another one."
        )
    }

    pub fn scadenze_summary(&self, within: u64, expiring: usize, expired: usize) -> String {
        tr!(
            self.lang,
            "In scadenza entro {within} giorni: {expiring} · scaduti negli ultimi 90 giorni: {expired}"
                | "Expiring within {within} days: {expiring} · expired in the last 90 days: {expired}"
        )
    }

    pub fn range_hint(&self, key: &str, other: u64) -> String {
        tr!(
            self.lang,
            "{key}: mostra {other} giorni · Invio: apre il Patto del paziente (Ctrl+R rinnova)"
                | "{key}: show {other} days · Enter: opens the patient's Patto (Ctrl+R renews)"
        )
    }

    pub fn no_scadenze(&self, within: u64) -> String {
        tr!(
            self.lang,
            "Nessun Patto in scadenza entro {within} giorni né scaduto negli ultimi 90 giorni."
                | "No Patto expiring within {within} days or expired in the last 90 days."
        )
    }
}

use crate::domain::{Canale, GestoreTipo};

texts! {
    /// The texts of F3 Gestore, of the PIC lines of the record and of
    /// Amministrazione (F11): importing the ATS lists, the practice set-up.
    pub struct GestoriStrings (GESTORI_IT, GESTORI_EN) {
        // Keys.
        k_choose: "Scegli" | "Choose",
        k_type_filter: "Tipo" | "Type",
        k_other_ats: "Altra ATS" | "Other ATS",
        k_revoke: "Revoca" | "Revoke",
        k_admin: "Amministrazione" | "Administration",
        k_open_section: "Apri" | "Open",
        k_read_file: "Leggi il file" | "Read the file",
        k_complete: "Completa / campo succ." | "Complete / next field",
        k_import: "Importa" | "Import",
        k_cancel_import: "Annulla (nulla scritto)" | "Cancel (nothing written)",
        k_pick: "Scegli" | "Choose",
        k_studio_enter: "Adesione/aggiungi/attiva" | "Adesione/add/switch",
        k_toggle_channel: "Attiva o disattiva" | "Switch on or off",
        k_remove_mmg: "Togli MMG" | "Remove GP",
        k_first: "Primo dell'elenco" | "First in the list",
        k_last: "Ultimo dell'elenco" | "Last in the list",
        k_detail: "Dettaglio" | "Details",
        k_previous: "Precedente" | "Previous",
        k_next: "Successivo" | "Next",
        k_to_list: "Elenco" | "List",
        // Help titles.
        ctx_gestore: "Gestore del paziente (F3)" | "The patient's Gestore (F3)",
        ctx_picker: "Scelta da un elenco" | "Choosing from a list",
        ctx_admin: "Amministrazione (F11 o Alt+9)" | "Administration (F11 or Alt+9)",
        ctx_admin_import: "Importa elenco Gestori" | "Import a list of Gestori",
        ctx_admin_preview: "Anteprima dell'importazione" | "Import preview",
        ctx_admin_history: "Storico importazioni" | "Import log",
        ctx_admin_studio: "Studio: medici, adesioni e canali" | "Practice: doctors, adesioni and channels",
        ctx_admin_gestori: "Elenco Gestori in archivio" | "Stored list of Gestori",
        ctx_admin_gestore: "Un Gestore dell'elenco, per intero" | "One Gestore of the list, in full",
        help_admin: "Amministrazione (F11 o Alt+9): importare l'elenco dei Gestori idonei pubblicato dall'ATS, vedere le importazioni fatte, impostare lo studio (medici, adesioni, canali) e consultare l'elenco dei Gestori in archivio." | "Administration (F11 or Alt+9): import the list of Gestori idonei published by the ATS, see the imports made, set up the practice (doctors, adesioni, channels) and browse the stored Gestori.",
        // F3 Gestore.
        no_patient: "Nessun paziente selezionato. F2: cercare il paziente, aprirne la scheda (o evidenziarlo nell'elenco) e premere F3." | "No patient selected. F2: find the patient, open their record (or highlight them in the list) and press F3.",
        no_patient_keys: "Nessun paziente selezionato: F2 per cercarlo, poi F3." | "No patient selected: F2 to find one, then F3.",
        no_level: "nessun livello" | "no level",
        no_active: "nessuna: scegliere il Gestore dall'elenco e premere Invio" | "none: pick the Gestore from the list and press Enter",
        own_mmg: "Gestore del MMG" | "Gestore of the GP",
        tipo: "Tipo" | "Type",
        all_types: "tutti" | "all",
        no_types: "Nessun Gestore in elenco: niente da filtrare per tipo." | "No Gestore listed: nothing to filter by type.",
        fictional: "esempio fittizio" | "fictional sample",
        col_denominazione: "Denominazione" | "Name",
        col_tipo: "Tipo" | "Type",
        col_telefono: "Telefono" | "Phone",
        col_referente: "Referente" | "Contact",
        empty_list: "Nessun Gestore idoneo in archivio per questa ATS: importare l'elenco dell'ATS da Amministrazione (F11 o Alt+9), oppure F9 per un'altra ATS." | "No Gestore idoneo stored for this ATS: import the ATS list from Administration (F11 or Alt+9), or F9 for another ATS.",
        nothing_matches: "Nessun Gestore corrisponde al filtro: Ctrl+U svuota la ricerca, F8 cambia il tipo." | "No Gestore matches the filter: Ctrl+U clears the search, F8 changes the type.",
        nothing_to_revoke: "Il paziente non ha una presa in carico attiva: niente da revocare." | "The patient has no active presa in carico: nothing to revoke.",
        ats_picker_title: "ATS dell'elenco" | "ATS of the list",
        ats_picker_text: "Di solito si sceglie tra i Gestori dell'ATS di residenza. Un'altra ATS solo su richiesta del paziente." | "The choice is usually among the Gestori of the ATS of residence. Another ATS only at the patient's request.",
        ats_residence_mark: "  (residenza)" | "  (residence)",
        other_ats_warning: "ATS diversa da quella di residenza" | "ATS other than the one of residence",
        change_title: "Cambia Gestore" | "Change Gestore",
        change_question: "Invio: revocare ora la presa in carico attiva (poi si sceglie il nuovo Gestore). Esc: lasciare tutto com'è." | "Enter: revoke the active presa in carico now (then choose the new Gestore). Esc: leave everything as it is.",
        choose_title: "Scelta del Gestore" | "Choosing the Gestore",
        gestore: "Gestore" | "Gestore",
        no_channel: "Nessun canale di arruolamento attivo: attivarne uno in Amministrazione › Studio (F11)." | "No enrolment channel is switched on: switch one on in Administration › Practice (F11).",
        mifs_off_line: "Canale MIFS: non ancora attiva (attivabile in Amministrazione › Studio)." | "MIFS channel: not yet active (can be switched on in Administration › Practice).",
        f_canale: "Canale" | "Channel",
        f_data: "Data (gg/mm/aaaa)" | "Date (dd/mm/yyyy)",
        f_note: "Note" | "Notes",
        f_motivo: "Motivo" | "Reason",
        revoke_title: "Revoca della presa in carico" | "Revoking the presa in carico",
        revoke_patto_line: "Anche il Patto di Cura collegato viene revocato." | "Its Patto di Cura is revoked too.",
        revoke_then_choose: "Dopo la revoca si torna all'elenco per scegliere il nuovo Gestore." | "After the revocation the list comes back to choose the new Gestore.",
        err_motivo: "Indicare il motivo della revoca" | "Give the reason for the revocation",
        // Record.
        r_history: "Storico PIC" | "PIC history",
        // Amministrazione.
        title_admin: "Amministrazione" | "Administration",
        admin_intro: "↑↓ per scegliere la sezione, Invio per aprirla, Esc per tornare." | "↑↓ to pick a section, Enter to open it, Esc to go back.",
        sec_import: "Importa elenco Gestori" | "Import list of Gestori",
        sec_import_text: "Legge l'elenco dei Gestori idonei pubblicato dall'ATS (CSV o XLSX): anteprima delle righe riconosciute e scartate, poi conferma." | "Reads the list of Gestori idonei published by the ATS (CSV or XLSX): preview of the rows recognised and rejected, then confirm.",
        sec_history: "Storico importazioni" | "Import log",
        sec_history_text: "Le importazioni fatte: data, file, ATS, conteggi, operatore." | "The imports made: date, file, ATS, counts, operator.",
        sec_studio: "Studio" | "Practice",
        sec_studio_text: "Nome e comune dello studio, i medici (MMG) e il Gestore a cui aderiscono, i canali di arruolamento attivi, la stampante del Patto." | "Name and comune of the practice, its doctors (MMG) and the Gestore they adhere to, the enrolment channels switched on, the Patto's printer.",
        sec_gestori: "Elenco Gestori" | "List of Gestori",
        sec_gestori_text: "Tutti i Gestori in archivio, di ogni ATS, compresi quelli non più idonei e quelli di esempio (fittizi)." | "Every stored Gestore of every ATS, including those no longer idonei and the (fictional) samples.",
        // Import.
        import_intro: "Il file dell'elenco dei Gestori idonei pubblicato dall'ATS: CSV (anche da Excel) o XLSX. Prima di scrivere si vede l'anteprima." | "The file of the list of Gestori idonei published by the ATS: CSV (also from Excel) or XLSX. A preview comes before anything is written.",
        f_file: "File *" | "File *",
        f_ats: "ATS (se manca nel file)" | "ATS (if not in file)",
        f_sheet: "Foglio (solo XLSX)" | "Sheet (XLSX only)",
        h_file: "Percorso del file, es. Scaricati/gestori-ats.csv (Tab completa il nome). Invio legge il file e mostra l'anteprima: nulla viene scritto." | "Path of the file, e.g. Downloads/gestori-ats.csv (Tab completes the name). Enter reads it and shows the preview: nothing is written.",
        h_ats: "Il codice (030321-030328) o il nome dell'ATS delle righe che non hanno la colonna ATS. Vuoto: la colonna del file." | "Code (030321-030328) or name of the ATS of rows without an ATS column. Empty: the file's column.",
        h_sheet: "Il foglio da leggere di un file XLSX. Vuoto: il primo." | "The sheet to read from an XLSX file. Empty: the first.",
        ats_from_file: "— (dalla colonna ATS del file)" | "— (from the file's ATS column)",
        err_no_file: "Indicare il file da importare." | "Give the file to import.",
        preview_note: "Anteprima: nulla è ancora scritto. Ctrl+S importa tutto insieme, Esc annulla." | "Preview: nothing written yet. Ctrl+S imports it all at once, Esc cancels.",
        import_cancelled: "Importazione annullata: nulla è stato scritto." | "Import cancelled: nothing was written.",
        file: "File" | "File",
        encoding: "codifica" | "encoding",
        separator: "separatore" | "separator",
        sheet: "foglio" | "sheet",
        c_recognised: "Riconosciute" | "Recognised",
        c_rejected: "Scartate" | "Rejected",
        c_added: "Nuovi" | "New",
        c_updated: "Aggiornati" | "Updated",
        c_unchanged: "Invariati" | "Unchanged",
        c_no_longer: "Non più idonei" | "No longer idonei",
        s_ignored_columns: "Colonne ignorate" | "Ignored columns",
        // History and list.
        no_imports: "Nessuna importazione registrata." | "No import recorded.",
        col_date: "Data" | "Date",
        col_file: "File" | "File",
        col_ats: "ATS" | "ATS",
        col_added: "Nuovi" | "New",
        col_updated: "Agg." | "Upd.",
        col_no_longer: "Non id." | "No l.",
        col_rejected: "Scart." | "Rej.",
        col_operator: "Operatore" | "Operator",
        col_state: "Stato" | "State",
        idoneo: "idoneo" | "idoneo",
        fictional_mark: " (fittizio)" | " (fictional)",
        nothing_stored: "Nessun Gestore corrisponde alla ricerca." | "No Gestore matches the search.",
        // One stored Gestore in full.
        d_title: "Gestore" | "Gestore",
        d_denominazione: "Denominazione" | "Name",
        d_ats: "ATS" | "ATS",
        d_tipo: "Tipologia" | "Type",
        d_codice: "Codice (elenco ATS)" | "Code (ATS list)",
        d_cf_piva: "Codice Fiscale/P.IVA" | "Codice Fiscale/P.IVA",
        d_indirizzo: "Indirizzo" | "Address",
        d_comune: "Comune" | "Comune",
        d_telefono: "Telefono" | "Phone",
        d_email: "E-mail/PEC" | "E-mail/PEC",
        d_referente: "Referente" | "Contact person",
        d_livelli: "Livelli" | "Levels",
        d_stato: "Stato" | "State",
        d_prese: "Prese in carico attive" | "Active prese in carico",
        d_sample: "Dato di esempio fornito con il programma, non un soggetto reale" | "Sample data shipped with the program, not a real subject",
        // Studio.
        f_practice_name: "Nome dello studio" | "Practice name",
        f_practice_comune: "Comune" | "Comune",
        f_printer: "Stampante" | "Printer",
        h_printer: "Dove si stampa il Patto: il nome di una stampante del sistema (es. patto), «predefinita», o «nessuna» per il solo file PDF in stampe." | "Where the Patto is printed: a system printer's name (e.g. patto), «predefinita», or «nessuna» for the PDF file in stampe only.",
        f_mmg_list: "Medici (MMG)" | "Doctors (MMG)",
        mmg_columns: "nome                      adesione" | "name                      adesione",
        f_new_mmg: "Nuovo MMG" | "New GP",
        f_channels: "Canali di arruolamento attivi" | "Enrolment channels switched on",
        h_practice_name: "Il nome stampato sui documenti (es. Studio medico associato Dott. Rossi)." | "The name printed on documents (e.g. Studio medico associato Dott. Rossi).",
        h_mmg_list: "↑↓ sceglie il medico, Invio ne imposta l'adesione (cooperativa Gestore, MIFS o nessuna), Ctrl+D lo toglie. Il nome va scritto come nelle schede dei pazienti." | "↑↓ picks the doctor, Enter sets their adesione (Gestore cooperative, MIFS or none), Ctrl+D removes them. Write the name as on the patients' records.",
        h_new_mmg: "Nome del medico come nelle schede dei pazienti (es. Dott.ssa Elena Sala); Invio lo aggiunge." | "The doctor's name as on the patients' records (e.g. Dott.ssa Elena Sala); Enter adds it.",
        h_channels: "Invio o Spazio attiva o disattiva il canale. MIFS (medico in forma singola con il Centro Servizi ASST) non è ancora attiva in Lombardia: attivarla solo su indicazione dell'ASST." | "Enter or Space switches the channel on or off. MIFS (single-handed GP with the ASST Centro Servizi) is not yet active in Lombardy: switch it on only when the ASST says so.",
        no_mmg: "nessun medico: scriverne il nome in «Nuovo MMG» e premere Invio" | "no doctor: type a name in «New GP» and press Enter",
        no_mmg_yet: "Nessun medico in elenco: scriverne il nome in «Nuovo MMG» e premere Invio." | "No doctor listed: type a name in «New GP» and press Enter.",
        type_mmg_name: "Scrivere il nome del medico, poi Invio." | "Type the doctor's name, then Enter.",
        remove_where: "Ctrl+D toglie il medico selezionato nell'elenco dei MMG (Tab per arrivarci)." | "Ctrl+D removes the doctor selected in the list of GPs (Tab to get there).",
        adesione_none: "nessuna adesione" | "no adesione",
        adesione_mifs: "MMG in forma singola (MIFS)" | "Single-handed GP (MIFS)",
        adesione_text: "Il Gestore (cooperativa) a cui il medico aderisce: i suoi pazienti lo troveranno per primo in F3. Elenco dei Gestori idonei in archivio." | "The Gestore (cooperative) the doctor adheres to: their patients see it first in F3. Stored list of Gestori idonei.",
        gestore_missing: "Gestore non più in archivio" | "Gestore no longer stored",
        comune_unknown: "comune sconosciuto" | "unknown comune",
        mifs_on_note: " — attivata (non ancora operativa in Lombardia)" | " — on (not yet operating in Lombardy)",
        mifs_off_note: " — non ancora attiva (attivabile)" | " — not yet active (can be switched on)",
        mifs_switched_on: "Canale MIFS attivato: non è ancora operativo in Lombardia. Ctrl+S per salvare." | "MIFS channel switched on: it is not yet operating in Lombardy. Ctrl+S to save.",
        err_practice_name: "Il nome dello studio è obbligatorio" | "The practice name is required",
        practice_saved: "Studio salvato" | "Practice saved",
    }
}

impl GestoriStrings {
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
        tr!(
            self.lang,
            "{gestore} · {canale} · dal {date} · {step}"
                | "{gestore} · {canale} · since {date} · {step}"
        )
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
        tr!(
            self.lang,
            "Gestori idonei di {ats}: {shown} di {total}"
                | "Gestori idonei of {ats}: {shown} of {total}"
        )
    }

    pub fn levels_text(&self, levels: &[u8]) -> String {
        if levels.is_empty() {
            return tr!(self.lang, "livelli: tutti" | "levels: all");
        }
        let list: Vec<String> = levels.iter().map(u8::to_string).collect();
        tr!(self.lang, "livelli: {}" | "levels: {}", list.join(", "))
    }

    pub fn level_not_taken(&self, level: u8) -> String {
        tr!(
            self.lang,
            "Questo Gestore non prende in carico pazienti di livello {level}, come questo paziente"
                | "This Gestore does not take in charge patients of level {level}, like this patient"
        )
    }

    pub fn change_text(&self, gestore: &str, date: &str) -> String {
        tr!(
            self.lang,
            "Il paziente è già in carico a {gestore} dal {date}. Un paziente ha una sola presa in carico attiva: per cambiare Gestore si revoca prima quella attuale (data e motivo; il Patto di Cura collegato viene chiuso), poi si sceglie il nuovo Gestore dall'elenco."
                | "The patient is already in charge of {gestore} since {date}. A patient has one active presa in carico: to change Gestore the current one is revoked first (date and reason; its Patto di Cura is closed), then the new Gestore is chosen from the list."
        )
    }

    pub fn chosen(&self, gestore: &str, canale: &str, date: &str) -> String {
        tr!(
            self.lang,
            "Gestore scelto: {gestore} ({canale}, dal {date})"
                | "Gestore chosen: {gestore} ({canale}, from {date})"
        )
    }

    pub fn revoke_text(&self, gestore: &str, date: &str) -> String {
        tr!(
            self.lang,
            "Revoca della presa in carico di {gestore} (scelto il {date}). Nulla viene cancellato: resta nello storico del paziente."
                | "Revoking the presa in carico of {gestore} (chosen on {date}). Nothing is deleted: it stays in the patient's history."
        )
    }

    pub fn revoked(&self, date: &str, motivo: &str) -> String {
        tr!(
            self.lang,
            "Presa in carico revocata il {date} ({motivo})"
                | "Presa in carico revoked on {date} ({motivo})"
        )
    }

    pub fn revoked_choose_now(&self, date: &str) -> String {
        tr!(
            self.lang,
            "Presa in carico revocata il {date}. Ora scegliere il nuovo Gestore e premere Invio."
                | "Presa in carico revoked on {date}. Now pick the new Gestore and press Enter."
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
        tr!(
            self.lang,
            "{gestore} · {canale} · scelto il {date} · stato: {step}"
                | "{gestore} · {canale} · chosen on {date} · state: {step}"
        )
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
        tr!(
            self.lang,
            "{shown} di {total} Gestori in archivio ({idonei} idonei; nulla viene cancellato)"
                | "{shown} of {total} stored Gestori ({idonei} idonei; nothing is deleted)"
        )
    }

    pub fn non_idoneo_since(&self, date: &str) -> String {
        tr!(
            self.lang,
            "non più idoneo dal {date}" | "no longer idoneo since {date}"
        )
    }

    pub fn non_idoneo_short(&self, date: &str) -> String {
        tr!(self.lang, "non id. dal {date}" | "not id. since {date}")
    }

    pub fn err_ats(&self, value: &str) -> String {
        tr!(
            self.lang,
            "ATS «{value}» sconosciuta: un codice da 030321 a 030328 o il nome (es. Brianza)"
                | "Unknown ATS «{value}»: a code from 030321 to 030328 or the name (e.g. Brianza)"
        )
    }

    pub fn err_not_found(&self, path: &str) -> String {
        tr!(
            self.lang,
            "File non trovato: {path}. Controllare cartella e nome (Tab completa il nome)."
                | "File not found: {path}. Check folder and name (Tab completes the name)."
        )
    }

    pub fn err_is_dir(&self, path: &str) -> String {
        tr!(
            self.lang,
            "{path} è una cartella: indicare il file dell'elenco (Tab completa il nome)."
                | "{path} is a folder: give the list's file (Tab completes the name)."
        )
    }

    pub fn err_too_large(&self, name: &str, megabytes: u64) -> String {
        tr!(
            self.lang,
            "Il file {name} è troppo grande ({megabytes} MB): un elenco di Gestori è di pochi KB"
                | "The file {name} is too large ({megabytes} MB): a list of Gestori is a few KB"
        )
    }

    pub fn reading(&self, name: &str) -> String {
        tr!(self.lang, "Lettura di {name} in corso…" | "Reading {name}…")
    }

    pub fn err_read(&self, name: &str, detail: &str) -> String {
        tr!(
            self.lang,
            "Impossibile leggere {name}: {detail}" | "Cannot read {name}: {detail}"
        )
    }

    pub fn err_parse(&self, name: &str, detail: &str) -> String {
        tr!(
            self.lang,
            "{name}: {detail}. Nulla è stato importato."
                | "{name}: {detail}. Nothing was imported."
        )
    }

    pub fn preview_ready(&self, accepted: usize, rejected: usize) -> String {
        tr!(
            self.lang,
            "File letto: {accepted} righe riconosciute, {rejected} scartate. Nulla è stato scritto."
                | "File read: {accepted} rows recognised, {rejected} rejected. Nothing was written."
        )
    }

    pub fn import_done(&self, added: u32, updated: u32, no_longer: u32) -> String {
        tr!(
            self.lang,
            "Importazione registrata: {added} nuovi, {updated} aggiornati, {no_longer} non più idonei."
                | "Import recorded: {added} new, {updated} updated, {no_longer} no longer idonei."
        )
    }

    pub fn line_reason(&self, line: usize, reason: &str) -> String {
        tr!(self.lang, "riga {line}: {reason}" | "line {line}: {reason}")
    }

    pub fn s_rejected(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Righe scartate ({n}): non verranno importate"
                | "Rejected rows ({n}): they will not be imported"
        )
    }

    pub fn s_warnings(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Avvisi ({n}): righe importate, da controllare"
                | "Warnings ({n}): rows imported, to be checked"
        )
    }

    pub fn s_no_longer(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Diventeranno non più idonei ({n}): assenti dal nuovo elenco"
                | "Will become no longer idonei ({n}): missing from the new list"
        )
    }

    pub fn s_added(&self, n: usize) -> String {
        tr!(self.lang, "Nuovi ({n})" | "New ({n})")
    }

    pub fn s_updated(&self, n: usize) -> String {
        tr!(self.lang, "Aggiornati ({n})" | "Updated ({n})")
    }

    pub fn scroll_mark(&self, from: usize, to: usize, total: usize) -> String {
        tr!(
            self.lang,
            "↑↓ righe {from}-{to} di {total}" | "↑↓ lines {from}-{to} of {total}"
        )
    }

    pub fn mmg_added(&self, name: &str) -> String {
        tr!(
            self.lang,
            "{name} aggiunto: ↑ per sceglierne l'adesione, Ctrl+S per salvare"
                | "{name} added: ↑ to set their adesione, Ctrl+S to save"
        )
    }

    pub fn mmg_exists(&self, name: &str) -> String {
        tr!(
            self.lang,
            "{name} è già nell'elenco dei medici" | "{name} is already in the list of doctors"
        )
    }

    pub fn mmg_removed(&self, name: &str) -> String {
        tr!(
            self.lang,
            "{name} tolto dall'elenco (Ctrl+S per salvare)"
                | "{name} removed from the list (Ctrl+S to save)"
        )
    }

    pub fn adesione_title(&self, name: &str) -> String {
        tr!(self.lang, "Adesione di {name}" | "Adesione of {name}")
    }
}

texts! {
    /// The texts of the PAI editor (F5).
    pub struct PaiStrings (PAI_IT, PAI_EN) {
        title_version: "PAI · versione precedente" | "PAI · earlier version",
        // Key labels and names.
        k_new_pai: "Nuovo PAI dai modelli" | "New PAI from templates",
        k_new_version: "Nuova versione" | "New version",
        k_edit_patient: "Modifica scheda" | "Edit record",
        k_add: "Aggiungi" | "Add",
        k_edit: "Modifica" | "Edit",
        k_remove: "Rimuovi" | "Remove",
        k_save: "Salva" | "Save",
        k_share: "Condividi" | "Share",
        k_export: "Esporta" | "Export",
        k_versions: "Versioni" | "Versions",
        k_next_section: "Sezione" | "Section",
        k_prev_section: "Sezione precedente" | "Previous section",
        k_home: "Prima voce" | "First line",
        k_end: "Ultima voce" | "Last line",
        k_tick: "Segna/togli" | "Tick/untick",
        k_done: "Fatto" | "Done",
        key_insert: "Ins" | "Ins",
        key_delete: "Canc" | "Del",
        // Help sections.
        ctx_pai: "PAI (F5): nessun piano" | "PAI (F5): no plan",
        ctx_bozza: "PAI (F5): bozza" | "PAI (F5): draft",
        ctx_lettura: "PAI (F5): condiviso o concluso, in sola lettura" | "PAI (F5): shared or concluded, read-only",
        ctx_dopo: "PAI: prestazioni da fare prima" | "PAI: services needed first",
        // Without a plan.
        no_patient: "Nessun paziente selezionato." | "No patient selected.",
        no_gestore: "Il paziente non ha un Gestore: il PAI si prepara dopo la presa in carico." | "The patient has no Gestore: the PAI is prepared after the presa in carico.",
        no_pathologies: "Nessuna patologia cronica registrata nella scheda del paziente." | "No chronic pathology on the patient's record.",
        no_plan: "Nessun PAI in uso per questo paziente." | "No PAI in use for this patient.",
        prepare_note: "Le prestazioni e i consigli vengono dai modelli delle patologie (modello da validare dal Clinical Manager); una prestazione comune a più patologie compare una volta sola, alla frequenza più alta." | "Services and advice come from the pathology templates (to be validated by the Clinical Manager); a service shared by several pathologies appears once, at the highest frequency.",
        already_has_pai: "Il paziente ha già un PAI in uso." | "The patient already has a PAI in use.",
        already_draft: "Questa versione è già una bozza: si può modificare." | "This version is already a draft: it can be changed.",
        // The plan.
        clinical_manager: "Clinical Manager" | "Clinical Manager",
        read_only_version: "Versione precedente: in sola lettura." | "Earlier version: read-only.",
        read_only_concluded: "PAI concluso: in sola lettura." | "Concluded PAI: read-only.",
        empty_section_read_only: "Nessuna voce." | "Nothing listed.",
        esterno_short: "(est.)" | "(ext.)",
        col_categoria: "Categoria" | "Category",
        col_descrizione: "Descrizione" | "Description",
        col_frequenza: "Frequenza" | "Frequency",
        col_luogo: "Luogo" | "Where",
        col_preparazione: "Preparazione" | "Preparation",
        col_patologie: "Patologie" | "Pathologies",
        col_occ: "Occ." | "Occ.",
        col_pren: "Pren." | "Book.",
        col_eseg: "Eseg." | "Done",
        col_farmaco: "Farmaco (principio attivo)" | "Drug (active ingredient)",
        col_posologia: "Posologia" | "Dosage",
        col_durata: "Durata" | "Duration",
        col_note: "Note" | "Notes",
        col_tipo: "Tipo" | "Kind",
        col_voce: "Voce" | "Entry",
        col_n: "n." | "no.",
        esenzione: "Esenzione" | "Exemption",
        allergia: "Allergia" | "Allergy",
        // Versions.
        no_versions: "Nessun PAI registrato per questo paziente." | "No PAI stored for this patient.",
        versions_title: "Versioni del PAI" | "PAI versions",
        versions_text: "La più recente in alto. Invio apre la versione in sola lettura." | "Newest first. Enter opens the version read-only.",
        on_screen: "in uso" | "in use",
        // Removing, sharing, exporting.
        nothing_to_remove: "Nessuna voce selezionata da rimuovere." | "No line selected to remove.",
        remove_title: "Rimuovere la voce?" | "Remove the line?",
        share_title: "Condividere il PAI con il paziente?" | "Share the PAI with the patient?",
        share_frozen: "Dopo la condivisione il PAI non si modifica: le modifiche creeranno una nuova versione" | "Once shared the PAI cannot be changed: changes will make a new version",
        share_saves_first: "Le modifiche non ancora salvate vengono salvate prima." | "Changes not yet saved are saved first.",
        share_blocked_title: "Il PAI non si può ancora condividere" | "The PAI cannot be shared yet",
        share_fix: "Completare il piano e riprovare." | "Complete the plan and try again.",
        export_title: "Esporta il PAI" | "Export the PAI",
        export_text: "Il piano in PDF e in FHIR R4 CarePlan (JSON), nella cartella indicata." | "The plan as PDF and as FHIR R4 CarePlan (JSON), into the folder below.",
        f_folder: "Cartella" | "Folder",
        err_folder_empty: "Indicare la cartella in cui scrivere" | "Give the folder to write into",
        // The row dialog.
        title_new_item: "Nuova prestazione" | "New service",
        title_new_farmaco: "Nuovo farmaco" | "New drug",
        title_edit_farmaco: "Farmaco" | "Drug",
        f_categoria: "Categoria" | "Category",
        f_descrizione: "Descrizione" | "Description",
        f_codice: "Codice prestazione" | "Service code",
        f_frequenza: "Frequenza" | "Frequency",
        f_luogo: "Luogo" | "Where",
        f_risorsa: "Risorsa in sede" | "Resource on site",
        f_erogatore: "Erogatore esterno" | "External provider",
        f_preparazione: "Preparazione" | "Preparation",
        f_dopo: "Dopo i risultati di" | "After the results of",
        f_patologie: "Patologie" | "Pathologies",
        f_note: "Note" | "Notes",
        f_farmaco: "Farmaco" | "Drug",
        f_principio: "Principio attivo" | "Active ingredient",
        f_posologia: "Posologia" | "Dosage",
        f_durata: "Durata" | "Duration",
        f_tipo: "Tipo" | "Kind",
        f_consiglio: "Consiglio" | "Advice",
        f_vaccinazione: "Vaccinazione" | "Vaccination",
        f_voce: "Codice o descrizione" | "Code or description",
        luogo_in_sede: "in sede" | "on site",
        luogo_esterno: "esterno" | "external",
        h_categoria: "Spazio cambia la categoria." | "Space changes the category.",
        h_descrizione: "Il nome della prestazione, es. Emoglobina glicata (HbA1c)." | "The name of the service, e.g. Emoglobina glicata (HbA1c).",
        h_codice: "Codice del nomenclatore, se noto (es. 90.28.1)." | "Nomenclatore code, if known (e.g. 90.28.1).",
        h_frequenza: "Es. 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile." | "Italian, as the desk writes it: 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile.",
        h_luogo: "Spazio: in sede (su una risorsa dell'agenda) o esterno (un erogatore)." | "Space: on site (a resource of the agenda) or external (a provider).",
        h_risorsa: "Il tipo di risorsa dell'agenda, es. punto prelievi, ambulatorio MMG, ECG." | "The kind of agenda resource, e.g. punto prelievi, ambulatorio MMG, ECG.",
        h_erogatore: "La struttura o la specialità esterna, es. cardiologia." | "The external facility or specialty, e.g. cardiologia.",
        h_preparazione: "Es. a digiuno, primo campione di urine del mattino." | "E.g. a digiuno (fasting), first morning urine sample.",
        h_dopo: "Spazio: scegliere le prestazioni i cui risultati servono prima." | "Space: choose the services whose results are needed first.",
        h_patologie: "I codici delle patologie che la richiedono, separati da virgole (es. DM2, IPA)." | "The codes of the pathologies that need it, comma separated (e.g. DM2, IPA).",
        h_note: "Annotazioni per il Clinical Manager e per chi prenota." | "Notes for the Clinical Manager and for whoever books.",
        h_farmaco: "Il nome commerciale, come prescritto." | "The brand name, as prescribed.",
        h_principio: "Il principio attivo (basta uno dei due nomi)." | "The active ingredient (one of the two names is enough).",
        h_posologia: "Es. 1 compressa al mattino." | "E.g. 1 tablet in the morning.",
        h_durata: "Es. continuativa, 3 mesi." | "E.g. ongoing, 3 months.",
        h_note_farmaco: "Annotazioni sulla prescrizione." | "Notes on the prescription.",
        h_tipo: "Spazio: esenzione o allergia." | "Space: exemption or allergy.",
        h_consiglio: "Un consiglio sullo stile di vita (almeno uno è richiesto per condividere)." | "A lifestyle advice (at least one is needed to share).",
        h_vaccinazione: "Es. antinfluenzale (campagna autunnale), antipneumococcica." | "E.g. influenza (autumn campaign), pneumococcal.",
        h_voce: "Il codice di esenzione (es. 013) o l'allergia (es. penicillina)." | "The exemption code (e.g. 013) or the allergy (e.g. penicillin).",
        err_descrizione: "Indicare la descrizione della prestazione" | "Give the description of the service",
        err_frequenza_vuota: "Indicare la frequenza (es. 4/anno, ogni 6 mesi, una volta)" | "Give the frequency (e.g. 4/anno, ogni 6 mesi, una volta)",
        err_risorsa: "Indicare la risorsa in sede (es. punto prelievi)" | "Give the resource on site (e.g. punto prelievi)",
        err_erogatore: "Indicare l'erogatore esterno (es. cardiologia)" | "Give the external provider (e.g. cardiologia)",
        err_farmaco: "Indicare il farmaco o il principio attivo" | "Give the drug or the active ingredient",
        err_riga: "Il testo è vuoto" | "The text is empty",
        dopo_nessuna: "nessuna (Spazio per scegliere)" | "none (Space to choose)",
        dopo_title: "Dopo i risultati di" | "After the results of",
        dopo_text: "Le prestazioni i cui risultati servono prima:" | "The services whose results are needed first:",
        dopo_empty: "Nessun'altra prestazione nel piano." | "No other service in the plan.",
    }
}

impl PaiStrings {
    /// Under "manca il Clinical Manager" when sharing: where it is set.
    pub fn share_fix_cm(&self, area: &str, key: &str) -> String {
        tr!(
            self.lang,
            "Il Clinical Manager viene dal Patto di Cura firmato: {area} apre il Patto, {key} lo corregge."
                | "The Clinical Manager comes from the signed Patto di Cura: {area} opens the Patto, {key} corrects it."
        )
    }

    /// The name of a section (its tab).
    pub fn section(&self, section: crate::tui::pai::Section) -> &'static str {
        use crate::tui::pai::Section as S;
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
            PaiStato::Bozza => tr!(self.lang, "bozza" | "draft"),
            PaiStato::Condiviso { condiviso_il, .. } => tr!(
                self.lang,
                "condiviso il {}" | "shared on {}",
                date(*condiviso_il)
            ),
            PaiStato::Concluso { il, .. } => {
                tr!(self.lang, "concluso il {}" | "concluded on {}", date(*il))
            }
        }
    }

    pub fn version_label(&self, v: u32) -> String {
        tr!(self.lang, "PAI versione {v}" | "PAI version {v}")
    }

    /// "29/04/2026–28/04/2027".
    pub fn range(&self, dal: &str, al: &str) -> String {
        format!("{dal}–{al}")
    }

    pub fn period(&self, dal: &str, al: &str) -> String {
        tr!(
            self.lang,
            "Periodo: dal {dal} al {al}" | "Period: from {dal} to {al}"
        )
    }

    pub fn summary(&self, needed: u32, booked: u32, done: u32) -> String {
        tr!(
            self.lang,
            "occorrenze: {needed} · prenotate: {booked} · eseguite: {done}"
                | "occurrences: {needed} · booked: {booked} · done: {done}"
        )
    }

    pub fn code(&self, code: &str) -> String {
        tr!(self.lang, "cod. {code}" | "code {code}")
    }

    pub fn fix_patient(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: cercare il paziente, poi F5 per il suo PAI"
                | "   → {key}: find the patient, then F5 for their PAI"
        )
    }

    pub fn fix_gestore(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: scegliere il Gestore" | "   → {key}: choose the Gestore"
        )
    }

    pub fn fix_pathologies(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: modificare la scheda del paziente e aggiungere le patologie"
                | "   → {key}: edit the patient record and add the pathologies"
        )
    }

    pub fn fix_prepare(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: nuovo PAI dai modelli delle patologie del paziente"
                | "   → {key}: new PAI from the templates of the patient's pathologies"
        )
    }

    pub fn older_versions(&self, n: usize, key: &str) -> String {
        tr!(
            self.lang,
            "Versioni registrate: {n}   → {key}: elenco (in sola lettura)"
                | "Stored versions: {n}   → {key}: list (read-only)"
        )
    }

    pub fn prepared(&self, n: usize, key: &str) -> String {
        tr!(
            self.lang,
            "PAI preparato dai modelli: {n} prestazioni. Controllarle e salvare con {key}."
                | "PAI prepared from the templates: {n} services. Check them and save with {key}."
        )
    }

    pub fn new_version_made(&self, v: u32) -> String {
        tr!(
            self.lang,
            "Nuova versione {v} in bozza; la versione condivisa resta in vigore fino ad allora."
                | "New version {v} as a draft; the shared version stays in force until then."
        )
    }

    pub fn draft_of_version(&self, v: u32) -> String {
        tr!(
            self.lang,
            "! bozza della nuova versione (in vigore la versione {v})"
                | "! draft of the new version (version {v} stays in force)"
        )
    }

    pub fn unsaved(&self, key: &str) -> String {
        tr!(
            self.lang,
            "● modifiche non salvate ({key})" | "● unsaved changes ({key})"
        )
    }

    pub fn read_only_shared(&self, key: &str) -> String {
        tr!(
            self.lang,
            "PAI condiviso: creare una nuova versione ({key}) per modificarlo"
                | "Shared PAI: make a new version ({key}) to change it"
        )
    }

    pub fn empty_section(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Nessuna voce. {key}: aggiungere." | "Nothing listed. {key}: add."
        )
    }

    pub fn nothing_to_edit(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Nessuna voce da modificare: {key} per aggiungerne una."
                | "Nothing to edit: {key} adds a line."
        )
    }

    pub fn changed(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Modifica fatta nel piano: {key} per salvarla." | "Changed in the plan: {key} to save."
        )
    }

    pub fn removed(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Voce rimossa dal piano: {key} per salvare." | "Removed from the plan: {key} to save."
        )
    }

    pub fn remove_question(&self, what: &str) -> String {
        tr!(
            self.lang,
            "Rimuovere «{what}» dal piano?" | "Remove «{what}» from the plan?"
        )
    }

    pub fn remove_dependants(&self, list: &str) -> String {
        tr!(
            self.lang,
            "Non sarà più richiesta prima di: {list}."
                | "It will no longer be required before: {list}."
        )
    }

    pub fn remove_save(&self, key: &str) -> String {
        tr!(
            self.lang,
            "La rimozione diventa definitiva salvando ({key})."
                | "The removal becomes final when saved ({key})."
        )
    }

    pub fn saved(&self, v: u32) -> String {
        tr!(
            self.lang,
            "PAI salvato (bozza, versione {v})." | "PAI saved (draft, version {v})."
        )
    }

    pub fn shared(&self, v: u32, date: &str, key: &str) -> String {
        tr!(
            self.lang,
            "PAI condiviso il {date} (versione {v}). {key}: esportarlo in PDF e FHIR."
                | "PAI shared on {date} (version {v}). {key}: export it as PDF and FHIR."
        )
    }

    pub fn export_save_first(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Ci sono modifiche non salvate: salvare prima con {key}, poi esportare."
                | "There are unsaved changes: save with {key} first, then export."
        )
    }

    pub fn exported(&self, dir: &str, files: &str) -> String {
        tr!(
            self.lang,
            "Scritti in {dir}: {files}" | "Written to {dir}: {files}"
        )
    }

    pub fn err_folder(&self, dir: &str, e: &str) -> String {
        tr!(
            self.lang,
            "Impossibile scrivere nella cartella {dir}: {e}"
                | "Cannot write to the folder {dir}: {e}"
        )
    }

    pub fn title_edit_item(&self, id: u32) -> String {
        tr!(self.lang, "Prestazione n. {id}" | "Service no. {id}")
    }

    pub fn title_riga(&self, section: crate::tui::pai::Section, edit: bool) -> String {
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
        tr!(self.lang, "Letta come: {label}" | "Read as: {label}")
    }
}

texts! {
    /// The texts of F6, the agenda, and of the planning of a PAI.
    pub struct AgendaStrings (AGENDA_IT, AGENDA_EN) {
        ctx_agenda: "Agenda (F6)" | "Agenda (F6)",
        ctx_plan: "Pianificazione del PAI" | "Planning the PAI",
        title_plan: "Pianificazione del PAI" | "Planning the PAI",
        k_prev_day: "giorno prima" | "previous day",
        k_next_day: "giorno dopo" | "next day",
        k_today: "oggi" | "today",
        k_goto: "vai alla data" | "go to date",
        k_resource: "risorsa" | "resource",
        k_done: "eseguito" | "done",
        k_no_show: "non presentato" | "no-show",
        k_booked: "riporta a prenotato (segnato per errore)" | "back to booked (marked by mistake)",
        k_cancel: "annulla" | "cancel",
        k_move: "sposta" | "move",
        k_print: "stampa lista" | "print list",
        k_plan: "pianifica PAI" | "plan PAI",
        k_tick: "seleziona" | "select",
        k_book: "prenota" | "book",
        col_ora: "Ora" | "Time",
        col_fine: "Fine" | "End",
        col_dove: "Dove" | "Where",
        col_paziente: "Paziente" | "Patient",
        col_prestazione: "Prestazione" | "Service",
        col_stato: "Stato" | "State",
        col_data: "Data" | "Date",
        label_day: "Giorno" | "Day",
        label_resource: "Risorsa" | "Resource",
        all_resources: "tutte" | "all",
        empty_day: "Nessun appuntamento in questa giornata." | "No appointments on this day.",
        goto_title: "Vai alla data" | "Go to date",
        label_date: "Data (gg/mm/aaaa)" | "Date (dd/mm/yyyy)",
        label_time: "Ora (hh:mm)" | "Time (hh:mm)",
        label_motivo: "Motivo" | "Reason",
        label_forzatura: "Forzatura (motivo)" | "Override (reason)",
        cancel_title: "Annulla appuntamento" | "Cancel appointment",
        move_title: "Sposta appuntamento" | "Move appointment",
        move_intro: "Nuova data e ora. La forzatura serve solo se lo spostamento crea un conflitto." | "New date and time. The override is needed only when the move creates a conflict.",
        err_date: "Data non valida: usare gg/mm/aaaa" | "Invalid date: use dd/mm/yyyy",
        err_time: "Ora non valida: usare hh:mm" | "Invalid time: use hh:mm",
        err_motivo: "Indicare il motivo dell'annullamento" | "Give the reason for the cancellation",
        no_selection: "Nessun appuntamento selezionato" | "No appointment selected",
        marked_done: "Appuntamento segnato come eseguito (Ctrl+R lo riporta a prenotato)" | "Appointment marked as done (Ctrl+R sets it back to booked)",
        marked_no_show: "Appuntamento segnato come non presentato (Ctrl+R lo riporta a prenotato)" | "Appointment marked as no-show (Ctrl+R sets it back to booked)",
        marked_booked: "Appuntamento riportato a prenotato" | "Appointment set back to booked",
        /// The state of a booked appointment outside availability, in the day list.
        fuori_short: "! fuori disp." | "! unavailable",
        cancelled: "Appuntamento annullato" | "Appointment cancelled",
        no_patient: "Nessun paziente selezionato: cercarlo in F2, poi F6" | "No patient selected: find one in F2, then F6",
        no_pai: "Il paziente non ha un PAI condiviso da pianificare" | "The patient has no shared PAI to plan",
        head_proposals: "Proposte" | "Proposals",
        head_unplaced: "Non collocate" | "Not placed",
        head_esterni: "Da prenotare tramite il sistema regionale" | "To book through the regional system",
        no_proposals: "Nessuna proposta: tutto già prenotato o non collocabile." | "No proposals: everything is booked or cannot be placed.",
        none_selected: "Nessuna proposta selezionata" | "No proposal selected",
        // Week view.
        ctx_week: "Agenda, settimana (F6)" | "Agenda, week (F6)",
        k_week: "giorno/settimana" | "day/week",
        k_prev_week: "settimana prima" | "previous week",
        k_day_before: "giorno prima (settimana)" | "day before (week)",
        k_day_after: "giorno dopo (settimana)" | "day after (week)",
        k_days: "giorno" | "day",
        k_weeks: "settimana prima/dopo" | "previous/next week",
        k_day_pages: "giorno prima/dopo" | "previous/next day",
        k_next_week: "settimana dopo" | "next week",
        k_open_day: "giorno" | "day",
        label_week: "Settimana" | "Week",
        closed: "chiuso" | "closed",
        // Moving to another resource.
        pick_resource_title: "Sposta su quale risorsa" | "Move to which resource",
        pick_resource_text: "Scegliere la risorsa, poi il posto libero." | "Choose the resource, then the free place.",
        pick_slot_title: "Sposta al posto libero" | "Move to a free place",
        pick_slot_text: "I prossimi posti liberi: Invio per spostarlo." | "The next free places: Enter to move it.",
        slot_more: "Più avanti…" | "Further ahead…",
        slot_type: "Altra data e ora…" | "Another date and time…",
        no_free_slots: "Nessun posto libero nei prossimi 12 mesi: indicare data e ora." | "No free place in the next 12 months: type a date and time.",
        // The patient's preferences.
        k_prefs: "preferenze" | "preferences",
        prefs_title: "Preferenze del paziente" | "Patient's preferences",
        prefs_intro: "Giorni e fascia oraria in cui il paziente preferisce venire: le proposte li rispettano quando possibile. Spazio cambia la scelta; nessun giorno scelto vale come tutti." | "Days and time of day the patient prefers: proposals honour them when possible. Space changes the choice; no day chosen means any day.",
        label_fascia: "Fascia oraria" | "Time of day",
        prefs_saved: "Preferenze salvate: proposte ricalcolate" | "Preferences saved: proposals recomputed",
        /// The planning screen's save lost a place to another desk.
        plan_taken: "Un altro sportello ha appena preso un posto proposto: ecco nuove proposte sui posti liberi" | "Another desk just took a proposed place: here are new proposals on the free places",
        /// The F8 free-slot list's choice was taken by another desk.
        slot_taken: "Un altro sportello ha appena preso quel posto: ecco i posti ancora liberi" | "Another desk just took that place: here are the places still free",
        prefs_label: "Preferenze" | "Preferences",
        prefs_none: "nessuna" | "none",
        // F7, the recall lists of the PAI.
        ctx_richiami_pai: "Richiami del PAI (F7)" | "PAI recalls (F7)",
        ctx_richiami_aderenza: "Aderenza al PAI (F7)" | "PAI adherence (F7)",
        tab_da_prenotare: "Da prenotare" | "To book",
        tab_non_presentati: "Non presentati" | "Missed",
        tab_non_presentati_short: "Non pres." | "Missed",
        tab_patti_short: "Patti" | "Patti",
        tab_aderenza: "Aderenza" | "Adherence",
        k_section: "sezione" | "section",
        k_plan_patient: "pianifica in agenda" | "plan in the agenda",
        k_open_record: "apri la scheda" | "open the record",
        col_dal: "Dal" | "From",
        col_al: "Entro" | "By",
        col_aderenza: "Aderenza" | "Adherence",
        col_aderenza_short: "Ader." | "Adh.",
        col_eseguite: "Eseguite/dovute" | "Done/due",
        col_gestore: "Gestore" | "Gestore",
        late: "in ritardo" | "overdue",
        empty_da_prenotare: "Nessuna prestazione del PAI da prenotare." | "No PAI service to book.",
        empty_non_presentati: "Nessun appuntamento non presentato da riprenotare." | "No missed appointment to rebook.",
        empty_aderenza: "Nessun paziente con prestazioni già dovute." | "No patient with services already due.",
    }
    lists {
        weekdays: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"] | ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        yes_no: ["sì", "no"] | ["yes", "no"],
        fasce: ["qualsiasi", "mattina", "pomeriggio"] | ["any", "morning", "afternoon"],
        weekdays_short: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"] | ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    }
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
        tr!(
            self.lang,
            "Appuntamento spostato a {day} alle {time}" | "Appointment moved to {day} at {time}"
        )
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
        tr!(
            self.lang,
            "Lista del giorno salvata: {pdf} e {txt}" | "Day list saved: {pdf} and {txt}"
        )
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
        tr!(
            self.lang,
            "Da prenotare: {n} (finestra aperta o entro 60 giorni) · in ritardo: {late}"
                | "To book: {n} (window open or within 60 days) · overdue: {late}"
        )
    }

    pub fn head_non_presentati(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Da riprenotare: {n} (appuntamenti non presentati)"
                | "To rebook: {n} (missed appointments)"
        )
    }

    pub fn head_aderenza(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Pazienti: {n} · prestazioni eseguite nella finestra, dalla quota più bassa"
                | "Patients: {n} · services due done within their window, lowest share first"
        )
    }

    /// After the count of a day: how many are outside availability.
    pub fn fuori_count(&self, n: usize) -> String {
        tr!(
            self.lang,
            "! {n} fuori disponibilità: F8 per spostare" | "! {n} outside availability: F8 to move"
        )
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
        tr!(
            self.lang,
            "{what}: da prenotare tramite il sistema regionale tra {from} e {to}"
                | "{what}: to book through the regional system between {from} and {to}"
        )
    }
}

texts! {
    /// The texts of Amministrazione's agenda set-up: resources, time ranges
    /// (fasce), closures and the appointments outside availability.
    pub struct AgendaAdminStrings (AGENDA_ADMIN_IT, AGENDA_ADMIN_EN) {
        ctx_risorse: "Risorse agenda e fasce" | "Agenda resources and fasce",
        ctx_chiusure: "Chiusure" | "Closures",
        ctx_fuori: "Appuntamenti fuori disponibilità" | "Appointments outside availability",
        sec_risorse: "Risorse agenda" | "Agenda resources",
        sec_risorse_text: "Le risorse su cui si prenota (studio, punto prelievi, ECG...) e i loro orari settimanali: giorno, fascia, durata dello slot, posti." | "What appointments are booked on (surgery, blood-drawing point, ECG...) and their weekly hours: day, time range, slot length, places.",
        sec_chiusure: "Chiusure" | "Closures",
        sec_chiusure_text: "Giorni, periodi o parti di giornata in cui lo studio o una risorsa è chiuso. Festivi e santo patrono sono già esclusi." | "Days, periods or parts of a day when the practice or a resource is closed. Holidays and the patron saint are already excluded.",
        sec_fuori: "Fuori disponibilità" | "Outside availability",
        sec_fuori_text: "Gli appuntamenti prenotati che una chiusura o un cambio di orari ha lasciato fuori: spostarli al primo posto libero." | "Booked appointments a closure or a change of hours left outside: move them to the first free place.",
        k_new: "nuova" | "new",
        k_edit: "modifica" | "edit",
        k_remove: "elimina" | "remove",
        k_switch: "risorse/fasce" | "resources/fasce",
        k_move: "proponi spostamento" | "propose a move",
        yes: "sì" | "yes",
        no: "no" | "no",
        col_nome: "Nome" | "Name",
        col_tipo: "Tipo" | "Kind",
        col_attiva: "Attiva" | "Active",
        col_fasce: "Fasce" | "Fasce",
        col_validita: "Validità" | "Validity",
        col_giorno: "Giorno" | "Day",
        col_orario: "Orario" | "Hours",
        col_slot: "Slot" | "Slot",
        col_capacita: "Posti" | "Places",
        col_dal: "Dal" | "From",
        col_al: "Al" | "To",
        col_periodo: "Periodo" | "Period",
        col_risorsa: "Risorsa" | "Resource",
        col_motivo: "Motivo" | "Reason",
        col_data: "Data" | "Date",
        col_ora: "Ora" | "Time",
        col_paziente: "Paziente" | "Patient",
        col_prestazione: "Prestazione" | "Service",
        col_perche: "Perché" | "Why",
        no_resources: "Nessuna risorsa: Ctrl+N per aggiungere la prima (es. «Punto prelievi»)." | "No resources: Ctrl+N adds the first one (e.g. \"Blood-drawing point\").",
        no_fasce: "Nessuna fascia oraria: senza fasce la risorsa non offre posti. Tab, poi Ctrl+N per aggiungerne una." | "No time ranges: without them the resource offers no places. Tab, then Ctrl+N to add one.",
        no_fasce_yet: "Nessuna fascia selezionata." | "No time range selected.",
        add_resource_first: "Prima aggiungere una risorsa con Ctrl+N." | "Add a resource first with Ctrl+N.",
        remove_where: "Si eliminano le fasce: Tab per passare alle fasce, scegliere la riga, Ctrl+D. Una risorsa non più in uso si disattiva (Invio, Attiva: no)." | "Time ranges are removed: Tab to the ranges, pick the line, Ctrl+D. A resource no longer used is switched off (Enter, Active: no).",
        h_risorse: "↑↓ risorsa · Invio modifica · Ctrl+N nuova risorsa · Ctrl+W copia la settimana su un'altra risorsa · Tab fasce orarie della risorsa · Esc indietro" | "↑↓ resource · Enter edit · Ctrl+N new resource · Ctrl+W copy the week to another resource · Tab its time ranges · Esc back",
        h_fasce: "↑↓ fascia · Invio modifica · Ctrl+N nuova fascia · Ctrl+D elimina · Tab torna alle risorse" | "↑↓ range · Enter edit · Ctrl+N new range · Ctrl+D remove · Tab back to resources",
        h_chiusure: "↑↓ chiusura · Ctrl+N nuova chiusura · Ctrl+D elimina · Esc indietro" | "↑↓ closure · Ctrl+N new closure · Ctrl+D remove · Esc back",
        h_fuori: "↑↓ appuntamento · Invio propone il primo posto libero della stessa risorsa · Esc indietro" | "↑↓ appointment · Enter proposes the first free place of the same resource · Esc back",
        new_resource_title: "Nuova risorsa" | "New resource",
        resource_intro: "Spazio cambia il tipo e lo stato; il tipo collega la risorsa alle prestazioni dei PAI." | "Space changes kind and state; the kind links the resource to the PAI services.",
        f_nome: "Nome" | "Name",
        f_tipo: "Tipo" | "Kind",
        f_attiva: "Attiva" | "Active",
        fascia_intro: "Giorni: uno («lun»), un intervallo («lun-ven») o un elenco («lun,mer,ven»): una fascia per giorno. Orari hh:mm, date gg/mm/aaaa; «Valida al» vuoto = senza scadenza." | "Days: one (\"lun\"), a span (\"lun-ven\") or a list (\"lun,mer,ven\"): one range per day. Times hh:mm, dates dd/mm/yyyy; empty \"Valid to\" = no end.",
        f_dalle: "Dalle" | "From",
        f_alle: "Alle" | "To",
        f_durata: "Slot (minuti)" | "Slot (minutes)",
        f_capacita: "Posti per slot" | "Places per slot",
        f_valido_dal: "Valida dal" | "Valid from",
        f_valido_al: "Valida al" | "Valid to",
        remove_fascia_title: "Eliminare la fascia?" | "Remove the time range?",
        err_nome: "Indicare il nome della risorsa (es. «Studio dott. Rossi»)." | "Type the resource's name (e.g. \"Dr Rossi's surgery\").",
        resource_missing: "La risorsa non c'è più: Esc e riaprire la sezione." | "The resource is gone: Esc and open the section again.",
        whole_practice: "Tutto lo studio" | "Whole practice",
        new_closure_title: "Nuova chiusura" | "New closure",
        closure_intro: "Un giorno: solo «Dal». Più giorni: «Dal» e «Al». Parte di un giorno: «Dal» con «Dalle» e «Alle». Spazio cambia la risorsa." | "One day: \"From\" only. Several days: \"From\" and \"To\". Part of a day: \"From\" with \"From time\" and \"To time\". Space changes the resource.",
        f_risorsa: "Risorsa" | "Resource",
        f_dal: "Dal (gg/mm/aaaa)" | "From (dd/mm/yyyy)",
        f_al: "Al (vuoto = un giorno)" | "To (empty = one day)",
        f_dalle_opt: "Dalle (vuoto = tutto il giorno)" | "From time (empty = all day)",
        f_alle_opt: "Alle" | "To time",
        f_motivo: "Motivo" | "Reason",
        err_motivo: "Indicare il motivo della chiusura (es. «ferie», «corso di aggiornamento»)." | "Type the reason of the closure (e.g. \"holidays\", \"training\").",
        err_part_of_one_day: "Una chiusura di parte della giornata riguarda un solo giorno: lasciare «Al» vuoto, oppure togliere gli orari per chiudere più giorni interi." | "A closure of part of a day is on one day: leave \"To\" empty, or clear the times to close whole days.",
        no_closures: "Nessuna chiusura inserita: Ctrl+N per aggiungerne una." | "No closures: Ctrl+N adds one.",
        remove_closure_title: "Eliminare la chiusura?" | "Remove the closure?",
        closure_removed: "Chiusura eliminata: i posti di quel periodo tornano prenotabili." | "Closure removed: the places of that period can be booked again.",
        nothing_outside: "Nessun appuntamento fuori disponibilità." | "No appointment outside availability.",
        move_title: "Spostare l'appuntamento?" | "Move the appointment?",
        no_free_slot: "Nessun posto libero nella stessa risorsa nei prossimi 12 mesi: spostarlo da F6 Agenda su un'altra risorsa, o annullarlo." | "No free place on the same resource in the next 12 months: move it from F6 Agenda to another resource, or cancel it.",
        f_giorni_referto: "Risultati dopo (giorni lavorativi)" | "Results after (working days)",
        f_giorni: "Giorni (es. lun-ven, lun,mer,ven)" | "Days (e.g. lun-ven, lun,mer,ven)",
        k_copy_week: "copia la settimana" | "copy the week",
        copy_week_title: "Copiare la settimana" | "Copy the week",
        f_copy_to: "Sulla risorsa" | "To the resource",
        copy_week_needs_two: "Serve un'altra risorsa su cui copiare la settimana: Ctrl+N per aggiungerla." | "Another resource is needed to copy the week to: Ctrl+N to add it.",
        copy_week_nothing: "La risorsa non ha fasce orarie da copiare." | "The resource has no time ranges to copy.",
    }
}

impl AgendaAdminStrings {
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
        tr!(
            self.lang,
            "{field}: orario non valido «{text}». Scrivere ore e minuti, es. 08:30"
                | "{field}: invalid time \"{text}\". Type hours and minutes, e.g. 08:30"
        )
    }

    pub fn err_date(&self, field: &str, text: &str) -> String {
        tr!(
            self.lang,
            "{field}: data non valida «{text}». Scrivere gg/mm/aaaa, es. 07/12/2026"
                | "{field}: invalid date \"{text}\". Type dd/mm/yyyy, e.g. 07/12/2026"
        )
    }

    pub fn err_number(&self, field: &str, text: &str) -> String {
        tr!(
            self.lang,
            "{field}: scrivere un numero intero (non «{text}»)"
                | "{field}: type a whole number (not \"{text}\")"
        )
    }

    pub fn err_al_before(&self, al: &str, dal: &str) -> String {
        tr!(
            self.lang,
            "«Al» ({al}) è prima di «Dal» ({dal}): correggere le date"
                | "\"To\" ({al}) is before \"From\" ({dal}): correct the dates"
        )
    }

    pub fn err_end_before(&self, alle: &str, dalle: &str) -> String {
        tr!(
            self.lang,
            "L'orario di fine ({alle}) deve essere dopo quello di inizio ({dalle})"
                | "The end time ({alle}) must be after the start ({dalle})"
        )
    }

    /// A rule of the agenda broken (the domain's Italian message), and what to do.
    pub fn fix(&self, message: &str) -> String {
        tr!(
            self.lang,
            "Da correggere: {message}" | "To correct: {message}"
        )
    }

    /// What happens to the minutes of a range that the slots do not fill.
    pub fn remainder(&self, fascia: &str, slot: u16, slots: u32, rest: u32) -> String {
        tr!(
            self.lang,
            "Nota: {fascia} con slot di {slot} minuti dà {slots} slot; gli ultimi {rest} minuti restano senza slot"
                | "Note: {fascia} with {slot}-minute slots gives {slots} slots; the last {rest} minutes have no slot"
        )
    }

    pub fn valid_from(&self, from: &str) -> String {
        tr!(self.lang, "dal {from}" | "from {from}")
    }

    pub fn valid_from_to(&self, from: &str, to: &str) -> String {
        tr!(self.lang, "dal {from} al {to}" | "{from} to {to}")
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
        tr!(
            self.lang,
            "Fasce orarie settimanali di «{nome}»" | "Weekly time ranges of \"{nome}\""
        )
    }

    pub fn edit_resource_title(&self, nome: &str) -> String {
        tr!(self.lang, "Risorsa «{nome}»" | "Resource \"{nome}\"")
    }

    pub fn new_fascia_title(&self, nome: &str) -> String {
        tr!(
            self.lang,
            "Nuova fascia di «{nome}»" | "New time range of \"{nome}\""
        )
    }

    pub fn edit_fascia_title(&self, fascia: &str, nome: &str) -> String {
        tr!(
            self.lang,
            "Fascia {fascia} di «{nome}»" | "Time range {fascia} of \"{nome}\""
        )
    }

    pub fn remove_fascia_question(&self, fascia: &str, nome: &str) -> String {
        tr!(
            self.lang,
            "Eliminare la fascia {fascia} di «{nome}»? Gli appuntamenti già presi in quella fascia verranno elencati da spostare."
                | "Remove the time range {fascia} of \"{nome}\"? Appointments already booked in it will be listed to move."
        )
    }

    pub fn resource_added(&self, nome: &str) -> String {
        tr!(
            self.lang,
            "Risorsa «{nome}» aggiunta: ora le sue fasce orarie (Ctrl+N)"
                | "Resource \"{nome}\" added: now its time ranges (Ctrl+N)"
        )
    }

    pub fn resource_saved(&self, nome: &str) -> String {
        tr!(
            self.lang,
            "Risorsa «{nome}» salvata" | "Resource \"{nome}\" saved"
        )
    }

    pub fn err_giorni_referto(&self, days: u16) -> String {
        tr!(
            self.lang,
            "Risultati dopo: {days} giorni lavorativi sono troppi (al massimo {})"
                | "Results after: {days} working days are too many (at most {})",
            crate::domain::agenda::GIORNI_REFERTO_MAX
        )
    }

    pub fn err_giorni(&self, text: &str) -> String {
        tr!(
            self.lang,
            "Giorni: scrivere uno o più giorni, es. «lun-ven», «lun,mer,ven», «sab» (non «{text}»)"
                | "Days: type one or more days, e.g. \"lun-ven\", \"lun,mer,ven\", \"sab\" (not \"{text}\")"
        )
    }

    pub fn fasce_saved(&self, n: usize, fasce: &str, nome: &str) -> String {
        match n {
            1 => self.fascia_saved(fasce, nome),
            _ => tr!(
                self.lang,
                "{n} fasce di «{nome}» salvate: {fasce}"
                    | "{n} time ranges of \"{nome}\" saved: {fasce}"
            ),
        }
    }

    pub fn copy_week_intro(&self, from: &str) -> String {
        tr!(
            self.lang,
            "Le fasce orarie di «{from}» sostituiranno quelle della risorsa scelta. Spazio cambia la risorsa."
                | "The time ranges of \"{from}\" will replace those of the chosen resource. Space changes the resource."
        )
    }

    pub fn copy_week_replaced(&self, to: &str, fasce: &str) -> String {
        if fasce.is_empty() {
            return tr!(
                self.lang,
                "«{to}» non ha fasce orarie: nulla viene sostituito."
                    | "\"{to}\" has no time ranges: nothing is replaced."
            );
        }
        tr!(
            self.lang,
            "Si sostituiscono le fasce di «{to}»: {fasce}."
                | "The time ranges of \"{to}\" replaced: {fasce}."
        )
    }

    pub fn copy_week_new(&self, from: &str, fasce: &str) -> String {
        tr!(
            self.lang,
            "Al loro posto, quelle di «{from}»: {fasce}."
                | "In their place, those of \"{from}\": {fasce}."
        )
    }

    pub fn copy_week_question(&self, from: &str, to: &str) -> String {
        tr!(
            self.lang,
            "Copiare la settimana di «{from}» su «{to}»?"
                | "Copy the week of \"{from}\" to \"{to}\"?"
        )
    }

    pub fn week_copied(&self, from: &str, to: &str, n: usize) -> String {
        tr!(
            self.lang,
            "Settimana di «{from}» copiata su «{to}» ({n} fasce)"
                | "Week of \"{from}\" copied to \"{to}\" ({n} time ranges)"
        )
    }

    pub fn fascia_saved(&self, fascia: &str, nome: &str) -> String {
        tr!(
            self.lang,
            "Fascia {fascia} di «{nome}» salvata" | "Time range {fascia} of \"{nome}\" saved"
        )
    }

    pub fn fascia_removed(&self, fascia: &str, nome: &str) -> String {
        tr!(
            self.lang,
            "Fascia {fascia} di «{nome}» eliminata" | "Time range {fascia} of \"{nome}\" removed"
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
        tr!(
            self.lang,
            "Festività nazionali e santo patrono del comune dello studio sono chiusure automatiche: non inserirle. Prossime: {next}."
                | "National holidays and the patron saint of the practice's comune are closed automatically: do not enter them. Next: {next}."
        )
    }

    pub fn closures_count(&self, n: usize) -> String {
        if n == 1 {
            return tr!(self.lang, "1 chiusura" | "1 closure");
        }
        tr!(self.lang, "{n} chiusure" | "{n} closures")
    }

    pub fn closure_added(&self, periodo: &str) -> String {
        tr!(
            self.lang,
            "Chiusura {periodo} salvata" | "Closure {periodo} saved"
        )
    }

    pub fn remove_closure_question(&self, periodo: &str, risorsa: &str) -> String {
        tr!(
            self.lang,
            "Eliminare la chiusura {periodo} ({risorsa})?"
                | "Remove the closure {periodo} ({risorsa})?"
        )
    }

    pub fn outside_count(&self, n: usize) -> String {
        let why = tr!(
            self.lang,
            "fuori disponibilità (chiusure, festivi, orari cambiati): da spostare"
                | "outside availability (closures, holidays, changed hours): to move"
        );
        match (self.lang, n) {
            (Lang::It, 1) => format!("Un appuntamento prenotato {why}"),
            (Lang::It, _) => format!("{n} appuntamenti prenotati {why}"),
            (Lang::En, 1) => format!("One booked appointment {why}"),
            (Lang::En, _) => format!("{n} booked appointments {why}"),
        }
    }

    pub fn move_what(&self, patient: &str, what: &str, when: &str) -> String {
        tr!(
            self.lang,
            "{patient}: {what}, ora il {when}" | "{patient}: {what}, now on {when}"
        )
    }

    pub fn move_to(&self, when: &str, risorsa: &str) -> String {
        tr!(
            self.lang,
            "Primo posto libero: {when} ({risorsa}). Invio per spostarlo, Esc per lasciarlo."
                | "First free place: {when} ({risorsa}). Enter to move it, Esc to leave it."
        )
    }

    pub fn move_together(&self, what: &str) -> String {
        tr!(
            self.lang,
            "Nello stesso posto si spostano con lui: {what}."
                | "Moved with it, in the same place: {what}."
        )
    }

    pub fn place_taken(&self, why: &str) -> String {
        tr!(
            self.lang,
            "Il posto proposto non è più libero ({why}): ecco il successivo"
                | "The proposed place is no longer free ({why}): here is the next one"
        )
    }

    pub fn moved(&self, n: usize, when: &str, left: usize) -> String {
        match n {
            1 => tr!(
                self.lang,
                "Appuntamento spostato al {when}; ne restano {left} da spostare"
                    | "Appointment moved to {when}; {left} left to move"
            ),
            _ => tr!(
                self.lang,
                "{n} appuntamenti spostati al {when}; ne restano {left} da spostare"
                    | "{n} appointments moved to {when}; {left} left to move"
            ),
        }
    }
}

texts! {
    /// The texts of the login, the first start, the idle lock and the
    /// Amministrazione sections Operatori and Registro accessi.
    pub struct AccessStrings (ACCESS_IT, ACCESS_EN) {
        ctx_login: "Accesso" | "Login",
        ctx_operators: "Amministrazione · Operatori" | "Administration · Operators",
        ctx_audit: "Amministrazione · Registro accessi" | "Administration · Access log",
        k_login: "accedi" | "log in",
        k_add: "nuovo operatore" | "new operator",
        k_role: "cambia ruolo" | "change role",
        k_toggle_active: "disattiva/riattiva" | "disable/enable",
        k_password: "nuova password" | "new password",
        k_search: "applica i filtri" | "apply the filters",
        k_older: "più vecchie" | "older",
        k_newer: "più recenti" | "newer",
        title_login: "Accesso" | "Login",
        title_first: "Primo avvio: crea l'amministratore" | "First start: create the administrator",
        title_locked: "Sessione bloccata" | "Session locked",
        login_intro: "Inserire nome utente e password." | "Enter user name and password.",
        first_intro: "L'archivio non ha ancora operatori. Creare l'amministratore: potrà poi aggiungere gli altri operatori (Amministrazione, F11)." | "The store has no operators yet. Create the administrator: they can then add the other operators (Administration, F11).",
        locked_intro: "Sessione bloccata per inattività: il lavoro aperto è conservato. Inserire la password per continuare; per cambiare operatore uscire (F10) e accedere di nuovo." | "Session locked after inactivity: the open work is kept. Enter the password to go on; to change operator quit (F10) and log in again.",
        f_username: "Nome utente" | "User name",
        f_password: "Password" | "Password",
        f_password2: "Ripeti la password" | "Repeat the password",
        f_role: "Ruolo" | "Role",
        err_username: "Inserire il nome utente." | "Enter the user name.",
        err_mismatch: "Le due password non coincidono." | "The two passwords differ.",
        nobody: "nessun accesso" | "not logged in",
        // Operatori.
        sec_operators: "Operatori" | "Operators",
        sec_operators_text: "Chi accede a sportello e con quale ruolo: aggiungere, cambiare ruolo, disattivare, reimpostare la password." | "Who logs in to sportello and with which role: add, change role, disable, reset the password.",
        col_username: "Nome utente" | "User name",
        col_role: "Ruolo" | "Role",
        col_state: "Stato" | "State",
        active: "attivo" | "active",
        disabled: "disattivato" | "disabled",
        locked_until: "bloccato fino alle" | "locked until",
        add_title: "Nuovo operatore" | "New operator",
        role_title: "Ruolo dell'operatore" | "Role of the operator",
        password_title: "Nuova password" | "New password",
        no_operators: "Nessun operatore." | "No operators.",
        saved: "Operatore salvato." | "Operator saved.",
        // Registro accessi.
        sec_audit: "Registro accessi" | "Access log",
        sec_audit_text: "Chi ha aperto o modificato che cosa e quando, per paziente, operatore e date. Le voci sono concatenate: un'alterazione si scopre con «sportello audit verify»." | "Who opened or changed what and when, by patient, operator and dates. Entries are chained: a change is found by \"sportello audit verify\".",
        sec_archivio: "Backup e controllo" | "Backup and check",
        sec_archivio_text: "Una copia verificata dell'archivio adesso, nella cartella backup dei dati, e il controllo di tutti i dati (come «sportello backup» e «sportello check»), anche da una postazione collegata al server." | "A verified copy of the store now, in the data folder's backup folder, and a check of all the data (as \"sportello backup\" and \"sportello check\"), also from a desk connected to the server.",
        ctx_archivio: "Amministrazione · Backup e controllo" | "Administration · Backup and check",
        k_backup_now: "Backup ora" | "Backup now",
        k_check_store: "Controlla l'archivio" | "Check the store",
        archivio_help: "Invio scrive adesso una copia verificata dell'archivio nella cartella backup dei dati, accanto a quelle automatiche (non viene mai tolta dalla rotazione). Ctrl+T controlla ogni scheda e ogni indice dell'archivio. Per una copia su una chiavetta: «sportello backup FILE» sul computer dell'archivio." | "Enter writes a verified copy of the store now into the data folder's backup folder, beside the automatic ones (never rotated away). Ctrl+T checks every record and every index of the store. For a copy on a memory stick: \"sportello backup FILE\" on the store's computer.",
        backup_running: "Backup in corso…" | "Backup in progress…",
        check_running: "Controllo dell'archivio in corso…" | "Checking the store…",
        f_patient: "Paziente (CF o nome)" | "Patient (CF or name)",
        f_operator: "Operatore" | "Operator",
        f_from: "Dal" | "From",
        f_to: "Al" | "To",
        col_when: "Quando" | "When",
        col_who: "Operatore" | "Operator",
        col_what: "Azione" | "Action",
        col_patient: "Paz." | "Pat.",
        col_summary: "Dettaglio" | "Details",
        no_entries: "Nessuna voce con questi filtri." | "No entries with these filters.",
        err_patient: "Paziente non trovato o non univoco: scrivere il codice fiscale." | "Patient not found or not unique: type the codice fiscale.",
        err_date: "Data non valida: scrivere gg/mm/aaaa." | "Invalid date: type dd/mm/yyyy.",
    }
    lists {
        role_short: ["segr.", "medico", "amm."] | ["front", "doctor", "admin"],
        role_names: ["segreteria", "medico", "amministratore"] | ["front desk", "doctor", "administrator"],
    }
}

impl AccessStrings {
    pub fn backup_written(&self, file: &str, entries: u64, mb: f64) -> String {
        tr!(
            self.lang,
            "Backup verificato scritto in {file}: {entries} voci, {mb:.1} MB"
                | "Verified backup written to {file}: {entries} entries, {mb:.1} MB"
        )
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
        tr!(
            self.lang,
            "La password deve avere almeno {n} caratteri."
                | "The password must have at least {n} characters."
        )
    }

    pub fn page(&self, first: u64, last: u64, total: u64) -> String {
        tr!(
            self.lang,
            "voci {first}–{last} (numerazione) di {total}"
                | "entries {first}–{last} (numbering) of {total}"
        )
    }
}

texts! {
    /// The application shell's texts: the current patient, leaving a changed
    /// form, the card scanner.
    pub struct ShellStrings (SHELL_IT, SHELL_EN) {
        /// F3, F4 or F5 with no current patient.
        no_current_patient: "Nessun paziente scelto: F2 per cercarlo, Invio sulla riga per sceglierlo." | "No patient chosen: F2 to find one, Enter on its row to choose it.",
        /// The choices of the unsaved-changes question.
        k_save: "Salva" | "Save",
        k_discard: "Scarta" | "Discard",
        k_stay: "Resta" | "Stay",
        unsaved_title: "Modifiche non salvate" | "Unsaved changes",
        unsaved_question: "Salvarle prima di proseguire?" | "Save them before going on?",
        /// A scan while a dialog is open: nothing done.
        scan_in_dialog: "Tessera letta con una finestra aperta: chiuderla (Esc) e leggere di nuovo la tessera." | "Card read with a dialog open: close it (Esc) and read the card again.",
        /// A main-area key while a dialog is open.
        close_dialog_first: "Prima chiudere la finestra aperta: Invio conferma, Esc annulla." | "Close the open dialog first: Enter confirms, Esc cancels.",
        /// A card read at the login or the lock.
        scan_at_gate: "Tessera letta: prima accedere con la propria password, poi leggere di nuovo la tessera." | "Card read: log in with your password first, then read the card again.",
    }
}

impl ShellStrings {
    /// Names the changed form and its patient (name, codice fiscale).
    pub fn unsaved_form(&self, form: &str, patient: Option<(&str, &str)>) -> String {
        match patient {
            Some((name, cf)) => tr!(
                self.lang,
                "Il modulo «{form}» di {name} ({cf}) ha modifiche non salvate."
                    | "The form «{form}» of {name} ({cf}) has unsaved changes."
            ),
            None => tr!(
                self.lang,
                "Il modulo «{form}» ha modifiche non salvate."
                    | "The form «{form}» has unsaved changes."
            ),
        }
    }

    /// A scanned codice fiscale that no patient has.
    pub fn scan_not_found(&self, cf: &str) -> String {
        tr!(
            self.lang,
            "Tessera letta: nessun paziente con codice fiscale {cf}. F9: registrarlo (il codice è già nel modulo)."
                | "Card read: no patient with codice fiscale {cf}. F9: register them (the code is already in the form)."
        )
    }

    /// A function key with nothing to do on this screen.
    pub fn key_unused(&self, key: &str) -> String {
        tr!(
            self.lang,
            "{key} non ha funzioni in questa schermata: F1 elenca i tasti."
                | "{key} does nothing on this screen: F1 lists the keys."
        )
    }

    /// At the lock, the first F10 when a form holds unsaved changes.
    pub fn lock_unsaved(&self, form: &str) -> String {
        tr!(
            self.lang,
            "Il modulo «{form}» ha modifiche non salvate: sbloccare per salvarle. F10 di nuovo esce senza salvarle."
                | "The form «{form}» has unsaved changes: unlock to save them. F10 again quits without saving them."
        )
    }
}

texts! {
    /// What `sportello serve` writes on a desk's screen outside the
    /// application.
    pub struct ServeStrings (SERVE_IT, SERVE_EN) {
        /// The server is closing: the last line a desk sees.
        closing: "Il server si chiude: la sessione di sportello è terminata." | "The server is closing: the sportello session has ended.",
        /// A desk over the maximum; the maximum follows in brackets.
        too_many: "Troppe postazioni collegate: riprovare più tardi" | "Too many desks connected: try again later",
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
