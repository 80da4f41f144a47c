//! Store and backup failures as the operator reads them, with the way out
//! (restore the newest automatic backup).

use std::path::Path;

use super::Lang;
use super::errors::{dmy_hm, field_en};
use crate::service::StoreProblem;
use crate::service::error::BackupProblem;

/// Picks the text of `lang`; each branch formats only its own text.
macro_rules! tr {
    ($lang:expr, $it:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::It => $it,
            Lang::En => $en,
        }
    };
}

/// What to do after a store failure: restore the newest automatic backup.
fn restore_hint(lang: Lang, dir: &Path, backup: Option<&Path>) -> String {
    let d = dir.display();
    match backup {
        Some(f) => {
            let f = f.display();
            tr!(
                lang,
                format!(
                    "Ripristinare l'ultimo backup automatico, {f}, con: sportello --data-dir {d} restore {f} (se anche quello non va, il precedente nella stessa cartella)."
                ),
                format!(
                    "Restore the newest automatic backup, {f}, with: sportello --data-dir {d} restore {f} (if that fails too, the one before it in the same folder)."
                ),
            )
        }
        None => {
            let b = dir.join("backup");
            let b = b.display();
            tr!(
                lang,
                format!(
                    "Nessun backup automatico in {b}: ripristinare l'ultimo backup fatto a mano con: sportello --data-dir {d} restore FILE"
                ),
                format!(
                    "No automatic backup in {b}: restore the newest backup made by hand with: sportello --data-dir {d} restore FILE"
                ),
            )
        }
    }
}

fn way_out(lang: Lang, dir: &Path, backup: Option<&Path>) -> String {
    let hint = restore_hint(lang, dir, backup);
    let d = dir.display();
    tr!(
        lang,
        format!(
            "Chiudere sportello e controllare l'archivio con: sportello --data-dir {d} check. Se segnala problemi: {hint}"
        ),
        format!(
            "Close sportello and check the store with: sportello --data-dir {d} check. If it reports problems: {hint}"
        ),
    )
}

