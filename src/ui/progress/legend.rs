//! The row of marks that explains a chart's colours and lines, drawn above
//! the chart instead of over it, so it never hides a point.

use egui::{Color32, Sense, Stroke, Ui, pos2, vec2};

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
    /// A pale upright stripe with a stronger left edge: days shaded on a
    /// chart.
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

/// The entries in a row that wraps when the chart is narrow. Each entry,
/// its mark and its words, is one widget of known size, so the row can
/// wrap before it instead of letting it run past the edge; an entry wider
/// than the row wraps its own words.
pub fn legend_row_ui(ui: &mut Ui, entries: &[Entry<'_>]) {
    let muted = theme::palette(ui.ctx()).muted;
    let font = egui::TextStyle::Body.resolve(ui.style());
    // An entry longer than the whole row wraps its words within the row.
    let row_width = ui.available_width();
    ui.horizontal_wrapped(|ui| {
        for entry in entries {
            let mark_width = mark_width(entry.mark);
            let wrap_width = (row_width - mark_width - MARK_GAP).max(40.0);
            let galley =
                ui.painter()
                    .layout(entry.label.to_owned(), font.clone(), muted, wrap_width);
            let size = vec2(
                mark_width + MARK_GAP + galley.size().x,
                galley.size().y.max(MARK_HEIGHT),
            );
            let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, entry.label));
            let mark = egui::Rect::from_center_size(
                pos2(rect.left() + mark_width / 2.0, rect.center().y),
                vec2(mark_width, MARK_HEIGHT),
            );
            paint_mark(ui.painter(), mark, entry.mark, entry.color);
            let text_at = pos2(
                rect.left() + mark_width + MARK_GAP,
                rect.center().y - galley.size().y / 2.0,
            );
            ui.painter().galley(text_at, galley, muted);
            ui.add_space(10.0);
        }
    });
}

const MARK_HEIGHT: f32 = 12.0;
const MARK_GAP: f32 = 5.0;

fn mark_width(mark: Mark) -> f32 {
    if matches!(mark, Mark::Line | Mark::Dashed) {
        22.0
    } else {
        12.0
    }
}

fn paint_mark(painter: &egui::Painter, rect: egui::Rect, mark: Mark, color: Color32) {
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
            // Upright and edged on the left only, like a band on the chart
            // where it starts: a full outline would read as a tick box.
            let stripe = egui::Rect::from_center_size(rect.center(), vec2(9.0, MARK_HEIGHT + 2.0));
            painter.rect_filled(stripe, egui::CornerRadius::ZERO, color);
            painter.line_segment(
                [stripe.left_top(), stripe.left_bottom()],
                Stroke::new(1.5, color.gamma_multiply(3.0)),
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
