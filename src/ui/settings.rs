//! Settings: where the data lives, CSV export and import, backups, and About.

mod days_off;
mod files;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, Ui};

use super::command::Command;
use super::desktop_files::DesktopFiles;
use super::event::{Event, OnEvent};
use super::when::Now;
use super::{theme, widgets};
use crate::domain::days_off::DaysOff;
use crate::preferences::{Appearance, KeepReminding, Sounds};
use crate::reminders::ReminderAction;
use crate::reminders::{POSTURE_MINS, ReminderSettings, TimeWindow};
use crate::store::Stored;
use days_off::DaysOffCard;
use files::FilesCard;

/// The appearance choices, in the order Settings offers them.
const APPEARANCES: [(Appearance, &str); 3] = [
    (Appearance::System, "As the desktop"),
    (Appearance::Light, "Light"),
    (Appearance::Dark, "Dark"),
];

/// Said once on first run and kept in About.
pub const ABOUT: &str = "Unknot helps you look after an aching upper back over weeks: a daily \
    pain rating, short stretch and strength routines, safe heat-pack timing and a desk \
    checklist. It gives structure to self-care; it does not diagnose anything. If something \
    feels wrong, or a warning sign appears, see a physical therapist or doctor.";

/// The outcome of the last export or import, or of the last backup or
/// restore, shown in the card of the button that asked for it.
pub enum Outcome {
    Done(String),
    Failed(String),
}

impl From<&Result<String, String>> for Outcome {
    fn from(result: &Result<String, String>) -> Self {
        match result {
            Ok(text) => Outcome::Done(text.clone()),
            Err(text) => Outcome::Failed(text.clone()),
        }
    }
}

/// What the first card shows: reminders, sounds and the appearance as they
/// are now.
pub struct Nudges<'a> {
    pub reminders: &'a ReminderSettings,
    /// Reminders are paused for the rest of today.
    pub paused_today: bool,
    /// Reminders are paused until this time ("for 1 hour").
    pub paused_until: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub keep_reminding: KeepReminding,
    /// Whether the background process runs, as last asked (on opening
    /// Settings and after starting or stopping it); `None` when there is
    /// no session bus to ask.
    pub background_running: Option<bool>,
    /// What the desktop tells about the person being away (idle, lock,
    /// suspend), in words; `None` before the watch has looked.
    pub away_signals: Option<Vec<&'static str>>,
    pub sounds: Sounds,
    pub appearance: Appearance,
    pub days_off: &'a [Stored<DaysOff>],
}

pub struct SettingsScreen {
    /// Why the last reminder or start-up change failed, if it did.
    reminders_error: Option<String>,
    /// Export and import.
    files: FilesCard,
    /// The last backup or restore outcome.
    backup_outcome: Option<Outcome>,
    /// The backups offered for restoring, with what each holds, read when
    /// the list is opened (never per frame); `None` while it is closed.
    restore_choices: Option<Vec<widgets::BackupChoice>>,
    /// The backup whose restore waits for a second, explicit click.
    confirming_restore: Option<PathBuf>,
    days_off: DaysOffCard,
}

impl SettingsScreen {
    pub fn new(default_folder: &Path, dialog: Arc<dyn DesktopFiles>) -> Self {
        Self {
            reminders_error: None,
            files: FilesCard::new(default_folder, dialog),
            backup_outcome: None,
            restore_choices: None,
            confirming_restore: None,
            days_off: DaysOffCard::default(),
        }
    }

    /// Called after reminder settings or the start-up entry were changed.
    pub fn reminders_saved(&mut self, error: Option<String>) {
        self.reminders_error = error;
    }

    /// Asks for folders through `dialog` from now on.
    pub fn set_desktop_files(&mut self, dialog: Arc<dyn DesktopFiles>) {
        self.files.set_dialog(dialog);
    }

