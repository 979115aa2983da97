//! The tray icon (StatusNotifierItem, through ksni) and its menu. Each menu
//! item becomes the same [`Request`] a launcher or the window could send,
//! so the background process handles one kind of message.

use chrono::{DateTime, FixedOffset};
use ksni::blocking::{Handle, TrayMethods};
use ksni::menu::{MenuItem, StandardItem};

use crate::identity::{APP_ID, APP_NAME};
use crate::presence::{AppAction, Request};
use crate::reminders::Scheduler;

/// What the tray says about the reminders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrayStatus {
    /// One line, for the tooltip and the top of the menu.
    pub line: String,
    /// Whether "Resume reminders" has anything to resume.
    pub paused: bool,
}

impl TrayStatus {
    /// The status of `scheduler` at `now`; `reminding` is whether this
    /// process reminds (an open window does it otherwise).
    pub fn of(scheduler: &Scheduler, now: DateTime<FixedOffset>, reminding: bool) -> Self {
        let paused_today = scheduler.is_paused(now.date_naive());
        let held = scheduler.held_until(now).filter(|_| {
            scheduler
                .state()
                .snoozed
                .is_some_and(|snooze| snooze.kind.is_none())
        });
        let line = if !scheduler.settings().enabled {
            "Reminders are off in Settings".to_owned()
        } else if paused_today {
            "Reminders paused until tomorrow".to_owned()
        } else if let Some(until) = held {
            format!("Reminders paused until {}", until.format("%H:%M"))
        } else if !reminding {
            "The Unknot window is reminding you".to_owned()
        } else {
            match scheduler.next_due(now) {
                Some(at) if at.date_naive() == now.date_naive() => {
                    format!("Next reminder at {}", at.format("%H:%M"))
                }
                Some(_) => "No more reminders today".to_owned(),
                None => "No reminders due".to_owned(),
            }
        };
        Self {
            line,
            paused: paused_today || held.is_some(),
        }
    }
}

/// The running tray icon.
pub struct Tray {
    handle: Handle<UnknotTray>,
}

impl std::fmt::Debug for Tray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tray").finish_non_exhaustive()
    }
}

impl Tray {
    pub fn set(&self, status: TrayStatus) {
        self.handle.update(|tray| {
            if tray.status != status {
                tray.status = status;
            }
        });
    }
}

impl Drop for Tray {
    fn drop(&mut self) {
        self.handle.shutdown().wait();
    }
}

/// The name a tray host (StatusNotifierWatcher) owns on the session bus.
const WATCHER: &str = "org.kde.StatusNotifierWatcher";

/// Calls `then` once a tray host is on the session bus: at once if one is
/// there, else when one arrives (a panel starting after an autostarted
/// process). Nothing of the tray is started where no host ever comes, as on
/// stock GNOME, so it costs nothing there. `Err` without a session bus.
pub fn when_a_host_is_there(then: impl FnOnce() + Send + 'static) -> zbus::Result<()> {
    let (connection, mut arrivals) = zbus::block_on(async {
        let connection = zbus::Connection::session().await?;
        let bus = zbus::fdo::DBusProxy::new(&connection).await?;
        // Listen first, so a host arriving meanwhile is not missed.
        let arrivals = bus
            .receive_name_owner_changed_with_args(&[(0, WATCHER)])
            .await?;
        let name = zbus::names::BusName::try_from(WATCHER)?;
        let there = bus.name_has_owner(name).await?;
        Ok::<_, zbus::Error>(((connection, there), arrivals))
    })?;
    let (connection, there) = connection;
    if there {
        then();
        return Ok(());
    }
    std::thread::Builder::new()
        .name("tray-host".to_owned())
        .spawn(move || {
            let _connection = connection;
            let arrived = zbus::block_on(async move {
                use futures_lite::StreamExt;
                while let Some(change) = arrivals.next().await {
                    if change.args().is_ok_and(|a| a.new_owner().is_some()) {
                        return true;
                    }
                }
                false
            });
            if arrived {
                then();
            }
        })
        .map_err(|e| zbus::Error::Failure(format!("could not start a thread: {e}")))?;
    Ok(())
}

/// Puts the icon in the tray (see [`when_a_host_is_there`]); a host that
/// restarts later gets it again.
pub fn spawn(on_request: impl Fn(Request) + Send + 'static) -> Result<Tray, ksni::Error> {
    let tray = UnknotTray {
        status: TrayStatus::default(),
        on_request: Box::new(on_request),
        pixmap: pixmap(),
    };
    let handle = tray.assume_sni_available(true).spawn()?;
    Ok(Tray { handle })
}

struct UnknotTray {
    status: TrayStatus,
    on_request: Box<dyn Fn(Request) + Send>,
    pixmap: Vec<ksni::Icon>,
}

impl UnknotTray {
    fn ask(&self, action: Option<AppAction>) {
        (self.on_request)(match action {
            None => Request::Activate { token: None },
            Some(action) => Request::Action {
                action,
                token: None,
            },
        });
    }
}

fn item(label: &str, enabled: bool, action: Option<AppAction>) -> MenuItem<UnknotTray> {
    StandardItem {
        label: label.to_owned(),
        enabled,
        activate: Box::new(move |tray: &mut UnknotTray| tray.ask(action)),
        ..Default::default()
    }
    .into()
}

impl ksni::Tray for UnknotTray {
    fn id(&self) -> String {
        APP_ID.to_owned()
    }

    fn title(&self) -> String {
        APP_NAME.to_owned()
    }

    fn icon_name(&self) -> String {
        APP_ID.to_owned()
    }

    fn icon_pixmap(&self) -> Vec<ksni::Icon> {
        self.pixmap.clone()
    }

    fn tool_tip(&self) -> ksni::ToolTip {
        ksni::ToolTip {
            title: APP_NAME.to_owned(),
            description: self.status.line.clone(),
            ..Default::default()
        }
    }

    fn activate(&mut self, _x: i32, _y: i32) {
        self.ask(None);
    }

    fn menu(&self) -> Vec<MenuItem<Self>> {
        let paused = self.status.paused;
        vec![
            StandardItem {
                label: self.status.line.clone(),
                enabled: false,
                ..Default::default()
            }
            .into(),
            MenuItem::Separator,
            item("Open Unknot", true, None),
            item("Check in...", true, Some(AppAction::CheckIn)),
            MenuItem::Separator,
            item(
                "Pause reminders for 1 hour",
                true,
                Some(AppAction::PauseHour),
            ),
            item(
                "Pause reminders until tomorrow",
                true,
                Some(AppAction::PauseToday),
            ),
            item("Resume reminders", paused, Some(AppAction::Resume)),
            MenuItem::Separator,
            item("Quit", true, Some(AppAction::Quit)),
        ]
    }
}

/// The app icon at tray sizes, for tray hosts that cannot find it in the
/// icon theme (a run from a build folder, say).
fn pixmap() -> Vec<ksni::Icon> {
    let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon-256.png"))
    else {
        return Vec::new();
    };
    let mut data = icon.rgba;
    for pixel in data.chunks_exact_mut(4) {
        pixel.rotate_right(1);
    }
    vec![ksni::Icon {
        width: i32::try_from(icon.width).unwrap_or(0),
        height: i32::try_from(icon.height).unwrap_or(0),
        data,
    }]
}
