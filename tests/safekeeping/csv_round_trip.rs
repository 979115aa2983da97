//! Every kind of record through CSV export and import, the real binary's
//! and the library's, and through a backup and its restore: uids travel,
//! a second import adds nothing, and a bad row stops everything.

use chrono::{DateTime, NaiveDate, Utc};
use unknot::csv_files::{self, EXPORT_FILES};
use unknot::domain::checklist::{Answer, ChecklistAnswer};
use unknot::domain::days_off::{DaysOff, Reason};
use unknot::domain::experiment::{Experiment, ExperimentKind};
use unknot::domain::flare::FlareUp;
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionExercise, SessionKind};
use unknot::store::Store;

use super::run::{ok, unknot};

fn path(dir: &tempfile::TempDir) -> &str {
    dir.path().to_str().unwrap()
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// The day the records below are made on.
fn today() -> NaiveDate {
    date(11, 30)
}

fn rating(n: i64) -> Rating {
    Rating::new(n, "rating").unwrap()
}

/// Two or more records of every kind, made as the window makes them. Some
/// share a moment (a heat and a stretch session, two flare-ups), so their
/// order rests on the tie-break; one instant has milliseconds.
fn fill_every_kind(store: &mut Store) {
    let now = at("2026-11-30T18:00:00Z");
    for (day, note) in [(2, "=tight, after a \"long\" drive"), (3, "")] {
        store
            .save_checkin(&CheckIn {
                date: date(11, day),
                recorded_at: at(&format!("2026-11-{day:02}T08:15:00Z")),
                pain: rating(i64::from(day)),
                stress: None,
                areas: vec![],
                red_flags: RedFlags::default(),
                note: note.to_owned(),
            })
            .unwrap();
    }
    for kind in [SessionKind::Heat, SessionKind::Stretch] {
        let mut s = Session::new(kind, at("2026-11-02T17:00:00Z"), date(11, 2), 600);
        s.note = "+ felt looser".to_owned();
        s.exercises = vec![SessionExercise {
            exercise: "cat_cow".to_owned(),
            holds_done: 2,
            holds_planned: 3,
        }];
        store.add_session(&s).unwrap();
    }
    store
        .save_checklist_answer(&ChecklistAnswer {
            item: "monitor_height".to_owned(),
            answer: Answer::NotYet,
            answered_on: date(11, 4),
        })
        .unwrap();
    for (set_off_by, helped) in [("@ the gym, lifting", "heat\r\nand rest"), ("", "")] {
        let flare_up = FlareUp {
            at: at("2026-11-05T15:04:05.678Z"),
            date: date(11, 5),
            pain: rating(7),
            set_off_by: set_off_by.to_owned(),
            helped: helped.to_owned(),
        };
        store.add_flare_up(&flare_up, now, today()).unwrap();
    }
    for (first, last, reason) in [
        (date(11, 10), date(11, 12), Reason::Sick),
        (date(12, 20), date(12, 27), Reason::Holiday),
    ] {
        let days_off = DaysOff {
            first,
            last,
            reason,
            created_at: now,
        };
        store.add_days_off(&days_off, today()).unwrap();
    }
    for (name, kind, start) in [
        ("Chin tucks, hourly", ExperimentKind::Exercise, date(11, 1)),
        ("-Monitor higher", ExperimentKind::Workstation, date(11, 20)),
    ] {
        let experiment = Experiment {
            name: name.to_owned(),
            kind,
            start,
            planned_days: 14,
            stopped_on: None,
            created_at: now,
        };
        store.start_experiment(&experiment, today()).unwrap();
    }
    store
        .stop_experiment("-monitor higher", date(11, 28), today())
        .unwrap();
    let driving = store.add_function_activity("Driving", date(11, 1)).unwrap();
    let desk = store
        .add_function_activity("Two hours at the desk", date(11, 1))
        .unwrap();
    let scores = [
        (driving.uid.clone(), rating(4)),
        (desk.uid.clone(), rating(3)),
    ];
    store
        .save_function_check(date(11, 13), now, &scores, today())
        .unwrap();
    let scores = [(driving.uid.clone(), rating(6))];
    store
        .save_function_check(date(11, 20), now, &scores, today())
        .unwrap();
    store.retire_function_activity(&desk.uid, today()).unwrap();
}

/// How many records of each kind the store holds, as its normal reads give
/// them.
fn counts(store: &Store) -> [usize; 8] {
    [
        store.checkins().unwrap().len(),
        store.sessions().unwrap().len(),
        store.checklist_answers().unwrap().len(),
        store.flare_ups().unwrap().len(),
        store.days_off().unwrap().len(),
        store.experiments().unwrap().len(),
        store.function_activities().unwrap().len(),
        store.function_ratings().unwrap().len(),
    ]
}

const FILLED: [usize; 8] = [2, 2, 1, 2, 2, 2, 2, 3];

#[test]
fn every_kind_exports_imports_and_exports_again_to_the_same_bytes() {
    let source = tempfile::tempdir().unwrap();
    fill_every_kind(&mut Store::open(source.path()).unwrap());
    let first = tempfile::tempdir().unwrap();
    ok(&unknot(source.path(), &["export", "--out", path(&first)]));

    let exported = csv_files::read_dir(first.path(), today()).unwrap();
    assert_eq!(exported.len(), FILLED.iter().sum::<usize>());
    let uids: Vec<Option<&String>> = exported
        .checkins
        .iter()
        .map(|k| k.uid.as_ref())
        .chain(exported.sessions.iter().map(|k| k.uid.as_ref()))
        .chain(exported.flare_ups.iter().map(|k| k.uid.as_ref()))
        .chain(exported.days_off.iter().map(|k| k.uid.as_ref()))
        .chain(exported.experiments.iter().map(|k| k.uid.as_ref()))
        .chain(exported.function_ratings.iter().map(|k| k.uid.as_ref()))
        .collect();
    assert!(
        uids.iter().all(|uid| uid.is_some_and(|u| u.len() == 32)),
        "every record is exported with the uid the store gave it: {uids:?}"
    );

    let target = tempfile::tempdir().unwrap();
    let said = ok(&unknot(target.path(), &["import", path(&first)]));
    assert_eq!(
        said.trim(),
        "Added 2 check-ins, 2 sessions, 1 checklist answer, 2 flare-ups, \
         2 ranges of days off, 2 experiments, 2 function-check activities and \
         3 function-check scores."
    );
    let second = tempfile::tempdir().unwrap();
    ok(&unknot(target.path(), &["export", "--out", path(&second)]));
    for name in EXPORT_FILES {
        assert_eq!(
            std::fs::read(first.path().join(name)).unwrap(),
            std::fs::read(second.path().join(name)).unwrap(),
            "{name} differs after a round trip"
        );
    }

    // The same folder again: everything is recognised by its uid.
    let mut store = Store::open(target.path()).unwrap();
    let again = store.import(&exported).unwrap();
    assert_eq!(again.added(), 0, "{again:?}");
    assert_eq!(again.skipped, exported.len());
    assert_eq!(counts(&store), FILLED);
}

#[test]
fn an_export_from_before_uids_imports_once_and_then_is_recognised() {
    let old = tempfile::tempdir().unwrap();
    std::fs::write(
        old.path().join("checkins.csv"),
        "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n\
         2026-10-01,2026-10-01T08:00:00Z,4,,neck,0,0,0,fine\r\n\
         2026-10-02,2026-10-02T08:00:00.25Z,5,2,,0,0,0,\r\n",
    )
    .unwrap();
    std::fs::write(
        old.path().join("sessions.csv"),
        "kind,started_at,date,duration_secs,routine,heat_type,area,capped,feel_after,note,exercises\r\n\
         stretch,2026-10-01T17:00:00.5Z,2026-10-01,300,desk_break,,,0,,,cat_cow:3/3\r\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let said = ok(&unknot(data.path(), &["import", path(&old)]));
    assert_eq!(
        said.trim(),
        "Added 2 check-ins, 1 session and 0 checklist answers."
    );
    let said = ok(&unknot(data.path(), &["import", path(&old)]));
    assert_eq!(
        said.trim(),
        "Added 0 check-ins, 0 sessions and 0 checklist answers; skipped 3 already in Unknot.",
        "matched by day and by kind and start, whatever the fractions of a second"
    );

    // A new export of them carries the uids they were given, and is
    // recognised by them.
    let new = tempfile::tempdir().unwrap();
    ok(&unknot(data.path(), &["export", "--out", path(&new)]));
    let exported = csv_files::read_dir(new.path(), today()).unwrap();
    assert!(exported.checkins.iter().all(|k| k.uid.is_some()));
    assert!(exported.sessions.iter().all(|k| k.uid.is_some()));
    let mut store = Store::open(data.path()).unwrap();
    assert_eq!(store.import(&exported).unwrap().added(), 0);
    assert_eq!(counts(&store), [2, 1, 0, 0, 0, 0, 0, 0]);
}

#[test]
fn a_bad_row_in_a_newer_file_imports_nothing_and_names_its_place() {
    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(folder.path().join(name), text).unwrap();
    write(
        "checkins.csv",
        "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note,uid\r\n\
         2026-10-01,2026-10-01T08:00:00Z,4,,,0,0,0,,c1\r\n",
    );
    write(
        "flare_ups.csv",
        "uid,at,date,pain,set_off_by,helped\r\n\
         f1,2026-10-01T08:00:00Z,2026-10-01,5,,\r\n\
         f2,2026-10-01T09:00:00Z,2026-10-01,12,,\r\n",
    );
    write(
        "days_off.csv",
        "uid,first_day,last_day,reason,created_at\r\n\
         d1,2026-10-05,2026-10-03,sick,2026-10-01T08:00:00Z\r\n",
    );
    write(
        "function_ratings.csv",
        "uid,activity_uid,date,rated_at,score\r\n\
         r1,a 1,2026-10-01,2026-10-01T08:00:00Z,5\r\n",
    );
    let data = tempfile::tempdir().unwrap();
    let out = unknot(data.path(), &["import", path(&folder)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for expected in [
        "flare_ups.csv, line 3, column pain: ",
        "days_off.csv, line 2, column last_day: the days off would end on 2026-10-03",
        "function_ratings.csv, line 2, column activity_uid: \"a 1\" is not a uid",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
    assert_eq!(counts(&Store::open(data.path()).unwrap()), [0; 8]);

    // A score for an activity neither the folder nor the store has: the
    // store refuses the whole import.
    write(
        "flare_ups.csv",
        "uid,at,date,pain,set_off_by,helped\r\nf1,2026-10-01T08:00:00Z,2026-10-01,5,,\r\n",
    );
    std::fs::remove_file(folder.path().join("days_off.csv")).unwrap();
    write(
        "function_ratings.csv",
        "uid,activity_uid,date,rated_at,score\r\n\
         r1,a1,2026-10-01,2026-10-01T08:00:00Z,5\r\n",
    );
    let out = unknot(data.path(), &["import", path(&folder)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("neither the file nor Unknot"), "{stderr}");
    assert_eq!(counts(&Store::open(data.path()).unwrap()), [0; 8]);
}

#[test]
fn a_backup_and_its_restore_carry_every_kind_with_its_uid() {
    let source = tempfile::tempdir().unwrap();
    let mut store = Store::open(source.path()).unwrap();
    fill_every_kind(&mut store);
    let backup = store
        .backup_to(&source.path().join("every-kind.sqlite3"))
        .unwrap();

    let other = tempfile::tempdir().unwrap();
    let mut restored = Store::open(other.path()).unwrap();
    restored.restore_from(&backup, Utc::now()).unwrap();
    assert_eq!(counts(&restored), FILLED);
    assert_eq!(
        restored.salvage().set,
        store.salvage().set,
        "the same records under the same uids"
    );
}
