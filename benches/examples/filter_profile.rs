//! Per-keystroke filter timings on a corpus, for profiling the engine
//! (`perf record` this, not the criterion bench, to see the search alone).
//!
//! `cargo run --release --example filter_profile -- CORPUS ["typed text"]`
//! replays typing the text 30 times and prints each keystroke's median and
//! slowest time; `-- CORPUS x QUERY` runs one query 500 times on a fresh
//! engine and prints the mean.

use std::sync::Arc;
use std::time::Instant;

use dossier::actors::Extraction;
use dossier::library::Library;
use dossier::search::{Engine, Query};

#[path = "common.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: filter_profile CORPUS [\"typed text\" | x QUERY]");
        std::process::exit(2);
    };
    let typed = args.next().unwrap_or_else(|| "blair bank rate".into());
    let only = args.next();
    let corpus = common::corpus_or_exit(&path);
    let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
    if let Some(q) = only {
        let q = Query::parse(&q);
        let t = Instant::now();
        for _ in 0..500 {
            std::hint::black_box(Engine::new().search(&lib, &q, &|| false));
        }
        println!("{:.2} ms each", t.elapsed().as_secs_f64() * 1e3 / 500.0);
        return;
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); typed.len()];
    let mut sizes = vec![(0, 0); typed.len()];
    for _ in 0..30 {
        let mut engine = Engine::new();
        for end in (1..=typed.len()).filter(|&e| typed.is_char_boundary(e)) {
            let q = Query::parse(&typed[..end]);
            let t = Instant::now();
            if let Some(h) = engine.search(&lib, &q, &|| false) {
                times[end - 1].push(t.elapsed().as_secs_f64() * 1e3);
                sizes[end - 1] = (h.docs.len(), h.actors.len());
            }
        }
    }
    println!(
        "{:<20} {:>8} {:>8} {:>8} {:>8}",
        "typed", "median", "slowest", "docs", "actors"
    );
    for (end, t) in times.iter_mut().enumerate().filter(|(_, t)| !t.is_empty()) {
        t.sort_by(f64::total_cmp);
        println!(
            "{:<20} {:>5.2} ms {:>5.2} ms {:>8} {:>8}",
            format!("{:?}", &typed[..=end]),
            t[t.len() / 2],
            t[t.len() - 1],
            sizes[end].0,
            sizes[end].1
        );
    }
}
