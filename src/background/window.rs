//! Opening the window (or starting another background process) as a
//! process of its own.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::presence::AppAction;

/// Opens the window for `data_dir`, on the screen `action` asks for, handing
/// it the launcher's activation token so it may take the focus. If a window
/// is already open, the new process passes the request on to it and ends.
pub fn open(
    data_dir: &Path,
    action: Option<AppAction>,
    token: Option<&str>,
) -> std::io::Result<()> {
    let mut args = Vec::new();
    if let Some(action) = action {
        args.extend(["--action", action.code()]);
    }
    spawn_detached(data_dir, &args, token)
}

/// Runs this program with `args` for `data_dir`, in a process group of its
/// own with nothing on its standard input or output, and does not wait:
/// the child is reaped on a thread so it never lingers as a zombie.
pub fn spawn_detached(data_dir: &Path, args: &[&str], token: Option<&str>) -> std::io::Result<()> {
    let exe = std::env::current_exe()?;
    let mut command = Command::new(exe);
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    match token {
        Some(token) => {
            command.env("XDG_ACTIVATION_TOKEN", token);
            command.env("DESKTOP_STARTUP_ID", token);
        }
        None => {
            command.env_remove("XDG_ACTIVATION_TOKEN");
            command.env_remove("DESKTOP_STARTUP_ID");
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn()?;
    std::thread::Builder::new()
        .name("child".to_owned())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}
