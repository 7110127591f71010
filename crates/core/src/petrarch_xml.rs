//! PETRARCH XML read as a stream of items, in bounded memory.
//!
//! PETRARCH's input files (`<Sentences>` of records) and validation suites (`<Validation>` with
//! an `<Environment>`, `<Config>`s and records with expected `<EventCoding>`s) share one record
//! shape:
//!
//! ```xml
//! <Sentence date="20150609" id="AFP-1" category="DEMO" sentence="true">
//!   <EventCoding sourcecode="USA" targetcode="RUS" eventcode="040"/>
//!   <Text>Obama met Putin.</Text>
//!   <Parse>(ROOT (S (NP (NNP Obama)) (VP (VBD met) (NP (NNP Putin))) (. .)))</Parse>
//! </Sentence>
//! ```
//!
//! [`XmlItems`] reads such a file from any [`BufRead`] one item at a time: an environment
//! setting, a `<Config>`, or a whole record ([`RawRecord`]) with its attributes, text, parse and
//! codings, as written. What the attributes mean (a date's validity, `sentence="false"`, which
//! codings a validation expects) is for the caller: `demarche-documents` turns records into
//! documents, `demarche-petrarch` into validation cases. Memory holds one record, whatever the
//! file's size.
//!
//! Line numbers are counted as bytes are consumed (never by rescanning from byte 0, which made
//! reading quadratic in the file's size), and every error names the line. Bytes are checked as
//! they pass: a NUL byte (a binary file) or invalid UTF-8 (unless the reader is `lossy`) stops
//! the stream with an error naming the line and the byte offset.
//!
//! ```
//! use demarche_core::petrarch_xml::{XmlItem, XmlItems};
//! let xml = "<Sentences>\n<Sentence id=\"a\" date=\"20150609\">\n<Text>Obama  met\nPutin.</Text>\n</Sentence>\n</Sentences>";
//! let items: Vec<XmlItem> = XmlItems::new(xml.as_bytes(), false).collect::<Result<_, _>>().unwrap();
//! let XmlItem::Record(r) = &items[0] else { panic!() };
//! assert_eq!((r.line, r.attribute("id"), r.text.as_deref()), (2, Some("a"), Some("Obama met Putin.")));
//! ```

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::BufRead;

/// What stopped the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlErrorKind {
    /// The XML is not well formed (the XML reader's message).
    Xml(String),
    /// Well-formed XML that breaks the record format (the message says how).
    Record(String),
    /// A NUL byte: not a text file.
    Binary,
    /// Bytes that are not UTF-8 (and the reader is not lossy).
    InvalidUtf8,
    /// The underlying reader failed.
    Io(String),
}

/// An error, with the 1-based line where it was found and, for bad bytes, the byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    /// 1-based line.
    pub line: usize,
    /// Byte offset in the input, for [`XmlErrorKind::Binary`] and [`XmlErrorKind::InvalidUtf8`].
    pub byte: Option<usize>,
    /// What went wrong.
    pub kind: XmlErrorKind,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            XmlErrorKind::Xml(m) => write!(f, "malformed XML: {m}"),
            XmlErrorKind::Record(m) => write!(f, "{m}"),
            XmlErrorKind::Binary => write!(f, "binary data (NUL byte at byte {})", self.byte.unwrap_or(0)),
            XmlErrorKind::InvalidUtf8 => write!(f, "invalid UTF-8 at byte {}", self.byte.unwrap_or(0)),
            XmlErrorKind::Io(m) => write!(f, "cannot read: {m}"),
        }
    }
}

impl std::error::Error for XmlError {}

/// An `<EventCoding>` element: its attributes, as written (trimmed keys, unescaped values).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coding {
    /// 1-based line of the element.
    pub line: usize,
    /// Its attributes in order.
    pub attributes: Vec<(String, String)>,
}

