//! Spacing, colours and text styles in one place.

use egui::{Color32, CornerRadius, FontId, Margin, Stroke, StrokeKind, TextStyle, Visuals};

/// Every colour the window uses, screens and charts alike. Screens read
/// it through [`palette`], never a colour of their own, so that another
/// palette (a dark one) can follow the desktop's choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Deep teal: calm, readable on the light background.
    pub accent: Color32,
    /// Text and marks drawn on the accent colour.
    pub on_accent: Color32,
    /// The empty part of a progress bar.
    pub track: Color32,
    /// Soft background for cards.
    pub card: Color32,
    pub card_edge: Color32,
    /// Reminder banner background: a pale teal.
    pub banner: Color32,
    /// Page background.
    pub page: Color32,
    /// Text fields and other wells.
    pub field: Color32,
    /// Buttons and other controls at rest.
    pub control_fill: Color32,
    /// The outline of a control at rest (a checkbox's box, a scale button, a
    /// text field): at least 3:1 against the card and the page, so the
    /// control can be found without hovering it.
    pub control_edge: Color32,
    /// The ring around the control that has the keyboard's focus, drawn
    /// just outside it so it shows on any fill, the accent included.
    pub focus: Color32,
    /// Body text: near-black, softer than pure black.
    pub text: Color32,
    /// Muted text for explanations.
    pub muted: Color32,
    /// Warm background, edge and text for "see a professional" notices.
    pub warn_fill: Color32,
    pub warn_edge: Color32,
    pub warn_text: Color32,
    /// Errors: a clear red that is still readable.
    pub error_text: Color32,
    pub ok_text: Color32,
    /// The brief cue when a hold or a heat session ends: a soft green.
    pub cue_fill: Color32,
    /// Soft teal fill for gentle suggestions (a re-check that is due).
    pub prompt_fill: Color32,
    /// Chart grid lines.
    pub grid: Color32,
    /// One day's pain on the chart.
    pub pain_dot: Color32,
    /// The 30% and 50% improvement lines.
    pub moderate: Color32,
    pub substantial: Color32,
    /// The kinds of session in the weekly bars and their legend.
    pub stretch: Color32,
    pub strength: Color32,
    pub heat: Color32,
    /// Calendar days: the outline of a day without a check-in.
    pub day_empty: Color32,
    /// Calendar days by pain, 0-1, 2-3, 4-5, 6-7 and 8-10: one hue from pale
    /// to dark, so the order reads by lightness alone (and so for people who
    /// do not tell red from green).
    pub pain_scale: [Color32; 5],
    /// The routine mark on pale and on dark calendar days.
    pub day_mark_on_pale: Color32,
    pub day_mark_on_dark: Color32,
}

/// The light palette, Unknot's look today.
pub const LIGHT: Palette = Palette {
    accent: Color32::from_rgb(0x2f, 0x6f, 0x73),
    on_accent: Color32::WHITE,
    track: Color32::from_rgb(0xe2, 0xdd, 0xd4),
    card: Color32::from_rgb(0xfa, 0xf8, 0xf4),
    card_edge: Color32::from_rgb(0xdd, 0xd8, 0xcf),
    banner: Color32::from_rgb(0xe3, 0xef, 0xee),
    page: Color32::from_rgb(0xf1, 0xee, 0xe8),
    field: Color32::WHITE,
    control_fill: Color32::from_rgb(0xf4, 0xf1, 0xeb),
    control_edge: Color32::from_rgb(0x85, 0x7d, 0x70),
    focus: Color32::from_rgb(0x1d, 0x4e, 0x89),
    text: Color32::from_rgb(0x26, 0x2a, 0x2e),
    muted: Color32::from_rgb(0x5f, 0x63, 0x68),
    warn_fill: Color32::from_rgb(0xfd, 0xec, 0xd8),
    warn_edge: Color32::from_rgb(0xc2, 0x6a, 0x1b),
    warn_text: Color32::from_rgb(0x6b, 0x33, 0x05),
    error_text: Color32::from_rgb(0xa3, 0x1f, 0x1f),
    ok_text: Color32::from_rgb(0x1f, 0x6b, 0x3a),
    cue_fill: Color32::from_rgb(0xdc, 0xef, 0xe0),
    prompt_fill: Color32::from_rgb(0xe3, 0xef, 0xee),
    grid: Color32::from_rgb(0xc9, 0xc3, 0xb8),
    pain_dot: Color32::from_rgb(0x8a, 0x9a, 0xa0),
    moderate: Color32::from_rgb(0x5e, 0x9e, 0x6e),
    substantial: Color32::from_rgb(0x2e, 0x75, 0x45),
    stretch: Color32::from_rgb(0x6f, 0xae, 0xb0),
    strength: Color32::from_rgb(0x2f, 0x6f, 0x73),
    heat: Color32::from_rgb(0xd9, 0x8c, 0x4a),
    day_empty: Color32::from_rgb(0xb9, 0xb2, 0xa6),
    pain_scale: [
        Color32::from_rgb(0xf7, 0xea, 0xc4),
        Color32::from_rgb(0xef, 0xc2, 0x78),
        Color32::from_rgb(0xdb, 0x8b, 0x3a),
        Color32::from_rgb(0xa8, 0x52, 0x1c),
        Color32::from_rgb(0x5f, 0x2a, 0x0e),
    ],
    day_mark_on_pale: Color32::from_rgb(0x26, 0x2a, 0x2e),
    day_mark_on_dark: Color32::WHITE,
};

