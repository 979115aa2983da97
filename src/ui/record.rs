//! One record of any kind the log keeps, as commands and events carry it
//! ([`Record`], [`RecordKey`]) and as History lists it ([`Entry`], borrowed
//! from the data snapshot). A new kind of record starts here, with a variant
//! in each of the three; the compiler then points at every place that has to
//! learn about it (the snapshot, the commands, History's filter and editor).

use chrono::{FixedOffset, NaiveDate};

use crate::domain::days_off::DaysOff;
use crate::domain::experiment::Experiment;
use crate::domain::flare::FlareUp;
use crate::domain::pain::CheckIn;
use crate::domain::session::Session;
use crate::store::Stored;

/// A record, owned: what a command writes and an event reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    CheckIn(CheckIn),
    /// A session with the id the store keeps it under.
    Session {
        id: i64,
        session: Session,
    },
    FlareUp(Stored<FlareUp>),
    DaysOff(Stored<DaysOff>),
    Experiment(Stored<Experiment>),
}

/// What tells a record apart from every other one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKey {
    /// A check-in is the only one of its day.
    CheckIn(NaiveDate),
    Session(i64),
    FlareUp(i64),
    DaysOff(i64),
    Experiment(i64),
}

/// A record borrowed from the data snapshot.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    CheckIn(&'a CheckIn),
    Session { id: i64, session: &'a Session },
    FlareUp(&'a Stored<FlareUp>),
    DaysOff(&'a Stored<DaysOff>),
    Experiment(&'a Stored<Experiment>),
}

impl Record {
    pub fn key(&self) -> RecordKey {
        self.entry().key()
    }

    pub fn entry(&self) -> Entry<'_> {
        match self {
            Record::CheckIn(c) => Entry::CheckIn(c),
            Record::Session { id, session } => Entry::Session { id: *id, session },
            Record::FlareUp(f) => Entry::FlareUp(f),
            Record::DaysOff(d) => Entry::DaysOff(d),
            Record::Experiment(e) => Entry::Experiment(e),
        }
    }
}

impl<'a> Entry<'a> {
    pub fn key(self) -> RecordKey {
        match self {
            Entry::CheckIn(c) => RecordKey::CheckIn(c.date),
            Entry::Session { id, .. } => RecordKey::Session(id),
            Entry::FlareUp(f) => RecordKey::FlareUp(f.id),
            Entry::DaysOff(d) => RecordKey::DaysOff(d.id),
            Entry::Experiment(e) => RecordKey::Experiment(e.id),
        }
    }

    pub fn to_record(self) -> Record {
        match self {
            Entry::CheckIn(c) => Record::CheckIn(c.clone()),
            Entry::Session { id, session } => Record::Session {
                id,
                session: session.clone(),
            },
            Entry::FlareUp(f) => Record::FlareUp(f.clone()),
            Entry::DaysOff(d) => Record::DaysOff(d.clone()),
            Entry::Experiment(e) => Record::Experiment(e.clone()),
        }
    }

    /// The day the record belongs to.
    pub fn date(self) -> NaiveDate {
        match self {
            Entry::CheckIn(c) => c.date,
            Entry::Session { session, .. } => session.date,
            Entry::FlareUp(f) => f.record.date,
            Entry::DaysOff(d) => d.record.first,
            Entry::Experiment(e) => e.record.start,
        }
    }

    /// What kind of record it is, as a heading: "Check-in", "Heat pack".
    pub fn kind_label(self) -> &'static str {
        match self {
            Entry::CheckIn(_) => "Check-in",
            Entry::Session { session, .. } => session.kind.label(),
            Entry::FlareUp(_) => "Flare-up",
            Entry::DaysOff(_) => "Days off",
            Entry::Experiment(_) => "Experiment",
        }
    }

    pub fn note(self) -> &'a str {
        match self {
            Entry::CheckIn(c) => &c.note,
            Entry::Session { session, .. } => &session.note,
            Entry::FlareUp(f) => &f.record.set_off_by,
            Entry::DaysOff(_) => "",
            Entry::Experiment(e) => &e.record.name,
        }
    }

    /// The record in a sentence: "the check-in for Tuesday 24 November
    /// 2026", "the heat pack session of Tuesday 24 November 2026 at 21:15",
    /// with times in the zone `offset`.
    pub fn name(self, offset: FixedOffset) -> String {
        self.name_with(offset, "%A %-d %B %Y")
    }

    /// The same, shorter, for naming a row's buttons: "the check-in for 2026-11-24".
    pub fn short_name(self, offset: FixedOffset) -> String {
        self.name_with(offset, "%Y-%m-%d")
    }

    fn name_with(self, offset: FixedOffset, date_format: &str) -> String {
        let date = self.date().format(date_format);
        match self {
            Entry::CheckIn(_) => format!("the check-in for {date}"),
            Entry::Session { session, .. } => format!(
                "the {} session of {date} at {}",
                session.kind.label().to_lowercase(),
                session.started_at.with_timezone(&offset).format("%H:%M")
            ),
            Entry::FlareUp(f) => format!(
                "the flare-up of {date} at {}",
                f.record.at.with_timezone(&offset).format("%H:%M")
            ),
            Entry::DaysOff(d) => format!(
                "the days off from {date} to {}",
                d.record.last.format(date_format)
            ),
            Entry::Experiment(e) => format!("the experiment \"{}\" from {date}", e.record.name),
        }
    }
}
