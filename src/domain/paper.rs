//! Paper sizes for the visit summary, and which one a locale prints on.
//! Here rather than with the PDF so a remembered choice can be kept with
//! the other preferences.

use serde::{Deserialize, Serialize};

/// The paper the page is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    /// US Letter.
    Letter,
}

/// Territories whose locales print on US Letter (as glibc's LC_PAPER
/// has them); everywhere else uses A4.
const LETTER_TERRITORIES: [&str; 14] = [
    "US", "CA", "MX", "PR", "PH", "CL", "CO", "CR", "DO", "GT", "NI", "PA", "SV", "VE",
];

impl Paper {
    /// Width and height in points (1/72 inch).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The paper a locale name such as `en_US.UTF-8` prints on; `None`
    /// for a name without a territory (`C`, `POSIX`, empty).
    pub fn for_locale(locale: &str) -> Option<Paper> {
        let name = locale.split(['.', '@']).next().unwrap_or_default();
        let (_, territory) = name.split_once('_')?;
        Some(
            if LETTER_TERRITORIES.contains(&territory.to_ascii_uppercase().as_str()) {
                Paper::Letter
            } else {
                Paper::A4
            },
        )
    }

    /// The paper the environment's locale prints on: `LC_ALL`, then
    /// `LC_PAPER`, then `LANG`, the first that names a territory; A4 when
    /// none does.
    pub fn from_environment() -> Paper {
        ["LC_ALL", "LC_PAPER", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find_map(|value| Paper::for_locale(&value))
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}
