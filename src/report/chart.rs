//! The pain chart, in vectors: daily pain as dots (weekly means beyond
//! twelve weeks), the 7-day average as a line, flare-ups as diamonds,
//! experiments and days off as bands, and the baseline with the 30% and
//! 50% lines. A legend sits above the plot, never on it; labels that
//! would collide are moved apart or left out.

use chrono::{Datelike, NaiveDate};
use krilla::geom::PathBuilder;
use krilla::surface::Surface;

use super::font::Face;
use super::layout::Rect;
use super::paint::{MUTED, Rgb, TEXT, fill_path, fill_rect, rect_path, stroke, text};
use super::words::date;
use crate::domain::dates::week_start;
use crate::domain::trend::{
    MODERATE_IMPROVEMENT_PCT, SUBSTANTIAL_IMPROVEMENT_PCT, contiguous_runs,
};
use crate::domain::visit::{Band, VisitSummary};

const LABEL_PT: f32 = 8.0;
const GRID: Rgb = Rgb(0xd6, 0xd6, 0xd6);
const DOT: Rgb = Rgb(0x3a, 0x3a, 0x3a);
const MEAN: Rgb = Rgb(0x1f, 0x5f, 0xa8);
const FLARE: Rgb = Rgb(0xc0, 0x39, 0x2b);
const EXPERIMENT: Rgb = Rgb(0xdc, 0xe8, 0xf6);
const EXPERIMENT_EDGE: Rgb = Rgb(0x8f, 0xb1, 0xda);
const EXPERIMENT_TEXT: Rgb = Rgb(0x1b, 0x4a, 0x80);
const DAY_OFF: Rgb = Rgb(0x9a, 0x9a, 0x9a);
const BASELINE: Rgb = Rgb(0x55, 0x55, 0x55);
const LINES: Rgb = Rgb(0x2e, 0x7d, 0x32);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Maps days and pain to the plot's area.
struct Plot {
    area: Rect,
    from: NaiveDate,
    days: f32,
}

impl Plot {
    /// The middle of the day's column.
    fn x(&self, day: NaiveDate) -> f32 {
        let index = (day - self.from).num_days() as f32;
        self.area.x + (index + 0.5) / self.days * self.area.w
    }

    fn half_day(&self) -> f32 {
        0.5 * self.area.w / self.days
    }

    /// The plot's full height over a band's days, edge to edge.
    fn band_rect(&self, band: &Band) -> Rect {
        let x0 = self.x(band.from) - self.half_day();
        let x1 = self.x(band.to) + self.half_day();
        Rect {
            x: x0,
            y: self.area.y,
            w: x1 - x0,
            h: self.area.h,
        }
    }

    fn y(&self, pain: f64) -> f32 {
        self.area.y + self.area.h * (1.0 - (pain.clamp(0.0, 10.0) / 10.0) as f32)
    }
}

/// The baseline and the 30% and 50% lines, with their labels; none when
/// the baseline is 0.
fn reference_lines(summary: &VisitSummary) -> Vec<(f64, &'static str, Rgb, [f32; 2])> {
    let base = summary.pain.baseline.value;
    if base <= 0.0 {
        return Vec::new();
    }
    vec![
        (base, "Baseline", BASELINE, [3.0, 2.0]),
        (
            base * (1.0 + MODERATE_IMPROVEMENT_PCT / 100.0),
            "30% less",
            LINES,
            [3.0, 2.0],
        ),
        (
            base * (1.0 + SUBSTANTIAL_IMPROVEMENT_PCT / 100.0),
            "50% less",
            LINES,
            [0.8, 2.0],
        ),
    ]
}

