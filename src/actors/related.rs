//! The actors named alongside one actor: in the same sentences, and in the
//! same articles, ranked by how much more often than chance.
//!
//! Chance is what independence predicts. For articles: the actor is in
//! `a` of the corpus's `n` articles and the other in `b`, so together in
//! `a * b / n` by chance. For sentences, within the articles naming the
//! actor (so that "more than chance" means more than anywhere in those
//! stories): `s` of their `t` sentences name the actor, `o` name the other,
//! chance is `s * o / t`. Ranking is by Dunning's log-likelihood ratio (G²)
//! of the observed count against chance, which, unlike the raw ratio,
//! does not put a name seen once at the top; only actors seen together
//! more often than chance are listed.

use rayon::prelude::*;

use super::sentences::{MentionSentences, sentence_of, sentence_starts};
use super::{ActorId, Actors};
use crate::corpus::{Corpus, DocId};
use crate::search::docset::DocSet;

/// One actor named alongside another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Related {
    /// The other actor.
    pub actor: ActorId,
    /// Sentences (or articles) naming both.
    pub together: u32,
    /// How many chance predicts.
    pub expected: f64,
    /// Log-likelihood ratio of `together` against `expected` (G²).
    pub score: f64,
}

impl Related {
    /// How many times more often than chance.
    pub fn lift(&self) -> f64 {
        if self.expected > 0.0 {
            f64::from(self.together) / self.expected
        } else {
            0.0
        }
    }
}

/// The actors named with one actor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelatedActors {
    /// Named in the same sentences, best first.
    pub sentences: Vec<Related>,
    /// Named in the same articles, best first.
    pub articles: Vec<Related>,
    /// Sentences in the articles naming the actor.
    pub sentence_total: u32,
    /// Of those, the sentences naming it.
    pub sentences_naming: u32,
    /// The articles naming it (of those looked at).
    pub articles_naming: u32,
}

/// The largest figures of a list, which say how wide its columns are.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Peaks {
    /// The most sentences (or articles) naming both.
    pub together: u32,
    /// The highest [`Related::lift`].
    pub lift: f64,
    /// The highest G².
    pub score: f64,
}

impl Peaks {
    /// The peaks of `list`.
    pub fn of(list: &[Related]) -> Peaks {
        list.iter().fold(Peaks::default(), |p, r| Peaks {
            together: p.together.max(r.together),
            lift: p.lift.max(r.lift()),
            score: p.score.max(r.score),
        })
    }
}

/// What one share of the actor's articles holds: per other actor (by id),
/// its [`Counts`], plus the totals. Dense, not hashed: the most named
/// actor of 100,000 articles meets a third of all actors, and hashing them
/// was most of what `r` cost.
struct Tally {
    per: Vec<Counts>,
    total: u32,
    naming: u32,
}

/// Of one other actor: sentences naming it, of those the sentences naming
/// the actor too, and articles naming both. Together, so counting a
/// mention touches one place.
#[derive(Clone, Copy, Default)]
struct Counts {
    sentences: u32,
    together: u32,
    articles: u32,
}

impl Tally {
    fn new(actors: usize) -> Tally {
        Tally {
            per: vec![Counts::default(); actors],
            total: 0,
            naming: 0,
        }
    }

    fn merge(mut self, other: Tally) -> Tally {
        for (a, b) in self.per.iter_mut().zip(&other.per) {
            a.sentences += b.sentences;
            a.together += b.together;
            a.articles += b.articles;
        }
        self.total += other.total;
        self.naming += other.naming;
        self
    }
}

/// The actors named with `actor`, in sentences and in articles. With
/// `known` (read with the story) the articles are not split into sentences
/// again.
pub fn related(
    corpus: &Corpus,
    actors: &Actors,
    actor: ActorId,
    known: Option<&MentionSentences>,
) -> RelatedActors {
    related_within(corpus, actors, actor, known, None)
}

