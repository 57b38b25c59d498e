//! Screen geometry: which panes are shown at a terminal size, and where.
//!
//! The app needs pane sizes to scroll and page (a page is a pane's height),
//! and the renderer needs the same rectangles to draw, so both take them from
//! [`Layout::compute`]. Plain integers, no terminal types, so the state
//! machine stays free of ratatui.

use crate::config::{LayoutOptions, Side};

/// A rectangle of terminal cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Area {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Width in cells.
    pub w: u16,
    /// Height in cells.
    pub h: u16,
}

impl Area {
    /// The area inside a one-cell border.
    pub fn inner(self) -> Area {
        Area {
            x: self.x.saturating_add(1),
            y: self.y.saturating_add(1),
            w: self.w.saturating_sub(2),
            h: self.h.saturating_sub(2),
        }
    }

    /// Whether the cell at (`col`, `row`) lies inside.
    pub fn contains(self, col: u16, row: u16) -> bool {
        col >= self.x
            && row >= self.y
            && u32::from(col) < u32::from(self.x) + u32::from(self.w)
            && u32::from(row) < u32::from(self.y) + u32::from(self.h)
    }
}

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The article list.
    List,
    /// The article reader.
    Reader,
    /// The actors sidebar.
    Actors,
}

impl Pane {
    /// Focus order for Tab.
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Actors];
}

/// Narrowest terminal that shows all three panes.
pub const MIN_WIDTH_THREE_PANES: u16 = 100;
/// Narrowest terminal that shows two panes side by side; narrower shows one.
pub const MIN_WIDTH_TWO_PANES: u16 = 60;
/// The narrowest a pane gets when the user sets widths: room for a border
/// and a few words.
pub const MIN_PANE_WIDTH: u16 = 20;
/// Below this width or height the screen only says it is too small.
pub const FLOOR_WIDTH: u16 = 24;
/// See [`FLOOR_WIDTH`]: a pane needs borders, two rows, and the status bar.
pub const FLOOR_HEIGHT: u16 = 6;

/// Where everything goes at one terminal size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// The article list, when shown.
    pub list: Option<Area>,
    /// The reader, when shown.
    pub reader: Option<Area>,
    /// The actors sidebar, when shown.
    pub actors: Option<Area>,
    /// The bottom line: status, or the filter prompt while typing.
    pub status: Area,
    /// The whole screen.
    pub screen: Area,
    /// The terminal is below the floor: nothing but a notice fits.
    pub too_small: bool,
}

impl Layout {
    /// Lays out a `w` x `h` terminal with the default options.
    pub fn compute(w: u16, h: u16, focus: Pane) -> Layout {
        Layout::compute_with(w, h, focus, &LayoutOptions::default())
    }

    /// Lays out a `w` x `h` terminal. The sidebar hides first, then the
    /// reader; when one pane is left it is the focused one, so every pane
    /// stays reachable with Tab. In two-pane mode the right pane shows the
    /// reader unless the actors sidebar has focus (with the sidebar on the
    /// left, it then takes the left slot and the list moves right). Widths
    /// the user chose are kept within what leaves every pane shown at least
    /// [`MIN_PANE_WIDTH`] cells.
    pub fn compute_with(w: u16, h: u16, focus: Pane, opts: &LayoutOptions) -> Layout {
        let screen = Area { x: 0, y: 0, w, h };
        if w < FLOOR_WIDTH || h < FLOOR_HEIGHT {
            return Layout {
                screen,
                too_small: true,
                ..Layout::default()
            };
        }
        let body_h = h - 1;
        let status = Area {
            x: 0,
            y: body_h,
            w,
            h: 1,
        };
        let col = |x: u16, w: u16| Area {
            x,
            y: 0,
            w,
            h: body_h,
        };
        let mut out = Layout {
            status,
            screen,
            ..Layout::default()
        };
        let left = opts.sidebar == Side::Left;
        if w >= MIN_WIDTH_THREE_PANES {
            let most = w.saturating_sub(2 * MIN_PANE_WIDTH);
            let list_w = opts
                .list_width
                .resolve(w, (w * 30 / 100).clamp(28, 56))
                .clamp(MIN_PANE_WIDTH, most);
            let most = w.saturating_sub(list_w + MIN_PANE_WIDTH);
            let actors_w = opts
                .sidebar_width
                .resolve(w, (w * 27 / 100).clamp(30, 48))
                .clamp(MIN_PANE_WIDTH, most);
            let reader_w = w - list_w - actors_w;
            if left {
                out.actors = Some(col(0, actors_w));
                out.list = Some(col(actors_w, list_w));
                out.reader = Some(col(actors_w + list_w, reader_w));
            } else {
                out.list = Some(col(0, list_w));
                out.reader = Some(col(list_w, reader_w));
                out.actors = Some(col(list_w + reader_w, actors_w));
            }
        } else if w >= MIN_WIDTH_TWO_PANES {
            let list_w = opts
                .list_width
                .resolve(w, w * 40 / 100)
                .clamp(MIN_PANE_WIDTH, w - MIN_PANE_WIDTH);
            let rest = w - list_w;
            if focus == Pane::Actors && left {
                out.actors = Some(col(0, rest));
                out.list = Some(col(rest, list_w));
            } else {
                out.list = Some(col(0, list_w));
                let right = Some(col(list_w, rest));
                if focus == Pane::Actors {
                    out.actors = right;
                } else {
                    out.reader = right;
                }
            }
        } else {
            let all = Some(col(0, w));
            match focus {
                Pane::List => out.list = all,
                Pane::Reader => out.reader = all,
                Pane::Actors => out.actors = all,
            }
        }
        out
    }

