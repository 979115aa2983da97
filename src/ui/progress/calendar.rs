//! The calendar: one square per day, a column per week (Monday at the top),
//! shaded by the day's pain (none when there was no check-in: an outline),
//! with a dot on the days a routine was done and the top right corner
//! filled on days off (a day off without a check-in is also shaded). Drawn
//! with the painter (it is a grid, not a plot); at most a year of it.

use chrono::{Datelike, NaiveDate};
use egui::{
    Align2, Color32, CornerRadius, FontId, Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2,
};

use super::legend::{Entry, Mark, corner_flag, legend_row_ui};
use super::shape_cache::{ShapeCache, mesh_of};
use crate::domain::dates::{days_before, week_start};
use crate::domain::days_off::DaysOff;
use crate::domain::trend::HeatmapDay;
use crate::ui::theme;

/// Columns shown at most: a year of weeks.
pub const MAX_WEEKS: usize = 53;

/// The pain bands of the colour scale, each with its words in the legend.
const PAIN_BANDS: [(u8, &str); 5] = [(1, "0-1"), (3, "2-3"), (5, "4-5"), (7, "6-7"), (10, "8-10")];

/// The band (0 to 4) a pain rating falls in.
pub fn pain_band(pain: u8) -> usize {
    PAIN_BANDS
        .iter()
        .position(|(upper, _)| pain <= *upper)
        .unwrap_or(PAIN_BANDS.len() - 1)
}

pub struct Cell {
    pub column: usize,
    /// 0 is Monday.
    pub row: usize,
    /// The day's pain, when there was a check-in.
    pub pain: Option<u8>,
    /// Whether a routine was done that day.
    pub routine: bool,
    /// Whether the day was marked as a day off.
    pub day_off: bool,
    /// Shown on hover: "Tue 3 Nov: pain 4, 2 routine sessions".
    pub tooltip: String,
}

pub struct CalendarGrid {
    pub columns: usize,
    pub cells: Vec<Cell>,
    /// (column, "Nov") where a month starts; the first column always has one.
    pub months: Vec<(usize, String)>,
    /// True when the range is longer than the calendar shows.
    pub clipped: bool,
    /// What a screen reader says for the whole grid: "The last 12 weeks:
    /// 70 days with a check-in, 5 days off."
    pub summary: String,
    /// The cells' shapes for the last place and palette they were drawn in.
    shapes: ShapeCache<(Rect, Color32)>,
}

