//! The filter line: the query being typed, its history, and the results
//! that last arrived for it.

use std::sync::Arc;

use crate::actors::ActorId;
use crate::corpus::DocId;
use crate::search::{Hits, Query};
use crate::text::line;

use super::layout::Pane;

/// What the screen showed before a filter was opened, so Esc can put it
/// back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// The selected article.
    pub doc: Option<DocId>,
    /// The actor under the sidebar cursor.
    pub actor: Option<ActorId>,
    /// The focused pane.
    pub focus: Pane,
    /// The list's first row on screen and the reader's scroll, to put
    /// `doc` back where it was; none when `doc` was not on screen then.
    pub scroll: Option<(usize, usize)>,
}

/// The filter's state.
#[derive(Debug, Clone, Default)]
pub struct FilterState {
    /// The text typed.
    pub input: String,
    /// The editing cursor, a byte offset into `input`.
    pub cursor: usize,
    /// Whether the filter line has the keyboard.
    pub editing: bool,
    /// `input`, parsed.
    pub query: Arc<Query>,
    /// Bumped on every change of the query; results carry the generation
    /// they answer, and only the current one is applied.
    pub generation: u64,
    /// The latest results applied, and the generation they answer.
    pub hits: Option<(u64, Arc<Hits>)>,
    /// The user edited the query since results were last applied: the
    /// next results select their best match rather than keep the
    /// selection.
    pub typed: bool,
    /// What to restore on Esc.
    pub saved: Option<Saved>,
    /// Queries to recall with Up: those saved by earlier sessions, then
    /// those accepted with Enter in this one, oldest first.
    pub history: Vec<String>,
    /// The queries accepted with Enter in this session, oldest first: what
    /// the binary adds to the saved ones on quitting.
    pub accepted: Vec<String>,
    /// While browsing history with Up/Down: the entry shown, and the text
    /// that was being typed before.
    pub browsing: Option<(usize, String)>,
}

impl FilterState {
    /// Whether a query is in force (typed and not cleared).
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Whether the results on screen are older than the query.
    pub fn pending(&self) -> bool {
        self.active()
            && self
                .hits
                .as_ref()
                .is_none_or(|(g, _)| *g != self.generation)
    }

    /// Replaces the text, puts the cursor at its end and reparses.
    pub fn set_input(&mut self, text: String) {
        self.cursor = text.len();
        self.input = text;
        self.reparse();
    }

    /// Parses the input again and starts a new generation.
    pub fn reparse(&mut self) {
        self.query = Arc::new(Query::parse(&self.input));
        self.generation += 1;
    }

    /// Inserts a char at the cursor.
    pub fn insert(&mut self, c: char) {
        line::insert(&mut self.input, &mut self.cursor, c);
        self.browsing = None;
        self.reparse();
    }

    /// Deletes the character before the cursor (a whole grapheme: a flag,
    /// a letter and its accents); false when there is none.
    pub fn backspace(&mut self) -> bool {
        if !line::backspace(&mut self.input, &mut self.cursor) {
            return false;
        }
        self.browsing = None;
        self.reparse();
        true
    }

    /// Deletes the character under the cursor; false when there is none.
    pub fn delete(&mut self) -> bool {
        if !line::delete(&mut self.input, self.cursor) {
            return false;
        }
        self.reparse();
        true
    }

    /// Deletes the word before the cursor (Ctrl-W).
    pub fn delete_word(&mut self) -> bool {
        if !line::delete_word(&mut self.input, &mut self.cursor) {
            return false;
        }
        self.reparse();
        true
    }

    /// Moves the cursor one character (grapheme) left or right.
    pub fn step(&mut self, right: bool) {
        line::step(&self.input, &mut self.cursor, right);
    }

