//! `UnknotApp`: owns the store, the current screen and each screen's cached
//! view data. Screens return a [`Command`]; [`UnknotApp::apply`] carries it out
//! once, writes through the store and refreshes only what the write affects.

use std::sync::Arc;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::when::Now;
use super::{heat, history, placeholder, routines, settings, theme, today, widgets};
use crate::domain::clock::Clock;
use crate::domain::pain::{CheckIn, Rating};
use crate::domain::session::Session;
use crate::notify::{DesktopNotifier, Notifier};
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
    DismissIntro,
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
}

pub struct UnknotApp {
    store: Store,
    clock: Arc<dyn Clock>,
    notifier: Arc<dyn Notifier>,
    screen: Screen,
    today: today::TodayScreen,
    routines: routines::RoutinesScreen,
    heat: heat::HeatScreen,
    history: history::HistoryView,
    intro_dismissed: bool,
    data: Data,
}

impl UnknotApp {
    /// Builds the app over an open store. `clock` is injected so tests control time.
    pub fn new(ctx: &egui::Context, store: Store, clock: Arc<dyn Clock>) -> Self {
        theme::apply(ctx);
        let today_date = clock.today();
        let mut app = Self {
            today: today::TodayScreen::new(today_date),
            routines: routines::RoutinesScreen::new(today_date),
            heat: heat::HeatScreen::new(today_date),
            history: history::HistoryView::default(),
            intro_dismissed: false,
            store,
            clock,
            notifier: Arc::new(DesktopNotifier),
            screen: Screen::Today,
            data: Data::default(),
        };
        app.intro_dismissed =
            matches!(app.store.setting("intro_dismissed"), Ok(Some(v)) if v == "1");
        app.load_today_form(today_date);
        app.reload_data();
        app
    }

    /// Replaces how desktop notifications are sent (tests record them instead).
    pub fn with_notifier(mut self, notifier: Arc<dyn Notifier>) -> Self {
        self.notifier = notifier;
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
        }
    }

    /// Brings running timers up to date, whichever screen is shown (or none,
    /// while the window is hidden): saves a routine that reached its end and a
    /// heat session that reached its cap, and asks for a repaint when the
    /// countdown next changes. Never asks for continuous repaints.
    fn tick_timers(&mut self, ctx: &egui::Context) {
        let now = Now::read(self.clock.as_ref());
        let (routine, routine_command) = self.routines.tick(&now);
        let (heat, heat_command) = self.heat.tick(&now, self.notifier.as_ref());
        for command in [routine_command, heat_command].into_iter().flatten() {
            self.apply(command);
            ctx.request_repaint();
        }
        let noteworthy = routine.hold_ended || routine.finished || heat != heat::Ticked::Nothing;
        let focused = ctx.input(|i| i.viewport().focused);
        if noteworthy && focused != Some(true) {
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(
                egui::UserAttentionType::Informational,
            ));
        }
        let next = [
            self.routines.next_deadline(now.instant),
            self.heat.next_deadline(now.instant),
        ];
        if let Some(deadline) = next.into_iter().flatten().min() {
            ctx.request_repaint_after(deadline);
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
            Screen::Today => self
                .today
                .ui(ui, today_date, self.intro_dismissed, now.utc()),
            Screen::History => self.history.ui(ui, &self.data),
            Screen::Settings => settings::ui(ui, self.store.path()),
            Screen::Routines => self.routines.ui(ui, &self.data, now),
            Screen::Heat => self.heat.ui(ui, &self.data, now),
            Screen::Progress => placeholder::ui(
                ui,
                "Progress",
                "Charts of your pain over the weeks, change from your starting point and your routine counts will live here once you have a few check-ins.",
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
    /// Runs before every frame, and also while the window is hidden.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.tick_timers(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let now = Now::read(self.clock.as_ref());
        let mut command = None;
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(180.0)
            .show(ui, |ui| {
                command = self.nav_ui(ui, &now);
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
