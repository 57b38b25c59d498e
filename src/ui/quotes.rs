//! Who said what: the statements attributed to one actor, one per row
//! (quoted or reported, the statement, the source), and below them the
//! statement under the cursor in full with where it comes from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::grouped;
use super::{pane_block, pane_title, scrollbar, theme::Theme, with_position};
use crate::app::App;
use crate::app::story::quotes_split;
use crate::story::quotes::{Speech, Via};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let Some(v) = &app.quotes else { return };
    let lib = &app.lib;
    let actor = lib.actors.get(v.actor);
    // Drawing never reads the story: the view exists only once it is read.
    let Some(story) = lib.story_if_ready() else {
        return;
    };
    let all = story.quotes_of(v.actor);
    let title = format!("What {} said", actor.name);
    let mut block = pane_block(th, pane_title(th, &title, true, area.width), true);
    let inner = block.inner(area);
    let (visible, preview) = quotes_split(usize::from(inner.height));
    block = with_position(th, block, v.cursor.offset, visible, v.rows.len());
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let total = text::count(v.total, "statement", "statements");
    let full = format!(
        " {total}: {} quoted, {} reported",
        grouped(v.direct),
        grouped(v.total - v.direct),
    );
    // Narrow, the split into quoted and reported goes first: under a
    // filter, how many are listed is what the rows below show.
    let heads = if v.rows.len() == v.total {
        vec![full, format!(" {total}")]
    } else {
        let listed = grouped(v.rows.len());
        vec![
            format!("{full} · {listed} in filtered articles"),
            format!(" {listed} of {total} in filtered articles"),
            format!(" {listed} of {total}"),
        ]
    };
    let head = super::first_within(&heads, width);
    let mut lines = vec![Line::styled(
        text::fit(head, width).into_owned(),
        th.header(),
    )];
    let source_w = if width >= 80 { (width / 4).min(36) } else { 0 };
    let text_w = width.saturating_sub(3 + if source_w > 0 { source_w + 2 } else { 0 });
    for (i, &q) in v
        .rows
        .iter()
        .enumerate()
        .skip(v.cursor.offset)
        .take(visible)
    {
        let q = &all[q as usize];
        let article = &lib.corpus.articles[q.doc.ix()];
        let said = text::fold_spaces(&article.text[q.text.start as usize..q.text.end as usize]);
        // The opening mark hangs in the margin, against its words; the
        // mark of reported speech stands apart.
        let (mark, body, body_w) = match q.speech {
            Speech::Direct => (" “", format!("{said}”"), text_w + 1),
            Speech::Reported => (" ≈ ", said, text_w),
        };
        let mut spans = vec![
            Span::styled(mark, th.key()),
            Span::raw(text::pad(&body, body_w)),
        ];
        if source_w > 0 {
            spans.push(Span::styled(
                format!("  {}", text::fit(article.display_title(), source_w)),
                th.dim(),
            ));
        }
        let mut l = Line::from(spans);
        if i == v.cursor.selected {
            l = l.style(th.selected_row(true));
        }
        lines.push(l);
    }
    if v.rows.is_empty() {
        let why = if v.total == 0 {
            " No statement is attributed to this actor"
        } else {
            super::no_article_matches(app).unwrap_or(" No statement in the filtered articles")
        };
        lines.push(Line::styled(text::fit(why, width).into_owned(), th.dim()));
    }
    let list_h = lines.len().max(1 + visible);
    lines.resize(list_h, Line::raw(""));
    if preview > 0 {
        if let Some(q) = v.current().map(|i| &all[i as usize]) {
            let article = &lib.corpus.articles[q.doc.ix()];
            let how = match (q.speech, q.via) {
                (Speech::Direct, Via::Name) => "quoted, named",
                (Speech::Direct, Via::Pronoun) => "quoted, by \"he\"/\"she\" after the name",
                (Speech::Direct, Via::Title) => "quoted, by title after the name",
                (Speech::Reported, Via::Name) => "reported, named",
                (Speech::Reported, Via::Pronoun) => "reported, by \"he\"/\"she\" after the name",
                (Speech::Reported, Via::Title) => "reported, by title after the name",
            };
            let mut facts = format!(" {how}");
            if let Some(d) = &article.meta().date {
                facts.push_str(&format!(" · {d}"));
            }
            facts.push_str(&format!(" · {}", article.display_title()));
            lines.push(Line::styled("─".repeat(width), th.dim()));
            lines.push(Line::styled(
                text::fit(&facts, width).into_owned(),
                th.dim(),
            ));
            let said = text::fold_spaces(&article.text[q.text.start as usize..q.text.end as usize]);
            let body = match q.speech {
                Speech::Direct => format!("“{said}”"),
                Speech::Reported => said,
            };
            let mut rows = Vec::new();
            let wrap_w = width.saturating_sub(2).max(1);
            text::wrap_paragraph(&body, 0..body.len(), wrap_w, &mut rows);
            let room = preview.saturating_sub(2);
            let cut = rows.len() > room;
            for (k, r) in rows.iter().take(room).enumerate() {
                let mut s = format!(" {}", &body[r.clone()]);
                if cut && k + 1 == room {
                    s.push_str(" …");
                }
                lines.push(Line::raw(text::fit(&s, width).into_owned()));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(th, frame, area, v.rows.len(), v.cursor.offset, visible);
}