/// The palette in force for a context (only the light one so far).
pub fn palette(_ctx: &egui::Context) -> &'static Palette {
    &LIGHT
}

pub const GAP: f32 = 12.0;

/// The smallest text the window draws, in points: captions and notes
/// included, so nothing needs a squint at the default zoom.
pub const MIN_TEXT_SIZE: f32 = 13.0;

/// The widest the content gets: cards and charts fill the window up to
/// here, and text inside them wraps to a comfortable line length.
pub const MAX_CONTENT_WIDTH: f32 = 980.0;

/// Narrows `ui` to [`MAX_CONTENT_WIDTH`] when the window is wider; a narrower
/// window keeps its width (egui's `set_max_width` alone would widen it).
pub fn limit_content_width(ui: &mut egui::Ui) {
    // The scroll bar floats over the content's right edge: keep clear of it.
    let gutter = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 4.0;
    let width = (ui.available_width() - gutter).min(MAX_CONTENT_WIDTH);
    ui.set_max_width(width);
}

/// Applies Unknot's look to a context.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    let p = &LIGHT;
    let mut visuals = Visuals::light();
    visuals.panel_fill = p.page;
    visuals.window_fill = p.card;
    visuals.extreme_bg_color = p.field;
    visuals.selection.bg_fill = p.accent;
    visuals.selection.stroke = Stroke::new(1.0, p.on_accent);
    visuals.hyperlink_color = p.accent;
    visuals.widgets.hovered.bg_stroke = Stroke::new(1.0, p.accent);
    visuals.widgets.noninteractive.fg_stroke = Stroke::new(1.0, p.text);
    visuals.widgets.inactive.fg_stroke = Stroke::new(1.0, p.text);
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, p.control_edge);
    visuals.widgets.inactive.weak_bg_fill = p.control_fill;
    let radius = CornerRadius::same(6);
    visuals.widgets.inactive.corner_radius = radius;
    visuals.widgets.hovered.corner_radius = radius;
    visuals.widgets.active.corner_radius = radius;
    visuals.widgets.noninteractive.corner_radius = radius;
    ctx.set_visuals_of(egui::Theme::Light, visuals);

    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
        style.text_styles.insert(
            TextStyle::Heading,
            FontId::new(24.0, egui::FontFamily::Proportional),
        );
        style.text_styles.insert(
            TextStyle::Body,
            FontId::new(15.0, egui::FontFamily::Proportional),
        );
        style.text_styles.insert(
            TextStyle::Button,
            FontId::new(15.0, egui::FontFamily::Proportional),
        );
        style.text_styles.insert(
            TextStyle::Small,
            FontId::new(MIN_TEXT_SIZE, egui::FontFamily::Proportional),
        );
        style.text_styles.insert(
            TextStyle::Monospace,
            FontId::new(14.0, egui::FontFamily::Monospace),
        );
    });
}

/// Draws a ring just outside the control that has the keyboard's focus;
/// call it once a frame, after everything else is drawn. egui marks focus
/// only by the control's pressed look, which hardly shows on a selected,
/// accent-filled button and not at all on a link. The ring stands a few
/// points off the control, so it reads against the page or card behind it
/// whatever the control's own fill.
pub fn paint_focus_ring(ctx: &egui::Context) {
    const GAP: f32 = 2.0;
    const WIDTH: f32 = 2.0;
    let Some(focused) = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
    else {
        return;
    };
    // The part in view: a control half scrolled away is ringed where it shows.
    let rect = focused.interact_rect;
    if !rect.is_positive() {
        return;
    }
    ctx.layer_painter(focused.layer_id).rect_stroke(
        rect.expand(GAP),
        CornerRadius::same(8),
        Stroke::new(WIDTH, palette(ctx).focus),
        StrokeKind::Outside,
    );
}

