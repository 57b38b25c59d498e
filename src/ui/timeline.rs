//! The timeline: one row per event in date order (the date at its
//! precision, how many sources report it, the sentence with the date
//! marked, the actors), each expandable to every source's sentence. Only
//! the rows on screen are cut.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, pane_title, scrollbar, theme::Theme, with_span};
use crate::app::keymap::Context;
use crate::app::story::TimelineRow;
use crate::app::{Action, App};
use crate::library::Library;
use crate::text;

/// Cells of the date column: "28 November 2024?" fits.
const DATE_W: usize = 18;
/// Cells of the date column below 60 cells: "5–8 Jun 2024?" fits.
const NARROW_DATE_W: usize = 13;
/// Cells of the sources column: "×12".
const SOURCES_W: usize = 5;
/// Cells of the sources column below 40 cells: "×2".
const NARROW_SOURCES_W: usize = 3;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let Some(t) = &app.timeline else { return };
    let lib = &app.lib;
    let title = match t.actor {
        Some(a) => format!("Timeline: {}", lib.actors.get(a).name),
        None => "Timeline".to_owned(),
    };
    let mut block = pane_block(th, pane_title(th, &title, true, area.width), true);
    let inner = block.inner(area);
    let visible = usize::from(inner.height).saturating_sub(1).max(1);
    // The footer counts events, as the header does, not the lines an
    // expanded event's sources add.
    if !t.rows.is_empty() {
        let last = (t.cursor.offset + visible).min(t.rows.len()) - 1;
        let (first, last) = (t.event_number(t.cursor.offset), t.event_number(last));
        block = with_span(th, block, first, last, t.groups);
    }
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // The filter narrows the articles, not the events: say which
    // articles the events come from.
    let from = if app.filter.active() {
        let n = app.list.rows.len();
        format!(
            " of the {}",
            text::count(n, "filtered article", "filtered articles")
        )
    } else {
        String::new()
    };
    let events = format!(" {}", text::count(t.groups, "event", "events"));
    // The keys as the keymap has them; a narrow pane drops the words
    // around them before the keys themselves.
    let key = |action| {
        app.keymap
            .key_for(&action, Context::Timeline)
            .map(|k| k.to_string())
    };
    let (expand, read) = (key(Action::Expand), key(Action::Activate));
    let keys = |sources: &str| -> String {
        let mut out = String::new();
        if let Some(k) = &expand {
            out.push_str(&format!(" · {k}: {sources}"));
        }
        if let Some(k) = &read {
            out.push_str(&format!(" · {k}: read"));
        }
        out
    };
    let heads = [
        format!("{events}{from} in date order{}", keys("each source")),
        format!("{events}{from}{}", keys("each source")),
        format!("{events}{}", keys("each source")),
        format!("{events}{}", keys("sources")),
        events.clone(),
    ];
    let head = super::first_within(&heads, width);
    let mut lines = vec![Line::styled(
        text::fit(head, width).into_owned(),
        th.header(),
    )];
    let actors_w = if width >= 110 { (width / 5).min(40) } else { 0 };
    let date_w = if width >= 60 { DATE_W } else { NARROW_DATE_W };
    for (i, &row) in t
        .rows
        .iter()
        .enumerate()
        .skip(t.cursor.offset)
        .take(visible)
    {
        let sources = t.sources.get(i).copied().unwrap_or(0);
        let mut l = Line::from(row_spans(app, lib, row, sources, width, date_w, actors_w));
        if i == t.cursor.selected {
            l = l.style(th.selected_row(true));
        }
        lines.push(l);
    }
    if t.rows.is_empty() {
        let why = match super::no_article_matches(app) {
            Some(none) => none.to_owned(),
            None => format!(" {}", t.empty_reason(lib, app.filter.active())),
        };
        lines.push(Line::styled(text::fit(&why, width).into_owned(), th.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(th, frame, area, t.rows.len(), t.cursor.offset, visible);
}

/// The cells of one row, `width` wide.
fn row_spans(
    app: &App,
    lib: &Library,
    row: TimelineRow,
    sources: u32,
    width: usize,
    date_w: usize,
    actors_w: usize,
) -> Vec<Span<'static>> {
    let th = Theme::of(app);
    // Drawing never reads the story: the view exists only once it is read.
    let Some(story) = lib.story_if_ready() else {
        return Vec::new();
    };
    let tl = &story.timeline;
    let filter = app.active_hits().map(|h| &h.set);
    let Some(e) = app
        .timeline
        .as_ref()
        .and_then(|t| t.event_of(lib, row, filter))
    else {
        return Vec::new();
    };
    let event = &tl.events[e as usize];
    let article = &lib.corpus.articles[event.doc.ix()];
    let mut spans = Vec::new();
    let sources_w = if width >= 40 {
        SOURCES_W
    } else {
        NARROW_SOURCES_W
    };
    let lead_w = match row {
        TimelineRow::Group(g) => {
            let group = g as usize;
            // Under a filter, what it keeps: a row one kept article
            // reports has nothing to show under it (helper-32).
            let keep = app.in_filter();
            let g = &tl.groups[group];
            let open = app
                .timeline
                .as_ref()
                .is_some_and(|t| t.expanded.contains(&(row_group(row))));
            let marker = if sources > 1 || tl.several_reports(group, &keep) {
                if open { "▾" } else { "▸" }
            } else {
                " "
            };
            // Undated: the expression itself ("Friday?") says why.
            let label = if g.when.is_none() {
                tl.row_label(group, &lib.corpus)
            } else {
                // A narrow column shows "20 Nov 2024" rather than cutting
                // the year off "20 November 2024".
                Some(g.label())
                    .filter(|l| text::display_width(l) <= date_w)
                    .unwrap_or_else(|| g.short_label())
            };
            spans.push(Span::styled(
                format!("{marker}{} ", text::pad(&label, date_w)),
                th.key(),
            ));
            // Under a filter, the sources it keeps: what Space shows.
            let sources = if sources > 1 {
                format!("×{sources}")
            } else {
                String::new()
            };
            spans.push(Span::styled(text::pad(&sources, sources_w), th.header()));
            1 + date_w + 1 + sources_w
        }
        TimelineRow::Event(..) => {
            let lead = format!(
                "   ↳ {} ",
                text::pad(article.display_title(), date_w + sources_w - 4)
            );
            let w = text::display_width(&lead);
            spans.push(Span::styled(lead, th.dim()));
            w
        }
    };
    let text_w = width.saturating_sub(lead_w + if actors_w > 0 { actors_w + 2 } else { 0 });
    let sentence = event.sentence.start as usize..event.sentence.end as usize;
    let date = event.date.span.start as usize..event.date.span.end as usize;
    spans.extend(snippet(th, &article.text, sentence, date, text_w));
    if actors_w > 0 {
        let names: Vec<&str> = match row {
            TimelineRow::Group(g) => tl
                .group_actors(g as usize)
                .iter()
                .map(|&a| lib.actors.get(a).name)
                .collect(),
            TimelineRow::Event(..) => tl
                .event_actors(e)
                .iter()
                .map(|&a| lib.actors.get(a).name)
                .collect(),
        };
        spans.push(Span::styled(
            format!("  {}", text::fit(&names.join(", "), actors_w)),
            th.dim(),
        ));
    }
    spans
}

fn row_group(row: TimelineRow) -> u32 {
    match row {
        TimelineRow::Group(g) | TimelineRow::Event(g, _) => g,
    }
}

/// The sentence cut to `width` cells with the date expression in view
/// (at most two fifths of the width before it) and marked, padded to the
/// full width so the actors column lines up.
fn snippet(
    th: Theme,
    text: &str,
    sentence: Range<usize>,
    date: Range<usize>,
    width: usize,
) -> Vec<Span<'static>> {
    if width == 0 || date.start < sentence.start || date.end > sentence.end {
        return vec![Span::raw(" ".repeat(width))];
    }
    let before = text::fold_spaces(&text[sentence.start..date.start]);
    let mid = text::fold_spaces(&text[date.clone()]);
    let after = text::fold_spaces(&text[date.end..sentence.end]);
    if text::display_width(&mid) > width {
        // A date cut short reads as another date ("June 2023" as "June
        // 20…"): the date column has said it already, so the words after
        // it show what happened (or those before, when it ends the
        // sentence).
        let rest = after.trim_start_matches([',', ' ']);
        let rest = if rest.trim_end_matches(['.', ' ']).is_empty() {
            before.trim_end()
        } else {
            rest
        };
        return vec![Span::raw(text::pad(rest, width))];
    }
    let room = width.saturating_sub(text::display_width(&mid));
    let left = if text::display_width(&before) <= room * 2 / 5
        || text::display_width(&before) + text::display_width(&after) <= room
    {
        before
    } else {
        // The sentence's own text before the date, so the window never
        // reaches into the sentence before it.
        let context = text::context_before(
            &text[sentence.start..date.start],
            date.start - sentence.start,
            (room * 2 / 5).saturating_sub(1),
        );
        // Where even the last word does not fit, its tail ("…ounced")
        // would read as a word: the ellipsis alone says text is left out.
        let cut = before
            .strip_suffix(context.as_str())
            .and_then(|head| head.chars().next_back())
            .is_some_and(|c| !c.is_whitespace());
        if cut {
            "…".to_owned()
        } else {
            format!("…{context}")
        }
    };
    let right_w = room.saturating_sub(text::display_width(&left));
    let right = text::pad(&after, right_w);
    vec![
        Span::raw(left),
        Span::styled(mid, th.matched()),
        Span::raw(right),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `snippet` shows.
    fn shown(text: &str, date: &str, width: usize) -> String {
        let at = text.find(date).unwrap();
        snippet(
            Theme::default(),
            text,
            0..text.len(),
            at..at + date.len(),
            width,
        )
        .iter()
        .map(|s| s.content.as_ref())
        .collect()
    }

    #[test]
    fn a_date_too_wide_for_a_narrow_row_leaves_the_words_after_it() {
        // helper-21 at 30x10: "20 February 1951" did not fit, and the row
        // showed nothing but its date column.
        let s = "On 20 February 1951, the band played its first show.";
        assert_eq!(shown(s, "20 February 1951", 10), "the band …");
        // A date ending its sentence leaves the words before it.
        let s = "The band played its first show on 20 February 1951.";
        assert_eq!(shown(s, "20 February 1951", 10), "The band …");
        // Where it fits, it is shown and marked as before.
        assert!(shown(s, "20 February 1951", 30).contains("20 February 1951"));
    }

    #[test]
    fn a_snippet_never_starts_inside_a_word() {
        let s = "Andrey Rudenko announced about two weeks ago that it would not be fast.";
        let date = "about two weeks ago";
        // Wide: the words before the date fit whole.
        assert!(shown(s, date, 80).starts_with("Andrey Rudenko announced about"));
        // Narrower: whole words only, after the ellipsis.
        let mid = shown(s, date, 50);
        assert!(mid.starts_with("…"), "{mid}");
        let words: Vec<&str> = s.split(' ').collect();
        let first = mid.trim_start_matches('…').split(' ').next().unwrap();
        assert!(words.contains(&first), "{mid}");
        // So narrow that not even "announced" fits: the ellipsis alone,
        // never "…ounced".
        let tight = shown(s, date, 30);
        assert!(tight.starts_with("…about two"), "{tight}");
        assert_eq!(text::display_width(&tight), 30);
        // Narrower than the date itself: never a date cut into another
        // one, but the words after it.
        let after = shown("In June 2023, Kabulov stated it.", "June 2023", 7);
        assert_eq!(after, "Kabulo…");
    }
}
