//! `demarche ingest`, `relations`, `events`, `export`: the event store from the command line.

use crate::args::{By, EventsArgs, EventsFormat, ExportArgs, ExportFormat, FilterArgs, IngestArgs, RelationsArgs, RelationsFormat};
use crate::input;
use anyhow::{bail, Context};
use demarche_store::{db_path, export as exp, EventFilter, Period, Relations, RelationsQuery, Store, Written};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

pub fn ingest(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let coder = super::load_coder(&args.coder)?;
    let path = db_path(args.db.db.as_deref());
    let mut store = Store::open(&path)?;
    let loaded = input::load(&args.input);
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(Some(loaded.docs.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} documents {per_sec} eta {eta}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let t = ingest_docs(&coder, &mut store, &loaded.docs, args.batch, &pool, &bar)?;
    let (new, replaced, unchanged, sentences, events) = (t.new, t.replaced, t.unchanged, t.sentences, t.events);
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "demarche ingest: {} documents read ({} new, {} replaced, {} unchanged, {} failed), {} sentences and {} events stored in {:.2}s ({:.0} documents/s, {:.0} events/s) into {}",
        loaded.docs.len(),
        new,
        replaced,
        unchanged,
        loaded.failed,
        sentences,
        events,
        secs,
        (new + replaced) as f64 / secs,
        events as f64 / secs,
        path.display()
    );
    Ok(super::batch_exit(loaded.failed, loaded.docs.len()))
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Tally {
    pub new: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub sentences: u64,
    pub events: u64,
}

/// Code documents in parallel and write them with one writer thread, a batch a transaction
/// (each document whole).
pub fn ingest_docs(
    coder: &demarche_events::Coder,
    store: &mut Store,
    docs: &[demarche_documents::Document],
    batch: usize,
    pool: &rayon::ThreadPool,
    bar: &ProgressBar,
) -> anyhow::Result<Tally> {
    let batch = batch.max(1);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, demarche_events::Coded)>>(2);
        let writer = scope.spawn(move || -> anyhow::Result<Tally> {
            let mut t = Tally::default();
            for chunk in rx {
                let pairs: Vec<(&demarche_documents::Document, &demarche_events::Coded)> = chunk.iter().map(|(i, c)| (&docs[*i], c)).collect();
                let written = store.write_batch(&pairs)?;
                for ((_, c), w) in chunk.iter().zip(written) {
                    match w {
                        Written::New => t.new += 1,
                        Written::Replaced => t.replaced += 1,
                        Written::Unchanged => {
                            t.unchanged += 1;
                            continue;
                        }
                    }
                    t.sentences += c.sentences.len() as u64;
                    t.events += c.events.len() as u64;
                }
                bar.inc(chunk.len() as u64);
            }
            Ok(t)
        });
        for (k, chunk) in docs.chunks(batch).enumerate() {
            let base = k * batch;
            let coded: Vec<(usize, demarche_events::Coded)> = pool.install(|| {
                chunk.par_iter().enumerate().map(|(j, d)| (base + j, coder.code(&d.id, &d.text, d.title.as_deref(), d.date))).collect()
            });
            if tx.send(coded).is_err() {
                break;
            }
        }
        drop(tx);
        writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
    })
}

fn open_existing(db: Option<&std::path::Path>) -> anyhow::Result<Store> {
    let path = db_path(db);
    if !path.exists() {
        bail!("{}: no such database (create one with `demarche ingest FILES --db {}`)", path.display(), path.display());
    }
    Ok(Store::open(&path)?)
}

pub fn relations(args: &RelationsArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(args.db.db.as_deref())?;
    let by = match args.by {
        By::Day => Period::Day,
        By::Week => Period::Week,
        By::Month => Period::Month,
        By::Year => Period::Year,
    };
    let q = RelationsQuery {
        from: args.from.map(|d| d.to_string()),
        to: args.to.map(|d| d.to_string()),
        ..RelationsQuery::new(&args.a, &args.b, by)
    };
    let rel = store.relations(&q)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        RelationsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rel)?;
            writeln!(out)?;
        }
        RelationsFormat::Csv => relations_csv(&mut out, &rel, args.gap)?,
        RelationsFormat::Table => relations_table(&mut out, &rel, args.gap)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn mean(m: Option<f64>) -> String {
    m.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "-".into())
}

