//! The three plots, drawn with egui_plot from points prepared in the view.
//! The x axis is days since 1970-01-01, labelled as dates.

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::{Color32, Ui};
use egui_plot::{
    BarChart, GridInput, GridMark, HLine, HoverPosition, LineStyle, Plot, PlotBounds, PlotPoints,
    PlotUi, Points,
};

use super::days::{day_x, x_day};
use super::legend::{Entry, Mark, legend_row_ui};
use super::view::ProgressView;
use crate::domain::trend::{MODERATE_IMPROVEMENT_PCT, SUBSTANTIAL_IMPROVEMENT_PCT};
use crate::ui::theme;

/// Strengthening sessions a week the routine aims for, in a week without
/// days off.
pub const STRENGTH_TARGET_PER_WEEK: f64 = crate::domain::session::STRENGTH_SESSIONS_PER_WEEK as f64;

/// egui_plot's smallest grid spacing, in points (its default, set explicitly
/// so the date marks below can turn `base_step_size` back into points).
const GRID_SPACING_MIN: f32 = 8.0;

/// A date label needs this many points between marks to be drawn in full
/// (egui_plot fades labels closer than 80 points and drops them below 60).
const DATE_LABEL_SPACING: f64 = 80.0;

/// Plot units (days, sessions) per screen point on the axis being marked:
/// egui_plot hands spacers its smallest grid step, GRID_SPACING_MIN points.
fn per_point(input: &GridInput) -> f64 {
    input.base_step_size / f64::from(GRID_SPACING_MIN)
}

/// The steps date marks can take, from a day to ten years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateStep {
    Days(u64),
    Months(u32),
}

impl DateStep {
    const ALL: [DateStep; 9] = [
        DateStep::Days(1),
        DateStep::Days(7),
        DateStep::Days(14),
        DateStep::Months(1),
        DateStep::Months(3),
        DateStep::Months(12),
        DateStep::Months(24),
        DateStep::Months(60),
        DateStep::Months(120),
    ];

    /// The step's length in days, as egui_plot measures label spacing.
    fn days(self) -> f64 {
        match self {
            DateStep::Days(days) => days as f64,
            DateStep::Months(months) => f64::from(months) * 30.44,
        }
    }

    /// The first mark on or after `first`.
    fn first_mark(self, first: NaiveDate) -> Option<NaiveDate> {
        match self {
            DateStep::Days(1) => Some(first),
            DateStep::Days(step) => {
                let to_monday = (7 - first.weekday().num_days_from_monday()) % 7;
                let monday = first.checked_add_days(Days::new(u64::from(to_monday)))?;
                // Every other Monday counted from a fixed Monday, so marks don't jump.
                let off_step = (day_x(monday) as i64 - 4).rem_euclid(step as i64);
                monday.checked_add_days(Days::new(((step as i64 - off_step) % step as i64) as u64))
            }
            DateStep::Months(step) => {
                let mut month = first.with_day(1).filter(|d| *d == first).or_else(|| {
                    first
                        .with_day(1)
                        .and_then(|d| d.checked_add_months(Months::new(1)))
                });
                // Counted from year 0, so quarters start in January and
                // five-year marks fall on 2025, 2030, ...
                while let Some(m) = month
                    .filter(|m| (m.year() * 12 + m.month0() as i32).rem_euclid(step as i32) != 0)
                {
                    month = m.checked_add_months(Months::new(1));
                }
                month
            }
        }
    }

    fn next(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            DateStep::Days(days) => date.checked_add_days(Days::new(days)),
            DateStep::Months(months) => date.checked_add_months(Months::new(months)),
        }
    }
}

/// Grid marks on whole dates: days, Mondays, fortnights, months, quarters or
/// years, the finest step whose labels have room at the plot's width.
pub fn date_marks(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let (Some(first), Some(last)) = (x_day(min.ceil()), x_day(max.floor())) else {
        return Vec::new();
    };
    let days_per_point = per_point(&input);
    let step = DateStep::ALL
        .into_iter()
        .find(|step| step.days() / days_per_point >= DATE_LABEL_SPACING)
        .unwrap_or(DateStep::Months(120));
    // Step from the first mark straight to the next: never day by day over years.
    std::iter::successors(step.first_mark(first), |d| step.next(*d))
        .take_while(|d| *d <= last)
        .take(400)
        .map(|d| GridMark {
            value: day_x(d),
            step_size: step.days(),
        })
        .collect()
}

