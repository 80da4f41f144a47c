//! The texts of the PAI, Italian and English on one line.

use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, Lang, texts, tr};

texts! {
    /// What the screens of this feature read (`Texts::of(env)`): the kit's
    /// texts and the feature's own, in the operator's language.
    pub struct Texts (TEXTS_IT, TEXTS_EN) {
    }
    parts {
        kit: KitStrings = KIT_IT | KIT_EN,
        pai: PaiStrings = PAI_IT | PAI_EN,
    }
}

texts! {
    /// F5, the PAI editor.
    pub struct PaiStrings (PAI_IT, PAI_EN) {
        title_version: "PAI · versione precedente" | "PAI · earlier version",
        // Key labels and names.
        k_new_pai: "Nuovo PAI dai modelli" | "New PAI from templates",
        k_new_version: "Nuova versione" | "New version",
        k_edit_patient: "Modifica scheda" | "Edit record",
        k_add: "Aggiungi" | "Add",
        k_edit: "Modifica" | "Edit",
        k_remove: "Rimuovi" | "Remove",
        k_save: "Salva" | "Save",
        k_share: "Condividi" | "Share",
        k_export: "Esporta" | "Export",
        k_versions: "Versioni" | "Versions",
        k_next_section: "Sezione" | "Section",
        k_prev_section: "Sezione precedente" | "Previous section",
        k_home: "Prima voce" | "First line",
        k_end: "Ultima voce" | "Last line",
        k_tick: "Segna/togli" | "Tick/untick",
        k_done: "Fatto" | "Done",
        // Help sections.
        ctx_pai: "PAI (F5): nessun piano" | "PAI (F5): no plan",
        ctx_bozza: "PAI (F5): bozza" | "PAI (F5): draft",
        ctx_lettura: "PAI (F5): condiviso o concluso, in sola lettura" | "PAI (F5): shared or concluded, read-only",
        k_publish: "pubblicato sul FSE" | "published on the FSE",
        publish_only_shared: "Si registra la pubblicazione sul FSE del PAI condiviso" | "The publication on the FSE is recorded for the shared PAI",
        publish_title: "Pubblicazione sul FSE" | "Publication on the FSE",
        f_publish_author: "Pubblicato da" | "Published by",
        republish: "⚠ modificato dopo la pubblicazione: da ripubblicare" | "⚠ changed after publication: publish again",
        ctx_dopo: "PAI: prestazioni da fare prima" | "PAI: services needed first",
        // Without a plan.
        no_patient: "Nessun paziente selezionato." | "No patient selected.",
        no_gestore: "Il paziente non ha un Gestore: il PAI si prepara dopo la presa in carico." | "The patient has no Gestore: the PAI is prepared after the enrolment.",
        no_pathologies: "Nessuna patologia cronica registrata nella scheda del paziente." | "No chronic pathology on the patient's record.",
        no_plan: "Nessun PAI in uso per questo paziente." | "No PAI in use for this patient.",
        prepare_note: "Le prestazioni e i consigli vengono dai modelli delle patologie (modello da validare dal Clinical Manager); una prestazione comune a più patologie compare una volta sola, alla frequenza più alta." | "Services and advice come from the pathology templates (to be validated by the Clinical Manager); a service shared by several pathologies appears once, at the highest frequency.",
        already_has_pai: "Il paziente ha già un PAI in uso." | "The patient already has a PAI in use.",
        already_draft: "Questa versione è già una bozza: si può modificare." | "This version is already a draft: it can be changed.",
        // The plan.
        clinical_manager: "Clinical Manager" | "Clinical Manager",
        read_only_version: "Versione precedente: in sola lettura." | "Earlier version: read-only.",
        read_only_concluded: "PAI concluso: in sola lettura." | "Concluded PAI: read-only.",
        empty_section_read_only: "Nessuna voce." | "Nothing listed.",
        esterno_short: "(est.)" | "(ext.)",
        col_categoria: "Categoria" | "Category",
        col_descrizione: "Descrizione" | "Description",
        col_frequenza: "Frequenza" | "Frequency",
        col_luogo: "Luogo" | "Where",
        col_preparazione: "Preparazione" | "Preparation",
        col_patologie: "Patologie" | "Pathologies",
        col_occ: "Occ." | "Occ.",
        col_pren: "Pren." | "Book.",
        col_eseg: "Eseg." | "Done",
        col_farmaco: "Farmaco (principio attivo)" | "Drug (active ingredient)",
        col_posologia: "Posologia" | "Dosage",
        col_durata: "Durata" | "Duration",
        col_note: "Note" | "Notes",
        col_tipo: "Tipo" | "Kind",
        col_voce: "Voce" | "Entry",
        col_n: "n." | "no.",
        esenzione: "Esenzione" | "Exemption",
        allergia: "Allergia" | "Allergy",
        // Versions.
        no_versions: "Nessun PAI registrato per questo paziente." | "No PAI stored for this patient.",
        versions_title: "Versioni del PAI" | "PAI versions",
        versions_text: "La più recente in alto. Invio apre la versione in sola lettura." | "Newest first. Enter opens the version read-only.",
        on_screen: "in uso" | "in use",
        // Removing, sharing, exporting.
        nothing_to_remove: "Nessuna voce selezionata da rimuovere." | "No line selected to remove.",
        remove_title: "Rimuovere la voce?" | "Remove the line?",
        share_title: "Condividere il PAI con il paziente?" | "Share the PAI with the patient?",
        share_frozen: "Dopo la condivisione il PAI non si modifica: le modifiche creeranno una nuova versione" | "Once shared the PAI cannot be changed: changes will make a new version",
        share_saves_first: "Le modifiche non ancora salvate vengono salvate prima." | "Changes not yet saved are saved first.",
        share_blocked_title: "Il PAI non si può ancora condividere" | "The PAI cannot be shared yet",
        share_fix: "Completare il piano e riprovare." | "Complete the plan and try again.",
        export_title: "Esporta il PAI" | "Export the PAI",
        export_text: "Il piano in PDF e in FHIR R4 Bundle (JSON), nella cartella indicata." | "The plan as PDF and as FHIR R4 Bundle (JSON), into the folder below.",
        f_folder: "Cartella" | "Folder",
        err_folder_empty: "Indicare la cartella in cui scrivere" | "Give the folder to write into",
        // The row dialog.
        title_new_item: "Nuova prestazione" | "New service",
        title_new_farmaco: "Nuovo farmaco" | "New drug",
        title_edit_farmaco: "Farmaco" | "Drug",
        f_categoria: "Categoria" | "Category",
        f_descrizione: "Descrizione" | "Description",
        f_codice: "Codice prestazione" | "Service code",
        f_frequenza: "Frequenza" | "Frequency",
        f_luogo: "Luogo" | "Where",
        f_risorsa: "Risorsa in sede" | "Resource on site",
        f_erogatore: "Erogatore esterno" | "External provider",
        f_preparazione: "Preparazione" | "Preparation",
        f_dopo: "Dopo i risultati di" | "After the results of",
        f_patologie: "Patologie" | "Pathologies",
        f_note: "Note" | "Notes",
        f_farmaco: "Farmaco" | "Drug",
        f_principio: "Principio attivo" | "Active ingredient",
        f_posologia: "Posologia" | "Dosage",
        f_durata: "Durata" | "Duration",
        f_tipo: "Tipo" | "Kind",
        f_consiglio: "Consiglio" | "Advice",
        f_vaccinazione: "Vaccinazione" | "Vaccination",
        f_voce: "Codice o descrizione" | "Code or description",
        luogo_in_sede: "in sede" | "on site",
        luogo_esterno: "esterno" | "external",
        h_categoria: "Spazio o ←/→ cambiano la categoria." | "Space or ←/→ change the category.",
        h_descrizione: "Il nome della prestazione, es. Emoglobina glicata (HbA1c)." | "The name of the service, e.g. Emoglobina glicata (HbA1c).",
        h_codice: "Codice del nomenclatore, se noto (es. 90.28.1)." | "Nomenclatore code, if known (e.g. 90.28.1).",
        h_frequenza: "Es. 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile." | "Italian, as the desk writes it: 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile.",
        h_luogo: "Spazio o ←/→: in sede (su una risorsa dell'agenda) o esterno (un erogatore)." | "Space or ←/→: on site (a resource of the agenda) or external (a provider).",
        h_risorsa: "Il tipo di risorsa dell'agenda, es. punto prelievi, ambulatorio MMG, ECG." | "The kind of agenda resource, e.g. punto prelievi, ambulatorio MMG, ECG.",
        h_erogatore: "La struttura o la specialità esterna, es. cardiologia." | "The external facility or specialty, e.g. cardiologia.",
        h_preparazione: "Es. a digiuno, primo campione di urine del mattino." | "E.g. a digiuno (fasting), first morning urine sample.",
        h_dopo: "Spazio: scegliere le prestazioni i cui risultati servono prima." | "Space: choose the services whose results are needed first.",
        h_patologie: "I codici delle patologie che la richiedono, separati da virgole (es. 50, 56)." | "The codes of the pathologies that need it, comma separated (e.g. 50, 56).",
        h_note: "Annotazioni per il Clinical Manager e per chi prenota." | "Notes for the Clinical Manager and for whoever books.",
        h_farmaco: "Il nome commerciale, come prescritto." | "The brand name, as prescribed.",
        h_principio: "Il principio attivo (basta uno dei due nomi)." | "The active ingredient (one of the two names is enough).",
        h_posologia: "Es. 1 compressa al mattino." | "E.g. 1 tablet in the morning.",
        h_durata: "Es. continuativa, 3 mesi." | "E.g. ongoing, 3 months.",
        h_note_farmaco: "Annotazioni sulla prescrizione." | "Notes on the prescription.",
        h_tipo: "Spazio o ←/→: esenzione o allergia." | "Space or ←/→: exemption or allergy.",
        h_consiglio: "Un consiglio sullo stile di vita (almeno uno è richiesto per condividere)." | "A lifestyle advice (at least one is needed to share).",
        h_vaccinazione: "Es. antinfluenzale (campagna autunnale), antipneumococcica." | "E.g. influenza (autumn campaign), pneumococcal.",
        h_voce: "Il codice di esenzione (es. 013) o l'allergia (es. penicillina)." | "The exemption code (e.g. 013) or the allergy (e.g. penicillin).",
        err_descrizione: "Indicare la descrizione della prestazione" | "Give the description of the service",
        err_frequenza_vuota: "Indicare la frequenza (es. 4/anno, ogni 6 mesi, una volta)" | "Give the frequency (e.g. 4/anno, ogni 6 mesi, una volta)",
        err_risorsa: "Indicare la risorsa in sede (es. punto prelievi)" | "Give the resource on site (e.g. punto prelievi)",
        err_erogatore: "Indicare l'erogatore esterno (es. cardiologia)" | "Give the external provider (e.g. cardiologia)",
        err_farmaco: "Indicare il farmaco o il principio attivo" | "Give the drug or the active ingredient",
        err_riga: "Il testo è vuoto" | "The text is empty",
        dopo_nessuna: "nessuna (Spazio per scegliere)" | "none (Space to choose)",
        dopo_title: "Dopo i risultati di" | "After the results of",
        dopo_text: "Le prestazioni i cui risultati servono prima:" | "The services whose results are needed first:",
        dopo_empty: "Nessun'altra prestazione nel piano." | "No other service in the plan.",
    }
}

