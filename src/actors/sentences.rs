//! Where sentences begin, for "named in the same sentence" and for
//! restricting a concordance to the sentences two actors share.
//!
//! A sentence ends at a line break, or at `.`, `!` or `?` followed by
//! whitespace and a word that starts with a capital or a digit; a full stop
//! after an initial ("J. Smith") or an abbreviation from
//! `assets/cues.json` ("Mr.", "St.") ends nothing. No model, no download;
//! good enough to tell which names a sentence holds, which is all it is for.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::words::words;

/// The abbreviations a full stop may follow without ending a sentence.
fn abbreviations() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            abbreviations: Vec<String>,
        }
        serde_json::from_str::<File>(include_str!("../../assets/cues.json"))
            .map(|f| f.abbreviations.into_iter().collect())
            .unwrap_or_default()
    })
}

/// Byte offsets where the sentences of `text` begin, in order; the first
/// is always 0.
pub fn sentence_starts(text: &str) -> Vec<u32> {
    let abbrev = abbreviations();
    let mut starts = vec![0u32];
    let mut prev: Option<(usize, usize)> = None;
    for (at, w) in words(text) {
        if let Some((ps, pe)) = prev {
            let gap = &text[pe..at];
            if ends_here(gap, &text[ps..pe], w, abbrev) {
                // The new sentence starts after the gap's last whitespace,
                // so an opening quotation mark goes with it.
                let lead = gap
                    .char_indices()
                    .rfind(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                starts.push((pe + lead) as u32);
            }
        }
        prev = Some((at, at + w.len()));
    }
    starts
}

/// Whether the gap between word `before` and word `next` ends a sentence.
fn ends_here(gap: &str, before: &str, next: &str, abbrev: &FxHashSet<String>) -> bool {
    if gap.contains(['\n', '\r']) {
        return true;
    }
    let Some(stop) = gap.find(['.', '!', '?']) else {
        return false;
    };
    if !gap[stop..].contains(char::is_whitespace) {
        return false;
    }
    let starts_sentence = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_sentence {
        return false;
    }
    let initial = before.chars().count() == 1 && before.chars().all(char::is_uppercase);
    !(gap.as_bytes()[stop] == b'.' && stop == 0 && (initial || abbrev.contains(before)))
}

/// The index of the sentence holding byte `offset`, given the sentence
/// starts of its text.
pub fn sentence_of(starts: &[u32], offset: usize) -> usize {
    starts
        .partition_point(|&s| s as usize <= offset)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let s = sentence_starts(text);
        s.iter()
            .enumerate()
            .map(|(i, &a)| {
                let end = s.get(i + 1).map_or(text.len(), |&e| e as usize);
                text[a as usize..end].trim()
            })
            .collect()
    }

    #[test]
    fn full_stops_question_marks_and_line_breaks_end_sentences() {
        assert_eq!(
            split("Putin spoke. Did Lavrov agree? Yes!\nKabulov said so"),
            [
                "Putin spoke.",
                "Did Lavrov agree?",
                "Yes!",
                "Kabulov said so"
            ]
        );
    }

    #[test]
    fn initials_abbreviations_and_lower_case_words_do_not() {
        assert_eq!(
            split("Mr. Blair met J. K. Rowling at 5 p.m. on Friday. St. Petersburg waited."),
            [
                "Mr. Blair met J. K. Rowling at 5 p.m. on Friday.",
                "St. Petersburg waited."
            ]
        );
    }

    #[test]
    fn quotes_after_the_stop_stay_with_their_sentence() {
        assert_eq!(
            split("“We agreed,” he said. “The decision is made.” Bortnikov left."),
            [
                "“We agreed,” he said.",
                "“The decision is made.”",
                "Bortnikov left."
            ]
        );
    }

    #[test]
    fn sentence_of_finds_the_sentence_of_an_offset() {
        let text = "One here. Two there. Three.";
        let s = sentence_starts(text);
        assert_eq!(sentence_of(&s, 0), 0);
        assert_eq!(sentence_of(&s, text.find("Two").unwrap()), 1);
        assert_eq!(sentence_of(&s, text.len() - 1), 2);
    }
}
