//! The command line, run as a user would, on a temporary data directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use run::{text, unknot};
use unknot::store::{InstanceLock, Store};

#[path = "common/run.rs"]
mod run;
#[path = "cli/what_helps.rs"]
mod what_helps;

#[test]
fn checkin_records_a_row_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = unknot(
        dir.path(),
        &[
            "checkin",
            "--pain",
            "6",
            "--stress",
            "3",
            "--note",
            "after the move",
            "--date",
            "2026-11-02",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("pain 6"));

    let store = Store::open(dir.path()).unwrap();
    let saved = store
        .checkin_on(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(saved.pain.get(), 6);
    assert_eq!(saved.stress.map(|s| s.get()), Some(3));
    assert_eq!(saved.note, "after the move");
}

#[test]
fn a_second_checkin_the_same_day_updates_it() {
    let dir = tempfile::tempdir().unwrap();
    let said: Vec<String> = ["4", "2"]
        .map(|pain| {
            let out = unknot(
                dir.path(),
                &["checkin", "--pain", pain, "--date", "2026-10-01"],
            );
            assert!(out.status.success(), "{}", text(&out.stderr));
            text(&out.stdout)
        })
        .to_vec();
    let all = Store::open(dir.path()).unwrap().checkins().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].pain.get(), 2);
    // The second says what it replaced; the first had nothing to replace.
    assert!(!said[0].contains("replaces"), "{}", said[0]);
    assert!(
        said[1].contains("pain 2") && said[1].contains("replaces the one saved earlier: pain 4"),
        "{}",
        said[1]
    );
}

#[test]
fn export_of_one_table_without_the_dash_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let out = unknot(dir.path(), &["export", "--table", "checkins"]);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(said.contains("unknot export --table checkins -"), "{said}");
    assert!(
        !said.contains("--out <DIR>"),
        "no misleading usage line: {said}"
    );
}

