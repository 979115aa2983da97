//! Notifications with buttons, for the background process: sent and
//! listened to on one session-bus connection, because some notification
//! services send a button's signal only to the connection that showed the
//! notification.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use futures_lite::StreamExt;
use zbus::{Connection, Proxy, Variant};

use super::Notice;
use crate::identity::APP_ID;

const DESTINATION: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// A button pressed (or the notification itself clicked, as `"default"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pressed {
    /// The id [`ActionNotifier::show`] returned.
    pub id: u32,
    /// The button's key, as given to [`ActionNotifier::show`].
    pub key: String,
    /// The activation token the service gave with it, for a window opened
    /// in answer to take focus.
    pub token: Option<String>,
}

/// One button: the key that comes back, and the words on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Button<'a> {
    pub key: &'a str,
    pub label: &'a str,
}

/// The desktop's notification service, on a connection of its own.
pub struct ActionNotifier {
    connection: Connection,
    capabilities: Vec<String>,
    /// Notifications of ours still showing: only their buttons count.
    ours: Arc<Mutex<HashSet<u32>>>,
}

impl std::fmt::Debug for ActionNotifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActionNotifier")
            .field("capabilities", &self.capabilities)
            .finish_non_exhaustive()
    }
}

impl ActionNotifier {
    /// Connects to the session bus, asks the service what it can do, and
    /// hears buttons on a thread, passing each to `on_pressed`. Fails when
    /// there is no session bus or no notification service.
    pub fn connect(on_pressed: impl Fn(Pressed) + Send + 'static) -> zbus::Result<Self> {
        let ours: Arc<Mutex<HashSet<u32>>> = Arc::default();
        let (connection, capabilities, signals) = zbus::block_on(async {
            let connection = Connection::session().await?;
            let proxy = service(&connection).await?;
            // Listen before anything is shown, so no press is missed.
            let invoked = proxy.receive_signal("ActionInvoked").await?;
            let tokens = proxy.receive_signal("ActivationToken").await?;
            let closed = proxy.receive_signal("NotificationClosed").await?;
            let capabilities: Vec<String> = proxy.call("GetCapabilities", &()).await?;
            Ok::<_, zbus::Error>((connection, capabilities, (invoked, tokens, closed)))
        })?;
        let (invoked, tokens, closed) = signals;
        let watched = ours.clone();
        std::thread::Builder::new()
            .name("notification-buttons".to_owned())
            .spawn(move || {
                zbus::block_on(async move {
                    #[derive(Debug)]
                    enum Signal {
                        Invoked(u32, String),
                        Token(u32, String),
                        Closed(u32),
                    }
                    let invoked = invoked.filter_map(|m| {
                        let (id, key) = m.body().deserialize::<(u32, String)>().ok()?;
                        Some(Signal::Invoked(id, key))
                    });
                    let tokens = tokens.filter_map(|m| {
                        let (id, token) = m.body().deserialize::<(u32, String)>().ok()?;
                        Some(Signal::Token(id, token))
                    });
                    let closed = closed.filter_map(|m| {
                        let (id, _reason) = m.body().deserialize::<(u32, u32)>().ok()?;
                        Some(Signal::Closed(id))
                    });
                    let mut signals = invoked.or(tokens).or(closed);
                    let mut token_for: HashMap<u32, String> = HashMap::new();
                    while let Some(signal) = signals.next().await {
                        let is_ours = |id: &u32| {
                            watched
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .contains(id)
                        };
                        match signal {
                            Signal::Token(id, token) if is_ours(&id) => {
                                token_for.insert(id, token);
                            }
                            Signal::Invoked(id, key) if is_ours(&id) => on_pressed(Pressed {
                                id,
                                key,
                                token: token_for.remove(&id),
                            }),
                            Signal::Closed(id) => {
                                token_for.remove(&id);
                                watched
                                    .lock()
                                    .unwrap_or_else(PoisonError::into_inner)
                                    .remove(&id);
                            }
                            _ => {}
                        }
                    }
                });
            })
            .map_err(|e| zbus::Error::Failure(format!("could not start a thread: {e}")))?;
        Ok(Self {
            connection,
            capabilities,
            ours,
        })
    }

    /// Whether the service shows buttons at all.
    pub fn shows_buttons(&self) -> bool {
        self.capabilities.iter().any(|c| c == "actions")
    }

    /// Shows `notice` with `buttons` (left out where the service shows
    /// none), replacing notification `replaces` if given; returns its id.
    /// Clicking the notification itself comes back as the key `"default"`.
    pub fn show(
        &self,
        notice: &Notice,
        buttons: &[Button<'_>],
        replaces: Option<u32>,
    ) -> zbus::Result<u32> {
        let mut actions: Vec<&str> = Vec::new();
        if self.shows_buttons() {
            actions.extend(["default", "Open Unknot"]);
            for button in buttons {
                actions.extend([button.key, button.label]);
            }
        }
        let mut hints: HashMap<&str, Variant<'_>> = HashMap::new();
        hints.insert("desktop-entry", Variant::from(APP_ID));
        if let Some(sound) = notice
            .sound
            .filter(|_| self.capabilities.iter().any(|c| c == "sound"))
        {
            hints.insert("sound-name", Variant::from(sound.theme_name()));
        }
        let id = zbus::block_on(async {
            let proxy = service(&self.connection).await?;
            let id: u32 = proxy
                .call(
                    "Notify",
                    &(
                        "Unknot",
                        replaces.unwrap_or(0),
                        APP_ID,
                        notice.title.as_str(),
                        notice.body.as_str(),
                        actions,
                        hints,
                        -1_i32,
                    ),
                )
                .await?;
            Ok::<u32, zbus::Error>(id)
        })?;
        let mut ours = self.ours.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(old) = replaces {
            ours.remove(&old);
        }
        ours.insert(id);
        Ok(id)
    }

    /// Takes notification `id` away (a reminder answered elsewhere).
    pub fn close(&self, id: u32) {
        let _ = zbus::block_on(async {
            let proxy = service(&self.connection).await?;
            proxy.call::<_, _, ()>("CloseNotification", &(id,)).await
        });
    }
}

async fn service(connection: &Connection) -> zbus::Result<Proxy<'static>> {
    Proxy::new(connection, DESTINATION, PATH, DESTINATION).await
}
