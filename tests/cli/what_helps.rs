//! `unknot experiment`, `unknot flare` and `unknot away`, run as a user would.

use chrono::{Days, Local, NaiveDate};
use unknot::domain::experiment::compare::hodges_lehmann;
use unknot::domain::pain::{CheckIn, Rating};
use unknot::store::Store;

use super::run::{refused, text, unknot};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days_ago(n: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(n)).unwrap()
}

fn checkin(date: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date,
        recorded_at: chrono::Utc::now(),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: Default::default(),
        note: String::new(),
    }
}

/// What the commands may write, read back.
fn everything(dir: &std::path::Path) -> String {
    let store = Store::open(dir).unwrap();
    format!(
        "{:?}\n{:?}\n{:?}",
        store.experiments().unwrap(),
        store.flare_ups().unwrap(),
        store.days_off().unwrap()
    )
}

#[test]
fn an_experiment_lists_its_before_and_during_figures_as_json() {
    let dir = tempfile::tempdir().unwrap();
    // 14 days before the start at pain 6, 7, 6, 5, ...; 14 days during at
    // two points less, with two days missing.
    let before: Vec<i64> = (0..14).map(|i| [6, 7, 6, 5][i % 4]).collect();
    let during: Vec<i64> = (0..14).map(|i| [4, 5, 4, 3][i % 4]).collect();
    let mut checkins = Vec::new();
    for (i, pain) in before.iter().enumerate() {
        checkins.push(checkin(days_ago(28 - i as u64), *pain));
    }
    for (i, pain) in during.iter().enumerate() {
        if i == 3 || i == 9 {
            continue;
        }
        checkins.push(checkin(days_ago(14 - i as u64), *pain));
    }
    Store::open(dir.path())
        .unwrap()
        .insert_new_checkins(&checkins)
        .unwrap();

    let start = days_ago(14).to_string();
    let out = unknot(
        dir.path(),
        &[
            "experiment",
            "start",
            "Chin tucks",
            "--kind",
            "exercise",
            "--date",
            &start,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("planned for 14 days"),
        "{}",
        text(&out.stdout)
    );

    let out = unknot(dir.path(), &["experiment", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &listed[0];
    assert_eq!(e["name"], "Chin tucks");
    assert_eq!(e["kind"], "exercise");
    assert_eq!(e["start"], start.as_str());
    assert_eq!(e["before"]["checkins"], 14);
    assert_eq!(e["during"]["checkins"], 12);
    let kept: Vec<f64> = during
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 9)
        .map(|(_, p)| *p as f64)
        .collect();
    let before_f: Vec<f64> = before.iter().map(|p| *p as f64).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let close = |json: &serde_json::Value, want: f64| (json.as_f64().unwrap() - want).abs() < 0.006;
    assert!(close(&e["before"]["mean"], mean(&before_f)), "{e}");
    assert!(close(&e["during"]["mean"], mean(&kept)), "{e}");
    let shift = hodges_lehmann(&before_f, &kept).unwrap();
    assert!(close(&e["difference"], shift.estimate), "{e}");
    assert!(close(&e["interval"][0], shift.low), "{e}");
    assert!(close(&e["interval"][1], shift.high), "{e}");
    assert_eq!(shift.estimate, -2.0, "a shift of two points, exactly");
    assert!(
        e["verdict"].as_str().unwrap().contains("2.0 points lower"),
        "{e}"
    );

    // The plan is over, so it cannot be stopped; one that runs can.
    let out = unknot(dir.path(), &["experiment", "stop", "chin tucks"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not running"),
        "{}",
        text(&out.stderr)
    );
    let three_days_ago = days_ago(3).to_string();
    let out = unknot(
        dir.path(),
        &[
            "experiment",
            "start",
            "Heat at lunch",
            "--kind",
            "heat",
            "--days",
            "7",
            "--date",
            &three_days_ago,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = unknot(dir.path(), &["experiment", "stop", "heat at lunch"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stored = Store::open(dir.path()).unwrap().experiments().unwrap();
    assert_eq!(stored[0].record.stopped_on, None);
    assert_eq!(stored[1].record.stopped_on, Some(today()));
    let out = unknot(dir.path(), &["experiment", "list"]);
    let listing = text(&out.stdout);
    assert!(
        listing.contains("Chin tucks") && listing.contains("Heat at lunch"),
        "{listing}"
    );
}

#[test]
fn flare_ups_add_up_without_touching_the_checkin() {
    let dir = tempfile::tempdir().unwrap();
    let out = unknot(dir.path(), &["checkin", "--pain", "3"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let earlier = format!("{} 00:00", today());
    for args in [
        vec![
            "flare",
            "--pain",
            "7",
            "--note",
            "long call",
            "--helped",
            "walk",
        ],
        vec!["flare", "--pain", "5", "--at", earlier.as_str()],
    ] {
        let out = unknot(dir.path(), &args);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let store = Store::open(dir.path()).unwrap();
    let flares = store.flare_ups().unwrap();
    let pains: Vec<u8> = flares.iter().map(|f| f.record.pain.get()).collect();
    assert_eq!(pains, [5, 7], "oldest first");
    assert_eq!(flares[1].record.set_off_by, "long call");
    assert_eq!(flares[1].record.helped, "walk");
    assert_eq!(store.checkin_on(today()).unwrap().unwrap().pain.get(), 3);
}

#[test]
fn every_refusal_exits_2_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tomorrow = today().checked_add_days(Days::new(1)).unwrap().to_string();
    let week_ago = days_ago(7).to_string();
    let yesterday = days_ago(1).to_string();
    let ok = unknot(
        dir.path(),
        &["experiment", "start", "Standing desk", "--date", &week_ago],
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let ok = unknot(
        dir.path(),
        &["away", "--from", &week_ago, "--to", &yesterday],
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let before = everything(dir.path());

    let in_the_future = format!("{tomorrow} 09:00");
    let ten_days_ago = days_ago(10).to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["experiment", "start", "Heat", "--date", &tomorrow],
            "in the future",
        ),
        (
            vec!["experiment", "start", "standing desk "],
            "already runs",
        ),
        (
            vec!["experiment", "start", "Walks", "--days", "10"],
            "7, 14 or 28",
        ),
        (
            vec!["experiment", "start", "Walks", "--kind", "yoga"],
            "not a kind",
        ),
        (vec!["experiment", "start", "  "], "needs a name"),
        (
            vec!["experiment", "stop", "Walks"],
            "no experiment is called",
        ),
        (
            vec![
                "experiment",
                "stop",
                "Standing desk",
                "--date",
                &ten_days_ago,
            ],
            "before it starts",
        ),
        (vec!["flare", "--pain", "11"], "0 to 10"),
        (vec!["flare", "--pain", "-1"], "0 to 10"),
        (
            vec!["flare", "--pain", "6", "--at", &in_the_future],
            "in the future",
        ),
        (
            vec!["flare", "--pain", "6", "--at", "yesterday"],
            "YYYY-MM-DD HH:MM",
        ),
        (
            vec!["away", "--from", &yesterday, "--to", &week_ago],
            "before they start",
        ),
        (
            vec!["away", "--from", &yesterday, "--to", &tomorrow],
            "already marked",
        ),
        (
            vec![
                "away", "--from", &tomorrow, "--to", &tomorrow, "--reason", "bored",
            ],
            "not a reason",
        ),
    ];
    for (args, says) in cases {
        refused(&unknot(dir.path(), &args), &format!("{args:?}"), says);
    }
    assert_eq!(everything(dir.path()), before, "nothing written");
}
