//! The app: all state of a dossier session and the one function that changes
//! it.
//!
//! [`App::update`] takes an [`Action`] and is pure: no I/O, no terminal, no
//! clock, no threads. What must happen outside (running a search) comes back
//! as an [`Effect`] for the binary to carry out; its answer returns as
//! another action. The binary turns terminal events into actions (keys
//! through [`App::action_for_key`]) and draws the state with [`crate::ui`];
//! tests drive the same state with actions and need no terminal at all.
//!
//! Owns: focus, the panes' cursors and scroll positions, the filter, the
//! selected actor and the narrowing both imply, the help overlay, one-shot
//! status messages. Must not touch: files, the terminal, threads.

pub mod action;
pub mod exporter;
pub mod filter;
pub mod history;
mod jumps;
pub mod keymap;
pub mod layout;
pub mod marks;
pub mod mouse;
pub mod outside;
pub mod reader;
pub mod scroll;
pub mod story;
pub mod views;

use std::ops::Range;
use std::sync::Arc;

pub use action::{Action, LoadStage, LoadStatus, Loaded};
use filter::{FilterState, Saved};
use history::History;
use keymap::{Code, Context, Key, Keymap};
pub use layout::{Area, Layout, Pane};
use reader::Reader;
use scroll::Cursor;
use story::{QuotesView, TimelineView};
pub use views::View;
use views::{Concordance, RelatedView};

use crate::actors::{ActorId, Kind};
use crate::config::{Config, Settings};
use crate::corpus::DocId;
use crate::library::Library;
use crate::search::highlight::article_marks;
use crate::search::{ActorHit, Hits, Marked, Query};
use crate::state::{Change, Marks};
use marks::{MarkView, NoteEdit};

/// Rows each article takes in the list: the title, then byline and counts.
pub const LIST_ROW_HEIGHT: usize = 2;

/// Columns of padding on each side of the reader's text.
pub const READER_PADDING: u16 = 1;

/// Narrowest inner width that shows the two related-actors lists side by
/// side.
pub const RELATED_SIDE_BY_SIDE: usize = 70;

/// Listed articles `n`/`N` look through for the next match before giving
/// up (a query matching only by actor kind can leave most without marks).
const JUMP_SCAN_LIMIT: usize = 2000;

/// What a status message waits for, beyond the next key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waits {
    /// The whole corpus loaded and indexed.
    Library,
    /// The timeline and statements read.
    Story,
}

/// Width of the warnings box (`w`) on a screen `screen_w` cells wide.
pub fn warnings_width(screen_w: u16) -> u16 {
    screen_w.saturating_sub(4).min(110)
}

/// Width a warning's problem is wrapped to in a warnings box whose inside
/// is `inner` cells wide (it is indented under its place).
pub fn warning_problem_width(inner: usize) -> usize {
    inner.saturating_sub(4).max(8)
}

/// Work the app asks the binary to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Run the filter's query; answer with [`Action::FilterResults`]. A newer
    /// search makes this one stale: it may be cancelled.
    Search {
        /// The query's generation.
        generation: u64,
        /// The query.
        query: Arc<Query>,
        /// The user's marks, when the query asks about them (`is:`).
        marked: Option<Arc<Marked>>,
    },
    /// Write an export to a new file in the current folder (the binary
    /// names it, having the clock); answer with [`Action::Exported`].
    Export {
        /// The rows to write.
        selection: crate::export::Selection,
        /// How.
        format: crate::export::Format,
        /// What chose the rows, in words (`matching "putin"`), if anything.
        scope: Option<String>,
        /// The reader's marks, which article exports carry.
        marks: Arc<crate::state::Marks>,
    },
    /// Save these changes to the marks (applied in the app already);
    /// answer with [`Action::MarksSaved`].
    SaveState(Vec<Change>),
    /// Show the article in the user's pager, the TUI suspended until it
    /// exits.
    Pager {
        /// The article.
        doc: DocId,
    },
    /// Open a copy of the article in the user's editor, likewise.
    Editor {
        /// The article.
        doc: DocId,
    },
    /// Open a web address (already checked to be http or https) in a
    /// browser.
    Browser {
        /// The address.
        url: String,
    },
    /// Put text on the clipboard through the terminal (OSC 52).
    Copy {
        /// The text.
        text: String,
    },
    /// Stop the process as the shell's Ctrl-z would; carry on at `fg`.
    Suspend,
}

/// The article list pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleList {
    /// The articles listed, in display order.
    pub rows: Vec<DocId>,
    /// Selection and scroll, in rows of `rows`.
    pub cursor: Cursor,
    /// How many of the listed articles are unread, and how many
    /// bookmarked: counted when the list or the marks change, not at every
    /// frame (a filtered list can hold the whole corpus).
    pub marked: (usize, usize),
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
    /// The actors listed, in display order, with the counts shown: over the
    /// whole corpus, or over the filter's matches.
    pub rows: Vec<ActorHit>,
    /// Selection and scroll, in rows of `rows`.
    pub cursor: Cursor,
    /// The order of `rows`.
    pub sort: ActorSort,
    /// Each actor's place in name order, made the first time the sidebar
    /// is sorted by name (emptied when the library changes).
    name_rank: Vec<u32>,
}

/// Each actor's place when all are sorted by name, ignoring case (then
/// by the name as written, then by rank).
fn name_ranks(actors: &crate::actors::Actors) -> Vec<u32> {
    let mut keyed: Vec<(String, u32)> = (0..actors.len() as u32)
        .map(|i| (actors.get(ActorId(i)).name.to_lowercase(), i))
        .collect();
    keyed.sort_unstable_by(|(a, i), (b, j)| {
        let name = |k: u32| actors.get(ActorId(k)).name;
        a.cmp(b).then_with(|| name(*i).cmp(name(*j))).then(i.cmp(j))
    });
    let mut rank = vec![0u32; keyed.len()];
    for (r, (_, i)) in keyed.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

/// The orders of the actors sidebar (`s`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ActorSort {
    /// Most mentioned first (of the matching articles, with a filter); an
    /// actor named once in the whole corpus below every other.
    #[default]
    Mentions,
    /// Named in the most articles first, then by mentions.
    Articles,
    /// By name, A to Z, whatever the case.
    Name,
}

impl ActorSort {
    /// The order after this one.
    pub fn next(self) -> ActorSort {
        match self {
            ActorSort::Mentions => ActorSort::Articles,
            ActorSort::Articles => ActorSort::Name,
            ActorSort::Name => ActorSort::Mentions,
        }
    }

    /// How the order is named: "by mentions".
    pub fn label(self) -> &'static str {
        match self {
            ActorSort::Mentions => "by mentions",
            ActorSort::Articles => "by articles",
            ActorSort::Name => "by name",
        }
    }
}

