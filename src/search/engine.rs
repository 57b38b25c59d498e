//! The engine: answers a parsed [`Query`] over a [`Library`].
//!
//! Each term is matched against the title vocabulary, the actors' names and
//! the body vocabulary, never against whole bodies (see [`super::matching`]),
//! giving three article sets; the query's AND, OR and NOT combine them as
//! bitsets. Work is reused across keystrokes: a term already evaluated is
//! taken from a cache, and a term that extends a cached one ("bortn" after
//! "bort") only looks at what the shorter one matched. Every loop polls a
//! cancel check, so a newer keystroke stops a stale search.
//!
//! Ranking: per term, a title match beats an actor match beats a body-word
//! match (a title word holding only the term's letters in order counts as
//! a body word: see `TermHits::tier`); then, when at most [`RANK_LIMIT`]
//! articles match, fuzzy title scores and the rarity of the matched body
//! words (more and rarer first); ties keep corpus order.

use std::sync::{Arc, OnceLock};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::docset::DocSet;
use super::fold::{self, Sense};
use super::index::Vocab;
use super::matching::{self, Pattern};
use super::query::{Clause, Field, Form, Mark, Query, Term};
use crate::actors::{ActorId, Kind};
use crate::corpus::DocId;
use crate::library::Library;
use crate::words::words;

/// Above this many matches, articles are ordered by field only (title,
/// actor, body) and corpus order, without finer scores.
pub const RANK_LIMIT: usize = 5000;

/// Words in more than an eighth of the articles add little to a rank and
/// are skipped when scoring, once they are in more than this many (a speed
/// guard for large corpora; small ones score every word).
const COMMON_DF: u32 = 1000;

/// Articles scanned between cancel checks.
const CHUNK: usize = 4096;

/// Says whether a newer query is waiting, so the current one can stop.
/// Called from the search's worker threads.
pub type Cancel<'a> = dyn Fn() -> bool + Sync + 'a;

/// An actor on the filtered sidebar, with counts over the matching articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorHit {
    /// The actor.
    pub actor: ActorId,
    /// Mentions in the matching articles.
    pub mentions: u32,
    /// Matching articles that name it.
    pub articles: u32,
}

impl ActorHit {
    /// Every actor with its counts over the whole corpus, most mentioned
    /// first: the sidebar with no filter.
    pub fn all(actors: &crate::actors::Actors) -> Vec<ActorHit> {
        (0..actors.len() as u32)
            .map(|i| ActorHit::all_of(actors, ActorId(i)))
            .collect()
    }

    /// One actor with its counts over the whole corpus (from the packed
    /// counts: no name is needed).
    pub fn all_of(actors: &crate::actors::Actors, actor: ActorId) -> ActorHit {
        let a = &actors.facts()[actor.ix()];
        ActorHit {
            actor,
            mentions: a.mentions,
            articles: a.articles,
        }
    }

    /// One actor with its counts over `docs`.
    pub fn over(actors: &crate::actors::Actors, actor: ActorId, docs: &[DocId]) -> ActorHit {
        let mut hit = ActorHit {
            actor,
            mentions: 0,
            articles: 0,
        };
        for &d in docs {
            let named = actors.actors_in(d);
            if let Ok(i) = named.binary_search_by_key(&actor, |&(a, _)| a) {
                hit.mentions += named[i].1;
                hit.articles += 1;
            }
        }
        hit
    }
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Matching articles, best first.
    pub docs: Vec<DocId>,
    /// The score of each article in `docs` (higher ranks first): the field
    /// tier in millions, plus the finer score in thousandths.
    pub scores: Vec<i64>,
    /// The same articles as a set.
    pub set: DocSet,
    /// The actors the sidebar shows, with counts over `docs`.
    pub actors: Vec<ActorHit>,
    /// Whether those are the actors whose names the query matched (else
    /// every actor the matching articles name).
    pub actors_named: bool,
}

impl Hits {
    /// The matching articles in corpus order, as exports narrow by them.
    pub fn in_corpus_order(&self) -> Vec<DocId> {
        self.set.iter().collect()
    }
}

/// The articles the user marked, as sets over the library searched, for
/// `is:` terms. The app keeps the marks; a search only reads these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// Read articles.
    pub read: DocSet,
    /// Bookmarked articles.
    pub bookmarked: DocSet,
    /// Articles with a note.
    pub noted: DocSet,
}

impl Marked {
    /// Nothing marked, over `universe` articles.
    pub fn none(universe: usize) -> Marked {
        Marked {
            read: DocSet::empty(universe),
            bookmarked: DocSet::empty(universe),
            noted: DocSet::empty(universe),
        }
    }

    /// The articles that have `mark`.
    pub fn with(&self, mark: Mark) -> DocSet {
        match mark {
            Mark::Read => self.read.clone(),
            Mark::Unread => self.read.complement(),
            Mark::Bookmarked => self.bookmarked.clone(),
            Mark::Noted => self.noted.clone(),
        }
    }
}

/// What one term matched, before negation and combination.
#[derive(Debug)]
struct TermHits {
    title: DocSet,
    /// The articles of `title` whose title matched only by a word holding
    /// the term's letters in order (see [`TermHits::tier`]).
    title_loose: DocSet,
    actors: DocSet,
    /// The articles of `actors` naming only actors matched loosely, by a
    /// typo or by the term's letters in order ("Basingstoke" for `bank`):
    /// ranked as a body match, as a loose title is.
    actors_loose: DocSet,
    body: DocSet,
    any: DocSet,
    /// Body words matched, with how well.
    words: Vec<(u32, f32)>,
    /// Title words matched, with how well.
    title_words: Vec<(u32, f32)>,
    /// Body words a longer version of this term can only match a subset of.
    narrow: Option<Vec<u32>>,
    /// The same for title words.
    title_narrow: Option<Vec<u32>>,
    /// Length of the term in chars (which body rule it followed).
    chars: usize,
    /// Actors whose names matched.
    actor_ids: Vec<ActorId>,
    /// Name words a longer version of this term can only match a subset of.
    actor_narrow: Option<Vec<u32>>,
    /// The articles of `body` holding a word that matches by more than a
    /// typo or letters in order: found when ranking first needs it, then
    /// kept with the term for the keystrokes that leave it unchanged.
    body_strong: OnceLock<DocSet>,
}

/// What identifies a term's matches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    key: String,
    text: String,
    form: Form,
    field: Field,
    sense: Sense,
}

impl Key {
    fn of(t: &Term) -> Key {
        Key {
            key: t.key.clone(),
            text: t.text.clone(),
            form: t.form,
            field: t.field,
            sense: t.sense,
        }
    }

