//! `unknot report`, run as a user would on a real store: the figures on the
//! page (as `pdftotext` reads them) are the ones the library computes, the
//! page is one page that `qpdf` finds sound, and every refusal exits with
//! status 2 and leaves no file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Utc};
use unknot::domain::checklist::{Answer, ChecklistAnswer};
use unknot::domain::days_off::{DaysOff, Reason};
use unknot::domain::experiment::{Experiment, ExperimentKind};
use unknot::domain::flare::FlareUp;
use unknot::domain::pain::{CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionKind};
use unknot::domain::visit::{Period, VisitRecords, VisitSummary};
use unknot::store::Store;

#[path = "common/pdf.rs"]
mod pdf;
#[path = "common/run.rs"]
mod run;

use pdf::{assert_sound, page_text};
use run::{refused, text, unknot};

fn pages(pdf: &Path) -> String {
    pdf::info(pdf, "Pages")
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn noon(date: NaiveDate) -> chrono::DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_utc()
}

/// Thirteen weeks of known records: pain about 6.5 that falls to about 3.5
/// once an experiment starts, warning signs, flare-ups, days off, sessions,
/// checklist answers and notes.
fn known_store(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    let off = (ago(25), ago(22));
    let mut checkins = Vec::new();
    for back in (0..=90u64).rev() {
        let date = ago(back);
        if (off.0..=off.1).contains(&date) {
            continue;
        }
        let high = back > 40;
        let pain = if high { 6 + (back % 2) } else { 3 + (back % 2) };
        let red_flags = RedFlags {
            arm_symptoms: back == 20 || back == 10,
            fever: back == 5,
            ..RedFlags::default()
        };
        checkins.push(CheckIn {
            date,
            recorded_at: noon(date),
            pain: Rating::new(pain as i64, "pain").unwrap(),
            stress: None,
            areas: Vec::new(),
            red_flags,
            note: if back % 9 == 0 {
                format!("Note from {back} days back")
            } else {
                String::new()
            },
        });
        let kind = match date.weekday().num_days_from_monday() {
            0 | 2 | 4 => SessionKind::Strength,
            6 => SessionKind::Heat,
            _ => SessionKind::Stretch,
        };
        store
            .add_session(&Session::new(kind, noon(date), date, 12 * 60))
            .unwrap();
    }
    store.insert_new_checkins(&checkins).unwrap();
    for (back, pain) in [(30, 8), (12, 7), (2, 9)] {
        let flare = FlareUp {
            at: noon(ago(back)),
            date: ago(back),
            pain: Rating::new(pain, "pain").unwrap(),
            set_off_by: "Long drive".into(),
            helped: String::new(),
        };
        store.add_flare_up(&flare, Utc::now(), today()).unwrap();
    }
    let days_off = DaysOff {
        first: off.0,
        last: off.1,
        reason: Reason::Holiday,
        created_at: noon(ago(30)),
    };
    store.add_days_off(&days_off, today()).unwrap();
    for (name, kind, back) in [
        ("Chin tucks every hour", ExperimentKind::Exercise, 40),
        ("Standing desk", ExperimentKind::Workstation, 35),
    ] {
        let experiment = Experiment {
            name: name.into(),
            kind,
            start: ago(back),
            planned_days: 14,
            stopped_on: None,
            created_at: noon(ago(back)),
        };
        store.start_experiment(&experiment, today()).unwrap();
    }
    for (item, answer, back) in [
        ("monitor_eye_level", Answer::NotYet, 88),
        ("monitor_eye_level", Answer::Yes, 40),
        ("chair_feet_flat", Answer::Yes, 30),
    ] {
        let answer = ChecklistAnswer {
            item: item.into(),
            answer,
            answered_on: ago(back),
        };
        store.save_checklist_answer(&answer).unwrap();
    }
}

/// The summary computed from every record in the store, read whole.
fn from_everything(store: &Store, period: Period) -> VisitSummary {
    let mut sessions = store.sessions().unwrap();
    sessions.sort_by_key(|s| s.date);
    let mut flare_ups: Vec<FlareUp> = store
        .flare_ups()
        .unwrap()
        .into_iter()
        .map(|s| s.record)
        .collect();
    flare_ups.sort_by_key(|f| f.date);
    let checkins = store.checkins().unwrap();
    let records = VisitRecords {
        first_record: [
            checkins.first().map(|c| c.date),
            sessions.first().map(|s| s.date),
        ]
        .into_iter()
        .flatten()
        .min(),
        checkins,
        first_checkins: Vec::new(),
        user_baseline: store.preferences().unwrap().0.baseline_pain,
        sessions,
        flare_ups,
        days_off: store
            .days_off()
            .unwrap()
            .into_iter()
            .map(|s| s.record)
            .collect(),
        experiments: store
            .experiments()
            .unwrap()
            .into_iter()
            .map(|s| s.record)
            .collect(),
        checklist_history: store.checklist_history().unwrap(),
        activities: store.function_activities().unwrap(),
        function_ratings: store
            .function_ratings()
            .unwrap()
            .into_iter()
            .map(|s| s.record)
            .collect(),
    };
    VisitSummary::compute(period, &records, today()).unwrap()
}