pub(super) fn draw(surface: &mut Surface<'_>, face: &Face, summary: &VisitSummary, rect: Rect) {
    let legend_h = legend(surface, face, summary, rect);
    let references = reference_lines(summary);
    let right = references
        .iter()
        .map(|r| face.width(r.1, LABEL_PT))
        .fold(0.0, f32::max);
    let y_labels = face.width("10", LABEL_PT) + 5.0;
    let top = rect.y + legend_h + 6.0;
    let plot = Plot {
        area: Rect {
            x: rect.x + y_labels,
            y: top,
            w: rect.w - y_labels - if right > 0.0 { right + 6.0 } else { 0.0 },
            h: rect.y + rect.h - LABEL_PT - 6.0 - top,
        },
        from: summary.period.from,
        days: summary.period.days() as f32,
    };
    let chart = &summary.chart;
    // Bands first, so that everything else is drawn over them.
    for band in &chart.experiments {
        let rect = plot.band_rect(band);
        fill_rect(surface, rect, EXPERIMENT);
        // Its first day, so that overlapping experiments stay apart.
        let mut edge = PathBuilder::new();
        edge.move_to(rect.x, rect.y);
        edge.line_to(rect.x, rect.y + rect.h);
        if let Some(path) = edge.finish() {
            stroke(surface, &path, EXPERIMENT_EDGE, 0.8, None);
        }
    }
    for band in &chart.days_off {
        hatch(surface, plot.band_rect(band));
    }
    grid(surface, face, &plot);
    dates(surface, face, &plot, summary);
    for (value, _, colour, dash) in &references {
        let y = plot.y(*value);
        let mut line = PathBuilder::new();
        line.move_to(plot.area.x, y);
        line.line_to(plot.area.x + plot.area.w, y);
        if let Some(path) = line.finish() {
            stroke(surface, &path, *colour, 0.9, Some(dash));
        }
    }
    reference_labels(surface, face, &plot, &references);
    experiment_numbers(surface, face, &plot, summary);
    series(surface, summary, &plot);
}

/// Each experiment's number at the top of its band, as the list below
/// numbers them; one that would touch the number before goes a line lower.
fn experiment_numbers(surface: &mut Surface<'_>, face: &Face, plot: &Plot, summary: &VisitSummary) {
    let mut last: Option<(f32, f32)> = None;
    for (n, band) in summary.chart.experiments.iter().enumerate() {
        let label = (n + 1).to_string();
        let x = plot.x(band.from) - plot.half_day() + 2.0;
        let mut y = plot.area.y + LABEL_PT;
        if let Some((right, above)) = last
            && x < right + 2.0
        {
            y = above + LABEL_PT + 1.0;
        }
        text(surface, face, x, y, &label, LABEL_PT, EXPERIMENT_TEXT, true);
        last = Some((x + face.width(&label, LABEL_PT), y));
    }
}

/// Horizontal lines at 0, 2, ... 10, labelled on the left.
fn grid(surface: &mut Surface<'_>, face: &Face, plot: &Plot) {
    let mut lines = PathBuilder::new();
    for level in (2..=10).step_by(2) {
        let y = plot.y(f64::from(level));
        lines.move_to(plot.area.x, y);
        lines.line_to(plot.area.x + plot.area.w, y);
    }
    if let Some(path) = lines.finish() {
        stroke(surface, &path, GRID, 0.4, None);
    }
    let mut zero = PathBuilder::new();
    zero.move_to(plot.area.x, plot.y(0.0));
    zero.line_to(plot.area.x + plot.area.w, plot.y(0.0));
    if let Some(path) = zero.finish() {
        stroke(surface, &path, GRID, 0.8, None);
    }
    for level in (0..=10).step_by(2) {
        let label = level.to_string();
        let x = plot.area.x - 4.0 - face.width(&label, LABEL_PT);
        let y = plot.y(f64::from(level)) + LABEL_PT * 0.35;
        text(surface, face, x, y, &label, LABEL_PT, MUTED, false);
    }
}

