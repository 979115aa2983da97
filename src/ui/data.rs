//! The snapshot of the store that every screen draws from.

mod what_helps;

pub use what_helps::WhatHelps;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::checklist::{ChecklistAnswer, ChecklistReview};
use crate::domain::facts::TodayFacts;
use crate::domain::pain::CheckIn;
use crate::domain::pain::Rating;
use crate::domain::session::Session;
use crate::store::{Store, StoreError};

use super::record::{Entry, Record, RecordKey};

/// Everything the screens draw from, loaded at start and after each write,
/// never during a frame. Screens that derive series from it compare
/// `revision` to know when to recompute.
#[derive(Debug, Default)]
pub struct Data {
    /// Oldest first.
    pub checkins: Vec<CheckIn>,
    /// Oldest first (by start, then by id, as the store orders them).
    pub sessions: Vec<Session>,
    /// The store's id of each session, in the same order.
    session_ids: Vec<i64>,
    /// The saved answer to each checklist item (including items since
    /// dropped from the list, which the domain rules ignore).
    pub checklist: Vec<ChecklistAnswer>,
    /// Finished checklist reviews, oldest first.
    pub reviews: Vec<ChecklistReview>,
    /// When the person said their desk changed, if no review has happened since.
    pub desk_changed_at: Option<DateTime<Utc>>,
    /// Bumped after every successful write.
    pub revision: u64,
    /// Posture checks recorded today.
    pub posture_checks_today: u32,
    /// Flare-ups, days off, experiments and the weekly function check.
    pub helps: WhatHelps,
    /// Why the last reload failed, if it did.
    pub error: Option<String>,
    /// Today's facts, worked out when first asked for after a change.
    pub(crate) facts: std::cell::RefCell<Option<(u64, std::rc::Rc<TodayFacts>)>>,
}

impl Data {
    /// Everything [`Data`] holds, read from the store in one go.
    pub fn load(store: &Store, today: NaiveDate) -> Result<Self, StoreError> {
        let (session_ids, sessions) = store.sessions_with_ids()?.into_iter().unzip();
        Ok(Self {
            checkins: store.checkins()?,
            sessions,
            session_ids,
            checklist: store.checklist_answers()?,
            reviews: store.checklist_reviews()?,
            desk_changed_at: store.desk_changed_at()?,
            posture_checks_today: store.posture_checks_on(today)?,
            helps: WhatHelps::load(store)?,
            revision: 0,
            error: None,
            facts: Default::default(),
        })
    }
}

