//! `demarche places`: where each sentence's events would be placed (its own place, else the
//! dateline), without coding: the geoparser alone.

use crate::args::{ActorsArgs, TableFormat};
use crate::input;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(Serialize)]
struct Row<'a> {
    doc: &'a str,
    line: usize,
    start: usize,
    end: usize,
    #[serde(flatten)]
    location: &'a demarche_events::Location,
    text: &'a str,
    sentence: &'a str,
}

pub fn run(args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    let kb = super::load_kb(&args.kb)?;
    let gazetteer = demarche_geo::builtin()?;
    let loaded = input::load(&args.input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for doc in &loaded.docs {
        let sentences = demarche_segment::segment(&doc.text, doc.title.as_deref());
        let analysed = demarche_actors::analyze(&kb, &doc.text, &sentences, doc.date);
        let places = demarche_geo::DocumentPlaces::analyze(gazetteer, &doc.text, &sentences, &analysed);
        for (i, s) in sentences.iter().enumerate() {
            let loc = places.locate(i, "", "");
            if !loc.is_known() {
                continue;
            }
            let sentence = s.span.slice(&doc.text);
            match args.format {
                TableFormat::Jsonl => {
                    let row = Row {
                        doc: &doc.id,
                        line: s.line,
                        start: s.span.start,
                        end: s.span.end,
                        location: &loc,
                        text: &loc.place_text,
                        sentence,
                    };
                    serde_json::to_writer(&mut out, &row)?;
                    writeln!(out)?;
                }
                TableFormat::Table => writeln!(
                    out,
                    "{:>4}  {:<22} {:<4} {:<8} {:<9} {}",
                    s.line,
                    super::clip(loc.place.as_deref().unwrap_or("-"), 22),
                    loc.place_country.as_deref().unwrap_or("-"),
                    loc.geo_precision.unwrap_or("-"),
                    loc.geo_source.unwrap_or("-"),
                    loc.place_text
                )?,
            }
        }
    }
    out.flush()?;
    Ok(super::batch_exit(loaded.failed, loaded.docs.len()))
}
