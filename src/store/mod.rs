//! SQLite storage: the only code in Unknot that speaks SQL.
//!
//! [`Store::open`] refuses, without writing anything, a file that is not a
//! database, one that fails SQLite's quick check, and one made by a newer
//! version of Unknot. [`InstanceLock`] keeps a second window off the same data.

pub mod backup;
mod checkins;
mod checklist;
mod error;
mod import;
mod lock;
mod posture;
mod sessions;
mod settings;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::Migrations;

pub use error::StoreError;
pub use import::ImportCounts;
pub use lock::{InstanceLock, LOCK_FILE_NAME, LockError};

/// The database file's name inside the data directory.
pub const DB_FILE_NAME: &str = "unknot.sqlite3";

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

static MIGRATIONS: LazyLock<Result<Migrations<'static>, String>> =
    LazyLock::new(|| Migrations::from_directory(&MIGRATIONS_DIR).map_err(|e| e.to_string()));

/// The schema migrations embedded in this build.
pub fn migrations() -> Result<&'static Migrations<'static>, StoreError> {
    MIGRATIONS
        .as_ref()
        .map_err(|e| StoreError::Internal(format!("the built-in schema steps are broken: {e}")))
}

/// The schema version this build writes (the number of migrations).
pub fn schema_version() -> i64 {
    i64::try_from(MIGRATIONS_DIR.dirs().count()).unwrap_or(i64::MAX)
}

/// A failure [`Store::inject_fault`] can simulate.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    DiskFull,
    ReadOnly,
}

/// An open Unknot database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) `unknot.sqlite3` in `dir`, checks it and
    /// brings its schema up to date.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open_file(&dir.join(DB_FILE_NAME))
    }

    /// Opens a database file directly (used by `open` and by restore checks).
    pub fn open_file(path: &Path) -> Result<Self, StoreError> {
        let found_version = if path.exists() {
            Some(inspect_existing(path)?)
        } else {
            None
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        configure(&conn).map_err(|e| StoreError::from_sqlite(path, e))?;
        let supported = schema_version();
        if let Some(found) = found_version.filter(|v| (1..supported).contains(v)) {
            // An upgrade is about to change the file: keep a copy of it as it was.
            let name = format!(
                "unknot-before-schema-{supported}-from-{found}-{}.sqlite3",
                chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
            );
            backup::backup_connection(&conn, path, &backup::backup_dir_for(path).join(name))?;
        }
        migrations()?
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQLite's full integrity check; `Ok(())` when it reports "ok".
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(|e| self.err(e))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: result,
            })
        }
    }

    /// Runs `f` in one transaction: committed if it succeeds, rolled back otherwise.
    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, TxError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        let value = f(&tx).map_err(|e| e.into_store_error(&path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(&path, e))?;
        Ok(value)
    }

    /// Simulates a full disk (a page limit) or a read-only file on this
    /// connection, so tests can check that failures lose nothing.
    #[doc(hidden)]
    pub fn inject_fault(&self, fault: Fault) -> Result<(), StoreError> {
        let result = match fault {
            Fault::DiskFull => self
                .conn
                .query_row("PRAGMA page_count", [], |row| row.get::<_, i64>(0))
                .and_then(|pages| {
                    self.conn
                        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
                }),
            Fault::ReadOnly => self.conn.pragma_update(None, "query_only", true),
        };
        result.map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }
}

/// An error inside a transaction: SQLite's own, or a rule the data broke.
#[derive(Debug)]
pub(crate) enum TxError {
    Sqlite(rusqlite::Error),
    Domain(crate::domain::DomainError),
}

impl From<rusqlite::Error> for TxError {
    fn from(e: rusqlite::Error) -> Self {
        TxError::Sqlite(e)
    }
}

impl From<crate::domain::DomainError> for TxError {
    fn from(e: crate::domain::DomainError) -> Self {
        TxError::Domain(e)
    }
}

impl TxError {
    fn into_store_error(self, path: &Path) -> StoreError {
        match self {
            TxError::Sqlite(e) => StoreError::from_sqlite(path, e),
            TxError::Domain(e) => StoreError::Invalid(e),
        }
    }
}

/// Pragmas every connection runs with.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Looks at an existing file without changing it: is it a healthy Unknot
/// database this build knows how to read?
/// Returns the file's schema version.
fn inspect_existing(path: &Path) -> Result<i64, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::from_sqlite(path, e))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    let supported = schema_version();
    if found > supported {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(found)
}

/// Text form of a local date as stored.
fn date_text(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_date(text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| conversion_error(text, e))
}

fn instant_text(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn parse_instant(text: &str) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| conversion_error(text, e))
}

fn conversion_error(
    text: &str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("\"{text}\": {e}").into(),
    )
}

fn domain_error(e: crate::domain::DomainError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}
