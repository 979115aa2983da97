//! Saving a check-in: `Store::save_checkin` against a bare rusqlite insert and
//! commit with the same pragmas (WAL, synchronous=FULL) into the same schema,
//! each on its own copy of a database holding ten years of history.
//!
//! Every save is one transaction that SQLite forces to disk, so both sides
//! mostly wait for the disk; the ratio shows what Unknot adds on top. The
//! files live in cargo's target folder, not in a RAM-backed /tmp. Without
//! `--bench` (as under `cargo test`) it only checks that both sides save.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench may stop at the first surprise.

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::{Days, NaiveDate, Utc};
use common::{DEMO_DAYS, fill_store, measuring, median};
use rusqlite::{Connection, params};
use unknot::domain::pain::{Area, CheckIn, Rating, RedFlags};
use unknot::store::{DB_FILE_NAME, Store};

/// Saves per side, taken in alternating blocks.
const SAVES: usize = 200;
const BLOCK: usize = 20;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    let (days, saves, block) = if measuring() {
        (DEMO_DAYS, SAVES, BLOCK)
    } else {
        (30, 4, 2)
    };
    let tmp = env!("CARGO_TARGET_TMPDIR");
    let template = tempfile::tempdir_in(tmp).expect("a temporary folder");
    fill_store(template.path(), today, days);
    let unknot_dir = tempfile::tempdir_in(tmp).expect("a temporary folder");
    let bare_dir = tempfile::tempdir_in(tmp).expect("a temporary folder");
    for dir in [unknot_dir.path(), bare_dir.path()] {
        copy_database(template.path(), dir);
    }

    let mut store = Store::open(unknot_dir.path()).expect("open the store");
    let mut bare = Connection::open(bare_dir.path().join(DB_FILE_NAME)).expect("open sqlite");
    bare.pragma_update(None, "journal_mode", "WAL")
        .expect("WAL");
    bare.pragma_update(None, "synchronous", "FULL")
        .expect("synchronous");

    let mut unknot_ms = Vec::with_capacity(saves);
    let mut bare_ms = Vec::with_capacity(saves);
    let mut next = 0;
    while next < saves {
        for i in next..next + block {
            // New days after the history, as a person checking in each day.
            let checkin = checkin_for(today + Days::new(i as u64 + 1), i);
            let t = Instant::now();
            store.save_checkin(&checkin).expect("save the check-in");
            unknot_ms.push(t.elapsed().as_secs_f64() * 1000.0);

            let t = Instant::now();
            bare_insert(&mut bare, &checkin);
            bare_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        next += block;
    }
    let count = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM checkins", [], |r| r.get(0))
            .expect("count")
    };
    let bare_count = count(&bare);
    drop(store);
    let unknot_count =
        count(&Connection::open(unknot_dir.path().join(DB_FILE_NAME)).expect("open"));
    assert_eq!(unknot_count, bare_count, "both sides hold the same rows");

    if !measuring() {
        println!("save bench smoke run: ok ({saves} saves each)");
        return;
    }
    let (unknot, bare) = (median(&mut unknot_ms), median(&mut bare_ms));
    println!("\ncheck-in save, median of {saves} saves each, on ten years of history:");
    println!(
        "  Store::save_checkin / bare rusqlite insert + commit = {:.2}x",
        unknot / bare
    );
    println!("  absolute medians, this machine only: Unknot {unknot:.2} ms, bare {bare:.2} ms");
}

fn copy_database(from: &Path, to: &Path) {
    // The store was closed cleanly, so its WAL has been checkpointed into the file.
    std::fs::copy(from.join(DB_FILE_NAME), to.join(DB_FILE_NAME)).expect("copy the database");
}

fn checkin_for(date: NaiveDate, i: usize) -> CheckIn {
    CheckIn {
        date,
        recorded_at: Utc::now(),
        pain: Rating::new((i % 11) as i64, "pain").expect("0..=10"),
        stress: Some(Rating::new(((i + 3) % 11) as i64, "stress").expect("0..=10")),
        areas: vec![Area::BetweenShoulderBlades, Area::Neck],
        red_flags: RedFlags::default(),
        note: "long call, forgot to move".to_owned(),
    }
}

/// The least a program can do to store the same row durably.
fn bare_insert(conn: &mut Connection, c: &CheckIn) {
    let tx = conn.transaction().expect("begin");
    tx.execute(
        "INSERT INTO checkins (local_date, recorded_at, pain, stress, areas, \
         flag_arm_symptoms, flag_after_impact, flag_fever, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.date.format("%Y-%m-%d").to_string(),
            c.recorded_at.to_rfc3339(),
            c.pain.get(),
            c.stress.map(Rating::get),
            Area::join(&c.areas),
            c.red_flags.arm_symptoms,
            c.red_flags.after_impact,
            c.red_flags.fever,
            c.note,
        ],
    )
    .expect("insert");
    tx.commit().expect("commit");
}
