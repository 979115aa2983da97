//! Synthetic history for trying the app, for screenshots, tests and
//! benchmarks: pain that eases over the first months, with noise, a weekly
//! rhythm, stress, flare-ups, missed days and holidays, and self-care sessions
//! at plausible rates.
//!
//! Deterministic: the same days, end date, seed and time zone give the same
//! records. Times of day are local times in that zone, so every record's
//! instant falls on its date there. Demo data never answers a warning-sign
//! question with yes.

mod what_helps;

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};

use crate::domain::dates::days_before;
use crate::domain::keyed::{Keyed, RecordSet};
use crate::domain::pain::{Area, CheckIn, Rating, RedFlags};
use crate::domain::session::{Session, SessionKind};
use crate::store::{ImportCounts, Store, StoreError};

pub use what_helps::HelpsHistory;

/// The seed `unknot demo-data` uses.
pub const DEFAULT_SEED: u64 = 0x756e_6b6e_6f74;

/// Demo history: check-ins and sessions, oldest first, and the records of
/// what helps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DemoHistory {
    pub checkins: Vec<CheckIn>,
    pub sessions: Vec<Session>,
    pub helps: HelpsHistory,
}

/// SplitMix64: a tiny, well-mixed generator; plenty for made-up data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform whole number in `low..=high`.
    fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high.saturating_sub(low)) + 1;
        low + u32::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// Roughly normal with mean 0 and standard deviation 1 (sum of uniforms).
    fn noise(&mut self) -> f64 {
        (0..4).map(|_| self.unit()).sum::<f64>() - 2.0
    }
}

const NOTES: [&str; 8] = [
    "Long day of calls",
    "Slept badly",
    "Worked from the sofa",
    "Deadline week",
    "Felt loose after the walk",
    "Carried the shopping home",
    "New chair cushion",
    "Drove a long way",
];

/// `days` days of history ending on `end` (inclusive), with times of day in
/// the computer's time zone.
pub fn generate(days: u32, end: NaiveDate, seed: u64) -> DemoHistory {
    generate_in(days, end, seed, &Local)
}

/// `days` days of history ending on `end` (inclusive), with times of day in
/// the time zone `tz`.
pub fn generate_in<Tz: TimeZone>(days: u32, end: NaiveDate, seed: u64, tz: &Tz) -> DemoHistory {
    let mut rng = Rng(seed);
    let first = days_before(end, u64::from(days.saturating_sub(1)));
    let mut history = DemoHistory::default();
    let mut holiday_left = 0u32;
    let mut flare_left = 0u32;
    let mut routine_yesterday = false;
    let mut shapes = Vec::new();
    for (index, date) in first.iter_days().take_while(|d| *d <= end).enumerate() {
        let t = index as f64;
        // Starts around 6.5 and settles near 3 over a few months of routine.
        let level = 3.0 + 3.5 * (-t / 70.0).exp();
        let weekday_effect = match date.weekday() {
            Weekday::Mon => 0.1,
            Weekday::Tue | Weekday::Wed => 0.3,
            Weekday::Thu => 0.5,
            Weekday::Fri => 0.6,
            Weekday::Sat => -0.6,
            Weekday::Sun => -0.8,
        };
        let workday = date.weekday().num_days_from_monday() < 5;
        if holiday_left == 0 && index > 14 && rng.chance(1.0 / 150.0) {
            holiday_left = rng.between(3, 9);
        }
        let on_holiday = holiday_left > 0;
        holiday_left = holiday_left.saturating_sub(1);
        if flare_left == 0 && rng.chance(1.0 / 75.0) {
            flare_left = rng.between(2, 4);
        }
        let flare = if flare_left > 0 { 1.8 } else { 0.0 };
        flare_left = flare_left.saturating_sub(1);

        let stress = (if workday { 5.0 } else { 3.0 } + 1.6 * rng.noise()).clamp(0.0, 10.0);
        let pain = level + weekday_effect + flare + 0.25 * (stress - 4.0)
            - if routine_yesterday { 0.4 } else { 0.0 }
            + 0.7 * rng.noise();
        let pain = pain.round().clamp(0.0, 10.0);
        shapes.push(what_helps::DayShape {
            date,
            pain,
            on_holiday,
            in_flare: flare > 0.0,
        });

        let checked_in = !on_holiday && rng.chance(0.9);
        if checked_in && let Some(checkin) = demo_checkin(&mut rng, tz, date, pain, stress) {
            history.checkins.push(checkin);
        }

        // Adherence builds over the first weeks; holidays thin it out.
        let keen = (0.35 + t / 120.0).min(0.7) * if on_holiday { 0.3 } else { 1.0 };
        let mut routine_today = false;
        if rng.chance(keen) {
            routine_today = true;
            push_session(
                &mut history,
                &mut rng,
                tz,
                SessionKind::Stretch,
                date,
                8,
                (3, 8),
            );
            if rng.chance(0.25) {
                push_session(
                    &mut history,
                    &mut rng,
                    tz,
                    SessionKind::Stretch,
                    date,
                    17,
                    (3, 6),
                );
            }
        }
        let strength_day = matches!(date.weekday(), Weekday::Mon | Weekday::Wed | Weekday::Fri);
        if rng.chance(if strength_day { keen * 0.85 } else { 0.06 }) {
            routine_today = true;
            push_session(
                &mut history,
                &mut rng,
                tz,
                SessionKind::Strength,
                date,
                18,
                (10, 15),
            );
        }
        if rng.chance(0.2 + 0.06 * (pain - 3.0).max(0.0)) {
            push_session(
                &mut history,
                &mut rng,
                tz,
                SessionKind::Heat,
                date,
                20,
                (15, 20),
            );
        }
        if rng.chance(0.12) {
            routine_today = true;
            push_session(
                &mut history,
                &mut rng,
                tz,
                SessionKind::Massage,
                date,
                21,
                (5, 10),
            );
        }
        routine_yesterday = routine_today;
    }
    history.helps = what_helps::generate(&shapes, seed, tz);
    history
}

