//! Writing the tables, to any `io::Write` or atomically into a folder. The
//! kinds added with uids (flare-ups, days off, experiments, the function
//! check) are written in `what_helps`.

mod what_helps;

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use tempfile::NamedTempFile;

pub use what_helps::{
    write_days_off, write_experiments, write_flare_ups, write_function_activities,
    write_function_ratings,
};

use super::{
    CHECKIN_COLUMNS, CHECKINS_FILE, CHECKLIST_COLUMNS, CHECKLIST_FILE, DAYS_OFF_FILE,
    EXPERIMENTS_FILE, EXPORT_FILES, ExportError, ExportReport, ExportedFile, FLARE_UPS_FILE,
    FUNCTION_ACTIVITIES_FILE, FUNCTION_RATINGS_FILE, SESSION_COLUMNS, SESSIONS_FILE, text_to_cell,
};
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::keyed::{Keyed, RecordSet};
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

/// A uid as written: a text cell like any other (one may start with `-`),
/// empty for a record that has none.
fn uid_cell(uid: Option<&str>) -> Cow<'_, str> {
    optional_text_cell(uid)
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

/// Writes `checkins.csv`: a header and one row per check-in, in the given
/// order, its uid last (empty for a check-in without one).
pub fn write_checkins<W: io::Write>(w: W, checkins: &[Keyed<CheckIn>]) -> Result<(), ExportError> {
    let file = CHECKINS_FILE;
    let csv_error = |error| ExportError::Csv { file, error };
    let mut out = csv_writer(w);
    out.write_record(CHECKIN_COLUMNS).map_err(csv_error)?;
    for Keyed { uid, record: c } in checkins {
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
            &uid_cell(uid.as_deref()),
        ])
        .map_err(csv_error)?;
    }
    out.flush().map_err(|e| csv_error(e.into()))
}

/// Writes `sessions.csv`: a header and one row per session, in the given
/// order, its uid last (empty for a session without one).
pub fn write_sessions<W: io::Write>(w: W, sessions: &[Keyed<Session>]) -> Result<(), ExportError> {
    let file = SESSIONS_FILE;
    let csv_error = |error| ExportError::Csv { file, error };
    let mut out = csv_writer(w);
    out.write_record(SESSION_COLUMNS).map_err(csv_error)?;
    for (index, Keyed { uid, record: s }) in sessions.iter().enumerate() {
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
            &uid_cell(uid.as_deref()),
        ])
        .map_err(csv_error)?;
    }
    out.flush().map_err(|e| csv_error(e.into()))
}

/// Writes `checklist.csv`: a header and one row per answer, in the given order.
pub fn write_checklist<W: io::Write>(w: W, answers: &[ChecklistAnswer]) -> Result<(), ExportError> {
    let file = CHECKLIST_FILE;
    let csv_error = |error| ExportError::Csv { file, error };
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
    move |error| ExportError::Io {
        action,
        path,
        error,
    }
}

/// Owner-only permissions for what an export writes: the files hold health
/// notes, so other accounts on the computer should not read them.
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;
#[cfg(unix)]
const FOLDER_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents; on Unix, new folders are owner-only.
/// An existing folder keeps the permissions it has.
fn create_folder(dir: &Path) -> Result<(), ExportError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(FOLDER_MODE);
    }
    builder
        .create(dir)
        .map_err(io_error("create the folder", dir))
}

/// Writes `bytes` to a new temporary file in `dir` and forces it to disk.
///
/// The file is created under a fresh random name and only if nothing has that
/// name yet (never through a symbolic link someone left there), and it is
/// readable by its owner only.
fn stage(dir: &Path, name: &str, bytes: &[u8]) -> Result<NamedTempFile, ExportError> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    let mut file = builder
        .tempfile_in(dir)
        .map_err(io_error("create a temporary file in", dir))?;
    let tmp = file.path().to_path_buf();
    // Owner-only already when created; set outright so that the exported file
    // keeps that mode whatever the umask or the library's default.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(FILE_MODE))
            .map_err(io_error("set the permissions of", &tmp))?;
    }
    file.write_all(bytes).map_err(io_error("write", &tmp))?;
    file.flush().map_err(io_error("flush", &tmp))?;
    file.as_file()
        .sync_all()
        .map_err(io_error("save to disk", &tmp))?;
    Ok(file)
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

/// Whether [`export_dir`] may replace files an earlier export left in its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Write nothing when any of the files is there already.
    Never,
    /// Replace them, each in one step.
    Replace,
}

