//! The window, drawn with egui. Nothing outside `ui` imports it.

mod app;
mod ergonomics;
mod history;
mod placeholder;
mod reminders;
mod settings;
pub mod theme;
mod today;
mod widgets;

pub use app::{APP_ID, Screen, UnknotApp};
