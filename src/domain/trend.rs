//! What the progress screen draws: daily pain, its 7-day rolling mean, change
//! against a baseline, weekly session counts, streaks, a calendar heatmap and
//! the next-day comparison.
//!
//! Pure functions over slices. Every day is a local calendar date
//! (`NaiveDate`, decided when the record was made), never an instant, so a DST
//! or time-zone change cannot add or lose a day. Records dated after `today`
//! (a clock that was wrong for a while) are left out of [`ProgressData`].

use std::borrow::Cow;
use std::collections::BTreeSet;

mod days;

use days::routine_days;
pub use days::{CheckInAdherence, Streak, Streaks, check_in_adherence, streak, streaks};

use chrono::NaiveDate;

use super::advice::{Advice, professional_advice};
use super::dates::{days_before, week_start};
use super::pain::{CheckIn, Rating, latest_per_day};
use super::session::{Session, SessionKind};

/// Length of the rolling-mean window, in calendar days (the day itself and the 6 before it).
pub const ROLLING_WINDOW_DAYS: i64 = 7;
/// How many of the first check-ins make the automatic baseline.
pub const BASELINE_CHECKINS: usize = 7;
/// IMMPACT: a drop of 30 percent from baseline is a moderately important improvement.
pub const MODERATE_IMPROVEMENT_PCT: f64 = -30.0;
/// IMMPACT: a drop of 50 percent from baseline is a substantial improvement.
pub const SUBSTANTIAL_IMPROVEMENT_PCT: f64 = -50.0;
/// Days each side of the next-day comparison needs before it is shown.
pub const INSIGHT_MIN_DAYS: usize = 7;

/// A point on a date axis: the day and its value.
pub type DayValue = (NaiveDate, f64);

/// Daily pain, sorted by date, one point per date that has a check-in.
pub fn daily_pain(checkins: &[CheckIn]) -> Vec<DayValue> {
    latest_per_day(checkins)
        .into_iter()
        .map(|c| (c.date, f64::from(c.pain.get())))
        .collect()
}

/// The 7-day rolling mean of a daily series sorted by date (as [`daily_pain`] gives).
///
/// The rule: for each date D from the first value to the last, the mean of
/// the values dated D-6 to D inclusive (7 calendar days ending on D). Days
/// without a value are skipped, never counted as zero, so the mean is over
/// however many of those 7 days have one. A day without a value of its own
/// still gets the mean of the days around it, so a missed check-in does not
/// break the line; only a gap of 7 days or more (an empty window) does.
/// Linear in the number of days: a sliding window.
pub fn rolling_mean(daily: &[DayValue]) -> Vec<DayValue> {
    let (Some(&(first_date, _)), Some(&(last_date, _))) = (daily.first(), daily.last()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(daily.len());
    let (mut first, mut next) = (0, 0);
    let mut sum = 0.0;
    for date in first_date.iter_days().take_while(|d| *d <= last_date) {
        while next < daily.len() && daily[next].0 <= date {
            sum += daily[next].1;
            next += 1;
        }
        while first < next && (date - daily[first].0).num_days() >= ROLLING_WINDOW_DAYS {
            sum -= daily[first].1;
            first += 1;
        }
        if first < next {
            out.push((date, sum / (next - first) as f64));
        }
    }
    out
}

/// Splits a date-sorted series where a day is missing, so a chart draws gaps
/// as gaps instead of joining the points across them.
pub fn contiguous_runs(points: &[DayValue]) -> Vec<&[DayValue]> {
    points
        .chunk_by(|a, b| a.0.succ_opt() == Some(b.0))
        .collect()
}

/// Where a baseline came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineSource {
    /// Typed in by the person.
    UserSet,
    /// The mean of this many of the first check-ins (up to [`BASELINE_CHECKINS`]).
    FirstCheckIns(usize),
}

/// The pain level progress is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    pub value: f64,
    pub source: BaselineSource,
}

/// The user's baseline when it is a number from 0 to 10; otherwise the mean of
/// the first [`BASELINE_CHECKINS`] points of `daily` (fewer if fewer exist);
/// `None` without either. `daily` is the whole history, not a range.
pub fn baseline(daily: &[DayValue], user_baseline: Option<f64>) -> Option<Baseline> {
    if let Some(value) = user_baseline.filter(|v| (0.0..=10.0).contains(v)) {
        return Some(Baseline {
            value,
            source: BaselineSource::UserSet,
        });
    }
    let first = daily.get(..BASELINE_CHECKINS).unwrap_or(daily);
    if first.is_empty() {
        return None;
    }
    let sum: f64 = first.iter().map(|p| p.1).sum();
    Some(Baseline {
        value: sum / first.len() as f64,
        source: BaselineSource::FirstCheckIns(first.len()),
    })
}

