//! Who reminds, and how one Unknot reaches another: the session bus names,
//! `org.freedesktop.Application`, and the hand-over between the window and
//! the background process.
//!
//! Two processes may run for one data folder: the window (`unknot`) and the
//! background process (`unknot background`). Exactly one of them reminds:
//! whichever owns the folder's bus name ([`BusNames::app`]). Both queue for
//! it; the window asks to replace the owner and the background process
//! allows it, so an open window reminds and, when it closes or crashes, the
//! bus hands the name (and the reminding) back to the background process.
//! The background process also holds a name of its own
//! ([`BusNames::background`]) without queueing, so a second one sees the
//! first and stops, and `unknot background --quit` can reach it.
//!
//! Every call here reaches the bus through zbus's own runtime; nothing in
//! this module knows egui or SQL. The callback given to [`claim`] runs on a
//! zbus thread and must only hand its event on (to a channel, say).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_lite::StreamExt;
use zbus::fdo::{DBusProxy, RequestNameFlags, RequestNameReply};
use zbus::proxy::MethodFlags;
use zbus::{Connection, OwnedVariant};

use crate::identity::APP_ID;

/// The freedesktop interface desktop launchers use to start an application
/// that is already running.
pub const APPLICATION_INTERFACE: &str = "org.freedesktop.Application";

/// The bus names and object path for one data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusNames {
    /// Owned by whichever process reminds; what launchers activate.
    pub app: String,
    /// Owned by the background process alone.
    pub background: String,
    /// Where `org.freedesktop.Application` is served (the app name's dots
    /// as slashes, as the specification asks).
    pub path: String,
}

impl BusNames {
    /// The names for `data_dir`: the application id for the platform's data
    /// folder, and the id with a suffix made from the folder's path for any
    /// other (`--data-dir`), so two folders never compete for one name.
    pub fn for_folder(data_dir: &Path) -> Self {
        let app = if is_default_folder(data_dir) {
            APP_ID.to_owned()
        } else {
            format!("{APP_ID}.F{:016x}", path_hash(&canonical(data_dir)))
        };
        let path = format!("/{}", app.replace('.', "/"));
        Self {
            background: format!("{app}.Background"),
            app,
            path,
        }
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn is_default_folder(data_dir: &Path) -> bool {
    crate::identity::default_data_dir()
        .is_ok_and(|default| canonical(&default) == canonical(data_dir))
}

/// FNV-1a over the path's bytes: the same on every build and every run, so
/// a window and a background process from different builds agree on the
/// name (a hasher from the standard library may change between releases).
fn path_hash(path: &Path) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(OFFSET, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
        })
}

/// An action another process (a launcher, a notification, the tray, a
/// second `unknot`) may ask of the one holding the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum AppAction {
    /// Open the window on Today, for the day's check-in.
    CheckIn,
    /// Open the window on Routines and start the two-minute desk break.
    Stretch,
    /// Open the window on Routines.
    Routines,
    /// No reminders for an hour.
    PauseHour,
    /// No reminders until tomorrow.
    PauseToday,
    /// Reminders again.
    Resume,
    /// Stop the background process (the window ignores it).
    Quit,
}

impl AppAction {
    pub const ALL: [AppAction; 7] = [
        AppAction::CheckIn,
        AppAction::Stretch,
        AppAction::Routines,
        AppAction::PauseHour,
        AppAction::PauseToday,
        AppAction::Resume,
        AppAction::Quit,
    ];

    /// The action's name on the bus (and on the command line).
    pub fn code(self) -> &'static str {
        match self {
            AppAction::CheckIn => "check-in",
            AppAction::Stretch => "stretch",
            AppAction::Routines => "routines",
            AppAction::PauseHour => "pause-hour",
            AppAction::PauseToday => "pause-today",
            AppAction::Resume => "resume",
            AppAction::Quit => "quit",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }

    /// Whether the action is about the window (it opens or shows it).
    pub fn shows_window(self) -> bool {
        matches!(
            self,
            AppAction::CheckIn | AppAction::Stretch | AppAction::Routines
        )
    }
}

/// What arrived over the bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Show yourself (a launcher, a second `unknot`). `token` is the
    /// activation token the launcher passed, for a window to take focus.
    Activate { token: Option<String> },
    Action {
        action: AppAction,
        token: Option<String>,
    },
}

/// What [`claim`] reports, on a zbus thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresenceEvent {
    Request(Request),
    /// This process now reminds (`true`) or has handed that over (`false`).
    Reminding(bool),
}

/// Which process is claiming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Replaces the owner of the app name; one window per folder (the
    /// instance lock sees to that).
    Window,
    /// Queues for the app name and lets a window take it.
    Background,
}

