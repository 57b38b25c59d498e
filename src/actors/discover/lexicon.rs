//! Step 3 and what discovery hands on: the names found ([`Found`]) and
//! the [`Lexicon`] that tags every run with the actor it names.

use rustc_hash::FxHashMap;

use crate::actors::gazetteer::Kind;
use crate::csr::{Csr, Texts};
use crate::words::words;

use super::runs::{HONOR, MAX_WORDS, Run, SENTENCE, TITLE};
use super::tally::Interner;

/// The discovered actors, merged names included (as their heads' aliases
/// and on their own, with no mentions): their names end to end in one
/// buffer (there are hundreds of thousands on a large corpus), their
/// kinds, and the names merged into each.
#[derive(Debug, Default)]
pub struct Found {
    pub(super) names: Texts,
    pub(super) kinds: Vec<Kind>,
    /// The numbers of the names merged into each.
    pub(super) merged: Csr<u32>,
}

/// One discovered actor: a view into [`Found`].
#[derive(Clone, Copy)]
pub struct FoundActor<'f> {
    /// Its canonical name.
    pub name: &'f str,
    /// Its kind.
    pub kind: Kind,
    found: &'f Found,
    at: u32,
}

impl<'f> FoundActor<'f> {
    /// Other spellings that refer to it: the names merged into it.
    pub fn aliases(self) -> impl Iterator<Item = &'f str> {
        let found = self.found;
        found
            .merged
            .row(self.at as usize)
            .iter()
            .map(move |&n| found.name(n))
    }
}

impl std::fmt::Debug for FoundActor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FoundActor")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("aliases", &self.aliases().collect::<Vec<_>>())
            .finish()
    }
}

impl Found {
    /// Number of discovered actors.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether none was discovered.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The name of actor `i`.
    pub fn name(&self, i: u32) -> &str {
        self.names.get(i as usize)
    }

    /// The kind of actor `i`.
    pub fn kind(&self, i: u32) -> Kind {
        self.kinds[i as usize]
    }

    /// Actor `i`.
    pub fn get(&self, i: u32) -> FoundActor<'_> {
        FoundActor {
            name: self.name(i),
            kind: self.kind(i),
            found: self,
            at: i,
        }
    }

    /// Every discovered actor, by number.
    pub fn iter(&self) -> impl Iterator<Item = FoundActor<'_>> {
        (0..self.len() as u32).map(|i| self.get(i))
    }
}

/// The names discovery found, and what each spelling refers to. Spellings
/// borrow the corpus text.
#[derive(Debug, Default)]
pub struct Lexicon<'a> {
    /// The discovered actors.
    pub found: Found,
    /// Every run surface -> its number (an index into `whole`).
    pub(super) surface_ids: Interner,
    /// Bare surnames several people share: surname -> its spelling number
    /// (below `shared_spellings`: they are numbered first).
    pub(super) shared: FxHashMap<&'a str, u32>,
    /// The shared surnames of each discovered actor (by index into
    /// `found`), by spelling number.
    pub(super) sharer_of: Csr<u32>,
    /// How many surnames are shared.
    pub(super) shared_spellings: u32,
    /// Every spelling, by number.
    pub(super) texts: Vec<&'a str>,
    /// What each run surface names as a whole, by surface number.
    pub(super) whole: Vec<Whole>,
    /// The surface number of every run, in corpus order.
    pub(super) run_surfaces: Vec<u32>,
    /// Where each article's runs start in `run_surfaces`, and the end.
    pub(super) run_start: Vec<u32>,
}

/// What a run's whole surface names, known without a lookup by text.
#[derive(Debug, Clone, Copy)]
pub(super) enum Whole {
    Nothing,
    Known(Spelling),
    /// A shared surname: its spelling number.
    Shared(u32),
}

/// What a spelling names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spelling {
    /// The actor (an index into `found`).
    pub(super) actor: u32,
    /// The spelling's number (an index into `texts`).
    pub(super) id: u32,
    /// A word also written in lower case, so not a name when it starts a
    /// sentence alone.
    pub(super) lower: bool,
    /// Its actor is a given name alone ("Steven"): in an article that
    /// names one person of that given name in full, it is that person.
    pub(super) given: bool,
    /// Its actor is a surname alone that joined nobody corpus-wide
    /// ("Malik", somebody else's given name as often): in an article that
    /// names one person of that surname in full, it is that person.
    pub(super) surname: bool,
}

