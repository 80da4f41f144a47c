//! Every text the command line prints, one line per text with the Italian
//! and the English side by side; the commands print only through these.
//! The service's errors come from `sportello::texts::error`, the domain's
//! values from `sportello::texts::label`.

use std::fmt::Display;

use sportello::domain::audit::BreakReason;
use sportello::service::arruolabili::{ImportLog, ImportPlan, RowProblem, RowWarning};
use sportello::domain::integrity::CheckProblem;
use sportello::service::gestori::ImportError;

pub use sportello::texts::Lang;

/// A text with values in it, built only in `lang`:
/// `tr!(lang, "{n} pazienti" | "{n} patients")`.
macro_rules! tr {
    ($lang:expr, $it:literal | $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            Lang::It => format!($it $(, $arg)*),
            Lang::En => format!($en $(, $arg)*),
        }
    };
}

/// A fixed text in `lang`.
const fn pick(lang: Lang, it: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::It => it,
        Lang::En => en,
    }
}

// Shared.
pub fn error_word(l: Lang) -> &'static str { pick(l, "Errore", "Error") }
pub fn no_patient_cf(l: Lang, cf: &str) -> String { tr!(l, "Nessun paziente con codice fiscale {cf}" | "No patient with codice fiscale {cf}") }
pub fn cannot_write(l: Lang, file: impl Display, e: impl Display) -> String { tr!(l, "Impossibile scrivere {file}: {e}" | "Cannot write {file}: {e}") }
pub fn cannot_write_into(l: Lang, dir: impl Display, e: impl Display) -> String { tr!(l, "Impossibile scrivere in {dir}: {e}" | "Cannot write into {dir}: {e}") }
pub fn cannot_read(l: Lang, file: impl Display, e: impl Display) -> String { tr!(l, "Impossibile leggere {file}: {e}" | "Cannot read {file}: {e}") }
pub fn terminal_error(l: Lang, e: impl Display) -> String { tr!(l, "Errore del terminale: {e}" | "Terminal error: {e}") }
pub fn interrupted(l: Lang) -> &'static str { pick(l, "interrotto", "interrupted") }
pub fn confirm_word(l: Lang) -> &'static str { pick(l, "SI", "YES") }
pub fn date_format(l: Lang, text: &str) -> String { tr!(l, "Data non valida: {text} (scrivere gg/mm/aaaa, con l'anno di quattro cifre, per esempio 01/01/2026)" | "Date not valid: {text} (write dd/mm/yyyy, with a four-digit year, for example 01/01/2026)") }
pub fn date_nonexistent(l: Lang, text: &str) -> String { tr!(l, "Data inesistente: {text}" | "No such date: {text}") }
pub fn thousands_separator(l: Lang) -> char { match l { Lang::It => '.', Lang::En => ',' } }
pub fn patients_word(l: Lang, n: u64) -> &'static str { if n == 1 { pick(l, "paziente", "patient") } else { pick(l, "pazienti", "patients") } }
pub fn operators_word(l: Lang, n: u64) -> &'static str { if n == 1 { pick(l, "operatore", "operator") } else { pick(l, "operatori", "operators") } }

// Opening the store.
pub fn upgrade_notice(l: Lang) -> &'static str { pick(l, "Aggiornamento dell'archivio scritto da una versione precedente di sportello (indici dei nomi): può richiedere qualche secondo, non chiudere il programma.", "Updating a store written by an earlier version of sportello (name indexes): this can take a few seconds, do not close the program.") }
pub fn auto_backup_failed(l: Lang, reason: &str) -> String { tr!(l, "Attenzione: backup automatico non riuscito ({reason}). Si può lavorare; avvisare l'amministratore." | "Warning: the automatic backup failed ({reason}). Work can go on; tell the administrator.") }
pub fn auto_backup_written(l: Lang, file: impl Display) -> String { tr!(l, "Backup automatico del giorno: {file}" | "Automatic backup of the day: {file}") }
pub fn auto_backup_anchor(l: Lang, a: &str) -> String { tr!(l, " (ancora del registro: {a})" | " (audit trail anchor: {a})") }
pub fn set_aside_pruned(l: Lang, days: usize, path: impl Display) -> String { tr!(l, "Rimosso l'archivio messo da parte da un ripristino più di {days} giorni fa: {path}" | "Removed the store set aside by a restore more than {days} days ago: {path}") }