    /// The area of `pane`, when shown.
    pub fn area(&self, pane: Pane) -> Option<Area> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Actors => self.actors,
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, col: u16, row: u16) -> Option<Pane> {
        Pane::ORDER
            .into_iter()
            .find(|&p| self.area(p).is_some_and(|a| a.contains(col, row)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Width;

    #[test]
    fn wide_terminals_show_three_panes_that_tile_the_width() {
        let l = Layout::compute(120, 40, Pane::List);
        let (a, b, c) = (l.list.unwrap(), l.reader.unwrap(), l.actors.unwrap());
        assert_eq!(a.w + b.w + c.w, 120);
        assert_eq!((b.x, c.x), (a.w, a.w + b.w));
        assert_eq!(
            l.status,
            Area {
                x: 0,
                y: 39,
                w: 120,
                h: 1
            }
        );
    }

    #[test]
    fn the_sidebar_hides_first_then_the_reader() {
        let two = Layout::compute(80, 24, Pane::List);
        assert!(two.list.is_some() && two.reader.is_some() && two.actors.is_none());
        let one = Layout::compute(50, 24, Pane::List);
        assert!(one.list.is_some() && one.reader.is_none() && one.actors.is_none());
    }

    #[test]
    fn a_hidden_pane_with_focus_takes_a_visible_slot() {
        let two = Layout::compute(80, 24, Pane::Actors);
        assert!(two.actors.is_some() && two.reader.is_none());
        let one = Layout::compute(50, 24, Pane::Reader);
        assert_eq!(one.reader.map(|a| a.w), Some(50));
    }

    #[test]
    fn below_the_floor_nothing_is_laid_out() {
        for (w, h) in [(0, 0), (1, 1), (20, 6), (80, 5)] {
            let l = Layout::compute(w, h, Pane::List);
            assert!(l.too_small && l.list.is_none(), "{w}x{h}");
        }
    }

    fn opts(list: Width, sidebar_w: Width, side: Side) -> LayoutOptions {
        LayoutOptions {
            list_width: list,
            sidebar_width: sidebar_w,
            sidebar: side,
            wrap_width: 0,
        }
    }

    #[test]
    fn the_sidebar_can_go_left_of_the_list() {
        let o = opts(Width::Auto, Width::Auto, Side::Left);
        let l = Layout::compute_with(120, 40, Pane::List, &o);
        let (a, b, c) = (l.actors.unwrap(), l.list.unwrap(), l.reader.unwrap());
        assert_eq!((a.x, b.x, c.x), (0, a.w, a.w + b.w));
        assert_eq!(a.w + b.w + c.w, 120);
        // The same widths as on the right.
        let r = Layout::compute(120, 40, Pane::List);
        assert_eq!((a.w, b.w), (r.actors.unwrap().w, r.list.unwrap().w));
        // Two panes: the focused sidebar takes the left slot, the list moves
        // right; otherwise the list stays left of the reader.
        let two = Layout::compute_with(80, 24, Pane::Actors, &o);
        let (a, b) = (two.actors.unwrap(), two.list.unwrap());
        assert!(a.x < b.x && a.w + b.w == 80, "{two:?}");
        let two = Layout::compute_with(80, 24, Pane::Reader, &o);
        assert!(two.list.unwrap().x < two.reader.unwrap().x);
    }

    #[test]
    fn pane_widths_in_cells_or_percent() {
        let o = opts(Width::Cells(40), Width::Percent(25), Side::Right);
        let l = Layout::compute_with(160, 40, Pane::List, &o);
        assert_eq!(l.list.unwrap().w, 40);
        assert_eq!(l.actors.unwrap().w, 40);
        assert_eq!(l.reader.unwrap().w, 80);
        let two = Layout::compute_with(80, 24, Pane::List, &o);
        assert_eq!(two.list.unwrap().w, 40);
    }

    #[test]
    fn widths_too_big_for_the_screen_leave_every_pane_room() {
        let o = opts(Width::Cells(500), Width::Percent(90), Side::Right);
        for w in [60, 80, 99, 100, 120, 300] {
            for focus in Pane::ORDER {
                let l = Layout::compute_with(w, 30, focus, &o);
                let shown: Vec<Area> = Pane::ORDER.iter().filter_map(|&p| l.area(p)).collect();
                assert!(shown.iter().all(|a| a.w >= MIN_PANE_WIDTH), "{w}: {l:?}");
                assert_eq!(shown.iter().map(|a| a.w).sum::<u16>(), w, "{w}: {l:?}");
            }
        }
    }
}
