//! Reliability under faults: a writer killed at random moments, a full disk,
//! a read-only data folder, clock and time-zone changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, Utc};
use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionKind};
use unknot::store::{Fault, Store, StoreError};

const CHILD_DIR: &str = "UNKNOT_TEST_CHILD_DIR";

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
}

fn checkin(n: u64) -> CheckIn {
    CheckIn {
        date: base_date() + Days::new(n),
        recorded_at: DateTime::<Utc>::from_timestamp(
            946_684_800 + 86_400 * i64::try_from(n).unwrap(),
            0,
        )
        .unwrap(),
        pain: Rating::new(i64::try_from(n % 11).unwrap(), "pain").unwrap(),
        stress: None,
        areas: vec![],
        red_flags: RedFlags::default(),
        note: format!(
            "entry {n} {}",
            "x".repeat(usize::try_from(n % 300).unwrap())
        ),
    }
}

/// Not a test on its own: the writer that `killed_writer_loses_no_committed_save`
/// starts as a child process and kills. It reports each commit on stdout.
#[test]
#[ignore = "run as a child process by killed_writer_loses_no_committed_save"]
fn child_writer() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let mut store = Store::open(Path::new(&dir)).unwrap();
    let start = u64::try_from(store.checkins().unwrap().len()).unwrap();
    let mut out = std::io::stdout().lock();
    for n in start.. {
        store.save_checkin(&checkin(n)).unwrap();
        let c = checkin(n);
        store
            .add_session(&Session::new(
                SessionKind::Stretch,
                c.recorded_at,
                c.date,
                180,
            ))
            .unwrap();
        writeln!(out, "committed {n}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn killed_writer_loses_no_committed_save() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut committed: Vec<u64> = Vec::new();
    // A small fixed-seed generator: the kill moments vary but the test repeats.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..24 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let wait_ms = 30 + (seed >> 33) % 120;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("committed ")?.parse::<u64>().ok())
                .collect::<Vec<u64>>()
        });
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap(); // SIGKILL on Unix: no clean-up runs.
        child.wait().unwrap();
        committed.extend(reader.join().unwrap());

        let store = Store::open(dir.path()).unwrap();
        store.integrity_check().unwrap();
        let saved = store.checkins().unwrap();
        let sessions = store.sessions().unwrap();
        for n in &committed {
            let expected = checkin(*n);
            let found = saved.iter().find(|c| c.date == expected.date);
            assert_eq!(
                found,
                Some(&expected),
                "check-in {n} was reported committed"
            );
            assert!(
                sessions.iter().any(|s| s.date == expected.date),
                "session {n} was reported committed"
            );
        }
    }
    assert!(
        committed.len() > 24,
        "the writer committed too little to test anything: {}",
        committed.len()
    );
}

#[test]
fn a_full_disk_is_reported_with_the_path_and_loses_nothing_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.save_checkin(&checkin(0)).unwrap();
    store.inject_fault(Fault::DiskFull).unwrap();
    let mut failure = None;
    for n in 1..200 {
        if let Err(e) = store.save_checkin(&checkin(n)) {
            failure = Some(e);
            break;
        }
    }
    let failure = failure.expect("the page limit should fill up");
    assert!(
        matches!(failure, StoreError::DiskFull { .. }),
        "{failure:?}"
    );
    let message = failure.to_string();
    assert!(message.contains("full"), "{message}");
    assert!(
        message.contains(&dir.path().display().to_string()),
        "{message}"
    );
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    store.integrity_check().unwrap();
    assert_eq!(store.checkins().unwrap()[0], checkin(0));
}

#[test]
fn a_failed_save_keeps_the_form_on_screen_with_the_error_beside_it() {
    for fault in [Fault::DiskFull, Fault::ReadOnly] {
        let dir = tempfile::tempdir().unwrap();
        // Fill the last page so that a check-in with a long note cannot fit.
        {
            let mut store = Store::open(dir.path()).unwrap();
            store.inject_fault(Fault::DiskFull).unwrap();
            for n in 1..200 {
                if store.save_checkin(&checkin(n)).is_err() {
                    break;
                }
            }
        }
        let clock = common::clock();
        let mut harness = common::harness(dir.path(), &clock);
        harness.state().store().inject_fault(fault).unwrap();
        common::click(&mut harness, "Pain 6");
        common::click(&mut harness, "Note");
        let note = "tight after the long drive ".repeat(60);
        harness.get_by_label("Note").type_text(&note);
        harness.run();
        common::click(&mut harness, "Save check-in");

        let db = dir.path().join(unknot::store::DB_FILE_NAME);
        let error = harness.get_by_label_contains("nothing was saved");
        let shown = format!("{:?}", error.accesskit_node());
        assert!(
            shown.contains(&db.display().to_string()),
            "{fault:?}: {shown}"
        );
        // What was typed is still there to try again.
        assert_eq!(
            harness.get_by_label("Pain 6").accesskit_node().toggled(),
            Some(Toggled::True)
        );
        assert_eq!(harness.get_by_label("Note").value().unwrap(), note);
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert!(harness.state().store().checkin_on(today).unwrap().is_none());
    }
}