    /// Whether `self` extends `base` so that every title and word `self`
    /// matches, `base` matched too, and `self` need only look among those.
    /// True for letters added to a fuzzy, substring or prefix term; not for
    /// a suffix (`ab$` -> `abc$`) or a whole-word term.
    fn extends(&self, base: &Key) -> bool {
        matches!(self.form, Form::Fuzzy | Form::Substring | Form::Prefix)
            && self.form == base.form
            && self.field == base.field
            && self.sense == base.sense
            && self.key.len() > base.key.len()
            && self.key.starts_with(&base.key)
            && !self.key.contains(|c: char| !crate::words::is_word_char(c))
    }
}

/// Cached terms kept between keystrokes.
const CACHE_TERMS: usize = 48;

/// A search engine with its cache; one per search thread.
#[derive(Default)]
pub struct Engine {
    library: usize,
    cache: Vec<(Key, Arc<TermHits>)>,
    /// Per-actor counts, reused by every search (see [`doc_side_counts`]).
    counts: Vec<u64>,
}

impl Engine {
    /// A fresh engine.
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Answers `query` over `lib`, or returns `None` as soon as `cancelled`
    /// says a newer query is waiting. With no marks, `is:` terms see
    /// every article unread and none bookmarked or noted.
    pub fn search(
        &mut self,
        lib: &Arc<Library>,
        query: &Query,
        cancelled: &Cancel<'_>,
    ) -> Option<Hits> {
        self.search_marked(lib, query, None, cancelled)
    }

    /// [`Engine::search`], with the user's marks for `is:` terms (sets
    /// over another library than `lib` are ignored).
    pub fn search_marked(
        &mut self,
        lib: &Arc<Library>,
        query: &Query,
        marked: Option<&Marked>,
        cancelled: &Cancel<'_>,
    ) -> Option<Hits> {
        let id = Arc::as_ptr(lib) as usize;
        if id != self.library {
            self.cache.clear();
            self.library = id;
        }
        let n = lib.corpus.len();
        let unmarked;
        let marked = match marked {
            Some(m) if m.read.universe() == n => m,
            _ => {
                unmarked = Marked::none(n);
                &unmarked
            }
        };
        let mut result = DocSet::full(n);
        let mut evaluated: Vec<(Term, Arc<TermHits>)> = Vec::new();
        for group in &query.groups {
            let mut g = DocSet::empty(n);
            for clause in group {
                match clause {
                    Clause::Term(t) => {
                        let hits = self.term(lib, t, cancelled)?;
                        if t.negated {
                            g.or(&hits.any.complement());
                        } else {
                            g.or(&hits.any);
                        }
                        evaluated.push((t.clone(), hits));
                    }
                    Clause::Kind { kind, negated } => {
                        let set = match kind {
                            Some(k) => lib.index.kind_docs(*k).clone(),
                            None => DocSet::empty(n),
                        };
                        if *negated {
                            g.or(&set.complement());
                        } else {
                            g.or(&set);
                        }
                    }
                    Clause::Is { mark, negated } => {
                        let set = match mark {
                            Some(m) => marked.with(*m),
                            None => DocSet::empty(n),
                        };
                        if *negated {
                            g.or(&set.complement());
                        } else {
                            g.or(&set);
                        }
                    }
                }
            }
            result.and(&g);
            if cancelled() {
                return None;
            }
        }
        // Ranking and the sidebar read the same sets and nothing of each
        // other: on a large corpus each takes a few milliseconds, so they
        // run side by side.
        let counts = &mut self.counts;
        let (ranked, actors) = rayon::join(
            || rank(lib, query, &result, &evaluated, cancelled),
            || sidebar(lib, query, &result, &evaluated, counts),
        );
        let (docs, scores) = ranked?;
        let (actors, actors_named) = actors;
        Some(Hits {
            docs,
            scores,
            set: result,
            actors,
            actors_named,
        })
    }

    /// The matches of one term: from the cache, narrowed from a shorter
    /// cached term, or computed afresh.
    fn term(&mut self, lib: &Library, t: &Term, cancelled: &Cancel<'_>) -> Option<Arc<TermHits>> {
        let key = Key::of(t);
        if let Some(i) = self.cache.iter().position(|(k, _)| *k == key) {
            let entry = self.cache.remove(i);
            let hits = Arc::clone(&entry.1);
            self.cache.push(entry);
            return Some(hits);
        }
        let base = self
            .cache
            .iter()
            .filter(|(k, _)| key.extends(k))
            .max_by_key(|(k, _)| k.key.len())
            .map(|(_, h)| Arc::clone(h));
        let hits = Arc::new(evaluate(lib, t, base.as_deref(), cancelled)?);
        if self.cache.len() >= CACHE_TERMS {
            self.cache.remove(0);
        }
        self.cache.push((key, Arc::clone(&hits)));
        Some(hits)
    }
}

/// Why an article matched, for `dossier filter`.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The article.
    pub doc: DocId,
    /// Its score (see [`Hits::scores`]).
    pub score: i64,
    /// The fields that matched a term: "title", "actors", "body".
    pub fields: Vec<&'static str>,
    /// The words and actor names that matched, folded.
    pub words: Vec<String>,
}

impl Engine {
    /// Explains each article of `hits` (the answer to `query`): which
    /// fields matched and which words. Uses the terms the search cached,
    /// so it costs one pass over the matched words' postings.
    pub fn explain(&mut self, lib: &Arc<Library>, query: &Query, hits: &Hits) -> Vec<Explanation> {
        let n = lib.corpus.len();
        let mut fields = vec![0u8; n];
        let mut words: Vec<Vec<String>> = vec![Vec::new(); n];
        let ix = &lib.index;
        for t in query.positive_terms() {
            let Some(h) = self.term(lib, t, &|| false) else {
                continue;
            };
            for (bit, set) in [(1u8, &h.title), (2, &h.actors), (4, &h.body)] {
                for d in set.iter() {
                    if hits.set.contains(d.0) {
                        fields[d.ix()] |= bit;
                    }
                }
            }
            // One or two letters are found by the articles' initials, not
            // word by word: the words are looked up here, for the CLI.
            let short: Vec<(u32, f32)>;
            let body_words = if h.words.is_empty() && !h.body.is_empty() && t.sense.is_folded() {
                let pat = Pattern::folded(t);
                let vocab = ix.body_words();
                short = (0..vocab.len() as u32)
                    .filter_map(|w| Some((w, pat.word(vocab.word(w))?)))
                    .collect();
                &short
            } else {
                &h.words
            };
            let sources = [
                (ix.title_words(), &h.title_words),
                (ix.body_words(), body_words),
            ];
            for (vocab, matched) in sources {
                for &(w, _) in matched {
                    for d in vocab.postings(w) {
                        if hits.set.contains(d) {
                            words[d as usize].push(vocab.word(w).to_owned());
                        }
                    }
                }
            }
            for &a in &h.actor_ids {
                for d in lib.actors.docs_of(a) {
                    if hits.set.contains(d.0) {
                        words[d.ix()].push(fold::fold(lib.actors.get(a).name));
                    }
                }
            }
        }
        hits.docs
            .iter()
            .zip(&hits.scores)
            .map(|(&doc, &score)| {
                let f = fields[doc.ix()];
                let mut w = std::mem::take(&mut words[doc.ix()]);
                w.sort();
                w.dedup();
                Explanation {
                    doc,
                    score,
                    fields: [(1, "title"), (2, "actors"), (4, "body")]
                        .into_iter()
                        .filter(|(bit, _)| f & bit != 0)
                        .map(|(_, name)| name)
                        .collect(),
                    words: w,
                }
            })
            .collect()
    }
}

