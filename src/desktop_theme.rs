//! The desktop's light or dark preference, as the XDG desktop portal tells
//! it (`org.freedesktop.appearance` `color-scheme` in
//! `org.freedesktop.portal.Settings`), kept up to date by a thread that
//! listens for the portal's `SettingChanged` signal: read once at start,
//! then only on a change, never polled.
//!
//! The windowing library does not report the preference on Linux (neither
//! on X11 nor on Wayland), so the window asks here. Where there is no
//! portal, or no such setting, the desktop has no preference.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// What the desktop prefers, in the portal's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorScheme {
    #[default]
    NoPreference,
    PreferDark,
    PreferLight,
}

impl ColorScheme {
    /// The portal's number: 1 dark, 2 light, anything else no preference.
    pub fn from_portal(value: u32) -> Self {
        match value {
            1 => Self::PreferDark,
            2 => Self::PreferLight,
            _ => Self::NoPreference,
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            Self::NoPreference => 0,
            Self::PreferDark => 1,
            Self::PreferLight => 2,
        }
    }
}

/// The preference as last heard, shared between the thread that listens
/// and whoever draws. Clones share the value.
#[derive(Debug, Clone, Default)]
pub struct DesktopScheme(Arc<AtomicU8>);

impl DesktopScheme {
    /// A value nobody listens for (tests, and desktops without a portal).
    pub fn new(scheme: ColorScheme) -> Self {
        Self(Arc::new(AtomicU8::new(scheme.to_u8())))
    }

    pub fn get(&self) -> ColorScheme {
        ColorScheme::from_portal(u32::from(self.0.load(Ordering::Relaxed)))
    }

    /// Stores `scheme`; true if it differs from the value before.
    pub fn set(&self, scheme: ColorScheme) -> bool {
        self.0.swap(scheme.to_u8(), Ordering::Relaxed) != scheme.to_u8()
    }
}

/// Follows the preference on the session bus: reads it (waiting briefly,
/// so the first frame can already be in the right colours) and calls
/// `on_change` with each new value from a thread of its own, the first
/// value included when it differs from no preference. Without a session
/// bus or a portal the value stays [`ColorScheme::NoPreference`].
pub fn follow(on_change: impl Fn(ColorScheme) + Send + 'static) -> DesktopScheme {
    #[cfg(target_os = "linux")]
    {
        portal::start(zbus::Connection::session(), on_change)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = on_change;
        DesktopScheme::default()
    }
}

/// Like [`follow`], over the bus at `address` (tests use a private one).
#[cfg(target_os = "linux")]
pub fn follow_bus(
    address: &str,
    on_change: impl Fn(ColorScheme) + Send + 'static,
) -> DesktopScheme {
    portal::start(
        zbus::connection::Builder::address(address).build(),
        on_change,
    )
}

#[cfg(target_os = "linux")]
mod portal {
    use std::future::{Future, poll_fn};
    use std::pin::pin;
    use std::sync::mpsc;
    use std::time::Duration;

    use zbus::export::futures_core::Stream;
    use zbus::{Connection, Proxy};
    use zbus::{OwnedVariant, Variant};

    use super::{ColorScheme, DesktopScheme};

    const DESTINATION: &str = "org.freedesktop.portal.Desktop";
    const PATH: &str = "/org/freedesktop/portal/desktop";
    const INTERFACE: &str = "org.freedesktop.portal.Settings";
    const NAMESPACE: &str = "org.freedesktop.appearance";
    const KEY: &str = "color-scheme";

    /// How long the window waits for the first answer before it opens in
    /// the fallback colours (a portal being started can take a while; the
    /// answer still arrives later through `on_change`).
    const FIRST_ANSWER_WAIT: Duration = Duration::from_millis(300);

    pub(super) fn start<C>(
        connect: C,
        on_change: impl Fn(ColorScheme) + Send + 'static,
    ) -> DesktopScheme
    where
        C: Future<Output = zbus::Result<Connection>> + Send + 'static,
    {
        let scheme = DesktopScheme::default();
        let shared = scheme.clone();
        let (answered, first_answer) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("desktop-theme".to_owned())
            .spawn(move || {
                // An error means the desktop does not say: the value stays
                // at no preference, which is what it already is.
                let _ = zbus::block_on(async move {
                    let connection = connect.await?;
                    listen(&connection, &shared, answered, &on_change).await
                });
            });
        if spawned.is_ok() {
            // Sent once the first value is read; dropped if it cannot be.
            let _ = first_answer.recv_timeout(FIRST_ANSWER_WAIT);
        }
        scheme
    }

    async fn listen(
        connection: &Connection,
        scheme: &DesktopScheme,
        answered: mpsc::Sender<()>,
        on_change: &(impl Fn(ColorScheme) + Send),
    ) -> zbus::Result<()> {
        let proxy = Proxy::new(connection, DESTINATION, PATH, INTERFACE).await?;
        // Listening before reading, so no change between the two is missed.
        let changes = proxy.receive_signal("SettingChanged").await?;
        let first = read(&proxy).await?;
        if scheme.set(first) {
            on_change(first);
        }
        let _ = answered.send(());
        let mut changes = pin!(changes);
        while let Some(message) = poll_fn(|cx| changes.as_mut().poll_next(cx)).await {
            let body = message.body();
            let Ok((namespace, key, value)) = body.deserialize::<(&str, &str, Variant<'_>)>()
            else {
                continue;
            };
            if namespace == NAMESPACE && key == KEY {
                let new = scheme_of(&value);
                if scheme.set(new) {
                    on_change(new);
                }
            }
        }
        Ok(())
    }

    /// `ReadOne`, or `Read` from portals older than version 2 (which wraps
    /// the value in one more variant).
    async fn read(proxy: &Proxy<'_>) -> zbus::Result<ColorScheme> {
        let value: OwnedVariant = match proxy.call("ReadOne", &(NAMESPACE, KEY)).await {
            Ok(value) => value,
            Err(_) => proxy.call("Read", &(NAMESPACE, KEY)).await?,
        };
        Ok(scheme_of(&value))
    }

    fn scheme_of(value: &Variant<'_>) -> ColorScheme {
        match value {
            Variant::U32(number) => ColorScheme::from_portal(*number),
            Variant::Variant(inner) => scheme_of(inner),
            _ => ColorScheme::NoPreference,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_numbers() {
        assert_eq!(ColorScheme::from_portal(0), ColorScheme::NoPreference);
        assert_eq!(ColorScheme::from_portal(1), ColorScheme::PreferDark);
        assert_eq!(ColorScheme::from_portal(2), ColorScheme::PreferLight);
        assert_eq!(ColorScheme::from_portal(7), ColorScheme::NoPreference);
    }

    #[test]
    fn set_says_whether_the_value_changed() {
        let scheme = DesktopScheme::default();
        let other = scheme.clone();
        assert!(!scheme.set(ColorScheme::NoPreference));
        assert!(scheme.set(ColorScheme::PreferDark));
        assert_eq!(other.get(), ColorScheme::PreferDark);
        assert!(!other.set(ColorScheme::PreferDark));
    }
}
