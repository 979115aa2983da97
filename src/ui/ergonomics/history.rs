//! Past re-checks: when each happened and its score, newest first.

use egui::{RichText, Ui};

use super::score_text;
use crate::domain::checklist::ChecklistReview;
use crate::ui::{theme, widgets};

pub(super) fn history_ui(ui: &mut Ui, reviews: &[ChecklistReview]) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "Past re-checks");
        if reviews.is_empty() {
            widgets::hint_ui(
                ui,
                "Each time you finish a re-check, its date and score are listed here.",
            );
            return;
        }
        egui::Grid::new("checklist_reviews")
            .striped(true)
            .num_columns(3)
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                for title in ["Date", "Score", ""] {
                    ui.label(RichText::new(title).strong());
                }
                ui.end_row();
                for review in reviews.iter().rev() {
                    ui.label(review.date.format("%a %-d %b %Y").to_string());
                    ui.label(score_text(review.score()));
                    if review.desk_changed {
                        ui.label(
                            RichText::new("After a desk change")
                                .color(theme::palette(ui.ctx()).muted),
                        );
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
    });
}
