//! The window, drawn with egui. Nothing outside `ui` imports it.

mod app;
mod history;
mod placeholder;
pub mod probe;
mod settings;
pub mod theme;
mod today;
mod widgets;

pub use app::{APP_ID, Screen, UnknotApp};
pub use probe::{Probe, ProbeConfig};
