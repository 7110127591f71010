//! Bounded work per sentence: over-long sentences are split into pieces of at most
//! [`MAX_SENTENCE_BYTES`](crate::MAX_SENTENCE_BYTES) before actor recognition, so that the
//! per-sentence analyses (which look at a sentence's mentions once per candidate event) cost
//! time linear in the document's length.

use crate::MAX_SENTENCE_BYTES;
use demarche_core::Span;
use demarche_segment::Sentence;

/// Split every sentence longer than [`MAX_SENTENCE_BYTES`] into pieces, noting each split.
pub(crate) fn split_long(text: &str, sentences: Vec<Sentence>, notes: &mut Vec<String>) -> Vec<Sentence> {
    if sentences.iter().all(|s| s.span.end.saturating_sub(s.span.start) <= MAX_SENTENCE_BYTES) {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let len = s.span.end.saturating_sub(s.span.start);
        if len <= MAX_SENTENCE_BYTES {
            out.push(s);
            continue;
        }
        let before = out.len();
        let mut start = s.span.start;
        let mut line = s.line;
        while start < s.span.end {
            let end = cut(text, start, s.span.end);
            // Trim the piece's surrounding whitespace (spans hold no outer whitespace).
            let piece = text.get(start..end).unwrap_or("");
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            let (ps, pe) = (start + lead, end - trail.min(end - start - lead));
            line += text.get(start..ps).map_or(0, |t| t.matches('\n').count());
            if ps < pe {
                out.push(Sentence { span: Span::new(ps, pe), line, section: s.section, speaker: s.speaker.clone() });
            }
            line += text.get(ps..end).map_or(0, |t| t.matches('\n').count());
            start = end;
        }
        notes.push(format!(
            "line {}: sentence of {len} bytes is longer than {MAX_SENTENCE_BYTES}: split into {} pieces coded separately",
            s.line,
            out.len() - before
        ));
    }
    out
}

/// Where the piece starting at `start` ends: after the last `;` or `,` in its window, else at
/// its last whitespace, else at the last character boundary — always past `start`.
fn cut(text: &str, start: usize, end: usize) -> usize {
    demarche_segment::cut_point(text, start, end, MAX_SENTENCE_BYTES, |w| w.rfind([';', ',']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use demarche_core::Section;

    fn sentence(text: &str) -> Sentence {
        Sentence { span: Span::new(0, text.len()), line: 1, section: Section::Narrative, speaker: None }
    }

    #[test]
    fn cuts_after_a_wide_space_stay_on_char_boundaries() {
        // No-break spaces (two bytes) and line separators (three) are the only places to cut.
        let text = format!("{}\u{a0}{}\u{2028}{}", "\u{fffd}".repeat(700), "\u{fffd}".repeat(700), "\u{fffd}".repeat(700));
        let mut notes = Vec::new();
        let out = split_long(&text, vec![sentence(&text)], &mut notes);
        assert!(out.len() > 1);
        for s in &out {
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
    }

    #[test]
    fn short_sentences_are_untouched() {
        let text = "Russia and Armenia held talks.";
        let mut notes = Vec::new();
        let out = split_long(text, vec![sentence(text)], &mut notes);
        assert_eq!(out.len(), 1);
        assert!(notes.is_empty());
    }

    #[test]
    fn long_sentences_become_pieces_within_the_limit() {
        for unit in ["Russia, ", "Armenia and France and ", "x", "é", "日本\n", "  "] {
            let text = format!("{}end.", unit.repeat(3 * MAX_SENTENCE_BYTES / unit.len()));
            let mut notes = Vec::new();
            let out = split_long(&text, vec![sentence(&text)], &mut notes);
            assert_eq!(notes.len(), 1, "{unit:?}");
            assert!(out.len() >= 3 || unit.trim().is_empty(), "{unit:?}");
            let mut last = 0;
            for p in &out {
                assert!(p.span.end - p.span.start <= MAX_SENTENCE_BYTES, "{unit:?}");
                assert!(p.span.start >= last && text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
                assert_eq!(p.span.slice(&text), p.span.slice(&text).trim());
                assert_eq!(p.line, 1 + text[..p.span.start].matches('\n').count(), "{unit:?}");
                last = p.span.end;
            }
        }
    }
}
