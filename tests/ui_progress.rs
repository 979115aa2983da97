//! The Progress screen and the advice on Today, driven through the real UI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use unknot::demo;
use unknot::domain::clock::Clock;
use unknot::domain::days_off::{DaysOff, Reason};
use unknot::domain::experiment::{Experiment, ExperimentKind};
use unknot::domain::flare::FlareUp;
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::store::Store;
use unknot::ui::{Screen, UnknotApp};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap()
}

/// 120 days of demo history ending on the test's "today", in the test
/// clock's time zone.
fn with_demo_history(dir: &std::path::Path) -> demo::DemoHistory {
    let zone = *common::clock().local_now().offset();
    let history = demo::generate_in(120, today(), demo::DEFAULT_SEED, &zone);
    let mut store = Store::open(dir).unwrap();
    demo::fill_store(&mut store, &history).unwrap();
    history
}

fn open_progress(harness: &mut Harness<'static, UnknotApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Progress")
        .click();
    harness.run();
    assert_eq!(harness.state().screen(), Screen::Progress);
}

fn checkin(date: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date,
        recorded_at: Utc.from_utc_datetime(&date.and_hms_opt(20, 0, 0).unwrap()),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: RedFlags::default(),
        note: String::new(),
    }
}

/// The whole Progress screen over the demo history, drawn in `theme` as
/// the desktop would ask for it, and compared with the saved picture `name`.
fn progress_snapshot(theme: egui::Theme, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let clock = common::clock();
    let store = Store::open(dir.path()).unwrap();
    let app_clock = std::sync::Arc::new(clock.clone());
    // Tall enough to show the whole screen without scrolling.
    let mut harness = Harness::builder()
        .with_size([1040.0, 2080.0])
        .with_theme(theme)
        .build_eframe(move |cc| UnknotApp::new(&cc.egui_ctx, store, app_clock));
    harness.run();
    open_progress(&mut harness);
    harness.remove_cursor();
    harness.run();
    harness.snapshot(name);
}

#[test]
fn progress_12_weeks_snapshot() {
    progress_snapshot(egui::Theme::Light, "progress_12_weeks");
}

#[test]
fn progress_12_weeks_dark_snapshot() {
    progress_snapshot(egui::Theme::Dark, "progress_12_weeks_dark");
}

#[test]
fn range_buttons_change_what_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let history = with_demo_history(dir.path());
    let in_last = |days: u64| {
        history
            .checkins
            .iter()
            .filter(|c| c.date >= ago(days - 1))
            .count()
    };
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);

    harness.get_by_label(&format!("{} check-ins in the last 12 weeks", in_last(84)));
    common::click(&mut harness, "4 weeks");
    harness.get_by_label(&format!("{} check-ins in the last 4 weeks", in_last(28)));
    assert!(
        harness
            .query_by_label_contains("in the last 12 weeks")
            .is_none()
    );
    common::click(&mut harness, "All time");
    let first = history.checkins.first().unwrap().date;
    let since = format!("{} check-ins since", history.checkins.len());
    harness.get_by_label_contains(&since);
    assert!(first <= ago(100));
    assert_ne!(in_last(28), history.checkins.len());

    // The chosen range is remembered across a restart.
    common::click(&mut harness, "4 weeks");
    drop(harness);
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label(&format!("{} check-ins in the last 4 weeks", in_last(28)));
}

#[test]
fn an_empty_store_shows_what_will_appear() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label("Nothing to chart yet");
    harness.get_by_label("0 check-ins in the last 12 weeks");
    harness.get_by_label_contains("average of your first 7 check-ins");
}

#[test]
fn three_days_of_severe_pain_bring_advice_to_today_and_progress() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let days = [(4, 5), (2, 8), (1, 9), (0, 8)].map(|(n, p)| checkin(ago(n), p));
        store.insert_new_checkins(&days).unwrap();
    }
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert_eq!(harness.state().screen(), Screen::Today);
    harness.get_by_label("It may be time to see a professional");
    // The notice names the rule that fired.
    harness.get_by_label_contains("Several days of severe pain");
    open_progress(&mut harness);
    harness.get_by_label("It may be time to see a professional");
    harness.get_by_label_contains("Several days of severe pain");
}

#[test]
fn no_advice_on_today_for_ordinary_days() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let days = [(2, 8), (1, 4), (0, 8)].map(|(n, p)| checkin(ago(n), p));
        store.insert_new_checkins(&days).unwrap();
    }
    let clock = common::clock();
    let harness = common::harness(dir.path(), &clock);
    assert!(
        harness
            .query_by_label("It may be time to see a professional")
            .is_none()
    );
}

#[test]
fn a_baseline_set_by_hand_is_saved_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label_contains("the average of your first 7 check-ins");

    // Type a value into the baseline field, then use it.
    harness.get_by_label("Set my baseline").scroll_to_me();
    harness.run();
    harness.get_by_label("Set my baseline").click();
    harness.run();
    harness.get_by_label("Set my baseline").type_text("8");
    harness.key_press(egui::Key::Enter);
    harness.run();
    common::click(&mut harness, "Use this baseline");
    harness.get_by_label("Your baseline is 8.0, a value you set yourself.");
    assert_eq!(harness.state().user_baseline(), Some(8.0));
    assert_eq!(
        harness
            .state()
            .store()
            .setting("baseline_pain")
            .unwrap()
            .as_deref(),
        Some("8.0")
    );
    drop(harness);

    // Kept after a restart, and undone with one click.
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label("Your baseline is 8.0, a value you set yourself.");
    common::click(&mut harness, "Use my first check-ins");
    harness.get_by_label_contains("the average of your first 7 check-ins");
    assert_eq!(harness.state().user_baseline(), None);
}

