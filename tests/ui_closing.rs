//! Closing the window with work in progress, driven through the real UI with
//! egui_kittest: the question, each of its answers, and the stop a signal
//! asks for, read back from the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unknot::domain::session::SessionKind;
use unknot::notify::RecordingNotifier;
use unknot::preferences::Zoom;
use unknot::shutdown::ShutdownRequest;
use unknot::ui::{Screen, UnknotApp};

type App = Harness<'static, UnknotApp>;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// The window manager's close button, as eframe reports it. True when the
/// app held the close back.
fn request_close(harness: &mut App) -> bool {
    let root = harness.input_mut().viewports.get_mut(&ViewportId::ROOT);
    root.unwrap().events.push(ViewportEvent::Close);
    harness.step();
    let held_back = asked(harness, &ViewportCommand::CancelClose);
    harness.run();
    held_back
}

/// What the app asked of the window in the last frame.
fn asked(harness: &App, command: &ViewportCommand) -> bool {
    harness.output().viewport_output[&ViewportId::ROOT]
        .commands
        .contains(command)
}

fn start_heat(harness: &mut App, clock: &unknot::domain::clock::ManualClock, secs: u64) {
    common::open(harness, Screen::Heat);
    common::click(harness, "Start heat timer");
    common::advance(harness, clock, secs, 60);
}

#[test]
fn closing_with_heat_on_asks_and_save_and_close_logs_the_real_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    start_heat(&mut harness, &clock, 5 * 60);

    assert!(request_close(&mut harness));
    harness.get_by_role_and_label(Role::Dialog, "Close Unknot?");
    harness.get_by_label("The heat session, on for 5 minutes");

    // Cancel, and Escape: the timer runs on and nothing is logged.
    common::click(&mut harness, "Cancel");
    assert!(
        harness
            .query_by_role_and_label(Role::Dialog, "Close Unknot?")
            .is_none()
    );
    assert!(request_close(&mut harness));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::Dialog, "Close Unknot?")
            .is_none()
    );
    common::advance(&mut harness, &clock, 120, 60);
    harness.get_by_label("Heat: 8:00 left");
    assert!(harness.state().store().sessions().unwrap().is_empty());

    assert!(request_close(&mut harness));
    harness.get_by_label("The heat session, on for 7 minutes");
    harness.get_by_label("Save and close").click();
    harness.step();
    assert!(asked(&harness, &ViewportCommand::Close));
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].kind, SessionKind::Heat);
    assert_eq!(
        (sessions[0].duration_secs, sessions[0].capped),
        (420, false)
    );
    // The close that follows goes through.
    assert!(!request_close(&mut harness));
}

#[test]
fn closing_without_saving_drops_the_work_and_nothing_unsaved_closes_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert!(!request_close(&mut harness));
    assert!(
        harness
            .query_by_role_and_label(Role::Dialog, "Close Unknot?")
            .is_none()
    );

    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 6");
    assert!(request_close(&mut harness));
    harness.get_by_label("The check-in for Wednesday 25 November");
    harness.get_by_label("Close without saving").click();
    harness.step();
    assert!(asked(&harness, &ViewportCommand::Close));
    assert!(harness.state().store().checkins().unwrap().is_empty());
}

#[test]
fn save_and_close_saves_each_days_check_in_that_has_a_rating() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 6");
    common::click(&mut harness, "‹ Previous day");
    common::fill(&mut harness, "Note", "Long drive");

    assert!(request_close(&mut harness));
    harness.get_by_label("The check-in for Wednesday 25 November");
    harness.get_by_label("The check-in for Tuesday 24 November");
    harness.get_by_label("It has no pain rating, so it cannot be saved.");
    harness.get_by_label("Save and close").click();
    harness.step();
    assert!(asked(&harness, &ViewportCommand::Close));
    let checkins = harness.state().store().checkins().unwrap();
    assert_eq!(checkins.len(), 1);
    assert_eq!((checkins[0].date, checkins[0].pain.get()), (today(), 6));
}

