//! The figures on the visit summary: one page a physiotherapist or doctor
//! can read in a minute, with the pain trend beside what was done.
//!
//! [`VisitSummary::compute`] is pure. Its cost follows the period, not the
//! history: every list in [`VisitRecords`] is sorted by date, oldest first
//! (as the store reads them), and is cut to the days it needs with
//! `partition_point`, so a caller may pass the whole history or only the
//! days [`reach_back`] names. Sections with nothing in the period are left
//! out (`None` or empty), never shown empty.

mod sections;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::checklist::ChecklistAnswer;
use super::dates::{days_before, week_start};
use super::days_off::DaysOff;
use super::experiment::Experiment;
use super::experiment::compare::{BAD_SPELL_REFERENCE_DAYS, ExperimentResult};
use super::flare::FlareUp;
use super::function_check::{Activity, ActivityChange, FunctionRating};
use super::pain::{CheckIn, latest_per_day};
use super::session::Session;
use super::trend::{
    self, Baseline, CheckInAdherence, DayValue, Improvement, ROLLING_WINDOW_DAYS, WeekCounts,
};

pub use sections::shorten;

/// Most weeks a summary covers.
pub const MAX_WEEKS: u32 = 52;
/// Weeks a summary covers unless told otherwise.
pub const DEFAULT_WEEKS: u32 = 12;
/// The periods the window offers as one click, in weeks.
pub const OFFERED_WEEKS: [u32; 3] = [4, 8, 12];
/// Most days a summary covers (52 weeks).
pub const MAX_DAYS: i64 = 52 * 7;
/// Up to this many days the chart shows each day's pain; beyond, weekly
/// means, so that the page still reads at a glance.
pub const DAILY_CHART_DAYS: i64 = 12 * 7;
/// Notes shown, the most recent first.
pub const MAX_NOTES: usize = 5;
/// A note longer than this many characters is shortened.
pub const NOTE_CHARS: usize = 140;

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Why a period cannot be summed up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("a summary covers 1 to {MAX_WEEKS} weeks, not {0}")]
    Weeks(u32),
    #[error("the period would end on {to}, before it starts on {from}")]
    Backwards { from: NaiveDate, to: NaiveDate },
    #[error(
        "the period starts on {from}, after today ({today}); a summary is of days that have passed"
    )]
    Future { from: NaiveDate, today: NaiveDate },
    #[error("the period ends on {to}, after today ({today}); choose an end on or before today")]
    EndsAfterToday { to: NaiveDate, today: NaiveDate },
    #[error(
        "the period has {days} days; a summary covers at most {MAX_WEEKS} weeks ({MAX_DAYS} days)"
    )]
    TooLong { days: i64 },
    #[error("there are no check-ins from {from} to {to}; a summary needs at least one")]
    NoCheckIns { from: NaiveDate, to: NaiveDate },
}

impl Period {
    /// The last `weeks` whole weeks ending today (today - 7 * weeks + 1 to today).
    pub fn last_weeks(weeks: u32, today: NaiveDate) -> Result<Period, PeriodError> {
        if !(1..=MAX_WEEKS).contains(&weeks) {
            return Err(PeriodError::Weeks(weeks));
        }
        Ok(Period {
            from: days_before(today, u64::from(weeks * 7 - 1)),
            to: today,
        })
    }

    /// From `from` to `to`: not backwards, not after today, at most
    /// [`MAX_DAYS`] days.
    pub fn between(
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::Backwards { from, to });
        }
        if from > today {
            return Err(PeriodError::Future { from, today });
        }
        if to > today {
            return Err(PeriodError::EndsAfterToday { to, today });
        }
        let period = Period { from, to };
        if period.days() > MAX_DAYS {
            return Err(PeriodError::TooLong {
                days: period.days(),
            });
        }
        Ok(period)
    }

    /// How many days it has.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A period as a person asks for it, before it is checked against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    /// The last this many weeks, ending today.
    LastWeeks(u32),
    /// From one day to another, both included.
    Between { from: NaiveDate, to: NaiveDate },
}

impl PeriodChoice {
    /// The days this choice names on `today`, or why there are none.
    pub fn period(self, today: NaiveDate) -> Result<Period, PeriodError> {
        match self {
            PeriodChoice::LastWeeks(weeks) => Period::last_weeks(weeks, today),
            PeriodChoice::Between { from, to } => Period::between(from, to, today),
        }
    }
}

