//! Self-care sessions and the exercises done in them.

use chrono::NaiveDate;
use rusqlite::{Row, Transaction, params};

use super::{
    Store, StoreError, TxError, date_text, domain_error, instant_text, parse_date, parse_instant,
};
use crate::domain::DomainError;
use crate::domain::keyed::Keyed;
use crate::domain::pain::Rating;
use crate::domain::session::{Session, SessionExercise, SessionKind};

pub(super) const COLUMNS: &str = "id, kind, started_at, local_date, duration_secs, routine, heat_type, \
     area, capped, feel_after, note";

impl Store {
    /// Saves a new session with its exercises, in one transaction. Returns its id.
    pub fn add_session(&mut self, session: &Session) -> Result<i64, StoreError> {
        session.validate()?;
        self.in_transaction(|tx| insert(tx, session).map_err(TxError::from))
    }

    /// Records (or clears) "how does your back feel now" for a saved session.
    pub fn set_session_feel_after(
        &mut self,
        id: i64,
        feel_after: Option<Rating>,
    ) -> Result<(), StoreError> {
        let changed = self.in_transaction(|tx| {
            tx.execute(
                "UPDATE sessions SET feel_after = ?1 WHERE id = ?2",
                params![feel_after.map(Rating::get), id],
            )
            .map_err(TxError::from)
        })?;
        if changed == 0 {
            return Err(StoreError::Invalid(unknown_session(id)));
        }
        Ok(())
    }

    /// Replaces everything stored for the session `id` (its exercises too)
    /// with `session`, in one transaction. Refuses a start that another
    /// session of the same kind already has.
    pub fn update_session(&mut self, id: i64, session: &Session) -> Result<(), StoreError> {
        session.validate()?;
        self.in_transaction(|tx| {
            refuse_taken_start(tx, session, Some(id))?;
            let changed = tx.execute(
                "UPDATE sessions SET kind = ?1, started_at = ?2, local_date = ?3, \
                 duration_secs = ?4, routine = ?5, heat_type = ?6, area = ?7, capped = ?8, \
                 feel_after = ?9, note = ?10 WHERE id = ?11",
                params![
                    session.kind.code(),
                    instant_text(session.started_at),
                    date_text(session.date),
                    session.duration_secs,
                    session.routine,
                    session.heat_type,
                    session.area,
                    session.capped,
                    session.feel_after.map(Rating::get),
                    session.note,
                    id,
                ],
            )?;
            if changed == 0 {
                return Err(unknown_session(id).into());
            }
            tx.execute("DELETE FROM session_exercises WHERE session_id = ?1", [id])?;
            insert_exercises(tx, id, &session.exercises)?;
            Ok(())
        })
    }

    /// Deletes the session `id` with its exercises; returns whether there was one.
    pub fn delete_session(&mut self, id: i64) -> Result<bool, StoreError> {
        let n = self.in_transaction(|tx| {
            tx.execute("DELETE FROM sessions WHERE id = ?1", [id])
                .map_err(TxError::from)
        })?;
        Ok(n > 0)
    }

    /// Puts a deleted session back, under its old id when no session has
    /// taken it since (so anything still holding the id finds it again),
    /// under a new one otherwise. Returns the id it is stored under.
    pub fn put_back_session(&mut self, id: i64, session: &Session) -> Result<i64, StoreError> {
        session.validate()?;
        self.in_transaction(|tx| {
            refuse_taken_start(tx, session, None)?;
            let id_taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sessions WHERE id = ?1)",
                [id],
                |row| row.get(0),
            )?;
            Ok(insert_as(tx, session, (!id_taken).then_some(id))?)
        })
    }

    /// Adds sessions not yet stored (same kind and start instant), in one
    /// transaction; returns how many were added.
    pub fn insert_new_sessions(&mut self, sessions: &[Session]) -> Result<usize, StoreError> {
        let keyed: Vec<Keyed<Session>> = sessions.iter().cloned().map(Keyed::unkeyed).collect();
        self.in_transaction(|tx| insert_new(tx, &keyed))
    }

    /// Every session with its exercises, oldest first.
    pub fn sessions(&self) -> Result<Vec<Session>, StoreError> {
        Ok(self
            .sessions_where("1 = 1", &[])?
            .into_iter()
            .map(|(_, s)| s)
            .collect())
    }

    /// Every session with its id (what [`Store::update_session`] and
    /// [`Store::delete_session`] take), oldest first.
    pub fn sessions_with_ids(&self) -> Result<Vec<(i64, Session)>, StoreError> {
        self.sessions_where("1 = 1", &[])
    }

    /// Sessions on local dates from `from` to `to`, inclusive.
    pub fn sessions_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Session>, StoreError> {
        Ok(self
            .sessions_where(
                "local_date BETWEEN ?1 AND ?2",
                &[&date_text(from), &date_text(to)],
            )?
            .into_iter()
            .map(|(_, s)| s)
            .collect())
    }

    fn sessions_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<(i64, Session)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM sessions WHERE {condition} ORDER BY started_at, id"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query_map(args, from_row)
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<(i64, Session)>, _>>()
            .map_err(|e| self.err(e))?;
        let mut ex = self
            .conn
            .prepare_cached(
                "SELECT session_id, exercise, holds_done, holds_planned FROM session_exercises \
                 ORDER BY session_id, position",
            )
            .map_err(|e| self.err(e))?;
        let all = ex
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    SessionExercise {
                        exercise: row.get(1)?,
                        holds_done: row.get(2)?,
                        holds_planned: row.get(3)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let mut by_id: std::collections::HashMap<i64, Vec<SessionExercise>> =
            std::collections::HashMap::new();
        for (id, e) in all {
            by_id.entry(id).or_default().push(e);
        }
        for (id, session) in &mut rows {
            if let Some(list) = by_id.remove(id) {
                session.exercises = list;
            }
        }
        Ok(rows)
    }
}

