//! "Try something": the form that starts an experiment, the same on every
//! screen that offers one (Today, Progress, Routines). Closed, it is one
//! button; open, a name, a kind, a length and a first day.

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

/// The form's state: one per screen that shows it.
#[derive(Debug)]
pub struct ExperimentForm {
    /// The screen it sits on: only that screen's results come back here.
    from: Screen,
    open: bool,
    name: String,
    kind: ExperimentKind,
    planned_days: u32,
    /// The first day; `None` means today, whatever day it is when saved.
    start: Option<NaiveDate>,
    error: Option<String>,
    /// What the last start said, until the form opens again.
    started: Option<String>,
}

impl ExperimentForm {
    pub fn new(from: Screen) -> Self {
        Self {
            from,
            open: false,
            name: String::new(),
            kind: ExperimentKind::Other,
            planned_days: DEFAULT_PLANNED_DAYS,
            start: None,
            error: None,
            started: None,
        }
    }

    /// Opens the form filled in (a routine's name, say).
    pub fn open_with(&mut self, name: &str, kind: ExperimentKind) {
        self.open = true;
        self.name = name.to_owned();
        self.kind = kind;
        self.planned_days = DEFAULT_PLANNED_DAYS;
        self.start = None;
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
                let kind = self.kind;
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
                    ui.selectable_value(&mut self.kind, kind, kind.label());
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("For:");
                for days in PLANNED_DAYS {
                    ui.selectable_value(&mut self.planned_days, days, format!("{days} days"));
                }
            });
            let today = now.today();
            let mut start = self.start.unwrap_or(today);
            ui.label("First day:");
            day_picker_ui(ui, &mut start, today);
            self.start = (start != today).then_some(start);
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
        let today = now.today();
        let experiment = Experiment {
            name: self.name.trim().to_owned(),
            kind: self.kind,
            start: self.start.unwrap_or(today),
            planned_days: self.planned_days,
            stopped_on: None,
            created_at: now.utc(),
        };
        match experiment.validate(today) {
            Ok(()) => {
                self.error = None;
                Some(Command::StartExperiment {
                    experiment,
                    from: self.from,
                })
            }
            Err(e) => {
                self.error = Some(widgets::sentence(&e.to_string()));
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
