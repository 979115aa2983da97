//! The weekly function check: a person names up to three activities their
//! back makes hard and, once a week, rates how well they can do each, from
//! 0 (cannot do it) to 10 (as well as before the problem). The scale follows
//! the patient-specific functional scale (Stratford et al., 1995): the
//! activities are the person's own, and an average change of 2 points or
//! more is a change that matters.

use chrono::{DateTime, NaiveDate, Utc};

use super::DomainError;
use super::dates::check_record_date;
use super::pain::Rating;

/// Activities rated at a time.
pub const MAX_ACTIVITIES: usize = 3;

/// Days between checks.
pub const INTERVAL_DAYS: i64 = 7;

/// An average change of at least this many points matters.
pub const MEANINGFUL_CHANGE: f64 = 2.0;

/// Longest activity name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// An activity the person named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Its identity, which ratings refer to.
    pub uid: String,
    pub name: String,
    pub added_on: NaiveDate,
    /// The day it was taken off the list; its ratings stay.
    pub retired_on: Option<NaiveDate>,
}

impl Activity {
    pub fn is_active(&self) -> bool {
        self.retired_on.is_none()
    }
}

/// One activity's score on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionRating {
    pub activity_uid: String,
    pub date: NaiveDate,
    pub rated_at: DateTime<Utc>,
    pub score: Rating,
}

/// An activity's name: not empty, not too long.
pub fn check_activity_name(name: &str) -> Result<(), DomainError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Invalid(
            "name the activity, for example \"a two-hour meeting without moving\"".to_string(),
        ));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(DomainError::Invalid(format!(
            "the activity's name is {chars} characters long; the limit is {MAX_NAME_CHARS}"
        )));
    }
    Ok(())
}

/// Checks a new activity against the ones on the list: at most
/// [`MAX_ACTIVITIES`] active, no name twice.
pub fn check_new_activity(name: &str, activities: &[Activity]) -> Result<(), DomainError> {
    check_activity_name(name)?;
    let active: Vec<&Activity> = activities.iter().filter(|a| a.is_active()).collect();
    if active.len() >= MAX_ACTIVITIES {
        return Err(DomainError::Invalid(format!(
            "there are already {MAX_ACTIVITIES} activities; take one off the list first"
        )));
    }
    let key = name.trim().to_lowercase();
    if active.iter().any(|a| a.name.trim().to_lowercase() == key) {
        return Err(DomainError::Invalid(format!(
            "\"{}\" is already on the list",
            name.trim()
        )));
    }
    Ok(())
}

/// Checks one check's answers: at least one activity rated, each a known
/// activity, on a day a record may have.
pub fn check_answers(
    date: NaiveDate,
    today: NaiveDate,
    scores: &[(String, Rating)],
    activities: &[Activity],
) -> Result<(), DomainError> {
    check_record_date(date, today)?;
    if scores.is_empty() {
        return Err(DomainError::Invalid(
            "rate at least one activity; name one first if the list is empty".to_string(),
        ));
    }
    for (uid, _) in scores {
        if !activities.iter().any(|a| &a.uid == uid) {
            return Err(DomainError::Invalid(format!(
                "there is no activity \"{uid}\" on the list"
            )));
        }
    }
    Ok(())
}

/// Whether the check is due on `today`: there is an activity to rate and
/// the last check was [`INTERVAL_DAYS`] or more days ago (or never).
pub fn is_due(activities: &[Activity], ratings: &[FunctionRating], today: NaiveDate) -> bool {
    activities.iter().any(Activity::is_active)
        && ratings
            .iter()
            .map(|r| r.date)
            .max()
            .is_none_or(|last| (today - last).num_days() >= INTERVAL_DAYS)
}

/// One activity's first and latest score within a period.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityChange {
    pub uid: String,
    pub name: String,
    pub first: (NaiveDate, Rating),
    pub latest: (NaiveDate, Rating),
}

impl ActivityChange {
    pub fn change(&self) -> i32 {
        i32::from(self.latest.1.get()) - i32::from(self.first.1.get())
    }
}

