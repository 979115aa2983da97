//! The week's strengthening against the target: three sessions, 30 to 45
//! minutes in all, from the week's counts in the data's facts. Days off
//! lower the target in proportion (none in a week of six or seven).

use egui::{RichText, Ui};

use super::super::{theme, widgets};
use crate::domain::session::{STRENGTH_MINUTES_PER_WEEK, STRENGTH_SESSIONS_PER_WEEK};
use crate::domain::trend::WeekCounts;

/// The week's strengthening (sessions and minutes) against the target.
pub fn week_target_ui(ui: &mut Ui, week: &WeekCounts) {
    let (sessions, minutes) = (week.strength, week.strength_minutes());
    let minutes = minutes.round() as u32;
    let target = week.strength_target();
    let (low, high) = minutes_target(target);
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "Strengthening this week");
        if target == 0 {
            let done = crate::text::count(sessions as usize, "session", "sessions");
            widgets::meter_ui(ui, 0.0, 260.0, &format!("{done}, no target"));
        } else {
            widgets::meter_ui(
                ui,
                sessions as f32 / target as f32,
                260.0,
                &format!(
                    "{sessions} of {}",
                    crate::text::count(target as usize, "session", "sessions")
                ),
            );
            widgets::meter_ui(
                ui,
                minutes as f32 / low.max(1) as f32,
                260.0,
                &format!("{minutes} of {low}–{high} minutes"),
            );
        }
        let days_off = crate::text::count(week.days_off as usize, "day off", "days off");
        let text = if target == 0 {
            format!("With {days_off} this week, nothing is asked of it. Rest well.")
        } else if sessions >= target && minutes >= low {
            "Target reached for this week. Well done; rest days count too.".to_owned()
        } else if week.days_off > 0 && target < STRENGTH_SESSIONS_PER_WEEK {
            format!(
                "Fewer sessions this week, with {days_off}. Short sessions of 10 to 15 \
                 minutes build the muscles that hold your shoulders back."
            )
        } else {
            "Three short sessions a week, 10 to 15 minutes each, build the muscles \
             that hold your shoulders back. Weeks start on Monday."
                .to_owned()
        };
        ui.label(RichText::new(text).color(theme::palette(ui.ctx()).muted));
    });
}

/// The minutes worth aiming for with `target` sessions: 10 to 15 each, as
/// the full week's 30 to 45 for three.
fn minutes_target(target: u32) -> (u32, u32) {
    let (low, high) = STRENGTH_MINUTES_PER_WEEK;
    let per = STRENGTH_SESSIONS_PER_WEEK.max(1);
    (low * target / per, high * target / per)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minutes_follow_the_sessions_target() {
        assert_eq!(minutes_target(3), (30, 45));
        assert_eq!(minutes_target(2), (20, 30));
        assert_eq!(minutes_target(0), (0, 0));
    }
}