/// Runs one query to completion with a fresh engine.
pub fn search(lib: &Arc<Library>, query: &Query) -> Hits {
    Engine::new()
        .search(lib, query, &|| false)
        .expect("an uncancellable search completes")
}

/// Evaluates a term's positive matches.
fn evaluate(
    lib: &Library,
    t: &Term,
    base: Option<&TermHits>,
    cancelled: &Cancel<'_>,
) -> Option<TermHits> {
    let n = lib.corpus.len();
    let ix = &lib.index;
    let chars = t.key.chars().count();
    // A fuzzy term of up to three letters matches word beginnings, a longer
    // one letters in order: only a base under the same rule narrows.
    let base = base.filter(|b| t.form != Form::Fuzzy || (b.chars >= 4) == (chars >= 4));
    let (title, title_narrow, title_words) = if matches!(t.field, Field::Any | Field::Title) {
        let (set, words, narrow) = field_words(
            lib,
            ix.title_words(),
            Field::Title,
            t,
            base.and_then(|b| b.title_narrow.as_ref()),
            cancelled,
        )?;
        (set, narrow, words)
    } else {
        (DocSet::empty(n), None, Vec::new())
    };
    let title_loose = loose_only(ix.title_words(), &title, &title_words, cancelled)?;
    let (actors, actors_loose, actor_ids, actor_narrow) =
        if matches!(t.field, Field::Any | Field::Actors) {
            let m = actor_matches(
                lib,
                t,
                base.and_then(|b| b.actor_narrow.as_ref()),
                cancelled,
            )?;
            (m.docs, m.loose, m.ids, m.narrow)
        } else {
            (DocSet::empty(n), DocSet::empty(n), Vec::new(), None)
        };
    let (body, words, narrow) = if t.field == Field::Any && ix.has_bodies() {
        body(lib, t, base.and_then(|b| b.narrow.as_ref()), cancelled)?
    } else {
        (DocSet::empty(n), Vec::new(), None)
    };
    let mut any = title.clone();
    any.or(&actors);
    any.or(&body);
    Some(TermHits {
        title,
        title_loose,
        actors,
        actors_loose,
        body,
        any,
        words,
        title_words,
        narrow,
        title_narrow,
        actor_ids,
        actor_narrow,
        chars,
        body_strong: OnceLock::new(),
    })
}

/// Whether any of actor `a`'s names matches the term.
pub(crate) fn actor_name_matches(lib: &Library, t: &Term, a: usize) -> bool {
    let folded = Pattern::folded(t);
    lib.index.actor_names(a).any(|name| folded.text(name))
        && (t.sense.is_folded() || actor_sense_matches(lib, t, &Pattern::sensitive(t), a))
}

/// For a case- or diacritic-sensitive term `t` (`strict` is its
/// pattern), whether one of actor `a`'s names really matches as typed (the
/// names index is folded).
fn actor_sense_matches(lib: &Library, t: &Term, strict: &Pattern, a: usize) -> bool {
    let actor = lib.actors.get(ActorId(a as u32));
    std::iter::once(actor.name)
        .chain(actor.aliases.iter().map(String::as_str))
        .chain(actor.variants.iter().map(|v| v.text.as_str()))
        .any(|name| strict.text(&fold::transform(name, t.sense)))
}

/// What a term matched among the actors.
struct ActorMatch {
    /// The articles naming a matched actor.
    docs: DocSet,
    /// Those of `docs` naming only actors matched loosely.
    loose: DocSet,
    /// The matched actors.
    ids: Vec<ActorId>,
    /// Name words a longer version of the term can only match a subset of.
    narrow: Option<Vec<u32>>,
}

/// Actors whose name, alias or seen spelling matches, and the articles
/// naming them. Word terms look up the name vocabulary (narrowed to
/// `narrow` when given); text spanning words and `'foo` read the names.
fn actor_matches(
    lib: &Library,
    t: &Term,
    narrow: Option<&Vec<u32>>,
    cancelled: &Cancel<'_>,
) -> Option<ActorMatch> {
    let count = lib.actors.len();
    let pat = Pattern::folded(t);
    // Actors matched only by a typo or letters in order (none for a
    // phrase or a substring).
    let mut weak: Option<DocSet> = None;
    let (mut ids, narrow) = if pat.phrase || t.form == Form::Substring {
        let ids: Vec<u32> = (0..count as u32)
            .into_par_iter()
            .filter(|&a| lib.index.actor_names(a as usize).any(|n| pat.text(n)))
            .collect();
        (ids, None)
    } else {
        let vocab = lib.index.name_words();
        let (matched, narrowed) = match_words(vocab, &pat, t, narrow, cancelled)?;
        let set = union_postings(vocab, count, &matched, cancelled)?;
        weak = Some(loose_only(vocab, &set, &matched, cancelled)?);
        (set.iter().map(|d| d.0).collect(), narrowed)
    };
    if cancelled() {
        return None;
    }
    if !t.sense.is_folded() {
        let strict = Pattern::sensitive(t);
        ids.retain(|&a| actor_sense_matches(lib, t, &strict, a as usize));
    }
    let ids: Vec<ActorId> = ids.into_iter().map(ActorId).collect();
    // The articles of the well-matched actors, and of the loose ones; an
    // article naming a well-matched actor too is no loose match.
    let mut docs = DocSet::empty(lib.corpus.len());
    let mut loose = DocSet::empty(lib.corpus.len());
    for &a in &ids {
        let into = match &weak {
            Some(w) if w.contains(a.0) => &mut loose,
            _ => &mut docs,
        };
        for d in lib.actors.docs_of(a) {
            into.insert(d.0);
        }
    }
    loose.and_not(&docs);
    docs.or(&loose);
    Some(ActorMatch {
        docs,
        loose,
        ids,
        narrow,
    })
}

