//! The Progress screen and the advice on Today, driven through the real UI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use unknot::demo;
use unknot::domain::clock::Clock;
use unknot::domain::days_off::{DaysOff, Reason};
use unknot::domain::experiment::{Experiment, ExperimentKind};
use unknot::domain::flare::FlareUp;
use unknot::domain::pain::{CheckIn, Rating, RedFlags};

use unknot::store::Store;
use unknot::ui::desktop_files::{DesktopFiles, Picked};
use unknot::ui::{Screen, UnknotApp};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap()
}

/// 120 days of demo history ending on the test's "today", in the test
/// clock's time zone.
fn with_demo_history(dir: &std::path::Path) -> demo::DemoHistory {
    let zone = *common::clock().local_now().offset();
    let history = demo::generate_in(120, today(), demo::DEFAULT_SEED, &zone);
    let mut store = Store::open(dir).unwrap();
    demo::fill_store(&mut store, &history).unwrap();
    history
}

fn open_progress(harness: &mut Harness<'static, UnknotApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Progress")
        .click();
    harness.run();
    assert_eq!(harness.state().screen(), Screen::Progress);
}

fn checkin(date: NaiveDate, pain: i64) -> CheckIn {
    CheckIn {
        date,
        recorded_at: Utc.from_utc_datetime(&date.and_hms_opt(20, 0, 0).unwrap()),
        pain: Rating::new(pain, "pain").unwrap(),
        stress: None,
        areas: Vec::new(),
        red_flags: RedFlags::default(),
        note: String::new(),
    }
}

/// The whole Progress screen over the demo history, drawn in `theme` as
/// the desktop would ask for it, and compared with the saved picture `name`.
fn progress_snapshot(theme: egui::Theme, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let clock = common::clock();
    let store = Store::open(dir.path()).unwrap();
    let app_clock = std::sync::Arc::new(clock.clone());
    // Tall enough to show the whole screen without scrolling.
    let mut harness = Harness::builder()
        .with_size([1040.0, 2080.0])
        .with_theme(theme)
        .build_eframe(move |cc| UnknotApp::new(&cc.egui_ctx, store, app_clock));
    harness.run();
    open_progress(&mut harness);
    harness.remove_cursor();
    harness.run();
    harness.snapshot(name);
}

#[test]
fn progress_12_weeks_snapshot() {
    progress_snapshot(egui::Theme::Light, "progress_12_weeks");
}

#[test]
fn progress_12_weeks_dark_snapshot() {
    progress_snapshot(egui::Theme::Dark, "progress_12_weeks_dark");
}

#[test]
fn range_buttons_change_what_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let history = with_demo_history(dir.path());
    let in_last = |days: u64| {
        history
            .checkins
            .iter()
            .filter(|c| c.date >= ago(days - 1))
            .count()
    };
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);

    harness.get_by_label(&format!("{} check-ins in the last 12 weeks", in_last(84)));
    common::click(&mut harness, "4 weeks");
    harness.get_by_label(&format!("{} check-ins in the last 4 weeks", in_last(28)));
    assert!(
        harness
            .query_by_label_contains("in the last 12 weeks")
            .is_none()
    );
    common::click(&mut harness, "All time");
    let first = history.checkins.first().unwrap().date;
    let since = format!("{} check-ins since", history.checkins.len());
    harness.get_by_label_contains(&since);
    assert!(first <= ago(100));
    assert_ne!(in_last(28), history.checkins.len());

    // The chosen range is remembered across a restart.
    common::click(&mut harness, "4 weeks");
    drop(harness);
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label(&format!("{} check-ins in the last 4 weeks", in_last(28)));
}

#[test]
fn an_empty_store_shows_what_will_appear() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label("Nothing to chart yet");
    harness.get_by_label("0 check-ins in the last 12 weeks");
    harness.get_by_label_contains("average of your first 7 check-ins");
    // Before the first record no day has asked for a check-in.
    assert!(
        harness
            .query_by_label_contains("days that asked for it")
            .is_none()
    );
}

