//! The snapshot of the store that every screen draws from.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::checklist::{ChecklistAnswer, ChecklistReview};
use crate::domain::pain::CheckIn;
use crate::domain::session::Session;
use crate::store::{Store, StoreError};

/// Everything the screens draw from, loaded at start and after each write,
/// never during a frame. Screens that derive series from it compare
/// `revision` to know when to recompute.
#[derive(Debug, Default)]
pub struct Data {
    /// Oldest first.
    pub checkins: Vec<CheckIn>,
    /// Oldest first.
    pub sessions: Vec<Session>,
    /// The saved answer to each checklist item (including items since
    /// dropped from the list, which the domain rules ignore).
    pub checklist: Vec<ChecklistAnswer>,
    /// Finished checklist reviews, oldest first.
    pub reviews: Vec<ChecklistReview>,
    /// When the person said their desk changed, if no review has happened since.
    pub desk_changed_at: Option<DateTime<Utc>>,
    /// Bumped after every successful write.
    pub revision: u64,
    /// Posture checks recorded today.
    pub posture_checks_today: u32,
    /// Why the last reload failed, if it did.
    pub error: Option<String>,
}

impl Data {
    /// Everything [`Data`] holds, read from the store in one go.
    pub fn load(store: &Store, today: NaiveDate) -> Result<Self, StoreError> {
        Ok(Self {
            checkins: store.checkins()?,
            sessions: store.sessions()?,
            checklist: store.checklist_answers()?,
            reviews: store.checklist_reviews()?,
            desk_changed_at: store.desk_changed_at()?,
            posture_checks_today: store.posture_checks_on(today)?,
            revision: 0,
            error: None,
        })
    }
}
