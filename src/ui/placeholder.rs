//! A screen that is not built yet says what it will hold.

use egui::Ui;

use super::app::Command;
use super::widgets;

pub fn ui(ui: &mut Ui, title: &str, body: &str) -> Option<Command> {
    ui.heading(title);
    ui.add_space(8.0);
    widgets::empty_state_ui(ui, "Coming soon", body);
    None
}
