//! Flare-ups on Today: a button that opens the form, and a line of the
//! day's flare-ups beside it. A flare-up never touches the check-in.

use chrono::NaiveDate;
use egui::Ui;

use super::super::command::Command;
use super::super::data::Data;
use super::super::event::Event;
use super::super::flare_form::{FlareAction, FlareForm};
use super::super::when::Now;

/// The button, and the form while it is open.
#[derive(Default)]
pub(super) struct FlareSection {
    form: Option<FlareForm>,
}

impl FlareSection {
    /// Whether the form's pain scale has the keyboard (so Today's own
    /// digits and Enter leave it alone).
    pub(super) fn has_focus(&self) -> bool {
        self.form.as_ref().is_some_and(FlareForm::pain_has_focus)
    }

    pub(super) fn on_event(&mut self, event: &Event) {
        if let Some(form) = &mut self.form {
            form.on_event(event);
        }
    }

    /// The button first (it stays where it is when the line beside it
    /// changes), the form beneath it.
    pub(super) fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        ui.horizontal_wrapped(|ui| {
            let open = self.form.is_some();
            let button = ui.add_enabled(!open, egui::Button::new("Log a flare-up"));
            let button = button.on_hover_text(
                "A moment of worse pain, with what set it off; your check-in stays as it is.",
            );
            if button.clicked() {
                let mut form = FlareForm::new();
                // Opened from the keyboard: it goes on to the form.
                if button.has_focus() {
                    form.focus_pain();
                }
                self.form = Some(form);
            }
            if let Some(line) = today_line(data, now.today()) {
                ui.label(line);
            }
        });
        let form = self.form.as_mut()?;
        ui.add_space(4.0);
        match form.ui(ui, now)? {
            FlareAction::Save(command) => Some(command),
            FlareAction::Cancel => {
                self.form = None;
                None
            }
        }
    }
}

/// "2 flare-ups today, worst 7", or nothing on a day without any.
fn today_line(data: &Data, today: NaiveDate) -> Option<String> {
    // Newest last, by instant: the day's are at the end (a day's worth of
    // slack for a change of time zone).
    let since = today.pred_opt().unwrap_or(today);
    let pains: Vec<u8> = (data.helps.flare_ups.iter().rev())
        .take_while(|f| f.record.date >= since)
        .filter(|f| f.record.date == today)
        .map(|f| f.record.pain.get())
        .collect();
    let worst = pains.iter().max()?;
    let count = crate::text::count(pains.len(), "flare-up", "flare-ups");
    Some(if pains.len() == 1 {
        format!("{count} today, pain {worst}.")
    } else {
        format!("{count} today, worst {worst}.")
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{DateTime, Utc};

    use super::*;
    use crate::domain::flare::FlareUp;
    use crate::domain::pain::Rating;
    use crate::store::Stored;

    #[test]
    fn the_line_counts_todays_flare_ups_and_names_the_worst() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut data = Data::default();
        assert_eq!(today_line(&data, today), None);
        for (id, (day, pain)) in [(today.pred_opt().unwrap(), 9), (today, 5), (today, 7)]
            .into_iter()
            .enumerate()
        {
            data.helps.flare_ups.push(Stored {
                id: i64::try_from(id).unwrap(),
                uid: id.to_string(),
                record: FlareUp {
                    at: DateTime::<Utc>::UNIX_EPOCH,
                    date: day,
                    pain: Rating::new(pain, "pain").unwrap(),
                    set_off_by: String::new(),
                    helped: String::new(),
                },
            });
        }
        assert_eq!(
            today_line(&data, today).as_deref(),
            Some("2 flare-ups today, worst 7.")
        );
    }
}
