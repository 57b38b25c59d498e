//! A loaded corpus with everything computed from it: the unit the app, the
//! CLI, tests and benches share.
//!
//! Building it is the heaviest work dossier does, so it is done in one pass
//! over every article's words, on every core: each word feeds both the
//! actor scan (gazetteer spellings looked up at word starts, spelling
//! variant candidates, runs of capitalised words for discovery) and the
//! search index's body vocabulary. Then the vocabulary is merged (it says
//! which words are written in lower case, which discovery needs), the
//! actors are decided and assembled, and the index is completed with
//! titles and actor kinds. The story (dated events, statements) is read
//! later, on first use, so nothing that needs only articles, actors and the
//! index waits for it. Between phases freed memory is handed back
//! ([`crate::mem::release_free`]).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::actors::{Actors, ArticleScan, Extraction, Plan, Scanned};
use crate::corpus::{Corpus, DocId, LoadWarning, Problem};
use crate::search::SearchIndex;
use crate::search::index::{BodyBuilder, Vocab};
use crate::story::Story;
use crate::words::words;

/// A corpus, its actors and its search index, immutable once built.
#[derive(Debug, Clone)]
pub struct Library {
    /// The articles.
    pub corpus: Corpus,
    /// Who the articles name, and where.
    pub actors: Actors,
    /// What the filter searches.
    pub index: SearchIndex,
    /// Each article that repeats an earlier one's text, with that earlier
    /// one, by copy: the timeline counts the two as one source.
    pub copies: Vec<(DocId, DocId)>,
    /// When things happened and who said what: read on first use (see
    /// [`Library::story`]), so loading and filtering never wait for it.
    story: Arc<OnceLock<Story>>,
    /// Whether actors and the full index are built (a library shown while
    /// loading has articles only, and searches titles).
    pub complete: bool,
}

/// Articles scanned between progress reports.
const REPORT_EVERY: usize = 2048;

/// How far [`Library::build_with`] has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Building {
    /// This many articles have had their words read, in the one pass over
    /// every word (reported from any thread).
    Scanned(usize),
    /// One of the [`Building::STEPS`] steps after that pass has ended.
    Step(&'static str),
}

impl Building {
    /// Steps after the pass when actors are discovered (fewer with a
    /// gazetteer only).
    pub const STEPS: usize = 18;

    /// The share of a build of `n` articles done when `scanned` articles
    /// have been read and `steps` steps have ended since. The pass takes
    /// a little under half of the build on 100,000 articles (1.5 of 3.2 s
    /// by `load_phases --phases`); each later step is counted alike.
    pub fn fraction(n: usize, scanned: usize, steps: usize) -> f64 {
        const PASS: f64 = 0.45;
        let pass = scanned.min(n) as f64 / n.max(1) as f64;
        let after = steps.min(Building::STEPS) as f64 / Building::STEPS as f64;
        PASS * pass + (1.0 - PASS) * after
    }
}

impl Library {
    /// Finds the actors of `corpus` as `how` says, and indexes it.
    pub fn build(corpus: Corpus, how: &Extraction) -> Library {
        Library::build_with(corpus, how, None, &|_| {})
    }

