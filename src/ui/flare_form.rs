//! "Log a flare-up": a moment of worse pain, when it happened, what set it
//! off and what helped. Kept apart from the day's check-in, which it never
//! changes. Filled from a saved flare-up ([`FlareForm::editing`]) the same
//! form changes that one instead (History).

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use egui::{Key, Modifiers, Ui};

use super::command::Command;
use super::event::Event;
use super::record::Record;
use super::when::{self, Now};
use super::widgets;
use crate::domain::flare::FlareUp;
use crate::domain::pain::{MAX_NOTE_CHARS, Rating};
use crate::store::Stored;

/// What the person asked of the form.
#[derive(Debug)]
pub enum FlareAction {
    /// Log the flare-up ([`Command::LogFlareUp`]) or, when changing a saved
    /// one, write it ([`Command::UpdateRecord`]); it passed the checks.
    Save(Command),
    Cancel,
}

#[derive(Debug)]
enum Message {
    Logged(String),
    Error(String),
}

/// The saved flare-up being changed, and how the form first showed its
/// day and time: left as they were, they keep the saved instant exactly.
#[derive(Debug)]
struct Editing {
    stored: Stored<FlareUp>,
    time: String,
}

/// What has been typed and chosen so far.
#[derive(Debug)]
pub struct FlareForm {
    pain: Option<Rating>,
    /// The day; `None` means today, whatever day it is when saved.
    date: Option<NaiveDate>,
    /// HH:MM; empty means now (on today).
    time: String,
    set_off_by: String,
    helped: String,
    message: Option<Message>,
    editing: Option<Editing>,
    /// A save was asked and its outcome not heard yet.
    waiting: bool,
    /// The zone times were last shown in, for the confirmation.
    offset: Option<FixedOffset>,
    /// Whether the pain scale had the keyboard's focus in the last frame.
    pain_focused: bool,
    /// Give the pain scale the keyboard's focus when next drawn.
    focus_pain: bool,
}

impl Default for FlareForm {
    fn default() -> Self {
        Self::new()
    }
}

impl FlareForm {
    /// An empty form for a new flare-up, now.
    pub fn new() -> Self {
        Self {
            pain: None,
            date: None,
            time: String::new(),
            set_off_by: String::new(),
            helped: String::new(),
            message: None,
            editing: None,
            waiting: false,
            offset: None,
            pain_focused: false,
            focus_pain: false,
        }
    }

    /// Has the keyboard start on the pain scale (for a form opened from
    /// the keyboard).
    pub fn focus_pain(&mut self) {
        self.focus_pain = true;
    }

    /// The form filled from a saved flare-up, to change it; its time is
    /// shown in `now`'s zone. Saving asks for [`Command::UpdateRecord`].
    pub fn editing(stored: &Stored<FlareUp>, now: &Now) -> Self {
        let offset = *now.local.offset();
        let time = local_time(stored.record.at, offset);
        Self {
            pain: Some(stored.record.pain),
            date: Some(stored.record.date),
            time: time.clone(),
            set_off_by: stored.record.set_off_by.clone(),
            helped: stored.record.helped.clone(),
            message: None,
            editing: Some(Editing {
                stored: stored.clone(),
                time,
            }),
            waiting: false,
            offset: Some(offset),
            pain_focused: false,
            focus_pain: false,
        }
    }

    /// Whether the form's pain scale had the keyboard in the last frame
    /// (where digits and Enter are the form's, not the screen's).
    pub fn pain_has_focus(&self) -> bool {
        self.pain_focused
    }

    /// Says why the flare-up could not be saved; what was typed stays.
    pub fn failed(&mut self, why: &str) {
        self.waiting = false;
        self.message = Some(Message::Error(format!("Not saved: {why}")));
    }

