//! What helps, as the Progress screen shows it, derived with the rest of
//! the view (once per data revision, range and date): experiments and days
//! off as bands on the pain chart, flare-ups as rings, the flare-up count,
//! each experiment's before/during comparison in words, and the function
//! check's scores.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, FixedOffset, NaiveDate, Timelike};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};
use egui_plot::PlotPoint;

use super::days::day_x;
use super::layers::{Band, Bands, Rings, assign_lanes};
use super::legend::RING_RADIUS;
use super::sparkline::{Sparkline, activity_colors};
use crate::domain::dates::week_start;
use crate::domain::experiment::Experiment;
use crate::domain::experiment::compare::{ExperimentResult, Shift, Verdict, evaluate};
use crate::domain::flare::{FlareUp, weekly_counts};
use crate::domain::function_check::{ActivityChange, INTERVAL_DAYS, change_sentence, changes};
use crate::domain::trend::ProgressRange;
use crate::store::Stored;
use crate::ui::data::Data;
use crate::ui::theme::{self, Palette};

/// The days and range a view covers, as the layers need them.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub from: NaiveDate,
    pub today: NaiveDate,
    pub range: ProgressRange,
    /// Flare-ups as one ring a week (the week's highest) instead of each.
    pub weekly: bool,
    /// The local offset, for a flare-up's time of day.
    pub zone: FixedOffset,
}

/// Words laid out in the light and in the dark palette's colours, once, so
/// a frame draws a block of them as one label.
#[derive(Debug, Clone, PartialEq)]
pub struct Themed([Arc<LayoutJob>; 2]);

impl Themed {
    fn new(make: impl Fn(&Palette) -> LayoutJob) -> Self {
        Self([Arc::new(make(&theme::LIGHT)), Arc::new(make(&theme::DARK))])
    }

    pub fn get(&self, theme: egui::Theme) -> Arc<LayoutJob> {
        let [light, dark] = &self.0;
        match theme {
            egui::Theme::Light => Arc::clone(light),
            egui::Theme::Dark => Arc::clone(dark),
        }
    }
}

/// Body text, as the theme sets it.
const BODY_SIZE: f32 = 15.0;

/// Appends `text` to `job` on a line of its own.
fn line(job: &mut LayoutJob, text: &str, size: f32, color: Color32) {
    if !job.text.is_empty() {
        job.append(
            "\n",
            0.0,
            TextFormat::simple(FontId::proportional(size), color),
        );
    }
    job.append(
        text,
        0.0,
        TextFormat::simple(FontId::proportional(size), color),
    );
}

/// One experiment as the Experiments section lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentCard {
    /// Its store id, for the stop command.
    pub id: i64,
    pub name: String,
    /// "Exercise · day 5 of 14, since 3 Nov".
    pub about: String,
    /// How many check-ins on each side, and their means and medians.
    pub numbers: String,
    /// The verdict, as a sentence.
    pub verdict: String,
    /// The shift with its interval, only with a verdict that rests on it.
    pub difference: Option<String>,
    pub caveats: Vec<String>,
    /// Runs today and has not been stopped: a Stop button.
    pub stoppable: bool,
    /// All of the above as one block of text.
    pub text: Themed,
}

/// The function check over the range: a line of scores per activity.
pub struct FunctionView {
    /// A line per activity shown ("Carrying shopping: 4 on 3 Nov, 6 on 24
    /// Nov (+2)") after a dash of its line's colour, then whether the
    /// average change matters.
    pub text: Themed,
    pub chart: Sparkline,
    /// What a screen reader says for the chart.
    pub chart_label: String,
}

pub struct HelpsView {
    pub experiment_bands: Bands,
    pub days_off_bands: Bands,
    pub flare_ups: Rings,
    /// "Flare-ups: 3 in the last 4 weeks, 1 this week."; `None` when none
    /// was ever logged.
    pub flare_text: Option<String>,
    /// Newest first.
    pub experiments: Vec<ExperimentCard>,
    /// Present once an activity has been named.
    pub function: Option<FunctionView>,
}

impl HelpsView {
    pub fn build(data: &Data, span: Span, x_bounds: (f64, f64)) -> Self {
        let flare_records: Vec<FlareUp> = data
            .helps
            .flare_ups
            .iter()
            .map(|f| f.record.clone())
            .collect();
        Self {
            experiment_bands: experiment_bands(&data.helps.experiments, span),
            days_off_bands: Bands::new(
                data.helps
                    .days_off
                    .iter()
                    .filter_map(|d| band(d.record.first, d.record.last, span, String::new()))
                    .collect(),
            ),
            flare_ups: Rings::new(
                flare_points(&flare_records, span),
                if span.weekly { 3.0 } else { RING_RADIUS },
            ),
            flare_text: (!flare_records.is_empty()).then(|| flare_text(&flare_records, span)),
            experiments: experiment_cards(data, span.today),
            function: (!data.helps.activities.is_empty())
                .then(|| function_view(data, span, x_bounds)),
        }
    }
}