fn demo_checkin<Tz: TimeZone>(
    rng: &mut Rng,
    tz: &Tz,
    date: NaiveDate,
    pain: f64,
    stress: f64,
) -> Option<CheckIn> {
    let rating = |value: f64, what| Rating::new(value.round() as i64, what).ok();
    let mut areas = vec![Area::BetweenShoulderBlades];
    if rng.chance(0.4) {
        areas.push(Area::ShoulderTops);
    }
    if rng.chance(0.15) {
        areas.push(Area::Neck);
    }
    let note = if rng.chance(0.06) {
        NOTES
            .get(rng.between(0, 7) as usize)
            .copied()
            .unwrap_or_default()
            .to_owned()
    } else {
        String::new()
    };
    Some(CheckIn {
        date,
        recorded_at: at(tz, date, 21, rng.between(0, 59)),
        pain: rating(pain, "pain")?,
        stress: rating(stress, "stress"),
        areas,
        red_flags: RedFlags::default(),
        note,
    })
}

fn push_session<Tz: TimeZone>(
    history: &mut DemoHistory,
    rng: &mut Rng,
    tz: &Tz,
    kind: SessionKind,
    date: NaiveDate,
    hour: u32,
    minutes: (u32, u32),
) {
    let mut session = Session::new(
        kind,
        at(tz, date, hour, rng.between(0, 50)),
        date,
        rng.between(minutes.0, minutes.1) * 60,
    );
    session.routine = match kind {
        SessionKind::Stretch => "Desk break".to_owned(),
        SessionKind::Strength => "Strength set".to_owned(),
        SessionKind::Heat | SessionKind::Massage => String::new(),
    };
    if kind == SessionKind::Heat {
        session.heat_type = Some("moist".to_owned());
        session.area = Some("upper back".to_owned());
    }
    history.sessions.push(session);
}

/// `date` at `hour:minute` local time in `tz`. A time the clocks skip when
/// they go forward is moved on by the offset change (as a clock would show
/// it); one they pass twice when they go back is taken the first time.
fn at<Tz: TimeZone>(tz: &Tz, date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
    let local = date.and_time(time);
    match tz.from_local_datetime(&local).earliest() {
        Some(at) => at.with_timezone(&Utc),
        // Read with the offset from before the gap: lands just after it.
        None => {
            let before = local - chrono::TimeDelta::days(1);
            let offset = tz.offset_from_local_datetime(&before).earliest();
            let seconds = offset.map_or(0, |o| i64::from(o.fix().local_minus_utc()));
            (local - chrono::TimeDelta::seconds(seconds)).and_utc()
        }
    }
}

/// Whether the store holds any check-in or session.
pub fn store_has_records(store: &Store) -> Result<bool, StoreError> {
    Ok(!store.checkins()?.is_empty() || !store.sessions()?.is_empty())
}