/// Change of `value` against `baseline` in percent: negative is less pain.
/// `None` when the baseline is 0 (no pain to improve on) or not a number.
pub fn percent_change(value: f64, baseline: f64) -> Option<f64> {
    if baseline == 0.0 || !baseline.is_finite() || !value.is_finite() {
        return None;
    }
    Some((value - baseline) / baseline * 100.0)
}

/// The size of a percent change in whole percent, rounded towards zero so
/// that a change shown as 30% has reached the 30% line. Progress and the
/// visit summary both say it this way, so they never differ by one.
pub fn whole_percent(percent: f64) -> u32 {
    let size = percent.abs().trunc();
    if size.is_finite() && size < f64::from(u32::MAX) {
        size as u32
    } else {
        u32::MAX
    }
}

/// How a percent change compares with the IMMPACT thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Improvement {
    /// 50 percent less pain than the baseline, or more.
    Substantial,
    /// 30 percent less, or more.
    Moderate,
    /// Less than a 30 percent drop (including no change or more pain).
    BelowThreshold,
}

impl Improvement {
    pub fn from_percent_change(pct: f64) -> Self {
        if pct <= SUBSTANTIAL_IMPROVEMENT_PCT {
            Improvement::Substantial
        } else if pct <= MODERATE_IMPROVEMENT_PCT {
            Improvement::Moderate
        } else {
            Improvement::BelowThreshold
        }
    }
}

/// Sessions logged in one week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCounts {
    /// The Monday the week starts on: the bar's key.
    pub week_start: NaiveDate,
    pub stretch: u32,
    pub strength: u32,
    pub heat: u32,
    pub massage: u32,
    /// Total length of the week's strengthening sessions.
    pub strength_secs: u64,
    /// Days of the week marked as days off.
    pub days_off: u32,
}

impl WeekCounts {
    pub fn empty(week_start: NaiveDate) -> Self {
        Self {
            week_start,
            stretch: 0,
            strength: 0,
            heat: 0,
            massage: 0,
            strength_secs: 0,
            days_off: 0,
        }
    }

    /// The strengthening sessions worth aiming for this week: fewer when
    /// some of its days are days off (see [`strength_target`]).
    pub fn strength_target(&self) -> u32 {
        super::session::strength_target(self.days_off)
    }

    pub fn count(&self, kind: SessionKind) -> u32 {
        match kind {
            SessionKind::Stretch => self.stretch,
            SessionKind::Strength => self.strength,
            SessionKind::Heat => self.heat,
            SessionKind::Massage => self.massage,
        }
    }

    /// Strengthening time in minutes (the target is 10 to 15, three times a week).
    pub fn strength_minutes(&self) -> f64 {
        self.strength_secs as f64 / 60.0
    }

    pub fn add(&mut self, session: &Session) {
        match session.kind {
            SessionKind::Stretch => self.stretch += 1,
            SessionKind::Strength => {
                self.strength += 1;
                self.strength_secs += u64::from(session.duration_secs);
            }
            SessionKind::Heat => self.heat += 1,
            SessionKind::Massage => self.massage += 1,
        }
    }
}

/// One entry per week, oldest first, from the week holding `from` to the week
/// holding `to`, empty weeks included as zeros so bars line up. The first week
/// is counted whole (from its Monday), so its bar is comparable with the rest;
/// sessions after `to` are left out. Empty when `from` is after `to`.
/// Days off are counted per week, so targets can be lowered for them.
pub fn weekly_counts(
    sessions: &[Session],
    days_off: &BTreeSet<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<WeekCounts> {
    if from > to {
        return Vec::new();
    }
    let first = week_start(from);
    let weeks = (week_start(to) - first).num_days() / 7 + 1;
    let mut out: Vec<WeekCounts> = first
        .iter_weeks()
        .take(usize::try_from(weeks).unwrap_or(0))
        .map(WeekCounts::empty)
        .collect();
    for session in sessions.iter().filter(|s| s.date >= first && s.date <= to) {
        let index = usize::try_from((session.date - first).num_days() / 7);
        if let Some(week) = index.ok().and_then(|i| out.get_mut(i)) {
            week.add(session);
        }
    }
    for week in &mut out {
        let end = week.week_start + chrono::Days::new(7);
        week.days_off = u32::try_from(days_off.range(week.week_start..end).count()).unwrap_or(7);
    }
    out
}

/// One square of the calendar heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatmapDay {
    pub date: NaiveDate,
    /// The day's pain, when there was a check-in.
    pub pain: Option<Rating>,
    /// Routine sessions logged that day (heat is not a routine).
    pub routine_sessions: u32,
}

