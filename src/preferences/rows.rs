//! Preferences as rows: one (key, JSON value) pair per [`PreferenceKey`].
//!
//! Earlier versions saved some values as plain text (`1` for yes, `12w`,
//! `09:00`, `mon,tue`, an empty text for "none"); a value that is not JSON
//! of the right type is read in that form before it counts as unreadable.

use chrono::{NaiveTime, WeekdaySet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{PreferenceKey as Key, Preferences};
use crate::domain::trend::ProgressRange;
use crate::reminders::{TimeWindow, parse_day_codes, parse_time_text};

/// Active days in JSON: a list of day codes, `["mon","tue"]`.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
struct Days(#[serde(with = "crate::reminders::weekday_codes")] WeekdaySet);

/// How much of an unreadable value a warning quotes.
const QUOTE_CHARS: usize = 40;

impl Preferences {
    /// The JSON saved in the row of `key`.
    pub fn value_text(&self, key: Key) -> Result<String, serde_json::Error> {
        let r = &self.reminders;
        match key {
            Key::IntroDismissed => json(&self.intro_dismissed),
            Key::ProgressRange => json(&self.progress_range),
            Key::BaselinePain => json(&self.baseline_pain),
            Key::RemindersEnabled => json(&r.enabled),
            Key::PostureEnabled => json(&r.posture_enabled),
            Key::PostureEveryMins => json(&r.posture_every_mins),
            Key::ActiveStart => json(&r.active_hours.start),
            Key::ActiveEnd => json(&r.active_hours.end),
            Key::ActiveDays => json(&Days(r.active_days)),
            Key::StretchEveryHours => json(&r.stretch_every_hours),
            Key::CheckInAt => json(&r.check_in_at),
            Key::StrengthNudgeAt => json(&r.strength_nudge_at),
            Key::QuietStart => json(&r.quiet_hours.map(|q| q.start)),
            Key::QuietEnd => json(&r.quiet_hours.map(|q| q.end)),
            Key::PausedOn => json(&self.reminders_paused_on),
            Key::Snoozed => json(&self.reminders_snoozed),
            Key::WindowSize => json(&self.window_size),
            Key::WindowPosition => json(&self.window_position),
            Key::Zoom => json(&self.zoom),
            Key::Sounds => json(&self.sounds),
            Key::Appearance => json(&self.appearance),
            Key::KeepReminding => json(&self.keep_reminding),
            Key::ToldAboutBackground => json(&self.told_about_background),
            Key::VisitSummary => json(&self.visit_summary),
        }
    }

    /// Preferences from the rows of the settings table. A key that is not a
    /// preference is skipped (it may be data, or from a newer version); a
    /// missing preference keeps its default; an unreadable one keeps its
    /// default too, and so does a value out of range (see
    /// [`Preferences::validate`]), each with a warning that names the key.
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<String>) {
        let mut prefs = Self::default();
        let mut warnings = Vec::new();
        let mut quiet = QuietEnds::default();
        for (name, text) in rows {
            let Some(key) = Key::from_name(name) else {
                continue;
            };
            if prefs.read(key, text, &mut quiet).is_none() {
                warnings.push(format!(
                    "the saved value of {name} ({}) could not be read, so it is back to its \
                     default",
                    quote(text)
                ));
            }
        }
        match (quiet.start, quiet.end) {
            (Some(start), Some(end)) => {
                prefs.reminders.quiet_hours = Some(TimeWindow::new(start, end));
            }
            (None, None) => {}
            _ => warnings.push(format!(
                "only one of {} and {} is saved, so quiet hours are off",
                Key::QuietStart.name(),
                Key::QuietEnd.name()
            )),
        }
        warnings.extend(prefs.validate());
        (prefs, warnings)
    }

    /// Sets the preference of `key` from its saved text; `None` when the
    /// text is neither its JSON nor an earlier plain-text form.
    fn read(&mut self, key: Key, text: &str, quiet: &mut QuietEnds) -> Option<()> {
        let r = &mut self.reminders;
        match key {
            Key::IntroDismissed => self.intro_dismissed = parse(text, old_flag)?,
            Key::ProgressRange => {
                self.progress_range = parse(text, |t| ProgressRange::from_code(t.trim()))?;
            }
            Key::BaselinePain => self.baseline_pain = parse(text, old_baseline)?,
            Key::RemindersEnabled => r.enabled = parse(text, no_old_form)?,
            Key::PostureEnabled => r.posture_enabled = parse(text, no_old_form)?,
            Key::PostureEveryMins => r.posture_every_mins = parse(text, no_old_form)?,
            Key::ActiveStart => r.active_hours.start = parse(text, parse_time_text)?,
            Key::ActiveEnd => r.active_hours.end = parse(text, parse_time_text)?,
            Key::ActiveDays => r.active_days = parse(text, |t| parse_day_codes(t).map(Days))?.0,
            Key::StretchEveryHours => r.stretch_every_hours = parse(text, no_old_form)?,
            Key::CheckInAt => r.check_in_at = parse(text, old_optional_time)?,
            Key::StrengthNudgeAt => r.strength_nudge_at = parse(text, old_optional_time)?,
            Key::QuietStart => quiet.start = parse(text, old_optional_time)?,
            Key::QuietEnd => quiet.end = parse(text, old_optional_time)?,
            Key::PausedOn => self.reminders_paused_on = parse(text, no_old_form)?,
            Key::Snoozed => self.reminders_snoozed = parse(text, no_old_form)?,
            Key::WindowSize => self.window_size = parse(text, no_old_form)?,
            Key::WindowPosition => self.window_position = parse(text, no_old_form)?,
            Key::Zoom => self.zoom = parse(text, no_old_form)?,
            Key::Sounds => self.sounds = parse(text, no_old_form)?,
            Key::Appearance => self.appearance = parse(text, no_old_form)?,
            Key::KeepReminding => self.keep_reminding = parse(text, no_old_form)?,
            Key::ToldAboutBackground => {
                self.told_about_background = parse(text, no_old_form)?;
            }
            Key::VisitSummary => self.visit_summary = parse(text, no_old_form)?,
        }
        Some(())
    }
}

/// The two ends of the quiet hours, saved apart and read together.
#[derive(Default)]
struct QuietEnds {
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
}

fn json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

/// A saved value: its JSON, or else the form an earlier version wrote.
fn parse<T: DeserializeOwned>(text: &str, old_form: impl Fn(&str) -> Option<T>) -> Option<T> {
    serde_json::from_str(text).ok().or_else(|| old_form(text))
}

fn no_old_form<T>(_: &str) -> Option<T> {
    None
}

/// Yes or no, saved as `1` or `0`.
fn old_flag(text: &str) -> Option<bool> {
    match text.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// A baseline saved as text: a number, or nothing for "none".
fn old_baseline(text: &str) -> Option<Option<f64>> {
    let text = text.trim();
    if text.is_empty() {
        Some(None)
    } else {
        text.parse().ok().map(Some)
    }
}

/// A time of day saved as `HH:MM`, or nothing for "off".
fn old_optional_time(text: &str) -> Option<Option<NaiveTime>> {
    if text.trim().is_empty() {
        Some(None)
    } else {
        parse_time_text(text).map(Some)
    }
}

/// An unreadable value as a warning shows it: quoted, and cut short.
fn quote(text: &str) -> String {
    let mut shown: String = text.chars().take(QUOTE_CHARS).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}
