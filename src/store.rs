//! SQLite storage: the only code in Unknot that speaks SQL.
//!
//! [`Store::open`] looks at an existing file read-only first and refuses,
//! without writing a byte, a file that is not a database, one that fails
//! SQLite's quick check, one that is not Unknot's (see [`inspect`]) and one
//! made by a newer version of Unknot. [`InstanceLock`] keeps a second window
//! off the same data; the write lock keeps every write apart from a restore.

pub mod backup;
mod checkins;
mod checklist;
mod days_off;
mod error;
mod experiments;
mod flare_ups;
mod function_checks;
mod import;
mod inspect;
mod lock;
mod posture;
mod preferences;
pub mod private;
mod report_reads;
mod salvage;
mod sessions;
mod settings;
mod stored;
mod watch;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::Migrations;

pub use error::StoreError;
pub use import::ImportCounts;
pub use inspect::APPLICATION_ID;
pub use lock::{InstanceLock, LOCK_FILE_NAME, LockError, WRITE_LOCK_FILE_NAME};
pub use salvage::Salvage;
pub use stored::{Stored, valid_uid};
pub use watch::ChangeWatcher;

use inspect::{Check, Identity};
use lock::WriteLock;

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
    /// `None` for a store opened read-only, which refuses every write.
    write_lock: Option<WriteLock>,
    /// Set once a full integrity check has failed: from then on nothing is
    /// written, so a damaged file is not made worse.
    damaged: OnceCell<String>,
    /// Things worth telling the person that did not stop the store opening.
    warnings: Vec<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) `unknot.sqlite3` in `dir`, checks it and
    /// brings its schema up to date. The folder is made (or kept) private.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let warning = private::prepare_dir(dir)?;
        let mut store = Self::open_file(&dir.join(DB_FILE_NAME))?;
        store.warnings.splice(0..0, warning);
        Ok(store)
    }

    /// Opens a database file directly; its folder must exist. Creating the
    /// schema, migrating it and stamping Unknot's mark happen under the
    /// exclusive write lock, so processes starting at once on a new folder
    /// take turns instead of racing.
    pub fn open_file(path: &Path) -> Result<Self, StoreError> {
        let dir = parent_dir(path);
        let write_lock = WriteLock::open(dir)?;
        // Created here, privately, so that SQLite's log files, which copy the
        // database file's permissions, are private too.
        match private::open_options()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
        let mut warnings: Vec<String> = ["", "-wal", "-shm"]
            .iter()
            .filter_map(|suffix| private::tighten(&sibling(path, suffix), 0o600))
            .collect();
        warnings.dedup();

        let shared = write_lock.shared()?;
        let identity = inspect::identify_file(path, Check::Quick)?;
        let conn = if identity.needs_setup() {
            drop(shared);
            let _exclusive = write_lock.exclusive()?;
            // Another process may have set the file up while this one waited.
            let identity = inspect::identify_file(path, Check::Quick)?;
            let mut conn = open_read_write(path)?;
            set_up(&mut conn, path, identity)?;
            conn
        } else {
            let conn = open_read_write(path)?;
            drop(shared);
            conn
        };
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            write_lock: Some(write_lock),
            damaged: OnceCell::new(),
            warnings,
        })
    }

    /// Opens the store in `dir` for reading only, creating and changing
    /// nothing: for export from a folder that cannot be written to.
    pub fn open_read_only(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(DB_FILE_NAME);
        if !path.is_file() {
            return Err(StoreError::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "there is no Unknot data here"),
            ));
        }
        let conn = inspect::open_read_only(&path)?;
        match inspect::identify(&conn, &path, Check::Quick)? {
            Identity::Unknot { version, .. } if version == schema_version() => {}
            Identity::Fresh => {}
            Identity::Unknot { .. } => {
                return Err(StoreError::ReadOnly { path });
            }
        }
        Ok(Self {
            conn,
            path,
            write_lock: None,
            damaged: OnceCell::new(),
            warnings: Vec::new(),
        })
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is worth telling the person about the data folder (for example
    /// that its file system cannot keep it private).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Why the store refuses writes, once a full integrity check has failed.
    pub fn damage(&self) -> Option<&str> {
        self.damaged.get().map(String::as_str)
    }

    /// Runs SQLite's full integrity check; `Ok(())` when it reports "ok".
    /// A failure marks the store damaged: it writes nothing more.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let result = inspect::check_pages(&self.conn, &self.path, Check::Full);
        if let Err(StoreError::Corrupt { detail, .. }) = &result {
            self.damaged.get_or_init(|| detail.clone());
        }
        result
    }

    /// Runs `f` in one write transaction, committed if it succeeds and rolled
    /// back otherwise, holding the write lock shared throughout.
    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, TxError>,
    ) -> Result<T, StoreError> {
        let Store {
            conn,
            path,
            write_lock,
            damaged,
            ..
        } = self;
        if let Some(detail) = damaged.get() {
            return Err(StoreError::Corrupt {
                path: path.clone(),
                detail: detail.clone(),
            });
        }
        let Some(write_lock) = write_lock else {
            return Err(StoreError::ReadOnly { path: path.clone() });
        };
        let _shared = write_lock.shared()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        let value = f(&tx).map_err(|e| e.into_store_error(path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(path, e))?;
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
        result.map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// Every row `sql` selects, each made by `from_row`.
    fn rows<T>(
        &self,
        sql: &str,
        from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], from_row).map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Sorts an error from a read. One that could come from damage SQLite's
    /// quick check misses (a row that does not decode, say) runs the full
    /// check, and a failed check is reported as such.
    fn err(&self, e: rusqlite::Error) -> StoreError {
        let error = StoreError::from_sqlite(&self.path, e);
        if matches!(
            error,
            StoreError::Sqlite { .. } | StoreError::Corrupt { .. }
        ) && let Err(damage) = self.integrity_check()
        {
            return damage;
        }
        error
    }
}

