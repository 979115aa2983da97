//! Carrying out commands: each writes through the store, updates the data
//! snapshot in memory, and becomes one [`Event`] told to every screen.

use chrono::NaiveDate;

use super::UnknotApp;
use crate::domain::checklist::{self, ChecklistReview};
use crate::store::Stored;
use crate::ui::command::Command;
use crate::ui::event::{Event, Failure, OnEvent};
use crate::ui::record::{Record, RecordKey};
use crate::ui::screen::Screen;
use crate::ui::widgets;

impl UnknotApp {
    /// Carries out a command, tells every screen what became of it, and
    /// then carries out any command a screen asks for in return.
    pub(super) fn apply(&mut self, command: Command) {
        let _ = self.carry_out(command);
    }

    /// Like [`Self::apply`], and returns what became of `command` itself
    /// (not of the follow-ups), for a caller that must know whether it
    /// was saved.
    pub(super) fn carry_out(&mut self, command: Command) -> Option<Event> {
        let event = self.execute(command)?;
        let mut pending = self.tell_screens(&event);
        while let Some(command) = pending.pop() {
            if let Some(follow_up) = self.execute(command) {
                pending.extend(self.tell_screens(&follow_up));
            }
        }
        Some(event)
    }

    /// Every screen hears every event.
    pub(super) fn tell_screens(&mut self, event: &Event) -> Vec<Command> {
        let screens: [&mut dyn OnEvent; 7] = [
            &mut self.today,
            &mut self.routines,
            &mut self.heat,
            &mut self.progress,
            &mut self.ergonomics,
            &mut self.history,
            &mut self.settings,
        ];
        screens
            .into_iter()
            .filter_map(|screen| screen.on_event(event))
            .collect()
    }

    /// Shows a date's check-in (or an empty form) on Today.
    pub(super) fn show_date(&mut self, date: NaiveDate) {
        let saved = self.data.checkin_on(date).cloned();
        let follow_ups = self.tell_screens(&Event::DateShown { date, saved });
        for command in follow_ups {
            self.apply(command);
        }
    }

