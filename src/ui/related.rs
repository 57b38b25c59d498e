//! The actors named alongside one actor: same sentence on the left, same
//! article on the right (or one under the other when narrow), each with
//! how often together, how many times chance, and the G² score.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::{compact, count, grouped};
use super::{pane_block, pane_title, theme::Theme};
use crate::actors::related::{Peaks, Related};
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
    let articles = r.data.articles_naming as usize;
    let head = if articles == 0 && r.filtered {
        // "0 of 0 sentences in its 0 filtered articles" says it badly.
        format!(" None of the filtered articles names {name} (Esc on / clears the filter)")
    } else {
        format!(
            " {} of {} in its {} name {name}",
            grouped(r.data.sentences_naming as usize),
            count(r.data.sentence_total as usize, "sentence", "sentences"),
            if r.filtered {
                count(articles, "filtered article", "filtered articles")
            } else {
                count(articles, "article", "articles")
            },
        )
    };
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

/// The cells a list's columns take: the name, then "with", "×chance" and
/// "G²", each as wide as its widest figure (0 when left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Widths {
    name: usize,
    with: usize,
    chance: usize,
    score: usize,
}

/// The fewest cells a name is given before a figure is left out.
const NAME_MIN: usize = 12;

/// Lays out a list with these `peaks` in `w` cells: each figure as wide as
/// the widest one in the list (so scrolling does not move them), and when
/// the row is too narrow for a readable name, G² is left out first, then
/// ×chance; the count of times together always stays.
fn widths(peaks: Peaks, w: usize) -> Widths {
    let Peaks {
        together,
        lift,
        score,
    } = peaks;
    let cell = |label: &str, widest: String| {
        1 + text::display_width(label).max(text::display_width(&widest))
    };
    let mut out = Widths {
        name: 0,
        with: cell("with", compact(together)),
        chance: cell("×chance", format!("{lift:.1}")),
        score: cell("G²", format!("{score:.0}")),
    };
    let room = |o: &Widths| w.saturating_sub(2 + o.with + o.chance + o.score);
    if room(&out) < NAME_MIN {
        out.score = 0;
    }
    if room(&out) < NAME_MIN {
        out.chance = 0;
    }
    out.name = room(&out);
    out
}

/// List `c` (0 same sentence, 1 same article) as lines `w` cells wide:
/// a header, then the rows on screen.
fn column<'a>(app: &'a App, r: &RelatedView, c: usize, w: usize, visible: usize) -> Vec<Line<'a>> {
    let th = Theme::of(app);
    let lib = &app.lib;
    let list: &[Related] = r.list(c);
    let focus = r.column == c;
    let cols = widths(r.peaks[c], w);
    let name_w = cols.name;
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
    let figure = |s: &str, cells: usize| {
        if cells == 0 {
            String::new()
        } else {
            text::pad_left(s, cells)
        }
    };
    // The label keeps its count: where it is wider than the names'
    // column it runs on over the figures' headings, and a heading it
    // would touch is left out (each heading that stays keeps its place
    // over its column).
    let label = text::fit(&label, w.saturating_sub(1)).into_owned();
    let mut header = format!(" {label}");
    let mut at = 1 + name_w;
    for (title, cells) in [
        ("with", cols.with),
        ("×chance", cols.chance),
        ("G²", cols.score),
    ] {
        if cells == 0 {
            continue;
        }
        let starts = at + cells - text::display_width(title);
        if starts > text::display_width(&header) {
            header = text::pad(&header, at);
            header.push_str(&figure(title, cells));
        }
        at += cells;
    }
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
            Span::raw(figure(&compact(rel.together), cols.with)),
            Span::styled(figure(&format!("{:.1}", rel.lift()), cols.chance), th.dim()),
            Span::styled(figure(&format!("{:.0}", rel.score), cols.score), th.dim()),
            Span::raw(
                " ".repeat(w.saturating_sub(1 + name_w + cols.with + cols.chance + cols.score)),
            ),
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
