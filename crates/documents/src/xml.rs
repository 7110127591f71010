//! PETRARCH XML intake: `<Sentence date id category sentence>` records with `<Text>` and an
//! optional `<Parse>`, inside `<Sentences>` (input files) or `<Validation>` (test suites).
//!
//! Each record becomes one document; `<EventCoding>` and `<Config>` elements are read by the
//! validation runner, not here. A malformed file is reported with the line of the fault.

use crate::{Document, DocumentError, ErrorKind, Format, ReadOptions};
use demarche_core::dates::parse_date;
use demarche_core::LineIndex;
use quick_xml::events::Event;
use quick_xml::Reader;

pub(crate) fn parse(origin: &str, text: &str, opts: &ReadOptions) -> Vec<Result<Document, DocumentError>> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut current: Option<Document> = None;
    let mut field: Option<&'static str> = None;
    // `sentence="false"`: a record PETRARCH does not code
    let mut skip = false;
    let mut skipped = 0usize;
    // A `date` attribute that is no valid date: the record is an error, never another date.
    let mut bad_date: Option<String> = None;
    let mut buf = String::new();
    // One pass over the text for the line starts; each lookup is a binary search.
    let lines = LineIndex::new(text);
    let line_at = |pos: usize| lines.line_of(pos.min(text.len()));
    loop {
        let pos = reader.buffer_position() as usize;
        match reader.read_event() {
            Err(e) => {
                out.push(Err(DocumentError::at_line(origin, line_at(pos), ErrorKind::Xml(e.to_string()))));
                return out;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"Sentence" => {
                    skip = false;
                    bad_date = None;
                    let mut doc = Document::from_text("", "", opts.date);
                    doc.origin = origin.to_string();
                    doc.origin_line = line_at(pos);
                    doc.format = Format::PetrarchXml;
                    for attr in e.attributes().flatten() {
                        let value = attr.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                        match attr.key.as_ref() {
                            b"id" => doc.id = value,
                            b"date" if value.trim().is_empty() => {}
                            b"date" => match parse_date(&value) {
                                Some(d) => doc.date = Some(d),
                                None => bad_date = Some(value),
                            },
                            b"category" => doc.category = Some(value),
                            b"source" => doc.source = Some(value.trim().to_string()),
                            b"sentence" => skip = value.trim().eq_ignore_ascii_case("false"),
                            _ => {}
                        }
                    }
                    if doc.id.is_empty() {
                        doc.id = format!("{origin}:{}", doc.origin_line);
                    }
                    current = Some(doc);
                }
                b"Text" if current.is_some() => {
                    field = Some("text");
                    buf.clear();
                }
                b"Parse" if current.is_some() => {
                    field = Some("parse");
                    buf.clear();
                }
                _ => {}
            },
            Ok(Event::Text(t)) if field.is_some() => match t.unescape() {
                Ok(s) => buf.push_str(&s),
                Err(e) => {
                    out.push(Err(DocumentError::at_line(origin, line_at(pos), ErrorKind::Xml(e.to_string()))));
                    return out;
                }
            },
            Ok(Event::CData(t)) if field.is_some() => buf.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"Text" | b"Parse" => {
                    if let (Some(doc), Some(f)) = (current.as_mut(), field.take()) {
                        let value = buf.split_whitespace().collect::<Vec<_>>().join(" ");
                        if f == "text" {
                            doc.text = value;
                        } else {
                            doc.parse = Some(value);
                        }
                    }
                }
                b"Sentence" => {
                    if skip {
                        skipped += 1;
                    }
                    if let Some(mut doc) = current.take().filter(|_| !skip) {
                        // a record with only a parse: its words are the text
                        if doc.text.trim().is_empty() {
                            if let Some(p) = &doc.parse {
                                doc.text = parse_leaves(p);
                            }
                        }
                        if let Some(d) = bad_date.take() {
                            out.push(Err(DocumentError::at_line(
                                origin,
                                doc.origin_line,
                                ErrorKind::Record(format!(
                                    "<Sentence id={:?}>: date {d:?} is not YYYYMMDD or YYYY-MM-DD between 0001-01-01 and 9999-12-31",
                                    doc.id
                                )),
                            )));
                        } else if doc.text.trim().is_empty() {
                            out.push(Err(DocumentError::at_line(
                                origin,
                                doc.origin_line,
                                ErrorKind::Record(format!("<Sentence id={:?}> has no <Text>", doc.id)),
                            )));
                        } else {
                            out.push(Ok(doc));
                        }
                    }
                }
                _ => {}
            },
            Ok(_) => {}
        }
    }
    if current.is_some() {
        out.push(Err(DocumentError::at_line(origin, line_at(text.len()), ErrorKind::Xml("unclosed <Sentence>".into()))));
    }
    if out.is_empty() {
        let why = if skipped > 0 {
            format!("no <Sentence> records to code ({skipped} with sentence=\"false\")")
        } else {
            "no <Sentence> records found".to_string()
        };
        out.push(Err(DocumentError::new(origin, ErrorKind::Record(why))));
    }
    out
}

