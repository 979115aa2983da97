//! The week's strengthening against the target: three sessions, 30 to 45
//! minutes in all. Counted from the app's data snapshot once per revision.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::super::{theme, widgets};
use crate::domain::dates::week_start;
use crate::domain::session::{
    STRENGTH_MINUTES_PER_WEEK as TARGET_MINUTES, STRENGTH_SESSIONS_PER_WEEK as STRENGTH_TARGET,
};
use crate::domain::trend::{WeekCounts, weekly_counts};
use crate::ui::data::Data;

/// This week's counts, kept until the data or the week changes.
#[derive(Default)]
pub struct WeekTarget {
    /// The data revision and the Monday the counts were made for.
    key: Option<(u64, NaiveDate)>,
    counts: Option<WeekCounts>,
}

impl WeekTarget {
    /// Recounts only when the data changed or a new week began.
    pub fn refresh(&mut self, data: &Data, today: NaiveDate) {
        let key = (data.revision, week_start(today));
        if self.key != Some(key) {
            self.counts = weekly_counts(&data.sessions, today, today)
                .into_iter()
                .next();
            self.key = Some(key);
        }
    }

    pub fn ui(&self, ui: &mut Ui) {
        let (sessions, minutes) = self
            .counts
            .map_or((0, 0.0), |c| (c.strength, c.strength_minutes()));
        let minutes = minutes.round() as u32;
        let (low, high) = TARGET_MINUTES;
        theme::card().show(ui, |ui| {
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
            ui.label(RichText::new(text).color(theme::MUTED));
        });
    }
}