// serve.
pub fn host_key_created(l: Lang, path: impl Display) -> String { tr!(l, "Chiave del server creata: {path}" | "Server key created: {path}") }
pub fn no_operators(l: Lang) -> &'static str { pick(l, "Nessun operatore nell'archivio: creare prima l'amministratore, con sportello operator add NOME --role amministratore (o avviando sportello su questo computer).", "No operator in the store: first create the administrator, with sportello operator add NAME --role amministratore (or by starting sportello on this computer).") }
pub fn serve_cannot_start(l: Lang, listen: impl Display, e: impl Display) -> String { tr!(l, "Errore: impossibile avviare il server su {listen}: {e}" | "Error: cannot start the server on {listen}: {e}") }
pub fn serve_listening(l: Lang, addr: impl Display, dir: impl Display) -> String { tr!(l, "sportello serve: in ascolto su {addr}, archivio {dir}" | "sportello serve: listening on {addr}, store {dir}") }
pub fn serve_fingerprint(l: Lang, f: impl Display) -> String { tr!(l, "Impronta della chiave del server (da confrontare al primo collegamento): {f}" | "Fingerprint of the server key (to compare at the first connection): {f}") }
pub fn serve_connect(l: Lang, port: u16, host: impl Display) -> String { tr!(l, "Collegarsi da ogni postazione con: ssh -p {port} utente@{host}" | "Connect from every desk with: ssh -p {port} user@{host}") }
pub fn serve_how_to_stop(l: Lang) -> &'static str { pick(l, "Per chiudere: Ctrl+C (o SIGTERM).", "To stop: Ctrl+C (or SIGTERM).") }
pub fn serve_closed(l: Lang) -> &'static str { pick(l, "Server chiuso: archivio salvato e rilasciato.", "Server closed: store saved and released.") }
pub fn serve_close_error(l: Lang, e: impl Display) -> String { tr!(l, "Errore alla chiusura del server: {e}" | "Error while closing the server: {e}") }

// demo, plan, compatta.
pub fn demo_progress(l: Lang, done: usize, total: usize) -> String { tr!(l, "Pazienti creati: {done}/{total}" | "Patients created: {done}/{total}") }
pub fn demo_done(l: Lang, done: usize, secs: f64, dir: impl Display) -> String { tr!(l, "Creati {done} pazienti dimostrativi in {secs:.1} s nell'archivio {dir}" | "Created {done} demo patients in {secs:.1} s in the store {dir}") }
pub fn plan_progress(l: Lang, done: usize, total: usize) -> String { tr!(l, "\rPAI pianificati: {done}/{total}" | "\rPAI planned: {done}/{total}") }
pub fn plan_done(l: Lang, plans: usize, appointments: usize, unplaced: usize, secs: f64) -> String { tr!(l, "Pianificati {plans} PAI: {appointments} appuntamenti, {unplaced} occorrenze senza posto, in {secs:.1} s" | "Planned {plans} PAI: {appointments} appointments, {unplaced} occurrences without a slot, in {secs:.1} s") }
pub fn rewriting(l: Lang) -> &'static str { pick(l, "Riscrittura dell'archivio in corso: non chiudere il programma.", "Rewriting the store: do not close the program.") }
pub fn rewritten(l: Lang, secs: f64, entries: u64, patients: u64) -> String { tr!(l, "Archivio riscritto in {secs:.1} s: {entries} voci, {patients} pazienti." | "Store rewritten in {secs:.1} s: {entries} entries, {patients} patients.") }
pub fn disk_space(l: Lang, before: f64, after: f64) -> String { tr!(l, "Spazio su disco: {before:.1} MB prima, {after:.1} MB dopo." | "Disk space: {before:.1} MB before, {after:.1} MB after.") }
pub fn bytes_per_patient(l: Lang, before: u64, after: u64) -> String { tr!(l, "Byte per paziente: {before} prima, {after} dopo." | "Bytes per patient: {before} before, {after} after.") }

