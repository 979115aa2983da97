//! The days-off card: marking a range of days as sick, holiday or other,
//! and the ranges still to come. On days off streaks and targets hold and
//! reminders keep quiet.

use egui::Ui;

use crate::domain::days_off::DaysOff;
use crate::store::Stored;
use crate::ui::command::Command;
use crate::ui::days_off_fields::DaysOffFields;
use crate::ui::event::Event;
use crate::ui::when::Now;
use crate::ui::widgets;

/// The form's state between frames.
#[derive(Debug, Default)]
pub struct DaysOffCard {
    fields: DaysOffFields,
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
        self.fields.ui(ui, "days_off_form", today);
        if let Some(error) = &self.error {
            widgets::error_ui(ui, error);
        }
        if ui
            .add(widgets::accent_button(ui, "Mark as days off"))
            .clicked()
        {
            let range = self.fields.days_off(today, now.utc());
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
