//! The idle watch against small stand-ins for GNOME's idle monitor, a
//! screen saver and logind, served on two private D-Bus daemons (one in the
//! place of the system bus).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/bus.rs"]
mod bus;

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bus::PrivateBus;
use unknot::idle::{IdleWatch, PresenceChange, Sources};
use zbus::{Connection, Message, MessageStream, ObjectPath, Variant};

const WAIT: Duration = Duration::from_secs(30);
const SESSION_PATH: &str = "/org/freedesktop/login1/session/_31";

/// A reply a stand-in gives.
enum Answer {
    U32(u32),
    U64(u64),
    Bool(bool),
    Path(&'static str),
    BoolVariant(bool),
    /// A user's display session: its id and object, in a variant.
    Display(&'static str, &'static str),
}

/// Serves `name` on `conn`: each method call gets `answer(member, call)`'s
/// reply, or an error when it has none.
fn serve(
    conn: &Connection,
    name: &'static str,
    answer: impl Fn(&str, &Message) -> Option<Answer> + Send + 'static,
) {
    let conn = conn.clone();
    zbus::block_on(conn.request_name(name)).expect("takes the name");
    std::thread::spawn(move || {
        zbus::block_on(async move {
            let mut stream = MessageStream::from(&conn);
            while let Some(Ok(call)) = std::future::poll_fn(|cx| {
                futures_core::Stream::poll_next(std::pin::Pin::new(&mut stream), cx)
            })
            .await
            {
                let header = call.header();
                // Several stand-ins may share a connection: each answers its own name.
                let to_me = header.destination().is_some_and(|d| d.as_str() == name);
                if header.message_type() != zbus::message::Type::MethodCall || !to_me {
                    continue;
                }
                let member = header.member().map(|m| m.as_str()).unwrap_or_default();
                let sent = match answer(member, &call) {
                    Some(Answer::U32(v)) => conn.reply(&header, &v).await,
                    Some(Answer::U64(v)) => conn.reply(&header, &v).await,
                    Some(Answer::Bool(v)) => conn.reply(&header, &v).await,
                    Some(Answer::Path(p)) => {
                        let path = ObjectPath::try_from(p).expect("a valid path");
                        conn.reply(&header, &path).await
                    }
                    Some(Answer::Display(id, p)) => {
                        let path = ObjectPath::try_from(p).expect("a valid path");
                        conn.reply(&header, &Variant::from((id, path))).await
                    }
                    Some(Answer::BoolVariant(v)) => conn.reply(&header, &Variant::from(v)).await,
                    None => {
                        conn.reply_dbus_error(
                            &header,
                            zbus::fdo::Error::UnknownMethod(member.to_owned()),
                        )
                        .await
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        });
    });
}

fn emit<B>(conn: &Connection, to: Option<&str>, path: &str, interface: &str, member: &str, body: &B)
where
    B: serde::Serialize + zbus::DynamicType,
{
    zbus::block_on(conn.emit_signal(to, path, interface, member, body)).expect("signal sent");
}

/// The stand-in for GNOME's idle monitor: the idle watch is 1, each watch
/// for input the next number from 2; remembers who asked.
#[derive(Default)]
struct IdleMonitor {
    watcher: Option<String>,
    idle_ms: Option<u64>,
    last_active_watch: u32,
}

fn serve_idle_monitor(conn: &Connection) -> Arc<Mutex<IdleMonitor>> {
    let state = Arc::new(Mutex::new(IdleMonitor {
        last_active_watch: 1,
        ..IdleMonitor::default()
    }));
    let served = Arc::clone(&state);
    serve(conn, "org.gnome.Mutter.IdleMonitor", move |member, call| {
        let mut state = served.lock().unwrap();
        state.watcher = call.header().sender().map(|s| s.to_string());
        match member {
            "AddIdleWatch" => {
                state.idle_ms = call.body().deserialize().ok();
                Some(Answer::U32(1))
            }
            "AddUserActiveWatch" => {
                state.last_active_watch += 1;
                Some(Answer::U32(state.last_active_watch))
            }
            "GetIdletime" => Some(Answer::U64(0)),
            _ => None,
        }
    });
    state
}

fn next(changes: &Receiver<PresenceChange>) -> PresenceChange {
    changes.recv_timeout(WAIT).expect("a presence change comes")
}

fn watching(
    session: Option<Connection>,
    system: Option<Connection>,
) -> (IdleWatch, Receiver<PresenceChange>, Sources) {
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    let watch = IdleWatch::with_connections(session, system, 300, move |change| {
        let _ = tx.lock().unwrap().send(change);
    });
    let sources = watch
        .wait_for_sources(WAIT)
        .expect("the watch looks for its sources");
    (watch, rx, sources)
}

#[test]
fn signals_from_every_source_become_presence_changes_in_order() {
    let session_bus = PrivateBus::start();
    let system_bus = PrivateBus::start();
    let session = session_bus.connect();
    let system = system_bus.connect();

    let monitor = serve_idle_monitor(&session);
    serve(&session, "org.freedesktop.ScreenSaver", |member, _| {
        (member == "GetActive").then_some(Answer::Bool(false))
    });
    serve(
        &system,
        "org.freedesktop.login1",
        |member, call| match member {
            "GetSession" => {
                let id: String = call.body().deserialize().ok()?;
                (id == "auto").then_some(Answer::Path(SESSION_PATH))
            }
            "Get" => {
                let (iface, name): (String, String) = call.body().deserialize().ok()?;
                (iface == "org.freedesktop.login1.Session" && name == "LockedHint")
                    .then_some(Answer::BoolVariant(false))
            }
            _ => None,
        },
    );

    let (watch, changes, sources) =
        watching(Some(session_bus.connect()), Some(system_bus.connect()));
    assert_eq!(
        sources,
        Sources {
            idle_monitor: true,
            screen_saver: true,
            session_lock: true,
            suspend: true,
        }
    );
    assert_eq!(watch.sources(), Some(sources));
    let watcher = {
        let state = monitor.lock().unwrap();
        assert_eq!(state.idle_ms, Some(300_000));
        state
            .watcher
            .clone()
            .expect("the watch asked for an idle watch")
    };

    // GNOME: idle after the five minutes, then input again.
    let mutter = (
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor",
    );
    emit(
        &session,
        Some(&watcher),
        mutter.0,
        mutter.1,
        "WatchFired",
        &(1u32,),
    );
    assert_eq!(next(&changes), PresenceChange::Idle { idle_secs: 300 });
    let input_watch = monitor.lock().unwrap().last_active_watch;
    assert_eq!(input_watch, 2, "a watch for input was asked for");
    emit(
        &session,
        Some(&watcher),
        mutter.0,
        mutter.1,
        "WatchFired",
        &(input_watch,),
    );
    assert_eq!(next(&changes), PresenceChange::Active);

    // The screen saver comes on and goes off.
    let saver = (
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
    );
    emit(&session, None, saver.0, saver.1, "ActiveChanged", &(true,));
    assert_eq!(next(&changes), PresenceChange::Locked);
    emit(&session, None, saver.0, saver.1, "ActiveChanged", &(false,));
    assert_eq!(next(&changes), PresenceChange::Active);

    // Locked, then asleep; waking on the locked screen is not back yet.
    let locked = |on: bool| {
        let changed = HashMap::from([("LockedHint", Variant::from(on))]);
        let body = (
            "org.freedesktop.login1.Session",
            changed,
            Vec::<&str>::new(),
        );
        emit(
            &system,
            None,
            SESSION_PATH,
            "org.freedesktop.DBus.Properties",
            "PropertiesChanged",
            &body,
        );
    };
    let manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager");
    locked(true);
    assert_eq!(next(&changes), PresenceChange::Locked);
    emit(
        &system,
        None,
        manager.0,
        manager.1,
        "PrepareForSleep",
        &(true,),
    );
    assert_eq!(next(&changes), PresenceChange::Asleep);
    emit(
        &system,
        None,
        manager.0,
        manager.1,
        "PrepareForSleep",
        &(false,),
    );
    locked(false);
    assert_eq!(next(&changes), PresenceChange::Active);

    // Nothing else came in between: the next change is this one.
    emit(&session, None, saver.0, saver.1, "ActiveChanged", &(true,));
    assert_eq!(next(&changes), PresenceChange::Locked);

    // Dropped, the watch's thread ends and lets go of the callback.
    drop(watch);
    assert_eq!(
        changes.recv_timeout(WAIT),
        Err(RecvTimeoutError::Disconnected)
    );
}

#[test]
fn started_outside_the_session_it_finds_the_users_display_session_and_its_lock() {
    // Started by a user service or D-Bus activation: "auto" names no session.
    let system_bus = PrivateBus::start();
    let system = system_bus.connect();
    let user_path = "/org/freedesktop/login1/user/_1000";
    serve(
        &system,
        "org.freedesktop.login1",
        move |member, call| match member {
            "GetUser" => Some(Answer::Path(user_path)),
            "Get" => {
                let (iface, name): (String, String) = call.body().deserialize().ok()?;
                let path = call.header().path()?.to_string();
                match (iface.as_str(), name.as_str()) {
                    ("org.freedesktop.login1.User", "Display") if path == user_path => {
                        Some(Answer::Display("31", SESSION_PATH))
                    }
                    ("org.freedesktop.login1.Session", "LockedHint") if path == SESSION_PATH => {
                        Some(Answer::BoolVariant(true))
                    }
                    _ => None,
                }
            }
            _ => None,
        },
    );
    let (_watch, changes, sources) = watching(None, Some(system_bus.connect()));
    assert_eq!(
        sources,
        Sources {
            session_lock: true,
            suspend: true,
            ..Sources::default()
        }
    );
    // Already locked when the watch started.
    assert_eq!(next(&changes), PresenceChange::Locked);
}

#[test]
fn a_desktop_with_nothing_to_offer_keeps_an_empty_list() {
    let (_watch, _changes, sources) = watching(None, None);
    assert_eq!(sources, Sources::default());
    assert!(sources.describe().is_empty());

    // Buses, but nobody on them: only the bus itself answers.
    let session_bus = PrivateBus::start();
    let system_bus = PrivateBus::start();
    let (_watch, changes, sources) =
        watching(Some(session_bus.connect()), Some(system_bus.connect()));
    assert_eq!(sources, Sources::default());
    // With nothing to wait for, the thread ends at once.
    assert_eq!(
        changes.recv_timeout(WAIT),
        Err(RecvTimeoutError::Disconnected)
    );
}
