//! The daily check-in, driven through the real UI with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};
use unknot::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn typing_a_digit_and_pressing_enter_saves_todays_checkin() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);

    harness.key_press(Key::Num7);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    let saved = harness
        .state()
        .store()
        .checkin_on(today())
        .unwrap()
        .unwrap();
    assert_eq!(saved.pain.get(), 7);
    assert_eq!(saved.stress, None);
    assert!(!saved.red_flags.any());
    assert!(
        harness
            .query_by_label_contains("Saved for Wednesday 25 November")
            .is_some()
    );
    // The button now says the day's check-in exists.
    harness.get_by_label("Update check-in");
}

#[test]
fn typing_a_number_over_ten_keeps_the_one_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.key_press(Key::Num1);
    harness.step();
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("Pain goes from 0 to 10; 12 is not on the scale, so it stays at 1.");
    let chosen = |label| harness.get_by_label(label).accesskit_node().toggled();
    assert_eq!(chosen("Pain 1"), Some(egui::accesskit::Toggled::True));
    assert_eq!(chosen("Pain 2"), Some(egui::accesskit::Toggled::False));
}

#[test]
fn typing_one_then_zero_quickly_gives_ten() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.key_press(Key::Num1);
    harness.step();
    harness.key_press(Key::Num0);
    harness.run();
    common::click(&mut harness, "Save check-in");
    let saved = harness
        .state()
        .store()
        .checkin_on(today())
        .unwrap()
        .unwrap();
    assert_eq!(saved.pain.get(), 10);
}

#[test]
fn clicking_the_form_saves_every_field_and_saving_again_updates_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);

    common::click(&mut harness, "Pain 4");
    common::click(&mut harness, "Stress 6");
    common::click(&mut harness, "Between the shoulder blades");
    common::click(&mut harness, "Neck");
    common::click(&mut harness, "Note");
    harness
        .get_by_label("Note")
        .type_text("=SUM(A1) after a, long \"day\"");
    harness.run();
    common::click(&mut harness, "Save check-in");

    let saved = harness
        .state()
        .store()
        .checkin_on(today())
        .unwrap()
        .unwrap();
    assert_eq!(saved.pain.get(), 4);
    assert_eq!(saved.stress.map(|s| s.get()), Some(6));
    assert_eq!(saved.areas.len(), 2);
    assert_eq!(saved.note, "=SUM(A1) after a, long \"day\"");

    // A second save the same day replaces the first: still one row.
    common::click(&mut harness, "Pain 2");
    common::click(&mut harness, "Update check-in");
    let all = harness.state().store().checkins().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].pain.get(), 2);
    assert_eq!(all[0].note, "=SUM(A1) after a, long \"day\"");
}

#[test]
fn a_red_flag_shows_professional_advice_and_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert!(
        harness
            .query_by_label_contains("checked by a professional")
            .is_none()
    );

    common::click(
        &mut harness,
        "Numbness, tingling or weakness running into my arms or fingers",
    );
    assert!(
        harness
            .query_by_label_contains("checked by a professional")
            .is_some()
    );

    common::click(&mut harness, "Pain 5");
    common::click(&mut harness, "Save check-in");
    let saved = harness
        .state()
        .store()
        .checkin_on(today())
        .unwrap()
        .unwrap();
    assert!(saved.red_flags.arm_symptoms);
    assert!(!saved.red_flags.fever);
}

#[test]
fn saving_without_a_pain_rating_explains_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Save check-in");
    assert!(
        harness
            .query_by_label_contains("Choose a pain rating")
            .is_some()
    );
    assert!(harness.state().store().checkins().unwrap().is_empty());
}

#[test]
fn backfilling_yesterday_saves_under_yesterdays_date() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    // Next day is not offered from today.
    assert!(
        harness
            .get_by_label("Next day ›")
            .accesskit_node()
            .is_disabled()
    );

    common::click(&mut harness, "‹ Previous day");
    harness.get_by_label_contains("Tuesday 24 November 2026");
    common::click(&mut harness, "Pain 3");
    common::click(&mut harness, "Save check-in");

    let store = harness.state().store();
    let yesterday = today().pred_opt().unwrap();
    assert_eq!(store.checkin_on(yesterday).unwrap().unwrap().pain.get(), 3);
    assert!(store.checkin_on(today()).unwrap().is_none());
}

#[test]
fn todays_saved_values_are_shown_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    {
        let mut harness = common::harness(dir.path(), &clock);
        common::click(&mut harness, "Pain 8");
        harness.key_press(Key::Enter);
        harness.run();
    }
    let harness = common::harness(dir.path(), &clock);
    assert!(harness.get_by_label("Pain 8").accesskit_node().toggled() == Some(Toggled::True));
    assert!(harness.get_by_label("Pain 7").accesskit_node().toggled() != Some(Toggled::True));
    harness.get_by_label("Update check-in");
    drop(harness);
    assert_eq!(
        Store::open(dir.path()).unwrap().checkins().unwrap().len(),
        1
    );
}