impl PaiStrings {
    /// Under "manca il Clinical Manager" when sharing: where it is set.
    pub fn share_fix_cm(&self, area: &str, key: &str) -> String {
        tr!(
            self.lang,
            "Il Clinical Manager viene dal Patto di Cura firmato: {area} apre il Patto, {key} lo corregge."
                | "The Clinical Manager comes from the signed Care Pact: {area} opens the Pact, {key} corrects it."
        )
    }

    /// The name of a section (its tab).
    pub fn section(&self, section: crate::tui::pai::Section) -> &'static str {
        use crate::tui::pai::Section as S;
        match (self.lang, section) {
            (Lang::It, S::Prestazioni) => "Prestazioni",
            (Lang::It, S::Farmaci) => "Farmaci",
            (Lang::It, S::StileDiVita) => "Stile di vita",
            (Lang::It, S::Vaccinazioni) => "Vaccinazioni",
            (Lang::It, S::EsenzioniAllergie) => "Esenzioni e allergie",
            (Lang::En, S::Prestazioni) => "Services",
            (Lang::En, S::Farmaci) => "Drugs",
            (Lang::En, S::StileDiVita) => "Lifestyle",
            (Lang::En, S::Vaccinazioni) => "Vaccinations",
            (Lang::En, S::EsenzioniAllergie) => "Exemptions and allergies",
        }
    }

    /// A category in full: the choice of the item dialog.
    pub fn categoria(&self, c: crate::domain::pai::Categoria) -> &'static str {
        use crate::domain::pai::Categoria as C;
        match (self.lang, c) {
            (Lang::It, c) => c.label(),
            (Lang::En, C::Visita) => "Visit",
            (Lang::En, C::EsameLaboratorio) => "Laboratory test",
            (Lang::En, C::DiagnosticaStrumentale) => "Instrumental diagnostics",
            (Lang::En, C::PrescrizioneFarmacologica) => "Drug prescription",
            (Lang::En, C::Vaccinazione) => "Vaccination",
            (Lang::En, C::StileDiVita) => "Lifestyle",
            (Lang::En, C::Monitoraggio) => "Monitoring",
        }
    }

    /// A category in a narrow column.
    pub fn categoria_short(&self, c: crate::domain::pai::Categoria) -> &'static str {
        use crate::domain::pai::Categoria as C;
        match (self.lang, c) {
            (Lang::It, C::Visita) => "Visita",
            (Lang::It, C::EsameLaboratorio) => "Laboratorio",
            (Lang::It, C::DiagnosticaStrumentale) => "Strumentale",
            (Lang::It, C::PrescrizioneFarmacologica) => "Farmaci",
            (Lang::It, C::Vaccinazione) => "Vaccinazione",
            (Lang::It, C::StileDiVita) => "Stile di vita",
            (Lang::It, C::Monitoraggio) => "Monitoraggio",
            (Lang::En, C::Visita) => "Visit",
            (Lang::En, C::EsameLaboratorio) => "Laboratory",
            (Lang::En, C::DiagnosticaStrumentale) => "Instrumental",
            (Lang::En, C::PrescrizioneFarmacologica) => "Drugs",
            (Lang::En, C::Vaccinazione) => "Vaccination",
            (Lang::En, C::StileDiVita) => "Lifestyle",
            (Lang::En, C::Monitoraggio) => "Monitoring",
        }
    }

    /// "bozza", "condiviso il 22/11/2026", "concluso il 20/11/2027".
    pub fn state(&self, stato: &crate::domain::pai::PaiStato) -> String {
        use crate::domain::pai::PaiStato;
        let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
        match stato {
            PaiStato::Bozza => tr!(self.lang, "bozza" | "draft"),
            PaiStato::Condiviso { condiviso_il, .. } => tr!(
                self.lang,
                "condiviso il {}" | "shared on {}",
                date(*condiviso_il)
            ),
            PaiStato::Concluso { il, .. } => {
                tr!(self.lang, "concluso il {}" | "concluded on {}", date(*il))
            }
        }
    }

    pub fn version_label(&self, v: u32) -> String {
        tr!(self.lang, "PAI versione {v}" | "PAI version {v}")
    }

    /// "29/04/2026–28/04/2027".
    pub fn range(&self, dal: &str, al: &str) -> String {
        format!("{dal}–{al}")
    }

    pub fn period(&self, dal: &str, al: &str) -> String {
        tr!(
            self.lang,
            "Periodo: dal {dal} al {al}" | "Period: from {dal} to {al}"
        )
    }

    pub fn summary(&self, needed: u32, booked: u32, done: u32) -> String {
        tr!(
            self.lang,
            "occorrenze: {needed} · prenotate: {booked} · eseguite: {done}"
                | "occurrences: {needed} · booked: {booked} · done: {done}"
        )
    }

    pub fn code(&self, code: &str) -> String {
        tr!(self.lang, "cod. {code}" | "code {code}")
    }

    pub fn fix_patient(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: cercare il paziente, poi F5 per il suo PAI"
                | "   → {key}: find the patient, then F5 for their PAI"
        )
    }

    pub fn fix_gestore(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: scegliere il Gestore" | "   → {key}: choose the Gestore"
        )
    }

    pub fn fix_pathologies(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: modificare la scheda del paziente e aggiungere le patologie"
                | "   → {key}: edit the patient record and add the pathologies"
        )
    }

    pub fn fix_prepare(&self, key: &str) -> String {
        tr!(
            self.lang,
            "   → {key}: nuovo PAI dai modelli delle patologie del paziente"
                | "   → {key}: new PAI from the templates of the patient's pathologies"
        )
    }

    pub fn older_versions(&self, n: usize, key: &str) -> String {
        tr!(
            self.lang,
            "Versioni registrate: {n}   → {key}: elenco (in sola lettura)"
                | "Stored versions: {n}   → {key}: list (read-only)"
        )
    }

    pub fn prepared(&self, n: usize, key: &str) -> String {
        tr!(
            self.lang,
            "PAI preparato dai modelli: {n} prestazioni. Controllarle e salvare con {key}."
                | "PAI prepared from the templates: {n} services. Check them and save with {key}."
        )
    }

    pub fn new_version_made(&self, v: u32) -> String {
        tr!(
            self.lang,
            "Nuova versione {v} in bozza; la versione condivisa resta in vigore fino ad allora."
                | "New version {v} as a draft; the shared version stays in force until then."
        )
    }

    pub fn draft_of_version(&self, v: u32) -> String {
        tr!(
            self.lang,
            "! bozza della nuova versione (in vigore la versione {v})"
                | "! draft of the new version (version {v} stays in force)"
        )
    }

    pub fn unsaved(&self, key: &str) -> String {
        tr!(
            self.lang,
            "● modifiche non salvate ({key})" | "● unsaved changes ({key})"
        )
    }

    pub fn read_only_shared(&self, key: &str) -> String {
        tr!(
            self.lang,
            "PAI condiviso: creare una nuova versione ({key}) per modificarlo"
                | "Shared PAI: make a new version ({key}) to change it"
        )
    }

    pub fn empty_section(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Nessuna voce. {key}: aggiungere." | "Nothing listed. {key}: add."
        )
    }

    pub fn nothing_to_edit(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Nessuna voce da modificare: {key} per aggiungerne una."
                | "Nothing to edit: {key} adds a line."
        )
    }

    pub fn changed(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Modifica fatta nel piano: {key} per salvarla." | "Changed in the plan: {key} to save."
        )
    }

    pub fn removed(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Voce rimossa dal piano: {key} per salvare." | "Removed from the plan: {key} to save."
        )
    }

    pub fn remove_question(&self, what: &str) -> String {
        tr!(
            self.lang,
            "Rimuovere «{what}» dal piano?" | "Remove «{what}» from the plan?"
        )
    }

    pub fn remove_dependants(&self, list: &str) -> String {
        tr!(
            self.lang,
            "Non sarà più richiesta prima di: {list}."
                | "It will no longer be required before: {list}."
        )
    }

    pub fn remove_save(&self, key: &str) -> String {
        tr!(
            self.lang,
            "La rimozione diventa definitiva salvando ({key})."
                | "The removal becomes final when saved ({key})."
        )
    }

    pub fn saved(&self, v: u32) -> String {
        tr!(
            self.lang,
            "PAI salvato (bozza, versione {v})." | "PAI saved (draft, version {v})."
        )
    }

    pub fn shared(&self, v: u32, date: &str, key: &str) -> String {
        tr!(
            self.lang,
            "PAI condiviso il {date} (versione {v}). {key}: esportarlo in PDF e FHIR."
                | "PAI shared on {date} (version {v}). {key}: export it as PDF and FHIR."
        )
    }

    pub fn export_save_first(&self, key: &str) -> String {
        tr!(
            self.lang,
            "Ci sono modifiche non salvate: salvare prima con {key}, poi esportare."
                | "There are unsaved changes: save with {key} first, then export."
        )
    }

    pub fn exported(&self, dir: &str, files: &str) -> String {
        tr!(
            self.lang,
            "Scritti in {dir}: {files}" | "Written to {dir}: {files}"
        )
    }

    pub fn err_folder(&self, dir: &str, e: &str) -> String {
        tr!(
            self.lang,
            "Impossibile scrivere nella cartella {dir}: {e}"
                | "Cannot write to the folder {dir}: {e}"
        )
    }

    pub fn title_edit_item(&self, id: u32) -> String {
        tr!(self.lang, "Prestazione n. {id}" | "Service no. {id}")
    }

    pub fn title_riga(&self, section: crate::tui::pai::Section, edit: bool) -> String {
        let name = self.section(section);
        match (self.lang, edit) {
            (Lang::It, false) => format!("{name}: nuova voce"),
            (Lang::It, true) => format!("{name}: modifica"),
            (Lang::En, false) => format!("{name}: new line"),
            (Lang::En, true) => format!("{name}: edit"),
        }
    }

    /// The frequency as the plan will count it.
    pub fn read_as(&self, label: &str) -> String {
        tr!(self.lang, "Letta come: {label}" | "Read as: {label}")
    }

    pub fn publish_text(&self, day: &str) -> String {
        tr!(
            self.lang,
            "Registra che il PAI è stato pubblicato oggi ({day}) sul Fascicolo Sanitario Elettronico del paziente. sportello non lo invia: la pubblicazione si fa dal programma del medico."
                | "Records that the PAI was published today ({day}) on the patient's Electronic Health Record (FSE). sportello does not send it: it is published from the doctor's software."
        )
    }

    pub fn published(&self, day: &str, author: &str) -> String {
        tr!(
            self.lang,
            "Pubblicazione sul FSE registrata: {day}, {author}"
                | "Publication on the FSE recorded: {day}, {author}"
        )
    }

    pub fn published_on(&self, day: &str, author: &str) -> String {
        tr!(
            self.lang,
            "FSE: pubblicato il {day} da {author}" | "FSE: published on {day} by {author}"
        )
    }

    pub fn not_published(&self, key: &str) -> String {
        tr!(
            self.lang,
            "FSE: non pubblicato ({key})" | "FSE: not published ({key})"
        )
    }
}
