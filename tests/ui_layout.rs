//! Layout at small windows and large zoom: every screen's content stays
//! inside the window (text wraps, cards and charts narrow), and at a wide
//! window it fills the width up to the reading measure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use unknot::domain::clock::Clock;
use unknot::store::Store;
use unknot::ui::{Screen, UnknotApp};
use unknot::{demo, ui::theme};

/// The app over four months of made-up history, so every chart and list has rows.
fn app_with_history(dir: &std::path::Path) -> Harness<'static, UnknotApp> {
    let clock = common::clock();
    let zone = *clock.local_now().offset();
    let history = demo::generate_in(120, clock.today(), demo::DEFAULT_SEED, &zone);
    demo::fill_store(&mut Store::open(dir).unwrap(), &history).unwrap();
    common::harness(dir, &clock)
}

/// Every named node whose right edge lies past `right`, as "label: x".
fn past_the_edge(harness: &Harness<'static, UnknotApp>, right: f32) -> Vec<String> {
    harness
        .query_all(By::new().include_labels().predicate(|_| true))
        .filter_map(|node| {
            let ak = node.accesskit_node();
            // The window itself and grouping nodes have no rect of their own.
            let right_edge = ak.bounding_box()?.x1 as f32 / harness.ctx.pixels_per_point();
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            (right_edge > right + 0.5 && !label.is_empty())
                .then(|| format!("{label}: {right_edge:.0}"))
        })
        .collect()
}

fn every_screen_fits(harness: &mut Harness<'static, UnknotApp>, window_width: f32, what: &str) {
    for screen in Screen::ALL {
        common::open(harness, screen);
        harness.run();
        let outside = past_the_edge(harness, window_width);
        assert!(
            outside.is_empty(),
            "{screen:?} at {what} runs past the window's right edge: {outside:?}"
        );
    }
}

#[test]
fn every_screen_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    // Wide first, then small: the layout must narrow again, not keep the old width.
    harness.run();
    harness.set_size(egui::vec2(700.0, 500.0));
    harness.run();
    every_screen_fits(&mut harness, 700.0, "700x500");
    harness.set_size(egui::vec2(640.0, 480.0));
    harness.run();
    every_screen_fits(&mut harness, 640.0, "640x480");
}

#[test]
fn every_screen_fits_at_150_percent_zoom() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    harness.set_size(egui::vec2(1040.0, 760.0));
    harness.ctx.set_zoom_factor(1.5);
    harness.run();
    harness.run();
    every_screen_fits(&mut harness, 1040.0 / 1.5, "1040x760 and 150%");
}

/// A 700x500 window at 150% is 467x333 points: too narrow for the
/// navigation column beside the content, so the screens' buttons go in a
/// bar across the top and every screen is reached and fits the width.
#[test]
fn a_small_window_at_150_percent_has_the_navigation_across_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    let window = egui::vec2(700.0, 500.0) / 1.5;
    harness.set_size(window);
    harness.run();
    harness.run();
    // Every screen's button is in sight, above the content, without scrolling.
    for screen in Screen::ALL {
        let button = harness.get_by_role_and_label(egui::accesskit::Role::Button, screen.label());
        let rect = button.rect();
        assert!(
            rect.max.x <= window.x && rect.max.y < window.y / 2.0,
            "{screen:?}'s button lies at {rect:?}"
        );
    }
    every_screen_fits(&mut harness, window.x, "700x500 and 150%");
    // The smallest window there is (640x480) at 150%.
    let smallest = egui::vec2(640.0, 480.0) / 1.5;
    harness.set_size(smallest);
    harness.run();
    every_screen_fits(&mut harness, smallest.x, "640x480 and 150%");
    // Wider again, the column comes back.
    harness.set_size(egui::vec2(700.0, 500.0));
    harness.run();
    let settings = harness.get_by_role_and_label(egui::accesskit::Role::Button, "Settings");
    assert!(settings.rect().max.x < 200.0, "{:?}", settings.rect());
}

