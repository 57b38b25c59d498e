//! The one keymap: which key does what, where, and how the help explains it.
//!
//! Keys are the app's own type (the binary converts terminal events into
//! them), so the state machine and its tests need no terminal library. The
//! help overlay is generated from [`Keymap::sections`], so it cannot drift
//! from the bindings.

use std::fmt;

use super::action::Action;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A printable character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab, as terminals report it.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// A function key, F1 to F12.
    F(u8),
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: Code,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
}

impl Key {
    /// A key with no modifiers.
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// A printable character key.
    pub const fn char(c: char) -> Key {
        Key::plain(Code::Char(c))
    }

    /// Control plus a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses a key description such as `j`, `G`, `ctrl-n`, `alt-right`,
    /// `shift-tab`, `pgdn`, `enter`, `space`, `f1`.
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = strip_any(&lower, &["ctrl-", "c-"]) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = strip_any(&lower, &["alt-", "a-", "m-", "meta-"]) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = strip_any(&lower, &["shift-", "s-"]) {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" | "ret" => Code::Enter,
            "esc" | "escape" => Code::Esc,
            "tab" if shift => Code::BackTab,
            "tab" => Code::Tab,
            "backtab" => Code::BackTab,
            "backspace" | "bs" => Code::Backspace,
            "delete" | "del" => Code::Delete,
            "up" => Code::Up,
            "down" => Code::Down,
            "left" => Code::Left,
            "right" => Code::Right,
            "pageup" | "pgup" => Code::PageUp,
            "pagedown" | "pgdn" | "pgdown" => Code::PageDown,
            "home" => Code::Home,
            "end" => Code::End,
            "space" => Code::Char(' '),
            f if f.len() > 1 && f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => Code::F(n),
                _ => return None,
            },
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                let c = if shift { c.to_uppercase().next()? } else { c };
                Code::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .filter(|r| !r.is_empty())
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("M-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("Space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::Enter => f.write_str("Enter"),
            Code::Esc => f.write_str("Esc"),
            Code::Tab => f.write_str("Tab"),
            Code::BackTab => f.write_str("S-Tab"),
            Code::Backspace => f.write_str("Bksp"),
            Code::Delete => f.write_str("Del"),
            Code::Up => f.write_str("↑"),
            Code::Down => f.write_str("↓"),
            Code::Left => f.write_str("←"),
            Code::Right => f.write_str("→"),
            Code::PageUp => f.write_str("PgUp"),
            Code::PageDown => f.write_str("PgDn"),
            Code::Home => f.write_str("Home"),
            Code::End => f.write_str("End"),
            Code::F(n) => write!(f, "F{n}"),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere, unless a more specific binding takes the key.
    Global,
    /// The article list has focus.
    List,
    /// The reader has focus.
    Reader,
    /// The actors sidebar has focus.
    Actors,
    /// The concordance fills the screen.
    Concordance,
    /// The related actors fill the screen.
    Related,
    /// The timeline fills the screen.
    Timeline,
    /// An actor's statements fill the screen.
    Quotes,
    /// The filter line is being edited: printable keys type.
    Filter,
    /// The note line is being edited: printable keys type.
    Note,
    /// The help overlay is open.
    Help,
    /// The export overlay (`x`) is open: it takes every key.
    Export,
}

impl Context {
    /// The panes and the views, in the order help lists them: where a
    /// key that does nothing is reported ([`Action::Unbound`]), unlike
    /// the lines typed in and the overlays.
    pub const PANES_AND_VIEWS: [Context; 7] = [
        Context::List,
        Context::Reader,
        Context::Actors,
        Context::Concordance,
        Context::Related,
        Context::Timeline,
        Context::Quotes,
    ];

