//! The weekly function check: the activities a person named and their
//! ratings, one per activity and day.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, Transaction, params};

use super::stored::Stored;
use super::{
    Store, StoreError, TxError, date_text, domain_error, instant_text, parse_date, parse_instant,
};
use crate::domain::DomainError;
use crate::domain::function_check::{
    Activity, FunctionRating, MAX_ACTIVITIES, check_activity_name, check_answers,
    check_new_activity,
};
use crate::domain::keyed::Keyed;
use crate::domain::pain::Rating;

impl Store {
    /// Adds an activity to the list (at most three on it at a time).
    pub fn add_function_activity(
        &mut self,
        name: &str,
        today: NaiveDate,
    ) -> Result<Activity, StoreError> {
        self.in_transaction(|tx| {
            check_new_activity(name, &activities(tx)?)?;
            let uid: String = tx.query_row(
                "INSERT INTO function_activities (name, added_on) VALUES (?1, ?2) RETURNING uid",
                params![name.trim(), date_text(today)],
                |row| row.get(0),
            )?;
            Ok(Activity {
                uid,
                name: name.trim().to_string(),
                added_on: today,
                retired_on: None,
            })
        })
    }

    /// Takes an activity off the list from `today`; its ratings stay.
    pub fn retire_function_activity(
        &mut self,
        uid: &str,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let changed = self.in_transaction(|tx| {
            Ok(tx.execute(
                "UPDATE function_activities SET retired_on = max(?1, added_on) \
                 WHERE uid = ?2 AND retired_on IS NULL",
                params![date_text(today), uid],
            )?)
        })?;
        if changed == 0 {
            return Err(
                DomainError::Invalid("that activity is not on the list".to_string()).into(),
            );
        }
        Ok(())
    }

    /// Puts an activity taken off the list back on it (the undo of
    /// [`Self::retire_function_activity`]), unless the list has no room
    /// or already holds one of that name.
    pub fn put_back_function_activity(&mut self, uid: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let all = activities(tx)?;
            let Some(retired) = all.iter().find(|a| a.uid == uid && !a.is_active()) else {
                return Err(
                    DomainError::Invalid("that activity is not off the list".to_string()).into(),
                );
            };
            check_new_activity(&retired.name, &all)?;
            tx.execute(
                "UPDATE function_activities SET retired_on = NULL WHERE uid = ?1",
                params![uid],
            )?;
            Ok(())
        })
    }

    /// Saves one check: a score per activity for `date`, replacing scores
    /// given the same day.
    pub fn save_function_check(
        &mut self,
        date: NaiveDate,
        rated_at: DateTime<Utc>,
        scores: &[(String, Rating)],
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            check_answers(date, today, scores, &activities(tx)?)?;
            let mut stmt = tx.prepare_cached(
                "INSERT INTO function_ratings (activity_uid, local_date, rated_at, score) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (activity_uid, local_date) DO UPDATE \
                 SET rated_at = excluded.rated_at, score = excluded.score",
            )?;
            for (uid, score) in scores {
                stmt.execute(params![
                    uid,
                    date_text(date),
                    instant_text(rated_at),
                    score.get()
                ])?;
            }
            Ok(())
        })
    }

    /// Every activity ever named, in the order they were added.
    pub fn function_activities(&self) -> Result<Vec<Activity>, StoreError> {
        self.rows(ACTIVITIES, activity_from_row)
    }

    /// Every rating with its uid, by day.
    pub fn function_ratings(&self) -> Result<Vec<Stored<FunctionRating>>, StoreError> {
        self.rows(
            "SELECT id, uid, activity_uid, local_date, rated_at, score FROM function_ratings \
             ORDER BY local_date, id",
            rating_from_row,
        )
    }
}

const ACTIVITIES: &str =
    "SELECT uid, name, added_on, retired_on FROM function_activities ORDER BY id";

fn activities(tx: &Transaction<'_>) -> rusqlite::Result<Vec<Activity>> {
    let mut stmt = tx.prepare_cached(ACTIVITIES)?;
    let rows = stmt.query_map([], activity_from_row)?;
    rows.collect()
}

/// Adds activities and ratings whose uids are not stored yet; a rating
/// whose activity is neither stored nor among `activities` is refused.
/// Returns (activities added, ratings added).
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    new_activities: &[Activity],
    ratings: &[Keyed<FunctionRating>],
) -> Result<(usize, usize), TxError> {
    let mut activities_added = 0;
    for a in new_activities {
        check_activity_name(&a.name)?;
        if !super::uid_taken(tx, "function_activities", Some(&a.uid))? {
            tx.execute(
                "INSERT INTO function_activities (uid, name, added_on, retired_on) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    a.uid,
                    a.name,
                    date_text(a.added_on),
                    a.retired_on.map(date_text)
                ],
            )?;
            activities_added += 1;
        }
    }
    if activities_added > 0 {
        let active = activities(tx)?.iter().filter(|a| a.is_active()).count();
        if active > MAX_ACTIVITIES {
            return Err(DomainError::Invalid(format!(
                "this would make {active} function-check activities current at once; \
                 at most {MAX_ACTIVITIES} can be (take some off the list in Unknot or in \
                 the file's retired_on column first)"
            ))
            .into());
        }
    }
    let mut ratings_added = 0;
    for r in ratings {
        if super::uid_taken(tx, "function_ratings", r.uid.as_deref())? {
            continue;
        }
        if !super::uid_taken(tx, "function_activities", Some(&r.record.activity_uid))? {
            return Err(DomainError::Invalid(format!(
                "a function check rates activity \"{}\", which is in neither the file nor Unknot",
                r.record.activity_uid
            ))
            .into());
        }
        ratings_added += tx.execute(
            "INSERT OR IGNORE INTO function_ratings (uid, activity_uid, local_date, rated_at, score) \
             VALUES (coalesce(?1, lower(hex(randomblob(16)))), ?2, ?3, ?4, ?5)",
            params![
                r.uid,
                r.record.activity_uid,
                date_text(r.record.date),
                instant_text(r.record.rated_at),
                r.record.score.get()
            ],
        )?;
    }
    Ok((activities_added, ratings_added))
}

pub(super) fn activity_from_row(row: &Row<'_>) -> rusqlite::Result<Activity> {
    let added_on: String = row.get(2)?;
    let retired_on: Option<String> = row.get(3)?;
    Ok(Activity {
        uid: row.get(0)?,
        name: row.get(1)?,
        added_on: parse_date(&added_on)?,
        retired_on: retired_on.as_deref().map(parse_date).transpose()?,
    })
}

pub(super) fn rating_from_row(row: &Row<'_>) -> rusqlite::Result<Stored<FunctionRating>> {
    let date: String = row.get(3)?;
    let rated_at: String = row.get(4)?;
    Ok(Stored {
        id: row.get(0)?,
        uid: row.get(1)?,
        record: FunctionRating {
            activity_uid: row.get(2)?,
            date: parse_date(&date)?,
            rated_at: parse_instant(&rated_at)?,
            score: Rating::new(row.get(5)?, "score").map_err(domain_error)?,
        },
    })
}
