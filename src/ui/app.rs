//! `UnknotApp`: owns the store, the current screen and each screen's cached
//! view data. Screens return a [`Command`]; [`UnknotApp::apply`] carries it out
//! once, writes through the store and refreshes only what the write affects.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::reminders::{ReminderAction, ReminderRuntime};
use super::settings::SettingsScreen;
use super::when::Now;
use super::{advice, ergonomics, heat, history, progress, routines, theme, today, widgets};
use crate::domain::checklist::{self, ChecklistAnswer, ChecklistReview};
use crate::domain::clock::Clock;
use crate::domain::pain::{CheckIn, Rating};
use crate::domain::session::Session;
use crate::domain::trend::ProgressRange;
use crate::notify::{DesktopNotifier, Notifier};
use crate::preferences::{PreferenceKey, Preferences};
use crate::reminders::ReminderSettings;
use crate::store::{Store, StoreError};

/// Everything the screens draw from, loaded at start and after each write,
/// never during a frame. Screens that derive series from it compare
/// `revision` to know when to recompute.
#[derive(Debug, Default)]
pub struct Data {
    /// Oldest first.
    pub checkins: Vec<CheckIn>,
    /// Oldest first.
    pub sessions: Vec<Session>,
    /// The saved answer to each checklist item (including items since
    /// dropped from the list, which the domain rules ignore).
    pub checklist: Vec<ChecklistAnswer>,
    /// Finished checklist reviews, oldest first.
    pub reviews: Vec<ChecklistReview>,
    /// When the person said their desk changed, if no review has happened since.
    pub desk_changed_at: Option<DateTime<Utc>>,
    /// Bumped after every successful write.
    pub revision: u64,
    /// Posture checks recorded today.
    pub posture_checks_today: u32,
    /// Why the last reload failed, if it did.
    pub error: Option<String>,
}

/// The application id: the window's app id, the desktop entry and AppStream id.
pub const APP_ID: &str = "io.github.unknot.Unknot";

/// The screens reachable from the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Routines,
    Heat,
    Progress,
    Ergonomics,
    History,
    Settings,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Today,
        Screen::Routines,
        Screen::Heat,
        Screen::Progress,
        Screen::Ergonomics,
        Screen::History,
        Screen::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Routines => "Routines",
            Screen::Heat => "Heat",
            Screen::Progress => "Progress",
            Screen::Ergonomics => "Ergonomics",
            Screen::History => "History",
            Screen::Settings => "Settings",
        }
    }
}

/// Which part of which screen a session comes from, so the outcome of saving
/// it goes back to the right place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The guided routine player.
    RoutinePlayer,
    /// The "log without the player" form.
    RoutineLog,
    /// The heat-pack timer.
    HeatTimer,
    /// The "I used a heat pack earlier" form.
    HeatLog,
}

