//! The week's strengthening against the target: three sessions, 30 to 45
//! minutes in all, from the week's counts in the data's facts.

use egui::{RichText, Ui};

use super::super::{theme, widgets};
use crate::domain::session::{
    STRENGTH_MINUTES_PER_WEEK as TARGET_MINUTES, STRENGTH_SESSIONS_PER_WEEK as STRENGTH_TARGET,
};
use crate::domain::trend::WeekCounts;

/// The week's strengthening (sessions and minutes) against the target.
pub fn week_target_ui(ui: &mut Ui, week: &WeekCounts) {
    let (sessions, minutes) = (week.strength, week.strength_minutes());
    let minutes = minutes.round() as u32;
    let (low, high) = TARGET_MINUTES;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "Strengthening this week");
        widgets::meter_ui(
            ui,
            sessions as f32 / STRENGTH_TARGET as f32,
            260.0,
            &format!("{sessions} of {STRENGTH_TARGET} sessions"),
        );
        widgets::meter_ui(
            ui,
            minutes as f32 / low as f32,
            260.0,
            &format!("{minutes} of {low}–{high} minutes"),
        );
        let text = if sessions >= STRENGTH_TARGET && minutes >= low {
            "Target reached for this week. Well done; rest days count too."
        } else {
            "Three short sessions a week, 10 to 15 minutes each, build the muscles \
                 that hold your shoulders back. Weeks start on Monday."
        };
        ui.label(RichText::new(text).color(theme::palette(ui.ctx()).muted));
    });
}
