//! The texts of the patients feature, Italian and English on one line.

use crate::domain::{Livello, PatientStatus};
use crate::tui::kit::dialog::StatusChange;
use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, Lang, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        patients: PatientsStrings = PATIENTS_IT | PATIENTS_EN,
    }
}

texts! {
    /// The lookup, the record and the registration form.
    pub struct PatientsStrings (PATIENTS_IT, PATIENTS_EN) {
        title_lookup: "Pazienti" | "Patients",
        title_record: "Scheda paziente" | "Patient record",
        title_new: "Nuovo paziente" | "New patient",
        title_edit: "Modifica paziente" | "Edit patient",
        lookup_hint: "Scrivere cognome (anche «cognome nome»), codice fiscale, tessera sanitaria o telefono." | "Type a surname (or «surname name»), codice fiscale, health card or phone number.",
        suggestions: "Nessun paziente trovato. Forse cercavi:" | "No patient found. Did you mean:",
        nothing_to_open: "Nessun paziente da aprire: scrivere nel campo di ricerca." | "No patient to open: type in the search field.",
        col_born: "Nato/a il" | "Born",
        col_livello: "Liv." | "Lvl",
        col_pic: "Stato PIC" | "PIC state",
        status_deceased: "deceduto" | "deceased",
        status_transferred: "trasferito" | "transferred",
        // Record.
        r_born: "Nato/a il" | "Born",
        r_residence: "Residenza" | "Residence",
        r_pathologies: "Patologie" | "Pathologies",
        r_level: "Livello" | "Level",
        r_areas: "Aree" | "Areas",
        record_areas: "F3 Gestore · F4 Patto · F5 PAI · F6 Agenda · F7 Richiami" | "F3 Gestore · F4 Pact · F5 PAI · F6 Agenda · F7 Recalls",
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
        f_level_ats: "Livello ATS" | "ATS level",
        primary_tag: "(primaria)" | "(primary)",
        k_primary: "Primaria" | "Primary",
        f_note: "Note" | "Notes",
        // Form help lines.
        h_name: "Come sul documento, con accenti e apostrofi (es. Niccolò, D'Adda)." | "As on the ID document, with accents and apostrophes (e.g. Niccolò, D'Adda).",
        h_cf: "16 caratteri. Se valido compila sesso, data e luogo di nascita ancora vuoti; F9 (Ctrl+G) lo calcola dai dati anagrafici." | "16 characters. When valid it fills sex, date and place of birth if empty; F9 (Ctrl+G) computes it from the personal data.",
        h_sex: "M o F." | "M or F.",
        h_date: "Giorno/mese/anno, es. 01/02/1968." | "Day/month/year, e.g. 01/02/1968.",
        h_address: "Via e numero civico." | "Street and number.",
        h_cap: "5 cifre." | "5 digits.",
        h_ats: "Vuoto = ATS ricavata dal comune di residenza. Altrimenti il codice ATS (030321-030328)." | "Empty = ATS from the comune of residence. Otherwise an ATS code (030321-030328).",
        h_mmg: "Il medico di medicina generale (o pediatra) del paziente." | "The patient's family doctor (or paediatrician).",
        h_phones: "Uno o più numeri separati da virgola." | "One or more numbers separated by commas.",
        h_email: "Es. nome@esempio.it" | "E.g. name@example.it",
        h_tessera: "Numero della tessera sanitaria (20 cifre)." | "Health card number (20 digits).",
        h_pathologies: "Codici SGDT, virgole; ↑↓ Invio dal catalogo; la primaria con * (Ctrl+P)." | "SGDT codes, commas; ↑↓ Enter from the catalogue; the primary with * (Ctrl+P).",
        h_level_ats: "Il livello comunicato dall'ATS (1 alta, 2 media, 3 bassa) e la data della comunicazione, es. 2 12/03/2026 (senza data: oggi). Vuoto = livello stimato dal numero di patologie." | "The level the ATS communicated (1 high, 2 medium, 3 low) and the date it did, e.g. 2 12/03/2026 (no date: today). Empty = level estimated from the number of pathologies.",
        err_level_ats: "Scrivere 1, 2 o 3 e la data (gg/mm/aaaa)" | "Type 1, 2 or 3 and the date (dd/mm/yyyy)",
        err_two_primaries: "Una sola patologia primaria (un solo *)" | "Only one primary pathology (one *)",
        warn_no_primary: "Nessuna patologia primaria: Ctrl+P la segna" | "No primary pathology: Ctrl+P marks it",
        h_note: "Annotazioni libere per lo sportello." | "Free notes for the front desk.",
        // Form messages.
        err_required: "Obbligatorio" | "Required",
        err_letters: "Servono delle lettere" | "Letters needed",
        err_sex: "Scrivere M o F" | "Type M or F",
        err_date_old: "Data troppo lontana: controllare l'anno" | "Date too far back: check the year",
        err_date_before_birth: "La data è precedente alla nascita" | "The date is before the birth date",
        err_cap: "Il CAP ha 5 cifre" | "The CAP has 5 digits",
        err_ats: "Codice ATS sconosciuto (030321-030328)" | "Unknown ATS code (030321-030328)",
        err_email: "Email non valida" | "Invalid email",
        err_tessera: "Solo cifre" | "Digits only",
        cf_valid: "valido" | "valid",
        cf_valid_omocode: "valido (omocodia)" | "valid (omocodia)",
        /// Omocodia letters that skip the official right-to-left order.
        cf_omocode_order: "lettere di omocodia fuori dall'ordine ufficiale: controllare sulla tessera sanitaria" | "omocodia letters out of the official order: check the health card",
        ats_needs_comune: "— (dal comune di residenza)" | "— (from the comune of residence)",
        filled_from_cf: "Sesso, data e luogo di nascita compilati dal codice fiscale: controllarli." | "Sex, date and place of birth filled from the codice fiscale: check them.",
        cf_computed_note: "calcolato: verificare sulla tessera sanitaria (in caso di omocodia vale quello della tessera)" | "computed: check it on the health card (with omocodia the card's code is the right one)",
        cf_computed_same: "Il codice fiscale inserito coincide con quello calcolato dai dati anagrafici." | "The codice fiscale typed matches the one computed from the personal data.",
        form_has_errors: "Ci sono errori: correggere i campi segnati con ✗ (F1 per l'aiuto)." | "There are errors: fix the fields marked ✗ (F1 for help).",
        saved: "Paziente salvato" | "Patient saved",
        duplicates_title: "Possibile doppione" | "Possible duplicate",
        duplicates_intro: "In archivio c'è già un paziente con stesso cognome, nome e data di nascita:" | "The archive already has a patient with the same surname, name and date of birth:",
        duplicates_question: "Salvare comunque il nuovo paziente? Invio salva, Esc torna al modulo." | "Save the new patient anyway? Enter saves, Esc goes back to the form.",
        unsaved_title: "Modifiche non salvate" | "Unsaved changes",
        unsaved_question: "Uscire senza salvare? Le modifiche fatte nel modulo andranno perse. Per salvarle: Esc, poi Ctrl+S." | "Leave without saving? The changes made in the form will be lost. To keep them: Esc, then Ctrl+S.",
        // Record.
        r_history: "Storico PIC" | "PIC history",
        ctx_form: "Modulo paziente (nuovo o modifica)" | "Patient form (new or edit)",
        ctx_lookup: "Ricerca pazienti" | "Patient search",
        ctx_record: "Scheda paziente" | "Patient record",
        k_accept: "Conferma" | "Confirm",
        k_clear: "Svuota ricerca" | "Clear search",
        k_compute_cf: "Calcola CF" | "Compute CF",
        k_deceased: "Deceduto" | "Deceased",
        k_edit: "Modifica" | "Edit",
        k_leave: "Esci" | "Leave",
        k_new: "Nuovo paziente" | "New patient",
        k_open: "Apri scheda" | "Open record",
        k_reactivate: "Riattiva" | "Reactivate",
        k_transferred: "Trasferito" | "Transferred",
    }
}

impl PatientsStrings {
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

    /// The name of the level ("fragilità clinica").
    pub fn level_name(&self, l: Livello) -> &'static str {
        match self.lang {
            Lang::It => l.description(),
            Lang::En => match l {
                Livello::L1 => "clinical frailty",
                Livello::L2 => "multiple chronic conditions",
                Livello::L3 => "early chronic condition",
            },
        }
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

    pub fn place_code(&self, code: &str) -> String {
        tr!(self.lang, "cod. {code}" | "code {code}")
    }

    /// The PIC line of the record.
    pub fn pic_summary(
        &self,
        gestore: &str,
        canale: &str,
        date: &str,
        step: crate::domain::gestore::PresaStep,
    ) -> String {
        let step = KitStrings::for_lang(self.lang).step_name(step);
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
}