/// Something a screen asks the app to do. Applied once, after drawing.
#[must_use]
#[derive(Debug, Clone)]
pub enum Command {
    Navigate(Screen),
    /// Go to Today and show (and load) the check-in form for a date.
    ShowDate(NaiveDate),
    SaveCheckIn(CheckIn),
    /// Delete one day's check-in (after the user confirmed).
    DeleteCheckIn(NaiveDate),
    /// Put back a deleted check-in (undo).
    RestoreCheckIn(CheckIn),
    DismissIntro,
    /// Write the three CSV files into a folder.
    ExportCsv(PathBuf),
    /// Read CSV files from a folder and add what is new.
    ImportCsv(PathBuf),
    BackupNow,
    /// Replace the data with this backup (the current data is kept beside it).
    RestoreBackup(PathBuf),
    /// A click on the reminder banner, then maybe a screen to open.
    Reminder(ReminderAction, Option<Screen>),
    SaveReminderSettings(ReminderSettings),
    /// Add (true) or remove (false) the entry that starts Unknot at login.
    SetAutostart(bool),
    /// Save one checklist answer (from the list or the review walk-through).
    SaveChecklistAnswer(ChecklistAnswer),
    /// Go to Ergonomics and start the one-item-at-a-time review.
    StartChecklistReview,
    /// Record the review in progress as finished, with the current score.
    FinishChecklistReview,
    /// Note that the desk setup changed, so a review is due.
    MarkDeskChanged,
    /// Record a finished, stopped or hand-logged session.
    SaveSession {
        session: Session,
        origin: Origin,
    },
    /// Answer (or clear) "how does your back feel now" for a saved session.
    SetFeelAfter {
        id: i64,
        feel_after: Option<Rating>,
        origin: Origin,
    },
    /// Open Routines with this ready-made routine picked out.
    SuggestRoutine(&'static str),
    SetProgressRange(ProgressRange),
    /// A baseline pain level to measure change against; `None` goes back to
    /// the mean of the first check-ins.
    SetBaseline(Option<f64>),
}

mod habits;
mod preferences;
mod safekeeping;

pub struct UnknotApp {
    store: Store,
    clock: Arc<dyn Clock>,
    notifier: Arc<dyn Notifier>,
    screen: Screen,
    today: today::TodayScreen,
    routines: routines::RoutinesScreen,
    heat: heat::HeatScreen,
    history: history::HistoryView,
    settings: SettingsScreen,
    reminders: ReminderRuntime,
    /// The configuration folder holding the autostart entry, if any.
    config_dir: Option<PathBuf>,
    autostart_installed: bool,
    ergonomics: ergonomics::ErgonomicsScreen,
    progress: progress::ProgressScreen,
    advice: advice::AdviceCache,
    /// The preferences in force, read once at start.
    preferences: Preferences,
    /// Preferences whose last save failed, saved again with the next change.
    unsaved_preferences: Vec<PreferenceKey>,
    data: Data,
    /// The local date when the last frame was drawn, to notice midnight
    /// (or a time-zone change) while the window stays open.
    last_today: NaiveDate,
    /// What went wrong with the data's safekeeping at start (a failed daily
    /// backup, a damaged file, a folder that cannot be private), shown above
    /// every screen until dismissed.
    safekeeping_notices: Vec<String>,
}

impl UnknotApp {
    /// Builds the app over an open store. `clock` is injected so tests control time.
    pub fn new(ctx: &egui::Context, store: Store, clock: Arc<dyn Clock>) -> Self {
        theme::apply(ctx);
        let today_date = clock.today();
        let preferences = preferences::load(&store);
        let mut app = Self {
            today: today::TodayScreen::new(today_date),
            routines: routines::RoutinesScreen::new(today_date),
            heat: heat::HeatScreen::new(today_date),
            history: history::HistoryView::default(),
            settings: SettingsScreen::new(&safekeeping::default_export_dir(store.path())),
            reminders: ReminderRuntime::new(
                &preferences,
                Arc::new(DesktopNotifier),
                clock.local_now(),
            ),
            config_dir: crate::autostart::config_dir(),
            autostart_installed: false,
            ergonomics: ergonomics::ErgonomicsScreen::default(),
            progress: progress::ProgressScreen::default(),
            advice: advice::AdviceCache::default(),
            preferences,
            unsaved_preferences: Vec::new(),
            store,
            clock,
            notifier: Arc::new(DesktopNotifier),
            screen: Screen::Today,
            data: Data::default(),
            last_today: today_date,
            safekeeping_notices: Vec::new(),
        };
        app.safekeeping_notices = app.store.warnings().to_vec();
        app.autostart_installed = app
            .config_dir
            .as_deref()
            .is_some_and(crate::autostart::is_installed);
        app.progress.set_range(app.preferences.progress_range);
        app.load_today_form(today_date);
        app.reload_data();
        app
    }

    /// Sends notifications through `notifier` instead of the desktop's service
    /// (tests record them instead).
    #[must_use]
    pub fn with_notifier(mut self, notifier: Arc<dyn Notifier>) -> Self {
        self.reminders.set_notifier(Arc::clone(&notifier));
        self.notifier = notifier;
        self
    }