    /// Hears whether its save went through: "Logged" and an empty form for
    /// the next one, or the reason beside the button with the form kept.
    pub fn on_event(&mut self, event: &Event) {
        if !self.waiting {
            return;
        }
        match (event, &mut self.editing) {
            (Event::FlareUpLogged(Ok(stored)), None) => {
                self.waiting = false;
                let at = local_time(stored.record.at, self.offset.unwrap_or(Utc.fix()));
                self.message = Some(Message::Logged(format!(
                    "Logged: pain {} at {at}.",
                    stored.record.pain
                )));
                self.pain = None;
                self.date = None;
                self.time.clear();
                self.set_off_by.clear();
                self.helped.clear();
            }
            (Event::FlareUpLogged(Err(why)), None) => self.failed(why),
            (Event::RecordUpdated(Ok(Record::FlareUp(stored))), Some(editing))
                if stored.id == editing.stored.id =>
            {
                self.waiting = false;
                editing.stored = stored.clone();
                editing.time = self.time.trim().to_owned();
                self.message = Some(Message::Logged("Saved.".to_owned()));
            }
            (Event::RecordUpdated(Err(why)), Some(_)) => self.failed(why),
            _ => {}
        }
    }

    /// Draws the form; returns what was asked once it passes the checks.
    pub fn ui(&mut self, ui: &mut Ui, now: &Now) -> Option<FlareAction> {
        self.offset = Some(*now.local.offset());
        let today = now.today();
        let mut action = None;
        ui.vertical(|ui| {
            ui.label("How bad is the pain?");
            let pain = widgets::rating_scale_ui(
                ui,
                "Flare-up pain",
                &mut self.pain,
                false,
                ("0 = no pain", "10 = worst imaginable"),
            );
            if std::mem::take(&mut self.focus_pain) {
                pain.response.request_focus();
            }
            self.pain_focused = pain.response.has_focus();
            let enter =
                self.pain_focused && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                widgets::text_field_ui(
                    ui,
                    "Time",
                    egui::TextEdit::singleline(&mut self.time)
                        .hint_text("now")
                        .desired_width(60.0),
                )
                .on_hover_text("Leave it empty for now, or type the time, as 14:30.");
                ui.add_space(4.0);
                let mut day = self.date.unwrap_or(today);
                when::day_picker_ui(ui, &mut day, today);
                self.date = (self.editing.is_some() || day != today).then_some(day);
            });
            ui.add_space(4.0);
            self.note_ui(ui, "What set it off?", Which::SetOffBy);
            self.note_ui(ui, "What did you do, or what helped?", Which::Helped);
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                let save = if self.editing.is_some() {
                    "Save changes"
                } else {
                    "Save flare-up"
                };
                if ui.add(widgets::accent_button(ui, save)).clicked() || enter {
                    action = self.save(now).map(FlareAction::Save);
                }
                let logged = matches!(self.message, Some(Message::Logged(_)));
                let close = if logged && self.editing.is_none() {
                    "Close"
                } else {
                    "Cancel"
                };
                if ui.button(close).clicked() {
                    action = Some(FlareAction::Cancel);
                }
                match &self.message {
                    Some(Message::Logged(text)) => widgets::success_ui(ui, text),
                    Some(Message::Error(text)) => widgets::error_ui(ui, text),
                    None => {}
                }
            });
        });
        action
    }

    /// A label with its field beneath, as wide as there is room for.
    fn note_ui(&mut self, ui: &mut Ui, label: &str, which: Which) {
        let text = match which {
            Which::SetOffBy => &mut self.set_off_by,
            Which::Helped => &mut self.helped,
        };
        widgets::text_field_ui(
            ui,
            label,
            egui::TextEdit::singleline(text)
                .desired_width(ui.available_width().min(480.0))
                .char_limit(MAX_NOTE_CHARS),
        );
    }

    /// The command saving what the form holds, or `None` with the reason shown.
    fn save(&mut self, now: &Now) -> Option<Command> {
        match self.flare_up(now) {
            Ok(flare_up) => {
                self.message = None;
                self.waiting = true;
                Some(match &self.editing {
                    Some(editing) => Command::UpdateRecord(Record::FlareUp(Stored {
                        record: flare_up,
                        ..editing.stored.clone()
                    })),
                    None => Command::LogFlareUp(flare_up),
                })
            }
            Err(why) => {
                self.message = Some(Message::Error(why));
                None
            }
        }
    }

    /// The flare-up the form describes, checked by the domain's rules.
    fn flare_up(&self, now: &Now) -> Result<FlareUp, String> {
        let pain = self
            .pain
            .ok_or("Choose how bad the pain is, from 0 to 10.")?;
        let today = now.today();
        let date = self.date.unwrap_or(today);
        let time = self.time.trim();
        let at = match &self.editing {
            Some(e) if e.stored.record.date == date && e.time == time => e.stored.record.at,
            _ if time.is_empty() && date == today => now.utc(),
            _ if time.is_empty() => {
                return Err("Type the time it happened, for example 15:00.".to_owned());
            }
            _ => when::parse_start(date, time, now)?,
        };
        let flare_up = FlareUp {
            at,
            date,
            pain,
            set_off_by: self.set_off_by.trim().to_owned(),
            helped: self.helped.trim().to_owned(),
        };
        flare_up
            .validate(now.utc(), today)
            .map_err(|e| widgets::sentence(&e.to_string()))?;
        Ok(flare_up)
    }
}

