//! The store round-trips what it is given and refuses, without writing,
//! files it must not touch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, Utc};
use unknot::domain::checklist::{Answer, ChecklistAnswer};
use unknot::domain::pain::{Area, CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionExercise, SessionKind};
use unknot::store::{DB_FILE_NAME, InstanceLock, LockError, Store, StoreError, migrations};

#[path = "store/what_helps.rs"]
mod what_helps;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn checkin(day: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date: day,
        recorded_at: at("2026-11-20T08:30:00Z"),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: Some(Rating::new(4, "stress").unwrap()),
        areas: vec![Area::Neck, Area::BetweenShoulderBlades],
        red_flags: RedFlags {
            fever: true,
            ..RedFlags::default()
        },
        note: "long call, \"tight\" shoulders, 😬".to_owned(),
    }
}

#[test]
fn migrations_are_valid() {
    migrations().unwrap().validate().unwrap();
}

#[test]
fn open_creates_the_database_with_the_expected_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let store = Store::open(&data).unwrap();
    assert_eq!(store.path(), data.join(DB_FILE_NAME));
    assert!(data.join(DB_FILE_NAME).exists());
    store.integrity_check().unwrap();
    drop(store);

    let conn = rusqlite::Connection::open(data.join(DB_FILE_NAME)).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, unknot::store::schema_version());
}

#[test]
fn checkins_round_trip_and_one_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let first = checkin(date(2026, 11, 20), 6);
    store.save_checkin(&first).unwrap();
    assert_eq!(store.checkin_on(date(2026, 11, 20)).unwrap(), Some(first));

    let mut again = checkin(date(2026, 11, 20), 3);
    again.red_flags = RedFlags::default();
    again.areas = vec![];
    again.stress = None;
    store.save_checkin(&again).unwrap();
    store.save_checkin(&checkin(date(2026, 11, 19), 8)).unwrap();

    let all = store.checkins().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].date, date(2026, 11, 19));
    assert_eq!(all[1], again);
    drop(store);

    // Reopening reads the same rows back.
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store
            .checkin_on(date(2026, 11, 20))
            .unwrap()
            .unwrap()
            .pain
            .get(),
        3
    );
}

#[test]
fn the_schema_refuses_an_out_of_range_pain_even_from_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE_NAME)).unwrap();
    let result = conn.execute(
        "INSERT INTO checkins (local_date, recorded_at, pain) VALUES ('2026-11-01', 'x', 11)",
        [],
    );
    assert!(result.is_err());
}

#[test]
fn sessions_round_trip_with_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut s = Session::new(
        SessionKind::Stretch,
        at("2026-11-20T14:00:00Z"),
        date(2026, 11, 20),
        185,
    );
    s.routine = "Desk break".to_owned();
    s.feel_after = Some(Rating::new(2, "feel").unwrap());
    s.exercises = vec![
        SessionExercise {
            exercise: "cat_cow".to_owned(),
            holds_done: 3,
            holds_planned: 3,
        },
        SessionExercise {
            exercise: "thread_the_needle".to_owned(),
            holds_done: 1,
            holds_planned: 2,
        },
    ];
    store.add_session(&s).unwrap();
    let mut heat = Session::new(
        SessionKind::Heat,
        at("2026-11-21T18:00:00Z"),
        date(2026, 11, 21),
        1800,
    );
    heat.capped = true;
    heat.heat_type = Some("moist".to_owned());
    store.add_session(&heat).unwrap();

    assert_eq!(store.sessions().unwrap(), vec![s.clone(), heat.clone()]);
    assert_eq!(
        store
            .sessions_between(date(2026, 11, 21), date(2026, 11, 30))
            .unwrap(),
        vec![heat.clone()]
    );
    // Importing the same sessions again adds nothing.
    assert_eq!(store.insert_new_sessions(&[s, heat]).unwrap(), 0);
}

#[test]
fn feel_after_can_be_set_and_cleared_on_a_saved_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let s = Session::new(
        SessionKind::Heat,
        at("2026-11-20T18:00:00Z"),
        date(2026, 11, 20),
        900,
    );
    let id = store.add_session(&s).unwrap();
    let three = Rating::new(3, "feel").unwrap();
    store.set_session_feel_after(id, Some(three)).unwrap();
    assert_eq!(store.sessions().unwrap()[0].feel_after, Some(three));
    store.set_session_feel_after(id, None).unwrap();
    assert_eq!(store.sessions().unwrap()[0].feel_after, None);
    let err = store
        .set_session_feel_after(id + 1, Some(three))
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
}

