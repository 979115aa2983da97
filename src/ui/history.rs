//! Every record, newest first: check-ins and sessions of each kind, drawn
//! from the loaded snapshot. A filter by kind and a search in the notes
//! narrow the list; only the rows in view are laid out, so years of history
//! cost no more per frame than a week. Each record can be changed in the
//! form it was made with, or deleted after a confirmation, with an undo.

mod editor;
mod listing;

use chrono::{Datelike, FixedOffset, NaiveDate};
use egui::{RichText, Ui};

use self::editor::{Editor, EditorAction};
use self::listing::{KindFilter, Listing};
use super::command::Command;
use super::data::Data;
use super::event::{Event, OnEvent};
use super::record::{Entry, Record, RecordKey};
use super::when::Now;
use super::{theme, widgets};
use crate::text::count;

/// Below this width a row puts its buttons on a line of their own.
const NARROW_ROW: f32 = 320.0;

/// What the last change came to, shown above the list.
enum Notice {
    Saved(Record),
    /// Why a deletion or an undo failed.
    Failed(String),
}

/// A deletion waiting for the person to confirm it.
struct Confirm {
    key: RecordKey,
    /// "Delete this check-in?"
    question: &'static str,
    /// The record in a sentence.
    name: String,
}

#[derive(Default)]
pub struct HistoryView {
    filter: KindFilter,
    search: String,
    listing: Listing,
    confirm_delete: Option<Confirm>,
    /// The last deleted record, kept so it can be put back.
    undo: Option<Record>,
    notice: Option<Notice>,
    /// The record being changed, if any: it takes the list's place.
    editor: Option<Editor>,
    /// An editor was just opened: it starts at its top, not where the last
    /// one was left.
    editor_opened: bool,
}

/// What a row asks for.
enum RowAction {
    Command(Command),
    Edit(RecordKey),
    Delete(Confirm),
}

impl OnEvent for HistoryView {
    fn on_event(&mut self, event: &Event) -> Option<Command> {
        match event {
            // A deletion went through: remember it for undo.
            Event::RecordDeleted(Ok(record)) => {
                self.notice = None;
                self.undo = Some(record.clone());
            }
            Event::RecordPutBack(Ok(_)) => self.undo = None,
            Event::RecordDeleted(Err(error)) | Event::RecordPutBack(Err(error)) => {
                self.notice = Some(Notice::Failed(error.clone()));
            }
            Event::RecordUpdated(result) => {
                let Some(editor) = &mut self.editor else {
                    return None;
                };
                match result {
                    Ok(record) if record.key() == editor.key() => {
                        self.editor = None;
                        self.notice = Some(Notice::Saved(record.clone()));
                    }
                    Ok(_) => {}
                    Err(error) => editor.failed(error),
                }
            }
            _ => {}
        }
        None
    }
}

