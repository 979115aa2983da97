//! Which records History lists, and in which order. Every record, newest
//! first, is worked out once per data revision; the rows a filter and a
//! search leave are worked out once per revision, filter and search. A frame
//! only reads them.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::session::SessionKind;
use crate::ui::data::Data;
use crate::ui::record::Entry;

/// Which kinds of record the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    #[default]
    All,
    CheckIns,
    /// Stretching, strengthening and self-massage.
    Routines,
    Heat,
    FlareUps,
    /// Experiments and days off.
    Plans,
}

impl KindFilter {
    pub const ALL: [KindFilter; 6] = [
        KindFilter::All,
        KindFilter::CheckIns,
        KindFilter::Routines,
        KindFilter::Heat,
        KindFilter::FlareUps,
        KindFilter::Plans,
    ];

    pub fn label(self) -> &'static str {
        match self {
            KindFilter::All => "All records",
            KindFilter::CheckIns => "Check-ins",
            KindFilter::Routines => "Routine sessions",
            KindFilter::Heat => "Heat sessions",
            KindFilter::FlareUps => "Flare-ups",
            KindFilter::Plans => "Experiments and days off",
        }
    }

    /// What the kind is called in a sentence: "heat sessions".
    pub fn plural(self) -> &'static str {
        match self {
            KindFilter::All => "records",
            KindFilter::CheckIns => "check-ins",
            KindFilter::Routines => "routine sessions",
            KindFilter::Heat => "heat sessions",
            KindFilter::FlareUps => "flare-ups",
            KindFilter::Plans => "experiments or days off",
        }
    }

    fn admits(self, entry: Entry<'_>) -> bool {
        match (self, entry) {
            (KindFilter::All, _) | (KindFilter::CheckIns, Entry::CheckIn(_)) => true,
            (KindFilter::Routines, Entry::Session { session, .. }) => session.kind.is_routine(),
            (KindFilter::Heat, Entry::Session { session, .. }) => session.kind == SessionKind::Heat,
            (KindFilter::FlareUps, Entry::FlareUp(_))
            | (KindFilter::Plans, Entry::DaysOff(_) | Entry::Experiment(_)) => true,
            _ => false,
        }
    }
}

/// Where a record is in the snapshot the list was built from; good until
/// the next revision, when the list is built again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    CheckIn(usize),
    Session(usize),
    FlareUp(usize),
    DaysOff(usize),
    Experiment(usize),
}

impl Row {
    pub fn entry(self, data: &Data) -> Option<Entry<'_>> {
        match self {
            Row::CheckIn(at) => data.checkins.get(at).map(Entry::CheckIn),
            Row::Session(at) => Some(Entry::Session {
                id: data.session_id(at)?,
                session: data.sessions.get(at)?,
            }),
            Row::FlareUp(at) => data.helps.flare_ups.get(at).map(Entry::FlareUp),
            Row::DaysOff(at) => data.helps.days_off.get(at).map(Entry::DaysOff),
            Row::Experiment(at) => data.helps.experiments.get(at).map(Entry::Experiment),
        }
    }
}

/// The rows one filter and search leave, and what they were chosen by.
struct Shown {
    revision: u64,
    filter: KindFilter,
    /// The search as compared: trimmed and in lower case.
    needle: String,
    rows: Vec<Row>,
}

#[derive(Default)]
pub struct Listing {
    /// Every record, newest first, and the revision it was built from.
    all: Option<(u64, Vec<Row>)>,
    shown: Option<Shown>,
    /// How often the full list was built.
    #[cfg(test)]
    builds: usize,
}

impl Listing {
    /// The rows to show for `filter` and `search` (found in notes, whatever
    /// the case), and how many records there are in all.
    pub fn rows(&mut self, data: &Data, filter: KindFilter, search: &str) -> (&[Row], usize) {
        let all = match &mut self.all {
            Some((revision, all)) if *revision == data.revision => all,
            slot => {
                #[cfg(test)]
                {
                    self.builds += 1;
                }
                self.shown = None;
                &mut slot.insert((data.revision, every_row(data))).1
            }
        };
        let needle = search.trim().to_lowercase();
        let current = self.shown.as_ref().is_some_and(|shown| {
            shown.revision == data.revision && shown.filter == filter && shown.needle == needle
        });
        if !current {
            let rows = all
                .iter()
                .copied()
                .filter(|row| {
                    row.entry(data).is_some_and(|entry| {
                        filter.admits(entry)
                            && (needle.is_empty() || entry.note().to_lowercase().contains(&needle))
                    })
                })
                .collect();
            self.shown = Some(Shown {
                revision: data.revision,
                filter,
                needle,
                rows,
            });
        }
        let total = all.len();
        let rows = self.shown.as_ref().map_or(&[][..], |shown| &shown.rows);
        (rows, total)
    }
}

