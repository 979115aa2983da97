//! Experiments: "I'm trying X" for a planned number of days, and what the
//! pain check-ins say about it, compared with as many days just before.
//!
//! The comparison itself is in [`compare`]: a rank-based shift estimate
//! with an interval that suits a handful of days, and the plain words
//! Progress and the command line show.

pub mod compare;

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::DomainError;
use super::dates::check_record_date;

/// What an experiment changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExperimentKind {
    Exercise,
    Workstation,
    Heat,
    Sleep,
    Other,
}

impl ExperimentKind {
    pub const ALL: [ExperimentKind; 5] = [
        ExperimentKind::Exercise,
        ExperimentKind::Workstation,
        ExperimentKind::Heat,
        ExperimentKind::Sleep,
        ExperimentKind::Other,
    ];

    /// Stable code used in storage, CSV and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ExperimentKind::Exercise => "exercise",
            ExperimentKind::Workstation => "workstation",
            ExperimentKind::Heat => "heat",
            ExperimentKind::Sleep => "sleep",
            ExperimentKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExperimentKind::Exercise => "Exercise",
            ExperimentKind::Workstation => "Workstation change",
            ExperimentKind::Heat => "Heat",
            ExperimentKind::Sleep => "Sleep",
            ExperimentKind::Other => "Other",
        }
    }

    pub fn from_code(code: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or_else(|| DomainError::Unknown {
                what: "experiment kind",
                value: code.to_string(),
            })
    }
}

impl fmt::Display for ExperimentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The lengths an experiment may be planned for, in days.
pub const PLANNED_DAYS: [u32; 3] = [7, 14, 28];

/// The planned length when none is chosen.
pub const DEFAULT_PLANNED_DAYS: u32 = 14;

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// One experiment as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experiment {
    /// A short name ("Chin tucks every hour"), unique among experiments
    /// whose days overlap.
    pub name: String,
    pub kind: ExperimentKind,
    /// The first day of trying.
    pub start: NaiveDate,
    /// 7, 14 or 28.
    pub planned_days: u32,
    /// The last day of trying, when stopped before or after the plan ran
    /// out; `None` while it runs to plan.
    pub stopped_on: Option<NaiveDate>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

impl Experiment {
    /// The last day the plan covers: start + planned_days - 1.
    pub fn planned_end(&self) -> NaiveDate {
        add_days(self.start, self.planned_days.saturating_sub(1))
    }

    /// The last day of trying: the stop day if stopped, else the planned end.
    pub fn end(&self) -> NaiveDate {
        self.stopped_on.unwrap_or_else(|| self.planned_end())
    }

    /// Whether it runs on `today`: started, not stopped, plan not over.
    pub fn is_running(&self, today: NaiveDate) -> bool {
        self.start <= today && today <= self.end()
    }

    /// The "before" window: `planned_days` days ending the day before start.
    pub fn before_window(&self) -> (NaiveDate, NaiveDate) {
        let last = self.start.pred_opt().unwrap_or(self.start);
        (sub_days(self.start, self.planned_days), last)
    }

    /// The "during" window so far: from start to the earliest of the end
    /// and `today`. Empty (first > last) before the start.
    pub fn during_window(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        (self.start, self.end().min(today))
    }

    /// Whether its days share at least one day with `other`'s.
    pub fn overlaps(&self, other: &Experiment) -> bool {
        self.start <= other.end() && other.start <= self.end()
    }

    /// Checks what a person could get wrong, in their words.
    pub fn validate(&self, today: NaiveDate) -> Result<(), DomainError> {
        check_name(&self.name)?;
        if !PLANNED_DAYS.contains(&self.planned_days) {
            return Err(DomainError::Invalid(format!(
                "an experiment runs for 7, 14 or 28 days, not {}",
                self.planned_days
            )));
        }
        check_record_date(self.start, today)
            .map_err(|e| DomainError::Invalid(format!("the start day: {e}")))?;
        if let Some(stop) = self.stopped_on {
            if stop < self.start {
                return Err(DomainError::Invalid(format!(
                    "the experiment would end on {stop}, before it starts on {}",
                    self.start
                )));
            }
            check_record_date(stop, today)
                .map_err(|e| DomainError::Invalid(format!("the last day: {e}")))?;
        }
        Ok(())
    }
}

/// An experiment's name: not empty, at most [`MAX_NAME_CHARS`] characters.
pub fn check_name(name: &str) -> Result<(), DomainError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Invalid(
            "an experiment needs a name, for example \"Chin tucks every hour\"".to_string(),
        ));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(DomainError::Invalid(format!(
            "the name is {chars} characters long; the limit is {MAX_NAME_CHARS}"
        )));
    }
    Ok(())
}

/// Refuses a new experiment whose name is already used by one whose days
/// overlap it (names are compared without case and surrounding spaces).
pub fn check_name_free(new: &Experiment, existing: &[Experiment]) -> Result<(), DomainError> {
    let key = new.name.trim().to_lowercase();
    match existing
        .iter()
        .find(|e| e.name.trim().to_lowercase() == key && e.overlaps(new))
    {
        Some(clash) => Err(DomainError::Invalid(format!(
            "an experiment called \"{}\" already runs from {} to {}; choose another name or other days",
            clash.name,
            clash.start,
            clash.end()
        ))),
        None => Ok(()),
    }
}

fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}
