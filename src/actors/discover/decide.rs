//! Step 2: which surfaces are names, of what kind, and how they merge,
//! decided across the corpus into a [`Lexicon`].

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::actors::gazetteer::Kind;
use crate::actors::order_prefix;
use crate::actors::variants::{VariantIndex, deletions};
use crate::csr::{Csr, Texts};

use super::cues::{Cues, DEMONYM, FIRST_NAME, GIVEN, ORG_WORD, PLACE_WORD};
use super::kinds::{is_name, kind_of};
use super::lexicon::{Found, Lexicon, Spelling, Whole};
use super::runs::Run;
use super::tally::{Stat, Tally, tally};

/// Decides, across the corpus, which runs are names, of what kind, and how
/// they merge. `docs` are every article's text with its runs;
/// `lowercase(word)` says in how many articles a word is written in lower
/// case; `taken(spelling)` whether the gazetteer already claims a
/// spelling.
pub fn decide<'a>(
    cues: &Cues,
    docs: &[(&'a str, &[Run])],
    lowercase: &(dyn Fn(&str) -> u32 + Sync),
    taken: &(dyn Fn(&str) -> bool + Sync),
    steps: crate::phases::Steps,
) -> Lexicon<'a> {
    let Tally {
        surfaces,
        acronyms,
        run_surfaces,
    } = tally(cues, docs);
    steps.mark("discovery: run surfaces tallied");
    let mut run_start = Vec::with_capacity(docs.len() + 1);
    let mut at = 0u32;
    run_start.push(at);
    for (_, runs) in docs {
        at += runs.len() as u32;
        run_start.push(at);
    }
    // Which surfaces are names, commonest first: (first eight bytes as a
    // number, surface number), sorted by count, then by name; most names
    // differ in their first eight bytes, which compare without reading
    // the text.
    // The surnames of people named in full with a given name ("John
    // Smith"): a word only ever at sentence starts may be one ("Smith
    // said").
    let surnames: rustc_hash::FxHashSet<&str> = (0..surfaces.texts.len())
        .into_par_iter()
        .filter_map(|i| {
            let (surface, s) = (surfaces.ids.text(i as u32), &surfaces.stats[i]);
            let (first, last) = surface.split_once(' ')?;
            let last = last.rsplit(' ').next().unwrap_or(last);
            (s.body > 0 && cues.is(first, FIRST_NAME)).then_some(last)
        })
        .collect();
    let surname = |w: &str| surnames.contains(w);
    let mut named: Vec<(u64, u32)> = (0..surfaces.texts.len())
        .into_par_iter()
        .filter_map(|i| {
            let (surface, s) = (surfaces.ids.text(i as u32), &surfaces.stats[i]);
            (is_name(cues, surface, s, lowercase, &surname) && !taken(surface))
                .then(|| (order_prefix(surface), i as u32))
        })
        .collect();
    let count = |id: u32| surfaces.stats[id as usize].count;
    named.par_sort_unstable_by(|&(pa, a), &(pb, b)| {
        (count(b).cmp(&count(a)))
            .then(pa.cmp(&pb))
            .then_with(|| surfaces.ids.text(a).cmp(surfaces.ids.text(b)))
    });
    let name_surface: Vec<u32> = named.into_iter().map(|(_, id)| id).collect();
    steps.mark("discovery: names chosen and ordered");
    // The names' texts, copied end to end in name order: the steps below
    // read every name, and read where the articles hold them each would be
    // a cache miss (the texts are spread over the whole corpus).
    let bytes = name_surface
        .iter()
        .map(|&id| surfaces.ids.text(id).len())
        .sum();
    let mut arena = Texts::with_capacity(name_surface.len(), bytes);
    for &id in &name_surface {
        arena.push(surfaces.ids.text(id));
    }
    let names: Vec<(&str, &Stat)> = name_surface
        .iter()
        .enumerate()
        .map(|(i, &id)| (arena.get(i), &surfaces.stats[id as usize]))
        .collect();
    // Surface number -> name number.
    let mut name_of = vec![u32::MAX; surfaces.texts.len()];
    for (i, &id) in name_surface.iter().enumerate() {
        name_of[id as usize] = i as u32;
    }
    let index = |surface: &str| -> Option<usize> {
        let id = surfaces.ids.get(surface)?;
        let i = name_of[id as usize];
        (i != u32::MAX).then_some(i as usize)
    };
    let bare = |surface: &str| {
        let last = surface
            .rsplit(' ')
            .next()
            .filter(|l| l.len() < surface.len())?;
        index(last).map(|i| names[i].1)
    };

    // Number them, typed.
    let mut kinds: Vec<Kind> = names
        .par_iter()
        .map(|(surface, s)| kind_of(cues, surface, s, || bare(surface), lowercase))
        .collect();
    let mut into: Vec<u32> = (0..kinds.len() as u32).collect();
    steps.mark("discovery: names typed");

    // Acronyms defined in brackets join their expansion.
    for (expansion, acronym) in acronyms {
        if let (Some(e), Some(a)) = (index(expansion), index(acronym)) {
            if e != a && kinds[e] != Kind::Person {
                into[a] = e as u32;
            }
        }
    }

    // "Lib Dem" is the adjective of "Lib Dems": a body's name of several
    // words and its plural are one actor. (One word is not enough:
    // "Rovers" the clubs are not "Rover" the carmaker.) And a party is
    // named with "Party" or without: "Labour Party" is "Labour", and
    // "Conservative Party" "Conservatives".
    // (Looked up on every core, joined in name order.)
    let plurals: Vec<(u32, u32)> = names
        .par_iter()
        .enumerate()
        .filter_map(|(i, (surface, _))| {
            let j = match surface.strip_suffix(" Party") {
                Some(base) => index(base).or_else(|| index(&format!("{base}s")))?,
                None => index(surface.strip_suffix('s').filter(|s| s.contains(' '))?)?,
            };
            let bodies = [i, j]
                .iter()
                .all(|&k| matches!(kinds[k], Kind::Organization | Kind::Other));
            bodies.then_some((i as u32, j as u32))
        })
        .collect();
    for (i, j) in plurals {
        join(&mut into, i, j);
    }

    // "Mr Howard" makes "Michael Howard" a person: a bare surname after a
    // title types the full names ending with it that no word typed.
    let titled: HashSet<&str> = names
        .iter()
        .filter(|(n, s)| !n.contains(' ') && s.honor > 0 && !cues.listed(n))
        .map(|(n, _)| *n)
        .collect();
    kinds
        .par_iter_mut()
        .zip(names.par_iter())
        .for_each(|(kind, (surface, _))| {
            let Some((_, last)) = surface.rsplit_once(' ') else {
                return;
            };
            let weak = matches!(kind, Kind::Other | Kind::Organization)
                && titled.contains(last)
                && !cues.listed(surface)
                && !surface
                    .split(' ')
                    .any(|w| cues.is(w, ORG_WORD) || cues.is(w, PLACE_WORD));
            if weak {
                *kind = Kind::Person;
            }
        });
    // People: first-name variants of one surname join; a surname alone
    // joins the one full name ending with it.
    let mut by_surname: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (i, (surface, _)) in names.iter().enumerate() {
        if surface.contains(' ') && kinds[i] == Kind::Person {
            if let Some(last) = surface.rsplit(' ').next() {
                by_surname.entry(last).or_default().push(i as u32);
            }
        }
    }
    let groups: Vec<&Vec<u32>> = by_surname.values().filter(|p| p.len() > 1).collect();
    steps.mark("discovery: people grouped by surname");
    let pairs: Vec<(u32, u32)> = groups
        .par_iter()
        .flat_map_iter(|p| variant_pairs(p, &names))
        .collect();
    for (a, b) in pairs {
        join(&mut into, a, b);
    }
    // "P O'Connell" (a team sheet's) is the one person of the surname
    // whose given name starts with P, for now: only if an article names
    // him both ways does it stay joined (below). bbc's sheets had left 83
    // such names apart, and made the bare surname of each a shared one.
    let initialled: Vec<(usize, u32)> = groups
        .par_iter()
        .flat_map_iter(|people| initialled_pairs(people, &names, &into))
        .collect();
    // (Set, not `join`ed: the full name heads even when the initialled
    // one is the commoner.)
    for &(i, head) in &initialled {
        into[i] = head;
    }
    steps.mark("discovery: first-name variants joined");
    // A surname alone joins the one person named in full with it, for now:
    // only if an article names both does it stay joined (below). Not a
    // nationality and a name ("the best European Elvis impersonator",
    // "German Gref"): helper-36 found all of bbc's 34 bare "Elvis"es
    // counted as "European Elvis". (As one of several people with the
    // surname it still keeps it shared: bbc's "Brazilian Ronaldo" is not
    // Cristiano Ronaldo.)
    let described = |p: u32| {
        let (first, rest) = names[p as usize].0.split_once(' ').unwrap_or_default();
        !rest.contains(' ') && cues.is(first, DEMONYM) && !cues.is(first, GIVEN)
    };
    let mut alone: Vec<(usize, u32)> = Vec::new();
    for (i, (surface, s)) in names.iter().enumerate() {
        if surface.contains(' ') {
            continue;
        }
        // A country, place or outlet is never somebody's surname alone.
        match by_surname.get(surface) {
            Some(people) => {
                if let Some(only) = one_root(&into, people) {
                    if !cues.listed(surface) && !described(only) {
                        into[i] = only;
                        alone.push((i, only));
                    }
                }
            }
            None => {
                if s.honor > 0 && kinds[i] == Kind::Other && !cues.listed(surface) {
                    kinds[i] = Kind::Person;
                }
            }
        }
    }
    // A misspelt surname ("Bortinkov") joins the one person whose surname
    // it is one edit from, when that spelling is the commoner and an
    // article with the misspelling names that person too: a slip is made
    // while writing about someone. (On bbc, "Conti" in an article on the
    // Oscars' composer had joined Victor Conte, "Newry" the football club
    // Howard Newby, "Bosman" Kenneth Bowman: helper-35.)
    let surnames = VariantIndex::new(
        by_surname
            .iter()
            .filter_map(|(&surname, people)| Some((surname, one_root(&into, people)?))),
    );
    // (Each name's own merge: decided on every core, then made.)
    let misspelt: Vec<(usize, u32)> = names
        .par_iter()
        .enumerate()
        .filter_map(|(i, (surface, s))| {
            // A first name is not a misspelt surname ("Sandra" is not
            // "Sundra").
            if into[i] != i as u32
                || surface.contains(' ')
                || !surnames.could_match(surface)
                || by_surname.contains_key(surface)
                || cues.listed(surface)
                || cues.is(surface, FIRST_NAME)
            {
                return None;
            }
            let (person, known) = surnames.resolve(surface)?;
            let common = index(known).map_or(u32::MAX, |k| names[k].1.count);
            (s.count < common.max(2) && matches!(kinds[i], Kind::Person | Kind::Other))
                .then_some((i, person))
        })
        .collect();
    // These joins (a surname alone, a misspelling, an initialled name)
    // hold only where an article names the person by another name too.
    // A surname alone that no article with it explains
    // is someone else's: on bbc, "Ray" (38 times, the Ray Charles film)
    // had joined Hugh Ray, a lawyer named once, and "Warner" (the studio)
    // Tim Warner (helper-35, helper-36). One pass over the runs checks
    // both, with the surnames' joins made: an article's bare "Bortnikov"
    // names him beside a misspelt "Bortinkov".
    let (tried, spelt) = (alone.len(), alone.len() + misspelt.len());
    // The surnames alone left apart: in an article that names their
    // person in full, they are that person (see `Lexicon::tag`).
    let mut surname_alone = vec![false; names.len()];
    let mut pairs = alone;
    pairs.extend(misspelt);
    pairs.extend(initialled);
    let kept = named_alongside(&pairs, &run_start, &run_surfaces, &name_of, &into);
    for (k, &(i, person)) in pairs.iter().enumerate() {
        let kept = kept.contains(&(i as u32));
        if k < tried {
            // A surname alone, joined above: undone unless kept. Still
            // somebody's surname, it is a person if nothing typed it
            // (bbc's rugby team sheets write "F Ongaro" in one article
            // and "Ongaro" in others). A surname that is a given name
            // too is undone also when the person is named in fewer
            // articles than it is: it is then mostly somebody else's
            // given name, resolved per article like any other (bbc's
            // "Gavin", Gavin Henson in five articles, had all been Carl
            // Gavin, named in one; "Sharon" Ariel Sharon's).
            // (Articles where it is written mid-sentence: a full name
            // that opens its one article's sentences counts as one.)
            let given_more = || {
                cues.is(names[i].0, FIRST_NAME)
                    && names[person as usize].1.mid_docs.max(1) < names[i].1.mid_docs
            };
            if !kept || given_more() {
                into[i] = i as u32;
                surname_alone[i] = true;
                if kinds[i] == Kind::Other {
                    kinds[i] = Kind::Person;
                }
            }
        } else if k < spelt {
            // A misspelling, not joined yet: joined if kept.
            if kept {
                into[i] = person;
            }
        } else if !kept {
            // An initialled name, joined above: undone unless kept.
            into[i] = i as u32;
        }
    }
    // A surname alone that joined its one person because an initialled
    // name had joined him is shared again if that name is apart again.
    for &(i, _) in &pairs[..tried] {
        let people = by_surname.get(names[i].0).map_or(&[][..], Vec::as_slice);
        if into[i] != i as u32 && one_root(&into, people).is_none() {
            into[i] = i as u32;
        }
    }
    // (After the misspellings' index is freed: this step was the build's
    // peak.)
    drop(surnames);
    join_written_variants(&names, &kinds, &mut into);
    join_listed_groups(cues, &names, &mut into);
    steps.mark("discovery: surnames and misspellings joined");
    // What only the merging needed goes before the rest is built.
    drop(names);
    drop(name_of);

    // Shared surnames, for per-article resolution.
    let mut texts: Vec<&'a str> = Vec::with_capacity(name_surface.len());
    let mut shared: FxHashMap<&'a str, u32> = FxHashMap::default();
    // (person, shared surname's spelling number)
    let mut sharers: Vec<(u32, u32)> = Vec::new();
    // (surface number, spelling number) of each shared surname.
    let mut shared_surfaces: Vec<(u32, u32)> = Vec::new();
    // The surnames whose people are still more than one after merging,
    // with their people's heads, found on every core and kept in the
    // table's order, which numbers their spellings.
    let split: Vec<(&str, u32, HashSet<u32>)> = by_surname
        .par_iter()
        .filter_map(|(&surname, people)| {
            if one_root(&into, people).is_some() {
                return None;
            }
            let heads: HashSet<u32> = people.iter().map(|&p| root(&into, p)).collect();
            (heads.len() > 1).then_some((surname, people[0], heads))
        })
        .collect();
    for (surname, person, heads) in split {
        let id = texts.len() as u32;
        // The surname as the articles hold it: the end of a full name.
        let full = surfaces.texts[name_surface[person as usize] as usize];
        let surname = &full[full.len() - surname.len()..];
        shared.insert(surname, id);
        sharers.extend(heads.into_iter().map(|h| (h, id)));
        texts.push(surname);
        if let Some(sid) = surfaces.ids.get(surname) {
            shared_surfaces.push((sid, id));
        }
    }

    let shared_spellings = texts.len() as u32;
    drop(groups);
    drop(by_surname);
    steps.mark("discovery: shared surnames found");
    let sharer_of = Csr::group(kinds.len(), sharers.iter().map(|&(p, id)| (p as usize, id)));
    // Merged names are their heads' aliases.
    let merged = Csr::group(
        kinds.len(),
        (0..kinds.len() as u32)
            .map(|i| (root(&into, i) as usize, i))
            .filter(|&(head, i)| head != i as usize),
    );
    // Each name's actor and whether it is also a common word, on every
    // core (the word's lower-case count is a table lookup), as the actor
    // with the top bit set for a common word, or `SHARED`; then numbered
    // in name order.
    const SHARED: u32 = u32::MAX;
    const LOWER: u32 = 1 << 31;
    // Given names alone, typed people ("Steven"): resolved per article.
    let given_alone: Vec<bool> = (0..kinds.len())
        .into_par_iter()
        .map(|i| {
            let name = arena.get(i);
            kinds[i] == Kind::Person && !name.contains(' ') && cues.is(name, FIRST_NAME)
        })
        .collect();
    let known: Vec<u32> = (0..name_surface.len())
        .into_par_iter()
        .map(|i| {
            let surface = arena.get(i);
            // Surnames several people share resolve per article, not globally.
            if shared.contains_key(surface) {
                return SHARED;
            }
            let lower = !surface.contains(' ') && {
                let l = lowercase(surface);
                l > 0 && l * 2 >= surfaces.stats[name_surface[i] as usize].mid_docs
            };
            root(&into, i as u32) | if lower { LOWER } else { 0 }
        })
        .collect();
    // The merges go before the table of every surface is made: the two
    // together would be this step's peak.
    drop(into);
    let mut whole = vec![Whole::Nothing; surfaces.texts.len()];
    for (sid, id) in shared_surfaces {
        whole[sid as usize] = Whole::Shared(id);
    }
    for (&sid, known) in name_surface.iter().zip(known) {
        if known == SHARED {
            continue;
        }
        let actor = known & !LOWER;
        let spelling = Spelling {
            actor,
            id: texts.len() as u32,
            lower: known & LOWER != 0,
            given: given_alone[actor as usize],
            surname: surname_alone[actor as usize],
        };
        whole[sid as usize] = Whole::Known(spelling);
        texts.push(surfaces.texts[sid as usize]);
    }
    steps.mark("discovery: spellings numbered");
    Lexicon {
        found: Found {
            names: arena,
            kinds,
            merged,
        },
        surface_ids: surfaces.ids,
        shared,
        sharer_of,
        shared_spellings,
        texts,
        whole,
        run_surfaces,
        run_start,
    }
}

