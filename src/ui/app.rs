//! `UnknotApp`: owns the store, the current screen and each screen's cached
//! view data. Screens return a [`Command`]; [`UnknotApp::apply`] carries it out
//! once, writes through the store and refreshes only what the write affects.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::command::Command;
use super::data::Data;
use super::desktop_files::{DesktopDialogs, DesktopFiles};
use super::reminders::ReminderRuntime;
use super::screen::Screen;
use super::settings::{Nudges, SettingsScreen};
use super::when::Now;
use super::{
    advice, ergonomics, heat, history, keyboard, progress, routines, theme, today, widgets,
};
use crate::domain::clock::Clock;
use crate::domain::trend::ProgressRange;
use crate::notify::{DesktopNotifier, Notifier};
use crate::preferences::{Appearance, PreferenceKey, Preferences};
use crate::shutdown::ShutdownRequest;
use crate::store::Store;

mod backup_and_export;
mod closing;
mod commands;
mod outside_changes;
mod preferences;
mod presence;
mod timers_and_reminders;
mod visit_summary;
mod window;

/// The width of the navigation column, in points.
const NAVIGATION_WIDTH: f32 = 180.0;
/// A window narrower than this, in points (so a large zoom counts), has
/// the screens' buttons in a bar across the top, and the content the whole
/// width: beside a column it would be too narrow to read.
const NARROW_WINDOW_WIDTH: f32 = 600.0;

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
    /// Whether the autostart entry starts Unknot, read (and an earlier
    /// version's entry brought up to date) when Settings first shows it.
    autostart_installed: Option<bool>,
    ergonomics: ergonomics::ErgonomicsScreen,
    progress: progress::ProgressScreen,
    advice: advice::AdviceCache,
    /// The preferences in force, read once at start.
    preferences: Preferences,
    /// Preferences whose last save failed, saved again with the next change.
    unsaved_preferences: Vec<PreferenceKey>,
    /// The appearance last given to egui, to notice a new choice.
    appearance_shown: Appearance,
    data: Data,
    /// The local date when the last frame was drawn, to notice midnight
    /// (or a time-zone change) while the window stays open.
    last_today: NaiveDate,
    /// What went wrong with the data's safekeeping at start (a failed daily
    /// backup, a damaged file, a folder that cannot be private), shown above
    /// every screen until dismissed.
    safekeeping_notices: Vec<String>,
    /// Whether the window may close, or is asking first.
    closing: closing::Closing,
    /// Raised by a signal: save what is safe and close.
    shutdown: ShutdownRequest,
    /// The window's size, position and zoom, to save when they change.
    window: window::WindowMemory,
    /// A screen was opened from the keyboard: the next frame puts the focus
    /// on its content (see `keyboard`).
    focus_content: bool,
    /// Notices what other processes write while the window is open.
    outside: outside_changes::OutsideChanges,
    /// The window's claim on the session bus.
    presence: presence::WindowPresence,
}

impl UnknotApp {
    /// Builds the app over an open store. `clock` is injected so tests control time.
    pub fn new(ctx: &egui::Context, store: Store, clock: Arc<dyn Clock>) -> Self {
        theme::apply(ctx);
        let today_date = clock.today();
        let preferences = preferences::load(&store);
        let notifier: Arc<dyn Notifier> = Arc::new(DesktopNotifier::new());
        let desktop: Arc<dyn DesktopFiles> = Arc::new(DesktopDialogs);
        let export_dir = backup_and_export::default_export_dir(store.path());
        let mut app = Self {
            today: today::TodayScreen::new(today_date),
            routines: routines::RoutinesScreen::new(today_date),
            heat: heat::HeatScreen::new(today_date),
            history: history::HistoryView::default(),
            settings: SettingsScreen::new(&export_dir, Arc::clone(&desktop)),
            reminders: ReminderRuntime::new(&preferences, Arc::clone(&notifier), clock.local_now()),
            config_dir: crate::autostart::config_dir(),
            autostart_installed: None,
            ergonomics: ergonomics::ErgonomicsScreen::default(),
            progress: progress::ProgressScreen::new(&export_dir, desktop),
            advice: advice::AdviceCache::default(),
            preferences,
            unsaved_preferences: Vec::new(),
            appearance_shown: Appearance::default(),
            store,
            clock,
            notifier,
            screen: Screen::Today,
            data: Data::default(),
            last_today: today_date,
            safekeeping_notices: Vec::new(),
            closing: closing::Closing::Open,
            shutdown: ShutdownRequest::new(),
            window: window::WindowMemory::default(),
            focus_content: false,
            outside: outside_changes::OutsideChanges::default(),
            presence: presence::WindowPresence::default(),
        };
        app.safekeeping_notices = app.store.warnings().to_vec();
        app.progress.set_range(app.preferences.progress_range);
        app.progress
            .offer_visit_summary(app.preferences.visit_summary);
        app.restore_zoom(ctx);
        app.restore_appearance(ctx);
        app.reload_data();
        app.show_date(today_date);
        app.watch_outside_changes(ctx, outside_changes::LOOK_EVERY);
        app
    }