// find.
pub fn find_suggested(l: Lang, q: &str) -> String { tr!(l, "Nessun paziente trovato per \"{q}\". Nomi simili:" | "No patient found for \"{q}\". Similar names:") }
pub fn find_none(l: Lang, q: &str) -> String { tr!(l, "Nessun paziente trovato per \"{q}\"." | "No patient found for \"{q}\".") }
/// "livello 2 (ATS)" or "livello 1 (stima)": the Region's level or the estimate.
pub fn livello(l: Lang, n: u8, estimate: bool) -> String {
    if estimate {
        tr!(l, "livello {n} (stima)" | "level {n} (estimate)")
    } else {
        tr!(l, "livello {n} (ATS)" | "level {n} (ATS)")
    }
}

// agenda, ics, export.
pub fn unknown_ats(l: Lang, a: &str) -> String { tr!(l, "ATS sconosciuta: {a}" | "Unknown ATS: {a}") }
pub fn pdf_missing(l: Lang) -> &'static str { pick(l, "PDF mancante", "PDF missing") }
pub fn no_signed_patto(l: Lang, cognome: &str, nome: &str) -> String { tr!(l, "{cognome} {nome} non ha un Patto di Cura firmato da stampare" | "{cognome} {nome} has no signed Patto di Cura to print") }
pub fn no_pai(l: Lang, cognome: &str, nome: &str) -> String { tr!(l, "{cognome} {nome} non ha un PAI" | "{cognome} {nome} has no PAI") }

// audit.
pub fn anchor_invalid(l: Lang, text: &str) -> String { tr!(l, "Ancora non valida: {text} (scrivere il numero della voce, due punti e almeno 8 cifre dell'impronta, come stampato: 28:3fa9c2d1e0b4)" | "Anchor not valid: {text} (write the entry number, a colon and at least 8 digits of the fingerprint, as printed: 28:3fa9c2d1e0b4)") }
pub fn chain_intact(l: Lang, n: u64) -> String { tr!(l, "Registro accessi: catena integra, {n} voci" | "Audit trail: chain intact, {n} entries") }
pub fn chain_broken(l: Lang, seq: u64, reason: impl Display) -> String { tr!(l, "Registro accessi: catena interrotta alla voce {seq}: {reason}" | "Audit trail: chain broken at entry {seq}: {reason}") }
pub fn check_problem(l: Lang, p: &CheckProblem) -> String { sportello::texts::check_problem(l, p) }
pub fn break_reason(l: Lang, r: &BreakReason) -> String { sportello::texts::break_reason(l, r) }
pub fn anchor_line(l: Lang, a: &str) -> String { tr!(l, "Ancora del registro: {a} (annotarla fuori dal computer: `sportello audit verify --ancora {a}` controlla che il registro non sia stato riscritto)" | "Audit trail anchor: {a} (write it down away from the computer: `sportello audit verify --ancora {a}` checks that the trail was not rewritten)") }
pub fn anchor_holds(l: Lang, given: &str, seq: u64) -> String { tr!(l, "L'ancora {given} corrisponde: il registro passa ancora per la voce {seq}." | "The anchor {given} matches: the trail still passes through entry {seq}.") }
pub fn anchor_missing(l: Lang, given: &str, len: u64, seq: u64) -> String { tr!(l, "L'ancora {given} NON corrisponde: il registro ha solo {len} voci, la voce {seq} non c'è più. Il registro è stato tagliato o sostituito (per esempio da un ripristino o da una copia più vecchia) dopo che l'ancora è stata annotata." | "The anchor {given} does NOT match: the trail has only {len} entries, entry {seq} is gone. The trail was cut or replaced (for example by a restore or an older copy) after the anchor was written down.") }
pub fn anchor_differs(l: Lang, given: &str, seq: u64, found: impl Display) -> String { tr!(l, "L'ancora {given} NON corrisponde: ora la voce {seq} è {found}. Il registro è stato riscritto dopo che l'ancora è stata annotata (o l'ancora è stata trascritta male): avvisare il responsabile della protezione dei dati." | "The anchor {given} does NOT match: entry {seq} is now {found}. The trail was rewritten after the anchor was written down (or the anchor was copied wrong): tell the data protection officer.") }

