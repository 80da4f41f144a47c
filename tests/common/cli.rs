//! Running the sportello binary as the tests' user would.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the binary with `args`, typing `stdin` (passphrases, confirmations);
/// no automatic backups, no data folder from the environment.
pub fn sportello_with_input(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(args)
        .env_remove("SPORTELLO_DATA")
        .env("SPORTELLO_BACKUP_GIORNI", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
