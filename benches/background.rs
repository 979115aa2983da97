//! What `unknot background` costs while it waits between reminders: its
//! peak resident memory and its wake-ups (context switches summed over every
//! thread) over a minute of idle, next to `dbus-monitor`, a small C program
//! idling on the same private session bus, measured in the same run. Twice:
//! on a bus with no tray host (as on stock GNOME), and with a stand-in tray
//! host served from this process, so the tray icon runs too.
//!
//! `cargo bench --bench background` starts a private `dbus-daemon`, then
//! both processes, lets them settle, and reads `/proc/PID/status` and
//! `/proc/PID/task/*/status` at the start and the end of the minute.
//! Without `--bench` (as under `cargo test`) it only checks that the
//! numbers can be read from this process.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench may stop at the first surprise.

#[path = "../tests/common/bus.rs"]
mod bus;
mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use bus::{PrivateBus, TrayHost};
use common::measuring;

/// How long the idle count lasts.
const IDLE_SECS: u64 = 60;
/// Time to settle after start (connections, tray, first schedule).
const SETTLE_SECS: u64 = 3;

fn main() {
    if !measuring() {
        let me = std::process::id();
        assert!(peak_rss_kib(me) > 0);
        // A sleep is a voluntary switch, so there is at least one to read
        // (a process that never waited may have none yet).
        std::thread::sleep(Duration::from_millis(2));
        assert!(switches(me) > 0);
        return;
    }
    let bus = PrivateBus::start();
    let address = bus.address.clone();
    measure("no tray host", &address);
    let _host = TrayHost::default().serve(zbus::connection::Builder::address(address.as_str()));
    measure("a tray host", &address);
}

/// One idle minute of `unknot background` and `dbus-monitor` side by side.
fn measure(case: &str, address: &str) {
    let data = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut unknot = start(
        Command::new(env!("CARGO_BIN_EXE_unknot"))
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .arg("--data-dir")
            .arg(data.path())
            .arg("background"),
        address,
    );
    let mut baseline = start(Command::new("dbus-monitor").arg("--session"), address);
    std::thread::sleep(Duration::from_secs(SETTLE_SECS));
    let before = [switches(unknot.id()), switches(baseline.id())];
    std::thread::sleep(Duration::from_secs(IDLE_SECS));
    let after = [switches(unknot.id()), switches(baseline.id())];
    let rss = [peak_rss_kib(unknot.id()), peak_rss_kib(baseline.id())];
    let threads = thread_count(unknot.id());
    for child in [&mut unknot, &mut baseline] {
        let _ = child.kill();
        let _ = child.wait();
    }
    let wakeups = [after[0] - before[0], after[1] - before[1]];
    let per_minute = |n: u64| n as f64 * 60.0 / IDLE_SECS as f64;
    println!("with {case}: unknot background ran {threads} threads");
    println!(
        "  peak RSS: unknot background {:.1} MiB, dbus-monitor {:.1} MiB, ratio {:.2}x (goal: under 15 MiB)",
        rss[0] as f64 / 1024.0,
        rss[1] as f64 / 1024.0,
        rss[0] as f64 / rss[1].max(1) as f64
    );
    println!(
        "  wake-ups per minute idle: unknot background {:.0}, dbus-monitor {:.0} (goal: under 10)",
        per_minute(wakeups[0]),
        per_minute(wakeups[1])
    );
}

fn start(command: &mut Command, address: &str) -> Child {
    command
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the process starts")
}

/// A `Key:   value kB` line of a `/proc` status file.
fn field(status: &str, key: &str) -> u64 {
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    field(&status, "VmHWM:")
}

/// Context switches, voluntary and not, summed over every thread.
fn switches(pid: u32) -> u64 {
    let tasks = Path::new("/proc").join(pid.to_string()).join("task");
    std::fs::read_dir(tasks)
        .map(|entries| {
            entries
                .flatten()
                .map(|task| {
                    let status =
                        std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
                    field(&status, "voluntary_ctxt_switches:")
                        + field(&status, "nonvoluntary_ctxt_switches:")
                })
                .sum()
        })
        .unwrap_or(0)
}

fn thread_count(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|entries| entries.count())
        .unwrap_or(0)
}
