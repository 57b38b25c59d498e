//! Colours and text styles, in one place so every pane agrees.
//!
//! A [`Theme`] is made from the config's [`Palette`] each frame (a copy of
//! a few dozen bytes): the renderers ask it for styles by what they draw,
//! never for colours. Without colour (`NO_COLOR`, or `theme = "mono"`)
//! every style that carried meaning by colour carries it by bold,
//! underline or reverse video instead, and no cell gets a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::actors::Kind;
use crate::app::App;
use crate::config::{self, Colors, Palette};

/// The styles of one palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colors: Colors,
    mono: bool,
}

/// A config colour as the terminal library spells it.
pub fn color(c: config::Color) -> Color {
    use config::Color as C;
    match c {
        C::Reset => Color::Reset,
        C::Black => Color::Black,
        C::Red => Color::Red,
        C::Green => Color::Green,
        C::Yellow => Color::Yellow,
        C::Blue => Color::Blue,
        C::Magenta => Color::Magenta,
        C::Cyan => Color::Cyan,
        C::Gray => Color::Gray,
        C::DarkGray => Color::DarkGray,
        C::LightRed => Color::LightRed,
        C::LightGreen => Color::LightGreen,
        C::LightYellow => Color::LightYellow,
        C::LightBlue => Color::LightBlue,
        C::LightMagenta => Color::LightMagenta,
        C::LightCyan => Color::LightCyan,
        C::White => Color::White,
        C::Indexed(i) => Color::Indexed(i),
        C::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(&Palette::DARK)
    }
}

impl Theme {
    /// The theme of a palette.
    pub fn new(p: &Palette) -> Theme {
        Theme {
            colors: p.colors,
            mono: p.mono,
        }
    }

    /// The theme the app's settings ask for.
    pub fn of(app: &App) -> Theme {
        Theme::new(&app.settings.palette)
    }

    /// `style` with foreground `fg`, unless there is no colour.
    fn fg(self, style: Style, fg: config::Color) -> Style {
        if self.mono {
            style
        } else {
            style.fg(color(fg))
        }
    }

    /// `style` with background `bg`, unless there is no colour.
    fn bg(self, style: Style, bg: config::Color) -> Style {
        if self.mono {
            style
        } else {
            style.bg(color(bg))
        }
    }