impl Sidebar {
    /// The actor under the cursor.
    pub fn current(&self) -> Option<ActorId> {
        self.rows.get(self.cursor.selected).map(|h| h.actor)
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
    /// The load warnings: each file or line skipped or flagged, and why.
    Warnings {
        /// First warning on screen.
        scroll: usize,
    },
    /// The export choices (`x`).
    Export {
        /// What to write.
        what: crate::export::What,
        /// In which format.
        format: crate::export::Format,
    },
}

impl Overlay {
    /// The same overlay scrolled to `scroll` (one that does not scroll
    /// stays as it is).
    pub fn scrolled_to(self, scroll: usize) -> Overlay {
        match self {
            Overlay::Help { .. } => Overlay::Help { scroll },
            Overlay::Warnings { .. } => Overlay::Warnings { scroll },
            other @ Overlay::Export { .. } => other,
        }
    }
}

/// What a problem with the saved marks concerns, as `w` lists it.
pub const SAVED_MARKS: &str = "saved marks";
/// What a problem with the past queries concerns, as `w` lists it.
pub const PAST_QUERIES: &str = "past queries";

/// Everything a dossier session shows.
#[derive(Debug, Clone)]
pub struct App {
    /// The corpus, its actors and its index.
    pub lib: Arc<Library>,
    /// The key bindings.
    pub keymap: Keymap,
    /// Colours, layout options and switches from the config.
    pub settings: Settings,
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
    /// Kinds of actor the sidebar leaves out, in the order hidden.
    pub hidden_kinds: Vec<Kind>,
    /// The filter line and its results.
    pub filter: FilterState,
    /// An overlay covering the panes.
    pub overlay: Option<Overlay>,
    /// What fills the screen: the panes, or a view of one actor.
    pub view: View,
    /// The concordance, kept while the user reads from it.
    pub concordance: Option<Concordance>,
    /// The related-actors view, kept likewise.
    pub related: Option<RelatedView>,
    /// The timeline, kept likewise.
    pub timeline: Option<TimelineView>,
    /// The statements view, kept likewise.
    pub quotes: Option<QuotesView>,
    /// The loader is still reading the complete library's story.
    pub story_pending: bool,
    /// The view Esc in the panes returns to, after Enter opened an article
    /// from it.
    pub return_to: Option<View>,
    /// The pane focused when Enter left that view for the reader: Esc
    /// back to the view puts it back, so closing the view leaves the
    /// panes as they were when it opened.
    return_focus: Pane,
    /// Whether the last click left a view for the panes: the second click
    /// of a double click then lands on nothing that click showed.
    left_view_by_click: bool,
    /// Where back and forward go.
    pub history: History,
    /// A one-shot note for the status bar, cleared by the next action.
    pub message: Option<String>,
    /// What a message such as "still loading" waits for, and that
    /// message (to tell it from one said since): it goes when that comes,
    /// not only at the next key, so it never outlives its truth.
    waiting: Option<(Waits, String)>,
    /// Background loading's progress, while it lasts.
    pub loading: Option<LoadStatus>,
    /// Why loading stopped early, if it did.
    pub load_error: Option<String>,
    /// Set when the user asked to leave.
    pub quit: bool,
    /// The user's marks on this corpus: read, bookmarks, notes.
    pub marks: Marks,
    /// The marks as sets over the library, with counts.
    pub mark_view: MarkView,
    /// The note line, while a note is being written.
    pub note: Option<NoteEdit>,
    /// Mark changes not yet handed over to be saved.
    pending: Vec<Change>,
    /// Mark changes handed over to be saved, a batch per save, oldest
    /// first, until the binary answers for them: saves run off the input
    /// path, and marks read back from a save (or from loading) must still
    /// hold the changes of the saves after it.
    in_flight: std::collections::VecDeque<Vec<Change>>,
    /// Mark changes whose save failed, with why the first failed: handed
    /// over again with the next change, or on quitting (not at once: a
    /// folder that takes no file would be tried without end), and said
    /// on the way out if they never were saved.
    unsaved: (Vec<Change>, Option<String>),
    /// Why saves failed, as listed among the warnings: taken off the list
    /// once a save succeeds and nothing failed is left.
    save_failures: Vec<String>,
    /// The articles the user marked unread this session: neither the
    /// reader's timer nor its end makes them read again (helper-28: one
    /// marked unread to come back to was read again 3 s after the list
    /// passed over it); `u` does.
    kept_unread: Vec<DocId>,
    /// Whether the user has pressed a key, clicked, scrolled or pasted:
    /// until then nothing counts as read, so the article shown at start
    /// (which the user did not choose, and may have marked unread last
    /// time) is not read by merely starting dossier.
    acted: bool,
    /// Problems outside the corpus, each with what it concerns ("saved
    /// marks", "past queries"), listed with the load warnings.
    pub warnings: Vec<(&'static str, String)>,
    /// The folder exports are written into, as the export box names it
    /// (the binary knows it; `None` in tests).
    pub export_dir: Option<String>,
    /// What was last exported, and how: the export box opens on it.
    export_last: Option<(crate::export::What, crate::export::Format)>,
    /// How many dated events a timeline export would hold, counted when
    /// the export box opens or what it counts changes (counting reads
    /// every event, too much for every frame); `None` until the story is
    /// read.
    export_events: Option<usize>,
}

impl App {
    /// A session over `lib` on a `width` x `height` terminal, with the first
    /// article open.
    pub fn new(lib: Arc<Library>, width: u16, height: u16) -> App {
        let mut app = App {
            lib,
            keymap: Keymap::default(),
            settings: Settings::default(),
            focus: Pane::List,
            layout: Layout::compute(width, height, Pane::List),
            list: ArticleList::default(),
            reader: Reader::default(),
            sidebar: Sidebar::default(),
            selected_actor: None,
            hidden_kinds: Vec::new(),
            filter: FilterState::default(),
            overlay: None,
            view: View::Panes,
            concordance: None,
            related: None,
            timeline: None,
            quotes: None,
            story_pending: false,
            return_to: None,
            return_focus: Pane::List,
            left_view_by_click: false,
            history: History::default(),
            message: None,
            waiting: None,
            loading: None,
            load_error: None,
            quit: false,
            marks: Marks::default(),
            mark_view: MarkView::default(),
            note: None,
            pending: Vec::new(),
            in_flight: std::collections::VecDeque::new(),
            unsaved: (Vec::new(), None),
            save_failures: Vec::new(),
            kept_unread: Vec::new(),
            acted: false,
            warnings: Vec::new(),
            export_dir: None,
            export_last: None,
            export_events: None,
        };
        app.refresh_marks();
        app.relist();
        app
    }

    /// A session whose library is still loading in the background: `lib`
    /// holds what has arrived (perhaps nothing yet).
    pub fn loading(lib: Arc<Library>, width: u16, height: u16) -> App {
        let mut app = App::new(lib, width, height);
        app.loading = Some(LoadStatus {
            stage: LoadStage::Reading,
            articles: app.lib.corpus.len(),
            bytes: 0,
            fraction: None,
            rate: 0.0,
            eta: None,
        });
        app
    }

    /// The same session with the user's configuration: its keys, colours
    /// and layout.
    pub fn with_config(mut self, config: Config) -> App {
        self.keymap = config.keymap;
        self.settings = config.settings;
        self.refit();
        self
    }

    /// The action a key triggers in the current state, if any.
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        let here = self.key_context();
        self.keymap
            .lookup(key, here)
            .or_else(|| self.unbound(key, here))
    }

    /// A key that does nothing in the panes or a view is reported, so a key
    /// pressed in the wrong place is not silently lost (nor an earlier
    /// message left standing as if it answered it). Not in the lines being
    /// typed in and the overlays, nor for an Alt chord ([`App::keys_of`]
    /// reads one as Esc and a key).
    fn unbound(&self, key: Key, here: Context) -> Option<Action> {
        (!key.alt && Context::PANES_AND_VIEWS.contains(&here)).then_some(Action::Unbound(key))
    }

