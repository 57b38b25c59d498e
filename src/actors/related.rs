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
use rustc_hash::FxHashMap;

use super::sentences::{sentence_of, sentence_starts};
use super::{ActorId, Actors};
use crate::corpus::Corpus;

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
}

/// Per other actor: sentences naming it, and of those, sentences naming
/// the actor too; plus the totals.
#[derive(Default)]
struct Tally {
    other: FxHashMap<ActorId, (u32, u32)>,
    total: u32,
    naming: u32,
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        for (a, (o, both)) in other.other {
            let e = self.other.entry(a).or_default();
            e.0 += o;
            e.1 += both;
        }
        self.total += other.total;
        self.naming += other.naming;
        self
    }
}

/// The actors named with `actor`, in sentences and in articles.
pub fn related(corpus: &Corpus, actors: &Actors, actor: ActorId) -> RelatedActors {
    let docs = actors.docs_of(actor);
    let tally = docs
        .par_iter()
        .fold(Tally::default, |mut t, &d| {
            let starts = sentence_starts(&corpus.articles[d.ix()].text);
            t.total += starts.len() as u32;
            let mut pairs: Vec<(usize, ActorId)> = actors
                .in_doc(d)
                .iter()
                .map(|m| (sentence_of(&starts, m.start as usize), m.actor))
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            let mut naming: Vec<usize> =
                pairs.iter().filter(|p| p.1 == actor).map(|p| p.0).collect();
            naming.dedup();
            t.naming += naming.len() as u32;
            for &(s, a) in pairs.iter().filter(|p| p.1 != actor) {
                let e = t.other.entry(a).or_default();
                e.0 += 1;
                if naming.binary_search(&s).is_ok() {
                    e.1 += 1;
                }
            }
            t
        })
        .reduce(Tally::default, Tally::merge);

    let mut sentences: Vec<Related> = tally
        .other
        .iter()
        .filter(|(_, (_, both))| *both > 0)
        .map(|(&a, &(o, both))| rate(a, both, tally.naming, o, tally.total))
        .filter(|r| f64::from(r.together) > r.expected)
        .collect();
    rank(&mut sentences);

    let mut shared: FxHashMap<ActorId, u32> = FxHashMap::default();
    for &d in docs {
        for &(a, _) in actors.actors_in(d) {
            if a != actor {
                *shared.entry(a).or_default() += 1;
            }
        }
    }
    let n = corpus.len() as u32;
    let mine = docs.len() as u32;
    let mut articles: Vec<Related> = shared
        .iter()
        .map(|(&a, &both)| rate(a, both, mine, actors.get(a).articles, n))
        .filter(|r| f64::from(r.together) > r.expected)
        .collect();
    rank(&mut articles);

    RelatedActors {
        sentences,
        articles,
        sentence_total: tally.total,
        sentences_naming: tally.naming,
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
/// the other.
fn rate(actor: ActorId, together: u32, mine: u32, theirs: u32, n: u32) -> Related {
    let expected = f64::from(mine) * f64::from(theirs) / f64::from(n.max(1));
    Related {
        actor,
        together,
        expected,
        score: g2(together, mine, theirs, n),
    }
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
    fn g2_is_zero_at_chance_and_grows_with_surprise() {
        // 10 of 100 name A, 20 name B: chance says 2 together.
        assert!(g2(2, 10, 20, 100).abs() < 1e-9);
        assert!(g2(6, 10, 20, 100) > g2(4, 10, 20, 100));
        assert!(g2(4, 10, 20, 100) > 0.0);
    }
}
