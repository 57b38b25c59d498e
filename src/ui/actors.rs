//! The actors sidebar: name (in its kind's colour), kind, mentions and
//! articles; only the actors on screen are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{focused, pane_block, pane_title, scrollbar, theme};
use crate::app::{App, Pane};
use crate::text;

/// Width of each number column.
const NUM_W: usize = 5;
/// Width of the kind column.
const KIND_W: usize = 5;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focus = focused(app, Pane::Actors);
    let lib = &app.lib;
    let title = format!("Actors ({})", app.sidebar.rows.len());
    let block = pane_block(pane_title(&title, focus, area.width), focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let name_w = width.saturating_sub(1 + KIND_W + 2 * NUM_W);
    let mut lines = Vec::new();
    lines.push(Line::styled(
        format!(
            " {}{}{}{}",
            text::pad("Actor", name_w),
            text::pad(" kind", KIND_W),
            text::pad_left("ment", NUM_W),
            text::pad_left("arts", NUM_W),
        ),
        theme::header(),
    ));
    let visible = usize::from(inner.height).saturating_sub(1).max(1);
    let cursor = app.sidebar.cursor;
    for (i, &id) in app
        .sidebar
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(visible)
    {
        let actor = lib.actors.get(id);
        let chosen = app.selected_actor == Some(id);
        let mut name_style = Style::new().fg(theme::kind_color(actor.kind));
        if chosen {
            name_style = name_style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        let mut line = Line::from(vec![
            Span::styled(if chosen { "●" } else { " " }, theme::key()),
            Span::styled(text::pad(&actor.name, name_w), name_style),
            Span::styled(
                text::pad(&format!(" {}", actor.kind.short()), KIND_W),
                theme::dim(),
            ),
            Span::raw(text::pad_left(&actor.mentions.to_string(), NUM_W)),
            Span::styled(
                text::pad_left(&actor.articles.to_string(), NUM_W),
                theme::dim(),
            ),
        ]);
        if i == cursor.selected {
            line = line.style(theme::selected_row(focus));
        }
        lines.push(line);
    }
    if app.sidebar.rows.is_empty() {
        lines.push(Line::styled(" No actors found", theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(frame, area, app.sidebar.rows.len(), cursor.offset, visible);
}
