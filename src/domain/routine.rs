//! The guided routine player: a state machine over holds, driven by a
//! monotonic time that the caller passes in (never read here).
//!
//! A routine expands into holds (exercise, side, repetition). Each hold starts
//! with a short "get ready" or "switch sides" phase, then the hold itself.
//! `tick` catches up however late it is called and reports every event once.

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};

use super::exercise::{Exercise, PREPARE_SECS, Routine, Side};
use super::session::{Session, SessionExercise, SessionKind};

const PREPARE: Duration = Duration::from_secs(PREPARE_SECS as u64);

/// Something that happened since the last call; each is reported once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayerEvent {
    /// A hold was completed.
    HoldEnded {
        exercise: &'static str,
        side: Option<Side>,
        rep: u32,
    },
    /// The next hold is the same exercise on the other side.
    SwitchSides { to: Side },
    /// The next hold is the first of another exercise.
    NextExercise { exercise: &'static str },
    /// The routine reached its end.
    Finished,
}

/// Where the current hold is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Prepare,
    Hold,
    /// Finished or stopped.
    Done,
}

/// What the user should be doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    GetReady,
    SwitchSides,
    GoAgain,
    Hold,
    Finished,
    Stopped,
}

impl Cue {
    pub fn label(self) -> &'static str {
        match self {
            Cue::GetReady => "Get ready",
            Cue::SwitchSides => "Switch sides",
            Cue::GoAgain => "Rest, then go again",
            Cue::Hold => "Hold and breathe slowly",
            Cue::Finished => "All done",
            Cue::Stopped => "Stopped",
        }
    }
}

/// What the player screen shows at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerView {
    /// `None` once the routine is finished or stopped.
    pub exercise: Option<&'static Exercise>,
    /// 1-based position of the exercise in the routine.
    pub exercise_number: usize,
    pub exercise_count: usize,
    pub side: Option<Side>,
    /// Repetition `rep` of `reps` (per side).
    pub rep: u32,
    pub reps: u32,
    pub phase: Phase,
    pub cue: Cue,
    /// Whole seconds left in the phase, rounded up.
    pub secs_remaining: u32,
    /// 0.0 to 1.0 through the planned routine.
    pub progress: f32,
    pub paused: bool,
}

/// How a run went, for logging it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineSummary {
    /// Time spent in the routine, paused time excluded.
    pub active_secs: u32,
    pub exercises: Vec<SessionExercise>,
    /// Reached the end (possibly after skips) rather than being stopped.
    pub finished: bool,
}

#[derive(Debug, Clone, Copy)]
struct Step {
    /// Index into the routine's exercises.
    index: usize,
    exercise: &'static Exercise,
    side: Option<Side>,
    rep: u32,
}

impl Step {
    fn length(&self) -> Duration {
        PREPARE + Duration::from_secs(u64::from(self.exercise.hold_secs))
    }

    /// The phase `into` the step, and the time left in it.
    fn phase(&self, into: Duration) -> (Phase, Duration) {
        if into < PREPARE {
            (Phase::Prepare, PREPARE - into)
        } else {
            (Phase::Hold, self.length().saturating_sub(into))
        }
    }
}

/// Plays a routine. All times are on the caller's monotonic clock.
#[derive(Debug, Clone)]
pub struct RoutinePlayer {
    routine: Routine,
    steps: Vec<Step>,
    /// Steps passed over by `skip`.
    skipped: Vec<bool>,
    /// The step in progress; `steps.len()` once finished.
    cursor: usize,
    /// Active time at which the step in progress began (or the routine ended).
    step_start: Duration,
    started: Instant,
    paused_total: Duration,
    paused_at: Option<Instant>,
    /// Active time at which the user stopped.
    stopped_at: Option<Duration>,
}

