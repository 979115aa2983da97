//! Export, import and backup from the Settings screen, driven through the UI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

fn open_settings(harness: &mut egui_kittest::Harness<'static, unknot::ui::UnknotApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Settings")
        .click();
    harness.run();
}

fn set_folder(harness: &mut egui_kittest::Harness<'static, unknot::ui::UnknotApp>, path: &str) {
    common::fill(harness, "Folder", path);
}

#[test]
fn export_writes_the_csv_files_into_the_typed_folder_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 6");
    common::click(&mut harness, "Save check-in");

    open_settings(&mut harness);
    let target = out.path().join("my export");
    set_folder(&mut harness, target.to_str().unwrap());
    common::click(&mut harness, "Export CSV");

    let csv = std::fs::read_to_string(target.join("checkins.csv")).unwrap();
    assert!(csv.contains("2026-11-25,2026-11-25T08:00:00Z,6,"), "{csv}");
    assert!(target.join("sessions.csv").exists());
    assert!(target.join("checklist.csv").exists());
    assert!(
        harness
            .query_by_label_contains(&format!("to {}", target.display()))
            .is_some()
    );
}

#[test]
fn a_bad_import_names_the_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = tempfile::tempdir().unwrap();
    std::fs::write(
        input.path().join("checkins.csv"),
        "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n\
         2026-01-02,2026-01-02T08:00:00Z,12,,,0,0,0,x\r\n",
    )
    .unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_settings(&mut harness);
    set_folder(&mut harness, input.path().to_str().unwrap());
    common::click(&mut harness, "Import CSV");
    assert!(
        harness
            .query_by_label_contains("line 2, column pain")
            .is_some()
    );
    assert!(harness.state().store().checkins().unwrap().is_empty());

    // A good file imports, and the history shows it.
    std::fs::write(
        input.path().join("checkins.csv"),
        "date,recorded_at,pain,stress,areas,arm_symptoms,after_impact,fever,note\r\n\
         2026-01-02,2026-01-02T08:00:00Z,2,,,0,0,0,x\r\n",
    )
    .unwrap();
    common::click(&mut harness, "Import CSV");
    assert!(
        harness
            .query_by_label_contains("Added 1 check-in,")
            .is_some()
    );
    assert_eq!(harness.state().store().checkins().unwrap().len(), 1);
    assert_eq!(harness.state().data().checkins.len(), 1);
}

#[test]
fn back_up_now_makes_a_checked_copy() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_settings(&mut harness);
    common::click(&mut harness, "Back up now");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    unknot::store::backup::check_integrity(&backups[0]).unwrap();
    // Said in the Backups card, under its button, not up in the Export card.
    let said = harness.get_by_label_contains("Backed up to").rect();
    let button = harness.get_by_label("Back up now").rect();
    assert!(said.top() > button.bottom(), "{said:?} vs {button:?}");
    let export_button = harness.get_by_label("Export CSV").rect();
    assert!(said.top() > export_button.bottom() + 40.0);
}

#[test]
fn a_backup_is_restored_from_settings_in_place_and_the_current_data_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 6");
    common::click(&mut harness, "Save check-in");
    let backup = dir.path().join("backups").join("unknot-2026-11-25.sqlite3");
    assert_eq!(harness.state().store().backup_to(&backup).unwrap(), backup);
    // A change after the backup: it must survive in the kept file.
    common::click(&mut harness, "Pain 2");
    common::click(&mut harness, "Update check-in");

    open_settings(&mut harness);
    common::click(&mut harness, "Restore a backup…");
    common::click(&mut harness, "Restore unknot-2026-11-25.sqlite3");
    // The first click only asks.
    assert_eq!(harness.state().data().checkins[0].pain.get(), 2);
    common::click(&mut harness, "Yes, restore unknot-2026-11-25.sqlite3");

    // The window shows the backup's data at once, read back from the store.
    let restored = harness.state().store().checkins().unwrap();
    assert_eq!(restored.len(), 1);
    assert_eq!(restored[0].pain.get(), 6);
    assert_eq!(harness.state().data().checkins, restored);
    assert!(harness.query_by_label_contains("Restored ").is_some());
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains(".replaced-"))
        .expect("the data before the restore is kept")
        .path();
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(&kept, scratch.path().join(unknot::store::DB_FILE_NAME)).unwrap();
    let before = unknot::store::Store::open(scratch.path()).unwrap();
    assert_eq!(before.checkins().unwrap()[0].pain.get(), 2);
}

