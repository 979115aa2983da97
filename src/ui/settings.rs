//! Settings and About.

use std::path::Path;

use egui::{RichText, Ui};

use super::app::Command;
use super::{theme, widgets};

pub fn ui(ui: &mut Ui, db_path: &Path) -> Option<Command> {
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
        widgets::section_title_ui(ui, &format!("About Unknot {}", env!("CARGO_PKG_VERSION")));
        ui.label(ABOUT);
    });
    None
}

/// Said once on first run and kept in About.
pub const ABOUT: &str = "Unknot helps you look after an aching upper back over weeks: a daily \
    pain rating, short stretch and strength routines, safe heat-pack timing and a desk \
    checklist. It gives structure to self-care; it does not diagnose anything. If something \
    feels wrong, or a warning sign appears, see a physical therapist or doctor.";