    /// Keeps the autostart entry under `dir` instead of the user's config folder.
    #[must_use]
    pub fn with_config_dir(mut self, dir: PathBuf) -> Self {
        self.autostart_installed = crate::autostart::is_installed(&dir);
        self.config_dir = Some(dir);
        self
    }

    /// Adds a plain-words notice about the data's safekeeping (for example
    /// that today's backup failed) to show above every screen.
    #[must_use]
    pub fn with_safekeeping_notice(mut self, notice: String) -> Self {
        self.safekeeping_notices.push(notice);
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The range the progress screen shows.
    pub fn progress_range(&self) -> ProgressRange {
        self.progress.range()
    }

    /// The baseline the user set, if any.
    pub fn user_baseline(&self) -> Option<f64> {
        self.preferences.baseline_pain
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Navigate(screen) => self.screen = screen,
            Command::ShowDate(date) => {
                self.screen = Screen::Today;
                self.load_today_form(date);
            }
            Command::SaveCheckIn(checkin) => match self.store.save_checkin(&checkin) {
                Ok(()) => {
                    self.today.saved(checkin);
                    self.reload_data();
                }
                Err(e) => self.today.failed(e.to_string()),
            },
            Command::ExportCsv(folder) => self.export_csv(&folder),
            Command::ImportCsv(folder) => self.import_csv(&folder),
            Command::BackupNow => self.backup_now(),
            Command::RestoreBackup(file) => self.restore_backup(&file),
            Command::Reminder(action, then) => self.reminder_action(action, then),
            Command::SaveReminderSettings(settings) => self.save_reminder_settings(settings),
            Command::SetAutostart(on) => self.set_autostart(on),
            Command::DeleteCheckIn(date) => {
                let deleted = self.store.checkin_on(date).and_then(|found| {
                    self.store.delete_checkin(date)?;
                    Ok(found)
                });
                match deleted {
                    Ok(Some(checkin)) => {
                        self.history.deleted(checkin);
                        if self.today.date() == date {
                            self.load_today_form(date);
                        }
                        self.reload_data();
                    }
                    Ok(None) => {}
                    Err(e) => self.history.failed(format!("Nothing was deleted: {e}")),
                }
            }
            Command::RestoreCheckIn(checkin) => match self.store.save_checkin(&checkin) {
                Ok(()) => {
                    let date = checkin.date;
                    self.history.restored();
                    if self.today.date() == date {
                        self.load_today_form(date);
                    }
                    self.reload_data();
                }
                Err(e) => self.history.failed(format!("Could not put it back: {e}")),
            },
            Command::DismissIntro => {
                // Failing to remember this only means the note shows again next time.
                let _ = self.change_preferences(|p| p.intro_dismissed = true);
            }
            Command::SaveChecklistAnswer(answer) => {
                match self.store.save_checklist_answer(&answer) {
                    Ok(()) => {
                        self.reload_data();
                        if self.ergonomics.answer_saved(&answer.item) {
                            self.apply(Command::FinishChecklistReview);
                        }
                    }
                    Err(e) => self.ergonomics.answer_failed(answer, e.to_string()),
                }
            }
            Command::StartChecklistReview => {
                self.screen = Screen::Ergonomics;
                self.ergonomics.start_review();
            }
            Command::FinishChecklistReview => {
                let review = ChecklistReview::new(
                    self.clock.utc_now(),
                    self.clock.today(),
                    checklist::score(&self.data.checklist),
                    self.data.desk_changed_at.is_some(),
                );
                match self.store.add_checklist_review(&review) {
                    Ok(_) => {
                        self.reload_data();
                        self.ergonomics.review_saved(review);
                    }
                    Err(e) => self.ergonomics.review_failed(e.to_string()),
                }
            }
            Command::MarkDeskChanged => match self.store.mark_desk_changed(self.clock.utc_now()) {
                Ok(()) => {
                    self.ergonomics.desk_change_saved();
                    self.reload_data();
                }
                Err(e) => self.ergonomics.desk_change_failed(e.to_string()),
            },
            Command::SaveSession { session, origin } => {
                let result = self.store.add_session(&session);
                if result.is_ok() {
                    self.reload_data();
                }
                let result = result.map_err(|e| widgets::sentence(&e.to_string()));
                match origin {
                    Origin::RoutinePlayer | Origin::RoutineLog => {
                        self.routines.save_result(origin, &session, result);
                    }
                    Origin::HeatTimer | Origin::HeatLog => {
                        self.heat.save_result(origin, &session, result);
                    }
                }
            }
            Command::SetFeelAfter {
                id,
                feel_after,
                origin,
            } => {
                let result = self.store.set_session_feel_after(id, feel_after);
                if result.is_ok() {
                    self.reload_data();
                }
                let result = result.map_err(|e| widgets::sentence(&e.to_string()));
                match origin {
                    Origin::RoutinePlayer | Origin::RoutineLog => {
                        self.routines.feel_result(result);
                    }
                    Origin::HeatTimer | Origin::HeatLog => self.heat.feel_result(result),
                }
            }
            Command::SuggestRoutine(template_id) => {
                self.routines.suggest(template_id);
                self.screen = Screen::Routines;
            }
            Command::SetProgressRange(range) => {
                self.progress.set_range(range);
                // Only a preference: if it cannot be saved, the next start shows 12 weeks.
                let _ = self.change_preferences(|p| p.progress_range = range);
            }
            Command::SetBaseline(value) => {
                // "None": the first check-ins decide.
                let value = value.map(|v| (v * 10.0).round() / 10.0);
                match self.change_preferences_if_saved(|p| p.baseline_pain = value) {
                    Ok(()) => self.progress.baseline_saved(Ok(())),
                    Err(e) => self
                        .progress
                        .baseline_saved(Err(format!("Could not save your baseline: {e}"))),
                }
            }
        }
    }

