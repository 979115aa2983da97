//! Running the real `unknot` binary on a data folder, as a user would.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `unknot --data-dir DIR ARGS...`, with the environment's data folder
/// variable removed so it cannot point elsewhere.
pub fn unknot(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unknot"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("UNKNOT_DATA_DIR")
        .output()
        .expect("run the unknot binary")
}

/// Standard output of a run that must have succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Standard error of a run refused as a usage error: exit status 2, with a
/// message that says `says`. `what` names the run in a failure.
pub fn refused(out: &Output, what: &str, says: &str) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
    assert!(
        stderr.contains(says),
        "{what} should say \"{says}\": {stderr}"
    );
    stderr
}
