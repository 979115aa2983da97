//! "Now", injectable so that timers and day boundaries are tested without sleeping.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Utc};

/// Where the app reads the time from.
pub trait Clock: Send + Sync {
    /// Wall-clock time in the user's current time zone.
    fn local_now(&self) -> DateTime<FixedOffset>;
    /// Monotonic time for countdowns: unaffected by clock changes.
    fn instant(&self) -> Instant;

    fn utc_now(&self) -> DateTime<Utc> {
        self.local_now().with_timezone(&Utc)
    }
    /// The local calendar date a record made now belongs to.
    fn today(&self) -> NaiveDate {
        self.local_now().date_naive()
    }
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn local_now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
    fn instant(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that only moves when told to. Clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    inner: Arc<Mutex<ManualInner>>,
}

#[derive(Debug)]
struct ManualInner {
    wall: DateTime<FixedOffset>,
    instant: Instant,
}

impl ManualClock {
    pub fn new(wall: DateTime<FixedOffset>) -> Self {
        Self {
            inner: Arc::new(Mutex::new(ManualInner {
                wall,
                instant: Instant::now(),
            })),
        }
    }

    /// Moves both the wall clock and the monotonic clock forward.
    pub fn advance(&self, by: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.instant += by;
        inner.wall += chrono::Duration::from_std(by).unwrap_or(chrono::Duration::MAX);
    }

    /// Sets the wall clock (a time-zone or DST change); the monotonic clock keeps going.
    pub fn set_wall(&self, wall: DateTime<FixedOffset>) {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .wall = wall;
    }
}

impl Clock for ManualClock {
    fn local_now(&self) -> DateTime<FixedOffset> {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .wall
    }
    fn instant(&self) -> Instant {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .instant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_advances_both_clocks_and_clones_share_time() {
        let start = DateTime::parse_from_rfc3339("2026-03-01T23:59:30+01:00").unwrap();
        let clock = ManualClock::new(start);
        let other = clock.clone();
        let t0 = clock.instant();
        other.advance(Duration::from_secs(45));
        assert_eq!(clock.instant() - t0, Duration::from_secs(45));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(clock.utc_now().to_rfc3339(), "2026-03-01T23:00:15+00:00");
    }
}
