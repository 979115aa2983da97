//! How reminder settings are written down: the active days as a list of
//! day codes (`["mon","tue"]`), and the plain-text forms earlier versions
//! saved (`09:00`, `mon,tue`), which are still read so nobody loses a
//! setting on upgrade. The preferences (see `crate::preferences`) use these.

use chrono::{NaiveTime, Weekday, WeekdaySet};

/// Each weekday and its code, Monday first.
const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

/// The codes of the days in `set`, Monday first.
fn day_codes(set: WeekdaySet) -> Vec<&'static str> {
    DAYS.iter()
        .filter(|(day, _)| set.contains(*day))
        .map(|(_, code)| *code)
        .collect()
}

/// The day named by `code` (`mon`, also `Mon` or `Monday`).
fn day_from_code(code: &str) -> Option<Weekday> {
    code.trim().parse().ok()
}

/// A time of day as earlier versions saved it: `HH:MM`.
pub fn parse_time_text(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// Active days as earlier versions saved them: codes joined by commas
/// (`mon,tue,wed`); an empty text is no day at all. `None` when any code is
/// not a day.
pub fn parse_day_codes(text: &str) -> Option<WeekdaySet> {
    if text.trim().is_empty() {
        return Some(WeekdaySet::EMPTY);
    }
    text.split(',').try_fold(WeekdaySet::EMPTY, |set, code| {
        day_from_code(code).map(|day| set.union(WeekdaySet::single(day)))
    })
}

/// Serde for a [`WeekdaySet`] as a list of day codes, Monday first.
pub mod weekday_codes {
    use chrono::WeekdaySet;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(set: &WeekdaySet, serializer: S) -> Result<S::Ok, S::Error> {
        super::day_codes(*set).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<WeekdaySet, D::Error> {
        let codes = Vec::<String>::deserialize(deserializer)?;
        codes.iter().try_fold(WeekdaySet::EMPTY, |set, code| {
            super::day_from_code(code)
                .map(|day| set.union(WeekdaySet::single(day)))
                .ok_or_else(|| D::Error::custom(format!("\"{code}\" is not a day of the week")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_texts_are_read() {
        assert_eq!(parse_time_text("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time_text(" 7:05 "), NaiveTime::from_hms_opt(7, 5, 0));
        assert_eq!(parse_time_text(""), None);
        assert_eq!(parse_time_text("noon"), None);
        assert_eq!(
            parse_day_codes("mon,sat"),
            Some(WeekdaySet::from_array([Weekday::Mon, Weekday::Sat]))
        );
        assert_eq!(parse_day_codes(""), Some(WeekdaySet::EMPTY));
        assert_eq!(parse_day_codes("mon,someday"), None);
    }

    #[test]
    fn day_codes_keep_monday_first() {
        let set = WeekdaySet::from_array([Weekday::Sun, Weekday::Wed, Weekday::Mon]);
        assert_eq!(day_codes(set), ["mon", "wed", "sun"]);
        assert_eq!(day_codes(WeekdaySet::ALL).len(), 7);
    }
}