#[test]
fn each_screen_keeps_its_own_scroll_position_and_opens_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(1040.0, 480.0));
    harness.run();

    open_settings(&mut harness);
    let about = format!("About Unknot {}", env!("CARGO_PKG_VERSION"));
    harness.get_by_label(&about).scroll_to_me();
    harness.run();
    let scrolled = harness.get_by_label(&about).rect();
    assert!(scrolled.bottom() <= 480.0, "{scrolled:?}");

    // Another screen opens at its top, not at Settings' offset.
    common::open(&mut harness, unknot::ui::Screen::Progress);
    let heading = harness.get_by_label("4 weeks").rect();
    assert!(
        (0.0..160.0).contains(&heading.top()),
        "Progress opened scrolled: {heading:?}"
    );

    // And Settings is where it was left.
    open_settings(&mut harness);
    assert_eq!(harness.get_by_label(&about).rect(), scrolled);
}

#[test]
fn export_asks_before_replacing_an_earlier_export() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 6");
    common::click(&mut harness, "Save check-in");
    let checkins = out.path().join("checkins.csv");
    std::fs::write(&checkins, "an earlier export").unwrap();
    std::fs::write(out.path().join("sessions.csv"), "sessions").unwrap();

    open_settings(&mut harness);
    set_folder(&mut harness, out.path().to_str().unwrap());
    common::click(&mut harness, "Export CSV");
    assert!(
        harness
            .query_by_label_contains("checkins.csv and sessions.csv from an earlier export")
            .is_some()
    );
    common::click(&mut harness, "Cancel");
    assert_eq!(
        std::fs::read_to_string(&checkins).unwrap(),
        "an earlier export"
    );
    assert!(!out.path().join("checklist.csv").exists());
    assert!(harness.query_by_label("Replace them").is_none());

    common::click(&mut harness, "Export CSV");
    common::click(&mut harness, "Replace them");
    let csv = std::fs::read_to_string(&checkins).unwrap();
    assert!(csv.contains("2026-11-25,2026-11-25T08:00:00Z,6,"), "{csv}");
    assert!(out.path().join("checklist.csv").exists());
}

#[test]
fn without_a_folder_dialog_the_typed_folder_is_checked_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_settings(&mut harness);
    common::click(&mut harness, "Choose…");
    // The dialog answers on its own thread.
    common::wait_until(&mut harness, |h| {
        h.query_by_label_contains("No folder dialog can be opened here")
            .is_some()
    });
    assert!(
        harness
            .query_by_label_contains("Type the folder's full path")
            .is_some()
    );

    let file = out.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    set_folder(&mut harness, file.to_str().unwrap());
    common::click(&mut harness, "Export CSV");
    assert!(
        harness
            .query_by_label_contains("is a file, not a folder")
            .is_some()
    );
    set_folder(&mut harness, "not/a/full/path");
    common::click(&mut harness, "Export CSV");
    assert!(harness.query_by_label_contains("not a full path").is_some());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);

    set_folder(&mut harness, out.path().to_str().unwrap());
    common::click(&mut harness, "Export CSV");
    assert!(out.path().join("checkins.csv").exists());
    assert!(
        harness
            .query_by_label_contains(&format!("to {}", out.path().display()))
            .is_some()
    );
}

#[test]
fn the_restore_list_shows_what_each_backup_holds() {
    use unknot::domain::session::{Session, SessionKind};
    let dir = tempfile::tempdir().unwrap();
    let started_at = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
        .unwrap()
        .to_utc();
    let mut store = unknot::store::Store::open(dir.path()).unwrap();
    for minute in [0, 30] {
        let session = Session::new(
            SessionKind::Heat,
            started_at + chrono::Duration::minutes(minute),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            600,
        );
        store.add_session(&session).unwrap();
    }
    drop(store);
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    common::click(&mut harness, "Pain 6");
    common::click(&mut harness, "Save check-in");
    let backup = dir.path().join("backups").join("unknot-2026-11-25.sqlite3");
    harness.state().store().backup_to(&backup).unwrap();
    // What is added after the backup is not in it.
    let later = Session::new(
        SessionKind::Heat,
        started_at + chrono::Duration::hours(2),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        600,
    );
    let mut store = unknot::store::Store::open(dir.path()).unwrap();
    store.add_session(&later).unwrap();
    drop(store);

    open_settings(&mut harness);
    common::click(&mut harness, "Restore a backup…");
    assert!(
        harness
            .query_by_label_contains("1 check-in and 2 sessions")
            .is_some()
    );
    common::click(&mut harness, "Restore unknot-2026-11-25.sqlite3");
    assert!(
        harness
            .query_by_label("Replace your data with this backup's 1 check-in and 2 sessions?")
            .is_some()
    );
}

#[test]
fn choosing_dark_is_saved_and_darkens_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    open_settings(&mut harness);
    common::click(&mut harness, "Dark");

    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    let store = unknot::store::Store::open(dir.path()).unwrap();
    let (prefs, _) = store.preferences().unwrap();
    assert_eq!(prefs.appearance, unknot::preferences::Appearance::Dark);

    common::click(&mut harness, "Light");
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    let (prefs, _) = store.preferences().unwrap();
    assert_eq!(prefs.appearance, unknot::preferences::Appearance::Light);
}

