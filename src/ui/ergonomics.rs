//! Ergonomics: the workstation checklist. Each item is answered yes, not yet
//! or doesn't apply; the score and the open fixes come first, then the items
//! by group, then past re-checks. "Re-check my setup" walks through the items
//! one at a time from the keyboard (see [`review`]). An item just turned
//! "yes" offers to try the change as an experiment (see [`experiment`]).

mod experiment;
mod history;
mod items;
mod review;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use egui::{RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::data::Data;
use super::event::{Event, OnEvent};
use super::when::Now;
use super::{theme, widgets};
use crate::domain::checklist::{
    self, Answer, ChecklistAnswer, ChecklistItem, ChecklistReview, ReviewReason, Score,
};

/// The Ergonomics screen's own state; what it shows comes from [`Data`].
#[derive(Default)]
pub struct ErgonomicsScreen {
    /// Items whose "why and how" is open.
    expanded: HashSet<&'static str>,
    /// Answers the store refused, by item id, with the reason. They stay
    /// selected on screen, with the error beside them, until saved.
    unsaved: HashMap<String, (Answer, String)>,
    /// The one-item-at-a-time review, while it is open.
    walk: Option<review::Walk>,
    /// Why noting a desk change failed, shown beside its button.
    desk_error: Option<String>,
    /// "Try it as an experiment" offers, for items just turned "yes".
    offers: experiment::Offers,
}

impl ErgonomicsScreen {
    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let today = now.today();
        if self.walk.is_some() {
            return self.walk_ui(ui, data, now);
        }
        let mut command = None;
        ui.heading("Ergonomics");
        widgets::hint_ui(
            ui,
            "How your desk is set up decides how much work your upper back does all day. \
             Answer each statement for the place where you usually sit.",
        );
        ui.add_space(4.0);
        if let Some(error) = &data.error {
            widgets::error_ui(ui, &format!("Could not read your checklist: {error}"));
        }

        let due = review_due(data, today);
        if let Some(reason) = due {
            if prompt_ui(ui, reason) {
                self.start_review();
            }
            ui.add_space(theme::GAP);
        }
        if let Some(c) = self.summary_ui(ui, data, today, due.is_none()) {
            command = Some(c);
        }
        ui.add_space(theme::GAP);
        for group in checklist::Group::ALL {
            if let Some(c) = self.group_ui(ui, data, group, now) {
                command = Some(c);
            }
            ui.add_space(theme::GAP);
        }
        // After the statements, not above them: appearing with the first
        // "no" answer, it would push the next statement from under the pointer.
        if items::to_fix_ui(ui, data) {
            ui.add_space(theme::GAP);
        }
        history::history_ui(ui, &data.reviews);
        command
    }

    /// Opens the walk-through at the first item.
    pub fn start_review(&mut self) {
        self.walk = Some(review::Walk::default());
    }

    /// Called when the store saved an answer. Returns true when that answer
    /// completed the walk-through, so the review should be recorded.
    pub fn answer_saved(&mut self, item: &str) -> bool {
        self.unsaved.remove(item);
        self.walk.as_mut().is_some_and(|walk| walk.answered(item))
    }

    /// Called when the store refused an answer: it stays on screen with the reason.
    pub fn answer_failed(&mut self, answer: ChecklistAnswer, error: String) {
        self.offers.answer_failed(&answer.item);
        self.unsaved
            .insert(answer.item, (answer.answer, format!("Not saved: {error}")));
    }

    pub fn review_saved(&mut self, review: ChecklistReview) {
        if let Some(walk) = &mut self.walk {
            walk.finished(review);
        }
    }

    pub fn review_failed(&mut self, error: String) {
        if let Some(walk) = &mut self.walk {
            walk.finish_failed(format!("The review was not recorded: {error}"));
        }
    }

    pub fn desk_change_saved(&mut self) {
        self.desk_error = None;
    }

