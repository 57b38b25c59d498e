//! The concordance: one keyword-in-context line per mention, the left
//! context right-aligned so every mention starts in the same column, the
//! article's title on the right; above them, how many and where in the
//! corpus (a dispersion line). Only the lines on screen are cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::grouped;
use super::{pane_block, pane_title, scrollbar, theme::Theme, with_position};
use crate::actors::concordance;
use crate::app::App;
use crate::text;

/// Blocks for the dispersion line, from empty to full.
const LEVELS: [&str; 9] = ["·", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let Some(c) = &app.concordance else { return };
    let lib = &app.lib;
    let actor = lib.actors.get(c.actor);
    let title = match c.with {
        Some(w) => format!(
            "Concordance: {} with {}",
            actor.name,
            lib.actors.get(w).name
        ),
        None => format!("Concordance: {}", actor.name),
    };
    // (The spellings are counted over every mention: a concordance
    // narrowed by a filter or a partner says so.)
    let narrowed = c.with.is_some() || c.rows.len() != c.total();
    let titles = with_spellings(&title, &actor.spellings(), narrowed);
    let title = super::first_fitting(&titles, area.width);
    let mut block = pane_block(th, pane_title(th, title, true, area.width), true);
    let inner = block.inner(area);
    let visible = usize::from(inner.height).saturating_sub(2).max(1);
    block = with_position(th, block, c.cursor.offset, visible, c.rows.len());
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = Vec::with_capacity(visible + 2);
    let counts = format!(
        " {} in {}",
        crate::text::count(c.total(), "mention", "mentions"),
        crate::text::count(c.articles, "article", "articles"),
    );
    let filtered = if c.rows.len() == c.total() {
        String::new()
    } else {
        format!(" · {} in filtered articles", grouped(c.rows.len()))
    };
    // Narrow, the words go before the counts do, and under a filter how
    // many are listed (what the rows below show) stays to the last.
    let mentions = crate::text::count(c.total(), "mention", "mentions");
    let heads = if filtered.is_empty() {
        vec![
            format!("{counts} · sorted by {} (s)", c.sort.label()),
            counts.clone(),
            format!(" {mentions}"),
        ]
    } else {
        let listed = grouped(c.rows.len());
        vec![
            format!("{counts} · sorted by {} (s){filtered}", c.sort.label()),
            format!("{counts}{filtered}"),
            format!(" {listed} of {mentions} in filtered articles"),
            format!(" {listed} of {mentions}"),
        ]
    };
    let head = super::first_within(&heads, width);
    lines.push(Line::styled(
        text::fit(head, width).into_owned(),
        th.header(),
    ));
    lines.push(dispersion_line(th, &c.dispersion, width));
    let title_w = if width >= 90 { (width / 5).min(34) } else { 0 };
    let text_w = width.saturating_sub(title_w);
    let kind = actor.kind;
    for (i, &line) in c
        .rows
        .iter()
        .enumerate()
        .skip(c.cursor.offset)
        .take(visible)
    {
        let (doc, m) = lib.actors.mention(line);
        let article = &lib.corpus.articles[doc.ix()];
        let l = concordance::kwic_line(&lib.corpus, doc, &m, text_w);
        let mut spans = vec![
            Span::raw(l.left),
            Span::styled(l.keyword, th.selected_mention(kind)),
            Span::raw(l.right),
        ];
        if title_w > 0 {
            spans.push(Span::styled(
                format!(
                    "  {}",
                    text::pad(
                        &text::fit(&text::safe_line(article.display_title()), title_w - 2),
                        title_w - 2
                    )
                ),
                th.dim(),
            ));
        }
        let mut l = Line::from(spans);
        if i == c.cursor.selected {
            l = l.style(th.selected_row(true));
        }
        lines.push(l);
    }
    if c.rows.is_empty() {
        let why = if c.total() == 0 {
            " No mentions here"
        } else {
            super::no_article_matches(app).unwrap_or(" No mention in the filtered articles")
        };
        lines.push(Line::styled(text::fit(why, width).into_owned(), th.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(th, frame, area, c.rows.len(), c.cursor.offset, visible);
}

/// `title`, fullest first, with how the actor is written when it is
/// written more than one way, most often first: every spelling, then the
/// commonest with a count of the rest, then none. (The sidebar has no room
/// for them; here, over the lines that show them, is where they are read.)
fn with_spellings(
    title: &str,
    spellings: &[crate::actors::Variant],
    narrowed: bool,
) -> Vec<String> {
    let mut titles = Vec::new();
    if spellings.len() > 1 {
        let each: Vec<String> = spellings
            .iter()
            .map(|v| format!("{} {}", text::safe_line(&v.text), grouped(v.count as usize)))
            .collect();
        let written = if narrowed {
            "written (in all articles)"
        } else {
            "written"
        };
        titles.push(format!("{title} · {written} {}", each.join(", ")));
        for k in (1..each.len()).rev() {
            let rest = each.len() - k;
            titles.push(format!(
                "{title} · {written} {}, and {rest} more",
                each[..k].join(", ")
            ));
        }
        titles.push(format!("{title} · {} spellings", each.len()));
    }
    titles.push(title.to_owned());
    titles
}

/// Where the mentions fall across the corpus, `width` cells wide: each
/// cell the sum of its share of the buckets, in nine levels of the
/// fullest cell.
fn dispersion_line(th: Theme, buckets: &[u32], width: usize) -> Line<'static> {
    let label = " corpus ";
    let cells = width.saturating_sub(label.len() + 1);
    if cells == 0 || buckets.is_empty() {
        return Line::raw("");
    }
    let n = buckets.len();
    let sums: Vec<u32> = (0..cells)
        .map(|i| {
            let (a, b) = (i * n / cells, ((i + 1) * n / cells).max(i * n / cells + 1));
            buckets[a.min(n - 1)..b.min(n)].iter().sum()
        })
        .collect();
    let top = sums.iter().copied().max().unwrap_or(0).max(1);
    let bar: String = sums
        .iter()
        .map(|&s| {
            if s == 0 {
                LEVELS[0]
            } else {
                LEVELS[(1 + (s as usize * 7) / top as usize).min(8)]
            }
        })
        .collect();
    Line::from(vec![
        Span::styled(label, th.dim()),
        Span::styled(bar, th.key()),
    ])
}
