//! When the next posture, stretch-break, check-in or strengthening nudge is due.
//!
//! Pure logic: every call takes the local "now" from the caller and nothing
//! here reads the clock, so day boundaries, DST and sleep are tested directly.
//! Intervals are measured in real elapsed time; active hours, quiet hours and
//! reminder times are read on the local wall clock of the `now` passed in.
//!
//! The rules, in one place:
//! - Reminders come only while reminders are on, on an active weekday, outside
//!   quiet hours, not while snoozed and not on a paused day.
//! - Posture checks and stretch breaks also need active hours (start included,
//!   end excluded). Check-in and strengthening nudges come at their own time of
//!   day on active days, whatever the active hours.
//! - At most one reminder at a time, and at least [`SPACING_MINS`] between two.
//!   When several are due, the order is: a snoozed reminder coming back, the
//!   check-in, strengthening, the stretch break, the posture check.
//! - Every reminder shown restarts the posture interval; a stretch break also
//!   restarts the stretch interval. Catching up never repeats a reminder.
//! - A stretch break missed by [`AWAY_AFTER_MINS`] or more (sleep, suspend, a
//!   night, quiet hours) means you were away from the desk: it is not shown,
//!   its interval starts again, and the one reminder you get on return is the
//!   posture check.
//! - While the person is away ([`Scheduler::away`]: idle, the screen locked,
//!   the computer asleep) nothing is due. Back after [`BREAK_MINS`] or more,
//!   they had their break: the posture and stretch intervals start again
//!   from the return, so no catch-up follows. A shorter absence keeps the
//!   timers, and a deadline that passed during it gives one reminder.
//! - Intervals count on the wall clock, through a suspend: a posture check
//!   due during a short sleep comes on waking, once.
//! - The check-in comes once a day, only when you haven't checked in; the
//!   strengthening nudge once a day, only when the week is behind pace (see
//!   [`strength_pace`]), which counts only the days that are not off (a week
//!   off asks for none).

use crate::domain::dates::week_start;
use crate::domain::session::strength_target;
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// How long "remind me later" waits.
pub const SNOOZE_MINS: i64 = 10;
/// How long "pause for an hour" holds every reminder.
pub const PAUSE_HOUR_MINS: i64 = 60;
/// The shortest time between two reminders.
pub const SPACING_MINS: i64 = 10;
/// A stretch break overdue by this much means you were away from the desk.
/// The fallback guess when nothing tells us the person was away.
pub const AWAY_AFTER_MINS: i64 = 30;
/// Away this long counts as a break: a stretch break asks for a few minutes on
/// your feet, and five minutes away from the keyboard (idle, locked, asleep)
/// is that. It is shorter than the shortest posture interval, so a real break
/// always restarts the count, and much shorter than [`AWAY_AFTER_MINS`], which
/// only guesses at an absence when no signal told of one.
pub const BREAK_MINS: i64 = 5;
/// Allowed posture intervals, in minutes.
pub const POSTURE_MINS: RangeInclusive<u32> = 15..=60;
/// Longest stretch-break interval, in hours.
pub const MAX_STRETCH_HOURS: u32 = 8;
const fn hm(hour: u32, min: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, min, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

/// Strengthening sessions that should be done by a day to keep the week's
/// `target` in reach: the target spread evenly over the week's `days_on`
/// (the days that are not off), `days_on_so_far` of them passed, the day
/// itself included. A week without days off asks for one by Wednesday,
/// two by Friday and three by Sunday, with a rest day between sessions.
pub fn strength_pace(target: u32, days_on_so_far: u32, days_on: u32) -> u32 {
    if days_on == 0 {
        return 0;
    }
    target * days_on_so_far.min(days_on) / days_on
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Posture,
    StretchBreak,
    CheckIn,
    Strength,
}

/// What a person asks of a reminder (from the window's banner, and later
/// from a notification or the tray).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderAction {
    /// "Done": the posture was fixed (recorded), or the nudge was followed.
    Done(ReminderKind),
    Snooze,
    PauseHour,
    PauseToday,
    Resume,
    Dismiss(ReminderKind),
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 4] = [
        ReminderKind::Posture,
        ReminderKind::StretchBreak,
        ReminderKind::CheckIn,
        ReminderKind::Strength,
    ];

    /// Stable code for settings and logs.
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::Posture => "posture",
            ReminderKind::StretchBreak => "stretch_break",
            ReminderKind::CheckIn => "check_in",
            ReminderKind::Strength => "strength",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReminderKind::Posture => "Posture checks",
            ReminderKind::StretchBreak => "Stretch breaks",
            ReminderKind::CheckIn => "Daily check-in",
            ReminderKind::Strength => "Strengthening nudge",
        }
    }

    /// Posture checks and stretch breaks are about sitting, so they keep to active hours.
    pub fn keeps_to_active_hours(self) -> bool {
        matches!(self, ReminderKind::Posture | ReminderKind::StretchBreak)
    }
}

