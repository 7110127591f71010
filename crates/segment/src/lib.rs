//! Provenance segmentation: which words are the official record, which are a question, which are
//! the author's own, and which are not part of the article at all.
//!
//! [`segment`] reads a document's text line by line (a line is a paragraph), gives every line a
//! [`Section`] and, where someone speaks, a speaker, then splits each line into sentences that
//! keep their byte offsets. It is pure: no I/O, no failure — any text yields sentences.
//!
//! What it understands:
//!
//! - **Labelled turns** as foreign ministries, the US State Department and the UN print them:
//!   `Sergey Lavrov:`, `Question:`, `Q:`, `MR. MILLER:`, `Foreign Minister Wang Yi:`,
//!   `Question (retranslated from Armenian):`. Unlabelled paragraphs after a turn continue it.
//! - **The unlabelled opening statement** of a press conference (a greeting, or the paragraphs
//!   after an introduction that ends with a colon). Its speaker is the official who answers the
//!   questions afterwards or, failing that, the person the introduction names most.
//! - **Where a quoted transcript ends**: an `[My Emphasis]`/`[emphasis added]`/`[End]` marker, a
//!   separator line (`***`), or a change of voice (the speaker named in the third person).
//! - **Boilerplate** (subscribe, share, donate, copyright, navigation, separators) and **reader
//!   comments** after a closing plea or a comments header.
//!
//! ```
//! use demarche_segment::segment;
//! use demarche_core::Section;
//! let text = "Talks in Moscow\nQuestion: Will you visit?\nSergey Lavrov: Yes. I will.\n";
//! let s = segment(text, None);
//! assert_eq!(s[0].section, Section::Headline);
//! assert_eq!(s[1].section, Section::Question);
//! assert_eq!(s[2].section, Section::Answer);
//! assert_eq!(s[2].speaker.as_deref(), Some("Sergey Lavrov"));
//! assert_eq!(s[3].span.slice(text), "I will.");
//! ```

mod labels;
mod sentences;

use demarche_core::{LineIndex, Section, Span};
use labels::{classify_label, LabelKind, Patterns};
use serde::Serialize;

pub use sentences::split_sentences;

/// One sentence with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Byte span in the document text (trimmed of surrounding whitespace).
    pub span: Span,
    /// 1-based line where the sentence starts.
    pub line: usize,
    /// Its section label.
    pub section: Section,
    /// Who speaks it, where someone does.
    pub speaker: Option<String>,
}

