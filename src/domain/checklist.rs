//! The ergonomic workstation checklist: answers and their dates.

use chrono::{DateTime, NaiveDate, Utc};

use super::DomainError;

/// A person's answer to one checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Yes,
    NotYet,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::NotYet, Answer::NotApplicable];

    /// Stable code used in storage and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::NotYet => "not_yet",
            Answer::NotApplicable => "not_applicable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::NotYet => "Not yet",
            Answer::NotApplicable => "Doesn't apply",
        }
    }

    pub fn from_code(code: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|a| a.code() == code)
            .ok_or_else(|| DomainError::Unknown {
                what: "checklist answer",
                value: code.to_owned(),
            })
    }
}

/// The saved answer to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistAnswer {
    /// The item's stable id.
    pub item: String,
    pub answer: Answer,
    pub answered_on: NaiveDate,
}

/// The part of the workstation an item belongs to, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Monitor,
    Chair,
    KeyboardMouse,
    Habits,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Monitor,
        Group::Chair,
        Group::KeyboardMouse,
        Group::Habits,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Group::Monitor => "Monitor",
            Group::Chair => "Chair",
            Group::KeyboardMouse => "Keyboard and mouse",
            Group::Habits => "Habits",
        }
    }
}

/// One statement on the checklist. The list is plain data: adding an item is
/// adding an entry to [`items`], and its `id` must never change once released,
/// because saved answers refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChecklistItem {
    /// Stable id used in storage and CSV.
    pub id: &'static str,
    pub group: Group,
    /// The statement the person answers with yes, not yet or doesn't apply.
    pub text: &'static str,
    /// Why it matters for the upper back, in one line.
    pub why: &'static str,
    /// What to change when the answer is "not yet".
    pub how_to_fix: &'static str,
}

static ITEMS: &[ChecklistItem] = &[
    ChecklistItem {
        id: "monitor_eye_level",
        group: Group::Monitor,
        text: "The top of the screen is at or slightly below eye level.",
        why: "A screen that sits too low or too high makes you tip your head, and the upper back holds it there.",
        how_to_fix: "Raise the screen on a stand or a few books, or lower it, until looking straight ahead meets the top edge.",
    },
    ChecklistItem {
        id: "monitor_arm_length",
        group: Group::Monitor,
        text: "The screen is roughly an arm's length away.",
        why: "A screen that is too far or too close draws your head and shoulders forward.",
        how_to_fix: "Sit back and stretch out an arm: your fingertips should nearly touch the screen. Move it, or make the text bigger.",
    },
    ChecklistItem {
        id: "chair_feet_flat",
        group: Group::Chair,
        text: "Both feet rest flat on the floor.",
        why: "Dangling or tucked feet make you perch on the edge of the seat and slump.",
        how_to_fix: "Lower the seat, or put a footrest, a box or a thick book under your feet.",
    },
    ChecklistItem {
        id: "chair_knees_right_angle",
        group: Group::Chair,
        text: "Your knees are bent at about a right angle.",
        why: "With hips and knees at about the same height the pelvis stays level and the spine can stack above it.",
        how_to_fix: "Change the seat height until your thighs are roughly level with the floor.",
    },
    ChecklistItem {
        id: "chair_lower_back",
        group: Group::Chair,
        text: "Your lower back is supported by the chair.",
        why: "When the lower back rounds, the upper back and shoulders round with it.",
        how_to_fix: "Use the chair's lumbar support, or tuck a small cushion or a rolled towel into the curve of your lower back.",
    },
    ChecklistItem {
        id: "input_close",
        group: Group::KeyboardMouse,
        text: "The keyboard and mouse are pulled in close to you.",
        why: "Reaching forward rounds the shoulders and keeps the muscles between them working.",
        how_to_fix: "Bring both near the front edge of the desk so you can use them with your upper arms hanging down.",
    },
    ChecklistItem {
        id: "input_elbows_relaxed",
        group: Group::KeyboardMouse,
        text: "Your elbows rest by your sides, bent at about a right angle.",
        why: "Raised or outstretched elbows keep the tops of the shoulders tight.",
        how_to_fix: "Adjust the chair or desk height until your forearms are about level with the keyboard and your shoulders can drop.",
    },
    ChecklistItem {
        id: "input_wrists_straight",
        group: Group::KeyboardMouse,
        text: "Your wrists stay straight while you type and use the mouse.",
        why: "Bent wrists make you hold the whole arm stiffly, up into the shoulder.",
        how_to_fix: "Fold away the keyboard's feet and keep your hands in line with your forearms rather than bent up or to the side.",
    },
    ChecklistItem {
        id: "habit_posture_check",
        group: Group::Habits,
        text: "You check your posture every 15 to 30 minutes.",
        why: "Posture drifts without you noticing; a quick check takes the load off tired muscles.",
        how_to_fix: "Turn on posture reminders; when one comes, sit back, let your shoulders drop and bring your head back over them.",
    },
    ChecklistItem {
        id: "habit_hourly_break",
        group: Group::Habits,
        text: "You get up from sitting at least once an hour.",
        why: "Long unbroken sitting stiffens the upper back; moving brings blood flow back.",
        how_to_fix: "Stand up, walk or stretch for a couple of minutes each hour; a stretch-break reminder can help.",
    },
];

