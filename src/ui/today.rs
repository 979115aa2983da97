//! Today: the daily check-in. Pain 0-10 by click or by typing the digit
//! (type 1 then 0 quickly for 10), Enter saves. One check-in per local date.
//!
//! Moving to another day with changes not saved keeps them as that day's
//! draft, shown again on coming back: looking something up on yesterday's
//! form should not cost what was typed for today, and a question at every
//! step would be in the way more often than it helps. Closing the window
//! asks about every draft ([`TodayScreen::unsaved_work`]).
//!
//! Around the check-in: flare-ups (logged apart from it, never changing
//! it), the weekly function check when it is due, the experiments running
//! and a way to start one, and a calm word on a day off.

mod flare;
mod function_check;
mod plan;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use egui::{Key, RichText, Ui};

use super::checkin_fields::CheckInFields;
use super::command::Command;
use super::data::Data;
use super::event::{Event, OnEvent};
use super::experiment_form::ExperimentForm;
use super::keyboard::DIGIT_KEYS;
use super::record::Record;
use super::screen::Screen;
use super::settings::ABOUT;
use super::unsaved::Unsaved;
use super::when::Now;
use super::{theme, widgets};
use crate::domain::advice::AdviceRule;
use crate::domain::checklist::ReviewReason;
use crate::domain::pain::{CheckIn, Rating};

/// How long after typing "1" a "0" still makes it 10.
const TEN_WINDOW_SECS: f64 = 1.0;

/// The button that opens the form to start an experiment.
const TRY_SOMETHING: &str = "Try something new…";

enum Message {
    Saved(String),
    Error(String),
}

/// What the Today screen shows besides its own form, gathered by the app.
#[derive(Clone, Copy)]
pub struct TodayContext<'a> {
    pub today: NaiveDate,
    pub intro_dismissed: bool,
    /// Why a workstation re-check is due, if it is.
    pub setup_due: Option<ReviewReason>,
    pub now: Now,
    pub data: &'a Data,
    /// Professional-help advice that applies, with the rule that fired.
    pub advice: &'a [(AdviceRule, String)],
}

pub struct TodayScreen {
    /// The local date the form is about.
    date: NaiveDate,
    form: CheckInFields,
    saved: Option<CheckIn>,
    /// The last message, with the form as it was when it was said: any
    /// change to the form makes it stale, and it goes.
    message: Option<(Message, CheckInFields)>,
    /// The last digit typed and when, to turn "1", "0" into 10.
    last_digit: Option<(u8, f64)>,
    /// Forms with changes not saved, for days other than `date`.
    drafts: BTreeMap<NaiveDate, CheckInFields>,
    flare: flare::FlareSection,
    function: function_check::FunctionCheck,
    experiment: ExperimentForm,
    /// The pass the screen was last drawn in: a gap means it was left and
    /// has been come back to.
    last_pass: Option<u64>,
    /// A form below the check-in just opened: it is brought into view once
    /// drawn, as it may open below the window's edge.
    reveal: Option<Below>,
}

/// The forms below the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Below {
    Experiment,
    FunctionCheck,
}