pub(super) fn store(lang: Lang, p: &StoreProblem) -> String {
    use StoreProblem as P;
    match p {
        P::Locked { dir } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("L'archivio in {dir} è già aperto da un altro programma sportello. Chiudere l'altra finestra e riprovare."),
                format!("The store in {dir} is already open in another sportello program. Close the other window and try again."),
            )
        }
        P::Served { dir, port, host } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("Archivio in uso da sportello serve: collegarsi con ssh -p {port} utente@{host} (l'archivio in {dir} è aperto dal server delle postazioni)"),
                format!("Store in use by sportello serve: connect with ssh -p {port} user@{host} (the store in {dir} is open in the desks' server)"),
            )
        }
        P::PermissionDenied { dir } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("Permesso negato sulla cartella dei dati {dir}: servono i permessi di scrittura."),
                format!("Permission denied on the data folder {dir}: write permission is needed."),
            )
        }
        P::ReadOnly { dir } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("La cartella dei dati {dir} è su un disco in sola lettura: sportello deve poterci scrivere. Controllare il disco (o chiedere all'amministratore) e riprovare."),
                format!("The data folder {dir} is on a read-only disk: sportello must be able to write there. Check the disk (or ask the administrator) and try again."),
            )
        }
        P::DiskFull { dir } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("Il disco della cartella dei dati {dir} è pieno: liberare spazio e riaprire sportello. I dati già salvati restano; l'operazione in corso potrebbe non essere stata registrata: ricontrollarla dopo la riapertura."),
                format!("The disk of the data folder {dir} is full: free some space and open sportello again. The data already saved stays; the operation under way may not have been recorded: check it again after reopening."),
            )
        }
        P::Missing { dir } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("La cartella dei dati {dir} non contiene un archivio di sportello: controllare il percorso (o che il disco esterno sia collegato)."),
                format!("The data folder {dir} holds no sportello store: check the path (or that the external disk is connected)."),
            )
        }
        P::Directory { dir, reason } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("Impossibile usare la cartella dei dati {dir}: {reason}"),
                format!("The data folder {dir} cannot be used: {reason}"),
            )
        }
        P::Engine {
            dir,
            detail,
            backup,
        } => {
            let out = way_out(lang, dir, backup.as_deref());
            let dir = dir.display();
            tr!(
                lang,
                format!("Errore dell'archivio in {dir}: per sicurezza non verrà scritto altro; i dati già salvati restano. {out} (dettaglio tecnico: {detail})"),
                format!("Store error in {dir}: for safety nothing more will be written; the data already saved stays. {out} (technical detail: {detail})"),
            )
        }
        P::Failed { dir, backup } => {
            let out = way_out(lang, dir, backup.as_deref());
            tr!(
                lang,
                format!("L'archivio ha avuto un errore grave in questa sessione: non si scrive altro. Chiudere sportello. {out}"),
                format!("The store had a serious error in this session: nothing more is written. Close sportello. {out}"),
            )
        }
        P::Damaged {
            dir,
            detail,
            backup,
        } => {
            let hint = restore_hint(lang, dir, backup.as_deref());
            let dir = dir.display();
            tr!(
                lang,
                format!("L'archivio in {dir} è danneggiato: sportello non lo usa, per non perdere altri dati. {hint} (dettaglio tecnico: {detail})"),
                format!("The store in {dir} is damaged: sportello does not use it, so as not to lose more data. {hint} (technical detail: {detail})"),
            )
        }
        P::Corrupt { tree, key, reason } => tr!(
            lang,
            format!("Record danneggiato nell'archivio {tree} (chiave {key}): {reason}"),
            format!("Damaged record in the store's {tree} (key {key}): {reason}"),
        ),
        P::UnfinishedLoad {
            dir,
            demo: true,
            ..
        } => {
            let d = dir.display();
            tr!(
                lang,
                format!("Il caricamento dei pazienti dimostrativi in {d} non è finito (interrotto o disco pieno): l'archivio dimostrativo è incompleto e non si usa. Cancellare la cartella {d} e ripetere: sportello --data-dir {d} demo"),
                format!("Loading the demonstration patients into {d} did not finish (interrupted or disk full): the demonstration store is incomplete and is not used. Delete the folder {d} and repeat: sportello --data-dir {d} demo"),
            )
        }
        P::UnfinishedLoad {
            dir,
            demo: false,
            backup,
        } => {
            let hint = restore_hint(lang, dir, backup.as_deref());
            let d = dir.display();
            tr!(
                lang,
                format!("Un caricamento di dati in {d} non è finito (interrotto o disco pieno): l'archivio è incompleto e non si usa. {hint}"),
                format!("A data load into {d} did not finish (interrupted or disk full): the store is incomplete and is not used. {hint}"),
            )
        }
        P::NewerFormat { dir, found } => {
            let dir = dir.display();
            tr!(
                lang,
                format!("L'archivio in {dir} è stato scritto da una versione più recente di sportello (formato {found}): aggiornare il programma."),
                format!("The store in {dir} was written by a newer version of sportello (format {found}): update the program."),
            )
        }
        P::Encode(d) => tr!(
            lang,
            format!("Errore di codifica del record: {d}"),
            format!("Error encoding the record: {d}"),
        ),
        P::DuplicateCf(cf) => tr!(
            lang,
            format!("Esiste già un paziente con codice fiscale {cf}"),
            format!("A patient with codice fiscale {cf} exists already"),
        ),
        P::PatientNotFound(id) => tr!(
            lang,
            format!("Paziente {id} non trovato"),
            format!("Patient {id} not found"),
        ),
        P::AlreadyInCharge(id) => tr!(
            lang,
            format!("Il paziente è già in carico a un Gestore (presa in carico {id}): revocarla prima di sceglierne un altro"),
            format!("The patient is already in the care of a Gestore (presa in carico {id}): revoke it before choosing another one"),
        ),
        P::PresaNotFound(id) => tr!(
            lang,
            format!("Presa in carico {id} non trovata"),
            format!("Presa in carico {id} not found"),
        ),
        P::PresaNotActive(id) => tr!(
            lang,
            format!("La presa in carico {id} è già revocata"),
            format!("The presa in carico {id} is already revoked"),
        ),
        P::PattoNotFound(id) => tr!(
            lang,
            format!("Patto di Cura {id} non trovato"),
            format!("Patto di Cura {id} not found"),
        ),
        P::PattoSigned(id) => tr!(
            lang,
            format!("Il Patto di Cura {id} è già firmato: il testo firmato non si modifica"),
            format!("The Patto di Cura {id} is already signed: the signed text is not changed"),
        ),
        P::PattoConcurrent { firmato, .. } => match (lang, firmato) {
            (Lang::It, true) => "Un altro sportello ha appena firmato il Patto di questa presa in carico: riaprire F4".into(),
            (Lang::It, false) => "Un altro sportello ha appena preparato il Patto di questa presa in carico: riaprire F4".into(),
            (Lang::En, true) => "Another desk just signed the Patto of this presa in carico: open F4 again".into(),
            (Lang::En, false) => "Another desk just prepared the Patto of this presa in carico: open F4 again".into(),
        },
        P::ChangedMeanwhile { fields } => {
            let fields = match lang {
                Lang::It => fields.join(", "),
                Lang::En => fields.iter().map(|f| field_en(f)).collect::<Vec<_>>().join(", "),
            };
            tr!(
                lang,
                format!("Nel frattempo un altro sportello ha modificato: {fields}. Riaprire la scheda per vedere i dati attuali; le modifiche fatte qui restano nel modulo."),
                format!("Meanwhile another desk changed: {fields}. Open the record again to see the current data; the changes made here stay in the form."),
            )
        }
        P::PaiFrozen(id) => tr!(
            lang,
            format!("Il PAI {id} è condiviso o concluso: per cambiarlo creare una nuova versione"),
            format!("The PAI {id} is shared or closed: to change it create a new version"),
        ),
        P::AppointmentNotFound(id) => tr!(
            lang,
            format!("Appuntamento {id} non trovato"),
            format!("Appointment {id} not found"),
        ),
        P::AppointmentCancelled(id) => tr!(
            lang,
            format!("L'appuntamento {id} è annullato: prenotarne uno nuovo"),
            format!("The appointment {id} is cancelled: book a new one"),
        ),
        P::SlotFull { start, .. } => {
            let start = dmy_hm(*start);
            tr!(
                lang,
                format!("Un altro sportello ha appena preso l'ultimo posto delle {start}: scegliere un altro orario (o forzare con un motivo)"),
                format!("Another desk just took the last place at {start}: choose another time (or force it with a reason)"),
            )
        }
        P::DuplicateOperator(name) => tr!(
            lang,
            format!("Esiste già un operatore con nome utente {name}: sceglierne un altro"),
            format!("An operator with user name {name} exists already: choose another one"),
        ),
        P::OperatorNotFound(id) => tr!(
            lang,
            format!("Operatore {id} non trovato"),
            format!("Operator {id} not found"),
        ),
        P::LastAdmin => tr!(
            lang,
            "Deve restare almeno un amministratore attivo: crearne un altro prima",
            "At least one active administrator must remain: create another one first"
        )
        .into(),
    }
}

