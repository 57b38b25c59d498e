//! The search index, built once per corpus so a keystroke matches the query
//! against a vocabulary and short titles instead of every body.
//!
//! - Titles, folded, in one string (for fuzzy-matcher's ranking score), and
//!   the title vocabulary (titles are matched word by word, like bodies).
//! - The body vocabulary: distinct folded words, sorted (so a prefix is a
//!   range), each with a letter mask and its postings (the articles it
//!   occurs in) as delta-encoded varints.
//! - Per article, the word-initial letters and letter pairs seen, which
//!   answer one- and two-letter terms without merging millions of postings.
//! - Per actor kind, the articles naming an actor of that kind.
//! - The actors' folded names, and their words as a vocabulary whose
//!   postings are actors instead of articles, so a term finds the actors it
//!   names by looking up words, not by reading every name.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::build::{Initials, VocabBuilder, WordCache, read_varint};
use super::docset::DocSet;
use super::fold::{self, Sense};
use crate::actors::{Actors, Kind};
use crate::corpus::{Corpus, DocId};
use crate::words::words;

/// Letter pairs a-z x a-z, as bits.
const PAIRS: usize = 26 * 26;
/// u64 words holding [`PAIRS`] bits.
pub(crate) const PAIR_WORDS: usize = PAIRS.div_ceil(64);

/// Distinct folded words, sorted (so a prefix is a range), each with a
/// letter mask and the articles it occurs in (delta-encoded varints).
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    text: String,
    start: Vec<u32>,
    mask: Vec<u64>,
    df: Vec<u32>,
    /// In how many articles each word was written starting in lower case.
    lower: Vec<u32>,
    postings: Vec<u8>,
    post_start: Vec<u64>,
}

impl Vocab {
    /// An empty vocabulary with room for `words` words of `text` bytes and
    /// `postings` bytes of postings.
    pub(crate) fn with_capacity(words: usize, text: usize, postings: usize) -> Vocab {
        Vocab {
            text: String::with_capacity(text),
            start: Vec::with_capacity(words + 1),
            mask: Vec::with_capacity(words),
            df: Vec::with_capacity(words),
            lower: Vec::with_capacity(words),
            postings: Vec::with_capacity(postings),
            post_start: Vec::with_capacity(words + 1),
        }
    }

    /// Adds the next word (in sorted order) with its encoded postings.
    pub(crate) fn push_word(&mut self, word: &str, df: u32, lower: u32, postings: &[u8]) {
        self.lower.push(lower);
        self.start.push(self.text.len() as u32);
        self.text.push_str(word);
        self.mask.push(fold::mask(word));
        self.df.push(df);
        self.post_start.push(self.postings.len() as u64);
        self.postings.extend_from_slice(postings);
    }

    /// Closes the offset tables after the last word.
    pub(crate) fn seal(&mut self) {
        self.start.push(self.text.len() as u32);
        self.post_start.push(self.postings.len() as u64);
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.df.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }

    /// Word `w` (folded).
    pub fn word(&self, w: u32) -> &str {
        let w = w as usize;
        &self.text[self.start[w] as usize..self.start[w + 1] as usize]
    }

    /// The letter mask of word `w`.
    pub fn word_mask(&self, w: u32) -> u64 {
        self.mask[w as usize]
    }

    /// In how many articles word `w` occurs.
    pub fn df(&self, w: u32) -> u32 {
        self.df[w as usize]
    }

    /// The ids of the words starting with `prefix`: a range, since the
    /// vocabulary is sorted.
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let n = self.df.len();
        let lo = partition(n, |i| self.word(i as u32) < prefix);
        let hi = lo + partition(n - lo, |i| self.word((lo + i) as u32).starts_with(prefix));
        lo as u32..hi as u32
    }

    /// The id of `word`, if it occurs.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        let r = self.prefix_range(word);
        (r.start < r.end && self.word(r.start) == word).then_some(r.start)
    }

    /// In how many articles `word` (folded) is written starting in lower
    /// case: evidence that, capitalised, it is a common word.
    pub fn lowercase_docs(&self, word: &str) -> u32 {
        self.word_id(word).map_or(0, |w| self.lower[w as usize])
    }

    /// The articles word `w` occurs in, in order.
    pub fn postings(&self, w: u32) -> impl Iterator<Item = u32> + '_ {
        let w = w as usize;
        decode(&self.postings[self.post_start[w] as usize..self.post_start[w + 1] as usize])
    }

    fn heap_bytes(&self) -> usize {
        self.text.len()
            + self.start.len() * 4
            + self.mask.len() * 8
            + self.df.len() * 4
            + self.lower.len() * 4
            + self.postings.len()
            + self.post_start.len() * 8
    }
}

