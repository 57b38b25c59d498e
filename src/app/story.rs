//! The story views: the timeline (`t`) and what an actor said (`"`). The
//! extraction is in [`crate::story`]; this is their on-screen state (which
//! rows, which expanded, where the cursor is) and the jumps into the
//! reader.

use std::ops::Range;
use std::sync::Arc;

use super::scroll::Cursor;
use super::views::View;
use super::{App, Pane};
use crate::actors::ActorId;
use crate::corpus::DocId;
use crate::library::Library;
use crate::search::docset::DocSet;
use crate::story::quotes::Speech;

/// One row of the timeline on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimelineRow {
    /// An event group: its date, how many sources, a sentence.
    Group(u32),
    /// One source's sentence of an expanded group: group, event.
    Event(u32, u32),
}

/// The timeline on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineView {
    /// Only events naming this actor, when set.
    pub actor: Option<ActorId>,
    /// Groups shown expanded.
    pub expanded: Vec<u32>,
    /// The rows, in date order, expanded groups followed by their events.
    pub rows: Vec<TimelineRow>,
    /// Groups listed (rows less expanded events).
    pub groups: usize,
    /// Where each expanded group's event rows begin in `rows`, and how
    /// many there are, in row order.
    pub blocks: Vec<(u32, u32)>,
    /// By row: how many sources a group's row counts (×N), those the
    /// filter keeps, which Space lists; 0 on a source's row. Counted when
    /// the rows are, not when they are drawn.
    pub sources: Vec<u32>,
    /// Selection and scroll, in `rows`.
    pub cursor: Cursor,
}

/// Whether an article passes the filter (every one without a filter).
fn passes(filter: Option<&DocSet>) -> impl Fn(DocId) -> bool + '_ {
    move |d| filter.is_none_or(|s| s.contains(d.0))
}

impl TimelineView {
    /// Why it lists nothing, as the status line and the empty pane say it.
    pub fn empty_reason(&self, lib: &Library, filtered: bool) -> String {
        let within = if filtered {
            " in the filtered articles"
        } else {
            ""
        };
        match self.actor {
            Some(a) => format!("No dated event names {}{within}", lib.actors.get(a).name),
            None if filtered => format!("No dated event{within}"),
            None => "No dated events here".to_owned(),
        }
    }

    /// The timeline of the events naming `actor` (all without one) in the
    /// filter's articles.
    pub fn open(
        lib: &Library,
        actor: Option<ActorId>,
        filter: Option<&DocSet>,
        visible: usize,
    ) -> TimelineView {
        let mut t = TimelineView {
            actor,
            expanded: Vec::new(),
            rows: Vec::new(),
            groups: 0,
            blocks: Vec::new(),
            sources: Vec::new(),
            cursor: Cursor::default(),
        };
        t.rebuild(lib, filter, visible);
        t
    }

    /// Lists the rows again (after the filter or an expansion changed),
    /// keeping the cursor on its group or event where it stays.
    pub fn rebuild(&mut self, lib: &Library, filter: Option<&DocSet>, visible: usize) {
        let current = self.current();
        let t = &lib.story().timeline;
        let keep = passes(filter);
        let mut rows = Vec::new();
        let mut groups = 0;
        let mut blocks = Vec::new();
        let mut sources = Vec::new();
        for g in t.rows(self.actor, &keep) {
            groups += 1;
            rows.push(TimelineRow::Group(g));
            // Every source of the event, also those that do not name the
            // actor: where sources agree is the point, and the row counts
            // them all.
            sources.push(match filter {
                None => t.groups[g as usize].sources,
                Some(_) => t.sources_kept(g as usize, &keep),
            });
            if self.expanded.contains(&g) {
                let start = rows.len();
                for e in t.members(g as usize, None, &keep) {
                    rows.push(TimelineRow::Event(g, e));
                    sources.push(0);
                }
                blocks.push((start as u32, (rows.len() - start) as u32));
            }
        }
        self.rows = rows;
        self.groups = groups;
        self.blocks = blocks;
        self.sources = sources;
        let at = current.and_then(|c| {
            self.rows.iter().position(|&r| r == c).or_else(|| {
                // An event whose group folded: the group.
                let TimelineRow::Event(g, _) = c else {
                    return None;
                };
                self.rows.iter().position(|&r| r == TimelineRow::Group(g))
            })
        });
        self.cursor
            .select(at.unwrap_or(0), self.rows.len(), visible);
    }