/// Joins names that are one name written two ways: the same once accents
/// and case are folded and spaces and hyphens dropped ("José Mourinho" and
/// "Jose Mourinho", "WorldCom" and "Worldcom", "Time Warner" and
/// "TimeWarner", "Robert Kilroy-Silk" and "Robert Kilroy Silk"), whatever
/// their kind; but a person is not an acronym ("Tim" and "TIM"). Each
/// name's key is hashed on every core and the hashes sorted, so only names
/// whose hashes agree are compared.
fn join_written_variants(names: &[(&str, &Stat)], kinds: &[Kind], into: &mut [u32]) {
    use std::hash::BuildHasher;
    // (32 bits of hash: the few names that collide are compared whole.)
    let mut hashed: Vec<(u32, u32)> = names
        .par_iter()
        .enumerate()
        .map_init(String::new, |key, (i, (surface, _))| {
            written_key(surface, key);
            (
                rustc_hash::FxBuildHasher.hash_one(key.as_str()) as u32,
                i as u32,
            )
        })
        .collect();
    hashed.par_sort_unstable();
    let acronym = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
    };
    let apart = |a: usize, b: usize| {
        (kinds[a] == Kind::Person && acronym(names[b].0))
            || (kinds[b] == Kind::Person && acronym(names[a].0))
    };
    let (mut ka, mut kb) = (String::new(), String::new());
    for group in hashed.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (x, &(_, a)) in group.iter().enumerate() {
            written_key(names[a as usize].0, &mut ka);
            for &(_, b) in &group[x + 1..] {
                written_key(names[b as usize].0, &mut kb);
                if ka == kb && !apart(a as usize, b as usize) {
                    join(into, a, b);
                }
            }
        }
    }
}

