//! Reading the documents a subcommand was pointed at, reporting bad ones on stderr and going on.
//!
//! Commands that read documents stream them: [`Stream`] yields one document at a time (a JSON
//! Lines file a line at a time, a directory a file at a time), and [`in_chunks`] works on a
//! bounded number of them at once — read a chunk, work on its documents in parallel, write the
//! results in input order while the next chunk is read and worked on — so a command's memory
//! holds two chunks, whatever the number of documents.

use crate::args::{InputArgs, InputFormat};
use demarche_documents::{stream_path, Document, DocumentError, Format, ReadOptions};
use rayon::prelude::*;
use std::io::IsTerminal;

pub fn options(args: &InputArgs) -> ReadOptions {
    ReadOptions {
        date: args.date,
        lossy: args.lossy,
        author: args.author.clone(),
        author_country: args.author_country.as_ref().map(|c| c.trim().to_uppercase()),
        format: args.input_format.map(|f| match f {
            InputFormat::Text => Format::Text,
            InputFormat::Html => Format::Html,
            InputFormat::Jsonl => Format::Jsonl,
            InputFormat::Xml => Format::PetrarchXml,
        }),
    }
}

/// What is known about a document before it is segmented.
pub fn context(doc: &Document) -> demarche_segment::Context<'_> {
    demarche_segment::Context {
        title: doc.title.as_deref(),
        author: doc.author.as_deref(),
        author_country: doc.author_country.as_deref(),
        line_per_block: doc.format == Format::Html,
    }
}

/// A document as the coders see it: a PETRARCH record (a document with a parse) is one sentence
/// whose events stand on the record's line.
pub fn coder_input(doc: &Document) -> demarche_events::Input<'_> {
    demarche_events::Input {
        id: &doc.id,
        text: &doc.text,
        context: context(doc),
        date: doc.date,
        record: doc.parse.as_deref().map(|parse| demarche_events::Record { parse, line: doc.origin_line }),
    }
}

/// The files a command reads: those named, else standard input (`-`) when it is not a terminal;
/// `None` (said on stderr) when there is nothing to read.
fn files(args: &InputArgs) -> Option<Vec<std::path::PathBuf>> {
    if !args.files.is_empty() {
        Some(args.files.clone())
    } else if std::io::stdin().is_terminal() {
        eprintln!("demarche: no input: name files or directories, or pipe a document to standard input");
        None
    } else {
        Some(vec![std::path::PathBuf::from("-")])
    }
}

/// The documents of the inputs, read lazily. A bad document (or file) is reported on stderr,
/// counted in [`Stream::failed`] and skipped.
pub struct Stream {
    inner: Box<dyn Iterator<Item = Result<Document, DocumentError>> + Send>,
    /// Documents read.
    pub read: usize,
    /// Inputs that could not be read (a missing file, a bad line of a JSON Lines file, no input).
    pub failed: usize,
}

impl Stream {
    pub fn new(args: &InputArgs) -> Stream {
        let Some(files) = files(args) else {
            return Stream { inner: Box::new(std::iter::empty()), read: 0, failed: 1 };
        };
        let opts = options(args);
        Stream { inner: Box::new(files.into_iter().flat_map(move |p| stream_path(&p, &opts))), read: 0, failed: 0 }
    }
}

impl Iterator for Stream {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            match self.inner.next()? {
                Ok(doc) => {
                    self.read += 1;
                    return Some(doc);
                }
                Err(e) => {
                    self.failed += 1;
                    eprintln!("demarche: {e}");
                }
            }
        }
    }
}

/// Documents a chunk of [`in_chunks`] holds: enough to keep every thread busy across documents
/// of uneven length, few enough that memory stays small (a document and its analysis take
/// about 140 KB on average in news text).
pub const CHUNK: usize = 256;

/// Run `work` over a document stream in bounded memory: chunks of `chunk` documents are read
/// and worked on in parallel in `pool` (each thread with its own state from `init`) on a
/// second thread, while this thread hands the previous chunk's results to `write` in input
/// order. At most two chunks are alive at once. `write` returning an error stops the run.
pub fn in_chunks<S, T: Send>(
    docs: &mut (impl Iterator<Item = Document> + Send),
    chunk: usize,
    pool: &rayon::ThreadPool,
    init: impl Fn() -> S + Sync + Send,
    work: impl Fn(&mut S, &Document) -> T + Sync + Send,
    mut write: impl FnMut(&Document, T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let chunk = chunk.max(1);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(Document, T)>>(1);
        let (init, work) = (&init, &work);
        scope.spawn(move || loop {
            let docs: Vec<Document> = docs.by_ref().take(chunk).collect();
            if docs.is_empty() {
                break;
            }
            let done: Vec<(Document, T)> = pool.install(|| {
                docs.into_par_iter()
                    .map_init(init, |s, d| {
                        let t = work(s, &d);
                        (d, t)
                    })
                    .collect()
            });
            if tx.send(done).is_err() {
                break;
            }
        });
        for done in rx {
            for (d, t) in done {
                // An error drops the receiver: the reading thread stops at its next send.
                write(&d, t)?;
            }
        }
        Ok(())
    })
}