#[test]
fn the_figures_on_the_page_are_the_ones_computed() {
    let data = tempfile::tempdir().unwrap();
    known_store(data.path());
    let out_dir = tempfile::tempdir().unwrap();
    let pdf = out_dir.path().join("summary.pdf");
    let out = unknot(
        data.path(),
        &[
            "report",
            "--weeks",
            "12",
            "--paper",
            "letter",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("US Letter"),
        "{}",
        text(&out.stdout)
    );
    let _ = std::fs::copy(
        &pdf,
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-known.pdf"),
    );

    let store = Store::open(data.path()).unwrap();
    let period = Period::last_weeks(12, today()).unwrap();
    let summary: VisitSummary = unknot::report::summarize(&store, period, today()).unwrap();
    assert_eq!(
        summary,
        from_everything(&store, period),
        "the store's narrow reads lose nothing"
    );
    let page = page_text(&pdf);
    let change = summary.pain.change.unwrap();
    let adherence = summary.adherence;
    let experiment = summary
        .experiments
        .iter()
        .find(|e| e.experiment.name == "Chin tucks every hour")
        .unwrap();
    let verdict = experiment.result.verdict.sentence();
    assert!(verdict.starts_with("Pain was"), "a real change: {verdict}");
    for expected in [
        format!("{:.1}", summary.pain.baseline.value),
        format!("{:.1}", summary.pain.latest.1),
        format!("{}% less", change.whole_percent()),
        format!("{} of {}", adherence.done, adherence.asked),
        format!("{} flare-ups", summary.flare_up_count()),
        verdict,
        format!(
            "Numbness, tingling or weakness into the arms or fingers: {} {}",
            ago(20).day(),
            ago(20).format("%b %Y")
        ),
        "Made on".to_owned(),
        "It is not a diagnosis.".to_owned(),
    ] {
        assert!(
            page.contains(&expected),
            "{expected:?} is not on the page:\n{page}"
        );
    }
    assert_eq!(summary.flare_up_count(), 3);
    assert_eq!((adherence.days_off, adherence.asked), (4, 80));
    assert_eq!(pages(&pdf), "1");
    assert_sound(&pdf);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn demo_data_fits_one_page_on_either_paper() {
    let data = tempfile::tempdir().unwrap();
    let out = unknot(data.path(), &["demo-data", "--days", "120"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out_dir = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    for weeks in [4, 12] {
        let period = Period::last_weeks(weeks, today()).unwrap();
        let summary = unknot::report::summarize(&store, period, today()).unwrap();
        assert_eq!(summary, from_everything(&store, period), "{weeks} weeks");
        assert!(!summary.experiments.is_empty(), "{weeks} weeks");
    }
    drop(store);
    for (paper, weeks) in [("a4", "12"), ("letter", "52")] {
        let pdf = out_dir.path().join(format!("{paper}.pdf"));
        let out = unknot(
            data.path(),
            &[
                "report",
                "--weeks",
                weeks,
                "--paper",
                paper,
                "--out",
                pdf.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(pages(&pdf), "1", "{paper}, {weeks} weeks");
        assert_sound(&pdf);
        if weeks == "52" {
            let page = page_text(&pdf);
            assert!(
                page.contains("so this summary starts at the first record"),
                "{page}"
            );
            assert!(text(&out.stdout).contains("It starts at the first record"));
        }
    }
}

#[test]
fn refusals_exit_with_2_and_leave_no_file() {
    let data = tempfile::tempdir().unwrap();
    known_store(data.path());
    let out_dir = tempfile::tempdir().unwrap();
    let pdf = out_dir.path().join("summary.pdf");
    let target = pdf.to_str().unwrap();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let not_a_folder = out_dir.path().join("a-file");
    std::fs::write(&not_a_folder, "not a folder").unwrap();
    let inside_a_file = not_a_folder.join("summary.pdf");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--from".into(), day(ago(400)), "--to".into(), day(ago(300))],
            "no check-ins",
        ),
        (
            vec![
                "--from".into(),
                day(today() + Days::new(1)),
                "--to".into(),
                day(today() + Days::new(5)),
            ],
            "after today",
        ),
        (vec!["--weeks".into(), "0".into()], "1 to 52 weeks"),
        (vec!["--weeks".into(), "53".into()], "1 to 52 weeks"),
        (
            vec!["--from".into(), day(ago(3)), "--to".into(), day(ago(10))],
            "before it starts",
        ),
    ];
    for (args, says) in cases {
        let mut all: Vec<&str> = vec!["report", "-o", target];
        all.extend(args.iter().map(String::as_str));
        refused(&unknot(data.path(), &all), &format!("{args:?}"), says);
        assert_eq!(
            std::fs::read_dir(out_dir.path()).unwrap().count(),
            1,
            "{args:?} left a file"
        );
    }
    // Folders that cannot take the file: one that is a file, one that is
    // read-only even for root (sysfs).
    for (path, says) in [
        (inside_a_file.as_path(), "not a folder"),
        (Path::new("/sys/unknot-summary.pdf"), "cannot be written"),
    ] {
        let out = unknot(data.path(), &["report", "-o", path.to_str().unwrap()]);
        refused(&out, &path.display().to_string(), says);
        assert!(!path.exists());
    }
    // An existing file is kept without --force and replaced with it.
    std::fs::write(&pdf, "keep me").unwrap();
    refused(
        &unknot(data.path(), &["report", "-o", target]),
        "a file already there",
        "--force",
    );
    assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "keep me");
    let out = unknot(data.path(), &["report", "-o", target, "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        2,
        "no temporary file left"
    );
}
