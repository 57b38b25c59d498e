//! Colours and text styles, in one place so every pane agrees.

use ratatui::style::{Color, Modifier, Style};

use crate::actors::Kind;

/// The colour of an actor kind, used for its mentions and its sidebar name.
pub fn kind_color(kind: Kind) -> Color {
    match kind {
        Kind::Person => Color::Yellow,
        Kind::Organization => Color::Cyan,
        Kind::Country => Color::Green,
        Kind::Place => Color::LightBlue,
        Kind::Media => Color::Magenta,
        Kind::Other => Color::Gray,
    }
}

/// A mention of an actor that is not selected: coloured, underlined.
pub fn mention(kind: Kind) -> Style {
    Style::new()
        .fg(kind_color(kind))
        .add_modifier(Modifier::UNDERLINED)
}

/// A mention of the selected actor: the kind colour as background.
pub fn selected_mention(kind: Kind) -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(kind_color(kind))
        .add_modifier(Modifier::BOLD)
}

/// Text the filter's query matches: in titles and names, and in the reader.
pub fn matched() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Indexed(179))
        .add_modifier(Modifier::BOLD)
}

/// The filter line's prompt.
pub fn prompt() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// A problem with the query.
pub fn warning() -> Style {
    Style::new().fg(Color::LightRed)
}

/// The passage the reader was opened at from the timeline or the
/// statements: underlined, so mentions inside it keep their colours.
pub fn spot() -> Style {
    Style::new()
        .underline_color(Color::Yellow)
        .add_modifier(Modifier::UNDERLINED)
}

/// The mention under the cursor (n/N): unmistakable.
pub fn current_mention() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// A pane's border: bright when it has focus.
pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

/// A pane's title: bold when it has focus.
pub fn title(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Gray)
    }
}

/// The selected row of a list: strong in the focused pane, visible in the
/// others.
pub fn selected_row(focused: bool) -> Style {
    if focused {
        Style::new()
            .bg(Color::Indexed(24))
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().bg(Color::Indexed(237))
    }
}

/// Secondary text: bylines, counts, facts.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Column headers.
pub fn header() -> Style {
    Style::new()
        .fg(Color::Gray)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The status bar.
pub fn status() -> Style {
    Style::new().bg(Color::Indexed(236)).fg(Color::Gray)
}

/// Keys named in hints and help.
pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// Article titles in the reader.
pub fn article_title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The user's note on an article, and the marks column's note sign.
pub fn note() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::ITALIC)
}

/// The marks column: the unread dot and the bookmark star.
pub fn mark() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
