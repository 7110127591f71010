//! Criterion benchmarks: loading the production dictionaries and coding the Gigaword sample in
//! tree and text mode. They need `../shared/petrarch` (skipped when it is absent).

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use demarche_petrarch::{records, Dictionaries, DictionaryFiles, Mode, Options};
use std::path::Path;

fn shared() -> Option<&'static Path> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/petrarch"));
    p.join("dictionaries/CAMEO.2.0.txt").is_file().then_some(p)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = shared() else {
        eprintln!("../shared/petrarch not found: petrarch benchmarks skipped");
        return;
    };
    let files = DictionaryFiles::production(&dir.join("dictionaries"));
    c.bench_function("load production dictionaries", |b| b.iter(|| Dictionaries::load(&files).expect("load")));
    let dicts = Dictionaries::load(&files).expect("load");
    let file = records::read(&dir.join("gigaword.sample.xml")).expect("sample");
    let recs: Vec<_> = file.records().cloned().collect();
    let opts = Options::default();
    let mut g = c.benchmark_group("code gigaword sample");
    g.throughput(Throughput::Elements(recs.len() as u64));
    for (name, mode) in [("tree", Mode::Tree), ("text", Mode::Text)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for r in &recs {
                    n += dicts.code(&r.text, r.parse.as_deref(), r.date, mode, &opts).events().len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