#[test]
fn a_session_can_be_changed_deleted_and_put_back_under_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut stretch = Session::new(
        SessionKind::Stretch,
        at("2026-11-20T14:00:00Z"),
        date(2026, 11, 20),
        600,
    );
    stretch.exercises = vec![SessionExercise {
        exercise: "cat_cow".to_owned(),
        holds_done: 3,
        holds_planned: 3,
    }];
    let stretch_id = store.add_session(&stretch).unwrap();
    let heat = Session::new(
        SessionKind::Heat,
        at("2026-11-21T18:00:00Z"),
        date(2026, 11, 21),
        900,
    );
    let heat_id = store.add_session(&heat).unwrap();

    // Every field changes, the exercises are replaced, and the id stays.
    let mut changed = stretch.clone();
    changed.kind = SessionKind::Strength;
    changed.started_at = at("2026-11-19T07:30:00Z");
    changed.date = date(2026, 11, 19);
    changed.duration_secs = 1200;
    changed.feel_after = Some(Rating::new(2, "feel").unwrap());
    changed.note = "Rows with the band".to_owned();
    changed.exercises.clear();
    store.update_session(stretch_id, &changed).unwrap();
    assert_eq!(
        store.sessions_with_ids().unwrap(),
        vec![(stretch_id, changed.clone()), (heat_id, heat.clone())]
    );

    // A start another heat session has, an unknown id and a bad session
    // are refused with nothing written.
    let mut clash = changed.clone();
    clash.kind = SessionKind::Heat;
    clash.started_at = heat.started_at;
    clash.date = heat.date;
    let err = store.update_session(stretch_id, &clash).unwrap_err();
    assert!(err.to_string().contains("already in your log"), "{err}");
    assert!(store.update_session(heat_id + 1, &heat).is_err());
    let mut too_long = changed.clone();
    too_long.duration_secs = 5 * 3600;
    assert!(store.update_session(stretch_id, &too_long).is_err());
    assert_eq!(
        store.sessions().unwrap(),
        vec![changed.clone(), heat.clone()]
    );

    // Deleted and put back: the same session under the same id.
    stretch.exercises.push(SessionExercise {
        exercise: "thread_the_needle".to_owned(),
        holds_done: 1,
        holds_planned: 2,
    });
    store.update_session(stretch_id, &stretch).unwrap();
    assert!(store.delete_session(stretch_id).unwrap());
    assert!(!store.delete_session(stretch_id).unwrap());
    assert_eq!(store.sessions().unwrap(), vec![heat.clone()]);
    assert_eq!(
        store.put_back_session(stretch_id, &stretch).unwrap(),
        stretch_id
    );
    assert_eq!(
        store.sessions_with_ids().unwrap(),
        vec![(stretch_id, stretch.clone()), (heat_id, heat.clone())]
    );

    // Once its id is taken, a session comes back under a new one; one
    // whose start is taken again does not come back at all.
    assert!(store.delete_session(heat_id).unwrap());
    let newer = Session::new(
        SessionKind::Massage,
        at("2026-11-22T18:00:00Z"),
        date(2026, 11, 22),
        300,
    );
    assert_eq!(store.add_session(&newer).unwrap(), heat_id);
    let back_id = store.put_back_session(heat_id, &heat).unwrap();
    assert_ne!(back_id, heat_id);
    assert!(store.put_back_session(99, &heat).is_err());
    assert_eq!(store.sessions().unwrap(), vec![stretch, heat, newer]);
}

#[test]
fn a_session_over_four_hours_is_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let s = Session::new(
        SessionKind::Massage,
        at("2026-11-20T14:00:00Z"),
        date(2026, 11, 20),
        5 * 3600,
    );
    let err = store.add_session(&s).unwrap_err();
    assert!(err.to_string().contains("4 hours"), "{err}");
    assert!(store.sessions().unwrap().is_empty());
}

#[test]
fn checklist_answers_and_settings_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let answer = ChecklistAnswer {
        item: "monitor_height".to_owned(),
        answer: Answer::NotYet,
        answered_on: date(2026, 11, 2),
    };
    store.save_checklist_answer(&answer).unwrap();
    store
        .save_checklist_answer(&ChecklistAnswer {
            answer: Answer::Yes,
            ..answer.clone()
        })
        .unwrap();
    let answers = store.checklist_answers().unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].answer, Answer::Yes);

    assert_eq!(store.setting("theme").unwrap(), None);
    store.set_setting("theme", "light").unwrap();
    store.set_setting("theme", "dark").unwrap();
    assert_eq!(store.setting("theme").unwrap().as_deref(), Some("dark"));
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        // Every Unknot that knows a schema past 1 writes its application id.
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
        conn.pragma_update(None, "application_id", unknot::store::APPLICATION_ID)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("newer version"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("unknot.sqlite3-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    let junk = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for day in 1..=28 {
            let mut c = checkin(date(2026, 2, day), 5);
            c.note = "x".repeat(1500);
            store.save_checkin(&c).unwrap();
        }
    }
    let path = dir.path().join(DB_FILE_NAME);
    // Fold the WAL into the main file, then scribble over a page in the middle.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 6 * page);
    for b in &mut bytes[3 * page..4 * page] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        ),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_second_instance_is_refused_while_the_first_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let first = InstanceLock::acquire(dir.path()).unwrap();
    let err = InstanceLock::acquire(dir.path()).unwrap_err();
    assert!(matches!(err, LockError::AlreadyRunning { .. }));
    assert!(err.to_string().contains("already running"));
    drop(first);
    InstanceLock::acquire(dir.path()).unwrap();
}
