//! Every way the app state can change.
//!
//! Keys become actions through the keymap, the terminal's resize events
//! become [`Action::Resize`], and nothing else mutates [`super::App`]. Actions
//! that a key can trigger have a stable snake_case name, which is what the
//! keymap and (later) the config file use.

use std::sync::Arc;

use crate::corpus::DocId;
use crate::library::Library;
use crate::search::Hits;
use crate::state::Marks;

/// Which part of loading is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStage {
    /// Reading and parsing articles.
    Reading,
    /// Finding actors and indexing.
    Indexing,
}

/// How far background loading has got, as the loader measured it (the app
/// has no clock).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadStatus {
    /// The stage.
    pub stage: LoadStage,
    /// Articles read (or, while indexing, indexed) so far.
    pub articles: usize,
    /// Bytes read so far.
    pub bytes: u64,
    /// Share of the stage done, 0 to 1; none when it cannot be told (a
    /// pipe has no size).
    pub fraction: Option<f64>,
    /// Bytes per second while reading, articles per second while their
    /// words are read; 0 when no rate is worth saying (after that pass).
    pub rate: f64,
    /// Seconds the stage still needs, when it can be told.
    pub eta: Option<f64>,
}

/// A library handed over by the loader; equal only to itself.
#[derive(Clone)]
pub struct Loaded(pub Arc<Library>);

impl PartialEq for Loaded {
    fn eq(&self, other: &Loaded) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Loaded({} articles, complete: {})",
            self.0.corpus.len(),
            self.0.complete
        )
    }
}

