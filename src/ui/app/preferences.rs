//! Preferences in the window: read once at start, and each change saved at
//! once, writing only the rows it changed.

use super::UnknotApp;
use crate::preferences::{PreferenceKey, Preferences};
use crate::store::{Store, StoreError};

impl UnknotApp {
    /// Applies `change` to the preferences in force and saves what it
    /// changed, with anything whose save failed earlier, in one transaction.
    /// The change holds for this session even when saving fails.
    pub(super) fn change_preferences(
        &mut self,
        change: impl FnOnce(&mut Preferences),
    ) -> Result<(), StoreError> {
        let (next, keys) = self.prepare_change(change);
        self.preferences = next;
        let result = self.store.save_preferences(&self.preferences, &keys);
        if result.is_err() {
            self.unsaved_preferences = keys;
        }
        result
    }

    /// Like [`Self::change_preferences`], except that a change that cannot
    /// be saved is not applied either.
    pub(super) fn change_preferences_if_saved(
        &mut self,
        change: impl FnOnce(&mut Preferences),
    ) -> Result<(), StoreError> {
        let (next, keys) = self.prepare_change(change);
        self.store.save_preferences(&next, &keys)?;
        self.preferences = next;
        self.unsaved_preferences.clear();
        Ok(())
    }

    /// The preferences after `change`, and the keys to write for it.
    fn prepare_change(
        &self,
        change: impl FnOnce(&mut Preferences),
    ) -> (Preferences, Vec<PreferenceKey>) {
        let mut next = self.preferences.clone();
        change(&mut next);
        // Values from the screens are already in range; this only guards.
        let _ = next.validate();
        let mut keys = self.preferences.keys_differing(&next);
        keys.extend_from_slice(&self.unsaved_preferences);
        keys.sort_unstable();
        keys.dedup();
        (next, keys)
    }

    /// Saves the reminder pause and snooze when the scheduler's differ from
    /// the saved ones: set or lifted by a click, or a snooze run out.
    pub(super) fn remember_reminder_state(&mut self) {
        let paused_on = self.reminders.paused_on();
        let snoozed = self.reminders.snoozed();
        if paused_on == self.preferences.reminders_paused_on
            && snoozed == self.preferences.reminders_snoozed
        {
            return;
        }
        // If this cannot be saved, only a restart forgets the pause or snooze;
        // the next change of a preference tries again.
        let _ = self.change_preferences(|p| {
            p.reminders_paused_on = paused_on;
            p.reminders_snoozed = snoozed;
        });
    }
}

/// The saved preferences, read once at start. What could not be read is at
/// its default, with a warning on standard error; nothing stops the window.
pub(super) fn load(store: &Store) -> Preferences {
    let (preferences, warnings) = store.preferences().unwrap_or_else(|e| {
        let warning = format!("your preferences could not be read, so the defaults apply: {e}");
        (Preferences::default(), vec![warning])
    });
    for warning in warnings {
        eprintln!("unknot: warning: {warning}");
    }
    preferences
}
