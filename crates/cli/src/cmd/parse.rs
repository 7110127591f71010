//! `demarche parse`, `demarche parser train` and `demarche parser eval`: the embedded tagger and
//! parser (`demarche-parse`) on documents and CoNLL-U files.

use crate::args::{InputArgs, InputFormat, ParseArgs, ParseFormat, ParseInputFormat, ParserEvalArgs, ParserTrainArgs};
use crate::input;
use anyhow::Context;
use demarche_parse::conllu::{self, Sentence};
use demarche_parse::{Model, Parse, Parser};
use rayon::prelude::*;
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The model the flags ask for: a file, else the built-in one.
fn load_model(path: Option<&Path>) -> anyhow::Result<&'static Model> {
    match path {
        None => Ok(Model::builtin()?),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            let m = Model::from_bytes(&bytes).with_context(|| format!("{}", p.display()))?;
            Ok(Box::leak(Box::new(m)))
        }
    }
}

/// Read a CoNLL-U file (or `-`).
fn read_conllu(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("-: cannot read standard input")?;
        s
    } else {
        std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?
    };
    conllu::read(&text).with_context(|| format!("{}", path.display()))
}

/// One sentence of `--format json`.
fn json_sentence(model: &Model, p: &Parse, doc: &str, n: usize, offset: usize, line: Option<usize>) -> serde_json::Value {
    let words: Vec<serde_json::Value> = p
        .words()
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let form = p.form(i);
            serde_json::json!({
                "id": i + 1,
                "form": form,
                "lemma": model.lemma(form, w.tag),
                "upos": model.upos(w.tag),
                "xpos": model.xpos(w.tag),
                "head": w.head.map_or(0, |h| h + 1),
                "deprel": model.rel(w.rel),
                "start": offset + w.start,
                "end": offset + w.end,
            })
        })
        .collect();
    let nps: Vec<serde_json::Value> = p
        .noun_phrases(model)
        .iter()
        .map(|np| serde_json::json!({"head": np.head + 1, "first": np.first + 1, "last": np.last + 1}))
        .collect();
    let mut v = serde_json::json!({"doc": doc, "sentence": n, "text": p.text(), "words": words, "noun_phrases": nps});
    if let Some(l) = line {
        v["line"] = serde_json::json!(l);
    }
    v
}

pub fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let model = load_model(args.model.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut sentences, mut failed, mut ok) = (0usize, 0usize, 0usize);
    if args.input_format == Some(ParseInputFormat::Conllu) {
        for path in &args.files {
            let sents = match read_conllu(path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("demarche: {e:#}");
                    failed += 1;
                    continue;
                }
            };
            ok += 1;
            let id = path.display().to_string();
            let chunks: Vec<String> = pool.install(|| {
                sents
                    .par_chunks(256)
                    .enumerate()
                    .map_init(
                        || (model.parser(), Parse::default()),
                        |(parser, parse), (c, chunk)| {
                            let mut text = String::new();
                            for (k, s) in chunk.iter().enumerate() {
                                let r = parser.reparse(s, parse);
                                match args.format {
                                    ParseFormat::Conllu => r.write(&mut text),
                                    ParseFormat::Json => {
                                        let v = json_sentence(model, parse, &id, c * 256 + k + 1, 0, Some(s.line));
                                        text.push_str(&v.to_string());
                                        text.push('\n');
                                    }
                                }
                            }
                            text
                        },
                    )
                    .collect()
            });
            for c in chunks {
                out.write_all(c.as_bytes())?;
            }
            sentences += sents.len();
        }
    } else {
        let input = InputArgs {
            files: args.files.clone(),
            date: None,
            lossy: args.lossy,
            input_format: args.input_format.map(|f| match f {
                ParseInputFormat::Text | ParseInputFormat::Conllu => InputFormat::Text,
                ParseInputFormat::Html => InputFormat::Html,
                ParseInputFormat::Jsonl => InputFormat::Jsonl,
                ParseInputFormat::Xml => InputFormat::Xml,
            }),
            author: None,
            author_country: None,
        };
        let mut docs = input::Stream::new(&input);
        let parse_doc = |(parser, parse): &mut (Parser<'_>, Parse), d: &demarche_documents::Document| {
            let mut text = String::new();
            let n = parse_document(parser, parse, &d.id, &d.text, d.title.as_deref(), args.format, &mut text);
            (text, n)
        };
        input::in_chunks(
            &mut docs,
            input::CHUNK,
            &pool,
            || (model.parser(), Parse::default()),
            parse_doc,
            |_, (text, n)| {
                out.write_all(text.as_bytes())?;
                sentences += n;
                Ok(())
            },
        )?;
        failed += docs.failed;
        ok += docs.read;
    }
    out.flush()?;
    eprintln!(
        "demarche parse: {sentences} sentences in {:.2?}{}",
        started.elapsed(),
        if failed > 0 { format!(", {failed} inputs failed") } else { String::new() }
    );
    Ok(super::batch_exit(failed, ok))
}

