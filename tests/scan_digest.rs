//! Digests of everything the actor scan finds, to check that a change made
//! for speed keeps the results exactly: run before and after the change and
//! compare the printed numbers.
//!
//! `DOSSIER_DIGEST=/path/to/corpus cargo test --release --test scan_digest
//! -- --ignored --nocapture` (several paths separated by `:`).

use std::hash::Hasher;

use dossier::actors::{Actors, ArticleScan, Extraction, Plan};
use dossier::corpus::Corpus;
use dossier::words::words;

/// A digest of every article's scan (gazetteer hits, variant candidates,
/// discovery's runs), and one of the final actors and their mentions.
fn digests(corpus: &Corpus) -> (u64, u64) {
    let how = Extraction::builtin();
    let plan = Plan::new(&how);
    let mut scan = ArticleScan::default();
    let mut h = std::hash::DefaultHasher::new();
    for a in &corpus.articles {
        scan.begin(a.title.end);
        for (at, w) in words(&a.text) {
            scan.word(&plan, &a.text, at, w);
        }
        scan.finish(&plan, &a.text).digest(&mut h);
    }
    let scans = h.finish();
    let actors = Actors::build(corpus, &how);
    let mut h = std::hash::DefaultHasher::new();
    for a in actors.list() {
        h.write(a.name.as_bytes());
        h.write(format!("{:?}", a.kind).as_bytes());
        h.write_u32(a.mentions);
        h.write_u32(a.articles);
    }
    for m in actors.all_mentions() {
        for n in [m.doc.0, m.start, m.end, m.actor.0] {
            h.write_u32(n);
        }
    }
    (scans, h.finish())
}

#[test]
#[ignore = "needs a corpus: set DOSSIER_DIGEST"]
fn print_scan_digests() {
    let paths = std::env::var("DOSSIER_DIGEST").expect("DOSSIER_DIGEST=corpus paths");
    for path in paths.split(':') {
        let corpus = Corpus::load_path(std::path::Path::new(path)).expect("corpus loads");
        let (scans, actors) = digests(&corpus);
        println!(
            "{path}: {} articles, scans {scans:016x}, actors {actors:016x}",
            corpus.len()
        );
    }
}
