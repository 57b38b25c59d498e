//! Finding gazetteer names in text: one aho-corasick automaton over every
//! spelling, word-bounded and case-aware.
//!
//! Case rules, chosen so that "IS" (Islamic State) never matches the verb
//! "is" while headlines in capitals still match:
//! - every spelling matches exactly as written;
//! - a spelling that starts in lowercase ("al-Qaeda") also matches with its
//!   first letter capitalised (at the start of a sentence);
//! - a spelling with lowercase letters also matches in all capitals
//!   ("TALIBAN"), when it has at least four letters;
//! - nothing else: a capitalised name never matches its lowercase form.
//!
//! A match counts only when it is a whole word: the characters just before
//! and after it are not letters or digits. Where matches overlap, the one
//! that starts first wins, and of those the longest.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::gazetteer::{Gazetteer, Kind};

/// A match of a gazetteer spelling: a byte span and the entry it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: u32,
    pub end: u32,
    pub entry: u32,
    /// Index of the spelling matched, see [`Matcher::spelling`].
    pub form: u32,
}

/// The compiled matcher for one gazetteer.
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    /// Entry of each pattern.
    entries: Vec<u32>,
    /// Each pattern's text.
    forms: Vec<String>,
}

impl Matcher {
    /// Compiles every name and alias of `gaz` (with their case variants).
    pub fn new(gaz: &Gazetteer) -> Matcher {
        let mut owner: HashMap<String, u32> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (i, e) in gaz.entries.iter().enumerate() {
            for spelling in spellings(&e.name, &e.aliases, e.kind) {
                for form in case_forms(&spelling) {
                    if owner.insert(form.clone(), i as u32).is_none() {
                        order.push(form);
                    }
                }
            }
        }
        let entries: Vec<u32> = order.iter().map(|f| owner[f]).collect();
        let ac = (!order.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&order)
                .expect("gazetteer patterns are plain strings")
        });
        Matcher {
            ac,
            entries,
            forms: order,
        }
    }

    /// The text of spelling `form`.
    pub fn spelling(&self, form: u32) -> &str {
        &self.forms[form as usize]
    }

    /// The entry that spelling `form` belongs to.
    pub fn entry_of(&self, form: u32) -> u32 {
        self.entries[form as usize]
    }

    /// Every single-word spelling with its entry, for variant matching.
    pub fn single_words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.forms
            .iter()
            .zip(&self.entries)
            .filter(|(f, _)| !f.contains(' '))
            .map(|(f, &e)| (f.as_str(), e))
    }

    /// Appends the non-overlapping whole-word matches in `text` to `out`, in
    /// text order.
    pub fn find(&self, text: &str, out: &mut Vec<Hit>) {
        let Some(ac) = &self.ac else { return };
        let first = out.len();
        for m in ac.find_overlapping_iter(text) {
            if is_whole_word(text, m.start(), m.end()) {
                let p = m.pattern().as_u32();
                out.push(Hit {
                    start: m.start() as u32,
                    end: m.end() as u32,
                    entry: self.entries[p as usize],
                    form: p,
                });
            }
        }
        let found = &mut out[first..];
        found.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut kept = first;
        let mut last_end = 0;
        for i in first..out.len() {
            let h = out[i];
            if h.start >= last_end {
                out[kept] = h;
                kept += 1;
                last_end = h.end;
            }
        }
        out.truncate(kept);
    }
}

/// The spellings of an entry: its name, its aliases, and for a person with
/// a multi-word name, the surname on its own.
fn spellings(name: &str, aliases: &[String], kind: Kind) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    out.extend(aliases.iter().map(|a| a.trim().to_owned()));
    if kind == Kind::Person {
        if let Some(last) = name.split_whitespace().last() {
            if last != name && last.chars().count() >= 3 {
                out.push(last.to_owned());
            }
        }
    }
    out
}

/// The forms a spelling matches in: as written, with a capital first letter,
/// and in capitals (see the module docs).
fn case_forms(s: &str) -> Vec<String> {
    let mut out = vec![s.to_owned()];
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        if c.is_lowercase() {
            let cap: String = c.to_uppercase().chain(chars).collect();
            out.push(cap);
        }
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 4 && s.chars().any(char::is_lowercase) {
        out.push(s.to_uppercase());
    }
    out.dedup();
    out
}

/// Whether `text[start..end]` is not glued to letters or digits on either
/// side.
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::gazetteer::Entry;

    fn gaz(entries: &[(&str, Kind, &[&str])]) -> Gazetteer {
        Gazetteer {
            entries: entries
                .iter()
                .map(|(n, k, a)| Entry {
                    name: (*n).into(),
                    kind: *k,
                    aliases: a.iter().map(|s| (*s).into()).collect(),
                })
                .collect(),
        }
    }

    fn find(m: &Matcher, text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        m.find(text, &mut out);
        out.iter()
            .map(|h| (text[h.start as usize..h.end as usize].to_owned(), h.entry))
            .collect()
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let m = Matcher::new(&gaz(&[("Islamic State", Kind::Organization, &["IS"])]));
        assert_eq!(
            find(&m, "It is banned (IS, which is banned)"),
            [("IS".into(), 0)]
        );
    }

    #[test]
    fn matches_are_whole_words() {
        let m = Matcher::new(&gaz(&[
            ("Russia", Kind::Country, &[]),
            ("Kabul", Kind::Place, &[]),
        ]));
        assert_eq!(
            find(&m, "Russian envoy Kabulov, Russia's Kabul-based"),
            [("Russia".into(), 0), ("Kabul".into(), 1)]
        );
    }

    #[test]
    fn longest_match_wins_and_surnames_are_implied() {
        let m = Matcher::new(&gaz(&[
            ("Russia", Kind::Country, &[]),
            ("Russia 24", Kind::Media, &[]),
            ("Zamir Kabulov", Kind::Person, &[]),
        ]));
        assert_eq!(
            find(&m, "on Russia 24, Zamir Kabulov said; Kabulov added"),
            [
                ("Russia 24".into(), 1),
                ("Zamir Kabulov".into(), 2),
                ("Kabulov".into(), 2)
            ]
        );
    }

    #[test]
    fn case_variants() {
        let m = Matcher::new(&gaz(&[
            ("al-Qaeda", Kind::Organization, &[]),
            ("Taliban", Kind::Organization, &[]),
        ]));
        let found: Vec<String> = find(&m, "al-Qaeda. Al-Qaeda and TALIBAN, not taliban")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(found, ["al-Qaeda", "Al-Qaeda", "TALIBAN"]);
    }

    #[test]
    fn a_later_entry_wins_a_shared_spelling() {
        let m = Matcher::new(&gaz(&[
            ("Georgia", Kind::Country, &[]),
            ("Georgia (US state)", Kind::Place, &["Georgia"]),
        ]));
        assert_eq!(find(&m, "Georgia"), [("Georgia".into(), 1)]);
    }
}
