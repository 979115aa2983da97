//! Where everything goes on the page. One column, top to bottom: each
//! paragraph is measured with the font and wrapped to the column, and the
//! page is laid out again with a smaller [`Plan`] until everything ends
//! above the footer. Text never shrinks for it: the sizes below are fixed,
//! none under 8 points.

use super::Paper;
use super::content::{Figure, Item, Section, Style};
use super::font::Face;
use super::words::{self, Plan};
use crate::domain::visit::VisitSummary;

pub(super) const MARGIN_X: f32 = 44.0;
pub(super) const MARGIN_TOP: f32 = 40.0;
pub(super) const MARGIN_BOTTOM: f32 = 34.0;
/// Inside the warning box, between its edge and the text.
const BOX_PADDING: f32 = 7.0;
/// Between the boxes of the figures row.
const FIGURE_GAP: f32 = 12.0;

/// A rectangle, `y` growing down the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// One line of text where it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub style: Style,
}

/// A measured and placed piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading {
        level: u16,
        text: String,
        lines: Vec<Line>,
    },
    Para(Vec<Line>),
    /// The figures row: one paragraph of lines per figure.
    Figures(Vec<Vec<Line>>),
    Chart(Rect),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct LaidSection {
    pub title: Option<String>,
    pub top: f32,
    /// The box around a warning section.
    pub frame: Option<Rect>,
    pub blocks: Vec<Block>,
}

/// The page, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Page {
    pub width: f32,
    pub height: f32,
    pub sections: Vec<LaidSection>,
    /// Where the content ends.
    pub bottom: f32,
    /// The lowest the content may reach: the footer's top.
    pub limit: f32,
    pub footer: Vec<Line>,
    /// Where the rule above the footer goes.
    pub footer_rule: f32,
    /// Whether the last resort left something off.
    pub cut: bool,
}

impl Page {
    pub(super) fn overflows(&self) -> bool {
        self.bottom > self.limit
    }
}

/// The page for `summary`, with as much on it as fits, and the plan that
/// made it.
pub(super) fn fit(summary: &VisitSummary, face: &Face, paper: Paper) -> (Page, Plan) {
    let mut plan = Plan::full();
    loop {
        let page = lay_out(summary, face, paper, &plan);
        if !page.overflows() {
            return (page, plan);
        }
        match plan.smaller() {
            Some(next) => plan = next,
            None => return (page, plan),
        }
    }
}

/// Tracks the cursor down the page.
struct Flow<'a> {
    face: &'a Face,
    y: f32,
}

impl Flow<'_> {
    /// Lines of `text` in `style` at `x`, wrapped to `width`; moves the
    /// cursor below them.
    fn lines(&mut self, text: &str, style: Style, x: f32, width: f32) -> Vec<Line> {
        let clean = self.face.clean(text);
        let mut out = Vec::new();
        for line in self.face.wrap(&clean, style.size(), width) {
            // The glyphs' full height centred in the line.
            let glyphs = (self.face.ascent + self.face.descent) * style.size();
            let lead = (style.line_height() - glyphs) / 2.0;
            out.push(Line {
                x,
                baseline: self.y + lead + self.face.ascent * style.size(),
                text: line,
                style,
            });
            self.y += style.line_height();
        }
        out
    }
}