/// Joins the names the curated lists give one country or body ("UK",
/// "Britain", "United Kingdom"; "Lib Dems", "Liberal Democrats"), the
/// commonest the head.
fn join_listed_groups(cues: &Cues, names: &[(&str, &Stat)], into: &mut [u32]) {
    let mut grouped: Vec<(&str, u32)> = names
        .par_iter()
        .enumerate()
        .filter_map(|(i, (surface, _))| Some((cues.groups.get(*surface)?.as_str(), i as u32)))
        .collect();
    grouped.sort_unstable();
    for group in grouped.chunk_by(|a, b| a.0 == b.0) {
        for &(_, i) in &group[1..] {
            join(into, group[0].1, i);
        }
    }
}

/// What [`join_written_variants`] compares: `surface` folded, without
/// spaces and hyphens, into `out`.
fn written_key(surface: &str, out: &mut String) {
    out.clear();
    let gap = |c: &char| matches!(c, ' ' | '-' | '‐' | '‑' | '–');
    if surface.is_ascii() {
        out.extend(
            surface
                .chars()
                .filter(|c| !gap(c))
                .map(|c| c.to_ascii_lowercase()),
        );
    } else {
        out.extend(
            crate::search::fold::fold(surface)
                .chars()
                .filter(|c| !gap(c)),
        );
    }
}

