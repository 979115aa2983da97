//! The guided player: the current exercise and its steps, a large countdown
//! for each hold, side switches, and pause / skip / stop.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::super::when::Now;
use super::super::{theme, widgets};
use crate::domain::clock::Moment;
use crate::domain::exercise::Routine;
use crate::domain::routine::{Cue, Phase, PlayerEvent, PlayerView, RoutinePlayer, into_session};
use crate::domain::session::Session;

/// How long the card stays green after a hold ends.
const HOLD_CUE: Duration = Duration::from_secs(3);

/// What the user asked for on the player.
pub enum Action {
    /// Stop now and log what was done.
    Stop,
}

/// What happened on a tick.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ticked {
    /// A hold ended (worth the user's attention if the window is in the background).
    pub hold_ended: bool,
    /// The routine reached its end.
    pub finished: bool,
}

/// A routine being played.
pub struct ActivePlayer {
    player: RoutinePlayer,
    started_at: DateTime<Utc>,
    date: NaiveDate,
    /// When the last hold ended, for the brief "hold complete" cue.
    hold_ended_at: Option<Moment>,
}

impl ActivePlayer {
    pub fn start(routine: Routine, now: &Now) -> Self {
        Self {
            player: RoutinePlayer::start(routine, now.moment),
            started_at: now.utc(),
            date: now.today(),
            hold_ended_at: None,
        }
    }

    /// Brings the player up to `now`.
    pub fn tick(&mut self, now: &Now) -> Ticked {
        let events = self.player.tick(now.moment);
        self.note(&events, now);
        Ticked {
            hold_ended: events
                .iter()
                .any(|e| matches!(e, PlayerEvent::HoldEnded { .. })),
            finished: self.player.is_over(now.moment),
        }
    }

    /// When the countdown on screen next changes.
    pub fn next_deadline(&self, now: Moment) -> Option<Duration> {
        self.player.next_deadline(now)
    }

    /// Ends the run (stopped, or already finished) and turns it into a session.
    pub fn finish(mut self, now: &Now) -> (Session, u32) {
        let summary = self.player.stop(now.moment);
        let holds_done = summary.exercises.iter().map(|e| e.holds_done).sum();
        let routine = self.player.routine();
        let session = into_session(
            summary,
            routine.kind(),
            self.started_at,
            self.date,
            routine.name(),
        );
        (session, holds_done)
    }

    /// The holds done by `now`, and the holds planned.
    pub fn holds(&self, now: Moment) -> (u32, u32) {
        let summary = self.player.summary(now);
        let rows = summary.exercises.iter();
        rows.fold((0, 0), |(done, planned), e| {
            (done + e.holds_done, planned + e.holds_planned)
        })
    }

    /// The name of the routine being played.
    pub fn name(&self) -> &str {
        self.player.routine().name()
    }

    /// One line for the navigation while a routine runs.
    pub fn status(&self, now: Moment) -> String {
        let view = self.player.view(now);
        // The countdown is the step's, not the routine's: say which.
        let clock = widgets::clock_text(view.secs_remaining);
        match view.phase {
            _ if view.paused => "Routine paused".to_owned(),
            Phase::Prepare => format!("Routine: ready in {clock}"),
            Phase::Hold => format!("Routine: hold {clock}"),
            Phase::Done => "Routine done".to_owned(),
        }
    }

    fn note(&mut self, events: &[PlayerEvent], now: &Now) {
        if events
            .iter()
            .any(|e| matches!(e, PlayerEvent::HoldEnded { .. }))
        {
            self.hold_ended_at = Some(now.moment);
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, now: &Now) -> Option<Action> {
        let view = self.player.view(now.moment);
        let mut action = None;
        let just_held = view.phase == Phase::Prepare
            && self
                .hold_ended_at
                .is_some_and(|at| now.moment.saturating_duration_since(at) < HOLD_CUE);

        ui.horizontal(|ui| {
            ui.heading(self.player.routine().name());
            ui.label(
                RichText::new(format!(
                    "Exercise {} of {}",
                    view.exercise_number, view.exercise_count
                ))
                .color(theme::palette(ui.ctx()).muted),
            );
        });
        let percent = (view.progress * 100.0).round();
        widgets::meter_ui(
            ui,
            view.progress,
            360.0,
            &format!("{percent}% of the routine"),
        );
        ui.add_space(theme::GAP);

        let frame = if just_held {
            theme::cue_card(ui)
        } else {
            theme::card(ui)
        };
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            countdown_ui(ui, &view, just_held);
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                let pause = if view.paused { "Resume" } else { "Pause" };
                if ui.button(pause).clicked() {
                    if view.paused {
                        self.player.resume(now.moment);
                    } else {
                        self.player.pause(now.moment);
                    }
                }
                if ui
                    .button("Skip exercise")
                    .on_hover_text("Move on; the holds left in this exercise count as not done")
                    .clicked()
                {
                    let events = self.player.skip(now.moment);
                    self.note(&events, now);
                }
                if ui
                    .button("Stop and save")
                    .on_hover_text("End here and log the holds done so far")
                    .clicked()
                {
                    action = Some(Action::Stop);
                }
            });
        });
        ui.add_space(theme::GAP);

        if let Some(exercise) = view.exercise {
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                widgets::section_title_ui(ui, exercise.name);
                widgets::hint_ui(ui, exercise.summary);
                ui.add_space(4.0);
                for (n, step) in exercise.steps.iter().enumerate() {
                    ui.label(format!("{}. {step}", n + 1));
                }
                ui.add_space(4.0);
                for caution in exercise.cautions {
                    ui.label(
                        RichText::new(format!("• {caution}")).color(theme::palette(ui.ctx()).muted),
                    );
                }
            });
        }
        action
    }
}

/// The cue, the side and the big countdown.
fn countdown_ui(ui: &mut Ui, view: &PlayerView, just_held: bool) {
    let side = view.side.map(|s| s.label());
    // The side is named once, on the line below the cue.
    let cue = match (view.cue, view.exercise) {
        (Cue::Hold, Some(exercise)) => exercise.during,
        (cue, _) => cue.label(),
    };
    ui.vertical_centered(|ui| {
        // The line is there whether or not it says anything, so the cue,
        // the countdown and the buttons below never move when it appears.
        let done = RichText::new("Hold complete. Release slowly.")
            .size(18.0)
            .strong()
            .color(theme::palette(ui.ctx()).ok_text);
        if just_held {
            ui.label(done);
        } else {
            let galley = egui::WidgetText::from(done).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            ui.allocate_space(galley.size());
        }
        let colour = if view.phase == Phase::Hold {
            theme::palette(ui.ctx()).accent
        } else {
            theme::palette(ui.ctx()).text
        };
        ui.label(RichText::new(cue).size(22.0).strong().color(colour));
        let mut where_ = Vec::new();
        if let Some(side) = side {
            where_.push(side.to_owned());
        }
        if view.reps > 1 {
            let round = if where_.is_empty() { "Round" } else { "round" };
            where_.push(format!("{round} {} of {}", view.rep, view.reps));
        }
        if !where_.is_empty() {
            ui.label(RichText::new(where_.join(" · ")).size(16.0));
        }
    });
    let (colour, caption) = match (view.paused, view.phase) {
        (true, _) => (theme::palette(ui.ctx()).muted, "Paused"),
        (false, Phase::Hold) => (theme::palette(ui.ctx()).accent, "left in this hold"),
        (false, _) => (theme::palette(ui.ctx()).muted, "until the hold starts"),
    };
    widgets::countdown_ui(ui, view.secs_remaining, colour, caption);
}
