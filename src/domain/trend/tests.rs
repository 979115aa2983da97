//! Unit tests for `trend`, on hand-computed cases.

use std::collections::BTreeSet;

use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};

use super::*;
use crate::domain::advice::AdviceRule;
use crate::domain::pain::RedFlags;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at_noon(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_utc()
}

fn checkin(date: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date,
        recorded_at: at_noon(date),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: RedFlags::default(),
        note: String::new(),
    }
}

fn session(kind: SessionKind, date: NaiveDate, minutes: u32) -> Session {
    Session::new(kind, at_noon(date), date, minutes * 60)
}

/// Check-ins in March 2026 on each (day of month, pain).
fn march(points: &[(u32, i64)]) -> Vec<CheckIn> {
    points
        .iter()
        .map(|&(d, p)| checkin(day(2026, 3, d), p))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn assert_points(actual: &[DayValue], expected: &[(NaiveDate, f64)]) {
    assert_eq!(actual.len(), expected.len(), "{actual:?}");
    for (a, e) in actual.iter().zip(expected) {
        assert!(a.0 == e.0 && close(a.1, e.1), "{a:?} != {e:?}");
    }
}

#[test]
fn daily_pain_is_sorted_with_one_point_per_date() {
    let mut log = march(&[(3, 6), (1, 2), (2, 4)]);
    let mut resaved = checkin(day(2026, 3, 2), 7);
    resaved.recorded_at += Duration::hours(2);
    log.insert(0, resaved); // saved later, listed first
    let daily = daily_pain(&log);
    assert_points(
        &daily,
        &[
            (day(2026, 3, 1), 2.0),
            (day(2026, 3, 2), 7.0),
            (day(2026, 3, 3), 6.0),
        ],
    );
    assert!(daily_pain(&[]).is_empty());
}

#[test]
fn rolling_mean_covers_seven_calendar_days_and_bridges_short_gaps() {
    // 1st: 2; 2nd: 4; 3rd: 6; nothing 4th-8th; 9th: 8; 10th: 4.
    let daily = daily_pain(&march(&[(1, 2), (2, 4), (3, 6), (9, 8), (10, 4)]));
    let rolling = rolling_mean(&daily);
    assert_points(
        &rolling,
        &[
            (day(2026, 3, 1), 2.0),
            (day(2026, 3, 2), 3.0), // (2 + 4) / 2
            (day(2026, 3, 3), 4.0), // (2 + 4 + 6) / 3
            // The missed days carry the mean of the days in their window.
            (day(2026, 3, 4), 4.0),
            (day(2026, 3, 5), 4.0),
            (day(2026, 3, 6), 4.0),
            (day(2026, 3, 7), 4.0),
            (day(2026, 3, 8), 5.0),  // window 2nd-8th: (4 + 6) / 2
            (day(2026, 3, 9), 7.0),  // window 3rd-9th: (6 + 8) / 2
            (day(2026, 3, 10), 6.0), // window 4th-10th: (8 + 4) / 2
        ],
    );
}

#[test]
fn rolling_mean_breaks_only_where_a_week_is_empty() {
    // The 1st, then nothing until the 10th: the 8th and 9th have an empty window.
    let daily = daily_pain(&march(&[(1, 6), (10, 2)]));
    let rolling = rolling_mean(&daily);
    let dates: Vec<u32> = rolling.iter().map(|p| p.0.day()).collect();
    assert_eq!(dates, [1, 2, 3, 4, 5, 6, 7, 10]);
    assert_eq!(contiguous_runs(&rolling).len(), 2);
    assert!(rolling_mean(&[]).is_empty());
}

#[test]
fn rolling_window_includes_day_minus_six_but_not_minus_seven() {
    let daily = daily_pain(&march(&[(1, 9), (7, 3), (8, 6)]));
    let rolling = rolling_mean(&daily);
    // 2nd-6th hold only the 9 of the 1st. 7th: 1st-7th holds 9 and 3.
    // 8th: 2nd-8th holds 3 and 6.
    assert_points(
        &rolling,
        &[
            (day(2026, 3, 1), 9.0),
            (day(2026, 3, 2), 9.0),
            (day(2026, 3, 3), 9.0),
            (day(2026, 3, 4), 9.0),
            (day(2026, 3, 5), 9.0),
            (day(2026, 3, 6), 9.0),
            (day(2026, 3, 7), 6.0),
            (day(2026, 3, 8), 4.5),
        ],
    );
}

#[test]
fn contiguous_runs_split_at_missing_days() {
    let daily = daily_pain(&march(&[(1, 2), (2, 4), (5, 6), (6, 1), (7, 1), (9, 3)]));
    let lengths: Vec<usize> = contiguous_runs(&daily).iter().map(|r| r.len()).collect();
    assert_eq!(lengths, vec![2, 3, 1]);
    assert!(contiguous_runs(&[]).is_empty());
}

#[test]
fn baseline_is_mean_of_first_seven_checkins() {
    let daily = daily_pain(&march(&[
        (1, 6),
        (2, 8),
        (3, 7),
        (4, 5),
        (5, 6),
        (6, 7),
        (8, 4),
        (9, 0),
    ]));
    // First 7 points: 6 + 8 + 7 + 5 + 6 + 7 + 4 = 43.
    let b = baseline(&daily, None).unwrap();
    assert!(close(b.value, 43.0 / 7.0));
    assert_eq!(b.source, BaselineSource::FirstCheckIns(7));
    let few = daily_pain(&march(&[(1, 6), (2, 3)]));
    let b = baseline(&few, None).unwrap();
    assert!(close(b.value, 4.5));
    assert_eq!(b.source, BaselineSource::FirstCheckIns(2));
    assert_eq!(baseline(&[], None), None);
}

#[test]
fn user_baseline_wins_when_it_is_on_the_scale() {
    let daily = daily_pain(&march(&[(1, 6)]));
    let user = baseline(&daily, Some(7.5)).unwrap();
    assert_eq!((user.value, user.source), (7.5, BaselineSource::UserSet));
    assert_eq!(
        baseline(&[], Some(0.0)).unwrap().source,
        BaselineSource::UserSet
    );
    for bad in [-1.0, 10.5, f64::NAN, f64::INFINITY] {
        let b = baseline(&daily, Some(bad)).unwrap();
        assert_eq!(b.source, BaselineSource::FirstCheckIns(1), "{bad}");
    }
}

#[test]
fn percent_change_against_baseline() {
    assert!(close(percent_change(3.0, 6.0).unwrap(), -50.0));
    assert!(close(percent_change(4.2, 6.0).unwrap(), -30.0));
    assert!(close(percent_change(7.5, 6.0).unwrap(), 25.0));
    assert!(close(percent_change(0.0, 4.0).unwrap(), -100.0));
    assert_eq!(percent_change(3.0, 0.0), None);
    assert_eq!(percent_change(f64::NAN, 5.0), None);
}

#[test]
fn improvement_levels_follow_immpact() {
    assert_eq!(MODERATE_IMPROVEMENT_PCT, -30.0);
    assert_eq!(SUBSTANTIAL_IMPROVEMENT_PCT, -50.0);
    let level = Improvement::from_percent_change;
    assert_eq!(level(-60.0), Improvement::Substantial);
    assert_eq!(level(-50.0), Improvement::Substantial);
    assert_eq!(level(-49.9), Improvement::Moderate);
    assert_eq!(level(-30.0), Improvement::Moderate);
    assert_eq!(level(-29.9), Improvement::BelowThreshold);
    assert_eq!(level(10.0), Improvement::BelowThreshold);
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_start(day(2026, 3, 16)), day(2026, 3, 16)); // Monday
    assert_eq!(week_start(day(2026, 3, 22)), day(2026, 3, 16)); // Sunday
    assert_eq!(week_start(day(2026, 1, 1)), day(2025, 12, 29)); // Thursday
    assert_eq!(week_start(day(2024, 3, 1)), day(2024, 2, 26)); // leap year
}

