//! The app: all state of a dossier session and the one function that changes
//! it.
//!
//! [`App::update`] takes an [`Action`] and is pure: no I/O, no terminal, no
//! clock. The binary turns terminal events into actions (keys through
//! [`App::action_for_key`]) and draws the state with [`crate::ui`]; tests
//! drive the same state with actions and need no terminal at all.
//!
//! Owns: focus, the three panes' cursors and scroll positions, the selected
//! actor and the narrowing it implies, the help overlay, one-shot status
//! messages. Must not touch: files, the terminal, threads.

pub mod action;
pub mod keymap;
pub mod layout;
pub mod reader;
pub mod scroll;

use std::collections::HashSet;
use std::sync::Arc;

pub use action::Action;
use keymap::{Context, Key, Keymap};
pub use layout::{Area, Layout, Pane};
use reader::Reader;
use scroll::Cursor;

use crate::actors::ActorId;
use crate::corpus::DocId;
use crate::library::Library;

/// Rows each article takes in the list: the title, then byline and counts.
pub const LIST_ROW_HEIGHT: usize = 2;

/// Columns of padding on each side of the reader's text.
pub const READER_PADDING: u16 = 1;

/// The article list pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleList {
    /// The articles listed, in display order.
    pub rows: Vec<DocId>,
    /// Selection and scroll, in rows of `rows`.
    pub cursor: Cursor,
}

impl ArticleList {
    /// The selected article.
    pub fn selected(&self) -> Option<DocId> {
        self.rows.get(self.cursor.selected).copied()
    }
}

/// The actors sidebar pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidebar {
    /// The actors listed, in display order.
    pub rows: Vec<ActorId>,
    /// Selection and scroll, in rows of `rows`.
    pub cursor: Cursor,
}

impl Sidebar {
    /// The actor under the cursor.
    pub fn current(&self) -> Option<ActorId> {
        self.rows.get(self.cursor.selected).copied()
    }
}

/// What covers the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled by this many rows.
    Help {
        /// First help row on screen.
        scroll: usize,
    },
}

/// Everything a dossier session shows.
#[derive(Debug, Clone)]
pub struct App {
    /// The corpus and its actors.
    pub lib: Arc<Library>,
    /// The key bindings.
    pub keymap: Keymap,
    /// The pane that receives movement keys.
    pub focus: Pane,
    /// Pane geometry for the current terminal size.
    pub layout: Layout,
    /// The article list.
    pub list: ArticleList,
    /// The reader.
    pub reader: Reader,
    /// The actors sidebar.
    pub sidebar: Sidebar,
    /// The actor whose mentions stand out and whose articles are listed.
    pub selected_actor: Option<ActorId>,
    /// An overlay covering the panes.
    pub overlay: Option<Overlay>,
    /// A one-shot note for the status bar, cleared by the next action.
    pub message: Option<String>,
    /// Set when the user asked to leave.
    pub quit: bool,
}

impl App {
    /// A session over `lib` on a `width` x `height` terminal, with the first
    /// article open.
    pub fn new(lib: Arc<Library>, width: u16, height: u16) -> App {
        let rows: Vec<DocId> = lib.corpus.iter().map(|(id, _)| id).collect();
        let actors = (0..lib.actors.len()).map(|i| ActorId(i as u32)).collect();
        let mut app = App {
            lib,
            keymap: Keymap::default(),
            focus: Pane::List,
            layout: Layout::compute(width, height, Pane::List),
            list: ArticleList {
                rows,
                cursor: Cursor::default(),
            },
            reader: Reader::default(),
            sidebar: Sidebar {
                rows: actors,
                cursor: Cursor::default(),
            },
            selected_actor: None,
            overlay: None,
            message: None,
            quit: false,
        };
        app.open_selected();
        app
    }

