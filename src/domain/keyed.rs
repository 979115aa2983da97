//! A record with the identity that travels through export and import.

/// A record and its uid. Files from before uids were written have none;
/// such records are matched by what makes them unique instead (a
/// check-in's day, a session's kind and start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed<T> {
    pub uid: Option<String>,
    pub record: T,
}

impl<T> Keyed<T> {
    pub fn new(uid: impl Into<String>, record: T) -> Self {
        Self {
            uid: Some(uid.into()),
            record,
        }
    }

    /// A record with no uid yet: the store gives it one.
    pub fn unkeyed(record: T) -> Self {
        Self { uid: None, record }
    }
}

/// Whether `uid` is one a record may have: 1 to 64 letters, digits, `-`
/// or `_` (the store makes 32 hex digits; other tools may make others).
pub fn valid_uid(uid: &str) -> bool {
    (1..=64).contains(&uid.len())
        && uid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

use super::checklist::ChecklistAnswer;
use super::days_off::DaysOff;
use super::experiment::Experiment;
use super::flare::FlareUp;
use super::function_check::{Activity, FunctionRating};
use super::pain::CheckIn;
use super::session::Session;

/// Records of every kind the log keeps, with their uids: what an export
/// writes, an import reads and the store adds (a kind whose file was not
/// there is empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordSet {
    pub checkins: Vec<Keyed<CheckIn>>,
    pub sessions: Vec<Keyed<Session>>,
    pub checklist: Vec<ChecklistAnswer>,
    pub flare_ups: Vec<Keyed<FlareUp>>,
    pub days_off: Vec<Keyed<DaysOff>>,
    pub experiments: Vec<Keyed<Experiment>>,
    /// Activities carry their uid themselves: ratings refer to it.
    pub activities: Vec<Activity>,
    pub function_ratings: Vec<Keyed<FunctionRating>>,
}

impl RecordSet {
    /// How many records it holds, of every kind.
    pub fn len(&self) -> usize {
        self.checkins.len()
            + self.sessions.len()
            + self.checklist.len()
            + self.flare_ups.len()
            + self.days_off.len()
            + self.experiments.len()
            + self.activities.len()
            + self.function_ratings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
