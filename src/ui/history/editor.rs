//! Changing one saved record from History, in the same fields and with the
//! same checks as when it was made: a check-in in Today's fields, a session
//! in the form for a session that already happened, days off in Settings'
//! fields, an experiment in the fields that started it.

use chrono::{FixedOffset, NaiveDate};
use egui::Ui;

use crate::domain::session::SessionKind;
use crate::store::Stored;
use crate::ui::checkin_fields::CheckInFields;
use crate::ui::command::Command;
use crate::ui::data::Data;
use crate::ui::days_off_fields::DaysOffFields;
use crate::ui::experiment_form::ExperimentFields;
use crate::ui::flare_form::{FlareAction, FlareForm};
use crate::ui::heat::manual::HeatEntry;
use crate::ui::record::{Entry, Record, RecordKey};
use crate::ui::routines::log::RoutineEntry;
use crate::ui::session_log::{EditAction, SessionLog};
use crate::ui::when::Now;
use crate::ui::{theme, widgets};

/// What the person asked of the editor.
pub enum EditorAction {
    /// Write the record as it now is (it passed the checks).
    Save(Record),
    Cancel,
}

/// The record being changed and the form it is changed in. Nothing is
/// written until Save; Cancel drops the form and what was typed in it.
pub struct Editor {
    /// "Change the check-in for Tuesday 24 November 2026".
    title: String,
    /// The record as it was when the form opened.
    opened: Record,
    form: Form,
}

enum Form {
    CheckIn {
        date: NaiveDate,
        fields: CheckInFields,
        error: Option<String>,
    },
    Heat {
        id: i64,
        log: SessionLog<HeatEntry>,
    },
    Routine {
        id: i64,
        log: SessionLog<RoutineEntry>,
    },
    FlareUp(FlareForm),
    DaysOff {
        fields: DaysOffFields,
        error: Option<String>,
    },
    Experiment {
        fields: ExperimentFields,
        error: Option<String>,
    },
}

impl Editor {
    /// A form filled from `entry`.
    pub fn open(entry: Entry<'_>, now: &Now) -> Self {
        let form = match entry {
            Entry::CheckIn(c) => Form::CheckIn {
                date: c.date,
                fields: CheckInFields::from_checkin(c),
                error: None,
            },
            Entry::Session { id, session } if session.kind == SessionKind::Heat => Form::Heat {
                id,
                log: SessionLog::editing(id, session, HeatEntry::from_session(session), now),
            },
            Entry::Session { id, session } => Form::Routine {
                id,
                log: SessionLog::editing(id, session, RoutineEntry::from_session(session), now),
            },
            Entry::FlareUp(stored) => Form::FlareUp(FlareForm::editing(stored, now)),
            Entry::DaysOff(stored) => Form::DaysOff {
                fields: DaysOffFields::editing(&stored.record),
                error: None,
            },
            Entry::Experiment(stored) => Form::Experiment {
                fields: ExperimentFields::editing(&stored.record),
                error: None,
            },
        };
        Self {
            title: change_title(entry, *now.local.offset()),
            opened: entry.to_record(),
            form,
        }
    }

    /// Which record it changes.
    pub fn key(&self) -> RecordKey {
        self.opened.key()
    }

    /// Says why the record could not be written; what was typed stays.
    pub fn failed(&mut self, why: &str) {
        match &mut self.form {
            Form::CheckIn { error, .. } => *error = Some(format!("Not saved: {why}")),
            Form::Heat { log, .. } => log.failed(why),
            Form::Routine { log, .. } => log.failed(why),
            Form::FlareUp(form) => form.failed(why),
            Form::DaysOff { error, .. } | Form::Experiment { error, .. } => {
                *error = Some(format!("Not saved: {why}"));
            }
        }
    }

    /// Draws the form; returns what was asked once it passes the checks.
    /// A record changed elsewhere since the form opened (on Today, say) is
    /// not written over.
    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<EditorAction> {
        let session = |id, action| match action {
            EditAction::Save(session) => EditorAction::Save(Record::Session { id, session }),
            EditAction::Cancel => EditorAction::Cancel,
        };
        let title = &self.title;
        let opened = &self.opened;
        let action = match &mut self.form {
            Form::CheckIn {
                date,
                fields,
                error,
            } => checkin_ui(ui, title, *date, fields, error, now),
            Form::Heat { id, log } => log
                .edit_ui(ui, title, data, now)
                .map(|action| session(*id, action)),
            Form::Routine { id, log } => log
                .edit_ui(ui, title, data, now)
                .map(|action| session(*id, action)),
            Form::FlareUp(form) => {
                widgets::section_title_ui(ui, title);
                ui.add_space(theme::GAP / 2.0);
                match form.ui(ui, now) {
                    Some(FlareAction::Save(Command::UpdateRecord(record))) => {
                        Some(EditorAction::Save(record))
                    }
                    Some(FlareAction::Cancel) => Some(EditorAction::Cancel),
                    Some(FlareAction::Save(_)) | None => None,
                }
            }
            Form::DaysOff { fields, error } => {
                days_off_ui(ui, title, opened, fields, error, data, now)
            }
            Form::Experiment { fields, error } => {
                experiment_ui(ui, title, opened, fields, error, now)
            }
        };
        if matches!(action, Some(EditorAction::Save(_)))
            && data.entry(self.key()).map(Entry::to_record).as_ref() != Some(&self.opened)
        {
            self.failed(
                "it was changed or deleted elsewhere since you opened it. Press Cancel and \
                 open it again.",
            );
            return None;
        }
        action
    }
}

