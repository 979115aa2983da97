//! The small window shown instead of the app when the database in the data
//! folder cannot be opened (damaged, another program's, or from a newer
//! Unknot). Someone who started Unknot from the menu sees no terminal, so
//! the reason and the ways out are shown here: restore a backup (the refused
//! file is kept aside, whole), or open the folder to look for themselves.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, Ui};

use super::{theme, widgets};
use crate::domain::clock::Clock;
use crate::store::backup;

/// How many of the newest backups are offered.
const BACKUPS_SHOWN: usize = 8;

pub struct RefusedApp {
    reason: String,
    data_dir: PathBuf,
    clock: Arc<dyn Clock>,
    backups: Vec<widgets::BackupChoice>,
    /// The backup whose restore is waiting for confirmation.
    confirming: Option<PathBuf>,
    outcome: Option<Result<String, String>>,
}

impl RefusedApp {
    pub fn new(
        ctx: &egui::Context,
        reason: String,
        data_dir: PathBuf,
        clock: Arc<dyn Clock>,
    ) -> Self {
        theme::apply(ctx);
        let backups = backup::list_backups(&data_dir.join(backup::BACKUP_DIR_NAME));
        Self {
            reason,
            data_dir,
            clock,
            backups: backups
                .into_iter()
                .take(BACKUPS_SHOWN)
                .map(widgets::BackupChoice::read)
                .collect(),
            confirming: None,
            outcome: None,
        }
    }

    fn restore(&mut self, file: &Path) {
        let result = backup::restore_over_refused(&self.data_dir, file, self.clock.utc_now());
        self.outcome = Some(match result {
            Ok(kept) => Ok(format!(
                "Restored {}. The file that could not be opened is kept as {}. \
                 Close this window and start Unknot again.",
                file_name(file),
                kept.display()
            )),
            Err(e) => Err(widgets::sentence(&format!("Nothing was restored: {e}"))),
        });
    }

    fn backups_ui(&mut self, ui: &mut Ui) {
        widgets::section_title_ui(ui, "Restore a backup");
        if self.backups.is_empty() {
            widgets::hint_ui(
                ui,
                "There are no backups in this data folder. To restore one kept elsewhere, run \
                 unknot restore FILE in a terminal.",
            );
            return;
        }
        widgets::hint_ui(
            ui,
            "The file that could not be opened is kept beside the new one; nothing is deleted.",
        );
        if let Some(file) = widgets::backup_choices_ui(ui, &self.backups, &mut self.confirming) {
            self.restore(&file);
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl eframe::App for RefusedApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default()
            .frame(theme::page_frame(ui))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new("Unknot cannot open your data")
                                .size(22.0)
                                .strong(),
                        );
                        ui.add_space(theme::GAP);
                        widgets::error_ui(ui, &widgets::sentence(&self.reason));
                        ui.add_space(theme::GAP);
                        match &self.outcome {
                            Some(Ok(text)) => widgets::success_ui(ui, text),
                            Some(Err(text)) => widgets::error_ui(ui, text),
                            None => {}
                        }
                        if !matches!(self.outcome, Some(Ok(_))) {
                            self.backups_ui(ui);
                        }
                        ui.add_space(theme::GAP);
                        widgets::section_title_ui(ui, "Look at the folder");
                        widgets::hint_ui(ui, &self.data_dir.display().to_string());
                        if ui.button("Open the data folder").clicked() {
                            // The desktop's file manager; without one, the path above says where.
                            let _ = std::process::Command::new("xdg-open")
                                .arg(&self.data_dir)
                                .spawn();
                        }
                    });
            });
        theme::paint_focus_ring(ui.ctx());
    }
}