/// "3 Nov" for day and week marks, "Nov" or "Jan 2027" for months, "2027" for years.
pub fn date_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let Some(date) = x_day(mark.value) else {
        return String::new();
    };
    let format = match mark.step_size {
        s if s < 28.0 => "%-d %b",
        s if s < 90.0 && date.month() != 1 => "%b",
        s if s < 360.0 => "%b %Y",
        _ => "%Y",
    };
    date.format(format).to_string()
}

/// A line at every point of the 0-10 scale, labels on the even ones.
fn pain_marks(_input: GridInput) -> Vec<GridMark> {
    (0..=10)
        .map(|v| GridMark {
            value: f64::from(v),
            step_size: if v % 2 == 0 { 2.0 } else { 1.0 },
        })
        .collect()
}

/// Lines at round percentages, about six of them whatever the span.
fn percent_marks(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let step = [10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0]
        .into_iter()
        .find(|step| (max - min) / step <= 7.0)
        .unwrap_or(1000.0);
    marks_every(step, min, max)
}

fn hover_label(unit: &'static str) -> impl Fn(&HoverPosition<'_>) -> Option<String> {
    move |hover| match hover {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => {
            let date = x_day(position.x)?.format("%a %-d %b %Y");
            Some(format!("{plot_name}\n{date}: {:.1}{unit}", position.y))
        }
        HoverPosition::Elsewhere { .. } => None,
    }
}

const PAIN_Y: (f64, f64) = (-0.4, 10.4);

/// Every plot's y axis takes this width (more only if a label needs it), so
/// the three plots start at the same left edge and their dates line up.
const Y_AXIS_WIDTH: f32 = 64.0;

/// The plot shows exactly these bounds. Set every frame: a plot given default
/// bounds keeps the first ones in its memory, and the range can change.
fn bounds(x: (f64, f64), y: (f64, f64)) -> PlotBounds {
    PlotBounds::from_min_max([x.0, y.0], [x.1, y.1])
}

/// A plot that shows, without zoom or drag (the page scrolls instead), over
/// the same dates as the other plots.
fn base_plot<'a>(
    id: &'static str,
    view: &ProgressView,
    height: f32,
    p: &theme::Palette,
) -> Plot<'a> {
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_background(false)
        .grid_color(p.grid)
        .grid_spacing(GRID_SPACING_MIN..=300.0)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .default_x_bounds(view.x_bounds.0, view.x_bounds.1)
        .x_grid_spacer(date_marks)
        .x_axis_formatter(date_label)
}

/// The shading of an experiment's days on the pain chart.
pub fn experiment_fill(p: &theme::Palette) -> Color32 {
    p.accent.gamma_multiply(0.16)
}

/// The shading of days off on the pain chart.
pub fn days_off_fill(p: &theme::Palette) -> Color32 {
    p.muted.gamma_multiply(0.2)
}

/// What the flare-up rings are called, in the legend and on hover.
pub fn flare_up_name(weekly: bool) -> &'static str {
    if weekly {
        "Flare-ups (the week's highest)"
    } else {
        "Flare-up"
    }
}

/// Daily pain as dots, the 7-day average as a line broken where a week is
/// empty; experiments and days off shaded behind them, flare-ups as rings.
pub fn pain_chart_ui(ui: &mut Ui, view: &ProgressView) {
    let p = theme::palette(ui.ctx());
    let helps = &view.helps;
    let name = if view.weekly_resolution {
        "Weekly average"
    } else {
        "7-day average"
    };
    let flare_name = flare_up_name(view.weekly_resolution);
    let mut entries = Vec::with_capacity(5);
    if !view.weekly_resolution {
        entries.push(Entry::new(Mark::Dot, p.pain_dot, "Daily pain"));
    }
    entries.push(Entry::new(Mark::Line, p.accent, name));
    if !helps.flare_ups.is_empty() {
        entries.push(Entry::new(Mark::Ring, p.error_text, flare_name));
    }
    if !helps.experiment_bands.is_empty() {
        entries.push(Entry::new(Mark::Band, experiment_fill(p), "Experiment"));
    }
    if !helps.days_off_bands.is_empty() {
        entries.push(Entry::new(Mark::Band, days_off_fill(p), "Days off"));
    }
    legend_row_ui(ui, &entries);
    base_plot("progress_pain", view, 220.0, p)
        .default_y_bounds(PAIN_Y.0, PAIN_Y.1)
        .y_grid_spacer(pain_marks)
        .y_axis_label("Pain (0-10)")
        .label_formatter(hover_label(""))
        .show(ui, |plot| {
            plot.set_plot_bounds(bounds(view.x_bounds, PAIN_Y));
            if !helps.days_off_bands.is_empty() {
                plot.add(helps.days_off_bands.item(
                    "Days off",
                    days_off_fill(p),
                    Color32::TRANSPARENT,
                    p.text,
                ));
            }
            if !helps.experiment_bands.is_empty() {
                plot.add(helps.experiment_bands.item(
                    "Experiment",
                    experiment_fill(p),
                    p.accent.gamma_multiply(0.7),
                    p.text,
                ));
            }
            plot.points(
                Points::new("Daily pain", PlotPoints::Borrowed(&view.pain_points))
                    .color(p.pain_dot)
                    .radius(2.5),
            );
            plot.add(view.mean.item(name, p.accent, 2.2));
            if !helps.flare_ups.is_empty() {
                plot.add(helps.flare_ups.item(flare_name, p.error_text, p.card));
            }
        });
}