// operator.
pub fn unknown_role(l: Lang, role: &str) -> String { tr!(l, "Ruolo sconosciuto \"{role}\": usare segreteria, medico o amministratore" | "Unknown role \"{role}\": use segreteria, medico or amministratore") }
pub fn password_for(l: Lang, user: &str) -> String { tr!(l, "Password per {user}: " | "Password for {user}: ") }
pub fn operator_created(l: Lang, user: &str, role: &str) -> String { tr!(l, "Operatore {user} creato ({role})" | "Operator {user} created ({role})") }
pub fn operator_active(l: Lang, active: bool) -> &'static str { if active { pick(l, "attivo", "active") } else { pick(l, "disattivato", "disabled") } }
pub fn key_read_error(l: Lang, file: impl Display, e: impl Display) -> String { tr!(l, "Errore: lettura di {file}: {e}" | "Error: reading {file}: {e}") }
pub fn key_error(l: Lang, file: impl Display, e: impl Display) -> String { tr!(l, "Errore: {file} ({e})" | "Error: {file} ({e})") }
pub fn key_added(l: Lang, f: &str, user: &str) -> String { tr!(l, "Chiave SSH {f} aggiunta per {user}" | "SSH key {f} added for {user}") }

// check.
pub fn more_problems(l: Lang, n: usize) -> String { tr!(l, "... e altri {n} problemi" | "... and {n} more problems") }
pub fn check_summary(l: Lang, patients: u64, index: u64, mb: f64, problems: u64) -> String { tr!(l, "Pazienti: {patients}  Voci di indice: {index}  Spazio su disco: {mb:.1} MB  Problemi: {problems}" | "Patients: {patients}  Index entries: {index}  Disk space: {mb:.1} MB  Problems: {problems}") }
pub fn set_aside_since(l: Lang, day: impl Display) -> String { tr!(l, " il {day}" | " on {day}") }
pub fn set_aside_store(l: Lang, since: &str, path: impl Display, pruning: &str) -> String { tr!(l, "Archivio messo da parte da un ripristino{since}: {path} (contiene anche i pazienti cancellati dopo; {pruning})" | "Store set aside by a restore{since}: {path} (it also holds the patients erased later; {pruning})") }
pub fn remove_by_hand(l: Lang) -> &'static str { pick(l, "da rimuovere a mano", "to be removed by hand") }
pub fn removed_after(l: Lang, days: usize) -> String { tr!(l, "rimosso dopo {days} giorni" | "removed after {days} days") }

// festivi.
pub fn year_invalid_digits(l: Lang, anno: i32) -> String { tr!(l, "Anno non valido: {anno} (scrivere l'anno con quattro cifre, per esempio 2026)" | "Year not valid: {anno} (write the year with four digits, for example 2026)") }
pub fn year_invalid(l: Lang, anno: i32) -> String { tr!(l, "Anno non valido: {anno}" | "Year not valid: {anno}") }
pub fn no_patron(l: Lang, c: &str) -> String { tr!(l, "Nessun santo patrono noto per il comune \"{c}\": elencate solo le festività nazionali" | "No patron saint known for the comune \"{c}\": only the national holidays are listed") }

