//! From a check-in saved on Today to the end of the next frame, with ten
//! years of history against an empty store: what a person feels when they
//! press Save. The save itself (one transaction forced to disk) is in both;
//! the ratio shows what a long history adds, which should be little, since a
//! write updates the data in memory instead of reloading it, and the facts
//! Today shows are worked out once per change. The goal is at most 1.2.
//!
//! `cargo bench --bench save_to_frame` times 100 saves of each. Without
//! `--bench` (as under `cargo test`) it saves a few times to check it works.
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

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (warmup, saves) = if benchmarking { (10, 100) } else { (1, 3) };
    let clock =
        ManualClock::new(DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap());
    let cases = [("empty store", 0), ("10 years", TEN_YEARS_DAYS)];
    // The stores live in cargo's target folder, on a real disk like a user's.
    let (mut harnesses, _dirs): (Vec<Harness<'static, UnknotApp>>, Vec<tempfile::TempDir>) = cases
        .iter()
        .map(|(_, days)| today_harness(*days, &clock))
        .unzip();
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(saves); cases.len()];
    // Saves of the two cases alternate, so a busy machine slows each alike.
    for round in 0..warmup + saves {
        for (harness, case_times) in harnesses.iter_mut().zip(&mut times) {
            let elapsed = save_once(harness, round);
            if round >= warmup {
                case_times.push(elapsed);
            }
        }
    }
    let medians: Vec<Duration> = times.into_iter().map(median).collect();
    for ((name, _), median) in cases.iter().zip(&medians) {
        println!(
            "{name:<12} median save to end of next frame {:>8.3} ms over {saves} saves",
            median.as_secs_f64() * 1e3
        );
    }
    let ratio = medians[1].as_secs_f64() / medians[0].as_secs_f64();
    println!("ratio 10 years / empty: {ratio:.2} (goal <= {GOAL_RATIO})");
    if !benchmarking {
        println!("save_to_frame: 1 passed, 0 failed");
    }
}

/// Picks a pain (a different one each round, so each save changes the row)
/// and times the click on Save through the frame that applies it and the
/// next frame, which shows the result.
fn save_once(harness: &mut Harness<'static, UnknotApp>, round: usize) -> Duration {
    let pain = format!("Pain {}", round % 9 + 1);
    harness.get_by_label(&pain).click();
    harness.run();
    let save = harness
        .query_by_label("Save check-in")
        .or_else(|| harness.query_by_label("Update check-in"))
        .expect("a save button");
    let start = Instant::now();
    save.click();
    harness.step();
    harness.step();
    let elapsed = start.elapsed();
    let saved = harness.state().data().checkins.last().map(|c| c.pain.get());
    assert_eq!(saved, Some(u8::try_from(round % 9 + 1).unwrap()));
    elapsed
}

/// The app on Today over a store with `days` of demo history.
fn today_harness(
    days: u32,
    clock: &ManualClock,
) -> (Harness<'static, UnknotApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    // History up to yesterday, so today is free to save into.
    let yesterday = clock.today().pred_opt().unwrap();
    let harness = common::app_harness(dir.path(), days, yesterday, clock);
    (harness, dir)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}
