//! The three plots, drawn with egui_plot from points prepared in the view.
//! The x axis is days since 1970-01-01, labelled as dates.

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::{Align2, Color32, RichText, Ui};
use egui_plot::{
    BarChart, Corner, GridInput, GridMark, HLine, HoverPosition, Legend, LineStyle, Plot,
    PlotBounds, PlotPoint, PlotPoints, PlotUi, Points, Text,
};

use super::days::{day_x, x_day};
use super::legend::legend_row_ui;
use super::view::ProgressView;
use crate::domain::trend::{MODERATE_IMPROVEMENT_PCT, SUBSTANTIAL_IMPROVEMENT_PCT};
use crate::ui::theme;

/// Strengthening sessions a week the routine aims for.
pub const STRENGTH_TARGET_PER_WEEK: f64 = crate::domain::session::STRENGTH_SESSIONS_PER_WEEK as f64;

/// The mark after a given one.
type NextMark = fn(NaiveDate) -> Option<NaiveDate>;

/// Grid marks on whole dates: days, Mondays, fortnights, months, quarters or
/// years, whichever gives a handful of labels for the visible span.
pub fn date_marks(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let span = max - min;
    let (Some(first), Some(last)) = (x_day(min.ceil()), x_day(max.floor())) else {
        return Vec::new();
    };
    let step_days: u32 = match span {
        s if s <= 16.0 => 1,
        s if s <= 60.0 => 7,
        s if s <= 130.0 => 14,
        s if s <= 420.0 => 30,
        s if s <= 1500.0 => 91,
        _ => 365,
    };
    // Step from the first mark straight to the next: never day by day over years.
    let (start, next): (Option<NaiveDate>, NextMark) = match step_days {
        1 => (Some(first), |d| d.succ_opt()),
        7 | 14 => {
            let to_monday = (7 - first.weekday().num_days_from_monday()) % 7;
            let mut monday = first.checked_add_days(Days::new(u64::from(to_monday)));
            // Every other Monday, counted from a fixed Monday so marks don't jump.
            if step_days == 14 && monday.is_some_and(|m| (day_x(m) as i64 - 4).rem_euclid(14) != 0)
            {
                monday = monday.and_then(|m| m.checked_add_days(Days::new(7)));
            }
            if step_days == 7 {
                (monday, |d| d.checked_add_days(Days::new(7)))
            } else {
                (monday, |d| d.checked_add_days(Days::new(14)))
            }
        }
        _ => {
            let months_per_step = match step_days {
                30 => 1,
                91 => 3,
                _ => 12,
            };
            // The first day of a month on or after `first`, on a step boundary.
            let mut month = first.with_day(1).filter(|d| *d == first).or_else(|| {
                first
                    .with_day(1)
                    .and_then(|d| d.checked_add_months(Months::new(1)))
            });
            while let Some(m) = month.filter(|m| m.month0() % months_per_step != 0) {
                month = m.checked_add_months(Months::new(1));
            }
            let next: NextMark = match months_per_step {
                1 => |d| d.checked_add_months(Months::new(1)),
                3 => |d| d.checked_add_months(Months::new(3)),
                _ => |d| d.checked_add_months(Months::new(12)),
            };
            (month, next)
        }
    };
    std::iter::successors(start, |d| next(*d))
        .take_while(|d| *d <= last)
        .take(400)
        .map(|d| GridMark {
            value: day_x(d),
            step_size: f64::from(step_days),
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
        s if s < 365.0 => "%b %Y",
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

/// The plot shows exactly these bounds. Set every frame: a plot given default
/// bounds keeps the first ones in its memory, and the range can change.
fn bounds(x: (f64, f64), y: (f64, f64)) -> PlotBounds {
    PlotBounds::from_min_max([x.0, y.0], [x.1, y.1])
}

/// A plot that shows, without zoom or drag (the page scrolls instead).
fn base_plot<'a>(
    id: &'static str,
    view: &ProgressView,
    height: f32,
    legend: bool,
    p: &theme::Palette,
) -> Plot<'a> {
    let plot = Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_background(false)
        .grid_color(p.grid)
        .default_x_bounds(view.x_bounds.0, view.x_bounds.1)
        .x_grid_spacer(date_marks)
        .x_axis_formatter(date_label);
    if !legend {
        return plot;
    }
    plot.legend(
        Legend::default()
            .position(Corner::LeftTop)
            .background_alpha(0.85)
            .follow_insertion_order(true),
    )
}

/// Daily pain as dots, the 7-day average as a line broken where a day is missing.
pub fn pain_chart_ui(ui: &mut Ui, view: &ProgressView) {
    let p = theme::palette(ui.ctx());
    base_plot("progress_pain", view, 220.0, true, p)
        .default_y_bounds(PAIN_Y.0, PAIN_Y.1)
        .y_grid_spacer(pain_marks)
        .y_axis_label("Pain (0-10)")
        .label_formatter(hover_label(""))
        .show(ui, |plot| {
            plot.set_plot_bounds(bounds(view.x_bounds, PAIN_Y));
            plot.points(
                Points::new("Daily pain", PlotPoints::Borrowed(&view.pain_points))
                    .color(p.pain_dot)
                    .radius(2.5),
            );
            let name = if view.weekly_resolution {
                "Weekly average"
            } else {
                "7-day average"
            };
            plot.add(view.mean.item(name, p.accent, 2.2));
        });
}

/// Percent change of the 7-day average against the baseline, with the
/// 30 and 50 percent improvement lines.
pub fn change_chart_ui(ui: &mut Ui, view: &ProgressView) {
    let p = theme::palette(ui.ctx());
    let right = view.x_bounds.1;
    base_plot("progress_change", view, 200.0, false, p)
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
            for (pct, color, words) in [
                (MODERATE_IMPROVEMENT_PCT, p.moderate, "moderate improvement"),
                (
                    SUBSTANTIAL_IMPROVEMENT_PCT,
                    p.substantial,
                    "substantial improvement",
                ),
            ] {
                reference_line(plot, pct, right, color, format!("{pct:.0}%: {words}"));
            }
        });
}

