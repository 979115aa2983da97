//! Reading the kinds that came with uids: flare-ups, days off, experiments,
//! and the function check's activities and scores. Every row needs a uid,
//! so that importing the same file twice adds nothing the second time.

use std::io;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

use super::cells::{
    date, experiment_kind, instant, name, note, optional_record_date, planned_days, rating, reason,
    record_date, uid,
};
use super::{Header, RowReader, Table, error_at, read_table};
use crate::csv_files::{
    DAYS_OFF_COLUMNS, DAYS_OFF_FILE, EXPERIMENT_COLUMNS, EXPERIMENTS_FILE, FLARE_UP_COLUMNS,
    FLARE_UPS_FILE, FUNCTION_ACTIVITIES_FILE, FUNCTION_ACTIVITY_COLUMNS, FUNCTION_RATING_COLUMNS,
    FUNCTION_RATINGS_FILE, ImportErrors,
};
use crate::domain::days_off::DaysOff;
use crate::domain::experiment::{Experiment, check_name, check_name_free};
use crate::domain::flare::FlareUp;
use crate::domain::function_check::{Activity, FunctionRating, check_activity_name};
use crate::domain::keyed::Keyed;
use crate::domain::session::local_dates_of;

/// The last moment that is still `today` somewhere in the world (12 hours
/// behind UTC): nothing in a file may have happened after it.
fn end_of_today_anywhere(today: NaiveDate) -> DateTime<Utc> {
    today
        .succ_opt()
        .unwrap_or(NaiveDate::MAX)
        .and_time(NaiveTime::MIN)
        .and_utc()
        .checked_add_signed(TimeDelta::hours(12))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn flare_up_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Keyed<FlareUp>> {
    let uid = row.next(uid);
    let at = row.next(instant);
    let date = row.next(|c| record_date(c, today));
    let pain = row.next(|c| rating(c, "pain"));
    let set_off_by = row.next(note);
    let helped = row.next(note);
    let flare_up = FlareUp {
        at: at?,
        date: date?,
        pain: pain?,
        set_off_by: set_off_by?,
        helped: helped?,
    };
    let (first, last) = local_dates_of(flare_up.at);
    if !(first..=last).contains(&flare_up.date) {
        let message = format!(
            "{} is not the day of this flare-up ({}); depending on the time zone that day \
             is from {first} to {last}",
            flare_up.date,
            flare_up
                .at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        row.refuse(Some("date"), message);
        return None;
    }
    // The cells were checked one by one; this catches any rule the domain
    // adds later.
    if let Err(e) = flare_up.validate(end_of_today_anywhere(today), today) {
        row.refuse(None, e.to_string());
        return None;
    }
    Some(Keyed::new(uid?, flare_up))
}

fn days_off_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Keyed<DaysOff>> {
    let uid = row.next(uid);
    let first = row.next(date);
    let last = row.next(date);
    let reason = row.next(reason);
    let created_at = row.next(instant);
    let days_off = DaysOff {
        first: first?,
        last: last?,
        reason: reason?,
        created_at: created_at?,
    };
    // Days off may be marked ahead; the domain says how far, and how long.
    if let Err(e) = days_off.validate(today, &[]) {
        let column = (days_off.last < days_off.first).then_some("last_day");
        row.refuse(column, e.to_string());
        return None;
    }
    Some(Keyed::new(uid?, days_off))
}

fn experiment_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Keyed<Experiment>> {
    let uid = row.next(uid);
    let name = row.next(|c| name(c, check_name));
    let kind = row.next(experiment_kind);
    let start = row.next(|c| record_date(c, today));
    let planned_days = row.next(planned_days);
    let stopped_on = row.next(|c| optional_record_date(c, today));
    let created_at = row.next(instant);
    let experiment = Experiment {
        name: name?,
        kind: kind?,
        start: start?,
        planned_days: planned_days?,
        stopped_on: stopped_on?,
        created_at: created_at?,
    };
    if let Err(e) = experiment.validate(today) {
        let stops_early = experiment.stopped_on.is_some_and(|s| s < experiment.start);
        row.refuse(stops_early.then_some("stopped_on"), e.to_string());
        return None;
    }
    Some(Keyed::new(uid?, experiment))
}

fn activity_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Activity> {
    let uid = row.next(uid);
    let name = row.next(|c| name(c, check_activity_name));
    let added_on = row.next(|c| record_date(c, today));
    let retired_on = row.next(|c| optional_record_date(c, today));
    let activity = Activity {
        uid: uid?,
        name: name?,
        added_on: added_on?,
        retired_on: retired_on?,
    };
    if let Some(retired) = activity.retired_on
        && retired < activity.added_on
    {
        let message = format!(
            "the activity would be taken off the list on {retired}, before it was added on {}",
            activity.added_on
        );
        row.refuse(Some("retired_on"), message);
        return None;
    }
    Some(activity)
}

/// The uid of the activity a score is for.
fn activity_uid(cell: &str) -> Result<String, String> {
    if cell.is_empty() {
        return Err(format!(
            "which activity is this score for? Give its uid from {FUNCTION_ACTIVITIES_FILE}"
        ));
    }
    uid(cell)
}

fn rating_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Keyed<FunctionRating>> {
    let uid = row.next(uid);
    let activity_uid = row.next(activity_uid);
    let date = row.next(|c| record_date(c, today));
    let rated_at = row.next(instant);
    let score = row.next(|c| rating(c, "score"));
    let rating = FunctionRating {
        activity_uid: activity_uid?,
        date: date?,
        rated_at: rated_at?,
        score: score?,
    };
    Some(Keyed::new(uid?, rating))
}

/// Reads `flare_ups.csv`. Every row is checked; any problem means no
/// records. Dates must be from 1900 to `today` and be the day of the
/// flare-up (in some time zone); notes at most as long as a check-in's.
pub fn read_flare_ups<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Keyed<FlareUp>>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| flare_up_row(row, today);
    let file = FLARE_UPS_FILE;
    let mut table = read_table(r, file, &FLARE_UP_COLUMNS, Header::Whole, parse);
    table.refuse_duplicate_uids(file, |f| f.uid.as_deref());
    table.finish()
}

/// Reads `days_off.csv`. Every row is checked; any problem means no
/// records. A range must not end before it starts, start from 1900 and
/// reach at most a year ahead of `today`; two ranges sharing a day are
/// refused.
pub fn read_days_off<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Keyed<DaysOff>>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| days_off_row(row, today);
    let file = DAYS_OFF_FILE;
    let mut table = read_table(r, file, &DAYS_OFF_COLUMNS, Header::Whole, parse);
    table.refuse_duplicate_uids(file, |d| d.uid.as_deref());
    refuse_overlapping_days_off(&mut table);
    table.finish()
}