/// The one name all of `people` ended up in, if they all did.
fn one_root(into: &[u32], people: &[u32]) -> Option<u32> {
    let (&first, rest) = people.split_first()?;
    let head = root(into, first);
    rest.iter().all(|&p| root(into, p) == head).then_some(head)
}

/// The names of the `(name, person)` pairs (each name in one pair) that
/// are in an article that also names the person by another name (one
/// that ended up in it). `run_start` and `run_surfaces` are every
/// article's runs, as surface numbers; `name_of` maps a surface to its
/// name number.
fn named_alongside(
    pairs: &[(usize, u32)],
    run_start: &[u32],
    run_surfaces: &[u32],
    name_of: &[u32],
    into: &[u32],
) -> HashSet<u32> {
    if pairs.is_empty() {
        return HashSet::default();
    }
    let wanted: FxHashMap<u32, u32> = pairs.iter().map(|&(i, p)| (i as u32, p)).collect();
    run_start
        .par_windows(2)
        .flat_map_iter(|w| {
            let runs = &run_surfaces[w[0] as usize..w[1] as usize];
            let here = runs
                .iter()
                .map(|&s| name_of[s as usize])
                .filter(|&n| n != u32::MAX);
            let mut found: Vec<(u32, u32)> = here
                .clone()
                .filter_map(|n| Some((n, *wanted.get(&n)?)))
                .collect();
            if !found.is_empty() {
                // Each root here, with a name of it and whether there are
                // more (an article can hold 100,000 runs).
                let mut roots: FxHashMap<u32, (u32, bool)> = FxHashMap::default();
                for n in here {
                    let e = roots.entry(root(into, n)).or_insert((n, false));
                    e.1 |= e.0 != n;
                }
                found.retain(|&(n, p)| roots.get(&p).is_some_and(|&(m, more)| more || m != n));
            }
            found.into_iter().map(|(n, _)| n)
        })
        .collect()
}

