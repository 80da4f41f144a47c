//! The texts of the Patto di Cura, Italian and English on one line. The
//! Patto's legal text itself stays Italian (domain::patto_text).

use crate::domain::patto::{Firmatario, PattoState};
use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, Lang, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        patto: PattoStrings = PATTO_IT | PATTO_EN,
    }
}

texts! {
    /// The texts of the Patto di Cura screens (F4).
    pub struct PattoStrings (PATTO_IT, PATTO_EN) {
        title: "Patto di Cura" | "Care Pact",
        title_bozza: "Lettura e firma del Patto" | "Reading and signing the Pact",
        title_testo: "Patto di Cura firmato" | "Signed Care Pact",
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
        // Help sections.
        ctx_patto: "Patto di Cura del paziente (F4)" | "The patient's Care Pact (F4)",
        ctx_bozza: "Lettura e firma della bozza del Patto" | "Reading and signing the draft Pact",
        ctx_testo: "Lettura di un Patto firmato" | "Reading a signed Pact",
        // The list of the patient's Patti.
        gestore: "Gestore" | "Gestore",
        no_gestore: "nessuna presa in carico attiva" | "not taken in charge",
        missing_title: "Per preparare il Patto manca:" | "To prepare the Pact, missing:",
        patti_title: "Patti di Cura" | "Care Pacts",
        no_patti: "Nessun Patto di Cura per questo paziente." | "No Care Pact for this patient.",
        col_numero: "N." | "No.",
        col_stato: "Stato" | "State",
        col_dal: "Dal" | "From",
        col_al: "Al" | "To",
        col_firmato_da: "Firmato da" | "Signed by",
        col_cm: "Clinical Manager" | "Clinical Manager",
        open_bozza_hint: "Invio: leggere la bozza con il paziente, scegliere i consensi e firmare." | "Enter: read the draft with the patient, choose the consents and sign.",
        open_signed_hint: "Invio: leggere il testo firmato · Ctrl+P: stampare (ogni ristampa è identica)." | "Enter: read the signed text · Ctrl+P: print (every reprint is identical).",
        print_only_signed: "Si stampano solo i Patti firmati: scegliere un Patto firmato (Invio sulla bozza per firmarla)." | "Only signed Pacts are printed: choose a signed one (Enter on the draft to sign it).",
        nothing_selected: "Nessun Patto in elenco: F9 prepara il Patto." | "No Pact listed: F9 prepares the Pact.",
        no_presa_to_revoke: "Nessuna presa in carico attiva da revocare." | "No active taking in charge to revoke.",
        revoke_title: "Revoca della presa in carico" | "Revoking the taking in charge",
        f_date: "Data (gg/mm/aaaa)" | "Date (dd/mm/yyyy)",
        f_motivo: "Motivo" | "Reason",
        err_motivo: "Indicare il motivo della revoca." | "Enter the reason for the revocation.",
        no_patient: "Nessun paziente scelto: cercarlo e aprire la scheda (Invio), poi F4." | "No patient chosen: search and open the record (Enter), then F4.",
        // Reading and signing.
        text_title: "Testo del Patto" | "Text of the Pact",
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
        h_firmatario: "Spazio o ←/→: paziente, tutore, amministratore di sostegno o delegato." | "Space or ←/→: patient, guardian, support administrator or delegate.",
        h_nome: "Chi firma al posto del paziente: obbligatorio se non firma il paziente." | "Who signs for the patient: required unless the patient signs.",
        h_documento: "Documento d'identità di chi firma (es. CI AB1234567): obbligatorio se non firma il paziente." | "Identity document of the signer (e.g. CI AB1234567): required unless the patient signs.",
        h_consenso: "Spazio: dare o togliere il consenso. Il trattamento dei dati (*) è obbligatorio." | "Space: give or withdraw the consent. Data processing (*) is required.",
        err_consenso_dati: "Senza il consenso al trattamento dei dati il Patto non si può firmare: segnarlo con Spazio." | "Without the consent to data processing the Pact cannot be signed: tick it with Space.",
        sign_title: "Firma del Patto di Cura" | "Signing the Care Pact",
        sign_frozen: "Dopo la firma il testo non si potrà più modificare: resta in archivio così com'è e ogni ristampa è identica." | "After signing the text can no longer be changed: it is archived as it is and every reprint is identical.",
        signed_text_note: "Testo firmato: non si modifica. Ctrl+P per stamparlo." | "Signed text: it cannot be changed. Ctrl+P to print it.",
        // Printing.
        print_title: "Stampa del Patto di Cura" | "Printing the Care Pact",
        print_text: "Si stampa il testo firmato così com'è: ogni ristampa è identica. I file con lo stesso nome vengono sostituiti." | "The signed text is printed as it is: every reprint is identical. Files with the same name are replaced.",
        f_folder: "Cartella" | "Folder",
        f_format: "Formato" | "Format",
        fmt_pdf: "PDF, due copie (paziente e Gestore)" | "PDF, two copies (patient and Gestore)",
        fmt_txt: "testo per stampante a rotolo" | "text for a receipt printer",
        fmt_both: "PDF e testo per stampante a rotolo" | "PDF and text for a receipt printer",
        err_folder_empty: "Indicare la cartella in cui scrivere la stampa." | "Enter the folder to write the print to.",
        // Correcting the Clinical Manager of a signed Patto.
        k_correct_cm: "Clinical Manager" | "Clinical Manager",
        correct_title: "Correzione del Clinical Manager" | "Correcting the Clinical Manager",
        f_new_cm: "Nuovo Clinical Manager" | "New Clinical Manager",
        err_cm_missing: "Manca il Clinical Manager: indicare il medico che redige il PAI, poi firmare." | "The Clinical Manager is missing: enter the doctor who writes the PAI, then sign.",
        correct_only_signed: "Il Clinical Manager si corregge su un Patto firmato; in una bozza si scrive nel suo campo." | "The Clinical Manager is corrected on a signed Pact; in a draft it is typed in its field.",
        print_failed_title: "Stampa non riuscita" | "Printing failed",
        err_motivo_correzione: "Indicare il motivo della correzione." | "Enter the reason for the correction.",
    }
}

