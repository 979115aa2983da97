//! The fields of a check-in (pain, stress, where, the note, the warning
//! signs), shared by Today's form and History's editor so that a check-in
//! reads and is checked the same wherever it is changed.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{Key, Ui};

use super::{keyboard, theme, widgets};
use crate::domain::pain::{Area, CheckIn, MAX_NOTE_CHARS, Rating, RedFlags, check_note};

/// What the fields hold, kept exactly as typed until saved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckInFields {
    pub pain: Option<Rating>,
    pub stress: Option<Rating>,
    pub areas: BTreeSet<Area>,
    pub red_flags: RedFlags,
    pub note: String,
}

impl CheckInFields {
    pub fn from_checkin(c: &CheckIn) -> Self {
        Self {
            pain: Some(c.pain),
            stress: c.stress,
            areas: c.areas.iter().copied().collect(),
            red_flags: c.red_flags,
            note: c.note.clone(),
        }
    }

    /// The check-in the fields describe for `date`, recorded at `now`, or
    /// what is wrong with it.
    pub fn checkin(&self, date: NaiveDate, now: DateTime<Utc>) -> Result<CheckIn, String> {
        let pain = self
            .pain
            .ok_or_else(|| "Choose a pain rating from 0 to 10 first.".to_owned())?;
        let note = self.note.trim().to_owned();
        check_note(&note).map_err(|e| widgets::sentence(&e.to_string()))?;
        Ok(CheckIn {
            date,
            recorded_at: now,
            pain,
            stress: self.stress,
            areas: self.areas.iter().copied().collect(),
            red_flags: self.red_flags,
            note,
        })
    }

    /// Draws the fields as three cards; returns true when Enter was pressed
    /// in the note, which saves.
    pub fn ui(&mut self, ui: &mut Ui) -> bool {
        let mut enter_in_note = false;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "How much does your upper back hurt?");
            widgets::hint_ui(
                ui,
                "Click a number or type it: 0 is no pain, 10 the worst pain imaginable.",
            );
            let pain = widgets::rating_scale_ui(
                ui,
                "Pain",
                &mut self.pain,
                false,
                ("0 = no pain", "10 = worst imaginable"),
            );
            // The rating is what the form is for: the keyboard starts there.
            keyboard::claim_focus_start(ui, &pain.response);
            ui.add_space(theme::GAP);
            widgets::section_title_ui(ui, "How stressed do you feel?");
            widgets::hint_ui(ui, "Optional. Stress keeps shoulder muscles tight.");
            widgets::rating_scale_ui(
                ui,
                "Stress",
                &mut self.stress,
                true,
                ("0 = calm", "10 = extremely stressed"),
            );
        });
        ui.add_space(theme::GAP);

        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Where is it? (optional)");
            ui.horizontal_wrapped(|ui| {
                for area in Area::ALL {
                    let mut on = self.areas.contains(&area);
                    if ui.checkbox(&mut on, area.label()).changed() {
                        if on {
                            self.areas.insert(area);
                        } else {
                            self.areas.remove(&area);
                        }
                    }
                }
            });
            ui.add_space(4.0);
            let label = ui.label("Note");
            let note = ui
                .add(
                    egui::TextEdit::singleline(&mut self.note)
                        .hint_text("Anything worth remembering, such as a long day at the desk")
                        .desired_width(f32::INFINITY)
                        .char_limit(MAX_NOTE_CHARS),
                )
                .labelled_by(label.id);
            enter_in_note = note.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        });
        ui.add_space(theme::GAP);

        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Warning signs");
            widgets::hint_ui(ui, "Tick any that are true for you today.");
            let flags = &mut self.red_flags;
            ui.checkbox(
                &mut flags.arm_symptoms,
                "Numbness, tingling or weakness running into my arms or fingers",
            );
            ui.checkbox(
                &mut flags.after_impact,
                "The pain started after a fall, an accident or a knock",
            );
            ui.checkbox(&mut flags.fever, "I have a fever or chills with the pain");
        });
        enter_in_note
    }
}