// import gestori.
pub fn file_too_big(l: Lang, file: impl Display, mb: u64) -> String { tr!(l, "Il file {file} è troppo grande ({mb} MB): un elenco di Gestori è di pochi KB" | "The file {file} is too big ({mb} MB): a list of Gestori is a few KB") }
pub fn import_file(l: Lang, name: &str, ok: usize, rejected: usize, encoding: &str, sheet: &str) -> String { tr!(l, "File {name}: {ok} righe riconosciute, {rejected} scartate (codifica {encoding}{sheet})" | "File {name}: {ok} rows recognised, {rejected} rejected (encoding {encoding}{sheet})") }
/// A list file that cannot be read at all, in `l` (Italian: the importer's own text).
pub fn import_error(l: Lang, e: &ImportError) -> String { sportello::texts::import_error(l, e) }
pub fn import_sheet(l: Lang, s: &str) -> String { tr!(l, ", foglio \"{s}\"" | ", sheet \"{s}\"") }
pub fn import_rejected(l: Lang, line: impl Display, reason: impl Display) -> String { tr!(l, "  riga {line}: {reason}" | "  row {line}: {reason}") }
pub fn import_warning(l: Lang, line: impl Display, w: impl Display) -> String { tr!(l, "  riga {line} (avviso): {w}" | "  row {line} (warning): {w}") }
pub fn import_changes(l: Lang, added: usize, updated: usize, unchanged: usize, gone: usize, ats: &str) -> String { tr!(l, "Modifiche: {added} nuovi, {updated} aggiornati, {unchanged} invariati, {gone} non più idonei (ATS {ats})" | "Changes: {added} new, {updated} updated, {unchanged} unchanged, {gone} no longer eligible (ATS {ats})") }
pub fn import_no_longer(l: Lang, name: &str) -> String { tr!(l, "  non più idoneo: {name}" | "  no longer eligible: {name}") }
pub fn import_preview_only(l: Lang) -> &'static str { pick(l, "Anteprima: nulla è stato scritto. Ripetere con --conferma per importare.", "Preview: nothing was written. Repeat with --conferma to import.") }
pub fn mmg_changes(l: Lang, added: usize, changed: usize, removed: usize, unchanged: usize, unmatched: usize) -> String { tr!(l, "Adesioni: {added} aggiunte, {changed} cambiate, {removed} tolte, {unchanged} invariate; {unmatched} medici senza Gestore riconosciuto" | "Adhesions: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged; {unmatched} doctors with no Gestore recognised") }
pub fn mmg_added(l: Lang, name: &str, gestore: &str) -> String { tr!(l, "  aggiunto: {name} → {gestore}" | "  added: {name} → {gestore}") }
pub fn mmg_changed(l: Lang, name: &str, gestore: &str) -> String { tr!(l, "  cambiato: {name} → {gestore}" | "  changed: {name} → {gestore}") }
pub fn mmg_removed(l: Lang, name: &str) -> String { tr!(l, "  tolto: {name} (nessuna adesione)" | "  removed: {name} (no adhesion)") }
pub fn mmg_unmatched(l: Lang, line: usize, text: &str) -> String { tr!(l, "  riga {line}: {text}" | "  row {line}: {text}") }
pub fn mmg_recorded(l: Lang, added: usize, changed: usize, removed: usize) -> String { tr!(l, "Adesioni registrate in Studio: {added} aggiunte, {changed} cambiate, {removed} tolte." | "Adhesions recorded in the Practice: {added} added, {changed} changed, {removed} removed.") }
pub fn import_recorded(l: Lang, added: impl Display, updated: impl Display, gone: impl Display) -> String { tr!(l, "Importazione registrata: {added} nuovi, {updated} aggiornati, {gone} non più idonei." | "Import recorded: {added} new, {updated} updated, {gone} no longer eligible.") }

// import arruolabili.
pub fn arruolabili_problem(l: Lang, p: &RowProblem) -> String {
    match p {
        RowProblem::CfMissing => pick(l, "manca il codice fiscale", "the codice fiscale is missing").into(),
        RowProblem::CfInvalid(e) => sportello::texts::codice_fiscale(l, e),
        RowProblem::NamesMissing => pick(l, "mancano cognome o nome", "surname or name missing").into(),
        RowProblem::Duplicate { first_line } => tr!(l, "stesso codice fiscale della riga {first_line}" | "same codice fiscale as row {first_line}"),
    }
}
pub fn arruolabili_warning(l: Lang, w: &RowWarning) -> String {
    match w {
        RowWarning::LivelloNonValido(t) => tr!(l, "livello \"{t}\" non valido (1, 2 o 3): importata senza livello" | "level \"{t}\" not valid (1, 2 or 3): imported without a level"),
        RowWarning::CodiceNonSgdt(c) => tr!(l, "codice patologia \"{c}\" fuori dai codici SGDT 1-65: tenuto così" | "pathology code \"{c}\" outside the SGDT codes 1-65: kept as written"),
    }
}
pub fn arruolabili_plan(l: Lang, p: &ImportPlan) -> String {
    let (n, a, i, t, c) = (p.nuove, p.aggiornate, p.invariate, p.pazienti_trovati, p.pazienti_nuovi);
    tr!(l, "Modifiche: {n} nuove, {a} aggiornate, {i} già presenti; pazienti trovati {t}, da registrare {c}" | "Changes: {n} new, {a} updated, {i} already there; patients found {t}, to register {c}")
}
pub fn arruolabili_recorded(l: Lang, log: &ImportLog) -> String {
    let (n, a, c, s) = (log.plan.nuove, log.plan.aggiornate, log.plan.pazienti_nuovi, log.scartate);
    tr!(l, "Importazione registrata: {n} nuove, {a} aggiornate, {c} pazienti registrati, {s} righe scartate." | "Import recorded: {n} new, {a} updated, {c} patients registered, {s} rows rejected.")
}

