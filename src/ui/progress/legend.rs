//! The row of marks that explains a chart's colours and lines, drawn above
//! the chart instead of over it, so it never hides a point.

use egui::{Color32, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::ui::theme;

/// How an entry is drawn beside its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A filled square: a bar, a calendar day.
    Square,
    /// An empty square: a day with nothing to show.
    Outline,
    /// A dot: one reading.
    Dot,
    /// A short solid line: an average.
    Line,
    /// A short dashed line: a threshold or an aim.
    Dashed,
    /// A ring: a flare-up, apart from the daily dots.
    Ring,
    /// A pale shaded square with a stronger edge: days shaded on a chart.
    Band,
    /// An outlined square with its top right corner filled: a day off on
    /// the calendar.
    Corner,
}

/// A flare-up's ring, on the chart and in the legend.
pub const RING_RADIUS: f32 = 4.5;
pub const RING_WIDTH: f32 = 1.8;

/// The filled top right corner that marks a day off: a triangle over a
/// little under half of each side.
pub fn corner_flag(square: egui::Rect, color: Color32) -> egui::Shape {
    let side = square.width().min(square.height()) * 0.45;
    let corner = square.right_top();
    egui::Shape::convex_polygon(
        vec![corner, corner + vec2(0.0, side), corner - vec2(side, 0.0)],
        color,
        Stroke::NONE,
    )
}

/// One entry of a legend.
pub struct Entry<'a> {
    pub mark: Mark,
    pub color: Color32,
    pub label: &'a str,
}

impl<'a> Entry<'a> {
    pub fn new(mark: Mark, color: Color32, label: &'a str) -> Self {
        Self { mark, color, label }
    }
}

/// The entries in a row that wraps when the chart is narrow.
pub fn legend_row_ui(ui: &mut Ui, entries: &[Entry<'_>]) {
    let muted = theme::palette(ui.ctx()).muted;
    ui.horizontal_wrapped(|ui| {
        for entry in entries {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 5.0;
                mark_ui(ui, entry.mark, entry.color);
                ui.label(RichText::new(entry.label).color(muted));
            });
            ui.add_space(10.0);
        }
    });
}

fn mark_ui(ui: &mut Ui, mark: Mark, color: Color32) {
    let width = if matches!(mark, Mark::Line | Mark::Dashed) {
        22.0
    } else {
        12.0
    };
    let (rect, _) = ui.allocate_exact_size(vec2(width, 12.0), Sense::hover());
    let painter = ui.painter();
    let y = rect.center().y;
    match mark {
        Mark::Square => {
            painter.rect_filled(rect, egui::CornerRadius::same(2), color);
        }
        Mark::Outline => {
            painter.rect_stroke(
                rect.shrink(0.5),
                egui::CornerRadius::same(2),
                Stroke::new(1.0, color),
                egui::StrokeKind::Inside,
            );
        }
        Mark::Dot => {
            painter.circle_filled(rect.center(), 3.5, color);
        }
        Mark::Line => {
            painter.line_segment(
                [pos2(rect.left(), y), pos2(rect.right(), y)],
                Stroke::new(2.2, color),
            );
        }
        Mark::Dashed => {
            painter.extend(egui::Shape::dashed_line(
                &[pos2(rect.left(), y), pos2(rect.right(), y)],
                Stroke::new(1.6, color),
                5.0,
                3.0,
            ));
        }
        Mark::Band => {
            painter.rect(
                rect,
                egui::CornerRadius::same(2),
                color,
                Stroke::new(1.0, color.gamma_multiply(3.0)),
                egui::StrokeKind::Inside,
            );
        }
        Mark::Ring => {
            painter.circle_stroke(rect.center(), RING_RADIUS, Stroke::new(RING_WIDTH, color));
        }
        Mark::Corner => {
            let square = rect.shrink(0.5);
            painter.rect_stroke(
                square,
                egui::CornerRadius::same(2),
                Stroke::new(1.0, color),
                egui::StrokeKind::Inside,
            );
            painter.add(corner_flag(square, color));
        }
    }
}