#[test]
fn a_read_only_data_folder_gives_a_clear_error_naming_the_path() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(data.path()).unwrap();
        store.save_checkin(&checkin(1)).unwrap();
    }
    let before = std::fs::read(data.path().join(unknot::store::DB_FILE_NAME)).unwrap();
    let (_bin, mut cmd) = common::unprivileged_unknot();
    for entry in std::fs::read_dir(data.path()).unwrap().flatten() {
        set_mode(&entry.path(), 0o444);
    }
    set_mode(data.path(), 0o555);

    let out = cmd
        .arg("--data-dir")
        .arg(data.path())
        .args(["checkin", "--pain", "3"])
        .output()
        .unwrap();
    set_mode(data.path(), 0o755);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&data.path().display().to_string()),
        "{stderr}"
    );
    assert!(
        stderr.contains("read-only") || stderr.contains("ermission"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(data.path().join(unknot::store::DB_FILE_NAME)).unwrap(),
        before
    );
}

use common::set_mode;

#[test]
fn dst_and_time_zone_changes_keep_one_row_per_local_date() {
    let dir = tempfile::tempdir().unwrap();
    // Saturday 28 March 2026, 23:30 in Central Europe, the night the clocks go forward.
    let clock = unknot::domain::clock::ManualClock::new(
        DateTime::parse_from_rfc3339("2026-03-28T23:30:00+01:00").unwrap(),
    );
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 5");
    common::click(&mut harness, "Save check-in");

    // 01:30 CET = 02:30 ... the clocks jump to 03:30 CEST: now Sunday 29 March.
    clock.set_wall(DateTime::parse_from_rfc3339("2026-03-29T03:30:00+02:00").unwrap());
    harness.run();
    common::click(&mut harness, "Pain 4");
    common::click(&mut harness, "Save check-in");
    // Later that Sunday, flying to New York: the UTC date is the 30th but the
    // local date is still the 29th, so this updates Sunday's row.
    clock.set_wall(DateTime::parse_from_rfc3339("2026-03-29T21:30:00-04:00").unwrap());
    harness.run();
    common::click(&mut harness, "Pain 3");
    common::click(&mut harness, "Update check-in");

    let rows = harness.state().store().checkins().unwrap();
    let days: Vec<(String, u8)> = rows
        .iter()
        .map(|c| (c.date.to_string(), c.pain.get()))
        .collect();
    assert_eq!(
        days,
        vec![("2026-03-28".to_owned(), 5), ("2026-03-29".to_owned(), 3)]
    );
}

// ---------------------------------------------------------------------------
// Restore, foreign files, privacy and damage.

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_unknot")
}

/// The real binary on the data folder `dir`, with `UNKNOT_DATA_DIR` cleared.
fn unknot_cmd(dir: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("--data-dir").arg(dir).env_remove("UNKNOT_DATA_DIR");
    cmd
}

/// A store in `dir` holding check-ins `from..to` (with long notes, so that
/// copying it takes a measurable moment).
fn store_with(dir: &Path, range: std::ops::Range<u64>) {
    let mut store = Store::open(dir).unwrap();
    store
        .insert_new_checkins(&range.map(checkin).collect::<Vec<_>>())
        .unwrap();
}

/// The dates and notes a store holds, to compare whole contents.
fn contents(store: &Store) -> Vec<(NaiveDate, String)> {
    store
        .checkins()
        .unwrap()
        .into_iter()
        .map(|c| (c.date, c.note))
        .collect()
}

fn expected(range: std::ops::Range<u64>) -> Vec<(NaiveDate, String)> {
    range.map(checkin).map(|c| (c.date, c.note)).collect()
}

/// A checked backup of a store holding check-ins `range`, written to `file`.
fn backup_file(file: &Path, range: std::ops::Range<u64>) {
    let source = tempfile::tempdir().unwrap();
    store_with(source.path(), range);
    let made = Store::open(source.path()).unwrap().backup_to(file).unwrap();
    assert_eq!(made, file);
}

