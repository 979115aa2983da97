//! Days off: ranges of days marked sick, on holiday or away otherwise. On
//! them streaks and weekly targets do not break, reminders keep quiet, and
//! a missing check-in is not counted against anyone.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::DomainError;
use super::dates::check_record_date;

/// Why the days are off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    Sick,
    Holiday,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 3] = [Reason::Sick, Reason::Holiday, Reason::Other];

    /// Stable code used in storage, CSV and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Sick => "sick",
            Reason::Holiday => "holiday",
            Reason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Reason::Sick => "Sick",
            Reason::Holiday => "Holiday",
            Reason::Other => "Other",
        }
    }

    pub fn from_code(code: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|r| r.code() == code.trim())
            .ok_or_else(|| DomainError::Unknown {
                what: "reason for days off",
                value: code.to_string(),
            })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Longest range of days off in one entry: a year.
pub const MAX_DAYS: i64 = 366;

/// One range of days off, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaysOff {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub reason: Reason,
    pub created_at: DateTime<Utc>,
}

impl DaysOff {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    pub fn overlaps(&self, other: &DaysOff) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// How many days the range covers.
    pub fn len_days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// Checks the range: the end not before the start, the start a day a
    /// record may have (days off may be planned ahead, so the end may be
    /// in the future), at most [`MAX_DAYS`] long, and sharing no day with
    /// `existing` ranges.
    pub fn validate(&self, today: NaiveDate, existing: &[DaysOff]) -> Result<(), DomainError> {
        if self.last < self.first {
            return Err(DomainError::Invalid(format!(
                "the days off would end on {}, before they start on {}",
                self.last, self.first
            )));
        }
        let horizon = today
            .checked_add_days(chrono::Days::new(366))
            .unwrap_or(NaiveDate::MAX);
        check_record_date(self.first, horizon)?;
        if self.last > horizon {
            return Err(DomainError::Invalid(format!(
                "{} is more than a year ahead; mark days off up to a year in advance",
                self.last
            )));
        }
        if self.len_days() > MAX_DAYS {
            return Err(DomainError::Invalid(format!(
                "{} days is more than a year; mark at most {MAX_DAYS} days at a time",
                self.len_days()
            )));
        }
        if let Some(clash) = existing.iter().find(|e| e.overlaps(self)) {
            return Err(DomainError::Invalid(format!(
                "{} to {} are already marked as days off ({}); change or delete those first",
                clash.first,
                clash.last,
                clash.reason.label().to_lowercase()
            )));
        }
        Ok(())
    }
}

/// Every day off in `ranges`, as a sorted set for quick lookups.
pub fn days_off_set(ranges: &[DaysOff]) -> std::collections::BTreeSet<NaiveDate> {
    ranges
        .iter()
        .flat_map(|r| r.first.iter_days().take_while(move |d| *d <= r.last))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn off(first: NaiveDate, last: NaiveDate) -> DaysOff {
        DaysOff {
            first,
            last,
            reason: Reason::Holiday,
            created_at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_range_ending_before_it_starts_or_overlapping_another_is_refused() {
        let today = date(2026, 12, 2);
        let backwards = off(date(2026, 12, 5), date(2026, 12, 1))
            .validate(today, &[])
            .unwrap_err();
        assert!(
            backwards.to_string().contains("before they start"),
            "{backwards}"
        );
        let existing = [off(date(2026, 11, 20), date(2026, 11, 25))];
        let clash = off(date(2026, 11, 25), date(2026, 11, 28))
            .validate(today, &existing)
            .unwrap_err();
        assert!(clash.to_string().contains("already marked"), "{clash}");
        assert_eq!(
            off(date(2026, 11, 26), date(2026, 12, 24)).validate(today, &existing),
            Ok(()),
            "the day after a range, and days ahead, are fine"
        );
    }

    #[test]
    fn the_set_holds_every_day_of_every_range() {
        let set = days_off_set(&[
            off(date(2026, 2, 27), date(2026, 3, 2)),
            off(date(2026, 3, 10), date(2026, 3, 10)),
        ]);
        assert_eq!(set.len(), 5);
        assert!(set.contains(&date(2026, 3, 1)));
        assert!(!set.contains(&date(2026, 3, 3)));
    }
}
