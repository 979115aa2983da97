//! Command-line subcommands. Errors are `anyhow` here and nowhere else in the library.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::domain::clock::Clock;
use crate::domain::pain::{CheckIn, Rating, RedFlags, check_note};
use crate::store::Store;

/// Where Unknot keeps its data unless told otherwise: the platform's data
/// directory (on Linux `~/.local/share/unknot`).
pub fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("io.github", "unknot", "Unknot")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .context("could not find a home directory for Unknot's data; pass --data-dir DIR")
}

/// A mistake in what was typed on the command line: exit status 2, nothing written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What `unknot checkin` was given.
#[derive(Debug, Clone)]
pub struct CheckInArgs {
    pub pain: i64,
    pub stress: Option<i64>,
    pub note: Option<String>,
    pub date: Option<String>,
}

/// Records a check-in from the terminal. Returns the line to print.
pub fn checkin(data_dir: &Path, args: &CheckInArgs, clock: &dyn Clock) -> Result<String> {
    let today = clock.today();
    let usage = |e: &dyn std::fmt::Display| anyhow::Error::new(UsageError(e.to_string()));
    let pain = Rating::new(args.pain, "pain").map_err(|e| usage(&e))?;
    let stress = args
        .stress
        .map(|s| Rating::new(s, "stress"))
        .transpose()
        .map_err(|e| usage(&e))?;
    let note = args.note.clone().unwrap_or_default();
    check_note(&note).map_err(|e| usage(&e))?;
    let date = match &args.date {
        None => today,
        Some(text) => parse_past_date(text, today).map_err(|e| usage(&e))?,
    };
    let mut store = Store::open(data_dir)?;
    let previous = store.checkin_on(date)?;
    let checkin = CheckIn {
        date,
        recorded_at: clock.utc_now(),
        pain,
        stress,
        // Keep what the window recorded that day beyond what the command sets.
        areas: previous
            .as_ref()
            .map(|p| p.areas.clone())
            .unwrap_or_default(),
        red_flags: previous
            .as_ref()
            .map_or(RedFlags::default(), |p| p.red_flags),
        note: if args.note.is_some() {
            note
        } else {
            previous.map(|p| p.note).unwrap_or_default()
        },
    };
    store.save_checkin(&checkin)?;
    let stress_text = stress.map_or(String::new(), |s| format!(", stress {s}"));
    Ok(format!(
        "Saved the check-in for {date}: pain {pain}{stress_text}."
    ))
}

/// A YYYY-MM-DD date that is not in the future.
fn parse_past_date(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("\"{text}\" is not a date in the form YYYY-MM-DD"))?;
    if date > today {
        bail!("{date} is in the future; check-ins can be for today or earlier days");
    }
    Ok(date)
}

/// Most days `unknot demo-data` makes: twenty years.
pub const MAX_DEMO_DAYS: u32 = 20 * 366;

/// Fills the store with `days` days of made-up history ending today. A store
/// that already holds records is refused unless `force`; with `force`, days
/// already logged keep what was logged. Returns the line to print.
pub fn demo_data(data_dir: &Path, days: u32, force: bool, clock: &dyn Clock) -> Result<String> {
    if !(1..=MAX_DEMO_DAYS).contains(&days) {
        return Err(UsageError(format!(
            "--days must be from 1 to {MAX_DEMO_DAYS}, not {days}"
        ))
        .into());
    }
    let mut store = Store::open(data_dir)?;
    if !force && crate::demo::store_has_records(&store)? {
        return Err(UsageError(format!(
            "{} already holds check-ins or sessions; demo data is meant for an empty store. \
             Use another --data-dir, or add --force to fill in the days around what is there.",
            store.path().display()
        ))
        .into());
    }
    let history = crate::demo::generate(days, clock.today(), crate::demo::DEFAULT_SEED);
    let (checkins, sessions) = crate::demo::fill_store(&mut store, &history)?;
    Ok(format!(
        "Added {checkins} check-ins and {sessions} sessions of demo data over {days} days to {}.",
        store.path().display()
    ))
}
