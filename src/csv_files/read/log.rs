//! Reading the log's first kinds: check-ins, sessions and checklist answers.

use std::io;

use chrono::{NaiveDate, SecondsFormat};

use super::cells::{
    answer, areas, exercises, flag, instant, item, kind, note, optional_rating, optional_text,
    optional_uid, rating, record_date, seconds, text,
};
use super::{Header, RowReader, error_at, read_table};
use crate::csv_files::{
    CHECKIN_COLUMNS, CHECKINS_FILE, CHECKLIST_COLUMNS, CHECKLIST_FILE, ImportErrors,
    SESSION_COLUMNS, SESSIONS_FILE,
};
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::keyed::Keyed;
use crate::domain::pain::{CheckIn, RedFlags};
use crate::domain::session::{Session, check_session_date};

fn checkin_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Keyed<CheckIn>> {
    let date = row.next(|c| record_date(c, today));
    let recorded_at = row.next(instant);
    let pain = row.next(|c| rating(c, "pain"));
    let stress = row.next(|c| optional_rating(c, "stress"));
    let areas = row.next(areas);
    let arm_symptoms = row.next(flag);
    let after_impact = row.next(flag);
    let fever = row.next(flag);
    let note = row.next(note);
    let uid = row.next(optional_uid);
    let checkin = CheckIn {
        date: date?,
        recorded_at: recorded_at?,
        pain: pain?,
        stress: stress?,
        areas: areas?,
        red_flags: RedFlags {
            arm_symptoms: arm_symptoms?,
            after_impact: after_impact?,
            fever: fever?,
        },
        note: note?,
    };
    Some(Keyed {
        uid: uid?,
        record: checkin,
    })
}

fn session_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Keyed<Session>> {
    let kind = row.next(kind);
    let started_at = row.next(instant);
    let date = row.next(|c| record_date(c, today));
    let duration_secs = row.next(seconds);
    let routine = row.next(text);
    let heat_type = row.next(optional_text);
    let area = row.next(optional_text);
    let capped = row.next(flag);
    let feel_after = row.next(|c| optional_rating(c, "the after-session rating"));
    let note = row.next(note);
    let exercises = row.next(exercises);
    let uid = row.next(optional_uid);

    let session = Session {
        kind: kind?,
        started_at: started_at?,
        date: date?,
        duration_secs: duration_secs?,
        routine: routine?,
        heat_type: heat_type?,
        area: area?,
        capped: capped?,
        feel_after: feel_after?,
        note: note?,
        exercises: exercises?,
    };
    if let Err(e) = check_session_date(session.started_at, session.date) {
        let error = error_at(row.file, row.loc, Some("date"), e.to_string());
        row.errors.push(error);
        return None;
    }
    // Duration and note were checked cell by cell; this catches any rule the
    // domain adds later.
    if let Err(e) = session.validate() {
        let error = error_at(row.file, row.loc, None, e.to_string());
        row.errors.push(error);
        return None;
    }
    Some(Keyed {
        uid: uid?,
        record: session,
    })
}

fn checklist_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<ChecklistAnswer> {
    let item = row.next(item);
    let answer = row.next(answer);
    let answered_on = row.next(|c| record_date(c, today));
    Some(ChecklistAnswer {
        item: item?,
        answer: answer?,
        answered_on: answered_on?,
    })
}

/// Reads `checkins.csv`. Every row is checked; any problem means no records.
/// Dates must be from 1900 to `today`. Two check-ins for the same date are
/// refused, as the app keeps one a day, and so are two with one uid. A file
/// without the `uid` column (from an older version), or an empty uid cell,
/// gives check-ins without a uid.
pub fn read_checkins<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Keyed<CheckIn>>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| checkin_row(row, today);
    let file = CHECKINS_FILE;
    let mut table = read_table(r, file, &CHECKIN_COLUMNS, Header::UidOptional, parse);
    table.refuse_duplicates(
        file,
        "date",
        |c| Some(c.record.date),
        |c| format!("a check-in for {}", c.record.date),
        "one per day",
    );
    table.refuse_duplicate_uids(file, |c| c.uid.as_deref());
    table.finish()
}

/// Reads `sessions.csv`. Every row is checked; any problem means no records.
/// Dates must be from 1900 to `today` and be the day the session started.
/// Two sessions of the same kind starting at the same instant are refused,
/// as the app keeps only one of them, and so are two with one uid. A file
/// without the `uid` column (from an older version), or an empty uid cell,
/// gives sessions without a uid.
pub fn read_sessions<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Keyed<Session>>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| session_row(row, today);
    let file = SESSIONS_FILE;
    let mut table = read_table(r, file, &SESSION_COLUMNS, Header::UidOptional, parse);
    table.refuse_duplicates(
        file,
        "started_at",
        |k| Some((k.record.kind, k.record.started_at)),
        |k| {
            let s = &k.record;
            let started = s.started_at.to_rfc3339_opts(SecondsFormat::Secs, true);
            format!("a {} session that started at {started}", s.kind.code())
        },
        "one per kind and start time",
    );
    table.refuse_duplicate_uids(file, |s| s.uid.as_deref());
    table.finish()
}

/// Reads `checklist.csv`. Every row is checked; any problem means no records.
/// Dates must be from 1900 to `today`. An item answered twice is refused, as
/// the app keeps one answer per item.
pub fn read_checklist<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<ChecklistAnswer>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| checklist_row(row, today);
    let mut table = read_table(r, CHECKLIST_FILE, &CHECKLIST_COLUMNS, Header::Whole, parse);
    table.refuse_duplicates(
        CHECKLIST_FILE,
        "item",
        |a| Some(a.item.clone()),
        |a| format!("an answer for \"{}\"", a.item),
        "one per item",
    );
    table.finish()
}
