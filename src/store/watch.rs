//! Noticing what other processes wrote (the command line, a second
//! process on the same data) without reading the data itself: SQLite's
//! `data_version` changes on a connection whenever another connection has
//! committed, and never for the connection's own writes.

use rusqlite::Connection;

use super::inspect::open_read_only;
use super::{Store, StoreError};

impl Store {
    /// A number that changes when another connection or process has
    /// written to the database since the last call; cheap (no data read).
    pub fn data_version(&self) -> Result<i64, StoreError> {
        read_version(&self.conn).map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// A watcher on its own read-only connection, for a thread that looks
    /// now and then whether anything was written (by anyone, this store
    /// included) and wakes the window when so.
    pub fn watcher(&self) -> Result<ChangeWatcher, StoreError> {
        let conn = open_read_only(&self.path)?;
        let last = read_version(&conn).map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        Ok(ChangeWatcher { conn, last })
    }
}

/// Sees commits made on any other connection to the same file.
pub struct ChangeWatcher {
    conn: Connection,
    last: i64,
}

impl ChangeWatcher {
    /// True when something was committed since the last call. A read that
    /// fails (the file busy with a restore, say) counts as no change: the
    /// next look will see it.
    pub fn changed(&mut self) -> bool {
        match read_version(&self.conn) {
            Ok(version) if version != self.last => {
                self.last = version;
                true
            }
            _ => false,
        }
    }
}

fn read_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA data_version", [], |row| row.get(0))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{NaiveDate, Utc};

    use super::*;
    use crate::domain::pain::{CheckIn, Rating};

    fn checkin(day: u32, pain: i64) -> CheckIn {
        CheckIn {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            recorded_at: Utc::now(),
            pain: Rating::new(pain, "pain").unwrap(),
            stress: None,
            areas: Vec::new(),
            red_flags: Default::default(),
            note: String::new(),
        }
    }

    #[test]
    fn another_connections_write_shows_and_ones_own_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut window = Store::open(dir.path()).unwrap();
        let mut watcher = window.watcher().unwrap();
        let before = window.data_version().unwrap();

        window.save_checkin(&checkin(2, 4)).unwrap();
        assert_eq!(window.data_version().unwrap(), before, "own write");
        assert!(watcher.changed(), "the watcher sees every commit");
        assert!(!watcher.changed(), "once");

        let mut command_line = Store::open(dir.path()).unwrap();
        command_line.save_checkin(&checkin(3, 6)).unwrap();
        assert_ne!(window.data_version().unwrap(), before, "another's write");
        assert!(watcher.changed());
    }
}
