//! The laid-out page as a tagged PDF with krilla, checked by its
//! validators for PDF/UA-1 and PDF/A-2b: a title and language, an outline
//! entry per section, every piece of text in a heading or paragraph in
//! reading order, the chart a figure with alternative text that states
//! its numbers, and everything else (the box, the rules) marked as layout.

use std::num::NonZeroU16;

use chrono::Datelike;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{BBox, ContentTag, Node, SpanTag, Tag, TagGroup, TagTree};
use krilla::{Document, SerializeSettings};

use super::ReportError;
use super::chart;
use super::content::Style;
use super::font::Face;
use super::layout::{Block, Line, Page};
use super::paint::{MUTED, Rgb, TEXT, artifact, fill_rect, stroke, stroke_rect, text};
use super::words;
use crate::domain::visit::VisitSummary;

const HEADING: Rgb = Rgb(0x1b, 0x4a, 0x66);
const WARNING: Rgb = Rgb(0x9a, 0x27, 0x1b);
const WARNING_FILL: Rgb = Rgb(0xfd, 0xee, 0xeb);
const RULE: Rgb = Rgb(0xb8, 0xb8, 0xb8);

/// The PDF of `page`.
pub(super) fn document(
    summary: &VisitSummary,
    page: &Page,
    face: &Face,
) -> Result<Vec<u8>, ReportError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| ReportError::Pdf(format!("{e:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        compress_content_streams: false,
        ..SerializeSettings::default()
    });
    let settings = PageSettings::from_wh(page.width, page.height)
        .ok_or_else(|| ReportError::Pdf("the paper size is not a size".to_owned()))?;
    let mut tree = TagTree::new();
    let mut outline = Outline::new();
    {
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for section in &page.sections {
            if let Some(frame) = section.frame {
                artifact(&mut surface, |s| {
                    fill_rect(s, frame, WARNING_FILL);
                    stroke_rect(s, frame, WARNING, 1.2);
                });
            }
            let colour = if section.frame.is_some() {
                WARNING
            } else {
                TEXT
            };
            let mut nodes: Vec<Node> = Vec::new();
            for block in &section.blocks {
                nodes.extend(block_nodes(&mut surface, face, summary, block, colour)?);
            }
            match &section.title {
                Some(title) => {
                    outline.push_child(OutlineNode::new(
                        title.clone(),
                        XyzDestination::new(0, Point::from_xy(0.0, section.top)),
                    ));
                    tree.push(TagGroup::with_children(Tag::Section, nodes));
                }
                None => nodes.into_iter().for_each(|n| tree.push(n)),
            }
        }
        let rule_y = page.footer_rule;
        artifact(&mut surface, |s| {
            let mut rule = PathBuilder::new();
            rule.move_to(super::layout::MARGIN_X, rule_y);
            rule.line_to(page.width - super::layout::MARGIN_X, rule_y);
            if let Some(path) = rule.finish() {
                stroke(s, &path, RULE, 0.6, None);
            }
        });
        let footer = lines_tagged(&mut surface, face, &page.footer, MUTED);
        tree.push(TagGroup::with_children(Tag::P, footer));
        surface.finish();
        pdf_page.finish();
    }
    document.set_outline(outline);
    document.set_tag_tree(tree);
    document.set_metadata(metadata(summary));
    document
        .finish()
        .map_err(|e| ReportError::Pdf(format!("{e:?}")))
}

fn metadata(summary: &VisitSummary) -> Metadata {
    let made = summary.made_on;
    let mut metadata = Metadata::new()
        .title(words::title(summary))
        .language("en".to_owned())
        .creator("Unknot".to_owned())
        .description(
            "Pain and self-care over a period, from self-reported data; not a diagnosis."
                .to_owned(),
        );
    if let (Ok(year), Ok(month), Ok(day)) = (
        u16::try_from(made.year()),
        u8::try_from(made.month()),
        u8::try_from(made.day()),
    ) {
        metadata = metadata.creation_date(DateTime::new(year).month(month).day(day));
    }
    metadata
}

/// Draws one block and returns its place in the structure tree.
fn block_nodes(
    surface: &mut Surface<'_>,
    face: &Face,
    summary: &VisitSummary,
    block: &Block,
    colour: Rgb,
) -> Result<Vec<Node>, ReportError> {
    Ok(match block {
        Block::Heading { level, text, lines } => {
            let level = NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN);
            let colour = if colour == TEXT { HEADING } else { colour };
            let ids = lines_tagged(surface, face, lines, colour);
            vec![TagGroup::with_children(Tag::Hn(level, Some(text.clone())), ids).into()]
        }
        Block::Para(lines) => {
            vec![TagGroup::with_children(Tag::P, lines_tagged(surface, face, lines, colour)).into()]
        }
        Block::Figures(figures) => figures
            .iter()
            .map(|lines| {
                TagGroup::with_children(Tag::P, lines_tagged(surface, face, lines, colour)).into()
            })
            .collect(),
        Block::Chart(rect) => {
            let id = surface.start_tagged(ContentTag::Other);
            chart::draw(surface, face, summary, *rect);
            surface.end_tagged();
            let bounds = krilla::geom::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h)
                .ok_or_else(|| ReportError::Pdf("the chart has no area".to_owned()))?;
            let figure =
                Tag::Figure(Some(chart::alt_text(summary))).with_bbox(Some(BBox::new(0, bounds)));
            vec![TagGroup::with_children(figure, vec![id.into()]).into()]
        }
    })
}

/// Draws each line as tagged text; returns their identifiers in order.
fn lines_tagged(surface: &mut Surface<'_>, face: &Face, lines: &[Line], colour: Rgb) -> Vec<Node> {
    lines
        .iter()
        .map(|line| {
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            let colour = match line.style {
                Style::Small if colour == TEXT => MUTED,
                _ => colour,
            };
            text(
                surface,
                face,
                line.x,
                line.baseline,
                &line.text,
                line.style.size(),
                colour,
                line.style.bold(),
            );
            surface.end_tagged();
            id.into()
        })
        .collect()
}