impl CalendarGrid {
    /// The grid for the heatmap's days (the last year of them at most),
    /// with `days_off` (in any order) marked.
    pub fn build(heatmap: &[HeatmapDay], today: NaiveDate, days_off: &[&DaysOff]) -> Self {
        let first_shown = days_before(week_start(today), 7 * (MAX_WEEKS as u64 - 1));
        let days: Vec<&HeatmapDay> = heatmap.iter().filter(|d| d.date >= first_shown).collect();
        let clipped = days.len() < heatmap.len();
        let Some(first) = days.first().map(|d| week_start(d.date)) else {
            return Self {
                columns: 0,
                cells: Vec::new(),
                months: Vec::new(),
                clipped,
                summary: String::new(),
                shapes: ShapeCache::default(),
            };
        };
        let first_day = days.first().map_or(first, |d| d.date);
        // Only the ranges that reach into the days shown.
        let days_off: Vec<&DaysOff> = days_off
            .iter()
            .copied()
            .filter(|d| d.last >= first_day && d.first <= today)
            .collect();
        let (mut checked_in, mut off) = (0usize, 0usize);
        let column_of = |date: NaiveDate| {
            usize::try_from((week_start(date) - first).num_days() / 7).unwrap_or(0)
        };
        let mut months = Vec::new();
        let mut cells = Vec::with_capacity(days.len());
        for day in days {
            let column = column_of(day.date);
            if day.date.day() == 1 || months.is_empty() {
                // A month that starts within the first week shown names that column.
                if months.last().is_some_and(|(c, _)| *c == column) {
                    months.pop();
                }
                months.push((column, day.date.format("%b").to_string()));
            }
            let mut tooltip = day.date.format("%a %-d %b %Y").to_string();
            match day.pain {
                Some(pain) => tooltip.push_str(&format!(": pain {pain}")),
                None => tooltip.push_str(": no check-in"),
            }
            match day.routine_sessions {
                0 => {}
                1 => tooltip.push_str(", 1 routine session"),
                n => tooltip.push_str(&format!(", {n} routine sessions")),
            }
            let reason = days_off
                .iter()
                .find(|d| d.contains(day.date))
                .map(|d| d.reason);
            if let Some(reason) = reason {
                tooltip.push_str(&format!(", day off ({})", reason.label().to_lowercase()));
                off += 1;
            }
            checked_in += usize::from(day.pain.is_some());
            cells.push(Cell {
                column,
                row: day.date.weekday().num_days_from_monday() as usize,
                pain: day.pain.map(|p| p.get()),
                routine: day.routine_sessions > 0,
                day_off: reason.is_some(),
                tooltip,
            });
        }
        let shown = if clipped {
            "The last 12 months".to_owned()
        } else {
            format!("From {}", first_day.format("%-d %B %Y"))
        };
        let summary = format!(
            "Calendar. {shown}: {} with a check-in, {} off.",
            crate::text::count(checked_in, "day", "days"),
            crate::text::count(off, "day", "days"),
        );
        Self {
            columns: column_of(today) + 1,
            cells,
            months,
            clipped,
            summary,
            shapes: ShapeCache::default(),
        }
    }
}

const GAP: f32 = 3.0;
const MAX_CELL: f32 = 22.0;
const LABEL_WIDTH: f32 = 36.0;
const MONTH_ROW: f32 = 18.0;

pub fn calendar_ui(ui: &mut Ui, grid: &CalendarGrid) {
    let p = theme::palette(ui.ctx());
    if grid.columns == 0 {
        return;
    }
    let columns = grid.columns as f32;
    let cell = ((ui.available_width() - LABEL_WIDTH) / columns - GAP).clamp(6.0, MAX_CELL);
    let width = LABEL_WIDTH + columns * (cell + GAP);
    let height = MONTH_ROW + 7.0 * (cell + GAP);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &grid.summary));
    let painter = ui.painter_at(rect);
    let font = FontId::proportional(13.0);
    let origin = pos2(rect.left() + LABEL_WIDTH, rect.top() + MONTH_ROW);
    let cell_rect = |column: usize, row: usize| {
        Rect::from_min_size(
            origin + vec2(column as f32 * (cell + GAP), row as f32 * (cell + GAP)),
            vec2(cell, cell),
        )
    };
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
        painter.text(
            pos2(rect.left(), cell_rect(0, row).center().y),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            theme::palette(ui.ctx()).muted,
        );
    }
    // A month label needs about 30 points: skip one that would touch the last.
    let min_gap = (30.0 / (cell + GAP)).ceil() as usize;
    let mut last_label: Option<usize> = None;
    for (column, name) in &grid.months {
        let left = cell_rect(*column, 0).left();
        // Skip one that would touch the last, or run past the right edge.
        if last_label.is_some_and(|last| *column < last + min_gap) || left + 30.0 > rect.right() {
            continue;
        }
        last_label = Some(*column);
        painter.text(
            pos2(left, rect.top()),
            Align2::LEFT_TOP,
            name,
            font.clone(),
            theme::palette(ui.ctx()).muted,
        );
    }
    // The cells, worked out again only when the grid moves or the palette
    // changes: a year is some 370 of them.
    let key = (rect, p.page);
    let build = || mesh_of(ui.ctx(), cell_shapes(grid, p, cell, &cell_rect));
    if let Some(mesh) = grid.shapes.get(key, build) {
        painter.add(mesh.clone());
    }
    if let Some(pointer) = response.hover_pos() {
        let hovered = grid.cells.iter().find(|c| {
            cell_rect(c.column, c.row)
                .expand(GAP / 2.0)
                .contains(pointer)
        });
        if let Some(c) = hovered {
            response.on_hover_text_at_pointer(&c.tooltip);
        }
    }
}

