//! "I used a heat pack earlier": a heat session logged by hand. Typed values
//! stay on screen until saved.

use chrono::NaiveDate;
use egui::Ui;

use super::super::when::{self, Now};
use super::super::{theme, widgets};
use crate::domain::heat::{HeatType, parse_heat_minutes};
use crate::domain::session::{Session, SessionKind};
use crate::ui::command::{Command, Origin};
use crate::ui::data::Data;

enum Message {
    Logged(String),
    Error(String),
}

pub struct ManualHeat {
    date: NaiveDate,
    time: String,
    minutes: String,
    heat_type: HeatType,
    area: String,
    message: Option<Message>,
}

impl ManualHeat {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            date: today,
            time: String::new(),
            minutes: String::new(),
            heat_type: HeatType::Moist,
            area: String::new(),
            message: None,
        }
    }

    /// Called with the result of saving: clears the times on success, keeps them otherwise.
    pub fn save_result(&mut self, session: &Session, result: Result<i64, String>) {
        self.message = Some(match result {
            Ok(_) => {
                let text = format!(
                    "Logged {} of heat, {} at {}.",
                    widgets::duration_text(session.duration_secs),
                    session.date.format("%A %-d %B"),
                    self.time.trim()
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
            widgets::section_title_ui(ui, "I used a heat pack earlier");
            widgets::hint_ui(ui, "For heat used away from the computer.");
            when::day_picker_ui(ui, &mut self.date, now.today());
            ui.horizontal(|ui| {
                let label = ui.label("Started at");
                ui.add(
                    egui::TextEdit::singleline(&mut self.time)
                        .hint_text("20:30")
                        .desired_width(70.0),
                )
                .labelled_by(label.id);
                ui.add_space(theme::GAP);
                let label = ui.label("Minutes of heat");
                ui.add(
                    egui::TextEdit::singleline(&mut self.minutes)
                        .hint_text("15")
                        .desired_width(60.0),
                )
                .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                egui::ComboBox::from_label("Kind of heat")
                    .selected_text(self.heat_type.label())
                    .show_ui(ui, |ui| {
                        for t in HeatType::ALL {
                            ui.selectable_value(&mut self.heat_type, t, t.label());
                        }
                    });
                ui.add_space(theme::GAP);
                let label = ui.label("Where");
                ui.add(
                    egui::TextEdit::singleline(&mut self.area)
                        .hint_text("Between the shoulder blades")
                        .desired_width(240.0)
                        .char_limit(100),
                )
                .labelled_by(label.id);
            });
            ui.horizontal_wrapped(|ui| {
                if ui.button("Log heat session").clicked() {
                    match self.session(data, now) {
                        Ok(session) => {
                            self.message = None;
                            command = Some(Command::SaveSession {
                                session,
                                origin: Origin::HeatLog,
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

    fn session(&self, data: &Data, now: &Now) -> Result<Session, String> {
        let started_at = when::parse_start(self.date, &self.time, now)?;
        if self.minutes.trim().is_empty() {
            return Err("Type how many minutes the pack was on, for example 15.".to_owned());
        }
        let minutes =
            parse_heat_minutes(&self.minutes).map_err(|e| widgets::sentence(&e.to_string()))?;
        if data
            .sessions
            .iter()
            .any(|s| s.kind == SessionKind::Heat && s.started_at == started_at)
        {
            return Err(format!(
                "A heat session at {} that day is already in your log.",
                self.time.trim()
            ));
        }
        let mut session = Session::new(
            SessionKind::Heat,
            started_at,
            self.date,
            minutes.saturating_mul(60),
        );
        session.heat_type = Some(self.heat_type.code().to_owned());
        let area = self.area.trim();
        session.area = (!area.is_empty()).then(|| area.to_owned());
        Ok(session)
    }
}
