//! The texts of the arruolabili worklist, Italian and English on one line.

use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`).
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        arr: ArruolabiliStrings = ARR_IT | ARR_EN,
    }
}

texts! {
    /// The worklist of arruolabili and its import.
    pub struct ArruolabiliStrings (ARR_IT, ARR_EN) {
        title: "Arruolabili (elenco ATS)" | "Eligible patients (ATS list)",
        title_import: "Arruolabili › Importa elenco ATS" | "Eligible patients › Import the ATS list",
        ctx_list: "Arruolabili (F7 › F9)" | "Eligible patients (F7 › F9)",
        ctx_import: "Arruolabili: file da importare" | "Eligible patients: file to import",
        ctx_preview: "Arruolabili: anteprima dell'importazione" | "Eligible patients: import preview",
        st_da_contattare: "Da contattare" | "To contact",
        st_contattato: "Contattati" | "Contacted",
        st_patto: "Patto firmato" | "Pact signed",
        st_chiuso: "Chiusi" | "Closed",
        st_all: "Tutti" | "All",
        esito_accetta: "accetta" | "accepts",
        esito_rifiuta: "rifiuta" | "refuses",
        esito_non_raggiungibile: "non raggiungibile" | "not reachable",
        esito_altrove: "già in carico altrove" | "already in care elsewhere",
        esito_altrove_short: "in carico altrove" | "in care elsewhere",
        col_paziente: "Paziente" | "Patient",
        col_livello: "Liv." | "Lvl",
        col_patologie: "Patologie SGDT" | "SGDT pathologies",
        col_stato: "Stato" | "State",
        col_contatto: "Contatto" | "Contact",
        empty: "Nessun arruolabile: importare l'elenco dell'ATS (Ctrl+O)." | "No eligible patient: import the ATS list (Ctrl+O).",
        empty_filter: "Nessuna riga in questo stato." | "No row in this state.",
        k_open: "apri scheda" | "open record",
        k_contact: "esito contatto" | "contact outcome",
        k_print: "invito" | "invitation",
        k_filter: "filtro" | "filter",
        k_import: "importa" | "import",
        k_clear: "annulla contatto" | "undo contact",
        k_recapiti: "recapiti studio" | "practice contacts",
        k_read: "leggi il file" | "read the file",
        k_apply: "importa" | "import",
        k_cancel: "annulla" | "cancel",
        k_worklist: "arruolabili" | "eligible patients",
        contact_title: "Esito del contatto" | "Contact outcome",
        f_data: "Data" | "Date",
        f_esito: "Esito" | "Outcome",
        contact_text: "Spazio o ←/→ cambiano l'esito; \"già in carico altrove\" chiude la riga senza presa in carico." | "Space or ←/→ change the outcome; \"already in care elsewhere\" closes the row without taking the patient in charge.",
        recapiti_title: "Recapiti dello studio per gli inviti" | "The practice's contacts for the invitations",
        recapiti_text: "Nome, comune e MMG vengono da Amministrazione › Studio." | "Name, comune and MMG come from Administration › Practice.",
        f_indirizzo: "Indirizzo" | "Address",
        f_telefono: "Telefono" | "Phone",
        f_orari: "Orari" | "Hours",
        recapiti_saved: "Recapiti salvati." | "Contacts saved.",
        print_title: "Stampa l'invito" | "Print the invitation",
        print_text: "L'invito (PDF e testo) va nella cartella; poi alla stampante dello studio, se impostata." | "The invitation (PDF and text) goes to the folder, then to the practice's printer if one is set.",
        f_folder: "Cartella" | "Folder",
        err_folder: "Indicare la cartella" | "Give the folder",
        cleared: "Contatto annullato: la riga è di nuovo da contattare." | "Contact undone: the row is to contact again.",
        no_contact: "Nessun contatto da annullare." | "No contact to undo.",
        no_patient: "La riga non ha ancora una scheda paziente." | "The row has no patient record yet.",
        f_file: "File (CSV o XLSX)" | "File (CSV or XLSX)",
        f_sheet: "Foglio (XLSX)" | "Sheet (XLSX)",
        import_intro: "L'elenco dei pazienti arruolabili inviato dall'ATS al medico: colonne Codice fiscale, Cognome, Nome, Livello, Patologia primaria, Patologie (codici SGDT). Invio legge il file e mostra l'anteprima; nulla è scritto prima di Ctrl+S." | "The list of eligible patients the ATS sends the doctor: columns Codice fiscale, Cognome, Nome, Livello, Patologia primaria, Patologie (SGDT codes). Enter reads the file and shows the preview; nothing is written before Ctrl+S.",
        err_no_file: "Indicare il file da importare" | "Give the file to import",
        rejected_head: "Righe scartate" | "Rejected rows",
        warnings_head: "Da controllare (importate)" | "To check (imported)",
        accepted_head: "Righe da importare" | "Rows to import",
        import_cancelled: "Importazione annullata: nulla è stato scritto." | "Import cancelled: nothing was written.",
        cf_missing: "manca il codice fiscale" | "the codice fiscale is missing",
        names_missing: "mancano cognome o nome" | "surname or name missing",
        sgdt: "codici SGDT" | "SGDT codes",
        filter_label: "Filtro" | "Filter",
        preview_hint: "Ctrl+S importa · Esc annulla (nulla è scritto)" | "Ctrl+S imports · Esc cancels (nothing is written)",
    }
}

impl ArruolabiliStrings {
    pub fn counts(&self, c: [usize; 4], total: usize) -> String {
        let [a, b, p, x] = c;
        tr!(
            self.lang,
            "Da contattare {a} · Contattati {b} · Patto firmato {p} · Chiusi {x} · Totale {total}"
                | "To contact {a} · Contacted {b} · Pact signed {p} · Closed {x} · Total {total}"
        )
    }

    pub fn filter_line(&self, filter: &str, key: &str, n: usize) -> String {
        tr!(
            self.lang,
            "Filtro: {filter} ({key} cambia) · {n} righe"
                | "Filter: {filter} ({key} changes) · {n} rows"
        )
    }

    pub fn contact_saved(&self, name: &str, esito: &str) -> String {
        tr!(
            self.lang,
            "Contatto registrato per {name}: {esito}." | "Contact recorded for {name}: {esito}."
        )
    }

    pub fn printed(&self, path: &str) -> String {
        tr!(
            self.lang,
            "Invito scritto: {path}" | "Invitation written: {path}"
        )
    }

    pub fn print_sent(&self, printer: &str, path: &str) -> String {
        tr!(
            self.lang,
            "Invito inviato alla stampante {printer} ({path})"
                | "Invitation sent to the printer {printer} ({path})"
        )
    }

    pub fn print_failed(&self, reason: &str, path: &str) -> String {
        tr!(
            self.lang,
            "Stampa non riuscita ({reason}); il file è in {path}"
                | "Printing failed ({reason}); the file is at {path}"
        )
    }

    pub fn write_failed(&self, reason: &str) -> String {
        tr!(
            self.lang,
            "Impossibile scrivere l'invito: {reason}"
                | "The invitation cannot be written: {reason}"
        )
    }

    pub fn reading(&self, file: &str) -> String {
        tr!(self.lang, "Lettura di {file} in corso…" | "Reading {file}…")
    }

    pub fn not_found(&self, file: &str) -> String {
        tr!(
            self.lang,
            "File non trovato: {file}" | "File not found: {file}"
        )
    }

    pub fn too_large(&self, file: &str, mb: u64) -> String {
        tr!(
            self.lang,
            "{file} è troppo grande ({mb} MB): non è un elenco di arruolabili"
                | "{file} is too large ({mb} MB): not a list of eligible patients"
        )
    }

    pub fn read_error(&self, file: &str, e: &str) -> String {
        tr!(
            self.lang,
            "{file} non leggibile: {e}" | "{file} cannot be read: {e}"
        )
    }

    pub fn preview_head(
        &self,
        file: &str,
        accepted: usize,
        rejected: usize,
        format: &str,
    ) -> String {
        tr!(
            self.lang,
            "{file} ({format}): {accepted} righe da importare, {rejected} scartate"
                | "{file} ({format}): {accepted} rows to import, {rejected} rejected"
        )
    }

    pub fn plan(&self, p: &crate::service::arruolabili::ImportPlan) -> String {
        let (n, a, i, t, c) = (
            p.nuove,
            p.aggiornate,
            p.invariate,
            p.pazienti_trovati,
            p.pazienti_nuovi,
        );
        tr!(
            self.lang,
            "Nuove {n} · aggiornate {a} · già presenti {i} · pazienti trovati {t} · da registrare {c}"
                | "New {n} · updated {a} · already there {i} · patients found {t} · to register {c}"
        )
    }

    pub fn done(&self, log: &crate::service::arruolabili::ImportLog) -> String {
        let (n, a, c, s) = (
            log.plan.nuove,
            log.plan.aggiornate,
            log.plan.pazienti_nuovi,
            log.scartate,
        );
        tr!(
            self.lang,
            "Importato: {n} nuove, {a} aggiornate, {c} pazienti registrati, {s} righe scartate."
                | "Imported: {n} new, {a} updated, {c} patients registered, {s} rows rejected."
        )
    }

    pub fn line_reason(&self, line: usize, reason: &str) -> String {
        tr!(self.lang, "riga {line}: {reason}" | "line {line}: {reason}")
    }

    pub fn duplicate(&self, first: usize) -> String {
        tr!(
            self.lang,
            "stesso codice fiscale della riga {first}" | "same codice fiscale as line {first}"
        )
    }

    pub fn bad_level(&self, text: &str) -> String {
        tr!(
            self.lang,
            "livello \"{text}\" non valido (1, 2 o 3): importata senza livello"
                | "level \"{text}\" not valid (1, 2 or 3): imported without a level"
        )
    }

    pub fn not_sgdt(&self, code: &str) -> String {
        tr!(
            self.lang,
            "codice patologia \"{code}\" fuori dai codici SGDT 1-65: tenuto così"
                | "pathology code \"{code}\" outside the SGDT codes 1-65: kept as written"
        )
    }

    pub fn level(&self, n: u8) -> String {
        tr!(self.lang, "Livello {n}" | "Level {n}")
    }
}
