//! Where sentences begin, for "named in the same sentence" and for
//! restricting a concordance to the sentences two actors share.
//!
//! A sentence ends at a line break, or at `.`, `!` or `?` followed by
//! whitespace and a word that starts with a capital, a digit or a letter
//! of a script without case (Arabic, Hebrew, Chinese...); a full stop
//! after an initial ("J. Smith") or an abbreviation from
//! `assets/cues.json` ("Mr.", "St.") ends nothing. No model, no download;
//! good enough to tell which names a sentence holds, which is all it is for.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::Mention;
use crate::corpus::DocId;
use crate::csr::Csr;
use crate::words::is_word_char;

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
/// is always 0. Only the places a sentence can end are looked at (line
/// breaks and `.`, `!`, `?`, found with memchr), so a long article costs
/// little more than a scan for those bytes.
pub fn sentence_starts(text: &str) -> Vec<u32> {
    let abbrev = abbreviations();
    let bytes = text.as_bytes();
    let mut starts = vec![0u32];
    let mut push = |at: usize| {
        if at > 0 && at < bytes.len() {
            starts.push(at as u32);
        }
    };
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .chain(memchr::memchr2_iter(b'\n', b'\r', bytes))
    {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            push(skip_space(text, i + 1));
            continue;
        }
        if let Some(next) = after_stop(text, i, abbrev) {
            push(next);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    cap_lengths(text, starts)
}

/// The longest a sentence may be, in bytes (bbc's longest is 1,063).
/// Text that runs on further with no stop a sentence ends at (a list, or
/// sentences that start in lower case) is cut at a space before this, so
/// that nothing that reads sentences does work, or copies text, that
/// grows with the square of such a run (helper-34: 16,000 "word Tony Blair
/// said yes." in one line took 72 s and 3.27 GB to read statements from).
pub const MAX_SENTENCE: usize = 2000;

/// `starts` with more starts wherever a sentence would be longer than
/// [`MAX_SENTENCE`].
fn cap_lengths(text: &str, starts: Vec<u32>) -> Vec<u32> {
    let ends = starts
        .iter()
        .skip(1)
        .map(|&e| e as usize)
        .chain([text.len()]);
    if starts
        .iter()
        .zip(ends)
        .all(|(&s, e)| e - s as usize <= MAX_SENTENCE)
    {
        return starts;
    }
    let mut out = Vec::with_capacity(starts.len() + text.len() / MAX_SENTENCE);
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |&e| e as usize);
        out.push(s);
        let mut at = s as usize;
        while end - at > MAX_SENTENCE {
            let mut limit = at + MAX_SENTENCE;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            // After the last space before the limit; at the limit when
            // there is none.
            let cut = text[at..limit]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map(|(w, c)| skip_space(text, at + w + c.len_utf8()))
                .filter(|&c| c > at && c <= limit)
                .unwrap_or(limit);
            if cut >= end {
                break;
            }
            out.push(cut as u32);
            at = cut;
        }
    }
    out
}

/// Where the next sentence starts when the stop at byte `i` ends one:
/// closing quotes and brackets may follow the stop, then whitespace, then
/// (after any opening quote) a capital or a digit; a full stop right after
/// an initial or an abbreviation ends nothing.
fn after_stop(text: &str, i: usize, abbrev: &FxHashSet<String>) -> Option<usize> {
    let rest = &text[i + 1..];
    let closed = rest
        .char_indices()
        .find(|(_, c)| {
            !matches!(
                c,
                '"' | '\'' | ')' | ']' | '”' | '’' | '.' | '!' | '?' | '…'
            )
        })
        .map_or(rest.len(), |(k, _)| k);
    let after = i + 1 + closed;
    if !text[after..].starts_with(char::is_whitespace) {
        return None;
    }
    let next = skip_space(text, after);
    let first = text[next..]
        .chars()
        .find(|c| !matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘'))?;
    // A letter of a script without case (Arabic, Hebrew, Chinese...)
    // starts a sentence as a capital does.
    let uncased = first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase();
    if !(first.is_uppercase() || first.is_ascii_digit() || uncased) {
        return None;
    }
    if text.as_bytes()[i] == b'.' {
        let word_start = text[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c))
            .last()
            .map(|(k, _)| k);
        if let Some(k) = word_start {
            let before = &text[k..i];
            let initial = before.chars().count() == 1 && before.chars().all(char::is_uppercase);
            if initial || abbrev.contains(before) {
                return None;
            }
        }
    }
    Some(next)
}

/// The first byte at or after `i` that is not whitespace.
fn skip_space(text: &str, i: usize) -> usize {
    text[i..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(k, _)| i + k)
}

/// Which sentence of its article each actor mention is in, and how many
/// sentences each article has. Read once, with the story, so that the
/// actors named alongside one named in half of 100,000 articles (`r`) are
/// counted without splitting all those articles into sentences again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentionSentences {
    /// Sentences per article, in corpus order.
    counts: Vec<u32>,
    /// Row per article: the sentence of each of its mentions, in order.
    /// Two bytes each (4 MB for 2 million mentions); an article of more
    /// sentences than that counts keeps an empty row and is split again
    /// when asked.
    of_mention: Csr<u16>,
}

