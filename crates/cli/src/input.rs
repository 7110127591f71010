//! Reading the documents a subcommand was pointed at, reporting bad ones on stderr and going on.

use crate::args::{InputArgs, InputFormat};
use demarche_documents::{read_path, Document, Format, ReadOptions};
use std::io::IsTerminal;

/// Documents read, and how many inputs failed.
pub struct Loaded {
    pub docs: Vec<Document>,
    pub failed: usize,
}

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

/// Read every input; report each bad document on stderr and keep the good ones.
pub fn load(args: &InputArgs) -> Loaded {
    let opts = options(args);
    let mut docs = Vec::new();
    let mut failed = 0;
    // No file named: standard input, unless it is a terminal (then there is nothing to read).
    let stdin = [std::path::PathBuf::from("-")];
    let files: &[std::path::PathBuf] = if !args.files.is_empty() {
        &args.files
    } else if std::io::stdin().is_terminal() {
        eprintln!("demarche: no input: name files or directories, or pipe a document to standard input");
        return Loaded { docs, failed: 1 };
    } else {
        &stdin
    };
    for path in files {
        for result in read_path(path, &opts) {
            match result {
                Ok(doc) => docs.push(doc),
                Err(e) => {
                    failed += 1;
                    eprintln!("demarche: {e}");
                }
            }
        }
    }
    Loaded { docs, failed }
}
