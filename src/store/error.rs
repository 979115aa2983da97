use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why the store could not do what was asked, in words a person can act on.
///
/// Each message is whole on its own: the underlying error is part of the text
/// and deliberately not also offered as a `source`, so that printing the
/// error with its chain never says the same thing twice.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("could not use {path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "{path} is a link to {target}, which does not exist. Connect the drive it points to, \
         or remove the link."
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error(
        "{path} is not an Unknot database (or it is damaged), so it was left untouched: {detail}"
    )]
    NotADatabase { path: PathBuf, detail: String },
    #[error(
        "{path} belongs to another program or is not an Unknot file ({detail}); it was left untouched."
    )]
    Foreign { path: PathBuf, detail: String },
    #[error(
        "{path} failed its integrity check: {detail}. Nothing more is written to it. \
         Save what can still be read with `unknot export --out FOLDER`, then restore a backup."
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer version of Unknot (schema {found}; this version knows up to {supported}). \
         It was left untouched: please update Unknot to open it."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is the database in use; choose a backup file to restore from.")]
    SameFile { path: PathBuf },
    #[error("the disk holding {path} is full; nothing was saved. Free some space and try again.")]
    DiskFull { path: PathBuf },
    #[error("{path} is read-only; nothing was saved. Check the folder's permissions.")]
    ReadOnly { path: PathBuf },
    #[error("{path} is busy in another program; nothing was saved. Try again in a moment.")]
    Busy { path: PathBuf },
    #[error("could not update the database schema of {path}: {message}")]
    Migration { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(#[from] crate::domain::DomainError),
    #[error("database error in {path}: {error}")]
    Sqlite {
        path: PathBuf,
        error: rusqlite::Error,
    },
    #[error("{0}")]
    Internal(String),
}

/// SQLite's extended code for "could not grow the shared-memory file", which
/// is how a full disk shows up when the write-ahead log's index needs room.
const SQLITE_IOERR_SHMSIZE: std::ffi::c_int = 4874;

impl StoreError {
    /// A file-system error on `path`, with a full disk named as such.
    pub(crate) fn io(path: &Path, error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::StorageFull
            || error.kind() == std::io::ErrorKind::QuotaExceeded
        {
            return StoreError::DiskFull {
                path: path.to_path_buf(),
            };
        }
        StoreError::Io {
            path: path.to_path_buf(),
            error,
        }
    }

    /// Sorts a SQLite error into what a person can act on.
    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        let extended = match &e {
            rusqlite::Error::SqliteFailure(failure, _) => Some(failure.extended_code),
            _ => None,
        };
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::SystemIoFailure)
                if extended == Some(SQLITE_IOERR_SHMSIZE)
                    || super::private::disk_is_full(&path) =>
            {
                StoreError::DiskFull { path }
            }
            Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) if is_read_only(&path) => {
                StoreError::ReadOnly { path }
            }
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path }
            }
            _ => StoreError::Sqlite { path, error: e },
        }
    }

    /// Whether the file itself is at fault (damaged, foreign, too new), as
    /// opposed to the disk, the folder or a moment's contention.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::NotADatabase { .. }
                | StoreError::Foreign { .. }
                | StoreError::Corrupt { .. }
                | StoreError::TooNew { .. }
        )
    }
}

fn is_read_only(path: &Path) -> bool {
    let probe = if path.exists() {
        path
    } else {
        path.parent().unwrap_or(path)
    };
    std::fs::metadata(probe).is_ok_and(|m| m.permissions().readonly())
}
