//! Times the marks at the scale of a large corpus: every one of N articles
//! read and one in ten bookmarked, saved (lock, re-read, merge, atomic
//! write), loaded, and turned into the sets the list and `is:` use; then,
//! in the app, what one more bookmark costs the sets (`b`), and taking
//! back the saved marks that differ from the app's by that one article.
//!
//! `cargo run --release --example marks_scale -- [N]` (default 100,000)

use std::sync::Arc;
use std::time::Instant;

use dossier::actors::{Extraction, Gazetteer};
use dossier::app::{Action, App};
use dossier::corpus::{Article, Corpus, Meta, Origin};
use dossier::library::Library;
use dossier::state::{Change, Store};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let corpus = Corpus {
        origin: Origin::Folder(dir.path().join("corpus")),
        articles: (0..n)
            .map(|i| {
                let id = format!("{:03}/{i:06}.txt", i / 1000);
                Arc::new(Article::from_parts(id, "Title", "Body.", Meta::default()))
            })
            .collect(),
        warnings: Vec::new(),
    };
    let store = Store::for_corpus(dir.path(), &corpus.origin);
    let mut changes: Vec<Change> = corpus
        .articles
        .iter()
        .map(|a| Change::Read(a.id.clone()))
        .collect();
    changes.extend(
        corpus
            .articles
            .iter()
            .step_by(10)
            .map(|a| Change::Bookmark(a.id.clone(), true)),
    );
    let t = Instant::now();
    store.save(&changes, 1).expect("saved");
    let first = t.elapsed();
    let bytes = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    // One more mark into the full file: what every b or read costs.
    let t = Instant::now();
    store
        .save(&[Change::Bookmark(corpus.articles[1].id.clone(), true)], 2)
        .expect("saved");
    let one = t.elapsed();
    let t = Instant::now();
    let loaded = store.load(3);
    let load = t.elapsed();
    let t = Instant::now();
    let marked = loaded.marks.marked(&corpus);
    let sets = t.elapsed();
    println!(
        "{n} articles, file {:.1} MB: first save {:.0} ms, one more mark {:.0} ms, load {:.0} ms, sets {:.1} ms ({} read, {} bookmarked)",
        bytes as f64 / 1e6,
        first.as_secs_f64() * 1e3,
        one.as_secs_f64() * 1e3,
        load.as_secs_f64() * 1e3,
        sets.as_secs_f64() * 1e3,
        marked.read.len(),
        marked.bookmarked.len()
    );

    // In the app: the loaded marks taken in (every article differs from
    // none: the sets are built whole), then one bookmark, then the saved
    // file's marks, which differ from the app's by that bookmark.
    let lib = Library::build(corpus, &Extraction::only(Gazetteer::builtin()));
    let mut app = App::new(Arc::new(lib), 200, 60);
    let t = Instant::now();
    app.update(Action::MarksLoaded {
        marks: Arc::new(loaded.marks.clone()),
        warnings: Vec::new(),
        notes: Vec::new(),
    });
    let taken = t.elapsed();
    let t = Instant::now();
    app.update(Action::ToggleBookmark);
    let bookmark = t.elapsed();
    let mut saved = loaded.marks;
    saved.apply(
        &Change::Bookmark(app.lib.corpus.articles[0].id.clone(), true),
        4,
    );
    let t = Instant::now();
    app.update(Action::MarksSaved {
        marks: Some(Arc::new(saved)),
        warnings: Vec::new(),
    });
    let back = t.elapsed();
    println!(
        "in the app: loaded marks taken in {:.1} ms, one bookmark {:.3} ms, saved marks taken back {:.1} ms",
        taken.as_secs_f64() * 1e3,
        bookmark.as_secs_f64() * 1e3,
        back.as_secs_f64() * 1e3,
    );
}
