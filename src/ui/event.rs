//! What became of a [`Command`](super::command::Command): one [`Event`] told
//! to every screen, each of which reacts to what concerns it and ignores the
//! rest. So the app carries out commands without knowing which screen asked,
//! and a new screen only implements [`OnEvent`].

use std::path::PathBuf;

use chrono::NaiveDate;

use super::command::{Command, Origin};
use super::record::Record;
use super::screen::Screen;
use crate::domain::checklist::{ChecklistAnswer, ChecklistReview};
use crate::domain::days_off::DaysOff;
use crate::domain::experiment::Experiment;
use crate::domain::flare::FlareUp;
use crate::domain::pain::CheckIn;
use crate::domain::session::Session;
use crate::domain::trend::ProgressRange;
use crate::store::Stored;

/// A failure, in words for the person.
pub type Failure = String;

#[derive(Debug, Clone)]
pub enum Event {
    /// The check-in form should show this date and what is saved for it.
    DateShown {
        date: NaiveDate,
        saved: Option<CheckIn>,
    },
    /// A check-in was saved (or not).
    CheckInSaved(Result<CheckIn, Failure>),
    /// A changed record was written, as it now is.
    RecordUpdated(Result<Record, Failure>),
    /// A record was deleted: here it is, for undo.
    RecordDeleted(Result<Record, Failure>),
    /// A deleted record was put back, as it now is (a session perhaps under a new id).
    RecordPutBack(Result<Record, Failure>),
    ChecklistAnswerSaved {
        answer: ChecklistAnswer,
        result: Result<(), Failure>,
    },
    ChecklistReviewStarted,
    ChecklistReviewSaved(Result<ChecklistReview, Failure>),
    DeskChangeSaved(Result<(), Failure>),
    /// A session was saved, with its id.
    SessionSaved {
        origin: Origin,
        session: Session,
        result: Result<i64, Failure>,
    },
    FeelAfterSaved {
        origin: Origin,
        result: Result<(), Failure>,
    },
    /// Routines should pick out this ready-made routine.
    RoutineSuggested(&'static str),
    ProgressRangeChosen(ProgressRange),
    BaselineSaved(Result<(), Failure>),
    /// An export or import finished: what to tell the person.
    CsvDone(Result<String, Failure>),
    /// An export found these files of an earlier one in `folder` and wrote
    /// nothing: the person decides whether to replace them.
    ExportWouldReplace {
        folder: PathBuf,
        files: Vec<&'static str>,
    },
    /// The visit summary was written (or not).
    VisitSummarySaved(Result<SavedSummary, Failure>),
    /// A file is already where the visit summary was to go, and nothing was
    /// written: the person decides whether to replace it.
    VisitSummaryWouldReplace(PathBuf),
    /// A backup or a restore finished: what to tell the person.
    BackupDone(Result<String, Failure>),
    /// Reminder settings or the start-up entry were changed (or not).
    RemindersSaved(Result<(), Failure>),
    /// An experiment was started (or not) from the form on `from`.
    ExperimentStarted {
        from: Screen,
        result: Result<Stored<Experiment>, Failure>,
    },
    FlareUpLogged(Result<Stored<FlareUp>, Failure>),
    DaysOffMarked(Result<Stored<DaysOff>, Failure>),
    /// The function check's activities or scores were saved (or not).
    FunctionCheckSaved(Result<(), Failure>),
}

/// A visit summary written to `file`, and what to tell the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSummary {
    pub file: PathBuf,
    pub text: String,
}

/// A screen's reaction to events. It may ask for a follow-up command (the
/// checklist walk-through finishing the review after its last answer, say).
pub trait OnEvent {
    fn on_event(&mut self, event: &Event) -> Option<Command>;
}
