//! A heat session in progress: the countdown, the end cue, +5 minutes, the
//! warning past 20 minutes, and the 30-minute cap that ends it unattended.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::super::when::Now;
use super::super::{theme, widgets};
use crate::domain::clock::Moment;
use crate::domain::heat::{CAP, HeatOutcome, HeatState, HeatTimer, HeatType};
use crate::domain::session::{Session, SessionKind};
use crate::notify::{Notice, Notifier, Sound};
use crate::preferences::Sounds;

/// How much "+5 min" adds.
const EXTEND_BY: Duration = Duration::from_secs(5 * 60);

/// Written on a session the cap ended.
pub const CAPPED_NOTE: &str = "Stopped by the 30-minute safety limit.";

/// What happened on a tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticked {
    Nothing,
    /// The planned time just ran out.
    TimeUp,
    /// The safety cap was reached: the session is over.
    Capped,
}

pub struct RunningHeat {
    timer: HeatTimer,
    started_at: DateTime<Utc>,
    date: NaiveDate,
    heat_type: HeatType,
    area: Option<String>,
    /// The "time's up" notice went out for the current plan.
    told_time_up: bool,
}

impl RunningHeat {
    pub fn start(planned: Duration, heat_type: HeatType, area: Option<String>, now: &Now) -> Self {
        Self {
            timer: HeatTimer::start(planned, now.moment),
            started_at: now.utc(),
            date: now.today(),
            heat_type,
            area,
            told_time_up: false,
        }
    }

    /// Tells the user once when the plan runs out, and reports the cap.
    pub fn tick(&mut self, now: &Now, notifier: &dyn Notifier, sounds: Sounds) -> Ticked {
        match self.timer.state(now.moment) {
            HeatState::Running { .. } => Ticked::Nothing,
            HeatState::Done { .. } if self.told_time_up => Ticked::Nothing,
            HeatState::Done { .. } => {
                self.told_time_up = true;
                let body = format!(
                    "{} is enough. Take the pack off now to spare your skin.",
                    widgets::duration_text(secs(self.timer.planned()))
                );
                notifier.notify(
                    &Notice::new("Heat pack: time's up", &body)
                        .with_sound(Sound::TimerElapsed, sounds),
                );
                Ticked::TimeUp
            }
            HeatState::Capped => {
                notifier.notify(
                    &Notice::new(
                        "Heat pack: stopped at 30 minutes",
                        "Please take the pack off now. The session was logged.",
                    )
                    .with_sound(Sound::TimerElapsed, sounds),
                );
                Ticked::Capped
            }
        }
    }

    pub fn next_deadline(&self, now: Moment) -> Option<Duration> {
        self.timer.next_deadline(now)
    }

    /// Whole seconds with the pack on, never more than the cap.
    pub fn elapsed_secs(&self, now: Moment) -> u32 {
        secs(self.timer.elapsed(now))
    }

    /// Ends the session and turns it into a log entry.
    pub fn finish(self, now: &Now) -> (Session, HeatOutcome) {
        let outcome = self.timer.stop(now.moment);
        let mut session = Session::new(
            SessionKind::Heat,
            self.started_at,
            self.date,
            outcome.duration_secs(),
        );
        session.heat_type = Some(self.heat_type.code().to_owned());
        session.area = self.area;
        session.capped = outcome.capped;
        if outcome.capped {
            session.note = CAPPED_NOTE.to_owned();
        }
        (session, outcome)
    }

    /// One line for the navigation while heat is on.
    pub fn status(&self, now: Moment) -> String {
        match self.timer.state(now) {
            HeatState::Running { remaining } => {
                format!("Heat: {} left", widgets::clock_text(ceil_secs(remaining)))
            }
            _ => "Heat: time's up".to_owned(),
        }
    }

    /// Draws the timer; returns true when the user stops it.
    pub fn ui(&mut self, ui: &mut Ui, now: &Now) -> bool {
        let mut stop = false;
        let state = self.timer.state(now.moment);
        let time_up = !matches!(state, HeatState::Running { .. });
        let frame = if time_up {
            theme::cue_card(ui)
        } else {
            theme::card(ui)
        };
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut about = vec![self.heat_type.label().to_owned()];
            about.extend(self.area.clone());
            let started = self.started_at.with_timezone(now.local.offset());
            about.push(format!("on since {}", started.format("%H:%M")));
            widgets::hint_ui(ui, &about.join(" · "));
            let planned = widgets::duration_text(secs(self.timer.planned()));
            match state {
                HeatState::Running { remaining } => widgets::countdown_ui(
                    ui,
                    ceil_secs(remaining),
                    theme::palette(ui.ctx()).accent,
                    &format!("left of {planned}"),
                ),
                HeatState::Done { overrun } => {
                    ui.vertical_centered(|ui| {
                        ui.label(
                            RichText::new("Time's up: take the pack off now.")
                                .size(24.0)
                                .strong()
                                .color(theme::palette(ui.ctx()).ok_text),
                        );
                    });
                    widgets::countdown_ui(
                        ui,
                        secs(overrun),
                        theme::palette(ui.ctx()).ok_text,
                        &format!("over the planned {planned}"),
                    );
                }
                HeatState::Capped => {}
            }
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                let can_extend = self.timer.can_extend();
                let extend = ui
                    .add_enabled(can_extend, egui::Button::new("+5 min"))
                    .on_hover_text("Keep the pack on for five more minutes")
                    .on_disabled_hover_text(
                        "Unknot ends every heat session at 30 minutes, so there is no more \
                         time to add",
                    );
                if extend.clicked() {
                    self.timer.extend(EXTEND_BY);
                    self.told_time_up = false;
                }
                if ui
                    .button("Stop and save")
                    .on_hover_text("The pack is off: log this session")
                    .clicked()
                {
                    stop = true;
                }
            });
        });
        if self.timer.warns() {
            ui.add_space(theme::GAP);
            theme::warning_card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(
                        "Past 20 minutes, heat can irritate or even burn the skin. \
                         Take the pack off at once if it stings or the skin turns very red.",
                    )
                    .color(theme::palette(ui.ctx()).warn_text),
                );
                ui.label(
                    RichText::new(format!(
                        "Unknot ends every heat session at {} minutes.",
                        CAP.as_secs() / 60
                    ))
                    .color(theme::palette(ui.ctx()).warn_text),
                );
            });
        }
        stop
    }
}

fn secs(d: Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}

/// Whole seconds rounded up: what a countdown shows.
fn ceil_secs(d: Duration) -> u32 {
    secs(d).saturating_add(u32::from(d.subsec_nanos() > 0))
}