/// Date marks under the plot: each day (or every other) up to two weeks,
/// Mondays (every week or every other) up to twelve, the first of each
/// month beyond; a mark that would touch the one before is left out.
fn dates(surface: &mut Surface<'_>, face: &Face, plot: &Plot, summary: &VisitSummary) {
    let period = summary.period;
    let days = period.days();
    let weekly = summary.chart.weekly;
    let mut last_right = f32::MIN;
    let baseline = plot.area.y + plot.area.h + LABEL_PT + 3.0;
    let marked = period
        .from
        .iter_days()
        .take_while(|d| *d <= period.to)
        .enumerate()
        .filter(|(i, day)| {
            if weekly {
                day.day() == 1
            } else if days <= 14 {
                i % if days <= 8 { 1 } else { 2 } == 0
            } else {
                let week = (*day - week_start(period.from)).num_days() / 7;
                day.weekday() == chrono::Weekday::Mon && (days <= 35 || week % 2 == 1)
            }
        });
    let mut ticks = PathBuilder::new();
    for (_, day) in marked {
        let label = if weekly && day.month() == 1 {
            day.format("%b %Y").to_string()
        } else if weekly {
            day.format("%b").to_string()
        } else {
            format!("{} {}", day.day(), day.format("%b"))
        };
        // Days are marked at their middle, weeks and months where they begin.
        let x = if days <= 14 {
            plot.x(day)
        } else {
            plot.x(day) - plot.half_day()
        };
        let w = face.width(&label, LABEL_PT);
        let left = (x - w / 2.0).max(plot.area.x - 4.0);
        if left < last_right + 6.0 || left + w > plot.area.x + plot.area.w + 4.0 {
            continue;
        }
        ticks.move_to(x, plot.area.y + plot.area.h);
        ticks.line_to(x, plot.area.y + plot.area.h + 3.0);
        text(
            surface, face, left, baseline, &label, LABEL_PT, MUTED, false,
        );
        last_right = left + w;
    }
    if let Some(path) = ticks.finish() {
        stroke(surface, &path, MUTED, 0.6, None);
    }
}

