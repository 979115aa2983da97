//! `UnknotApp`: owns the store, the current screen and each screen's cached
//! view data. Screens return a [`Command`]; [`UnknotApp::apply`] carries it out
//! once, writes through the store and refreshes only what the write affects.

use std::sync::Arc;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::{advice, history, placeholder, progress, settings, theme, today};
use crate::domain::clock::Clock;
use crate::domain::pain::CheckIn;
use crate::domain::session::Session;
use crate::domain::trend::ProgressRange;
use crate::store::Store;

/// Everything the screens draw from, loaded at start and after each write,
/// never during a frame. Screens that derive series from it compare
/// `revision` to know when to recompute.
#[derive(Debug, Default)]
pub struct Data {
    /// Oldest first.
    pub checkins: Vec<CheckIn>,
    /// Oldest first.
    pub sessions: Vec<Session>,
    /// Bumped after every successful write.
    pub revision: u64,
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

/// Something a screen asks the app to do. Applied once, after drawing.
#[must_use]
#[derive(Debug, Clone)]
pub enum Command {
    Navigate(Screen),
    /// Go to Today and show (and load) the check-in form for a date.
    ShowDate(NaiveDate),
    SaveCheckIn(CheckIn),
    DismissIntro,
    SetProgressRange(ProgressRange),
    /// A baseline pain level to measure change against; `None` goes back to
    /// the mean of the first check-ins.
    SetBaseline(Option<f64>),
}

pub struct UnknotApp {
    store: Store,
    clock: Arc<dyn Clock>,
    screen: Screen,
    today: today::TodayScreen,
    history: history::HistoryView,
    progress: progress::ProgressScreen,
    advice: advice::AdviceCache,
    intro_dismissed: bool,
    /// The baseline the user set on Progress, if any.
    user_baseline: Option<f64>,
    data: Data,
}

impl UnknotApp {
    /// Builds the app over an open store. `clock` is injected so tests control time.
    pub fn new(ctx: &egui::Context, store: Store, clock: Arc<dyn Clock>) -> Self {
        theme::apply(ctx);
        let today_date = clock.today();
        let mut app = Self {
            today: today::TodayScreen::new(today_date),
            history: history::HistoryView::default(),
            progress: progress::ProgressScreen::default(),
            advice: advice::AdviceCache::default(),
            intro_dismissed: false,
            user_baseline: None,
            store,
            clock,
            screen: Screen::Today,
            data: Data::default(),
        };
        app.intro_dismissed =
            matches!(app.store.setting("intro_dismissed"), Ok(Some(v)) if v == "1");
        app.user_baseline = match app.store.setting(progress::BASELINE_SETTING) {
            Ok(Some(text)) => progress::parse_baseline(&text),
            _ => None,
        };
        app.load_today_form(today_date);
        app.reload_data();
        app
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
        self.user_baseline
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
            Command::DismissIntro => {
                self.intro_dismissed = true;
                // Failing to remember this only means the note shows again next time.
                let _ = self.store.set_setting("intro_dismissed", "1");
            }
            Command::SetProgressRange(range) => self.progress.set_range(range),
            Command::SetBaseline(value) => {
                // An empty value means "none": the first check-ins decide.
                let text = value.map_or(String::new(), |v| format!("{v:.1}"));
                match self.store.set_setting(progress::BASELINE_SETTING, &text) {
                    Ok(()) => {
                        self.user_baseline = value.map(|v| (v * 10.0).round() / 10.0);
                        self.progress.baseline_saved(Ok(()));
                    }
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
        let loaded = self
            .store
            .checkins()
            .and_then(|checkins| Ok((checkins, self.store.sessions()?)));
        match loaded {
            Ok((checkins, sessions)) => {
                self.data.checkins = checkins;
                self.data.sessions = sessions;
                self.data.error = None;
            }
            Err(e) => self.data.error = Some(e.to_string()),
        }
        self.data.revision += 1;
    }

    fn nav_ui(&self, ui: &mut Ui) -> Option<Command> {
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
        command
    }

    fn content_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let today_date = self.clock.today();
        match self.screen {
            Screen::Today => {
                self.advice.refresh(&self.data, today_date);
                self.today.ui(
                    ui,
                    today_date,
                    self.intro_dismissed,
                    self.clock.utc_now(),
                    self.advice.reasons(),
                )
            }
            Screen::Progress => self
                .progress
                .ui(ui, &self.data, today_date, self.user_baseline),
            Screen::History => self.history.ui(ui, &self.data),
            Screen::Settings => settings::ui(ui, self.store.path()),
            Screen::Routines => placeholder::ui(
                ui,
                "Routines",
                "Guided stretching and strengthening with hold timers will live here: a three-minute desk break, a ten-minute strength set, and a log of every session.",
            ),
            Screen::Heat => placeholder::ui(
                ui,
                "Heat",
                "A heat-pack timer for 15 to 20 minutes, with a safety limit and a log of each use, will live here.",
            ),
            Screen::Ergonomics => placeholder::ui(
                ui,
                "Ergonomics",
                "A checklist for your desk setup — monitor height, chair, keyboard and mouse — will live here.",
            ),
        }
    }
}

impl eframe::App for UnknotApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let mut command = None;
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(180.0)
            .show(ui, |ui| {
                command = self.nav_ui(ui);
            });
        if self.screen == Screen::Today {
            egui::Panel::bottom("today_footer")
                .frame(
                    egui::Frame::new()
                        .fill(theme::CARD)
                        .inner_margin(egui::Margin::symmetric(8, 10)),
                )
                .show(ui, |ui| {
                    if let Some(c) = self.today.footer_ui(ui, self.clock.utc_now()) {
                        command = Some(c);
                    }
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(theme::PAGE).inner_margin(24))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.set_max_width(760.0);
                        if let Some(c) = self.content_ui(ui) {
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
