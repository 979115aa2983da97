//! The D-Bus side of the idle watch: finds the sources, subscribes to their
//! signals, then sleeps until one comes.

use std::collections::HashMap;
use std::future::poll_fn;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use futures_core::Stream;
use zbus::connection::Builder;
use zbus::message::Type;
use zbus::{Connection, MatchRule, Message, MessageStream, OwnedObjectPath, OwnedVariant, Variant};

use super::{Buses, Presence, PresenceChange, Shared, Signal, Sources};

const MUTTER: &str = "org.gnome.Mutter.IdleMonitor";
const MUTTER_PATH: &str = "/org/gnome/Mutter/IdleMonitor/Core";
const SCREEN_SAVER: &str = "org.freedesktop.ScreenSaver";
const SCREEN_SAVER_PATH: &str = "/org/freedesktop/ScreenSaver";
const LOGIN: &str = "org.freedesktop.login1";
const LOGIN_PATH: &str = "/org/freedesktop/login1";
const LOGIN_MANAGER: &str = "org.freedesktop.login1.Manager";
const LOGIN_SESSION: &str = "org.freedesktop.login1.Session";
const PROPERTIES: &str = "org.freedesktop.DBus.Properties";

/// Which signal a stream carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feed {
    IdleMonitor,
    ScreenSaver,
    SessionLock,
    Sleep,
}

/// GNOME's idle monitor: the watch for idle time, and the one-shot watch
/// for the next input while idle.
struct IdleMonitor {
    conn: Connection,
    idle_watch: u32,
    active_watch: Option<u32>,
}

impl IdleMonitor {
    async fn call<B>(&self, method: &str, body: &B) -> zbus::Result<Message>
    where
        B: serde::Serialize + zbus::DynamicType,
    {
        self.conn
            .call_method(Some(MUTTER), MUTTER_PATH, Some(MUTTER), method, body)
            .await
    }

    async fn watch_for_input(&mut self) {
        match self.call("AddUserActiveWatch", &()).await {
            Ok(reply) => self.active_watch = reply.body().deserialize().ok(),
            Err(e) => note(&format!("GNOME's idle monitor did not take a watch ({e})")),
        }
    }
}

struct Watch<'a> {
    idle_after_secs: u32,
    on_change: &'a dyn Fn(PresenceChange),
    presence: Presence,
    sources: Sources,
    streams: Vec<(Feed, MessageStream)>,
    idle_monitor: Option<IdleMonitor>,
    session_path: Option<OwnedObjectPath>,
    system: Option<Connection>,
}

pub(super) async fn watch(
    buses: Buses,
    idle_after_secs: u32,
    on_change: &dyn Fn(PresenceChange),
    shared: &Shared,
) {
    let (session, system) = match buses {
        Buses::Default => (
            connect(Builder::session(), "session").await,
            connect(Builder::system(), "system").await,
        ),
        Buses::Given { session, system } => (session, system),
    };
    let mut watch = Watch {
        idle_after_secs,
        on_change,
        presence: Presence::default(),
        sources: Sources::default(),
        streams: Vec::new(),
        idle_monitor: None,
        session_path: None,
        system: system.clone(),
    };
    if let Some(conn) = &session {
        watch.find_idle_monitor(conn).await;
        watch.find_screen_saver(conn).await;
    }
    if let Some(conn) = &system {
        watch.find_sleep(conn).await;
        watch.find_session_lock(conn).await;
    }
    let missing = [
        (
            watch.sources.idle_monitor || session.is_none(),
            "GNOME's idle monitor",
        ),
        (
            watch.sources.screen_saver || session.is_none(),
            "a screen saver",
        ),
        (
            watch.sources.session_lock || system.is_none(),
            "the login manager's screen lock",
        ),
        (
            watch.sources.suspend || system.is_none(),
            "the login manager's suspend signal",
        ),
    ]
    .into_iter()
    .filter_map(|(found, name)| (!found).then_some(name))
    .collect::<Vec<_>>();
    if !missing.is_empty() {
        note(&format!("not found here: {}", missing.join(", ")));
    }
    shared.set_sources(watch.sources);
    watch.run(shared).await;
}

/// A service that never answers must not keep the watch from starting.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

async fn connect(builder: Builder<'_>, bus: &str) -> Option<Connection> {
    builder
        .method_timeout(CALL_TIMEOUT)
        .build()
        .await
        .map_err(|e| note(&format!("no {bus} bus ({e})")))
        .ok()
}

