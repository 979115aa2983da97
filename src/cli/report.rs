//! `unknot report`: the one-page visit summary as a PDF. Every refusal (a
//! period that cannot be summed up, a file already there, a folder that
//! cannot be written) is a usage error (exit status 2) that writes nothing.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;

use super::{UsageError, open_for_reading};
use crate::domain::clock::Clock;
use crate::domain::visit::{DEFAULT_WEEKS, PeriodChoice};
use crate::report::{self, IfExists, Paper, ReportError};

/// The paper as typed after `--paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperChoice {
    A4,
    Letter,
}

impl From<PaperChoice> for Paper {
    fn from(choice: PaperChoice) -> Paper {
        match choice {
            PaperChoice::A4 => Paper::A4,
            PaperChoice::Letter => Paper::Letter,
        }
    }
}

/// What `unknot report` was given.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// The last N weeks, up to today (1 to 52; default 12).
    #[arg(long, value_name = "N", conflicts_with_all = ["from", "to"])]
    pub weeks: Option<u32>,
    /// The first day, YYYY-MM-DD (with --to).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<String>,
    /// The last day, YYYY-MM-DD (with --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
    /// a4 or letter (default: from the locale, LC_ALL, LC_PAPER or LANG).
    #[arg(long, value_enum)]
    pub paper: Option<PaperChoice>,
    /// The PDF file to write.
    #[arg(short, long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

fn usage(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::Error::new(UsageError(e.to_string()))
}

/// A refusal is a usage error; a failure along the way is not.
fn refused(e: ReportError) -> anyhow::Error {
    match e {
        ReportError::Exists(path) => usage(format!(
            "{} already exists; nothing was written. Add --force to replace it, or give \
             another --out file",
            path.display()
        )),
        e if e.is_refusal() => usage(e),
        e => e.into(),
    }
}

fn parse_date(text: &str, option: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        usage(format!(
            "{option} \"{text}\" is not a date in the form YYYY-MM-DD"
        ))
    })
}

/// Writes the visit summary for the period asked for. Returns the line to
/// print.
pub fn report(data_dir: &Path, args: &ReportArgs, clock: &dyn Clock) -> Result<String> {
    let today = clock.today();
    let asked = match (&args.from, &args.to) {
        (Some(from), Some(to)) => PeriodChoice::Between {
            from: parse_date(from, "--from")?,
            to: parse_date(to, "--to")?,
        },
        (None, None) => PeriodChoice::LastWeeks(args.weeks.unwrap_or(DEFAULT_WEEKS)),
        _ => return Err(usage("give both --from and --to, or neither")),
    }
    .period(today)
    .map_err(usage)?;
    let if_exists = if args.force {
        IfExists::Replace
    } else {
        IfExists::Refuse
    };
    // Before any work: a file that is there, a folder that is not.
    report::check_destination(&args.out, if_exists).map_err(refused)?;
    let store = open_for_reading(data_dir)?;
    let summary = report::summarize(&store, asked, today).map_err(refused)?;
    let paper = args.paper.map_or_else(Paper::from_environment, Paper::from);
    report::write(&summary, paper, &args.out, if_exists).map_err(refused)?;
    Ok(report::written_text(&summary, paper, &args.out))
}
