//! Display-safe text: what a string from a corpus looks like on a terminal.
//!
//! Corpus text is written by strangers. This module owns the one rule that
//! keeps it from acting on the terminal: every character that a terminal would
//! interpret (C0 and C1 controls, DEL, bidirectional overrides) is replaced by
//! a visible placeholder before it reaches any output, and widths are measured
//! on what will actually be drawn, one grapheme cluster at a time, the way
//! ratatui's buffer measures them. Layout code (wrapping, truncation, column
//! alignment) must measure with these functions so that what it plans is what
//! the screen shows.
//!
//! It must not know about panes, articles or the terminal backend.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis appended when text is cut to fit a column.
pub const ELLIPSIS: &str = "…";

/// Whether `c` would act on a terminal or reorder text if printed raw.
///
/// Newline and tab are included: callers decide what a line break or a tab
/// means in their context (see [`safe_line`] and [`push_safe`]).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}'
        | '\u{061c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

/// Width in cells of the placeholder shown for an unsafe character, or
/// `None` when `c` is drawn as itself.
fn placeholder_width(c: char) -> Option<usize> {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(1),
        '\0'..='\x1f' | '\x7f' => Some(2),
        c if is_unsafe(c) => Some(8),
        _ => None,
    }
}

/// Appends the placeholder for an unsafe character: caret notation for C0
/// controls and DEL (`^[`, `^?`, as `cat -v` shows them), `<U+XXXX>` for the
/// rest. Line breaks and tabs become a single space.
fn push_placeholder(out: &mut String, c: char) {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
        '\x7f' => out.push_str("^?"),
        '\0'..='\x1f' => {
            out.push('^');
            out.push(char::from(c as u8 + 0x40));
        }
        c => {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
    }
}

/// Appends `s` to `out` with every unsafe character replaced by its
/// placeholder. Line breaks and tabs become spaces.
pub fn push_safe(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(is_unsafe) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or(' ');
        push_placeholder(out, c);
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// `s` as one line that is safe to print: unsafe characters become visible
/// placeholders and line breaks and tabs become spaces. Borrows when nothing
/// needs replacing, which is the common case.
pub fn safe_line(s: &str) -> Cow<'_, str> {
    if s.contains(is_unsafe) {
        let mut out = String::with_capacity(s.len() + 8);
        push_safe(&mut out, s);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Like [`safe_line`] but keeps `\n` (and turns `\r\n` and lone `\r` into
/// `\n`) for multi-line plain output, and keeps tabs.
pub fn safe_text(s: &str) -> Cow<'_, str> {
    let needs = s.contains(|c: char| is_unsafe(c) && c != '\n' && c != '\t');
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_unsafe(c) => push_placeholder(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Display width in terminal cells of one grapheme cluster once made safe.
///
/// Mirrors ratatui's buffer: a grapheme is measured as a whole with
/// `unicode-width` (so emoji sequences and CJK take two cells and combining
/// marks none), halfwidth katakana sound marks take a cell of their own, and
/// any unsafe character inside is counted at its placeholder's width.
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        let b = g.as_bytes()[0];
        return if b.is_ascii_control() {
            placeholder_width(b as char).unwrap_or(1)
        } else {
            1
        };
    }
    if g.contains(is_unsafe) {
        return g
            .chars()
            .map(|c| placeholder_width(c).unwrap_or_else(|| c.to_string().width()))
            .sum();
    }
    let marks = g
        .chars()
        .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
        .count();
    g.width() + marks
}

/// Display width of `s` once made safe: the sum of its graphemes' widths.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// `s` made safe and cut to at most `max` cells; when it had to be cut the
/// last cell is an ellipsis. Never splits a grapheme.
pub fn fit(s: &str, max: usize) -> Cow<'_, str> {
    fit_keeping(s, max, false)
}

/// Like [`fit`], but keeps the end of `s` and cuts its start: for paths,
/// whose last parts say the most ("…/news/2024").
pub fn fit_end(s: &str, max: usize) -> Cow<'_, str> {
    fit_keeping(s, max, true)
}

/// [`fit`] keeping the start of `s`, or with `end` its end.
fn fit_keeping(s: &str, max: usize, end: bool) -> Cow<'_, str> {
    let safe = safe_line(s);
    if display_width(&safe) <= max {
        return safe;
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    // The graphemes kept, from the side kept, until the cells but one (for
    // the ellipsis) are used.
    let budget = max - 1;
    let mut used = 0;
    let kept = |(_, g): &(usize, &str)| {
        used += grapheme_width(g);
        used <= budget
    };
    Cow::Owned(if end {
        let start = safe
            .grapheme_indices(true)
            .rev()
            .take_while(kept)
            .last()
            .map_or(safe.len(), |(i, _)| i);
        format!("{ELLIPSIS}{}", &safe[start..])
    } else {
        let stop = safe
            .grapheme_indices(true)
            .take_while(kept)
            .last()
            .map_or(0, |(i, g)| i + g.len());
        format!("{}{ELLIPSIS}", &safe[..stop])
    })
}

