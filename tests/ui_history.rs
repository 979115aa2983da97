//! History: every kind of record listed, narrowed by kind and note, opened
//! on Today or changed in place, deleted with confirmation and undo.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, NaiveDate};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionKind};
use unknot::store::Store;
use unknot::ui::UnknotApp;

/// The heat session [`seed`] adds: Tuesday 24 November 2026, 21:15 local
/// (UTC+1), 15 minutes.
const HEAT_LABEL: &str = "the heat pack session of 2026-11-24 at 21:15";

/// `days` check-ins from Tuesday 24 November 2026 back, noted "day N", and
/// with `sessions`, a heat session and a stretching one the same Tuesday.
fn seed(dir: &std::path::Path, days: u32, sessions: bool) {
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
    if sessions {
        let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let at = |text| DateTime::parse_from_rfc3339(text).unwrap().to_utc();
        let mut heat = Session::new(SessionKind::Heat, at("2026-11-24T20:15:00Z"), tuesday, 900);
        heat.heat_type = Some("moist".to_owned());
        heat.note = "Shoulders tight after the drive".to_owned();
        store.add_session(&heat).unwrap();
        let mut stretch = Session::new(
            SessionKind::Stretch,
            at("2026-11-24T11:00:00Z"),
            tuesday,
            600,
        );
        stretch.routine = "Desk break".to_owned();
        store.add_session(&stretch).unwrap();
    }
}

fn open_history(dir: &std::path::Path) -> Harness<'static, UnknotApp> {
    let mut harness = common::harness(dir, &common::clock());
    harness
        .get_by_role_and_label(Role::Button, "History")
        .click();
    harness.run();
    harness
}

#[test]
fn years_of_history_lay_out_the_rows_in_view_open_a_day_and_follow_tab() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 1500, false);
    let mut harness = open_history(dir.path());
    harness.get_by_label("1,500 records, newest first.");
    // Only rows in view are laid out: the newest is there, the oldest is not.
    // Dates of this year leave the year out.
    assert!(harness.query_by_label("Tue 24 Nov").is_some());
    assert!(harness.query_by_label("Pain 0 · day 0").is_some());
    assert!(harness.query_by_label_contains("day 1499").is_none());

    common::click(&mut harness, "Mon 23 Nov");
    assert_eq!(harness.state().screen(), unknot::ui::Screen::Today);
    assert!(
        harness
            .query_by_label_contains("Monday 23 November 2026")
            .is_some()
    );

    common::open(&mut harness, unknot::ui::Screen::History);
    // From the search, Tab goes through each row's date, Edit and Delete,
    // bringing the rows below into view as it goes.
    common::click(&mut harness, "Search notes");
    for _ in 0..3 * 20 {
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    assert!(
        harness
            .get_by_label("Delete the check-in for 2026-11-05")
            .is_focused()
    );
}

#[test]
fn sessions_are_listed_and_narrowed_by_kind_and_by_words_in_the_note() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 3, true);
    let mut harness = open_history(dir.path());
    harness.get_by_label("5 records, newest first.");
    harness.get_by_label("Tue 24 Nov, 21:15");
    harness.get_by_label("15 minutes · Shoulders tight after the drive");
    harness.get_by_label("Desk break, 10 minutes");

    common::click(&mut harness, "Heat sessions");
    harness.get_by_label("1 of 5 records.");
    assert!(harness.query_by_label("Desk break, 10 minutes").is_none());

    common::click(&mut harness, "All records");
    common::fill(&mut harness, "Search notes", "DAY 1");
    harness.get_by_label("1 of 5 records.");
    harness.get_by_label("Pain 1 · day 1");
    assert!(harness.query_by_label("Tue 24 Nov, 21:15").is_none());

    common::click(&mut harness, "Heat sessions");
    harness.get_by_label("Nothing matches");
    common::click(&mut harness, "Clear search");
    harness.get_by_label("1 of 5 records.");
}

