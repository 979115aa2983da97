//! The ergonomic checklist in SQLite: answers, reviews and the desk-change note.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, Utc};
use unknot::domain::checklist::{self, Answer, ChecklistAnswer, ChecklistReview, Score};
use unknot::store::Store;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn answer(item: &str, answer: Answer, on: NaiveDate) -> ChecklistAnswer {
    ChecklistAnswer {
        item: item.to_owned(),
        answer,
        answered_on: on,
    }
}

#[test]
fn answers_are_saved_with_their_date_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let items = checklist::items();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store
            .save_checklist_answer(&answer(items[0].id, Answer::NotYet, date(2026, 11, 2)))
            .unwrap();
        store
            .save_checklist_answer(&answer(
                items[1].id,
                Answer::NotApplicable,
                date(2026, 11, 2),
            ))
            .unwrap();
        // Answering again replaces the answer and its date.
        store
            .save_checklist_answer(&answer(items[0].id, Answer::Yes, date(2026, 11, 9)))
            .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let mut saved = store.checklist_answers().unwrap();
    saved.sort_by(|a, b| a.item.cmp(&b.item));
    let mut expected = vec![
        answer(items[0].id, Answer::Yes, date(2026, 11, 9)),
        answer(items[1].id, Answer::NotApplicable, date(2026, 11, 2)),
    ];
    expected.sort_by(|a, b| a.item.cmp(&b.item));
    assert_eq!(saved, expected);
}

#[test]
fn answers_to_items_no_longer_listed_are_kept_but_not_scored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let first = checklist::items()[0].id;
    store
        .save_checklist_answer(&answer("retired_item", Answer::Yes, date(2026, 11, 2)))
        .unwrap();
    store
        .save_checklist_answer(&answer(first, Answer::Yes, date(2026, 11, 2)))
        .unwrap();
    let saved = store.checklist_answers().unwrap();
    assert_eq!(saved.len(), 2);
    let n = u32::try_from(checklist::items().len()).unwrap();
    assert_eq!(
        checklist::score(&saved),
        Score {
            met: 1,
            applicable: n
        }
    );
}

#[test]
fn reviews_round_trip_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let later = ChecklistReview::new(
        at("2026-11-20T08:30:00Z"),
        date(2026, 11, 20),
        Score {
            met: 7,
            applicable: 9,
        },
        true,
    );
    let earlier = ChecklistReview::new(
        at("2026-10-01T17:45:12Z"),
        date(2026, 10, 1),
        Score {
            met: 3,
            applicable: 10,
        },
        false,
    );
    {
        let mut store = Store::open(dir.path()).unwrap();
        assert!(store.checklist_reviews().unwrap().is_empty());
        let a = store.add_checklist_review(&later).unwrap();
        let b = store.add_checklist_review(&earlier).unwrap();
        assert_ne!(a, b);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.checklist_reviews().unwrap(), vec![earlier, later]);
}

#[test]
fn a_review_with_more_met_than_applicable_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let review = ChecklistReview {
        reviewed_at: at("2026-11-20T08:30:00Z"),
        date: date(2026, 11, 20),
        met: 5,
        applicable: 4,
        desk_changed: false,
    };
    let err = store.add_checklist_review(&review).unwrap_err();
    assert!(err.to_string().contains("more items met"), "{err}");
    assert!(store.checklist_reviews().unwrap().is_empty());
}

#[test]
fn a_desk_change_is_remembered_until_the_next_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.desk_changed_at().unwrap(), None);
    store.mark_desk_changed(at("2026-11-18T10:00:00Z")).unwrap();
    drop(store);

    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.desk_changed_at().unwrap(),
        Some(at("2026-11-18T10:00:00Z"))
    );
    store
        .add_checklist_review(&ChecklistReview::new(
            at("2026-11-19T10:00:00Z"),
            date(2026, 11, 19),
            Score {
                met: 2,
                applicable: 2,
            },
            true,
        ))
        .unwrap();
    assert_eq!(store.desk_changed_at().unwrap(), None);
    assert!(store.checklist_reviews().unwrap()[0].desk_changed);
}
