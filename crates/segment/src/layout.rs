//! The physical layout of a published document: front matter, hard-wrapped lines, Markdown
//! structure, times and stage directions, and the joining of wrapped lines into units.
//!
//! A *unit* is a run of consecutive lines read as one piece of prose: hard-wrapped lines of a
//! paragraph are joined, and a unit ends where a sentence or paragraph visibly ends (terminal
//! punctuation at the end of a line, a Markdown hard break, a blank line) or where a structural
//! line starts (a speaker label, a list item, a heading, a table row, a separator, a time or a
//! stage direction alone on its line). Units keep the byte span of the original text, so every
//! sentence found inside them still slices the document exactly.

use demarche_core::Span;
use regex::Regex;
use std::sync::OnceLock;

/// The layout vocabulary of `data/segment/layout.tsv`.
pub(crate) struct Vocabulary {
    pub banners: Vec<String>,
    /// Role words, longest first, lower-case.
    pub roles: Vec<String>,
    pub generic: Vec<String>,
    /// Labels of a journalist's turn (`reporter` rows), lower-case.
    pub reporters: Vec<String>,
    /// Labels of someone in the audience (`audience` rows), lower-case.
    pub audience: Vec<String>,
    /// Forms of address and of the speaker's own place ("mr. president", "my delegation"),
    /// lower-case.
    pub addresses: Vec<String>,
    /// Words by which a paragraph ending with a colon introduces someone's words (`intro`
    /// rows), lower-case.
    pub intros: Vec<String>,
    time: Regex,
    list: Regex,
    paren_only: Regex,
}

const LAYOUT_TSV: &str = include_str!("../../../data/segment/layout.tsv");

impl Vocabulary {
    pub(crate) fn get() -> &'static Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| {
            let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("layout pattern {s:?} is invalid: {e}"));
            let mut v = Vocabulary {
                banners: Vec::new(),
                roles: Vec::new(),
                generic: Vec::new(),
                reporters: Vec::new(),
                audience: Vec::new(),
                addresses: Vec::new(),
                intros: Vec::new(),
                time: re(r"(?i)^(?:end\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s+[a-z]{2,5}\.?)?$"),
                list: re(r"^(?:[-*+•▪◦]|\d{1,3}[.)]|\(?[a-z][.)])\s+"),
                paren_only: re(r"^[*_]*[(\[][^()\[\]]{1,80}[)\]][*_.]*$"),
            };
            for line in LAYOUT_TSV.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut cols = line.split('\t');
                let (Some(kind), Some(phrase)) = (cols.next(), cols.next()) else { continue };
                let phrase = phrase.trim().to_lowercase();
                match kind.trim() {
                    "banner" => v.banners.push(phrase),
                    "role" => v.roles.push(phrase),
                    "generic" => v.generic.push(phrase),
                    "reporter" => v.reporters.push(phrase),
                    "audience" => v.audience.push(phrase),
                    "address" => v.addresses.push(phrase),
                    "intro" => v.intros.push(phrase),
                    _ => {}
                }
            }
            v.roles.sort_by_key(|r| std::cmp::Reverse(r.len()));
            v
        })
    }

    /// A paragraph ending with a colon that introduces someone's words ("Berg then spoke to the
    /// press:"), not a list ("Key terms will include:").
    pub(crate) fn introduces_words(&self, paragraph: &str) -> bool {
        paragraph
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .any(|w| self.intros.iter().any(|i| w.eq_ignore_ascii_case(i)))
    }

    /// A paragraph that addresses the audience or names the speaker's rostrum or delegation
    /// ("Mr. President, ...", "Speaking from this rostrum today, ...").
    pub(crate) fn addresses_audience(&self, paragraph: &str) -> bool {
        // A wrapped paragraph may break a phrase over two lines ("this\nrostrum").
        let l = paragraph.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        self.addresses.iter().any(|a| l.contains(a.as_str()))
    }

    /// A time alone on a line ("4:44 P.M. EDT", "END 5:02 P.M.").
    pub(crate) fn is_time(&self, line: &str) -> bool {
        line.chars().nth(47).is_none() && self.time.is_match(strip_emphasis(line))
    }

    /// A stage direction or interpreter note alone on a line ("(Laughter.)", "(As interpreted.)").
    pub(crate) fn is_paren_only(&self, line: &str) -> bool {
        // "(Laughter.)", "(As interpreted.)", "[inaudible]"; not an acronym wrapped onto its own
        // line ("(EFA)").
        // Indented with spaces or no-break spaces ("\u{a0}\u{a0}(Cross-talk.)") counts too.
        let line = line.trim();
        line.len() < 90 && self.paren_only.is_match(line) && line.chars().any(char::is_lowercase)
    }

    /// An office banner or release chrome ("THE WHITE HOUSE", "Office of the Press Secretary").
    pub(crate) fn is_banner(&self, line: &str) -> bool {
        if line.len() > 60 {
            return false;
        }
        let l = strip_emphasis(line).trim_end_matches(['.', ':', ' ']).trim().to_lowercase();
        self.banners.contains(&l)
    }

    /// True when a label holds an office ("PRESIDENT BIDEN", "Foreign Minister Wang Yi"): an
    /// official, never a reporter. Honorifics alone ("Mr.", "Madam") do not count.
    pub(crate) fn has_office(&self, label: &str) -> bool {
        let l = format!(" {} ", label.to_lowercase().replace(['.', ','], " "));
        self.roles
            .iter()
            .filter(|r| r.len() > 4 && !r.starts_with("his ") && !r.starts_with("her ") && *r != "madam")
            .any(|r| l.match_indices(r.as_str()).any(|(i, _)| l[..i].ends_with(' ') && l[i + r.len()..].starts_with(' ')))
    }

    /// A list item ("- ", "* ", "1. ", "a) "): a line that opens with a [`list_marker`].
    pub(crate) fn is_list_item(&self, line: &str) -> bool {
        list_marker(line) > 0
    }

    pub(crate) fn is_generic_label(&self, label: &str) -> bool {
        let l = label.trim().trim_end_matches('.').to_lowercase();
        self.generic.iter().any(|g| l == *g || l.strip_suffix(g.as_str()).is_some_and(|head| head.ends_with(' ')))
    }
}

