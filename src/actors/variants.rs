//! Spelling variants the gazetteer does not list: a capitalised word one edit
//! away from a known single-word spelling ("Bortinkov" for "Bortnikov") is
//! the same actor.
//!
//! One edit is an insertion, deletion, substitution or a swap of two
//! neighbouring letters (optimal string alignment distance 1). To keep real
//! words and other names apart, a variant must be at least five letters long,
//! start with the same letter, not merely add or drop letters at the end
//! ("Russian" is not "Russia"), be rarer than the spelling it joins, and be
//! close to exactly one entry.

use std::collections::HashSet;

/// The known single-word spellings, indexed by their one-letter deletions
/// (two words one edit apart share a deletion, or one is a deletion of the
/// other), so a lookup costs a few binary searches whatever the number of
/// spellings.
pub(crate) struct VariantIndex {
    spellings: Vec<(String, u32)>,
    /// (hash of a spelling or a spelling less one letter, the spelling's
    /// number), sorted. Hashes stand in for the strings: a collision only
    /// adds a candidate, and every candidate's distance is checked.
    deletions: Vec<(u64, u32)>,
    /// (first char, length in chars) of every spelling.
    shapes: HashSet<(char, usize)>,
    /// For words starting with an ASCII capital: bit `len` of entry
    /// `letter` is set when a spelling within one letter of that length
    /// exists, so the scan of every capitalised word is a table lookup.
    ascii: [u64; 26],
}

/// Shortest word, in chars, considered as a variant.
pub(crate) const MIN_VARIANT_CHARS: usize = 5;

/// FNV-1a over `bytes`, continuing from `h`: byte by byte, so the hash of
/// two pieces fed one after the other is the hash of their concatenation.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The hashes of `word` and of every string made by deleting one of its
/// chars, without building those strings.
pub(crate) fn deletions(word: &str) -> impl Iterator<Item = u64> + '_ {
    let bytes = word.as_bytes();
    std::iter::once(fnv(FNV_START, bytes)).chain(
        word.char_indices()
            .map(move |(i, c)| fnv(fnv(FNV_START, &bytes[..i]), &bytes[i + c.len_utf8()..])),
    )
}

impl VariantIndex {
    /// Indexes `(spelling, entry)` pairs; only capitalised single words of
    /// at least [`MIN_VARIANT_CHARS`] letters take part.
    pub fn new<'a>(words: impl Iterator<Item = (&'a str, u32)>) -> VariantIndex {
        let mut spellings = Vec::new();
        let mut deletion_list: Vec<(u64, u32)> = Vec::new();
        let mut shapes = HashSet::new();
        for (w, entry) in words {
            let n = w.chars().count();
            let Some(first) = w.chars().next() else {
                continue;
            };
            if n < MIN_VARIANT_CHARS || !first.is_uppercase() || !w.chars().all(char::is_alphabetic)
            {
                continue;
            }
            let id = spellings.len() as u32;
            spellings.push((w.to_owned(), entry));
            shapes.insert((first, n));
            deletion_list.extend(deletions(w).map(|d| (d, id)));
        }
        deletion_list.sort_unstable();
        deletion_list.dedup();
        let mut ascii = [0u64; 26];
        for &(first, n) in &shapes {
            if first.is_ascii_uppercase() {
                for len in n.saturating_sub(1)..=n + 1 {
                    if len < 64 {
                        ascii[usize::from(first as u8 - b'A')] |= 1 << len;
                    }
                }
            }
        }
        VariantIndex {
            spellings,
            deletions: deletion_list,
            shapes,
            ascii,
        }
    }

    /// The spellings with a deletion hashing to `d`.
    fn with_deletion(&self, d: u64) -> impl Iterator<Item = u32> + '_ {
        let from = self.deletions.partition_point(|&(h, _)| h < d);
        self.deletions[from..]
            .iter()
            .take_while(move |&&(h, _)| h == d)
            .map(|&(_, id)| id)
    }

    /// Whether `word` could be a variant at all (cheap test used while
    /// scanning text).
    #[inline]
    pub fn could_match(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if let Some(&b) = bytes.first().filter(|b| b.is_ascii_uppercase()) {
            if word.is_ascii() {
                let n = bytes.len();
                return (MIN_VARIANT_CHARS..64).contains(&n)
                    && self.ascii[usize::from(b - b'A')] & (1 << n) != 0;
            }
        }
        let Some(first) = word.chars().next() else {
            return false;
        };
        let n = word.chars().count();
        n >= MIN_VARIANT_CHARS && (n - 1..=n + 1).any(|len| self.shapes.contains(&(first, len)))
    }

    /// The entry and known spelling `word` is a one-edit variant of, when
    /// exactly one entry is that close. `word` itself must not be a known
    /// spelling.
    pub fn resolve(&self, word: &str) -> Option<(u32, &str)> {
        let first = word.chars().next()?;
        if word.chars().count() < MIN_VARIANT_CHARS {
            return None;
        }
        let mut candidates: Vec<u32> = deletions(word)
            .flat_map(|d| self.with_deletion(d))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Option<(u32, &str)> = None;
        for c in candidates {
            let (known, entry) = &self.spellings[c as usize];
            if known == word {
                return None;
            }
            if !known.starts_with(first)
                || known.starts_with(word)
                || word.starts_with(known.as_str())
            {
                continue;
            }
            if strsim::osa_distance(known, word) == 1 {
                match found {
                    Some((e, _)) if e != *entry => return None,
                    _ => found = Some((*entry, known)),
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> VariantIndex {
        VariantIndex::new(
            [
                ("Bortnikov", 0),
                ("Russia", 1),
                ("Kazakhstan", 2),
                ("Browne", 3),
                ("Brown", 4),
                ("Putin", 5),
            ]
            .into_iter(),
        )
    }

    #[test]
    fn a_swap_of_two_letters_is_one_edit() {
        assert_eq!(index().resolve("Bortinkov"), Some((0, "Bortnikov")));
    }

    #[test]
    fn a_dropped_letter_is_one_edit() {
        assert_eq!(index().resolve("Kazakstan"), Some((2, "Kazakhstan")));
    }

    #[test]
    fn endings_added_to_a_name_are_not_variants() {
        assert_eq!(index().resolve("Russian"), None);
        assert_eq!(index().resolve("Putins"), None);
    }

    #[test]
    fn short_words_and_other_first_letters_are_not_variants() {
        assert_eq!(index().resolve("Prussia"), None);
        assert_eq!(index().resolve("Patin"), Some((5, "Putin")));
        assert_eq!(index().resolve("Puti"), None);
    }

    #[test]
    fn a_word_close_to_two_entries_is_left_alone() {
        let two = VariantIndex::new([("Marten", 0), ("Martin", 1)].into_iter());
        assert_eq!(two.resolve("Marton"), None);
        // "Browns" is one edit from "Browne"; that it extends "Brown" does
        // not count, so it joins "Browne".
        assert_eq!(index().resolve("Browns"), Some((3, "Browne")));
    }

    #[test]
    fn known_spellings_are_not_variants_of_anything() {
        assert_eq!(index().resolve("Browne"), None);
    }
}