    /// Which event (counting from 1, as the header counts them) row `row`
    /// belongs to: a source's row counts as its group's.
    pub fn event_number(&self, row: usize) -> usize {
        let sources: usize = self
            .blocks
            .iter()
            .map(|&(start, len)| (row + 1).saturating_sub(start as usize).min(len as usize))
            .sum();
        row + 1 - sources
    }

    /// The row under the cursor.
    pub fn current(&self) -> Option<TimelineRow> {
        self.rows.get(self.cursor.selected).copied()
    }

    /// The event a row stands for: its own, or a group's first shown.
    pub fn event_of(
        &self,
        lib: &Library,
        row: TimelineRow,
        filter: Option<&DocSet>,
    ) -> Option<u32> {
        match row {
            TimelineRow::Event(_, e) => Some(e),
            TimelineRow::Group(g) => lib
                .story()
                .timeline
                .members(g as usize, self.actor, &passes(filter))
                .next(),
        }
    }
}

/// What an actor said, on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotesView {
    /// The speaker.
    pub actor: ActorId,
    /// Every statement of the speaker, before the filter narrows them.
    pub total: usize,
    /// How many of them are direct quotes.
    pub direct: usize,
    /// The statements shown, as indices into [`crate::story::Story::quotes_of`].
    pub rows: Vec<u32>,
    /// Selection and scroll, in `rows`.
    pub cursor: Cursor,
}

impl QuotesView {
    /// The statements of `actor` from the filter's articles.
    pub fn open(
        lib: &Library,
        actor: ActorId,
        filter: Option<&DocSet>,
        visible: usize,
    ) -> QuotesView {
        let all = lib.story().quotes_of(actor);
        let mut q = QuotesView {
            actor,
            total: all.len(),
            direct: all.iter().filter(|q| q.speech == Speech::Direct).count(),
            rows: Vec::new(),
            cursor: Cursor::default(),
        };
        q.narrow(lib, filter, visible);
        q
    }

    /// Shows only the statements from articles in `filter`.
    pub fn narrow(&mut self, lib: &Library, filter: Option<&DocSet>, visible: usize) {
        let current = self.current();
        let keep = passes(filter);
        self.rows = lib
            .story()
            .quotes_of(self.actor)
            .iter()
            .enumerate()
            .filter(|(_, q)| keep(q.doc))
            .map(|(i, _)| i as u32)
            .collect();
        let at = current.and_then(|c| self.rows.iter().position(|&r| r == c));
        self.cursor
            .select(at.unwrap_or(0), self.rows.len(), visible);
    }

    /// The statement under the cursor.
    pub fn current(&self) -> Option<u32> {
        self.rows.get(self.cursor.selected).copied()
    }
}

impl App {
    /// `t`: the timeline, restricted to the selected actor.
    pub(super) fn open_timeline(&mut self) {
        if !self.story_available() {
            return;
        }
        if self.view == View::Timeline {
            return;
        }
        self.record();
        // The actor in view (under the actors pane's cursor, the reader's
        // mention cursor, or whose view is shown), as m, r and " take it:
        // selected, so the list and the timeline agree (helper-31: from
        // "What Vladimir Putin said", t showed every event).
        let in_view = self.story_actor();
        if in_view.is_some() && in_view != self.selected_actor {
            self.select_actor(in_view);
        }
        let lib = Arc::clone(&self.lib);
        let actor = self.selected_actor;
        if self.timeline.as_ref().is_some_and(|t| t.actor == actor) {
            self.refresh_timeline();
        } else {
            let filter = self.filter_set();
            let visible = self.timeline_visible();
            self.timeline = Some(TimelineView::open(&lib, actor, filter.as_ref(), visible));
        }
        self.view = View::Timeline;
        self.return_to = None;
        self.refit();
        if let Some(t) = self.timeline.as_ref().filter(|t| t.rows.is_empty()) {
            self.message = Some(t.empty_reason(&lib, self.filter.active()));
        }
    }