/// The search index of one corpus.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: usize,
    /// Shared with the partial library shown while the corpus is indexed
    /// (see [`Library::build_with`](crate::library::Library::build_with)).
    title_words: Arc<Vocab>,
    body_words: Vocab,
    initials: Vec<u32>,
    pairs: Vec<[u64; PAIR_WORDS]>,
    kind_docs: Vec<DocSet>,
    actor_names: Names,
    name_words: Vocab,
}

/// The folded names of every actor, end to end in one string: actor `a`'s
/// are `names[first[a]..first[a + 1]]`, name `k` being
/// `text[start[k]..start[k + 1]]`. (A `Vec<String>` per actor costs three
/// allocations each, and a corpus can name hundreds of thousands.)
#[derive(Debug, Clone, Default)]
struct Names {
    text: String,
    start: Vec<u32>,
    first: Vec<u32>,
}

impl Names {
    /// Adds the next actor, with `names` folded, sorted and without
    /// repeats; `folded` and `spans` are scratch space (a corpus names
    /// hundreds of thousands of actors: no String per name).
    fn push_actor<'n>(
        &mut self,
        names: impl Iterator<Item = &'n str>,
        folded: &mut String,
        spans: &mut Vec<Range<usize>>,
    ) {
        if self.first.is_empty() {
            self.first.push(0);
            self.start.push(0);
        }
        folded.clear();
        spans.clear();
        for n in names {
            let start = folded.len();
            fold::transform_into(n, Sense::default(), folded);
            spans.push(start..folded.len());
        }
        spans.sort_unstable_by(|a, b| folded[a.clone()].cmp(&folded[b.clone()]));
        spans.dedup_by(|a, b| folded[a.clone()] == folded[b.clone()]);
        for span in spans.iter() {
            self.text.push_str(&folded[span.clone()]);
            self.start.push(self.text.len() as u32);
        }
        self.first.push(self.start.len() as u32 - 1);
    }

    /// Adds the actors of `other` after this one's.
    fn append(&mut self, other: Names) {
        if other.first.is_empty() {
            return;
        }
        if self.first.is_empty() {
            *self = other;
            return;
        }
        let (text, names) = (self.text.len() as u32, self.start.len() as u32 - 1);
        self.text.push_str(&other.text);
        self.start
            .extend(other.start.iter().skip(1).map(|&s| s + text));
        self.first
            .extend(other.first.iter().skip(1).map(|&f| f + names));
    }

    fn of(&self, a: usize) -> impl Iterator<Item = &str> + '_ {
        let (s, e) = match (self.first.get(a), self.first.get(a + 1)) {
            (Some(&s), Some(&e)) => (s as usize, e as usize),
            _ => (0, 0),
        };
        (s..e).map(|k| &self.text[self.start[k] as usize..self.start[k + 1] as usize])
    }
}

/// The title vocabulary: `given`, or built here when the pass did not.
/// (Folded titles are not kept: ranking folds the few it scores.)
fn title_vocab(corpus: &Corpus, given: Option<Arc<Vocab>>) -> Arc<Vocab> {
    given.unwrap_or_else(|| {
        let mut tw = VocabBuilder::default();
        let mut buf = String::new();
        for (d, a) in corpus.articles.iter().enumerate() {
            for (_, w) in words(a.display_title()) {
                tw.add(w, d as u32, &mut buf);
            }
        }
        Arc::new(tw.finish())
    })
}

/// The articles naming an actor of each kind, by [`kind_slot`].
fn kind_docs(n: usize, actors: &Actors) -> Vec<DocSet> {
    let mut kind_docs = vec![DocSet::empty(n); Kind::ALL.len()];
    for (i, a) in actors.iter().enumerate() {
        let set = &mut kind_docs[kind_slot(a.kind)];
        for d in actors.docs_of(crate::actors::ActorId(i as u32)) {
            set.insert(d.0);
        }
    }
    kind_docs
}

