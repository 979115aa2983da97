//! Adding a validated set of imported records in one transaction.

use rusqlite::params;

use crate::text::count;

use super::{
    Store, StoreError, TxError, checkins, date_text, days_off, experiments, flare_ups,
    function_checks, sessions,
};
use crate::domain::keyed::RecordSet;

/// How many records an import added, by kind, and how many it skipped as
/// already there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub checkins_added: usize,
    pub sessions_added: usize,
    pub answers_added: usize,
    pub flare_ups_added: usize,
    pub days_off_added: usize,
    pub experiments_added: usize,
    pub activities_added: usize,
    pub function_ratings_added: usize,
    pub skipped: usize,
}

impl ImportCounts {
    pub fn added(&self) -> usize {
        self.checkins_added
            + self.sessions_added
            + self.answers_added
            + self.flare_ups_added
            + self.days_off_added
            + self.experiments_added
            + self.activities_added
            + self.function_ratings_added
    }
}

impl std::fmt::Display for ImportCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The three kinds every export has are always named; newer kinds
        // only when some were added.
        let mut parts = vec![
            count(self.checkins_added, "check-in", "check-ins"),
            count(self.sessions_added, "session", "sessions"),
            count(self.answers_added, "checklist answer", "checklist answers"),
        ];
        for (n, one, many) in [
            (self.flare_ups_added, "flare-up", "flare-ups"),
            (
                self.days_off_added,
                "range of days off",
                "ranges of days off",
            ),
            (self.experiments_added, "experiment", "experiments"),
            (
                self.activities_added,
                "function-check activity",
                "function-check activities",
            ),
            (
                self.function_ratings_added,
                "function-check score",
                "function-check scores",
            ),
        ] {
            if n > 0 {
                parts.push(count(n, one, many));
            }
        }
        let last = parts.pop().unwrap_or_default();
        if parts.is_empty() {
            write!(f, "Added {last}")?;
        } else {
            write!(f, "Added {} and {last}", parts.join(", "))?;
        }
        match self.skipped {
            0 => write!(f, "."),
            n => write!(f, "; skipped {n} already in Unknot."),
        }
    }
}

impl Store {
    /// Adds everything that is not stored yet, all or nothing. A record whose
    /// uid is stored is already there; one without a uid (a file from an
    /// older version) is matched as before: check-ins by day, sessions by
    /// kind and start, checklist answers by item. A check-in for a day that
    /// has one is skipped whatever its uid: a day has one check-in.
    pub fn import(&mut self, incoming: &RecordSet) -> Result<ImportCounts, StoreError> {
        self.in_transaction(|tx| {
            let checkins_added = checkins::insert_new(tx, &incoming.checkins)?;
            let sessions_added = sessions::insert_new(tx, &incoming.sessions)?;
            let mut answers_added = 0;
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO checklist_answers (item, answer, answered_on) \
                 VALUES (?1, ?2, ?3)",
            )?;
            for a in &incoming.checklist {
                answers_added += stmt
                    .execute(params![a.item, a.answer.code(), date_text(a.answered_on)])
                    .map_err(TxError::from)?;
            }
            let flare_ups_added = flare_ups::insert_new(tx, &incoming.flare_ups)?;
            let days_off_added = days_off::insert_new(tx, &incoming.days_off)?;
            let experiments_added = experiments::insert_new(tx, &incoming.experiments)?;
            let (activities_added, function_ratings_added) =
                function_checks::insert_new(tx, &incoming.activities, &incoming.function_ratings)?;
            let mut counts = ImportCounts {
                checkins_added,
                sessions_added,
                answers_added,
                flare_ups_added,
                days_off_added,
                experiments_added,
                activities_added,
                function_ratings_added,
                skipped: 0,
            };
            counts.skipped = incoming.len() - counts.added();
            Ok(counts)
        })
    }
}
