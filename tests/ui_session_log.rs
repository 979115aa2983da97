//! The form for a session that already happened, as heat and routines both
//! show it: the same checks and the same words on each screen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unknot::domain::session::SessionKind;
use unknot::ui::{Screen, UnknotApp};

/// One screen's form: where it is, and the words that differ.
struct Form {
    screen: Screen,
    minutes: &'static str,
    button: &'static str,
    /// Said when the minutes are left empty.
    missing_minutes: &'static str,
    /// Said once 20 minutes from 21:15 yesterday are saved.
    logged_yesterday: &'static str,
}

const FORMS: [Form; 2] = [
    Form {
        screen: Screen::Heat,
        minutes: "Minutes of heat",
        button: "Log heat session",
        missing_minutes: "Type how many minutes the pack was on, for example 15.",
        logged_yesterday: "Logged 20 minutes of heat, Tuesday 24 November at 21:15.",
    },
    Form {
        screen: Screen::Routines,
        minutes: "Minutes",
        button: "Log session",
        missing_minutes: "Type how many minutes it lasted, for example 10.",
        logged_yesterday: "Logged: Desk break, 20 minutes, Tuesday 24 November at 21:15.",
    },
];

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// The app on a fresh store at 09:00, showing `form`'s screen. Keep the
/// folder while the app runs.
fn open(form: &Form) -> (tempfile::TempDir, Harness<'static, UnknotApp>) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(dir.path(), &common::clock());
    common::open(&mut harness, form.screen);
    (dir, harness)
}

/// Types a start time and minutes into `form` and asks to log it.
fn log(harness: &mut Harness<'static, UnknotApp>, form: &Form, start: &str, minutes: &str) {
    common::fill(harness, "Started at", start);
    common::fill(harness, form.minutes, minutes);
    common::click(harness, form.button);
}

#[test]
fn both_forms_refuse_a_start_time_still_to_come_in_the_same_words() {
    for form in &FORMS {
        let (_dir, mut harness) = open(form);
        // The clock says 09:00.
        log(&mut harness, form, "09:30", "10");
        harness.get_by_label("09:30 today hasn't come yet; choose a time that has passed.");
        assert!(harness.state().store().sessions().unwrap().is_empty());
        // Started a minute ago, it would still be going on for nine more.
        log(&mut harness, form, "08:59", "10");
        harness.get_by_label_contains("would still be going on now");
        assert!(harness.state().store().sessions().unwrap().is_empty());
        // Over by now: saved.
        log(&mut harness, form, "08:45", "10");
        assert_eq!(harness.state().store().sessions().unwrap().len(), 1);
    }
}

#[test]
fn both_forms_explain_a_missing_or_unreadable_start_time_in_the_same_words() {
    for form in &FORMS {
        let (_dir, mut harness) = open(form);
        common::fill(&mut harness, form.minutes, "10");
        common::click(&mut harness, form.button);
        harness.get_by_label("Type the time you started as HH:MM, for example 15:00.");
        log(&mut harness, form, "teatime", "10");
        harness.get_by_label(
            "Type the time as hours and minutes, for example 15:00, not \"teatime\".",
        );
        assert!(harness.state().store().sessions().unwrap().is_empty());
    }
}

#[test]
fn each_form_asks_for_its_missing_minutes_in_its_own_words() {
    for form in &FORMS {
        let (_dir, mut harness) = open(form);
        common::fill(&mut harness, "Started at", "08:00");
        common::click(&mut harness, form.button);
        harness.get_by_label(form.missing_minutes);
        assert!(harness.state().store().sessions().unwrap().is_empty());
    }
}

#[test]
fn a_saved_entry_clears_its_times_and_an_earlier_day_is_kept() {
    for form in &FORMS {
        let (_dir, mut harness) = open(form);
        common::click(&mut harness, "‹ Day before");
        harness.get_by_label("Yesterday, Tuesday 24 November");
        log(&mut harness, form, "21:15", "20");
        harness.get_by_label(form.logged_yesterday);
        let sessions = harness.state().store().sessions().unwrap();
        assert_eq!(sessions.len(), 1);
        // 21:15 in the clock's UTC+1 zone, on the day chosen.
        assert_eq!(sessions[0].started_at, utc("2026-11-24T20:15:00Z"));
        assert_eq!(sessions[0].date, sessions[0].started_at.date_naive());
        assert_eq!(sessions[0].note, "");
        assert_eq!(sessions[0].feel_after, None);
        for field in ["Started at", form.minutes] {
            assert_eq!(harness.get_by_label(field).value().as_deref(), Some(""));
        }
    }
}

#[test]
fn a_heat_session_already_in_the_log_is_caught_before_the_store() {
    let form = &FORMS[0];
    let (_dir, mut harness) = open(form);
    log(&mut harness, form, "07:30", "15");
    assert_eq!(harness.state().store().sessions().unwrap().len(), 1);
    log(&mut harness, form, "07:30", "20");
    harness.get_by_label("A heat session at 07:30 that day is already in your log.");
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].kind, SessionKind::Heat);
    assert_eq!(sessions[0].duration_secs, 15 * 60);
}

#[test]
fn a_failed_heat_entry_keeps_what_was_typed_and_saves_on_the_next_try() {
    let form = &FORMS[0];
    let (dir, mut harness) = open(form);
    common::fill(&mut harness, "Where", "Neck");

    // Another program holds the database for a moment.
    let other = rusqlite::Connection::open(dir.path().join(unknot::store::DB_FILE_NAME)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    log(&mut harness, form, "07:30", "15");
    assert!(harness.query_by_label_contains("Not saved: ").is_some());
    assert_eq!(
        harness.get_by_label("Started at").value().as_deref(),
        Some("07:30")
    );
    other.execute_batch("COMMIT").unwrap();
    drop(other);

    common::click(&mut harness, form.button);
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].started_at, utc("2026-11-25T06:30:00Z"));
    assert_eq!(sessions[0].area.as_deref(), Some("Neck"));
}
