//! The reader's state: the open article wrapped to the pane width, the
//! scroll position, and the mention the cursor is on.
//!
//! Wrapping is the only width-dependent work. It runs here, when the article
//! or the width changes, never while drawing; the renderer only slices the
//! rows that are on screen.

use std::ops::Range;

use crate::corpus::{Article, DocId};
use crate::text;

/// One screen row of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A wrapped piece of the article text: a byte range of its full text.
    Text {
        /// Byte offset of the row's first character.
        start: u32,
        /// Byte offset just past its last character.
        end: u32,
        /// Part of the title (drawn bold).
        title: bool,
    },
    /// A line of facts about the article (id, byline, source, date, url).
    Meta(String),
    /// A line of the user's note on the article, under its title.
    Note(String),
    /// Space between paragraphs.
    Blank,
}

/// The reader pane's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// The open article.
    pub doc: Option<DocId>,
    /// The width, in cells, `rows` were wrapped to.
    pub width: u16,
    /// The article laid out in rows (set with [`Reader::set_rows`]).
    pub rows: Vec<Row>,
    /// The indices of the [`Row::Text`] rows, whose starts increase, for
    /// finding a byte's row by bisection: `n` asks it of every target, and
    /// an article may have hundreds of thousands.
    text_rows: Vec<u32>,
    /// The first row on screen.
    pub scroll: usize,
    /// Byte ranges the filter's query matches in the article, highlighted.
    pub marks: Vec<Range<usize>>,
    /// What `n`/`N` walk in this article: the selected actor's mentions, or
    /// without one, the filter's marks.
    pub targets: Vec<Range<usize>>,
    /// The target the cursor is on, an index into `targets`.
    pub target: Option<usize>,
    /// The user's note on the open article, laid out under its title. Set
    /// before [`Reader::open`], or changed with [`Reader::set_note`].
    pub note: Option<String>,
    /// The mention cursor (`]` / `[`): an index into the open article's
    /// mentions of any actor.
    pub mention: Option<usize>,
    /// A passage to show marked: the timeline event's sentence or the
    /// statement the reader was opened at.
    pub spot: Option<Range<usize>>,
    /// Byte offset of the text the user last scrolled to the top of the
    /// screen; rewrapping for a new width brings it back to the top, so
    /// resizing back and forth never drifts.
    pub anchor: Option<usize>,
}

impl Reader {
    /// Opens `article` at the top, wrapped to `width`.
    pub fn open(&mut self, doc: DocId, article: &Article, width: u16) {
        self.doc = Some(doc);
        self.width = width;
        self.set_rows(layout_with_note(article, self.note.as_deref(), width));
        self.scroll = 0;
        self.marks.clear();
        self.targets.clear();
        self.target = None;
        self.mention = None;
        self.spot = None;
        self.anchor = None;
    }

    /// Closes the article (an empty list shows nothing).
    pub fn close(&mut self) {
        *self = Reader {
            width: self.width,
            ..Reader::default()
        };
    }

    /// Rewraps for a new width, keeping the text that was at the top of the
    /// screen at the top.
    pub fn rewrap(&mut self, article: &Article, width: u16) {
        if width == self.width {
            return;
        }
        self.width = width;
        self.set_rows(layout_with_note(article, self.note.as_deref(), width));
        self.scroll = match self.anchor {
            Some(off) => self.row_of(off),
            None => 0,
        };
    }

    /// Shows a new note (or none) on the open article, keeping the text at
    /// the top of the screen there.
    pub fn set_note(&mut self, article: &Article, note: Option<String>) {
        self.note = note;
        self.set_rows(layout_with_note(article, self.note.as_deref(), self.width));
        if let Some(off) = self.anchor {
            self.scroll = self.row_of(off);
        }
    }

    /// The byte offset of the first text row at or below the top of the
    /// screen.
    fn top_offset(&self) -> Option<usize> {
        self.rows[self.scroll.min(self.rows.len())..]
            .iter()
            .find_map(|r| match r {
                Row::Text { start, .. } => Some(*start as usize),
                _ => None,
            })
    }

    /// The row holding byte `offset` of the article text (or the nearest
    /// text row before it).
    pub fn row_of(&self, offset: usize) -> usize {
        let before = self.text_rows.partition_point(|&i| {
            matches!(self.rows[i as usize], Row::Text { start, .. } if start as usize <= offset)
        });
        before
            .checked_sub(1)
            .map_or(0, |k| self.text_rows[k] as usize)
    }

