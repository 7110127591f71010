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
    if one_sentence(piece) {
        let trimmed = Span::new(span.start + (piece.len() - piece.trim_start().len()), span.start + piece.trim_end().len());
        return vec![trimmed];
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

/// True when `piece` can hold no sentence boundary, so the splitter need not run: ASCII text with
/// at most one `.`, `!` or `?`, at its end (before closing quotes or brackets), no `)` that could
/// close a list marker ("a)", "(1)"), no bullet opening it, and no paragraph break.
fn one_sentence(piece: &str) -> bool {
    let t = piece.trim();
    if !t.is_ascii() || t.is_empty() || t.starts_with(['*', '+', '-']) || t.contains(')') || t.contains("\n\n") {
        return false;
    }
    let body = t.trim_end_matches(['"', '\'', ']']);
    let body = body.strip_suffix(['.', '!', '?']).unwrap_or(body);
    !body.contains(['.', '!', '?'])
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
    fn one_sentence_pieces_skip_the_splitter_and_agree_with_it() {
        for piece in [
            "Question: What did the ministers discuss today?",
            "  Good afternoon, ladies and gentlemen  ",
            "He said \"we agree.\"",
            "Press Day in the Capital",
            "a",
        ] {
            assert!(one_sentence(piece), "{piece}");
            let from_splitter: Vec<Span> = sentencex::get_sentence_boundaries("en", piece)
                .into_iter()
                .map(|b| {
                    let s = &piece[b.start_byte..b.end_byte];
                    let start = b.start_byte + (s.len() - s.trim_start().len());
                    Span::new(start, b.start_byte + s.trim_end().len())
                })
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(split_sentences(piece, Span::new(0, piece.len())), from_splitter, "{piece}");
        }
        for piece in ["One. Two.", "a) first b) second", "- item", "Armenia’s FM arrived.", "Wait... what?"] {
            assert!(!one_sentence(piece), "{piece}");
        }
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let text = "Armenia’s FM arrived. «Yes», he said — fine.";
        for s in split_sentences(text, Span::new(0, text.len())) {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}
