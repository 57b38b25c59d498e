//! What it means for a word, a title or a name to match one term. The
//! engine (over the index) and the highlighter (over one article) both
//! decide with [`Pattern`], so a highlighted word is always a reason the
//! article matched.
//!
//! Titles, actor names and bodies are all matched word by word: a fuzzy
//! term must fit one word, never letters scattered across several (on long
//! titles, fuzzy-matcher scores such scattered matches within ten percent of
//! real ones, so no score threshold can tell them apart). fuzzy-matcher's
//! score of the whole title then ranks the titles that match.

use super::fold;
use super::query::{Form, Term};
use crate::words::{is_word_char, words};

/// How well a fuzzy term matches a word within its typos ("brown" in
/// "browser", "bortnikov" in "bortinkov").
pub const TYPO: f32 = 0.6;

/// How well a fuzzy term matches a word that merely holds its letters in
/// order, close together ("brtnkv" in "bortnikov"): the loosest match
/// there is.
pub const LETTERS_IN_ORDER: f32 = 0.5;

/// A term ready to compare with folded (or, for a sensitive term,
/// transformed) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// How the text must appear.
    pub form: Form,
    /// The text to look for.
    pub text: String,
    /// Its length in chars.
    pub chars: usize,
    /// Whether typos are forgiven (never for a case- or diacritic-sensitive
    /// term: what was typed on purpose is matched as typed).
    pub typos: bool,
    /// Whether the text spans words (a space or punctuation inside).
    pub phrase: bool,
}

impl Pattern {
    fn new(form: Form, text: String, typos: bool) -> Pattern {
        Pattern {
            form,
            chars: text.chars().count(),
            phrase: !text.chars().all(is_word_char),
            text,
            typos,
        }
    }

    /// The term against fully folded text (the index).
    pub fn folded(t: &Term) -> Pattern {
        Pattern::new(t.form, t.key.clone(), true)
    }

    /// The term against text folded only as far as its sense allows.
    pub fn sensitive(t: &Term) -> Pattern {
        Pattern::new(t.form, t.pattern(), t.sense.is_folded())
    }

    /// How well one word matches (1.0 best, [`LETTERS_IN_ORDER`] the
    /// loosest), or `None`.
    ///
    /// Fuzzy: a term of up to three letters matches a word it equals or
    /// begins; a longer one also matches a word that starts with the same
    /// letter and holds its letters in order, at most one other letter
    /// between two of them ([`in_order_close`]), and
    /// from five letters on a word (or a word's beginning) within one typo
    /// per four letters (insertion, deletion, substitution or a swap of
    /// neighbours), so `bortnikov` finds "Bortinkov". `'foo`: the word contains it; `^foo`:
    /// begins with it; `foo$`: ends with it; `^foo$`: is it.
    pub fn word(&self, word: &str) -> Option<f32> {
        let pat = self.text.as_str();
        match self.form {
            Form::Fuzzy => {
                if word == pat {
                    return Some(1.0);
                }
                if word.starts_with(pat) {
                    return Some(0.8);
                }
                if self.chars <= 3 || pat.chars().next() != word.chars().next() {
                    return None;
                }
                if self.typos && within_typos(pat, self.chars, word) {
                    return Some(TYPO);
                }
                in_order_close(pat, word).then_some(LETTERS_IN_ORDER)
            }
            Form::Substring => word
                .contains(pat)
                .then_some(if word == pat { 1.0 } else { 0.7 }),
            Form::Prefix => word
                .starts_with(pat)
                .then_some(if word == pat { 1.0 } else { 0.8 }),
            Form::Suffix => word
                .ends_with(pat)
                .then_some(if word == pat { 1.0 } else { 0.8 }),
            Form::Whole => (word == pat).then_some(1.0),
        }
    }

    /// Whether a whole text (a title, a name, a body) matches: one of its
    /// words does, or, for `'foo` and for text spanning words, the text
    /// occurs in it (anchored to word edges for `^`, `$`).
    pub fn text(&self, text: &str) -> bool {
        if self.form == Form::Substring || self.phrase {
            return !self.positions(text).is_empty();
        }
        words(text).any(|(_, w)| self.word(w).is_some())
    }

