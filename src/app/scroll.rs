//! A cursor over a list of rows of which only a window is visible: the one
//! piece of arithmetic every list-like pane shares.

/// Selected row and first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The selected row.
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

impl Cursor {
    /// Moves the selection by `delta` rows, stopping at either end, and
    /// scrolls so it stays on screen.
    pub fn move_by(&mut self, delta: isize, len: usize, visible: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, len, visible);
    }

    /// Selects row `i` (clamped to the list) and scrolls so it is on screen.
    pub fn select(&mut self, i: usize, len: usize, visible: usize) {
        self.selected = i.min(len.saturating_sub(1));
        self.fit(len, visible);
    }

    /// Selects row `i` when the selected row has moved there (the list
    /// was reordered): the window scrolls so it stays on the screen row it
    /// was on, as far as the list allows.
    pub fn follow(&mut self, i: usize, len: usize, visible: usize) {
        let row = self.selected.saturating_sub(self.offset);
        self.selected = i;
        self.offset = i.saturating_sub(row);
        self.fit(len, visible);
    }

    /// After the window changed size: rows above the selection that a
    /// smaller window scrolled away come back while the selection would
    /// sit in the window's top half (call [`Cursor::fit`] after).
    pub fn regain(&mut self, visible: usize) {
        self.offset = self.offset.min(self.selected.saturating_sub(visible / 2));
    }

    /// [`Cursor::fit`], after [`Cursor::regain`] if the window was
    /// `resized`.
    pub fn settle(&mut self, len: usize, visible: usize, resized: bool) {
        if resized {
            self.regain(visible);
        }
        self.fit(len, visible);
    }

    /// Re-establishes the invariants after the list or the window changed:
    /// the selection is inside the list and on screen, and the window does
    /// not hang past the end of the list.
    pub fn fit(&mut self, len: usize, visible: usize) {
        let visible = visible.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(len.saturating_sub(visible));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grown_window_shows_the_rows_a_small_one_scrolled_away() {
        let mut c = Cursor::default();
        c.select(4, 100, 3);
        assert_eq!(c.offset, 2);
        c.regain(40);
        c.fit(100, 40);
        assert_eq!(
            c,
            Cursor {
                selected: 4,
                offset: 0
            }
        );
        // Deep in a list, the selection comes to the middle, not the top.
        let mut c = Cursor {
            selected: 60,
            offset: 58,
        };
        c.regain(40);
        c.fit(100, 40);
        assert_eq!(c.offset, 40);
        // A shrink changes nothing fit would not.
        let mut c = Cursor {
            selected: 60,
            offset: 50,
        };
        c.regain(6);
        c.fit(100, 6);
        assert_eq!(c.offset, 55);
    }

    #[test]
    fn a_moved_row_is_followed_on_the_screen_row_it_was_on() {
        let mut c = Cursor {
            selected: 13,
            offset: 10,
        };
        c.follow(40, 100, 10);
        assert_eq!(
            c,
            Cursor {
                selected: 40,
                offset: 37
            }
        );
        // Near either end of the list the window stops there.
        c.follow(1, 100, 10);
        assert_eq!(c.offset, 0);
        c.follow(99, 100, 10);
        assert_eq!(c.offset, 90);
    }

    #[test]
    fn moving_keeps_the_selection_on_screen() {
        let mut c = Cursor::default();
        c.move_by(7, 20, 5);
        assert_eq!(
            c,
            Cursor {
                selected: 7,
                offset: 3
            }
        );
        c.move_by(-6, 20, 5);
        assert_eq!(
            c,
            Cursor {
                selected: 1,
                offset: 1
            }
        );
        c.move_by(-5, 20, 5);
        assert_eq!(
            c,
            Cursor {
                selected: 0,
                offset: 0
            }
        );
        c.move_by(100, 20, 5);
        assert_eq!(
            c,
            Cursor {
                selected: 19,
                offset: 15
            }
        );
    }

    #[test]
    fn shrinking_the_list_or_window_keeps_invariants() {
        let mut c = Cursor {
            selected: 19,
            offset: 15,
        };
        c.fit(3, 5);
        assert_eq!(
            c,
            Cursor {
                selected: 2,
                offset: 0
            }
        );
        let mut empty = Cursor {
            selected: 4,
            offset: 2,
        };
        empty.fit(0, 5);
        assert_eq!(empty, Cursor::default());
        let mut tiny = Cursor {
            selected: 3,
            offset: 0,
        };
        tiny.fit(10, 0);
        assert_eq!(
            tiny,
            Cursor {
                selected: 3,
                offset: 3
            }
        );
    }
}
