//! The mouse: which row of which pane a screen cell is, from the same
//! geometry the renderers draw with, and what a click or a wheel notch
//! there does.
//!
//! The binary turns terminal mouse events into [`super::Action::Click`] and
//! [`super::Action::Scroll`] with screen cells; everything else is here, so
//! tests click without a terminal. Must not touch: the terminal.

use std::sync::Arc;

use super::layout::Area;
use super::reader::Row;
use super::scroll::Cursor;
use super::views::View;
use super::{App, Effect, LIST_ROW_HEIGHT, Pane, READER_PADDING, RELATED_SIDE_BY_SIDE};
use crate::text;

/// Rows (or reader lines) one wheel notch moves.
pub const WHEEL_ROWS: usize = 3;

/// What lies under a screen cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hit {
    /// A row of the article list (an index into its rows), or its border
    /// and empty space (`None`).
    List(Option<usize>),
    /// The reader, at a byte of the article text when the cell shows one.
    Reader(Option<usize>),
    /// A row of the actors sidebar.
    Actors(Option<usize>),
    /// A row of the concordance.
    Concordance(Option<usize>),
    /// A row of one of the related-actors lists: the list, the row.
    Related(usize, Option<usize>),
    /// A row of the timeline.
    Timeline(Option<usize>),
    /// A row of the statements list.
    Quotes(Option<usize>),
}

/// The index of the row under screen row `row` of a list drawn from screen
/// row `top`, `height` rows each, showing from `cursor.offset` at most
/// `visible` of `len` rows.
fn list_row(
    row: u16,
    top: u16,
    height: usize,
    cursor: Cursor,
    visible: usize,
    len: usize,
) -> Option<usize> {
    let k = usize::from(row.checked_sub(top)?) / height.max(1);
    let i = cursor.offset + k;
    (k < visible && i < len).then_some(i)
}

impl App {
    /// The area the full-screen views are drawn in: the screen above the
    /// status line.
    fn body(&self) -> Area {
        let s = self.layout.screen;
        Area {
            h: s.h.saturating_sub(1),
            ..s
        }
    }

    /// What is under cell (`col`, `row`).
    fn hit(&self, col: u16, row: u16) -> Option<Hit> {
        if self.layout.too_small {
            return None;
        }
        let inside = |a: Area| a.contains(col, row).then(|| a.inner());
        if self.view != View::Panes {
            let inner = inside(self.body())?;
            // Rows start below the headers each view draws.
            let rows_at = |headers: u16| inner.y.saturating_add(headers);
            return Some(match self.view {
                View::Concordance => Hit::Concordance(self.concordance.as_ref().and_then(|c| {
                    list_row(
                        row,
                        rows_at(2),
                        1,
                        c.cursor,
                        self.view_visible(),
                        c.rows.len(),
                    )
                })),
                View::Timeline => Hit::Timeline(self.timeline.as_ref().and_then(|t| {
                    list_row(
                        row,
                        rows_at(1),
                        1,
                        t.cursor,
                        self.timeline_visible(),
                        t.rows.len(),
                    )
                })),
                View::Quotes => Hit::Quotes(self.quotes.as_ref().and_then(|q| {
                    list_row(
                        row,
                        rows_at(1),
                        1,
                        q.cursor,
                        self.quotes_visible(),
                        q.rows.len(),
                    )
                })),
                View::Related => {
                    let r = self.related.as_ref()?;
                    // A line of totals, then each list: its header, its rows.
                    let (column, top) = if usize::from(inner.w) >= RELATED_SIDE_BY_SIDE {
                        let half = (inner.w / 2).max(1);
                        (
                            usize::from(col.saturating_sub(inner.x) / half).min(1),
                            rows_at(2),
                        )
                    } else {
                        let first = u16::try_from(self.related_heights()[0]).unwrap_or(u16::MAX);
                        if row < rows_at(1 + first) {
                            (0, rows_at(2))
                        } else {
                            (1, rows_at(2 + first))
                        }
                    };
                    let visible = self.related_visible(column);
                    let cursor = r.cursors[column];
                    Hit::Related(
                        column,
                        list_row(row, top, 1, cursor, visible, r.list(column).len()),
                    )
                }
                View::Panes => return None,
            });
        }
        let pane = self.layout.pane_at(col, row)?;
        let area = self.layout.area(pane)?;
        let inner = area.inner();
        let on_text = inner.contains(col, row);
        Some(match pane {
            Pane::List => Hit::List(
                on_text
                    .then(|| {
                        list_row(
                            row,
                            inner.y,
                            LIST_ROW_HEIGHT,
                            self.list.cursor,
                            self.list_visible(),
                            self.list.rows.len(),
                        )
                    })
                    .flatten(),
            ),
            Pane::Actors => Hit::Actors(
                on_text
                    .then(|| {
                        list_row(
                            row,
                            inner.y.saturating_add(1),
                            1,
                            self.sidebar.cursor,
                            self.sidebar_visible(),
                            self.sidebar.rows.len(),
                        )
                    })
                    .flatten(),
            ),
            Pane::Reader => Hit::Reader(
                on_text
                    .then(|| self.reader_offset(col - inner.x, row - inner.y))
                    .flatten(),
            ),
        })
    }