/// [`related`] within the articles of `within` (a filter's matches): the
/// sentences counted are those of its articles naming `actor`, and chance
/// for articles is reckoned over its articles alone.
pub fn related_within(
    corpus: &Corpus,
    actors: &Actors,
    actor: ActorId,
    known: Option<&MentionSentences>,
    within: Option<&DocSet>,
) -> RelatedActors {
    let all = actors.docs_of(actor);
    let narrowed: Vec<DocId>;
    let docs = match within {
        None => all,
        Some(set) => {
            narrowed = all.iter().copied().filter(|d| set.contains(d.0)).collect();
            &narrowed[..]
        }
    };
    let tally = crate::par::per_core(docs.len())
        .into_par_iter()
        .map(|share| {
            let mut t = Tally::new(actors.len());
            let mut pairs: Vec<(u32, ActorId)> = Vec::new();
            let mut names: Vec<ActorId> = Vec::new();
            for &d in &docs[share] {
                let mentions = actors.in_doc(d);
                let read = known
                    .and_then(|k| k.of_doc(d))
                    .filter(|(_, of)| of.len() == mentions.len());
                pairs.clear();
                match read {
                    Some((count, of)) => {
                        t.total += count;
                        pairs.extend(
                            of.iter()
                                .zip(mentions)
                                .map(|(&s, m)| (u32::from(s), m.actor)),
                        );
                    }
                    None => {
                        let starts = sentence_starts(&corpus.articles[d.ix()].text);
                        t.total += starts.len() as u32;
                        pairs.extend(
                            mentions
                                .iter()
                                .map(|m| (sentence_of(&starts, m.start as usize) as u32, m.actor)),
                        );
                    }
                }
                // Mentions come in text order, so their sentences do too:
                // each sentence's actors are one short run.
                if !pairs.is_sorted_by_key(|p| p.0) {
                    pairs.sort_unstable();
                }
                for run in pairs.chunk_by(|a, b| a.0 == b.0) {
                    names.clear();
                    names.extend(run.iter().map(|p| p.1));
                    names.sort_unstable();
                    names.dedup();
                    let with_actor = names.binary_search(&actor).is_ok();
                    t.naming += u32::from(with_actor);
                    for &a in names.iter().filter(|&&a| a != actor) {
                        let c = &mut t.per[a.ix()];
                        c.sentences += 1;
                        c.together += u32::from(with_actor);
                    }
                }
                for &(a, _) in actors.actors_in(d) {
                    t.per[a.ix()].articles += 1;
                }
            }
            t
        })
        .reduce(|| Tally::new(actors.len()), Tally::merge);

    let mut sentences: Vec<Related> = (0..actors.len())
        .filter(|&a| tally.per[a].together > 0 && a != actor.ix())
        .filter_map(|a| {
            let Counts {
                sentences,
                together,
                ..
            } = tally.per[a];
            rate(
                ActorId(a as u32),
                together,
                tally.naming,
                sentences,
                tally.total,
            )
        })
        .collect();
    rank(&mut sentences);

    let mine = docs.len() as u32;
    // Each actor's articles: the corpus's, or counted over `within`.
    let counted: Option<Vec<u32>> = within.map(|set| {
        let mut theirs = vec![0u32; actors.len()];
        for d in set.iter() {
            for &(a, _) in actors.actors_in(d) {
                theirs[a.ix()] += 1;
            }
        }
        theirs
    });
    let theirs = |a: usize| match &counted {
        Some(c) => c[a],
        None => actors.facts()[a].articles,
    };
    let n = within.map_or(corpus.len(), DocSet::len) as u32;
    let mut articles: Vec<Related> = (0..actors.len())
        .filter(|&a| tally.per[a].articles > 0 && a != actor.ix())
        .filter_map(|a| {
            let id = ActorId(a as u32);
            rate(id, tally.per[a].articles, mine, theirs(a), n)
        })
        .collect();
    rank(&mut articles);

    RelatedActors {
        sentences,
        articles,
        sentence_total: tally.total,
        sentences_naming: tally.naming,
        articles_naming: mine,
    }
}

