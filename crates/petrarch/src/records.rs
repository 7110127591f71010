//! PETRARCH XML: validation files (`<Validation>` with `<Environment>`, `<Config>` and records
//! with expected `<EventCoding>`s) and plain input files (`<Sentences>` of records).
//!
//! A record is `<Sentence date="YYYYMMDD" id=".." category=".." sentence="true">` with a `<Text>`,
//! an optional Penn Treebank `<Parse>` and, in validation files, `<EventCoding sourcecode
//! targetcode eventcode>` elements, `<EventCoding noevents="True">` or `<EventCoding error="..">`.
//! `<Config option=".." value="..">` between records changes an option for every later record.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::error::PetrarchError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

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

fn attrs(e: &BytesStart, file: &str, line: usize) -> Result<Vec<(String, String)>, PetrarchError> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| PetrarchError::parse(file, line, format!("bad attribute: {err}")))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).trim().to_string();
        let value = a.unescape_value().map_err(|err| PetrarchError::parse(file, line, format!("bad attribute value: {err}")))?.into_owned();
        out.push((key, value));
    }
    Ok(out)
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

/// Reads a PETRARCH XML file from text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<RecordFile, PetrarchError> {
    let mut reader = Reader::from_str(text);
    // Line starts, found once; a position's line is a binary search (the reader's positions grow,
    // so recounting from byte 0 for each event would be quadratic in the file's size).
    let starts: Vec<usize> = std::iter::once(0).chain(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect();
    let line_at = |pos: usize| starts.partition_point(|s| *s <= pos.min(text.len()));
    let mut out = RecordFile::default();
    let mut current: Option<Record> = None;
    let mut field: Option<String> = None;
    let mut buf = String::new();
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| PetrarchError::parse(file, line_at(pos), format!("malformed XML: {e}")))?;
        let line = line_at(pos);
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                match name.as_str() {
                    "Sentence" => {
                        let mut r = Record { line, sentence: true, ..Record::default() };
                        for (k, v) in attrs(&e, file, line)? {
                            match k.as_str() {
                                "id" => r.id = v.trim().to_string(),
                                "date" => r.date = parse_date(&v),
                                "category" => r.category = v.trim().to_string(),
                                "source" => r.source = v.trim().to_string(),
                                "sentence" => r.sentence = !v.trim().eq_ignore_ascii_case("false"),
                                _ => {}
                            }
                        }
                        if r.id.is_empty() {
                            r.id = format!("{file}:{line}");
                        }
                        current = Some(r);
                    }
                    "EventCoding" => {
                        let Some(r) = current.as_mut() else {
                            return Err(PetrarchError::parse(file, line, "<EventCoding> outside a <Sentence>"));
                        };
                        let a = attrs(&e, file, line)?;
                        let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string());
                        if let Some(v) = get("noevents") {
                            r.expected.noevents = v.eq_ignore_ascii_case("true");
                        } else if let Some(v) = get("error") {
                            r.expected.error = Some(v);
                        } else {
                            match (get("sourcecode"), get("targetcode"), get("eventcode")) {
                                (Some(s), Some(t), Some(c)) => r.expected.events.push((s, t, c)),
                                _ => {
                                    return Err(PetrarchError::parse(
                                        file,
                                        line,
                                        "<EventCoding> needs sourcecode, targetcode and eventcode (or noevents, or error)",
                                    ))
                                }
                            }
                        }
                    }
                    "Config" => {
                        let a = attrs(&e, file, line)?;
                        let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                        match (get("option"), get("value")) {
                            (Some(option), Some(value)) => out.items.push(Item::Config { option, value, line }),
                            _ => return Err(PetrarchError::parse(file, line, "<Config> needs option and value")),
                        }
                    }
                    "Text" | "Parse" | "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" | "Issuefile" | "Include" => {
                        field = Some(name);
                        buf.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => {
                let s = t.unescape().map_err(|e| PetrarchError::parse(file, line, format!("bad text: {e}")))?;
                buf.push_str(&s);
            }
            Event::CData(t) if field.is_some() => buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if field.as_deref() == Some(name.as_str()) {
                    field = None;
                    let value = buf.split_whitespace().collect::<Vec<_>>().join(" ");
                    let env = &mut out.environment;
                    match (name.as_str(), current.as_mut()) {
                        ("Text", Some(r)) => r.text = value,
                        ("Parse", Some(r)) => r.parse = Some(value),
                        ("Verbfile", _) => env.verbfile = Some(value),
                        ("Actorfile", _) => env.actorfiles.extend(value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty())),
                        ("Agentfile", _) => env.agentfile = Some(value),
                        ("Discardfile", _) => env.discardfile = Some(value),
                        ("Issuefile", _) => env.issuefile = Some(value),
                        ("Include", _) => env.include = value.split_whitespace().map(str::to_string).collect(),
                        _ => {}
                    }
                } else if name == "Sentence" {
                    if let Some(mut r) = current.take() {
                        // a record with only a parse: its words are the text
                        if r.text.is_empty() {
                            if let Some(Ok(t)) = r.parse.as_deref().map(crate::tree::Tree::parse) {
                                r.text = t.sentence();
                            }
                        }
                        if r.sentence && r.text.is_empty() {
                            return Err(PetrarchError::parse(file, r.line, format!("<Sentence id=\"{}\"> has no <Text>", r.id)));
                        }
                        out.items.push(Item::Record(r));
                    }
                }
            }
            _ => {}
        }
    }
    if current.is_some() {
        return Err(PetrarchError::parse(file, line_at(text.len()), "unclosed <Sentence>"));
    }
    Ok(out)
}

/// Reads a PETRARCH XML file.
pub fn read(path: &std::path::Path) -> Result<RecordFile, PetrarchError> {
    let text = crate::error::read_text(path)?;
    parse(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"<Validation>
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt</Actorfile>
    <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Config option="new_actor_length" value="4"></Config>
<Sentence date = "19950101" id ="D-1" category="DEMO" sentence="true">
<!-- comment -->
<EventCoding sourcecode="ARN" targetcode='"THE MINISTRY"' eventcode="064"></EventCoding>
<Text>
Arnor is about to &amp; restore
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950101" id="D-2" category="DEMO" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>x</Text>
</Sentence>
</Sentences>
</Validation>"#;

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
