//! Property tests over random input: the loader, the wrapper and the whole
//! screen never panic, and nothing a corpus holds reaches the screen as a
//! control character. Bounded case counts keep them quick in CI.

use std::sync::Arc;

use dossier::actors::Extraction;
use dossier::app::{Action, App};
use dossier::corpus::{Article, Corpus, Meta, Origin};
use dossier::library::Library;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Text with everything hostile in reach: controls, escapes, bidi
/// overrides, combining marks, wide and zero-width characters.
fn nasty_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[A-Za-z ]{1,12}",
            1 => Just("\x1b[2J".to_owned()),
            1 => Just("\u{202e}".to_owned()),
            1 => Just("\u{9b}".to_owned()),
            1 => Just("\n".to_owned()),
            1 => Just("\r\n".to_owned()),
            1 => Just("\t".to_owned()),
            1 => Just("e\u{301}".to_owned()),
            1 => Just("東京".to_owned()),
            1 => Just("👩‍👩‍👧".to_owned()),
            1 => Just("\u{200b}".to_owned()),
            1 => Just("Putin ".to_owned()),
            // What the story reader looks for: quotes, speech, dates.
            1 => prop_oneof![
                Just("“".to_owned()), Just("”".to_owned()), Just("\"".to_owned()),
                Just(", he said. ".to_owned()), Just(" said that ".to_owned()),
                Just("according to Putin, ".to_owned()), Just(" on May 29, 2024".to_owned()),
                Just(" in June ".to_owned()), Just("since 2003 ".to_owned()),
                Just("Friday (October 4)".to_owned()), Just("two weeks ago".to_owned()),
                Just(" 4 October ".to_owned()), Just("«".to_owned()),
            ],
            1 => "\\PC{1,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn library(articles: &[(String, String)]) -> Arc<Library> {
    let articles = articles
        .iter()
        .enumerate()
        .map(|(i, (t, b))| Arc::new(Article::from_parts(format!("a{i}"), t, b, Meta::default())))
        .collect();
    let corpus = Corpus {
        origin: Origin::Seeds,
        articles,
        warnings: Vec::new(),
    };
    Arc::new(Library::build(corpus, &Extraction::builtin()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_load_from_a_folder_and_a_jsonl_file(
        files in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 1..5),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, bytes) in files.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.txt")), bytes).unwrap();
        }
        // Every file is an article or a warning saying it was skipped;
        // when all are skipped, loading says so (naming each) instead.
        match Corpus::load_path(dir.path()) {
            Ok(c) => {
                let skipped = c.warnings.iter().filter(|w| w.to_string().contains("skipped")).count();
                prop_assert_eq!(c.len() + skipped, files.len());
            }
            Err(e) => {
                let said = e.to_string();
                prop_assert!(said.contains("0.txt"), "{}", said);
            }
        }
        let jsonl = dir.path().join("x.jsonl");
        std::fs::write(&jsonl, files.concat()).unwrap();
        // A JSONL file of garbage loads what it can or says why.
        let _ = Corpus::load_path(&jsonl);
    }

    #[test]
    fn the_screen_never_panics_nor_shows_a_control_character(
        docs in proptest::collection::vec((nasty_text(), nasty_text()), 1..4),
        w in 0u16..220,
        h in 0u16..70,
        keys in proptest::collection::vec((0usize..17, 0u16..130, 0u16..45), 0..12),
    ) {
        let lib = library(&docs);
        let mut app = App::new(lib, 120, 40);
        let actions = [
            Action::Down, Action::FocusNext, Action::NextActorMention, Action::Activate,
            Action::OpenConcordance, Action::OpenRelated, Action::CycleSort, Action::Back,
            Action::HistoryBack, Action::ToggleHelp, Action::NextMention, Action::PageDown,
            Action::OpenTimeline, Action::OpenQuotes, Action::Expand,
        ];
        for (k, col, row) in keys {
            // The last two: the mouse, anywhere on (or off) the screen.
            let action = match k {
                15 => Action::Click { col, row, again: row % 3 == 0 },
                16 => Action::Scroll { col, row, delta: if col % 2 == 0 { 1 } else { -1 } },
                _ => actions[k].clone(),
            };
            app.update(action);
        }
        app.update(Action::Resize { width: w, height: h });
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| dossier::ui::render(&app, f)).unwrap();
        let buf = t.backend().buffer();
        for cell in buf.content() {
            let bad: Vec<char> = cell.symbol().chars().filter(|&c| dossier::text::is_unsafe(c)).collect();
            prop_assert!(bad.is_empty(), "{:?} drawn raw", bad);
        }
    }

    #[test]
    fn story_spans_lie_on_characters_inside_their_article(
        docs in proptest::collection::vec((nasty_text(), nasty_text()), 1..4),
    ) {
        let lib = library(&docs);
        for e in &lib.story().timeline.events {
            let text = &lib.corpus.articles[e.doc.ix()].text;
            for r in [e.sentence.clone(), e.date.span.clone()] {
                let (a, b) = (r.start as usize, r.end as usize);
                prop_assert!(a <= b && b <= text.len());
                prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            }
        }
        for q in lib.story().quotes() {
            let text = &lib.corpus.articles[q.doc.ix()].text;
            for r in [q.text.clone(), q.cue.clone()] {
                let (a, b) = (r.start as usize, r.end as usize);
                prop_assert!(a <= b && b <= text.len());
                prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            }
        }
    }

    #[test]
    fn context_fits_its_cells_and_is_inert(
        text in nasty_text(),
        cut in 0usize..400,
        len in 0usize..8,
        side in 0usize..50,
    ) {
        let start = dossier::text::floor_char(&text, cut.min(text.len()));
        let end = dossier::text::floor_char(&text, (start + len).min(text.len()));
        let (left, right) = dossier::text::context(&text, start..end, side);
        for half in [&left, &right] {
            prop_assert!(dossier::text::display_width(half) <= side, "{:?} wider than {}", half, side);
            prop_assert!(!half.contains(dossier::text::is_unsafe), "{:?}", half);
        }
    }

    #[test]
    fn wrapping_never_splits_a_character_nor_exceeds_the_width(
        text in nasty_text(),
        width in 1usize..60,
    ) {
        let mut out = Vec::new();
        dossier::text::wrap_paragraph(&text, 0..text.len(), width, &mut out);
        for r in &out {
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let shown = dossier::text::safe_line(&text[r.clone()]);
            // A single word wider than the line may stand alone on it.
            let one_word = !text[r.clone()].trim().contains(char::is_whitespace);
            prop_assert!(
                one_word || dossier::text::display_width(shown.trim_end()) <= width,
                "{:?} wider than {}", shown, width
            );
        }
    }
}
