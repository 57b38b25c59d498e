//! The export overlay (`x`): choosing what to write (the listed articles,
//! the actors in the sidebar, the mentions of the actor in view, the
//! timeline, or what that actor said) and the format, then asking the
//! binary to write it ([`Effect::Export`]).
//!
//! Owns: the overlay's choices and the [`Selection`] taken from what the
//! panes list. Must not touch: files or the clock (the binary names and
//! writes the file, and answers with [`Action::Exported`]).

use super::views::View;
use super::{Action, App, Effect, Overlay};
use crate::actors::ActorId;
use crate::export::{Format, Selection, What, Written};

/// One line of the overlay: a kind of export and what it would hold now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportChoice {
    /// The kind of export.
    pub what: What,
    /// What it would write, in words ("the 5 listed articles").
    pub label: String,
    /// Whether it can be written now (mentions need an actor).
    pub available: bool,
}

use crate::text::count as plural;

impl App {
    /// Opens the overlay on the articles, in Markdown; or says why not yet.
    pub(super) fn open_export(&mut self) {
        if !self.lib.complete {
            self.say_until(
                "Still loading: export once the corpus has loaded",
                super::Waits::Library,
            );
            return;
        }
        // The last export's choices: a second CSV of other articles is
        // Enter, not Tab Enter. From the timeline or the statements, what
        // they show.
        let (what, format) = self
            .export_last
            .unwrap_or((What::Articles, Format::Markdown));
        let what = match self.view {
            View::Timeline => What::Timeline,
            View::Quotes => What::Statements,
            View::Panes | View::Concordance | View::Related => what,
        };
        self.overlay = Some(Overlay::Export { what, format });
        self.recount_exports();
    }

    /// Counts what a timeline export would hold, while the export box is
    /// open (see [`App::export_events`]), reading the story if it can be
    /// read now (not while the loader reads it).
    pub(super) fn recount_exports(&mut self) {
        if !matches!(self.overlay, Some(Overlay::Export { .. })) {
            return;
        }
        self.export_events = match &self.timeline {
            // On screen, the timeline has counted its rows already.
            Some(t) if self.view == View::Timeline => Some(t.groups),
            _ => self.story_now().map(|story| {
                let keep = self.in_filter();
                story.timeline.rows(self.timeline_actor(), &keep).len()
            }),
        };
    }

    /// The story, if it can be read now without waiting: not while loading
    /// nor while the loader reads it (see `story_available`).
    fn story_now(&self) -> Option<&crate::story::Story> {
        let waiting =
            !self.lib.complete || (self.story_pending && self.lib.story_if_ready().is_none());
        (!waiting).then(|| self.lib.story())
    }

    /// Whose events a timeline export holds: the timeline's actor on
    /// screen, else the actor `t` would show (helper-31: from the
    /// statements view, every event was offered).
    fn timeline_actor(&self) -> Option<ActorId> {
        match &self.timeline {
            Some(t) if self.view == View::Timeline => t.actor,
            _ => self.story_actor(),
        }
    }

    /// Whose statements a statements export holds: those on screen, else
    /// the actor whose mentions would be exported.
    fn statements_actor(&self) -> Option<ActorId> {
        match &self.quotes {
            Some(q) if self.view == View::Quotes => Some(q.actor),
            _ => self.export_actor(),
        }
    }