/// All checklist items, grouped, in the order they are shown.
pub fn items() -> &'static [ChecklistItem] {
    ITEMS
}

/// The item with this id, if it is still on the list.
pub fn item(id: &str) -> Option<&'static ChecklistItem> {
    ITEMS.iter().find(|item| item.id == id)
}

/// The current answer to one item: the one with the latest date, and of
/// answers on the same date the one that comes last.
pub fn answer_for(answers: &[ChecklistAnswer], id: &str) -> Option<Answer> {
    answers
        .iter()
        .filter(|a| a.item == id)
        .fold(None::<&ChecklistAnswer>, |best, a| match best {
            Some(b) if b.answered_on > a.answered_on => Some(b),
            _ => Some(a),
        })
        .map(|a| a.answer)
}

/// How much of the checklist is in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    /// Items answered "yes".
    pub met: u32,
    /// Items that apply: every item except those answered "doesn't apply".
    /// Unanswered items apply and are not met.
    pub applicable: u32,
}

impl Score {
    /// The share of applicable items that are met, rounded to a whole percent;
    /// `None` when nothing applies.
    pub fn percent(self) -> Option<u8> {
        if self.applicable == 0 {
            return None;
        }
        let met = u64::from(self.met.min(self.applicable));
        let applicable = u64::from(self.applicable);
        let rounded = (met * 200 + applicable) / (2 * applicable);
        Some(u8::try_from(rounded).unwrap_or(100))
    }

    /// Applicable items still to fix or answer.
    pub fn open(self) -> u32 {
        self.applicable.saturating_sub(self.met)
    }
}

/// Scores the current item list. Answers to ids no longer on the list are ignored.
pub fn score(answers: &[ChecklistAnswer]) -> Score {
    ITEMS.iter().fold(Score::default(), |mut s, item| {
        match answer_for(answers, item.id) {
            Some(Answer::Yes) => {
                s.met += 1;
                s.applicable += 1;
            }
            Some(Answer::NotApplicable) => {}
            Some(Answer::NotYet) | None => s.applicable += 1,
        }
        s
    })
}

/// Items answered "not yet" or not answered at all, in list order (so they stay
/// grouped). Items answered "yes" or "doesn't apply" are left out.
pub fn open_fixes(answers: &[ChecklistAnswer]) -> Vec<&'static ChecklistItem> {
    ITEMS
        .iter()
        .filter(|item| matches!(answer_for(answers, item.id), Some(Answer::NotYet) | None))
        .collect()
}

/// A review is due when the last one is older than this many days.
pub const REVIEW_AFTER_DAYS: i64 = 30;

/// Why the checklist is worth going through again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewReason {
    NeverReviewed,
    DeskChanged,
    /// The last review is more than [`REVIEW_AFTER_DAYS`] days old.
    Overdue,
}