/// Every actor's folded names (name, aliases, spellings) and the
/// vocabulary of their words, whose postings are actor numbers. Built in
/// `runs` runs of consecutive actors (one per core: each run's vocabulary
/// is sorted again to merge), joined in order.
fn name_vocab(actors: &Actors, runs: usize) -> (Names, Vocab) {
    let parts: Vec<(Names, VocabBuilder)> = crate::par::shares(actors.len(), runs)
        .into_par_iter()
        .map(|run| {
            let mut part = Names::default();
            let mut vocab = VocabBuilder::default();
            let (mut folded, mut spans, mut buf) = (String::new(), Vec::new(), String::new());
            for (k, i) in run.clone().enumerate() {
                let a = actors.get(crate::actors::ActorId(i as u32));
                let names = std::iter::once(a.name)
                    .chain(a.aliases.iter().map(String::as_str))
                    .chain(a.variants.iter().map(|v| v.text.as_str()));
                part.push_actor(names, &mut folded, &mut spans);
                for name in part.of(k) {
                    for (_, w) in words(name) {
                        vocab.add(w, (run.start + k) as u32, &mut buf);
                    }
                }
            }
            (part, vocab)
        })
        .collect();
    let mut names = Names::default();
    let mut vocabs = Vec::with_capacity(parts.len());
    for (part, vocab) in parts {
        names.append(part);
        vocabs.push(vocab);
    }
    (names, VocabBuilder::merge(vocabs))
}

/// The body part of the index, built word by word: the vocabulary and,
/// per article, the word-initial letters and letter pairs. One builder
/// covers a contiguous run of articles; builders join in order.
#[derive(Default)]
pub struct BodyBuilder {
    words: VocabBuilder,
    titles: VocabBuilder,
    cache: WordCache,
    buf: String,
    initials: Vec<u32>,
    pairs: Vec<[u64; PAIR_WORDS]>,
    /// The current article's initials, kept until it ends.
    current: Initials,
    /// Whether an article is begun and not yet ended.
    open: bool,
    doc: u32,
}

/// A finished [`BodyBuilder`].
pub struct BodyIndex {
    words: Vocab,
    titles: Option<Arc<Vocab>>,
    initials: Vec<u32>,
    pairs: Vec<[u64; PAIR_WORDS]>,
}

impl BodyIndex {
    /// The same index with `titles` as its title vocabulary.
    pub fn with_titles(self, titles: Arc<Vocab>) -> BodyIndex {
        BodyIndex {
            titles: Some(titles),
            ..self
        }
    }

    /// In how many bodies each word written in lower case somewhere is
    /// so written, by folded word: a table for many lookups.
    pub fn lowercase_table(&self) -> rustc_hash::FxHashMap<&str, u32> {
        let v = &self.words;
        (0..v.len() as u32)
            .filter(|&w| v.lower[w as usize] > 0)
            .map(|w| (v.word(w), v.lower[w as usize]))
            .collect()
    }
}

impl BodyBuilder {
    /// Starts article `doc` (articles come in increasing order).
    #[inline]
    pub fn begin(&mut self, doc: DocId) {
        self.end();
        self.doc = doc.0;
        self.open = true;
    }

    /// Ends the current article: posts the words the cache holds back and
    /// keeps the article's initials.
    fn end(&mut self) {
        if !self.open {
            return;
        }
        let current = &mut self.current;
        self.cache
            .drain(&mut self.words, self.doc, &mut self.buf, current);
        self.initials.push(current.letters);
        self.pairs.push(current.pairs);
        *current = Initials::default();
        self.open = false;
    }

    /// Adds one word of the current article's title.
    #[inline]
    pub fn title_word(&mut self, w: &str) {
        self.titles.add(w, self.doc, &mut self.buf);
    }

    /// Adds one word of the current article's body.
    #[inline]
    pub fn word(&mut self, w: &str) {
        self.cache.add(
            &mut self.words,
            w,
            self.doc,
            &mut self.buf,
            &mut self.current,
        );
    }

