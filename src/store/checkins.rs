//! Daily check-ins: at most one per local date.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};

use super::{
    Store, StoreError, TxError, date_text, domain_error, instant_text, parse_date, parse_instant,
};
use crate::domain::keyed::Keyed;
use crate::domain::pain::{Area, CheckIn, Rating, RedFlags, check_note};

pub(super) const COLUMNS: &str = "local_date, recorded_at, pain, stress, areas, \
     flag_arm_symptoms, flag_after_impact, flag_fever, note";

impl Store {
    /// Saves the check-in for its date, replacing any earlier one that day.
    pub fn save_checkin(&mut self, checkin: &CheckIn) -> Result<(), StoreError> {
        check_note(&checkin.note)?;
        self.in_transaction(|tx| upsert(tx, checkin).map(|_| ()).map_err(TxError::from))
    }

    /// Adds check-ins whose dates are not in the store yet, in one
    /// transaction; returns how many were added.
    pub fn insert_new_checkins(&mut self, checkins: &[CheckIn]) -> Result<usize, StoreError> {
        let keyed: Vec<Keyed<CheckIn>> = checkins.iter().cloned().map(Keyed::unkeyed).collect();
        self.in_transaction(|tx| insert_new(tx, &keyed))
    }

    /// The check-in for one local date, if any.
    pub fn checkin_on(&self, date: NaiveDate) -> Result<Option<CheckIn>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM checkins WHERE local_date = ?1"),
                [date_text(date)],
                from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every check-in, oldest first.
    pub fn checkins(&self) -> Result<Vec<CheckIn>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM checkins ORDER BY local_date"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], from_row)
            .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// Deletes the check-in of one date; returns whether there was one.
    pub fn delete_checkin(&mut self, date: NaiveDate) -> Result<bool, StoreError> {
        let n = self.in_transaction(|tx| {
            tx.execute(
                "DELETE FROM checkins WHERE local_date = ?1",
                [date_text(date)],
            )
            .map_err(TxError::from)
        })?;
        Ok(n > 0)
    }
}

/// Inserts the check-ins whose dates are free; returns how many.
pub(super) fn insert_new(
    tx: &rusqlite::Transaction<'_>,
    checkins: &[Keyed<CheckIn>],
) -> Result<usize, TxError> {
    // OR IGNORE: a day that has a check-in, or a uid already stored, is
    // skipped.
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT OR IGNORE INTO checkins ({COLUMNS}, uid) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?;
    let mut added = 0;
    for c in checkins {
        check_note(&c.record.note)?;
        let values = values(&c.record);
        let mut params = values.as_params().to_vec();
        params.push(&c.uid);
        added += stmt.execute(params.as_slice())?;
    }
    Ok(added)
}

struct Values {
    date: String,
    recorded_at: String,
    pain: u8,
    stress: Option<u8>,
    areas: String,
    flags: [bool; 3],
    note: String,
}

impl Values {
    fn as_params(&self) -> [&dyn rusqlite::ToSql; 9] {
        [
            &self.date,
            &self.recorded_at,
            &self.pain,
            &self.stress,
            &self.areas,
            &self.flags[0],
            &self.flags[1],
            &self.flags[2],
            &self.note,
        ]
    }
}

fn values(c: &CheckIn) -> Values {
    Values {
        date: date_text(c.date),
        recorded_at: instant_text(c.recorded_at),
        pain: c.pain.get(),
        stress: c.stress.map(Rating::get),
        areas: Area::join(&c.areas),
        flags: [
            c.red_flags.arm_symptoms,
            c.red_flags.after_impact,
            c.red_flags.fever,
        ],
        note: c.note.clone(),
    }
}

fn upsert(tx: &rusqlite::Transaction<'_>, c: &CheckIn) -> rusqlite::Result<usize> {
    tx.execute(
        &format!(
            "INSERT INTO checkins ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
             ON CONFLICT (local_date) DO UPDATE SET \
               recorded_at = excluded.recorded_at, pain = excluded.pain, \
               stress = excluded.stress, areas = excluded.areas, \
               flag_arm_symptoms = excluded.flag_arm_symptoms, \
               flag_after_impact = excluded.flag_after_impact, \
               flag_fever = excluded.flag_fever, note = excluded.note"
        ),
        values(c).as_params(),
    )
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let date: String = row.get(0)?;
    let recorded_at: String = row.get(1)?;
    let pain: i64 = row.get(2)?;
    let stress: Option<i64> = row.get(3)?;
    let areas: String = row.get(4)?;
    Ok(CheckIn {
        date: parse_date(&date)?,
        recorded_at: parse_instant(&recorded_at)?,
        pain: Rating::new(pain, "pain").map_err(domain_error)?,
        stress: stress
            .map(|s| Rating::new(s, "stress"))
            .transpose()
            .map_err(domain_error)?,
        areas: Area::split(&areas).map_err(domain_error)?,
        red_flags: RedFlags {
            arm_symptoms: row.get(5)?,
            after_impact: row.get(6)?,
            fever: row.get(7)?,
        },
        note: row.get(8)?,
    })
}
