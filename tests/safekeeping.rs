//! Export, import, backups and restore, through the command line and the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "safekeeping/csv_round_trip.rs"]
mod csv_round_trip;
#[path = "common/run.rs"]
mod run;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use common::set_mode;
use run::{ok, unknot};
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionExercise, SessionKind};
use unknot::store::backup::{check_integrity, daily_file_name, list_daily_backups};
use unknot::store::{InstanceLock, Store};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

const TRICKY_NOTES: [&str; 7] = [
    "=HYPERLINK(\"http://x\")",
    "+1 after lunch",
    "-2 better, \"much\" better",
    "@work, long day",
    "line one\r\nline two\nthree",
    "emoji 😌🧘 and commas, commas",
    "\tstarts with a tab",
];

fn fill(store: &mut Store) {
    for (i, note) in TRICKY_NOTES.iter().enumerate() {
        let day = u32::try_from(i).unwrap() + 1;
        store
            .save_checkin(&CheckIn {
                date: date(2026, 10, day),
                recorded_at: at("2026-10-20T07:45:10Z"),
                pain: Rating::new(i64::from(day), "pain").unwrap(),
                stress: (day % 2 == 0).then(|| Rating::new(3, "stress").unwrap()),
                areas: vec![],
                red_flags: RedFlags {
                    after_impact: day == 3,
                    ..RedFlags::default()
                },
                note: (*note).to_owned(),
            })
            .unwrap();
    }
    let mut s = Session::new(
        SessionKind::Strength,
        at("2026-10-02T16:00:00Z"),
        date(2026, 10, 2),
        640,
    );
    s.routine = "=Strength".to_owned();
    s.exercises = vec![SessionExercise {
        exercise: "wall_angels".to_owned(),
        holds_done: 3,
        holds_planned: 3,
    }];
    store.add_session(&s).unwrap();
}

#[test]
fn export_import_export_round_trips_tricky_notes_exactly() {
    let source = tempfile::tempdir().unwrap();
    fill(&mut Store::open(source.path()).unwrap());
    let first = tempfile::tempdir().unwrap();
    ok(&unknot(
        source.path(),
        &["export", "--out", first.path().to_str().unwrap()],
    ));

    let raw = std::fs::read_to_string(first.path().join("checkins.csv")).unwrap();
    assert!(raw.starts_with("date,recorded_at,pain,"), "{raw}");
    assert!(raw.contains("\r\n"));
    // Formula-like text is neutralised with a leading quote; numbers stay bare.
    assert!(raw.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{raw}");
    assert!(raw.contains(",'+1 after lunch,"), "{raw}");
    assert!(raw.contains("'@work"), "{raw}");
    assert!(
        raw.contains("2026-10-03,2026-10-20T07:45:10Z,3,,,0,1,0,"),
        "{raw}"
    );
    let sessions = std::fs::read_to_string(first.path().join("sessions.csv")).unwrap();
    assert!(sessions.contains("'=Strength"), "{sessions}");

    let target = tempfile::tempdir().unwrap();
    let said = ok(&unknot(
        target.path(),
        &["import", first.path().to_str().unwrap()],
    ));
    assert!(said.contains("Added 7 check-ins, 1 session and"), "{said}");
    let store = Store::open(target.path()).unwrap();
    let notes: Vec<String> = store
        .checkins()
        .unwrap()
        .into_iter()
        .map(|c| c.note)
        .collect();
    assert_eq!(notes, TRICKY_NOTES);
    drop(store);

    let second = tempfile::tempdir().unwrap();
    ok(&unknot(
        target.path(),
        &["export", "--out", second.path().to_str().unwrap()],
    ));
    for file in unknot::csv_files::EXPORT_FILES {
        assert_eq!(
            std::fs::read(first.path().join(file)).unwrap(),
            std::fs::read(second.path().join(file)).unwrap(),
            "{file} differs after a round trip"
        );
    }

    // Importing again adds nothing.
    let again = ok(&unknot(
        target.path(),
        &["import", first.path().to_str().unwrap()],
    ));
    assert!(again.contains("skipped 8"), "{again}");
}

#[test]
fn one_table_can_go_to_standard_output() {
    let source = tempfile::tempdir().unwrap();
    fill(&mut Store::open(source.path()).unwrap());
    let out = ok(&unknot(
        source.path(),
        &["export", "--table", "sessions", "-"],
    ));
    assert!(
        out.starts_with("kind,started_at,date,duration_secs"),
        "{out}"
    );
    assert!(
        out.contains("strength,2026-10-02T16:00:00Z,2026-10-02,640,"),
        "{out}"
    );
}

#[test]
fn a_csv_with_a_bad_row_imports_nothing_and_names_the_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("checkins.csv"),
        "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n\
         2026-01-01,2026-01-01T08:00:00Z,4,,,0,0,0,fine\r\n\
         2026-01-02,2026-01-02T08:00:00Z,11,,,0,0,0,too high\r\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = unknot(data.path(), &["import", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("pain"), "{stderr}");
    assert!(
        Store::open(data.path())
            .unwrap()
            .checkins()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_passes_its_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    fill(&mut store);
    let today = date(2026, 11, 25);
    let made = store.daily_backup(today).unwrap().unwrap();
    assert_eq!(made, store.backup_dir().join(daily_file_name(today)));
    check_integrity(&made).unwrap();
    assert_eq!(store.daily_backup(today).unwrap(), None);
    // The copy is a single file holding the same rows.
    let backups = std::fs::read_dir(store.backup_dir()).unwrap().count();
    assert_eq!(backups, 1);
    let copy = Store::open_file(&made).unwrap();
    assert_eq!(copy.checkins().unwrap().len(), TRICKY_NOTES.len());
    // Ten more days: rotation keeps them all (7 daily + older weeks).
    for i in 1..=10 {
        store.daily_backup(today + chrono::Days::new(i)).unwrap();
    }
    let kept = list_daily_backups(&store.backup_dir()).unwrap();
    assert!(kept.len() <= 11 && kept.len() >= 8, "{}", kept.len());
}

#[test]
fn restore_replaces_the_database_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    ok(&unknot(
        dir.path(),
        &["checkin", "--pain", "2", "--date", "2026-11-01"],
    ));
    let said = ok(&unknot(dir.path(), &["backup"]));
    let backup_path = said
        .trim()
        .strip_prefix("Backed up to ")
        .unwrap()
        .to_owned();
    // A later check-in that the backup does not have.
    ok(&unknot(
        dir.path(),
        &["checkin", "--pain", "9", "--date", "2026-11-02"],
    ));

    // Declining changes nothing.
    let out = unknot(dir.path(), &["restore", &backup_path]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nothing was changed"));
    assert_eq!(
        Store::open(dir.path()).unwrap().checkins().unwrap().len(),
        2
    );

    let said = ok(&unknot(dir.path(), &["restore", "--yes", &backup_path]));
    assert!(said.contains("previous database is kept"), "{said}");
    let store = Store::open(dir.path()).unwrap();
    let dates: Vec<NaiveDate> = store.checkins().unwrap().iter().map(|c| c.date).collect();
    assert_eq!(dates, vec![date(2026, 11, 1)]);

    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains(".replaced-"))
        .expect("the replaced database is kept")
        .path();
    let replaced = Store::open_file(&aside).unwrap();
    assert_eq!(replaced.checkins().unwrap().len(), 2);
}

