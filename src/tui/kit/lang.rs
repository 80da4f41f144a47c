//! The language of the interface and the two macros every feature declares
//! its texts with (`texts!`: one line per text, Italian | English; `tr!`: a
//! text with values, built only in the chosen language), and the texts the
//! kit itself and every feature share. Each feature keeps its own texts in
//! its `strings.rs`.

use crate::domain::patto::PattoState;
use crate::domain::{Canale, GestoreTipo, Livello, LivelloNoto};
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

            /// The texts in the language of `env`.
            #[allow(dead_code)]
            pub fn of(env: &$crate::tui::kit::screen::Env) -> &'static $name {
                Self::for_lang(env.lang)
            }
        }

        impl $crate::tui::kit::lang::Language for $name {
            fn lang(&self) -> $crate::texts::Lang {
                self.lang
            }
        }
    };
}
pub(crate) use texts;

/// Any set of texts: it is in one language. The kit's functions that write
/// key names take it, so a feature passes its own texts.
pub trait Language {
    fn lang(&self) -> Lang;

    /// The kit's texts in the same language.
    fn kit(&self) -> &'static KitStrings {
        KitStrings::for_lang(self.lang())
    }
}

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
    /// The texts the kit and every feature share: key labels and names, the
    /// date errors of a field, the words of lists.
    pub struct KitStrings (KIT_IT, KIT_EN) {
        operator: "operatore" | "operator",
        // Areas of later versions.
        area_gestore: "Gestore" | "Gestore",
        area_patto: "Patto" | "Pact",
        area_pai: "PAI" | "PAI",
        area_agenda: "Agenda" | "Agenda",
        area_richiami: "Richiami" | "Recalls",
        area_gestore_text: "Presa in carico: il Gestore scelto dal paziente, l'arruolamento e la revoca." | "Taking in charge: the Gestore chosen by the patient, enrolment and withdrawal.",
        patient: "Paziente" | "Patient",
        // Key labels.
        k_help: "Aiuto" | "Help",
        k_patients: "Pazienti" | "Patients",
        k_quit: "Esci" | "Quit",
        k_up: "Riga su" | "Row up",
        k_down: "Riga giù" | "Row down",
        k_page_up: "Pagina su" | "Page up",
        k_page_down: "Pagina giù" | "Page down",
        k_back: "Indietro" | "Back",
        k_scroll_up: "Scorri su" | "Scroll up",
        k_scroll_down: "Scorri giù" | "Scroll down",
        k_save: "Salva" | "Save",
        k_next_field: "Campo succ." | "Next field",
        k_prev_field: "Campo prec." | "Prev. field",
        k_form_down: "Campo succ. o voce dell'elenco" | "Next field or list item",
        k_form_up: "Campo prec. o voce dell'elenco" | "Previous field or list item",
        k_confirm: "Conferma" | "Confirm",
        k_cancel: "Annulla" | "Cancel",
        k_discard: "Scarta" | "Discard",
        k_stay: "Resta" | "Stay",
        k_keep_editing: "Continua a modificare" | "Keep editing",
        // Key names.
        key_enter: "Invio" | "Enter",
        key_shift: "Maiusc" | "Shift",
        key_page_up: "PagSu" | "PgUp",
        key_page_down: "PagGiù" | "PgDn",
        key_home: "Inizio" | "Home",
        key_end: "Fine" | "End",
        // Lookup.
        search_label: "Cerca" | "Search",
        col_cognome: "Cognome" | "Surname",
        col_nome: "Nome" | "Name",
        col_cf: "Codice fiscale" | "Codice fiscale",
        col_comune: "Comune" | "Comune",
        none: "—" | "—",
        r_ats: "ATS" | "ATS",
        r_pic: "Presa in carico" | "Taken in charge",
        da_trasferire: "da trasferire al MMG" | "to move to the GP's Gestore",
        patient_not_found: "Paziente non trovato nell'archivio." | "Patient not found in the archive.",
        h_place: "Comune o stato estero, o il codice catastale (es. F205); ↑↓ e Invio sceglie." | "Comune or foreign state, or its Belfiore code (e.g. F205); ↑↓ and Enter pick.",
        err_date_format: "Data non valida: usare gg/mm/aaaa" | "Invalid date: use dd/mm/yyyy",
        err_date_nonexistent: "Data inesistente: controllare giorno e mese" | "No such day: check day and month",
        err_date_future: "La data è nel futuro" | "The date is in the future",
        key_space: "Spazio" | "Space",
        ctx_picker: "Scelta da un elenco" | "Choosing from a list",
        k_admin: "Amministrazione" | "Administration",
        k_first: "Primo dell'elenco" | "First in the list",
        k_last: "Ultimo dell'elenco" | "Last in the list",
        k_pick: "Scegli" | "Choose",
        ctx_confirm: "Richiesta di conferma" | "Confirmation",
        ctx_confirm_discard: "Modulo con modifiche non salvate" | "Form with unsaved changes",
        ctx_confirm_quit: "Uscita dal programma con modifiche non salvate" | "Quitting with unsaved changes",
        ctx_date: "Richiesta di una data" | "Asking for a date",
        ctx_global: "Tasti generali" | "Everywhere",
        ctx_choice_modal: "Finestra con campi e scelte (stampa)" | "Dialog with fields and choices (print)",
        ctx_form_modal: "Finestra con più campi (revoca)" | "Dialog with several fields (revoke)",
        k_choice: "Cambia scelta" | "Change choice",
        k_choice_back: "Scelta precedente" | "Previous choice",
        key_insert: "Ins" | "Ins",
        key_delete: "Canc" | "Del",
        // Texts two or more features show.
        col_denominazione: "Denominazione" | "Name",
        col_tipo: "Tipo" | "Type",
        col_telefono: "Telefono" | "Phone",
        col_paziente: "Paziente" | "Patient",
        col_prestazione: "Prestazione" | "Service",
        col_gestore: "Gestore" | "Gestore",
        col_stato: "Stato" | "State",
        f_username: "Nome utente" | "User name",
        f_password: "Password" | "Password",
        f_password2: "Ripeti la password" | "Repeat the password",
        f_operator: "Operatore" | "Operator",
        err_mismatch: "Le due password non coincidono." | "The two passwords differ.",
    }
}

