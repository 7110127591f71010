//! Document intake: the only crate of demarche that reads files.
//!
//! It turns what a user points at — a plain-text file, an HTML page, a JSON Lines file of
//! articles, a PETRARCH XML file of `<Sentence>` records, a directory (recursively) or standard
//! input — into [`Document`]s: an id, optional metadata (date, source, url, title) and the text
//! every later span points into.
//!
//! One path may hold many documents (JSON Lines, PETRARCH XML, directories), and one of them may
//! be bad while the others are fine, so readers return a list of `Result`s: a batch goes on past
//! a bad document, and each error names the file and the line or byte at fault.
//!
//! ```
//! use demarche_documents::{parse_bytes, Format, ReadOptions};
//! let docs = parse_bytes("a.txt", b"Lavrov met Mirzoyan.\n", Format::Text, &ReadOptions::default());
//! let doc = docs.into_iter().next().unwrap().unwrap();
//! assert_eq!(doc.text, "Lavrov met Mirzoyan.\n");
//! ```
//!
//! For HTML the text is the readable text of the page (headings, paragraphs, list items, one
//! block a line; scripts, styles and navigation dropped): spans point into that text.

// Input paths: no panicking unwraps or indexing outside tests (issue 17).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod frontmatter;
mod html;
mod jsonl;
mod stream;
mod xml;

pub use stream::stream_path;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A calendar date (re-exported so callers need no date crate of their own).
pub type Date = chrono::NaiveDate;

/// The input formats demarche reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain UTF-8 text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines: one object a line with `id`, `date`, `source`, `url`, `title`, `text`.
    Jsonl,
    /// PETRARCH validation or input XML with `<Sentence>` records.
    PetrarchXml,
}

impl Format {
    /// Guess the format from a file name's extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "xml" => Format::PetrarchXml,
            _ => Format::Text,
        })
    }

    /// Guess the format from the first bytes of the content.
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = bytes.get(..4096).unwrap_or(bytes);
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') {
            Format::Jsonl
        } else if trimmed.starts_with('<') && (head.contains("<sentence") || head.contains("<validation") || head.contains("<sentences")) {
            Format::PetrarchXml
        } else if trimmed.starts_with('<')
            && (head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<p>"))
        {
            Format::Html
        } else {
            Format::Text
        }
    }

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::PetrarchXml => "xml",
        }
    }
}

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The date of documents whose metadata has none.
    pub date: Option<Date>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Force a format instead of guessing from the extension or content.
    pub format: Option<Format>,
    /// Who wrote or delivered documents whose metadata names no author (`--author`).
    pub author: Option<String>,
    /// The author's state, a CAMEO country code (`--author-country`).
    pub author_country: Option<String>,
}

/// One document, ready for segmentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// A stable id: the path, the JSON `id`, or the PETRARCH record id.
    pub id: String,
    /// Where it was read from (path, or `-` for stdin).
    pub origin: String,
    /// 1-based line in `origin` where the document starts (JSON Lines, XML), else 1.
    pub origin_line: usize,
    /// The input format.
    pub format: Format,
    /// The document's date, from metadata or `--date`.
    pub date: Option<Date>,
    /// Publisher or source name.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// The text that all spans point into.
    pub text: String,
    /// A Penn Treebank parse supplied with a PETRARCH record.
    pub parse: Option<String>,
    /// A PETRARCH record's category attribute.
    pub category: Option<String>,
    /// Who wrote or delivered the text, as free text ("Minister for Foreign Affairs of
    /// Armenia"), from metadata or `--author`.
    pub author: Option<String>,
    /// The author's state as a CAMEO code (`ARM`), from metadata or `--author-country`.
    pub author_country: Option<String>,
}

impl Document {
    /// A plain-text document.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>, date: Option<Date>) -> Document {
        let id = id.into();
        Document {
            origin: id.clone(),
            id,
            origin_line: 1,
            format: Format::Text,
            date,
            source: None,
            url: None,
            title: None,
            text: text.into(),
            parse: None,
            category: None,
            author: None,
            author_country: None,
        }
    }
}

