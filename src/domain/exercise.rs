//! The exercise catalog and the ready-made routines, kept as data: adding an
//! exercise or a routine means adding an entry, not code.

use super::DomainError;
use super::session::SessionKind;

/// Seconds to get ready (or switch sides) before every hold.
pub const PREPARE_SECS: u32 = 5;

/// Seconds to get ready when the exercise needs another position than the
/// one before it (from the desk chair down onto all fours, say): five
/// seconds is enough to switch sides, not to get down to the floor.
pub const MOVE_SECS: u32 = 15;

/// Where a routine is assumed to start: at the desk, on its chair.
pub const STARTING_POSITION: Position = Position::Chair;

/// Where the body is during an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// Sitting on a chair: where a routine started at the desk begins.
    Chair,
    /// On hands and knees on the floor.
    AllFours,
    /// Standing with the back to a wall.
    AtAWall,
}

impl Position {
    /// What the get-ready phase says when the position changes.
    pub fn instruction(self) -> &'static str {
        match self {
            Position::Chair => "Sit up tall on a chair",
            Position::AllFours => "Get down on all fours",
            Position::AtAWall => "Stand with your back to a wall",
        }
    }
}

/// What an exercise is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExerciseKind {
    Stretch,
    Strength,
    Massage,
}

impl ExerciseKind {
    pub const ALL: [ExerciseKind; 3] = [
        ExerciseKind::Stretch,
        ExerciseKind::Strength,
        ExerciseKind::Massage,
    ];

    /// Stable code used in storage and CSV.
    pub fn code(self) -> &'static str {
        match self {
            ExerciseKind::Stretch => "stretch",
            ExerciseKind::Strength => "strength",
            ExerciseKind::Massage => "massage",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExerciseKind::Stretch => "Stretch",
            ExerciseKind::Strength => "Strengthening",
            ExerciseKind::Massage => "Self-massage",
        }
    }

    /// The kind of session a routine made only of this kind is logged as.
    pub fn session_kind(self) -> SessionKind {
        match self {
            ExerciseKind::Stretch => SessionKind::Stretch,
            ExerciseKind::Strength => SessionKind::Strength,
            ExerciseKind::Massage => SessionKind::Massage,
        }
    }
}

/// Which side of the body a hold works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    /// Stable code used in storage and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "Left side",
            Side::Right => "Right side",
        }
    }
}

/// One exercise in the catalog.
///
/// For moves done as a slow flow (cat-cow, wall angels) a "hold" is one timed
/// round of unhurried repetitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exercise {
    /// Stable id, stored with sessions. Never change an existing one.
    pub id: &'static str,
    pub name: &'static str,
    pub kind: ExerciseKind,
    /// One line: what it does.
    pub summary: &'static str,
    pub steps: &'static [&'static str],
    /// Length of one hold (or one round), in seconds.
    pub hold_secs: u32,
    /// Holds per side (or in total when `per_side` is false).
    pub holds: u32,
    /// Done on the left and on the right, alternating.
    pub per_side: bool,
    pub cautions: &'static [&'static str],
    pub position: Position,
    /// What to do while the timer runs: still holds and flowing movements
    /// are cued differently.
    pub during: &'static str,
}

const BOTH_SIDES: &[Option<Side>] = &[Some(Side::Left), Some(Side::Right)];
const NO_SIDE: &[Option<Side>] = &[None];

impl Exercise {
    /// The sides of one repetition, in the order they are done.
    pub fn sides(&self) -> &'static [Option<Side>] {
        if self.per_side { BOTH_SIDES } else { NO_SIDE }
    }

    /// Holds in total, counting both sides.
    pub fn holds_planned(&self) -> u32 {
        let sides = if self.per_side { 2 } else { 1 };
        self.holds.saturating_mul(sides)
    }

    /// Time the exercise takes in a routine, getting ready included.
    pub fn estimated_secs(&self) -> u32 {
        self.holds_planned()
            .saturating_mul(PREPARE_SECS.saturating_add(self.hold_secs))
    }
}

const STRETCH_CAUTIONS: &[&str] = &[
    "Go only to a comfortable pull, never to sharp pain.",
    "Breathe slowly; don't hold your breath.",
];

