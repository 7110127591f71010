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
    let coder = super::load_coder(&args.coder, &args.petrarch)?;
    let path = db_path(args.db.db.as_deref());
    let mut store = Store::open(&path)?;
    // A second connection (WAL: reads beside the writer) checks content hashes before coding.
    let reader = Store::open_read_only(&path)?;
    // Documents are read as they are needed (a JSON Lines file a line at a time): memory holds
    // a few batches, never the whole input. A document whose id is only its place (standard
    // input, a record without an id) is stored under an id made from its text.
    let mut stream = input::Stream::new(&args.input);
    let docs = stream.by_ref().map(|mut d| {
        if let Some(id) = demarche_store::content_id(&d) {
            d.id = id;
        }
        d
    });
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} documents {per_sec} {elapsed}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let mut t = Tally::default();
    let outcome = ingest_stream(&*coder, &mut store, Some(&reader), docs, args.batch, &pool, &bar, &mut t);
    bar.finish_and_clear();
    let (new, replaced, unchanged, sentences, events) = (t.new, t.replaced, t.unchanged, t.sentences, t.events);
    let read = (new + replaced + unchanged) as usize;
    let failed = stream.failed;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    if let Err(e) = outcome {
        // Every batch committed before the failure is stored whole; the rest is not. Say how
        // much, so the run can be repeated (stored documents are then skipped as unchanged).
        eprintln!("demarche: {e:#}");
        eprintln!(
            "demarche ingest: stopped: {} documents stored ({} new, {} replaced, {} unchanged, {} failed to read) with {} events before the error, in {:.2}s, into {}; run it again to store the rest",
            new + replaced + unchanged,
            new,
            replaced,
            unchanged,
            failed,
            events,
            secs,
            path.display()
        );
        return Ok(ExitCode::from(if new + replaced + unchanged > 0 { 1 } else { 2 }));
    }
    eprintln!(
        "demarche ingest: {} documents read ({} new, {} replaced, {} unchanged, {} failed), {} sentences and {} events stored in {:.2}s ({:.0} documents/s, {:.0} events/s, {:.1} MB/s of text) into {}{}",
        read,
        new,
        replaced,
        unchanged,
        failed,
        sentences,
        events,
        secs,
        (new + replaced) as f64 / secs,
        events as f64 / secs,
        t.bytes as f64 / 1e6 / secs,
        path.display(),
        if t.refused > 0 { format!(", {} sentences refused", t.refused) } else { String::new() }
    );
    Ok(super::batch_exit(failed + t.refused as usize, read))
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Tally {
    pub new: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub sentences: u64,
    pub events: u64,
    /// Bytes of text read.
    pub bytes: u64,
    /// Sentences the coder refused as bad input (a PETRARCH record's malformed parse).
    pub refused: u64,
}

/// Code documents in parallel and write them with one writer thread, a batch a transaction
/// (each document whole).
pub fn ingest_docs(
    coder: &dyn demarche_events::EventCoder,
    store: &mut Store,
    docs: &[demarche_documents::Document],
    batch: usize,
    pool: &rayon::ThreadPool,
    bar: &ProgressBar,
) -> anyhow::Result<Tally> {
    let mut t = Tally::default();
    ingest_stream(coder, store, None, docs.iter().cloned(), batch, pool, bar, &mut t)?;
    Ok(t)
}

/// Replaced documents named on stderr, at most this many (the summary counts them all).
const REPLACED_WARNINGS: u64 = 20;

