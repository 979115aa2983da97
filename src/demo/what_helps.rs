//! The demo's records of what helps: days off on the holidays the main
//! history already left gaps for, now and then a sick day or two,
//! flare-ups on the bad spells, an experiment every six weeks or so, and a
//! weekly function check over three activities that get easier as pain
//! eases. Drawn from a generator of their own, so the check-ins and
//! sessions stay exactly as they were.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{Rng, at};
use crate::domain::days_off::{DaysOff, Reason};
use crate::domain::experiment::{Experiment, ExperimentKind};
use crate::domain::flare::FlareUp;
use crate::domain::function_check::{Activity, FunctionRating};
use crate::domain::pain::Rating;

/// What the main history's loop knows about one day, for the layers.
#[derive(Debug, Clone, Copy)]
pub(super) struct DayShape {
    pub date: NaiveDate,
    pub pain: f64,
    pub on_holiday: bool,
    pub in_flare: bool,
}

/// Flare-ups, days off, experiments and function checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpsHistory {
    pub flare_ups: Vec<FlareUp>,
    pub days_off: Vec<DaysOff>,
    pub experiments: Vec<Experiment>,
    pub activities: Vec<Activity>,
    pub function_ratings: Vec<FunctionRating>,
}

const TRIGGERS: [&str; 6] = [
    "Two hours of calls without a break",
    "Lifted a heavy box",
    "Laptop on the sofa",
    "Slept awkwardly",
    "Rushed deadline",
    "Long drive",
];

const WHAT_HELPED: [&str; 5] = [
    "Heat pack for 15 minutes",
    "A short walk",
    "Desk-break stretches",
    "Lay down for a while",
    "",
];

const EXPERIMENTS: [(&str, ExperimentKind); 6] = [
    ("Chin tucks every hour", ExperimentKind::Exercise),
    ("Monitor raised to eye level", ExperimentKind::Workstation),
    ("Heat pack after work", ExperimentKind::Heat),
    ("In bed by 23:00", ExperimentKind::Sleep),
    ("Walk at lunchtime", ExperimentKind::Other),
    ("Band pull-aparts twice a day", ExperimentKind::Exercise),
];

const ACTIVITIES: [&str; 3] = [
    "A two-hour meeting without moving",
    "Carrying the shopping home",
    "Sleeping through the night",
];

pub(super) fn generate<Tz: TimeZone>(days: &[DayShape], seed: u64, tz: &Tz) -> HelpsHistory {
    let mut rng = Rng(seed ^ 0x0068_656c_7073);
    let mut out = HelpsHistory::default();
    let Some(first) = days.first().map(|d| d.date) else {
        return out;
    };
    let created = |date: NaiveDate| -> DateTime<Utc> { at(tz, date, 8, 0) };

    // Holidays become days off; a sick day or two now and then.
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    for d in days {
        let sick = !d.on_holiday && run.is_none() && rng.chance(1.0 / 120.0);
        match (&mut run, d.on_holiday) {
            (Some((_, last)), true) => *last = d.date,
            (None, true) => run = Some((d.date, d.date)),
            (Some((from, to)), false) => {
                out.days_off
                    .push(days_off(*from, *to, Reason::Holiday, created(*from)));
                run = None;
            }
            (None, false) => {}
        }
        if sick {
            let last = d.date.succ_opt().unwrap_or(d.date);
            let clear = !days
                .iter()
                .any(|o| (o.date == d.date || o.date == last) && o.on_holiday);
            if clear && out.days_off.last().is_none_or(|l| l.last < d.date) {
                out.days_off
                    .push(days_off(d.date, last, Reason::Sick, created(d.date)));
            }
        }
    }
    if let Some((from, to)) = run {
        out.days_off
            .push(days_off(from, to, Reason::Holiday, created(from)));
    }
    out.days_off.dedup_by(|b, a| a.overlaps(b));

    // Flare-ups on the bad spells, an occasional one otherwise.
    for d in days {
        let count = if d.in_flare {
            rng.between(1, 2)
        } else {
            u32::from(rng.chance(0.08))
        };
        for _ in 0..count {
            let pain = (d.pain + 1.5 + rng.unit() * 2.0).round().clamp(0.0, 10.0);
            let Ok(pain) = Rating::new(pain as i64, "pain") else {
                continue;
            };
            let pick = |rng: &mut Rng, list: &[&str]| {
                let i = rng.between(0, u32::try_from(list.len()).unwrap_or(1) - 1);
                list.get(i as usize).copied().unwrap_or_default().to_owned()
            };
            out.flare_ups.push(FlareUp {
                at: at(tz, d.date, rng.between(10, 18), rng.between(0, 59)),
                date: d.date,
                pain,
                set_off_by: pick(&mut rng, &TRIGGERS),
                helped: pick(&mut rng, &WHAT_HELPED),
            });
        }
    }
    out.flare_ups.sort_by_key(|f| f.at);

    // An experiment of 14 days every six weeks or so, after the first month.
    let last_day = days.last().map_or(first, |d| d.date);
    let mut start = first + chrono::Days::new(30);
    let mut n = 0;
    while start <= last_day {
        let (name, kind) = EXPERIMENTS[n % EXPERIMENTS.len()];
        let round = n / EXPERIMENTS.len();
        out.experiments.push(Experiment {
            name: if round == 0 {
                name.to_owned()
            } else {
                format!("{name} ({})", round + 1)
            },
            kind,
            start,
            planned_days: 14,
            stopped_on: None,
            created_at: created(start),
        });
        n += 1;
        start = start + chrono::Days::new(u64::from(rng.between(35, 50)));
    }

    // Three activities named in the first week, rated every Sunday evening.
    let named_on = first;
    for (i, name) in ACTIVITIES.iter().enumerate() {
        out.activities.push(Activity {
            uid: format!("demo-activity-{}", i + 1),
            name: (*name).to_owned(),
            added_on: named_on,
            retired_on: None,
        });
    }
    let mut week_pain = Vec::new();
    for d in days {
        week_pain.push(d.pain);
        if d.date.format("%u").to_string() != "7" {
            continue;
        }
        let mean = week_pain.iter().sum::<f64>() / week_pain.len().max(1) as f64;
        week_pain.clear();
        if rng.chance(0.15) {
            continue; // a week without the check
        }
        for (i, activity) in out.activities.iter().enumerate() {
            let base = [8.5, 9.0, 10.0][i % 3];
            let score = (base - mean * 0.9 + rng.noise() * 0.6)
                .round()
                .clamp(0.0, 10.0);
            if let Ok(score) = Rating::new(score as i64, "score") {
                out.function_ratings.push(FunctionRating {
                    activity_uid: activity.uid.clone(),
                    date: d.date,
                    rated_at: at(tz, d.date, 20, 30),
                    score,
                });
            }
        }
    }
    out
}

fn days_off(
    first: NaiveDate,
    last: NaiveDate,
    reason: Reason,
    created_at: DateTime<Utc>,
) -> DaysOff {
    DaysOff {
        first,
        last,
        reason,
        created_at,
    }
}
