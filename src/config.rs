//! The user's configuration: compiled-in defaults plus a TOML overlay.
//!
//! The defaults are `assets/config.toml`, compiled in: `dossier config
//! --print-default` prints it, comments and all, and a test keeps it equal
//! to what [`Config::default`] builds. A user file sets only what it
//! changes; every table rejects keys it does not know, and every error
//! names the file, the line and what to write instead.
//!
//! Owns: the file's schema, colours as plain values ([`Color`]), layout
//! options, and turning `[keys.*]` tables into a [`Keymap`]. Must not touch:
//! the terminal (no ratatui, no crossterm: the UI converts [`Color`]s), and
//! no I/O beyond reading the one file it is asked to load.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::app::Action;
use crate::app::keymap::{Context, Key, Keymap};

/// The default configuration, with a comment on every setting.
pub const DEFAULT_TOML: &str = include_str!("../assets/config.toml");

/// The name of the file inside the configuration folder.
pub const FILE_NAME: &str = "config.toml";

/// Where dossier looks for its configuration when `--config` is not given:
/// `$XDG_CONFIG_HOME/dossier/config.toml` on Linux (usually
/// `~/.config/dossier/config.toml`), the platform's equivalent elsewhere.
/// `None` when the platform has no home folder to put it in.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.config_dir().join(FILE_NAME))
}

/// Whether the environment asks for no colour: `NO_COLOR` set to anything
/// but the empty string (<https://no-color.org>). Takes the variable's value
/// so tests need not change the process environment.
pub fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// A colour as the config file names it; the UI turns it into a terminal
/// colour. Mirrors the 16 ANSI colours, the 256-colour palette and RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// The terminal's own foreground or background.
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    /// One of the terminal's 256 palette entries.
    Indexed(u8),
    /// A true colour.
    Rgb(u8, u8, u8),
}

/// What a colour may be written as, for error messages.
const COLOR_HELP: &str = "write a colour name (black, red, green, yellow, blue, magenta, cyan, \
     gray, darkgray, white, lightred... or reset), \"#rrggbb\", or a palette number 0-255";

impl FromStr for Color {
    type Err = ();