    /// Like [`Library::build`], reporting how far it has got (see
    /// [`Building`]) as it goes. With `titles` (the title
    /// vocabulary of a [`Library::partial`] of every article of `corpus`)
    /// the titles are not indexed again: the partial library the app shows
    /// while this runs and the library built share one vocabulary, which
    /// on 100,000 articles took the app's peak from 475 to 469 thousand KiB.
    pub fn build_with(
        corpus: Corpus,
        how: &Extraction,
        titles: Option<Arc<Vocab>>,
        progress: &(dyn Fn(Building) + Sync),
    ) -> Library {
        crate::mem::keep_large_apart();
        crate::phases::start();
        let (corpus, copies) = with_copy_warnings(with_date_warning(corpus));
        let plan = Plan::new(how);
        crate::phases::mark("plan: the gazetteer matcher and the cues");
        let n = corpus.len();
        let done = AtomicUsize::new(0);
        let parts: Vec<(BodyBuilder, Vec<Scanned>)> = crate::par::per_core(n)
            .into_par_iter()
            .map(|share| scan_share(&corpus, &plan, share, titles.is_none(), &done, progress))
            .collect();
        let mut bodies = Vec::with_capacity(parts.len());
        let mut scans = Vec::with_capacity(n);
        for (b, s) in parts {
            bodies.push(b);
            scans.extend(s);
        }
        crate::phases::mark("pass: every word of every article");
        let step = |name| progress(Building::Step(name));
        let steps = crate::phases::Steps::reporting(&step);
        // The body vocabulary merges (one core) while the gazetteer's
        // variants are decided (mostly one core too).
        let (body, sifted) = rayon::join(
            || {
                let body = BodyBuilder::finish(bodies, titles.is_none());
                match titles {
                    Some(t) => body.with_titles(t),
                    None => body,
                }
            },
            || Actors::sift(&corpus, &plan, scans),
        );
        steps.mark("body vocabulary merged; gazetteer variants decided");
        crate::mem::release_free();
        let lower = body.lowercase_table();
        let actors = sifted.decide(
            &corpus,
            &plan,
            &|w| {
                // Discovery asks this of every name's words: an ASCII word
                // folds to its lower case, without an allocation.
                let mut ascii = [0u8; 32];
                if let Some(buf) = ascii.get_mut(..w.len()).filter(|_| w.is_ascii()) {
                    buf.copy_from_slice(w.as_bytes());
                    buf.make_ascii_lowercase();
                    let key = std::str::from_utf8(buf).unwrap_or_default();
                    return lower.get(key).copied().unwrap_or(0);
                }
                let folded = crate::search::fold::fold(w);
                lower.get(folded.as_str()).copied().unwrap_or(0)
            },
            steps,
        );
        steps.mark("actors: each actor's articles listed");
        drop(lower);
        // (What discovery and assembly freed in small pieces was handed
        // back at the end of assembly: the index's vectors do not add to
        // it.)
        let index = SearchIndex::assemble(&corpus, body, &actors);
        steps.mark("index assembled");
        crate::mem::release_free();
        Library {
            corpus,
            actors,
            index,
            copies,
            story: Arc::default(),
            complete: true,
        }
    }

    /// A library of the articles loaded so far, with no actors yet and only
    /// titles searchable: what the app shows while the rest loads.
    pub fn partial(corpus: Corpus) -> Library {
        let actors = Actors::default();
        let index = SearchIndex::titles_only(&corpus);
        Library {
            corpus,
            actors,
            index,
            copies: Vec::new(),
            story: Arc::new(OnceLock::from(Story::default())),
            complete: false,
        }
    }

    /// The dated events and statements, read from every article the first
    /// time they are asked for (the loader does it on its thread right
    /// after handing the library over; see [`Library::story_if_ready`]).
    pub fn story(&self) -> &Story {
        self.story
            .get_or_init(|| Story::build(&self.corpus, &self.actors, &self.copies))
    }

    /// The story when it has been read, without reading it.
    pub fn story_if_ready(&self) -> Option<&Story> {
        self.story.get()
    }

    /// The seed corpus with the built-in gazetteer and discovery.
    pub fn seeds() -> Library {
        Library::build(Corpus::seeds(), &Extraction::builtin())
    }
}

/// `corpus` with a warning when some articles carry a date the story
/// cannot read: one warning, naming the first, since a source that writes
/// dates its own way writes them all so.
fn with_date_warning(mut corpus: Corpus) -> Corpus {
    let mut unread = corpus.articles.iter().filter_map(|a| {
        let date = a.meta().date.as_deref()?;
        crate::story::dates::parse_article_date(date)
            .is_none()
            .then_some((a, date))
    });
    let warning = unread.next().map(|(first, date)| {
        let problem = Problem::UnreadableDate {
            date: date.to_owned(),
            others: unread.count(),
        };
        LoadWarning::new(corpus.place_of(&first.id), problem)
    });
    corpus.warnings.extend(warning);
    corpus
}

