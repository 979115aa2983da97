//! Export, import and backup from the Settings screen.

use std::path::{Path, PathBuf};

use super::UnknotApp;
use crate::csv_files::{ExportError, FolderUse, Overwrite, check_folder};
use crate::text::count;
use crate::ui::event::Event;
use crate::ui::widgets::sentence;

impl UnknotApp {
    /// Writes every CSV file into `folder` and says where. Read record
    /// by record, so that a damaged store still gives up what it can. Files
    /// of an earlier export there are replaced only with `overwrite`;
    /// otherwise the event names them, so the person can be asked.
    pub(super) fn export_csv(&mut self, folder: &Path, overwrite: Overwrite) -> Event {
        if let Err(problem) = check_folder(folder, FolderUse::Export) {
            return Event::CsvDone(Err(sentence(&format!("Nothing was exported: {problem}"))));
        }
        let salvage = self.store.salvage();
        let outcome = crate::csv_files::export_dir(folder, &salvage.set, overwrite);
        Event::CsvDone(match outcome {
            Err(ExportError::WouldReplace { dir, files }) => {
                return Event::ExportWouldReplace { folder: dir, files };
            }
            Ok(report) => {
                let mut text = format!(
                    "Exported {} to {}.",
                    exported_counts(&salvage.set),
                    report
                        .files
                        .first()
                        .and_then(|f| f.path.parent())
                        .unwrap_or(folder)
                        .display()
                );
                if !salvage.skipped.is_empty() {
                    text.push_str(&format!(
                        " The database is damaged: {} could not be read ({}).",
                        salvage.skipped.len(),
                        salvage.skipped.join("; ")
                    ));
                }
                Ok(text)
            }
            Err(e) => Err(format!("Nothing was exported: {e}")),
        })
    }

    /// Reads CSV files from `folder`, checks every row, adds what is new.
    pub(super) fn import_csv(&mut self, folder: &Path) -> Event {
        if let Err(problem) = check_folder(folder, FolderUse::Import) {
            return Event::CsvDone(Err(sentence(&format!("Nothing was imported: {problem}"))));
        }
        let outcome = match crate::csv_files::read_dir(folder, self.clock.today()) {
            Err(errors) => Err(capitalize(&errors.to_string())),
            Ok(set) => match self.store.import(&set) {
                Ok(counts) => {
                    self.reload_data();
                    Ok(counts.to_string())
                }
                Err(e) => Err(format!("Nothing was imported: {e}")),
            },
        };
        Event::CsvDone(outcome)
    }

    /// A checked backup now, beside the daily ones.
    pub(super) fn backup_now(&mut self) -> Event {
        let dest = self
            .store
            .backup_dir()
            .join(crate::store::backup::manual_file_name(
                self.clock.local_now(),
            ));
        Event::BackupDone(match self.store.backup_to(&dest) {
            Ok(made) => Ok(format!("Backed up to {}.", made.display())),
            Err(e) => Err(format!("The backup failed: {e}")),
        })
    }
}

impl UnknotApp {
    /// Replaces the data with a backup, in place: the open store takes the
    /// backup's contents in one transaction, and what it held is kept beside
    /// it as a new file.
    pub(super) fn restore_backup(&mut self, file: &Path) -> Event {
        let outcome = match self.store.restore_from(file, self.clock.utc_now()) {
            Ok(kept) => {
                self.reload_data();
                Ok(format!(
                    "Restored {}. Your data as it was before is kept as {}.",
                    file.display(),
                    kept.display()
                ))
            }
            Err(e) => Err(format!("Nothing was restored: {e}")),
        };
        Event::BackupDone(outcome)
    }
}

/// "3 check-ins, 2 sessions and 5 checklist answers": the three kinds every
/// export has always, the newer ones when there are some.
fn exported_counts(set: &crate::domain::keyed::RecordSet) -> String {
    let mut parts = vec![
        count(set.checkins.len(), "check-in", "check-ins"),
        count(set.sessions.len(), "session", "sessions"),
        count(set.checklist.len(), "checklist answer", "checklist answers"),
    ];
    for (n, one, many) in [
        (set.flare_ups.len(), "flare-up", "flare-ups"),
        (
            set.days_off.len(),
            "range of days off",
            "ranges of days off",
        ),
        (set.experiments.len(), "experiment", "experiments"),
        (
            set.activities.len(),
            "function-check activity",
            "function-check activities",
        ),
        (
            set.function_ratings.len(),
            "function-check score",
            "function-check scores",
        ),
    ] {
        if n > 0 {
            parts.push(count(n, one, many));
        }
    }
    let names: Vec<&str> = parts.iter().map(String::as_str).collect();
    crate::text::and_list(&names)
}

/// Where exports go unless another folder is chosen: `exports/` in the data folder.
pub(super) fn default_export_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("exports")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
