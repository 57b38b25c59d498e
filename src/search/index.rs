//! The search index, built once per corpus so a keystroke matches the query
//! against a vocabulary and short titles instead of every body.
//!
//! - Titles, folded, in one string, each with a letter mask, and the
//!   title vocabulary (titles are matched word by word, like bodies).
//! - The body vocabulary: distinct folded words, sorted (so a prefix is a
//!   range), each with a letter mask and its postings (the articles it
//!   occurs in) as delta-encoded varints.
//! - Per article, the word-initial letters and letter pairs seen, which
//!   answer one- and two-letter terms without merging millions of postings.
//! - Per actor kind, the articles naming an actor of that kind.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::docset::DocSet;
use super::fold::{self, Sense};
use super::words::words;
use crate::actors::{Actors, Kind};
use crate::corpus::{Corpus, DocId};

/// Letter pairs a-z x a-z, as bits.
const PAIRS: usize = 26 * 26;
/// u64 words holding [`PAIRS`] bits.
const PAIR_WORDS: usize = PAIRS.div_ceil(64);

/// Distinct folded words, sorted (so a prefix is a range), each with a
/// letter mask and the articles it occurs in (delta-encoded varints).
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    text: String,
    start: Vec<u32>,
    mask: Vec<u64>,
    df: Vec<u32>,
    postings: Vec<u8>,
    post_start: Vec<u64>,
}

impl Vocab {
    /// Builds a vocabulary from words with their sorted, distinct articles.
    fn from_words(mut words: Vec<(Box<str>, Vec<u32>)>) -> Vocab {
        words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut v = Vocab {
            start: Vec::with_capacity(words.len() + 1),
            mask: Vec::with_capacity(words.len()),
            df: Vec::with_capacity(words.len()),
            post_start: Vec::with_capacity(words.len() + 1),
            ..Vocab::default()
        };
        for (w, docs) in &words {
            v.start.push(v.text.len() as u32);
            v.text.push_str(w);
            v.mask.push(fold::mask(w));
            v.df.push(docs.len() as u32);
            v.post_start.push(v.postings.len() as u64);
            encode(docs, &mut v.postings);
        }
        v.start.push(v.text.len() as u32);
        v.post_start.push(v.postings.len() as u64);
        v
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
            + self.postings.len()
            + self.post_start.len() * 8
    }
}

/// The search index of one corpus.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: usize,
    titles: String,
    title_start: Vec<u32>,
    title_mask: Vec<u64>,
    title_words: Vocab,
    body_words: Vocab,
    initials: Vec<u32>,
    pairs: Vec<[u64; PAIR_WORDS]>,
    kind_docs: Vec<DocSet>,
    actor_names: Vec<Vec<String>>,
}

/// One thread's share of the build: postings for a contiguous run of
/// articles, so concatenating shares in order keeps postings sorted.
struct Share {
    words: FxHashMap<Box<str>, Vec<u32>>,
    initials: Vec<u32>,
    pairs: Vec<[u64; PAIR_WORDS]>,
}

