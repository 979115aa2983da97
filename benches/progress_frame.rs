//! Frame cost of the Progress screen: an empty store against ten years of
//! demo history with what helps on top (an experiment a month, about two
//! flare-ups a week, a week or two of days off a year, a weekly function
//! check of three activities), so the pain chart draws every layer. The
//! screen draws from a view built once per data change, so the two should
//! cost about the same; the goal is at most 1.2 times.
//!
//! `cargo bench --bench progress_frame` measures 200 frames of each case.
//! Run without `--bench` (as `cargo test --all-targets` does), it makes a
//! few frames only, to check that it still works.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unknot::domain::clock::{Clock, ManualClock};
use unknot::domain::days_off::{DaysOff, Reason};
use unknot::domain::experiment::{Experiment, ExperimentKind, PLANNED_DAYS};
use unknot::domain::flare::FlareUp;
use unknot::domain::pain::Rating;
use unknot::store::Store;
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
    // Ten years written once, then copied for each case that needs them.
    let full = tempfile::tempdir().unwrap();
    let layers = fill_ten_years(full.path(), &clock);
    println!(
        "ten years: {} experiments, {} flare-ups, {} ranges of days off, {} function checks",
        layers.experiments, layers.flare_ups, layers.days_off, layers.checks
    );
    // Frames of all cases are interleaved, so a busy machine slows each alike.
    let (mut harnesses, _dirs): (Vec<Harness<'static, UnknotApp>>, Vec<tempfile::TempDir>) = cases
        .iter()
        .map(|case| progress_harness(case, full.path(), &clock))
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

/// How many of each layer the ten-year store holds.
struct Layers {
    experiments: usize,
    flare_ups: usize,
    days_off: usize,
    checks: usize,
}

/// Ten years of demo history up to the clock's today in `dir`, and what
/// helps over the same years, written through the Store API as the window
/// and the command line write them.
fn fill_ten_years(dir: &Path, clock: &ManualClock) -> Layers {
    let today = clock.today();
    let zone = clock.local_now().timezone();
    let mut history =
        unknot::demo::generate_in(TEN_YEARS_DAYS, today, unknot::demo::DEFAULT_SEED, &zone);
    // The layers below, denser than the demo's own, are written instead.
    history.helps = Default::default();
    let mut store = Store::open(dir).unwrap();
    unknot::demo::fill_store(&mut store, &history).unwrap();
    let first = today - Days::new(u64::from(TEN_YEARS_DAYS) - 1);
    let day = |offset: u64| first + Days::new(offset);
    let noon = |date: NaiveDate| Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap());
    let mut rng = common::Rng::new(17);
    let mut layers = Layers {
        experiments: 0,
        flare_ups: 0,
        days_off: 0,
        checks: 0,
    };
    const NAMES: [&str; 6] = [
        "Chin tucks every hour",
        "Higher screen",
        "Heat before bed",
        "A walk at lunch",
        "New pillow",
        "Standing for calls",
    ];
    // An experiment a month, the last one still running.
    for (i, offset) in (0..u64::from(TEN_YEARS_DAYS) - 3).step_by(30).enumerate() {
        let experiment = Experiment {
            name: NAMES[i % NAMES.len()].to_owned(),
            kind: ExperimentKind::ALL[i % ExperimentKind::ALL.len()],
            start: day(offset),
            planned_days: PLANNED_DAYS[i % PLANNED_DAYS.len()],
            stopped_on: None,
            created_at: noon(day(offset)),
        };
        store.start_experiment(&experiment, today).unwrap();
        layers.experiments += 1;
    }
    // About two flare-ups a week, before today.
    for offset in 0..u64::from(TEN_YEARS_DAYS) - 1 {
        if !rng.chance(29) {
            continue;
        }
        let date = day(offset);
        let flare_up = FlareUp {
            at: noon(date) + chrono::Duration::minutes(rng.below(480) as i64 - 240),
            date,
            pain: Rating::new(5 + rng.below(5) as i64, "pain").unwrap(),
            set_off_by: (*rng.pick(&["lifting", "a long drive", "a deadline", ""])).to_owned(),
            helped: String::new(),
        };
        store
            .add_flare_up(&flare_up, clock.utc_now(), today)
            .unwrap();
        layers.flare_ups += 1;
    }
    // A holiday of one or two weeks each year, and two days off sick.
    for year in 0..u64::from(TEN_YEARS_DAYS) / 365 {
        let holiday = year * 365 + 150 + rng.below(60);
        let sick = year * 365 + 300 + rng.below(30);
        for (start, days, reason) in [
            (holiday, 7 + rng.below(8), Reason::Holiday),
            (sick, 2, Reason::Sick),
        ] {
            let days_off = DaysOff {
                first: day(start),
                last: day(start + days - 1),
                reason,
                created_at: noon(day(start)),
            };
            store.add_days_off(&days_off, today).unwrap();
            layers.days_off += 1;
        }
    }
    // A function check every week, three activities slowly getting easier.
    let activities: Vec<String> = ["Carrying shopping", "Driving an hour", "Sleeping through"]
        .iter()
        .map(|name| store.add_function_activity(name, first).unwrap().uid)
        .collect();
    for offset in (0..u64::from(TEN_YEARS_DAYS)).step_by(7) {
        let date = day(offset);
        let better = (offset / 365) as i64;
        let scores: Vec<(String, Rating)> = activities
            .iter()
            .map(|uid| {
                let score = (2 + better / 2 + rng.below(3) as i64).min(10);
                (uid.clone(), Rating::new(score, "score").unwrap())
            })
            .collect();
        store
            .save_function_check(date, noon(date), &scores, today)
            .unwrap();
        layers.checks += 1;
    }
    layers
}

/// The app on a store with the case's history (a copy of `full`'s ten
/// years, or nothing), showing Progress in the case's range, and the
/// folder that holds the store.
fn progress_harness(
    case: &Case,
    full: &Path,
    clock: &ManualClock,
) -> (Harness<'static, UnknotApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    if case.days > 0 {
        std::fs::copy(
            full.join("unknot.sqlite3"),
            dir.path().join("unknot.sqlite3"),
        )
        .unwrap();
    }
    let mut harness = common::app_harness(dir.path(), 0, clock.today(), clock);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Progress")
        .click();
    harness.run();
    harness.get_by_label(case.range).click();
    harness.run();
    // Make sure the screen and range are the ones meant.
    assert_eq!(harness.state().screen(), unknot::ui::Screen::Progress);
    let summary = if case.range == "All time" {
        "check-ins since"
    } else {
        "check-ins in the last 12 weeks"
    };
    harness.get_by_label_contains(summary);
    if case.days > 0 {
        // Every layer is there to draw.
        assert!(
            harness
                .query_all_by_label_contains("Flare-ups: ")
                .next()
                .is_some()
        );
        harness.get_by_label("Experiment");
        harness.get_by_label("Days off");
        harness.get_by_label("Function check");
    }
    (harness, dir)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}
