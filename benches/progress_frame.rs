//! Frame cost of the Progress screen: an empty store against ten years of
//! demo history. The screen draws from a view built once per data change,
//! so the two should cost about the same; the goal is at most 1.2 times.
//!
//! `cargo bench --bench progress_frame` measures 200 frames of each case.
//! Run without `--bench` (as `cargo test --all-targets` does), it makes a
//! few frames only, to check that it still works.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use chrono::DateTime;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unknot::domain::clock::{Clock, ManualClock};
use unknot::ui::UnknotApp;

/// Ten years, leap days included.
const TEN_YEARS_DAYS: u32 = 3653;
const GOAL_RATIO: f64 = 1.2;

struct Case {
    name: &'static str,
    days: u32,
    range: &'static str,
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (warmup, frames) = if benchmarking { (30, 200) } else { (2, 5) };
    let clock =
        ManualClock::new(DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap());
    let cases = [
        Case {
            name: "empty store, 12 weeks",
            days: 0,
            range: "12 weeks",
        },
        Case {
            name: "10 years, 12 weeks",
            days: TEN_YEARS_DAYS,
            range: "12 weeks",
        },
        Case {
            name: "empty store, all time",
            days: 0,
            range: "All time",
        },
        Case {
            name: "10 years, all time",
            days: TEN_YEARS_DAYS,
            range: "All time",
        },
    ];
    // Frames of all cases are interleaved, so a busy machine slows each alike.
    let (mut harnesses, _dirs): (Vec<Harness<'static, UnknotApp>>, Vec<tempfile::TempDir>) = cases
        .iter()
        .map(|case| progress_harness(case, &clock))
        .unzip();
    for _ in 0..warmup {
        harnesses.iter_mut().for_each(|h| h.step());
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(frames); cases.len()];
    for _ in 0..frames {
        for (harness, case_times) in harnesses.iter_mut().zip(&mut times) {
            let start = Instant::now();
            harness.step();
            case_times.push(start.elapsed());
        }
    }
    let medians: Vec<Duration> = times.into_iter().map(median).collect();
    for (case, median) in cases.iter().zip(&medians) {
        println!(
            "{:<24} median frame {:>8.3} ms over {frames} frames",
            case.name,
            median.as_secs_f64() * 1e3
        );
    }
    let ratio = |a: usize, b: usize| medians[a].as_secs_f64() / medians[b].as_secs_f64();
    let ratio_12 = ratio(1, 0);
    let ratio_all = ratio(3, 2);
    println!("ratio 10 years / empty, 12 weeks: {ratio_12:.2} (goal <= {GOAL_RATIO})");
    println!("ratio 10 years / empty, all time: {ratio_all:.2} (goal <= {GOAL_RATIO})");
    for (range, ratio) in [("12-week", ratio_12), ("all-time", ratio_all)] {
        if benchmarking && ratio > GOAL_RATIO {
            println!("the {range} ratio is over the goal");
        }
    }
    if !benchmarking {
        // The quick run under `cargo test` is a smoke test: say so in the
        // form test summaries use.
        println!("progress_frame: 1 passed, 0 failed");
    }
}

/// The app on a store with the case's history, showing Progress in the
/// case's range, and the folder that holds the store.
fn progress_harness(
    case: &Case,
    clock: &ManualClock,
) -> (Harness<'static, UnknotApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::app_harness(dir.path(), case.days, clock.today(), clock);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Progress")
        .click();
    harness.run();
    harness.get_by_label(case.range).click();
    harness.run();
    // Make sure the screen and range are the ones meant.
    assert_eq!(harness.state().screen(), unknot::ui::Screen::Progress);
    let summary = if case.range == "All time" {
        "since"
    } else {
        "in the last 12 weeks"
    };
    harness.get_by_label_contains(summary);
    (harness, dir)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}