/// Refuses a range that shares a day with one on an earlier line.
fn refuse_overlapping_days_off(table: &mut Table<Keyed<DaysOff>>) {
    for (i, (loc, range)) in table.records.iter().enumerate() {
        let earlier = table.records[..i]
            .iter()
            .find(|(_, other)| other.record.overlaps(&range.record));
        if let Some((first, other)) = earlier {
            let message = format!(
                "line {} already has days off from {} to {}; ranges may not share a day",
                first.line, other.record.first, other.record.last
            );
            let error = error_at(DAYS_OFF_FILE, *loc, Some("first_day"), message);
            table.errors.push(error);
        }
    }
}

/// Reads `experiments.csv`. Every row is checked; any problem means no
/// records. Days must be from 1900 to `today`, the plan 7, 14 or 28 days;
/// two experiments of the same name over any of the same days are refused.
pub fn read_experiments<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Keyed<Experiment>>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| experiment_row(row, today);
    let file = EXPERIMENTS_FILE;
    let mut table = read_table(r, file, &EXPERIMENT_COLUMNS, Header::Whole, parse);
    table.refuse_duplicate_uids(file, |e| e.uid.as_deref());
    for (i, (loc, experiment)) in table.records.iter().enumerate() {
        let clash = table.records[..i].iter().find(|(_, other)| {
            check_name_free(&experiment.record, std::slice::from_ref(&other.record)).is_err()
        });
        if let Some((first, other)) = clash {
            let message = format!(
                "line {} already has an experiment called \"{}\" from {} to {}; \
                 give one of them another name or other days",
                first.line,
                other.record.name,
                other.record.start,
                other.record.end()
            );
            table
                .errors
                .push(error_at(file, *loc, Some("name"), message));
        }
    }
    table.finish()
}

/// Reads `function_activities.csv`. Every row is checked; any problem means
/// no records. Names as the window takes them; days from 1900 to `today`;
/// two activities on the list under one name are refused.
pub fn read_function_activities<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Activity>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| activity_row(row, today);
    let file = FUNCTION_ACTIVITIES_FILE;
    let mut table = read_table(r, file, &FUNCTION_ACTIVITY_COLUMNS, Header::Whole, parse);
    table.refuse_duplicate_uids(file, |a| Some(&a.uid));
    table.refuse_duplicates(
        file,
        "name",
        |a| a.is_active().then(|| a.name.trim().to_lowercase()),
        |a| format!("\"{}\" on the list", a.name.trim()),
        "one of them on the list, or give one a retired_on day",
    );
    table.finish()
}

/// Reads `function_ratings.csv`. Every row is checked; any problem means no
/// records. Scores from 0 to 10, days from 1900 to `today`, one score per
/// activity and day. Whether each activity is known is left to the store.
pub fn read_function_ratings<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<Keyed<FunctionRating>>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| rating_row(row, today);
    let file = FUNCTION_RATINGS_FILE;
    let mut table = read_table(r, file, &FUNCTION_RATING_COLUMNS, Header::Whole, parse);
    table.refuse_duplicate_uids(file, |r| r.uid.as_deref());
    table.refuse_duplicates(
        file,
        "date",
        |r| Some((r.record.activity_uid.clone(), r.record.date)),
        |r| {
            format!(
                "a score for activity \"{}\" on {}",
                r.record.activity_uid, r.record.date
            )
        },
        "one per activity and day",
    );
    table.finish()
}
