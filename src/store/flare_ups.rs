//! Flare-ups: any number a day, never touching the day's check-in.

use rusqlite::{Row, Transaction, params};

use super::stored::Stored;
use super::{
    Store, StoreError, TxError, date_text, domain_error, instant_text, parse_date, parse_instant,
};
use crate::domain::flare::FlareUp;
use crate::domain::keyed::Keyed;
use crate::domain::pain::Rating;

pub(super) const COLUMNS: &str = "id, uid, at, local_date, pain, set_off_by, helped";

impl Store {
    /// Saves a new flare-up; returns it as stored. Checked against `now`
    /// and `today` (nothing in the future).
    pub fn add_flare_up(
        &mut self,
        flare_up: &FlareUp,
        now: chrono::DateTime<chrono::Utc>,
        today: chrono::NaiveDate,
    ) -> Result<Stored<FlareUp>, StoreError> {
        flare_up.validate(now, today)?;
        self.in_transaction(|tx| Ok(insert(tx, flare_up, None, None)?))
    }

    /// Replaces what is stored for the flare-up `id`.
    pub fn update_flare_up(
        &mut self,
        id: i64,
        flare_up: &FlareUp,
        now: chrono::DateTime<chrono::Utc>,
        today: chrono::NaiveDate,
    ) -> Result<(), StoreError> {
        flare_up.validate(now, today)?;
        let changed = self.in_transaction(|tx| {
            Ok(tx.execute(
                "UPDATE flare_ups SET at = ?1, local_date = ?2, pain = ?3, set_off_by = ?4, \
                 helped = ?5 WHERE id = ?6",
                params![
                    instant_text(flare_up.at),
                    date_text(flare_up.date),
                    flare_up.pain.get(),
                    flare_up.set_off_by,
                    flare_up.helped,
                    id
                ],
            )?)
        })?;
        if changed == 0 {
            return Err(StoreError::Invalid(crate::domain::DomainError::Invalid(
                "that flare-up is no longer stored; it may have been deleted in another window"
                    .to_string(),
            )));
        }
        Ok(())
    }

    /// Deletes the flare-up `id`; returns whether there was one.
    pub fn delete_flare_up(&mut self, id: i64) -> Result<bool, StoreError> {
        let n =
            self.in_transaction(|tx| Ok(tx.execute("DELETE FROM flare_ups WHERE id = ?1", [id])?))?;
        Ok(n > 0)
    }

    /// Puts a deleted flare-up back under its id and uid (a new id if the
    /// old one was taken since).
    pub fn put_back_flare_up(&mut self, stored: &Stored<FlareUp>) -> Result<i64, StoreError> {
        self.in_transaction(|tx| {
            let id = super::id_if_free(tx, "flare_ups", stored.id)?;
            Ok(insert(tx, &stored.record, id, Some(&stored.uid))?.id)
        })
    }

    /// Every flare-up, oldest first.
    pub fn flare_ups(&self) -> Result<Vec<Stored<FlareUp>>, StoreError> {
        self.rows(
            &format!("SELECT {COLUMNS} FROM flare_ups ORDER BY at, id"),
            from_row,
        )
    }
}

/// Adds flare-ups whose uid is not stored yet; returns how many.
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    flare_ups: &[Keyed<FlareUp>],
) -> Result<usize, TxError> {
    let mut added = 0;
    for f in flare_ups {
        crate::domain::pain::check_note(&f.record.set_off_by)?;
        crate::domain::pain::check_note(&f.record.helped)?;
        if !super::uid_taken(tx, "flare_ups", f.uid.as_deref())? {
            insert(tx, &f.record, None, f.uid.as_deref())?;
            added += 1;
        }
    }
    Ok(added)
}

fn insert(
    tx: &Transaction<'_>,
    f: &FlareUp,
    id: Option<i64>,
    uid: Option<&str>,
) -> rusqlite::Result<Stored<FlareUp>> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO flare_ups (id, uid, at, local_date, pain, set_off_by, helped) \
         VALUES (?1, coalesce(?2, lower(hex(randomblob(16)))), ?3, ?4, ?5, ?6, ?7) \
         RETURNING id, uid",
    )?;
    let (id, uid) = stmt.query_row(
        params![
            id,
            uid,
            instant_text(f.at),
            date_text(f.date),
            f.pain.get(),
            f.set_off_by,
            f.helped
        ],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(Stored {
        id,
        uid,
        record: f.clone(),
    })
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Stored<FlareUp>> {
    let at: String = row.get(2)?;
    let date: String = row.get(3)?;
    Ok(Stored {
        id: row.get(0)?,
        uid: row.get(1)?,
        record: FlareUp {
            at: parse_instant(&at)?,
            date: parse_date(&date)?,
            pain: Rating::new(row.get(4)?, "pain").map_err(domain_error)?,
            set_off_by: row.get(5)?,
            helped: row.get(6)?,
        },
    })
}