/// One mention found by [`Lexicon::tag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged {
    /// Byte span in the article's text.
    pub start: u32,
    pub end: u32,
    /// The actor (an index into [`Lexicon::found`]).
    pub actor: u32,
    /// The spelling used, by number (see [`Lexicon::spellings`]).
    pub spelling: u32,
}

/// Puts the byte spans of the first words of `span` (as many as `ws`
/// holds) into `ws`; returns how many.
fn span_words(span: &str, ws: &mut [(u32, u32)]) -> usize {
    let mut n = 0;
    for ((at, w), slot) in words(span).zip(ws.iter_mut()) {
        *slot = (at as u32, (at + w.len()) as u32);
        n += 1;
    }
    n
}

impl<'a> Lexicon<'a> {
    /// Whether nothing was discovered.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Whether spelling `id` is a surname several people share, so that
    /// its mentions belong to different actors.
    pub fn is_shared(&self, id: u32) -> bool {
        id < self.shared_spellings
    }

    /// The shared surnames (by spelling number) of discovered actor `a`.
    fn surnames_of(&self, a: u32) -> &[u32] {
        self.sharer_of.row(a as usize)
    }

    /// The discovered actors and every spelling by number, the tables
    /// only tagging needs dropped.
    pub fn into_found(self) -> (Found, Vec<&'a str>) {
        (self.found, self.texts)
    }

    /// How many spellings there are.
    pub fn spellings(&self) -> usize {
        self.texts.len()
    }

