//! Heat: a heat-pack timer of 15 to 20 minutes with a warning past 20 and a
//! hard stop at 30, a log of every use, and what to do next.

pub(super) mod manual;
mod timer;

use std::time::Duration;

use egui::{RichText, Ui};

use super::command::{Command, Origin};
use super::data::Data;
use super::event::{Event, OnEvent};
use super::outcome::LastSession;
use super::session_log::SessionLog;
use super::unsaved::Unsaved;
use super::when::Now;
use super::{theme, widgets};
use crate::domain::clock::Moment;
use crate::domain::heat::{self, HeatType, QUICK_CHOICES, parse_heat_minutes};
use crate::domain::pain::Area;
use crate::domain::session::Session;
use crate::notify::Notifier;
use crate::preferences::Sounds;

pub use timer::Ticked;

/// A session shorter than this was started by mistake: it is not logged.
const MIN_LOGGED_SECS: u32 = 60;

/// How long the pack is planned to stay on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    Quick(Duration),
    Custom,
}

pub struct HeatScreen {
    length: Length,
    custom_minutes: String,
    heat_type: HeatType,
    area: Option<Area>,
    elsewhere: String,
    setup_error: Option<String>,
    running: Option<timer::RunningHeat>,
    last: LastSession,
    manual: SessionLog<manual::HeatEntry>,
}

impl HeatScreen {
    pub fn new(today: chrono::NaiveDate) -> Self {
        Self {
            length: Length::Quick(heat::DEFAULT),
            custom_minutes: String::new(),
            heat_type: HeatType::Moist,
            area: None,
            elsewhere: String::new(),
            setup_error: None,
            running: None,
            last: LastSession::default(),
            manual: SessionLog::new(today, manual::HeatEntry::default()),
        }
    }

    /// Brings the timer up to `now`: tells the user when time is up, and ends
    /// and saves the session at the safety cap. Runs every frame, whichever
    /// screen is shown. `sounds` says whether the notice asks for a sound.
    pub fn tick(
        &mut self,
        now: &Now,
        notifier: &dyn Notifier,
        sounds: Sounds,
    ) -> (Ticked, Option<Command>) {
        let Some(running) = self.running.as_mut() else {
            return (Ticked::Nothing, None);
        };
        let ticked = running.tick(now, notifier, sounds);
        let command = if ticked == Ticked::Capped {
            self.end(now)
        } else {
            None
        };
        (ticked, command)
    }

    pub fn next_deadline(&self, now: Moment) -> Option<Duration> {
        self.running.as_ref()?.next_deadline(now)
    }

    /// One line for the navigation while heat is on.
    pub fn status(&self, now: Moment) -> Option<String> {
        Some(self.running.as_ref()?.status(now))
    }

    /// What closing the window now would lose: the session running, or one
    /// that ended and could not be saved.
    pub fn unsaved_work(&self, now: Moment) -> Option<Unsaved> {
        let Some(running) = &self.running else {
            self.last.unsaved()?;
            return Some(Unsaved::new(
                "The heat session that just ended",
                "Saving it failed. Save and close tries again.",
            ));
        };
        let secs = running.elapsed_secs(now);
        let on = widgets::duration_text(secs);
        let what = format!("The heat session, on for {on}");
        Some(if secs < MIN_LOGGED_SECS {
            Unsaved::new(what, "It has run under a minute, too short to log.")
        } else {
            Unsaved::new(
                what,
                format!("Save and close ends it and logs {on} of heat."),
            )
        })
    }

    /// Ends the session running and logs it, or tries again to save one
    /// whose save failed: what closing the window keeps.
    pub fn save_for_closing(&mut self, now: &Now) -> Option<Command> {
        match self.running {
            Some(_) => self.end(now),
            None => self.last.retry_failed_save(),
        }
    }

    /// Called with the result of [`Command::SaveSession`] from this screen.
    pub fn save_result(&mut self, origin: Origin, session: &Session, result: Result<i64, String>) {
        if self.manual.owns(origin) {
            self.manual.save_result(session, result);
        } else {
            self.last.save_result(result);
        }
    }

    /// Called with the result of [`Command::SetFeelAfter`] from this screen.
    pub fn feel_result(&mut self, result: Result<(), String>) {
        self.last.feel_result(result);
    }

