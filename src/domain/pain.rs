//! The daily check-in: pain and stress on the 0-10 numeric rating scale,
//! where it hurts, and the red-flag questions.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::DomainError;

/// A 0-10 rating (pain, stress, "how does it feel now"). 0 is none, 10 the worst imaginable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rating(u8);

impl Rating {
    pub const MAX: u8 = 10;

    /// Checks the range; `what` names the value in the error ("pain", "stress").
    pub fn new(value: i64, what: &'static str) -> Result<Self, DomainError> {
        match u8::try_from(value) {
            Ok(v) if v <= Self::MAX => Ok(Self(v)),
            _ => Err(DomainError::RatingOutOfRange { what, value }),
        }
    }

    /// Parses text typed by a person ("7", " 3 ").
    pub fn parse(text: &str, what: &'static str) -> Result<Self, DomainError> {
        let trimmed = text.trim();
        let value: i64 = trimmed.parse().map_err(|_| {
            DomainError::Invalid(format!(
                "{what} must be a whole number from 0 to 10, not \"{trimmed}\""
            ))
        })?;
        Self::new(value, what)
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Every rating, 0 to 10, for drawing a scale.
    pub fn all() -> impl Iterator<Item = Rating> {
        (0..=Self::MAX).map(Rating)
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where the tension is felt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Neck,
    ShoulderTops,
    BetweenShoulderBlades,
    MidBack,
}

impl Area {
    pub const ALL: [Area; 4] = [
        Area::Neck,
        Area::ShoulderTops,
        Area::BetweenShoulderBlades,
        Area::MidBack,
    ];

    /// Stable code used in storage and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Area::Neck => "neck",
            Area::ShoulderTops => "shoulder_tops",
            Area::BetweenShoulderBlades => "between_shoulder_blades",
            Area::MidBack => "mid_back",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Neck => "Neck",
            Area::ShoulderTops => "Top of the shoulders",
            Area::BetweenShoulderBlades => "Between the shoulder blades",
            Area::MidBack => "Mid back",
        }
    }

    pub fn from_code(code: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|a| a.code() == code)
            .ok_or_else(|| DomainError::Unknown {
                what: "area",
                value: code.to_owned(),
            })
    }

    /// Areas as stored: codes joined by ';' in a fixed order.
    pub fn join(areas: &[Area]) -> String {
        let mut sorted = areas.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted
            .iter()
            .map(|a| a.code())
            .collect::<Vec<_>>()
            .join(";")
    }

    pub fn split(text: &str) -> Result<Vec<Area>, DomainError> {
        let mut areas = text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Area::from_code)
            .collect::<Result<Vec<_>, _>>()?;
        areas.sort();
        areas.dedup();
        Ok(areas)
    }
}

/// The red-flag questions asked at every check-in. `true` means "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RedFlags {
    /// Numbness, tingling or weakness running into the arms or fingers.
    pub arm_symptoms: bool,
    /// The pain began with a fall, an accident or another impact.
    pub after_impact: bool,
    /// Fever or chills along with the pain.
    pub fever: bool,
}

impl RedFlags {
    pub fn any(self) -> bool {
        self.arm_symptoms || self.after_impact || self.fever
    }

    /// Plain descriptions of the flags answered "yes".
    pub fn reasons(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.arm_symptoms {
            out.push("numbness, tingling or weakness into the arms or fingers");
        }
        if self.after_impact {
            out.push("the pain started after a fall, accident or other impact");
        }
        if self.fever {
            out.push("fever or chills along with the pain");
        }
        out
    }
}

/// One day's check-in. There is at most one per local date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    /// The local calendar day this check-in is about.
    pub date: NaiveDate,
    /// When it was last saved.
    pub recorded_at: DateTime<Utc>,
    pub pain: Rating,
    pub stress: Option<Rating>,
    pub areas: Vec<Area>,
    pub red_flags: RedFlags,
    pub note: String,
}

/// Longest note kept with a check-in or session, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// Rejects notes that are too long to be a note.
pub fn check_note(note: &str) -> Result<(), DomainError> {
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(DomainError::Invalid(format!(
            "the note is {chars} characters long; the limit is {MAX_NOTE_CHARS}"
        )));
    }
    Ok(())
}

/// The check-ins sorted by date, one per date. Should two share a date, the
/// one saved last (`recorded_at`) wins.
pub fn latest_per_day(checkins: &[CheckIn]) -> Vec<&CheckIn> {
    let mut sorted: Vec<&CheckIn> = checkins.iter().collect();
    sorted.sort_by_key(|c| (c.date, c.recorded_at));
    let mut out: Vec<&CheckIn> = Vec::with_capacity(sorted.len());
    for checkin in sorted {
        match out.last_mut() {
            Some(last) if last.date == checkin.date => *last = checkin,
            _ => out.push(checkin),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_accepts_0_to_10_only() {
        assert_eq!(Rating::new(0, "pain").unwrap().get(), 0);
        assert_eq!(Rating::new(10, "pain").unwrap().get(), 10);
        assert_eq!(
            Rating::new(11, "pain"),
            Err(DomainError::RatingOutOfRange {
                what: "pain",
                value: 11
            })
        );
        assert!(Rating::new(-1, "stress").is_err());
        assert_eq!(Rating::parse(" 7 ", "pain").unwrap().get(), 7);
        let err = Rating::parse("seven", "pain").unwrap_err().to_string();
        assert!(err.contains("\"seven\""), "{err}");
    }

    #[test]
    fn areas_round_trip_sorted_and_deduplicated() {
        let text = Area::join(&[Area::MidBack, Area::Neck, Area::MidBack]);
        assert_eq!(text, "neck;mid_back");
        assert_eq!(Area::split(&text).unwrap(), vec![Area::Neck, Area::MidBack]);
        assert_eq!(Area::split("").unwrap(), Vec::<Area>::new());
        assert!(Area::split("neck;elbow").is_err());
    }

    #[test]
    fn red_flags_name_each_reason() {
        let none = RedFlags::default();
        assert!(!none.any());
        assert!(none.reasons().is_empty());
        let two = RedFlags {
            arm_symptoms: true,
            fever: true,
            ..RedFlags::default()
        };
        assert!(two.any());
        assert_eq!(two.reasons().len(), 2);
    }
}