    /// The byte of the open article drawn `x` cells right of the reader's
    /// inner left edge, on its `y`th row on screen.
    fn reader_offset(&self, x: u16, y: u16) -> Option<usize> {
        let doc = self.reader.doc?;
        let row = self.reader.rows.get(self.reader.scroll + usize::from(y))?;
        let Row::Text { start, end, .. } = *row else {
            return None;
        };
        let x = usize::from(x.checked_sub(READER_PADDING)?);
        let t = &self.lib.corpus.articles[doc.ix()].text;
        let line = t.get(start as usize..end as usize)?;
        // Cells as the renderer lays them out: each grapheme made safe.
        let mut cell = 0;
        for (i, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(line, true) {
            let w = text::grapheme_width(g);
            if x < cell + w {
                return Some(start as usize + i);
            }
            cell += w;
        }
        None
    }

    /// A left click at (`col`, `row`); `again` if it is the second of a
    /// double click.
    pub(super) fn click(&mut self, col: u16, row: u16, again: bool) -> Option<Effect> {
        // A double click on a view's row: the first click opened its
        // article in the panes, and the second would land on whatever
        // row of the list is now under the pointer (helper-34).
        let left_view = std::mem::take(&mut self.left_view_by_click);
        if again && left_view {
            return None;
        }
        if self.overlay.is_some() {
            return None;
        }
        let in_view = self.view != View::Panes;
        let hit = self.hit(col, row)?;
        if self.filter.editing {
            // Clicking away from the filter line keeps what was typed.
            self.accept_filter();
        }
        // A click on the row already selected in the focused pane acts on
        // it, as Enter would.
        let again = |focused: bool, cursor: &Cursor, i: usize| focused && cursor.selected == i;
        match hit {
            Hit::List(i) => {
                let was = self.focus == Pane::List;
                self.focus_pane(Pane::List);
                if let Some(i) = i {
                    if again(was, &self.list.cursor, i) {
                        self.activate();
                    } else {
                        let (len, vis) = (self.list.rows.len(), self.list_visible());
                        self.list.cursor.select(i, len, vis);
                        self.open_selected();
                    }
                }
            }
            Hit::Actors(i) => {
                let was = self.focus == Pane::Actors;
                self.focus_pane(Pane::Actors);
                if let Some(i) = i {
                    if again(was, &self.sidebar.cursor, i) {
                        self.activate();
                    } else {
                        let (len, vis) = (self.sidebar.rows.len(), self.sidebar_visible());
                        self.sidebar.cursor.select(i, len, vis);
                    }
                }
            }
            Hit::Reader(at) => {
                self.focus_pane(Pane::Reader);
                let doc = self.reader.doc?;
                let at = at?;
                let lib = Arc::clone(&self.lib);
                let mentions = lib.actors.in_doc(doc);
                let k = mentions
                    .iter()
                    .position(|m| (m.start as usize) <= at && at < m.end as usize)?;
                self.reader.mention = Some(k);
                self.reader.target = None;
                self.follow_mention();
            }
            Hit::Concordance(i) => {
                let vis = self.view_visible();
                let c = self.concordance.as_mut()?;
                if click_row(&mut c.cursor, i?, c.rows.len(), vis) {
                    self.activate();
                }
            }
            Hit::Timeline(i) => {
                let vis = self.timeline_visible();
                let t = self.timeline.as_mut()?;
                if click_row(&mut t.cursor, i?, t.rows.len(), vis) {
                    self.activate();
                }
            }
            Hit::Quotes(i) => {
                let vis = self.quotes_visible();
                let q = self.quotes.as_mut()?;
                if click_row(&mut q.cursor, i?, q.rows.len(), vis) {
                    self.activate();
                }
            }
            Hit::Related(column, i) => {
                let vis = self.related_visible(column);
                let r = self.related.as_mut()?;
                let was = r.column == column;
                r.column = column;
                let i = i?;
                if was && r.cursors[column].selected == i {
                    self.activate();
                } else {
                    let len = r.list(column).len();
                    r.cursors[column].select(i, len, vis);
                }
            }
        }
        self.left_view_by_click = in_view && self.view == View::Panes;
        None
    }

    /// Focuses `pane`, laying out again when that changes what is shown.
    fn focus_pane(&mut self, pane: Pane) {
        if self.focus != pane {
            self.focus = pane;
            self.refit();
        }
    }

    /// The wheel turned `delta` notches over (`col`, `row`): the help or
    /// the warnings scroll when open, else the pane or view under the
    /// pointer, without taking the focus.
    pub(super) fn wheel(&mut self, col: u16, row: u16, delta: i16) {
        let rows = isize::from(delta) * WHEEL_ROWS as isize;
        if let Some(overlay) = self.overlay {
            // The export overlay's three choices are the keys' business.
            let Some((scroll, max)) = self.overlay_scroll(overlay) else {
                return;
            };
            let scroll = scroll.saturating_add_signed(rows).min(max);
            self.overlay = Some(overlay.scrolled_to(scroll));
            return;
        }
        let Some(hit) = self.hit(col, row) else {
            return;
        };
        match hit {
            Hit::List(_) => {
                let before = self.list.selected();
                let (len, vis) = (self.list.rows.len(), self.list_visible());
                scroll_window(&mut self.list.cursor, rows, len, vis);
                if self.list.selected() != before {
                    self.open_selected();
                }
            }
            Hit::Actors(_) => {
                let (len, vis) = (self.sidebar.rows.len(), self.sidebar_visible());
                scroll_window(&mut self.sidebar.cursor, rows, len, vis);
            }
            Hit::Reader(_) => {
                let h = self.reader_height();
                self.reader.scroll_by(rows, h);
            }
            Hit::Concordance(_) => {
                let vis = self.view_visible();
                if let Some(c) = &mut self.concordance {
                    scroll_window(&mut c.cursor, rows, c.rows.len(), vis);
                }
            }
            Hit::Timeline(_) => {
                let vis = self.timeline_visible();
                if let Some(t) = &mut self.timeline {
                    scroll_window(&mut t.cursor, rows, t.rows.len(), vis);
                }
            }
            Hit::Quotes(_) => {
                let vis = self.quotes_visible();
                if let Some(q) = &mut self.quotes {
                    scroll_window(&mut q.cursor, rows, q.rows.len(), vis);
                }
            }
            Hit::Related(column, _) => {
                let vis = self.related_visible(column);
                if let Some(r) = &mut self.related {
                    let len = r.list(column).len();
                    scroll_window(&mut r.cursors[column], rows, len, vis);
                }
            }
        }
    }
}

/// Moves a list's window by `rows`, dragging the selection along only
/// when it would leave the screen (as wheels do in most programs).
fn scroll_window(c: &mut Cursor, rows: isize, len: usize, visible: usize) {
    let visible = visible.max(1);
    let max_offset = len.saturating_sub(visible);
    c.offset = c.offset.saturating_add_signed(rows).min(max_offset);
    let last = (c.offset + visible).min(len).saturating_sub(1);
    c.selected = c.selected.clamp(c.offset, last.max(c.offset));
    c.fit(len, visible);
}

/// Selects row `i` of a view's `cursor` (`len` rows, `vis` on screen);
/// true when it was selected already, so the click means Enter.
fn click_row(cursor: &mut Cursor, i: usize, len: usize, vis: usize) -> bool {
    if cursor.selected == i {
        return true;
    }
    cursor.select(i, len, vis);
    false
}