    /// Whether `action` can do anything here: the help and the export
    /// overlay take only their own few actions (and quitting), the filter
    /// and note lines only their editing (and quitting), a line's editing
    /// works only in its line, and a view's own keys (the concordance's
    /// sort, the timeline's folds) only in that view or everywhere. A
    /// config binding anything else would be a dead key.
    pub fn accepts(self, action: &Action) -> bool {
        use Action::*;
        let filter_line = matches!(
            action,
            FilterBackspace
                | FilterDelete
                | FilterDeleteWord
                | FilterClear
                | FilterLeft
                | FilterRight
                | FilterHome
                | FilterEnd
                | FilterHistoryPrev
                | FilterHistoryNext
                | FilterAccept
                | FilterCancel
        );
        let note_line = matches!(
            action,
            NoteBackspace
                | NoteDelete
                | NoteDeleteWord
                | NoteClear
                | NoteLeft
                | NoteRight
                | NoteHome
                | NoteEnd
                | NoteAccept
                | NoteCancel
        );
        let leaving = matches!(action, Quit | Suspend);
        match self {
            Context::Filter => filter_line || leaving,
            Context::Note => note_line || leaving,
            _ if filter_line || note_line => false,
            Context::Help => matches!(
                action,
                ToggleHelp
                    | ToggleWarnings
                    | Back
                    | Down
                    | Up
                    | PageDown
                    | PageUp
                    | Top
                    | Bottom
                    | Quit
                    | Suspend
            ),
            Context::Export => matches!(
                action,
                Back | OpenExport
                    | ToggleHelp
                    | Down
                    | Up
                    | FocusNext
                    | FocusPrev
                    | Activate
                    | Quit
                    | Suspend
            ),
            _ => match action {
                CycleSort => matches!(self, Context::Global | Context::Concordance),
                SortActors => matches!(self, Context::Global | Context::Actors),
                Expand | Unfold | Fold => matches!(self, Context::Global | Context::Timeline),
                _ => true,
            },
        }
    }

    /// The actions that close this line, overlay or view, as `update`
    /// handles them (none for the panes): a config must leave a key bound
    /// to one of them.
    pub fn closers(self) -> &'static [Action] {
        use Action::*;
        const FILTER: &[Action] = &[FilterAccept, FilterCancel];
        const NOTE: &[Action] = &[NoteAccept, NoteCancel];
        const HELP: &[Action] = &[ToggleHelp, ToggleWarnings, Back];
        const EXPORT: &[Action] = &[Back, OpenExport, ToggleHelp];
        const VIEW: &[Action] = &[Back];
        match self {
            Context::Filter => FILTER,
            Context::Note => NOTE,
            Context::Help => HELP,
            Context::Export => EXPORT,
            Context::Concordance | Context::Related | Context::Timeline | Context::Quotes => VIEW,
            Context::Global | Context::List | Context::Reader | Context::Actors => &[],
        }
    }

    /// Whether a printable key types itself here (the filter and note
    /// lines), so binding it would take a letter from what the user types.
    pub fn types(self, key: Key) -> bool {
        matches!(self, Context::Filter | Context::Note)
            && matches!(
                key,
                Key {
                    code: Code::Char(_),
                    ctrl: false,
                    alt: false
                }
            )
    }

    /// Whether `action`, bound everywhere, does nothing here: in a view
    /// that fills the screen the panes' keys (marks, focus, mentions in
    /// the reader) act on nothing shown, and a view's own key opens
    /// nothing new. The help dims these.
    pub fn ignores(self, action: &Action) -> bool {
        use Context::{Concordance, Quotes, Related, Timeline};
        let view = matches!(self, Concordance | Related | Timeline | Quotes);
        match action {
            // The related view switches its lists with them.
            Action::FocusNext | Action::FocusPrev => view && self != Related,
            Action::ToggleBookmark
            | Action::ToggleRead
            | Action::EditNote
            | Action::NextMention
            | Action::PrevMention
            | Action::NextActorMention
            | Action::PrevActorMention => view,
            Action::OpenConcordance => self == Concordance,
            Action::OpenRelated => self == Related,
            Action::OpenTimeline => self == Timeline,
            Action::OpenQuotes => self == Quotes,
            _ => false,
        }
    }

