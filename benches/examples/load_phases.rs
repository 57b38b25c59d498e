//! Times each phase of opening a corpus, to see where load time goes.
//!
//! `cargo run --release --example load_phases -- PATH [--no-discover] [--digest] [--phases] [--no-story]`
//!
//! With `--phases` it prints each step of the build as it ends (wall and
//! CPU time, resident memory and peak), from the library's debug log.
//!
//! With `--digest` it also prints a SHA-256 of everything the build
//! produced (actors with kinds, aliases and spellings, every mention, the
//! body and title vocabularies with their postings), so a change meant to
//! be only faster can be checked to give the same library.

use std::time::Instant;

use sha2::{Digest, Sha256};

use dossier::actors::Extraction;
use dossier::library::Library;

#[path = "common.rs"]
mod common;

/// Resident and peak resident memory, in MB (10^6 bytes, as the corpus's
/// text and `/usr/bin/time -v`'s kbytes are counted), from /proc.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kib| kib * 1024 / 1_000_000)
    };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallinfo2 only reads the allocator's counters.
    let heap = unsafe { libc::mallinfo2() };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    let heap = format!(
        ", heap in use {} MB, free in heap {} MB",
        (heap.uordblks + heap.hblkhd) / 1_000_000,
        heap.fordblks / 1_000_000
    );
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let heap = String::new();
    format!(
        "rss {} MB, peak {} MB{heap}",
        field("VmRSS:"),
        field("VmHWM:")
    )
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_phases PATH (a folder or a .jsonl file)");
        std::process::exit(2);
    };
    if std::env::args().any(|a| a == "--phases") {
        tracing_subscriber::fmt()
            .with_env_filter("dossier::phases=debug")
            .with_writer(std::io::stderr)
            .without_time()
            .with_target(false)
            .init();
    }
    let t = Instant::now();
    dossier::phases::start();
    let corpus = common::corpus_or_exit(&path);
    dossier::phases::mark("load: read and parse");
    let load = t.elapsed();
    eprintln!("after load: {}", memory());
    let (n, bytes) = (corpus.len(), corpus.text_bytes());
    let t = Instant::now();
    let how = if std::env::args().any(|a| a == "--no-discover") {
        Extraction::only(dossier::actors::Gazetteer::builtin())
    } else {
        Extraction::builtin()
    };
    let lib = Library::build(corpus, &how);
    let build = t.elapsed();
    eprintln!("after build: {}", memory());
    println!(
        "{n} articles, {} MB text: load {:.0} ms, actors and index {:.0} ms ({} actors, {} mentions, {} body words, actors {} MB, index {} MB); total {:.0} ms",
        bytes / 1_000_000,
        load.as_secs_f64() * 1e3,
        build.as_secs_f64() * 1e3,
        lib.actors.len(),
        lib.actors.mention_count(),
        lib.index.body_words().len(),
        lib.actors.heap_bytes() / 1_000_000,
        lib.index.heap_bytes() / 1_000_000,
        (load + build).as_secs_f64() * 1e3,
    );
    if std::env::args().any(|a| a == "--digest") {
        println!("digest {}", digest(&lib));
        println!("names digest {}", names_digest(&lib));
    }
    if std::env::args().any(|a| a == "--no-story") {
        // For a profiler: the build alone.
        return;
    }
    // The story phase again on its own, to show its share of the build.
    let t = Instant::now();
    let story = dossier::story::Story::build(&lib.corpus, &lib.actors, &lib.copies);
    eprintln!("after story: {}", memory());

    println!(
        "story alone {:.0} ms: {} events in {} rows, {} statements",
        t.elapsed().as_secs_f64() * 1e3,
        story.timeline.events.len(),
        story.timeline.groups.len(),
        story.quotes().len(),
    );
    if std::env::args().any(|a| a == "--digest") {
        println!("story digest {}", story_digest(&story));
    }
}

/// A SHA-256 over the library's actors, mentions and vocabularies.
fn digest(lib: &Library) -> String {
    let mut h = Sha256::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update([0]);
    };
    for a in lib.actors.iter() {
        put(&format!(
            "{}|{:?}|{}|{}",
            a.name, a.kind, a.mentions, a.articles
        ));
        for alias in a.aliases {
            put(alias);
        }
        for v in a.spellings().iter() {
            put(&format!("{}={}", v.text, v.count));
        }
    }
    for (doc, m) in lib.actors.all_mentions() {
        put(&format!("{} {} {} {}", doc.0, m.start, m.end, m.actor.0));
    }
    for vocab in [lib.index.body_words(), lib.index.title_words()] {
        for w in 0..vocab.len() as u32 {
            let posts: Vec<u32> = vocab.postings(w).collect();
            put(&format!(
                "{} {} {} {:?}",
                vocab.word(w),
                vocab.df(w),
                vocab.lowercase_docs(vocab.word(w)),
                posts
            ));
        }
    }
    format!("{:x}", h.finalize())
}

/// A SHA-256 over what the index holds of the actors: each actor's folded
/// names and the vocabulary of their words with its postings.
fn names_digest(lib: &Library) -> String {
    let mut h = Sha256::new();
    for a in 0..lib.actors.len() {
        for name in lib.index.actor_names(a) {
            h.update(name.as_bytes());
            h.update([0]);
        }
        h.update([1]);
    }
    let vocab = lib.index.name_words();
    for w in 0..vocab.len() as u32 {
        let posts: Vec<u32> = vocab.postings(w).collect();
        h.update(format!("{} {} {:?}", vocab.word(w), vocab.df(w), posts).as_bytes());
    }
    format!("{:x}", h.finalize())
}

/// A SHA-256 over the story: every event with its date and actors, every
/// timeline row with its events and actors, every statement.
fn story_digest(story: &dossier::story::Story) -> String {
    let mut h = Sha256::new();
    let t = &story.timeline;
    for (i, e) in t.events.iter().enumerate() {
        let actors = t.event_actors(i as u32);
        h.update(format!("{} {:?} {:?} {:?}\n", e.doc.0, e.sentence, e.date, actors).as_bytes());
    }
    for (i, g) in t.groups.iter().enumerate() {
        let (events, actors) = (t.group_events(i), t.group_actors(i));
        h.update(
            format!(
                "{:?} {:?} {} {} {:?} {:?}\n",
                g.when, g.until, g.inferred, g.sources, events, actors
            )
            .as_bytes(),
        );
    }
    for q in story.quotes() {
        h.update(format!("{q:?}\n").as_bytes());
    }
    format!("{:x}", h.finalize())
}