// backup and restore.
pub fn passphrase_prompt(l: Lang) -> &'static str { pick(l, "Passphrase del backup: ", "Backup passphrase: ") }
pub fn passphrase_again(l: Lang) -> &'static str { pick(l, "Ripetere la passphrase: ", "Repeat the passphrase: ") }
pub fn passphrase_not_read(l: Lang, e: impl Display) -> String { tr!(l, "Passphrase non letta: {e}" | "Passphrase not read: {e}") }
pub fn passphrase_short(l: Lang, min: usize) -> String { tr!(l, "La passphrase deve avere almeno {min} caratteri: nessun backup scritto." | "The passphrase must have at least {min} characters: no backup written.") }
pub fn passphrases_differ(l: Lang) -> &'static str { pick(l, "Le due passphrase sono diverse: nessun backup scritto.", "The two passphrases differ: no backup written.") }
pub fn backup_written(l: Lang, encrypted: bool, file: impl Display, entries: u64, mb: f64) -> String { match (l, encrypted) { (Lang::It, false) => format!("Backup verificato scritto in {file}: {entries} voci, {mb:.1} MB"), (Lang::It, true) => format!("Backup verificato e cifrato scritto in {file}: {entries} voci, {mb:.1} MB"), (Lang::En, false) => format!("Verified backup written to {file}: {entries} entries, {mb:.1} MB"), (Lang::En, true) => format!("Verified and encrypted backup written to {file}: {entries} entries, {mb:.1} MB") } }
pub fn keep_passphrase(l: Lang) -> &'static str { pick(l, "Conservare la passphrase: senza di essa il backup non si può aprire.", "Keep the passphrase: without it the backup cannot be opened.") }
pub fn encrypted_prompt(l: Lang) -> &'static str { pick(l, "Il backup è cifrato. Passphrase: ", "The backup is encrypted. Passphrase: ") }
pub fn backup_of(l: Lang, when: impl Display) -> String { tr!(l, " del {when}" | " of {when}") }
pub fn trail_up_to(l: Lang, seq: u64) -> String { tr!(l, "registro fino alla voce {seq}" | "audit trail up to entry {seq}") }
pub fn trail_empty(l: Lang) -> &'static str { pick(l, "registro vuoto", "empty audit trail") }
pub fn current_readable(l: Lang, patients: &str, aside: impl Display) -> String { tr!(l, "l'archivio attuale, {patients}, sarà messo da parte in {aside}" | "the current store, {patients}, will be set aside in {aside}") }
pub fn current_unreadable(l: Lang, aside: impl Display) -> String { tr!(l, "l'archivio attuale non si apre (danneggiato): sarà messo da parte così com'è in {aside}" | "the current store does not open (damaged): it will be set aside as it is in {aside}") }
pub fn current_no_store(l: Lang, aside: impl Display) -> String { tr!(l, "la cartella attuale, senza archivio, sarà messa da parte in {aside}" | "the current folder, with no store, will be set aside in {aside}") }
pub fn current_no_folder(l: Lang, dir: impl Display) -> String { tr!(l, "la cartella dei dati {dir} non esiste e sarà creata" | "the data folder {dir} does not exist and will be created") }
pub fn restore_summary(l: Lang, when: &str, patients: &str, operators: &str, trail: &str, current: &str) -> String { tr!(l, "Backup{when}: {patients}, {operators}, {trail}; {current}." | "Backup{when}: {patients}, {operators}, {trail}; {current}.") }
pub fn restore_confirm(l: Lang) -> &'static str { pick(l, "Sostituire l'archivio con questo backup? Scrivere SI per confermare: ", "Replace the store with this backup? Type YES to confirm: ") }
pub fn restore_cancelled(l: Lang) -> &'static str { pick(l, "Ripristino annullato: l'archivio non è stato toccato.", "Restore cancelled: the store was not touched.") }
pub fn restored(l: Lang, file: impl Display, entries: u64) -> String { tr!(l, "Archivio ripristinato da {file}: {entries} voci" | "Store restored from {file}: {entries} entries") }
pub fn restore_remove_by_hand(l: Lang) -> &'static str { pick(l, "va rimosso a mano", "it must be removed by hand") }
pub fn restore_removed_after(l: Lang, days: usize) -> String { tr!(l, "viene rimosso dopo {days} giorni" | "it is removed after {days} days") }
pub fn previous_kept(l: Lang, path: impl Display, pruned: &str) -> String { tr!(l, "L'archivio precedente è conservato in {path} (contiene anche i pazienti cancellati dopo il backup: {pruned})" | "The previous store is kept in {path} (it also holds the patients erased after the backup: {pruned})") }