    /// This context in a sentence: "works in the actors pane".
    pub fn place(self) -> &'static str {
        match self {
            Context::Global => "every pane",
            Context::List => "the article list",
            Context::Reader => "the reader",
            Context::Actors => "the actors pane",
            Context::Concordance => "the concordance (m)",
            Context::Related => "related actors (r)",
            Context::Timeline => "the timeline (t)",
            Context::Quotes => "who said what (\")",
            Context::Filter => "the filter line (/)",
            Context::Note => "the note line (a)",
            Context::Help => "the help",
            Context::Export => "the export box (x)",
        }
    }

    /// The heading of this context in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reader",
            Context::Actors => "Actors",
            Context::Concordance => "Concordance (m)",
            Context::Related => "Related actors (r)",
            Context::Timeline => "Timeline (t)",
            Context::Quotes => "Who said what (\")",
            Context::Filter => "Filter line (/)",
            Context::Note => "Note line (a)",
            Context::Help => "This help and the warnings list",
            Context::Export => "Export (x)",
        }
    }
}

/// Width of the keys column in the help.
pub const HELP_KEYS_W: usize = 16;

/// The filter's language, briefly (the README has it all): the help's
/// last section, after the keys.
pub const FILTER_SYNTAX: [(&str, &str); 10] = [
    (
        "putin lavrov",
        "both words, each loosely: its start, its letters in order (4+), a typo (5+)",
    ),
    ("putin | lavrov", "either"),
    (
        "\"crocus hall\"",
        "the exact phrase ('crocus: the exact text)",
    ),
    ("^kab  kov$", "a word starting, or ending, so"),
    ("!crocus", "not containing it"),
    ("t:terror", "in titles only"),
    ("@kab", "naming an actor whose name matches"),
    ("k:person", "naming a person (org, country, place, media)"),
    ("is:unread", "by marks: read, unread, bookmarked, noted"),
    (
        "Putin  sérgei",
        "a capital or an accent is matched as typed",
    ),
];

/// The filter language's rows in a help box `width` cells wide inside:
/// what to type, and its meaning wrapped under itself (what to type only
/// on the first row), as the keys' descriptions are.
/// What to type gets a row of its own (meaning "") when it is wider than
/// its column, as wide keys do.
pub fn filter_help_rows(width: usize) -> Vec<(&'static str, &'static str)> {
    let keys_w = help_keys_w(width);
    let desc_w = width.saturating_sub(2 + keys_w).max(8);
    let mut out = Vec::new();
    let mut wrapped = Vec::new();
    for (typed, meaning) in FILTER_SYNTAX {
        let wide = crate::text::display_width(typed) >= keys_w;
        if wide {
            out.push((typed, ""));
        }
        wrapped.clear();
        crate::text::wrap_paragraph(meaning, 0..meaning.len(), desc_w, &mut wrapped);
        for (j, r) in wrapped.iter().enumerate() {
            let first = j == 0 && !wide;
            out.push((if first { typed } else { "" }, &meaning[r.clone()]));
        }
    }
    out
}

/// Lines the help gives the filter's language at `width`: a blank, a
/// heading, the rows.
pub fn filter_help_lines(width: usize) -> usize {
    filter_help_rows(width).len() + 2
}

/// Cells of the help's keys column in a help `width` cells wide inside
/// its border: [`HELP_KEYS_W`], or a third of a narrow one, so the
/// descriptions keep room to wrap in.
pub fn help_keys_w(width: usize) -> usize {
    HELP_KEYS_W.min(width.saturating_sub(2) / 3).max(1)
}

/// Width of the help box on a screen `screen_w` cells wide.
pub fn help_width(screen_w: u16) -> u16 {
    screen_w.saturating_sub(4).min(96)
}

