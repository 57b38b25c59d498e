//! The reader: the open article's rows on screen, with every actor mention
//! coloured by kind, the selected actor's mentions filled, and the mention
//! under the cursor marked.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{focused, pane_block, pane_title, scrollbar, theme::Theme};
use crate::actors::Mention;
use crate::app::reader::Row;
use crate::app::{App, Pane, READER_PADDING};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let focus = focused(app, Pane::Reader);
    let r = &app.reader;
    let title = match r.doc {
        Some(_) => format!(
            "Article {} of {}",
            super::status::grouped(app.list.cursor.selected + 1),
            super::status::grouped(app.list.rows.len())
        ),
        None => "Reader".into(),
    };
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let mut block = pane_block(th, pane_title(th, &title, focus, area.width), focus);
    if !r.rows.is_empty() {
        let first = r.scroll + 1;
        let last = (r.scroll + height).min(r.rows.len());
        let pct = if r.rows.len() <= height {
            100
        } else {
            r.scroll * 100 / r.max_scroll(height).max(1)
        };
        block = block.title_bottom(
            Line::styled(
                format!(
                    " {} · {pct}% ",
                    super::rows_shown(first, last, r.rows.len())
                ),
                th.dim(),
            )
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(doc) = r.doc else {
        frame.render_widget(
            Paragraph::new(Line::styled(" No article selected", th.dim())),
            inner,
        );
        return;
    };
    let article = &app.lib.corpus.articles[doc.ix()];
    let mentions = app.lib.actors.in_doc(doc);
    let pad = " ".repeat(usize::from(READER_PADDING));
    let lines: Vec<Line> = r
        .rows
        .iter()
        .enumerate()
        .skip(r.scroll)
        .take(usize::from(inner.height))
        .map(|(_, row)| match row {
            Row::Blank => Line::raw(""),
            Row::Meta(m) => Line::from(vec![
                Span::raw(pad.clone()),
                Span::styled(text::safe_line(m).into_owned(), th.dim()),
            ]),
            Row::Note(n) => Line::from(vec![
                Span::raw(pad.clone()),
                Span::styled(text::safe_line(n).into_owned(), th.note()),
            ]),
            Row::Text { start, end, title } => {
                let base = if *title {
                    th.article_title()
                } else {
                    Style::new()
                };
                let mut spans = vec![Span::raw(pad.clone())];
                spans.extend(text_spans(
                    app,
                    &article.text,
                    mentions,
                    *start as usize,
                    *end as usize,
                    base,
                ));
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(th, frame, area, r.rows.len(), r.scroll, height);
}

/// The spans of `text[start..end]`, split wherever a mention, a filter
/// mark or the cursor's target begins or ends, each piece styled by all
/// that cover it: the passage opened at (underlined), mentions by kind
/// (filled for the selected actor), then filter marks, then the target on
/// top.
fn text_spans<'a>(
    app: &App,
    text: &'a str,
    mentions: &[Mention],
    start: usize,
    end: usize,
    base: Style,
) -> Vec<Span<'a>> {
    let th = Theme::of(app);
    let r = &app.reader;
    // The mention cursor (`]` / `[`) is drawn like n / N's target.
    let under_cursor = r
        .mention
        .and_then(|k| mentions.get(k))
        .map(|m| m.range())
        .filter(|t| t.end > start && t.start < end);
    let first = mentions.partition_point(|m| (m.end as usize) <= start);
    let mentions: Vec<&Mention> = mentions[first..]
        .iter()
        .take_while(|m| (m.start as usize) < end)
        .collect();
    let marks: Vec<&Range<usize>> = r
        .marks
        .iter()
        .filter(|m| m.end > start && m.start < end)
        .collect();
    let target = r
        .target
        .and_then(|i| r.targets.get(i))
        .filter(|t| t.end > start && t.start < end)
        .cloned()
        .or(under_cursor);
    let spot = r.spot.clone().filter(|s| s.end > start && s.start < end);
    let mut cuts = vec![start, end];
    if let Some(s) = &spot {
        cuts.push(s.start.max(start));
        cuts.push(s.end.min(end));
    }
    for m in &mentions {
        cuts.push((m.start as usize).max(start));
        cuts.push((m.end as usize).min(end));
    }
    for m in &marks {
        cuts.push(m.start.max(start));
        cuts.push(m.end.min(end));
    }
    if let Some(t) = &target {
        cuts.push(t.start.max(start));
        cuts.push(t.end.min(end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let covers = |a: usize, b: usize, at: usize| a <= at && at < b;
    cuts.windows(2)
        .filter(|w| w[0] < w[1] && text.is_char_boundary(w[0]) && text.is_char_boundary(w[1]))
        .map(|w| {
            let at = w[0];
            let mut style = base;
            if spot.as_ref().is_some_and(|s| covers(s.start, s.end, at)) {
                style = style.patch(th.spot());
            }
            if let Some(m) = mentions
                .iter()
                .find(|m| covers(m.start as usize, m.end as usize, at))
            {
                let kind = app.lib.actors.get(m.actor).kind;
                style = style.patch(if app.selected_actor == Some(m.actor) {
                    th.selected_mention(kind)
                } else {
                    th.mention(kind)
                });
            }
            if marks.iter().any(|m| covers(m.start, m.end, at)) {
                style = style.patch(th.matched());
            }
            if target.as_ref().is_some_and(|t| covers(t.start, t.end, at)) {
                style = style.patch(th.current_mention());
            }
            Span::styled(text::safe_line(&text[w[0]..w[1]]), style)
        })
        .collect()
}
