//! A line series whose screen shapes are worked out once per plot size and
//! position instead of every frame. egui_plot's own `Line` transforms every
//! point on every frame; over years of history that was most of what a
//! Progress frame cost. Here a frame only compares a key and hands over one
//! mesh, shared (see `shape_cache`).
//!
//! The series is also reduced to the plot's pixel columns when it is denser
//! than the screen: each column keeps its first, lowest, highest and last
//! point, so no peak disappears and the picture stays the same to the eye.

use std::ops::Range;

use egui::epaint::PathStroke;
use egui::{Color32, Pos2, Rect, Shape, Stroke, Ui};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use super::shape_cache::{ShapeCache, mesh_of};

/// Points joined into lines where they follow each other, drawn as dots
/// where a point has no neighbour.
pub struct LineSeries {
    /// Every point, runs one after another, in order of x.
    points: Vec<PlotPoint>,
    /// Each run's span of `points`.
    runs: Vec<Range<usize>>,
    bounds: PlotBounds,
    /// The shapes as one mesh, for the last plot position and size.
    shapes: ShapeCache<ShapeKey>,
}

/// What the cached shapes depend on; any change redraws them once.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ShapeKey {
    frame: Rect,
    bounds: PlotBounds,
    pixels_per_point: f32,
    stroke: Stroke,
    highlighted: bool,
    dashed: bool,
}

impl LineSeries {
    /// A series from runs of points; a run of one point is drawn as a dot.
    pub fn new(runs: Vec<Vec<PlotPoint>>) -> Self {
        let mut points = Vec::with_capacity(runs.iter().map(Vec::len).sum());
        let mut spans = Vec::with_capacity(runs.len());
        let mut bounds = PlotBounds::NOTHING;
        for run in runs.into_iter().filter(|run| !run.is_empty()) {
            let start = points.len();
            for point in &run {
                bounds.extend_with(point);
            }
            points.extend(run);
            spans.push(start..points.len());
        }
        Self {
            points,
            runs: spans,
            bounds,
            shapes: ShapeCache::default(),
        }
    }

    /// Every point of the series, in order.
    #[cfg(test)]
    pub fn points(&self) -> &[PlotPoint] {
        &self.points
    }

    /// The runs, each drawn as one line (or a dot when it has one point).
    #[cfg(test)]
    pub fn runs(&self) -> impl Iterator<Item = &[PlotPoint]> {
        self.runs.iter().map(|run| &self.points[run.clone()])
    }

    /// The plot item that draws this series under `name` in the legend and
    /// on hover.
    pub fn item<'a>(&'a self, name: &str, color: Color32, width: f32) -> SeriesItem<'a> {
        SeriesItem {
            base: PlotItemBase::new(name.to_owned()),
            series: self,
            stroke: Stroke::new(width, color),
            dashed: false,
        }
    }

    /// The series as a dashed line that hovering ignores: an aim, not a
    /// reading.
    pub fn dashed_item<'a>(&'a self, name: &str, color: Color32, width: f32) -> SeriesItem<'a> {
        SeriesItem {
            dashed: true,
            ..self.item(name, color, width)
        }
    }

    fn build_shapes(&self, key: ShapeKey, transform: &PlotTransform) -> Vec<Shape> {
        let mut stroke = key.stroke;
        if key.highlighted {
            stroke.width *= 2.0;
        }
        let mut shapes = Vec::with_capacity(self.runs.len());
        for run in &self.runs {
            let screen: Vec<Pos2> = self.points[run.clone()]
                .iter()
                .map(|point| transform.position_from_point(point))
                .collect();
            match screen.as_slice() {
                [single] => shapes.push(Shape::circle_filled(*single, stroke.width, stroke.color)),
                _ if key.dashed => shapes.extend(Shape::dashed_line(&screen, stroke, 10.0, 6.18)),
                _ => shapes.push(Shape::line(
                    reduce_to_columns(&screen, key.pixels_per_point),
                    PathStroke::from(stroke),
                )),
            }
        }
        shapes
    }
}

