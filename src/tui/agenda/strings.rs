//! The texts of the agenda, Italian and English on one line.

use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, Lang, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        agenda: AgendaStrings = AGENDA_IT | AGENDA_EN,
    }
}

texts! {
    /// F6, the agenda and the planning of a PAI.
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
        prefs_intro: "Giorni e fascia oraria in cui il paziente preferisce venire: le proposte li rispettano quando possibile. Spazio o ←/→ cambiano la scelta; nessun giorno scelto vale come tutti." | "Days and time of day the patient prefers: proposals honour them when possible. Space or ←/→ change the choice; no day chosen means any day.",
        label_fascia: "Fascia oraria" | "Time of day",
        prefs_saved: "Preferenze salvate: proposte ricalcolate" | "Preferences saved: proposals recomputed",
        /// The planning screen's save lost a place to another desk.
        plan_taken: "Un altro sportello ha appena preso un posto proposto: ecco nuove proposte sui posti liberi" | "Another desk just took a proposed place: here are new proposals on the free places",
        /// The F8 free-slot list's choice was taken by another desk.
        slot_taken: "Un altro sportello ha appena preso quel posto: ecco i posti ancora liberi" | "Another desk just took that place: here are the places still free",
        prefs_label: "Preferenze" | "Preferences",
        prefs_none: "nessuna" | "none",
        // F7, the recall lists of the PAI.
        col_gestore: "Gestore" | "Gestore",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_are_singular() {
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