    /// Picks up the folder chosen in the dialog, if it has closed.
    pub fn poll_dialog(&mut self, ctx: &egui::Context) {
        self.files.poll_dialog(ctx);
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        db_path: &Path,
        backup_dir: &Path,
        nudges: Nudges<'_>,
        autostart: Option<(PathBuf, bool)>,
        now: &Now,
    ) -> Option<Command> {
        let Nudges {
            reminders,
            paused_today,
            paused_until,
            keep_reminding,
            background_running,
            away_signals,
            sounds,
            appearance,
            days_off,
        } = nudges;
        let mut command = None;
        ui.heading("Settings");
        ui.add_space(8.0);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            command = reminders_ui(ui, reminders, autostart);
            if let Some(c) = pause_ui(ui, reminders.enabled, paused_today, paused_until) {
                command = Some(c);
            }
            if let Some(c) = background_ui(ui, keep_reminding, background_running) {
                command = Some(c);
            }
            if let Some(signals) = away_signals {
                let words = if signals.is_empty() {
                    "This desktop does not say when you are away from it, so reminders \
                     keep to the clock."
                        .to_owned()
                } else {
                    format!(
                        "Reminders wait while you are away, noticed through: {}.",
                        signals.join(", ")
                    )
                };
                widgets::hint_ui(ui, &words);
            }
            let mut on = sounds == Sounds::On;
            if ui
                .checkbox(&mut on, "Play a sound when a hold or a heat session ends")
                .changed()
            {
                command = Some(Command::SetSounds(if on {
                    Sounds::On
                } else {
                    Sounds::Off
                }));
            }
            if let Some(chosen) = appearance_ui(ui, appearance) {
                command = Some(Command::SetAppearance(chosen));
            }
            if let Some(error) = &self.reminders_error {
                widgets::error_ui(ui, error);
            }
        });
        ui.add_space(theme::GAP);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(c) = self.days_off.ui(ui, days_off, now) {
                command = Some(c);
            }
        });
        ui.add_space(theme::GAP);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Your data");
            widgets::hint_ui(
                ui,
                "Everything stays on this computer, in one file. Nothing is sent anywhere.",
            );
            ui.label(RichText::new(db_path.display().to_string()).monospace());
        });
        ui.add_space(theme::GAP);

        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(c) = self.files.ui(ui) {
                command = Some(c);
            }
        });
        ui.add_space(theme::GAP);

        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, "Backups");
            widgets::hint_ui(
                ui,
                "Unknot copies your data once a day when it starts, and before any upgrade \
                 of its file format, keeping the last 7 days and 4 older weeks. Restoring one \
                 keeps your current data beside it as a file of its own; nothing is deleted.",
            );
            ui.label(RichText::new(backup_dir.display().to_string()).monospace());
            ui.horizontal(|ui| {
                if ui.button("Back up now").clicked() {
                    command = Some(Command::BackupNow);
                }
                let listing = self.restore_choices.is_some();
                let label = if listing {
                    "Close the list"
                } else {
                    "Restore a backup…"
                };
                if ui.button(label).clicked() {
                    self.restore_choices = (!listing).then(|| {
                        crate::store::backup::list_backups(backup_dir)
                            .into_iter()
                            .take(RESTORE_CHOICES)
                            .map(widgets::BackupChoice::read)
                            .collect()
                    });
                    self.confirming_restore = None;
                }
            });
            if let Some(c) = self.restore_choices_ui(ui) {
                command = Some(c);
            }
            // Last in the card, so it moves nothing the person may click next.
            outcome_ui(ui, self.backup_outcome.as_ref());
        });
        ui.add_space(theme::GAP);

        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, &format!("About Unknot {}", env!("CARGO_PKG_VERSION")));
            ui.label(ABOUT);
        });
        command
    }

    /// The backups to choose from, newest first, each restored only after a
    /// second click that says what it does.
    fn restore_choices_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let choices = self.restore_choices.as_ref()?;
        if choices.is_empty() {
            widgets::hint_ui(ui, "There are no backups in this folder yet.");
            return None;
        }
        let file = widgets::backup_choices_ui(ui, choices, &mut self.confirming_restore)?;
        self.restore_choices = None;
        Some(Command::RestoreBackup(file))
    }
}

fn outcome_ui(ui: &mut Ui, outcome: Option<&Outcome>) {
    match outcome {
        Some(Outcome::Done(text)) => widgets::success_ui(ui, text),
        Some(Outcome::Failed(text)) => widgets::error_ui(ui, text),
        None => {}
    }
}

