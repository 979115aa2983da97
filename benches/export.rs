//! CSV export of ten years of history: Unknot's writer against `sqlite3 -csv`
//! writing the same rows from the same database file.
//!
//! Unknot's side does what an export does: open the store (with its checks),
//! read every record with its uid (`Store::salvage`), and write
//! `checkins.csv` and `sessions.csv` with `unknot::csv_files`. The other side is one `sqlite3`
//! process writing the same columns to two files. Without `--bench` (as under
//! `cargo test`) it only checks, on a few weeks of data, that both sides write
//! the same number of rows.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench may stop at the first surprise.

mod common;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{DEMO_DAYS, fill_store, measuring, median};
use unknot::store::{DB_FILE_NAME, Store};

const RUNS: usize = 15;

const CHECKINS_SQL: &str = "SELECT local_date AS date, recorded_at, pain, stress, areas, \
     flag_arm_symptoms AS arm_symptoms, flag_after_impact AS after_impact, \
     flag_fever AS fever, note, uid FROM checkins ORDER BY local_date;";

const SESSIONS_SQL: &str = "SELECT kind, started_at, local_date AS date, duration_secs, routine, \
     heat_type, area, capped, feel_after, note, \
     (SELECT group_concat(exercise || ':' || holds_done || '/' || holds_planned, ';') \
        FROM (SELECT * FROM session_exercises e WHERE e.session_id = s.id ORDER BY position)) \
       AS exercises, uid \
     FROM sessions s ORDER BY started_at, id;";

fn main() {
    let data = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let out = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    let days = if measuring() { DEMO_DAYS } else { 40 };
    let (checkins, sessions) = fill_store(data.path(), today, days);
    let db = data.path().join(DB_FILE_NAME);

    if !measuring() {
        let unknot = unknot_export(data.path(), out.path());
        assert_eq!(unknot.0, checkins + 1, "check-in lines, header included");
        assert_eq!(unknot.1, sessions + 1, "session lines, header included");
        if have_sqlite3() {
            let sqlite = sqlite_export(&db, out.path());
            assert_eq!(
                sqlite.0, unknot.0,
                "sqlite3 wrote another number of check-in lines"
            );
            assert_eq!(
                sqlite.1, unknot.1,
                "sqlite3 wrote another number of session lines"
            );
        } else {
            println!("export bench smoke run: no sqlite3 here, so only Unknot's side was checked");
        }
        println!("export bench smoke run: ok ({checkins} check-ins, {sessions} sessions)");
        return;
    }

    println!("ten years: {checkins} check-ins and {sessions} sessions");
    // Warm-up: page cache and the first-open checks' effects.
    unknot_export(data.path(), out.path());
    sqlite_export(&db, out.path());
    let mut unknot_ms = Vec::new();
    let mut unknot_write_ms = Vec::new();
    let mut sqlite_ms = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        unknot_export(data.path(), out.path());
        unknot_ms.push(t.elapsed().as_secs_f64() * 1000.0);

        let store = Store::open(data.path()).expect("open the store");
        let t = Instant::now();
        write_files(&store, out.path());
        unknot_write_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(store);

        let t = Instant::now();
        sqlite_export(&db, out.path());
        sqlite_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let sizes = |names: [&str; 2]| -> u64 {
        names
            .iter()
            .map(|n| {
                std::fs::metadata(out.path().join(n))
                    .expect("an output file")
                    .len()
            })
            .sum()
    };
    let (unknot, sqlite, read_write) = (
        median(&mut unknot_ms),
        median(&mut sqlite_ms),
        median(&mut unknot_write_ms),
    );
    println!("\nCSV export of ten years, median of {RUNS} runs each:");
    println!(
        "  Unknot (open + read + write) / sqlite3 -csv (process start + open + write) = {:.2}x (goal <= 1.5x)",
        unknot / sqlite
    );
    println!(
        "  Unknot read + write only, store already open / sqlite3 -csv = {:.2}x",
        read_write / sqlite
    );
    println!(
        "  bytes written: Unknot {} / sqlite3 {}",
        sizes(["checkins.csv", "sessions.csv"]),
        sizes(["sqlite-checkins.csv", "sqlite-sessions.csv"])
    );
    println!(
        "  absolute medians, this machine only: Unknot {unknot:.1} ms \
         ({read_write:.1} ms without opening), sqlite3 {sqlite:.1} ms"
    );
}

/// An export as the app does it; returns the line counts of the two files.
fn unknot_export(data: &Path, out: &Path) -> (usize, usize) {
    let store = Store::open(data).expect("open the store");
    write_files(&store, out);
    (
        count_lines(&out.join("checkins.csv")),
        count_lines(&out.join("sessions.csv")),
    )
}

fn write_files(store: &Store, out: &Path) {
    // Read as an export reads: record by record, with uids.
    let set = store.salvage().set;
    let mut file = BufWriter::new(File::create(out.join("checkins.csv")).expect("create"));
    unknot::csv_files::write_checkins(&mut file, &set.checkins).expect("write check-ins");
    file.flush().expect("flush");
    let mut file = BufWriter::new(File::create(out.join("sessions.csv")).expect("create"));
    unknot::csv_files::write_sessions(&mut file, &set.sessions).expect("write sessions");
    file.flush().expect("flush");
}

/// The same rows with `sqlite3 -csv -header`; returns the line counts.
fn sqlite_export(db: &Path, out: &Path) -> (usize, usize) {
    let checkins = out.join("sqlite-checkins.csv");
    let sessions = out.join("sqlite-sessions.csv");
    let script = format!(
        ".output '{}'\n{CHECKINS_SQL}\n.output '{}'\n{SESSIONS_SQL}\n.output stdout\n",
        checkins.display(),
        sessions.display()
    );
    let mut child = Command::new("sqlite3")
        .args(["-csv", "-header", "-bail"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start sqlite3 (install it with: apt-get install sqlite3)");
    child
        .stdin
        .take()
        .expect("sqlite3's stdin")
        .write_all(script.as_bytes())
        .expect("send the script to sqlite3");
    let status = child.wait().expect("wait for sqlite3");
    assert!(status.success(), "sqlite3 failed: {status}");
    (count_lines(&checkins), count_lines(&sessions))
}

fn have_sqlite3() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Lines in a file (the demo data has no line breaks inside cells).
fn count_lines(path: &Path) -> usize {
    let text = std::fs::read(path).expect("read an output file");
    text.iter().filter(|&&b| b == b'\n').count()
}