/// What went wrong with one input.
#[derive(Debug)]
pub struct DocumentError {
    /// The file (or `-`).
    pub origin: String,
    /// The line at fault, when known.
    pub line: Option<usize>,
    /// The byte at fault, when known.
    pub byte: Option<usize>,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// The kinds of intake failure.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// The path could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Not UTF-8 (use --lossy to replace bad bytes).
    #[error("invalid UTF-8 (use --lossy to replace invalid bytes)")]
    InvalidUtf8,
    /// NUL bytes: a binary file.
    #[error("binary file (NUL byte found), not a text document")]
    Binary,
    /// Nothing but whitespace.
    #[error("empty document")]
    Empty,
    /// Malformed JSON.
    #[error("malformed JSON: {0}")]
    Json(String),
    /// Malformed XML.
    #[error("malformed XML: {0}")]
    Xml(String),
    /// A record lacks a required field.
    #[error("{0}")]
    Record(String),
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(byte) = self.byte {
            write!(f, ": byte {byte}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for DocumentError {}

impl DocumentError {
    fn new(origin: &str, kind: ErrorKind) -> DocumentError {
        DocumentError { origin: origin.to_string(), line: None, byte: None, kind }
    }

    fn at_line(origin: &str, line: usize, kind: ErrorKind) -> DocumentError {
        DocumentError { origin: origin.to_string(), line: Some(line), byte: None, kind }
    }
}

/// The result of reading one input: documents and per-document errors, in input order.
pub type Batch = Vec<Result<Document, DocumentError>>;

/// Read a path: a file, or a directory walked recursively (hidden entries skipped, files in
/// name order). `-` reads standard input.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Batch {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
            return vec![Err(DocumentError::new("-", ErrorKind::Io(e)))];
        }
        let format = opts.format.unwrap_or_else(|| Format::sniff(&buf));
        return parse_bytes("-", &buf, format, opts);
    }
    let origin = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => vec![Err(DocumentError::new(&origin, ErrorKind::Io(e)))],
        Ok(meta) if meta.is_dir() => {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk(path, &mut files, &mut errors);
            files.sort();
            let mut out: Batch = errors.into_iter().map(Err).collect();
            for f in files {
                out.extend(read_file(&f, opts));
            }
            out
        }
        Ok(_) => read_file(path, opts),
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<DocumentError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(DocumentError::new(&dir.display().to_string(), ErrorKind::Io(e)));
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Symbolic links to directories are not followed (a link loop would never end).
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_link && p.is_dir() {
            let e = std::io::Error::other("symbolic link to a directory, not followed");
            errors.push(DocumentError::new(&p.display().to_string(), ErrorKind::Io(e)));
        } else if p.is_dir() {
            walk(&p, files, errors);
        } else {
            files.push(p);
        }
    }
}

fn read_file(path: &Path, opts: &ReadOptions) -> Batch {
    let origin = path.display().to_string();
    match std::fs::read(path) {
        Err(e) => vec![Err(DocumentError::new(&origin, ErrorKind::Io(e)))],
        Ok(bytes) => {
            let format =
                opts.format.or_else(|| Format::from_path(path).filter(|f| *f != Format::Text)).unwrap_or_else(|| Format::sniff(&bytes));
            parse_bytes(&origin, &bytes, format, opts)
        }
    }
}

/// The first NUL byte anywhere in the input (not only its head): text documents have none.
fn first_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == 0)
}

/// Decode bytes as UTF-8, naming the first bad byte (or replacing, with `lossy`).
pub(crate) fn decode(origin: &str, bytes: &[u8], lossy: bool) -> Result<String, DocumentError> {
    if let Some(at) = first_nul(bytes) {
        let line = bytes.get(..at).map_or(1, |b| b.iter().filter(|c| **c == b'\n').count() + 1);
        return Err(DocumentError { origin: origin.to_string(), line: Some(line), byte: Some(at), kind: ErrorKind::Binary });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes.get(..at).unwrap_or(bytes).iter().filter(|b| **b == b'\n').count() + 1;
            Err(DocumentError { origin: origin.to_string(), line: Some(line), byte: Some(at), kind: ErrorKind::InvalidUtf8 })
        }
    }
}

/// Parse already-read bytes in a known format.
pub fn parse_bytes(origin: &str, bytes: &[u8], format: Format, opts: &ReadOptions) -> Batch {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return vec![Err(DocumentError::new(origin, ErrorKind::Empty))];
    }
    let text = match decode(origin, bytes, opts.lossy) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let mut docs = match format {
        Format::Text => vec![Ok(text_document(origin, text, opts))],
        Format::Html => vec![html::parse(origin, &text, opts)],
        Format::Jsonl => jsonl::parse(origin, &text, opts),
        Format::PetrarchXml => xml::parse(origin, &text, opts),
    };
    for doc in docs.iter_mut().flatten() {
        apply_defaults(doc, opts);
    }
    docs
}

/// What the options say of documents whose metadata is silent: `--author`, `--author-country`.
pub(crate) fn apply_defaults(doc: &mut Document, opts: &ReadOptions) {
    if doc.author.is_none() {
        doc.author.clone_from(&opts.author);
    }
    if doc.author_country.is_none() {
        doc.author_country.clone_from(&opts.author_country);
    }
}

