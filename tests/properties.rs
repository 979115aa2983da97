//! Property tests: any text a person can type survives storage and CSV, and
//! no byte sequence makes the CSV reader panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use unknot::csv_files;
use unknot::domain::checklist::{Answer, ChecklistAnswer};
use unknot::domain::keyed::Keyed;
use unknot::domain::pain::{Area, CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionExercise, SessionKind};
use unknot::store::Store;

fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        // Arbitrary Unicode, control characters included.
        proptest::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect()),
        // Text built from the characters CSV and spreadsheets care about.
        proptest::collection::vec(
            prop_oneof![
                Just('='),
                Just('+'),
                Just('-'),
                Just('@'),
                Just('\t'),
                Just('\r'),
                Just('\n'),
                Just('"'),
                Just(','),
                Just('\''),
                Just(';'),
                Just(' '),
                Just('a'),
                Just('😌'),
            ],
            0..max.min(40)
        )
        .prop_map(|v| v.into_iter().collect()),
    ]
}

/// A day after every date these tests make.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()
}

fn checkin(day: u32, pain: u8, note: String, areas: Vec<Area>, flags: [bool; 3]) -> CheckIn {
    CheckIn {
        date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(day)),
        recorded_at: DateTime::<Utc>::from_timestamp(1_767_225_600 + i64::from(day) * 3600, 0)
            .unwrap(),
        pain: Rating::new(i64::from(pain), "pain").unwrap(),
        stress: pain
            .is_multiple_of(3)
            .then(|| Rating::new(i64::from(10 - pain), "stress").unwrap()),
        areas,
        red_flags: RedFlags {
            arm_symptoms: flags[0],
            after_impact: flags[1],
            fever: flags[2],
        },
        note,
    }
}

fn checkins() -> impl Strategy<Value = Vec<CheckIn>> {
    proptest::collection::btree_map(
        0u32..400,
        (
            0u8..=10,
            any_text(200),
            proptest::sample::subsequence(Area::ALL.to_vec(), 0..=4),
            any::<[bool; 3]>(),
        ),
        0..8,
    )
    .prop_map(|days| {
        days.into_iter()
            .map(|(day, (pain, note, areas, flags))| checkin(day, pain, note, areas, flags))
            .collect()
    })
}

fn sessions() -> impl Strategy<Value = Vec<Session>> {
    proptest::collection::btree_map(
        0i64..100_000,
        (
            0usize..4,
            0u32..=14_400,
            any_text(60),
            proptest::option::of(any_text(30)),
            proptest::option::of(any_text(30)),
            any_text(120),
            proptest::collection::vec("[a-z_]{1,12}", 0..4),
        ),
        0..6,
    )
    .prop_map(|map| {
        map.into_iter()
            .map(
                |(minute, (kind, secs, routine, heat_type, area, note, exercises))| {
                    let started_at =
                        DateTime::<Utc>::from_timestamp(1_767_225_600 + minute * 60, 0).unwrap();
                    let mut s = Session::new(
                        SessionKind::ALL[kind],
                        started_at,
                        started_at.date_naive(),
                        secs,
                    );
                    s.routine = routine;
                    // An empty cell reads back as "none", so "some empty" is not a distinct value.
                    s.heat_type = heat_type.filter(|t| !t.is_empty());
                    s.area = area.filter(|t| !t.is_empty());
                    s.note = note;
                    s.exercises = exercises
                        .into_iter()
                        .enumerate()
                        .map(|(i, exercise)| SessionExercise {
                            exercise,
                            holds_done: u32::try_from(i).unwrap(),
                            holds_planned: 3,
                        })
                        .collect();
                    s
                },
            )
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn checkins_survive_the_store_exactly(list in checkins()) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        for c in &list {
            store.save_checkin(c).unwrap();
        }
        prop_assert_eq!(store.checkins().unwrap(), list);
    }

    #[test]
    fn sessions_survive_the_store_exactly(list in sessions()) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        for s in &list {
            store.add_session(s).unwrap();
        }
        prop_assert_eq!(store.sessions().unwrap(), list);
    }

    #[test]
    fn every_text_field_survives_csv_exactly(
        checkins in checkins(),
        sessions in sessions(),
        items in proptest::collection::btree_set(any_text(40).prop_filter("an item id", |s| !s.trim().is_empty()), 0..4),
        uid_start in "[-A-Za-z0-9_]{0,60}",
    ) {
        // Any uid a record may have, one per row.
        let keyed = |i: usize| Some(format!("{uid_start}{i}"));
        let checkins: Vec<Keyed<CheckIn>> = checkins
            .into_iter()
            .enumerate()
            .map(|(i, record)| Keyed { uid: keyed(i), record })
            .collect();
        let sessions: Vec<Keyed<Session>> = sessions
            .into_iter()
            .enumerate()
            .map(|(i, record)| Keyed { uid: keyed(i), record })
            .collect();
        let mut buf = Vec::new();
        csv_files::write_checkins(&mut buf, &checkins).unwrap();
        prop_assert_eq!(csv_files::read_checkins(buf.as_slice(), today()).unwrap(), checkins);

        let mut buf = Vec::new();
        csv_files::write_sessions(&mut buf, &sessions).unwrap();
        prop_assert_eq!(csv_files::read_sessions(buf.as_slice(), today()).unwrap(), sessions);

        let answers: Vec<ChecklistAnswer> = items
            .into_iter()
            .map(|item| ChecklistAnswer {
                item,
                answer: Answer::NotYet,
                answered_on: NaiveDate::from_ymd_opt(2026, 5, 4).unwrap(),
            })
            .collect();
        let mut buf = Vec::new();
        csv_files::write_checklist(&mut buf, &answers).unwrap();
        prop_assert_eq!(csv_files::read_checklist(buf.as_slice(), today()).unwrap(), answers);
    }

    #[test]
    fn no_input_makes_the_csv_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = csv_files::read_checkins(bytes.as_slice(), today());
        let _ = csv_files::read_sessions(bytes.as_slice(), today());
        let _ = csv_files::read_checklist(bytes.as_slice(), today());
        let _ = csv_files::read_flare_ups(bytes.as_slice(), today());
        let _ = csv_files::read_days_off(bytes.as_slice(), today());
        let _ = csv_files::read_experiments(bytes.as_slice(), today());
        let _ = csv_files::read_function_activities(bytes.as_slice(), today());
        let _ = csv_files::read_function_ratings(bytes.as_slice(), today());
    }

    #[test]
    fn mangled_exports_are_rejected_or_read_but_never_panic(
        list in checkins(),
        cut in 0usize..2000,
        junk in any_text(20),
    ) {
        let list: Vec<Keyed<CheckIn>> = list.into_iter().map(Keyed::unkeyed).collect();
        let mut buf = Vec::new();
        csv_files::write_checkins(&mut buf, &list).unwrap();
        let mut text = String::from_utf8(buf).unwrap();
        let at = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        text.insert_str(at, &junk);
        let _ = csv_files::read_checkins(text.as_bytes(), today());
    }
}
