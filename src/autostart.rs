//! Starting Unknot with the desktop session: an XDG autostart entry that the
//! Settings screen can add and remove. The entry starts `unknot background`
//! (the reminders, without a window); entries written by earlier versions,
//! which opened the window, are brought up to date in place.

use std::io;
use std::path::{Path, PathBuf};

use crate::identity::APP_ID;

/// The argument that starts Unknot without a window.
const BACKGROUND: &str = "background";

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

/// Whether the desktop starts something with the session from the entry:
/// it is there and not switched off (`Hidden=true`, or
/// `X-GNOME-Autostart-enabled=false` as GNOME's tools write it).
pub fn is_installed(config_dir: &Path) -> bool {
    match std::fs::read_to_string(entry_path(config_dir)) {
        Ok(text) => {
            let switched_off = text.lines().any(|line| {
                let line = line.trim();
                line == "Hidden=true" || line == "X-GNOME-Autostart-enabled=false"
            });
            !switched_off
        }
        // There but unreadable: the desktop may still start it.
        Err(e) => e.kind() != io::ErrorKind::NotFound,
    }
}

/// Brings an entry written by an earlier version up to date and says
/// whether Unknot starts with the session: what the window does at start
/// and Settings shows. A failed update leaves the entry as it was.
pub fn refresh(config_dir: &Path) -> bool {
    if let Ok(exe) = std::env::current_exe() {
        let _ = migrate(config_dir, &exe);
    }
    is_installed(config_dir)
}

/// Writes the autostart entry that runs `exe background`; returns its path.
pub fn install(config_dir: &Path, exe: &Path) -> io::Result<PathBuf> {
    let entry = format!(
        "[Desktop Entry]\nType=Application\nName=Unknot\n\
         Comment=Posture and stretch reminders for an aching upper back\n\
         Exec={}\nIcon={APP_ID}\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
        background_exec(exe)
    );
    write_entry(config_dir, &entry)
}

