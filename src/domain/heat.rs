//! The heat-pack timer and its safety limits, driven by a [`Moment`] that the
//! caller passes in (never read here). Moments count on while the computer
//! sleeps, so a session that passed its cap during a suspend is over at the
//! first look after it.
//!
//! One application lasts 15 to 20 minutes. Longer raises the risk of skin
//! irritation and burns, so the app warns past 20 minutes and the timer ends
//! itself at 30 minutes, even if nobody is watching.

use std::time::Duration;

use super::DomainError;
use super::clock::Moment;

const fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// The length offered first.
pub const DEFAULT: Duration = minutes(15);
/// One-tap lengths.
pub const QUICK_CHOICES: [Duration; 2] = [minutes(15), minutes(20)];
/// Planning longer than this gets a warning.
pub const WARN_AFTER: Duration = minutes(20);
/// A timer never counts past this, whatever was planned.
pub const CAP: Duration = minutes(30);
/// Range accepted when typing the length of a heat session by hand.
pub const ENTRY_MINUTES: std::ops::RangeInclusive<u32> = 1..=60;

/// What gives the heat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HeatType {
    /// A moist pack warmed in the microwave: reaches deeper than dry heat.
    Moist,
    Electric,
    Other,
}

impl HeatType {
    pub const ALL: [HeatType; 3] = [HeatType::Moist, HeatType::Electric, HeatType::Other];

    /// Stable code used in storage and CSV.
    pub fn code(self) -> &'static str {
        match self {
            HeatType::Moist => "moist",
            HeatType::Electric => "electric",
            HeatType::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HeatType::Moist => "Moist pack (microwavable)",
            HeatType::Electric => "Electric heating pad",
            HeatType::Other => "Other",
        }
    }

    pub fn from_code(code: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|t| t.code() == code)
            .ok_or_else(|| DomainError::Unknown {
                what: "heat type",
                value: code.to_owned(),
            })
    }
}

/// Where a heat timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatState {
    /// Counting down to the planned length.
    Running { remaining: Duration },
    /// The planned length is reached; waiting for the user to take the pack off.
    Done { overrun: Duration },
    /// The safety cap is reached: the session is over.
    Capped,
}

/// How a heat session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatOutcome {
    /// Time with the pack on, never more than [`CAP`].
    pub elapsed: Duration,
    /// Ended by the safety cap rather than by the user.
    pub capped: bool,
}

impl HeatOutcome {
    /// Whole seconds, for the session log.
    pub fn duration_secs(&self) -> u32 {
        u32::try_from(self.elapsed.as_secs()).unwrap_or(u32::MAX)
    }
}

/// Whether a planned length deserves the skin warning.
pub fn warns_for(planned: Duration) -> bool {
    planned > WARN_AFTER
}

/// A running heat-pack timer. All times are on the caller's timer clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatTimer {
    started: Moment,
    planned: Duration,
}

impl HeatTimer {
    pub fn start(planned: Duration, now: Moment) -> Self {
        Self {
            started: now,
            planned,
        }
    }

    pub fn planned(&self) -> Duration {
        self.planned
    }

    /// Adds time to the plan, never past [`CAP`]: a plan longer than the cap
    /// would promise time the timer will not give.
    pub fn extend(&mut self, by: Duration) {
        self.planned = self.planned.saturating_add(by).min(CAP);
    }

    /// Whether the plan can still grow (it is shorter than [`CAP`]).
    pub fn can_extend(&self) -> bool {
        self.planned < CAP
    }

    /// True when the plan is longer than [`WARN_AFTER`].
    pub fn warns(&self) -> bool {
        warns_for(self.planned)
    }

    /// Time since the start, never more than [`CAP`].
    pub fn elapsed(&self, now: Moment) -> Duration {
        now.saturating_duration_since(self.started).min(CAP)
    }

    pub fn state(&self, now: Moment) -> HeatState {
        let elapsed = self.elapsed(now);
        if elapsed >= CAP {
            HeatState::Capped
        } else if elapsed < self.planned {
            HeatState::Running {
                remaining: self.planned - elapsed,
            }
        } else {
            HeatState::Done {
                overrun: elapsed - self.planned,
            }
        }
    }

    /// Ends the session.
    pub fn stop(self, now: Moment) -> HeatOutcome {
        let elapsed = self.elapsed(now);
        HeatOutcome {
            elapsed,
            capped: elapsed >= CAP,
        }
    }

