//! `demarche code`: events from documents, in parallel, written in input order.

use super::petrarch::write_petrarch;
use crate::args::{CodeArgs, EventFormat};
use crate::formats::{self, gdelt, plover, EventView};
use crate::input;
use demarche_events::{Coded, Event};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// Columns of the CSV/TSV output, in order.
pub const COLUMNS: &[&str] = &[
    "doc",
    "line",
    "date",
    "date_precision",
    "source",
    "source_country",
    "target",
    "target_country",
    "code",
    "root",
    "name",
    "goldstein",
    "quad_class",
    "plover",
    "section",
    "speaker",
    "negated",
    "modality",
    "place",
    "place_country",
    "adm1",
    "lat",
    "lon",
    "geo_precision",
    "geo_source",
    "sentence",
    "explanation",
];

pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // What cannot be written is refused before anything is coded.
    if let Some(by) = args.partition {
        super::store::partition_target(args.format == EventFormat::Parquet, args.output.as_deref(), by)?;
    }
    if args.format == EventFormat::Parquet && !demarche_store::export::PARQUET_AVAILABLE {
        anyhow::bail!("--format parquet: this demarche was built without Parquet support; rebuild with `cargo build --release -p demarche --features parquet`");
    }
    let coder = super::load_coder(&args.coder, &args.petrarch)?;
    let petrarch = args.petrarch.dictionaries.is_some() || args.petrarch.dictionary_config.is_some();
    let loaded = input::load(&args.input);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let coded: Vec<Coded> = pool.install(|| loaded.docs.par_iter().map(|d| coder.code_input(&input::coder_input(d), None)).collect());
    // Parquet is written at once, from all the events; the loop below then only counts.
    let parquet = args.format == EventFormat::Parquet && !args.explain;
    if parquet {
        write_parquet(args, &loaded.docs, &coded)?;
    }
    let mut out: Box<dyn Write> = if parquet { Box::new(std::io::sink()) } else { crate::output::open(args.output.as_deref())? };
    let (mut sentences, mut events, mut refused, mut discarded) = (0usize, 0usize, 0usize, 0usize);
    if matches!(args.format, EventFormat::Csv | EventFormat::Tsv) && !args.explain {
        write_row(&mut out, args.format, COLUMNS.iter().map(|c| c.to_string()).collect())?;
    }
    let shared = Shared::new(args.format, loaded.docs.iter().zip(&coded).flat_map(|(d, c)| c.events.iter().map(move |e| (e, d))));
    for (doc, c) in loaded.docs.iter().zip(&coded) {
        sentences += c.sentences.len();
        events += c.events.len();
        refused += c.refused.len();
        discarded += c.discarded;
        for msg in &c.refused {
            eprintln!("demarche: {}:{msg}", doc.origin);
        }
        for note in &c.notes {
            eprintln!("demarche: note: {}: {note}", doc.origin);
        }
        if args.explain {
            explain(&mut out, doc, c)?;
            continue;
        }
        let lead = lead_line(c);
        for e in &c.events {
            match args.format {
                EventFormat::Gdelt | EventFormat::Plover => shared.write(&mut out, args.format, e, doc, lead)?,
                // PETRARCH's JSON Lines add the sentence's issues
                EventFormat::Jsonl if petrarch => {
                    let mut v = serde_json::to_value(e)?;
                    if let Some(m) = v.as_object_mut() {
                        m.insert("issues".into(), serde_json::Value::String(e.issues.clone()));
                    }
                    serde_json::to_writer(&mut out, &v)?;
                    writeln!(out)?;
                }
                EventFormat::Jsonl => {
                    serde_json::to_writer(&mut out, e)?;
                    writeln!(out)?;
                }
                EventFormat::Csv | EventFormat::Tsv => write_row(&mut out, args.format, row(e))?,
                EventFormat::Petrarch => write_petrarch(&mut out, e, doc.source.as_deref().unwrap_or_default())?,
                EventFormat::Table => write_table_row(&mut out, e)?,
                // Written above, all at once.
                EventFormat::Parquet => {}
            }
        }
    }
    out.flush()?;
    shared.report();
    eprintln!(
        "demarche code: {} documents, {} sentences, {} events in {:.2?}{}{}{}{}",
        loaded.docs.len(),
        sentences,
        events,
        started.elapsed(),
        if petrarch { format!(" ({})", coder.describe()) } else { String::new() },
        if discarded > 0 { format!(", {discarded} sentences discarded") } else { String::new() },
        if refused > 0 { format!(", {refused} sentences refused") } else { String::new() },
        if loaded.failed > 0 { format!(", {} inputs failed", loaded.failed) } else { String::new() }
    );
    Ok(super::batch_exit(loaded.failed + refused, loaded.docs.len()))
}