/// A routine playing keeps within a small window too, at 100% and at 150%
/// (its progress bar narrows with the window).
#[test]
fn the_routine_player_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    for size in [egui::vec2(700.0, 500.0), egui::vec2(700.0, 500.0) / 1.5] {
        harness.set_size(size);
        harness.run();
        common::open(&mut harness, Screen::Routines);
        common::click(&mut harness, "Start desk break");
        harness.run();
        let outside = past_the_edge(&harness, size.x);
        assert!(outside.is_empty(), "the player at {size:?}: {outside:?}");
        common::click(&mut harness, "Stop and save");
    }
}

/// The 0-10 scales stay on one row down to the smallest window, so "10"
/// never sits alone under the others.
#[test]
fn the_pain_scale_keeps_to_one_row_in_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    for size in [egui::vec2(700.0, 500.0), egui::vec2(640.0, 480.0)] {
        harness.set_size(size);
        harness.run();
        harness.run();
        for name in ["Pain", "Stress"] {
            let top = |n| harness.get_by_label(&format!("{name} {n}")).rect().min.y;
            assert_eq!(top(0), top(10), "{name} wraps at {size:?}");
        }
    }
}

#[test]
fn a_wide_window_fills_up_to_the_reading_measure() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    harness.set_size(egui::vec2(1600.0, 900.0));
    harness.run();
    common::open(&mut harness, Screen::Progress);
    // The hint is one line at this width: it spans the card, less its padding.
    let width = harness
        .get_by_label_contains("Each dot is one day")
        .rect()
        .width();
    assert!(
        width > 760.0 && width <= theme::MAX_CONTENT_WIDTH,
        "the hint spans {width} points"
    );
}

/// What a small window shows of Progress: the charts narrowed with the
/// window, their legends wrapped above them, nothing cut at the right.
#[test]
fn progress_at_700x500_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    harness.set_size(egui::vec2(700.0, 500.0));
    harness.run();
    common::open(&mut harness, Screen::Progress);
    harness.remove_cursor();
    harness.run();
    harness.snapshot("progress_700x500");
}

/// On Routines at 150% in a small window, a ready routine's start button
/// goes below its words instead of over them: no start button meets any
/// other named thing on the screen.
#[test]
fn start_buttons_never_cover_the_words_at_150_percent() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    // A 700x500 window at 150% is this many points.
    harness.set_size(egui::vec2(700.0, 500.0) / 1.5);
    harness.run();
    common::open(&mut harness, Screen::Routines);
    harness.run();
    let named: Vec<(String, egui::accesskit::Rect)> = harness
        .query_all(By::new().include_labels().predicate(|_| true))
        .filter_map(|node| {
            let ak = node.accesskit_node();
            // A button's words are its label; a text's, its value.
            Some((ak.label().or_else(|| ak.value())?, ak.bounding_box()?))
        })
        .collect();
    let starts: Vec<&(String, egui::accesskit::Rect)> = named
        .iter()
        .filter(|(label, _)| label.starts_with("Start "))
        .collect();
    assert!(starts.len() >= 3, "{named:?}");
    for (start, button) in starts {
        for (other, rect) in &named {
            let overlap = button.intersect(*rect);
            assert!(
                other == start || overlap.width() < 1.0 || overlap.height() < 1.0,
                "\"{start}\" lies over \"{other}\""
            );
        }
    }
}

/// At 150% in a 700x500 window the navigation is taller than the window:
/// it scrolls, so the last screen's button can be brought into view.
#[test]
fn every_screen_button_can_be_reached_in_a_short_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_history(dir.path());
    let window = egui::vec2(700.0, 500.0) / 1.5;
    harness.set_size(window);
    harness.run();
    for screen in Screen::ALL {
        let button = harness.get_by_role_and_label(egui::accesskit::Role::Button, screen.label());
        button.scroll_to_me();
        harness.run();
        let button = harness.get_by_role_and_label(egui::accesskit::Role::Button, screen.label());
        let bottom = button.accesskit_node().bounding_box().unwrap().y1 as f32
            / harness.ctx.pixels_per_point();
        assert!(
            bottom <= window.y + 0.5,
            "{:?}'s button ends at {bottom}, below the window's {}",
            screen,
            window.y
        );
    }
}
