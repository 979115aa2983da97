//! The page's one typeface, Ubuntu Light (the bytes egui already ships,
//! under the Ubuntu Font Licence, which allows embedding), measured and
//! placed glyph by glyph from its own advances, so that what the layout
//! measures is exactly what is drawn. No kerning or ligatures: plain
//! advances are enough for a page of figures and short sentences.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use super::ReportError;

/// What stands in for a character the font has no glyph for.
const MISSING: char = '?';

/// The font, for krilla and for measuring.
pub(super) struct Face {
    pdf: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// The glyph and advance (in ems) of the first 256 characters, which
    /// are nearly all the page has: looked up once.
    latin: Vec<Option<(u32, f32)>>,
    /// Above the baseline, in ems.
    pub ascent: f32,
    /// Below the baseline, in ems (positive).
    pub descent: f32,
}

impl Face {
    pub(super) fn load() -> Result<Face, ReportError> {
        let bytes: &'static [u8] = epaint_default_fonts::UBUNTU_LIGHT;
        let broken = |what: &str| ReportError::Font(what.to_owned());
        let font = FontRef::new(bytes).map_err(|e| broken(&e.to_string()))?;
        let pdf = Font::new(bytes.into(), 0).ok_or_else(|| broken("krilla cannot read it"))?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut face = Face {
            pdf,
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            latin: Vec::new(),
            ascent: metrics.ascent / units_per_em,
            descent: metrics.descent.abs() / units_per_em,
        };
        face.latin = (0..=255u8).map(|b| face.look_up(char::from(b))).collect();
        Ok(face)
    }

    pub(super) fn pdf_font(&self) -> Font {
        self.pdf.clone()
    }

    /// `text` with what cannot be drawn replaced: control characters (line
    /// breaks included) become spaces, characters the font lacks a `?`.
    pub(super) fn clean(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    ' '
                } else if self.glyph(c).is_some() {
                    c
                } else {
                    MISSING
                }
            })
            .collect()
    }

    /// The glyph of one character and its advance in ems; `None` if the
    /// font lacks it.
    fn glyph(&self, c: char) -> Option<(u32, f32)> {
        match self.latin.get(c as usize) {
            Some(known) => *known,
            None => self.look_up(c),
        }
    }

    fn look_up(&self, c: char) -> Option<(u32, f32)> {
        let glyph = self.charmap.map(c).filter(|g| g.to_u32() != 0)?;
        let advance = self.metrics.advance_width(glyph)?;
        Some((glyph.to_u32(), advance / self.units_per_em))
    }

    /// How wide `text` is at `size` points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .filter_map(|c| self.glyph(c))
            .map(|(_, advance)| advance)
            .sum::<f32>()
            * size
    }

    /// The glyphs of `text` (already [`Face::clean`]), each with the bytes
    /// of the character it stands for, so the text can be copied and read
    /// aloud.
    pub(super) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .filter_map(|(at, c)| {
                let (id, advance) = self.glyph(c).or_else(|| self.glyph(MISSING))?;
                Some(KrillaGlyph::new(
                    GlyphId::new(id),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    at..at + c.len_utf8(),
                    None,
                ))
            })
            .collect()
    }

    /// `text` broken into lines no wider than `width` at `size`, at spaces;
    /// a word wider than a line is broken where it must be. Every line but
    /// the last keeps its trailing space, so that text taken from the page
    /// has its words apart.
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let word_width = self.width(word, size);
            let joined = if line.is_empty() {
                word_width
            } else {
                line_width + space + word_width
            };
            if joined <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(format!("{line} "));
                line.clear();
            }
            // A word longer than a whole line: as much as fits, then on.
            let mut rest = word;
            while self.width(rest, size) > width {
                let mut end = rest.len();
                for (at, _) in rest.char_indices().rev() {
                    if at > 0 && self.width(&rest[..at], size) <= width {
                        end = at;
                        break;
                    }
                }
                if end == rest.len() {
                    break;
                }
                lines.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
            line = rest.to_owned();
            line_width = self.width(rest, size);
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn lines_stay_within_their_width_and_keep_every_word() {
        let face = Face::load().unwrap();
        let text = "Pain was 1.4 points lower (likely a real change) over fourteen days";
        let lines = face.wrap(text, 9.0, 120.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(face.width(line.trim_end(), 9.0) <= 120.001, "{line}");
        }
        assert_eq!(lines.concat(), text);
        let long = face.wrap(&"x".repeat(200), 9.0, 50.0);
        assert!(long.len() > 2 && long.iter().all(|l| face.width(l, 9.0) <= 50.0));
    }

    #[test]
    fn what_the_font_lacks_is_replaced() {
        let face = Face::load().unwrap();
        assert_eq!(face.clean("ok\nthen 🙂 …"), "ok then ? …");
        assert_eq!(face.glyphs("ab").len(), 2);
    }
}
