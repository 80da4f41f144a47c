//! The SSH server's and the operators' keys' errors as the operator reads
//! them; the system's own error texts are shown as the system gives them.

use super::Lang;
use crate::serve::ServeError;

/// A server or key error in `lang`.
pub fn serve_error(lang: Lang, e: &ServeError) -> String {
    match (lang, e) {
        (Lang::It, e) => e.to_string(),
        (Lang::En, ServeError::HostKeyUnreadable { path, detail }) => {
            format!("server key {} not readable: {detail}", path.display())
        }
        (Lang::En, ServeError::NoRandom(detail)) => {
            format!("random generator not available: {detail}")
        }
        (Lang::En, ServeError::NotAPublicKey(detail)) => {
            format!("not a valid SSH public key: {detail}")
        }
        (Lang::En, ServeError::Stopped) => "the server stopped abruptly".into(),
        (Lang::En, ServeError::Io(e)) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_errors_in_english_and_in_italian() {
        let e = crate::serve::read_public_key("ssh-ed25519 nonsense").expect_err("not a key");
        assert!(
            serve_error(Lang::En, &e).starts_with("not a valid SSH public key: "),
            "{e}"
        );
        assert!(
            serve_error(Lang::It, &e).starts_with("chiave pubblica SSH non valida: "),
            "{e}"
        );
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join(crate::serve::HOST_KEY_FILE), "rotta").expect("write");
        let e = crate::serve::host_key(dir.path()).expect_err("not a key");
        let en = serve_error(Lang::En, &e);
        assert!(en.starts_with("server key "), "{en}");
        assert!(en.contains(" not readable: "), "{en}");
        assert_eq!(
            serve_error(Lang::En, &ServeError::Stopped),
            "the server stopped abruptly"
        );
    }
}
