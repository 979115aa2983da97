//! Drawing on a PDF page with krilla: the colours every part shares, and
//! filled and stroked shapes and runs of text in them. Used by the page
//! (`pdf`) and the chart alike.

use krilla::geom::{Path, PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag};

use super::font::Face;
use super::layout::Rect;

/// A colour in sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn krilla(self) -> krilla::color::rgb::Color {
        krilla::color::rgb::Color::new(self.0, self.1, self.2)
    }
}

pub(super) const TEXT: Rgb = Rgb(0x1a, 0x1a, 0x1a);
pub(super) const MUTED: Rgb = Rgb(0x4a, 0x4a, 0x4a);
/// Draws what is only layout (a rule, a box) as an artifact.
pub(super) fn artifact(surface: &mut Surface<'_>, draw: impl FnOnce(&mut Surface<'_>)) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    draw(surface);
    surface.end_tagged();
}

/// One run of text with its left end at `x` and its baseline at `baseline`.
#[allow(clippy::too_many_arguments)]
pub(super) fn text(
    surface: &mut Surface<'_>,
    face: &Face,
    x: f32,
    baseline: f32,
    text: &str,
    size: f32,
    colour: Rgb,
    bold: bool,
) {
    let glyphs = face.glyphs(text);
    surface.set_fill(Some(fill(colour)));
    // Ubuntu Light is the one weight: headings are outlined as well as
    // filled, which draws them heavier.
    surface.set_stroke(bold.then(|| Stroke {
        paint: colour.krilla().into(),
        width: size * 0.045,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }));
    surface.draw_glyphs(
        Point::from_xy(x, baseline),
        &glyphs,
        face.pdf_font(),
        text,
        size,
        false,
    );
    surface.set_stroke(None);
}

pub(super) fn fill(colour: Rgb) -> Fill {
    Fill {
        paint: colour.krilla().into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

pub(super) fn rect_path(rect: Rect) -> Option<Path> {
    let mut path = PathBuilder::new();
    path.push_rect(krilla::geom::Rect::from_xywh(
        rect.x, rect.y, rect.w, rect.h,
    )?);
    path.finish()
}

pub(super) fn fill_rect(surface: &mut Surface<'_>, rect: Rect, colour: Rgb) {
    if let Some(path) = rect_path(rect) {
        fill_path(surface, &path, colour);
    }
}

pub(super) fn stroke_rect(surface: &mut Surface<'_>, rect: Rect, colour: Rgb, width: f32) {
    if let Some(path) = rect_path(rect) {
        stroke(surface, &path, colour, width, None);
    }
}

pub(super) fn fill_path(surface: &mut Surface<'_>, path: &Path, colour: Rgb) {
    surface.set_stroke(None);
    surface.set_fill(Some(fill(colour)));
    surface.draw_path(path);
}

/// Strokes `path`; `dash` is on and off lengths.
pub(super) fn stroke(
    surface: &mut Surface<'_>,
    path: &Path,
    colour: Rgb,
    width: f32,
    dash: Option<&[f32]>,
) {
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: colour.krilla().into(),
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        dash: dash.map(|array| StrokeDash {
            array: array.to_vec(),
            offset: 0.0,
        }),
        ..Stroke::default()
    }));
    surface.draw_path(path);
    surface.set_stroke(None);
}
