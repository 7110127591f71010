//! Segmentation throughput (MB/s) on a generated corpus of at least 50 MB.
#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let mut corpus = demarche_core::corpus::generate(200_000, 1);
    while corpus.bytes() < 50 * 1024 * 1024 {
        let more = demarche_core::corpus::generate(200_000, corpus.documents.len() as u64 + 1);
        corpus.documents.extend(more.documents);
        corpus.sentences += more.sentences;
    }
    let text = corpus.joined();
    let expected = demarche_segment::segment(&text, None).len();
    assert!(expected >= corpus.sentences, "segmentation lost sentences: {expected} < {}", corpus.sentences);
    let mut group = c.benchmark_group("segment");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(format!("{} MB", text.len() / (1024 * 1024)), |b| {
        b.iter(|| {
            let n = demarche_segment::segment(std::hint::black_box(&text), None).len();
            assert_eq!(n, expected);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