/// What the rest of the app knows about today, passed in with each question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayFacts {
    pub checked_in_today: bool,
    /// Strengthening sessions in the current Monday-to-Sunday week, today included.
    pub strength_sessions_this_week: u32,
}

/// One reminder to show, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub title: &'static str,
    pub body: String,
}

const POSTURE_BODY: &str = "Sit back into the chair, let your shoulders drop and bring your \
     head back over them. Two slow breaths, then carry on.";
const STRETCH_BODY: &str = "You have been sitting for a while. Stand up for a few minutes: walk \
     about, roll your shoulders or try a seated spinal twist.";
const CHECK_IN_BODY: &str = "How is your back today? A rating takes a few seconds, and over the weeks the ratings show the trend.";

impl Reminder {
    /// `target`: the week's strengthening target.
    fn new(kind: ReminderKind, facts: &DayFacts, target: u32) -> Self {
        let (title, body) = match kind {
            ReminderKind::Posture => ("Posture check", POSTURE_BODY.to_owned()),
            ReminderKind::StretchBreak => ("Time for a stretch break", STRETCH_BODY.to_owned()),
            ReminderKind::CheckIn => ("Daily check-in", CHECK_IN_BODY.to_owned()),
            ReminderKind::Strength => {
                let so_far = match facts.strength_sessions_this_week {
                    0 => "No strengthening session yet this week.".to_owned(),
                    1 => "One strengthening session so far this week.".to_owned(),
                    2 => "Two strengthening sessions so far this week.".to_owned(),
                    n => format!("{n} strengthening sessions so far this week."),
                };
                let body = format!(
                    "{so_far} Ten minutes of wall angels or bird-dogs today keeps you on the \
                     way to {target}."
                );
                ("Strengthening this week", body)
            }
        };
        Self { kind, title, body }
    }
}

/// A snooze: no reminders until `until`, then `kind` (the one snoozed) comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snooze {
    pub until: DateTime<FixedOffset>,
    pub kind: Option<ReminderKind>,
}

/// What the scheduler remembers between calls. Plain data, so the app may keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderState {
    /// Last posture reminder shown or posture check done.
    pub posture_at: Option<DateTime<FixedOffset>>,
    /// Start of the current stretch interval.
    pub stretch_at: Option<DateTime<FixedOffset>>,
    /// Day the check-in reminder was shown, dismissed or found not needed.
    pub check_in_on: Option<NaiveDate>,
    /// Day the strengthening nudge was shown, dismissed or found not needed.
    pub strength_on: Option<NaiveDate>,
    /// The last reminder shown, and when.
    pub last_shown: Option<(ReminderKind, DateTime<FixedOffset>)>,
    pub snoozed: Option<Snooze>,
    /// Reminders are paused for this local day.
    pub paused_on: Option<NaiveDate>,
    /// The person is away (idle, the screen locked, asleep) since then.
    pub away_since: Option<DateTime<FixedOffset>>,
}

/// Which time-of-day rule a kind follows when looking for an open moment.
#[derive(Debug, Clone, Copy)]
enum Gate {
    ActiveHours,
    Daily {
        from: NaiveTime,
        done_on: Option<NaiveDate>,
        needs_pace: bool,
    },
}

/// Decides which reminder is due. Holds the settings and the state; the caller
/// owns the clock and the notification.
#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    settings: ReminderSettings,
    state: ReminderState,
    /// Days marked as days off: nothing is due on them.
    days_off: BTreeSet<NaiveDate>,
}

impl Scheduler {
    pub fn new(settings: ReminderSettings) -> Self {
        Self::with_state(settings, ReminderState::default())
    }

    pub fn with_state(settings: ReminderSettings, state: ReminderState) -> Self {
        Self {
            settings,
            state,
            days_off: BTreeSet::new(),
        }
    }

    /// New settings and state (read again from the store), the days off
    /// kept.
    pub fn replace(&mut self, settings: ReminderSettings, state: ReminderState) {
        self.settings = settings;
        self.state = state;
    }

    /// The days off, on which reminders keep quiet.
    pub fn set_days_off(&mut self, days_off: BTreeSet<NaiveDate>) {
        self.days_off = days_off;
    }

    pub fn is_day_off(&self, date: NaiveDate) -> bool {
        self.days_off.contains(&date)
    }

