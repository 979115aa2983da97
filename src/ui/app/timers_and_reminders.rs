//! Time-driven work and reminders: timers, the date rolling over, reminder
//! banner actions and settings, and the autostart entry.

use super::{Screen, UnknotApp};
use crate::notify::{Notice, Slot, Sound};
use crate::reminders::ReminderAction;
use crate::reminders::ReminderSettings;
use crate::ui::event::Event;
use crate::ui::heat;
use crate::ui::when::Now;

impl UnknotApp {
    /// A click on the reminder banner; "Done" on a posture check records one.
    pub(super) fn reminder_action(&mut self, action: ReminderAction, then: Option<Screen>) {
        let now = self.clock.local_now();
        if self.reminders.apply(action, now) {
            match self.store.add_posture_check(now.to_utc(), now.date_naive()) {
                Ok(()) => self.data.add_posture_check(),
                Err(e) => self.data.error = Some(e.to_string()),
            }
        }
        self.remember_reminder_state();
        if let Some(screen) = then {
            self.screen = screen;
        }
    }

    /// Saves reminder choices; they apply at once even if saving fails.
    pub(super) fn save_reminder_settings(&mut self, settings: ReminderSettings) -> Event {
        let saved = self
            .change_preferences(|p| p.reminders = settings)
            .map_err(|e| format!("Not saved: {e}"));
        // Applied even when saving failed, so the choice works this session.
        self.reminders
            .set_settings(self.preferences.reminders.clone());
        Event::RemindersSaved(saved)
    }

    pub(super) fn set_autostart(&mut self, on: bool) -> Event {
        let Some(dir) = self.config_dir.clone() else {
            return Event::RemindersSaved(Err(
                "There is no configuration folder to put a start-up entry in.".to_owned(),
            ));
        };
        let result = if on {
            std::env::current_exe()
                .and_then(|exe| crate::autostart::install(&dir, &exe))
                .map(|_| ())
        } else {
            crate::autostart::remove(&dir)
        };
        self.autostart_installed = Some(crate::autostart::is_installed(&dir));
        Event::RemindersSaved(result.map_err(|e| {
            format!(
                "Could not change {}: {e}",
                crate::autostart::entry_path(&dir).display()
            )
        }))
    }

    /// When the local date changes under an open window, a form still showing
    /// the old "today" moves on to the new one; earlier days being backfilled
    /// stay put. Also asks for a frame just after the next midnight.
    pub(super) fn follow_the_date(&mut self, ctx: &egui::Context) {
        let now = self.clock.local_now();
        let today = now.date_naive();
        if today != self.last_today {
            let moves_on =
                self.today.date() == self.last_today && !self.today.has_unsaved_changes();
            self.last_today = today;
            self.reload_data();
            if moves_on {
                self.show_date(today);
            }
        }
        let next_midnight = today
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 1))
            .map(|t| t - now.naive_local());
        if let Some(wait) = next_midnight.and_then(|d| d.to_std().ok()) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Brings running timers up to date, whichever screen is shown (or none,
    /// while the window is hidden): saves a routine that reached its end and a
    /// heat session that reached its cap, and asks for a repaint when the
    /// countdown next changes. Never asks for continuous repaints.
    pub(super) fn tick_timers(&mut self, ctx: &egui::Context) {
        let now = Now::read(self.clock.as_ref());
        let (routine, routine_command) = self.routines.tick(&now);
        let sounds = self.preferences.sounds;
        let (heat, heat_command) = self.heat.tick(&now, self.notifier.as_ref(), sounds);
        if routine.hold_ended {
            // One entry in the list for the whole routine: each replaces the last.
            self.notifier.notify(
                &Notice::new("Hold complete", "Release slowly.")
                    .with_sound(Sound::Complete, sounds)
                    .in_slot(Slot::Hold),
            );
        }
        for command in [routine_command, heat_command].into_iter().flatten() {
            self.apply(command);
            ctx.request_repaint();
        }
        let noteworthy = routine.hold_ended || routine.finished || heat != heat::Ticked::Nothing;
        let focused = ctx.input(|i| i.viewport().focused);
        if noteworthy && focused != Some(true) {
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(
                egui::UserAttentionType::Informational,
            ));
        }
        let next = [
            self.routines.next_deadline(now.moment),
            self.heat.next_deadline(now.moment),
        ];
        if let Some(deadline) = next.into_iter().flatten().min() {
            ctx.request_repaint_after(deadline);
        }
    }
}
