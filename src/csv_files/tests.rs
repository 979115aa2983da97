use std::fs;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::checklist::{Answer, ChecklistAnswer};
use crate::domain::keyed::{Keyed, RecordSet};
use crate::domain::pain::CheckIn;
use crate::domain::pain::{Area, Rating, RedFlags};
use crate::domain::session::Session;
use crate::domain::session::{SessionExercise, SessionKind};

mod rules;
mod what_helps;

/// The header of `checkins.csv` as versions before uids wrote it.
const HEADER: &str = "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n";
/// The header of `checkins.csv` now.
const UID_HEADER: &str =
    "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note,uid\r\n";

/// Notes that a spreadsheet or a CSV parser could get wrong.
const TRICKY: [&str; 15] = [
    "",
    "stiff, then better",
    "she said \"sit up\"",
    "line one\r\nline two\nline three\rend",
    "🙂 calmer today ✨",
    "=HYPERLINK(\"http://x\")",
    "+1 after lunch",
    "-2 compared with yesterday",
    "@desk",
    "\tindented",
    "\rreturn first",
    "'=already quoted",
    "''=twice",
    "'plain apostrophe",
    "'",
];

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, d).unwrap()
}

/// The day the imports in these tests happen: after every record.
fn today() -> NaiveDate {
    day(31)
}

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, d, h, 30, 0).unwrap()
}

fn checkin(d: u32, note: &str) -> CheckIn {
    CheckIn {
        date: day(d),
        recorded_at: at(d, 8),
        pain: Rating::new(i64::from(d % 11), "pain").unwrap(),
        stress: d
            .is_multiple_of(2)
            .then(|| Rating::new(3, "stress").unwrap()),
        areas: vec![Area::Neck, Area::MidBack],
        red_flags: RedFlags {
            after_impact: d.is_multiple_of(3),
            ..RedFlags::default()
        },
        note: note.to_owned(),
    }
}

fn session(d: u32, note: &str) -> Session {
    let mut s = Session::new(SessionKind::Heat, at(d, 18), day(d), 900);
    s.routine = "-desk break".to_owned();
    s.heat_type = Some("moist".to_owned());
    s.area = Some("=between blades".to_owned());
    s.capped = true;
    s.feel_after = Some(Rating::new(2, "feel").unwrap());
    s.note = note.to_owned();
    s.exercises = vec![
        SessionExercise {
            exercise: "cat_cow".to_owned(),
            holds_done: 4,
            holds_planned: 4,
        },
        SessionExercise {
            exercise: "odd:id/with marks".to_owned(),
            holds_done: 2,
            holds_planned: 6,
        },
    ];
    s
}

fn answers() -> Vec<ChecklistAnswer> {
    vec![
        ChecklistAnswer {
            item: "monitor_height".to_owned(),
            answer: Answer::Yes,
            answered_on: day(2),
        },
        ChecklistAnswer {
            item: "+chair".to_owned(),
            answer: Answer::NotApplicable,
            answered_on: day(5),
        },
    ]
}

/// The records with uids `u1`, `u2`... in order.
fn with_uids<T>(records: Vec<T>) -> Vec<Keyed<T>> {
    (1..)
        .zip(records)
        .map(|(i, record)| Keyed::new(format!("u{i}"), record))
        .collect()
}

fn unkeyed<T>(records: Vec<T>) -> Vec<Keyed<T>> {
    records.into_iter().map(Keyed::unkeyed).collect()
}

fn checkins_csv(checkins: &[Keyed<CheckIn>]) -> String {
    let mut out = Vec::new();
    write_checkins(&mut out, checkins).unwrap();
    String::from_utf8(out).unwrap()
}

