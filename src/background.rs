//! `unknot background`: reminders while the window is closed.
//!
//! A small resident process with no window and no GL. It keeps the same
//! pure [`Scheduler`] the window uses, shows each reminder as a desktop
//! notification with buttons, keeps a tray icon with a menu, and answers
//! `org.freedesktop.Application` on the session bus. It reminds only while
//! it owns the folder's bus name (see [`crate::presence`]): an open window
//! takes the name, and the reminding, and gives both back when it closes.
//!
//! One thread waits on one channel: bus requests, button presses, tray
//! clicks, name hand-overs and stop signals arrive there, and between them
//! it sleeps until the next reminder is due (at most an hour, so a time-zone
//! change is noticed). It shares the store with the window and the command
//! line, and reads their changes (settings, a check-in) through SQLite's
//! data version before it decides anything.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::domain::clock::Clock;
use crate::domain::dates::week_start;
use crate::domain::days_off::{DaysOff, days_off_set};
use crate::domain::session::SessionKind;
use crate::idle::{IdleWatch, PresenceChange};
use crate::notify::Notice;
use crate::notify::actions::{ActionNotifier, Button, Pressed};
use crate::preferences::{KeepReminding, PreferenceKey, Preferences};
use crate::presence::{self, AppAction, Claim, Presence, PresenceEvent, Request, Role};
use crate::reminders::{BREAK_MINS, DayFacts, Reminder, ReminderKind, ReminderState, Scheduler};
use crate::store::{Store, StoreError};

mod tray;
mod window;

pub use tray::TrayStatus;

/// The longest sleep between two looks at the schedule.
const HOURLY: Duration = Duration::from_secs(3600);

/// How the background process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Another background process already runs for this folder.
    AlreadyRunning,
    /// Asked to quit (tray, Settings, `unknot background --quit`).
    Quit,
    /// A stop signal (logout, `kill`).
    Stopped,
    /// A window closed while "Keep reminding me when the window is closed"
    /// was off.
    NotWanted,
}

/// Why the background process could not run.
#[derive(Debug, thiserror::Error)]
pub enum BackgroundError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("could not start: {0}")]
    Start(#[from] std::io::Error),
}

/// What the waiting thread hears.
#[derive(Debug)]
enum Event {
    Bus(PresenceEvent),
    Pressed(Pressed),
    /// Idle, locked, asleep, or back at the desk.
    Away(PresenceChange),
    /// A tray host is on the bus: time for the icon.
    TrayHost,
    Stop,
}

