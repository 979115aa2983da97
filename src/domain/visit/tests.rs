//! Unit tests for the visit summary's figures, on small hand-made logs.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveTime, Utc};

use super::*;
use crate::domain::checklist::Answer;
use crate::domain::days_off::Reason;
use crate::domain::experiment::ExperimentKind;
use crate::domain::experiment::compare::Verdict;
use crate::domain::pain::{Rating, RedFlags};
use crate::domain::session::SessionKind;
use crate::domain::trend::BaselineSource;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn noon(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_utc()
}

fn checkin(date: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date,
        recorded_at: noon(date),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: RedFlags::default(),
        note: String::new(),
    }
}

/// A check-in every day from `first` to `last`, pain from `pain(i)`.
fn daily(first: NaiveDate, last: NaiveDate, pain: impl Fn(usize) -> i64) -> Vec<CheckIn> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .enumerate()
        .map(|(i, d)| checkin(d, pain(i)))
        .collect()
}

fn records(checkins: Vec<CheckIn>) -> VisitRecords {
    VisitRecords {
        first_record: checkins.first().map(|c| c.date),
        checkins,
        ..VisitRecords::default()
    }
}

const TODAY: (i32, u32, u32) = (2026, 6, 30);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

#[test]
fn periods_refuse_what_cannot_be_summed_up() {
    let today = today();
    assert_eq!(Period::last_weeks(0, today), Err(PeriodError::Weeks(0)));
    assert_eq!(Period::last_weeks(53, today), Err(PeriodError::Weeks(53)));
    let twelve = Period::last_weeks(12, today).unwrap();
    assert_eq!(
        (twelve.from, twelve.to, twelve.days()),
        (day(2026, 4, 8), today, 84)
    );
    assert!(matches!(
        Period::between(day(2026, 6, 2), day(2026, 6, 1), today),
        Err(PeriodError::Backwards { .. })
    ));
    assert!(matches!(
        Period::between(day(2026, 7, 1), day(2026, 7, 9), today),
        Err(PeriodError::Future { .. })
    ));
    assert!(matches!(
        Period::between(day(2026, 6, 1), day(2026, 7, 1), today),
        Err(PeriodError::EndsAfterToday { .. })
    ));
    assert_eq!(
        Period::between(day(2025, 6, 30), today, today),
        Err(PeriodError::TooLong { days: 366 })
    );
    assert!(Period::between(day(2025, 7, 2), today, today).is_ok());
}

#[test]
fn a_period_reaching_back_before_the_first_record_starts_there() {
    let first = day(2026, 6, 1);
    let log = records(daily(first, today(), |i| 6 - (i % 3) as i64));
    let asked = Period::last_weeks(12, today()).unwrap();
    let summary = VisitSummary::compute(asked, &log, today()).unwrap();
    assert!(summary.shortened());
    assert_eq!(summary.asked, asked);
    assert_eq!(
        summary.period,
        Period {
            from: first,
            to: today()
        }
    );
    assert_eq!(
        summary.adherence.asked, 30,
        "days asked count from the first record"
    );
    assert_eq!(summary.adherence.done, 30);

    let within = Period::between(day(2026, 6, 10), today(), today()).unwrap();
    let summary = VisitSummary::compute(within, &log, today()).unwrap();
    assert!(!summary.shortened());
    assert_eq!(summary.period, within);
}

#[test]
fn a_period_without_check_ins_is_refused() {
    let log = records(daily(day(2026, 6, 1), day(2026, 6, 10), |_| 5));
    let before = Period::between(day(2026, 3, 1), day(2026, 5, 1), today()).unwrap();
    assert!(matches!(
        VisitSummary::compute(before, &log, today()),
        Err(PeriodError::NoCheckIns { .. })
    ));
    let after = Period::between(day(2026, 6, 20), today(), today()).unwrap();
    assert!(matches!(
        VisitSummary::compute(after, &log, today()),
        Err(PeriodError::NoCheckIns { .. })
    ));
    assert!(VisitSummary::compute(after, &VisitRecords::default(), today()).is_err());
}

#[test]
fn sections_without_data_are_left_out() {
    let log = records(daily(day(2026, 5, 1), today(), |_| 5));
    let period = Period::last_weeks(4, today()).unwrap();
    let summary = VisitSummary::compute(period, &log, today()).unwrap();
    assert!(summary.warnings.is_empty());
    assert_eq!(summary.sessions, None);
    assert_eq!(summary.checklist, None);
    assert!(summary.experiments.is_empty());
    assert_eq!(summary.function, None);
    assert!(summary.notes.is_empty());
    assert_eq!(summary.flare_up_count(), 0);
    assert!(summary.chart.experiments.is_empty() && summary.chart.days_off.is_empty());
    assert_eq!(summary.pain.latest, (today(), 5.0));
    assert_eq!(summary.pain.change.map(|c| c.whole_percent()), Some(0));
}

