//! A bare eframe window: the same eframe features, renderer and window size as
//! Unknot, and nothing else. `benches/startup.rs` compares Unknot's start-up
//! time and memory with this. Measured through the same `Probe` as the real
//! app, so `UNKNOT_EXIT_AFTER_FIRST_FRAME=1` and `UNKNOT_COUNT_FRAMES=1` work
//! here too.

use std::time::Instant;

use unknot::ui::{Probe, ProbeConfig};

struct Bare;

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare window");
        });
    }
}

fn main() -> eframe::Result {
    let started = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_app_id("io.github.unknot.BareWindow")
            .with_inner_size([1040.0, 760.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Bare window",
        options,
        Box::new(move |_cc| Ok(Box::new(Probe::new(Bare, ProbeConfig::from_env(), started)))),
    )
}
