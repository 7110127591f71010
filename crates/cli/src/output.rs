//! Where a command writes: `-o/--output FILE`, else standard output (`-` also means it).

use anyhow::Context;
use std::io::{BufWriter, Write};
use std::path::Path;

/// A buffered writer to `path`, or to standard output when there is none or it is `-`.
pub fn open(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    match path {
        Some(p) if p != Path::new("-") => {
            let file = std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?;
            Ok(Box::new(BufWriter::new(file)))
        }
        _ => Ok(Box::new(BufWriter::new(std::io::stdout().lock()))),
    }
}
