//! The weekly function check on Today: naming up to three activities the
//! back makes hard, and once a week a 0-10 score for each. Shown at the
//! top while it is due; otherwise a link at the bottom opens it there.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::super::command::Command;
use super::super::data::Data;
use super::super::event::Event;
use super::super::when::Now;
use super::super::{theme, widgets};
use crate::domain::function_check::{
    INTERVAL_DAYS, MAX_ACTIVITIES, MAX_NAME_CHARS, check_answers, check_new_activity,
};
use crate::domain::pain::Rating;

/// Where the card is drawn on this visit to Today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Above the check-in: the check is due.
    Top,
    /// Where the link was, below the check-in.
    Bottom,
}

/// What was asked of the app and not answered yet.
enum Asked {
    Add,
    /// Take off the list: the activity's uid and name.
    Remove(String, String),
    /// Put back on the list (undo).
    PutBack,
    Save(NaiveDate),
}

enum Message {
    Saved(String),
    Error(String),
}

#[derive(Default)]
pub(super) struct FunctionCheck {
    /// Scores chosen so far, by activity uid.
    scores: BTreeMap<String, Rating>,
    /// The name being typed for a new activity.
    new_name: String,
    add_error: Option<String>,
    asked: Option<Asked>,
    /// Beside the save button.
    message: Option<Message>,
    /// Where the card shows on this visit; `None` until it does.
    pub(super) place: Option<Place>,
    /// Whether one of its scales had the keyboard in the last frame.
    focused: bool,
    /// The activity last taken off the list on this visit (uid, name), to
    /// put back with Undo.
    removed: Option<(String, String)>,
}

impl FunctionCheck {
    /// A new visit to Today: the card shows again only if it is due.
    pub(super) fn new_visit(&mut self) {
        let keep_name = std::mem::take(&mut self.new_name);
        *self = Self::default();
        self.new_name = keep_name;
    }

    pub(super) fn has_focus(&self) -> bool {
        self.focused
    }

    pub(super) fn on_event(&mut self, event: &Event) {
        let Event::FunctionCheckSaved(result) = event else {
            return;
        };
        let Some(asked) = self.asked.take() else {
            return;
        };
        match (asked, result) {
            (Asked::Add, Ok(())) => {
                self.new_name.clear();
                self.add_error = None;
            }
            (Asked::Add, Err(why)) => self.add_error = Some(format!("Not added: {why}")),
            (Asked::Remove(uid, name), Ok(())) => {
                self.scores.remove(&uid);
                self.removed = Some((uid, name));
            }
            (Asked::Remove(..), Err(why)) => {
                self.add_error = Some(format!("Not removed: {why}"));
            }
            (Asked::PutBack, Ok(())) => self.removed = None,
            (Asked::PutBack, Err(why)) => {
                self.add_error = Some(format!("Not put back: {why}"));
            }
            (Asked::Save(date), Ok(())) => {
                let next = date
                    .checked_add_days(Days::new(INTERVAL_DAYS.unsigned_abs()))
                    .unwrap_or(date);
                self.message = Some(Message::Saved(format!(
                    "Saved. The next check is on {}.",
                    next.format("%A %-d %B")
                )));
            }
            (Asked::Save(_), Err(why)) => {
                self.message = Some(Message::Error(format!("Not saved: {why}")));
            }
        }
    }

