//! Routines, driven through the real UI with egui_kittest and a manual clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use egui_kittest::kittest::Queryable;
use unknot::domain::session::{Session, SessionKind};
use unknot::notify::{RecordingNotifier, Slot, Sound};
use unknot::ui::Screen;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// (exercise, holds done, holds planned) for each exercise of a session.
fn holds(session: &Session) -> Vec<(&str, u32, u32)> {
    let rows = session.exercises.iter();
    rows.map(|e| (e.exercise.as_str(), e.holds_done, e.holds_planned))
        .collect()
}

#[test]
fn a_finished_desk_break_is_logged_with_its_duration_and_holds() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let sent = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &sent);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");
    // The break starts where its user sits: on the chair, with the twist.
    harness.get_by_label("Get ready");
    harness.get_by_label("Seated spinal twist");

    // 10 s in: the 5 s "get ready" is over and 20 s of the first hold remain.
    common::advance(&mut harness, &clock, 10, 1);
    harness.get_by_label("Hold and breathe slowly");
    harness.get_by_label("0:20");
    // Just after the hold ends the card says so and names the other side once.
    common::advance(&mut harness, &clock, 21, 1);
    harness.get_by_label("Hold complete. Release slowly.");
    harness.get_by_label("Switch sides");
    harness.get_by_label("Right side");
    assert!(harness.state().store().sessions().unwrap().is_empty());
    // And so does a transient notice, with a sound, that the next replaces.
    let notices = sent.sent();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].slot, Some(Slot::Hold));
    assert_eq!(notices[0].sound, Some(Sound::Complete));
    // Then down to the floor, with time to get there, for a flowing cat-cow.
    common::advance(&mut harness, &clock, 30, 1);
    harness.get_by_label("Get down on all fours");
    harness.get_by_label("0:14");
    common::advance(&mut harness, &clock, 15, 1);
    harness.get_by_label("Flow slowly with your breath");

    // The rest of the break, with frames far apart.
    common::advance(&mut harness, &clock, 130, 13);
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.kind, SessionKind::Stretch);
    assert_eq!(s.routine, "Desk break");
    assert_eq!(s.duration_secs, 190);
    assert_eq!(
        (s.date, s.started_at),
        (today(), utc("2026-11-25T08:00:00Z"))
    );
    assert_eq!(
        holds(s),
        [
            ("seated_twist", 2, 2),
            ("cat_cow", 2, 2),
            ("thread_the_needle", 2, 2)
        ]
    );
    assert_eq!(s.feel_after, None);

    // The optional rating afterwards updates that same session.
    harness.get_by_label("Desk break done. Nicely done.");
    common::click(&mut harness, "Feel now 3");
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].feel_after.map(|r| r.get()), Some(3));
}

#[test]
fn a_routine_keeps_time_on_another_screen_and_is_saved_there() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");
    common::open(&mut harness, Screen::Today);
    // The navigation shows the countdown meanwhile.
    let status = harness.get_by_label("Routine: ready in 0:05").rect();
    assert!(
        status.max.x <= 180.0,
        "the countdown runs out of the column: {status:?}"
    );
    // Frames stop for a long while (window minimized), then one frame.
    clock.advance(std::time::Duration::from_secs(600));
    harness.step();
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].duration_secs, 190);
}

#[test]
fn stopping_midway_records_the_partial_holds() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    harness.get_by_label("0 of 3 sessions");
    common::click(&mut harness, "Start strength");
    harness.get_by_label("Wall angels");

    // One wall-angel round takes 5 + 60 s: one is done at 100 s.
    common::advance(&mut harness, &clock, 100, 5);
    common::click(&mut harness, "Stop and save");

    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.kind, SessionKind::Strength);
    assert_eq!(s.routine, "Strength");
    assert_eq!(s.duration_secs, 100);
    assert_eq!(holds(s), [("wall_angels", 1, 4), ("bird_dog", 0, 30)]);
    harness.get_by_label("Strength stopped. Every hold counts.");
    // The week's strengthening counts it.
    harness.get_by_label("1 of 3 sessions");
    harness.get_by_label("2 of 30–45 minutes");
}

#[test]
fn pausing_stops_the_clock_and_skipping_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");
    common::advance(&mut harness, &clock, 10, 5);
    common::click(&mut harness, "Pause");
    common::advance(&mut harness, &clock, 300, 60);
    harness.get_by_label("0:20");
    harness.get_by_label("Paused");
    common::click(&mut harness, "Resume");
    common::click(&mut harness, "Skip exercise");
    harness.get_by_label("Cat-cow");
    harness.get_by_label("Get down on all fours");
    // 15 s to get down, the first 25 s round, then a rest before the next.
    common::advance(&mut harness, &clock, 41, 1);
    harness.get_by_label("Rest, then go again");
    common::click(&mut harness, "Stop and save");
    let s = &harness.state().store().sessions().unwrap()[0];
    assert_eq!(s.duration_secs, 51);
    assert_eq!(
        holds(s),
        [
            ("seated_twist", 0, 2),
            ("cat_cow", 1, 2),
            ("thread_the_needle", 0, 2)
        ]
    );
}

