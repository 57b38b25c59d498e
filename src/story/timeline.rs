//! Events in date order: each dated expression of an article body becomes
//! an event with its sentence and the actors the sentence names; events
//! that several reports give (the same date, and at least half of the
//! smaller event's actors in common) are grouped into one row, so a reader
//! sees where sources agree and where one stands alone.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::dates::{Dated, When};
use crate::actors::ActorId;
use crate::corpus::DocId;

/// One dated statement in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The article.
    pub doc: DocId,
    /// Byte span of the sentence in the article text.
    pub sentence: Range<u32>,
    /// The dated expression and what it resolved to.
    pub date: Dated,
    /// The actors the sentence names, by rank.
    pub actors: Vec<ActorId>,
}

/// Events reported for the same date with the same actors: one timeline
/// row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The date, `None` when no member could be resolved.
    pub when: Option<When>,
    /// The end of a range, when the date is one.
    pub until: Option<When>,
    /// Whether every member inferred part of the date from context.
    pub inferred: bool,
    /// Indices into [`Timeline::events`], in corpus order.
    pub events: Vec<u32>,
    /// How many distinct articles report it.
    pub sources: u32,
    /// The actors its events name, most often named first.
    pub actors: Vec<ActorId>,
}

impl Group {
    /// The date as a reader writes it, with "?" when its year (or all of
    /// it) was read from context: "4 October 2024?", "2018–2020".
    pub fn label(&self) -> String {
        let mut l = super::dates::label(self.when, self.until);
        if self.inferred && self.when.is_some_and(|w| w.year.is_some()) {
            l.push('?');
        }
        l
    }
}

/// All events and their groups, in date order; undated groups come last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Every event, in corpus and text order.
    pub events: Vec<Event>,
    /// The rows.
    pub groups: Vec<Group>,
}

/// Buckets larger than this link events only through actors that few of
/// them name, so a year every article mentions stays linear.
const LINK_CAP: usize = 64;

impl Timeline {
    /// Groups `events` (in corpus order) into rows.
    pub fn new(events: Vec<Event>) -> Timeline {
        let mut buckets: FxHashMap<(Option<When>, Option<When>), Vec<u32>> = FxHashMap::default();
        let mut lone = Vec::new();
        for (i, e) in events.iter().enumerate() {
            match e.date.when {
                Some(w) => buckets
                    .entry((Some(w), e.date.until))
                    .or_default()
                    .push(i as u32),
                None => lone.push(i as u32),
            }
        }
        let mut groups = Vec::new();
        for ((when, until), members) in buckets {
            for set in link(&events, &members) {
                groups.push(group(&events, when, until, set));
            }
        }
        for i in lone {
            groups.push(group(&events, None, None, vec![i]));
        }
        groups.sort_by(|a, b| {
            let key = |g: &Group| {
                (
                    g.when.and_then(|w| w.year).is_none(),
                    g.when,
                    g.until,
                    std::cmp::Reverse(g.sources),
                    g.events[0],
                )
            };
            key(a).cmp(&key(b))
        });
        Timeline { events, groups }
    }

    /// The rows in which some event names `actor` (any when `None`) and
    /// lies in an article `keep` accepts, in date order.
    pub fn rows(&self, actor: Option<ActorId>, keep: &dyn Fn(DocId) -> bool) -> Vec<u32> {
        (0..self.groups.len() as u32)
            .filter(|&g| self.members(g as usize, actor, keep).next().is_some())
            .collect()
    }

    /// The events of row `g` that name `actor` and lie in an article `keep`
    /// accepts.
    pub fn members<'a>(
        &'a self,
        g: usize,
        actor: Option<ActorId>,
        keep: &'a dyn Fn(DocId) -> bool,
    ) -> impl Iterator<Item = u32> + 'a {
        self.groups[g].events.iter().copied().filter(move |&e| {
            let e = &self.events[e as usize];
            keep(e.doc) && actor.is_none_or(|a| e.actors.contains(&a))
        })
    }
}