impl SearchIndex {
    /// Indexes `corpus` and the names of `actors`.
    pub fn build(corpus: &Corpus, actors: &Actors) -> SearchIndex {
        let n = corpus.len();
        let threads = rayon::current_num_threads().max(1);
        let per = n.div_ceil(threads).max(1);
        let shares: Vec<Share> = (0..n.div_ceil(per))
            .into_par_iter()
            .map(|t| index_share(corpus, t * per..((t + 1) * per).min(n)))
            .collect();

        // Merge the shares' vocabularies; later shares hold later articles.
        let mut shares = shares.into_iter();
        let mut first = shares.next().unwrap_or(Share {
            words: FxHashMap::default(),
            initials: Vec::new(),
            pairs: Vec::new(),
        });
        for share in shares {
            for (w, docs) in share.words {
                first.words.entry(w).or_default().extend(docs);
            }
            first.initials.extend(share.initials);
            first.pairs.extend(share.pairs);
        }
        let body_words = Vocab::from_words(first.words.into_iter().collect());

        let mut titles = String::new();
        let mut title_start = Vec::with_capacity(n + 1);
        let mut title_mask = Vec::with_capacity(n);
        let mut tw: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        for (d, a) in corpus.articles.iter().enumerate() {
            title_start.push(titles.len() as u32);
            let before = titles.len();
            fold::transform_into(a.title(), Sense::default(), &mut titles);
            let folded = &titles[before..];
            title_mask.push(fold::mask(folded));
            for (_, w) in words(folded) {
                let list = tw.entry(w.into()).or_default();
                if list.last() != Some(&(d as u32)) {
                    list.push(d as u32);
                }
            }
        }
        title_start.push(titles.len() as u32);
        let title_words = Vocab::from_words(tw.into_iter().collect());

        let mut kind_docs = vec![DocSet::empty(n); Kind::ALL.len()];
        let mut actor_names = Vec::with_capacity(actors.len());
        for (i, a) in actors.list().iter().enumerate() {
            let set = &mut kind_docs[kind_slot(a.kind)];
            for d in actors.docs_of(crate::actors::ActorId(i as u32)) {
                set.insert(d.0);
            }
            let mut names: Vec<String> = std::iter::once(a.name.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .chain(a.variants.iter().map(|v| v.text.as_str()))
                .map(fold::fold)
                .collect();
            names.sort();
            names.dedup();
            actor_names.push(names);
        }

        SearchIndex {
            docs: n,
            titles,
            title_start,
            title_mask,
            title_words,
            body_words,
            initials: first.initials,
            pairs: first.pairs,
            kind_docs,
            actor_names,
        }
    }

    /// Number of articles indexed.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// The folded title of `doc`.
    pub fn title(&self, doc: DocId) -> &str {
        let d = doc.ix();
        &self.titles[self.title_start[d] as usize..self.title_start[d + 1] as usize]
    }

    /// The letter mask of `doc`'s folded title.
    pub fn title_mask(&self, doc: DocId) -> u64 {
        self.title_mask[doc.ix()]
    }

    /// The words of the titles.
    pub fn title_words(&self) -> &Vocab {
        &self.title_words
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

    /// The folded name, aliases and seen spellings of each actor, by id.
    pub fn actor_names(&self) -> &[Vec<String>] {
        &self.actor_names
    }

    /// Bytes held by the index (not counting the corpus), for reports.
    pub fn heap_bytes(&self) -> usize {
        self.titles.len()
            + self.title_start.len() * 4
            + self.title_mask.len() * 8
            + self.title_words.heap_bytes()
            + self.body_words.heap_bytes()
            + self.initials.len() * 4
            + self.pairs.len() * PAIR_WORDS * 8
            + self.kind_docs.len() * self.docs.div_ceil(8)
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

/// Tokenizes the bodies of `docs` into one share of the index.
fn index_share(corpus: &Corpus, docs: Range<usize>) -> Share {
    let mut share = Share {
        words: FxHashMap::default(),
        initials: Vec::with_capacity(docs.len()),
        pairs: Vec::with_capacity(docs.len()),
    };
    let mut buf = String::new();
    for d in docs {
        let a = &corpus.articles[d];
        let mut initials = 0u32;
        let mut pairs = [0u64; PAIR_WORDS];
        for (_, w) in words(a.body()) {
            buf.clear();
            fold::transform_into(w, Sense::default(), &mut buf);
            let b = buf.as_bytes();
            if let Some(&c0) = b.first().filter(|c| c.is_ascii_lowercase()) {
                initials |= 1 << (c0 - b'a');
                if let Some(&c1) = b.get(1).filter(|c| c.is_ascii_lowercase()) {
                    let bit = usize::from(c0 - b'a') * 26 + usize::from(c1 - b'a');
                    pairs[bit / 64] |= 1 << (bit % 64);
                }
            }
            let d = d as u32;
            match share.words.get_mut(buf.as_str()) {
                Some(list) => {
                    if list.last() != Some(&d) {
                        list.push(d);
                    }
                }
                None => {
                    share.words.insert(buf.as_str().into(), vec![d]);
                }
            }
        }
        share.initials.push(initials);
        share.pairs.push(pairs);
    }
    share
}

/// Appends sorted doc ids as LEB128 varints of their gaps.
fn encode(docs: &[u32], out: &mut Vec<u8>) {
    let mut prev = 0u32;
    for (i, &d) in docs.iter().enumerate() {
        let mut gap = if i == 0 { d } else { d - prev };
        prev = d;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
}

/// Decodes what [`encode`] wrote.
fn decode(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut pos = 0;
    let mut prev = 0u32;
    let mut first = true;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let mut gap = 0u32;
        let mut shift = 0;
        while let Some(&b) = bytes.get(pos) {
            pos += 1;
            gap |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        let d = if first { gap } else { prev + gap };
        first = false;
        prev = d;
        Some(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn postings_round_trip() {
        let docs = [0u32, 1, 5, 127, 128, 300, 70_000, 1_000_000];
        let mut bytes = Vec::new();
        encode(&docs, &mut bytes);
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
        assert_eq!(
            ix.title(DocId(1)),
            "russia kickstarts process to remove taliban from terror list"
        );
        assert!(ix.has_pair(DocId(1), b'b', b'o'));
        assert!(ix.has_initial(DocId(4), b'l'));
        assert!(ix.kind_docs(Kind::Media).contains(4));
    }
}