/// Markdown emphasis markers around a line removed (`*Bucharest, Romania*` → `Bucharest, Romania`).
pub(crate) fn strip_emphasis(line: &str) -> &str {
    line.trim().trim_matches(|c| c == '*' || c == '_').trim()
}

/// The YAML front matter at the top of a document: the 1-based line of its closing `---`.
pub(crate) fn front_matter_end(text: &str) -> Option<usize> {
    let mut lines = text.split('\n');
    let first = lines.next()?.trim_start_matches('\u{feff}').trim_end();
    if first != "---" {
        return None;
    }
    for (i, l) in lines.enumerate().take(300) {
        let l = l.trim_end();
        if l == "---" || l == "..." {
            return Some(i + 2);
        }
    }
    None
}

/// A Markdown heading (`# Title`).
pub(crate) fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

/// A Markdown table row.
pub(crate) fn is_table_row(line: &str) -> bool {
    line.starts_with('|') && line.ends_with('|') && line.len() > 2
}

/// A Markdown hard line break: two or more trailing spaces, or a trailing backslash.
pub(crate) fn hard_break(raw_line: &str) -> bool {
    let raw = raw_line.trim_end_matches(['\r', '\n']);
    raw.ends_with("  ") || raw.ends_with('\\') || raw.ends_with('\u{a0}')
}

/// True when the line's last word closes a sentence: terminal punctuation (possibly inside a
/// closing quote or bracket), not an abbreviation or an initial.
pub(crate) fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_', '»']);
    let Some(last) = t.chars().last() else { return false };
    match last {
        '?' | '!' | '…' | ':' => true,
        '.' => {
            let word = t.rsplit(char::is_whitespace).next().unwrap_or("");
            let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
            let stem = word.trim_end_matches('.');
            if demarche_core::abbreviations::is_abbreviation(stem) {
                return false;
            }
            // An initial ("J.") or a dotted abbreviation ("U.S.") may or may not end the
            // sentence: let the sentence splitter decide on the joined text.
            let letters: Vec<char> = stem.chars().filter(|c| c.is_alphabetic()).collect();
            let dotted = stem.contains('.') && stem.split('.').all(|p| p.chars().count() <= 2);
            !(letters.len() == 1 && letters[0].is_uppercase() || dotted)
        }
        _ => false,
    }
}