    /// Whether `date`'s week is behind the strengthening pace with
    /// `sessions` done: the target and the pace count only the days that
    /// are not off.
    fn strength_behind(&self, date: NaiveDate, sessions: u32) -> bool {
        sessions < self.strength_pace(date)
    }

    /// Sessions due by `date` (see [`strength_pace`]).
    fn strength_pace(&self, date: NaiveDate) -> u32 {
        let (target, days_on_so_far, days_on) = self.strength_week(date);
        strength_pace(target, days_on_so_far, days_on)
    }

    /// `date`'s week: its strengthening target (fewer sessions for its days
    /// off), its days on up to `date`, and its days on in all.
    fn strength_week(&self, date: NaiveDate) -> (u32, u32, u32) {
        let monday = week_start(date);
        let on = |day: &NaiveDate| !self.days_off.contains(day);
        let week: Vec<NaiveDate> = monday.iter_days().take(7).collect();
        let days_on = week.iter().filter(|d| on(d)).count();
        let so_far = week.iter().filter(|d| **d <= date && on(d)).count();
        let count = |n: usize| u32::try_from(n).unwrap_or(7);
        let target = strength_target(7 - count(days_on));
        (target, count(so_far), count(days_on))
    }

    pub fn settings(&self) -> &ReminderSettings {
        &self.settings
    }

    /// Replaces the settings; what was already shown or done is kept.
    pub fn set_settings(&mut self, settings: ReminderSettings) {
        self.settings = settings;
    }

    pub fn state(&self) -> &ReminderState {
        &self.state
    }

    /// The reminder to show now, if any, recorded as shown. Call it at the time
    /// [`Scheduler::next_due`] gives (and after waking from sleep); it returns
    /// at most one reminder per call and never catches up on missed ones.
    pub fn due(&mut self, now: DateTime<FixedOffset>, facts: &DayFacts) -> Option<Reminder> {
        if self.is_away() {
            return None;
        }
        self.clamp_to(now);
        self.settle(now, facts);
        if !self.settings.enabled || self.held(now) {
            return None;
        }
        if let Some(snooze) = self.state.snoozed.take()
            && let Some(kind) = snooze.kind
            && self.is_open(now, self.gate(kind, true))
            && self.still_wanted(kind, now, facts)
        {
            return Some(self.fire(kind, now, facts));
        }
        let interval_open = self.is_open(now, Gate::ActiveHours);
        if interval_open && let Some(interval) = self.settings.stretch_interval() {
            let away = Duration::minutes(AWAY_AFTER_MINS);
            match self.state.stretch_at {
                Some(start) if now - (start + interval) < away => {}
                _ => self.state.stretch_at = Some(now),
            }
        }
        let kind = [
            ReminderKind::CheckIn,
            ReminderKind::Strength,
            ReminderKind::StretchBreak,
            ReminderKind::Posture,
        ]
        .into_iter()
        .find(|&kind| match kind {
            ReminderKind::CheckIn | ReminderKind::Strength => {
                self.is_open(now, self.gate(kind, false)) && self.still_wanted(kind, now, facts)
            }
            ReminderKind::StretchBreak => {
                interval_open
                    && self
                        .settings
                        .stretch_interval()
                        .zip(self.state.stretch_at)
                        .is_some_and(|(interval, start)| now >= start + interval)
            }
            ReminderKind::Posture => {
                interval_open
                    && self.settings.posture_enabled
                    && self
                        .state
                        .posture_at
                        .is_none_or(|at| now >= at + self.settings.posture_interval())
            }
        })?;
        Some(self.fire(kind, now, facts))
    }

    /// The earliest moment at or after `now` when [`Scheduler::due`] may have
    /// something to show (or to restart), for scheduling a wake-up; `None`
    /// when reminders are off or the person is away ([`Scheduler::back`] is
    /// the next thing to wait for). Nothing is due before it. It is given in
    /// the offset of `now`: if the time zone may change before then (DST),
    /// wake up at least hourly and ask again.
    pub fn next_due(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        if !self.settings.enabled || self.is_away() {
            return None;
        }
        let mut base = now;
        if let Some(snooze) = self.state.snoozed {
            base = base.max(snooze.until);
        }
        if let Some((_, shown)) = self.state.last_shown {
            base = base.max(shown.min(now) + Duration::minutes(SPACING_MINS));
        }
        let after = |start: Option<DateTime<FixedOffset>>, interval: Duration| {
            start.map_or(base, |at| base.max(at.min(now) + interval))
        };
        let mut candidates = Vec::with_capacity(5);
        if let Some(Snooze {
            kind: Some(kind), ..
        }) = self.state.snoozed
        {
            candidates.push(self.first_open(base, self.gate(kind, true)));
        }
        if self.settings.check_in_at.is_some() {
            candidates.push(self.first_open(base, self.gate(ReminderKind::CheckIn, false)));
        }
        if self.settings.strength_nudge_at.is_some() {
            candidates.push(self.first_open(base, self.gate(ReminderKind::Strength, false)));
        }
        if let Some(interval) = self.settings.stretch_interval() {
            let start = after(self.state.stretch_at, interval);
            candidates.push(self.first_open(start, Gate::ActiveHours));
        }
        if self.settings.posture_enabled {
            let start = after(self.state.posture_at, self.settings.posture_interval());
            candidates.push(self.first_open(start, Gate::ActiveHours));
        }
        candidates.into_iter().flatten().min()
    }

