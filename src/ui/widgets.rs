//! Shared widgets: the 0-10 scale, section headings, empty states, messages.

use egui::{RichText, Role, Ui, WidgetInfo};

use super::theme;
use crate::domain::pain::Rating;

/// A row of eleven buttons, 0 to 10, with the meaning of both ends beneath;
/// in a narrow window the row wraps. Clicking the chosen one again clears it
/// when `optional`. Each button's accessible name is "`name` N". The inner
/// value is true when the value changed; the response is the button that
/// takes the keyboard's focus.
///
/// The row is a single stop for Tab, as a group of radio buttons is: only
/// the chosen button (or 0 while none is) takes the keyboard's focus. There
/// the arrow keys move the choice and the focus with it (Left and Down one
/// lower, Right and Up one higher), Home and End go to 0 and 10, and Space
/// chooses the focused button.
pub fn rating_scale_ui(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<Rating>,
    optional: bool,
    ends: (&str, &str),
) -> egui::InnerResponse<bool> {
    let mut changed = false;
    // Eleven buttons share the width there is, from 38 points down to 26 so
    // the scale fits a narrow window (or a large zoom) without clipping.
    const GAP: f32 = 4.0;
    // Whole points: a fraction over, eleven times, would push "10" onto a
    // row of its own.
    let side = ((ui.available_width() - 10.0 * GAP) / 11.0)
        .floor()
        .clamp(26.0, 38.0);
    let ratings: Vec<Rating> = Rating::all().collect();
    let stop = value.map_or(0, |v| usize::from(v.get()));
    let row = ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        // Narrow padding, so "10" is no wider than the other buttons and
        // the row fits the width it was measured for.
        ui.spacing_mut().button_padding.x = 4.0;
        let mut buttons = Vec::with_capacity(ratings.len());
        for (index, &rating) in ratings.iter().enumerate() {
            let selected = *value == Some(rating);
            // A button that has the focus keeps it this frame even when the
            // choice moved away from it (a digit typed on Today); the focus
            // follows the choice below.
            let focused = ui.memory(|m| m.has_focus(ui.next_auto_id()));
            let sense = if index == stop || focused {
                egui::Sense::click()
            } else {
                egui::Sense::CLICK
            };
            let text =
                RichText::new(rating.to_string()).size(if side < 32.0 { 15.0 } else { 17.0 });
            let button = egui::Button::selectable(selected, text)
                .frame_when_inactive(true)
                .min_size(egui::vec2(side, side))
                .sense(sense);
            let response = ui.add(button);
            let label = format!("{name} {rating}");
            response
                .widget_info(|| WidgetInfo::selected(Role::Button, true, selected, label.clone()));
            if response.clicked() {
                *value = if selected && optional {
                    None
                } else {
                    Some(rating)
                };
                changed = true;
            }
            buttons.push(response);
        }
        if let Some(at) = buttons.iter().position(egui::Response::has_focus)
            && let Some(to) = scale_key(ui, at, ratings.len() - 1)
            && let Some(&rating) = ratings.get(to)
            && *value != Some(rating)
        {
            *value = Some(rating);
            changed = true;
            ui.ctx().request_repaint();
        }
        let stop = value.map_or(0, |v| usize::from(v.get()));
        keep_focus_on_choice(ui, &buttons, stop);
        buttons.into_iter().nth(stop)
    });
    let width = row.response.rect.width();
    ui.allocate_ui(egui::vec2(width, 16.0), |ui| {
        // The far end's meaning goes to the right edge, or beneath the near
        // end's when the two do not fit side by side.
        ui.horizontal_wrapped(|ui| {
            let muted = theme::palette(ui.ctx()).muted;
            ui.add(egui::Label::new(RichText::new(ends.0).small().color(muted)).extend());
            let far = egui::WidgetText::from(RichText::new(ends.1).small()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            );
            // Rounded down, so that the far end is never pushed to a new line by a fraction.
            let gap = (ui.available_size_before_wrap().x - far.size().x).floor();
            if gap > 0.0 {
                ui.add_space(gap);
            }
            ui.add(egui::Label::new(RichText::new(ends.1).small().color(muted)).extend());
        });
    });
    let stop = row.inner.unwrap_or(row.response);
    egui::InnerResponse::new(changed, stop)
}

/// The button a key pressed on the scale's button `at` moves to, with the
/// key consumed: the arrows one step, Home and End to either end.
fn scale_key(ui: &mut Ui, at: usize, last: usize) -> Option<usize> {
    use egui::{Key, Modifiers};
    ui.input_mut(|i| {
        let mut pressed = |key| i.consume_key(Modifiers::NONE, key);
        if pressed(Key::ArrowLeft) || pressed(Key::ArrowDown) {
            Some(at.saturating_sub(1))
        } else if pressed(Key::ArrowRight) || pressed(Key::ArrowUp) {
            Some((at + 1).min(last))
        } else if pressed(Key::Home) {
            Some(0)
        } else if pressed(Key::End) {
            Some(last)
        } else {
            None
        }
    })
}

