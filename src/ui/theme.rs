//! Spacing, colours and text styles in one place.

use egui::{
    Color32, CornerRadius, FontId, Margin, Stroke, StrokeKind, TextStyle, Theme, ThemePreference,
    Visuals,
};

use crate::preferences::Appearance;

/// Every colour the window uses, screens and charts alike. Screens read
/// it through [`palette`], never a colour of their own, so that the light
/// and the dark palette can follow the person's or the desktop's choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Teal: calm, and readable as text on the page and the cards.
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
    /// Body text: softer than pure black (or white on the dark page).
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
    /// Calendar days by pain, 0-1, 2-3, 4-5, 6-7 and 8-10: one hue whose
    /// lightness runs one way only, from close to the page to far from it
    /// (pale to dark on the light page, dark to bright on the dark one), so
    /// the order reads by lightness alone, also for people who do not tell
    /// red from green.
    pub pain_scale: [Color32; 5],
    /// The routine mark on each colour of `pain_scale`: dark on a light
    /// day, light on a dark one.
    pub pain_marks: [Color32; 5],
    /// The routine mark on a day without a check-in, and in the legend.
    pub day_mark: Color32,
}

/// The light palette: warm off-white paper and a deep teal.
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
    pain_marks: [
        Color32::from_rgb(0x26, 0x2a, 0x2e),
        Color32::from_rgb(0x26, 0x2a, 0x2e),
        Color32::from_rgb(0x26, 0x2a, 0x2e),
        Color32::WHITE,
        Color32::WHITE,
    ],
    day_mark: Color32::from_rgb(0x26, 0x2a, 0x2e),
};

/// The dark palette: warm dark grey, light text, the same teal made lighter
/// so it still reads as text.
pub const DARK: Palette = Palette {
    accent: Color32::from_rgb(0x6c, 0xbf, 0xc3),
    on_accent: Color32::from_rgb(0x10, 0x25, 0x26),
    track: Color32::from_rgb(0x3b, 0x37, 0x32),
    card: Color32::from_rgb(0x2a, 0x27, 0x24),
    card_edge: Color32::from_rgb(0x42, 0x3d, 0x37),
    banner: Color32::from_rgb(0x1d, 0x38, 0x39),
    page: Color32::from_rgb(0x1f, 0x1d, 0x1a),
    field: Color32::from_rgb(0x17, 0x15, 0x13),
    control_fill: Color32::from_rgb(0x34, 0x30, 0x2b),
    control_edge: Color32::from_rgb(0x8e, 0x86, 0x7a),
    focus: Color32::from_rgb(0x8f, 0xb8, 0xf0),
    text: Color32::from_rgb(0xec, 0xe7, 0xdf),
    muted: Color32::from_rgb(0xb5, 0xaf, 0xa6),
    warn_fill: Color32::from_rgb(0x3f, 0x2b, 0x17),
    warn_edge: Color32::from_rgb(0xd9, 0x8a, 0x3a),
    warn_text: Color32::from_rgb(0xf7, 0xc8, 0x96),
    error_text: Color32::from_rgb(0xff, 0x8f, 0x85),
    ok_text: Color32::from_rgb(0x86, 0xd3, 0x9f),
    cue_fill: Color32::from_rgb(0x1f, 0x3a, 0x28),
    prompt_fill: Color32::from_rgb(0x1d, 0x38, 0x39),
    grid: Color32::from_rgb(0x4a, 0x45, 0x3e),
    pain_dot: Color32::from_rgb(0x8a, 0x97, 0x9c),
    moderate: Color32::from_rgb(0x5e, 0x9e, 0x6e),
    substantial: Color32::from_rgb(0x8f, 0xd4, 0xa4),
    stretch: Color32::from_rgb(0x3f, 0x83, 0x87),
    strength: Color32::from_rgb(0x6c, 0xbf, 0xc3),
    heat: Color32::from_rgb(0xe0, 0x9a, 0x5a),
    day_empty: Color32::from_rgb(0x75, 0x6e, 0x64),
    pain_scale: [
        Color32::from_rgb(0x4a, 0x3c, 0x25),
        Color32::from_rgb(0x7a, 0x54, 0x28),
        Color32::from_rgb(0xa5, 0x69, 0x2c),
        Color32::from_rgb(0xdc, 0x94, 0x43),
        Color32::from_rgb(0xff, 0xcf, 0x8a),
    ],
    pain_marks: [
        Color32::from_rgb(0xec, 0xe7, 0xdf),
        Color32::from_rgb(0xec, 0xe7, 0xdf),
        Color32::from_rgb(0xec, 0xe7, 0xdf),
        Color32::from_rgb(0x1f, 0x1d, 0x1a),
        Color32::from_rgb(0x1f, 0x1d, 0x1a),
    ],
    day_mark: Color32::from_rgb(0xec, 0xe7, 0xdf),
};

