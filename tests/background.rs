//! `unknot background` as a real child process on a private session bus,
//! with a small notification service and tray watcher served from the test:
//! the reminder it shows, its buttons, its tray menu, the one-per-folder
//! rule, `--quit`, and the hand-over of the reminding to and from a window's
//! claim.
//!
//! Each test runs itself again inside its own `dbus-daemon`, so everything
//! that looks for "the session bus" (the child, and the library's calls in
//! this process) finds the private one and never the desktop's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/bus.rs"]
mod bus;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bus::{PrivateBus, TrayHost};
use chrono::{Local, NaiveTime};
use unknot::preferences::{KeepReminding, PreferenceKey};
use unknot::presence::{AppAction, BusNames, Claim, PresenceEvent, Request, Role};
use unknot::store::{InstanceLock, Store};
use zbus::OwnedVariant;

const MARK: &str = "UNKNOT_TEST_PRIVATE_BUS";

/// Runs the calling test again in a private session bus, unless this is
/// that run: then returns `true` and the test goes on.
fn inside_private_bus(test: &str) -> bool {
    if std::env::var_os(MARK).is_some() {
        return true;
    }
    let bus = PrivateBus::start();
    let status = Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env(MARK, "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .status()
        .unwrap();
    drop(bus);
    assert!(status.success(), "{test} failed on its private bus");
    false
}

/// One notification as the service received it.
#[derive(Debug, Clone)]
struct Shown {
    id: u32,
    summary: String,
    actions: Vec<String>,
    sender: String,
}

/// A notification service that keeps what it is sent.
#[derive(Default, Clone)]
struct FakeNotifications {
    shown: Arc<Mutex<Vec<Shown>>>,
    closed: Arc<Mutex<Vec<u32>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl FakeNotifications {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".to_owned(), "body".to_owned()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "fake".into(),
            "unknot tests".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        #[zbus(header)] header: zbus::message::Header<'_>,
        _app_name: String,
        replaces_id: u32,
        _app_icon: String,
        summary: String,
        _body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = if replaces_id == 0 {
            u32::try_from(shown.len()).unwrap() + 1
        } else {
            replaces_id
        };
        shown.push(Shown {
            id,
            summary,
            actions,
            sender: header.sender().map(ToString::to_string).unwrap_or_default(),
        });
        id
    }

    fn close_notification(&self, id: u32) {
        self.closed.lock().unwrap().push(id);
    }
}

/// Serves [`FakeNotifications`] on the session bus.
fn notification_service() -> (zbus::Connection, FakeNotifications) {
    let fake = FakeNotifications::default();
    let connection = zbus::block_on(
        zbus::connection::Builder::session()
            .name("org.freedesktop.Notifications")
            .serve_at("/org/freedesktop/Notifications", fake.clone())
            .build(),
    )
    .unwrap();
    (connection, fake)
}

fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A store whose only due reminder is the daily check-in, due at once
/// (every day active, no quiet hours), with "keep reminding" as given.
fn store_with_check_in_due(dir: &Path, keep: KeepReminding) {
    let mut store = Store::open(dir).unwrap();
    let (mut prefs, _) = store.preferences().unwrap();
    prefs.reminders.enabled = true;
    prefs.reminders.posture_enabled = false;
    prefs.reminders.stretch_every_hours = 0;
    prefs.reminders.strength_nudge_at = None;
    prefs.reminders.check_in_at = Some(NaiveTime::MIN);
    prefs.reminders.active_days = chrono::WeekdaySet::ALL;
    prefs.reminders.quiet_hours = None;
    prefs.keep_reminding = keep;
    store.save_preferences(&prefs, &PreferenceKey::ALL).unwrap();
}

/// `unknot` for the data folder `dir`, with its own configuration folder,
/// so the autostart entry it brings up to date is never the user's.
fn unknot(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unknot"));
    command.env("XDG_CONFIG_HOME", dir.join("config"));
    command
}

fn background(dir: &Path, args: &[&str]) -> Command {
    let mut command = unknot(dir);
    command
        .arg("--data-dir")
        .arg(dir)
        .arg("background")
        .args(args);
    command
}

/// A child process that is killed if the test ends before it does, so a
/// failing test leaves nothing running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(command: &mut Command) -> Running {
    Running(command.stdout(Stdio::null()).spawn().unwrap())
}

