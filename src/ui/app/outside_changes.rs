//! Picking up what other processes wrote while the window is open (a
//! check-in from the command line, say). Nothing is read in the frame loop:
//! a quiet thread looks at the store's data version now and then and wakes
//! the window only when something was committed, and the window looks once
//! more whenever it gains focus. The window then reloads the snapshot only
//! if its own connection says another one wrote, so its own saves never
//! cause a reload.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::UnknotApp;
use crate::store::ChangeWatcher;

/// How often the thread looks. The look reads one number, no data.
pub const LOOK_EVERY: Duration = Duration::from_secs(10);

/// The thread's side: raised when a commit was seen, and the stop sign.
#[derive(Default)]
pub struct OutsideChanges {
    seen: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    /// The data version of the window's own connection at the last look.
    last_version: Option<i64>,
    /// The window the thread wakes.
    ctx: Option<egui::Context>,
}

impl OutsideChanges {
    /// Starts the looking thread; without a watcher (the file could not be
    /// opened a second time) only focus changes are looked at.
    pub fn start(watcher: Option<ChangeWatcher>, ctx: &egui::Context, every: Duration) -> Self {
        let mut changes = Self::default();
        changes.ctx = Some(ctx.clone());
        if let Some(mut watcher) = watcher {
            let (seen, stop, ctx) = (
                Arc::clone(&changes.seen),
                Arc::clone(&changes.stop),
                ctx.clone(),
            );
            let spawned = std::thread::Builder::new()
                .name("unknot-outside-changes".to_owned())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        std::thread::sleep(every);
                        if watcher.changed() {
                            seen.store(true, Ordering::Relaxed);
                            ctx.request_repaint();
                        }
                    }
                });
            if let Err(error) = spawned {
                eprintln!("unknot: changes made elsewhere show on focus only: {error}");
            }
        }
        changes
    }

    pub fn context(&self) -> Option<egui::Context> {
        self.ctx.clone()
    }

    /// Whether the thread saw a commit since the last call.
    fn take_seen(&self) -> bool {
        self.seen.swap(false, Ordering::Relaxed)
    }
}

impl Drop for OutsideChanges {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl UnknotApp {
    /// (Re)starts the looking thread, from the data as loaded now.
    pub(super) fn watch_outside_changes(&mut self, ctx: &egui::Context, every: Duration) {
        self.outside = OutsideChanges::start(self.store.watcher().ok(), ctx, every);
        self.outside.last_version = self.store.data_version().ok();
    }

    /// Reloads the snapshot when another process wrote to the store, checked
    /// only when the looking thread saw a commit or the window gained focus.
    pub(super) fn follow_outside_changes(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|event| matches!(event, egui::Event::WindowFocused(true)))
        });
        if !(self.outside.take_seen() || focused) {
            return;
        }
        let Ok(version) = self.store.data_version() else {
            return;
        };
        if self.outside.last_version.replace(version) == Some(version) {
            return;
        }
        self.reload_data();
        // Today shows the day's check-in as now saved; what is typed stays.
        self.show_date(self.today.date());
    }
}