/// A line that opens with a lower-case letter (a continuation of the line before).
pub(crate) fn starts_lower(line: &str) -> bool {
    line.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_lowercase()) && !line.starts_with(['-', '*', '+', '•', '('])
}

/// A short title-case line (a heading, a place, a byline): every word of four letters or more
/// is capitalised, and there are at most `max_words` words.
pub(crate) fn heading_like(line: &str, max_words: usize) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > max_words {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
    !long.is_empty() && long.iter().all(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
}

/// Words no sentence or heading ends on.
const CONNECTORS: &[&str] = &[
    "and", "or", "nor", "but", "of", "the", "a", "an", "to", "in", "on", "for", "with", "by", "from", "at", "as", "that", "which", "whose",
    "its", "their", "our", "his", "her", "my", "your", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "shall", "should", "can", "could", "not", "between", "into", "than", "this", "these",
];

/// True when a line ends on a word that continues the sentence, or on a comma.
fn ends_with_connector(line: &str) -> bool {
    line.trim_end().ends_with(',') || ends_with_connector_word(line)
}

/// True when a line ends on a word no sentence ends on ("and", "of", "the"), even when that word
/// is the whole line (a wrapper's one-word remainder).
pub(crate) fn ends_with_connector_word(line: &str) -> bool {
    let last = line.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    CONNECTORS.iter().any(|c| last.eq_ignore_ascii_case(c))
}

/// The byte length of the paragraph number a line opens with ("129.\tThe United States ...",
/// "4. We agreed"), white space included: one to three digits, a full stop, white space, then a
/// capital letter or a quotation mark. 0 when there is none. Numbered paragraphs are how
/// official records (UN verbatim records, resolutions, communiqués) mark paragraphs: the number
/// opens a paragraph and is no part of its first sentence.
pub(crate) fn paragraph_number(line: &str) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) || line.as_bytes().get(digits) != Some(&b'.') {
        return 0;
    }
    let rest = &line[digits + 1..];
    let body = rest.trim_start();
    let opens = body.chars().next().is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '«'));
    if body.len() == rest.len() || !opens {
        return 0;
    }
    line.len() - body.len()
}

/// The byte length of the list marker a line opens with, white space included: a paragraph
/// number ([`paragraph_number`]), or a bullet (`•`, `▪`, `◦`, `-`, `*`, `+`), an item number
/// ("1.", "2)") or letter ("a)", "(b)") before white space and a word, a quotation or a bracket.
/// 0 when there is none. A list item opens a unit, and its marker is structure, not words: the
/// sentence splitter keeps a bulleted item whole, however many sentences it holds, so the
/// item's sentences start after it.
pub(crate) fn list_marker(line: &str) -> usize {
    let number = paragraph_number(line);
    if number > 0 {
        return number;
    }
    let Some(m) = Vocabulary::get().list.find(line) else { return 0 };
    let words = line[m.end()..].chars().next().is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '“' | '‘' | '(' | '['));
    if words {
        m.end()
    } else {
        0
    }
}

/// A short line that is the rest of a wrapped sentence: one or two words, each opening in lower
/// case, the last ending in a letter (no punctuation ends it).
fn is_remainder(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_lowercase))
        && line.trim_end().chars().last().is_some_and(char::is_alphabetic)
}

/// True when `prev`, followed by `next` on the following line, was visibly wrapped: it is as
/// long as the wrap width allows, or it ends on a connector or the next line opens in lower
/// case, and it ends no sentence. A line that looks like chrome ("like", "share", "end") or a
/// time after such a line is the rest of its sentence.
pub(crate) fn wrapped_into(prev: &str, next: &str, width: Option<usize>) -> bool {
    let width = width.unwrap_or(usize::MAX / 2);
    let full = char_len(prev) <= WRAP_MAX && char_len(prev) + 1 + first_word_len(next) > width;
    !ends_sentence(prev) && (full || ends_with_connector(prev) || starts_lower(next))
}