/// Runs until asked to quit. `data_dir` is the data folder (already chosen).
pub fn run(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Ended, BackgroundError> {
    let store = Store::open(data_dir)?;
    let (tx, rx) = channel();
    let presence = {
        let tx = tx.clone();
        match presence::claim(Role::Background, data_dir, move |event| {
            let _ = tx.send(Event::Bus(event));
        }) {
            Ok(Claim::AlreadyRunning) => return Ok(Ended::AlreadyRunning),
            Ok(Claim::Claimed(presence)) => Some(presence),
            Err(e) => {
                eprintln!(
                    "unknot: note: {e}; reminders go on, but nothing else can reach this process"
                );
                None
            }
        }
    };
    let stop = {
        let tx = tx.clone();
        crate::shutdown::listen(move || {
            let _ = tx.send(Event::Stop);
        })?
    };
    let notifier = {
        let tx = tx.clone();
        ActionNotifier::connect(move |pressed| {
            let _ = tx.send(Event::Pressed(pressed));
        })
        .map_err(|e| {
            eprintln!("unknot: note: no notification service, so reminders cannot show: {e}")
        })
        .ok()
    };
    // The tray starts once a tray host is there (never, on stock GNOME).
    {
        let tx = tx.clone();
        if let Err(e) = tray::when_a_host_is_there(move || {
            let _ = tx.send(Event::TrayHost);
        }) {
            eprintln!("unknot: note: no tray icon ({e}); Settings has its actions");
        }
    }
    // Quiet while the person is away from the desk; a break restarts the
    // intervals. Missing signals are named once on standard error.
    let _idle = {
        let tx = tx.clone();
        IdleWatch::start(idle_after_secs(), move |change| {
            let _ = tx.send(Event::Away(change));
        })
    };
    let mut background = Background::new(store, clock, data_dir.to_path_buf(), notifier);
    background.requests = Some(tx.clone());
    background.reminding = presence.as_ref().is_none_or(Presence::is_reminding);
    background.start_reminding_if_owner();
    let ended = background.run(&rx);
    if let Some(presence) = &presence {
        presence.release();
    }
    drop(stop);
    Ok(ended)
}

struct Background {
    store: Store,
    clock: Arc<dyn Clock>,
    data_dir: PathBuf,
    preferences: Preferences,
    scheduler: Scheduler,
    data_version: Option<i64>,
    reminding: bool,
    notifier: Option<ActionNotifier>,
    /// The reminder notification showing, and what it reminds of.
    showing: Option<(u32, ReminderKind)>,
    tray: Option<tray::Tray>,
    /// Where the tray's menu sends its requests.
    requests: Option<std::sync::mpsc::Sender<Event>>,
}

impl Background {
    fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        data_dir: PathBuf,
        notifier: Option<ActionNotifier>,
    ) -> Self {
        let mut background = Self {
            store,
            clock,
            data_dir,
            preferences: Preferences::default(),
            scheduler: Scheduler::default(),
            data_version: None,
            reminding: false,
            notifier,
            showing: None,
            tray: None,
            requests: None,
        };
        background.reload();
        background
    }

    fn run(&mut self, rx: &Receiver<Event>) -> Ended {
        loop {
            let wait = self.tick();
            let event = match rx.recv_timeout(wait) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ended::Stopped,
            };
            let ended = match event {
                Event::Stop => Some(Ended::Stopped),
                Event::Bus(PresenceEvent::Reminding(now_owner)) => self.hand_over(now_owner),
                Event::Bus(PresenceEvent::Request(request)) => self.request(request),
                Event::Pressed(pressed) => {
                    self.pressed(pressed);
                    None
                }
                Event::TrayHost => {
                    self.start_tray();
                    None
                }
                Event::Away(change) => {
                    let now = self.clock.local_now();
                    match change.away_since(now) {
                        Some(since) => self.scheduler.away(since),
                        None => self.scheduler.back(now),
                    }
                    None
                }
            };
            if let Some(ended) = ended {
                return ended;
            }
        }
    }

    /// Reads the preferences again if another process wrote since the
    /// last look (the window's Settings, a check-in from the command line).
    fn refresh(&mut self) {
        let version = self.store.data_version().ok();
        if version.is_none() || version != self.data_version {
            self.reload();
        }
    }

    fn reload(&mut self) {
        self.data_version = self.store.data_version().ok();
        match self.store.preferences() {
            Ok((preferences, _warnings)) => self.preferences = preferences,
            Err(e) => eprintln!("unknot: warning: the preferences could not be read: {e}"),
        }
        let state = self.scheduler.state().clone();
        self.scheduler.replace(
            self.preferences.reminders.clone(),
            ReminderState {
                paused_on: self.preferences.reminders_paused_on,
                snoozed: self.preferences.reminders_snoozed,
                ..state
            },
        );
        match self.store.days_off() {
            Ok(ranges) => {
                let ranges: Vec<DaysOff> = ranges.into_iter().map(|r| r.record).collect();
                self.scheduler.set_days_off(days_off_set(&ranges));
            }
            Err(e) => eprintln!("unknot: warning: the days off could not be read: {e}"),
        }
        self.update_tray();
    }

    /// Intervals count from the moment this process starts reminding:
    /// nobody wants a posture check the second the window closes.
    fn start_reminding_if_owner(&mut self) {
        if !self.reminding {
            return;
        }
        self.reload();
        let now = self.clock.local_now();
        let state = ReminderState {
            posture_at: Some(now),
            stretch_at: Some(now),
            ..self.scheduler.state().clone()
        };
        self.scheduler
            .replace(self.preferences.reminders.clone(), state);
        self.update_tray();
    }

    /// Shows a due reminder; returns how long to sleep.
    fn tick(&mut self) -> Duration {
        if !self.reminding {
            return HOURLY;
        }
        self.refresh();
        let now = self.clock.local_now();
        let facts = self.day_facts(now);
        if let Some(reminder) = self.scheduler.due(now, &facts) {
            self.show(&reminder);
        }
        self.remember_pause();
        self.update_tray();
        self.scheduler
            .next_due(now)
            .and_then(|at| (at - now).to_std().ok())
            .map_or(HOURLY, |wait| wait.clamp(Duration::from_secs(1), HOURLY))
    }

    fn day_facts(&self, now: DateTime<FixedOffset>) -> DayFacts {
        let today = now.date_naive();
        let checked_in_today = self.store.checkin_on(today).ok().flatten().is_some();
        let strength_sessions_this_week = self
            .store
            .sessions_between(week_start(today), today)
            .map(|sessions| {
                sessions
                    .iter()
                    .filter(|s| s.kind == SessionKind::Strength)
                    .count()
            })
            .unwrap_or(0);
        DayFacts {
            checked_in_today,
            strength_sessions_this_week: u32::try_from(strength_sessions_this_week)
                .unwrap_or(u32::MAX),
        }
    }

    fn show(&mut self, reminder: &Reminder) {
        let Some(notifier) = &self.notifier else {
            return;
        };
        let buttons = Answer::for_reminder(reminder.kind).map(Answer::button);
        let replaces = self.showing.map(|(id, _)| id);
        match notifier.show(
            &Notice::new(reminder.title, &reminder.body),
            &buttons,
            replaces,
        ) {
            Ok(id) => self.showing = Some((id, reminder.kind)),
            Err(e) => eprintln!("unknot: warning: a reminder could not be shown: {e}"),
        }
    }

    /// A button on a reminder notification.
    fn pressed(&mut self, pressed: Pressed) {
        let Some((id, kind)) = self.showing else {
            return;
        };
        if pressed.id != id {
            return;
        }
        self.showing = None;
        let now = self.clock.local_now();
        // Clicking the notification itself (or a key of an older build)
        // opens the window.
        let Some(answer) = Answer::from_key(&pressed.key) else {
            self.open_window(None, pressed.token);
            return;
        };
        match answer {
            Answer::Snooze => self.scheduler.snooze(now),
            _ => self.scheduler.acknowledge(kind, now),
        }
        if answer == Answer::Done
            && kind == ReminderKind::Posture
            && let Err(e) = self.store.add_posture_check(now.to_utc(), now.date_naive())
        {
            eprintln!("unknot: warning: the posture check could not be saved: {e}");
        }
        self.remember_pause();
        if let Some(action) = answer.opens() {
            self.open_window(Some(action), pressed.token);
        }
    }

    fn request(&mut self, request: Request) -> Option<Ended> {
        let now = self.clock.local_now();
        let pausing = matches!(
            request,
            Request::Action {
                action: AppAction::PauseHour | AppAction::PauseToday,
                ..
            }
        );
        match request {
            Request::Activate { token } => self.open_window(None, token),
            Request::Action { action, token } => match action {
                AppAction::Quit => return Some(Ended::Quit),
                AppAction::CheckIn | AppAction::Stretch | AppAction::Routines => {
                    self.open_window(Some(action), token);
                }
                AppAction::PauseHour => self.scheduler.pause_hour(now),
                AppAction::PauseToday => self.scheduler.pause_today(now.date_naive()),
                AppAction::Resume => self.scheduler.resume(),
            },
        }
        if pausing
            && let Some((id, _)) = self.showing.take()
            && let Some(notifier) = &self.notifier
        {
            notifier.close(id);
        }
        self.remember_pause();
        self.update_tray();
        None
    }

    /// The window took the name (`false`) or gave it back (`true`).
    fn hand_over(&mut self, now_owner: bool) -> Option<Ended> {
        self.reminding = now_owner;
        if !now_owner {
            if let (Some((id, _)), Some(notifier)) = (self.showing.take(), &self.notifier) {
                notifier.close(id);
            }
            self.update_tray();
            return None;
        }
        self.reload();
        if self.preferences.keep_reminding == KeepReminding::Off {
            return Some(Ended::NotWanted);
        }
        self.start_reminding_if_owner();
        None
    }

    /// Saves the pause and snooze where the window will find them.
    fn remember_pause(&mut self) {
        let state = self.scheduler.state();
        if state.paused_on == self.preferences.reminders_paused_on
            && state.snoozed == self.preferences.reminders_snoozed
        {
            return;
        }
        self.preferences.reminders_paused_on = state.paused_on;
        self.preferences.reminders_snoozed = state.snoozed;
        match self.store.save_preferences(
            &self.preferences,
            &[PreferenceKey::PausedOn, PreferenceKey::Snoozed],
        ) {
            Ok(()) => self.data_version = self.store.data_version().ok(),
            Err(e) => eprintln!("unknot: warning: the pause could not be saved: {e}"),
        }
    }

    fn open_window(&self, action: Option<AppAction>, token: Option<String>) {
        if let Err(e) = window::open(&self.data_dir, action, token.as_deref()) {
            eprintln!("unknot: warning: the window could not be opened: {e}");
        }
    }

    fn start_tray(&mut self) {
        let Some(tx) = self.requests.clone() else {
            return;
        };
        match tray::spawn(move |request| {
            let _ = tx.send(Event::Bus(PresenceEvent::Request(request)));
        }) {
            Ok(tray) => {
                self.tray = Some(tray);
                self.update_tray();
            }
            Err(e) => eprintln!("unknot: note: no tray icon ({e}); Settings has its actions"),
        }
    }

    fn update_tray(&self) {
        if let Some(tray) = &self.tray {
            let now = self.clock.local_now();
            tray.set(TrayStatus::of(&self.scheduler, now, self.reminding));
        }
    }
}

