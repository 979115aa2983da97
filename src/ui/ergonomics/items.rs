//! The checklist itself: the "To fix" card and one card per group of items.

use egui::{RichText, Role, Ui, WidgetInfo};

use super::{ErgonomicsScreen, answer_buttons_ui, statement};
use crate::domain::checklist::{self, ChecklistAnswer, ChecklistItem, Group};
use crate::ui::command::Command;
use crate::ui::data::Data;
use crate::ui::when::Now;
use crate::ui::{theme, widgets};

/// Items answered "not yet", each with how to fix it; or, once everything is
/// answered and nothing is open, a word that all is in place. Returns whether
/// anything was drawn.
pub(super) fn to_fix_ui(ui: &mut Ui, data: &Data) -> bool {
    let open = checklist::open_fixes(&data.checklist);
    let (not_yet, unanswered): (Vec<&ChecklistItem>, Vec<_>) = open
        .into_iter()
        .partition(|item| checklist::answer_for(&data.checklist, item.id).is_some());
    // Before anything is answered, or while only "yes" answers are in, the
    // score card says enough.
    if not_yet.is_empty() && !unanswered.is_empty() {
        return false;
    }
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "To fix");
        if not_yet.is_empty() {
            widgets::success_ui(ui, "Nothing to fix: everything that applies is in place.");
            return;
        }
        widgets::hint_ui(ui, "One small change at a time is enough.");
        for item in &not_yet {
            ui.add_space(2.0);
            ui.label(RichText::new(item.text).strong());
            ui.indent(item.id, |ui| {
                ui.label(item.how_to_fix);
            });
        }
        match unanswered.len() {
            0 => {}
            1 => widgets::hint_ui(ui, "One item still needs an answer; it is below."),
            n => widgets::hint_ui(
                ui,
                &format!("{n} items still need an answer; they are below."),
            ),
        }
    });
    true
}

impl ErgonomicsScreen {
    /// One card with a group's items and their answer buttons.
    pub(super) fn group_ui(
        &mut self,
        ui: &mut Ui,
        data: &Data,
        group: Group,
        now: &Now,
    ) -> Option<Command> {
        let mut command = None;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, group.label());
            let group_items = checklist::items().iter().filter(|i| i.group == group);
            for (n, item) in group_items.enumerate() {
                if n > 0 {
                    ui.separator();
                }
                if let Some(c) = self.item_ui(ui, data, item, now) {
                    command = Some(c);
                }
            }
        });
        command
    }

    fn item_ui(
        &mut self,
        ui: &mut Ui,
        data: &Data,
        item: &'static ChecklistItem,
        now: &Now,
    ) -> Option<Command> {
        let today = now.today();
        let mut command = None;
        ui.label(RichText::new(item.text).size(16.0));
        ui.horizontal_wrapped(|ui| {
            let current = self.shown_answer(data, item.id);
            if let Some(answer) = answer_buttons_ui(ui, item, current, false) {
                self.offers.answered(item, current, answer);
                command = Some(Command::SaveChecklistAnswer(ChecklistAnswer {
                    item: item.id.to_owned(),
                    answer,
                    answered_on: today,
                }));
            }
            if let Some((_, error)) = self.unsaved.get(item.id) {
                widgets::error_ui(ui, error);
            } else if let Some(saved) = latest(&data.checklist, item.id) {
                let when = if saved.answered_on == today {
                    "today".to_owned()
                } else {
                    saved.answered_on.format("%-d %B %Y").to_string()
                };
                ui.label(
                    RichText::new(format!("Answered {when}"))
                        .small()
                        .color(theme::palette(ui.ctx()).muted),
                );
            }
            // After the answer, where it was given: the button appears
            // beside the one just clicked, never above it.
            if let Some(c) = self.offers.ui(ui, item, now) {
                command = Some(c);
            }
        });
        self.why_and_how_ui(ui, item);
        command
    }

    /// A small toggle that opens the item's reason and fix.
    fn why_and_how_ui(&mut self, ui: &mut Ui, item: &'static ChecklistItem) {
        let open = self.expanded.contains(item.id);
        let text = if open {
            "Hide why and how"
        } else {
            "Why and how"
        };
        let response = ui.add(
            egui::Button::new(RichText::new(text).color(theme::palette(ui.ctx()).accent))
                .frame(false)
                .small(),
        );
        let name = format!("{text}: {}", statement(item));
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
        if response.clicked() {
            if open {
                self.expanded.remove(item.id);
            } else {
                self.expanded.insert(item.id);
            }
        }
        if open {
            ui.indent(item.id, |ui| {
                why_and_how_text_ui(ui, item);
            });
        }
    }
}

/// The item's one-line reason and its fix, labelled.
pub(super) fn why_and_how_text_ui(ui: &mut Ui, item: &ChecklistItem) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Why:").strong());
        ui.label(item.why);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("How to fix:").strong());
        ui.label(item.how_to_fix);
    });
}

/// The saved answer that counts for an item: the same rule as
/// [`checklist::answer_for`] (latest date; on a tie, the last one).
pub(super) fn latest<'a>(answers: &'a [ChecklistAnswer], id: &str) -> Option<&'a ChecklistAnswer> {
    answers
        .iter()
        .filter(|a| a.item == id)
        .max_by_key(|a| a.answered_on)
}
