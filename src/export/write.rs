//! Writing the three tables, to any `io::Write` or atomically into a folder.

use std::borrow::Cow;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::{
    CHECKIN_COLUMNS, CHECKINS_FILE, CHECKLIST_COLUMNS, CHECKLIST_FILE, ExportError, ExportReport,
    ExportedFile, SESSION_COLUMNS, SESSIONS_FILE, text_to_cell,
};
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::pain::{Area, CheckIn, Rating};
use crate::domain::session::{Session, SessionExercise};

fn csv_writer<W: io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

fn date_cell(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn instant_cell(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn flag_cell(flag: bool) -> &'static str {
    if flag { "1" } else { "0" }
}

fn rating_cell(rating: Option<Rating>) -> String {
    rating.map(|r| r.to_string()).unwrap_or_default()
}

fn optional_text_cell(text: Option<&str>) -> Cow<'_, str> {
    text.map(text_to_cell).unwrap_or_default()
}

/// `id:done/planned` entries joined by `;`. An id holding `;` cannot be told
/// apart from the separator, so it is refused rather than written wrongly.
fn exercises_cell(exercises: &[SessionExercise]) -> Result<String, String> {
    let mut entries = Vec::with_capacity(exercises.len());
    for e in exercises {
        if e.exercise.contains(';') {
            return Err(format!(
                "the exercise id \"{}\" contains ';', which separates exercises in the file",
                e.exercise
            ));
        }
        entries.push(format!(
            "{}:{}/{}",
            e.exercise, e.holds_done, e.holds_planned
        ));
    }
    Ok(entries.join(";"))
}

/// Writes `checkins.csv`: a header and one row per check-in, in the given order.
pub fn write_checkins<W: io::Write>(w: W, checkins: &[CheckIn]) -> Result<(), ExportError> {
    let file = CHECKINS_FILE;
    let csv_error = |source| ExportError::Csv { file, source };
    let mut out = csv_writer(w);
    out.write_record(CHECKIN_COLUMNS).map_err(csv_error)?;
    for c in checkins {
        let flags = c.red_flags;
        out.write_record([
            date_cell(c.date).as_str(),
            &instant_cell(c.recorded_at),
            &c.pain.to_string(),
            &rating_cell(c.stress),
            &text_to_cell(&Area::join(&c.areas)),
            flag_cell(flags.arm_symptoms),
            flag_cell(flags.after_impact),
            flag_cell(flags.fever),
            &text_to_cell(&c.note),
        ])
        .map_err(csv_error)?;
    }
    out.flush().map_err(|e| csv_error(e.into()))
}

/// Writes `sessions.csv`: a header and one row per session, in the given order.
pub fn write_sessions<W: io::Write>(w: W, sessions: &[Session]) -> Result<(), ExportError> {
    let file = SESSIONS_FILE;
    let csv_error = |source| ExportError::Csv { file, source };
    let mut out = csv_writer(w);
    out.write_record(SESSION_COLUMNS).map_err(csv_error)?;
    for (index, s) in sessions.iter().enumerate() {
        let exercises =
            exercises_cell(&s.exercises).map_err(|message| ExportError::Unrepresentable {
                file,
                record: index + 1,
                message,
            })?;
        out.write_record([
            text_to_cell(s.kind.code()).as_ref(),
            &instant_cell(s.started_at),
            &date_cell(s.date),
            &s.duration_secs.to_string(),
            &text_to_cell(&s.routine),
            &optional_text_cell(s.heat_type.as_deref()),
            &optional_text_cell(s.area.as_deref()),
            flag_cell(s.capped),
            &rating_cell(s.feel_after),
            &text_to_cell(&s.note),
            &text_to_cell(&exercises),
        ])
        .map_err(csv_error)?;
    }
    out.flush().map_err(|e| csv_error(e.into()))
}

/// Writes `checklist.csv`: a header and one row per answer, in the given order.
pub fn write_checklist<W: io::Write>(w: W, answers: &[ChecklistAnswer]) -> Result<(), ExportError> {
    let file = CHECKLIST_FILE;
    let csv_error = |source| ExportError::Csv { file, source };
    let mut out = csv_writer(w);
    out.write_record(CHECKLIST_COLUMNS).map_err(csv_error)?;
    for a in answers {
        out.write_record([
            text_to_cell(&a.item).as_ref(),
            &text_to_cell(a.answer.code()),
            &date_cell(a.answered_on),
        ])
        .map_err(csv_error)?;
    }
    out.flush().map_err(|e| csv_error(e.into()))
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ExportError {
    let path = path.to_path_buf();
    move |source| ExportError::Io {
        action,
        path,
        source,
    }
}

/// Writes `bytes` to a fresh file at `tmp` and forces it to disk.
fn stage(tmp: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(tmp)
        .map_err(io_error("create", tmp))?;
    file.write_all(bytes).map_err(io_error("write", tmp))?;
    file.flush().map_err(io_error("flush", tmp))?;
    file.sync_all().map_err(io_error("save to disk", tmp))
}

/// Makes the renames themselves durable. Folders cannot be opened as files on
/// every platform, so this is done where it is meaningful.
fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    if cfg!(unix) {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io_error("save to disk the folder", dir))?;
    }
    Ok(())
}

fn remove_staged(staged: &[(PathBuf, PathBuf, usize)]) {
    for (tmp, _, _) in staged {
        // Best effort: the error that got us here is the one worth reporting.
        let _ = fs::remove_file(tmp);
    }
}

/// Writes `checkins.csv`, `sessions.csv` and `checklist.csv` into `dir`
/// (created if missing), replacing files of those names.
///
/// Each table goes to a temporary file in `dir` that is flushed and synced;
/// only when all three are safely on disk are they renamed over the targets.
/// A failure while writing leaves the previous files untouched, and each
/// rename replaces its file in one step, so no file is ever half written.
pub fn export_dir(
    dir: &Path,
    checkins: &[CheckIn],
    sessions: &[Session],
    answers: &[ChecklistAnswer],
) -> Result<ExportReport, ExportError> {
    fs::create_dir_all(dir).map_err(io_error("create the folder", dir))?;

    let mut tables: Vec<(&str, Vec<u8>, usize)> = Vec::with_capacity(3);
    let mut bytes = Vec::new();
    write_checkins(&mut bytes, checkins)?;
    tables.push((CHECKINS_FILE, bytes, checkins.len()));
    let mut bytes = Vec::new();
    write_sessions(&mut bytes, sessions)?;
    tables.push((SESSIONS_FILE, bytes, sessions.len()));
    let mut bytes = Vec::new();
    write_checklist(&mut bytes, answers)?;
    tables.push((CHECKLIST_FILE, bytes, answers.len()));

    let mut staged: Vec<(PathBuf, PathBuf, usize)> = Vec::with_capacity(tables.len());
    for (name, bytes, rows) in tables {
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        if let Err(e) = stage(&tmp, &bytes) {
            let _ = fs::remove_file(&tmp);
            remove_staged(&staged);
            return Err(e);
        }
        staged.push((tmp, dir.join(name), rows));
    }

    let mut files = Vec::with_capacity(staged.len());
    for (done, (tmp, target, rows)) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, target) {
            remove_staged(&staged[done..]);
            return Err(io_error("replace", target)(e));
        }
        files.push(ExportedFile {
            path: target.clone(),
            rows: *rows,
        });
    }
    sync_dir(dir)?;
    Ok(ExportReport { files })
}