/// `s` made safe and padded with spaces (or cut with an ellipsis) to exactly
/// `width` cells, for aligned columns.
pub fn pad(s: &str, width: usize) -> String {
    let fitted = fit(s, width);
    let w = display_width(&fitted);
    let mut out = String::with_capacity(fitted.len() + width.saturating_sub(w));
    out.push_str(&fitted);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Like [`pad`] but right-aligned.
pub fn pad_left(s: &str, width: usize) -> String {
    let fitted = fit(s, width);
    let w = display_width(&fitted);
    let mut out = String::with_capacity(fitted.len() + width.saturating_sub(w));
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out.push_str(&fitted);
    out
}

/// Converts char indices into `s` (as fuzzy-matcher returns them) into the
/// display columns they occupy once `s` is made safe, merged into sorted,
/// non-overlapping `[start, end)` cell ranges. A multi-codepoint grapheme is
/// marked whole when any of its chars is matched.
pub fn char_indices_to_columns(s: &str, indices: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    if indices.is_empty() {
        return out;
    }
    let mut wanted = indices.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut next = 0;
    let mut char_pos = 0;
    let mut col = 0;
    for g in s.graphemes(true) {
        let n = g.chars().count();
        let w = grapheme_width(g);
        while next < wanted.len() && wanted[next] < char_pos {
            next += 1;
        }
        if next < wanted.len() && wanted[next] < char_pos + n && w > 0 {
            match out.last_mut() {
                Some(last) if last.1 == col => last.1 = col + w,
                _ => out.push((col, col + w)),
            }
        }
        char_pos += n;
        col += w;
        if next >= wanted.len() {
            break;
        }
    }
    out
}

/// Byte ranges of the paragraphs of `text[range]`: each line, trimmed, with
/// empty lines dropped. `\n`, `\r\n`, `\r` and the Unicode line and
/// paragraph separators all end a line.
pub fn paragraphs(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    text[range]
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .scan(base, |pos, line| {
            let start = *pos;
            // Every separator above is one char; advance past it.
            *pos += line.len();
            let sep = text[*pos..].chars().next().map_or(0, char::len_utf8);
            *pos += sep;
            Some((start, line))
        })
        .filter_map(|(start, line)| {
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            (!trimmed.is_empty()).then(|| start + lead..start + lead + trimmed.len())
        })
}

/// A piece of a paragraph that wrapping keeps whole: a word (or part of one
/// where a break is allowed inside) and the whitespace after it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    /// End of the visible part (before trailing whitespace).
    end: usize,
    width: usize,
    space: usize,
}

impl textwrap::core::Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Whether `c` separates words for wrapping. No-break spaces do not.
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Cuts one paragraph into pieces: at whitespace, after a hyphen or dash
/// inside a word, between two wide (CJK) characters, and anywhere needed to
/// keep a piece within `width`.
fn pieces(text: &str, range: Range<usize>, width: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur: Option<Piece> = None;
    let mut prev_wide = false;
    let mut prev_dash = false;
    let mut in_space = false;
    for (i, g) in text[range.clone()].grapheme_indices(true) {
        let at = range.start + i;
        let w = grapheme_width(g);
        let is_space = g.chars().all(breaks);
        if is_space {
            if let Some(p) = cur.as_mut() {
                p.space += w;
            }
            in_space = true;
            continue;
        }
        let wide = w >= 2;
        let split_here = in_space || prev_dash || (wide && prev_wide);
        let too_wide = cur.is_some_and(|p| p.space == 0 && p.width + w > width);
        if split_here || too_wide || cur.is_none() {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            cur = Some(Piece {
                start: at,
                end: at + g.len(),
                width: w,
                space: 0,
            });
        } else if let Some(p) = cur.as_mut() {
            p.end = at + g.len();
            p.width += w;
        }
        in_space = false;
        prev_wide = wide;
        prev_dash = matches!(g, "-" | "\u{2010}" | "\u{2013}" | "\u{2014}" | "/");
    }
    out.extend(cur);
    out
}

