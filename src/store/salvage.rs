//! Reading everything that can still be read from a damaged store, so that
//! export can carry it out: a record that does not decode is skipped and
//! named, and a table whose pages give out yields what came before.

use rusqlite::Row;

use super::stored::Stored;
use super::{
    Store, checkins, checklist, days_off, experiments, flare_ups, function_checks, sessions,
};
use crate::domain::keyed::{Keyed, RecordSet};
use crate::domain::session::SessionExercise;

/// Every readable record with its uid, each kind in the order the normal
/// reads give (ties by row id), and a line for each that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Salvage {
    pub set: RecordSet,
    pub skipped: Vec<String>,
}

impl Store {
    /// Reads every exported table record by record (see [`Salvage`]). On a
    /// healthy store this is the same as the normal reads, uids added; the
    /// order depends only on what is stored, so two exports of the same data
    /// are the same bytes.
    pub fn salvage(&self) -> Salvage {
        let mut skipped = Vec::new();
        let mut checkins = self.salvage_rows(
            "check-ins",
            &format!("SELECT {}, uid FROM checkins", checkins::COLUMNS),
            |row| Ok(keyed(row.get(9)?, checkins::from_row(row)?)),
            &mut skipped,
        );
        checkins.sort_by_key(|c| c.record.date);

        let sessions = self.salvage_sessions(&mut skipped);

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

        let mut flare_ups = self.salvage_rows(
            "flare-ups",
            &format!("SELECT {} FROM flare_ups", flare_ups::COLUMNS),
            flare_ups::from_row,
            &mut skipped,
        );
        flare_ups.sort_by_key(|f| (f.record.at, f.id));

        let mut days_off = self.salvage_rows(
            "days off",
            &format!("SELECT {} FROM days_off", days_off::COLUMNS),
            days_off::from_row,
            &mut skipped,
        );
        days_off.sort_by_key(|d| (d.record.first, d.id));

        let mut experiments = self.salvage_rows(
            "experiments",
            &format!("SELECT {} FROM experiments", experiments::COLUMNS),
            experiments::from_row,
            &mut skipped,
        );
        experiments.sort_by_key(|e| (e.record.start, e.id));

        let mut activities = self.salvage_rows(
            "function-check activities",
            "SELECT uid, name, added_on, retired_on, id FROM function_activities",
            |row| {
                Ok((
                    row.get::<_, i64>(4)?,
                    function_checks::activity_from_row(row)?,
                ))
            },
            &mut skipped,
        );
        activities.sort_by_key(|(id, _)| *id);

        let mut function_ratings = self.salvage_rows(
            "function-check scores",
            "SELECT id, uid, activity_uid, local_date, rated_at, score FROM function_ratings",
            function_checks::rating_from_row,
            &mut skipped,
        );
        function_ratings.sort_by_key(|r| (r.record.date, r.id));

        Salvage {
            set: RecordSet {
                checkins,
                sessions,
                checklist,
                flare_ups: flare_ups.into_iter().map(Stored::into_keyed).collect(),
                days_off: days_off.into_iter().map(Stored::into_keyed).collect(),
                experiments: experiments.into_iter().map(Stored::into_keyed).collect(),
                activities: activities.into_iter().map(|(_, a)| a).collect(),
                function_ratings: function_ratings
                    .into_iter()
                    .map(Stored::into_keyed)
                    .collect(),
            },
            skipped,
        }
    }

    /// Sessions with their exercises, by start (ties by row id).
    fn salvage_sessions(
        &self,
        skipped: &mut Vec<String>,
    ) -> Vec<Keyed<crate::domain::session::Session>> {
        let mut sessions = self.salvage_rows(
            "sessions",
            &format!("SELECT {}, uid FROM sessions", sessions::COLUMNS),
            |row| {
                let uid: Option<String> = row.get(11)?;
                Ok((uid, sessions::from_row(row)?))
            },
            skipped,
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
            skipped,
        );
        let mut by_session: std::collections::HashMap<i64, Vec<(i64, SessionExercise)>> =
            std::collections::HashMap::new();
        for (id, position, exercise) in exercises {
            by_session.entry(id).or_default().push((position, exercise));
        }
        for (_, (id, session)) in &mut sessions {
            if let Some(mut list) = by_session.remove(id) {
                list.sort_by_key(|(position, _)| *position);
                session.exercises = list.into_iter().map(|(_, e)| e).collect();
            }
        }
        sessions.sort_by_key(|(_, (id, s))| (s.started_at, *id));
        sessions
            .into_iter()
            .map(|(uid, (_, s))| keyed(uid, s))
            .collect()
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

/// A record with the uid read beside it (a column that may be NULL in
/// check-ins and sessions, though the store always fills it).
fn keyed<T>(uid: Option<String>, record: T) -> Keyed<T> {
    Keyed { uid, record }
}

impl<T> Stored<T> {
    /// The record with its uid, as export writes it.
    fn into_keyed(self) -> Keyed<T> {
        Keyed::new(self.uid, self.record)
    }
}
