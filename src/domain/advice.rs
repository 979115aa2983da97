//! When to suggest seeing a professional, worked out from the log. Each piece
//! of advice names the rule that produced it. Unknot never diagnoses: the
//! messages say what the log shows and point to a physical therapist or a
//! doctor as the usual first stop.

use chrono::NaiveDate;

use super::dates::days_before;
use super::pain::{CheckIn, latest_per_day};
use super::session::{Session, SessionKind};

/// A pain rating at or above this counts as severe.
pub const SEVERE_PAIN: u8 = 8;
/// Consecutive calendar days of severe pain that bring up advice.
pub const SEVERE_RUN_DAYS: usize = 3;
/// How far back the severe-pain and no-improvement rules look, today included.
pub const LOOKBACK_DAYS: u64 = 14;
/// Days with both stretching and heat (within the lookback) that make "a solid week".
pub const STRETCH_AND_HEAT_DAYS: usize = 7;
/// Check-ins each 7-day half of the lookback needs before means are compared.
pub const MIN_CHECKINS_PER_WEEK: usize = 3;

/// Which rule produced a piece of advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdviceRule {
    /// A red-flag question answered yes in the most recent check-in.
    RedFlag,
    /// Pain of 8 or more on 3 consecutive days within the last 14.
    SeverePain,
    /// A solid week of stretching and heat without the pain going down.
    NoImprovement,
}

impl AdviceRule {
    /// Stable code for logs and tests.
    pub fn code(self) -> &'static str {
        match self {
            AdviceRule::RedFlag => "red_flag",
            AdviceRule::SeverePain => "severe_pain",
            AdviceRule::NoImprovement => "no_improvement",
        }
    }

    /// A short heading for the advice.
    pub fn label(self) -> &'static str {
        match self {
            AdviceRule::RedFlag => "A warning sign in your last check-in",
            AdviceRule::SeverePain => "Several days of severe pain",
            AdviceRule::NoImprovement => "No change after a week of self-care",
        }
    }
}

/// One suggestion to see a professional, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub rule: AdviceRule,
    pub message: String,
}