/// How many of the newest backups "Restore a backup…" offers.
const RESTORE_CHOICES: usize = 10;

/// Reminder choices. Every change is saved at once.
/// Light, dark, or as the desktop asks; returns a new choice. "As the
/// desktop" falls back to light where the desktop does not say.
fn appearance_ui(ui: &mut Ui, current: Appearance) -> Option<Appearance> {
    let mut chosen = current;
    ui.horizontal_wrapped(|ui| {
        ui.label("Appearance:");
        for (appearance, label) in APPEARANCES {
            ui.radio_value(&mut chosen, appearance, label);
        }
    });
    (chosen != current).then_some(chosen)
}

/// Pausing and resuming, as the tray offers them (stock GNOME shows no tray).
fn pause_ui(
    ui: &mut Ui,
    enabled: bool,
    paused_today: bool,
    paused_until: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> Option<Command> {
    let mut command = None;
    if !enabled {
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        let paused = if paused_today {
            Some("Reminders are paused until tomorrow.".to_owned())
        } else {
            paused_until
                .map(|until| format!("Reminders are paused until {}.", until.format("%H:%M")))
        };
        match paused {
            Some(words) => {
                widgets::hint_ui(ui, &words);
                if ui.button("Resume reminders").clicked() {
                    command = Some(Command::Reminder(ReminderAction::Resume, None));
                }
            }
            None => {
                if ui.button("Pause reminders for 1 hour").clicked() {
                    command = Some(Command::Reminder(ReminderAction::PauseHour, None));
                }
                if ui.button("Pause until tomorrow").clicked() {
                    command = Some(Command::Reminder(ReminderAction::PauseToday, None));
                }
            }
        }
    });
    command
}

/// Reminding with the window closed: the choice, and the background
/// process's state with a way to start or stop it.
fn background_ui(
    ui: &mut Ui,
    keep_reminding: KeepReminding,
    running: Option<bool>,
) -> Option<Command> {
    let mut command = None;
    ui.add_space(4.0);
    let mut on = keep_reminding == KeepReminding::On;
    if ui
        .checkbox(&mut on, "Keep reminding me when the window is closed")
        .changed()
    {
        command = Some(Command::SetKeepReminding(if on {
            KeepReminding::On
        } else {
            KeepReminding::Off
        }));
    }
    ui.horizontal_wrapped(|ui| match running {
        Some(true) => {
            widgets::hint_ui(
                ui,
                "Unknot is running in the background, with an icon in the tray where the \
                 desktop shows one.",
            );
            if ui.button("Stop background reminders").clicked() {
                command = Some(Command::RunInBackground(false));
            }
        }
        Some(false) => {
            let words = if on {
                "Not running in the background yet: it starts when this window closes."
            } else {
                "Not running in the background."
            };
            widgets::hint_ui(ui, words);
            if ui.button("Start background reminders").clicked() {
                command = Some(Command::RunInBackground(true));
            }
        }
        None => widgets::hint_ui(
            ui,
            "Reminders with the window closed need a desktop session bus, and there is none.",
        ),
    });
    command
}

