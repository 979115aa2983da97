use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
        super::private::prepare_dir(dir)?;
        let path = dir.join(LOCK_FILE_NAME);
        let file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(LockError::AlreadyRunning {
                dir: dir.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::io(&path, source).into()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Opens (creating, privately, if needed) a file that is only ever locked.
fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    super::private::open_options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| StoreError::io(path, source))
}

/// The file whose lock keeps writers and a restore apart.
pub const WRITE_LOCK_FILE_NAME: &str = "unknot-writers.lock";

/// How long a writer waits for a restore to finish, or a restore for writers
/// to finish, before giving up with [`StoreError::Busy`].
const WRITE_LOCK_WAIT: Duration = Duration::from_secs(15);

/// The data folder's write lock, separate from the window's [`InstanceLock`]:
/// every write to the store holds it shared for the length of its
/// transaction (so the command line, the window and any other process write
/// side by side), and a restore holds it exclusively, so no write lands
/// between keeping the current store and replacing it. It is held only while
/// a write runs, never for a process's whole life, so a restore started from
/// a window does not wait on that window.
#[derive(Debug)]
pub(crate) struct WriteLock {
    file: File,
    path: PathBuf,
}

/// A held [`WriteLock`]; released when dropped.
#[derive(Debug)]
pub(crate) struct WriteGuard<'a> {
    lock: &'a WriteLock,
}

impl Drop for WriteGuard<'_> {
    fn drop(&mut self) {
        // Closing the file or ending the process releases it as well.
        let _ = self.lock.file.unlock();
    }
}

impl WriteLock {
    /// Opens (creating if needed) the write lock in `dir` without taking it.
    pub(crate) fn open(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(WRITE_LOCK_FILE_NAME);
        let file = open_lock_file(&path)?;
        Ok(Self { file, path })
    }

    /// Waits for the shared hold a write needs.
    pub(crate) fn shared(&self) -> Result<WriteGuard<'_>, StoreError> {
        self.wait(File::try_lock_shared)
    }

    /// Waits for the exclusive hold a restore needs.
    pub(crate) fn exclusive(&self) -> Result<WriteGuard<'_>, StoreError> {
        self.wait(File::try_lock)
    }

    fn wait(
        &self,
        try_lock: fn(&File) -> Result<(), TryLockError>,
    ) -> Result<WriteGuard<'_>, StoreError> {
        let deadline = Instant::now() + WRITE_LOCK_WAIT;
        let mut pause = Duration::from_millis(2);
        loop {
            match try_lock(&self.file) {
                Ok(()) => return Ok(WriteGuard { lock: self }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: self.path.clone(),
                    });
                }
                Err(TryLockError::Error(source)) => {
                    return Err(StoreError::io(&self.path, source));
                }
            }
        }
    }
}
