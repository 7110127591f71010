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
//! - **Datelines** opening an article's first paragraphs (`MOSCOW, April 13 (Reuters) -`, read
//!   by [`demarche_core::dateline`]): the first sentence starts after them.
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

mod cast;
mod labels;
mod layout;
mod parallel;
mod sentences;

use demarche_core::{LineIndex, Section, Span};
use labels::{classify_label, LabelKind, Patterns};
use layout::Vocabulary;
use serde::Serialize;

pub use cast::{find_member, title_cast, CastMember};
pub use sentences::{cut_point, split_sentences, SPLIT_WINDOW};

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

/// What is known about a document before it is read: its title (from metadata) and its author.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The title from metadata (front matter, JSON Lines, HTML).
    pub title: Option<&'a str>,
    /// Who wrote or delivered the text ("Minister for Foreign Affairs of Armenia").
    pub author: Option<&'a str>,
    /// The author's state as a CAMEO code: an unlabelled text with an author is the author's
    /// statement, and its "I"/"we" are that state.
    pub author_country: Option<&'a str>,
    /// True when every line is a block of its own (text taken from HTML paragraphs): lines are
    /// never joined.
    pub line_per_block: bool,
}

/// One non-blank line of the document with the section and speaker of the text on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// 1-based line number.
    pub line: usize,
    /// The line's trimmed byte span.
    pub span: Span,
    /// Section of the turn or paragraph the line belongs to.
    pub section: Section,
    /// Speaker of that turn.
    pub speaker: Option<String>,
    /// True when a sentence starts on this line.
    pub starts_sentence: bool,
}

/// A segmented document: its sentences, and every non-blank line with its label.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Non-blank lines in order.
    pub lines: Vec<Line>,
    /// The speaker labels written in the text (`MS. JEAN-PIERRE:`), in order.
    pub labels: Vec<TurnLabel>,
}

/// A speaker label as written, naming who speaks the turn it opens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnLabel {
    /// The label's words, without its colon or emphasis marks (`MS. JEAN-PIERRE`).
    pub span: Span,
    /// 1-based line of the label.
    pub line: usize,
    /// The speaker it names, as in `Sentence::speaker`.
    pub speaker: String,
    /// The section of the turn it opens (a reporter's label opens a question).
    pub section: Section,
}

/// The label of one unit; every unit gets one.
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

/// A non-blank physical line.
#[derive(Debug, Clone, Copy)]
struct RawLine {
    /// 1-based physical line, counting every line break: consecutive rows are adjacent lines
    /// (a blank line between two lines leaves a gap).
    row: usize,
    /// 1-based line as reported (`Sentence::line`): lines end at `\n` only.
    line: usize,
    /// The line without surrounding white space.
    span: Span,
    /// The whole line (trailing spaces are Markdown hard breaks).
    full: Span,
}

/// One unit: consecutive lines read as one piece of prose (see `layout`).
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// 1-based line where it starts.
    line: usize,
    span: Span,
    /// Index of its first and one past its last line in the non-blank line list.
    lines: (usize, usize),
    /// What the layout alone says it is.
    kind: UnitKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum UnitKind {
    Prose,
    FrontMatter,
    /// A time, a stage direction or interpreter note alone, a banner.
    Chrome,
    Heading,
    /// A speaker label alone on its line (`PRESIDENT BIDEN:`).
    LabelOnly,
}

/// Segment a document's text into sentences with sections and speakers.
///
/// `title` is the document's title from metadata, if any: a first line equal to it is the
/// headline.
pub fn segment(text: &str, title: Option<&str>) -> Vec<Sentence> {
    segment_document(text, &Context { title, ..Context::default() }).sentences
}

/// Segment a document with what is known about it: sentences, and the label of every line.
pub fn segment_document(text: &str, ctx: &Context) -> Segmented {
    segment_on(text, ctx, parallel::worth_it(text))
}

