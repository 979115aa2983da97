//! Progress: the long game. Daily pain and its 7-day average (with
//! experiments and days off shaded and flare-ups marked), change from a
//! baseline, weekly routine counts, the weekly function check, experiments
//! and what they showed, a calendar, streaks, one careful observation and,
//! when a rule fires, advice to see a professional.
//!
//! Everything drawn comes from a [`view::ProgressView`] built once per change
//! of data, range, baseline or date.

mod calendar;
mod charts;
mod days;
mod helps;
mod layers;
mod legend;
mod line_series;
mod sections;
mod shape_cache;
mod sparkline;
mod view;
mod visit_summary;

use std::path::Path;
use std::sync::Arc;

use chrono::{FixedOffset, NaiveDate};
use egui::{RichText, Ui};

use super::command::Command;
use super::data::Data;
use super::desktop_files::DesktopFiles;
use super::event::{Event, OnEvent};
use super::experiment_form::ExperimentForm;
use super::record::Record;
use super::screen::Screen;
use super::when::Now;
use super::{advice, theme, widgets};
use crate::domain::trend::ProgressRange;
use crate::preferences::VisitSummaryChoice;
use view::{ProgressView, ViewKey};
use visit_summary::VisitSummaryDialog;

pub struct ProgressScreen {
    range: ProgressRange,
    /// What the baseline control shows, once the user has touched it.
    baseline_input: Option<f64>,
    error: Option<String>,
    view: Option<ProgressView>,
    /// How many times the view was built: once per change, never per frame.
    builds: u64,
    /// "Try something": starts an experiment from here.
    form: ExperimentForm,
    /// Every experiment listed, not only the latest few.
    all_experiments: bool,
    /// The experiment a Stop was asked for, until its result comes back.
    stopping: Option<i64>,
    /// Why the last stop failed.
    stop_error: Option<String>,
    /// "Visit summary…": the one-page PDF.
    visit: VisitSummaryDialog,
}

impl Default for ProgressScreen {
    fn default() -> Self {
        Self {
            range: ProgressRange::default(),
            baseline_input: None,
            error: None,
            view: None,
            builds: 0,
            form: ExperimentForm::new(Screen::Progress),
            all_experiments: false,
            stopping: None,
            stop_error: None,
            visit: VisitSummaryDialog::default(),
        }
    }
}

impl ProgressScreen {
    /// A screen whose visit summary is offered first in `summary_folder`
    /// and asks `desktop` for files.
    pub fn new(summary_folder: &Path, desktop: Arc<dyn DesktopFiles>) -> Self {
        let mut screen = Self::default();
        screen.visit.set_folder(summary_folder);
        screen.visit.set_desktop_files(desktop);
        screen
    }

    pub fn set_desktop_files(&mut self, desktop: Arc<dyn DesktopFiles>) {
        self.visit.set_desktop_files(desktop);
    }

    pub fn range(&self) -> ProgressRange {
        self.range
    }

    pub fn set_range(&mut self, range: ProgressRange) {
        self.range = range;
    }

    /// The period and paper the visit summary offers first: those saved last.
    pub fn offer_visit_summary(&mut self, choice: VisitSummaryChoice) {
        self.visit.offer(choice);
    }

    /// Called after the baseline was saved (or could not be).
    pub fn baseline_saved(&mut self, result: Result<(), String>) {
        self.baseline_input = None;
        self.error = result.err();
    }

