//! Calendar dates: which ones a record may have (the same for every way in:
//! the window, the command line and CSV import), and the day and week
//! arithmetic every other module uses. Weeks run Monday to Sunday.

use chrono::{Datelike, Days, NaiveDate};

use super::DomainError;

/// The earliest date a record may have. Anything before is a typing mistake.
pub const EARLIEST_RECORD_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// `date` minus `days`, saturating at the earliest date chrono knows.
pub fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// The Monday that starts the week `date` falls in.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    days_before(date, u64::from(date.weekday().num_days_from_monday()))
}

/// A record's date must be from 1 January 1900 to `today`, inclusive.
pub fn check_record_date(date: NaiveDate, today: NaiveDate) -> Result<(), DomainError> {
    if date > today {
        return Err(DomainError::Invalid(format!(
            "{date} is in the future; records can be for today or earlier days"
        )));
    }
    if date < EARLIEST_RECORD_DATE {
        return Err(DomainError::Invalid(format!(
            "{date} is before 1900; check the year"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_from_1900_to_today_are_accepted() {
        let today = date(2026, 12, 2);
        for ok in [EARLIEST_RECORD_DATE, date(2000, 2, 29), today] {
            assert_eq!(check_record_date(ok, today), Ok(()), "{ok}");
        }
        let future = check_record_date(date(2026, 12, 3), today).unwrap_err();
        assert!(future.to_string().contains("in the future"), "{future}");
        for early in [date(1899, 12, 31), date(0, 1, 1), date(-1, 1, 1)] {
            let error = check_record_date(early, today).unwrap_err().to_string();
            assert!(error.contains("before 1900"), "{error}");
        }
    }
}
