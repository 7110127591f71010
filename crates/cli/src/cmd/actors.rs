//! `demarche actors`: actor mentions with CAMEO codes.

use crate::args::{ActorsArgs, TableFormat};
use crate::input;
use demarche_core::LineIndex;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct Row<'a> {
    doc: &'a str,
    line: usize,
    start: usize,
    end: usize,
    text: &'a str,
    code: &'a str,
    country: &'a str,
    role: Option<&'a str>,
    kind: demarche_actors::MentionKind,
    resolved_from: Option<&'a str>,
    compound: Option<u32>,
    section: &'static str,
}

pub fn run(args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    let kb = super::load_kb(&args.kb)?;
    let mut docs = input::Stream::new(&args.input);
    let mut out = crate::output::open(args.output.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    let mentions = |_: &mut (), doc: &demarche_documents::Document| {
        let ctx = input::context(doc);
        let segmented = demarche_segment::segment_document(&doc.text, &ctx);
        demarche_actors::document_mentions(&kb, &doc.text, &segmented, doc.date, &ctx)
    };
    input::in_chunks(
        &mut docs,
        input::CHUNK,
        &pool,
        || (),
        mentions,
        |doc, rows| {
            let lines = LineIndex::new(&doc.text);
            for (m, section) in &rows {
                let section = section.as_str();
                let row = Row {
                    doc: &doc.id,
                    line: lines.line_of(m.span.start),
                    start: m.span.start,
                    end: m.span.end,
                    text: m.span.slice(&doc.text),
                    code: &m.code,
                    country: &m.country,
                    role: m.role.as_deref(),
                    kind: m.kind,
                    resolved_from: m.resolved_from.as_deref(),
                    compound: m.compound,
                    section,
                };
                match args.format {
                    TableFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &row)?;
                        writeln!(out)?;
                    }
                    TableFormat::Table => writeln!(
                        out,
                        "{:>4}  {:<10} {:<30} {:<11} {:<12} {}",
                        row.line,
                        row.code,
                        super::clip(row.text, 30),
                        row.section,
                        format!("{:?}", row.kind).to_lowercase(),
                        row.resolved_from.unwrap_or("")
                    )?,
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(super::batch_exit(docs.failed, docs.read))
}