/// Rewrites the `Exec` line of an entry an earlier version wrote (which
/// opened the window: one program named `unknot`, no arguments) to run
/// `exe background`, keeping every other line, so an entry switched off
/// stays off. An entry that is not of that shape (already up to date, or
/// written or changed by hand) is left alone, and so is a missing one.
/// True if the entry was rewritten.
pub fn migrate(config_dir: &Path, exe: &Path) -> io::Result<bool> {
    let text = match std::fs::read_to_string(entry_path(config_dir)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let mut exec_lines = text.lines().filter(|line| line.starts_with("Exec="));
    let (Some(exec), None) = (exec_lines.next(), exec_lines.next()) else {
        return Ok(false);
    };
    if !opens_the_window(&exec["Exec=".len()..]) {
        return Ok(false);
    }
    let new_exec = format!("Exec={}", background_exec(exe));
    let mut rewritten: String = text
        .lines()
        .map(|line| {
            if line == exec {
                new_exec.as_str()
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    rewritten.push('\n');
    write_entry(config_dir, &rewritten)?;
    Ok(true)
}

/// Removes the autostart entry; no entry is not an error.
pub fn remove(config_dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(entry_path(config_dir)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// `"exe" background`, quoted as desktop entries quote `Exec`: in double
/// quotes, with the characters special there escaped.
fn background_exec(exe: &Path) -> String {
    let quoted = exe
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('`', "\\`")
        .replace('$', "\\$");
    format!("\"{quoted}\" {BACKGROUND}")
}

/// Whether an `Exec` value is what earlier versions wrote: one program,
/// quoted or not, whose file name is `unknot`, and nothing after it.
fn opens_the_window(exec: &str) -> bool {
    let exec = exec.trim();
    let program = match exec.strip_prefix('"') {
        Some(rest) => {
            let mut program = String::new();
            let mut chars = rest.chars();
            loop {
                match chars.next() {
                    Some('\\') => program.extend(chars.next()),
                    Some('"') => break,
                    Some(c) => program.push(c),
                    None => return false,
                }
            }
            if !chars.as_str().trim().is_empty() {
                return false;
            }
            program
        }
        None if exec.contains(char::is_whitespace) => return false,
        None => exec.to_owned(),
    };
    Path::new(&program)
        .file_name()
        .is_some_and(|name| name == "unknot")
}

/// Writes `entry` beside the entry's place and renames it over, so the
/// desktop never reads half an entry.
fn write_entry(config_dir: &Path, entry: &str) -> io::Result<PathBuf> {
    let path = entry_path(config_dir);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension("desktop.tmp");
    std::fs::write(&temp, entry)?;
    std::fs::rename(&temp, &path)?;
    Ok(path)
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
        assert!(
            text.contains("Exec=\"/opt/My Apps/unknot\" background\n"),
            "{text}"
        );
        assert!(text.starts_with("[Desktop Entry]\n"));
        remove(dir.path()).unwrap();
        assert!(!is_installed(dir.path()));
        remove(dir.path()).unwrap();
    }

    /// What versions before `background` wrote, as GNOME's tools may
    /// leave it: switched off, with a key of their own added.
    const EARLIER_ENTRY: &str = "[Desktop Entry]\nType=Application\nName=Unknot\n\
        Comment=Posture and stretch reminders for an aching upper back\n\
        Exec=\"/usr/bin/unknot\"\nIcon=io.github.unknot.Unknot\nTerminal=false\n\
        X-GNOME-Autostart-enabled=false\nX-GNOME-Autostart-Delay=10\n";

    fn put_entry(config_dir: &Path, text: &str) -> PathBuf {
        let path = entry_path(config_dir);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn an_earlier_entry_is_migrated_in_place_keeping_the_choice() {
        let dir = tempfile::tempdir().unwrap();
        let exe = Path::new("/usr/lib/unknot/unknot");
        let path = put_entry(dir.path(), EARLIER_ENTRY);
        assert!(!is_installed(dir.path()));

        assert!(migrate(dir.path(), exe).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            EARLIER_ENTRY.replace(
                "Exec=\"/usr/bin/unknot\"\n",
                "Exec=\"/usr/lib/unknot/unknot\" background\n"
            )
        );
        assert!(!is_installed(dir.path()), "switched off stays off");

        // Done once: the entry is now up to date.
        assert!(!migrate(dir.path(), exe).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

        let on = EARLIER_ENTRY.replace("enabled=false", "enabled=true");
        put_entry(dir.path(), &on);
        assert!(migrate(dir.path(), exe).unwrap());
        assert!(is_installed(dir.path()));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("\nExec=\"/usr/lib/unknot/unknot\" background\n"),
            "{text}"
        );
    }

    #[test]
    fn entries_that_are_not_ours_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let exe = Path::new("/usr/bin/unknot");
        assert!(!migrate(dir.path(), exe).unwrap(), "no entry at all");
        for foreign in [
            EARLIER_ENTRY.replace(
                "Exec=\"/usr/bin/unknot\"",
                "Exec=unknot --data-dir /srv/back",
            ),
            EARLIER_ENTRY.replace("Exec=\"/usr/bin/unknot\"", "Exec=sh -c \"sleep 9; unknot\""),
            EARLIER_ENTRY.replace(
                "Exec=\"/usr/bin/unknot\"",
                "Exec=flatpak run io.github.unknot.Unknot",
            ),
            "[Desktop Entry]\nExec=unknot\n[Desktop Action New]\nExec=unknot\n".to_owned(),
        ] {
            let path = put_entry(dir.path(), &foreign);
            assert!(!migrate(dir.path(), exe).unwrap(), "{foreign}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), foreign);
        }
    }

    #[test]
    fn what_earlier_versions_wrote_is_recognised() {
        assert!(opens_the_window("\"/usr/bin/unknot\""));
        assert!(opens_the_window("\"/opt/My \\\"Apps\\\"/unknot\""));
        assert!(opens_the_window("unknot"));
        assert!(opens_the_window("/home/me/.cargo/bin/unknot"));
        assert!(!opens_the_window("\"/usr/bin/unknot\" background"));
        assert!(!opens_the_window("unknot --data-dir /srv/back"));
        assert!(!opens_the_window("\"/usr/bin/unknot"));
        assert!(!opens_the_window("/usr/bin/something-else"));
        assert!(!opens_the_window("sh -c \"sleep 20; unknot\""));
    }
}