    /// "Remind me later": nothing for [`SNOOZE_MINS`] minutes, then the last
    /// reminder shown comes back if it still applies.
    pub fn snooze(&mut self, now: DateTime<FixedOffset>) {
        self.state.snoozed = Some(Snooze {
            until: now + Duration::minutes(SNOOZE_MINS),
            kind: self.state.last_shown.map(|(kind, _)| kind),
        });
    }

    /// No reminders for an hour; then they go on as before (nothing
    /// missed meanwhile is caught up). Kept as a snooze that brings no
    /// particular reminder back.
    pub fn pause_hour(&mut self, now: DateTime<FixedOffset>) {
        self.state.snoozed = Some(Snooze {
            until: now + Duration::minutes(PAUSE_HOUR_MINS),
            kind: None,
        });
    }

    /// Until when reminders are paused by [`Scheduler::pause_hour`] (or a
    /// snooze), if that is still ahead of `now`.
    pub fn held_until(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.state
            .snoozed
            .map(|s| s.until)
            .filter(|until| *until > now)
    }

    /// No reminders for the rest of this local day; they come back tomorrow.
    pub fn pause_today(&mut self, today: NaiveDate) {
        self.state.paused_on = Some(today);
    }

    /// Undoes [`Scheduler::pause_today`] and [`Scheduler::pause_hour`].
    pub fn resume(&mut self) {
        self.state.paused_on = None;
        if self.state.snoozed.is_some_and(|s| s.kind.is_none()) {
            self.state.snoozed = None;
        }
    }

    pub fn is_paused(&self, today: NaiveDate) -> bool {
        self.state.paused_on == Some(today)
    }

    /// The person did it (or dismissed it): a posture check or stretch break
    /// restarts its interval from `now`, a check-in or strengthening nudge is
    /// done for today. Also fine to call when they did it without a reminder.
    pub fn acknowledge(&mut self, kind: ReminderKind, now: DateTime<FixedOffset>) {
        let today = now.date_naive();
        match kind {
            ReminderKind::Posture => self.state.posture_at = Some(now),
            ReminderKind::StretchBreak => {
                self.state.posture_at = Some(now);
                self.state.stretch_at = Some(now);
            }
            ReminderKind::CheckIn => self.state.check_in_on = Some(today),
            ReminderKind::Strength => self.state.strength_on = Some(today),
        }
        if self.state.snoozed.is_some_and(|s| s.kind == Some(kind)) {
            self.state.snoozed = None;
        }
    }

    /// A clock set backwards must not hold reminders back for long.
    fn clamp_to(&mut self, now: DateTime<FixedOffset>) {
        let state = &mut self.state;
        for at in [&mut state.posture_at, &mut state.stretch_at]
            .into_iter()
            .flatten()
        {
            *at = (*at).min(now);
        }
        if let Some((_, at)) = &mut state.last_shown {
            *at = (*at).min(now);
        }
        if let Some(snooze) = &mut state.snoozed {
            let longest = if snooze.kind.is_some() {
                SNOOZE_MINS
            } else {
                SNOOZE_MINS.max(PAUSE_HOUR_MINS)
            };
            snooze.until = snooze.until.min(now + Duration::minutes(longest));
        }
    }

    /// Marks today's check-in and strengthening nudges as not needed, once the facts say so.
    fn settle(&mut self, now: DateTime<FixedOffset>, facts: &DayFacts) {
        let today = now.date_naive();
        if facts.checked_in_today {
            self.state.check_in_on = Some(today);
        }
        if let Some(at) = self.settings.strength_nudge_at
            && now.time() >= at
            && !self.strength_behind(today, facts.strength_sessions_this_week)
        {
            self.state.strength_on = Some(today);
        }
    }

