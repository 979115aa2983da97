//! The pain chart's layers of what helps: experiments and days off as
//! shaded bands over the days they cover, flare-ups as rings. Like
//! [`super::line_series::LineSeries`], each works out its screen shapes
//! once per plot position and size and only copies them on later frames,
//! so ten years of them cost a frame no more than a few weeks.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Ui, pos2};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use super::legend::{RING_RADIUS, RING_WIDTH};
use super::shape_cache::{ShapeCache, mesh_of};
use crate::ui::theme::MIN_TEXT_SIZE;

/// One band: the x span of the days it covers (from the first day's left
/// edge to the last day's right edge), and the words at its top.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub x: (f64, f64),
    /// Written at the band's top when it is wide enough; may be empty.
    pub label: String,
    /// The row its label sits on, so overlapping bands' labels do not
    /// cover each other.
    pub lane: usize,
    /// False when the range cuts the band's start off: no start line then.
    pub starts_here: bool,
}

/// Gives each band (in order of start) the first label row free where it
/// starts, so the labels of overlapping bands are written one under another.
pub fn assign_lanes(bands: &mut [Band]) {
    let mut lane_ends: Vec<f64> = Vec::new();
    for band in bands {
        let free = lane_ends.iter().position(|&end| end <= band.x.0);
        let lane = free.unwrap_or(lane_ends.len());
        if lane == lane_ends.len() {
            lane_ends.push(band.x.1);
        } else {
            lane_ends[lane] = band.x.1;
        }
        band.lane = lane;
    }
}

/// Label rows are this far apart, in points.
const LANE_HEIGHT: f32 = MIN_TEXT_SIZE + 3.0;

/// A band narrower than this on screen goes without its label.
const MIN_LABEL_WIDTH: f32 = 28.0;

/// What cached shapes were made for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ShapeKey {
    frame: Rect,
    bounds: PlotBounds,
    pixels_per_point: f32,
    colors: [Color32; 3],
    highlighted: bool,
}

impl ShapeKey {
    /// What the kept shapes of an item drawn now depend on.
    fn new(ui: &Ui, transform: &PlotTransform, colors: [Color32; 3], highlighted: bool) -> Self {
        Self {
            frame: *transform.frame(),
            bounds: *transform.bounds(),
            pixels_per_point: ui.pixels_per_point(),
            colors,
            highlighted,
        }
    }
}

/// Where a band's label goes: the band, the label's top left corner and
/// the width it may take.
struct LabelPlace {
    band: usize,
    at: Pos2,
    width: f32,
}

/// The bands of one kind.
pub struct Bands {
    bands: Vec<Band>,
    shapes: ShapeCache<ShapeKey, (Shape, Vec<LabelPlace>)>,
}

impl Bands {
    pub fn new(bands: Vec<Band>) -> Self {
        Self {
            bands,
            shapes: ShapeCache::default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bands.is_empty()
    }

    #[cfg(test)]
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The plot item: filled with `fill`, a line in `edge` where a band
    /// starts (transparent for none), labels in `text`.
    pub fn item(&self, name: &str, fill: Color32, edge: Color32, text: Color32) -> BandsItem<'_> {
        BandsItem {
            base: PlotItemBase::new(name.to_owned()),
            bands: self,
            colors: [fill, edge, text],
        }
    }

    /// The fills and start lines, and where the labels that fit go.
    fn build_shapes(
        &self,
        ctx: &egui::Context,
        key: ShapeKey,
        transform: &PlotTransform,
    ) -> (Shape, Vec<LabelPlace>) {
        let [fill, edge, _] = key.colors;
        let frame = key.frame;
        let (bottom, top) = (key.bounds.min()[1], key.bounds.max()[1]);
        let mut shapes = Vec::with_capacity(self.bands.len() * 2);
        let mut labels = Vec::new();
        for (index, band) in self.bands.iter().enumerate() {
            let rect = transform
                .rect_from_values(
                    &PlotPoint::new(band.x.0, bottom),
                    &PlotPoint::new(band.x.1, top),
                )
                .intersect(frame);
            if !rect.is_positive() {
                continue;
            }
            shapes.push(Shape::rect_filled(rect, 0.0, fill));
            if band.starts_here && edge != Color32::TRANSPARENT {
                shapes.push(Shape::line_segment(
                    [rect.left_top(), rect.left_bottom()],
                    Stroke::new(1.0, edge),
                ));
            }
            let at = pos2(
                rect.left() + 4.0,
                rect.top() + 2.0 + band.lane as f32 * LANE_HEIGHT,
            );
            if !band.label.is_empty()
                && rect.width() >= MIN_LABEL_WIDTH
                && at.y + LANE_HEIGHT <= rect.bottom()
            {
                labels.push(LabelPlace {
                    band: index,
                    at,
                    width: rect.width() - 6.0,
                });
            }
        }
        (mesh_of(ctx, shapes), labels)
    }
}

/// [`Bands`] as a plot item; hovering ignores it (the legend explains it).
pub struct BandsItem<'a> {
    base: PlotItemBase,
    bands: &'a Bands,
    colors: [Color32; 3],
}

