//! Streaming intake: documents one at a time, so a caller's memory does not grow with the
//! number of documents. JSON Lines and PETRARCH XML — files, or standard input recognised from
//! its first bytes — are read a record at a time (a line, a `<Sentence>`), line numbers counted
//! as they are read; a text or HTML file is one document, read whole.

use crate::{apply_defaults, jsonl, read_path, xml, Document, DocumentError, ErrorKind, Format, ReadOptions};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Documents read lazily, or the error that stopped one.
pub type Docs = Box<dyn Iterator<Item = Result<Document, DocumentError>> + Send>;

/// An input read a block at a time.
type Input = Box<dyn BufRead + Send>;

/// The documents of a path, as [`read_path`] reads them, but lazily: directories are walked
/// first (names only), then each file is read when the previous one is used up.
pub fn stream_path(path: &Path, opts: &ReadOptions) -> Docs {
    if path.as_os_str() == "-" {
        return stream_stdin(opts);
    }
    let origin = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => Box::new(std::iter::once(Err(DocumentError::new(&origin, ErrorKind::Io(e))))),
        Ok(meta) if meta.is_dir() => {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            crate::walk(path, &mut files, &mut errors);
            files.sort();
            let opts = opts.clone();
            Box::new(errors.into_iter().map(Err).chain(files.into_iter().flat_map(move |f| stream_file(f, &opts))))
        }
        Ok(_) => stream_file(path.to_path_buf(), opts),
    }
}

fn stream_file(path: PathBuf, opts: &ReadOptions) -> Docs {
    let by_name = opts.format.or_else(|| Format::from_path(&path).filter(|f| *f != Format::Text));
    if !matches!(by_name, None | Some(Format::Jsonl | Format::PetrarchXml)) {
        return Box::new(read_path(&path, opts).into_iter());
    }
    let origin = path.display().to_string();
    let mut reader = match std::fs::File::open(&path) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(e) => return Box::new(std::iter::once(Err(DocumentError::new(&origin, ErrorKind::Io(e))))),
    };
    let format = match by_name {
        Some(f) => f,
        None => match reader.fill_buf() {
            Ok(head) => Format::sniff(head),
            Err(e) => return Box::new(std::iter::once(Err(DocumentError::new(&origin, ErrorKind::Io(e))))),
        },
    };
    match streamed(&origin, Box::new(reader), format, opts) {
        Ok(docs) => docs,
        // not a format read a record at a time (or nothing but whitespace): read whole
        Err(_) => Box::new(read_path(&path, opts).into_iter()),
    }
}

/// The documents of `reader` a record at a time, for the formats read that way (JSON Lines a
/// line at a time, PETRARCH XML a `<Sentence>` at a time); the reader back for the others, and
/// when its first block is nothing but whitespace (an empty input, reported as such by the
/// whole-input path).
fn streamed(origin: &str, mut reader: Input, format: Format, opts: &ReadOptions) -> Result<Docs, Input> {
    let defaults = opts.clone();
    let with_defaults = move |mut d: Document| {
        apply_defaults(&mut d, &defaults);
        d
    };
    match format {
        Format::Jsonl => Ok(Box::new(
            JsonlStream { origin: origin.to_string(), reader, line: 0, any: false, done: false, opts: opts.clone(), buf: Vec::new() }
                .map(move |d| d.map(&with_defaults)),
        )),
        Format::PetrarchXml => {
            let blank = reader.fill_buf().is_ok_and(|head| head.iter().all(u8::is_ascii_whitespace));
            if blank {
                return Err(reader);
            }
            Ok(Box::new(xml::Records::new(origin, reader, opts).map(move |d| d.map(&with_defaults))))
        }
        Format::Text | Format::Html => Err(reader),
    }
}

/// Standard input: JSON Lines and PETRARCH XML (named by `--input-format`, or sniffed from the
/// first block read) a record at a time, anything else read whole as [`read_path`] does.
fn stream_stdin(opts: &ReadOptions) -> Docs {
    let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin());
    let format = match opts.format {
        Some(f) => f,
        None => match reader.fill_buf() {
            Ok(head) => Format::sniff(head),
            Err(e) => return Box::new(std::iter::once(Err(DocumentError::new("-", ErrorKind::Io(e))))),
        },
    };
    match streamed("-", Box::new(reader), format, opts) {
        Ok(docs) => docs,
        Err(mut reader) => {
            let mut buf = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut reader, &mut buf) {
                return Box::new(std::iter::once(Err(DocumentError::new("-", ErrorKind::Io(e)))));
            }
            Box::new(crate::parse_bytes("-", &buf, format, opts).into_iter())
        }
    }
}

