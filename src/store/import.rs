//! Adding a validated set of imported records in one transaction.

use rusqlite::params;

use crate::text::count;

use super::{Store, StoreError, TxError, checkins, date_text, sessions};
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::pain::CheckIn;
use crate::domain::session::Session;

/// How many records an import added and how many it skipped as already there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub checkins_added: usize,
    pub checkins_skipped: usize,
    pub sessions_added: usize,
    pub sessions_skipped: usize,
    pub answers_added: usize,
    pub answers_skipped: usize,
}

impl ImportCounts {
    pub fn added(&self) -> usize {
        self.checkins_added + self.sessions_added + self.answers_added
    }

    pub fn skipped(&self) -> usize {
        self.checkins_skipped + self.sessions_skipped + self.answers_skipped
    }
}

impl std::fmt::Display for ImportCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Added {}, {} and {}",
            count(self.checkins_added, "check-in", "check-ins"),
            count(self.sessions_added, "session", "sessions"),
            count(self.answers_added, "checklist answer", "checklist answers")
        )?;
        match self.skipped() {
            0 => write!(f, "."),
            n => write!(f, "; skipped {n} already in Unknot."),
        }
    }
}

impl Store {
    /// Adds everything that is not stored yet, all or nothing: check-ins by
    /// local date, sessions by kind and start instant, checklist answers by item.
    pub fn import(
        &mut self,
        checkins: &[CheckIn],
        sessions: &[Session],
        answers: &[ChecklistAnswer],
    ) -> Result<ImportCounts, StoreError> {
        self.in_transaction(|tx| {
            let checkins_added = checkins::insert_new(tx, checkins)?;
            let sessions_added = sessions::insert_new(tx, sessions)?;
            let mut answers_added = 0;
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO checklist_answers (item, answer, answered_on) \
                 VALUES (?1, ?2, ?3)",
            )?;
            for a in answers {
                answers_added += stmt
                    .execute(params![a.item, a.answer.code(), date_text(a.answered_on)])
                    .map_err(TxError::from)?;
            }
            Ok(ImportCounts {
                checkins_added,
                checkins_skipped: checkins.len() - checkins_added,
                sessions_added,
                sessions_skipped: sessions.len() - sessions_added,
                answers_added,
                answers_skipped: answers.len() - answers_added,
            })
        })
    }
}
