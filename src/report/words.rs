//! What the page says, section by section, in plain and calm words. How
//! much of the longer lists goes on it is the [`Plan`]'s to say.

use chrono::{Datelike, NaiveDate};

use super::content::{Figure, Item, Section, Style};
use crate::domain::checklist::Answer;
use crate::domain::experiment::compare::Side;
use crate::domain::function_check::change_sentence;
use crate::domain::trend::{BaselineSource, Improvement};
use crate::domain::visit::{Change, VisitSummary};

/// How much of the longer parts goes on the page. [`Plan::smaller`] takes
/// away one thing at a time, in a fixed order, until the page fits.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    pub chart_height: f32,
    pub notes: usize,
    pub checklist_changes: usize,
    pub experiments: usize,
    /// Each experiment's check-ins and means before and during.
    pub experiment_details: bool,
    pub caveats: bool,
    /// The last resort: whatever would cross the page's foot is left off.
    pub cut_at_bottom: bool,
}

impl Plan {
    pub(super) fn full() -> Plan {
        Plan {
            chart_height: 190.0,
            notes: crate::domain::visit::MAX_NOTES,
            checklist_changes: 8,
            experiments: 12,
            experiment_details: true,
            caveats: true,
            cut_at_bottom: false,
        }
    }

    /// The next smaller plan; `None` once nothing more can be taken away.
    pub(super) fn smaller(&self) -> Option<Plan> {
        let mut next = self.clone();
        if next.chart_height > 160.0 {
            next.chart_height = 160.0;
        } else if next.notes > 3 {
            next.notes = 3;
        } else if next.checklist_changes > 4 {
            next.checklist_changes = 4;
        } else if next.experiment_details {
            next.experiment_details = false;
        } else if next.chart_height > 130.0 {
            next.chart_height = 130.0;
        } else if next.notes > 1 {
            next.notes = 1;
        } else if next.checklist_changes > 2 {
            next.checklist_changes = 2;
        } else if next.experiments > 4 {
            next.experiments = 4;
        } else if next.notes > 0 {
            next.notes = 0;
        } else if next.caveats {
            next.caveats = false;
        } else if !next.cut_at_bottom {
            next.cut_at_bottom = true;
        } else {
            return None;
        }
        Some(next)
    }
}

/// "3 Mar 2026".
pub(super) fn date(day: NaiveDate) -> String {
    format!("{} {}", day.day(), day.format("%b %Y"))
}

/// "3 Mar": within a line that names the year already.
fn day_month(day: NaiveDate) -> String {
    format!("{} {}", day.day(), day.format("%b"))
}

/// "12 weeks" for a whole number of weeks, else "30 days".
pub(super) fn length(days: i64) -> String {
    if days % 7 == 0 {
        plural(days / 7, "week", "weeks")
    } else {
        plural(days, "day", "days")
    }
}

fn plural(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "48% less", "12% more", "No change": the change's value on the page.
pub(super) fn change_value(change: Change) -> String {
    match change.whole_percent() {
        0 => "No change".to_owned(),
        n if change.percent < 0.0 => format!("{n}% less"),
        n => format!("{n}% more"),
    }
}

fn change_note(change: Change) -> &'static str {
    match change.improvement {
        Improvement::Substantial => "Past both the 30% and the 50% lines.",
        Improvement::Moderate => "Past the 30% line, not yet the 50% line.",
        Improvement::BelowThreshold if change.percent < 0.0 => "Not yet at the 30% line.",
        Improvement::BelowThreshold => "Against the baseline; the lines are 30% and 50% less.",
    }
}

/// The title, the period, and whether it was shortened.
pub(super) fn header(s: &VisitSummary) -> Section {
    let mut items = vec![
        Item::Heading {
            level: 1,
            text: "Visit summary".to_owned(),
        },
        Item::Para {
            style: Style::Body,
            text: format!(
                "Pain and self-care from {} to {} ({}), as logged in Unknot.",
                date(s.period.from),
                date(s.period.to),
                length(s.period.days())
            ),
            indent: 0.0,
        },
    ];
    if s.shortened() {
        items.push(Item::Para {
            style: Style::Body,
            text: format!(
                "The {} asked for would start on {}, before the first record, so this \
                 summary starts at the first record.",
                length(s.asked.days()),
                date(s.asked.from)
            ),
            indent: 0.0,
        });
    }
    Section {
        title: None,
        warning: false,
        items,
    }
}