#[test]
fn bad_values_exit_2_with_a_clear_message_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 9] = [
        (&["checkin", "--pain", "11"], "0 to 10"),
        (&["checkin", "--pain", "-1"], "0 to 10"),
        (&["checkin", "--pain", "5", "--stress", "12"], "stress"),
        (
            &["checkin", "--pain", "5", "--date", "2026-13-40"],
            "YYYY-MM-DD",
        ),
        (
            &["checkin", "--pain", "5", "--date", "2999-01-01"],
            "future",
        ),
        (
            &["checkin", "--pain", "5", "--date", "0000-01-01"],
            "0000-01-01 is before 1900",
        ),
        (
            &["checkin", "--pain", "5", "--date=-0001-01-01"],
            "-0001-01-01 is before 1900",
        ),
        (
            &["checkin", "--pain", "5", "--date", "1899-12-31"],
            "before 1900",
        ),
        (
            &["checkin", "--pain", "5", "--date", "+12026-01-01"],
            "future",
        ),
    ];
    for (args, expected) in cases {
        let out = unknot(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
    let out = unknot(dir.path(), &["checkin", "--pain", "seven"]);
    assert_eq!(out.status.code(), Some(2));
    // Nothing was written: the store, if any, is empty.
    assert!(
        Store::open(dir.path())
            .unwrap()
            .checkins()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn version_prints_the_crate_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = unknot(dir.path(), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("unknot {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_data_dir_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_unknot"))
        .args(["checkin", "--pain", "1", "--date", "2026-01-05"])
        .env("UNKNOT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        Store::open(dir.path()).unwrap().checkins().unwrap().len(),
        1
    );
}

#[test]
fn a_second_window_on_the_same_data_says_so_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let _running = InstanceLock::acquire(dir.path()).unwrap();
    let out = unknot(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("already running"), "{stderr}");
    assert!(
        stderr.contains(&dir.path().display().to_string()),
        "{stderr}"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_by_the_cli_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(unknot::store::DB_FILE_NAME);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA user_version = 42;").unwrap();
    conn.pragma_update(None, "application_id", unknot::store::APPLICATION_ID)
        .unwrap();
    drop(conn);
    let out = unknot(dir.path(), &["checkin", "--pain", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("newer version"), "{stderr}");
}

#[test]
fn demo_data_fills_an_empty_store_and_refuses_a_non_empty_one_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = unknot(dir.path(), &["demo-data", "--days", "60"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("check-ins"));
    let store = Store::open(dir.path()).unwrap();
    let checkins = store.checkins().unwrap();
    let sessions = store.sessions().unwrap();
    // The CLI ends on the real today, so allow for a holiday in the 60 days.
    assert!(
        checkins.len() >= 30 && checkins.len() <= 60,
        "{}",
        checkins.len()
    );
    assert!(!sessions.is_empty());
    drop(store);

    // A store with records is refused, and left as it was.
    let out = unknot(dir.path(), &["demo-data", "--days", "120"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.checkins().unwrap(), checkins);
    drop(store);

    // --force adds the older days and keeps what was there.
    let out = unknot(dir.path(), &["demo-data", "--days", "120", "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let store = Store::open(dir.path()).unwrap();
    let after = store.checkins().unwrap();
    assert!(after.len() > checkins.len());
    for c in &checkins {
        assert!(after.contains(c));
    }
    // Days that had sessions got no more of them.
    let sessions_after = store.sessions().unwrap();
    for s in &sessions {
        let on = |list: &[unknot::domain::session::Session]| {
            list.iter().filter(|x| x.date == s.date).count()
        };
        assert_eq!(on(&sessions_after), on(&sessions), "{}", s.date);
    }
}

#[test]
fn demo_data_refuses_a_silly_number_of_days() {
    let dir = tempfile::tempdir().unwrap();
    for days in ["0", "100000"] {
        let out = unknot(dir.path(), &["demo-data", "--days", days]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("--days"));
    }
}

#[cfg(unix)]
#[test]
fn exported_files_are_owner_only_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;

    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    for umask in ["022", "000"] {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("exports");
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_unknot"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["export", "--out"])
            .arg(&out_dir)
            .env_remove("UNKNOT_DATA_DIR")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(mode(&out_dir), 0o700, "umask {umask}");
        for name in ["checkins.csv", "sessions.csv", "checklist.csv"] {
            assert_eq!(mode(&out_dir.join(name)), 0o600, "umask {umask}, {name}");
        }
    }
}

#[test]
fn import_follows_the_same_rules_as_the_app_and_writes_nothing_on_a_bad_row() {
    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(folder.path().join(name), text).unwrap();
    write(
        "checkins.csv",
        "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n\
         2026-01-01,2026-01-01T08:00:00Z,4,,,0,0,0,fine\r\n\
         2999-01-01,2999-01-01T08:00:00Z,4,,,0,0,0,\r\n\
         2026-01-03,2026-01-03T08:00:00Z,4,,,0,0,0,\"never closed\r\n\
         2026-01-04,2026-01-04T08:00:00Z,4,,,0,0,0,\r\n",
    );
    write(
        "sessions.csv",
        "kind,started_at,date,duration_secs,routine,heat_type,area,capped,feel_after,note,exercises\r\n\
         stretch,2026-01-02T08:00:00Z,2026-01-05,60,,,,0,,,\r\n",
    );
    write(
        "checklist.csv",
        "item,answer,answered_on\r\n\
         monitor_height,yes,2026-01-01\r\n\
         monitor_height,not_yet,2026-01-02\r\n",
    );
    let data = tempfile::tempdir().unwrap();
    let out = unknot(data.path(), &["import", folder.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for expected in [
        "checkins.csv, line 3, column date: 2999-01-01 is in the future",
        "checkins.csv, line 4, column note: this cell opens a quote that is never closed",
        "sessions.csv, line 2, column date: 2026-01-05 is not the day this session started",
        "checklist.csv, line 3, column item: line 2 already has an answer for \"monitor_height\"",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
    let store = Store::open(data.path()).unwrap();
    assert!(store.checkins().unwrap().is_empty());
    assert!(store.sessions().unwrap().is_empty());
    assert!(store.checklist_answers().unwrap().is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn an_empty_data_dir_variable_counts_as_unset() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_unknot"))
        .args(["checkin", "--pain", "1", "--date", "2026-01-05"])
        .env("UNKNOT_DATA_DIR", "")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let default_dir = home.path().join("data").join("unknot");
    assert_eq!(
        Store::open(&default_dir).unwrap().checkins().unwrap().len(),
        1
    );
}

#[test]
fn help_names_the_data_dir_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = unknot(dir.path(), &["--help"]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("UNKNOT_DATA_DIR"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn export_to_a_pipe_that_closes_early_exits_quietly() {
    use std::io::BufRead;

    let dir = tempfile::tempdir().unwrap();
    let out = unknot(dir.path(), &["demo-data", "--days", "3000"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut child = Command::new(env!("CARGO_BIN_EXE_unknot"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["export", "--table", "checkins", "-"])
        .env_remove("UNKNOT_DATA_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.starts_with("date,recorded_at,"), "{first}");
    // Like `head -1`: one line, then the reading end is closed.
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn export_replaces_an_earlier_export_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out_arg = out_dir.path().to_str().unwrap();
    let checkins = out_dir.path().join("checkins.csv");
    std::fs::write(&checkins, "kept").unwrap();
    assert!(
        unknot(dir.path(), &["checkin", "--pain", "4"])
            .status
            .success()
    );

    let refused = unknot(dir.path(), &["export", "--out", out_arg]);
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr);
    assert!(said.contains("already holds checkins.csv"), "{said}");
    assert!(said.contains("--force"), "{said}");
    assert_eq!(std::fs::read_to_string(&checkins).unwrap(), "kept");
    assert!(!out_dir.path().join("sessions.csv").exists());

    let forced = unknot(dir.path(), &["export", "--out", out_arg, "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    let csv = std::fs::read_to_string(&checkins).unwrap();
    assert!(csv.starts_with("date,recorded_at,pain,"), "{csv}");
    assert_eq!(csv.lines().count(), 2, "{csv}");
}
