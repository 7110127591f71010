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
}

pub fn run(args: &SegmentArgs) -> anyhow::Result<ExitCode> {
    let loaded = input::load(&args.input);
    let mut out = crate::output::open(args.output.as_deref())?;
    for doc in &loaded.docs {
        let sentences = demarche_segment::segment(&doc.text, doc.title.as_deref());
        for s in &sentences {
            let text = s.span.slice(&doc.text);
            match args.format {
                SegmentFormat::Jsonl => {
                    let row = Row {
                        doc: &doc.id,
                        line: s.line,
                        start: s.span.start,
                        end: s.span.end,
                        section: s.section.as_str(),
                        speaker: s.speaker.as_deref(),
                        text,
                    };
                    serde_json::to_writer(&mut out, &row)?;
                    writeln!(out)?;
                }
                SegmentFormat::Text | SegmentFormat::Table => {
                    let who = s.speaker.as_deref().unwrap_or("-");
                    writeln!(out, "{:>4}  {:<11} {:<18} {}", s.line, s.section.as_str(), super::clip(who, 18), text)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(super::batch_exit(loaded.failed, loaded.docs.len()))
}

