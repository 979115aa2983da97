//! Routines: pick a ready routine or build one from the catalog, play it with
//! hold timers, log sessions done away from the computer, and see the week's
//! strengthening against its target. A ready routine can also be tried as
//! an experiment, to see whether the days with it go with less pain.

pub(super) mod log;
mod player;
mod week;

use std::time::Duration;

use egui::{RichText, Ui};

use super::command::{Command, Origin};
use super::data::Data;
use super::event::{Event, OnEvent};
use super::experiment_form::ExperimentForm;
use super::outcome::LastSession;
use super::screen::Screen;
use super::session_log::SessionLog;
use super::unsaved::Unsaved;
use super::when::Now;
use super::{theme, widgets};
use crate::domain::clock::Moment;
use crate::domain::exercise::{Routine, RoutineTemplate, catalog, find_template, templates};
use crate::domain::experiment::ExperimentKind;
use crate::domain::session::Session;

pub use player::Ticked;

/// The width a ready routine's start button needs, with a gap before it.
const START_WIDTH: f32 = 166.0;
/// The narrowest the words of a ready routine get beside its start button.
const MIN_WORDS_WIDTH: f32 = 200.0;

/// The button that opens the experiment form for a ready routine.
const TRY_THIS: &str = "Try this as an experiment…";

pub struct RoutinesScreen {
    /// Catalog ids ticked for a custom routine.
    picked: Vec<&'static str>,
    custom_name: String,
    custom_error: Option<String>,
    /// A ready routine picked out for the user (after heat, for instance).
    suggested: Option<&'static str>,
    player: Option<player::ActivePlayer>,
    last: LastSession,
    log: SessionLog<log::RoutineEntry>,
    /// "Try this as an experiment", and the ready routine it was opened for.
    experiment: ExperimentForm,
    experiment_for: Option<&'static str>,
}

impl RoutinesScreen {
    pub fn new(today: chrono::NaiveDate) -> Self {
        Self {
            picked: Vec::new(),
            custom_name: String::new(),
            custom_error: None,
            suggested: None,
            player: None,
            last: LastSession::default(),
            log: SessionLog::new(today, log::RoutineEntry::default()),
            experiment: ExperimentForm::new(Screen::Routines),
            experiment_for: None,
        }
    }

    /// Picks out a ready routine, as a suggestion.
    pub fn suggest(&mut self, template_id: &'static str) {
        self.suggested = find_template(template_id).map(|t| t.id);
    }

    /// Brings a running routine up to `now`; saves it when it reaches its end.
    /// Runs every frame, whichever screen is shown.
    pub fn tick(&mut self, now: &Now) -> (Ticked, Option<Command>) {
        let Some(player) = self.player.as_mut() else {
            return (Ticked::default(), None);
        };
        let ticked = player.tick(now);
        let command = if ticked.finished {
            self.end_run(now)
        } else {
            None
        };
        (ticked, command)
    }

    pub fn next_deadline(&self, now: Moment) -> Option<Duration> {
        self.player.as_ref()?.next_deadline(now)
    }

    /// One line for the navigation while a routine runs.
    pub fn status(&self, now: Moment) -> Option<String> {
        Some(self.player.as_ref()?.status(now))
    }

    /// What closing the window now would lose: the routine being played, or
    /// one that ended and could not be saved.
    pub fn unsaved_work(&self, now: Moment) -> Option<Unsaved> {
        let Some(player) = &self.player else {
            let session = self.last.unsaved()?;
            return Some(Unsaved::new(
                format!("{}, which just ended", session.routine),
                "Saving it failed. Save and close tries again.",
            ));
        };
        let (done, planned) = player.holds(now);
        let what = format!("{}, {done} of {planned} holds done", player.name());
        Some(if done == 0 {
            Unsaved::new(what, "No hold is finished yet, so there is nothing to log.")
        } else {
            Unsaved::new(what, "Save and close logs it as a stopped session.")
        })
    }

    /// Stops the routine being played and logs the holds done, or tries
    /// again to save a run whose save failed: what closing the window keeps.
    pub fn save_for_closing(&mut self, now: &Now) -> Option<Command> {
        match self.player {
            Some(_) => self.end_run(now),
            None => self.last.retry_failed_save(),
        }
    }

    /// Called with the result of [`Command::SaveSession`] from this screen.
    pub fn save_result(&mut self, origin: Origin, session: &Session, result: Result<i64, String>) {
        if self.log.owns(origin) {
            self.log.save_result(session, result);
        } else {
            self.last.save_result(result);
        }
    }