#[derive(Clone, Copy)]
enum Which {
    SetOffBy,
    Helped,
}

/// "14:30" in the zone `offset`.
fn local_time(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::clock::Moment;

    fn now() -> Now {
        Now {
            moment: Moment::ORIGIN,
            local: DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap(),
        }
    }

    fn saved() -> Stored<FlareUp> {
        Stored {
            id: 4,
            uid: "abc".to_owned(),
            record: FlareUp {
                at: DateTime::parse_from_rfc3339("2026-11-24T16:20:31+00:00")
                    .unwrap()
                    .with_timezone(&Utc),
                date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                pain: Rating::new(6, "pain").unwrap(),
                set_off_by: "Lifting a box".to_owned(),
                helped: String::new(),
            },
        }
    }

    #[test]
    fn an_empty_time_is_now_and_a_typed_one_is_placed_on_its_day() {
        let mut form = FlareForm::new();
        assert!(form.flare_up(&now()).unwrap_err().contains("how bad"));
        form.pain = Some(Rating::new(7, "pain").unwrap());
        let flare = form.flare_up(&now()).unwrap();
        assert_eq!(flare.at, now().utc());
        assert_eq!(flare.date, now().today());
        form.time = "08:15".to_owned();
        let flare = form.flare_up(&now()).unwrap();
        assert_eq!(flare.at.to_rfc3339(), "2026-11-25T07:15:00+00:00");
        form.time = "10:00".to_owned();
        assert!(
            form.flare_up(&now())
                .unwrap_err()
                .contains("hasn't come yet")
        );
        form.time.clear();
        form.date = now().today().pred_opt();
        assert!(
            form.flare_up(&now())
                .unwrap_err()
                .contains("time it happened")
        );
    }

    #[test]
    fn editing_keeps_the_saved_instant_until_the_time_changes_and_updates_the_record() {
        let stored = saved();
        let mut form = FlareForm::editing(&stored, &now());
        assert_eq!(form.time, "17:20");
        form.helped = "Heat pack".to_owned();
        let Some(Command::UpdateRecord(Record::FlareUp(changed))) = form.save(&now()) else {
            panic!("an update of the saved flare-up");
        };
        assert_eq!((changed.id, changed.uid.as_str()), (4, "abc"));
        assert_eq!(changed.record.at, stored.record.at, "seconds kept");
        assert_eq!(changed.record.helped, "Heat pack");
        form.time = "17:00".to_owned();
        let flare = form.flare_up(&now()).unwrap();
        assert_eq!(flare.at.to_rfc3339(), "2026-11-24T16:00:00+00:00");
    }
}
