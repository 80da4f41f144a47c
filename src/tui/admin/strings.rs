//! The texts of Amministrazione, Italian and English on one line.

use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, Lang, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        admin: AdminStrings = ADMIN_IT | ADMIN_EN,
        agenda_admin: AgendaAdminStrings = AGENDA_ADMIN_IT | AGENDA_ADMIN_EN,
        access: AccessStrings = ACCESS_IT | ACCESS_EN,
    }
}

texts! {
    /// Amministrazione (F11): the menu, importing the ATS lists, the import
    /// history, the practice set-up, the stored Gestori.
    pub struct AdminStrings (ADMIN_IT, ADMIN_EN) {
        // Amministrazione.
        title_admin: "Amministrazione" | "Administration",
        admin_intro: "↑↓ per scegliere la sezione, Invio per aprirla, Esc per tornare." | "↑↓ to pick a section, Enter to open it, Esc to go back.",
        sec_import: "Importa elenco Gestori" | "Import list of Gestori",
        sec_import_mmg: "Importa MMG aderenti" | "Import adhering GPs",
        sec_import_mmg_text: "Legge l'elenco degli MMG aderenti pubblicato dall'ATS (CSV o XLSX) e imposta le adesioni dello Studio: anteprima di quelle aggiunte, cambiate e tolte, poi conferma." | "Reads the list of adhering GPs (MMG aderenti) published by the ATS (CSV or XLSX) and sets the Practice's adhesions: preview of those added, changed and removed, then confirm.",
        mmg_intro: "Il file dell'elenco degli MMG aderenti pubblicato dall'ATS (medico, Gestore; codice fiscale e codice regionale se presenti): CSV o XLSX. I Gestori devono essere già in archivio (Importa elenco Gestori). Prima di scrivere si vede l'anteprima." | "The file of the list of adhering GPs published by the ATS (doctor, Gestore; codice fiscale and regional code when present): CSV or XLSX. The Gestori must already be stored (Import list of Gestori). A preview comes before anything is written.",
        h_ats_mmg: "Il codice (030321-030328) o il nome dell'ATS dell'elenco: si cercano solo i suoi Gestori, e si tolgono solo le adesioni ai suoi Gestori. Vuoto: tutte le ATS in archivio." | "Code (030321-030328) or name of the list's ATS: only its Gestori are matched, and only adhesions to its Gestori are removed. Empty: every ATS stored.",
        mmg_all_ats: "tutte le ATS in archivio" | "every ATS stored",
        mmg_preview_note: "Anteprima: nulla è ancora scritto. Ctrl+S imposta le adesioni in Studio, Esc annulla." | "Preview: nothing written yet. Ctrl+S sets the adhesions in the Practice, Esc cancels.",
        c_changed: "Cambiati" | "Changed",
        c_removed: "Tolti" | "Removed",
        sec_import_text: "Legge l'elenco dei Gestori idonei pubblicato dall'ATS (CSV o XLSX): anteprima delle righe riconosciute e scartate, poi conferma." | "Reads the list of eligible Gestori published by the ATS (CSV or XLSX): preview of the rows recognised and rejected, then confirm.",
        sec_primarie: "Patologie primarie per ATS" | "Primary pathologies by ATS",
        sec_primarie_text: "Le patologie che ogni ATS ammette come primarie (nessun codice: tutte). ↑↓ sceglie l'ATS, Ctrl+S salva i codici; un file ats;codice si importa dal secondo campo con Invio." | "The pathologies each ATS allows as primary (no code: any). ↑↓ picks the ATS, Ctrl+S saves the codes; a file ats;codice is imported from the second field with Enter.",
        col_primarie: "Patologie primarie ammesse" | "Primary pathologies allowed",
        primarie_any: "tutte" | "any",
        f_primarie_codes: "Codici ammessi" | "Codes allowed",
        f_primarie_file: "File ats;codice" | "File ats;codice",
        primarie_no_file: "Scrivere il percorso del file da importare (colonne ats;codice)." | "Type the path of the file to import (columns ats;codice).",
        k_primarie_save: "salva i codici" | "save the codes",
        k_primarie_enter: "salva / importa" | "save / import",
        ctx_primarie: "Amministrazione · Patologie primarie per ATS" | "Administration · Primary pathologies by ATS",
        sec_history: "Storico importazioni" | "Import log",
        sec_history_text: "Le importazioni fatte: data, file, ATS, conteggi, operatore." | "The imports made: date, file, ATS, counts, operator.",
        sec_studio: "Studio" | "Practice",
        sec_studio_text: "Nome e comune dello studio, i medici (MMG) e il Gestore a cui aderiscono, i canali di arruolamento attivi, la stampante del Patto." | "Name and comune of the practice, its doctors (MMG) and the Gestore they adhere to, the enrolment channels switched on, the Pact's printer.",
        sec_gestori: "Elenco Gestori" | "List of Gestori",
        sec_gestori_text: "Tutti i Gestori in archivio, di ogni ATS, compresi quelli non più idonei e quelli di esempio (fittizi)." | "Every stored Gestore of every ATS, including those no longer eligible and the (fictional) samples.",
        // Import.
        import_intro: "Il file dell'elenco dei Gestori idonei pubblicato dall'ATS: CSV (anche da Excel) o XLSX. Prima di scrivere si vede l'anteprima." | "The file of the list of eligible Gestori published by the ATS: CSV (also from Excel) or XLSX. A preview comes before anything is written.",
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
        c_no_longer: "Non più idonei" | "No longer eligible",
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
        idoneo: "idoneo" | "eligible",
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
        d_prese: "Prese in carico attive" | "Active enrolments",
        d_sample: "Dato di esempio fornito con il programma, non un soggetto reale" | "Sample data shipped with the program, not a real subject",
        // Studio.
        f_practice_name: "Nome dello studio" | "Practice name",
        f_practice_comune: "Comune" | "Comune",
        f_printer: "Stampante" | "Printer",
        h_printer: "Dove si stampa il Patto: il nome di una stampante del sistema (es. patto), «predefinita», o «nessuna» per il solo file PDF in stampe." | "Where the Pact is printed: a system printer's name (e.g. patto), «predefinita», or «nessuna» for the PDF file in stampe only.",
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
        adesione_text: "Il Gestore (cooperativa) a cui il medico aderisce: i suoi pazienti lo troveranno per primo in F3. Elenco dei Gestori idonei in archivio." | "The Gestore (cooperative) the doctor adheres to: their patients see it first in F3. Stored list of eligible Gestori.",
        gestore_missing: "Gestore non più in archivio" | "Gestore no longer stored",
        comune_unknown: "comune sconosciuto" | "unknown comune",
        mifs_on_note: " — attivata (non ancora operativa in Lombardia)" | " — on (not yet operating in Lombardy)",
        mifs_off_note: " — non ancora attiva (attivabile)" | " — not yet active (can be switched on)",
        mifs_switched_on: "Canale MIFS attivato: non è ancora operativo in Lombardia. Ctrl+S per salvare." | "MIFS channel switched on: it is not yet operating in Lombardy. Ctrl+S to save.",
        err_practice_name: "Il nome dello studio è obbligatorio" | "The practice name is required",
        practice_saved: "Studio salvato" | "Practice saved",
        ctx_admin: "Amministrazione (F11 o Alt+9)" | "Administration (F11 or Alt+9)",
        ctx_admin_gestore: "Un Gestore dell'elenco, per intero" | "One Gestore of the list, in full",
        ctx_admin_gestori: "Elenco Gestori in archivio" | "Stored list of Gestori",
        ctx_admin_history: "Storico importazioni" | "Import log",
        ctx_admin_import: "Importa elenco Gestori" | "Import a list of Gestori",
        ctx_admin_preview: "Anteprima dell'importazione" | "Import preview",
        ctx_admin_studio: "Studio: medici, adesioni e canali" | "Practice: doctors, adesioni and channels",
        k_cancel_import: "Annulla (nulla scritto)" | "Cancel (nothing written)",
        k_complete: "Completa / campo succ." | "Complete / next field",
        k_detail: "Dettaglio" | "Details",
        k_import: "Importa" | "Import",
        k_next: "Successivo" | "Next",
        k_open_section: "Apri" | "Open",
        k_previous: "Precedente" | "Previous",
        k_read_file: "Leggi il file" | "Read the file",
        k_remove_mmg: "Togli MMG" | "Remove GP",
        k_studio_enter: "Adesione/aggiungi/attiva" | "Adesione/add/switch",
        k_to_list: "Elenco" | "List",
        k_toggle_channel: "Attiva o disattiva" | "Switch on or off",
    }
}

