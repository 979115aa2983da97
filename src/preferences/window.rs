//! The window as it was left: its size, its position where the desktop
//! tells it (X11 does, Wayland does not), and the zoom. Sizes and positions
//! are in logical pixels, what the desktop's scaling turns into screen
//! pixels, so they mean the same at any zoom.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::PreferenceKey;

/// The inner size of the window, in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowSize {
    pub width: f32,
    pub height: f32,
}

impl WindowSize {
    /// The size of the first window.
    pub const DEFAULT: WindowSize = WindowSize::new(1040.0, 760.0);
    /// Smaller than this, the screens do not fit.
    pub const MIN: WindowSize = WindowSize::new(640.0, 480.0);
    /// Larger than any screen, even several side by side: a saved size
    /// past this is a value gone wrong.
    pub const MAX: WindowSize = WindowSize::new(16_384.0, 16_384.0);

    pub const fn new(width: f32, height: f32) -> Self {
        Self { width, height }
    }

    /// Width and height, as eframe takes them.
    pub fn to_array(self) -> [f32; 2] {
        [self.width, self.height]
    }
}

/// The top-left corner of the window's frame on the desktop, in logical
/// pixels; negative on a screen left of or above the main one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowPosition {
    pub x: f32,
    pub y: f32,
}

impl WindowPosition {
    /// How far from the origin a corner may be; further is a value gone wrong.
    pub const MAX_OFFSET: f32 = 16_384.0;

    pub fn to_array(self) -> [f32; 2] {
        [self.x, self.y]
    }
}

/// How much larger than usual everything is drawn (Ctrl+plus, Ctrl+minus,
/// Ctrl+0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Zoom(pub f32);

impl Zoom {
    /// Half size to three times: smaller is unreadable, larger leaves no
    /// room for a screen.
    pub const RANGE: RangeInclusive<f32> = 0.5..=3.0;

    /// The zoom brought into [`Zoom::RANGE`]; the usual size when it is no
    /// number at all.
    pub fn clamped(self) -> Zoom {
        if self.0.is_finite() {
            Zoom(self.0.clamp(*Self::RANGE.start(), *Self::RANGE.end()))
        } else {
            Zoom::default()
        }
    }
}

impl Default for Zoom {
    fn default() -> Self {
        Zoom(1.0)
    }
}

/// Brings the window's values into range. A value that is no size or
/// position at all (not a finite number, or a side of zero) is dropped, so
/// the window opens at its usual size or where the desktop puts it; one
/// out of range is clamped. Returns a warning for each change.
pub(super) fn validate(
    size: &mut Option<WindowSize>,
    position: &mut Option<WindowPosition>,
    zoom: &mut Zoom,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(seen) = *size {
        let (min, max) = (WindowSize::MIN, WindowSize::MAX);
        let usable = [seen.width, seen.height]
            .iter()
            .all(|side| side.is_finite() && *side > 0.0);
        let fitted = WindowSize::new(
            seen.width.clamp(min.width, max.width),
            seen.height.clamp(min.height, max.height),
        );
        let name = PreferenceKey::WindowSize.name();
        if !usable {
            *size = None;
            warnings.push(format!(
                "{name}: {} by {} is not a window size, so the window opens at its usual size",
                seen.width, seen.height
            ));
        } else if fitted != seen {
            *size = Some(fitted);
            warnings.push(format!(
                "{name}: {} by {} is outside {} by {} to {} by {}, so the window opens at \
                 {} by {}",
                seen.width,
                seen.height,
                min.width,
                min.height,
                max.width,
                max.height,
                fitted.width,
                fitted.height
            ));
        }
    }
    if let Some(seen) = *position {
        let limit = WindowPosition::MAX_OFFSET;
        let usable = seen.x.is_finite() && seen.y.is_finite();
        let name = PreferenceKey::WindowPosition.name();
        if !usable || seen.x.abs() > limit || seen.y.abs() > limit {
            *position = None;
            warnings.push(format!(
                "{name}: {}, {} is not a place on a screen, so the desktop places the window",
                seen.x, seen.y
            ));
        }
    }
    let fitted = zoom.clamped();
    if fitted != *zoom {
        warnings.push(format!(
            "{}: {} is outside {} to {}, so the zoom is {}",
            PreferenceKey::Zoom.name(),
            zoom.0,
            Zoom::RANGE.start(),
            Zoom::RANGE.end(),
            fitted.0
        ));
        *zoom = fitted;
    }
    warnings
}