/// Keeps, of the points that fall in one physical pixel column, the first,
/// the lowest, the highest and the last, in their order. Points must be in
/// order of x. A series sparser than the screen comes back unchanged.
pub fn reduce_to_columns(points: &[Pos2], pixels_per_point: f32) -> Vec<Pos2> {
    let column = |p: &Pos2| (p.x * pixels_per_point).floor();
    let mut kept = Vec::with_capacity(points.len().min(4 * 4096));
    for group in points.chunk_by(|a, b| column(a) == column(b)) {
        if group.len() <= 4 {
            kept.extend_from_slice(group);
            continue;
        }
        // Screen y grows downwards: the lowest value is the largest y.
        let (mut top, mut bottom) = (0, 0);
        for (i, p) in group.iter().enumerate() {
            if p.y < group[top].y {
                top = i;
            }
            if p.y > group[bottom].y {
                bottom = i;
            }
        }
        let mut indices = [0, top, bottom, group.len() - 1];
        indices.sort_unstable();
        let mut last = None;
        for i in indices {
            if last != Some(i) {
                kept.push(group[i]);
                last = Some(i);
            }
        }
    }
    kept
}

/// A [`LineSeries`] as an egui_plot item, made afresh each frame (it only
/// borrows the series).
pub struct SeriesItem<'a> {
    base: PlotItemBase,
    series: &'a LineSeries,
    stroke: Stroke,
    dashed: bool,
}

impl PlotItem for SeriesItem<'_> {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let key = ShapeKey {
            frame: *transform.frame(),
            bounds: *transform.bounds(),
            pixels_per_point: ui.pixels_per_point(),
            stroke: self.stroke,
            highlighted: self.highlighted(),
            dashed: self.dashed,
        };
        // Worked out again only when the plot moves, resizes or restyles.
        let build = || mesh_of(ui.ctx(), self.series.build_shapes(key, transform));
        if let Some(mesh) = self.series.shapes.get(key, build) {
            shapes.push(mesh.clone());
        }
    }

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.stroke.color
    }

    fn allow_hover(&self) -> bool {
        !self.dashed
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::Points(&self.series.points)
    }

    fn bounds(&self) -> PlotBounds {
        self.series.bounds
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;

    #[test]
    fn a_sparse_series_is_kept_whole() {
        let points: Vec<Pos2> = (0..50)
            .map(|i| pos2(i as f32 * 1.5, (i % 7) as f32))
            .collect();
        assert_eq!(reduce_to_columns(&points, 1.0), points);
    }

    #[test]
    fn a_dense_series_keeps_every_column_extreme() {
        // 10 points a column over 100 columns, a spike in column 42.
        let points: Vec<Pos2> = (0..1000)
            .map(|i| {
                let y = if i == 423 { -50.0 } else { (i % 10) as f32 };
                pos2(i as f32 / 10.0, y)
            })
            .collect();
        let kept = reduce_to_columns(&points, 1.0);
        assert!(kept.len() <= 400, "{} points kept", kept.len());
        assert!(kept.contains(&pos2(42.3, -50.0)), "the spike is kept");
        assert!(kept.windows(2).all(|w| w[0].x <= w[1].x), "order is kept");
        for column in 0..100 {
            let in_column: Vec<&Pos2> = kept
                .iter()
                .filter(|p| p.x.floor() as i32 == column)
                .collect();
            let ys: Vec<f32> = in_column.iter().map(|p| p.y).collect();
            let lowest = ys.iter().copied().fold(f32::INFINITY, f32::min);
            let highest = ys.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            assert!(highest == 9.0, "column {column} keeps its highest");
            assert!(lowest == 0.0 || (column == 42 && lowest == -50.0));
        }
    }

    #[test]
    fn columns_are_physical_pixels() {
        // Two points per logical point: at 2 pixels per point each has its own column.
        let points: Vec<Pos2> = (0..40)
            .map(|i| pos2(i as f32 / 2.0, (i % 3) as f32))
            .collect();
        assert_eq!(reduce_to_columns(&points, 2.0), points);
    }

    #[test]
    fn runs_and_bounds_come_from_the_points() {
        let series = LineSeries::new(vec![
            vec![PlotPoint::new(1.0, 2.0), PlotPoint::new(2.0, 5.0)],
            vec![],
            vec![PlotPoint::new(4.0, -1.0)],
        ]);
        assert_eq!(series.runs().map(<[_]>::len).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(series.points().len(), 3);
        assert_eq!(series.bounds.min(), [1.0, -1.0]);
        assert_eq!(series.bounds.max(), [4.0, 5.0]);
    }
}