fn lay_out(summary: &VisitSummary, face: &Face, paper: Paper, plan: &Plan) -> Page {
    let (width, height) = paper.size_pt();
    let column = width - 2.0 * MARGIN_X;
    let mut flow = Flow {
        face,
        y: MARGIN_TOP,
    };
    // The footer first: the content must end above it.
    let mut footer_flow = Flow { face, y: 0.0 };
    let mut footer = footer_flow.lines(&words::footer(summary), Style::Small, MARGIN_X, column);
    let footer_top = height - MARGIN_BOTTOM - footer_flow.y;
    for line in &mut footer {
        line.baseline += footer_top;
    }
    let footer_rule = footer_top - 4.0;
    let limit = footer_rule - 6.0;
    let cut_line = Style::Small.line_height() + 4.0;

    let sections: Vec<Section> = [
        Some(words::header(summary)),
        words::warnings(summary),
        Some(words::pain(summary)),
        words::done(summary, plan),
        words::notes(summary, plan),
    ]
    .into_iter()
    .flatten()
    .collect();

    let mut laid = Vec::new();
    let mut cut = false;
    'sections: for section in sections {
        let top = flow.y;
        let (x, w) = if section.warning {
            flow.y += BOX_PADDING;
            (MARGIN_X + BOX_PADDING, column - 2.0 * BOX_PADDING)
        } else {
            (MARGIN_X, column)
        };
        let mut blocks = Vec::new();
        for (i, item) in section.items.iter().enumerate() {
            let before = flow.y;
            let block = place(&mut flow, item, i == 0, x, w, plan);
            if plan.cut_at_bottom && flow.y > limit - cut_line {
                flow.y = before;
                cut = true;
                // A heading with nothing under it goes too.
                if matches!(blocks.last(), Some(Block::Heading { .. })) {
                    blocks.pop();
                }
                if !blocks.is_empty() {
                    laid.push(LaidSection {
                        title: section.title.clone(),
                        top,
                        frame: None,
                        blocks,
                    });
                }
                break 'sections;
            }
            blocks.push(block);
        }
        let frame = section.warning.then(|| {
            flow.y += BOX_PADDING;
            Rect {
                x: MARGIN_X,
                y: top,
                w: column,
                h: flow.y - top,
            }
        });
        flow.y += if section.warning { 4.0 } else { 0.0 };
        laid.push(LaidSection {
            title: section.title,
            top,
            frame,
            blocks,
        });
    }
    if cut {
        let note = "Not everything fitted on one page; Unknot holds the full record.";
        flow.y += 4.0;
        let lines = flow.lines(note, Style::Small, MARGIN_X, column);
        if let Some(last) = laid.last_mut() {
            last.blocks.push(Block::Para(lines));
        }
    }
    Page {
        width,
        height,
        sections: laid,
        bottom: flow.y,
        limit,
        footer,
        footer_rule,
        cut,
    }
}

/// Measures and places one item at the cursor.
fn place(flow: &mut Flow<'_>, item: &Item, first: bool, x: f32, w: f32, plan: &Plan) -> Block {
    match item {
        Item::Heading { level, text } => {
            let style = match level {
                1 => Style::Title,
                2 => Style::Heading,
                _ => Style::Subheading,
            };
            if !first {
                flow.y += if *level <= 2 { 9.0 } else { 4.0 };
            }
            let lines = flow.lines(text, style, x, w);
            flow.y += 1.0;
            Block::Heading {
                level: *level,
                text: text.clone(),
                lines,
            }
        }
        Item::Para {
            style,
            text,
            indent,
        } => {
            let lines = flow.lines(text, *style, x + indent, w - indent);
            flow.y += 1.5;
            Block::Para(lines)
        }
        Item::Figures(figures) => figures_row(flow, figures, x, w),
        Item::Chart => {
            flow.y += 4.0;
            let rect = Rect {
                x,
                y: flow.y,
                w,
                h: plan.chart_height,
            };
            flow.y += plan.chart_height + 4.0;
            Block::Chart(rect)
        }
    }
}

/// The figures side by side, each a label, a big value and a note; the
/// row is as tall as its tallest figure.
fn figures_row(flow: &mut Flow<'_>, figures: &[Figure], x: f32, w: f32) -> Block {
    let n = figures.len().max(1) as f32;
    let each = (w - FIGURE_GAP * (n - 1.0)) / n;
    let top = flow.y + 3.0;
    let mut paras = Vec::new();
    let mut bottom = top;
    for (i, figure) in figures.iter().enumerate() {
        flow.y = top;
        let fx = x + i as f32 * (each + FIGURE_GAP);
        let mut lines = flow.lines(&figure.label, Style::Small, fx, each);
        lines.extend(flow.lines(&figure.value, Style::Value, fx, each));
        lines.extend(flow.lines(&figure.note, Style::Small, fx, each));
        paras.push(lines);
        bottom = bottom.max(flow.y);
    }
    flow.y = bottom + 4.0;
    Block::Figures(paras)
}
