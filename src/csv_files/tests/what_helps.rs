//! The files that came with uids: flare-ups, days off, experiments and the
//! function check.

use super::*;
use crate::domain::days_off::{DaysOff, Reason};
use crate::domain::experiment::{Experiment, ExperimentKind};
use crate::domain::flare::FlareUp;
use crate::domain::function_check::{Activity, FunctionRating};

fn score(n: i64) -> Rating {
    Rating::new(n, "score").unwrap()
}

/// A few records of each newer kind, text a spreadsheet could misread
/// included, added to `set`.
pub(super) fn add_every_new_kind(set: &mut RecordSet) {
    set.flare_ups = vec![
        Keyed::new(
            "f1",
            FlareUp {
                at: at(4, 14),
                date: day(4),
                pain: Rating::new(8, "pain").unwrap(),
                set_off_by: "=carrying boxes, \"heavy\"".to_owned(),
                helped: "heat\r\nthen a walk".to_owned(),
            },
        ),
        Keyed::new(
            "-f2",
            FlareUp {
                at: at(4, 23),
                date: day(5),
                pain: Rating::new(6, "pain").unwrap(),
                set_off_by: String::new(),
                helped: String::new(),
            },
        ),
    ];
    set.days_off = vec![
        Keyed::new(
            "d1",
            DaysOff {
                first: day(10),
                last: day(12),
                reason: Reason::Sick,
                created_at: at(10, 7),
            },
        ),
        Keyed::new(
            "d2",
            DaysOff {
                first: day(30),
                last: NaiveDate::from_ymd_opt(2024, 4, 8).unwrap(),
                reason: Reason::Holiday,
                created_at: at(20, 7),
            },
        ),
    ];
    set.experiments = vec![
        Keyed::new(
            "e1",
            Experiment {
                name: "+ chin tucks, hourly".to_owned(),
                kind: ExperimentKind::Exercise,
                start: day(1),
                planned_days: 14,
                stopped_on: Some(day(9)),
                created_at: at(1, 9),
            },
        ),
        Keyed::new(
            "e2",
            Experiment {
                name: "Monitor higher".to_owned(),
                kind: ExperimentKind::Workstation,
                start: day(20),
                planned_days: 28,
                stopped_on: None,
                created_at: at(20, 9),
            },
        ),
    ];
    set.activities = vec![
        Activity {
            uid: "a1".to_owned(),
            name: "@ the desk for two hours".to_owned(),
            added_on: day(1),
            retired_on: Some(day(15)),
        },
        Activity {
            uid: "a2".to_owned(),
            name: "Driving".to_owned(),
            added_on: day(1),
            retired_on: None,
        },
    ];
    let rating = |uid: &str, activity: &str, d: u32, n: i64| {
        Keyed::new(
            uid,
            FunctionRating {
                activity_uid: activity.to_owned(),
                date: day(d),
                rated_at: at(d, 20),
                score: score(n),
            },
        )
    };
    set.function_ratings = vec![
        rating("r1", "a1", 1, 3),
        rating("r2", "a2", 1, 5),
        rating("r3", "a2", 8, 7),
    ];
}

#[test]
fn newer_kinds_are_written_with_their_uids_and_read_back_exactly() {
    let mut set = RecordSet::default();
    add_every_new_kind(&mut set);

    let mut out = Vec::new();
    write_days_off(&mut out, &set.days_off).unwrap();
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        "uid,first_day,last_day,reason,created_at\r\n\
         d1,2024-03-10,2024-03-12,sick,2024-03-10T07:30:00Z\r\n\
         d2,2024-03-30,2024-04-08,holiday,2024-03-20T07:30:00Z\r\n",
        "days off may reach past today"
    );
    assert_eq!(
        read_days_off(out.as_slice(), today()).unwrap(),
        set.days_off
    );

    let mut out = Vec::new();
    write_flare_ups(&mut out, &set.flare_ups).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\r\n'-f2,2024-03-04T23:30:00Z,2024-03-05,6,,\r\n"),
        "a uid that looks like a formula is neutralised; {text}"
    );
    assert!(
        text.contains(",\"'=carrying boxes, \"\"heavy\"\"\","),
        "{text}"
    );
    assert_eq!(
        read_flare_ups(text.as_bytes(), today()).unwrap(),
        set.flare_ups
    );

    let mut out = Vec::new();
    write_experiments(&mut out, &set.experiments).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\r\ne2,Monitor higher,workstation,2024-03-20,28,,2024-03-20T09:30:00Z\r\n"),
        "running to plan: no stop day; {text}"
    );
    assert_eq!(
        read_experiments(text.as_bytes(), today()).unwrap(),
        set.experiments
    );

    let mut out = Vec::new();
    write_function_activities(&mut out, &set.activities).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("uid,name,added_on,retired_on\r\na1,'@ the desk"),
        "{text}"
    );
    assert_eq!(
        read_function_activities(text.as_bytes(), today()).unwrap(),
        set.activities
    );

    let mut out = Vec::new();
    write_function_ratings(&mut out, &set.function_ratings).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\r\nr3,a2,2024-03-08,2024-03-08T20:30:00Z,7\r\n"),
        "{text}"
    );
    assert_eq!(
        read_function_ratings(text.as_bytes(), today()).unwrap(),
        set.function_ratings
    );

    // A folder with only one of the newer files is an export too.
    let dir = tempfile::tempdir().unwrap();
    let file = fs::File::create(dir.path().join(DAYS_OFF_FILE)).unwrap();
    write_days_off(file, &set.days_off).unwrap();
    let read = read_dir(dir.path(), today()).unwrap();
    assert_eq!(read.days_off, set.days_off);
    assert_eq!(read.len(), set.days_off.len());
}