impl HeatmapDay {
    pub fn has_check_in(&self) -> bool {
        self.pain.is_some()
    }
}

/// Every day from `from` to `to` inclusive, oldest first; empty when `from` is after `to`.
pub fn heatmap(
    checkins: &[CheckIn],
    sessions: &[Session],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<HeatmapDay> {
    if from > to {
        return Vec::new();
    }
    let mut days: Vec<HeatmapDay> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|date| HeatmapDay {
            date,
            pain: None,
            routine_sessions: 0,
        })
        .collect();
    let index = |date: NaiveDate| usize::try_from((date - from).num_days()).ok();
    for checkin in latest_per_day(checkins) {
        if let Some(day) = index(checkin.date).and_then(|i| days.get_mut(i)) {
            day.pain = Some(checkin.pain);
        }
    }
    for session in sessions.iter().filter(|s| s.kind.is_routine()) {
        if let Some(day) = index(session.date).and_then(|i| days.get_mut(i)) {
            day.routine_sessions += 1;
        }
    }
    days
}

/// Mean next-day pain after days with a routine and after days without one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NextDayComparison {
    pub after_routine_days: usize,
    pub after_routine_mean: f64,
    pub after_none_days: usize,
    pub after_none_mean: f64,
}

impl NextDayComparison {
    /// The comparison as an observation from the log, not a claim about cause.
    pub fn observation(&self) -> String {
        format!(
            "On the {} after a day with a routine, your pain averaged {:.1}; \
             on the {} after a day without one, it averaged {:.1}.",
            days_phrase(self.after_routine_days),
            self.after_routine_mean,
            days_phrase(self.after_none_days),
            self.after_none_mean,
        )
    }
}

fn days_phrase(days: usize) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

/// The next-day comparison, or how far the log is from supporting one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Insight {
    /// Both sides have at least [`INSIGHT_MIN_DAYS`] days.
    Ready(NextDayComparison),
    /// Not enough days yet; the counts so far.
    NeedMoreDays {
        after_routine_days: usize,
        after_none_days: usize,
    },
}

impl Insight {
    /// More days needed after a routine and after none, in that order; (0, 0) when ready.
    pub fn more_days_needed(&self) -> (usize, usize) {
        match *self {
            Insight::Ready(_) => (0, 0),
            Insight::NeedMoreDays {
                after_routine_days,
                after_none_days,
            } => (
                INSIGHT_MIN_DAYS.saturating_sub(after_routine_days),
                INSIGHT_MIN_DAYS.saturating_sub(after_none_days),
            ),
        }
    }
}

/// Pairs each check-in on day D+1 with day D: D "had a routine" when any
/// routine session is dated D, otherwise "none" (including days with nothing
/// logged). Only pairs whose next day has a check-in count.
pub fn next_day_insight(checkins: &[CheckIn], sessions: &[Session]) -> Insight {
    let routine = routine_days(sessions);
    let (mut with_sum, mut with_days, mut none_sum, mut none_days) = (0u64, 0usize, 0u64, 0usize);
    for checkin in latest_per_day(checkins) {
        let Some(day_before) = checkin.date.pred_opt() else {
            continue;
        };
        let pain = u64::from(checkin.pain.get());
        if routine.binary_search(&day_before).is_ok() {
            with_sum += pain;
            with_days += 1;
        } else {
            none_sum += pain;
            none_days += 1;
        }
    }
    if with_days < INSIGHT_MIN_DAYS || none_days < INSIGHT_MIN_DAYS {
        return Insight::NeedMoreDays {
            after_routine_days: with_days,
            after_none_days: none_days,
        };
    }
    Insight::Ready(NextDayComparison {
        after_routine_days: with_days,
        after_routine_mean: with_sum as f64 / with_days as f64,
        after_none_days: none_days,
        after_none_mean: none_sum as f64 / none_days as f64,
    })
}

/// The span of days the progress screen shows. Saved by its code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum ProgressRange {
    #[serde(rename = "4w")]
    Weeks4,
    #[default]
    #[serde(rename = "12w")]
    Weeks12,
    #[serde(rename = "all")]
    All,
}

impl ProgressRange {
    pub const ALL: [ProgressRange; 3] = [
        ProgressRange::Weeks4,
        ProgressRange::Weeks12,
        ProgressRange::All,
    ];

