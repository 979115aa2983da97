//! The visit summary as a one-page PDF: what a physiotherapist or doctor
//! reads in a minute, from [`crate::domain::visit::VisitSummary`].
//!
//! [`summarize`] reads what a period needs from the store and computes the
//! figures; [`render`] lays them out on A4 or US Letter and makes a tagged
//! PDF (PDF/UA-1 and PDF/A-2b, checked by krilla's validators, or no PDF);
//! [`write`] puts it in place through a temporary file in the same folder,
//! so a crash never leaves half a PDF, and never over an existing file
//! unless told to.

mod chart;
mod content;
mod font;
mod layout;
mod paint;
mod pdf;
mod words;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::visit::{Period, PeriodError, VisitSummary};
use crate::store::{Store, StoreError};

pub use crate::domain::paper::Paper;

/// Whether [`write`] may replace a file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    /// Write nothing and say so.
    Refuse,
    /// Replace it, in one step.
    Replace,
}

/// Why there is no summary.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Period(#[from] PeriodError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("the summary cannot be written into {}: {reason}", path.display())]
    Folder { path: PathBuf, reason: String },
    #[error("could not {action} {}: {error}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        error: io::Error,
    },
    #[error("the page's font could not be read: {0}")]
    Font(String),
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
}

impl ReportError {
    /// A refusal caused by what was asked (the period, the file's name or
    /// folder), as opposed to a failure along the way.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            ReportError::Period(_) | ReportError::Exists(_) | ReportError::Folder { .. }
        )
    }
}

/// The figures for `asked`, read from `store` (only the days they need).
pub fn summarize(
    store: &Store,
    asked: Period,
    today: NaiveDate,
) -> Result<VisitSummary, ReportError> {
    let records = store.visit_records(asked)?;
    Ok(VisitSummary::compute(asked, &records, today)?)
}

/// The one-page PDF of `summary` on `paper`.
pub fn render(summary: &VisitSummary, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let face = font::Face::load()?;
    let (page, _plan) = layout::fit(summary, &face, paper);
    pdf::document(summary, &page, &face)
}

/// Checks, before any work, that a summary can be written to `path`: its
/// folder is there and is a folder we may write into, and (with
/// [`IfExists::Refuse`]) nothing has that name yet.
pub fn check_destination(path: &Path, if_exists: IfExists) -> Result<(), ReportError> {
    let folder = folder_of(path);
    match fs::metadata(&folder) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(ReportError::Folder {
                path: folder,
                reason: "it is not a folder".to_owned(),
            });
        }
        Err(e) => {
            return Err(ReportError::Folder {
                path: folder,
                reason: if e.kind() == io::ErrorKind::NotFound {
                    "there is no such folder".to_owned()
                } else {
                    e.to_string()
                },
            });
        }
    }
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(ReportError::Folder {
            path: path.to_path_buf(),
            reason: "that is a folder; give a file name ending in .pdf".to_owned(),
        });
    }
    if if_exists == IfExists::Refuse && fs::symlink_metadata(path).is_ok() {
        return Err(ReportError::Exists(path.to_path_buf()));
    }
    // Whether we may write there: a private temporary file, gone at once.
    stage(&folder, path, b"").map(drop)
}

/// Renders `summary` and writes it to `path`, readable by its owner only:
/// first into a temporary file beside it, flushed to disk, then renamed
/// into place. With [`IfExists::Refuse`] a file that appeared meanwhile is
/// left alone.
pub fn write(
    summary: &VisitSummary,
    paper: Paper,
    path: &Path,
    if_exists: IfExists,
) -> Result<(), ReportError> {
    check_destination(path, if_exists)?;
    let bytes = render(summary, paper)?;
    let folder = folder_of(path);
    let staged = stage(&folder, path, &bytes)?;
    let placed = match if_exists {
        IfExists::Replace => staged.persist(path).map(drop),
        IfExists::Refuse => staged.persist_noclobber(path).map(drop),
    };
    if let Err(e) = placed {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            return Err(ReportError::Exists(path.to_path_buf()));
        }
        return Err(ReportError::Io {
            action: "write",
            path: path.to_path_buf(),
            error: e.error,
        });
    }
    if cfg!(unix) {
        fs::File::open(&folder)
            .and_then(|d| d.sync_all())
            .map_err(|error| ReportError::Io {
                action: "save to disk the folder",
                path: folder,
                error,
            })?;
    }
    Ok(())
}

/// What to tell the person once `summary` is written to `path`: the
/// period, the paper and where, and whether the period was shortened.
pub fn written_text(summary: &VisitSummary, paper: Paper, path: &Path) -> String {
    let period = summary.period;
    let mut text = format!(
        "Wrote the visit summary from {} to {} ({}) to {}.",
        period.from,
        period.to,
        paper.label(),
        path.display()
    );
    if summary.shortened() {
        text.push_str(&format!(
            " It starts at the first record, on {}, since the period asked for began before it.",
            period.from
        ));
    }
    text
}

/// The folder a file is to go into ("." for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `bytes` in a new private temporary file in `folder`, synced to disk.
fn stage(folder: &Path, path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, ReportError> {
    let name = path
        .file_name()
        .map_or_else(|| "summary".into(), |n| n.to_string_lossy().into_owned());
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| ReportError::Folder {
            path: folder.to_path_buf(),
            reason: e.to_string(),
        })?;
    let io = |action: &'static str, tmp: &Path| {
        let tmp = tmp.to_path_buf();
        move |error| ReportError::Io {
            action,
            path: tmp,
            error,
        }
    };
    let tmp = file.path().to_path_buf();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(io("set the permissions of", &tmp))?;
    }
    file.write_all(bytes).map_err(io("write", &tmp))?;
    file.flush().map_err(io("write", &tmp))?;
    file.as_file()
        .sync_all()
        .map_err(io("save to disk", &tmp))?;
    Ok(file)
}

#[cfg(test)]
mod tests;