/// One change to the app state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Move focus to the next pane (list, reader, actors).
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Up one row in the focused pane (scrolls the reader one line).
    Up,
    /// Down one row in the focused pane.
    Down,
    /// Up one page in the focused pane.
    PageUp,
    /// Down one page in the focused pane.
    PageDown,
    /// To the first row or the top of the article.
    Top,
    /// To the last row or the end of the article.
    Bottom,
    /// Enter: open the article in the reader, or select the actor.
    Activate,
    /// Esc: close what is open, or clear the actor selection.
    Back,
    /// Jump to the next mention of the selected actor (or, with a filter
    /// and no actor, the next match), across articles.
    NextMention,
    /// Jump to the previous mention or match, across articles.
    PrevMention,
    /// Show or hide the key help.
    ToggleHelp,
    /// Show or hide the list of load warnings.
    ToggleWarnings,
    /// Open the filter line (`/`).
    OpenFilter,
    /// Type a char into the filter line.
    FilterInput(char),
    /// Delete the char before the filter cursor.
    FilterBackspace,
    /// Delete the char under the filter cursor.
    FilterDelete,
    /// Delete the word before the filter cursor.
    FilterDeleteWord,
    /// Clear the filter line.
    FilterClear,
    /// Move the filter cursor left.
    FilterLeft,
    /// Move the filter cursor right.
    FilterRight,
    /// Move the filter cursor to the start.
    FilterHome,
    /// Move the filter cursor to the end.
    FilterEnd,
    /// Show the previous query in the history.
    FilterHistoryPrev,
    /// Show the next query in the history.
    FilterHistoryNext,
    /// Keep the filter and move focus to the list (Enter).
    FilterAccept,
    /// Clear the filter and restore the previous selection (Esc).
    FilterCancel,
    /// Open the concordance of the actor in view (`m`).
    OpenConcordance,
    /// Open the actors named alongside the actor in view (`r`).
    OpenRelated,
    /// Sort the concordance by the next order (article, 1L, 1R).
    CycleSort,
    /// Move the reader's mention cursor to the next mention of any actor.
    NextActorMention,
    /// Move the reader's mention cursor to the previous mention.
    PrevActorMention,
    /// Go back to where the last jump started.
    HistoryBack,
    /// Go forward again.
    HistoryForward,
    /// Hide the kind of the actor under the sidebar cursor from the
    /// sidebar.
    HideKind,
    /// Show every kind in the sidebar again.
    ShowKinds,
    /// Sort the sidebar by the next order (mentions, articles, name).
    SortActors,
    /// Open the timeline of dated events (`t`).
    OpenTimeline,
    /// Open what the actor in view said (`"`).
    OpenQuotes,
    /// Show or fold each source of the timeline row under the cursor.
    Expand,
    /// Show each source of the timeline row under the cursor.
    Unfold,
    /// Fold the sources of the timeline row under the cursor.
    Fold,
    /// Results for the filter's query `generation` arrived.
    FilterResults {
        /// The generation of the query they answer.
        generation: u64,
        /// The results.
        hits: Arc<Hits>,
    },
    /// Loading made progress.
    LoadProgress(LoadStatus),
    /// The loaded library's dated events and statements have been read.
    StoryReady,
    /// A newer library is ready: more articles, or (when complete) the
    /// actors and the full index too.
    LibraryLoaded(Loaded),
    /// Loading stopped with this error; what was loaded stays.
    LoadFailed(String),
    /// The terminal now has this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// Open the export overlay (`x`): what to write (the listed articles,
    /// the actors, the actor's mentions) and in which format.
    OpenExport,
    /// The binary carried out an export: the file written and how many
    /// records it holds, or why it could not.
    Exported(Result<crate::export::Written, String>),
    /// Bookmark the article in view, or remove its bookmark (`b`).
    ToggleBookmark,
    /// Mark the article in view unread, or read again (`u`).
    ToggleRead,
    /// Write or change the note on the article in view (`a`).
    EditNote,
    /// Type a char into the note line.
    NoteInput(char),
    /// Delete the char before the note cursor.
    NoteBackspace,
    /// Delete the char under the note cursor.
    NoteDelete,
    /// Delete the word before the note cursor.
    NoteDeleteWord,
    /// Clear the note line.
    NoteClear,
    /// Move the note cursor left.
    NoteLeft,
    /// Move the note cursor right.
    NoteRight,
    /// Move the note cursor to the start.
    NoteHome,
    /// Move the note cursor to the end.
    NoteEnd,
    /// Save the note (an empty one deletes it).
    NoteAccept,
    /// Leave the note as it was.
    NoteCancel,
    /// Article `doc` has been open in the reader for `secs` seconds without
    /// a break. The binary times it (the app has no clock); a report about
    /// an article no longer open is stale and ignored.
    ReadFor {
        /// The article.
        doc: DocId,
        /// How long it has been open.
        secs: u32,
    },
    /// The filter queries saved by earlier sessions, oldest first, read at
    /// start for Up to recall, or why they could not be read.
    QueriesLoaded(Result<Vec<String>, String>),
    /// The saved marks of this corpus, read at start, and any problem
    /// reading them.
    MarksLoaded {
        /// The marks (empty when none could be read).
        marks: Arc<Marks>,
        /// What the user should know, each naming the file.
        warnings: Vec<String>,
        /// What the user may look up but need not be told at once (a
        /// corpus piped in keeps no marks): listed with the warnings only.
        notes: Vec<String>,
    },
    /// A save finished: the marks now on disk (this session's and any other
    /// dossier's on the same corpus), or `None` when it failed.
    MarksSaved {
        /// The saved marks.
        marks: Option<Arc<Marks>>,
        /// Why it failed, or problems met on the way.
        warnings: Vec<String>,
    },
    /// The mouse's left button went down on a screen cell: select what is
    /// there and focus its pane; on the row already selected, activate it.
    Click {
        /// Column, from 0 at the left.
        col: u16,
        /// Row, from 0 at the top.
        row: u16,
        /// The second click of a double click (same cell, soon after).
        again: bool,
    },
    /// The mouse wheel turned over a screen cell: scroll what is there,
    /// focused or not.
    Scroll {
        /// Column, from 0 at the left.
        col: u16,
        /// Row, from 0 at the top.
        row: u16,
        /// Notches: positive down, negative up.
        delta: i16,
    },
    /// Read the article in view in the user's pager (`o`).
    OpenPager,
    /// Open a copy of the article in view in the user's editor (`e`).
    OpenEditor,
    /// Open the article's url in a browser (`O`).
    OpenBrowser,
    /// Copy what is under the cursor to the clipboard (`y`).
    Copy,
    /// Copy the id of the article in view (`Y`).
    CopyId,
    /// Suspend to the shell (`Ctrl-z`); `fg` comes back.
    Suspend,
    /// Something the binary did outside the app (a pager, the clipboard)
    /// has this to say in the status bar.
    Notice(String),
    /// A key that does nothing where it was pressed (in the panes or a
    /// view): the status bar says where it works, or where to look.
    Unbound(super::keymap::Key),
    /// Text pasted into the terminal (bracketed paste): typed into the
    /// filter or note line being edited, as one line; never read as keys.
    Paste(String),
}