    /// What [`Action::Unbound`] says: where `key` works, or that `?` lists
    /// the keys.
    fn unbound_message(&self, key: Key) -> String {
        let elsewhere: Vec<(Context, &str)> = self
            .keymap
            .sections()
            .into_iter()
            .filter(|(ctx, _)| Context::PANES_AND_VIEWS.contains(ctx))
            .filter_map(|(ctx, bindings)| {
                let b = bindings.iter().find(|b| b.keys.contains(&key))?;
                Some((ctx, b.help))
            })
            .collect();
        match &elsewhere[..] {
            [] => format!("{key} does nothing here; ? lists the keys"),
            [(ctx, help), more @ ..] => {
                let mut said = format!("{key} works in {}: {help}", ctx.place());
                for (ctx, _) in more {
                    said.push_str(&format!("; also in {}", ctx.place()));
                }
                said
            }
        }
    }

    /// The keys a key press stands for, to look up in turn. Esc and a key
    /// typed in quick succession reach a terminal app as one Alt chord (the
    /// same bytes), so an Alt chord nothing binds here is read as Esc, then
    /// the key.
    pub fn keys_of(&self, key: Key) -> impl Iterator<Item = Key> + use<> {
        let bound = self.keymap.lookup(key, self.key_context()).is_some();
        let split = key.alt && !key.ctrl && !bound;
        let first = if split { Key::plain(Code::Esc) } else { key };
        let then = split.then_some(Key { alt: false, ..key });
        std::iter::once(first).chain(then)
    }