/// What a summary is computed from. Every list is sorted by date, oldest
/// first, and may hold the whole history; what each must hold at least is
/// said beside it (more is fine, fewer is not).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VisitRecords {
    /// From [`reach_back`] to the period's end.
    pub checkins: Vec<CheckIn>,
    /// The first [`trend::BASELINE_CHECKINS`] check-ins of the whole
    /// history (fewer if there are fewer): the automatic baseline, as
    /// Progress computes it. May be left empty when `checkins` is the whole
    /// history.
    pub first_checkins: Vec<CheckIn>,
    /// The baseline the person set, if any.
    pub user_baseline: Option<f64>,
    /// The first day with a check-in or a session, if any.
    pub first_record: Option<NaiveDate>,
    /// From the Monday of the period's first week to its end.
    pub sessions: Vec<Session>,
    /// In the period.
    pub flare_ups: Vec<FlareUp>,
    /// Those on a day from the Monday of the period's first week to its end.
    pub days_off: Vec<DaysOff>,
    /// Those that ran on a day of the period, and those that ran on a day
    /// of theirs (an experiment's result names them).
    pub experiments: Vec<Experiment>,
    /// Every answer the checklist's items have had (there are few).
    pub checklist_history: Vec<ChecklistAnswer>,
    /// Every function-check activity, retired ones included.
    pub activities: Vec<Activity>,
    /// In the period.
    pub function_ratings: Vec<FunctionRating>,
}

/// The earliest day whose check-in a summary of `period` reads: the week
/// before it for the 7-day mean, and the windows the experiments that ran
/// in it are compared over (their "before" days and the weeks before
/// those, for the bad-spell caveat).
pub fn reach_back(period: Period, experiments: &[Experiment]) -> NaiveDate {
    // Six days before the start: never after the Monday of the first week.
    let mut first = days_before(period.from, (ROLLING_WINDOW_DAYS - 1).unsigned_abs());
    for e in experiments.iter().filter(|e| touches(e, period)) {
        let before = e.before_window().0;
        first = first.min(days_before(before, u64::from(BAD_SPELL_REFERENCE_DAYS)));
    }
    first
}

fn touches(e: &Experiment, period: Period) -> bool {
    e.start <= period.to && e.end() >= period.from
}

/// A warning-sign question answered yes, and the days it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningSign {
    /// The question's plain description ([`super::pain::RedFlags::reasons`]).
    pub reason: &'static str,
    pub dates: Vec<NaiveDate>,
}

/// The change of the latest 7-day average against the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Negative is less pain.
    pub percent: f64,
    pub improvement: Improvement,
}

impl Change {
    /// The size of the change in whole percent (see [`trend::whole_percent`]).
    pub fn whole_percent(self) -> u32 {
        trend::whole_percent(self.percent)
    }
}

/// Pain over the period against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct PainFigures {
    pub baseline: Baseline,
    /// The last 7-day average in the period and its day.
    pub latest: DayValue,
    /// `None` when the baseline is 0.
    pub change: Option<Change>,
}

/// Days from one date to another, both included, within the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// What the chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct PainChart {
    /// Weekly means instead of daily pain (a period over
    /// [`DAILY_CHART_DAYS`]).
    pub weekly: bool,
    /// Daily pain, or each week's mean placed on the middle of its days in
    /// the period.
    pub points: Vec<DayValue>,
    /// The 7-day mean, daily charts only.
    pub mean: Vec<DayValue>,
    /// Each flare-up's day and pain.
    pub flare_ups: Vec<(NaiveDate, u8)>,
    /// One band per experiment of [`VisitSummary::experiments`], in order.
    pub experiments: Vec<Band>,
    pub days_off: Vec<Band>,
}

/// Sessions in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFigures {
    pub strength: u32,
    pub stretch: u32,
    pub heat: u32,
    pub massage: u32,
    /// Strengthening sessions a week on average over the period.
    pub strength_per_week: f64,
    /// Weeks (Monday to Sunday) wholly inside the period, with their counts
    /// and targets.
    pub full_weeks: Vec<WeekCounts>,
}

impl SessionFigures {
    /// Full weeks whose strengthening target was met.
    pub fn weeks_on_target(&self) -> usize {
        self.full_weeks
            .iter()
            .filter(|w| w.strength >= w.strength_target())
            .count()
    }
}

/// One checklist answer given in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistChange {
    pub date: NaiveDate,
    /// The item's statement.
    pub item: &'static str,
    pub answer: super::checklist::Answer,
    /// What it was before, if it had been answered.
    pub previous: Option<super::checklist::Answer>,
}