impl PlotItem for BandsItem<'_> {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let key = ShapeKey::new(ui, transform, self.colors, self.highlighted());
        let build = || self.bands.build_shapes(ui.ctx(), key, transform);
        let Some(kept) = self.bands.shapes.get(key, build) else {
            return;
        };
        let (mesh, labels) = &*kept;
        shapes.push(mesh.clone());
        // Words are laid out each frame (egui keeps the layout), never kept.
        let text = self.colors[2];
        let font = FontId::proportional(MIN_TEXT_SIZE);
        for place in labels {
            let Some(band) = self.bands.bands.get(place.band) else {
                continue;
            };
            let mut job = LayoutJob::simple_singleline(band.label.clone(), font.clone(), text);
            job.wrap = TextWrapping::truncate_at_width(place.width);
            let galley = ui.painter().layout_job(job);
            shapes.push(Shape::galley(place.at, galley, text));
        }
    }

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.colors[0]
    }

    fn allow_hover(&self) -> bool {
        false
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        PlotBounds::NOTHING
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

/// Points drawn as rings (flare-ups), hovered like any reading.
pub struct Rings {
    points: Vec<PlotPoint>,
    /// In points; smaller where rings stand for weeks over years.
    radius: f32,
    bounds: PlotBounds,
    shapes: ShapeCache<ShapeKey>,
}

/// The centers that can each be drawn without a ring already drawn lying
/// within half a ring of it: in a crowd (two flare-ups in an hour, or
/// weeks of them over years) one ring stands for those it would cover.
/// Each point is looked up in a grid of cells the size of a ring, so this
/// stays linear in the number of points.
pub fn apart(centers: &[Pos2], radius: f32) -> impl Iterator<Item = Pos2> + '_ {
    let cell = radius.max(1.0);
    let mut taken: std::collections::HashSet<(i64, i64)> = std::collections::HashSet::new();
    centers.iter().copied().filter(move |c| {
        let at = ((c.x / cell).floor() as i64, (c.y / cell).floor() as i64);
        let free = !(-1..=1).any(|dx| (-1..=1).any(|dy| taken.contains(&(at.0 + dx, at.1 + dy))));
        if free {
            taken.insert(at);
        }
        free
    })
}

impl Rings {
    pub fn new(points: Vec<PlotPoint>, radius: f32) -> Self {
        let mut bounds = PlotBounds::NOTHING;
        for p in &points {
            bounds.extend_with(p);
        }
        Self {
            points,
            radius,
            bounds,
            shapes: ShapeCache::default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn item(&self, name: &str, color: Color32, inner: Color32) -> RingsItem<'_> {
        RingsItem {
            base: PlotItemBase::new(name.to_owned()),
            rings: self,
            colors: [color, inner, Color32::TRANSPARENT],
        }
    }
}

/// [`Rings`] as a plot item.
pub struct RingsItem<'a> {
    base: PlotItemBase,
    rings: &'a Rings,
    /// The ring, and the fill inside it (the chart's background, so a ring
    /// over a line stays a ring).
    colors: [Color32; 3],
}

impl PlotItem for RingsItem<'_> {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let key = ShapeKey::new(ui, transform, self.colors, self.highlighted());
        let build = || {
            let [color, inner, _] = self.colors;
            let mut radius = self.rings.radius;
            if key.highlighted {
                radius *= 1.4;
            }
            let centers: Vec<Pos2> = self
                .rings
                .points
                .iter()
                .map(|p| transform.position_from_point(p))
                .filter(|at| key.frame.expand(radius).contains(*at))
                .collect();
            let rings = apart(&centers, radius)
                .map(|center| {
                    Shape::Circle(egui::epaint::CircleShape {
                        center,
                        radius,
                        fill: inner,
                        stroke: Stroke::new(RING_WIDTH * radius / RING_RADIUS, color),
                    })
                })
                .collect();
            mesh_of(ui.ctx(), rings)
        };
        if let Some(mesh) = self.rings.shapes.get(key, build) {
            shapes.push(mesh.clone());
        }
    }

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.colors[0]
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::Points(&self.rings.points)
    }

    fn bounds(&self) -> PlotBounds {
        self.rings.bounds
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
    use super::*;

    fn band(from: f64, to: f64) -> Band {
        Band {
            x: (from, to),
            label: String::new(),
            lane: 0,
            starts_here: true,
        }
    }

    #[test]
    fn overlapping_bands_get_their_own_label_rows() {
        let mut bands = [
            band(0.0, 14.0),
            band(7.0, 21.0),
            band(14.0, 28.0),
            band(15.0, 20.0),
        ];
        assign_lanes(&mut bands);
        let lanes: Vec<usize> = bands.iter().map(|b| b.lane).collect();
        // The third starts where the first ends: its row is free again.
        assert_eq!(lanes, [0, 1, 0, 2]);
    }

    #[test]
    fn crowded_rings_are_thinned_to_one_per_ring_width() {
        let centers = [
            pos2(10.0, 10.0),
            pos2(11.0, 10.0),
            pos2(10.0, 40.0),
            pos2(30.0, 10.0),
            pos2(32.0, 11.0),
        ];
        let kept: Vec<Pos2> = apart(&centers, 4.5).collect();
        assert_eq!(kept, [pos2(10.0, 10.0), pos2(10.0, 40.0), pos2(30.0, 10.0)]);
    }

    #[test]
    fn bands_are_never_hovered_and_add_nothing_to_the_bounds() {
        let bands = Bands::new(vec![band(0.0, 1.0)]);
        let item = bands.item("Experiment", Color32::RED, Color32::RED, Color32::BLACK);
        assert!(!item.allow_hover());
        assert_eq!(item.bounds(), PlotBounds::NOTHING);
    }
}
