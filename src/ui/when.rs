//! Time for the screens: the moment a frame is drawn, and the "which day, what
//! time" fields of the forms that log a session done away from the computer.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use egui::{RichText, Ui};

use crate::domain::clock::{Clock, Moment};

/// "Now", read from the clock once per frame so that everything drawn in one
/// frame agrees.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    /// The timer clock, for countdowns.
    pub moment: Moment,
    /// Wall-clock time in the user's zone, for records.
    pub local: DateTime<FixedOffset>,
}

impl Now {
    pub fn read(clock: &dyn Clock) -> Self {
        Self {
            moment: clock.moment(),
            local: clock.local_now(),
        }
    }

    pub fn utc(&self) -> DateTime<Utc> {
        self.local.with_timezone(&Utc)
    }

    /// The local date a record made now belongs to.
    pub fn today(&self) -> NaiveDate {
        self.local.date_naive()
    }
}

/// The instant named by a time of day typed as HH:MM on a local `date`,
/// using the clock's current offset from UTC. Refuses a time still to come.
pub fn parse_start(date: NaiveDate, time_text: &str, now: &Now) -> Result<DateTime<Utc>, String> {
    let trimmed = time_text.trim();
    if trimmed.is_empty() {
        return Err("Type the time you started as HH:MM, for example 15:00.".to_owned());
    }
    let time = NaiveTime::parse_from_str(trimmed, "%H:%M").map_err(|_| {
        format!("Type the time as hours and minutes, for example 15:00, not \"{trimmed}\".")
    })?;
    let start = now
        .local
        .offset()
        .from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| format!("{trimmed} on that day could not be placed in time."))?;
    if start > now.utc() {
        return Err(format!(
            "{trimmed} today hasn't come yet; choose a time that has passed."
        ));
    }
    Ok(start)
}

/// "Today", "Yesterday" or the date written out.
pub fn day_name(date: NaiveDate, today: NaiveDate) -> String {
    if date == today {
        format!("Today, {}", date.format("%A %-d %B"))
    } else if today.checked_sub_days(Days::new(1)) == Some(date) {
        format!("Yesterday, {}", date.format("%A %-d %B"))
    } else {
        date.format("%A %-d %B %Y").to_string()
    }
}

/// Steps the day of a hand-logged session back and forth, never past today.
pub fn day_picker_ui(ui: &mut Ui, date: &mut NaiveDate, today: NaiveDate) {
    if *date > today {
        *date = today;
    }
    ui.horizontal_wrapped(|ui| {
        let earlier = date.checked_sub_days(Days::new(1));
        if ui
            .add_enabled(earlier.is_some(), egui::Button::new("‹ Day before"))
            .clicked()
            && let Some(d) = earlier
        {
            *date = d;
        }
        ui.label(RichText::new(day_name(*date, today)).strong());
        let later = date.checked_add_days(Days::new(1)).filter(|d| *d <= today);
        if ui
            .add_enabled(later.is_some(), egui::Button::new("Day after ›"))
            .clicked()
            && let Some(d) = later
        {
            *date = d;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now {
            moment: Moment::ORIGIN,
            local: DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap(),
        }
    }

    #[test]
    fn a_local_time_becomes_utc_with_the_clocks_offset() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let start = parse_start(day, " 15:00 ", &now()).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-11-24T14:00:00+00:00");
        let today = now().today();
        assert_eq!(
            parse_start(today, "8:30", &now()).unwrap().to_rfc3339(),
            "2026-11-25T07:30:00+00:00"
        );
    }

    #[test]
    fn bad_or_future_times_are_explained() {
        let today = now().today();
        assert!(
            parse_start(today, "", &now())
                .unwrap_err()
                .contains("15:00")
        );
        let words = parse_start(today, "teatime", &now()).unwrap_err();
        assert!(words.contains("\"teatime\""), "{words}");
        assert!(parse_start(today, "25:00", &now()).is_err());
        let later = parse_start(today, "15:00", &now()).unwrap_err();
        assert!(later.contains("hasn't come yet"), "{later}");
    }

    #[test]
    fn days_are_named_plainly() {
        let today = now().today();
        assert_eq!(day_name(today, today), "Today, Wednesday 25 November");
        let yesterday = today.pred_opt().unwrap();
        assert_eq!(day_name(yesterday, today), "Yesterday, Tuesday 24 November");
    }
}
