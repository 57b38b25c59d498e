//! Actors: the people, organisations, countries, places and media that the
//! articles name, and every mention of each.
//!
//! Built once per corpus, in one pass over each article's words, from two
//! sources ([`Extraction`]): the gazetteer ([`Gazetteer`]), whose names and
//! aliases are found with an aho-corasick automaton (see `matcher`), with
//! capitalised words one edit away from a known spelling merged in (see
//! `variants`); and discovery (see [`discover`]), which finds the names
//! nobody listed from how news text writes them. The gazetteer wins where
//! both claim a span. The result is immutable and cheap to query: mentions
//! per article in text order, mentions per actor in corpus order, and
//! counts.
//!
//! This module reads the corpus and knows nothing about search or the
//! terminal.

pub mod concordance;
pub mod discover;
pub mod gazetteer;
mod matcher;
pub mod related;
pub mod sentences;
mod variants;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use serde::Serialize;

pub use gazetteer::{Entry, Gazetteer, GazetteerError, Kind};

use crate::corpus::{Corpus, DocId};
use crate::csr::{Csr, Texts};
use discover::{Cues, Run, Runs};
use matcher::{Hit, Matcher};
use variants::VariantIndex;

/// Index of an actor; actors are numbered by rank (most mentioned first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ActorId(pub u32);

impl ActorId {
    /// The position in the actor list.
    pub fn ix(self) -> usize {
        self.0 as usize
    }
}

/// One occurrence of an actor in an article: a byte span of the article's
/// full text (title line included). The article is not part of it: a
/// mention is read from its article's list ([`Actors::in_doc`]), and the
/// corpus-wide accessors pair it with its [`DocId`]. On a large corpus that
/// saves four bytes of two million mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset where the mention starts.
    pub start: u32,
    /// Byte offset just past the mention.
    pub end: u32,
    /// Who is mentioned.
    pub actor: ActorId,
}

impl Mention {
    /// The byte range of the mention in its article's text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A spelling under which an actor appears, with how often it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The text as the articles write it.
    pub text: String,
    /// How many mentions use it.
    pub count: u32,
}

/// An actor with its counts over the whole corpus: a view into
/// [`Actors`], which keeps every name in one buffer rather than one
/// allocation per actor (most of a large corpus's actors are named once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Actor<'a> {
    /// The canonical name.
    pub name: &'a str,
    /// What sort of actor.
    pub kind: Kind,
    /// Other spellings from the gazetteer, whether or not they occur.
    pub aliases: &'a [String],
    /// Spellings seen in the corpus, most frequent first; empty when the
    /// articles write the actor only as its name (most do: this saves a
    /// string per actor). [`Actor::spellings`] always lists them.
    pub variants: &'a [Variant],
    /// Number of mentions.
    pub mentions: u32,
    /// Number of articles with at least one mention.
    pub articles: u32,
}

impl<'a> Actor<'a> {
    /// Spellings seen in the corpus, most frequent first.
    pub fn spellings(self) -> std::borrow::Cow<'a, [Variant]> {
        if self.variants.is_empty() {
            std::borrow::Cow::Owned(vec![Variant {
                text: self.name.to_owned(),
                count: self.mentions,
            }])
        } else {
            std::borrow::Cow::Borrowed(self.variants)
        }
    }
}

/// What [`Actors`] keeps of each actor besides its name, packed so that a
/// pass over every actor (the sidebar's, per keystroke) reads 16 bytes
/// each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    pub mentions: u32,
    pub articles: u32,
    /// Index into `Actors::extras`, or [`Facts::PLAIN`].
    extra: u32,
    pub kind: Kind,
}

impl Facts {
    /// No aliases and no variants: nearly every discovered actor.
    const PLAIN: u32 = u32::MAX;
}

/// The aliases and variants of the few actors that have either.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Extra {
    aliases: Vec<String>,
    variants: Vec<Variant>,
}

/// Every actor and mention of a corpus.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// The actors' names, most mentioned first.
    names: Texts,
    facts: Vec<Facts>,
    extras: Vec<Extra>,
    /// All mentions, by article then position.
    mentions: Vec<Mention>,
    /// `mentions[doc_start[d]..doc_start[d + 1]]` are article `d`'s.
    doc_start: Vec<u32>,
    /// `doc_actors[doc_actor_start[d]..doc_actor_start[d + 1]]` are the
    /// distinct actors article `d` names, with how often.
    doc_actor_start: Vec<u32>,
    doc_actors: Vec<(ActorId, u32)>,
    /// The articles naming each actor, in corpus order.
    actor_docs: Csr<DocId>,
}

/// Where actors come from: a gazetteer of known names, and whether the
/// names it does not list are discovered from the text.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Known actors; they always apply.
    pub gazetteer: Gazetteer,
    /// Whether to discover the actors the gazetteer does not list.
    pub discover: bool,
}

impl Extraction {
    /// The built-in gazetteer, and discovery.
    pub fn builtin() -> Extraction {
        Extraction::with(Gazetteer::builtin())
    }

    /// `gazetteer`, and discovery.
    pub fn with(gazetteer: Gazetteer) -> Extraction {
        Extraction {
            gazetteer,
            discover: true,
        }
    }

    /// `gazetteer` alone: only the actors it lists.
    pub fn only(gazetteer: Gazetteer) -> Extraction {
        Extraction {
            gazetteer,
            discover: false,
        }
    }
}

/// What finding actors needs, compiled once: the matcher of every
/// gazetteer spelling, the index of single-word spellings that variants
/// are measured against, and discovery's cues.
pub struct Plan {
    entries: Vec<Entry>,
    matcher: Matcher,
    vindex: VariantIndex,
    /// Every spelling the gazetteer matches, which discovery leaves to it.
    taken: HashSet<String>,
    cues: Option<Cues>,
}

impl Plan {
    /// Compiles `how`.
    pub fn new(how: &Extraction) -> Plan {
        let matcher = Matcher::new(&how.gazetteer);
        let vindex = VariantIndex::new(matcher.single_words());
        let taken = matcher.spellings().map(str::to_owned).collect();
        Plan {
            entries: how.gazetteer.entries.clone(),
            matcher,
            vindex,
            taken,
            cues: how.discover.then(Cues::builtin),
        }
    }
}

/// One article's gazetteer hits, the byte spans of the words that might
/// be spelling variants, and the runs of capitalised words that might be
/// names, from [`ArticleScan`].
pub struct Scanned {
    hits: Vec<Hit>,
    cands: Vec<(u32, u32)>,
    runs: Vec<Run>,
}