    /// Called with the result of [`Command::SetFeelAfter`] from this screen.
    pub fn feel_result(&mut self, result: Result<(), String>) {
        self.last.feel_result(result);
    }

    /// Ends the run in progress and asks for it to be saved, unless nothing
    /// was done yet (a start by mistake should not count as a session).
    fn end_run(&mut self, now: &Now) -> Option<Command> {
        let (session, holds_done) = self.player.take()?.finish(now);
        if holds_done == 0 {
            self.last.nothing_logged(format!(
                "{} ended before the first hold was done, so nothing was logged.",
                session.routine
            ));
            return None;
        }
        Some(self.last.ended(session, Origin::RoutinePlayer))
    }

    fn start(&mut self, routine: Routine, now: &Now) {
        self.player = Some(player::ActivePlayer::start(routine, now));
        self.last.clear();
        self.custom_error = None;
        self.suggested = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let facts = data.facts(now.today());
        if let Some(player) = &mut self.player {
            let action = player.ui(ui, now);
            ui.add_space(theme::GAP);
            week::week_target_ui(ui, &facts.this_week);
            return match action {
                Some(player::Action::Stop) => self.end_run(now),
                None => None,
            };
        }

        ui.heading("Routines");
        ui.add_space(4.0);
        let mut command = self.last.ui(ui, card_words);
        if let Some(error) = &data.error {
            widgets::error_ui(ui, &format!("Could not read your sessions: {error}"));
        }

        if let Some(c) = self.templates_ui(ui, now) {
            command = Some(c);
        }
        ui.add_space(theme::GAP);
        week::week_target_ui(ui, &facts.this_week);
        ui.add_space(theme::GAP);
        self.custom_ui(ui, now);
        ui.add_space(theme::GAP);
        if let Some(c) = self.log.ui(ui, data, now) {
            command = Some(c);
        }
        command
    }

