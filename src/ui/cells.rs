//! The last pass over a drawn frame: cells whose width the terminal would
//! see differently from ratatui are made plain, so what is drawn stays
//! where ratatui thinks it is.
//!
//! Three things go wrong otherwise (seen in tmux 3.3a):
//! - An emoji sequence (a skin tone, a ZWJ family, a heart with VS16) is
//!   one grapheme of width 2 to unicode-width, but terminals draw it as
//!   several glyphs (👍🏽 takes 4 columns in tmux) or as one narrow one
//!   (❤️ takes 1): every cell after it on the row is then off by the
//!   difference. Such a sequence is drawn as its first character alone,
//!   whose width every terminal agrees on.
//! - A wide character whose right half an overlay covers (the help box's
//!   border over a flag in the list) breaks ratatui's rule that a wide
//!   cell is followed by a blank one, and the terminal keeps half the
//!   glyph inside the box. Such a character is drawn as a blank.
//! - A flag drawn over leaves its second half behind in tmux, in a column
//!   ratatui thinks blank and so never draws again. The column under a
//!   flag is marked, so that it differs from the blank that replaces it.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

/// Makes every cell of `buf` one the terminal draws where ratatui expects.
pub(super) fn settle(buf: &mut Buffer) {
    let width = usize::from(buf.area.width);
    if width == 0 {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        for x in 0..row.len() {
            if row[x].symbol().is_ascii() {
                continue;
            }
            if let Some(base) = plain(row[x].symbol()).map(str::to_owned) {
                row[x].set_symbol(&base);
            }
            let wide = row[x].symbol().width();
            let covered = row
                .get(x + 1..x + wide.max(1))
                .is_some_and(|rest| rest.iter().any(|c| c.symbol() != " "));
            if wide > 1 && (covered || x + wide > row.len()) {
                row[x].set_symbol(" ");
            } else if wide > 1 && row[x].symbol().chars().nth(1).is_some() {
                // A flag (two regional indicators): tmux keeps the second
                // indicator in the next column when the flag is drawn over,
                // and ratatui, which thinks that column blank, would never
                // draw it again. Marked (with an attribute nothing shows,
                // the column being under the flag), it differs from the
                // blank that replaces it, so the next frame draws it.
                for c in &mut row[x + 1..x + wide] {
                    c.modifier |= Modifier::HIDDEN;
                }
            }
        }
    }
}

/// The character to draw for a grapheme terminals disagree on (an emoji
/// with a skin tone, joined by ZWJ, or with a presentation selector): its
/// first; `None` for any other grapheme.
fn plain(grapheme: &str) -> Option<&str> {
    let mut chars = grapheme.chars();
    let first = chars.next()?;
    chars
        .any(|c| matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'))
        .then(|| &grapheme[..first.len_utf8()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn row(buf: &Buffer) -> Vec<&str> {
        buf.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn emoji_sequences_are_drawn_as_their_first_character() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "a👍🏽b❤️c👨‍👩‍👧d", ratatui::style::Style::default());
        settle(&mut buf);
        // 👍 keeps its two columns; ❤ takes one, and a blank keeps the
        // rest of the row where it was.
        assert_eq!(
            row(&buf),
            ["a", "👍", " ", "b", "❤", " ", "c", "👨", " ", "d", " ", " "]
        );
    }

    #[test]
    fn a_wide_character_half_covered_is_blanked() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "x🇺🇦日", ratatui::style::Style::default());
        // An overlay's border lands on the flag's right half.
        buf[(2, 0)].set_symbol("┃");
        settle(&mut buf);
        assert_eq!(row(&buf), ["x", " ", "┃", "日", " ", " "]);
        // Whole, a flag and a CJK character stay.
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "x🇺🇦日", ratatui::style::Style::default());
        settle(&mut buf);
        assert_eq!(row(&buf), ["x", "🇺🇦", " ", "日", " ", " "]);
    }
}