impl Coding {
    /// The value of attribute `key`, trimmed.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        attribute(&self.attributes, key)
    }
}

/// A `<Sentence>` record as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRecord {
    /// 1-based line of `<Sentence`.
    pub line: usize,
    /// The attributes of `<Sentence>` in order (trimmed keys, unescaped values).
    pub attributes: Vec<(String, String)>,
    /// `<Text>`, whitespace collapsed to single spaces.
    pub text: Option<String>,
    /// `<Parse>`, whitespace collapsed.
    pub parse: Option<String>,
    /// The `<EventCoding>` elements, in order.
    pub codings: Vec<Coding>,
}

impl RawRecord {
    /// The value of attribute `key`, trimmed.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        attribute(&self.attributes, key)
    }
}

fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())
}

/// One item of a PETRARCH XML file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlItem {
    /// A field of `<Environment>` (`Verbfile`, `Actorfile`, `Agentfile`, `Discardfile`,
    /// `Issuefile`, `Include`), with its text, whitespace collapsed.
    Setting {
        /// The element's name.
        name: String,
        /// Its text.
        value: String,
        /// 1-based line.
        line: usize,
    },
    /// A `<Config option=".." value="..">`: it changes an option for every later record.
    Config {
        /// `option`.
        option: String,
        /// `value`.
        value: String,
        /// 1-based line.
        line: usize,
    },
    /// A `<Sentence>` record.
    Record(RawRecord),
}

/// The environment fields [`XmlItem::Setting`] reports.
const SETTINGS: [&[u8]; 6] = [b"Verbfile", b"Actorfile", b"Agentfile", b"Discardfile", b"Issuefile", b"Include"];

/// A [`BufRead`] that counts the lines of the bytes consumed through it and checks them (NUL,
/// UTF-8), so the reader above always knows the line it is on.
struct Counted<R> {
    inner: R,
    tally: Tally,
}

/// What [`Counted`] has seen.
struct Tally {
    /// Bytes consumed so far.
    consumed: usize,
    /// Newlines consumed so far.
    newlines: usize,
    lossy: bool,
    /// The bytes of a UTF-8 sequence cut by the end of a consumed run.
    carry: Vec<u8>,
    /// The first bad byte: its offset, line, and whether it was a NUL.
    fault: Option<(usize, usize, bool)>,
}

impl Tally {
    /// The first bad byte seen, as an error.
    fn error(&self) -> Option<XmlError> {
        let (byte, line, nul) = self.fault?;
        Some(XmlError { line, byte: Some(byte), kind: if nul { XmlErrorKind::Binary } else { XmlErrorKind::InvalidUtf8 } })
    }

    fn see(&mut self, run: &[u8]) {
        self.check(run);
        self.newlines += memchr::memchr_iter(b'\n', run).count();
        self.consumed += run.len();
    }

    fn check(&mut self, run: &[u8]) {
        if self.fault.is_some() {
            return;
        }
        let lines_before = |at: usize| run.get(..at).map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
        if let Some(at) = memchr::memchr(0, run) {
            self.fault = Some((self.consumed + at, self.newlines + 1 + lines_before(at), true));
            return;
        }
        if self.lossy || (self.carry.is_empty() && run.is_ascii()) {
            return;
        }
        // Most runs are checked where they lie; only a run after a cut character is copied,
        // behind the carried bytes.
        let carried = self.carry.len();
        let start = self.consumed - carried;
        let joined;
        let bytes = if carried == 0 {
            run
        } else {
            let mut b = std::mem::take(&mut self.carry);
            b.extend_from_slice(run);
            joined = b;
            &joined[..]
        };
        if let Err(e) = std::str::from_utf8(bytes) {
            let at = e.valid_up_to();
            if e.error_len().is_none() {
                // cut at the end of the run: the rest comes with the next one
                self.carry = bytes.get(at..).map(<[u8]>::to_vec).unwrap_or_default();
            } else {
                // the carry holds no newline: the lines before the fault are the run's
                self.fault = Some((start + at, self.newlines + 1 + lines_before(at.saturating_sub(carried)), false));
            }
        }
    }
}

