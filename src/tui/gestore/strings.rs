//! The texts of F3 Gestore, Italian and English on one line.

use crate::domain::{Canale, GestoreTipo};
use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, Lang, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        gestori: GestoriStrings = GESTORI_IT | GESTORI_EN,
    }
}

texts! {
    /// F3 Gestore: choosing, changing and revoking the Gestore.
    pub struct GestoriStrings (GESTORI_IT, GESTORI_EN) {
        // Keys.
        k_choose: "Scegli" | "Choose",
        k_type_filter: "Tipo" | "Type",
        k_other_ats: "Altra ATS" | "Other ATS",
        k_revoke: "Revoca" | "Revoke",
        // Help titles.
        ctx_gestore: "Gestore del paziente (F3)" | "The patient's Gestore (F3)",
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
        empty_list: "Nessun Gestore idoneo in archivio per questa ATS: importare l'elenco dell'ATS da Amministrazione (F11 o Alt+9), oppure F9 per un'altra ATS." | "No eligible Gestore stored for this ATS: import the ATS list from Administration (F11 or Alt+9), or F9 for another ATS.",
        nothing_matches: "Nessun Gestore corrisponde al filtro: Ctrl+U svuota la ricerca, F8 cambia il tipo." | "No Gestore matches the filter: Ctrl+U clears the search, F8 changes the type.",
        nothing_to_revoke: "Il paziente non ha una presa in carico attiva: niente da revocare." | "The patient has no active enrolment: nothing to revoke.",
        ats_picker_title: "ATS dell'elenco" | "ATS of the list",
        ats_picker_text: "Di solito si sceglie tra i Gestori dell'ATS di residenza. Un'altra ATS solo su richiesta del paziente." | "The choice is usually among the Gestori of the ATS of residence. Another ATS only at the patient's request.",
        ats_residence_mark: "  (residenza)" | "  (residence)",
        other_ats_warning: "ATS diversa da quella di residenza" | "ATS other than the one of residence",
        change_title: "Cambia Gestore" | "Change Gestore",
        change_question: "Invio: revocare ora la presa in carico attiva (poi si sceglie il nuovo Gestore). Esc: lasciare tutto com'è." | "Enter: revoke the active enrolment now (then choose the new Gestore). Esc: leave everything as it is.",
        choose_title: "Scelta del Gestore" | "Choosing the Gestore",
        gestore: "Gestore" | "Gestore",
        no_channel: "Nessun canale di arruolamento attivo: attivarne uno in Amministrazione › Studio (F11)." | "No enrolment channel is switched on: switch one on in Administration › Practice (F11).",
        no_channel_fits: "Nessun canale di arruolamento si usa con questo Gestore:" | "No enrolment channel applies to this Gestore:",
        earlier_model_refused: "Gestore del modello precedente: non prende nuove prese in carico dopo il 31/12/2024 (continua solo con i pazienti già in carico, da trasferire al Gestore del loro MMG). Scegliere il Gestore del MMG del paziente o un'ASST." | "Gestore of the earlier model: it takes no new enrolment after 31/12/2024 (it only keeps the patients already in its charge, to be moved to their GP's Gestore). Choose the Gestore of the patient's GP or an ASST.",
        earlier_model_line: "Modello precedente: nessuna nuova presa in carico dopo il 31/12/2024" | "Earlier model: no new enrolment after 31/12/2024",
        f_canale: "Canale" | "Channel",
        f_data: "Data (gg/mm/aaaa)" | "Date (dd/mm/yyyy)",
        f_note: "Note" | "Notes",
        f_motivo: "Motivo" | "Reason",
        revoke_title: "Revoca della presa in carico" | "Revoking the enrolment",
        revoke_patto_line: "Anche il Patto di Cura collegato viene revocato." | "Its Care Pact is revoked too.",
        revoke_then_choose: "Dopo la revoca si torna all'elenco per scegliere il nuovo Gestore." | "After the revocation the list comes back to choose the new Gestore.",
        err_motivo: "Indicare il motivo della revoca" | "Give the reason for the revocation",
    }
}

impl GestoriStrings {
    // Shown by other features too: the texts are the kit's.
    pub fn tipo_label(&self, t: GestoreTipo) -> &'static str {
        KitStrings::for_lang(self.lang).tipo_label(t)
    }

    pub fn tipo_short(&self, t: GestoreTipo) -> &'static str {
        KitStrings::for_lang(self.lang).tipo_short(t)
    }

    pub fn canale(&self, c: Canale) -> &'static str {
        KitStrings::for_lang(self.lang).canale(c)
    }

    pub fn levels_text(&self, levels: &[u8]) -> String {
        KitStrings::for_lang(self.lang).levels_text(levels)
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

    /// The active presa's line on the Gestore screen, with where it stands.
    pub fn active_line(
        &self,
        gestore: &str,
        canale: &str,
        date: &str,
        step: crate::domain::gestore::PresaStep,
    ) -> String {
        let step = KitStrings::for_lang(self.lang).step_name(step);
        tr!(
            self.lang,
            "{gestore} · {canale} · dal {date} · {step}"
                | "{gestore} · {canale} · since {date} · {step}"
        )
    }

    /// A channel not offered for the Gestore, and why.
    pub fn not_offered(&self, canale: &str, why: &str) -> String {
        tr!(
            self.lang,
            "Canale {canale}: non disponibile, {why}" | "Channel {canale}: not available, {why}"
        )
    }

    pub fn list_line(&self, ats: &str, shown: usize, total: usize) -> String {
        tr!(
            self.lang,
            "Gestori idonei di {ats}: {shown} di {total}"
                | "Eligible Gestori of {ats}: {shown} of {total}"
        )
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
                | "The patient is already in charge of {gestore} since {date}. A patient has one active enrolment: to change Gestore the current one is revoked first (date and reason; its Care Pact is closed), then the new Gestore is chosen from the list."
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
                | "Revoking the enrolment of {gestore} (chosen on {date}). Nothing is deleted: it stays in the patient's history."
        )
    }

    pub fn revoked(&self, date: &str, motivo: &str) -> String {
        tr!(
            self.lang,
            "Presa in carico revocata il {date} ({motivo})"
                | "Enrolment revoked on {date} ({motivo})"
        )
    }

    pub fn revoked_choose_now(&self, date: &str) -> String {
        tr!(
            self.lang,
            "Presa in carico revocata il {date}. Ora scegliere il nuovo Gestore e premere Invio."
                | "Enrolment revoked on {date}. Now pick the new Gestore and press Enter."
        )
    }
}