static CATALOG: [Exercise; 6] = [
    Exercise {
        id: "cat_cow",
        name: "Cat-cow",
        kind: ExerciseKind::Stretch,
        summary: "Slowly arch and round the back to loosen the whole spine.",
        steps: &[
            "Get on all fours: hands under the shoulders, knees under the hips.",
            "Breathe in and let your belly drop while you look up.",
            "Breathe out and round your back toward the ceiling, chin toward the chest.",
            "Keep flowing slowly between the two with your breath until the time is up.",
        ],
        hold_secs: 25,
        holds: 2,
        per_side: false,
        cautions: STRETCH_CAUTIONS,
        position: Position::AllFours,
        during: "Flow slowly with your breath",
    },
    Exercise {
        id: "seated_twist",
        name: "Seated spinal twist",
        kind: ExerciseKind::Stretch,
        summary: "Turn the upper body on a chair to ease the middle of the back.",
        steps: &[
            "Sit up tall on a chair with your feet flat on the floor.",
            "Turn your upper body to one side, starting the turn from the middle of your back.",
            "Put a hand on the chair back to go a little further.",
            "Stay tall without slumping and breathe slowly, then turn to the other side.",
        ],
        hold_secs: 25,
        holds: 1,
        per_side: true,
        cautions: STRETCH_CAUTIONS,
        position: Position::Chair,
        during: "Hold and breathe slowly",
    },
    Exercise {
        id: "thread_the_needle",
        name: "Thread the needle",
        kind: ExerciseKind::Stretch,
        summary: "Reach one arm under the other to open the area between the shoulder blades.",
        steps: &[
            "Get on all fours: hands under the shoulders, knees under the hips.",
            "Slide one arm under the other along the floor, palm facing up.",
            "Lower that shoulder and the side of your head to the floor.",
            "Breathe into the stretch, come back up, then do the other side.",
        ],
        hold_secs: 25,
        holds: 1,
        per_side: true,
        cautions: STRETCH_CAUTIONS,
        position: Position::AllFours,
        during: "Hold and breathe slowly",
    },
    Exercise {
        id: "wall_angels",
        name: "Wall angels",
        kind: ExerciseKind::Strength,
        summary: "Slide the arms along a wall to train the muscles that hold the shoulders back.",
        steps: &[
            "Stand with your back against a wall, feet a small step away from it.",
            "Keep your head, shoulders and buttocks touching the wall.",
            "Bend your arms into a goalpost shape with elbows and hands against the wall.",
            "Slide your arms slowly up and back down, keeping contact, until the time is up.",
        ],
        hold_secs: 60,
        holds: 4,
        per_side: false,
        cautions: &[
            "Raise your arms only as high as you can while they stay on the wall.",
            "Work to a mild effort, never to sharp pain.",
        ],
        position: Position::AtAWall,
        during: "Slide your arms slowly up and down",
    },
    Exercise {
        id: "bird_dog",
        name: "Bird-dog",
        kind: ExerciseKind::Strength,
        summary: "Reach out an arm and the opposite leg to build a steady core and back.",
        steps: &[
            "Get on all fours: hands under the shoulders, knees under the hips.",
            "Tighten your belly and keep your back flat.",
            "Reach one arm forward and the opposite leg back, level with your body.",
            "Hold still for a few seconds, come back to all fours, then switch sides.",
        ],
        hold_secs: 6,
        holds: 15,
        per_side: true,
        cautions: &[
            "Keep your back flat; don't let it sag or twist.",
            "Work to a mild effort, never to sharp pain.",
        ],
        position: Position::AllFours,
        during: "Hold still, back flat",
    },
    Exercise {
        id: "ball_massage",
        name: "Self-massage with a ball",
        kind: ExerciseKind::Massage,
        summary: "Lean on a ball against a wall to press out a tender knot.",
        steps: &[
            "Place a tennis or lacrosse ball between your upper back and a wall.",
            "Lean into it and move slowly until you find a tender spot in the muscle.",
            "Stay on that spot with steady pressure and breathe slowly until the time is up.",
            "Then look for a spot on the other side of your upper back.",
        ],
        hold_secs: 30,
        holds: 2,
        per_side: true,
        cautions: &[
            "Keep the ball off your spine and off the bony edge of the shoulder blade.",
            "Press to a good ache, never to sharp pain.",
        ],
        position: Position::AtAWall,
        during: "Stay on the spot and breathe slowly",
    },
];

/// Every exercise, in the order the app lists them.
pub fn catalog() -> &'static [Exercise] {
    &CATALOG
}

/// The exercise with this id.
pub fn find(id: &str) -> Option<&'static Exercise> {
    CATALOG.iter().find(|e| e.id == id)
}

/// A ready-made routine, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoutineTemplate {
    /// Stable id. Never change an existing one.
    pub id: &'static str,
    /// Short name, stored with the sessions it produces.
    pub name: &'static str,
    /// One line shown under the name; its minutes match the estimate.
    pub summary: &'static str,
    pub kind: SessionKind,
    /// Catalog ids, in order.
    pub exercise_ids: &'static [&'static str],
}