#[test]
fn as_the_desktop_the_window_follows_its_dark_preference_until_light_is_chosen() {
    use unknot::desktop_theme::{ColorScheme, DesktopScheme};
    use unknot::ui::theme;

    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let desktop = DesktopScheme::new(ColorScheme::PreferDark);
    let scheme = desktop.clone();
    let notifier = unknot::notify::RecordingNotifier::default();
    let mut harness = common::harness_of(dir.path(), &clock, &notifier, move |app| {
        app.with_desktop_scheme(scheme)
    });
    let page =
        |harness: &egui_kittest::Harness<'_, _>| harness.ctx.global_style().visuals.panel_fill;
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    assert_eq!(theme::palette(&harness.ctx), &theme::DARK);
    assert_eq!(page(&harness), theme::DARK.page);

    // The desktop changes while the window is open.
    desktop.set(ColorScheme::PreferLight);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert_eq!(page(&harness), theme::LIGHT.page);
    desktop.set(ColorScheme::PreferDark);
    harness.run();
    assert_eq!(page(&harness), theme::DARK.page);

    // Light chosen in Settings wins over the desktop.
    open_settings(&mut harness);
    common::click(&mut harness, "Light");
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert_eq!(page(&harness), theme::LIGHT.page);
}

#[test]
fn days_off_are_marked_from_settings_and_an_overlap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    open_settings(&mut harness);
    for _ in 0..4 {
        common::click(&mut harness, "Later last day off");
    }
    common::click(&mut harness, "Sick");
    harness.get_by_label("Mark as days off").scroll_to_me();
    harness.run();
    let button_at = harness.get_by_label("Mark as days off").rect();
    common::click(&mut harness, "Mark as days off");
    // The days now listed as still to come do not push the button away
    // from under the pointer.
    assert_eq!(harness.get_by_label("Mark as days off").rect(), button_at);
    let stored = harness.state().store().days_off().unwrap();
    assert_eq!(stored.len(), 1);
    let d = &stored[0].record;
    assert_eq!(
        (d.first.to_string(), d.last.to_string()),
        ("2026-11-25".into(), "2026-11-29".into())
    );
    assert_eq!(d.reason.code(), "sick");
    assert!(
        harness
            .query_by_label_contains("Marked 25 November to 29 November as days off")
            .is_some()
    );

    // The same days again: refused, with the reason beside the button.
    common::click(&mut harness, "Later first day off");
    common::click(&mut harness, "Mark as days off");
    assert!(harness.query_by_label_contains("already marked").is_some());
    assert_eq!(harness.state().store().days_off().unwrap().len(), 1);

    // Days weeks ahead are typed. The last day follows a first typed past
    // it; a last day that is not a date is refused and nothing is written.
    common::fill(&mut harness, "First day off", "2026-12-24");
    let shown = harness.query_all_by_label_contains("Thu 24 Dec 2026");
    assert_eq!(shown.count(), 2, "both days say which day was typed");
    common::fill(&mut harness, "Last day off", "2026-12-3x");
    common::click(&mut harness, "Mark as days off");
    harness.get_by_label_contains(
        "Type the last day off as a date like 2026-12-24, not \"2026-12-3x\"",
    );
    assert_eq!(harness.state().store().days_off().unwrap().len(), 1);
    common::fill(&mut harness, "Last day off", "2027-01-02");
    common::click(&mut harness, "Earlier last day off");
    common::click(&mut harness, "Mark as days off");
    let stored = harness.state().store().days_off().unwrap();
    let typed = stored
        .iter()
        .map(|d| &d.record)
        .find(|d| d.first.to_string() == "2026-12-24");
    let typed = typed.expect("the typed days off are saved");
    assert_eq!(
        (typed.first.to_string(), typed.last.to_string()),
        ("2026-12-24".into(), "2027-01-01".into())
    );
}

/// An hour's list opens at the hour chosen, not at midnight.
#[test]
fn an_hour_list_opens_at_the_hour_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    let mut harness = common::harness(dir.path(), &clock);
    harness.set_size(egui::vec2(900.0, 700.0));
    open_settings(&mut harness);
    common::click(&mut harness, "Active hours end");
    harness.run();
    let list = harness.get_by_label("Active hours end").rect();
    // The default end is 18:00, far down a list that shows about ten hours.
    let chosen = harness.get_by_role_and_label(Role::Button, "18:00").rect();
    assert!(
        chosen.min.y > list.max.y && chosen.max.y < list.max.y + 240.0,
        "18:00 lies at {chosen:?}, the list opens below {list:?}"
    );
}
