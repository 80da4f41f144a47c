//! Files and folders private to the user running sportello: the store holds
//! health data (GDPR art. 9), so every folder sportello creates is 0700 and
//! every file 0600 whatever the umask, and an existing store is tightened to
//! the same modes when it is opened.
//!
//! On Unix the modes are set explicitly. On Windows these functions create
//! and write without changing permissions: the default data folder, under
//! the user's profile (`%APPDATA%`), is already private to that user, and a
//! data folder elsewhere is restricted with the `icacls` command given in
//! the README.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Mode of the folders sportello creates (Unix).
pub const DIR_MODE: u32 = 0o700;
/// Mode of the files sportello writes (Unix).
pub const FILE_MODE: u32 = 0o600;

/// Options for a new file readable and writable by its owner only
/// (0600 on Unix when the file is created). Write, create, truncate.
pub fn private_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options
}

/// Creates `path` and its missing parents as private folders (0700 on Unix;
/// the umask can only narrow that). A folder that already exists is left
/// as it is: it may be the user's own (`--dir .`); the store's folders are
/// tightened by [`tighten`] when the store is opened.
pub fn create_dir_all_private(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(DIR_MODE)
            .create(path)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(path)
    }
}

/// Writes `bytes` to `path` (replacing it), readable by the owner only. An
/// existing file keeps its inode, so its mode is set again after writing
/// (best effort: a file system without Unix modes, such as a FAT memory
/// stick, refuses it and the file is written all the same).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file: File = private_file_options().open(path)?;
    file.write_all(bytes)?;
    file.flush()?;
    let _ = tighten_file(&file);
    Ok(())
}

/// Sets an open file (created by us or by a library) to 0600 on Unix.
pub fn tighten_file(file: &File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Makes `path` private: a folder 0700 and everything inside it (folders
/// 0700, files 0600, recursively), a file 0600. Symbolic links are left
/// alone (neither followed nor changed). Nothing happens when `path` does
/// not exist.
pub fn tighten(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        if meta.is_dir() {
            set_mode(path, DIR_MODE)?;
            for entry in std::fs::read_dir(path)? {
                tighten(&entry?.path())?;
            }
        } else if meta.is_file() {
            set_mode(path, FILE_MODE)?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Makes `path` alone private (a folder 0700, a file 0600), not what a
/// folder holds. Nothing happens when `path` does not exist.
pub fn tighten_one(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => set_mode(path, DIR_MODE),
            Ok(m) if m.is_file() => set_mode(path, FILE_MODE),
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Sets the process's file-creation mask to 0077, so that files and
/// folders created by libraries (sled's `snap.*` and `blobs/`) are private
/// too. A no-op outside Unix.
pub fn restrict_process_umask() {
    #[cfg(unix)]
    // SAFETY: umask only replaces the process's creation mask and cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = std::fs::symlink_metadata(path)?.permissions().mode() & 0o7777;
    if current == mode {
        return Ok(());
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn tighten_makes_folders_0700_and_files_0600_recursively() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("f"), b"x").unwrap();
        for p in [dir.path().join("a"), sub.clone()] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(sub.join("f"), std::fs::Permissions::from_mode(0o644)).unwrap();
        tighten(&dir.path().join("a")).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&sub.join("f")), 0o600);
    }

    #[test]
    fn written_files_and_created_folders_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("x/y");
        create_dir_all_private(&sub).unwrap();
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&dir.path().join("x")), 0o700);
        let f = sub.join("f.txt");
        std::fs::write(&f, b"old").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&f, b"new").unwrap();
        assert_eq!(mode(&f), 0o600);
        assert_eq!(std::fs::read(&f).unwrap(), b"new");
    }
}