/// A plain-text or Markdown document; YAML front matter gives its title, url, author and (when
/// `--date` is absent) its date. The front matter stays in the text.
fn text_document(origin: &str, text: String, opts: &ReadOptions) -> Document {
    let fm = frontmatter::parse(&text).unwrap_or_default();
    let date = opts.date.or_else(|| {
        let d = fm.date.as_deref()?.trim();
        demarche_core::dates::parse_date(d.get(..10).unwrap_or(d))
    });
    Document {
        format: Format::Text,
        title: fm.title.map(|t| t.replace('\u{a0}', " ")),
        url: fm.url,
        source: fm.source,
        author: fm.author,
        author_country: fm.author_country.map(|c| c.trim().to_uppercase()),
        ..Document::from_text(origin, text, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let batch = parse_bytes("bad.txt", b"ok line\nbad \xff here", Format::Text, &opts());
        let err = batch.into_iter().next().and_then(|r| r.err()).expect("error");
        assert_eq!(err.byte, Some(12));
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("bad.txt:2: byte 12: invalid UTF-8"));
    }

    #[test]
    fn lossy_replaces_bad_bytes() {
        let o = ReadOptions { lossy: true, ..opts() };
        let doc = parse_bytes("bad.txt", b"a \xff b", Format::Text, &o).remove(0).expect("doc");
        assert_eq!(doc.text, "a \u{fffd} b");
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(
            parse_bytes("x.bin", b"\x7fELF\x00\x01", Format::Text, &opts()).remove(0),
            Err(DocumentError { kind: ErrorKind::Binary, .. })
        ));
        assert!(matches!(
            parse_bytes("e.txt", b"  \n ", Format::Text, &opts()).remove(0),
            Err(DocumentError { kind: ErrorKind::Empty, .. })
        ));
    }

    #[test]
    fn front_matter_gives_title_date_and_url() {
        let text = b"---\ndate: '2023-03-24'\nsource_url: https://example.gov/x/\ntitle: \"Remarks by President\\_Biden\"\n---\nBody.\n";
        let doc = parse_bytes("a.md", text, Format::Text, &opts()).remove(0).expect("doc");
        assert_eq!(doc.title.as_deref(), Some("Remarks by President Biden"));
        assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2023-03-24"));
        assert_eq!(doc.url.as_deref(), Some("https://example.gov/x/"));
        assert!(doc.text.starts_with("---\n"));
        // --date wins over the front matter.
        let o = ReadOptions { date: demarche_core::dates::parse_date("2020-01-01"), author_country: Some("USA".into()), ..opts() };
        let doc = parse_bytes("a.md", text, Format::Text, &o).remove(0).expect("doc");
        assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2020-01-01"));
        assert_eq!(doc.author_country.as_deref(), Some("USA"));
    }

    #[test]
    fn nul_past_the_first_8_kib_is_binary() {
        let mut bytes = "word ".repeat(4000).into_bytes();
        bytes.extend(b"\nmore\x00");
        let err = parse_bytes("late.txt", &bytes, Format::Text, &opts()).remove(0).expect_err("binary");
        assert!(matches!(err.kind, ErrorKind::Binary));
        assert_eq!(err.byte, Some(20005));
        assert_eq!(err.line, Some(2));
    }

    #[cfg(unix)]
    #[test]
    fn directory_link_loops_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "First.").expect("write");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
        let batch = read_path(dir.path(), &opts());
        assert_eq!(batch.iter().filter(|r| r.is_ok()).count(), 1);
        assert_eq!(batch.iter().filter(|r| r.is_err()).count(), 1);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"{\"id\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"<Sentences><Sentence>"), Format::PetrarchXml);
        assert_eq!(Format::sniff(b"Plain words."), Format::Text);
    }

    #[test]
    fn directories_are_walked_and_bad_files_do_not_stop_the_batch() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("a.txt"), "First.").expect("write");
        std::fs::write(dir.path().join("sub/b.txt"), b"bad \xff").expect("write");
        std::fs::write(dir.path().join("sub/c.txt"), "Third.").expect("write");
        std::fs::write(dir.path().join(".hidden"), "skip").expect("write");
        let batch = read_path(dir.path(), &opts());
        assert_eq!(batch.len(), 3);
        assert_eq!(batch.iter().filter(|r| r.is_ok()).count(), 2);
    }

    #[test]
    fn missing_path_is_an_error() {
        let batch = read_path(Path::new("/nonexistent/demarche"), &opts());
        assert!(batch[0].as_ref().err().is_some_and(|e| e.to_string().contains("cannot read")));
    }
}