impl KitStrings {
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

    pub fn cancelled_future(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Annullati {n} appuntamenti futuri del PAI."
                | "{n} future appointments of the PAI cancelled."
        )
    }

    pub fn level_short(&self, l: Livello) -> String {
        tr!(self.lang, "livello {}" | "level {}", l.number())
    }

    /// "Livello 2 (ATS, 12/03/2026)" or "Livello 1 (stima)": the level and
    /// which one it is, the Region's or the desk's estimate.
    pub fn level_known(&self, l: &LivelloNoto) -> String {
        match l {
            LivelloNoto::Ats(a) => tr!(
                self.lang,
                "Livello {} ({}, {})" | "Level {} ({}, {})",
                a.livello.number(),
                a.fonte,
                a.data.format("%d/%m/%Y")
            ),
            LivelloNoto::Stima(l) => tr!(
                self.lang,
                "Livello {} (stima)" | "Level {} (estimate)",
                l.number()
            ),
        }
    }

    /// The level in a list column: "2 ATS" or "1 st.".
    pub fn level_cell(&self, l: Livello, estimate: bool) -> String {
        if estimate {
            tr!(self.lang, "{} st." | "{} est.", l.number())
        } else {
            format!("{} ATS", l.number())
        }
    }

    pub fn date_error(&self, e: DateError) -> &'static str {
        match e {
            DateError::Format => self.err_date_format,
            DateError::Nonexistent => self.err_date_nonexistent,
        }
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

    /// Where a presa in carico stands on its path.
    pub fn step_name(&self, step: crate::domain::gestore::PresaStep) -> &'static str {
        use crate::domain::gestore::PresaStep as P;
        match (self.lang, step) {
            (Lang::It, P::GestoreScelto) => "Gestore scelto",
            (Lang::It, P::PattoFirmato) => "Patto firmato",
            (Lang::It, P::PaiCondiviso) => "PAI condiviso",
            (Lang::En, P::GestoreScelto) => "Gestore chosen",
            (Lang::En, P::PattoFirmato) => "Pact signed",
            (Lang::En, P::PaiCondiviso) => "PAI shared",
        }
    }
}

/// Texts two or more features show (a Gestore's type, a channel, a
/// Patto's state, the password rule).
impl KitStrings {
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

    pub fn levels_text(&self, levels: &[u8]) -> String {
        if levels.is_empty() {
            return tr!(self.lang, "livelli: tutti" | "levels: all");
        }
        let list: Vec<String> = levels.iter().map(u8::to_string).collect();
        tr!(self.lang, "livelli: {}" | "levels: {}", list.join(", "))
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

    pub fn min_length(&self, n: usize) -> String {
        tr!(
            self.lang,
            "La password deve avere almeno {n} caratteri."
                | "The password must have at least {n} characters."
        )
    }
}
