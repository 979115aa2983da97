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
        self.fields.ui(ui, "days_off_form", today);
        if ui
            .add(widgets::accent_button(ui, "Mark as days off"))
            .clicked()
        {
            let existing: Vec<DaysOff> = days_off.iter().map(|d| d.record.clone()).collect();
            match self.fields.checked(today, now.utc(), &existing) {
                Ok(range) => command = Some(Command::MarkDaysOff(range)),
                Err(why) => {
                    self.error = Some(why);
                    self.saved = None;
                }
            }
        }
        // Everything that comes and goes sits below the button, so a click
        // never moves what the pointer is over.
        if let Some(error) = &self.error {
            widgets::error_ui(ui, error);
        }
        if let Some(saved) = &self.saved {
            widgets::success_ui(ui, saved);
        }
        let coming: Vec<&Stored<DaysOff>> =
            days_off.iter().filter(|d| d.record.last >= today).collect();
        if !coming.is_empty() {
            ui.add_space(4.0);
            ui.label("Marked and still to come:");
            for d in &coming {
                ui.label(format!(
                    "{}: {}",
                    range_words(&d.record, "%a %-d %b %Y"),
                    d.record.reason.label().to_lowercase()
                ));
            }
            widgets::hint_ui(ui, "Change or delete days off in History.");
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
                            "Marked {} as {}.",
                            range_words(d, "%-d %B"),
                            if d.first == d.last {
                                "a day off"
                            } else {
                                "days off"
                            }
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

/// "3 December" for one day, "3 December to 5 December" for more, in the
/// given date format.
fn range_words(d: &DaysOff, format: &str) -> String {
    if d.first == d.last {
        d.first.format(format).to_string()
    } else {
        format!("{} to {}", d.first.format(format), d.last.format(format))
    }
}
