//! "Check my setup" (a re-check after the first): the checklist one item
//! at a time, from the keyboard.
//! Y, N or A (or 1, 2, 3) answers and moves on once the answer is saved;
//! Left or Backspace goes back; Right or Enter keeps a saved answer and moves
//! on; Escape leaves. Answering the last item records the review, and its
//! summary offers each item turned "yes" on the way as an experiment.

use egui::{Key, Modifiers, RichText, Ui};

use super::items::{latest, why_and_how_text_ui};
use super::{ErgonomicsScreen, answer_buttons_ui, score_text};
use crate::domain::checklist::{self, Answer, ChecklistAnswer, ChecklistReview};
use crate::ui::command::Command;
use crate::ui::data::Data;
use crate::ui::when::Now;
use crate::ui::{theme, widgets};

/// Where the walk-through is.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// The item on screen, an index into [`checklist::items`].
    index: usize,
    stage: Stage,
}

#[derive(Debug, Clone, Default)]
enum Stage {
    #[default]
    Answering,
    /// Recorded; the summary is on screen.
    Finished(ChecklistReview),
    /// Every item is answered but the store refused the review row.
    FinishFailed(String),
}

impl Walk {
    /// The answer to `item` was saved: move to the next item. Returns true
    /// when it was the last one, so the review is complete.
    pub(super) fn answered(&mut self, item: &str) -> bool {
        let on_screen = checklist::items().get(self.index).map(|i| i.id);
        if !matches!(self.stage, Stage::Answering) || on_screen != Some(item) {
            return false;
        }
        if self.index + 1 < checklist::items().len() {
            self.index += 1;
            false
        } else {
            true
        }
    }

    pub(super) fn finished(&mut self, review: ChecklistReview) {
        self.stage = Stage::Finished(review);
    }

    pub(super) fn finish_failed(&mut self, error: String) {
        self.stage = Stage::FinishFailed(error);
    }
}

/// The key shown beside each answer.
pub(super) fn key_hint(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "Y",
        Answer::NotYet => "N",
        Answer::NotApplicable => "A",
    }
}

/// What the person asked for, by key or button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Answer(Answer),
    Back,
    /// Keep the saved answer and go on (or, at the end, confirm).
    Next,
    Leave,
}

/// Reads and consumes the walk-through's keys, so a focused button does not
/// also act on them.
fn read_keys(ui: &mut Ui) -> Option<Input> {
    if ui.ctx().egui_wants_keyboard_input() {
        return None;
    }
    // Enter on a focused button belongs to that button.
    let button_focused = ui.memory(|m| m.focused().is_some());
    ui.input_mut(|i| {
        let mut pressed = |key| i.consume_key(Modifiers::NONE, key);
        let input = if pressed(Key::Y) || pressed(Key::Num1) {
            Input::Answer(Answer::Yes)
        } else if pressed(Key::N) || pressed(Key::Num2) {
            Input::Answer(Answer::NotYet)
        } else if pressed(Key::A) || pressed(Key::Num3) {
            Input::Answer(Answer::NotApplicable)
        } else if pressed(Key::ArrowLeft) || pressed(Key::Backspace) {
            Input::Back
        } else if pressed(Key::ArrowRight) || (!button_focused && pressed(Key::Enter)) {
            Input::Next
        } else if pressed(Key::Escape) {
            Input::Leave
        } else {
            return None;
        };
        Some(input)
    })
}

