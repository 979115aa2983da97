//! Start-up to first frame, peak memory and idle repaints of the real window
//! with ten years of history, each compared with a bare eframe window
//! (`examples/bare_window.rs`) built with the same features.
//!
//! `cargo bench --bench startup` builds the example, starts a private Xvfb
//! display and runs both windows in turn under `/usr/bin/time`. Without
//! `--bench` (as under `cargo test`) it only checks, without a display, that
//! the demo data can be made and read back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench may stop at the first surprise.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{DEMO_DAYS, Xvfb, fill_store, measuring, median};
use unknot::preferences::{KeepReminding, PreferenceKey, Preferences};
use unknot::store::Store;

/// Timed runs of each window, after one warm-up run each.
const RUNS: usize = 15;
/// Seconds the idle count lasts (frames in the first second are start-up).
const IDLE_SECS: u64 = 5;

fn main() {
    if !measuring() {
        smoke();
        return;
    }
    let app = PathBuf::from(env!("CARGO_BIN_EXE_unknot"));
    let bare = build_bare_window(&app);
    let data = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let today = chrono::Local::now().date_naive();
    let made = Instant::now();
    let (checkins, sessions) = fill_store(data.path(), today, DEMO_DAYS);
    println!(
        "demo data: {checkins} check-ins and {sessions} sessions over {DEMO_DAYS} days, made in {:.1} s",
        made.elapsed().as_secs_f64()
    );
    // The window alone: closing it neither asks where Unknot went nor
    // starts the background process, so each run ends when the probe
    // closes the window, and nothing is left running.
    let quiet = Preferences {
        keep_reminding: KeepReminding::Off,
        ..Preferences::default()
    };
    Store::open(data.path())
        .and_then(|mut store| store.save_preferences(&quiet, &[PreferenceKey::KeepReminding]))
        .expect("turn keeping reminding off");

    let xvfb = Xvfb::start();
    let unknot = Window::App {
        exe: &app,
        data: data.path(),
    };
    let bare = Window::Bare { exe: &bare };
    // Warm-up: page cache, font cache, and the app's once-a-day backup.
    for window in [&unknot, &bare] {
        window.first_frame(&xvfb.display);
    }
    let mut runs = [Vec::new(), Vec::new()];
    for _ in 0..RUNS {
        for (i, window) in [&unknot, &bare].into_iter().enumerate() {
            runs[i].push(window.first_frame(&xvfb.display));
        }
    }
    let [app_runs, bare_runs] = runs;
    let summary = |runs: &[Run]| {
        let mut wall: Vec<f64> = runs.iter().map(|r| r.wall_ms).collect();
        let mut inner: Vec<f64> = runs.iter().map(|r| r.in_process_ms).collect();
        let mut rss: Vec<f64> = runs.iter().map(|r| r.peak_rss_kib as f64).collect();
        (median(&mut wall), median(&mut inner), median(&mut rss))
    };
    let (app_wall, app_inner, app_rss) = summary(&app_runs);
    let (bare_wall, bare_inner, bare_rss) = summary(&bare_runs);
    println!("\nstart-up to first frame, median of {RUNS} runs each (under Xvfb, llvmpipe):");
    println!(
        "  spawn to first frame: Unknot / bare window = {:.2}x (goal <= 1.2x)",
        app_wall / bare_wall
    );
    println!(
        "  main() to first frame: Unknot / bare window = {:.2}x",
        app_inner / bare_inner
    );
    println!(
        "  peak RSS: Unknot - bare window = {:+.1} MB (goal <= +20 MB); Unknot / bare = {:.2}x",
        (app_rss - bare_rss) / 1024.0,
        app_rss / bare_rss
    );
    println!(
        "  absolute medians, this machine only: Unknot {app_wall:.0} ms / {app_inner:.0} ms, \
         bare {bare_wall:.0} ms / {bare_inner:.0} ms; RSS {:.0} MB vs {:.0} MB",
        app_rss / 1024.0,
        bare_rss / 1024.0
    );

    println!("\nidle repaints over {IDLE_SECS} s with no timer running (goal 0):");
    for window in [&unknot, &bare] {
        println!("  {}: {}", window.name(), window.idle_frames(&xvfb.display));
    }
}

