//! Posture checks confirmed from a reminder, counted per local day.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::{Store, StoreError, date_text, instant_text};

impl Store {
    /// Records one posture check.
    pub fn add_posture_check(
        &mut self,
        at: DateTime<Utc>,
        date: NaiveDate,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO posture_checks (checked_at, local_date) VALUES (?1, ?2)",
                params![instant_text(at), date_text(date)],
            )?;
            Ok(())
        })
    }

    /// How many posture checks were recorded on a local date.
    pub fn posture_checks_on(&self, date: NaiveDate) -> Result<u32, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM posture_checks WHERE local_date = ?1",
                [date_text(date)],
                |row| row.get(0),
            )
            .map_err(|e| self.err(e))
    }
}