/// The reference lines' names at the plot's right, moved apart so that
/// they never overlap.
fn reference_labels(
    surface: &mut Surface<'_>,
    face: &Face,
    plot: &Plot,
    references: &[(f64, &'static str, Rgb, [f32; 2])],
) {
    let gap = LABEL_PT + 1.5;
    // Highest on the page first (largest value).
    let mut ys: Vec<f32> = references.iter().map(|r| plot.y(r.0)).collect();
    for i in 1..ys.len() {
        if ys[i] < ys[i - 1] + gap {
            ys[i] = ys[i - 1] + gap;
        }
    }
    let bottom = plot.area.y + plot.area.h;
    let overshoot = ys.last().map_or(0.0, |y| (y - bottom).max(0.0));
    for (y, (_, label, colour, _)) in ys.iter().zip(references) {
        let x = plot.area.x + plot.area.w + 5.0;
        let colour = if *colour == LINES {
            Rgb(0x1e, 0x5e, 0x22)
        } else {
            *colour
        };
        text(
            surface,
            face,
            x,
            y - overshoot + LABEL_PT * 0.35,
            label,
            LABEL_PT,
            colour,
            false,
        );
    }
}

/// The points, the mean line and the flare-ups.
fn series(surface: &mut Surface<'_>, summary: &VisitSummary, plot: &Plot) {
    let chart = &summary.chart;
    for run in contiguous_runs(&chart.mean) {
        polyline(surface, plot, run, MEAN, 1.6);
    }
    if chart.weekly {
        polyline(surface, plot, &chart.points, DOT, 0.8);
    }
    // Each kind of mark as one path: one fill for all of them.
    let radius = if chart.weekly { 2.2 } else { 1.5 };
    let mut dots = PathBuilder::new();
    for &(day, pain) in &chart.points {
        add_dot(&mut dots, plot.x(day), plot.y(pain), radius);
    }
    if let Some(path) = dots.finish() {
        fill_path(surface, &path, DOT);
    }
    let mut diamonds = PathBuilder::new();
    for &(day, pain) in &chart.flare_ups {
        add_diamond(&mut diamonds, plot.x(day), plot.y(f64::from(pain)), 3.4);
    }
    if let Some(path) = diamonds.finish() {
        fill_path(surface, &path, FLARE);
        stroke(surface, &path, WHITE, 0.5, None);
    }
}

fn polyline(
    surface: &mut Surface<'_>,
    plot: &Plot,
    points: &[(NaiveDate, f64)],
    colour: Rgb,
    width: f32,
) {
    let mut line = PathBuilder::new();
    for (i, &(day, value)) in points.iter().enumerate() {
        if i == 0 {
            line.move_to(plot.x(day), plot.y(value));
        } else {
            line.line_to(plot.x(day), plot.y(value));
        }
    }
    if points.len() > 1
        && let Some(path) = line.finish()
    {
        stroke(surface, &path, colour, width, None);
    }
}

/// A filled circle.
fn dot(surface: &mut Surface<'_>, x: f32, y: f32, r: f32, colour: Rgb) {
    let mut c = PathBuilder::new();
    add_dot(&mut c, x, y, r);
    if let Some(path) = c.finish() {
        fill_path(surface, &path, colour);
    }
}

/// A circle from four cubic arcs.
fn add_dot(c: &mut PathBuilder, x: f32, y: f32, r: f32) {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    c.move_to(x + r, y);
    c.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    c.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    c.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    c.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    c.close();
}

fn diamond(surface: &mut Surface<'_>, x: f32, y: f32, r: f32) {
    let mut d = PathBuilder::new();
    add_diamond(&mut d, x, y, r);
    if let Some(path) = d.finish() {
        fill_path(surface, &path, FLARE);
        stroke(surface, &path, WHITE, 0.5, None);
    }
}

fn add_diamond(d: &mut PathBuilder, x: f32, y: f32, r: f32) {
    d.move_to(x, y - r);
    d.line_to(x + r, y);
    d.line_to(x, y + r);
    d.line_to(x - r, y);
    d.close();
}

/// Diagonal lines across `rect`: a day off, which lets an experiment's
/// band show through.
fn hatch(surface: &mut Surface<'_>, rect: Rect) {
    let Some(clip) = rect_path(rect) else {
        return;
    };
    surface.push_clip_path(&clip, &Default::default());
    let mut lines = PathBuilder::new();
    let mut x = rect.x - rect.h;
    while x < rect.x + rect.w {
        lines.move_to(x, rect.y + rect.h);
        lines.line_to(x + rect.h, rect.y);
        x += 4.0;
    }
    if let Some(path) = lines.finish() {
        stroke(surface, &path, DAY_OFF, 0.6, None);
    }
    surface.pop();
}

/// Draws the legend along the top of `rect`; returns its height.
fn legend(surface: &mut Surface<'_>, face: &Face, summary: &VisitSummary, rect: Rect) -> f32 {
    let chart = &summary.chart;
    let mut items: Vec<(&str, Mark)> = Vec::new();
    if chart.weekly {
        items.push(("Weekly mean of daily pain", Mark::Dot));
    } else {
        items.push(("Daily pain", Mark::Dot));
        items.push(("7-day average", Mark::Line));
    }
    if !chart.flare_ups.is_empty() {
        items.push(("Flare-up", Mark::Diamond));
    }
    if !chart.experiments.is_empty() {
        items.push(("Experiment, numbered as below", Mark::Band));
    }
    if !chart.days_off.is_empty() {
        items.push(("Days off", Mark::Hatch));
    }
    if summary.pain.baseline.value > 0.0 {
        items.push(("Baseline, and 30% and 50% less", Mark::Dashed));
    }
    let (mut x, mut y) = (rect.x, rect.y);
    let line = LABEL_PT + 4.0;
    for (label, mark) in items {
        let w = 14.0 + face.width(label, LABEL_PT);
        if x > rect.x && x + w > rect.x + rect.w {
            x = rect.x;
            y += line;
        }
        let mid = y + line / 2.0;
        match mark {
            Mark::Dot => dot(surface, x + 5.0, mid, 1.8, DOT),
            Mark::Diamond => diamond(surface, x + 5.0, mid, 3.4),
            Mark::Line | Mark::Dashed => {
                let mut l = PathBuilder::new();
                l.move_to(x, mid);
                l.line_to(x + 10.0, mid);
                if let Some(path) = l.finish() {
                    let (colour, width, dash) = match mark {
                        Mark::Line => (MEAN, 1.6, None),
                        _ => (BASELINE, 0.9, Some([2.0f32, 1.5].as_slice())),
                    };
                    stroke(surface, &path, colour, width, dash);
                }
            }
            Mark::Band => fill_rect(
                surface,
                Rect {
                    x,
                    y: mid - 4.0,
                    w: 10.0,
                    h: 8.0,
                },
                EXPERIMENT,
            ),
            Mark::Hatch => hatch(
                surface,
                Rect {
                    x,
                    y: mid - 4.0,
                    w: 10.0,
                    h: 8.0,
                },
            ),
        }
        text(
            surface,
            face,
            x + 14.0,
            mid + LABEL_PT * 0.35,
            label,
            LABEL_PT,
            TEXT,
            false,
        );
        x += w + 12.0;
    }
    y + line - rect.y
}

#[derive(Clone, Copy)]
enum Mark {
    Dot,
    Line,
    Diamond,
    Band,
    Hatch,
    Dashed,
}

/// The chart in words, with its numbers, for those who cannot see it.
pub(super) fn alt_text(summary: &VisitSummary) -> String {
    let chart = &summary.chart;
    let p = summary.period;
    let mut parts = vec![format!(
        "Chart of pain on a 0 to 10 scale from {} to {}.",
        date(p.from),
        date(p.to)
    )];
    let values: Vec<f64> = chart.points.iter().map(|d| d.1).collect();
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (what, line) = if chart.weekly {
        ("Weekly means", &chart.points)
    } else {
        ("Daily pain", &chart.mean)
    };
    if low.is_finite() {
        parts.push(format!("{what} ranged from {low:.1} to {high:.1}."));
    }
    if let (Some(first), Some(last)) = (line.first(), line.last()) {
        let name = if chart.weekly {
            "The weekly mean"
        } else {
            "The 7-day average"
        };
        parts.push(format!(
            "{name} went from {:.1} on {} to {:.1} on {}.",
            first.1,
            date(first.0),
            last.1,
            date(last.0)
        ));
    }
    let base = summary.pain.baseline.value;
    if base > 0.0 {
        parts.push(format!(
            "Lines mark the baseline at {base:.1}, 30% less at {:.1} and 50% less at {:.1}.",
            base * 0.7,
            base * 0.5
        ));
    }
    if let Some(highest) = chart.flare_ups.iter().map(|f| f.1).max() {
        let n = chart.flare_ups.len();
        let what = if n == 1 {
            "flare-up is"
        } else {
            "flare-ups are"
        };
        parts.push(format!("{n} {what} marked, the highest at pain {highest}."));
    }
    if !chart.experiments.is_empty() {
        let n = chart.experiments.len();
        let what = if n == 1 {
            "experiment is"
        } else {
            "experiments are"
        };
        parts.push(format!("{n} {what} shaded and numbered."));
    }
    if !chart.days_off.is_empty() {
        let days: i64 = chart
            .days_off
            .iter()
            .map(|b| (b.to - b.from).num_days() + 1)
            .sum();
        let what = if days == 1 {
            "day off is"
        } else {
            "days off are"
        };
        parts.push(format!("{days} {what} hatched."));
    }
    parts.join(" ")
}