fn only_error<T: std::fmt::Debug>(result: Result<T, ImportErrors>) -> ImportError {
    let errors = result.unwrap_err().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn cell_rule_is_lossless_and_neutralises_formulas() {
    let cases = [
        ("=1", "'=1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=1", "''=1"),
        ("''-1", "'''-1"),
        ("'hello", "'hello"),
        ("'", "'"),
        ("", ""),
        ("a=b", "a=b"),
    ];
    for (text, cell) in cases {
        assert_eq!(text_to_cell(text), cell, "writing {text:?}");
        assert_eq!(cell_to_text(cell), text, "reading {cell:?}");
    }
}

#[test]
fn tricky_notes_survive_a_round_trip_and_are_neutralised_in_the_text() {
    let checkins = with_uids((1..).zip(TRICKY).map(|(d, n)| checkin(d, n)).collect());
    let text = checkins_csv(&checkins);
    for neutralised in [
        ",'+1 after lunch,u7\r\n",
        ",'-2 compared with yesterday,u8\r\n",
        ",'@desk,u9\r\n",
        ",'\tindented,u10\r\n",
        ",\"'\rreturn first\",u11\r\n",
        ",\"'=HYPERLINK(\"\"http://x\"\")\",u6\r\n",
        ",''=already quoted,u12\r\n",
        ",'''=twice,u13\r\n",
        ",'plain apostrophe,u14\r\n",
        ",\"stiff, then better\",u2\r\n",
        ",🙂 calmer today ✨,u5\r\n",
    ] {
        assert!(text.contains(neutralised), "{neutralised:?} not in {text}");
    }
    assert_eq!(read_checkins(text.as_bytes(), today()).unwrap(), checkins);

    let mut sessions = with_uids((1..).zip(TRICKY).map(|(d, n)| session(d, n)).collect());
    // A uid a spreadsheet could take for a formula is neutralised too, and
    // a session without one is written with an empty cell.
    sessions[0].uid = Some("-5".to_owned());
    sessions[1].uid = None;
    let mut out = Vec::new();
    write_sessions(&mut out, &sessions).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(",'-desk break,moist,'=between blades,1,2,"),
        "{text}"
    );
    assert!(
        text.contains(",cat_cow:4/4;odd:id/with marks:2/6,'-5\r\n"),
        "{text}"
    );
    assert!(
        text.contains(",cat_cow:4/4;odd:id/with marks:2/6,\r\n"),
        "{text}"
    );
    assert_eq!(read_sessions(text.as_bytes(), today()).unwrap(), sessions);
}

#[test]
fn rows_have_plain_numbers_iso_dates_and_crlf_endings() {
    let text = checkins_csv(&with_uids(vec![checkin(6, "ok"), checkin(3, "")]));
    let expected = format!(
        "{UID_HEADER}\
         2024-03-06,2024-03-06T08:30:00Z,6,3,neck;mid_back,0,1,0,ok,u1\r\n\
         2024-03-03,2024-03-03T08:30:00Z,3,,neck;mid_back,0,1,0,,u2\r\n"
    );
    assert_eq!(text, expected);

    let mut out = Vec::new();
    write_checklist(&mut out, &answers()).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "item,answer,answered_on\r\nmonitor_height,yes,2024-03-02\r\n'+chair,not_applicable,2024-03-05\r\n"
    );
    assert_eq!(read_checklist(text.as_bytes(), today()).unwrap(), answers());
}

#[test]
fn one_bad_row_names_line_and_column_and_returns_nothing() {
    let text = format!(
        "{HEADER}\
         2024-03-01,2024-03-01T08:30:00Z,4,,neck,0,0,0,\r\n\
         2024-03-02,2024-03-02T08:30:00Z,5,2,,0,0,0,fine\r\n\
         2024-03-03,2024-03-03T08:30:00Z,11,2,,0,0,0,\r\n\
         2024-03-04,2024-03-04T08:30:00Z,3,2,,0,0,0,\r\n"
    );
    let error = only_error(read_checkins(text.as_bytes(), today()));
    assert_eq!(error.line, Some(4));
    assert_eq!(error.column, Some("pain"));
    let shown = error.to_string();
    assert!(
        shown.starts_with("checkins.csv, line 4, column pain: "),
        "{shown}"
    );
    assert!(shown.contains("11"), "{shown}");
}

