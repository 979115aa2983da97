use super::*;
use crate::domain::exercise::{MOVE_SECS, Position, find_template};

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

fn player(template: &str, t0: Moment) -> RoutinePlayer {
    RoutinePlayer::start(find_template(template).unwrap().routine().unwrap(), t0)
}

fn custom(ids: &[&str], t0: Moment) -> RoutinePlayer {
    RoutinePlayer::start(Routine::custom("", ids).unwrap(), t0)
}

/// Ticks every quarter second from `from` to `to` seconds after `t0`.
fn run(p: &mut RoutinePlayer, t0: Moment, from: f64, to: f64) -> Vec<PlayerEvent> {
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
    let t0 = Moment::ORIGIN;
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
    let t0 = Moment::ORIGIN;
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
    // 590 s of holds and get-ready, and 2 x 10 s more to move to the wall
    // and then down on all fours.
    assert_eq!(late.summary(at(3700.0)).active_secs, 610);
}

#[test]
fn after_a_suspend_the_holds_that_ended_asleep_have_ended() {
    let t0 = Moment::ORIGIN;
    let at = |s: f64| t0 + secs(s);
    let mut slept = player("desk_break", t0);
    let mut awake = player("desk_break", t0);
    // Asleep from 10 s to 100 s into the routine.
    assert!(slept.tick(at(10.0)).is_empty());
    let events = slept.tick(at(100.0));
    assert_eq!(events, run(&mut awake, t0, 0.0, 100.0));
    assert_eq!(tally(&events), [3, 1, 1, 0]);
    assert_eq!(slept.view(at(100.0)), awake.view(at(100.0)));
    // Asleep past the end: finished at the first look, with the planned time.
    assert_eq!(slept.tick(at(4000.0)).last(), Some(&PlayerEvent::Finished));
    assert!(slept.is_over(at(4000.0)));
    assert_eq!(slept.summary(at(4000.0)).active_secs, 190);
}

#[test]
fn pause_excludes_paused_time() {
    let t0 = Moment::ORIGIN;
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
    assert!(!p.is_over(at(3189.5)));
    let events = p.tick(at(3190.0));
    assert_eq!(events.last(), Some(&PlayerEvent::Finished));
    assert_eq!(p.summary(at(9000.0)).active_secs, 190);
}

#[test]
fn skip_marks_that_exercise_partly_done() {
    let t0 = Moment::ORIGIN;
    let at = |s: f64| t0 + secs(s);
    let mut p = player("desk_break", t0);
    // 40 s in: the twist's left side is done, its right side is being held.
    let events = p.skip(at(40.0));
    let (exercise, side, rep) = ("seated_twist", Some(Side::Left), 1);
    let first = PlayerEvent::HoldEnded {
        exercise,
        side,
        rep,
    };
    let switch = PlayerEvent::SwitchSides { to: Side::Right };
    let next = PlayerEvent::NextExercise {
        exercise: "cat_cow",
    };
    assert_eq!(events, [first, switch, next]);
    let view = p.view(at(40.0));
    assert_eq!(view.exercise.map(|e| e.id), Some("cat_cow"));
    // From the chair down to the floor: the longer get-ready, saying how.
    assert_eq!(
        (view.cue, view.secs_remaining),
        (Cue::MoveTo(Position::AllFours), MOVE_SECS)
    );
    assert_eq!(view.cue.label(), "Get down on all fours");
    assert_eq!(holds(&p.summary(at(40.0)))[0], (1, 2));
    run(&mut p, t0, 40.0, 400.0);
    let summary = p.summary(at(400.0));
    assert!(summary.finished);
    // 40 s, then cat-cow (15 + 25, 5 + 25) and thread the needle (2 x 30).
    assert_eq!(summary.active_secs, 170);
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
    let t0 = Moment::ORIGIN;
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
    let t0 = Moment::ORIGIN;
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
    // Cat-cow starts on the floor (15 s to get there), then rests 5 s.
    let cat_cow = custom(&["cat_cow"], t0);
    assert_eq!(cat_cow.view(t0).cue, Cue::MoveTo(Position::AllFours));
    let again = cat_cow.view(at(41.0));
    assert_eq!((again.cue, again.rep, again.reps), (Cue::GoAgain, 2, 2));
}