/// The ingest pipeline over a stream of documents: read a batch, skip the documents `reader`
/// already holds with the same content (before coding them), code the rest in parallel, and
/// hand the batch to the writer thread (one transaction), while the next batch is read and
/// coded. At most three batches are alive at once, whatever the input's size. `t` counts what
/// was committed, also when an error stops the run part-way.
#[allow(clippy::too_many_arguments)]
pub fn ingest_stream(
    coder: &dyn demarche_events::EventCoder,
    store: &mut Store,
    reader: Option<&Store>,
    docs: impl Iterator<Item = demarche_documents::Document>,
    batch: usize,
    pool: &rayon::ThreadPool,
    bar: &ProgressBar,
    t: &mut Tally,
) -> anyhow::Result<()> {
    type Coded = (demarche_documents::Document, Option<demarche_events::Coded>);
    let batch = batch.max(1);
    let mut docs = docs;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Coded>>(1);
        let writer = scope.spawn(move || -> anyhow::Result<()> {
            for chunk in rx {
                let pairs: Vec<(&demarche_documents::Document, &demarche_events::Coded)> =
                    chunk.iter().filter_map(|(d, c)| c.as_ref().map(|c| (d, c))).collect();
                let written = store.write_batch(&pairs)?;
                t.unchanged += (chunk.len() - pairs.len()) as u64;
                t.bytes += chunk.iter().map(|(d, _)| d.text.len() as u64).sum::<u64>();
                for ((d, c), w) in pairs.iter().zip(written) {
                    match w {
                        Written::New => t.new += 1,
                        Written::Replaced => {
                            t.replaced += 1;
                            if t.replaced <= REPLACED_WARNINGS {
                                let feed = demarche_store::feed_of(d);
                                let feed = if feed.is_empty() { String::new() } else { format!(" of source {feed:?}") };
                                eprintln!("demarche: warning: document {:?}{feed} was stored with other content; the id is reused, the new content replaces it", d.id);
                            }
                        }
                        Written::Unchanged => {
                            t.unchanged += 1;
                            continue;
                        }
                    }
                    t.sentences += c.sentences.len() as u64;
                    t.events += c.events.len() as u64;
                    t.refused += c.refused.len() as u64;
                    for r in &c.refused {
                        eprintln!("demarche: {}:{r}", d.origin);
                    }
                }
                bar.inc(chunk.len() as u64);
            }
            Ok(())
        });
        let mut failure = None;
        loop {
            let chunk: Vec<demarche_documents::Document> = docs.by_ref().take(batch).collect();
            if chunk.is_empty() {
                break;
            }
            let skip = match reader {
                Some(r) => match r.unchanged(&chunk.iter().collect::<Vec<_>>()) {
                    Ok(s) => s,
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                },
                None => vec![false; chunk.len()],
            };
            let coded: Vec<Coded> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .zip(skip)
                    .map(|(d, unchanged)| {
                        let c = (!unchanged).then(|| coder.code_input(&crate::input::coder_input(&d), None));
                        (d, c)
                    })
                    .collect()
            });
            if tx.send(coded).is_err() {
                break;
            }
        }
        drop(tx);
        writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))??;
        match failure {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    })
}

