//! Writing the kinds that came with uids: flare-ups, days off,
//! experiments, and the function check's activities and scores. Each row
//! starts with the record's uid.

use std::io;

use super::{csv_writer, date_cell, instant_cell, text_to_cell, uid_cell};
use crate::csv_files::{
    DAYS_OFF_COLUMNS, DAYS_OFF_FILE, EXPERIMENT_COLUMNS, EXPERIMENTS_FILE, ExportError,
    FLARE_UP_COLUMNS, FLARE_UPS_FILE, FUNCTION_ACTIVITIES_FILE, FUNCTION_ACTIVITY_COLUMNS,
    FUNCTION_RATING_COLUMNS, FUNCTION_RATINGS_FILE,
};
use crate::domain::days_off::DaysOff;
use crate::domain::experiment::Experiment;
use crate::domain::flare::FlareUp;
use crate::domain::function_check::{Activity, FunctionRating};
use crate::domain::keyed::Keyed;

/// Writes a header and one row per record, made by `row`, in the given order.
fn write_rows<W: io::Write, T, const N: usize>(
    w: W,
    file: &'static str,
    columns: [&str; N],
    records: &[T],
    row: impl Fn(&T) -> [String; N],
) -> Result<(), ExportError> {
    let csv_error = |error| ExportError::Csv { file, error };
    let mut out = csv_writer(w);
    out.write_record(columns).map_err(csv_error)?;
    for record in records {
        out.write_record(row(record)).map_err(csv_error)?;
    }
    out.flush().map_err(|e| csv_error(e.into()))
}

fn optional_date_cell(date: Option<chrono::NaiveDate>) -> String {
    date.map(date_cell).unwrap_or_default()
}

/// Writes `flare_ups.csv`.
pub fn write_flare_ups<W: io::Write>(
    w: W,
    flare_ups: &[Keyed<FlareUp>],
) -> Result<(), ExportError> {
    write_rows(w, FLARE_UPS_FILE, FLARE_UP_COLUMNS, flare_ups, |k| {
        let f = &k.record;
        [
            uid_cell(k.uid.as_deref()).into_owned(),
            instant_cell(f.at),
            date_cell(f.date),
            f.pain.to_string(),
            text_to_cell(&f.set_off_by).into_owned(),
            text_to_cell(&f.helped).into_owned(),
        ]
    })
}

/// Writes `days_off.csv`.
pub fn write_days_off<W: io::Write>(w: W, ranges: &[Keyed<DaysOff>]) -> Result<(), ExportError> {
    write_rows(w, DAYS_OFF_FILE, DAYS_OFF_COLUMNS, ranges, |k| {
        let d = &k.record;
        [
            uid_cell(k.uid.as_deref()).into_owned(),
            date_cell(d.first),
            date_cell(d.last),
            d.reason.code().to_owned(),
            instant_cell(d.created_at),
        ]
    })
}

/// Writes `experiments.csv`; `stopped_on` is empty while one runs to plan.
pub fn write_experiments<W: io::Write>(
    w: W,
    experiments: &[Keyed<Experiment>],
) -> Result<(), ExportError> {
    write_rows(w, EXPERIMENTS_FILE, EXPERIMENT_COLUMNS, experiments, |k| {
        let e = &k.record;
        [
            uid_cell(k.uid.as_deref()).into_owned(),
            text_to_cell(&e.name).into_owned(),
            e.kind.code().to_owned(),
            date_cell(e.start),
            e.planned_days.to_string(),
            optional_date_cell(e.stopped_on),
            instant_cell(e.created_at),
        ]
    })
}

/// Writes `function_activities.csv`; `retired_on` is empty while one is on
/// the list.
pub fn write_function_activities<W: io::Write>(
    w: W,
    activities: &[Activity],
) -> Result<(), ExportError> {
    let file = FUNCTION_ACTIVITIES_FILE;
    write_rows(w, file, FUNCTION_ACTIVITY_COLUMNS, activities, |a| {
        [
            text_to_cell(&a.uid).into_owned(),
            text_to_cell(&a.name).into_owned(),
            date_cell(a.added_on),
            optional_date_cell(a.retired_on),
        ]
    })
}

/// Writes `function_ratings.csv`: one score per activity and day.
pub fn write_function_ratings<W: io::Write>(
    w: W,
    ratings: &[Keyed<FunctionRating>],
) -> Result<(), ExportError> {
    let file = FUNCTION_RATINGS_FILE;
    write_rows(w, file, FUNCTION_RATING_COLUMNS, ratings, |k| {
        let r = &k.record;
        [
            uid_cell(k.uid.as_deref()).into_owned(),
            text_to_cell(&r.activity_uid).into_owned(),
            date_cell(r.date),
            instant_cell(r.rated_at),
            r.score.to_string(),
        ]
    })
}
