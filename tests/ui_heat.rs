//! The heat-pack timer, driven through the real UI with egui_kittest and a
//! manual clock. Notifications are recorded, never sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use egui_kittest::kittest::{NodeT, Queryable};
use unknot::domain::session::SessionKind;
use unknot::notify::{RecordingNotifier, Sound};
use unknot::preferences::Sounds;
use unknot::ui::Screen;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

#[test]
fn a_heat_session_counts_down_tells_the_user_and_is_logged_when_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let sent = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &sent);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Between the shoulder blades");
    common::click(&mut harness, "Start heat timer");
    harness.get_by_label("15:00");

    // Frames come late and irregularly; the countdown stays right to the second.
    clock.advance(Duration::from_millis(61_400));
    harness.run();
    harness.get_by_label("13:59");
    assert!(sent.sent().is_empty());

    common::advance(&mut harness, &clock, 14 * 60, 97);
    harness.get_by_label("Time's up: take the pack off now.");
    assert_eq!(sent.sent().len(), 1, "one notification when time is up");
    assert!(sent.sent()[0].title.contains("time's up"));
    assert_eq!(sent.sent()[0].sound, Some(Sound::TimerElapsed));
    assert!(harness.state().store().sessions().unwrap().is_empty());

    common::advance(&mut harness, &clock, 35, 5);
    assert_eq!(sent.sent().len(), 1, "and only one");
    common::click(&mut harness, "Stop and save");

    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.kind, SessionKind::Heat);
    // 61.4 s + 14 min + 35 s, whole seconds.
    assert_eq!(s.duration_secs, 936);
    assert_eq!(
        (s.date, s.started_at),
        (today(), utc("2026-11-25T08:00:00Z"))
    );
    assert_eq!(s.heat_type.as_deref(), Some("moist"));
    assert_eq!(s.area.as_deref(), Some("Between the shoulder blades"));
    assert!(!s.capped);

    // The relief rating afterwards updates the session; then on to stretching.
    common::click(&mut harness, "Feel now 2");
    let s = &harness.state().store().sessions().unwrap()[0];
    assert_eq!(s.feel_after.map(|r| r.get()), Some(2));
    harness.get_by_label("Muscles are warm: a stretch routine now?");
    common::click(&mut harness, "Go to the desk break");
    assert_eq!(harness.state().screen(), Screen::Routines);
    harness.get_by_label("Your muscles are warm: a good moment for this one.");
}

#[test]
fn a_session_left_running_is_capped_at_thirty_minutes_without_user_action() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let sent = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &sent);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "20 min");
    common::click(&mut harness, "Electric heating pad");
    common::click(&mut harness, "Start heat timer");
    // Someone looks at another screen, then leaves (or falls asleep).
    common::open(&mut harness, Screen::Today);
    harness.get_by_label("Heat: 20:00 left");

    clock.advance(minutes(29) + Duration::from_secs(59));
    harness.step();
    assert!(harness.state().store().sessions().unwrap().is_empty());
    clock.advance(minutes(200));
    // The very next frame records it.
    harness.step();

    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.duration_secs, 30 * 60);
    assert!(s.capped);
    assert!(s.note.contains("30-minute"), "{}", s.note);
    assert_eq!(s.heat_type.as_deref(), Some("electric"));
    // Reminders may also have come during those hours; count the heat ones.
    let summaries: Vec<String> = sent
        .sent()
        .into_iter()
        .map(|notice| notice.title)
        .filter(|s| s.starts_with("Heat pack"))
        .collect();
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(summaries[1].contains("30 minutes"));

    // Nothing more happens, and the heat screen explains.
    clock.advance(minutes(60));
    harness.run();
    assert_eq!(harness.state().store().sessions().unwrap().len(), 1);
    common::open(&mut harness, Screen::Heat);
    harness.get_by_label("Heat stopped at the 30-minute limit");
}

#[test]
fn after_a_suspend_the_timer_shows_the_real_time_and_acts_on_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let sent = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &sent);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Start heat timer");
    common::advance(&mut harness, &clock, 120, 1);
    harness.get_by_label("13:00");

    // The lid is closed for ten minutes: no frame until it opens again.
    clock.advance(minutes(10));
    harness.step();
    harness.get_by_label("3:00");
    // Asleep past the planned end: the first frame says time is up.
    clock.advance(minutes(6));
    harness.step();
    harness.get_by_label("Time's up: take the pack off now.");
    assert_eq!(sent.sent().len(), 1);
    assert!(harness.state().store().sessions().unwrap().is_empty());
    // Asleep past the cap: the first frame ends and logs it at 30 minutes.
    clock.advance(minutes(90));
    harness.step();
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(
        (sessions[0].duration_secs, sessions[0].capped),
        (1800, true)
    );
    assert!(sent.sent()[1].title.contains("stopped at 30 minutes"));
}

#[test]
fn extending_past_twenty_minutes_warns_about_the_skin() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Start heat timer");
    let warning = "irritate or even burn the skin";
    common::click(&mut harness, "+5 min");
    assert!(harness.query_by_label_contains(warning).is_none());
    harness.get_by_label("20:00");
    common::click(&mut harness, "+5 min");
    assert!(harness.query_by_label_contains(warning).is_some());
    harness.get_by_label("25:00");
}