#[test]
fn every_problem_in_a_file_is_reported() {
    let long_note = "x".repeat(crate::domain::pain::MAX_NOTE_CHARS + 1);
    let text = format!(
        "kind,started_at,date,duration_secs,routine,heat_type,area,capped,feel_after,note,exercises\r\n\
         yoga,2024-03-01T08:00:00Z,2024-3-1,18000,,,,2,,,\r\n\
         stretch,yesterday,2024-03-01,60,,,,0,11,{long_note},cat_cow:4\r\n\
         stretch,2024-03-01T08:00:00Z,2024-03-01,60\r\n"
    );
    let errors = read_sessions(text.as_bytes(), today()).unwrap_err().errors;
    let found: Vec<(Option<u64>, Option<&str>)> =
        errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        found,
        [
            (Some(2), Some("kind")),
            (Some(2), Some("date")),
            (Some(2), Some("duration_secs")),
            (Some(2), Some("capped")),
            (Some(3), Some("started_at")),
            (Some(3), Some("feel_after")),
            (Some(3), Some("note")),
            (Some(3), Some("exercises")),
            (Some(4), None),
        ]
    );
    let all = ImportErrors { errors }.to_string();
    assert!(
        all.contains("unknown session kind \"yoga\"; known kinds are stretch"),
        "{all}"
    );
    assert!(all.contains("at most 4 hours"), "{all}");
    assert!(all.contains("the limit is 2000"), "{all}");
    assert!(
        all.contains("this row has 4 cells but the header has 11"),
        "{all}"
    );
}

#[test]
fn wrong_header_is_rejected() {
    let mut sessions = Vec::new();
    write_sessions(&mut sessions, &unkeyed(vec![session(1, "")])).unwrap();
    let error = only_error(read_checkins(sessions.as_slice(), today()));
    assert_eq!((error.line, error.column), (Some(1), Some("date")));
    assert!(error.message.contains("header row should be"), "{error}");

    let renamed = "date,recorded_at,Pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n";
    let error = only_error(read_checkins(renamed.as_bytes(), today()));
    assert_eq!(error.column, Some("pain"));

    let error = only_error(read_checkins(&b""[..], today()));
    assert!(error.message.contains("the file is empty"), "{error}");

    // The uid column may be left out, not misnamed.
    let misnamed = UID_HEADER.replace(",uid", ",id");
    let error = only_error(read_checkins(misnamed.as_bytes(), today()));
    assert_eq!(error.column, Some("uid"));
}

#[test]
fn hand_edited_files_are_accepted() {
    // A byte-order mark, LF endings, an offset instead of Z, yes/no flags and
    // a trailing row of empty cells, as spreadsheets and editors may save.
    let text = "\u{feff}date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\n\
                2024-03-01,2024-03-01T10:30:00+02:00,4,,mid_back;neck,no,Yes,0,a\n\
                ,,,,,,,,\n";
    let read = read_checkins(text.as_bytes(), today()).unwrap();
    let mut expected = checkin(1, "a");
    expected.pain = Rating::new(4, "pain").unwrap();
    expected.red_flags.after_impact = true;
    assert_eq!(read, [Keyed::unkeyed(expected)], "a file without uids");

    let text = "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\n\
                2024-03-01,2024-03-01T08:30:00Z,4,,,0,0,0,\n\
                2024-03-02,2024-03-02T08:30:00Z,4,,elbow,maybe,0,0,\n";
    let errors = read_checkins(text.as_bytes(), today()).unwrap_err().errors;
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        found,
        [(Some(3), Some("areas")), (Some(3), Some("arm_symptoms"))]
    );
    assert!(
        errors[0].message.contains("known areas are neck, "),
        "{}",
        errors[0]
    );
}

#[test]
fn line_and_spreadsheet_row_differ_after_a_multiline_note() {
    let mut text = checkins_csv(&with_uids(vec![checkin(1, "one\r\ntwo\r\nthree")]));
    text.push_str("2024-03-02,2024-03-02T08:30:00Z,-1,,,0,0,0,,\r\n");
    let error = only_error(read_checkins(text.as_bytes(), today()));
    assert_eq!((error.line, error.row), (Some(5), Some(3)));
    assert!(
        error.to_string().contains("line 5 (spreadsheet row 3)"),
        "{error}"
    );
}