    /// Stable code used in settings.
    pub fn code(self) -> &'static str {
        match self {
            ProgressRange::Weeks4 => "4w",
            ProgressRange::Weeks12 => "12w",
            ProgressRange::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ProgressRange::Weeks4 => "4 weeks",
            ProgressRange::Weeks12 => "12 weeks",
            ProgressRange::All => "All time",
        }
    }

    /// The first day shown: 4 or 12 whole weeks ending today (today - 27 or
    /// today - 83 days). `None` for all time, which starts at the first record.
    pub fn start(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            ProgressRange::Weeks4 => Some(days_before(today, 4 * 7 - 1)),
            ProgressRange::Weeks12 => Some(days_before(today, 12 * 7 - 1)),
            ProgressRange::All => None,
        }
    }
}

/// The items that `keep`, borrowed when that is all of them (the usual case).
fn up_to<T: Clone>(items: &[T], keep: impl Fn(&T) -> bool) -> Cow<'_, [T]> {
    if items.iter().all(&keep) {
        Cow::Borrowed(items)
    } else {
        Cow::Owned(items.iter().filter(|i| keep(i)).cloned().collect())
    }
}

/// Everything the progress screen draws, computed once per data change.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressData {
    pub range: ProgressRange,
    /// First day shown: the range start, or the first record (today if none) for all time.
    pub from: NaiveDate,
    /// Last day shown: today.
    pub to: NaiveDate,
    /// Daily pain within the range.
    pub pain: Vec<DayValue>,
    /// Rolling mean within the range; windows reach back before `from`.
    pub rolling_mean: Vec<DayValue>,
    /// From the whole history, or the user's value.
    pub baseline: Option<Baseline>,
    /// Percent change of each rolling-mean point against the baseline.
    pub percent_change: Vec<DayValue>,
    /// Weeks touching the range, the first counted from its Monday.
    pub weeks: Vec<WeekCounts>,
    /// Every day from `from` to `to`.
    pub heatmap: Vec<HeatmapDay>,
    /// From the whole history.
    pub streaks: Streaks,
    /// From the whole history.
    pub insight: Insight,
    /// Reasons to see a professional, if any.
    pub advice: Vec<Advice>,
    /// Check-ins from `from` (or the first record, if later) to `to`
    /// against the days that asked for one.
    pub adherence: CheckInAdherence,
}

impl ProgressData {
    /// O(n log n) in the number of records, plus one step per day and week shown.
    pub fn compute(
        checkins: &[CheckIn],
        sessions: &[Session],
        today: NaiveDate,
        days_off: &BTreeSet<NaiveDate>,
        range: ProgressRange,
        user_baseline: Option<f64>,
    ) -> ProgressData {
        let checkins = up_to(checkins, |c| c.date <= today);
        let sessions = up_to(sessions, |s| s.date <= today);
        let first_checkin = checkins.iter().map(|c| c.date).min();
        let first_session = sessions.iter().map(|s| s.date).min();
        let first_record = first_checkin.into_iter().chain(first_session).min();
        let from = range
            .start(today)
            .unwrap_or_else(|| first_record.map_or(today, |first| first.min(today)));
        // Days before the first record asked for nothing: Unknot was not in
        // use yet. With no record, no day has asked.
        let asked_from = first_record.map_or(today + chrono::Days::new(1), |first| first.max(from));
        let daily = daily_pain(&checkins);
        let rolling = rolling_mean(&daily);
        let baseline = baseline(&daily, user_baseline);
        let in_range = |points: &[DayValue]| -> Vec<DayValue> {
            points.iter().copied().filter(|p| p.0 >= from).collect()
        };
        let rolling_mean = in_range(&rolling);
        let percent_change = match baseline {
            Some(b) => rolling_mean
                .iter()
                .filter_map(|&(date, mean)| percent_change(mean, b.value).map(|pct| (date, pct)))
                .collect(),
            None => Vec::new(),
        };
        ProgressData {
            range,
            from,
            to: today,
            pain: in_range(&daily),
            rolling_mean,
            baseline,
            percent_change,
            weeks: weekly_counts(&sessions, days_off, from, today),
            heatmap: heatmap(&checkins, &sessions, from, today),
            streaks: streaks(&checkins, &sessions, days_off, today),
            insight: next_day_insight(&checkins, &sessions),
            advice: professional_advice(&checkins, &sessions, today),
            adherence: check_in_adherence(&checkins, days_off, asked_from, today),
        }
    }

    /// The most recent percent change and how it compares with the IMMPACT thresholds.
    pub fn latest_change(&self) -> Option<(NaiveDate, f64, Improvement)> {
        self.percent_change
            .last()
            .map(|&(date, pct)| (date, pct, Improvement::from_percent_change(pct)))
    }
}

#[cfg(test)]
mod tests;
