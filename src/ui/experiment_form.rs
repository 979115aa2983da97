//! "Try something": the form that starts an experiment, the same on every
//! screen that offers one (Today, Progress, Routines). Closed, it is one
//! button; open, a name, a kind, a length and a first day
//! ([`ExperimentFields`], which History's editor changes a saved one in).

use chrono::NaiveDate;
use egui::Ui;

use super::command::Command;
use super::event::Event;
use super::screen::Screen;
use super::when::{Now, day_picker_ui};
use super::widgets;
use crate::domain::experiment::{
    DEFAULT_PLANNED_DAYS, Experiment, ExperimentKind, MAX_NAME_CHARS, PLANNED_DAYS,
};

/// An experiment's name, kind, length and first day.
#[derive(Debug)]
pub struct ExperimentFields {
    name: String,
    kind: ExperimentKind,
    planned_days: u32,
    /// The first day; `None` means today, whatever day it is when saved.
    start: Option<NaiveDate>,
    /// Filled from a saved experiment, whose first day stays a date.
    editing: bool,
}

impl ExperimentFields {
    fn new(name: &str, kind: ExperimentKind) -> Self {
        Self {
            name: name.to_owned(),
            kind,
            planned_days: DEFAULT_PLANNED_DAYS,
            start: None,
            editing: false,
        }
    }

    /// The fields filled from a saved experiment.
    pub fn editing(experiment: &Experiment) -> Self {
        Self {
            name: experiment.name.clone(),
            kind: experiment.kind,
            planned_days: experiment.planned_days,
            start: Some(experiment.start),
            editing: true,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, now: &Now) {
        widgets::text_field_ui(
            ui,
            "What are you trying?",
            egui::TextEdit::singleline(&mut self.name)
                .hint_text("For example: chin tucks every hour")
                .char_limit(MAX_NAME_CHARS)
                .desired_width(320.0),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label("Kind:");
            for kind in ExperimentKind::ALL {
                widgets::choice_value_ui(ui, &mut self.kind, kind, kind.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("For:");
            for days in PLANNED_DAYS {
                widgets::choice_value_ui(ui, &mut self.planned_days, days, format!("{days} days"));
            }
        });
        let today = now.today();
        let mut start = self.start.unwrap_or(today);
        ui.label("First day:");
        day_picker_ui(ui, &mut start, today);
        self.start = (self.editing || start != today).then_some(start);
    }

    /// The experiment as the fields stand, checked by the domain's rules;
    /// the reason in words when it breaks one.
    pub fn experiment(
        &self,
        now: &Now,
        stopped_on: Option<NaiveDate>,
        created_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Experiment, String> {
        let today = now.today();
        let experiment = Experiment {
            name: self.name.trim().to_owned(),
            kind: self.kind,
            start: self.start.unwrap_or(today),
            planned_days: self.planned_days,
            stopped_on,
            created_at,
        };
        match experiment.validate(today) {
            Ok(()) => Ok(experiment),
            Err(e) => Err(widgets::sentence(&e.to_string())),
        }
    }
}

/// The form's state: one per screen that shows it.
#[derive(Debug)]
pub struct ExperimentForm {
    /// The screen it sits on: only that screen's results come back here.
    from: Screen,
    open: bool,
    fields: ExperimentFields,
    error: Option<String>,
    /// What the last start said, until the form opens again.
    started: Option<String>,
}

impl ExperimentForm {
    pub fn new(from: Screen) -> Self {
        Self {
            from,
            open: false,
            fields: ExperimentFields::new("", ExperimentKind::Other),
            error: None,
            started: None,
        }
    }

    /// Opens the form filled in (a routine's name, say).
    pub fn open_with(&mut self, name: &str, kind: ExperimentKind) {
        self.open = true;
        self.fields = ExperimentFields::new(name, kind);
        self.error = None;
        self.started = None;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The button, or the open form; a command when the person starts it.
    pub fn ui(&mut self, ui: &mut Ui, now: &Now, button_text: &str) -> Option<Command> {
        if !self.open {
            if let Some(started) = &self.started {
                widgets::success_ui(ui, started);
            }
            if ui.button(button_text).clicked() {
                let kind = self.fields.kind;
                self.open_with("", kind);
            }
            return None;
        }
        let mut command = None;
        ui.vertical(|ui| {
            widgets::section_title_ui(ui, "Start an experiment");
            widgets::hint_ui(
                ui,
                "Unknot compares your pain on these days with as many days just before \
                 them. Changing one thing at a time makes the answer clearer.",
            );
            self.fields.ui(ui, now);
            if let Some(error) = &self.error {
                widgets::error_ui(ui, error);
            }
            ui.horizontal(|ui| {
                if ui
                    .add(widgets::accent_button(ui, "Start experiment"))
                    .clicked()
                {
                    command = self.command(now);
                }
                if ui.button("Cancel").clicked() {
                    self.open = false;
                    self.error = None;
                }
            });
        });
        command
    }

    /// The experiment as filled in, checked by the domain's rules; `None`
    /// (with the reason shown) when it breaks one.
    fn command(&mut self, now: &Now) -> Option<Command> {
        match self.fields.experiment(now, None, now.utc()) {
            Ok(experiment) => {
                self.error = None;
                Some(Command::StartExperiment {
                    experiment,
                    from: self.from,
                })
            }
            Err(why) => {
                self.error = Some(why);
                None
            }
        }
    }

    /// Hears whether its start was saved.
    pub fn on_event(&mut self, event: &Event) {
        if let Event::ExperimentStarted { from, result } = event
            && *from == self.from
        {
            match result {
                Ok(stored) => {
                    self.open = false;
                    self.error = None;
                    self.started = Some(format!(
                        "Started \"{}\": {} days, until {}.",
                        stored.record.name,
                        stored.record.planned_days,
                        stored.record.planned_end().format("%A %-d %B")
                    ));
                }
                Err(e) => self.error = Some(e.clone()),
            }
        }
    }
}