    fn load_today_form(&mut self, date: NaiveDate) {
        match self.store.checkin_on(date) {
            Ok(saved) => self.today.show_date(date, saved),
            Err(e) => {
                self.today.show_date(date, None);
                self.today
                    .failed(format!("Could not read the saved check-in: {e}"));
            }
        }
    }

    /// Re-reads what the screens show after a write, and bumps the revision
    /// so derived views recompute once.
    fn reload_data(&mut self) {
        match load(&self.store, self.clock.today()) {
            Ok(loaded) => {
                self.data = Data {
                    revision: self.data.revision,
                    ..loaded
                };
            }
            Err(e) => self.data.error = Some(e.to_string()),
        }
        self.data.revision += 1;
    }

    fn nav_ui(&self, ui: &mut Ui, now: &Now) -> Option<Command> {
        let mut command = None;
        ui.add_space(14.0);
        ui.horizontal(|ui| {
            ui.add_space(6.0);
            ui.label(
                RichText::new("Unknot")
                    .size(22.0)
                    .strong()
                    .color(theme::ACCENT),
            );
        });
        ui.add_space(14.0);
        for screen in Screen::ALL {
            let selected = self.screen == screen;
            let button =
                egui::Button::selectable(selected, RichText::new(screen.label()).size(16.0))
                    .min_size(egui::vec2(ui.available_width(), 34.0));
            if ui.add(button).clicked() {
                command = Some(Command::Navigate(screen));
            }
        }
        // Running timers stay in sight on every screen; a click leads back to them.
        let running = [
            (Screen::Routines, self.routines.status(now.instant)),
            (Screen::Heat, self.heat.status(now.instant)),
        ];
        for (screen, status) in running {
            let Some(status) = status else { continue };
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.add_space(6.0);
                let link = ui.link(RichText::new(status).color(theme::ACCENT).strong());
                if link.clicked() {
                    command = Some(Command::Navigate(screen));
                }
            });
        }
        command
    }

    fn content_ui(&mut self, ui: &mut Ui, now: &Now) -> Option<Command> {
        let today_date = now.today();
        match self.screen {
            Screen::Today => {
                self.advice.refresh(&self.data, today_date);
                let context = today::TodayContext {
                    today: today_date,
                    intro_dismissed: self.preferences.intro_dismissed,
                    setup_due: ergonomics::review_due(&self.data, today_date),
                    now: now.utc(),
                    data: &self.data,
                    advice: self.advice.reasons(),
                };
                self.today.ui(ui, &context)
            }
            Screen::Progress => {
                self.progress
                    .ui(ui, &self.data, today_date, self.preferences.baseline_pain)
            }
            Screen::Ergonomics => self.ergonomics.ui(ui, &self.data, today_date),
            // Drawn directly by `ui`, which gives History its own row-by-row scrolling.
            Screen::History => None,
            Screen::Settings => {
                let backup_dir = self.store.backup_dir();
                let autostart = self
                    .config_dir
                    .as_deref()
                    .map(|dir| (crate::autostart::entry_path(dir), self.autostart_installed));
                self.settings.ui(
                    ui,
                    self.store.path(),
                    &backup_dir,
                    self.reminders.settings(),
                    self.reminders.is_paused(self.clock.local_now()),
                    autostart,
                )
            }
            Screen::Routines => self.routines.ui(ui, &self.data, now),
            Screen::Heat => self.heat.ui(ui, &self.data, now),
        }
    }
}