/// `corpus` with a warning for each article whose text (title and body)
/// an earlier one has: a copy a folder or feed picked up twice (bbc holds
/// 98 such pairs), which would count as a second source of the same
/// story (the timeline counts it once with the returned pairs).
/// Spaces at line ends, line endings and blank lines at the end do not
/// count: a copy saved by another editor is still a copy. Found by the
/// first and last visible bytes, then compared whole. Also returns the
/// copies, each with the first, in order of the copies.
fn with_copy_warnings(mut corpus: Corpus) -> (Corpus, Vec<(DocId, DocId)>) {
    use std::hash::BuildHasher;
    const ENDS: usize = 32;
    let print = |t: &str| {
        let ends = |bytes: &mut dyn Iterator<Item = &u8>| {
            let mut end = [0u8; ENDS];
            for (slot, &b) in end
                .iter_mut()
                .zip(bytes.filter(|b| !b.is_ascii_whitespace()))
            {
                *slot = b;
            }
            end
        };
        let b = t.as_bytes();
        let (head, tail) = (ends(&mut b.iter()), ends(&mut b.iter().rev()));
        rustc_hash::FxBuildHasher.hash_one((head, tail))
    };
    let mut order: Vec<(u64, u32)> = corpus
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| (print(&a.text), i as u32))
        .collect();
    order.par_sort_unstable();
    let mut copies: Vec<(u32, u32)> = Vec::new();
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        // Each one against the earliest with its text.
        let mut firsts: Vec<u32> = Vec::new();
        for &(_, i) in run {
            let text = &corpus.articles[i as usize].text;
            match firsts
                .iter()
                .find(|&&f| same_text(&corpus.articles[f as usize].text, text))
            {
                Some(&f) => copies.push((i, f)),
                None => firsts.push(i),
            }
        }
    }
    copies.sort_unstable();
    for &(i, f) in &copies {
        let first = corpus.place_of(&corpus.articles[f as usize].id);
        let problem = Problem::SameText { first };
        let at = corpus.place_of(&corpus.articles[i as usize].id);
        corpus.warnings.push(LoadWarning::new(at, problem));
    }
    let copies = copies.into_iter().map(|(i, f)| (DocId(i), DocId(f)));
    (corpus, copies.collect())
}