    fn templates_ui(&mut self, ui: &mut Ui, now: &Now) -> Option<Command> {
        let mut chosen = None;
        let mut command = None;
        for template in templates() {
            let suggested = self.suggested == Some(template.id);
            let frame = if suggested {
                theme::card(ui).stroke(egui::Stroke::new(2.0, theme::palette(ui.ctx()).accent))
            } else {
                theme::card(ui)
            };
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                if suggested {
                    ui.label(
                        RichText::new("Your muscles are warm: a good moment for this one.")
                            .color(theme::palette(ui.ctx()).accent),
                    );
                }
                // Beside the words where there is room for both, else below
                // them, so the button never lies over the exercise names.
                let beside = ui.available_width() >= START_WIDTH + MIN_WORDS_WIDTH;
                let start_ui = |ui: &mut Ui| {
                    let label = format!("Start {}", template.name.to_lowercase());
                    let button = widgets::accent_button(ui, label)
                        .min_size(egui::vec2(START_WIDTH - 16.0, 34.0));
                    ui.add(button).clicked()
                };
                let mut start = false;
                if beside {
                    ui.horizontal(|ui| {
                        ui.vertical(|ui| {
                            ui.set_max_width(ui.available_width() - START_WIDTH);
                            self.routine_words_ui(ui, template);
                        });
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            start = start_ui(ui);
                        });
                    });
                } else {
                    self.routine_words_ui(ui, template);
                    start = start_ui(ui);
                }
                if start {
                    chosen = Some(template);
                }
                if self.experiment_for == Some(template.id)
                    && let Some(c) = self.experiment_ui(ui, template, now)
                {
                    command = Some(c);
                }
            });
            ui.add_space(theme::GAP / 2.0);
        }
        if let Some(template) = chosen {
            match template.routine() {
                Ok(routine) => self.start(routine, now),
                Err(e) => self.custom_error = Some(widgets::sentence(&e.to_string())),
            }
        }
        command
    }

    /// A ready routine's name, what it is, its exercises, and (unless its
    /// form is open) "Try this as an experiment…".
    fn routine_words_ui(&mut self, ui: &mut Ui, template: &'static RoutineTemplate) {
        widgets::section_title_ui(ui, template.name);
        ui.label(template.summary);
        let names: Vec<&str> = template
            .exercise_ids
            .iter()
            .filter_map(|id| crate::domain::exercise::find(id))
            .map(|e| e.name)
            .collect();
        widgets::hint_ui(ui, &names.join(", "));
        if self.experiment_for != Some(template.id) {
            self.try_button_ui(ui, template);
        }
    }

    /// "Try this as an experiment…": opens the form, filled in, in this
    /// routine's card (and closes it in any other).
    fn try_button_ui(&mut self, ui: &mut Ui, template: &'static RoutineTemplate) {
        let button = ui.button(TRY_THIS);
        let name = format!("Try {} as an experiment…", template.name);
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if button.clicked() {
            self.experiment = ExperimentForm::new(Screen::Routines);
            self.experiment
                .open_with(template.name, ExperimentKind::Exercise);
            self.experiment_for = Some(template.id);
        }
    }

    /// The experiment form in the card of the routine it was opened for;
    /// closed again, its button opens it filled in once more.
    fn experiment_ui(
        &mut self,
        ui: &mut Ui,
        template: &'static RoutineTemplate,
        now: &Now,
    ) -> Option<Command> {
        let was_open = self.experiment.is_open();
        ui.add_space(4.0);
        let command = self.experiment.ui(ui, now, TRY_THIS);
        if !was_open && self.experiment.is_open() {
            self.experiment
                .open_with(template.name, ExperimentKind::Exercise);
        }
        command
    }

    fn custom_ui(&mut self, ui: &mut Ui, now: &Now) {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Build your own");
            widgets::hint_ui(ui, "Tick the exercises you want, in the order listed.");
            for exercise in catalog() {
                let mut on = self.picked.contains(&exercise.id);
                ui.vertical(|ui| {
                    ui.spacing_mut().item_spacing.y = 0.0;
                    ui.horizontal_wrapped(|ui| {
                        if ui.checkbox(&mut on, exercise.name).changed() {
                            if on {
                                self.picked.push(exercise.id);
                            } else {
                                self.picked.retain(|id| *id != exercise.id);
                            }
                            self.custom_error = None;
                        }
                        let minutes = ((exercise.estimated_secs() + 30) / 60).max(1);
                        let kind = exercise.kind.label();
                        widgets::hint_ui(ui, &format!("{kind}, about {minutes} min."));
                    });
                    ui.horizontal(|ui| {
                        ui.add_space(26.0);
                        ui.add(
                            egui::Label::new(
                                RichText::new(exercise.summary)
                                    .color(theme::palette(ui.ctx()).muted),
                            )
                            .wrap(),
                        );
                    });
                });
            }
            // Catalog order, whatever order they were ticked in.
            let ids: Vec<&str> = catalog()
                .iter()
                .map(|e| e.id)
                .filter(|id| self.picked.contains(id))
                .collect();
            ui.horizontal(|ui| {
                widgets::text_field_ui(
                    ui,
                    "Name (optional)",
                    egui::TextEdit::singleline(&mut self.custom_name)
                        .hint_text("Morning loosen-up")
                        .desired_width(220.0)
                        .char_limit(60),
                );
                let routine = Routine::custom(&self.custom_name, &ids);
                if let Ok(r) = &routine {
                    widgets::hint_ui(
                        ui,
                        &format!("About {}.", widgets::duration_text(r.estimated_secs())),
                    );
                }
            });
            ui.horizontal_wrapped(|ui| {
                if ui.button("Start custom routine").clicked() {
                    match Routine::custom(&self.custom_name, &ids) {
                        Ok(routine) => self.start(routine, now),
                        Err(e) => self.custom_error = Some(widgets::sentence(&e.to_string())),
                    }
                }
                if let Some(error) = &self.custom_error {
                    widgets::error_ui(ui, error);
                }
            });
        });
    }
}

/// The title and details of the card for a run that ended.
fn card_words(session: &Session) -> (String, String) {
    let done: u32 = session.exercises.iter().map(|e| e.holds_done).sum();
    let planned: u32 = session.exercises.iter().map(|e| e.holds_planned).sum();
    let title = if done == planned {
        format!("{} done. Nicely done.", session.routine)
    } else {
        format!("{} stopped. Every hold counts.", session.routine)
    };
    let details = format!(
        "{} of {} holds, {}.",
        done,
        planned,
        widgets::duration_text(session.duration_secs)
    );
    (title, details)
}

impl OnEvent for RoutinesScreen {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        match event {
            Event::SessionSaved {
                origin: origin @ (Origin::RoutinePlayer | Origin::RoutineLog),
                session,
                result,
            } => self.save_result(*origin, session, result.clone()),
            Event::FeelAfterSaved {
                origin: Origin::RoutinePlayer | Origin::RoutineLog,
                result,
            } => self.feel_result(result.clone()),
            Event::RoutineSuggested(template_id) => self.suggest(template_id),
            _ => self.experiment.on_event(event),
        }
        None
    }
}