/// Every rule that fires, in the order red flag, severe pain, no improvement.
/// Records dated after `today` are ignored; of two check-ins on one date the
/// one saved last counts.
pub fn professional_advice(
    checkins: &[CheckIn],
    sessions: &[Session],
    today: NaiveDate,
) -> Vec<Advice> {
    let days: Vec<&CheckIn> = latest_per_day(checkins)
        .into_iter()
        .filter(|c| c.date <= today)
        .collect();
    [
        red_flag(&days),
        severe_pain(&days, today),
        no_improvement(&days, sessions, today),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

const FIRST_STOP: &str = "A physical therapist or your doctor is the usual first stop.";

/// Rule RedFlag: any red flag answered yes in the most recent check-in.
fn red_flag(days: &[&CheckIn]) -> Option<Advice> {
    let latest = days.last()?;
    let reasons = latest.red_flags.reasons();
    if reasons.is_empty() {
        return None;
    }
    Some(Advice {
        rule: AdviceRule::RedFlag,
        message: format!(
            "In your check-in on {} you answered yes to: {}. This is worth having \
             checked by a professional soon, rather than working on it with \
             stretching and heat alone. {FIRST_STOP}",
            long_date(latest.date),
            reasons.join("; "),
        ),
    })
}

/// Rule SeverePain: pain of [`SEVERE_PAIN`] or more on [`SEVERE_RUN_DAYS`]
/// consecutive calendar days, all within the last [`LOOKBACK_DAYS`] days. A
/// day without a check-in, or with lower pain, ends a run. Reports the most
/// recent such run, with its full length inside the lookback.
fn severe_pain(days: &[&CheckIn], today: NaiveDate) -> Option<Advice> {
    let window_start = days_before(today, LOOKBACK_DAYS - 1);
    let mut latest_run: Option<(NaiveDate, NaiveDate, usize)> = None;
    let mut run: Option<(NaiveDate, NaiveDate, usize)> = None;
    for checkin in days.iter().filter(|c| c.date >= window_start) {
        if checkin.pain.get() < SEVERE_PAIN {
            run = None;
            continue;
        }
        run = match run {
            Some((start, end, len)) if end.succ_opt() == Some(checkin.date) => {
                Some((start, checkin.date, len + 1))
            }
            _ => Some((checkin.date, checkin.date, 1)),
        };
        if let Some(current) = run.filter(|r| r.2 >= SEVERE_RUN_DAYS) {
            latest_run = Some(current);
        }
    }
    let (start, end, len) = latest_run?;
    Some(Advice {
        rule: AdviceRule::SeverePain,
        message: format!(
            "Your pain was {SEVERE_PAIN} or higher on {len} days in a row, from {} to {}, \
             within the last {LOOKBACK_DAYS} days. Pain that stays this strong deserves \
             a proper look from someone who can examine you. {FIRST_STOP}",
            long_date(start),
            long_date(end),
        ),
    })
}

/// Rule NoImprovement: on at least [`STRETCH_AND_HEAT_DAYS`] distinct days of
/// the last [`LOOKBACK_DAYS`] both a stretch and a heat session were logged,
/// and the mean pain of the latest 7 days (today - 6 to today) is not lower
/// than that of the 7 days before (today - 13 to today - 7). Each half needs
/// [`MIN_CHECKINS_PER_WEEK`] check-ins, or the means are not compared.
fn no_improvement(days: &[&CheckIn], sessions: &[Session], today: NaiveDate) -> Option<Advice> {
    let window_start = days_before(today, LOOKBACK_DAYS - 1);
    let in_window = |date: NaiveDate| date >= window_start && date <= today;
    let dates_of = |kind: SessionKind| {
        let mut dates: Vec<NaiveDate> = sessions
            .iter()
            .filter(|s| s.kind == kind && in_window(s.date))
            .map(|s| s.date)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    };
    let heat = dates_of(SessionKind::Heat);
    let both = dates_of(SessionKind::Stretch)
        .into_iter()
        .filter(|d| heat.binary_search(d).is_ok())
        .count();
    if both < STRETCH_AND_HEAT_DAYS {
        return None;
    }
    let latest_start = days_before(today, 6);
    let (mut latest_sum, mut latest_n, mut previous_sum, mut previous_n) = (0u64, 0u64, 0u64, 0u64);
    for checkin in days.iter().filter(|c| in_window(c.date)) {
        let pain = u64::from(checkin.pain.get());
        if checkin.date >= latest_start {
            latest_sum += pain;
            latest_n += 1;
        } else {
            previous_sum += pain;
            previous_n += 1;
        }
    }
    let enough = |n: u64| usize::try_from(n).is_ok_and(|n| n >= MIN_CHECKINS_PER_WEEK);
    if !enough(latest_n) || !enough(previous_n) {
        return None;
    }
    // latest mean < previous mean, compared exactly on whole numbers.
    if latest_sum * previous_n < previous_sum * latest_n {
        return None;
    }
    Some(Advice {
        rule: AdviceRule::NoImprovement,
        message: format!(
            "You logged both stretching and heat on {both} of the last {LOOKBACK_DAYS} days, \
             yet your average pain over the last 7 days ({:.1}) is no lower than over the \
             7 days before ({:.1}). When a solid week of self-care brings no change, a \
             professional can look at what else may be going on and suggest a plan. \
             {FIRST_STOP}",
            latest_sum as f64 / latest_n as f64,
            previous_sum as f64 / previous_n as f64,
        ),
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Days, NaiveTime, Utc};

    use super::*;
    use crate::domain::pain::{Rating, RedFlags};

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

    fn session(kind: SessionKind, date: NaiveDate) -> Session {
        Session::new(kind, at_noon(date), date, 15 * 60)
    }

    const TODAY: (i32, u32, u32) = (2026, 3, 20);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    /// `today` minus `n` days.
    fn ago(n: u64) -> NaiveDate {
        today().checked_sub_days(Days::new(n)).unwrap()
    }

    /// Check-ins on `today - n` for each (n, pain).
    fn history(points: &[(u64, i64)]) -> Vec<CheckIn> {
        points.iter().map(|&(n, p)| checkin(ago(n), p)).collect()
    }

    fn rules(advice: &[Advice]) -> Vec<AdviceRule> {
        advice.iter().map(|a| a.rule).collect()
    }

    /// Stretch and heat on `today - n` for each n.
    fn stretch_and_heat(days_ago: impl IntoIterator<Item = u64>) -> Vec<Session> {
        days_ago
            .into_iter()
            .flat_map(|n| {
                [
                    session(SessionKind::Stretch, ago(n)),
                    session(SessionKind::Heat, ago(n)),
                ]
            })
            .collect()
    }

    #[test]
    fn nothing_logged_means_no_advice() {
        assert!(professional_advice(&[], &[], today()).is_empty());
        let calm = history(&[(2, 3), (1, 4), (0, 2)]);
        assert!(professional_advice(&calm, &[], today()).is_empty());
    }

    #[test]
    fn red_flag_in_latest_checkin_lists_each_reason() {
        let mut log = history(&[(1, 3), (0, 4)]);
        log[1].red_flags = RedFlags {
            arm_symptoms: true,
            fever: true,
            ..RedFlags::default()
        };
        let advice = professional_advice(&log, &[], today());
        assert_eq!(rules(&advice), vec![AdviceRule::RedFlag]);
        let message = &advice[0].message;
        assert!(message.contains("20 March 2026"), "{message}");
        assert!(
            message.contains("numbness, tingling or weakness"),
            "{message}"
        );
        assert!(message.contains("fever or chills"), "{message}");
        assert!(!message.contains("impact"), "{message}");
        assert!(message.contains("physical therapist"), "{message}");
    }

    #[test]
    fn red_flag_only_from_the_most_recent_checkin() {
        let mut log = history(&[(0, 4), (1, 3)]);
        log[1].red_flags.after_impact = true; // yesterday, not the latest
        assert!(professional_advice(&log, &[], today()).is_empty());
    }

    #[test]
    fn red_flag_in_a_future_dated_checkin_is_ignored() {
        let mut log = history(&[(0, 4)]);
        let mut future = checkin(today().succ_opt().unwrap(), 4);
        future.red_flags.fever = true;
        log.push(future);
        assert!(professional_advice(&log, &[], today()).is_empty());
    }

    #[test]
    fn red_flag_uses_the_checkin_saved_last_on_a_date() {
        let mut first = checkin(today(), 5);
        first.red_flags.fever = true;
        let mut resaved = checkin(today(), 5);
        resaved.recorded_at = first.recorded_at + chrono::Duration::hours(1);
        assert!(professional_advice(&[first.clone(), resaved.clone()], &[], today()).is_empty());
        // The same two in the other order: still the later save wins.
        assert!(professional_advice(&[resaved, first], &[], today()).is_empty());
    }

    #[test]
    fn severe_pain_on_three_consecutive_days_fires_with_dates() {
        let log = history(&[(5, 4), (4, 8), (3, 9), (2, 8), (1, 5)]);
        let advice = professional_advice(&log, &[], today());
        assert_eq!(rules(&advice), vec![AdviceRule::SeverePain]);
        let message = &advice[0].message;
        assert!(message.contains("3 days in a row"), "{message}");
        assert!(
            message.contains("from 16 March 2026 to 18 March 2026"),
            "{message}"
        );
    }

    #[test]
    fn severe_pain_reports_the_most_recent_run_and_its_length() {
        let log = history(&[
            (12, 8),
            (11, 8),
            (10, 8),
            (9, 3),
            (3, 10),
            (2, 9),
            (1, 8),
            (0, 8),
        ]);
        let advice = professional_advice(&log, &[], today());
        assert_eq!(rules(&advice), vec![AdviceRule::SeverePain]);
        let message = &advice[0].message;
        assert!(message.contains("4 days in a row"), "{message}");
        assert!(
            message.contains("from 17 March 2026 to 20 March 2026"),
            "{message}"
        );
    }

    #[test]
    fn severe_pain_quiet_for_two_days_or_a_gap_or_a_lower_day() {
        let two_days = history(&[(2, 9), (1, 8), (0, 6)]);
        assert!(professional_advice(&two_days, &[], today()).is_empty());
        // 8, 8, no check-in, 8: the missing day ends the run.
        let gap = history(&[(4, 8), (3, 8), (1, 8)]);
        assert!(professional_advice(&gap, &[], today()).is_empty());
        // 8, 8, 7, 8: a lower day ends the run.
        let dip = history(&[(3, 8), (2, 8), (1, 7), (0, 8)]);
        assert!(professional_advice(&dip, &[], today()).is_empty());
    }

    #[test]
    fn severe_pain_counts_only_days_within_the_last_14() {
        // 14, 13, 12 days ago: only 13 and 12 are inside the window.
        let edge = history(&[(14, 9), (13, 9), (12, 9)]);
        assert!(professional_advice(&edge, &[], today()).is_empty());
        // 13, 12, 11 days ago: all inside.
        let inside = history(&[(13, 9), (12, 9), (11, 9)]);
        let advice = professional_advice(&inside, &[], today());
        assert_eq!(rules(&advice), vec![AdviceRule::SeverePain]);
        assert!(
            advice[0]
                .message
                .contains("from 7 March 2026 to 9 March 2026")
        );
        // A long run that started before the window: the part inside still counts.
        let long = history(&[(16, 9), (15, 9), (14, 9), (13, 9), (12, 9), (11, 9)]);
        let advice = professional_advice(&long, &[], today());
        assert!(
            advice[0].message.contains("3 days in a row"),
            "{}",
            advice[0].message
        );
    }

    /// Pain for the previous week (13..=7 days ago) and the latest (6..=0).
    fn two_weeks(previous: i64, latest: i64) -> Vec<CheckIn> {
        (0..14)
            .map(|n| checkin(ago(n), if n >= 7 { previous } else { latest }))
            .collect()
    }

    #[test]
    fn no_improvement_fires_after_a_solid_week_without_change() {
        let log = two_weeks(5, 5);
        let sessions = stretch_and_heat(0..7);
        let advice = professional_advice(&log, &sessions, today());
        assert_eq!(rules(&advice), vec![AdviceRule::NoImprovement]);
        let message = &advice[0].message;
        assert!(message.contains("on 7 of the last 14 days"), "{message}");
        assert!(message.contains("(5.0)"), "{message}");
        // Worse pain fires too.
        let worse = professional_advice(&two_weeks(4, 6), &sessions, today());
        assert_eq!(rules(&worse), vec![AdviceRule::NoImprovement]);
        assert!(worse[0].message.contains("(6.0)") && worse[0].message.contains("(4.0)"));
    }

    #[test]
    fn no_improvement_counts_distinct_days_anywhere_in_the_14() {
        // Days 13, 11, 9, 7, 5, 3, 1, two stretches on one of them.
        let mut sessions = stretch_and_heat((1..14).step_by(2));
        sessions.push(session(SessionKind::Stretch, ago(1)));
        let advice = professional_advice(&two_weeks(5, 5), &sessions, today());
        assert_eq!(rules(&advice), vec![AdviceRule::NoImprovement]);
    }

    #[test]
    fn no_improvement_quiet_with_six_days_of_stretch_and_heat() {
        let mut sessions = stretch_and_heat(0..6);
        // A seventh day with stretching only, and one with heat only.
        sessions.push(session(SessionKind::Stretch, ago(6)));
        sessions.push(session(SessionKind::Heat, ago(7)));
        // And one outside the 14 days.
        sessions.extend(stretch_and_heat([14]));
        assert!(professional_advice(&two_weeks(5, 5), &sessions, today()).is_empty());
    }

    #[test]
    fn no_improvement_quiet_while_pain_is_going_down() {
        let sessions = stretch_and_heat(0..10);
        assert!(professional_advice(&two_weeks(6, 5), &sessions, today()).is_empty());
        // Means 5.0 then 34/7 = 4.86: a small drop is still a drop.
        let mut log = two_weeks(5, 5);
        log[0] = checkin(today(), 4);
        assert!(professional_advice(&log, &sessions, today()).is_empty());
    }

    #[test]
    fn no_improvement_needs_check_ins_in_both_weeks() {
        let sessions = stretch_and_heat(0..7);
        // Latest week fine; only 2 check-ins in the week before.
        let log = history(&[(0, 5), (1, 5), (2, 5), (8, 5), (9, 5)]);
        assert!(professional_advice(&log, &sessions, today()).is_empty());
        let log = history(&[(0, 5), (1, 5), (2, 5), (8, 5), (9, 5), (10, 5)]);
        let advice = professional_advice(&log, &sessions, today());
        assert_eq!(rules(&advice), vec![AdviceRule::NoImprovement]);
    }

    #[test]
    fn several_rules_fire_in_a_fixed_order() {
        let mut log = two_weeks(8, 9);
        log[0].red_flags.after_impact = true;
        let advice = professional_advice(&log, &stretch_and_heat(0..7), today());
        assert_eq!(
            rules(&advice),
            vec![
                AdviceRule::RedFlag,
                AdviceRule::SeverePain,
                AdviceRule::NoImprovement
            ]
        );
        for a in &advice {
            assert!(a.message.contains("physical therapist or your doctor"));
            assert!(!a.rule.label().is_empty() && !a.rule.code().is_empty());
        }
    }
}
