//! What a backup holds, read for the list a person restores from: when it
//! was made and how many check-ins and sessions it has.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::store::StoreError;
use crate::store::inspect::{Check, Identity, identify, open_read_only};

/// One backup as the restore list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub path: PathBuf,
    /// When the file was last written: when the backup was made.
    pub made_at: Option<DateTime<Utc>>,
    pub checkins: usize,
    pub sessions: usize,
}

/// Reads a backup's counts without changing a byte of it (read-only, or
/// immutable where the folder cannot be written), after the quick check
/// that it is an Unknot file this build can read.
pub fn summarize(path: &Path) -> Result<BackupSummary, StoreError> {
    let made_at = std::fs::metadata(path)
        .map_err(|error| StoreError::io(path, error))?
        .modified()
        .ok()
        .map(DateTime::<Utc>::from);
    let conn = open_read_only(path)?;
    let (checkins, sessions) = match identify(&conn, path, Check::Quick)? {
        Identity::Fresh => (0, 0),
        Identity::Unknot { .. } => {
            let count = |sql: &str| {
                conn.query_row(sql, [], |row| row.get::<_, i64>(0))
                    .map(|n| usize::try_from(n).unwrap_or_default())
                    .map_err(|e| StoreError::from_sqlite(path, e))
            };
            (
                count("SELECT COUNT(*) FROM checkins")?,
                count("SELECT COUNT(*) FROM sessions")?,
            )
        }
    };
    Ok(BackupSummary {
        path: path.to_path_buf(),
        made_at,
        checkins,
        sessions,
    })
}
