//! Times each part of the fused word pass alone, on one thread, over the
//! first 50,000 articles of a corpus: the tokenizer, the body index, the
//! gazetteer scan and discovery's runs. Each line is that part plus the
//! tokenizer, so the difference to "words" is the part's own cost.
//!
//! `cargo run --release --example pass_parts -- PATH [words|body|scan|discover]`
//! (one part only, for a profiler).

use std::time::Instant;

use dossier::actors::{ArticleScan, Extraction, Gazetteer, Plan};
use dossier::corpus::{Article, DocId};
use dossier::search::index::BodyBuilder;
use dossier::words::words;

#[path = "common.rs"]
mod common;

fn tokens(arts: &[std::sync::Arc<Article>]) -> usize {
    let mut n = 0;
    for a in arts {
        for (at, w) in words(&a.text) {
            n += (at ^ w.len()) & 1;
        }
    }
    n
}

fn body(arts: &[std::sync::Arc<Article>]) -> usize {
    let mut b = BodyBuilder::default();
    for (d, a) in arts.iter().enumerate() {
        b.begin(DocId(d as u32));
        for (at, w) in words(&a.text) {
            if at >= a.body_range().start {
                b.word(w);
            } else if at < a.title_range().end {
                b.title_word(w);
            }
        }
    }
    std::hint::black_box(&b);
    arts.len()
}

fn scan(arts: &[std::sync::Arc<Article>], how: &Extraction) -> usize {
    let plan = Plan::new(how);
    let mut scan = ArticleScan::default();
    let mut kept = 0;
    for a in arts {
        scan.begin(a.title_range().end);
        for (at, w) in words(&a.text) {
            scan.word(&plan, &a.text, at, w);
        }
        std::hint::black_box(scan.finish(&plan, &a.text));
        kept += 1;
    }
    kept
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: pass_parts PATH [words|body|scan|discover]");
        std::process::exit(2);
    };
    let only = args.next();
    let corpus = common::corpus_or_exit(&path);
    let arts = &corpus.articles[..corpus.len().min(50_000)];
    let mb = arts.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
    let words_n: usize = arts.iter().map(|a| words(&a.text).count()).sum();
    println!("{} articles, {mb:.0} MB, {words_n} words", arts.len());
    let gazetteer = Extraction::only(Gazetteer::builtin());
    let discovery = Extraction::builtin();
    let parts: [(&str, &dyn Fn() -> usize); 4] = [
        ("words", &|| tokens(arts)),
        ("body", &|| body(arts)),
        ("scan", &|| scan(arts, &gazetteer)),
        ("discover", &|| scan(arts, &discovery)),
    ];
    for (name, run) in parts {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let t = Instant::now();
        std::hint::black_box(run());
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name:>9}: {:6.0} ms  {:5.0} MB/s  {:5.1} ns/word",
            s * 1e3,
            mb / s,
            s * 1e9 / words_n as f64
        );
    }
}