// gdpr.
pub fn erase_confirm(l: Lang, cognome: &str, nome: &str, cf: &str) -> String { tr!(l, "Cancellare l'identità di {cognome} {nome} ({cf})? Nome, codice fiscale, recapiti e note saranno rimossi per sempre; restano i record di cura pseudonimizzati. Scrivere SI per confermare: " | "Erase the identity of {cognome} {nome} ({cf})? Name, codice fiscale, contacts and notes will be removed for ever; the pseudonymised care records stay. Type YES to confirm: ") }
pub fn erased(l: Lang, patient: impl Display, pseudonym: &str, patti: usize, prese: usize, apps: usize, motivo: &str) -> String { tr!(l, "Cancellazione GDPR del paziente {patient} (ora {pseudonym}): identità rimossa, {patti} Patti, {prese} prese in carico e {apps} appuntamenti pseudonimizzati. Motivo: {motivo}" | "GDPR erasure of patient {patient} (now {pseudonym}): identity removed, {patti} Patti, {prese} prese in carico and {apps} appointments pseudonymised. Reason: {motivo}") }
pub fn nothing_erased(l: Lang) -> &'static str { pick(l, "Nulla è stato cancellato.", "Nothing was erased.") }
pub fn erasing(l: Lang) -> &'static str { pick(l, "Cancellazione e riscrittura dell'archivio in corso: non chiudere il programma.", "Erasing and rewriting the store: do not close the program.") }
pub fn print_removed(l: Lang, path: impl Display) -> String { tr!(l, "Stampa rimossa: {path}" | "Print removed: {path}") }
pub fn print_left(l: Lang, path: impl Display) -> String { tr!(l, "Stampa NON rimossa (toglierla a mano): {path}" | "Print NOT removed (remove it by hand): {path}") }
pub fn pseudonym(l: Lang, cf: &str) -> String { tr!(l, "Il paziente ora si trova come {cf} (sportello find {cf})." | "The patient is now found as {cf} (sportello find {cf}).") }
pub fn erase_rewritten(l: Lang) -> &'static str { pick(l, "Archivio riscritto: le versioni precedenti dei dati cancellati non sono più nei file dell'archivio.", "Store rewritten: the earlier versions of the erased data are no longer in the store's files.") }
pub fn erase_backups(l: Lang) -> &'static str { pick(l, "I backup scritti prima di questa cancellazione (anche quello automatico di oggi) contengono ancora questi dati: quelli automatici escono dalla rotazione, gli altri vanno distrutti o conservati secondo le regole dello studio.", "The backups written before this erasure (today's automatic one too) still hold these data: the automatic ones leave the rotation, the others must be destroyed or kept by the practice's rules.") }

// cf.
pub fn cf_invalid(l: Lang) -> &'static str { pick(l, "Codice fiscale non valido", "Codice fiscale not valid") }
pub fn cf_valid(l: Lang) -> &'static str { pick(l, "Codice fiscale valido", "Codice fiscale valid") }
pub fn sex(l: Lang) -> &'static str { pick(l, "Sesso", "Sex") }
pub fn male(l: Lang) -> &'static str { pick(l, "maschio", "male") }
pub fn female(l: Lang) -> &'static str { pick(l, "femmina", "female") }
pub fn birth_date(l: Lang) -> &'static str { pick(l, "Data di nascita", "Date of birth") }
pub fn birth_place(l: Lang) -> &'static str { pick(l, "Luogo di nascita", "Place of birth") }
pub fn foreign_country(l: Lang) -> &'static str { pick(l, "stato estero", "foreign country") }
pub fn omocode(l: Lang) -> &'static str { pick(l, "Codice in omocodia: forma base", "Code changed for a homonym: base form") }