#[test]
fn stopping_before_any_hold_is_done_logs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");
    common::advance(&mut harness, &clock, 3, 1);
    common::click(&mut harness, "Stop and save");
    assert!(harness.state().store().sessions().unwrap().is_empty());
    assert!(
        harness
            .query_by_label_contains("nothing was logged")
            .is_some()
    );
}

#[test]
fn a_custom_routine_plays_the_ticked_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start custom routine");
    assert!(
        harness
            .query_by_label_contains("Choose at least one exercise")
            .is_some()
    );
    common::click(&mut harness, "Self-massage with a ball");
    common::fill(&mut harness, "Name (optional)", "Evening knots");
    common::click(&mut harness, "Start custom routine");
    harness.get_by_label("Evening knots");
    // Four 35 s holds, and 10 s more to get up from the chair to the wall.
    common::advance(&mut harness, &clock, 150, 15);
    let s = &harness.state().store().sessions().unwrap()[0];
    assert_eq!(s.kind, SessionKind::Massage);
    assert_eq!(s.routine, "Evening knots");
    assert_eq!(s.duration_secs, 150);
    assert_eq!(holds(s), [("ball_massage", 4, 4)]);
}

#[test]
fn the_log_form_refuses_a_negative_or_absurd_duration_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::fill(&mut harness, "Started at", "08:00");

    common::fill(&mut harness, "Minutes", "-5");
    common::click(&mut harness, "Log session");
    harness.get_by_label("The duration must be at least 1 minute.");
    assert!(harness.state().store().sessions().unwrap().is_empty());

    common::fill(&mut harness, "Minutes", "300");
    common::click(&mut harness, "Log session");
    harness.get_by_label("300 minutes is more than 4 hours; please check the number.");
    assert!(harness.state().store().sessions().unwrap().is_empty());

    // A time still to come is refused too.
    common::fill(&mut harness, "Started at", "15:00");
    common::fill(&mut harness, "Minutes", "20");
    common::click(&mut harness, "Log session");
    assert!(harness.query_by_label_contains("hasn't come yet").is_some());
    assert!(harness.state().store().sessions().unwrap().is_empty());
}

#[test]
fn the_log_form_saves_a_session_done_away_from_the_computer() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Other strengthening");
    common::click(&mut harness, "‹ Day before");
    common::fill(&mut harness, "Started at", "15:00");
    common::fill(&mut harness, "Minutes", "12");
    common::click(&mut harness, "Log session");

    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.kind, SessionKind::Strength);
    // 15:00 in the clock's UTC+1 zone.
    assert_eq!(s.started_at, utc("2026-11-24T14:00:00Z"));
    assert_eq!(s.date, today().pred_opt().unwrap());
    assert_eq!(s.duration_secs, 720);
    assert!(s.exercises.is_empty());
    assert!(
        harness
            .query_by_label_contains("Logged: Other strengthening, 12 minutes")
            .is_some()
    );
    harness.get_by_label("1 of 3 sessions");
    harness.get_by_label("12 of 30–45 minutes");

    // The same session again is caught before it reaches the store.
    common::fill(&mut harness, "Started at", "15:00");
    common::fill(&mut harness, "Minutes", "12");
    common::click(&mut harness, "Log session");
    assert!(
        harness
            .query_by_label_contains("already in your log")
            .is_some()
    );
    assert_eq!(harness.state().store().sessions().unwrap().len(), 1);
}

#[test]
fn a_failed_save_keeps_everything_on_screen_and_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");

    // Another program holds the database while the routine ends.
    let other = rusqlite::Connection::open(dir.path().join(unknot::store::DB_FILE_NAME)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    common::advance(&mut harness, &clock, 200, 100);
    assert!(harness.query_by_label_contains("Not saved yet").is_some());
    common::click(&mut harness, "Feel now 4");
    // The form below keeps what was typed when its save fails too.
    common::fill(&mut harness, "Started at", "08:00");
    common::fill(&mut harness, "Minutes", "10");
    common::click(&mut harness, "Log session");
    assert!(harness.query_by_label_contains("Not saved: ").is_some());
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    assert!(harness.state().store().sessions().unwrap().is_empty());

    common::click(&mut harness, "Try saving again");
    common::click(&mut harness, "Log session");
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 2);
    let run = sessions.iter().find(|s| !s.exercises.is_empty()).unwrap();
    assert_eq!(run.duration_secs, 190);
    assert_eq!(run.feel_after.map(|r| r.get()), Some(4));
    let logged = sessions.iter().find(|s| s.exercises.is_empty()).unwrap();
    assert_eq!(logged.duration_secs, 600);
}

#[test]
fn the_end_of_a_hold_does_not_move_the_buttons() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");
    common::advance(&mut harness, &clock, 10, 1);
    let holding = harness.get_by_label("Pause").rect();
    common::advance(&mut harness, &clock, 21, 1);
    harness.get_by_label("Hold complete. Release slowly.");
    assert_eq!(harness.get_by_label("Pause").rect(), holding);
}
