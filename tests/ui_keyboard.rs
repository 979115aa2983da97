//! The window from the keyboard alone: where Tab starts, the 0-10 scale as
//! one stop moved with the arrows, and the shortcuts between screens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use unknot::domain::clock::Clock;
use unknot::ui::{Screen, UnknotApp};

/// The label of the control that has the keyboard's focus.
fn focused(harness: &Harness<'static, UnknotApp>) -> Option<String> {
    harness
        .query(by().predicate(|node| node.is_focused()))
        .and_then(|node| node.accesskit_node().label())
}

fn press(harness: &mut Harness<'static, UnknotApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// The rating chosen on a scale, read from its buttons' selected state.
fn chosen(harness: &Harness<'static, UnknotApp>, name: &str) -> Option<u8> {
    (0..=10).find(|n| {
        harness
            .get_by_label(&format!("{name} {n}"))
            .accesskit_node()
            .toggled()
            == Some(Toggled::True)
    })
}

#[test]
fn tab_goes_to_the_pain_scale_and_the_arrows_move_the_rating() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);

    // The first Tab passes over the navigation, straight to the check-in.
    press(&mut harness, Key::Tab);
    assert_eq!(focused(&harness).as_deref(), Some("Pain 0"));

    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::ArrowRight);
    assert_eq!(chosen(&harness, "Pain"), Some(2));
    assert_eq!(focused(&harness).as_deref(), Some("Pain 2"));
    press(&mut harness, Key::ArrowLeft);
    assert_eq!(chosen(&harness, "Pain"), Some(1));
    press(&mut harness, Key::End);
    assert_eq!(chosen(&harness, "Pain"), Some(10));
    press(&mut harness, Key::ArrowUp);
    assert_eq!(chosen(&harness, "Pain"), Some(10));
    press(&mut harness, Key::Home);
    assert_eq!(chosen(&harness, "Pain"), Some(0));
    // A digit still chooses, and the focus follows the choice.
    press(&mut harness, Key::Num6);
    assert_eq!(chosen(&harness, "Pain"), Some(6));
    assert_eq!(focused(&harness).as_deref(), Some("Pain 6"));

    // The scale is one stop: the next Tab is on the stress scale.
    press(&mut harness, Key::Tab);
    assert_eq!(focused(&harness).as_deref(), Some("Stress 0"));
    assert_eq!(chosen(&harness, "Stress"), None);
    press(&mut harness, Key::ArrowRight);
    assert_eq!(chosen(&harness, "Stress"), Some(1));

    // Enter on a scale saves the form.
    press(&mut harness, Key::Enter);
    let saved = harness
        .state()
        .store()
        .checkin_on(clock.today())
        .unwrap()
        .unwrap();
    assert_eq!(saved.pain.get(), 6);
    assert_eq!(saved.stress.map(|s| s.get()), Some(1));
}

#[test]
fn shortcuts_open_screens_and_the_focus_follows_into_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run();
    assert_eq!(harness.state().screen(), Screen::Heat);
    // Not a navigation button: the focus is on the Heat screen itself.
    let on = focused(&harness).expect("a control has the focus");
    assert!(Screen::ALL.iter().all(|s| s.label() != on), "focus on {on}");

    // Opening Today from the keyboard puts the focus on the pain scale.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert_eq!(harness.state().screen(), Screen::Today);
    assert_eq!(focused(&harness).as_deref(), Some("Pain 0"));

    // The navigation says which shortcut opens each screen.
    harness.get_by_role_and_label(Role::Button, "Heat").hover();
    harness.run();
    harness.get_by_label_contains("Ctrl+3");
}

/// Tab through the whole of Today in a small window: each control that
/// takes the focus is scrolled into sight.
#[test]
fn tab_keeps_the_focused_control_in_sight() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(700.0, 500.0));
    harness.run();
    let mut seen = Vec::new();
    for _ in 0..30 {
        press(&mut harness, Key::Tab);
        harness.run();
        let node = harness
            .query(by().predicate(|node| node.is_focused()))
            .expect("a control has the focus");
        let rect = node.rect();
        let name = node.accesskit_node().label().unwrap_or_default();
        assert!(
            rect.min.y >= 0.0 && rect.max.y <= 500.0,
            "{name:?} has the focus out of sight at {rect:?}"
        );
        seen.push(name);
    }
    // The walk went past the first screenful (the warning signs are below it).
    assert!(seen.iter().any(|name| name.contains("fever")), "{seen:?}");
}
