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
        col_gestore: "Gestore" | "Gestore",
        // Recall lists.
        tab_scadenze: "Scadenze dei Patti" | "Pacts expiring",
        tab_da_prenotare: "Da prenotare" | "To book",
        tab_da_prenotare_short: "Da pren." | "To book",
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
        k_arruolabili: "Arruolabili" | "Eligible",
        tab_aderenza_short: "Ader." | "Adh.",
        tab_ricette: "Ricette" | "Prescr.",
        col_eseguite_short: "Es./dov." | "Done/due",
        col_prescritte: "Ricette" | "Prescr.",
        col_prenotate: "Pren." | "Booked",
        col_eseguite_anno: "Eseg." | "Done",
        col_mese: "Mese" | "Mon.",
        col_data: "Data" | "Date",
        col_emessa: "Emessa" | "Issued",
        ctx_richiami_ricette: "Ricette da emettere (F7)" | "Prescriptions to issue (F7)",
        k_lotto: "lotto 1/2" | "lot 1/2",
        k_ricetta: "emessa/non emessa" | "issued/not issued",
        k_mark_lot: "tutto il lotto" | "the whole lot",
        k_show_all: "mostra le emesse" | "show issued",
        k_renew_all: "rinnova tutti" | "renew all",
        renew_title: "Rinnovi in blocco" | "Renewals in bulk",
        renew_then: "Poi ognuno si rivede e si firma (F4 Patto) e si condivide (F5 PAI), uno per uno." | "Each is then reviewed and signed (F4 Pact) and shared (F5 PAI), one by one.",
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
            "{key}: mostra {other} giorni · Invio: apre il Patto · Ctrl+R: rinnova tutti"
                | "{key}: show {other} days · Enter: opens the patient's Pact · Ctrl+R: renew all"
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

    pub fn head_ricette(&self, lotto: u8, primo: usize, secondo: usize) -> String {
        let mesi = if lotto == 1 { "1-6" } else { "7-12" };
        tr!(
            self.lang,
            "Ricette da emettere, lotto {lotto} (mesi {mesi} del piano) · lotto 1: {primo} · lotto 2: {secondo}"
                | "Prescriptions to issue, lot {lotto} (months {mesi} of the plan) · lot 1: {primo} · lot 2: {secondo}"
        )
    }

    pub fn ricette_hint(&self, range: &str, other: u8, all: &str, showing_all: bool) -> String {
        let what = match (self.lang, showing_all) {
            (crate::texts::Lang::It, false) => "mostra anche le emesse",
            (crate::texts::Lang::It, true) => "nasconde le emesse",
            (crate::texts::Lang::En, false) => "show issued ones too",
            (crate::texts::Lang::En, true) => "hide issued ones",
        };
        tr!(
            self.lang,
            "{range}: lotto {other} · {all}: {what} · Invio: scheda del paziente"
                | "{range}: lot {other} · {all}: {what} · Enter: the patient's record"
        )
    }

    pub fn empty_ricette(&self, lotto: u8) -> String {
        tr!(
            self.lang,
            "Nessuna ricetta da emettere nel lotto {lotto}."
                | "No prescription to issue in lot {lotto}."
        )
    }

    pub fn ricetta_emessa(&self, what: &str) -> String {
        tr!(
            self.lang,
            "Ricetta di «{what}» segnata come emessa oggi"
                | "Prescription of \"{what}\" recorded as issued today"
        )
    }

    pub fn ricetta_non_emessa(&self, what: &str) -> String {
        tr!(
            self.lang,
            "Ricetta di «{what}» segnata come non emessa"
                | "Prescription of \"{what}\" recorded as not issued"
        )
    }

    pub fn lot_title(&self, lotto: u8) -> String {
        tr!(
            self.lang,
            "Lotto {lotto} di ricette" | "Lot {lotto} of prescriptions"
        )
    }

    pub fn lot_question(&self, lotto: u8, name: &str, n: usize, emessa: bool) -> String {
        if emessa {
            tr!(
                self.lang,
                "Segnare come emesse oggi le {n} ricette ancora da emettere del lotto {lotto} di {name}?"
                    | "Record the {n} prescriptions still to issue of lot {lotto} of {name} as issued today?"
            )
        } else {
            tr!(
                self.lang,
                "Tutte le {n} ricette del lotto {lotto} di {name} sono già emesse: segnarle come non emesse?"
                    | "All {n} prescriptions of lot {lotto} of {name} are issued already: record them as not issued?"
            )
        }
    }

    pub fn lot_done(&self, lotto: u8, n: usize, emessa: bool) -> String {
        if emessa {
            tr!(
                self.lang,
                "Lotto {lotto}: {n} ricette segnate come emesse"
                    | "Lot {lotto}: {n} prescriptions recorded as issued"
            )
        } else {
            tr!(
                self.lang,
                "Lotto {lotto}: {n} ricette segnate come non emesse"
                    | "Lot {lotto}: {n} prescriptions recorded as not issued"
            )
        }
    }

    pub fn renew_none(&self, days: u64) -> String {
        tr!(
            self.lang,
            "Nessun Patto in scadenza entro {days} giorni da rinnovare."
                | "No Pact expiring within {days} days to renew."
        )
    }

    pub fn renew_question(&self, n: usize, days: u64) -> String {
        tr!(
            self.lang,
            "Preparare le bozze di rinnovo (Patto e PAI del nuovo anno, copiato dal piano in corso) per {n} Patti in scadenza entro {days} giorni? Le bozze già preparate restano come sono."
                | "Prepare the renewal drafts (Pact and the new year's PAI, copied from the current plan) for {n} Pacts expiring within {days} days? Drafts already prepared stay as they are."
        )
    }

    pub fn renew_done(&self, patti: usize, pai: usize, ready: usize) -> String {
        tr!(
            self.lang,
            "Bozze di rinnovo preparate: {patti} Patti, {pai} PAI · già pronte: {ready}"
                | "Renewal drafts prepared: {patti} Pacts, {pai} PAIs · ready already: {ready}"
        )
    }

    pub fn renew_errors(&self, n: usize, first: &str, why: &str) -> String {
        tr!(
            self.lang,
            " · non rinnovati: {n} ({first}: {why})" | " · not renewed: {n} ({first}: {why})"
        )
    }
}
