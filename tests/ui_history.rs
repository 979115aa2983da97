//! History: the list, opening a day, deleting with confirmation and undo.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::store::Store;

fn seed(dir: &std::path::Path, days: u32) {
    let mut store = Store::open(dir).unwrap();
    let list: Vec<CheckIn> = (0..days)
        .map(|i| CheckIn {
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap() - chrono::Days::new(u64::from(i)),
            recorded_at: chrono::DateTime::from_timestamp(1_764_000_000, 0).unwrap(),
            pain: Rating::new(i64::from(i % 11), "pain").unwrap(),
            stress: None,
            areas: vec![],
            red_flags: RedFlags::default(),
            note: format!("day {i}"),
        })
        .collect();
    store.insert_new_checkins(&list).unwrap();
}

fn open_history(harness: &mut egui_kittest::Harness<'static, unknot::ui::UnknotApp>) {
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    harness.run();
}

#[test]
fn years_of_history_show_the_newest_rows_and_open_a_day() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 1500);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_history(&mut harness);
    assert!(
        harness
            .query_by_label("1500 check-ins. Open a day to change it.")
            .is_some()
    );
    // Only rows in view are laid out: the newest is there, the oldest is not.
    assert!(harness.query_by_label("Tue 24 Nov 2026").is_some());
    assert!(harness.query_by_label("day 1499").is_none());

    common::click(&mut harness, "Mon 23 Nov 2026");
    assert_eq!(harness.state().screen(), unknot::ui::Screen::Today);
    assert!(
        harness
            .query_by_label_contains("Monday 23 November 2026")
            .is_some()
    );
}

#[test]
fn deleting_asks_first_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 3);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_history(&mut harness);
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    common::click(&mut harness, "Delete the check-in for 2026-11-23");
    common::click(&mut harness, "Keep it");
    assert!(harness.state().store().checkin_on(day).unwrap().is_some());

    common::click(&mut harness, "Delete the check-in for 2026-11-23");
    assert!(harness.query_by_label("Delete this check-in?").is_some());
    common::click(&mut harness, "Delete");
    assert!(harness.state().store().checkin_on(day).unwrap().is_none());
    assert_eq!(harness.state().store().checkins().unwrap().len(), 2);

    common::click(&mut harness, "Undo");
    let back = harness.state().store().checkin_on(day).unwrap().unwrap();
    assert_eq!(back.note, "day 1");
    assert_eq!(harness.state().data().checkins.len(), 3);
}

#[test]
fn one_check_in_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 1);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_history(&mut harness);
    harness.get_by_label("1 check-in. Open a day to change it.");
}