/// The palette in force for a context: the dark one while egui draws in
/// its dark theme (chosen in Settings, or the desktop's).
pub fn palette(ctx: &egui::Context) -> &'static Palette {
    palette_of(ctx.theme())
}

/// The palette drawn with `theme`.
fn palette_of(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    }
}

/// What the Appearance choice in Settings asks of egui.
pub fn theme_preference(appearance: Appearance) -> ThemePreference {
    match appearance {
        Appearance::System => ThemePreference::System,
        Appearance::Light => ThemePreference::Light,
        Appearance::Dark => ThemePreference::Dark,
    }
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

/// Applies Unknot's look, light and dark, to a context. Which of the two
/// shows is the caller's choice (`ctx.set_theme`); when the choice is the
/// desktop's and the desktop does not say, it is the light one.
pub fn apply(ctx: &egui::Context) {
    ctx.options_mut(|options| options.fallback_theme = Theme::Light);
    ctx.set_visuals_of(Theme::Light, visuals(Visuals::light(), &LIGHT));
    ctx.set_visuals_of(Theme::Dark, visuals(Visuals::dark(), &DARK));
    apply_sizes(ctx);
}

/// egui's `base` visuals in the colours of `p`.
fn visuals(mut visuals: Visuals, p: &Palette) -> Visuals {
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
    // egui draws a focused control in its "active" (pressed) look, a solid
    // grey that read as chosen next to a chosen one. Focus has its own
    // ring; pressed and focused keep the control's fill, with an accent edge.
    visuals.widgets.active.weak_bg_fill = p.control_fill;
    visuals.widgets.active.bg_stroke = Stroke::new(1.5, p.accent);
    let radius = CornerRadius::same(6);
    visuals.widgets.inactive.corner_radius = radius;
    visuals.widgets.hovered.corner_radius = radius;
    visuals.widgets.active.corner_radius = radius;
    visuals.widgets.noninteractive.corner_radius = radius;
    visuals
}

/// Applies the text sizes and spacing, the same in both themes.
fn apply_sizes(ctx: &egui::Context) {
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
    const PALETTES: [(&str, &Palette); 2] = [("light", &LIGHT), ("dark", &DARK)];

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

    /// The calendar's pain bands, as the contrast test names them.
    const PAIN_BAND_NAMES: [&str; 5] =
        ["pain 0-1", "pain 2-3", "pain 4-5", "pain 6-7", "pain 8-10"];

    #[test]
    fn pain_bands_move_steadily_away_from_the_page_in_lightness() {
        for (name, p) in PALETTES {
            let distances: Vec<f64> = p
                .pain_scale
                .iter()
                .map(|&band| (luminance(band) - luminance(p.page)).abs())
                .collect();
            assert!(
                distances.windows(2).all(|pair| pair[0] < pair[1]),
                "{name} palette: the pain bands do not move steadily away from the page \
                 ({distances:?})"
            );
        }
    }

    #[test]
    fn the_palette_follows_the_theme() {
        let ctx = egui::Context::default();
        apply(&ctx);
        ctx.set_theme(Theme::Dark);
        assert_eq!(palette(&ctx), &DARK);
        assert_eq!(ctx.global_style().visuals.panel_fill, DARK.page);
        ctx.set_theme(Theme::Light);
        assert_eq!(palette(&ctx), &LIGHT);
        assert_eq!(ctx.global_style().visuals.panel_fill, LIGHT.page);
    }

    #[test]
    fn a_focused_control_does_not_look_chosen() {
        let ctx = egui::Context::default();
        apply(&ctx);
        for (theme, p) in [(Theme::Light, &LIGHT), (Theme::Dark, &DARK)] {
            let style = ctx.style_of(theme);
            let widgets = &style.visuals.widgets;
            // Focused and pressed controls are drawn "active": the same fill
            // as at rest, unlike a chosen one, with an accent edge.
            assert_eq!(widgets.active.weak_bg_fill, widgets.inactive.weak_bg_fill);
            assert_ne!(widgets.active.weak_bg_fill, style.visuals.selection.bg_fill);
            assert_eq!(widgets.active.bg_stroke.color, p.accent);
        }
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
            for (band, (&day, &mark)) in p.pain_scale.iter().zip(&p.pain_marks).enumerate() {
                pairs.push(("routine mark", mark, PAIN_BAND_NAMES[band], day, OUTLINE));
            }
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