impl HistoryView {
    /// Draws the screen in one scroll area, so that a small window can
    /// scroll the filter out of the way; the list and the editor each keep
    /// their own scroll position.
    pub fn ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let scroll = if self.editor.is_some() {
            "history_editor"
        } else {
            "history_list"
        };
        let mut area = egui::ScrollArea::vertical()
            .id_salt(scroll)
            .auto_shrink([false, false]);
        if std::mem::take(&mut self.editor_opened) {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| self.page_ui(ui, data, now)).inner
    }

    fn page_ui(&mut self, ui: &mut Ui, data: &Data, now: &Now) -> Option<Command> {
        let offset = *now.local.offset();
        let mut command = None;
        ui.heading("History");
        ui.add_space(8.0);
        if let Some(error) = &data.error {
            widgets::error_ui(ui, &format!("Could not read your history: {error}"));
        }
        match &self.notice {
            Some(Notice::Saved(record)) => {
                let name = record.entry().name(offset);
                widgets::success_ui(ui, &format!("Saved your changes to {name}."));
            }
            Some(Notice::Failed(text)) => widgets::error_ui(ui, text),
            None => {}
        }
        if let Some(undo) = &self.undo {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("Deleted {}.", undo.entry().name(offset)));
                if ui.button("Undo").clicked() {
                    command = Some(Command::PutBackRecord(undo.clone()));
                }
            });
        }
        if let Some(editor) = &mut self.editor {
            match editor.ui(ui, data, now) {
                Some(EditorAction::Save(record)) => {
                    command = Some(Command::UpdateRecord(record));
                }
                Some(EditorAction::Cancel) => self.editor = None,
                None => {}
            }
            return command;
        }
        if data.checkins.is_empty() && data.sessions.is_empty() {
            widgets::empty_state_ui(
                ui,
                "Nothing logged yet",
                "Check-ins, routines and heat sessions are listed here once you save them.",
            );
            return command;
        }
        self.filter_ui(ui);
        if let Some(action) = self.list_ui(ui, data, offset, now.today()) {
            match action {
                RowAction::Command(c) => command = Some(c),
                RowAction::Edit(key) => {
                    self.notice = None;
                    self.editor = data.entry(key).map(|entry| Editor::open(entry, now));
                    self.editor_opened = self.editor.is_some();
                }
                RowAction::Delete(confirm) => self.confirm_delete = Some(confirm),
            }
        }
        if let Some(c) = self.confirm_ui(ui) {
            command = Some(c);
        }
        command
    }

    /// The kinds to show and the search in notes.
    fn filter_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for filter in KindFilter::ALL {
                widgets::choice_value_ui(ui, &mut self.filter, filter, filter.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            widgets::text_field_ui(
                ui,
                "Search notes",
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("A word from a note")
                    .desired_width(ui.available_width().min(260.0)),
            );
            if !self.search.is_empty() && ui.button("Clear search").clicked() {
                self.search.clear();
            }
        });
        ui.add_space(4.0);
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        data: &Data,
        offset: FixedOffset,
        today: NaiveDate,
    ) -> Option<RowAction> {
        let (rows, total) = self.listing.rows(data, self.filter, &self.search);
        let search = self.search.trim();
        let filtered = self.filter != KindFilter::All || !search.is_empty();
        if rows.is_empty() {
            let kind = self.filter.plural();
            let body = if search.is_empty() {
                format!("No {kind} yet.")
            } else {
                format!(
                    "No {kind} with \u{201c}{search}\u{201d} in the note. Try other words, or \
                     another kind."
                )
            };
            widgets::empty_state_ui(ui, "Nothing matches", &body);
            return None;
        }
        let summary = if filtered {
            format!("{} of {}.", rows.len(), count(total, "record", "records"))
        } else {
            format!("{}, newest first.", count(total, "record", "records"))
        };
        widgets::hint_ui(ui, &summary);
        let mut action = None;
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let layout = RowLayout::new(ui, today);
            let (row_height, spacing) = (layout.height, ui.spacing().item_spacing.y);
            // Only the rows in view are laid out, and one more on each side
            // so that Tab can move onto it (and scroll it into view); the
            // space of the others is kept, so the scroll bar knows the
            // whole length.
            let stride = row_height + spacing;
            let top = ui.cursor().top();
            let view = ui.clip_rect();
            let rows_before = |y: f32| ((y - top) / stride).max(0.0) as usize;
            let first = rows_before(view.top()).saturating_sub(1).min(rows.len());
            let end = (rows_before(view.bottom()) + 2).clamp(first, rows.len());
            skip_rows_ui(ui, first, stride);
            for row in rows.get(first..end).unwrap_or_default() {
                let Some(entry) = row.entry(data) else {
                    continue;
                };
                if let Some(a) = row_ui(ui, entry, offset, &layout) {
                    action = Some(a);
                }
            }
            skip_rows_ui(ui, rows.len() - end, stride);
        });
        action
    }

    fn confirm_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let confirm = self.confirm_delete.as_ref()?;
        let mut command = None;
        let mut close = false;
        let modal =
            widgets::modal("confirm_delete_record", confirm.question).show(ui.ctx(), |ui| {
                let room = ui.ctx().content_rect().width() - 64.0;
                ui.set_width(room.clamp(160.0, 360.0));
                widgets::section_title_ui(ui, confirm.question);
                ui.label(format!(
                    "{} will be removed. You can undo this until you leave Unknot.",
                    widgets::sentence(&confirm.name).trim_end_matches('.')
                ));
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Delete").clicked() {
                        command = Some(Command::DeleteRecord(confirm.key));
                        close = true;
                    }
                    if ui.button("Keep it").clicked() {
                        close = true;
                    }
                });
            });
        if close || modal.should_close() {
            self.confirm_delete = None;
        }
        command
    }
}

