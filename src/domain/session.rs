//! Logged self-care sessions: stretching, strengthening, heat and self-massage.

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeDelta, Utc};

use super::DomainError;
use super::pain::Rating;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SessionKind {
    Stretch,
    Strength,
    Heat,
    Massage,
}

impl SessionKind {
    pub const ALL: [SessionKind; 4] = [
        SessionKind::Stretch,
        SessionKind::Strength,
        SessionKind::Heat,
        SessionKind::Massage,
    ];

    /// Stable code used in storage and CSV.
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Stretch => "stretch",
            SessionKind::Strength => "strength",
            SessionKind::Heat => "heat",
            SessionKind::Massage => "massage",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SessionKind::Stretch => "Stretching",
            SessionKind::Strength => "Strengthening",
            SessionKind::Heat => "Heat pack",
            SessionKind::Massage => "Self-massage",
        }
    }

    pub fn from_code(code: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or_else(|| DomainError::Unknown {
                what: "session kind",
                value: code.to_owned(),
            })
    }

    /// Stretching, strengthening and massage count as "a routine" for streaks and insights.
    pub fn is_routine(self) -> bool {
        !matches!(self, SessionKind::Heat)
    }
}

/// One exercise done within a session, and how many of its holds were completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionExercise {
    /// The catalog id of the exercise.
    pub exercise: String,
    pub holds_done: u32,
    pub holds_planned: u32,
}

/// A session as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub kind: SessionKind,
    pub started_at: DateTime<Utc>,
    /// The local calendar day it belongs to, decided when it was made.
    pub date: NaiveDate,
    pub duration_secs: u32,
    /// The routine's name, if it came from one.
    pub routine: String,
    /// For heat: the kind of pack ("moist", "electric", "other").
    pub heat_type: Option<String>,
    /// Where on the back (heat and massage).
    pub area: Option<String>,
    /// A heat session stopped by the safety cap.
    pub capped: bool,
    /// "How does your back feel now", 0-10, if answered.
    pub feel_after: Option<Rating>,
    pub note: String,
    pub exercises: Vec<SessionExercise>,
}

/// Strengthening sessions a week worth aiming for.
pub const STRENGTH_SESSIONS_PER_WEEK: u32 = 3;

/// The strengthening sessions worth aiming for in a week with `days_off`
/// days off: the weekly target in proportion to the days left, rounded to
/// the nearest session (3 with none or one off, 0 with six or seven).
pub fn strength_target(days_off: u32) -> u32 {
    let days_on = 7 - days_off.min(7);
    (STRENGTH_SESSIONS_PER_WEEK * days_on + 3) / 7
}

/// Strengthening minutes a week worth aiming for: three sessions of 10 to 15
/// minutes.
pub const STRENGTH_MINUTES_PER_WEEK: (u32, u32) = (30, 45);

/// Longest duration a session may have: anything longer is a typing mistake.
pub const MAX_SESSION_SECS: u32 = 4 * 60 * 60;

impl Session {
    /// A session with only the required fields; the rest empty.
    pub fn new(
        kind: SessionKind,
        started_at: DateTime<Utc>,
        date: NaiveDate,
        duration_secs: u32,
    ) -> Self {
        Self {
            kind,
            started_at,
            date,
            duration_secs,
            routine: String::new(),
            heat_type: None,
            area: None,
            capped: false,
            feel_after: None,
            note: String::new(),
            exercises: Vec::new(),
        }
    }

    /// Checks what the storage would refuse, with words a person understands.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.duration_secs > MAX_SESSION_SECS {
            return Err(DomainError::Invalid(format!(
                "a session can last at most 4 hours; {} minutes looks like a typing mistake",
                self.duration_secs / 60
            )));
        }
        check_session_date(self.started_at, self.date)?;
        super::pain::check_note(&self.note)
    }
}

