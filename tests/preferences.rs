//! Preferences through the store: one row per key, older text forms read,
//! unreadable values falling back alone, and two processes saving
//! different preferences without undoing each other.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone, Weekday, WeekdaySet};
use unknot::domain::paper::Paper;
use unknot::domain::trend::ProgressRange;
use unknot::preferences::{
    Appearance, KeepReminding, PreferenceKey, Preferences, Sounds, VisitSummaryChoice,
    WindowPosition, WindowSize, Zoom,
};
use unknot::reminders::{ReminderKind, ReminderSettings, Snooze, TimeWindow};
use unknot::store::{DB_FILE_NAME, Store};

fn hm(hour: u32, min: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, min, 0).unwrap()
}

/// Every preference away from its default.
fn changed() -> Preferences {
    Preferences {
        intro_dismissed: true,
        progress_range: ProgressRange::Weeks4,
        baseline_pain: Some(3.5),
        reminders: ReminderSettings {
            enabled: false,
            posture_enabled: false,
            posture_every_mins: 25,
            active_hours: TimeWindow::new(hm(7, 30), hm(15, 0)),
            active_days: WeekdaySet::from_array([Weekday::Tue, Weekday::Thu]),
            stretch_every_hours: 4,
            check_in_at: Some(hm(20, 0)),
            strength_nudge_at: None,
            quiet_hours: Some(TimeWindow::new(hm(12, 30), hm(13, 0))),
        },
        reminders_paused_on: NaiveDate::from_ymd_opt(2026, 11, 25),
        reminders_snoozed: Some(Snooze {
            until: FixedOffset::east_opt(3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 25, 10, 10, 0)
                .unwrap(),
            kind: Some(ReminderKind::Posture),
        }),
        window_size: Some(WindowSize::new(900.0, 700.0)),
        window_position: Some(WindowPosition { x: 80.0, y: 60.0 }),
        zoom: Zoom(1.5),
        sounds: Sounds::Off,
        appearance: Appearance::Dark,
        keep_reminding: KeepReminding::Off,
        told_about_background: true,
        visit_summary: VisitSummaryChoice {
            weeks: 8,
            paper: Some(Paper::A4),
        },
    }
}

/// Writes rows straight into the settings table, as an earlier version (or
/// a damaged file) left them.
fn write_raw(dir: &Path, rows: &[(&str, &str)]) {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE_NAME)).unwrap();
    for (key, value) in rows {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
        .unwrap();
    }
}

fn raw_value(dir: &Path, key: &str) -> Option<String> {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE_NAME)).unwrap();
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .ok()
}

#[test]
fn a_new_store_has_the_defaults_and_no_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.preferences().unwrap(),
        (Preferences::default(), Vec::new())
    );
}

#[test]
fn every_preference_round_trips_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let prefs = changed();
    assert_eq!(
        Preferences::default().keys_differing(&prefs),
        PreferenceKey::ALL
    );
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.save_preferences(&prefs, &PreferenceKey::ALL).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let (back, warnings) = store.preferences().unwrap();
    assert_eq!(back, prefs);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_store_from_an_earlier_version_reads_back_the_same_preferences() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    write_raw(
        dir.path(),
        &[
            ("intro_dismissed", "1"),
            ("progress.range", "4w"),
            ("baseline_pain", "3.5"),
            ("reminders.enabled", "false"),
            ("reminders.posture_enabled", "false"),
            ("reminders.posture_every_mins", "25"),
            ("reminders.active_start", "07:30"),
            ("reminders.active_end", "15:00"),
            ("reminders.active_days", "tue,thu"),
            ("reminders.stretch_every_hours", "4"),
            ("reminders.check_in_at", "20:00"),
            ("reminders.strength_nudge_at", ""),
            ("reminders.quiet_start", "12:30"),
            ("reminders.quiet_end", "13:00"),
            ("checklist_desk_changed_at", "2026-11-20T10:00:00Z"),
        ],
    );
    let store = Store::open(dir.path()).unwrap();
    let (prefs, warnings) = store.preferences().unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    // Pause, snooze, the window, sounds, appearance, the background choices
    // and the visit summary were never saved before; the rest is as it was.
    assert_eq!(
        prefs,
        Preferences {
            reminders_paused_on: None,
            reminders_snoozed: None,
            window_size: None,
            window_position: None,
            zoom: Zoom::default(),
            sounds: Sounds::On,
            appearance: Appearance::System,
            keep_reminding: KeepReminding::On,
            told_about_background: false,
            visit_summary: VisitSummaryChoice::default(),
            ..changed()
        }
    );
    // Data kept in the same table is still read as data.
    assert!(store.desk_changed_at().unwrap().is_some());
}

