//! A private D-Bus daemon for a test, stopped when dropped, and a stand-in
//! tray host to serve on it. Include with `#[path = "common/bus.rs"] mod bus;`
//! (a bench: `#[path = "../tests/common/bus.rs"]`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct PrivateBus {
    child: Child,
    pub address: String,
}

impl PrivateBus {
    /// Starts `dbus-daemon` with the session configuration and waits for its address.
    pub fn start() -> Self {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            // It warns that it may not raise its file limit when run as root.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (Debian package dbus-daemon)");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut address = String::new();
        BufReader::new(stdout)
            .read_line(&mut address)
            .expect("dbus-daemon prints its address");
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon gave no address");
        Self { child, address }
    }

    /// A new connection to this bus.
    pub fn connect(&self) -> zbus::Connection {
        zbus::block_on(async {
            zbus::connection::Builder::address(self.address.as_str())
                .build()
                .await
        })
        .expect("connects to the private bus")
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A stand-in tray host (its StatusNotifierWatcher) that keeps the items registered with it, each as
/// (the name it gave, the connection that called).
#[derive(Default, Clone)]
pub struct TrayHost {
    pub items: Arc<Mutex<Vec<(String, String)>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl TrayHost {
    fn register_status_notifier_item(
        &self,
        #[zbus(header)] header: zbus::message::Header<'_>,
        service: &str,
    ) {
        let sender = header.sender().map(ToString::to_string).unwrap_or_default();
        self.items
            .lock()
            .unwrap()
            .push((service.to_owned(), sender));
    }

    fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        let items = self.items.lock().unwrap();
        items.iter().map(|(service, _)| service.clone()).collect()
    }
}

impl TrayHost {
    /// Serves this host at its well-known name on the bus `builder` reaches.
    pub fn serve(&self, builder: zbus::connection::Builder<'_>) -> zbus::Connection {
        zbus::block_on(
            builder
                .name("org.kde.StatusNotifierWatcher")
                .serve_at("/StatusNotifierWatcher", self.clone())
                .build(),
        )
        .expect("the stand-in tray host is served")
    }
}
