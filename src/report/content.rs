//! What goes on the page, before it is measured: sections of headings,
//! paragraphs in a style, the row of key figures and the chart. `words`
//! writes it from the summary; `layout` places it.

/// A kind of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Title,
    Heading,
    Subheading,
    Body,
    /// Body text that must not be missed (the warning signs).
    Strong,
    Small,
    /// A figure's big number.
    Value,
}

impl Style {
    pub(super) fn size(self) -> f32 {
        match self {
            Style::Title => 18.0,
            Style::Heading => 11.5,
            Style::Subheading | Style::Strong => 9.5,
            Style::Body => 9.5,
            Style::Small => 8.0,
            Style::Value => 16.0,
        }
    }

    pub(super) fn line_height(self) -> f32 {
        (self.size() * 1.3).round()
    }

    /// Drawn heavier than the font's light weight (filled and outlined).
    pub(super) fn bold(self) -> bool {
        matches!(
            self,
            Style::Title | Style::Heading | Style::Subheading | Style::Strong | Style::Value
        )
    }
}

/// A figure in the row of key numbers.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure {
    pub label: String,
    pub value: String,
    pub note: String,
}

/// What a section holds, before it is measured.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    Heading {
        level: u16,
        text: String,
    },
    Para {
        style: Style,
        text: String,
        indent: f32,
    },
    Figures(Vec<Figure>),
    Chart,
}

/// A part of the page with its own heading (the outline's entry).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Section {
    /// The outline's name for it; `None` for the title block.
    pub title: Option<String>,
    /// Set apart in a box.
    pub warning: bool,
    pub items: Vec<Item>,
}
