//! Actors: the people, organisations, countries, places and media that the
//! articles name, and every mention of each.
//!
//! Built once per corpus from the gazetteer ([`Gazetteer`]): names and
//! aliases are found with one aho-corasick pass per article (see
//! [`matcher`]), then capitalised words one edit away from a known spelling
//! are merged in (see [`variants`]). The result is immutable and cheap to
//! query: mentions per article in text order, mentions per actor in corpus
//! order, and counts.
//!
//! This module reads the corpus and knows nothing about search or the
//! terminal.

pub mod gazetteer;
mod matcher;
mod variants;

use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use serde::Serialize;

pub use gazetteer::{Entry, Gazetteer, GazetteerError, Kind};

use crate::corpus::{Corpus, DocId};
use matcher::{Hit, Matcher};
use variants::{SpellingCounts, VariantIndex};

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
/// full text (title line included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The article.
    pub doc: DocId,
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

/// An actor with its counts over the whole corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// The canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: Kind,
    /// Other spellings from the gazetteer, whether or not they occur.
    pub aliases: Vec<String>,
    /// Spellings seen in the corpus, most frequent first.
    pub variants: Vec<Variant>,
    /// Number of mentions.
    pub mentions: u32,
    /// Number of articles with at least one mention.
    pub articles: u32,
}

/// Every actor and mention of a corpus.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    list: Vec<Actor>,
    /// All mentions, by article then position.
    mentions: Vec<Mention>,
    /// `mentions[doc_start[d]..doc_start[d + 1]]` are article `d`'s.
    doc_start: Vec<u32>,
    /// Indices into `mentions` for each actor, in corpus order.
    by_actor: Vec<Vec<u32>>,
    /// `doc_actors[doc_actor_start[d]..doc_actor_start[d + 1]]` are the
    /// distinct actors article `d` names, with how often.
    doc_actor_start: Vec<u32>,
    doc_actors: Vec<(ActorId, u32)>,
    /// The articles naming each actor, in corpus order.
    actor_docs: Vec<Vec<DocId>>,
}

/// What finding actors needs from a gazetteer, compiled once: the matcher
/// of every spelling and the index of single-word spellings that variants
/// are measured against.
pub struct Plan {
    matcher: Matcher,
    vindex: VariantIndex,
}

impl Plan {
    /// Compiles `gaz`.
    pub fn new(gaz: &Gazetteer) -> Plan {
        let matcher = Matcher::new(gaz);
        let vindex = VariantIndex::new(matcher.single_words());
        Plan { matcher, vindex }
    }
}

/// One article's gazetteer hits and the byte spans of the words that might
/// be spelling variants, from [`ArticleScan`].
pub struct Scanned {
    hits: Vec<Hit>,
    cands: Vec<(u32, u32)>,
}

/// Finds one article's actors word by word, so that the same pass over the
/// words can feed other work (the search index) too.
#[derive(Default)]
pub struct ArticleScan {
    hits: Vec<Hit>,
    cands: Vec<(u32, u32)>,
    /// The text up to here is inside the last hit.
    covered: usize,
}

impl ArticleScan {
    /// Looks at the word `word` at byte `at` of the article's full `text`.
    /// Words come in text order. A mention is a whole word, so it starts
    /// where a word does: the matcher is consulted at word starts only, and
    /// only where the first two bytes can start a spelling.
    #[inline]
    pub fn word(&mut self, plan: &Plan, text: &str, at: usize, word: &str) {
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
    pub fn finish(&mut self) -> Scanned {
        self.covered = 0;
        Scanned {
            hits: std::mem::take(&mut self.hits),
            cands: std::mem::take(&mut self.cands),
        }
    }
}

/// What a raw match refers to before actors are numbered.
#[derive(Clone, Copy)]
struct Raw {
    start: u32,
    end: u32,
    entry: u32,
}

impl Actors {
    /// Finds every actor of `gaz` in `corpus`.
    pub fn build(corpus: &Corpus, gaz: &Gazetteer) -> Actors {
        let plan = Plan::new(gaz);
        let scans = corpus
            .articles
            .par_iter()
            .map(|a| {
                let mut scan = ArticleScan::default();
                for (at, w) in crate::words::words(&a.text) {
                    scan.word(&plan, &a.text, at, w);
                }
                scan.finish()
            })
            .collect();
        Actors::from_scans(corpus, gaz, &plan, scans)
    }