    /// The actor a story view opened now is about: the one in view in
    /// the panes, the one whose concordance or statements are shown, the
    /// related actor under the cursor, the timeline's.
    pub(super) fn story_actor(&self) -> Option<ActorId> {
        match self.view {
            View::Quotes => self.quotes.as_ref().map(|q| q.actor),
            View::Concordance => self.concordance.as_ref().map(|c| c.actor),
            View::Related => self.related.as_ref().and_then(|r| r.current()),
            View::Timeline => self.selected_actor,
            View::Panes => self.actor_in_view(),
        }
    }

    /// `"`: what the actor in view said.
    pub(super) fn open_quotes(&mut self) {
        if self.view == View::Quotes {
            return;
        }
        let actor = self.story_actor();
        let Some(actor) = actor else {
            return self.no_actor(
                "Select an actor first (Enter in the actors pane), then \" for what it said",
            );
        };
        if !self.story_available() {
            return;
        }
        self.record();
        let lib = Arc::clone(&self.lib);
        let filter = self.filter_set();
        let visible = self.quotes_visible();
        match &mut self.quotes {
            Some(q) if q.actor == actor => q.narrow(&lib, filter.as_ref(), visible),
            _ => self.quotes = Some(QuotesView::open(&lib, actor, filter.as_ref(), visible)),
        }
        self.view = View::Quotes;
        self.return_to = None;
        self.refit();
        if self.quotes.as_ref().is_some_and(|q| q.total == 0) {
            self.message = Some(format!(
                "No statement is attributed to {}",
                lib.actors.get(actor).name
            ));
        }
    }

    /// Lists the timeline's rows again for the current filter and selected
    /// actor (which it follows while shown). Only a timeline on screen is
    /// kept up to date: the filter's results do not pay for a hidden one.
    pub(super) fn refresh_timeline(&mut self) {
        let lib = Arc::clone(&self.lib);
        let filter = self.filter_set();
        let visible = self.timeline_visible();
        let actor = self.selected_actor;
        if let Some(t) = &mut self.timeline {
            if t.actor != actor {
                t.actor = actor;
                t.expanded.clear();
            }
            t.rebuild(&lib, filter.as_ref(), visible);
        }
    }

    /// Whether the story can be shown now; if not, says why. A library
    /// still loading has no story; a complete one whose story the loader
    /// is still reading will have it in a moment (the UI never waits for
    /// it); any other reads it now (the seeds: a few milliseconds).
    fn story_available(&mut self) -> bool {
        if !self.lib.complete {
            self.say_until(
                "The timeline and statements are ready when loading finishes",
                super::Waits::Library,
            );
            return false;
        }
        if self.story_pending && self.lib.story_if_ready().is_none() {
            self.say_until(
                "Still reading dates and statements in the background; try again in a moment",
                super::Waits::Story,
            );
            return false;
        }
        true
    }

    /// Space, → and ← in the timeline: shows or folds each source's
    /// sentence of the row under the cursor; with `open`, only shows
    /// (`Some(true)`) or only folds (`Some(false)`).
    pub(super) fn expand(&mut self, open: Option<bool>) {
        let lib = Arc::clone(&self.lib);
        let filter = self.filter_set();
        let visible = self.timeline_visible();
        let Some(t) = &mut self.timeline else { return };
        let Some(row) = t.current() else { return };
        let g = match row {
            TimelineRow::Group(g) | TimelineRow::Event(g, _) => g,
        };
        let shown = t.expanded.iter().position(|&x| x == g);
        if open == Some(shown.is_some()) {
            // Already as asked: → on an open row, ← on a folded one.
            return;
        }
        let keep = passes(filter.as_ref());
        if !lib.story().timeline.several_reports(g as usize, &keep) {
            self.message = Some("Only one source reports this event".into());
            return;
        }
        if let Some(i) = shown {
            t.expanded.remove(i);
            // Fold onto the group's own row.
            if let Some(at) = t.rows.iter().position(|&r| r == TimelineRow::Group(g)) {
                t.cursor.selected = at;
            }
            t.rebuild(&lib, filter.as_ref(), visible);
        } else {
            t.expanded.push(g);
            t.rebuild(&lib, filter.as_ref(), visible);
            // Scroll the sources into view, keeping the event's row on screen.
            let at = t.cursor.selected;
            let last = t
                .rows
                .iter()
                .rposition(|r| matches!(r, TimelineRow::Event(x, _) if *x == g));
            if let Some(last) = last {
                t.cursor.select(last, t.rows.len(), visible);
                t.cursor.select(at, t.rows.len(), visible);
            }
        }
    }