#[test]
fn a_session_and_a_check_in_are_changed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 2, true);
    let mut harness = open_history(dir.path());
    let before = harness.state().store().sessions_with_ids().unwrap();

    common::click(&mut harness, &format!("Edit {HEAT_LABEL}"));
    harness.get_by_label("Change the heat pack session of Tuesday 24 November 2026 at 21:15");
    common::fill(&mut harness, "Minutes of heat", "20");
    common::click(&mut harness, "Felt 3");
    common::click(&mut harness, "Save changes");
    harness.get_by_label(
        "Saved your changes to the heat pack session of Tuesday 24 November 2026 at 21:15.",
    );
    let after = harness.state().store().sessions_with_ids().unwrap();
    let (id, heat) = after
        .iter()
        .find(|(_, s)| s.kind == SessionKind::Heat)
        .unwrap();
    let (old_id, old) = before
        .iter()
        .find(|(_, s)| s.kind == SessionKind::Heat)
        .unwrap();
    assert_eq!(id, old_id);
    assert_eq!(heat.duration_secs, 20 * 60);
    assert_eq!(heat.feel_after.map(Rating::get), Some(3));
    assert_eq!((heat.started_at, &heat.note), (old.started_at, &old.note));
    assert_eq!(
        harness.state().data().sessions,
        harness.state().store().sessions().unwrap()
    );

    let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    common::click(&mut harness, "Edit the check-in for 2026-11-24");
    common::click(&mut harness, "Pain 7");
    common::click(&mut harness, "Save changes");
    let checkin = harness
        .state()
        .store()
        .checkin_on(tuesday)
        .unwrap()
        .unwrap();
    assert_eq!(checkin.pain.get(), 7);
    assert_eq!(checkin.note, "day 0");
    harness.get_by_label("Pain 7 · day 0");
}

#[test]
fn an_invalid_change_is_explained_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 1, true);
    let mut harness = open_history(dir.path());
    let before = harness.state().store().sessions_with_ids().unwrap();

    // The clock says Wednesday 09:00: a start at 09:30 today is still to come.
    common::click(&mut harness, &format!("Edit {HEAT_LABEL}"));
    common::click(&mut harness, "Day after ›");
    common::fill(&mut harness, "Started at", "09:30");
    common::click(&mut harness, "Save changes");
    harness.get_by_label("09:30 today hasn't come yet; choose a time that has passed.");
    common::fill(&mut harness, "Minutes of heat", "90");
    common::fill(&mut harness, "Started at", "07:00");
    common::click(&mut harness, "Save changes");
    harness.get_by_label_contains("90 minutes is too long for one heat session");
    assert_eq!(harness.state().store().sessions_with_ids().unwrap(), before);

    // Cancel drops what was typed.
    common::click(&mut harness, "Cancel");
    harness.get_by_label("Tue 24 Nov, 21:15");
    assert_eq!(harness.state().store().sessions_with_ids().unwrap(), before);

    // A check-in changed on Today while its editor is open is not written over.
    let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    common::click(&mut harness, "Edit the check-in for 2026-11-24");
    common::click(&mut harness, "Pain 7");
    common::open(&mut harness, unknot::ui::Screen::Today);
    common::click(&mut harness, "‹ Previous day");
    common::click(&mut harness, "Pain 2");
    common::click(&mut harness, "Update check-in");
    common::open(&mut harness, unknot::ui::Screen::History);
    common::click(&mut harness, "Save changes");
    harness.get_by_label_contains("Not saved: it was changed or deleted elsewhere");
    let checkin = harness
        .state()
        .store()
        .checkin_on(tuesday)
        .unwrap()
        .unwrap();
    assert_eq!(checkin.pain.get(), 2);
}

