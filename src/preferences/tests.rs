#![allow(clippy::unwrap_used)]

use chrono::{FixedOffset, NaiveTime, TimeZone, Weekday, WeekdaySet};

use super::*;
use crate::domain::visit::PeriodChoice;
use crate::reminders::{ReminderKind, TimeWindow};

fn hm(hour: u32, min: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, min, 0).unwrap()
}

/// Every field away from its default.
fn changed() -> Preferences {
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 25, 9, 40, 0)
        .unwrap();
    Preferences {
        intro_dismissed: true,
        progress_range: ProgressRange::All,
        baseline_pain: Some(6.5),
        reminders: ReminderSettings {
            enabled: false,
            posture_enabled: false,
            posture_every_mins: 20,
            active_hours: TimeWindow::new(hm(8, 15), hm(16, 45)),
            active_days: WeekdaySet::from_array([Weekday::Mon, Weekday::Sat]),
            stretch_every_hours: 0,
            check_in_at: None,
            strength_nudge_at: Some(hm(13, 5)),
            quiet_hours: Some(TimeWindow::new(hm(22, 0), hm(6, 30))),
        },
        reminders_paused_on: NaiveDate::from_ymd_opt(2026, 11, 25),
        reminders_snoozed: Some(Snooze {
            until: at,
            kind: Some(ReminderKind::StretchBreak),
        }),
        window_size: Some(WindowSize::new(1280.0, 900.5)),
        window_position: Some(WindowPosition {
            x: -1200.0,
            y: 40.0,
        }),
        zoom: Zoom(1.25),
        sounds: Sounds::Off,
        appearance: Appearance::Dark,
        keep_reminding: KeepReminding::Off,
        told_about_background: true,
        visit_summary: VisitSummaryChoice {
            weeks: 4,
            paper: Some(Paper::Letter),
        },
    }
}

fn rows(prefs: &Preferences) -> Vec<(&'static str, String)> {
    PreferenceKey::ALL
        .into_iter()
        .map(|key| (key.name(), prefs.value_text(key).unwrap()))
        .collect()
}

fn read(rows: &[(&str, &str)]) -> (Preferences, Vec<String>) {
    Preferences::from_rows(rows.iter().copied())
}

#[test]
fn every_field_round_trips_through_rows() {
    for prefs in [Preferences::default(), changed()] {
        let rows = rows(&prefs);
        let (back, warnings) = Preferences::from_rows(rows.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, prefs);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

#[test]
fn every_field_differs_from_its_default_in_the_test_value() {
    // So the round trip above really covers every key.
    assert_eq!(
        Preferences::default().keys_differing(&changed()),
        PreferenceKey::ALL
    );
}

#[test]
fn key_names_are_unique_and_keep_the_names_saved_before() {
    for key in PreferenceKey::ALL {
        assert_eq!(PreferenceKey::from_name(key.name()), Some(key));
    }
    let names = ["intro_dismissed", "progress.range", "baseline_pain"];
    for name in names {
        assert!(PreferenceKey::from_name(name).is_some(), "{name}");
    }
    assert_eq!(PreferenceKey::from_name("checklist_desk_changed_at"), None);
}

#[test]
fn values_are_json() {
    let prefs = changed();
    let text = |key| prefs.value_text(key).unwrap();
    assert_eq!(text(PreferenceKey::IntroDismissed), "true");
    assert_eq!(text(PreferenceKey::ProgressRange), "\"all\"");
    assert_eq!(text(PreferenceKey::BaselinePain), "6.5");
    assert_eq!(text(PreferenceKey::PostureEveryMins), "20");
    assert_eq!(text(PreferenceKey::ActiveDays), "[\"mon\",\"sat\"]");
    assert_eq!(text(PreferenceKey::CheckInAt), "null");
    assert_eq!(text(PreferenceKey::PausedOn), "\"2026-11-25\"");
    assert_eq!(
        text(PreferenceKey::Snoozed),
        "{\"until\":\"2026-11-25T09:40:00+01:00\",\"kind\":\"stretch_break\"}"
    );
    assert_eq!(
        text(PreferenceKey::WindowSize),
        "{\"width\":1280.0,\"height\":900.5}"
    );
    assert_eq!(
        text(PreferenceKey::WindowPosition),
        "{\"x\":-1200.0,\"y\":40.0}"
    );
    assert_eq!(text(PreferenceKey::Zoom), "1.25");
    assert_eq!(text(PreferenceKey::Appearance), "\"dark\"");
    assert_eq!(
        text(PreferenceKey::VisitSummary),
        "{\"weeks\":4,\"paper\":\"letter\"}"
    );
    // A whole number keeps its point, as the text saved before did.
    let eight = Preferences {
        baseline_pain: Some(8.0),
        ..Preferences::default()
    };
    assert_eq!(
        eight.value_text(PreferenceKey::BaselinePain).unwrap(),
        "8.0"
    );
}

#[test]
fn reminder_kinds_keep_their_codes_in_json() {
    for kind in ReminderKind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.code()));
    }
}

