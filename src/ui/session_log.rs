//! "Log a session that already happened": the one form behind every screen
//! that records something done away from the computer. It asks which day,
//! what time it started and for how long (and, for kinds that want them, how
//! it felt and a note); each kind adds its own fields through [`EntryKind`].
//! The rules come from the domain; typed values stay on screen until saved.
//! The same form, filled from a saved session, changes that session.

use chrono::NaiveDate;
use egui::Ui;

use super::command::{Command, Origin};
use super::data::Data;
use super::when::{self, Now};
use super::{theme, widgets};
use crate::domain::DomainError;
use crate::domain::dates::check_record_date;
use crate::domain::pain::{MAX_NOTE_CHARS, Rating};
use crate::domain::session::check_session_over;
use crate::domain::session::{Session, SessionKind};

/// The fixed words of one kind's form.
pub struct Wording {
    pub title: &'static str,
    pub hint: &'static str,
    pub minutes_label: &'static str,
    /// A typical number of minutes, shown as an example in the empty field.
    pub minutes_example: &'static str,
    /// Said when the minutes are left empty.
    pub minutes_missing: &'static str,
    pub button: &'static str,
}

/// What one kind of entry (heat, a routine, ...) brings to the shared form.
pub trait EntryKind {
    const WORDING: Wording;
    /// Where the result of saving is reported back to.
    const ORIGIN: Origin;
    /// Whether the form also asks "how did it feel" (0-10, optional).
    const ASKS_FEEL: bool = false;
    /// Whether the form also asks for a note.
    const ASKS_NOTE: bool = false;

    /// The session kind the entry is saved as, given the choices made.
    fn session_kind(&self) -> SessionKind;

    /// The word before "session" in messages: "heat", "strengthening".
    fn noun(&self) -> String;

    /// Reads the typed minutes, with this kind's limits.
    fn parse_minutes(&self, text: &str) -> Result<u32, DomainError>;

    /// Fields drawn above the day.
    fn fields_above_ui(&mut self, _ui: &mut Ui) {}

    /// Fields drawn below the time and minutes.
    fn fields_below_ui(&mut self, _ui: &mut Ui) {}

    /// Puts this kind's choices into a session about to be saved.
    fn fill(&self, session: &mut Session);

    /// The confirmation once `session`, started at the typed `start_time`, is saved.
    fn logged_text(&self, session: &Session, start_time: &str) -> String;
}

enum Message {
    Logged(String),
    Error(String),
}

/// What the person asked of a form that changes a saved session.
pub enum EditAction {
    /// Save the session as it now is (it passed the checks).
    Save(Session),
    Cancel,
}

/// The saved session a form is changing, and how the form first showed its
/// start and length: fields left as they were keep the saved values
/// exactly, seconds included.
struct Editing {
    id: i64,
    original: Session,
    start_time: String,
    minutes: String,
}

/// The state of one form: what has been typed and chosen so far.
pub struct SessionLog<K: EntryKind> {
    entry: K,
    date: NaiveDate,
    start_time: String,
    minutes: String,
    feel_after: Option<Rating>,
    note: String,
    message: Option<Message>,
    /// A message just came: it is scrolled into view once drawn (a form at
    /// the foot of a screen would otherwise grow it out of sight).
    reveal_message: bool,
    editing: Option<Editing>,
}

impl<K: EntryKind> SessionLog<K> {
    pub fn new(today: NaiveDate, entry: K) -> Self {
        Self {
            entry,
            date: today,
            start_time: String::new(),
            minutes: String::new(),
            feel_after: None,
            note: String::new(),
            message: None,
            reveal_message: false,
            editing: None,
        }
    }

    /// The form filled from the saved session `id`, to change it. `entry`
    /// holds that session's own choices; times are shown in `now`'s zone.
    pub fn editing(id: i64, session: &Session, entry: K, now: &Now) -> Self {
        let start_time = session
            .started_at
            .with_timezone(now.local.offset())
            .format("%H:%M")
            .to_string();
        let minutes = ((session.duration_secs + 30) / 60).max(1).to_string();
        Self {
            entry,
            date: session.date,
            start_time: start_time.clone(),
            minutes: minutes.clone(),
            feel_after: session.feel_after,
            note: session.note.clone(),
            message: None,
            reveal_message: false,
            editing: Some(Editing {
                id,
                original: session.clone(),
                start_time,
                minutes,
            }),
        }
    }

    /// Whether a save result for `origin` belongs to this form.
    pub fn owns(&self, origin: Origin) -> bool {
        origin == K::ORIGIN
    }

