//! "Now", injectable so that timers and day boundaries are tested without sleeping.

use std::ops::{Add, AddAssign, Sub};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Utc};

/// Where the app reads the time from.
pub trait Clock: Send + Sync {
    /// Wall-clock time in the user's current time zone.
    fn local_now(&self) -> DateTime<FixedOffset>;
    /// Time for countdowns: see [`Moment`].
    fn moment(&self) -> Moment;

    fn utc_now(&self) -> DateTime<Utc> {
        self.local_now().with_timezone(&Utc)
    }
    /// The local calendar date a record made now belongs to.
    fn today(&self) -> NaiveDate {
        self.local_now().date_naive()
    }
}

/// A point on the clock that timers count on: the time since an arbitrary
/// origin, unaffected by changes to the wall clock and still counting while
/// the computer sleeps. A heat pack left on through a suspend has been on
/// for the whole time, so a timer that should have ended meanwhile has ended
/// when the computer wakes. Only the distance between two moments means
/// anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(Duration);

impl Moment {
    /// The origin, for tests that count from zero.
    pub const ORIGIN: Moment = Moment(Duration::ZERO);

    /// The time from `earlier` to `self`; zero if `earlier` is later.
    pub fn saturating_duration_since(self, earlier: Moment) -> Duration {
        self.0.saturating_sub(earlier.0)
    }
}

impl Add<Duration> for Moment {
    type Output = Moment;
    /// Saturates instead of overflowing: a moment billions of years on is
    /// as good as any other for a countdown.
    fn add(self, by: Duration) -> Moment {
        Moment(self.0.saturating_add(by))
    }
}

impl AddAssign<Duration> for Moment {
    fn add_assign(&mut self, by: Duration) {
        *self = *self + by;
    }
}

impl Sub<Duration> for Moment {
    type Output = Moment;
    /// Stops at the origin rather than going before it.
    fn sub(self, by: Duration) -> Moment {
        Moment(self.0.saturating_sub(by))
    }
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn local_now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }

    /// Linux's boot-time clock, which goes on through a suspend (the
    /// monotonic clock behind `Instant` stops).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn moment(&self) -> Moment {
        let since_boot = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
        // The kernel never reports a negative time since boot.
        Moment(Duration::try_from(since_boot).unwrap_or_default())
    }

    /// Elsewhere the monotonic clock, counted from the first reading.
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn moment(&self) -> Moment {
        static ORIGIN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        Moment(ORIGIN.get_or_init(std::time::Instant::now).elapsed())
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
    moment: Moment,
}

impl ManualClock {
    pub fn new(wall: DateTime<FixedOffset>) -> Self {
        Self {
            inner: Arc::new(Mutex::new(ManualInner {
                wall,
                moment: Moment::ORIGIN,
            })),
        }
    }

    /// Moves both the wall clock and the timer clock forward. Moving it by
    /// a long stretch with no frame drawn in between is what a suspend
    /// looks like to the app: both clocks have jumped when it wakes.
    pub fn advance(&self, by: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.moment += by;
        inner.wall += chrono::Duration::from_std(by).unwrap_or(chrono::Duration::MAX);
    }

    /// Sets the wall clock (a time-zone or DST change); the timer clock keeps going.
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
    fn moment(&self) -> Moment {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .moment
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
        let t0 = clock.moment();
        other.advance(Duration::from_secs(45));
        assert_eq!(
            clock.moment().saturating_duration_since(t0),
            Duration::from_secs(45)
        );
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(clock.utc_now().to_rfc3339(), "2026-03-01T23:00:15+00:00");
    }

    #[test]
    fn moments_saturate_instead_of_overflowing() {
        let t = Moment::ORIGIN + Duration::from_secs(10);
        assert_eq!(
            t.saturating_duration_since(Moment::ORIGIN),
            Duration::from_secs(10)
        );
        assert_eq!(Moment::ORIGIN.saturating_duration_since(t), Duration::ZERO);
        assert_eq!(t - Duration::from_secs(60), Moment::ORIGIN);
        assert_eq!(t + Duration::MAX, Moment::ORIGIN + Duration::MAX);
    }

    /// The system clock reads the boot-time clock (which counts a suspend),
    /// not the monotonic one (which does not).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn the_system_clock_reads_the_boot_time_clock() {
        use rustix::time::{ClockId, clock_gettime};
        let boot = || Duration::try_from(clock_gettime(ClockId::Boottime)).unwrap();
        let before = boot();
        let Moment(read) = SystemClock.moment();
        let after = boot();
        assert!(
            before <= read && read <= after,
            "{before:?} {read:?} {after:?}"
        );
    }
}