    /// Where keys are looked up now.
    pub fn key_context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Export { .. }) => Context::Export,
            Some(_) => Context::Help,
            None => self.pane_context(),
        }
    }

    /// Where keys are looked up once the overlays are closed: the line
    /// being edited, else the view or the focused pane. The help dims the
    /// keys that do nothing there.
    pub fn pane_context(&self) -> Context {
        if self.note.is_some() {
            return Context::Note;
        }
        match (self.filter.editing, self.view, self.focus) {
            (true, _, _) => Context::Filter,
            (false, View::Concordance, _) => Context::Concordance,
            (false, View::Related, _) => Context::Related,
            (false, View::Timeline, _) => Context::Timeline,
            (false, View::Quotes, _) => Context::Quotes,
            (false, View::Panes, Pane::List) => Context::List,
            (false, View::Panes, Pane::Reader) => Context::Reader,
            (false, View::Panes, Pane::Actors) => Context::Actors,
        }
    }

    /// Applies one action; returns work for the binary to do, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.apply(action);
        self.flush_marks(effect)
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        let action = match self.marks_reported(action) {
            Ok(()) => return None,
            Err(other) => other,
        };
        // What happens outside (the terminal, background work) applies
        // whatever is on screen, and leaves the one-shot message alone.
        match action {
            Action::Resize { width, height } => {
                self.resize(width, height);
                return None;
            }
            Action::FilterResults { generation, hits } => {
                self.apply_hits(generation, hits);
                return None;
            }
            Action::LoadProgress(status) => {
                self.loading = Some(status);
                return None;
            }
            Action::StoryReady => {
                self.story_pending = false;
                self.done_waiting(Waits::Story);
                self.recount_exports();
                return None;
            }
            Action::LibraryLoaded(Loaded(lib)) => return self.set_library(lib),
            Action::LoadFailed(why) => {
                self.loading = None;
                self.message = Some(format!("Loading stopped: {why}"));
                self.load_error = Some(why);
                // With nothing to show (a file of no usable article), the
                // screen goes and the reason is said on the command line,
                // as for an empty folder, which is refused before it opens.
                self.quit = self.nothing_loaded().is_some();
                return None;
            }
            Action::Exported(outcome) => {
                self.exported(outcome);
                return None;
            }
            Action::Notice(what) => {
                self.message = Some(what);
                return None;
            }
            Action::QueriesLoaded(Ok(saved)) => {
                self.filter.recall_saved(saved);
                return None;
            }
            Action::QueriesLoaded(Err(why)) => {
                self.message = Some(format!("Past queries not read (w says why): {why}"));
                self.warn(PAST_QUERIES, why);
                return None;
            }
            _ => {}
        }
        // From here on every action is the user's.
        self.acted = true;
        self.message = None;
        self.waiting = None;
        // A screen too small says only that: a key that would act unseen
        // (a bookmark, an export, typing into the filter) does nothing
        // until it is big enough. Quitting still works.
        if self.layout.too_small && !matches!(action, Action::Quit | Action::Suspend) {
            return None;
        }
        match action {
            Action::Unbound(key) => {
                self.message = Some(self.unbound_message(key));
                return None;
            }
            Action::Paste(text) => return self.paste(&text),
            // The note line is modal: a click must not move the note to
            // another article.
            Action::Click { .. } | Action::Scroll { .. } if self.note.is_some() => return None,
            Action::Click { col, row, again } => return self.click(col, row, again),
            Action::Scroll { col, row, delta } => {
                self.wheel(col, row, delta);
                return None;
            }
            _ => {}
        }
        // Leaving works from every overlay too (q closes one; Ctrl-c quits).
        match action {
            Action::Quit => {
                // A note being written is kept, as Enter would keep it:
                // Ctrl-c in the note line threw it away (helper-35).
                // (Esc is the way to leave a note as it was.)
                if self.note.is_some() {
                    self.accept_note();
                }
                self.quit = true;
                return None;
            }
            Action::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        if let Some(overlay) = self.overlay {
            if let Overlay::Export { what, format } = overlay {
                return self.export_key(action, what, format);
            }
            let (scroll, max) = self.overlay_scroll(overlay)?;
            let scroll = match action {
                Action::ToggleHelp | Action::ToggleWarnings | Action::Back => {
                    self.overlay = None;
                    return None;
                }
                Action::Down => (scroll + 1).min(max),
                Action::Up => scroll.saturating_sub(1),
                Action::PageDown => (scroll + self.overlay_page(overlay, scroll)).min(max),
                Action::PageUp => match overlay {
                    Overlay::Warnings { .. } => {
                        scroll.saturating_sub(self.warnings_fitting_before(scroll).max(1))
                    }
                    _ => scroll.saturating_sub(self.overlay_page(overlay, scroll)),
                },
                Action::Top => 0,
                Action::Bottom => max,
                _ => return None,
            };
            self.overlay = Some(overlay.scrolled_to(scroll));
            return None;
        }
        if self.update_marks(&action).is_some() {
            return None;
        }
        match action {
            Action::FocusNext if self.view == View::Related => self.switch_column(),
            Action::FocusPrev if self.view == View::Related => self.switch_column(),
            Action::FocusNext | Action::FocusPrev if self.view != View::Panes => {}
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Activate => self.activate(),
            Action::Back => return self.back(),
            Action::NextMention => self.jump(true),
            Action::PrevMention => self.jump(false),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ToggleWarnings => {
                if self.lib.corpus.warnings.is_empty() && self.warnings.is_empty() {
                    // While loading, the warnings come with the corpus.
                    if self.loading.is_some() {
                        self.say_until(
                            "No load warnings so far: they are listed once loading finishes",
                            Waits::Library,
                        );
                    } else {
                        self.message = Some("No load warnings: every file and line loaded".into());
                    }
                } else {
                    self.overlay = Some(Overlay::Warnings { scroll: 0 });
                }
            }
            Action::OpenFilter => self.open_filter(),
            Action::FilterInput(c) => {
                self.filter.insert(c);
                return self.query_changed();
            }
            Action::FilterBackspace => {
                if self.filter.backspace() {
                    return self.query_changed();
                }
            }
            Action::FilterDelete => {
                if self.filter.delete() {
                    return self.query_changed();
                }
            }
            Action::FilterDeleteWord => {
                if self.filter.delete_word() {
                    return self.query_changed();
                }
            }
            Action::FilterClear => {
                if !self.filter.input.is_empty() {
                    self.filter.set_input(String::new());
                    return self.query_changed();
                }
            }
            Action::FilterLeft => self.filter.step(false),
            Action::FilterRight => self.filter.step(true),
            Action::FilterHome => self.filter.cursor = 0,
            Action::FilterEnd => self.filter.cursor = self.filter.input.len(),
            Action::FilterHistoryPrev => {
                if self.filter.browse(true) {
                    return self.query_changed();
                }
            }
            Action::FilterHistoryNext => {
                if self.filter.browse(false) {
                    return self.query_changed();
                }
            }
            Action::OpenConcordance => self.open_concordance(),
            Action::OpenRelated => self.open_related(),
            Action::OpenTimeline => self.open_timeline(),
            Action::OpenQuotes => self.open_quotes(),
            Action::Expand => self.expand(None),
            Action::Unfold => self.expand(Some(true)),
            Action::Fold => self.expand(Some(false)),
            Action::CycleSort => self.cycle_sort(),
            Action::NextActorMention => self.step_mention(true),
            Action::PrevActorMention => self.step_mention(false),
            Action::HistoryBack => return self.travel(false),
            Action::HistoryForward => return self.travel(true),
            Action::HideKind => self.hide_kind(),
            Action::ShowKinds => {
                if !self.hidden_kinds.is_empty() {
                    self.hidden_kinds.clear();
                    self.relist();
                }
            }
            Action::SortActors => self.sort_actors(),
            Action::FilterAccept => self.accept_filter(),
            Action::FilterCancel => return self.cancel_filter(),
            Action::OpenExport => self.open_export(),
            Action::OpenPager => return self.open_outside(false),
            Action::OpenEditor => return self.open_outside(true),
            Action::OpenBrowser => return self.open_browser(),
            Action::Copy => return self.copy(),
            Action::CopyId => return self.copy_id(),
            Action::Click { .. }
            | Action::Scroll { .. }
            | Action::Notice(_)
            | Action::Unbound(_)
            | Action::Paste(_) => {}
            // Quitting and suspending, handled before the overlays.
            Action::Quit | Action::Suspend => {}
            Action::FilterResults { .. }
            | Action::Exported(_)
            | Action::Resize { .. }
            | Action::LoadProgress(_)
            | Action::StoryReady
            | Action::LibraryLoaded(_)
            | Action::QueriesLoaded(_)
            | Action::LoadFailed(_) => {}
            // The marks' actions, handled above.
            Action::ToggleBookmark
            | Action::ToggleRead
            | Action::EditNote
            | Action::NoteInput(_)
            | Action::NoteBackspace
            | Action::NoteDelete
            | Action::NoteDeleteWord
            | Action::NoteClear
            | Action::NoteLeft
            | Action::NoteRight
            | Action::NoteHome
            | Action::NoteEnd
            | Action::NoteAccept
            | Action::NoteCancel
            | Action::ReadFor { .. }
            | Action::MarksLoaded { .. }
            | Action::MarksSaved { .. } => {}
        }
        None
    }

    /// The search the filter's query needs now.
    fn search_effect(&self) -> Effect {
        Effect::Search {
            generation: self.filter.generation,
            query: Arc::clone(&self.filter.query),
            marked: self.marks_for_search(),
        }
    }

    /// Lists a problem outside the corpus, with what it concerns
    /// ([`SAVED_MARKS`], [`PAST_QUERIES`]), among the load warnings (`w`),
    /// once.
    pub(super) fn warn(&mut self, about: &'static str, why: String) {
        if !self.warnings.iter().any(|(_, w)| *w == why) {
            self.warnings.push((about, why));
        }
    }

    /// Shows `message` until the next key or until `waits` comes.
    pub(super) fn say_until(&mut self, message: &str, waits: Waits) {
        self.message = Some(message.to_owned());
        self.waiting = Some((waits, message.to_owned()));
    }

    /// Clears a message that waited for `what`, which has come, unless
    /// another message has taken its place (a save's failure, say).
    fn done_waiting(&mut self, what: Waits) {
        let Some((_, said)) = self.waiting.take_if(|(w, _)| *w == what) else {
            return;
        };
        if self.message.as_deref() == Some(said.as_str()) {
            self.message = None;
        }
    }

    /// Shows a newer library: more articles, or the complete one with its
    /// actors and index. Article ids are stable (loading only appends), so
    /// the selection stays; an active filter is searched again.
    fn set_library(&mut self, lib: Arc<Library>) -> Option<Effect> {
        if lib.complete {
            self.loading = None;
            self.done_waiting(Waits::Library);
            // A loader reads the story next and says when it is done.
            self.story_pending = lib.story_if_ready().is_none();
        }
        if self
            .selected_actor
            .is_some_and(|a| a.ix() >= lib.actors.len())
        {
            self.selected_actor = None;
        }
        if lib.complete && !Arc::ptr_eq(&lib, &self.lib) {
            // Views and history name actors and mentions of the library
            // they were made with.
            self.view = View::Panes;
            self.concordance = None;
            self.related = None;
            self.timeline = None;
            self.quotes = None;
            self.return_to = None;
            self.history = History::default();
        }
        if !Arc::ptr_eq(&lib, &self.lib) {
            self.sidebar.name_rank = Vec::new();
        }
        self.lib = lib;
        self.refresh_marks();
        self.relist();
        if !self.filter.active() {
            return None;
        }
        self.filter.reparse();
        Some(self.search_effect())
    }

    // ---- geometry -------------------------------------------------------

    fn resize(&mut self, width: u16, height: u16) {
        // The help re-wraps to the new width: keep the same place in it,
        // the end at the end (it landed mid-list after shrinking).
        let help = match self.overlay {
            Some(Overlay::Help { scroll }) => {
                let (rows, _) = self.help_rows_shown();
                // (A help shown whole is at its top, not its end.)
                let max = self.help_max_scroll();
                Some((scroll, rows, max > 0 && scroll >= max))
            }
            _ => None,
        };
        self.layout = Layout::compute_with(width, height, self.focus, &self.settings.layout);
        if let Some((scroll, rows, at_end)) = help {
            let (now, _) = self.help_rows_shown();
            let max = self.help_max_scroll();
            let scroll = if at_end {
                max
            } else {
                (scroll * now / rows.max(1)).min(max)
            };
            self.overlay = Some(Overlay::Help { scroll });
        }
        // Rows a smaller window scrolled away come back (helper-25: the
        // sidebar stayed scrolled after 24x8 and back to 200x60).
        self.refit_with(true);
    }

    /// Recomputes layout-dependent state: cursors on screen, reader wrapped
    /// to its current width.
    fn refit(&mut self) {
        self.refit_with(false);
    }

    /// [`App::refit`], after a resize when `resized` (see
    /// [`Cursor::settle`]).
    fn refit_with(&mut self, resized: bool) {
        let s = self.layout.screen;
        self.layout = Layout::compute_with(s.w, s.h, self.focus, &self.settings.layout);
        let (list_len, visible) = (self.list.rows.len(), self.list_visible());
        self.list.cursor.settle(list_len, visible, resized);
        let (side_len, visible) = (self.sidebar.rows.len(), self.sidebar_visible());
        self.sidebar.cursor.settle(side_len, visible, resized);
        let visible = self.view_visible();
        if let Some(c) = &mut self.concordance {
            c.cursor.settle(c.rows.len(), visible, resized);
        }
        let visible = [self.related_visible(0), self.related_visible(1)];
        if let Some(r) = &mut self.related {
            for (col, vis) in visible.into_iter().enumerate() {
                let len = r.list(col).len();
                r.cursors[col].settle(len, vis, resized);
            }
        }
        let visible = self.timeline_visible();
        if let Some(t) = &mut self.timeline {
            t.cursor.settle(t.rows.len(), visible, resized);
        }
        let visible = self.quotes_visible();
        if let Some(q) = &mut self.quotes {
            q.cursor.settle(q.rows.len(), visible, resized);
        }
        // A help or warnings box scrolled to its end on a small screen
        // would stay scrolled past the end of a larger one (helper-28: k
        // did nothing for 60 presses, and the first warnings were hidden).
        if let Some(overlay) = self.overlay {
            if let Some((scroll, max)) = self.overlay_scroll(overlay) {
                self.overlay = Some(overlay.scrolled_to(scroll.min(max)));
            }
        }
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

    /// Rows a concordance or related list shows: the screen above the
    /// status line, less borders and two header rows.
    pub fn view_visible(&self) -> usize {
        usize::from(self.layout.screen.h)
            .saturating_sub(1 + 2 + 2)
            .max(1)
    }

    /// Lines each related-actors list takes, its header included: side by
    /// side (when the screen is at least [`RELATED_SIDE_BY_SIDE`] wide
    /// inside its border) both take the height below the totals line; one
    /// above the other, the first takes what it needs, leaving the second
    /// at least half (or what it needs), and the second the rest.
    pub fn related_heights(&self) -> [usize; 2] {
        let inner_w = usize::from(self.layout.screen.w).saturating_sub(2);
        let body = usize::from(self.layout.screen.h).saturating_sub(1 + 2 + 1);
        if inner_w >= RELATED_SIDE_BY_SIDE {
            return [body, body];
        }
        // A header and its rows (or the line saying there are none).
        let need = |c: usize| {
            1 + self
                .related
                .as_ref()
                .map_or(body, |r| r.list(c).len())
                .max(1)
        };
        let first = need(0)
            .min(body.saturating_sub(need(1).min(body / 2)))
            .max(body.min(2));
        [first, body - first]
    }

    /// Rows the related-actors list with the cursor shows.
    fn related_visible_here(&self) -> usize {
        self.related_visible(self.related.as_ref().map_or(0, |r| r.column))
    }

    /// Rows related-actors list `column` shows (see
    /// [`App::related_heights`]), less its header.
    pub fn related_visible(&self, column: usize) -> usize {
        self.related_heights()[column.min(1)]
            .saturating_sub(1)
            .max(1)
    }

    /// Types pasted text into the line being edited, as one line: line
    /// breaks and other control characters become single spaces, so a
    /// pasted newline never acts as Enter. Elsewhere a paste does nothing
    /// but say where it would go.
    fn paste(&mut self, text: &str) -> Option<Effect> {
        let line = text
            .split(|c: char| c.is_control())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(note) = &mut self.note {
            line.chars().for_each(|c| note.insert(c));
            return None;
        }
        if self.filter.editing && self.overlay.is_none() {
            line.chars().for_each(|c| self.filter.insert(c));
            return self.query_changed();
        }
        self.message = Some("Paste into the filter line (/) or a note (a)".into());
        None
    }

    /// Where a scrolling overlay (the help, the warnings) is scrolled to,
    /// and how far it can go; `None` for one that does not scroll.
    fn overlay_scroll(&self, overlay: Overlay) -> Option<(usize, usize)> {
        match overlay {
            Overlay::Help { scroll } => Some((scroll, self.help_max_scroll())),
            Overlay::Warnings { scroll } => {
                // The last screenful shows whole, not its last warning
                // alone at the top.
                let total = self.lib.corpus.warnings.len() + self.warnings.len();
                let last_page = self.warnings_fitting_before(total).max(1);
                Some((scroll, total.saturating_sub(last_page)))
            }
            Overlay::Export { .. } => None,
        }
    }

    /// How far a page key scrolls an overlay from `scroll`: the help by
    /// the lines its box shows less one kept in view; the warnings by the
    /// warnings shown whole (the one cut at the bottom comes to the top).
    /// Never less than one.
    fn overlay_page(&self, overlay: Overlay, scroll: usize) -> usize {
        let page = match overlay {
            Overlay::Warnings { .. } => self.warnings_shown_whole(scroll),
            _ => self.help_rows_shown().1.saturating_sub(1),
        };
        page.max(1)
    }

    /// The help's rows at the help box's width, and how many of them the
    /// box shows (as the renderer sizes it).
    fn help_rows_shown(&self) -> (usize, usize) {
        let w = keymap::help_width(self.layout.screen.w);
        let inside = usize::from(w.saturating_sub(2));
        let rows = self.keymap.help_rows(inside, self.pane_context()).len()
            + keymap::filter_help_lines(inside);
        let shown = usize::from(self.layout.screen.h.saturating_sub(2))
            .min(rows + 2)
            .saturating_sub(2);
        (rows, shown)
    }

    /// The last useful scroll position of the help.
    fn help_max_scroll(&self) -> usize {
        let (rows, shown) = self.help_rows_shown();
        rows.saturating_sub(shown)
    }

    /// How many warnings from number `scroll` on the warnings box shows
    /// whole: each is a line naming its place and its problem wrapped
    /// below, as the renderer lays them out.
    fn warnings_shown_whole(&self, scroll: usize) -> usize {
        self.warnings_that_fit((scroll..).map_while(|i| self.warning_problem(i)))
    }

    /// How many of the warnings before number `scroll` fit whole in the
    /// warnings box: what a page up steps back, so it shows the screenful
    /// above, however tall its warnings are.
    fn warnings_fitting_before(&self, scroll: usize) -> usize {
        self.warnings_that_fit((0..scroll).rev().filter_map(|i| self.warning_problem(i)))
    }

    /// Warning `i`'s problem as the warnings box words it (the app's own
    /// first, about the user's files, then the corpus's: helper-38 found
    /// a corrupt marks file listed 101st, below the load warnings). Only
    /// the warnings a page can reach are worded: a corpus may have a
    /// hundred thousand.
    fn warning_problem(&self, i: usize) -> Option<String> {
        match self.warnings.get(i) {
            Some((_, w)) => Some(w.clone()),
            None => self
                .lib
                .corpus
                .warnings
                .get(i - self.warnings.len())
                .map(|w| w.problem.to_string()),
        }
    }

    /// How many of `problems`, in turn, the warnings box shows whole.
    fn warnings_that_fit(&self, problems: impl Iterator<Item = String>) -> usize {
        let rows = usize::from(self.layout.screen.h.saturating_sub(4));
        let inner = warnings_width(self.layout.screen.w).saturating_sub(2);
        let width = warning_problem_width(usize::from(inner));
        let (mut used, mut whole) = (0, 0);
        let mut wrapped = Vec::new();
        for p in problems {
            wrapped.clear();
            crate::text::wrap_paragraph(&p, 0..p.len(), width, &mut wrapped);
            used += 1 + wrapped.len();
            if used > rows {
                break;
            }
            whole += 1;
        }
        whole
    }

    /// Width the reader wraps to: its pane's, capped by the config's
    /// `wrap_width`. When the reader is hidden, the width it would have as
    /// the only pane, so reopening it is cheap and stable.
    pub fn reader_width(&self) -> u16 {
        let pane = self.layout.reader.unwrap_or(self.layout.screen);
        let w = pane.inner().w.saturating_sub(2 * READER_PADDING).max(1);
        match self.settings.layout.wrap_width {
            0 => w,
            cap => w.min(cap),
        }
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
        let vis = self.view_visible();
        match self.view {
            View::Concordance => {
                if let Some(c) = &mut self.concordance {
                    c.cursor.move_by(delta, c.rows.len(), vis);
                }
                return;
            }
            View::Related => {
                let vis = self.related_visible_here();
                if let Some(r) = &mut self.related {
                    let len = r.list(r.column).len();
                    r.cursors[r.column].move_by(delta, len, vis);
                }
                return;
            }
            View::Timeline => {
                let vis = self.timeline_visible();
                if let Some(t) = &mut self.timeline {
                    t.cursor.move_by(delta, t.rows.len(), vis);
                }
                return;
            }
            View::Quotes => {
                let vis = self.quotes_visible();
                if let Some(q) = &mut self.quotes {
                    q.cursor.move_by(delta, q.rows.len(), vis);
                }
                return;
            }
            View::Panes => {}
        }
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
                // Scrolled to the end: read.
                if let Some(doc) = self
                    .reader
                    .doc
                    .filter(|_| self.reader.scroll >= self.reader.max_scroll(h))
                {
                    self.mark_read(doc);
                }
            }
            Pane::Actors => {
                let (len, vis) = (self.sidebar.rows.len(), self.sidebar_visible());
                self.sidebar.cursor.move_by(delta, len, vis);
            }
        }
    }

    fn page(&mut self, dir: isize) {
        let page = match self.focus {
            _ if self.view == View::Related => self.related_visible_here(),
            _ if self.view == View::Concordance => self.view_visible(),
            _ if self.view == View::Timeline => self.timeline_visible(),
            _ if self.view == View::Quotes => self.quotes_visible(),
            Pane::List => self.list_visible(),
            Pane::Reader => self.reader_height().saturating_sub(1).max(1),
            Pane::Actors => self.sidebar_visible(),
        };
        self.move_by(dir * page as isize);
    }

    /// Selects article `doc` in the list and opens it, when it is listed;
    /// says whether it was.
    fn show_doc(&mut self, doc: DocId) -> bool {
        let Some(i) = self.list.rows.iter().position(|&r| r == doc) else {
            return false;
        };
        let (len, vis) = (self.list.rows.len(), self.list_visible());
        self.list.cursor.select(i, len, vis);
        self.open_selected();
        true
    }

    /// Opens the list's selected article in the reader (or closes the reader
    /// when the list is empty), with its marks and jump targets.
    fn open_selected(&mut self) {
        match self.list.selected() {
            Some(doc) if self.reader.doc != Some(doc) => {
                let width = self.reader_width();
                let lib = Arc::clone(&self.lib);
                self.reader.note = self.note_of(doc);
                self.reader.open(doc, &lib.corpus.articles[doc.ix()], width);
                self.remark();
            }
            Some(_) => {}
            None => self.reader.close(),
        }
    }

    /// Recomputes the open article's filter marks and `n`/`N` targets.
    fn remark(&mut self) {
        let Some(doc) = self.reader.doc else { return };
        self.reader.marks = if self.filter.active() {
            article_marks(&self.lib, &self.filter.query, doc)
        } else {
            Vec::new()
        };
        self.reader.targets = self.targets_in(doc);
        self.reader.target = None;
    }

    /// What `n`/`N` walk in article `doc`.
    fn targets_in(&self, doc: DocId) -> Vec<Range<usize>> {
        match self.selected_actor {
            Some(a) => self
                .lib
                .actors
                .in_doc(doc)
                .iter()
                .filter(|m| m.actor == a)
                .map(|m| m.range())
                .collect(),
            None if self.filter.active() => {
                if self.reader.doc == Some(doc) && !self.reader.marks.is_empty() {
                    self.reader.marks.clone()
                } else {
                    article_marks(&self.lib, &self.filter.query, doc)
                }
            }
            None => Vec::new(),
        }
    }

    // ---- what is listed -------------------------------------------------

    /// Rebuilds the list and the sidebar from the filter's results and the
    /// selected actor, keeping the selected article and the actor under
    /// the cursor where they are still listed.
    fn relist(&mut self) {
        self.relist_keeping(true);
    }

    /// [`App::relist`]; unless `keep`, the first article and actor are
    /// selected rather than those selected before.
    fn relist_keeping(&mut self, keep: bool) {
        let current = self.list.selected().filter(|_| keep);
        let current_actor = self.sidebar.current().filter(|_| keep);
        let lib = Arc::clone(&self.lib);
        let hits = self.active_hits().map(Arc::clone);
        let mut rows: Vec<DocId> = match &hits {
            Some(h) => h.docs.clone(),
            None => lib.corpus.iter().map(|(id, _)| id).collect(),
        };
        if let Some(a) = self.selected_actor {
            let naming = lib.actors.docs_of(a);
            rows.retain(|d| naming.binary_search(d).is_ok());
        }
        self.list.rows = rows;
        self.count_listed_marks();
        let keep = current.and_then(|d| self.list.rows.iter().position(|&r| r == d));
        let (len, vis) = (self.list.rows.len(), self.list_visible());
        self.list.cursor.select(keep.unwrap_or(0), len, vis);

        self.sidebar.rows = match &hits {
            Some(h) => h.actors.clone(),
            None => ActorHit::all(&lib.actors),
        };
        if !self.hidden_kinds.is_empty() {
            let hidden = &self.hidden_kinds;
            self.sidebar
                .rows
                .retain(|h| !hidden.contains(&lib.actors.get(h.actor).kind));
        }
        self.sort_sidebar();
        // The selected actor stays on the sidebar even when the query
        // names other actors or its kind is hidden (it was picked from a
        // mention in the reader): first, counted over the listed articles.
        if let Some(a) = self.selected_actor {
            if !self.sidebar.rows.iter().any(|h| h.actor == a) {
                let hit = match &hits {
                    None => ActorHit::all_of(&lib.actors, a),
                    Some(_) => ActorHit::over(&lib.actors, a, &self.list.rows),
                };
                self.sidebar.rows.insert(0, hit);
            }
        }
        let keep = current_actor.and_then(|a| self.sidebar.rows.iter().position(|h| h.actor == a));
        let (len, vis) = (self.sidebar.rows.len(), self.sidebar_visible());
        self.sidebar.cursor.select(keep.unwrap_or(0), len, vis);

        let visible = self.view_visible();
        if let Some(c) = &mut self.concordance {
            c.narrow(&lib, hits.as_ref().map(|h| &h.set), visible);
        }
        self.renarrow_related(hits.as_ref().map(|h| &h.set));
        if self.view == View::Timeline {
            self.refresh_timeline();
        }
        let visible = self.quotes_visible();
        if let Some(q) = &mut self.quotes {
            q.narrow(&lib, hits.as_ref().map(|h| &h.set), visible);
        }

        if self.list.selected() == self.reader.doc {
            self.remark();
        } else {
            self.open_selected();
        }
    }

    /// The related view counted again over the articles of `within` (the
    /// filter's, or all), when it is on screen, its cursors kept on the
    /// rows they were on as far as the lists allow. Off screen it is
    /// dropped: going back to it opens it over the articles listed then.
    fn renarrow_related(&mut self, within: Option<&crate::search::docset::DocSet>) {
        let Some(old) = self.related.take() else {
            return;
        };
        if self.view != View::Related {
            return;
        }
        let mut r = RelatedView::open(&self.lib, old.actor, within);
        r.column = old.column;
        r.cursors = old.cursors;
        self.related = Some(r);
        let visible = [self.related_visible(0), self.related_visible(1)];
        if let Some(r) = &mut self.related {
            for (col, vis) in visible.into_iter().enumerate() {
                let len = r.list(col).len();
                r.cursors[col].fit(len, vis);
            }
        }
    }

    /// Hides the kind of the actor under the sidebar cursor; the cursor
    /// moves to the first actor below it that stays listed (or the last
    /// one listed), not to whatever now fills its row.
    fn hide_kind(&mut self) {
        let Some(actor) = self.sidebar.current() else {
            // (The key is not silent, lest it seem broken.)
            let show = self.keymap.key_for(&Action::ShowKinds, Context::Actors);
            self.message = Some(match show {
                Some(k) if !self.hidden_kinds.is_empty() => {
                    format!("No actor listed, so no kind to hide; {k} shows every kind again")
                }
                _ => "No actor listed, so no kind to hide".into(),
            });
            return;
        };
        let kind = self.lib.actors.get(actor).kind;
        let at = self.sidebar.cursor.selected;
        let next = self
            .sidebar
            .rows
            .get(at..)
            .unwrap_or_default()
            .iter()
            .map(|h| h.actor)
            .find(|&a| self.lib.actors.get(a).kind != kind);
        self.hidden_kinds.push(kind);
        self.message = Some(format!("hiding {} actors; H shows every kind", kind.name()));
        self.relist();
        let len = self.sidebar.rows.len();
        // The selected actor stays listed whatever its kind: the cursor
        // stays on it (helper-33: it moved to Russia, so m opened Russia's
        // concordance with Taliban selected).
        let stays = Some(actor).filter(|&a| self.selected_actor == Some(a));
        let to = stays
            .or(next)
            .and_then(|a| self.sidebar.rows.iter().position(|h| h.actor == a))
            .unwrap_or(len.saturating_sub(1));
        let vis = self.sidebar_visible();
        self.sidebar.cursor.select(to, len, vis);
    }

    /// Puts the sidebar's rows in the order chosen with `s` (they come
    /// most mentioned first).
    fn sort_sidebar(&mut self) {
        let rows = &mut self.sidebar.rows;
        match self.sidebar.sort {
            ActorSort::Mentions => {}
            ActorSort::Articles => {
                // (Stable: equal counts keep the mentions order.)
                rows.sort_by_key(|h| {
                    (std::cmp::Reverse(h.articles), std::cmp::Reverse(h.mentions))
                });
            }
            ActorSort::Name => {
                let actors = &self.lib.actors;
                if self.sidebar.name_rank.len() != actors.len() {
                    self.sidebar.name_rank = name_ranks(actors);
                }
                let rank = &self.sidebar.name_rank;
                rows.sort_unstable_by_key(|h| rank[h.actor.ix()]);
            }
        }
    }

    /// `s` in the sidebar: the next order, the actor under the cursor kept
    /// on its row of the screen.
    fn sort_actors(&mut self) {
        if !self.lib.complete {
            self.say_until(
                "Actors are listed when loading finishes, to be sorted then",
                Waits::Library,
            );
            return;
        }
        let before = self.sidebar.cursor;
        self.sidebar.sort = self.sidebar.sort.next();
        self.relist();
        let (now, len, vis) = (
            self.sidebar.cursor.selected,
            self.sidebar.rows.len(),
            self.sidebar_visible(),
        );
        self.sidebar.cursor = before;
        self.sidebar.cursor.follow(now, len, vis);
        let next = self.sidebar.sort.next().label();
        let key = self.keymap.key_for(&Action::SortActors, Context::Actors);
        self.message = Some(match key {
            Some(k) => format!(
                "Actors sorted {}; {k} again: {next}",
                self.sidebar.sort.label()
            ),
            None => format!("Actors sorted {}", self.sidebar.sort.label()),
        });
    }

    // ---- selection ------------------------------------------------------

    fn activate(&mut self) {
        match self.view {
            View::Concordance => return self.open_line(),
            View::Timeline => return self.open_event(),
            View::Quotes => return self.open_statement(),
            View::Related => {
                if let Some(actor) = self.related.as_ref().and_then(RelatedView::current) {
                    self.record();
                    self.view = View::Panes;
                    self.return_to = None;
                    self.focus_sidebar_on(actor);
                    self.select_actor(Some(actor));
                }
                return;
            }
            View::Panes => {}
        }
        match self.focus {
            Pane::List => {
                if self.list.selected().is_some() {
                    self.focus = Pane::Reader;
                    self.refit();
                }
            }
            Pane::Reader => self.follow_mention(),
            Pane::Actors => {
                if let Some(actor) = self.sidebar.current() {
                    if self.selected_actor == Some(actor) {
                        // Enter twice: where else is it named?
                        self.open_concordance();
                    } else {
                        self.record();
                        self.select_actor(Some(actor));
                    }
                }
            }
        }
    }

    /// Esc outside the filter line: clears the actor selection, then the
    /// filter.
    fn back(&mut self) -> Option<Effect> {
        if self.view != View::Panes {
            self.view = View::Panes;
            self.refit();
            return None;
        }
        if let Some(v) = self.return_to.take() {
            self.view = v;
            self.focus = self.return_focus;
            if v == View::Timeline {
                self.refresh_timeline();
            }
            self.refit();
            return None;
        }
        if self.selected_actor.is_some() {
            self.select_actor(None);
            None
        } else if self.filter.active() {
            // A filter kept with Enter has been read through: leaving it
            // keeps the article in the reader, where Esc on the filter
            // line puts back the one from before it. The sidebar keeps
            // the actor under its cursor only if the user is there: the
            // first actor of the filter's was not their choice, and the
            // whole sidebar would scroll to it.
            let before = self.filter.saved.take();
            let actor = if self.focus == Pane::Actors {
                self.sidebar.current()
            } else {
                before.and_then(|s| s.actor)
            };
            // A filter that matched nothing leaves nothing read through:
            // the article from before it comes back.
            let (doc, scroll) = match self.list.selected() {
                Some(d) => (Some(d), None),
                None => before.map_or((None, None), |s| (s.doc, s.scroll)),
            };
            self.filter.saved = Some(Saved {
                doc,
                actor,
                focus: self.focus,
                scroll,
            });
            self.cancel_filter()
        } else {
            None
        }
    }

    /// Why loading failed, when it failed before any article arrived:
    /// the session then ends, and the binary says this.
    pub fn nothing_loaded(&self) -> Option<&str> {
        self.load_error
            .as_deref()
            .filter(|_| self.lib.corpus.is_empty())
    }

    /// Selects an actor (or clears the selection) and lists only the
    /// articles naming it, keeping the open article when it still fits.
    pub fn select_actor(&mut self, actor: Option<ActorId>) {
        self.selected_actor = actor;
        self.relist();
        if actor.is_some() {
            self.message = self.selected_message("");
        }
    }

    /// What selecting the actor says, wherever it was selected from, with
    /// `more` (another key worth knowing) at the end.
    pub(super) fn selected_message(&self, more: &str) -> Option<String> {
        let a = self.selected_actor?;
        Some(format!(
            "{} selected: {} — n/N walk its mentions, Esc shows all{more}",
            self.lib.actors.get(a).name,
            crate::text::count(self.list.rows.len(), "article", "articles")
        ))
    }

    // ---- the filter -----------------------------------------------------

    fn open_filter(&mut self) {
        if !self.filter.active() {
            self.filter.saved = Some(Saved {
                doc: self.list.selected(),
                actor: self.sidebar.current(),
                focus: self.focus,
                scroll: Some((self.list.cursor.offset, self.reader.scroll)),
            });
        }
        self.filter.editing = true;
        self.filter.cursor = self.filter.input.len();
    }

    /// The query changed: show what can be shown now, and ask for a search.
    fn query_changed(&mut self) -> Option<Effect> {
        if !self.filter.active() {
            self.filter.hits = None;
            self.filter.typed = false;
            self.relist();
            return None;
        }
        // The reader's marks are cheap (one article): update them at once.
        self.remark();
        self.filter.typed = true;
        Some(self.search_effect())
    }

    fn apply_hits(&mut self, generation: u64, hits: Arc<Hits>) {
        if generation != self.filter.generation || !self.filter.active() {
            return;
        }
        self.filter.hits = Some((generation, hits));
        // Results of a query being typed start at the best match (an
        // article kept selected could sit anywhere in 100,000 ranked
        // ones); results redone for other reasons (marks) keep it.
        let keep = !std::mem::take(&mut self.filter.typed);
        self.relist_keeping(keep);
        self.recount_exports();
    }

    fn accept_filter(&mut self) {
        self.filter.editing = false;
        self.filter.remember();
        if self.filter.active() {
            self.focus = Pane::List;
            self.refit();
        } else {
            self.filter.saved = None;
        }
    }

    /// Clears the filter and puts back the selection from before it.
    fn cancel_filter(&mut self) -> Option<Effect> {
        self.filter.editing = false;
        self.filter.browsing = None;
        self.filter.set_input(String::new());
        self.filter.hits = None;
        self.filter.typed = false;
        let saved = self.filter.saved.take();
        self.relist();
        if let Some(s) = saved {
            if let Some(d) = s.doc {
                if self.show_doc(d) {
                    if let Some((offset, scroll)) = s.scroll {
                        // Back where it was on screen, as far as it fits.
                        self.list.cursor.offset = offset;
                        let (len, vis) = (self.list.rows.len(), self.list_visible());
                        self.list.cursor.fit(len, vis);
                        let h = self.reader_height();
                        self.reader.scroll = scroll.min(self.reader.max_scroll(h));
                    }
                }
            }
            if let Some(a) = s.actor {
                self.focus_sidebar_on(a);
            }
            self.focus = s.focus;
            self.refit();
        }
        None
    }

    // ---- n / N ----------------------------------------------------------

    /// Moves the reader's cursor to the next (or previous) target: a mention
    /// of the selected actor, or without one a filter match. Within the open
    /// article first, then into the next listed article that has one,
    /// wrapping around the list.
    fn jump(&mut self, forward: bool) {
        if self.selected_actor.is_none() && !self.filter.active() {
            self.message = Some(
                "Nothing to jump to: select an actor (Enter in the actors pane) or filter with /"
                    .into(),
            );
            return;
        }
        let Some(doc) = self.reader.doc else {
            self.message = Some("Nothing to jump to: no article is listed".into());
            return;
        };
        // The targets are in text order, so their rows increase: the first
        // at or below the top of the screen is found by bisection (an
        // article can hold 400,000 matches).
        let targets = &self.reader.targets;
        let above =
            || targets.partition_point(|r| self.reader.row_of(r.start) < self.reader.scroll);
        let pick = match (self.reader.target, forward) {
            (Some(cur), true) => (cur + 1 < targets.len()).then_some(cur + 1),
            (Some(cur), false) => cur.checked_sub(1),
            (None, true) => Some(above()).filter(|&k| k < targets.len()),
            (None, false) => above().checked_sub(1),
        };
        if let Some(i) = pick {
            self.focus_target(i);
            return;
        }
        let n = self.list.rows.len();
        let at = self.list.cursor.selected;
        let step = |k: usize| {
            if forward {
                (at + k) % n
            } else {
                (at + n - k % n) % n
            }
        };
        let found = (1..=n.min(JUMP_SCAN_LIMIT)).find(|&k| {
            let d = self.list.rows[step(k)];
            if d == doc {
                !self.reader.targets.is_empty()
            } else {
                !self.targets_in(d).is_empty()
            }
        });
        let Some(k) = found else {
            self.message = Some(match self.selected_actor {
                Some(a) => format!(
                    "{} is not named in the listed articles",
                    self.lib.actors.get(a).name
                ),
                None => "No matches to jump to in the listed articles".into(),
            });
            return;
        };
        let target = step(k);
        let wrapped = if forward { target <= at } else { target >= at };
        let alone = self.list.rows[target] == doc;
        if !alone {
            // Into another article: a jump, which Backspace comes back from.
            self.record();
        }
        let vis = self.list_visible();
        self.list.cursor.select(target, n, vis);
        self.open_selected();
        let last = self.reader.targets.len().saturating_sub(1);
        self.focus_target(if forward { 0 } else { last });
        let end = if forward { "first" } else { "last" };
        if alone {
            // Around to the same article: no other listed one has a
            // target, which "wrapped" would not tell.
            let what = match self.selected_actor {
                Some(a) => format!("mention of {}", self.lib.actors.get(a).name),
                None => "match of the filter".into(),
            };
            self.message = Some(if self.reader.targets.len() == 1 {
                format!("The only {what} in the listed articles")
            } else {
                format!("Back to the {end} {what}: no other listed article has one")
            });
        } else if wrapped {
            let what = if self.selected_actor.is_some() {
                "naming the actor"
            } else {
                "matching the filter"
            };
            // After the count, which a narrow line keeps (helper-28: the
            // note took its place).
            let count = self
                .message
                .take()
                .map(|m| format!("{m} · "))
                .unwrap_or_default();
            self.message = Some(format!("{count}wrapped around to the {end} article {what}"));
        }
    }

    /// Puts the reader's cursor on target `i` and scrolls it into view.
    fn focus_target(&mut self, i: usize) {
        let Some(range) = self.reader.targets.get(i).cloned() else {
            return;
        };
        self.reader.target = Some(i);
        self.reader.mention = None;
        let row = self.reader.row_of(range.start);
        let h = self.reader_height();
        self.reader.reveal(row, h);
        let Some(doc) = self.reader.doc else { return };
        self.message = Some(match self.selected_actor {
            Some(actor) => {
                // Counted as n steps: through the listed articles, in the
                // list's order (under a filter, "98 of 402" jumped about
                // and counted articles n never visits).
                let mut place = vec![u32::MAX; self.lib.corpus.len()];
                for (i, d) in self.list.rows.iter().enumerate() {
                    place[d.ix()] = i as u32;
                }
                let mut listed: Vec<(u32, u32)> = self
                    .lib
                    .actors
                    .of_actor(actor)
                    .filter(|(d, _)| place[d.ix()] != u32::MAX)
                    .map(|(d, m)| (place[d.ix()], m.start))
                    .collect();
                listed.sort_unstable();
                let here = (place[doc.ix()], range.start as u32);
                let pos = listed.binary_search(&here).map_or(0, |p| p + 1);
                let within = if listed.len() < self.lib.actors.facts()[actor.ix()].mentions as usize
                {
                    " in the listed articles"
                } else {
                    ""
                };
                format!(
                    "{}: mention {} of {}{within}",
                    self.lib.actors.get(actor).name,
                    crate::text::grouped(pos),
                    crate::text::grouped(listed.len())
                )
            }
            None => format!(
                "Match {} of {} in this article",
                crate::text::grouped(i + 1),
                crate::text::grouped(self.reader.targets.len())
            ),
        });
    }
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