/// The band over `first` to `last`, cut to the range and to today; `None`
/// when nothing of it is left.
fn band(first: NaiveDate, last: NaiveDate, span: Span, label: String) -> Option<Band> {
    let shown_first = first.max(span.from);
    let shown_last = last.min(span.today);
    (shown_first <= shown_last).then(|| Band {
        x: (day_x(shown_first) - 0.5, day_x(shown_last) + 0.5),
        label,
        lane: 0,
        starts_here: first >= span.from,
    })
}

fn experiment_bands(experiments: &[Stored<Experiment>], span: Span) -> Bands {
    // The store keeps them by start day, as the label rows need.
    let mut bands: Vec<Band> = experiments
        .iter()
        .filter_map(|e| band(e.record.start, e.record.end(), span, e.record.name.clone()))
        .collect();
    assign_lanes(&mut bands);
    Bands::new(bands)
}

/// Where on its day a flare-up happened, from 0 (midnight) to 1, kept a
/// little inside the day so the ring stays over it.
fn day_fraction(f: &FlareUp, zone: FixedOffset) -> f64 {
    let local = f.at.with_timezone(&zone);
    if local.date_naive() != f.date {
        return 0.5;
    }
    (f64::from(local.num_seconds_from_midnight()) / 86_400.0).clamp(0.04, 0.96)
}

/// Each flare-up in the range at its time of day and pain; over long
/// ranges one ring per week that had any, at the week's highest pain.
fn flare_points(flare_ups: &[FlareUp], span: Span) -> Vec<PlotPoint> {
    let shown = flare_ups
        .iter()
        .filter(|f| span.from <= f.date && f.date <= span.today);
    if span.weekly {
        let mut weeks: BTreeMap<NaiveDate, u8> = BTreeMap::new();
        for f in shown {
            let highest = weeks.entry(week_start(f.date)).or_default();
            *highest = (*highest).max(f.pain.get());
        }
        weeks
            .into_iter()
            .map(|(monday, pain)| PlotPoint::new(day_x(monday) + 3.0, f64::from(pain)))
            .collect()
    } else {
        let mut points: Vec<PlotPoint> = shown
            .map(|f| {
                PlotPoint::new(
                    day_x(f.date) - 0.5 + day_fraction(f, span.zone),
                    f64::from(f.pain.get()),
                )
            })
            .collect();
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
        points
    }
}

fn flare_text(flare_ups: &[FlareUp], span: Span) -> String {
    let weeks = weekly_counts(flare_ups, span.from, span.today);
    let total: u32 = weeks.iter().map(|w| w.1).sum();
    let this_week = weeks.last().map_or(0, |w| w.1);
    let range = match span.range {
        ProgressRange::All => format!("since {}", span.from.format("%-d %B %Y")),
        range => format!("in the last {}", range.label()),
    };
    format!("Flare-ups: {total} {range}, {this_week} this week.")
}

/// "3 Nov", or "3 Nov 2025" when the year is not this one.
fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    let format = if date.year() == today.year() {
        "%-d %b"
    } else {
        "%-d %b %Y"
    };
    date.format(format).to_string()
}

fn experiment_cards(data: &Data, today: NaiveDate) -> Vec<ExperimentCard> {
    if data.helps.experiments.is_empty() {
        return Vec::new();
    }
    let pain_by_day: BTreeMap<NaiveDate, u8> = data
        .checkins
        .iter()
        .filter(|c| c.date <= today)
        .map(|c| (c.date, c.pain.get()))
        .collect();
    let all = data.helps.experiment_records();
    data.helps
        .experiments
        .iter()
        .rev()
        .map(|stored| {
            let e = &stored.record;
            let result = evaluate(e, &pain_by_day, &all, today);
            card(stored.id, e, &result, today)
        })
        .collect()
}

