use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Held while a window owns the data directory; released when dropped
/// (or when the process ends, however it ends).
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "Unknot is already running with the data in {dir}. Switch to that window, or close it first."
    )]
    AlreadyRunning { dir: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub const LOCK_FILE_NAME: &str = "unknot.lock";

impl InstanceLock {
    /// Takes the data directory's lock without waiting.
    pub fn acquire(dir: &Path) -> Result<Self, LockError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(LOCK_FILE_NAME);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(LockError::AlreadyRunning {
                dir: dir.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Io { path, source }.into()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
