use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why the store could not do what was asked, in words a person can act on.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("could not use {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not an Unknot database (or it is damaged), so it was left untouched: {detail}"
    )]
    NotADatabase { path: PathBuf, detail: String },
    #[error("{path} failed its integrity check and was left untouched: {detail}")]
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
    #[error("database error in {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Internal(String),
}

impl StoreError {
    /// Sorts a SQLite error into what a person can act on.
    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
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
            Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) if is_read_only(&path) => {
                StoreError::ReadOnly { path }
            }
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path }
            }
            _ => StoreError::Sqlite { path, source: e },
        }
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
