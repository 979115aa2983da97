//! Preferences: every choice the person made that outlives the window, and
//! the reminder pause and snooze in force, as one typed value.
//!
//! No egui and no SQL here. The store keeps one row per [`PreferenceKey`],
//! its value in JSON, so that two processes saving different preferences
//! never undo each other's change (see `rows` for the encoding, including the
//! plain-text forms earlier versions saved, which are still read). A value
//! that is unreadable falls back to its default, and one out of range is
//! brought back into it by the rules the app has always applied, each with a
//! warning; nothing here panics.

mod rows;
mod window;

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::paper::Paper;
use crate::domain::trend::ProgressRange;
use crate::domain::visit::{DEFAULT_WEEKS, OFFERED_WEEKS, PeriodChoice};
use crate::reminders::{MAX_STRETCH_HOURS, POSTURE_MINS, ReminderSettings, Snooze};

pub use window::{WindowPosition, WindowSize, Zoom};

/// The pain levels a baseline may take.
pub const BASELINE_RANGE: RangeInclusive<f64> = 0.0..=10.0;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The note on Today about what Unknot is (and is not) was put away.
    pub intro_dismissed: bool,
    /// The span of days Progress shows.
    pub progress_range: ProgressRange,
    /// A pain level (0 to 10) the person set to measure change against;
    /// `None` means the mean of the first check-ins.
    pub baseline_pain: Option<f64>,
    pub reminders: ReminderSettings,
    /// "Pause for today": no reminders on this local date.
    pub reminders_paused_on: Option<NaiveDate>,
    /// "In 10 minutes": no reminders until this instant, then the snoozed one.
    pub reminders_snoozed: Option<Snooze>,
    /// The window's size when it was last left; `None` for the usual size.
    pub window_size: Option<WindowSize>,
    /// Where the window was last left; `None` lets the desktop place it
    /// (always so on Wayland, which does not tell).
    pub window_position: Option<WindowPosition>,
    pub zoom: Zoom,
    /// Whether the end of a hold or of a heat session asks the desktop for a sound.
    pub sounds: Sounds,
    /// Light or dark, or as the desktop asks.
    pub appearance: Appearance,
    /// Whether reminders go on from the background process once the
    /// window is closed.
    pub keep_reminding: KeepReminding,
    /// The first close with reminders kept on has said where Unknot went.
    pub told_about_background: bool,
    /// What the last visit summary saved from the window asked for.
    pub visit_summary: VisitSummaryChoice,
}

/// The period and paper of the last visit summary saved from the window,
/// offered again the next time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitSummaryChoice {
    /// The last this many weeks, one of [`OFFERED_WEEKS`]. A summary
    /// between two typed dates leaves it as it was: those dates are
    /// seldom wanted again.
    pub weeks: u32,
    /// The paper chosen over the one the locale prints on; `None` follows
    /// the locale.
    pub paper: Option<Paper>,
}

impl VisitSummaryChoice {
    /// Takes in what a saved summary asked for.
    pub fn remember(&mut self, period: PeriodChoice, paper: Paper) {
        if let PeriodChoice::LastWeeks(weeks) = period
            && OFFERED_WEEKS.contains(&weeks)
        {
            self.weeks = weeks;
        }
        self.paper = (paper != Paper::from_environment()).then_some(paper);
    }

    /// The paper to offer: the one chosen, or the locale's.
    pub fn paper(&self) -> Paper {
        self.paper.unwrap_or_else(Paper::from_environment)
    }
}

impl Default for VisitSummaryChoice {
    fn default() -> Self {
        Self {
            weeks: DEFAULT_WEEKS,
            paper: None,
        }
    }
}

/// "Keep reminding me when the window is closed". On unless turned off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeepReminding {
    #[default]
    On,
    Off,
}

/// How the window looks: as the desktop asks (light where it does not
/// say), or always light, or always dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appearance {
    #[default]
    System,
    Light,
    Dark,
}

/// Sounds with the notifications at the end of a hold or of a heat session,
/// played by the desktop from its sound theme. On unless turned off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sounds {
    #[default]
    On,
    Off,
}

/// One stored preference: the row named [`PreferenceKey::name`] holds it.
/// Names never change, so what an earlier version saved is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PreferenceKey {
    IntroDismissed,
    ProgressRange,
    BaselinePain,
    RemindersEnabled,
    PostureEnabled,
    PostureEveryMins,
    ActiveStart,
    ActiveEnd,
    ActiveDays,
    StretchEveryHours,
    CheckInAt,
    StrengthNudgeAt,
    QuietStart,
    QuietEnd,
    PausedOn,
    Snoozed,
    WindowSize,
    WindowPosition,
    Zoom,
    Sounds,
    Appearance,
    KeepReminding,
    ToldAboutBackground,
    VisitSummary,
}

