//! Events in date order: each dated expression of an article body becomes
//! an event with its sentence and the actors the sentence names; events
//! that several reports give (the same date, and at least half of the
//! smaller event's actors in common) are grouped into one row, so a reader
//! sees where sources agree and where one stands alone.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::dates::{Dated, When};
use crate::actors::ActorId;
use crate::corpus::{Corpus, DocId};
use crate::csr::Csr;

/// One dated statement in one article; the actors its sentence names are
/// [`Timeline::event_actors`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The article.
    pub doc: DocId,
    /// Byte span of the sentence in the article text.
    pub sentence: Range<u32>,
    /// The dated expression and what it resolved to.
    pub date: Dated,
}

/// Events reported for the same date with the same actors: one timeline
/// row. Its events and actors are [`Timeline::group_events`] and
/// [`Timeline::group_actors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// The date, `None` when no member could be resolved.
    pub when: Option<When>,
    /// The end of a range, when the date is one.
    pub until: Option<When>,
    /// Whether every member inferred part of the date from context.
    pub inferred: bool,
    /// How many distinct articles report it, a copy of an article and the
    /// article counted once.
    pub sources: u32,
}

impl Group {
    /// The date as a reader writes it, with "?" when its year (or all of
    /// it) was read from context, or is not known: "4 October 2024?",
    /// "July?", "2018–2020".
    pub fn label(&self) -> String {
        self.marked(super::dates::label(self.when, self.until))
    }

    /// [`Group::label`] with months cut to three letters: "20 Nov 2024?".
    pub fn short_label(&self) -> String {
        self.marked(super::dates::short_label(self.when, self.until))
    }

    fn marked(&self, mut label: String) -> String {
        // (An undated row is labelled by its words, asked on their own.)
        let yearless = self.when.is_some_and(|w| w.year.is_none());
        if (self.inferred || yearless) && self.when.is_some() {
            label.push('?');
        }
        label
    }
}

/// What an undated row is called: the words that could not be placed,
/// asked ("Friday?", "last week?"), a sentence's capital dropped unless
/// the word is a name ("Last year" at a sentence start is "last year?").
pub fn undated_label(expression: &str) -> String {
    let first = expression.split_whitespace().next().unwrap_or("");
    let named = super::dates::names_a_day_or_month(first);
    let mut chars = expression.chars();
    let mut label: String = match chars.next() {
        Some(c) if !named => c.to_lowercase().chain(chars).collect(),
        _ => expression.to_owned(),
    };
    label.push('?');
    label
}

/// All events and their groups, in date order; undated groups come last.
///
/// The lists each event and row holds (a few numbers each, for hundreds of
/// thousands of them in a large corpus) are laid end to end rather than
/// kept as a `Vec` apiece: a third of the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Every event, in corpus and text order.
    pub events: Vec<Event>,
    /// The rows.
    pub groups: Vec<Group>,
    /// Row `e`: the actors event `e`'s sentence names, by rank.
    event_actors: Csr<ActorId>,
    /// Row `g`: row `g`'s events, as indices into `events` in corpus order.
    group_events: Csr<u32>,
    /// Row `g`: the actors row `g`'s events name, most often named first.
    group_actors: Csr<ActorId>,
    /// Articles that repeat an earlier one's text, each with that one, by
    /// copy: one source with it.
    copies: Vec<(DocId, DocId)>,
}

/// Buckets larger than this link events only through actors that few of
/// them name, so a year every article mentions stays linear.
const LINK_CAP: usize = 64;