    /// Looks for changes other processes made every `every` instead of the
    /// default (tests shorten it).
    #[must_use]
    pub fn looking_for_outside_changes_every(mut self, every: std::time::Duration) -> Self {
        if let Some(ctx) = self.outside.context() {
            self.watch_outside_changes(&ctx, every);
        }
        self
    }

    /// Sends notifications through `notifier` instead of the desktop's service
    /// (tests record them instead).
    #[must_use]
    pub fn with_notifier(mut self, notifier: Arc<dyn Notifier>) -> Self {
        self.reminders.set_notifier(Arc::clone(&notifier));
        self.notifier = notifier;
        self
    }

    /// Asks for folders and files, and opens saved ones, through `desktop`
    /// instead of the desktop's own dialogs and viewer (tests never open a
    /// real one).
    #[must_use]
    pub fn with_desktop_files(mut self, desktop: Arc<dyn DesktopFiles>) -> Self {
        self.settings.set_desktop_files(Arc::clone(&desktop));
        self.progress.set_desktop_files(desktop);
        self
    }

    /// Keeps the autostart entry under `dir` instead of the user's config folder.
    #[must_use]
    pub fn with_config_dir(mut self, dir: PathBuf) -> Self {
        self.autostart_installed = None;
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

    /// Saves what is safe and closes when `request` is raised (by a signal).
    #[must_use]
    pub fn with_shutdown_request(mut self, request: ShutdownRequest) -> Self {
        self.shutdown = request;
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

    /// Re-reads what the screens show after a write, and bumps the revision
    /// so derived views recompute once.
    fn reload_data(&mut self) {
        self.data.reload(&self.store, self.clock.today());
    }

    /// The screen buttons, each with its shortcut in the tooltip, and the
    /// running timers. One used from the keyboard (it has the focus) also
    /// sends the focus on to the screen it opens.
    /// In a column (`bar` false) the name comes first and each button takes
    /// the column's width; in a bar across the top they follow each other
    /// and wrap.
    fn nav_ui(&mut self, ui: &mut Ui, now: &Now, bar: bool) -> Option<Command> {
        let mut command = None;
        if !bar {
            ui.add_space(14.0);
            ui.horizontal(|ui| {
                ui.add_space(6.0);
                ui.label(
                    RichText::new("Unknot")
                        .size(22.0)
                        .strong()
                        .color(theme::palette(ui.ctx()).accent),
                );
            });
            ui.add_space(14.0);
        }
        for screen in Screen::ALL {
            let selected = self.screen == screen;
            let button =
                egui::Button::selectable(selected, RichText::new(screen.label()).size(16.0));
            let button = if bar {
                button.min_size(egui::vec2(0.0, 30.0))
            } else {
                button.min_size(egui::vec2(ui.available_width(), 34.0))
            };
            let mut response = ui.add(button);
            if let Some(shortcut) = keyboard::screen_shortcut(screen) {
                let keys = ui.ctx().format_shortcut(&shortcut);
                response = response.on_hover_text(format!("{} ({keys})", screen.label()));
            }
            if response.clicked() {
                command = Some(Command::Navigate(screen));
                self.focus_content |= response.has_focus();
            }
        }
        // Running timers stay in sight on every screen; a click leads back to them.
        let running = [
            (Screen::Routines, self.routines.status(now.moment)),
            (Screen::Heat, self.heat.status(now.moment)),
        ];
        for (screen, status) in running {
            let Some(status) = status else { continue };
            let timer_ui = |ui: &mut Ui| {
                let link = ui.link(
                    RichText::new(status)
                        .color(theme::palette(ui.ctx()).accent)
                        .strong(),
                );
                if link.clicked() {
                    command = Some(Command::Navigate(screen));
                    self.focus_content |= link.has_focus();
                }
            };
            if bar {
                timer_ui(ui);
            } else {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.add_space(6.0);
                    timer_ui(ui);
                });
            }
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
                    now: *now,
                    data: &self.data,
                    advice: self.advice.reasons(),
                };
                self.today.ui(ui, &context)
            }
            Screen::Progress => {
                self.progress
                    .ui(ui, &self.data, now, self.preferences.baseline_pain)
            }
            Screen::Ergonomics => self.ergonomics.ui(ui, &self.data, now),
            // Drawn directly by `ui`, which gives History its own row-by-row scrolling.
            Screen::History => None,
            Screen::Settings => {
                let backup_dir = self.store.backup_dir();
                let installed = &mut self.autostart_installed;
                let autostart = self.config_dir.as_deref().map(|dir| {
                    let on = *installed.get_or_insert_with(|| crate::autostart::refresh(dir));
                    (crate::autostart::entry_path(dir), on)
                });
                self.settings.ui(
                    ui,
                    self.store.path(),
                    &backup_dir,
                    Nudges {
                        reminders: self.reminders.settings(),
                        paused_today: self.reminders.is_paused(self.clock.local_now()),
                        paused_until: self.reminders.paused_until(self.clock.local_now()),
                        keep_reminding: self.preferences.keep_reminding,
                        background_running: self.background_running(),
                        away_signals: self.away_signals(),
                        sounds: self.preferences.sounds,
                        appearance: self.preferences.appearance,
                        days_off: &self.data.helps.days_off,
                    },
                    autostart,
                    now,
                )
            }
            Screen::Routines => self.routines.ui(ui, &self.data, now),
            Screen::Heat => self.heat.ui(ui, &self.data, now),
        }
    }
}

