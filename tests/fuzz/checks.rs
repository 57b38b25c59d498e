//! What the fuzz targets do with an input and what must then hold, in one
//! place: the targets in `fuzz_targets/` call these functions, and the main
//! crate's `tests/fuzz_regressions.rs` replays every file under
//! `regressions/` through the same calls. A broken invariant is a panic,
//! which libFuzzer reports as a crash.

#![allow(dead_code)]

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use dossier::actors::Extraction;
use dossier::corpus::{Article, Corpus, Meta, Origin, TITLE_MAX_CHARS};
use dossier::library::Library;
use dossier::search::{Engine, Query, highlight};
use dossier::text;

/// Longest query typed, in characters.
const QUERY_CHARS: usize = 32;

/// How much of each seed article's body the query target searches.
const SEED_BODY_BYTES: usize = 700;

/// `bytes` as a JSONL (or JSON array) file.
pub fn jsonl(bytes: &[u8]) {
    corpus(&Corpus::from_jsonl_bytes("fuzz.jsonl", bytes.to_vec()));
}

/// `bytes` as one `.txt` article: kept, or skipped with a warning that says
/// so.
pub fn txt(bytes: &[u8]) {
    let c = Corpus::from_txt_bytes("fuzz.txt", bytes.to_vec());
    let skipped = c
        .warnings
        .iter()
        .filter(|w| w.to_string().contains("skipped"))
        .count();
    assert_eq!(c.len() + skipped, 1, "kept or skipped: {:?}", c.warnings);
    corpus(&c);
}

/// `bytes` typed into the filter one character at a time, searching the
/// seed articles and some text that is hard to fold after each keystroke.
pub fn query(bytes: &[u8]) {
    let raw: String = String::from_utf8_lossy(bytes)
        .chars()
        .take(QUERY_CHARS)
        .collect();
    let lib = query_library();
    // One engine narrows its answers as the query grows, as the TUI's does;
    // after each keystroke it must agree with a fresh engine.
    let mut typing = Engine::new();
    let mut typed = String::new();
    let mut last = None;
    for c in raw.chars() {
        typed.push(c);
        let q = Query::parse(&typed);
        for p in &q.problems {
            inert(&text::safe_line(p));
        }
        let narrowed = typing.search(lib, &q, &|| false).expect("never cancelled");
        let fresh = Engine::new()
            .search(lib, &q, &|| false)
            .expect("never cancelled");
        assert_eq!(narrowed.docs, fresh.docs, "narrowing changed {typed:?}");
        assert_eq!(narrowed.scores, fresh.scores, "narrowing changed {typed:?}");
        last = Some((q, narrowed));
    }
    // What the whole query matched, explained and highlighted.
    let Some((q, hits)) = last else {
        return;
    };
    let explained = typing.explain(lib, &q, &hits);
    assert_eq!(explained.len(), hits.docs.len());
    for &doc in &hits.docs {
        let a = lib.corpus.get(doc).expect("a hit is an article");
        for r in highlight::article_marks(lib, &q, doc) {
            within(&a.text, &r);
        }
        let chars = a.title().chars().count();
        for i in highlight::title_chars(&q, a.title()) {
            assert!(i < chars, "title char {i} of {chars}");
        }
    }
}

/// The library of [`query`], built once.
fn query_library() -> &'static Arc<Library> {
    static LIB: OnceLock<Arc<Library>> = OnceLock::new();
    LIB.get_or_init(|| {
        // Text whose case folding changes its length or needs context:
        // dotted I, sharp s, a ligature, final sigma, titlecase digraphs,
        // combining marks, wide and zero-width characters, controls.
        let extra = [
            (
                "İstanbul and Zürich: ǅemal meets Ørsted",
                "The ﬁnance chief of Straße AG met Recep Tayyip Erdoğan in İzmir. ΣΊΣΥΦΟΣ said ς.",
            ),
            (
                "東京 talks, 👩‍👩‍👧 families",
                "Kabulov\u{301} and Putin met in 東京; e\u{301}te\u{301} \u{200b}zero width.",
            ),
            (
                "Tabs\tand \x1b[2J controls",
                "Body with \u{202e}bidi\u{202c} and Vladimir Putin's aide.\r\nA CRLF line.",
            ),
        ];
        // The seeds' first paragraphs: their actors and words, in text short
        // enough to search a few thousand times a second.
        let mut articles: Vec<Arc<Article>> = Corpus::seeds()
            .articles
            .iter()
            .map(|a| {
                let body = a.body();
                let end = text::floor_char(body, SEED_BODY_BYTES.min(body.len()));
                let short =
                    Article::from_parts(a.id.clone(), a.title(), &body[..end], a.meta().clone());
                Arc::new(short)
            })
            .collect();
        for (i, (title, body)) in extra.into_iter().enumerate() {
            articles.push(Arc::new(Article::from_parts(
                format!("extra{i}"),
                title,
                body,
                Meta::default(),
            )));
        }
        let corpus = Corpus {
            origin: Origin::Seeds,
            articles,
            warnings: Vec::new(),
        };
        Arc::new(Library::build(corpus, extraction()))
    })
}

/// The gazetteer and discovery every library uses, made once.
fn extraction() -> &'static Extraction {
    static HOW: OnceLock<Extraction> = OnceLock::new();
    HOW.get_or_init(Extraction::builtin)
}

/// What must hold of any loaded corpus: each article, and each warning
/// safe to print.
fn corpus(c: &Corpus) {
    for a in &c.articles {
        article(a);
    }
    for w in &c.warnings {
        inert(&w.to_string());
    }
}

/// What must hold of one article, however it was read.
fn article(a: &Article) {
    within(&a.text, &a.title_range());
    within(&a.text, &a.body_range());
    assert!(
        a.title_range().end <= a.body_range().start,
        "the body follows the title"
    );
    let title = a.title();
    assert!(
        title.chars().count() <= TITLE_MAX_CHARS,
        "{} chars",
        title.len()
    );
    assert!(!title.contains(['\n', '\r']), "one line: {title:?}");
    assert_eq!(title, title.trim(), "trimmed");
    assert_eq!(a.flags().empty, title.is_empty());
    inert(&text::safe_line(a.display_title()));
    inert(&text::safe_line(a.attribution()));
    // The reader wraps each paragraph; a concordance cuts context anywhere.
    for p in text::paragraphs(&a.text, a.body_range()).take(64) {
        let mut lines = Vec::new();
        text::wrap_paragraph(&a.text, p, 17, &mut lines);
        for l in &lines {
            within(&a.text, l);
        }
    }
    for at in (0..=a.text.len()).step_by(a.text.len() / 8 + 1) {
        let at = text::floor_char(&a.text, at);
        let (left, right) = text::context(&a.text, at..at, 12);
        for side in [left, right] {
            inert(&side);
            assert!(text::display_width(&side) <= 12, "{side:?}");
        }
    }
}

/// `r` is a range of `s` that starts and ends on characters.
fn within(s: &str, r: &Range<usize>) {
    assert!(
        s.get(r.clone()).is_some(),
        "{r:?} is not a range of characters of a {}-byte text",
        s.len()
    );
}

/// Nothing in `shown` would act on a terminal.
fn inert(shown: &str) {
    let bad: Vec<char> = shown.chars().filter(|&c| text::is_unsafe(c)).collect();
    assert!(bad.is_empty(), "{bad:?} in {shown:?}");
}
