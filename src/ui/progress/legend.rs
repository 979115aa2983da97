//! The row of coloured squares that explains a chart's colours.

use egui::{Color32, RichText, Ui};

use crate::ui::theme;

/// Coloured squares with their meaning, in a row.
pub fn legend_row_ui(ui: &mut Ui, items: &[(Color32, &str)]) {
    ui.horizontal_wrapped(|ui| {
        for (color, label) in items {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, egui::CornerRadius::same(2), *color);
            ui.label(
                RichText::new(*label)
                    .small()
                    .color(theme::palette(ui.ctx()).muted),
            );
            ui.add_space(6.0);
        }
    });
}
