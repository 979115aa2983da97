//! The visit summary for the last 12 weeks, from ten years of demo history
//! against the same from four weeks: the cost should follow the period,
//! not the history (goal: at most 1.5x).
//!
//! Each run does what the window's button and `unknot report` do once the
//! store is open: read what the period needs (`report::summarize`), then
//! lay out and make the PDF (`report::render`, krilla's PDF/UA-1 and
//! PDF/A-2b validation included). Writing the file is left out: it is the
//! same bytes to disk either way. Without `--bench` (as under `cargo
//! test`) it only checks, on small stores, that both sides make a PDF.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench may stop at the first surprise.

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use common::{measuring, median};
use unknot::domain::visit::Period;
use unknot::report::{self, Paper};
use unknot::store::Store;

const RUNS: usize = 31;

fn demo_store(dir: &Path, days: u32, today: NaiveDate) -> Store {
    let mut store = Store::open(dir).expect("open the store");
    let history = unknot::demo::generate(days, today, unknot::demo::DEFAULT_SEED);
    unknot::demo::fill_store(&mut store, &history).expect("fill the store");
    store
}

/// One summary of the last `weeks`, read and rendered: milliseconds in all
/// and for the reading alone, and the PDF's size.
fn one_report(store: &Store, weeks: u32, today: NaiveDate) -> (f64, f64, usize) {
    let started = Instant::now();
    let period = Period::last_weeks(weeks, today).expect("a period");
    let summary = report::summarize(store, period, today).expect("a summary");
    let read = started.elapsed().as_secs_f64() * 1000.0;
    let pdf = report::render(&summary, Paper::A4).expect("a PDF");
    (started.elapsed().as_secs_f64() * 1000.0, read, pdf.len())
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    let long_days = if measuring() { 3652 } else { 200 };
    let long_dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let short_dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let long = demo_store(long_dir.path(), long_days, today);
    let short = demo_store(short_dir.path(), 28, today);

    if !measuring() {
        for store in [&long, &short] {
            let (_, _, bytes) = one_report(store, 12, today);
            assert!(bytes > 1000, "a PDF of {bytes} bytes");
        }
        println!("report bench smoke run: ok");
        return;
    }

    let counts = |store: &Store| {
        let checkins = store.checkins().expect("check-ins").len();
        let sessions = store.sessions().expect("sessions").len();
        (checkins, sessions)
    };
    println!(
        "ten years: {:?} check-ins and sessions; four weeks: {:?}",
        counts(&long),
        counts(&short)
    );
    // Warm-up: the page cache, the font's first parse.
    one_report(&long, 12, today);
    one_report(&short, 12, today);
    let (mut long_ms, mut short_ms) = (Vec::new(), Vec::new());
    let (mut long_read, mut short_read) = (Vec::new(), Vec::new());
    let mut sizes = (0, 0);
    // The same page from both: the last four weeks, which is all the short
    // store holds, so only the history's length differs.
    let mut same_page_ms = Vec::new();
    for _ in 0..RUNS {
        same_page_ms.push(one_report(&long, 4, today).0);
        let (ms, read, bytes) = one_report(&long, 12, today);
        long_ms.push(ms);
        long_read.push(read);
        sizes.0 = bytes;
        let (ms, read, bytes) = one_report(&short, 12, today);
        short_ms.push(ms);
        short_read.push(read);
        sizes.1 = bytes;
    }
    let (long_median, short_median) = (median(&mut long_ms), median(&mut short_ms));
    println!(
        "last 12 weeks from ten years: median {long_median:.2} ms, of which reading {:.2} ms ({} bytes)",
        median(&mut long_read),
        sizes.0
    );
    println!(
        "last 12 weeks from four weeks: median {short_median:.2} ms, of which reading {:.2} ms ({} bytes)",
        median(&mut short_read),
        sizes.1
    );
    println!(
        "ratio: {:.2}x (goal: at most 1.5x)",
        long_median / short_median
    );
    let same_page = median(&mut same_page_ms);
    println!(
        "the same page, the last four weeks, from ten years: median {same_page:.2} ms, \
         {:.2}x the four-week store's",
        same_page / short_median
    );
}