    /// Lays the article out in `rows`.
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        self.text_rows = (0..rows.len() as u32)
            .filter(|&i| matches!(rows[i as usize], Row::Text { .. }))
            .collect();
        self.rows = rows;
    }

    /// The largest useful scroll position for a pane `height` rows tall.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.rows.len().saturating_sub(height.max(1))
    }

    /// Scrolls by `delta` rows within bounds.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        self.scroll_to(self.scroll.saturating_add_signed(delta), height);
    }

    /// Puts row `row` at the top (within bounds) and remembers the text
    /// there as the reading position.
    pub fn scroll_to(&mut self, row: usize, height: usize) {
        self.scroll = row.min(self.max_scroll(height));
        self.anchor = if self.scroll == 0 {
            None
        } else {
            self.top_offset()
        };
    }

    /// Scrolls so that `row` is on screen; when it was off screen it lands a
    /// third of the way down, leaving context above it.
    pub fn reveal(&mut self, row: usize, height: usize) {
        let height = height.max(1);
        if row < self.scroll || row >= self.scroll + height {
            self.scroll_to(row.saturating_sub(height / 3), height);
        }
    }
}

/// Lays out an article for a pane `width` cells wide: the title, a line of
/// facts, then each paragraph, with blank rows between paragraphs.
pub fn layout(article: &Article, width: u16) -> Vec<Row> {
    layout_with_note(article, None, width)
}

/// Rows of the reader a note takes at most.
const NOTE_ROWS: usize = 4;

/// [`layout`], with the user's note under the title.
pub fn layout_with_note(article: &Article, note: Option<&str>, width: u16) -> Vec<Row> {
    let width = usize::from(width.max(1));
    let mut rows = Vec::new();
    let mut ranges = Vec::new();
    if !article.title().is_empty() {
        text::wrap_paragraph(&article.text, article.title_range(), width, &mut ranges);
        rows.extend(ranges.drain(..).map(|r| Row::Text {
            start: r.start as u32,
            end: r.end as u32,
            title: true,
        }));
    } else {
        rows.push(Row::Meta(format!("(untitled: {})", article.id)));
    }
    if let Some(note) = note {
        let safe = text::safe_line(&format!("✎ {note}")).into_owned();
        text::wrap_paragraph(&safe, 0..safe.len(), width, &mut ranges);
        // A note is a line or two; a very long one must not push the
        // article off the screen. Its last row shown ends in "…" (`a`
        // shows all of it).
        let cut = (ranges.len() > NOTE_ROWS).then(|| ranges[NOTE_ROWS - 1].start);
        ranges.truncate(NOTE_ROWS - usize::from(cut.is_some()));
        rows.extend(ranges.drain(..).map(|r| Row::Note(safe[r].to_owned())));
        if let Some(from) = cut {
            rows.push(Row::Note(text::fit(&safe[from..], width).into_owned()));
        }
    }
    // Facts wrap, so a long byline, url or note is never cut at the
    // pane's edge; but the first line's facts (id, byline, source, date)
    // share a row only while they fit, and a row breaks between them
    // rather than inside one, so no row starts with the separator.
    for fact in meta_rows(article) {
        let mut row = String::new();
        for part in fact.split(FACT_SEP) {
            let part = text::safe_line(part);
            let joined = text::display_width(&row)
                + text::display_width(FACT_SEP)
                + text::display_width(&part);
            if !row.is_empty() && joined <= width {
                row.push_str(FACT_SEP);
                row.push_str(&part);
                continue;
            }
            if !row.is_empty() {
                rows.push(Row::Meta(std::mem::take(&mut row)));
            }
            text::wrap_paragraph(&part, 0..part.len(), width, &mut ranges);
            let last = ranges.pop();
            rows.extend(ranges.drain(..).map(|r| Row::Meta(part[r].to_owned())));
            if let Some(r) = last {
                row = part[r].to_owned();
            }
        }
        if !row.is_empty() {
            rows.push(Row::Meta(row));
        }
    }
    for para in text::paragraphs(&article.text, article.body_range()) {
        rows.push(Row::Blank);
        text::wrap_paragraph(&article.text, para, width, &mut ranges);
        rows.extend(ranges.drain(..).map(|r| Row::Text {
            start: r.start as u32,
            end: r.end as u32,
            title: false,
        }));
    }
    rows
}

/// What joins the facts of the first line.
const FACT_SEP: &str = " · ";