/// Files in `dir` whose names start with `prefix`.
fn files_starting(dir: &Path, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

fn kept_files(dir: &Path) -> Vec<std::path::PathBuf> {
    files_starting(dir, "unknot.sqlite3.replaced-")
        .into_iter()
        .filter(|p| {
            !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm")
        })
        .collect()
}

/// What a kept or backup file holds, opened read-only through a copy.
fn contents_of_file(file: &Path) -> Vec<(NaiveDate, String)> {
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(file, scratch.path().join(unknot::store::DB_FILE_NAME)).unwrap();
    contents(&Store::open(scratch.path()).unwrap())
}

#[test]
fn restores_in_the_same_second_never_overwrite_a_kept_file() {
    let dir = tempfile::tempdir().unwrap();
    let backups = tempfile::tempdir().unwrap();
    let first_backup = backups.path().join("a.sqlite3");
    let second_backup = backups.path().join("b.sqlite3");
    backup_file(&first_backup, 100..103);
    backup_file(&second_backup, 200..202);
    store_with(dir.path(), 0..5);
    let now = DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc);

    let mut store = Store::open(dir.path()).unwrap();
    let kept_first = store.restore_from(&first_backup, now).unwrap();
    // A check-in that exists only in the live file between the two restores.
    store.save_checkin(&checkin(42)).unwrap();
    let kept_second = store.restore_from(&second_backup, now).unwrap();
    assert_ne!(kept_first, kept_second);
    assert_eq!(contents(&store), expected(200..202));
    drop(store);

    assert_eq!(contents_of_file(&kept_first), expected(0..5));
    let mut between = expected(100..103);
    between.insert(0, (checkin(42).date, checkin(42).note));
    assert_eq!(contents_of_file(&kept_second), between);
}

#[test]
fn a_restore_killed_at_random_moments_leaves_the_old_or_the_new_store_whole() {
    let template = tempfile::tempdir().unwrap();
    store_with(template.path(), 0..1500);
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("backup.sqlite3");
    backup_file(&backup, 3000..4200);
    let old = expected(0..1500);
    let new = expected(3000..4200);

    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let (mut saw_old, mut saw_new) = (0, 0);
    for trial in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            template.path().join(unknot::store::DB_FILE_NAME),
            dir.path().join(unknot::store::DB_FILE_NAME),
        )
        .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait_ms = 2 + seed % 30;
        let mut child = unknot_cmd(dir.path())
            .args(["restore", "--yes"])
            .arg(&backup)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait_ms));
        let _ = child.kill(); // SIGKILL: nothing of the restore's own runs.
        child.wait().unwrap();

        let store = Store::open(dir.path()).unwrap();
        store.integrity_check().unwrap();
        let now = contents(&store);
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!(
                "trial {trial} (killed after {wait_ms} ms) left {} check-ins, neither store",
                now.len()
            );
        }
        // Whatever was kept aside is the old store, whole.
        for kept in kept_files(dir.path()) {
            assert_eq!(contents_of_file(&kept), old, "trial {trial}: {kept:?}");
        }
    }
    eprintln!("old store {saw_old} times, new store {saw_new} times");
}

#[test]
fn a_restore_keeps_out_command_line_writers_and_loses_no_saved_check_in() {
    for trial in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        store_with(dir.path(), 0..300);
        let backups = tempfile::tempdir().unwrap();
        let backup = backups.path().join("backup.sqlite3");
        backup_file(&backup, 5000..5600);

        let first_day = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let mut writers = Vec::new();
        let mut restore = None;
        for i in 0..40u64 {
            let day = (first_day + Days::new(i)).to_string();
            writers.push((
                day.clone(),
                unknot_cmd(dir.path())
                    .args(["checkin", "--pain", "4", "--date", &day])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap(),
            ));
            if i == 15 {
                restore = Some(
                    unknot_cmd(dir.path())
                        .args(["restore", "--yes"])
                        .arg(&backup)
                        .output_async(),
                );
            }
        }
        let mut saved = Vec::new();
        for (day, child) in writers {
            let out = child.wait_with_output().unwrap();
            if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Saved") {
                saved.push(NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap());
            }
        }
        let restore = restore.unwrap().wait_with_output().unwrap();
        assert!(
            restore.status.success(),
            "trial {trial}: {}",
            String::from_utf8_lossy(&restore.stderr)
        );
        assert!(
            saved.len() >= 30,
            "trial {trial}: only {} saved",
            saved.len()
        );

        let mut found: Vec<NaiveDate> = Store::open(dir.path())
            .unwrap()
            .checkins()
            .unwrap()
            .into_iter()
            .map(|c| c.date)
            .collect();
        for kept in kept_files(dir.path()) {
            found.extend(contents_of_file(&kept).into_iter().map(|(d, _)| d));
        }
        for day in saved {
            assert!(
                found.contains(&day),
                "trial {trial}: {day} printed Saved and is in no file"
            );
        }
    }
}