    /// Called with the result of saving: clears what describes this one
    /// session on success, keeps everything otherwise.
    pub fn save_result(&mut self, session: &Session, result: Result<i64, String>) {
        let message = match result {
            Ok(_) => {
                let text = self.entry.logged_text(session, self.start_time.trim());
                self.start_time.clear();
                self.minutes.clear();
                self.feel_after = None;
                self.note.clear();
                Message::Logged(text)
            }
            Err(e) => Message::Error(format!("Not saved: {e}")),
        };
        self.say(message);
    }

    /// Says why saving failed; what was typed stays.
    pub fn failed(&mut self, error: &str) {
        self.say(Message::Error(format!("Not saved: {error}")));
    }

    /// Whether the form asks how it felt: when the kind wants it, and
    /// always when changing a saved session, which may have an answer.
    fn asks_feel(&self) -> bool {
        K::ASKS_FEEL || self.editing.is_some()
    }

    fn asks_note(&self) -> bool {
        K::ASKS_NOTE || self.editing.is_some()
    }

    /// Draws the form; returns the command to save the session once the
    /// user asks for it and it passes the checks.
    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let wording = &K::WORDING;
        let mut command = None;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, wording.title);
            widgets::hint_ui(ui, wording.hint);
            self.fields_ui(ui, now);
            ui.horizontal_wrapped(|ui| {
                if ui.button(wording.button).clicked()
                    && let Some(session) = self.checked(data, now)
                {
                    command = Some(Command::SaveSession {
                        session,
                        origin: K::ORIGIN,
                    });
                }
                self.message_ui(ui);
            });
        });
        command
    }

    /// Draws the form changing a saved session under `title`, with Save
    /// and Cancel; returns what was asked once it passes the checks.
    pub fn edit_ui(
        &mut self,
        ui: &mut Ui,
        title: &str,
        data: &Data,
        now: &Now,
    ) -> Option<EditAction> {
        let mut action = None;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::section_title_ui(ui, title);
            self.fields_ui(ui, now);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Save changes").clicked()
                    && let Some(session) = self.checked(data, now)
                {
                    action = Some(EditAction::Save(session));
                }
                if ui.button("Cancel").clicked() {
                    action = Some(EditAction::Cancel);
                }
                self.message_ui(ui);
            });
        });
        action
    }

    fn fields_ui(&mut self, ui: &mut Ui, now: &Now) {
        let wording = &K::WORDING;
        self.entry.fields_above_ui(ui);
        when::day_picker_ui(ui, &mut self.date, now.today());
        ui.horizontal_wrapped(|ui| {
            widgets::text_field_ui(
                ui,
                "Started at",
                egui::TextEdit::singleline(&mut self.start_time)
                    .hint_text("HH:MM")
                    .desired_width(70.0),
            );
            ui.add_space(theme::GAP);
            widgets::text_field_ui(
                ui,
                wording.minutes_label,
                egui::TextEdit::singleline(&mut self.minutes)
                    .hint_text(format!("e.g. {}", wording.minutes_example))
                    .desired_width(72.0),
            );
        });
        self.entry.fields_below_ui(ui);
        self.feel_and_note_ui(ui);
    }

    /// The session the form describes, with any error shown instead.
    fn checked(&mut self, data: &Data, now: &Now) -> Option<Session> {
        match self.session(data, now) {
            Ok(session) => {
                self.message = None;
                Some(session)
            }
            Err(e) => {
                self.say(Message::Error(e));
                None
            }
        }
    }

    fn say(&mut self, message: Message) {
        self.message = Some(message);
        self.reveal_message = true;
    }

    fn message_ui(&mut self, ui: &mut Ui) {
        let Some(message) = &self.message else {
            return;
        };
        let shown = ui.scope(|ui| match message {
            Message::Logged(text) => widgets::success_ui(ui, text),
            Message::Error(text) => widgets::error_ui(ui, text),
        });
        if std::mem::take(&mut self.reveal_message) {
            shown.response.scroll_to_me(None);
        }
    }

    fn feel_and_note_ui(&mut self, ui: &mut Ui) {
        if self.asks_feel() {
            // The same 0-10 pain scale as "How does your back feel now?".
            ui.label("Pain in your back afterwards (optional)");
            widgets::rating_scale_ui(
                ui,
                "Felt",
                &mut self.feel_after,
                true,
                ("0 = no pain", "10 = worst imaginable"),
            );
        }
        if self.asks_note() {
            ui.horizontal_wrapped(|ui| {
                widgets::text_field_ui(
                    ui,
                    "Note (optional)",
                    egui::TextEdit::singleline(&mut self.note)
                        .desired_width(ui.available_width().min(320.0))
                        .char_limit(MAX_NOTE_CHARS),
                );
            });
        }
    }

    /// The session the form describes, or what is wrong with it.
    fn session(&self, data: &Data, now: &Now) -> Result<Session, String> {
        check_record_date(self.date, now.today()).map_err(plain)?;
        let kept = self.editing.as_ref();
        let started_at = match kept {
            Some(e) if e.original.date == self.date && e.start_time == self.start_time.trim() => {
                e.original.started_at
            }
            _ => when::parse_start(self.date, &self.start_time, now)?,
        };
        let duration_secs = match kept {
            Some(e) if e.minutes == self.minutes.trim() => e.original.duration_secs,
            _ if self.minutes.trim().is_empty() => {
                return Err(K::WORDING.minutes_missing.to_owned());
            }
            _ => self
                .entry
                .parse_minutes(&self.minutes)
                .map_err(plain)?
                .saturating_mul(60),
        };
        let kind = self.entry.session_kind();
        let editing_id = kept.map(|e| e.id);
        let taken = data.sessions.iter().enumerate().any(|(at, s)| {
            s.kind == kind && s.started_at == started_at && data.session_id(at) != editing_id
        });
        if taken {
            return Err(format!(
                "A {} session at {} that day is already in your log.",
                self.entry.noun(),
                self.start_time.trim()
            ));
        }
        let mut session = match kept {
            // Whatever the form does not show (exercises, the cap) stays as saved.
            Some(e) => Session {
                kind,
                started_at,
                date: self.date,
                duration_secs,
                ..e.original.clone()
            },
            None => Session::new(kind, started_at, self.date, duration_secs),
        };
        if self.asks_feel() {
            session.feel_after = self.feel_after;
        }
        if self.asks_note() {
            session.note = self.note.trim().to_owned();
        }
        self.entry.fill(&mut session);
        session.validate().map_err(plain)?;
        check_session_over(&session, now.utc()).map_err(plain)?;
        Ok(session)
    }
}

