//! PETRARCH XML: validation files (`<Validation>` with `<Environment>`, `<Config>` and records
//! with expected `<EventCoding>`s) and plain input files (`<Sentences>` of records).
//!
//! A record is `<Sentence date="YYYYMMDD" id=".." category=".." sentence="true">` with a `<Text>`,
//! an optional Penn Treebank `<Parse>` and, in validation files, `<EventCoding sourcecode
//! targetcode eventcode>` elements, `<EventCoding noevents="True">` or `<EventCoding error="..">`.
//! `<Config option=".." value="..">` between records changes an option for every later record.
//!
//! The XML is read by [`demarche_core::petrarch_xml`], the one reader of the format (documents
//! read the same records as input); [`Records`] reads a file a record at a time, [`read`] whole.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::error::PetrarchError;
use demarche_core::petrarch_xml::{RawRecord, XmlError, XmlItem, XmlItems};
use std::io::BufRead;

/// The `<Environment>` of a validation file.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verbfile: Option<String>,
    /// `<Actorfile>` (may be a comma-separated list).
    pub actorfiles: Vec<String>,
    /// `<Agentfile>`.
    pub agentfile: Option<String>,
    /// `<Discardfile>`.
    pub discardfile: Option<String>,
    /// `<Issuefile>`.
    pub issuefile: Option<String>,
    /// `<Include>`: categories to run (empty: all).
    pub include: Vec<String>,
}

/// An expected outcome.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expected {
    /// Expected (source, target, code) triples.
    pub events: Vec<(String, String, String)>,
    /// `noevents="True"`.
    pub noevents: bool,
    /// `error="..."`: the error or discard that must happen.
    pub error: Option<String>,
}

/// A `<Sentence>` record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// `id`.
    pub id: String,
    /// `date` as YYYYMMDD (0 if absent).
    pub date: u32,
    /// `category`.
    pub category: String,
    /// `source` (news agency), if any.
    pub source: String,
    /// `sentence` is true (false records are not coded).
    pub sentence: bool,
    /// The text, whitespace collapsed.
    pub text: String,
    /// The parse, if any.
    pub parse: Option<String>,
    /// What a validation file expects.
    pub expected: Expected,
    /// 1-based line of `<Sentence`.
    pub line: usize,
}

/// An item of the file, in order.
#[derive(Debug, Clone)]
pub enum Item {
    /// `<Config option value>`.
    Config {
        /// Option name.
        option: String,
        /// Value.
        value: String,
        /// 1-based line.
        line: usize,
    },
    /// A record.
    Record(Record),
}

/// A PETRARCH XML file.
#[derive(Debug, Clone, Default)]
pub struct RecordFile {
    /// The environment (validation files only).
    pub environment: Environment,
    /// Configs and records in order.
    pub items: Vec<Item>,
}

impl RecordFile {
    /// The records.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.items.iter().filter_map(|i| match i {
            Item::Record(r) => Some(r),
            Item::Config { .. } => None,
        })
    }
}

/// Parses a date attribute (YYYYMMDD or YYYY-MM-DD).
fn parse_date(s: &str) -> u32 {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 8 {
        digits.parse().unwrap_or(0)
    } else {
        0
    }
}

/// The items of a PETRARCH XML file one at a time, with the file's `<Environment>` (which
/// comes before any record) read up front: memory holds one record, whatever the file's size.
pub struct Records<R: BufRead> {
    file: String,
    items: XmlItems<R>,
    environment: Environment,
    /// The first item after the environment, read to know the environment was complete.
    pending: Option<Result<XmlItem, XmlError>>,
}