impl Action {
    /// Every action a key can be bound to, with its name.
    pub const BINDABLE: [(Action, &'static str); 63] = [
        (Action::Quit, "quit"),
        (Action::FocusNext, "focus_next"),
        (Action::FocusPrev, "focus_prev"),
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::PageUp, "page_up"),
        (Action::PageDown, "page_down"),
        (Action::Top, "top"),
        (Action::Bottom, "bottom"),
        (Action::Activate, "activate"),
        (Action::Back, "back"),
        (Action::NextMention, "next_mention"),
        (Action::PrevMention, "prev_mention"),
        (Action::ToggleHelp, "help"),
        (Action::ToggleWarnings, "warnings"),
        (Action::OpenFilter, "filter"),
        (Action::FilterBackspace, "filter_backspace"),
        (Action::FilterDelete, "filter_delete"),
        (Action::FilterDeleteWord, "filter_delete_word"),
        (Action::FilterClear, "filter_clear"),
        (Action::FilterLeft, "filter_left"),
        (Action::FilterRight, "filter_right"),
        (Action::FilterHome, "filter_home"),
        (Action::FilterEnd, "filter_end"),
        (Action::FilterHistoryPrev, "filter_history_prev"),
        (Action::FilterHistoryNext, "filter_history_next"),
        (Action::FilterAccept, "filter_accept"),
        (Action::FilterCancel, "filter_cancel"),
        (Action::OpenConcordance, "concordance"),
        (Action::OpenRelated, "related"),
        (Action::CycleSort, "kwic_sort"),
        (Action::NextActorMention, "next_actor_mention"),
        (Action::PrevActorMention, "prev_actor_mention"),
        (Action::HistoryBack, "history_back"),
        (Action::HistoryForward, "history_forward"),
        (Action::HideKind, "hide_kind"),
        (Action::ShowKinds, "show_kinds"),
        (Action::SortActors, "sort_actors"),
        (Action::OpenTimeline, "timeline"),
        (Action::OpenQuotes, "quotes"),
        (Action::Expand, "expand"),
        (Action::Unfold, "unfold"),
        (Action::Fold, "fold"),
        (Action::OpenExport, "export"),
        (Action::ToggleBookmark, "bookmark"),
        (Action::ToggleRead, "toggle_read"),
        (Action::EditNote, "note"),
        (Action::NoteBackspace, "note_backspace"),
        (Action::NoteDelete, "note_delete"),
        (Action::NoteDeleteWord, "note_delete_word"),
        (Action::NoteClear, "note_clear"),
        (Action::NoteLeft, "note_left"),
        (Action::NoteRight, "note_right"),
        (Action::NoteHome, "note_home"),
        (Action::NoteEnd, "note_end"),
        (Action::NoteAccept, "note_accept"),
        (Action::NoteCancel, "note_cancel"),
        (Action::OpenPager, "pager"),
        (Action::OpenEditor, "editor"),
        (Action::OpenBrowser, "browser"),
        (Action::Copy, "copy"),
        (Action::CopyId, "copy_id"),
        (Action::Suspend, "suspend"),
    ];

    /// The name a key binding uses, for actions a key can trigger.
    pub fn name(&self) -> Option<&'static str> {
        Action::BINDABLE
            .iter()
            .find(|(a, _)| a == self)
            .map(|(_, n)| *n)
    }

    /// The action with binding name `name`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| a.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (a, n) in Action::BINDABLE {
            assert_eq!(a.name(), Some(n));
            assert_eq!(Action::from_name(n), Some(a));
        }
        assert_eq!(
            Action::Resize {
                width: 1,
                height: 1
            }
            .name(),
            None
        );
    }
}