/// The first and last calendar dates that `at` falls on somewhere in the
/// world: time zones run from 12 hours behind UTC to 14 hours ahead.
pub fn local_dates_of(at: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let shifted = |hours: i64| {
        at.checked_add_signed(TimeDelta::hours(hours))
            .map(|t| t.date_naive())
    };
    let first = shifted(-12).unwrap_or(NaiveDate::MIN);
    let last = shifted(14).unwrap_or(NaiveDate::MAX);
    (first, last)
}

/// A session logged after the fact must be over by `now`: one that would
/// still be running is a typing mistake in its start or its length.
pub fn check_session_over(session: &Session, now: DateTime<Utc>) -> Result<(), DomainError> {
    let end = session.started_at + chrono::Duration::seconds(i64::from(session.duration_secs));
    if end > now {
        return Err(DomainError::Invalid(
            "that session would still be going on now; check its start time and its length"
                .to_owned(),
        ));
    }
    Ok(())
}

/// A session's date must be the calendar day it started on, in the time zone
/// it was recorded in; any zone in use on Earth is accepted.
pub fn check_session_date(started_at: DateTime<Utc>, date: NaiveDate) -> Result<(), DomainError> {
    let (first, last) = local_dates_of(started_at);
    if (first..=last).contains(&date) {
        return Ok(());
    }
    let started = started_at.to_rfc3339_opts(SecondsFormat::Secs, true);
    Err(DomainError::Invalid(format!(
        "{date} is not the day this session started ({started}); depending on the time zone \
         that day is from {first} to {last}"
    )))
}

/// Parses a duration in whole minutes typed by a person, between 1 minute and 4 hours.
pub fn parse_minutes(text: &str) -> Result<u32, DomainError> {
    let trimmed = text.trim();
    let minutes: i64 = trimmed.parse().map_err(|_| {
        DomainError::Invalid(format!(
            "the duration must be a whole number of minutes, not \"{trimmed}\""
        ))
    })?;
    let max_minutes = i64::from(MAX_SESSION_SECS / 60);
    if minutes < 1 {
        return Err(DomainError::Invalid(
            "the duration must be at least 1 minute".to_owned(),
        ));
    }
    if minutes > max_minutes {
        return Err(DomainError::Invalid(format!(
            "{minutes} minutes is more than 4 hours; please check the number"
        )));
    }
    u32::try_from(minutes)
        .map_err(|_| DomainError::Invalid(format!("{minutes} minutes is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip() {
        for kind in SessionKind::ALL {
            assert_eq!(SessionKind::from_code(kind.code()).unwrap(), kind);
        }
        assert!(SessionKind::from_code("yoga").is_err());
    }

    #[test]
    fn a_session_date_is_the_day_it_started_somewhere() {
        let started = DateTime::parse_from_rfc3339("2026-03-01T11:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let feb_28 = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(local_dates_of(started), (feb_28, day(2)));
        for date in [feb_28, day(1), day(2)] {
            assert!(
                Session::new(SessionKind::Heat, started, date, 60)
                    .validate()
                    .is_ok()
            );
        }
        let error = Session::new(SessionKind::Heat, started, day(3), 60)
            .validate()
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(
                "2026-03-03 is not the day this session started (2026-03-01T11:00:00Z)"
            ),
            "{error}"
        );
        // An hour later it is no longer 28 February anywhere.
        let later = started + TimeDelta::hours(1);
        assert!(check_session_date(later, feb_28).is_err());
        assert!(check_session_date(later, day(1)).is_ok());
    }

    #[test]
    fn minutes_between_1_and_240() {
        assert_eq!(parse_minutes("15").unwrap(), 15);
        assert_eq!(parse_minutes("240").unwrap(), 240);
        assert!(parse_minutes("0").is_err());
        assert!(parse_minutes("-5").is_err());
        assert!(
            parse_minutes("241")
                .unwrap_err()
                .to_string()
                .contains("4 hours")
        );
        assert!(parse_minutes("ten").is_err());
    }
}
