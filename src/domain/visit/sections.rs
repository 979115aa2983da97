//! The summary's sections on what was done: sessions, the checklist,
//! experiments, the function check, and the notes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};

use super::{
    ChecklistChange, ChecklistFigures, ExperimentFigures, FunctionFigures, MAX_NOTES, NOTE_CHARS,
    Note, Period, SessionFigures, VisitRecords, by_date, reach_back, touches,
};
use crate::domain::checklist::{self, ChecklistAnswer};
use crate::domain::dates::week_start;
use crate::domain::experiment::compare;
use crate::domain::flare::FlareUp;
use crate::domain::function_check;
use crate::domain::pain::{CheckIn, latest_per_day};
use crate::domain::session::SessionKind;
use crate::domain::trend;

/// Sessions of each kind in the period and the strengthening weeks;
/// `None` when no session was logged in it.
pub(super) fn sessions(
    records: &VisitRecords,
    days_off: &BTreeSet<NaiveDate>,
    period: Period,
) -> Option<SessionFigures> {
    let from_monday = by_date(
        &records.sessions,
        |s| s.date,
        week_start(period.from),
        period.to,
    );
    let in_period = by_date(from_monday, |s| s.date, period.from, period.to);
    if in_period.is_empty() {
        return None;
    }
    let count = |kind: SessionKind| {
        u32::try_from(in_period.iter().filter(|s| s.kind == kind).count()).unwrap_or(u32::MAX)
    };
    let strength = count(SessionKind::Strength);
    let full_weeks = trend::weekly_counts(from_monday, days_off, period.from, period.to)
        .into_iter()
        .filter(|w| {
            w.week_start >= period.from
                && w.week_start
                    .checked_add_days(Days::new(6))
                    .is_some_and(|sunday| sunday <= period.to)
        })
        .collect();
    Some(SessionFigures {
        strength,
        stretch: count(SessionKind::Stretch),
        heat: count(SessionKind::Heat),
        massage: count(SessionKind::Massage),
        strength_per_week: f64::from(strength) * 7.0 / period.days() as f64,
        full_weeks,
    })
}

/// The checklist as it stood at the period's end and the answers given in
/// it; `None` when no item had been answered by then.
pub(super) fn checklist(history: &[ChecklistAnswer], period: Period) -> Option<ChecklistFigures> {
    let by_end: Vec<ChecklistAnswer> = history
        .iter()
        .filter(|a| a.answered_on <= period.to && checklist::item(&a.item).is_some())
        .cloned()
        .collect();
    if by_end.is_empty() {
        return None;
    }
    let mut changes = Vec::new();
    for (i, answer) in history.iter().enumerate() {
        let Some(item) = checklist::item(&answer.item) else {
            continue;
        };
        if !period.contains(answer.answered_on) {
            continue;
        }
        let previous = history[..i]
            .iter()
            .rev()
            .find(|p| p.item == answer.item)
            .map(|p| p.answer);
        changes.push(ChecklistChange {
            date: answer.answered_on,
            item: item.text,
            answer: answer.answer,
            previous,
        });
    }
    changes.sort_by_key(|c| c.date);
    Some(ChecklistFigures {
        score: checklist::score(&by_end),
        changes,
    })
}

/// Every experiment that ran on a day of the period, by start, with its
/// result as of the period's end.
pub(super) fn experiments(records: &VisitRecords, period: Period) -> Vec<ExperimentFigures> {
    let mut touching: Vec<_> = records
        .experiments
        .iter()
        .filter(|e| touches(e, period))
        .collect();
    if touching.is_empty() {
        return Vec::new();
    }
    touching.sort_by_key(|e| (e.start, e.created_at));
    let first = reach_back(period, &records.experiments);
    let pain_by_day: BTreeMap<NaiveDate, u8> =
        latest_per_day(by_date(&records.checkins, |c| c.date, first, period.to))
            .into_iter()
            .map(|c| (c.date, c.pain.get()))
            .collect();
    touching
        .into_iter()
        .map(|e| ExperimentFigures {
            experiment: e.clone(),
            result: compare::evaluate(e, &pain_by_day, &records.experiments, period.to),
        })
        .collect()
}

/// First and latest score of each activity rated in the period; `None`
/// when none was.
pub(super) fn function(records: &VisitRecords, period: Period) -> Option<FunctionFigures> {
    let ratings = by_date(
        &records.function_ratings,
        |r| r.date,
        period.from,
        period.to,
    );
    let (changes, average) =
        function_check::changes(&records.activities, ratings, period.from, period.to);
    (!changes.is_empty()).then_some(FunctionFigures { changes, average })
}

/// Up to [`MAX_NOTES`] notes, the most recent first, each shortened to
/// [`NOTE_CHARS`]: the check-ins' notes, and what set off a flare-up or
/// helped with it (on a day with both, the flare-up comes first).
pub(super) fn notes(checkins: &[CheckIn], flare_ups: &[FlareUp]) -> Vec<super::Note> {
    let checkin_notes = latest_per_day(checkins)
        .into_iter()
        .filter(|c| !c.note.trim().is_empty())
        .map(|c| (c.date, c.note.clone()));
    let flare_notes = flare_ups.iter().filter_map(|f| {
        let set_off_by = f.set_off_by.trim();
        let helped = f.helped.trim();
        if set_off_by.is_empty() && helped.is_empty() {
            return None;
        }
        let mut text = format!("Flare-up, pain {}.", f.pain.get());
        for (label, words) in [("Set off by", set_off_by), ("Helped", helped)] {
            if !words.is_empty() {
                let stop = if words.ends_with(['.', '!', '?', '…']) {
                    ""
                } else {
                    "."
                };
                text.push_str(&format!(" {label}: {words}{stop}"));
            }
        }
        Some((f.date, text))
    });
    let mut all: Vec<(NaiveDate, String)> = checkin_notes.chain(flare_notes).collect();
    // Stable: a day's check-in note stays ahead of its flare-ups, and the
    // list is then read from the end.
    all.sort_by_key(|(date, _)| *date);
    all.into_iter()
        .rev()
        .take(MAX_NOTES)
        .map(|(date, text)| Note {
            date,
            text: shorten(&text, NOTE_CHARS),
        })
        .collect()
}

/// `text` on one line (runs of white space, line breaks included, become
/// one space), cut at a word to at most `max_chars` characters with "…"
/// when it is longer.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let keep: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = match keep.rfind(' ') {
        Some(space) if space > keep.len() / 2 => &keep[..space],
        _ => keep.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.']))
}
