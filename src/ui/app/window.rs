//! The window's size, position and zoom, remembered in the preferences (so
//! each data folder keeps its own) and given back at the next start: the
//! size and position to the window as it opens, the zoom here. A change is
//! saved once it has held for a few seconds, since dragging a corner
//! changes the size every frame, and on closing; never every frame. The
//! appearance (light, dark or the desktop's) is given to egui at start and
//! whenever the preference changes.

use std::time::Duration;

use super::UnknotApp;
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
}

impl UnknotApp {
    /// Draws at the zoom saved last time; `new` calls it.
    pub(super) fn restore_zoom(&self, ctx: &egui::Context) {
        ctx.set_zoom_factor(self.preferences.zoom.0);
    }

    /// Draws in the saved appearance; `new` calls it.
    pub(super) fn restore_appearance(&mut self, ctx: &egui::Context) {
        self.appearance_shown = self.preferences.appearance;
        ctx.set_theme(theme::theme_preference(self.appearance_shown));
    }

    /// Runs in `logic`: switches egui to the appearance chosen since the
    /// last frame. With "as the desktop", eframe follows the desktop's
    /// light or dark preference as winit reports it.
    pub(super) fn follow_the_appearance(&mut self, ctx: &egui::Context) {
        if self.preferences.appearance != self.appearance_shown {
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
        self.window = WindowMemory {
            settled: Some(seen),
            changed_at: None,
        };
        // Only a preference: if it cannot be saved, the next start opens
        // the window as this one opened.
        let _ = self.change_preferences(|p| {
            p.window_size = seen.size.or(p.window_size);
            p.window_position = seen.position.or(p.window_position);
            p.zoom = seen.zoom;
        });
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