/// Changes made in memory after a write succeeded, so that one saved record
/// costs the same whatever the length of the history. Each bumps the
/// revision, which tells derived views to recompute when next read.
impl Data {
    /// Reads everything again (after an import, a restore, a new day),
    /// keeping the revision counting up.
    pub fn reload(&mut self, store: &Store, today: NaiveDate) {
        match Self::load(store, today) {
            Ok(loaded) => {
                let revision = self.revision;
                *self = loaded;
                self.revision = revision;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
        self.revision += 1;
    }

    /// What the log says about `today`: computed on the first call after
    /// a change of the data or of the date, then shared.
    pub fn facts(&self, today: NaiveDate) -> std::rc::Rc<TodayFacts> {
        let mut cache = self.facts.borrow_mut();
        match &*cache {
            Some((revision, facts)) if *revision == self.revision && facts.today == today => {
                std::rc::Rc::clone(facts)
            }
            _ => {
                let facts = std::rc::Rc::new(
                    TodayFacts::compute(&self.checkins, &self.sessions, today)
                        .with_days_off(&self.helps.days_off_set())
                        .with_function_check(&self.helps.activities, &self.helps.rating_records()),
                );
                *cache = Some((self.revision, std::rc::Rc::clone(&facts)));
                facts
            }
        }
    }

    /// The check-in saved for a date, if any.
    pub fn checkin_on(&self, date: NaiveDate) -> Option<&CheckIn> {
        self.checkins
            .binary_search_by_key(&date, |c| c.date)
            .ok()
            .and_then(|i| self.checkins.get(i))
    }

    /// Adds or replaces the check-in of its date, keeping date order.
    pub fn upsert_checkin(&mut self, checkin: CheckIn) {
        match self
            .checkins
            .binary_search_by_key(&checkin.date, |c| c.date)
        {
            Ok(i) => self.checkins[i] = checkin,
            Err(i) => self.checkins.insert(i, checkin),
        }
        self.changed();
    }

    /// Removes the check-in of a date; returns it.
    pub fn remove_checkin(&mut self, date: NaiveDate) -> Option<CheckIn> {
        let i = self.checkins.binary_search_by_key(&date, |c| c.date).ok()?;
        let removed = self.checkins.remove(i);
        self.changed();
        Some(removed)
    }

    /// A snapshot of these records for unit tests, the sessions (oldest
    /// first) numbered from 1 as a fresh store would.
    #[cfg(test)]
    pub(crate) fn with_records(checkins: Vec<CheckIn>, sessions: Vec<Session>) -> Self {
        Self {
            checkins,
            session_ids: (1..).take(sessions.len()).collect(),
            sessions,
            ..Self::default()
        }
    }

    /// The store's id of the session at `index` in [`Data::sessions`].
    pub fn session_id(&self, index: usize) -> Option<i64> {
        self.session_ids.get(index).copied()
    }

    /// Where the session with this id is in [`Data::sessions`].
    fn session_index(&self, id: i64) -> Option<usize> {
        self.session_ids.iter().position(|&other| other == id)
    }

    /// Adds a session saved under `id`.
    pub fn add_session(&mut self, id: i64, session: Session) {
        self.insert_session(id, session);
        self.changed();
    }

    /// Puts a session in the store's order: by start, then by id.
    fn insert_session(&mut self, id: i64, session: Session) {
        let start = self
            .sessions
            .partition_point(|s| s.started_at < session.started_at);
        let at = start
            + self.sessions[start..]
                .iter()
                .zip(self.session_ids.get(start..).unwrap_or_default())
                .take_while(|(s, other)| s.started_at == session.started_at && **other < id)
                .count();
        self.sessions.insert(at, session);
        self.session_ids.insert(at, id);
    }

    /// Takes the session with this id out of the snapshot.
    fn take_session(&mut self, id: i64) -> Option<Session> {
        let at = self
            .session_index(id)
            .filter(|&at| at < self.sessions.len())?;
        self.session_ids.remove(at);
        Some(self.sessions.remove(at))
    }

    /// Sets "how does your back feel now" on the session with this id.
    pub fn set_feel_after(&mut self, id: i64, feel_after: Option<Rating>) {
        if let Some(session) = self
            .session_index(id)
            .and_then(|at| self.sessions.get_mut(at))
        {
            session.feel_after = feel_after;
            self.changed();
        }
    }

    /// The record with this key, if the snapshot holds it.
    pub fn entry(&self, key: RecordKey) -> Option<Entry<'_>> {
        match key {
            RecordKey::CheckIn(date) => self.checkin_on(date).map(Entry::CheckIn),
            RecordKey::Session(id) => {
                let session = self.sessions.get(self.session_index(id)?)?;
                Some(Entry::Session { id, session })
            }
            RecordKey::FlareUp(id) => self
                .helps
                .flare_ups
                .iter()
                .find(|f| f.id == id)
                .map(Entry::FlareUp),
            RecordKey::DaysOff(id) => self
                .helps
                .days_off
                .iter()
                .find(|d| d.id == id)
                .map(Entry::DaysOff),
            RecordKey::Experiment(id) => self
                .helps
                .experiments
                .iter()
                .find(|e| e.id == id)
                .map(Entry::Experiment),
        }
    }

    /// Adds a record just written, or replaces the one with its key.
    pub fn put(&mut self, record: Record) {
        match record {
            Record::CheckIn(checkin) => self.upsert_checkin(checkin),
            Record::Session { id, session } => {
                self.take_session(id);
                self.add_session(id, session);
            }
            Record::FlareUp(f) => self.put_flare_up(f),
            Record::DaysOff(d) => self.put_days_off(d),
            Record::Experiment(e) => self.put_experiment(e),
        }
    }

    /// Removes the record with this key; returns it.
    pub fn remove(&mut self, key: RecordKey) -> Option<Record> {
        match key {
            RecordKey::CheckIn(date) => self.remove_checkin(date).map(Record::CheckIn),
            RecordKey::Session(id) => {
                let session = self.take_session(id)?;
                self.changed();
                Some(Record::Session { id, session })
            }
            RecordKey::FlareUp(id) => self.take_flare_up(id).map(Record::FlareUp),
            RecordKey::DaysOff(id) => self.take_days_off(id).map(Record::DaysOff),
            RecordKey::Experiment(id) => self.take_experiment(id).map(Record::Experiment),
        }
    }

    /// Saves or replaces the answer to one checklist item, in item order.
    pub fn set_answer(&mut self, answer: ChecklistAnswer) {
        match self
            .checklist
            .binary_search_by(|a| a.item.as_str().cmp(answer.item.as_str()))
        {
            Ok(i) => self.checklist[i] = answer,
            Err(i) => self.checklist.insert(i, answer),
        }
        self.changed();
    }

    /// A finished review settles any pending desk change.
    pub fn add_review(&mut self, review: ChecklistReview) {
        self.reviews.push(review);
        self.desk_changed_at = None;
        self.changed();
    }

    pub fn set_desk_changed(&mut self, at: DateTime<Utc>) {
        self.desk_changed_at = Some(at);
        self.changed();
    }

    pub fn clear_desk_changed(&mut self) {
        self.desk_changed_at = None;
        self.changed();
    }

    pub fn add_posture_check(&mut self) {
        self.posture_checks_today += 1;
        self.changed();
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.error = None;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::pain::{Rating, RedFlags};
    use crate::domain::session::SessionKind;

    fn checkin(day: u32, pain: i64) -> CheckIn {
        CheckIn {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            recorded_at: DateTime::from_timestamp(1_790_000_000 + i64::from(day), 0).unwrap(),
            pain: Rating::new(pain, "pain").unwrap(),
            stress: None,
            areas: vec![],
            red_flags: RedFlags::default(),
            note: String::new(),
        }
    }

    /// Every in-memory change leaves the snapshot equal to a fresh load.
    #[test]
    fn changes_in_memory_match_what_the_store_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut data = Data::load(&store, today).unwrap();

        for (day, pain) in [(10, 4), (3, 6), (20, 2), (10, 5)] {
            let c = checkin(day, pain);
            store.save_checkin(&c).unwrap();
            data.upsert_checkin(c);
        }
        store.delete_checkin(checkin(3, 0).date).unwrap();
        assert_eq!(
            data.remove_checkin(checkin(3, 0).date).unwrap().pain.get(),
            6
        );

        let at = |secs: i64| DateTime::from_timestamp(1_790_000_000 + secs, 0).unwrap();
        let mut ids = Vec::new();
        for (secs, kind) in [
            (500, SessionKind::Heat),
            (100, SessionKind::Stretch),
            (500, SessionKind::Strength),
        ] {
            let s = Session::new(kind, at(secs), at(secs).date_naive(), 600);
            let id = store.add_session(&s).unwrap();
            ids.push(id);
            data.add_session(id, s);
        }
        let [heat_id, stretch_id, _] = ids[..] else {
            panic!("three sessions")
        };
        let feel = Some(Rating::new(3, "feel").unwrap());
        store.set_session_feel_after(heat_id, feel).unwrap();
        data.set_feel_after(heat_id, feel);

        // Moved to the same start as the others, it goes between them by id.
        let mut stretch = data
            .entry(RecordKey::Session(stretch_id))
            .unwrap()
            .to_record();
        if let Record::Session { session, .. } = &mut stretch {
            session.started_at = at(500);
            store.update_session(stretch_id, session).unwrap();
        }
        data.put(stretch);

        let heat = data.remove(RecordKey::Session(heat_id)).unwrap();
        store.delete_session(heat_id).unwrap();
        if let Record::Session { id, session } = &heat {
            assert_eq!(store.put_back_session(*id, session).unwrap(), heat_id);
        }
        data.put(heat);

        let fresh = Data::load(&store, today).unwrap();
        assert_eq!(data.checkins, fresh.checkins);
        assert_eq!(data.sessions, fresh.sessions);
        assert_eq!(data.session_ids, fresh.session_ids);
        assert_eq!(data.revision, 12, "one revision per change");
    }
}
