//! CSV out and in: every kind of record the log keeps, one
//! spreadsheet-friendly file per kind.
//!
//! Format, the same for every file:
//! - UTF-8 without a byte-order mark (one is tolerated on import), a header
//!   row, one row per record, RFC 4180 quoting, CRLF line endings;
//! - dates as `YYYY-MM-DD`; instants as RFC 3339 in UTC with whole seconds and
//!   a `Z` suffix (`2024-03-01T08:30:00Z`); anything below a second is dropped;
//! - numbers as plain digits, yes/no columns as `0`/`1` (`yes`/`no` are also
//!   read), an empty cell for "no value" (so an empty `heat_type` or `area`
//!   reads back as `None`);
//! - `areas` as area codes joined by `;`; `exercises` as
//!   `id:holds_done/holds_planned` entries joined by `;`;
//! - `uid`, a record's identity, so that importing the same file again adds
//!   nothing: 1 to 64 letters, digits, `-` or `_`. It is the last column of
//!   `checkins.csv` and `sessions.csv`, which older versions wrote without
//!   it (such files are still read, their records matched as before: a
//!   check-in by its day, a session by its kind and start), and the first
//!   of every newer file, where it is required.
//!
//! Spreadsheet safety (OWASP "CSV injection"): a text cell that a spreadsheet
//! could take for a formula, one starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return, is written with a `'` in front. So that every text survives
//! a round trip, the rule is stated on the text *after* any leading quotes:
//!
//! - writing: if the text is zero or more `'` followed by a dangerous
//!   character, one more `'` is put in front (`=1` -> `'=1`, `'=1` -> `''=1`);
//! - reading: if the cell is one or more `'` followed by a dangerous
//!   character, one `'` is taken off.
//!
//! Any other text, `'hello` included, is written and read as it is. Numeric and
//! date columns are never altered.
//!
//! Importing checks every row of every file and reports all problems at once
//! (file, line and column); nothing is returned unless everything is valid, so
//! the caller stores either all of it or none of it. Instants with another
//! offset are converted to UTC, and rows whose cells are all empty are skipped.
//! The rules are the ones the app keeps everywhere else: dates from 1900 to
//! today (days off may be marked up to a year ahead), a session's or a
//! flare-up's date the day it happened (in some time zone), one check-in per
//! day, one session per kind and start time, one answer per checklist item,
//! one score per activity and day, no two ranges of days off sharing a day,
//! no two experiments of the same name over the same days, and one row per
//! uid. A quoted cell that is never closed is refused rather than read to the
//! end of the file.

mod read;
mod write;

#[cfg(test)]
mod tests;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use read::{
    read_checkins, read_checklist, read_days_off, read_dir, read_experiments, read_flare_ups,
    read_function_activities, read_function_ratings, read_sessions,
};
pub use write::{
    Overwrite, existing_exports, export_dir, write_checkins, write_checklist, write_days_off,
    write_experiments, write_flare_ups, write_function_activities, write_function_ratings,
    write_sessions,
};

/// Every file an export writes, in the order it writes them.
pub const EXPORT_FILES: [&str; 8] = [
    CHECKINS_FILE,
    SESSIONS_FILE,
    CHECKLIST_FILE,
    FLARE_UPS_FILE,
    DAYS_OFF_FILE,
    EXPERIMENTS_FILE,
    FUNCTION_ACTIVITIES_FILE,
    FUNCTION_RATINGS_FILE,
];

/// File name of the check-ins table.
pub const CHECKINS_FILE: &str = "checkins.csv";
/// File name of the sessions table.
pub const SESSIONS_FILE: &str = "sessions.csv";
/// File name of the checklist table.
pub const CHECKLIST_FILE: &str = "checklist.csv";
/// File name of the flare-ups table.
pub const FLARE_UPS_FILE: &str = "flare_ups.csv";
/// File name of the days-off table.
pub const DAYS_OFF_FILE: &str = "days_off.csv";
/// File name of the experiments table.
pub const EXPERIMENTS_FILE: &str = "experiments.csv";
/// File name of the function-check activities table.
pub const FUNCTION_ACTIVITIES_FILE: &str = "function_activities.csv";
/// File name of the function-check scores table.
pub const FUNCTION_RATINGS_FILE: &str = "function_ratings.csv";

/// Header of `checkins.csv`, in order. Files from before uids were written
/// lack the last column.
pub const CHECKIN_COLUMNS: [&str; 10] = [
    "date",
    "recorded_at",
    "pain",
    "stress",
    "areas",
    "arm_symptoms",
    "after_impact",
    "fever",
    "note",
    "uid",
];

/// Header of `sessions.csv`, in order. Files from before uids were written
/// lack the last column.
pub const SESSION_COLUMNS: [&str; 12] = [
    "kind",
    "started_at",
    "date",
    "duration_secs",
    "routine",
    "heat_type",
    "area",
    "capped",
    "feel_after",
    "note",
    "exercises",
    "uid",
];

/// Header of `checklist.csv`, in order.
pub const CHECKLIST_COLUMNS: [&str; 3] = ["item", "answer", "answered_on"];

/// Header of `flare_ups.csv`, in order.
pub const FLARE_UP_COLUMNS: [&str; 6] = ["uid", "at", "date", "pain", "set_off_by", "helped"];

/// Header of `days_off.csv`, in order.
pub const DAYS_OFF_COLUMNS: [&str; 5] = ["uid", "first_day", "last_day", "reason", "created_at"];

/// Header of `experiments.csv`, in order.
pub const EXPERIMENT_COLUMNS: [&str; 7] = [
    "uid",
    "name",
    "kind",
    "start_day",
    "planned_days",
    "stopped_on",
    "created_at",
];