/// The warning signs answered yes, if any.
pub(super) fn warnings(s: &VisitSummary) -> Option<Section> {
    if s.warnings.is_empty() {
        return None;
    }
    let mut items = vec![Item::Heading {
        level: 2,
        text: "Warning signs answered yes".to_owned(),
    }];
    for sign in &s.warnings {
        let days = match sign.dates.as_slice() {
            [first, .., last] if sign.dates.len() > 4 => format!(
                "{} days, the first on {}, the latest on {}",
                sign.dates.len(),
                date(*first),
                date(*last)
            ),
            dates => dates
                .iter()
                .map(|d| date(*d))
                .collect::<Vec<_>>()
                .join(", "),
        };
        items.push(Item::Para {
            style: Style::Strong,
            text: format!("{}: {days}.", capitalised(sign.reason)),
            indent: 0.0,
        });
    }
    items.push(Item::Para {
        style: Style::Small,
        text: "From the check-in's questions about warning signs.".to_owned(),
        indent: 0.0,
    });
    Some(Section {
        title: Some("Warning signs".to_owned()),
        warning: true,
        items,
    })
}

/// The figures, the chart, and the flare-ups.
pub(super) fn pain(s: &VisitSummary) -> Section {
    let a = s.adherence;
    let baseline_note = match s.pain.baseline.source {
        BaselineSource::UserSet => "Set by the person in Unknot.".to_owned(),
        BaselineSource::FirstCheckIns(n) => {
            format!(
                "The mean of the first {}.",
                plural(n as i64, "check-in", "check-ins")
            )
        }
    };
    let (change, note) = match s.pain.change {
        Some(c) => (change_value(c), change_note(c).to_owned()),
        None => (
            "None".to_owned(),
            "A baseline of 0 leaves nothing to compare with.".to_owned(),
        ),
    };
    let mut items = vec![
        Item::Heading {
            level: 2,
            text: "Check-ins and pain (0 to 10)".to_owned(),
        },
        Item::Figures(vec![
            Figure {
                label: "Check-ins".to_owned(),
                value: format!("{} of {}", a.done, a.asked),
                note: if a.days_off > 0 {
                    format!(
                        "Days asked; {} not counted.",
                        plural(a.days_off, "day off", "days off")
                    )
                } else {
                    "Days asked.".to_owned()
                },
            },
            Figure {
                label: "Baseline".to_owned(),
                value: format!("{:.1}", s.pain.baseline.value),
                note: baseline_note,
            },
            Figure {
                label: "Latest 7-day average".to_owned(),
                value: format!("{:.1}", s.pain.latest.1),
                note: format!("To {}.", date(s.pain.latest.0)),
            },
            Figure {
                label: "Change".to_owned(),
                value: change,
                note,
            },
        ]),
        Item::Chart,
    ];
    let flare_ups = s.flare_up_count();
    if flare_ups > 0 {
        items.push(Item::Para {
            style: Style::Body,
            text: format!(
                "{} logged in the period, drawn as red diamonds at their pain.",
                capitalised(&plural(flare_ups as i64, "flare-up", "flare-ups"))
            ),
            indent: 0.0,
        });
    }
    Section {
        title: Some("Check-ins and pain".to_owned()),
        warning: false,
        items,
    }
}

fn para(style: Style, text: String, indent: f32) -> Item {
    Item::Para {
        style,
        text,
        indent,
    }
}

fn sub(text: &str) -> Item {
    Item::Heading {
        level: 3,
        text: text.to_owned(),
    }
}

/// "3 earlier changes are not shown.": a list cut to its latest items.
fn earlier(skipped: usize, one: &str, many: &str) -> Option<Item> {
    let text = match skipped {
        0 => return None,
        1 => format!("1 earlier {one} is not shown."),
        n => format!("{n} earlier {many} are not shown."),
    };
    Some(para(Style::Small, text, 12.0))
}

