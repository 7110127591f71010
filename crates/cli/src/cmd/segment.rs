//! `demarche segment`: sentences with section and speaker.

use crate::args::{SegmentArgs, SegmentFormat};
use crate::input;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct Row<'a> {
    doc: &'a str,
    line: usize,
    start: usize,
    end: usize,
    section: &'static str,
    speaker: Option<&'a str>,
    text: &'a str,
    /// `line` for a line on which no sentence starts (a wrapped continuation, a label alone):
    /// it carries the section and speaker of the text it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

fn line_row(out: &mut impl Write, doc: &demarche_documents::Document, l: &demarche_segment::Line) -> anyhow::Result<()> {
    let row = Row {
        doc: &doc.id,
        line: l.line,
        start: l.span.start,
        end: l.span.end,
        section: l.section.as_str(),
        speaker: l.speaker.as_deref(),
        text: l.span.slice(&doc.text),
        kind: Some("line"),
    };
    serde_json::to_writer(&mut *out, &row)?;
    writeln!(out)?;
    Ok(())
}

pub fn run(args: &SegmentArgs) -> anyhow::Result<ExitCode> {
    let mut docs = input::Stream::new(&args.input);
    let mut out = crate::output::open(args.output.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    let segment = |_: &mut (), doc: &demarche_documents::Document| demarche_segment::segment_document(&doc.text, &input::context(doc));
    input::in_chunks(
        &mut docs,
        input::CHUNK,
        &pool,
        || (),
        segment,
        |doc, seg| {
            if args.format == SegmentFormat::Jsonl {
                // Sentences, and after each the lines it runs over that start no sentence, so that
                // every non-blank line of the document has a section and speaker.
                let mut li = 0;
                for s in &seg.sentences {
                    let row = Row {
                        doc: &doc.id,
                        line: s.line,
                        start: s.span.start,
                        end: s.span.end,
                        section: s.section.as_str(),
                        speaker: s.speaker.as_deref(),
                        text: s.span.slice(&doc.text),
                        kind: None,
                    };
                    serde_json::to_writer(&mut out, &row)?;
                    writeln!(out)?;
                    while li < seg.lines.len() && seg.lines[li].span.start < s.span.end {
                        let l = &seg.lines[li];
                        li += 1;
                        if !l.starts_sentence {
                            line_row(&mut out, doc, l)?;
                        }
                    }
                }
                for l in &seg.lines[li..] {
                    if !l.starts_sentence {
                        line_row(&mut out, doc, l)?;
                    }
                }
                return Ok(());
            }
            for s in &seg.sentences {
                let text = s.span.slice(&doc.text);
                let who = s.speaker.as_deref().unwrap_or("-");
                writeln!(out, "{:>4}  {:<11} {:<18} {}", s.line, s.section.as_str(), super::clip(who, 18), text)?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(super::batch_exit(docs.failed, docs.read))
}
