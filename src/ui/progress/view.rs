//! Everything the progress screen draws, derived once per change of data,
//! range, baseline or date: the domain series from `ProgressData`, the plot
//! points, the calendar cells and the sentences. Drawing a frame only reads it.

use chrono::{Datelike, FixedOffset, NaiveDate};
use egui_plot::{Bar, PlotPoint};

use super::calendar::CalendarGrid;
use super::days::day_x;
use super::helps::{HelpsView, Span};
use super::line_series::LineSeries;
use crate::domain::advice::AdviceRule;
use crate::domain::dates::week_start;
use crate::domain::session::STRENGTH_SESSIONS_PER_WEEK;
use crate::domain::trend::{
    BaselineSource, DayValue, Improvement, Insight, ProgressData, ProgressRange, Streak,
    WeekCounts, contiguous_runs, percent_change, whole_percent,
};
use crate::text::count;
use crate::ui::data::Data;

/// What a view was built from; a different key means it is out of date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewKey {
    pub revision: u64,
    pub range: ProgressRange,
    pub baseline: Option<f64>,
    pub today: NaiveDate,
    /// The local offset from UTC, which places a flare-up within its day.
    pub zone: FixedOffset,
}

/// Bars of sessions per week. Over long ranges each bar averages a block of
/// weeks, so the chart stays readable and cheap to draw.
pub struct WeeklyBars {
    pub stretch: Vec<Bar>,
    pub strength: Vec<Bar>,
    pub heat: Vec<Bar>,
    /// Weeks in each bar: 1 for 4 and 12 weeks.
    pub block_weeks: usize,
    pub y_max: f64,
    /// The strengthening aim of each bar's weeks (lower in weeks with days
    /// off): a dashed level across each run of bars with the same aim.
    pub target: LineSeries,
    /// True when days off lowered the aim in some week shown.
    pub target_lowered: bool,
    /// What the bars and the dashed line are, in words.
    pub hint: String,
}

