//! Prints a digest of everything the body index holds, so a change to how
//! it is built can be checked to give exactly the same index: every body
//! and title word with its article count, lower-case count and decoded
//! postings, and every article's word initials and letter pairs.
//!
//! ```text
//! cargo run --release --example body_digest -- PATH [PARTS] [--dump FILE]
//! cargo run --release --example body_digest -- PATH library
//! ```
//!
//! With PARTS (default 2) the articles are split into that many
//! consecutive runs, each fed to its own builder the way the load's fused
//! pass does, and the builders are joined; with `library` the index comes
//! from [`Library::build`] itself (actors included, so slower).

use std::fmt::Write as _;
use std::io::Write as _;

use dossier::actors::{Actors, Extraction};
use dossier::corpus::{Corpus, DocId};
use dossier::library::Library;
use dossier::search::SearchIndex;
use dossier::search::index::{BodyBuilder, Vocab};
use dossier::words::words;
use sha2::{Digest, Sha256};

#[path = "common.rs"]
mod common;

/// The index built with `parts` builders over consecutive runs of articles.
fn by_parts(corpus: &Corpus, parts: usize) -> SearchIndex {
    let n = corpus.len();
    let per = n.div_ceil(parts.max(1)).max(1);
    let builders: Vec<BodyBuilder> = (0..n.div_ceil(per))
        .map(|t| {
            let mut b = BodyBuilder::default();
            for d in t * per..((t + 1) * per).min(n) {
                let a = &corpus.articles[d];
                b.begin(DocId(d as u32));
                for (at, w) in words(&a.text) {
                    if at >= a.body_range().start {
                        b.word(w);
                    } else if at >= a.title_range().start && at < a.title_range().end {
                        b.title_word(w);
                    }
                }
            }
            b
        })
        .collect();
    SearchIndex::assemble(
        corpus,
        BodyBuilder::finish(builders, true),
        &Actors::default(),
    )
}

/// One line per word: the word, its df, its lower-case count, its
/// postings.
fn vocab_lines(name: &str, v: &Vocab, out: &mut impl FnMut(&str)) {
    let mut line = String::new();
    for w in 0..v.len() as u32 {
        line.clear();
        let word = v.word(w);
        let _ = write!(line, "{name} {word} {} {}", v.df(w), v.lowercase_docs(word));
        for d in v.postings(w) {
            let _ = write!(line, " {d}");
        }
        out(&line);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: body_digest PATH [PARTS|library] [--dump FILE]");
        std::process::exit(2);
    };
    let corpus = common::corpus_or_exit(path);
    let mode = args.get(1).map_or("2", String::as_str);
    let index = if mode == "library" {
        Library::build(corpus, &Extraction::builtin()).index
    } else {
        by_parts(&corpus, mode.parse().unwrap_or(2))
    };
    let mut dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .map(|f| std::io::BufWriter::new(std::fs::File::create(f).expect("dump file")));
    let mut hash = Sha256::new();
    let mut lines = 0usize;
    let mut out = |line: &str| {
        hash.update(line.as_bytes());
        hash.update(b"\n");
        lines += 1;
        if let Some(d) = dump.as_mut() {
            let _ = writeln!(d, "{line}");
        }
    };
    vocab_lines("body", index.body_words(), &mut out);
    vocab_lines("title", index.title_words(), &mut out);
    for d in 0..index.docs() as u32 {
        let doc = DocId(d);
        let mut line = format!("doc {d} ");
        for a in b'a'..=b'z' {
            if index.has_initial(doc, a) {
                line.push(a as char);
            }
        }
        line.push(' ');
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                if index.has_pair(doc, a, b) {
                    line.push(a as char);
                    line.push(b as char);
                }
            }
        }
        out(&line);
    }
    let (b, t) = (index.body_words().len(), index.title_words().len());
    println!(
        "{} docs, {b} body words, {t} title words, {lines} lines, sha256 {:x}",
        index.docs(),
        hash.finalize()
    );
}