/// Everything [`Data`] holds, read from the store in one go.
fn load(store: &Store, today: NaiveDate) -> Result<Data, StoreError> {
    Ok(Data {
        checkins: store.checkins()?,
        sessions: store.sessions()?,
        checklist: store.checklist_answers()?,
        reviews: store.checklist_reviews()?,
        desk_changed_at: store.desk_changed_at()?,
        posture_checks_today: store.posture_checks_on(today)?,
        revision: 0,
        error: None,
    })
}

impl eframe::App for UnknotApp {
    /// Runs before each frame and also while the window is hidden: time-driven
    /// work (timers, reminders, the date rolling over) lives here so it happens
    /// even when nothing is drawn.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.follow_the_date(ctx);
        self.tick_timers(ctx);
        let now = self.clock.local_now();
        if let Some(wait) = self.reminders.tick(now, &self.data) {
            ctx.request_repaint_after(wait);
        }
        self.remember_reminder_state();
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.settings.poll_dialog();
        let now = Now::read(self.clock.as_ref());
        let mut command = None;
        if !self.safekeeping_notices.is_empty() {
            egui::Panel::top("safekeeping_notice")
                .frame(
                    egui::Frame::new()
                        .fill(theme::CARD)
                        .inner_margin(egui::Margin::symmetric(16, 10)),
                )
                .show(ui, |ui| {
                    for notice in &self.safekeeping_notices {
                        widgets::error_ui(ui, notice);
                    }
                    if ui.button("Dismiss").clicked() {
                        self.safekeeping_notices.clear();
                    }
                });
        }
        if self.reminders.has_banner() {
            egui::Panel::top("reminder_banner")
                .frame(egui::Frame::new())
                .show(ui, |ui| {
                    command = self.reminders.banner_ui(ui);
                });
        }
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(180.0)
            .show(ui, |ui| {
                if let Some(c) = self.nav_ui(ui, &now) {
                    command = Some(c);
                }
            });
        if self.screen == Screen::Today {
            egui::Panel::bottom("today_footer")
                .frame(
                    egui::Frame::new()
                        .fill(theme::CARD)
                        .inner_margin(egui::Margin::symmetric(8, 10)),
                )
                .show(ui, |ui| {
                    if let Some(c) = self.today.footer_ui(ui, now.utc()) {
                        command = Some(c);
                    }
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(theme::PAGE).inner_margin(24))
            .show(ui, |ui| {
                if self.screen == Screen::History {
                    // History scrolls its own rows, laying out only those in view.
                    ui.set_max_width(860.0);
                    if let Some(c) = self.history.ui(ui, &self.data) {
                        command = Some(c);
                    }
                    return;
                }
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.set_max_width(760.0);
                        if let Some(c) = self.content_ui(ui, &now) {
                            command = Some(c);
                        }
                    });
            });
        if let Some(command) = command {
            self.apply(command);
            ui.ctx().request_repaint();
        }
    }
}