/// Leaves the room of `count` rows `stride` apart without drawing them.
fn skip_rows_ui(ui: &mut Ui, count: usize, stride: f32) {
    if count > 0 {
        let height = count as f32 * stride - ui.spacing().item_spacing.y;
        ui.allocate_space(egui::vec2(0.0, height));
    }
}

/// How every row of one frame is laid out. All rows are the same height,
/// which is what lets the list lay out only those in view.
struct RowLayout {
    height: f32,
    /// Buttons on a line of their own, below the text.
    narrow: bool,
    /// The room the Edit and Delete buttons take side by side.
    buttons_width: f32,
    /// Dates in this year are shown without it, so a row's first line
    /// fits a narrow window.
    this_year: i32,
}

impl RowLayout {
    fn new(ui: &Ui, today: NaiveDate) -> Self {
        let narrow = ui.available_width() < NARROW_ROW;
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let spacing = ui.spacing().item_spacing;
        let buttons = ui.spacing().interact_size.y;
        let height = if narrow {
            2.0 * line + buttons + 3.0 * spacing.y
        } else {
            (2.0 * line + spacing.y).max(buttons) + 2.0 * spacing.y
        };
        let button_width = |text: &str| {
            let galley = egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            galley.size().x + 2.0 * ui.spacing().button_padding.x
        };
        Self {
            this_year: today.year(),
            height,
            narrow,
            buttons_width: button_width(EDIT) + spacing.x + button_width(DELETE),
        }
    }
}

const EDIT: &str = "Edit";
const DELETE: &str = "Delete…";

/// One record on two lines (what and when; its values and note) with its
/// Edit and Delete buttons beside, or beneath when the list is narrow. The
/// text comes first, then the buttons, which is the order Tab takes.
fn row_ui(
    ui: &mut Ui,
    entry: Entry<'_>,
    offset: FixedOffset,
    layout: &RowLayout,
) -> Option<RowAction> {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), layout.height),
        egui::Sense::hover(),
    );
    let mut action = None;
    // Ids from the record, not from the row's place among those laid out,
    // so a focused button keeps its focus as the list scrolls.
    let mut row = ui.new_child(
        egui::UiBuilder::new()
            .scope_id(ui.make_persistent_id(entry.key()))
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    let ui = &mut row;
    if layout.narrow {
        action = text_ui(ui, entry, offset, layout.this_year);
        ui.horizontal(|ui| buttons_ui(ui, entry, offset, &mut action));
    } else {
        ui.horizontal(|ui| {
            let gap = ui.spacing().item_spacing.x;
            let text_width = (ui.available_width() - layout.buttons_width - gap).max(0.0);
            ui.allocate_ui_with_layout(
                egui::vec2(text_width, layout.height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(text_width);
                    action = text_ui(ui, entry, offset, layout.this_year);
                },
            );
            buttons_ui(ui, entry, offset, &mut action);
        });
    }
    let line_y = rect.bottom() + ui.spacing().item_spacing.y / 2.0;
    ui.painter().hline(
        rect.x_range(),
        line_y,
        egui::Stroke::new(1.0, theme::palette(ui.ctx()).grid),
    );
    action
}

/// The two lines of text; a check-in's date opens that day on Today.
fn text_ui(
    ui: &mut Ui,
    entry: Entry<'_>,
    offset: FixedOffset,
    this_year: i32,
) -> Option<RowAction> {
    let mut action = None;
    let day = |date: NaiveDate| {
        let format = if date.year() == this_year {
            "%a %-d %b"
        } else {
            "%a %-d %b %Y"
        };
        date.format(format).to_string()
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(entry.kind_label()).strong());
        let date = day(entry.date());
        match entry {
            Entry::CheckIn(c) => {
                let link = ui.link(date);
                follow_focus(&link);
                if link
                    .on_hover_text("Open this day's check-in on Today")
                    .clicked()
                {
                    action = Some(RowAction::Command(Command::ShowDate(c.date)));
                }
            }
            Entry::Session { session, .. } => {
                let time = session.started_at.with_timezone(&offset).format("%H:%M");
                ui.add(egui::Label::new(format!("{date}, {time}")).truncate());
            }
            Entry::FlareUp(f) => {
                let time = f.record.at.with_timezone(&offset).format("%H:%M");
                ui.add(egui::Label::new(format!("{date}, {time}")).truncate());
            }
            Entry::DaysOff(d) => {
                let last = day(d.record.last);
                ui.add(egui::Label::new(format!("{date} to {last}")).truncate());
            }
            Entry::Experiment(e) => {
                let end = day(e.record.end());
                ui.add(egui::Label::new(format!("{date} to {end}")).truncate());
            }
        }
    });
    let mut details = values_text(entry);
    let note = entry.note();
    // A flare-up's and an experiment's words are among their values.
    let own_note = matches!(entry, Entry::CheckIn(_) | Entry::Session { .. });
    if own_note && !note.is_empty() {
        details.push_str(" · ");
        details.push_str(&note.replace(['\r', '\n'], " "));
    }
    ui.add(
        egui::Label::new(RichText::new(details).color(theme::palette(ui.ctx()).muted)).truncate(),
    );
    action
}