/// Two months of pain falling from 6 to 3, with every kind of record.
fn full_log() -> VisitRecords {
    let first = day(2026, 5, 1);
    let mut checkins = daily(first, today(), |i| if i < 30 { 6 } else { 3 });
    checkins[40].red_flags.fever = true;
    checkins[45].red_flags.fever = true;
    checkins[45].red_flags.arm_symptoms = true;
    for (i, c) in checkins.iter_mut().enumerate().skip(50) {
        c.note = format!("note {i}\n  with   a break");
    }
    let mut log = records(checkins);
    log.user_baseline = None;
    log.sessions = [
        (day(2026, 6, 1), SessionKind::Strength),
        (day(2026, 6, 3), SessionKind::Strength),
    ]
    .into_iter()
    .chain([
        (day(2026, 6, 5), SessionKind::Strength),
        (day(2026, 6, 9), SessionKind::Stretch),
    ])
    .chain([(day(2026, 6, 10), SessionKind::Heat)])
    .map(|(d, kind)| Session::new(kind, noon(d), d, 12 * 60))
    .collect();
    log.flare_ups = vec![FlareUp {
        at: noon(day(2026, 6, 12)),
        date: day(2026, 6, 12),
        pain: Rating::new(8, "pain").unwrap(),
        set_off_by: String::new(),
        helped: String::new(),
    }];
    log.days_off = vec![DaysOff {
        first: day(2026, 6, 20),
        last: day(2026, 6, 22),
        reason: Reason::Holiday,
        created_at: noon(day(2026, 6, 1)),
    }];
    log.experiments = vec![Experiment {
        name: "Chin tucks".into(),
        kind: ExperimentKind::Exercise,
        start: day(2026, 5, 31),
        planned_days: 14,
        stopped_on: None,
        created_at: noon(day(2026, 5, 31)),
    }];
    log.checklist_history = vec![
        ChecklistAnswer {
            item: "monitor_eye_level".into(),
            answer: Answer::NotYet,
            answered_on: day(2026, 5, 2),
        },
        ChecklistAnswer {
            item: "monitor_eye_level".into(),
            answer: Answer::Yes,
            answered_on: day(2026, 6, 15),
        },
    ];
    log
}

#[test]
fn every_section_is_filled_from_its_records() {
    let log = full_log();
    let period = Period::last_weeks(4, today()).unwrap();
    let s = VisitSummary::compute(period, &log, today()).unwrap();
    assert_eq!(
        s.period,
        Period {
            from: day(2026, 6, 3),
            to: today()
        }
    );
    assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
    assert_eq!(
        s.warnings[0].dates,
        vec![day(2026, 6, 15)],
        "arm symptoms first"
    );
    assert_eq!(
        s.warnings[1].dates,
        vec![day(2026, 6, 10), day(2026, 6, 15)]
    );
    assert_eq!(s.adherence.days_off, 3);
    assert_eq!((s.adherence.done, s.adherence.asked), (25, 25));
    assert_eq!(s.pain.baseline.source, BaselineSource::FirstCheckIns(7));
    assert_eq!(s.pain.baseline.value, 6.0);
    assert_eq!(s.pain.latest.1, 3.0);
    let change = s.pain.change.unwrap();
    assert_eq!(
        (change.whole_percent(), change.improvement),
        (50, Improvement::Substantial)
    );
    assert_eq!(s.chart.points.len(), 28);
    assert_eq!(s.chart.mean.len(), 28);
    assert_eq!(s.chart.flare_ups, vec![(day(2026, 6, 12), 8)]);
    assert_eq!(
        s.chart.days_off,
        vec![Band {
            from: day(2026, 6, 20),
            to: day(2026, 6, 22)
        }]
    );
    assert_eq!(
        s.chart.experiments,
        vec![Band {
            from: day(2026, 6, 3),
            to: day(2026, 6, 13)
        }]
    );
    let sessions = s.sessions.unwrap();
    assert_eq!(
        (sessions.strength, sessions.stretch, sessions.heat),
        (2, 1, 1)
    );
    assert_eq!(sessions.full_weeks.len(), 3, "8, 15 and 22 June");
    assert_eq!(sessions.full_weeks[2].days_off, 1, "the 22nd is a Monday");
    let checklist = s.checklist.unwrap();
    assert_eq!(checklist.changes.len(), 1);
    assert_eq!(checklist.changes[0].previous, Some(Answer::NotYet));
    assert_eq!(checklist.score.met, 1);
    assert_eq!(s.experiments.len(), 1);
    assert!(matches!(
        s.experiments[0].result.verdict,
        Verdict::Lower { .. }
    ));
    assert_eq!(s.notes.len(), MAX_NOTES);
    assert_eq!(s.notes[0].date, today());
    assert_eq!(s.notes[0].text, "note 60 with a break");
}