/// Follows merges to the name a name ended up in.
fn root(into: &[u32], mut i: u32) -> u32 {
    while into[i as usize] != i {
        i = into[i as usize];
    }
    i
}

/// The pairs of people with the same surname whose first names are
/// spelling or transliteration variants ("Aleksandr" and "Alexander").
/// Names with one consonant skeleton are one name; only names that share
/// a one-letter deletion are compared letter by letter, so a surname that
/// thousands share costs little.
fn variant_pairs(people: &[u32], names: &[(&str, &Stat)]) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    if people.len() < 2 {
        return pairs;
    }
    let given: Vec<(u32, String)> = people
        .iter()
        .map(|&p| {
            (
                p,
                names[p as usize]
                    .0
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .to_lowercase(),
            )
        })
        .filter(|(_, g)| g.chars().count() >= 4)
        .collect();
    let mut skeletons: FxHashMap<String, u32> = FxHashMap::default();
    // (hash of a given name or of it less one letter, which given name).
    let mut close: Vec<(u64, usize)> = Vec::new();
    for (k, (p, g)) in given.iter().enumerate() {
        match skeletons.entry(skeleton(g)) {
            std::collections::hash_map::Entry::Occupied(o) => pairs.push((*o.get(), *p)),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(*p);
            }
        }
        if g.chars().count() >= 5 {
            close.extend(deletions(g).map(|d| (d, k)));
        }
    }
    close.sort_unstable();
    close.dedup();
    for group in close.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (x, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[x + 1..] {
                let ((pa, ga), (pb, gb)) = (&given[a], &given[b]);
                if ga != gb && strsim::osa_distance(ga, gb) <= 1 {
                    pairs.push((*pa, *pb));
                }
            }
        }
    }
    pairs
}