impl PattoStrings {
    // Shown by the recall lists too: the texts are the kit's.
    pub fn state(&self, state: PattoState) -> String {
        KitStrings::for_lang(self.lang).state(state)
    }

    pub fn state_short(&self, state: PattoState) -> String {
        KitStrings::for_lang(self.lang).state_short(state)
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
                | "{key}: prepare the Pact to read and sign with the patient."
        )
    }

    pub fn renew_hint(&self, al: &str, key: &str) -> String {
        tr!(
            self.lang,
            "Il Patto vale fino al {al}: {key} prepara il rinnovo."
                | "The Pact is valid until {al}: {key} prepares the renewal."
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
                | "Pact no. {n} was signed without a Clinical Manager: the PAI cannot be shared. {key} sets it (a correction with a reason, recorded)."
        )
    }

    pub fn correct_text(&self, n: &str, current: &str) -> String {
        tr!(
            self.lang,
            "Patto n. {n}: Clinical Manager attuale «{current}». Il testo firmato non cambia: la correzione, con il motivo, è annotata sul Patto e nel registro degli accessi."
                | "Pact no. {n}: current Clinical Manager «{current}». The signed text does not change: the correction and its reason are noted on the Pact and in the access log."
        )
    }

    pub fn cm_corrected(&self, n: &str, name: &str) -> String {
        tr!(
            self.lang,
            "Clinical Manager del Patto n. {n} corretto: {name}."
                | "Clinical Manager of Pact no. {n} corrected: {name}."
        )
    }

    pub fn print_sent(&self, printer: &str, path: &str) -> String {
        tr!(
            self.lang,
            "Patto inviato alla stampante {printer} (file: {path})"
                | "Pact sent to the printer {printer} (file: {path})"
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
            "Patto n. {n} · {name} · {state}" | "Pact no. {n} · {name} · {state}"
        )
    }

    pub fn revoke_text(&self, gestore: &str, since: &str) -> String {
        tr!(
            self.lang,
            "La revoca termina la presa in carico presso {gestore} (scelto il {since}) e con essa il Patto di Cura in corso e le sue bozze. Il testo firmato resta in archivio e si può ristampare."
                | "The revocation ends the taking in charge by {gestore} (chosen on {since}) and with it the current Care Pact and its drafts. The signed text stays in the archive and can be reprinted."
        )
    }

    pub fn revoked(&self, date: &str) -> String {
        tr!(
            self.lang,
            "Presa in carico e Patto di Cura revocati dal {date}"
                | "Taking in charge and Care Pact revoked from {date}"
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
                | "Pact signed, valid until {al}. Print the two copies now ({key} to reprint)."
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
}