pub(super) fn backup(lang: Lang, p: &BackupProblem) -> String {
    use BackupProblem as B;
    match p {
        B::Foreign(f) => {
            let f = f.display();
            tr!(
                lang,
                format!("Il file {f} non è un backup di sportello"),
                format!("The file {f} is not a sportello backup"),
            )
        }
        B::NewerFormat(f, n) => {
            let f = f.display();
            tr!(
                lang,
                format!("Il backup {f} è di una versione più recente di sportello (formato {n})"),
                format!("The backup {f} is from a newer version of sportello (format {n})"),
            )
        }
        B::Damaged { path, reason } => {
            let f = path.display();
            tr!(
                lang,
                format!("Il backup {f} è danneggiato: {reason}"),
                format!("The backup {f} is damaged: {reason}"),
            )
        }
        B::Io { path, reason } => {
            let f = path.display();
            tr!(
                lang,
                format!("Errore di lettura o scrittura su {f}: {reason}"),
                format!("Read or write error on {f}: {reason}"),
            )
        }
        B::WrongPassphrase(f) => {
            let f = f.display();
            tr!(
                lang,
                format!(
                    "Passphrase errata per il backup {f}: il backup non è stato aperto e l'archivio non è stato toccato."
                ),
                format!(
                    "Wrong passphrase for the backup {f}: the backup was not opened and the store was not touched."
                ),
            )
        }
        B::Crypto(d) => tr!(
            lang,
            format!("Cifratura o decifratura del backup non riuscita: {d}"),
            format!("Encrypting or decrypting the backup failed: {d}"),
        ),
        B::InsideDataDir { dest, data } => {
            let (dest, data) = (dest.display(), data.display());
            tr!(
                lang,
                format!(
                    "La destinazione {dest} è dentro la cartella dei dati {data}: il backup sostituirebbe i file dell'archivio. Scegliere un file fuori dalla cartella dei dati (per esempio su una chiavetta); i backup automatici sono già nella sua cartella \"backup\"."
                ),
                format!(
                    "The destination {dest} is inside the data folder {data}: the backup would replace the store's files. Choose a file outside the data folder (on a memory stick, for example); the automatic backups are already in its \"backup\" folder."
                ),
            )
        }
        B::IsFolder(f) => {
            let f = f.display();
            tr!(
                lang,
                format!("{f} è una cartella: indicare il nome del file di backup da scrivere."),
                format!("{f} is a folder: give the name of the backup file to write."),
            )
        }
        B::NotABackup(f) => {
            let f = f.display();
            tr!(
                lang,
                format!(
                    "Il file {f} esiste e non è un backup di sportello: non viene sovrascritto. Scegliere un altro nome."
                ),
                format!(
                    "The file {f} exists and is not a sportello backup: it is not overwritten. Choose another name."
                ),
            )
        }
        B::AlreadyExists(f) => {
            let f = f.display();
            tr!(
                lang,
                format!(
                    "Il backup {f} esiste già: per sostituirlo ripetere il comando con --sovrascrivi."
                ),
                format!(
                    "The backup {f} exists already: to replace it repeat the command with --sovrascrivi."
                ),
            )
        }
        B::ExcessiveWork { path, work, max } => {
            let f = path.display();
            tr!(
                lang,
                format!(
                    "Il backup cifrato {f} chiede un costo di decifratura eccessivo (scrypt 2^{work}, il massimo accettato è 2^{max}): non viene aperto. sportello non cifra mai così: il file è stato alterato o non è un backup di sportello."
                ),
                format!(
                    "The encrypted backup {f} asks for an excessive decryption cost (scrypt 2^{work}, the most accepted is 2^{max}): it is not opened. sportello never encrypts so: the file was altered or is not a sportello backup."
                ),
            )
        }
        B::RestoreInProgress(d) => {
            let d = d.display();
            tr!(
                lang,
                format!(
                    "Un altro ripristino è in corso in {d}: attendere che finisca e riprovare."
                ),
                format!(
                    "Another restore is under way in {d}: wait for it to finish and try again."
                ),
            )
        }
    }
}
