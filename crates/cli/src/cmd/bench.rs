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

/// CPU time this thread has run, in ms (Linux), if known: on a shared machine it tells the work
/// done where wall time also counts waiting for a core.
fn thread_cpu_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

/// CPU time (user + system) this process, all its threads, has run, in seconds (Linux), if
/// known: fields 14 and 15 of `/proc/self/stat`, in USER_HZ ticks (100 per second, fixed by
/// the kernel's interface).
fn process_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = s.get(s.rfind(')')? + 1..)?.split_whitespace();
    let utime: f64 = fields.nth(11)?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Median wall and CPU milliseconds of 7 runs.
fn median_ms_cpu(mut f: impl FnMut()) -> (f64, Option<f64>) {
    let mut cpu: Vec<f64> = Vec::new();
    let wall = median_ms(|| {
        let c = thread_cpu_ms();
        f();
        if let (Some(a), Some(b)) = (c, thread_cpu_ms()) {
            cpu.push(b - a);
        }
    });
    cpu.sort_by(f64::total_cmp);
    (wall, cpu.get(cpu.len() / 2).copied())
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
    if args.scaling {
        return scaling(args);
    }
    if let (Some(dir), Some(records)) = (&args.dictionaries, &args.records) {
        return petrarch(args, dir, records);
    }
    if args.parse_only {
        let f = bench_parse(args.sentences)?;
        if args.json {
            println!("{f}");
        } else {
            print_parse(&f);
            if let Some(rss) = peak_rss_mib() {
                println!("peak resident memory       {rss:>10.1} MiB");
            }
        }
        return Ok(ExitCode::SUCCESS);
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
    let (kb_ms, kb_cpu_ms) = median_ms_cpu(|| {
        let _ = demarche_actors::KnowledgeBase::builtin();
    });
    let (tsv_ms, _) = median_ms_cpu(|| {
        let _ = demarche_actors::KnowledgeBase::builtin_from_tsv();
    });
    let kb_rss = peak_rss_mib();
    let kb = demarche_actors::KnowledgeBase::builtin()?;
    let kb_counts = {
        use demarche_actors::EntityKind as K;
        serde_json::json!({
            "files": kb.files(), "entities": kb.len(), "phrases": kb.phrases(),
            "countries": kb.count(K::Country), "organizations": kb.count(K::Organization),
            "metonyms": kb.count(K::Metonym), "people": kb.count(K::Person), "groups": kb.count(K::Group),
        })
    };
    drop(kb);
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
    let seg_cpu0 = process_cpu_s();
    let segmented = demarche_segment::segment(&text, None).len();
    let seg_s = t.elapsed().as_secs_f64();
    // CPU time of every thread (a text this long is segmented on every core): the figure that
    // holds on a loaded machine.
    let seg_cpu_s = seg_cpu0.zip(process_cpu_s()).map(|(a, b)| b - a).filter(|s| *s > 0.0);
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
    let rec_cpu0 = thread_cpu_ms();
    let mentions: usize = docs.iter().map(|(d, s)| demarche_actors::analyze(&coder.kb, d, s, date).len()).sum();
    let rec_s = t.elapsed().as_secs_f64();
    let rec_cpu_s = rec_cpu0.zip(thread_cpu_ms()).map(|(a, b)| (b - a) / 1000.0);
    let t = Instant::now();
    let code_cpu0 = thread_cpu_ms();
    let events: usize = c.documents.iter().map(|d| coder.code("b", d, None, date).events.len()).sum();
    let code_s = t.elapsed().as_secs_f64();
    let code_cpu_s = code_cpu0.zip(thread_cpu_ms()).map(|(a, b)| (b - a) / 1000.0).filter(|s| *s > 0.0);
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
    let parse_figures = bench_parse(args.sentences)?;
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
        "knowledge_base_load_cpu_ms": kb_cpu_ms,
        "knowledge_base_parse_tsv_ms": tsv_ms,
        "knowledge_base_peak_rss_mib": kb_rss,
        "knowledge_base": kb_counts,
        "verb_dictionary_load_ms": dict_ms,
        "segment_mb": args.mb,
        "segment_mb_per_s": args.mb as f64 / seg_s,
        "segment_mb_per_cpu_s": seg_cpu_s.map(|cpu| args.mb as f64 / cpu),
        "recognize_sentences": c.sentences,
        "recognize_sentences_per_s": c.sentences as f64 / rec_s,
        "recognize_sentences_per_cpu_s": rec_cpu_s.map(|cpu| c.sentences as f64 / cpu),
        "recognize_units": mentions,
        "code_sentences": c.sentences,
        "code_events": events,
        "code_sentences_per_s_1_thread": c.sentences as f64 / code_s,
        "code_sentences_per_cpu_s": code_cpu_s.map(|cpu| c.sentences as f64 / cpu),
        "code_sentences_per_s_all_threads": c.sentences as f64 / par_s,
        "threads": threads,
        "peak_rss_mib": peak_rss_mib(),
    });
    let mut figures = figures;
    if let (Some(map), serde_json::Value::Object(extra)) = (figures.as_object_mut(), parse_figures.clone()) {
        map.extend(extra);
    }
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
        println!(
            "gazetteer load             {geo_ms:>10.1} ms (median of 7; first {geo_first_ms:.1} ms), {:.1} MiB resident",
            geo_mib.unwrap_or(f64::NAN)
        );
        println!(
            "geocoding                  {:>10.0} sentences/s (1 thread), adds {:.1}% to coding time",
            c.sentences as f64 / geo_s,
            100.0 * geo_s / (code_s - geo_s).max(1e-9)
        );
        println!("knowledge base load        {kb_ms:>10.1} ms (median of 7; {:.1} ms CPU)", kb_cpu_ms.unwrap_or(f64::NAN));
        println!("knowledge base from TSV    {tsv_ms:>10.1} ms (parsing the sources instead of the compiled form)");
        println!("knowledge base             {:>10} entities: {}", figures["knowledge_base"]["entities"], figures["knowledge_base"]);
        if let Some(rss) = kb_rss {
            println!("peak memory after load     {rss:>10.1} MiB");
        }
        println!("verb dictionary load       {dict_ms:>10.1} ms (median of 7)");
        match seg_cpu_s {
            Some(cpu) => println!(
                "segmentation               {:>10.1} MB/s over {} MB ({:.1} MB per second of CPU, all threads)",
                args.mb as f64 / seg_s,
                args.mb,
                args.mb as f64 / cpu
            ),
            None => println!("segmentation               {:>10.1} MB/s over {} MB", args.mb as f64 / seg_s, args.mb),
        }
        println!(
            "actor recognition          {:>10.0} sentences/s (1 thread; {:.0} per second of CPU)",
            c.sentences as f64 / rec_s,
            rec_cpu_s.map_or(f64::NAN, |cpu| c.sentences as f64 / cpu)
        );
        match code_cpu_s {
            Some(cpu) => println!(
                "event coding               {:>10.0} sentences/s (1 thread; {:.0} per second of CPU), {} events as expected",
                c.sentences as f64 / code_s,
                c.sentences as f64 / cpu,
                events
            ),
            None => println!(
                "event coding               {:>10.0} sentences/s (1 thread), {} events as expected",
                c.sentences as f64 / code_s,
                events
            ),
        }
        println!("event coding               {:>10.0} sentences/s ({threads} threads)", c.sentences as f64 / par_s);
        print_parse(&parse_figures);
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
    let docs = bench_documents(n);
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
            (0..n)
                .into_par_iter()
                .map(|i| {
                    let r = recs[i % recs.len()];
                    dicts.code(&r.text, r.parse.as_deref(), r.date, mode, &opts).events().len()
                })
                .sum()
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
    println!(
        "PETRARCH dictionaries: {} ({} verb patterns in {} blocks, {} actor/agent phrases)",
        dir.display(),
        dicts.verbs.pattern_count(),
        dicts.verbs.blocks.len(),
        dicts.actors.phrase_count()
    );
    println!(
        "dictionary load            {load_ms:>10.1} ms median ({first_load_ms:.1} ms first; PETRARCH2 {:.0} ms: {:.0}x)",
        PETRARCH2_LOAD_S * 1000.0,
        PETRARCH2_LOAD_S * 1000.0 / load_ms
    );
    println!("tree mode, 1 thread        {tree1:>10.0} sentences/s ({:.0}x PETRARCH2's {PETRARCH2_RATE:.0}/s)", tree1 / PETRARCH2_RATE);
    println!("text mode, 1 thread        {text1:>10.0} sentences/s ({:.0}x, no parser needed)", text1 / PETRARCH2_RATE);
    println!("tree mode, {threads} threads       {tree_n:>10.0} sentences/s ({:.0}x)", tree_n / PETRARCH2_RATE);
    println!("text mode, {threads} threads       {text_n:>10.0} sentences/s ({:.0}x)", text_n / PETRARCH2_RATE);
    println!(
        "sentences coded per run    {n:>10} ({} records of {} repeated; {tree_events} events tree, {text_events} text)",
        recs.len(),
        records.display()
    );
    if let Some(rss) = rss {
        println!("peak resident memory       {rss:>10.1} MiB (PETRARCH2 {PETRARCH2_MIB:.0} MiB)");
    }
    Ok(ExitCode::SUCCESS)
}