#[test]
fn weekly_counts_across_a_dst_change() {
    // Europe moved clocks forward on Sunday 29 March 2026 at 01:00 UTC. A
    // session late on Sunday local time (22:30 UTC, 00:30 on Monday in
    // Helsinki) belongs to the date it was given: Sunday.
    let sunday = day(2026, 3, 29);
    let mut late = session(SessionKind::Stretch, sunday, 10);
    late.started_at = sunday.and_hms_opt(22, 30, 0).unwrap().and_utc();
    let sessions = vec![
        session(SessionKind::Stretch, day(2026, 3, 28), 10),
        late,
        session(SessionKind::Heat, sunday, 20),
        session(SessionKind::Stretch, day(2026, 3, 30), 10),
        session(SessionKind::Strength, day(2026, 3, 30), 12),
        session(SessionKind::Strength, day(2026, 4, 1), 15),
        session(SessionKind::Massage, day(2026, 4, 5), 5),
    ];
    let weeks = weekly_counts(
        &sessions,
        &BTreeSet::new(),
        day(2026, 3, 25),
        day(2026, 4, 5),
    );
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].week_start, day(2026, 3, 23));
    assert_eq!(
        (weeks[0].stretch, weeks[0].heat, weeks[0].strength),
        (2, 1, 0)
    );
    assert_eq!(weeks[1].week_start, day(2026, 3, 30));
    assert_eq!(
        (weeks[1].stretch, weeks[1].strength, weeks[1].massage),
        (1, 2, 1)
    );
    assert_eq!(weeks[1].strength_secs, 27 * 60);
    assert!(close(weeks[1].strength_minutes(), 27.0));
    assert_eq!(weeks[1].count(SessionKind::Heat), 0);
}