#[test]
fn an_unreadable_value_falls_back_alone_with_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store
            .save_preferences(&changed(), &PreferenceKey::ALL)
            .unwrap();
    }
    write_raw(
        dir.path(),
        &[
            ("reminders.posture_every_mins", "{not json"),
            ("some.future_preference", "[1,2,3]"),
        ],
    );
    let mut store = Store::open(dir.path()).unwrap();
    let (prefs, warnings) = store.preferences().unwrap();
    assert_eq!(prefs.reminders.posture_every_mins, 30);
    let mut expected = changed();
    expected.reminders.posture_every_mins = 30;
    assert_eq!(prefs, expected);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("reminders.posture_every_mins"),
        "{}",
        warnings[0]
    );

    // Saving another preference leaves the unreadable row and the unknown
    // one as they are: nothing is deleted or rewritten behind the person's back.
    let mut next = prefs.clone();
    next.intro_dismissed = false;
    store
        .save_preferences(&next, &prefs.keys_differing(&next))
        .unwrap();
    assert_eq!(
        raw_value(dir.path(), "reminders.posture_every_mins").as_deref(),
        Some("{not json")
    );
    assert_eq!(
        raw_value(dir.path(), "some.future_preference").as_deref(),
        Some("[1,2,3]")
    );
    assert_eq!(
        raw_value(dir.path(), "intro_dismissed").as_deref(),
        Some("false")
    );
}

#[test]
fn saving_one_preference_keeps_another_process_change_to_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = Store::open(dir.path()).unwrap();
    let mut background = Store::open(dir.path()).unwrap();
    // Both read the same preferences at start.
    let (window_prefs, _) = window.preferences().unwrap();
    let (background_prefs, _) = background.preferences().unwrap();

    // The background process pauses reminders for today...
    let mut paused = background_prefs.clone();
    paused.reminders_paused_on = NaiveDate::from_ymd_opt(2026, 11, 25);
    background
        .save_preferences(&paused, &background_prefs.keys_differing(&paused))
        .unwrap();

    // ...then the window, which never saw the pause, saves a range.
    let mut ranged = window_prefs.clone();
    ranged.progress_range = ProgressRange::All;
    let keys = window_prefs.keys_differing(&ranged);
    assert_eq!(keys, [PreferenceKey::ProgressRange]);
    window.save_preferences(&ranged, &keys).unwrap();

    let (prefs, _) = Store::open(dir.path()).unwrap().preferences().unwrap();
    assert_eq!(
        prefs.reminders_paused_on,
        NaiveDate::from_ymd_opt(2026, 11, 25)
    );
    assert_eq!(prefs.progress_range, ProgressRange::All);
}

#[test]
fn a_failed_save_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.inject_fault(unknot::store::Fault::ReadOnly).unwrap();
    let result = store.save_preferences(&changed(), &PreferenceKey::ALL);
    assert!(result.is_err());
    drop(store);
    let (prefs, _) = Store::open(dir.path()).unwrap().preferences().unwrap();
    assert_eq!(prefs, Preferences::default());
}
