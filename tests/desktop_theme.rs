//! The desktop's light or dark preference, read from a stand-in desktop
//! portal served on a private D-Bus daemon, and followed as it changes.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/bus.rs"]
mod bus;

use std::sync::mpsc;
use std::time::Duration;

use bus::PrivateBus;
use unknot::desktop_theme::{self, ColorScheme};
use zbus::{Connection, OwnedVariant, Variant};

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PATH: &str = "/org/freedesktop/portal/desktop";
const SETTINGS: &str = "org.freedesktop.portal.Settings";
/// Long enough for a loaded machine; a passing test never waits it out.
const DEADLINE: Duration = Duration::from_secs(10);

/// A portal of version 2 and later, which has `ReadOne`.
struct Settings {
    color_scheme: u32,
}

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl Settings {
    fn read_one(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedVariant> {
        if (namespace, key) == ("org.freedesktop.appearance", "color-scheme") {
            Ok(OwnedVariant::from(self.color_scheme))
        } else {
            Err(zbus::fdo::Error::Failed(format!("no {namespace} {key}")))
        }
    }
}

/// An older portal, which has only `Read` and wraps the value twice.
struct OldSettings;

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl OldSettings {
    fn read(&self, _namespace: &str, _key: &str) -> Variant<'static> {
        Variant::Variant(Box::new(Variant::U32(1)))
    }
}

fn serve(bus: &PrivateBus, settings: impl zbus::object_server::Interface) -> Connection {
    zbus::block_on(
        zbus::connection::Builder::address(bus.address.as_str())
            .name(PORTAL)
            .serve_at(PATH, settings)
            .build(),
    )
    .unwrap()
}

fn change(portal: &Connection, namespace: &str, key: &str, value: u32) {
    zbus::block_on(portal.emit_signal(
        None::<&str>,
        PATH,
        SETTINGS,
        "SettingChanged",
        &(namespace, key, Variant::U32(value)),
    ))
    .unwrap();
}

#[test]
fn the_preference_is_read_at_start_and_followed_as_it_changes() {
    let bus = PrivateBus::start();
    let portal = serve(&bus, Settings { color_scheme: 2 });
    let (told, heard) = mpsc::channel();
    let scheme = desktop_theme::follow_bus(&bus.address, move |scheme| {
        told.send(scheme).unwrap();
    });
    assert_eq!(heard.recv_timeout(DEADLINE), Ok(ColorScheme::PreferLight));
    assert_eq!(scheme.get(), ColorScheme::PreferLight);

    // Other settings are not the color scheme.
    change(&portal, "org.freedesktop.appearance", "accent-color", 1);
    change(&portal, "org.gnome.desktop.interface", "color-scheme", 1);
    change(&portal, "org.freedesktop.appearance", "color-scheme", 1);
    assert_eq!(heard.recv_timeout(DEADLINE), Ok(ColorScheme::PreferDark));
    assert_eq!(scheme.get(), ColorScheme::PreferDark);

    // The same value again is no change; the next one is.
    change(&portal, "org.freedesktop.appearance", "color-scheme", 1);
    change(&portal, "org.freedesktop.appearance", "color-scheme", 0);
    assert_eq!(heard.recv_timeout(DEADLINE), Ok(ColorScheme::NoPreference));
    assert_eq!(scheme.get(), ColorScheme::NoPreference);
}

#[test]
fn an_older_portal_is_read_with_read() {
    let bus = PrivateBus::start();
    let _portal = serve(&bus, OldSettings);
    let (told, heard) = mpsc::channel();
    let scheme = desktop_theme::follow_bus(&bus.address, move |scheme| {
        told.send(scheme).unwrap();
    });
    assert_eq!(heard.recv_timeout(DEADLINE), Ok(ColorScheme::PreferDark));
    assert_eq!(scheme.get(), ColorScheme::PreferDark);
}