#[test]
fn every_screen_opens_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    for screen in unknot::ui::Screen::ALL {
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, screen.label())
            .click();
        harness.run();
        assert_eq!(harness.state().screen(), screen);
    }
}

#[test]
fn a_message_goes_once_the_form_changes() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Save check-in");
    let choose = "Choose a pain rating from 0 to 10 first.";
    harness.get_by_label(choose);
    common::click(&mut harness, "Pain 4");
    assert!(harness.query_by_label(choose).is_none());

    common::click(&mut harness, "Save check-in");
    assert!(harness.query_by_label_contains("Saved for").is_some());
    // Another edit: the form no longer matches what was saved.
    common::click(&mut harness, "Pain 5");
    assert!(harness.query_by_label_contains("Saved for").is_none());
}

#[test]
fn a_rating_not_saved_waits_on_its_day_while_another_day_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let chosen = |h: &egui_kittest::Harness<'static, unknot::ui::UnknotApp>, label: &str| {
        h.get_by_label(label).accesskit_node().toggled() == Some(Toggled::True)
    };
    common::click(&mut harness, "Pain 6");
    common::fill(&mut harness, "Note", "Stiff after the drive");
    harness.get_by_label("Not saved yet.");

    // Yesterday's form is its own, empty; today's waits, and the footer says so.
    common::click(&mut harness, "‹ Previous day");
    assert!(!chosen(&harness, "Pain 6"));
    harness.get_by_label("Not saved yet: Wednesday 25 November.");
    common::click(&mut harness, "Pain 2");
    harness.get_by_label("Not saved yet: this day, Wednesday 25 November.");

    common::click(&mut harness, "Next day ›");
    assert!(chosen(&harness, "Pain 6") && !chosen(&harness, "Pain 2"));
    assert_eq!(
        harness.get_by_label("Note").value().as_deref(),
        Some("Stiff after the drive")
    );
    assert!(harness.state().store().checkins().unwrap().is_empty());

    // Saving today leaves yesterday's draft waiting.
    common::click(&mut harness, "Save check-in");
    let store = harness.state().store();
    assert_eq!(store.checkin_on(today()).unwrap().unwrap().pain.get(), 6);
    common::click(&mut harness, "‹ Previous day");
    assert!(chosen(&harness, "Pain 2"));
    harness.get_by_label("Not saved yet.");
}

#[test]
fn ticking_a_warning_sign_leaves_it_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let sign = "The pain started after a fall, an accident or a knock";
    harness.get_by_label(sign).scroll_to_me();
    harness.run();
    let before = harness.get_by_label(sign).rect();
    harness.get_by_label(sign).click();
    harness.run();
    // The advice appears below the form, not above the box just ticked.
    harness.get_by_label("Please have this checked by a professional");
    assert_eq!(harness.get_by_label(sign).rect().min.y, before.min.y);
}

/// A check-in saved by another process (here a second store on the same
/// folder, as the command line opens it) while the window is open.
fn save_elsewhere(dir: &std::path::Path, pain: i64) {
    let mut other = unknot::store::Store::open(dir).unwrap();
    let date = unknot::domain::clock::Clock::today(&common::clock());
    other
        .save_checkin(&unknot::domain::pain::CheckIn {
            date,
            recorded_at: chrono::Utc::now(),
            pain: unknot::domain::pain::Rating::new(pain, "pain").unwrap(),
            stress: None,
            areas: Vec::new(),
            red_flags: Default::default(),
            note: "from the command line".to_owned(),
        })
        .unwrap();
}

#[test]
fn a_check_in_saved_elsewhere_shows_when_the_window_gains_focus() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert!(harness.query_by_label("Update check-in").is_none());
    save_elsewhere(dir.path(), 7);
    harness.run();
    // Nothing is read in the frame loop: unchanged until the window is focused.
    assert!(harness.query_by_label("Update check-in").is_none());
    harness.event(egui::Event::WindowFocused(true));
    harness.run();
    harness.get_by_label("Update check-in");
    assert_eq!(harness.state().data().checkins.len(), 1);
    assert_eq!(harness.state().data().checkins[0].pain.get(), 7);
}

#[test]
fn a_check_in_saved_elsewhere_shows_by_itself_after_a_while() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let notifier = unknot::notify::RecordingNotifier::default();
    let mut harness = common::harness_of(dir.path(), &clock, &notifier, |app| {
        app.looking_for_outside_changes_every(std::time::Duration::from_millis(20))
    });
    save_elsewhere(dir.path(), 5);
    let start = std::time::Instant::now();
    while harness.state().data().checkins.is_empty() {
        assert!(start.elapsed().as_secs() < 10, "never picked up");
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
    harness.get_by_label("Update check-in");
}