/// The workstation checklist at the end of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistFigures {
    pub score: super::checklist::Score,
    pub changes: Vec<ChecklistChange>,
}

/// An experiment that ran on some day of the period, and its result as of
/// the period's end.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentFigures {
    pub experiment: Experiment,
    pub result: ExperimentResult,
}

/// The function check's activities rated in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionFigures {
    pub changes: Vec<ActivityChange>,
    /// `None` when no activity was rated twice.
    pub average: Option<f64>,
}

/// A check-in's note, or a flare-up's words, shortened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub date: NaiveDate,
    pub text: String,
}

/// Everything on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitSummary {
    /// The period asked for.
    pub asked: Period,
    /// The period shown: the one asked for, started no earlier than the
    /// first record.
    pub period: Period,
    /// The day the summary was made.
    pub made_on: NaiveDate,
    pub warnings: Vec<WarningSign>,
    pub adherence: CheckInAdherence,
    pub pain: PainFigures,
    pub chart: PainChart,
    pub sessions: Option<SessionFigures>,
    pub checklist: Option<ChecklistFigures>,
    pub experiments: Vec<ExperimentFigures>,
    pub function: Option<FunctionFigures>,
    pub notes: Vec<Note>,
}

impl VisitSummary {
    /// Whether the period asked for reached back before the first record
    /// and was shortened to start there.
    pub fn shortened(&self) -> bool {
        self.period.from > self.asked.from
    }

    /// Flare-ups in the period.
    pub fn flare_up_count(&self) -> usize {
        self.chart.flare_ups.len()
    }

    /// Sums up `asked` from `records` (see [`VisitRecords`]). A period that
    /// reaches back before the first record starts there instead; one with
    /// no check-in is refused.
    pub fn compute(
        asked: Period,
        records: &VisitRecords,
        today: NaiveDate,
    ) -> Result<VisitSummary, PeriodError> {
        let no_checkins = PeriodError::NoCheckIns {
            from: asked.from,
            to: asked.to,
        };
        let first = records.first_record.ok_or(no_checkins.clone())?;
        if first > asked.to {
            return Err(no_checkins);
        }
        let period = Period {
            from: asked.from.max(first),
            to: asked.to,
        };
        let checkins = by_date(&records.checkins, |c| c.date, period.from, period.to);
        if checkins.is_empty() {
            return Err(no_checkins);
        }
        let weeks_from = week_start(period.from);
        let days_off = days_off_set(&records.days_off, weeks_from, period.to);
        let experiments = sections::experiments(records, period);
        let chart_experiments = experiments
            .iter()
            .filter_map(|e| clip(e.experiment.start, e.experiment.end(), period))
            .collect();
        Ok(VisitSummary {
            asked,
            period,
            made_on: today,
            warnings: warnings(checkins),
            adherence: trend::check_in_adherence(checkins, &days_off, period.from, period.to),
            pain: pain(records, period)?,
            chart: PainChart {
                experiments: chart_experiments,
                days_off: day_off_bands(&records.days_off, period),
                ..chart(records, period)
            },
            sessions: sections::sessions(records, &days_off, period),
            checklist: sections::checklist(&records.checklist_history, period),
            experiments,
            function: sections::function(records, period),
            notes: sections::notes(
                checkins,
                by_date(&records.flare_ups, |f| f.date, period.from, period.to),
            ),
        })
    }
}

/// The part of `items` dated from `from` to `to`, for a list sorted by date.
fn by_date<T>(items: &[T], date: impl Fn(&T) -> NaiveDate, from: NaiveDate, to: NaiveDate) -> &[T] {
    let start = items.partition_point(|i| date(i) < from);
    let end = items.partition_point(|i| date(i) <= to).max(start);
    &items[start..end]
}

/// The days off from `from` to `to`.
fn days_off_set(ranges: &[DaysOff], from: NaiveDate, to: NaiveDate) -> BTreeSet<NaiveDate> {
    ranges
        .iter()
        .filter_map(|r| clip(r.first, r.last, Period { from, to }))
        .flat_map(|b| b.from.iter_days().take_while(move |d| *d <= b.to))
        .collect()
}

/// The days of `first..=last` inside `period`, if any.
fn clip(first: NaiveDate, last: NaiveDate, period: Period) -> Option<Band> {
    let band = Band {
        from: first.max(period.from),
        to: last.min(period.to),
    };
    (band.from <= band.to).then_some(band)
}

