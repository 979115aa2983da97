//! The reads behind the visit summary: only the days a period needs (by
//! the date indexes), so that its cost follows the period, not the years
//! of history in the file.

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Store, StoreError, date_text};
use crate::domain::dates::week_start;
use crate::domain::experiment::Experiment;
use crate::domain::trend::BASELINE_CHECKINS;
use crate::domain::visit::{Period, VisitRecords, reach_back};

impl Store {
    /// What [`crate::domain::visit::VisitSummary::compute`] needs for
    /// `period`: check-ins from [`reach_back`] to its end, sessions from
    /// the Monday of its first week, flare-ups and function-check scores
    /// in it, the days off of its weeks, the experiments that ran in it
    /// and those that ran alongside them; then the first check-ins for the
    /// automatic baseline, the first record's day, the person's baseline,
    /// and the few records read whole (the checklist's answers, the
    /// function check's activities).
    pub fn visit_records(&self, period: Period) -> Result<VisitRecords, StoreError> {
        let experiments = self.experiments_for(period)?;
        // Check-ins from the earliest day the summary compares with,
        // sessions from the first week's Monday, the rest from the start.
        let to = date_text(period.to);
        let reach = date_text(reach_back(period, &experiments));
        let monday = date_text(week_start(period.from));
        let from = date_text(period.from);
        let checkin_days: [&dyn AsRef<str>; 2] = [&reach, &to];
        let session_days: [&dyn AsRef<str>; 2] = [&monday, &to];
        let days: [&dyn AsRef<str>; 2] = [&from, &to];
        let first_record = [
            self.first_day("SELECT min(local_date) FROM checkins")?,
            self.first_day("SELECT min(local_date) FROM sessions")?,
        ]
        .into_iter()
        .flatten()
        .min();
        Ok(VisitRecords {
            checkins: self.rows_with(
                &format!(
                    "SELECT {} FROM checkins WHERE local_date BETWEEN ?1 AND ?2 \
                     ORDER BY local_date",
                    super::checkins::COLUMNS
                ),
                &checkin_days,
                super::checkins::from_row,
            )?,
            first_checkins: self.rows_with(
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
            sessions: self.rows_with(
                &format!(
                    "SELECT {} FROM sessions WHERE local_date BETWEEN ?1 AND ?2 \
                     ORDER BY local_date, id",
                    super::sessions::COLUMNS
                ),
                &session_days,
                |row| super::sessions::from_row(row).map(|(_, s)| s),
            )?,
            flare_ups: self.rows_with(
                &format!(
                    "SELECT {} FROM flare_ups WHERE local_date BETWEEN ?1 AND ?2 \
                     ORDER BY local_date, id",
                    super::flare_ups::COLUMNS
                ),
                &days,
                |row| super::flare_ups::from_row(row).map(|s| s.record),
            )?,
            days_off: self.rows_with(
                &format!(
                    "SELECT {} FROM days_off WHERE last_day >= ?1 AND first_day <= ?2 \
                     ORDER BY first_day, id",
                    super::days_off::COLUMNS
                ),
                &session_days,
                |row| super::days_off::from_row(row).map(|s| s.record),
            )?,
            experiments,
            checklist_history: self.checklist_history()?,
            activities: self.function_activities()?,
            function_ratings: self.rows_with(
                "SELECT id, uid, activity_uid, local_date, rated_at, score FROM function_ratings \
                 WHERE local_date BETWEEN ?1 AND ?2 ORDER BY local_date, id",
                &days,
                |row| super::function_checks::rating_from_row(row).map(|s| s.record),
            )?,
        })
    }

    /// The experiments that ran on a day of `period`, and the ones that
    /// ran alongside those (an experiment's result names them), by start.
    fn experiments_for(&self, period: Period) -> Result<Vec<Experiment>, StoreError> {
        let between = |from: NaiveDate| {
            self.rows_with(
                &format!(
                    "SELECT {} FROM experiments WHERE start_day <= ?2 AND \
                     coalesce(stopped_on, date(start_day, (planned_days - 1) || ' days')) >= ?1 \
                     ORDER BY start_day, id",
                    super::experiments::COLUMNS
                ),
                &[&date_text(from), &date_text(period.to)],
                |row| super::experiments::from_row(row).map(|s| s.record),
            )
        };
        let touching = between(period.from)?;
        match touching.iter().map(|e| e.start).min() {
            Some(first) if first < period.from => between(first),
            _ => Ok(touching),
        }
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

    /// The rows `sql` gives for `args`, each made by `from_row`.
    fn rows_with<T>(
        &self,
        sql: &str,
        args: &[&dyn AsRef<str>],
        from_row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())),
                from_row,
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }
}