/// Splits one date's events into sets that share actors.
fn link(events: &[Event], members: &[u32]) -> Vec<Vec<u32>> {
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut by_actor: FxHashMap<ActorId, Vec<usize>> = FxHashMap::default();
    for (k, &e) in members.iter().enumerate() {
        for &a in &events[e as usize].actors {
            by_actor.entry(a).or_default().push(k);
        }
    }
    for list in by_actor.values() {
        if list.len() > LINK_CAP && members.len() > LINK_CAP {
            continue;
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let (a, b) = (&events[members[i] as usize], &events[members[j] as usize]);
                if alike(a, b) {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[ri] = rj;
                }
            }
        }
    }
    let mut sets: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
    for (k, &e) in members.iter().enumerate() {
        let r = root(&mut parent, k);
        sets.entry(r).or_default().push(e);
    }
    let mut out: Vec<Vec<u32>> = sets.into_values().collect();
    for s in &mut out {
        s.sort_unstable();
    }
    out
}

/// Two events report the same thing: at least half of the smaller one's
/// actors are shared (and at least one).
fn alike(a: &Event, b: &Event) -> bool {
    let shared = a.actors.iter().filter(|x| b.actors.contains(x)).count();
    let smaller = a.actors.len().min(b.actors.len());
    shared > 0 && 2 * shared >= smaller
}

fn group(events: &[Event], when: Option<When>, until: Option<When>, set: Vec<u32>) -> Group {
    let mut docs: Vec<DocId> = set.iter().map(|&e| events[e as usize].doc).collect();
    docs.dedup();
    let mut counts: FxHashMap<ActorId, u32> = FxHashMap::default();
    for &e in &set {
        for &a in &events[e as usize].actors {
            *counts.entry(a).or_default() += 1;
        }
    }
    let mut actors: Vec<(ActorId, u32)> = counts.into_iter().collect();
    actors.sort_by_key(|&(a, n)| (std::cmp::Reverse(n), a));
    Group {
        when,
        until,
        inferred: set.iter().all(|&e| events[e as usize].date.inferred),
        sources: docs.len() as u32,
        actors: actors.into_iter().map(|(a, _)| a).collect(),
        events: set,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::dates::Form;

    fn ev(doc: u32, when: When, actors: &[u32]) -> Event {
        Event {
            doc: DocId(doc),
            sentence: 0..1,
            date: Dated {
                span: 0..1,
                form: Form::Date,
                when: Some(when),
                until: None,
                inferred: false,
                approx: false,
            },
            actors: actors.iter().map(|&a| ActorId(a)).collect(),
        }
    }

    #[test]
    fn same_date_and_shared_actors_group_other_dates_do_not() {
        let oct4 = When::day(2024, 10, 4);
        let t = Timeline::new(vec![
            ev(0, oct4, &[1, 2, 3, 4]),
            ev(1, When::year(2003), &[2]),
            ev(3, oct4, &[3, 4, 5, 6, 7]),
            ev(4, oct4, &[9]),
        ]);
        let rows: Vec<(String, u32)> = t
            .groups
            .iter()
            .map(|g| (g.when.unwrap().iso(), g.sources))
            .collect();
        assert_eq!(
            rows,
            [
                ("2003".into(), 1),
                ("2024-10-04".into(), 2),
                ("2024-10-04".into(), 1)
            ]
        );
        assert_eq!(t.groups[1].events, [0, 2]);
        assert_eq!(&t.groups[1].actors[..2], &[ActorId(3), ActorId(4)]);
    }

    #[test]
    fn rows_follow_the_actor_and_the_article_filter() {
        let t = Timeline::new(vec![
            ev(0, When::year(2003), &[1, 2]),
            ev(1, When::year(2003), &[2]),
            ev(2, When::year(2021), &[5]),
        ]);
        assert_eq!(t.rows(None, &|_| true).len(), 2);
        assert_eq!(t.rows(Some(ActorId(5)), &|_| true).len(), 1);
        let g = t.rows(Some(ActorId(2)), &|d| d != DocId(0))[0] as usize;
        let keep = |d| d != DocId(0);
        let shown: Vec<u32> = t.members(g, Some(ActorId(2)), &keep).collect();
        assert_eq!(shown, [1]);
    }
}