fn card(id: i64, e: &Experiment, result: &ExperimentResult, today: NaiveDate) -> ExperimentCard {
    let stoppable = e.stopped_on.is_none() && e.is_running(today);
    let start = short_date(e.start, today);
    let when = if stoppable {
        format!(
            "day {} of {}, since {start}",
            result.days_so_far, e.planned_days
        )
    } else if let Some(stop) = e.stopped_on.filter(|s| *s != e.planned_end()) {
        let days = (stop - e.start).num_days() + 1;
        format!(
            "{start} to {}, stopped after {days} of {} days",
            short_date(stop, today),
            e.planned_days
        )
    } else {
        format!(
            "{} days, {start} to {}",
            e.planned_days,
            short_date(e.end(), today)
        )
    };
    let side = |name: &str, side: &crate::domain::experiment::compare::Side| match (
        side.mean,
        side.median,
    ) {
        (Some(mean), Some(median)) => format!("{name}: mean {mean:.1}, median {median:.1}"),
        _ => format!("{name}: no check-ins"),
    };
    let numbers = format!(
        "Check-ins: {} of the {} days before, {} of {} during.\n{}. {}.",
        result.before.checkins,
        e.planned_days,
        result.during.checkins,
        result.days_so_far,
        side("Before", &result.before),
        side("During", &result.during),
    );
    let difference = match (&result.verdict, result.shift) {
        (Verdict::Lower { .. } | Verdict::Higher { .. } | Verdict::NoClearChange, Some(shift)) => {
            Some(difference_text(shift))
        }
        _ => None,
    };
    let about = format!("{} · {when}", e.kind.label());
    let verdict = format!("{}.", result.verdict.sentence());
    let caveats: Vec<String> = result
        .caveats
        .iter()
        .map(|c| format!("{}.", c.sentence()))
        .collect();
    let text = Themed::new(|p| {
        let mut job = LayoutJob::default();
        line(&mut job, &e.name, 17.0, p.text);
        line(&mut job, &about, BODY_SIZE, p.muted);
        line(&mut job, &numbers, BODY_SIZE, p.text);
        line(&mut job, &verdict, BODY_SIZE, p.text);
        if let Some(difference) = &difference {
            line(&mut job, difference, BODY_SIZE, p.text);
        }
        for caveat in &caveats {
            line(&mut job, caveat, BODY_SIZE, p.muted);
        }
        job
    });
    ExperimentCard {
        id,
        name: e.name.clone(),
        about,
        numbers,
        verdict,
        difference,
        caveats,
        stoppable,
        text,
    }
}

/// A number of points with its sign ("+1.0", "-0.5"), and "0.0" for none.
fn signed(points: f64) -> String {
    if points.abs() < 0.05 {
        "0.0".to_owned()
    } else {
        format!("{points:+.1}")
    }
}

fn difference_text(shift: Shift) -> String {
    format!(
        "Difference, during minus before: {} points (95% interval {} to {}).",
        signed(shift.estimate),
        signed(shift.low),
        signed(shift.high)
    )
}

fn function_view(data: &Data, span: Span, x_bounds: (f64, f64)) -> FunctionView {
    let helps = &data.helps;
    let ratings = helps.rating_records();
    let (found, average) = changes(&helps.activities, &ratings, span.from, span.today);
    let mut rows = Vec::new();
    let mut series = Vec::new();
    let mut checks = 0;
    for activity in &helps.activities {
        let change = found.iter().find(|c| c.uid == activity.uid);
        if change.is_none() && !activity.is_active() {
            continue;
        }
        let mut scores: Vec<(NaiveDate, u8)> = ratings
            .iter()
            .filter(|r| r.activity_uid == activity.uid)
            .filter(|r| span.from <= r.date && r.date <= span.today)
            .map(|r| (r.date, r.score.get()))
            .collect();
        scores.sort_unstable();
        checks += scores.len();
        rows.push(activity_summary(&activity.name, change, span.today));
        series.push(score_runs(&scores));
    }
    let average = average.map(|a| format!("{}.", change_sentence(a)));
    let text = Themed::new(|p| {
        let mut job = LayoutJob::default();
        for (row, color) in rows.iter().zip(activity_colors(p).into_iter().cycle()) {
            line(&mut job, "\u{2014} ", BODY_SIZE, color);
            job.append(
                row,
                0.0,
                TextFormat::simple(FontId::proportional(BODY_SIZE), p.text),
            );
        }
        if let Some(average) = &average {
            line(&mut job, average, BODY_SIZE, p.text);
        }
        job
    });
    FunctionView {
        chart_label: format!(
            "Function check scores over the range: {}, {}",
            crate::text::count(rows.len(), "activity", "activities"),
            crate::text::count(checks, "score", "scores")
        ),
        text,
        chart: Sparkline::new(series, x_bounds),
    }
}

/// Scores as runs of points, broken where a check was missed for more
/// than two weeks.
fn score_runs(scores: &[(NaiveDate, u8)]) -> Vec<Vec<PlotPoint>> {
    scores
        .chunk_by(|a, b| (b.0 - a.0).num_days() <= 2 * INTERVAL_DAYS)
        .map(|run| {
            run.iter()
                .map(|&(date, score)| PlotPoint::new(day_x(date), f64::from(score)))
                .collect()
        })
        .collect()
}

fn activity_summary(name: &str, change: Option<&ActivityChange>, today: NaiveDate) -> String {
    let Some(c) = change else {
        return format!("{name}: not rated in this range");
    };
    let first = format!("{} on {}", c.first.1.get(), short_date(c.first.0, today));
    if c.latest.0 == c.first.0 {
        return format!("{name}: {first}");
    }
    let change = match c.change() {
        0 => "no change".to_owned(),
        n => format!("{n:+}"),
    };
    format!(
        "{name}: {first}, {} on {} ({change})",
        c.latest.1.get(),
        short_date(c.latest.0, today)
    )
}

#[cfg(test)]
mod tests;