#[test]
fn deleting_asks_first_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 3, true);
    let mut harness = open_history(dir.path());
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    common::click(&mut harness, "Delete the check-in for 2026-11-23");
    common::click(&mut harness, "Keep it");
    assert!(harness.state().store().checkin_on(day).unwrap().is_some());

    common::click(&mut harness, "Delete the check-in for 2026-11-23");
    assert!(
        harness
            .query_by_role_and_label(Role::Dialog, "Delete this check-in?")
            .is_some()
    );
    common::click(&mut harness, "Delete");
    assert!(harness.state().store().checkin_on(day).unwrap().is_none());
    assert_eq!(harness.state().store().checkins().unwrap().len(), 2);

    common::click(&mut harness, "Undo");
    let back = harness.state().store().checkin_on(day).unwrap().unwrap();
    assert_eq!(back.note, "day 1");
    assert_eq!(harness.state().data().checkins.len(), 3);

    // A heat session comes back whole, under the same id.
    let sessions = harness.state().store().sessions_with_ids().unwrap();
    common::click(&mut harness, &format!("Delete {HEAT_LABEL}"));
    harness.get_by_role_and_label(Role::Dialog, "Delete this session?");
    common::click(&mut harness, "Delete");
    assert_eq!(
        harness.state().store().sessions_with_ids().unwrap().len(),
        1
    );
    harness.get_by_label("Deleted the heat pack session of Tuesday 24 November 2026 at 21:15.");
    common::click(&mut harness, "Undo");
    assert_eq!(
        harness.state().store().sessions_with_ids().unwrap(),
        sessions
    );
    harness.get_by_label("Tue 24 Nov, 21:15");
}

#[test]
fn one_record_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 1, false);
    let harness = open_history(dir.path());
    harness.get_by_label("1 record, newest first.");
}

#[test]
fn a_flare_up_and_an_experiment_are_listed_deleted_and_put_back_whole() {
    use unknot::domain::experiment::{Experiment, ExperimentKind};
    use unknot::domain::flare::FlareUp;
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 2, false);
    let mut store = Store::open(dir.path()).unwrap();
    let at = DateTime::parse_from_rfc3339("2026-11-24T14:30:00Z")
        .unwrap()
        .to_utc();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let flare = FlareUp {
        at,
        date: at.date_naive(),
        pain: Rating::new(7, "pain").unwrap(),
        set_off_by: "Carried the bags".to_owned(),
        helped: "Heat".to_owned(),
    };
    store.add_flare_up(&flare, at, today).unwrap();
    let experiment = Experiment {
        name: "Chin tucks".to_owned(),
        kind: ExperimentKind::Exercise,
        start: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        planned_days: 14,
        stopped_on: None,
        created_at: at,
    };
    store.start_experiment(&experiment, today).unwrap();
    drop(store);
    let mut harness = open_history(dir.path());
    harness.get_by_label_contains("set off by: Carried the bags");
    common::click(&mut harness, "Flare-ups");
    assert!(
        harness.query_by_label_contains("day 1").is_none(),
        "only flare-ups"
    );
    // Changed in the form it was logged with: pain 8, the rest as it was.
    common::click(&mut harness, "Edit the flare-up of 2026-11-24 at 15:30");
    common::click(&mut harness, "Flare-up pain 8");
    common::click(&mut harness, "Save changes");
    let changed = harness.state().store().flare_ups().unwrap();
    assert_eq!(changed[0].record.pain.get(), 8);
    assert_eq!(changed[0].record.at, at, "the time kept to the second");
    assert_eq!(changed[0].record.set_off_by, "Carried the bags");
    let before = changed;
    common::click(&mut harness, "Delete the flare-up of 2026-11-24 at 15:30");
    harness.get_by_role_and_label(Role::Dialog, "Delete this flare-up?");
    common::click(&mut harness, "Delete");
    assert!(harness.state().store().flare_ups().unwrap().is_empty());
    common::click(&mut harness, "Undo");
    assert_eq!(
        harness.state().store().flare_ups().unwrap(),
        before,
        "same id and uid"
    );

    common::click(&mut harness, "Experiments and days off");
    harness.get_by_label_contains("\"Chin tucks\", exercise, 14 days planned");
    // Changed in the fields that started it: a clearer name, 28 days.
    common::click(
        &mut harness,
        "Edit the experiment \"Chin tucks\" from 2026-11-20",
    );
    common::fill(&mut harness, "What are you trying?", "  ");
    common::click(&mut harness, "Save changes");
    harness.get_by_label_contains("needs a name");
    common::fill(
        &mut harness,
        "What are you trying?",
        "Chin tucks every hour",
    );
    common::click(&mut harness, "28 days");
    common::click(&mut harness, "Save changes");
    let changed = harness.state().store().experiments().unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].record.name, "Chin tucks every hour");
    assert_eq!(changed[0].record.planned_days, 28);
    assert_eq!(changed[0].record.start, experiment.start);
    assert_eq!(changed[0].record.created_at, experiment.created_at);
    harness.get_by_label_contains("\"Chin tucks every hour\", exercise, 28 days planned");
    common::click(
        &mut harness,
        "Delete the experiment \"Chin tucks every hour\" from 2026-11-20",
    );
    common::click(&mut harness, "Delete");
    assert!(harness.state().store().experiments().unwrap().is_empty());
}