/// Wraps one paragraph `text[range]` (which holds no line break) into lines
/// of at most `width` cells, appending each line's byte range to `out`.
/// Lines end at word boundaries where possible; a word longer than a line is
/// cut between graphemes, never inside one. Trailing whitespace is dropped.
pub fn wrap_paragraph(text: &str, range: Range<usize>, width: usize, out: &mut Vec<Range<usize>>) {
    let width = width.max(1);
    let pieces = pieces(text, range, width);
    if pieces.is_empty() {
        return;
    }
    for line in textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[width as f64]) {
        if let (Some(first), Some(last)) = (line.first(), line.last()) {
            out.push(first.start..last.end);
        }
    }
}

/// The text around `text[range]` on the same line: at most `side` cells to
/// the left and to the right, cut at word boundaries where possible, with
/// runs of whitespace folded into one space. Both sides are safe to print.
pub fn context(text: &str, range: Range<usize>, side: usize) -> (String, String) {
    (
        context_before(text, range.start, side),
        context_after(text, range.end, side),
    )
}

/// How far either side of a mention its context may look: a generous number
/// of bytes for `side` cells (a cell is at most 4 bytes, and whitespace
/// folds). On a 50 MB line a context must not read the whole line.
fn reach(side: usize) -> usize {
    side.saturating_mul(8).saturating_add(64)
}

/// The left half of [`context`]: the text before byte `at` on its line, at
/// most `side` cells, starting at a word where one fits.
///
/// Graphemes are measured from `at` outwards and only until `side` cells
/// are used up, so a concordance line costs its own width, not the width of
/// the window it was cut from.
pub fn context_before(text: &str, at: usize, side: usize) -> String {
    let lo = floor_char(text, at.saturating_sub(reach(side)));
    let mut window = &text[lo..at];
    if let Some(nl) = window.rfind(['\n', '\r']) {
        window = &window[nl + 1..];
    }
    let mut from = window.len();
    let mut used = 0;
    let mut in_space = false;
    let mut cut_in_word = false;
    for (i, g) in clusters(window).rev() {
        let space = is_space(g);
        let w = folded_width(g, space, in_space);
        if used + w > side {
            cut_in_word = !space;
            break;
        }
        used += w;
        from = i;
        in_space = space;
    }
    if cut_in_word {
        // Started inside a word: drop its tail, unless nothing would be left.
        let rest = &window[from..];
        let mut gs = clusters(rest).skip_while(|(_, g)| !is_space(g));
        if gs.next().is_some() {
            if let Some((i, _)) = gs.find(|(_, g)| !is_space(g)) {
                from += i;
            }
        }
    }
    fold_spaces(&window[from..])
}

/// Cells grapheme `g` takes once whitespace runs fold into one space:
/// none for whitespace after whitespace.
fn folded_width(g: &str, space: bool, in_space: bool) -> usize {
    match (space, in_space) {
        (true, true) => 0,
        (true, false) => 1,
        (false, _) => grapheme_width(g),
    }
}

/// The right half of [`context`]: the text after byte `at` on its line, at
/// most `side` cells, ending at a word where one fits. Like
/// [`context_before`], it measures only what it keeps.
pub fn context_after(text: &str, at: usize, side: usize) -> String {
    let hi = ceil_char(text, at.saturating_add(reach(side)).min(text.len()));
    let mut window = &text[at..hi];
    if let Some(nl) = window.find(['\n', '\r']) {
        window = &window[..nl];
    }
    let mut to = 0;
    let mut used = 0;
    let mut in_space = false;
    // Where the last run of whitespace kept so far starts.
    let mut last_space = None;
    for (i, g) in clusters(window) {
        let space = is_space(g);
        let w = folded_width(g, space, in_space);
        if used + w > side {
            // Stopped inside a word: drop its head.
            if !space {
                if let Some(sp) = last_space.filter(|&sp| sp > 0) {
                    to = sp;
                }
            }
            break;
        }
        if space && !in_space {
            last_space = Some(i);
        }
        used += w;
        to = i + g.len();
        in_space = space;
    }
    fold_spaces(&window[..to])
}

/// One-line text editing, as the filter and note lines do it: `cursor` is
/// a byte offset into `line`, and every step or deletion takes a whole
/// grapheme, so a flag or an accented letter is never split. The
/// deletions say whether anything was deleted.
pub mod line {
    use super::{grapheme_after, grapheme_before};

    /// Inserts `c` at the cursor and moves past it.
    pub fn insert(line: &mut String, cursor: &mut usize, c: char) {
        line.insert(*cursor, c);
        *cursor += c.len_utf8();
    }

    /// Deletes the character before the cursor.
    pub fn backspace(line: &mut String, cursor: &mut usize) -> bool {
        let from = grapheme_before(line, *cursor);
        line.replace_range(from..*cursor, "");
        std::mem::replace(cursor, from) != from
    }

