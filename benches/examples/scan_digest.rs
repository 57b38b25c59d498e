//! Prints a digest of everything the actor scan finds in every article
//! (gazetteer hits, variant candidates, discovery's runs), to check that a
//! change made for speed keeps the scan exactly: run it before and after
//! and compare. `load_phases --digest` covers what is built from the scans
//! (actors, mentions, the index).
//!
//! `cargo run --release --example scan_digest -- PATH [PATH...]`

use std::hash::Hasher;

use dossier::actors::{ArticleScan, Extraction, Plan};
use dossier::words::words;

#[path = "common.rs"]
mod common;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: scan_digest PATH [PATH...]");
        std::process::exit(2);
    }
    let how = Extraction::builtin();
    let plan = Plan::new(&how);
    for path in paths {
        let corpus = common::corpus_or_exit(&path);
        let mut scan = ArticleScan::default();
        let mut h = std::hash::DefaultHasher::new();
        for a in &corpus.articles {
            scan.begin(a.title_range().end);
            for (at, w) in words(&a.text) {
                scan.word(&plan, &a.text, at, w);
            }
            scan.finish(&plan, &a.text).digest(&mut h);
        }
        println!(
            "{path}: {} articles, scans {:016x}",
            corpus.len(),
            h.finish()
        );
    }
}
