//! The fields of a range of days off: the first and last day, each typed as
//! a date or stepped a day at a time, and why. Settings marks new days off
//! with them; History changes a saved range in them.

use chrono::{DateTime, Days, NaiveDate, Utc};
use egui::{RichText, Ui};

use crate::domain::dates::EARLIEST_RECORD_DATE;
use crate::domain::days_off::{DaysOff, Reason};
use crate::ui::widgets;

/// How a day is typed.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// What the fields show between frames; empty until first drawn (today,
/// and a holiday, then). A stepped last day is never before the first; a
/// typed one is taken as typed, and the range's own check refuses it.
#[derive(Debug, Default)]
pub struct DaysOffFields {
    first: DayField,
    last: DayField,
    reason: Option<Reason>,
}

/// One day of the range: the day in force, and the text of its field while
/// it is not that day written out (being typed, or not a date).
#[derive(Debug, Default)]
struct DayField {
    day: Option<NaiveDate>,
    typed: Option<String>,
}

impl DayField {
    fn on(day: NaiveDate) -> Self {
        Self {
            day: Some(day),
            typed: None,
        }
    }

    /// The day in force, or `fallback` until one is chosen.
    fn day_or(&self, fallback: NaiveDate) -> NaiveDate {
        self.day.unwrap_or(fallback)
    }

    /// Whether the text typed is not a day, with what to do about it.
    fn problem(&self, name: &str) -> Option<String> {
        let typed = self.typed.as_deref()?;
        parse_day(typed).is_none().then(|| {
            format!(
                "Type the {name} as a date like 2026-12-24, not \"{}\".",
                typed.trim()
            )
        })
    }

    /// Steps the day to `day`, writing it out in the field.
    fn step_to(&mut self, day: NaiveDate) {
        *self = Self::on(day);
    }
}

impl DaysOffFields {
    /// The fields filled from a saved range.
    pub fn editing(days_off: &DaysOff) -> Self {
        Self {
            first: DayField::on(days_off.first),
            last: DayField::on(days_off.last),
            reason: Some(days_off.reason),
        }
    }

    /// The two days (stepped up to a year after `today`) and the reason.
    /// `id` keeps the grids of two forms apart.
    pub fn ui(&mut self, ui: &mut Ui, id: &str, today: NaiveDate) {
        let latest = today.checked_add_days(Days::new(366)).unwrap_or(today);
        let first = self.first.day_or(today);
        self.first.day = Some(first);
        self.last.day = Some(self.last.day_or(first));
        let mut first_moved = false;
        egui::Grid::new(id)
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("First day off");
                first_moved = day_ui(
                    ui,
                    "first day off",
                    label.id,
                    &mut self.first,
                    EARLIEST_RECORD_DATE,
                    latest,
                );
                ui.end_row();
                let label = ui.label("Last day off");
                let earliest = self.first.day_or(first);
                day_ui(
                    ui,
                    "last day off",
                    label.id,
                    &mut self.last,
                    earliest,
                    latest,
                );
                ui.end_row();
            });
        // Moving the first day past the last takes the last along, unless
        // the last is being typed.
        if first_moved
            && self.last.typed.is_none()
            && let (Some(first), Some(last)) = (self.first.day, self.last.day)
            && last < first
        {
            self.last.step_to(first);
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("Why:");
            let mut reason = self.reason.unwrap_or(Reason::Holiday);
            for r in Reason::ALL {
                widgets::choice_value_ui(ui, &mut reason, r, r.label());
            }
            self.reason = Some(reason);
        });
    }

    /// The range as the fields stand, made at `created_at`, once checked
    /// against the rules for days off and the `others` already marked; a
    /// field whose text is not a date is refused with what to type instead.
    pub fn checked(
        &self,
        today: NaiveDate,
        created_at: DateTime<Utc>,
        others: &[DaysOff],
    ) -> Result<DaysOff, String> {
        if let Some(problem) = self
            .first
            .problem("first day off")
            .or_else(|| self.last.problem("last day off"))
        {
            return Err(problem);
        }
        let first = self.first.day_or(today);
        let range = DaysOff {
            first,
            last: self.last.day_or(first),
            reason: self.reason.unwrap_or(Reason::Holiday),
            created_at,
        };
        match range.validate(today, others) {
            Ok(()) => Ok(range),
            Err(why) => Err(widgets::sentence(&why.to_string())),
        }
    }
}

/// A day typed as YYYY-MM-DD, surrounding spaces allowed.
fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), DATE_FORMAT).ok()
}

/// A day's field between a button a day either side, each named after what
/// it moves ("Earlier first day off"), stepping from `earliest` to `latest`;
/// after it the day written out, or what is wrong with the text. The field
/// is named by `label` for screen readers. Whether the day moved.
fn day_ui(
    ui: &mut Ui,
    name: &str,
    label: egui::Id,
    field: &mut DayField,
    earliest: NaiveDate,
    latest: NaiveDate,
) -> bool {
    let Some(day) = field.day else {
        return false;
    };
    ui.horizontal(|ui| {
        let earlier = day
            .checked_sub_days(Days::new(1))
            .filter(|d| *d >= earliest);
        if step_button_ui(ui, "‹", &format!("Earlier {name}"), earlier).clicked()
            && let Some(d) = earlier
        {
            field.step_to(d);
        }
        let mut text = field
            .typed
            .clone()
            .unwrap_or_else(|| day.format(DATE_FORMAT).to_string());
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(96.0),
            )
            .labelled_by(label);
        if response.changed() {
            if let Some(typed) = parse_day(&text) {
                field.day = Some(typed);
            }
            field.typed = Some(text);
        }
        // A finished date is written out the usual way once the field is left.
        if !response.has_focus()
            && let Some(typed) = field.typed.as_deref()
            && parse_day(typed).is_some()
        {
            field.typed = None;
        }
        let day = field.day.unwrap_or(day);
        let later = day.checked_add_days(Days::new(1)).filter(|d| *d <= latest);
        if step_button_ui(ui, "›", &format!("Later {name}"), later).clicked()
            && let Some(d) = later
        {
            field.step_to(d);
        }
        if field.problem(name).is_some() {
            widgets::error_ui(ui, "not a date yet");
        } else {
            ui.label(RichText::new(day.format("%a %-d %b %Y").to_string()).strong());
        }
    });
    field.day != Some(day)
}

/// A step button, enabled while there is a day to step to.
fn step_button_ui(ui: &mut Ui, text: &str, name: &str, to: Option<NaiveDate>) -> egui::Response {
    let button = ui.add_enabled(to.is_some(), egui::Button::new(text));
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    button
}