fn day_off_bands(ranges: &[DaysOff], period: Period) -> Vec<Band> {
    let mut bands: Vec<Band> = ranges
        .iter()
        .filter_map(|r| clip(r.first, r.last, period))
        .collect();
    bands.sort_by_key(|b| b.from);
    bands
}

/// Each warning sign answered yes in these check-ins, in the order of the
/// questions, with its days.
fn warnings(checkins: &[CheckIn]) -> Vec<WarningSign> {
    let mut out: Vec<WarningSign> = Vec::new();
    for checkin in latest_per_day(checkins) {
        for reason in checkin.red_flags.reasons() {
            match out.iter_mut().find(|w| w.reason == reason) {
                Some(sign) => sign.dates.push(checkin.date),
                None => out.push(WarningSign {
                    reason,
                    dates: vec![checkin.date],
                }),
            }
        }
    }
    let order = super::pain::RedFlags {
        arm_symptoms: true,
        after_impact: true,
        fever: true,
    }
    .reasons();
    out.sort_by_key(|w| order.iter().position(|r| *r == w.reason));
    out
}

/// The check-ins' daily pain from a week before the period to its end.
fn daily_with_lead_in(records: &VisitRecords, period: Period) -> Vec<DayValue> {
    let lead_in = days_before(period.from, (ROLLING_WINDOW_DAYS - 1).unsigned_abs());
    trend::daily_pain(by_date(&records.checkins, |c| c.date, lead_in, period.to))
}

/// Baseline, latest 7-day average and the change, as Progress works them out.
fn pain(records: &VisitRecords, period: Period) -> Result<PainFigures, PeriodError> {
    let no_checkins = PeriodError::NoCheckIns {
        from: period.from,
        to: period.to,
    };
    let daily = daily_with_lead_in(records, period);
    let latest = *trend::rolling_mean(&daily)
        .last()
        .ok_or(no_checkins.clone())?;
    // A caller holding the whole history may leave `first_checkins` empty.
    let first = if records.first_checkins.is_empty() {
        &records.checkins
    } else {
        &records.first_checkins
    };
    let first = first.get(..trend::BASELINE_CHECKINS).unwrap_or(first);
    let baseline =
        trend::baseline(&trend::daily_pain(first), records.user_baseline).ok_or(no_checkins)?;
    let change = trend::percent_change(latest.1, baseline.value).map(|percent| Change {
        percent,
        improvement: Improvement::from_percent_change(percent),
    });
    Ok(PainFigures {
        baseline,
        latest,
        change,
    })
}

/// Points, mean line and flare-ups (bands are added by the caller).
fn chart(records: &VisitRecords, period: Period) -> PainChart {
    let daily = daily_with_lead_in(records, period);
    let in_period = |points: &[DayValue]| -> Vec<DayValue> {
        points
            .iter()
            .copied()
            .filter(|p| period.contains(p.0))
            .collect()
    };
    let weekly = period.days() > DAILY_CHART_DAYS;
    let (points, mean) = if weekly {
        (weekly_means(&in_period(&daily), period), Vec::new())
    } else {
        (in_period(&daily), in_period(&trend::rolling_mean(&daily)))
    };
    let flare_ups = by_date(&records.flare_ups, |f| f.date, period.from, period.to)
        .iter()
        .map(|f| (f.date, f.pain.get()))
        .collect();
    PainChart {
        weekly,
        points,
        mean,
        flare_ups,
        experiments: Vec::new(),
        days_off: Vec::new(),
    }
}

/// Each week's mean of the daily pain, placed on the middle day of the
/// week's days inside the period.
fn weekly_means(daily: &[DayValue], period: Period) -> Vec<DayValue> {
    let mut weeks: BTreeMap<NaiveDate, (f64, u32)> = BTreeMap::new();
    for &(date, pain) in daily {
        let entry = weeks.entry(week_start(date)).or_insert((0.0, 0));
        entry.0 += pain;
        entry.1 += 1;
    }
    weeks
        .into_iter()
        .filter_map(|(monday, (sum, n))| {
            let band = clip(monday, monday + chrono::Days::new(6), period)?;
            let half = u64::try_from((band.to - band.from).num_days() / 2).unwrap_or(0);
            let middle = band.from + chrono::Days::new(half);
            Some((middle, sum / f64::from(n)))
        })
        .collect()
}