#[test]
fn restore_is_refused_while_the_window_is_open() {
    let dir = tempfile::tempdir().unwrap();
    ok(&unknot(dir.path(), &["checkin", "--pain", "2"]));
    let said = ok(&unknot(dir.path(), &["backup"]));
    let backup_path = said
        .trim()
        .strip_prefix("Backed up to ")
        .unwrap()
        .to_owned();
    let _window = InstanceLock::acquire(dir.path()).unwrap();
    let out = unknot(dir.path(), &["restore", "--yes", &backup_path]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already running"));
}

#[test]
fn restoring_something_that_is_not_a_backup_is_refused_and_nothing_moves() {
    let dir = tempfile::tempdir().unwrap();
    ok(&unknot(dir.path(), &["checkin", "--pain", "2"]));
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all".repeat(100)).unwrap();
    let out = unknot(dir.path(), &["restore", "--yes", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.sqlite3"));
    assert_eq!(
        Store::open(dir.path()).unwrap().checkins().unwrap().len(),
        1
    );
}

#[test]
fn two_backups_in_the_same_second_both_succeed_under_different_names() {
    let dir = tempfile::tempdir().unwrap();
    ok(&unknot(dir.path(), &["checkin", "--pain", "2"]));
    let first = ok(&unknot(dir.path(), &["backup"]));
    let second = ok(&unknot(dir.path(), &["backup"]));
    let path = |said: &str| {
        said.trim()
            .strip_prefix("Backed up to ")
            .unwrap()
            .to_owned()
    };
    assert_ne!(path(&first), path(&second));
    for said in [first, second] {
        check_integrity(Path::new(&path(&said))).unwrap();
    }
}

#[test]
fn a_data_folder_that_is_a_dangling_link_is_named_as_such() {
    let parent = tempfile::tempdir().unwrap();
    let link = parent.path().join("stick");
    std::os::unix::fs::symlink(parent.path().join("unplugged"), &link).unwrap();
    let out = unknot(&link, &["checkin", "--pain", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(stderr.contains("unplugged"), "{stderr}");
    assert!(!stderr.contains("File exists"), "{stderr}");
}

#[test]
fn an_error_is_said_once() {
    let parent = tempfile::tempdir().unwrap();
    let file = parent.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let out = unknot(&file, &["checkin", "--pain", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not-a-folder"), "{stderr}");
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
}

#[test]
fn export_works_from_a_folder_that_cannot_be_written_to() {
    let dir = tempfile::tempdir().unwrap();
    ok(&unknot(
        dir.path(),
        &["checkin", "--pain", "4", "--date", "2026-11-03"],
    ));
    let (_bin, mut cmd) = common::unprivileged_unknot();
    set_mode(dir.path(), 0o555);
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        set_mode(&entry.path(), 0o444);
    }
    let out = cmd
        .arg("--data-dir")
        .arg(dir.path())
        .args(["export", "--table", "checkins", "-"])
        .output()
        .unwrap();
    set_mode(dir.path(), 0o700);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2026-11-03,"), "{stdout}");
}
