//! Finding out what helps, driven through the real UI with egui_kittest:
//! flare-ups and the weekly function check on Today, experiments started
//! from a checklist item and from a routine. Each flow reads what it wrote
//! back from the SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use egui_kittest::kittest::Queryable;
use unknot::domain::checklist::{self, Answer};
use unknot::domain::experiment::ExperimentKind;
use unknot::domain::pain::{CheckIn, Rating};
use unknot::store::Store;
use unknot::ui::Screen;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_flare_up_is_logged_apart_from_the_days_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let checkin = CheckIn {
        date: today(),
        recorded_at: now() - chrono::TimeDelta::hours(1),
        pain: Rating::new(3, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: Default::default(),
        note: "morning".to_owned(),
    };
    Store::open(dir.path())
        .unwrap()
        .save_checkin(&checkin)
        .unwrap();
    let mut harness = common::harness(dir.path(), &clock);

    common::click(&mut harness, "Log a flare-up");
    common::click(&mut harness, "Flare-up pain 7");
    common::fill(&mut harness, "What set it off?", "Carrying the shopping");
    common::click(&mut harness, "Save flare-up");
    harness.get_by_label("Logged: pain 7 at 09:00.");
    harness.get_by_label("1 flare-up today, pain 7.");
    // The check-in form still shows the day's own rating.
    assert!(harness.state().data().checkin_on(today()) == Some(&checkin));
    drop(harness);

    let store = Store::open(dir.path()).unwrap();
    let flare_ups = store.flare_ups().unwrap();
    assert_eq!(flare_ups.len(), 1);
    let logged = &flare_ups[0].record;
    assert_eq!(logged.pain.get(), 7);
    assert_eq!((logged.date, logged.at), (today(), now()));
    assert_eq!(logged.set_off_by, "Carrying the shopping");
    assert_eq!(logged.helped, "");
    assert_eq!(store.checkins().unwrap(), vec![checkin]);
}

#[test]
fn the_function_check_names_an_activity_and_saves_its_score() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let activity = "A two-hour meeting without moving";

    // Nothing is asked before an activity is named: a link offers it.
    assert!(harness.query_by_label("Save function check").is_none());
    common::click(&mut harness, "Weekly function check");
    common::fill(&mut harness, "An activity your back makes hard", activity);
    common::click(&mut harness, "Add");
    common::click(&mut harness, &format!("{activity} 4"));
    common::click(&mut harness, "Save function check");
    harness.get_by_label("Saved. The next check is on Wednesday 2 December.");
    drop(harness);

    let store = Store::open(dir.path()).unwrap();
    let activities = store.function_activities().unwrap();
    assert_eq!(activities.len(), 1);
    assert_eq!(activities[0].name, activity);
    let ratings = store.function_ratings().unwrap();
    assert_eq!(ratings.len(), 1);
    let rating = &ratings[0].record;
    assert_eq!(rating.activity_uid, activities[0].uid);
    assert_eq!((rating.date, rating.score.get()), (today(), 4));
}

/// In a small window the forms below the check-in open out of sight; each
/// is brought into view when opened.
#[test]
fn a_form_opened_below_the_check_in_is_brought_into_view() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(700.0, 500.0));
    harness.run();
    // Above the footer with the save button.
    let in_view = |harness: &egui_kittest::Harness<'_, _>, label: &str| {
        let rect = harness.get_by_label(label).rect();
        rect.min.y >= 0.0 && rect.max.y <= 430.0
    };
    for (opener, field) in [
        ("Weekly function check", "An activity your back makes hard"),
        ("Try something new…", "What are you trying?"),
    ] {
        common::click(&mut harness, opener);
        harness.run();
        assert!(in_view(&harness, field), "{field} is out of sight");
    }
}

