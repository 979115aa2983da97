//! Answers to the ergonomic checklist.

use rusqlite::params;

use super::{Store, StoreError, date_text, domain_error, parse_date};
use crate::domain::checklist::{Answer, ChecklistAnswer};

impl Store {
    /// Saves (or replaces) the answer to one item.
    pub fn save_checklist_answer(&mut self, answer: &ChecklistAnswer) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO checklist_answers (item, answer, answered_on) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (item) DO UPDATE SET answer = excluded.answer, \
                 answered_on = excluded.answered_on",
                params![
                    answer.item,
                    answer.answer.code(),
                    date_text(answer.answered_on)
                ],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Every saved answer, by item id.
    pub fn checklist_answers(&self) -> Result<Vec<ChecklistAnswer>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item, answer, answered_on FROM checklist_answers ORDER BY item")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| {
                let answer: String = row.get(1)?;
                let on: String = row.get(2)?;
                Ok(ChecklistAnswer {
                    item: row.get(0)?,
                    answer: Answer::from_code(&answer).map_err(domain_error)?,
                    answered_on: parse_date(&on)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }
}