#[test]
fn a_stop_signal_saves_what_is_safe_and_closes_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let request = ShutdownRequest::new();
    let raised = request.clone();
    let mut harness = common::harness_of(
        dir.path(),
        &clock,
        &RecordingNotifier::default(),
        move |app| app.with_shutdown_request(request),
    );
    common::click(&mut harness, "Pain 3");
    start_heat(&mut harness, &clock, 12 * 60);
    common::open(&mut harness, Screen::Routines);
    common::click(&mut harness, "Start desk break");
    common::advance(&mut harness, &clock, 60, 1);

    raised.request();
    clock.advance(Duration::from_millis(400));
    harness.step();
    assert!(asked(&harness, &ViewportCommand::Close));
    assert!(
        harness
            .query_by_role_and_label(Role::Dialog, "Close Unknot?")
            .is_none()
    );
    let store = harness.state().store();
    assert_eq!(store.checkin_on(today()).unwrap().unwrap().pain.get(), 3);
    let sessions = store.sessions().unwrap();
    let kinds: Vec<(SessionKind, u32)> =
        sessions.iter().map(|s| (s.kind, s.duration_secs)).collect();
    assert!(kinds.contains(&(SessionKind::Heat, 13 * 60)), "{kinds:?}");
    assert!(kinds.contains(&(SessionKind::Stretch, 60)), "{kinds:?}");
    // The close request eframe then delivers goes through.
    assert!(!request_close(&mut harness));
}

#[test]
fn a_zoom_change_is_saved_once_it_holds_and_the_next_start_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let saved_zoom = |h: &App| h.state().store().preferences().unwrap().0.zoom;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.2);
    // Not every step: only once it has held for a few seconds.
    assert_eq!(saved_zoom(&harness), Zoom(1.0));
    common::advance(&mut harness, &clock, 3, 1);
    assert_eq!(saved_zoom(&harness), Zoom(1.2));

    // Never past three times the usual size.
    for _ in 0..25 {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
        harness.run();
    }
    common::advance(&mut harness, &clock, 3, 1);
    assert_eq!(saved_zoom(&harness), Zoom(3.0));
    // Closing saves a change at once.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    harness.run();
    assert!(!request_close(&mut harness));
    assert_eq!(saved_zoom(&harness), Zoom(2.9));
    drop(harness);

    let harness = common::harness(dir.path(), &clock);
    assert_eq!(harness.ctx.zoom_factor(), 2.9);
}

#[test]
fn the_first_close_says_once_that_reminders_go_on_and_can_stop_them() {
    let dir = tempfile::tempdir().unwrap();
    {
        // A person who has never closed the window since reminders went on.
        let mut store = unknot::store::Store::open(dir.path()).unwrap();
        let (mut prefs, _) = store.preferences().unwrap();
        prefs.told_about_background = false;
        store
            .save_preferences(
                &prefs,
                &[unknot::preferences::PreferenceKey::ToldAboutBackground],
            )
            .unwrap();
    }
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert!(request_close(&mut harness), "the note holds the close back");
    assert!(
        harness
            .query_by_role_and_label(Role::Dialog, "Reminders go on")
            .is_some()
    );
    harness.get_by_label("Stop reminders and close").click();
    harness.step();
    assert!(asked(&harness, &ViewportCommand::Close));
    harness.run();
    let prefs = unknot::store::Store::open(dir.path())
        .unwrap()
        .preferences()
        .unwrap()
        .0;
    assert!(prefs.told_about_background);
    assert_eq!(
        prefs.keep_reminding,
        unknot::preferences::KeepReminding::Off
    );

    // Said once: the next window closes at once.
    drop(harness);
    let mut harness = common::harness(dir.path(), &clock);
    assert!(!request_close(&mut harness));
}