impl ReviewReason {
    /// The words of the button that starts the walk-through: a first
    /// check is not a re-check.
    pub fn action(self) -> &'static str {
        match self {
            ReviewReason::NeverReviewed => "Check my setup",
            ReviewReason::DeskChanged | ReviewReason::Overdue => "Re-check my setup",
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            ReviewReason::NeverReviewed => {
                "You haven't been through the workstation checklist yet."
            }
            ReviewReason::DeskChanged => {
                "Your desk setup has changed since the last review, so it is worth another look."
            }
            ReviewReason::Overdue => {
                "It has been more than a month since you last went through the checklist."
            }
        }
    }
}

/// Whether to suggest a checklist review today. Never reviewed comes first,
/// then a changed desk, then age: a review from 30 days ago is still current,
/// one from 31 days ago is due. A review dated after `today` (a clock change)
/// counts as current.
pub fn review_due(
    last_review: Option<NaiveDate>,
    desk_changed_since: bool,
    today: NaiveDate,
) -> Option<ReviewReason> {
    let Some(last) = last_review else {
        return Some(ReviewReason::NeverReviewed);
    };
    if desk_changed_since {
        return Some(ReviewReason::DeskChanged);
    }
    ((today - last).num_days() > REVIEW_AFTER_DAYS).then_some(ReviewReason::Overdue)
}

/// A completed pass through the checklist, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistReview {
    pub reviewed_at: DateTime<Utc>,
    /// The local calendar day it belongs to, decided when it was made.
    pub date: NaiveDate,
    pub met: u32,
    pub applicable: u32,
    /// The person said the desk setup changed (a move, a new chair or screen).
    pub desk_changed: bool,
}

impl ChecklistReview {
    pub fn new(
        reviewed_at: DateTime<Utc>,
        date: NaiveDate,
        score: Score,
        desk_changed: bool,
    ) -> Self {
        Self {
            reviewed_at,
            date,
            met: score.met,
            applicable: score.applicable,
            desk_changed,
        }
    }