/// Writes the history into the store, all in one transaction, so that an
/// interrupted run leaves either everything or nothing. A day that already
/// has a check-in or a session gets no demo records, so what was logged stays
/// as it was; days off that would share a day with ones already marked,
/// and experiments whose name is taken, are left out. Returns what was
/// added.
pub fn fill_store(store: &mut Store, history: &DemoHistory) -> Result<ImportCounts, StoreError> {
    let mut taken: Vec<NaiveDate> = store.checkins()?.iter().map(|c| c.date).collect();
    taken.extend(store.sessions()?.iter().map(|s| s.date));
    taken.sort_unstable();
    taken.dedup();
    let free = |date: &NaiveDate| taken.binary_search(date).is_err();
    let set = RecordSet {
        checkins: history
            .checkins
            .iter()
            .filter(|c| free(&c.date))
            .cloned()
            .map(Keyed::unkeyed)
            .collect(),
        sessions: history
            .sessions
            .iter()
            .filter(|s| free(&s.date))
            .cloned()
            .map(Keyed::unkeyed)
            .collect(),
        checklist: Vec::new(),
        flare_ups: history
            .helps
            .flare_ups
            .iter()
            .filter(|f| free(&f.date))
            .cloned()
            .map(Keyed::unkeyed)
            .collect(),
        days_off: {
            let marked: Vec<_> = store.days_off()?.into_iter().map(|d| d.record).collect();
            history
                .helps
                .days_off
                .iter()
                .filter(|d| !marked.iter().any(|m| m.overlaps(d)))
                .cloned()
                .map(Keyed::unkeyed)
                .collect()
        },
        experiments: {
            let names: Vec<String> = store
                .experiments()?
                .into_iter()
                .map(|e| e.record.name)
                .collect();
            history
                .helps
                .experiments
                .iter()
                .filter(|e| !names.contains(&e.name))
                .cloned()
                .map(Keyed::unkeyed)
                .collect()
        },
        // A store with activities of its own keeps its list as it is.
        activities: if store.function_activities()?.is_empty() {
            history.helps.activities.clone()
        } else {
            Vec::new()
        },
        function_ratings: if store.function_activities()?.is_empty() {
            history
                .helps
                .function_ratings
                .iter()
                .cloned()
                .map(Keyed::unkeyed)
                .collect()
        } else {
            Vec::new()
        },
    };
    store.import(&set)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::trend::{ProgressData, ProgressRange};

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_history_and_another_seed_does_not() {
        let a = generate(90, end(), 7);
        assert_eq!(a, generate(90, end(), 7));
        assert_ne!(a, generate(90, end(), 8));
    }

    #[test]
    fn history_is_plausible() {
        let h = generate(365, end(), DEFAULT_SEED);
        let first = h.checkins.first().unwrap().date;
        assert!(first >= days_before(end(), 364));
        assert!(h.checkins.iter().all(|c| c.date <= end()));
        // Some days are missing, most are there.
        assert!(
            h.checkins.len() > 280 && h.checkins.len() < 365,
            "{}",
            h.checkins.len()
        );
        assert!(h.checkins.iter().all(|c| !c.red_flags.any()));
        // Pain eases: the first month is worse than the last.
        let mean =
            |c: &[CheckIn]| c.iter().map(|c| f64::from(c.pain.get())).sum::<f64>() / c.len() as f64;
        assert!(mean(&h.checkins[..25]) > mean(&h.checkins[h.checkins.len() - 25..]) + 1.5);
        // Strengthening close to three times a week, heat a few times.
        let count = |k| h.sessions.iter().filter(|s| s.kind == k).count() as f64 / 52.0;
        assert!(
            (1.8..=3.5).contains(&count(SessionKind::Strength)),
            "{}",
            count(SessionKind::Strength)
        );
        assert!(
            (1.0..=3.5).contains(&count(SessionKind::Heat)),
            "{}",
            count(SessionKind::Heat)
        );
        assert!(count(SessionKind::Stretch) > 3.0);
        assert!(h.sessions.iter().all(|s| s.validate().is_ok()));
        // Enough of both kinds of day for the next-day comparison.
        let data = ProgressData::compute(
            &h.checkins,
            &h.sessions,
            end(),
            &Default::default(),
            ProgressRange::All,
            None,
        );
        assert!(matches!(
            data.insight,
            crate::domain::trend::Insight::Ready(_)
        ));
    }

    #[test]
    fn every_time_falls_on_its_date_in_the_zone_it_was_made_for() {
        use chrono::{FixedOffset, Timelike};

        for hours in [13, -11, 0] {
            let tz = FixedOffset::east_opt(hours * 3600).unwrap();
            let h = generate_in(120, end(), DEFAULT_SEED, &tz);
            assert!(!h.checkins.is_empty() && !h.sessions.is_empty());
            for c in &h.checkins {
                let local = c.recorded_at.with_timezone(&tz);
                assert_eq!((local.date_naive(), local.hour()), (c.date, 21), "{hours}");
            }
            for s in &h.sessions {
                let local = s.started_at.with_timezone(&tz);
                assert_eq!(local.date_naive(), s.date, "{hours}");
                assert!((8..=21).contains(&local.hour()), "{hours}: {local}");
                assert!(s.validate().is_ok());
            }
            // Only the instants depend on the zone.
            let utc = generate_in(120, end(), DEFAULT_SEED, &Utc);
            let shift = chrono::TimeDelta::hours(i64::from(hours));
            let dates = |h: &DemoHistory| h.checkins.iter().map(|c| c.date).collect::<Vec<_>>();
            assert_eq!(dates(&h), dates(&utc));
            assert!(
                h.sessions
                    .iter()
                    .zip(&utc.sessions)
                    .all(|(a, b)| a.started_at + shift == b.started_at)
            );
        }
    }

    #[test]
    fn a_time_the_clocks_skip_is_moved_past_the_gap() {
        /// A zone one hour ahead of UTC that moves to two hours ahead at
        /// 02:00 local time on 29 March 2026.
        #[derive(Clone, Copy, Debug)]
        struct Spring;
        impl TimeZone for Spring {
            type Offset = chrono::FixedOffset;
            fn from_offset(_: &Self::Offset) -> Self {
                Spring
            }
            fn offset_from_local_date(
                &self,
                local: &NaiveDate,
            ) -> chrono::LocalResult<Self::Offset> {
                self.offset_from_local_datetime(&local.and_hms_opt(12, 0, 0).unwrap())
            }
            fn offset_from_local_datetime(
                &self,
                local: &chrono::NaiveDateTime,
            ) -> chrono::LocalResult<Self::Offset> {
                let switch = NaiveDate::from_ymd_opt(2026, 3, 29)
                    .unwrap()
                    .and_hms_opt(2, 0, 0)
                    .unwrap();
                let winter = chrono::FixedOffset::east_opt(3600).unwrap();
                let summer = chrono::FixedOffset::east_opt(7200).unwrap();
                if *local < switch {
                    chrono::LocalResult::Single(winter)
                } else if *local < switch + chrono::TimeDelta::hours(1) {
                    chrono::LocalResult::None
                } else {
                    chrono::LocalResult::Single(summer)
                }
            }
            fn offset_from_utc_date(&self, utc: &NaiveDate) -> Self::Offset {
                self.offset_from_utc_datetime(&utc.and_hms_opt(12, 0, 0).unwrap())
            }
            fn offset_from_utc_datetime(&self, utc: &chrono::NaiveDateTime) -> Self::Offset {
                let switch = NaiveDate::from_ymd_opt(2026, 3, 29)
                    .unwrap()
                    .and_hms_opt(1, 0, 0)
                    .unwrap();
                chrono::FixedOffset::east_opt(if *utc < switch { 3600 } else { 7200 }).unwrap()
            }
        }

        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let in_gap = at(&Spring, day, 2, 30);
        assert_eq!(in_gap.to_rfc3339(), "2026-03-29T01:30:00+00:00");
        assert_eq!(in_gap.with_timezone(&Spring).date_naive(), day);
        let after = at(&Spring, day, 21, 5);
        assert_eq!(after.to_rfc3339(), "2026-03-29T19:05:00+00:00");
    }

    #[test]
    fn an_interrupted_fill_adds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut h = generate_in(30, end(), 3, &Utc);
        // The last session breaks a rule, so writing it fails after every
        // check-in has been written.
        let last = h.sessions.last_mut().unwrap();
        last.duration_secs = 5 * 60 * 60;
        assert!(fill_store(&mut store, &h).is_err());
        assert!(!store_has_records(&store).unwrap());
    }

    #[test]
    fn filling_a_store_adds_every_record_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert!(!store_has_records(&store).unwrap());
        let h = generate(200, end(), 3);
        let added = fill_store(&mut store, &h).unwrap();
        assert_eq!(
            (added.checkins_added, added.sessions_added),
            (h.checkins.len(), h.sessions.len())
        );
        let helps = &h.helps;
        assert_eq!(
            (
                added.flare_ups_added,
                added.days_off_added,
                added.experiments_added,
                added.activities_added,
                added.function_ratings_added
            ),
            (
                helps.flare_ups.len(),
                helps.days_off.len(),
                helps.experiments.len(),
                3,
                helps.function_ratings.len()
            )
        );
        // Some of each, in plausible numbers for 200 days.
        assert!(
            (10..=80).contains(&helps.flare_ups.len()),
            "{}",
            helps.flare_ups.len()
        );
        assert!(
            (1..=8).contains(&helps.days_off.len()),
            "{:?}",
            helps.days_off
        );
        assert!(
            (3..=5).contains(&helps.experiments.len()),
            "{:?}",
            helps.experiments
        );
        assert!(
            helps.function_ratings.len() >= 60,
            "{}",
            helps.function_ratings.len()
        );
        assert!(store_has_records(&store).unwrap());
        assert_eq!(fill_store(&mut store, &h).unwrap().added(), 0);
    }
}
