//! The window, drawn with egui. Nothing outside `ui` imports it.

mod app;
mod ergonomics;
mod heat;
mod history;
mod outcome;
mod placeholder;
mod reminders;
mod routines;
mod settings;
pub mod theme;
mod today;
mod when;
mod widgets;

pub use app::{APP_ID, Screen, UnknotApp};