    pub fn score(&self) -> Score {
        Score {
            met: self.met,
            applicable: self.applicable,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn answer(item: &str, answer: Answer, on: NaiveDate) -> ChecklistAnswer {
        ChecklistAnswer {
            item: item.to_owned(),
            answer,
            answered_on: on,
        }
    }

    #[test]
    fn answer_codes_round_trip() {
        for a in Answer::ALL {
            assert_eq!(Answer::from_code(a.code()).unwrap(), a);
        }
        assert!(Answer::from_code("maybe").is_err());
    }

    #[test]
    fn items_have_unique_ids_and_every_group_has_items() {
        let ids: HashSet<_> = items().iter().map(|i| i.id).collect();
        assert_eq!(ids.len(), items().len());
        for group in Group::ALL {
            assert!(items().iter().any(|i| i.group == group), "{group:?}");
        }
        // Shown grouped: groups never interleave.
        assert!(items().windows(2).all(|w| w[0].group <= w[1].group));
        for i in items() {
            assert!(!i.text.is_empty() && !i.why.is_empty() && !i.how_to_fix.is_empty());
            assert_eq!(item(i.id), Some(i));
        }
    }

    #[test]
    fn empty_answers_score_nothing_met_and_everything_open() {
        let s = score(&[]);
        let n = u32::try_from(items().len()).unwrap();
        assert_eq!(
            s,
            Score {
                met: 0,
                applicable: n
            }
        );
        assert_eq!(s.percent(), Some(0));
        assert_eq!(open_fixes(&[]).len(), items().len());
    }

    #[test]
    fn not_applicable_items_leave_the_denominator() {
        let n = u32::try_from(items().len()).unwrap();
        let ids: Vec<_> = items().iter().map(|i| i.id).collect();
        let answers = [
            answer(ids[0], Answer::Yes, day(1)),
            answer(ids[1], Answer::Yes, day(1)),
            answer(ids[2], Answer::NotApplicable, day(1)),
            answer(ids[3], Answer::NotYet, day(1)),
            answer(ids[4], Answer::NotApplicable, day(1)),
        ];
        let s = score(&answers);
        assert_eq!(
            s,
            Score {
                met: 2,
                applicable: n - 2
            }
        );
        assert_eq!(s.open(), n - 4);
        // 2 of 8 = 25 %.
        assert_eq!(
            Score {
                met: 2,
                applicable: 8
            }
            .percent(),
            Some(25)
        );
        assert_eq!(
            Score {
                met: 2,
                applicable: 3
            }
            .percent(),
            Some(67)
        );
        assert_eq!(
            Score {
                met: 1,
                applicable: 3
            }
            .percent(),
            Some(33)
        );
        assert_eq!(
            Score {
                met: 3,
                applicable: 3
            }
            .percent(),
            Some(100)
        );
    }

    #[test]
    fn everything_not_applicable_has_no_percent() {
        let answers: Vec<_> = items()
            .iter()
            .map(|i| answer(i.id, Answer::NotApplicable, day(1)))
            .collect();
        let s = score(&answers);
        assert_eq!(
            s,
            Score {
                met: 0,
                applicable: 0
            }
        );
        assert_eq!(s.percent(), None);
        assert!(open_fixes(&answers).is_empty());
    }

    #[test]
    fn unknown_ids_are_ignored() {
        let first = items()[0].id;
        let answers = [
            answer("monitor_retired_item", Answer::Yes, day(1)),
            answer("something_else", Answer::NotApplicable, day(1)),
            answer(first, Answer::Yes, day(1)),
        ];
        let n = u32::try_from(items().len()).unwrap();
        assert_eq!(
            score(&answers),
            Score {
                met: 1,
                applicable: n
            }
        );
        let open = open_fixes(&answers);
        assert_eq!(open.len(), items().len() - 1);
        assert!(open.iter().all(|i| i.id != first));
    }

    #[test]
    fn open_fixes_keep_list_order_and_skip_met_and_not_applicable() {
        let ids: Vec<_> = items().iter().map(|i| i.id).collect();
        let answers = [
            answer(ids[3], Answer::NotYet, day(1)),
            answer(ids[0], Answer::Yes, day(1)),
            answer(ids[1], Answer::NotApplicable, day(1)),
        ];
        let open: Vec<_> = open_fixes(&answers).iter().map(|i| i.id).collect();
        let expected: Vec<_> = ids[2..].to_vec();
        assert_eq!(open, expected);
    }

    #[test]
    fn the_latest_answer_wins() {
        let id = items()[0].id;
        let answers = [
            answer(id, Answer::Yes, day(5)),
            answer(id, Answer::NotYet, day(2)),
        ];
        assert_eq!(answer_for(&answers, id), Some(Answer::Yes));
        let same_day = [
            answer(id, Answer::NotYet, day(5)),
            answer(id, Answer::Yes, day(5)),
        ];
        assert_eq!(answer_for(&same_day, id), Some(Answer::Yes));
        assert_eq!(answer_for(&same_day, "nope"), None);
    }

    #[test]
    fn review_is_due_after_30_days_not_on_the_30th() {
        let last = day(1);
        let today = |days: i64| last + chrono::Duration::days(days);
        assert_eq!(review_due(Some(last), false, today(29)), None);
        assert_eq!(review_due(Some(last), false, today(30)), None);
        assert_eq!(
            review_due(Some(last), false, today(31)),
            Some(ReviewReason::Overdue)
        );
        assert_eq!(review_due(Some(last), false, today(-3)), None);
    }

    #[test]
    fn review_reasons_in_order() {
        assert_eq!(
            review_due(None, true, day(1)),
            Some(ReviewReason::NeverReviewed)
        );
        assert_eq!(
            review_due(Some(day(1)), true, day(2)),
            Some(ReviewReason::DeskChanged)
        );
        assert_eq!(
            review_due(Some(day(1)), true, day(1) + chrono::Duration::days(60)),
            Some(ReviewReason::DeskChanged)
        );
        for reason in [
            ReviewReason::NeverReviewed,
            ReviewReason::DeskChanged,
            ReviewReason::Overdue,
        ] {
            assert!(!reason.text().is_empty());
        }
    }

    #[test]
    fn review_record_keeps_the_score() {
        let at = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let s = Score {
            met: 5,
            applicable: 8,
        };
        let r = ChecklistReview::new(at, day(1), s, false);
        assert_eq!(r.score(), s);
        assert_eq!((r.met, r.applicable, r.desk_changed), (5, 8, false));
    }
}