/// The page behind a screen's content, with its margin.
pub fn page_frame(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::new()
        .fill(palette(ui.ctx()).page)
        .inner_margin(24)
}

/// A card: a rounded, lightly filled frame around a group of controls.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    let p = palette(ui.ctx());
    egui::Frame::new()
        .fill(p.card)
        .stroke(Stroke::new(1.0, p.card_edge))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// The frame of a "see a professional" notice.
pub fn warning_card(ui: &egui::Ui) -> egui::Frame {
    let p = palette(ui.ctx());
    egui::Frame::new()
        .fill(p.warn_fill)
        .stroke(Stroke::new(1.5, p.warn_edge))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// The frame of a gentle suggestion: calmer than a warning.
pub fn prompt_card(ui: &egui::Ui) -> egui::Frame {
    let p = palette(ui.ctx());
    egui::Frame::new()
        .fill(p.prompt_fill)
        .stroke(Stroke::new(1.0, p.accent))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// A card that has just turned green to say a hold or a timer has ended.
pub fn cue_card(ui: &egui::Ui) -> egui::Frame {
    let p = palette(ui.ctx());
    card(ui)
        .fill(p.cue_fill)
        // The same width as a card's edge, so nothing inside moves.
        .stroke(Stroke::new(1.0, p.ok_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every palette the window can show; a new one joins this list and is
    /// held to the same contrast.
    const PALETTES: [(&str, &Palette); 1] = [("light", &LIGHT)];

    /// WCAG 2.2 relative luminance of an sRGB colour.
    fn luminance(colour: Color32) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
    }

    /// WCAG 2.2 contrast ratio, from 1 (none) to 21 (black on white).
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn no_text_style_is_below_the_minimum_size() {
        let ctx = egui::Context::default();
        apply(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let style = ctx.style_of(theme);
            for (text_style, font) in &style.text_styles {
                assert!(
                    font.size >= MIN_TEXT_SIZE,
                    "{text_style:?} is {} points in the {theme:?} style",
                    font.size
                );
            }
        }
    }

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.5:1 grey.
        let grey = Color32::from_gray(0x76);
        assert!((contrast(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_palette_meets_wcag_contrast() {
        // Text needs 4.5:1 (WCAG 1.4.3), outlines and focus rings 3:1 (1.4.11).
        const TEXT: f64 = 4.5;
        const OUTLINE: f64 = 3.0;
        for (name, p) in PALETTES {
            let surfaces = [
                ("card", p.card),
                ("page", p.page),
                ("field", p.field),
                ("control fill", p.control_fill),
            ];
            let on_every_surface = [
                ("text", p.text, TEXT),
                ("muted text", p.muted, TEXT),
                ("error text", p.error_text, TEXT),
                ("ok text", p.ok_text, TEXT),
                // Links, and the running timers in the navigation.
                ("accent text", p.accent, TEXT),
                ("control edge", p.control_edge, OUTLINE),
                ("focus ring", p.focus, OUTLINE),
            ];
            let mut pairs: Vec<(&str, Color32, &str, Color32, f64)> = vec![
                ("text", p.on_accent, "accent", p.accent, TEXT),
                ("warning text", p.warn_text, "warning", p.warn_fill, TEXT),
                ("text", p.text, "banner", p.banner, TEXT),
                ("muted text", p.muted, "banner", p.banner, TEXT),
                ("text", p.text, "prompt", p.prompt_fill, TEXT),
                ("muted text", p.muted, "prompt", p.prompt_fill, TEXT),
                ("text", p.text, "cue", p.cue_fill, TEXT),
                ("ok text", p.ok_text, "cue", p.cue_fill, TEXT),
                ("focus ring", p.focus, "banner", p.banner, OUTLINE),
                ("focus ring", p.focus, "warning", p.warn_fill, OUTLINE),
                ("focus ring", p.focus, "prompt", p.prompt_fill, OUTLINE),
            ];
            for (surface, back) in surfaces {
                for (what, fore, least) in on_every_surface {
                    pairs.push((what, fore, surface, back, least));
                }
            }
            for (what, fore, surface, back, least) in pairs {
                let ratio = contrast(fore, back);
                assert!(
                    ratio >= least,
                    "{name} palette: {what} on {surface} is {ratio:.2}:1, below {least}:1"
                );
            }
        }
    }
}
