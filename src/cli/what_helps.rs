//! `unknot experiment`, `unknot flare` and `unknot away`: finding out what
//! helps from the terminal. Every refusal is a usage error (exit status 2)
//! that writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;

use super::{UsageError, open_for_reading, open_for_writing, parse_past_date};
use crate::domain::clock::Clock;
use crate::domain::days_off::{DaysOff, Reason};
use crate::domain::experiment::compare::{ExperimentResult, evaluate};
use crate::domain::experiment::{DEFAULT_PLANNED_DAYS, Experiment, ExperimentKind};
use crate::domain::flare::FlareUp;
use crate::domain::pain::{Rating, check_note};
use crate::store::{Store, StoreError, Stored};

/// A rule the input broke, as a usage error.
fn usage(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::Error::new(UsageError(e.to_string()))
}

/// A store refusal caused by what was typed (a clash, nothing running) is a
/// usage error; anything else (the disk, the file) is not.
fn refused(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid(e) => usage(e),
        other => other.into(),
    }
}

/// What `unknot experiment start` was given.
#[derive(Debug, Clone)]
pub struct StartArgs {
    pub name: String,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub days: Option<u32>,
}

/// Starts an experiment. Returns the line to print.
pub fn experiment_start(data_dir: &Path, args: &StartArgs, clock: &dyn Clock) -> Result<String> {
    let today = clock.today();
    let kind = match &args.kind {
        None => ExperimentKind::Other,
        Some(code) => ExperimentKind::from_code(code).map_err(|_| {
            usage(format!(
                "\"{code}\" is not a kind of experiment; choose one of {}",
                codes(ExperimentKind::ALL.map(ExperimentKind::code))
            ))
        })?,
    };
    let start = match &args.date {
        None => today,
        Some(text) => parse_past_date(text, today)
            .map_err(|e| usage(format!("an experiment cannot start then: {e:#}")))?,
    };
    let experiment = Experiment {
        name: args.name.trim().to_string(),
        kind,
        start,
        planned_days: args.days.unwrap_or(DEFAULT_PLANNED_DAYS),
        stopped_on: None,
        created_at: clock.utc_now(),
    };
    experiment.validate(today).map_err(usage)?;
    let mut store = open_for_writing(data_dir)?;
    let stored = store
        .start_experiment(&experiment, today)
        .map_err(refused)?;
    let e = &stored.record;
    Ok(format!(
        "Started \"{}\" ({}) on {}, planned for {} days, until {}.",
        e.name,
        e.kind.label().to_lowercase(),
        e.start,
        e.planned_days,
        e.planned_end()
    ))
}

/// Stops the experiment called `name` that runs today; `date` is its last
/// day (default today).
pub fn experiment_stop(
    data_dir: &Path,
    name: &str,
    date: Option<&str>,
    clock: &dyn Clock,
) -> Result<String> {
    let today = clock.today();
    let on = match date {
        None => today,
        Some(text) => parse_past_date(text, today).map_err(|e| usage(format!("{e:#}")))?,
    };
    let mut store = open_for_writing(data_dir)?;
    let stopped = store.stop_experiment(name, on, today).map_err(refused)?;
    let e = &stopped.record;
    Ok(format!(
        "Stopped \"{}\": it ran from {} to {}.",
        e.name, e.start, on
    ))
}

/// One experiment as `unknot experiment list --json` gives it.
#[derive(Debug, Serialize)]
struct Listed {
    name: String,
    kind: &'static str,
    start: NaiveDate,
    planned_days: u32,
    end: NaiveDate,
    stopped_on: Option<NaiveDate>,
    running: bool,
    before: SideJson,
    during: SideJson,
    /// During minus before: negative is less pain.
    difference: Option<f64>,
    interval: Option<[f64; 2]>,
    verdict: String,
    caveats: Vec<String>,
}

#[derive(Debug, Serialize)]
struct SideJson {
    first_day: NaiveDate,
    last_day: NaiveDate,
    checkins: usize,
    mean: Option<f64>,
    median: Option<f64>,
}

/// Every experiment with its result, as lines or as JSON.
pub fn experiment_list(data_dir: &Path, json: bool, clock: &dyn Clock) -> Result<String> {
    let today = clock.today();
    let store = open_for_reading(data_dir)?;
    let experiments = store.experiments()?;
    let listed = list(&store, &experiments, today)?;
    if json {
        return Ok(serde_json::to_string_pretty(&listed)?);
    }
    if listed.is_empty() {
        return Ok(
            "No experiments yet. Start one with: unknot experiment start \"NAME\"".to_string(),
        );
    }
    let mut lines = Vec::new();
    for l in &listed {
        let state = if l.running { "running" } else { "ended" };
        lines.push(format!(
            "{}  ({}, {} to {}, {state})",
            l.name, l.kind, l.start, l.end
        ));
        lines.push(format!(
            "  {} check-ins before, {} during. {}.",
            l.before.checkins, l.during.checkins, l.verdict
        ));
        for caveat in &l.caveats {
            lines.push(format!("  {caveat}"));
        }
    }
    Ok(lines.join("\n"))
}