    /// The card: the activities with a scale each, a field to name one
    /// more, and Save.
    pub(super) fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let mut command = None;
        self.focused = false;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Weekly function check");
            let hint = if data.helps.active_activities().next().is_some() {
                "Once a week: how well can you do each of these now?"
            } else {
                "Name up to three everyday activities your back makes hard. Once a week, \
                 score how well you can do each one: it shows changes a pain score can miss."
            };
            widgets::hint_ui(ui, hint);
            ui.add_space(4.0);
            if let Some(c) = self.add_ui(ui, data) {
                command = Some(c);
            }
            if let Some(c) = self.removed_ui(ui) {
                command = Some(c);
            }
            if let Some(c) = self.scores_ui(ui, data, now) {
                command = Some(c);
            }
        });
        command
    }

    /// The field to name an activity, kept in place (greyed) once three
    /// are named, so nothing below it moves.
    fn add_ui(&mut self, ui: &mut Ui, data: &Data) -> Option<Command> {
        let active = data.helps.active_activities().count();
        let room = active < MAX_ACTIVITIES;
        let mut command = None;
        ui.add_enabled_ui(room, |ui| {
            ui.horizontal_wrapped(|ui| {
                let field = widgets::text_field_ui(
                    ui,
                    "An activity your back makes hard",
                    egui::TextEdit::singleline(&mut self.new_name)
                        .hint_text("For example: a two-hour meeting without moving")
                        .desired_width(ui.available_width().clamp(160.0, 420.0))
                        .char_limit(MAX_NAME_CHARS),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if ui.button("Add").clicked() || entered {
                    let name = self.new_name.trim().to_owned();
                    match check_new_activity(&name, &data.helps.activities) {
                        Ok(()) => {
                            self.add_error = None;
                            self.asked = Some(Asked::Add);
                            command = Some(Command::AddFunctionActivity(name));
                        }
                        Err(e) => self.add_error = Some(widgets::sentence(&e.to_string())),
                    }
                }
            });
        });
        if !room {
            widgets::hint_ui(ui, "Three is the most: remove one to name another.");
        }
        if let Some(error) = &self.add_error {
            widgets::error_ui(ui, error);
        }
        command
    }

    /// The activity just taken off the list, with Undo.
    fn removed_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let (uid, name) = self.removed.as_ref()?;
        let mut command = None;
        ui.horizontal_wrapped(|ui| {
            widgets::hint_ui(
                ui,
                &format!("Took \"{name}\" off the list; its scores stay in your log."),
            );
            let undo = ui.button("Undo");
            let label = format!("Put \"{name}\" back on the list");
            undo.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
            if undo.clicked() {
                self.asked = Some(Asked::PutBack);
                command = Some(Command::PutBackFunctionActivity(uid.clone()));
            }
        });
        command
    }

    /// A scale for each activity on the list, then Save.
    fn scores_ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let mut command = None;
        let activities: Vec<_> = data.helps.active_activities().cloned().collect();
        if activities.is_empty() {
            return None;
        }
        for activity in &activities {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&activity.name).strong());
                let remove = ui.button("Remove");
                let name = format!("Remove {}", activity.name);
                remove.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
                if remove.clicked() {
                    let asked = Asked::Remove(activity.uid.clone(), activity.name.clone());
                    self.asked = Some(asked);
                    command = Some(Command::RetireFunctionActivity(activity.uid.clone()));
                }
            });
            let mut score = self.scores.get(&activity.uid).copied();
            let scale = widgets::rating_scale_ui(
                ui,
                &activity.name,
                &mut score,
                true,
                ("0 = cannot do it", "10 = as well as before the problem"),
            );
            self.focused |= scale.response.has_focus();
            if scale.inner {
                self.message = None;
                match score {
                    Some(s) => self.scores.insert(activity.uid.clone(), s),
                    None => self.scores.remove(&activity.uid),
                };
            }
        }
        ui.add_space(theme::GAP / 2.0);
        ui.horizontal_wrapped(|ui| {
            let save = widgets::accent_button(ui, "Save function check");
            if ui.add(save).clicked()
                && let Some(c) = self.save(data, now)
            {
                command = Some(c);
            }
            match &self.message {
                Some(Message::Saved(text)) => widgets::success_ui(ui, text),
                Some(Message::Error(text)) => widgets::error_ui(ui, text),
                None => {}
            }
        });
        command
    }

    /// The scores given to activities still on the list, for today.
    fn save(&mut self, data: &Data, now: &Now) -> Option<Command> {
        let today = now.today();
        let scores: Vec<(String, Rating)> = data
            .helps
            .active_activities()
            .filter_map(|a| Some((a.uid.clone(), *self.scores.get(&a.uid)?)))
            .collect();
        match check_answers(today, today, &scores, &data.helps.activities) {
            Ok(()) => {
                self.message = None;
                self.asked = Some(Asked::Save(today));
                Some(Command::SaveFunctionCheck {
                    date: today,
                    scores,
                })
            }
            Err(e) => {
                self.message = Some(Message::Error(widgets::sentence(&e.to_string())));
                None
            }
        }
    }
}