    /// Shows the previous (`older`) or next history entry; past the newest,
    /// the text being typed before comes back.
    pub fn browse(&mut self, older: bool) -> bool {
        if self.history.is_empty() {
            return false;
        }
        let next = match (&self.browsing, older) {
            (None, true) => Some(self.history.len() - 1),
            (None, false) => return false,
            (Some((i, _)), true) => Some(i.saturating_sub(1)),
            (Some((i, _)), false) if i + 1 < self.history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        match next {
            Some(i) => {
                let typed = match self.browsing.take() {
                    Some((_, typed)) => typed,
                    None => self.input.clone(),
                };
                self.set_input(self.history[i].clone());
                self.browsing = Some((i, typed));
            }
            None => {
                let typed = self.browsing.take().map(|(_, t)| t).unwrap_or_default();
                self.set_input(typed);
            }
        }
        true
    }

    /// Remembers the current query in the history (most recent last, no
    /// repeats).
    pub fn remember(&mut self) {
        let q = self.input.trim().to_owned();
        if q.is_empty() {
            return;
        }
        self.history.retain(|h| *h != q);
        self.history.push(q.clone());
        self.accepted.retain(|h| *h != q);
        self.accepted.push(q);
        self.browsing = None;
    }

    /// Puts the queries saved by earlier sessions (oldest first) before
    /// this session's, each query once.
    pub fn recall_saved(&mut self, saved: Vec<String>) {
        let mut history: Vec<String> = saved
            .into_iter()
            .filter(|q| !self.history.contains(q))
            .collect();
        // A file edited by hand may repeat a query: the latest counts.
        let mut seen = std::collections::HashSet::new();
        history.reverse();
        history.retain(|q| seen.insert(q.clone()));
        history.reverse();
        history.append(&mut self.history);
        self.history = history;
        // Entries moved: an index into the old list would show another.
        self.browsing = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keeps_the_cursor_on_char_boundaries() {
        let mut f = FilterState::default();
        for c in "sérgei".chars() {
            f.insert(c);
        }
        f.step(false);
        f.step(false);
        f.step(false);
        f.step(false);
        // The cursor is now before "r": backspace removes the two-byte "é".
        assert!(f.backspace());
        assert_eq!(f.input, "srgei");
        assert_eq!(f.cursor, 1);
    }

    #[test]
    fn editing_moves_and_deletes_whole_characters_as_seen() {
        let mut f = FilterState::default();
        // A flag (two code points) and an e with a combining accent (two).
        for c in "ab\u{1F1E9}\u{1F1EA}e\u{301}x".chars() {
            f.insert(c);
        }
        f.step(false);
        assert!(f.backspace(), "the accented e goes whole");
        assert_eq!(f.input, "ab\u{1F1E9}\u{1F1EA}x");
        assert!(f.backspace(), "the flag goes whole");
        assert_eq!(f.input, "abx");
        f.step(false);
        assert!(f.delete());
        assert_eq!(f.input, "ax");
        f.set_input("\u{1F1E9}\u{1F1EA}".into());
        f.step(false);
        assert_eq!(f.cursor, 0, "one step crosses the whole flag");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut f = FilterState::default();
        f.set_input("putin | lavrov  ".into());
        assert!(f.delete_word());
        assert_eq!(f.input, "putin | ");
        assert!(f.delete_word());
        assert_eq!(f.input, "putin ");
    }

    #[test]
    fn history_walks_back_and_returns_to_what_was_typed() {
        let mut f = FilterState::default();
        for q in ["one", "two", "one"] {
            f.set_input(q.into());
            f.remember();
        }
        assert_eq!(f.history, ["two", "one"]);
        f.set_input("draft".into());
        assert!(f.browse(true));
        assert_eq!(f.input, "one");
        assert!(f.browse(true));
        assert_eq!(f.input, "two");
        assert!(f.browse(true));
        assert_eq!(f.input, "two", "stays at the oldest");
        assert!(f.browse(false));
        assert_eq!(f.input, "one");
        assert!(f.browse(false));
        assert_eq!(f.input, "draft");
        assert!(!f.browse(false));
    }

    #[test]
    fn every_change_is_a_new_generation() {
        let mut f = FilterState::default();
        let g = f.generation;
        f.insert('a');
        assert_eq!(f.generation, g + 1);
        assert!(f.active() && f.pending());
    }
}