pub struct ProgressView {
    pub key: ViewKey,
    pub data: ProgressData,
    /// Every plot's x bounds: from the Monday of the range's first week to
    /// the Sunday of this week, so no weekly bar is cut and the three plots'
    /// dates line up.
    pub x_bounds: (f64, f64),
    /// Over long ranges the pain and change charts show one point a week.
    pub weekly_resolution: bool,
    /// Daily pain; empty at weekly resolution.
    pub pain_points: Vec<PlotPoint>,
    /// The 7-day mean (or the weekly mean), split where a day (a week) is missing.
    pub mean: LineSeries,
    /// Percent change against the baseline, split the same way.
    pub change: LineSeries,
    pub change_y: (f64, f64),
    pub weekly: WeeklyBars,
    pub calendar: CalendarGrid,
    /// "23 check-ins in the last 4 weeks".
    pub range_summary: String,
    /// Check-ins against the days that asked for one (days off do not).
    /// `None` before the first record: no day has asked for a check-in.
    pub adherence_text: Option<String>,
    pub baseline_text: String,
    pub change_text: Option<String>,
    pub streak_rows: [(&'static str, String, String); 2],
    pub insight_text: String,
    pub insight_ready: bool,
    pub advice: Vec<(AdviceRule, String)>,
    /// Experiments, days off, flare-ups and the function check.
    pub helps: HelpsView,
}

/// Ranges longer than this show a point a week instead of a point a day.
const LONG_RANGE_DAYS: i64 = 400;

/// Bars wider than this many weeks' worth of chart would crowd: average in blocks.
const MAX_BARS: usize = 26;

impl ProgressView {
    pub fn build(key: ViewKey, data: &Data) -> Self {
        let progress = ProgressData::compute(
            &data.checkins,
            &data.sessions,
            key.today,
            &data.helps.days_off_set(),
            key.range,
            key.baseline,
        );
        let x_bounds = (
            day_x(week_start(progress.from)) - 0.5,
            day_x(week_start(progress.to)) + 6.5,
        );
        let weekly_resolution = (progress.to - progress.from).num_days() > LONG_RANGE_DAYS;
        let (pain_points, mean, change) = if weekly_resolution {
            let weekly = weekly_means(&progress.pain);
            let change: Vec<DayValue> = match progress.baseline {
                Some(b) => weekly
                    .iter()
                    .filter_map(|&(d, v)| percent_change(v, b.value).map(|pct| (d, pct)))
                    .collect(),
                None => Vec::new(),
            };
            (Vec::new(), runs(&weekly, 7), runs(&change, 7))
        } else {
            (
                points(&progress.pain),
                runs(&progress.rolling_mean, 1),
                runs(&progress.percent_change, 1),
            )
        };
        let lowest = progress
            .percent_change
            .iter()
            .map(|p| p.1)
            .fold(-60.0, f64::min);
        let highest = progress
            .percent_change
            .iter()
            .map(|p| p.1)
            .fold(15.0, f64::max);
        let change_y = (lowest - 5.0, highest + 5.0);
        let span = Span {
            from: progress.from,
            today: key.today,
            range: key.range,
            weekly: weekly_resolution,
            zone: key.zone,
        };
        let days_off: Vec<_> = data.helps.days_off.iter().map(|d| &d.record).collect();
        Self {
            key,
            x_bounds,
            weekly_resolution,
            pain_points,
            mean,
            change,
            change_y,
            weekly: weekly_bars(&progress.weeks),
            calendar: CalendarGrid::build(&progress.heatmap, key.today, &days_off),
            helps: HelpsView::build(data, span, x_bounds),
            range_summary: range_summary(&progress),
            adherence_text: adherence_text(&progress),
            baseline_text: baseline_text(&progress),
            change_text: change_text(&progress),
            streak_rows: [
                (
                    "Days with a check-in",
                    streak_now(progress.streaks.check_in),
                    streak_best(progress.streaks.check_in),
                ),
                (
                    "Days with a routine",
                    streak_now(progress.streaks.routine),
                    streak_best(progress.streaks.routine),
                ),
            ],
            insight_ready: matches!(progress.insight, Insight::Ready(_)),
            insight_text: insight_text(&progress.insight),
            advice: crate::ui::advice::reasons(&progress.advice),
            data: progress,
        }
    }
}

fn points(series: &[DayValue]) -> Vec<PlotPoint> {
    series
        .iter()
        .map(|&(date, value)| PlotPoint::new(day_x(date), value))
        .collect()
}

/// A line for each run of points `step_days` apart; a lone point between
/// gaps becomes a run of one, drawn as a dot.
fn runs(series: &[DayValue], step_days: i64) -> LineSeries {
    let split: Vec<&[DayValue]> = if step_days == 1 {
        contiguous_runs(series)
    } else {
        series
            .chunk_by(|a, b| (b.0 - a.0).num_days() == step_days)
            .collect()
    };
    LineSeries::new(split.into_iter().map(points).collect())
}

/// The mean of each week (Monday to Sunday) that has values, dated on its Thursday.
fn weekly_means(daily: &[DayValue]) -> Vec<DayValue> {
    daily
        .chunk_by(|a, b| week_start(a.0) == week_start(b.0))
        .filter_map(|week| {
            let first = week.first()?;
            let mean = week.iter().map(|p| p.1).sum::<f64>() / week.len() as f64;
            Some((week_start(first.0) + chrono::Days::new(3), mean))
        })
        .collect()
}

fn weekly_bars(weeks: &[WeekCounts]) -> WeeklyBars {
    let block_weeks = weeks.len().div_ceil(MAX_BARS).max(1);
    let mut bars = WeeklyBars {
        stretch: Vec::new(),
        strength: Vec::new(),
        heat: Vec::new(),
        block_weeks,
        y_max: 0.0,
        target: LineSeries::new(Vec::new()),
        target_lowered: weeks
            .iter()
            .any(|w| w.strength_target() < STRENGTH_SESSIONS_PER_WEEK),
        hint: String::new(),
    };
    let aim = if bars.target_lowered {
        "The dashed line is the aim for strengthening: three times a week, fewer in weeks \
         with days off."
    } else {
        "The dashed line is the aim for strengthening: three times a week."
    };
    bars.hint = if block_weeks == 1 {
        format!("Sessions logged each week, Monday to Sunday. {aim}")
    } else {
        format!("Sessions a week, averaged over blocks of {block_weeks} weeks. {aim}")
    };
    let days = (block_weeks * 7) as f64;
    let width = days * 0.26;
    // (left edge, right edge, aim) of each run of bars with the same aim.
    let mut levels: Vec<(f64, f64, f64)> = Vec::new();
    for block in weeks.chunks(block_weeks) {
        let Some(first) = block.first() else { continue };
        let n = block.len() as f64;
        let mean = |count: fn(&WeekCounts) -> u32| {
            block.iter().map(|w| f64::from(count(w))).sum::<f64>() / n
        };
        let left = day_x(first.week_start) - 0.5;
        let right = left + n * 7.0;
        let aim = mean(WeekCounts::strength_target);
        match levels.last_mut() {
            Some(level) if (level.2 - aim).abs() < 1e-9 && level.1 == left => level.1 = right,
            _ => levels.push((left, right, aim)),
        }
        let middle = day_x(first.week_start) + n * 7.0 / 2.0 - 0.5;
        let values = [
            (&mut bars.stretch, mean(|w| w.stretch), -width),
            (&mut bars.strength, mean(|w| w.strength), 0.0),
            (&mut bars.heat, mean(|w| w.heat), width),
        ];
        for (list, value, offset) in values {
            bars.y_max = bars.y_max.max(value);
            list.push(
                Bar::new(middle + offset, value)
                    .width(width * 0.9)
                    .stroke(egui::Stroke::NONE),
            );
        }
    }
    bars.target = LineSeries::new(
        levels
            .into_iter()
            .map(|(left, right, aim)| vec![PlotPoint::new(left, aim), PlotPoint::new(right, aim)])
            .collect(),
    );
    bars
}

fn range_summary(p: &ProgressData) -> String {
    let checkins = count(p.pain.len(), "check-in", "check-ins");
    match p.range {
        ProgressRange::All => format!(
            "{checkins} since {}",
            p.from.format(if p.from.year() == p.to.year() {
                "%-d %B"
            } else {
                "%-d %B %Y"
            })
        ),
        range => format!("{checkins} in the last {}", range.label()),
    }
}

/// "Checked in on 60 of the 78 days that asked for it; 6 days off are not
/// counted."
fn adherence_text(p: &ProgressData) -> Option<String> {
    let a = p.adherence;
    if a.asked == 0 && a.days_off == 0 {
        return None;
    }
    let asked = format!(
        "Checked in on {} of the {} days that asked for it",
        a.done, a.asked
    );
    Some(match a.days_off {
        0 => format!("{asked}."),
        n => format!(
            "{asked}; {} off {} not counted.",
            count(n as usize, "day", "days"),
            if n == 1 { "is" } else { "are" }
        ),
    })
}

fn baseline_text(p: &ProgressData) -> String {
    match p.baseline {
        None => "Your baseline will be the average of your first 7 check-ins.".to_owned(),
        Some(b) => match b.source {
            BaselineSource::UserSet => {
                format!("Your baseline is {:.1}, a value you set yourself.", b.value)
            }
            BaselineSource::FirstCheckIns(n) if n < crate::domain::trend::BASELINE_CHECKINS => {
                format!(
                    "Your baseline so far is {:.1}, the average of your first {}. \
                     It settles once you have 7.",
                    b.value,
                    count(n, "check-in", "check-ins")
                )
            }
            BaselineSource::FirstCheckIns(n) => {
                format!(
                    "Your baseline is {:.1}, the average of your first {}.",
                    b.value,
                    count(n, "check-in", "check-ins")
                )
            }
        },
    }
}

fn change_text(p: &ProgressData) -> Option<String> {
    let (date, pct, level) = p.latest_change()?;
    let mean = p.rolling_mean.last().map_or(0.0, |m| m.1);
    let when = if date == p.to {
        "Your 7-day average today".to_owned()
    } else {
        format!("Your 7-day average on {}", date.format("%-d %B"))
    };
    // Rounded towards zero, as on the visit summary: 29.6% is not yet 30%.
    let how = match whole_percent(pct) {
        0 => "level with your baseline".to_owned(),
        n if pct < 0.0 => format!("{n}% below your baseline"),
        n => format!("{n}% above your baseline"),
    };
    let verdict = match level {
        Improvement::Substantial => {
            " Clinicians count a drop of 50% or more as a substantial improvement."
        }
        Improvement::Moderate => {
            " Clinicians count a drop of 30% or more as a meaningful improvement."
        }
        Improvement::BelowThreshold if pct < 0.0 => {
            " Clinicians usually look for a drop of about 30% before calling it a clear change."
        }
        Improvement::BelowThreshold => "",
    };
    Some(format!("{when} is {mean:.1}, {how}.{verdict}"))
}

fn streak_now(s: Streak) -> String {
    days(s.current)
}

fn streak_best(s: Streak) -> String {
    days(s.longest)
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

fn insight_text(insight: &Insight) -> String {
    match insight {
        Insight::Ready(comparison) => format!(
            "{} This is what your log shows, not proof that one causes the other: sleep, \
             stress and busy days play their part too.",
            comparison.observation()
        ),
        Insight::NeedMoreDays { .. } => {
            let (after_routine, after_none) = insight.more_days_needed();
            let mut parts = Vec::new();
            if after_routine > 0 {
                parts.push(format!(
                    "{} after a day with a routine",
                    days_u(after_routine)
                ));
            }
            if after_none > 0 {
                parts.push(format!("{} after a day without one", days_u(after_none)));
            }
            format!(
                "Once there are at least 7 check-ins on each side, this compares your pain on \
                 the day after a routine with the day after none. Still needed: {}.",
                parts.join(" and ")
            )
        }
    }
}

fn days_u(n: usize) -> String {
    count(n, "check-in", "check-ins")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn runs_break_at_missing_days_and_keep_lone_days_as_dots() {
        // 2nd-4th, then the 6th alone, then 8th-9th.
        let series: Vec<DayValue> = [2, 3, 4, 6, 8, 9].map(|d| (day(d), f64::from(d))).to_vec();
        let series = runs(&series, 1);
        let lengths: Vec<usize> = series.runs().map(<[_]>::len).collect();
        assert_eq!(lengths, [3, 1, 2]);
        assert_eq!(
            series.runs().nth(1),
            Some(&[PlotPoint::new(day_x(day(6)), 6.0)][..])
        );
    }

    #[test]
    fn weekly_means_are_dated_on_thursday_and_skip_empty_weeks() {
        // Mon 2 and Wed 4 March; nothing the week of the 9th; Sun 22 March.
        let series = [(day(2), 2.0), (day(4), 4.0), (day(22), 7.0)];
        let weekly = weekly_means(&series);
        assert_eq!(weekly, [(day(5), 3.0), (day(19), 7.0)]);
        let series = runs(&weekly, 7);
        assert!(series.runs().all(|run| run.len() == 1));
        assert_eq!(series.points().len(), 2);
    }

    #[test]
    fn long_ranges_average_bars_over_blocks_of_weeks() {
        let weeks: Vec<WeekCounts> = (0..52u64)
            .map(|i| {
                let mut w = WeekCounts::empty(day(2) + chrono::Days::new(7 * i));
                w.strength = 3;
                w
            })
            .collect();
        let bars = weekly_bars(&weeks);
        assert_eq!(bars.block_weeks, 2);
        assert_eq!(bars.strength.len(), 26);
        assert!(bars.strength.iter().all(|b| (b.value - 3.0).abs() < 1e-9));
        assert_eq!(weekly_bars(&weeks[..12]).block_weeks, 1);
        // No day off: one level at 3 across all of it.
        assert_eq!(bars.target.runs().count(), 1);
        assert!(!bars.target_lowered);
    }

    #[test]
    fn days_off_lower_the_aim_of_their_week_only() {
        let mut weeks: Vec<WeekCounts> = (0..4u64)
            .map(|i| WeekCounts::empty(day(2) + chrono::Days::new(7 * i)))
            .collect();
        weeks[1].days_off = 7;
        weeks[2].days_off = 3;
        let bars = weekly_bars(&weeks);
        assert!(bars.target_lowered);
        let levels: Vec<f64> = bars.target.runs().map(|run| run[0].y).collect();
        assert_eq!(levels, [3.0, 0.0, 2.0, 3.0]);
        let first = bars.target.runs().next().unwrap();
        assert_eq!(first[0].x, day_x(day(2)) - 0.5);
        assert_eq!(first[1].x, day_x(day(2)) + 6.5);
    }
}