/// True when a line opens or closes an odd number of quotations (curly quotes counted as
/// opening and closing, straight double quotes by parity).
/// True when `line` holds an odd number of strong-emphasis markers (`**` or `__`).
pub(crate) fn bold_parity(line: &str) -> bool {
    // Most lines hold neither mark: no substring search for them (this runs on every line).
    if memchr::memchr2(b'*', b'_', line.as_bytes()).is_none() {
        return false;
    }
    (line.matches("**").count() + line.matches("__").count()) % 2 == 1
}

fn quote_parity(line: &str) -> bool {
    // The marks are '"' and the multi-byte '“”«»' (lead bytes 0xE2 and 0xC2): a line with none
    // of those bytes has none of them.
    if memchr::memchr3(b'"', 0xE2, 0xC2, line.as_bytes()).is_none() {
        return false;
    }
    let mut depth: i32 = 0;
    let mut straight = false;
    for c in line.chars() {
        match c {
            '“' | '«' => depth += 1,
            '”' | '»' => depth -= 1,
            '"' => straight = !straight,
            _ => {}
        }
    }
    (depth != 0) ^ straight
}

/// The first word of a line, for the wrap-width test.
pub(crate) fn first_word_len(line: &str) -> usize {
    line.split_whitespace().next().map(|w| w.chars().count()).unwrap_or(0)
}

/// Character length of a trimmed line.
pub(crate) fn char_len(line: &str) -> usize {
    line.chars().count()
}

/// The widest line a hard-wrapping tool produces (wire services, press offices, e-mail and PDF
/// extraction wrap at 60-100 columns).
const WRAP_MAX: usize = 120;

/// The wrap width of a hard-wrapped document, from the character lengths of its prose lines:
/// the longest line of at most WRAP_MAX characters, when at least five lines and a quarter of
/// them come within 15% of it. `None` for text written a paragraph a line.
pub(crate) fn wrap_width(lengths: &[usize]) -> Option<usize> {
    let short: Vec<usize> = lengths.iter().copied().filter(|l| *l <= WRAP_MAX).collect();
    let w = short.iter().copied().max()?;
    let near = short.iter().filter(|l| **l * 100 >= w * 85).count();
    (w >= 30 && near >= 5 && near * 4 >= lengths.len()).then_some(w)
}