fn plain(error: DomainError) -> String {
    widgets::sentence(&error.to_string())
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;

    /// A kind that asks how it felt and for a note, with loose minutes so
    /// that the session's own rules have something to refuse.
    struct Flare;

    impl EntryKind for Flare {
        const WORDING: Wording = Wording {
            title: "Log a flare-up",
            hint: "",
            minutes_label: "Minutes",
            minutes_example: "30",
            minutes_missing: "Type how many minutes.",
            button: "Log it",
        };
        const ORIGIN: Origin = Origin::RoutineLog;
        const ASKS_FEEL: bool = true;
        const ASKS_NOTE: bool = true;

        fn session_kind(&self) -> SessionKind {
            SessionKind::Massage
        }

        fn noun(&self) -> String {
            "flare-up".to_owned()
        }

        fn parse_minutes(&self, text: &str) -> Result<u32, DomainError> {
            text.trim()
                .parse()
                .map_err(|_| DomainError::Invalid("not a number".to_owned()))
        }

        fn fill(&self, session: &mut Session) {
            session.area = Some("Neck".to_owned());
        }

        fn logged_text(&self, _session: &Session, start_time: &str) -> String {
            format!("Logged at {start_time}.")
        }
    }

    struct State {
        form: SessionLog<Flare>,
        data: Data,
        now: Now,
        sent: Vec<Command>,
        /// What a form changing a saved session asked to save.
        changed: Vec<Session>,
    }

    fn now() -> Now {
        Now {
            moment: crate::domain::clock::Moment::ORIGIN,
            local: DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap(),
        }
    }

    fn harness() -> Harness<'static, State> {
        let now = now();
        harness_with(SessionLog::new(now.today(), Flare), Data::default())
    }

    fn harness_with(form: SessionLog<Flare>, data: Data) -> Harness<'static, State> {
        let state = State {
            form,
            data,
            now: now(),
            sent: Vec::new(),
            changed: Vec::new(),
        };
        Harness::new_ui_state(
            |ui, state: &mut State| {
                if state.form.editing.is_none() {
                    if let Some(command) = state.form.ui(ui, &state.data, &state.now) {
                        state.sent.push(command);
                    }
                } else if let Some(EditAction::Save(session)) =
                    state.form.edit_ui(ui, "Change it", &state.data, &state.now)
                {
                    state.changed.push(session);
                }
            },
            state,
        )
    }

    fn fill(harness: &mut Harness<'static, State>, label: &str, text: &str) {
        click(harness, label);
        harness.get_by_label(label).type_text(text);
        harness.run();
    }

    fn click(harness: &mut Harness<'static, State>, label: &str) {
        harness.get_by_label(label).click();
        harness.run();
    }

    /// Types a start time and minutes and asks to log them.
    fn log(harness: &mut Harness<'static, State>, start: &str, minutes: &str) {
        fill(harness, "Started at", start);
        fill(harness, "Minutes", minutes);
        click(harness, "Log it");
    }

    fn saved(harness: &Harness<'static, State>) -> Vec<Session> {
        let sent = harness.state().sent.iter();
        sent.filter_map(|command| match command {
            Command::SaveSession { session, .. } => Some(session.clone()),
            _ => None,
        })
        .collect()
    }

    #[test]
    fn how_it_felt_and_the_note_go_into_the_session_and_clear_once_saved() {
        let mut harness = harness();
        click(&mut harness, "Felt 6");
        fill(&mut harness, "Note (optional)", "  After a long call  ");
        log(&mut harness, "08:00", "30");

        let saved = saved(&harness);
        assert_eq!(saved.len(), 1);
        let session = &saved[0];
        assert_eq!(session.kind, SessionKind::Massage);
        assert_eq!(session.duration_secs, 30 * 60);
        assert_eq!(session.feel_after.map(Rating::get), Some(6));
        assert_eq!(session.note, "After a long call");
        assert_eq!(session.area.as_deref(), Some("Neck"));

        harness.state_mut().form.save_result(session, Ok(1));
        harness.run();
        harness.get_by_label("Logged at 08:00.");
        for field in ["Started at", "Minutes", "Note (optional)"] {
            assert_eq!(harness.get_by_label(field).value().as_deref(), Some(""));
        }
        assert_eq!(harness.state().form.feel_after, None);
    }

    #[test]
    fn the_sessions_own_rules_are_checked_before_saving() {
        let mut harness = harness();
        log(&mut harness, "08:00", "300");
        harness.get_by_label(
            "A session can last at most 4 hours; 300 minutes looks like a typing mistake.",
        );

        // The field stops typing at the limit; a longer note is refused all the same.
        let form = &mut harness.state_mut().form;
        form.minutes = "30".to_owned();
        form.note = "a".repeat(MAX_NOTE_CHARS + 1);
        click(&mut harness, "Log it");
        harness.get_by_label("The note is 2001 characters long; the limit is 2000.");
        assert!(saved(&harness).is_empty());
    }

    #[test]
    fn a_changed_session_keeps_what_the_form_leaves_alone() {
        let utc = |text| DateTime::parse_from_rfc3339(text).unwrap().to_utc();
        let today = now().today();
        // Saved from a timer: 08:00:30 local for 10 minutes and 5 seconds.
        let mut saved = Session::new(
            SessionKind::Massage,
            utc("2026-11-25T07:00:30Z"),
            today,
            605,
        );
        saved.capped = true;
        let other = Session::new(
            SessionKind::Massage,
            utc("2026-11-25T06:00:00Z"),
            today,
            600,
        );
        let data = Data::with_records(Vec::new(), vec![other, saved.clone()]);
        let form = SessionLog::editing(2, &saved, Flare, &now());
        let mut harness = harness_with(form, data);
        assert_eq!(
            harness.get_by_label("Started at").value().as_deref(),
            Some("08:00")
        );
        assert_eq!(
            harness.get_by_label("Minutes").value().as_deref(),
            Some("10")
        );

        // Only the note changes: the start and length stay to the second.
        fill(&mut harness, "Note (optional)", "Better after");
        click(&mut harness, "Save changes");
        let mut expected = saved.clone();
        expected.note = "Better after".to_owned();
        expected.area = Some("Neck".to_owned());
        assert_eq!(harness.state().changed, vec![expected.clone()]);

        // The other session's start is taken; its own is not.
        harness.state_mut().form.start_time = "07:00".to_owned();
        click(&mut harness, "Save changes");
        harness.get_by_label("A flare-up session at 07:00 that day is already in your log.");
        harness.state_mut().form.start_time = "07:30".to_owned();
        harness.state_mut().form.minutes = "20".to_owned();
        click(&mut harness, "Save changes");
        let last = harness.state().changed.last().unwrap().clone();
        assert_eq!(last.started_at, utc("2026-11-25T06:30:00Z"));
        assert_eq!(last.duration_secs, 20 * 60);
        assert!(last.capped, "what the form does not show stays");
        assert_eq!(harness.state().changed.len(), 2);
    }
}