/// The folder a database file sits in.
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `path` with `suffix` added to its file name (`-wal`, `-shm`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn open_read_write(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
    configure(&conn).map_err(|e| StoreError::from_sqlite(path, e))?;
    Ok(conn)
}

/// Creates or upgrades the schema and writes Unknot's mark. The caller holds
/// the exclusive write lock. Before an upgrade changes an existing file, a
/// copy of it as it was goes into the backups.
fn set_up(conn: &mut Connection, path: &Path, identity: Identity) -> Result<(), StoreError> {
    let supported = schema_version();
    if let Identity::Unknot { version, .. } = identity
        && version < supported
    {
        let name = format!(
            "unknot-before-schema-{supported}-from-{version}-{}.sqlite3",
            chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
        );
        backup::backup_connection(
            conn,
            path,
            &backup::backup_dir_for(path).join(name),
            backup::IfTaken::NextFree,
        )?;
    }
    migrate_and_stamp(conn, path)
}

/// Brings the schema up to date and writes Unknot's application id.
fn migrate_and_stamp(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    migrations()?
        .to_latest(conn)
        .map_err(|e| StoreError::Migration {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(|e| StoreError::from_sqlite(path, e))
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

/// `id` when no row of `table` (a table name from this module) has it, so
/// a record put back can return under its old id.
fn id_if_free(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    id: i64,
) -> rusqlite::Result<Option<i64>> {
    let taken: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |row| row.get(0),
    )?;
    Ok((!taken).then_some(id))
}

/// Whether a row with this uid is in `table` (a table name from this module,
/// never from input).
/// A record without a uid is never taken.
fn uid_taken(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    uid: Option<&str>,
) -> rusqlite::Result<bool> {
    let Some(uid) = uid else {
        return Ok(false);
    };
    tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE uid = ?1)"),
        [uid],
        |row| row.get(0),
    )
}

fn domain_error(e: crate::domain::DomainError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}
