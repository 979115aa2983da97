//! The window, drawn with egui. Nothing outside `ui` imports it.

mod app;
mod heat;
mod history;
mod outcome;
mod placeholder;
mod routines;
mod settings;
pub mod theme;
mod today;
mod when;
mod widgets;

pub use app::{APP_ID, Screen, UnknotApp};
