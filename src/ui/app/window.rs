//! The window's size, position and zoom, remembered in the preferences (so
//! each data folder keeps its own) and given back at the next start: the
//! size and position to the window as it opens, the zoom here. A change is
//! saved once it has held for a few seconds, since dragging a corner
//! changes the size every frame, and on closing; never every frame. The
//! appearance (light, dark or the desktop's) is given to egui at start and
//! whenever the preference, or the desktop's light or dark preference,
//! changes.

use std::time::Duration;

use egui::Theme;

use super::UnknotApp;
use crate::desktop_theme::{self, ColorScheme, DesktopScheme};
use crate::domain::clock::Moment;
use crate::preferences::{WindowPosition, WindowSize, Zoom};
use crate::ui::theme;

/// How long the window stays as it is before the change is saved.
const SAVE_AFTER: Duration = Duration::from_secs(3);

/// The window as one frame sees it. Size and position are `None` while
/// the window is maximized, full-screen or minimized (the size to come
/// back to is the one before), and the position also where the desktop
/// does not tell it (Wayland).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Placement {
    size: Option<WindowSize>,
    position: Option<WindowPosition>,
    zoom: Zoom,
}

/// What the app knows of the window between frames.
#[derive(Debug, Default)]
pub(super) struct WindowMemory {
    /// As last saved, or as first seen: a change is a difference from it.
    settled: Option<Placement>,
    /// When the window first differed from `settled`.
    changed_at: Option<Moment>,
    /// The desktop's light or dark preference, as last heard.
    desktop: DesktopScheme,
    /// The desktop's preference last given to egui.
    desktop_shown: ColorScheme,
}

impl UnknotApp {
    /// Draws at the zoom saved last time; `new` calls it.
    pub(super) fn restore_zoom(&self, ctx: &egui::Context) {
        ctx.set_zoom_factor(self.preferences.zoom.0);
    }

    /// Follows the desktop's light or dark preference (the desktop portal's
    /// setting) while the appearance is "as the desktop", repainting when
    /// it changes. Without a portal the window stays light.
    #[must_use]
    pub fn following_the_desktop_theme(self, ctx: &egui::Context) -> Self {
        let ctx = ctx.clone();
        self.with_desktop_scheme(desktop_theme::follow(move |_| ctx.request_repaint()))
    }

    /// Takes the desktop's preference from `scheme`, which whoever holds a
    /// clone may change (tests do it by hand). Applied on the next frame.
    #[must_use]
    pub fn with_desktop_scheme(mut self, scheme: DesktopScheme) -> Self {
        self.window.desktop = scheme;
        self
    }

    /// Draws in the saved appearance; `new` calls it. With "as the
    /// desktop", egui draws in the theme winit reports where it reports one
    /// (not on Linux), else in its fallback theme: the one the desktop
    /// portal says, light when it says nothing.
    pub(super) fn restore_appearance(&mut self, ctx: &egui::Context) {
        self.appearance_shown = self.preferences.appearance;
        self.window.desktop_shown = self.window.desktop.get();
        ctx.set_theme(theme::theme_preference(self.appearance_shown));
        let fallback = fallback_theme(self.window.desktop_shown);
        ctx.options_mut(|options| options.fallback_theme = fallback);
    }

    /// Runs in `logic`: switches egui to the appearance chosen since the
    /// last frame, or to the desktop's new preference.
    pub(super) fn follow_the_appearance(&mut self, ctx: &egui::Context) {
        if self.preferences.appearance != self.appearance_shown
            || self.window.desktop.get() != self.window.desktop_shown
        {
            self.restore_appearance(ctx);
        }
    }

    /// Runs in `logic`: keeps the zoom in range, and saves a change to the
    /// window once it has held for [`SAVE_AFTER`].
    pub(super) fn follow_the_window(&mut self, ctx: &egui::Context) {
        let zoom = Zoom(ctx.zoom_factor());
        if zoom.clamped() != zoom {
            ctx.set_zoom_factor(zoom.clamped().0);
        }
        let seen = placement(ctx);
        let settled = *self.window.settled.get_or_insert(seen);
        if seen == settled {
            self.window.changed_at = None;
            return;
        }
        let now = self.clock.moment();
        let changed_at = *self.window.changed_at.get_or_insert(now);
        let waited = now.saturating_duration_since(changed_at);
        if waited >= SAVE_AFTER {
            self.save_placement(seen);
        } else {
            ctx.request_repaint_after(SAVE_AFTER - waited);
        }
    }

    /// Saves the window as it is now, if it changed: the window is closing.
    pub(super) fn save_window_now(&mut self, ctx: &egui::Context) {
        let seen = placement(ctx);
        if self.window.settled != Some(seen) {
            self.save_placement(seen);
        }
    }

    fn save_placement(&mut self, seen: Placement) {
        self.window.settled = Some(seen);
        self.window.changed_at = None;
        // Only a preference: if it cannot be saved, the next start opens
        // the window as this one opened.
        let _ = self.change_preferences(|p| {
            p.window_size = seen.size.or(p.window_size);
            p.window_position = seen.position.or(p.window_position);
            p.zoom = seen.zoom;
        });
    }
}

/// The theme "as the desktop" means when winit does not say.
fn fallback_theme(desktop: ColorScheme) -> Theme {
    match desktop {
        ColorScheme::PreferDark => Theme::Dark,
        ColorScheme::PreferLight | ColorScheme::NoPreference => Theme::Light,
    }
}

/// The window now, in logical pixels (points times the zoom), whole.
fn placement(ctx: &egui::Context) -> Placement {
    let zoom = ctx.zoom_factor();
    let (normal, outer) = ctx.input(|i| {
        let v = i.viewport();
        let special = [v.maximized, v.fullscreen, v.minimized];
        (!special.contains(&Some(true)), v.outer_rect)
    });
    let logical = |points: f32| (points * zoom).round();
    let inner = ctx.content_rect().size();
    Placement {
        size: normal.then(|| WindowSize::new(logical(inner.x), logical(inner.y))),
        position: outer.filter(|_| normal).map(|rect| WindowPosition {
            x: logical(rect.min.x),
            y: logical(rect.min.y),
        }),
        // egui steps the zoom by tenths; this drops the float noise.
        zoom: Zoom((zoom * 100.0).round() / 100.0),
    }
}
