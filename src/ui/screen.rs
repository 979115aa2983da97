//! The screens reachable from the navigation.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Routines,
    Heat,
    Progress,
    Ergonomics,
    History,
    Settings,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Today,
        Screen::Routines,
        Screen::Heat,
        Screen::Progress,
        Screen::Ergonomics,
        Screen::History,
        Screen::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Routines => "Routines",
            Screen::Heat => "Heat",
            Screen::Progress => "Progress",
            Screen::Ergonomics => "Ergonomics",
            Screen::History => "History",
            Screen::Settings => "Settings",
        }
    }
}
