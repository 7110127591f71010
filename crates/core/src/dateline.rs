//! Wire-service datelines: `MOSCOW, April 13 (Reuters) - …`, `KYIV, Ukraine (AP) — …`,
//! `NEW DELHI: …`, `WASHINGTON, D.C. — …`.
//!
//! A news story, a press release or a ministry statement often opens its first paragraph with
//! where (and sometimes when, and through which agency) it was filed. The dateline is not part of
//! the first sentence: its place is where the story was filed, not an actor ("MOSCOW" there is
//! not the Russian government), and its agency ("Reuters") is not the subject of the verb that
//! follows. [`read_dateline`] recognises the shape from the text alone, with no gazetteer, so
//! that every stage reads it the same way: the segmenter starts the first sentence after it, the
//! geoparser looks its place up, and the PETRARCH coder refuses a record that is only a header.
//!
//! The shape, in order: a place of one to four capitalised words; optionally a comma and a region
//! ("Ukraine", "D.C.", "Calif."); optionally a date ("April 13", "Sept. 24, 2025", "13 April");
//! optionally an agency in parentheses ("(Reuters)", "(AP)"); then a separator — a dash (`-`,
//! `--`, `–`, `—`) or a colon — followed by a space. A place in capitals needs nothing more;
//! a place in ordinary capitalisation ("Moscow") needs a date or an agency, since "Moscow - the
//! capital" is prose.
//!
//! ```
//! use demarche_core::dateline::read_dateline;
//! let line = "MOSCOW, April 13 (Reuters) - Russia said on Sunday.";
//! let d = read_dateline(line).unwrap();
//! assert_eq!(d.place.slice(line), "MOSCOW");
//! assert_eq!(d.date.map(|s| s.slice(line)), Some("April 13"));
//! assert_eq!(d.agency.map(|s| s.slice(line)), Some("Reuters"));
//! assert_eq!(&line[d.span.end..], "Russia said on Sunday.");
//! assert!(read_dateline("Russia - Ukraine talks resumed.").is_none());
//! ```

use crate::dates::month_number;
use crate::Span;

/// A dateline at the start of a line. Spans are byte offsets into the line it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, separator and the spaces after it included: the text proper starts
    /// at `span.end`.
    pub span: Span,
    /// The place words (`MOSCOW`, `NEW DELHI`, `ST. PETERSBURG`).
    pub place: Span,
    /// The region or country after the place (`Ukraine` in `KYIV, Ukraine`).
    pub region: Option<Span>,
    /// The date words (`April 13`, `Sept. 24, 2025`).
    pub date: Option<Span>,
    /// The agency inside the parentheses (`Reuters`).
    pub agency: Option<Span>,
    /// The separator as written (`-`, `--`, `—`, `–`, `:`, `: --`).
    pub separator: Span,
    /// True when every letter of the place is a capital.
    pub upper: bool,
}

/// The longest dateline read, in bytes; anything longer is prose.
const MAX_LEN: usize = 120;

/// Read a dateline at the start of `line` (leading spaces and Markdown emphasis allowed).
pub fn read_dateline(line: &str) -> Option<Dateline> {
    let mut c = Cursor { s: line, i: 0 };
    c.skip(|ch| ch.is_whitespace() || is_emphasis(ch));
    let place = c.words(4)?;
    let upper = all_upper(place.slice(line));
    c.skip(is_emphasis);
    let (mut region, mut date) = (None, None);
    if c.peek() == Some(',') {
        let save = c.i;
        c.i += 1;
        c.skip(char::is_whitespace);
        if let Some(d) = c.date() {
            date = Some(d);
        } else if let Some(r) = c.words(3) {
            region = Some(r);
            if c.peek() == Some(',') {
                let save = c.i;
                c.i += 1;
                c.skip(char::is_whitespace);
                date = c.date();
                if date.is_none() {
                    c.i = save;
                }
            }
        } else {
            c.i = save;
        }
    }
    if date.is_none() {
        // "13 April" or "April 13" without a comma after the place is not a dateline shape; a
        // date right after a space is ("LONDON April 13 -").
        let save = c.i;
        c.skip(char::is_whitespace);
        date = c.date();
        if date.is_none() {
            c.i = save;
        }
    }
    let agency = {
        let save = c.i;
        c.skip(char::is_whitespace);
        let a = c.agency();
        if a.is_none() {
            c.i = save;
        }
        a
    };
    c.skip(|ch| ch.is_whitespace() || is_emphasis(ch));
    let separator = c.separator()?;
    let after = c.i;
    c.skip(|ch| ch.is_whitespace() || is_emphasis(ch));
    if c.i == after && c.i < line.len() {
        return None; // "Kyiv-based": a dash inside a word
    }
    if c.i > MAX_LEN || c.i == line.len() {
        return None;
    }
    let letters = place.slice(line).chars().filter(|ch| ch.is_alphabetic()).count();
    let plain = date.is_none() && agency.is_none();
    if plain && !(upper && letters >= 2) {
        return None;
    }
    Some(Dateline { span: Span::new(0, c.i), place, region, date, agency, separator, upper })
}