    /// Assembles the actors from every article's scan (in corpus order):
    /// decides which candidate words are spelling variants, corpus-wide,
    /// then counts, ranks and numbers the actors that occur.
    pub fn from_scans(
        corpus: &Corpus,
        gaz: &Gazetteer,
        plan: &Plan,
        scanned: Vec<Scanned>,
    ) -> Actors {
        let matcher = &plan.matcher;
        let vindex = &plan.vindex;
        // Pass 2: decide which candidate words are variants, corpus-wide.
        let mut entry_hits = vec![0u32; gaz.entries.len()];
        let mut form_counts: HashMap<u32, u32> = HashMap::new();
        let mut word_counts: HashMap<&str, u32> = HashMap::new();
        for (Scanned { hits, cands }, a) in scanned.iter().zip(&corpus.articles) {
            for h in hits {
                entry_hits[h.entry as usize] += 1;
                *form_counts.entry(h.form).or_default() += 1;
            }
            for &(s, e) in cands {
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

        // Pass 3: merge variant mentions into each article's matches.
        let per_doc: Vec<Vec<Raw>> = scanned
            .into_par_iter()
            .zip(corpus.articles.par_iter())
            .map(|(Scanned { hits, cands }, a)| {
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
                raws
            })
            .collect();

        // Count, rank and number the actors that occur.
        let mut spellings: Vec<SpellingCounts> = Vec::new();
        spellings.resize_with(gaz.entries.len(), SpellingCounts::default);
        for (&form, &n) in &form_counts {
            spellings[matcher.entry_of(form) as usize].add(matcher.spelling(form), n);
        }
        for (&w, &entry) in &accepted {
            spellings[entry as usize].add(w, word_counts[w]);
        }
        let mut entry_docs = vec![0u32; gaz.entries.len()];
        let mut seen = vec![u32::MAX; gaz.entries.len()];
        for (d, raws) in per_doc.iter().enumerate() {
            for r in raws {
                if seen[r.entry as usize] != d as u32 {
                    seen[r.entry as usize] = d as u32;
                    entry_docs[r.entry as usize] += 1;
                }
            }
        }
        let mut entry_mentions = vec![0u32; gaz.entries.len()];
        for raws in &per_doc {
            for r in raws {
                entry_mentions[r.entry as usize] += 1;
            }
        }
        let mut ranked: Vec<usize> = (0..gaz.entries.len())
            .filter(|&e| entry_mentions[e] > 0)
            .collect();
        ranked.sort_by(|&a, &b| {
            entry_mentions[b]
                .cmp(&entry_mentions[a])
                .then(entry_docs[b].cmp(&entry_docs[a]))
                .then_with(|| gaz.entries[a].name.cmp(&gaz.entries[b].name))
        });
        let mut actor_of = vec![u32::MAX; gaz.entries.len()];
        for (i, &e) in ranked.iter().enumerate() {
            actor_of[e] = i as u32;
        }
        let list: Vec<Actor> = ranked
            .iter()
            .map(|&e| {
                let entry = &gaz.entries[e];
                Actor {
                    name: entry.name.clone(),
                    kind: entry.kind,
                    aliases: entry.aliases.clone(),
                    variants: std::mem::take(&mut spellings[e])
                        .into_sorted()
                        .into_iter()
                        .map(|(text, count)| Variant { text, count })
                        .collect(),
                    mentions: entry_mentions[e],
                    articles: entry_docs[e],
                }
            })
            .collect();

        let total: usize = per_doc.iter().map(Vec::len).sum();
        let mut mentions = Vec::with_capacity(total);
        let mut doc_start = Vec::with_capacity(per_doc.len() + 1);
        let mut doc_actor_start = Vec::with_capacity(per_doc.len() + 1);
        let mut doc_actors = Vec::new();
        let mut by_actor: Vec<Vec<u32>> = list
            .iter()
            .map(|a| Vec::with_capacity(a.mentions as usize))
            .collect();
        let mut actor_docs: Vec<Vec<DocId>> = list
            .iter()
            .map(|a| Vec::with_capacity(a.articles as usize))
            .collect();
        let mut distinct: Vec<(ActorId, u32)> = Vec::new();
        for (d, raws) in per_doc.into_iter().enumerate() {
            let doc = DocId(d as u32);
            doc_start.push(mentions.len() as u32);
            doc_actor_start.push(doc_actors.len() as u32);
            distinct.clear();
            for r in raws {
                let actor = ActorId(actor_of[r.entry as usize]);
                by_actor[actor.ix()].push(mentions.len() as u32);
                distinct.push((actor, 1));
                mentions.push(Mention {
                    doc,
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
            for &(a, _) in &distinct {
                actor_docs[a.ix()].push(doc);
            }
            doc_actors.extend_from_slice(&distinct);
        }
        doc_start.push(mentions.len() as u32);
        doc_actor_start.push(doc_actors.len() as u32);
        Actors {
            list,
            mentions,
            doc_start,
            by_actor,
            doc_actor_start,
            doc_actors,
            actor_docs,
        }
    }

    /// All actors, most mentioned first.
    pub fn list(&self) -> &[Actor] {
        &self.list
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether no actor occurs in the corpus.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The actor with id `id`.
    pub fn get(&self, id: ActorId) -> &Actor {
        &self.list[id.ix()]
    }

    /// Every mention, by article then position.
    pub fn all_mentions(&self) -> &[Mention] {
        &self.mentions
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

    /// The mentions of `actor`, in corpus order.
    pub fn of_actor(&self, actor: ActorId) -> impl DoubleEndedIterator<Item = &Mention> + '_ {
        self.by_actor
            .get(actor.ix())
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.mentions[i as usize])
    }

    /// The articles that name `actor`, in corpus order.
    pub fn docs_of(&self, actor: ActorId) -> &[DocId] {
        self.actor_docs.get(actor.ix()).map_or(&[], Vec::as_slice)
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

    /// Finds the actor a user means by `name`: an exact name, alias or seen
    /// spelling (ignoring case) first, else the best fuzzy match of a name or
    /// alias.
    pub fn lookup(&self, name: &str) -> Lookup {
        let wanted = name.trim().to_lowercase();
        if wanted.is_empty() {
            return Lookup::NotFound;
        }
        let exact: Vec<ActorId> = (0..self.list.len())
            .map(|i| ActorId(i as u32))
            .filter(|&id| {
                let a = self.get(id);
                std::iter::once(a.name.as_str())
                    .chain(a.aliases.iter().map(String::as_str))
                    .chain(a.variants.iter().map(|v| v.text.as_str()))
                    .any(|s| s.to_lowercase() == wanted)
            })
            .collect();
        if exact.len() == 1 {
            return Lookup::Found(exact[0]);
        }
        if exact.len() > 1 {
            return Lookup::Ambiguous(exact);
        }
        let fm = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, ActorId)> = (0..self.list.len())
            .filter_map(|i| {
                let a = &self.list[i];
                std::iter::once(a.name.as_str())
                    .chain(a.aliases.iter().map(String::as_str))
                    .filter_map(|s| fm.fuzzy_match(s, name.trim()))
                    .max()
                    .map(|score| (score, ActorId(i as u32)))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        match scored.as_slice() {
            [] => Lookup::NotFound,
            [(_, id)] => Lookup::Found(*id),
            [(best, id), (next, _), ..] if *best > *next => Lookup::Found(*id),
            _ => {
                let best = scored[0].0;
                Lookup::Ambiguous(
                    scored
                        .iter()
                        .take_while(|(s, _)| *s == best)
                        .map(|&(_, id)| id)
                        .collect(),
                )
            }
        }
    }
}

/// The outcome of [`Actors::lookup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// One actor fits.
    Found(ActorId),
    /// Several fit equally well.
    Ambiguous(Vec<ActorId>),
    /// None fits.
    NotFound,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> (Corpus, Actors) {
        let c = Corpus::seeds();
        let a = Actors::build(&c, &Gazetteer::builtin());
        (c, a)
    }

    fn id(actors: &Actors, name: &str) -> ActorId {
        match actors.lookup(name) {
            Lookup::Found(id) => id,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn bortinkov_is_merged_into_bortnikov() {
        let (c, a) = seeds();
        let b = id(&a, "Alexander Bortnikov");
        let texts: Vec<&str> = a
            .of_actor(b)
            .map(|m| &c.articles[m.doc.ix()].text[m.range()])
            .collect();
        assert!(texts.contains(&"Bortinkov"), "{texts:?}");
        assert!(texts.contains(&"Aleksandr Bortnikov"), "{texts:?}");
        let v: Vec<&str> = a.get(b).variants.iter().map(|v| v.text.as_str()).collect();
        assert!(v.contains(&"Bortinkov"));
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
    fn lookup_takes_aliases_and_fuzzy_names() {
        let (_, a) = seeds();
        assert_eq!(id(&a, "fsb"), id(&a, "Federal Security Service"));
        assert_eq!(id(&a, "bortnik"), id(&a, "Alexander Bortnikov"));
        assert_eq!(a.lookup("zzzzqqq"), Lookup::NotFound);
    }
}
