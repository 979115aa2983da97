//! "Log a session that already happened": the one form behind every screen
//! that records something done away from the computer. It asks which day,
//! what time it started and for how long (and, for kinds that want them, how
//! it felt and a note); each kind adds its own fields through [`EntryKind`].
//! The rules come from the domain; typed values stay on screen until saved.

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
    /// An example start time, shown in the empty field.
    pub start_example: &'static str,
    pub minutes_label: &'static str,
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

/// The state of one form: what has been typed and chosen so far.
pub struct SessionLog<K: EntryKind> {
    entry: K,
    date: NaiveDate,
    start_time: String,
    minutes: String,
    feel_after: Option<Rating>,
    note: String,
    message: Option<Message>,
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
        }
    }

    /// Whether a save result for `origin` belongs to this form.
    pub fn owns(&self, origin: Origin) -> bool {
        origin == K::ORIGIN
    }

    /// Called with the result of saving: clears what describes this one
    /// session on success, keeps everything otherwise.
    pub fn save_result(&mut self, session: &Session, result: Result<i64, String>) {
        self.message = Some(match result {
            Ok(_) => {
                let text = self.entry.logged_text(session, self.start_time.trim());
                self.start_time.clear();
                self.minutes.clear();
                self.feel_after = None;
                self.note.clear();
                Message::Logged(text)
            }
            Err(e) => Message::Error(format!("Not saved: {e}")),
        });
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
            self.entry.fields_above_ui(ui);
            when::day_picker_ui(ui, &mut self.date, now.today());
            ui.horizontal(|ui| {
                widgets::text_field_ui(
                    ui,
                    "Started at",
                    egui::TextEdit::singleline(&mut self.start_time)
                        .hint_text(wording.start_example)
                        .desired_width(70.0),
                );
                ui.add_space(theme::GAP);
                widgets::text_field_ui(
                    ui,
                    wording.minutes_label,
                    egui::TextEdit::singleline(&mut self.minutes)
                        .hint_text(wording.minutes_example)
                        .desired_width(60.0),
                );
            });
            self.entry.fields_below_ui(ui);
            self.feel_and_note_ui(ui);
            ui.horizontal_wrapped(|ui| {
                if ui.button(wording.button).clicked() {
                    match self.session(data, now) {
                        Ok(session) => {
                            self.message = None;
                            command = Some(Command::SaveSession {
                                session,
                                origin: K::ORIGIN,
                            });
                        }
                        Err(e) => self.message = Some(Message::Error(e)),
                    }
                }
                match &self.message {
                    Some(Message::Logged(text)) => widgets::success_ui(ui, text),
                    Some(Message::Error(text)) => widgets::error_ui(ui, text),
                    None => {}
                }
            });
        });
        command
    }

    fn feel_and_note_ui(&mut self, ui: &mut Ui) {
        if K::ASKS_FEEL {
            ui.label("How it felt (optional)");
            widgets::rating_scale_ui(
                ui,
                "Felt",
                &mut self.feel_after,
                true,
                ("0 = no pain", "10 = worst imaginable"),
            );
        }
        if K::ASKS_NOTE {
            ui.horizontal(|ui| {
                widgets::text_field_ui(
                    ui,
                    "Note (optional)",
                    egui::TextEdit::singleline(&mut self.note)
                        .desired_width(320.0)
                        .char_limit(MAX_NOTE_CHARS),
                );
            });
        }
    }

    /// The session the form describes, or what is wrong with it.
    fn session(&self, data: &Data, now: &Now) -> Result<Session, String> {
        check_record_date(self.date, now.today()).map_err(plain)?;
        let started_at = when::parse_start(self.date, &self.start_time, now)?;
        if self.minutes.trim().is_empty() {
            return Err(K::WORDING.minutes_missing.to_owned());
        }
        let minutes = self.entry.parse_minutes(&self.minutes).map_err(plain)?;
        let kind = self.entry.session_kind();
        if data
            .sessions
            .iter()
            .any(|s| s.kind == kind && s.started_at == started_at)
        {
            return Err(format!(
                "A {} session at {} that day is already in your log.",
                self.entry.noun(),
                self.start_time.trim()
            ));
        }
        let mut session = Session::new(kind, started_at, self.date, minutes.saturating_mul(60));
        if K::ASKS_FEEL {
            session.feel_after = self.feel_after;
        }
        if K::ASKS_NOTE {
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
            start_example: "07:00",
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
    }

    fn harness() -> Harness<'static, State> {
        let now = Now {
            moment: crate::domain::clock::Moment::ORIGIN,
            local: DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap(),
        };
        let state = State {
            form: SessionLog::new(now.today(), Flare),
            data: Data::default(),
            now,
            sent: Vec::new(),
        };
        Harness::new_ui_state(
            |ui, state: &mut State| {
                if let Some(command) = state.form.ui(ui, &state.data, &state.now) {
                    state.sent.push(command);
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
}