/// Starting a child without waiting for it, as a test helper.
trait OutputAsync {
    fn output_async(&mut self) -> std::process::Child;
}

impl OutputAsync for Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

/// A small tmpfs, unmounted when dropped: a real full disk.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(Self { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_during_restore_leaves_the_store_as_it_was() {
    let Some(disk) = SmallDisk::mount("1m") else {
        // Mounting needs root, which CI has; elsewhere say so rather than pass quietly.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to mount a tmpfs"
        );
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let dir = disk.dir.path().join("data");
    store_with(&dir, 0..20);
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("big.sqlite3");
    backup_file(&backup, 0..8000);
    assert!(std::fs::metadata(&backup).unwrap().len() > 1_200_000);

    let out = unknot_cmd(&dir)
        .args(["restore", "--yes"])
        .arg(&backup)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is full"), "{stderr}");
    assert_eq!(stderr.matches("is full").count(), 1, "{stderr}");

    let store = Store::open(&dir).unwrap();
    store.integrity_check().unwrap();
    assert_eq!(contents(&store), expected(0..20));
}

/// A SQLite file of another program: a table of its own, user_version 0.
fn foreign_database(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
}

#[test]
fn another_programs_database_and_an_empty_file_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(unknot::store::DB_FILE_NAME);
    foreign_database(&db);
    let before = std::fs::read(&db).unwrap();
    let out = unknot_cmd(dir.path())
        .args(["checkin", "--pain", "3"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("another program"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(!dir.path().join("unknot.sqlite3-wal").exists());

    // Another program's file that happens to have Unknot's tables but its own mark.
    let other = tempfile::tempdir().unwrap();
    store_with(other.path(), 0..2);
    {
        let conn =
            rusqlite::Connection::open(other.path().join(unknot::store::DB_FILE_NAME)).unwrap();
        conn.pragma_update(None, "application_id", 0x1234_5678)
            .unwrap();
    }
    let err = Store::open(other.path()).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err:?}");

    // Restoring from another program's file, or from an empty one, changes nothing.
    let live = tempfile::tempdir().unwrap();
    store_with(live.path(), 0..4);
    let files = tempfile::tempdir().unwrap();
    let foreign = files.path().join("foreign.sqlite3");
    foreign_database(&foreign);
    let empty = files.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    for bad in [&foreign, &empty] {
        let out = unknot_cmd(live.path())
            .args(["restore", "--yes"])
            .arg(bad)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{bad:?}: {stderr}");
        assert!(stderr.contains("not an Unknot file"), "{stderr}");
        assert_eq!(contents(&Store::open(live.path()).unwrap()), expected(0..4));
        assert!(kept_files(live.path()).is_empty());
    }
    // The live file itself is not a backup.
    let out = unknot_cmd(live.path())
        .args(["restore", "--yes"])
        .arg(live.path().join(unknot::store::DB_FILE_NAME))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("database in use"), "{stderr}");
    assert_eq!(contents(&Store::open(live.path()).unwrap()), expected(0..4));
}

