//! The export overlay (`x`): choosing what to write (the listed articles,
//! the actors in the sidebar, or the mentions of the actor in view) and
//! the format, then asking the binary to write it ([`Effect::Export`]).
//!
//! Owns: the overlay's choices and the [`Selection`] taken from what the
//! panes list. Must not touch: files or the clock (the binary names and
//! writes the file, and answers with [`Action::Exported`]).

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
        // Enter, not Tab Enter.
        let (what, format) = self
            .export_last
            .unwrap_or((What::Articles, Format::Markdown));
        self.overlay = Some(Overlay::Export { what, format });
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
                    self.message = Some(
                        "No actor to export the mentions of: select one first (Enter in the actors pane)"
                            .into(),
                    );
                    return None;
                };
                if selection.is_empty() {
                    // An empty file says nothing a message cannot.
                    self.message = Some(format!(
                        "Nothing to export: no {} listed (Esc clears the filter)",
                        what.name()
                    ));
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
            Ok(w) => {
                let noun = w.what.name();
                let noun = if w.records == 1 {
                    noun.strip_suffix('s').unwrap_or(noun)
                } else {
                    noun
                };
                format!(
                    "Wrote {} {noun} to {}",
                    crate::text::grouped(w.records),
                    w.path
                )
            }
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
        match what {
            What::Mentions => Some(self.lib.actors.get(self.export_actor()?).name),
            What::Articles | What::Actors => None,
        }
    }

    /// The filter's matches as a sorted list, when a filter is applied.
    fn filtered_docs(&self) -> Option<Vec<crate::corpus::DocId>> {
        let (_, hits) = self.filter.hits.as_ref().filter(|_| self.filter.active())?;
        Some(hits.in_corpus_order())
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
        })
    }

    /// What chose the rows, in words, for the Markdown heading.
    fn export_scope(&self, what: What) -> Option<String> {
        let mut parts = Vec::new();
        if self.filter.active() {
            parts.push(format!("matching {:?}", self.filter.input));
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

    /// The overlay's lines, with what each export would hold now.
    pub fn export_choices(&self) -> Vec<ExportChoice> {
        let articles = self.list.rows.len();
        let actors = self.sidebar.rows.len();
        let mentions = self.export_actor().map(|a| {
            let within = self.filtered_docs();
            let n = self
                .lib
                .actors
                .of_actor(a)
                .filter(|(doc, _)| within.as_ref().is_none_or(|w| w.binary_search(doc).is_ok()))
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