    /// The action a key triggers in the current state, if any.
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        self.keymap.lookup(key, self.key_context())
    }

    /// Where keys are looked up now.
    pub fn key_context(&self) -> Context {
        match (self.overlay, self.focus) {
            (Some(Overlay::Help { .. }), _) => Context::Help,
            (None, Pane::List) => Context::List,
            (None, Pane::Reader) => Context::Reader,
            (None, Pane::Actors) => Context::Actors,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        if let Some(Overlay::Help { scroll }) = self.overlay {
            match action {
                Action::ToggleHelp | Action::Back | Action::Quit => self.overlay = None,
                Action::Down => self.overlay = Some(Overlay::Help { scroll: scroll + 1 }),
                Action::Up => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    });
                }
                Action::Resize { width, height } => self.resize(width, height),
                _ => {}
            }
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.resize(width, height),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Activate => self.activate(),
            Action::Back => self.back(),
            Action::NextMention => self.jump_mention(true),
            Action::PrevMention => self.jump_mention(false),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
        }
    }

    // ---- geometry -------------------------------------------------------

    fn resize(&mut self, width: u16, height: u16) {
        self.layout = Layout::compute(width, height, self.focus);
        self.refit();
    }

    /// Recomputes layout-dependent state: cursors on screen, reader wrapped
    /// to its current width.
    fn refit(&mut self) {
        let s = self.layout.screen;
        self.layout = Layout::compute(s.w, s.h, self.focus);
        let (list_len, visible) = (self.list.rows.len(), self.list_visible());
        self.list.cursor.fit(list_len, visible);
        let (side_len, visible) = (self.sidebar.rows.len(), self.sidebar_visible());
        self.sidebar.cursor.fit(side_len, visible);
        if let Some(doc) = self.reader.doc {
            let width = self.reader_width();
            let lib = Arc::clone(&self.lib);
            self.reader.rewrap(&lib.corpus.articles[doc.ix()], width);
            let h = self.reader_height();
            // Clamp for the new height without moving the remembered anchor.
            self.reader.scroll = self.reader.scroll.min(self.reader.max_scroll(h));
        }
    }

    /// Articles that fit in the list pane.
    pub fn list_visible(&self) -> usize {
        self.layout
            .list
            .map_or(1, |a| usize::from(a.inner().h) / LIST_ROW_HEIGHT)
            .max(1)
    }

    /// Actors that fit in the sidebar (below its header row).
    pub fn sidebar_visible(&self) -> usize {
        self.layout
            .actors
            .map_or(1, |a| usize::from(a.inner().h).saturating_sub(1))
            .max(1)
    }

    /// Width the reader wraps to. When the reader is hidden, the width it
    /// would have as the only pane, so reopening it is cheap and stable.
    pub fn reader_width(&self) -> u16 {
        let pane = self.layout.reader.unwrap_or(self.layout.screen);
        pane.inner().w.saturating_sub(2 * READER_PADDING).max(1)
    }

    /// Rows of text the reader shows.
    pub fn reader_height(&self) -> usize {
        self.layout
            .reader
            .unwrap_or(self.layout.screen)
            .inner()
            .h
            .max(1)
            .into()
    }

    // ---- focus and movement --------------------------------------------

    fn cycle_focus(&mut self, step: isize) {
        let i = Pane::ORDER
            .iter()
            .position(|&p| p == self.focus)
            .unwrap_or(0);
        let n = Pane::ORDER.len() as isize;
        self.focus = Pane::ORDER[(i as isize + step).rem_euclid(n) as usize];
        self.refit();
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::List => {
                let before = self.list.selected();
                let (len, vis) = (self.list.rows.len(), self.list_visible());
                self.list.cursor.move_by(delta, len, vis);
                if self.list.selected() != before {
                    self.open_selected();
                }
            }
            Pane::Reader => {
                let h = self.reader_height();
                self.reader.scroll_by(delta, h);
            }
            Pane::Actors => {
                let (len, vis) = (self.sidebar.rows.len(), self.sidebar_visible());
                self.sidebar.cursor.move_by(delta, len, vis);
            }
        }
    }

    fn page(&mut self, dir: isize) {
        let page = match self.focus {
            Pane::List => self.list_visible(),
            Pane::Reader => self.reader_height().saturating_sub(1).max(1),
            Pane::Actors => self.sidebar_visible(),
        };
        self.move_by(dir * page as isize);
    }

    /// Opens the list's selected article in the reader (or closes the reader
    /// when the list is empty).
    fn open_selected(&mut self) {
        match self.list.selected() {
            Some(doc) if self.reader.doc != Some(doc) => {
                let width = self.reader_width();
                let lib = Arc::clone(&self.lib);
                self.reader.open(doc, &lib.corpus.articles[doc.ix()], width);
            }
            Some(_) => {}
            None => self.reader.close(),
        }
    }

    // ---- selection ------------------------------------------------------

    fn activate(&mut self) {
        match self.focus {
            Pane::List => {
                if self.list.selected().is_some() {
                    self.focus = Pane::Reader;
                    self.refit();
                }
            }
            Pane::Reader => {}
            Pane::Actors => {
                if let Some(actor) = self.sidebar.current() {
                    self.select_actor(Some(actor));
                }
            }
        }
    }

    fn back(&mut self) {
        if self.selected_actor.is_some() {
            self.select_actor(None);
        }
    }

    /// Selects an actor (or clears the selection) and lists only the
    /// articles naming it, keeping the open article when it still fits.
    pub fn select_actor(&mut self, actor: Option<ActorId>) {
        self.selected_actor = actor;
        self.reader.mention = None;
        let current = self.list.selected();
        self.list.rows = match actor {
            Some(a) => self.lib.actors.docs_of(a),
            None => self.lib.corpus.iter().map(|(id, _)| id).collect(),
        };
        let keep = current.and_then(|d| self.list.rows.iter().position(|&r| r == d));
        let (len, vis) = (self.list.rows.len(), self.list_visible());
        self.list.cursor.select(keep.unwrap_or(0), len, vis);
        self.open_selected();
        if let Some(a) = actor {
            let name = self.lib.actors.get(a).name.clone();
            let n = self.list.rows.len();
            self.message = Some(format!(
                "{name}: {n} article{} — n/N walk the mentions, Esc shows all",
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    // ---- mention jumps --------------------------------------------------

    /// Moves the mention cursor to the next (or previous) mention of the
    /// selected actor: within the open article first, then into the next
    /// listed article that names the actor, wrapping around the list.
    fn jump_mention(&mut self, forward: bool) {
        let Some(actor) = self.selected_actor else {
            self.message = Some("No actor selected: pick one in the actors pane with Enter".into());
            return;
        };
        let Some(doc) = self.reader.doc else { return };
        let lib = Arc::clone(&self.lib);
        let in_doc = lib.actors.in_doc(doc);
        let here: Vec<usize> = (0..in_doc.len())
            .filter(|&i| in_doc[i].actor == actor)
            .collect();
        let pick = match (self.reader.mention, forward) {
            (Some(cur), true) => here.iter().copied().find(|&i| i > cur),
            (Some(cur), false) => here.iter().copied().rev().find(|&i| i < cur),
            (None, true) => here
                .iter()
                .copied()
                .find(|&i| self.row_of_mention(doc, i) >= self.reader.scroll),
            (None, false) => here
                .iter()
                .copied()
                .rev()
                .find(|&i| self.row_of_mention(doc, i) < self.reader.scroll),
        };
        if let Some(i) = pick {
            self.focus_mention(i);
            return;
        }
        // On to the next listed article that names the actor.
        let naming: HashSet<DocId> = lib.actors.docs_of(actor).into_iter().collect();
        let n = self.list.rows.len();
        let at = self.list.cursor.selected;
        let step = |k: usize| {
            if forward {
                (at + k) % n
            } else {
                (at + n - k % n) % n
            }
        };
        let Some(k) = (1..=n).find(|&k| naming.contains(&self.list.rows[step(k)])) else {
            self.message = Some(format!(
                "{} is not named in the listed articles",
                lib.actors.get(actor).name
            ));
            return;
        };
        let target = step(k);
        let wrapped = if forward { target <= at } else { target >= at };
        let vis = self.list_visible();
        self.list.cursor.select(target, n, vis);
        self.open_selected();
        let doc = self.list.rows[target];
        let in_doc = lib.actors.in_doc(doc);
        let mut mine = (0..in_doc.len()).filter(|&i| in_doc[i].actor == actor);
        let first = if forward {
            mine.next()
        } else {
            mine.next_back()
        };
        if let Some(i) = first {
            self.focus_mention(i);
        }
        if wrapped {
            self.message = Some(if forward {
                "Wrapped around to the first article naming the actor".into()
            } else {
                "Wrapped around to the last article naming the actor".into()
            });
        }
    }

    fn row_of_mention(&self, doc: DocId, i: usize) -> usize {
        let m = self.lib.actors.in_doc(doc)[i];
        self.reader.row_of(m.start as usize)
    }

    /// Puts the mention cursor on mention `i` of the open article and
    /// scrolls it into view.
    fn focus_mention(&mut self, i: usize) {
        let Some(doc) = self.reader.doc else { return };
        self.reader.mention = Some(i);
        let row = self.row_of_mention(doc, i);
        let h = self.reader_height();
        self.reader.reveal(row, h);
        if let Some(actor) = self.selected_actor {
            let lib = &self.lib;
            let all: Vec<_> = lib.actors.of_actor(actor).collect();
            let m = lib.actors.in_doc(doc)[i];
            if let Some(pos) = all.iter().position(|x| **x == m) {
                self.message = Some(format!(
                    "{}: mention {} of {}",
                    lib.actors.get(actor).name,
                    pos + 1,
                    all.len()
                ));
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
