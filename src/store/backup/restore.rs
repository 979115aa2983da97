//! Restoring a backup: in place into the open store, or over a database
//! Unknot refuses to open. Either way the current contents are kept first,
//! under a new name, and nothing is ever renamed over an existing file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{IfTaken, backup_connection, persist_new, remove_with_journal, staged_copy, sync_dir};
use crate::store::inspect::{Check, Identity, identify, open_read_only};
use crate::store::lock::WriteLock;
use crate::store::{DB_FILE_NAME, Store, StoreError, sibling};

impl Store {
    /// Replaces this store's contents with the backup at `backup`, keeping
    /// the current contents first as a new file beside the database
    /// (`unknot.sqlite3.replaced-<time>`, never over an existing file).
    /// Returns where the current contents were kept.
    ///
    /// The backup is opened read-only and must pass the full integrity check
    /// and be an Unknot file. Writers are kept out for the whole of it (the
    /// write lock, exclusively), and the copy goes into the open database in
    /// one SQLite transaction, so other processes with the store open see the
    /// restored data, and a crash or a full disk at any moment leaves either
    /// the old or the new contents, whole.
    pub fn restore_from(
        &mut self,
        backup: &Path,
        now: DateTime<Utc>,
    ) -> Result<PathBuf, StoreError> {
        refuse_live_file(backup, &self.path)?;
        let source = verified_backup(backup)?;
        let Store {
            conn,
            path,
            write_lock,
            damaged,
            ..
        } = self;
        let Some(write_lock) = write_lock.as_ref() else {
            return Err(StoreError::ReadOnly { path: path.clone() });
        };
        let _exclusive = write_lock.exclusive()?;
        let kept = backup_connection(conn, path, &replaced_name(path, now), IfTaken::NextFree)?
            .ok_or_else(|| StoreError::Internal("the current data could not be kept".to_owned()))?;
        if let Err(e) = copy_into(&source, conn, path) {
            // The store is as it was, so the copy kept of it is not needed.
            remove_with_journal(&kept);
            return Err(e);
        }
        crate::store::migrate_and_stamp(conn, path)?;
        // What was known about the old contents no longer holds.
        *damaged = std::cell::OnceCell::new();
        Ok(kept)
    }
}

/// Copies every page of `source` into `dest` in one transaction of `dest`.
fn copy_into(source: &Connection, dest: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let copy = rusqlite::backup::Backup::new(source, dest)
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    match copy.step(-1) {
        Ok(rusqlite::backup::StepResult::Done) => Ok(()),
        Ok(_) => Err(StoreError::Busy {
            path: path.to_path_buf(),
        }),
        Err(e) => Err(StoreError::from_sqlite(path, e)),
    }
}

/// The name the contents replaced by a restore are kept under.
fn replaced_name(db: &Path, now: DateTime<Utc>) -> PathBuf {
    let name = db.file_name().unwrap_or_default().to_string_lossy();
    db.with_file_name(format!("{name}.replaced-{}", now.format("%Y%m%dT%H%M%SZ")))
}

/// Refuses a "backup" that is the live database or one of its log files.
fn refuse_live_file(backup: &Path, db: &Path) -> Result<(), StoreError> {
    let meta = std::fs::metadata(backup).map_err(|error| StoreError::io(backup, error))?;
    if !meta.is_file() {
        return Err(StoreError::io(
            backup,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "this is not a file"),
        ));
    }
    for suffix in ["", "-wal", "-shm"] {
        if same_file(backup, &sibling(db, suffix)) {
            return Err(StoreError::SameFile {
                path: backup.to_path_buf(),
            });
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
    }
}

/// Opens a backup read-only and checks it fully: healthy pages, an Unknot
/// file, not empty, not from a newer version.
fn verified_backup(backup: &Path) -> Result<Connection, StoreError> {
    if std::fs::metadata(backup).is_ok_and(|m| m.len() == 0) {
        return Err(StoreError::Foreign {
            path: backup.to_path_buf(),
            detail: "the file is empty".to_owned(),
        });
    }
    let source = open_read_only(backup)?;
    match identify(&source, backup, Check::Full)? {
        Identity::Unknot { .. } => Ok(source),
        Identity::Fresh => Err(StoreError::Foreign {
            path: backup.to_path_buf(),
            detail: "it holds no Unknot data".to_owned(),
        }),
    }
}

/// Restores `backup` into a data folder whose database Unknot refuses to
/// open (damaged, another program's, or from a newer version). The refused
/// file and its write-ahead log are first copied aside under new names
/// (never over an existing file); then the backup is copied to a temporary
/// file and renamed over the database in one step. Returns where the refused
/// file was kept. The caller holds the [`super::InstanceLock`].
pub fn restore_over_refused(
    data_dir: &Path,
    backup: &Path,
    now: DateTime<Utc>,
) -> Result<PathBuf, StoreError> {
    let db = data_dir.join(DB_FILE_NAME);
    refuse_live_file(backup, &db)?;
    drop(verified_backup(backup)?);
    let write_lock = WriteLock::open(data_dir)?;
    let exclusive = write_lock.exclusive()?;

    let kept = copy_new(&db, &replaced_name(&db, now))?;
    let log = sibling(&db, "-wal");
    if log.exists() {
        // Named to match its database, so the two open together.
        let mut kept_log = kept.as_os_str().to_owned();
        kept_log.push("-wal");
        copy_exact(&log, Path::new(&kept_log))?;
    }

    let incoming = staged_copy(backup, data_dir)?;
    // A log left beside the new file would be replayed into it; both logs
    // of the refused file are kept aside above.
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(sibling(&db, suffix)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(StoreError::io(&sibling(&db, suffix), error)),
        }
    }
    incoming
        .persist(&db)
        .map_err(|e| StoreError::io(&db, e.error))?;
    sync_dir(&db);
    drop(exclusive);
    // Opening brings an older backup's schema up to date and proves it works.
    Store::open_file(&db)?;
    Ok(kept)
}

/// Copies `from` to a new file at `to` (or the next free numbered name),
/// synced to disk. Returns the name used.
fn copy_new(from: &Path, to: &Path) -> Result<PathBuf, StoreError> {
    let temp = staged_copy(from, to.parent().unwrap_or_else(|| Path::new(".")))?;
    persist_new(temp, to, IfTaken::NextFree)?
        .ok_or_else(|| StoreError::Internal(format!("{} was not copied", from.display())))
}

/// Copies `from` to exactly `to`, which must not exist yet.
fn copy_exact(from: &Path, to: &Path) -> Result<(), StoreError> {
    let mut reader = std::fs::File::open(from).map_err(|error| StoreError::io(from, error))?;
    let mut writer = crate::store::private::open_options()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(|error| StoreError::io(to, error))?;
    std::io::copy(&mut reader, &mut writer)
        .and_then(|_| writer.sync_all())
        .map(|_| ())
        .map_err(|error| StoreError::io(to, error))
}
