//! Reminder settings as text key-value pairs, for the settings table.
//! Unknown or malformed values fall back to the defaults, one key at a time.

use chrono::{NaiveTime, Weekday, WeekdaySet};

use super::{ReminderSettings, TimeWindow};

/// Prefix of every reminder key in the settings table.
pub const PREFIX: &str = "reminders.";

const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

fn time_text(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

impl ReminderSettings {
    /// The settings as (key, value) pairs, keys starting with [`PREFIX`].
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let opt = |t: Option<NaiveTime>| t.map(time_text).unwrap_or_default();
        let days = DAYS
            .iter()
            .filter(|(d, _)| self.active_days.contains(*d))
            .map(|(_, code)| *code)
            .collect::<Vec<_>>()
            .join(",");
        let pairs = [
            ("enabled", self.enabled.to_string()),
            ("posture_enabled", self.posture_enabled.to_string()),
            ("posture_every_mins", self.posture_every_mins.to_string()),
            ("active_start", time_text(self.active_hours.start)),
            ("active_end", time_text(self.active_hours.end)),
            ("active_days", days),
            ("stretch_every_hours", self.stretch_every_hours.to_string()),
            ("check_in_at", opt(self.check_in_at)),
            ("strength_nudge_at", opt(self.strength_nudge_at)),
            ("quiet_start", opt(self.quiet_hours.map(|q| q.start))),
            ("quiet_end", opt(self.quiet_hours.map(|q| q.end))),
        ];
        pairs
            .into_iter()
            .map(|(k, v)| (format!("{PREFIX}{k}"), v))
            .collect()
    }

    /// Reads settings saved by [`Self::to_pairs`]; anything missing or
    /// unreadable keeps its default.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k.strip_prefix(PREFIX) == Some(key))
                .map(|(_, v)| v.as_str())
        };
        let mut s = Self::default();
        if let Some(v) = get("enabled").and_then(|v| v.parse().ok()) {
            s.enabled = v;
        }
        if let Some(v) = get("posture_enabled").and_then(|v| v.parse().ok()) {
            s.posture_enabled = v;
        }
        if let Some(v) = get("posture_every_mins").and_then(|v| v.parse().ok()) {
            s.posture_every_mins = v;
        }
        if let (Some(start), Some(end)) = (
            get("active_start").and_then(parse_time),
            get("active_end").and_then(parse_time),
        ) {
            s.active_hours = TimeWindow::new(start, end);
        }
        if let Some(days) = get("active_days") {
            s.active_days = days
                .split(',')
                .filter_map(|code| DAYS.iter().find(|(_, c)| *c == code.trim()))
                .fold(WeekdaySet::EMPTY, |set, (day, _)| {
                    set.union(WeekdaySet::single(*day))
                });
        }
        if let Some(v) = get("stretch_every_hours").and_then(|v| v.parse().ok()) {
            s.stretch_every_hours = v;
        }
        if let Some(v) = get("check_in_at") {
            s.check_in_at = parse_time(v);
        }
        if let Some(v) = get("strength_nudge_at") {
            s.strength_nudge_at = parse_time(v);
        }
        if let (Some(start), Some(end)) = (get("quiet_start"), get("quiet_end")) {
            s.quiet_hours = parse_time(start)
                .zip(parse_time(end))
                .map(|(a, b)| TimeWindow::new(a, b));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_pairs() {
        let mut s = ReminderSettings {
            posture_every_mins: 20,
            stretch_every_hours: 0,
            check_in_at: None,
            ..ReminderSettings::default()
        };
        s.active_days = WeekdaySet::from_array([Weekday::Mon, Weekday::Sat]);
        s.quiet_hours = Some(TimeWindow::new(
            NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(13, 30, 0).unwrap(),
        ));
        assert_eq!(ReminderSettings::from_pairs(&s.to_pairs()), s);
        assert_eq!(
            ReminderSettings::from_pairs(&[]),
            ReminderSettings::default()
        );
    }

    #[test]
    fn bad_values_fall_back_one_key_at_a_time() {
        let pairs = vec![
            ("reminders.posture_every_mins".to_owned(), "lots".to_owned()),
            ("reminders.stretch_every_hours".to_owned(), "3".to_owned()),
        ];
        let s = ReminderSettings::from_pairs(&pairs);
        assert_eq!(s.posture_every_mins, 30);
        assert_eq!(s.stretch_every_hours, 3);
    }
}