#[test]
fn three_days_of_severe_pain_bring_advice_to_today_and_progress() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let days = [(4, 5), (2, 8), (1, 9), (0, 8)].map(|(n, p)| checkin(ago(n), p));
        store.insert_new_checkins(&days).unwrap();
    }
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert_eq!(harness.state().screen(), Screen::Today);
    harness.get_by_label("It may be time to see a professional");
    // The notice names the rule that fired.
    harness.get_by_label_contains("Several days of severe pain");
    open_progress(&mut harness);
    harness.get_by_label("It may be time to see a professional");
    harness.get_by_label_contains("Several days of severe pain");
}

#[test]
fn no_advice_on_today_for_ordinary_days() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let days = [(2, 8), (1, 4), (0, 8)].map(|(n, p)| checkin(ago(n), p));
        store.insert_new_checkins(&days).unwrap();
    }
    let clock = common::clock();
    let harness = common::harness(dir.path(), &clock);
    assert!(
        harness
            .query_by_label("It may be time to see a professional")
            .is_none()
    );
}

#[test]
fn a_baseline_set_by_hand_is_saved_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label_contains("the average of your first 7 check-ins");

    // Type a value into the baseline field, then use it.
    harness.get_by_label("Set my baseline").scroll_to_me();
    harness.run();
    harness.get_by_label("Set my baseline").click();
    harness.run();
    harness.get_by_label("Set my baseline").type_text("8");
    harness.key_press(egui::Key::Enter);
    harness.run();
    common::click(&mut harness, "Use this baseline");
    harness.get_by_label("Your baseline is 8.0, a value you set yourself.");
    assert_eq!(harness.state().user_baseline(), Some(8.0));
    assert_eq!(
        harness
            .state()
            .store()
            .setting("baseline_pain")
            .unwrap()
            .as_deref(),
        Some("8.0")
    );
    drop(harness);

    // Kept after a restart, and undone with one click.
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    harness.get_by_label("Your baseline is 8.0, a value you set yourself.");
    common::click(&mut harness, "Use my first check-ins");
    harness.get_by_label_contains("the average of your first 7 check-ins");
    assert_eq!(harness.state().user_baseline(), None);
}

#[test]
fn a_warning_sign_shows_once_on_today() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let mut yesterday = checkin(ago(1), 4);
        yesterday.red_flags.fever = true;
        store.insert_new_checkins(&[yesterday]).unwrap();
    }
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    // Today's form is empty: the advice from yesterday's answers shows at the top.
    harness.get_by_label_contains("A warning sign in your last check-in");
    assert!(
        harness
            .query_by_label_contains("Please have this checked by a professional")
            .is_none()
    );
    // Yesterday's form shows its own notice, so the top one leaves that rule out.
    common::click(&mut harness, "‹ Previous day");
    harness.get_by_label_contains("Please have this checked by a professional");
    assert!(
        harness
            .query_by_label_contains("A warning sign in your last check-in")
            .is_none()
    );
}

/// An ended experiment with a clear drop, a running one, two flare-ups and
/// three days off, over 45 days of check-ins.
fn with_what_helps(dir: &std::path::Path) {
    let mut store = Store::open(dir).unwrap();
    let days: Vec<CheckIn> = (0..=44)
        .map(|n| checkin(ago(n), if n > 30 { 6 } else { 3 }))
        .collect();
    store.insert_new_checkins(&days).unwrap();
    for (name, start, kind) in [
        ("Chin tucks", ago(30), ExperimentKind::Exercise),
        ("Higher screen", ago(3), ExperimentKind::Workstation),
    ] {
        let experiment = Experiment {
            name: name.to_owned(),
            kind,
            start,
            planned_days: 14,
            stopped_on: None,
            created_at: Utc.from_utc_datetime(&start.and_hms_opt(8, 0, 0).unwrap()),
        };
        store.start_experiment(&experiment, today()).unwrap();
    }
    let now = common::clock().utc_now();
    for (n, hour, pain) in [(5, 14, 8), (1, 10, 7)] {
        let flare_up = FlareUp {
            at: Utc.from_utc_datetime(&ago(n).and_hms_opt(hour, 0, 0).unwrap()),
            date: ago(n),
            pain: Rating::new(pain, "pain").unwrap(),
            set_off_by: "lifting".to_owned(),
            helped: String::new(),
        };
        store.add_flare_up(&flare_up, now, today()).unwrap();
    }
    let days_off = DaysOff {
        first: ago(10),
        last: ago(8),
        reason: Reason::Holiday,
        created_at: now,
    };
    store.add_days_off(&days_off, today()).unwrap();
}