/// A record's values in a few words: "Pain 4, stress 2", "Desk break, 10
/// minutes, felt 3".
fn values_text(entry: Entry<'_>) -> String {
    let mut parts = Vec::new();
    match entry {
        Entry::CheckIn(c) => {
            parts.push(format!("Pain {}", c.pain));
            if let Some(stress) = c.stress {
                parts.push(format!("stress {stress}"));
            }
            if c.red_flags.any() {
                parts.push("warning signs".to_owned());
            }
        }
        Entry::Session { session, .. } => {
            if !session.routine.is_empty() {
                parts.push(session.routine.clone());
            }
            parts.push(widgets::duration_text(session.duration_secs));
            if let Some(feel) = session.feel_after {
                parts.push(format!("felt {feel}"));
            }
        }
        Entry::FlareUp(f) => {
            parts.push(format!("Pain {}", f.record.pain));
            if !f.record.set_off_by.is_empty() {
                parts.push(format!("set off by: {}", f.record.set_off_by));
            }
            if !f.record.helped.is_empty() {
                parts.push(format!("helped: {}", f.record.helped));
            }
            return parts.join(" · ").replace(['\r', '\n'], " ");
        }
        Entry::DaysOff(d) => {
            parts.push(d.record.reason.label().to_owned());
            parts.push(crate::text::count(
                usize::try_from(d.record.len_days()).unwrap_or(0),
                "day",
                "days",
            ));
        }
        Entry::Experiment(e) => {
            parts.push(format!("\"{}\"", e.record.name));
            parts.push(e.record.kind.label().to_lowercase());
            let planned = format!("{} days planned", e.record.planned_days);
            parts.push(match e.record.stopped_on {
                Some(on) => format!("{planned}, stopped on {on}"),
                None => planned,
            });
        }
    }
    parts.join(", ")
}

fn buttons_ui(ui: &mut Ui, entry: Entry<'_>, offset: FixedOffset, action: &mut Option<RowAction>) {
    edit_button_ui(ui, entry, offset, action);
    delete_button_ui(ui, entry, offset, action);
}

fn edit_button_ui(
    ui: &mut Ui,
    entry: Entry<'_>,
    offset: FixedOffset,
    action: &mut Option<RowAction>,
) {
    let label = format!("Edit {}", entry.short_name(offset));
    if named_button_ui(ui, EDIT, &label).clicked() {
        *action = Some(RowAction::Edit(entry.key()));
    }
}

fn delete_button_ui(
    ui: &mut Ui,
    entry: Entry<'_>,
    offset: FixedOffset,
    action: &mut Option<RowAction>,
) {
    let label = format!("Delete {}", entry.short_name(offset));
    if named_button_ui(ui, DELETE, &label).clicked() {
        let question = match entry {
            Entry::CheckIn(_) => "Delete this check-in?",
            Entry::Session { .. } => "Delete this session?",
            Entry::FlareUp(_) => "Delete this flare-up?",
            Entry::DaysOff(_) => "Delete these days off?",
            Entry::Experiment(_) => "Delete this experiment?",
        };
        *action = Some(RowAction::Delete(Confirm {
            key: entry.key(),
            question,
            name: entry.name(offset),
        }));
    }
}

/// A small button showing `text`, named `label` for screen readers.
fn named_button_ui(ui: &mut Ui, text: &str, label: &str) -> egui::Response {
    let response = ui.small_button(text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    follow_focus(&response);
    response
}

/// Brings a row control reached with Tab into view, which lays out the
/// row after it for the next Tab.
fn follow_focus(response: &egui::Response) {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
}