    /// Byte positions where the text occurs in `text`: anywhere for fuzzy
    /// and `'`, at a word start for `^`, at a word end for `$`, both for
    /// `^...$`.
    pub fn positions(&self, text: &str) -> Vec<usize> {
        let pat = self.text.as_str();
        if pat.is_empty() {
            return Vec::new();
        }
        let word_at = |i: usize| text[i..].chars().next().is_some_and(is_word_char);
        let word_before = |i: usize| text[..i].chars().next_back().is_some_and(is_word_char);
        text.match_indices(pat)
            .map(|(i, _)| i)
            .filter(|&i| {
                let starts = !word_before(i);
                let ends = !word_at(i + pat.len());
                match self.form {
                    Form::Fuzzy | Form::Substring => true,
                    Form::Prefix => starts,
                    Form::Suffix => ends,
                    Form::Whole => starts && ends,
                }
            })
            .collect()
    }

    /// Char indices inside `word` to draw as matched, when it matches.
    pub fn word_chars(&self, word: &str) -> Vec<usize> {
        if self.word(word).is_none() {
            return Vec::new();
        }
        let n = word.chars().count();
        let pat = self.text.as_str();
        match self.form {
            Form::Fuzzy if word.starts_with(pat) => (0..self.chars).collect(),
            Form::Fuzzy if !is_subsequence(pat, word) => (0..n).collect(),
            Form::Fuzzy => {
                // Letters in order: mark each at its first fit.
                let mut out = Vec::new();
                let mut pc = pat.chars().peekable();
                for (i, c) in word.chars().enumerate() {
                    if pc.peek() == Some(&c) {
                        out.push(i);
                        pc.next();
                    }
                }
                out
            }
            Form::Substring => {
                let at = word.find(pat).map_or(0, |b| word[..b].chars().count());
                (at..at + self.chars).collect()
            }
            Form::Prefix | Form::Whole => (0..self.chars).collect(),
            Form::Suffix => (n - self.chars..n).collect(),
        }
    }
}

/// Typos a fuzzy term of `n` letters may have.
pub fn typo_budget(n: usize) -> usize {
    if n >= 5 { n / 4 } else { 0 }
}

/// Whether `word`, or its first `n` letters, is within the typo budget of
/// `pat` (which has `n` chars).
pub fn within_typos(pat: &str, n: usize, word: &str) -> bool {
    let k = typo_budget(n);
    if k == 0 {
        return false;
    }
    // Letters of the term missing from the word entirely each cost a typo.
    if (fold::mask(pat) & !fold::mask(word)).count_ones() as usize > k {
        return false;
    }
    let wn = word.chars().count();
    if wn.abs_diff(n) <= k && strsim::osa_distance(pat, word) <= k {
        return true;
    }
    if wn > n {
        let end = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
        return strsim::osa_distance(pat, &word[..end]) <= k;
    }
    false
}

pub use crate::words::in_order_close;