/// Header of `function_activities.csv`, in order.
pub const FUNCTION_ACTIVITY_COLUMNS: [&str; 4] = ["uid", "name", "added_on", "retired_on"];

/// Header of `function_ratings.csv`, in order.
pub const FUNCTION_RATING_COLUMNS: [&str; 5] = ["uid", "activity_uid", "date", "rated_at", "score"];

/// What [`export_dir`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    pub files: Vec<ExportedFile>,
}

/// One file written by [`export_dir`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    pub path: PathBuf,
    /// Data rows, not counting the header.
    pub rows: usize,
}

/// Why an export failed. Each message is whole on its own: the underlying
/// error is part of the text and not also offered as a `source`, so that a
/// printed chain never says the same thing twice.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("could not {action} {}: {error}", path.display())]
    Io {
        /// What was being done: "create", "write", "flush", "sync", "rename"...
        action: &'static str,
        path: PathBuf,
        error: io::Error,
    },
    #[error("could not write {file}: {error}")]
    Csv {
        file: &'static str,
        error: csv::Error,
    },
    /// The folder already holds files an export would replace, and the
    /// caller did not say to replace them. Nothing was written.
    #[error("{} already holds {}", dir.display(), crate::text::and_list(files))]
    WouldReplace {
        dir: PathBuf,
        /// The names of the files that are there, in export order.
        files: Vec<&'static str>,
    },
    #[error("{file}, record {record}: {message}")]
    Unrepresentable {
        file: &'static str,
        /// 1-based position of the record in the slice that was passed in.
        record: usize,
        message: String,
    },
}

impl ExportError {
    /// Whether writing failed because the reader of a pipe went away (as
    /// when the output of `unknot export ... -` is piped into `head`).
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            ExportError::Io { error, .. } => Some(error),
            ExportError::Csv { error, .. } => match error.kind() {
                csv::ErrorKind::Io(error) => Some(error),
                _ => None,
            },
            ExportError::Unrepresentable { .. } | ExportError::WouldReplace { .. } => None,
        };
        io.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// What a folder named by hand is for: an export may create it, an import
/// reads from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderUse {
    Export,
    Import,
}

/// Why a folder typed by hand cannot be used, said before anything is read
/// or written.
#[derive(Debug, Error)]
pub enum FolderProblem {
    #[error("\"{}\" is not a full path; type it from the top, starting with /", .0.display())]
    Relative(PathBuf),
    #[error("there is no folder {}", .0.display())]
    Missing(PathBuf),
    #[error("{} is a file, not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("Unknot may not write into {} ({error})", path.display())]
    NotWritable { path: PathBuf, error: io::Error },
    #[error("Unknot cannot look at {} ({error})", path.display())]
    Unreadable { path: PathBuf, error: io::Error },
}

/// Checks a folder typed by hand: a full path, an existing folder (for an
/// export, one whose parent exists will be made), and for an export one
/// this user may write into, tried with a nameless file that vanishes.
pub fn check_folder(dir: &Path, used_for: FolderUse) -> Result<(), FolderProblem> {
    if !dir.is_absolute() {
        return Err(FolderProblem::Relative(dir.to_path_buf()));
    }
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(FolderProblem::NotAFolder(dir.to_path_buf())),
        Ok(_) if used_for == FolderUse::Import => Ok(()),
        Ok(_) => tempfile::tempfile_in(dir)
            .map(drop)
            .map_err(|error| FolderProblem::NotWritable {
                path: dir.to_path_buf(),
                error,
            }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => match dir.parent() {
            Some(parent) if used_for == FolderUse::Export && parent.is_dir() => {
                check_folder(parent, used_for)
            }
            _ => Err(FolderProblem::Missing(dir.to_path_buf())),
        },
        Err(error) => Err(FolderProblem::Unreadable {
            path: dir.to_path_buf(),
            error,
        }),
    }
}

/// One problem found while importing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.describe())]
pub struct ImportError {
    /// The file's name, or its full path when read by [`read_dir`].
    pub file: String,
    /// 1-based line in the file where the record starts (the header is line
    /// 1); `None` when the problem is with the whole file.
    pub line: Option<u64>,
    /// 1-based row number as a spreadsheet shows it (the header is row 1).
    /// Equal to `line` unless an earlier cell holds a line break.
    pub row: Option<u64>,
    /// The column at fault, if there is one.
    pub column: Option<&'static str>,
    pub message: String,
}

impl ImportError {
    fn describe(&self) -> String {
        let mut out = self.file.clone();
        match (self.line, self.row) {
            (Some(line), Some(row)) if line != row => {
                out.push_str(&format!(", line {line} (spreadsheet row {row})"));
            }
            (Some(line), _) => out.push_str(&format!(", line {line}")),
            (None, _) => {}
        }
        if let Some(column) = self.column {
            out.push_str(&format!(", column {column}"));
        }
        out.push_str(": ");
        out.push_str(&self.message);
        out
    }
}

/// Every problem found in an import. Non-empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ImportErrors {
    pub errors: Vec<ImportError>,
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.as_slice() {
            [one] => write!(f, "nothing was imported: {one}"),
            all => {
                write!(f, "nothing was imported; {} problems:", all.len())?;
                for error in all {
                    write!(f, "\n- {error}")?;
                }
                Ok(())
            }
        }
    }
}

/// Characters that make a spreadsheet read a cell as a formula.
fn is_dangerous(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// True when `text` is zero or more `'` followed by a dangerous character.
fn needs_quote_prefix(text: &str) -> bool {
    text.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(is_dangerous)
}

/// A text value as written to a cell (see the module notes).
fn text_to_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_quote_prefix(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The text a cell stands for: the exact inverse of [`text_to_cell`].
fn cell_to_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}