/// Best first: highest G², then most often together, then actor id.
fn rank(list: &mut [Related]) {
    list.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.together.cmp(&a.together))
            .then(a.actor.cmp(&b.actor))
    });
}

/// `together` of `n` units name both, `mine` name the actor and `theirs`
/// the other: scored when that is more often than chance.
fn rate(actor: ActorId, together: u32, mine: u32, theirs: u32, n: u32) -> Option<Related> {
    let expected = f64::from(mine) * f64::from(theirs) / f64::from(n.max(1));
    (f64::from(together) > expected).then(|| Related {
        actor,
        together,
        expected,
        score: g2(together, mine, theirs, n),
    })
}

/// Dunning's log-likelihood ratio for a 2x2 table: `k11` units with both,
/// `row` with the first, `col` with the second, of `n`.
pub fn g2(k11: u32, row: u32, col: u32, n: u32) -> f64 {
    let (k11, row, col, n) = (
        f64::from(k11),
        f64::from(row),
        f64::from(col),
        f64::from(n.max(1)),
    );
    let cells = [
        (k11, row * col / n),
        ((row - k11).max(0.0), row * (n - col) / n),
        ((col - k11).max(0.0), (n - row) * col / n),
        ((n - row - col + k11).max(0.0), (n - row) * (n - col) / n),
    ];
    2.0 * cells
        .iter()
        .filter(|(k, e)| *k > 0.0 && *e > 0.0)
        .map(|(k, e)| k * (k / e).ln())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_story_sentences_give_the_same_related_actors_as_the_text() {
        let lib = crate::library::Library::seeds();
        let known = lib.story().sentences();
        let mut compared = 0;
        for id in (0..lib.actors.len() as u32).map(ActorId) {
            let read = related(&lib.corpus, &lib.actors, id, None);
            let fast = related(&lib.corpus, &lib.actors, id, Some(known));
            assert_eq!(read, fast, "actor {id:?}");
            compared += usize::from(!read.sentences.is_empty());
        }
        assert!(compared > 10, "only {compared} actors share sentences");
        // Sentences of no article (a story of another corpus) are not used.
        let none = MentionSentences::default();
        let id = ActorId(0);
        assert_eq!(
            related(&lib.corpus, &lib.actors, id, Some(&none)),
            related(&lib.corpus, &lib.actors, id, None)
        );
    }

    #[test]
    fn within_every_article_is_the_whole_corpus_and_within_one_is_that_one() {
        let lib = crate::library::Library::seeds();
        let (corpus, actors) = (&lib.corpus, &lib.actors);
        let taliban = ActorId(0);
        let all = DocSet::full(corpus.len());
        let whole = related(corpus, actors, taliban, None);
        assert_eq!(
            related_within(corpus, actors, taliban, None, Some(&all)),
            whole
        );
        assert_eq!(whole.articles_naming, 5);
        // One article: its sentences alone, and its actors named in every
        // article looked at, so none beyond chance.
        let mut one = DocSet::empty(corpus.len());
        one.insert(4);
        let narrow = related_within(corpus, actors, taliban, None, Some(&one));
        assert_eq!(narrow.articles_naming, 1);
        let sentences = crate::actors::sentences::sentence_starts(&corpus.articles[4].text);
        assert_eq!(narrow.sentence_total as usize, sentences.len());
        assert!(narrow.sentence_total < whole.sentence_total);
        assert!(narrow.articles.is_empty(), "{:?}", narrow.articles);
        assert!(!narrow.sentences.is_empty());
        for r in &narrow.sentences {
            assert!(actors.docs_of(r.actor).contains(&DocId(4)));
        }
    }

    #[test]
    fn g2_is_zero_at_chance_and_grows_with_surprise() {
        // 10 of 100 name A, 20 name B: chance says 2 together.
        assert!(g2(2, 10, 20, 100).abs() < 1e-9);
        assert!(g2(6, 10, 20, 100) > g2(4, 10, 20, 100));
        assert!(g2(4, 10, 20, 100) > 0.0);
    }
}
