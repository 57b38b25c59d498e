//! Jumps between related mentions: the concordance and related views, the
//! reader's mention cursor, and back / forward through it all.

use std::sync::Arc;

use super::history::Place;
use super::views::{Concordance, RelatedView, View};
use super::{App, Effect, Pane};
use crate::actors::ActorId;

impl App {
    // ---- history --------------------------------------------------------

    /// Where the user is now, as history keeps it.
    pub(super) fn here(&self) -> Place {
        Place {
            view: self.view,
            focus: self.focus,
            filter: self.filter.input.clone(),
            actor: self.selected_actor,
            sidebar: self.sidebar.current(),
            doc: self.reader.doc,
            scroll: self.reader.scroll,
            mention: self.reader.mention,
            target: self.reader.target,
            concordance: self
                .concordance
                .as_ref()
                .map(|c| (c.actor, c.with, c.sort, c.current())),
            related: self.related.as_ref().map(|r| {
                (
                    r.actor,
                    r.column,
                    [r.cursors[0].selected, r.cursors[1].selected],
                )
            }),
        }
    }

    /// Records the current place before a jump.
    pub(super) fn record(&mut self) {
        let here = self.here();
        self.history.record(here);
    }

    /// Goes back (or forward) one place.
    pub(super) fn travel(&mut self, forward: bool) -> Option<Effect> {
        let here = self.here();
        let to = if forward {
            self.history.forward(here)
        } else {
            self.history.back(here)
        };
        match to {
            Some(place) => self.restore(place),
            None => {
                self.message = Some(
                    if forward {
                        "Nothing to go forward to"
                    } else {
                        "Nothing to go back to"
                    }
                    .into(),
                );
                None
            }
        }
    }

    /// Puts the screen back as `p` describes it. A different filter is
    /// searched again; the selection is restored by article and actor, so
    /// it holds when the results arrive.
    fn restore(&mut self, p: Place) -> Option<Effect> {
        let lib = Arc::clone(&self.lib);
        let mut effect = None;
        if self.filter.input != p.filter {
            self.filter.editing = false;
            self.filter.browsing = None;
            self.filter.set_input(p.filter.clone());
            self.filter.hits = None;
            if self.filter.active() {
                effect = Some(self.search_effect());
            }
        }
        self.selected_actor = p.actor.filter(|a| a.ix() < lib.actors.len());
        self.relist();
        if p.doc.is_some_and(|d| self.show_doc(d)) {
            let h = self.reader_height();
            self.reader.scroll = p.scroll.min(self.reader.max_scroll(h));
            self.reader.mention = p.mention;
            self.reader.target = None;
            // Back at the mention `n` had reached, counted again
            // (helper-38: Backspace had dropped it, and `n` then started
            // over from the top of the screen).
            if let Some(t) = p.target {
                self.focus_target(t);
            }
        }
        if let Some(a) = p.sidebar {
            self.focus_sidebar_on(a);
        }
        let filter = self.filter_set();
        let visible = self.view_visible();
        if let Some((actor, with, sort, line)) = p.concordance {
            let same = self
                .concordance
                .as_ref()
                .is_some_and(|c| c.actor == actor && c.with == with);
            if !same {
                let c = Concordance::open(&lib, actor, with, filter.as_ref(), visible);
                self.concordance = Some(c);
            }
            if let Some(c) = &mut self.concordance {
                if c.sort != sort {
                    c.resort(&lib, sort, filter.as_ref(), visible);
                }
                if let Some(i) = line.and_then(|l| c.rows.iter().position(|&r| r == l)) {
                    c.cursor.select(i, c.rows.len(), visible);
                }
            }
        }
        if let Some((actor, column, rows)) = p.related {
            if self.related.as_ref().is_none_or(|r| r.actor != actor) {
                let within = self.filter_set();
                self.related = Some(RelatedView::open(&lib, actor, within.as_ref()));
            }
            let visible = [self.related_visible(0), self.related_visible(1)];
            if let Some(r) = &mut self.related {
                r.column = column.min(1);
                for (col, row) in rows.into_iter().enumerate() {
                    let len = r.list(col).len();
                    r.cursors[col].select(row, len, visible[col]);
                }
            }
        }
        self.view = p.view;
        // A view whose state is gone (a new library) falls back to the panes.
        let gone = match p.view {
            View::Timeline => self.timeline.is_none(),
            View::Quotes => self.quotes.is_none(),
            View::Concordance => self.concordance.is_none(),
            View::Related => self.related.is_none(),
            View::Panes => false,
        };
        if gone {
            self.view = View::Panes;
        }
        if self.view == View::Timeline {
            self.refresh_timeline();
        }
        self.return_to = None;
        self.focus = p.focus;
        self.refit();
        effect
    }

