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

/// A thin horizontal bar filled to `fraction` (0 to 1), for progress and scores.
/// Purely visual: the number it shows is always written beside it too.
pub fn meter_ui(ui: &mut Ui, fraction: f32, max_width: f32) {
    let width = ui.available_width().min(max_width);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 8.0), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, theme::TRACK);
    let filled = width * fraction.clamp(0.0, 1.0);
    if filled > 0.0 {
        let bar = egui::Rect::from_min_size(rect.min, egui::vec2(filled.max(8.0), rect.height()));
        painter.rect_filled(bar, 4.0, theme::ACCENT);
    }
}
