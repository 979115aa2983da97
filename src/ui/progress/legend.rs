//! The colours of the kinds of session, shared by the weekly bars and the
//! calendar, and the row of coloured squares that explains them.

use egui::{Color32, RichText, Ui};

use crate::ui::theme;

pub const STRETCH: Color32 = Color32::from_rgb(0x6f, 0xae, 0xb0);
pub const STRENGTH: Color32 = theme::ACCENT;
pub const HEAT: Color32 = Color32::from_rgb(0xd9, 0x8c, 0x4a);

/// Coloured squares with their meaning, in a row.
pub fn legend_row_ui(ui: &mut Ui, items: &[(Color32, &str)]) {
    ui.horizontal_wrapped(|ui| {
        for (color, label) in items {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, egui::CornerRadius::same(2), *color);
            ui.label(RichText::new(*label).small().color(theme::MUTED));
            ui.add_space(6.0);
        }
    });
}
