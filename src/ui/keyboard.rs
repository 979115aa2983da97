//! The window from the keyboard: a shortcut for each screen, and where the
//! focus goes when the keyboard enters a screen's content.
//!
//! egui moves the focus in the order controls are drawn, and the navigation
//! is drawn before the content, so Tab used to cross all seven screen
//! buttons (and Today's footer) before reaching anything on the screen. Now
//! Tab with nothing focused, or a screen opened from the keyboard, goes
//! straight to the content: to the control the screen names as its start
//! ([`claim_focus_start`]), or else to its first control.

use egui::{Context, Key, KeyboardShortcut, Modifiers, Ui};

use super::screen::Screen;

/// The digit keys, 0 to 9: on their own they type Today's rating; with
/// Ctrl (Cmd on a Mac), 1 to 7 open the screens in the navigation's order.
/// Ctrl with plus and minus stays the zoom.
pub const DIGIT_KEYS: [Key; 10] = [
    Key::Num0,
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// The shortcut that opens `screen`.
pub fn screen_shortcut(screen: Screen) -> Option<KeyboardShortcut> {
    let index = Screen::ALL.iter().position(|s| *s == screen)?;
    let key = DIGIT_KEYS.get(index + 1)?;
    Some(KeyboardShortcut::new(Modifiers::COMMAND, *key))
}

/// The screen whose shortcut was pressed this frame, if any; the key is
/// consumed so no control acts on it too.
pub fn pressed_screen_shortcut(ctx: &Context) -> Option<Screen> {
    Screen::ALL.into_iter().find(|screen| {
        screen_shortcut(*screen)
            .is_some_and(|shortcut| ctx.input_mut(|i| i.consume_shortcut(&shortcut)))
    })
}

/// Whether Tab (without Shift) was pressed while no control had the focus:
/// the keyboard is entering the window, and should enter the content.
pub fn tab_from_nowhere(ctx: &Context) -> bool {
    ctx.memory(|m| m.focused().is_none())
        && ctx.input(|i| i.key_pressed(Key::Tab) && i.modifiers.is_none())
}

fn pending_key() -> egui::Id {
    egui::Id::unique("focus_start_pending")
}

/// Takes the focus from the control that has it (the navigation button
/// that opened the screen), so that [`enter_content`] can place it.
pub fn drop_focus(ctx: &Context) {
    ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
}

/// Keeps a Tab pressed this frame from landing on the controls drawn from
/// here until [`enter_content`] (the navigation and Today's footer).
pub fn hold_tab(ctx: &Context) {
    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
}

/// Unless a control already has the focus (one in a banner above), gives
/// it to the content's first control, or to the one the screen names with
/// [`claim_focus_start`]; call just before drawing the content, and
/// [`end_content`] after it.
pub fn enter_content(ctx: &Context) {
    if ctx.memory(|m| m.focused().is_some()) {
        return;
    }
    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
    ctx.data_mut(|d| d.insert_temp(pending_key(), true));
}

/// Ends the frame's search for the screen's start.
pub fn end_content(ctx: &Context) {
    ctx.data_mut(|d| d.remove::<bool>(pending_key()));
}

/// Names `response` as where the keyboard starts on its screen (Today's pain
/// scale): while the keyboard is entering the content it takes the focus.
pub fn claim_focus_start(ui: &Ui, response: &egui::Response) {
    let pending = ui.data(|d| d.get_temp::<bool>(pending_key()).unwrap_or(false));
    if pending {
        response.request_focus();
        end_content(ui.ctx());
    }
}

/// Keeps the focused control in sight. When the focus has moved to another
/// control on this `ui`'s layer (Tab, or a screen handing it on), the
/// scroll area being drawn scrolls just enough to show it; call at the top
/// of that scroll area's content, as egui leaves a scroll target set
/// before an area to the areas around it. A control already in sight does
/// not move anything, so a click never scrolls.
pub fn keep_focus_in_sight(ui: &Ui) {
    let ctx = ui.ctx();
    let key = egui::Id::unique("focus_kept_in_sight");
    let focused = ctx.memory(|m| m.focused());
    let last = ctx.data(|d| d.get_temp::<Option<egui::Id>>(key)).flatten();
    if focused == last {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(key, focused));
    let Some(response) = focused.and_then(|id| ctx.read_response(id)) else {
        return;
    };
    // On this area's layer and in its columns (not the navigation beside
    // it, nor a question over the window), and cut by its edges (not the
    // footer below it, which is always in sight).
    let here = response.layer_id == ui.layer_id()
        && ui.clip_rect().x_range().contains(response.rect.center().x);
    let cut = response.interact_rect != response.rect;
    if here && cut {
        response.scroll_to_me(None);
    }
}