fn unknown_session(id: i64) -> DomainError {
    DomainError::Unknown {
        what: "session",
        value: id.to_string(),
    }
}

/// Refuses a session whose kind and start another stored session (other
/// than `except`) already has: the log keeps one of each.
fn refuse_taken_start(
    tx: &Transaction<'_>,
    session: &Session,
    except: Option<i64>,
) -> Result<(), TxError> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sessions WHERE kind = ?1 AND started_at = ?2 \
         AND id IS NOT ?3)",
        params![
            session.kind.code(),
            instant_text(session.started_at),
            except
        ],
        |row| row.get(0),
    )?;
    if taken {
        return Err(DomainError::Invalid(format!(
            "another {} session that started at the same moment is already in your log",
            session.kind.label().to_lowercase()
        ))
        .into());
    }
    Ok(())
}

/// Inserts the sessions not stored yet (same kind and start instant); returns how many.
/// Adds the sessions not stored yet: neither their uid nor their kind and
/// start are there. Returns how many were added.
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    sessions: &[Keyed<Session>],
) -> Result<usize, TxError> {
    let mut added = 0;
    for keyed in sessions {
        let s = &keyed.record;
        s.validate()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE (kind = ?1 AND started_at = ?2) \
             OR uid = ?3)",
            params![s.kind.code(), instant_text(s.started_at), keyed.uid],
            |row| row.get(0),
        )?;
        if !exists {
            let id = insert(tx, s)?;
            if let Some(uid) = &keyed.uid {
                tx.execute(
                    "UPDATE sessions SET uid = ?1 WHERE id = ?2",
                    params![uid, id],
                )?;
            }
            added += 1;
        }
    }
    Ok(added)
}

fn insert(tx: &Transaction<'_>, s: &Session) -> rusqlite::Result<i64> {
    insert_as(tx, s, None)
}

/// Inserts a session under `id`, or under a new id when `None`; returns the id.
fn insert_as(tx: &Transaction<'_>, s: &Session, id: Option<i64>) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO sessions (id, kind, started_at, local_date, duration_secs, routine, \
         heat_type, area, capped, feel_after, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            s.kind.code(),
            instant_text(s.started_at),
            date_text(s.date),
            s.duration_secs,
            s.routine,
            s.heat_type,
            s.area,
            s.capped,
            s.feel_after.map(Rating::get),
            s.note,
        ],
    )?;
    let id = tx.last_insert_rowid();
    insert_exercises(tx, id, &s.exercises)?;
    Ok(id)
}

fn insert_exercises(
    tx: &Transaction<'_>,
    id: i64,
    exercises: &[SessionExercise],
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO session_exercises (session_id, position, exercise, holds_done, holds_planned) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, e) in exercises.iter().enumerate() {
        stmt.execute(params![
            id,
            i64::try_from(position).unwrap_or(i64::MAX),
            e.exercise,
            e.holds_done,
            e.holds_planned
        ])?;
    }
    Ok(())
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<(i64, Session)> {
    let kind: String = row.get(1)?;
    let started_at: String = row.get(2)?;
    let date: String = row.get(3)?;
    let feel_after: Option<i64> = row.get(9)?;
    Ok((
        row.get(0)?,
        Session {
            kind: SessionKind::from_code(&kind).map_err(domain_error)?,
            started_at: parse_instant(&started_at)?,
            date: parse_date(&date)?,
            duration_secs: row.get(4)?,
            routine: row.get(5)?,
            heat_type: row.get(6)?,
            area: row.get(7)?,
            capped: row.get(8)?,
            feel_after: feel_after
                .map(|v| Rating::new(v, "feel after"))
                .transpose()
                .map_err(domain_error)?,
            note: row.get(10)?,
            exercises: Vec::new(),
        },
    ))
}
