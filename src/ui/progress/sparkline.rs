//! A small 0-10 line over the range's dates: one activity's function-check
//! scores. Painted (not a plot), with the same left gutter as the plots so
//! its dates sit under theirs; its shapes are kept until its size changes.

use std::cell::RefCell;

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};
use egui_plot::PlotPoint;

use super::days::x_day;
use crate::ui::theme;

/// The gutter on the left, as wide as the plots' y axis.
const GUTTER: f32 = 64.0;
const HEIGHT: f32 = 56.0;
/// Room above 10 and below 0, in points.
const PAD: f32 = 7.0;

#[derive(Debug, Clone, Copy, PartialEq)]
struct ShapeKey {
    rect: Rect,
    pixels_per_point: f32,
    colors: [Color32; 3],
}

/// Runs of (day, score) points; a run of one is drawn as a dot.
pub struct Sparkline {
    runs: Vec<Vec<PlotPoint>>,
    /// The x range, the same as the plots'.
    x: (f64, f64),
    shapes: RefCell<Option<(ShapeKey, Vec<Shape>)>>,
}

impl Sparkline {
    pub fn new(runs: Vec<Vec<PlotPoint>>, x: (f64, f64)) -> Self {
        Self {
            runs: runs.into_iter().filter(|r| !r.is_empty()).collect(),
            x,
            shapes: RefCell::new(None),
        }
    }

    #[cfg(test)]
    pub fn points(&self) -> usize {
        self.runs.iter().map(Vec::len).sum()
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

    fn build_shapes(&self, ui: &Ui, key: ShapeKey) -> Vec<Shape> {
        let [color, grid, muted] = key.colors;
        let area = Self::area(key.rect);
        let font = FontId::proportional(theme::MIN_TEXT_SIZE);
        let mut shapes = Vec::new();
        for (value, words) in [(0.0, "0"), (5.0, ""), (10.0, "10")] {
            let y = self.to_screen(area, &PlotPoint::new(self.x.0, value)).y;
            shapes.push(Shape::line_segment(
                [pos2(area.left(), y), pos2(area.right(), y)],
                Stroke::new(1.0, grid),
            ));
            if !words.is_empty() {
                let galley = ui
                    .painter()
                    .layout_no_wrap(words.to_owned(), font.clone(), muted);
                let at = Align2::RIGHT_CENTER
                    .anchor_size(pos2(area.left() - 8.0, y), galley.size())
                    .min;
                shapes.push(Shape::galley(at, galley, muted));
            }
        }
        let points: usize = self.runs.iter().map(Vec::len).sum();
        let dots = points > 0 && area.width() / points as f32 >= 6.0;
        for run in &self.runs {
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
        shapes
    }

    /// The score nearest the pointer's x, as "Mon 3 Nov 2026: 6".
    fn hovered(&self, area: Rect, pointer: Pos2) -> Option<String> {
        let nearest = self.runs.iter().flatten().min_by(|a, b| {
            let da = (self.to_screen(area, a).x - pointer.x).abs();
            let db = (self.to_screen(area, b).x - pointer.x).abs();
            da.total_cmp(&db)
        })?;
        if (self.to_screen(area, nearest).x - pointer.x).abs() > 12.0 {
            return None;
        }
        let date = x_day(nearest.x)?;
        Some(format!("{}: {:.0}", date.format("%a %-d %b %Y"), nearest.y))
    }
}

/// The line, the full width of the card; `description` is what a screen
/// reader says for it.
pub fn sparkline_ui(ui: &mut Ui, line: &Sparkline, color: Color32, description: &str) {
    let p = theme::palette(ui.ctx());
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), HEIGHT), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, description));
    let key = ShapeKey {
        rect,
        pixels_per_point: ui.pixels_per_point(),
        colors: [color, p.grid, p.muted],
    };
    let mut cache = line.shapes.borrow_mut();
    if cache.as_ref().is_none_or(|(cached, _)| *cached != key) {
        *cache = Some((key, line.build_shapes(ui, key)));
    }
    if let Some((_, shapes)) = cache.as_ref() {
        ui.painter().extend(shapes.iter().cloned());
    }
    drop(cache);
    if let Some(pointer) = response.hover_pos()
        && let Some(text) = line.hovered(Sparkline::area(rect), pointer)
    {
        response.on_hover_text_at_pointer(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_map_from_the_left_of_the_range_and_zero_at_the_bottom() {
        let line = Sparkline::new(
            vec![vec![PlotPoint::new(10.0, 0.0), PlotPoint::new(20.0, 10.0)]],
            (10.0, 20.0),
        );
        let area = Rect::from_min_max(pos2(100.0, 10.0), pos2(300.0, 60.0));
        assert_eq!(line.to_screen(area, &line.runs[0][0]), pos2(100.0, 60.0));
        assert_eq!(line.to_screen(area, &line.runs[0][1]), pos2(300.0, 10.0));
        assert!(line.hovered(area, pos2(295.0, 30.0)).is_some());
        assert!(line.hovered(area, pos2(200.0, 30.0)).is_none());
    }
}