impl<R: BufRead> std::io::Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            if let (Some(dst), Some(src)) = (out.get_mut(..n), buf.get(..n)) {
                dst.copy_from_slice(src);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // the buffer is filled (consume follows fill_buf), so this is no read
        if let Ok(buf) = self.inner.fill_buf() {
            self.tally.see(buf.get(..amt).unwrap_or(buf));
        }
        self.inner.consume(amt);
    }
}

/// The items of a PETRARCH XML file, read from `R` one at a time (see the [module
/// docs](self)). After an error the iterator ends.
pub struct XmlItems<R: BufRead> {
    reader: Reader<Counted<R>>,
    buf: Vec<u8>,
    /// The element whose text is being gathered (`Text`, `Parse` or a setting) and the text.
    field: Option<Vec<u8>>,
    text: String,
    current: Option<RawRecord>,
    /// The line of the element being gathered.
    field_line: usize,
    done: bool,
}

impl<R: BufRead> XmlItems<R> {
    /// Reads from `input`; `lossy` replaces invalid UTF-8 with U+FFFD instead of stopping.
    pub fn new(mut input: R, lossy: bool) -> XmlItems<R> {
        // a UTF-8 byte-order mark is no content
        if input.fill_buf().is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
            input.consume(3);
        }
        let counted = Counted { inner: input, tally: Tally { consumed: 0, newlines: 0, lossy, carry: Vec::new(), fault: None } };
        XmlItems {
            reader: Reader::from_reader(counted),
            buf: Vec::new(),
            field: None,
            text: String::new(),
            current: None,
            field_line: 0,
            done: false,
        }
    }

    fn line(&self) -> usize {
        self.reader.get_ref().tally.newlines + 1
    }

    fn next_item(&mut self) -> Result<Option<XmlItem>, XmlError> {
        loop {
            let line = self.line();
            let malformed = |m: String| XmlError { line, byte: None, kind: XmlErrorKind::Record(m) };
            self.buf.clear();
            let event = self.reader.read_event_into(&mut self.buf);
            if let Some(fault) = self.reader.get_ref().tally.error() {
                return Err(fault);
            }
            let lossy = self.reader.get_ref().tally.lossy;
            match event.map_err(|e| match e {
                quick_xml::Error::Io(io) => XmlError { line, byte: None, kind: XmlErrorKind::Io(io.to_string()) },
                e => XmlError { line, byte: None, kind: XmlErrorKind::Xml(e.to_string()) },
            })? {
                Event::Eof => {
                    if self.current.is_some() {
                        return Err(malformed("unclosed <Sentence>".into()));
                    }
                    let t = &self.reader.get_ref().tally;
                    if !t.carry.is_empty() {
                        return Err(XmlError { line, byte: Some(t.consumed - t.carry.len()), kind: XmlErrorKind::InvalidUtf8 });
                    }
                    return Ok(None);
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    match name.as_ref() {
                        b"Sentence" => {
                            self.current = Some(RawRecord { line, attributes: attributes(&e, lossy, line)?, ..RawRecord::default() });
                        }
                        b"EventCoding" => {
                            let coding = Coding { line, attributes: attributes(&e, lossy, line)? };
                            match self.current.as_mut() {
                                Some(r) => r.codings.push(coding),
                                None => return Err(malformed("<EventCoding> outside a <Sentence>".into())),
                            }
                        }
                        b"Config" => {
                            let a = attributes(&e, lossy, line)?;
                            match (attribute(&a, "option"), attribute(&a, "value")) {
                                (Some(option), Some(value)) => {
                                    return Ok(Some(XmlItem::Config { option: option.to_string(), value: value.to_string(), line }))
                                }
                                _ => return Err(malformed("<Config> needs option and value".into())),
                            }
                        }
                        b"Text" | b"Parse" if self.current.is_some() => {
                            self.field = Some(name.as_ref().to_vec());
                            self.field_line = line;
                            self.text.clear();
                        }
                        n if SETTINGS.contains(&n) && self.current.is_none() => {
                            self.field = Some(n.to_vec());
                            self.field_line = line;
                            self.text.clear();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if self.field.is_some() => {
                    let raw = decode(&t, lossy, line)?;
                    let s = quick_xml::escape::unescape(&raw).map_err(|e| XmlError {
                        line,
                        byte: None,
                        kind: XmlErrorKind::Xml(e.to_string()),
                    })?;
                    self.text.push_str(&s);
                }
                Event::CData(t) if self.field.is_some() => self.text.push_str(&decode(&t, lossy, line)?),
                Event::End(e) => {
                    let name = e.name();
                    if self.field.as_deref() == Some(name.as_ref()) {
                        self.field = None;
                        let value = collapse(&self.text);
                        match (name.as_ref(), self.current.as_mut()) {
                            (b"Text", Some(r)) => r.text = Some(value),
                            (b"Parse", Some(r)) => r.parse = Some(value),
                            (n, None) => {
                                let name = String::from_utf8_lossy(n).into_owned();
                                return Ok(Some(XmlItem::Setting { name, value, line: self.field_line }));
                            }
                            _ => {}
                        }
                    } else if name.as_ref() == b"Sentence" {
                        if let Some(r) = self.current.take() {
                            return Ok(Some(XmlItem::Record(r)));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

impl<R: BufRead> Iterator for XmlItems<R> {
    type Item = Result<XmlItem, XmlError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_item() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Whitespace runs to single spaces, ends trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn decode(bytes: &[u8], lossy: bool, line: usize) -> Result<String, XmlError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes).into_owned()),
        // the byte check has already stopped the stream at the bad byte; this is a safety net
        Err(_) => Err(XmlError { line, byte: None, kind: XmlErrorKind::InvalidUtf8 }),
    }
}

fn attributes(e: &BytesStart, lossy: bool, line: usize) -> Result<Vec<(String, String)>, XmlError> {
    let malformed = |m: String| XmlError { line, byte: None, kind: XmlErrorKind::Xml(m) };
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| malformed(format!("bad attribute: {err}")))?;
        let key = decode(a.key.as_ref(), lossy, line)?.trim().to_string();
        let raw = decode(&a.value, lossy, line)?;
        let value = quick_xml::escape::unescape(&raw).map_err(|err| malformed(format!("bad attribute value: {err}")))?.into_owned();
        out.push((key, value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xml: &[u8]) -> Vec<Result<XmlItem, XmlError>> {
        XmlItems::new(xml, false).collect()
    }

    /// A small validation file (the one the PETRARCH crate's record tests read).
    const SUITE: &str = include_str!("../../../tests/fixtures/petrarch/mini-suite.xml");

    #[test]
    fn reads_settings_configs_and_records_with_their_lines() {
        let got: Vec<XmlItem> = items(SUITE.as_bytes()).into_iter().collect::<Result<_, _>>().unwrap();
        assert_eq!(got[0], XmlItem::Setting { name: "Verbfile".into(), value: "V.txt".into(), line: 3 });
        assert_eq!(got[1], XmlItem::Setting { name: "Actorfile".into(), value: "A.txt".into(), line: 4 });
        assert_eq!(got[2], XmlItem::Setting { name: "Include".into(), value: "valid DEMO".into(), line: 5 });
        assert_eq!(got[3], XmlItem::Config { option: "new_actor_length".into(), value: "4".into(), line: 8 });
        let XmlItem::Record(r) = &got[4] else { panic!("{got:?}") };
        assert_eq!((r.line, r.attribute("id"), r.attribute("date")), (9, Some("D-1"), Some("19950101")));
        assert_eq!(r.text.as_deref(), Some("Arnor is about to & restore"));
        assert_eq!(r.parse.as_deref(), Some("(ROOT (S (NP (NNP Arnor))))"));
        assert_eq!(r.codings[0].line, 11);
        assert_eq!(r.codings[0].attribute("targetcode"), Some("\"THE MINISTRY\""));
        let XmlItem::Record(r) = &got[5] else { panic!("{got:?}") };
        assert_eq!((r.attribute("sentence"), r.codings[0].attribute("noevents")), (Some("false"), Some("True")));
        assert_eq!(got.len(), 6);
    }

    /// A reader that hands out a few bytes at a time, so runs end inside lines and characters.
    struct Trickle<'a>(&'a [u8], usize);
    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(out.len()).min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_and_bytes_do_not_depend_on_how_the_input_arrives() {
        let text = "<Sentences>\n<Sentence id=\"é\">\n<Text>Zürich — ok</Text></Sentence>\n<Sentence id=\"b\">\n<Text>x\n</Txet>";
        let whole = items(text.as_bytes());
        for step in 1..7 {
            let trickled: Vec<_> = XmlItems::new(std::io::BufReader::with_capacity(4, Trickle(text.as_bytes(), step)), false).collect();
            assert_eq!(trickled, whole, "step {step}");
        }
        let XmlItem::Record(r) = whole[0].as_ref().unwrap() else { panic!() };
        assert_eq!((r.line, r.text.as_deref()), (2, Some("Zürich — ok")));
        let err = whole[1].as_ref().unwrap_err();
        assert_eq!(err.line, 6, "{err}");
        assert!(matches!(err.kind, XmlErrorKind::Xml(_)));
    }

    #[test]
    fn bad_bytes_name_their_line_and_offset() {
        let mut bytes = b"<Sentences>\n<Sentence id=\"a\"><Text>ok</Text></Sentence>\n<Sentence id=\"b\"><Text>caf".to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\xE9</Text></Sentence>\n</Sentences>");
        for step in 1..5 {
            let got: Vec<_> = XmlItems::new(std::io::BufReader::with_capacity(3, Trickle(&bytes, step)), false).collect();
            assert!(got[0].is_ok());
            let err = got[1].as_ref().unwrap_err();
            assert_eq!((err.line, err.byte, &err.kind), (3, Some(at), &XmlErrorKind::InvalidUtf8), "step {step}");
            assert_eq!(got.len(), 2);
        }
        // lossy: replaced
        let lossy: Vec<_> = XmlItems::new(&bytes[..], true).collect();
        let XmlItem::Record(r) = lossy[1].as_ref().unwrap() else { panic!() };
        assert_eq!(r.text.as_deref(), Some("caf\u{FFFD}"));
        // a NUL: binary, whatever lossy says
        let nul = b"<Sentences>\n\n<Sentence>\0</Sentence>";
        let err = XmlItems::new(&nul[..], true).find_map(Result::err).unwrap();
        assert_eq!((err.line, err.byte, err.kind), (3, Some(23), XmlErrorKind::Binary));
    }

    #[test]
    fn structural_errors() {
        let err = |xml: &str| items(xml.as_bytes()).into_iter().find_map(Result::err).unwrap();
        assert!(
            matches!(err("<Sentences>\n<Sentence id=\"x\">\n<Text>t</Text>\n").kind, XmlErrorKind::Record(m) if m.contains("unclosed"))
        );
        assert_eq!(err("<Sentences>\n<EventCoding noevents=\"True\"/>").line, 2);
        assert!(err("<Config option=\"x\"/>").to_string().contains("needs option and value"));
        // a byte-order mark is skipped
        assert!(items(b"\xEF\xBB\xBF<Sentences><Sentence><Text>a</Text></Sentence></Sentences>")[0].is_ok());
    }
}
