//! Whether the person is at the computer: idle, the screen locked, the
//! computer going to sleep, and back again.
//!
//! Everything here waits for the desktop's signals; nothing polls. What a
//! desktop offers differs, so each source is looked for once and used when
//! there:
//! - GNOME's idle monitor (`org.gnome.Mutter.IdleMonitor` on the session
//!   bus): a watch that fires after the idle time, and one that fires on the
//!   next input. GNOME offers no other idle signal.
//! - The screen saver (`org.freedesktop.ScreenSaver` on the session bus,
//!   offered by KDE, Xfce and others): on when the screen blanks or locks.
//! - The login manager (logind on the system bus): the session's
//!   `LockedHint` for the screen lock, and `PrepareForSleep` for suspend.
//!
//! The X11 screen saver extension is not used: it follows the X server's
//! own blanking timeout rather than ours, and where a desktop drives it, the
//! same desktop offers one of the sources above.
//!
//! A missing source is named once on stderr and skipped; no bus at all is
//! no error, just nothing to report. The watch runs on a thread of its own
//! that sleeps until a signal comes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::task::Waker;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

/// A change in whether the person is at the computer, as the watch reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenceChange {
    /// No input for `idle_secs` (the idle time the watch was started with):
    /// the person has been away since that long ago.
    Idle { idle_secs: u32 },
    /// The screen locked or the screen saver came on.
    Locked,
    /// The computer is about to suspend.
    Asleep,
    /// Back: input again, unlocked and awake, all of them.
    Active,
}

impl PresenceChange {
    /// Since when the person is away, for a change reported at `now`; `None`
    /// for [`PresenceChange::Active`]. Made for the reminder scheduler:
    /// `Some(since)` is `Scheduler::away(since)`, `None` is `Scheduler::back(now)`.
    pub fn away_since(self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        match self {
            PresenceChange::Idle { idle_secs } => {
                Some(now - chrono::Duration::seconds(i64::from(idle_secs)))
            }
            PresenceChange::Locked | PresenceChange::Asleep => Some(now),
            PresenceChange::Active => None,
        }
    }
}

/// Which signals this desktop offers, as found when the watch started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sources {
    /// GNOME's idle monitor: idle time.
    pub idle_monitor: bool,
    /// `org.freedesktop.ScreenSaver`: the screen saver or lock coming on.
    pub screen_saver: bool,
    /// The login manager's lock hint for this session.
    pub session_lock: bool,
    /// The login manager's word before a suspend and after it.
    pub suspend: bool,
}

impl Sources {
    /// The sources found, in words for Settings ("Unknot notices: ...").
    pub fn describe(&self) -> Vec<&'static str> {
        [
            (self.idle_monitor, "idle time (GNOME)"),
            (self.screen_saver, "screen saver"),
            (self.session_lock, "screen lock"),
            (self.suspend, "suspend and resume"),
        ]
        .into_iter()
        .filter_map(|(found, words)| found.then_some(words))
        .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.describe().is_empty()
    }
}

/// What each source says now; turns their separate words into the changes
/// reported, so that waking from sleep on a locked screen is not "back".
#[derive(Debug, Default)]
struct Presence {
    idle: bool,
    session_locked: bool,
    screen_saver_on: bool,
    asleep: bool,
}

/// One source's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    Idle(bool),
    SessionLocked(bool),
    ScreenSaver(bool),
    Asleep(bool),
}

impl Presence {
    fn away(&self) -> bool {
        self.idle || self.locked() || self.asleep
    }

    fn locked(&self) -> bool {
        self.session_locked || self.screen_saver_on
    }

    /// Takes in one signal; the change to report, if any. Each way of being
    /// away is reported when it starts, and `Active` once none is left.
    fn take(&mut self, signal: Signal, idle_secs: u32) -> Option<PresenceChange> {
        let was_away = self.away();
        let was_locked = self.locked();
        let (flag, on) = match signal {
            Signal::Idle(on) => (&mut self.idle, on),
            Signal::SessionLocked(on) => (&mut self.session_locked, on),
            Signal::ScreenSaver(on) => (&mut self.screen_saver_on, on),
            Signal::Asleep(on) => (&mut self.asleep, on),
        };
        if *flag == on {
            return None;
        }
        *flag = on;
        if on {
            return match signal {
                Signal::Idle(_) => Some(PresenceChange::Idle { idle_secs }),
                Signal::SessionLocked(_) | Signal::ScreenSaver(_) => {
                    (!was_locked).then_some(PresenceChange::Locked)
                }
                Signal::Asleep(_) => Some(PresenceChange::Asleep),
            };
        }
        (was_away && !self.away()).then_some(PresenceChange::Active)
    }
}

