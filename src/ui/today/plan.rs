//! Today's plan: a line of what is done so far today (check-in, posture
//! checks, a routine, heat), the week's strengthening against its target
//! (lower in a week with days off), the experiments running, and the
//! day's flare-ups with the button to log one. On a day off nothing on it
//! is presented as due.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::super::command::Command;
use super::super::data::Data;
use super::super::screen::Screen;
use super::super::when::Now;
use super::super::{theme, widgets};
use super::flare::FlareSection;

/// Today's plan: what is done so far today, and the week's strength target.
pub(super) fn plan_ui(
    ui: &mut Ui,
    data: &Data,
    now: &Now,
    flare: &mut FlareSection,
) -> Option<Command> {
    let mut command = None;
    let today = now.today();
    let facts = data.facts(today);
    let (checked_in, routine_today, heat_today) =
        (facts.checked_in, facts.routine_done, facts.heat_done);
    let due = !facts.day_off;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "Today's plan");
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 18.0;
            tick_ui(ui, checked_in, due, "Check-in", false);
            ui.label(format!("Posture checks: {}", data.posture_checks_today));
            if tick_ui(ui, routine_today, due, "A routine", !routine_today).clicked() {
                command = Some(Command::Navigate(Screen::Routines));
            }
            if tick_ui(ui, heat_today, due, "Heat (if you like)", !heat_today).clicked() {
                command = Some(Command::Navigate(Screen::Heat));
            }
        });
        widgets::hint_ui(ui, &strength_line(&facts.this_week));
        for line in experiment_lines(data, today) {
            ui.label(line);
        }
        ui.add_space(4.0);
        if let Some(c) = flare.ui(ui, data, now) {
            command = Some(c);
        }
    });
    command
}

/// "Strengthening this week: 1 of 3 sessions.", with the target lowered
/// for the week's days off.
fn strength_line(week: &crate::domain::trend::WeekCounts) -> String {
    let done = week.strength;
    let target = week.strength_target();
    let sessions = crate::text::count(done as usize, "session", "sessions");
    match (target, week.days_off) {
        (0, _) => format!(
            "Strengthening this week: {sessions}. This week is mostly days off, so there is no target."
        ),
        (_, 0) => format!(
            "Strengthening this week: {done} of {}.",
            of_sessions(target)
        ),
        (_, off) => format!(
            "Strengthening this week: {done} of {} (fewer, with {}).",
            of_sessions(target),
            crate::text::count(off as usize, "day off", "days off")
        ),
    }
}

/// "3 sessions", "1 session".
fn of_sessions(target: u32) -> String {
    crate::text::count(target as usize, "session", "sessions")
}

/// "Trying: Chin tucks, day 5 of 14." for each experiment running today.
fn experiment_lines(data: &Data, today: NaiveDate) -> Vec<String> {
    data.helps
        .experiments
        .iter()
        .map(|e| &e.record)
        .filter(|e| e.is_running(today))
        .map(|e| {
            let day = (today - e.start).num_days() + 1;
            let length = (e.end() - e.start).num_days() + 1;
            format!("Trying: {}, day {day} of {length}.", e.name)
        })
        .collect()
}

/// A done / not yet mark with its label; one that `opens` its screen is a
/// link (a stop for Tab), the others are plain text. The mark is painted (a
/// filled circle with a tick, an empty ring while it is `due`, a short dash
/// when it is not) so no icon font has to be loaded at start-up for it.
fn tick_ui(ui: &mut Ui, done: bool, due: bool, label: &str, opens: bool) -> egui::Response {
    let p = theme::palette(ui.ctx());
    let color = if done { p.ok_text } else { p.muted };
    // Mark and words are one allocation, so a wrapping row moves them to the
    // next line together instead of running past the edge.
    const MARK: f32 = 14.0;
    const GAP: f32 = 5.0;
    let galley = egui::WidgetText::from(RichText::new(label).color(color)).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let size = egui::vec2(MARK + GAP + galley.size().x, galley.size().y.max(MARK));
    let (sense, role) = if opens {
        (egui::Sense::click(), egui::Role::Link)
    } else {
        (egui::Sense::hover(), egui::Role::Label)
    };
    let (rect, response) = ui.allocate_exact_size(size, sense);
    response.widget_info(|| egui::WidgetInfo::labeled(role, ui.is_enabled(), label));
    let painter = ui.painter();
    let center = egui::pos2(rect.left() + MARK / 2.0, rect.center().y);
    if done {
        painter.circle_filled(center, 7.0, color);
        let tick = [
            center + egui::vec2(-3.5, 0.2),
            center + egui::vec2(-1.0, 2.8),
            center + egui::vec2(3.6, -2.6),
        ];
        painter.line(tick.to_vec(), egui::Stroke::new(1.8, p.on_accent));
    } else if due {
        painter.circle_stroke(center, 6.0, egui::Stroke::new(1.3, color));
    } else {
        let half = egui::vec2(4.0, 0.0);
        painter.line_segment(
            [center - half, center + half],
            egui::Stroke::new(1.5, color),
        );
    }
    let text_pos = egui::pos2(
        rect.left() + MARK + GAP,
        rect.center().y - galley.size().y / 2.0,
    );
    painter.galley(text_pos, galley, color);
    response
}
