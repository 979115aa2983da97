//! What the window asks of the desktop about files: a folder (Settings'
//! "Choose…"), a file to save into (the visit summary's "Choose…"), and
//! opening a saved file in the desktop's default viewer. Behind a trait, so
//! tests never open a real dialog or viewer.
//!
//! On Linux the dialogs are the desktop portal's file chooser, or zenity
//! when there is no portal. Some systems have neither, and then the dialog
//! library just returns as if the person had cancelled; so whether either is
//! there is asked first, and "no dialog here" is told apart from "cancelled".

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

/// What became of asking for a folder or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog can be shown here; the text says why, in plain words.
    Unavailable(String),
}

/// The desktop's file dialogs and viewer. The dialogs are called on a
/// thread of their own: they block until the dialog closes.
pub trait DesktopFiles: Send + Sync {
    /// Asks for a folder, starting in `start`.
    fn pick_folder(&self, title: &str, start: &Path) -> Picked;

    /// Asks where to save a PDF, starting in `folder` with `file_name`
    /// filled in.
    fn pick_pdf_to_save(&self, title: &str, folder: &Path, file_name: &str) -> Picked;

    /// Opens `file` in the desktop's default application for it, without
    /// waiting for that to close. The error says why not, in plain words.
    fn open_file(&self, file: &Path) -> Result<(), String>;
}

/// The desktop's own dialogs and viewer.
#[derive(Debug, Default, Clone, Copy)]
pub struct DesktopDialogs;

impl DesktopFiles for DesktopDialogs {
    fn pick_folder(&self, title: &str, start: &Path) -> Picked {
        if let Err(why) = dialog_available() {
            return Picked::Unavailable(why);
        }
        picked(
            rfd::FileDialog::new()
                .set_title(title)
                .set_directory(start)
                .pick_folder(),
        )
    }

    fn pick_pdf_to_save(&self, title: &str, folder: &Path, file_name: &str) -> Picked {
        if let Err(why) = dialog_available() {
            return Picked::Unavailable(why);
        }
        picked(
            rfd::FileDialog::new()
                .set_title(title)
                .set_directory(folder)
                .set_file_name(file_name)
                .add_filter("PDF", &["pdf"])
                .save_file(),
        )
    }

    fn open_file(&self, file: &Path) -> Result<(), String> {
        open::that_detached(file).map_err(|e| e.to_string())
    }
}

fn picked(chosen: Option<PathBuf>) -> Picked {
    chosen.map_or(Picked::Cancelled, Picked::Path)
}

/// A dialog open on a thread of its own, so the window keeps drawing while
/// it waits; the window is woken when it closes.
pub struct OpenDialog {
    answer: Receiver<Picked>,
}

impl OpenDialog {
    /// Runs `ask` (which shows the dialog and waits for it) on a new thread.
    /// Fails only when no thread can be started.
    pub fn start(
        ctx: &egui::Context,
        ask: impl FnOnce() -> Picked + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, answer) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let _ = tx.send(ask());
                ctx.request_repaint();
            })?;
        Ok(Self { answer })
    }

    /// What became of the dialog in `slot` once it has closed, which
    /// empties the slot; `None` while it is open or when none was opened.
    pub fn take_answer(slot: &mut Option<OpenDialog>) -> Option<Picked> {
        let answer = slot.as_ref()?.answer()?;
        *slot = None;
        Some(answer)
    }

    /// What became of the dialog once it has closed; `None` while it is open.
    fn answer(&self) -> Option<Picked> {
        match self.answer.try_recv() {
            Ok(picked) => Some(picked),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Picked::Unavailable(
                "the dialog stopped unexpectedly".to_owned(),
            )),
        }
    }
}

/// For systems without any dialog or viewer, and for tests: every request
/// is told that none is available.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoDialogs;

impl DesktopFiles for NoDialogs {
    fn pick_folder(&self, _title: &str, _start: &Path) -> Picked {
        Picked::Unavailable("this system offers no folder dialog".to_owned())
    }

    fn pick_pdf_to_save(&self, _title: &str, _folder: &Path, _file_name: &str) -> Picked {
        Picked::Unavailable("this system offers no file dialog".to_owned())
    }

    fn open_file(&self, _file: &Path) -> Result<(), String> {
        Err("this system offers no viewer to open it with".to_owned())
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