impl eframe::App for UnknotApp {
    /// Runs before each frame and also while the window is hidden: time-driven
    /// work (timers, reminders, the date rolling over) lives here so it happens
    /// even when nothing is drawn.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.follow_the_date(ctx);
        self.tick_timers(ctx);
        self.follow_requests(ctx);
        let now = self.clock.local_now();
        // While the background process reminds (it kept the name), the
        // window does not, so nothing comes twice.
        if self.reminds()
            && let Some(wait) = self.reminders.tick(now, &self.data)
        {
            ctx.request_repaint_after(wait);
        }
        self.remember_reminder_state();
        self.follow_the_window(ctx);
        self.follow_outside_changes(ctx);
        self.follow_the_appearance(ctx);
        self.handle_closing(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.settings.poll_dialog(ui.ctx());
        let now = Now::read(self.clock.as_ref());
        let mut command = None;
        let ctx = ui.ctx().clone();
        // The keyboard goes to the content first: on a screen opened from it,
        // and on Tab with nothing focused (after any banner above).
        let entering = std::mem::take(&mut self.focus_content) || keyboard::tab_from_nowhere(&ctx);
        if entering {
            keyboard::drop_focus(&ctx);
        }
        // Not while a question (closing the window) is asked over the screen.
        if ctx.memory(|m| m.top_modal_layer().is_none())
            && let Some(screen) = keyboard::pressed_screen_shortcut(&ctx)
        {
            command = Some(Command::Navigate(screen));
            self.focus_content = true;
        }
        if !self.safekeeping_notices.is_empty() {
            egui::Panel::top("safekeeping_notice")
                .frame(
                    egui::Frame::new()
                        .fill(theme::palette(ui.ctx()).card)
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
            egui::Panel::bottom("reminder_banner")
                .frame(egui::Frame::new())
                .show(ui, |ui| {
                    command = self.reminders.banner_ui(ui);
                });
        }
        if entering {
            keyboard::hold_tab(&ctx);
        }
        if ctx.content_rect().width() < NARROW_WINDOW_WIDTH {
            egui::Panel::top("navigation_bar")
                .frame(
                    egui::Frame::side_top_panel(&ctx.global_style())
                        .inner_margin(egui::Margin::symmetric(8, 6)),
                )
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        if let Some(c) = self.nav_ui(ui, &now, true) {
                            command = Some(c);
                        }
                    });
                });
        } else {
            egui::Panel::left("navigation")
                .resizable(false)
                .exact_size(NAVIGATION_WIDTH)
                .show(ui, |ui| {
                    // Scrolls where the window is too short for every
                    // screen's button.
                    egui::ScrollArea::vertical()
                        .id_salt("navigation")
                        .show(ui, |ui| {
                            if let Some(c) = self.nav_ui(ui, &now, false) {
                                command = Some(c);
                            }
                        });
                });
        }
        if self.screen == Screen::Today {
            egui::Panel::bottom("today_footer")
                .frame(
                    egui::Frame::new()
                        .fill(theme::palette(ui.ctx()).card)
                        .inner_margin(egui::Margin::symmetric(8, 10)),
                )
                .show(ui, |ui| {
                    if let Some(c) = self.today.footer_ui(ui, now.utc()) {
                        command = Some(c);
                    }
                });
        }
        if entering {
            keyboard::enter_content(&ctx);
        }
        egui::CentralPanel::default()
            .frame(theme::page_frame(ui))
            .show(ui, |ui| {
                if self.screen == Screen::History {
                    // History scrolls its own rows, laying out only those in
                    // view; in a narrow window it takes the width there is.
                    theme::limit_content_width(ui);
                    if let Some(c) = self.history.ui(ui, &self.data, &now) {
                        command = Some(c);
                    }
                    return;
                }
                // One scroll position per screen: each opens where it was
                // left, and at the top the first time.
                egui::ScrollArea::vertical()
                    .id_salt(("screen", self.screen.label()))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        keyboard::keep_focus_in_sight(ui);
                        theme::limit_content_width(ui);
                        if let Some(c) = self.content_ui(ui, &now) {
                            command = Some(c);
                        }
                    });
            });
        keyboard::end_content(&ctx);
        self.closing_ui(ui, &now);
        theme::paint_focus_ring(&ctx);
        if let Some(command) = command {
            self.apply(command);
            ui.ctx().request_repaint();
        }
    }
}
