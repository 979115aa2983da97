//! One cell each: from the text in the file to a checked value, or a
//! message saying what is wrong with it.

use chrono::{DateTime, NaiveDate, Utc};

use crate::csv_files::cell_to_text;
use crate::domain::checklist::Answer;
use crate::domain::dates::check_record_date;
use crate::domain::days_off::Reason;
use crate::domain::experiment::{ExperimentKind, PLANNED_DAYS};
use crate::domain::keyed::valid_uid;
use crate::domain::pain::{Area, Rating, check_note};
use crate::domain::session::{Session, SessionExercise, SessionKind};

pub(super) fn date(cell: &str) -> Result<NaiveDate, String> {
    match NaiveDate::parse_from_str(cell, "%Y-%m-%d") {
        Ok(date) if cell.len() == 10 => Ok(date),
        _ if cell.is_empty() => Err("a date is required, written as YYYY-MM-DD".to_owned()),
        _ => Err(format!("\"{cell}\" is not a date written as YYYY-MM-DD")),
    }
}

/// A date a record may have: from 1900 to `today`.
pub(super) fn record_date(cell: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = date(cell)?;
    check_record_date(date, today).map_err(|e| e.to_string())?;
    Ok(date)
}

/// A date a record may have, or an empty cell for none.
pub(super) fn optional_record_date(
    cell: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, String> {
    if cell.is_empty() {
        Ok(None)
    } else {
        record_date(cell, today).map(Some)
    }
}

pub(super) fn instant(cell: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(cell)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| format!("\"{cell}\" is not a date and time written like 2024-03-01T08:30:00Z"))
}

pub(super) fn rating(cell: &str, what: &'static str) -> Result<Rating, String> {
    Rating::parse(cell, what).map_err(|e| e.to_string())
}

pub(super) fn optional_rating(cell: &str, what: &'static str) -> Result<Option<Rating>, String> {
    if cell.is_empty() {
        Ok(None)
    } else {
        rating(cell, what).map(Some)
    }
}

pub(super) fn flag(cell: &str) -> Result<bool, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" => Ok(true),
        "0" | "no" => Ok(false),
        _ => Err(format!("expected 1 (yes) or 0 (no), not \"{cell}\"")),
    }
}

pub(super) fn text(cell: &str) -> Result<String, String> {
    Ok(cell_to_text(cell).to_owned())
}

pub(super) fn optional_text(cell: &str) -> Result<Option<String>, String> {
    Ok((!cell.is_empty()).then(|| cell_to_text(cell).to_owned()))
}

pub(super) fn note(cell: &str) -> Result<String, String> {
    let note = cell_to_text(cell);
    check_note(note).map_err(|e| e.to_string())?;
    Ok(note.to_owned())
}

pub(super) fn known_codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> String {
    all.iter().map(|&v| code(v)).collect::<Vec<_>>().join(", ")
}

pub(super) fn areas(cell: &str) -> Result<Vec<Area>, String> {
    Area::split(cell_to_text(cell)).map_err(|e| {
        format!(
            "{e}; known areas are {}",
            known_codes(&Area::ALL, Area::code)
        )
    })
}

pub(super) fn kind(cell: &str) -> Result<SessionKind, String> {
    SessionKind::from_code(cell_to_text(cell)).map_err(|e| {
        let known = known_codes(&SessionKind::ALL, SessionKind::code);
        format!("{e}; known kinds are {known}")
    })
}

pub(super) fn answer(cell: &str) -> Result<Answer, String> {
    Answer::from_code(cell_to_text(cell)).map_err(|e| {
        let known = known_codes(&Answer::ALL, Answer::code);
        format!("{e}; known answers are {known}")
    })
}

pub(super) fn item(cell: &str) -> Result<String, String> {
    let item = cell_to_text(cell);
    if item.is_empty() {
        return Err("the checklist item is missing".to_owned());
    }
    Ok(item.to_owned())
}

/// Whole seconds, within the limits `Session::validate` sets.
pub(super) fn seconds(cell: &str) -> Result<u32, String> {
    let secs = cell
        .trim()
        .parse()
        .map_err(|_| format!("the duration must be a whole number of seconds, not \"{cell}\""))?;
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let probe = Session::new(SessionKind::Stretch, epoch, epoch.date_naive(), secs);
    probe.validate().map_err(|e| e.to_string())?;
    Ok(secs)
}

/// `id:done/planned` entries joined by `;`; the id may itself hold `:`.
pub(super) fn exercises(cell: &str) -> Result<Vec<SessionExercise>, String> {
    let text = cell_to_text(cell);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    text.split(';')
        .map(|entry| {
            let parsed = entry.rsplit_once(':').and_then(|(id, holds)| {
                let (done, planned) = holds.split_once('/')?;
                Some(SessionExercise {
                    exercise: id.to_owned(),
                    holds_done: done.parse().ok()?,
                    holds_planned: planned.parse().ok()?,
                })
            });
            parsed.ok_or_else(|| {
                format!("\"{entry}\" should look like exercise_id:holds_done/holds_planned")
            })
        })
        .collect()
}

/// A record's uid: required, 1 to 64 letters, digits, `-` or `_`.
pub(super) fn uid(cell: &str) -> Result<String, String> {
    let uid = cell_to_text(cell);
    if uid.is_empty() {
        return Err(
            "a uid is required: any text of letters, digits, - or _ that no other \
             row of this file has"
                .to_owned(),
        );
    }
    if !valid_uid(uid) {
        return Err(format!(
            "\"{uid}\" is not a uid: use 1 to 64 letters, digits, - or _, with no spaces"
        ));
    }
    Ok(uid.to_owned())
}

/// A uid, or an empty cell for a record without one (as in a row added by
/// hand to a file of check-ins or sessions).
pub(super) fn optional_uid(cell: &str) -> Result<Option<String>, String> {
    if cell.is_empty() {
        Ok(None)
    } else {
        uid(cell).map(Some)
    }
}

pub(super) fn reason(cell: &str) -> Result<Reason, String> {
    Reason::from_code(cell_to_text(cell)).map_err(|e| {
        let known = known_codes(&Reason::ALL, Reason::code);
        format!("{e}; known reasons are {known}")
    })
}

pub(super) fn experiment_kind(cell: &str) -> Result<ExperimentKind, String> {
    ExperimentKind::from_code(cell_to_text(cell)).map_err(|e| {
        let known = known_codes(&ExperimentKind::ALL, ExperimentKind::code);
        format!("{e}; known kinds are {known}")
    })
}

/// 7, 14 or 28.
pub(super) fn planned_days(cell: &str) -> Result<u32, String> {
    match cell.trim().parse() {
        Ok(days) if PLANNED_DAYS.contains(&days) => Ok(days),
        _ => Err(format!(
            "an experiment runs for 7, 14 or 28 days, not \"{cell}\""
        )),
    }
}

/// A name checked by `check`, the domain's rule for that kind of name.
pub(super) fn name(
    cell: &str,
    check: fn(&str) -> Result<(), crate::domain::DomainError>,
) -> Result<String, String> {
    let name = cell_to_text(cell);
    check(name).map_err(|e| e.to_string())?;
    Ok(name.to_owned())
}
