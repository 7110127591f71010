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
    let mut docs = input::Stream::new(&args.input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    // Each sentence with a known place: its line, span and location.
    let locate = |_: &mut (), doc: &demarche_documents::Document| {
        let sentences = demarche_segment::segment(&doc.text, doc.title.as_deref());
        let analysed = demarche_actors::analyze(&kb, &doc.text, &sentences, doc.date);
        let places = demarche_geo::DocumentPlaces::analyze(gazetteer, &doc.text, &sentences, &analysed);
        let located: Vec<_> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (s.line, s.span, places.locate(i, "", "")))
            .filter(|(_, _, loc)| loc.is_known())
            .collect();
        located
    };
    input::in_chunks(
        &mut docs,
        input::CHUNK,
        &pool,
        || (),
        locate,
        |doc, located| {
            for (line, span, loc) in &located {
                let sentence = span.slice(&doc.text);
                match args.format {
                    TableFormat::Jsonl => {
                        let row = Row {
                            doc: &doc.id,
                            line: *line,
                            start: span.start,
                            end: span.end,
                            location: loc,
                            text: &loc.place_text,
                            sentence,
                        };
                        serde_json::to_writer(&mut out, &row)?;
                        writeln!(out)?;
                    }
                    TableFormat::Table => writeln!(
                        out,
                        "{:>4}  {:<22} {:<4} {:<8} {:<9} {}",
                        line,
                        super::clip(loc.place.as_deref().unwrap_or("-"), 22),
                        loc.place_country.as_deref().unwrap_or("-"),
                        loc.geo_precision.unwrap_or("-"),
                        loc.geo_source.unwrap_or("-"),
                        loc.place_text
                    )?,
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(super::batch_exit(docs.failed, docs.read))
}