    /// How long until the seconds on screen change (the countdown while
    /// running, the time over plan once done) or the cap is reached: when to
    /// repaint. `None` once capped.
    pub fn next_deadline(&self, now: Moment) -> Option<Duration> {
        let until_cap = CAP.saturating_sub(self.elapsed(now));
        let until_change = match self.state(now) {
            HeatState::Capped => return None,
            HeatState::Running { remaining } => match remaining.subsec_nanos() {
                0 => Duration::from_secs(1),
                nanos => Duration::from_nanos(u64::from(nanos)),
            },
            HeatState::Done { overrun } => {
                Duration::from_secs(1) - Duration::from_nanos(u64::from(overrun.subsec_nanos()))
            }
        };
        Some(until_change.min(until_cap))
    }
}

/// Parses the length of a heat session typed by hand, in whole minutes.
pub fn parse_heat_minutes(text: &str) -> Result<u32, DomainError> {
    let trimmed = text.trim();
    let value: i64 = trimmed.parse().map_err(|_| {
        DomainError::Invalid(format!(
            "the heat time must be a whole number of minutes, not \"{trimmed}\""
        ))
    })?;
    let (min, max) = (*ENTRY_MINUTES.start(), *ENTRY_MINUTES.end());
    if value < i64::from(min) {
        return Err(DomainError::Invalid(
            "the heat time must be at least 1 minute".to_owned(),
        ));
    }
    if value > i64::from(max) {
        return Err(DomainError::Invalid(format!(
            "{value} minutes is too long for one heat session; \
             the most is {max} (15 to 20 is usual)"
        )));
    }
    u32::try_from(value)
        .map_err(|_| DomainError::Invalid(format!("{value} minutes is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_consistent() {
        assert_eq!(DEFAULT, minutes(15));
        assert_eq!(QUICK_CHOICES, [minutes(15), minutes(20)]);
        assert!(QUICK_CHOICES.iter().all(|&d| !warns_for(d) && d < CAP));
        assert!(WARN_AFTER < CAP);
    }

    #[test]
    fn heat_type_codes_round_trip() {
        for t in HeatType::ALL {
            assert_eq!(HeatType::from_code(t.code()).unwrap(), t);
            assert!(!t.label().is_empty());
        }
        assert!(HeatType::from_code("ice").is_err());
    }

    #[test]
    fn counts_down_then_waits_for_the_user() {
        let t0 = Moment::ORIGIN;
        let timer = HeatTimer::start(DEFAULT, t0);
        assert_eq!(
            timer.state(t0),
            HeatState::Running {
                remaining: minutes(15)
            }
        );
        assert_eq!(
            timer.state(t0 + minutes(10)),
            HeatState::Running {
                remaining: minutes(5)
            }
        );
        assert_eq!(
            timer.state(t0 + minutes(15)),
            HeatState::Done {
                overrun: Duration::ZERO
            }
        );
        assert_eq!(
            timer.state(t0 + minutes(17)),
            HeatState::Done {
                overrun: minutes(2)
            }
        );
        let outcome = timer.stop(t0 + minutes(16));
        assert_eq!(
            outcome,
            HeatOutcome {
                elapsed: minutes(16),
                capped: false
            }
        );
        assert_eq!(outcome.duration_secs(), 16 * 60);
    }

    #[test]
    fn warns_only_past_twenty_minutes() {
        let t0 = Moment::ORIGIN;
        assert!(!HeatTimer::start(minutes(20), t0).warns());
        let mut timer = HeatTimer::start(minutes(15), t0);
        timer.extend(minutes(5));
        assert_eq!(timer.planned(), minutes(20));
        assert!(!timer.warns());
        timer.extend(Duration::from_secs(1));
        assert!(timer.warns());
        assert!(HeatTimer::start(minutes(25), t0).warns());
    }

    #[test]
    fn extending_stops_at_the_cap() {
        let t0 = Moment::ORIGIN;
        let mut timer = HeatTimer::start(minutes(20), t0);
        for _ in 0..10 {
            timer.extend(minutes(5));
        }
        assert_eq!(timer.planned(), CAP);
        assert!(!timer.can_extend());
        assert!(HeatTimer::start(minutes(25), t0).can_extend());
    }

    #[test]
    fn extending_a_finished_timer_runs_it_again() {
        let t0 = Moment::ORIGIN;
        let mut timer = HeatTimer::start(minutes(15), t0);
        assert!(matches!(
            timer.state(t0 + minutes(16)),
            HeatState::Done { .. }
        ));
        timer.extend(minutes(5));
        assert_eq!(
            timer.state(t0 + minutes(16)),
            HeatState::Running {
                remaining: minutes(4)
            }
        );
    }

    #[test]
    fn cap_ends_any_plan_at_thirty_minutes() {
        let t0 = Moment::ORIGIN;
        let long = HeatTimer::start(minutes(45), t0);
        assert!(matches!(
            long.state(t0 + minutes(29)),
            HeatState::Running { .. }
        ));
        assert_eq!(long.state(t0 + minutes(30)), HeatState::Capped);
        let mut short = HeatTimer::start(minutes(15), t0);
        short.extend(minutes(60));
        assert_eq!(short.state(t0 + minutes(30)), HeatState::Capped);
        assert_eq!(
            long.stop(t0 + minutes(30)),
            HeatOutcome {
                elapsed: CAP,
                capped: true
            }
        );
    }

    #[test]
    fn checked_long_after_the_end_reports_capped_at_exactly_thirty_minutes() {
        let t0 = Moment::ORIGIN;
        let timer = HeatTimer::start(DEFAULT, t0);
        // The window was minimized for three hours.
        let later = t0 + minutes(180);
        assert_eq!(timer.state(later), HeatState::Capped);
        assert_eq!(timer.elapsed(later), minutes(30));
        assert_eq!(timer.next_deadline(later), None);
        let outcome = timer.stop(later);
        assert_eq!(
            outcome,
            HeatOutcome {
                elapsed: CAP,
                capped: true
            }
        );
        assert_eq!(outcome.duration_secs(), 1800);
    }

    #[test]
    fn after_a_suspend_the_time_asleep_counts() {
        let t0 = Moment::ORIGIN;
        let timer = HeatTimer::start(minutes(20), t0);
        assert_eq!(
            timer.next_deadline(t0 + minutes(2)),
            Some(Duration::from_secs(1))
        );
        // Asleep from minute 2 to minute 12: the pack was on all along.
        assert_eq!(
            timer.state(t0 + minutes(12)),
            HeatState::Running {
                remaining: minutes(8)
            }
        );
        // Asleep past the cap: over at the first look, at exactly 30 minutes.
        let woke = t0 + minutes(95);
        assert_eq!(timer.state(woke), HeatState::Capped);
        assert_eq!(
            timer.stop(woke),
            HeatOutcome {
                elapsed: CAP,
                capped: true
            }
        );
    }

    #[test]
    fn deadline_follows_the_seconds_on_screen_and_the_cap() {
        let t0 = Moment::ORIGIN;
        let timer = HeatTimer::start(DEFAULT, t0);
        assert_eq!(timer.next_deadline(t0), Some(Duration::from_secs(1)));
        let t = t0 + Duration::from_millis(300);
        assert_eq!(timer.next_deadline(t), Some(Duration::from_millis(700)));
        let over = t0 + minutes(15) + Duration::from_millis(1200);
        assert_eq!(timer.next_deadline(over), Some(Duration::from_millis(800)));
        let odd = HeatTimer::start(minutes(45), t0);
        let near_cap = t0 + CAP - Duration::from_millis(200);
        assert_eq!(
            odd.next_deadline(near_cap),
            Some(Duration::from_millis(200))
        );
    }

    #[test]
    fn manual_minutes_between_1_and_60() {
        assert_eq!(parse_heat_minutes("15"), Ok(15));
        assert_eq!(parse_heat_minutes(" 1 "), Ok(1));
        assert_eq!(parse_heat_minutes("60"), Ok(60));
        let zero = parse_heat_minutes("0").unwrap_err().to_string();
        assert!(zero.contains("at least 1 minute"), "{zero}");
        let huge = parse_heat_minutes("500").unwrap_err().to_string();
        assert!(
            huge.contains("500 minutes") && huge.contains("60"),
            "{huge}"
        );
        assert!(parse_heat_minutes("-3").is_err());
        let words = parse_heat_minutes("twenty").unwrap_err().to_string();
        assert!(words.contains("\"twenty\""), "{words}");
        assert!(parse_heat_minutes("").is_err());
    }
}