    pub fn desk_change_failed(&mut self, error: String) {
        self.desk_error = Some(format!("Not saved: {error}"));
    }

    /// The answer to show for an item: one the store refused, else the saved one.
    fn shown_answer(&self, data: &Data, id: &str) -> Option<Answer> {
        self.unsaved
            .get(id)
            .map(|(answer, _)| *answer)
            .or_else(|| checklist::answer_for(&data.checklist, id))
    }

    /// The score, the last re-check and the buttons to start one or note a new desk.
    fn summary_ui(
        &mut self,
        ui: &mut Ui,
        data: &Data,
        today: NaiveDate,
        offer_review: bool,
    ) -> Option<Command> {
        let mut command = None;
        let score = checklist::score(&data.checklist);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Your setup");
            let answered = checklist::items()
                .iter()
                .any(|item| checklist::answer_for(&data.checklist, item.id).is_some());
            // The same three lines before and after the first answer, so the
            // statements below don't move while they are being answered.
            let headline = if answered {
                score_text(score)
            } else {
                "Nothing answered yet".to_owned()
            };
            ui.label(RichText::new(headline).size(20.0).strong());
            let (fraction, label) = match score.percent() {
                Some(percent) => (f32::from(percent) / 100.0, format!("{percent}%")),
                None => (0.0, "no score yet".to_owned()),
            };
            let bar_width = (ui.available_width() - 110.0).clamp(120.0, 420.0);
            widgets::meter_ui(ui, fraction, bar_width, &label);
            let counts = answer_counts(data);
            if answered && !counts.is_empty() {
                widgets::hint_ui(ui, &counts);
            } else {
                // Short enough for one line in a narrow window, as the
                // counts that replace it are: the statements stay put.
                widgets::hint_ui(ui, "Answer below, or one at a time: \"Check my setup\".");
            }
            if let Some(text) = last_review_text(data, today) {
                ui.add_space(4.0);
                widgets::hint_ui(ui, &text);
            }
            ui.horizontal_wrapped(|ui| {
                if offer_review && accent_button_ui(ui, "Re-check my setup") {
                    self.start_review();
                }
                match data.desk_changed_at {
                    Some(at) => {
                        widgets::hint_ui(
                            ui,
                            &format!(
                                "You noted a desk change on {}.",
                                at.with_timezone(&chrono::Local).format("%-d %B")
                            ),
                        );
                        if ui
                            .button("Undo")
                            .on_hover_text("Noted by mistake: no re-check is suggested for it.")
                            .clicked()
                        {
                            command = Some(Command::UndoDeskChange);
                        }
                    }
                    None => {
                        if ui
                            .button("I changed desks")
                            .on_hover_text(
                                "A new desk, chair or screen, or a move: Unknot will suggest a re-check.",
                            )
                            .clicked()
                        {
                            command = Some(Command::MarkDeskChanged);
                        }
                    }
                }
                if let Some(error) = &self.desk_error {
                    widgets::error_ui(ui, error);
                }
            });
        });
        command
    }
}

/// Whether a re-check is worth suggesting today, and why.
pub fn review_due(data: &Data, today: NaiveDate) -> Option<ReviewReason> {
    let last = data.reviews.iter().map(|r| r.date).max();
    checklist::review_due(last, data.desk_changed_at.is_some(), today)
}

/// The gentle suggestion to re-check; true when its button was clicked.
fn prompt_ui(ui: &mut Ui, reason: ReviewReason) -> bool {
    theme::prompt_card(ui)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = match reason {
                ReviewReason::NeverReviewed => "Start with a quick check",
                ReviewReason::DeskChanged | ReviewReason::Overdue => "Time for a quick re-check",
            };
            widgets::section_title_ui(ui, title);
            ui.label(reason.text());
            widgets::hint_ui(
                ui,
                "It takes a couple of minutes: one statement at a time, answered with a key.",
            );
            accent_button_ui(ui, reason.action())
        })
        .inner
}