#[test]
fn what_helps_shows_on_progress_and_a_running_experiment_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    with_what_helps(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);

    // The layers of the pain chart, named in its legend, and the count.
    for layer in ["Flare-up", "Experiment", "Days off"] {
        harness.get_by_label(layer);
    }
    // Friday the 20th was last week; Tuesday the 24th is this week.
    harness.get_by_label("Flare-ups: 2 in the last 12 weeks, 1 this week.");
    harness.get_by_label_contains("with a check-in, 3 days off.");

    // Each experiment's comparison in words: one block of text each (a
    // label's words are its value).
    let chin_tucks = harness
        .get_by_label_contains("Pain was 3.0 points lower (likely a real change).")
        .value()
        .unwrap_or_default();
    assert!(
        chin_tucks.starts_with("Chin tucks\nExercise · 14 days, 26 Oct to 8 Nov\n"),
        "{chin_tucks:?}"
    );
    assert!(
        chin_tucks.contains(
            "\nDifference, during minus before: -3.0 points (95% interval -3.0 to -3.0)."
        )
    );
    harness.get_by_label_contains("Too early: 4 of 14 days so far.");
    assert!(
        harness.query_by_label("Stop \"Chin tucks\"").is_none(),
        "an experiment whose days are over has no Stop"
    );

    common::click(&mut harness, "Stop \"Higher screen\"");
    let stopped = Store::open(dir.path()).unwrap().experiments().unwrap();
    let stopped_on: Vec<(&str, Option<NaiveDate>)> = stopped
        .iter()
        .map(|e| (e.record.name.as_str(), e.record.stopped_on))
        .collect();
    assert_eq!(
        stopped_on,
        [("Chin tucks", None), ("Higher screen", Some(today()))]
    );
    assert!(harness.query_by_label("Stop \"Higher screen\"").is_none());
    harness
        .get_by_label_contains("Workstation change · 22 Nov to 25 Nov, stopped after 4 of 14 days");
}

#[test]
fn what_helps_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    with_what_helps(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(700.0, 500.0));
    open_progress(&mut harness);
    harness.run();
    let ppp = harness.ctx.pixels_per_point();
    let outside: Vec<String> = harness
        .query_all(By::new().include_labels().predicate(|_| true))
        .filter_map(|node| {
            let ak = node.accesskit_node();
            let right = ak.bounding_box()?.x1 as f32 / ppp;
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            (right > 700.5 && !label.is_empty()).then(|| format!("{label}: {right:.0}"))
        })
        .collect();
    assert!(outside.is_empty(), "past the right edge: {outside:?}");
}

#[path = "common/pdf.rs"]
mod pdf;

/// The desktop's dialogs and viewer as the tests want them: "Choose…"
/// answers `save_as`, and files opened are noted.
struct FakeDesktop {
    save_as: PathBuf,
    opened: Mutex<Vec<PathBuf>>,
}

impl DesktopFiles for FakeDesktop {
    fn pick_folder(&self, _title: &str, _start: &Path) -> Picked {
        Picked::Cancelled
    }

    fn pick_pdf_to_save(&self, _title: &str, _folder: &Path, _file_name: &str) -> Picked {
        Picked::Path(self.save_as.clone())
    }

    fn open_file(&self, file: &Path) -> Result<(), String> {
        self.opened.lock().unwrap().push(file.to_path_buf());
        Ok(())
    }
}