#[test]
fn weekly_counts_across_a_year_boundary_with_empty_weeks() {
    let sessions = vec![
        session(SessionKind::Strength, day(2025, 12, 28), 10), // Sunday, week of 22 Dec
        session(SessionKind::Stretch, day(2025, 12, 31), 5),
        session(SessionKind::Stretch, day(2026, 1, 1), 5),
        session(SessionKind::Heat, day(2026, 1, 4), 15), // Sunday, same week
        session(SessionKind::Strength, day(2026, 1, 19), 14),
        session(SessionKind::Stretch, day(2026, 1, 22), 5), // after `to`
    ];
    let weeks = weekly_counts(
        &sessions,
        &BTreeSet::new(),
        day(2025, 12, 24),
        day(2026, 1, 21),
    );
    let starts: Vec<NaiveDate> = weeks.iter().map(|w| w.week_start).collect();
    assert_eq!(
        starts,
        vec![
            day(2025, 12, 22),
            day(2025, 12, 29),
            day(2026, 1, 5),
            day(2026, 1, 12),
            day(2026, 1, 19)
        ]
    );
    assert_eq!(weeks[0].strength_secs, 600);
    assert_eq!((weeks[1].stretch, weeks[1].heat), (2, 1));
    assert_eq!(weeks[2], WeekCounts::empty(day(2026, 1, 5)));
    assert_eq!(weeks[3], WeekCounts::empty(day(2026, 1, 12)));
    assert_eq!((weeks[4].strength, weeks[4].stretch), (1, 0));
    assert!(
        weekly_counts(
            &sessions,
            &BTreeSet::new(),
            day(2026, 2, 1),
            day(2026, 1, 1)
        )
        .is_empty()
    );
}

#[test]
fn weekly_counts_take_the_whole_first_week() {
    // The range starts on Wednesday the 18th; Monday the 16th still counts.
    let sessions = vec![
        session(SessionKind::Stretch, day(2026, 3, 15), 5), // week before
        session(SessionKind::Stretch, day(2026, 3, 16), 5),
    ];
    let weeks = weekly_counts(
        &sessions,
        &BTreeSet::new(),
        day(2026, 3, 18),
        day(2026, 3, 18),
    );
    assert_eq!(weeks.len(), 1);
    assert_eq!(weeks[0].stretch, 1);
}

#[test]
fn current_streak_survives_until_the_day_after() {
    let days = [day(2026, 3, 10), day(2026, 3, 11), day(2026, 3, 12)];
    let ends = |today| streak(&days, &BTreeSet::new(), today);
    assert_eq!(
        ends(day(2026, 3, 12)),
        Streak {
            current: 3,
            longest: 3
        }
    );
    assert_eq!(
        ends(day(2026, 3, 13)),
        Streak {
            current: 3,
            longest: 3
        }
    );
    assert_eq!(
        ends(day(2026, 3, 14)),
        Streak {
            current: 0,
            longest: 3
        }
    );
}

