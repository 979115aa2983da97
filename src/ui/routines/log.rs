//! "Log without the player": what a session done away from the computer,
//! self-massage included, adds to the shared form: which routine it was.

use egui::Ui;

use super::super::session_log::{EntryKind, Wording};
use super::super::widgets;
use crate::domain::DomainError;
use crate::domain::exercise::{RoutineTemplate, templates};
use crate::domain::session::{Session, SessionKind, parse_minutes};
use crate::ui::command::Origin;

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

pub struct RoutineEntry {
    what: What,
}

impl Default for RoutineEntry {
    fn default() -> Self {
        Self {
            what: choices()
                .first()
                .copied()
                .unwrap_or(What::Kind(SessionKind::Stretch)),
        }
    }
}

impl EntryKind for RoutineEntry {
    const WORDING: Wording = Wording {
        title: "Log a session done without the player",
        hint: "Stretched at the office, or used a ball against the wall? Add it here.",
        start_example: "15:00",
        minutes_label: "Minutes",
        minutes_example: "10",
        minutes_missing: "Type how many minutes it lasted, for example 10.",
        button: "Log session",
    };
    const ORIGIN: Origin = Origin::RoutineLog;

    fn session_kind(&self) -> SessionKind {
        self.what.kind()
    }

    fn noun(&self) -> String {
        self.what.kind().label().to_lowercase()
    }

    fn parse_minutes(&self, text: &str) -> Result<u32, DomainError> {
        parse_minutes(text)
    }

    fn fields_above_ui(&mut self, ui: &mut Ui) {
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
    }

    fn fill(&self, session: &mut Session) {
        session.routine = self.what.routine().to_owned();
    }

    fn logged_text(&self, session: &Session, start_time: &str) -> String {
        format!(
            "Logged: {}, {}, {} at {}.",
            self.what.label(),
            widgets::duration_text(session.duration_secs),
            session.date.format("%A %-d %B"),
            start_time,
        )
    }
}
