//! The card shown after a routine or a heat session ends: whether it was
//! saved (with a retry when saving failed) and the optional "how does your
//! back feel now" rating, which updates the saved session. [`LastSession`]
//! keeps that card, or the note on why nothing was logged, for a screen.

use egui::{RichText, Ui};

use super::command::{Command, Origin};
use super::{theme, widgets};
use crate::domain::pain::Rating;
use crate::domain::session::Session;

enum Status {
    Saving,
    Saved(i64),
    Failed(String),
}

/// A session that just ended, saved or waiting to be.
pub struct Outcome {
    session: Session,
    origin: Origin,
    status: Status,
    feel_after: Option<Rating>,
    /// The outcome of the last attempt to store the rating.
    feel_message: Option<Result<(), String>>,
}

impl Outcome {
    /// A session about to be saved; send [`Outcome::save_command`].
    pub fn new(session: Session, origin: Origin) -> Self {
        Self {
            session,
            origin,
            status: Status::Saving,
            feel_after: None,
            feel_message: None,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Whether the last attempt to save the session failed.
    pub fn save_failed(&self) -> bool {
        matches!(self.status, Status::Failed(_))
    }

    /// Saves the session, with the rating given so far.
    pub fn save_command(&mut self) -> Command {
        self.status = Status::Saving;
        let mut session = self.session.clone();
        session.feel_after = self.feel_after;
        Command::SaveSession {
            session,
            origin: self.origin,
        }
    }

    /// Called with the result of [`Command::SaveSession`].
    pub fn save_result(&mut self, result: Result<i64, String>) {
        self.status = match result {
            Ok(id) => {
                self.session.feel_after = self.feel_after;
                Status::Saved(id)
            }
            Err(e) => Status::Failed(e),
        };
    }

    /// Called with the result of [`Command::SetFeelAfter`].
    pub fn feel_result(&mut self, result: Result<(), String>) {
        if result.is_ok() {
            self.session.feel_after = self.feel_after;
        }
        self.feel_message = Some(result);
    }

    /// Draws the card. `title` says what ended, `details` how it went.
    pub fn ui(&mut self, ui: &mut Ui, title: &str, details: &str) -> Option<Command> {
        let mut command = None;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, title);
            ui.label(details);
            match &self.status {
                Status::Saved(_) => widgets::success_ui(ui, "Saved to your log."),
                Status::Saving => widgets::hint_ui(ui, "Saving…"),
                Status::Failed(error) => {
                    widgets::error_ui(ui, &format!("Not saved yet: {error}"));
                    if ui.button("Try saving again").clicked() {
                        command = Some(self.save_command());
                    }
                }
            }
            ui.add_space(theme::GAP);
            widgets::section_title_ui(ui, "How does your back feel now?");
            widgets::hint_ui(
                ui,
                "Optional. The same scale as your daily rating: 0 is no pain at all.",
            );
            let changed = widgets::rating_scale_ui(
                ui,
                "Feel now",
                &mut self.feel_after,
                true,
                ("0 = no pain", "10 = worst imaginable"),
            )
            .inner;
            if changed {
                self.feel_message = None;
                if let Status::Saved(id) = self.status {
                    command = Some(Command::SetFeelAfter {
                        id,
                        feel_after: self.feel_after,
                        origin: self.origin,
                    });
                }
            }
            match &self.feel_message {
                Some(Ok(())) if self.feel_after.is_some() => {
                    widgets::success_ui(ui, "Thanks, noted with this session.");
                }
                Some(Err(e)) => widgets::error_ui(
                    ui,
                    &format!("Could not save the rating: {e} Choose it again to retry."),
                ),
                _ => {}
            }
        });
        command
    }
}

/// What a screen shows about its last timed session (the heat timer, the
/// routine player): the card of one that ended and is being saved, or a
/// quiet note on why one left nothing to log. Never both.
#[derive(Default)]
pub struct LastSession {
    outcome: Option<Outcome>,
    /// Why the last session left nothing to log.
    notice: Option<String>,
}

impl LastSession {
    /// Forgets the last session, as a new one starts.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// A session ended with something worth keeping: shows its card and
    /// returns the command that saves it.
    pub fn ended(&mut self, session: Session, origin: Origin) -> Command {
        let mut outcome = Outcome::new(session, origin);
        let command = outcome.save_command();
        self.outcome = Some(outcome);
        self.notice = None;
        command
    }

    /// A session ended too early to count; `why` says so instead of a card.
    pub fn nothing_logged(&mut self, why: String) {
        self.outcome = None;
        self.notice = Some(why);
    }

    /// The session on the card, if there is one.
    pub fn session(&self) -> Option<&Session> {
        Some(self.outcome.as_ref()?.session())
    }

    /// The session on the card when saving it failed: closing now would lose it.
    pub fn unsaved(&self) -> Option<&Session> {
        let outcome = self.outcome.as_ref()?;
        outcome.save_failed().then(|| outcome.session())
    }

    /// Tries again to save the session on the card, if saving it failed.
    pub fn retry_failed_save(&mut self) -> Option<Command> {
        let outcome = self.outcome.as_mut()?;
        outcome.save_failed().then(|| outcome.save_command())
    }

    /// Called with the result of [`Command::SaveSession`] for the session on the card.
    pub fn save_result(&mut self, result: Result<i64, String>) {
        if let Some(outcome) = &mut self.outcome {
            outcome.save_result(result);
        }
    }

    /// Called with the result of [`Command::SetFeelAfter`] for the session on the card.
    pub fn feel_result(&mut self, result: Result<(), String>) {
        if let Some(outcome) = &mut self.outcome {
            outcome.feel_result(result);
        }
    }

    /// Draws the card, with the title and details `describe` gives for its
    /// session, or the note; each followed by a gap.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        describe: impl FnOnce(&Session) -> (String, String),
    ) -> Option<Command> {
        let mut command = None;
        if let Some(outcome) = &mut self.outcome {
            let (title, details) = describe(outcome.session());
            command = outcome.ui(ui, &title, &details);
            ui.add_space(theme::GAP);
        }
        if let Some(notice) = &self.notice {
            // Kept until dismissed or the next session starts: it answers
            // "where did my session go?", but should not stay for good.
            let dismissed = theme::card(ui)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(notice).color(theme::palette(ui.ctx()).muted));
                    ui.button("Dismiss").clicked()
                })
                .inner;
            if dismissed {
                self.notice = None;
            }
            ui.add_space(theme::GAP);
        }
        command
    }
}
