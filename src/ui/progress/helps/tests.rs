//! Tests of what the Progress screen derives about what helps.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::days_off::{DaysOff, Reason};
use crate::domain::experiment::ExperimentKind;
use crate::domain::function_check::{Activity, FunctionRating};
use crate::domain::pain::{CheckIn, Rating, RedFlags};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn today() -> NaiveDate {
    day(25)
}

fn zone() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn span(from: NaiveDate, weekly: bool) -> Span {
    Span {
        from,
        today: today(),
        range: ProgressRange::Weeks4,
        weekly,
        zone: zone(),
    }
}

fn stored<T>(id: i64, record: T) -> Stored<T> {
    Stored {
        id,
        uid: format!("u{id}"),
        record,
    }
}

fn experiment(name: &str, start: NaiveDate, stopped_on: Option<NaiveDate>) -> Experiment {
    Experiment {
        name: name.to_owned(),
        kind: ExperimentKind::Exercise,
        start,
        planned_days: 7,
        stopped_on,
        created_at: DateTime::UNIX_EPOCH,
    }
}

/// A flare-up at `hour` local time (UTC+1) on `date`.
fn flare(date: NaiveDate, hour: u32, pain: i64) -> FlareUp {
    let local = zone()
        .from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
        .unwrap();
    FlareUp {
        at: local.with_timezone(&Utc),
        date,
        pain: Rating::new(pain, "pain").unwrap(),
        set_off_by: String::new(),
        helped: String::new(),
    }
}

fn checkin(date: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date,
        recorded_at: Utc.from_utc_datetime(&date.and_hms_opt(20, 0, 0).unwrap()),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: RedFlags::default(),
        note: String::new(),
    }
}

#[test]
fn bands_are_cut_to_the_range_and_today() {
    let s = span(day(10), false);
    let x = |d| day_x(d);
    // Starts before the range: cut, and no start line.
    let early = band(day(5), day(12), s, "a".into()).unwrap();
    assert_eq!(early.x, (x(day(10)) - 0.5, x(day(12)) + 0.5));
    assert!(!early.starts_here);
    // Runs past today (planned days still to come).
    let running = band(day(20), day(30), s, "b".into()).unwrap();
    assert_eq!(running.x, (x(day(20)) - 0.5, x(today()) + 0.5));
    assert!(running.starts_here);
    assert_eq!(band(day(1), day(9), s, String::new()), None);
}

#[test]
fn flare_ups_sit_at_their_time_of_day_or_once_a_week_at_the_highest() {
    let flares = [
        flare(day(18), 6, 5),
        flare(day(16), 18, 7),
        flare(day(17), 12, 8),
        flare(day(2), 12, 9),
    ];
    let points = flare_points(&flares, span(day(10), false));
    // The 2nd is before the range; the rest in order of time.
    assert_eq!(points.len(), 3);
    assert!((points[0].x - (day_x(day(16)) - 0.5 + 0.75)).abs() < 1e-9);
    assert!((points[1].x - day_x(day(17))).abs() < 1e-9);
    assert!((points[2].x - (day_x(day(18)) - 0.25)).abs() < 1e-9);
    assert_eq!(points[1].y, 8.0);
    // Mon 16 to Sun 22 is one week: one ring on its Thursday at 8.
    let weekly = flare_points(&flares, span(day(10), true));
    assert_eq!(weekly, [PlotPoint::new(day_x(day(19)), 8.0)]);
}

#[test]
fn the_flare_up_line_counts_the_range_and_this_week() {
    let flares = [
        flare(day(2), 12, 5),
        flare(day(16), 12, 5),
        flare(day(24), 9, 6),
        flare(day(25), 9, 6),
    ];
    assert_eq!(
        flare_text(&flares, span(day(10), false)),
        "Flare-ups: 3 in the last 4 weeks, 2 this week."
    );
}

#[test]
fn experiments_are_listed_newest_first_with_a_verdict_and_a_stop_when_running() {
    let mut checkins = Vec::new();
    // Pain 6 the week before the 8th, 2 from then on.
    for d in 1..=25 {
        checkins.push(checkin(day(d), if d < 8 { 6 } else { 2 }));
    }
    let mut data = Data::with_records(checkins, Vec::new());
    data.helps.experiments = vec![
        stored(1, experiment("Chin tucks", day(8), None)),
        stored(2, experiment("Higher screen", day(22), None)),
    ];
    data.helps.days_off = vec![stored(
        3,
        DaysOff {
            first: day(12),
            last: day(13),
            reason: Reason::Sick,
            created_at: DateTime::UNIX_EPOCH,
        },
    )];
    let view = HelpsView::build(&data, span(day(1), false), (0.0, 1.0));
    let names: Vec<&str> = view.experiments.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Higher screen", "Chin tucks"]);
    let [running, done] = &view.experiments[..] else {
        panic!("two cards");
    };
    assert!(running.stoppable);
    assert_eq!(running.verdict, "Too early: 4 of 7 days so far.");
    assert_eq!(running.difference, None);
    assert!(!done.stoppable, "its 7 days are over");
    assert_eq!(
        done.verdict,
        "Pain was 4.0 points lower (likely a real change)."
    );
    assert_eq!(
        done.difference.as_deref(),
        Some("Difference, during minus before: -4.0 points (95% interval -4.0 to -4.0).")
    );
    assert!(
        done.numbers
            .starts_with("Check-ins: 7 of the 7 days before, 7 of 7 during.")
    );
    assert!(done.about.starts_with("Exercise · 7 days, 8 Nov to 14 Nov"));
    assert_eq!(view.experiment_bands.bands().len(), 2);
    assert_eq!(view.days_off_bands.bands().len(), 1);
    assert!(view.flare_text.is_none(), "no flare-up was ever logged");
    assert!(view.function.is_none(), "no activity was named");
}

#[test]
fn the_function_check_shows_each_activity_and_whether_the_change_matters() {
    let mut data = Data::default();
    let activity = |uid: &str, name: &str, retired: Option<NaiveDate>| Activity {
        uid: uid.to_owned(),
        name: name.to_owned(),
        added_on: day(1),
        retired_on: retired,
    };
    data.helps.activities = vec![
        activity("a", "Carrying shopping", None),
        activity("b", "Long drives", None),
        activity("c", "Gardening", Some(day(2))),
    ];
    let rating = |id, d: NaiveDate, score| {
        stored(
            id,
            FunctionRating {
                activity_uid: "a".to_owned(),
                date: d,
                rated_at: DateTime::UNIX_EPOCH,
                score: Rating::new(score, "score").unwrap(),
            },
        )
    };
    data.helps.function_ratings = vec![
        rating(1, day(4), 3),
        rating(2, day(11), 4),
        rating(3, day(18), 6),
    ];
    let view = HelpsView::build(&data, span(day(1), false), (0.0, 1.0));
    let function = view.function.unwrap();
    assert_eq!(
        function.text.get(egui::Theme::Dark).text,
        "\u{2014} Carrying shopping: 3 on 4 Nov, 6 on 18 Nov (+3)\n\
         \u{2014} Long drives: not rated in this range\n\
         Activities are 3.0 points easier on average: a change that matters.",
        "an activity off the list and never rated is left out"
    );
    assert_eq!(function.chart.points(), 3);
    assert_eq!(
        function.chart_label,
        "Function check scores over the range: 2 activities, 3 scores"
    );
}
