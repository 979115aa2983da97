//! Health data is private: the data folder is 0700 and every file Unknot
//! writes into it 0600, whatever the umask.

use std::fs::OpenOptions;
use std::path::Path;

use super::StoreError;

/// Sets the process's file-creation mask to 077, so that files made by code
/// that does not choose its own mode (SQLite's journal files, its backup
/// copies, folder pickers) are private too. Call it first thing in `main`.
pub fn set_private_umask() {
    #[cfg(unix)]
    {
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    }
}

/// Options for a file only its owner can read (0600 on Unix).
pub(crate) fn open_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Makes sure `dir` exists as a private folder (0700): creates it so, or
/// tightens an existing one. Returns a warning when the file system cannot
/// keep permissions (a FAT-formatted stick, say); the data is still usable.
pub(crate) fn prepare_dir(dir: &Path) -> Result<Option<String>, StoreError> {
    if let Ok(meta) = std::fs::symlink_metadata(dir)
        && meta.file_type().is_symlink()
        && std::fs::metadata(dir).is_err()
    {
        let target = std::fs::read_link(dir).unwrap_or_default();
        return Err(StoreError::DanglingLink {
            path: dir.to_path_buf(),
            target,
        });
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|error| StoreError::io(dir, error))?;
    Ok(tighten(dir, 0o700))
}

/// Takes group and other permissions off an existing file or folder.
/// Returns a warning when that did not stick.
pub(crate) fn tighten(path: &Path, mode: u32) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return None;
        };
        if meta.permissions().mode() & 0o077 == 0 {
            return None;
        }
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
        let now = std::fs::metadata(path).map(|m| m.permissions().mode());
        if now.as_ref().map_or(true, |m| m & 0o077 != 0) {
            return Some(format!(
                "{} cannot be made private on this file system, so other users of this \
                 computer may be able to read it.",
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    None
}

/// Whether the file system holding `path` has no space left.
pub(crate) fn disk_is_full(path: &Path) -> bool {
    #[cfg(unix)]
    {
        let probe = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(path)
        };
        rustix::fs::statvfs(probe).is_ok_and(|s| s.f_bavail == 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}
