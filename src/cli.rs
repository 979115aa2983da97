//! Command-line subcommands. Errors are `anyhow` here and nowhere else in the library.

mod report;
mod what_helps;

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::csv_files::{self, ExportError, Overwrite};
use crate::domain::clock::Clock;
use crate::domain::dates::check_record_date;
use crate::domain::pain::{CheckIn, Rating, RedFlags, check_note};
use crate::store::{Store, StoreError};

pub use report::{PaperChoice, ReportArgs, report};
pub use what_helps::{
    FlareArgs, StartArgs, away, experiment_list, experiment_start, experiment_stop, flare,
};

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
    let mut store = open_for_writing(data_dir)?;
    let previous = store.checkin_on(date)?;
    // Say what a second check-in for the same day replaced.
    let replaced = previous.as_ref().map(|p| {
        let stress = p.stress.map_or(String::new(), |s| format!(", stress {s}"));
        format!(
            " It replaces the one saved earlier: pain {}{stress}.",
            p.pain
        )
    });
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
        "Saved the check-in for {date}: pain {pain}{stress_text}.{}",
        replaced.unwrap_or_default()
    ))
}

/// A YYYY-MM-DD date that a record may have: from 1900 to today.
fn parse_past_date(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("\"{text}\" is not a date in the form YYYY-MM-DD"))?;
    check_record_date(date, today)?;
    Ok(date)
}

/// Which table `unknot export --table` writes. Each is typed as its file
/// is named, with `-` or `_` between words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Checkins,
    Sessions,
    Checklist,
    #[value(alias = "flare_ups")]
    FlareUps,
    #[value(alias = "days_off")]
    DaysOff,
    Experiments,
    #[value(alias = "function_activities")]
    FunctionActivities,
    #[value(alias = "function_ratings")]
    FunctionRatings,
}

impl Table {
    /// The name as typed after `--table`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Checkins => "checkins",
            Table::Sessions => "sessions",
            Table::Checklist => "checklist",
            Table::FlareUps => "flare-ups",
            Table::DaysOff => "days-off",
            Table::Experiments => "experiments",
            Table::FunctionActivities => "function-activities",
            Table::FunctionRatings => "function-ratings",
        }
    }
}

/// Opens the store for a command that writes. The full integrity check runs
/// first (a one-off command can afford it), so that damage SQLite's quick
/// check misses is found before anything is written into the file.
fn open_for_writing(data_dir: &Path) -> Result<Store> {
    let store = Store::open(data_dir)?;
    warn(&store);
    store.integrity_check()?;
    Ok(store)
}

/// Opens the store for a command that only reads: read-only when the data
/// folder cannot be written to, since reading needs no write.
fn open_for_reading(data_dir: &Path) -> Result<Store> {
    match Store::open(data_dir) {
        Ok(store) => {
            warn(&store);
            Ok(store)
        }
        Err(StoreError::ReadOnly { .. }) => Ok(Store::open_read_only(data_dir)?),
        Err(StoreError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            Ok(Store::open_read_only(data_dir)?)
        }
        Err(e) => Err(e.into()),
    }
}

/// Says on standard error which records a damaged store could not give up.
fn report_skipped(skipped: &[String]) {
    if skipped.is_empty() {
        return;
    }
    eprintln!("unknot: the database is damaged; everything readable was exported, except:");
    for line in skipped {
        eprintln!("  - {line}");
    }
}

/// Prints what the store noticed about its folder, once per command.
fn warn(store: &Store) {
    for warning in store.warnings() {
        eprintln!("unknot: warning: {warning}");
    }
}

