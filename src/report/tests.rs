//! The page's layout on a heavy log, on both papers and every length of
//! period: everything ends above the footer, no line leaves the margins or
//! touches another, none crosses the chart, and krilla's validators accept
//! the PDF, odd characters in notes included.
#![allow(clippy::unwrap_used)]

use chrono::{Days, NaiveDate};

use super::font::Face;
use super::layout::{self, Block, Line, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Page, Rect};
use super::*;
use crate::domain::checklist::{Answer, ChecklistAnswer, items};
use crate::domain::pain::RedFlags;
use crate::domain::visit::VisitRecords;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Fourteen months of demo history with more than any page shows: warning
/// signs every few days, long notes with emoji, line breaks and a word
/// wider than a line, and every checklist item changed in the last weeks.
fn heavy() -> VisitRecords {
    let h = crate::demo::generate(420, today(), crate::demo::DEFAULT_SEED);
    let mut checkins = h.checkins;
    let n = checkins.len();
    for (i, c) in checkins.iter_mut().enumerate().skip(n - 80) {
        if i % 4 == 0 {
            c.red_flags = RedFlags {
                arm_symptoms: true,
                after_impact: true,
                fever: true,
            };
        }
        c.note = format!(
            "Day {i} 🙂 with a line\nbreak and {} then a long sentence that goes on and on \
             about the chair, the desk, the screen and the drive home in the rain.",
            "x".repeat(150)
        );
    }
    let mut checklist_history = Vec::new();
    for (k, item) in items().iter().enumerate() {
        checklist_history.push(ChecklistAnswer {
            item: item.id.to_owned(),
            answer: Answer::NotYet,
            answered_on: today() - Days::new(300),
        });
        checklist_history.push(ChecklistAnswer {
            item: item.id.to_owned(),
            answer: Answer::Yes,
            answered_on: today() - Days::new(5 + 3 * k as u64),
        });
    }
    checklist_history.sort_by_key(|a| a.answered_on);
    VisitRecords {
        first_record: checkins.first().map(|c| c.date),
        checkins,
        first_checkins: Vec::new(),
        user_baseline: None,
        sessions: h.sessions,
        flare_ups: h.helps.flare_ups,
        days_off: h.helps.days_off,
        experiments: h.helps.experiments,
        checklist_history,
        activities: h.helps.activities,
        function_ratings: h.helps.function_ratings,
    }
}

fn lines(page: &Page) -> Vec<&Line> {
    let mut out: Vec<&Line> = page.footer.iter().collect();
    for section in &page.sections {
        for block in &section.blocks {
            match block {
                Block::Heading { lines, .. } | Block::Para(lines) => out.extend(lines),
                Block::Figures(figures) => out.extend(figures.iter().flatten()),
                Block::Chart(_) => {}
            }
        }
    }
    out
}

fn bounds(face: &Face, line: &Line) -> Rect {
    let size = line.style.size();
    Rect {
        x: line.x,
        y: line.baseline - face.ascent * size,
        w: face.width(line.text.trim_end(), size),
        h: (face.ascent + face.descent) * size,
    }
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.x < b.x + b.w - 0.1 && b.x < a.x + a.w - 0.1 && a.y < b.y + b.h - 0.1 && b.y < a.y + a.h - 0.1
}

#[test]
fn a_heavy_log_fits_one_page_without_clipping_or_overlap() {
    let records = heavy();
    let face = Face::load().unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        for weeks in [1, 4, 12, 26, 52] {
            let period = Period::last_weeks(weeks, today()).unwrap();
            let summary = VisitSummary::compute(period, &records, today()).unwrap();
            assert!(!summary.warnings.is_empty() && summary.checklist.is_some());
            let what = format!("{paper:?}, {weeks} weeks");
            let (page, _) = layout::fit(&summary, &face, paper);
            assert!(
                !page.overflows(),
                "{what}: ends at {} of {}",
                page.bottom,
                page.limit
            );
            let charts: Vec<Rect> = page
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter_map(|b| match b {
                    Block::Chart(rect) => Some(*rect),
                    _ => None,
                })
                .collect();
            assert_eq!(charts.len(), 1, "{what}");
            let boxes: Vec<(Rect, &Line)> = lines(&page)
                .into_iter()
                .map(|l| (bounds(&face, l), l))
                .collect();
            for (i, (b, line)) in boxes.iter().enumerate() {
                assert!(
                    b.x >= MARGIN_X - 0.01 && b.x + b.w <= page.width - MARGIN_X + 0.01,
                    "{what}: {:?} leaves the margins",
                    line.text
                );
                assert!(
                    b.y >= MARGIN_TOP - 1.0 && b.y + b.h <= page.height - MARGIN_BOTTOM + 1.0,
                    "{what}: {:?} is off the page",
                    line.text
                );
                assert!(
                    !overlap(*b, charts[0]),
                    "{what}: {:?} is on the chart",
                    line.text
                );
                for (other, other_line) in &boxes[i + 1..] {
                    assert!(
                        !overlap(*b, *other),
                        "{what}: {:?} touches {:?}",
                        line.text,
                        other_line.text
                    );
                }
            }
            let pdf = render(&summary, paper).unwrap();
            assert!(pdf.starts_with(b"%PDF-1.7"), "{what}");
        }
    }
}

#[test]
fn the_paper_follows_the_locale_territory() {
    assert_eq!(Paper::for_locale("en_US.UTF-8"), Some(Paper::Letter));
    assert_eq!(Paper::for_locale("fr_CA.UTF-8"), Some(Paper::Letter));
    assert_eq!(Paper::for_locale("es_MX"), Some(Paper::Letter));
    assert_eq!(Paper::for_locale("en_GB.UTF-8"), Some(Paper::A4));
    assert_eq!(Paper::for_locale("de_DE@euro"), Some(Paper::A4));
    assert_eq!(Paper::for_locale("C.UTF-8"), None);
    assert_eq!(Paper::for_locale(""), None);
}

#[test]
fn the_chart_is_described_with_its_numbers() {
    let records = heavy();
    for weeks in [12, 26] {
        let period = Period::last_weeks(weeks, today()).unwrap();
        let s = VisitSummary::compute(period, &records, today()).unwrap();
        let alt = super::chart::alt_text(&s);
        let dates = |a, b| format!("from {} to {}", words::date(a), words::date(b));
        assert!(alt.contains(&dates(period.from, period.to)), "{alt}");
        let base = s.pain.baseline.value;
        let lines = format!(
            "baseline at {base:.1}, 30% less at {:.1} and 50% less at {:.1}",
            base * 0.7,
            base * 0.5
        );
        assert!(alt.contains(&lines), "{alt}");
        let flare_ups = format!("{} flare-ups are marked", s.flare_up_count());
        assert!(alt.contains(&flare_ups), "{alt}");
        if weeks == 12 {
            // The line ends where the page's latest 7-day average is.
            let (day, mean) = s.pain.latest;
            let end = format!("to {mean:.1} on {}", words::date(day));
            assert!(alt.contains(&end), "{alt}");
        } else {
            assert!(alt.contains("The weekly mean went from"), "{alt}");
        }
    }
}