#[test]
fn longest_streak_with_repeats_unsorted_and_future_days() {
    let days = [
        day(2026, 3, 5),
        day(2026, 3, 1),
        day(2026, 3, 2),
        day(2026, 3, 2),
        day(2026, 3, 3),
        day(2026, 3, 4),
        day(2026, 3, 8),
        day(2026, 3, 9),
        day(2026, 3, 10), // after today: ignored
    ];
    assert_eq!(
        streak(&days, &BTreeSet::new(), day(2026, 3, 9)),
        Streak {
            current: 2,
            longest: 5
        }
    );
    assert_eq!(
        streak(&[], &BTreeSet::new(), day(2026, 3, 9)),
        Streak::default()
    );
    // Across a year boundary.
    let new_year = [day(2025, 12, 30), day(2025, 12, 31), day(2026, 1, 1)];
    assert_eq!(
        streak(&new_year, &BTreeSet::new(), day(2026, 1, 1)).current,
        3
    );
}

#[test]
fn routine_streak_leaves_out_heat() {
    let checkins = march(&[(1, 3), (2, 3), (3, 3)]);
    let sessions = vec![
        session(SessionKind::Stretch, day(2026, 3, 1), 5),
        session(SessionKind::Heat, day(2026, 3, 2), 15),
        session(SessionKind::Massage, day(2026, 3, 3), 5),
        session(SessionKind::Strength, day(2026, 3, 4), 10),
    ];
    let s = streaks(&checkins, &sessions, &BTreeSet::new(), day(2026, 3, 4));
    assert_eq!(
        s.check_in,
        Streak {
            current: 3,
            longest: 3
        }
    );
    assert_eq!(
        s.routine,
        Streak {
            current: 2,
            longest: 2
        }
    );
}

#[test]
fn heatmap_has_every_day_of_the_range() {
    let checkins = march(&[(1, 9), (2, 4), (4, 2)]);
    let sessions = vec![
        session(SessionKind::Stretch, day(2026, 3, 2), 5),
        session(SessionKind::Strength, day(2026, 3, 2), 10),
        session(SessionKind::Heat, day(2026, 3, 2), 15),
        session(SessionKind::Heat, day(2026, 3, 3), 15),
        session(SessionKind::Massage, day(2026, 3, 5), 5),
    ];
    let map = heatmap(&checkins, &sessions, day(2026, 3, 2), day(2026, 3, 5));
    let pains: Vec<Option<u8>> = map.iter().map(|d| d.pain.map(Rating::get)).collect();
    let routines: Vec<u32> = map.iter().map(|d| d.routine_sessions).collect();
    let has: Vec<bool> = map.iter().map(HeatmapDay::has_check_in).collect();
    assert_eq!(map[0].date, day(2026, 3, 2));
    assert_eq!(map[3].date, day(2026, 3, 5));
    assert_eq!(pains, vec![Some(4), None, Some(2), None]);
    assert_eq!(routines, vec![2, 0, 0, 1]);
    assert_eq!(has, vec![true, false, true, false]);
    assert!(heatmap(&checkins, &sessions, day(2026, 3, 5), day(2026, 3, 2)).is_empty());
}

#[test]
fn insight_waits_for_seven_days_on_each_side() {
    // Routines on the 1st-8th; check-ins on the 2nd-9th (8 days after a routine)
    // and on the 11th-15th (5 days after none; the 10th has no check-in).
    let sessions: Vec<Session> = (1..=8)
        .map(|d| session(SessionKind::Stretch, day(2026, 3, d), 5))
        .collect();
    let mut checkins = march(&(2..=9).map(|d| (d, 3)).collect::<Vec<_>>());
    checkins.extend(march(&(11..=15).map(|d| (d, 5)).collect::<Vec<_>>()));
    let insight = next_day_insight(&checkins, &sessions);
    assert_eq!(
        insight,
        Insight::NeedMoreDays {
            after_routine_days: 8,
            after_none_days: 5
        }
    );
    assert_eq!(insight.more_days_needed(), (0, 2));
}

