//! Shared by the benchmarks: ten years of seeded demo data, a private Xvfb
//! display, and small statistics helpers.
//!
//! Every bench runs a quick smoke check when started without `--bench` (as
//! `cargo test --all-targets` does) and the real measurement under
//! `cargo bench --bench NAME`.

#![allow(dead_code)] // Not every bench uses every helper.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use unknot::domain::pain::{Area, CheckIn, Rating, RedFlags};
use unknot::domain::session::{Session, SessionExercise, SessionKind};
use unknot::store::Store;

/// True under `cargo bench`, which passes `--bench`; false under `cargo test`.
pub fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// A small seeded generator (SplitMix64): the same data on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const NOTES: [&str; 8] = [
    "long call, forgot to move",
    "better after the walk",
    "slept badly",
    "new chair arrived",
    "stiff in the morning, fine by noon",
    "deadline week",
    "heat pack helped",
    "worked from the sofa, mistake",
];

/// Days in the demo history.
pub const DEMO_DAYS: u64 = 3652;

/// `days` of seeded history ending the day before `today`: a check-in on
/// most days, and a stretch, strength, heat or massage session on many.
pub fn demo_history(today: NaiveDate, days: u64, seed: u64) -> (Vec<CheckIn>, Vec<Session>) {
    let mut rng = Rng::new(seed);
    let mut checkins = Vec::new();
    let mut sessions = Vec::new();
    let start = today - Days::new(days);
    let mut pain: i64 = 6;
    for offset in 0..days {
        let date = start + Days::new(offset);
        let noon = Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).expect("a valid time"));
        // A slow random walk, drifting down as the habits take hold.
        pain = (pain + rng.below(3) as i64 - 1 - i64::from(rng.chance(3))).clamp(0, 10);
        if rng.chance(88) {
            let areas: Vec<Area> = Area::ALL.into_iter().filter(|_| rng.chance(40)).collect();
            checkins.push(CheckIn {
                date,
                recorded_at: noon + chrono::Duration::minutes(rng.below(600) as i64 - 240),
                pain: Rating::new(pain, "pain").expect("pain is clamped to 0..=10"),
                stress: rng
                    .chance(80)
                    .then(|| Rating::new(rng.below(11) as i64, "stress").expect("0..=10")),
                areas,
                red_flags: RedFlags {
                    arm_symptoms: rng.chance(1),
                    after_impact: false,
                    fever: rng.chance(1),
                },
                note: if rng.chance(30) {
                    (*rng.pick(&NOTES)).to_owned()
                } else {
                    String::new()
                },
            });
        }
        for slot in 0..rng.below(3) {
            let kind = *rng.pick(&SessionKind::ALL);
            let started_at = noon + chrono::Duration::hours(slot as i64 * 3 - 3);
            let mut s = Session::new(kind, started_at, date, 180 + rng.below(900) as u32);
            match kind {
                SessionKind::Stretch => {
                    s.routine = "Desk break".to_owned();
                    s.exercises =
                        exercises(&mut rng, &["cat_cow", "seated_twist", "thread_the_needle"]);
                }
                SessionKind::Strength => {
                    s.routine = "Strength".to_owned();
                    s.exercises = exercises(&mut rng, &["wall_angels", "bird_dog"]);
                }
                SessionKind::Heat => {
                    s.heat_type = Some((*rng.pick(&["moist", "electric", "other"])).to_owned());
                    s.area = Some("between_shoulder_blades".to_owned());
                    s.duration_secs = 900 + rng.below(300) as u32;
                }
                SessionKind::Massage => {
                    s.area = Some("shoulder_tops".to_owned());
                    s.exercises = exercises(&mut rng, &["ball_massage"]);
                }
            }
            s.feel_after = rng
                .chance(60)
                .then(|| Rating::new(rng.below(11) as i64, "feel after").expect("0..=10"));
            sessions.push(s);
        }
    }
    (checkins, sessions)
}

fn exercises(rng: &mut Rng, ids: &[&str]) -> Vec<SessionExercise> {
    ids.iter()
        .map(|id| {
            let planned = 4;
            SessionExercise {
                exercise: (*id).to_owned(),
                holds_done: planned - rng.below(2) as u32,
                holds_planned: planned,
            }
        })
        .collect()
}

/// Creates a store in `dir` holding `days` of demo history; returns the
/// numbers of check-ins and sessions written.
pub fn fill_store(dir: &Path, today: NaiveDate, days: u64) -> (usize, usize) {
    let (checkins, sessions) = demo_history(today, days, 2026);
    let mut store = Store::open(dir).expect("open the store");
    let added_checkins = store
        .insert_new_checkins(&checkins)
        .expect("insert check-ins");
    let added_sessions = store
        .insert_new_sessions(&sessions)
        .expect("insert sessions");
    assert_eq!(added_checkins, checkins.len());
    assert_eq!(added_sessions, sessions.len());
    (added_checkins, added_sessions)
}

/// The median of some samples (sorted in place).
pub fn median(samples: &mut [f64]) -> f64 {
    assert!(!samples.is_empty(), "no samples");
    samples.sort_by(f64::total_cmp);
    let mid = samples.len() / 2;
    if samples.len() % 2 == 1 {
        samples[mid]
    } else {
        (samples[mid - 1] + samples[mid]) / 2.0
    }
}

/// A private X server for the window benches; stopped when dropped.
pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Xvfb {
    /// Starts `Xvfb` on a free display it picks itself.
    pub fn start() -> Self {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb (install it with: apt-get install xvfb)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("Xvfb's stdout"))
            .read_line(&mut line)
            .expect("read the display number from Xvfb");
        let number: u32 = line.trim().parse().expect("Xvfb printed a display number");
        // Give the server a moment to accept clients.
        std::thread::sleep(Duration::from_millis(200));
        Self {
            child,
            display: format!(":{number}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app in a kittest harness (no display needed) over a store in `dir`
/// holding `days` of seeded demo history up to `last_day`, in the clock's
/// time zone, after its first frame.
pub fn app_harness(
    dir: &Path,
    days: u32,
    last_day: NaiveDate,
    clock: &unknot::domain::clock::ManualClock,
) -> egui_kittest::Harness<'static, unknot::ui::UnknotApp> {
    use unknot::domain::clock::Clock;
    let mut store = Store::open(dir).expect("open the store");
    if days > 0 {
        let zone = clock.local_now().timezone();
        let history = unknot::demo::generate_in(days, last_day, unknot::demo::DEFAULT_SEED, &zone);
        unknot::demo::fill_store(&mut store, &history).expect("fill the store");
    }
    let app_clock = std::sync::Arc::new(clock.clone());
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1040.0, 900.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| unknot::ui::UnknotApp::new(&cc.egui_ctx, store, app_clock));
    harness.run();
    harness
}