    /// The body index of builders over consecutive runs of articles, in
    /// order; with `titles`, of the title words fed with
    /// [`BodyBuilder::title_word`] too.
    pub fn finish(parts: Vec<BodyBuilder>, titles: bool) -> BodyIndex {
        let mut initials = Vec::new();
        let mut pairs = Vec::new();
        let mut bodies = Vec::with_capacity(parts.len());
        let mut heads = Vec::with_capacity(parts.len());
        for mut p in parts {
            p.end();
            initials.extend(p.initials);
            pairs.extend(p.pairs);
            bodies.push(p.words);
            heads.push(p.titles);
        }
        let words = VocabBuilder::merge(bodies);
        BodyIndex {
            words,
            titles: titles.then(|| Arc::new(VocabBuilder::merge(heads))),
            initials,
            pairs,
        }
    }
}

impl SearchIndex {
    /// Indexes `corpus` and the names of `actors`.
    pub fn build(corpus: &Corpus, actors: &Actors) -> SearchIndex {
        let builders: Vec<BodyBuilder> = crate::par::per_core(corpus.len())
            .into_par_iter()
            .map(|share| {
                let mut b = BodyBuilder::default();
                for d in share {
                    b.begin(DocId(d as u32));
                    for (_, w) in words(corpus.articles[d].body()) {
                        b.word(w);
                    }
                }
                b
            })
            .collect();
        SearchIndex::assemble(corpus, BodyBuilder::finish(builders, false), actors)
    }

    /// An index of the titles alone, for a corpus still loading.
    pub fn titles_only(corpus: &Corpus) -> SearchIndex {
        let none = BodyIndex {
            words: Vocab::default(),
            titles: None,
            initials: Vec::new(),
            pairs: Vec::new(),
        };
        SearchIndex::assemble(corpus, none, &Actors::default())
    }

    /// Whether bodies are indexed (not while the corpus is still loading).
    pub fn has_bodies(&self) -> bool {
        self.initials.len() == self.docs && self.docs > 0
    }

    /// Completes the index from its body part: titles, actor kinds and
    /// names.
    pub fn assemble(corpus: &Corpus, body: BodyIndex, actors: &Actors) -> SearchIndex {
        let n = corpus.len();
        let body_words = body.words;
        let given = body.titles;
        // Titles and kinds in one task, actor names in two runs merged
        // after. Two runs hold two word tables until the merge, but this
        // step stays below the peak discovery sets: on 100k articles
        // (load_phases) it takes 190-280 ms against 260-330 as one run,
        // with the same resident peak.
        let ((title_words, kind_docs), (actor_names, name_words)) = rayon::join(
            || (title_vocab(corpus, given), kind_docs(n, actors)),
            || name_vocab(actors, 2),
        );
        SearchIndex {
            docs: n,
            title_words,
            body_words,
            initials: body.initials,
            pairs: body.pairs,
            kind_docs,
            actor_names,
            name_words,
        }
    }

    /// Number of articles indexed.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// The words of the titles.
    pub fn title_words(&self) -> &Vocab {
        &self.title_words
    }

    /// The words of the titles, to share with a library built later over
    /// the same articles.
    pub fn shared_title_words(&self) -> Arc<Vocab> {
        Arc::clone(&self.title_words)
    }

    /// The words of the bodies.
    pub fn body_words(&self) -> &Vocab {
        &self.body_words
    }

    /// Whether `doc` has a body word starting with the letter `a` (a-z).
    pub fn has_initial(&self, doc: DocId, a: u8) -> bool {
        self.initials[doc.ix()] & (1 << (a - b'a')) != 0
    }