#[test]
fn plus_five_stops_at_the_thirty_minute_cap_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Start heat timer");
    for shown in ["20:00", "25:00", "30:00"] {
        common::click(&mut harness, "+5 min");
        harness.get_by_label(shown);
    }
    // At the cap the button is there but cannot add time a session never gets.
    let button = harness.get_by_label("+5 min");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    harness.run();
    harness.get_by_label("30:00");
    assert!(harness.query_by_label("35:00").is_none());
}

#[test]
fn a_custom_length_is_checked_before_starting() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Custom");
    common::fill(&mut harness, "Minutes", "0");
    common::click(&mut harness, "Start heat timer");
    harness.get_by_label("The heat time must be at least 1 minute.");
    common::fill(&mut harness, "Minutes", "25");
    assert!(
        harness
            .query_by_label_contains("More than 20 minutes raises the risk")
            .is_some()
    );
    common::click(&mut harness, "Start heat timer");
    harness.get_by_label("25:00");
}

#[test]
fn bad_manual_minutes_are_explained_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Heat);
    common::fill(&mut harness, "Started at", "07:30");

    common::fill(&mut harness, "Minutes of heat", "0");
    common::click(&mut harness, "Log heat session");
    harness.get_by_label("The heat time must be at least 1 minute.");
    assert!(harness.state().store().sessions().unwrap().is_empty());

    common::fill(&mut harness, "Minutes of heat", "500");
    common::click(&mut harness, "Log heat session");
    harness.get_by_label(
        "500 minutes is too long for one heat session; the most is 60 (15 to 20 is usual).",
    );
    assert!(harness.state().store().sessions().unwrap().is_empty());

    // Fixed, it is saved.
    common::fill(&mut harness, "Minutes of heat", "20");
    common::fill(&mut harness, "Where", "Neck");
    common::click(&mut harness, "Log heat session");
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.kind, SessionKind::Heat);
    assert_eq!(s.started_at, utc("2026-11-25T06:30:00Z"));
    assert_eq!(s.duration_secs, 1200);
    assert_eq!(s.heat_type.as_deref(), Some("moist"));
    assert_eq!(s.area.as_deref(), Some("Neck"));
    assert!(
        harness
            .query_by_label_contains("Logged 20 minutes of heat")
            .is_some()
    );
}

#[test]
fn a_running_timer_repaints_when_the_second_changes_and_an_idle_window_never() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let repaint_delay = |h: &egui_kittest::Harness<'static, unknot::ui::UnknotApp>| {
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
    };
    common::open(&mut harness, Screen::Heat);
    harness.step();
    // Idle: no timer asks for frames; only the next reminder, far off, may.
    assert!(repaint_delay(&harness) >= Duration::from_secs(60));

    common::click(&mut harness, "Start heat timer");
    clock.advance(Duration::from_millis(300));
    harness.step();
    assert_eq!(repaint_delay(&harness), Duration::from_millis(700));
    // Another screen: the timer still asks to be woken at the next second.
    common::open(&mut harness, Screen::History);
    clock.advance(Duration::from_millis(600));
    harness.step();
    assert_eq!(repaint_delay(&harness), Duration::from_millis(100));

    common::open(&mut harness, Screen::Heat);
    clock.advance(Duration::from_secs(120));
    common::click(&mut harness, "Stop and save");
    harness.step();
    assert!(repaint_delay(&harness) >= Duration::from_secs(60));
}

#[test]
fn a_logged_heat_session_must_be_over_and_a_long_one_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    // 09:00 local: a pack put on at 08:30 for 55 minutes is still on.
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Heat);
    common::fill(&mut harness, "Started at", "08:30");
    common::fill(&mut harness, "Minutes of heat", "55");
    common::click(&mut harness, "Log heat session");
    harness.get_by_label_contains("would still be going on now");
    assert!(harness.state().store().sessions().unwrap().is_empty());

    // Over by now, but past the 30-minute cap: saved, with a word of care.
    common::fill(&mut harness, "Started at", "07:00");
    common::fill(&mut harness, "Minutes of heat", "45");
    common::click(&mut harness, "Log heat session");
    let sessions = harness.state().store().sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].duration_secs, 45 * 60);
    harness.get_by_label_contains("can burn the skin");
}

#[test]
fn a_session_stopped_at_once_says_so_until_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Start heat timer");
    common::advance(&mut harness, &clock, 20, 1);
    common::click(&mut harness, "Stop and save");
    let note = "Stopped within the first minute, so nothing was logged.";
    harness.get_by_label(note);
    assert!(harness.state().store().sessions().unwrap().is_empty());
    common::click(&mut harness, "Dismiss");
    assert!(harness.query_by_label(note).is_none());
}

#[test]
fn with_sounds_turned_off_the_time_up_notice_asks_for_none_and_the_choice_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let sent = RecordingNotifier::default();
    let mut harness = common::harness_with(dir.path(), &clock, &sent);
    common::open(&mut harness, Screen::Settings);
    common::click(
        &mut harness,
        "Play a sound when a hold or a heat session ends",
    );
    let (saved, _) = harness.state().store().preferences().unwrap();
    assert_eq!(saved.sounds, Sounds::Off);

    common::open(&mut harness, Screen::Heat);
    common::click(&mut harness, "Between the shoulder blades");
    common::click(&mut harness, "Start heat timer");
    common::advance(&mut harness, &clock, 15 * 60 + 5, 60);
    let sent = sent.sent();
    assert!(sent[0].title.contains("time's up"), "{sent:?}");
    assert_eq!(sent[0].sound, None);
}
