//! Per-keystroke filter latency on 100,000 articles, against one
//! case-insensitive substring scan of all the text, in the same run.
//!
//! `cargo bench --bench filter`. Typing is replayed through one engine, as
//! the app's search thread does (cache and incremental narrowing included);
//! each keystroke is measured by criterion from the state the previous
//! keystrokes left, and a summary prints the median keystroke as a ratio of
//! the scan. Targets: median at most half the scan, and under 8 ms.

mod common;

use std::sync::Arc;
use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dossier::actors::Extraction;
use dossier::corpus::Corpus;
use dossier::library::Library;
use dossier::search::{Engine, Query};

/// Three terms, typed one character at a time.
const TYPED: &str = "blair bank rate";

/// Replays typing `TYPED` up to (not including) keystroke `k`.
fn primed(lib: &Arc<Library>, k: usize) -> Engine {
    let mut engine = Engine::new();
    for end in 1..k {
        let q = Query::parse(&TYPED[..end]);
        engine.search(lib, &q, &|| false);
    }
    engine
}

fn bench(c: &mut Criterion) {
    let Some(path) = common::big_jsonl() else {
        return;
    };
    let corpus = Corpus::load_path(&path).expect("the bench corpus loads");
    let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
    eprintln!(
        "{} articles, {} MB of text",
        lib.corpus.len(),
        lib.corpus.text_bytes() / 1_000_000
    );

    let baseline = common::TextScan::new(&lib, "rate");

    let mut group = c.benchmark_group("filter");
    group.sample_size(10);
    group.bench_function("baseline: substring scan of all text", |b| {
        b.iter(|| baseline.run())
    });
    for k in 1..=TYPED.len() {
        let typed = &TYPED[..k];
        if typed.ends_with(' ') {
            continue;
        }
        let q = Query::parse(typed);
        group.bench_function(format!("keystroke {k:02} {typed:?}"), |b| {
            b.iter_batched(
                || primed(&lib, k),
                |mut engine| engine.search(&lib, &q, &|| false).map(|h| h.docs.len()),
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();

    // The summary the targets are stated in: typing replayed five times,
    // the median of each keystroke, against the median scan.
    let scan_ms = common::median_ms(5, &mut || {
        std::hint::black_box(baseline.run());
    });
    let mut per_key: Vec<Vec<f64>> = vec![Vec::new(); TYPED.len()];
    for _ in 0..5 {
        let mut engine = Engine::new();
        for end in 1..=TYPED.len() {
            let q = Query::parse(&TYPED[..end]);
            let t = Instant::now();
            std::hint::black_box(engine.search(&lib, &q, &|| false));
            per_key[end - 1].push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut medians: Vec<f64> = per_key.iter_mut().map(|v| common::median(v)).collect();
    for (i, m) in medians.iter().enumerate() {
        eprintln!(
            "  {:>2} {:<18} {m:7.2} ms",
            i + 1,
            format!("{:?}", &TYPED[..=i])
        );
    }
    let max = medians.iter().cloned().fold(0.0, f64::max);
    let median = common::median(&mut medians);
    eprintln!(
        "filter summary: median keystroke {median:.2} ms, slowest {max:.2} ms; full-text scan {scan_ms:.2} ms; ratio {:.2} (target <= 0.5, and < 8 ms)",
        median / scan_ms
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
