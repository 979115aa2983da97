//! Flare-ups: moments of worse pain, any number in a day, kept apart from
//! the daily check-in (which they never change).

use chrono::{DateTime, NaiveDate, Utc};

use super::DomainError;
use super::dates::check_record_date;
use super::pain::{Rating, check_note};

/// One flare-up as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlareUp {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The local day it belongs to, decided when it was recorded.
    pub date: NaiveDate,
    pub pain: Rating,
    /// What set it off, in the person's words; may be empty.
    pub set_off_by: String,
    /// What they did about it, or what helped; may be empty.
    pub helped: String,
}

impl FlareUp {
    /// Checks what a person could get wrong: a moment in the future, a day
    /// outside the record range, notes over the length limit.
    pub fn validate(&self, now: DateTime<Utc>, today: NaiveDate) -> Result<(), DomainError> {
        if self.at > now {
            return Err(DomainError::Invalid(format!(
                "{} is in the future; a flare-up can be logged once it has happened",
                self.at.format("%Y-%m-%d %H:%M UTC")
            )));
        }
        check_record_date(self.date, today)?;
        check_note(&self.set_off_by)?;
        check_note(&self.helped)
    }
}

/// How many flare-ups fall in each week (Monday first) from `first` to
/// `last`, weeks with none included: (week's Monday, count).
pub fn weekly_counts(
    flare_ups: &[FlareUp],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    use super::dates::week_start;
    let mut weeks: Vec<(NaiveDate, u32)> = Vec::new();
    let mut monday = week_start(first);
    while monday <= last {
        weeks.push((monday, 0));
        monday = match monday.checked_add_days(chrono::Days::new(7)) {
            Some(next) => next,
            None => break,
        };
    }
    for f in flare_ups {
        if f.date < first || f.date > last {
            continue;
        }
        let monday = week_start(f.date);
        if let Ok(i) = weeks.binary_search_by_key(&monday, |(m, _)| *m) {
            weeks[i].1 += 1;
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn flare(day: NaiveDate, pain: i64) -> FlareUp {
        FlareUp {
            at: Utc.from_utc_datetime(&day.and_hms_opt(15, 0, 0).unwrap()),
            date: day,
            pain: Rating::new(pain, "pain").unwrap(),
            set_off_by: String::new(),
            helped: String::new(),
        }
    }

    #[test]
    fn a_flare_up_in_the_future_is_refused() {
        let f = flare(date(2026, 12, 2), 7);
        let before = f.at - chrono::TimeDelta::minutes(1);
        let error = f.validate(before, date(2026, 12, 2)).unwrap_err();
        assert!(error.to_string().contains("in the future"), "{error}");
        assert_eq!(f.validate(f.at, date(2026, 12, 2)), Ok(()));
    }

    #[test]
    fn weekly_counts_cover_every_week_and_count_each_flare_up_once() {
        // 2026-11-16 is a Monday.
        let flares = [
            flare(date(2026, 11, 16), 6),
            flare(date(2026, 11, 16), 7),
            flare(date(2026, 11, 29), 5),
            flare(date(2026, 12, 20), 5),
        ];
        let weeks = weekly_counts(&flares, date(2026, 11, 17), date(2026, 12, 2));
        assert_eq!(
            weeks,
            vec![
                (date(2026, 11, 16), 0),
                (date(2026, 11, 23), 1),
                (date(2026, 11, 30), 0),
            ],
            "the 16th is before the first day; the 20th of December after the last"
        );
    }
}