#[test]
fn the_whole_value_round_trips_as_json_and_missing_fields_take_defaults() {
    let prefs = changed();
    let json = serde_json::to_string(&prefs).unwrap();
    assert_eq!(serde_json::from_str::<Preferences>(&json).unwrap(), prefs);
    let partial: Preferences = serde_json::from_str(r#"{"intro_dismissed":true}"#).unwrap();
    assert_eq!(
        partial,
        Preferences {
            intro_dismissed: true,
            ..Preferences::default()
        }
    );
}

#[test]
fn text_saved_by_earlier_versions_is_read() {
    let (prefs, warnings) = read(&[
        ("intro_dismissed", "1"),
        ("progress.range", "4w"),
        ("baseline_pain", "7.5"),
        ("reminders.enabled", "false"),
        ("reminders.posture_enabled", "true"),
        ("reminders.posture_every_mins", "45"),
        ("reminders.active_start", "08:00"),
        ("reminders.active_end", "17:30"),
        ("reminders.active_days", "mon,tue,sun"),
        ("reminders.stretch_every_hours", "3"),
        ("reminders.check_in_at", ""),
        ("reminders.strength_nudge_at", "11:15"),
        ("reminders.quiet_start", "12:00"),
        ("reminders.quiet_end", "13:30"),
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let expected = Preferences {
        intro_dismissed: true,
        progress_range: ProgressRange::Weeks4,
        baseline_pain: Some(7.5),
        reminders: ReminderSettings {
            enabled: false,
            posture_enabled: true,
            posture_every_mins: 45,
            active_hours: TimeWindow::new(hm(8, 0), hm(17, 30)),
            active_days: WeekdaySet::from_array([Weekday::Mon, Weekday::Tue, Weekday::Sun]),
            stretch_every_hours: 3,
            check_in_at: None,
            strength_nudge_at: Some(hm(11, 15)),
            quiet_hours: Some(TimeWindow::new(hm(12, 0), hm(13, 30))),
        },
        ..Preferences::default()
    };
    assert_eq!(prefs, expected);
    // An empty baseline and empty quiet hours meant "none".
    let (prefs, warnings) = read(&[
        ("baseline_pain", ""),
        ("reminders.quiet_start", ""),
        ("reminders.quiet_end", ""),
        ("reminders.active_days", ""),
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(prefs.baseline_pain, None);
    assert_eq!(prefs.reminders.quiet_hours, None);
    assert_eq!(prefs.reminders.active_days, WeekdaySet::EMPTY);
}

#[test]
fn nothing_saved_is_the_defaults_without_a_warning() {
    assert_eq!(read(&[]), (Preferences::default(), Vec::new()));
}

#[test]
fn an_unreadable_value_falls_back_alone_and_names_its_key() {
    let (prefs, warnings) = read(&[
        ("reminders.posture_every_mins", "lots"),
        ("reminders.stretch_every_hours", "3"),
        ("progress.range", "7w"),
        ("intro_dismissed", "1"),
        ("reminders.active_days", "mon,someday"),
        ("reminders.snoozed", "{\"until\":\"soon\"}"),
        ("checklist_desk_changed_at", "2026-01-01T00:00:00Z"),
        ("theme", "dark"),
    ]);
    assert_eq!(prefs.reminders.posture_every_mins, 30);
    assert_eq!(prefs.reminders.stretch_every_hours, 3);
    assert_eq!(prefs.progress_range, ProgressRange::Weeks12);
    assert!(prefs.intro_dismissed);
    assert_eq!(
        prefs.reminders.active_days,
        ReminderSettings::default().active_days
    );
    assert_eq!(prefs.reminders_snoozed, None);
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    for (warning, key) in warnings.iter().zip([
        "reminders.posture_every_mins",
        "progress.range",
        "reminders.active_days",
        "reminders.snoozed",
    ]) {
        assert!(warning.contains(key), "{warning}");
    }
    assert!(warnings[0].contains("\"lots\""), "{}", warnings[0]);
}

#[test]
fn a_long_unreadable_value_is_quoted_short() {
    let long = "x".repeat(500);
    let (_, warnings) = read(&[("progress.range", &long)]);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].len() < 200, "{}", warnings[0]);
}

#[test]
fn one_end_of_the_quiet_hours_turns_them_off_with_a_warning() {
    let (prefs, warnings) = read(&[("reminders.quiet_start", "\"22:00:00\"")]);
    assert_eq!(prefs.reminders.quiet_hours, None);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("reminders.quiet_end"),
        "{}",
        warnings[0]
    );
}

#[test]
fn out_of_range_values_are_brought_into_range_as_the_scheduler_always_did() {
    let (prefs, warnings) = read(&[
        ("reminders.posture_every_mins", "90"),
        ("reminders.stretch_every_hours", "12"),
        ("baseline_pain", "11"),
    ]);
    assert_eq!(prefs.reminders.posture_every_mins, 60);
    assert_eq!(prefs.reminders.stretch_every_hours, MAX_STRETCH_HOURS);
    assert_eq!(prefs.baseline_pain, None);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].contains("reminders.posture_every_mins"));
    assert!(warnings[1].contains("reminders.stretch_every_hours"));
    assert!(warnings[2].contains("baseline_pain"));

    let (prefs, _) = read(&[("reminders.posture_every_mins", "5")]);
    assert_eq!(prefs.reminders.posture_every_mins, 15);
    // The visit summary offers only some periods; another is put back.
    let (prefs, warnings) = read(&[("window.visit_summary", "{\"weeks\":6,\"paper\":\"a4\"}")]);
    assert_eq!(
        prefs.visit_summary,
        VisitSummaryChoice {
            weeks: 12,
            paper: Some(Paper::A4)
        }
    );
    assert!(warnings[0].contains("window.visit_summary"), "{warnings:?}");
    let mut fine = changed();
    assert!(fine.validate().is_empty());
    assert_eq!(fine, changed());
}