/// Words matched, each with how well (1.0 best).
type Scored = Vec<(u32, f32)>;

type WordMatch = (DocSet, Scored, Option<Vec<u32>>);

/// Articles with a body word matching the term: the title-independent part,
/// with the shortcut for one or two plain letters.
fn body(
    lib: &Library,
    t: &Term,
    narrow: Option<&Vec<u32>>,
    cancelled: &Cancel<'_>,
) -> Option<WordMatch> {
    let ix = &lib.index;
    let n = ix.docs();
    let bytes = t.key.as_bytes();
    // One or two plain letters: word-initial letter masks answer exactly
    // what the prefix rule asks, without merging postings.
    if t.form == Form::Fuzzy && bytes.len() <= 2 && bytes.iter().all(u8::is_ascii_lowercase) {
        let mut set = DocSet::empty(n);
        for d in 0..n as u32 {
            let doc = DocId(d);
            let hit = match bytes {
                [a] => ix.has_initial(doc, *a),
                [a, b] => ix.has_pair(doc, *a, *b),
                _ => false,
            };
            if hit {
                set.insert(d);
            }
        }
        let set = verify_sense(lib, Field::Any, t, set, cancelled)?;
        return Some((set, Vec::new(), None));
    }
    field_words(lib, ix.body_words(), Field::Any, t, narrow, cancelled)
}

/// Articles having a word of `vocab` (titles' or bodies') that matches the
/// term, the words matched with their quality, and the candidates a longer
/// term may narrow to. `narrow`, when given, are the only words that can
/// match.
fn field_words(
    lib: &Library,
    vocab: &Vocab,
    field: Field,
    t: &Term,
    narrow: Option<&Vec<u32>>,
    cancelled: &Cancel<'_>,
) -> Option<WordMatch> {
    let pat = Pattern::folded(t);
    if pat.phrase || t.form == Form::Substring {
        return exact_text(lib, vocab, field, t, cancelled).map(|set| (set, Vec::new(), None));
    }
    let (matched, narrowed) = match_words(vocab, &pat, t, narrow, cancelled)?;
    let set = union_postings(vocab, lib.corpus.len(), &matched, cancelled)?;
    let set = verify_sense(lib, field, t, set, cancelled)?;
    Some((set, matched, narrowed))
}

/// The words of `vocab` that match `pat` (the folded form of a one-word
/// term `t`), with how well, and the candidates a longer term may narrow
/// to. `narrow`, when given, are the only words that can match.
fn match_words(
    vocab: &Vocab,
    pat: &Pattern,
    t: &Term,
    narrow: Option<&Vec<u32>>,
    cancelled: &Cancel<'_>,
) -> Option<(Scored, Option<Vec<u32>>)> {
    let key = pat.text.as_str();
    let first = key.chars().next().map(String::from).unwrap_or_default();
    let candidates: Vec<u32> = match (narrow, t.form) {
        (Some(words), _) => words.clone(),
        (None, Form::Whole) => vocab.word_id(key).into_iter().collect(),
        (None, Form::Prefix) => vocab.prefix_range(key).collect(),
        (None, Form::Fuzzy) if pat.chars <= 3 => vocab.prefix_range(key).collect(),
        (None, Form::Fuzzy) => vocab.prefix_range(&first).collect(),
        (None, _) => (0..vocab.len() as u32).collect(),
    };
    let tmask = fold::mask(key);
    // Without typos every letter of the term is in the word: the mask
    // filter is exact there.
    let no_typos = Pattern {
        typos: false,
        ..pat.clone()
    };
    let scan = |cands: &[u32], with_typos: bool| -> Vec<(u32, f32)> {
        cands
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| {
                let stop = cancelled();
                let no_typos = &no_typos;
                chunk.iter().filter_map(move |&w| {
                    if stop || (!with_typos && tmask & !vocab.word_mask(w) != 0) {
                        return None;
                    }
                    let word = vocab.word(w);
                    if with_typos {
                        return matching::within_typos(key, no_typos.chars, word)
                            .then_some((w, matching::TYPO));
                    }
                    no_typos.word(word).map(|q| (w, q))
                })
            })
            .collect()
    };
    // Typo matches are not monotone in the term, so they are kept apart
    // from the narrowing candidates and looked for afresh each time.
    let mut matched = scan(&candidates, false);
    if cancelled() {
        return None;
    }
    let narrowed = Some(matched.iter().map(|&(w, _)| w).collect());
    if t.form == Form::Fuzzy && pat.typos && matching::typo_budget(pat.chars) > 0 {
        let have: rustc_hash::FxHashSet<u32> = matched.iter().map(|&(w, _)| w).collect();
        let range: Vec<u32> = vocab
            .prefix_range(&first)
            .filter(|w| !have.contains(w))
            .collect();
        matched.extend(scan(&range, true));
    }
    Some((matched, narrowed))
}

/// The union of the postings of `words`.
fn union_postings(
    vocab: &Vocab,
    n: usize,
    words: &[(u32, f32)],
    cancelled: &Cancel<'_>,
) -> Option<DocSet> {
    words
        .par_chunks(64)
        .map(|chunk| {
            if cancelled() {
                return None;
            }
            let mut set = DocSet::empty(n);
            for &(w, _) in chunk {
                for d in vocab.postings(w) {
                    set.insert(d);
                }
            }
            Some(set)
        })
        .try_reduce(
            || DocSet::empty(n),
            |mut a, b| {
                a.or(&b);
                Some(a)
            },
        )
}

/// The text a field of an article is matched in, folded as `sense` asks.
fn field_text(lib: &Library, field: Field, doc: DocId, sense: Sense) -> String {
    let a = &lib.corpus.articles[doc.ix()];
    let raw = if field == Field::Title {
        a.display_title()
    } else {
        a.body()
    };
    fold::transform(raw, sense)
}

/// Keeps the articles of `set` for which `keep` holds, checked in parallel
/// and cancellably.
fn filter_docs(
    set: &DocSet,
    cancelled: &Cancel<'_>,
    keep: impl Fn(DocId) -> bool + Sync,
) -> Option<DocSet> {
    let docs: Vec<DocId> = set.iter().collect();
    let kept: Vec<Option<Vec<u32>>> = docs
        .par_chunks(256)
        .map(|chunk| {
            if cancelled() {
                return None;
            }
            Some(chunk.iter().filter(|&&d| keep(d)).map(|d| d.0).collect())
        })
        .collect();
    let mut out = DocSet::empty(set.universe());
    for c in kept {
        for d in c? {
            out.insert(d);
        }
    }
    Some(out)
}

