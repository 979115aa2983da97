//! What the log says about today: worked out once per change of the log or
//! of the date, and read by every screen and the reminders that need it
//! (Today's plan, the week's strength target on Routines, the reminder
//! scheduler, the professional-help advice), instead of each counting anew.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::advice::{Advice, professional_advice};
use super::dates::week_start;
use super::function_check::{self, Activity, FunctionRating};
use super::pain::CheckIn;
use super::session::{Session, SessionKind};
use super::trend::WeekCounts;

#[derive(Debug, Clone, PartialEq)]
pub struct TodayFacts {
    pub today: NaiveDate,
    /// A check-in is saved for today.
    pub checked_in: bool,
    /// A stretching or strengthening routine was logged today.
    pub routine_done: bool,
    /// A heat pack was used today.
    pub heat_done: bool,
    /// The current Monday-to-Sunday week, up to today.
    pub this_week: WeekCounts,
    /// When to suggest seeing a professional, and why.
    pub advice: Vec<Advice>,
    /// Today is marked as a day off: nothing is asked of it.
    pub day_off: bool,
    /// The weekly function check is due.
    pub function_check_due: bool,
}

impl TodayFacts {
    /// `checkins` and `sessions` oldest first, as the store gives them.
    pub fn compute(checkins: &[CheckIn], sessions: &[Session], today: NaiveDate) -> Self {
        let monday = week_start(today);
        let mut facts = Self {
            today,
            checked_in: checkins.iter().rev().any(|c| c.date == today),
            routine_done: false,
            heat_done: false,
            this_week: WeekCounts::empty(monday),
            advice: professional_advice(checkins, sessions, today),
            day_off: false,
            function_check_due: false,
        };
        let this_week = sessions
            .iter()
            .rev()
            .take_while(|s| s.date >= monday)
            .filter(|s| s.date <= today);
        for s in this_week {
            if s.date == today {
                facts.routine_done |= s.kind.is_routine();
                facts.heat_done |= s.kind == SessionKind::Heat;
            }
            facts.this_week.add(s);
        }
        facts
    }

    /// The same, knowing the days off: today may be one, and this week's
    /// target counts them.
    pub fn with_days_off(mut self, days_off: &BTreeSet<NaiveDate>) -> Self {
        self.day_off = days_off.contains(&self.today);
        let monday = self.this_week.week_start;
        let end = monday + chrono::Days::new(7);
        self.this_week.days_off = u32::try_from(days_off.range(monday..end).count()).unwrap_or(7);
        self
    }

    /// The same, knowing whether the weekly function check is due.
    pub fn with_function_check(
        mut self,
        activities: &[Activity],
        ratings: &[FunctionRating],
    ) -> Self {
        self.function_check_due = function_check::is_due(activities, ratings, self.today);
        self
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::DateTime;

    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn session(kind: SessionKind, d: u32, mins: u32) -> Session {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        Session::new(kind, at, day(d), mins * 60)
    }

    #[test]
    fn counts_this_week_and_today_only() {
        // Wednesday 25 November 2026; the week began on Monday the 23rd.
        let sessions = [
            session(SessionKind::Strength, 20, 12), // last week
            session(SessionKind::Strength, 23, 10),
            session(SessionKind::Stretch, 24, 8),
            session(SessionKind::Strength, 25, 15),
            session(SessionKind::Heat, 25, 20),
        ];
        let facts = TodayFacts::compute(&[], &sessions, day(25));
        assert_eq!(facts.this_week.week_start, day(23));
        assert_eq!(facts.this_week.strength, 2);
        assert_eq!(facts.this_week.strength_secs, 25 * 60);
        assert_eq!(facts.this_week.stretch, 1);
        assert!(facts.routine_done && facts.heat_done && !facts.checked_in);
        let tomorrow = TodayFacts::compute(&[], &sessions, day(26));
        assert!(!tomorrow.routine_done && !tomorrow.heat_done);
        assert_eq!(tomorrow.this_week.strength, 2);
    }
}
