//! The Experiments and Function check sections: drawn from the words and
//! lines the view prepared, nothing worked out here.

use chrono::NaiveDate;
use egui::Ui;

use super::helps::{ExperimentCard, FunctionView};
use super::sparkline::sparkline_ui;
use crate::ui::command::Command;
use crate::ui::widgets;

/// Experiments listed before "Show all".
pub const SHOWN_EXPERIMENTS: usize = 3;

/// Each experiment, newest first (the latest few unless `show_all`), with a
/// Stop button on one that runs. A command when one is stopped.
pub fn experiments_ui(
    ui: &mut Ui,
    cards: &[ExperimentCard],
    show_all: &mut bool,
    today: NaiveDate,
) -> Option<Command> {
    let mut command = None;
    if cards.is_empty() {
        widgets::hint_ui(
            ui,
            "Try one change for a week or more, such as chin tucks every hour or a \
             higher screen. Unknot compares your pain on those days with as many days \
             just before, and shows the days as a band on the pain chart.",
        );
        return None;
    }
    let shown = if *show_all {
        cards.len()
    } else {
        cards.len().min(SHOWN_EXPERIMENTS)
    };
    for (i, card) in cards.iter().take(shown).enumerate() {
        if i > 0 {
            ui.separator();
        }
        if let Some(c) = card_ui(ui, card, today) {
            command = Some(c);
        }
    }
    if cards.len() > SHOWN_EXPERIMENTS {
        let text = if *show_all {
            format!("Show only the latest {SHOWN_EXPERIMENTS}")
        } else {
            format!("Show all {} experiments", cards.len())
        };
        ui.add_space(4.0);
        if ui.button(text).clicked() {
            *show_all = !*show_all;
        }
    }
    command
}

fn card_ui(ui: &mut Ui, card: &ExperimentCard, today: NaiveDate) -> Option<Command> {
    // One label for the words: a list of many is drawn every frame.
    ui.label(card.text.get(ui.ctx().theme()));
    if !card.stoppable {
        return None;
    }
    let stop = ui
        .button(format!("Stop \"{}\"", card.name))
        .on_hover_text("Today becomes its last day.");
    stop.clicked().then_some(Command::StopExperiment {
        id: card.id,
        on: today,
    })
}

/// Each activity's scores over the range with its first and latest, and
/// whether the average change matters.
pub fn function_check_ui(ui: &mut Ui, view: &FunctionView) {
    widgets::hint_ui(
        ui,
        "Once a week you rate each activity from 0 (cannot do it) to 10 (as well as \
         before the trouble began). Today asks when the check is due.",
    );
    ui.add_space(4.0);
    ui.label(view.text.get(ui.ctx().theme()));
    sparkline_ui(ui, &view.chart, &view.chart_label);
}