#[test]
fn insight_compares_mean_next_day_pain() {
    // Routine (stretch) on the 1st-7th and heat only on the 10th-16th. Check-ins
    // on the 2nd-8th after a routine: 3,3,3,3,2,2,2 = 18 / 7. On the 11th-17th
    // after none (heat is not a routine): 4 x 7 + 5 = 33 / 8 with the 10th.
    let mut sessions: Vec<Session> = (1..=7)
        .map(|d| session(SessionKind::Stretch, day(2026, 3, d), 5))
        .collect();
    sessions.extend((10..=16).map(|d| session(SessionKind::Heat, day(2026, 3, d), 15)));
    let after_routine = [(2, 3), (3, 3), (4, 3), (5, 3), (6, 2), (7, 2), (8, 2)];
    let mut checkins = march(&after_routine);
    checkins.extend(march(&[
        (10, 5),
        (11, 4),
        (12, 4),
        (13, 4),
        (14, 4),
        (15, 4),
        (16, 4),
        (17, 4),
    ]));
    let Insight::Ready(cmp) = next_day_insight(&checkins, &sessions) else {
        panic!("expected a comparison");
    };
    assert_eq!((cmp.after_routine_days, cmp.after_none_days), (7, 8));
    assert!(close(cmp.after_routine_mean, 18.0 / 7.0));
    assert!(close(cmp.after_none_mean, 33.0 / 8.0));
    assert_eq!(
        cmp.observation(),
        "On the 7 days after a day with a routine, your pain averaged 2.6; \
         on the 8 days after a day without one, it averaged 4.1."
    );
    assert_eq!(Insight::Ready(cmp).more_days_needed(), (0, 0));
}

#[test]
fn observation_says_one_day_not_one_days() {
    let cmp = NextDayComparison {
        after_routine_days: 1,
        after_routine_mean: 3.0,
        after_none_days: 2,
        after_none_mean: 4.0,
    };
    assert!(cmp.observation().starts_with("On the 1 day after"));
}

#[test]
fn range_starts_whole_weeks_before_today() {
    let today = day(2026, 3, 20);
    assert_eq!(ProgressRange::Weeks4.start(today), Some(day(2026, 2, 21)));
    assert_eq!(ProgressRange::Weeks12.start(today), Some(day(2025, 12, 27)));
    assert_eq!(ProgressRange::All.start(today), None);
    assert_eq!(ProgressRange::default(), ProgressRange::Weeks12);
    assert!(ProgressRange::ALL.iter().all(|r| !r.label().is_empty()));
}

#[test]
fn compute_filters_to_the_range_but_remembers_history() {
    let today = day(2026, 3, 20);
    // Weeks4 starts on 21 February. Check-ins on 15-21 Feb and 19-20 Mar.
    let mut checkins: Vec<CheckIn> = (15..=21).map(|d| checkin(day(2026, 2, d), 8)).collect();
    checkins.extend(march(&[(19, 4), (20, 2)]));
    checkins.push(checkin(day(2026, 3, 21), 9)); // tomorrow: left out
    let sessions = vec![
        session(SessionKind::Stretch, day(2026, 2, 16), 5), // the Monday before the range
        session(SessionKind::Stretch, day(2026, 3, 19), 5),
        session(SessionKind::Stretch, day(2026, 3, 22), 5), // future: left out
    ];
    let data = ProgressData::compute(
        &checkins,
        &sessions,
        today,
        &BTreeSet::new(),
        ProgressRange::Weeks4,
        None,
    );
    assert_eq!((data.from, data.to), (day(2026, 2, 21), today));
    assert_points(
        &data.pain,
        &[
            (day(2026, 2, 21), 8.0),
            (day(2026, 3, 19), 4.0),
            (day(2026, 3, 20), 2.0),
        ],
    );
    // 21 Feb's window reaches back to the 15th: all 8s, and the 8s of the
    // 21st carry the line to the 27th; from the 28th the window is empty.
    let eights = (21..=27).map(|d| (day(2026, 2, d), 8.0));
    let expected: Vec<(NaiveDate, f64)> = eights
        .chain([(day(2026, 3, 19), 4.0), (day(2026, 3, 20), 3.0)])
        .collect();
    assert_points(&data.rolling_mean, &expected);
    let b = data.baseline.unwrap();
    assert_eq!((b.value, b.source), (8.0, BaselineSource::FirstCheckIns(7)));
    assert_points(
        &data.percent_change,
        &(21..=27)
            .map(|d| (day(2026, 2, d), 0.0))
            .chain([(day(2026, 3, 19), -50.0), (day(2026, 3, 20), -62.5)])
            .collect::<Vec<_>>(),
    );
    let (date, pct, level) = data.latest_change().unwrap();
    assert_eq!((date, level), (today, Improvement::Substantial));
    assert!(close(pct, -62.5));
    // Weeks from Monday 16 Feb to Monday 16 Mar.
    assert_eq!(data.weeks.len(), 5);
    assert_eq!(data.weeks[0].week_start, day(2026, 2, 16));
    assert_eq!(data.weeks[0].stretch, 1);
    assert_eq!(data.weeks[4].stretch, 1);
    assert_eq!(data.heatmap.len(), 28);
    assert_eq!(data.heatmap[27].pain.map(Rating::get), Some(2));
    assert_eq!(
        data.streaks.check_in,
        Streak {
            current: 2,
            longest: 7
        }
    );
    assert_eq!(
        data.streaks.routine,
        Streak {
            current: 1,
            longest: 1
        }
    );
    assert!(data.advice.is_empty());
}