    /// Rebuilds the view when what it was built from has changed.
    fn refresh(
        &mut self,
        data: &Data,
        today: NaiveDate,
        zone: FixedOffset,
        baseline: Option<f64>,
    ) -> &ProgressView {
        let key = ViewKey {
            revision: data.revision,
            range: self.range,
            baseline,
            today,
            zone,
        };
        if self.view.as_ref().is_none_or(|v| v.key != key) {
            self.view = None;
            self.builds += 1;
        }
        self.view
            .get_or_insert_with(|| ProgressView::build(key, data))
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &Data,
        now: &Now,
        baseline: Option<f64>,
    ) -> Option<Command> {
        let mut command = None;
        let range = self.range;
        let today = now.today();
        let mut baseline_input = self.baseline_input;
        let mut all_experiments = self.all_experiments;
        let error = self.error.clone();
        let stop_error = self.stop_error.clone();
        let _ = self.refresh(data, today, *now.local.offset(), baseline);
        // Borrowed field by field, so the form can change while the view is read.
        let (Some(view), form) = (self.view.as_ref(), &mut self.form) else {
            return None;
        };

        ui.horizontal(|ui| {
            ui.heading("Progress");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button = ui.button("Visit summary…").on_hover_text(
                    "A one-page PDF of your pain and what you did, for a physiotherapist \
                     or doctor",
                );
                if button.clicked() {
                    self.visit.open(today);
                }
            });
        });
        ui.add_space(4.0);
        advice::notice_ui(ui, &view.advice, None);
        if let Some(e) = &data.error {
            widgets::error_ui(ui, &format!("Could not read your log: {e}"));
        }

        ui.horizontal_wrapped(|ui| {
            for option in ProgressRange::ALL {
                if widgets::choice_ui(ui, option == range, option.label()).clicked() {
                    command = Some(Command::SetProgressRange(option));
                }
            }
            ui.add_space(8.0);
            // Whole, on the next line when it does not fit beside the buttons.
            ui.add(
                egui::Label::new(
                    RichText::new(&view.range_summary).color(theme::palette(ui.ctx()).muted),
                )
                .wrap_mode(egui::TextWrapMode::Extend),
            );
        });
        if let Some(text) = &view.adherence_text {
            widgets::hint_ui(ui, text);
        }
        ui.add_space(theme::GAP);

        if data.checkins.is_empty() {
            widgets::empty_state_ui(
                ui,
                "Nothing to chart yet",
                "Save a pain rating on the Today screen each day. After a week the lines \
                 start to mean something; after a few weeks you can see whether your \
                 routine is helping.",
            );
            ui.add_space(theme::GAP);
        }

        section(ui, "Pain", |ui| {
            widgets::hint_ui(
                ui,
                if view.weekly_resolution {
                    "Over a span this long each point is one week's average. Weeks without \
                     a check-in are left blank."
                } else {
                    "Each dot is one day's rating; the line is the average of the check-ins \
                     in the last 7 days, and breaks only where a whole week has none."
                },
            );
            charts::pain_chart_ui(ui, view);
            if let Some(text) = &view.helps.flare_text {
                ui.label(text);
            }
        });

        section(ui, "Change from your baseline", |ui| {
            ui.label(&view.baseline_text);
            if let Some(text) = &view.change_text {
                ui.label(text);
            }
            charts::change_chart_ui(ui, view);
            if let Some(c) = baseline_control_ui(ui, view, &mut baseline_input, error.as_deref()) {
                command = Some(c);
            }
        });

        section(ui, "Routines each week", |ui| {
            widgets::hint_ui(ui, &view.weekly.hint);
            charts::weekly_chart_ui(ui, view);
        });

        if let Some(function) = &view.helps.function {
            section(ui, "Function check", |ui| {
                sections::function_check_ui(ui, function);
            });
        }

        section(ui, "Experiments", |ui| {
            if let Some(e) = &stop_error {
                widgets::error_ui(ui, e);
            }
            if let Some(c) =
                sections::experiments_ui(ui, &view.helps.experiments, &mut all_experiments, today)
            {
                command = Some(c);
            }
            ui.add_space(theme::GAP / 2.0);
            if let Some(c) = form.ui(ui, now, "Start an experiment") {
                command = Some(c);
            }
        });

        section(ui, "Calendar", |ui| {
            if view.calendar.clipped {
                widgets::hint_ui(ui, "The last 12 months.");
            }
            calendar::calendar_ui(ui, &view.calendar);
            calendar::legend_ui(ui);
        });

        section(ui, "Streaks", |ui| streaks_ui(ui, view));

        section(ui, "Next-day pain", |ui| {
            if view.insight_ready {
                ui.label(&view.insight_text);
            } else {
                widgets::hint_ui(ui, &view.insight_text);
            }
        });

        if let Some(c) = self.visit.ui(ui.ctx(), today) {
            command = Some(c);
        }
        self.baseline_input = baseline_input;
        self.all_experiments = all_experiments;
        if let Some(Command::StopExperiment { id, .. }) = &command {
            self.stopping = Some(*id);
            self.stop_error = None;
        }
        command
    }
}