impl RoutinePlayer {
    /// Starts with the first "get ready" phase at `now`.
    pub fn start(routine: Routine, now: Instant) -> Self {
        let mut steps = Vec::new();
        for (index, &exercise) in routine.exercises().iter().enumerate() {
            for rep in 1..=exercise.holds {
                for &side in exercise.sides() {
                    let step = Step {
                        index,
                        exercise,
                        side,
                        rep,
                    };
                    steps.push(step);
                }
            }
        }
        Self {
            routine,
            skipped: vec![false; steps.len()],
            steps,
            cursor: 0,
            step_start: Duration::ZERO,
            started: now,
            paused_total: Duration::ZERO,
            paused_at: None,
            stopped_at: None,
        }
    }

    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some() && self.stopped_at.is_none()
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped_at.is_some()
    }

    /// Finished or stopped: nothing more will happen.
    pub fn is_over(&self, now: Instant) -> bool {
        self.is_stopped() || self.locate(now).1 >= self.steps.len()
    }

    /// Brings the player up to `now` and reports what happened since the last call.
    pub fn tick(&mut self, now: Instant) -> Vec<PlayerEvent> {
        let (_, cursor, step_start) = self.locate(now);
        let mut events = Vec::new();
        for i in self.cursor..cursor {
            if let Some(step) = self.steps.get(i) {
                events.push(PlayerEvent::HoldEnded {
                    exercise: step.exercise.id,
                    side: step.side,
                    rep: step.rep,
                });
                events.extend(self.transition(i));
            }
        }
        self.cursor = cursor;
        self.step_start = step_start;
        events
    }

    /// Freezes the countdown. Does nothing if already paused or stopped.
    pub fn pause(&mut self, now: Instant) {
        if self.paused_at.is_none() && !self.is_stopped() {
            self.paused_at = Some(now);
        }
    }

    /// Continues the countdown where it was paused.
    pub fn resume(&mut self, now: Instant) {
        if let Some(at) = self.paused_at.take() {
            self.paused_total += now.saturating_duration_since(at);
        }
    }

    /// Leaves the current exercise; its remaining holds count as not done.
    /// The next exercise starts with its "get ready" phase at `now`.
    pub fn skip(&mut self, now: Instant) -> Vec<PlayerEvent> {
        let mut events = self.tick(now);
        let current = self.steps.get(self.cursor).map(|s| s.index);
        let Some(current) = current.filter(|_| !self.is_stopped()) else {
            return events;
        };
        let rest = self.steps.iter().skip(self.cursor);
        let end = self.cursor + rest.take_while(|s| s.index == current).count();
        self.skipped
            .iter_mut()
            .take(end)
            .skip(self.cursor)
            .for_each(|s| *s = true);
        self.cursor = end;
        self.step_start = self.active(now);
        events.push(match self.steps.get(self.cursor) {
            Some(next) => PlayerEvent::NextExercise {
                exercise: next.exercise.id,
            },
            None => PlayerEvent::Finished,
        });
        events
    }

    /// Ends the run early; the holds completed so far are kept.
    /// A routine that already finished stays finished.
    pub fn stop(&mut self, now: Instant) -> RoutineSummary {
        self.tick(now);
        if !self.is_stopped() && self.cursor < self.steps.len() {
            self.stopped_at = Some(self.active(now));
        }
        self.summary(now)
    }

    /// What to show at `now`.
    pub fn view(&self, now: Instant) -> PlayerView {
        let (active, cursor, step_start) = self.locate(now);
        let into = active.saturating_sub(step_start);
        let count = self.routine.exercises().len();
        let end_cue = match self.stopped_at {
            Some(_) => Cue::Stopped,
            None => Cue::Finished,
        };
        let done = PlayerView {
            exercise: None,
            exercise_number: count,
            exercise_count: count,
            side: None,
            rep: 0,
            reps: 0,
            phase: Phase::Done,
            cue: end_cue,
            secs_remaining: 0,
            progress: self.progress(cursor, into),
            paused: false,
        };
        let Some(step) = self.steps.get(cursor).filter(|_| !self.is_stopped()) else {
            return done;
        };
        let (phase, remaining) = step.phase(into);
        PlayerView {
            exercise: Some(step.exercise),
            exercise_number: step.index + 1,
            side: step.side,
            rep: step.rep,
            reps: step.exercise.holds,
            phase,
            cue: match phase {
                Phase::Prepare => self.prepare_cue(cursor),
                _ => Cue::Hold,
            },
            secs_remaining: ceil_secs(remaining),
            paused: self.is_paused(),
            ..done
        }
    }

    /// How long until the seconds on screen change: when to repaint.
    /// `None` while paused and once the routine is over.
    pub fn next_deadline(&self, now: Instant) -> Option<Duration> {
        if self.paused_at.is_some() || self.is_stopped() {
            return None;
        }
        let (active, cursor, step_start) = self.locate(now);
        let step = self.steps.get(cursor)?;
        let (_, remaining) = step.phase(active.saturating_sub(step_start));
        Some(until_display_changes(remaining))
    }

    /// How the run went up to `now`.
    pub fn summary(&self, now: Instant) -> RoutineSummary {
        let (active, cursor, step_start) = self.locate(now);
        let finished = !self.is_stopped() && cursor >= self.steps.len();
        let mut exercises: Vec<SessionExercise> = (self.routine.exercises().iter())
            .map(|e| SessionExercise {
                exercise: e.id.to_owned(),
                holds_done: 0,
                holds_planned: e.holds_planned(),
            })
            .collect();
        let steps = self.steps.iter().zip(&self.skipped).take(cursor);
        for (step, _) in steps.filter(|(_, skipped)| !**skipped) {
            if let Some(row) = exercises.get_mut(step.index) {
                row.holds_done += 1;
            }
        }
        RoutineSummary {
            active_secs: round_secs(if finished { step_start } else { active }),
            exercises,
            finished,
        }
    }

    /// Time in the routine so far, paused time excluded.
    fn active(&self, now: Instant) -> Duration {
        if let Some(at) = self.stopped_at {
            return at;
        }
        let end = self.paused_at.unwrap_or(now);
        (end.saturating_duration_since(self.started)).saturating_sub(self.paused_total)
    }

    /// The active time at `now`, the step in progress then and when it began,
    /// found by walking on from the last known step without changing anything.
    fn locate(&self, now: Instant) -> (Duration, usize, Duration) {
        let active = self.active(now);
        let (mut cursor, mut start) = (self.cursor, self.step_start);
        while let Some(step) = self.steps.get(cursor) {
            let end = start + step.length();
            if end > active {
                break;
            }
            cursor += 1;
            start = end;
        }
        (active, cursor, start)
    }

    /// The event that follows the end of step `i`, if any.
    fn transition(&self, i: usize) -> Option<PlayerEvent> {
        let ended = self.steps.get(i)?;
        match self.steps.get(i + 1) {
            None => Some(PlayerEvent::Finished),
            Some(next) if next.index != ended.index => Some(PlayerEvent::NextExercise {
                exercise: next.exercise.id,
            }),
            Some(next) => (next.side.filter(|_| next.side != ended.side))
                .map(|to| PlayerEvent::SwitchSides { to }),
        }
    }

    fn prepare_cue(&self, cursor: usize) -> Cue {
        let previous = cursor.checked_sub(1).and_then(|i| self.steps.get(i));
        match (previous, self.steps.get(cursor)) {
            (Some(prev), Some(step)) if prev.index == step.index && prev.side == step.side => {
                Cue::GoAgain
            }
            (Some(prev), Some(step)) if prev.index == step.index => Cue::SwitchSides,
            _ => Cue::GetReady,
        }
    }

    /// Share of the planned routine behind us; skipped steps count as passed.
    fn progress(&self, cursor: usize, into: Duration) -> f32 {
        let total: Duration = self.steps.iter().map(Step::length).sum();
        if total.is_zero() {
            return 1.0;
        }
        let before: Duration = self.steps.iter().take(cursor).map(Step::length).sum();
        let done = (before + into).min(total);
        (done.as_secs_f64() / total.as_secs_f64()) as f32
    }
}