#[test]
fn a_store_from_before_the_application_id_is_accepted_and_stamped() {
    let dir = tempfile::tempdir().unwrap();
    store_with(dir.path(), 0..3);
    let db = dir.path().join(unknot::store::DB_FILE_NAME);
    let read_id = || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
            .unwrap()
    };
    assert_eq!(read_id(), unknot::store::APPLICATION_ID);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "application_id", 0).unwrap();
    }
    assert_eq!(read_id(), 0);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(contents(&store), expected(0..3));
    drop(store);
    assert_eq!(read_id(), unknot::store::APPLICATION_ID);
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn every_file_and_folder_is_private_under_a_permissive_umask() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    // An existing folder that is too open gets tightened.
    std::fs::create_dir(&dir).unwrap();
    set_mode(&dir, 0o755);
    let exports = parent.path().join("exports");
    let run = |args: &[&str]| {
        let out = Command::new("sh")
            .arg("-c")
            .arg("umask 022; exec \"$@\"")
            .arg("sh")
            .arg(bin())
            .arg("--data-dir")
            .arg(&dir)
            .args(args)
            .env_remove("UNKNOT_DATA_DIR")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["checkin", "--pain", "3"]);
    run(&["backup"]);
    run(&["export", "--out", exports.to_str().unwrap()]);

    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("backups")), 0o700);
    assert_eq!(mode(&exports), 0o700);
    let mut checked = 0;
    for folder in [&dir, &dir.join("backups"), &exports] {
        for entry in std::fs::read_dir(folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_file() {
                assert_eq!(mode(&entry.path()), 0o600, "{:?}", entry.path());
                checked += 1;
            }
        }
    }
    // The database, the write lock, a backup and three CSV files at least.
    assert!(checked >= 6, "{checked}");

    // The library on its own (as the window uses it) makes private files too.
    let lib_dir = parent.path().join("library");
    let mut store = Store::open(&lib_dir).unwrap();
    store.save_checkin(&checkin(1)).unwrap();
    for name in ["unknot.sqlite3", "unknot.sqlite3-wal", "unknot.sqlite3-shm"] {
        assert_eq!(mode(&lib_dir.join(name)), 0o600, "{name}");
    }
    assert_eq!(mode(&lib_dir), 0o700);
}

#[test]
fn fifty_first_starts_at_once_on_a_new_folder_all_save() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new");
    let start = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    let children: Vec<_> = (0..50u64)
        .map(|i| {
            let day = (start + Days::new(i)).to_string();
            unknot_cmd(&dir)
                .args(["checkin", "--pain", "2", "--date", &day])
                .output_async()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(Store::open(&dir).unwrap().checkins().unwrap().len(), 50);
}

#[test]
fn damage_the_quick_check_misses_stops_writes_and_export_carries_out_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    store_with(dir.path(), 0..20);
    let db = dir.path().join(unknot::store::DB_FILE_NAME);
    // Flip the first byte of one date in its table row (not in the index):
    // the row no longer matches its index entry, and no longer decodes.
    let mut bytes = std::fs::read(&db).unwrap();
    let date = checkin(7).date.to_string();
    let recorded = checkin(7)
        .recorded_at
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let row = format!("{date}{recorded}");
    let at = bytes
        .windows(row.len())
        .position(|w| w == row.as_bytes())
        .expect("the row is in the file");
    bytes[at] = 0xff;
    std::fs::write(&db, &bytes).unwrap();
    {
        let store = Store::open(dir.path()).expect("the quick check misses this damage");
        assert!(store.integrity_check().is_err());
    }
    let damaged = std::fs::read(&db).unwrap();

    let out = unknot_cmd(dir.path())
        .args(["checkin", "--pain", "5", "--date", "2026-11-01"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("integrity check"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        damaged,
        "nothing was written into it"
    );

    let exports = tempfile::tempdir().unwrap();
    let out = unknot_cmd(dir.path())
        .args(["export", "--out"])
        .arg(exports.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(stderr.contains("record 8"), "{stderr}");
    let csv = std::fs::read_to_string(exports.path().join("checkins.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 19, "{csv}");
    assert!(!csv.contains("entry 7 "));
    assert!(csv.contains("entry 8 "));
}

#[test]
fn the_window_on_a_refused_database_offers_the_backups_and_restores_one() {
    use egui_kittest::Harness;
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(unknot::store::DB_FILE_NAME);
    foreign_database(&db);
    let foreign = std::fs::read(&db).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    backup_file(&backups.join("unknot-2026-11-20.sqlite3"), 0..3);
    let reason = Store::open(dir.path()).unwrap_err();
    assert!(reason.is_refusal());

    let clock = common::clock();
    let data_dir = dir.path().to_path_buf();
    let mut harness = Harness::builder()
        .with_size([640.0, 520.0])
        .build_eframe(move |cc| {
            unknot::ui::RefusedApp::new(&cc.egui_ctx, reason.to_string(), data_dir, Arc::new(clock))
        });
    harness.run();
    harness.get_by_label_contains("another program");
    harness.get_by_label("Open the data folder");
    harness
        .get_by_label("Restore unknot-2026-11-20.sqlite3")
        .click();
    harness.run();
    // Nothing happens before the second, explicit click.
    assert_eq!(std::fs::read(&db).unwrap(), foreign);
    harness
        .get_by_label("Yes, restore unknot-2026-11-20.sqlite3")
        .click();
    harness.run();
    harness.get_by_label_contains("Restored unknot-2026-11-20.sqlite3");

    assert_eq!(contents(&Store::open(dir.path()).unwrap()), expected(0..3));
    let kept = kept_files(dir.path());
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), foreign);
}