/// For a case- or diacritic-sensitive term, keeps only the articles whose
/// field really matches as typed (the index is folded).
fn verify_sense(
    lib: &Library,
    field: Field,
    t: &Term,
    set: DocSet,
    cancelled: &Cancel<'_>,
) -> Option<DocSet> {
    if t.sense.is_folded() {
        return Some(set);
    }
    let strict = Pattern::sensitive(t);
    filter_docs(&set, cancelled, |d| {
        strict.text(&field_text(lib, field, d, t.sense))
    })
}

/// Articles whose field holds the term's exact text (`'foo`, or any text
/// spanning words), found among articles having a word for each part.
fn exact_text(
    lib: &Library,
    vocab: &Vocab,
    field: Field,
    t: &Term,
    cancelled: &Cancel<'_>,
) -> Option<DocSet> {
    let n = lib.corpus.len();
    let mut candidates = DocSet::full(n);
    for (_, part) in words(&t.key) {
        let mask = fold::mask(part);
        let ws: Vec<(u32, f32)> = (0..vocab.len() as u32)
            .into_par_iter()
            .filter(|&w| mask & !vocab.word_mask(w) == 0 && vocab.word(w).contains(part))
            .map(|w| (w, 1.0))
            .collect();
        candidates.and(&union_postings(vocab, n, &ws, cancelled)?);
    }
    let strict = Pattern::sensitive(t);
    filter_docs(&candidates, cancelled, |d| {
        !strict
            .positions(&field_text(lib, field, d, t.sense))
            .is_empty()
    })
}