/// Why the bus could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PresenceError {
    #[error("no session bus: {0}")]
    Bus(#[from] zbus::Error),
    #[error("{0}")]
    Fdo(#[from] zbus::fdo::Error),
    #[error("no Unknot answers on the session bus for this data folder")]
    NotRunning,
}

/// A claim on the bus, held as long as this value lives.
pub struct Presence {
    connection: Connection,
    names: BusNames,
    reminding: Arc<AtomicBool>,
}

impl std::fmt::Debug for Presence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Presence")
            .field("names", &self.names)
            .field("reminding", &self.is_reminding())
            .finish_non_exhaustive()
    }
}

impl Drop for Presence {
    /// Gives the names back at once: the thread following the name keeps
    /// the connection itself open for the life of the process.
    fn drop(&mut self) {
        self.release();
    }
}

/// The outcome of [`claim`].
#[derive(Debug)]
pub enum Claim {
    Claimed(Presence),
    /// Only for [`Role::Background`]: another background process holds the
    /// folder's background name.
    AlreadyRunning,
}

impl Presence {
    /// Whether this process owns the app name, so it is the one reminding.
    pub fn is_reminding(&self) -> bool {
        self.reminding.load(Ordering::SeqCst)
    }

    pub fn names(&self) -> &BusNames {
        &self.names
    }

    /// Gives up the names at once (closing does it too, a little later).
    pub fn release(&self) {
        let connection = self.connection.clone();
        let names = self.names.clone();
        zbus::block_on(async move {
            let _ = connection.release_name(names.app.as_str()).await;
            let _ = connection.release_name(names.background.as_str()).await;
        });
        self.reminding.store(false, Ordering::SeqCst);
    }
}

/// Serves `org.freedesktop.Application` for `data_dir` on the session bus
/// and queues for the folder's name as `role` does. `on_event` hears every
/// request and every change of who reminds.
pub fn claim(
    role: Role,
    data_dir: &Path,
    on_event: impl Fn(PresenceEvent) + Send + Sync + 'static,
) -> Result<Claim, PresenceError> {
    let names = BusNames::for_folder(data_dir);
    let on_event: Arc<dyn Fn(PresenceEvent) + Send + Sync> = Arc::new(on_event);
    zbus::block_on(claim_async(role, names, on_event))
}

async fn claim_async(
    role: Role,
    names: BusNames,
    on_event: Arc<dyn Fn(PresenceEvent) + Send + Sync>,
) -> Result<Claim, PresenceError> {
    let application = Application {
        on_event: on_event.clone(),
    };
    let connection = zbus::connection::Builder::session()
        .serve_at(names.path.as_str(), application)
        .build()
        .await?;
    if role == Role::Background {
        let reply = connection
            .request_name_with_flags(names.background.as_str(), RequestNameFlags::DO_NOT_QUEUE)
            .await;
        match reply {
            Ok(RequestNameReply::PrimaryOwner | RequestNameReply::AlreadyOwner) => {}
            Ok(_) | Err(zbus::Error::NameTaken) => return Ok(Claim::AlreadyRunning),
            Err(e) => return Err(e.into()),
        }
    }
    // Listen before asking, so no hand-over is missed.
    let bus = DBusProxy::new(&connection).await?;
    let acquired = bus
        .receive_name_acquired_with_args(&[(0, names.app.as_str())])
        .await?
        .map(|_| true);
    let lost = bus
        .receive_name_lost_with_args(&[(0, names.app.as_str())])
        .await?
        .map(|_| false);
    let flags = match role {
        Role::Window => RequestNameFlags::REPLACE_EXISTING,
        Role::Background => RequestNameFlags::ALLOW_REPLACEMENT,
    };
    let reply = connection
        .request_name_with_flags(names.app.as_str(), flags)
        .await?;
    let owner = matches!(
        reply,
        RequestNameReply::PrimaryOwner | RequestNameReply::AlreadyOwner
    );
    let reminding = Arc::new(AtomicBool::new(owner));
    let watch = reminding.clone();
    let mut changes = acquired.or(lost);
    std::thread::Builder::new()
        .name("bus-name".to_owned())
        .spawn(move || {
            zbus::block_on(async move {
                while let Some(now_owner) = changes.next().await {
                    if watch.swap(now_owner, Ordering::SeqCst) != now_owner {
                        on_event(PresenceEvent::Reminding(now_owner));
                    }
                }
            });
        })
        .map_err(|e| zbus::Error::Failure(format!("could not start a thread: {e}")))?;
    Ok(Claim::Claimed(Presence {
        connection,
        names,
        reminding,
    }))
}

/// The `org.freedesktop.Application` object.
struct Application {
    on_event: Arc<dyn Fn(PresenceEvent) + Send + Sync>,
}

/// The activation token a launcher put in `platform-data`.
fn token_of(platform_data: &HashMap<String, OwnedVariant>) -> Option<String> {
    ["activation-token", "desktop-startup-id"]
        .iter()
        .filter_map(|key| platform_data.get(*key))
        .find_map(|value| String::try_from(value.clone()).ok())
        .filter(|token| !token.is_empty())
}