    /// `colored` with colours, or `plain` without.
    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.mono { plain } else { colored }
    }

    /// The colour of an actor kind, used for its mentions and its sidebar
    /// name (the terminal's own without colour).
    pub fn kind_color(self, kind: Kind) -> Color {
        if self.mono {
            return Color::Reset;
        }
        let c = &self.colors;
        color(match kind {
            Kind::Person => c.person,
            Kind::Organization => c.organization,
            Kind::Country => c.country,
            Kind::Place => c.place,
            Kind::Media => c.media,
            Kind::Other => c.other,
        })
    }

    /// An actor's name in a list: in its kind's colour.
    pub fn kind(self, kind: Kind) -> Style {
        Style::new().fg(self.kind_color(kind))
    }

    /// A mention of an actor that is not selected: coloured, underlined.
    pub fn mention(self, kind: Kind) -> Style {
        Style::new()
            .fg(self.kind_color(kind))
            .add_modifier(Modifier::UNDERLINED)
    }

    /// A mention of the selected actor: the kind colour as background
    /// (reverse video without colour).
    pub fn selected_mention(self, kind: Kind) -> Style {
        self.pick(
            Style::new()
                .fg(color(self.colors.selected_mention_text))
                .bg(self.kind_color(kind))
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    /// Text the filter's query matches: in titles and names, and in the
    /// reader.
    pub fn matched(self) -> Style {
        self.pick(
            Style::new()
                .fg(color(self.colors.match_text))
                .bg(color(self.colors.r#match))
                .add_modifier(Modifier::BOLD),
            // Not reversed: a match inside a reversed selected row must
            // still show.
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// The filter line's prompt.
    pub fn prompt(self) -> Style {
        self.fg(Style::new(), self.colors.prompt)
            .add_modifier(Modifier::BOLD)
    }

    /// The marks column's unread dot and bookmark star: in the prompt's
    /// colour, bold (the signs carry the meaning without colour).
    pub fn mark(self) -> Style {
        self.fg(Style::new(), self.colors.prompt)
            .add_modifier(Modifier::BOLD)
    }

    /// The user's note on an article, and the list's note sign: italic,
    /// in the prompt's colour.
    pub fn note(self) -> Style {
        self.fg(Style::new(), self.colors.prompt)
            .add_modifier(Modifier::ITALIC)
    }

    /// A problem with the query, a load warning.
    pub fn warning(self) -> Style {
        self.pick(
            Style::new().fg(color(self.colors.warning)),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The passage the reader was opened at from the timeline or the
    /// statements: underlined, so mentions inside it keep their colours.
    pub fn spot(self) -> Style {
        let s = Style::new().add_modifier(Modifier::UNDERLINED);
        if self.mono {
            s
        } else {
            s.underline_color(color(self.colors.spot))
        }
    }

    /// The mention under the cursor (n/N): unmistakable.
    pub fn current_mention(self) -> Style {
        self.bg(
            self.fg(Style::new(), self.colors.current_mention_text),
            self.colors.current_mention,
        )
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        .add_modifier(if self.mono {
            Modifier::REVERSED
        } else {
            Modifier::empty()
        })
    }

    /// A pane's border: bright when it has focus (bold without colour; the
    /// focused border is also drawn thick).
    pub fn border(self, focused: bool) -> Style {
        match (focused, self.mono) {
            (true, false) => Style::new().fg(color(self.colors.border_focused)),
            (false, false) => Style::new().fg(color(self.colors.border)),
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new(),
        }
    }

    /// A scrollbar's thumb.
    pub fn thumb(self) -> Style {
        self.fg(Style::new(), self.colors.border_focused)
    }

    /// A pane's title: bold when it has focus.
    pub fn title(self, focused: bool) -> Style {
        if focused {
            self.fg(Style::new(), self.colors.title_focused)
                .add_modifier(Modifier::BOLD)
        } else {
            self.fg(Style::new(), self.colors.title)
        }
    }

    /// The selected row of a list: strong in the focused pane, visible in
    /// the others (reverse video and underline without colour).
    pub fn selected_row(self, focused: bool) -> Style {
        match (focused, self.mono) {
            (true, false) => Style::new()
                .bg(color(self.colors.selection))
                .add_modifier(Modifier::BOLD),
            (false, false) => Style::new().bg(color(self.colors.selection_unfocused)),
            (true, true) => Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            (false, true) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Secondary text: bylines, counts, facts.
    pub fn dim(self) -> Style {
        self.pick(
            Style::new().fg(color(self.colors.dim)),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Column headers.
    pub fn header(self) -> Style {
        self.fg(Style::new(), self.colors.header)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The status bar (reverse video without colour, so it stands apart).
    pub fn status(self) -> Style {
        self.pick(
            Style::new()
                .bg(color(self.colors.status))
                .fg(color(self.colors.status_text)),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Keys named in hints and help.
    pub fn key(self) -> Style {
        self.fg(Style::new(), self.colors.key)
            .add_modifier(Modifier::BOLD)
    }

    /// Article titles in the reader.
    pub fn article_title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    //! The themes on screen: the light one, user colours, and no colour.

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier};

    use crate::app::testing::{press, seeds_app, select, type_filter};
    use crate::app::{Action, App};
    use crate::config::{Config, Palette};

    fn with(app: App, config: &str) -> App {
        let c = Config::parse(config, std::path::Path::new("test.toml")).unwrap();
        app.with_config(c)
    }

    fn mono(app: App) -> App {
        let mut c = Config::default();
        c.settings.palette = Palette::MONO;
        app.with_config(c)
    }

    fn draw(app: &App) -> Buffer {
        let s = app.layout.screen;
        let mut t = Terminal::new(TestBackend::new(s.w, s.h)).unwrap();
        t.draw(|f| super::super::render(app, f)).unwrap();
        t.backend().buffer().clone()
    }

    /// The first cell of `needle` on screen, searching rows from `from_x`.
    fn find(buf: &Buffer, needle: &str, from_x: u16) -> (u16, u16) {
        for y in 0..buf.area.height {
            let syms: Vec<&str> = (from_x..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect();
            let line = syms.concat();
            if let Some(byte) = line.find(needle) {
                let mut acc = 0;
                for (i, s) in syms.iter().enumerate() {
                    if acc == byte {
                        return (from_x + i as u16, y);
                    }
                    acc += s.len();
                }
            }
        }
        panic!("{needle:?} is not on screen");
    }

    /// Bortnikov selected and the cursor on his mention in article 001:
    /// every kind of highlight on one screen.
    fn bortnikov(app: App) -> App {
        let mut app = app;
        select(&mut app, "Bortnikov");
        press(&mut app, "n n");
        app
    }

    #[test]
    fn light_theme_at_80x24() {
        let mut app = bortnikov(with(seeds_app(80, 24), "theme = \"light\""));
        // Back to the list, so the reader takes the right-hand pane.
        press(&mut app, "tab");
        let buf = draw(&app);
        insta::assert_debug_snapshot!(buf);
        // The light theme's inks, not the dark theme's.
        let reader = app.layout.reader.unwrap().x;
        let (x, y) = find(&buf, "Zamir", reader);
        assert_eq!(buf[(x, y)].fg, Color::Indexed(130), "a person");
        let (x, y) = find(&buf, "Taliban", reader);
        assert_eq!(buf[(x, y)].fg, Color::Indexed(30), "an organization");
        let (x, y) = find(&buf, "Aleksandr Bortnikov", reader);
        assert_eq!(buf[(x, y)].bg, Color::Indexed(160), "the cursor");
        assert_eq!(buf[(x, y)].fg, Color::White);
        let (x, y) = find(&buf, "kickstarts process…", 0);
        assert_eq!(buf[(x, y)].bg, Color::Indexed(153), "the selected row");
    }

    #[test]
    fn a_user_colour_reaches_the_screen() {
        let config = "[colors]\nperson = \"#ff8800\"\nselected_mention_text = \"white\"\n";
        let app = bortnikov(with(seeds_app(120, 40), config));
        let buf = draw(&app);
        let (x, y) = find(&buf, "Bortinkov also", 0);
        assert_eq!(buf[(x, y)].bg, Color::Rgb(0xff, 0x88, 0));
        assert_eq!(buf[(x, y)].fg, Color::White);
        // What the user left alone keeps the dark theme's colour.
        let (x, y) = find(&buf, "FSB)", 0);
        assert_eq!(buf[(x, y)].fg, Color::Cyan);
    }

    /// Every cell's colours are the terminal's own.
    fn assert_colourless(buf: &Buffer) {
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let c = &buf[(x, y)];
                assert_eq!(
                    (c.fg, c.bg, c.underline_color),
                    (Color::Reset, Color::Reset, Color::Reset),
                    "cell ({x}, {y}) {:?} has a colour",
                    c.symbol()
                );
            }
        }
    }

    #[test]
    fn no_color_at_120x40() {
        let app = bortnikov(mono(seeds_app(120, 40)));
        let buf = draw(&app);
        insta::assert_debug_snapshot!(buf);
        assert_colourless(&buf);
        let list = app.layout.list.unwrap();
        let actors = app.layout.actors.unwrap();
        // The mention under the cursor, the selected actor's other
        // mentions, other actors' mentions and plain text all differ.
        let (x, y) = find(&buf, "Aleksandr Bortnikov", list.w);
        let cursor = buf[(x, y)].modifier;
        let (x, y) = find(&buf, "Bortinkov also", list.w);
        let selected = buf[(x, y)].modifier;
        let plain = buf[(x + 10, y)].modifier;
        let (x, y) = find(&buf, "FSB)", list.w);
        let other = buf[(x, y)].modifier;
        assert!(selected.contains(Modifier::REVERSED), "{selected:?}");
        assert!(cursor.contains(Modifier::REVERSED | Modifier::UNDERLINED));
        assert!(other.contains(Modifier::UNDERLINED));
        let all = [cursor, selected, other, plain];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b, "two kinds of text look the same");
            }
        }
        // The selected row of the focused sidebar is reversed; the list's
        // selected row (not focused) still stands out from the next one.
        let (x, y) = find(&buf, "Alexander Bor", actors.x);
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
        let (x, y) = find(&buf, "Russia kickstarts process to …", 0);
        let (x2, y2) = find(&buf, "Process To Remove", 0);
        assert_ne!(buf[(x, y)].modifier, buf[(x2, y2)].modifier);
        // The focused pane's border is bold, the others' not.
        assert!(buf[(actors.x, 0)].modifier.contains(Modifier::BOLD));
        assert!(!buf[(0, 0)].modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn without_colour_filter_matches_still_show_in_the_selected_row() {
        let mut app = mono(seeds_app(120, 40));
        type_filter(&mut app, "kick");
        press(&mut app, "enter");
        let buf = draw(&app);
        assert_colourless(&buf);
        let (x, y) = find(&buf, "kickstarts", 0);
        let matched = buf[(x, y)].modifier;
        let rest = buf[(x + 4, y)].modifier;
        assert!(rest.contains(Modifier::REVERSED), "the selected row");
        assert_ne!(matched, rest, "'kick' stands out inside the selected row");
        let reader = app.layout.reader.unwrap();
        let (x, y) = find(&buf, "kickstarts", reader.x);
        assert_ne!(buf[(x, y)].modifier, buf[(x + 4, y)].modifier);
    }

    #[test]
    fn no_color_never_panics_at_any_size() {
        for (w, h) in [(0, 0), (1, 1), (20, 6), (24, 6), (80, 24), (61, 10)] {
            // Keys wait while the screen is too small: the states are
            // made at 120x40.
            let resize = |app: &mut App, width, height| {
                app.update(Action::Resize { width, height });
            };
            let mut app = mono(seeds_app(120, 40));
            app = bortnikov(app);
            resize(&mut app, w, h);
            assert_colourless(&draw(&app));
            resize(&mut app, 120, 40);
            press(&mut app, "?");
            resize(&mut app, w, h);
            assert_colourless(&draw(&app));
        }
    }
}