fn note(what: &str) {
    eprintln!("unknot: note: idle and lock watch: {what}");
}

/// A stream of the signals `member` of `interface`, from any sender.
async fn signals(
    conn: &Connection,
    interface: &str,
    member: &str,
    path: &str,
    arg0: Option<&str>,
) -> zbus::Result<MessageStream> {
    let mut rule = MatchRule::builder()
        .msg_type(Type::Signal)
        .interface(interface)
        .member(member)
        .path(path);
    if let Some(arg0) = arg0 {
        rule = rule.arg(0, arg0);
    }
    MessageStream::for_match_rule(rule.build()?, conn, None).await
}

impl Watch<'_> {
    fn signal(&mut self, signal: Signal) {
        if let Some(change) = self.presence.take(signal, self.idle_after_secs) {
            (self.on_change)(change);
        }
    }

    async fn find_idle_monitor(&mut self, conn: &Connection) {
        // Subscribed first, so no firing is missed between the two.
        let Ok(stream) = signals(conn, MUTTER, "WatchFired", MUTTER_PATH, None).await else {
            return;
        };
        let idle_ms = u64::from(self.idle_after_secs) * 1000;
        let mut monitor = IdleMonitor {
            conn: conn.clone(),
            idle_watch: 0,
            active_watch: None,
        };
        let Ok(id) = monitor
            .call("AddIdleWatch", &(idle_ms,))
            .await
            .and_then(|reply| reply.body().deserialize::<u32>())
        else {
            return;
        };
        monitor.idle_watch = id;
        self.streams.push((Feed::IdleMonitor, stream));
        self.sources.idle_monitor = true;
        // Already idle for longer: the idle watch fires only the next time.
        let idle_now_ms = monitor
            .call("GetIdletime", &())
            .await
            .and_then(|reply| reply.body().deserialize::<u64>());
        if idle_now_ms.is_ok_and(|ms| ms >= idle_ms) {
            monitor.watch_for_input().await;
            self.signal(Signal::Idle(true));
        }
        self.idle_monitor = Some(monitor);
    }

    async fn find_screen_saver(&mut self, conn: &Connection) {
        let Ok(stream) =
            signals(conn, SCREEN_SAVER, "ActiveChanged", SCREEN_SAVER_PATH, None).await
        else {
            return;
        };
        let active = conn
            .call_method(
                Some(SCREEN_SAVER),
                SCREEN_SAVER_PATH,
                Some(SCREEN_SAVER),
                "GetActive",
                &(),
            )
            .await
            .and_then(|reply| reply.body().deserialize::<bool>());
        let Ok(active) = active else {
            return;
        };
        self.streams.push((Feed::ScreenSaver, stream));
        self.sources.screen_saver = true;
        self.signal(Signal::ScreenSaver(active));
    }

    async fn find_sleep(&mut self, conn: &Connection) {
        let has_owner = conn
            .call_method(
                Some("org.freedesktop.DBus"),
                "/org/freedesktop/DBus",
                Some("org.freedesktop.DBus"),
                "NameHasOwner",
                &(LOGIN,),
            )
            .await
            .and_then(|reply| reply.body().deserialize::<bool>());
        if !has_owner.unwrap_or(false) {
            return;
        }
        if let Ok(stream) = signals(conn, LOGIN_MANAGER, "PrepareForSleep", LOGIN_PATH, None).await
        {
            self.streams.push((Feed::Sleep, stream));
            self.sources.suspend = true;
        }
    }

    /// This session's object: the caller's own session, else the one named
    /// by `XDG_SESSION_ID`, else the user's graphical session (a process
    /// started outside the session, such as by a user service or D-Bus
    /// activation, has none of its own).
    async fn session_path(conn: &Connection) -> Option<OwnedObjectPath> {
        let get = |id: String| async move {
            conn.call_method(
                Some(LOGIN),
                LOGIN_PATH,
                Some(LOGIN_MANAGER),
                "GetSession",
                &(id,),
            )
            .await
            .and_then(|reply| reply.body().deserialize::<OwnedObjectPath>())
        };
        if let Ok(path) = get("auto".to_owned()).await {
            return Some(path);
        }
        let id = std::env::var("XDG_SESSION_ID")
            .ok()
            .filter(|id| !id.is_empty());
        if let Some(id) = id
            && let Ok(path) = get(id).await
        {
            return Some(path);
        }
        Self::display_session(conn).await.ok()
    }

    /// The session logind calls this user's display: their graphical one.
    async fn display_session(conn: &Connection) -> zbus::Result<OwnedObjectPath> {
        let uid = rustix::process::getuid().as_raw();
        let user: OwnedObjectPath = conn
            .call_method(
                Some(LOGIN),
                LOGIN_PATH,
                Some(LOGIN_MANAGER),
                "GetUser",
                &(uid,),
            )
            .await?
            .body()
            .deserialize()?;
        let reply = conn
            .call_method(
                Some(LOGIN),
                user.as_str(),
                Some(PROPERTIES),
                "Get",
                &("org.freedesktop.login1.User", "Display"),
            )
            .await?;
        let body = reply.body();
        let display: Variant = body.deserialize()?;
        let (_id, path) = display.downcast::<(String, OwnedObjectPath)>()?;
        Ok(path)
    }

    async fn locked_hint(conn: &Connection, path: &OwnedObjectPath) -> zbus::Result<bool> {
        let reply = conn
            .call_method(
                Some(LOGIN),
                path.as_str(),
                Some(PROPERTIES),
                "Get",
                &(LOGIN_SESSION, "LockedHint"),
            )
            .await?;
        let value: OwnedVariant = reply.body().deserialize()?;
        bool::try_from(value)
    }

    async fn find_session_lock(&mut self, conn: &Connection) {
        let Some(path) = Self::session_path(conn).await else {
            return;
        };
        let Ok(stream) = signals(
            conn,
            PROPERTIES,
            "PropertiesChanged",
            path.as_str(),
            Some(LOGIN_SESSION),
        )
        .await
        else {
            return;
        };
        let Ok(locked) = Self::locked_hint(conn, &path).await else {
            return;
        };
        self.streams.push((Feed::SessionLock, stream));
        self.sources.session_lock = true;
        self.session_path = Some(path);
        self.signal(Signal::SessionLocked(locked));
    }

    /// Sleeps until a signal comes, takes it in, and again, until stopped or
    /// every bus has gone.
    async fn run(&mut self, shared: &Shared) {
        while !self.streams.is_empty() {
            let streams = &mut self.streams;
            let next = poll_fn(|cx| {
                if shared.wake_on_stop(cx.waker()) {
                    return Poll::Ready(None);
                }
                for (index, (feed, stream)) in streams.iter_mut().enumerate() {
                    match Pin::new(stream).poll_next(cx) {
                        Poll::Ready(Some(Ok(message))) => {
                            return Poll::Ready(Some((index, *feed, Some(message))));
                        }
                        Poll::Ready(Some(Err(_))) => {}
                        Poll::Ready(None) => return Poll::Ready(Some((index, *feed, None))),
                        Poll::Pending => {}
                    }
                }
                Poll::Pending
            })
            .await;
            match next {
                None => return,
                Some((index, _, None)) => {
                    drop(self.streams.swap_remove(index));
                }
                Some((_, feed, Some(message))) => self.take(feed, &message).await,
            }
        }
    }

    async fn take(&mut self, feed: Feed, message: &Message) {
        match feed {
            Feed::IdleMonitor => {
                let Ok(id) = message.body().deserialize::<u32>() else {
                    return;
                };
                let Some(monitor) = &mut self.idle_monitor else {
                    return;
                };
                if id == monitor.idle_watch {
                    monitor.watch_for_input().await;
                    self.signal(Signal::Idle(true));
                } else if monitor.active_watch == Some(id) {
                    monitor.active_watch = None;
                    self.signal(Signal::Idle(false));
                }
            }
            Feed::ScreenSaver => {
                if let Ok(active) = message.body().deserialize::<bool>() {
                    self.signal(Signal::ScreenSaver(active));
                }
            }
            Feed::Sleep => {
                if let Ok(going) = message.body().deserialize::<bool>() {
                    self.signal(Signal::Asleep(going));
                }
            }
            Feed::SessionLock => {
                type Changed = (String, HashMap<String, OwnedVariant>, Vec<String>);
                let Ok((_, changed, invalidated)) = message.body().deserialize::<Changed>() else {
                    return;
                };
                let locked = match changed.get("LockedHint") {
                    Some(value) => bool::try_from(value).ok(),
                    None if invalidated.iter().any(|name| name == "LockedHint") => {
                        match (&self.system, &self.session_path) {
                            (Some(conn), Some(path)) => Self::locked_hint(conn, path).await.ok(),
                            _ => None,
                        }
                    }
                    None => None,
                };
                if let Some(locked) = locked {
                    self.signal(Signal::SessionLocked(locked));
                }
            }
        }
    }
}
