//! Settings: where the data lives, CSV export and import, backups, and About.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{RichText, Ui};

use super::app::Command;
use super::{theme, widgets};

/// Said once on first run and kept in About.
pub const ABOUT: &str = "Unknot helps you look after an aching upper back over weeks: a daily \
    pain rating, short stretch and strength routines, safe heat-pack timing and a desk \
    checklist. It gives structure to self-care; it does not diagnose anything. If something \
    feels wrong, or a warning sign appears, see a physical therapist or doctor.";

/// The outcome of the last export, import or backup, shown beside its buttons.
pub enum Outcome {
    Done(String),
    Failed(String),
}

pub struct SettingsScreen {
    /// The folder export writes to and import reads from, as typed or chosen.
    folder: String,
    outcome: Option<Outcome>,
    /// A folder dialog running on its own thread, so the window keeps drawing.
    picking: Option<Receiver<Option<PathBuf>>>,
}

impl SettingsScreen {
    pub fn new(default_folder: &Path) -> Self {
        Self {
            folder: default_folder.display().to_string(),
            outcome: None,
            picking: None,
        }
    }

    pub fn finished(&mut self, outcome: Outcome) {
        self.outcome = Some(outcome);
    }

    /// Picks up the folder chosen in the dialog, if it has closed.
    pub fn poll_dialog(&mut self) {
        let Some(rx) = &self.picking else { return };
        match rx.try_recv() {
            Ok(Some(folder)) => {
                self.folder = folder.display().to_string();
                self.picking = None;
            }
            Ok(None) => self.picking = None,
            Err(TryRecvError::Disconnected) => {
                self.picking = None;
                self.outcome = Some(Outcome::Failed(
                    "No folder dialog is available here; type the folder's path instead."
                        .to_owned(),
                ));
            }
            Err(TryRecvError::Empty) => {}
        }
    }

    fn choose_folder(&mut self, ctx: &egui::Context) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let start = PathBuf::from(&self.folder);
        let spawned = std::thread::Builder::new()
            .name("folder-dialog".to_owned())
            .spawn(move || {
                let chosen = rfd::FileDialog::new()
                    .set_title("Choose a folder for Unknot's CSV files")
                    .set_directory(start)
                    .pick_folder();
                let _ = tx.send(chosen);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.picking = Some(rx),
            Err(e) => {
                self.outcome = Some(Outcome::Failed(format!(
                    "Could not open a folder dialog ({e}); type the folder's path instead."
                )));
            }
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, db_path: &Path, backup_dir: &Path) -> Option<Command> {
        let mut command = None;
        ui.heading("Settings");
        ui.add_space(8.0);
        theme::card().show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Your data");
            widgets::hint_ui(
                ui,
                "Everything stays on this computer, in one file. Nothing is sent anywhere.",
            );
            ui.label(RichText::new(db_path.display().to_string()).monospace());
        });
        ui.add_space(theme::GAP);

        theme::card().show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Export and import");
            widgets::hint_ui(
                ui,
                "Export writes checkins.csv, sessions.csv and checklist.csv, which any \
                 spreadsheet opens. Import reads the same files back, checks every row first, \
                 and adds only what is not here yet.",
            );
            ui.horizontal(|ui| {
                let label = ui.label("Folder");
                ui.add(
                    egui::TextEdit::singleline(&mut self.folder)
                        .desired_width(ui.available_width() - 110.0),
                )
                .labelled_by(label.id);
                let choose = ui.add_enabled(self.picking.is_none(), egui::Button::new("Choose…"));
                if choose.clicked() {
                    self.choose_folder(ui.ctx());
                }
            });
            ui.horizontal(|ui| {
                let folder = PathBuf::from(self.folder.trim());
                let has_folder = !self.folder.trim().is_empty();
                if ui
                    .add_enabled(has_folder, egui::Button::new("Export CSV"))
                    .clicked()
                {
                    command = Some(Command::ExportCsv(folder.clone()));
                }
                if ui
                    .add_enabled(has_folder, egui::Button::new("Import CSV"))
                    .clicked()
                {
                    command = Some(Command::ImportCsv(folder));
                }
            });
            self.outcome_ui(ui);
        });
        ui.add_space(theme::GAP);

        theme::card().show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Backups");
            widgets::hint_ui(
                ui,
                "Unknot copies your data once a day when it starts, and before any upgrade \
                 of its file format, keeping the last 7 days and 4 older weeks. To go back to \
                 a backup, close Unknot and run: unknot restore FILE",
            );
            ui.label(RichText::new(backup_dir.display().to_string()).monospace());
            if ui.button("Back up now").clicked() {
                command = Some(Command::BackupNow);
            }
        });
        ui.add_space(theme::GAP);

        theme::card().show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, &format!("About Unknot {}", env!("CARGO_PKG_VERSION")));
            ui.label(ABOUT);
        });
        command
    }

    fn outcome_ui(&self, ui: &mut Ui) {
        match &self.outcome {
            Some(Outcome::Done(text)) => widgets::success_ui(ui, text),
            Some(Outcome::Failed(text)) => widgets::error_ui(ui, text),
            None => {}
        }
    }
}
