//! PETRARCH XML intake: `<Sentence date id category sentence>` records with `<Text>` and an
//! optional `<Parse>`, inside `<Sentences>` (input files) or `<Validation>` (test suites).
//!
//! Each record becomes one document; `<EventCoding>` and `<Config>` elements are read by the
//! validation runner, not here. A malformed file is reported with the line of the fault.

use crate::{Document, DocumentError, ErrorKind, Format, ReadOptions};
use demarche_core::dates::parse_date;
use demarche_core::petrarch_xml::{RawRecord, XmlError, XmlErrorKind, XmlItem, XmlItems};
use std::io::BufRead;

/// The documents of a PETRARCH XML file already read as text.
pub(crate) fn parse(origin: &str, text: &str, opts: &ReadOptions) -> Vec<Result<Document, DocumentError>> {
    Records::new(origin, text.as_bytes(), opts).collect()
}

/// The documents of a PETRARCH XML stream, one record at a time (memory holds one record).
pub(crate) struct Records<R: BufRead> {
    origin: String,
    items: XmlItems<R>,
    opts: ReadOptions,
    /// Records read, and those with `sentence="false"` (PETRARCH does not code them).
    any: bool,
    skipped: usize,
    done: bool,
}

impl<R: BufRead> Records<R> {
    pub(crate) fn new(origin: &str, input: R, opts: &ReadOptions) -> Records<R> {
        Records {
            origin: origin.to_string(),
            items: XmlItems::new(input, opts.lossy),
            opts: opts.clone(),
            any: false,
            skipped: 0,
            done: false,
        }
    }

    fn error(&self, e: XmlError) -> DocumentError {
        let kind = match e.kind {
            XmlErrorKind::Xml(m) | XmlErrorKind::Record(m) => ErrorKind::Xml(m),
            XmlErrorKind::Binary => ErrorKind::Binary,
            XmlErrorKind::InvalidUtf8 => ErrorKind::InvalidUtf8,
            XmlErrorKind::Io(m) => ErrorKind::Io(std::io::Error::other(m)),
        };
        DocumentError { origin: self.origin.clone(), line: Some(e.line), byte: e.byte, kind }
    }

    /// A record as a document, or the error that makes it none (`None`: not to be coded).
    fn document(&mut self, r: RawRecord) -> Option<Result<Document, DocumentError>> {
        if r.attribute("sentence").is_some_and(|v| v.eq_ignore_ascii_case("false")) {
            self.skipped += 1;
            return None;
        }
        self.any = true;
        let at = |kind| Some(Err(DocumentError::at_line(&self.origin, r.line, kind)));
        let mut doc = Document::from_text("", "", self.opts.date);
        doc.origin.clone_from(&self.origin);
        doc.origin_line = r.line;
        doc.format = Format::PetrarchXml;
        doc.id = r.attribute("id").map(str::to_string).unwrap_or_default();
        if doc.id.is_empty() {
            doc.id = format!("{}:{}", self.origin, r.line);
        }
        if let Some(d) = r.attribute("date").filter(|d| !d.is_empty()) {
            match parse_date(d) {
                Some(date) => doc.date = Some(date),
                None => {
                    return at(ErrorKind::Record(format!(
                        "<Sentence id={:?}>: date {d:?} is not YYYYMMDD or YYYY-MM-DD between 0001-01-01 and 9999-12-31",
                        doc.id
                    )))
                }
            }
        }
        doc.category = r.attribute("category").map(str::to_string);
        doc.source = r.attribute("source").map(str::to_string);
        doc.text = r.text.unwrap_or_default();
        doc.parse = r.parse;
        // a record with only a parse: its words are the text
        if doc.text.is_empty() {
            if let Some(p) = &doc.parse {
                doc.text = parse_leaves(p);
            }
        }
        if doc.text.trim().is_empty() {
            return at(ErrorKind::Record(format!("<Sentence id={:?}> has no <Text>", doc.id)));
        }
        Some(Ok(doc))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Document, DocumentError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.items.next() {
                Some(Ok(XmlItem::Record(r))) => {
                    if let Some(d) = self.document(r) {
                        return Some(d);
                    }
                }
                Some(Ok(XmlItem::Setting { .. } | XmlItem::Config { .. })) => {}
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(self.error(e)));
                }
                None => {
                    self.done = true;
                    if !self.any {
                        let why = if self.skipped > 0 {
                            format!("no <Sentence> records to code ({} with sentence=\"false\")", self.skipped)
                        } else {
                            "no <Sentence> records found".to_string()
                        };
                        return Some(Err(DocumentError::new(&self.origin, ErrorKind::Record(why))));
                    }
                }
            }
        }
        None
    }
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