fn field_value(harness: &Harness<'static, UnknotApp>, label: &str) -> String {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_visit_summary_is_saved_from_progress_and_opened() {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let out = tempfile::tempdir().unwrap();
    let chosen = out.path().join("for the physio.pdf");
    let desktop = Arc::new(FakeDesktop {
        save_as: chosen.clone(),
        opened: Mutex::default(),
    });
    let shared: Arc<dyn DesktopFiles> = desktop.clone();
    let clock = common::clock();
    let mut harness = common::harness_of(
        dir.path(),
        &clock,
        &unknot::notify::RecordingNotifier::default(),
        move |app| app.with_desktop_files(shared),
    );
    open_progress(&mut harness);
    common::click(&mut harness, "Visit summary…");
    // A screen reader hears a dialog by the name of its title.
    harness.get_by_role_and_label(Role::Dialog, "Visit summary");
    // Twelve weeks to begin with, their dates shown, a file in the exports folder.
    assert_eq!(field_value(&harness, "From"), "2026-09-03");
    assert_eq!(field_value(&harness, "to"), "2026-11-25");
    let offered = dir
        .path()
        .join("exports/unknot-visit-summary-2026-11-25.pdf");
    assert_eq!(field_value(&harness, "File"), offered.display().to_string());

    common::click(&mut harness, "Last 4 weeks");
    assert_eq!(field_value(&harness, "From"), "2026-10-29");
    common::click(&mut harness, "US Letter");
    common::click(&mut harness, "Choose…");
    // The dialog answers on its own thread.
    common::wait_until(&mut harness, |h| {
        field_value(h, "File") == chosen.display().to_string()
    });
    assert_eq!(field_value(&harness, "File"), chosen.display().to_string());
    common::click(&mut harness, "Save PDF");

    assert!(
        harness
            .query_by_label_contains(
                "Wrote the visit summary from 2026-10-29 to 2026-11-25 (US Letter)"
            )
            .is_some()
    );
    assert_eq!(mode(&chosen), 0o600);
    assert_eq!(pdf::info(&chosen, "Pages"), "1");
    assert!(
        pdf::info(&chosen, "Page size").starts_with("612 x 792"),
        "{}",
        pdf::info(&chosen, "Page size")
    );
    pdf::assert_sound(&chosen);
    let page = pdf::page_text(&chosen);
    assert!(
        page.contains("from 29 Oct 2026 to 25 Nov 2026 (4 weeks)"),
        "{page}"
    );
    // The figures are the ones the store gives for the period.
    let store = Store::open(dir.path()).unwrap();
    let period = unknot::domain::visit::Period::last_weeks(4, today()).unwrap();
    let summary = unknot::report::summarize(&store, period, today()).unwrap();
    // The row of figures under their labels: check-ins, baseline, latest.
    let figures = format!(
        "{} of {} {:.1} {:.1}",
        summary.adherence.done,
        summary.adherence.asked,
        summary.pain.baseline.value,
        summary.pain.latest.1
    );
    assert!(page.contains(&figures), "{figures} not in {page}");
    // Progress says the same change as the page, to the percent.
    let change = summary.pain.change.expect("a change against the baseline");
    let words = if change.percent < 0.0 {
        format!("{}% below your baseline", change.whole_percent())
    } else {
        format!("{}% above your baseline", change.whole_percent())
    };
    assert!(
        harness.query_by_label_contains(&words).is_some(),
        "Progress does not say {words:?}"
    );

    common::click(&mut harness, "Open it");
    assert_eq!(*desktop.opened.lock().unwrap(), vec![chosen.clone()]);

    // The next start offers the same weeks and paper again.
    drop(harness);
    let saved = store.setting("window.visit_summary").unwrap().unwrap();
    assert!(saved.contains("\"weeks\":4"), "{saved}");
    let mut harness = common::harness(dir.path(), &clock);
    open_progress(&mut harness);
    common::click(&mut harness, "Visit summary…");
    assert_eq!(field_value(&harness, "From"), "2026-10-29");
    let chosen = |label| harness.get_by_label(label).accesskit_node().toggled();
    assert_eq!(chosen("Last 4 weeks"), Some(Toggled::True));
    assert_eq!(chosen("US Letter"), Some(Toggled::True));
    assert_eq!(chosen("A4"), Some(Toggled::False));
}

