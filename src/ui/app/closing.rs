//! Closing the window without losing work. With nothing unsaved the window
//! closes at once. Otherwise a close request is held back and a question
//! lists what would be lost: "Save and close" keeps what can be kept (a
//! heat session ends and is logged with its real minutes, a routine is
//! logged as a stopped session, a check-in with a pain rating is saved),
//! "Close without saving" drops it, "Cancel" (or Escape) goes back. After a
//! stop signal nobody can be asked: what is safe is saved and the window
//! closes (see `crate::shutdown`).

use egui::{RichText, Ui, ViewportCommand};

use super::UnknotApp;
use crate::preferences::KeepReminding;
use crate::ui::event::Event;
use crate::ui::unsaved::Unsaved;
use crate::ui::when::Now;
use crate::ui::{theme, widgets};

/// Where closing the window stands.
#[derive(Debug, Default, PartialEq)]
pub(super) enum Closing {
    #[default]
    Open,
    /// A close request found unsaved work: the question is on screen.
    Asking {
        /// Why the last "Save and close" could not save everything.
        failures: Vec<String>,
        /// Whether "Save and close" still has to take the keyboard focus.
        focus_pending: bool,
    },
    /// Closing is decided; the one-time note on where Unknot went (the
    /// background process goes on reminding) is on screen.
    Telling,
    /// The window is closing: the next close request goes through.
    Decided,
}

/// The answer to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    SaveAndClose,
    CloseWithoutSaving,
    Cancel,
}

impl UnknotApp {
    /// Everything closing the window now would lose, timers first.
    pub(super) fn unsaved_work(&self, now: &Now) -> Vec<Unsaved> {
        let timers = [
            self.heat.unsaved_work(now.moment),
            self.routines.unsaved_work(now.moment),
        ];
        let mut work: Vec<Unsaved> = timers.into_iter().flatten().collect();
        work.extend(self.today.unsaved_work());
        work
    }

    /// Saves what can be saved without asking anything: ends and logs a
    /// running heat session and routine, saves each check-in typed with a
    /// pain rating, and tries again a session whose save failed. Returns
    /// what could not be saved, in words.
    pub(super) fn save_what_is_safe(&mut self) -> Vec<String> {
        let now = Now::read(self.clock.as_ref());
        let mut commands = Vec::new();
        commands.extend(self.heat.save_for_closing(&now));
        commands.extend(self.routines.save_for_closing(&now));
        commands.extend(self.today.save_for_closing(now.utc()));
        commands
            .into_iter()
            .filter_map(|command| self.carry_out(command))
            .filter_map(|event| failure(&event))
            .collect()
    }

    /// Runs in `logic`, so also while the window is hidden: acts on a
    /// signal, and holds back a close request while work is unsaved.
    pub(super) fn handle_closing(&mut self, ctx: &egui::Context) {
        if self.shutdown.is_requested() && self.closing != Closing::Decided {
            for failure in self.save_what_is_safe() {
                eprintln!("unknot: {failure}");
            }
            self.close(ctx);
            return;
        }
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        match self.closing {
            Closing::Decided => self.save_window_now(ctx),
            Closing::Asking { .. } | Closing::Telling => {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            }
            Closing::Open => {
                if self
                    .unsaved_work(&Now::read(self.clock.as_ref()))
                    .is_empty()
                {
                    if self.should_tell_about_background() {
                        ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                        self.closing = Closing::Telling;
                    } else {
                        self.closing = Closing::Decided;
                        self.save_window_now(ctx);
                    }
                } else {
                    ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                    // Closed from a taskbar while minimized: show the question.
                    if ctx.input(|i| i.viewport().minimized == Some(true)) {
                        ctx.send_viewport_cmd(ViewportCommand::Minimized(false));
                    }
                    ctx.send_viewport_cmd(ViewportCommand::Focus);
                    self.closing = Closing::Asking {
                        failures: Vec::new(),
                        focus_pending: true,
                    };
                }
            }
        }
    }

    /// Asks the window to close, letting the request through this time.
    fn close(&mut self, ctx: &egui::Context) {
        self.closing = Closing::Decided;
        ctx.send_viewport_cmd(ViewportCommand::Close);
        ctx.request_repaint();
    }

    /// Whether closing now should first say, once, that reminders go on
    /// from the background process and how to stop them.
    fn should_tell_about_background(&self) -> bool {
        self.preferences.keep_reminding == KeepReminding::On
            && !self.preferences.told_about_background
            && self.reminders.settings().enabled
    }

