//! Who Unknot is to the desktop, and where its data lives: the application
//! id, the name, and the rules for choosing the data folder. At the crate
//! root so that every layer (the window, notifications, autostart, the
//! command line) can read them without reaching into another.

use std::path::PathBuf;

/// The application id: the window's app id, the desktop entry, the icon and
/// the AppStream id.
pub const APP_ID: &str = "io.github.unknot.Unknot";

/// The name people see.
pub const APP_NAME: &str = "Unknot";

/// The environment variable naming another data folder (an empty value
/// counts as unset).
pub const DATA_DIR_ENV: &str = "UNKNOT_DATA_DIR";

/// Why no data folder could be chosen.
#[derive(Debug, thiserror::Error)]
#[error("could not find a home directory for Unknot's data; pass --data-dir DIR")]
pub struct NoDataDir;

/// The data folder: `explicit` (from `--data-dir`) if given, else
/// [`DATA_DIR_ENV`] if set and not empty, else the platform's data folder
/// (on Linux `~/.local/share/unknot`).
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, NoDataDir> {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        })
        .map_or_else(default_data_dir, Ok)
}

/// The platform's data folder for Unknot.
pub fn default_data_dir() -> Result<PathBuf, NoDataDir> {
    directories::ProjectDirs::from("io.github", "unknot", APP_NAME)
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(NoDataDir)
}
