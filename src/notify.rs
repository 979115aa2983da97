//! Desktop notifications, behind a trait so tests never send real ones.
//!
//! Sending happens on a short-lived thread: a missing or slow notification
//! service must never stall the window. Failures are ignored on purpose; the
//! in-window banner or cue is always shown as well.

use std::sync::{Arc, Mutex, PoisonError};

use crate::identity::APP_ID;

/// Delivers a short message outside the window.
pub trait Notifier: Send + Sync {
    fn notify(&self, title: &str, body: &str);
}

/// The desktop's notification service (freedesktop notifications over D-Bus).
#[derive(Debug, Default, Clone, Copy)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn notify(&self, title: &str, body: &str) {
        let title = title.to_owned();
        let body = body.to_owned();
        let _ = std::thread::Builder::new()
            .name("notification".to_owned())
            .spawn(move || {
                // No service running is an ordinary situation; say nothing.
                let _ = notify_rust::Notification::new()
                    .appname("Unknot")
                    .summary(&title)
                    .body(&body)
                    .icon(APP_ID)
                    .show();
            });
    }
}

/// Keeps what would have been sent, for tests and for runs without a desktop.
#[derive(Debug, Default, Clone)]
pub struct RecordingNotifier {
    sent: Arc<Mutex<Vec<(String, String)>>>,
}

impl RecordingNotifier {
    /// Every (title, body) sent so far.
    pub fn sent(&self) -> Vec<(String, String)> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&self, title: &str, body: &str) {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((title.to_owned(), body.to_owned()));
    }
}
