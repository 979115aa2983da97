//! "I used a heat pack earlier": what a heat session logged by hand adds to
//! the shared form, the kind of pack and where it went. History uses it too,
//! to change a saved heat session.

use egui::Ui;

use super::super::session_log::{EntryKind, Wording};
use super::super::widgets;
use crate::domain::DomainError;
use crate::domain::heat::{self, HeatType, parse_heat_minutes};
use crate::domain::session::{Session, SessionKind};
use crate::ui::command::Origin;

pub struct HeatEntry {
    /// `None` only for a saved session that did not say, which keeps what it has.
    heat_type: Option<HeatType>,
    area: String,
}

impl Default for HeatEntry {
    fn default() -> Self {
        Self {
            heat_type: Some(HeatType::Moist),
            area: String::new(),
        }
    }
}

impl HeatEntry {
    /// The choices a saved heat session made, to change them.
    pub fn from_session(session: &Session) -> Self {
        Self {
            heat_type: session
                .heat_type
                .as_deref()
                .and_then(|code| HeatType::from_code(code).ok()),
            area: session.area.clone().unwrap_or_default(),
        }
    }
}

impl EntryKind for HeatEntry {
    const WORDING: Wording = Wording {
        title: "I used a heat pack earlier",
        hint: "For heat used away from the computer.",
        minutes_label: "Minutes of heat",
        minutes_example: "15",
        minutes_missing: "Type how many minutes the pack was on, for example 15.",
        button: "Log heat session",
    };
    const ORIGIN: Origin = Origin::HeatLog;

    fn session_kind(&self) -> SessionKind {
        SessionKind::Heat
    }

    fn noun(&self) -> String {
        "heat".to_owned()
    }

    fn parse_minutes(&self, text: &str) -> Result<u32, DomainError> {
        parse_heat_minutes(text)
    }

    fn fields_below_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Kind of heat");
            egui::ComboBox::from_id_salt("heat_kind")
                .selected_text(self.heat_type.map_or("Not said", HeatType::label))
                .show_ui(ui, |ui| {
                    for t in HeatType::ALL {
                        ui.selectable_value(&mut self.heat_type, Some(t), t.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        // A row of its own, so the box keeps a width to type in.
        ui.horizontal(|ui| {
            widgets::text_field_ui(
                ui,
                "Where",
                egui::TextEdit::singleline(&mut self.area)
                    .hint_text("e.g. between the shoulder blades")
                    .desired_width(ui.available_width().min(240.0))
                    .char_limit(100),
            );
        });
    }

    fn fill(&self, session: &mut Session) {
        if let Some(heat_type) = self.heat_type {
            session.heat_type = Some(heat_type.code().to_owned());
        }
        let area = self.area.trim();
        session.area = (!area.is_empty()).then(|| area.to_owned());
    }

    fn logged_text(&self, session: &Session, start_time: &str) -> String {
        let mut text = format!(
            "Logged {} of heat, {} at {}.",
            widgets::duration_text(session.duration_secs),
            session.date.format("%A %-d %B"),
            start_time
        );
        if u64::from(session.duration_secs) > heat::CAP.as_secs() {
            text.push_str(
                " More than 30 minutes of heat at a time can burn the skin; the timer on this \
                 screen stops at 30.",
            );
        }
        text
    }
}