    /// Deletes the character under the cursor.
    pub fn delete(line: &mut String, cursor: usize) -> bool {
        let to = grapheme_after(line, cursor);
        line.replace_range(cursor..to, "");
        to != cursor
    }

    /// Deletes the word before the cursor (Ctrl-W), with the spaces after
    /// it.
    pub fn delete_word(line: &mut String, cursor: &mut usize) -> bool {
        let trimmed = line[..*cursor].trim_end();
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        line.replace_range(start..*cursor, "");
        std::mem::replace(cursor, start) != start
    }

    /// Moves the cursor one character left or right.
    pub fn step(line: &str, cursor: &mut usize, right: bool) {
        *cursor = if right {
            grapheme_after(line, *cursor)
        } else {
            grapheme_before(line, *cursor)
        };
    }
}

/// Where the character a user sees before byte `at` of `s` starts: one
/// grapheme back (`at` itself if nothing is before it).
fn grapheme_before(s: &str, at: usize) -> usize {
    s[..at]
        .graphemes(true)
        .next_back()
        .map_or(at, |g| at - g.len())
}

/// Where the character a user sees at byte `at` of `s` ends (`at` itself
/// at the end).
fn grapheme_after(s: &str, at: usize) -> usize {
    s[at..].graphemes(true).next().map_or(at, |g| at + g.len())
}

/// The grapheme clusters of `line` (which holds no line break) with their
/// byte offsets. ASCII without line breaks is one cluster a byte, so it is
/// walked without the segmentation tables: most news text is.
fn clusters(line: &str) -> Clusters<'_> {
    if line.is_ascii() {
        Clusters::Ascii(line, 0..line.len())
    } else {
        Clusters::Other(line.grapheme_indices(true))
    }
}

enum Clusters<'a> {
    Ascii(&'a str, Range<usize>),
    Other(unicode_segmentation::GraphemeIndices<'a>),
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Clusters::Ascii(s, r) => r.next().map(|i| (i, &s[i..=i])),
            Clusters::Other(g) => g.next(),
        }
    }
}

impl DoubleEndedIterator for Clusters<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Clusters::Ascii(s, r) => r.next_back().map(|i| (i, &s[i..=i])),
            Clusters::Other(g) => g.next_back(),
        }
    }
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

/// `i`, or the nearest char boundary before it.
pub fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `i`, or the nearest char boundary after it.
fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `s` with each run of whitespace folded into one space and everything
/// else made safe, in one pass.
pub fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c == '\u{feff}' {
            // A byte-order mark (a file's first character, kept so offsets
            // match the file) shows nothing and says nothing.
            continue;
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            if is_unsafe(c) {
                push_placeholder(&mut out, c);
            } else {
                out.push(c);
            }
            in_space = false;
        }
    }
    out
}