    /// Names as ratatui spells them, case, spaces, `-` and `_` ignored, with
    /// `grey`, `bright` (for `light`) and `default` (for `reset`) accepted;
    /// `#rrggbb`; or `0`-`255`.
    fn from_str(s: &str) -> Result<Color, ()> {
        let norm = s
            .to_ascii_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray");
        Ok(match norm.as_str() {
            "reset" | "default" => Color::Reset,
            "black" => Color::Black,
            "red" => Color::Red,
            "green" => Color::Green,
            "yellow" => Color::Yellow,
            "blue" => Color::Blue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "gray" | "lightblack" => Color::Gray,
            "darkgray" => Color::DarkGray,
            "lightred" => Color::LightRed,
            "lightgreen" => Color::LightGreen,
            "lightyellow" => Color::LightYellow,
            "lightblue" => Color::LightBlue,
            "lightmagenta" => Color::LightMagenta,
            "lightcyan" => Color::LightCyan,
            "white" | "lightwhite" => Color::White,
            _ => {
                if let Ok(i) = s.trim().parse::<u8>() {
                    Color::Indexed(i)
                } else if let Some(hex) = s
                    .trim()
                    .strip_prefix('#')
                    .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
                {
                    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                    Color::Rgb(byte(0), byte(2), byte(4))
                } else {
                    return Err(());
                }
            }
        })
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Color, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Color;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a colour")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Color, E> {
                s.parse()
                    .map_err(|()| E::custom(format!("`{s}` is not a colour: {COLOR_HELP}")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Color, E> {
                u8::try_from(n)
                    .map(Color::Indexed)
                    .map_err(|_| E::custom(format!("{n} is not a colour: {COLOR_HELP}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// Declares the themable elements once: the resolved [`Colors`], the
/// file's optional overlay, and applying one to the other.
macro_rules! colors {
    ($($(#[doc = $doc:literal])* $field:ident = $name:literal),* $(,)?) => {
        /// One colour per element of the screen. A theme fills every one;
        /// the `[colors]` table replaces any of them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Colors {
            $($(#[doc = $doc])* pub $field: Color,)*
        }

        /// The `[colors]` table: only what the user changes.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ColorsFile {
            $(#[serde(default, rename = $name)] $field: Option<Color>,)*
        }

        impl ColorsFile {
            fn apply(&self, to: &mut Colors) {
                $(if let Some(c) = self.$field { to.$field = c; })*
            }
        }

        impl Colors {
            /// Every element's name, as the `[colors]` table spells it.
            pub const NAMES: &[&str] = &[$($name),*];
        }
    };
}

colors! {
    /// Mentions and names of people.
    person = "person",
    /// Organizations.
    organization = "organization",
    /// Countries.
    country = "country",
    /// Other places: cities, regions.
    place = "place",
    /// News media and agencies.
    media = "media",
    /// Actors of no known kind.
    other = "other",
    /// Text on the selected actor's mentions, which are filled with the
    /// actor's kind colour.
    selected_mention_text = "selected_mention_text",
    /// Background of text the filter matches.
    r#match = "match",
    /// Text the filter matches.
    match_text = "match_text",
    /// Background of the mention under the cursor (n/N, ] / [).
    current_mention = "current_mention",
    /// Text of the mention under the cursor.
    current_mention_text = "current_mention_text",
    /// Background of the selected row in the focused pane.
    selection = "selection",
    /// Background of the selected row in the other panes.
    selection_unfocused = "selection_unfocused",
    /// Pane borders.
    border = "border",
    /// The focused pane's border, and scrollbar thumbs.
    border_focused = "border_focused",
    /// Pane titles.
    title = "title",
    /// The focused pane's title.
    title_focused = "title_focused",
    /// Column headers and help headings.
    header = "header",
    /// Secondary text: bylines, counts, hints.
    dim = "dim",
    /// Keys named in hints and the help.
    key = "key",
    /// The filter line's prompt.
    prompt = "prompt",
    /// Problems: a bad query, load warnings.
    warning = "warning",
    /// The underline under the passage the reader was opened at.
    spot = "spot",
    /// The status bar's background.
    status = "status",
    /// The status bar's text.
    status_text = "status_text",
}

impl Colors {
    /// For a dark terminal background: the colours dossier has always had.
    pub const DARK: Colors = Colors {
        person: Color::Yellow,
        organization: Color::Cyan,
        country: Color::Green,
        place: Color::LightBlue,
        media: Color::Magenta,
        other: Color::Gray,
        selected_mention_text: Color::Black,
        r#match: Color::Indexed(179),
        match_text: Color::Black,
        current_mention: Color::LightRed,
        current_mention_text: Color::Black,
        selection: Color::Indexed(24),
        selection_unfocused: Color::Indexed(237),
        border: Color::DarkGray,
        border_focused: Color::Cyan,
        title: Color::Gray,
        title_focused: Color::Cyan,
        header: Color::Gray,
        dim: Color::DarkGray,
        key: Color::Cyan,
        prompt: Color::Yellow,
        warning: Color::LightRed,
        spot: Color::Yellow,
        status: Color::Indexed(236),
        status_text: Color::Gray,
    };

    /// For a light terminal background: darker inks, paler fills.
    pub const LIGHT: Colors = Colors {
        person: Color::Indexed(130),
        organization: Color::Indexed(30),
        country: Color::Indexed(28),
        place: Color::Indexed(26),
        media: Color::Indexed(127),
        other: Color::Indexed(242),
        selected_mention_text: Color::White,
        r#match: Color::Indexed(222),
        match_text: Color::Black,
        current_mention: Color::Indexed(160),
        current_mention_text: Color::White,
        selection: Color::Indexed(153),
        selection_unfocused: Color::Indexed(254),
        border: Color::Indexed(248),
        border_focused: Color::Indexed(25),
        title: Color::Indexed(240),
        title_focused: Color::Indexed(25),
        header: Color::Indexed(238),
        dim: Color::Indexed(244),
        key: Color::Indexed(25),
        prompt: Color::Indexed(130),
        warning: Color::Indexed(160),
        spot: Color::Indexed(130),
        status: Color::Indexed(253),
        status_text: Color::Indexed(236),
    };
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
    /// No colour at all, as with `NO_COLOR`: emphasis by bold, underline
    /// and reverse video only.
    Mono,
}

impl ThemeName {
    const NAMES: [&'static str; 3] = ["dark", "light", "mono"];
}

/// Read by hand so that a value of the wrong type says what is wanted
/// (helper-34: `theme = 3` said "wanted string or table").
impl<'de> Deserialize<'de> for ThemeName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ThemeName, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = ThemeName;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a theme name: \"dark\", \"light\" or \"mono\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ThemeName, E> {
                match v {
                    "dark" => Ok(ThemeName::Dark),
                    "light" => Ok(ThemeName::Light),
                    "mono" => Ok(ThemeName::Mono),
                    _ => Err(E::unknown_variant(v, &ThemeName::NAMES)),
                }
            }
        }
        d.deserialize_str(Name)
    }
}

/// How the screen is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// No colours: the UI marks what matters with text attributes only.
    pub mono: bool,
    /// The colours, when not mono.
    pub colors: Colors,
}

impl Palette {
    /// The default dark palette.
    pub const DARK: Palette = Palette {
        mono: false,
        colors: Colors::DARK,
    };

    /// The light palette.
    pub const LIGHT: Palette = Palette {
        mono: false,
        colors: Colors::LIGHT,
    };

    /// No colour (for `NO_COLOR`, or `theme = "mono"`).
    pub const MONO: Palette = Palette {
        mono: true,
        colors: Colors::DARK,
    };
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::DARK
    }
}

/// Which side of the screen the actors sidebar takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Left of the article list.
    Left,
    /// Right of the reader.
    #[default]
    Right,
}

/// A pane's width: automatic, a share of the screen, or a number of cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Width {
    /// dossier's own choice, which adapts to the screen.
    #[default]
    Auto,
    /// This percentage of the screen's width.
    Percent(u8),
    /// This many cells.
    Cells(u16),
}

impl Width {
    /// The width on a screen `screen` cells wide, `auto` being what to use
    /// for [`Width::Auto`].
    pub fn resolve(self, screen: u16, auto: u16) -> u16 {
        match self {
            Width::Auto => auto,
            Width::Percent(p) => (u32::from(screen) * u32::from(p) / 100) as u16,
            Width::Cells(c) => c,
        }
    }
}

/// The most cells a width may give: wider than any terminal, so a larger
/// number is a typing slip (5000 for 50).
const MAX_CELLS: u16 = 1000;

/// The narrowest text the reader may be wrapped to; below it a line holds
/// a word or two.
const MIN_WRAP: u16 = 20;

const WIDTH_HELP: &str = "write \"auto\", a percentage of the screen such as \"30%\", \
     or a number of cells such as 40";

impl<'de> Deserialize<'de> for Width {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Width, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Width;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a pane width")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Width, E> {
                let t = s.trim();
                if t.eq_ignore_ascii_case("auto") {
                    return Ok(Width::Auto);
                }
                if let Ok(n) = t.parse::<u16>() {
                    return Err(E::custom(format!(
                        "\"{s}\" in quotes is text, not a width: write {n} without quotes \
                         for cells, or \"{n}%\" for a share of the screen"
                    )));
                }
                t.strip_suffix('%')
                    .and_then(|p| p.trim().parse::<u8>().ok())
                    .filter(|p| (1..=90).contains(p))
                    .map(Width::Percent)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "`{s}` is not a width: {WIDTH_HELP} (percentages from 1% to 90%)"
                        ))
                    })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Width, E> {
                u16::try_from(n)
                    .ok()
                    .filter(|&c| (1..=MAX_CELLS).contains(&c))
                    .map(Width::Cells)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "{n} is not a width: {WIDTH_HELP} (from 1 to {MAX_CELLS} cells)"
                        ))
                    })
            }
        }
        d.deserialize_any(V)
    }
}