/// How long without input counts as away: a break's length.
pub fn idle_after_secs() -> u32 {
    u32::try_from(BREAK_MINS * 60).unwrap_or(300)
}

/// What a button on a reminder does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// The posture was fixed.
    Done,
    /// Open the window and start the desk break.
    Stretch,
    /// Open the window on Today.
    CheckIn,
    /// Open the window on Routines.
    Routines,
    Snooze,
    Skip,
}

impl Answer {
    const ALL: [Answer; 6] = [
        Answer::Done,
        Answer::Stretch,
        Answer::CheckIn,
        Answer::Routines,
        Answer::Snooze,
        Answer::Skip,
    ];

    /// The three buttons on a reminder of `kind`: its own, snooze, skip.
    fn for_reminder(kind: ReminderKind) -> [Answer; 3] {
        let own = match kind {
            ReminderKind::Posture => Answer::Done,
            ReminderKind::StretchBreak => Answer::Stretch,
            ReminderKind::CheckIn => Answer::CheckIn,
            ReminderKind::Strength => Answer::Routines,
        };
        [own, Answer::Snooze, Answer::Skip]
    }

    fn button(self) -> Button<'static> {
        let (key, label) = match self {
            Answer::Done => ("done", "Done"),
            Answer::Stretch => ("stretch", "Start a two-minute stretch"),
            Answer::CheckIn => ("check-in", "Check in now"),
            Answer::Routines => ("routines", "Open routines"),
            Answer::Snooze => ("snooze", "Snooze 10 minutes"),
            Answer::Skip => ("skip", "Skip"),
        };
        Button { key, label }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|answer| answer.button().key == key)
    }

    /// The window to open, on which screen, if the answer opens one.
    fn opens(self) -> Option<AppAction> {
        match self {
            Answer::Stretch => Some(AppAction::Stretch),
            Answer::CheckIn => Some(AppAction::CheckIn),
            Answer::Routines => Some(AppAction::Routines),
            Answer::Done | Answer::Snooze | Answer::Skip => None,
        }
    }
}

/// Asks the background process for `data_dir` to stop. `Ok(false)` when
/// none runs.
pub fn quit(data_dir: &Path) -> Result<bool, presence::PresenceError> {
    match presence::send(
        data_dir,
        presence::Target::Background,
        Some(AppAction::Quit),
    ) {
        Ok(()) => Ok(true),
        Err(presence::PresenceError::NotRunning) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Starts `unknot background` for `data_dir` as a process of its own, which
/// outlives this one.
pub fn start(data_dir: &Path) -> std::io::Result<()> {
    window::spawn_detached(data_dir, &["background"], None)
}