/// The label of one input line; every non-blank line gets one.
#[derive(Debug, Clone, PartialEq)]
struct LineLabel {
    section: Section,
    speaker: Option<Speaker>,
    /// Where the content starts (after a speaker label).
    content: Span,
    /// A transcript-end marker inside the line: `[start, end)` of the marker.
    marker: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
enum Speaker {
    Named(String),
    /// The opening statement's speaker, found later.
    Pending,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Article,
    Transcript,
    After,
}

/// Segment a document's text into sentences with sections and speakers.
///
/// `title` is the document's title from metadata, if any: a first line equal to it is the
/// headline.
pub fn segment(text: &str, title: Option<&str>) -> Vec<Sentence> {
    let patterns = Patterns::get();
    let index = LineIndex::new(text);
    let lines: Vec<(usize, Span)> = (1..=index.len())
        .map(|n| (n, trim(text, index.line_span(text, n))))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    let labels = label_lines(text, &lines, title, patterns);
    let mut out = Vec::new();
    for ((lineno, _), label) in lines.iter().zip(labels) {
        let speaker = match label.speaker {
            Some(Speaker::Named(n)) => Some(n),
            _ => None,
        };
        let mut pieces = vec![(label.content, label.section, speaker.clone())];
        if let Some(m) = label.marker {
            pieces = vec![
                (Span::new(label.content.start, m.start), label.section, speaker.clone()),
                (Span::new(m.start, label.content.end), Section::Narrative, None),
            ];
        }
        for (piece, section, speaker) in pieces {
            let piece = trim(text, piece);
            if piece.is_empty() {
                continue;
            }
            for span in split_sentences(text, piece) {
                out.push(Sentence { span, line: index.line_of(span.start).max(*lineno), section, speaker: speaker.clone() });
            }
        }
    }
    out
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

fn label_lines(text: &str, lines: &[(usize, Span)], title: Option<&str>, p: &Patterns) -> Vec<LineLabel> {
    let n = lines.len();
    let mut labels: Vec<LineLabel> = Vec::with_capacity(n);
    let comments_from = comments_start(text, lines, p);

    let mut mode = Mode::Article;
    let mut speaker: Option<Speaker> = None;
    let mut section = Section::Narrative;
    let mut seen_question = false;
    let mut official: Option<String> = None;
    let mut prev_intro_colon = false;
    let mut after_plea = false;

    for (i, (_, span)) in lines.iter().enumerate() {
        let line = span.slice(text);
        let plain = |section| LineLabel { section, speaker: None, content: *span, marker: None };

        if comments_from.is_some_and(|c| i >= c) {
            let follows_plea = labels.last().is_some_and(|l| l.section == Section::Boilerplate);
            let l = if p.is_boilerplate(line)
                || p.is_separator(line)
                || p.is_comment_chrome(line)
                || (follows_plea && p.is_thanks(line))
            {
                plain(Section::Boilerplate)
            } else {
                plain(Section::Comment)
            };
            labels.push(l);
            continue;
        }
        if p.is_separator(line) {
            if mode == Mode::Transcript {
                mode = Mode::After;
            }
            labels.push(plain(Section::Boilerplate));
            prev_intro_colon = false;
            continue;
        }
        if p.is_boilerplate(line) || (after_plea && p.is_thanks(line)) || p.is_comments_header(line) {
            after_plea = true;
            labels.push(plain(Section::Boilerplate));
            prev_intro_colon = false;
            continue;
        }
        after_plea = false;

        if i == 0 && is_headline(line, title, p) {
            labels.push(plain(Section::Headline));
            continue;
        }

        // A labelled turn.
        if let Some(turn) = p.speaker_label(line) {
            let content = Span::new(span.start + turn.content_offset, span.end);
            let rest = content.slice(text);
            let kind = classify_label(&turn.label, rest, official.as_deref(), p);
            match kind {
                LabelKind::Question(name) => {
                    seen_question = true;
                    section = Section::Question;
                    speaker = name.map(Speaker::Named);
                }
                LabelKind::Answer => {
                    section = Section::Answer;
                    speaker = official.clone().map(Speaker::Named);
                }
                LabelKind::Official(name) => {
                    if official.is_none() {
                        official = Some(name.clone());
                    }
                    section = if seen_question { Section::Answer } else { Section::Statement };
                    speaker = Some(Speaker::Named(name));
                }
            }
            mode = Mode::Transcript;
            let marker = p.end_marker(rest).map(|m| Span::new(content.start + m.start, content.start + m.end));
            if marker.is_some() {
                mode = Mode::After;
            }
            labels.push(LineLabel { section, speaker: speaker.clone(), content, marker });
            prev_intro_colon = false;
            continue;
        }

        match mode {
            Mode::Article if prev_intro_colon || p.is_greeting(line) => {
                mode = Mode::Transcript;
                section = Section::Statement;
                speaker = Some(Speaker::Pending);
            }
            Mode::Transcript => {
                if let Some(Speaker::Named(name)) = &speaker {
                    if section != Section::Question && p.names_in_third_person(line, name) {
                        mode = Mode::After;
                    }
                }
            }
            _ => {}
        }
        prev_intro_colon = false;
        if mode != Mode::Transcript {
            prev_intro_colon = line.ends_with(':') && !line.ends_with("::");
            labels.push(plain(Section::Narrative));
            continue;
        }
        let marker = p.end_marker(line).map(|m| Span::new(span.start + m.start, span.start + m.end));
        if marker.is_some() {
            mode = Mode::After;
        }
        labels.push(LineLabel { section, speaker: speaker.clone(), content: *span, marker });
    }

    // The opening statement's speaker: the first official who speaks with a label, else the
    // person the introduction names most.
    if labels.iter().any(|l| l.speaker == Some(Speaker::Pending)) {
        let who = official.or_else(|| intro_name(text, lines, &labels, p));
        for l in labels.iter_mut().filter(|l| l.speaker == Some(Speaker::Pending)) {
            l.speaker = who.clone().map(Speaker::Named);
        }
    }
    labels
}

fn is_headline(line: &str, title: Option<&str>, p: &Patterns) -> bool {
    if let Some(t) = title {
        if t.trim() == line.trim() {
            return true;
        }
    }
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '?', '!', ':', ';', ',']);
    words <= 40 && !ends_sentence && !p.is_greeting(line)
}

/// Reader comments start after the last closing plea (in the second half of the document, or
/// right after a separator) or after a comments header.
fn comments_start(text: &str, lines: &[(usize, Span)], p: &Patterns) -> Option<usize> {
    let n = lines.len();
    let mut start = None;
    for (i, (_, span)) in lines.iter().enumerate().rev() {
        let line = span.slice(text);
        if p.is_comments_header(line) {
            start = Some(i + 1);
            break;
        }
        let after_separator = i > 0 && p.is_separator(lines[i - 1].1.slice(text));
        if p.is_boilerplate(line) && (i * 2 + 1 >= n || after_separator) {
            start = Some(i + 1);
            break;
        }
    }
    let s = start?;
    // Nothing after the plea but more boilerplate: there are no comments.
    let rest = &lines[s.min(n)..];
    let substantive = rest.iter().any(|(_, sp)| {
        let l = sp.slice(text);
        !(p.is_boilerplate(l) || p.is_separator(l) || p.is_thanks(l))
    });
    substantive.then_some(s)
}

/// The name the narrative before the transcript mentions most (for an opening statement no
/// labelled turn claims).
fn intro_name(text: &str, lines: &[(usize, Span)], labels: &[LineLabel], p: &Patterns) -> Option<String> {
    let first_pending = labels.iter().position(|l| l.speaker == Some(Speaker::Pending))?;
    let mut counts: Vec<(String, usize)> = Vec::new();
    for ((_, span), label) in lines.iter().zip(labels).take(first_pending) {
        if !matches!(label.section, Section::Narrative | Section::Headline) {
            continue;
        }
        for name in p.person_names(span.slice(text)) {
            match counts.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => counts.push((name, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(n, _)| n)
}

#[cfg(test)]
mod tests;