/// What the watch thread and its owner share.
#[derive(Debug, Default)]
struct Shared {
    stop: AtomicBool,
    waker: Mutex<Option<Waker>>,
    sources: Mutex<Option<Sources>>,
    found: Condvar,
}

impl Shared {
    fn set_sources(&self, sources: Sources) {
        *self.sources.lock().unwrap_or_else(PoisonError::into_inner) = Some(sources);
        self.found.notify_all();
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    /// Remembers who to wake on [`Shared::stop`]; true when already stopping.
    fn wake_on_stop(&self, waker: &Waker) -> bool {
        let mut slot = self.waker.lock().unwrap_or_else(PoisonError::into_inner);
        if !slot.as_ref().is_some_and(|w| w.will_wake(waker)) {
            *slot = Some(waker.clone());
        }
        drop(slot);
        self.stopping()
    }

    fn stop(&self) {
        self.stop.store(true, Ordering::Release);
        if let Some(waker) = self
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            waker.wake();
        }
        // Nobody waits for sources that will never come.
        let mut sources = self.sources.lock().unwrap_or_else(PoisonError::into_inner);
        sources.get_or_insert_with(Sources::default);
        drop(sources);
        self.found.notify_all();
    }
}

/// Watches the desktop's idle, lock and sleep signals on a thread of its
/// own and reports each [`PresenceChange`]. Dropping it stops the watch.
#[derive(Debug)]
pub struct IdleWatch {
    shared: Arc<Shared>,
}

impl IdleWatch {
    /// Watches this session's buses. `idle_after_secs` is how long without
    /// input counts as idle (where the desktop tells idle time at all);
    /// `on_change` is called on the watch's thread, so it should hand the
    /// change on (a channel, a wake-up) rather than do the work there.
    pub fn start(
        idle_after_secs: u32,
        on_change: impl Fn(PresenceChange) + Send + Sync + 'static,
    ) -> IdleWatch {
        Self::spawn(Buses::Default, idle_after_secs, on_change)
    }

    /// As [`IdleWatch::start`], on the connections given: `session` stands
    /// for the session bus, `system` for the system bus; `None` for a bus
    /// that is not there.
    #[cfg(target_os = "linux")]
    pub fn with_connections(
        session: Option<zbus::Connection>,
        system: Option<zbus::Connection>,
        idle_after_secs: u32,
        on_change: impl Fn(PresenceChange) + Send + Sync + 'static,
    ) -> IdleWatch {
        Self::spawn(Buses::Given { session, system }, idle_after_secs, on_change)
    }

    fn spawn(
        buses: Buses,
        idle_after_secs: u32,
        on_change: impl Fn(PresenceChange) + Send + Sync + 'static,
    ) -> IdleWatch {
        let shared = Arc::new(Shared::default());
        let thread_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("idle watch".to_owned())
            .spawn(move || watch(buses, idle_after_secs, &on_change, &thread_shared));
        if let Err(e) = spawned {
            eprintln!("unknot: note: idle, lock and sleep are not watched: {e}");
            shared.set_sources(Sources::default());
        }
        IdleWatch { shared }
    }

    /// The sources found, once the watch has looked (a moment after start).
    pub fn sources(&self) -> Option<Sources> {
        *self
            .shared
            .sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits up to `timeout` for the watch to have looked for its sources.
    pub fn wait_for_sources(&self, timeout: Duration) -> Option<Sources> {
        let sources = self
            .shared
            .sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (sources, _) = self
            .shared
            .found
            .wait_timeout_while(sources, timeout, |s| s.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        *sources
    }
}

impl Drop for IdleWatch {
    fn drop(&mut self) {
        self.shared.stop();
    }
}

/// Which buses to watch.
enum Buses {
    /// The session's own, connected on the watch's thread.
    Default,
    #[cfg(target_os = "linux")]
    Given {
        session: Option<zbus::Connection>,
        system: Option<zbus::Connection>,
    },
}

#[cfg(target_os = "linux")]
fn watch(buses: Buses, idle_after_secs: u32, on_change: &dyn Fn(PresenceChange), shared: &Shared) {
    zbus::block_on(linux::watch(buses, idle_after_secs, on_change, shared));
}

#[cfg(not(target_os = "linux"))]
fn watch(
    _buses: Buses,
    _idle_after_secs: u32,
    _on_change: &dyn Fn(PresenceChange),
    shared: &Shared,
) {
    shared.set_sources(Sources::default());
}

#[cfg(target_os = "linux")]
mod linux;

#[cfg(test)]
mod tests;