/// One row of the help, laid out for a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow<'a> {
    /// Space between sections.
    Blank,
    /// A section's heading.
    Heading(Context),
    /// A binding's keys (on its first row only) and a piece of what it does.
    Binding {
        /// The keys, each with whether it does this where the help was
        /// opened; none on a continuation row.
        keys: Vec<(String, bool)>,
        /// This row's part of the description.
        text: &'a str,
        /// Some key of the binding does this where the help was opened.
        live: bool,
    },
}

/// Keys that trigger one action in one context, with what it does there.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, the first shown first in help.
    pub keys: Vec<Key>,
    /// What happens.
    pub action: Action,
    /// One line for the help overlay.
    pub help: &'static str,
}

/// All bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
    /// Keys unbound in a context (a config's `"none"`): they no longer
    /// fall through to the global binding there.
    blocked: Vec<(Context, Key)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Context::*;
        #[rustfmt::skip]
        let table: &[(Context, &[&str], Action, &'static str)] = &[
            (Global, &["tab"], Action::FocusNext, "focus the next pane"),
            (Global, &["shift-tab"], Action::FocusPrev, "focus the previous pane"),
            (Global, &["j", "down"], Action::Down, "down one row / line"),
            (Global, &["k", "up"], Action::Up, "up one row / line"),
            (Global, &["pgdn", "ctrl-d"], Action::PageDown, "down one page"),
            (Global, &["pgup", "ctrl-u"], Action::PageUp, "up one page"),
            (Global, &["g", "home"], Action::Top, "to the top"),
            (Global, &["G", "end"], Action::Bottom, "to the bottom"),
            (Global, &["/"], Action::OpenFilter, "filter articles, actors and the reader as you type"),
            (Global, &["n"], Action::NextMention, "next mention of the selected actor, or next match, on into the next article"),
            (Global, &["N"], Action::PrevMention, "previous mention or filter match"),
            (Global, &["esc"], Action::Back, "clear the actor selection, then the filter"),
            (Global, &["m"], Action::OpenConcordance, "concordance: every mention of the actor, in context"),
            (Global, &["r"], Action::OpenRelated, "actors named in the same sentences and articles"),
            (Global, &["t"], Action::OpenTimeline, "timeline: dated events in date order (of the actor in view)"),
            (Global, &["\""], Action::OpenQuotes, "what the actor in view said: quotes and reported speech"),
            (Global, &["]"], Action::NextActorMention, "next mention of any actor in the article"),
            (Global, &["["], Action::PrevActorMention, "previous mention of any actor"),
            (Global, &["backspace", "ctrl-o", "alt-left"], Action::HistoryBack, "back to before the last jump"),
            (Global, &["alt-right", "ctrl-i"], Action::HistoryForward, "forward again (Ctrl-i arrives as Tab in most terminals)"),
            (Global, &["?"], Action::ToggleHelp, "show or hide this help"),
            (Global, &["w"], Action::ToggleWarnings, "list the load warnings: each file or line skipped or flagged, and why"),
            (Global, &["q", "ctrl-c"], Action::Quit, "quit"),
            (Global, &["x"], Action::OpenExport, "export to a file: articles, actors, mentions, timeline or statements"),
            (Global, &["b"], Action::ToggleBookmark, "bookmark the article in view, or remove its bookmark"),
            (Global, &["u"], Action::ToggleRead, "mark the article in view unread, or read again"),
            (Global, &["a"], Action::EditNote, "write a one-line note on the article in view"),
            (Global, &["o"], Action::OpenPager, "read the article in $PAGER (default less); dossier comes back when it exits"),
            (Global, &["e"], Action::OpenEditor, "open a copy of the article in $VISUAL or $EDITOR (default vi)"),
            (Global, &["O"], Action::OpenBrowser, "open the article's url in $BROWSER (else xdg-open or open)"),
            (Global, &["y"], Action::Copy, "copy (OSC 52): the article, or the sentence under the cursor"),
            (Global, &["Y"], Action::CopyId, "copy the article's id"),
            (Global, &["ctrl-z"], Action::Suspend, "suspend to the shell; fg comes back"),
            (List, &["enter"], Action::Activate, "read the article (focus the reader)"),
            (Reader, &["enter"], Action::Activate, "select the actor under the mention cursor (] / [)"),
            (Actors, &["enter"], Action::Activate, "select the actor, list only the articles naming it; again: concordance"),
            (Actors, &["h"], Action::HideKind, "hide this actor's kind (person, place, other...) from the sidebar"),
            (Actors, &["H"], Action::ShowKinds, "show every kind again"),
            (Actors, &["s"], Action::SortActors, "sort by mentions, by articles, by name"),
            (Concordance, &["enter"], Action::Activate, "read the article at this mention (Esc comes back)"),
            (Concordance, &["s"], Action::CycleSort, "sort by article, by the word to the left (1L), to the right (1R)"),
            (Concordance, &["esc"], Action::Back, "back to the panes"),
            (Related, &["enter"], Action::Activate, "select this actor"),
            (Related, &["m"], Action::OpenConcordance, "the concordance of the sentences naming both"),
            (Related, &["tab", "left", "right"], Action::FocusNext, "switch between the same-sentence and same-article lists"),
            (Related, &["esc"], Action::Back, "back to the panes"),
            (Timeline, &["enter"], Action::Activate, "read the article at this event's sentence (Esc comes back)"),
            (Timeline, &["space"], Action::Expand, "show or fold each source's sentence of the event"),
            (Timeline, &["right"], Action::Unfold, "show each source's sentence"),
            (Timeline, &["left"], Action::Fold, "fold them again"),
            (Timeline, &["esc"], Action::Back, "back to the panes"),
            (Quotes, &["enter"], Action::Activate, "read the article at this statement (Esc comes back)"),
            (Quotes, &["esc"], Action::Back, "back to the panes"),
            (Filter, &["enter"], Action::FilterAccept, "keep the filter, go to the list"),
            (Filter, &["esc"], Action::FilterCancel, "clear the filter, restore the selection"),
            (Filter, &["up"], Action::FilterHistoryPrev, "earlier query"),
            (Filter, &["down"], Action::FilterHistoryNext, "later query"),
            (Filter, &["backspace"], Action::FilterBackspace, "delete back"),
            (Filter, &["delete"], Action::FilterDelete, "delete forward"),
            (Filter, &["ctrl-w"], Action::FilterDeleteWord, "delete the word before the cursor"),
            (Filter, &["ctrl-u"], Action::FilterClear, "clear the line"),
            (Filter, &["left"], Action::FilterLeft, "cursor left"),
            (Filter, &["right"], Action::FilterRight, "cursor right"),
            (Filter, &["home", "ctrl-a"], Action::FilterHome, "cursor to the start"),
            (Filter, &["end", "ctrl-e"], Action::FilterEnd, "cursor to the end"),
            (Filter, &["ctrl-c"], Action::Quit, "quit"),
            (Export, &["j", "down"], Action::Down, "next choice: articles, actors, mentions, timeline, statements"),
            (Export, &["k", "up"], Action::Up, "previous choice"),
            (Export, &["tab", "l", "right"], Action::FocusNext, "next format: Markdown, CSV, JSON"),
            (Export, &["shift-tab", "h", "left"], Action::FocusPrev, "previous format"),
            (Export, &["enter"], Action::Activate, "write the file into the folder dossier was started in"),
            (Export, &["esc", "x", "q"], Action::Back, "close without writing"),
            (Note, &["enter"], Action::NoteAccept, "save the note (an empty note deletes it)"),
            (Note, &["esc"], Action::NoteCancel, "leave the note as it was"),
            (Note, &["backspace"], Action::NoteBackspace, "delete back"),
            (Note, &["delete"], Action::NoteDelete, "delete forward"),
            (Note, &["ctrl-w"], Action::NoteDeleteWord, "delete the word before the cursor"),
            (Note, &["ctrl-u"], Action::NoteClear, "clear the line"),
            (Note, &["left"], Action::NoteLeft, "cursor left"),
            (Note, &["right"], Action::NoteRight, "cursor right"),
            (Note, &["home", "ctrl-a"], Action::NoteHome, "cursor to the start"),
            (Note, &["end", "ctrl-e"], Action::NoteEnd, "cursor to the end"),
            (Note, &["ctrl-c"], Action::Quit, "quit, keeping the note"),
            (Help, &["esc", "?", "q"], Action::ToggleHelp, "close the help"),
            (Help, &["w"], Action::ToggleWarnings, "close the warnings"),
            (Help, &["j", "down"], Action::Down, "scroll down"),
            (Help, &["k", "up"], Action::Up, "scroll up"),
        ];
        let bindings = table
            .iter()
            .map(|(context, keys, action, help)| Binding {
                context: *context,
                keys: keys
                    .iter()
                    .map(|k| Key::parse(k).unwrap_or_else(|| panic!("bad default key {k}")))
                    .collect(),
                action: action.clone(),
                help,
            })
            .collect();
        Keymap {
            bindings,
            blocked: Vec::new(),
        }
    }
}