/// The names among `people` (of one surname) that are an initial and the
/// rest of another's name ("P O'Connell", "R de Marigny"), each with the
/// head of the one person whose full name it shortens ("Paul O'Connell";
/// none when several given names start with the letter).
fn initialled_pairs(people: &[u32], names: &[(&str, &Stat)], into: &[u32]) -> Vec<(usize, u32)> {
    let split = |p: u32| names[p as usize].0.split_once(' ').unwrap_or_default();
    people
        .iter()
        .filter_map(|&i| {
            let (first, rest) = split(i);
            let initial = first.strip_suffix('.').unwrap_or(first);
            if initial.len() != 1 || !initial.starts_with(|c: char| c.is_ascii_uppercase()) {
                return None;
            }
            let mut heads = people
                .iter()
                .filter(|&&p| {
                    let (given, r) = split(p);
                    // (A given name, not initials: "JJ Johnson".)
                    r == rest
                        && given.starts_with(initial)
                        && given.chars().nth(1).is_some_and(char::is_lowercase)
                })
                .map(|&p| root(into, p));
            let head = heads.next()?;
            heads.all(|h| h == head).then_some((i as usize, head))
        })
        .collect()
}

/// Joins `a` and `b`: the more frequent name (the lower index, as names
/// are sorted by frequency) stays the head.
fn join(into: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (root(into, a), root(into, b));
    if ra != rb {
        let (keep, drop) = if ra < rb { (ra, rb) } else { (rb, ra) };
        into[drop as usize] = keep;
    }
}

/// Whether two given names are one name spelled two ways: one edit apart,
/// or the same once common transliteration differences are evened out.
#[cfg(test)]
pub(crate) fn same_given_name(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 4 || lb < 4 {
        return false;
    }
    let typo =
        la >= 5 && lb >= 5 && strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase()) <= 1;
    typo || skeleton(a) == skeleton(b)
}

/// A name's consonant skeleton after common transliteration pairs are
/// evened out (ks/x, y/i, j/y, w/v, ph/f): "Aleksandr" and "Alexander" both
/// give "alxndr".
fn skeleton(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace("ks", "x")
        .replace("ph", "f")
        .replace('w', "v")
        .replace('j', "y");
    let mut out = String::new();
    for (i, c) in lower.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if (i == 0 || !vowel) && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_name_variants() {
        assert!(same_given_name("Aleksandr", "Alexander"));
        assert!(same_given_name("Sergei", "Sergey"));
        assert!(same_given_name("Yury", "Yuri"));
        assert!(!same_given_name("Gordon", "Nick"));
        assert!(
            !same_given_name("John", "Joan"),
            "a typo needs five letters"
        );
    }
}
