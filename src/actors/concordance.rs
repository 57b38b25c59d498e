//! The concordance of an actor: every mention as one keyword-in-context
//! line, sortable by article order or by the word on either side (AntConc's
//! 1L / 1R), and where the mentions fall across the corpus.
//!
//! A line is only a mention's index; its context is cut when it is shown,
//! so opening the concordance of an actor named 50,000 times costs a copy
//! of 50,000 integers, and only the rows on screen are ever built.

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::sentences::{sentence_of, sentence_starts};
use super::{ActorId, Actors, Mention};
use crate::corpus::{Corpus, DocId};
use crate::text;
use crate::words::words;

/// How concordance lines are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum KwicSort {
    /// As the mentions come in the corpus.
    #[default]
    Article,
    /// By the word before the mention (1L), then article order.
    Left,
    /// By the word after the mention (1R), then article order.
    Right,
}

impl KwicSort {
    /// The order `s` switches to next.
    pub fn next(self) -> KwicSort {
        match self {
            KwicSort::Article => KwicSort::Left,
            KwicSort::Left => KwicSort::Right,
            KwicSort::Right => KwicSort::Article,
        }
    }

    /// How the order is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            KwicSort::Article => "article order",
            KwicSort::Left => "word to the left (1L)",
            KwicSort::Right => "word to the right (1R)",
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            KwicSort::Article => "article",
            KwicSort::Left => "left",
            KwicSort::Right => "right",
        }
    }
}

/// The mentions of `actor`, as mention numbers (see [`Actors::mention`]), in
/// corpus order; with `with`, only those in a sentence that also names
/// `with`.
pub fn lines(corpus: &Corpus, actors: &Actors, actor: ActorId, with: Option<ActorId>) -> Vec<u32> {
    let ids = actors.mention_ids_of(actor);
    let Some(other) = with else {
        return ids.collect();
    };
    let shared = actors.docs_of(other);
    let mut out = Vec::new();
    let mut cache: Option<(DocId, Vec<u32>, Vec<usize>)> = None;
    for i in ids {
        let (doc, m) = actors.mention(i);
        if shared.binary_search(&doc).is_err() {
            continue;
        }
        if cache.as_ref().is_none_or(|c| c.0 != doc) {
            let starts = sentence_starts(&corpus.articles[doc.ix()].text);
            let with_other: Vec<usize> = actors
                .in_doc(doc)
                .iter()
                .filter(|o| o.actor == other)
                .map(|o| sentence_of(&starts, o.start as usize))
                .collect();
            cache = Some((doc, starts, with_other));
        }
        if let Some((_, starts, with_other)) = &cache {
            if with_other.contains(&sentence_of(starts, m.start as usize)) {
                out.push(i);
            }
        }
    }
    out
}

/// Orders `lines` (mention indices) by `by`; ties keep corpus order.
pub fn sort(corpus: &Corpus, actors: &Actors, lines: &mut [u32], by: KwicSort) {
    match by {
        KwicSort::Article => lines.sort_unstable(),
        KwicSort::Left | KwicSort::Right => {
            // By the nearest word on that side, then the next two out, as
            // concordancers sort (1R, then 2R and 3R within a tie).
            lines.sort_unstable();
            lines.sort_by_cached_key(|&i| {
                let (doc, m) = actors.mention(i);
                let t = &corpus.articles[doc.ix()].text;
                let ws = if by == KwicSort::Left {
                    words_before(t, m.start as usize, SORT_WORDS)
                } else {
                    words_after(t, m.end as usize, SORT_WORDS)
                };
                ws.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>()
            });
        }
    }
}

/// Words a sort by context compares on its side: 1L/1R, then 2 and 3.
const SORT_WORDS: usize = 3;

/// The word just before byte `at` on the same line ("" when none). Looks
/// at most 200 bytes back, so sorting a long concordance reads little.
pub fn word_before(text: &str, at: usize) -> &str {
    words_before(text, at, 1).first().copied().unwrap_or("")
}

/// The word just after byte `at` on the same line ("" when none).
pub fn word_after(text: &str, at: usize) -> &str {
    words_after(text, at, 1).first().copied().unwrap_or("")
}

/// Up to `n` words before byte `at` on the same line, nearest first,
/// within 200 bytes.
pub fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
    let from = text::floor_char(text, at.saturating_sub(200));
    let mut window = &text[from..at];
    if let Some(nl) = window.rfind(['\n', '\r']) {
        window = &window[nl + 1..];
    }
    let all: Vec<&str> = words(window).map(|(_, w)| w).collect();
    all.into_iter().rev().take(n).collect()
}

