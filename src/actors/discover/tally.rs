//! Step 2 begins: every run's surface numbered and counted with its cues,
//! across the corpus and on every core, and the acronyms defined in
//! brackets.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use crate::csr::Texts;

use super::cues::{CONNECTOR, Cues};
use super::runs::{AGE, HONOR, PAREN, PREP, Run, SENTENCE, SPEECH, THE, TITLE};

/// How often a surface was seen, and with which cues. Cue counts saturate
/// at 65,535 (they are compared as shares of `count`): a corpus has
/// millions of surfaces, so this is kept small.
#[derive(Debug, Default, Clone)]
pub(super) struct Stat {
    pub(super) count: u32,
    /// Not at a sentence start, not in a title.
    pub(super) mid: u32,
    /// Articles with such an occurrence, and the last one plus one.
    pub(super) mid_docs: u32,
    last_mid_doc: u32,
    pub(super) body: u32,
    pub(super) honor: u16,
    pub(super) speech: u16,
    pub(super) the: u16,
    pub(super) prep: u16,
    pub(super) age: u16,
}

impl Stat {
    /// Adds the counts of `other`, taken over other articles.
    fn add(&mut self, other: &Stat) {
        self.count += other.count;
        self.mid += other.mid;
        self.mid_docs += other.mid_docs;
        self.body += other.body;
        self.honor = self.honor.saturating_add(other.honor);
        self.speech = self.speech.saturating_add(other.speech);
        self.the = self.the.saturating_add(other.the);
        self.prep = self.prep.saturating_add(other.prep);
        self.age = self.age.saturating_add(other.age);
    }
}

/// Adds one to a saturating cue count when `yes`.
fn bump(n: &mut u16, yes: bool) {
    *n = n.saturating_add(u16::from(yes));
}

/// Distinct texts, numbered in the order they are first added, with its
/// own copy of each, end to end. A lookup compares with that compact copy:
/// a table of texts borrowed from the articles would compare with text
/// spread over the whole corpus, a cache miss each (the 100,000-article
/// corpus has 3.7 million runs of 480,000 surfaces).
#[derive(Default)]
pub(super) struct Interner {
    /// Numbers, found by the hash of their text.
    table: HashTable<u32>,
    /// The texts, by number.
    texts: Texts,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Interner({} texts)", self.texts.len())
    }
}

impl Interner {
    /// Text number `id`.
    pub(super) fn text(&self, id: u32) -> &str {
        self.texts.get(id as usize)
    }

    /// The number of `text`, if it was added.
    pub(super) fn get(&self, text: &str) -> Option<u32> {
        self.find(FxBuildHasher.hash_one(text), text)
    }

    /// The number of `text`, whose hash is `hash`, if it was added.
    fn find(&self, hash: u64, text: &str) -> Option<u32> {
        self.table.find(hash, |&id| self.text(id) == text).copied()
    }

    /// Makes room for `more` texts at once (growing one at a time rehashes
    /// every text at each doubling).
    fn reserve(&mut self, more: usize) {
        let Interner { table, texts } = self;
        table.reserve(more, |&id| FxBuildHasher.hash_one(texts.get(id as usize)));
    }

    /// The number of `text`, added if new; and whether it was.
    fn id(&mut self, text: &str) -> (u32, bool) {
        let hash = FxBuildHasher.hash_one(text);
        match self.find(hash, text) {
            Some(id) => (id, false),
            None => (self.add_new(hash, text), true),
        }
    }

    /// Adds `text`, whose hash is `hash` and which was not added before,
    /// and returns its number.
    fn add_new(&mut self, hash: u64, text: &str) -> u32 {
        self.reserve(1);
        let id = self.texts.len() as u32;
        self.table
            .insert_unique(hash, id, |_| unreachable!("room was reserved"));
        self.texts.push(text);
        id
    }
}

/// Every distinct run surface in the corpus, numbered, with its [`Stat`].
#[derive(Default)]
pub(super) struct Surfaces<'a> {
    pub(super) ids: Interner,
    /// Each surface where the articles hold it (where it first occurs).
    pub(super) texts: Vec<&'a str>,
    pub(super) stats: Vec<Stat>,
}

impl<'a> Surfaces<'a> {
    /// The number of `surface`, added if new.
    fn id(&mut self, surface: &'a str) -> u32 {
        let (id, new) = self.ids.id(surface);
        if new {
            self.push(surface);
        }
        id
    }

    /// Gives a surface the interner has just numbered its place and stats.
    fn push(&mut self, surface: &'a str) {
        self.texts.push(surface);
        self.stats.push(Stat::default());
    }
}

/// What [`tally`] finds: the surfaces, the acronyms defined in brackets as
/// (expansion, acronym) in text order, and the surface of every run, in
/// corpus order.
#[derive(Default)]
pub(super) struct Tally<'a> {
    pub(super) surfaces: Surfaces<'a>,
    pub(super) acronyms: Vec<(&'a str, &'a str)>,
    pub(super) run_surfaces: Vec<u32>,
}