/// Where a scale records its focused button, for [`rating_scale_has_focus`].
fn scale_focus_key() -> egui::Id {
    egui::Id::unique("rating_scale_focus")
}

/// While the scale has the focus, puts it on the `stop` button (the choice)
/// and keeps egui from moving it with the arrow keys, which the scale uses.
fn keep_focus_on_choice(ui: &Ui, buttons: &[egui::Response], stop: usize) {
    if !buttons.iter().any(egui::Response::has_focus) {
        return;
    }
    let Some(stop) = buttons.get(stop) else {
        return;
    };
    let arrows = egui::EventFilter {
        horizontal_arrows: true,
        vertical_arrows: true,
        ..Default::default()
    };
    let moved = !stop.has_focus();
    ui.memory_mut(|m| {
        if moved {
            m.request_focus(stop.id);
        }
        m.set_focus_lock_filter(stop.id, arrows);
    });
    ui.data_mut(|d| d.insert_temp(scale_focus_key(), stop.id));
}

/// Whether the keyboard's focus is on a 0-10 scale, where Enter is free
/// for the form (a scale button needs only Space).
pub fn rating_scale_has_focus(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<egui::Id>(scale_focus_key()))
        .is_some_and(|id| ctx.memory(|m| m.has_focus(id)))
}

/// A text field after its label, which also names the field for screen
/// readers (and for the UI tests).
pub fn text_field_ui(ui: &mut Ui, label: &str, field: egui::TextEdit<'_>) -> egui::Response {
    let label = ui.label(label);
    ui.add(field).labelled_by(label.id)
}

/// One of a few choices shown side by side: framed whether chosen or not,
/// so each reads as a button (egui draws an unchosen one as bare text).
/// Its accessible node says whether it is the one chosen.
pub fn choice_ui(ui: &mut Ui, selected: bool, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Button::selectable(selected, text).frame_when_inactive(true))
}

/// Like [`choice_ui`], setting `current` to `value` when clicked.
pub fn choice_value_ui<T: PartialEq>(
    ui: &mut Ui,
    current: &mut T,
    value: T,
    text: impl Into<egui::WidgetText>,
) -> egui::Response {
    let mut response = choice_ui(ui, *current == value, text);
    if response.clicked() && *current != value {
        *current = value;
        response.mark_changed();
    }
    response
}

/// A section title inside a card.
pub fn section_title_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(17.0).strong());
}

/// A short muted explanation.
pub fn hint_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::palette(ui.ctx()).muted));
}

/// An error in red, next to the input it is about.
pub fn error_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::palette(ui.ctx()).error_text));
}

/// A confirmation in green.
pub fn success_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::palette(ui.ctx()).ok_text));
}

/// What a screen will hold, for screens with nothing to show yet.
pub fn empty_state_ui(ui: &mut Ui, title: &str, body: &str) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        section_title_ui(ui, title);
        hint_ui(ui, body);
    });
}

/// The prominent "please see a professional" notice, with its reasons.
pub fn professional_notice_ui(ui: &mut Ui, heading: &str, reasons: &[String], advice: &str) {
    theme::warning_card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(heading)
                .size(18.0)
                .strong()
                .color(theme::palette(ui.ctx()).warn_text),
        );
        for reason in reasons {
            ui.label(
                RichText::new(format!("• {reason}")).color(theme::palette(ui.ctx()).warn_text),
            );
        }
        ui.label(RichText::new(advice).color(theme::palette(ui.ctx()).warn_text));
    });
}

/// A slim bar filled to `fraction` (0 to 1) with `text` beside it; one
/// accessible progress node named by `text`. The bar is `max_bar_width`
/// wide where there is room, and narrows (to no less than 60 points) so
/// the bar and its words keep within the width there is.
pub fn meter_ui(ui: &mut Ui, fraction: f32, max_bar_width: f32, text: &str) {
    let fraction = fraction.clamp(0.0, 1.0);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_owned(), font, theme::palette(ui.ctx()).text);
    let gap = 10.0;
    let bar_width = max_bar_width.min(ui.available_width() - gap - galley.size().x);
    let bar_width = bar_width.max(60.0).floor();
    let height = galley.size().y.max(12.0);
    let size = egui::vec2(bar_width + gap + galley.size().x, height);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::ProgressIndicator, true, text);
        info.value = Some(f64::from(fraction * 100.0).round());
        info
    });
    if ui.is_rect_visible(rect) {
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left(), rect.center().y - 5.0),
            egui::vec2(bar_width, 10.0),
        );
        let painter = ui.painter();
        painter.rect_filled(bar, 5.0, theme::palette(ui.ctx()).track);
        if fraction > 0.0 {
            let mut filled = bar;
            filled.set_width((bar_width * fraction).max(10.0));
            painter.rect_filled(filled, 5.0, theme::palette(ui.ctx()).accent);
        }
        let text_pos = egui::pos2(bar.right() + gap, rect.center().y - galley.size().y / 2.0);
        painter.galley(text_pos, galley, theme::palette(ui.ctx()).text);
    }
}