#[test]
fn an_activity_taken_off_the_list_can_be_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let activity = "Sleeping through the night";
    let today = today();
    let uid = Store::open(dir.path())
        .unwrap()
        .add_function_activity(activity, today)
        .unwrap()
        .uid;
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, &format!("Remove {activity}"));
    harness.get_by_label_contains(&format!("Took \"{activity}\" off the list"));
    let active = |harness: &egui_kittest::Harness<'static, unknot::ui::UnknotApp>| {
        let activities = harness.state().store().function_activities().unwrap();
        activities.iter().any(|a| a.uid == uid && a.is_active())
    };
    assert!(!active(&harness));

    common::click(
        &mut harness,
        &format!("Put \"{activity}\" back on the list"),
    );
    assert!(active(&harness));
    assert!(
        harness
            .query_by_label_contains(&format!("Took \"{activity}\" off"))
            .is_none()
    );
    harness.get_by_label(&format!("Remove {activity}"));
}

#[test]
fn a_checklist_item_turned_yes_starts_a_workstation_experiment_in_one_click() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let item = &checklist::items()[0];
    let answer = |a: Answer| format!("{}: {}", item.text.trim_end_matches('.'), a.label());
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Ergonomics);
    let offer = "Try it as an experiment (14 days): Screen at eye level";

    common::click(&mut harness, &answer(Answer::Yes));
    common::click(&mut harness, offer);
    harness.get_by_label("Started \"Screen at eye level\" until 8 December.");
    assert!(harness.query_by_label(offer).is_none());

    // Yes again after a change of mind: the same name cannot run twice.
    common::click(&mut harness, &answer(Answer::NotYet));
    common::click(&mut harness, &answer(Answer::Yes));
    common::click(&mut harness, offer);
    harness.get_by_label_contains("called \"Screen at eye level\" already runs");
    drop(harness);

    let experiments = Store::open(dir.path()).unwrap().experiments().unwrap();
    assert_eq!(experiments.len(), 1, "no second one of the same name");
    let started = &experiments[0].record;
    assert_eq!(started.name, "Screen at eye level");
    assert_eq!(started.kind, ExperimentKind::Workstation);
    assert_eq!((started.start, started.planned_days), (today(), 14));
    assert_eq!(started.stopped_on, None);
}

#[test]
fn a_ready_routine_can_be_tried_as_an_experiment() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let template = &unknot::domain::exercise::templates()[0];
    let mut harness = common::harness(dir.path(), &clock);
    common::open(&mut harness, Screen::Routines);

    common::click(
        &mut harness,
        &format!("Try {} as an experiment…", template.name),
    );
    common::click(&mut harness, "Start experiment");
    drop(harness);

    let experiments = Store::open(dir.path()).unwrap().experiments().unwrap();
    assert_eq!(experiments.len(), 1);
    let started = &experiments[0].record;
    assert_eq!(started.name, template.name);
    assert_eq!(started.kind, ExperimentKind::Exercise);
    assert_eq!((started.start, started.planned_days), (today(), 14));
}

#[test]
fn a_flare_up_can_be_logged_from_the_keyboard_without_touching_the_check_in() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::{NodeT, by};
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let focused = |harness: &egui_kittest::Harness<'static, unknot::ui::UnknotApp>| {
        harness
            .query(by().predicate(|node| node.is_focused()))
            .and_then(|node| node.accesskit_node().label())
    };
    let press = |harness: &mut egui_kittest::Harness<'static, unknot::ui::UnknotApp>, key| {
        harness.key_press(key);
        harness.run();
    };

    // Tab lands on the check-in's pain scale; the button is a few stops back.
    press(&mut harness, Key::Tab);
    for _ in 0..4 {
        if focused(&harness).as_deref() == Some("Log a flare-up") {
            break;
        }
        harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
        harness.run();
    }
    assert_eq!(focused(&harness).as_deref(), Some("Log a flare-up"));
    press(&mut harness, Key::Enter);
    assert_eq!(focused(&harness).as_deref(), Some("Flare-up pain 0"));
    // The form's scale takes the keys: arrows, a digit left alone, Enter saves.
    press(&mut harness, Key::End);
    press(&mut harness, Key::ArrowLeft);
    press(&mut harness, Key::Num3);
    press(&mut harness, Key::Enter);
    harness.get_by_label("Logged: pain 9 at 09:00.");
    drop(harness);

    let store = Store::open(dir.path()).unwrap();
    let flare_ups = store.flare_ups().unwrap();
    assert_eq!(flare_ups.len(), 1);
    assert_eq!(flare_ups[0].record.pain.get(), 9);
    assert!(store.checkins().unwrap().is_empty(), "no check-in was made");
}
