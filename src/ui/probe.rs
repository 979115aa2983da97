//! Measuring hooks for the benchmarks (`benches/startup.rs`), switched on by
//! environment variables and inert otherwise. [`Probe`] wraps any
//! [`eframe::App`], so the real window and the bare comparison window are
//! measured by the same code.
//!
//! - `UNKNOT_EXIT_AFTER_FIRST_FRAME=1`: when the first frame has been painted
//!   (at the start of the second), print `unknot-probe first_frame_ms=<ms>`,
//!   counted from `started`, and close the window.
//! - `UNKNOT_COUNT_FRAMES=1`: count the frames drawn; on exit print
//!   `unknot-probe frames=<all> idle_frames=<n> idle_secs=<s>`, where the idle
//!   frames are those drawn from one second after the first frame until the
//!   window was asked to close.
//! - `UNKNOT_EXIT_AFTER_SECS=<s>`: close the window `s` seconds after the
//!   first frame (for an unattended idle count).

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Frames drawn within this time after the first are start-up, not idle.
const SETTLE: Duration = Duration::from_secs(1);

/// What to measure; read from the environment by [`ProbeConfig::from_env`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProbeConfig {
    pub exit_after_first_frame: bool,
    pub count_frames: bool,
    pub exit_after: Option<Duration>,
}

impl ProbeConfig {
    /// Reads the `UNKNOT_*` variables described in the module notes.
    pub fn from_env() -> Self {
        let flag = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        Self {
            exit_after_first_frame: flag("UNKNOT_EXIT_AFTER_FIRST_FRAME"),
            count_frames: flag("UNKNOT_COUNT_FRAMES"),
            exit_after: std::env::var("UNKNOT_EXIT_AFTER_SECS")
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|secs| secs.is_finite() && *secs > 0.0)
                .map(Duration::from_secs_f64),
        }
    }

    /// True when nothing is measured, so the wrapper can be left out.
    pub fn is_off(&self) -> bool {
        *self == Self::default()
    }
}

/// An [`eframe::App`] that measures the app it wraps (see the module notes).
pub struct Probe<A> {
    inner: A,
    config: ProbeConfig,
    started: Instant,
    first_frame: Option<Instant>,
    frames: u64,
    idle_frames: u64,
    /// When the window was asked to close; frames after it are not idle.
    closing: Arc<OnceLock<Instant>>,
}

impl<A> Probe<A> {
    /// Wraps `inner`; `started` is when the process began its work (the top of `main`).
    pub fn new(inner: A, config: ProbeConfig, started: Instant) -> Self {
        Self {
            inner,
            config,
            started,
            first_frame: None,
            frames: 0,
            idle_frames: 0,
            closing: Arc::new(OnceLock::new()),
        }
    }

    fn count(&mut self, now: Instant) {
        self.frames += 1;
        let settled = self
            .first_frame
            .is_some_and(|first| now.duration_since(first) >= SETTLE);
        if settled && self.closing.get().is_none() {
            self.idle_frames += 1;
        }
    }

    /// Called at the first frame: starts the timer that closes the window.
    fn start_exit_timer(&self, ctx: &egui::Context) {
        let Some(after) = self.config.exit_after else {
            return;
        };
        let ctx = ctx.clone();
        let closing = Arc::clone(&self.closing);
        std::thread::spawn(move || {
            std::thread::sleep(after);
            let _ = closing.set(Instant::now());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            ctx.request_repaint();
        });
    }

    fn idle_secs(&self) -> f64 {
        let Some(first) = self.first_frame else {
            return 0.0;
        };
        let end = self.closing.get().copied().unwrap_or_else(Instant::now);
        end.saturating_duration_since(first + SETTLE).as_secs_f64()
    }
}

impl<A: eframe::App> eframe::App for Probe<A> {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.inner.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let now = Instant::now();
        self.count(now);
        match self.first_frame {
            None => {
                self.first_frame = Some(now);
                self.start_exit_timer(ui.ctx());
                if self.config.exit_after_first_frame {
                    // The next pass starts once this frame is on screen.
                    ui.ctx().request_repaint();
                }
            }
            Some(_) if self.config.exit_after_first_frame && self.frames == 2 => {
                let ms = now.duration_since(self.started).as_secs_f64() * 1000.0;
                println!("unknot-probe first_frame_ms={ms:.1}");
                let _ = self.closing.set(now);
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(_) => {}
        }
        self.inner.ui(ui, frame);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.inner.save(storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        if self.config.count_frames {
            println!(
                "unknot-probe frames={} idle_frames={} idle_secs={:.1}",
                self.frames,
                self.idle_frames,
                self.idle_secs()
            );
        }
        self.inner.on_exit(gl);
    }

    fn auto_save_interval(&self) -> Duration {
        self.inner.auto_save_interval()
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.inner.clear_color(visuals)
    }

    fn persist_egui_memory(&self) -> bool {
        self.inner.persist_egui_memory()
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.inner.raw_input_hook(ctx, raw_input);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_measured_by_default() {
        assert!(ProbeConfig::default().is_off());
    }

    #[test]
    fn only_frames_after_the_first_second_and_before_closing_are_idle() {
        let start = Instant::now();
        let config = ProbeConfig {
            count_frames: true,
            ..ProbeConfig::default()
        };
        let mut probe = Probe::new((), config, start);
        probe.first_frame = Some(start);
        probe.count(start);
        probe.count(start + Duration::from_millis(500));
        probe.count(start + Duration::from_secs(2));
        assert_eq!((probe.frames, probe.idle_frames), (3, 1));

        let _ = probe.closing.set(start + Duration::from_secs(3));
        probe.count(start + Duration::from_secs(4));
        assert_eq!((probe.frames, probe.idle_frames), (4, 1));
        assert!(
            (probe.idle_secs() - 2.0).abs() < 1e-6,
            "{}",
            probe.idle_secs()
        );
    }
}