/// [`segment_document`], on every core when `parallel` (the same result either way).
fn segment_on(text: &str, ctx: &Context, parallel: bool) -> Segmented {
    let patterns = Patterns::get();
    let index = LineIndex::new(text);
    let mut row = 0;
    let raw: Vec<RawLine> = (1..=index.len())
        .flat_map(|line| physical_lines(text, index.line_span(text, line)).map(move |full| (line, full)))
        .map(|(line, full)| {
            row += 1;
            RawLine { row, line, span: trim(text, full), full }
        })
        .filter(|r| !r.span.is_empty())
        .collect();
    let units = build_units(text, &raw, ctx, patterns, parallel);
    let lines: Vec<(usize, Span)> = units.iter().map(|u| (u.line, u.span)).collect();
    let labels = label_units(text, &lines, &units, ctx, patterns);
    let mut out = Segmented { sentences: Vec::with_capacity(text.len() / 64), lines: Vec::with_capacity(raw.len()), labels: Vec::new() };
    // The sentences of every unit's content (before a transcript-end marker, and after it), each
    // unit on its own: a long document's units are split on every core.
    let split = parallel::map_init(&units.iter().zip(&labels).collect::<Vec<_>>(), parallel, String::new, |scratch, (unit, label)| {
        let mut pieces = [Span::new(label.content.start, label.marker.map_or(label.content.end, |m| m.start)), Span::new(0, 0)];
        if let Some(m) = label.marker {
            pieces[1] = Span::new(m.start, label.content.end);
        }
        let mut spans: Vec<(usize, Span)> = Vec::new();
        if unit.kind != UnitKind::LabelOnly {
            for (k, piece) in pieces.into_iter().enumerate() {
                let mut piece = trim(text, piece);
                if k == 0 && unit.kind == UnitKind::Prose {
                    // A numbered paragraph's number or a list item's bullet is structure,
                    // not words of its sentence.
                    piece.start += layout::list_marker(piece.slice(text));
                }
                if !piece.is_empty() {
                    spans.extend(sentences::split_unit(text, piece, scratch).into_iter().map(|s| (k, s)));
                }
            }
        }
        spans
    });
    for ((unit, label), spans) in units.iter().zip(labels).zip(split) {
        let speaker = match label.speaker {
            Some(Speaker::Named(n)) => Some(n),
            _ => None,
        };
        if let Some(name) = &speaker {
            let written = if unit.kind == UnitKind::LabelOnly { unit.span } else { Span::new(unit.span.start, label.content.start) };
            if let Some(span) = label_words(text, written) {
                out.labels.push(TurnLabel { span, line: unit.line, speaker: name.clone(), section: label.section });
            }
        }
        let first_sentence = out.sentences.len();
        for (k, span) in spans {
            // After a transcript-end marker the text is the publisher's, no one's turn.
            let (section, speaker) = if k == 0 { (label.section, speaker.clone()) } else { (Section::Narrative, None) };
            out.sentences.push(Sentence { span, line: index.line_of_from(span.start, unit.line).max(unit.line), section, speaker });
        }
        let made = &out.sentences[first_sentence..];
        for r in &raw[unit.lines.0..unit.lines.1] {
            let starts = made.iter().any(|s| s.line == r.line);
            out.lines.push(Line { line: r.line, span: r.span, section: label.section, speaker: speaker.clone(), starts_sentence: starts });
        }
    }
    out
}

/// The words of a speaker label written over `written` (the label and its colon), without the
/// colon, emphasis marks and white space; none when nothing is written there (an unlabelled
/// turn).
fn label_words(text: &str, written: Span) -> Option<Span> {
    let raw = written.slice(text);
    let head = raw.len() - raw.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_').len();
    let body = raw.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '*' | '_'));
    (body.len() > head).then(|| Span::new(written.start + head, written.start + body.len()))
}

/// The physical lines of one numbered line: a line holding carriage returns not followed by a
/// line feed (a file with classic Mac OS line breaks, or such a file re-wrapped) is several
/// physical lines, joined where wrapped and cut where a paragraph ends exactly as lines that end
/// at a line feed. They keep the number of the line (`\n`) they are on, as `grep -n`, `awk` and
/// `wc -l` count lines.
fn physical_lines(text: &str, line: Span) -> impl Iterator<Item = Span> + '_ {
    let s = line.slice(text);
    let mut start = line.start;
    let mut pieces = s.split('\r');
    std::iter::from_fn(move || {
        let piece = pieces.next()?;
        let span = Span::new(start, start + piece.len());
        start += piece.len() + 1;
        Some(span)
    })
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