fn reminders_ui(
    ui: &mut Ui,
    current: &ReminderSettings,
    autostart: Option<(PathBuf, bool)>,
) -> Option<Command> {
    let mut command = None;
    let mut s = current.clone();
    widgets::section_title_ui(ui, "Reminders");
    widgets::hint_ui(
        ui,
        "Gentle nudges through the day: a posture check, a stretch break, the daily \
         check-in, and strengthening when the week falls behind.",
    );
    ui.checkbox(&mut s.enabled, "Remind me");
    ui.add_enabled_ui(s.enabled, |ui| {
        ui.horizontal(|ui| {
            ui.checkbox(&mut s.posture_enabled, "Posture check every");
            ui.add_enabled(
                s.posture_enabled,
                egui::DragValue::new(&mut s.posture_every_mins)
                    .range(POSTURE_MINS)
                    .suffix(" min"),
            );
        });
        // On and off like the posture check; off is stored as 0 hours.
        ui.horizontal(|ui| {
            let mut on = s.stretch_every_hours > 0;
            if ui.checkbox(&mut on, "Stretch break every").changed() {
                let usual = ReminderSettings::default().stretch_every_hours;
                s.stretch_every_hours = if on { usual } else { 0 };
            }
            let mut hours = s.stretch_every_hours.max(1);
            let field = egui::DragValue::new(&mut hours)
                .range(1..=crate::reminders::MAX_STRETCH_HOURS)
                .suffix(" h");
            if ui.add_enabled(on, field).changed() {
                s.stretch_every_hours = hours;
            }
        });
        ui.horizontal(|ui| {
            ui.label("Active hours from");
            let (mut start, mut end) = (s.active_hours.start, s.active_hours.end);
            hour_ui(ui, "Active hours start", &mut start);
            ui.label("to");
            hour_ui(ui, "Active hours end", &mut end);
            s.active_hours = TimeWindow::new(start, end);
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("On");
            for (day, name) in WEEKDAYS {
                let on = s.active_days.contains(day);
                if widgets::choice_ui(ui, on, name).clicked() {
                    if !on {
                        s.active_days.insert(day);
                    } else {
                        s.active_days.remove(day);
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            let mut on = s.check_in_at.is_some();
            ui.checkbox(&mut on, "Check-in reminder at");
            let mut at = s.check_in_at.unwrap_or(DEFAULT_CHECK_IN);
            ui.add_enabled_ui(on, |ui| hour_ui(ui, "Check-in reminder time", &mut at));
            s.check_in_at = on.then_some(at);
        });
    });
    if s != *current {
        command = Some(Command::SaveReminderSettings(s));
    }
    ui.add_space(4.0);
    match autostart {
        Some((path, installed)) => {
            let mut on = installed;
            if ui
                .checkbox(&mut on, "Start Unknot when I log in")
                .on_hover_text(path.display().to_string())
                .changed()
            {
                command = Some(Command::SetAutostart(on));
            }
        }
        None => widgets::hint_ui(
            ui,
            "Starting with the desktop session is not available here.",
        ),
    }
    command
}

const DEFAULT_CHECK_IN: chrono::NaiveTime = match chrono::NaiveTime::from_hms_opt(17, 0, 0) {
    Some(t) => t,
    None => chrono::NaiveTime::MIN,
};

const WEEKDAYS: [(chrono::Weekday, &str); 7] = [
    (chrono::Weekday::Mon, "Mon"),
    (chrono::Weekday::Tue, "Tue"),
    (chrono::Weekday::Wed, "Wed"),
    (chrono::Weekday::Thu, "Thu"),
    (chrono::Weekday::Fri, "Fri"),
    (chrono::Weekday::Sat, "Sat"),
    (chrono::Weekday::Sun, "Sun"),
];

/// A whole-hour picker. Its list opens scrolled to the hour chosen.
fn hour_ui(ui: &mut Ui, name: &str, time: &mut chrono::NaiveTime) {
    use chrono::Timelike;
    let mut hour = time.hour();
    let chosen = hour;
    let was_open_id = egui::Id::unique((name, "hour_list_was_open"));
    let was_open = ui.data(|d| d.get_temp::<bool>(was_open_id).unwrap_or(false));
    let shown = egui::ComboBox::from_id_salt(name)
        .selected_text(format!("{hour:02}:00"))
        .width(70.0)
        .show_ui(ui, |ui| {
            for h in 0..24 {
                let option = ui.selectable_value(&mut hour, h, format!("{h:02}:00"));
                if h == chosen && !was_open {
                    option.scroll_to_me(Some(egui::Align::Center));
                }
            }
        });
    ui.data_mut(|d| d.insert_temp(was_open_id, shown.inner.is_some()));
    shown
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    if let Some(t) = chrono::NaiveTime::from_hms_opt(hour, 0, 0) {
        *time = t;
    }
}

impl OnEvent for SettingsScreen {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        match event {
            Event::CsvDone(result) => self.files.done(Outcome::from(result)),
            Event::ExportWouldReplace { folder, files } => {
                self.files.ask_to_replace(folder, files);
            }
            Event::BackupDone(result) => self.backup_outcome = Some(Outcome::from(result)),
            Event::RemindersSaved(result) => self.reminders_saved(result.clone().err()),
            Event::DaysOffMarked(_) => self.days_off.on_event(event),
            _ => {}
        }
        None
    }
}
