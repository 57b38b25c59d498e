//! The views that take over the screen for one actor: its concordance and
//! the actors named alongside it. The computing is in
//! [`crate::actors::concordance`] and [`crate::actors::related`]; this is
//! their on-screen state: which lines are shown, in what order, and where
//! the cursor is.

use super::scroll::Cursor;
use crate::actors::ActorId;
use crate::actors::concordance::{self, KwicSort};
use crate::actors::related::{self, RelatedActors};
use crate::library::Library;
use crate::search::docset::DocSet;

/// What fills the screen above the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// The article list, the reader and the actors sidebar.
    #[default]
    Panes,
    /// The selected actor's concordance.
    Concordance,
    /// The actors named alongside the selected actor.
    Related,
    /// Dated events in date order.
    Timeline,
    /// What the selected actor said.
    Quotes,
}

/// Buckets the dispersion line is counted in (drawn narrower by merging).
pub const DISPERSION_BUCKETS: usize = 240;

/// A concordance on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concordance {
    /// Whose mentions.
    pub actor: ActorId,
    /// Only the sentences naming this actor too, when set.
    pub with: Option<ActorId>,
    /// The order.
    pub sort: KwicSort,
    /// Every line, as mention indices, in `sort` order.
    all: Vec<u32>,
    /// The lines shown: `all` narrowed to the filter's articles.
    pub rows: Vec<u32>,
    /// Selection and scroll, in `rows`.
    pub cursor: Cursor,
    /// Mentions per share of the corpus, in corpus order.
    pub dispersion: Vec<u32>,
    /// Articles the lines come from.
    pub articles: usize,
}

impl Concordance {
    /// The concordance of `actor` (only where it shares a sentence with
    /// `with`, when given), in article order, showing the lines from
    /// `filter`'s articles (all without one) in a window `visible` rows tall.
    pub fn open(
        lib: &Library,
        actor: ActorId,
        with: Option<ActorId>,
        filter: Option<&DocSet>,
        visible: usize,
    ) -> Concordance {
        let all = concordance::lines(&lib.corpus, &lib.actors, actor, with);
        // One bucket per article when there are fewer articles than
        // buckets, so each article's share of the line is its own.
        let n = lib.corpus.len();
        let dispersion =
            concordance::dispersion(&lib.actors, n, &all, DISPERSION_BUCKETS.min(n.max(1)));
        let articles = concordance::articles(&lib.actors, &all);
        let mut c = Concordance {
            actor,
            with,
            sort: KwicSort::Article,
            rows: Vec::new(),
            all,
            cursor: Cursor::default(),
            dispersion,
            articles,
        };
        c.narrow(lib, filter, visible);
        c
    }

    /// Every line, before the filter narrows them.
    pub fn total(&self) -> usize {
        self.all.len()
    }

    /// Orders the lines by `sort`, keeping the cursor on its line.
    pub fn resort(
        &mut self,
        lib: &Library,
        sort: KwicSort,
        filter: Option<&DocSet>,
        visible: usize,
    ) {
        let (current, before) = (self.current(), self.cursor);
        self.sort = sort;
        concordance::sort(&lib.corpus, &lib.actors, &mut self.all, sort);
        self.narrow(lib, filter, visible);
        if let Some(i) = current.and_then(|c| self.rows.iter().position(|&r| r == c)) {
            self.cursor = before;
            self.cursor.follow(i, self.rows.len(), visible);
        }
    }

    /// Shows only the lines from articles in `filter` (all without one),
    /// keeping the cursor on its line where it stays.
    pub fn narrow(&mut self, lib: &Library, filter: Option<&DocSet>, visible: usize) {
        let current = self.current();
        self.rows = match filter {
            Some(set) => self
                .all
                .iter()
                .zip(lib.actors.docs_of_mentions(&self.all))
                .filter(|(_, doc)| set.contains(doc.0))
                .map(|(&i, _)| i)
                .collect(),
            None => self.all.clone(),
        };
        let keep = current.and_then(|c| self.rows.iter().position(|&r| r == c));
        self.cursor
            .select(keep.unwrap_or(0), self.rows.len(), visible);
    }

    /// The mention (index into the library's mentions) under the cursor.
    pub fn current(&self) -> Option<u32> {
        self.rows.get(self.cursor.selected).copied()
    }
}

/// The related-actors view on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedView {
    /// Whose company.
    pub actor: ActorId,
    /// The lists.
    pub data: RelatedActors,
    /// The list the cursor is in: 0 same sentence, 1 same article.
    pub column: usize,
    /// One cursor per list.
    pub cursors: [Cursor; 2],
    /// Each list's largest figures, found once rather than per frame (the
    /// most named actor of 100,000 articles has some 100,000 partners).
    pub peaks: [related::Peaks; 2],
    /// Whether only a filter's matching articles were looked at.
    pub filtered: bool,
}

impl RelatedView {
    /// The actors named alongside `actor`, in the articles of `within`
    /// (a filter's matches) or in all.
    pub fn open(lib: &Library, actor: ActorId, within: Option<&DocSet>) -> RelatedView {
        // The story's sentences when it has been read (the loader reads
        // it right after the actors), else the articles' own.
        let data = related::related_within(
            &lib.corpus,
            &lib.actors,
            actor,
            lib.story_if_ready().map(|s| s.sentences()),
            within,
        );
        let peaks = [
            related::Peaks::of(&data.sentences),
            related::Peaks::of(&data.articles),
        ];
        RelatedView {
            actor,
            data,
            column: 0,
            cursors: [Cursor::default(), Cursor::default()],
            peaks,
            filtered: within.is_some(),
        }
    }

    /// The rows of list `column`.
    pub fn list(&self, column: usize) -> &[related::Related] {
        if column == 0 {
            &self.data.sentences
        } else {
            &self.data.articles
        }
    }

    /// The actor under the cursor.
    pub fn current(&self) -> Option<ActorId> {
        self.list(self.column)
            .get(self.cursors[self.column].selected)
            .map(|r| r.actor)
    }
}
