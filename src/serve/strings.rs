//! The texts of `sportello serve`, Italian and English on one line.

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