/// Whether the chars of `pat` appear in `s` in order.
pub fn is_subsequence(pat: &str, s: &str) -> bool {
    if pat.is_ascii() && s.is_ascii() {
        let mut it = s.bytes();
        return pat.bytes().all(|p| it.any(|c| c == p));
    }
    let mut it = s.chars();
    pat.chars().all(|p| it.any(|c| c == p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(form: Form, text: &str) -> Pattern {
        Pattern::new(form, text.to_owned(), true)
    }

    fn fuzzy(pat: &str, word: &str) -> Option<f32> {
        p(Form::Fuzzy, pat).word(word)
    }

    #[test]
    fn short_terms_match_whole_words_and_beginnings() {
        assert_eq!(fuzzy("isi", "isis"), Some(0.8));
        assert_eq!(fuzzy("is", "is"), Some(1.0));
        assert_eq!(fuzzy("sis", "isis"), None);
        assert_eq!(fuzzy("ptn", "putin"), None, "three letters: no spread");
    }

    #[test]
    fn longer_terms_match_in_order_from_the_first_letter() {
        assert_eq!(fuzzy("brtnkv", "bortnikov"), Some(0.5));
        // Close together: a long word holding the letters far apart is
        // another word (helper-30).
        assert_eq!(fuzzy("putin", "production"), None);
        assert_eq!(fuzzy("putin", "population"), None);
        assert_eq!(fuzzy("iran", "international"), None);
        assert_eq!(fuzzy("iran", "information"), None);
        assert_eq!(fuzzy("putin", "pollution"), None);
        assert_eq!(fuzzy("iran", "insurance"), None);
        assert_eq!(fuzzy("iran", "ireland"), None);
        assert_eq!(fuzzy("tlbn", "taliban"), Some(0.5));
        // A doubled letter is no gap (helper-31: 74 of bbc's 89 articles
        // for "putin" said "putting").
        assert_eq!(fuzzy("putin", "putting"), None);
        assert_eq!(fuzzy("occured", "occurred"), Some(TYPO), "a typo still");
        assert_eq!(fuzzy("mnstry", "ministry"), Some(0.5));
        assert_eq!(fuzzy("blair", "belshanikgartor"), None);
        assert_eq!(
            fuzzy("rate", "corporate"),
            None,
            "must start where the word does"
        );
    }

    #[test]
    fn typos_one_per_four_letters_from_five() {
        assert_eq!(fuzzy("bortnikov", "bortinkov"), Some(0.6));
        assert_eq!(fuzzy("kabulv", "kabulov"), Some(0.6));
        assert_eq!(
            fuzzy("kabl", "kabul"),
            Some(0.5),
            "four letters: in order only"
        );
        assert_eq!(
            fuzzy("bortnik", "bortinkov"),
            Some(0.6),
            "typo in the word's beginning"
        );
        assert_eq!(fuzzy("lavrov", "ladrow"), None, "two typos in six letters");
    }

    #[test]
    fn sensitive_terms_get_no_typos() {
        let strict = Pattern::new(Form::Fuzzy, "sérgei".into(), false);
        assert_eq!(strict.word("sergei"), None);
        assert_eq!(strict.word("sérgei"), Some(1.0));
    }

    #[test]
    fn whole_texts_match_by_their_words() {
        let crocus = p(Form::Fuzzy, "crocus");
        assert!(!crocus.text("kremlin considers removing taliban's terrorist status amid growing cooperation discussions"));
        assert!(crocus.text("moscow's crocus hall"));
        assert!(p(Form::Fuzzy, "lav").text("sergey lavrov"));
        assert!(!p(Form::Fuzzy, "lav").text("alexander bortnikov"));
        assert!(p(Form::Substring, "ir pu").text("vladimir putin"));
        assert!(p(Form::Prefix, "kab").text("zamir kabulov"));
        assert!(!p(Form::Whole, "kabul").text("zamir kabulov"));
        assert!(
            p(Form::Fuzzy, "isis-k").text("isis-k"),
            "punctuation makes a phrase"
        );
    }

    #[test]
    fn other_forms() {
        assert_eq!(p(Form::Substring, "rtnik").word("bortnikov"), Some(0.7));
        assert_eq!(p(Form::Suffix, "kov").word("bortnikov"), Some(0.8));
        assert_eq!(p(Form::Whole, "kabul").word("kabulov"), None);
    }

    #[test]
    fn matched_chars_inside_a_word() {
        assert_eq!(p(Form::Fuzzy, "bort").word_chars("bortnikov"), [0, 1, 2, 3]);
        assert_eq!(p(Form::Fuzzy, "brtn").word_chars("bortnikov"), [0, 2, 3, 4]);
        assert_eq!(p(Form::Suffix, "kov").word_chars("bortnikov"), [6, 7, 8]);
        assert_eq!(p(Form::Fuzzy, "bortnikov").word_chars("bortinkov").len(), 9);
    }
}
