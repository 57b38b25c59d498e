//! Where a query matches inside one article, title or actor name: what the
//! reader highlights and `n`/`N` walk, and which characters of a visible
//! title or name are drawn as matched.
//!
//! Decided with the engine's own [`Pattern`], so every mark is a reason the
//! article matched. Work is proportional to one article; titles and names
//! are only marked for rows on screen.

use std::ops::Range;

use super::engine::actor_name_matches;
use super::fold;
use super::matching::Pattern;
use super::query::{Field, Form, Query, Term};
use crate::corpus::DocId;
use crate::library::Library;
use crate::words::words;

/// Char indices of `s` that `term` matches: the matched letters of each
/// matching word, or the exact text where it occurs.
fn text_chars(term: &Term, s: &str) -> Vec<usize> {
    let pat = Pattern::sensitive(term);
    let mut out = Vec::new();
    if pat.phrase || term.form == Form::Substring {
        let (folded, map) = fold::transform_mapped(s, term.sense);
        let starts: Vec<usize> = folded.char_indices().map(|(b, _)| b).collect();
        for at in pat.positions(&folded) {
            let first = starts.partition_point(|&b| b < at);
            let last = starts.partition_point(|&b| b < at + pat.text.len());
            out.extend(map[first..last].iter().map(|&c| c as usize));
        }
    } else {
        let char_of: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        let mut buf = String::new();
        for (off, w) in words(s) {
            buf.clear();
            fold::transform_into(w, term.sense, &mut buf);
            let inner = pat.word_chars(&buf);
            if inner.is_empty() {
                continue;
            }
            // Folding can change a word's length ("ß" -> "ss"): map through.
            let (_, map) = fold::transform_mapped(w, term.sense);
            let base = char_of.partition_point(|&b| b < off);
            out.extend(
                inner
                    .iter()
                    .filter_map(|&i| map.get(i))
                    .map(|&c| base + c as usize),
            );
        }
    }
    out
}

fn marked_chars(query: &Query, s: &str, fields: &[Field]) -> Vec<usize> {
    let mut out: Vec<usize> = query
        .positive_terms()
        .filter(|t| fields.contains(&t.field))
        .flat_map(|t| text_chars(t, s))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Char indices of a title that the query's title terms match.
pub fn title_chars(query: &Query, title: &str) -> Vec<usize> {
    marked_chars(query, title, &[Field::Any, Field::Title])
}

/// Char indices of an actor name that the query's actor terms match.
pub fn name_chars(query: &Query, name: &str) -> Vec<usize> {
    marked_chars(query, name, &[Field::Any, Field::Actors])
}

/// Byte ranges of char indices `chars` of `s`, which starts at `base` in
/// its article; consecutive chars join one range.
fn char_ranges(s: &str, base: usize, chars: &[usize], out: &mut Vec<Range<usize>>) {
    let offsets: Vec<(usize, usize)> = s
        .char_indices()
        .map(|(b, c)| (b, b + c.len_utf8()))
        .collect();
    for &ci in chars {
        if let Some(&(b, e)) = offsets.get(ci) {
            out.push(base + b..base + e);
        }
    }
}

/// Byte ranges of article `doc`'s text that the query matches: title
/// letters, body words and phrases, and mentions of matching actors;
/// sorted and merged.
pub fn article_marks(lib: &Library, query: &Query, doc: DocId) -> Vec<Range<usize>> {
    let Some(a) = lib.corpus.get(doc) else {
        return Vec::new();
    };
    let mut marks: Vec<Range<usize>> = Vec::new();
    char_ranges(
        a.title(),
        a.title_range().start,
        &title_chars(query, a.title()),
        &mut marks,
    );
    let body = a.body();
    let mut buf = String::new();
    for t in query.positive_terms().filter(|t| t.field == Field::Any) {
        let pat = Pattern::sensitive(t);
        if pat.phrase || t.form == Form::Substring {
            char_ranges(body, a.body_range().start, &text_chars(t, body), &mut marks);
            continue;
        }
        for (off, w) in words(body) {
            buf.clear();
            fold::transform_into(w, t.sense, &mut buf);
            if pat.word(&buf).is_some() {
                marks.push(a.body_range().start + off..a.body_range().start + off + w.len());
            }
        }
    }
    for t in query
        .positive_terms()
        .filter(|t| matches!(t.field, Field::Any | Field::Actors))
    {
        for m in lib.actors.in_doc(doc) {
            if actor_name_matches(lib, t, m.actor.ix()) {
                marks.push(m.range());
            }
        }
    }
    marks.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for r in marks {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(q: &str, doc: u32) -> Vec<String> {
        let lib = Library::seeds();
        let text = &lib.corpus.articles[doc as usize].text;
        article_marks(&lib, &Query::parse(q), DocId(doc))
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn body_words_and_actor_mentions_are_marked() {
        let m = marks("bortnikov", 1);
        assert!(m.contains(&"Aleksandr Bortnikov".to_owned()), "{m:?}");
        assert!(m.contains(&"Bortinkov".to_owned()), "{m:?}");
    }

    #[test]
    fn title_letters_are_marked() {
        let lib = Library::seeds();
        let title = lib.corpus.articles[1].title();
        let chars = title_chars(&Query::parse("kick"), title);
        assert_eq!(chars, [7, 8, 9, 10], "the start of 'kickstarts'");
    }

    #[test]
    fn phrases_are_marked_where_they_occur() {
        // The phrase is inside the mention of the UN Security Council, whose
        // name matches too, so the whole mention is marked.
        assert_eq!(marks(r"'security\ council", 2), ["UN Security Council"]);
        assert_eq!(marks(r"'drug\ trafficking", 2), ["drug trafficking"]);
    }

    #[test]
    fn negated_terms_mark_nothing() {
        assert!(marks("!crocus", 0).is_empty());
    }
}
