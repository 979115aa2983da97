//! Starting Unknot with the desktop session: an XDG autostart entry that the
//! Settings screen can add and remove.

use std::io;
use std::path::{Path, PathBuf};

use crate::identity::APP_ID;

/// The user's configuration folder (`~/.config` on Linux), if there is one.
pub fn config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.config_dir().to_path_buf())
}

/// Where the autostart entry lives under a configuration folder.
pub fn entry_path(config_dir: &Path) -> PathBuf {
    config_dir
        .join("autostart")
        .join(format!("{APP_ID}.desktop"))
}

pub fn is_installed(config_dir: &Path) -> bool {
    entry_path(config_dir).is_file()
}

/// Writes the autostart entry that runs `exe`; returns its path.
pub fn install(config_dir: &Path, exe: &Path) -> io::Result<PathBuf> {
    let path = entry_path(config_dir);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let exe_text = exe.display().to_string();
    // Desktop entry Exec quoting: wrap in quotes, escape the specials.
    let quoted = format!(
        "\"{}\"",
        exe_text
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('`', "\\`")
            .replace('$', "\\$")
    );
    let entry = format!(
        "[Desktop Entry]\nType=Application\nName=Unknot\n\
         Comment=Posture and stretch reminders for an aching upper back\n\
         Exec={quoted}\nIcon={APP_ID}\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"
    );
    let temp = path.with_extension("desktop.tmp");
    std::fs::write(&temp, entry)?;
    std::fs::rename(&temp, &path)?;
    Ok(path)
}

/// Removes the autostart entry; no entry is not an error.
pub fn remove(config_dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(entry_path(config_dir)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_and_remove_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_installed(dir.path()));
        let path = install(dir.path(), Path::new("/opt/My Apps/unknot")).unwrap();
        assert!(is_installed(dir.path()));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Exec=\"/opt/My Apps/unknot\"\n"), "{text}");
        assert!(text.starts_with("[Desktop Entry]\n"));
        remove(dir.path()).unwrap();
        assert!(!is_installed(dir.path()));
        remove(dir.path()).unwrap();
    }
}
