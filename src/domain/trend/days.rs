//! Streaks and check-in adherence: runs of days, and the days that asked
//! for a check-in. Days off hold a run without adding to it, and ask for
//! nothing.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::pain::CheckIn;
use crate::domain::session::Session;

/// Runs of consecutive calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Streak {
    /// The run ending today, or yesterday when today is not done yet; 0 otherwise.
    pub current: u32,
    /// The longest run ever.
    pub longest: u32,
}

/// Streaks over the given days (any order, repeats allowed). Days after
/// `today` are ignored. The current streak is the run that ends today, or
/// yesterday: a day not yet logged doesn't break it until it has passed.
/// Days off neither break a run nor add to it.
pub fn streak(days: &[NaiveDate], days_off: &BTreeSet<NaiveDate>, today: NaiveDate) -> Streak {
    let mut sorted: Vec<NaiveDate> = days.iter().copied().filter(|d| *d <= today).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for day in sorted {
        run = match previous {
            Some(p) if only_days_off_between(p, day, days_off) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    let current = match previous {
        Some(last) if last == today || only_days_off_between(last, today, days_off) => run,
        _ => 0,
    };
    Streak { current, longest }
}

/// Whether every day after `earlier` and before `later` is a day off (true
/// for days next to each other).
fn only_days_off_between(
    earlier: NaiveDate,
    later: NaiveDate,
    days_off: &BTreeSet<NaiveDate>,
) -> bool {
    let Some(first) = earlier.succ_opt() else {
        return false;
    };
    if first >= later {
        return first == later;
    }
    let gap = usize::try_from((later - first).num_days()).unwrap_or(usize::MAX);
    days_off.range(first..later).count() == gap
}

/// Check-in and routine streaks, side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Streaks {
    /// Days with a check-in.
    pub check_in: Streak,
    /// Days with at least one routine session ([`SessionKind::is_routine`]).
    pub routine: Streak,
}

pub fn streaks(
    checkins: &[CheckIn],
    sessions: &[Session],
    days_off: &BTreeSet<NaiveDate>,
    today: NaiveDate,
) -> Streaks {
    let check_in_days: Vec<NaiveDate> = checkins.iter().map(|c| c.date).collect();
    Streaks {
        check_in: streak(&check_in_days, days_off, today),
        routine: streak(&routine_days(sessions), days_off, today),
    }
}

/// Dates with at least one routine session, sorted, without repeats.
pub(super) fn routine_days(sessions: &[Session]) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = sessions
        .iter()
        .filter(|s| s.kind.is_routine())
        .map(|s| s.date)
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Check-ins against the days that asked for one. A day off asks for none,
/// so a missing check-in then is not held against anyone (one made anyway
/// is welcome and not counted either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckInAdherence {
    /// Days that asked for a check-in and had one.
    pub done: u32,
    /// Days that asked for a check-in: the period's days that are not off.
    pub asked: u32,
    /// Days off in the period.
    pub days_off: u32,
}

/// [`CheckInAdherence`] from `from` to `to`, both included.
pub fn check_in_adherence(
    checkins: &[CheckIn],
    days_off: &BTreeSet<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> CheckInAdherence {
    if from > to {
        return CheckInAdherence::default();
    }
    let days = u32::try_from((to - from).num_days() + 1).unwrap_or(0);
    let off = u32::try_from(days_off.range(from..=to).count()).unwrap_or(0);
    let start = checkins.partition_point(|c| c.date < from);
    let mut done_days: Vec<NaiveDate> = checkins[start..]
        .iter()
        .take_while(|c| c.date <= to)
        .map(|c| c.date)
        .filter(|d| !days_off.contains(d))
        .collect();
    done_days.dedup();
    CheckInAdherence {
        done: u32::try_from(done_days.len()).unwrap_or(0),
        asked: days - off,
        days_off: off,
    }
}