#[test]
fn the_summary_of_a_slice_equals_that_of_the_whole_history() {
    let log = full_log();
    let period = Period::last_weeks(2, today()).unwrap();
    let whole = VisitSummary::compute(period, &log, today()).unwrap();
    let first = reach_back(period, &log.experiments);
    let mut slice = log.clone();
    slice.first_checkins = log.checkins[..7].to_vec();
    slice.checkins.retain(|c| c.date >= first);
    slice.sessions.retain(|s| s.date >= first);
    assert!(slice.checkins.len() < log.checkins.len());
    assert_eq!(
        VisitSummary::compute(period, &slice, today()).unwrap(),
        whole
    );
}

#[test]
fn a_set_baseline_counts_as_on_progress() {
    let mut log = full_log();
    log.user_baseline = Some(4.0);
    let period = Period::last_weeks(1, today()).unwrap();
    let s = VisitSummary::compute(period, &log, today()).unwrap();
    assert_eq!(s.pain.baseline.source, BaselineSource::UserSet);
    let change = s.pain.change.unwrap();
    assert_eq!(
        (change.whole_percent(), change.improvement),
        (25, Improvement::BelowThreshold)
    );
}

#[test]
fn beyond_twelve_weeks_the_chart_shows_weekly_means() {
    let first = day(2025, 12, 1);
    let log = records(daily(first, today(), |i| (i % 7) as i64));
    let period = Period::last_weeks(20, today()).unwrap();
    let s = VisitSummary::compute(period, &log, today()).unwrap();
    assert!(s.chart.weekly);
    assert!(s.chart.mean.is_empty());
    assert_eq!(
        s.chart.points.len(),
        21,
        "20 weeks over 21 Monday-to-Sunday weeks"
    );
    assert!(s.chart.points.iter().all(|p| period.contains(p.0)));
    assert!(s.chart.points[1..20].iter().all(|p| p.1 == 3.0));
}

#[test]
fn what_set_off_a_flare_up_or_helped_is_among_the_notes() {
    let mut log = full_log();
    let flare = |date, set_off_by: &str, helped: &str| FlareUp {
        at: noon(date),
        date,
        pain: Rating::new(7, "pain").unwrap(),
        set_off_by: set_off_by.into(),
        helped: helped.into(),
    };
    log.flare_ups.extend([
        flare(day(2026, 6, 20), "", "a walk!"),
        flare(today(), "lifting a box\nat work", ""),
        // Before the period: not on the page.
        flare(day(2026, 5, 2), "moving house", "rest"),
    ]);
    log.flare_ups.sort_by_key(|f| f.date);
    let period = Period::last_weeks(4, today()).unwrap();
    let s = VisitSummary::compute(period, &log, today()).unwrap();
    let notes: Vec<(NaiveDate, &str)> = s.notes.iter().map(|n| (n.date, n.text.as_str())).collect();
    assert_eq!(
        notes,
        [
            (
                today(),
                "Flare-up, pain 7. Set off by: lifting a box at work."
            ),
            (today(), "note 60 with a break"),
            (day(2026, 6, 29), "note 59 with a break"),
            (day(2026, 6, 28), "note 58 with a break"),
            (day(2026, 6, 27), "note 57 with a break"),
        ]
    );
    // On a day with both, the flare-up comes first.
    let earlier = Period::between(day(2026, 6, 15), day(2026, 6, 21), today()).unwrap();
    let s = VisitSummary::compute(earlier, &log, today()).unwrap();
    let texts: Vec<&str> = s.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "note 51 with a break",
            "Flare-up, pain 7. Helped: a walk!",
            "note 50 with a break"
        ]
    );
}

#[test]
fn notes_are_shortened_at_a_word() {
    assert_eq!(shorten("short", 10), "short");
    let long = "one two three four five six";
    assert_eq!(shorten(long, 12), "one two…");
    assert!(shorten(long, 12).chars().count() <= 12);
    assert_eq!(shorten("abcdefghijklmnop", 6), "abcde…");
}
