//! `demarche eval quad`: accuracy and macro-F1 of the first event's Phoenix quad class.

use crate::args::EvalQuadArgs;
use anyhow::{bail, Context};
use rayon::prelude::*;
use std::process::ExitCode;

/// Label used for "no event coded": always wrong.
const NONE: usize = 5;

pub fn quad(args: &EvalQuadArgs) -> anyhow::Result<ExitCode> {
    let mut coder = super::load_builtin(&args.coder)?;
    // A labelled sentence is judged on its first event, whether or not a target was found.
    coder.options.allow_one_sided = true;
    coder.options.allow_actorless = !args.require_actors;
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("{}: cannot read", args.file.display()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((sentence, label)) = line.rsplit_once('\t') else {
            bail!("{}:{}: expected `sentence<TAB>label`", args.file.display(), i + 1);
        };
        let label: usize = match label.trim().parse() {
            Ok(l) if l <= 4 => l,
            _ => bail!("{}:{}: expected a label 0-4, found {:?}", args.file.display(), i + 1, label),
        };
        rows.push((sentence.to_string(), label));
    }
    let predicted: Vec<usize> = rows
        .par_iter()
        .map(|(s, _)| {
            let coded = coder.code("eval", s, None, None);
            coded.events.first().and_then(|e| coder.table.get(&e.code)).map(|e| e.phoenix_quad() as usize).unwrap_or(NONE)
        })
        .collect();
    let mut confusion = [[0usize; 6]; 5];
    for ((_, gold), p) in rows.iter().zip(&predicted) {
        confusion[*gold][*p] += 1;
    }
    let n = rows.len();
    let correct: usize = (0..5).map(|k| confusion[k][k]).sum();
    let mut f1s = Vec::new();
    #[allow(clippy::needless_range_loop)] // k indexes both axes of the confusion matrix
    for k in 0..5 {
        let tp = confusion[k][k] as f64;
        let fp: f64 = (0..5).filter(|g| *g != k).map(|g| confusion[g][k] as f64).sum();
        let fn_: f64 = (0..6).filter(|p| *p != k).map(|p| confusion[k][p] as f64).sum();
        let prec = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let rec = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        f1s.push(if prec + rec > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 });
    }
    let macro_f1 = f1s.iter().sum::<f64>() / 5.0;
    let accuracy = if n > 0 { correct as f64 / n as f64 } else { 0.0 };
    let no_event = predicted.iter().filter(|p| **p == NONE).count();
    if args.json {
        println!(
            "{}",
            serde_json::json!({"sentences": n, "accuracy": accuracy, "macro_f1": macro_f1, "f1_per_class": f1s, "no_event": no_event, "confusion": confusion})
        );
    } else {
        println!("sentences  {n}");
        println!("accuracy   {accuracy:.3}");
        println!("macro-F1   {macro_f1:.3}");
        println!("no event   {no_event}");
        println!("per class  {}", f1s.iter().enumerate().map(|(k, f)| format!("{k}:{f:.3}")).collect::<Vec<_>>().join("  "));
        println!("confusion (rows gold 0-4, columns predicted 0-4 and none):");
        for (k, row) in confusion.iter().enumerate() {
            println!("  {k}: {}", row.iter().map(|c| format!("{c:>5}")).collect::<String>());
        }
    }
    if args.errors > 0 {
        for ((s, gold), p) in rows.iter().zip(&predicted).filter(|((_, g), p)| *g != **p).take(args.errors) {
            eprintln!("gold {gold} got {}: {s}", if *p == NONE { "none".to_string() } else { p.to_string() });
        }
    }
    Ok(ExitCode::SUCCESS)
}
