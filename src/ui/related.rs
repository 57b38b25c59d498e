//! The actors named alongside one actor: same sentence on the left, same
//! article on the right (or one under the other when narrow), each with
//! how often together, how many times chance, and the G² score.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::{compact, count, grouped};
use super::{pane_block, pane_title, theme::Theme};
use crate::actors::related::Related;
use crate::app::views::RelatedView;
use crate::app::{App, RELATED_SIDE_BY_SIDE};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let Some(r) = &app.related else { return };
    let lib = &app.lib;
    let name = &lib.actors.get(r.actor).name;
    let title = format!("Named with {name}");
    let block = pane_block(th, pane_title(th, &title, true, area.width), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let head = format!(
        " {} of {} in its {} name {name}",
        grouped(r.data.sentences_naming as usize),
        count(r.data.sentence_total as usize, "sentence", "sentences"),
        count(
            lib.actors.get(r.actor).articles as usize,
            "article",
            "articles"
        ),
    );
    let mut lines = vec![Line::styled(text::fit(&head, width).into_owned(), th.dim())];
    let body_h = usize::from(inner.height).saturating_sub(1);
    // The same split the app scrolls by (App::related_heights).
    let side_by_side = width >= RELATED_SIDE_BY_SIDE;
    let col_w = if side_by_side { width / 2 } else { width };
    let heights = app.related_heights();
    let cols: Vec<Vec<Line>> = (0..2)
        .map(|c| column(app, r, c, col_w, app.related_visible(c)))
        .collect();
    if side_by_side {
        for i in 0..body_h {
            let mut spans = Vec::new();
            for col in &cols {
                match col.get(i) {
                    Some(l) => {
                        spans.extend(l.spans.iter().cloned().map(|s| s.patch_style(l.style)))
                    }
                    None => spans.push(Span::raw(" ".repeat(col_w))),
                }
            }
            lines.push(Line::from(spans));
        }
    } else {
        // Each list in its own lines, the first padded to its height so
        // the second starts where the app's clicks and scrolling expect.
        for (c, col) in cols.into_iter().enumerate() {
            let h = heights[c];
            let n = col.len().min(h);
            lines.extend(col.into_iter().take(h));
            if c == 0 {
                lines.extend((n..h).map(|_| Line::raw("")));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// List `c` (0 same sentence, 1 same article) as lines `w` cells wide:
/// a header, then the rows on screen.
fn column<'a>(app: &'a App, r: &RelatedView, c: usize, w: usize, visible: usize) -> Vec<Line<'a>> {
    let th = Theme::of(app);
    let lib = &app.lib;
    let list: &[Related] = r.list(c);
    let focus = r.column == c;
    let num_w = 7;
    let name_w = w.saturating_sub(1 + 3 * num_w + 1);
    // "Same sentence (12)", or "Sentence (12)" where that does not fit:
    // the count is what a narrow header must keep.
    let (what, short) = if c == 0 {
        ("Same sentence", "Sentence")
    } else {
        ("Same article", "Article")
    };
    let mut label = format!("{what} ({})", grouped(list.len()));
    if text::display_width(&label) > name_w {
        label = format!("{short} ({})", grouped(list.len()));
    }
    let header = format!(
        " {}{}{}{}",
        text::pad(&label, name_w),
        text::pad_left("with", num_w),
        text::pad_left("×chance", num_w + 1),
        text::pad_left("G²", num_w),
    );
    let mut out = vec![Line::styled(
        text::pad(&header, w),
        if focus { th.title(true) } else { th.header() },
    )];
    let cursor = r.cursors[c];
    for (i, rel) in list.iter().enumerate().skip(cursor.offset).take(visible) {
        let actor = lib.actors.get(rel.actor);
        let spans = vec![
            Span::raw(" "),
            Span::styled(
                text::pad(&text::fit(&text::safe_line(actor.name), name_w), name_w),
                th.kind(actor.kind),
            ),
            Span::raw(text::pad_left(&compact(rel.together), num_w)),
            Span::styled(
                text::pad_left(&format!("{:.1}", rel.lift()), num_w + 1),
                th.dim(),
            ),
            Span::styled(
                text::pad_left(&format!("{:.0}", rel.score), num_w),
                th.dim(),
            ),
            Span::raw(" ".repeat(w.saturating_sub(1 + name_w + 3 * num_w + 1))),
        ];
        let mut line = Line::from(spans);
        if i == cursor.selected {
            line = line.style(th.selected_row(focus));
        }
        out.push(line);
    }
    if list.is_empty() {
        out.push(Line::styled(
            text::pad(" Nobody more often than chance", w),
            th.dim(),
        ));
    }
    out
}
