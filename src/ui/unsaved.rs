//! Work in progress that closing the window would lose: a running timer, a
//! session whose save failed, a check-in typed but not saved. Each screen
//! names its own, and says what "Save and close" would do with it.

/// One piece of unsaved work, in words for the question asked on closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// What it is: "The heat session, on for 12 minutes".
    pub what: String,
    /// What saving before closing does with it: "Logged as 12 minutes of
    /// heat", or why it cannot be kept.
    pub on_save: String,
}

impl Unsaved {
    pub fn new(what: impl Into<String>, on_save: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            on_save: on_save.into(),
        }
    }
}
