//! The window, drawn with egui. Nothing outside `ui` imports it.

mod advice;
mod app;
mod history;
mod placeholder;
mod progress;
mod settings;
pub mod theme;
mod today;
mod widgets;

pub use app::{APP_ID, Screen, UnknotApp};
