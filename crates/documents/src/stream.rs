//! Streaming intake: documents one at a time, so a caller's memory does not grow with the
//! number of documents. JSON Lines files — and JSON Lines on standard input, recognised from
//! its first bytes — are read a line at a time (line numbers counted as they are read); a file
//! of any other format is one read (a text or HTML file is one document; a PETRARCH XML file is
//! parsed whole).

use crate::{jsonl, read_path, Document, DocumentError, ErrorKind, Format, ReadOptions};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// The documents of a path, as [`read_path`] reads them, but lazily: directories are walked
/// first (names only), then each file is read when the previous one is used up.
pub fn stream_path(path: &Path, opts: &ReadOptions) -> Box<dyn Iterator<Item = Result<Document, DocumentError>> + Send> {
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

fn stream_file(path: PathBuf, opts: &ReadOptions) -> Box<dyn Iterator<Item = Result<Document, DocumentError>> + Send> {
    let jsonl = match opts.format {
        Some(f) => f == Format::Jsonl,
        None => Format::from_path(&path) == Some(Format::Jsonl),
    };
    if !jsonl {
        return Box::new(read_path(&path, opts).into_iter());
    }
    let origin = path.display().to_string();
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(DocumentError::new(&origin, ErrorKind::Io(e))))),
    };
    Box::new(JsonlStream {
        origin,
        reader: Box::new(BufReader::with_capacity(1 << 16, file)),
        line: 0,
        any: false,
        done: false,
        opts: opts.clone(),
        buf: Vec::new(),
    })
}

/// Standard input: JSON Lines (named by `--input-format`, or sniffed from the first block read)
/// a line at a time, anything else read whole as [`read_path`] does.
fn stream_stdin(opts: &ReadOptions) -> Box<dyn Iterator<Item = Result<Document, DocumentError>> + Send> {
    let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin());
    let format = match opts.format {
        Some(f) => f,
        None => match reader.fill_buf() {
            Ok(head) => Format::sniff(head),
            Err(e) => return Box::new(std::iter::once(Err(DocumentError::new("-", ErrorKind::Io(e))))),
        },
    };
    if format != Format::Jsonl {
        let mut buf = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut reader, &mut buf) {
            return Box::new(std::iter::once(Err(DocumentError::new("-", ErrorKind::Io(e)))));
        }
        return Box::new(crate::parse_bytes("-", &buf, format, opts).into_iter());
    }
    Box::new(JsonlStream {
        origin: "-".into(),
        reader: Box::new(reader),
        line: 0,
        any: false,
        done: false,
        opts: opts.clone(),
        buf: Vec::new(),
    })
}

struct JsonlStream {
    origin: String,
    reader: Box<dyn BufRead + Send>,
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
        let opts = ReadOptions::default();
        let streamed: Vec<String> = stream_path(dir.path(), &opts).map(|r| format!("{r:?}")).collect();
        let read: Vec<String> = read_path(dir.path(), &opts).into_iter().map(|r| format!("{r:?}")).collect();
        assert_eq!(streamed, read);
        assert_eq!(streamed.len(), 4);
    }
}
