//! "Visit summary…": the question over Progress that writes the one-page
//! PDF for a physiotherapist or doctor. The period (the last 4, 8 or 12
//! weeks, or two dates), the paper (from the locale until changed) and the
//! file (typed, or chosen in the desktop's dialog as for export); a file
//! already there is replaced only after asking, and a saved one can be
//! opened in the desktop's viewer.
//!
//! The question is anchored near the top of the window and keeps its
//! controls where they are: the dates always show (those of the chosen
//! weeks, or typed), and what became of saving comes below the buttons.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use egui::Ui;

use crate::domain::dates::days_before;
use crate::domain::visit::{DEFAULT_WEEKS, OFFERED_WEEKS, PeriodChoice};
use crate::preferences::VisitSummaryChoice;
use crate::report::{IfExists, Paper};
use crate::ui::command::Command;
use crate::ui::desktop_files::{DesktopFiles, NoDialogs, OpenDialog, Picked};
use crate::ui::event::Event;
use crate::ui::widgets;

/// How dates are typed.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// Which period is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Weeks(u32),
    /// The two typed dates.
    Dates,
}

/// The question's state between frames; closed until "Visit summary…".
pub struct VisitSummaryDialog {
    open: bool,
    span: Span,
    /// The dates as shown: those of the chosen weeks, or as typed.
    from: String,
    to: String,
    paper: Paper,
    /// The file to write, as typed or chosen.
    file: String,
    /// Where the file is offered first (the export folder).
    folder: PathBuf,
    /// The file name offered last, to offer a new day's name next time
    /// unless the person typed another.
    offered: String,
    desktop: Arc<dyn DesktopFiles>,
    /// A file dialog running on its own thread, so the window keeps drawing.
    picking: Option<OpenDialog>,
    /// A save asked for, until what became of it comes back.
    saving: bool,
    /// A file already there, waiting for the person to say whether to
    /// replace it.
    replacing: Option<PathBuf>,
    /// What became of the last save (or dialog, or opening): done or failed.
    outcome: Option<Result<String, String>>,
    /// The outcome last scrolled into sight.
    outcome_revealed: Option<Result<String, String>>,
    /// The file last written, for "Open it".
    saved: Option<PathBuf>,
}

impl Default for VisitSummaryDialog {
    fn default() -> Self {
        Self::new(Path::new(""), Arc::new(NoDialogs))
    }
}

impl VisitSummaryDialog {
    pub fn new(folder: &Path, desktop: Arc<dyn DesktopFiles>) -> Self {
        Self {
            open: false,
            span: Span::Weeks(DEFAULT_WEEKS),
            from: String::new(),
            to: String::new(),
            paper: Paper::from_environment(),
            file: String::new(),
            folder: folder.to_path_buf(),
            offered: String::new(),
            desktop,
            picking: None,
            saving: false,
            replacing: None,
            outcome: None,
            outcome_revealed: None,
            saved: None,
        }
    }

    pub fn set_desktop_files(&mut self, desktop: Arc<dyn DesktopFiles>) {
        self.desktop = desktop;
    }

    /// Chooses the period and paper saved last.
    pub fn offer(&mut self, choice: VisitSummaryChoice) {
        self.span = Span::Weeks(choice.weeks);
        self.paper = choice.paper();
    }

    pub fn set_folder(&mut self, folder: &Path) {
        self.folder = folder.to_path_buf();
    }

    /// Opens the question, with the dates of the chosen weeks and a file
    /// named for `today` (unless another was typed).
    pub fn open(&mut self, today: NaiveDate) {
        self.open = true;
        self.outcome = None;
        self.replacing = None;
        self.saved = None;
        if let Span::Weeks(weeks) = self.span {
            self.show_weeks(weeks, today);
        }
        if self.file.trim().is_empty() || self.file == self.offered {
            let name = format!("unknot-visit-summary-{today}.pdf");
            self.offered = self.folder.join(name).display().to_string();
            self.file = self.offered.clone();
        }
    }

    fn show_weeks(&mut self, weeks: u32, today: NaiveDate) {
        self.span = Span::Weeks(weeks);
        self.from = days_before(today, u64::from(weeks * 7 - 1)).to_string();
        self.to = today.to_string();
    }

