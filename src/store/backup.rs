//! Online backups into `backups/` beside the database and their rotation;
//! restoring one is in `backup/restore.rs`, and reading what one holds (for
//! the list to restore from) in `backup/summary.rs`.
//!
//! Daily backups are named `unknot-YYYY-MM-DD.sqlite3`. Rotation keeps the 7
//! newest, plus the newest of each of the 4 most recent weeks older than those.
//! A backup made before a schema upgrade is named
//! `unknot-before-schema-N-YYYYMMDDTHHMMSS.sqlite3` and is never rotated away.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags};

mod restore;
mod summary;

pub use restore::restore_over_refused;
pub use summary::{BackupSummary, summarize};

use super::inspect::{Check, check_pages};
use super::{Store, StoreError, sibling};

/// The folder, inside the data directory, holding backups.
pub const BACKUP_DIR_NAME: &str = "backups";
/// How many of the newest daily backups are kept.
pub const KEEP_DAILY: usize = 7;
/// How many older weeks keep one backup each.
pub const KEEP_WEEKLY: usize = 4;

const DAILY_PREFIX: &str = "unknot-";
const DAILY_SUFFIX: &str = ".sqlite3";

/// The backup folder for a database file.
pub fn backup_dir_for(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_DIR_NAME)
}

/// The daily backup file name for a date.
pub fn daily_file_name(date: NaiveDate) -> String {
    format!("{DAILY_PREFIX}{}{DAILY_SUFFIX}", date.format("%Y-%m-%d"))
}

/// The file name of a backup made on request ("back up now"); local time, so
/// the name reads as the moment the person pressed the button.
pub fn manual_file_name(now: chrono::DateTime<chrono::FixedOffset>) -> String {
    format!(
        "unknot-{}-manual-{}.sqlite3",
        now.format("%Y-%m-%d"),
        now.format("%H%M%S")
    )
}

/// Daily backups in `dir`, oldest first. Other files are ignored.
pub fn list_daily_backups(dir: &Path) -> Result<Vec<(NaiveDate, PathBuf)>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::io(dir, source));
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let date = name
            .strip_prefix(DAILY_PREFIX)
            .and_then(|rest| rest.strip_suffix(DAILY_SUFFIX))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if let Some(date) = date {
            found.push((date, entry.path()));
        }
    }
    found.sort();
    Ok(found)
}

/// Every backup in `dir` (daily, on request, before an upgrade), newest
/// first. Unreadable folders and other files are passed over.
pub fn list_backups(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(DAILY_PREFIX) && name.ends_with(DAILY_SUFFIX)
        })
        .filter_map(|entry| {
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, entry.path()))
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, path)| path).collect()
}

/// Which daily backups rotation keeps: the 7 newest, and the newest of each
/// of the 4 most recent weeks (Monday to Sunday) older than those.
pub fn backups_to_keep(dates: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut sorted: Vec<NaiveDate> = dates.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    let mut keep: BTreeSet<NaiveDate> = sorted.iter().take(KEEP_DAILY).copied().collect();
    let mut weeks_kept = BTreeSet::new();
    for date in sorted.iter().skip(KEEP_DAILY) {
        if weeks_kept.len() == KEEP_WEEKLY {
            break;
        }
        let week = date.iso_week();
        if weeks_kept.insert((week.year(), week.week())) {
            keep.insert(*date);
        }
    }
    keep
}