/// A dashed horizontal line at `y` with its meaning written just above its
/// right end, for targets and thresholds.
fn reference_line(plot: &mut PlotUi<'_>, y: f64, x_right: f64, color: Color32, label: String) {
    plot.hline(
        HLine::new("", y)
            .color(color)
            .width(1.2)
            .style(LineStyle::dashed_loose())
            .allow_hover(false),
    );
    plot.text(
        Text::new("", PlotPoint::new(x_right, y), RichText::new(label).small())
            .color(color)
            .anchor(Align2::RIGHT_BOTTOM)
            .allow_hover(false),
    );
}

/// What hovering a bar says.
type BarLabel = Box<dyn Fn(&egui_plot::Bar, &BarChart) -> String>;

/// Stretching, strengthening and heat per week, with the strengthening target.
pub fn weekly_chart_ui(ui: &mut Ui, view: &ProgressView) {
    let p = theme::palette(ui.ctx());
    let bars = &view.weekly;
    let right = bars.x_bounds.1;
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
    legend_row_ui(
        ui,
        &[
            (p.stretch, "Stretching"),
            (p.strength, "Strengthening"),
            (p.heat, "Heat"),
        ],
    );
    let y_bounds = (0.0, bars.y_max.max(STRENGTH_TARGET_PER_WEEK + 1.0) + 0.5);
    base_plot("progress_weekly", view, 200.0, false, p)
        .default_x_bounds(bars.x_bounds.0, bars.x_bounds.1)
        .default_y_bounds(y_bounds.0, y_bounds.1)
        .y_axis_label("A week")
        .show(ui, |plot| {
            plot.set_plot_bounds(bounds(bars.x_bounds, y_bounds));
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
            reference_line(
                plot,
                STRENGTH_TARGET_PER_WEEK,
                right,
                p.strength,
                "strengthening aim: 3 a week".to_owned(),
            );
        });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn marks(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        date_marks(GridInput {
            bounds: (day_x(from) - 0.5, day_x(to) + 0.5),
            base_step_size: 1.0,
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
        let quarters = marks(day(2023, 11, 28), day(2026, 11, 25));
        assert_eq!(quarters.len(), 12);
        assert!(
            quarters
                .iter()
                .all(|d| d.day() == 1 && [1, 4, 7, 10].contains(&d.month()))
        );
        let decade = marks(day(2016, 11, 28), day(2026, 11, 25));
        assert_eq!(decade.len(), 10);
        assert!(decade.iter().all(|d| d.month() == 1 && d.day() == 1));
    }
}