fn list(
    store: &Store,
    experiments: &[Stored<Experiment>],
    today: NaiveDate,
) -> Result<Vec<Listed>> {
    let pain: BTreeMap<NaiveDate, u8> = store
        .checkins()?
        .into_iter()
        .map(|c| (c.date, c.pain.get()))
        .collect();
    let all: Vec<Experiment> = experiments.iter().map(|s| s.record.clone()).collect();
    Ok(all
        .iter()
        .map(|e| {
            let result = evaluate(e, &pain, &all, today);
            listed(e, &result, today)
        })
        .collect())
}

fn listed(e: &Experiment, r: &ExperimentResult, today: NaiveDate) -> Listed {
    let (before_first, before_last) = e.before_window();
    let (during_first, during_last) = e.during_window(today);
    Listed {
        name: e.name.clone(),
        kind: e.kind.code(),
        start: e.start,
        planned_days: e.planned_days,
        end: e.end(),
        stopped_on: e.stopped_on,
        running: e.is_running(today),
        before: SideJson {
            first_day: before_first,
            last_day: before_last,
            checkins: r.before.checkins,
            mean: r.before.mean.map(round2),
            median: r.before.median.map(round2),
        },
        during: SideJson {
            first_day: during_first,
            last_day: during_last,
            checkins: r.during.checkins,
            mean: r.during.mean.map(round2),
            median: r.during.median.map(round2),
        },
        difference: r.shift.as_ref().map(|s| round2(s.estimate)),
        interval: r.shift.as_ref().map(|s| [round2(s.low), round2(s.high)]),
        verdict: r.verdict.sentence(),
        caveats: r.caveats.iter().map(|c| c.sentence()).collect(),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What `unknot flare` was given.
#[derive(Debug, Clone)]
pub struct FlareArgs {
    pub pain: i64,
    pub note: Option<String>,
    pub helped: Option<String>,
    pub at: Option<String>,
}

/// Logs a flare-up. Returns the line to print.
pub fn flare(data_dir: &Path, args: &FlareArgs, clock: &dyn Clock) -> Result<String> {
    let pain = Rating::new(args.pain, "pain").map_err(usage)?;
    let set_off_by = args.note.clone().unwrap_or_default();
    let helped = args.helped.clone().unwrap_or_default();
    check_note(&set_off_by).map_err(usage)?;
    check_note(&helped).map_err(usage)?;
    let now = clock.local_now();
    let (at, date) = match &args.at {
        None => (now.with_timezone(&Utc), now.date_naive()),
        Some(text) => {
            let local =
                NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").map_err(|_| {
                    usage(format!(
                        "\"{text}\" is not a time in the form \"YYYY-MM-DD HH:MM\""
                    ))
                })?;
            let at = now
                .offset()
                .from_local_datetime(&local)
                .single()
                .ok_or_else(|| usage(format!("{text} could not be placed in time")))?;
            (at.with_timezone(&Utc), local.date())
        }
    };
    let flare_up = FlareUp {
        at,
        date,
        pain,
        set_off_by,
        helped,
    };
    flare_up
        .validate(now.with_timezone(&Utc), clock.today())
        .map_err(usage)?;
    let mut store = open_for_writing(data_dir)?;
    store
        .add_flare_up(&flare_up, now.with_timezone(&Utc), clock.today())
        .map_err(refused)?;
    let count = store
        .flare_ups()?
        .iter()
        .filter(|f| f.record.date == date)
        .count();
    Ok(format!(
        "Logged a flare-up at {} with pain {pain} ({} that day). The day's check-in is unchanged.",
        args.at.as_deref().unwrap_or("now").trim(),
        crate::text::count(count, "flare-up", "flare-ups")
    ))
}

/// Marks days off from `from` to `to`, both included.
pub fn away(
    data_dir: &Path,
    from: &str,
    to: &str,
    reason: Option<&str>,
    clock: &dyn Clock,
) -> Result<String> {
    let parse = |text: &str| {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| usage(format!("\"{text}\" is not a date in the form YYYY-MM-DD")))
    };
    let reason = match reason {
        None => Reason::Other,
        Some(code) => Reason::from_code(code).map_err(|_| {
            usage(format!(
                "\"{code}\" is not a reason; choose one of {}",
                codes(Reason::ALL.map(Reason::code))
            ))
        })?,
    };
    let days_off = DaysOff {
        first: parse(from)?,
        last: parse(to)?,
        reason,
        created_at: clock.utc_now(),
    };
    let today = clock.today();
    // The range on its own before the store is opened (or made); the
    // store checks it against the ranges already marked, in its write.
    days_off.validate(today, &[]).map_err(usage)?;
    let mut store = open_for_writing(data_dir)?;
    store.add_days_off(&days_off, today).map_err(refused)?;
    Ok(format!(
        "Marked {} as days off ({}): streaks and weekly targets hold, and reminders keep quiet.",
        span(days_off.first, days_off.last),
        reason.label().to_lowercase()
    ))
}

fn span(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    }
}

fn codes<const N: usize>(codes: [&str; N]) -> String {
    codes.join(", ")
}