/// The quick check `cargo test --all-targets` runs: no display, no release build.
fn smoke() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    let (checkins, sessions) = fill_store(data.path(), today, 60);
    let store = Store::open(data.path()).expect("reopen the store");
    assert_eq!(store.checkins().expect("read check-ins").len(), checkins);
    assert_eq!(store.sessions().expect("read sessions").len(), sessions);
    assert!(
        checkins > 30 && sessions > 30,
        "{checkins} check-ins, {sessions} sessions"
    );
    println!("startup bench smoke run: ok ({checkins} check-ins, {sessions} sessions)");
}

/// Builds `examples/bare_window.rs` next to the app binary cargo bench made.
fn build_bare_window(app: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "--example", "bare_window"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run cargo to build the bare window example");
    assert!(status.success(), "building the bare window example failed");
    let exe = app
        .parent()
        .expect("the app binary's folder")
        .join("examples")
        .join("bare_window");
    assert!(exe.exists(), "no {}", exe.display());
    exe
}

enum Window<'a> {
    App { exe: &'a Path, data: &'a Path },
    Bare { exe: &'a Path },
}

struct Run {
    /// From spawning the process to reading its first-frame line.
    wall_ms: f64,
    /// What the window itself measured, from the top of its `main`.
    in_process_ms: f64,
    peak_rss_kib: u64,
}

impl Window<'_> {
    fn name(&self) -> &'static str {
        match self {
            Window::App { .. } => "Unknot",
            Window::Bare { .. } => "bare window",
        }
    }

    /// The window under `/usr/bin/time`, which writes the peak RSS to `rss_file`.
    fn command(&self, display: &str, rss_file: &Path) -> Command {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-f").arg("%M").arg("-o").arg(rss_file);
        match self {
            Window::App { exe, data } => {
                cmd.arg(exe).arg("--data-dir").arg(data);
            }
            Window::Bare { exe } => {
                cmd.arg(exe);
            }
        }
        cmd.env("DISPLAY", display)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("UNKNOT_DATA_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        cmd
    }

    fn first_frame(&self, display: &str) -> Run {
        let rss_file = tempfile::NamedTempFile::new().expect("a temporary file");
        let started = Instant::now();
        let mut child = self
            .command(display, rss_file.path())
            .env("UNKNOT_EXIT_AFTER_FIRST_FRAME", "1")
            .spawn()
            .expect("start /usr/bin/time (install it with: apt-get install time)");
        let mut lines = BufReader::new(child.stdout.take().expect("the window's stdout")).lines();
        let mut in_process_ms = None;
        let mut wall_ms = 0.0;
        for line in lines.by_ref() {
            let line = line.expect("read the window's output");
            if let Some(ms) = probe_value(&line, "first_frame_ms") {
                wall_ms = started.elapsed().as_secs_f64() * 1000.0;
                in_process_ms = Some(ms);
                break;
            }
        }
        for _ in lines {}
        let status = child.wait().expect("wait for the window");
        let in_process_ms = in_process_ms
            .unwrap_or_else(|| panic!("{} printed no first frame ({status})", self.name()));
        assert!(status.success(), "{} failed: {status}", self.name());
        Run {
            wall_ms,
            in_process_ms,
            peak_rss_kib: read_rss(rss_file.path()),
        }
    }

    /// Frames drawn during `IDLE_SECS` after start-up, no input, no timer.
    fn idle_frames(&self, display: &str) -> String {
        let rss_file = tempfile::NamedTempFile::new().expect("a temporary file");
        let output = self
            .command(display, rss_file.path())
            .env("UNKNOT_COUNT_FRAMES", "1")
            .env("UNKNOT_EXIT_AFTER_SECS", (IDLE_SECS + 1).to_string())
            .output()
            .expect("run the window");
        let text = String::from_utf8_lossy(&output.stdout);
        let line = text
            .lines()
            .find(|l| l.contains("idle_frames="))
            .unwrap_or_else(|| panic!("{} printed no frame count: {text}", self.name()));
        let idle = probe_value(line, "idle_frames").expect("an idle frame count");
        let secs = probe_value(line, "idle_secs").expect("the idle time");
        let all = probe_value(line, "frames").expect("a frame count");
        format!("{idle} frames in {secs:.1} s ({all} frames in all, start-up included)")
    }
}

/// The number after `key=` in a line the probe printed.
fn probe_value(line: &str, key: &str) -> Option<f64> {
    line.strip_prefix("unknot-probe ")?
        .split_whitespace()
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        .and_then(|v| v.parse().ok())
}

fn read_rss(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).expect("read /usr/bin/time's output");
    text.lines()
        .rev()
        .find_map(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in {text:?}"))
}
