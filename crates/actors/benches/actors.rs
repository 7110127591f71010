//! Actor knowledge-base load time and recognition throughput (sentences/s).
#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use demarche_actors::{analyze, KnowledgeBase};

fn bench(c: &mut Criterion) {
    c.bench_function("actors/load builtin knowledge base", |b| b.iter(|| KnowledgeBase::builtin().map(|kb| kb.len())));
    let mut slow = c.benchmark_group("actors/sources");
    slow.sample_size(10);
    slow.bench_function("parse the TSV files of data/actors", |b| b.iter(|| KnowledgeBase::builtin_from_tsv().map(|kb| kb.len())));
    slow.finish();
    let kb = KnowledgeBase::builtin().expect("kb");
    let corpus = demarche_core::corpus::generate(50_000, 3);
    let docs: Vec<(String, Vec<demarche_segment::Sentence>)> =
        corpus.documents.iter().map(|d| (d.clone(), demarche_segment::segment(d, None))).collect();
    let sentences: usize = docs.iter().map(|(_, s)| s.len()).sum();
    let date = demarche_core::dates::parse_date("2025-01-22");
    let mut group = c.benchmark_group("actors");
    group.sample_size(10);
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function(format!("recognize {sentences} sentences"), |b| {
        b.iter(|| docs.iter().map(|(t, s)| analyze(&kb, t, s, date).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
