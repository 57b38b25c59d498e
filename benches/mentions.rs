//! Opening the concordance and the related actors of the most-mentioned
//! actor of 100,000 articles, drawn at 200x60, against one case-insensitive
//! substring scan of all the text in the same run (as the filter bench).
//!
//! `cargo bench --bench mentions`. Target: opening the concordance (the
//! key press and its first frame) under 30 ms; the related view and a
//! re-sort are reported alongside.

mod common;

use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dossier::actors::Extraction;
use dossier::actors::concordance::KwicSort;
use dossier::app::{Action, App, Pane, View};
use dossier::corpus::Corpus;
use dossier::library::Library;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The app with the sidebar focused on its first row: the most-mentioned
/// actor.
fn on_top_actor(lib: &Arc<Library>) -> App {
    let mut app = App::new(Arc::clone(lib), 200, 60);
    while app.focus != Pane::Actors {
        app.update(Action::FocusNext);
    }
    app
}

/// A key press and the frame after it.
fn press_and_draw(mut app: App, action: Action, term: &mut Terminal<TestBackend>) -> App {
    app.update(action);
    term.draw(|f| dossier::ui::render(&app, f)).expect("draws");
    app
}

fn bench(c: &mut Criterion) {
    let Some(path) = common::big_jsonl() else {
        return;
    };
    let corpus = Corpus::load_path(&path).expect("the bench corpus loads");
    let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
    let base = on_top_actor(&lib);
    let top = base.sidebar.current().expect("an actor");
    let actor = lib.actors.get(top);
    eprintln!(
        "most mentioned: {} ({} mentions in {} articles)",
        actor.name, actor.mentions, actor.articles
    );
    let baseline = common::TextScan::new(&lib, "rate");
    let scan = || baseline.run();
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");

    let mut group = c.benchmark_group("mentions");
    group.sample_size(10);
    group.bench_function("baseline: substring scan of all text", |b| b.iter(scan));
    group.bench_function("open the concordance (m) and draw", |b| {
        b.iter_batched(
            || base.clone(),
            |app| press_and_draw(app, Action::OpenConcordance, &mut term),
            BatchSize::LargeInput,
        )
    });
    let mut opened = base.clone();
    opened.update(Action::OpenConcordance);
    assert_eq!(opened.view, View::Concordance);
    group.bench_function("sort it by the word to the left (s) and draw", |b| {
        b.iter_batched(
            || opened.clone(),
            |app| press_and_draw(app, Action::CycleSort, &mut term),
            BatchSize::LargeInput,
        )
    });
    // What `dossier mentions ACTOR --kwic` does once the corpus is loaded.
    group.bench_function("print its concordance as text (mentions --kwic)", |b| {
        b.iter(|| {
            dossier::report::write_kwic(&mut std::io::sink(), &lib, top, KwicSort::Article, 100)
                .expect("a sink takes everything")
        })
    });
    group.bench_function("open the related actors (r) and draw", |b| {
        b.iter_batched(
            || base.clone(),
            |app| press_and_draw(app, Action::OpenRelated, &mut term),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    // The summary the target is stated in: medians of ten, in this run.
    let scan_ms = common::median_ms(10, &mut || {
        std::hint::black_box(scan());
    });
    let mut timed = |action: Action, from: &App| {
        // Cloning the app is setup, not timed: clone ahead, time the press.
        let mut apps: Vec<App> = (0..10).map(|_| from.clone()).collect();
        common::median_ms(10, &mut || {
            let app = apps.pop().expect("one app a run");
            std::hint::black_box(press_and_draw(app, action.clone(), &mut term));
        })
    };
    let open = timed(Action::OpenConcordance, &base);
    let sort = timed(Action::CycleSort, &opened);
    let related = timed(Action::OpenRelated, &base);
    eprintln!(
        "mentions summary: concordance {open:.2} ms ({:.2}x the scan, target < 30 ms), 1L sort {sort:.2} ms, related {related:.2} ms (before the story is read); full-text scan {scan_ms:.2} ms",
        open / scan_ms
    );

    // The story: read once per corpus, in the background after loading.
    let story_ms = common::median_ms(3, &mut || {
        std::hint::black_box(dossier::story::Story::build(
            &lib.corpus,
            &lib.actors,
            &lib.copies,
        ));
    });
    lib.story();
    let timeline = timed(Action::OpenTimeline, &base);
    let quotes = timed(Action::OpenQuotes, &base);
    // Once the story is read, r uses its sentence of every mention.
    let related = timed(Action::OpenRelated, &base);
    let story = lib.story();
    eprintln!(
        "story summary: reading dates and statements {story_ms:.0} ms ({:.1}x the scan; {} events in {} rows, {} statements); t (timeline of the top actor) {timeline:.2} ms, \" (its statements) {quotes:.2} ms, r (its related actors) {related:.2} ms",
        story_ms / scan_ms,
        story.timeline.events.len(),
        story.timeline.groups.len(),
        story.quotes().len(),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
