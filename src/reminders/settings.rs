//! What the person chose about reminders: which ones, how often, on which
//! days and hours, and when to stay quiet.

use chrono::{Duration, NaiveTime, Weekday, WeekdaySet};
use serde::{Deserialize, Serialize};

use super::{MAX_STRETCH_HOURS, POSTURE_MINS, hm};

/// A daily span of wall-clock time from `start` (included) to `end`
/// (excluded). It may run past midnight (22:00 to 06:00); `start == end`
/// covers the whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl TimeWindow {
    pub fn new(start: NaiveTime, end: NaiveTime) -> Self {
        Self { start, end }
    }

    pub fn contains(self, time: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start == self.end || (self.start <= time && time < self.end)
        } else {
            time >= self.start || time < self.end
        }
    }
}

/// What the person chose in settings. Out-of-range values are clamped when used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// All reminders on or off.
    pub enabled: bool,
    pub posture_enabled: bool,
    /// Minutes between posture checks; used within [`POSTURE_MINS`].
    pub posture_every_mins: u32,
    /// When posture checks and stretch breaks may come.
    pub active_hours: TimeWindow,
    /// Days on which any reminder may come.
    #[serde(with = "super::persist::weekday_codes")]
    pub active_days: WeekdaySet,
    /// Hours between stretch breaks; 0 turns them off.
    pub stretch_every_hours: u32,
    /// Time of day for the check-in reminder; `None` turns it off.
    pub check_in_at: Option<NaiveTime>,
    /// Time of day for the strengthening nudge; `None` turns it off.
    pub strength_nudge_at: Option<NaiveTime>,
    /// No reminders at all within this window.
    pub quiet_hours: Option<TimeWindow>,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            posture_enabled: true,
            posture_every_mins: 30,
            active_hours: TimeWindow::new(hm(9, 0), hm(18, 0)),
            active_days: WeekdaySet::ALL
                .difference(WeekdaySet::from_array([Weekday::Sat, Weekday::Sun])),
            stretch_every_hours: 2,
            check_in_at: Some(hm(17, 0)),
            strength_nudge_at: Some(hm(12, 0)),
            quiet_hours: None,
        }
    }
}

impl ReminderSettings {
    /// The posture interval after clamping to 15 to 60 minutes.
    pub fn posture_interval(&self) -> Duration {
        let mins = self
            .posture_every_mins
            .clamp(*POSTURE_MINS.start(), *POSTURE_MINS.end());
        Duration::minutes(i64::from(mins))
    }

    /// The stretch-break interval, or `None` when stretch breaks are off.
    pub fn stretch_interval(&self) -> Option<Duration> {
        match self.stretch_every_hours {
            0 => None,
            hours => Some(Duration::hours(i64::from(hours.min(MAX_STRETCH_HOURS)))),
        }
    }
}