/// Each day's square, its routine dot and its day-off corner.
fn cell_shapes(
    grid: &CalendarGrid,
    p: &theme::Palette,
    cell: f32,
    cell_rect: &dyn Fn(usize, usize) -> Rect,
) -> Vec<egui::Shape> {
    let radius = CornerRadius::same(if cell > 10.0 { 3 } else { 1 });
    let dot_radius = (cell * 0.16).max(1.5);
    let mut shapes = Vec::with_capacity(grid.cells.len() * 2);
    for c in &grid.cells {
        let rect = cell_rect(c.column, c.row);
        let (day, mark_color) = match c.pain.map(pain_band) {
            Some(band) => (
                egui::Shape::rect_filled(rect, radius, p.pain_scale[band]),
                p.pain_marks[band],
            ),
            None => (
                egui::Shape::Rect(egui::epaint::RectShape::new(
                    rect.shrink(0.5),
                    radius,
                    if c.day_off {
                        p.track
                    } else {
                        Color32::TRANSPARENT
                    },
                    Stroke::new(1.0, p.day_empty),
                    StrokeKind::Inside,
                )),
                p.day_mark,
            ),
        };
        shapes.push(day);
        if c.routine {
            shapes.push(egui::Shape::circle_filled(
                rect.center(),
                dot_radius,
                mark_color,
            ));
        }
        if c.day_off {
            shapes.push(corner_flag(rect, mark_color));
        }
    }
    shapes
}

/// The pain bands, the empty day and the routine mark, in words.
pub fn legend_ui(ui: &mut Ui) {
    let p = theme::palette(ui.ctx());
    let mut entries = vec![Entry::new(Mark::Outline, p.day_empty, "No check-in")];
    entries.extend(
        PAIN_BANDS
            .iter()
            .zip(p.pain_scale)
            .map(|((_, words), color)| Entry::new(Mark::Square, color, words)),
    );
    entries.push(Entry::new(Mark::Dot, p.day_mark, "Routine done"));
    entries.push(Entry::new(Mark::Corner, p.day_mark, "Day off"));
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Pain:").color(p.muted));
        legend_row_ui(ui, &entries);
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::days_off::Reason;

    #[test]
    fn days_off_are_marked_and_said_in_words() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let heatmap: Vec<HeatmapDay> = (0..14u64)
            .map(|i| HeatmapDay {
                date: days_before(today, 13 - i),
                pain: None,
                routine_sessions: 0,
            })
            .collect();
        let off = DaysOff {
            first: days_before(today, 20),
            last: days_before(today, 12),
            reason: Reason::Holiday,
            created_at: chrono::DateTime::UNIX_EPOCH,
        };
        let grid = CalendarGrid::build(&heatmap, today, &[&off]);
        let marked: Vec<bool> = grid.cells.iter().map(|c| c.day_off).collect();
        assert_eq!(marked.iter().filter(|m| **m).count(), 2, "{marked:?}");
        assert!(marked[0] && marked[1] && !marked[2]);
        assert!(
            grid.cells[0]
                .tooltip
                .ends_with(": no check-in, day off (holiday)")
        );
        assert_eq!(
            grid.summary,
            "Calendar. From 12 November 2026: 0 days with a check-in, 2 days off."
        );
    }

    #[test]
    fn pain_falls_in_five_bands_of_two() {
        let bands: Vec<usize> = (0..=10).map(pain_band).collect();
        assert_eq!(bands, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4]);
    }
}
