//! The Ergonomics screen, driven through the real UI with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Days, NaiveDate, Utc};
use egui::Key;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use unknot::domain::checklist::{
    self, Answer, ChecklistAnswer, ChecklistItem, ChecklistReview, Score,
};
use unknot::store::Store;
use unknot::ui::UnknotApp;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// The accessible name of an item's answer button.
fn button(item: &ChecklistItem, answer: Answer) -> String {
    format!("{}: {}", item.text.trim_end_matches('.'), answer.label())
}

fn is_selected(harness: &Harness<'static, UnknotApp>, label: &str) -> bool {
    harness.get_by_label(label).accesskit_node().toggled() == Some(Toggled::True)
}

fn open_ergonomics(harness: &mut Harness<'static, UnknotApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Ergonomics")
        .click();
    harness.run();
}

/// A store with a review recorded `days_ago` days before today, and the
/// first-run note already dismissed.
fn store_with_review(dir: &std::path::Path, days_ago: u64) {
    let mut store = Store::open(dir).unwrap();
    let date = today().checked_sub_days(Days::new(days_ago)).unwrap();
    let at: DateTime<Utc> = date.and_hms_opt(9, 0, 0).unwrap().and_utc();
    store
        .add_checklist_review(&ChecklistReview::new(
            at,
            date,
            Score {
                met: 4,
                applicable: 8,
            },
            false,
        ))
        .unwrap();
    store.set_setting("intro_dismissed", "1").unwrap();
}

#[test]
fn answers_are_saved_with_todays_date_and_shown_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let items = checklist::items();
    {
        // An answer to an item a later version dropped must not get in the way.
        let mut store = Store::open(dir.path()).unwrap();
        store
            .save_checklist_answer(&ChecklistAnswer {
                item: "retired_item".to_owned(),
                answer: Answer::Yes,
                answered_on: today(),
            })
            .unwrap();
    }
    {
        let mut harness = common::harness(dir.path(), &clock);
        open_ergonomics(&mut harness);
        common::click(&mut harness, &button(&items[0], Answer::Yes));
        common::click(&mut harness, &button(&items[2], Answer::NotYet));
        common::click(&mut harness, &button(&items[9], Answer::NotApplicable));
        // Changing one's mind replaces the answer.
        common::click(&mut harness, &button(&items[2], Answer::Yes));
    }

    let mut harness = common::harness(dir.path(), &clock);
    open_ergonomics(&mut harness);
    assert!(is_selected(&harness, &button(&items[0], Answer::Yes)));
    assert!(!is_selected(&harness, &button(&items[0], Answer::NotYet)));
    assert!(is_selected(&harness, &button(&items[2], Answer::Yes)));
    assert!(!is_selected(&harness, &button(&items[2], Answer::NotYet)));
    assert!(is_selected(
        &harness,
        &button(&items[9], Answer::NotApplicable)
    ));
    // Items never answered show no answer.
    for answer in Answer::ALL {
        assert!(!is_selected(&harness, &button(&items[1], answer)));
    }
    drop(harness);

    let mut saved = Store::open(dir.path())
        .unwrap()
        .checklist_answers()
        .unwrap();
    saved.retain(|a| a.item != "retired_item");
    saved.sort_by(|a, b| a.item.cmp(&b.item));
    let mut expected: Vec<_> = [
        (items[0].id, Answer::Yes),
        (items[2].id, Answer::Yes),
        (items[9].id, Answer::NotApplicable),
    ]
    .into_iter()
    .map(|(item, answer)| ChecklistAnswer {
        item: item.to_owned(),
        answer,
        answered_on: today(),
    })
    .collect();
    expected.sort_by(|a, b| a.item.cmp(&b.item));
    assert_eq!(saved, expected);
}

#[test]
fn the_score_counts_met_items_out_of_those_that_apply_and_lists_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let items = checklist::items();
    let mut harness = common::harness(dir.path(), &clock);
    open_ergonomics(&mut harness);
    harness.get_by_label("Nothing answered yet");

    common::click(&mut harness, &button(&items[0], Answer::Yes));
    common::click(&mut harness, &button(&items[1], Answer::Yes));
    common::click(&mut harness, &button(&items[2], Answer::NotApplicable));
    common::click(&mut harness, &button(&items[4], Answer::NotYet));

    // 2 met; 9 apply (one doesn't); 2 of 9 rounds to 22 %.
    harness.get_by_label("2 of 9 items in place (22%)");
    harness.get_by_label("6 not answered yet · 1 doesn't apply");
    // The open fix comes first with how to fix it.
    harness.get_by_label("To fix");
    harness.get_by_label(items[4].how_to_fix);
}

