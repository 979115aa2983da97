//! Today's plan: a line of what is done so far today (check-in, posture
//! checks, a routine, heat) and the week's strengthening against its target.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::super::command::Command;
use super::super::data::Data;
use super::super::screen::Screen;
use super::super::{theme, widgets};

/// Today's plan: what is done so far today, and the week's strength target.
pub(super) fn plan_ui(ui: &mut Ui, today: NaiveDate, data: &Data) -> Option<Command> {
    let mut command = None;
    let facts = data.facts(today);
    let (checked_in, routine_today, heat_today) =
        (facts.checked_in, facts.routine_done, facts.heat_done);
    let strength_week = facts.this_week.strength;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        widgets::section_title_ui(ui, "Today's plan");
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 18.0;
            tick_ui(ui, checked_in, "Check-in", false);
            ui.label(format!("Posture checks: {}", data.posture_checks_today));
            if tick_ui(ui, routine_today, "A routine", !routine_today).clicked() {
                command = Some(Command::Navigate(Screen::Routines));
            }
            if tick_ui(ui, heat_today, "Heat (if you like)", !heat_today).clicked() {
                command = Some(Command::Navigate(Screen::Heat));
            }
        });
        let target = crate::domain::session::STRENGTH_SESSIONS_PER_WEEK;
        widgets::hint_ui(
            ui,
            &format!("Strengthening this week: {strength_week} of {target} sessions."),
        );
    });
    command
}

/// A done / not yet mark with its label; one that `opens` its screen is a
/// link (a stop for Tab), the others are plain text. The mark is painted (a
/// filled circle with a tick, or an empty ring) so no icon font has to be
/// loaded at start-up for it.
fn tick_ui(ui: &mut Ui, done: bool, label: &str, opens: bool) -> egui::Response {
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
    } else {
        painter.circle_stroke(center, 6.0, egui::Stroke::new(1.3, color));
    }
    let text_pos = egui::pos2(
        rect.left() + MARK + GAP,
        rect.center().y - galley.size().y / 2.0,
    );
    painter.galley(text_pos, galley, color);
    response
}