/// The first and latest score of each activity rated from `from` to `to`,
/// in the order of `activities`, and their average change; the average is
/// `None` when nothing was rated twice.
pub fn changes(
    activities: &[Activity],
    ratings: &[FunctionRating],
    from: NaiveDate,
    to: NaiveDate,
) -> (Vec<ActivityChange>, Option<f64>) {
    let mut out = Vec::new();
    for a in activities {
        let mut own = ratings
            .iter()
            .filter(|r| r.activity_uid == a.uid && from <= r.date && r.date <= to);
        let Some(first) = own.next() else { continue };
        let first = own
            .clone()
            .fold(first, |m, r| if r.date < m.date { r } else { m });
        let latest = ratings
            .iter()
            .filter(|r| r.activity_uid == a.uid && from <= r.date && r.date <= to)
            .fold(first, |m, r| if r.date > m.date { r } else { m });
        out.push(ActivityChange {
            uid: a.uid.clone(),
            name: a.name.clone(),
            first: (first.date, first.score),
            latest: (latest.date, latest.score),
        });
    }
    let rated_twice: Vec<i32> = out
        .iter()
        .filter(|c| c.latest.0 > c.first.0)
        .map(ActivityChange::change)
        .collect();
    let average = (!rated_twice.is_empty()).then(|| {
        f64::from(rated_twice.iter().sum::<i32>())
            / f64::from(u32::try_from(rated_twice.len()).unwrap_or(u32::MAX))
    });
    (out, average)
}

/// Words for an average change: whether it matters.
pub fn change_sentence(average: f64) -> String {
    let points = format!("{:.1}", average.abs());
    if average >= MEANINGFUL_CHANGE {
        format!("Activities are {points} points easier on average: a change that matters")
    } else if average <= -MEANINGFUL_CHANGE {
        format!("Activities are {points} points harder on average: a change that matters")
    } else {
        format!(
            "Activities changed by {points} points on average: less than the 2 points that matter"
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn activity(uid: &str, name: &str) -> Activity {
        Activity {
            uid: uid.to_string(),
            name: name.to_string(),
            added_on: date(2026, 1, 1),
            retired_on: None,
        }
    }

    fn rating(uid: &str, day: NaiveDate, score: i64) -> FunctionRating {
        FunctionRating {
            activity_uid: uid.to_string(),
            date: day,
            rated_at: DateTime::UNIX_EPOCH,
            score: Rating::new(score, "score").unwrap(),
        }
    }

    #[test]
    fn a_fourth_activity_or_a_repeated_name_is_refused() {
        let list = [activity("a", "Meeting"), activity("b", "Driving")];
        assert!(check_new_activity(" meeting ", &list).is_err());
        assert!(check_new_activity("", &list).is_err());
        assert_eq!(check_new_activity("Carrying shopping", &list), Ok(()));
        let full = [list[0].clone(), list[1].clone(), activity("c", "Reading")];
        assert!(check_new_activity("Cycling", &full).is_err());
    }

    #[test]
    fn a_check_with_nothing_rated_is_refused() {
        let list = [activity("a", "Meeting")];
        let today = date(2026, 12, 2);
        assert!(check_answers(today, today, &[], &list).is_err());
        let score = Rating::new(4, "score").unwrap();
        assert!(check_answers(today, today, &[("zz".to_string(), score)], &list).is_err());
        assert_eq!(
            check_answers(today, today, &[("a".to_string(), score)], &list),
            Ok(())
        );
    }

    #[test]
    fn due_a_week_after_the_last_check() {
        let list = [activity("a", "Meeting")];
        let today = date(2026, 12, 2);
        assert!(is_due(&list, &[], today));
        assert!(!is_due(&list, &[rating("a", date(2026, 11, 26), 5)], today));
        assert!(is_due(&list, &[rating("a", date(2026, 11, 25), 5)], today));
        assert!(!is_due(&[], &[], today), "nothing to rate");
    }

    #[test]
    fn the_average_change_counts_activities_rated_twice() {
        let list = [activity("a", "Meeting"), activity("b", "Driving")];
        let ratings = [
            rating("a", date(2026, 11, 1), 3),
            rating("a", date(2026, 11, 22), 6),
            rating("a", date(2026, 11, 8), 4),
            rating("b", date(2026, 11, 1), 5),
            rating("b", date(2026, 11, 22), 6),
        ];
        let (rows, average) = changes(&list, &ratings, date(2026, 11, 1), date(2026, 12, 2));
        assert_eq!(rows[0].change(), 3);
        assert_eq!(rows[1].change(), 1);
        assert_eq!(average, Some(2.0));
        assert!(change_sentence(2.0).contains("matters"));
        assert!(change_sentence(1.5).contains("less than"));
    }
}
