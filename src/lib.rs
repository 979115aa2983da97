//! Unknot: a desktop companion for upper back tension.
//!
//! `domain` holds plain types and rules, `preferences` what the person chose,
//! `store` is the only code that speaks SQL, and `ui` draws with egui. Arrows
//! point down: `ui` uses `store`, `preferences` and `domain`; `store` uses
//! `domain` and `preferences`; `domain` uses nothing of ours. `identity` (the
//! app id, name and data-folder rules) sits at the root, so any module may
//! read it.

pub mod autostart;
pub mod background;
pub mod cli;
pub mod csv_files;
pub mod demo;
pub mod desktop_theme;
pub mod domain;
pub mod identity;
pub mod idle;
pub mod notify;
pub mod preferences;
pub mod presence;
pub mod reminders;
pub mod report;
pub mod shutdown;
pub mod store;
pub mod text;
pub mod ui;
