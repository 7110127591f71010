//! Coding throughput (sentences/s on one core) with the full built-in dictionaries on a
//! generated corpus of 100,000 sentences; the event count is checked on every iteration.
#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use demarche_events::Coder;

fn bench(c: &mut Criterion) {
    c.bench_function("code/load built-in dictionaries", |b| b.iter(|| Coder::builtin().map(|c| c.dictionary.len())));
    let coder = Coder::builtin().expect("coder");
    let corpus = demarche_core::corpus::generate(100_000, 5);
    let date = demarche_core::dates::parse_date("2025-01-22");
    let mut group = c.benchmark_group("code");
    group.sample_size(10);
    group.throughput(Throughput::Elements(corpus.sentences as u64));
    group.bench_function(format!("{} sentences, 1 thread", corpus.sentences), |b| {
        b.iter(|| {
            let events: usize = corpus.documents.iter().map(|d| coder.code("b", d, None, date).events.len()).sum();
            assert_eq!(events, corpus.expected_events);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