impl AdminStrings {
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
                | "{shown} of {total} stored Gestori ({idonei} eligible; nothing is deleted)"
        )
    }

    pub fn non_idoneo_since(&self, date: &str) -> String {
        tr!(
            self.lang,
            "non più idoneo dal {date}" | "no longer eligible since {date}"
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
                | "Import recorded: {added} new, {updated} updated, {no_longer} no longer eligible."
        )
    }

    pub fn mmg_done(&self, added: usize, changed: usize, removed: usize) -> String {
        tr!(
            self.lang,
            "Adesioni impostate in Studio: {added} aggiunte, {changed} cambiate, {removed} tolte"
                | "Adhesions set in the Practice: {added} added, {changed} changed, {removed} removed"
        )
    }

    pub fn s_mmg_changed(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Adesione cambiata ({n})" | "Adhesion changed ({n})"
        )
    }

    pub fn s_mmg_removed(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Non più nell'elenco: adesione tolta ({n})"
                | "No longer on the list: adhesion removed ({n})"
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
                | "Will become no longer eligible ({n}): missing from the new list"
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
    /// Amministrazione: agenda resources, closures, appointments outside
    /// availability.
    pub struct AgendaAdminStrings (AGENDA_ADMIN_IT, AGENDA_ADMIN_EN) {
        ctx_risorse: "Risorse agenda e fasce" | "Agenda resources and time ranges",
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
        k_switch: "risorse/fasce" | "resources/time ranges",
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
        resource_intro: "Spazio o ←/→ cambiano il tipo e lo stato; il tipo collega la risorsa alle prestazioni dei PAI." | "Space or ←/→ change kind and state; the kind links the resource to the PAI services.",
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
        closure_intro: "Un giorno: solo «Dal». Più giorni: «Dal» e «Al». Parte di un giorno: «Dal» con «Dalle» e «Alle». Spazio o ←/→ cambiano la risorsa." | "One day: \"From\" only. Several days: \"From\" and \"To\". Part of a day: \"From\" with \"From time\" and \"To time\". Space or ←/→ change the resource.",
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
            "Le fasce orarie di «{from}» sostituiranno quelle della risorsa scelta. Spazio o ←/→ cambiano la risorsa."
                | "The time ranges of \"{from}\" will replace those of the chosen resource. Space or ←/→ change the resource."
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
    /// Amministrazione: operators, the access log, backup and check of the
    /// store (and the operator fields the login shares).
    pub struct AccessStrings (ACCESS_IT, ACCESS_EN) {
        k_add: "nuovo operatore" | "new operator",
        k_role: "cambia ruolo" | "change role",
        k_toggle_active: "disattiva/riattiva" | "disable/enable",
        k_password: "nuova password" | "new password",
        k_search: "applica i filtri" | "apply the filters",
        k_older: "più vecchie" | "older",
        k_newer: "più recenti" | "newer",
        f_username: "Nome utente" | "User name",
        f_password: "Password" | "Password",
        f_password2: "Ripeti la password" | "Repeat the password",
        f_role: "Ruolo" | "Role",
        err_mismatch: "Le due password non coincidono." | "The two passwords differ.",
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
        ctx_archivio: "Amministrazione · Backup e controllo" | "Administration · Backup and check",
        ctx_audit: "Amministrazione · Registro accessi" | "Administration · Access log",
        ctx_operators: "Amministrazione · Operatori" | "Administration · Operators",
    }
    lists {
        role_names: ["segreteria", "medico", "amministratore"] | ["front desk", "doctor", "administrator"],
    }
}

impl AdminStrings {
    pub fn primarie_saved(&self, ats: &str) -> String {
        tr!(
            self.lang,
            "Patologie primarie di {ats} salvate" | "Primary pathologies of {ats} saved"
        )
    }

    pub fn primarie_imported(&self, n: usize) -> String {
        tr!(
            self.lang,
            "Tabella importata: {n} ATS con patologie primarie ristrette"
                | "Table imported: {n} ATS with restricted primary pathologies"
        )
    }
}

impl AccessStrings {
    // Asked at the first start too: the text is the kit's.
    pub fn min_length(&self, n: usize) -> String {
        KitStrings::for_lang(self.lang).min_length(n)
    }

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

    pub fn page(&self, first: u64, last: u64, total: u64) -> String {
        tr!(
            self.lang,
            "voci {first}–{last} (numerazione) di {total}"
                | "entries {first}–{last} (numbering) of {total}"
        )
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
    }
}