/// Turns a run into a session to save.
pub fn into_session(
    summary: RoutineSummary,
    kind: SessionKind,
    started_at: DateTime<Utc>,
    date: NaiveDate,
    routine: &str,
) -> Session {
    let mut session = Session::new(kind, started_at, date, summary.active_secs);
    session.routine = routine.to_owned();
    session.exercises = summary.exercises;
    session
}

/// Whole seconds, rounded up: what a countdown shows.
fn ceil_secs(d: Duration) -> u32 {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    u32::try_from(secs).unwrap_or(u32::MAX)
}

/// Whole seconds, rounded to the nearest.
fn round_secs(d: Duration) -> u32 {
    let secs = (d + Duration::from_millis(500)).as_secs();
    u32::try_from(secs).unwrap_or(u32::MAX)
}

/// Time until a countdown showing `remaining` rounded up shows another number.
fn until_display_changes(remaining: Duration) -> Duration {
    match remaining.subsec_nanos() {
        0 => Duration::from_secs(1),
        nanos => Duration::from_nanos(u64::from(nanos)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exercise::find_template;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    fn player(template: &str, t0: Instant) -> RoutinePlayer {
        RoutinePlayer::start(find_template(template).unwrap().routine().unwrap(), t0)
    }

    fn custom(ids: &[&str], t0: Instant) -> RoutinePlayer {
        RoutinePlayer::start(Routine::custom("", ids).unwrap(), t0)
    }

    /// Ticks every quarter second from `from` to `to` seconds after `t0`.
    fn run(p: &mut RoutinePlayer, t0: Instant, from: f64, to: f64) -> Vec<PlayerEvent> {
        let quarters = (from * 4.0) as u32..=(to * 4.0) as u32;
        quarters
            .flat_map(|q| p.tick(t0 + secs(f64::from(q) / 4.0)))
            .collect()
    }

    /// Holds ended, side switches, exercise changes, finishes.
    fn tally(events: &[PlayerEvent]) -> [usize; 4] {
        let mut out = [0; 4];
        for e in events {
            out[match e {
                PlayerEvent::HoldEnded { .. } => 0,
                PlayerEvent::SwitchSides { .. } => 1,
                PlayerEvent::NextExercise { .. } => 2,
                PlayerEvent::Finished => 3,
            }] += 1;
        }
        out
    }

    /// (holds done, holds planned) per exercise.
    fn holds(summary: &RoutineSummary) -> Vec<(u32, u32)> {
        let rows = summary.exercises.iter();
        rows.map(|e| (e.holds_done, e.holds_planned)).collect()
    }

    #[test]
    fn full_run_finishes_with_every_hold_done() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + secs(s);
        let mut p = player("desk_break", t0);
        let planned = p.routine().estimated_secs();
        let events = run(&mut p, t0, 0.0, f64::from(planned) + 5.0);
        assert_eq!(tally(&events), [6, 2, 2, 1]);
        assert_eq!(events.last(), Some(&PlayerEvent::Finished));
        let end = at(f64::from(planned) + 60.0);
        let summary = p.summary(end);
        assert!(summary.finished);
        assert_eq!(summary.active_secs, planned);
        assert_eq!(holds(&summary), [(2, 2), (2, 2), (2, 2)]);
        let view = p.view(end);
        assert_eq!((view.phase, view.cue), (Phase::Done, Cue::Finished));
        assert_eq!(view.progress, 1.0);
        assert_eq!(p.next_deadline(end), None);
        assert!(p.is_over(end));
    }

    #[test]
    fn late_tick_catches_up_each_event_once() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + secs(s);
        let mut steady = player("strength", t0);
        let mut late = player("strength", t0);
        assert!(late.tick(at(1.0)).is_empty());
        // A few skipped frames in the middle, then a window left alone for an hour.
        assert_eq!(late.tick(at(200.0)), run(&mut steady, t0, 0.0, 200.0));
        let rest = run(&mut steady, t0, 200.25, 700.0);
        assert_eq!(tally(&rest)[3], 1);
        assert_eq!(late.tick(at(3600.0)), rest);
        assert!(late.tick(at(3700.0)).is_empty());
        assert_eq!(late.summary(at(3700.0)), steady.summary(at(700.0)));
        assert_eq!(late.summary(at(3700.0)).active_secs, 590);
    }

    #[test]
    fn pause_excludes_paused_time() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + secs(s);
        let mut p = player("desk_break", t0);
        p.pause(at(10.0));
        let frozen = p.view(at(10.0));
        let later = p.view(at(3000.0));
        assert_eq!(later.secs_remaining, frozen.secs_remaining);
        assert!(later.paused && p.is_paused());
        assert_eq!(p.next_deadline(at(3000.0)), None);
        assert!(p.tick(at(3000.0)).is_empty());
        p.resume(at(3010.0));
        assert_eq!(p.next_deadline(at(3010.0)), Some(secs(1.0)));
        assert!(!p.is_over(at(3179.5)));
        let events = p.tick(at(3180.0));
        assert_eq!(events.last(), Some(&PlayerEvent::Finished));
        assert_eq!(p.summary(at(9000.0)).active_secs, 180);
    }

    #[test]
    fn skip_marks_that_exercise_partly_done() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + secs(s);
        let mut p = player("desk_break", t0);
        // 40 s in: cat-cow's first round is done, the second is being held.
        let events = p.skip(at(40.0));
        let (exercise, side, rep) = ("cat_cow", None, 1);
        let first = PlayerEvent::HoldEnded {
            exercise,
            side,
            rep,
        };
        let next = PlayerEvent::NextExercise {
            exercise: "seated_twist",
        };
        assert_eq!(events, [first, next]);
        let view = p.view(at(40.0));
        assert_eq!(view.exercise.map(|e| e.id), Some("seated_twist"));
        assert_eq!((view.cue, view.secs_remaining), (Cue::GetReady, 5));
        assert_eq!(holds(&p.summary(at(40.0)))[0], (1, 2));
        run(&mut p, t0, 40.0, 400.0);
        let summary = p.summary(at(400.0));
        assert!(summary.finished);
        assert_eq!(summary.active_secs, 160);
        assert_eq!(holds(&summary), [(1, 2), (2, 2), (2, 2)]);
        // Skipping the only exercise ends the routine at once.
        let mut single = custom(&["cat_cow"], t0);
        assert_eq!(single.skip(at(2.0)), [PlayerEvent::Finished]);
        let summary = single.summary(at(100.0));
        assert_eq!((summary.finished, summary.active_secs), (true, 2));
        assert!(single.skip(at(101.0)).is_empty());
    }

    #[test]
    fn stop_midway_records_partial_holds_in_the_session() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + secs(s);
        let mut p = player("strength", t0);
        // Each wall-angel round takes 5 + 60 s: one is done at 100 s.
        let summary = p.stop(at(100.0));
        assert!(!summary.finished);
        assert_eq!(summary.active_secs, 100);
        assert_eq!(holds(&summary), [(1, 4), (0, 30)]);
        assert!(p.tick(at(900.0)).is_empty());
        assert_eq!(p.summary(at(900.0)), summary);
        assert_eq!(p.view(at(900.0)).cue, Cue::Stopped);
        assert_eq!(p.next_deadline(at(900.0)), None);
        assert!(p.is_over(at(900.0)));
        let started_at = DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z").unwrap();
        let (started_at, kind) = (started_at.to_utc(), SessionKind::Strength);
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let session = into_session(summary, kind, started_at, date, "Strength");
        assert_eq!((session.duration_secs, session.kind), (100, kind));
        assert_eq!((session.date, session.started_at), (date, started_at));
        assert_eq!(
            (session.routine.as_str(), session.exercises.len()),
            ("Strength", 2)
        );
        assert!(session.validate().is_ok());
    }

    #[test]
    fn view_counts_down_and_deadline_follows_the_seconds() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + secs(s);
        let p = custom(&["seated_twist"], t0);
        let start = p.view(t0);
        assert_eq!((start.phase, start.cue), (Phase::Prepare, Cue::GetReady));
        assert_eq!((start.secs_remaining, start.side), (5, Some(Side::Left)));
        assert_eq!((start.rep, start.reps, start.exercise_number), (1, 1, 1));
        assert_eq!(p.next_deadline(t0), Some(secs(1.0)));
        assert_eq!(p.next_deadline(at(0.25)), Some(secs(0.75)));
        assert_eq!(p.view(at(4.5)).secs_remaining, 1);
        let hold = p.view(at(5.0));
        assert_eq!((hold.phase, hold.cue), (Phase::Hold, Cue::Hold));
        assert_eq!(hold.secs_remaining, 25);
        let switch = p.view(at(31.0));
        assert_eq!(
            (switch.cue, switch.side),
            (Cue::SwitchSides, Some(Side::Right))
        );
        assert_eq!(switch.secs_remaining, 4);
        assert!((p.view(at(30.0)).progress - 0.5).abs() < 1e-6);
        let again = custom(&["cat_cow"], t0).view(at(31.0));
        assert_eq!((again.cue, again.rep, again.reps), (Cue::GoAgain, 2, 2));
    }
}