/// Writes every CSV file into `out`. Files of an earlier export there
/// are replaced only with `force`: without it the command is a usage error
/// that writes nothing. Returns the lines to print.
pub fn export(data_dir: &Path, out: &Path, force: bool) -> Result<String> {
    let store = open_for_reading(data_dir)?;
    // Record by record, so that a damaged store still gives up what it can.
    let salvage = store.salvage();
    let overwrite = if force {
        Overwrite::Replace
    } else {
        Overwrite::Never
    };
    let report = match crate::csv_files::export_dir(out, &salvage.set, overwrite) {
        Err(refused @ ExportError::WouldReplace { .. }) => {
            return Err(UsageError(format!(
                "{refused}; nothing was written. Add --force to replace them, \
                 or give another --out folder"
            ))
            .into());
        }
        other => other?,
    };
    report_skipped(&salvage.skipped);
    Ok(report
        .files
        .iter()
        .map(|f| format!("Wrote {} ({} rows)", f.path.display(), f.rows))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Writes one table as CSV to `w` (standard output for `-`).
pub fn export_table(data_dir: &Path, table: Table, w: impl std::io::Write) -> Result<()> {
    let store = open_for_reading(data_dir)?;
    let salvage = store.salvage();
    let set = &salvage.set;
    match table {
        Table::Checkins => csv_files::write_checkins(w, &set.checkins)?,
        Table::Sessions => csv_files::write_sessions(w, &set.sessions)?,
        Table::Checklist => csv_files::write_checklist(w, &set.checklist)?,
        Table::FlareUps => csv_files::write_flare_ups(w, &set.flare_ups)?,
        Table::DaysOff => csv_files::write_days_off(w, &set.days_off)?,
        Table::Experiments => csv_files::write_experiments(w, &set.experiments)?,
        Table::FunctionActivities => csv_files::write_function_activities(w, &set.activities)?,
        Table::FunctionRatings => csv_files::write_function_ratings(w, &set.function_ratings)?,
    }
    report_skipped(&salvage.skipped);
    Ok(())
}

/// Reads the CSV files in `dir`, checks every row, and adds what is new.
/// Any bad row: a usage error listing them all, nothing written.
pub fn import(data_dir: &Path, dir: &Path, clock: &dyn Clock) -> Result<String> {
    let set = crate::csv_files::read_dir(dir, clock.today())
        .map_err(|errors| anyhow::Error::new(UsageError(errors.to_string())))?;
    let mut store = open_for_writing(data_dir)?;
    let counts = store.import(&set)?;
    Ok(counts.to_string())
}

/// Makes a checked backup now, then rotates old ones.
pub fn backup(data_dir: &Path, clock: &dyn Clock) -> Result<String> {
    let store = Store::open(data_dir)?;
    warn(&store);
    let dest = store
        .backup_dir()
        .join(crate::store::backup::manual_file_name(clock.local_now()));
    let made = store.backup_to(&dest)?;
    Ok(format!("Backed up to {}", made.display()))
}

/// Restores `file` over the current database after `confirm` agrees. The
/// current contents are kept beside it as a new file, never deleted.
pub fn restore(
    data_dir: &Path,
    file: &Path,
    clock: &dyn Clock,
    confirm: impl FnOnce(&str) -> bool,
) -> Result<String> {
    let _lock = crate::store::InstanceLock::acquire(data_dir)?;
    let db = data_dir.join(crate::store::DB_FILE_NAME);
    let question = format!(
        "Replace {} with {}? The current file is kept beside it.",
        db.display(),
        file.display()
    );
    if !confirm(&question) {
        return Ok("Nothing was changed.".to_owned());
    }
    let now = clock.utc_now();
    let kept = match Store::open(data_dir) {
        Ok(mut store) => store.restore_from(file, now)?,
        // A damaged, foreign or newer file is kept aside whole and replaced.
        Err(e) if e.is_refusal() => {
            crate::store::backup::restore_over_refused(data_dir, file, now)?
        }
        Err(e) => return Err(e.into()),
    };
    Ok(format!(
        "Restored {}. The previous database is kept as {}.",
        file.display(),
        kept.display()
    ))
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
    let mut store = open_for_writing(data_dir)?;
    if !force && crate::demo::store_has_records(&store)? {
        return Err(UsageError(format!(
            "{} already holds check-ins or sessions; demo data is meant for an empty store. \
             Use another --data-dir, or add --force to fill in the days around what is there.",
            store.path().display()
        ))
        .into());
    }
    let history = crate::demo::generate(days, clock.today(), crate::demo::DEFAULT_SEED);
    let added = crate::demo::fill_store(&mut store, &history)?;
    Ok(format!(
        "Added {} and {} of demo data over {days} days to {}, with {}, {}, {} and {}.",
        crate::text::count(added.checkins_added, "check-in", "check-ins"),
        crate::text::count(added.sessions_added, "session", "sessions"),
        store.path().display(),
        crate::text::count(added.flare_ups_added, "flare-up", "flare-ups"),
        crate::text::count(
            added.days_off_added,
            "range of days off",
            "ranges of days off"
        ),
        crate::text::count(added.experiments_added, "experiment", "experiments"),
        crate::text::count(
            added.function_ratings_added,
            "function-check score",
            "function-check scores"
        ),
    ))
}
