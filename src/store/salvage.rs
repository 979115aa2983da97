//! Reading everything that can still be read from a damaged store, so that
//! export can carry it out: a record that does not decode is skipped and
//! named, and a table whose pages give out yields what came before.

use rusqlite::Row;

use super::{Store, checkins, checklist, sessions};
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::pain::CheckIn;
use crate::domain::session::{Session, SessionExercise};

/// Every readable record, in the order the normal reads give, and a line
/// for each that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Salvage {
    pub checkins: Vec<CheckIn>,
    pub sessions: Vec<Session>,
    pub checklist: Vec<ChecklistAnswer>,
    pub skipped: Vec<String>,
}

impl Store {
    /// Reads the three exported tables record by record (see [`Salvage`]).
    /// On a healthy store this is the same as the normal reads.
    pub fn salvage(&self) -> Salvage {
        let mut skipped = Vec::new();
        let mut checkins = self.salvage_rows(
            "check-ins",
            &format!("SELECT {} FROM checkins", checkins::COLUMNS),
            checkins::from_row,
            &mut skipped,
        );
        checkins.sort_by_key(|c| c.date);

        let mut sessions = self.salvage_rows(
            "sessions",
            &format!("SELECT {} FROM sessions", sessions::COLUMNS),
            sessions::from_row,
            &mut skipped,
        );
        let exercises = self.salvage_rows(
            "session exercises",
            "SELECT session_id, exercise, holds_done, holds_planned, position \
             FROM session_exercises",
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(4)?,
                    SessionExercise {
                        exercise: row.get(1)?,
                        holds_done: row.get(2)?,
                        holds_planned: row.get(3)?,
                    },
                ))
            },
            &mut skipped,
        );
        let mut by_session: std::collections::HashMap<i64, Vec<(i64, SessionExercise)>> =
            std::collections::HashMap::new();
        for (id, position, exercise) in exercises {
            by_session.entry(id).or_default().push((position, exercise));
        }
        for (id, session) in &mut sessions {
            if let Some(mut list) = by_session.remove(id) {
                list.sort_by_key(|(position, _)| *position);
                session.exercises = list.into_iter().map(|(_, e)| e).collect();
            }
        }
        sessions.sort_by_key(|(id, s)| (s.started_at, *id));

        let mut checklist = self.salvage_rows(
            "checklist answers",
            &format!(
                "SELECT {} FROM checklist_answers",
                checklist::ANSWER_COLUMNS
            ),
            checklist::answer_from_row,
            &mut skipped,
        );
        checklist.sort_by(|a, b| a.item.cmp(&b.item));

        Salvage {
            checkins,
            sessions: sessions.into_iter().map(|(_, s)| s).collect(),
            checklist,
            skipped,
        }
    }

    /// Runs `sql` (a plain table scan, so no damaged index is needed) and
    /// maps each row on its own.
    fn salvage_rows<T>(
        &self,
        table: &str,
        sql: &str,
        map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
        skipped: &mut Vec<String>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        let mut stmt = match self.conn.prepare(sql) {
            Ok(stmt) => stmt,
            Err(e) => {
                skipped.push(format!("{table}: none could be read ({e})"));
                return out;
            }
        };
        let mut rows = match stmt.query([]) {
            Ok(rows) => rows,
            Err(e) => {
                skipped.push(format!("{table}: none could be read ({e})"));
                return out;
            }
        };
        let mut seen = 0usize;
        loop {
            match rows.next() {
                Ok(Some(row)) => {
                    seen += 1;
                    match map(row) {
                        Ok(value) => out.push(value),
                        Err(e) => skipped.push(format!("{table}, record {seen}: {e}")),
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    skipped.push(format!(
                        "{table}: reading stopped after record {seen}; the rest could not be read ({e})"
                    ));
                    break;
                }
            }
        }
        out
    }
}