/// Group the non-blank lines into units: front matter lines and structural lines alone, prose
/// lines joined where they are wrapped.
fn build_units(text: &str, raw: &[RawLine], ctx: &Context, p: &Patterns, parallel: bool) -> Vec<Unit> {
    let v = Vocabulary::get();
    let fm_end = layout::front_matter_end(text).unwrap_or(0);
    // Each line's layout alone: what it is, whether it stops or opens a unit (independent of
    // the other lines, so a long document's lines are read on every core).
    let classify = |r: &RawLine| {
        let line = r.span.slice(text);
        let kind = if r.line <= fm_end {
            UnitKind::FrontMatter
        } else if v.is_time(line)
            || v.is_paren_only(line)
            || v.is_banner(line)
            || p.is_separator(line)
            || p.is_comment_chrome(line)
            || layout::is_table_row(line)
        {
            UnitKind::Chrome
        } else if layout::is_heading(line) || ctx.title.is_some_and(|t| is_headline(line, Some(t), p)) {
            UnitKind::Heading
        } else if p.label_only(line).is_some() {
            UnitKind::LabelOnly
        } else {
            UnitKind::Prose
        };
        let stop = if kind == UnitKind::Prose && p.end_marker(line).is_some() {
            2
        } else {
            u8::from(kind == UnitKind::LabelOnly || (kind == UnitKind::Prose && p.is_greeting(line)))
        };
        let start = kind == UnitKind::Prose && (p.speaker_label(line).is_some() || p.q_label(line).is_some() || v.is_list_item(line));
        (kind, stop, start)
    };
    let classified = parallel::map(raw, parallel, classify);
    let mut kinds: Vec<UnitKind> = classified.iter().map(|c| c.0).collect();
    let mut stops: Vec<u8> = classified.iter().map(|c| c.1).collect();
    let starts: Vec<bool> = classified.iter().map(|c| c.2).collect();
    let lengths: Vec<usize> =
        raw.iter().zip(&kinds).filter(|(_, k)| **k == UnitKind::Prose).map(|(r, _)| layout::char_len(r.span.slice(text))).collect();
    let width = layout::wrap_width(&lengths);
    let blank_paragraphs = width.is_some() && blank_line_paragraphs(raw, &kinds);
    // A line that looks like chrome ("like", "share", "end", a time, "(inaudible).") after a prose
    // line wrapped into it is the rest of that line's sentence; so it is after any line that ends
    // no sentence when blank lines mark the paragraphs.
    for i in 1..raw.len() {
        if kinds[i] == UnitKind::Chrome && kinds[i - 1] == UnitKind::Prose && raw[i].row == raw[i - 1].row + 1 {
            let (prev, line) = (raw[i - 1].span.slice(text), raw[i].span.slice(text));
            let runs_on = layout::wrapped_into(prev, line, width) || blank_paragraphs && !layout::ends_sentence(prev);
            // The closing marker of a bold heading, wrapped onto a line of its own, is no
            // separator ("**Partnering with Developing Countries\n**").
            let closes_bold = layout::bold_parity(prev) && matches!(line, "**" | "__");
            if closes_bold || runs_on && !p.is_separator(line) && !layout::is_table_row(line) {
                kinds[i] = UnitKind::Prose;
                stops[i] = u8::from(p.end_marker(line).is_some()) * 2;
            }
        }
    }
    // A label alone opens a turn unless the line before is wrapped into it ("... four
    // Allies in\nNATO:\nFrance, ..."): it is structural like a label with words after it.
    let structural: Vec<bool> = kinds.iter().map(|k| ctx.line_per_block || !matches!(k, UnitKind::Prose | UnitKind::LabelOnly)).collect();
    // The blocks (consecutive non-blank lines), and which one is the first with prose.
    let mut blocks = Vec::new();
    let mut first_prose_seen = false;
    let mut b = 0;
    while b < raw.len() {
        let mut e = b + 1;
        while e < raw.len() && raw[e].row == raw[e - 1].row + 1 {
            e += 1;
        }
        let has_prose = structural[b..e].iter().any(|s| !s);
        blocks.push((b, e, has_prose && !first_prose_seen && ctx.title.is_none()));
        first_prose_seen |= has_prose;
        b = e;
    }
    // Each block is joined on its own.
    let joined = parallel::map(&blocks, parallel, |&(b, e, first_of_doc)| {
        let lines: Vec<(Span, Span)> = raw[b..e].iter().map(|r| (r.span, r.full)).collect();
        let block_starts: Vec<bool> = (b..e).map(|i| starts[i] || kinds[i] == UnitKind::LabelOnly).collect();
        layout::join_block(text, &lines, &structural[b..e], &block_starts, &stops[b..e], first_of_doc, width, blank_paragraphs)
    });
    let mut out = Vec::with_capacity(raw.len());
    for (&(b, _, _), ranges) in blocks.iter().zip(joined) {
        for r in ranges {
            let (fi, li) = (b + r.start, b + r.end);
            out.push(Unit {
                line: raw[fi].line,
                span: Span::new(raw[fi].span.start, raw[li - 1].span.end),
                lines: (fi, li),
                kind: if kinds[fi] == UnitKind::LabelOnly && li - fi > 1 { UnitKind::Prose } else { kinds[fi] },
            });
        }
    }
    out
}

