//! The window, drawn with egui. Nothing outside `ui` imports it.

mod advice;
mod app;
mod ergonomics;
mod heat;
mod history;
mod outcome;
pub mod probe;
mod progress;
mod refused;
mod reminders;
mod routines;
mod session_log;
mod settings;
pub mod theme;
mod today;
mod when;
mod widgets;

pub use app::{APP_ID, Screen, UnknotApp};
pub use probe::{Probe, ProbeConfig};
pub use refused::RefusedApp;