    /// Enter in the timeline: the article at the event's sentence.
    pub(super) fn open_event(&mut self) {
        let lib = Arc::clone(&self.lib);
        let filter = self.filter_set();
        let Some(e) = self
            .timeline
            .as_ref()
            .and_then(|t| t.event_of(&lib, t.current()?, filter.as_ref()))
        else {
            return;
        };
        let e = &lib.story().timeline.events[e as usize];
        self.read_at(
            e.doc,
            e.sentence.start as usize..e.sentence.end as usize,
            View::Timeline,
        );
    }

    /// Enter in the quotes view: the article at the statement.
    pub(super) fn open_statement(&mut self) {
        let lib = Arc::clone(&self.lib);
        let Some((actor, i)) = self
            .quotes
            .as_ref()
            .and_then(|q| Some((q.actor, q.current()?)))
        else {
            return;
        };
        let q = &lib.story().quotes_of(actor)[i as usize];
        self.read_at(
            q.doc,
            q.text.start as usize..q.text.end as usize,
            View::Quotes,
        );
    }

    /// Leaves view `from` for the reader, which Esc leaves for `from`
    /// again with the focus it had.
    pub(super) fn read_from(&mut self, from: View) {
        self.view = View::Panes;
        self.return_to = Some(from);
        self.return_focus = self.focus;
        self.focus = Pane::Reader;
    }

    /// Opens `doc` in the reader with `passage` marked a third of the way
    /// down; Esc returns to `from`.
    fn read_at(&mut self, doc: DocId, passage: Range<usize>, from: View) {
        self.record();
        let mut told = None;
        if !self.show_doc(doc) {
            // An expanded event lists every source, also one that does not
            // name the selected actor: the list shows it once the actor is
            // let go (Bksp goes back to it).
            const LEFT_OUT: &str = "That article is not in the list (the filter leaves it out)";
            let Some(actor) = self.selected_actor else {
                self.message = Some(LEFT_OUT.into());
                return;
            };
            self.select_actor(None);
            if !self.show_doc(doc) {
                self.select_actor(Some(actor));
                self.message = Some(LEFT_OUT.into());
                return;
            }
            told = Some(format!(
                "This source does not name {}: the list shows every article now · Bksp goes back",
                self.lib.actors.get(actor).name
            ));
        }
        self.read_from(from);
        self.refit();
        let h = self.reader_height();
        let row = self.reader.row_of(passage.start);
        self.reader.scroll_to(row.saturating_sub(h / 3), h);
        self.reader.spot = Some(passage);
        if told.is_some() {
            self.message = told;
        }
    }

    /// Rows the timeline lists: the screen less the status line, the
    /// border and the header row.
    pub fn timeline_visible(&self) -> usize {
        usize::from(self.layout.screen.h)
            .saturating_sub(1 + 2 + 1)
            .max(1)
    }

    /// Statements the quotes view lists (see [`quotes_split`]).
    pub fn quotes_visible(&self) -> usize {
        let inner = usize::from(self.layout.screen.h).saturating_sub(1 + 2);
        quotes_split(inner).0
    }
}

/// How the quotes view shares `inner` rows (inside its border): a header
/// row, the list, and a preview of the statement under the cursor (a third,
/// when there is room for it). Returns (list rows, preview rows).
pub fn quotes_split(inner: usize) -> (usize, usize) {
    let preview = if inner >= 9 { inner / 3 } else { 0 };
    let list = inner.saturating_sub(1 + preview).max(1);
    (list, preview)
}
