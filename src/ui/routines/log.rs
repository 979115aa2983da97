//! "Log without the player": what a session done away from the computer,
//! self-massage included, adds to the shared form: which routine it was.
//! History uses it too, to change a saved routine or self-massage session.

use egui::Ui;

use super::super::session_log::{EntryKind, Wording};
use super::super::widgets;
use crate::domain::DomainError;
use crate::domain::exercise::{RoutineTemplate, templates};
use crate::domain::session::{Session, SessionKind, parse_minutes};
use crate::ui::command::Origin;

/// What was done.
#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    Template(&'static RoutineTemplate),
    /// A routine of the person's own, kept by name: offered only when
    /// changing a saved session that has one.
    Own {
        kind: SessionKind,
        name: String,
    },
    Kind(SessionKind),
}

impl What {
    fn label(&self) -> &str {
        match self {
            What::Template(t) => t.name,
            What::Own { name, .. } => name,
            What::Kind(SessionKind::Strength) => "Other strengthening",
            What::Kind(SessionKind::Massage) => "Self-massage",
            What::Kind(_) => "Other stretching",
        }
    }

    fn kind(&self) -> SessionKind {
        match self {
            What::Template(t) => t.kind,
            What::Own { kind, .. } | What::Kind(kind) => *kind,
        }
    }

    fn routine(&self) -> &str {
        match self {
            What::Template(t) => t.name,
            What::Own { name, .. } => name,
            What::Kind(_) => "",
        }
    }
}

pub struct RoutineEntry {
    what: What,
    /// The saved session's own routine, when changing one that has it.
    own: Option<What>,
}

impl Default for RoutineEntry {
    fn default() -> Self {
        Self {
            what: templates()
                .first()
                .map_or(What::Kind(SessionKind::Stretch), What::Template),
            own: None,
        }
    }
}

impl RoutineEntry {
    /// What a saved session was, to change it.
    pub fn from_session(session: &Session) -> Self {
        let template = templates()
            .iter()
            .find(|t| t.name == session.routine && t.kind == session.kind);
        let what = match template {
            Some(t) => What::Template(t),
            None if session.routine.is_empty() => What::Kind(session.kind),
            None => What::Own {
                kind: session.kind,
                name: session.routine.clone(),
            },
        };
        let own = matches!(what, What::Own { .. }).then(|| what.clone());
        Self { what, own }
    }

    /// Every choice: the ready routines, the session's own one if any, the kinds.
    fn choices(&self) -> Vec<What> {
        let mut all: Vec<What> = templates().iter().map(What::Template).collect();
        all.extend(self.own.clone());
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
}

impl EntryKind for RoutineEntry {
    const WORDING: Wording = Wording {
        title: "Log a session done without the player",
        hint: "Stretched at the office, or used a ball against the wall? Add it here.",
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
            for what in self.choices() {
                if widgets::choice_ui(ui, self.what == what, what.label()).clicked() {
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
