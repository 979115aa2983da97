//! Every check-in, newest first, drawn from the loaded snapshot. Only the
//! rows in view are laid out, so years of history cost no more per frame than
//! a week. Deleting asks first and can be undone.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::command::Command;
use super::data::Data;
use super::event::{Event, OnEvent};
use super::record::{Record, RecordKey};
use super::{theme, widgets};
use crate::domain::pain::CheckIn;

const ROW_HEIGHT: f32 = 28.0;
const COLUMNS: [(&str, f32); 5] = [
    ("Date", 150.0),
    ("Pain", 50.0),
    ("Stress", 60.0),
    ("Warning signs", 110.0),
    ("Note", 240.0),
];

#[derive(Default)]
pub struct HistoryView {
    /// The day whose deletion waits for confirmation.
    confirm_delete: Option<NaiveDate>,
    /// The last deleted check-in, kept so it can be put back.
    undo: Option<CheckIn>,
    message: Option<String>,
}

impl OnEvent for HistoryView {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        match event {
            // A deletion went through: remember it for undo.
            Event::RecordDeleted(Ok(Record::CheckIn(checkin))) => {
                self.message = None;
                self.undo = Some(checkin.clone());
            }
            Event::RecordPutBack(Ok(_)) => self.undo = None,
            Event::RecordDeleted(Err(error)) | Event::RecordPutBack(Err(error)) => {
                self.message = Some(error.clone());
            }
            _ => {}
        }
        None
    }
}

impl HistoryView {
    pub fn ui(&mut self, ui: &mut Ui, data: &Data) -> Option<Command> {
        let mut command = None;
        ui.heading("History");
        ui.add_space(8.0);
        if let Some(error) = &data.error {
            widgets::error_ui(ui, &format!("Could not read your history: {error}"));
        }
        if let Some(message) = &self.message {
            widgets::error_ui(ui, message);
        }
        if let Some(undo) = &self.undo {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Deleted the check-in for {}.",
                    undo.date.format("%A %-d %B %Y")
                ));
                if ui.button("Undo").clicked() {
                    command = Some(Command::PutBackRecord(Record::CheckIn(undo.clone())));
                }
            });
        }
        if data.checkins.is_empty() {
            widgets::empty_state_ui(
                ui,
                "No check-ins yet",
                "Each day's pain rating will be listed here once you save it on the Today screen.",
            );
            return command;
        }
        widgets::hint_ui(
            ui,
            &format!(
                "{}. Open a day to change it.",
                crate::text::count(data.checkins.len(), "check-in", "check-ins")
            ),
        );
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                for (title, width) in COLUMNS {
                    ui.add_sized(
                        [width, ROW_HEIGHT],
                        egui::Label::new(RichText::new(title).strong()),
                    );
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, ROW_HEIGHT, data.checkins.len(), |ui, rows| {
                    for index in rows {
                        // Newest first.
                        let Some(c) = data.checkins.get(data.checkins.len() - 1 - index) else {
                            continue;
                        };
                        if let Some(c) = self.row_ui(ui, c) {
                            command = Some(c);
                        }
                    }
                });
        });
        if let Some(date) = self.confirm_delete
            && let Some(c) = self.confirm_ui(ui, date)
        {
            command = Some(c);
        }
        command
    }

    fn row_ui(&mut self, ui: &mut Ui, c: &CheckIn) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            let date = c.date.format("%a %-d %b %Y").to_string();
            if ui
                .add_sized([COLUMNS[0].1, ROW_HEIGHT], egui::Link::new(date))
                .on_hover_text("Open this day's check-in")
                .clicked()
            {
                command = Some(Command::ShowDate(c.date));
            }
            let stress = c.stress.map_or("–".to_owned(), |s| s.to_string());
            let flags = if c.red_flags.any() { "Yes" } else { "–" };
            for (text, width) in [
                (c.pain.to_string(), COLUMNS[1].1),
                (stress, COLUMNS[2].1),
                (flags.to_owned(), COLUMNS[3].1),
                (truncate(&c.note, 40), COLUMNS[4].1),
            ] {
                ui.add_sized([width, ROW_HEIGHT], egui::Label::new(text).truncate());
            }
            let delete = ui.small_button("Delete…");
            let label = format!("Delete the check-in for {}", c.date);
            delete
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
            if delete.clicked() {
                self.confirm_delete = Some(c.date);
            }
        });
        command
    }

    fn confirm_ui(&mut self, ui: &mut Ui, date: NaiveDate) -> Option<Command> {
        let mut command = None;
        let modal =
            egui::Modal::new(egui::Id::unique("confirm_delete_checkin")).show(ui.ctx(), |ui| {
                ui.set_width(360.0);
                widgets::section_title_ui(ui, "Delete this check-in?");
                ui.label(format!(
                "The check-in for {} will be removed. You can undo this until you leave Unknot.",
                date.format("%A %-d %B %Y")
            ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        command = Some(Command::DeleteRecord(RecordKey::CheckIn(date)));
                        self.confirm_delete = None;
                    }
                    if ui.button("Keep it").clicked() {
                        self.confirm_delete = None;
                    }
                });
            });
        if modal.should_close() {
            self.confirm_delete = None;
        }
        command
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    let one_line = text.replace(['\r', '\n'], " ");
    if one_line.chars().count() <= max_chars {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}