fn accent_button_ui(ui: &mut Ui, text: &str) -> bool {
    ui.add(widgets::accent_button(ui, text).min_size(egui::vec2(0.0, 30.0)))
        .clicked()
}

/// "6 of 9 items in place (67%)", or what to say when nothing applies.
pub(crate) fn score_text(score: Score) -> String {
    match score.percent() {
        Some(percent) => {
            let items = if score.applicable == 1 {
                "item"
            } else {
                "items"
            };
            format!(
                "{} of {} {items} in place ({percent}%)",
                score.met, score.applicable
            )
        }
        None => "Nothing on the list applies to your setup".to_owned(),
    }
}

/// How many items are unanswered or don't apply, as a short line.
fn answer_counts(data: &Data) -> String {
    let mut unanswered = 0;
    let mut not_applicable = 0;
    for item in checklist::items() {
        match checklist::answer_for(&data.checklist, item.id) {
            None => unanswered += 1,
            Some(Answer::NotApplicable) => not_applicable += 1,
            Some(_) => {}
        }
    }
    let mut parts = Vec::new();
    if unanswered > 0 {
        parts.push(format!("{unanswered} not answered yet"));
    }
    if not_applicable == 1 {
        parts.push("1 doesn't apply".to_owned());
    } else if not_applicable > 1 {
        parts.push(format!("{not_applicable} don't apply"));
    }
    parts.join(" · ")
}

/// When the last re-check happened; `None` before the first (the prompt says so).
fn last_review_text(data: &Data, today: NaiveDate) -> Option<String> {
    let last = data
        .reviews
        .iter()
        .max_by_key(|r| (r.date, r.reviewed_at))?;
    let ago = match (today - last.date).num_days() {
        i64::MIN..=0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    };
    Some(format!(
        "Last re-check: {} ({ago}).",
        last.date.format("%A %-d %B %Y")
    ))
}

/// An item's statement without its full stop, for accessible names.
fn statement(item: &ChecklistItem) -> &'static str {
    item.text.trim_end_matches('.')
}

/// Yes / Not yet / Doesn't apply as three selectable buttons. Each button's
/// accessible name is "<statement>: <answer>", unique per item. With
/// `key_hints`, the visible text also shows the key that picks it.
fn answer_buttons_ui(
    ui: &mut Ui,
    item: &ChecklistItem,
    current: Option<Answer>,
    key_hints: bool,
) -> Option<Answer> {
    let mut picked = None;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        for answer in Answer::ALL {
            let selected = current == Some(answer);
            let text = if key_hints {
                format!("{}  ({})", answer.label(), review::key_hint(answer))
            } else {
                answer.label().to_owned()
            };
            let button = egui::Button::selectable(selected, RichText::new(text))
                .frame_when_inactive(true)
                .min_size(egui::vec2(96.0, 30.0));
            let response = ui.add(button);
            let name = format!("{}: {}", statement(item), answer.label());
            response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &name));
            if response.clicked() {
                picked = Some(answer);
            }
        }
    });
    picked
}

impl OnEvent for ErgonomicsScreen {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        self.offers.on_event(event);
        match event {
            Event::ChecklistAnswerSaved {
                answer,
                result: Ok(()),
            } => {
                // The walk-through's last answer finishes the review.
                return self
                    .answer_saved(&answer.item)
                    .then_some(Command::FinishChecklistReview);
            }
            Event::ChecklistAnswerSaved {
                answer,
                result: Err(error),
            } => self.answer_failed(answer.clone(), error.clone()),
            Event::ChecklistReviewStarted => self.start_review(),
            Event::ChecklistReviewSaved(Ok(review)) => self.review_saved(review.clone()),
            Event::ChecklistReviewSaved(Err(error)) => self.review_failed(error.clone()),
            Event::DeskChangeSaved(Ok(())) => self.desk_change_saved(),
            Event::DeskChangeSaved(Err(error)) => self.desk_change_failed(error.clone()),
            _ => {}
        }
        None
    }
}
