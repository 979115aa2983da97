//! Before and during: the comparison behind an experiment's verdict.
//!
//! The days compared are the experiment's days so far, at most its planned
//! length, against a window of the planned length just before the start.
//! One pain rating a day (the map the caller passes), never a day after
//! today.
//!
//! The change is the Hodges-Lehmann shift: the median of every difference
//! between a day during and a day before. Its 95% interval is the Moses
//! (Lehmann) one: the k-th smallest and k-th largest of those differences,
//! where k - 1 is the largest count the Mann-Whitney U statistic reaches
//! with at most 2.5% chance when nothing changed. The estimate and the
//! interval come from the same ranks, so the interval always holds the
//! estimate, and neither leans on pain being normally distributed, which a
//! week of 0-10 ratings is not. U's distribution is counted exactly (the
//! Gaussian binomial coefficients, in whole numbers) while there are at
//! most [`EXACT_MAX_PAIRS`] pairs of days; above that the normal
//! approximation with a continuity correction is close enough. Ratings are
//! whole numbers, so ties are common; the distribution is the tie-free one,
//! and with the closed interval that errs on the cautious side.
//!
//! No verdict is given on fewer than [`MIN_CHECKINS_PER_SIDE`] check-ins on
//! either side, and "a real change" is said only when the interval leaves
//! out zero.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use super::Experiment;

/// Check-ins each side needs before any verdict.
pub const MIN_CHECKINS_PER_SIDE: usize = 5;

/// Pairs of days (before times during) up to which U's distribution is
/// counted exactly; the counts stay well inside `u128` (50 and 50 days
/// give about 1e29 orderings).
pub const EXACT_MAX_PAIRS: usize = 2500;

/// How far above the weeks before the "before" window its mean must be for
/// the bad-spell caveat, in pain points.
pub const BAD_SPELL_POINTS: f64 = 1.0;

/// The days before the "before" window that the bad-spell rule compares
/// with.
pub const BAD_SPELL_REFERENCE_DAYS: u32 = 28;

/// Each tail of the 95% interval holds at most 1 in 40 (2.5%).
const TAIL_ONE_IN: u128 = 40;

/// The normal quantile for 97.5%.
const Z_975: f64 = 1.959_963_984_540_054;

/// One side of the comparison: how many check-ins, their mean and median.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub checkins: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

impl Side {
    /// The count, mean and median of these pain ratings; no mean or median
    /// when there are none.
    pub fn from_pain(values: &[u8]) -> Side {
        let mut sorted: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
        sorted.sort_unstable_by(f64::total_cmp);
        let mean = (!sorted.is_empty()).then(|| sorted.iter().sum::<f64>() / sorted.len() as f64);
        Side {
            checkins: sorted.len(),
            mean,
            median: median_of_sorted(&sorted),
        }
    }
}

/// The change from before to during: during minus before, so a negative
/// estimate means less pain. `low <= estimate <= high`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

/// The Hodges-Lehmann shift of `during` against `before` with its 95%
/// rank-based interval (see the module notes); `None` if a side is empty.
pub fn hodges_lehmann(before: &[f64], during: &[f64]) -> Option<Shift> {
    if before.is_empty() || during.is_empty() {
        return None;
    }
    let mut diffs: Vec<f64> = during
        .iter()
        .flat_map(|y| before.iter().map(move |x| y - x))
        .collect();
    diffs.sort_unstable_by(f64::total_cmp);
    let pairs = diffs.len();
    let estimate = median_of_sorted(&diffs)?;
    // The k-th from each end; k no more than the median's own rank, so the
    // interval always holds the estimate.
    let k = interval_rank(before.len(), during.len()).clamp(1, pairs.div_ceil(2));
    Some(Shift {
        estimate,
        low: *diffs.get(k - 1)?,
        high: *diffs.get(pairs - k)?,
    })
}

/// k for the interval: one more than the largest U with at most 2.5% below
/// or at it when nothing changed, at least 1.
fn interval_rank(before: usize, during: usize) -> usize {
    let (small, large) = (before.min(during), before.max(during));
    let critical = if small * large <= EXACT_MAX_PAIRS {
        exact_critical_u(small, large).unwrap_or_else(|| normal_critical_u(small, large))
    } else {
        normal_critical_u(small, large)
    };
    critical.map_or(1, |c| c + 1)
}

/// The largest c with P(U <= c) <= 2.5%, counted exactly; `Some(None)` when
/// even U = 0 is likelier than that, `None` if the counts would overflow.
fn exact_critical_u(small: usize, large: usize) -> Option<Option<usize>> {
    let counts = u_counts(small, large)?;
    let total = counts
        .iter()
        .try_fold(0u128, |sum, &c| sum.checked_add(c))?;
    let mut below = 0u128;
    let mut critical = None;
    for (u, &count) in counts.iter().enumerate() {
        below = below.checked_add(count)?;
        if below.checked_mul(TAIL_ONE_IN)? > total {
            break;
        }
        critical = Some(u);
    }
    Some(critical)
}

