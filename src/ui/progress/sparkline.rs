//! A small 0-10 chart over the range's dates: each function-check
//! activity's scores as a line of its own colour. Painted (not a plot),
//! with the same left gutter as the plots so its dates sit under theirs;
//! its shapes are kept until its size or the palette changes.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};
use egui_plot::PlotPoint;

use super::days::x_day;
use super::shape_cache::{ShapeCache, mesh_of};
use crate::ui::theme;

/// The gutter on the left, as wide as the plots' y axis.
const GUTTER: f32 = 64.0;
const HEIGHT: f32 = 96.0;
/// Room above 10 and below 0, in points.
const PAD: f32 = 8.0;
/// The row under the chart naming the range's first and last day.
const DATE_ROW: f32 = 16.0;

/// The line colours of the activities, in order (the list repeats).
pub fn activity_colors(p: &theme::Palette) -> [Color32; 3] {
    [p.accent, p.heat, p.moderate]
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct ShapeKey {
    rect: Rect,
    pixels_per_point: f32,
    /// The palette's grid colour and the first line colour stand for it.
    colors: [Color32; 2],
}

/// Each series is runs of (day, score) points; a run of one is a dot.
pub struct Sparkline {
    series: Vec<Vec<Vec<PlotPoint>>>,
    /// The x range, the same as the plots'.
    x: (f64, f64),
    /// The range's first and last day in words ("3 Sep"), made once.
    x_ends: [String; 2],
    shapes: ShapeCache<ShapeKey>,
}

impl Sparkline {
    pub fn new(series: Vec<Vec<Vec<PlotPoint>>>, x: (f64, f64)) -> Self {
        let series = series
            .into_iter()
            .map(|runs| runs.into_iter().filter(|r| !r.is_empty()).collect())
            .collect();
        let words = |x| x_day(x).map_or_else(String::new, |d| d.format("%-d %b").to_string());
        Self {
            series,
            x,
            x_ends: [words(x.0), words(x.1)],
            shapes: ShapeCache::default(),
        }
    }

    #[cfg(test)]
    pub fn points(&self) -> usize {
        self.series.iter().flatten().map(Vec::len).sum()
    }

    fn area(rect: Rect) -> Rect {
        Rect::from_min_max(
            pos2(rect.left() + GUTTER, rect.top() + PAD),
            pos2(rect.right() - 4.0, rect.bottom() - PAD),
        )
    }

    fn to_screen(&self, area: Rect, p: &PlotPoint) -> Pos2 {
        let span = (self.x.1 - self.x.0).max(1.0);
        let x = area.left() + ((p.x - self.x.0) / span) as f32 * area.width();
        let y = area.bottom() - (p.y / 10.0) as f32 * area.height();
        pos2(x, y)
    }

    /// The grid lines at 0, 5 and 10 and the scores.
    fn build_shapes(&self, key: ShapeKey, p: &theme::Palette) -> Vec<Shape> {
        let area = Self::area(key.rect);
        let mut shapes = Vec::new();
        for value in [0.0, 5.0, 10.0] {
            let y = self.to_screen(area, &PlotPoint::new(self.x.0, value)).y;
            shapes.push(Shape::line_segment(
                [pos2(area.left(), y), pos2(area.right(), y)],
                Stroke::new(1.0, p.grid),
            ));
        }
        for (runs, color) in self
            .series
            .iter()
            .zip(activity_colors(p).into_iter().cycle())
        {
            let points: usize = runs.iter().map(Vec::len).sum();
            let dots = points > 0 && area.width() / points as f32 >= 6.0;
            for run in runs {
                let screen: Vec<Pos2> = run.iter().map(|p| self.to_screen(area, p)).collect();
                if screen.len() > 1 {
                    shapes.push(Shape::line(screen.clone(), Stroke::new(2.0, color)));
                }
                if dots || screen.len() == 1 {
                    shapes.extend(
                        screen
                            .into_iter()
                            .map(|at| Shape::circle_filled(at, 3.0, color)),
                    );
                }
            }
        }
        shapes
    }

    /// The scores nearest the pointer's x, as "Mon 3 Nov 2026: 6, 4".
    fn hovered(&self, area: Rect, pointer: Pos2) -> Option<String> {
        let distance = |p: &PlotPoint| (self.to_screen(area, p).x - pointer.x).abs();
        let nearest = self
            .series
            .iter()
            .flatten()
            .flatten()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))?;
        if distance(nearest) > 12.0 {
            return None;
        }
        let scores: Vec<String> = self
            .series
            .iter()
            .filter_map(|runs| runs.iter().flatten().find(|p| p.x == nearest.x))
            .map(|p| format!("{:.0}", p.y))
            .collect();
        let date = x_day(nearest.x)?;
        Some(format!(
            "{}: {}",
            date.format("%a %-d %b %Y"),
            scores.join(", ")
        ))
    }
}

