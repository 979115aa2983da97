//! Helpers shared by the UI tests: an app on a temporary store with a fixed clock.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use chrono::DateTime;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use unknot::domain::clock::ManualClock;
use unknot::notify::RecordingNotifier;
use unknot::preferences::PreferenceKey;
use unknot::store::Store;
use unknot::ui::UnknotApp;
use unknot::ui::desktop_files::NoDialogs;

/// Wednesday 25 November 2026, 09:00 in a UTC+1 zone.
pub const NOW: &str = "2026-11-25T09:00:00+01:00";

pub fn clock() -> ManualClock {
    ManualClock::new(DateTime::parse_from_rfc3339(NOW).unwrap())
}

/// The app over a store in `dir`. Desktop notifications are recorded, never
/// sent, and there is no folder dialog, as on a system without one.
pub fn harness(dir: &Path, clock: &ManualClock) -> Harness<'static, UnknotApp> {
    harness_with(dir, clock, &RecordingNotifier::default())
}

/// Like [`harness`], with notifications recorded in `notifier`.
pub fn harness_with(
    dir: &Path,
    clock: &ManualClock,
    notifier: &RecordingNotifier,
) -> Harness<'static, UnknotApp> {
    harness_of(dir, clock, notifier, |app| app)
}

/// Like [`harness_with`], with the app as `finish` leaves it.
pub fn harness_of(
    dir: &Path,
    clock: &ManualClock,
    notifier: &RecordingNotifier,
    finish: impl FnOnce(UnknotApp) -> UnknotApp + 'static,
) -> Harness<'static, UnknotApp> {
    let mut store = Store::open(dir).unwrap();
    // The one-time note on closing ("reminders go on") is for the tests that
    // ask for it, by saving the preference first.
    if store
        .setting("window.told_about_background")
        .unwrap()
        .is_none()
    {
        let (mut prefs, _) = store.preferences().unwrap();
        prefs.told_about_background = true;
        store
            .save_preferences(&prefs, &[PreferenceKey::ToldAboutBackground])
            .unwrap();
    }
    let clock = Arc::new(clock.clone());
    let notifier = Arc::new(notifier.clone());
    let config = dir.join("config");
    let mut harness = Harness::builder()
        .with_size([1040.0, 900.0])
        .with_theme(egui::Theme::Light)
        // A file dialog answers from its own thread, and on a loaded machine
        // its answer can land a frame or two later: room to settle.
        .with_max_steps(8)
        .build_eframe(move |cc| {
            finish(
                UnknotApp::new(&cc.egui_ctx, store, clock)
                    .with_notifier(notifier)
                    .with_desktop_files(Arc::new(NoDialogs))
                    .with_config_dir(config),
            )
        });
    harness.run();
    harness
}

/// Scrolls the widget with this exact label into view and clicks it, as a person would.
pub fn click(harness: &mut Harness<'static, UnknotApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Opens a screen from the navigation.
pub fn open(harness: &mut Harness<'static, UnknotApp>, screen: unknot::ui::Screen) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, screen.label())
        .click();
    harness.run();
    assert_eq!(harness.state().screen(), screen);
}

/// Replaces the text of the field labelled `label` with `text`.
pub fn fill(harness: &mut Harness<'static, UnknotApp>, label: &str, text: &str) {
    click(harness, label);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Draws frames until `done` holds, for up to two seconds: for what
/// another thread answers (a dialog), which wakes the window when it does.
pub fn wait_until(
    harness: &mut Harness<'static, UnknotApp>,
    done: impl Fn(&Harness<'static, UnknotApp>) -> bool,
) {
    for _ in 0..100 {
        if done(harness) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
}

/// Moves the clock on by `secs` in steps of `step` seconds, drawing a frame
/// after each, as a window left open would.
pub fn advance(
    harness: &mut Harness<'static, UnknotApp>,
    clock: &ManualClock,
    secs: u64,
    step: u64,
) {
    let mut left = secs;
    while left > 0 {
        let by = step.min(left);
        clock.advance(std::time::Duration::from_secs(by));
        harness.run();
        left -= by;
    }
}

/// Sets a file's or folder's permission bits.
pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The real `unknot` binary, run so that file permissions apply to it: root
/// ignores them, so when the tests run as root it runs as "nobody", from a
/// copy that user may execute. Keep the folder alive while the command runs.
pub fn unprivileged_unknot() -> (tempfile::TempDir, std::process::Command) {
    let as_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let bin_dir = tempfile::tempdir().unwrap();
    let bin = bin_dir.path().join("unknot");
    std::fs::copy(env!("CARGO_BIN_EXE_unknot"), &bin).unwrap();
    set_mode(bin_dir.path(), 0o755);
    set_mode(&bin, 0o755);
    let mut cmd = if as_root {
        let mut c = std::process::Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.env_remove("UNKNOT_DATA_DIR");
    (bin_dir, cmd)
}
