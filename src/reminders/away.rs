//! Away from the desk: idle, the screen locked or the computer asleep, as
//! the idle watch reports it. Nothing is shown meanwhile, and a break
//! restarts the posture and stretch intervals.

use chrono::{DateTime, Duration, FixedOffset};

use super::{BREAK_MINS, ReminderKind, Scheduler};

impl Scheduler {
    /// The person is away since `since`: idle, the screen locked, or the
    /// computer asleep. Nothing is due until [`Scheduler::back`]. Called again
    /// while away (idle, then locked), the earlier moment holds.
    pub fn away(&mut self, since: DateTime<FixedOffset>) {
        let since = self.state.away_since.map_or(since, |at| at.min(since));
        self.state.away_since = Some(since);
    }

    /// The person is back at `now`. Away for [`BREAK_MINS`] or more, they
    /// had their break: the posture and stretch intervals start again from
    /// `now` and a posture or stretch snooze is dropped (a check-in or
    /// strengthening nudge, or a pause, still holds), so nothing is
    /// caught up. A shorter absence changes nothing: the intervals
    /// went on counting, and one that ran out meanwhile gives one reminder.
    pub fn back(&mut self, now: DateTime<FixedOffset>) {
        let Some(since) = self.state.away_since.take() else {
            return;
        };
        if now - since < Duration::minutes(BREAK_MINS) {
            return;
        }
        self.state.posture_at = Some(now);
        self.state.stretch_at = Some(now);
        // A posture or stretch snooze is answered by the break; a snoozed
        // check-in or strengthening nudge, and a pause, are not.
        if self.state.snoozed.is_some_and(|s| {
            matches!(
                s.kind,
                Some(ReminderKind::Posture | ReminderKind::StretchBreak)
            )
        }) {
            self.state.snoozed = None;
        }
    }

    /// Between [`Scheduler::away`] and [`Scheduler::back`].
    pub fn is_away(&self) -> bool {
        self.state.away_since.is_some()
    }
}
