//! Back and forward through jumps, like a browser: each jump (selecting an
//! actor, opening an article from the concordance, following a mention,
//! opening a view) records where the user was, and going back restores
//! the view, focus, filter, selections and scroll position.

use super::layout::Pane;
use super::views::View;
use crate::actors::ActorId;
use crate::actors::concordance::KwicSort;
use crate::corpus::DocId;

/// Places kept in each direction; the oldest are forgotten.
pub const HISTORY_LIMIT: usize = 200;

/// Where the user was: enough to put the screen back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// What filled the screen.
    pub view: View,
    /// The focused pane.
    pub focus: Pane,
    /// The filter's text.
    pub filter: String,
    /// The selected actor.
    pub actor: Option<ActorId>,
    /// The actor under the sidebar cursor.
    pub sidebar: Option<ActorId>,
    /// The open article.
    pub doc: Option<DocId>,
    /// The reader's first row on screen.
    pub scroll: usize,
    /// The reader's mention cursor.
    pub mention: Option<usize>,
    /// The mention or match `n` last stepped to, as the reader's targets
    /// number it.
    pub target: Option<usize>,
    /// The concordance: actor, partner, order and the line under the
    /// cursor.
    pub concordance: Option<(ActorId, Option<ActorId>, KwicSort, Option<u32>)>,
    /// The related view: actor, column and cursor rows.
    pub related: Option<(ActorId, usize, [usize; 2])>,
}

impl Place {
    /// Whether going to `other` would change nothing on screen: the same
    /// place, or the same full-screen view (whose reader, hidden behind
    /// it, may differ).
    fn looks_like(&self, other: &Place) -> bool {
        if self.view != View::Panes && self.view == other.view {
            self.filter == other.filter
                && self.actor == other.actor
                && self.concordance == other.concordance
                && self.related == other.related
        } else {
            self == other
        }
    }
}

/// The places behind and ahead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl History {
    /// Records `here` before a jump; the places ahead are dropped.
    pub fn record(&mut self, here: Place) {
        if self.back.last() == Some(&here) {
            return;
        }
        self.back.push(here);
        if self.back.len() > HISTORY_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// The place to go back to, with `here` kept to come forward to.
    /// Places that look as the screen looks now are passed over: after Esc
    /// from an article opened in the concordance, the concordance the jump
    /// recorded is already on screen.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        while self.back.last().is_some_and(|p| p.looks_like(&here)) {
            self.back.pop();
        }
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place to go forward to, with `here` kept to come back to (and
    /// places that look like it passed over).
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        while self.forward.last().is_some_and(|p| p.looks_like(&here)) {
            self.forward.pop();
        }
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// Whether there is a place to go back to (the status line offers it).
    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }
}