/// Orders the matching articles.
fn rank(
    lib: &Library,
    query: &Query,
    result: &DocSet,
    evaluated: &[(Term, Arc<TermHits>)],
    cancelled: &Cancel<'_>,
) -> Option<(Vec<DocId>, Vec<i64>)> {
    let positive: Vec<&(Term, Arc<TermHits>)> =
        evaluated.iter().filter(|(t, _)| !t.negated).collect();
    if positive.is_empty() {
        let docs: Vec<DocId> = result.iter().collect();
        let scores = vec![0; docs.len()];
        return Some((docs, scores));
    }
    // Field tiers: per OR-group, the best field any of its terms matched.
    let groups: Vec<Vec<&TermHits>> = query
        .groups
        .iter()
        .map(|g| {
            g.iter()
                .filter_map(|c| match c {
                    Clause::Term(t) if !t.negated => positive
                        .iter()
                        .find(|(p, _)| p == t)
                        .map(|(_, h)| h.as_ref()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    if result.len() > RANK_LIMIT {
        return Some(rank_by_field(result, &groups));
    }
    let docs: Vec<DocId> = result.iter().collect();
    for (_, h) in &positive {
        if h.body_strong.get().is_none() {
            let loose = loose_only(lib.index.body_words(), &h.body, &h.words, cancelled)?;
            let mut strong = h.body.clone();
            strong.and_not(&loose);
            // (Another search may have set it meanwhile: the same set.)
            let _ = h.body_strong.set(strong);
        }
    }
    let strong_in = |h: &TermHits, d: u32| h.body_strong.get().is_some_and(|s| s.contains(d));
    // The field tier, then in how many groups a body word matches well:
    // within a tier, "brown" in a body ranks above "browsed" alone,
    // however rare "browsed" is.
    let tier = |d: u32| -> (u32, u32) {
        groups
            .iter()
            .map(|g| {
                let tier = g.iter().map(|h| h.tier(d)).max().unwrap_or(0);
                (tier, u32::from(g.iter().any(|h| strong_in(h, d))))
            })
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let mut keyed: Vec<((u32, u32), f32, DocId)> =
        docs.par_iter().map(|&d| (tier(d.0), 0.0, d)).collect();
    let n = lib.corpus.len() as f32;
    let mut fine = vec![0f32; lib.corpus.len()];
    let matcher = SkimMatcherV2::default().respect_case();
    for (t, h) in &positive {
        if cancelled() {
            return None;
        }
        // More and rarer matched words first.
        for &(w, q) in &h.words {
            let df = lib.index.body_words().df(w);
            if df > COMMON_DF && df as f32 > n / 8.0 {
                continue;
            }
            let idf = (n / df.max(1) as f32).ln();
            for d in lib.index.body_words().postings(w) {
                if result.contains(d) {
                    fine[d as usize] += idf * q;
                }
            }
        }
        if t.form == Form::Fuzzy && t.field != Field::Actors {
            // Titles are folded here, the few ranked, rather than kept
            // folded for every article (4 MB on 100,000 articles).
            // This is the dearest step of ranking a few thousand matches
            // (1.6 of the 2.6 ms that "blair bank r" took to rank its
            // 4,038 on the 100k bench corpus), so it runs on every core;
            // each title's score is its own, so the split changes nothing.
            let scored: Vec<(DocId, i64)> = keyed
                .par_iter()
                .filter(|k| h.title.contains(k.2.0))
                .map_init(String::new, |folded, k| {
                    folded.clear();
                    let title = lib.corpus.articles[k.2.ix()].display_title();
                    fold::transform_into(title, Sense::default(), folded);
                    (k.2, matcher.fuzzy_match(folded, &t.key).unwrap_or(0))
                })
                .collect();
            for (d, s) in scored.into_iter().filter(|&(_, s)| s != 0) {
                fine[d.ix()] += s as f32 / 10.0;
            }
        }
    }
    for k in &mut keyed {
        k.1 = fine[k.2.ix()];
    }
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    Some(
        keyed
            .into_iter()
            .map(|((tier, strong), fine, d)| {
                let fine = ((fine * 1000.0).round() as i64).min(STRONG - 1);
                let score = i64::from(tier) * TIER + i64::from(strong.min(9)) * STRONG + fine;
                (d, score)
            })
            .unzip(),
    )
}

/// What one field tier adds to a score: more than any fine score.
const TIER: i64 = 1_000_000;

/// What a group matched well in a body adds to a score: more than any fine
/// score, less than a tier (the order comes from the key, so past nine
/// groups only the printed score saturates).
const STRONG: i64 = 100_000;

/// The ranking of more than [`RANK_LIMIT`] matches: by field tier alone
/// (per OR-group, the best [`TermHits::tier`] of its terms),
/// corpus order within a tier. Read off the term sets 64 articles at a
/// time, and placed by counting, since a tier is a small number: on
/// 100,000 articles the per-article set lookups and the sort took most of
/// a one-letter keystroke.
fn rank_by_field(result: &DocSet, groups: &[Vec<&TermHits>]) -> (Vec<DocId>, Vec<i64>) {
    // Per group, for each block of 64 articles, two bit planes of its best
    // tier: `hi` for a title (not loose) or an actor (3 or 2), `lo` for such
    // a title, or a body word or loose title alone (3 or 1).
    let mut planes = vec![(0u64, 0u64); groups.len()];
    let mut tiers: Vec<u32> = Vec::with_capacity(result.len());
    let mut count = vec![0usize; 3 * groups.len() + 1];
    for (i, &block) in result.blocks().iter().enumerate() {
        if block == 0 {
            continue;
        }
        for (g, p) in groups.iter().zip(&mut planes) {
            let word = |s: &DocSet| s.blocks().get(i).copied().unwrap_or(0);
            let title = g
                .iter()
                .fold(0, |m, h| m | (word(&h.title) & !word(&h.title_loose)));
            let actors = g
                .iter()
                .fold(0, |m, h| m | (word(&h.actors) & !word(&h.actors_loose)));
            let body = g.iter().fold(0, |m, h| {
                m | word(&h.body) | word(&h.title_loose) | word(&h.actors_loose)
            });
            *p = (title | actors, title | (body & !actors));
        }
        let mut rest = block;
        while rest != 0 {
            let bit = rest.trailing_zeros();
            rest &= rest - 1;
            let tier: u64 = planes
                .iter()
                .map(|&(hi, lo)| 2 * (hi >> bit & 1) + (lo >> bit & 1))
                .sum();
            tiers.push(tier as u32);
            count[tier as usize] += 1;
        }
    }
    // Where each tier's articles start in the answer, highest tier first.
    let mut at = vec![0usize; count.len()];
    let mut next = 0;
    for t in (0..count.len()).rev() {
        at[t] = next;
        next += count[t];
    }
    let mut docs = vec![DocId(0); tiers.len()];
    let mut scores = vec![0i64; tiers.len()];
    for (d, &t) in result.iter().zip(&tiers) {
        let slot = &mut at[t as usize];
        docs[*slot] = d;
        scores[*slot] = i64::from(t) * TIER;
        *slot += 1;
    }
    (docs, scores)
}

/// The sidebar for a result: the actors the query names (or, when it names
/// none, every actor in the matching articles), restricted to `k:` kinds,
/// with counts over the matching articles, most mentioned first; and
/// whether the query named them.
fn sidebar(
    lib: &Library,
    query: &Query,
    result: &DocSet,
    evaluated: &[(Term, Arc<TermHits>)],
    scratch: &mut Vec<u64>,
) -> (Vec<ActorHit>, bool) {
    let stats = lib.actors.facts();
    let kinds = query.kinds();
    let excluded = query.excluded_kinds();
    let kind_ok = |k: Kind| (kinds.is_empty() || kinds.contains(&k)) && !excluded.contains(&k);
    let mut named = named_actors(lib.actors.len(), evaluated);
    named.retain(|&a| kind_ok(stats[a.ix()].kind));
    let by_name = !named.is_empty();
    let counts = if named.is_empty() {
        doc_side_counts(lib, result, scratch)
    } else {
        named_counts(lib, result, &named, scratch)
    };
    // Only actors the matching articles name: the sidebar describes the
    // list.
    let rows: Vec<ActorId> = if named.is_empty() {
        (0..stats.len() as u32)
            .map(ActorId)
            .filter(|a| counts(*a).0 > 0 && kind_ok(stats[a.ix()].kind))
            .collect()
    } else {
        named.into_iter().filter(|a| counts(*a).0 > 0).collect()
    };
    // Most mentioned among the matches first; an actor named once in the
    // whole corpus below every other, as in the unfiltered sidebar; then
    // by id. One integer key per row, so the sort is a plain one.
    let mut keyed: Vec<(u64, ActorHit)> = rows
        .into_iter()
        .map(|a| {
            let (mentions, articles) = counts(a);
            let once = u64::from(stats[a.ix()].mentions <= 1);
            let key = once << 63 | u64::from(u32::MAX - mentions) << 31 | u64::from(a.0);
            (
                key,
                ActorHit {
                    actor: a,
                    mentions,
                    articles,
                },
            )
        })
        .collect();
    keyed.sort_unstable_by_key(|k| k.0);
    (keyed.into_iter().map(|(_, h)| h).collect(), by_name)
}

/// The actors the query's positive terms matched by name, in id order.
/// Each term's list is in id order already, so one list is taken as it
/// is, and several are merged through a bitset rather than sorted (a
/// one-letter term names some 50,000 actors of the 100k bench corpus).
fn named_actors(actors: usize, evaluated: &[(Term, Arc<TermHits>)]) -> Vec<ActorId> {
    let lists: Vec<&[ActorId]> = evaluated
        .iter()
        .filter(|(t, h)| !t.negated && !h.actor_ids.is_empty())
        .map(|(_, h)| h.actor_ids.as_slice())
        .collect();
    match lists.as_slice() {
        [] => Vec::new(),
        [one] => one.to_vec(),
        _ => {
            let mut seen = DocSet::empty(actors);
            for a in lists.iter().flat_map(|l| l.iter()) {
                seen.insert(a.0);
            }
            seen.iter().map(|a| ActorId(a.0)).collect()
        }
    }
}

/// Of the items in `set` (the articles whose title or body matched, or the
/// actors whose name did, by `words` of `vocab`), the ones that matched
/// only loosely, by a typo or by the term's letters in order:
/// "belshanikgartor" for `blair`, or "browser" for `brown`, is a weak
/// reason to put an article first, so such a title or name ranks as a body
/// match (on bbc, "Firefox browser takes on Microsoft" came before every
/// "Brown ..." title for `brown`).
fn loose_only(
    vocab: &Vocab,
    set: &DocSet,
    words: &[(u32, f32)],
    cancelled: &Cancel<'_>,
) -> Option<DocSet> {
    let strong: Vec<(u32, f32)> = words
        .iter()
        .filter(|&&(_, q)| q > matching::TYPO)
        .copied()
        .collect();
    if strong.len() == words.len() {
        return Some(DocSet::empty(set.universe()));
    }
    let mut loose = set.clone();
    loose.and_not(&union_postings(vocab, set.universe(), &strong, cancelled)?);
    Some(loose)
}

impl TermHits {
    /// How strongly article `d` matched this term, by field: 3 for a title
    /// word, 2 for an actor, 1 for a body word or a title word or actor
    /// that only holds the term's letters in order, 0 for none.
    fn tier(&self, d: u32) -> u32 {
        if self.title.contains(d) && !self.title_loose.contains(d) {
            3
        } else if self.actors.contains(d) && !self.actors_loose.contains(d) {
            2
        } else if self.body.contains(d)
            || self.title_loose.contains(d)
            || self.actors_loose.contains(d)
        {
            1
        } else {
            0
        }
    }
}

/// Mentions and articles of actor `a` among the matching articles.
type Counts<'a> = Box<dyn Fn(ActorId) -> (u32, u32) + 'a>;

/// Mentions and articles packed in one word, so that counting an article
/// is one addition: mentions in the high half, articles in the low.
fn pack(mentions: u32, articles: u32) -> u64 {
    u64::from(mentions) << 32 | u64::from(articles)
}

fn unpack(both: u64) -> (u32, u32) {
    ((both >> 32) as u32, both as u32)
}

/// Counts for every actor, gathered from the side of the matching
/// articles (or of the others, when they are fewer), in `scratch`: the
/// engine keeps that table (8 bytes per actor, 3 MB on the 100k bench
/// corpus) between keystrokes rather than allocating a fresh one for each.
/// With the bitset merge of [`named_actors`], the sidebar of "blair b" went
/// from 6.3 to 5.4 ms in one instrumented run; this part was not timed
/// alone.
fn doc_side_counts<'a>(lib: &'a Library, result: &DocSet, scratch: &'a mut Vec<u64>) -> Counts<'a> {
    let actors = &lib.actors;
    let stats = lib.actors.facts();
    let n = lib.corpus.len();
    let len = result.len();
    if len == n {
        return Box::new(|a| (stats[a.ix()].mentions, stats[a.ix()].articles));
    }
    scratch.clear();
    if len > n / 2 {
        scratch.extend(stats.iter().map(|a| pack(a.mentions, a.articles)));
        for d in result.complement().iter() {
            for &(a, m) in actors.actors_in(d) {
                scratch[a.ix()] -= pack(m, 1);
            }
        }
    } else {
        scratch.resize(actors.len(), 0);
        for d in result.iter() {
            for &(a, m) in actors.actors_in(d) {
                scratch[a.ix()] += pack(m, 1);
            }
        }
    }
    let c: &'a [u64] = scratch;
    Box::new(move |a| unpack(c[a.ix()]))
}

/// How much dearer reading an actor's articles is than an article's
/// actors, per item: an actor's articles lie scattered over the corpus,
/// and each matching one is a search in that article's actors (a cache
/// miss or two), while an article's actors are contiguous. Checked on the
/// 100k bench corpus when the counts moved from the actors' mentions to
/// their articles: "bl" (3,178 actors in 21,293 articles, 46,365 matching)
/// takes 1.7 ms from the actors' side, 3.8 from the articles'; "blair b"
/// (53,310 actors in 241,937 articles, 18,460 matching) 5.0 ms from the
/// actors' side, 3.0 from the articles'. The weight picks the faster.
const SCATTERED: u64 = 8;

/// Counts for the `named` actors only: read from the articles that name
/// them when that is less work than going through the matching articles.
fn named_counts<'a>(
    lib: &'a Library,
    result: &DocSet,
    named: &[ActorId],
    scratch: &'a mut Vec<u64>,
) -> Counts<'a> {
    let actors = &lib.actors;
    let n = lib.corpus.len().max(1);
    let stats = lib.actors.facts();
    let own: u64 = named
        .iter()
        .map(|&a| u64::from(stats[a.ix()].articles))
        .sum();
    let per_doc = actors.mention_count() as u64 / n as u64 + 1;
    let through_docs = result.len().min(n - result.len()) as u64 * per_doc;
    if result.len() == n || own * SCATTERED > through_docs {
        return doc_side_counts(lib, result, scratch);
    }
    let c: rustc_hash::FxHashMap<ActorId, (u32, u32)> = named
        .iter()
        .map(|&a| {
            let (mut mentions, mut articles) = (0, 0);
            for &d in actors.docs_of(a) {
                if result.contains(d.0) {
                    let here = actors.actors_in(d);
                    if let Ok(k) = here.binary_search_by_key(&a, |&(b, _)| b) {
                        mentions += here[k].1;
                    }
                    articles += 1;
                }
            }
            (a, (mentions, articles))
        })
        .collect();
    Box::new(move |a| c.get(&a).copied().unwrap_or((0, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Extraction;
    use crate::corpus::Corpus;

    fn ids(lib: &Library, hits: &Hits) -> Vec<String> {
        hits.docs
            .iter()
            .map(|d| lib.corpus.articles[d.ix()].id.clone())
            .collect()
    }

    #[test]
    fn is_terms_answer_from_the_marks_and_combine_with_text() {
        let lib = Arc::new(Library::seeds());
        let n = lib.corpus.len();
        let mut marked = Marked::none(n);
        marked.read.insert(0);
        marked.read.insert(2);
        marked.bookmarked.insert(2);
        marked.bookmarked.insert(4);
        marked.noted.insert(1);
        let mut engine = Engine::new();
        let mut run = |q: &str| {
            let hits = engine
                .search_marked(&lib, &Query::parse(q), Some(&marked), &|| false)
                .unwrap();
            ids(&lib, &hits)
        };
        let id = |i: usize| lib.corpus.articles[i].id.clone();
        assert_eq!(run("is:bookmarked"), [id(2), id(4)]);
        assert_eq!(run("is:unread"), [id(1), id(3), id(4)]);
        assert_eq!(run("is:read"), [id(0), id(2)]);
        assert_eq!(run("is:noted"), [id(1)]);
        assert_eq!(run("is:bookmarked is:unread"), [id(4)]);
        assert_eq!(run("is:noted | is:bookmarked !is:read"), [id(1), id(4)]);
        assert!(
            run("is:later").is_empty(),
            "an unknown mark matches nothing"
        );
        // With text: only bookmarked articles naming the Taliban.
        let taliban = run("taliban");
        let both = run("is:bookmarked taliban");
        assert!(!both.is_empty());
        assert!(
            both.iter()
                .all(|d| taliban.contains(d) && [id(2), id(4)].contains(d))
        );
    }

    #[test]
    fn a_title_that_only_holds_the_letters_in_order_ranks_as_a_body_match() {
        let lines = [
            r#"{"title": "Belairs and Banek top the chart", "body": "A singer had a good week."}"#,
            r#"{"title": "Blair returns from a summit", "body": "He spoke of the bank rate."}"#,
        ];
        let corpus = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
        // Both match both terms: the first by its title's letters alone.
        let hits = search(&lib, &Query::parse("blair bank"));
        assert_eq!(hits.docs, [DocId(1), DocId(0)]);
        assert!(hits.scores[0] > hits.scores[1], "{:?}", hits.scores);
        // Alone, the loose title still matches, below the real one.
        let hits = search(&lib, &Query::parse("blair"));
        assert_eq!(hits.docs, [DocId(1), DocId(0)]);
    }

    #[test]
    fn an_actor_that_only_holds_the_letters_in_order_ranks_as_a_body_match() {
        // helper-21 on bbc: "blair bank" ranked first an article whose only
        // "bank" was the actor Basingstoke, above articles saying "bank".
        let lines = [
            r#"{"title": "Day one", "body": "The Taliban met in the hills."}"#,
            r#"{"title": "Day two", "body": "The tlbn code was set."}"#,
        ];
        let corpus = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
        assert!(
            lib.actors.iter().any(|a| a.name == "Taliban"),
            "the gazetteer names the Taliban"
        );
        let hits = search(&lib, &Query::parse("tlbn"));
        assert_eq!(hits.docs, [DocId(1), DocId(0)], "{:?}", hits.scores);
        // A name matched by its word still ranks as an actor, above a body.
        let hits = search(&lib, &Query::parse("taliban"));
        assert_eq!(hits.docs[0], DocId(0));
    }

    #[test]
    fn a_title_matched_by_a_typo_ranks_as_a_body_match() {
        // On bbc: a rare word's typos in the body ("browsed", "browsers")
        // scored above a common name's title, which many bodies name.
        let mut lines = vec![
            r#"{"title": "Firefox browser takes on Microsoft", "body": "Users browsed the web in browsers, browsing a lot."}"#.to_owned(),
            r#"{"title": "Brown ally rejects Budget spree", "body": "The chancellor spoke."}"#.to_owned(),
        ];
        for n in 0..20 {
            lines.push(format!(
                r#"{{"title": "Day {n}", "body": "Mr Brown spoke."}}"#
            ));
        }
        let corpus = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
        let hits = search(&lib, &Query::parse("brown"));
        assert_eq!(hits.docs[0], DocId(1));
        // The browser article still matches, below the name's.
        assert!(hits.docs.contains(&DocId(0)), "{:?}", hits.docs);
        // A typo in the query still finds the titles it meant.
        let hits = search(&lib, &Query::parse("brwon"));
        assert!(hits.docs.contains(&DocId(1)), "{:?}", hits.docs);
    }

    #[test]
    fn a_body_word_matched_exactly_ranks_above_a_rare_typo() {
        // On bbc, "brown" put an article whose body said only "browsers"
        // (rare, so worth more by rarity) above one naming Gordon Brown.
        let mut lines =
            vec![r#"{"title": "Web news", "body": "Users of the bruwn app."}"#.to_owned()];
        for n in 0..20 {
            lines.push(format!(
                r#"{{"title": "Day {n}", "body": "The brown dog slept."}}"#
            ));
        }
        let corpus = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let lib = Arc::new(Library::build(corpus, &Extraction::builtin()));
        let hits = search(&lib, &Query::parse("brown"));
        assert_eq!(hits.docs.len(), 21, "the typo still matches");
        assert_eq!(hits.docs.last(), Some(&DocId(0)), "{:?}", hits.docs);
        assert!(hits.scores[0] > hits.scores[20], "{:?}", hits.scores);
    }

    #[test]
    fn without_marks_everything_is_unread() {
        let lib = Arc::new(Library::seeds());
        let all = search(&lib, &Query::parse("is:unread"));
        assert_eq!(all.docs.len(), lib.corpus.len());
        assert!(search(&lib, &Query::parse("is:bookmarked")).docs.is_empty());
        // Sets over another library are ignored rather than misapplied.
        let wrong = Marked {
            bookmarked: DocSet::full(2),
            ..Marked::none(2)
        };
        let hits = Engine::new()
            .search_marked(&lib, &Query::parse("is:bookmarked"), Some(&wrong), &|| {
                false
            })
            .unwrap();
        assert!(hits.docs.is_empty());
    }

    fn set_of(universe: usize, docs: &[u32]) -> DocSet {
        let mut s = DocSet::empty(universe);
        for &d in docs {
            s.insert(d % universe as u32);
        }
        s
    }

    type Fields = (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>);

    fn hits_of(universe: usize, (title, loose, actors, actors_loose, body): &Fields) -> TermHits {
        let (title, actors, body) = (
            set_of(universe, title),
            set_of(universe, actors),
            set_of(universe, body),
        );
        // Loose title matches are some of the title matches.
        let mut title_loose = set_of(universe, loose);
        title_loose.and(&title);
        let mut actors_loose = set_of(universe, actors_loose);
        actors_loose.and(&actors);
        let mut any = title.clone();
        any.or(&actors);
        any.or(&body);
        TermHits {
            title,
            title_loose,
            actors,
            actors_loose,
            body,
            any,
            words: Vec::new(),
            title_words: Vec::new(),
            narrow: None,
            title_narrow: None,
            chars: 1,
            actor_ids: Vec::new(),
            actor_narrow: None,
            body_strong: OnceLock::new(),
        }
    }

    proptest::proptest! {
        /// Above the rank limit, articles come by the sum over OR-groups of
        /// each group's best field (title 3, actor 2, body or a loose title
        /// or actor 1), then in corpus order, whatever the sets' shapes.
        #[test]
        fn many_matches_rank_by_field_then_corpus_order(
            universe in 1usize..300,
            result in proptest::collection::vec(0u32..300, 0..300),
            groups in proptest::collection::vec(
                proptest::collection::vec(
                    (
                        proptest::collection::vec(0u32..300, 0..60),
                        proptest::collection::vec(0u32..300, 0..60),
                        proptest::collection::vec(0u32..300, 0..60),
                        proptest::collection::vec(0u32..300, 0..60),
                        proptest::collection::vec(0u32..300, 0..200),
                    ),
                    0..3,
                ),
                0..4,
            ),
        ) {
            let result = set_of(universe, &result);
            let hits: Vec<Vec<TermHits>> = groups
                .iter()
                .map(|g| g.iter().map(|t| hits_of(universe, t)).collect())
                .collect();
            let groups: Vec<Vec<&TermHits>> = hits.iter().map(|g| g.iter().collect()).collect();
            let best = |h: &TermHits, d: u32| {
                let loose = h.title_loose.contains(d);
                let actor_loose = h.actors_loose.contains(d);
                if h.title.contains(d) && !loose {
                    3
                } else if h.actors.contains(d) && !actor_loose {
                    2
                } else {
                    i64::from(h.body.contains(d) || loose || actor_loose)
                }
            };
            let mut expected: Vec<(i64, DocId)> = result
                .iter()
                .map(|d| {
                    let tier: i64 = groups
                        .iter()
                        .map(|g| g.iter().map(|h| best(h, d.0)).max().unwrap_or(0))
                        .sum();
                    (tier * TIER, d)
                })
                .collect();
            expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let (docs, scores) = rank_by_field(&result, &groups);
            let got: Vec<(i64, DocId)> = scores.into_iter().zip(docs).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
