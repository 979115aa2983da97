//! The folder dialog behind Settings' "Choose…", behind a trait so tests
//! never open a real one.
//!
//! On Linux the dialog is the desktop portal's file chooser, or zenity when
//! there is no portal. Some systems have neither, and then the dialog library
//! just returns as if the person had cancelled; so whether either is there is
//! asked first, and "no dialog here" is told apart from "cancelled".

use std::path::{Path, PathBuf};

/// What became of asking for a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Folder(PathBuf),
    Cancelled,
    /// No dialog can be shown here; the text says why, in plain words.
    Unavailable(String),
}

/// Asks the person for a folder. Called on a thread of its own: it blocks
/// until the dialog closes.
pub trait FolderDialog: Send + Sync {
    fn pick_folder(&self, title: &str, start: &Path) -> Picked;
}

/// The desktop's own dialog.
#[derive(Debug, Default, Clone, Copy)]
pub struct DesktopFolderDialog;

impl FolderDialog for DesktopFolderDialog {
    fn pick_folder(&self, title: &str, start: &Path) -> Picked {
        if let Err(why) = dialog_available() {
            return Picked::Unavailable(why);
        }
        match rfd::FileDialog::new()
            .set_title(title)
            .set_directory(start)
            .pick_folder()
        {
            Some(folder) => Picked::Folder(folder),
            None => Picked::Cancelled,
        }
    }
}

/// For systems without any dialog, and for tests: every request is told
/// that no dialog is available.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoFolderDialog;

impl FolderDialog for NoFolderDialog {
    fn pick_folder(&self, _title: &str, _start: &Path) -> Picked {
        Picked::Unavailable("this system offers no folder dialog".to_owned())
    }
}

/// Whether the dialog library can show anything: the portal's file chooser
/// answers on the session bus, or zenity is installed.
#[cfg(target_os = "linux")]
fn dialog_available() -> Result<(), String> {
    if zenity_installed() {
        return Ok(());
    }
    zbus::block_on(portal_file_chooser()).map_err(|e| {
        format!("the desktop's file chooser did not answer ({e}) and zenity is not installed")
    })
}

#[cfg(not(target_os = "linux"))]
fn dialog_available() -> Result<(), String> {
    Ok(())
}

#[cfg(target_os = "linux")]
fn zenity_installed() -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path)
            .any(|dir| std::fs::metadata(dir.join("zenity")).is_ok_and(|m| m.is_file()))
    })
}

/// Reads the file chooser's version, which starts the portal if it can be
/// started and fails when no portal, or no file chooser in it, is there.
#[cfg(target_os = "linux")]
async fn portal_file_chooser() -> zbus::Result<()> {
    let connection = zbus::Connection::session().await?;
    let proxy = zbus::Proxy::new(
        &connection,
        "org.freedesktop.portal.Desktop",
        "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.FileChooser",
    )
    .await?;
    proxy.get_property::<u32>("version").await.map(drop)
}