#[test]
fn compute_all_time_starts_at_the_first_record() {
    let today = day(2026, 3, 20);
    let checkins = march(&[(10, 5), (11, 5), (12, 5)]);
    let sessions = vec![session(SessionKind::Heat, day(2026, 3, 5), 15)];
    let data = ProgressData::compute(
        &checkins,
        &sessions,
        today,
        &BTreeSet::new(),
        ProgressRange::All,
        Some(10.0),
    );
    assert_eq!(data.from, day(2026, 3, 5));
    assert_eq!(data.heatmap.len(), 16);
    assert_eq!(data.baseline.unwrap().source, BaselineSource::UserSet);
    assert_points(
        &data.percent_change,
        &[
            (day(2026, 3, 10), -50.0),
            (day(2026, 3, 11), -50.0),
            (day(2026, 3, 12), -50.0),
        ],
    );
    assert_eq!(data.streaks.check_in.current, 0);

    let empty = ProgressData::compute(&[], &[], today, &BTreeSet::new(), ProgressRange::All, None);
    assert_eq!(
        (empty.from, empty.heatmap.len(), empty.weeks.len()),
        (today, 1, 1)
    );
    assert_eq!(empty.baseline, None);
    assert!(empty.percent_change.is_empty() && empty.latest_change().is_none());
    assert_eq!(empty.insight.more_days_needed(), (7, 7));
    assert_eq!(empty.adherence, CheckInAdherence::default());
}

#[test]
fn adherence_counts_from_the_first_record_not_from_before_it() {
    let today = day(2026, 3, 20);
    // In use for six days: a session on the 15th, check-ins on two days.
    let checkins = march(&[(16, 4), (19, 3)]);
    let sessions = [session(SessionKind::Stretch, day(2026, 3, 15), 5)];
    let twelve_weeks = ProgressData::compute(
        &checkins,
        &sessions,
        today,
        &BTreeSet::new(),
        ProgressRange::Weeks12,
        None,
    );
    assert_eq!(
        twelve_weeks.adherence,
        CheckInAdherence {
            done: 2,
            asked: 6,
            days_off: 0
        }
    );
    // A range shorter than the use counts from its own start.
    let mut long_ago = vec![checkin(day(2026, 2, 1), 5)];
    long_ago.extend(march(&[(16, 4), (19, 3)]));
    let four_weeks = ProgressData::compute(
        &long_ago,
        &[],
        today,
        &BTreeSet::new(),
        ProgressRange::Weeks4,
        None,
    );
    assert_eq!(four_weeks.adherence.asked, 28);
}

#[test]
fn compute_passes_advice_through() {
    let today = day(2026, 3, 20);
    let checkins = march(&[(18, 9), (19, 8), (20, 8)]);
    let data = ProgressData::compute(
        &checkins,
        &[],
        today,
        &BTreeSet::new(),
        ProgressRange::Weeks4,
        None,
    );
    let rules: Vec<AdviceRule> = data.advice.iter().map(|a| a.rule).collect();
    assert_eq!(rules, vec![AdviceRule::SeverePain]);
}

