//! Every check-in, newest first, from a cache refreshed after each write.

use egui::{RichText, Ui};

use super::app::{Command, Data};
use super::{theme, widgets};

#[derive(Default)]
pub struct HistoryView {}

impl HistoryView {
    pub fn ui(&mut self, ui: &mut Ui, data: &Data) -> Option<Command> {
        let mut command = None;
        ui.heading("History");
        ui.add_space(8.0);
        if let Some(error) = &data.error {
            widgets::error_ui(ui, &format!("Could not read your history: {error}"));
        }
        if data.checkins.is_empty() {
            widgets::empty_state_ui(
                ui,
                "No check-ins yet",
                "Each day's pain rating will be listed here once you save it on the Today screen.",
            );
            return None;
        }
        theme::card().show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui::Grid::new("history_grid")
                .striped(true)
                .num_columns(5)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    for title in ["Date", "Pain", "Stress", "Warning signs", "Note"] {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    for c in data.checkins.iter().rev() {
                        if ui
                            .link(c.date.format("%a %-d %b %Y").to_string())
                            .on_hover_text("Open this day's check-in")
                            .clicked()
                        {
                            command = Some(Command::ShowDate(c.date));
                        }
                        ui.label(c.pain.to_string());
                        ui.label(c.stress.map_or("–".to_owned(), |s| s.to_string()));
                        ui.label(if c.red_flags.any() { "Yes" } else { "–" });
                        ui.label(truncate(&c.note, 60));
                        ui.end_row();
                    }
                });
        });
        command
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}