    /// Whether `doc` has a body word starting with the letters `a`, `b`
    /// (a-z).
    pub fn has_pair(&self, doc: DocId, a: u8, b: u8) -> bool {
        let bit = usize::from(a - b'a') * 26 + usize::from(b - b'a');
        self.pairs[doc.ix()][bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The articles naming an actor of `kind`.
    pub fn kind_docs(&self, kind: Kind) -> &DocSet {
        &self.kind_docs[kind_slot(kind)]
    }

    /// The folded name, aliases and seen spellings of actor `a`.
    pub fn actor_names(&self, a: usize) -> impl Iterator<Item = &str> + '_ {
        self.actor_names.of(a)
    }

    /// The words of the actors' names; a word's postings are the actors
    /// (by index) whose name, alias or seen spelling holds it.
    pub fn name_words(&self) -> &Vocab {
        &self.name_words
    }

    /// Bytes held by the index (not counting the corpus), for reports.
    pub fn heap_bytes(&self) -> usize {
        self.title_words.heap_bytes()
            + self.body_words.heap_bytes()
            + self.name_words.heap_bytes()
            + self.initials.len() * 4
            + self.pairs.len() * PAIR_WORDS * 8
            + self.kind_docs.len() * self.docs.div_ceil(8)
            + self.actor_names.text.len()
            + (self.actor_names.start.len() + self.actor_names.first.len()) * 4
    }
}

fn kind_slot(kind: Kind) -> usize {
    Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// The number of leading indices in `0..n` for which `pred` holds, given
/// that it holds for a prefix of them.
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Decodes postings: delta varints, the first absolute.
fn decode(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut pos = 0;
    let mut prev = 0u32;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        prev += read_varint(bytes, &mut pos);
        Some(prev)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    use super::*;
    use crate::library::Library;
    use crate::search::build::push_varint;

    #[test]
    fn actor_names_built_in_runs_match_one_run() {
        let lib = Library::seeds();
        let (one, one_words) = name_vocab(&lib.actors, 1);
        for runs in [2, 3, lib.actors.len(), lib.actors.len() + 5] {
            let (split, words) = name_vocab(&lib.actors, runs);
            for a in 0..lib.actors.len() {
                assert_eq!(
                    one.of(a).collect::<Vec<_>>(),
                    split.of(a).collect::<Vec<_>>(),
                    "actor {a} in {runs} runs"
                );
            }
            assert_eq!(one_words.len(), words.len(), "{runs} runs");
            for w in 0..words.len() as u32 {
                assert_eq!(one_words.word(w), words.word(w));
                assert!(one_words.postings(w).eq(words.postings(w)), "{runs} runs");
            }
        }
        // "putin" is a word of one actor's names, and its posting is that actor.
        let putin = (0..one_words.len() as u32)
            .find(|&w| one_words.word(w) == "putin")
            .expect("Putin is named in the seeds");
        let who: Vec<u32> = one_words.postings(putin).collect();
        assert!(!who.is_empty());
        assert!(
            who.iter()
                .all(|&a| one.of(a as usize).any(|n| n.contains("putin")))
        );
    }

    #[test]
    fn postings_round_trip() {
        let docs = [0u32, 1, 5, 127, 128, 300, 70_000, 1_000_000];
        let mut bytes = Vec::new();
        let mut prev = 0;
        for d in docs {
            push_varint(d - prev, &mut bytes);
            prev = d;
        }
        assert_eq!(decode(&bytes).collect::<Vec<_>>(), docs);
    }

    #[test]
    fn the_seed_vocabulary_is_sorted_folded_and_posted() {
        let lib = Library::seeds();
        let ix = SearchIndex::build(&lib.corpus, &lib.actors);
        assert_eq!(ix.docs(), 5);
        let body = ix.body_words();
        let words: Vec<&str> = (0..body.len() as u32).map(|w| body.word(w)).collect();
        assert!(words.windows(2).all(|p| p[0] < p[1]));
        assert!(words.iter().all(|w| *w == fold::fold(w)));
        let bortinkov = body.word_id("bortinkov").unwrap();
        assert_eq!(body.postings(bortinkov).collect::<Vec<_>>(), [1]);
        let taliban = body.word_id("taliban").unwrap();
        assert_eq!(body.postings(taliban).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        let r = body.prefix_range("bortn");
        let found: Vec<&str> = r.map(|w| body.word(w)).collect();
        assert_eq!(found, ["bortnikov"]);
        let titles = ix.title_words();
        let kick = titles.word_id("kickstarts").unwrap();
        assert_eq!(titles.postings(kick).collect::<Vec<_>>(), [1]);
        assert!(ix.has_pair(DocId(1), b'b', b'o'));
        assert!(ix.has_initial(DocId(4), b'l'));
        assert!(ix.kind_docs(Kind::Media).contains(4));
    }

    /// What the body index should hold, built the obvious way: per folded
    /// word, the articles it occurs in and those where it is written
    /// starting in lower case; per article, the initials and pairs.
    struct Reference {
        words: BTreeMap<String, (BTreeSet<u32>, BTreeSet<u32>)>,
        initials: Vec<u32>,
        pairs: Vec<BTreeSet<(u8, u8)>>,
    }

    impl Reference {
        fn of(docs: &[Vec<String>]) -> Reference {
            let mut r = Reference {
                words: BTreeMap::new(),
                initials: vec![0; docs.len()],
                pairs: vec![BTreeSet::new(); docs.len()],
            };
            for (d, doc) in docs.iter().enumerate() {
                for w in doc {
                    let folded = fold::fold(w);
                    let e = r.words.entry(folded.clone()).or_default();
                    e.0.insert(d as u32);
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        e.1.insert(d as u32);
                    }
                    let f = folded.as_bytes();
                    if f[0].is_ascii_lowercase() {
                        r.initials[d] |= 1 << (f[0] - b'a');
                        if f.len() > 1 && f[1].is_ascii_lowercase() {
                            r.pairs[d].insert((f[0], f[1]));
                        }
                    }
                }
            }
            r
        }

        fn check(&self, v: &Vocab) -> Result<(), TestCaseError> {
            let got: Vec<&str> = (0..v.len() as u32).map(|w| v.word(w)).collect();
            let want: Vec<&str> = self.words.keys().map(String::as_str).collect();
            prop_assert_eq!(got, want);
            for (w, (docs, lower)) in self.words.values().enumerate() {
                let w = w as u32;
                prop_assert_eq!(
                    v.postings(w).collect::<Vec<_>>(),
                    docs.iter().copied().collect::<Vec<_>>()
                );
                prop_assert_eq!(v.df(w) as usize, docs.len());
                prop_assert_eq!(v.lower[w as usize] as usize, lower.len());
            }
            Ok(())
        }
    }

    /// The body index of `bodies` and `titles` built by `parts` builders
    /// over consecutive runs of articles, with word caches of `2^bits`
    /// slots (few, to make tokens evict each other).
    fn built(bodies: &[Vec<String>], titles: &[Vec<String>], parts: usize, bits: u32) -> BodyIndex {
        let per = bodies.len().div_ceil(parts).max(1);
        let builders = (0..bodies.len().div_ceil(per))
            .map(|t| {
                let mut b = BodyBuilder {
                    cache: WordCache::with_bits(bits),
                    ..BodyBuilder::default()
                };
                for d in t * per..((t + 1) * per).min(bodies.len()) {
                    b.begin(DocId(d as u32));
                    for w in &titles[d] {
                        b.title_word(w);
                    }
                    for w in &bodies[d] {
                        b.word(w);
                    }
                }
                b
            })
            .collect();
        BodyBuilder::finish(builders, true)
    }

    /// A word as the tokenizer gives them: few letters, so words repeat
    /// within and across articles, in both cases, with diacritics, and
    /// some longer than the word cache keys.
    const WORD: &str = "[a-cA-CéÉß0-9]{1,3}|[abAB]{15,19}";

    proptest! {
        #[test]
        fn the_body_index_agrees_with_the_obvious_one(
            bodies in prop::collection::vec(prop::collection::vec(WORD, 0..40), 1..30),
            title_len in 0usize..4,
            parts in 1usize..4,
            bits in prop::sample::select(vec![1u32, 3, 17]),
        ) {
            let titles: Vec<Vec<String>> = bodies
                .iter()
                .map(|b| b.iter().rev().take(title_len).cloned().collect())
                .collect();
            let ix = built(&bodies, &titles, parts, bits);
            let r = Reference::of(&bodies);
            r.check(&ix.words)?;
            prop_assert_eq!(&ix.initials, &r.initials);
            for (d, pairs) in r.pairs.iter().enumerate() {
                for a in b'a'..=b'z' {
                    for b in b'a'..=b'z' {
                        let bit = usize::from(a - b'a') * 26 + usize::from(b - b'a');
                        let set = ix.pairs[d][bit / 64] & (1 << (bit % 64)) != 0;
                        prop_assert_eq!(set, pairs.contains(&(a, b)));
                    }
                }
            }
            let titles_ref = Reference::of(&titles);
            let tv = ix.titles.as_deref().expect("titles asked for");
            titles_ref.check(tv)?;
        }
    }
}
