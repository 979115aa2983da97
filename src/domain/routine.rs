//! The guided routine player: a state machine over holds, driven by a
//! [`Moment`] that the caller passes in (never read here). Moments count on
//! while the computer sleeps, so holds that ended during a suspend have ended
//! at the first tick after it.
//!
//! A routine expands into holds (exercise, side, repetition). Each hold starts
//! with a short "get ready" or "switch sides" phase, then the hold itself.
//! `tick` catches up however late it is called and reports every event once.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use super::clock::Moment;
use super::exercise::{
    Exercise, MOVE_SECS, PREPARE_SECS, Position, Routine, STARTING_POSITION, Side,
};
use super::session::{Session, SessionExercise, SessionKind};

const PREPARE: Duration = Duration::from_secs(PREPARE_SECS as u64);
const MOVE: Duration = Duration::from_secs(MOVE_SECS as u64);

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
    /// Get ready, in another position than the exercise before.
    MoveTo(Position),
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
            Cue::MoveTo(position) => position.instruction(),
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
    /// The get-ready before the hold: longer when the position changes.
    prepare: Duration,
}

impl Step {
    fn length(&self) -> Duration {
        self.prepare + Duration::from_secs(u64::from(self.exercise.hold_secs))
    }

    fn changes_position(&self) -> bool {
        self.prepare == MOVE
    }

    /// The phase `into` the step, and the time left in it.
    fn phase(&self, into: Duration) -> (Phase, Duration) {
        if into < self.prepare {
            (Phase::Prepare, self.prepare - into)
        } else {
            (Phase::Hold, self.length().saturating_sub(into))
        }
    }
}

/// Plays a routine. All times are on the caller's timer clock.
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
    started: Moment,
    paused_total: Duration,
    paused_at: Option<Moment>,
    /// Active time at which the user stopped.
    stopped_at: Option<Duration>,
}

impl RoutinePlayer {
    /// Starts with the first "get ready" phase at `now`.
    pub fn start(routine: Routine, now: Moment) -> Self {
        let mut steps = Vec::new();
        let mut position = STARTING_POSITION;
        for (index, &exercise) in routine.exercises().iter().enumerate() {
            for rep in 1..=exercise.holds {
                for &side in exercise.sides() {
                    let prepare = if exercise.position == position {
                        PREPARE
                    } else {
                        MOVE
                    };
                    position = exercise.position;
                    steps.push(Step {
                        index,
                        exercise,
                        side,
                        rep,
                        prepare,
                    });
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
    pub fn is_over(&self, now: Moment) -> bool {
        self.is_stopped() || self.locate(now).1 >= self.steps.len()
    }

    /// Brings the player up to `now` and reports what happened since the last call.
    pub fn tick(&mut self, now: Moment) -> Vec<PlayerEvent> {
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
    pub fn pause(&mut self, now: Moment) {
        if self.paused_at.is_none() && !self.is_stopped() {
            self.paused_at = Some(now);
        }
    }

    /// Continues the countdown where it was paused.
    pub fn resume(&mut self, now: Moment) {
        if let Some(at) = self.paused_at.take() {
            self.paused_total += now.saturating_duration_since(at);
        }
    }

    /// Leaves the current exercise; its remaining holds count as not done.
    /// The next exercise starts with its "get ready" phase at `now`.
    pub fn skip(&mut self, now: Moment) -> Vec<PlayerEvent> {
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
    pub fn stop(&mut self, now: Moment) -> RoutineSummary {
        self.tick(now);
        if !self.is_stopped() && self.cursor < self.steps.len() {
            self.stopped_at = Some(self.active(now));
        }
        self.summary(now)
    }

    /// What to show at `now`.
    pub fn view(&self, now: Moment) -> PlayerView {
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
    pub fn next_deadline(&self, now: Moment) -> Option<Duration> {
        if self.paused_at.is_some() || self.is_stopped() {
            return None;
        }
        let (active, cursor, step_start) = self.locate(now);
        let step = self.steps.get(cursor)?;
        let (_, remaining) = step.phase(active.saturating_sub(step_start));
        Some(until_display_changes(remaining))
    }

    /// How the run went up to `now`.
    pub fn summary(&self, now: Moment) -> RoutineSummary {
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
    fn active(&self, now: Moment) -> Duration {
        if let Some(at) = self.stopped_at {
            return at;
        }
        let end = self.paused_at.unwrap_or(now);
        (end.saturating_duration_since(self.started)).saturating_sub(self.paused_total)
    }

    /// The active time at `now`, the step in progress then and when it began,
    /// found by walking on from the last known step without changing anything.
    fn locate(&self, now: Moment) -> (Duration, usize, Duration) {
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
            (_, Some(step)) if step.changes_position() => Cue::MoveTo(step.exercise.position),
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
mod tests;