fn exits_within(running: &mut Running, what: &str) -> std::process::ExitStatus {
    wait_for(what, || running.0.try_wait().unwrap())
}

fn owner_of(name: &str) -> Option<String> {
    zbus::block_on(async {
        let connection = zbus::Connection::session().await.unwrap();
        let bus = zbus::fdo::DBusProxy::new(&connection).await.unwrap();
        let name = zbus::names::BusName::try_from(name).unwrap();
        bus.get_name_owner(name).await.ok().map(|o| o.to_string())
    })
}

#[test]
fn a_reminder_comes_with_buttons_and_snooze_is_kept_in_the_store() {
    if !inside_private_bus("a_reminder_comes_with_buttons_and_snooze_is_kept_in_the_store") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    store_with_check_in_due(dir.path(), KeepReminding::On);
    let (service, fake) = notification_service();
    let mut first = start(&mut background(dir.path(), &[]));

    let shown = wait_for("the check-in reminder", || {
        fake.shown.lock().unwrap().first().cloned()
    });
    assert_eq!(shown.summary, "Daily check-in");
    let pairs: Vec<(&str, &str)> = shown
        .actions
        .chunks(2)
        .map(|pair| (pair[0].as_str(), pair[1].as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("default", "Open Unknot"),
            ("check-in", "Check in now"),
            ("snooze", "Snooze 10 minutes"),
            ("skip", "Skip"),
        ]
    );

    // A second background process for the folder says so and leaves.
    let second = background(dir.path(), &[]).output().unwrap();
    assert!(second.status.success(), "{second:?}");
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("already running"),
        "{second:?}"
    );

    // The button press goes back to the connection that showed it.
    let pressed_at = Local::now().fixed_offset();
    zbus::block_on(service.emit_signal(
        Some(shown.sender.as_str()),
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        "ActionInvoked",
        &(shown.id, "snooze"),
    ))
    .unwrap();
    let snooze = wait_for("the snooze in the store", || {
        let store = Store::open_read_only(dir.path()).ok()?;
        store.preferences().ok()?.0.reminders_snoozed
    });
    assert_eq!(snooze.kind, Some(unknot::reminders::ReminderKind::CheckIn));
    let minutes = (snooze.until - pressed_at).num_seconds() as f64 / 60.0;
    assert!(
        (9.5..=10.5).contains(&minutes),
        "snoozed for {minutes} minutes"
    );

    let quit = background(dir.path(), &["--quit"]).output().unwrap();
    assert!(quit.status.success(), "{quit:?}");
    assert!(exits_within(&mut first, "the background process to quit").success());
    let names = BusNames::for_folder(dir.path());
    assert_eq!(owner_of(&names.background), None);
    // Nothing else was shown: one reminder, no burst.
    assert_eq!(fake.shown.lock().unwrap().len(), 1);
}

