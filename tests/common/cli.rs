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

/// Runs the binary with `args` under the file-creation mask `umask` (a
/// shell sets it, as a login would), with the environment variables
/// `envs`; no data folder from the environment.
#[cfg(unix)]
pub fn sportello_with_umask(umask: &str, args: &[&str], envs: &[(&str, &str)]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_sportello"))
        .args(args)
        .env_remove("SPORTELLO_DATA")
        .env("SPORTELLO_BACKUP_GIORNI", "0")
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}