fn section(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, title);
        add(ui);
    });
    ui.add_space(theme::GAP);
}

fn streaks_ui(ui: &mut Ui, view: &ProgressView) {
    egui::Grid::new("progress_streaks")
        .num_columns(3)
        .spacing([28.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Current").color(theme::palette(ui.ctx()).muted));
            ui.label(RichText::new("Longest").color(theme::palette(ui.ctx()).muted));
            ui.end_row();
            for (what, now, best) in &view.streak_rows {
                ui.label(*what);
                ui.label(RichText::new(now).strong());
                ui.label(RichText::new(best).strong());
                ui.end_row();
            }
        });
    widgets::hint_ui(
        ui,
        "A streak still counts today until the day is over, so there is time to check in.",
    );
}

/// "Set my baseline": a value from 0 to 10, or back to the first check-ins.
fn baseline_control_ui(
    ui: &mut Ui,
    view: &ProgressView,
    input: &mut Option<f64>,
    error: Option<&str>,
) -> Option<Command> {
    let mut command = None;
    let current = view.data.baseline.map_or(5.0, |b| b.value);
    let user_set = view.key.baseline.is_some();
    ui.horizontal(|ui| {
        let label = ui.label("Set my baseline");
        let mut value = input.unwrap_or((current * 10.0).round() / 10.0);
        let drag = ui
            .add(
                egui::DragValue::new(&mut value)
                    .range(0.0..=10.0)
                    .speed(0.1)
                    .fixed_decimals(1),
            )
            .labelled_by(label.id);
        if drag.changed() {
            *input = Some(value);
        }
        if ui
            .add_enabled(input.is_some(), egui::Button::new("Use this baseline"))
            .clicked()
        {
            command = Some(Command::SetBaseline(Some(value)));
        }
        if user_set && ui.button("Use my first check-ins").clicked() {
            command = Some(Command::SetBaseline(None));
        }
    });
    widgets::hint_ui(
        ui,
        "If your first week was unusual, set the pain level you want to measure against.",
    );
    if let Some(e) = error {
        widgets::error_ui(ui, e);
    }
    command
}

impl OnEvent for ProgressScreen {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        match event {
            Event::ProgressRangeChosen(range) => self.set_range(*range),
            Event::BaselineSaved(result) => self.baseline_saved(result.clone()),
            Event::RecordUpdated(result) if self.stopping.is_some() => match result {
                Ok(Record::Experiment(stored)) if Some(stored.id) == self.stopping => {
                    self.stopping = None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.stopping = None;
                    self.stop_error = Some(format!("Could not stop the experiment: {e}"));
                }
            },
            _ => {}
        }
        self.form.on_event(event);
        self.visit.on_event(event);
        None
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_view_is_built_once_per_change_not_per_frame() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let history = crate::demo::generate(60, today, 1);
        let mut data = Data::with_records(history.checkins, history.sessions);
        data.revision = 1;
        let mut screen = ProgressScreen::default();
        let zone = FixedOffset::east_opt(3600).unwrap();
        for _ in 0..5 {
            let _ = screen.refresh(&data, today, zone, None);
        }
        assert_eq!(screen.builds, 1);
        data.revision += 1;
        let _ = screen.refresh(&data, today, zone, None);
        screen.set_range(ProgressRange::Weeks4);
        let _ = screen.refresh(&data, today, zone, None);
        let _ = screen.refresh(&data, today, zone, Some(6.0));
        let _ = screen.refresh(&data, today.succ_opt().unwrap(), zone, Some(6.0));
        let view = screen.refresh(&data, today.succ_opt().unwrap(), zone, Some(6.0));
        assert_eq!(view.key.range, ProgressRange::Weeks4);
        assert_eq!(screen.builds, 5);
    }
}
