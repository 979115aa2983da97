//! The snapshot's records of what helps: flare-ups, days off, experiments
//! and the weekly function check, with their in-memory updates after a
//! write (one record at a time, like the rest of [`Data`]).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::Data;
use crate::domain::days_off::DaysOff;
use crate::domain::experiment::Experiment;
use crate::domain::flare::FlareUp;
use crate::domain::function_check::{Activity, FunctionRating};
use crate::store::{Store, StoreError, Stored};

/// Records of what helps, each kind in the store's order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WhatHelps {
    /// Oldest first.
    pub flare_ups: Vec<Stored<FlareUp>>,
    /// Earliest first; no two share a day.
    pub days_off: Vec<Stored<DaysOff>>,
    /// By start day.
    pub experiments: Vec<Stored<Experiment>>,
    /// In the order they were named, those taken off the list included.
    pub activities: Vec<Activity>,
    /// By day.
    pub function_ratings: Vec<Stored<FunctionRating>>,
}

impl WhatHelps {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            flare_ups: store.flare_ups()?,
            days_off: store.days_off()?,
            experiments: store.experiments()?,
            activities: store.function_activities()?,
            function_ratings: store.function_ratings()?,
        })
    }

    /// Every day off, for quick lookups.
    pub fn days_off_set(&self) -> BTreeSet<NaiveDate> {
        let ranges: Vec<DaysOff> = self.days_off.iter().map(|d| d.record.clone()).collect();
        crate::domain::days_off::days_off_set(&ranges)
    }

    /// The range of days off holding `date`, if any.
    pub fn day_off(&self, date: NaiveDate) -> Option<&Stored<DaysOff>> {
        self.days_off.iter().find(|d| d.record.contains(date))
    }

    /// Experiments, without their store identities (for the domain's rules).
    pub fn experiment_records(&self) -> Vec<Experiment> {
        self.experiments.iter().map(|e| e.record.clone()).collect()
    }

    /// The function-check ratings without their uids.
    pub fn rating_records(&self) -> Vec<FunctionRating> {
        self.function_ratings
            .iter()
            .map(|r| r.record.clone())
            .collect()
    }

    /// The activities still on the list.
    pub fn active_activities(&self) -> impl Iterator<Item = &Activity> {
        self.activities.iter().filter(|a| a.is_active())
    }
}

/// Puts `stored` in `list`, replacing the one with its id, keeping the
/// order `key` gives (ties by id, as the store orders them).
fn put_sorted<T, K: Ord>(list: &mut Vec<Stored<T>>, stored: Stored<T>, key: impl Fn(&T) -> K) {
    list.retain(|s| s.id != stored.id);
    let new_key = (key(&stored.record), stored.id);
    let at = list.partition_point(|s| (key(&s.record), s.id) < new_key);
    list.insert(at, stored);
}

fn take<T>(list: &mut Vec<Stored<T>>, id: i64) -> Option<Stored<T>> {
    let at = list.iter().position(|s| s.id == id)?;
    Some(list.remove(at))
}

impl Data {
    pub fn put_flare_up(&mut self, stored: Stored<FlareUp>) {
        put_sorted(&mut self.helps.flare_ups, stored, |f| f.at);
        self.changed();
    }

    pub fn take_flare_up(&mut self, id: i64) -> Option<Stored<FlareUp>> {
        let taken = take(&mut self.helps.flare_ups, id);
        self.changed();
        taken
    }

    pub fn put_days_off(&mut self, stored: Stored<DaysOff>) {
        put_sorted(&mut self.helps.days_off, stored, |d| d.first);
        self.changed();
    }

    pub fn take_days_off(&mut self, id: i64) -> Option<Stored<DaysOff>> {
        let taken = take(&mut self.helps.days_off, id);
        self.changed();
        taken
    }

    pub fn put_experiment(&mut self, stored: Stored<Experiment>) {
        put_sorted(&mut self.helps.experiments, stored, |e| e.start);
        self.changed();
    }

    pub fn take_experiment(&mut self, id: i64) -> Option<Stored<Experiment>> {
        let taken = take(&mut self.helps.experiments, id);
        self.changed();
        taken
    }

    /// After the activities or a function check changed: the store's
    /// lists again (a few rows a week).
    pub fn reload_function_checks(&mut self, store: &Store) -> Result<(), StoreError> {
        self.helps.activities = store.function_activities()?;
        self.helps.function_ratings = store.function_ratings()?;
        self.changed();
        Ok(())
    }
}