#[test]
fn an_open_window_takes_the_reminding_and_gives_it_back() {
    if !inside_private_bus("an_open_window_takes_the_reminding_and_gives_it_back") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    store_with_check_in_due(dir.path(), KeepReminding::On);
    let (_service, fake) = notification_service();
    let names = BusNames::for_folder(dir.path());
    let mut process = start(&mut background(dir.path(), &[]));
    let shown = wait_for("the check-in reminder", || {
        fake.shown.lock().unwrap().first().cloned()
    });
    let background_owner = wait_for("the app name", || owner_of(&names.app));
    // One connection holds both of the background process's names.
    assert_eq!(owner_of(&names.background), Some(background_owner.clone()));

    // A window opens: it takes the name, and the background's reminder goes.
    let (tx, rx) = std::sync::mpsc::channel();
    let Claim::Claimed(window) = unknot::presence::claim(Role::Window, dir.path(), move |event| {
        let _ = tx.send(event);
    })
    .unwrap() else {
        panic!("a window is never refused");
    };
    assert!(window.is_reminding());
    assert_ne!(owner_of(&names.app), Some(background_owner.clone()));
    wait_for("the reminder to be taken away", || {
        fake.closed
            .lock()
            .unwrap()
            .contains(&shown.id)
            .then_some(())
    });

    // A second `unknot` reaches the window (the instance lock is held as
    // the window holds it) and passes its request on.
    let lock = InstanceLock::acquire(dir.path()).unwrap();
    let second = unknot(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--action", "pause-hour"])
        .output()
        .unwrap();
    assert!(second.status.success(), "{second:?}");
    let event = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    assert!(
        matches!(
            event,
            PresenceEvent::Request(Request::Action {
                action: AppAction::PauseHour,
                ..
            })
        ),
        "{event:?}"
    );

    // The window closes: the bus gives the name back to the background.
    drop(lock);
    drop(window);
    let owner = wait_for("the name to come back", || {
        owner_of(&names.app).filter(|o| *o == background_owner)
    });
    assert_eq!(owner, background_owner);
    assert!(process.0.try_wait().unwrap().is_none(), "it keeps running");
    let quit = background(dir.path(), &["--quit"]).output().unwrap();
    assert!(quit.status.success());
    assert!(exits_within(&mut process, "quit").success());
}

#[test]
fn with_keep_reminding_off_the_background_leaves_when_a_window_closes() {
    if !inside_private_bus("with_keep_reminding_off_the_background_leaves_when_a_window_closes") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    store_with_check_in_due(dir.path(), KeepReminding::Off);
    let names = BusNames::for_folder(dir.path());
    // The window first: the background queues behind it.
    let Claim::Claimed(window) = unknot::presence::claim(Role::Window, dir.path(), |_| {}).unwrap()
    else {
        panic!("a window is never refused");
    };
    let mut process = start(&mut background(dir.path(), &[]));
    wait_for("the background name", || owner_of(&names.background));
    assert!(window.is_reminding());
    drop(window);
    let status = exits_within(&mut process, "the background process to leave");
    assert!(status.success());
    assert_eq!(owner_of(&names.app), None);
}

/// One dbusmenu layout node: id, properties, children.
type MenuNode = (i32, HashMap<String, OwnedVariant>, Vec<OwnedVariant>);

/// The tray menu's entries as (id, label, enabled), separators left out.
fn tray_menu(bus: &zbus::Connection, item: &str, path: &str) -> Vec<(i32, String, bool)> {
    let reply = zbus::block_on(bus.call_method(
        Some(item),
        path,
        Some("com.canonical.dbusmenu"),
        "GetLayout",
        &(0i32, -1i32, Vec::<String>::new()),
    ))
    .unwrap();
    let (_revision, (_root, _, children)): (u32, MenuNode) = reply.body().deserialize().unwrap();
    children
        .into_iter()
        .map(|child| MenuNode::try_from(child).unwrap())
        .filter_map(|(id, properties, _)| {
            // ksni leaves out what is at its default: a label of "",
            // enabled true.
            let label = <&str>::try_from(properties.get("label")?).unwrap();
            let enabled = properties
                .get("enabled")
                .is_none_or(|enabled| bool::try_from(enabled).unwrap());
            Some((id, label.to_owned(), enabled))
        })
        .collect()
}

fn click(bus: &zbus::Connection, item: &str, path: &str, id: i32) -> zbus::Result<()> {
    zbus::block_on(bus.call_method(
        Some(item),
        path,
        Some("com.canonical.dbusmenu"),
        "Event",
        &(id, "clicked", zbus::Variant::from(0i32), 0u32),
    ))
    .map(|_| ())
}

#[test]
fn the_tray_menu_pauses_and_quits_over_the_bus() {
    if !inside_private_bus("the_tray_menu_pauses_and_quits_over_the_bus") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    store_with_check_in_due(dir.path(), KeepReminding::On);
    let watcher = TrayHost::default();
    let bus = watcher.serve(zbus::connection::Builder::session());
    let mut process = start(&mut background(dir.path(), &[]));

    let (item, sender) = wait_for("the tray icon to register", || {
        watcher.items.lock().unwrap().first().cloned()
    });
    assert_eq!(owner_of(&item), Some(sender));
    let reply = zbus::block_on(bus.call_method(
        Some(item.as_str()),
        "/StatusNotifierItem",
        Some("org.freedesktop.DBus.Properties"),
        "Get",
        &("org.kde.StatusNotifierItem", "Menu"),
    ))
    .unwrap();
    let menu_path =
        zbus::OwnedObjectPath::try_from(reply.body().deserialize::<OwnedVariant>().unwrap())
            .unwrap();
    let menu_path = menu_path.as_str();

    let menu = tray_menu(&bus, &item, menu_path);
    let entries: Vec<(&str, bool)> = menu
        .iter()
        .skip(1)
        .map(|(_, label, enabled)| (label.as_str(), *enabled))
        .collect();
    assert_eq!(
        entries,
        [
            ("Open Unknot", true),
            ("Check in...", true),
            ("Pause reminders for 1 hour", true),
            ("Pause reminders until tomorrow", true),
            ("Resume reminders", false),
            ("Quit", true),
        ]
    );
    // The status line heads the menu and is not a button.
    assert!(!menu[0].2, "{menu:?}");
    let id_of = |label: &str| menu.iter().find(|(_, l, _)| l == label).unwrap().0;

    let pressed_at = Local::now().fixed_offset();
    click(&bus, &item, menu_path, id_of("Pause reminders for 1 hour")).unwrap();
    let snooze = wait_for("the pause in the store", || {
        let store = Store::open_read_only(dir.path()).ok()?;
        store.preferences().ok()?.0.reminders_snoozed
    });
    assert_eq!(snooze.kind, None);
    let minutes = (snooze.until - pressed_at).num_seconds() as f64 / 60.0;
    assert!(
        (59.5..=60.5).contains(&minutes),
        "paused for {minutes} minutes"
    );
    // The menu follows: it says until when, and there is something to resume.
    let line = format!("Reminders paused until {}", snooze.until.format("%H:%M"));
    wait_for("the menu to show the pause", || {
        let menu = tray_menu(&bus, &item, menu_path);
        let resume = menu.iter().find(|(_, l, _)| l == "Resume reminders")?;
        (menu[0].1 == line && resume.2).then_some(())
    });

    // The process may be gone before its reply is: only the exit counts.
    let _ = click(&bus, &item, menu_path, id_of("Quit"));
    let status = exits_within(&mut process, "the background process to quit");
    assert!(status.success(), "{status:?}");
}

#[test]
fn after_a_kill_9_the_next_background_process_takes_over() {
    if !inside_private_bus("after_a_kill_9_the_next_background_process_takes_over") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    store_with_check_in_due(dir.path(), KeepReminding::On);
    let names = BusNames::for_folder(dir.path());
    let mut first = start(&mut background(dir.path(), &[]));
    let killed = wait_for("the first to own the name", || owner_of(&names.app));
    first.0.kill().unwrap();
    first.0.wait().unwrap();
    // Nothing left behind blocks the next start: it owns both names.
    let _second = start(&mut background(dir.path(), &[]));
    let owner = wait_for("the second to own the name", || {
        owner_of(&names.app).filter(|o| *o != killed)
    });
    assert_eq!(owner_of(&names.background), Some(owner));
}