impl<R: BufRead> Records<R> {
    /// Reads `input`; `file` names it in errors.
    pub fn new(file: &str, input: R) -> Records<R> {
        let mut items = XmlItems::new(input, false);
        let mut environment = Environment::default();
        let mut pending = None;
        for item in items.by_ref() {
            match item {
                Ok(XmlItem::Setting { name, value, .. }) => {
                    let env = &mut environment;
                    match name.as_str() {
                        "Verbfile" => env.verbfile = Some(value),
                        "Actorfile" => env.actorfiles.extend(value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty())),
                        "Agentfile" => env.agentfile = Some(value),
                        "Discardfile" => env.discardfile = Some(value),
                        "Issuefile" => env.issuefile = Some(value),
                        "Include" => env.include = value.split_whitespace().map(str::to_string).collect(),
                        _ => {}
                    }
                }
                other => {
                    pending = Some(other);
                    break;
                }
            }
        }
        Records { file: file.to_string(), items, environment, pending }
    }

    /// The file's `<Environment>` (empty for a plain input file).
    pub fn environment(&self) -> &Environment {
        &self.environment
    }

    fn item(&self, item: XmlItem) -> Result<Option<Item>, PetrarchError> {
        Ok(match item {
            XmlItem::Config { option, value, line } => Some(Item::Config { option, value, line }),
            // a setting after the first record is not read (PETRARCH reads the environment first)
            XmlItem::Setting { .. } => None,
            XmlItem::Record(raw) => Some(Item::Record(self.record(raw)?)),
        })
    }

    fn record(&self, raw: RawRecord) -> Result<Record, PetrarchError> {
        let attr = |k: &str| raw.attribute(k).unwrap_or_default().to_string();
        let mut r = Record {
            id: attr("id"),
            date: raw.attribute("date").map_or(0, parse_date),
            category: attr("category"),
            source: attr("source"),
            sentence: !raw.attribute("sentence").is_some_and(|v| v.eq_ignore_ascii_case("false")),
            text: raw.text.unwrap_or_default(),
            parse: raw.parse,
            expected: Expected::default(),
            line: raw.line,
        };
        if r.id.is_empty() {
            r.id = format!("{}:{}", self.file, r.line);
        }
        for c in &raw.codings {
            if let Some(v) = c.attribute("noevents") {
                r.expected.noevents = v.eq_ignore_ascii_case("true");
            } else if let Some(v) = c.attribute("error") {
                r.expected.error = Some(v.to_string());
            } else {
                match (c.attribute("sourcecode"), c.attribute("targetcode"), c.attribute("eventcode")) {
                    (Some(s), Some(t), Some(e)) => r.expected.events.push((s.to_string(), t.to_string(), e.to_string())),
                    _ => {
                        return Err(PetrarchError::parse(
                            &self.file,
                            c.line,
                            "<EventCoding> needs sourcecode, targetcode and eventcode (or noevents, or error)",
                        ))
                    }
                }
            }
        }
        // a record with only a parse: its words are the text
        if r.text.is_empty() {
            if let Some(Ok(t)) = r.parse.as_deref().map(crate::tree::Tree::parse) {
                r.text = t.sentence();
            }
        }
        if r.sentence && r.text.is_empty() {
            return Err(PetrarchError::parse(&self.file, r.line, format!("<Sentence id=\"{}\"> has no <Text>", r.id)));
        }
        Ok(r)
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Item, PetrarchError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let next = self.pending.take().or_else(|| self.items.next())?;
            let item = next.map_err(|e| PetrarchError::parse(&self.file, e.line, e.to_string())).and_then(|i| self.item(i));
            match item {
                Ok(None) => continue,
                Ok(Some(item)) => return Some(Ok(item)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Reads a PETRARCH XML file from text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<RecordFile, PetrarchError> {
    let records = Records::new(file, text.as_bytes());
    let environment = records.environment().clone();
    Ok(RecordFile { environment, items: records.collect::<Result<_, _>>()? })
}

/// Opens a PETRARCH XML file to read it a record at a time.
pub fn open(path: &std::path::Path) -> Result<Records<std::io::BufReader<std::fs::File>>, PetrarchError> {
    let file = std::fs::File::open(path).map_err(|e| PetrarchError::Io { path: path.display().to_string(), message: e.to_string() })?;
    Ok(Records::new(&path.display().to_string(), std::io::BufReader::with_capacity(1 << 16, file)))
}

/// Reads a PETRARCH XML file whole.
pub fn read(path: &std::path::Path) -> Result<RecordFile, PetrarchError> {
    let records = open(path)?;
    let environment = records.environment().clone();
    Ok(RecordFile { environment, items: records.collect::<Result<_, _>>()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small validation file: environment, a config, a record with a coding, text and parse,
    /// and a record that is no sentence (the same file the core reader's tests read).
    const FILE: &str = include_str!("../../../tests/fixtures/petrarch/mini-suite.xml");

    #[test]
    fn reads_environment_configs_and_expectations() {
        let f = parse("t.xml", FILE).unwrap();
        assert_eq!(f.environment.verbfile.as_deref(), Some("V.txt"));
        assert_eq!(f.environment.include, ["valid", "DEMO"]);
        assert!(matches!(&f.items[0], Item::Config { option, value, .. } if option == "new_actor_length" && value == "4"));
        let r: Vec<&Record> = f.records().collect();
        assert_eq!(r[0].id, "D-1");
        assert_eq!(r[0].date, 19950101);
        assert_eq!(r[0].text, "Arnor is about to & restore");
        assert_eq!(r[0].expected.events[0].1, "\"THE MINISTRY\"");
        assert!(r[1].expected.noevents && !r[1].sentence);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse(
            "t.xml",
            "<Sentences>\n<Sentence id=\"x\">\n<EventCoding sourcecode=\"A\"></EventCoding><Text>t</Text></Sentence></Sentences>",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("t.xml:3:"), "{e}");
        let e = parse("t.xml", "<Sentences>\n<Sentence id=\"x\">\n<Text>t</Text>\n").unwrap_err();
        assert!(e.to_string().contains("unclosed"), "{e}");
    }
}