/// (line, column) of every problem in `result`.
fn places<T: std::fmt::Debug>(
    result: Result<T, ImportErrors>,
) -> Vec<(Option<u64>, Option<&'static str>)> {
    errors_of(result)
        .iter()
        .map(|e| (e.line, e.column))
        .collect()
}

#[test]
fn rows_the_app_would_refuse_name_their_file_line_and_column() {
    let text = "uid,at,date,pain,set_off_by,helped\r\n\
                ,2024-03-01T08:00:00Z,2024-03-01,5,,\r\n\
                f2,2024-03-01T08:00:00Z,2024-03-01,11,,\r\n\
                f3,2024-03-01T08:00:00Z,2024-03-03,5,,\r\n\
                f 4,2024-03-01T08:00:00Z,2024-03-01,5,,\r\n\
                f3,2024-03-02T08:00:00Z,2024-03-02,5,,\r\n";
    let result = read_flare_ups(text.as_bytes(), today());
    let shown = result.clone().unwrap_err().to_string();
    assert!(
        shown.contains("flare_ups.csv, line 2, column uid: a uid is required"),
        "{shown}"
    );
    assert!(
        shown.contains("line 5, column uid: \"f 4\" is not a uid"),
        "{shown}"
    );
    assert!(
        shown.contains("line 4, column date: 2024-03-03 is not the day of this flare-up"),
        "{shown}"
    );
    assert_eq!(
        places(result),
        [
            (Some(2), Some("uid")),
            (Some(3), Some("pain")),
            (Some(4), Some("date")),
            (Some(5), Some("uid")),
        ],
        "line 6 repeats the uid of line 4, which was refused already"
    );

    let text = "uid,first_day,last_day,reason,created_at\r\n\
                d1,2024-03-10,2024-03-05,sick,2024-03-01T08:00:00Z\r\n\
                d2,2024-03-10,2024-03-12,vacation,2024-03-01T08:00:00Z\r\n\
                d3,2024-03-10,2024-03-12,sick,2024-03-01T08:00:00Z\r\n\
                d4,2024-03-12,2024-03-14,other,2024-03-01T08:00:00Z\r\n";
    let result = read_days_off(text.as_bytes(), today());
    let shown = result.clone().unwrap_err().to_string();
    assert!(
        shown.contains(
            "days_off.csv, line 5, column first_day: line 4 already has days off from \
             2024-03-10 to 2024-03-12"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("known reasons are sick, holiday, other"),
        "{shown}"
    );
    assert_eq!(
        places(result),
        [
            (Some(2), Some("last_day")),
            (Some(3), Some("reason")),
            (Some(5), Some("first_day")),
        ]
    );

    let text = "uid,name,kind,start_day,planned_days,stopped_on,created_at\r\n\
                e1,Walks,exercise,2024-03-01,10,,2024-03-01T08:00:00Z\r\n\
                e2,Walks,diet,2024-03-01,7,,2024-03-01T08:00:00Z\r\n\
                e3,Walks,other,2024-03-05,7,2024-03-04,2024-03-01T08:00:00Z\r\n\
                e4,walks ,sleep,2024-03-01,7,,2024-03-01T08:00:00Z\r\n\
                e5,walks,sleep,2024-03-08,7,,2024-03-01T08:00:00Z\r\n\
                e6, ,sleep,2024-03-08,7,,2024-03-01T08:00:00Z\r\n";
    assert_eq!(
        places(read_experiments(text.as_bytes(), today())),
        [
            (Some(2), Some("planned_days")),
            (Some(3), Some("kind")),
            (Some(4), Some("stopped_on")),
            (Some(7), Some("name")),
        ],
        "line 6 starts the day after line 5 ends: no clash"
    );
    let text = "uid,name,kind,start_day,planned_days,stopped_on,created_at\r\n\
                e1,Walks,exercise,2024-03-01,7,,2024-03-01T08:00:00Z\r\n\
                e2,walks ,sleep,2024-03-07,7,,2024-03-01T08:00:00Z\r\n";
    let error = only_error(read_experiments(text.as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(3), Some("name")));
    assert!(
        error
            .message
            .starts_with("line 2 already has an experiment called \"Walks\""),
        "{error}"
    );

    let text = "uid,name,added_on,retired_on\r\n\
                a1,,2024-03-01,\r\n\
                a2,Driving,2024-03-05,2024-03-04\r\n\
                a3,Driving,2024-03-05,\r\n\
                a4,driving,2024-03-05,\r\n";
    assert_eq!(
        places(read_function_activities(text.as_bytes(), today())),
        [
            (Some(2), Some("name")),
            (Some(3), Some("retired_on")),
            (Some(5), Some("name")),
        ]
    );

    let text = "uid,activity_uid,date,rated_at,score\r\n\
                r1,a1,2024-03-01,2024-03-01T08:00:00Z,11\r\n\
                r2,,2024-03-01,2024-03-01T08:00:00Z,4\r\n\
                r3,a1,2024-03-02,2024-03-02T08:00:00Z,4\r\n\
                r4,a1,2024-03-02,2024-03-02T09:00:00Z,5\r\n";
    assert_eq!(
        places(read_function_ratings(text.as_bytes(), today())),
        [
            (Some(2), Some("score")),
            (Some(3), Some("activity_uid")),
            (Some(5), Some("date")),
        ]
    );
}
