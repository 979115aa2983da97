//! Online backups into `backups/` beside the database, their rotation, and
//! restoring one.
//!
//! Daily backups are named `unknot-YYYY-MM-DD.sqlite3`. Rotation keeps the 7
//! newest, plus the newest of each of the 4 most recent weeks older than those.
//! A backup made before a schema upgrade is named
//! `unknot-before-schema-N-YYYYMMDDTHHMMSS.sqlite3` and is never rotated away.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{DB_FILE_NAME, Store, StoreError, inspect_existing};

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
            return Err(StoreError::Io {
                path: dir.to_path_buf(),
                source,
            });
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
            std::fs::remove_file(&path).map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// Copies a live database to `dest` with SQLite's online backup, checks the
/// copy's integrity, then moves it into place. A failed check leaves no file.
pub(crate) fn backup_connection(
    conn: &Connection,
    source_path: &Path,
    dest: &Path,
) -> Result<(), StoreError> {
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let temp = dest.with_extension("sqlite3.partial");
    remove_with_journal(&temp);
    let result = conn
        .backup(rusqlite::MAIN_DB, &temp, None)
        .map_err(|e| StoreError::from_sqlite(&temp, e))
        .and_then(|()| finish_copy(&temp));
    if let Err(e) = result {
        remove_with_journal(&temp);
        return Err(match e {
            StoreError::Corrupt { detail, .. } => StoreError::Corrupt {
                path: source_path.to_path_buf(),
                detail: format!("the backup copy failed its check: {detail}"),
            },
            other => other,
        });
    }
    std::fs::rename(&temp, dest).map_err(|source| StoreError::Io {
        path: dest.to_path_buf(),
        source,
    })
}

/// Makes a fresh copy a single self-contained file (no write-ahead log beside
/// it) and runs the full integrity check on it.
fn finish_copy(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open(path).map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.pragma_update(None, "journal_mode", "DELETE")
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    integrity(&conn, path)?;
    conn.close()
        .map_err(|(_, e)| StoreError::from_sqlite(path, e))
}

fn integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: result,
        })
    }
}

/// Removes a partial copy and any journal files SQLite left beside it.
fn remove_with_journal(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Runs the full integrity check on a database file, read-only.
pub fn check_integrity(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    integrity(&conn, path)
}

impl Store {
    /// The folder this store's backups go to.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir_for(&self.path)
    }

    /// Backs up to `dest` now (online, checked).
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        backup_connection(&self.conn, &self.path, dest)
    }

    /// Makes today's backup unless one exists, then rotates. Returns the new
    /// file, or `None` when today's backup was already there.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        let dir = self.backup_dir();
        let dest = dir.join(daily_file_name(today));
        if dest.exists() {
            return Ok(None);
        }
        self.backup_to(&dest)?;
        rotate(&dir)?;
        Ok(Some(dest))
    }
}

/// Replaces the database in `data_dir` with `backup`, after checking the
/// backup. The current file is moved aside (never deleted); returns where.
/// The caller must hold the [`super::InstanceLock`].
pub fn restore(
    data_dir: &Path,
    backup: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>, StoreError> {
    if !backup.is_file() {
        return Err(StoreError::Io {
            path: backup.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such backup file"),
        });
    }
    inspect_existing(backup)?;
    check_integrity(backup)?;

    let db = data_dir.join(DB_FILE_NAME);
    let mut moved_to = None;
    if db.exists() {
        // Fold the write-ahead log into the main file so the file moved aside is complete.
        {
            let store = Store::open_file(&db)?;
            store
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(|e| StoreError::from_sqlite(&db, e))?;
        }
        let aside = data_dir.join(format!(
            "{DB_FILE_NAME}.replaced-{}",
            now.format("%Y%m%dT%H%M%SZ")
        ));
        std::fs::rename(&db, &aside).map_err(|source| StoreError::Io {
            path: db.clone(),
            source,
        })?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(data_dir.join(format!("{DB_FILE_NAME}{suffix}")));
        }
        moved_to = Some(aside);
    }
    let temp = data_dir.join(format!("{DB_FILE_NAME}.restoring"));
    std::fs::copy(backup, &temp).map_err(|source| StoreError::Io {
        path: temp.clone(),
        source,
    })?;
    std::fs::File::open(&temp)
        .and_then(|f| f.sync_all())
        .map_err(|source| StoreError::Io {
            path: temp.clone(),
            source,
        })?;
    std::fs::rename(&temp, &db).map_err(|source| StoreError::Io {
        path: db.clone(),
        source,
    })?;
    // Opening brings an older backup's schema up to date and proves it works.
    Store::open_file(&db)?;
    Ok(moved_to)
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
