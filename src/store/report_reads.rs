//! The reads behind the visit summary: only the days a period needs (by
//! the date indexes), so that its cost follows the period, not the years
//! of history in the file.

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Store, StoreError, date_text};
use crate::domain::trend::BASELINE_CHECKINS;
use crate::domain::visit::{Period, VisitRecords, reach_back};

impl Store {
    /// What [`crate::domain::visit::VisitSummary::compute`] needs for
    /// `period`: the days from [`reach_back`] to its end, the first
    /// check-ins for the automatic baseline, the first record's day, the
    /// person's baseline, and the few records of which all are read (days
    /// off, experiments, checklist answers, function-check activities).
    pub fn visit_records(&self, period: Period) -> Result<VisitRecords, StoreError> {
        let experiments: Vec<_> = self.experiments()?.into_iter().map(|s| s.record).collect();
        let from = date_text(reach_back(period, &experiments));
        let to = date_text(period.to);
        let range = [from.as_str(), to.as_str()];
        let first_record = [
            self.first_day("SELECT min(local_date) FROM checkins")?,
            self.first_day("SELECT min(local_date) FROM sessions")?,
        ]
        .into_iter()
        .flatten()
        .min();
        Ok(VisitRecords {
            checkins: self.rows(
                &format!(
                    "SELECT {} FROM checkins WHERE local_date BETWEEN ?1 AND ?2 \
                     ORDER BY local_date",
                    super::checkins::COLUMNS
                ),
                &range,
                super::checkins::from_row,
            )?,
            first_checkins: self.rows(
                &format!(
                    "SELECT {} FROM checkins ORDER BY local_date LIMIT {BASELINE_CHECKINS}",
                    super::checkins::COLUMNS
                ),
                &[],
                super::checkins::from_row,
            )?,
            user_baseline: self.preferences()?.0.baseline_pain,
            first_record,
            // Without their exercises, which the summary does not show.
            sessions: self.rows(
                &format!(
                    "SELECT {} FROM sessions WHERE local_date BETWEEN ?1 AND ?2 \
                     ORDER BY local_date, started_at, id",
                    super::sessions::COLUMNS
                ),
                &range,
                |row| super::sessions::from_row(row).map(|(_, s)| s),
            )?,
            flare_ups: self.rows(
                &format!(
                    "SELECT {} FROM flare_ups WHERE local_date BETWEEN ?1 AND ?2 \
                     ORDER BY local_date, at, id",
                    super::flare_ups::COLUMNS
                ),
                &range,
                |row| super::flare_ups::from_row(row).map(|s| s.record),
            )?,
            days_off: self.days_off()?.into_iter().map(|s| s.record).collect(),
            experiments,
            checklist_history: self.checklist_history()?,
            activities: self.function_activities()?,
            function_ratings: self.rows(
                "SELECT id, uid, activity_uid, local_date, rated_at, score FROM function_ratings \
                 WHERE local_date BETWEEN ?1 AND ?2 ORDER BY local_date, id",
                &range,
                |row| super::function_checks::rating_from_row(row).map(|s| s.record),
            )?,
        })
    }

    /// The day one `SELECT min(local_date)` gives, if any.
    fn first_day(&self, sql: &str) -> Result<Option<NaiveDate>, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row(sql, [], |row| row.get(0))
            .map_err(|e| self.err(e))?;
        text.map(|t| super::parse_date(&t).map_err(|e| self.err(e)))
            .transpose()
    }

    fn rows<T>(
        &self,
        sql: &str,
        args: &[&str],
        from_row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }
}