/// `n` with thousands separated, as people read counts (`12,887`).
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` things, grouped, with the noun agreeing (`1 actor`, `2,225
/// articles`).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(s: &str, width: usize) -> Vec<&str> {
        let mut out = Vec::new();
        wrap_paragraph(s, 0..s.len(), width, &mut out);
        out.into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn a_context_leaves_out_a_byte_order_mark() {
        let text = "\u{feff}BOM title about Tony Blair";
        let at = text.find("Tony").unwrap();
        assert_eq!(context_before(text, at, 40), "BOM title about ");
        assert_eq!(fold_spaces(text), "BOM title about Tony Blair");
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            wrap("Russia is weighing the possibility", 12),
            ["Russia is", "weighing the", "possibility"]
        );
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let s = "In 2023, poppy cultivation fell from 1,300 km² to 10 km² — “quoted” 北京北京北京 👍🏽👍🏽 e\u{301}e\u{301}";
        for width in 1..40 {
            for line in wrap(s, width) {
                // A single grapheme wider than the whole line is the only
                // thing allowed to overflow (a CJK character at width 1).
                let single = line.graphemes(true).count() == 1;
                assert!(
                    display_width(line) <= width || single,
                    "{line:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn long_words_are_cut_between_graphemes() {
        assert_eq!(
            wrap("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(wrap("北京北京", 3), ["北", "京", "北", "京"]);
        assert_eq!(wrap("北京北京", 4), ["北京", "北京"]);
    }

    #[test]
    fn breaks_after_dashes_inside_words() {
        assert_eq!(wrap("Forum—which has", 8), ["Forum—", "which", "has"]);
    }

    #[test]
    fn paragraphs_split_on_any_line_break_and_skip_blanks() {
        let s = "Title\r\n\r\n  One.  \nTwo.\rThree.\u{2028}Four.";
        let p: Vec<&str> = paragraphs(s, 0..s.len()).map(|r| &s[r]).collect();
        assert_eq!(p, ["Title", "One.", "Two.", "Three.", "Four."]);
    }

    #[test]
    fn context_stays_on_the_line_and_cuts_at_words() {
        let s = "Title\nThe head of the FSB said on Friday that it was done.\nNext";
        let start = s.find("FSB").unwrap();
        let (l, r) = context(s, start..start + 3, 12);
        assert_eq!(l, "head of the ");
        assert_eq!(r, " said on");
        let (l, r) = context(s, start..start + 3, 100);
        assert_eq!(l, "The head of the ");
        assert_eq!(r, " said on Friday that it was done.");
    }

    #[test]
    fn context_folds_spaces_and_measures_wide_text() {
        let s = "one \t  two   FSB  \t three four";
        let at = s.find("FSB").unwrap();
        assert_eq!(context_before(s, at, 9), "one two ");
        // "e two " would fit six cells, but starts inside a word.
        assert_eq!(context_before(s, at, 6), "two ");
        assert_eq!(context_after(s, at + 3, 7), " three");
        let w = "北京北京 FSB 東京東京";
        let at = w.find("FSB").unwrap();
        // Five cells: the space and two wide characters. The cut word is
        // kept, as dropping it would leave only the space.
        assert_eq!(context_before(w, at, 5), "北京 ");
        assert_eq!(context_after(w, at + 3, 5), " 東京");
        let c = "x \x1b[2J FSB \u{202e}y";
        let at = c.find("FSB").unwrap();
        assert_eq!(context_before(c, at, 20), "x ^[[2J ");
        assert_eq!(context_after(c, at + 3, 20), " <U+202E>y");
    }

    #[test]
    fn controls_become_visible_placeholders() {
        assert_eq!(safe_line("a\x1b[Bb"), "a^[[Bb");
        assert_eq!(safe_line("x\x03y\x7fz"), "x^Cy^?z");
        assert_eq!(safe_line("tab\there\nnext"), "tab here next");
        assert_eq!(safe_line("\u{202e}evil"), "<U+202E>evil");
        assert_eq!(safe_line("c1\u{9b}31m"), "c1<U+009B>31m");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(safe_line("Taliban’s “status”"), Cow::Borrowed(_)));
    }

    #[test]
    fn safe_text_keeps_lines_and_normalises_carriage_returns() {
        assert_eq!(safe_text("a\r\nb\rc\n\x1bd"), "a\nb\nc\n^[d");
    }

    #[test]
    fn widths_match_what_is_drawn() {
        assert_eq!(display_width("km²"), 3);
        assert_eq!(display_width("“quoted” — dash"), 15);
        assert_eq!(display_width("北京"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("\x1b"), 2);
        assert_eq!(display_width("👍🏽"), 2);
    }

    #[test]
    fn fit_end_keeps_the_end() {
        assert_eq!(fit_end("/srv/news/2024", 20), "/srv/news/2024");
        assert_eq!(fit_end("/srv/news/2024", 8), "…ws/2024");
        assert_eq!(fit_end("/a/🇩🇪/b", 4), "…/b", "a flag is not split");
        assert_eq!(fit_end("abc", 0), "");
    }

    #[test]
    fn fit_cuts_on_grapheme_boundaries_with_an_ellipsis() {
        assert_eq!(fit("Bortnikov", 20), "Bortnikov");
        assert_eq!(fit("Bortnikov", 5), "Bort…");
        assert_eq!(fit("北京北京", 4), "北…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(display_width(&fit("北京北京", 4)), 3);
    }

    #[test]
    fn pad_aligns_wide_text() {
        assert_eq!(pad("北京", 6), "北京  ");
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(display_width(&pad("a\x1bb", 6)), 6);
    }

    #[test]
    fn char_indices_map_to_cells() {
        // "北" is two cells wide, so char 1 ("a") starts at column 2.
        assert_eq!(char_indices_to_columns("北ab", &[1, 2]), vec![(2, 4)]);
        // A combining accent belongs to its base letter's cell.
        assert_eq!(char_indices_to_columns("e\u{301}x", &[1]), vec![(0, 1)]);
        // An escape is drawn as two cells ("^[").
        assert_eq!(char_indices_to_columns("\x1bz", &[1]), vec![(2, 3)]);
    }

    #[test]
    fn counts_group_thousands_and_agree_with_their_noun() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(12_887), "12,887");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(count(1, "actor", "actors"), "1 actor");
        assert_eq!(count(2_225, "article", "articles"), "2,225 articles");
    }
}
