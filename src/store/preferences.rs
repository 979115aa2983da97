//! Preferences, one row per key in the settings table (see
//! [`crate::preferences`]). Saving writes only the rows asked for, so a
//! change saved by another process to a different preference stays.

use crate::preferences::{PreferenceKey, Preferences};

use super::{Store, StoreError};

impl Store {
    /// The saved preferences, with a warning in plain words for each value
    /// that could not be read or was out of range (it is at its default, or
    /// brought into range). Rows that are not preferences are left alone.
    pub fn preferences(&self) -> Result<(Preferences, Vec<String>), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM settings ORDER BY key")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(Preferences::from_rows(
            rows.iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        ))
    }

    /// Saves the preferences named by `keys`, taking their values from
    /// `prefs`, in one transaction: all of them or none. No other row changes.
    pub fn save_preferences(
        &mut self,
        prefs: &Preferences,
        keys: &[PreferenceKey],
    ) -> Result<(), StoreError> {
        let rows = keys
            .iter()
            .map(|&key| {
                prefs
                    .value_text(key)
                    .map(|value| (key.name(), value))
                    .map_err(|e| {
                        StoreError::Internal(format!(
                            "the preference {} could not be written down: {e}",
                            key.name()
                        ))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if rows.is_empty() {
            return Ok(());
        }
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?;
            for (key, value) in &rows {
                stmt.execute([key, value.as_str()])?;
            }
            Ok(())
        })
    }
}
