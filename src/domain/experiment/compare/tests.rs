#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use super::super::ExperimentKind;
use super::*;

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap() + Duration::days(offset)
}

fn experiment(name: &str, start: i64, planned_days: u32, stopped: Option<i64>) -> Experiment {
    Experiment {
        name: name.to_string(),
        kind: ExperimentKind::Exercise,
        start: day(start),
        planned_days,
        stopped_on: stopped.map(day),
        created_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

/// Pain on consecutive days from `first`.
fn fill(map: &mut BTreeMap<NaiveDate, u8>, first: i64, pain: &[u8]) {
    map.extend((first..).map(day).zip(pain.iter().copied()));
}

/// (estimate, low, high)
fn shift(before: &[u8], during: &[u8]) -> (f64, f64, f64) {
    let s = hodges_lehmann(&as_points(before), &as_points(during)).unwrap();
    (s.estimate, s.low, s.high)
}

fn names(names: &[&str]) -> Caveat {
    Caveat::Overlaps(names.iter().map(ToString::to_string).collect())
}

#[test]
fn hand_computed_shift_and_interval() {
    // During minus before, all 25 pairs, by value: -4 once, -3 five
    // times, -2 nine times, -1 eight times, 0 twice. Sorted positions:
    // 1 is -4, 2-6 are -3, 7-15 are -2, 16-23 are -1, 24-25 are 0.
    // Estimate: the 13th, -2. For 5 and 5 days P(U <= 2) = 4/252 (1.6%)
    // and P(U <= 3) = 7/252 (2.8%), so k = 3: the 3rd (-3) and the
    // 23rd (-1).
    let (before, during) = ([5, 6, 5, 7, 6], [4, 4, 3, 5, 4]);
    assert_eq!(shift(&before, &during), (-2.0, -3.0, -1.0));
    // Pairs 1-0, 1-2, 4-0, 4-2 sorted: -1, 1, 2, 4; the median is the
    // middle two's mean. Two days a side have no 2.5% tail: k = 1.
    assert_eq!(shift(&[0, 2], &[1, 4]), (1.5, -1.0, 4.0));
    assert_eq!(hodges_lehmann(&[], &[1.0]), None);
    assert_eq!(hodges_lehmann(&[1.0], &[]), None);
}

#[test]
fn ties() {
    assert_eq!(shift(&[3; 5], &[3; 5]), (0.0, 0.0, 0.0));
    assert_eq!(shift(&[2; 5], &[3; 5]), (1.0, 1.0, 1.0));
    // The same days in another order: no change, zero inside.
    let (estimate, low, high) = shift(&[3, 5, 4, 6, 2], &[4, 3, 5, 2, 6]);
    assert_eq!(estimate, 0.0);
    assert!(low < 0.0 && high > 0.0);
}

#[test]
fn exact_counts_and_critical_values() {
    // [7 choose 3]_q, as counted by listing the 35 orderings.
    let counts = u_counts(3, 4).unwrap();
    assert_eq!(counts, vec![1, 1, 2, 3, 4, 4, 5, 4, 4, 3, 2, 1, 1]);
    let big = u_counts(50, 50).unwrap();
    assert!(big.len() == 2501 && big.iter().eq(big.iter().rev()));
    // Published two-sided 5% Mann-Whitney critical values, plus one.
    let before = [5, 5, 5, 7, 10, 14, 20, 28, 4, 3];
    let during = [5, 6, 10, 7, 10, 14, 20, 5, 4, 3];
    let ks: Vec<usize> = before
        .iter()
        .zip(during)
        .map(|(&n, m)| interval_rank(n, m))
        .collect();
    assert_eq!(ks, [3, 4, 9, 9, 24, 56, 128, 31, 1, 1]);
    // Where the normal approximation takes over it is within one.
    let exact = exact_critical_u(50, 50).unwrap().unwrap();
    let normal = normal_critical_u(50, 50).unwrap();
    assert!(exact.abs_diff(normal) <= 1, "{exact} against {normal}");
    assert!(interval_rank(365, 365) > 60_000);
}

#[test]
fn side_counts_mean_and_median() {
    let side = Side::from_pain(&[3, 1, 2, 4]);
    assert_eq!(
        (side.checkins, side.mean, side.median),
        (4, Some(2.5), Some(2.5))
    );
    assert_eq!(Side::from_pain(&[7, 1, 2]).median, Some(2.0));
    let none = Side::from_pain(&[]);
    assert_eq!((none.checkins, none.mean, none.median), (0, None, None));
}

#[test]
fn sentences_read_plainly() {
    let lower = Verdict::Lower { points: 1.44 };
    assert_eq!(
        lower.sentence(),
        "Pain was 1.4 points lower (likely a real change)"
    );
    let higher = Verdict::Higher { points: 0.5 };
    assert_eq!(
        higher.sentence(),
        "Pain was 0.5 points higher (likely a real change)"
    );
    let few = Verdict::NotEnoughCheckIns {
        before: 3,
        during: 5,
    };
    assert_eq!(
        few.sentence(),
        "Not enough check-ins yet: 3 before and 5 during; 5 on each side are needed"
    );
    assert_eq!(Verdict::NoClearChange.sentence(), "No clear change");
    assert_eq!(
        names(&["Heat"]).sentence(),
        "It ran alongside \"Heat\": their effects cannot be told apart"
    );
    assert_eq!(
        names(&["A", "B", "C"]).sentence(),
        "It ran alongside \"A\", \"B\" and \"C\": their effects cannot be told apart"
    );
    assert!(
        Caveat::AfterBadSpell
            .sentence()
            .contains("after a bad spell")
    );
}

#[test]
fn a_finished_experiment_gets_its_verdict() {
    // Before window: days -7 to -1; during: days 0 to 6.
    let e = experiment("Chin tucks", 0, 7, None);
    let mut pain = BTreeMap::new();
    fill(&mut pain, -30, &[9; 5]); // long before: never read
    fill(&mut pain, -7, &[5, 6, 5, 7, 6]);
    fill(&mut pain, 2, &[4, 4, 3, 5, 4]);
    fill(&mut pain, 7, &[0; 5]); // after the end: not counted
    let result = evaluate(&e, &pain, &[], day(20));
    let (before, during) = (&result.before, &result.during);
    assert_eq!(
        (before.checkins, before.mean, during.median),
        (5, Some(5.8), Some(4.0))
    );
    assert_eq!((during.checkins, result.days_so_far), (5, 7));
    assert_eq!(result.verdict, Verdict::Lower { points: 2.0 });
    assert!(result.caveats.is_empty());
}

#[test]
fn no_verdict_below_the_minimum() {
    let e = experiment("Chin tucks", 0, 7, None);
    let mut pain = BTreeMap::new();
    fill(&mut pain, -4, &[9, 9, 9, 9]);
    fill(&mut pain, 0, &[0; 7]);
    let result = evaluate(&e, &pain, &[], day(10));
    assert_eq!(
        result.verdict,
        Verdict::NotEnoughCheckIns {
            before: 4,
            during: 7
        }
    );
    assert!(result.shift.is_some());
}

#[test]
fn too_early_while_it_runs() {
    let e = experiment("Chin tucks", 0, 14, None);
    let mut pain = BTreeMap::new();
    fill(&mut pain, -14, &[6; 14]);
    fill(&mut pain, 0, &[2; 14]); // days 4 on are after today
    let result = evaluate(&e, &pain, &[], day(3));
    assert_eq!((result.days_so_far, result.during.checkins), (4, 4));
    assert_eq!(result.verdict.sentence(), "Too early: 4 of 14 days so far");
    let ahead = evaluate(&experiment("Later", 5, 7, None), &pain, &[], day(3));
    assert_eq!(ahead.verdict.sentence(), "Too early: 0 of 7 days so far");
    // Stopped after three days: over, so never too early, and no verdict.
    let stopped = experiment("Chin tucks", 0, 14, Some(2));
    let result = evaluate(&stopped, &pain, &[], day(3));
    assert_eq!(
        result.verdict,
        Verdict::NotEnoughCheckIns {
            before: 14,
            during: 3
        }
    );
}

#[test]
fn the_during_days_stop_at_the_planned_length() {
    let e = experiment("Chin tucks", 0, 7, Some(20));
    let mut pain = BTreeMap::new();
    fill(&mut pain, -7, &[5; 7]);
    fill(&mut pain, 0, &[5; 7]);
    fill(&mut pain, 7, &[1; 14]);
    let result = evaluate(&e, &pain, &[], day(30));
    assert_eq!((result.days_so_far, result.during.checkins), (7, 7));
    assert_eq!(result.verdict, Verdict::NoClearChange);
}

#[test]
fn overlapping_experiments_are_named() {
    let e = experiment("Chin tucks", 0, 14, None);
    let others = [
        e.clone(),
        experiment("Heat at lunch", 10, 7, None),
        experiment("Earlier", -20, 7, None),
        experiment("New chair", -3, 28, None),
    ];
    let result = evaluate(&e, &BTreeMap::new(), &others, day(20));
    assert_eq!(result.caveats, vec![names(&["Heat at lunch", "New chair"])]);
    // Only the days so far count: on day 5 "Heat at lunch" has not begun.
    let early = evaluate(&e, &BTreeMap::new(), &others, day(5));
    assert_eq!(early.caveats, vec![names(&["New chair"])]);
}

#[test]
fn a_bad_spell_before_the_start_is_noted() {
    let e = experiment("Chin tucks", 0, 7, None);
    let bad_spell = |usual_days: usize, before: &[u8]| {
        let mut pain = BTreeMap::new();
        fill(&mut pain, -35, &vec![3; usual_days]);
        fill(&mut pain, -7, before);
        fill(&mut pain, 0, &[3; 7]);
        let caveats = evaluate(&e, &pain, &[], day(10)).caveats;
        caveats.contains(&Caveat::AfterBadSpell)
    };
    assert!(bad_spell(28, &[4; 7])); // one point above the usual 3
    assert!(!bad_spell(28, &[4, 4, 4, 4, 3])); // 0.8 above
    assert!(!bad_spell(4, &[8; 7])); // too few usual days to say
    assert!(!bad_spell(28, &[8; 4])); // too few days before
}

fn pain_values(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..=10, len)
}

fn some_days() -> impl Strategy<Value = Vec<Option<u8>>> {
    // About four rated days in fourteen: often fewer than the minimum.
    proptest::collection::vec(proptest::option::weighted(0.3, 0u8..=10), 14)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_interval_holds_the_estimate(before in pain_values(1..60), during in pain_values(1..60)) {
        let (estimate, low, high) = shift(&before, &during);
        prop_assert!(low <= estimate && estimate <= high, "{low} {estimate} {high}");
    }

    #[test]
    fn a_constant_shift_is_recovered_exactly(before in pain_values(1..40), c in -10i8..=10) {
        let before = as_points(&before);
        let during: Vec<f64> = before.iter().map(|x| x + f64::from(c)).collect();
        prop_assert_eq!(hodges_lehmann(&before, &during).unwrap().estimate, f64::from(c));
    }

    #[test]
    fn no_verdict_with_a_side_below_the_minimum(
        before in some_days(),
        during in some_days(),
        today in 0i64..30,
    ) {
        let e = experiment("Chin tucks", 0, 14, None);
        let days = (-14..0).zip(&before).chain((0..).zip(&during));
        let pain = days.filter_map(|(d, p)| Some((day(d), (*p)?))).collect();
        let result = evaluate(&e, &pain, &[], day(today));
        if result.before.checkins < MIN_CHECKINS_PER_SIDE
            || result.during.checkins < MIN_CHECKINS_PER_SIDE
        {
            prop_assert!(matches!(
                result.verdict,
                Verdict::TooEarly { .. } | Verdict::NotEnoughCheckIns { .. }
            ), "{:?}", result.verdict);
        }
    }
}
