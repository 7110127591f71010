//! `demarche code`: events from documents, in parallel, written in input order.

use super::petrarch::write_petrarch;
use crate::args::{CodeArgs, EventFormat};
use crate::formats::{self, gdelt, plover, EventView};
use crate::input;
use demarche_events::{Coded, Event};
use rayon::prelude::*;
use std::collections::HashMap;
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
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let code = |d: &demarche_documents::Document| coder.code_input(&input::coder_input(d), None);
    let mut n = Counts::default();
    let mut docs = input::Stream::new(&args.input);
    if args.format == EventFormat::Parquet && !args.explain {
        // Parquet is written at once, from all the run's events (its `NumMentions` counts them).
        let all: Vec<demarche_documents::Document> = docs.by_ref().collect();
        let coded: Vec<Coded> = pool.install(|| all.par_iter().map(code).collect());
        for c in &coded {
            n.add(c);
        }
        write_parquet(args, &all, &coded)?;
    } else {
        let mut out = crate::output::open(args.output.as_deref())?;
        if matches!(args.format, EventFormat::Csv | EventFormat::Tsv) && !args.explain {
            write_row(&mut out, args.format, COLUMNS.iter().map(|c| c.to_string()).collect())?;
        }
        let mut gdelt = if args.format == EventFormat::Gdelt && !args.explain { Some(GdeltRun::new()?) } else { None };
        let date_added = formats::date_added();
        let mut dropped = 0usize;
        input::in_chunks(
            &mut docs,
            input::CHUNK,
            &pool,
            || (),
            |_, d| code(d),
            |doc, c| {
                n.add(&c);
                for msg in &c.refused {
                    eprintln!("demarche: {}:{msg}", doc.origin);
                }
                for note in &c.notes {
                    eprintln!("demarche: note: {}: {note}", doc.origin);
                }
                if args.explain {
                    explain(&mut out, doc, &c)?;
                    return Ok(());
                }
                if let Some(g) = gdelt.as_mut() {
                    return g.spill(doc, &c, &date_added);
                }
                for e in &c.events {
                    match args.format {
                        EventFormat::Plover => match plover::record(&EventView::coded(e, doc.url.as_deref())) {
                            Some(r) => {
                                serde_json::to_writer(&mut out, &r)?;
                                writeln!(out)?;
                            }
                            None => dropped += 1,
                        },
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
                        // Gdelt is spilled above, Parquet written at once.
                        EventFormat::Gdelt | EventFormat::Parquet => {}
                    }
                }
                Ok(())
            },
        )?;
        if let Some(g) = gdelt {
            g.finish(&mut out)?;
        }
        out.flush()?;
        if dropped > 0 {
            eprintln!("demarche code: {dropped} events have no PLOVER type (CAMEO 01x, 02x; PLOVER drops them) and were not written");
        }
    }
    eprintln!(
        "demarche code: {} documents, {} sentences, {} events in {:.2?}{}{}{}{}",
        docs.read,
        n.sentences,
        n.events,
        started.elapsed(),
        if petrarch { format!(" ({})", coder.describe()) } else { String::new() },
        if n.discarded > 0 { format!(", {} sentences discarded", n.discarded) } else { String::new() },
        if n.refused > 0 { format!(", {} sentences refused", n.refused) } else { String::new() },
        if docs.failed > 0 { format!(", {} inputs failed", docs.failed) } else { String::new() }
    );
    Ok(super::batch_exit(docs.failed + n.refused, docs.read))
}

/// What a run coded, for its summary line.
#[derive(Default)]
struct Counts {
    sentences: usize,
    events: usize,
    refused: usize,
    discarded: usize,
}