impl Keymap {
    /// The action for `key` in `context`: a binding of that context first,
    /// then a global one. The help and the filter line are modal: they take
    /// every key, and in the filter line a printable key types itself.
    pub fn lookup(&self, key: Key, context: Context) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.contains(&key))
                .map(|b| b.action.clone())
        };
        // What a modal context still takes from the global bindings:
        // leaving the app, and (from the help) whichever key shows the
        // help or the warnings, so a rebound help key also closes it, and
        // the keys that move by pages and to either end, which scroll it.
        let escape = |ctx: Context| {
            find(Context::Global).filter(|a| match a {
                Action::Quit | Action::Suspend => true,
                Action::ToggleHelp
                | Action::ToggleWarnings
                | Action::PageDown
                | Action::PageUp
                | Action::Top
                | Action::Bottom => ctx == Context::Help,
                _ => false,
            })
        };
        match context {
            Context::Help | Context::Export => find(context).or_else(|| escape(context)),
            Context::Filter | Context::Note => find(context).or_else(|| {
                // A plain key types its character; a Tab the space it
                // stands for, as in a paste: a line has no columns to
                // align, and a key that vanished would leave two words run
                // together.
                let typed = match key {
                    Key {
                        code: Code::Char(c),
                        ctrl: false,
                        alt: false,
                    } => Some(c),
                    Key {
                        code: Code::Tab,
                        ctrl: false,
                        alt: false,
                    } => Some(' '),
                    _ => None,
                };
                match typed {
                    Some(c) if context == Context::Note => Some(Action::NoteInput(c)),
                    Some(c) => Some(Action::FilterInput(c)),
                    None => escape(context),
                }
            }),
            _ if self.is_blocked(context, key) => find(context),
            _ => find(context).or_else(|| find(Context::Global)),
        }
    }

    /// The key to name for `action` in `context` (or globally, unless
    /// unbound in `context`), for hints: the first bound without Ctrl or
    /// Alt if there is one, else the first. (A config that unbinds `q`
    /// and binds `Q` to quit is hinted `Q quit`, not `C-c quit`.)
    pub fn key_for(&self, action: &Action, context: Context) -> Option<Key> {
        [context, Context::Global].into_iter().find_map(|ctx| {
            let mut usable = self
                .bindings
                .iter()
                .filter(|b| b.context == ctx && &b.action == action)
                .flat_map(|b| b.keys.iter())
                .filter(|&&k| ctx == context || !self.is_blocked(context, k))
                .copied()
                .peekable();
            let first = *usable.peek()?;
            Some(usable.find(|k| !k.ctrl && !k.alt).unwrap_or(first))
        })
    }

    /// Binds `key` to `action` in `context`, replacing whatever the key did
    /// there; `None` unbinds it, so in a pane it no longer falls through to
    /// its global binding either. A key added to an action already bound
    /// in `context` joins that binding's keys (at the end, so binding the
    /// defaults again changes nothing); otherwise the new binding takes the
    /// help text the action has elsewhere.
    pub fn bind(&mut self, context: Context, key: Key, action: Option<Action>) {
        let already = |b: &Binding| b.context == context && Some(&b.action) == action.as_ref();
        if self
            .bindings
            .iter()
            .any(|b| already(b) && b.keys.contains(&key))
        {
            return;
        }
        for b in self.bindings.iter_mut().filter(|b| b.context == context) {
            b.keys.retain(|&k| k != key);
        }
        self.bindings.retain(|b| !b.keys.is_empty());
        self.blocked.retain(|&(c, k)| (c, k) != (context, key));
        let Some(action) = action else {
            if context != Context::Global {
                self.blocked.push((context, key));
            }
            return;
        };
        if let Some(b) = self
            .bindings
            .iter_mut()
            .find(|b| b.context == context && b.action == action)
        {
            b.keys.push(key);
            return;
        }
        let help = Keymap::default()
            .bindings
            .into_iter()
            .find(|b| b.action == action)
            .map_or("", |b| b.help);
        self.bindings.push(Binding {
            context,
            keys: vec![key],
            action,
            help,
        });
    }

    fn is_blocked(&self, context: Context, key: Key) -> bool {
        self.blocked.contains(&(context, key))
    }

    /// The help's rows for a box `width` cells wide inside: one heading per
    /// context, then one row per binding, its description wrapped under
    /// itself, each key marked with whether it does that in context `here`
    /// (where the help was opened: its own and the global bindings can;
    /// the help's keys work in the help).
    /// The app scrolls by these rows and the renderer draws them.
    pub fn help_rows(&self, width: usize, here: Context) -> Vec<HelpRow<'_>> {
        let keys_w = help_keys_w(width);
        let desc_w = width.saturating_sub(2 + keys_w).max(8);
        let mut out = Vec::new();
        let mut wrapped = Vec::new();
        for (i, (ctx, bindings)) in self.sections().into_iter().enumerate() {
            if i > 0 {
                out.push(HelpRow::Blank);
            }
            out.push(HelpRow::Heading(ctx));
            // Another context's keys say what they do there, not here.
            let applies = ctx == here || ctx == Context::Global;
            for b in bindings {
                let keys: Vec<(String, bool)> = b
                    .keys
                    .iter()
                    .map(|&k| {
                        let live = ctx == Context::Help || (applies && self.does(b, k, here));
                        (k.to_string(), live)
                    })
                    .collect();
                let live = keys.iter().any(|k| k.1);
                // Keys wider than their column (S-Tab in a narrow box) get
                // a row of their own rather than run into what they do.
                let keys_wide = keys
                    .iter()
                    .map(|k| crate::text::display_width(&k.0) + 1)
                    .sum::<usize>()
                    > keys_w;
                if keys_wide {
                    out.push(HelpRow::Binding {
                        keys: keys.clone(),
                        text: "",
                        live,
                    });
                }
                wrapped.clear();
                crate::text::wrap_paragraph(b.help, 0..b.help.len(), desc_w, &mut wrapped);
                for (j, r) in wrapped.iter().enumerate() {
                    out.push(HelpRow::Binding {
                        keys: if j == 0 && !keys_wide {
                            keys.clone()
                        } else {
                            Vec::new()
                        },
                        text: &b.help[r.clone()],
                        live,
                    });
                }
            }
        }
        out
    }

    /// Whether pressing `key` in context `here` does what binding `b`
    /// says: the key reaches the binding's action there, no binding of the
    /// context takes it first (its own description then applies), and the
    /// action does something there.
    pub fn does(&self, b: &Binding, key: Key, here: Context) -> bool {
        let shadowed = b.context != here
            && self
                .bindings
                .iter()
                .any(|o| o.context == here && o.keys.contains(&key));
        !shadowed && self.lookup(key, here).as_ref() == Some(&b.action) && !here.ignores(&b.action)
    }

    /// Bindings grouped by context, in the order help shows them.
    pub fn sections(&self) -> Vec<(Context, Vec<&Binding>)> {
        std::iter::once(Context::Global)
            .chain(Context::PANES_AND_VIEWS)
            .chain([
                Context::Filter,
                Context::Export,
                Context::Note,
                Context::Help,
            ])
            .map(|c| {
                (
                    c,
                    self.bindings
                        .iter()
                        .filter(|b| b.context == c)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, b)| !b.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_display() {
        assert_eq!(Key::parse("j"), Some(Key::char('j')));
        assert_eq!(Key::parse("G"), Some(Key::char('G')));
        assert_eq!(Key::parse("ctrl-n"), Some(Key::ctrl('n')));
        assert_eq!(Key::parse("C-N"), Some(Key::ctrl('n')));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(Code::BackTab)));
        assert_eq!(Key::parse("pgdn"), Some(Key::plain(Code::PageDown)));
        assert_eq!(Key::parse("space"), Some(Key::char(' ')));
        assert_eq!(
            Key::parse("alt-right"),
            Some(Key {
                code: Code::Right,
                ctrl: false,
                alt: true
            })
        );
        assert_eq!(Key::parse("jj"), None);
        assert_eq!(Key::parse("F1"), Some(Key::plain(Code::F(1))));
        assert_eq!(Key::parse("shift-f12").map(|k| k.code), Some(Code::F(12)));
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("f"), Some(Key::char('f')));
        assert_eq!(Key::plain(Code::F(5)).to_string(), "F5");
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::ctrl('o').to_string(), "C-o");
        assert_eq!(Key::plain(Code::PageDown).to_string(), "PgDn");
    }

    #[test]
    fn pane_bindings_take_precedence_over_global_ones() {
        let km = Keymap::default();
        let enter = Key::plain(Code::Enter);
        assert_eq!(km.lookup(enter, Context::Actors), Some(Action::Activate));
        assert_eq!(km.lookup(Key::char('j'), Context::List), Some(Action::Down));
        assert_eq!(
            km.lookup(Key::char('q'), Context::Help),
            Some(Action::ToggleHelp)
        );
        assert_eq!(km.lookup(Key::char('n'), Context::Help), None);
        assert_eq!(
            km.lookup(Key::char('q'), Context::Reader),
            Some(Action::Quit)
        );
    }

    #[test]
    fn hints_name_a_key_without_ctrl_or_alt_when_one_is_bound() {
        let mut km = Keymap::default();
        let quit = |km: &Keymap| {
            km.key_for(&Action::Quit, Context::List)
                .map(|k| k.to_string())
        };
        assert_eq!(quit(&km).as_deref(), Some("q"));
        // q unbound, Q bound: Q, though C-c comes first now.
        km.bind(Context::Global, Key::char('q'), None);
        km.bind(Context::Global, Key::char('Q'), Some(Action::Quit));
        assert_eq!(quit(&km).as_deref(), Some("Q"));
        // With only chords bound, the first of them.
        let fwd = km.key_for(&Action::HistoryForward, Context::List);
        assert_eq!(fwd.map(|k| k.to_string()).as_deref(), Some("M-→"));
    }

    #[test]
    fn every_bindable_action_has_a_default_key() {
        let km = Keymap::default();
        for (action, name) in Action::BINDABLE {
            let bound = km.bindings.iter().any(|b| b.action == action);
            assert!(bound, "{name} has no key");
        }
    }
}
