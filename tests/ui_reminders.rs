//! Reminders in the window: the banner, its actions, settings and autostart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use unknot::domain::clock::Clock;
use unknot::notify::RecordingNotifier;
use unknot::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn a_due_posture_reminder_shows_a_banner_and_done_records_a_check() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock(); // Wednesday 09:00, the start of active hours.
    let notifier = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &notifier);
    // Nothing the moment the window opens; the first one after 30 minutes.
    assert!(harness.query_by_label("Posture check").is_none());
    clock.advance(Duration::from_secs(29 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_none());
    let heading = harness.get_by_label("Welcome to Unknot").rect();
    clock.advance(Duration::from_secs(60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_some());
    assert_eq!(notifier.sent().len(), 1);
    // The banner comes in at the bottom: what is under the pointer stays put.
    assert_eq!(harness.get_by_label("Welcome to Unknot").rect(), heading);
    assert_eq!(notifier.sent()[0].title, "Posture check");

    common::click(&mut harness, "Done: I fixed my posture");
    assert!(harness.query_by_label("Posture check").is_none());
    assert_eq!(
        harness.state().store().posture_checks_on(today()).unwrap(),
        1
    );
    assert!(harness.query_by_label("Posture checks: 1").is_some());

    // Half an hour later the next one is due, even with no input in between.
    clock.advance(Duration::from_secs(30 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_some());
    assert_eq!(notifier.sent().len(), 2);

    // Snoozed, it comes back ten minutes later, not before.
    common::click(&mut harness, "In 10 minutes");
    assert!(harness.query_by_label("Posture check").is_none());
    clock.advance(Duration::from_secs(9 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_none());
    clock.advance(Duration::from_secs(2 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_some());
}

#[test]
fn pausing_for_today_keeps_the_banner_away_until_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let notifier = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &notifier);
    clock.advance(Duration::from_secs(30 * 60));
    harness.run();
    common::click(&mut harness, "Pause for today");
    clock.advance(Duration::from_secs(3 * 3600));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_none());
    assert_eq!(notifier.sent().len(), 1);
}

#[test]
fn a_pause_for_today_survives_a_restart_and_ends_with_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    {
        let notifier = RecordingNotifier::default();
        let mut harness = common::harness_with(dir.path(), &clock, &notifier);
        clock.advance(Duration::from_secs(30 * 60));
        harness.run();
        common::click(&mut harness, "Pause for today");
    }
    let (prefs, _) = Store::open(dir.path()).unwrap().preferences().unwrap();
    assert_eq!(prefs.reminders_paused_on, Some(today()));

    // A new window on the same data is still paused...
    let notifier = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &notifier);
    clock.advance(Duration::from_secs(2 * 3600));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_none());
    assert!(notifier.sent().is_empty());
    // ...until the next day (Thursday, 09:45 here).
    clock.advance(Duration::from_secs(22 * 3600 + 15 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_some());
}

#[test]
fn a_snooze_survives_a_restart_and_is_forgotten_once_it_has_run_out() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    {
        let mut harness = common::harness(dir.path(), &clock);
        clock.advance(Duration::from_secs(30 * 60));
        harness.run();
        assert!(harness.query_by_label("Posture check").is_some());
        common::click(&mut harness, "In 10 minutes");
    }
    let (prefs, _) = Store::open(dir.path()).unwrap().preferences().unwrap();
    let snoozed = prefs.reminders_snoozed.unwrap();
    assert_eq!(
        snoozed.until,
        clock.local_now() + chrono::Duration::minutes(10)
    );

    // The new window counts its posture interval from its start (10:00 at
    // the earliest), so only the saved snooze brings the reminder back at 09:40.
    let notifier = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &notifier);
    clock.advance(Duration::from_secs(9 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_none());
    clock.advance(Duration::from_secs(2 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_some());
    let (prefs, _) = harness.state().store().preferences().unwrap();
    assert_eq!(prefs.reminders_snoozed, None);
}

#[test]
fn turning_reminders_off_is_saved_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    {
        let mut harness = common::harness(dir.path(), &clock);
        harness
            .get_by_role_and_label(Role::Button, "Settings")
            .click();
        harness.run();
        common::click(&mut harness, "Remind me");
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.setting("reminders.enabled").unwrap().as_deref(),
        Some("false")
    );
    drop(store);
    let notifier = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &notifier);
    clock.advance(Duration::from_secs(45 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_none());
    assert!(notifier.sent().is_empty());
}

