//! Flare-ups, days off, experiments, the function check and the checklist's
//! history, through the store, and an upgrade from the first schema.

use chrono::{DateTime, Utc};
use unknot::domain::checklist::{Answer, ChecklistAnswer};
use unknot::domain::days_off::{DaysOff, Reason};
use unknot::domain::experiment::{Experiment, ExperimentKind};
use unknot::domain::flare::FlareUp;
use unknot::domain::pain::Rating;
use unknot::store::{DB_FILE_NAME, Store, migrations};

use super::{at, checkin, date};

fn now() -> DateTime<Utc> {
    at("2026-11-25T12:00:00Z")
}

fn flare(pain: i64, when: &str) -> FlareUp {
    let at = at(when);
    FlareUp {
        at,
        date: at.date_naive(),
        pain: Rating::new(pain, "pain").unwrap(),
        set_off_by: "long call".into(),
        helped: String::new(),
    }
}

fn experiment(name: &str, start: (u32, u32)) -> Experiment {
    Experiment {
        name: name.into(),
        kind: ExperimentKind::Exercise,
        start: date(2026, start.0, start.1),
        planned_days: 14,
        stopped_on: None,
        created_at: now(),
    }
}

#[test]
fn a_flare_up_is_changed_deleted_and_put_back_with_its_identity() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let today = date(2026, 11, 25);
    let first = store
        .add_flare_up(&flare(7, "2026-11-25T10:00:00Z"), now(), today)
        .unwrap();
    store
        .add_flare_up(&flare(5, "2026-11-25T09:00:00Z"), now(), today)
        .unwrap();
    assert_eq!(first.uid.len(), 32);
    let future = store.add_flare_up(&flare(5, "2026-11-25T13:00:00Z"), now(), today);
    assert!(future.unwrap_err().to_string().contains("in the future"));

    let mut changed = first.record.clone();
    changed.pain = Rating::new(8, "pain").unwrap();
    store
        .update_flare_up(first.id, &changed, now(), today)
        .unwrap();
    let listed = store.flare_ups().unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|f| f.record.pain.get())
            .collect::<Vec<_>>(),
        [5, 8],
        "oldest first"
    );
    let kept = listed[1].clone();
    assert!(store.delete_flare_up(kept.id).unwrap());
    assert_eq!(store.put_back_flare_up(&kept).unwrap(), kept.id);
    assert_eq!(
        store.flare_ups().unwrap()[1],
        kept,
        "same id, uid and values"
    );
}

#[test]
fn days_off_never_share_a_day_and_experiment_names_never_share_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let today = date(2026, 11, 25);
    let range = |from: u32, to: u32| DaysOff {
        first: date(2026, 12, from),
        last: date(2026, 12, to),
        reason: Reason::Holiday,
        created_at: now(),
    };
    let holiday = store.add_days_off(&range(20, 31), today).unwrap();
    let clash = store.add_days_off(&range(18, 20), today).unwrap_err();
    assert!(clash.to_string().contains("already marked"), "{clash}");
    store.delete_days_off(holiday.id).unwrap();
    store.add_days_off(&range(18, 20), today).unwrap();
    let back = store.put_back_days_off(&holiday).unwrap_err();
    assert!(back.to_string().contains("since"), "{back}");
    assert_eq!(store.days_off().unwrap().len(), 1);

    store
        .start_experiment(&experiment("Chin tucks", (11, 1)), today)
        .unwrap();
    let again = store
        .start_experiment(&experiment("chin tucks ", (11, 10)), today)
        .unwrap_err();
    assert!(again.to_string().contains("already runs"), "{again}");
    // The same name over other days is another experiment.
    store
        .start_experiment(&experiment("Chin tucks", (11, 20)), today)
        .unwrap();
    let stopped = store.stop_experiment("CHIN TUCKS", today, today).unwrap();
    assert_eq!(stopped.record.start, date(2026, 11, 20), "the one running");
    let listed = store.experiments().unwrap();
    assert_eq!(listed[1].record.stopped_on, Some(today));
    assert_eq!(listed[0].record.stopped_on, None);
    let none = store
        .stop_experiment("Chin tucks", today, today)
        .unwrap_err();
    assert!(none.to_string().contains("not running"), "{none}");
}