#[test]
fn a_refused_answer_stays_selected_with_the_reason_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let item = &checklist::items()[3];
    let mut harness = common::harness(dir.path(), &clock);
    open_ergonomics(&mut harness);

    let other = rusqlite::Connection::open(dir.path().join(unknot::store::DB_FILE_NAME)).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON checklist_answers \
             BEGIN SELECT RAISE(ABORT, 'the disk said no'); END;",
        )
        .unwrap();
    common::click(&mut harness, &button(item, Answer::NotYet));
    assert!(harness.query_by_label_contains("Not saved").is_some());
    assert!(is_selected(&harness, &button(item, Answer::NotYet)));
    assert!(harness.state().data().checklist.is_empty());

    other.execute_batch("DROP TRIGGER refuse;").unwrap();
    common::click(&mut harness, &button(item, Answer::NotYet));
    assert!(harness.query_by_label_contains("Not saved").is_none());
    assert!(is_selected(&harness, &button(item, Answer::NotYet)));
    assert_eq!(harness.state().data().checklist.len(), 1);
}

#[test]
fn a_review_older_than_30_days_prompts_a_recheck() {
    let dir = tempfile::tempdir().unwrap();
    store_with_review(dir.path(), 31);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    // A one-line nudge on Today.
    assert!(
        harness
            .query_by_label_contains("over a month since you checked your desk setup")
            .is_some()
    );
    open_ergonomics(&mut harness);
    harness.get_by_label("Time for a quick re-check");
    harness.get_by_label_contains("more than a month");
    harness.get_by_label_contains("(31 days ago)");
}

#[test]
fn a_review_10_days_old_does_not_prompt() {
    let dir = tempfile::tempdir().unwrap();
    store_with_review(dir.path(), 10);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert!(harness.query_by_label("Re-check my setup").is_none());
    open_ergonomics(&mut harness);
    assert!(
        harness
            .query_by_label("Time for a quick re-check")
            .is_none()
    );
    harness.get_by_label_contains("(10 days ago)");
    // The past review is listed with its score.
    harness.get_by_label("4 of 8 items in place (50%)");
}

#[test]
fn noting_a_desk_change_asks_for_a_recheck() {
    let dir = tempfile::tempdir().unwrap();
    store_with_review(dir.path(), 10);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_ergonomics(&mut harness);
    common::click(&mut harness, "I changed desks");
    harness.get_by_label("Time for a quick re-check");
    harness.get_by_label_contains("desk setup has changed");
    assert!(harness.state().store().desk_changed_at().unwrap().is_some());
    assert!(harness.query_by_label("I changed desks").is_none());

    // Noted by mistake: taken back, and the re-check is no longer asked.
    common::click(&mut harness, "Undo");
    assert_eq!(harness.state().store().desk_changed_at().unwrap(), None);
    assert!(
        harness
            .query_by_label("Time for a quick re-check")
            .is_none()
    );
    harness.get_by_label("I changed desks");
}

