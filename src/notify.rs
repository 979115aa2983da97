//! Desktop notifications, behind a small trait so that tests never send real ones.
//!
//! Sending is best effort: a desktop without a notification service simply
//! shows nothing, and the window never waits for the answer.

use std::sync::{Arc, Mutex, PoisonError};

/// Something that can tell the user about an event outside the window.
pub trait Notifier: Send + Sync {
    /// Shows `summary` (one short line) and `body`. Never blocks and never fails
    /// loudly: a notification that cannot be shown is dropped.
    fn notify(&self, summary: &str, body: &str);
}

/// Sends real desktop notifications (D-Bus on Linux) from a background thread.
#[derive(Debug, Default, Clone, Copy)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn notify(&self, summary: &str, body: &str) {
        let (summary, body) = (summary.to_owned(), body.to_owned());
        // The D-Bus round trip can take a while (or time out when no service
        // answers), so it never runs on the UI thread. A thread that cannot be
        // spawned, or a notification that fails, only means no pop-up: the
        // window shows the same cue.
        let _ = std::thread::Builder::new()
            .name("notification".to_owned())
            .spawn(move || {
                let _ = notify_rust::Notification::new()
                    .appname("Unknot")
                    .summary(&summary)
                    .body(&body)
                    .show();
            });
    }
}

/// Keeps what would have been sent, for tests. Clones share the same list.
#[derive(Debug, Default, Clone)]
pub struct RecordingNotifier {
    sent: Arc<Mutex<Vec<(String, String)>>>,
}

impl RecordingNotifier {
    /// Every (summary, body) sent so far, oldest first.
    pub fn sent(&self) -> Vec<(String, String)> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&self, summary: &str, body: &str) {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((summary.to_owned(), body.to_owned()));
    }
}
