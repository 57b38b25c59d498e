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
//! that starts first wins, and of those the longest. A mention starts where
//! a word does, so the automaton (a leftmost-longest DFA) is run anchored at
//! word starts only, by the caller's word scan; when its match is not a
//! whole word, shorter spellings at the same start are tried.

use std::collections::HashMap;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

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
    /// The first two bytes of every spelling (a one-byte spelling counts
    /// with every second byte), as a 64K-bit set: only text starting with
    /// one of them is looked up, and a lookup is skipped for almost every
    /// word in a few cache-resident bit tests.
    starts: Vec<u64>,
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
        // A mention is a whole word, so it starts where a word does: a
        // spelling that does not start with a letter or digit can never
        // match, and is left out.
        order.retain(|f| f.chars().next().is_some_and(crate::words::is_word_char));
        let entries: Vec<u32> = order.iter().map(|f| owner[f]).collect();
        let mut starts = vec![0u64; 1 << 10];
        for f in &order {
            let b = f.as_bytes();
            let seconds: Vec<u8> = match b.get(1) {
                Some(&c) => vec![c],
                None => (0..=255).collect(),
            };
            for c in seconds {
                let key = usize::from(b[0]) << 8 | usize::from(c);
                starts[key / 64] |= 1 << (key % 64);
            }
        }
        let ac = (!order.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .start_kind(StartKind::Both)
                .build(&order)
                .or_else(|_| {
                    // Too many patterns for a DFA: let the crate choose.
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .start_kind(StartKind::Both)
                        .build(&order)
                })
                .expect("gazetteer patterns are plain strings")
        });
        Matcher {
            ac,
            starts,
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

    /// Every spelling matched, case forms included.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(String::as_str)
    }

    /// Every single-word spelling with its entry, for variant matching.
    pub fn single_words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.forms
            .iter()
            .zip(&self.entries)
            .filter(|(f, _)| !f.contains(' '))
            .map(|(f, &e)| (f.as_str(), e))
    }

    /// Whether a spelling could start at byte `at` of `text` (a word
    /// start): its first two bytes must begin some spelling.
    #[inline]
    pub fn could_start(&self, text: &str, at: usize) -> bool {
        let b = text.as_bytes();
        let key = usize::from(b[at]) << 8 | usize::from(b.get(at + 1).copied().unwrap_or(0));
        self.starts[key / 64] & (1 << (key % 64)) != 0
    }

    /// The longest whole-word match starting exactly at byte `at` (a word
    /// start), if any.
    #[inline]
    pub fn find_at(&self, text: &str, at: usize) -> Option<Hit> {
        let ac = self.ac.as_ref()?;
        let m = ac.find(
            Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes),
        )?;
        let (end, p) = if is_whole_word(text, m.start(), m.end()) {
            (m.end(), m.pattern().as_u32())
        } else {
            self.shorter_at(ac, text, m.start(), m.end())?
        };
        Some(Hit {
            start: at as u32,
            end: end as u32,
            entry: self.entries[p as usize],
            form: p,
        })
    }

    /// The longest whole-word match starting exactly at `start` and ending
    /// before `end`, if any.
    fn shorter_at(
        &self,
        ac: &AhoCorasick,
        text: &str,
        start: usize,
        mut end: usize,
    ) -> Option<(usize, u32)> {
        while end > start + 1 {
            let input = Input::new(text)
                .span(start..end - 1)
                .anchored(Anchored::Yes);
            let m = ac.find(input)?;
            if is_whole_word(text, m.start(), m.end()) {
                return Some((m.end(), m.pattern().as_u32()));
            }
            end = m.end();
        }
        None
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

/// Whether `text[start..end]` is not glued to a word character (a letter,
/// a digit or a combining mark, as the tokenizer counts them) on either
/// side.
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    use crate::words::is_word_char;
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
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
                    context: Vec::new(),
                })
                .collect(),
        }
    }

    /// Every match, found as the actors' scan finds them: at word starts,
    /// skipping words inside the last match.
    fn find(m: &Matcher, text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        let mut covered = 0;
        for (at, _) in crate::words::words(text) {
            if at < covered || !m.could_start(text, at) {
                continue;
            }
            if let Some(h) = m.find_at(text, at) {
                covered = h.end as usize;
                out.push((text[h.start as usize..h.end as usize].to_owned(), h.entry));
            }
        }
        out
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
    fn a_longer_match_that_is_not_a_word_gives_way_to_a_shorter_one() {
        let m = Matcher::new(&gaz(&[
            ("ISIS", Kind::Organization, &[]),
            ("ISIS-K", Kind::Organization, &[]),
            ("Kabul", Kind::Place, &[]),
        ]));
        // "ISIS-Kh..." is not the word ISIS-K, but ISIS is a word there.
        assert_eq!(
            find(&m, "ISIS-Khorasan and ISIS-K"),
            [("ISIS".into(), 0), ("ISIS-K".into(), 1)]
        );
        // Mid-word text is never a mention.
        assert_eq!(find(&m, "XKabul Kabul"), [("Kabul".into(), 2)]);
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
