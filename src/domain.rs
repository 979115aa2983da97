//! Plain types and rules. Nothing in here knows about egui or SQLite.

pub mod advice;
pub mod checklist;
pub mod clock;
pub mod dates;
pub mod days_off;
pub mod exercise;
pub mod experiment;
pub mod facts;
pub mod flare;
pub mod function_check;
pub mod heat;
pub mod keyed;
pub mod pain;
pub mod paper;
pub mod routine;
pub mod session;
pub mod trend;
pub mod visit;

use thiserror::Error;

/// A value that breaks one of the domain's rules.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("{what} must be a whole number from 0 to 10, not {value}")]
    RatingOutOfRange { what: &'static str, value: i64 },
    #[error("unknown {what} \"{value}\"")]
    Unknown { what: &'static str, value: String },
    #[error("{0}")]
    Invalid(String),
}