static TEMPLATES: [RoutineTemplate; 2] = [
    RoutineTemplate {
        id: "desk_break",
        name: "Desk break",
        summary: "3 stretches, about 3 minutes",
        kind: SessionKind::Stretch,
        // Begins on the chair the break starts from, then goes down to the
        // floor once for the two stretches on all fours.
        exercise_ids: &["seated_twist", "cat_cow", "thread_the_needle"],
    },
    RoutineTemplate {
        id: "strength",
        name: "Strength",
        summary: "Wall angels and bird-dog, about 10 minutes",
        kind: SessionKind::Strength,
        exercise_ids: &["wall_angels", "bird_dog"],
    },
];

/// The ready-made routines.
pub fn templates() -> &'static [RoutineTemplate] {
    &TEMPLATES
}

/// The ready-made routine with this id.
pub fn find_template(id: &str) -> Option<&'static RoutineTemplate> {
    TEMPLATES.iter().find(|t| t.id == id)
}

impl RoutineTemplate {
    /// The routine this template describes.
    pub fn routine(&self) -> Result<Routine, DomainError> {
        let exercises = lookup(self.exercise_ids)?;
        Ok(Routine {
            name: self.name.to_owned(),
            kind: self.kind,
            exercises,
        })
    }
}

/// A routine ready to play: a ready-made one or one the user put together.
/// Always holds at least one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    name: String,
    kind: SessionKind,
    exercises: Vec<&'static Exercise>,
}

/// Name given to a custom routine left unnamed.
pub const CUSTOM_ROUTINE_NAME: &str = "Custom routine";

impl Routine {
    /// A routine from chosen catalog ids, in the given order; a repeated id is kept once.
    /// Its kind is strengthening if any exercise is, self-massage if all are
    /// massage, stretching otherwise.
    pub fn custom(name: &str, ids: &[&str]) -> Result<Routine, DomainError> {
        let mut unique: Vec<&str> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(id) {
                unique.push(id);
            }
        }
        let exercises = lookup(&unique)?;
        let name = match name.trim() {
            "" => CUSTOM_ROUTINE_NAME,
            trimmed => trimmed,
        };
        Ok(Routine {
            name: name.to_owned(),
            kind: kind_for(&exercises),
            exercises,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> SessionKind {
        self.kind
    }

    pub fn exercises(&self) -> &[&'static Exercise] {
        &self.exercises
    }

    /// Holds in the whole routine.
    pub fn holds_planned(&self) -> u32 {
        self.exercises.iter().map(|e| e.holds_planned()).sum()
    }

    /// Time the whole routine takes, getting ready included (the longer
    /// get-ready wherever the position changes, from the chair on).
    pub fn estimated_secs(&self) -> u32 {
        let holds: u32 = self.exercises.iter().map(|e| e.estimated_secs()).sum();
        let moves = std::iter::once(STARTING_POSITION)
            .chain(self.exercises.iter().map(|e| e.position))
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|pair| pair[0] != pair[1])
            .count() as u32;
        holds.saturating_add(moves.saturating_mul(MOVE_SECS - PREPARE_SECS))
    }
}

/// The session kind of a set of exercises.
pub fn kind_for(exercises: &[&Exercise]) -> SessionKind {
    if exercises.iter().any(|e| e.kind == ExerciseKind::Strength) {
        SessionKind::Strength
    } else if !exercises.is_empty() && exercises.iter().all(|e| e.kind == ExerciseKind::Massage) {
        SessionKind::Massage
    } else {
        SessionKind::Stretch
    }
}

fn lookup(ids: &[&str]) -> Result<Vec<&'static Exercise>, DomainError> {
    if ids.is_empty() {
        return Err(DomainError::Invalid(
            "choose at least one exercise for the routine".to_owned(),
        ));
    }
    ids.iter()
        .map(|id| {
            find(id).ok_or_else(|| DomainError::Unknown {
                what: "exercise",
                value: (*id).to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_ids_are_unique_and_findable() {
        let mut ids: Vec<&str> = catalog().iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), catalog().len());
        for exercise in catalog() {
            assert_eq!(find(exercise.id), Some(exercise));
        }
        assert_eq!(find("headstand"), None);
    }

    #[test]
    fn every_exercise_is_complete() {
        for e in catalog() {
            assert!(!e.name.is_empty() && !e.summary.is_empty(), "{}", e.id);
            assert!(!e.steps.is_empty(), "{} has no steps", e.id);
            assert!(!e.cautions.is_empty(), "{} has no cautions", e.id);
            assert!(e.hold_secs > 0 && e.holds > 0, "{}", e.id);
            assert!(
                e.steps
                    .iter()
                    .chain(e.cautions)
                    .all(|s| !s.trim().is_empty()),
                "{} has an empty line",
                e.id
            );
            if e.kind == ExerciseKind::Stretch {
                assert!((20..=30).contains(&e.hold_secs), "{}", e.id);
            }
            let pain_warning = e.cautions.iter().any(|c| c.contains("sharp pain"));
            assert!(pain_warning, "{} must warn against sharp pain", e.id);
        }
    }

    #[test]
    fn bird_dog_holds_are_short_and_alternate_sides() {
        let bird_dog = find("bird_dog").unwrap();
        assert!((3..=10).contains(&bird_dog.hold_secs));
        assert_eq!(bird_dog.sides(), &[Some(Side::Left), Some(Side::Right)]);
        assert_eq!(bird_dog.holds_planned(), bird_dog.holds * 2);
        assert_eq!(find("cat_cow").unwrap().sides(), &[None]);
    }

    #[test]
    fn massage_keeps_off_spine_and_shoulder_blade() {
        let massage: Vec<_> = catalog()
            .iter()
            .filter(|e| e.kind == ExerciseKind::Massage)
            .collect();
        assert!(!massage.is_empty());
        for e in massage {
            let text = e.cautions.join(" ");
            assert!(text.contains("spine") && text.contains("shoulder blade"));
        }
    }

    #[test]
    fn kinds_map_to_session_kinds() {
        for kind in ExerciseKind::ALL {
            assert_eq!(kind.session_kind().code(), kind.code());
        }
    }

    #[test]
    fn templates_refer_to_existing_exercises_and_match_their_kind() {
        let mut ids: Vec<&str> = templates().iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), templates().len());
        for t in templates() {
            assert_eq!(find_template(t.id), Some(t));
            for id in t.exercise_ids {
                assert!(find(id).is_some(), "{} refers to unknown {id}", t.id);
            }
            let routine = t.routine().unwrap();
            assert_eq!(kind_for(routine.exercises()), t.kind, "{}", t.id);
            assert_eq!(routine.name(), t.name);
        }
    }