/// How many orderings of `small` and `large` values give each U from 0 to
/// small * large: the coefficients of the Gaussian binomial
/// [small + large choose small]_q, built as the product over i of
/// (1 - q^(large + i)) / (1 - q^i). After step i the vector holds
/// [large + i choose i]_q, whose coefficients are all counts (never
/// negative), so whole numbers stay exact.
fn u_counts(small: usize, large: usize) -> Option<Vec<u128>> {
    let mut counts = vec![0u128; small * large + 1];
    *counts.first_mut()? = 1;
    for i in 1..=small {
        let degree = i * large;
        // Divide by (1 - q^i): running sums with stride i.
        for d in i..=degree {
            counts[d] = counts[d].checked_add(counts[d - i])?;
        }
        // Multiply by (1 - q^(large + i)), from the top so each term uses
        // the values before this step.
        for d in (large + i..=degree).rev() {
            counts[d] = counts[d].checked_sub(counts[d - large - i])?;
        }
    }
    Some(counts)
}

/// The normal approximation to the critical U, with a continuity
/// correction: the largest c with c + 0.5 <= mean - z * sd.
fn normal_critical_u(small: usize, large: usize) -> Option<usize> {
    let (n, m) = (small as f64, large as f64);
    let sd = (n * m * (n + m + 1.0) / 12.0).sqrt();
    let c = (n * m / 2.0 - 0.5 - Z_975 * sd).floor();
    // Not negative and below n * m / 2, so the conversion is exact.
    (c >= 0.0).then_some(c as usize)
}

/// The median of values sorted ascending; `None` when there are none.
fn median_of_sorted(sorted: &[f64]) -> Option<f64> {
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted.get(mid).copied()
    } else {
        Some((sorted.get(mid.checked_sub(1)?)? + sorted.get(mid)?) / 2.0)
    }
}

/// What the comparison says, in a form the screens put in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Fewer than [`MIN_CHECKINS_PER_SIDE`] days have passed and it still runs.
    TooEarly { days_so_far: u32, planned_days: u32 },
    /// A side has fewer than [`MIN_CHECKINS_PER_SIDE`] check-ins: no verdict.
    NotEnoughCheckIns { before: usize, during: usize },
    /// The interval lies below zero; `points` is how much lower (positive).
    Lower { points: f64 },
    /// The interval lies above zero; `points` is how much higher.
    Higher { points: f64 },
    /// The interval holds zero.
    NoClearChange,
}

impl Verdict {
    /// The verdict in plain words, pain points to one decimal.
    pub fn sentence(&self) -> String {
        match self {
            Verdict::TooEarly {
                days_so_far,
                planned_days,
            } => format!("Too early: {days_so_far} of {planned_days} days so far"),
            Verdict::NotEnoughCheckIns { before, during } => format!(
                "Not enough check-ins yet: {before} before and {during} during; \
                 {MIN_CHECKINS_PER_SIDE} on each side are needed"
            ),
            Verdict::Lower { points } => {
                format!("Pain was {points:.1} points lower (likely a real change)")
            }
            Verdict::Higher { points } => {
                format!("Pain was {points:.1} points higher (likely a real change)")
            }
            Verdict::NoClearChange => "No clear change".to_string(),
        }
    }
}

/// Why a result should be read with care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caveat {
    /// Other experiments ran on some of the days compared (their names).
    Overlaps(Vec<String>),
    /// The "before" window was a bad spell (see [`evaluate`]).
    AfterBadSpell,
}

impl Caveat {
    pub fn sentence(&self) -> String {
        match self {
            Caveat::Overlaps(names) => {
                let mut list = String::new();
                for (i, name) in names.iter().enumerate() {
                    let joint = match i {
                        0 => "",
                        _ if i + 1 == names.len() => " and ",
                        _ => ", ",
                    };
                    let _ = write!(list, "{joint}\"{name}\"");
                }
                format!("It ran alongside {list}: their effects cannot be told apart")
            }
            Caveat::AfterBadSpell => "Pain was higher than usual just before the start; it \
                 often eases on its own after a bad spell, so part of the change may be that"
                .to_string(),
        }
    }
}

/// Everything the screens show about one experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentResult {
    pub before: Side,
    pub during: Side,
    /// Worked out whenever both sides have a check-in; only a verdict
    /// other than too early or not enough check-ins vouches for it.
    pub shift: Option<Shift>,
    pub verdict: Verdict,
    pub caveats: Vec<Caveat>,
    /// Days of the during window so far, at most the planned length.
    pub days_so_far: u32,
}