fn is_emphasis(c: char) -> bool {
    c == '*' || c == '_'
}

fn all_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip(&mut self, f: impl Fn(char) -> bool) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start_matches(f).len();
    }

    /// One word of a name: a capital letter, then letters, dots, apostrophes or inner hyphens
    /// ("ST.", "D.C.", "O'HARE", "PORT-AU-PRINCE").
    fn name_word(&mut self) -> Option<Span> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        let mut end = 0;
        let mut prev = ' ';
        for (k, ch) in rest.char_indices() {
            let ok = ch.is_alphabetic() || ch == '.' || ch == '\'' || ch == '’' || (ch == '-' && prev.is_alphabetic());
            if !ok {
                break;
            }
            end = k + ch.len_utf8();
            prev = ch;
        }
        // A trailing hyphen is a separator, not part of the word ("MOSCOW-").
        let word = rest.get(..end)?.trim_end_matches('-');
        let start = self.i;
        self.i += word.len();
        Some(Span::new(start, self.i))
    }

    /// One to `max` name words separated by single spaces.
    fn words(&mut self, max: usize) -> Option<Span> {
        let start = self.i;
        let mut end = self.name_word()?.end;
        for _ in 1..max {
            let save = self.i;
            if self.peek() != Some(' ') {
                break;
            }
            self.i += 1;
            // A month opens the date, not a place word ("LONDON April 13").
            let w = self.name_word();
            match w {
                Some(w) if month_number(w.slice(self.s)).is_none() => end = w.end,
                _ => {
                    self.i = save;
                    break;
                }
            }
        }
        self.i = end;
        Some(Span::new(start, end))
    }

    fn digits(&mut self, min: usize, max: usize) -> Option<Span> {
        let rest = self.rest();
        let n = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if n < min || n > max {
            return None;
        }
        let start = self.i;
        self.i += n;
        Some(Span::new(start, self.i))
    }

    /// "April 13", "Sept. 24, 2025", "13 April", "13 April 2025".
    fn date(&mut self) -> Option<Span> {
        let start = self.i;
        let month = |c: &mut Cursor| {
            let save = c.i;
            let w = c.name_word().filter(|w| month_number(w.slice(c.s)).is_some());
            if w.is_none() {
                c.i = save;
            }
            w
        };
        let mut end;
        if month(self).is_some() {
            self.skip(|c| c == ' ');
            end = self.digits(1, 2)?.end;
        } else {
            self.digits(1, 2)?;
            if self.peek() != Some(' ') {
                self.i = start;
                return None;
            }
            self.i += 1;
            let Some(m) = month(self) else {
                self.i = start;
                return None;
            };
            end = m.end;
        }
        let save = self.i;
        if self.rest().starts_with(", ") || self.rest().starts_with(' ') {
            self.skip(|c| c == ',' || c == ' ');
            match self.digits(4, 4) {
                Some(y) => end = y.end,
                None => self.i = save,
            }
        }
        self.i = end;
        Some(Span::new(start, end))
    }

    /// "(Reuters)", "(AP)", "(Xinhua)", "(Thomson Reuters Foundation)": the words inside.
    fn agency(&mut self) -> Option<Span> {
        let rest = self.rest();
        let inner = rest.strip_prefix('(')?;
        let close = inner.find(')')?;
        let words = &inner[..close];
        let ok = !words.is_empty()
            && words.len() <= 40
            && words.split_whitespace().count() <= 5
            && words.chars().next().is_some_and(char::is_uppercase)
            && words.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '&' | '-' | '/' | '\''));
        if !ok {
            return None;
        }
        let start = self.i + 1;
        self.i += close + 2;
        Some(Span::new(start, start + close))
    }

    /// A dash or a colon (a colon may be followed by a dash: "CEBU CITY: --").
    fn separator(&mut self) -> Option<Span> {
        let start = self.i;
        let dash = |c: &mut Cursor| {
            for d in ["--", "—", "–", "-"] {
                if c.rest().starts_with(d) {
                    c.i += d.len();
                    return true;
                }
            }
            false
        };
        if self.peek() == Some(':') {
            self.i += 1;
            let save = self.i;
            self.skip(|c| c == ' ');
            if !dash(self) {
                self.i = save;
            }
        } else if !dash(self) {
            return None;
        }
        Some(Span::new(start, self.i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, place, region, date, agency, where the text starts) — `None` when no dateline.
    type Case<'a> = (&'a str, Option<(&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a str)>);

    const CASES: &[Case] = &[
        ("MOSCOW, April 13 (Reuters) - Russia said.", Some(("MOSCOW", None, Some("April 13"), Some("Reuters"), "Russia said."))),
        ("KYIV, Ukraine (AP) — Ukraine's army said.", Some(("KYIV", Some("Ukraine"), None, Some("AP"), "Ukraine's army said."))),
        ("WASHINGTON — The United States imposed.", Some(("WASHINGTON", None, None, None, "The United States imposed."))),
        ("NEW DELHI: India and Japan signed.", Some(("NEW DELHI", None, None, None, "India and Japan signed."))),
        ("CEBU CITY: -- Cordova Mayor Sitoy filed a suit.", Some(("CEBU CITY", None, None, None, "Cordova Mayor Sitoy filed a suit."))),
        ("MOSCOW -- Russia said on Monday.", Some(("MOSCOW", None, None, None, "Russia said on Monday."))),
        ("Moscow, April 13 - Russia said.", Some(("Moscow", None, Some("April 13"), None, "Russia said."))),
        ("Geneva (Reuters) - Talks resumed.", Some(("Geneva", None, None, Some("Reuters"), "Talks resumed."))),
        (
            "UNITED NATIONS, Sept. 24, 2025 — The Assembly met.",
            Some(("UNITED NATIONS", None, Some("Sept. 24, 2025"), None, "The Assembly met.")),
        ),
        ("WASHINGTON, D.C. — Today the President met.", Some(("WASHINGTON", Some("D.C."), None, None, "Today the President met."))),
        (
            "ST. PETERSBURG, Russia, June 5 (Reuters) - Putin met Xi.",
            Some(("ST. PETERSBURG", Some("Russia"), Some("June 5"), Some("Reuters"), "Putin met Xi.")),
        ),
        ("LONDON 13 April - Britain said.", Some(("LONDON", None, Some("13 April"), None, "Britain said."))),
        ("**BRUSSELS** — The EU agreed.", Some(("BRUSSELS", None, None, None, "The EU agreed."))),
        ("**BRUSSELS —** The EU agreed.", Some(("BRUSSELS", None, None, None, "The EU agreed."))),
        ("The U.N. said -- in a statement", None),
        ("Arnor said: we will restore ties.", None),
        ("Russia - Ukraine talks resumed.", None),
        ("Moscow - the capital - was quiet.", None),
        ("US-China relations improved.", None),
        ("Kyiv-based analysts said.", None),
        ("MOSCOW", None),
        ("MOSCOW -", None),
        ("I met him.", None),
        ("Q: Will you visit?", None),
    ];

    #[test]
    fn case_table() {
        for (line, want) in CASES {
            let got = read_dateline(line).map(|d| {
                (
                    d.place.slice(line),
                    d.region.map(|s| s.slice(line)),
                    d.date.map(|s| s.slice(line)),
                    d.agency.map(|s| s.slice(line)),
                    &line[d.span.end..],
                )
            });
            assert_eq!(got, *want, "{line}");
        }
    }

    #[test]
    fn upper_and_separator() {
        let line = "CEBU CITY: -- Cordova";
        let d = read_dateline(line).unwrap();
        assert!(d.upper);
        assert_eq!(d.separator.slice(line), ": --");
        let line = "Moscow, April 13 - x";
        assert!(!read_dateline(line).unwrap().upper);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for line in ["", " ", "(", "A (", "A, ", "A, 1", "É, 13 Ju", "ÀÀ —", "A, B, C, D —", "Z (x) -", "MOSCOW\u{a0}— x"] {
            let _ = read_dateline(line);
        }
    }
}