    /// A key in the overlay: move between choices and formats, write, or
    /// close.
    pub(super) fn export_key(
        &mut self,
        action: Action,
        what: What,
        format: Format,
    ) -> Option<Effect> {
        let step = |list: &[What], cur: What, by: isize| {
            let i = list.iter().position(|&w| w == cur).unwrap_or(0) as isize;
            list[(i + by).clamp(0, list.len() as isize - 1) as usize]
        };
        let turn = |by: isize| {
            let n = Format::ALL.len() as isize;
            let i = Format::ALL.iter().position(|&f| f == format).unwrap_or(0) as isize;
            Format::ALL[(i + by).rem_euclid(n) as usize]
        };
        let (what, format) = match action {
            Action::Down => (step(&What::ALL, what, 1), format),
            Action::Up => (step(&What::ALL, what, -1), format),
            Action::FocusNext => (what, turn(1)),
            Action::FocusPrev => (what, turn(-1)),
            Action::Back | Action::OpenExport | Action::ToggleHelp => {
                self.overlay = None;
                return None;
            }
            Action::Activate => {
                let Some(selection) = self.export_selection(what) else {
                    self.message = Some(match what {
                        What::Timeline | What::Statements if self.story_now().is_none() => {
                            "The timeline and statements are still being read; export them in a moment".into()
                        }
                        _ => format!(
                            "No actor to export the {} of: select one first (Enter in the actors pane)",
                            what.name()
                        ),
                    });
                    return None;
                };
                if selection.is_empty(&self.lib) {
                    // An empty file says nothing a message cannot.
                    let (_, nouns) = what.nouns();
                    self.message = Some(match (what, self.filter.active()) {
                        (What::Timeline | What::Statements, true) => format!(
                            "Nothing to export: no {nouns} in the filtered articles (Esc clears the filter)"
                        ),
                        (What::Timeline | What::Statements, false) => {
                            format!("Nothing to export: no {nouns} here")
                        }
                        _ => {
                            format!("Nothing to export: no {nouns} listed (Esc clears the filter)")
                        }
                    });
                    return None;
                }
                self.overlay = None;
                self.export_last = Some((what, format));
                // Said until the binary answers: a big export takes a
                // moment, and the closed box alone says nothing.
                self.message = Some(format!(
                    "Writing the {} export ({})…",
                    what.name(),
                    format.name()
                ));
                return Some(Effect::Export {
                    scope: self.export_scope(what),
                    selection,
                    format,
                    marks: std::sync::Arc::new(self.marks.clone()),
                });
            }
            _ => return None,
        };
        self.overlay = Some(Overlay::Export { what, format });
        None
    }

    /// The binary's answer: the status bar says where the file is, or why
    /// there is none.
    pub(super) fn exported(&mut self, outcome: Result<Written, String>) {
        self.message = Some(match outcome {
            Ok(w) => format!("Wrote {} to {}", w.what.records(w.records), w.path),
            Err(why) => format!("Export failed: {why}"),
        });
    }

    /// Whose mentions `x` exports: the selected actor, else the one in
    /// view (under the sidebar cursor or the reader's mention cursor).
    fn export_actor(&self) -> Option<ActorId> {
        self.selected_actor.or_else(|| self.actor_in_view())
    }

    /// Whom an export of `what` is about, as its file is named: the
    /// actor for mentions, no one for the rest.
    pub fn export_subject(&self, what: What) -> Option<&str> {
        let actor = match what {
            What::Mentions => self.export_actor()?,
            What::Statements => self.statements_actor()?,
            What::Timeline => self.timeline_actor()?,
            What::Articles | What::Actors => return None,
        };
        Some(self.lib.actors.get(actor).name)
    }

    /// How many statements a statements export would hold, if there is an
    /// actor and the story has been read (the box is drawn from this, so
    /// it never reads the story itself: opening the box did, in
    /// [`App::recount_exports`]).
    fn statement_count(&self) -> Option<usize> {
        let story = self.lib.story_if_ready().filter(|_| self.lib.complete)?;
        let actor = self.statements_actor()?;
        let keep = self.in_filter();
        Some(
            story
                .quotes_of(actor)
                .iter()
                .filter(|q| keep(q.doc))
                .count(),
        )
    }

    /// The filter's matches as a sorted list, when a filter is applied.
    fn filtered_docs(&self) -> Option<Vec<crate::corpus::DocId>> {
        Some(self.active_hits()?.in_corpus_order())
    }

