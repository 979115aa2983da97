//! Spacing, colours and text styles in one place.

use egui::{Color32, CornerRadius, FontId, Margin, Stroke, TextStyle, Visuals};

/// Deep teal: calm, readable on the light background.
pub const ACCENT: Color32 = Color32::from_rgb(0x2f, 0x6f, 0x73);
/// The empty part of a progress bar.
pub const TRACK: Color32 = Color32::from_rgb(0xe2, 0xdd, 0xd4);
/// Soft background for cards.
pub const CARD: Color32 = Color32::from_rgb(0xfa, 0xf8, 0xf4);
/// Reminder banner background: a pale teal.
pub const BANNER: Color32 = Color32::from_rgb(0xe3, 0xef, 0xee);
/// Page background.
pub const PAGE: Color32 = Color32::from_rgb(0xf1, 0xee, 0xe8);
/// Body text: near-black, softer than pure black.
pub const TEXT: Color32 = Color32::from_rgb(0x26, 0x2a, 0x2e);
/// Muted text for explanations.
pub const MUTED: Color32 = Color32::from_rgb(0x5f, 0x63, 0x68);
/// Warm background and edge for "see a professional" notices.
pub const WARN_FILL: Color32 = Color32::from_rgb(0xfd, 0xec, 0xd8);
pub const WARN_EDGE: Color32 = Color32::from_rgb(0xc2, 0x6a, 0x1b);
pub const WARN_TEXT: Color32 = Color32::from_rgb(0x6b, 0x33, 0x05);
/// Errors: a clear red that is still readable.
pub const ERROR_TEXT: Color32 = Color32::from_rgb(0xa3, 0x1f, 0x1f);
pub const OK_TEXT: Color32 = Color32::from_rgb(0x1f, 0x6b, 0x3a);
/// The brief cue when a hold or a heat session ends: a soft green.
pub const CUE_FILL: Color32 = Color32::from_rgb(0xdc, 0xef, 0xe0);

pub const GAP: f32 = 12.0;

/// Applies Unknot's look to a context.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    let mut visuals = Visuals::light();
    visuals.panel_fill = PAGE;
    visuals.window_fill = CARD;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.selection.bg_fill = ACCENT;
    visuals.selection.stroke = Stroke::new(1.0, Color32::WHITE);
    visuals.hyperlink_color = ACCENT;
    visuals.widgets.hovered.bg_stroke = Stroke::new(1.0, ACCENT);
    visuals.widgets.noninteractive.fg_stroke = Stroke::new(1.0, TEXT);
    visuals.widgets.inactive.fg_stroke = Stroke::new(1.0, TEXT);
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_rgb(0xcf, 0xc9, 0xbe));
    visuals.widgets.inactive.weak_bg_fill = Color32::from_rgb(0xf4, 0xf1, 0xeb);
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
            FontId::new(12.5, egui::FontFamily::Proportional),
        );
    });
}

/// A card: a rounded, lightly filled frame around a group of controls.
pub fn card() -> egui::Frame {
    egui::Frame::new()
        .fill(CARD)
        .stroke(Stroke::new(1.0, Color32::from_rgb(0xdd, 0xd8, 0xcf)))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// The frame of a "see a professional" notice.
pub fn warning_card() -> egui::Frame {
    egui::Frame::new()
        .fill(WARN_FILL)
        .stroke(Stroke::new(1.5, WARN_EDGE))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// Soft teal fill for gentle suggestions (a re-check that is due).
pub const PROMPT_FILL: Color32 = Color32::from_rgb(0xe3, 0xef, 0xee);

/// The frame of a gentle suggestion: calmer than a warning.
pub fn prompt_card() -> egui::Frame {
    egui::Frame::new()
        .fill(PROMPT_FILL)
        .stroke(Stroke::new(1.0, ACCENT))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// A card that has just turned green to say a hold or a timer has ended.
pub fn cue_card() -> egui::Frame {
    card().fill(CUE_FILL).stroke(Stroke::new(1.5, OK_TEXT))
}