#[test]
fn only_changed_keys_differ() {
    let before = Preferences::default();
    let mut after = before.clone();
    after.reminders.quiet_hours = Some(TimeWindow::new(hm(12, 0), hm(13, 0)));
    after.progress_range = ProgressRange::Weeks4;
    assert_eq!(
        before.keys_differing(&after),
        [
            PreferenceKey::ProgressRange,
            PreferenceKey::QuietStart,
            PreferenceKey::QuietEnd
        ]
    );
    assert!(after.keys_differing(&after.clone()).is_empty());
}

#[test]
fn the_window_is_kept_to_a_sane_size_place_and_zoom() {
    let (prefs, warnings) = read(&[
        ("window.size", r#"{"width":300.0,"height":50000.0}"#),
        ("window.position", r#"{"x":90000.0,"y":10.0}"#),
        ("window.zoom", "7.5"),
    ]);
    assert_eq!(prefs.window_size, Some(WindowSize::new(640.0, 16_384.0)));
    assert_eq!(prefs.window_position, None);
    assert_eq!(prefs.zoom, Zoom(3.0));
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    for (warning, key) in warnings
        .iter()
        .zip(["window.size", "window.position", "window.zoom"])
    {
        assert!(warning.contains(key), "{warning}");
    }

    // No size, no number, no place at all: back to the defaults, with a word.
    let (prefs, warnings) = read(&[
        ("window.size", r#"{"width":0.0,"height":700.0}"#),
        ("window.position", "null"),
        ("window.zoom", "-1"),
    ]);
    assert_eq!(prefs.window_size, None);
    assert_eq!(prefs.window_position, None);
    assert_eq!(prefs.zoom, Zoom(0.5));
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let (prefs, warnings) = read(&[("window.zoom", "\"big\""), ("window.size", "\"wide\"")]);
    assert_eq!((prefs.zoom, prefs.window_size), (Zoom(1.0), None));
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let mut nan = Preferences {
        zoom: Zoom(f32::NAN),
        window_size: Some(WindowSize::new(f32::INFINITY, 700.0)),
        ..Preferences::default()
    };
    assert_eq!(nan.validate().len(), 2);
    assert_eq!((nan.zoom, nan.window_size), (Zoom(1.0), None));
}

#[test]
fn a_saved_summary_is_remembered_by_its_weeks_and_a_paper_other_than_the_locales() {
    let locale = Paper::from_environment();
    let other = match locale {
        Paper::A4 => Paper::Letter,
        Paper::Letter => Paper::A4,
    };
    let mut choice = VisitSummaryChoice::default();
    choice.remember(PeriodChoice::LastWeeks(8), other);
    assert_eq!(
        (choice.weeks, choice.paper(), choice.paper),
        (8, other, Some(other))
    );
    // Two typed dates keep the weeks; the locale's paper is not pinned.
    let from = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    choice.remember(PeriodChoice::Between { from, to }, locale);
    assert_eq!((choice.weeks, choice.paper), (8, None));
    // Weeks the window does not offer (from the command line) are not kept.
    choice.remember(PeriodChoice::LastWeeks(30), locale);
    assert_eq!(choice.weeks, 8);
}
