//! Sentence splitting that keeps byte offsets.
//!
//! The boundaries come from `sentencex` (which survives "Mr.", "U.S.", "No. 5", initials,
//! decimals and money); this module maps them back into the document and trims whitespace.

use demarche_core::Span;

/// Split the text under `span` into sentences, as spans of `text`. Whitespace-only pieces are
/// dropped; a span with no boundary yields itself.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let piece = span.slice(text);
    if piece.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for b in sentencex::get_sentence_boundaries("en", piece) {
        let s = Span::new(span.start + b.start_byte, span.start + b.end_byte);
        let sub = s.slice(text);
        let lead = sub.len() - sub.trim_start().len();
        let trimmed = Span::new(s.start + lead, s.start + sub.trim_end().len());
        if !trimmed.is_empty() {
            out.push(trimmed);
        }
    }
    if out.is_empty() && !piece.trim().is_empty() {
        out.push(span);
    }
    out
}

/// Split a unit that may span several lines: line breaks are read as spaces (a wrapped line
/// is one sentence), and the spans still point into `text`. `scratch` is reused between calls.
pub(crate) fn split_unit(text: &str, span: Span, scratch: &mut String) -> Vec<Span> {
    let piece = span.slice(text);
    if !piece.contains('\n') {
        return split_sentences(text, span);
    }
    // Same byte length: every '\n' and '\r' becomes one space.
    scratch.clear();
    scratch.extend(piece.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
    let joined: &str = scratch;
    let mut out: Vec<Span> = split_sentences(joined, Span::new(0, joined.len()))
        .into_iter()
        .map(|s| Span::new(span.start + s.start, span.start + s.end))
        .collect();
    if out.is_empty() && !piece.trim().is_empty() {
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, Span::new(0, text.len())).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn survives_abbreviations_numbers_and_brackets() {
        assert_eq!(
            split("The U.S. President met Mr. Smith and Dr. Jones on Jan. 5. They talked."),
            ["The U.S. President met Mr. Smith and Dr. Jones on Jan. 5.", "They talked."]
        );
        assert_eq!(
            split("There were two meetings (1.2) and a telephone conversation. Next."),
            ["There were two meetings (1.2) and a telephone conversation.", "Next."]
        );
        assert_eq!(
            split("Trade will exceed $12 billion, that is, a billion per month. Unprecedented."),
            ["Trade will exceed $12 billion, that is, a billion per month.", "Unprecedented."]
        );
        assert_eq!(split("Resolution No. 2334 passed. Gen. Smith agreed."), ["Resolution No. 2334 passed.", "Gen. Smith agreed."]);
        assert_eq!(split("J. R. R. Tolkien wrote books. He said: \"We will go.\" Then he left."), [
            "J. R. R. Tolkien wrote books.",
            "He said: \"We will go.\"",
            "Then he left."
        ]);
    }

    #[test]
    fn offsets_point_into_the_document() {
        let text = "xx  First one. Second one.  yy";
        let spans = split_sentences(text, Span::new(2, 28));
        assert_eq!(spans.iter().map(|s| s.slice(text)).collect::<Vec<_>>(), ["First one.", "Second one."]);
        assert_eq!(spans[0].start, 4);
    }

    #[test]
    fn wrapped_units_split_like_one_line() {
        let text = "The President met Mr.\nSmith and the\nPrime Minister. They\ntalked.";
        let mut scratch = String::new();
        let got: Vec<&str> = split_unit(text, Span::new(0, text.len()), &mut scratch).into_iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, ["The President met Mr.\nSmith and the\nPrime Minister.", "They\ntalked."]);
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let text = "Armenia’s FM arrived. «Yes», he said — fine.";
        for s in split_sentences(text, Span::new(0, text.len())) {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}