impl Timeline {
    /// Groups `events` (in corpus order) into rows; row `e` of `actors`
    /// holds the actors event `e` names, and `sentences[e]` a hash of its
    /// sentence's text (the same sentence in two articles, as a corpus
    /// holding one story twice has it, is one event). `copies` are the
    /// articles that repeat an earlier one, each with it, in order: a
    /// source with its copies counts once.
    pub fn new(
        events: Vec<Event>,
        actors: Csr<ActorId>,
        sentences: &[u64],
        copies: Vec<(DocId, DocId)>,
    ) -> Timeline {
        let source = |d: DocId| source_of(&copies, d);
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
        // Each row's events and actors go end to end into scratch lists as
        // the rows are found, then in date order into the timeline's.
        let mut rows: Vec<Row> = Vec::new();
        let mut members = Vec::with_capacity(events.len());
        let mut named = Vec::new();
        for ((when, until), bucket) in buckets {
            // A date with no day (a year, a month) holds many unrelated
            // events sharing a country: those link through two actors.
            let least = if when.is_some_and(|w| w.day == 0) {
                2
            } else {
                1
            };
            for set in link(&actors, sentences, &bucket, least) {
                rows.push(group(
                    &events,
                    &actors,
                    &source,
                    (when, until),
                    &set,
                    &mut members,
                    &mut named,
                ));
            }
        }
        // An undated event is a row of its own, but a copy's report of it
        // joins its article's (helper-33: bbc listed 199 undated rows
        // twice, once per copy).
        let mut undated: Vec<Vec<u32>> = Vec::new();
        let mut seen: FxHashMap<(DocId, u64, u32), usize> = FxHashMap::default();
        for i in lone {
            let e = &events[i as usize];
            let at = e.date.span.start.saturating_sub(e.sentence.start);
            let src = source(e.doc);
            match seen.get(&(src, sentences[i as usize], at)) {
                Some(&k) if src != e.doc => undated[k].push(i),
                _ => {
                    seen.insert((src, sentences[i as usize], at), undated.len());
                    undated.push(vec![i]);
                }
            }
        }
        for set in undated {
            rows.push(group(
                &events,
                &actors,
                &source,
                (None, None),
                &set,
                &mut members,
                &mut named,
            ));
        }
        // Each row's first event is its own (an event is in one row), so
        // the order is total and an unstable sort, which needs no buffer,
        // gives the same rows.
        rows.sort_unstable_by_key(|r| {
            (
                r.group.when.and_then(|w| w.year).is_none(),
                r.group.when,
                r.group.until,
                std::cmp::Reverse(r.group.sources),
                members[r.members.start as usize],
            )
        });
        crate::phases::mark("story: timeline rows sorted");
        // The scratch lists go before the rows become groups, which reuse
        // the rows' memory (a row is a group and two ranges).
        let mut group_events = Csr::with_capacity(rows.len(), members.len());
        let mut group_actors = Csr::with_capacity(rows.len(), named.len());
        for r in &rows {
            let (m, n) = (r.members.clone(), r.named.clone());
            group_events.push_row(members[m.start as usize..m.end as usize].iter().copied());
            group_actors.push_row(named[n.start as usize..n.end as usize].iter().copied());
        }
        drop((members, named));
        let mut groups: Vec<Group> = rows.into_iter().map(|r| r.group).collect();
        groups.shrink_to_fit();
        crate::phases::mark("story: timeline built");
        Timeline {
            events,
            groups,
            event_actors: actors,
            group_events,
            group_actors,
            copies,
        }
    }

    /// Row `g`'s date as a reader writes it ([`Group::label`]); undated,
    /// the words that could not be placed ("Friday?": an undated row is
    /// one event, with any copies' reports of it).
    pub fn row_label(&self, g: usize, corpus: &Corpus) -> String {
        let group = &self.groups[g];
        match (group.when, self.group_events(g).first()) {
            (None, Some(&e)) => {
                let e = &self.events[e as usize];
                let text = &corpus.articles[e.doc.ix()].text;
                let words = text.get(e.date.span.start as usize..e.date.span.end as usize);
                undated_label(words.unwrap_or_default())
            }
            _ => group.label(),
        }
    }

    /// Whether row `g` has more than one report in the articles `keep`
    /// accepts: something to show under it. A copy's report, the same
    /// words as its article's, is not another (helper-36: a row of one
    /// source and its copy showed ▸ beside no count of sources).
    pub fn several_reports(&self, g: usize, keep: &dyn Fn(DocId) -> bool) -> bool {
        let original = |&e: &u32| {
            let doc = self.events[e as usize].doc;
            self.source(doc) == doc
        };
        self.members(g, None, keep)
            .filter(original)
            .nth(1)
            .is_some()
    }

    /// The article `doc` copies, or `doc` itself: the source it counts as.
    pub fn source(&self, doc: DocId) -> DocId {
        source_of(&self.copies, doc)
    }

    /// The actors event `e`'s sentence names, by rank.
    pub fn event_actors(&self, e: u32) -> &[ActorId] {
        self.event_actors.row(e as usize)
    }

    /// Row `g`'s events, as indices into [`Timeline::events`], in corpus
    /// order.
    pub fn group_events(&self, g: usize) -> &[u32] {
        self.group_events.row(g)
    }

    /// The actors row `g`'s events name, most often named first.
    pub fn group_actors(&self, g: usize) -> &[ActorId] {
        self.group_actors.row(g)
    }