fn relations_table(out: &mut impl Write, rel: &Relations, gap: bool) -> std::io::Result<()> {
    writeln!(out, "{} – {} by {:?} (both directions; distinct events, mean Goldstein)", rel.a, rel.b, rel.by)?;
    writeln!(
        out,
        "{:<10} {:>6} {:>8} {:>7} | {:>8} {:>6} | {:>8} {:>6} | {:>6} {:>6} | {:>4} {:>4} {:>4} {:>4} | {:>5} {:>5}",
        "period", "events", "reports", "mean", "official", "mean", "reported", "mean", "asked", "mean", "q1", "q2", "q3", "q4",
        &format!("{}→", rel.a)[..], &format!("{}→", rel.b)[..]
    )?;
    for r in rel.rows.iter().chain(std::iter::once(&rel.total)) {
        let b = &r.both;
        writeln!(
            out,
            "{:<10} {:>6} {:>8} {:>7} | {:>8} {:>6} | {:>8} {:>6} | {:>6} {:>6} | {:>4} {:>4} {:>4} {:>4} | {:>5} {:>5}",
            r.period,
            b.all.events,
            b.all.reports,
            mean(b.all.goldstein_mean),
            b.official.events,
            mean(b.official.goldstein_mean),
            b.reported.events,
            mean(b.reported.goldstein_mean),
            b.asked.events,
            mean(b.asked.goldstein_mean),
            b.all.quad[0],
            b.all.quad[1],
            b.all.quad[2],
            b.all.quad[3],
            r.a_to_b.all.events,
            r.b_to_a.all.events
        )?;
    }
    if rel.undated_events > 0 {
        writeln!(out, "({} undated events are not in the series)", rel.undated_events)?;
    }
    if gap {
        writeln!(out, "gap: {}", rel.gap.statement)?;
    }
    Ok(())
}

fn relations_csv(out: &mut impl Write, rel: &Relations, gap: bool) -> std::io::Result<()> {
    writeln!(out, "period,direction,provenance,events,reports,goldstein_sum,goldstein_mean,q1,q2,q3,q4")?;
    for r in rel.rows.iter().chain(std::iter::once(&rel.total)) {
        for (dir, split) in [("both", &r.both), (&format!("{}-{}", rel.a, rel.b)[..], &r.a_to_b), (&format!("{}-{}", rel.b, rel.a)[..], &r.b_to_a)] {
            for (prov, c) in [("all", &split.all), ("official", &split.official), ("reported", &split.reported), ("asked", &split.asked)] {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    r.period,
                    dir,
                    prov,
                    c.events,
                    c.reports,
                    c.goldstein_sum,
                    c.goldstein_mean.map(|v| v.to_string()).unwrap_or_default(),
                    c.quad[0],
                    c.quad[1],
                    c.quad[2],
                    c.quad[3]
                )?;
            }
        }
    }
    if gap {
        writeln!(out, "# gap: {}", rel.gap.statement)?;
    }
    Ok(())
}

fn filter(f: &FilterArgs) -> anyhow::Result<EventFilter> {
    let dyad = match &f.dyad {
        None => None,
        Some(d) => {
            let Some((a, b)) = d.split_once('-') else { bail!("--dyad expects A-B, such as RUS-ARM, found {d:?}") };
            Some((a.to_string(), b.to_string()))
        }
    };
    Ok(EventFilter {
        dyad,
        actor: f.actor.clone(),
        code: f.code.clone(),
        from: f.from.map(|d| d.to_string()),
        to: f.to.map(|d| d.to_string()),
        section: f.section.clone(),
        limit: 0,
        offset: 0,
        document: None,
        place: place_filter(f)?,
    })
}

/// `--near LAT,LON --km N` and `--place-country CODE`.
fn place_filter(f: &FilterArgs) -> anyhow::Result<demarche_store::PlaceFilter> {
    let near = match (&f.near, f.km) {
        (Some(p), Some(km)) => {
            let parsed = p.split_once(',').and_then(|(a, b)| Some((a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?)));
            let Some((lat, lon)) = parsed else { bail!("--near expects LAT,LON in degrees, such as 50.45,30.52, found {p:?}") };
            Some((lat, lon, km))
        }
        _ => None,
    };
    Ok(demarche_store::PlaceFilter { near, place_country: f.place_country.clone() })
}

pub fn events(args: &EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(args.db.db.as_deref())?;
    let f = EventFilter { limit: args.limit, offset: args.offset, ..filter(&args.filter)? };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        // The export's columns, for the filtered events.
        EventsFormat::Csv => {
            exp::export(&store, &f, exp::Format::Csv, &mut out)?;
        }
        EventsFormat::Jsonl => {
            for e in &store.events(&f)? {
                serde_json::to_writer(&mut out, e)?;
                writeln!(out)?;
            }
        }
        EventsFormat::Table => {
            for e in &store.events(&f)? {
                writeln!(
                    out,
                    "{:<10} {:<10} {:<10} {:<5} {:>5.1}  {:<9} {:<28} {}",
                    e.date.as_deref().unwrap_or("-"),
                    e.source,
                    if e.target.is_empty() { "-" } else { &e.target },
                    e.code,
                    e.goldstein,
                    e.section,
                    e.name.chars().take(28).collect::<String>(),
                    e.doc
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(args.db.db.as_deref())?;
    let f = filter(&args.filter)?;
    let format = match args.format {
        ExportFormat::Csv => exp::Format::Csv,
        ExportFormat::Jsonl => exp::Format::Jsonl,
        ExportFormat::Parquet => exp::Format::Parquet,
    };
    let n = match &args.out {
        Some(path) => {
            let file = std::fs::File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
            let mut w = BufWriter::new(file);
            exp::export(&store, &f, format, &mut w)?
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            exp::export(&store, &f, format, &mut w)?
        }
    };
    eprintln!("demarche export: {n} events");
    Ok(ExitCode::SUCCESS)
}