    /// Ends the session in progress and asks for it to be saved, unless the
    /// pack was on for less than a minute (started by mistake).
    fn end(&mut self, now: &Now) -> Option<Command> {
        let (session, _) = self.running.take()?.finish(now);
        if session.duration_secs < MIN_LOGGED_SECS {
            self.last.nothing_logged(
                "Stopped within the first minute, so nothing was logged.".to_owned(),
            );
            return None;
        }
        Some(self.last.ended(session, Origin::HeatTimer))
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        ui.heading("Heat");
        ui.add_space(4.0);
        if let Some(running) = &mut self.running {
            let stopped = running.ui(ui, now);
            ui.add_space(theme::GAP);
            guidance_ui(ui);
            return if stopped { self.end(now) } else { None };
        }

        let mut command = self.last.ui(ui, card_words);
        if self.last.session().is_some() {
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                widgets::section_title_ui(ui, "Muscles are warm: a stretch routine now?");
                widgets::hint_ui(
                    ui,
                    "Stretching straight after heat goes further. The desk break takes about \
                     three minutes.",
                );
                if ui.button("Go to the desk break").clicked() {
                    command = Some(Command::SuggestRoutine("desk_break"));
                }
            });
            ui.add_space(theme::GAP);
        }

        self.setup_ui(ui, now);
        ui.add_space(theme::GAP);
        guidance_ui(ui);
        ui.add_space(theme::GAP);
        if let Some(c) = self.manual.ui(ui, data, now) {
            command = Some(c);
        }
        command
    }

    fn setup_ui(&mut self, ui: &mut Ui, now: &Now) {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Start a heat session");
            ui.label("How long");
            ui.horizontal(|ui| {
                for choice in QUICK_CHOICES {
                    let label = format!("{} min", choice.as_secs() / 60);
                    let selected = self.length == Length::Quick(choice);
                    if widgets::choice_ui(ui, selected, label).clicked() {
                        self.length = Length::Quick(choice);
                    }
                }
                if widgets::choice_ui(ui, self.length == Length::Custom, "Custom").clicked() {
                    self.length = Length::Custom;
                }
                if self.length == Length::Custom {
                    widgets::text_field_ui(
                        ui,
                        "Minutes",
                        egui::TextEdit::singleline(&mut self.custom_minutes)
                            .hint_text("15")
                            .desired_width(60.0),
                    );
                }
            });
            if let Ok(planned) = self.planned()
                && heat::warns_for(planned)
            {
                ui.label(
                    RichText::new(
                        "More than 20 minutes raises the risk of skin irritation and burns. \
                         Unknot stops every session at 30 minutes.",
                    )
                    .color(theme::palette(ui.ctx()).warn_text),
                );
            }
            ui.add_space(4.0);
            ui.label("Kind of heat");
            ui.horizontal_wrapped(|ui| {
                for t in HeatType::ALL {
                    widgets::choice_value_ui(ui, &mut self.heat_type, t, t.label());
                }
            });
            ui.add_space(4.0);
            ui.label("Where (optional)");
            ui.horizontal_wrapped(|ui| {
                for area in Area::ALL {
                    let selected = self.area == Some(area);
                    if widgets::choice_ui(ui, selected, area.label()).clicked() {
                        self.area = if selected { None } else { Some(area) };
                    }
                }
            });
            ui.horizontal(|ui| {
                widgets::text_field_ui(
                    ui,
                    "Somewhere else",
                    egui::TextEdit::singleline(&mut self.elsewhere)
                        .hint_text("Lower back")
                        .desired_width(200.0)
                        .char_limit(100),
                );
            });
            ui.add_space(theme::GAP);
            ui.horizontal_wrapped(|ui| {
                let button =
                    widgets::accent_button(ui, RichText::new("Start heat timer").size(16.0))
                        .min_size(egui::vec2(160.0, 36.0));
                if ui.add(button).clicked() {
                    match self.planned() {
                        Ok(planned) => self.start(planned, now),
                        Err(e) => self.setup_error = Some(e),
                    }
                }
                if let Some(error) = &self.setup_error {
                    widgets::error_ui(ui, error);
                }
            });
        });
    }

    fn planned(&self) -> Result<Duration, String> {
        match self.length {
            Length::Quick(d) => Ok(d),
            Length::Custom if self.custom_minutes.trim().is_empty() => {
                Err("Type how many minutes, for example 15.".to_owned())
            }
            Length::Custom => parse_heat_minutes(&self.custom_minutes)
                .map(|m| Duration::from_secs(u64::from(m) * 60))
                .map_err(|e| widgets::sentence(&e.to_string())),
        }
    }

    fn start(&mut self, planned: Duration, now: &Now) {
        let elsewhere = self.elsewhere.trim();
        let area = if elsewhere.is_empty() {
            self.area.map(|a| a.label().to_owned())
        } else {
            Some(elsewhere.to_owned())
        };
        self.running = Some(timer::RunningHeat::start(
            planned,
            self.heat_type,
            area,
            now,
        ));
        self.setup_error = None;
        self.last.clear();
    }
}

/// The title and details of the card for a heat session that ended.
fn card_words(session: &Session) -> (String, String) {
    if session.capped {
        (
            "Heat stopped at the 30-minute limit".to_owned(),
            "The timer ended the session for you. Longer heat risks skin irritation \
             and burns, so please take the pack off if it is still on."
                .to_owned(),
        )
    } else {
        (
            "Heat session done".to_owned(),
            widgets::sentence(&format!(
                "{} of heat",
                widgets::duration_text(session.duration_secs)
            )),
        )
    }
}

/// Short safety guidance, always on the screen.
fn guidance_ui(ui: &mut Ui) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "Using heat safely");
        for line in [
            "Heat suits everyday muscle tension: it eases tight muscles and brings blood to them.",
            "Ice is for a fresh injury instead, such as a sprain or swelling in the first one \
             or two days.",
            "15 to 20 minutes is enough. Longer can irritate or burn the skin.",
            "Never sleep with a heat pack on.",
        ] {
            ui.label(format!("• {line}"));
        }
    });
}

impl OnEvent for HeatScreen {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        match event {
            Event::SessionSaved {
                origin: origin @ (Origin::HeatTimer | Origin::HeatLog),
                session,
                result,
            } => self.save_result(*origin, session, result.clone()),
            Event::FeelAfterSaved {
                origin: Origin::HeatTimer | Origin::HeatLog,
                result,
            } => self.feel_result(result.clone()),
            _ => {}
        }
        None
    }
}
