//! Byte spans into a document's text and the line index that turns an offset into a line.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved `by` bytes later: a span read in a line, placed in its document.
    pub fn shift(self, by: usize) -> Span {
        Span { start: self.start + by, end: self.end + by }
    }

    /// The text this span covers, or `""` if it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Maps byte offsets to 1-based line numbers for one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text` (lines end at `\n`).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// [`LineIndex::line_of`] for an offset known to be on line `from` (1-based) or after it:
    /// a few lines are stepped through from there before the binary search (a sentence is on
    /// its paragraph's first line or soon after).
    pub fn line_of_from(&self, offset: usize, from: usize) -> usize {
        let mut line = from.max(1);
        if self.starts.get(line - 1).is_none_or(|&s| s > offset) {
            return self.line_of(offset);
        }
        for _ in 0..8 {
            match self.starts.get(line) {
                Some(&s) if s <= offset => line += 1,
                _ => return line,
            }
        }
        self.line_of(offset)
    }

    /// Number of lines (a trailing newline does not open a new line of content, but is counted
    /// as a line start, as editors do).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True for an index over empty text.
    pub fn is_empty(&self) -> bool {
        self.starts.len() <= 1
    }

    /// The byte span of 1-based line `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts.get(line.wrapping_sub(1)).copied().unwrap_or(text.len());
        let mut end = self.starts.get(line).map(|s| s - 1).unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let text = "ab\ncd\n\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 1);
        assert_eq!(idx.line_of(3), 2);
        assert_eq!(idx.line_of(6), 3);
        assert_eq!(idx.line_of(7), 4);
        assert_eq!(idx.line_span(text, 2).slice(text), "cd");
        assert_eq!(idx.line_span(text, 4).slice(text), "ef");
    }

    #[test]
    fn line_of_from_a_hint_is_line_of() {
        let text = format!("ab\ncd\n\n{}ef\n\n", "x\n".repeat(20));
        let idx = LineIndex::new(&text);
        for offset in 0..=text.len() {
            let line = idx.line_of(offset);
            for from in 0..=idx.len() + 1 {
                assert_eq!(idx.line_of_from(offset, from), line, "offset {offset} from line {from}");
            }
        }
    }

    #[test]
    fn crlf_is_trimmed_from_line_spans() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_span(text, 1).slice(text), "ab");
    }
}
