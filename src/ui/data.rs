//! The snapshot of the store that every screen draws from.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::checklist::{ChecklistAnswer, ChecklistReview};
use crate::domain::facts::TodayFacts;
use crate::domain::pain::CheckIn;
use crate::domain::session::Session;
use crate::store::{Store, StoreError};

/// Everything the screens draw from, loaded at start and after each write,
/// never during a frame. Screens that derive series from it compare
/// `revision` to know when to recompute.
#[derive(Debug, Default)]
pub struct Data {
    /// Oldest first.
    pub checkins: Vec<CheckIn>,
    /// Oldest first.
    pub sessions: Vec<Session>,
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
    /// Why the last reload failed, if it did.
    pub error: Option<String>,
    /// Today's facts, worked out when first asked for after a change.
    pub(crate) facts: std::cell::RefCell<Option<(u64, std::rc::Rc<TodayFacts>)>>,
}

impl Data {
    /// Everything [`Data`] holds, read from the store in one go.
    pub fn load(store: &Store, today: NaiveDate) -> Result<Self, StoreError> {
        Ok(Self {
            checkins: store.checkins()?,
            sessions: store.sessions()?,
            checklist: store.checklist_answers()?,
            reviews: store.checklist_reviews()?,
            desk_changed_at: store.desk_changed_at()?,
            posture_checks_today: store.posture_checks_on(today)?,
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
                let facts =
                    std::rc::Rc::new(TodayFacts::compute(&self.checkins, &self.sessions, today));
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

    /// Adds a new session in start order (after any that started at the
    /// same instant, as the store orders by start and then by id).
    pub fn add_session(&mut self, session: Session) {
        let at = self
            .sessions
            .partition_point(|s| s.started_at <= session.started_at);
        self.sessions.insert(at, session);
        self.changed();
    }

    /// Sets "how does your back feel now" on the session with this kind and
    /// start (the store's unique key).
    pub fn set_feel_after(
        &mut self,
        like: &Session,
        feel_after: Option<crate::domain::pain::Rating>,
    ) {
        if let Some(s) = self
            .sessions
            .iter_mut()
            .rev()
            .find(|s| s.kind == like.kind && s.started_at == like.started_at)
        {
            s.feel_after = feel_after;
        }
        self.changed();
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
        let mut heat = None;
        for (secs, kind) in [
            (500, SessionKind::Heat),
            (100, SessionKind::Stretch),
            (500, SessionKind::Strength),
        ] {
            let s = Session::new(kind, at(secs), at(secs).date_naive(), 600);
            let id = store.add_session(&s).unwrap();
            if kind == SessionKind::Heat {
                heat = Some((id, s.clone()));
            }
            data.add_session(s);
        }
        let (id, heat) = heat.unwrap();
        let feel = Some(Rating::new(3, "feel").unwrap());
        store.set_session_feel_after(id, feel).unwrap();
        data.set_feel_after(&heat, feel);

        let fresh = Data::load(&store, today).unwrap();
        assert_eq!(data.checkins, fresh.checkins);
        assert_eq!(data.sessions, fresh.sessions);
        assert_eq!(data.revision, 9, "one revision per change");
    }
}