/// `--format parquet`: the run's events in the export's Parquet columns (`GLOBALEVENTID` numbers
/// them in output order; `NumMentions` counts the run's events of the same date, source, target
/// and code), to `-o FILE` (else standard output), or partitioned under `-o DIR`.
fn write_parquet(args: &CodeArgs, docs: &[demarche_documents::Document], coded: &[Coded]) -> anyhow::Result<()> {
    use demarche_store::{export as exp, StoredEvent};
    let key = |e: &Event| (e.date.clone(), e.source.to_uppercase(), e.target.to_uppercase(), e.code.clone());
    let mut reports: HashMap<_, i64> = HashMap::new();
    for e in coded.iter().flat_map(|c| &c.events) {
        *reports.entry(key(e)).or_default() += 1;
    }
    let rows: Vec<StoredEvent> = docs
        .iter()
        .zip(coded)
        .flat_map(|(d, c)| c.events.iter().map(move |e| (d, e)))
        .enumerate()
        .map(|(i, (d, e))| StoredEvent::from_coded(e, i as i64 + 1, d.url.as_deref(), reports.get(&key(e)).copied().unwrap_or(1)))
        .collect();
    match args.partition {
        Some(by) => {
            let (dir, partition) = super::store::partition_target(true, args.output.as_deref(), by)?;
            let done = exp::write_parquet_partitioned(&rows, partition, &mut super::store::partition_file(dir))?;
            eprintln!("demarche code: {} events in {} files under {}", done.rows(), done.files.len(), dir.display());
        }
        None => {
            let mut out = crate::output::open(args.output.as_deref())?;
            exp::write_parquet(&rows, &mut out)?;
        }
    }
    Ok(())
}

/// One event as a line of `--format table`.
fn write_table_row(out: &mut impl Write, e: &Event) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>4}  {:<10} {:<10} {:<10} {:<5} {:>5.1}  {:<11} {}{}",
        e.line,
        e.date.as_deref().unwrap_or("-"),
        e.source,
        if e.target.is_empty() { "-" } else { &e.target },
        e.code,
        e.goldstein,
        e.section,
        e.name,
        match (&e.location.place, &e.location.place_country) {
            (Some(p), Some(c)) if e.location.geo_source != Some("actor") => format!("  @ {p}, {c}"),
            _ => String::new(),
        }
    )
}

pub fn row(e: &Event) -> Vec<String> {
    vec![
        e.doc.clone(),
        e.line.to_string(),
        e.date.clone().unwrap_or_default(),
        e.date_precision.to_string(),
        e.source.clone(),
        e.source_country.clone(),
        e.target.clone(),
        e.target_country.clone(),
        e.code.clone(),
        e.root.clone(),
        e.name.clone(),
        format!("{}", e.goldstein),
        e.quad_class.to_string(),
        e.plover.clone(),
        e.section.to_string(),
        e.speaker.clone().unwrap_or_default(),
        e.negated.to_string(),
        e.modality.to_string(),
        e.location.place.clone().unwrap_or_default(),
        e.location.place_country.clone().unwrap_or_default(),
        e.location.adm1.clone().unwrap_or_default(),
        e.location.lat.map(|v| format!("{v}")).unwrap_or_default(),
        e.location.lon.map(|v| format!("{v}")).unwrap_or_default(),
        e.location.geo_precision.unwrap_or_default().to_string(),
        e.location.geo_source.unwrap_or_default().to_string(),
        e.sentence.to_string(),
        e.explanation.clone(),
    ]
}

fn write_row(out: &mut impl Write, format: EventFormat, cols: Vec<String>) -> std::io::Result<()> {
    let sep = if format == EventFormat::Tsv { "\t" } else { "," };
    let cells: Vec<String> = cols
        .into_iter()
        .map(|c| match format {
            EventFormat::Tsv => c.replace(['\t', '\n', '\r'], " "),
            _ if c.contains([',', '"', '\n', '\r']) => format!("\"{}\"", c.replace('"', "\"\"")),
            _ => c,
        })
        .collect();
    writeln!(out, "{}", cells.join(sep))
}