#[test]
fn the_stretch_break_is_turned_off_and_on_like_the_posture_check() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, unknot::ui::Screen::Settings);
    let saved = |harness: &egui_kittest::Harness<'_, unknot::ui::UnknotApp>| {
        let store = harness.state().store();
        store.setting("reminders.stretch_every_hours").unwrap()
    };
    common::click(&mut harness, "Stretch break every");
    assert_eq!(saved(&harness).as_deref(), Some("0"));
    common::click(&mut harness, "Stretch break every");
    assert_eq!(saved(&harness).as_deref(), Some("2"));
}

#[test]
fn the_autostart_entry_is_added_and_removed_from_settings() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness
        .get_by_role_and_label(Role::Button, "Settings")
        .click();
    harness.run();
    let entry = unknot::autostart::entry_path(&dir.path().join("config"));
    common::click(&mut harness, "Start Unknot when I log in");
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains("Exec="), "{text}");
    common::click(&mut harness, "Start Unknot when I log in");
    assert!(!entry.exists());
}

#[test]
fn settings_brings_an_earlier_autostart_entry_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let entry = unknot::autostart::entry_path(&dir.path().join("config"));
    std::fs::create_dir_all(entry.parent().unwrap()).unwrap();
    let earlier = "[Desktop Entry]\nType=Application\nName=Unknot\n\
        Exec=\"/usr/bin/unknot\"\nX-GNOME-Autostart-enabled=true\n";
    std::fs::write(&entry, earlier).unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert_eq!(std::fs::read_to_string(&entry).unwrap(), earlier);

    harness
        .get_by_role_and_label(Role::Button, "Settings")
        .click();
    harness.run();
    let text = std::fs::read_to_string(&entry).unwrap();
    let exe = std::env::current_exe().unwrap();
    assert!(
        text.contains(&format!("\nExec=\"{}\" background\n", exe.display())),
        "{text}"
    );
    assert!(
        text.ends_with("\nX-GNOME-Autostart-enabled=true\n"),
        "{text}"
    );
    let checkbox = harness.get_by_label("Start Unknot when I log in");
    assert_eq!(
        checkbox.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn without_a_notification_service_the_app_still_works() {
    // The real desktop notifier: where no notification service runs (as in
    // CI), sending fails quietly on its own thread and the window carries on.
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let store = Store::open(dir.path()).unwrap();
    let app_clock = std::sync::Arc::new(clock.clone());
    let config = dir.path().join("config");
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1040.0, 900.0])
        .build_eframe(move |cc| {
            unknot::ui::UnknotApp::new(&cc.egui_ctx, store, app_clock).with_config_dir(config)
        });
    harness.run();
    clock.advance(Duration::from_secs(30 * 60));
    harness.run();
    assert!(harness.query_by_label("Posture check").is_some());
    common::click(&mut harness, "Done: I fixed my posture");
    common::click(&mut harness, "Pain 3");
    common::click(&mut harness, "Save check-in");
    assert_eq!(harness.state().store().checkins().unwrap().len(), 1);
}

#[test]
fn settings_pauses_for_an_hour_resumes_and_keeps_the_background_choice() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let notifier = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &notifier);
    common::open(&mut harness, unknot::ui::Screen::Settings);
    common::click(&mut harness, "Pause reminders for 1 hour");
    assert!(
        harness
            .query_by_label("Reminders are paused until 10:00.")
            .is_some()
    );
    let saved = |dir: &std::path::Path| Store::open(dir).unwrap().preferences().unwrap().0;
    let snooze = saved(dir.path()).reminders_snoozed.unwrap();
    assert_eq!(snooze.kind, None);
    assert_eq!(snooze.until.format("%H:%M").to_string(), "10:00");
    // Nothing comes during the hour, though a posture check falls due in it.
    clock.advance(Duration::from_secs(50 * 60));
    harness.run();
    assert!(notifier.sent().is_empty());
    common::click(&mut harness, "Resume reminders");
    assert_eq!(saved(dir.path()).reminders_snoozed, None);
    assert!(harness.query_by_label("Pause until tomorrow").is_some());

    common::click(&mut harness, "Keep reminding me when the window is closed");
    assert_eq!(
        saved(dir.path()).keep_reminding,
        unknot::preferences::KeepReminding::Off
    );
}
