//! Experiments: started, stopped, listed.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::stored::Stored;
use super::{
    Store, StoreError, TxError, date_text, domain_error, instant_text, parse_date, parse_instant,
};
use crate::domain::DomainError;
use crate::domain::experiment::{Experiment, ExperimentKind, check_name_free};
use crate::domain::keyed::Keyed;

pub(super) const COLUMNS: &str =
    "id, uid, name, kind, start_day, planned_days, stopped_on, created_at";

impl Store {
    /// Starts an experiment; refuses one starting in the future, and a name
    /// already used by an experiment over any of the same days.
    pub fn start_experiment(
        &mut self,
        experiment: &Experiment,
        today: NaiveDate,
    ) -> Result<Stored<Experiment>, StoreError> {
        experiment.validate(today)?;
        self.in_transaction(|tx| {
            let existing: Vec<Experiment> = all(tx)?.into_iter().map(|s| s.record).collect();
            check_name_free(experiment, &existing)?;
            Ok(insert(tx, experiment, None, None)?)
        })
    }

    /// Stops the experiment called `name` (without regard to case) that runs
    /// today and has not been stopped yet, with `on` as its last day. Refuses when none of that name
    /// runs, and a last day before its start or after today.
    pub fn stop_experiment(
        &mut self,
        name: &str,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Stored<Experiment>, StoreError> {
        self.in_transaction(|tx| {
            let key = name.trim().to_lowercase();
            let candidates: Vec<Stored<Experiment>> = all(tx)?
                .into_iter()
                .filter(|s| s.record.name.trim().to_lowercase() == key)
                .collect();
            let running = candidates
                .iter()
                .filter(|s| s.record.stopped_on.is_none() && s.record.is_running(today))
                .max_by_key(|s| s.record.start);
            let Some(found) = running else {
                return Err(match candidates.last() {
                    None => {
                        DomainError::Invalid(format!("no experiment is called \"{}\"", name.trim()))
                    }
                    Some(last) => DomainError::Invalid(format!(
                        "\"{}\" is not running: it ended on {}",
                        last.record.name,
                        last.record.end()
                    )),
                }
                .into());
            };
            let mut stopped = found.clone();
            stopped.record.stopped_on = Some(on);
            stopped.record.validate(today)?;
            tx.execute(
                "UPDATE experiments SET stopped_on = ?1 WHERE id = ?2",
                params![date_text(on), found.id],
            )?;
            Ok(stopped)
        })
    }

    /// Replaces what is stored for the experiment `id` (a stop day set or
    /// cleared, a name or a plan changed), with the same checks as a start,
    /// not counting the experiment itself.
    pub fn update_experiment(
        &mut self,
        id: i64,
        experiment: &Experiment,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        experiment.validate(today)?;
        self.in_transaction(|tx| {
            let others: Vec<Experiment> = all(tx)?
                .into_iter()
                .filter(|s| s.id != id)
                .map(|s| s.record)
                .collect();
            check_name_free(experiment, &others)?;
            let changed = tx.execute(
                "UPDATE experiments SET name = ?1, kind = ?2, start_day = ?3, planned_days = ?4, \
                 stopped_on = ?5 WHERE id = ?6",
                params![
                    experiment.name.trim(),
                    experiment.kind.code(),
                    date_text(experiment.start),
                    experiment.planned_days,
                    experiment.stopped_on.map(date_text),
                    id
                ],
            )?;
            if changed == 0 {
                return Err(DomainError::Invalid(
                    "that experiment is no longer stored; it may have been deleted in another window"
                        .to_string(),
                )
                .into());
            }
            Ok(())
        })
    }

    /// Deletes the experiment `id`; returns whether there was one.
    pub fn delete_experiment(&mut self, id: i64) -> Result<bool, StoreError> {
        let n = self
            .in_transaction(|tx| Ok(tx.execute("DELETE FROM experiments WHERE id = ?1", [id])?))?;
        Ok(n > 0)
    }

    /// Puts a deleted experiment back under its id and uid.
    pub fn put_back_experiment(&mut self, stored: &Stored<Experiment>) -> Result<i64, StoreError> {
        self.in_transaction(|tx| {
            let id = super::id_if_free(tx, "experiments", stored.id)?;
            Ok(insert(tx, &stored.record, id, Some(&stored.uid))?.id)
        })
    }

    /// Every experiment, by start day.
    pub fn experiments(&self) -> Result<Vec<Stored<Experiment>>, StoreError> {
        self.rows(
            &format!("SELECT {COLUMNS} FROM experiments ORDER BY start_day, id"),
            from_row,
        )
    }

    /// The experiment with this uid, if stored.
    pub fn experiment(&self, uid: &str) -> Result<Option<Stored<Experiment>>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM experiments WHERE uid = ?1"),
                [uid],
                from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}

fn all(tx: &Transaction<'_>) -> rusqlite::Result<Vec<Stored<Experiment>>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM experiments ORDER BY start_day, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// Adds experiments whose uid is not stored yet; returns how many.
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    experiments: &[Keyed<Experiment>],
) -> Result<usize, TxError> {
    let mut added = 0;
    for e in experiments {
        crate::domain::experiment::check_name(&e.record.name)?;
        if !super::uid_taken(tx, "experiments", e.uid.as_deref())? {
            // The same rule as a start: a name once over any day.
            let stored: Vec<Experiment> = all(tx)?.into_iter().map(|s| s.record).collect();
            check_name_free(&e.record, &stored)?;
            insert(tx, &e.record, None, e.uid.as_deref())?;
            added += 1;
        }
    }
    Ok(added)
}

fn insert(
    tx: &Transaction<'_>,
    e: &Experiment,
    id: Option<i64>,
    uid: Option<&str>,
) -> rusqlite::Result<Stored<Experiment>> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO experiments (id, uid, name, kind, start_day, planned_days, stopped_on, \
         created_at) VALUES (?1, coalesce(?2, lower(hex(randomblob(16)))), ?3, ?4, ?5, ?6, ?7, ?8) \
         RETURNING id, uid",
    )?;
    let record = Experiment {
        name: e.name.trim().to_string(),
        ..e.clone()
    };
    let (id, uid) = stmt.query_row(
        params![
            id,
            uid,
            record.name,
            record.kind.code(),
            date_text(record.start),
            record.planned_days,
            record.stopped_on.map(date_text),
            instant_text(record.created_at)
        ],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(Stored { id, uid, record })
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Stored<Experiment>> {
    let kind: String = row.get(3)?;
    let start: String = row.get(4)?;
    let stopped_on: Option<String> = row.get(6)?;
    let created_at: String = row.get(7)?;
    Ok(Stored {
        id: row.get(0)?,
        uid: row.get(1)?,
        record: Experiment {
            name: row.get(2)?,
            kind: ExperimentKind::from_code(&kind).map_err(domain_error)?,
            start: parse_date(&start)?,
            planned_days: row.get(5)?,
            stopped_on: stopped_on.as_deref().map(parse_date).transpose()?,
            created_at: parse_instant(&created_at)?,
        },
    })
}
