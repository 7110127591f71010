//! Criterion benchmark: raw sentences tokenised, tagged and parsed per second with the built-in
//! model, checking the answer (every sentence gets exactly one root).

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use demarche_parse::{Model, Parse};

const SENTENCES: &[&str] = &[
    "Russian Foreign Minister Sergey Lavrov met his Armenian counterpart Ararat Mirzoyan in Moscow on Tuesday.",
    "The two ministers discussed the peace treaty with Azerbaijan and the opening of regional transport links.",
    "An attack on the embassy, blamed by officials on a militant group, killed three guards.",
    "At the request of the French government, the council will meet again next week to consider sanctions.",
    "\"We are not going to accept these demands,\" the spokeswoman said, adding that talks would continue.",
    "China's president spoke today with the leaders of Japan and South Korea about trade and security.",
    "Officials in Hanoi said they had not received any formal proposal from Washington.",
    "The government denied the report.",
];

fn bench(c: &mut Criterion) {
    let model = Model::builtin().expect("built-in model");
    let mut parser = model.parser();
    let mut parse = Parse::default();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(SENTENCES.len() as u64));
    g.bench_function("raw_text_sentences", |b| {
        b.iter(|| {
            let mut roots = 0;
            for s in SENTENCES {
                parser.parse_text(s, &mut parse);
                roots += parse.words().iter().filter(|w| w.head.is_none()).count();
            }
            assert_eq!(roots, SENTENCES.len());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