/// Which of the files an export writes are in `dir` already, in export
/// order. Anything with such a name counts, a symbolic link included; a
/// folder that cannot be read is taken to hold none (writing will say why).
pub fn existing_exports(dir: &Path) -> Vec<&'static str> {
    EXPORT_FILES
        .into_iter()
        .filter(|name| fs::symlink_metadata(dir.join(name)).is_ok())
        .collect()
}

/// Writes every file of [`EXPORT_FILES`] into `dir` (created if missing),
/// one per kind of record in `set`, each with its header even when it has
/// no rows. Files of those names already there are replaced only with
/// [`Overwrite::Replace`]; otherwise the export is
/// [`ExportError::WouldReplace`] and writes nothing.
///
/// Each table goes to a temporary file in `dir` that is flushed and synced;
/// only when all are safely on disk are they renamed over the targets.
/// A failure while writing leaves the previous files untouched, and each
/// rename replaces its file in one step, so no file is ever half written.
/// Without leave to replace, each rename also refuses a name taken in the
/// meantime, and what this export had put in place is taken back.
pub fn export_dir(
    dir: &Path,
    set: &RecordSet,
    overwrite: Overwrite,
) -> Result<ExportReport, ExportError> {
    if overwrite == Overwrite::Never {
        refuse_existing(dir, existing_exports(dir))?;
    }
    create_folder(dir)?;

    let tables = [
        table(CHECKINS_FILE, set.checkins.len(), |w| {
            write_checkins(w, &set.checkins)
        })?,
        table(SESSIONS_FILE, set.sessions.len(), |w| {
            write_sessions(w, &set.sessions)
        })?,
        table(CHECKLIST_FILE, set.checklist.len(), |w| {
            write_checklist(w, &set.checklist)
        })?,
        table(FLARE_UPS_FILE, set.flare_ups.len(), |w| {
            write_flare_ups(w, &set.flare_ups)
        })?,
        table(DAYS_OFF_FILE, set.days_off.len(), |w| {
            write_days_off(w, &set.days_off)
        })?,
        table(EXPERIMENTS_FILE, set.experiments.len(), |w| {
            write_experiments(w, &set.experiments)
        })?,
        table(FUNCTION_ACTIVITIES_FILE, set.activities.len(), |w| {
            write_function_activities(w, &set.activities)
        })?,
        table(FUNCTION_RATINGS_FILE, set.function_ratings.len(), |w| {
            write_function_ratings(w, &set.function_ratings)
        })?,
    ];
    debug_assert!(tables.iter().map(|(name, ..)| *name).eq(EXPORT_FILES));

    // A temporary file still staged when this returns early is removed when
    // it is dropped.
    let mut staged: Vec<(NamedTempFile, &'static str, usize)> = Vec::with_capacity(tables.len());
    for (name, bytes, rows) in tables {
        staged.push((stage(dir, name, &bytes)?, name, rows));
    }

    let mut files: Vec<ExportedFile> = Vec::with_capacity(staged.len());
    for (tmp, name, rows) in staged {
        let target = dir.join(name);
        let placed = match overwrite {
            // A rename replaces whatever has the target's name, a symbolic
            // link included, without following it.
            Overwrite::Replace => tmp.persist(&target).map(drop),
            Overwrite::Never => tmp.persist_noclobber(&target).map(drop),
        };
        if let Err(e) = placed {
            if overwrite == Overwrite::Never {
                // Only files this call created go: nothing was there before.
                for file in &files {
                    let _ = fs::remove_file(&file.path);
                }
                if e.error.kind() == io::ErrorKind::AlreadyExists {
                    refuse_existing(dir, vec![name])?;
                }
            }
            return Err(io_error("replace", &target)(e.error));
        }
        files.push(ExportedFile { path: target, rows });
    }
    sync_dir(dir)?;
    Ok(ExportReport { files })
}

/// One table written to memory: its file name, bytes and row count.
fn table(
    name: &'static str,
    rows: usize,
    write: impl FnOnce(&mut Vec<u8>) -> Result<(), ExportError>,
) -> Result<(&'static str, Vec<u8>, usize), ExportError> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    Ok((name, bytes, rows))
}

/// [`ExportError::WouldReplace`] when `files` is not empty.
fn refuse_existing(dir: &Path, files: Vec<&'static str>) -> Result<(), ExportError> {
    if files.is_empty() {
        return Ok(());
    }
    Err(ExportError::WouldReplace {
        dir: dir.to_path_buf(),
        files,
    })
}
