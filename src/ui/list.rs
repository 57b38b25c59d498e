//! The article list: two rows per article (title; byline and actor count),
//! only the articles on screen are built, and with a filter the title's
//! matched letters are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{focused, marked_spans, pane_block, pane_title, scrollbar, theme::Theme};
use crate::app::{App, LIST_ROW_HEIGHT, Pane};
use crate::search::highlight::title_chars;
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let focus = focused(app, Pane::List);
    let lib = &app.lib;
    let total = lib.corpus.len();
    let shown = app.list.rows.len();
    let count = super::status::grouped(total);
    let mut title = match (shown == total, app.loading.is_some()) {
        (true, false) => format!("Articles ({count})"),
        (true, true) => format!("Articles ({count}, loading)"),
        (false, _) => format!("Articles {}/{count}", super::status::grouped(shown)),
    };
    if let Some(a) = app.selected_actor {
        title.push_str(&format!(" naming {}", lib.actors.get(a).name));
    }
    if app.filter.active() {
        title.push_str(" · filtered");
    }
    let block = pane_block(th, pane_title(th, &title, focus, area.width), focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let visible = (usize::from(inner.height) / LIST_ROW_HEIGHT).max(1);
    let cursor = app.list.cursor;
    let query = app.filter.active().then_some(&app.filter.query);
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
        let shown_title = article.display_title();
        let marked = match query {
            Some(q) if !article.title.is_empty() => title_chars(q, shown_title),
            _ => Vec::new(),
        };
        let mut top_spans = vec![Span::styled(marker, th.key())];
        top_spans.extend(marked_spans(
            shown_title,
            &marked,
            width.saturating_sub(1),
            Style::new(),
            th.matched(),
        ));
        let n = lib.actors.actor_count(doc);
        let count = format!("{n} actor{}", if n == 1 { "" } else { "s" });
        let count_w = count.len() + 1;
        let by = text::pad(article.attribution(), width.saturating_sub(2 + count_w));
        let mut top = Line::from(top_spans);
        let mut bottom = Line::from(vec![
            Span::styled(marker, th.key()),
            Span::raw(" "),
            Span::styled(by, th.dim()),
            Span::styled(format!(" {count}"), th.dim()),
        ]);
        if selected {
            top = top.style(th.selected_row(focus));
            bottom = bottom.style(th.selected_row(focus));
        }
        lines.push(top);
        lines.push(bottom);
    }
    if shown == 0 {
        let why = if app.loading.is_some() && total == 0 {
            " Loading…"
        } else if app.filter.active() {
            " No article matches the filter"
        } else {
            " No articles to show"
        };
        lines.push(Line::styled(why, th.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(th, frame, area, shown, cursor.offset, visible);
}