/// The embedded parser on raw generated text: model load, then segment, tokenise, tag and parse
/// every sentence on one thread; every sentence must come out as a tree with one root.
fn bench_parse(sentences: usize) -> anyhow::Result<serde_json::Value> {
    let cpu_load0 = thread_cpu_s();
    let load_ms = median_ms(|| {
        let _ = demarche_parse::Model::load_builtin();
    });
    let load_cpu_ms = match (cpu_load0, thread_cpu_s()) {
        (Some(a), Some(b)) => Some((b - a) * 1000.0 / 7.0),
        _ => None,
    };
    let model = demarche_parse::Model::builtin()?;
    let c = corpus::generate(sentences, 7);
    let mut parser = model.parser();
    let mut parse = demarche_parse::Parse::default();
    let t = Instant::now();
    let cpu0 = thread_cpu_s();
    let (mut n, mut words, mut roots) = (0usize, 0usize, 0usize);
    for d in &c.documents {
        for s in demarche_segment::segment(d, None) {
            parser.parse_text(s.span.slice(d), &mut parse);
            n += 1;
            words += parse.len();
            roots += parse.words().iter().filter(|w| w.head.is_none()).count();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_s()) {
        (Some(a), Some(b)) if b > a => Some(b - a),
        _ => None,
    };
    if n < c.sentences || roots != n {
        bail!("parsed {n} sentences with {roots} roots, expected at least {} sentences with one root each", c.sentences);
    }
    Ok(serde_json::json!({
        "parse_model_load_ms": load_ms,
        "parse_model_load_cpu_ms": load_cpu_ms,
        "parse_sentences": n,
        "parse_words": words,
        "parse_sentences_per_s_1_thread": n as f64 / secs,
        "parse_words_per_s_1_thread": words as f64 / secs,
        // On a shared machine wall time includes waiting for the CPU: this is per CPU second.
        "parse_sentences_per_cpu_s": cpu.map(|c| n as f64 / c),
    }))
}

fn print_parse(f: &serde_json::Value) {
    println!(
        "parser model load          {:>10.1} ms (median of 7; {:.1} ms of CPU time on average)",
        f["parse_model_load_ms"].as_f64().unwrap_or(0.0),
        f["parse_model_load_cpu_ms"].as_f64().unwrap_or(0.0)
    );
    println!(
        "parsing raw text           {:>10.0} sentences/s (1 thread; segment, tokenise, tag, parse; {} sentences, {:.0} words/s)",
        f["parse_sentences_per_s_1_thread"].as_f64().unwrap_or(0.0),
        f["parse_sentences"],
        f["parse_words_per_s_1_thread"].as_f64().unwrap_or(0.0)
    );
    if let Some(c) = f["parse_sentences_per_cpu_s"].as_f64() {
        println!("parsing raw text           {c:>10.0} sentences per CPU second (the same run, time on the CPU only)");
    }
}

/// CPU time of the calling thread in seconds (Linux, from /proc; 10 ms resolution).
fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Reset the peak resident memory (VmHWM) to the current size, so the next step's peak is its
/// own (Linux: `/proc/self/clear_refs`).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Generated bench documents `0..n` (the same documents for every n: a bigger step extends
/// a smaller one), dated over six years.
fn bench_documents(n: usize) -> Vec<demarche_documents::Document> {
    bench_stream(n).collect()
}

/// [`bench_documents`] made lazily: a block of generated texts at a time, so that a streaming
/// command's memory can be measured on them.
fn bench_stream(n: usize) -> impl Iterator<Item = demarche_documents::Document> + Send {
    (100u64..).flat_map(|seed| corpus::generate(20_000, seed).documents).take(n).enumerate().map(|(i, text)| {
        let date = chrono::NaiveDate::from_ymd_opt(2020 + (i % 6) as i32, 1 + (i / 6 % 12) as u32, 1 + (i / 72 % 28) as u32);
        demarche_documents::Document::from_text(format!("bench-{i}"), text, date)
    })
}

/// The growth exponent of `t` against `n`: the least-squares slope of log t over log n (1:
/// linear; 2: quadratic).
fn exponent(points: &[(f64, f64)]) -> Option<f64> {
    let pts: Vec<(f64, f64)> = points.iter().filter(|(n, t)| *n > 0.0 && *t > 0.0).map(|(n, t)| (n.ln(), t.ln())).collect();
    if pts.len() < 2 {
        return None;
    }
    let k = pts.len() as f64;
    let (mx, my) = (pts.iter().map(|p| p.0).sum::<f64>() / k, pts.iter().map(|p| p.1).sum::<f64>() / k);
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

/// `demarche bench --scaling`: double the input `steps - 1` times from `--scaling-docs`
/// documents; for each step time `code` (parallel), `ingest` into a fresh store, re-ingest of
/// the unchanged input, and the store queries at that size (`relations`, a 100-row dyad page,
/// a keyset page deep in the listing, CSV export); print time and peak memory per step, the
/// process's CPU time for coding, ingest and export, and the growth exponent of each curve.
pub fn scaling(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let coder = demarche_events::Coder::builtin()?;
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    let dir = std::env::temp_dir().join(format!("demarche-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let steps = args.scaling_steps.max(2);
    let mut rows: Vec<serde_json::Value> = Vec::new();
    // Wall-clock curves, then the CPU time of the process in the same phases (on a shared
    // machine wall time also counts waiting for a core; CPU time is the work done).
    let curves = [
        "code_s",
        "ingest_s",
        "reingest_s",
        "relations_ms",
        "dyad_page_ms",
        "deep_page_ms",
        "export_s",
        "code_cpu_s",
        "ingest_cpu_s",
        "export_cpu_s",
    ];
    let mut points: Vec<Vec<(f64, f64)>> = vec![Vec::new(); curves.len()];
    if !args.json {
        println!(
            "{:>9} {:>9} | {:>8} {:>7} | {:>8} {:>9} {:>7} | {:>8} {:>8} | {:>9} {:>9} {:>9} {:>9} {:>7} | {:>8} {:>8} {:>8}",
            "documents",
            "events",
            "code s",
            "MiB",
            "ingest s",
            "events/s",
            "MiB",
            "reingest",
            "% ingest",
            "relat. ms",
            "dyad ms",
            "deep ms",
            "export s",
            "MiB",
            "code cpu",
            "ingest c",
            "export c"
        );
    }
    for step in 0..steps {
        let n = args.scaling_docs << step;
        // code: the streaming pipeline of `demarche code` over documents generated as they are
        // read, events counted, nothing kept: its peak memory must not grow with `n`.
        reset_peak_rss();
        let t = Instant::now();
        let cpu = process_cpu_s();
        let mut events = 0usize;
        let code = |_: &mut (), d: &demarche_documents::Document| coder.code(&d.id, &d.text, None, d.date).events.len();
        crate::input::in_chunks(
            &mut bench_stream(n),
            crate::input::CHUNK,
            &pool,
            || (),
            code,
            |_, k| {
                events += k;
                Ok(())
            },
        )?;
        let code_s = t.elapsed().as_secs_f64();
        let code_cpu_s = cpu.zip(process_cpu_s()).map(|(a, b)| b - a);
        let code_mib = peak_rss_mib();
        // ingest into a fresh store, then again (unchanged).
        let path = dir.join(format!("scaling-{n}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        reset_peak_rss();
        let mut store = demarche_store::Store::open(&path)?;
        let reader = demarche_store::Store::open(&path)?;
        let bar = indicatif::ProgressBar::hidden();
        let t = Instant::now();
        let cpu = process_cpu_s();
        let mut tally = super::store::Tally::default();
        super::store::ingest_stream(&coder, &mut store, Some(&reader), bench_stream(n), 256, &pool, &bar, &mut tally)?;
        let ingest_s = t.elapsed().as_secs_f64();
        let ingest_cpu_s = cpu.zip(process_cpu_s()).map(|(a, b)| b - a);
        let ingest_mib = peak_rss_mib();
        let t = Instant::now();
        let mut again = super::store::Tally::default();
        super::store::ingest_stream(&coder, &mut store, Some(&reader), bench_stream(n), 256, &pool, &bar, &mut again)?;
        let reingest_s = t.elapsed().as_secs_f64();
        if tally.events as usize != events || again.unchanged as usize != n {
            bail!("ingest stored {} events (coding gave {events}); re-ingest left {} of {n} unchanged", tally.events, again.unchanged);
        }
        // queries.
        let q = demarche_store::RelationsQuery::new("RUS", "ARM", demarche_store::Period::Month);
        let relations_ms = median_ms(|| {
            let _ = reader.relations(&q);
        });
        let page = demarche_store::EventFilter { dyad: Some(("RUS".into(), "ARM".into())), limit: 100, ..Default::default() };
        let dyad_page_ms = median_ms(|| {
            let _ = reader.events(&page);
        });
        // The page after the event in the middle of the listing (keyset).
        let all = demarche_store::EventFilter { limit: 1, offset: tally.events as usize / 2, ..Default::default() };
        let middle = reader.events(&all)?.pop().map(|e| demarche_store::Cursor::after(&e));
        let deep = demarche_store::EventFilter { limit: 100, cursor: middle, ..Default::default() };
        let deep_page_ms = median_ms(|| {
            let _ = reader.events(&deep);
        });
        reset_peak_rss();
        let t = Instant::now();
        let cpu = process_cpu_s();
        let exported = demarche_store::export::export_in(
            &reader,
            &demarche_store::EventFilter::default(),
            demarche_store::export::Format::Csv,
            demarche_store::export::Order::Stored,
            &mut std::io::sink(),
        )?;
        let export_s = t.elapsed().as_secs_f64();
        let export_cpu_s = cpu.zip(process_cpu_s()).map(|(a, b)| b - a);
        let export_mib = peak_rss_mib();
        if exported != events {
            bail!("exported {exported} events, stored {events}");
        }
        drop((store, reader));
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let values = [code_s, ingest_s, reingest_s, relations_ms, dyad_page_ms, deep_page_ms, export_s];
        let cpu_values = [code_cpu_s, ingest_cpu_s, export_cpu_s];
        for (p, v) in points.iter_mut().zip(values.into_iter().map(Some).chain(cpu_values)) {
            if let Some(v) = v {
                p.push((n as f64, v));
            }
        }
        let row = serde_json::json!({
            "documents": n, "events": events, "code_s": code_s, "code_peak_mib": code_mib,
            "ingest_s": ingest_s, "ingest_events_per_s": events as f64 / ingest_s, "ingest_peak_mib": ingest_mib,
            "reingest_s": reingest_s, "reingest_share": reingest_s / ingest_s,
            "relations_ms": relations_ms, "dyad_page_ms": dyad_page_ms, "deep_page_ms": deep_page_ms,
            "export_s": export_s, "export_events_per_s": events as f64 / export_s, "export_peak_mib": export_mib,
            "code_cpu_s": code_cpu_s, "ingest_cpu_s": ingest_cpu_s, "export_cpu_s": export_cpu_s,
            "store_bytes_per_event": bytes as f64 / events.max(1) as f64,
        });
        if !args.json {
            println!(
                "{:>9} {:>9} | {:>8.2} {:>7.0} | {:>8.2} {:>9.0} {:>7.0} | {:>8.2} {:>7.1}% | {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>7.0} | {:>8.2} {:>8.2} {:>8.2}",
                n,
                events,
                code_s,
                code_mib.unwrap_or(0.0),
                ingest_s,
                events as f64 / ingest_s,
                ingest_mib.unwrap_or(0.0),
                reingest_s,
                100.0 * reingest_s / ingest_s,
                relations_ms,
                dyad_page_ms,
                deep_page_ms,
                export_s,
                export_mib.unwrap_or(0.0),
                code_cpu_s.unwrap_or(f64::NAN),
                ingest_cpu_s.unwrap_or(f64::NAN),
                export_cpu_s.unwrap_or(f64::NAN)
            );
        }
        rows.push(row);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let exponents: serde_json::Map<String, serde_json::Value> = curves
        .iter()
        .zip(&points)
        .map(|(c, p)| (c.to_string(), serde_json::json!(exponent(p).map(|e| (e * 100.0).round() / 100.0))))
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({"steps": rows, "time_exponents": exponents}))?);
    } else {
        let line: Vec<String> =
            exponents.iter().map(|(c, e)| format!("{c} {}", e.as_f64().map(|e| format!("{e:.2}")).unwrap_or_else(|| "-".into()))).collect();
        println!("growth exponents (1.00 = linear; queries should stay near 0): {}", line.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