/// In a small window, with no file dialog on the system: the offered file
/// in the exports folder (made private on first use), what is refused and
/// why, and a file already there kept or replaced as the person says.
#[test]
fn a_visit_summary_refuses_what_cannot_be_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(700.0, 500.0));
    open_progress(&mut harness);
    common::click(&mut harness, "Visit summary…");
    common::click(&mut harness, "Choose…");
    common::wait_until(&mut harness, |h| {
        h.query_by_label_contains("No file dialog can be opened here")
            .is_some()
    });
    assert!(
        harness
            .query_by_label_contains("Type the file's full path in the File field")
            .is_some()
    );

    let exports = dir.path().join("exports");
    let file = exports.join("unknot-visit-summary-2026-11-25.pdf");
    common::click(&mut harness, "Save PDF");
    assert_eq!(mode(&exports), 0o700);
    assert_eq!(mode(&file), 0o600);
    let first = std::fs::read(&file).unwrap();
    assert!(pdf::page_text(&file).contains("from 3 Sep 2026 to 25 Nov 2026 (12 weeks)"));

    // Refused, with the reason, and nothing written.
    let offered = file.display().to_string();
    let refusals = [
        (
            "yesterday",
            "2026-11-25",
            &*offered,
            "type the date as year-month-day",
        ),
        ("2026-11-26", "2026-11-27", &offered, "after today"),
        (
            "2026-11-20",
            "2026-11-26",
            &offered,
            "choose an end on or before today",
        ),
        ("2026-11-20", "2026-11-01", &offered, "before it starts"),
        ("2025-01-01", "2026-11-25", &offered, "at most 52 weeks"),
        (
            "2026-01-01",
            "2026-01-31",
            &offered,
            "there are no check-ins",
        ),
        (
            "2026-11-01",
            "2026-11-25",
            "summary.pdf",
            "Give the file's full path",
        ),
    ];
    for (from, to, file, reason) in refusals {
        common::fill(&mut harness, "From", from);
        common::fill(&mut harness, "to", to);
        common::fill(&mut harness, "File", file);
        common::click(&mut harness, "Save PDF");
        assert!(
            harness.query_by_label_contains(reason).is_some(),
            "no \"{reason}\" for {from} to {to} into {file}"
        );
    }
    assert_eq!(std::fs::read_dir(&exports).unwrap().count(), 1);

    // Already there: kept, then replaced.
    common::fill(&mut harness, "File", &file.display().to_string());
    common::click(&mut harness, "Last 4 weeks");
    common::click(&mut harness, "Save PDF");
    assert!(
        harness
            .query_by_label_contains("is already there. Replace it with this summary?")
            .is_some()
    );
    common::click(&mut harness, "Keep it");
    assert!(
        harness
            .query_by_label_contains("Nothing was saved")
            .is_some()
    );
    assert_eq!(std::fs::read(&file).unwrap(), first);
    common::click(&mut harness, "Save PDF");
    common::click(&mut harness, "Replace it");
    assert!(pdf::page_text(&file).contains("from 29 Oct 2026 to 25 Nov 2026 (4 weeks)"));
    assert_eq!(std::fs::read_dir(&exports).unwrap().count(), 1);

    // With no viewer on the system, opening it says where the file is.
    common::click(&mut harness, "Open it");
    assert!(
        harness
            .query_by_label_contains("Could not open it")
            .is_some()
    );
}

/// 700x500 at 150%: what saving says comes into sight inside the question,
/// below its buttons.
#[test]
fn what_saving_a_visit_summary_says_comes_into_sight_in_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    with_demo_history(dir.path());
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    let window = egui::vec2(700.0, 500.0) / 1.5;
    harness.set_size(window);
    harness.run();
    harness.run();
    open_progress(&mut harness);
    common::click(&mut harness, "Visit summary…");
    common::click(&mut harness, "Save PDF");
    harness.run();
    let said = harness
        .get_by_label_contains("Wrote the visit summary from")
        .rect();
    assert!(
        said.min.y >= 0.0 && said.max.y <= window.y,
        "the message lies at {said:?}"
    );
    assert!(dir.path().join("exports").read_dir().unwrap().count() == 1);
    // The question's title stays in sight while its contents scroll.
    let title = harness
        .get_by_role_and_label(Role::Label, "Visit summary")
        .rect();
    assert!(title.min.y >= 0.0, "the title lies at {title:?}");
}