    /// The filter's results, when it is applied and they are in.
    pub fn active_hits(&self) -> Option<&Arc<crate::search::Hits>> {
        let (_, hits) = self.filter.hits.as_ref().filter(|_| self.filter.active())?;
        Some(hits)
    }

    /// The filter's matching articles, when its results are in.
    pub(super) fn filter_set(&self) -> Option<crate::search::docset::DocSet> {
        self.active_hits().map(|h| h.set.clone())
    }

    // ---- the views ------------------------------------------------------

    /// The actor `m` and `r` are about: the one under the sidebar cursor
    /// when the sidebar has focus, the one under the reader's mention
    /// cursor when the reader has, else the selected one.
    pub(super) fn actor_in_view(&self) -> Option<ActorId> {
        match self.focus {
            Pane::Actors => self.sidebar.current(),
            Pane::Reader => self.mention_actor().or(self.selected_actor),
            Pane::List => self.selected_actor,
        }
    }

    /// A key about an actor found none in view: while loading, because
    /// no actor is known yet (the message stays until loading ends);
    /// else `hint` says how to pick one.
    pub(super) fn no_actor(&mut self, hint: &str) {
        if self.lib.complete && self.sidebar.rows.is_empty() {
            // (Under a filter or hidden kinds that leave none.)
            self.message =
                Some("Nothing to select an actor from: the actors pane lists none".into());
        } else if self.lib.complete {
            self.message = Some(hint.to_owned());
        } else {
            self.say_until(
                "Actors are listed when loading finishes; then pick one and press this again",
                super::Waits::Library,
            );
        }
    }

    /// The actor under the reader's mention cursor.
    fn mention_actor(&self) -> Option<ActorId> {
        let doc = self.reader.doc?;
        let k = self.reader.mention?;
        self.lib.actors.in_doc(doc).get(k).map(|m| m.actor)
    }

    /// Opens the concordance (`m`) of the actor in view; from the related
    /// view, of its actor in the sentences shared with the one under the
    /// cursor.
    pub(super) fn open_concordance(&mut self) {
        let (actor, with) = match self.view {
            View::Concordance => return,
            View::Related => match &self.related {
                Some(r) => (r.actor, r.current()),
                None => return,
            },
            View::Quotes => match &self.quotes {
                Some(q) => (q.actor, None),
                None => return,
            },
            View::Panes | View::Timeline => match self.actor_in_view() {
                Some(a) => (a, None),
                None => {
                    return self.no_actor(
                        "Select an actor first (Enter in the actors pane, or ] and Enter in the reader)",
                    );
                }
            },
        };
        self.record();
        let lib = Arc::clone(&self.lib);
        let reuse = self
            .concordance
            .as_ref()
            .is_some_and(|c| c.actor == actor && c.with == with);
        if !reuse {
            let filter = self.filter_set();
            let c = Concordance::open(&lib, actor, with, filter.as_ref(), self.view_visible());
            self.concordance = Some(c);
        }
        self.view = View::Concordance;
        self.return_to = None;
        self.refit();
        if let Some(w) = with {
            self.message = Some(format!(
                "Only the sentences naming both {} and {}",
                lib.actors.get(actor).name,
                lib.actors.get(w).name
            ));
        }
    }

    /// Opens the actors named alongside the actor in view (`r`).
    pub(super) fn open_related(&mut self) {
        let actor = match self.view {
            View::Related => return,
            View::Concordance => self.concordance.as_ref().map(|c| c.actor),
            View::Quotes => self.quotes.as_ref().map(|q| q.actor),
            View::Panes | View::Timeline => self.actor_in_view(),
        };
        let Some(actor) = actor else {
            return self.no_actor("Select an actor first (Enter in the actors pane)");
        };
        self.record();
        if self.related.as_ref().is_none_or(|r| r.actor != actor) {
            let within = self.filter_set();
            self.related = Some(RelatedView::open(&self.lib, actor, within.as_ref()));
        }
        self.view = View::Related;
        self.return_to = None;
        self.refit();
    }

