//! The article list: two rows per article (title; byline and actor count),
//! only the articles on screen are built, and with a filter the title's
//! matched letters are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{focused, marked_spans, pane_block, pane_title, scrollbar, theme::Theme, title_room};
use crate::app::{App, LIST_ROW_HEIGHT, Pane};
use crate::search::highlight::title_chars;
use crate::text;

/// Cells of the marks column after the selection bar: unread, bookmark
/// (or, on the second row, note), and a space.
const MARKS_W: usize = 3;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let focus = focused(app, Pane::List);
    let lib = &app.lib;
    let total = lib.corpus.len();
    let shown = app.list.rows.len();
    let title = list_title(app, shown, total).fit(title_room(area.width));
    let block = pane_block(th, pane_title(th, &title, focus, area.width), focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let visible = (usize::from(inner.height) / LIST_ROW_HEIGHT).max(1);
    let cursor = app.list.cursor;
    let query = app.filter.active().then_some(&app.filter.query);
    let mut lines = Vec::with_capacity(visible * LIST_ROW_HEIGHT);
    for (i, &doc) in app
        .list
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(visible)
    {
        let article = &lib.corpus.articles[doc.ix()];
        let selected = i == cursor.selected;
        let marker = if selected { "▌" } else { " " };
        let shown_title = article.display_title();
        let marked = match query {
            Some(q) => title_chars(q, shown_title),
            _ => Vec::new(),
        };
        // The marks column: unread dot and bookmark star over the note sign.
        let (read, bookmarked, noted) = app.marks_of(doc);
        let mut top_spans = vec![
            Span::styled(marker, th.key()),
            Span::styled(if read { " " } else { "•" }, th.mark()),
            Span::styled(if bookmarked { "★ " } else { "  " }, th.mark()),
        ];
        top_spans.extend(marked_spans(
            shown_title,
            &marked,
            width.saturating_sub(1 + MARKS_W),
            Style::new(),
            th.matched(),
        ));
        // Actors are found once the whole corpus is read: until then a
        // count would say "0 actors" of every article.
        let count = if lib.complete {
            text::count(lib.actors.actor_count(doc), "actor", "actors")
        } else {
            String::new()
        };
        let count_w = count.len() + 1;
        let room = width.saturating_sub(1 + MARKS_W + count_w);
        let by = match article.credit() {
            Some(credit) => text::pad(credit, room),
            // An id says the most at its end (business/101.txt): a
            // narrow list cuts its start.
            None => text::pad(&text::fit_end(&article.id, room), room),
        };
        let mut top = Line::from(top_spans);
        let mut bottom = Line::from(vec![
            Span::styled(marker, th.key()),
            Span::styled(if noted { " ✎ " } else { "   " }, th.note()),
            Span::styled(by, th.dim()),
            Span::styled(format!(" {count}"), th.dim()),
        ]);
        if selected {
            top = top.style(th.selected_row(focus));
            bottom = bottom.style(th.selected_row(focus));
        }
        lines.push(top);
        lines.push(bottom);
    }
    if shown == 0 {
        let why = if app.loading.is_some() && total == 0 {
            " Loading…"
        } else if app.filter.active() {
            " No article matches the filter"
        } else {
            " No articles to show"
        };
        let why = text::fit(why, usize::from(inner.width)).into_owned();
        lines.push(Line::styled(why, th.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(th, frame, area, shown, cursor.offset, visible);
}

/// The list's title before it is fitted to the pane: the count, then what
/// narrows the list and what the user marked, each with a rank.
fn list_title(app: &App, shown: usize, total: usize) -> Title {
    let all = shown == total;
    let count = if all {
        text::grouped(total)
    } else {
        format!("{}/{}", text::grouped(shown), text::grouped(total))
    };
    let mut title = Title {
        count,
        all,
        pieces: Vec::new(),
    };
    if app.loading.is_some() {
        title.push(" · ", "loading".into(), 1);
    }
    if let Some(a) = app.selected_actor {
        title.push(" naming ", app.lib.actors.get(a).name.to_owned(), 2);
    }
    if app.filter.active() {
        title.push(" · ", "filtered".into(), 0);
    }
    let (unread, bookmarked) = app.list.marked;
    title.push(" · ", format!("{} unread", text::grouped(unread)), 5);
    if bookmarked > 0 {
        title.push(" · ", format!("{}★", text::grouped(bookmarked)), 4);
    }
    title
}

/// Rank of the word "Articles" before the count: dropped after what
/// narrows the list, before the marks' counts.
const WORD_RANK: u8 = 3;

/// The list's title as pieces that can be dropped whole when the pane is
/// too narrow for all of them, least useful first. The count of articles
/// listed (of all loaded) is never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Title {
    /// "2,225", or "120/2,225" when fewer are listed than loaded.
    count: String,
    /// Every loaded article is listed.
    all: bool,
    /// The rest, in display order: what joins each to the text before it,
    /// the text, and its rank (the lowest rank is dropped first).
    pieces: Vec<(&'static str, String, u8)>,
}

impl Title {
    fn push(&mut self, join: &'static str, text: String, rank: u8) {
        self.pieces.push((join, text, rank));
    }

    /// The title with the pieces ranked at least `floor`.
    fn with_floor(&self, floor: u8) -> String {
        let mut s = match (floor <= WORD_RANK, self.all) {
            (true, true) => format!("Articles ({})", self.count),
            (true, false) => format!("Articles {}", self.count),
            (false, _) => self.count.clone(),
        };
        for (join, text, _) in self.pieces.iter().filter(|p| p.2 >= floor) {
            s.push_str(join);
            s.push_str(text);
        }
        s
    }

    /// The longest title that fits in `room` cells, dropping the lowest
    /// ranked pieces first; the count alone when nothing else fits (the
    /// border then cuts it, as it cuts any title).
    fn fit(&self, room: usize) -> String {
        let mut floors: Vec<u8> = self.pieces.iter().map(|p| p.2).collect();
        floors.push(WORD_RANK);
        floors.sort_unstable();
        floors.dedup();
        floors
            .into_iter()
            .chain([u8::MAX])
            .map(|floor| self.with_floor(floor))
            .find(|s| text::display_width(s) <= room)
            .unwrap_or_else(|| self.count.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(all: bool) -> Title {
        let mut t = Title {
            count: if all {
                "2,225".into()
            } else {
                "120/2,225".into()
            },
            all,
            pieces: Vec::new(),
        };
        t.push(" naming ", "Vladimir Putin".into(), 2);
        t.push(" · ", "filtered".into(), 0);
        t.push(" · ", "97 unread".into(), 5);
        t.push(" · ", "3★".into(), 4);
        t
    }

    #[test]
    fn the_title_drops_whole_pieces_least_useful_first() {
        let t = title(false);
        let full = "Articles 120/2,225 naming Vladimir Putin · filtered · 97 unread · 3★";
        assert_eq!(t.fit(200), full);
        assert_eq!(t.fit(full.chars().count()), full);
        let steps = [
            "Articles 120/2,225 naming Vladimir Putin · 97 unread · 3★",
            "Articles 120/2,225 · 97 unread · 3★",
            "120/2,225 · 97 unread · 3★",
            "120/2,225 · 97 unread",
            "120/2,225",
        ];
        // Each step shows at the narrowest width it fits, down to the next.
        for (i, step) in steps.iter().enumerate() {
            let w = step.chars().count();
            assert_eq!(t.fit(w), *step, "at {w}");
            if let Some(next) = steps.get(i + 1) {
                assert_eq!(t.fit(w - 1), *next, "at {}", w - 1);
            }
        }
        // Never cut: the count stays whole even when it overflows.
        assert_eq!(t.fit(3), "120/2,225");
    }

    #[test]
    fn the_whole_corpus_is_counted_in_parentheses_after_the_word() {
        let t = title(true);
        assert!(t.fit(200).starts_with("Articles (2,225) naming"));
        assert_eq!(t.fit(20), "2,225 · 97 unread");
    }
}