impl ErgonomicsScreen {
    pub(super) fn walk_ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let today = now.today();
        let (index, stage) = {
            let walk = self.walk.as_ref()?;
            (walk.index, walk.stage.clone())
        };
        let keys = read_keys(ui);
        // A first walk through is not a re-check.
        ui.heading(if data.reviews.is_empty() {
            "Check my setup"
        } else {
            "Re-check my setup"
        });
        if matches!(stage, Stage::Answering) {
            widgets::hint_ui(
                ui,
                "Y, N or A (or 1, 2, 3) answers; Left or Backspace goes back; Right keeps \
                 the answer you gave before; Escape leaves. Answers are saved as you go.",
            );
        }
        ui.add_space(4.0);
        let shown = match &stage {
            Stage::Answering => self.walk_item_ui(ui, data, index),
            Stage::Finished(review) => {
                let input = finished_ui(ui, data, review);
                if let Some(command) = self.offers_ui(ui, now) {
                    return Some(command);
                }
                input
            }
            Stage::FinishFailed(error) => finish_failed_ui(ui, error),
        };
        // A clicked button wins over a key pressed in the same frame.
        let input = shown.or(keys)?;
        let Some(item) = checklist::items().get(index) else {
            self.walk = None;
            return None;
        };
        let last = index + 1 == checklist::items().len();
        match (&stage, input) {
            (_, Input::Leave) | (Stage::Finished(_), Input::Next) => {
                self.walk = None;
                None
            }
            (Stage::Answering, Input::Answer(answer)) => {
                let before = self.shown_answer(data, item.id);
                self.offers.answered(item, before, answer);
                Some(Command::SaveChecklistAnswer(ChecklistAnswer {
                    item: item.id.to_owned(),
                    answer,
                    answered_on: today,
                }))
            }
            (Stage::Answering, Input::Back) => {
                if let Some(walk) = &mut self.walk {
                    walk.index = index.saturating_sub(1);
                }
                None
            }
            (Stage::Answering, Input::Next) => {
                let saved = !self.unsaved.contains_key(item.id)
                    && checklist::answer_for(&data.checklist, item.id).is_some();
                if !saved {
                    None
                } else if last {
                    Some(Command::FinishChecklistReview)
                } else {
                    if let Some(walk) = &mut self.walk {
                        walk.index = index + 1;
                    }
                    None
                }
            }
            (Stage::FinishFailed(_), Input::Next) => Some(Command::FinishChecklistReview),
            (Stage::FinishFailed(_), Input::Back) => {
                if let Some(walk) = &mut self.walk {
                    walk.stage = Stage::Answering;
                }
                None
            }
            (Stage::Finished(_) | Stage::FinishFailed(_), _) => None,
        }
    }

    /// After the re-check, the items it turned "yes", each offered as an
    /// experiment (or what became of the offer).
    fn offers_ui(&mut self, ui: &mut Ui, now: &Now) -> Option<Command> {
        let turned: Vec<&'static checklist::ChecklistItem> = checklist::items()
            .iter()
            .filter(|item| self.offers.has(item.id))
            .collect();
        if turned.is_empty() {
            return None;
        }
        let mut command = None;
        ui.add_space(theme::GAP);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Now in place");
            widgets::hint_ui(
                ui,
                "Try a change as an experiment: Unknot compares your pain over the next \
                 14 days with the 14 days before.",
            );
            for item in turned {
                // Side by side, the offer below its name where the room is short.
                ui.horizontal_wrapped(|ui| {
                    ui.label(super::experiment::short_name(item));
                    if let Some(c) = self.offers.ui(ui, item, now) {
                        command = Some(c);
                    }
                });
            }
        });
        command
    }

    /// One item, its answer buttons and the navigation. Returns a clicked button.
    fn walk_item_ui(&self, ui: &mut Ui, data: &Data, index: usize) -> Option<Input> {
        let items = checklist::items();
        let item = items.get(index)?;
        let mut input = None;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("Item {} of {}", index + 1, items.len()))
                        .size(16.0)
                        .strong(),
                );
                ui.label(RichText::new(item.group.label()).color(theme::palette(ui.ctx()).muted));
            });
            let done = index as f32 / items.len() as f32;
            widgets::meter_ui(ui, done, 420.0, &format!("{index} of {} done", items.len()));
            ui.add_space(theme::GAP);
            ui.label(RichText::new(item.text).size(20.0).strong());
            ui.add_space(4.0);
            why_and_how_text_ui(ui, item);
            ui.add_space(theme::GAP);

            let current = self.shown_answer(data, item.id);
            if let Some(answer) = answer_buttons_ui(ui, item, current, true) {
                input = Some(Input::Answer(answer));
            }
            let saved = latest(&data.checklist, item.id);
            if let Some((_, error)) = self.unsaved.get(item.id) {
                widgets::error_ui(ui, error);
            } else if let Some(saved) = saved {
                widgets::hint_ui(
                    ui,
                    &format!(
                        "Saved answer: {} ({}).",
                        saved.answer.label(),
                        saved.answered_on.format("%-d %B %Y")
                    ),
                );
            }
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(index > 0, egui::Button::new("‹ Back"))
                    .clicked()
                {
                    input = Some(Input::Back);
                }
                let can_go_on = saved.is_some() && !self.unsaved.contains_key(item.id);
                let next = if index + 1 == items.len() {
                    "Finish"
                } else {
                    "Next ›"
                };
                if ui.add_enabled(can_go_on, egui::Button::new(next)).clicked() {
                    input = Some(Input::Next);
                }
                ui.add_space(theme::GAP);
                if ui.button("Leave for now").clicked() {
                    input = Some(Input::Leave);
                }
            });
        });
        input
    }
}

/// The recorded review's score and what is left to fix.
fn finished_ui(ui: &mut Ui, data: &Data, review: &ChecklistReview) -> Option<Input> {
    theme::card(ui)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Re-check done");
            ui.label(
                RichText::new(score_text(review.score()))
                    .size(20.0)
                    .strong(),
            );
            let to_fix = checklist::open_fixes(&data.checklist)
                .iter()
                .filter(|item| checklist::answer_for(&data.checklist, item.id).is_some())
                .count();
            match to_fix {
                0 => widgets::success_ui(ui, "Everything that applies is in place. Well done."),
                1 => widgets::hint_ui(ui, "One thing to fix: it is listed under the checklist."),
                n => widgets::hint_ui(
                    ui,
                    &format!("{n} things to fix: they are listed under the checklist."),
                ),
            }
            ui.add_space(theme::GAP);
            let back = ui
                .button("Back to the checklist")
                .on_hover_text("Enter or Escape");
            back.clicked().then_some(Input::Leave)
        })
        .inner
}

fn finish_failed_ui(ui: &mut Ui, error: &str) -> Option<Input> {
    theme::card(ui)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Every item is answered");
            widgets::error_ui(ui, error);
            widgets::hint_ui(
                ui,
                "Your answers are saved; only the review record is missing.",
            );
            ui.horizontal(|ui| {
                let mut input = None;
                if ui.button("Try again").clicked() {
                    input = Some(Input::Next);
                }
                if ui.button("Leave for now").clicked() {
                    input = Some(Input::Leave);
                }
                input
            })
            .inner
        })
        .inner
}