/// Where the panes go and how wide they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LayoutOptions {
    /// The article list's width.
    pub list_width: Width,
    /// The actors sidebar's width (when three panes fit).
    pub sidebar_width: Width,
    /// Which side the sidebar takes.
    pub sidebar: Side,
    /// The widest the reader's text gets, in cells; 0 for the pane's
    /// width. Long lines are hard to read on wide screens.
    #[serde(deserialize_with = "cells")]
    pub wrap_width: u16,
}

/// A number of cells, or a message saying what one is (serde's own says
/// "expected u16").
fn cells<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let v = toml::Value::deserialize(d)?;
    let n = v
        .as_integer()
        .and_then(|n| u16::try_from(n).ok())
        .ok_or_else(|| {
            de::Error::custom(format!(
                "{v} is not a number of cells: write one such as 80, or 0 for the pane's width"
            ))
        })?;
    if n != 0 && !(MIN_WRAP..=MAX_CELLS).contains(&n) {
        return Err(de::Error::custom(format!(
            "{n} cells is too {} to read text in: write {MIN_WRAP} to {MAX_CELLS}, \
             such as 80, or 0 for the pane's width",
            if n < MIN_WRAP { "narrow" } else { "wide" }
        )));
    }
    Ok(n)
}

/// Everything the config decides except the keys: what the app and the
/// renderers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The colours.
    pub palette: Palette,
    /// The panes' places and widths.
    pub layout: LayoutOptions,
    /// Whether dossier takes the mouse (clicks and the wheel). Off leaves
    /// the terminal's own text selection working; `--no-mouse` turns it
    /// off for one run.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            palette: Palette::DARK,
            layout: LayoutOptions::default(),
            mouse: true,
        }
    }
}

