//! `demarche bench`: the figures the issues ask for, measured on generated corpora.

use crate::args::BenchArgs;
use anyhow::bail;
use demarche_core::corpus;
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Peak resident memory of this process in MiB (Linux), if known.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resident memory of this process now, in MiB (Linux), if known.
fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    if let (Some(dir), Some(records)) = (&args.dictionaries, &args.records) {
        return petrarch(args, dir, records);
    }
    // The gazetteer first, so its memory is measured before anything else is freed.
    let rss_before = rss_mib();
    let t = Instant::now();
    let gazetteer = demarche_geo::builtin()?;
    let geo_first_ms = t.elapsed().as_secs_f64() * 1000.0;
    let geo_mib = rss_mib().zip(rss_before).map(|(a, b)| a - b);
    let geo_ms = median_ms(|| {
        let _ = demarche_geo::Gazetteer::builtin();
    });
    let date = demarche_core::dates::parse_date("2025-01-22");
    let kb_ms = median_ms(|| {
        let _ = demarche_actors::KnowledgeBase::builtin();
    });
    let dict_ms = median_ms(|| {
        let _ = demarche_events::VerbDictionary::builtin();
    });
    let coder = demarche_events::Coder::builtin()?;

    // Segmentation.
    let mut seg_corpus = corpus::generate(50_000, 1);
    let mut seed = 2;
    while seg_corpus.bytes() < args.mb * 1024 * 1024 {
        let more = corpus::generate(50_000, seed);
        seed += 1;
        seg_corpus.documents.extend(more.documents);
        seg_corpus.sentences += more.sentences;
    }
    let text = seg_corpus.joined();
    let t = Instant::now();
    let segmented = demarche_segment::segment(&text, None).len();
    let seg_s = t.elapsed().as_secs_f64();
    if segmented < seg_corpus.sentences {
        bail!("segmentation lost sentences: {segmented} < {}", seg_corpus.sentences);
    }
    drop(text);
    drop(seg_corpus);

    // Recognition and coding.
    let c = corpus::generate(args.sentences, 5);
    let docs: Vec<(&String, Vec<demarche_segment::Sentence>)> =
        c.documents.iter().map(|d| (d, demarche_segment::segment(d, None))).collect();
    let t = Instant::now();
    let mentions: usize = docs.iter().map(|(d, s)| demarche_actors::analyze(&coder.kb, d, s, date).len()).sum();
    let rec_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let events: usize = c.documents.iter().map(|d| coder.code("b", d, None, date).events.len()).sum();
    let code_s = t.elapsed().as_secs_f64();
    // Geocoding alone (it runs inside coding): place mentions and one location per sentence.
    let analysed: Vec<_> = docs.iter().map(|(d, s)| demarche_actors::analyze(&coder.kb, d, s, date)).collect();
    let t = Instant::now();
    let mut located = 0usize;
    for ((d, s), a) in docs.iter().zip(&analysed) {
        let places = demarche_geo::DocumentPlaces::analyze(gazetteer, d, s, a);
        located += (0..s.len()).filter(|&i| places.locate(i, "RUS", "ARM").is_known()).count();
    }
    let geo_s = t.elapsed().as_secs_f64();
    drop(analysed);
    let t = Instant::now();
    let events_par: usize = c.documents.par_iter().map(|d| coder.code("b", d, None, date).events.len()).sum();
    let par_s = t.elapsed().as_secs_f64();
    if events != c.expected_events || events_par != c.expected_events {
        bail!("coded {events} (parallel {events_par}) events, expected {}", c.expected_events);
    }
    let threads = rayon::current_num_threads();
    let figures = serde_json::json!({
        "gazetteer_load_ms": geo_ms,
        "gazetteer_first_load_ms": geo_first_ms,
        "gazetteer_mib": geo_mib,
        "geocode_sentences_per_s": c.sentences as f64 / geo_s,
        "geocode_share_of_coding": geo_s / code_s,
        "geocode_added_to_coding": geo_s / (code_s - geo_s).max(1e-9),
        "geocode_located_sentences": located,
        "knowledge_base_load_ms": kb_ms,
        "verb_dictionary_load_ms": dict_ms,
        "segment_mb": args.mb,
        "segment_mb_per_s": args.mb as f64 / seg_s,
        "recognize_sentences": c.sentences,
        "recognize_sentences_per_s": c.sentences as f64 / rec_s,
        "recognize_units": mentions,
        "code_sentences": c.sentences,
        "code_events": events,
        "code_sentences_per_s_1_thread": c.sentences as f64 / code_s,
        "code_sentences_per_s_all_threads": c.sentences as f64 / par_s,
        "threads": threads,
        "peak_rss_mib": peak_rss_mib(),
    });
    let mut figures = figures;
    if args.store_docs > 0 {
        let store_figures = bench_store(&coder, args.store_docs)?;
        if let (Some(map), serde_json::Value::Object(extra)) = (figures.as_object_mut(), store_figures) {
            map.extend(extra);
        }
        figures["peak_rss_mib"] = serde_json::json!(peak_rss_mib());
    }
    if args.json {
        println!("{figures}");
    } else {
        println!("gazetteer load             {geo_ms:>10.1} ms (median of 7; first {geo_first_ms:.1} ms), {:.1} MiB resident", geo_mib.unwrap_or(f64::NAN));
        println!(
            "geocoding                  {:>10.0} sentences/s (1 thread), adds {:.1}% to coding time",
            c.sentences as f64 / geo_s,
            100.0 * geo_s / (code_s - geo_s).max(1e-9)
        );
        println!("knowledge base load        {kb_ms:>10.1} ms (median of 7)");
        println!("verb dictionary load       {dict_ms:>10.1} ms (median of 7)");
        println!("segmentation               {:>10.1} MB/s over {} MB", args.mb as f64 / seg_s, args.mb);
        println!("actor recognition          {:>10.0} sentences/s (1 thread)", c.sentences as f64 / rec_s);
        println!("event coding               {:>10.0} sentences/s (1 thread), {} events as expected", c.sentences as f64 / code_s, events);
        println!("event coding               {:>10.0} sentences/s ({threads} threads)", c.sentences as f64 / par_s);
        if args.store_docs > 0 {
            let f = &figures;
            println!(
                "ingest                     {:>10.0} documents/s, {:.0} events/s ({} documents, {} events)",
                f["ingest_documents_per_s"].as_f64().unwrap_or(0.0),
                f["ingest_events_per_s"].as_f64().unwrap_or(0.0),
                f["ingest_documents"],
                f["ingest_events"]
            );
            println!(
                "relations query            {:>10.1} ms median ({} by month over {} stored events, {} in the dyad)",
                f["relations_ms_median"].as_f64().unwrap_or(0.0),
                f["relations_dyad"].as_str().unwrap_or(""),
                f["store_events"],
                f["relations_dyad_events"]
            );
        }
        if let Some(rss) = peak_rss_mib() {
            println!("peak resident memory       {rss:>10.1} MiB");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Ingest `n` generated documents into a temporary database; time ingest and `relations`.
fn bench_store(coder: &demarche_events::Coder, n: usize) -> anyhow::Result<serde_json::Value> {
    let dir = std::env::temp_dir().join(format!("demarche-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.db");
    let _ = std::fs::remove_file(&path);
    let mut docs = Vec::with_capacity(n);
    let mut seed = 100;
    while docs.len() < n {
        for text in corpus::generate(20_000, seed).documents {
            if docs.len() == n {
                break;
            }
            let i = docs.len();
            let date = chrono::NaiveDate::from_ymd_opt(2020 + (i % 6) as i32, 1 + (i / 6 % 12) as u32, 1 + (i / 72 % 28) as u32);
            docs.push(demarche_documents::Document::from_text(format!("bench-{i}"), text, date));
        }
        seed += 1;
    }
    let mut store = demarche_store::Store::open(&path)?;
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    let t = Instant::now();
    let tally = super::store::ingest_docs(coder, &mut store, &docs, 512, &pool, &indicatif::ProgressBar::hidden())?;
    let secs = t.elapsed().as_secs_f64();
    let (_, _, _, stored_events) = store.counts()?;
    let q = demarche_store::RelationsQuery::new("RUS", "ARM", demarche_store::Period::Month);
    let dyad_events = store.relations(&q)?.total.both.all.reports;
    let ms = median_ms(|| {
        let _ = store.relations(&q);
    });
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(serde_json::json!({
        "ingest_documents": tally.new,
        "ingest_events": tally.events,
        "ingest_documents_per_s": tally.new as f64 / secs,
        "ingest_events_per_s": tally.events as f64 / secs,
        "store_events": stored_events,
        "relations_dyad": "RUS-ARM",
        "relations_dyad_events": dyad_events,
        "relations_ms_median": ms,
    }))
}

/// PETRARCH2 on this machine (issue 7): 3.0 s to load the production dictionaries, about 850
/// sentences/s from a given parse, 203 MiB.
const PETRARCH2_LOAD_S: f64 = 3.0;
const PETRARCH2_RATE: f64 = 850.0;
const PETRARCH2_MIB: f64 = 203.0;

fn petrarch(args: &BenchArgs, dir: &std::path::Path, records: &std::path::Path) -> anyhow::Result<ExitCode> {
    use demarche_petrarch::{records as rec, Dictionaries, DictionaryFiles, Mode, Options};
    let files = DictionaryFiles::discover(dir)?;
    let t = Instant::now();
    let dicts = Dictionaries::load(&files)?;
    let first_load_ms = t.elapsed().as_secs_f64() * 1000.0;
    // load time only: each copy is dropped outside the timed region
    let mut loads: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let d = Dictionaries::load(&files);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            drop(d);
            ms
        })
        .collect();
    loads.sort_by(f64::total_cmp);
    let load_ms = loads[loads.len() / 2];
    let file = rec::read(records)?;
    let recs: Vec<&rec::Record> = file.records().filter(|r| r.sentence && r.parse.is_some()).collect();
    if recs.is_empty() {
        bail!("{}: no records with a <Parse>", records.display());
    }
    let opts = Options::default();
    let n = args.sentences.max(recs.len());
    let run_mode = |mode: Mode, threads: usize| -> anyhow::Result<(f64, usize)> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        let t = Instant::now();
        let events: usize = pool.install(|| {
            (0..n).into_par_iter().map(|i| {
                let r = recs[i % recs.len()];
                dicts.code(&r.text, r.parse.as_deref(), r.date, mode, &opts).events().len()
            }).sum()
        });
        Ok((n as f64 / t.elapsed().as_secs_f64(), events))
    };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let (tree1, tree_events) = run_mode(Mode::Tree, 1)?;
    let (text1, text_events) = run_mode(Mode::Text, 1)?;
    let (tree_n, _) = run_mode(Mode::Tree, threads)?;
    let (text_n, _) = run_mode(Mode::Text, threads)?;
    let rss = peak_rss_mib();
    if args.json {
        let v = serde_json::json!({
            "dictionaries": dir.display().to_string(),
            "verb_patterns": dicts.verbs.pattern_count(),
            "actor_phrases": dicts.actors.phrase_count(),
            "load_ms_first": first_load_ms,
            "load_ms_median": load_ms,
            "sentences": n,
            "tree_sentences_per_s_1_thread": tree1,
            "text_sentences_per_s_1_thread": text1,
            "threads": threads,
            "tree_sentences_per_s": tree_n,
            "text_sentences_per_s": text_n,
            "tree_events": tree_events,
            "text_events": text_events,
            "peak_rss_mib": rss,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("PETRARCH dictionaries: {} ({} verb patterns in {} blocks, {} actor/agent phrases)", dir.display(), dicts.verbs.pattern_count(), dicts.verbs.blocks.len(), dicts.actors.phrase_count());
    println!("dictionary load            {load_ms:>10.1} ms median ({first_load_ms:.1} ms first; PETRARCH2 {:.0} ms: {:.0}x)", PETRARCH2_LOAD_S * 1000.0, PETRARCH2_LOAD_S * 1000.0 / load_ms);
    println!("tree mode, 1 thread        {tree1:>10.0} sentences/s ({:.0}x PETRARCH2's {PETRARCH2_RATE:.0}/s)", tree1 / PETRARCH2_RATE);
    println!("text mode, 1 thread        {text1:>10.0} sentences/s ({:.0}x, no parser needed)", text1 / PETRARCH2_RATE);
    println!("tree mode, {threads} threads       {tree_n:>10.0} sentences/s ({:.0}x)", tree_n / PETRARCH2_RATE);
    println!("text mode, {threads} threads       {text_n:>10.0} sentences/s ({:.0}x)", text_n / PETRARCH2_RATE);
    println!("sentences coded per run    {n:>10} ({} records of {} repeated; {tree_events} events tree, {text_events} text)", recs.len(), records.display());
    if let Some(rss) = rss {
        println!("peak resident memory       {rss:>10.1} MiB (PETRARCH2 {PETRARCH2_MIB:.0} MiB)");
    }
    Ok(ExitCode::SUCCESS)
}
