//! The window on the session bus: it takes the folder's name while open (so
//! it, not the background process, reminds), comes forward when a launcher
//! or a second `unknot` asks, and carries out what they ask (open Today,
//! start a stretch, pause or resume reminders).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use super::UnknotApp;
use crate::idle::{IdleWatch, PresenceChange};
use crate::presence::{self, AppAction, Claim, Presence, PresenceEvent, Request, Role};
use crate::reminders::{ReminderAction, ReminderKind};
use crate::ui::command::Command;
use crate::ui::event::Event;
use crate::ui::screen::Screen;

/// The window's claim on the bus, and what arrives through it.
#[derive(Default)]
pub struct WindowPresence {
    presence: Option<Presence>,
    events: Option<Receiver<PresenceEvent>>,
    /// The data folder, to reach the background process.
    data_dir: Option<PathBuf>,
    /// Whether the background process ran when last asked.
    background_running: Option<bool>,
    /// Idle, lock and suspend, while this window reminds.
    idle: Option<(IdleWatch, Receiver<PresenceChange>)>,
}

impl UnknotApp {
    /// Claims the bus name for `data_dir`. Without a session bus the window
    /// reminds on its own, as it always did.
    #[must_use]
    pub fn with_presence(mut self, ctx: &egui::Context, data_dir: &Path) -> Self {
        let (tx, rx) = channel();
        let wake = ctx.clone();
        match presence::claim(Role::Window, data_dir, move |event| {
            let _ = tx.send(event);
            wake.request_repaint();
        }) {
            Ok(Claim::Claimed(presence)) => {
                self.presence = WindowPresence {
                    presence: Some(presence),
                    events: Some(rx),
                    data_dir: Some(data_dir.to_path_buf()),
                    background_running: None,
                    idle: None,
                };
                self.look_for_background();
            }
            Ok(Claim::AlreadyRunning) => {}
            Err(e) => {
                eprintln!("unknot: note: {e}; a second start cannot bring this window forward");
            }
        }
        let (tx, rx) = channel();
        let wake = ctx.clone();
        let watch = IdleWatch::start(crate::background::idle_after_secs(), move |change| {
            let _ = tx.send(change);
            wake.request_repaint();
        });
        self.presence.idle = Some((watch, rx));
        self
    }

    /// What this desktop tells about the person being away, in words, once
    /// the watch has looked; `None` before, or without a watch.
    pub(super) fn away_signals(&self) -> Option<Vec<&'static str>> {
        let (watch, _) = self.presence.idle.as_ref()?;
        watch.sources().map(|sources| sources.describe())
    }

    /// Carries out `action` once the window is up (`unknot --action ...`,
    /// or a notification's button that started the window).
    #[must_use]
    pub fn with_first_action(mut self, action: Option<AppAction>) -> Self {
        if let Some(action) = action {
            self.do_action(action);
        }
        self
    }

    /// Whether this window is the process that reminds: it owns the name,
    /// or there is no bus to share reminding through.
    pub(super) fn reminds(&self) -> bool {
        self.presence
            .presence
            .as_ref()
            .is_none_or(Presence::is_reminding)
    }

    /// Handles what arrived over the bus since the last frame.
    pub(super) fn follow_requests(&mut self, ctx: &egui::Context) {
        if let Some((_, changes)) = &self.presence.idle {
            let now = self.clock.local_now();
            for change in changes.try_iter() {
                match change.away_since(now) {
                    Some(since) => self.reminders.away(since),
                    None => self.reminders.back(now),
                }
            }
        }
        let Some(events) = &self.presence.events else {
            return;
        };
        let requests: Vec<Request> = events
            .try_iter()
            .filter_map(|event| match event {
                PresenceEvent::Request(request) => Some(request),
                PresenceEvent::Reminding(_) => None,
            })
            .collect();
        for request in requests {
            let action = match request {
                Request::Activate { .. } => None,
                Request::Action { action, .. } => Some(action),
            };
            if let Some(action) = action {
                self.do_action(action);
            }
            if action.is_none_or(AppAction::shows_window) {
                come_forward(ctx);
            }
        }
    }

    /// Whether the background process runs, as last asked; `None` without
    /// a bus.
    pub(super) fn background_running(&self) -> Option<bool> {
        self.presence.background_running
    }

    /// Asks the bus whether the background process runs (opening Settings,
    /// never per frame).
    pub(super) fn look_for_background(&mut self) {
        if let Some(dir) = &self.presence.data_dir {
            self.presence.background_running = Some(presence::background_running(dir));
        }
    }

    /// Starts or stops the background process.
    pub(super) fn run_in_background(&mut self, on: bool) -> Event {
        let Some(dir) = self.presence.data_dir.clone() else {
            return Event::RemindersSaved(Err(
                "There is no session bus to reach the background process through.".to_owned(),
            ));
        };
        let result = if on {
            crate::background::start(&dir)
                .map_err(|e| format!("The background process did not start: {e}"))
        } else {
            crate::background::quit(&dir)
                .map(|_| ())
                .map_err(|e| format!("The background process could not be reached: {e}"))
        };
        if result.is_ok() {
            self.presence.background_running = Some(on);
        }
        Event::RemindersSaved(result)
    }

    fn do_action(&mut self, action: AppAction) {
        let command = match action {
            AppAction::CheckIn => Command::Reminder(
                ReminderAction::Done(ReminderKind::CheckIn),
                Some(Screen::Today),
            ),
            AppAction::Stretch => Command::Reminder(
                ReminderAction::Done(ReminderKind::StretchBreak),
                Some(Screen::Routines),
            ),
            AppAction::Routines => Command::Navigate(Screen::Routines),
            AppAction::PauseHour => Command::Reminder(ReminderAction::PauseHour, None),
            AppAction::PauseToday => Command::Reminder(ReminderAction::PauseToday, None),
            AppAction::Resume => Command::Reminder(ReminderAction::Resume, None),
            // The background process's own; the window stays.
            AppAction::Quit => return,
        };
        self.apply(command);
    }
}

/// Shows the window above the others where the desktop lets a program do
/// that (X11), and asks for the person's attention where it does not
/// (Wayland, where only the launcher's activation token may raise it).
fn come_forward(ctx: &egui::Context) {
    ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
    ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
    ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(
        egui::UserAttentionType::Informational,
    ));
    ctx.request_repaint();
}
