//! Reminders while the window is open (even minimized): the scheduler is
//! asked in `App::logic`, a due reminder becomes a desktop notification and a
//! banner with one-click actions, and the app wakes exactly when the next one
//! is due — never in a busy loop.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use egui::{RichText, Ui};

use super::command::Command;
use super::data::Data;
use super::screen::Screen;
use super::theme;
use crate::notify::{Notice, Notifier};
use crate::preferences::Preferences;
use crate::reminders::{
    DayFacts, Reminder, ReminderAction, ReminderKind, ReminderSettings, ReminderState, Scheduler,
    Snooze,
};

pub struct ReminderRuntime {
    scheduler: Scheduler,
    banner: Option<Reminder>,
    notifier: Arc<dyn Notifier>,
    /// The data revision the scheduler's days off were read from.
    days_off_revision: Option<u64>,
}

impl ReminderRuntime {
    /// Intervals count from `now`, the moment the app starts: nobody wants a
    /// posture reminder the second they open the window. A saved pause or
    /// snooze still holds.
    pub fn new(
        preferences: &Preferences,
        notifier: Arc<dyn Notifier>,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let state = ReminderState {
            posture_at: Some(now),
            stretch_at: Some(now),
            paused_on: preferences.reminders_paused_on,
            snoozed: preferences.reminders_snoozed,
            ..ReminderState::default()
        };
        Self {
            scheduler: Scheduler::with_state(preferences.reminders.clone(), state),
            banner: None,
            notifier,
            days_off_revision: None,
        }
    }

    pub fn set_notifier(&mut self, notifier: Arc<dyn Notifier>) {
        self.notifier = notifier;
    }

    pub fn has_banner(&self) -> bool {
        self.banner.is_some()
    }

    pub fn settings(&self) -> &ReminderSettings {
        self.scheduler.settings()
    }

    pub fn set_settings(&mut self, settings: ReminderSettings) {
        self.scheduler.set_settings(settings);
    }

    pub fn is_paused(&self, now: DateTime<FixedOffset>) -> bool {
        self.scheduler.is_paused(now.date_naive())
    }

    /// The person left the desk at `since` (idle, locked, asleep): nothing
    /// is shown until they are back.
    pub fn away(&mut self, since: DateTime<FixedOffset>) {
        self.scheduler.away(since);
    }

    /// The person is back; after a break the intervals start again.
    pub fn back(&mut self, now: DateTime<FixedOffset>) {
        self.scheduler.back(now);
    }

    /// Until when reminders are paused "for 1 hour", if that is ahead.
    pub fn paused_until(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.scheduler.held_until(now).filter(|_| {
            self.scheduler
                .state()
                .snoozed
                .is_some_and(|s| s.kind.is_none())
        })
    }

    /// The local date reminders are paused on, if any (it may be past).
    pub fn paused_on(&self) -> Option<NaiveDate> {
        self.scheduler.state().paused_on
    }

    /// The snooze in force, if any.
    pub fn snoozed(&self) -> Option<Snooze> {
        self.scheduler.state().snoozed
    }

    /// Shows a due reminder (banner and notification) and returns how long
    /// until the scheduler needs asking again.
    pub fn tick(&mut self, now: DateTime<FixedOffset>, data: &Data) -> Option<std::time::Duration> {
        // Wake at least hourly so time-zone and DST changes are noticed.
        let hourly = std::time::Duration::from_secs(3600);
        if self.days_off_revision != Some(data.revision) {
            self.scheduler.set_days_off(data.helps.days_off_set());
            self.days_off_revision = Some(data.revision);
        }
        if self.banner.is_none() {
            let facts = day_facts(now, data);
            if let Some(reminder) = self.scheduler.due(now, &facts) {
                self.notifier
                    .notify(&Notice::new(reminder.title, &reminder.body));
                self.banner = Some(reminder);
            }
        }
        if self.banner.is_some() {
            // Nothing new is shown over a banner; a click on it wakes the app.
            return Some(hourly);
        }
        self.scheduler
            .next_due(now)
            .and_then(|at| (at - now).to_std().ok())
            .map(|wait| wait.clamp(std::time::Duration::from_secs(1), hourly))
            .or(Some(hourly))
    }

    /// Carries out a banner action. Recording a posture check is the app's
    /// job (it owns the store); this returns whether one should be recorded.
    pub fn apply(&mut self, action: ReminderAction, now: DateTime<FixedOffset>) -> bool {
        let mut record_posture = false;
        match action {
            ReminderAction::Done(kind) => {
                record_posture = kind == ReminderKind::Posture;
                self.scheduler.acknowledge(kind, now);
                self.banner = None;
            }
            ReminderAction::Dismiss(kind) => {
                self.scheduler.acknowledge(kind, now);
                self.banner = None;
            }
            ReminderAction::Snooze => {
                self.scheduler.snooze(now);
                self.banner = None;
            }
            ReminderAction::PauseHour => {
                self.scheduler.pause_hour(now);
                self.banner = None;
            }
            ReminderAction::PauseToday => {
                self.scheduler.pause_today(now.date_naive());
                self.banner = None;
            }
            ReminderAction::Resume => self.scheduler.resume(),
        }
        record_posture
    }

    /// The banner along the bottom of the window, when a reminder is showing.
    pub fn banner_ui(&self, ui: &mut Ui) -> Option<Command> {
        let reminder = self.banner.as_ref()?;
        let mut command = None;
        egui::Frame::new()
            .fill(theme::palette(ui.ctx()).banner)
            .inner_margin(egui::Margin::symmetric(16, 10))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(reminder.title)
                            .strong()
                            .color(theme::palette(ui.ctx()).accent),
                    );
                    ui.label(&reminder.body);
                });
                ui.horizontal_wrapped(|ui| {
                    let kind = reminder.kind;
                    let (primary, then) = match kind {
                        ReminderKind::Posture => ("Done: I fixed my posture", None),
                        ReminderKind::StretchBreak => ("Start desk break", Some(Screen::Routines)),
                        ReminderKind::CheckIn => ("Check in", Some(Screen::Today)),
                        ReminderKind::Strength => ("Open routines", Some(Screen::Routines)),
                    };
                    if ui.button(primary).clicked() {
                        command = Some(Command::Reminder(ReminderAction::Done(kind), then));
                    }
                    if ui.button("In 10 minutes").clicked() {
                        command = Some(Command::Reminder(ReminderAction::Snooze, None));
                    }
                    if ui.button("Pause for today").clicked() {
                        command = Some(Command::Reminder(ReminderAction::PauseToday, None));
                    }
                    if ui.button("Dismiss").clicked() {
                        command = Some(Command::Reminder(ReminderAction::Dismiss(kind), None));
                    }
                });
            });
        command
    }
}

/// What the scheduler needs to know about today, from the loaded data.
fn day_facts(now: DateTime<FixedOffset>, data: &Data) -> DayFacts {
    let facts = data.facts(now.date_naive());
    DayFacts {
        checked_in_today: facts.checked_in,
        strength_sessions_this_week: facts.this_week.strength,
    }
}