#[test]
fn days_off_are_changed_in_the_fields_they_were_marked_with() {
    use unknot::domain::days_off::{DaysOff, Reason};
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 2, false);
    let mut store = Store::open(dir.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let created_at = DateTime::parse_from_rfc3339("2026-11-20T08:00:00Z")
        .unwrap()
        .to_utc();
    for (first, last) in [(day(1), day(3)), (day(7), day(9))] {
        let range = DaysOff {
            first,
            last,
            reason: Reason::Holiday,
            created_at,
        };
        store.add_days_off(&range, today).unwrap();
    }
    let before = store.days_off().unwrap();
    drop(store);
    let mut harness = open_history(dir.path());
    common::click(&mut harness, "Experiments and days off");

    // One day longer and sick instead of on holiday: same record, same uid.
    common::click(
        &mut harness,
        "Edit the days off from 2026-12-01 to 2026-12-03",
    );
    common::click(&mut harness, "Later last day off");
    common::click(&mut harness, "Sick");
    common::click(&mut harness, "Save changes");
    let after = harness.state().store().days_off().unwrap();
    let changed = after.iter().find(|d| d.id == before[0].id).unwrap();
    assert_eq!(changed.uid, before[0].uid);
    assert_eq!(
        (changed.record.first, changed.record.last),
        (day(1), day(4))
    );
    assert_eq!(changed.record.reason, Reason::Sick);
    assert_eq!(changed.record.created_at, created_at);

    // Reaching into the next range is refused in the form; nothing is written.
    common::click(
        &mut harness,
        "Edit the days off from 2026-12-01 to 2026-12-04",
    );
    for _ in 0..3 {
        common::click(&mut harness, "Later last day off");
    }
    common::click(&mut harness, "Save changes");
    harness.get_by_label_contains("are already marked as days off");
    assert_eq!(harness.state().store().days_off().unwrap(), after);
    common::click(&mut harness, "Cancel");
    assert_eq!(harness.state().store().days_off().unwrap(), after);
}

/// In a small window an editor opens at its top, wherever the last one was
/// left scrolled.
#[test]
fn an_editor_opens_at_its_top() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), 2, true);
    let mut harness = open_history(dir.path());
    harness.set_size(egui::vec2(700.0, 500.0) / 1.5);
    harness.run();
    harness.run();
    let title = "Change the heat pack session of Tuesday 24 November 2026 at 21:15";
    common::click(&mut harness, &format!("Edit {HEAT_LABEL}"));
    // Scrolled down to its buttons, then left.
    for _ in 0..10 {
        harness.get_by_label("Save changes").scroll_down();
        harness.run();
    }
    assert!(harness.get_by_label(title).rect().max.y < 0.0);
    common::click(&mut harness, "Cancel");
    common::click(&mut harness, &format!("Edit {HEAT_LABEL}"));
    harness.run();
    let top = harness.get_by_label(title).rect();
    assert!(top.min.y >= 0.0, "the editor's title lies at {top:?}");
}