struct JsonlStream {
    origin: String,
    reader: Input,
    line: usize,
    any: bool,
    done: bool,
    opts: ReadOptions,
    buf: Vec<u8>,
}

impl Iterator for JsonlStream {
    type Item = Result<Document, DocumentError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(DocumentError::new(&self.origin, ErrorKind::Io(e))));
                }
                Ok(0) => {
                    self.done = true;
                    if !self.any {
                        return Some(Err(DocumentError::new(&self.origin, ErrorKind::Empty)));
                    }
                }
                Ok(_) => {
                    self.line += 1;
                    let mut bytes = &self.buf[..];
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    }
                    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    self.any = true;
                    let text = match std::str::from_utf8(bytes) {
                        Ok(s) => std::borrow::Cow::Borrowed(s),
                        Err(_) if self.opts.lossy => String::from_utf8_lossy(bytes),
                        Err(e) => {
                            return Some(Err(DocumentError {
                                origin: self.origin.clone(),
                                line: Some(self.line),
                                byte: Some(e.valid_up_to()),
                                kind: ErrorKind::InvalidUtf8,
                            }))
                        }
                    };
                    let line = text.trim_end_matches(['\n', '\r']);
                    return Some(jsonl::parse_line(&self.origin, self.line, line, &self.opts));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_what_read_path_reads() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("a.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"x\",\"text\":\"Russia praised Armenia.\"}\n\n{bad\n{\"text\":\"Iran condemned Israel.\",\"date\":\"2025-01-02\"}\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("b.txt"), "France visited Germany.\n").expect("write");
        // PETRARCH XML, named by its extension and sniffed without one; a skipped record, a bad
        // date, a record with only a parse
        let xml = "<Sentences>\n<Sentence id=\"1\" date=\"20150609\" source=\"AFP\"><Text>Obama\n met Putin.</Text></Sentence>\n\
                   <Sentence id=\"2\" sentence=\"false\"><Text>x</Text></Sentence>\n<Sentence id=\"3\" date=\"20151340\"><Text>y</Text></Sentence>\n\
                   <Sentence id=\"4\"><Parse>(ROOT (S (NP (NNP Iran))))</Parse></Sentence>\n</Sentences>\n";
        std::fs::write(dir.path().join("c.xml"), xml).expect("write");
        std::fs::write(dir.path().join("d"), xml).expect("write");
        // malformed XML after a good record: the good one, then the error naming its line
        std::fs::write(dir.path().join("e.xml"), "<Sentences>\n<Sentence id=\"1\"><Text>a</Text></Sentence>\n<Sentence>\n<Text>b</Txet>")
            .expect("write");
        // blank XML: reported as empty
        std::fs::write(dir.path().join("f.xml"), "  \n").expect("write");
        let opts = ReadOptions { author: Some("A".into()), ..ReadOptions::default() };
        let streamed: Vec<String> = stream_path(dir.path(), &opts).map(|r| format!("{r:?}")).collect();
        let read: Vec<String> = read_path(dir.path(), &opts).into_iter().map(|r| format!("{r:?}")).collect();
        assert_eq!(streamed, read);
        assert_eq!(streamed.len(), 3 + 1 + 3 + 3 + 2 + 1, "{streamed:#?}");
        assert!(streamed[11].contains("line: Some(4)") && streamed[11].contains("Xml("), "{}", streamed[11]);
        assert!(streamed[0].contains("author: Some(\"A\")"), "--author applies to streamed JSON Lines");
    }

    #[test]
    fn xml_streams_report_bad_bytes_where_they_are() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("a.xml");
        let mut bytes = b"<Sentences>\n<Sentence id=\"1\"><Text>a</Text></Sentence>\n<Sentence id=\"2\"><Text>caf".to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\xE9</Text></Sentence>\n</Sentences>\n");
        std::fs::write(&p, &bytes).expect("write");
        let got: Vec<_> = stream_path(&p, &ReadOptions::default()).collect();
        assert!(got[0].is_ok());
        let err = got[1].as_ref().expect_err("bad byte");
        assert_eq!((err.line, err.byte), (Some(3), Some(at)));
        assert_eq!(err.to_string(), format!("{}:3: byte {at}: invalid UTF-8 (use --lossy to replace invalid bytes)", p.display()));
        let lossy: Vec<_> = stream_path(&p, &ReadOptions { lossy: true, ..ReadOptions::default() }).collect();
        assert_eq!(lossy[1].as_ref().map(|d| d.text.as_str()).ok(), Some("caf\u{FFFD}"));
    }
}