impl TodayScreen {
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date,
            form: CheckInFields::default(),
            saved: None,
            message: None,
            last_digit: None,
            drafts: BTreeMap::new(),
            flare: flare::FlareSection::default(),
            function: function_check::FunctionCheck::default(),
            experiment: ExperimentForm::new(Screen::Today),
            last_pass: None,
            reveal: None,
        }
    }

    /// The date the form is about.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Whether the form differs from what is saved for its date.
    pub fn has_unsaved_changes(&self) -> bool {
        let saved = self
            .saved
            .as_ref()
            .map(CheckInFields::from_checkin)
            .unwrap_or_default();
        self.form != saved
    }

    /// Shows the form for `date`: its draft if it has one, else what was
    /// saved that day. Unsaved changes to the form shown stay as its draft
    /// (or on screen, when it is the same day).
    pub fn show_date(&mut self, date: NaiveDate, saved: Option<CheckIn>) {
        let typed = self.has_unsaved_changes().then(|| self.form.clone());
        if let Some(form) = typed.clone().filter(|_| date != self.date) {
            self.drafts.insert(self.date, form);
        }
        let kept = if date == self.date {
            typed
        } else {
            self.drafts.remove(&date)
        };
        self.reset(date, saved);
        if let Some(form) = kept {
            self.form = form;
        }
    }

    /// Shows `date` as saved, dropping what was typed on its form: the
    /// check-in changed elsewhere (deleted, or put back).
    fn reset(&mut self, date: NaiveDate, saved: Option<CheckIn>) {
        self.date = date;
        self.form = saved
            .as_ref()
            .map(CheckInFields::from_checkin)
            .unwrap_or_default();
        self.saved = saved;
        self.message = None;
        self.last_digit = None;
    }

    /// Every day with changes not saved, the day shown first.
    fn unsaved_forms(&self) -> impl Iterator<Item = (NaiveDate, &CheckInFields)> {
        let shown = (self.has_unsaved_changes()).then_some((self.date, &self.form));
        shown
            .into_iter()
            .chain(self.drafts.iter().map(|(date, form)| (*date, form)))
    }

    /// The check-ins typed and not saved, for the question asked on closing.
    pub fn unsaved_work(&self) -> Vec<Unsaved> {
        self.unsaved_forms()
            .map(|(date, form)| {
                let what = format!("The check-in for {}", date.format("%A %-d %B"));
                match form.pain {
                    Some(_) => Unsaved::new(what, "Save and close saves it as it is on the form."),
                    None => Unsaved::new(what, "It has no pain rating, so it cannot be saved."),
                }
            })
            .collect()
    }

    /// Saves every check-in typed and not saved that has a pain rating:
    /// what closing the window keeps.
    pub fn save_for_closing(&self, now: chrono::DateTime<chrono::Utc>) -> Vec<Command> {
        self.unsaved_forms()
            .filter_map(|(date, form)| form.checkin(date, now).ok())
            .map(Command::SaveCheckIn)
            .collect()
    }

    /// Called when the store accepted the check-in.
    pub fn saved(&mut self, checkin: CheckIn) {
        if checkin.date != self.date {
            // A draft of another day, saved on closing.
            self.drafts.remove(&checkin.date);
            return;
        }
        let local_time = checkin
            .recorded_at
            .with_timezone(&chrono::Local)
            .format("%H:%M");
        self.form = CheckInFields::from_checkin(&checkin);
        self.say(Message::Saved(format!(
            "Saved for {} at {local_time}.",
            checkin.date.format("%A %-d %B")
        )));
        self.saved = Some(checkin);
    }

    /// Called when saving or loading failed: the form keeps what was typed.
    pub fn failed(&mut self, error: String) {
        self.say(Message::Error(error));
    }

    fn say(&mut self, message: Message) {
        self.message = Some((message, self.form.clone()));
    }

    pub fn ui(&mut self, ui: &mut Ui, ctx: &TodayContext<'_>) -> Option<Command> {
        let TodayContext {
            today,
            intro_dismissed,
            setup_due,
            now,
            data,
            advice,
        } = *ctx;
        self.follow_visits(ui);
        let mut command = self.keyboard(ui, now.utc());
        let mut take = |c: Option<Command>| {
            if c.is_some() {
                command = c;
            }
        };
        let facts = data.facts(today);

        ui.heading("Today");
        ui.add_space(4.0);
        if facts.day_off {
            day_off_ui(ui, data, today);
        }
        // The form's own notice below covers a warning sign ticked there.
        let form_flags = self.form.red_flags.any().then_some(AdviceRule::RedFlag);
        super::advice::notice_ui(ui, advice, form_flags);
        if !intro_dismissed {
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                widgets::section_title_ui(ui, "Welcome to Unknot");
                ui.label(ABOUT);
                if ui.button("Got it").clicked() {
                    take(Some(Command::DismissIntro));
                }
            });
            ui.add_space(theme::GAP);
        } else if let Some(reason) = setup_due {
            // Kept to one quiet line; the first-run note above is enough on day one.
            if setup_nudge_ui(ui, reason) {
                take(Some(Command::StartChecklistReview));
            }
            ui.add_space(theme::GAP);
        }

        take(plan::plan_ui(ui, data, &now, &mut self.flare));
        ui.add_space(theme::GAP);

        // Asked for at the top while it is due, but not on a day off.
        if self.function.place.is_none() && facts.function_check_due && !facts.day_off {
            self.function.place = Some(function_check::Place::Top);
        }
        if self.function.place == Some(function_check::Place::Top) {
            take(self.function.ui(ui, data, &now));
            ui.add_space(theme::GAP);
        }

        take(self.date_bar_ui(ui, today));
        ui.add_space(theme::GAP);

        if self.form.ui(ui) {
            take(self.save_command(now.utc()));
        }
        ui.add_space(theme::GAP);
        // Below the warning signs, where the tick was made: above the form it
        // would push the box just ticked away from the pointer.
        if self.form.red_flags.any() {
            let reasons: Vec<String> = self
                .form
                .red_flags
                .reasons()
                .into_iter()
                .map(|r| format!("You answered yes: {r}."))
                .collect();
            widgets::professional_notice_ui(
                ui,
                "Please have this checked by a professional",
                &reasons,
                "These signs are worth a proper assessment, soon. A physical therapist or your \
                 doctor is a good first stop. Unknot can't tell what is causing them.",
            );
            ui.add_space(theme::GAP);
        }
        take(self.what_helps_ui(ui, data, &now));
        command
    }

    /// Below the check-in: starting an experiment, and the function check
    /// (opened here from its link when it is not asked for at the top).
    fn what_helps_ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let mut command = None;
        let reveal = self.reveal.take();
        let bring_into_view = |form: Below, response: &egui::Response| {
            if reveal == Some(form) {
                response.scroll_to_me(Some(egui::Align::Min));
            }
        };
        if self.experiment.is_open() {
            let card = theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                if let Some(c) = self.experiment.ui(ui, now, TRY_SOMETHING) {
                    command = Some(c);
                }
            });
            bring_into_view(Below::Experiment, &card.response);
        } else {
            ui.horizontal_wrapped(|ui| {
                if let Some(c) = self.experiment.ui(ui, now, TRY_SOMETHING) {
                    command = Some(c);
                }
                if self.experiment.is_open() {
                    self.reveal = Some(Below::Experiment);
                }
                if self.function.place.is_none() {
                    let link = ui
                        .link("Weekly function check")
                        .on_hover_text("Score a few everyday activities your back makes hard.");
                    if link.clicked() {
                        self.function.place = Some(function_check::Place::Bottom);
                        self.reveal = Some(Below::FunctionCheck);
                    }
                }
            });
        }
        ui.add_space(theme::GAP);
        // Below the link that opened it, so the row above stays put.
        if self.function.place == Some(function_check::Place::Bottom) {
            let card = ui.scope(|ui| self.function.ui(ui, data, now));
            if let Some(c) = card.inner {
                command = Some(c);
            }
            bring_into_view(Below::FunctionCheck, &card.response);
            ui.add_space(theme::GAP);
        }
        if self.reveal.is_some() {
            ui.ctx().request_repaint();
        }
        command
    }

    /// Notices a return to the screen (it was not drawn in the last pass):
    /// what was said on the last visit goes, and the function check shows
    /// again only if it is due.
    fn follow_visits(&mut self, ui: &Ui) {
        let pass = ui.ctx().cumulative_pass_nr();
        let returned = self.last_pass.is_none_or(|last| pass > last + 1);
        self.last_pass = Some(pass);
        if returned {
            self.function.new_visit();
        }
    }

    /// The save button and the outcome of the last save, kept in view at the bottom.
    pub fn footer_ui(
        &mut self,
        ui: &mut Ui,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            ui.add_space(16.0);
            let label = if self.saved.is_some() {
                "Update check-in"
            } else {
                "Save check-in"
            };
            let button = widgets::accent_button(ui, RichText::new(label).size(16.0))
                .min_size(egui::vec2(160.0, 36.0));
            if ui.add(button).on_hover_text("Enter").clicked() {
                command = self.save_command(now);
            }
            if self
                .message
                .as_ref()
                .is_some_and(|(_, about)| *about != self.form)
            {
                self.message = None;
            }
            match &self.message {
                Some((Message::Saved(text), _)) => widgets::success_ui(ui, text),
                Some((Message::Error(text), _)) => widgets::error_ui(ui, text),
                None => {
                    if let Some(text) = self.unsaved_note() {
                        widgets::hint_ui(ui, &text);
                    }
                }
            }
        });
        command
    }

    /// Which forms hold changes not saved, in a few words for the footer.
    fn unsaved_note(&self) -> Option<String> {
        let days: Vec<String> = (self.unsaved_forms())
            .map(|(date, _)| {
                if date == self.date {
                    "this day".to_owned()
                } else {
                    date.format("%A %-d %B").to_string()
                }
            })
            .collect();
        match days.as_slice() {
            [] => None,
            [_] if self.has_unsaved_changes() => Some("Not saved yet.".to_owned()),
            _ => Some(format!("Not saved yet: {}.", days.join(", "))),
        }
    }

    fn date_bar_ui(&self, ui: &mut Ui, today: NaiveDate) -> Option<Command> {
        let mut command = None;
        ui.horizontal_wrapped(|ui| {
            let previous = self.date.checked_sub_days(Days::new(1));
            if ui
                .add_enabled(previous.is_some(), egui::Button::new("‹ Previous day"))
                .clicked()
            {
                command = previous.map(Command::ShowDate);
            }
            let when = if self.date == today {
                format!("Today, {}", self.date.format("%A %-d %B"))
            } else {
                self.date.format("%A %-d %B %Y").to_string()
            };
            ui.label(RichText::new(when).size(17.0).strong());
            let next = self
                .date
                .checked_add_days(Days::new(1))
                .filter(|d| *d <= today);
            if ui
                .add_enabled(next.is_some(), egui::Button::new("Next day ›"))
                .clicked()
            {
                command = next.map(Command::ShowDate);
            }
            if self.date != today && ui.button("Back to today").clicked() {
                command = Some(Command::ShowDate(today));
            }
        });
        if self.date != today {
            widgets::hint_ui(ui, "You are filling in an earlier day.");
        }
        command
    }

    /// Digits choose the pain rating unless a text field has the keyboard.
    /// Enter saves while nothing else wants it: no control has the focus,
    /// or a 0-10 scale has it (Space chooses there); on a button Enter
    /// presses that button.
    fn keyboard(&mut self, ui: &mut Ui, now: chrono::DateTime<chrono::Utc>) -> Option<Command> {
        // Nor while a question (closing the window) is asked over the screen.
        let asking = ui.memory(|m| m.top_modal_layer().is_some());
        // A flare-up's or the function check's scale takes its own keys.
        let aside = self.flare.has_focus() || self.function.has_focus();
        if asking || aside || ui.ctx().text_edit_focused() {
            return None;
        }
        let enter_is_free =
            ui.memory(|m| m.focused().is_none()) || widgets::rating_scale_has_focus(ui.ctx());
        // Consumed here so that a focused button does not also act on them.
        let (digit, enter, time) = ui.input_mut(|i| {
            let digit = DIGIT_KEYS
                .iter()
                .position(|k| i.consume_key(egui::Modifiers::NONE, *k))
                .and_then(|d| u8::try_from(d).ok());
            (
                digit,
                enter_is_free && i.consume_key(egui::Modifiers::NONE, Key::Enter),
                i.time,
            )
        });
        if let Some(d) = digit {
            let after_one =
                matches!(self.last_digit, Some((1, at)) if time - at <= TEN_WINDOW_SECS);
            self.last_digit = Some((d, time));
            if after_one && d != 0 {
                // "11" to "19": off the scale. The 1 stays, and says why.
                self.say(Message::Error(format!(
                    "Pain goes from 0 to 10; 1{d} is not on the scale, so it stays at 1."
                )));
                return None;
            }
            let value = if after_one { 10 } else { d };
            self.form.pain = Rating::new(i64::from(value), "pain").ok();
        }
        if enter {
            return self.save_command(now);
        }
        None
    }

    fn save_command(&mut self, now: chrono::DateTime<chrono::Utc>) -> Option<Command> {
        match self.form.checkin(self.date, now) {
            Ok(checkin) => Some(Command::SaveCheckIn(checkin)),
            Err(error) => {
                self.say(Message::Error(error));
                None
            }
        }
    }
}