impl PreferenceKey {
    pub const ALL: [PreferenceKey; 24] = [
        PreferenceKey::IntroDismissed,
        PreferenceKey::ProgressRange,
        PreferenceKey::BaselinePain,
        PreferenceKey::RemindersEnabled,
        PreferenceKey::PostureEnabled,
        PreferenceKey::PostureEveryMins,
        PreferenceKey::ActiveStart,
        PreferenceKey::ActiveEnd,
        PreferenceKey::ActiveDays,
        PreferenceKey::StretchEveryHours,
        PreferenceKey::CheckInAt,
        PreferenceKey::StrengthNudgeAt,
        PreferenceKey::QuietStart,
        PreferenceKey::QuietEnd,
        PreferenceKey::PausedOn,
        PreferenceKey::Snoozed,
        PreferenceKey::WindowSize,
        PreferenceKey::WindowPosition,
        PreferenceKey::Zoom,
        PreferenceKey::Sounds,
        PreferenceKey::Appearance,
        PreferenceKey::KeepReminding,
        PreferenceKey::ToldAboutBackground,
        PreferenceKey::VisitSummary,
    ];

    /// The key of its row in the settings table.
    pub fn name(self) -> &'static str {
        match self {
            PreferenceKey::IntroDismissed => "intro_dismissed",
            PreferenceKey::ProgressRange => "progress.range",
            PreferenceKey::BaselinePain => "baseline_pain",
            PreferenceKey::RemindersEnabled => "reminders.enabled",
            PreferenceKey::PostureEnabled => "reminders.posture_enabled",
            PreferenceKey::PostureEveryMins => "reminders.posture_every_mins",
            PreferenceKey::ActiveStart => "reminders.active_start",
            PreferenceKey::ActiveEnd => "reminders.active_end",
            PreferenceKey::ActiveDays => "reminders.active_days",
            PreferenceKey::StretchEveryHours => "reminders.stretch_every_hours",
            PreferenceKey::CheckInAt => "reminders.check_in_at",
            PreferenceKey::StrengthNudgeAt => "reminders.strength_nudge_at",
            PreferenceKey::QuietStart => "reminders.quiet_start",
            PreferenceKey::QuietEnd => "reminders.quiet_end",
            PreferenceKey::PausedOn => "reminders.paused_on",
            PreferenceKey::Snoozed => "reminders.snoozed",
            PreferenceKey::WindowSize => "window.size",
            PreferenceKey::WindowPosition => "window.position",
            PreferenceKey::Zoom => "window.zoom",
            PreferenceKey::Sounds => "notifications.sounds",
            PreferenceKey::Appearance => "window.appearance",
            PreferenceKey::KeepReminding => "reminders.keep_after_close",
            PreferenceKey::ToldAboutBackground => "window.told_about_background",
            PreferenceKey::VisitSummary => "window.visit_summary",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.name() == name)
    }
}

impl Preferences {
    /// Brings values back into range by the rules the app applies: posture
    /// checks every 15 to 60 minutes, stretch breaks at most every 8 hours,
    /// a baseline from 0 to 10 (or none), a window of a sane size and place
    /// and a zoom of 0.5 to 3. Returns a warning for each value it changed,
    /// naming its key.
    pub fn validate(&mut self) -> Vec<String> {
        let mut warnings = Vec::new();
        let reminders = &mut self.reminders;
        let mins = reminders.posture_every_mins;
        let (low, high) = (*POSTURE_MINS.start(), *POSTURE_MINS.end());
        if !POSTURE_MINS.contains(&mins) {
            reminders.posture_every_mins = mins.clamp(low, high);
            warnings.push(format!(
                "{}: posture checks every {mins} minutes is outside {low} to {high} minutes, \
                 so they come every {} minutes",
                PreferenceKey::PostureEveryMins.name(),
                reminders.posture_every_mins
            ));
        }
        let hours = reminders.stretch_every_hours;
        if hours > MAX_STRETCH_HOURS {
            reminders.stretch_every_hours = MAX_STRETCH_HOURS;
            warnings.push(format!(
                "{}: stretch breaks every {hours} hours is more than {MAX_STRETCH_HOURS}, \
                 so they come every {MAX_STRETCH_HOURS} hours",
                PreferenceKey::StretchEveryHours.name()
            ));
        }
        if let Some(level) = self.baseline_pain
            && !BASELINE_RANGE.contains(&level)
        {
            self.baseline_pain = None;
            warnings.push(format!(
                "{}: {level} is not a pain level from 0 to 10, so your first check-ins set \
                 the baseline",
                PreferenceKey::BaselinePain.name()
            ));
        }
        let weeks = self.visit_summary.weeks;
        if !OFFERED_WEEKS.contains(&weeks) {
            self.visit_summary.weeks = DEFAULT_WEEKS;
            warnings.push(format!(
                "{}: the last {weeks} weeks is not one of the periods offered, so the \
                 visit summary offers the last {DEFAULT_WEEKS} weeks",
                PreferenceKey::VisitSummary.name()
            ));
        }
        warnings.extend(window::validate(
            &mut self.window_size,
            &mut self.window_position,
            &mut self.zoom,
        ));
        warnings
    }

    /// The keys whose stored value differs between `self` and `other`: the
    /// rows to write when `self` becomes `other`.
    pub fn keys_differing(&self, other: &Self) -> Vec<PreferenceKey> {
        PreferenceKey::ALL
            .into_iter()
            .filter(|&key| self.value_text(key).ok() != other.value_text(key).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests;