impl Counts {
    fn add(&mut self, c: &Coded) {
        self.sentences += c.sentences.len();
        self.events += c.events.len();
        self.refused += c.refused.len();
        self.discarded += c.discarded;
    }
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

/// `--format gdelt` over a stream. `NumMentions`, `NumSources` and `NumArticles` count the
/// whole run's events with the same date, actors and code, known only when the run is coded:
/// rows are spilled to a temporary file, each after the number of its key, and written with
/// their counts at the end. Memory holds one tally per distinct key, not the rows.
struct GdeltRun {
    /// A key's date, source, target and code, joined by U+001F, to its tally's number.
    keys: HashMap<String, u32>,
    tallies: Vec<Tally>,
    /// Publishers (`source` of a document) by number.
    publishers: HashMap<String, u32>,
    spill: std::io::BufWriter<std::fs::File>,
    /// Documents spilled so far: a tally counts a document once (`NumArticles`).
    docs: usize,
}

#[derive(Default)]
struct Tally {
    mentions: u64,
    /// Distinct publishers, by number (most keys have one or two).
    sources: Vec<u32>,
    articles: u64,
    last_doc: usize,
}

impl GdeltRun {
    fn new() -> anyhow::Result<GdeltRun> {
        let file =
            tempfile::tempfile().map_err(|e| anyhow::anyhow!("--format gdelt: cannot create a temporary file for the run's rows: {e}"))?;
        Ok(GdeltRun {
            keys: HashMap::new(),
            tallies: Vec::new(),
            publishers: HashMap::new(),
            spill: std::io::BufWriter::new(file),
            docs: 0,
        })
    }

    fn spill(&mut self, doc: &demarche_documents::Document, c: &Coded, date_added: &str) -> anyhow::Result<()> {
        self.docs += 1;
        let lead = lead_line(c);
        let publisher = doc.source.as_deref().map(|s| match self.publishers.get(s) {
            Some(&n) => n,
            None => {
                let n = self.publishers.len() as u32;
                self.publishers.insert(s.to_string(), n);
                n
            }
        });
        let mut key = String::new();
        for e in &c.events {
            key.clear();
            for (i, part) in [e.date.as_deref().unwrap_or(""), &e.source, &e.target, &e.code].into_iter().enumerate() {
                if i > 0 {
                    key.push('\u{1f}');
                }
                key.push_str(part);
            }
            let id = match self.keys.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.tallies.len() as u32;
                    self.keys.insert(key.clone(), id);
                    self.tallies.push(Tally::default());
                    id
                }
            };
            let t = &mut self.tallies[id as usize];
            t.mentions += 1;
            if let Some(p) = publisher {
                if !t.sources.contains(&p) {
                    t.sources.push(p);
                }
            }
            if t.last_doc != self.docs {
                t.last_doc = self.docs;
                t.articles += 1;
            }
            let cx = gdelt::Context { is_root: e.section == "headline" || lead == Some(e.line), date_added, ..Default::default() };
            write!(self.spill, "{id}\t")?;
            gdelt::write(&mut self.spill, &gdelt::row(&EventView::coded(e, doc.url.as_deref()), &cx))?;
        }
        Ok(())
    }

    fn finish(self, out: &mut dyn Write) -> anyhow::Result<()> {
        use std::io::{BufRead, Seek};
        let mut file = self.spill.into_inner().map_err(|e| e.into_error())?;
        file.seek(std::io::SeekFrom::Start(0))?;
        // `NumMentions`, then `NumSources` and `NumArticles`.
        let mentions = gdelt::COLUMNS.iter().position(|c| *c == "NumMentions").unwrap_or(31);
        let mut cells: Vec<String> = Vec::with_capacity(gdelt::COLUMNS.len());
        for line in std::io::BufReader::new(file).lines() {
            let line = line?;
            let (id, rest) = line.split_once('\t').ok_or_else(|| anyhow::anyhow!("--format gdelt: a spilled row has no key"))?;
            let t = id
                .parse::<usize>()
                .ok()
                .and_then(|i| self.tallies.get(i))
                .ok_or_else(|| anyhow::anyhow!("--format gdelt: a spilled row has a bad key"))?;
            cells.clear();
            cells.extend(rest.split('\t').map(str::to_string));
            for (k, n) in [t.mentions, t.sources.len() as u64, t.articles].into_iter().enumerate() {
                if let Some(c) = cells.get_mut(mentions + k) {
                    *c = n.to_string();
                }
            }
            gdelt::write(out, &cells)?;
        }
        Ok(())
    }
}