#[test]
fn ten_years_of_history_is_quick() {
    let today = day(2026, 3, 20);
    let first = day(2016, 3, 23);
    let days: Vec<NaiveDate> = first.iter_days().take(3650).collect();
    let checkins: Vec<CheckIn> = days
        .iter()
        .enumerate()
        .map(|(i, &d)| checkin(d, i64::try_from(i % 11).unwrap()))
        .collect();
    let kinds = SessionKind::ALL;
    let sessions: Vec<Session> = (0..5000)
        .map(|i| session(kinds[i % 4], days[(i * 7) % days.len()], 10))
        .collect();
    let started = Instant::now();
    let data = ProgressData::compute(
        &checkins,
        &sessions,
        today,
        &BTreeSet::new(),
        ProgressRange::All,
        None,
    );
    let elapsed = started.elapsed();
    assert_eq!(data.pain.len(), 3650);
    assert_eq!(data.heatmap.len(), 3650);
    assert_eq!(data.weeks.len(), 522);
    let total: u32 = data
        .weeks
        .iter()
        .map(|w| w.stretch + w.strength + w.heat + w.massage)
        .sum();
    assert_eq!(total, 5000);
    // Generous, to stay steady on a slow machine in a debug build.
    assert!(elapsed.as_secs_f64() < 2.0, "{elapsed:?}");
}

#[test]
fn days_off_hold_a_streak_without_adding_to_it_and_lower_the_week_target() {
    // Check-ins on the 2nd, 3rd, 7th and 8th; the 4th to 6th are days off.
    let days = [
        day(2026, 3, 2),
        day(2026, 3, 3),
        day(2026, 3, 7),
        day(2026, 3, 8),
    ];
    let off: BTreeSet<NaiveDate> = [day(2026, 3, 4), day(2026, 3, 5), day(2026, 3, 6)].into();
    let held = streak(&days, &off, day(2026, 3, 8));
    assert_eq!(
        held,
        Streak {
            current: 4,
            longest: 4
        }
    );
    let broken = streak(&days, &BTreeSet::new(), day(2026, 3, 8));
    assert_eq!(
        broken,
        Streak {
            current: 2,
            longest: 2
        }
    );
    // Days off up to today keep the current run going.
    let away: BTreeSet<NaiveDate> = [day(2026, 3, 9), day(2026, 3, 10), day(2026, 3, 11)].into();
    assert_eq!(
        streak(
            &days,
            &off.union(&away).copied().collect(),
            day(2026, 3, 12)
        )
        .current,
        4
    );
    assert_eq!(streak(&days, &off, day(2026, 3, 12)).current, 0);

    let sessions: Vec<Session> = Vec::new();
    let weeks = weekly_counts(&sessions, &off, day(2026, 3, 2), day(2026, 3, 8));
    assert_eq!(weeks[0].days_off, 3);
    assert_eq!(
        weeks[0].strength_target(),
        2,
        "three sessions for four days on, rounded"
    );
    assert_eq!(crate::domain::session::strength_target(0), 3);
    assert_eq!(crate::domain::session::strength_target(1), 3);
    assert_eq!(crate::domain::session::strength_target(7), 0);
}

#[test]
fn adherence_asks_nothing_of_days_off() {
    let checkins: Vec<CheckIn> = [1, 2, 4, 6, 9]
        .iter()
        .map(|d| checkin(day(2026, 3, *d), 4))
        .collect();
    let off: BTreeSet<NaiveDate> = (5..=7).map(|d| day(2026, 3, d)).collect();
    let a = check_in_adherence(&checkins, &off, day(2026, 3, 2), day(2026, 3, 8));
    // 7 days, 3 off; check-ins on the 2nd and 4th count, the 6th was a day off.
    assert_eq!(
        a,
        CheckInAdherence {
            done: 2,
            asked: 4,
            days_off: 3
        }
    );
    assert_eq!(
        check_in_adherence(&checkins, &off, day(2026, 3, 9), day(2026, 3, 1)),
        CheckInAdherence::default()
    );
}

#[test]
fn a_change_is_said_in_whole_percent_rounded_towards_zero() {
    assert_eq!(whole_percent(-48.7), 48);
    assert_eq!(whole_percent(29.6), 29);
    assert_eq!(whole_percent(-0.4), 0);
    assert_eq!(whole_percent(f64::NAN), u32::MAX);
}
