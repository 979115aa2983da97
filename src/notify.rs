//! Desktop notifications, behind a trait so tests never send real ones.
//!
//! Sending happens on one notifier thread: a missing or slow notification
//! service must never stall the window. Failures are ignored on purpose; the
//! in-window banner or cue is always shown as well.
//!
//! A sound is asked of the desktop's sound theme through the notification's
//! `sound-name` hint, and only when the notification service says it plays
//! sounds (its "sound" capability, asked once). Notices of the same
//! [`Slot`] replace one another, so a routine's holds leave one entry in
//! the notification list, not one per hold.

use std::collections::HashMap;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};

use crate::identity::APP_ID;
use crate::preferences::Sounds;

/// A sound from the desktop's sound theme (freedesktop sound naming).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sound {
    /// Something finished: a hold.
    Complete,
    /// A timer ran out: the heat pack's time.
    TimerElapsed,
}

impl Sound {
    /// The name in the sound theme.
    pub fn theme_name(self) -> &'static str {
        match self {
            Sound::Complete => "complete",
            Sound::TimerElapsed => "alarm-clock-elapsed",
        }
    }
}

/// Notices that stand for the same thing, so each replaces the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// "Hold complete": one at a time, gone from the list once seen.
    Hold,
}

/// One message for outside the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    pub sound: Option<Sound>,
    /// When set, the notice is transient and replaces the last one sent
    /// for the same slot.
    pub slot: Option<Slot>,
}

impl Notice {
    /// A plain notice: no sound, kept in the list like any other.
    pub fn new(title: &str, body: &str) -> Self {
        Self {
            title: title.to_owned(),
            body: body.to_owned(),
            sound: None,
            slot: None,
        }
    }

    #[must_use]
    pub fn with_sound(mut self, sound: Sound, sounds: Sounds) -> Self {
        self.sound = (sounds == Sounds::On).then_some(sound);
        self
    }

    #[must_use]
    pub fn in_slot(mut self, slot: Slot) -> Self {
        self.slot = Some(slot);
        self
    }

    /// The D-Bus notification for this notice. `plays_sounds` is whether the
    /// service reported the "sound" capability; `replaces` the id of the
    /// last notification in the notice's slot.
    pub fn to_notification(&self, plays_sounds: bool, replaces: Option<u32>) -> Notification {
        let mut notification = Notification::new();
        notification
            .appname("Unknot")
            .summary(&self.title)
            .body(&self.body)
            .icon(APP_ID);
        if let Some(sound) = self.sound.filter(|_| plays_sounds) {
            notification.hint(Hint::SoundName(sound.theme_name().to_owned()));
        }
        if self.slot.is_some() {
            notification.hint(Hint::Transient(true));
            if let Some(id) = replaces {
                notification.id(id);
            }
        }
        notification
    }
}

pub use notify_rust::{Hint, Notification};

pub mod actions;

/// Delivers a short message outside the window.
pub trait Notifier: Send + Sync {
    fn notify(&self, notice: &Notice);
}

/// The desktop's notification service (freedesktop notifications over D-Bus),
/// spoken to from one thread that lives as long as the notifier.
#[derive(Debug, Clone)]
pub struct DesktopNotifier {
    /// `None` when the thread could not be started: nothing is sent.
    to_thread: Option<Arc<Mutex<Sender<Notice>>>>,
}

impl DesktopNotifier {
    pub fn new() -> Self {
        let (tx, rx) = channel::<Notice>();
        let spawned = std::thread::Builder::new()
            .name("notifier".to_owned())
            .spawn(move || {
                let mut plays_sounds = None;
                let mut last_in_slot: HashMap<Slot, u32> = HashMap::new();
                for notice in rx {
                    // Asked once the first notice is sent, not at start-up:
                    // the service may start later than the window.
                    let sounds = *plays_sounds.get_or_insert_with(|| {
                        notify_rust::get_capabilities()
                            .is_ok_and(|caps| caps.iter().any(|c| c == "sound"))
                    });
                    let replaces = notice.slot.and_then(|s| last_in_slot.get(&s).copied());
                    // No service running is an ordinary situation; say nothing.
                    if let Ok(shown) = notice.to_notification(sounds, replaces).show()
                        && let Some(slot) = notice.slot
                    {
                        last_in_slot.insert(slot, shown.id());
                    }
                }
            });
        Self {
            to_thread: spawned.ok().map(|_| Arc::new(Mutex::new(tx))),
        }
    }
}

impl Default for DesktopNotifier {
    fn default() -> Self {
        Self::new()
    }
}

impl Notifier for DesktopNotifier {
    fn notify(&self, notice: &Notice) {
        if let Some(tx) = &self.to_thread {
            let _ = tx
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .send(notice.clone());
        }
    }
}

/// Keeps what would have been sent, for tests and for runs without a desktop.
#[derive(Debug, Default, Clone)]
pub struct RecordingNotifier {
    sent: Arc<Mutex<Vec<Notice>>>,
}

impl RecordingNotifier {
    /// Every notice sent so far.
    pub fn sent(&self) -> Vec<Notice> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&self, notice: &Notice) {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(notice.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(notification: &Notification) -> Vec<Hint> {
        notification.hints.iter().cloned().collect()
    }

    #[test]
    fn a_hold_notice_is_transient_replaces_the_last_and_asks_for_a_sound() {
        let notice = Notice::new("Hold complete", "Release slowly.")
            .with_sound(Sound::Complete, Sounds::On)
            .in_slot(Slot::Hold);
        let built = notice.to_notification(true, Some(41));
        // The id is not public; its Debug form shows it.
        assert!(format!("{built:?}").contains("id: Some(41)"), "{built:?}");
        let hints = hints(&built);
        assert!(hints.contains(&Hint::Transient(true)), "{hints:?}");
        assert!(
            hints.contains(&Hint::SoundName("complete".to_owned())),
            "{hints:?}"
        );
    }

    #[test]
    fn no_sound_without_the_capability_or_with_sounds_off() {
        let on = Notice::new("t", "b").with_sound(Sound::TimerElapsed, Sounds::On);
        assert!(hints(&on.to_notification(false, None)).is_empty());
        let off = Notice::new("t", "b").with_sound(Sound::TimerElapsed, Sounds::Off);
        assert_eq!(off.sound, None);
        assert!(hints(&off.to_notification(true, None)).is_empty());
        // A notice outside any slot stays in the list and replaces nothing.
        let built = on.to_notification(true, Some(7));
        assert!(format!("{built:?}").contains("id: None"), "{built:?}");
        assert_eq!(
            hints(&built),
            [Hint::SoundName("alarm-clock-elapsed".to_owned())]
        );
    }
}
