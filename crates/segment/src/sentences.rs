//! Sentence splitting that keeps byte offsets.
//!
//! The boundaries come from `sentencex` (which survives "Mr.", "U.S.", "No. 5", initials,
//! decimals and money); this module maps them back into the document and trims whitespace.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use demarche_core::Span;

/// The most bytes handed to `sentencex` at once. From every bracket it looks for the closing one
/// up to the end of the line, so a line of many unclosed brackets costs time quadratic in its
/// length (a 1 MB line of nested parentheses took 12 s). Longer text is cut first, after a
/// sentence end near the limit if there is one (see [`cut_point`]); real paragraphs are far
/// shorter.
pub const SPLIT_WINDOW: usize = 32 * 1024;

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
    let mut at = 0;
    while at < piece.len() {
        let end = cut_point(piece, at, piece.len(), SPLIT_WINDOW, sentence_end);
        let window = piece.get(at..end).unwrap_or("");
        // `segment` gives the slices `get_sentence_boundaries` would, without their character
        // counts (empty ones left out, as they are here): each one's offset is where it lies.
        for sentence in sentencex::segment("en", window) {
            let start = (sentence.as_ptr() as usize).saturating_sub(window.as_ptr() as usize);
            let s = Span::new(span.start + at + start, span.start + at + start + sentence.len());
            let sub = s.slice(text);
            let lead = sub.len() - sub.trim_start().len();
            let trimmed = Span::new(s.start + lead, s.start + sub.trim_end().len());
            if !trimmed.is_empty() {
                out.push(trimmed);
            }
        }
        at = end;
    }
    if out.is_empty() && !piece.trim().is_empty() {
        out.push(span);
    }
    split_stage_directions(text, out)
}

/// A stage direction ("(Laughter.)", "[Applause.]") at the start of a sentence or after one ends
/// ("Forgive me. (Laughter.) And you ...") is a sentence of its own: `sentencex` ends no sentence
/// after a bracket and not always before one, so without this the direction joins the next
/// sentence when it stands inside a line and not when a line ends with it. A direction is
/// bracketed text of at most 80 characters, with a lower-case letter, ending with `.`, `!` or `?`
/// inside the bracket.
fn split_stage_directions(text: &str, spans: Vec<Span>) -> Vec<Span> {
    if !spans.iter().any(|s| memchr::memchr2(b'(', b'[', s.slice(text).as_bytes()).is_some()) {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + 1);
    for span in spans {
        let s = span.slice(text);
        let mut from = 0;
        for (at, _) in s.match_indices(['(', '[']) {
            if at < from {
                continue;
            }
            let before = s.get(from..at).unwrap_or("").trim_end();
            let opens = before.is_empty() || before.trim_end_matches(['"', '”', '’', '\'', ')', ']']).ends_with(['.', '!', '?']);
            let here = s.get(at..).unwrap_or("");
            let Some(len) =
                stage_direction_len(here).or_else(|| bracketed_prefix_len(here).filter(|_| before.is_empty())).filter(|_| opens)
            else {
                continue;
            };
            if !before.is_empty() {
                out.push(Span::new(span.start + from, span.start + from + before.len()));
            }
            out.push(Span::new(span.start + at, span.start + at + len));
            let rest = s.get(at + len..).unwrap_or("");
            from = at + len + (rest.len() - rest.trim_start().len());
        }
        if from < s.len() {
            out.push(Span::new(span.start + from, span.end));
        }
    }
    out
}

