//! Larger corpora: the same articles as a folder and as JSONL give the same
//! library, and the TUI shows progress and a filling list while loading.

mod common;

use std::io::Write;

use common::{Tmux, bin, jsonl_line, synthetic, write_folder};
use dossier::actors::Extraction;
use dossier::corpus::Corpus;
use dossier::library::Library;

#[test]
fn a_folder_and_its_jsonl_twin_give_the_same_library() {
    let articles = synthetic(2500);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    write_folder(&folder, &articles);
    let jsonl = dir.path().join("twin.jsonl");
    let lines: String = articles.iter().map(|(t, b)| jsonl_line(t, b)).collect();
    std::fs::write(&jsonl, lines).unwrap();

    let gaz = Extraction::builtin();
    let a = Library::build(Corpus::load_path(&folder).unwrap(), &gaz);
    let b = Library::build(Corpus::load_path(&jsonl).unwrap(), &gaz);
    assert_eq!(a.corpus.len(), 2500);
    assert_eq!(a.corpus.len(), b.corpus.len());
    for (x, y) in a.corpus.articles.iter().zip(&b.corpus.articles) {
        assert_eq!((x.title(), x.body()), (y.title(), y.body()));
    }
    assert_eq!(
        a.actors.iter().collect::<Vec<_>>(),
        b.actors.iter().collect::<Vec<_>>()
    );
    assert_eq!(
        a.actors.all_mentions().collect::<Vec<_>>(),
        b.actors.all_mentions().collect::<Vec<_>>()
    );
    let b_actor = a
        .actors
        .iter()
        .find(|x| x.name == "Alexander Bortnikov")
        .unwrap();
    assert!(
        b_actor.spellings().iter().any(|v| v.text == "Bortinkov"),
        "the misspelling joined him"
    );
    let (va, vb) = (a.index.body_words(), b.index.body_words());
    assert_eq!(va.len(), vb.len());
    for w in (0..va.len() as u32).step_by(37) {
        assert_eq!(va.word(w), vb.word(w));
        assert!(va.postings(w).eq(vb.postings(w)));
    }
}

#[test]
fn the_screen_fills_while_a_corpus_streams_in() {
    let Some(t) = Tmux::start(120, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Some(fifo) = common::fifo(dir.path(), "feed.jsonl") else {
        return;
    };
    let articles = synthetic(3000);
    t.type_line(&format!("{} {} ; echo EXIT=$?", bin(), fifo.display()));
    // The screen is up before a byte has arrived.
    t.wait_for("the empty screen", |s| {
        s.contains("Loading") || s.contains("Reading")
    });
    let mut feed = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    for (title, body) in &articles[..1500] {
        feed.write_all(jsonl_line(title, body).as_bytes()).unwrap();
    }
    feed.flush().unwrap();
    // The list's title keeps its counts; the status line says it is loading.
    let s = t.wait_for("the first half listed", |s| {
        s.contains("Articles (1,500)") && s.contains("Reading")
    });
    assert!(s.contains("Reading"), "progress in the status line:\n{s}");
    assert!(s.contains("1,500 articles"), "{s}");
    assert!(s.contains("Actors appear once loaded"), "{s}");
    // Usable meanwhile: move down the list.
    t.keys(&["j", "j"]);
    t.wait_for("the third article open", |s| {
        s.contains("Article 3 of 1,500")
    });
    for (title, body) in &articles[1500..] {
        feed.write_all(jsonl_line(title, body).as_bytes()).unwrap();
    }
    drop(feed);
    let s = t.wait_for("everything loaded", |s| {
        s.contains("Articles (3,000)") && s.contains("actors ·")
    });
    assert!(s.contains("Article 3 of 3,000"), "the place is kept:\n{s}");
    assert!(!s.contains("Actors appear once loaded"), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn cli_progress_shows_on_a_terminal_and_not_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("c.jsonl");
    let lines: String = synthetic(800)
        .iter()
        .map(|(t, b)| jsonl_line(t, b))
        .collect();
    std::fs::write(&jsonl, lines).unwrap();
    // Piped: stdout has the rows, stderr nothing at all.
    let out = common::dossier(&["list", "--corpus", jsonl.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 801);

    // On a terminal, a load that takes a while shows a bar on stderr.
    let Some(t) = Tmux::start(120, 20) else {
        return;
    };
    let Some(fifo) = common::fifo(dir.path(), "slow.jsonl") else {
        return;
    };
    t.type_line(&format!(
        "{} list --corpus {} > {}/out.txt; echo EXIT=$?",
        bin(),
        fifo.display(),
        dir.path().display()
    ));
    // Until a writer comes, the line says what it waits for.
    t.wait_for("the waiting line", |s| {
        s.contains("dossier: waiting for") && s.contains("slow.jsonl to give something to read")
    });
    let mut feed = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    for (title, body) in &synthetic(200) {
        feed.write_all(jsonl_line(title, body).as_bytes()).unwrap();
    }
    feed.flush().unwrap();
    // The bar redraws every 100 ms, so a busy machine can show an earlier
    // count first: wait for all 200 the fifo holds.
    // A pipe has no size: the line counts, with no bar it cannot fill.
    t.wait_for("the progress line at 200 articles", |s| {
        s.contains("dossier: reading 200 articles, 0 MB")
    });
    drop(feed);
    let s = t.wait_for("the end", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(s.contains("EXIT=0"), "{s}");
    assert!(
        !s.contains("dossier: reading"),
        "the line is cleared when done:\n{s}"
    );
    let out = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert_eq!(out.lines().count(), 201, "stdout holds only the rows");
}