/// The facts line(s) under the title: id, byline, source, date; then url.
fn meta_rows(article: &Article) -> Vec<String> {
    let m = article.meta();
    let mut first = vec![article.id.clone()];
    if let Some(b) = &m.byline {
        first.push(format!("by {b}"));
    }
    first.extend(m.source.clone());
    first.extend(m.date.clone());
    let mut out = vec![first.join(FACT_SEP)];
    out.extend(m.url.clone());
    if m.date
        .as_deref()
        .is_some_and(|d| crate::story::dates::parse_article_date(d).is_none())
    {
        // Said here, where the date is read: the timeline cannot place
        // this article's "yesterday" or "on Monday".
        out.push("(date not understood: its \"yesterday\" and \"on Monday\" stay undated; write it as 2024-05-29)".into());
    }
    let flags = article.flags();
    if flags.windows_1252 {
        out.push("(not UTF-8: read as Windows-1252, which covers Latin-1)".into());
    } else if flags.invalid_utf8_at.is_some() {
        out.push("(not valid UTF-8: shown with \u{fffd} where bytes could not be read)".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn long_facts_wrap_instead_of_running_past_the_edge() {
        let s = seed(0);
        let bad = crate::corpus::NotUtf8 {
            at: 3,
            windows_1252: false,
        };
        let a = Article::from_text(
            s.id.clone(),
            s.text.to_string(),
            s.meta().clone(),
            Some(bad),
        );
        let rows = layout(&a, 30);
        let facts: Vec<&str> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Meta(m) => Some(m.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            facts.iter().all(|m| text::display_width(m) <= 30),
            "{facts:?}"
        );
        let joined = facts.join(" ");
        assert!(joined.contains("could not be read)"), "{joined}");
    }

    #[test]
    fn a_wrapped_facts_line_breaks_between_facts_not_at_a_separator() {
        let meta = crate::corpus::Meta {
            byline: Some("Vafa Guliyeva".into()),
            source: Some("Caliber.Az".into()),
            date: Some("2024-05-29".into()),
            ..Default::default()
        };
        let a = Article::from_text(
            "000_2e5d647943.txt".into(),
            "Title\n\nBody.".into(),
            meta,
            None,
        );
        for width in 12..60 {
            let facts: Vec<String> = layout(&a, width)
                .into_iter()
                .filter_map(|r| match r {
                    Row::Meta(m) => Some(m),
                    _ => None,
                })
                .collect();
            for f in &facts {
                assert!(
                    !f.starts_with('·') && !f.ends_with('·'),
                    "{width}: {facts:?}"
                );
                assert!(
                    text::display_width(f) <= usize::from(width),
                    "{width}: {facts:?}"
                );
            }
            let all = facts.join(" ");
            for part in ["by Vafa Guliyeva", "Caliber.Az", "2024-05-29"] {
                assert!(all.contains(part) || width < 17, "{width}: {facts:?}");
            }
        }
    }

    #[test]
    fn a_bytes_row_is_the_last_text_row_starting_at_or_before_it() {
        let a = seed(2);
        for width in [20u16, 37, 80] {
            let mut r = Reader::default();
            r.open(DocId(2), &a, width);
            let linear = |offset: usize| {
                let mut best = 0;
                for (i, row) in r.rows.iter().enumerate() {
                    if let Row::Text { start, .. } = row {
                        if *start as usize > offset {
                            break;
                        }
                        best = i;
                    }
                }
                best
            };
            for offset in 0..=a.text.len() {
                assert_eq!(r.row_of(offset), linear(offset), "{width}: byte {offset}");
            }
        }
    }

    #[test]
    fn a_date_dossier_cannot_read_is_pointed_out() {
        let facts = |date: &str| {
            let meta = crate::corpus::Meta {
                date: Some(date.to_owned()),
                ..Default::default()
            };
            let a = Article::from_text("a.txt".into(), "Title\n\nBody.".into(), meta, None);
            meta_rows(&a).join("\n")
        };
        assert!(facts("last Tuesdayish").contains("date not understood"));
        for fine in ["2024-05-29", "29 May 2024", "2024-05-29T10:00:00Z"] {
            let shown = facts(fine);
            assert!(shown.contains(fine), "{shown}");
            assert!(!shown.contains("not understood"), "{shown}");
        }
    }

    fn seed(i: usize) -> Article {
        (*Corpus::seeds().articles[i]).clone()
    }

    fn texts<'a>(a: &'a Article, rows: &[Row]) -> Vec<&'a str> {
        rows.iter()
            .filter_map(|r| match r {
                Row::Text { start, end, .. } => Some(&a.text[*start as usize..*end as usize]),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn layout_has_title_facts_and_paragraphs_within_width() {
        let a = seed(1);
        let rows = layout(&a, 40);
        assert!(matches!(rows[0], Row::Text { title: true, .. }));
        assert!(
            rows.iter()
                .any(|r| matches!(r, Row::Meta(m) if m == "001_4848f0c9aefd9c35.txt"))
        );
        for t in texts(&a, &rows) {
            assert!(text::display_width(t) <= 40, "{t}");
        }
        let paragraphs = rows.iter().filter(|r| **r == Row::Blank).count();
        assert_eq!(paragraphs, 11);
    }

    #[test]
    fn rewrap_keeps_the_reading_position() {
        let a = seed(4);
        let mut r = Reader::default();
        r.open(DocId(4), &a, 60);
        r.scroll_to(30, 10);
        let top = r.top_offset().unwrap();
        r.rewrap(&a, 35);
        let new_top = r.top_offset().unwrap();
        // The text at the top now starts at or just before the old top.
        assert!(new_top <= top && top - new_top < 60, "{new_top} vs {top}");
        r.rewrap(&a, 60);
        assert_eq!(r.scroll, 30);
    }

    #[test]
    fn reveal_places_an_offscreen_row_a_third_down() {
        let a = seed(4);
        let mut r = Reader::default();
        r.open(DocId(4), &a, 40);
        r.reveal(50, 12);
        assert_eq!(r.scroll, 46);
        r.reveal(52, 12);
        assert_eq!(r.scroll, 46);
    }
}