/// Compares an experiment's days so far with the days before it.
///
/// - Before: [`Experiment::before_window`]. During:
///   [`Experiment::during_window`], cut at the planned end (a run kept on
///   past the plan is compared over the planned length). Days after
///   `today` never count.
/// - Verdict: too early while fewer than [`MIN_CHECKINS_PER_SIDE`] days have
///   passed and the experiment has not ended; then no verdict until each
///   side has that many check-ins; then lower or higher when the shift's
///   interval leaves out zero, else no clear change.
/// - Overlap caveat: every experiment in `others` (the experiment itself is
///   skipped) that ran on at least one day of the during window so far, in
///   the order given.
/// - Bad-spell caveat: the before window's mean is at least
///   [`BAD_SPELL_POINTS`] above the mean of the [`BAD_SPELL_REFERENCE_DAYS`]
///   days before it, each with at least [`MIN_CHECKINS_PER_SIDE`] check-ins.
///   Pain tends back towards its usual level after a high stretch, which
///   would look like an improvement whatever was tried.
///
/// Reads only the days of these windows from the map.
pub fn evaluate(
    experiment: &Experiment,
    pain_by_day: &BTreeMap<NaiveDate, u8>,
    others: &[Experiment],
    today: NaiveDate,
) -> ExperimentResult {
    let (before_first, before_last) = experiment.before_window();
    let before_pain = pain_between(pain_by_day, before_first, before_last.min(today));
    let (during_first, during_last) = experiment.during_window(today);
    let during_last = during_last.min(experiment.planned_end());
    let during_pain = pain_between(pain_by_day, during_first, during_last);

    // None before the start, zero the day before it.
    let days_so_far = u32::try_from((during_last - during_first).num_days() + 1)
        .unwrap_or(0)
        .min(experiment.planned_days);

    let before = Side::from_pain(&before_pain);
    let during = Side::from_pain(&during_pain);
    let shift = hodges_lehmann(&as_points(&before_pain), &as_points(&during_pain));

    let has_ended = today > experiment.end();
    let min_days = u32::try_from(MIN_CHECKINS_PER_SIDE).unwrap_or(u32::MAX);
    let verdict = if days_so_far < min_days && !has_ended {
        Verdict::TooEarly {
            days_so_far,
            planned_days: experiment.planned_days,
        }
    } else if before.checkins < MIN_CHECKINS_PER_SIDE || during.checkins < MIN_CHECKINS_PER_SIDE {
        Verdict::NotEnoughCheckIns {
            before: before.checkins,
            during: during.checkins,
        }
    } else {
        match shift {
            Some(s) if s.high < 0.0 => Verdict::Lower {
                points: -s.estimate,
            },
            Some(s) if s.low > 0.0 => Verdict::Higher { points: s.estimate },
            _ => Verdict::NoClearChange,
        }
    };

    let mut caveats = Vec::new();
    let alongside: Vec<String> = others
        .iter()
        .filter(|other| *other != experiment)
        .filter(|other| other.start <= during_last && during_first <= other.end())
        .map(|other| other.name.clone())
        .collect();
    if !alongside.is_empty() {
        caveats.push(Caveat::Overlaps(alongside));
    }
    if after_bad_spell(pain_by_day, before_first, &before, today) {
        caveats.push(Caveat::AfterBadSpell);
    }

    ExperimentResult {
        before,
        during,
        shift,
        verdict,
        caveats,
        days_so_far,
    }
}

/// The bad-spell rule of [`evaluate`].
fn after_bad_spell(
    pain_by_day: &BTreeMap<NaiveDate, u8>,
    before_first: NaiveDate,
    before: &Side,
    today: NaiveDate,
) -> bool {
    let (Some(last), Some(first)) = (
        before_first.pred_opt(),
        before_first.checked_sub_days(Days::new(u64::from(BAD_SPELL_REFERENCE_DAYS))),
    ) else {
        return false;
    };
    let reference = Side::from_pain(&pain_between(pain_by_day, first, last.min(today)));
    match (before.mean, reference.mean) {
        (Some(spell), Some(usual))
            if before.checkins.min(reference.checkins) >= MIN_CHECKINS_PER_SIDE =>
        {
            spell - usual >= BAD_SPELL_POINTS
        }
        _ => false,
    }
}

/// The ratings dated `first` to `last` inclusive (none if last < first),
/// through the map's range: only those days are visited.
fn pain_between(
    pain_by_day: &BTreeMap<NaiveDate, u8>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<u8> {
    if last < first {
        return Vec::new();
    }
    pain_by_day.range(first..=last).map(|(_, &p)| p).collect()
}

fn as_points(values: &[u8]) -> Vec<f64> {
    values.iter().map(|&v| f64::from(v)).collect()
}

#[cfg(test)]
mod tests;
