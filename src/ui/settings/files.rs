//! Settings' "Export and import" card: the folder (typed, or chosen in the
//! desktop's dialog when there is one), the two buttons, and the question
//! asked before an export replaces the files of an earlier one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;

use super::Outcome;
use crate::csv_files::Overwrite;
use crate::text::and_list;
use crate::ui::command::Command;
use crate::ui::desktop_files::{DesktopFiles, OpenDialog, Picked};
use crate::ui::widgets;

pub struct FilesCard {
    /// The folder export writes to and import reads from, as typed or chosen.
    folder: String,
    /// The last export or import (or folder dialog) outcome.
    outcome: Option<Outcome>,
    dialog: Arc<dyn DesktopFiles>,
    /// A folder dialog running on its own thread, so the window keeps drawing.
    picking: Option<OpenDialog>,
    /// An export that found an earlier one's files, waiting for the person
    /// to say whether to replace them: the folder and the files' names.
    replacing: Option<(PathBuf, Vec<&'static str>)>,
}

impl FilesCard {
    pub fn new(default_folder: &Path, dialog: Arc<dyn DesktopFiles>) -> Self {
        Self {
            folder: default_folder.display().to_string(),
            outcome: None,
            dialog,
            picking: None,
            replacing: None,
        }
    }

    pub fn set_dialog(&mut self, dialog: Arc<dyn DesktopFiles>) {
        self.dialog = dialog;
    }

    /// An export or import finished.
    pub fn done(&mut self, outcome: Outcome) {
        self.outcome = Some(outcome);
    }

    /// An export stopped short of replacing an earlier one's files.
    pub fn ask_to_replace(&mut self, folder: &Path, files: &[&'static str]) {
        self.outcome = None;
        self.replacing = Some((folder.to_path_buf(), files.to_vec()));
    }

    /// Picks up the folder chosen in the dialog, if it has closed.
    pub fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(picked) = OpenDialog::take_answer(&mut self.picking) else {
            return;
        };
        match picked {
            Picked::Path(folder) => {
                self.folder = folder.display().to_string();
                self.replacing = None;
            }
            Picked::Cancelled => {}
            Picked::Unavailable(why) => {
                self.outcome = Some(Outcome::Failed(widgets::sentence(&format!(
                    "No folder dialog can be opened here: {why}. Type the folder's full \
                     path in the Folder field instead."
                ))));
                ctx.memory_mut(|m| m.request_focus(folder_field_id()));
            }
        }
    }

    fn choose_folder(&mut self, ctx: &egui::Context) {
        let start = PathBuf::from(self.folder.trim());
        let dialog = Arc::clone(&self.dialog);
        let opened = OpenDialog::start(ctx, move || {
            dialog.pick_folder("Choose a folder for Unknot's CSV files", &start)
        });
        match opened {
            Ok(open) => self.picking = Some(open),
            Err(e) => {
                self.outcome = Some(Outcome::Failed(format!(
                    "Could not open a folder dialog ({e}); type the folder's full path instead."
                )));
            }
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
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
                    .id(folder_field_id())
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
                self.replacing = None;
                command = Some(Command::ExportCsv {
                    folder: folder.clone(),
                    overwrite: Overwrite::Never,
                });
            }
            if ui
                .add_enabled(has_folder, egui::Button::new("Import CSV"))
                .clicked()
            {
                self.replacing = None;
                command = Some(Command::ImportCsv(folder));
            }
        });
        if let Some(c) = self.replace_question_ui(ui) {
            command = Some(c);
        }
        super::outcome_ui(ui, self.outcome.as_ref());
        command
    }

    /// "These files are there already": replace them, or leave them be.
    fn replace_question_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let (folder, files) = self.replacing.as_ref()?;
        let mut command = None;
        let mut close = false;
        let names = and_list(files);
        let (verb, them) = if files.len() == 1 {
            ("is", "it")
        } else {
            ("are", "them")
        };
        ui.label(format!(
            "{names} from an earlier export {verb} already in {}. Exporting here replaces \
             {them} with your data as it is now.",
            folder.display()
        ));
        ui.horizontal(|ui| {
            if ui.button("Replace them").clicked() {
                command = Some(Command::ExportCsv {
                    folder: folder.clone(),
                    overwrite: Overwrite::Replace,
                });
                close = true;
            }
            if ui.button("Cancel").clicked() {
                self.outcome = Some(Outcome::Done(format!(
                    "Nothing was exported; the files in {} are as they were.",
                    folder.display()
                )));
                close = true;
            }
        });
        if close {
            self.replacing = None;
        }
        command
    }
}

fn folder_field_id() -> egui::Id {
    egui::Id::unique("settings_csv_folder")
}