    /// Snoozed, or too soon after the last reminder.
    fn held(&self, now: DateTime<FixedOffset>) -> bool {
        let snoozed = self.state.snoozed.is_some_and(|s| now < s.until);
        let too_soon = self
            .state
            .last_shown
            .is_some_and(|(_, at)| now < at + Duration::minutes(SPACING_MINS));
        snoozed || too_soon
    }

    fn still_wanted(
        &self,
        kind: ReminderKind,
        now: DateTime<FixedOffset>,
        facts: &DayFacts,
    ) -> bool {
        match kind {
            ReminderKind::CheckIn => self.settings.check_in_at.is_some() && !facts.checked_in_today,
            ReminderKind::Strength => {
                self.settings.strength_nudge_at.is_some()
                    && self.strength_behind(now.date_naive(), facts.strength_sessions_this_week)
            }
            ReminderKind::StretchBreak => self.settings.stretch_interval().is_some(),
            ReminderKind::Posture => self.settings.posture_enabled,
        }
    }

    fn fire(
        &mut self,
        kind: ReminderKind,
        now: DateTime<FixedOffset>,
        facts: &DayFacts,
    ) -> Reminder {
        let today = now.date_naive();
        self.state.last_shown = Some((kind, now));
        self.state.posture_at = Some(now);
        match kind {
            ReminderKind::StretchBreak => self.state.stretch_at = Some(now),
            ReminderKind::CheckIn => self.state.check_in_on = Some(today),
            ReminderKind::Strength => self.state.strength_on = Some(today),
            ReminderKind::Posture => {}
        }
        Reminder::new(kind, facts, self.strength_week(today).0)
    }

    /// The rule for `kind`; a snoozed reminder comes back whatever its time and day.
    fn gate(&self, kind: ReminderKind, snoozed: bool) -> Gate {
        let (from, done_on, needs_pace) = match kind {
            ReminderKind::Posture | ReminderKind::StretchBreak => return Gate::ActiveHours,
            ReminderKind::CheckIn => (self.settings.check_in_at, self.state.check_in_on, false),
            ReminderKind::Strength => (
                self.settings.strength_nudge_at,
                self.state.strength_on,
                true,
            ),
        };
        Gate::Daily {
            from: from.filter(|_| !snoozed).unwrap_or(NaiveTime::MIN),
            done_on: done_on.filter(|_| !snoozed),
            needs_pace,
        }
    }

    fn is_open(&self, now: DateTime<FixedOffset>, gate: Gate) -> bool {
        self.first_open(now, gate) == Some(now)
    }

    /// The first moment at or after `t` that the day, the pause, the gate and
    /// quiet hours all allow; `None` if there is none within a few weeks.
    fn first_open(
        &self,
        mut t: DateTime<FixedOffset>,
        gate: Gate,
    ) -> Option<DateTime<FixedOffset>> {
        for _ in 0..64 {
            let date = t.date_naive();
            let time = t.time();
            let skip_day = self.state.paused_on == Some(date)
                || self.days_off.contains(&date)
                || !self.settings.active_days.contains(date.weekday())
                || match gate {
                    Gate::Daily {
                        done_on,
                        needs_pace,
                        ..
                    } => done_on == Some(date) || (needs_pace && !self.strength_behind(date, 0)),
                    Gate::ActiveHours => false,
                };
            if skip_day {
                t = at(t, date.succ_opt()?, NaiveTime::MIN);
                continue;
            }
            match gate {
                Gate::ActiveHours if !self.settings.active_hours.contains(time) => {
                    t = next_at(t, self.settings.active_hours.start)?;
                    continue;
                }
                Gate::Daily { from, .. } if time < from => {
                    t = at(t, date, from);
                    continue;
                }
                _ => {}
            }
            if let Some(quiet) = self.settings.quiet_hours
                && quiet.contains(time)
            {
                t = next_at(t, quiet.end)?;
                continue;
            }
            return Some(t);
        }
        None
    }
}

/// `date` at `time` on the wall clock, in the offset of `like`.
fn at(like: DateTime<FixedOffset>, date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    like + (date.and_time(time) - like.naive_local())
}

/// The next time the wall clock shows `time` after `t`: later today if `t` is
/// still before it, otherwise tomorrow.
fn next_at(t: DateTime<FixedOffset>, time: NaiveTime) -> Option<DateTime<FixedOffset>> {
    let today = t.date_naive();
    let day = if t.time() < time {
        today
    } else {
        today.succ_opt()?
    };
    Some(at(t, day, time))
}

mod away;
mod persist;
mod settings;

pub use settings::{ReminderSettings, TimeWindow};

pub use persist::{parse_day_codes, parse_time_text, weekday_codes};

#[cfg(test)]
mod tests;