/// Numbers and counts the surfaces of all articles' runs. Each core
/// tallies one share of the articles (one share each, as every share's
/// table is held until the merge), then the shares are merged in order.
pub(super) fn tally<'a>(cues: &Cues, docs: &[(&'a str, &[Run])]) -> Tally<'a> {
    let all_runs: usize = docs.iter().map(|(_, r)| r.len()).sum();
    let shares: Vec<Tally<'a>> = crate::par::per_core(docs.len())
        .into_par_iter()
        .map(|range| {
            let first = range.start;
            let share = &docs[range];
            let mut t = Tally::default();
            // Room for as many surfaces as a news corpus has per run (one
            // in six on the 100,000-article corpus), to spare rehashing;
            // the first share's table takes in the others', so it has room
            // for all of them.
            let runs: usize = share.iter().map(|(_, r)| r.len()).sum();
            t.surfaces
                .ids
                .reserve(if first == 0 { all_runs } else { runs } / 6);
            t.run_surfaces.reserve(runs);
            for (d, &(text, runs)) in share.iter().enumerate() {
                let doc = (first + d) as u32;
                tally_doc(cues, doc, text, runs, &mut t);
            }
            t
        })
        .collect();
    // The first share's numbers stand; the others' are renumbered: each
    // surface is looked up in the first's table on every core, then those
    // it lacks are added, in order, on one.
    let mut shares = shares.into_iter();
    let mut all = shares.next().unwrap_or_default();
    for part in shares {
        let Tally {
            surfaces,
            acronyms,
            run_surfaces,
        } = part;
        let looked: Vec<(u64, Option<u32>)> = (0..surfaces.texts.len() as u32)
            .into_par_iter()
            .map(|k| {
                let text = surfaces.ids.text(k);
                let hash = FxBuildHasher.hash_one(text);
                (hash, all.surfaces.ids.find(hash, text))
            })
            .collect();
        let global: Vec<u32> = looked
            .into_iter()
            .zip(surfaces.texts.iter().zip(&surfaces.stats))
            .enumerate()
            .map(|(k, ((hash, id), (&text, s)))| {
                let id = id.unwrap_or_else(|| {
                    let id = all.surfaces.ids.add_new(hash, surfaces.ids.text(k as u32));
                    all.surfaces.push(text);
                    id
                });
                all.surfaces.stats[id as usize].add(s);
                id
            })
            .collect();
        all.run_surfaces
            .par_extend(run_surfaces.par_iter().map(|&l| global[l as usize]));
        all.acronyms.extend(acronyms);
    }
    all
}

/// Adds article `doc`'s runs to `tally`.
fn tally_doc<'a>(cues: &Cues, doc: u32, text: &'a str, runs: &[Run], tally: &mut Tally<'a>) {
    for (i, r) in runs.iter().enumerate() {
        let surface = r.text(text);
        let id = tally.surfaces.id(surface);
        tally.run_surfaces.push(id);
        let s = &mut tally.surfaces.stats[id as usize];
        s.count += 1;
        if !r.has(TITLE) {
            s.body += 1;
            if !r.has(SENTENCE) {
                s.mid += 1;
                if s.last_mid_doc != doc + 1 {
                    s.last_mid_doc = doc + 1;
                    s.mid_docs += 1;
                }
            }
        }
        bump(&mut s.honor, r.has(HONOR));
        bump(&mut s.speech, r.has(SPEECH));
        bump(&mut s.the, r.has(THE));
        bump(&mut s.prep, r.has(PREP));
        bump(&mut s.age, r.has(AGE));
        // "Federal Security Service (FSB)".
        if r.has(PAREN) && r.words == 1 && i > 0 {
            let prev = runs[i - 1];
            let gap_ok = prev.start as usize + usize::from(prev.len) + 2 == r.start as usize;
            if gap_ok && initials_match(prev.text(text), surface, cues) {
                tally.acronyms.push((prev.text(text), surface));
            }
        }
    }
}

/// Whether `acronym`, in brackets right after `expansion`, abbreviates it:
/// made of its words' capitals, or (for a translated name: "Federal
/// Security Service (FSB)") a capitalised word of two to six letters that
/// starts with the same letter.
fn initials_match(expansion: &str, acronym: &str, cues: &Cues) -> bool {
    if !(2..=6).contains(&acronym.len())
        || !acronym.bytes().all(|b| b.is_ascii_uppercase())
        || cues.is_title_word(acronym)
    {
        return false;
    }
    let initials: String = expansion
        .split_whitespace()
        .filter(|w| !cues.is(w, CONNECTOR))
        .filter_map(|w| w.chars().next())
        .collect();
    initials == acronym
        || (expansion.contains(' ') && initials.as_bytes().first() == acronym.as_bytes().first())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_match_the_capitals_of_their_expansion() {
        assert!(initials_match(
            "Federal Security Service",
            "FSB",
            &Cues::builtin()
        ));
        assert!(initials_match(
            "National Health Service",
            "NHS",
            &Cues::builtin()
        ));
        assert!(!initials_match(
            "Federal Security Service",
            "KGB",
            &Cues::builtin()
        ));
        assert!(
            !initials_match("Tony Blair", "MP", &Cues::builtin()),
            "a title is no acronym"
        );
    }

    proptest::proptest! {
        /// The interner numbers texts in the order they first come, as a
        /// map from text to number does, and gives each text back whole
        /// (texts that are prefixes of others and the empty text included).
        #[test]
        fn the_interner_numbers_texts_as_a_map_does(
            texts in proptest::collection::vec("(Mr|[A-Z][a-z]{0,3})( [A-Z]?[a-zé]{0,4}){0,2}|", 0..400),
        ) {
            let mut interner = Interner::default();
            let mut map: std::collections::HashMap<&str, u32> = Default::default();
            for (k, t) in texts.iter().enumerate() {
                if k == texts.len() / 3 {
                    // Room made midway, with texts in the table already.
                    interner.reserve(texts.len());
                }
                let next = map.len() as u32;
                let want = *map.entry(t).or_insert(next);
                proptest::prop_assert_eq!(interner.id(t), (want, want == next));
            }
            for (t, &id) in &map {
                proptest::prop_assert_eq!(interner.get(t), Some(id));
                proptest::prop_assert_eq!(interner.text(id), *t);
            }
            proptest::prop_assert_eq!(interner.get("Nobody Here"), map.get("Nobody Here").copied());
        }
    }
}