#[test]
fn the_walk_through_answers_every_item_by_key_and_records_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let items = checklist::items();
    let n = items.len();
    let mut harness = common::harness(dir.path(), &clock);
    open_ergonomics(&mut harness);
    harness.get_by_label("Start with a quick check");
    // A first check is not called a re-check.
    assert!(harness.query_by_label("Re-check my setup").is_none());
    common::click(&mut harness, "Check my setup");
    harness.get_by_label(&format!("Item 1 of {n}"));
    // Nor is the walk through itself.
    harness.get_by_label("Check my setup");
    assert!(harness.query_by_label("Re-check my setup").is_none());

    // One key per item; letters and digits both work.
    let keys = [
        Key::Y,
        Key::N,
        Key::A,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Y,
        Key::Y,
        Key::N,
        Key::Y,
    ];
    assert_eq!(keys.len(), n, "one key per item");
    for (i, key) in keys.iter().enumerate() {
        harness.get_by_label(&format!("Item {} of {n}", i + 1));
        harness.get_by_label(items[i].text);
        harness.key_press(*key);
        harness.run();
        if i == 2 {
            // Back to the third item, which shows its saved answer, then on again.
            harness.key_press(Key::ArrowLeft);
            harness.run();
            harness.get_by_label(&format!("Item 3 of {n}"));
            assert!(is_selected(
                &harness,
                &button(&items[2], Answer::NotApplicable)
            ));
            harness.key_press(Key::ArrowRight);
            harness.run();
        }
    }

    harness.get_by_label("Re-check done");
    // Yes: items 1, 4, 7, 8, 10. Doesn't apply: items 3 and 6.
    harness.get_by_label("5 of 8 items in place (63%)");
    let reviews = harness.state().store().checklist_reviews().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!((reviews[0].met, reviews[0].applicable), (5, 8));
    assert_eq!(reviews[0].date, today());
    assert!(!reviews[0].desk_changed);
    assert_eq!(harness.state().data().reviews, reviews);

    // Each item turned "yes" is offered as an experiment, in one click.
    harness.get_by_label("Now in place");
    for name in [
        "Screen at eye level",
        "Knees at a right angle",
        "Elbows resting by my sides",
        "Straight wrists",
        "Up once an hour",
    ] {
        harness.get_by_label(&format!("Try it as an experiment (14 days): {name}"));
    }
    common::click(
        &mut harness,
        "Try it as an experiment (14 days): Up once an hour",
    );
    harness.get_by_label("Started \"Up once an hour\" until 8 December.");
    let experiments = harness.state().store().experiments().unwrap();
    assert_eq!(experiments.len(), 1);
    assert_eq!(experiments[0].record.name, "Up once an hour");
    assert_eq!(experiments[0].record.start, today());

    // Escape returns to the checklist, which no longer asks for a re-check.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Re-check done").is_none());
    assert!(harness.query_by_label("Start with a quick check").is_none());
    harness.get_by_label_contains("Last re-check: Wednesday 25 November 2026 (today)");
    assert!(is_selected(
        &harness,
        &button(&items[5], Answer::NotApplicable)
    ));
}

#[test]
fn leaving_the_walk_through_early_keeps_the_answers_and_records_no_review() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let items = checklist::items();
    let mut harness = common::harness(dir.path(), &clock);
    open_ergonomics(&mut harness);
    common::click(&mut harness, "Check my setup");
    harness.key_press(Key::Y);
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();

    // Still never finished, so the screen still suggests it.
    harness.get_by_label("Start with a quick check");
    assert!(is_selected(&harness, &button(&items[0], Answer::Yes)));
    assert!(is_selected(&harness, &button(&items[1], Answer::NotYet)));
    let store = harness.state().store();
    assert_eq!(store.checklist_answers().unwrap().len(), 2);
    assert!(store.checklist_reviews().unwrap().is_empty());
}

#[test]
fn the_nudge_on_today_starts_the_walk_through() {
    let dir = tempfile::tempdir().unwrap();
    store_with_review(dir.path(), 40);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Re-check my setup");
    assert_eq!(harness.state().screen(), unknot::ui::Screen::Ergonomics);
    harness.get_by_label(&format!("Item 1 of {}", checklist::items().len()));
    harness.get_by_label("Re-check my setup");
}

#[test]
fn the_first_run_note_on_today_is_not_joined_by_the_nudge() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let harness = common::harness(dir.path(), &clock);
    harness.get_by_label("Got it");
    assert!(harness.query_by_label("Re-check my setup").is_none());
    assert!(harness.query_by_label("Check my setup").is_none());
}

#[test]
fn the_first_answers_do_not_move_the_statements() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let items = checklist::items();
    let mut harness = common::harness(dir.path(), &clock);
    // Tall enough that nothing scrolls: any move is the layout's.
    harness.set_size(egui::vec2(1040.0, 2600.0));
    open_ergonomics(&mut harness);
    let next = button(&items[1], Answer::Yes);
    let before = harness.get_by_label(&next).rect();
    // A "not yet" adds a point to fix and a score; neither may push the list.
    harness
        .get_by_label(&button(&items[0], Answer::NotYet))
        .click();
    harness.run();
    harness.run();
    assert!(is_selected(&harness, &button(&items[0], Answer::NotYet)));
    let after = harness.get_by_label(&next).rect();
    assert_eq!(before.min.y, after.min.y, "the next statement moved");
}