#[test]
fn a_warning_sign_shows_once_on_today() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let mut yesterday = checkin(ago(1), 4);
        yesterday.red_flags.fever = true;
        store.insert_new_checkins(&[yesterday]).unwrap();
    }
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    // Today's form is empty: the advice from yesterday's answers shows at the top.
    harness.get_by_label_contains("A warning sign in your last check-in");
    assert!(
        harness
            .query_by_label_contains("Please have this checked by a professional")
            .is_none()
    );
    // Yesterday's form shows its own notice, so the top one leaves that rule out.
    common::click(&mut harness, "‹ Previous day");
    harness.get_by_label_contains("Please have this checked by a professional");
    assert!(
        harness
            .query_by_label_contains("A warning sign in your last check-in")
            .is_none()
    );
}

/// An ended experiment with a clear drop, a running one, two flare-ups and
/// three days off, over 45 days of check-ins.
fn with_what_helps(dir: &std::path::Path) {
    let mut store = Store::open(dir).unwrap();
    let days: Vec<CheckIn> = (0..=44)
        .map(|n| checkin(ago(n), if n > 30 { 6 } else { 3 }))
        .collect();
    store.insert_new_checkins(&days).unwrap();
    for (name, start, kind) in [
        ("Chin tucks", ago(30), ExperimentKind::Exercise),
        ("Higher screen", ago(3), ExperimentKind::Workstation),
    ] {
        let experiment = Experiment {
            name: name.to_owned(),
            kind,
            start,
            planned_days: 14,
            stopped_on: None,
            created_at: Utc.from_utc_datetime(&start.and_hms_opt(8, 0, 0).unwrap()),
        };
        store.start_experiment(&experiment, today()).unwrap();
    }
    let now = common::clock().utc_now();
    for (n, hour, pain) in [(5, 14, 8), (1, 10, 7)] {
        let flare_up = FlareUp {
            at: Utc.from_utc_datetime(&ago(n).and_hms_opt(hour, 0, 0).unwrap()),
            date: ago(n),
            pain: Rating::new(pain, "pain").unwrap(),
            set_off_by: "lifting".to_owned(),
            helped: String::new(),
        };
        store.add_flare_up(&flare_up, now, today()).unwrap();
    }
    let days_off = DaysOff {
        first: ago(10),
        last: ago(8),
        reason: Reason::Holiday,
        created_at: now,
    };
    store.add_days_off(&days_off, today()).unwrap();
}

#[test]
fn what_helps_shows_on_progress_and_a_running_experiment_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    with_what_helps(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);

    // The layers of the pain chart, named in its legend, and the count.
    for layer in ["Flare-up", "Experiment", "Days off"] {
        harness.get_by_label(layer);
    }
    // Friday the 20th was last week; Tuesday the 24th is this week.
    harness.get_by_label("Flare-ups: 2 in the last 12 weeks, 1 this week.");
    harness.get_by_label_contains("with a check-in, 3 days off.");

    // Each experiment's comparison in words: one block of text each (a
    // label's words are its value).
    let chin_tucks = harness
        .get_by_label_contains("Pain was 3.0 points lower (likely a real change).")
        .value()
        .unwrap_or_default();
    assert!(
        chin_tucks.starts_with("Chin tucks\nExercise · 14 days, 26 Oct to 8 Nov\n"),
        "{chin_tucks:?}"
    );
    assert!(
        chin_tucks.contains(
            "\nDifference, during minus before: -3.0 points (95% interval -3.0 to -3.0)."
        )
    );
    harness.get_by_label_contains("Too early: 4 of 14 days so far.");
    assert!(
        harness.query_by_label("Stop \"Chin tucks\"").is_none(),
        "an experiment whose days are over has no Stop"
    );

    common::click(&mut harness, "Stop \"Higher screen\"");
    let stopped = Store::open(dir.path()).unwrap().experiments().unwrap();
    let stopped_on: Vec<(&str, Option<NaiveDate>)> = stopped
        .iter()
        .map(|e| (e.record.name.as_str(), e.record.stopped_on))
        .collect();
    assert_eq!(
        stopped_on,
        [("Chin tucks", None), ("Higher screen", Some(today()))]
    );
    assert!(harness.query_by_label("Stop \"Higher screen\"").is_none());
    harness
        .get_by_label_contains("Workstation change · 22 Nov to 25 Nov, stopped after 4 of 14 days");
}

#[test]
fn what_helps_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    with_what_helps(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(700.0, 500.0));
    open_progress(&mut harness);
    harness.run();
    let ppp = harness.ctx.pixels_per_point();
    let outside: Vec<String> = harness
        .query_all(By::new().include_labels().predicate(|_| true))
        .filter_map(|node| {
            let ak = node.accesskit_node();
            let right = ak.bounding_box()?.x1 as f32 / ppp;
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            (right > 700.5 && !label.is_empty()).then(|| format!("{label}: {right:.0}"))
        })
        .collect();
    assert!(outside.is_empty(), "past the right edge: {outside:?}");
}