/// A whole configuration, resolved: ready to hand to the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Colours, layout and switches.
    pub settings: Settings,
    /// The key bindings.
    pub keymap: Keymap,
}

/// What is wrong with a config file, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the config file {}: {why}{hint}", file.display())]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// The system's reason.
        why: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// The file is not valid TOML, or a setting is wrong.
    #[error(
        "{}{}: {message}{}\n  (`dossier config --print-default` shows every setting)",
        file.display(),
        line.map(|l| format!(", line {l}")).unwrap_or_default(),
        excerpt.as_ref().map(|x| format!("\n  {} | {x}", line.unwrap_or(0))).unwrap_or_default()
    )]
    Invalid {
        /// The file.
        file: PathBuf,
        /// The line the problem is on (from 1), when it is known.
        line: Option<usize>,
        /// That line's text, made safe to print.
        excerpt: Option<String>,
        /// What is wrong and how to fix it.
        message: String,
    },
}

impl ConfigError {
    /// The line the problem is on, when there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ConfigError::Invalid { line, .. } => *line,
            ConfigError::Unreadable { .. } => None,
        }
    }
}

/// The file as written: everything optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<ThemeName>,
    ui: Option<UiFile>,
    layout: Option<LayoutOptions>,
    colors: Option<ColorsFile>,
    keys: Option<KeysFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UiFile {
    mouse: Option<bool>,
}

/// The `[keys.*]` tables, one per context.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    global: Option<KeyTable>,
    list: Option<KeyTable>,
    reader: Option<KeyTable>,
    actors: Option<KeyTable>,
    concordance: Option<KeyTable>,
    related: Option<KeyTable>,
    timeline: Option<KeyTable>,
    quotes: Option<KeyTable>,
    filter: Option<KeyTable>,
    note: Option<KeyTable>,
    help: Option<KeyTable>,
    export: Option<KeyTable>,
}