/// A large countdown (m:ss) in `colour`, with a caption beneath.
pub fn countdown_ui(ui: &mut Ui, secs: u32, colour: egui::Color32, caption: &str) {
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(clock_text(secs))
                .size(64.0)
                .strong()
                .color(colour),
        );
        ui.label(RichText::new(caption).color(theme::palette(ui.ctx()).muted));
    });
}

/// Seconds as m:ss ("4:05"), or h:mm:ss past an hour.
pub fn clock_text(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration for people: "under a minute", "1 minute", "12 minutes", "1 h 5 min".
pub fn duration_text(secs: u32) -> String {
    let minutes = (secs + 30) / 60;
    match minutes {
        0 => "under a minute".to_owned(),
        1 => "1 minute".to_owned(),
        m if m < 60 => format!("{m} minutes"),
        m => format!("{} h {} min", m / 60, m % 60),
    }
}

/// A message from lower layers as a sentence: capital first letter, full stop.
pub fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A backup offered for restoring, with what it holds, or why that could
/// not be read.
pub struct BackupChoice {
    pub path: std::path::PathBuf,
    pub summary: Result<crate::store::backup::BackupSummary, String>,
}

impl BackupChoice {
    /// Reads the backup's date and counts (read-only); done when the list is
    /// opened, never per frame.
    pub fn read(path: std::path::PathBuf) -> Self {
        let summary = crate::store::backup::summarize(&path).map_err(|e| e.to_string());
        Self { path, summary }
    }

    /// "3 check-ins and 12 sessions".
    fn counts(&self) -> Option<String> {
        let summary = self.summary.as_ref().ok()?;
        let count = crate::text::count;
        Some(format!(
            "{} and {}",
            count(summary.checkins, "check-in", "check-ins"),
            count(summary.sessions, "session", "sessions")
        ))
    }

    /// When it was made, in local time, and what it holds.
    fn details(&self) -> String {
        match &self.summary {
            Ok(summary) => {
                let made = summary.made_at.map_or_else(String::new, |at| {
                    at.with_timezone(&chrono::Local)
                        .format("%-d %b %Y, %H:%M: ")
                        .to_string()
                });
                format!("{made}{}", self.counts().unwrap_or_default())
            }
            Err(why) => format!("Cannot be read: {why}"),
        }
    }
}

/// The backups to choose from, each with its date and counts, each with a
/// "Restore NAME" button that first asks, naming what the backup holds, for
/// a second, explicit click ("Yes, restore NAME") or Cancel. `confirming`
/// is the file waiting for that click. Returns the file to restore once
/// confirmed.
pub fn backup_choices_ui(
    ui: &mut Ui,
    choices: &[BackupChoice],
    confirming: &mut Option<std::path::PathBuf>,
) -> Option<std::path::PathBuf> {
    let mut chosen = None;
    for choice in choices {
        let file = &choice.path;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        ui.horizontal_wrapped(|ui| {
            ui.label(&name);
            hint_ui(ui, &choice.details());
            if confirming.as_deref() == Some(file.as_path()) {
                if let Some(counts) = choice.counts() {
                    ui.label(format!("Replace your data with this backup's {counts}?"));
                }
                if ui.button(format!("Yes, restore {name}")).clicked() {
                    chosen = Some(file.clone());
                }
                if ui.button("Cancel").clicked() {
                    *confirming = None;
                }
            } else if ui.button(format!("Restore {name}")).clicked() {
                *confirming = Some(file.clone());
            }
        });
    }
    if chosen.is_some() {
        *confirming = None;
    }
    chosen
}

/// The main action of a form or a question, filled with the accent colour;
/// the caller sets its size.
pub fn accent_button(ui: &Ui, text: impl Into<RichText>) -> egui::Button<'static> {
    let palette = theme::palette(ui.ctx());
    egui::Button::new(text.into().color(palette.on_accent)).fill(palette.accent)
}

/// A question over the window, named for screen readers (`name`: what its
/// title says), which would otherwise hear an unnamed dialog.
pub fn modal(id: &str, name: &str) -> egui::Modal {
    let id = egui::Id::unique(id);
    egui::Modal::new(id).area(egui::Modal::default_area(id).accessible_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_duration_texts() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(65), "1:05");
        assert_eq!(clock_text(3725), "1:02:05");
        assert_eq!(duration_text(20), "under a minute");
        assert_eq!(duration_text(60), "1 minute");
        assert_eq!(duration_text(16 * 60 + 10), "16 minutes");
        assert_eq!(duration_text(3900), "1 h 5 min");
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(
            sentence("the duration must be at least 1 minute"),
            "The duration must be at least 1 minute."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), "");
    }
}