    fn execute(&mut self, command: Command) -> Option<Event> {
        let sentence = |e: crate::store::StoreError| widgets::sentence(&e.to_string());
        Some(match command {
            Command::Navigate(screen) => {
                if screen == Screen::Settings && self.screen != Screen::Settings {
                    self.look_for_background();
                }
                self.screen = screen;
                return None;
            }
            Command::ShowDate(date) => {
                self.screen = Screen::Today;
                Event::DateShown {
                    date,
                    saved: self.data.checkin_on(date).cloned(),
                }
            }
            Command::SaveCheckIn(checkin) => {
                Event::CheckInSaved(match self.store.save_checkin(&checkin) {
                    Ok(()) => {
                        self.data.upsert_checkin(checkin.clone());
                        Ok(checkin)
                    }
                    Err(e) => Err(e.to_string()),
                })
            }
            Command::UpdateRecord(record) => Event::RecordUpdated(self.update_record(record)),
            Command::DeleteRecord(key) => Event::RecordDeleted(self.delete_record(key)?),
            Command::PutBackRecord(record) => Event::RecordPutBack(self.put_back_record(record)),
            Command::DismissIntro => {
                // Failing to remember this only means the note shows again next time.
                let _ = self.change_preferences(|p| p.intro_dismissed = true);
                return None;
            }
            Command::ExportCsv { folder, overwrite } => self.export_csv(&folder, overwrite),
            Command::SaveVisitSummary {
                period,
                paper,
                file,
                if_exists,
            } => {
                let event = self.save_visit_summary(period, paper, &file, if_exists);
                if matches!(event, Event::VisitSummarySaved(Ok(_))) {
                    // Only a preference: unsaved, the next start offers the defaults.
                    let _ = self.change_preferences(|p| p.visit_summary.remember(period, paper));
                }
                event
            }
            Command::ImportCsv(folder) => self.import_csv(&folder),
            Command::BackupNow => self.backup_now(),
            Command::RestoreBackup(file) => self.restore_backup(&file),
            Command::Reminder(action, then) => {
                self.reminder_action(action, then);
                return None;
            }
            Command::SaveReminderSettings(settings) => self.save_reminder_settings(settings),
            Command::SetAutostart(on) => self.set_autostart(on),
            Command::SetKeepReminding(keep) => Event::RemindersSaved(
                self.change_preferences_if_saved(|p| p.keep_reminding = keep)
                    .map_err(|e| format!("Could not save the choice: {e}")),
            ),
            Command::RunInBackground(on) => self.run_in_background(on),
            Command::SaveChecklistAnswer(answer) => {
                let result = self.store.save_checklist_answer(&answer);
                if result.is_ok() {
                    self.data.set_answer(answer.clone());
                }
                Event::ChecklistAnswerSaved {
                    answer,
                    result: result.map_err(|e| e.to_string()),
                }
            }
            Command::StartChecklistReview => {
                self.screen = Screen::Ergonomics;
                Event::ChecklistReviewStarted
            }
            Command::FinishChecklistReview => {
                let review = ChecklistReview::new(
                    self.clock.utc_now(),
                    self.clock.today(),
                    checklist::score(&self.data.checklist),
                    self.data.desk_changed_at.is_some(),
                );
                Event::ChecklistReviewSaved(match self.store.add_checklist_review(&review) {
                    Ok(_) => {
                        self.data.add_review(review.clone());
                        Ok(review)
                    }
                    Err(e) => Err(e.to_string()),
                })
            }
            Command::MarkDeskChanged => {
                let now = self.clock.utc_now();
                Event::DeskChangeSaved(match self.store.mark_desk_changed(now) {
                    Ok(()) => {
                        self.data.set_desk_changed(now);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                })
            }
            Command::UndoDeskChange => {
                Event::DeskChangeSaved(match self.store.clear_desk_change() {
                    Ok(()) => {
                        self.data.clear_desk_changed();
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                })
            }
            Command::SaveSession { session, origin } => {
                let result = self.store.add_session(&session);
                if let Ok(id) = result {
                    self.data.add_session(id, session.clone());
                }
                Event::SessionSaved {
                    origin,
                    session,
                    result: result.map_err(sentence),
                }
            }
            Command::SetFeelAfter {
                id,
                feel_after,
                origin,
            } => {
                let result = self.store.set_session_feel_after(id, feel_after);
                if result.is_ok() {
                    self.data.set_feel_after(id, feel_after);
                }
                Event::FeelAfterSaved {
                    origin,
                    result: result.map_err(sentence),
                }
            }
            Command::SuggestRoutine(template_id) => {
                self.screen = Screen::Routines;
                Event::RoutineSuggested(template_id)
            }
            Command::SetSounds(sounds) => Event::RemindersSaved(
                self.change_preferences_if_saved(|p| p.sounds = sounds)
                    .map_err(|e| format!("Could not save the sound setting: {e}")),
            ),
            Command::SetAppearance(appearance) => Event::RemindersSaved(
                self.change_preferences_if_saved(|p| p.appearance = appearance)
                    .map_err(|e| format!("Could not save the appearance: {e}")),
            ),
            Command::SetProgressRange(range) => {
                // Only a preference: if it cannot be saved, the next start shows 12 weeks.
                let _ = self.change_preferences(|p| p.progress_range = range);
                Event::ProgressRangeChosen(range)
            }
            Command::StartExperiment { experiment, from } => {
                let result = self.store.start_experiment(&experiment, self.clock.today());
                if let Ok(stored) = &result {
                    self.data.put_experiment(stored.clone());
                }
                Event::ExperimentStarted {
                    from,
                    result: result.map_err(sentence),
                }
            }
            Command::StopExperiment { id, on } => {
                let found = self.data.entry(RecordKey::Experiment(id))?.to_record();
                let Record::Experiment(mut stored) = found else {
                    return None;
                };
                stored.record.stopped_on = Some(on);
                Event::RecordUpdated(self.update_record(Record::Experiment(stored)))
            }
            Command::LogFlareUp(flare_up) => {
                let result =
                    self.store
                        .add_flare_up(&flare_up, self.clock.utc_now(), self.clock.today());
                if let Ok(stored) = &result {
                    self.data.put_flare_up(stored.clone());
                }
                Event::FlareUpLogged(result.map_err(sentence))
            }
            Command::MarkDaysOff(days_off) => {
                let result = self.store.add_days_off(&days_off, self.clock.today());
                if let Ok(stored) = &result {
                    self.data.put_days_off(stored.clone());
                }
                Event::DaysOffMarked(result.map_err(sentence))
            }
            Command::AddFunctionActivity(name) => {
                let today = self.clock.today();
                let result = self.store.add_function_activity(&name, today).map(|_| ());
                self.function_check_saved(result)
            }
            Command::RetireFunctionActivity(uid) => {
                let today = self.clock.today();
                let result = self.store.retire_function_activity(&uid, today);
                self.function_check_saved(result)
            }
            Command::PutBackFunctionActivity(uid) => {
                let result = self.store.put_back_function_activity(&uid);
                self.function_check_saved(result)
            }
            Command::SaveFunctionCheck { date, scores } => {
                let (now, today) = (self.clock.utc_now(), self.clock.today());
                let result = self.store.save_function_check(date, now, &scores, today);
                self.function_check_saved(result)
            }
            Command::SetBaseline(value) => {
                // "None": the first check-ins decide.
                let value = value.map(|v| (v * 10.0).round() / 10.0);
                Event::BaselineSaved(
                    self.change_preferences_if_saved(|p| p.baseline_pain = value)
                        .map_err(|e| format!("Could not save your baseline: {e}")),
                )
            }
        })
    }
}

/// Records of any kind: written through the store, then changed in the
/// snapshot one record at a time.
impl UnknotApp {
    /// After a write to the function check: its lists read again (a few
    /// rows), and the event saying how it went.
    fn function_check_saved(&mut self, written: Result<(), crate::store::StoreError>) -> Event {
        let result = written.and_then(|()| self.data.reload_function_checks(&self.store));
        Event::FunctionCheckSaved(result.map_err(|e| widgets::sentence(&e.to_string())))
    }

    fn update_record(&mut self, record: Record) -> Result<Record, Failure> {
        let (now, today) = (self.clock.utc_now(), self.clock.today());
        let written = match &record {
            Record::CheckIn(checkin) => self.store.save_checkin(checkin),
            Record::Session { id, session } => self.store.update_session(*id, session),
            Record::FlareUp(f) => self.store.update_flare_up(f.id, &f.record, now, today),
            Record::DaysOff(d) => self.store.update_days_off(d.id, &d.record, today),
            Record::Experiment(e) => self.store.update_experiment(e.id, &e.record, today),
        };
        match written {
            Ok(()) => {
                self.data.put(record.clone());
                Ok(record)
            }
            Err(e) => Err(widgets::sentence(&e.to_string())),
        }
    }

    /// `None` when the snapshot has no such record (nothing to tell anyone).
    fn delete_record(&mut self, key: RecordKey) -> Option<Result<Record, Failure>> {
        let found = self.data.entry(key)?.to_record();
        let deleted = match key {
            RecordKey::CheckIn(date) => self.store.delete_checkin(date),
            RecordKey::Session(id) => self.store.delete_session(id),
            RecordKey::FlareUp(id) => self.store.delete_flare_up(id),
            RecordKey::DaysOff(id) => self.store.delete_days_off(id),
            RecordKey::Experiment(id) => self.store.delete_experiment(id),
        };
        Some(match deleted {
            Ok(_) => {
                self.data.remove(key);
                Ok(found)
            }
            Err(e) => Err(format!("Nothing was deleted: {e}")),
        })
    }

    fn put_back_record(&mut self, record: Record) -> Result<Record, Failure> {
        let written = match record {
            Record::CheckIn(checkin) => self
                .store
                .save_checkin(&checkin)
                .map(|()| Record::CheckIn(checkin)),
            Record::Session { id, session } => self
                .store
                .put_back_session(id, &session)
                .map(|id| Record::Session { id, session }),
            Record::FlareUp(f) => self
                .store
                .put_back_flare_up(&f)
                .map(|id| Record::FlareUp(Stored { id, ..f })),
            Record::DaysOff(d) => self
                .store
                .put_back_days_off(&d)
                .map(|id| Record::DaysOff(Stored { id, ..d })),
            Record::Experiment(e) => self
                .store
                .put_back_experiment(&e)
                .map(|id| Record::Experiment(Stored { id, ..e })),
        };
        match written {
            Ok(record) => {
                self.data.put(record.clone());
                Ok(record)
            }
            Err(e) => Err(format!("Could not put it back: {e}")),
        }
    }
}