impl KeysFile {
    /// Each context with the name of its table and the table, if written.
    fn tables(&self) -> [(Context, &'static str, Option<&KeyTable>); 12] {
        [
            (Context::Global, "global", self.global.as_ref()),
            (Context::List, "list", self.list.as_ref()),
            (Context::Reader, "reader", self.reader.as_ref()),
            (Context::Actors, "actors", self.actors.as_ref()),
            (
                Context::Concordance,
                "concordance",
                self.concordance.as_ref(),
            ),
            (Context::Related, "related", self.related.as_ref()),
            (Context::Timeline, "timeline", self.timeline.as_ref()),
            (Context::Quotes, "quotes", self.quotes.as_ref()),
            (Context::Filter, "filter", self.filter.as_ref()),
            (Context::Note, "note", self.note.as_ref()),
            (Context::Help, "help", self.help.as_ref()),
            (Context::Export, "export", self.export.as_ref()),
        ]
    }
}

/// One `[keys.<context>]` table: key descriptions to action names, in the
/// file's order, each with where it was written.
#[derive(Debug, Default)]
struct KeyTable(Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for KeyTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyTable, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyTable;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of keys to action names, such as \"ctrl-n\" = \"down\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyTable, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(KeyTable(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The word that unbinds a key.
pub const UNBIND: &str = "none";

impl Config {
    /// Reads the config: `explicit` (from `--config`) must exist; without
    /// it, the file at [`default_path`] is read when it is there, and the
    /// defaults apply when it is not. Returns the file read, if any.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let (path, required) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match default_path() {
                Some(p) => (p, false),
                None => return Ok((Config::default(), None)),
            },
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| ConfigError::Invalid {
                    file: path.clone(),
                    line: None,
                    excerpt: None,
                    message: format!(
                        "the file is not UTF-8 text (bad byte at offset {}); save it as UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                })?;
                Ok((Config::parse(&text, &path)?, Some(path)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                Ok((Config::default(), None))
            }
            Err(e) => Err(ConfigError::Unreadable {
                file: path,
                why: e.to_string(),
                hint: if e.kind() == std::io::ErrorKind::IsADirectory {
                    "; a config is a file: move the folder away, or pass a file with --config"
                } else if required {
                    "; check the path given with --config"
                } else {
                    "; fix its permissions, or pass another file with --config"
                },
            }),
        }
    }

    /// The defaults with the TOML `text` laid over them; `file` names it in
    /// errors.
    pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
        let invalid = |span: Option<std::ops::Range<usize>>, message: String| {
            let line = span.map(|s| line_of(text, s.start));
            let excerpt = line
                .and_then(|l| text.lines().nth(l - 1))
                .map(|t| crate::text::fit(t.trim_end(), 100).into_owned());
            ConfigError::Invalid {
                file: file.to_path_buf(),
                line,
                excerpt,
                message,
            }
        };
        let raw: File = toml::from_str(text).map_err(|e| {
            let value = e.span().and_then(|s| text.get(s)).unwrap_or_default();
            invalid(e.span(), plainer(e.message().trim_end(), value))
        })?;
        let mut config = Config::default();
        let s = &mut config.settings;
        s.palette = match raw.theme.unwrap_or_default() {
            ThemeName::Dark => Palette::DARK,
            ThemeName::Light => Palette::LIGHT,
            ThemeName::Mono => Palette::MONO,
        };
        if let Some(c) = &raw.colors {
            c.apply(&mut s.palette.colors);
        }
        if let Some(layout) = raw.layout {
            s.layout = layout;
        }
        if let Some(mouse) = raw.ui.and_then(|u| u.mouse) {
            s.mouse = mouse;
        }
        if let Some(keys) = &raw.keys {
            for (context, _, table) in keys.tables() {
                for (key, target) in table.iter().flat_map(|t| t.0.iter()) {
                    let k = Key::parse(key.get_ref()).ok_or_else(|| {
                        invalid(
                            Some(key.span()),
                            format!(
                                "`{}` is not a key: write keys such as j, G, ?, ctrl-n, \
                                 alt-left, shift-tab, pgdn, enter, esc, space, f1",
                                key.get_ref()
                            ),
                        )
                    })?;
                    if context.types(k) {
                        return Err(invalid(
                            Some(key.span()),
                            format!(
                                "`{}` types itself in the {}: bind a key that does not type \
                                 there, such as ctrl-{0}, alt-{0}, up or f2",
                                key.get_ref(),
                                context.title()
                            ),
                        ));
                    }
                    let name = target.get_ref().as_str();
                    let action = if name == UNBIND {
                        None
                    } else {
                        let a = Action::from_name(name).ok_or_else(|| {
                            invalid(Some(target.span()), unknown_action(key.get_ref(), name))
                        })?;
                        if !context.accepts(&a) {
                            let can: Vec<&str> = Action::BINDABLE
                                .iter()
                                .filter(|(b, _)| context.accepts(b))
                                .map(|(_, n)| *n)
                                .collect();
                            return Err(invalid(
                                Some(target.span()),
                                format!(
                                    "`{name}` does nothing in {}; bind one of {}",
                                    context.title(),
                                    can.join(", ")
                                ),
                            ));
                        }
                        Some(a)
                    };
                    config.keymap.bind(context, k, action);
                }
            }
            if config
                .keymap
                .key_for(&Action::Quit, Context::List)
                .is_none()
            {
                return Err(invalid(
                    None,
                    "no key is left to quit dossier: keep one bound to \"quit\", such as \
                     [keys.global] q = \"quit\""
                        .into(),
                ));
            }
            // Nor may a line, an overlay or a view be left with no key
            // that closes it (helper-34: the filter line with Esc and Enter
            // unbound stayed open until Ctrl-C quit dossier). Contexts
            // with nothing to close have no closers.
            let defaults = Keymap::default();
            for (context, table, _) in keys.tables() {
                let ways = context.closers();
                let closes = |a: &Action| config.keymap.key_for(a, context).is_some();
                if !ways.is_empty() && !ways.iter().any(closes) {
                    // What Esc does there by default.
                    let example = Key::parse("esc")
                        .and_then(|esc| defaults.lookup(esc, context))
                        .and_then(|a| a.name())
                        .map(|n| format!(", such as [keys.{table}] esc = \"{n}\""))
                        .unwrap_or_default();
                    let names: Vec<String> = ways
                        .iter()
                        .filter_map(Action::name)
                        .map(|n| format!("\"{n}\""))
                        .collect();
                    return Err(invalid(
                        None,
                        format!(
                            "no key is left to close {}: keep one bound to {}{example}",
                            context.place(),
                            names.join(" or ")
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }
}

/// Says that `name` (bound to `key`) is no action, suggesting the closest.
fn unknown_action(key: &str, name: &str) -> String {
    let closest = Action::BINDABLE
        .iter()
        .map(|(_, n)| (strsim::jaro_winkler(n, name), *n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let names: Vec<&str> = Action::BINDABLE.iter().map(|(_, n)| *n).collect();
    match closest {
        Some((_, n)) => format!(
            "`{key}` is bound to `{name}`, which is not an action: did you mean `{n}`? \
             (\"{UNBIND}\" unbinds a key)"
        ),
        None => format!(
            "`{key}` is bound to `{name}`, which is not an action; the actions are {}, \
             or \"{UNBIND}\" to unbind the key",
            names.join(", ")
        ),
    }
}

/// The line (from 1) of byte `at` in `text`.
/// The TOML parser's `message` about `value`, with what to write where it
/// names only half of it: a misspelt `tru` was "invalid boolean, expected
/// `true`", which reads as if `false` were not allowed. A bare yes or no
/// ("mouse = yes") reads to the parser as an unquoted string, or "No" as
/// a float gone wrong: "string values must be quoted" sent helper-39 to
/// "yes", which is no value either.
fn plainer(message: &str, value: &str) -> String {
    const BOTH: &str = "`true` or `false`, without quotes";
    let bare = value.trim().to_ascii_lowercase();
    if matches!(bare.as_str(), "yes" | "no" | "on" | "off" | "y" | "n") {
        format!("a switch is {BOTH}")
    } else if message.starts_with("invalid boolean") {
        format!("invalid boolean: write {BOTH}")
    } else if let Some(m) = message.strip_suffix("expected a boolean") {
        format!("{m}expected a boolean: {BOTH}")
    } else {
        message.to_owned()
    }
}

fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests;
