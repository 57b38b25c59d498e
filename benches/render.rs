//! Frame time, whatever the corpus size: a frame at 200x60 with 5 and with
//! 100,000 articles listed, and the work from start to the first frame.
//!
//! `cargo bench --bench render`. Targets: a frame under 1 ms at 200x60 for
//! both (only visible rows are built); the first frame within 50 ms of start
//! whatever the corpus (loading happens after it), and within 20 ms on the
//! embedded seeds.

mod common;

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::actors::Extraction;
use dossier::app::App;
use dossier::corpus::{Corpus, Origin};
use dossier::library::Library;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn frame(app: &App, term: &mut Terminal<TestBackend>) {
    term.draw(|f| dossier::ui::render(app, f)).expect("draws");
}

/// What the binary does before its first frame over the seeds: build the
/// library, make the app, draw.
fn first_frame_seeds() {
    let lib = Library::seeds();
    let app = App::new(Arc::new(lib), 200, 60);
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    frame(&app, &mut term);
}

/// What it does before its first frame over a corpus on disk: an empty
/// library (loading starts after the frame), the app, the frame.
fn first_frame_loading() {
    let empty = Library::partial(Corpus {
        origin: Origin::Seeds,
        articles: Vec::new(),
        warnings: Vec::new(),
    });
    let app = App::loading(Arc::new(empty), 200, 60);
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    frame(&app, &mut term);
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.bench_function("first frame: seeds", |b| b.iter(first_frame_seeds));
    group.bench_function("first frame: a corpus to load", |b| {
        b.iter(first_frame_loading)
    });

    let seeds = App::new(Arc::new(Library::seeds()), 200, 60);
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    group.bench_function("frame 200x60: 5 articles", |b| {
        b.iter(|| frame(&seeds, &mut term))
    });

    let big = common::big_jsonl().map(|p| {
        let lib = Library::build(
            Corpus::load_path(&p).expect("loads"),
            &Extraction::builtin(),
        );
        App::new(Arc::new(lib), 200, 60)
    });
    if let Some(big) = &big {
        group.bench_function("frame 200x60: 100,000 articles", |b| {
            b.iter(|| frame(big, &mut term))
        });
    }
    group.finish();

    let time = |f: &dyn Fn()| common::median_ms(50, &mut || f());
    // One terminal, reused from frame to frame, as the app does.
    let term = std::cell::RefCell::new(Terminal::new(TestBackend::new(200, 60)).expect("backend"));
    let small = time(&|| frame(&seeds, &mut term.borrow_mut()));
    eprintln!(
        "render summary: first frame {:.2} ms (seeds, target < 20), {:.2} ms (corpus to load, target < 50)",
        time(&first_frame_seeds),
        time(&first_frame_loading)
    );
    if let Some(big) = &big {
        let large = time(&|| frame(big, &mut term.borrow_mut()));
        eprintln!(
            "render summary: frame at 200x60 {small:.3} ms with 5 articles, {large:.3} ms with 100,000 ({:.2}x; target < 1 ms)",
            large / small
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