/// The words of a Penn Treebank parse, `(TAG word)` leaves in order, joined by spaces.
fn parse_leaves(parse: &str) -> String {
    let mut words = Vec::new();
    let mut rest = parse;
    while let Some(open) = rest.find('(') {
        rest = &rest[open + 1..];
        let inner_end = rest.find(['(', ')']).unwrap_or(rest.len());
        let inner = &rest[..inner_end];
        if rest[inner_end..].starts_with(')') {
            let mut parts = inner.split_whitespace();
            if let (Some(_tag), Some(word), None) = (parts.next(), parts.next(), parts.next()) {
                words.push(match word {
                    "-LRB-" => "(",
                    "-RRB-" => ")",
                    "``" | "''" => "\"",
                    w => w,
                });
            }
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_parse_when_absent() {
        assert_eq!(parse_leaves("(ROOT (S (NP (NNP Obama)) (VP (VBD met) (NP (NNP Putin))) (. .)))"), "Obama met Putin .");
        let xml = "<Sentences><Sentence id=\"a\" date=\"20150609\" source=\"AFP\"><Text>\n</Text><Parse>(ROOT (S (NP (NNP Obama)) (VP (VBD met))))</Parse></Sentence></Sentences>";
        let docs = parse("t.xml", xml, &ReadOptions::default());
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.text, "Obama met");
        assert_eq!(d.source.as_deref(), Some("AFP"));
    }

    #[test]
    fn records_that_are_not_sentences_are_skipped() {
        let xml = "<Sentences><Sentence id=\"a\" sentence=\"false\"><Text>x</Text></Sentence><Sentence id=\"b\" sentence=\"True\"><Text>y</Text></Sentence></Sentences>";
        let docs = parse("t.xml", xml, &ReadOptions::default());
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap().id, "b");
    }

    #[test]
    fn reads_sentences_with_parse() {
        let xml = r#"<Sentences>
<Sentence date="20250121" id="DEMO-1" category="DEMO" sentence="true">
<Text>
Russia and Armenia held talks.
</Text>
<Parse>(ROOT (S (NP (NNP Russia)) (VP (VBD held) (NP (NNS talks))) (. .)))</Parse>
</Sentence>
</Sentences>"#;
        let batch = parse("s.xml", xml, &ReadOptions::default());
        let doc = batch[0].as_ref().expect("doc");
        assert_eq!(doc.id, "DEMO-1");
        assert_eq!(doc.text, "Russia and Armenia held talks.");
        assert_eq!(doc.origin_line, 2);
        assert_eq!(doc.date.map(|d| d.to_string()), Some("2025-01-21".into()));
        assert!(doc.parse.as_deref().is_some_and(|p| p.starts_with("(ROOT")));
    }

    #[test]
    fn invalid_dates_are_errors_naming_the_record() {
        let xml = "<Sentences>\n<Sentence id=\"a\" date=\"20251340\"><Text>x</Text></Sentence>\n<Sentence id=\"b\" date=\"20250122\"><Text>y</Text></Sentence>\n</Sentences>";
        let o = ReadOptions { date: demarche_core::dates::parse_date("2020-01-01"), ..ReadOptions::default() };
        let batch = parse("d.xml", xml, &o);
        assert_eq!(batch.len(), 2);
        let err = batch[0].as_ref().expect_err("bad date");
        assert!(err.to_string().starts_with("d.xml:2: <Sentence id=\"a\">: date \"20251340\""), "{err}");
        assert_eq!(batch[1].as_ref().expect("b").date.map(|d| d.to_string()), Some("2025-01-22".into()));
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let xml = "<Sentences>\n<Sentence id=\"a\">\n<Text>x</Txet>\n</Sentence>\n</Sentences>";
        let batch = parse("bad.xml", xml, &ReadOptions::default());
        let err = batch.last().and_then(|r| r.as_ref().err()).expect("error");
        assert_eq!(err.line, Some(3), "{err}");
    }
}
