//! The days-off card: marking a range of days as sick, holiday or other,
//! and the ranges still to come. On days off streaks and targets hold and
//! reminders keep quiet.

use chrono::{Days, NaiveDate};
use egui::{RichText, Ui};

use crate::domain::days_off::{DaysOff, Reason};
use crate::store::Stored;
use crate::ui::command::Command;
use crate::ui::event::Event;
use crate::ui::when::Now;
use crate::ui::widgets;

/// The form's state between frames.
#[derive(Debug, Default)]
pub struct DaysOffCard {
    /// The first and last day chosen; `None` before the card is first drawn
    /// (today then). The last day is never before the first.
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    reason: Option<Reason>,
    error: Option<String>,
    saved: Option<String>,
}

impl DaysOffCard {
    pub fn ui(&mut self, ui: &mut Ui, days_off: &[Stored<DaysOff>], now: &Now) -> Option<Command> {
        let today = now.today();
        let mut command = None;
        widgets::section_title_ui(ui, "Days off");
        widgets::hint_ui(
            ui,
            "Sick, on holiday or away: on days off reminders keep quiet, streaks and \
             weekly targets hold, and a missing check-in does not count.",
        );
        let coming: Vec<&Stored<DaysOff>> =
            days_off.iter().filter(|d| d.record.last >= today).collect();
        for d in &coming {
            ui.label(format!(
                "{} to {}: {}",
                d.record.first.format("%a %-d %b %Y"),
                d.record.last.format("%a %-d %b %Y"),
                d.record.reason.label().to_lowercase()
            ));
        }
        if !coming.is_empty() {
            widgets::hint_ui(ui, "Change or delete days off in History.");
        }
        let mut first = self.first.unwrap_or(today);
        let mut last = self.last.unwrap_or(first).max(first);
        let latest = today.checked_add_days(Days::new(366)).unwrap_or(today);
        egui::Grid::new("days_off_form")
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
        if let Some(error) = &self.error {
            widgets::error_ui(ui, error);
        }
        if ui
            .add(widgets::accent_button(ui, "Mark as days off"))
            .clicked()
        {
            let range = DaysOff {
                first,
                last: last.max(first),
                reason: self.reason.unwrap_or(Reason::Holiday),
                created_at: now.utc(),
            };
            let existing: Vec<DaysOff> = days_off.iter().map(|d| d.record.clone()).collect();
            match range.validate(today, &existing) {
                Ok(()) => command = Some(Command::MarkDaysOff(range)),
                Err(e) => {
                    self.error = Some(widgets::sentence(&e.to_string()));
                    self.saved = None;
                }
            }
        }
        // Last, so it moves nothing the person may click next.
        if let Some(saved) = &self.saved {
            widgets::success_ui(ui, saved);
        }
        command
    }

    pub fn on_event(&mut self, event: &Event) {
        if let Event::DaysOffMarked(result) = event {
            match result {
                Ok(stored) => {
                    let d = &stored.record;
                    *self = Self {
                        saved: Some(format!(
                            "Marked {} to {} as days off.",
                            d.first.format("%-d %B"),
                            d.last.format("%-d %B")
                        )),
                        ..Self::default()
                    };
                }
                Err(e) => {
                    self.error = Some(e.clone());
                    self.saved = None;
                }
            }
        }
    }
}

/// A day with a button a day either side, each named after what it moves
/// ("Earlier first day off"), from 1900 to `latest`.
fn stepper_ui(ui: &mut Ui, name: &str, date: &mut NaiveDate, latest: NaiveDate) {
    ui.horizontal(|ui| {
        let earlier = date
            .checked_sub_days(Days::new(1))
            .filter(|d| *d >= crate::domain::dates::EARLIEST_RECORD_DATE);
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