    /// The rows in which some event names `actor` (any when `None`) and
    /// lies in an article `keep` accepts, in date order.
    pub fn rows(&self, actor: Option<ActorId>, keep: &dyn Fn(DocId) -> bool) -> Vec<u32> {
        (0..self.groups.len() as u32)
            .filter(|&g| self.members(g as usize, actor, keep).next().is_some())
            .collect()
    }

    /// How many articles `keep` accepts report row `g` (its events'
    /// distinct articles, whether or not they name an actor).
    pub fn sources_kept(&self, g: usize, keep: &dyn Fn(DocId) -> bool) -> u32 {
        count_distinct(
            self.members(g, None, keep)
                .map(|e| self.source(self.events[e as usize].doc))
                .collect(),
        )
    }

    /// The events of row `g` that name `actor` and lie in an article `keep`
    /// accepts.
    pub fn members<'a>(
        &'a self,
        g: usize,
        actor: Option<ActorId>,
        keep: &'a dyn Fn(DocId) -> bool,
    ) -> impl Iterator<Item = u32> + 'a {
        self.group_events(g).iter().copied().filter(move |&e| {
            keep(self.events[e as usize].doc)
                && actor.is_none_or(|a| self.event_actors(e).contains(&a))
        })
    }
}

/// How many different articles `docs` holds: a row's sources.
fn count_distinct(mut docs: Vec<DocId>) -> u32 {
    docs.sort_unstable();
    docs.dedup();
    docs.len() as u32
}

/// The article `doc` copies (`copies` as [`Timeline::new`] takes them), or
/// `doc`.
pub(super) fn source_of(copies: &[(DocId, DocId)], doc: DocId) -> DocId {
    copies
        .binary_search_by_key(&doc, |&(copy, _)| copy)
        .map_or(doc, |i| copies[i].1)
}