fn explain(out: &mut impl Write, doc: &demarche_documents::Document, c: &Coded) -> std::io::Result<()> {
    writeln!(out, "== {} ({}) ==", doc.id, doc.date.map(|d| d.to_string()).unwrap_or_else(|| "no date".into()))?;
    for s in &c.sentences {
        let evs: Vec<&Event> = c.events.iter().filter(|e| e.start == s.span.start).collect();
        if evs.is_empty() {
            continue;
        }
        let who = s.speaker.as_deref().map(|w| format!(" — {w}")).unwrap_or_default();
        writeln!(out, "\nline {} [{}{}]\n  {}", s.line, s.section, who, s.span.slice(&doc.text))?;
        for e in evs {
            writeln!(
                out,
                "  → {} {} → {}  {} {} (Goldstein {:+.1}, quad {}{}){}",
                e.date.as_deref().unwrap_or("undated"),
                e.source,
                if e.target.is_empty() { "—" } else { &e.target },
                e.code,
                e.name,
                e.goldstein,
                e.quad_class,
                if e.plover.is_empty() { String::new() } else { format!(", {}", e.plover) },
                if e.negated { format!(" [{}]", e.modality) } else { String::new() }
            )?;
            writeln!(out, "    why: {}", e.explanation)?;
        }
    }
    writeln!(out)
}

/// The line of a document's lead: its first sentence that is not a headline or boilerplate
/// (GDELT's `IsRootEvent` marks events there and in the headline).
fn lead_line(c: &Coded) -> Option<usize> {
    c.sentences.iter().find(|s| !matches!(s.section.as_str(), "headline" | "boilerplate" | "comment")).map(|s| s.line)
}

/// Events with the same date, actors and code over the whole run: GDELT's mention, source and
/// article counts.
#[derive(Default)]
struct Tally<'a> {
    mentions: u64,
    sources: HashSet<&'a str>,
    articles: HashSet<&'a str>,
}

type Key<'a> = (Option<&'a str>, &'a str, &'a str, &'a str);

/// What `--format gdelt` and `--format plover` share over a run.
struct Shared<'a> {
    tallies: HashMap<Key<'a>, Tally<'a>>,
    date_added: String,
    dropped: std::cell::Cell<usize>,
}

impl<'a> Shared<'a> {
    fn new(format: EventFormat, events: impl Iterator<Item = (&'a Event, &'a demarche_documents::Document)>) -> Shared<'a> {
        let mut tallies: HashMap<Key<'a>, Tally<'a>> = HashMap::new();
        if format == EventFormat::Gdelt {
            for (e, d) in events {
                let t = tallies.entry((e.date.as_deref(), e.source.as_str(), e.target.as_str(), e.code.as_str())).or_default();
                t.mentions += 1;
                if let Some(s) = d.source.as_deref() {
                    t.sources.insert(s);
                }
                t.articles.insert(d.id.as_str());
            }
        }
        Shared { tallies, date_added: formats::date_added(), dropped: std::cell::Cell::new(0) }
    }

    fn write(
        &self,
        out: &mut dyn Write,
        format: EventFormat,
        e: &Event,
        doc: &demarche_documents::Document,
        lead: Option<usize>,
    ) -> anyhow::Result<()> {
        let view = EventView::coded(e, doc.url.as_deref());
        if format == EventFormat::Plover {
            match plover::record(&view) {
                Some(r) => {
                    serde_json::to_writer(&mut *out, &r)?;
                    writeln!(out)?;
                }
                None => self.dropped.set(self.dropped.get() + 1),
            }
            return Ok(());
        }
        let t = self.tallies.get(&(e.date.as_deref(), e.source.as_str(), e.target.as_str(), e.code.as_str()));
        let cx = gdelt::Context {
            is_root: e.section == "headline" || lead == Some(e.line),
            mentions: t.map(|t| t.mentions),
            sources: t.map(|t| t.sources.len() as u64),
            articles: t.map(|t| t.articles.len() as u64),
            date_added: &self.date_added,
        };
        gdelt::write(out, &gdelt::row(&view, &cx))?;
        Ok(())
    }

    fn report(&self) {
        if self.dropped.get() > 0 {
            eprintln!(
                "demarche code: {} events have no PLOVER type (CAMEO 01x, 02x; PLOVER drops them) and were not written",
                self.dropped.get()
            );
        }
    }
}