/// The byte offset of the bracket closing the one `s` opens with (`(` or `[`), within its first
/// 82 characters (a direction or reference is short).
fn closing_bracket(s: &str) -> Option<usize> {
    let close = match s.chars().next()? {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    s.char_indices().take(82).find(|(_, c)| *c == close).map(|(i, _)| i)
}

/// The byte length of a bracketed group opening a sentence and followed by a capitalised one, as
/// a record reference is ("(A/45/PV.1, p. 6) The invasion ..."): no part of that sentence.
fn bracketed_prefix_len(s: &str) -> Option<usize> {
    let end = closing_bracket(s)?;
    let inner = s.get(1..end)?;
    let rest = s.get(end + 1..)?;
    let next = rest.trim_start();
    let capital = next.chars().next().is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“'));
    (!inner.contains(['(', '[']) && rest.len() > next.len() && capital).then_some(end + 1)
}

/// The byte length of the stage direction `s` opens with, if it opens with one.
fn stage_direction_len(s: &str) -> Option<usize> {
    let end = closing_bracket(s)?;
    let inner = s.get(1..end)?.trim();
    let directs = inner.ends_with(['.', '!', '?'])
        && inner.chars().any(char::is_lowercase)
        && !inner.contains(['(', '[', ')', ']'])
        && s.get(end + 1..).is_some_and(|r| r.starts_with(char::is_whitespace) || r.is_empty());
    directs.then_some(end + 1)
}

/// After the last sentence end (`.`, `!` or `?` then whitespace) in `window`: the byte offset
/// of the whitespace.
fn sentence_end(window: &str) -> Option<usize> {
    window.match_indices(char::is_whitespace).rev().map(|(i, _)| i).find(|i| window.get(..*i).is_some_and(|w| w.ends_with(['.', '!', '?'])))
}

/// Where a piece of `text` that starts at `start` should end so that it is at most `max` bytes
/// long and ends by `end`: after the position `prefer` finds in the piece's window (a byte
/// offset in it), else after its last whitespace, else at its last character boundary — when
/// in the second half of the window, so pieces are not tiny — and always past `start`. Used
/// to cut over-long text before work that is not linear in its length.
pub fn cut_point(text: &str, start: usize, end: usize, max: usize, prefer: impl Fn(&str) -> Option<usize>) -> usize {
    if end.saturating_sub(start) <= max {
        return end;
    }
    let mut limit = start + max.max(1);
    while limit > start && !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = text.get(start..limit).unwrap_or("");
    let half = window.len() / 2;
    // The cut goes after the separator, whatever its width (a no-break space is two bytes).
    let after = |pos: Option<usize>| {
        pos.filter(|p| *p >= half).map(|p| start + p + window.get(p..).and_then(|w| w.chars().next()).map_or(1, char::len_utf8))
    };
    let at = after(prefer(window)).or_else(|| after(window.rfind(char::is_whitespace))).unwrap_or(limit);
    if at > start {
        at
    } else {
        // Only when `max` is narrower than one character: cut after that character.
        let mut next = start + 1;
        while next < end && !text.is_char_boundary(next) {
            next += 1;
        }
        next
    }
}

/// True when `piece` can hold no sentence boundary, so the splitter need not run: ASCII text with
/// at most one `.`, `!` or `?`, at its end (before closing quotes or brackets), no `)` that could
/// close a list marker ("a)", "(1)"), no bullet opening it, and no paragraph break.
fn one_sentence(piece: &str) -> bool {
    let t = piece.trim();
    // (Byte searches: this runs on every unit.)
    if !t.is_ascii() || t.is_empty() || t.starts_with(['*', '+', '-']) || memchr::memchr(b')', t.as_bytes()).is_some() {
        return false;
    }
    if memchr::memchr_iter(b'\n', t.as_bytes()).any(|i| t.as_bytes().get(i + 1) == Some(&b'\n')) {
        return false;
    }
    let body = t.trim_end_matches(['"', '\'', ']']);
    let body = body.strip_suffix(['.', '!', '?']).unwrap_or(body);
    memchr::memchr3(b'.', b'!', b'?', body.as_bytes()).is_none()
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
    fn long_lines_are_split_in_windows_at_sentence_ends() {
        // Many sentences on one line: cut at sentence ends, so every sentence is whole.
        let text = "Russia and Armenia held talks on trade. ".repeat(3 * SPLIT_WINDOW / 40);
        let sentences = split(&text);
        assert_eq!(sentences.len(), 3 * SPLIT_WINDOW / 40);
        assert!(sentences.iter().all(|s| *s == "Russia and Armenia held talks on trade."));
        // One line of unclosed brackets (quadratic in sentencex): pieces of at most the window.
        let text = format!("Russia condemned {}France{}.", "(Armenia ".repeat(SPLIT_WINDOW / 3), ")".repeat(SPLIT_WINDOW / 3));
        let spans = split_sentences(&text, Span::new(0, text.len()));
        assert!(spans.len() > 1 && spans.iter().all(|s| s.end - s.start <= SPLIT_WINDOW));
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn cut_points_stay_on_char_boundaries() {
        let text = "é".repeat(100);
        let mut at = 0;
        while at < text.len() {
            let end = cut_point(&text, at, text.len(), 7, |_| None);
            assert!(end > at && end - at <= 7 && text.is_char_boundary(end));
            at = end;
        }
        assert_eq!(cut_point("ab, cd, ef", 0, 10, 8, |w| w.rfind(',')), 7);
        assert_eq!(cut_point("ab cd ef", 0, 8, 100, |_| None), 8);
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
        assert_eq!(
            split("J. R. R. Tolkien wrote books. He said: \"We will go.\" Then he left."),
            ["J. R. R. Tolkien wrote books.", "He said: \"We will go.\"", "Then he left."]
        );
    }

    #[test]
    fn stage_directions_stand_alone() {
        // Inside a line or at a line's end, a direction is its own sentence.
        assert_eq!(split("I am not joking. (Laughter.)  We met him."), ["I am not joking.", "(Laughter.)", "We met him."]);
        assert_eq!(
            split("Thank you. [Applause.] [Cheers.] Now, to business."),
            ["Thank you.", "[Applause.]", "[Cheers.]", "Now, to business."]
        );
        assert_eq!(split("Forgive me. (Laughter.) And you waited."), ["Forgive me.", "(Laughter.)", "And you waited."]);
        assert_eq!(split("We met (applause) and talked. (Laughs.)"), ["We met (applause) and talked.", "(Laughs.)"]);
        let text = "I am not joking. (Laughter.)\nWe met him.";
        let mut scratch = String::new();
        let got: Vec<&str> = split_unit(text, Span::new(0, text.len()), &mut scratch).into_iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, ["I am not joking.", "(Laughter.)", "We met him."]);
        // Brackets that are part of the sentence stay in it.
        assert_eq!(split("(In Geneva) the ministers met. Next."), ["(In Geneva) the ministers met.", "Next."]);
        assert_eq!(split("(EFA) funds grew. Next."), ["(EFA) funds grew.", "Next."]);
        // A record reference opening a paragraph is no part of its sentence.
        assert_eq!(split("(A/45/PV.1, p. 6) The occupation must end."), ["(A/45/PV.1, p. 6)", "The occupation must end."]);
        assert_eq!(split("He met the U.S. (President Smith) Administration."), ["He met the U.S. (President Smith) Administration."]);
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