/// Join the lines of one blank-separated block into units. `lines` are (span, raw span) of
/// consecutive non-blank lines; `structural[i]` says line i stands alone (front matter, a
/// heading, a label alone, a time ...); `starts[i]` says line i opens a new unit whatever came
/// before (a label, a list item); `stops[i]` is 1 when line i, if it opens a unit, also ends it (a
/// greeting, a label alone) unless it is visibly wrapped, 2 when it always ends its unit (a
/// transcript-end marker). `first_of_doc` marks a block that holds the document's first line when
/// no title is known from metadata: its first unit ends at the first line that is not visibly
/// wrapped. `blank_paragraphs` says the document marks its paragraphs with blank lines: a line
/// inside a block that ends with a colon or inside a quotation then runs on, however short (a
/// re-wrapped line's remainder). Returns the index ranges of the units.
#[allow(clippy::too_many_arguments)] // the block, its layout facts and the document-wide ones
pub(crate) fn join_block(
    text: &str,
    lines: &[(Span, Span)],
    structural: &[bool],
    starts: &[bool],
    stops: &[u8],
    first_of_doc: bool,
    width: Option<usize>,
    blank_paragraphs: bool,
) -> Vec<std::ops::Range<usize>> {
    let n = lines.len();
    // A document that is not hard-wrapped has no wrap width: no line of it is "full".
    let width = width.unwrap_or(usize::MAX / 2);
    let mut out = Vec::new();
    let mut begin = 0;
    let mut para_initial = true;
    // Quotation marks opened and not closed in the current unit.
    let mut open_quote = false;
    let lens: Vec<usize> = lines.iter().map(|l| char_len(l.0.slice(text))).collect();
    // Line i is as long as the wrap width allows: the next line's first word would not fit.
    let full_at = |i: usize| i + 1 < n && lens[i] <= WRAP_MAX && lens[i] + 1 + first_word_len(lines[i + 1].0.slice(text)) > width;
    // Markdown strong emphasis (`**`, `__`) opened and not closed in the current unit: a bold
    // heading wrapped over two lines is one heading.
    let mut open_bold = false;
    for i in 0..n {
        open_quote ^= quote_parity(lines[i].0.slice(text));
        let was_bold = open_bold;
        open_bold ^= bold_parity(lines[i].0.slice(text));
        // The line closes a bold run opened on a line before: a wrapped bold heading ends here.
        let closes_bold = was_bold && !open_bold && lines[i].0.slice(text).trim_end().ends_with(['*', '_']);
        let last = i + 1 == n;
        let full = full_at(i);
        let cut = last || {
            let prev = lines[i].0.slice(text);
            let next = lines[i + 1].0.slice(text);
            // A label or list item opens a unit unless the line before is visibly wrapped
            // into it ("... four Allies in\nNATO: ...").
            // Not after a word no sentence ends on ("The median age is\n19.  By 2050").
            // Nor after a re-wrapper's remainder: a continuation line of one or two lower-case
            // words that ends no sentence ("... if there was\nno\nNATO: another war").
            let opens = starts[i + 1]
                && !ends_with_connector_word(prev)
                && !(begin < i && is_remainder(prev))
                && (ends_sentence(prev) || !full || structural[i] || paragraph_number(next) > 0);
            let alone = stops[i] == 1 && begin == i && !full && !ends_with_connector_word(prev);
            let join = if structural[i] || structural[i + 1] || opens || alone || stops[i] == 2 || hard_break(lines[i].1.slice(text)) {
                false
            } else if open_bold && !ends_sentence(prev) {
                true
            } else if closes_bold {
                false
            } else if starts_lower(next) {
                true
            } else if ends_sentence(prev) {
                // Inside a quotation a wrapped line's full stop is the quoted sentence's, and the
                // sentence splitter keeps a quotation whole; a colon at the end of a wrapped
                // line is inside the sentence.
                // So is a colon that introduces a quotation on the next line ("made the
                // following statement:\n\"It was ...\""), wrapped there or not.
                let quotes = prev.trim_end().ends_with(':') && next.starts_with(['"', '“', '‘', '«']);
                (full || blank_paragraphs || quotes) && (open_quote || prev.trim_end().ends_with(':'))
            } else if ends_with_connector(prev) {
                // "... the Minister for Foreign Affairs and\nTrade": no sentence ends on "and".
                true
            } else if first_of_doc && begin == i && i == 0 && heading_like(prev, 16) {
                // A headline runs on only into the rest of a wrapped headline.
                full && heading_like(next, 16)
            } else if full {
                // The next word would not have fitted: a wrapped line.
                true
            } else if first_of_doc && begin == 0 {
                false
            } else {
                // A short title-case line opening a paragraph is a heading, unless the document
                // marks paragraphs with blank lines and the line runs on into a wrapped line of
                // prose: "This National Arts and Humanities Month, the Biden-Harris\nAdministration
                // reaffirms its commitment to promoting the arts and" (a heading there would
                // stand in a block of its own).
                let runs_on = blank_paragraphs && full_at(i + 1) && !heading_like(next, 16);
                !(para_initial && heading_like(prev, 10) && !runs_on)
            };
            !join
        };
        if cut {
            open_quote = false;
            open_bold = false;
            // A paragraph starts after a hard break, or after a sentence that ends a line
            // that is not wrapped; not after a full stop at the end of a wrapped line.
            para_initial = last || hard_break(lines[i].1.slice(text)) || !full || structural[i];
            out.push(begin..i + 1);
            begin = i + 1;
        } else {
            para_initial = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_and_abbreviations() {
        assert!(ends_sentence("We met."));
        assert!(ends_sentence("Did we meet?”"));
        assert!(ends_sentence("(As interpreted.)"));
        assert!(!ends_sentence("I met Mr."));
        // Abbreviations of data/text/abbreviations.txt: a reference in a UN record.
        assert!(!ends_sentence("under art."));
        assert!(!ends_sentence("as stated in para."));
        assert!(!ends_sentence("talks with the U.S."));
        assert!(!ends_sentence("President Joseph R."));
        assert!(!ends_sentence("the talks were held in"));
        assert!(ends_sentence("the following:"));
    }

    #[test]
    fn times_directions_banners() {
        let v = Vocabulary::get();
        assert!(v.is_time("4:44 P.M. EDT"));
        assert!(v.is_time("10:08 A.M. EDT"));
        assert!(v.is_time("6:04 P.M. EST"));
        assert!(v.is_time("END 5:02 P.M. EDT"));
        assert!(!v.is_time("4:44 is when we met"));
        assert!(v.is_paren_only("(Laughter.)"));
        assert!(v.is_paren_only("(As interpreted.)"));
        assert!(v.is_paren_only("[Applause]"));
        assert!(v.is_paren_only("\u{a0}\u{a0} (Cross-talk.)"));
        assert!(!v.is_paren_only("(Laughter.) We agreed."));
        assert!(!v.is_paren_only("(EFA)"));
        assert!(!v.is_paren_only("(APEC)."));
        assert!(v.is_banner("THE WHITE HOUSE"));
        assert!(v.is_banner("Office of the Press Secretary"));
        assert!(v.is_banner("*Reuter*"));
        assert!(!v.is_banner("The White House said it would respond."));
        assert!(v.is_generic_label("SENIOR ADMINISTRATION OFFICIAL"));
        assert!(v.is_generic_label("ZAMBIAN OFFICIAL"));
        assert!(!v.is_generic_label("PRESIDENT BIDEN"));
        assert!(v.has_office("PRESIDENT BIDEN"));
        assert!(v.has_office("Foreign Minister Wang Yi"));
        assert!(!v.has_office("Dana Lee"));
        assert!(v.is_time("\u{a0}END\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0} 4:44 P.M. EET"));
    }

    #[test]
    fn front_matter() {
        assert_eq!(front_matter_end("---\ntitle: x\ndate: '2024-01-01'\n---\nBody\n"), Some(4));
        assert_eq!(front_matter_end("Body\n---\n"), None);
        assert_eq!(front_matter_end("---\nno end\n"), None);
    }

    /// Each line of `text` as (trimmed span, whole span), both the whole line.
    fn spans(text: &str) -> Vec<(Span, Span)> {
        let mut pos = 0;
        text.split('\n')
            .map(|l| {
                let s = Span::new(pos, pos + l.len());
                pos += l.len() + 1;
                (s, s)
            })
            .collect()
    }

    fn units(text: &str) -> Vec<String> {
        let mut spans = Vec::new();
        let mut pos = 0;
        for l in text.split('\n') {
            let s = Span::new(pos, pos + l.len());
            spans.push((Span::new(pos, pos + l.trim_end().len()), s));
            pos += l.len() + 1;
        }
        let n = spans.len();
        join_block(text, &spans, &vec![false; n], &vec![false; n], &vec![0; n], false, Some(67), false)
            .into_iter()
            .map(|r| text[spans[r.start].0.start..spans[r.end - 1].0.end].to_string())
            .collect()
    }

    #[test]
    fn a_bold_heading_wrapped_over_two_lines_is_one_unit() {
        let text = "**Strengthening Supply Chains and Countering Unfair\nCompetition**\nThe leaders agreed to act.";
        assert_eq!(units(text), ["**Strengthening Supply Chains and Countering Unfair\nCompetition**", "The leaders agreed to act."]);
        let remainder = "**Working with Partners in the Region and Beyond\n**\nThe leaders agreed to act.";
        assert_eq!(units(remainder).len(), 2);
    }

    #[test]
    fn a_title_case_opening_runs_on_into_wrapped_prose_only_between_blank_lines() {
        let text = "This National Arts and Humanities Month, the Biden-Harris\nAdministration reaffirms its commitment to promoting the arts and\nhumanities as part of broader efforts to restore the soul of\nAmerica.";
        let lines = spans(text);
        let n = lines.len();
        let blank = join_block(text, &lines, &vec![false; n], &vec![false; n], &vec![0; n], false, Some(74), true);
        assert_eq!(blank, vec![0..4]);
        // Without blank-line paragraphs, or before a line that is no wrapped prose, the
        // title-case line is a heading.
        let dense = join_block(text, &lines, &vec![false; n], &vec![false; n], &vec![0; n], false, Some(74), false);
        assert_eq!(dense, [0..1, 1..4]);
        let heading = "United States and Canada Joint Declaration\nOttawa, Canada\nThe leaders met today.";
        let lines = spans(heading);
        assert_eq!(join_block(heading, &lines, &[false; 3], &[false; 3], &[0; 3], false, Some(74), true).len(), 3);
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("• The Parties agree. They will meet."), "• ".len());
        assert_eq!(list_marker("-  Trade"), 3);
        assert_eq!(list_marker("12. We agreed"), 4);
        assert_eq!(list_marker("**Bold**"), 0);
        assert_eq!(list_marker("-5 degrees"), 0);
        assert_eq!(list_marker("* * *"), 0);
        assert_eq!(list_marker("a) the first point"), 3);
        assert_eq!(list_marker("(b) Sanctions"), 4);
        assert_eq!(list_marker("2) Trade"), 3);
        assert_eq!(list_marker("1962. the year"), 0);
        assert!(Vocabulary::get().is_list_item("- Trade") && !Vocabulary::get().is_list_item("* * *"));
    }

    #[test]
    fn paragraph_numbers() {
        assert_eq!(paragraph_number("129.\tThe United States"), 5);
        assert_eq!(paragraph_number("4.  We agreed"), 4);
        assert_eq!(paragraph_number("12. \u{201c}Peace\u{201d}"), 4);
        assert_eq!(paragraph_number("1962. the year"), 0);
        assert_eq!(paragraph_number("2024. The year"), 0);
        assert_eq!(paragraph_number("3.5 per cent"), 0);
        assert_eq!(paragraph_number("No. 5"), 0);
    }

    #[test]
    fn a_numbered_paragraph_opens_after_a_full_line_and_a_quotation_joins_its_colon() {
        // The first line is as long as the width allows, but the number opens a paragraph.
        let text = "Such acts reveal more than any words could to public opinion and to progress,\n129. The others do not like the system chosen by the people.";
        let got = join_block(text, &spans(text), &[false; 2], &[false, true], &[0; 2], false, Some(80), false);
        assert_eq!(got, [0..1, 1..2]);
        let quote = "The leaders made the following statement:\n\"We will stand by our ally.\"\nThen the session closed.";
        // Not hard-wrapped (no width): one paragraph a line.
        assert_eq!(join_block(quote, &spans(quote), &[false; 3], &[false; 3], &[0; 3], false, None, false), [0..2, 2..3]);
    }

    #[test]
    fn a_remainder_line_runs_on_into_a_label_shape() {
        // Re-wrapped narrower, a line leaves a one-word remainder; the next line opening with
        // "NATO:" is the sentence going on, not a speaker's turn.
        let text = "And the people of both countries understand what would happen if there was\nno\nNATO: another war in Europe, and economic collapse.\nThat is why we stand together.";
        // The third line opens with a label's shape ("NATO:").
        let starts = [false, false, true, false];
        let lines = spans(text);
        let got = join_block(text, &lines, &[false; 4], &starts, &[0; 4], false, Some(76), false);
        assert_eq!(got, [0..3, 3..4]);
        // A label after a turn's last line, or after a line ending on a capitalised word, still
        // opens a turn.
        let turns = "We agreed on the next steps with our partners in the region.\nMINISTER BERG: Thank you.";
        assert_eq!(join_block(turns, &spans(turns), &[false; 2], &[false, true], &[0; 2], false, Some(76), false).len(), 2);
        let named = "Those who took part in this meeting with us include\nMoldova\nMINISTER BERG: Thank you.";
        assert_eq!(join_block(named, &spans(named), &[false; 3], &[false, false, true], &[0; 3], false, Some(76), false).len(), 2);
    }

    #[test]
    fn wrapped_lines_join_and_visible_ends_cut() {
        let text = "Canada and the United States met and agreed to put a system in\nforce for building semiconductors.  We signed an agreement with the\nPresident of the company.\nThe talks went well.";
        let u = units(text);
        assert_eq!(u.len(), 2, "{u:?}");
        assert!(
            u[0].starts_with("Canada") && u[0].ends_with("semiconductors.  We signed an agreement with the\nPresident of the company.")
        );
        let hard = "Via Teleconference  \nSouth Court Auditorium";
        assert_eq!(units(hard).len(), 2);
    }
}