/// The calm line at the top on a day off: "Today is a day off (holiday):
/// nothing is asked of today."
fn day_off_ui(ui: &mut Ui, data: &Data, today: NaiveDate) {
    let reason = data
        .helps
        .day_off(today)
        .map(|d| format!(" ({})", d.record.reason.label().to_lowercase()))
        .unwrap_or_default();
    ui.label(
        RichText::new(format!(
            "Today is a day off{reason}: nothing is asked of today."
        ))
        .color(theme::palette(ui.ctx()).accent)
        .strong(),
    );
    ui.add_space(theme::GAP / 2.0);
}

/// One line suggesting a look at the desk setup; true when its button was clicked.
fn setup_nudge_ui(ui: &mut Ui, reason: ReviewReason) -> bool {
    let text = match reason {
        ReviewReason::NeverReviewed => {
            "A quick look at your desk setup can take load off your upper back."
        }
        ReviewReason::DeskChanged => {
            "Your desk changed: a quick re-check of your setup is worth it."
        }
        ReviewReason::Overdue => "It has been over a month since you checked your desk setup.",
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(text).color(theme::palette(ui.ctx()).muted));
        ui.link(reason.action()).clicked()
    })
    .inner
}

impl OnEvent for TodayScreen {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        self.flare.on_event(event);
        self.function.on_event(event);
        self.experiment.on_event(event);
        match event {
            Event::DateShown { date, saved } => self.show_date(*date, saved.clone()),
            Event::CheckInSaved(Ok(checkin)) => self.saved(checkin.clone()),
            Event::CheckInSaved(Err(error)) => self.failed(error.clone()),
            // The form follows a change to the day it shows made elsewhere.
            Event::RecordDeleted(Ok(Record::CheckIn(gone))) if gone.date == self.date => {
                self.show_date(gone.date, None);
            }
            Event::RecordUpdated(Ok(Record::CheckIn(now)))
            | Event::RecordPutBack(Ok(Record::CheckIn(now)))
                if now.date == self.date =>
            {
                self.show_date(now.date, Some(now.clone()));
            }
            _ => {}
        }
        None
    }
}