    /// Closes, after the one-time note if it is due.
    fn close_after_note(&mut self, ctx: &egui::Context) {
        if self.should_tell_about_background() {
            self.closing = Closing::Telling;
            ctx.request_repaint();
        } else {
            self.close(ctx);
        }
    }

    /// The note on where Unknot goes when the window closes.
    fn background_note_ui(&mut self, ctx: &egui::Context) {
        let mut answer = None;
        let modal = widgets::modal("background_note", "Reminders go on").show(ctx, |ui| {
            ui.set_width(440.0);
            widgets::section_title_ui(ui, "Reminders go on");
            ui.label(
                "The window closes, and Unknot keeps reminding you from the background, \
                 with an icon in the tray where your desktop shows one.",
            );
            ui.add_space(4.0);
            widgets::hint_ui(
                ui,
                "To stop it, choose Quit in the tray icon's menu, or turn off \
                 \"Keep reminding me when the window is closed\" in Settings.",
            );
            ui.add_space(theme::GAP / 2.0);
            ui.horizontal_wrapped(|ui| {
                let close = ui.add(widgets::accent_button(ui, "Close"));
                if close.clicked() {
                    answer = Some(KeepReminding::On);
                }
                if ui.button("Stop reminders and close").clicked() {
                    answer = Some(KeepReminding::Off);
                }
            });
        });
        if answer.is_none() && modal.should_close() {
            answer = Some(KeepReminding::On);
        }
        if let Some(keep) = answer {
            // Said once, whatever the answer; a failed save only means it is
            // said again next time.
            let _ = self.change_preferences(|p| {
                p.told_about_background = true;
                p.keep_reminding = keep;
            });
            self.close(ctx);
        }
    }

    /// The question, over every screen while it is asked.
    pub(super) fn closing_ui(&mut self, ui: &mut Ui, now: &Now) {
        if self.closing == Closing::Telling {
            self.background_note_ui(&ui.ctx().clone());
            return;
        }
        if !matches!(self.closing, Closing::Asking { .. }) {
            return;
        }
        let work = self.unsaved_work(now);
        let ctx = ui.ctx().clone();
        if work.is_empty() {
            // Saved meanwhile (a timer reached its end): nothing to ask.
            self.close_after_note(&ctx);
            return;
        }
        let Closing::Asking {
            failures,
            focus_pending,
        } = &mut self.closing
        else {
            return;
        };
        let mut answer = None;
        let modal = widgets::modal("close_question", "Close Unknot?").show(&ctx, |ui| {
            ui.set_width(440.0);
            widgets::section_title_ui(ui, "Close Unknot?");
            ui.label("Some things are not saved yet:");
            ui.add_space(4.0);
            for item in &work {
                ui.label(RichText::new(&item.what).strong());
                widgets::hint_ui(ui, &item.on_save);
                ui.add_space(4.0);
            }
            for failure in failures.iter() {
                widgets::error_ui(ui, failure);
            }
            ui.add_space(theme::GAP / 2.0);
            ui.horizontal(|ui| {
                let save = ui.add(widgets::accent_button(ui, "Save and close"));
                if std::mem::take(focus_pending) {
                    save.request_focus();
                }
                if save.clicked() {
                    answer = Some(Answer::SaveAndClose);
                }
                if ui.button("Close without saving").clicked() {
                    answer = Some(Answer::CloseWithoutSaving);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        if answer.is_none() && modal.should_close() {
            answer = Some(Answer::Cancel);
        }
        match answer {
            Some(Answer::SaveAndClose) => {
                let failures = self.save_what_is_safe();
                if failures.is_empty() {
                    self.close_after_note(&ctx);
                } else {
                    self.closing = Closing::Asking {
                        failures,
                        focus_pending: false,
                    };
                }
            }
            Some(Answer::CloseWithoutSaving) => self.close_after_note(&ctx),
            Some(Answer::Cancel) => self.closing = Closing::Open,
            None => {}
        }
    }
}

/// What could not be saved, from the outcome of a save.
fn failure(event: &Event) -> Option<String> {
    match event {
        Event::SessionSaved {
            session,
            result: Err(e),
            ..
        } => Some(format!("{} session not saved: {e}", session.kind.label())),
        Event::CheckInSaved(Err(e)) => Some(format!("Check-in not saved: {e}")),
        _ => None,
    }
    .map(|text| widgets::sentence(&text))
}