/// Up to `n` words after byte `at` on the same line, nearest first,
/// within 200 bytes.
pub fn words_after(text: &str, at: usize, n: usize) -> Vec<&str> {
    let to = text::floor_char(text, (at + 200).min(text.len()));
    let mut window = &text[at..to];
    if let Some(nl) = window.find(['\n', '\r']) {
        window = &window[..nl];
    }
    words(window).take(n).map(|(_, w)| w).collect()
}

/// One line as shown, `width` cells in all: the context left of the
/// mention right-aligned in the first two fifths (so every mention starts
/// in the same column), the mention as written, and the context right of it
/// padded to the end. All three are safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// Text before the mention, padded on the left.
    pub left: String,
    /// The mention as the article writes it (cut when very long).
    pub keyword: String,
    /// Text after the mention, padded on the right.
    pub right: String,
}

/// Cuts the line for mention `m` of article `doc` (callers know both:
/// looking the article up again from a mention number is a search).
pub fn kwic_line(corpus: &Corpus, doc: DocId, m: &Mention, width: usize) -> KwicLine {
    // The keywords line up at two fifths of the line; below 60 cells at a
    // quarter. The name is what the line is about: one too long for the
    // rest of the line starts further left, leaving that line out of
    // step, and is cut only when it is wider than the whole line.
    let left_w = if width < 60 { width / 4 } else { width * 2 / 5 };
    let t = &corpus.articles[doc.ix()].text;
    let range: Range<usize> = m.range();
    let keyword = text::safe_line(&t[range.clone()]).into_owned();
    let keyword = text::fit(&keyword, width).into_owned();
    let left_w = left_w.min(width - text::display_width(&keyword));
    let right_w = width.saturating_sub(left_w + text::display_width(&keyword));
    let left = text::context_before(t, range.start, left_w.saturating_sub(1));
    let right = text::context_after(t, range.end, right_w.saturating_sub(1));
    KwicLine {
        left: text::pad_left(left.trim_start(), left_w),
        keyword,
        right: text::pad(&text::fit(right.trim_end(), right_w), right_w),
    }
}

/// Where the lines' mentions fall across the corpus: `buckets` counts, each
/// for an equal share of the articles in corpus order.
pub fn dispersion(actors: &Actors, n_docs: usize, lines: &[u32], buckets: usize) -> Vec<u32> {
    let mut out = vec![0u32; buckets.max(1)];
    if n_docs == 0 {
        return out;
    }
    let last = out.len() - 1;
    for doc in actors.docs_of_mentions(lines) {
        let d = doc.ix();
        let b = d * out.len() / n_docs;
        out[b.min(last)] += 1;
    }
    out
}

/// Counts the lines per article, for "in k articles".
pub fn articles(actors: &Actors, lines: &[u32]) -> usize {
    let seen: FxHashSet<DocId> = actors.docs_of_mentions(lines).collect();
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn a_narrow_line_keeps_the_name_whole_and_cuts_the_context() {
        let lib = Library::seeds();
        let (doc, m) = lib
            .actors
            .all_mentions()
            .find(|(d, m)| &lib.corpus.articles[d.ix()].text[m.range()] == "Alexander Bortnikov")
            .expect("the seeds name him in full");
        for width in [19, 20, 24, 28, 30, 40, 59, 60, 80, 120] {
            let l = kwic_line(&lib.corpus, doc, &m, width);
            assert_eq!(l.keyword, "Alexander Bortnikov", "{width} cells");
            let whole = format!("{}{}{}", l.left, l.keyword, l.right);
            assert_eq!(text::display_width(&whole), width, "{width}: {whole:?}");
            if width >= 28 {
                assert!(l.left.trim().len() > 2, "{width}: some context before");
            }
        }
        // Wider than the line, the name is cut to it.
        let l = kwic_line(&lib.corpus, doc, &m, 12);
        assert_eq!((l.left.as_str(), l.right.as_str()), ("", ""));
        assert_eq!(text::display_width(&l.keyword), 12);
        // Keywords that fit after the context line up: where one starts
        // does not depend on its length; a longer one starts further left.
        for (d, m) in lib.actors.all_mentions() {
            let l = kwic_line(&lib.corpus, d, &m, 40);
            let name = text::display_width(&l.keyword);
            assert_eq!(text::display_width(&l.left), 10.min(40 - name), "{l:?}");
        }
    }
}