    #[test]
    fn estimated_durations_match_the_promises() {
        let desk = find_template("desk_break").unwrap().routine().unwrap();
        assert_eq!(desk.exercises().len(), 3);
        assert!((150..=210).contains(&desk.estimated_secs()));
        let strength = find_template("strength").unwrap().routine().unwrap();
        assert!((540..=660).contains(&strength.estimated_secs()));
        // The minutes written in each summary are the estimate, rounded.
        for t in templates() {
            let secs = t.routine().unwrap().estimated_secs();
            let minutes = (secs + 30) / 60;
            assert!(
                t.summary.contains(&format!("about {minutes} minutes")),
                "{}: {secs} s does not match \"{}\"",
                t.id,
                t.summary
            );
        }
    }

    #[test]
    fn estimate_counts_holds_sides_and_getting_ready() {
        let twist = find("seated_twist").unwrap();
        assert_eq!(twist.estimated_secs(), 2 * (PREPARE_SECS + 25));
        let routine = Routine::custom("", &["seated_twist", "cat_cow"]).unwrap();
        assert_eq!(routine.holds_planned(), 4);
        // Plus the longer get-ready once, from the chair down to all fours.
        assert_eq!(
            routine.estimated_secs(),
            twist.estimated_secs()
                + find("cat_cow").unwrap().estimated_secs()
                + (MOVE_SECS - PREPARE_SECS)
        );
        let chair_only = Routine::custom("", &["seated_twist"]).unwrap();
        assert_eq!(chair_only.estimated_secs(), twist.estimated_secs());
    }

    #[test]
    fn custom_routine_kind_follows_its_exercises() {
        let stretch = Routine::custom("Morning", &["cat_cow", "ball_massage"]).unwrap();
        assert_eq!(stretch.kind(), SessionKind::Stretch);
        assert_eq!(stretch.name(), "Morning");
        let strength = Routine::custom(" ", &["cat_cow", "bird_dog"]).unwrap();
        assert_eq!(strength.kind(), SessionKind::Strength);
        assert_eq!(strength.name(), CUSTOM_ROUTINE_NAME);
        let massage = Routine::custom("", &["ball_massage"]).unwrap();
        assert_eq!(massage.kind(), SessionKind::Massage);
    }

    #[test]
    fn custom_routine_keeps_order_and_drops_repeats() {
        let routine = Routine::custom("", &["bird_dog", "cat_cow", "bird_dog"]).unwrap();
        let ids: Vec<&str> = routine.exercises().iter().map(|e| e.id).collect();
        assert_eq!(ids, ["bird_dog", "cat_cow"]);
    }

    #[test]
    fn custom_routine_rejects_empty_and_unknown() {
        let empty = Routine::custom("", &[]).unwrap_err().to_string();
        assert!(empty.contains("at least one exercise"), "{empty}");
        assert_eq!(
            Routine::custom("", &["cat_cow", "handstand"]),
            Err(DomainError::Unknown {
                what: "exercise",
                value: "handstand".to_owned()
            })
        );
    }
}
