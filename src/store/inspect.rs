//! Telling an Unknot file from anything else before writing a byte to it.
//!
//! Unknot's files carry SQLite's `application_id` ([`APPLICATION_ID`]) and
//! a schema that must match, table for table, the one this build's
//! migrations make for the file's `user_version`. Files from before the
//! application id was written have id 0: with an exact schema match they
//! are taken as Unknot's own (and stamped when next opened for writing);
//! anything else is refused and left as it was.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, migrations, schema_version};

/// Unknot's mark in the database header: "UnKt".
pub const APPLICATION_ID: i32 = 0x556e_4b74;

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    /// No tables, no version, no mark: a new (or zero-byte) file.
    Fresh,
    /// An Unknot database of schema `version`; `stamped` when it carries the
    /// application id already.
    Unknot { version: i64, stamped: bool },
}

impl Identity {
    /// Whether opening it for writing needs more than the pragmas: a schema
    /// to create or bring up to date, or the mark to write.
    pub(crate) fn needs_setup(self) -> bool {
        !matches!(self, Identity::Unknot { version, stamped: true } if version == schema_version())
    }
}

/// How thoroughly to check the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// `quick_check`: the structure, in a moment; for every open.
    Quick,
    /// `integrity_check`: every index against its table; for files about to
    /// replace the store.
    Full,
}

/// One row of `sqlite_master`: type, name, table and SQL text.
type SchemaRow = (String, String, String, Option<String>);

/// The schema each version makes, index 0 being version 1.
static EXPECTED: LazyLock<Result<Vec<Vec<SchemaRow>>, String>> = LazyLock::new(|| {
    let steps = migrations().map_err(|e| e.to_string())?;
    let mut conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    for version in 1..=schema_version() {
        let version = usize::try_from(version).map_err(|e| e.to_string())?;
        steps
            .to_version(&mut conn, version)
            .map_err(|e| e.to_string())?;
        all.push(schema_of(&conn).map_err(|e| e.to_string())?);
    }
    Ok(all)
});

fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaRow>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    })?;
    rows.collect()
}

/// Opens a file read-only, changing nothing. A database in write-ahead-log
/// mode in a folder that cannot be written to opens only as immutable, which
/// is safe when no log file holds changes beside it.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .and_then(|conn| {
            // Touch the file so a missing shared-memory file shows up now.
            conn.query_row("PRAGMA schema_version", [], |_| Ok(()))?;
            Ok(conn)
        })
        .or_else(|first| {
            let log = super::sibling(path, "-wal");
            if std::fs::metadata(&log).is_ok_and(|m| m.len() > 0) {
                return Err(first);
            }
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
        })
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    Ok(conn)
}

/// A path written for a `file:` URI: everything but unreserved characters
/// and `/` percent-encoded.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(*byte));
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Runs SQLite's quick or full check on an open connection; a report
/// other than "ok" is [`StoreError::Corrupt`] with that report.
pub(crate) fn check_pages(conn: &Connection, path: &Path, check: Check) -> Result<(), StoreError> {
    let pragma = match check {
        Check::Quick => "PRAGMA quick_check",
        Check::Full => "PRAGMA integrity_check",
    };
    let result: String = conn
        .query_row(pragma, [], |row| row.get(0))
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

/// Checks an open (read-only) connection: healthy pages, and an Unknot
/// file this build can read, or a fresh one.
pub(crate) fn identify(
    conn: &Connection,
    path: &Path,
    check: Check,
) -> Result<Identity, StoreError> {
    let sql_err = |e| StoreError::from_sqlite(path, e);
    check_pages(conn, path, check)?;
    let application_id: i32 = conn
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(sql_err)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(sql_err)?;
    let schema = schema_of(conn).map_err(sql_err)?;
    let foreign = |detail: String| StoreError::Foreign {
        path: path.to_path_buf(),
        detail,
    };
    if application_id != 0 && application_id != APPLICATION_ID {
        return Err(foreign(format!(
            "its application id is {application_id:#010x}, not Unknot's"
        )));
    }
    if application_id == 0 && version == 0 && schema.is_empty() {
        return Ok(Identity::Fresh);
    }
    let supported = schema_version();
    if version > supported {
        // A newer Unknot's file, or another program's: say so only when it is ours.
        if application_id == APPLICATION_ID {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported,
            });
        }
        return Err(foreign(format!(
            "its schema version {version} is not one of Unknot's"
        )));
    }
    let expected = EXPECTED
        .as_ref()
        .map_err(|e| StoreError::Internal(e.clone()))?;
    let matches = usize::try_from(version)
        .ok()
        .and_then(|v| v.checked_sub(1))
        .and_then(|index| expected.get(index))
        .is_some_and(|want| *want == schema);
    if !matches {
        let detail = if schema.is_empty() {
            "it holds no tables".to_owned()
        } else {
            "its tables are not the ones Unknot makes".to_owned()
        };
        return Err(foreign(detail));
    }
    Ok(Identity::Unknot {
        version,
        stamped: application_id == APPLICATION_ID,
    })
}

/// Opens `path` read-only and identifies it; a missing or zero-byte file is
/// fresh.
pub(crate) fn identify_file(path: &Path, check: Check) -> Result<Identity, StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() == 0 => return Ok(Identity::Fresh),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Identity::Fresh),
        Err(e) => return Err(StoreError::io(path, e)),
    }
    let conn = open_read_only(path)?;
    identify(&conn, path, check)
}
