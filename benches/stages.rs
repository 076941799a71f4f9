//! Micro-benchmarks of the text stages on the seed articles: normalisation, actor matching,
//! sentence splitting, and one document through mentions and relations.
//! Run with `cargo bench --bench stages`. Whole-corpus speed is measured by `bench/run`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use geokg::gazetteer::Gazetteer;
use geokg::input::{read_all, Document};
use geokg::mentions::{find_mentions, Matcher};
use geokg::relations::find_relations;
use geokg::text::{sentences, Lang, Normalized};

fn seeds() -> Vec<Document> {
    read_all(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        &mut Vec::new(),
    )
    .unwrap()
}

fn stages(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().unwrap();
    let docs = seeds();
    let text: String = docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut group = c.benchmark_group("seeds");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize", |b| b.iter(|| Normalized::new(&text)));
    let matcher = Matcher::new(&gaz);
    let norm = Normalized::new(&text);
    group.bench_function("match", |b| {
        b.iter(|| matcher.slots(&gaz, &text, &norm, geokg::gazetteer::LangSet::ANY))
    });
    group.bench_function("sentences", |b| {
        b.iter(|| sentences::split(&text, gaz.abbreviations(Lang::De)))
    });
    group.bench_function("mentions_and_relations", |b| {
        b.iter(|| {
            for d in &docs {
                let found = find_mentions(&gaz, &matcher, d, None);
                std::hint::black_box(find_relations(&gaz, d, &found));
            }
        })
    });
    group.finish();
    c.bench_function("matcher_build", |b| b.iter(|| Matcher::new(&gaz)));
    c.bench_function("gazetteer_load_and_matcher_build", |b| {
        b.iter(|| {
            let g = Gazetteer::embedded().unwrap();
            Matcher::new(&g)
        })
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