#[test]
fn two_checkins_for_one_day_or_with_one_uid_are_refused() {
    let checkins = with_uids(vec![checkin(1, "a"), checkin(2, "b"), checkin(1, "c")]);
    let error = only_error(read_checkins(checkins_csv(&checkins).as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(4), Some("date")));
    assert!(error.message.contains("line 2 already has"), "{error}");

    let mut checkins = with_uids(vec![checkin(1, "a"), checkin(2, "b"), checkin(3, "c")]);
    checkins[2].uid = Some("u1".to_owned());
    checkins[1].uid = None;
    let error = only_error(read_checkins(checkins_csv(&checkins).as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(4), Some("uid")));
    assert_eq!(
        error.message,
        "line 2 already has the uid \"u1\"; keep only one row per uid"
    );
}

#[test]
fn exercise_id_with_separator_is_refused_on_export() {
    let mut s = session(1, "");
    s.exercises[0].exercise = "a;b".to_owned();
    let err = write_sessions(Vec::new(), &unkeyed(vec![session(2, ""), s])).unwrap_err();
    assert!(matches!(
        err,
        ExportError::Unrepresentable { record: 2, .. }
    ));
    assert!(
        err.to_string().starts_with("sessions.csv, record 2: "),
        "{err}"
    );
}

/// Records of every kind, with uids (tricky notes in check-ins and sessions).
fn every_kind() -> RecordSet {
    let mut set = RecordSet {
        checkins: with_uids((1..).zip(TRICKY).map(|(d, n)| checkin(d, n)).collect()),
        sessions: with_uids((1..).zip(TRICKY).map(|(d, n)| session(d, n)).collect()),
        checklist: answers(),
        ..RecordSet::default()
    };
    what_helps::add_every_new_kind(&mut set);
    set
}

#[test]
fn export_read_export_gives_identical_files() {
    let first = tempfile::tempdir().unwrap();
    let set = every_kind();
    let report = export_dir(first.path(), &set, Overwrite::Never).unwrap();
    let rows: Vec<(PathBuf, usize)> = report.files.into_iter().map(|f| (f.path, f.rows)).collect();
    let expected_rows = [
        TRICKY.len(),
        TRICKY.len(),
        2,
        set.flare_ups.len(),
        set.days_off.len(),
        set.experiments.len(),
        set.activities.len(),
        set.function_ratings.len(),
    ];
    let expected: Vec<(PathBuf, usize)> = EXPORT_FILES
        .iter()
        .map(|name| first.path().join(name))
        .zip(expected_rows)
        .collect();
    assert_eq!(rows, expected);
    let mut names: Vec<String> = fs::read_dir(first.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut every_file = EXPORT_FILES.to_vec();
    every_file.sort_unstable();
    assert_eq!(names, every_file, "no temp files left");

    let read = read_dir(first.path(), today()).unwrap();
    assert_eq!(read, set, "every record comes back with its uid");
    let second = tempfile::tempdir().unwrap();
    export_dir(second.path(), &read, Overwrite::Never).unwrap();
    for name in EXPORT_FILES {
        let a = fs::read(first.path().join(name)).unwrap();
        let b = fs::read(second.path().join(name)).unwrap();
        assert_eq!(a, b, "{name} differs");
    }
    // Writing again over existing files replaces them, when asked to.
    export_dir(first.path(), &RecordSet::default(), Overwrite::Replace).unwrap();
    let text = fs::read_to_string(first.path().join(CHECKINS_FILE)).unwrap();
    assert_eq!(text, UID_HEADER);
}

#[test]
fn an_export_that_may_not_replace_names_what_is_there_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(SESSIONS_FILE), "mine").unwrap();
    assert_eq!(existing_exports(dir.path()), [SESSIONS_FILE]);
    let set = RecordSet {
        checkins: with_uids(vec![checkin(1, "")]),
        ..RecordSet::default()
    };
    let err = export_dir(dir.path(), &set, Overwrite::Never).unwrap_err();
    assert!(
        matches!(&err, ExportError::WouldReplace { files, .. } if *files == [SESSIONS_FILE]),
        "{err}"
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, [SESSIONS_FILE], "nothing written beside it");
    assert_eq!(
        fs::read_to_string(dir.path().join(SESSIONS_FILE)).unwrap(),
        "mine"
    );
}

