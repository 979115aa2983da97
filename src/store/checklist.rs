//! Answers to the ergonomic checklist, the reviews of it, and the note that
//! the desk changed since the last review.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, StoreError, date_text, domain_error, instant_text, parse_date, parse_instant};
use crate::domain::DomainError;
use crate::domain::checklist::{Answer, ChecklistAnswer, ChecklistReview};

pub(super) const ANSWER_COLUMNS: &str = "item, answer, answered_on";

/// Settings key holding the instant the person said their desk changed, until
/// the next review settles it.
const DESK_CHANGED_KEY: &str = "checklist_desk_changed_at";

impl Store {
    /// Saves (or replaces) the answer to one item.
    pub fn save_checklist_answer(&mut self, answer: &ChecklistAnswer) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO checklist_answers (item, answer, answered_on) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (item) DO UPDATE SET answer = excluded.answer, \
                 answered_on = excluded.answered_on",
                params![
                    answer.item,
                    answer.answer.code(),
                    date_text(answer.answered_on)
                ],
            )?;
            Ok(())
        })
    }

    /// Every saved answer, by item id. Answers to items no longer on the list
    /// are returned too; the domain rules ignore them.
    pub fn checklist_answers(&self) -> Result<Vec<ChecklistAnswer>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ANSWER_COLUMNS} FROM checklist_answers ORDER BY item"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], answer_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Every answer each item has had, with the day it was given, oldest
    /// first (the latest per item is also in [`Store::checklist_answers`]).
    pub fn checklist_history(&self) -> Result<Vec<ChecklistAnswer>, StoreError> {
        self.rows(
            &format!("SELECT {ANSWER_COLUMNS} FROM checklist_changes ORDER BY answered_on, id"),
            answer_from_row,
        )
    }

    /// Records a finished review and, in the same transaction, settles any
    /// pending desk change (see [`Store::mark_desk_changed`]). Returns its id.
    pub fn add_checklist_review(&mut self, review: &ChecklistReview) -> Result<i64, StoreError> {
        if review.met > review.applicable {
            return Err(DomainError::Invalid(format!(
                "a review cannot have more items met ({}) than apply ({})",
                review.met, review.applicable
            ))
            .into());
        }
        self.in_transaction(|tx| {
        tx.execute(
            "INSERT INTO checklist_reviews (reviewed_at, local_date, met, applicable, desk_changed) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                instant_text(review.reviewed_at),
                date_text(review.date),
                review.met,
                review.applicable,
                review.desk_changed
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute("DELETE FROM settings WHERE key = ?1", [DESK_CHANGED_KEY])?;
        Ok(id)
        })
    }

    /// Every review, oldest first.
    pub fn checklist_reviews(&self) -> Result<Vec<ChecklistReview>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT reviewed_at, local_date, met, applicable, desk_changed \
                 FROM checklist_reviews ORDER BY reviewed_at, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| {
                let at: String = row.get(0)?;
                let on: String = row.get(1)?;
                Ok(ChecklistReview {
                    reviewed_at: parse_instant(&at)?,
                    date: parse_date(&on)?,
                    met: row.get(2)?,
                    applicable: row.get(3)?,
                    desk_changed: row.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Notes that the desk setup changed at `at`, so a review is due. The next
    /// [`Store::add_checklist_review`] clears the note.
    pub fn mark_desk_changed(&mut self, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.set_setting(DESK_CHANGED_KEY, &instant_text(at))
    }

    /// Takes back a desk change noted by mistake: no review is asked for it.
    pub fn clear_desk_change(&mut self) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute("DELETE FROM settings WHERE key = ?1", [DESK_CHANGED_KEY])?;
            Ok(())
        })
    }

    /// When the person said their desk changed, if no review has happened since.
    pub fn desk_changed_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.setting(DESK_CHANGED_KEY)?
            .map(|text| parse_instant(&text).map_err(|e| self.err(e)))
            .transpose()
    }
}

pub(super) fn answer_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ChecklistAnswer> {
    let answer: String = row.get(1)?;
    let on: String = row.get(2)?;
    Ok(ChecklistAnswer {
        item: row.get(0)?,
        answer: Answer::from_code(&answer).map_err(domain_error)?,
        answered_on: parse_date(&on)?,
    })
}