/// Splits one date's events into sets linked by sharing at least `least`
/// actors (see [`shared`]), or the same sentence.
fn link(actors: &Csr<ActorId>, sentences: &[u64], members: &[u32], least: usize) -> Vec<Vec<u32>> {
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
        for &a in actors.row(e as usize) {
            by_actor.entry(a).or_default().push(k);
        }
    }
    for list in by_actor.values() {
        if list.len() > LINK_CAP && members.len() > LINK_CAP {
            continue;
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let (a, b) = (members[i] as usize, members[j] as usize);
                if shared(actors.row(a), actors.row(b)) >= least {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[ri] = rj;
                }
            }
        }
    }
    let mut first_with: FxHashMap<u64, usize> = FxHashMap::default();
    for (k, &e) in members.iter().enumerate() {
        if let Some(&j) = first_with.get(&sentences[e as usize]) {
            let (rk, rj) = (root(&mut parent, k), root(&mut parent, j));
            parent[rk] = rj;
        } else {
            first_with.insert(sentences[e as usize], k);
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

/// How many actors two events share, when it is at least half of the
/// smaller one's (else 0): two events with enough in common report the
/// same thing.
fn shared(a: &[ActorId], b: &[ActorId]) -> usize {
    let shared = a.iter().filter(|x| b.contains(x)).count();
    let smaller = a.len().min(b.len());
    if 2 * shared >= smaller { shared } else { 0 }
}

/// A row as it is found: its events and actors are ranges of scratch
/// lists.
struct Row {
    group: Group,
    members: Range<u32>,
    named: Range<u32>,
}

/// The row of the events `set` (in corpus order), on one date (and end):
/// its events are added to `members` and its actors to `named`; `source`
/// gives the article each article counts as.
fn group(
    events: &[Event],
    actors: &Csr<ActorId>,
    source: &dyn Fn(DocId) -> DocId,
    (when, until): (Option<When>, Option<When>),
    set: &[u32],
    members: &mut Vec<u32>,
    named: &mut Vec<ActorId>,
) -> Row {
    let sources = count_distinct(
        set.iter()
            .map(|&e| source(events[e as usize].doc))
            .collect(),
    );
    let mut counts: FxHashMap<ActorId, u32> = FxHashMap::default();
    for &e in set {
        for &a in actors.row(e as usize) {
            *counts.entry(a).or_default() += 1;
        }
    }
    let mut ranked: Vec<(ActorId, u32)> = counts.into_iter().collect();
    ranked.sort_by_key(|&(a, n)| (std::cmp::Reverse(n), a));
    let group = Group {
        when,
        until,
        inferred: set.iter().all(|&e| events[e as usize].date.inferred),
        sources,
    };
    let m = members.len() as u32;
    members.extend_from_slice(set);
    let n = named.len() as u32;
    named.extend(ranked.into_iter().map(|(a, _)| a));
    Row {
        group,
        members: m..members.len() as u32,
        named: n..named.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::dates::Form;

    #[test]
    fn undated_rows_are_the_words_asked_in_lower_case_unless_a_name() {
        assert_eq!(undated_label("Friday"), "Friday?");
        assert_eq!(undated_label("Last year"), "last year?");
        assert_eq!(undated_label("last week"), "last week?");
        assert_eq!(undated_label("October 4"), "October 4?");
    }

    /// A timeline of events `(article, date, actors)`.
    fn timeline(events: &[(u32, When, &[u32])]) -> Timeline {
        let mut actors = Csr::default();
        for (_, _, named) in events {
            actors.push_row(named.iter().map(|&a| ActorId(a)));
        }
        let events: Vec<Event> = events.iter().map(|&(doc, when, _)| ev(doc, when)).collect();
        // Every sentence its own.
        let sentences: Vec<u64> = (0..events.len() as u64).collect();
        Timeline::new(events, actors, &sentences, Vec::new())
    }

    fn ev(doc: u32, when: When) -> Event {
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
        }
    }

    #[test]
    fn same_date_and_shared_actors_group_other_dates_do_not() {
        let oct4 = When::day(2024, 10, 4);
        let t = timeline(&[
            (0, oct4, &[1, 2, 3, 4]),
            (1, When::year(2003), &[2]),
            (3, oct4, &[3, 4, 5, 6, 7]),
            (4, oct4, &[9]),
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
        assert_eq!(t.group_events(1), [0, 2]);
        assert_eq!(&t.group_actors(1)[..2], &[ActorId(3), ActorId(4)]);
        assert_eq!(t.event_actors(3), [ActorId(9)]);
    }

    #[test]
    fn a_year_links_events_through_two_shared_actors() {
        // US trade (1: US, 2: Japan), US jobs (1), UK prices (1: US, 3: UK):
        // one country in common links nothing at a year's precision, where
        // at a day's it chains all three into one row. On bbc, "2004" was
        // one row of 85 sources, from US trade figures to UK politics.
        let y = When::year(2004);
        let t = timeline(&[
            (0, y, &[1, 2]),
            (1, y, &[1]),
            (2, y, &[1, 3]),
            (3, y, &[4, 5, 6]),
            (4, y, &[4, 5]),
            (5, y, &[5, 6, 7, 8]),
        ]);
        let mut sources: Vec<Vec<u32>> = (0..t.groups.len())
            .map(|g| t.group_events(g).to_vec())
            .collect();
        sources.sort();
        // 3 and 4 share two actors, and 5 shares two with 3.
        assert_eq!(sources, [vec![0], vec![1], vec![2], vec![3, 4, 5]]);
        let day = When::day(2004, 3, 1);
        let t = timeline(&[(0, day, &[1, 2]), (1, day, &[1]), (2, day, &[1, 3])]);
        assert_eq!(t.groups.len(), 1, "a day links through one actor");
    }

    #[test]
    fn the_same_sentence_in_two_articles_is_one_event() {
        // A corpus holding one story twice: the sentence names one actor,
        // too few to link at a year's precision.
        let y = When::year(1985);
        let mut actors = Csr::default();
        for named in [&[1u32][..], &[1], &[1]] {
            actors.push_row(named.iter().map(|&a| ActorId(a)));
        }
        let events = vec![ev(0, y), ev(1, y), ev(2, y)];
        let t = Timeline::new(events, actors, &[7, 7, 8], Vec::new());
        let mut sets: Vec<Vec<u32>> = (0..t.groups.len())
            .map(|g| t.group_events(g).to_vec())
            .collect();
        sets.sort();
        assert_eq!(sets, [vec![0, 1], vec![2]]);
    }

    #[test]
    fn rows_follow_the_actor_and_the_article_filter() {
        let day = When::day(2003, 5, 1);
        let t = timeline(&[
            (0, day, &[1, 2]),
            (1, day, &[2]),
            (2, When::year(2021), &[5]),
        ]);
        assert_eq!(t.rows(None, &|_| true).len(), 2);
        assert_eq!(t.rows(Some(ActorId(5)), &|_| true).len(), 1);
        let g = t.rows(Some(ActorId(2)), &|d| d != DocId(0))[0] as usize;
        let keep = |d| d != DocId(0);
        let shown: Vec<u32> = t.members(g, Some(ActorId(2)), &keep).collect();
        assert_eq!(shown, [1]);
    }
}