/// "Change the heat pack session of Tuesday 24 November 2026 at 21:15".
fn change_title(entry: Entry<'_>, offset: FixedOffset) -> String {
    format!("Change {}", entry.name(offset))
}

/// What was pressed under a form.
enum Pressed {
    Save,
    Cancel,
}

/// "Save changes" and "Cancel", with why the last save was refused beside
/// them.
fn buttons_ui(ui: &mut Ui, error: Option<&str>) -> Option<Pressed> {
    ui.horizontal_wrapped(|ui| {
        let save = ui.button("Save changes").clicked();
        let cancel = ui.button("Cancel").clicked();
        if let Some(error) = error {
            widgets::error_ui(ui, error);
        }
        if cancel {
            Some(Pressed::Cancel)
        } else {
            save.then_some(Pressed::Save)
        }
    })
    .inner
}

/// A saved range of days off in the fields it was marked with; checked
/// against the other ranges before it is written.
fn days_off_ui(
    ui: &mut Ui,
    title: &str,
    opened: &Record,
    fields: &mut DaysOffFields,
    error: &mut Option<String>,
    data: &Data,
    now: &Now,
) -> Option<EditorAction> {
    let Record::DaysOff(stored) = opened else {
        return None;
    };
    widgets::section_title_ui(ui, title);
    ui.add_space(theme::GAP / 2.0);
    let today = now.today();
    fields.ui(ui, "edit_days_off", today);
    ui.add_space(theme::GAP);
    match buttons_ui(ui, error.as_deref())? {
        Pressed::Cancel => Some(EditorAction::Cancel),
        Pressed::Save => {
            let others: Vec<_> = data
                .helps
                .days_off
                .iter()
                .filter(|d| d.id != stored.id)
                .map(|d| d.record.clone())
                .collect();
            match fields.checked(today, stored.record.created_at, &others) {
                Ok(changed) => {
                    *error = None;
                    Some(EditorAction::Save(Record::DaysOff(Stored {
                        record: changed,
                        ..stored.clone()
                    })))
                }
                Err(why) => {
                    *error = Some(why);
                    None
                }
            }
        }
    }
}

/// A saved experiment in the fields that started it; when it stopped
/// stays as it was (Progress stops one).
fn experiment_ui(
    ui: &mut Ui,
    title: &str,
    opened: &Record,
    fields: &mut ExperimentFields,
    error: &mut Option<String>,
    now: &Now,
) -> Option<EditorAction> {
    let Record::Experiment(stored) = opened else {
        return None;
    };
    widgets::section_title_ui(ui, title);
    ui.add_space(theme::GAP / 2.0);
    fields.ui(ui, now);
    ui.add_space(theme::GAP);
    match buttons_ui(ui, error.as_deref())? {
        Pressed::Cancel => Some(EditorAction::Cancel),
        Pressed::Save => {
            let record = &stored.record;
            match fields.experiment(now, record.stopped_on, record.created_at) {
                Ok(changed) => {
                    *error = None;
                    Some(EditorAction::Save(Record::Experiment(Stored {
                        record: changed,
                        ..stored.clone()
                    })))
                }
                Err(why) => {
                    *error = Some(why);
                    None
                }
            }
        }
    }
}

fn checkin_ui(
    ui: &mut Ui,
    title: &str,
    date: NaiveDate,
    fields: &mut CheckInFields,
    error: &mut Option<String>,
    now: &Now,
) -> Option<EditorAction> {
    widgets::section_title_ui(ui, title);
    ui.add_space(theme::GAP / 2.0);
    let mut save = fields.ui(ui);
    ui.add_space(theme::GAP);
    match buttons_ui(ui, error.as_deref()) {
        Some(Pressed::Cancel) => return Some(EditorAction::Cancel),
        Some(Pressed::Save) => save = true,
        None => {}
    }
    if !save {
        return None;
    }
    match fields.checkin(date, now.utc()) {
        Ok(checkin) => {
            *error = None;
            Some(EditorAction::Save(Record::CheckIn(checkin)))
        }
        Err(why) => {
            *error = Some(why);
            None
        }
    }
}
