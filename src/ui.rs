//! The window, drawn with egui. Nothing outside `ui` imports it.

mod advice;
mod app;
mod checkin_fields;
mod command;
mod data;
mod days_off_fields;
pub mod desktop_files;
mod ergonomics;
mod event;
mod experiment_form;
mod flare_form;
mod heat;
mod history;
mod keyboard;
mod outcome;
pub mod probe;
mod progress;
mod record;
mod refused;
mod reminders;
mod routines;
mod screen;
mod session_log;
mod settings;
pub mod theme;
mod today;
mod unsaved;
mod when;
mod widgets;

pub use app::UnknotApp;
pub use data::Data;
pub use probe::{Probe, ProbeConfig};
pub use refused::RefusedApp;
pub use screen::Screen;