fn open_existing(db: Option<&std::path::Path>) -> anyhow::Result<Store> {
    let path = db_path(db);
    if !path.exists() {
        bail!("{}: no such database (create one with `demarche ingest FILES --db {}`)", path.display(), path.display());
    }
    // Queries only read: a store on a read-only disk or owned by another user can be queried.
    Ok(Store::open_read_only(&path)?)
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
    let mut out = crate::output::open(args.output.as_deref())?;
    match args.format {
        RelationsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rel)?;
            writeln!(out)?;
        }
        RelationsFormat::Jsonl => {
            serde_json::to_writer(&mut out, &rel)?;
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
        "period",
        "events",
        "reports",
        "mean",
        "official",
        "mean",
        "reported",
        "mean",
        "asked",
        "mean",
        "q1",
        "q2",
        "q3",
        "q4",
        &format!("{}→", rel.a)[..],
        &format!("{}→", rel.b)[..]
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
        for (dir, split) in
            [("both", &r.both), (&format!("{}-{}", rel.a, rel.b)[..], &r.a_to_b), (&format!("{}-{}", rel.b, rel.a)[..], &r.b_to_a)]
        {
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
        cursor: None,
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
    let cursor = match &args.cursor {
        Some(c) => Some(demarche_store::Cursor::parse(c)?),
        None => None,
    };
    let f = EventFilter { limit: args.limit, offset: args.offset, cursor, ..filter(&args.filter)? };
    let mut out = crate::output::open(args.output.as_deref())?;
    let mut rows = 0usize;
    let mut last: Option<demarche_store::Cursor> = None;
    match args.format {
        // The export's columns, for the filtered events.
        EventsFormat::Csv => {
            rows = exp::export(&store, &f, exp::Format::Csv, &mut out)?;
        }
        // Rows are written as SQLite reads them.
        EventsFormat::Jsonl => store.for_each_event(&f, |e| {
            serde_json::to_writer(&mut out, &e).map_err(|e| demarche_store::StoreError::Export(e.to_string()))?;
            writeln!(out)?;
            rows += 1;
            last = Some(demarche_store::Cursor::after(&e));
            Ok(())
        })?,
        EventsFormat::Table => store.for_each_event(&f, |e| {
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
            rows += 1;
            last = Some(demarche_store::Cursor::after(&e));
            Ok(())
        })?,
    }
    out.flush()?;
    // A full page: say how to ask for the next one (keyset pagination, as fast on page 10,000
    // as on page 1).
    if let (true, Some(c)) = (args.limit > 0 && rows == args.limit, last) {
        eprintln!("demarche events: next page: --cursor {c}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(args.db.db.as_deref())?;
    let f = filter(&args.filter)?;
    if let Some(by) = args.partition {
        return export_partitioned(&store, &f, args, by);
    }
    let format = match args.format {
        ExportFormat::Csv => exp::Format::Csv,
        ExportFormat::Jsonl => exp::Format::Jsonl,
        ExportFormat::Parquet => exp::Format::Parquet,
        ExportFormat::Gdelt | ExportFormat::Plover => return export_shared(&store, &f, args),
    };
    let n = match &args.out {
        Some(path) => {
            let file = std::fs::File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            exp::export_in(&store, &f, format, exp::Order::Stored, &mut w)?
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
            exp::export_in(&store, &f, format, exp::Order::Stored, &mut w)?
        }
    };
    eprintln!("demarche export: {n} events");
    Ok(ExitCode::SUCCESS)
}

/// `export --format parquet --partition year|month -o DIR`: Hive-style folders under a new (or
/// empty) DIR, one file open at a time.
fn export_partitioned(
    store: &demarche_store::Store,
    f: &EventFilter,
    args: &ExportArgs,
    by: crate::args::PartitionBy,
) -> anyhow::Result<ExitCode> {
    let (dir, partition) = partition_target(args.format == ExportFormat::Parquet, args.out.as_deref(), by)?;
    let done = exp::export_parquet_partitioned(store, f, partition, &mut partition_file(dir))?;
    eprintln!("demarche export: {} events in {} files under {}", done.rows(), done.files.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// The folder and partitioning of `--partition BY -o DIR` (`export` and `code`): it needs
/// `--format parquet` and a new or empty DIR.
pub fn partition_target(
    parquet: bool,
    out: Option<&std::path::Path>,
    by: crate::args::PartitionBy,
) -> anyhow::Result<(&std::path::Path, exp::Partition)> {
    if !parquet {
        anyhow::bail!("--partition needs --format parquet");
    }
    let Some(dir) = out else {
        anyhow::bail!("--partition needs -o DIR, the folder to write the partitions into");
    };
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        anyhow::bail!("{}: not empty; --partition writes into a new or empty folder", dir.display());
    }
    let partition = match by {
        crate::args::PartitionBy::Year => exp::Partition::Year,
        crate::args::PartitionBy::Month => exp::Partition::Month,
    };
    Ok((dir, partition))
}

/// Opens each partition file (a path relative to `dir`), making its folders.
pub fn partition_file(dir: &std::path::Path) -> impl FnMut(&str) -> std::io::Result<Box<dyn Write>> + '_ {
    move |rel| {
        let path = dir.join(rel);
        let made = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::File::create(&path));
        let file = made.map_err(|e| std::io::Error::new(e.kind(), format!("{}: cannot create: {e}", path.display())))?;
        Ok(Box::new(BufWriter::with_capacity(1 << 20, file)) as Box<dyn Write>)
    }
}

/// `export --format gdelt|plover`: the stored events through the same row functions as
/// `code --format gdelt|plover` (crate::formats).
fn export_shared(store: &demarche_store::Store, f: &EventFilter, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    use crate::formats::{gdelt, plover, EventView};
    let mut out = crate::output::open(args.out.as_deref())?;
    let date_added = crate::formats::date_added();
    let (mut n, mut dropped) = (0usize, 0usize);
    for e in &store.events(f)? {
        let view = EventView::stored(e);
        if args.format == ExportFormat::Plover {
            let Some(r) = plover::record(&view) else {
                dropped += 1;
                continue;
            };
            serde_json::to_writer(&mut out, &r)?;
            writeln!(out)?;
        } else {
            // The store counts reports of the same (date, source, target, code); it keeps no
            // publisher or lead-sentence flag, so NumSources and NumArticles stay blank and
            // IsRootEvent marks headlines only.
            let cx = gdelt::Context {
                is_root: e.section == "headline",
                mentions: u64::try_from(e.reports).ok(),
                sources: None,
                articles: None,
                date_added: &date_added,
            };
            gdelt::write(&mut out, &gdelt::row(&view, &cx))?;
        }
        n += 1;
    }
    out.flush()?;
    eprintln!(
        "demarche export: {n} events{}",
        if dropped > 0 { format!(" ({dropped} without a PLOVER type not written)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}
