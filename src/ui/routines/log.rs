//! "Log without the player": a session done away from the computer,
//! self-massage included. Typed values stay on screen until saved.

use chrono::NaiveDate;
use egui::Ui;

use super::super::when::{self, Now};
use super::super::{theme, widgets};
use crate::domain::exercise::{RoutineTemplate, templates};
use crate::domain::session::{Session, SessionKind, parse_minutes};
use crate::ui::command::{Command, Origin};
use crate::ui::data::Data;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Template(&'static RoutineTemplate),
    Kind(SessionKind),
}

impl What {
    fn label(self) -> &'static str {
        match self {
            What::Template(t) => t.name,
            What::Kind(SessionKind::Strength) => "Other strengthening",
            What::Kind(SessionKind::Massage) => "Self-massage",
            What::Kind(_) => "Other stretching",
        }
    }

    fn kind(self) -> SessionKind {
        match self {
            What::Template(t) => t.kind,
            What::Kind(k) => k,
        }
    }

    fn routine(self) -> &'static str {
        match self {
            What::Template(t) => t.name,
            What::Kind(_) => "",
        }
    }
}

fn choices() -> Vec<What> {
    let mut all: Vec<What> = templates().iter().map(What::Template).collect();
    all.extend(
        [
            SessionKind::Stretch,
            SessionKind::Strength,
            SessionKind::Massage,
        ]
        .map(What::Kind),
    );
    all
}

enum Message {
    Logged(String),
    Error(String),
}

pub struct LogForm {
    what: What,
    date: NaiveDate,
    time: String,
    minutes: String,
    message: Option<Message>,
}

impl LogForm {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            what: choices()
                .first()
                .copied()
                .unwrap_or(What::Kind(SessionKind::Stretch)),
            date: today,
            time: String::new(),
            minutes: String::new(),
            message: None,
        }
    }

    /// Called with the result of saving: clears the times on success, keeps them otherwise.
    pub fn save_result(&mut self, session: &Session, result: Result<i64, String>) {
        self.message = Some(match result {
            Ok(_) => {
                let text = format!(
                    "Logged: {}, {}, {} at {}.",
                    self.what.label(),
                    widgets::duration_text(session.duration_secs),
                    session.date.format("%A %-d %B"),
                    self.time.trim(),
                );
                self.time.clear();
                self.minutes.clear();
                Message::Logged(text)
            }
            Err(e) => Message::Error(format!("Not saved: {e}")),
        });
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let mut command = None;
        theme::card().show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Log a session done without the player");
            widgets::hint_ui(
                ui,
                "Stretched at the office, or used a ball against the wall? Add it here.",
            );
            ui.horizontal_wrapped(|ui| {
                for what in choices() {
                    if ui
                        .selectable_label(self.what == what, what.label())
                        .clicked()
                    {
                        self.what = what;
                    }
                }
            });
            when::day_picker_ui(ui, &mut self.date, now.today());
            ui.horizontal(|ui| {
                let label = ui.label("Started at");
                ui.add(
                    egui::TextEdit::singleline(&mut self.time)
                        .hint_text("15:00")
                        .desired_width(70.0),
                )
                .labelled_by(label.id);
                ui.add_space(theme::GAP);
                let label = ui.label("Minutes");
                ui.add(
                    egui::TextEdit::singleline(&mut self.minutes)
                        .hint_text("10")
                        .desired_width(60.0),
                )
                .labelled_by(label.id);
            });
            ui.horizontal_wrapped(|ui| {
                if ui.button("Log session").clicked() {
                    match self.session(data, now) {
                        Ok(session) => {
                            self.message = None;
                            command = Some(Command::SaveSession {
                                session,
                                origin: Origin::RoutineLog,
                            });
                        }
                        Err(e) => self.message = Some(Message::Error(e)),
                    }
                }
                match &self.message {
                    Some(Message::Logged(text)) => widgets::success_ui(ui, text),
                    Some(Message::Error(text)) => widgets::error_ui(ui, text),
                    None => {}
                }
            });
        });
        command
    }

    /// The session the form describes, or what is wrong with it.
    fn session(&self, data: &Data, now: &Now) -> Result<Session, String> {
        let started_at = when::parse_start(self.date, &self.time, now)?;
        if self.minutes.trim().is_empty() {
            return Err("Type how many minutes it lasted, for example 10.".to_owned());
        }
        let minutes =
            parse_minutes(&self.minutes).map_err(|e| widgets::sentence(&e.to_string()))?;
        let kind = self.what.kind();
        if data
            .sessions
            .iter()
            .any(|s| s.kind == kind && s.started_at == started_at)
        {
            return Err(format!(
                "A {} session at {} that day is already in your log.",
                kind.label().to_lowercase(),
                self.time.trim()
            ));
        }
        let mut session = Session::new(kind, started_at, self.date, minutes.saturating_mul(60));
        session.routine = self.what.routine().to_owned();
        Ok(session)
    }
}