/// The chart, the full width of the card; `description` is what a screen
/// reader says for it.
pub fn sparkline_ui(ui: &mut Ui, line: &Sparkline, description: &str) {
    let p = theme::palette(ui.ctx());
    let (whole, response) = ui.allocate_exact_size(
        vec2(ui.available_width(), HEIGHT + DATE_ROW),
        Sense::hover(),
    );
    let rect = Rect::from_min_max(whole.min, pos2(whole.max.x, whole.max.y - DATE_ROW));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, description));
    let key = ShapeKey {
        rect,
        pixels_per_point: ui.pixels_per_point(),
        colors: [p.grid, p.accent],
    };
    let painter = ui.painter();
    let build = || mesh_of(ui.ctx(), line.build_shapes(key, p));
    if let Some(mesh) = line.shapes.get(key, build) {
        painter.add(mesh.clone());
    }
    let area = Sparkline::area(rect);
    let font = FontId::proportional(theme::MIN_TEXT_SIZE);
    for (value, words) in [(0.0, "0"), (10.0, "10")] {
        let y = line.to_screen(area, &PlotPoint::new(line.x.0, value)).y;
        painter.text(
            pos2(area.left() - 8.0, y),
            Align2::RIGHT_CENTER,
            words,
            font.clone(),
            p.muted,
        );
    }
    for (words, at, align) in [
        (&line.x_ends[0], area.left(), Align2::LEFT_BOTTOM),
        (&line.x_ends[1], area.right(), Align2::RIGHT_BOTTOM),
    ] {
        painter.text(
            pos2(at, whole.bottom()),
            align,
            words,
            font.clone(),
            p.muted,
        );
    }
    if let Some(pointer) = response.hover_pos()
        && let Some(text) = line.hovered(area, pointer)
    {
        response.on_hover_text_at_pointer(text);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn scores_map_from_the_left_of_the_range_and_zero_at_the_bottom() {
        let line = Sparkline::new(
            vec![
                vec![vec![PlotPoint::new(10.0, 0.0), PlotPoint::new(20.0, 10.0)]],
                vec![vec![PlotPoint::new(20.0, 4.0)]],
            ],
            (10.0, 20.0),
        );
        let area = Rect::from_min_max(pos2(100.0, 10.0), pos2(300.0, 60.0));
        let first = &line.series[0][0];
        assert_eq!(line.to_screen(area, &first[0]), pos2(100.0, 60.0));
        assert_eq!(line.to_screen(area, &first[1]), pos2(300.0, 10.0));
        let hover = line.hovered(area, pos2(295.0, 30.0)).unwrap();
        assert!(hover.ends_with(": 10, 4"), "{hover}");
        assert!(line.hovered(area, pos2(200.0, 30.0)).is_none());
    }

    #[test]
    fn the_ranges_first_and_last_day_are_named_under_it() {
        let day =
            |m, d| super::super::days::day_x(chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap());
        let line = Sparkline::new(Vec::new(), (day(9, 3), day(11, 25)));
        assert_eq!(line.x_ends, ["3 Sep".to_owned(), "25 Nov".to_owned()]);
    }
}
