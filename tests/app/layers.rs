//! The interface (the screens and the command line: main.rs, cli_help.rs,
//! src/cli) imports only the
//! service, the domain and the texts: never the store nor the file formats.

use std::path::{Path, PathBuf};

/// Uses not yet moved behind the service (file, text). Shrink it; never
/// add to it.
const KNOWN: &[(&str, &str)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_interface_imports_neither_the_store_nor_io() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/main.rs"), root.join("src/cli_help.rs")];
    rust_files(&root.join("src/cli"), &mut files);
    rust_files(&root.join("src/tui"), &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable file");
        let name = file
            .strip_prefix(root)
            .expect("inside the crate")
            .to_string_lossy()
            .replace('\\', "/");
        for (n, line) in text.lines().enumerate() {
            for layer in [
                "crate::store",
                "sportello::store",
                "crate::io",
                "sportello::io",
            ] {
                if let Some(at) = line.find(layer) {
                    let known = KNOWN
                        .iter()
                        .any(|(f, t)| *f == name && line[at..].starts_with(t));
                    if !known {
                        found.push(format!("{name}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the interface uses lower layers:\n{}",
        found.join("\n")
    );
}
