//! Days off: ranges that never share a day.

use chrono::NaiveDate;
use rusqlite::{Row, Transaction, params};

use super::stored::Stored;
use super::{
    Store, StoreError, TxError, date_text, domain_error, instant_text, parse_date, parse_instant,
};
use crate::domain::days_off::{DaysOff, Reason};
use crate::domain::keyed::Keyed;

pub(super) const COLUMNS: &str = "id, uid, first_day, last_day, reason, created_at";

impl Store {
    /// Marks a range of days off; refuses one that shares a day with a
    /// range already marked (checked inside the transaction, so two
    /// processes cannot both add overlapping ones).
    pub fn add_days_off(
        &mut self,
        days_off: &DaysOff,
        today: NaiveDate,
    ) -> Result<Stored<DaysOff>, StoreError> {
        self.in_transaction(|tx| {
            let existing = all(tx)?;
            let others: Vec<DaysOff> = existing.into_iter().map(|s| s.record).collect();
            days_off.validate(today, &others)?;
            Ok(insert(tx, days_off, None, None)?)
        })
    }

    /// Replaces the range `id`, refusing one that would share a day with
    /// another range.
    pub fn update_days_off(
        &mut self,
        id: i64,
        days_off: &DaysOff,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let others: Vec<DaysOff> = all(tx)?
                .into_iter()
                .filter(|s| s.id != id)
                .map(|s| s.record)
                .collect();
            days_off.validate(today, &others)?;
            let changed = tx.execute(
                "UPDATE days_off SET first_day = ?1, last_day = ?2, reason = ?3 WHERE id = ?4",
                params![
                    date_text(days_off.first),
                    date_text(days_off.last),
                    days_off.reason.code(),
                    id
                ],
            )?;
            if changed == 0 {
                return Err(crate::domain::DomainError::Invalid(
                    "those days off are no longer stored; they may have been deleted in another window"
                        .to_string(),
                )
                .into());
            }
            Ok(())
        })
    }

    /// Deletes the range `id`; returns whether there was one.
    pub fn delete_days_off(&mut self, id: i64) -> Result<bool, StoreError> {
        let n =
            self.in_transaction(|tx| Ok(tx.execute("DELETE FROM days_off WHERE id = ?1", [id])?))?;
        Ok(n > 0)
    }

    /// Puts a deleted range back under its id and uid, unless another range
    /// has taken any of its days since.
    pub fn put_back_days_off(&mut self, stored: &Stored<DaysOff>) -> Result<i64, StoreError> {
        self.in_transaction(|tx| {
            let others: Vec<DaysOff> = all(tx)?.into_iter().map(|s| s.record).collect();
            if let Some(clash) = others.iter().find(|o| o.overlaps(&stored.record)) {
                return Err(crate::domain::DomainError::Invalid(format!(
                    "{} to {} are marked as days off since; the deleted range cannot come back",
                    clash.first, clash.last
                ))
                .into());
            }
            let id = super::id_if_free(tx, "days_off", stored.id)?;
            Ok(insert(tx, &stored.record, id, Some(&stored.uid))?.id)
        })
    }

    /// Every range of days off, earliest first.
    pub fn days_off(&self) -> Result<Vec<Stored<DaysOff>>, StoreError> {
        self.rows(
            &format!("SELECT {COLUMNS} FROM days_off ORDER BY first_day, id"),
            from_row,
        )
    }
}

fn all(tx: &Transaction<'_>) -> rusqlite::Result<Vec<Stored<DaysOff>>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT {COLUMNS} FROM days_off"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// Adds ranges whose uid is not stored yet, refusing (all or nothing) one
/// that overlaps a stored range it is not; returns how many were added.
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    ranges: &[Keyed<DaysOff>],
) -> Result<usize, TxError> {
    let mut added = 0;
    for r in ranges {
        if super::uid_taken(tx, "days_off", r.uid.as_deref())? {
            continue;
        }
        let others: Vec<DaysOff> = all(tx)?.into_iter().map(|s| s.record).collect();
        if let Some(clash) = others.iter().find(|o| o.overlaps(&r.record)) {
            return Err(crate::domain::DomainError::Invalid(format!(
                "days off from {} to {} share days with {} to {}, already marked",
                r.record.first, r.record.last, clash.first, clash.last
            ))
            .into());
        }
        insert(tx, &r.record, None, r.uid.as_deref())?;
        added += 1;
    }
    Ok(added)
}

fn insert(
    tx: &Transaction<'_>,
    d: &DaysOff,
    id: Option<i64>,
    uid: Option<&str>,
) -> rusqlite::Result<Stored<DaysOff>> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO days_off (id, uid, first_day, last_day, reason, created_at) \
         VALUES (?1, coalesce(?2, lower(hex(randomblob(16)))), ?3, ?4, ?5, ?6) RETURNING id, uid",
    )?;
    let (id, uid) = stmt.query_row(
        params![
            id,
            uid,
            date_text(d.first),
            date_text(d.last),
            d.reason.code(),
            instant_text(d.created_at)
        ],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(Stored {
        id,
        uid,
        record: d.clone(),
    })
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Stored<DaysOff>> {
    let first: String = row.get(2)?;
    let last: String = row.get(3)?;
    let reason: String = row.get(4)?;
    let created_at: String = row.get(5)?;
    Ok(Stored {
        id: row.get(0)?,
        uid: row.get(1)?,
        record: DaysOff {
            first: parse_date(&first)?,
            last: parse_date(&last)?,
            reason: Reason::from_code(&reason).map_err(domain_error)?,
            created_at: parse_instant(&created_at)?,
        },
    })
}