/// Whether `a` and `b` hold the same lines, spaces at line ends, line
/// endings and blank lines at the end aside.
fn same_text(a: &str, b: &str) -> bool {
    let mut x = a.trim_end().lines().map(str::trim_end);
    let mut y = b.trim_end().lines().map(str::trim_end);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// One thread's share of the pass: a contiguous run of articles, each
/// tokenized once for both the actor scan and the body index (and the
/// title index, with `titles`).
fn scan_share(
    corpus: &Corpus,
    plan: &Plan,
    docs: std::ops::Range<usize>,
    titles: bool,
    done: &AtomicUsize,
    progress: &(dyn Fn(Building) + Sync),
) -> (BodyBuilder, Vec<Scanned>) {
    let mut body = BodyBuilder::default();
    let mut scan = ArticleScan::default();
    let mut scans = Vec::with_capacity(docs.len());
    for (k, d) in docs.enumerate() {
        let a: &Arc<_> = &corpus.articles[d];
        body.begin(DocId(d as u32));
        let (title, body_start) = (a.title_range(), a.body_range().start);
        scan.begin(title.end);
        for (at, w) in words(&a.text) {
            scan.word(plan, &a.text, at, w);
            if at >= body_start {
                body.word(w);
            } else if titles && at >= title.start && at < title.end {
                body.title_word(w);
            }
        }
        if titles && title.is_empty() {
            // An empty article is listed (and found) by its file name.
            for (_, w) in words(a.display_title()) {
                body.title_word(w);
            }
        }
        scans.push(scan.finish(plan, &a.text));
        if (k + 1) % REPORT_EVERY == 0 {
            progress(Building::Scanned(
                done.fetch_add(REPORT_EVERY, Ordering::Relaxed) + REPORT_EVERY,
            ));
        }
    }
    (body, scans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_reports_every_step_after_the_pass_so_progress_reaches_the_end() {
        let seen = std::sync::Mutex::new(Vec::new());
        let lib = Library::build_with(Corpus::seeds(), &Extraction::builtin(), None, &|b| {
            seen.lock().unwrap().push(b);
        });
        let seen = seen.into_inner().unwrap();
        let steps: Vec<&str> = seen
            .iter()
            .filter_map(|b| match b {
                Building::Step(s) => Some(*s),
                Building::Scanned(_) => None,
            })
            .collect();
        assert_eq!(steps.len(), Building::STEPS, "{steps:#?}");
        assert_eq!(steps.last(), Some(&"index assembled"));
        // The bar moves at each step and is full only at the end.
        let n = lib.corpus.len();
        let shares: Vec<f64> = (0..=steps.len())
            .map(|k| Building::fraction(n, n, k))
            .collect();
        assert!(shares.windows(2).all(|w| w[0] < w[1]), "{shares:?}");
        assert!(shares[0] < 0.5);
        assert_eq!(shares[steps.len()], 1.0);
    }

    #[test]
    fn dates_the_story_cannot_read_are_one_warning_naming_the_first() {
        let lines = [
            r#"{"id": "a1", "title": "One", "body": "x", "date": "2024-05-29"}"#,
            r#"{"id": "a2", "title": "Two", "body": "x", "date": "Tuesdayish"}"#,
            r#"{"id": "a3", "title": "Three", "body": "x", "date": 1716940800}"#,
            r#"{"id": "a4", "title": "Four", "body": "x"}"#,
        ];
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        let said: Vec<String> = lib.corpus.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with(
                "c.jsonl (id a2): date \"Tuesdayish\" not understood, nor the dates of 1 other article;"
            ),
            "{said:?}"
        );
        assert_eq!(lib.corpus.len(), 4, "every article is kept");
        // One article alone is "it".
        let one = Corpus::from_jsonl_bytes("c.jsonl", lines[1].as_bytes().to_vec());
        let said = Library::build(one, &Extraction::builtin()).corpus.warnings[0].to_string();
        assert!(said.contains("\"on Monday\" in it stays undated"), "{said}");
        // Readable dates, or none, say nothing.
        let fine = Corpus::from_jsonl_bytes("c.jsonl", lines[0].as_bytes().to_vec());
        assert!(
            Library::build(fine, &Extraction::builtin())
                .corpus
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn a_copy_of_an_article_is_named_with_the_first_and_kept() {
        // helper-30: bbc's byte-identical files counted as two sources of
        // one event, and nothing said so.
        let lines = [
            r#"{"id": "a", "title": "Dup", "body": "Blair spoke on Monday."}"#,
            r#"{"id": "b", "title": "Other", "body": "Blair spoke on Monday."}"#,
            r#"{"id": "c", "title": "Dup", "body": "Blair spoke on Monday."}"#,
            r#"{"id": "d", "title": "Dup", "body": "Blair spoke on Tuesday"}"#,
            r#"{"id": "e", "title": "Dup", "body": "Blair spoke on Monday."}"#,
            // Saved by another editor: spaces at a line's end, CRLF, a
            // blank line at the end (helper-31).
            r#"{"id": "f", "title": "Dup  ", "body": "Blair spoke on Monday.\r\n\n"}"#,
            r#"{"id": "g", "title": "Dup", "body": "Blair  spoke on Monday."}"#,
        ];
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        let said: Vec<String> = lib.corpus.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said[0].starts_with("c.jsonl (id c): the same title and text as c.jsonl (id a); kept"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("c.jsonl (id e): the same title and text as c.jsonl (id a)"),
            "{said:?}"
        );
        assert!(
            said[2].starts_with("c.jsonl (id f): the same title and text as c.jsonl (id a)"),
            "{said:?}"
        );
        assert_eq!(lib.corpus.len(), 7, "every article is kept");
        assert!(
            Library::seeds().corpus.warnings.is_empty(),
            "the seeds hold no copy"
        );
    }

    #[test]
    fn a_copy_of_an_article_repeats_none_of_its_statements() {
        // helper-36: bbc tech/180 repeats tech/133, and the briefing gave
        // each of Ellen Simonetti's statements twice.
        let body =
            r#"\"We will appeal,\" Tony Blair said. Later Tony Blair said the plan was wrong."#;
        let lines = [
            format!(r#"{{"id": "a", "title": "Vote", "body": "{body}"}}"#),
            format!(r#"{{"id": "b", "title": "Poll", "body": "{body}"}}"#),
            format!(r#"{{"id": "c", "title": "Vote", "body": "{body}"}}"#),
        ];
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        assert_eq!(lib.copies, [(DocId(2), DocId(0))]);
        let docs = |name: &str| -> Vec<u32> {
            let actor = lib.actors.iter().position(|a| a.name == name).expect(name);
            lib.story()
                .quotes_of(crate::actors::ActorId(actor as u32))
                .iter()
                .map(|q| q.doc.0)
                .collect()
        };
        assert_eq!(docs("Tony Blair"), [0, 0, 1, 1], "none from c, a copy of a");
    }

    #[test]
    fn a_copy_and_its_article_are_one_source_of_the_events_they_report() {
        // helper-32: on bbc, 175 of the 443 rows of two sources or more
        // had no source besides a file and its copy.
        let lines = [
            r#"{"id": "a", "title": "Vote", "body": "Mr Blair met Mr Howard on 5 May 2004."}"#,
            r#"{"id": "b", "title": "Vote", "body": "Mr Blair met Mr Howard on 5 May 2004."}"#,
            r#"{"id": "c", "title": "Poll", "body": "Mr Blair met Mr Howard on 5 May 2004."}"#,
        ];
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        assert_eq!(lib.copies, [(DocId(1), DocId(0))]);
        let t = &lib.story().timeline;
        let row = (0..t.groups.len())
            .find(|&g| t.groups[g].when.is_some_and(|w| w.day == 5))
            .expect("5 May 2004 is a row");
        assert_eq!(t.group_events(row).len(), 3, "each report is listed");
        assert_eq!(t.groups[row].sources, 2, "a and its copy b count once");
        assert_eq!(t.sources_kept(row, &|d| d != DocId(0)), 2);
        assert_eq!(t.sources_kept(row, &|d| d != DocId(2)), 1);
        // An undated event is one row with its copy's report (helper-33),
        // and the same words elsewhere stay a row of their own.
        let lines = [
            r#"{"id": "a", "title": "Vote", "body": "Mr Blair spoke on Friday."}"#,
            r#"{"id": "b", "title": "Vote", "body": "Mr Blair spoke on Friday."}"#,
            r#"{"id": "c", "title": "Poll", "body": "Mr Blair spoke on Friday."}"#,
        ];
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        let t = &lib.story().timeline;
        let mut rows: Vec<Vec<u32>> = (0..t.groups.len())
            .filter(|&g| t.groups[g].when.is_none())
            .map(|g| t.group_events(g).to_vec())
            .collect();
        rows.sort();
        assert_eq!(rows, [vec![0, 1], vec![2]]);
        // ... and has nothing to unfold: the copy's report is the same.
        let row = (0..t.groups.len())
            .find(|&g| t.group_events(g) == [0, 1])
            .unwrap();
        assert!(!t.several_reports(row, &|_| true));
    }

    #[test]
    fn a_build_given_the_partial_titles_shares_them_and_finds_the_same() {
        let corpus = Corpus::seeds();
        let how = Extraction::builtin();
        let alone = Library::build(corpus.clone(), &how);
        let partial = Library::partial(corpus.clone());
        let titles = partial.index.shared_title_words();
        let shared = Library::build_with(corpus, &how, Some(titles), &|_| {});
        assert!(Arc::ptr_eq(
            &shared.index.shared_title_words(),
            &partial.index.shared_title_words()
        ));
        let words = |v: &Vocab| -> Vec<(String, Vec<u32>)> {
            (0..v.len() as u32)
                .map(|w| (v.word(w).to_owned(), v.postings(w).collect()))
                .collect()
        };
        assert_eq!(
            words(shared.index.title_words()),
            words(alone.index.title_words())
        );
        // A search of a title word finds the same articles either way.
        let q = crate::search::Query::parse("kickstarts");
        let found = |lib: Library| crate::search::engine::search(&Arc::new(lib), &q).docs;
        let (a, b) = (found(shared), found(alone));
        assert_eq!(a, b);
        assert_eq!(a, [DocId(1)]);
    }

    #[test]
    fn the_fused_pass_matches_building_each_part_alone() {
        let corpus = Corpus::seeds();
        let gaz = Extraction::builtin();
        let fused = Library::build(corpus.clone(), &gaz);
        let actors = Actors::build(&corpus, &gaz);
        assert_eq!(
            fused.actors.all_mentions().collect::<Vec<_>>(),
            actors.all_mentions().collect::<Vec<_>>()
        );
        assert_eq!(
            fused.actors.iter().collect::<Vec<_>>(),
            actors.iter().collect::<Vec<_>>()
        );
        let index = SearchIndex::build(&corpus, &actors);
        let (a, b) = (fused.index.body_words(), index.body_words());
        assert_eq!(a.len(), b.len());
        for w in 0..a.len() as u32 {
            assert_eq!(a.word(w), b.word(w));
            assert!(a.postings(w).eq(b.postings(w)));
        }
    }
}