impl Scanned {
    /// Feeds every finding to `h`: a digest of all articles' scans checks
    /// that a faster scan finds exactly what the old one did
    /// (`cargo run --release --example scan_digest`).
    #[doc(hidden)]
    pub fn digest(&self, h: &mut impl std::hash::Hasher) {
        for x in &self.hits {
            for n in [x.start, x.end, x.entry, x.form] {
                h.write_u32(n);
            }
        }
        h.write_usize(self.hits.len());
        for &(s, e) in &self.cands {
            h.write_u32(s);
            h.write_u32(e);
        }
        h.write_usize(self.cands.len());
        for r in &self.runs {
            h.write_u32(r.start);
            h.write_u16(r.len);
            h.write_u8(r.words);
            h.write_u8(r.flags);
        }
        h.write_usize(self.runs.len());
    }
}

/// Finds one article's actors word by word, so that the same pass over the
/// words can feed other work (the search index) too.
#[derive(Default)]
pub struct ArticleScan {
    hits: Vec<Hit>,
    cands: Vec<(u32, u32)>,
    /// The text up to here is inside the last hit.
    covered: usize,
    runs: Runs,
    title_end: usize,
}

impl ArticleScan {
    /// Starts an article whose title line ends at byte `title_end`.
    pub fn begin(&mut self, title_end: usize) {
        self.covered = 0;
        self.title_end = title_end;
        self.runs.begin();
    }

    /// Looks at the word `word` at byte `at` of the article's full `text`.
    /// Words come in text order. A mention is a whole word, so it starts
    /// where a word does: the matcher is consulted at word starts only, and
    /// only where the first two bytes can start a spelling.
    #[inline]
    pub fn word(&mut self, plan: &Plan, text: &str, at: usize, word: &str) {
        if let Some(cues) = &plan.cues {
            self.runs.word(cues, text, at, word, self.title_end);
        }
        if at < self.covered {
            return;
        }
        if plan.matcher.could_start(text, at) {
            if let Some(hit) = plan.matcher.find_at(text, at) {
                self.covered = hit.end as usize;
                self.hits.push(hit);
                return;
            }
        }
        let b = word.as_bytes()[0];
        let capital = if b < 0x80 {
            b.is_ascii_uppercase()
        } else {
            word.chars().next().is_some_and(char::is_uppercase)
        };
        if capital && plan.vindex.could_match(word) {
            self.cands.push((at as u32, (at + word.len()) as u32));
        }
    }

    /// The article's findings; the scan is ready for the next article.
    pub fn finish(&mut self, plan: &Plan, text: &str) -> Scanned {
        let runs = match &plan.cues {
            Some(cues) => self.runs.finish(cues, text),
            None => Vec::new(),
        };
        // Copied at their size; the buffers keep their room.
        let scanned = Scanned {
            hits: self.hits.clone(),
            cands: self.cands.clone(),
            runs,
        };
        self.hits.clear();
        self.cands.clear();
        scanned
    }
}

