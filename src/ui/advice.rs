//! "See a professional" advice from the log, shared by Today and Progress.
//! Worked out once per change of data or date, never per frame.

use chrono::NaiveDate;
use egui::Ui;

use super::data::Data;
use super::widgets;
use crate::domain::advice::{Advice, AdviceRule};

/// Each piece of advice as a line that names the rule behind it.
pub fn reasons(advice: &[Advice]) -> Vec<(AdviceRule, String)> {
    advice
        .iter()
        .map(|a| (a.rule, format!("{}. {}", a.rule.label(), a.message)))
        .collect()
}

/// Today's advice as sentences, made again when the data or the date changes.
#[derive(Default)]
pub struct AdviceCache {
    key: Option<(u64, NaiveDate)>,
    reasons: Vec<(AdviceRule, String)>,
}

impl AdviceCache {
    pub fn refresh(&mut self, data: &Data, today: NaiveDate) {
        let key = Some((data.revision, today));
        if self.key != key {
            self.key = key;
            self.reasons = reasons(&data.facts(today).advice);
        }
    }

    pub fn reasons(&self) -> &[(AdviceRule, String)] {
        &self.reasons
    }
}

/// The notice, when any rule fired; `leave_out` skips one rule (Today leaves
/// out the red flag while its own form already shows one).
pub fn notice_ui(ui: &mut Ui, reasons: &[(AdviceRule, String)], leave_out: Option<AdviceRule>) {
    let lines: Vec<String> = reasons
        .iter()
        .filter(|(rule, _)| Some(*rule) != leave_out)
        .map(|(_, line)| line.clone())
        .collect();
    if lines.is_empty() {
        return;
    }
    widgets::professional_notice_ui(
        ui,
        "It may be time to see a professional",
        &lines,
        "Unknot only sees what you log and cannot tell what is behind it; someone who can \
         examine you can.",
    );
    ui.add_space(super::theme::GAP);
}