    /// The actors named in article `doc`'s runs, in text order. A run
    /// holding several names is split by the longest known spellings; a
    /// word alone at a sentence start counts only when it is not a common
    /// word too; a surname several people share goes to the one of them
    /// the article names in full. `runs` are the article's runs as given
    /// to [`decide`](super::decide), whose surfaces are known by number, so a run that is
    /// one name needs no lookup by text.
    pub fn tag(&self, doc: usize, text: &str, runs: &[Run], out: &mut Vec<Tagged>) {
        let first = out.len();
        let mut bare: Vec<(u32, u32, u32)> = Vec::new();
        // Where a given name or surname alone was tagged (by its start:
        // the shared surnames below reorder `out`), and whether it may
        // end and start a full name.
        let mut given: Vec<(u32, bool, bool)> = Vec::new();
        let mut ws = [(0u32, 0u32); MAX_WORDS + 2];
        let surfaces = self
            .run_start
            .get(doc..doc + 2)
            .filter(|w| (w[1] - w[0]) as usize == runs.len())
            .map(|w| &self.run_surfaces[w[0] as usize..w[1] as usize]);
        for (k, r) in runs.iter().enumerate() {
            // (A run known whole is tagged without reading its text: runs
            // are scattered over the articles, so each read is a cache
            // miss.)
            let end = r.start + u32::from(r.len);
            let whole = surfaces.map_or(Whole::Nothing, |ids| self.whole[ids[k] as usize]);
            match whole {
                Whole::Known(sp) => {
                    // A word alone at a sentence start that is also a
                    // common word is no mention.
                    let lone_start = r.has(SENTENCE | TITLE) && sp.lower && r.words == 1;
                    if !lone_start {
                        // ("Sir Ian" is Sir Ian Blair: a knight or a dame
                        // is called by the given name.)
                        let knighted = || {
                            let before = text[..r.start as usize].split_whitespace().next_back();
                            matches!(before, Some("Sir" | "Dame"))
                        };
                        let first = sp.given && (!r.has(HONOR) || knighted());
                        if r.words == 1 && (sp.surname || first) {
                            given.push((r.start, sp.surname, first));
                        }
                        out.push(Tagged {
                            start: r.start,
                            end,
                            actor: sp.actor,
                            spelling: sp.id,
                        });
                    }
                    continue;
                }
                Whole::Shared(id) => {
                    bare.push((r.start, end, id));
                    continue;
                }
                Whole::Nothing => {}
            }
            let span = r.text(text);
            let n = span_words(span, &mut ws);
            // Whether the whole run was looked up already (it was, when
            // its surface is known by number).
            let whole_missed = surfaces.is_some();
            let mut i = 0;
            while i < n {
                // The longest known spelling from word `i`: a name, or a
                // surname several people share (resolved below).
                let mut hit = None;
                for j in (i..n).rev() {
                    if whole_missed && i == 0 && j == n - 1 {
                        continue;
                    }
                    let (s, e) = (ws[i].0, ws[j].1);
                    let key = &span[s as usize..e as usize];
                    let known = self.surface_ids.get(key).map(|id| self.whole[id as usize]);
                    if let Some(Whole::Known(sp)) = known {
                        hit = Some((j, s, e, Some(sp), None));
                        break;
                    }
                    // (A shared surname need not be a run's surface.)
                    if let Some(&id) = self.shared.get(key) {
                        hit = Some((j, s, e, None, Some(id)));
                        break;
                    }
                }
                let Some((j, s, e, known, surname)) = hit else {
                    i += 1;
                    continue;
                };
                let (start, end) = (r.start + s, r.start + e);
                if let Some(sp) = known {
                    let lone_start = i == 0 && j == 0 && r.has(SENTENCE | TITLE);
                    if !(lone_start && sp.lower) {
                        out.push(Tagged {
                            start,
                            end,
                            actor: sp.actor,
                            spelling: sp.id,
                        });
                    }
                } else if let Some(id) = surname {
                    bare.push((start, end, id));
                }
                i = j + 1;
            }
        }
        // A shared surname: the one of its people named here in full.
        if !bare.is_empty() {
            // Each shared surname the article writes bare goes to the one
            // of its people the article names, found from the named actors'
            // side: an article names a few, a surname can have thousands of
            // sharers.
            let mut named: Vec<u32> = out[first..].iter().map(|t| t.actor).collect();
            named.sort_unstable();
            named.dedup();
            // (spelling, how many named actors share it, the last of them)
            let mut sharing: Vec<(u32, u32, u32)> = Vec::new();
            for &a in &named {
                for &sp in self.surnames_of(a) {
                    match sharing.iter_mut().find(|s| s.0 == sp) {
                        Some(s) => s.1 += 1,
                        None => sharing.push((sp, 1, a)),
                    }
                }
            }
            for (start, end, spelling) in bare {
                let only = sharing
                    .iter()
                    .find(|s| s.0 == spelling && s.1 == 1)
                    .map(|s| s.2);
                if let Some(only) = only {
                    out.push(Tagged {
                        start,
                        end,
                        actor: only,
                        spelling,
                    });
                }
            }
            out[first..].sort_unstable_by_key(|t| t.start);
        }
        if !given.is_empty() {
            given.sort_unstable_by_key(|g| g.0);
            self.resolve_given_names(&mut out[first..], &given);
        }
    }

    /// Gives each given name alone in `tagged` (one article's mentions,
    /// those starting at `at`, with whether the name may end a full name
    /// and whether it may start one) to the one person of that name the
    /// article names in full, if there is exactly one: "Steven" in an
    /// article on "Steven Gerrard" is him, and "Mr Malik" in one on
    /// "Shahid Malik". With none or several, it stays itself.
    fn resolve_given_names(&self, tagged: &mut [Tagged], at: &[(u32, bool, bool)]) {
        let mut people: Vec<u32> = tagged
            .iter()
            .map(|t| t.actor)
            .filter(|&a| self.found.kind(a) == Kind::Person && self.found.name(a).contains(' '))
            .collect();
        people.sort_unstable();
        people.dedup();
        for t in tagged.iter_mut() {
            // (`at` is in text order: an article can hold thousands.)
            let Ok(k) = at.binary_search_by_key(&t.start, |g| g.0) else {
                continue;
            };
            let (_, last, first) = at[k];
            let name = self.found.name(t.actor);
            let mut full = people.iter().filter(|&&p| {
                let n = self.found.name(p);
                let starts = || n.strip_prefix(name).is_some_and(|r| r.starts_with(' '));
                let ends = || n.strip_suffix(name).is_some_and(|r| r.ends_with(' '));
                first && starts() || last && ends()
            });
            if let (Some(&only), None) = (full.next(), full.next()) {
                t.actor = only;
            }
        }
    }
}