/// Percent change of the 7-day average against the baseline, with the
/// 30 and 50 percent improvement lines, explained in the legend above the
/// plot rather than written where the line may run.
pub fn change_chart_ui(ui: &mut Ui, view: &ProgressView) {
    let p = theme::palette(ui.ctx());
    let moderate = format!("{MODERATE_IMPROVEMENT_PCT:.0}%: moderate improvement");
    let substantial = format!("{SUBSTANTIAL_IMPROVEMENT_PCT:.0}%: substantial improvement");
    legend_row_ui(
        ui,
        &[
            Entry::new(Mark::Line, p.accent, "Change from baseline"),
            Entry::new(Mark::Dashed, p.moderate, &moderate),
            Entry::new(Mark::Dashed, p.substantial, &substantial),
        ],
    );
    base_plot("progress_change", view, 200.0, p)
        .default_y_bounds(view.change_y.0, view.change_y.1)
        .y_axis_label("Change")
        .y_grid_spacer(percent_marks)
        .y_axis_formatter(|mark, _| format!("{:+.0}%", mark.value))
        .label_formatter(hover_label("%"))
        .show(ui, |plot| {
            plot.set_plot_bounds(bounds(view.x_bounds, view.change_y));
            plot.hline(
                HLine::new("", 0.0)
                    .color(p.muted)
                    .width(1.0)
                    .allow_hover(false),
            );
            plot.add(view.change.item("Change from baseline", p.accent, 2.2));
            for (pct, color) in [
                (MODERATE_IMPROVEMENT_PCT, p.moderate),
                (SUBSTANTIAL_IMPROVEMENT_PCT, p.substantial),
            ] {
                reference_line(plot, pct, color);
            }
        });
}

/// A dashed horizontal line at `y`, for targets and thresholds.
fn reference_line(plot: &mut PlotUi<'_>, y: f64, color: Color32) {
    plot.hline(
        HLine::new("", y)
            .color(color)
            .width(1.2)
            .style(LineStyle::dashed_loose())
            .allow_hover(false),
    );
}

/// Lines at whole numbers of sessions, labelled every 1, 2, 5 or 10 so the
/// labels have room whatever the plot's height.
fn count_marks(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let sessions_per_point = per_point(&input);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|step| step / sessions_per_point >= 30.0)
        .unwrap_or(100.0);
    marks_every(step, min.max(0.0), max)
}

/// A mark at every multiple of `step` from `min` to `max` (at most 50).
fn marks_every(step: f64, min: f64, max: f64) -> Vec<GridMark> {
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last)
        .take(50)
        .map(|i| GridMark {
            value: i as f64 * step,
            step_size: step,
        })
        .collect()
}

/// What hovering a bar says.
type BarLabel = Box<dyn Fn(&egui_plot::Bar, &BarChart) -> String>;