/// True when the document marks its paragraphs with blank lines: at least three blocks hold
/// several prose lines, and prose blocks are 30 lines long or less on average.
fn blank_line_paragraphs(raw: &[RawLine], kinds: &[UnitKind]) -> bool {
    let (mut blocks, mut multi, mut lines, mut run) = (0usize, 0usize, 0usize, 0usize);
    for i in 0..=raw.len() {
        let new_block = i == raw.len() || (i > 0 && raw[i].row != raw[i - 1].row + 1);
        if new_block && run > 0 {
            blocks += 1;
            multi += usize::from(run > 1);
            run = 0;
        }
        if i < raw.len() && kinds[i] == UnitKind::Prose {
            run += 1;
            lines += 1;
        }
    }
    multi >= 3 && lines <= 30 * blocks
}

fn label_units(text: &str, lines: &[(usize, Span)], units: &[Unit], ctx: &Context, p: &Patterns) -> Vec<LineLabel> {
    let v = Vocabulary::get();
    let n = lines.len();
    let mut labels: Vec<LineLabel> = Vec::with_capacity(n);
    // Each unit's boilerplate test, run once (the pattern is long).
    let boiler: Vec<bool> = lines.iter().map(|(_, s)| p.is_boilerplate(s.slice(text))).collect();
    let comments_from = comments_start(text, lines, &boiler, p);
    let cast = ctx.title.map(title_cast).unwrap_or_default();
    let top_chrome = top_chrome(text, units, v);
    let labelled = units.iter().any(|u| {
        u.kind == UnitKind::LabelOnly
            || (u.kind == UnitKind::Prose && (p.speaker_label(u.span.slice(text)).is_some() || p.q_label(u.span.slice(text)).is_some()))
    });
    // An authored text with no labels is the author's statement; so is an unlabelled
    // first-person speech, whose speaker is unknown.
    let speech = !labelled && (ctx.author.is_some() || ctx.author_country.is_some() || first_person(text, units));

    let mut mode = Mode::Article;
    let mut speaker: Option<Speaker> = None;
    let mut section = Section::Narrative;
    let mut seen_question = false;
    let mut official: Option<String> = None;
    let mut prev_intro_colon = false;
    let mut after_plea = false;
    let mut seen_body = false;
    let mut narrative_units = 0;
    let mut dateline_seen = false;

    for (i, (_, span)) in lines.iter().enumerate() {
        let line = span.slice(text);
        let unit = &units[i];
        let plain = |section| LineLabel { section, speaker: None, content: *span, marker: None };

        if unit.kind == UnitKind::FrontMatter || unit.kind == UnitKind::Chrome || top_chrome.contains(&i) {
            // A stage direction alone on its line ("(Laughter.)", "(Cross-talk.)") is no one's
            // words either: boilerplate, and the turn goes on after it.
            labels.push(plain(Section::Boilerplate));
            continue;
        }
        if comments_from.is_some_and(|c| i >= c) {
            let follows_plea = labels.last().is_some_and(|l| l.section == Section::Boilerplate);
            let l = if boiler[i] || p.is_separator(line) || p.is_comment_chrome(line) || (follows_plea && p.is_thanks(line)) {
                plain(Section::Boilerplate)
            } else {
                plain(Section::Comment)
            };
            labels.push(l);
            continue;
        }
        if boiler[i] || (after_plea && p.is_thanks(line)) || p.is_comments_header(line) {
            after_plea = true;
            labels.push(plain(Section::Boilerplate));
            prev_intro_colon = false;
            continue;
        }
        after_plea = false;

        let first_body = !seen_body;
        seen_body = true;
        if unit.kind == UnitKind::Heading {
            let s = if first_body { Section::Headline } else { Section::Narrative };
            labels.push(plain(s));
            continue;
        }
        if first_body && is_headline(line, ctx.title, p) && unit.kind == UnitKind::Prose {
            labels.push(plain(Section::Headline));
            continue;
        }

        // A labelled turn (label and words, or a label alone on its line).
        // The reporter's `Q` first: "Q   On Ukraine: After ..." is a question about Ukraine, not a
        // speaker called "Q On Ukraine".
        let turn = if unit.kind == UnitKind::LabelOnly { p.label_only(line) } else { p.q_label(line).or_else(|| p.speaker_label(line)) };
        if let Some(turn) = turn {
            let content = Span::new((span.start + turn.content_offset).min(span.end), span.end);
            let rest = content.slice(text);
            let kind = classify_label(&turn.label, rest, official.as_deref(), &cast);
            match kind {
                LabelKind::Question(name) => {
                    seen_question = true;
                    section = Section::Question;
                    speaker = name.map(Speaker::Named);
                }
                LabelKind::Interjection => {
                    section = Section::Boilerplate;
                    speaker = None;
                }
                LabelKind::Answer => {
                    section = Section::Answer;
                    speaker = official.clone().map(Speaker::Named);
                }
                LabelKind::Official(name) => {
                    let name = resolve_label(&name, &cast);
                    if official.is_none() && !v.is_generic_label(&name) {
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

        if speech && mode == Mode::Article {
            mode = Mode::Transcript;
            section = Section::Statement;
            speaker = ctx.author.map(|a| Speaker::Named(a.to_string()));
        }
        match mode {
            Mode::Article if prev_intro_colon || p.is_greeting(line) => {
                mode = Mode::Transcript;
                section = Section::Statement;
                speaker = Some(Speaker::Pending);
            }
            Mode::Transcript if !speech => {
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
            prev_intro_colon = line.ends_with(':') && !line.ends_with("::") && v.introduces_words(line);
            // A wire-service dateline opening one of the first paragraphs ("MOSCOW, April 13
            // (Reuters) -") is not part of its first sentence: its place and agency are not
            // actors of the sentence.
            let mut content = *span;
            if narrative_units < 3 && !dateline_seen {
                if let Some(d) = demarche_core::dateline::read_dateline(line) {
                    dateline_seen = true;
                    content = Span::new(span.start + d.span.end, span.end);
                }
            }
            narrative_units += 1;
            labels.push(LineLabel { section: Section::Narrative, speaker: None, content, marker: None });
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

/// A label that names a role or a surname the title gives in full ("THE PRESIDENT" → "President
/// Biden"); other labels as they are.
fn resolve_label(name: &str, cast: &[CastMember]) -> String {
    match find_member(cast, name) {
        Some(m) => {
            let lower = name.to_lowercase();
            if m.name.split_whitespace().any(|w| lower.contains(&w.to_lowercase())) {
                name.to_string()
            } else {
                m.display()
            }
        }
        None => name.to_string(),
    }
}

/// Units at the top of a transcript before its first time line: places, dates and venues
/// ("Cotroceni Palace", "Via Teleconference"): short lines with no sentence in them.
fn top_chrome(text: &str, units: &[Unit], v: &Vocabulary) -> Vec<usize> {
    let body: Vec<usize> = (0..units.len()).filter(|i| units[*i].kind != UnitKind::FrontMatter).take(8).collect();
    let Some(time_at) = body.iter().position(|i| v.is_time(units[*i].span.slice(text))) else { return Vec::new() };
    body[..time_at]
        .iter()
        .copied()
        .filter(|i| {
            let l = units[*i].span.slice(text);
            units[*i].kind == UnitKind::Prose
                && l.split_whitespace().nth(10).is_none()
                && !l.trim_end_matches(['*', '_']).ends_with(['.', '?', '!'])
        })
        .collect()
}

/// True when the prose is a first-person speech: "I", "we", "my", "our" in most paragraphs.
fn first_person(text: &str, units: &[Unit]) -> bool {
    let prose = units.iter().filter(|u| u.kind == UnitKind::Prose).count();
    if prose == 0 {
        return false;
    }
    // The words of the whole body (after any front matter), not of the prose units: how the text
    // is wrapped into lines decides which short lines are headings or chrome, and must not
    // decide whose voice the text is in.
    let body = units.iter().filter(|u| u.kind == UnitKind::FrontMatter).map(|u| u.span.end).max().unwrap_or(0);
    let mut words = 0usize;
    let mut first = 0usize;
    for w in text.get(body..).unwrap_or("").split(|c: char| !c.is_alphabetic() && c != '’' && c != '\'') {
        if w.is_empty() {
            continue;
        }
        words += 1;
        let w = w.split(['’', '\'']).next().unwrap_or(w);
        if matches!(w, "I" | "we" | "We" | "my" | "My" | "our" | "Our" | "us") {
            first += 1;
        }
    }
    // Not how many units the prose makes: a speech saved as one line is one unit unwrapped and
    // many wrapped.
    if words < 150 {
        return false;
    }
    // A long text that addresses its audience ("Mr. President", "Excellencies", "from this
    // rostrum", "my delegation": `address` in data/segment/layout.tsv) is a speech even when its
    // speaker says "the Soviet Union" or "my delegation" more than "I".
    let addresses = || {
        // The opening (its first thousand words), read from the text itself so that the way it
        // is wrapped into lines and units changes nothing.
        let opening: Vec<&str> = text.split_whitespace().take(1000).collect();
        Vocabulary::get().addresses_audience(&opening.join(" "))
    };
    first * 100 >= words * 2 || (words >= 1000 && first * 1000 >= words * 3 && addresses())
}

fn is_headline(line: &str, title: Option<&str>, p: &Patterns) -> bool {
    if let Some(t) = title {
        // With a title from metadata, only a line that repeats it (as a Markdown heading or
        // with emphasis) is the headline.
        let norm =
            |s: &str| s.replace(['\u{a0}', '_', '*', '#', '\\'], " ").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        return norm(t) == norm(line);
    }
    let ends_sentence = line.ends_with(['.', '?', '!', ':', ';', ',']);
    !ends_sentence && line.split_whitespace().nth(40).is_none() && !p.is_greeting(line)
}

/// Reader comments start after the last closing plea (in the second half of the document, or
/// right after a separator) or after a comments header.
fn comments_start(text: &str, lines: &[(usize, Span)], boiler: &[bool], p: &Patterns) -> Option<usize> {
    let n = lines.len();
    let mut start = None;
    for (i, (_, span)) in lines.iter().enumerate().rev() {
        let line = span.slice(text);
        if p.is_comments_header(line) {
            start = Some(i + 1);
            break;
        }
        let after_separator = i > 0 && p.is_separator(lines[i - 1].1.slice(text));
        if boiler[i] && (i * 2 + 1 >= n || after_separator) {
            start = Some(i + 1);
            break;
        }
    }
    let s = start?;
    // Nothing after the plea but more boilerplate: there are no comments.
    let rest = &lines[s.min(n)..];
    let substantive = rest.iter().zip(&boiler[s.min(n)..]).any(|((_, sp), b)| {
        let l = sp.slice(text);
        !(*b || p.is_separator(l) || p.is_thanks(l))
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