#[zbus::interface(name = "org.freedesktop.Application")]
impl Application {
    fn activate(&self, platform_data: HashMap<String, OwnedVariant>) {
        (self.on_event)(PresenceEvent::Request(Request::Activate {
            token: token_of(&platform_data),
        }));
    }

    fn open(&self, _uris: Vec<String>, platform_data: HashMap<String, OwnedVariant>) {
        self.activate(platform_data);
    }

    fn activate_action(
        &self,
        action_name: String,
        _parameter: Vec<OwnedVariant>,
        platform_data: HashMap<String, OwnedVariant>,
    ) -> zbus::fdo::Result<()> {
        let action = AppAction::from_code(&action_name).ok_or_else(|| {
            zbus::fdo::Error::InvalidArgs(format!("Unknot has no action named {action_name:?}"))
        })?;
        (self.on_event)(PresenceEvent::Request(Request::Action {
            action,
            token: token_of(&platform_data),
        }));
        Ok(())
    }
}

/// Which of a folder's names a call goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Whichever process reminds (the window when it is open).
    App,
    /// The background process.
    Background,
}

/// Asks the Unknot running for `data_dir` to show itself (`action` `None`)
/// or to carry out `action`, passing the activation token this process was
/// started with. Never starts a process through bus activation:
/// [`PresenceError::NotRunning`] when nobody holds the name.
pub fn send(
    data_dir: &Path,
    target: Target,
    action: Option<AppAction>,
) -> Result<(), PresenceError> {
    let names = BusNames::for_folder(data_dir);
    let destination = match target {
        Target::App => names.app.clone(),
        Target::Background => names.background.clone(),
    };
    let mut platform_data: HashMap<&str, zbus::Variant<'_>> = HashMap::new();
    let token = std::env::var("XDG_ACTIVATION_TOKEN")
        .or_else(|_| std::env::var("DESKTOP_STARTUP_ID"))
        .ok()
        .filter(|t| !t.is_empty());
    if let Some(token) = &token {
        platform_data.insert("activation-token", zbus::Variant::from(token.as_str()));
        platform_data.insert("desktop-startup-id", zbus::Variant::from(token.as_str()));
    }
    zbus::block_on(async {
        let connection = Connection::session().await?;
        let bus = DBusProxy::new(&connection).await?;
        let name = zbus::names::BusName::try_from(destination.as_str())?;
        if !bus.name_has_owner(name).await? {
            return Err(PresenceError::NotRunning);
        }
        let proxy = zbus::Proxy::new(
            &connection,
            destination.as_str(),
            names.path.as_str(),
            APPLICATION_INTERFACE,
        )
        .await?;
        match action {
            None => {
                proxy
                    .call_with_flags::<_, _, ()>(
                        "Activate",
                        MethodFlags::NO_AUTO_START,
                        &(platform_data,),
                    )
                    .await?;
            }
            Some(action) => {
                let parameter: Vec<zbus::Variant<'_>> = Vec::new();
                proxy
                    .call_with_flags::<_, _, ()>(
                        "ActivateAction",
                        MethodFlags::NO_AUTO_START,
                        &(action.code(), parameter, platform_data),
                    )
                    .await?;
            }
        }
        Ok(())
    })
}

/// Whether a background process runs for `data_dir`; `false` also when
/// there is no session bus to ask.
pub fn background_running(data_dir: &Path) -> bool {
    let names = BusNames::for_folder(data_dir);
    zbus::block_on(async {
        let connection = Connection::session().await?;
        let bus = DBusProxy::new(&connection).await?;
        let name = zbus::names::BusName::try_from(names.background.as_str())?;
        Ok::<bool, zbus::Error>(bus.name_has_owner(name).await?)
    })
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_folders_get_their_own_names_under_the_app_id() {
        let a = BusNames::for_folder(Path::new("/nonexistent/unknot-a"));
        let b = BusNames::for_folder(Path::new("/nonexistent/unknot-b"));
        assert_ne!(a.app, b.app);
        for names in [&a, &b] {
            assert!(
                names.app.starts_with("io.github.unknot.Unknot.F"),
                "{names:?}"
            );
            assert_eq!(names.background, format!("{}.Background", names.app));
            assert_eq!(names.path, format!("/{}", names.app.replace('.', "/")));
            assert!(zbus::names::WellKnownName::try_from(names.app.as_str()).is_ok());
            assert!(zbus::ObjectPath::try_from(names.path.as_str()).is_ok());
        }
        // The same folder always gets the same name (FNV-1a, fixed).
        assert_eq!(a, BusNames::for_folder(Path::new("/nonexistent/unknot-a")));
        assert_eq!(path_hash(Path::new("")), 0xcbf2_9ce4_8422_2325);
        assert_eq!(path_hash(Path::new("a")), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn actions_round_trip_through_their_codes() {
        for action in AppAction::ALL {
            assert_eq!(AppAction::from_code(action.code()), Some(action));
        }
        assert_eq!(AppAction::from_code("explode"), None);
    }
}