/// Deletes daily backups that rotation no longer keeps; returns what was removed.
pub fn rotate(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let backups = list_daily_backups(dir)?;
    let dates: Vec<NaiveDate> = backups.iter().map(|(d, _)| *d).collect();
    let keep = backups_to_keep(&dates);
    let mut removed = Vec::new();
    for (date, path) in backups {
        if !keep.contains(&date) {
            std::fs::remove_file(&path).map_err(|source| StoreError::io(&path, source))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// What to do when a copy's file name is already taken. An existing file
/// is never overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IfTaken {
    /// Keep what is there and make no copy (today's backup exists).
    Skip,
    /// Use the name with `-2`, `-3`, ... added.
    NextFree,
}

/// Copies a live database with SQLite's online backup into a private
/// temporary file beside `dest` (created new, never over an existing file),
/// checks the copy's integrity, then gives it its name without replacing
/// anything. A failed check leaves no file. Returns where the copy went, or
/// `None` when `dest` existed and `if_taken` says to skip.
pub(crate) fn backup_connection(
    conn: &Connection,
    source_path: &Path,
    dest: &Path,
    if_taken: IfTaken,
) -> Result<Option<PathBuf>, StoreError> {
    if if_taken == IfTaken::Skip && dest.exists() {
        return Ok(None);
    }
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    super::private::prepare_dir(dir)?;
    sweep_partials(dir);
    let temp = partial_in(dir)?;
    let result = conn
        .backup(rusqlite::MAIN_DB, temp.path(), None)
        .map_err(|e| StoreError::from_sqlite(temp.path(), e))
        .and_then(|()| finish_copy(temp.path()));
    if let Err(e) = result {
        remove_with_journal(temp.path());
        return Err(match e {
            StoreError::Corrupt { detail, .. } => StoreError::Corrupt {
                path: source_path.to_path_buf(),
                detail: format!("the backup copy failed its check: {detail}"),
            },
            other => other,
        });
    }
    persist_new(temp, dest, if_taken)
}

/// How the temporary files of copies in progress start.
const PARTIAL_PREFIX: &str = ".unknot-copy-";

/// Removes temporary copies left by a process that was killed mid-copy. Only
/// those untouched for an hour go: a copy another process is making now is
/// younger than that.
fn sweep_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < hour_ago);
        if name.starts_with(PARTIAL_PREFIX) && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Gives a finished temporary file its name, never over an existing file.
pub(super) fn persist_new(
    mut temp: tempfile::NamedTempFile,
    dest: &Path,
    if_taken: IfTaken,
) -> Result<Option<PathBuf>, StoreError> {
    for n in 1..=1000 {
        let name = numbered(dest, n);
        match temp.persist_noclobber(&name) {
            Ok(_) => {
                sync_dir(dest);
                return Ok(Some(name));
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                if if_taken == IfTaken::Skip {
                    return Ok(None);
                }
                temp = e.file;
            }
            Err(e) => return Err(StoreError::io(&name, e.error)),
        }
    }
    Err(StoreError::io(
        dest,
        std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "too many files of this name already",
        ),
    ))
}

/// `dest` itself for 1; otherwise `name-N.sqlite3` (or `name-N` for names
/// that do not end in `.sqlite3`).
fn numbered(dest: &Path, n: u32) -> PathBuf {
    if n == 1 {
        return dest.to_path_buf();
    }
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    let numbered = match name.strip_suffix(".sqlite3") {
        Some(stem) => format!("{stem}-{n}.sqlite3"),
        None => format!("{name}-{n}"),
    };
    dest.with_file_name(numbered)
}

