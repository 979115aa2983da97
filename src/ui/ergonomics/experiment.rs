//! From a checklist item just turned "yes" to an experiment, in one click:
//! "Try it as an experiment (14 days)" beside the answer, starting today
//! under the item's short name, so Progress can later say whether the
//! change went with less pain.

use std::collections::HashMap;

use egui::{Role, Ui, WidgetInfo};

use crate::domain::checklist::{Answer, ChecklistItem};
use crate::domain::experiment::{DEFAULT_PLANNED_DAYS, Experiment, ExperimentKind, MAX_NAME_CHARS};
use crate::ui::command::Command;
use crate::ui::event::Event;
use crate::ui::screen::Screen;
use crate::ui::when::Now;
use crate::ui::widgets;

/// The offer's words on its button.
pub const OFFER: &str = "Try it as an experiment (14 days)";

/// Where one item's offer stands.
enum Offer {
    Open,
    /// Asked for; the app has not answered yet.
    Asked,
    Started(String),
    Refused(String),
}

/// The offers made on this screen, by item id.
#[derive(Default)]
pub(super) struct Offers {
    by_item: HashMap<&'static str, Offer>,
    /// The item whose experiment the app is starting.
    waiting: Option<&'static str>,
}

impl Offers {
    /// The answer to `item` was changed from `before` to `after`: a move
    /// to "yes" from "not yet" or from no answer makes the offer; a move
    /// away from "yes" takes it back.
    pub(super) fn answered(
        &mut self,
        item: &'static ChecklistItem,
        before: Option<Answer>,
        after: Answer,
    ) {
        match (before, after) {
            (None | Some(Answer::NotYet), Answer::Yes) => {
                self.by_item.insert(item.id, Offer::Open);
            }
            (_, Answer::Yes) => {}
            _ => {
                self.by_item.remove(item.id);
            }
        }
    }

    /// Whether an offer is made for the item with this id (or was, and
    /// what became of it is shown).
    pub(super) fn has(&self, item: &str) -> bool {
        self.by_item.contains_key(item)
    }

    /// The answer to the item with this id could not be saved: no offer.
    pub(super) fn answer_failed(&mut self, item: &str) {
        self.by_item.remove(item);
    }

    pub(super) fn on_event(&mut self, event: &Event) {
        let Event::ExperimentStarted {
            from: Screen::Ergonomics,
            result,
        } = event
        else {
            return;
        };
        let Some(item) = self.waiting.take() else {
            return;
        };
        let offer = match result {
            Ok(stored) => Offer::Started(format!(
                "Started \"{}\" until {}.",
                stored.record.name,
                stored.record.planned_end().format("%-d %B")
            )),
            Err(why) => Offer::Refused(format!("Not started: {why}")),
        };
        self.by_item.insert(item, offer);
    }

    /// The offer for `item`, if one is made: its button, or what became
    /// of it in its place.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        item: &'static ChecklistItem,
        now: &Now,
    ) -> Option<Command> {
        match self.by_item.get(item.id)? {
            Offer::Open => {}
            Offer::Asked => {
                // Kept the size of the button, so nothing moves meanwhile.
                ui.add_enabled(false, egui::Button::new(OFFER));
                return None;
            }
            Offer::Started(text) => {
                widgets::success_ui(ui, text);
                return None;
            }
            Offer::Refused(text) => {
                widgets::error_ui(ui, text);
                return None;
            }
        }
        let name = short_name(item);
        let button = ui.button(OFFER).on_hover_text(format!(
            "Unknot compares your pain over the next 14 days with the 14 days before, \
             under the name \"{name}\"."
        ));
        let label = format!("{OFFER}: {name}");
        button.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        if !button.clicked() {
            return None;
        }
        let today = now.today();
        let experiment = Experiment {
            name,
            kind: ExperimentKind::Workstation,
            start: today,
            planned_days: DEFAULT_PLANNED_DAYS,
            stopped_on: None,
            created_at: now.utc(),
        };
        if let Err(e) = experiment.validate(today) {
            let why = widgets::sentence(&e.to_string());
            self.by_item
                .insert(item.id, Offer::Refused(format!("Not started: {why}")));
            return None;
        }
        self.by_item.insert(item.id, Offer::Asked);
        self.waiting = Some(item.id);
        Some(Command::StartExperiment {
            experiment,
            from: Screen::Ergonomics,
        })
    }
}

/// A short name for the change an item asks for, as an experiment's name.
pub(super) fn short_name(item: &ChecklistItem) -> String {
    let short = match item.id {
        "monitor_eye_level" => "Screen at eye level",
        "monitor_arm_length" => "Screen at arm's length",
        "chair_feet_flat" => "Feet flat on the floor",
        "chair_knees_right_angle" => "Knees at a right angle",
        "chair_lower_back" => "Lower back supported",
        "input_close" => "Keyboard and mouse close",
        "input_elbows_relaxed" => "Elbows resting by my sides",
        "input_wrists_straight" => "Straight wrists",
        "habit_posture_check" => "Regular posture checks",
        "habit_hourly_break" => "Up once an hour",
        // An item added later: its statement, as short as a name may be.
        _ => {
            return item
                .text
                .trim_end_matches('.')
                .chars()
                .take(MAX_NAME_CHARS)
                .collect();
        }
    };
    short.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::items;

    #[test]
    fn every_item_has_a_short_name_of_its_own() {
        let mut names: Vec<String> = items().iter().map(short_name).collect();
        for name in &names {
            assert!(name.chars().count() <= 40, "{name} is long for a name");
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), items().len(), "no two items share a name");
    }
}