#[test]
fn the_function_check_keeps_three_activities_and_one_score_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let today = date(2026, 11, 25);
    let names = ["Meetings", "Driving", "Carrying shopping"];
    let uids: Vec<String> = names
        .iter()
        .map(|n| store.add_function_activity(n, today).unwrap().uid)
        .collect();
    let fourth = store.add_function_activity("Cycling", today).unwrap_err();
    assert!(fourth.to_string().contains("already 3"), "{fourth}");
    let score = |n| Rating::new(n, "score").unwrap();
    store
        .save_function_check(today, now(), &[(uids[0].clone(), score(4))], today)
        .unwrap();
    store
        .save_function_check(today, now(), &[(uids[0].clone(), score(6))], today)
        .unwrap();
    let ratings = store.function_ratings().unwrap();
    assert_eq!(ratings.len(), 1, "one score per activity and day");
    assert_eq!(ratings[0].record.score.get(), 6);
    let nothing = store
        .save_function_check(today, now(), &[], today)
        .unwrap_err();
    assert!(nothing.to_string().contains("at least one"), "{nothing}");

    store.retire_function_activity(&uids[1], today).unwrap();
    store.add_function_activity("Cycling", today).unwrap();
    let active: Vec<String> = store
        .function_activities()
        .unwrap()
        .into_iter()
        .filter(|a| a.is_active())
        .map(|a| a.name)
        .collect();
    assert_eq!(active, ["Meetings", "Carrying shopping", "Cycling"]);

    // Putting one back needs room on the list, and a name not on it.
    let full = store.put_back_function_activity(&uids[1]).unwrap_err();
    assert!(full.to_string().contains("already 3"), "{full}");
    store.retire_function_activity(&uids[0], today).unwrap();
    store.put_back_function_activity(&uids[1]).unwrap();
    let twice = store.put_back_function_activity(&uids[1]).unwrap_err();
    assert!(twice.to_string().contains("not off the list"), "{twice}");
    store.retire_function_activity(&uids[1], today).unwrap();
    store.add_function_activity("Meetings", today).unwrap();
    let cycling = store
        .function_activities()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Cycling")
        .unwrap();
    store.retire_function_activity(&cycling.uid, today).unwrap();
    let same_name = store.put_back_function_activity(&uids[0]).unwrap_err();
    assert!(
        same_name.to_string().contains("already on the list"),
        "{same_name}"
    );
    let driving = store
        .function_activities()
        .unwrap()
        .into_iter()
        .find(|a| a.uid == uids[1])
        .unwrap();
    assert_eq!(driving.retired_on, Some(today));
}

#[test]
fn the_checklist_keeps_every_change_of_answer_with_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let answer = |a, d| ChecklistAnswer {
        item: "monitor_height".into(),
        answer: a,
        answered_on: date(2026, 11, d),
    };
    store
        .save_checklist_answer(&answer(Answer::NotYet, 2))
        .unwrap();
    store
        .save_checklist_answer(&answer(Answer::Yes, 9))
        .unwrap();
    store
        .save_checklist_answer(&answer(Answer::Yes, 10))
        .unwrap();
    let history = store.checklist_history().unwrap();
    assert_eq!(
        history,
        [answer(Answer::NotYet, 2), answer(Answer::Yes, 9)],
        "the same answer again is no change"
    );
    assert_eq!(
        store.checklist_answers().unwrap(),
        [answer(Answer::Yes, 10)]
    );
}

#[test]
fn a_first_schema_file_gets_uids_and_its_answers_start_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().unwrap().to_version(&mut conn, 1).unwrap();
        conn.pragma_update(None, "application_id", unknot::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO checkins (local_date, recorded_at, pain) VALUES \
               ('2026-11-01', '2026-11-01T20:00:00Z', 5), ('2026-11-02', '2026-11-02T20:00:00Z', 4); \
             INSERT INTO sessions (kind, started_at, local_date, duration_secs) VALUES \
               ('heat', '2026-11-01T18:00:00Z', '2026-11-01', 900); \
             INSERT INTO checklist_answers VALUES ('monitor_height', 'yes', '2026-10-30');",
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.checkins().unwrap().len(), 2);
    assert_eq!(store.checklist_history().unwrap().len(), 1);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let uids: Vec<String> = conn
        .prepare("SELECT uid FROM checkins UNION ALL SELECT uid FROM sessions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(uids.len(), 3);
    assert!(
        uids.iter()
            .all(|u| u.len() == 32 && u.chars().all(|c| c.is_ascii_hexdigit()))
    );
    assert_ne!(uids[0], uids[1]);
    // A record added after the upgrade gets one too.
    let mut store = Store::open(dir.path()).unwrap();
    store.save_checkin(&checkin(date(2026, 11, 3), 3)).unwrap();
    let missing: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM checkins WHERE uid IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(missing, 0);
}

#[test]
fn an_import_keeps_the_rules_that_span_records_or_adds_nothing() {
    use unknot::domain::function_check::Activity;
    use unknot::domain::keyed::{Keyed, RecordSet};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let today = date(2026, 11, 25);
    store
        .start_experiment(&experiment("Chin tucks", (11, 1)), today)
        .unwrap();
    let clash = RecordSet {
        checkins: vec![Keyed::unkeyed(checkin(date(2026, 11, 2), 4))],
        experiments: vec![Keyed::new("a1", experiment("chin tucks", (11, 5)))],
        ..RecordSet::default()
    };
    let error = store.import(&clash).unwrap_err();
    assert!(error.to_string().contains("already runs"), "{error}");
    assert!(store.checkins().unwrap().is_empty(), "all or nothing");

    let activity = |uid: &str| Activity {
        uid: uid.into(),
        name: format!("Activity {uid}"),
        added_on: today,
        retired_on: None,
    };
    store.add_function_activity("Meetings", today).unwrap();
    let too_many = RecordSet {
        activities: vec![activity("b1"), activity("b2"), activity("b3")],
        ..RecordSet::default()
    };
    let error = store.import(&too_many).unwrap_err();
    assert!(error.to_string().contains("at most 3"), "{error}");
    assert_eq!(store.function_activities().unwrap().len(), 1);
}
