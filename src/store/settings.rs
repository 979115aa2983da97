//! Key-value settings, stored as text.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }

    /// Every setting whose key starts with `prefix`.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT key, value FROM settings WHERE substr(key, 1, ?2) = ?1 ORDER BY key",
            )
            .map_err(|e| self.err(e))?;
        let width = i64::try_from(prefix.chars().count()).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(rusqlite::params![prefix, width], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Saves several settings at once: all or none.
    pub fn set_settings(&mut self, pairs: &[(String, String)]) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?;
            for (key, value) in pairs {
                stmt.execute([key, value])?;
            }
            Ok(())
        })
    }
}
