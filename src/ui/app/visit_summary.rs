//! The visit summary from Progress: the figures read from the store for the
//! period asked for, the PDF written where the person chose.

use std::path::Path;

use super::UnknotApp;
use super::backup_and_export::default_export_dir;
use crate::domain::visit::PeriodChoice;
use crate::report::{self, IfExists, Paper, ReportError};
use crate::ui::event::{Event, SavedSummary};
use crate::ui::widgets::sentence;

impl UnknotApp {
    /// Writes the visit summary for `period` to `file`. A file already
    /// there is replaced only with [`IfExists::Replace`]; otherwise the
    /// event names it, so the person can be asked. Nothing is written when
    /// the period cannot be summed up.
    pub(super) fn save_visit_summary(
        &mut self,
        period: PeriodChoice,
        paper: Paper,
        file: &Path,
        if_exists: IfExists,
    ) -> Event {
        let nothing_saved = |why: &dyn std::fmt::Display| {
            Event::VisitSummarySaved(Err(sentence(&format!("Nothing was saved: {why}"))))
        };
        let today = self.clock.today();
        let period = match period.period(today) {
            Ok(period) => period,
            Err(e) => return nothing_saved(&e),
        };
        // The folder offered first is made on first use, as export does.
        if let Some(folder) = file.parent()
            && folder == default_export_dir(self.store.path())
            && !folder.exists()
            && let Err(e) = crate::store::private::prepare_dir(folder)
        {
            return nothing_saved(&e);
        }
        // The period's problems first: they are what the person is choosing.
        let written = report::summarize(&self.store, period, today).and_then(|summary| {
            report::write(&summary, paper, file, if_exists)?;
            Ok(report::written_text(&summary, paper, file))
        });
        match written {
            Ok(text) => Event::VisitSummarySaved(Ok(SavedSummary {
                file: file.to_path_buf(),
                text,
            })),
            Err(ReportError::Exists(path)) => Event::VisitSummaryWouldReplace(path),
            Err(e) => nothing_saved(&e),
        }
    }
}
