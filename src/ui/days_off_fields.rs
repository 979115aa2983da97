//! The fields of a range of days off: the first and last day, each stepped
//! a day at a time, and why. Settings marks new days off with them; History
//! changes a saved range in them.

use chrono::{DateTime, Days, NaiveDate, Utc};
use egui::{RichText, Ui};

use crate::domain::dates::EARLIEST_RECORD_DATE;
use crate::domain::days_off::{DaysOff, Reason};

/// What the fields show between frames; `None` until first drawn (today,
/// and a holiday, then). The last day is never before the first.
#[derive(Debug, Default)]
pub struct DaysOffFields {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    reason: Option<Reason>,
}

impl DaysOffFields {
    /// The fields filled from a saved range.
    pub fn editing(days_off: &DaysOff) -> Self {
        Self {
            first: Some(days_off.first),
            last: Some(days_off.last),
            reason: Some(days_off.reason),
        }
    }

    /// The two days (up to a year after `today`) and the reason. `id`
    /// keeps the grids of two forms apart.
    pub fn ui(&mut self, ui: &mut Ui, id: &str, today: NaiveDate) {
        let mut first = self.first.unwrap_or(today);
        let mut last = self.last.unwrap_or(first).max(first);
        let latest = today.checked_add_days(Days::new(366)).unwrap_or(today);
        egui::Grid::new(id)
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("First day off");
                stepper_ui(ui, "first day off", &mut first, latest);
                ui.end_row();
                ui.label("Last day off");
                stepper_ui(ui, "last day off", &mut last, latest);
                ui.end_row();
            });
        self.first = Some(first);
        self.last = Some(last.max(first));
        ui.horizontal_wrapped(|ui| {
            ui.label("Why:");
            let mut reason = self.reason.unwrap_or(Reason::Holiday);
            for r in Reason::ALL {
                ui.selectable_value(&mut reason, r, r.label());
            }
            self.reason = Some(reason);
        });
    }

    /// The range as the fields stand, made at `created_at`.
    pub fn days_off(&self, today: NaiveDate, created_at: DateTime<Utc>) -> DaysOff {
        let first = self.first.unwrap_or(today);
        DaysOff {
            first,
            last: self.last.unwrap_or(first).max(first),
            reason: self.reason.unwrap_or(Reason::Holiday),
            created_at,
        }
    }
}

/// A day with a button a day either side, each named after what it moves
/// ("Earlier first day off"), from 1900 to `latest`.
fn stepper_ui(ui: &mut Ui, name: &str, date: &mut NaiveDate, latest: NaiveDate) {
    ui.horizontal(|ui| {
        let earlier = date
            .checked_sub_days(Days::new(1))
            .filter(|d| *d >= EARLIEST_RECORD_DATE);
        let back = ui.add_enabled(earlier.is_some(), egui::Button::new("‹"));
        back.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Earlier {name}"))
        });
        if back.clicked()
            && let Some(d) = earlier
        {
            *date = d;
        }
        ui.label(RichText::new(date.format("%a %-d %b %Y").to_string()).strong());
        let later = date.checked_add_days(Days::new(1)).filter(|d| *d <= latest);
        let forward = ui.add_enabled(later.is_some(), egui::Button::new("›"));
        forward.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Later {name}"))
        });
        if forward.clicked()
            && let Some(d) = later
        {
            *date = d;
        }
    });
}