/// Makes a new name in a folder durable; a failure here only weakens the
/// guarantee after a power cut, so it is not reported.
pub(super) fn sync_dir(file: &Path) {
    if cfg!(unix)
        && let Some(dir) = file.parent()
    {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

/// Makes a fresh copy a single self-contained file (no write-ahead log beside
/// it) and runs the full integrity check on it.
fn finish_copy(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open(path).map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.pragma_update(None, "journal_mode", "DELETE")
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    check_pages(&conn, path, Check::Full)?;
    conn.close()
        .map_err(|(_, e)| StoreError::from_sqlite(path, e))
}

/// Removes a partial copy and any journal files SQLite left beside it.
pub(super) fn remove_with_journal(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
}

/// Runs the full integrity check on a database file, read-only.
pub fn check_integrity(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    check_pages(&conn, path, Check::Full)
}

impl Store {
    /// The folder this store's backups go to.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir_for(&self.path)
    }

    /// Backs up to `dest` now (online, checked). When `dest` exists, the copy
    /// takes the next free numbered name; returns the name used.
    pub fn backup_to(&self, dest: &Path) -> Result<PathBuf, StoreError> {
        self.noting_damage(backup_connection(
            &self.conn,
            &self.path,
            dest,
            IfTaken::NextFree,
        ))?
        .ok_or_else(|| StoreError::Internal(format!("no backup was made at {}", dest.display())))
    }

    /// A copy that failed its integrity check means the store itself is
    /// damaged: check it, so that it stops taking writes.
    fn noting_damage<T>(&self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if let Err(StoreError::Corrupt { .. }) = &result
            && let Err(damage) = self.integrity_check()
        {
            return Err(damage);
        }
        result
    }

    /// Makes today's backup unless one exists, then rotates. Returns the new
    /// file, or `None` when today's backup was already there.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        let dir = self.backup_dir();
        let made = self.noting_damage(backup_connection(
            &self.conn,
            &self.path,
            &dir.join(daily_file_name(today)),
            IfTaken::Skip,
        ))?;
        if made.is_some() {
            rotate(&dir)?;
        }
        Ok(made)
    }
}

/// A private temporary file in `dir` for a copy in progress, created new.
pub(super) fn partial_in(dir: &Path) -> Result<tempfile::NamedTempFile, StoreError> {
    tempfile::Builder::new()
        .prefix(PARTIAL_PREFIX)
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|error| StoreError::io(dir, error))
}

/// The bytes of `from` in a new temporary file in `dir`, synced to disk.
pub(super) fn staged_copy(from: &Path, dir: &Path) -> Result<tempfile::NamedTempFile, StoreError> {
    let temp = partial_in(dir)?;
    let mut reader = std::fs::File::open(from).map_err(|error| StoreError::io(from, error))?;
    std::io::copy(&mut reader, &mut temp.as_file())
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|error| StoreError::io(temp.path(), error))?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn keeps_seven_daily_and_four_older_weeks() {
        // One backup a day for 60 days ending Wednesday 25 November 2026.
        let end = d(2026, 11, 25);
        let dates: Vec<NaiveDate> = (0..60).map(|i| end - chrono::Days::new(i)).collect();
        let keep = backups_to_keep(&dates);
        let daily: Vec<NaiveDate> = (0..7).map(|i| end - chrono::Days::new(i)).collect();
        for date in &daily {
            assert!(keep.contains(date), "{date}");
        }
        // The 7 dailies reach back to Thursday 19 November; older weeks keep
        // their newest day: Wed 18 Nov (rest of that week), Sun 15, Sun 8, Sun 1.
        let weekly = [
            d(2026, 11, 18),
            d(2026, 11, 15),
            d(2026, 11, 8),
            d(2026, 11, 1),
        ];
        for date in weekly {
            assert!(keep.contains(&date), "{date}");
        }
        assert_eq!(keep.len(), 11);
    }

    #[test]
    fn sparse_backups_keep_what_there_is() {
        let dates = [d(2026, 1, 1), d(2026, 3, 1)];
        assert_eq!(backups_to_keep(&dates).len(), 2);
        assert!(backups_to_keep(&[]).is_empty());
    }

    #[test]
    fn rotation_deletes_only_unkept_daily_files() {
        let dir = tempfile::tempdir().unwrap();
        let end = d(2026, 11, 25);
        for i in 0..20 {
            let date = end - chrono::Days::new(i);
            std::fs::write(dir.path().join(daily_file_name(date)), b"x").unwrap();
        }
        std::fs::write(dir.path().join("unknot-before-schema-2-x.sqlite3"), b"x").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"x").unwrap();
        let removed = rotate(dir.path()).unwrap();
        assert_eq!(removed.len(), 20 - 10);
        let left = list_daily_backups(dir.path()).unwrap();
        assert_eq!(left.len(), 10);
        assert!(dir.path().join("unknot-before-schema-2-x.sqlite3").exists());
        assert!(dir.path().join("notes.txt").exists());
    }
}