/// Sessions, the checklist, experiments and the function check; `None`
/// when there is none of them.
pub(super) fn done(s: &VisitSummary, plan: &Plan) -> Option<Section> {
    let mut items = vec![Item::Heading {
        level: 2,
        text: "What was done".to_owned(),
    }];
    if let Some(sessions) = &s.sessions {
        let mut text = format!(
            "Strengthening: {}, {:.1} a week.",
            plural(sessions.strength, "session", "sessions"),
            sessions.strength_per_week
        );
        if !sessions.full_weeks.is_empty() {
            text.push_str(&format!(
                " The week's target (3, fewer in weeks with days off) was met in {} of {} full weeks.",
                sessions.weeks_on_target(),
                sessions.full_weeks.len()
            ));
        }
        items.push(para(Style::Body, text, 0.0));
        let others: Vec<String> = [
            (sessions.stretch, "stretch session", "stretch sessions"),
            (sessions.heat, "heat use", "heat uses"),
            (sessions.massage, "self-massage", "self-massages"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        if !others.is_empty() {
            let names: Vec<&str> = others.iter().map(String::as_str).collect();
            items.push(para(
                Style::Body,
                format!("Also logged: {}.", crate::text::and_list(&names)),
                0.0,
            ));
        }
    }
    if let Some(checklist) = &s.checklist {
        items.push(sub("Workstation checklist"));
        items.push(para(
            Style::Body,
            format!(
                "{} of {} items that apply were in place on {}.",
                checklist.score.met,
                checklist.score.applicable,
                date(s.period.to)
            ),
            0.0,
        ));
        let skipped = checklist
            .changes
            .len()
            .saturating_sub(plan.checklist_changes);
        items.extend(earlier(skipped, "change", "changes"));
        for change in &checklist.changes[skipped..] {
            let was = change
                .previous
                .map_or(String::new(), |p| format!(", was {}", answer(p)));
            items.push(para(
                Style::Body,
                format!(
                    "{}: {}{was}. {}",
                    date(change.date),
                    answer(change.answer),
                    change.item
                ),
                12.0,
            ));
        }
    }
    if !s.experiments.is_empty() {
        items.push(sub("Experiments"));
        let skipped = s.experiments.len().saturating_sub(plan.experiments);
        items.extend(earlier(skipped, "experiment", "experiments"));
        for (n, e) in s.experiments.iter().enumerate().skip(skipped) {
            let x = &e.experiment;
            let running = if x.is_running(s.period.to) {
                ", still running"
            } else {
                ""
            };
            items.push(para(
                Style::Body,
                format!(
                    "{}. {} ({}), {} to {}{running}: {}.",
                    n + 1,
                    x.name.trim(),
                    x.kind.label().to_lowercase(),
                    day_month(x.start),
                    date(x.end()),
                    e.result.verdict.sentence()
                ),
                0.0,
            ));
            if plan.experiment_details {
                items.push(para(
                    Style::Small,
                    format!(
                        "Before: {}. During: {}.",
                        side(&e.result.before),
                        side(&e.result.during)
                    ),
                    12.0,
                ));
            }
            if plan.caveats {
                for caveat in &e.result.caveats {
                    items.push(para(Style::Small, format!("{}.", caveat.sentence()), 12.0));
                }
            }
        }
    }
    if let Some(function) = &s.function {
        items.push(sub(
            "Function check (0 cannot do it, 10 as before the problem)",
        ));
        for c in &function.changes {
            let text = if c.latest.0 > c.first.0 {
                format!(
                    "{}: {} on {}, {} on {}.",
                    c.name.trim(),
                    c.first.1,
                    date(c.first.0),
                    c.latest.1,
                    date(c.latest.0)
                )
            } else {
                format!("{}: {} on {}.", c.name.trim(), c.first.1, date(c.first.0))
            };
            items.push(para(Style::Body, text, 0.0));
        }
        if let Some(average) = function.average {
            items.push(para(
                Style::Body,
                format!("{}.", change_sentence(average)),
                0.0,
            ));
        }
    }
    (items.len() > 1).then(|| Section {
        title: Some("What was done".to_owned()),
        warning: false,
        items,
    })
}

fn answer(a: Answer) -> String {
    a.label().to_lowercase()
}

fn side(side: &Side) -> String {
    let checkins = plural(side.checkins as i64, "check-in", "check-ins");
    match side.mean {
        Some(mean) => format!("{checkins}, mean {mean:.1}"),
        None => checkins,
    }
}

/// The most recent notes, if any are to be shown.
pub(super) fn notes(s: &VisitSummary, plan: &Plan) -> Option<Section> {
    if s.notes.is_empty() || plan.notes == 0 {
        return None;
    }
    let mut items = vec![Item::Heading {
        level: 2,
        text: "Recent notes".to_owned(),
    }];
    for note in s.notes.iter().take(plan.notes) {
        items.push(para(
            Style::Body,
            format!("{}: {}", date(note.date), note.text),
            0.0,
        ));
    }
    Some(Section {
        title: Some("Recent notes".to_owned()),
        warning: false,
        items,
    })
}

/// The line at the foot of the page.
pub(super) fn footer(s: &VisitSummary) -> String {
    format!(
        "Made on {} by Unknot from self-reported data. It is not a diagnosis.",
        date(s.made_on)
    )
}

/// The page's title in the document's properties.
pub(super) fn title(s: &VisitSummary) -> String {
    format!(
        "Visit summary, {} to {}",
        date(s.period.from),
        date(s.period.to)
    )
}
