//! The texts of the shell, Italian and English on one line.

use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        shell: ShellStrings = SHELL_IT | SHELL_EN,
    }
}

texts! {
    /// The shell: header, login and lock, help, placeholder areas, the current
    /// patient, leaving a changed form, the card scanner.
    pub struct ShellStrings (SHELL_IT, SHELL_EN) {
        help_admin: "Amministrazione (F11 o Alt+9): importare l'elenco dei Gestori idonei pubblicato dall'ATS, vedere le importazioni fatte, impostare lo studio (medici, adesioni, canali) e consultare l'elenco dei Gestori in archivio." | "Administration (F11 or Alt+9): import the list of eligible Gestori published by the ATS, see the imports made, set up the practice (doctors, adesioni, channels) and browse the stored Gestori.",
        // Header and footer.
        app_name: "sportello" | "sportello",
        practice: "Studio medico" | "GP practice",
        /// In the header of a demonstration store (`sportello demo`).
        demo_store: "DEMO" | "DEMO",
        alt_tip: "(Alt+cifra = tasto F)" | "(Alt+digit = F-key)",
        // Screen titles.
        title_help: "Aiuto" | "Help",
        area_patto_text: "Il Patto di Cura tra paziente e Gestore: firma, stampa e scadenza annuale." | "The Care Pact between patient and Gestore: signature, printing and yearly expiry.",
        area_pai_text: "Il Piano di Assistenza Individuale: prestazioni dell'anno e loro periodicità." | "The individual care plan (PAI): the year's services and how often they are due.",
        area_agenda_text: "Gli appuntamenti del paziente e dello studio, con le festività." | "Appointments of the patient and of the practice, holidays included.",
        area_richiami_text: "I richiami: prestazioni del PAI in scadenza e non ancora prenotate." | "Recalls: PAI services falling due and not yet booked.",
        coming_soon: "Disponibile a breve: questa area arriverà con un prossimo aggiornamento." | "Coming soon: this area will arrive with a later update.",
        placeholder_back: "Esc per tornare indietro, F2 per la ricerca pazienti." | "Esc to go back, F2 for the patient search.",
        // Help.
        help_intro: "Tutto si fa da tastiera. Ogni tasto F ha un'alternativa con Alt e una cifra (Alt+1 = F1, Alt+0 = F10), utile quando i tasti F non arrivano (tmux, ssh). Nei campi di testo le lettere si scrivono: i comandi usano tasti F, Ctrl, Invio, Esc e Tab." | "Everything works from the keyboard. Every F-key has an Alt+digit alternative (Alt+1 = F1, Alt+0 = F10), useful when F-keys get lost (tmux, ssh). In text fields letters are typed: commands use F-keys, Ctrl, Enter, Esc and Tab.",
        ctx_help: "Questa guida" | "This help",
        ctx_placeholder: "Aree non ancora disponibili" | "Areas not yet available",
        // Too small.
        too_small_title: "Finestra troppo piccola" | "Window too small",
        too_small_keys: "Esc: indietro · F10 o Ctrl+Q: esci" | "Esc: back · F10 or Ctrl+Q: quit",
        too_small_dialog: "C'è una domanda in sospeso: ingrandire la finestra per rispondere, oppure Esc per annullare." | "A question is waiting: enlarge the window to answer it, or Esc to cancel.",
        too_small_quit_pending: "Modifiche non salvate: F10 o Ctrl+Q esce senza salvare, Esc annulla." | "Unsaved changes: F10 or Ctrl+Q quits without saving, Esc cancels.",
        paste_nowhere: "Niente da incollare qui: nessun campo di testo attivo." | "Nothing to paste into: no text field is active.",
        /// Status line when the automatic backup failed; the reason follows.
        auto_backup_failed: "Backup automatico non riuscito: si può lavorare, avvisare l'amministratore." | "Automatic backup failed: work can go on, tell the administrator.",
        ctx_login: "Accesso" | "Login",
        title_login: "Accesso" | "Login",
        title_first: "Primo avvio: crea l'amministratore" | "First start: create the administrator",
        title_locked: "Sessione bloccata" | "Session locked",
        login_intro: "Inserire nome utente e password." | "Enter user name and password.",
        first_intro: "L'archivio non ha ancora operatori. Creare l'amministratore: potrà poi aggiungere gli altri operatori (Amministrazione, F11)." | "The store has no operators yet. Create the administrator: they can then add the other operators (Administration, F11).",
        locked_intro: "Sessione bloccata per inattività: il lavoro aperto è conservato. Inserire la password per continuare; per cambiare operatore uscire (F10) e accedere di nuovo." | "Session locked after inactivity: the open work is kept. Enter the password to go on; to change operator quit (F10) and log in again.",
        err_username: "Inserire il nome utente." | "Enter the user name.",
        nobody: "nessun accesso" | "not logged in",
        /// F3, F4 or F5 with no current patient.
        no_current_patient: "Nessun paziente scelto: F2 per cercarlo, Invio sulla riga per sceglierlo." | "No patient chosen: F2 to find one, Enter on its row to choose it.",
        /// The choices of the unsaved-changes question.
        unsaved_title: "Modifiche non salvate" | "Unsaved changes",
        unsaved_question: "Salvarle prima di proseguire?" | "Save them before going on?",
        /// A scan while a dialog is open: nothing done.
        scan_in_dialog: "Tessera letta con una finestra aperta: chiuderla (Esc) e leggere di nuovo la tessera." | "Card read with a dialog open: close it (Esc) and read the card again.",
        /// A main-area key while a dialog is open.
        close_dialog_first: "Prima chiudere la finestra aperta: Invio conferma, Esc annulla." | "Close the open dialog first: Enter confirms, Esc cancels.",
        /// A card read at the login or the lock.
        scan_at_gate: "Tessera letta: prima accedere con la propria password, poi leggere di nuovo la tessera." | "Card read: log in with your password first, then read the card again.",
        k_login: "accedi" | "log in",
    }
    lists {
        role_short: ["segr.", "medico", "amm."] | ["front", "doctor", "admin"],
    }
}

impl ShellStrings {
    pub fn too_small(&self, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
        tr!(
            self.lang,
            "Servono almeno {min_w}×{min_h} caratteri; ora la finestra è {w}×{h}. Ingrandire la finestra o ridurre il carattere."
                | "At least {min_w}×{min_h} characters are needed; the window is {w}×{h}. Enlarge the window or use a smaller font."
        )
    }

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
