//! Helpers shared by the UI tests: an app on a temporary store with a fixed clock.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use chrono::DateTime;
use egui_kittest::Harness;
use unknot::domain::clock::ManualClock;
use unknot::store::Store;
use unknot::ui::UnknotApp;

/// Wednesday 25 November 2026, 09:00 in a UTC+1 zone.
pub const NOW: &str = "2026-11-25T09:00:00+01:00";

pub fn clock() -> ManualClock {
    ManualClock::new(DateTime::parse_from_rfc3339(NOW).unwrap())
}

pub fn harness(dir: &Path, clock: &ManualClock) -> Harness<'static, UnknotApp> {
    let store = Store::open(dir).unwrap();
    let clock = Arc::new(clock.clone());
    let mut harness = Harness::builder()
        .with_size([1040.0, 900.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| UnknotApp::new(&cc.egui_ctx, store, clock));
    harness.run();
    harness
}

/// Scrolls the widget with this exact label into view and clicks it, as a person would.
pub fn click(harness: &mut Harness<'static, UnknotApp>, label: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}