/// Segment, tokenise, tag and parse a document, appending the output to `out`; returns the
/// number of sentences.
fn parse_document(
    parser: &mut Parser<'_>,
    parse: &mut Parse,
    id: &str,
    text: &str,
    title: Option<&str>,
    format: ParseFormat,
    out: &mut String,
) -> usize {
    let model = parser.model();
    let sentences = demarche_segment::segment(text, title);
    let mut n = 0;
    for s in &sentences {
        let sentence = s.span.slice(text);
        parser.parse_text(sentence, parse);
        if parse.is_empty() {
            continue;
        }
        n += 1;
        match format {
            ParseFormat::Conllu => {
                if n == 1 {
                    out.push_str(&format!("# newdoc id = {id}\n"));
                }
                out.push_str(&format!("# sent_id = {id}-{n}\n# text = {}\n", sentence.replace(['\n', '\r'], " ")));
                parse.write_conllu(model, out);
                out.push('\n');
            }
            ParseFormat::Json => {
                let v = json_sentence(model, parse, id, n, s.span.start, Some(s.line));
                out.push_str(&v.to_string());
                out.push('\n');
            }
        }
    }
    n
}

pub fn train(args: &ParserTrainArgs) -> anyhow::Result<ExitCode> {
    let train = read_conllu(&args.train)?;
    let dev = match &args.dev {
        Some(p) => read_conllu(p)?,
        None => Vec::new(),
    };
    let opts = demarche_parse::TrainOptions {
        seed: args.seed,
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        jackknife: args.jackknife,
        explore_from: args.explore_from,
        explore_per_mille: args.explore.min(1000),
        min_weight: args.min_weight,
        max_bytes: (args.max_mb.max(0.0) * 1e6) as usize,
    };
    let model = demarche_parse::train(&train, &dev, &opts, &mut |line| eprintln!("{line}"))?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("{}: cannot write", args.out.display()))?;
    let (tags, rels, (tf, tw), (pf, pw)) = model.sizes();
    eprintln!(
        "wrote {} ({:.1} MB): {tags} tag classes, {rels} relations; tagger {tf} features / {tw} weights, parser {pf} features / {pw} weights",
        args.out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

pub fn eval(args: &ParserEvalArgs) -> anyhow::Result<ExitCode> {
    let gold = read_conllu(&args.gold)?;
    let started = Instant::now();
    let system = match &args.system {
        Some(p) => read_conllu(p)?,
        None => {
            let model = load_model(args.model.as_deref())?;
            eprintln!("model: {}", model.info());
            let mut parser = model.parser();
            let mut parse = Parse::default();
            gold.iter().map(|s| parser.reparse(s, &mut parse)).collect()
        }
    };
    let elapsed = started.elapsed();
    let scores = demarche_parse::score(&gold, &system)?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({"upos": scores.upos_pct(), "uas": scores.uas_pct(), "las": scores.las_pct(), "words": scores.words, "sentences": scores.sentences})
        );
    } else {
        println!("{scores}");
    }
    if args.system.is_none() {
        eprintln!("parsed {} sentences in {:.2?} (1 thread)", scores.sentences, elapsed);
    }
    let mut low = Vec::new();
    for (name, got, min) in
        [("UPOS", scores.upos_pct(), args.min_upos), ("UAS", scores.uas_pct(), args.min_uas), ("LAS", scores.las_pct(), args.min_las)]
    {
        if let Some(m) = min {
            if got < m {
                low.push(format!("{name} {got:.2} < {m}"));
            }
        }
    }
    if !low.is_empty() {
        eprintln!("demarche parser eval: below the threshold: {}", low.join(", "));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
