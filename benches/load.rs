//! Loading and indexing 100,000 articles, against merely reading and
//! JSON-parsing the same file, in the same run.
//!
//! `cargo bench --bench load`. Targets (issue: corpora of 100,000 articles):
//! load and index the JSONL within 1.5 s and within 3x the baseline; the
//! folder form within 2x the JSONL form. The summary prints the ratios.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::actors::Extraction;
use dossier::corpus::Corpus;
use dossier::library::Library;
use serde::Deserialize;

/// What "merely JSON-parsing" an article means: its two strings.
#[derive(Deserialize)]
struct Plain {
    #[allow(dead_code)]
    title: String,
    #[allow(dead_code)]
    body: String,
}

/// The baseline: read the file line by line and parse each line into two
/// owned strings, on one thread, as a plain program would.
fn baseline(path: &Path) -> usize {
    let file = std::fs::File::open(path).expect("bench corpus opens");
    let mut n = 0;
    for line in BufReader::with_capacity(1 << 20, file).lines() {
        let line = line.expect("readable");
        if serde_json::from_str::<Plain>(&line).is_ok() {
            n += 1;
        }
    }
    n
}

fn dossier(path: &Path, gaz: &Extraction) -> usize {
    let corpus = Corpus::load_path(path).expect("bench corpus loads");
    Library::build(corpus, gaz).index.docs()
}

fn seconds(f: impl Fn() -> usize) -> f64 {
    let mut v: Vec<f64> = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    common::median(&mut v)
}

fn bench(c: &mut Criterion) {
    let Some(jsonl) = common::big_jsonl() else {
        return;
    };
    let folder = common::corpus("big100k", 100_000);
    let gaz = Extraction::builtin();

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("baseline: read and JSON-parse the JSONL", |b| {
        b.iter(|| baseline(&jsonl))
    });
    group.bench_function("dossier: load and index the JSONL", |b| {
        b.iter(|| dossier(&jsonl, &gaz))
    });
    if let Some(folder) = &folder {
        group.bench_function("dossier: load and index the folder", |b| {
            b.iter(|| dossier(folder, &gaz))
        });
    }
    group.finish();

    let base = seconds(|| baseline(&jsonl));
    let from_jsonl = seconds(|| dossier(&jsonl, &gaz));
    eprintln!(
        "load summary: baseline {base:.2} s; JSONL load+index {from_jsonl:.2} s = {:.2}x baseline (target <= 3x, and <= 1.5 s)",
        from_jsonl / base
    );
    if let Some(folder) = &folder {
        let from_folder = seconds(|| dossier(folder, &gaz));
        eprintln!(
            "load summary: folder load+index {from_folder:.2} s = {:.2}x the JSONL form (target <= 2x)",
            from_folder / from_jsonl
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
