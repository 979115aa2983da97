//! What a screen asks the app to do: one [`Command`] per user action,
//! applied once after the frame is drawn.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::record::{Record, RecordKey};
use super::screen::Screen;
use crate::csv_files::Overwrite;
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::days_off::DaysOff;
use crate::domain::experiment::Experiment;
use crate::domain::flare::FlareUp;
use crate::domain::pain::{CheckIn, Rating};
use crate::domain::session::Session;
use crate::domain::trend::ProgressRange;
use crate::domain::visit::PeriodChoice;
use crate::preferences::{Appearance, KeepReminding, Sounds};
use crate::reminders::{ReminderAction, ReminderSettings};
use crate::report::{IfExists, Paper};

/// Which part of which screen a session comes from, so the outcome of saving
/// it goes back to the right place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The guided routine player.
    RoutinePlayer,
    /// The "log without the player" form.
    RoutineLog,
    /// The heat-pack timer.
    HeatTimer,
    /// The "I used a heat pack earlier" form.
    HeatLog,
}

/// Something a screen asks the app to do. Applied once, after drawing.
#[must_use]
#[derive(Debug, Clone)]
pub enum Command {
    Navigate(Screen),
    /// Go to Today and show (and load) the check-in form for a date.
    ShowDate(NaiveDate),
    SaveCheckIn(CheckIn),
    /// Write a changed record over the one with its key.
    UpdateRecord(Record),
    /// Delete one record (after the user confirmed).
    DeleteRecord(RecordKey),
    /// Put back a deleted record (undo), a session under its old id if free.
    PutBackRecord(Record),
    DismissIntro,
    /// Write the three CSV files into a folder; replace those an earlier
    /// export left there only when told to (after the person agreed).
    ExportCsv {
        folder: PathBuf,
        overwrite: Overwrite,
    },
    /// Write the visit summary PDF for `period` on `paper` to `file`;
    /// replace a file already there only when told to (after the person
    /// agreed).
    SaveVisitSummary {
        period: PeriodChoice,
        paper: Paper,
        file: PathBuf,
        if_exists: IfExists,
    },
    /// Read CSV files from a folder and add what is new.
    ImportCsv(PathBuf),
    BackupNow,
    /// Replace the data with this backup (the current data is kept beside it).
    RestoreBackup(PathBuf),
    /// A click on the reminder banner, then maybe a screen to open.
    Reminder(ReminderAction, Option<Screen>),
    SaveReminderSettings(ReminderSettings),
    /// Sounds on or off at the end of a hold or a heat session.
    SetSounds(Sounds),
    /// Light, dark, or as the desktop asks.
    SetAppearance(Appearance),
    /// Add (true) or remove (false) the entry that starts Unknot at login.
    SetAutostart(bool),
    /// "Keep reminding me when the window is closed".
    SetKeepReminding(KeepReminding),
    /// Start (true) or stop (false) the background process now.
    RunInBackground(bool),
    /// Save one checklist answer (from the list or the review walk-through).
    SaveChecklistAnswer(ChecklistAnswer),
    /// Go to Ergonomics and start the one-item-at-a-time review.
    StartChecklistReview,
    /// Record the review in progress as finished, with the current score.
    FinishChecklistReview,
    /// Note that the desk setup changed, so a review is due.
    MarkDeskChanged,
    /// Take back a desk change noted by mistake.
    UndoDeskChange,
    /// Record a finished, stopped or hand-logged session.
    SaveSession {
        session: Session,
        origin: Origin,
    },
    /// Answer (or clear) "how does your back feel now" for a saved session.
    SetFeelAfter {
        id: i64,
        feel_after: Option<Rating>,
        origin: Origin,
    },
    /// Open Routines with this ready-made routine picked out.
    SuggestRoutine(&'static str),
    SetProgressRange(ProgressRange),
    /// A baseline pain level to measure change against; `None` goes back to
    /// the mean of the first check-ins.
    SetBaseline(Option<f64>),
    /// Start an experiment; `from` is the screen whose form asked.
    StartExperiment {
        experiment: Experiment,
        from: Screen,
    },
    /// End the experiment with this store id; `on` is its last day.
    StopExperiment {
        id: i64,
        on: NaiveDate,
    },
    LogFlareUp(FlareUp),
    MarkDaysOff(DaysOff),
    /// Name a new activity for the weekly function check.
    AddFunctionActivity(String),
    /// Take the activity with this uid off the list (its scores stay).
    RetireFunctionActivity(String),
    /// Put the activity with this uid back on the list (undo).
    PutBackFunctionActivity(String),
    /// One function check: a score per activity uid, for `date`.
    SaveFunctionCheck {
        date: NaiveDate,
        scores: Vec<(String, Rating)>,
    },
}
