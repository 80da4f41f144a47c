//! The texts of the recall lists, Italian and English on one line.

use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        richiami: RichiamiStrings = RICHIAMI_IT | RICHIAMI_EN,
    }
}

texts! {
    /// The recall lists (F7).
    pub struct RichiamiStrings (RICHIAMI_IT, RICHIAMI_EN) {
        col_valido_al: "Valido al" | "Valid to",
        col_gestore: "Gestore" | "Manager",
        // Recall lists.
        tab_scadenze: "Scadenze dei Patti" | "Pacts expiring",
        tab_da_prenotare: "Da prenotare" | "To book",
        tab_non_presentati: "Non presentati" | "Missed",
        tab_non_presentati_short: "Non pres." | "Missed",
        tab_patti_short: "Patti" | "Pacts",
        tab_aderenza: "Aderenza" | "Adherence",
        col_dal: "Dal" | "From",
        col_al: "Entro" | "By",
        col_aderenza: "Aderenza" | "Adherence",
        col_aderenza_short: "Ader." | "Adh.",
        col_eseguite: "Eseguite/dovute" | "Done/due",
        late: "in ritardo" | "overdue",
        empty_da_prenotare: "Nessuna prestazione del PAI da prenotare." | "No PAI service to book.",
        empty_non_presentati: "Nessun appuntamento non presentato da riprenotare." | "No missed appointment to rebook.",
        empty_aderenza: "Nessun paziente con prestazioni già dovute." | "No patient with services already due.",
        ctx_richiami_aderenza: "Aderenza al PAI (F7)" | "PAI adherence (F7)",
        ctx_richiami_pai: "Richiami del PAI (F7)" | "PAI recalls (F7)",
        k_open_record: "apri la scheda" | "open the record",
        k_plan_patient: "pianifica in agenda" | "plan in the agenda",
        k_section: "sezione" | "section",
        ctx_richiami: "Richiami e scadenze (F7)" | "Recalls and expiries (F7)",
        k_open_patto: "Apri Patto" | "Open Pact",
        k_range: "30/60 giorni" | "30/60 days",
        tab_trasferire: "Da trasferire al MMG" | "To move to the GP",
        tab_trasferire_short: "Al MMG" | "To GP",
        ctx_richiami_trasferire: "Prese da trasferire al Gestore del MMG (F7)" | "Enrolments to move to the GP's Gestore (F7)",
        k_choose_gestore: "scegli il Gestore" | "choose the Gestore",
        col_paziente_mmg: "MMG" | "GP",
        col_gestore_attuale: "Gestore attuale" | "Current Gestore",
        col_gestore_mmg: "Gestore del MMG" | "GP's Gestore",
        empty_trasferire: "Nessun paziente da trasferire: nessuna presa con un Gestore del modello precedente ha il MMG ora aderente." | "No patient to move: no enrolment with an earlier-model Gestore has a GP who now adheres.",
    }
}

impl RichiamiStrings {
    pub fn head_trasferire(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Da trasferire: {n} (Gestore del modello precedente, MMG ora aderente) · Invio: scelta del Gestore"
                | "To move: {n} (earlier-model Gestore, GP now adhering) · Enter: choose the Gestore"
        )
    }

    pub fn head_da_prenotare(&self, n: usize, late: usize) -> String {
        tr!(
            self.lang,
            "Da prenotare: {n} (finestra aperta o entro 60 giorni) · in ritardo: {late}"
                | "To book: {n} (window open or within 60 days) · overdue: {late}"
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
                | "{key}: show {other} days · Enter: opens the patient's Pact (Ctrl+R renews)"
        )
    }

    pub fn no_scadenze(&self, within: u64) -> String {
        tr!(
            self.lang,
            "Nessun Patto in scadenza entro {within} giorni né scaduto negli ultimi 90 giorni."
                | "No Pact expiring within {within} days or expired in the last 90 days."
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
}