/// Every record, newest day first; a day's check-in heads it, then the
/// experiments and days off that start that day, then its sessions and
/// flare-ups, latest first.
fn every_row(data: &Data) -> Vec<Row> {
    /// What orders the rows: the day, the kind's rank (higher first), the
    /// time, the place in its list.
    type Key = (NaiveDate, u8, Option<DateTime<Utc>>, usize);
    let checkins = data
        .checkins
        .iter()
        .enumerate()
        .map(|(at, c)| ((c.date, 4, None, at), Row::CheckIn(at)));
    let experiments = data
        .helps
        .experiments
        .iter()
        .enumerate()
        .map(|(at, e)| ((e.record.start, 3, None, at), Row::Experiment(at)));
    let days_off = data
        .helps
        .days_off
        .iter()
        .enumerate()
        .map(|(at, d)| ((d.record.first, 2, None, at), Row::DaysOff(at)));
    let sessions = data
        .sessions
        .iter()
        .enumerate()
        .map(|(at, s)| ((s.date, 1, Some(s.started_at), at), Row::Session(at)));
    let flare_ups = data
        .helps
        .flare_ups
        .iter()
        .enumerate()
        .map(|(at, f)| ((f.record.date, 1, Some(f.record.at), at), Row::FlareUp(at)));
    let mut keyed: Vec<(Key, Row)> = checkins
        .chain(experiments)
        .chain(days_off)
        .chain(sessions)
        .chain(flare_ups)
        .collect();
    keyed.sort_unstable_by_key(|(key, _)| std::cmp::Reverse(*key));
    keyed.into_iter().map(|(_, row)| row).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::Days;

    use super::*;
    use crate::domain::pain::{CheckIn, Rating, RedFlags};
    use crate::domain::session::Session;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Days::new(n)
    }

    fn session(kind: SessionKind, n: u64, hour: u32, note: &str) -> Session {
        let started_at = day(n).and_hms_opt(hour, 0, 0).unwrap().and_utc();
        let mut s = Session::new(kind, started_at, day(n), 600);
        s.note = note.to_owned();
        s
    }

    fn data() -> Data {
        let checkins = (0..3)
            .map(|n| CheckIn {
                date: day(n),
                recorded_at: day(n).and_hms_opt(23, 0, 0).unwrap().and_utc(),
                pain: Rating::new(3, "pain").unwrap(),
                stress: None,
                areas: Vec::new(),
                red_flags: RedFlags::default(),
                note: if n == 1 {
                    "Long DRIVE".to_owned()
                } else {
                    String::new()
                },
            })
            .collect();
        let sessions = vec![
            session(SessionKind::Heat, 1, 8, "after the drive"),
            session(SessionKind::Stretch, 1, 18, ""),
            session(SessionKind::Massage, 2, 7, "ball on the wall"),
        ];
        Data::with_records(checkins, sessions)
    }

    #[test]
    fn newest_first_filtered_by_kind_and_note_and_built_once_per_change() {
        let mut data = data();
        let mut listing = Listing::default();
        let (rows, total) = listing.rows(&data, KindFilter::All, "");
        assert_eq!(total, 6);
        assert_eq!(
            rows,
            [
                Row::CheckIn(2),
                Row::Session(2),
                Row::CheckIn(1),
                Row::Session(1),
                Row::Session(0),
                Row::CheckIn(0),
            ]
        );
        let (rows, _) = listing.rows(&data, KindFilter::Routines, "");
        assert_eq!(rows, [Row::Session(2), Row::Session(1)]);
        let (rows, _) = listing.rows(&data, KindFilter::All, "  drive ");
        assert_eq!(rows, [Row::CheckIn(1), Row::Session(0)]);
        let (rows, total) = listing.rows(&data, KindFilter::Heat, "wall");
        assert!(rows.is_empty());
        assert_eq!(total, 6);
        assert_eq!(listing.builds, 1, "not once per frame or per filter");

        data.revision += 1;
        let _ = listing.rows(&data, KindFilter::Heat, "wall");
        assert_eq!(listing.builds, 2);
    }
}
