//! The charts' x axis: whole days counted from 1970-01-01.

use chrono::{NaiveDate, TimeDelta};

/// The x coordinate of a day: days since 1970-01-01.
pub fn day_x(date: NaiveDate) -> f64 {
    (date - NaiveDate::default()).num_days() as f64
}

/// The day at an x coordinate, rounded to the nearest whole day.
pub fn x_day(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() {
        return None;
    }
    let days = TimeDelta::try_days(x.round() as i64)?;
    NaiveDate::default().checked_add_signed(days)
}