#[test]
fn read_dir_takes_what_is_there_and_explains_what_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let error = read_dir(dir.path(), today()).unwrap_err().to_string();
    assert!(
        error.contains(
            "none of the files an export writes (checkins.csv, sessions.csv, checklist.csv, \
             flare_ups.csv, days_off.csv, experiments.csv, function_activities.csv and \
             function_ratings.csv)"
        ),
        "{error}"
    );

    let mut file = fs::File::create(dir.path().join(CHECKLIST_FILE)).unwrap();
    write_checklist(&mut file, &answers()).unwrap();
    let set = read_dir(dir.path(), today()).unwrap();
    assert_eq!((set.checkins, set.sessions), (Vec::new(), Vec::new()));
    assert_eq!(set.checklist, answers());

    fs::write(dir.path().join(CHECKINS_FILE), "date\r\n").unwrap();
    fs::write(dir.path().join(SESSIONS_FILE), "nonsense\r\n").unwrap();
    let errors = read_dir(dir.path(), today()).unwrap_err().errors;
    let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, [CHECKINS_FILE, SESSIONS_FILE]);

    let missing = read_dir(&dir.path().join("nope"), today())
        .unwrap_err()
        .to_string();
    assert!(missing.contains("could not open the folder"), "{missing}");
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_planted_link() {
    use std::os::unix::fs::symlink;

    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "keep me").unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The name a temporary file of this process used to get, and a target name.
    let old_tmp = dir
        .path()
        .join(format!(".{CHECKINS_FILE}.{}.tmp", std::process::id()));
    symlink(&victim, &old_tmp).unwrap();
    symlink(&victim, dir.path().join(SESSIONS_FILE)).unwrap();

    let set = RecordSet {
        checkins: with_uids(vec![checkin(1, "a")]),
        sessions: with_uids(vec![session(1, "b")]),
        checklist: answers(),
        ..RecordSet::default()
    };
    export_dir(dir.path(), &set, Overwrite::Replace).unwrap();

    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(fs::read_link(&old_tmp).unwrap(), victim);
    let sessions = dir.path().join(SESSIONS_FILE);
    assert!(
        fs::symlink_metadata(&sessions)
            .unwrap()
            .file_type()
            .is_file()
    );
    let text = fs::read_to_string(&sessions).unwrap();
    assert!(text.starts_with("kind,started_at,"), "{text}");
}

#[cfg(unix)]
#[test]
fn exported_files_and_new_folders_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;

    let base = tempfile::tempdir().unwrap();
    fs::set_permissions(base.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = base.path().join("exports").join("today");
    export_dir(&dir, &every_kind(), Overwrite::Never).unwrap();
    assert_eq!(mode(&base.path().join("exports")), 0o700);
    assert_eq!(mode(&dir), 0o700);
    for name in EXPORT_FILES {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }

    let existing = tempfile::tempdir().unwrap();
    fs::set_permissions(existing.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // A file left readable by everyone is replaced by an owner-only one.
    let old = existing.path().join(CHECKINS_FILE);
    fs::write(&old, "old").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();
    export_dir(existing.path(), &RecordSet::default(), Overwrite::Replace).unwrap();
    assert_eq!(mode(&old), 0o600);
    // A folder that was there already keeps its permissions.
    assert_eq!(mode(existing.path()), 0o755);
}

fn errors_of<T: std::fmt::Debug>(result: Result<T, ImportErrors>) -> Vec<ImportError> {
    result.unwrap_err().errors
}