    /// `s` in the concordance: the next order.
    pub(super) fn cycle_sort(&mut self) {
        let lib = Arc::clone(&self.lib);
        let filter = self.filter_set();
        let visible = self.view_visible();
        if let Some(c) = &mut self.concordance {
            let next = c.sort.next();
            c.resort(&lib, next, filter.as_ref(), visible);
            self.message = Some(format!("Sorted by {}", next.label()));
        }
    }

    /// Tab in the related view: the other list.
    pub(super) fn switch_column(&mut self) {
        if let Some(r) = &mut self.related {
            r.column = 1 - r.column.min(1);
        }
    }

    /// Enter in the concordance: the article, scrolled to the mention and
    /// marked, with the actor selected; Esc comes back.
    pub(super) fn open_line(&mut self) {
        let Some((actor, line)) = self
            .concordance
            .as_ref()
            .and_then(|c| Some((c.actor, c.current()?)))
        else {
            return;
        };
        let lib = Arc::clone(&self.lib);
        let (doc, m) = lib.actors.mention(line);
        self.record();
        self.selected_actor = Some(actor);
        self.relist();
        if !self.show_doc(doc) {
            self.message = Some("That article is not listed under the current filter".into());
            return;
        }
        self.read_from(View::Concordance);
        self.refit();
        if let Some(t) = self.reader.targets.iter().position(|r| *r == m.range()) {
            self.focus_target(t);
            // A third of the way down, so the sentence around it shows.
            let h = self.reader_height();
            let row = self.reader.row_of(m.start as usize);
            self.reader.scroll_to(row.saturating_sub(h / 3), h);
        }
    }

    /// Puts the sidebar cursor on `actor` when it is listed.
    pub(super) fn focus_sidebar_on(&mut self, actor: ActorId) {
        if let Some(i) = self.sidebar.rows.iter().position(|h| h.actor == actor) {
            let (len, vis) = (self.sidebar.rows.len(), self.sidebar_visible());
            self.sidebar.cursor.select(i, len, vis);
        }
    }

    // ---- the reader's mention cursor -----------------------------------

    /// `]` / `[`: the next or previous mention of any actor in the open
    /// article, from the cursor or else from the top of the screen.
    pub(super) fn step_mention(&mut self, forward: bool) {
        let Some(doc) = self.reader.doc else { return };
        let lib = Arc::clone(&self.lib);
        let mentions = lib.actors.in_doc(doc);
        if mentions.is_empty() {
            self.message = Some("No actor is named in this article".into());
            return;
        }
        let h = self.reader_height();
        let top = self.reader.scroll;
        let row = |k: usize| self.reader.row_of(mentions[k].start as usize);
        let pick = match (self.reader.mention, forward) {
            (Some(k), true) => (k + 1 < mentions.len()).then_some(k + 1),
            (Some(k), false) => k.checked_sub(1),
            (None, true) => (0..mentions.len()).find(|&k| row(k) >= top),
            (None, false) => (0..mentions.len()).rev().find(|&k| row(k) < top + h),
        };
        let r = pick.map(row);
        let (Some(k), Some(r)) = (pick, r) else {
            self.message = Some(
                if forward {
                    "Last mention in this article (n goes on to the next article)"
                } else {
                    "First mention in this article"
                }
                .into(),
            );
            return;
        };
        self.reader.mention = Some(k);
        self.reader.target = None;
        self.reader.reveal(r, h);
        let m = mentions[k];
        let actor = lib.actors.get(m.actor);
        self.message = Some(format!(
            "Mention {} of {} here: {} ({}) — Enter selects, m concordance",
            crate::text::grouped(k + 1),
            crate::text::grouped(mentions.len()),
            actor.name,
            actor.kind.name()
        ));
    }

    /// Enter in the reader: selects the actor under the mention cursor, so
    /// the sidebar follows and `n` / `N` walk it.
    pub(super) fn follow_mention(&mut self) {
        let (Some(doc), Some(k)) = (self.reader.doc, self.reader.mention) else {
            self.message = Some("Put the cursor on a mention with ] or [ first".into());
            return;
        };
        let lib = Arc::clone(&self.lib);
        let Some(m) = lib.actors.in_doc(doc).get(k).copied() else {
            return;
        };
        self.record();
        self.select_actor(Some(m.actor));
        self.focus_sidebar_on(m.actor);
        if let Some(t) = self.reader.targets.iter().position(|r| *r == m.range()) {
            self.focus_target(t);
            self.message = self.selected_message(", Backspace goes back");
        }
    }
}