/// The first eight bytes of `s`, zero-padded, as a number that orders as
/// the bytes do: strings with different numbers compare as the numbers.
pub(crate) fn order_prefix(s: &str) -> u64 {
    let mut head = [0u8; 8];
    let n = s.len().min(8);
    head[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(head)
}

/// What a raw match refers to before actors are numbered.
#[derive(Clone, Copy)]
struct Raw {
    start: u32,
    end: u32,
    entry: u32,
}

impl Actors {
    /// Finds the actors of `corpus` as `how` says.
    pub fn build(corpus: &Corpus, how: &Extraction) -> Actors {
        let plan = Plan::new(how);
        let scans = corpus
            .articles
            .par_iter()
            .map(|a| {
                let mut scan = ArticleScan::default();
                scan.begin(a.title_range().end);
                for (at, w) in crate::words::words(&a.text) {
                    scan.word(&plan, &a.text, at, w);
                }
                scan.finish(&plan, &a.text)
            })
            .collect();
        // In how many articles each word is written in lower case (the
        // search index counts this when the library is built in one pass).
        let lower: HashMap<String, u32> = corpus
            .articles
            .par_iter()
            .map(|a| {
                let mut seen: HashSet<&str> = HashSet::default();
                for (_, w) in crate::words::words(a.body()) {
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        seen.insert(w);
                    }
                }
                seen.into_iter()
                    .map(str::to_lowercase)
                    .collect::<HashSet<String>>()
            })
            .fold(HashMap::default, |mut m: HashMap<String, u32>, words| {
                for w in words {
                    *m.entry(w).or_default() += 1;
                }
                m
            })
            .reduce(HashMap::default, |mut a, b| {
                for (w, n) in b {
                    *a.entry(w).or_default() += n;
                }
                a
            });
        Actors::from_scans(corpus, &plan, scans, &|w| {
            lower.get(&w.to_lowercase()).copied().unwrap_or(0)
        })
    }

    /// Assembles the actors from every article's scan (in corpus order):
    /// decides which candidate words are spelling variants and which runs
    /// are names, corpus-wide, then counts, ranks and numbers the actors
    /// that occur. `lowercase(word)` says in how many articles `word` is
    /// written in lower case.
    pub fn from_scans(
        corpus: &Corpus,
        plan: &Plan,
        scanned: Vec<Scanned>,
        lowercase: &(dyn Fn(&str) -> u32 + Sync),
    ) -> Actors {
        Actors::sift(corpus, plan, scanned).decide(
            corpus,
            plan,
            lowercase,
            crate::phases::Steps::LOG,
        )
    }

    /// The first half of [`Actors::from_scans`], which needs no
    /// vocabulary: decides the spelling variants and sets aside the runs
    /// of capitalised words for discovery. (The library runs it while the
    /// body vocabulary that answers `lowercase` is merged.)
    pub fn sift<'a>(corpus: &'a Corpus, plan: &'a Plan, scanned: Vec<Scanned>) -> Sifted<'a> {
        let matcher = &plan.matcher;
        let vindex = &plan.vindex;
        let entries: Vec<Entry> = plan.entries.clone();
        // An alias that needs a context means its actor only in an article
        // that writes one of its words ("Foreign Ministry" in a story on
        // Russia).
        let mut scanned = scanned;
        if entries.iter().any(|e| !e.context.is_empty()) {
            scanned
                .par_iter_mut()
                .zip(corpus.articles.par_iter())
                .for_each(|(scan, a)| {
                    scan.hits.retain(|h| {
                        entries[h.entry as usize].applies(matcher.spelling(h.form), &a.text)
                    });
                });
        }
        // Pass 2: decide which candidate words are variants, corpus-wide.
        let mut entry_hits = vec![0u32; entries.len()];
        let mut form_counts: HashMap<u32, u32> = HashMap::default();
        let mut word_counts: HashMap<&str, u32> = HashMap::default();
        for (scan, a) in scanned.iter().zip(&corpus.articles) {
            for h in &scan.hits {
                entry_hits[h.entry as usize] += 1;
                *form_counts.entry(h.form).or_default() += 1;
            }
            for &(s, e) in &scan.cands {
                *word_counts
                    .entry(&a.text[s as usize..e as usize])
                    .or_default() += 1;
            }
        }
        let accepted: HashMap<&str, u32> = word_counts
            .iter()
            .filter_map(|(&w, &n)| {
                let (entry, _) = vindex.resolve(w)?;
                (n < entry_hits[entry as usize]).then_some((w, entry))
            })
            .collect();

        // Pass 3: merge variant mentions into each article's matches, and
        // keep the runs of capitalised words the gazetteer left alone.
        let (per_doc, runs): (Vec<Vec<Raw>>, Vec<Vec<Run>>) = scanned
            .into_par_iter()
            .zip(corpus.articles.par_iter())
            .map(
                |(
                    Scanned {
                        hits,
                        cands,
                        mut runs,
                    },
                    a,
                )| {
                    let mut raws: Vec<Raw> = hits
                        .iter()
                        .map(|h| Raw {
                            start: h.start,
                            end: h.end,
                            entry: h.entry,
                        })
                        .collect();
                    let before = raws.len();
                    for (s, e) in cands {
                        if let Some(&entry) = accepted.get(&a.text[s as usize..e as usize]) {
                            raws.push(Raw {
                                start: s,
                                end: e,
                                entry,
                            });
                        }
                    }
                    if raws.len() > before {
                        raws.sort_unstable_by_key(|r| r.start);
                    }
                    if !raws.is_empty() {
                        runs.retain(|r| {
                            let (s, e) = (r.start, r.start + u32::from(r.len));
                            let i = raws.partition_point(|m| m.end <= s);
                            raws.get(i).is_none_or(|m| m.start >= e)
                        });
                    }
                    (raws, runs)
                },
            )
            .unzip();

        // Spellings seen, as (entry, spelling, count).
        let mut seen_spellings: Vec<(u32, &str, u32)> = Vec::new();
        for (&form, &n) in &form_counts {
            seen_spellings.push((matcher.entry_of(form), matcher.spelling(form), n));
        }
        for (&w, &entry) in &accepted {
            seen_spellings.push((entry, w, word_counts[w]));
        }
        Sifted {
            entries,
            per_doc,
            runs,
            seen_spellings,
        }
    }

    /// Counts, ranks and numbers the actors that occur: `per_doc` holds
    /// each article's mentions (by entry of `entries`, in text order),
    /// `spellings` the spellings seen with their entry and count.
    fn assemble(
        entries: Roster,
        per_doc: Vec<Vec<Raw>>,
        mut spellings: Vec<(u32, &str, u32)>,
        steps: crate::phases::Steps,
    ) -> Actors {
        let n = entries.len();
        let mut entry_docs = vec![0u32; n];
        let mut entry_mentions = vec![0u32; n];
        let mut seen = vec![u32::MAX; n];
        for (d, raws) in per_doc.iter().enumerate() {
            for r in raws {
                let e = r.entry as usize;
                entry_mentions[e] += 1;
                if seen[e] != d as u32 {
                    seen[e] = d as u32;
                    entry_docs[e] += 1;
                }
            }
        }
        drop(seen);
        steps.mark("actors: counted");
        // Most mentioned first; an actor named once in the whole corpus
        // sorts below every other by that alone.
        // (Sorted with each name's first eight bytes as a number, so that
        // the many actors with equal counts rarely need their names read.)
        let mut keyed: Vec<(u64, u32)> = (0..n as u32)
            .filter(|&e| entry_mentions[e as usize] > 0)
            .map(|e| (order_prefix(entries.name(e)), e))
            .collect();
        keyed.par_sort_unstable_by(|&(pa, a), &(pb, b)| {
            let (a, b) = (a as usize, b as usize);
            entry_mentions[b]
                .cmp(&entry_mentions[a])
                .then(entry_docs[b].cmp(&entry_docs[a]))
                .then(pa.cmp(&pb))
                .then_with(|| entries.name(a as u32).cmp(entries.name(b as u32)))
        });
        let ranked: Vec<u32> = keyed.into_iter().map(|(_, e)| e).collect();
        steps.mark("actors: ranked");
        let mut actor_of = vec![u32::MAX; n];
        for (i, &e) in ranked.iter().enumerate() {
            actor_of[e as usize] = i as u32;
        }
        // Each actor's spellings, most frequent first.
        spellings.retain(|&(e, _, _)| actor_of[e as usize] != u32::MAX);
        spellings.par_sort_unstable_by(|a, b| {
            actor_of[a.0 as usize]
                .cmp(&actor_of[b.0 as usize])
                .then(b.2.cmp(&a.2))
                .then_with(|| a.1.cmp(b.1))
        });
        // Each actor's rows of `spellings`, then its variants, on every core.
        let mut bounds = Vec::with_capacity(ranked.len() + 1);
        let mut k = 0;
        for &e in &ranked {
            bounds.push(k);
            k += spellings[k..].partition_point(|s| s.0 == e);
        }
        bounds.push(k);
        let variants: Vec<Vec<Variant>> = ranked
            .par_iter()
            .zip(bounds.par_windows(2))
            .map(|(&e, w)| {
                // The name alone: nothing to keep (see `Actor::variants`).
                let alone = |text: &str, count: u32| {
                    text == entries.name(e) && count == entry_mentions[e as usize]
                };
                let rows = &spellings[w[0]..w[1]];
                // (Asked before any String is made: true of nearly all.)
                if let [(_, text, count)] = rows {
                    if alone(text, *count) {
                        return Vec::new();
                    }
                }
                let mut v: Vec<Variant> = Vec::new();
                for &(_, text, count) in rows {
                    // The same text can come from two sources (a gazetteer
                    // form and a case form of it): one row each is enough.
                    match v.last_mut() {
                        Some(Variant { text: t, count: c }) if t == text => *c += count,
                        _ => v.push(Variant {
                            text: text.to_owned(),
                            count,
                        }),
                    }
                }
                match &v[..] {
                    [only] if alone(&only.text, only.count) => Vec::new(),
                    _ => v,
                }
            })
            .collect();
        steps.mark("actors: variants listed");
        let name_bytes: usize = ranked.iter().map(|&e| entries.name(e).len()).sum();
        let mut names = Texts::with_capacity(ranked.len(), name_bytes);
        let mut facts = Vec::with_capacity(ranked.len());
        let mut extras = Vec::new();
        for (&e, variants) in ranked.iter().zip(variants) {
            names.push(entries.name(e));
            let aliases = entries.aliases(e);
            let mut extra = Facts::PLAIN;
            if !aliases.is_empty() || !variants.is_empty() {
                extra = extras.len() as u32;
                extras.push(Extra { aliases, variants });
            }
            facts.push(Facts {
                mentions: entry_mentions[e as usize],
                articles: entry_docs[e as usize],
                extra,
                kind: entries.kind(e),
            });
        }
        drop(entries);
        let count = facts.len();
        steps.mark("actors: listed");

        // Mentions by article, then by actor and the articles of each
        // actor, laid out end to end.
        let total: usize = per_doc.iter().map(Vec::len).sum();
        let mut mentions = Vec::with_capacity(total);
        let mut doc_start = Vec::with_capacity(per_doc.len() + 1);
        let mut doc_actor_start = Vec::with_capacity(per_doc.len() + 1);
        let mut doc_actors = Vec::new();
        let mut distinct: Vec<(ActorId, u32)> = Vec::new();
        for raws in per_doc {
            doc_start.push(mentions.len() as u32);
            doc_actor_start.push(doc_actors.len() as u32);
            distinct.clear();
            for r in raws {
                let actor = ActorId(actor_of[r.entry as usize]);
                distinct.push((actor, 1));
                mentions.push(Mention {
                    start: r.start,
                    end: r.end,
                    actor,
                });
            }
            distinct.sort_unstable_by_key(|&(a, _)| a);
            distinct.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 += b.1;
                }
                same
            });
            doc_actors.extend_from_slice(&distinct);
        }
        doc_start.push(mentions.len() as u32);
        doc_actor_start.push(doc_actors.len() as u32);
        // Grown by doubling, with no count known up front: up to half room.
        doc_actors.shrink_to_fit();
        // Each article's mentions were freed in small pieces that stay
        // resident until handed back.
        crate::mem::release_free();
        steps.mark("actors: mentions laid out");
        let actor_docs = Csr::group(
            count,
            doc_actor_start.windows(2).enumerate().flat_map(|(d, w)| {
                doc_actors[w[0] as usize..w[1] as usize]
                    .iter()
                    .map(move |&(a, _)| (a.ix(), DocId(d as u32)))
            }),
        );
        Actors {
            names,
            facts,
            extras,
            mentions,
            doc_start,
            doc_actor_start,
            doc_actors,
            actor_docs,
        }
    }

    /// All actors, most mentioned first.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Actor<'_>> + DoubleEndedIterator + Clone {
        (0..self.facts.len() as u32).map(|i| self.get(ActorId(i)))
    }

    /// Bytes held by the actors and their mentions (not counting the
    /// corpus), for reports: what the vectors hold room for, and each
    /// string's length.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let extras: usize = self
            .extras
            .iter()
            .map(|x| {
                x.aliases.capacity() * size_of::<String>()
                    + x.aliases.iter().map(String::capacity).sum::<usize>()
                    + x.variants.capacity() * size_of::<Variant>()
                    + x.variants.iter().map(|v| v.text.capacity()).sum::<usize>()
            })
            .sum();
        self.names.heap_bytes()
            + self.facts.capacity() * size_of::<Facts>()
            + self.extras.capacity() * size_of::<Extra>()
            + extras
            + self.mentions.capacity() * size_of::<Mention>()
            + (self.doc_start.capacity() + self.doc_actor_start.capacity()) * 4
            + self.doc_actors.capacity() * size_of::<(ActorId, u32)>()
            + self.actor_docs.heap_bytes()
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Every actor's counts and kind, by id.
    pub(crate) fn facts(&self) -> &[Facts] {
        &self.facts
    }

    /// Whether no actor occurs in the corpus.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The actor with id `id`.
    pub fn get(&self, id: ActorId) -> Actor<'_> {
        let i = id.ix();
        let f = self.facts[i];
        let name = self.names.get(i);
        let (aliases, variants) = match self.extras.get(f.extra as usize) {
            Some(x) => (&x.aliases[..], &x.variants[..]),
            None => (&[][..], &[][..]),
        };
        Actor {
            name,
            kind: f.kind,
            aliases,
            variants,
            mentions: f.mentions,
            articles: f.articles,
        }
    }

    /// Number of mentions in the corpus.
    pub fn mention_count(&self) -> usize {
        self.mentions.len()
    }

    /// Every mention with its article, by article then position; the
    /// numbering of [`Actors::mention`].
    pub fn all_mentions(&self) -> impl Iterator<Item = (DocId, Mention)> + '_ {
        (0..self.doc_start.len().saturating_sub(1) as u32)
            .flat_map(move |d| self.in_doc(DocId(d)).iter().map(move |&m| (DocId(d), m)))
    }

    /// Mention `i` of the corpus (by article then position), with its
    /// article. Panics when there are not that many.
    pub fn mention(&self, i: u32) -> (DocId, Mention) {
        let m = self.mentions[i as usize];
        // The last article whose mentions start at or before `i`: empty
        // articles share their start with the next one.
        let d = self.doc_start.partition_point(|&s| s <= i) - 1;
        (DocId(d as u32), m)
    }

    /// The articles of mentions `ids` (numbers as in [`Actors::mention`]),
    /// in the same order. Quick when the numbers ascend, as a concordance's
    /// in article order do: each search starts where the last one ended
    /// and gallops forward, so an actor named in most articles costs a step
    /// or two a mention instead of a search over every article.
    pub fn docs_of_mentions<'s>(&'s self, ids: &'s [u32]) -> impl Iterator<Item = DocId> + 's {
        let starts = &self.doc_start;
        let mut d = 0usize;
        ids.iter().map(move |&i| {
            if starts[d] > i {
                d = 0;
            }
            // starts[d] <= i throughout; the answer is the last such d.
            let mut step = 1;
            while d + step < starts.len() && starts[d + step] <= i {
                d += step;
                step *= 2;
            }
            let end = (d + step).min(starts.len());
            d += starts[d..end].partition_point(|&s| s <= i) - 1;
            DocId(d as u32)
        })
    }

    /// The mentions in article `doc`, in text order.
    pub fn in_doc(&self, doc: DocId) -> &[Mention] {
        let (Some(&s), Some(&e)) = (
            self.doc_start.get(doc.ix()),
            self.doc_start.get(doc.ix() + 1),
        ) else {
            return &[];
        };
        &self.mentions[s as usize..e as usize]
    }

    /// The mentions of `actor` with their articles, in corpus order: read
    /// from the articles that name it, so no per-actor list of mentions is
    /// kept (that list cost as much memory as the articles' field).
    pub fn of_actor(
        &self,
        actor: ActorId,
    ) -> impl DoubleEndedIterator<Item = (DocId, Mention)> + '_ {
        self.numbered_of(actor)
            .map(|(d, i)| (d, self.mentions[i as usize]))
    }

    /// The numbers (see [`Actors::mention`]) of `actor`'s mentions, in
    /// corpus order.
    pub fn mention_ids_of(&self, actor: ActorId) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.numbered_of(actor).map(|(_, i)| i)
    }

    /// `actor`'s mentions as (article, mention number), in corpus order:
    /// the walk over the articles naming it that [`Actors::of_actor`] and
    /// [`Actors::mention_ids_of`] share.
    fn numbered_of(&self, actor: ActorId) -> impl DoubleEndedIterator<Item = (DocId, u32)> + '_ {
        self.docs_of(actor).iter().flat_map(move |&d| {
            let s = self.doc_start[d.ix()];
            let e = self.doc_start[d.ix() + 1];
            (s..e)
                .filter(move |&i| self.mentions[i as usize].actor == actor)
                .map(move |i| (d, i))
        })
    }

    /// The articles that name `actor`, in corpus order.
    pub fn docs_of(&self, actor: ActorId) -> &[DocId] {
        self.actor_docs.row(actor.ix())
    }

    /// The distinct actors article `doc` names, each with its number of
    /// mentions there, by actor id.
    pub fn actors_in(&self, doc: DocId) -> &[(ActorId, u32)] {
        let (Some(&s), Some(&e)) = (
            self.doc_actor_start.get(doc.ix()),
            self.doc_actor_start.get(doc.ix() + 1),
        ) else {
            return &[];
        };
        &self.doc_actors[s as usize..e as usize]
    }

    /// How many distinct actors article `doc` names.
    pub fn actor_count(&self, doc: DocId) -> usize {
        self.actors_in(doc).len()
    }

    /// The actor among `ids` (all fitting a name equally) that `weight`
    /// says the name means: the only one; else the heaviest when it weighs
    /// at least three times the next ([`Lookup::Likely`]); else they are
    /// [`Lookup::Ambiguous`], heaviest first. `None` for no ids.
    fn weighed(&self, mut ids: Vec<ActorId>, weight: impl Fn(ActorId) -> u32) -> Option<Lookup> {
        match ids.as_slice() {
            [] => return None,
            [id] => return Some(Lookup::Found(*id)),
            _ => {}
        }
        ids.sort_by_cached_key(|&id| std::cmp::Reverse(weight(id)));
        let (top, next) = (weight(ids[0]), weight(ids[1]));
        Some(if top >= next.saturating_mul(3).max(1) {
            let id = ids.remove(0);
            Lookup::Likely { id, others: ids }
        } else {
            Lookup::Ambiguous(ids)
        })
    }

    /// Finds the actor a user means by `name`, ignoring case, trying in
    /// turn: a name, alias or seen spelling; a whole word of one ("Blair")
    /// or the start of one ("bortnik"); a slip of the keyboard (one edit,
    /// or two in a longer name: "Putni", "Lavorv"); the best fuzzy match
    /// of a name or alias. The last two are [`Lookup::Closest`], so a
    /// caller can say which actor it took.
    pub fn lookup(&self, name: &str) -> Lookup {
        let wanted = name.trim().to_lowercase();
        if wanted.is_empty() {
            return Lookup::NotFound;
        }
        // Every actor's names, aliases and spellings, lower-cased once for
        // the passes below.
        let all: Vec<Vec<String>> = self
            .iter()
            .map(|a| {
                std::iter::once(a.name)
                    .chain(a.aliases.iter().map(String::as_str))
                    .chain(a.variants.iter().map(|v| v.text.as_str()))
                    .map(str::to_lowercase)
                    .collect()
            })
            .collect();
        let forms = |id: ActorId| &all[id.ix()];
        let ids = || (0..self.len()).map(|i| ActorId(i as u32));
        let exact: Vec<ActorId> = ids().filter(|&id| forms(id).contains(&wanted)).collect();
        // Several actors written so: weighed by how often each was, so
        // "Blair" (Tony Blair's 366 times, Cherie Blair's twice) is Tony.
        let spelt = |id: ActorId| {
            let a = self.get(id);
            a.variants
                .iter()
                .find(|v| v.text.to_lowercase() == wanted)
                .map_or(a.mentions, |v| v.count)
        };
        // The actor named so, when one is: the sidebar's names must all
        // be reachable, though "Paula" is also a spelling of Paula
        // Radcliffe in articles that name her.
        let mut titled = exact.iter().filter(|&&id| forms(id)[0] == wanted);
        if let (Some(&id), None) = (titled.next(), titled.next()) {
            return Lookup::Found(id);
        }
        if let Some(found) = self.weighed(exact, spelt) {
            return found;
        }
        // Words of a name ("Blair", "Supreme Court"), else words ending in
        // the start of one ("bortnik"; three letters at least).
        // (Borrowed: this runs over every form of every actor.)
        fn split(f: &str) -> Vec<&str> {
            f.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect()
        }
        let typed = split(&wanted);
        let words = |id: ActorId, prefix: bool| {
            forms(id).iter().any(|f| {
                split(f).windows(typed.len().max(1)).any(|w| {
                    let (last, head) = (w.len() - 1, &typed[..typed.len().saturating_sub(1)]);
                    w[..last] == *head
                        && typed.last().is_some_and(|t| {
                            if prefix {
                                w[last].starts_with(t)
                            } else {
                                w[last] == *t
                            }
                        })
                })
            })
        };
        let named = |id: ActorId| self.get(id).mentions;
        let whole: Vec<ActorId> = ids().filter(|&id| words(id, false)).collect();
        if let Some(found) = self.weighed(whole, named) {
            return found;
        }
        if wanted.chars().count() >= 3 {
            let starts: Vec<ActorId> = ids().filter(|&id| words(id, true)).collect();
            if let Some(found) = self.weighed(starts, named) {
                return found;
            }
        }
        // A slip: the fewest edits (letters swapped count as one) to a
        // name or a word of one, within what the length allows.
        let allowed = match wanted.chars().count() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        if allowed > 0 {
            let mut best = (allowed + 1, Vec::new());
            for id in ids() {
                let d = forms(id)
                    .iter()
                    .flat_map(|f| {
                        std::iter::once(f.as_str()).chain(f.split(|c: char| !c.is_alphanumeric()))
                    })
                    .filter(|w| w.len().abs_diff(wanted.len()) <= allowed)
                    .map(|w| strsim::osa_distance(w, &wanted))
                    .min()
                    .unwrap_or(usize::MAX);
                if d > allowed {
                    continue;
                } else if d < best.0 {
                    best = (d, vec![id]);
                } else if d == best.0 {
                    best.1.push(id);
                }
            }
            if let Some(found) = Lookup::of(best.1, Lookup::Closest) {
                return found;
            }
        }
        if wanted.chars().count() < 4 {
            // Two or three letters match some name in any large corpus.
            return Lookup::NotFound;
        }
        // Last, the fuzzy match, of names whose words hold each typed
        // word's letters close together, as the filter asks: any long name
        // holds the letters of a short word far apart ("taliban" in "Stan
        // Lieberman").
        let close = |form: &str| {
            let ws = split(form);
            typed
                .iter()
                .all(|t| ws.iter().any(|w| crate::words::in_order_close(t, w)))
        };
        let fm = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, ActorId)> = ids()
            .filter_map(|id| {
                let a = self.get(id);
                // (`forms` holds the name and aliases first, lower-cased.)
                std::iter::once(a.name)
                    .chain(a.aliases.iter().map(String::as_str))
                    .zip(forms(id))
                    .filter(|(_, lower)| close(lower))
                    .filter_map(|(s, _)| fm.fuzzy_match(s, name.trim()))
                    .max()
                    .map(|score| (score, id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let best = scored.first().map(|s| s.0);
        let top: Vec<ActorId> = scored
            .iter()
            .take_while(|(s, _)| Some(*s) == best)
            .map(|&(_, id)| id)
            .collect();
        Lookup::of(top, Lookup::Closest).unwrap_or(Lookup::NotFound)
    }
}

/// The discovered actors whose mentions count for a gazetteer entry, with
/// that entry: a country or body the curated lists name another way
/// ("America", listed with "United States": the gazetteer took the other
/// names, so discovery found this one alone). Every other discovered
/// actor's entry is its own, after the gazetteer's. (A few on any
/// corpus: a table of every actor's entry, looked up at each of millions
/// of mentions, cost big100k 60 ms.)
fn gazetteer_entries_of(
    cues: &Cues,
    entries: &[Entry],
    found: &discover::Found,
) -> HashMap<u32, u32> {
    let mut by_name: HashMap<&str, u32> = HashMap::default();
    for (i, e) in entries.iter().enumerate() {
        // (Aliases bound to a context are not the entry's everywhere.)
        let aliases = e.aliases.iter().filter(|_| e.context.is_empty());
        for n in std::iter::once(&e.name).chain(aliases) {
            by_name.entry(n.as_str()).or_insert(i as u32);
        }
    }
    (0..found.len() as u32)
        .into_par_iter()
        .filter_map(|a| {
            let f = found.get(a);
            let entry = std::iter::once(f.name)
                .chain(f.aliases())
                .find_map(|n| by_name.get(cues.listed_as(n)?).copied())?;
            Some((a, entry))
        })
        .collect()
}

/// Every article's mentions of known actors, and the runs of capitalised
/// words left for discovery: what [`Actors::sift`] hands to
/// [`Sifted::decide`].
pub struct Sifted<'a> {
    /// The gazetteer's entries, which discovered actors follow.
    entries: Vec<Entry>,
    /// Each article's mentions of entries, in text order.
    per_doc: Vec<Vec<Raw>>,
    /// Each article's runs of capitalised words no mention covers.
    runs: Vec<Vec<Run>>,
    /// Spellings seen, as (entry, spelling, count).
    seen_spellings: Vec<(u32, &'a str, u32)>,
}

impl<'a> Sifted<'a> {
    /// The second half of [`Actors::from_scans`]: discovers the names among
    /// the runs (when `plan` asks for it), tags them where they occur, and
    /// counts, ranks and numbers the actors.
    pub fn decide(
        self,
        corpus: &'a Corpus,
        plan: &Plan,
        lowercase: &(dyn Fn(&str) -> u32 + Sync),
        steps: crate::phases::Steps,
    ) -> Actors {
        let Sifted {
            entries,
            mut per_doc,
            runs,
            mut seen_spellings,
        } = self;
        // Discovery: the names among the runs, tagged where they occur.
        let mut found = discover::Found::default();
        if let Some(cues) = &plan.cues {
            let docs: Vec<(&str, &[discover::Run])> = corpus
                .articles
                .iter()
                .map(|a| &*a.text)
                .zip(runs.iter().map(Vec::as_slice))
                .collect();
            let lexicon =
                discover::decide(cues, &docs, lowercase, &|s| plan.taken.contains(s), steps);
            drop(docs);
            crate::mem::release_free();
            let listed = gazetteer_entries_of(cues, &entries, &lexicon.found);
            let base = entries.len() as u32;
            let entry_of = |a: u32| listed.get(&a).copied().unwrap_or(base + a);
            let tagged: Vec<Vec<discover::Tagged>> = runs
                .par_iter()
                .zip(corpus.articles.par_iter())
                .enumerate()
                .map(|(d, (runs, a))| {
                    let mut out = Vec::new();
                    lexicon.tag(d, &a.text, runs, &mut out);
                    out
                })
                .collect();
            drop(runs);
            steps.mark("discovery: runs tagged");
            // Spellings by number; a surname several people share counts
            // per person.
            let mut counts = vec![0u32; lexicon.spellings()];
            let mut spelling_entry = vec![0u32; lexicon.spellings()];
            let mut shared: HashMap<(u32, u32), u32> = HashMap::default();
            per_doc
                .par_iter_mut()
                .zip(tagged.par_iter())
                .for_each(|(raws, tags)| {
                    if tags.is_empty() {
                        return;
                    }
                    // Both are in text order (and never start at one
                    // place: runs avoid the gazetteer's mentions): merged.
                    let mut merged = Vec::with_capacity(raws.len() + tags.len());
                    let mut known = std::mem::take(raws).into_iter().peekable();
                    for t in tags {
                        while let Some(r) = known.next_if(|r| r.start < t.start) {
                            merged.push(r);
                        }
                        merged.push(Raw {
                            start: t.start,
                            end: t.end,
                            entry: entry_of(t.actor),
                        });
                    }
                    merged.extend(known);
                    *raws = merged;
                });
            for t in tagged.iter().flatten() {
                // (A given name alone can name another person in each
                // article, as a shared surname does.)
                let (entry, id) = (entry_of(t.actor), t.spelling as usize);
                if lexicon.is_shared(t.spelling) || (counts[id] > 0 && spelling_entry[id] != entry)
                {
                    *shared.entry((t.spelling, entry)).or_default() += 1;
                } else {
                    counts[id] += 1;
                    spelling_entry[id] = entry;
                }
            }
            drop(tagged);
            steps.mark("discovery: mentions counted");
            // The tagging tables go before the spellings are listed.
            let texts;
            (found, texts) = lexicon.into_found();
            for (id, &n) in counts.iter().enumerate() {
                if n > 0 {
                    seen_spellings.push((spelling_entry[id], texts[id], n));
                }
            }
            for ((id, entry), n) in shared {
                seen_spellings.push((entry, texts[id as usize], n));
            }
        }
        crate::mem::release_free();
        let roster = Roster {
            known: entries,
            found,
        };
        Actors::assemble(roster, per_doc, seen_spellings, steps)
    }
}

/// The entries mentions refer to, by number: the gazetteer's, then the
/// discovered actors.
struct Roster {
    known: Vec<Entry>,
    found: discover::Found,
}

impl Roster {
    fn len(&self) -> usize {
        self.known.len() + self.found.len()
    }

    fn name(&self, e: u32) -> &str {
        match self.known.get(e as usize) {
            Some(k) => &k.name,
            None => self.found.name(e - self.known.len() as u32),
        }
    }

    fn kind(&self, e: u32) -> Kind {
        match self.known.get(e as usize) {
            Some(k) => k.kind,
            None => self.found.kind(e - self.known.len() as u32),
        }
    }

    /// Entry `e`'s aliases, copied (few entries have any).
    fn aliases(&self, e: u32) -> Vec<String> {
        match self.known.get(e as usize) {
            Some(k) => k.aliases.clone(),
            None => self
                .found
                .get(e - self.known.len() as u32)
                .aliases()
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// The outcome of [`Actors::lookup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// One actor fits: the name is one of its names, or a word of one.
    Found(ActorId),
    /// No actor has the name, and this one comes closest (a misspelling,
    /// or a fuzzy match): worth saying which was taken.
    Closest(ActorId),
    /// Several actors have the name, and it is this one's far more often
    /// than any other's ("Blair": Tony Blair, over Cherie Blair): worth
    /// saying which was taken, and which others have it.
    Likely {
        /// The actor taken.
        id: ActorId,
        /// The others with the name, most written so first.
        others: Vec<ActorId>,
    },
    /// Several fit equally well.
    Ambiguous(Vec<ActorId>),
    /// None fits.
    NotFound,
}

impl Lookup {
    /// `ids` found one way: `one` of the only one, ambiguity among several,
    /// `None` for none (try the next way).
    fn of(ids: Vec<ActorId>, one: fn(ActorId) -> Lookup) -> Option<Lookup> {
        match ids.as_slice() {
            [] => None,
            [id] => Some(one(*id)),
            _ => Some(Lookup::Ambiguous(ids)),
        }
    }

    /// The actor, found or taken as closest.
    pub fn actor(&self) -> Option<ActorId> {
        match self {
            Lookup::Found(id) | Lookup::Closest(id) | Lookup::Likely { id, .. } => Some(*id),
            Lookup::Ambiguous(_) | Lookup::NotFound => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> (Corpus, Actors) {
        let c = Corpus::seeds();
        let a = Actors::build(&c, &Extraction::builtin());
        (c, a)
    }

    fn id(actors: &Actors, name: &str) -> ActorId {
        match actors.lookup(name) {
            Lookup::Found(id) => id,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn a_listed_name_of_a_gazetteer_country_is_that_country() {
        // helper-37: "America" (56 bbc mentions) was a country of its own
        // beside the gazetteer's United States, whose other names the
        // curated lists give it with.
        let lines = [
            r#"{"title": "Trade", "body": "America and Russia signed a deal. The US said America would pay."}"#,
            r#"{"title": "More", "body": "Exports to America rose, and Latin America grew."}"#,
        ];
        let c = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let a = Actors::build(&c, &Extraction::builtin());
        let us = id(&a, "United States");
        let texts: Vec<&str> = a
            .of_actor(us)
            .map(|(d, m)| &c.articles[d.ix()].text[m.range()])
            .collect();
        assert_eq!(texts, ["America", "US", "America", "America"]);
        assert!(a.iter().all(|x| x.name != "America"));
        let v: Vec<&str> = a.get(us).variants.iter().map(|v| v.text.as_str()).collect();
        assert!(v.contains(&"America"), "{v:?}");
    }

    #[test]
    fn bortinkov_is_merged_into_bortnikov() {
        let (c, a) = seeds();
        let b = id(&a, "Alexander Bortnikov");
        let texts: Vec<&str> = a
            .of_actor(b)
            .map(|(d, m)| &c.articles[d.ix()].text[m.range()])
            .collect();
        assert!(texts.contains(&"Bortinkov"), "{texts:?}");
        assert!(texts.contains(&"Aleksandr Bortnikov"), "{texts:?}");
        let v: Vec<&str> = a.get(b).variants.iter().map(|v| v.text.as_str()).collect();
        assert!(v.contains(&"Bortinkov"));
    }

    #[test]
    fn a_mention_number_finds_its_article_past_articles_naming_no_one() {
        let lines = [
            r#"{"title": "Putin speaks", "body": "Vladimir Putin met Sergei Lavrov."}"#,
            r#"{"title": "weather", "body": "rain all day."}"#,
            r#"{"title": "again", "body": "nothing here either."}"#,
            r#"{"title": "Lavrov", "body": "Sergei Lavrov and Putin spoke."}"#,
        ];
        let c = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let a = Actors::build(&c, &Extraction::builtin());
        let all: Vec<(DocId, Mention)> = a.all_mentions().collect();
        assert_eq!(all.len(), a.mention_count());
        let docs: Vec<u32> = all.iter().map(|(d, _)| d.0).collect();
        assert!(docs.contains(&0) && docs.contains(&3), "{docs:?}");
        assert!(!docs.contains(&1) && !docs.contains(&2), "{docs:?}");
        let numbers: Vec<u32> = (0..all.len() as u32).collect();
        let docs: Vec<DocId> = all.iter().map(|&(d, _)| d).collect();
        assert_eq!(a.docs_of_mentions(&numbers).collect::<Vec<_>>(), docs);
        let backwards: Vec<u32> = numbers.iter().rev().copied().collect();
        let mut docs_back = docs.clone();
        docs_back.reverse();
        assert_eq!(
            a.docs_of_mentions(&backwards).collect::<Vec<_>>(),
            docs_back
        );
        for (i, &(doc, m)) in all.iter().enumerate() {
            assert_eq!(a.mention(i as u32), (doc, m));
            assert_eq!(a.in_doc(doc).iter().filter(|&&o| o == m).count(), 1);
        }
        let lavrov = id(&a, "Sergei Lavrov");
        let by_actor: Vec<(DocId, Mention)> = a.of_actor(lavrov).collect();
        let filtered: Vec<(DocId, Mention)> = all
            .iter()
            .copied()
            .filter(|(_, m)| m.actor == lavrov)
            .collect();
        assert_eq!(by_actor, filtered);
        // Once in the first article, in the title and the body of the last.
        assert_eq!(by_actor.len(), 3);
        let ids: Vec<(DocId, Mention)> = a.mention_ids_of(lavrov).map(|i| a.mention(i)).collect();
        assert_eq!(ids, filtered);
        assert_eq!(a.of_actor(lavrov).next_back(), filtered.last().copied());
    }

    #[test]
    fn a_generic_alias_of_the_seeds_is_their_actor_only_in_a_story_on_russia() {
        // helper-32: bbc's Saudi story named the Russian Ministry of
        // Foreign Affairs, and "the Old Firm CIS Cup" the Commonwealth of
        // Independent States.
        let lines = [
            r#"{"title": "Jobs", "body": "The Saudi Ministry of Foreign Affairs will hire women."}"#,
            r#"{"title": "Cup", "body": "Celtic won the Old Firm CIS Cup final."}"#,
            r#"{"title": "Talks", "body": "Russia's Ministry of Foreign Affairs met CIS envoys."}"#,
        ];
        let c = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let a = Actors::build(&c, &Extraction::builtin());
        for name in [
            "Russian Ministry of Foreign Affairs",
            "Commonwealth of Independent States",
        ] {
            let docs: Vec<u32> = a.of_actor(id(&a, name)).map(|(d, _)| d.0).collect();
            assert_eq!(docs, [2], "{name}");
        }
    }

    #[test]
    fn mentions_are_in_text_order_and_do_not_overlap() {
        let (_, a) = seeds();
        for d in 0..5 {
            let ms = a.in_doc(DocId(d));
            assert!(ms.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }

    #[test]
    fn a_given_name_alone_is_the_one_person_of_that_name_its_article_names() {
        // bbc listed "Steven" (28 mentions) apart from Steven Gerrard, whom
        // the articles naming "Steven" name in full.
        let lines = [
            r#"{"title": "Cup", "body": "Steven Gerrard scored twice. Later Steven said the team played well."}"#,
            r#"{"title": "Run", "body": "Paula Radcliffe won. Radcliffe was pleased and Paula thanked the crowd."}"#,
            // Two people of that given name, or none in full: it stays
            // itself.
            r#"{"title": "Two", "body": "Steven Gerrard and Steven Spielberg met. Later Steven spoke."}"#,
            r#"{"title": "None", "body": "The coach said Paula would run. Paula agreed."}"#,
            // With a surname two people share, which reorders the
            // article's mentions as it is resolved.
            r#"{"title": "Mix", "body": "Gordon Brown met Steven Gerrard. Brown said so and Steven agreed."}"#,
            r#"{"title": "Other", "body": "Nick Brown spoke. Brown said no."}"#,
        ];
        let c = Corpus::from_jsonl_bytes("t.jsonl", lines.join("\n").into_bytes());
        let a = Actors::build(&c, &Extraction::builtin());
        let named = |doc: u32, text: &str| {
            let article = &c.articles[doc as usize].text;
            a.in_doc(DocId(doc))
                .iter()
                .filter(|m| &article[m.start as usize..m.end as usize] == text)
                .map(|m| a.get(m.actor).name)
                .collect::<Vec<_>>()
        };
        assert_eq!(named(0, "Steven"), ["Steven Gerrard"]);
        assert_eq!(named(1, "Paula"), ["Paula Radcliffe"]);
        assert_eq!(named(2, "Steven"), ["Steven"]);
        assert_eq!(named(3, "Paula"), ["Paula", "Paula"]);
        assert_eq!(named(4, "Steven"), ["Steven Gerrard"]);
        assert_eq!(named(4, "Brown"), ["Gordon Brown"]);
        let gerrard = a.get(id(&a, "Steven Gerrard"));
        assert!(
            gerrard
                .variants
                .iter()
                .any(|v| v.text == "Steven" && v.count == 2)
        );
        // "Paula" is also a spelling of Paula Radcliffe's; typed, it is
        // the actor of that name (it was "could be any of" them).
        assert_eq!(a.lookup("paula"), Lookup::Found(id(&a, "Paula")));
    }

    #[test]
    fn lookup_takes_aliases_and_fuzzy_names() {
        let (_, a) = seeds();
        assert_eq!(id(&a, "fsb"), id(&a, "Federal Security Service"));
        assert_eq!(id(&a, "bortnik"), id(&a, "Alexander Bortnikov"));
        assert_eq!(a.lookup("zzzzqqq"), Lookup::NotFound);
    }

    #[test]
    fn lookup_takes_a_slip_of_the_keyboard_as_the_closest_name() {
        let (_, a) = seeds();
        for (typed, meant) in [
            ("Putni", "Vladimir Putin"),
            ("Lavorv", "Sergey Lavrov"),
            ("Kabulvo", "Zamir Kabulov"),
            ("Moscwo", "Moscow"),
            ("Vladimir Puttin", "Vladimir Putin"),
        ] {
            let Lookup::Found(want) = a.lookup(meant) else {
                panic!("{meant} is in the seeds")
            };
            assert_eq!(a.lookup(typed), Lookup::Closest(want), "{typed}");
        }
        // Too short to guess from.
        assert_eq!(a.lookup("tb"), Lookup::NotFound);
        // Two slips are too many for a word of seven letters: "taliban" is
        // not Taiwan (bbc offered Taiwan and "Italian Parma" for it).
        let c = Corpus::from_jsonl_bytes(
            "t.jsonl",
            br#"{"title": "Talks", "body": "Officials of Taiwan met in Japan."}"#.to_vec(),
        );
        let far = Actors::build(&c, &Extraction::builtin());
        assert!(matches!(far.lookup("Taiwn"), Lookup::Closest(_)));
        assert_eq!(far.lookup("taliban"), Lookup::NotFound);
        // Nor a long name holding its letters far apart.
        let c = Corpus::from_jsonl_bytes(
            "t.jsonl",
            br#"{"title": "Talks", "body": "Mr Stan Lieberman said so."}"#.to_vec(),
        );
        let apart = Actors::build(&c, &Extraction::builtin());
        assert!(matches!(apart.lookup("stan lebrmn"), Lookup::Closest(_)));
        assert_eq!(apart.lookup("taliban"), Lookup::NotFound);
        // A word several names share: the most named when far ahead
        // (Foreign Affairs 7, Justice 2), else none of them.
        assert_eq!(
            a.lookup("ministry"),
            Lookup::Likely {
                id: id(&a, "Russian Ministry of Foreign Affairs"),
                others: vec![id(&a, "Russian Ministry of Justice")],
            }
        );
        let Lookup::Ambiguous(several) = a.lookup("security") else {
            panic!("Federal Security Service 5, CSTO 3, UN Security Council 2")
        };
        assert_eq!(several[0], id(&a, "FSB"), "the most named first");
        // A word of a name is that actor, not a guess; so are words in a
        // row.
        assert_eq!(a.lookup("kabulov"), Lookup::Found(id(&a, "Zamir Kabulov")));
        assert!(matches!(a.lookup("Supreme Court"), Lookup::Found(_)));
    }
}