impl MentionSentences {
    /// Adds the next article: its sentence starts and its mentions.
    pub fn push(&mut self, starts: &[u32], mentions: &[Mention]) {
        self.counts.push(starts.len() as u32);
        let fits = u16::try_from(starts.len()).is_ok();
        self.of_mention.push_row(
            mentions
                .iter()
                .filter(|_| fits)
                .map(|m| sentence_of(starts, m.start as usize) as u16),
        );
    }

    /// Adds the articles of `other` after the last.
    pub fn append(&mut self, other: &MentionSentences) {
        self.counts.extend_from_slice(&other.counts);
        self.of_mention.append(&other.of_mention);
    }

    /// Gives back spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.counts.shrink_to_fit();
        self.of_mention.shrink_to_fit();
    }

    /// How many sentences article `doc` has, and the sentence of each of
    /// its mentions (none for an article of more than 65,535 sentences);
    /// `None` for an article not read.
    pub fn of_doc(&self, doc: DocId) -> Option<(u32, &[u16])> {
        let count = *self.counts.get(doc.ix())?;
        Some((count, self.of_mention.row(doc.ix())))
    }
}

/// The index of the sentence holding byte `offset`, given the sentence
/// starts of its text.
pub fn sentence_of(starts: &[u32], offset: usize) -> usize {
    starts
        .partition_point(|&s| s as usize <= offset)
        .saturating_sub(1)
}

/// The byte range of the sentence holding byte `at`, without the space
/// that follows it, given the sentence starts of `text`.
pub fn sentence_span(text: &str, starts: &[u32], at: usize) -> std::ops::Range<usize> {
    let s = sentence_of(starts, at);
    let a = starts.get(s).map_or(0, |&a| a as usize);
    let b = starts.get(s + 1).map_or(text.len(), |&e| e as usize);
    a..a + text.get(a..b).map_or(0, |t| t.trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorId;

    #[test]
    fn text_that_never_ends_a_sentence_is_cut_into_sentences_of_bounded_length() {
        // helper-34: a stop followed by a lower-case word ends nothing, so
        // this was one sentence of 400 KB.
        let text = "Huge line ".to_owned() + &"word Tony Blair said yes. ".repeat(16_000);
        let starts = sentence_starts(&text);
        let ends = starts
            .iter()
            .skip(1)
            .map(|&e| e as usize)
            .chain([text.len()]);
        for (&s, e) in starts.iter().zip(ends) {
            assert!(e - s as usize <= MAX_SENTENCE, "{s}..{e}");
            // Cut after a space, never inside a word.
            assert!(s == 0 || text.as_bytes()[s as usize - 1] == b' ');
        }
        assert!(starts.len() >= text.len() / MAX_SENTENCE);
        // Without a space to cut at, at a character's edge.
        let solid = "é".repeat(3_000);
        let starts = sentence_starts(&solid);
        assert_eq!(starts.len(), 3);
        assert!(starts.iter().all(|&s| solid.is_char_boundary(s as usize)));
        // Ordinary text is untouched.
        let plain = "Putin spoke. Lavrov agreed, and left.";
        assert_eq!(sentence_starts(plain), [0, 13]);
    }

    #[test]
    fn each_mention_knows_its_sentence_unless_the_article_is_too_long() {
        let text = "Putin spoke. Lavrov agreed with Putin. Kabulov left.";
        let starts = sentence_starts(text);
        let at = |name: &str, nth: usize| {
            let start = text.match_indices(name).nth(nth).expect("named").0 as u32;
            Mention {
                start,
                end: start + name.len() as u32,
                actor: ActorId(0),
            }
        };
        let mentions = [
            at("Putin", 0),
            at("Lavrov", 0),
            at("Putin", 1),
            at("Kabulov", 0),
        ];
        let mut known = MentionSentences::default();
        known.push(&starts, &mentions);
        // Too many sentences for two bytes each: counted, not placed.
        let many: Vec<u32> = (0..70_000).collect();
        known.push(&many, &mentions);
        assert_eq!(known.of_doc(DocId(0)), Some((3, &[0, 1, 1, 2][..])));
        assert_eq!(known.of_doc(DocId(1)), Some((70_000, &[][..])));
        assert_eq!(known.of_doc(DocId(2)), None);
    }

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
    fn a_script_without_capitals_starts_sentences_too() {
        assert_eq!(
            split("Putin spoke. עברית טקסט. 中文句子. and then lower case."),
            [
                "Putin spoke.",
                "עברית טקסט.",
                "中文句子. and then lower case."
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
    fn a_headline_line_is_its_own_sentence_before_later_stops() {
        assert_eq!(
            split("Russia acts on the list\nRussia hopes. The shift helps.\nBy Jane Roe"),
            [
                "Russia acts on the list",
                "Russia hopes.",
                "The shift helps.",
                "By Jane Roe"
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