    /// Whether an article is among the filter's matches (any is, without a
    /// filter): what the export box and the timeline pane count with, each
    /// frame, without listing the matches as [`App::filtered_docs`] does.
    pub fn in_filter(&self) -> impl Fn(crate::corpus::DocId) -> bool + '_ {
        let set = self.active_hits().map(|h| &h.set);
        move |d| set.is_none_or(|s| s.contains(d.0))
    }

    /// What `what` writes now: exactly what the panes list.
    pub fn export_selection(&self, what: What) -> Option<Selection> {
        Some(match what {
            What::Articles => Selection::Articles(self.list.rows.clone()),
            What::Actors => Selection::Actors {
                hits: self.sidebar.rows.clone(),
                within: self.filtered_docs(),
            },
            What::Mentions => Selection::Mentions {
                actor: self.export_actor()?,
                within: self.filtered_docs(),
            },
            What::Timeline => {
                self.story_now()?;
                Selection::Timeline {
                    actor: self.timeline_actor(),
                    within: self.filtered_docs(),
                }
            }
            What::Statements => {
                self.story_now()?;
                Selection::Statements {
                    actor: self.statements_actor()?,
                    within: self.filtered_docs(),
                }
            }
        })
    }

    /// What chose the rows, in words, for the Markdown heading.
    fn export_scope(&self, what: What) -> Option<String> {
        let mut parts = Vec::new();
        if self.filter.active() {
            parts.push(format!("matching \"{}\"", self.filter.input));
        }
        if let (What::Articles, Some(a)) = (what, self.selected_actor) {
            parts.push(format!("naming {}", self.lib.actors.get(a).name));
        }
        if what == What::Actors && !self.hidden_kinds.is_empty() {
            let kinds: Vec<&str> = self.hidden_kinds.iter().map(|k| k.name()).collect();
            parts.push(format!("leaving out {}", kinds.join(", ")));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The timeline's line in the overlay, and whether it can be written.
    fn timeline_choice(&self) -> (String, bool) {
        let naming = self
            .timeline_actor()
            .map(|a| {
                format!(
                    " naming {}",
                    crate::text::safe_line(self.lib.actors.get(a).name)
                )
            })
            .unwrap_or_default();
        let within = if self.filter.active() {
            " in the filtered articles"
        } else {
            ""
        };
        match self.export_events {
            None => ("the timeline, once its dates are read".to_owned(), false),
            Some(0) => (format!("no event{naming}{within}"), false),
            Some(n) => (
                format!("the {}{naming}", plural(n, "event", "events")),
                true,
            ),
        }
    }

    /// The statements' line in the overlay, and whether it can be written.
    fn statements_choice(&self) -> (String, bool) {
        let Some(actor) = self.statements_actor() else {
            return ("select an actor first".to_owned(), false);
        };
        let name = crate::text::safe_line(self.lib.actors.get(actor).name);
        match self.statement_count() {
            None => (format!("what {name} said, once it is read"), false),
            Some(0) => (format!("no statement of {name}"), false),
            Some(n) => (
                format!("the {} of {name}", plural(n, "statement", "statements")),
                true,
            ),
        }
    }

    /// The overlay's lines, with what each export would hold now.
    pub fn export_choices(&self) -> Vec<ExportChoice> {
        let articles = self.list.rows.len();
        let actors = self.sidebar.rows.len();
        let mentions = self.export_actor().map(|a| {
            let keep = self.in_filter();
            let n = self
                .lib
                .actors
                .of_actor(a)
                .filter(|&(doc, _)| keep(doc))
                .count();
            (self.lib.actors.get(a).name, n)
        });
        What::ALL
            .into_iter()
            .map(|what| {
                let (label, available) = match what {
                    // Nothing to write is said, not counted ("the 0
                    // listed articles").
                    What::Articles if articles == 0 => ("no article is listed".to_owned(), false),
                    What::Articles => (
                        format!(
                            "the {}",
                            plural(articles, "listed article", "listed articles")
                        ),
                        true,
                    ),
                    What::Actors if actors == 0 => ("no actor is in the sidebar".to_owned(), false),
                    What::Actors => (
                        format!(
                            "the {} in the sidebar, with counts",
                            plural(actors, "actor", "actors")
                        ),
                        true,
                    ),
                    What::Mentions => match mentions {
                        Some((name, n)) => (
                            format!(
                                "the {} of {}, with sentences",
                                plural(n, "mention", "mentions"),
                                crate::text::safe_line(name)
                            ),
                            true,
                        ),
                        None => ("select an actor first".to_owned(), false),
                    },
                    What::Timeline => self.timeline_choice(),
                    What::Statements => self.statements_choice(),
                };
                ExportChoice {
                    what,
                    label,
                    available,
                }
            })
            .collect()
    }
}
