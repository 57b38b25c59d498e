//! Counts the statements and dated events dossier finds in a corpus, and
//! draws a fixed random sample of statements to check by hand (the BBC
//! sample and its verdicts are in `tests/fixtures/bbc_quotes_sample.md`).
//!
//! ```text
//! cargo run --release --example quote_sample                 # ../shared/corpora/bbc, 30 statements
//! cargo run --release --example quote_sample -- DIR 50 SEED
//! ```
//!
//! Each sampled statement is printed with its speaker, how the speaker was
//! found, and the sentences around it, which is what a reader needs to say
//! whether the attribution is right.

use std::path::PathBuf;

use dossier::actors::Extraction;
use dossier::actors::sentences::{sentence_of, sentence_starts};
use dossier::corpus::Corpus;
use dossier::library::Library;
use dossier::story::quotes::{Speech, Via};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpora/bbc"));
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let mut seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2026);
    if !dir.exists() {
        eprintln!("quote_sample: {} is not there; skipping", dir.display());
        return;
    }
    let corpus = Corpus::load_path(&dir).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let lib = Library::build(corpus, &Extraction::builtin());
    let all = lib.story().quotes();
    let direct = all.iter().filter(|q| q.speech == Speech::Direct).count();
    let pronoun = all.iter().filter(|q| q.via != Via::Name).count();
    let speakers = all
        .iter()
        .map(|q| q.speaker)
        .collect::<std::collections::HashSet<_>>()
        .len();
    let t = &lib.story().timeline;
    let grouped = t.groups.iter().filter(|g| g.sources > 1).count();
    println!(
        "{} articles: {} statements ({direct} direct, {} reported; {pronoun} via he/she or a title) by {speakers} actors; {} dated events in {} rows, {grouped} reported by more than one article",
        lib.corpus.len(),
        all.len(),
        all.len() - direct,
        t.events.len(),
        t.groups.len(),
    );
    // A fixed sample: xorshift over the statement indices.
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < n.min(all.len()) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let i = (seed % all.len() as u64) as usize;
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    for (k, &i) in picked.iter().enumerate() {
        let q = &all[i];
        let a = &lib.corpus.articles[q.doc.ix()];
        let text = &a.text;
        let starts = sentence_starts(text);
        let from = sentence_of(
            &starts,
            (q.cue.start.min(q.text.start) as usize).saturating_sub(1),
        );
        let to = sentence_of(&starts, q.cue.end.max(q.text.end) as usize);
        let a0 = starts[from.saturating_sub(1)] as usize;
        let b0 = starts.get(to + 1).map_or(text.len(), |&e| e as usize);
        println!();
        println!(
            "## {}. {} — {:?}, {:?} ({})",
            k + 1,
            lib.actors.get(q.speaker).name,
            q.speech,
            q.via,
            a.id
        );
        println!(
            "statement: {}",
            &text[q.text.start as usize..q.text.end as usize]
        );
        println!("cue: {}", &text[q.cue.start as usize..q.cue.end as usize]);
        println!(
            "context: {}",
            text[a0..b0]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
