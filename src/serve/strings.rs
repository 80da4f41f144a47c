//! The texts of `sportello serve`, Italian and English on one line.

use crate::texts::Lang;
use crate::tui::kit::lang::texts;

texts! {
    /// What `sportello serve` writes on a desk's screen outside the
    /// application.
    pub struct ServeStrings (SERVE_IT, SERVE_EN) {
        /// The server is closing: the last line a desk sees.
        closing: "Il server si chiude: la sessione di sportello è terminata." | "The server is closing: the sportello session has ended.",
        /// A desk over the maximum; the maximum follows in brackets.
        too_many: "Troppe postazioni collegate: riprovare più tardi" | "Too many desks connected: try again later",
    }
}

impl ServeStrings {
    /// The server's console: the day's automatic backup taken.
    pub fn backup_written(&self, file: &std::path::Path, removed: usize) -> String {
        let file = file.display();
        match (self.lang, removed) {
            (Lang::It, 0) => format!("Backup automatico del giorno: {file}"),
            (Lang::It, n) => {
                format!("Backup automatico del giorno: {file} ({n} più vecchi rimossi)")
            }
            (Lang::En, 0) => format!("Automatic backup of the day: {file}"),
            (Lang::En, n) => format!("Automatic backup of the day: {file} ({n} older removed)"),
        }
    }

    /// Why a desk's password was refused, as the desk reads it before
    /// "Permission denied".
    pub fn login_refused(&self, e: &crate::service::DeskError) -> String {
        crate::texts::error(self.lang, e)
    }

    /// The server's console: the day's automatic backup failed.
    pub fn backup_failed(&self, reason: &str) -> String {
        match self.lang {
            Lang::It => format!(
                "Attenzione: backup automatico non riuscito ({reason}). Si può lavorare; avvisare l'amministratore."
            ),
            Lang::En => format!(
                "Warning: automatic backup failed ({reason}). The desks can work; tell the administrator."
            ),
        }
    }
}