    /// Draws the question while it is open.
    pub fn ui(&mut self, ctx: &egui::Context, today: NaiveDate) -> Option<Command> {
        if !self.open {
            return None;
        }
        self.poll_dialog(ctx);
        let mut command = None;
        let mut close = false;
        let screen = ctx.content_rect();
        let area = egui::Modal::default_area(egui::Id::unique("visit_summary"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 24.0))
            .accessible_name("Visit summary");
        let modal = egui::Modal::new(egui::Id::unique("visit_summary"))
            .area(area)
            .show(ctx, |ui| {
                ui.set_width((screen.width() - 64.0).clamp(200.0, 600.0));
                // An area lays its content out in last frame's size; room to
                // grow is given here, so the question grows with what it says
                // (and scrolls only where the window is too short for it).
                ui.set_max_height((screen.height() - 96.0).max(120.0));
                // The title stays put while the rest scrolls.
                widgets::section_title_ui(ui, "Visit summary");
                egui::ScrollArea::vertical().show(ui, |ui| {
                    command = self.contents_ui(ui, today, &mut close);
                });
            });
        if close || (modal.should_close() && self.picking.is_none()) {
            self.open = false;
            self.replacing = None;
        }
        command
    }

    fn contents_ui(&mut self, ui: &mut Ui, today: NaiveDate, close: &mut bool) -> Option<Command> {
        let mut command = None;
        widgets::hint_ui(
            ui,
            "One page for a physiotherapist or doctor: your pain beside what you did, \
             your workstation changes and notes, as a PDF.",
        );
        ui.add_space(4.0);
        // Wrapped on a line of its own: a grid cell does not wrap cleanly.
        self.period_ui(ui, today);
        egui::Grid::new("visit_summary_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let from = ui.label("From");
                self.dates_ui(ui, from.id);
                ui.end_row();
                ui.label("Paper");
                ui.horizontal(|ui| {
                    for paper in [Paper::A4, Paper::Letter] {
                        ui.radio_value(&mut self.paper, paper, paper.label());
                    }
                });
                ui.end_row();
                let label = ui.label("File");
                ui.horizontal(|ui| {
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.file)
                                .id(file_field_id())
                                .desired_width(ui.available_width() - 110.0),
                        )
                        .labelled_by(label.id);
                    if field.changed() {
                        self.replacing = None;
                    }
                    let choose =
                        ui.add_enabled(self.picking.is_none(), egui::Button::new("Choose…"));
                    if choose.clicked() {
                        self.choose_file(ui.ctx());
                    }
                });
                ui.end_row();
            });
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let save = ui.add_enabled(!self.saving, widgets::accent_button(ui, "Save PDF"));
            if save.clicked() {
                command = self.save_command(IfExists::Refuse);
            }
            if ui.button("Close").clicked() {
                *close = true;
            }
        });
        if let Some(c) = self.replace_question_ui(ui) {
            command = Some(c);
        }
        let said = ui.scope(|ui| {
            match &self.outcome {
                Some(Ok(text)) => widgets::success_ui(ui, text),
                Some(Err(text)) => widgets::error_ui(ui, text),
                None => {}
            }
            if let Some(file) = self.saved.clone()
                && ui.button("Open it").clicked()
            {
                self.outcome = Some(match self.desktop.open_file(&file) {
                    Ok(()) => Ok(format!("Opening {} in your PDF viewer.", file.display())),
                    Err(why) => Err(widgets::sentence(&format!(
                        "Could not open it: {why}. The summary is saved at {}",
                        file.display()
                    ))),
                });
            }
        });
        // Something new said is scrolled into sight: in a short window it
        // comes below the question's fold.
        if self.outcome.is_some() && self.outcome != self.outcome_revealed {
            said.response.scroll_to_me(None);
            self.outcome_revealed.clone_from(&self.outcome);
        }
        if command.is_some() {
            self.saving = true;
            self.outcome = None;
            self.saved = None;
        }
        command
    }

    /// The weeks offered as one click each, and "Two dates".
    fn period_ui(&mut self, ui: &mut Ui, today: NaiveDate) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Period");
            for weeks in OFFERED_WEEKS {
                let chosen = self.span == Span::Weeks(weeks);
                if widgets::choice_ui(ui, chosen, format!("Last {weeks} weeks")).clicked() {
                    self.show_weeks(weeks, today);
                    self.replacing = None;
                }
            }
            if widgets::choice_ui(ui, self.span == Span::Dates, "Two dates").clicked() {
                self.span = Span::Dates;
                self.replacing = None;
            }
        });
    }

    /// The first and last day: those of the chosen weeks, or typed (which
    /// chooses "Two dates"). `from_label` names the first field.
    fn dates_ui(&mut self, ui: &mut Ui, from_label: egui::Id) {
        ui.horizontal(|ui| {
            let field = |text| {
                egui::TextEdit::singleline(text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(100.0)
            };
            let mut edited = ui
                .add(field(&mut self.from))
                .labelled_by(from_label)
                .changed();
            let to = ui.label("to");
            edited |= ui.add(field(&mut self.to)).labelled_by(to.id).changed();
            if edited {
                self.span = Span::Dates;
                self.replacing = None;
            }
        });
    }

    /// "Already there": replace it, or keep it.
    fn replace_question_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let file = self.replacing.clone()?;
        let mut command = None;
        ui.label(format!(
            "{} is already there. Replace it with this summary?",
            file.display()
        ));
        ui.horizontal_wrapped(|ui| {
            if ui.button("Replace it").clicked() {
                command = self.save_command(IfExists::Replace);
            }
            if ui.button("Keep it").clicked() {
                self.replacing = None;
                self.outcome = Some(Ok(format!(
                    "Nothing was saved; {} is as it was.",
                    file.display()
                )));
            }
        });
        command
    }

    /// The command that writes the summary as the form stands, or `None`
    /// with the form's problem shown.
    fn save_command(&mut self, if_exists: IfExists) -> Option<Command> {
        self.replacing = None;
        let checked = self.period().and_then(|period| Ok((period, self.file()?)));
        match checked {
            Ok((period, file)) => Some(Command::SaveVisitSummary {
                period,
                paper: self.paper,
                file,
                if_exists,
            }),
            Err(problem) => {
                self.outcome = Some(Err(problem));
                None
            }
        }
    }

    fn period(&self) -> Result<PeriodChoice, String> {
        match self.span {
            Span::Weeks(weeks) => Ok(PeriodChoice::LastWeeks(weeks)),
            Span::Dates => Ok(PeriodChoice::Between {
                from: parse_date("From", &self.from)?,
                to: parse_date("To", &self.to)?,
            }),
        }
    }

    /// The file as typed: a full path, ending in `.pdf` when it was given
    /// no ending.
    fn file(&self) -> Result<PathBuf, String> {
        let typed = self.file.trim();
        if typed.is_empty() {
            return Err("Type where to save the PDF in the File field, or use Choose….".to_owned());
        }
        let mut file = PathBuf::from(typed);
        if !file.is_absolute() {
            return Err(format!(
                "Give the file's full path, starting with /, not \"{typed}\"."
            ));
        }
        if file.extension().is_none() {
            file.set_extension("pdf");
        }
        Ok(file)
    }

    fn choose_file(&mut self, ctx: &egui::Context) {
        let typed = PathBuf::from(self.file.trim());
        let folder = typed
            .parent()
            .filter(|p| p.is_dir())
            .map_or_else(|| self.folder.clone(), Path::to_path_buf);
        let name = typed.file_name().map_or_else(
            || "unknot-visit-summary.pdf".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let desktop = Arc::clone(&self.desktop);
        let opened = OpenDialog::start(ctx, move || {
            desktop.pick_pdf_to_save("Save the visit summary as", &folder, &name)
        });
        match opened {
            Ok(open) => self.picking = Some(open),
            Err(e) => {
                self.outcome = Some(Err(format!(
                    "Could not open a file dialog ({e}); type the file's full path instead."
                )));
            }
        }
    }

    /// Picks up the file chosen in the dialog, if it has closed.
    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(picked) = OpenDialog::take_answer(&mut self.picking) else {
            return;
        };
        match picked {
            Picked::Path(file) => {
                self.file = file.display().to_string();
                self.replacing = None;
            }
            Picked::Cancelled => {}
            Picked::Unavailable(why) => {
                self.outcome = Some(Err(widgets::sentence(&format!(
                    "No file dialog can be opened here: {why}. Type the file's full path in \
                     the File field instead."
                ))));
                ctx.memory_mut(|m| m.request_focus(file_field_id()));
            }
        }
    }

    /// What became of a save this question asked for.
    pub fn on_event(&mut self, event: &Event) {
        match event {
            Event::VisitSummarySaved(result) => {
                self.saving = false;
                self.outcome = Some(
                    result
                        .as_ref()
                        .map(|s| s.text.clone())
                        .map_err(Clone::clone),
                );
                self.saved = result.as_ref().ok().map(|s| s.file.clone());
            }
            Event::VisitSummaryWouldReplace(file) => {
                self.saving = false;
                self.replacing = Some(file.clone());
            }
            _ => {}
        }
    }
}

fn parse_date(name: &str, text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), DATE_FORMAT).map_err(|_| {
        format!(
            "{name}: type the date as year-month-day, for example 2026-09-01, not \"{}\".",
            text.trim()
        )
    })
}

fn file_field_id() -> egui::Id {
    egui::Id::unique("visit_summary_file")
}
