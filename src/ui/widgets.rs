//! Shared widgets: the 0-10 scale, section headings, empty states, messages.

use egui::{RichText, Role, Ui, WidgetInfo};

use super::theme;
use crate::domain::pain::Rating;

/// A row of eleven buttons, 0 to 10, with the meaning of both ends beneath.
/// Clicking the chosen one again clears it when `optional`. Each button's
/// accessible name is "`name` N". Returns true when the value changed.
pub fn rating_scale_ui(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<Rating>,
    optional: bool,
    ends: (&str, &str),
) -> bool {
    let mut changed = false;
    let row = ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for rating in Rating::all() {
            let selected = *value == Some(rating);
            let text = RichText::new(rating.to_string()).size(17.0);
            let button = egui::Button::selectable(selected, text)
                .frame_when_inactive(true)
                .min_size(egui::vec2(38.0, 38.0));
            let response = ui.add(button);
            let label = format!("{name} {rating}");
            response
                .widget_info(|| WidgetInfo::selected(Role::Button, true, selected, label.clone()));
            if response.clicked() {
                *value = if selected && optional {
                    None
                } else {
                    Some(rating)
                };
                changed = true;
            }
        }
    });
    let width = row.response.rect.width();
    ui.allocate_ui(egui::vec2(width, 16.0), |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(ends.0).small().color(theme::MUTED));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(ends.1).small().color(theme::MUTED));
            });
        });
    });
    changed
}

/// A section title inside a card.
pub fn section_title_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(17.0).strong());
}

/// A short muted explanation.
pub fn hint_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::MUTED));
}

/// An error in red, next to the input it is about.
pub fn error_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::ERROR_TEXT));
}

/// A confirmation in green.
pub fn success_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::OK_TEXT));
}

/// What a screen will hold, for screens with nothing to show yet.
pub fn empty_state_ui(ui: &mut Ui, title: &str, body: &str) {
    theme::card().show(ui, |ui| {
        ui.set_width(ui.available_width());
        section_title_ui(ui, title);
        hint_ui(ui, body);
    });
}

/// The prominent "please see a professional" notice, with its reasons.
pub fn professional_notice_ui(ui: &mut Ui, heading: &str, reasons: &[String], advice: &str) {
    theme::warning_card().show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(heading)
                .size(18.0)
                .strong()
                .color(theme::WARN_TEXT),
        );
        for reason in reasons {
            ui.label(RichText::new(format!("• {reason}")).color(theme::WARN_TEXT));
        }
        ui.label(RichText::new(advice).color(theme::WARN_TEXT));
    });
}