/// Stretching, strengthening and heat per week, with the strengthening target.
pub fn weekly_chart_ui(ui: &mut Ui, view: &ProgressView) {
    let p = theme::palette(ui.ctx());
    let bars = &view.weekly;
    let block_weeks = bars.block_weeks;
    let formatter = move |name: &'static str| -> BarLabel {
        Box::new(move |bar, _| {
            let start = x_day(bar.argument - (block_weeks * 7) as f64 / 2.0)
                .map_or(String::new(), |d| d.format("%-d %b %Y").to_string());
            if block_weeks == 1 {
                format!("{name}, week of {start}: {:.0}", bar.value)
            } else {
                format!(
                    "{name}, {block_weeks} weeks from {start}: {:.1} a week",
                    bar.value
                )
            }
        })
    };
    let aim = if bars.target_lowered {
        "Aim: strengthening 3 times a week, fewer with days off"
    } else {
        "Aim: strengthening 3 times a week"
    };
    legend_row_ui(
        ui,
        &[
            Entry::new(Mark::Square, p.stretch, "Stretching"),
            Entry::new(Mark::Square, p.strength, "Strengthening"),
            Entry::new(Mark::Square, p.heat, "Heat"),
            Entry::new(Mark::Dashed, p.strength, aim),
        ],
    );
    let y_bounds = (0.0, bars.y_max.max(STRENGTH_TARGET_PER_WEEK + 1.0) + 0.5);
    base_plot("progress_weekly", view, 200.0, p)
        .default_y_bounds(y_bounds.0, y_bounds.1)
        .y_grid_spacer(count_marks)
        .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .y_axis_label("Sessions a week")
        .show(ui, |plot| {
            plot.set_plot_bounds(bounds(view.x_bounds, y_bounds));
            for (name, list, color) in [
                ("Stretching", &bars.stretch, p.stretch),
                ("Strengthening", &bars.strength, p.strength),
                ("Heat", &bars.heat, p.heat),
            ] {
                plot.bar_chart(
                    BarChart::new(name, list.iter().map(|b| b.clone().fill(color)).collect())
                        .color(color)
                        .element_formatter(formatter(name)),
                );
            }
            plot.add(bars.target.dashed_item("Aim", p.strength, 1.2));
        });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The marks for a plot `width` points wide showing `from` to `to`.
    fn marks_at(from: NaiveDate, to: NaiveDate, width: f64) -> Vec<NaiveDate> {
        let bounds = (day_x(from) - 0.5, day_x(to) + 0.5);
        date_marks(GridInput {
            bounds,
            base_step_size: (bounds.1 - bounds.0) / width * f64::from(GRID_SPACING_MIN),
        })
        .into_iter()
        .map(|m| x_day(m.value).unwrap())
        .collect()
    }

    #[test]
    fn days_round_trip_through_x() {
        for d in [day(1970, 1, 1), day(1969, 12, 31), day(2026, 11, 3)] {
            assert_eq!(x_day(day_x(d)), Some(d));
        }
        assert_eq!(x_day(f64::NAN), None);
        let mark = GridMark {
            value: day_x(day(2026, 11, 3)),
            step_size: 7.0,
        };
        assert_eq!(date_label(mark, &(0.0..=1.0)), "3 Nov");
    }

    fn marks(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        marks_at(from, to, 700.0)
    }

    #[test]
    fn marks_fall_on_mondays_months_or_years() {
        let four_weeks = marks(day(2026, 10, 29), day(2026, 11, 25));
        assert_eq!(four_weeks.len(), 4);
        assert!(
            four_weeks
                .iter()
                .all(|d| d.weekday() == chrono::Weekday::Mon)
        );
        let twelve = marks(day(2026, 9, 3), day(2026, 11, 25));
        assert!((5..=7).contains(&twelve.len()), "{twelve:?}");
        let year = marks(day(2025, 11, 26), day(2026, 11, 25));
        assert!(year.iter().all(|d| d.day() == 1));
        // Three years: quarters need about 1,400 points to be labelled.
        let years = marks(day(2023, 11, 28), day(2026, 11, 25));
        assert_eq!(years, [day(2024, 1, 1), day(2025, 1, 1), day(2026, 1, 1)]);
        let quarters = marks_at(day(2023, 11, 28), day(2026, 11, 25), 1400.0);
        assert_eq!(quarters.len(), 12);
        assert!(
            quarters
                .iter()
                .all(|d| d.day() == 1 && [1, 4, 7, 10].contains(&d.month()))
        );
        // Ten years: every other year at 700 points, each year at 1,400.
        let decade = marks(day(2016, 11, 28), day(2026, 11, 25));
        assert_eq!(decade.first(), Some(&day(2018, 1, 1)));
        assert_eq!(decade.len(), 5);
        let wide = marks_at(day(2016, 11, 28), day(2026, 11, 25), 1400.0);
        assert_eq!(wide.len(), 10);
        assert!(wide.iter().all(|d| d.month() == 1 && d.day() == 1));
        // However long the history, the labels keep their room.
        let century = marks(day(1926, 1, 1), day(2026, 11, 25));
        assert!(century.len() <= 10, "{century:?}");
    }
}
