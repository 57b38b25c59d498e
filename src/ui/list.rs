//! The article list: two rows per article (title; byline and actor count),
//! only the articles on screen are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{focused, pane_block, pane_title, scrollbar, theme};
use crate::app::{App, LIST_ROW_HEIGHT, Pane};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focus = focused(app, Pane::List);
    let lib = &app.lib;
    let total = lib.corpus.len();
    let shown = app.list.rows.len();
    let title = match app.selected_actor {
        Some(a) => format!("Articles {shown}/{total} naming {}", lib.actors.get(a).name),
        None => format!("Articles ({total})"),
    };
    let block = pane_block(pane_title(&title, focus, area.width), focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let visible = (usize::from(inner.height) / LIST_ROW_HEIGHT).max(1);
    let cursor = app.list.cursor;
    let mut lines = Vec::with_capacity(visible * LIST_ROW_HEIGHT);
    for (i, &doc) in app
        .list
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(visible)
    {
        let article = &lib.corpus.articles[doc.ix()];
        let selected = i == cursor.selected;
        let marker = if selected { "▌" } else { " " };
        let title = text::pad(article.display_title(), width.saturating_sub(1));
        let n = lib.actors.actor_count(doc);
        let count = format!("{n} actor{}", if n == 1 { "" } else { "s" });
        let count_w = count.len() + 1;
        let by = text::pad(article.attribution(), width.saturating_sub(2 + count_w));
        let mut top = Line::from(vec![Span::styled(marker, theme::key()), Span::raw(title)]);
        let mut bottom = Line::from(vec![
            Span::styled(marker, theme::key()),
            Span::raw(" "),
            Span::styled(by, theme::dim()),
            Span::styled(format!(" {count}"), theme::dim()),
        ]);
        if selected {
            top = top.style(theme::selected_row(focus));
            bottom = bottom.style(theme::selected_row(focus));
        }
        lines.push(top);
        lines.push(bottom);
    }
    if shown == 0 {
        lines.push(Line::styled("No articles to show", theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(frame, area, shown, cursor.offset, visible);
}
