//! The actors sidebar: name (in its kind's colour), kind, mentions and
//! articles, counted over the corpus or, with a filter, over the matching
//! articles; only the actors on screen are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::compact;
use super::{focused, marked_spans, pane_block, pane_title, scrollbar, theme::Theme};
use crate::app::keymap::Context;
use crate::app::{Action, ActorSort, App, Pane};
use crate::search::highlight::name_chars;
use crate::text;

/// Narrowest number column: a space and the four-letter header.
const MIN_NUM_W: usize = 5;
/// Width of the kind column.
const KIND_W: usize = 5;
/// Fewest cells a name is given while other columns can make room.
const NAME_MIN: usize = 10;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let focus = focused(app, Pane::Actors);
    let lib = &app.lib;
    // Fullest first; a narrow pane drops words whole, the count last.
    let listed = crate::text::grouped(app.sidebar.rows.len());
    let mut titles = if app.filter.active() {
        let of = format!("{listed}/{}", crate::text::grouped(lib.actors.len()));
        // Which actors: those the query names, or all the matching
        // articles name (helper-30 read one "in matches" as both).
        let named = app
            .filter
            .hits
            .as_ref()
            .is_some_and(|(_, h)| h.actors_named);
        let which = if named {
            vec![
                format!("Actors {of} whose names match"),
                // Not "by name", the name sort's title (helper-32).
                format!("Actors {of} names match"),
            ]
        } else {
            vec![
                format!("Actors {of} in matching articles"),
                format!("Actors {of} in matches"),
            ]
        };
        which
            .into_iter()
            .chain([format!("Actors {of}"), of])
            .collect()
    } else {
        vec![format!("Actors ({listed})"), listed]
    };
    if !app.hidden_kinds.is_empty() {
        // Which kinds are hidden, else how many, before the word Actors
        // goes; the count alone last.
        let kinds: Vec<&str> = app.hidden_kinds.iter().map(|k| k.short()).collect();
        let n = kinds.len();
        let hidden = [
            format!(" · no {}", kinds.join(" ")),
            format!(" · {} hidden", crate::text::count(n, "kind", "kinds")),
            format!(" · {n} hidden"),
        ];
        let bare = titles.last().cloned();
        titles = titles
            .iter()
            .flat_map(|t| hidden.iter().map(move |h| format!("{t}{h}")))
            .chain(bare)
            .collect();
    }
    // Another order than the usual is named, fullest titles first.
    if app.sidebar.sort != ActorSort::Mentions {
        let by = format!(" · {}", app.sidebar.sort.label());
        titles = titles
            .iter()
            .map(|t| format!("{t}{by}"))
            .chain(titles.iter().cloned())
            .collect();
    }
    let title = super::first_fitting(&titles, area.width);
    let block = pane_block(th, pane_title(th, title, focus, area.width), focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let visible = usize::from(inner.height).saturating_sub(1).max(1);
    let cursor = app.sidebar.cursor;
    let shown = || app.sidebar.rows.iter().skip(cursor.offset).take(visible);
    // Number columns as wide as the counts on screen need, no wider.
    let widest = shown()
        .map(|h| compact(h.mentions).len().max(compact(h.articles).len()))
        .max()
        .unwrap_or(0);
    let num_w = (widest + 1).max(MIN_NUM_W);
    // A narrow pane gives up the kind (its colour still says it), then
    // the articles (unless sorted by them), before names shrink below
    // NAME_MIN (helper-30: at 24x8 names had 6 cells, "Talib…").
    let mut kind_w = KIND_W;
    let mut arts_w = num_w;
    let name_w = |kind_w: usize, arts_w: usize| width.saturating_sub(1 + kind_w + num_w + arts_w);
    if name_w(kind_w, arts_w) < NAME_MIN {
        kind_w = 0;
    }
    if name_w(kind_w, arts_w) < NAME_MIN && app.sidebar.sort != ActorSort::Articles {
        arts_w = 0;
    }
    let name_w = name_w(kind_w, arts_w);
    let mut lines = Vec::new();
    // The column the rows are sorted by (`s` changes it) is the one in
    // bold; the title names an order other than by mentions.
    let sorted = |col: ActorSort| {
        if col == app.sidebar.sort {
            th.header()
        } else {
            th.header().remove_modifier(Modifier::BOLD)
        }
    };
    let name_head = text::fit("Actor", name_w).into_owned();
    let after_name = name_w.saturating_sub(text::display_width(&name_head));
    let gap = " ".repeat(num_w.saturating_sub(4));
    let mut head = vec![
        Span::styled(" ", th.header()),
        Span::styled(name_head, sorted(ActorSort::Name)),
        Span::styled(
            " ".repeat(after_name) + &text::pad(" kind", kind_w) + &gap,
            th.header(),
        ),
        Span::styled("ment", sorted(ActorSort::Mentions)),
    ];
    if arts_w > 0 {
        head.push(Span::styled(gap.clone(), th.header()));
        head.push(Span::styled("arts", sorted(ActorSort::Articles)));
    }
    lines.push(Line::from(head));
    let query = app.filter.active().then_some(&app.filter.query);
    for (i, hit) in (cursor.offset..).zip(shown()) {
        let actor = lib.actors.get(hit.actor);
        let chosen = app.selected_actor == Some(hit.actor);
        let mut name_style = th.kind(actor.kind);
        if chosen {
            name_style = name_style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        let marked = query.map(|q| name_chars(q, actor.name)).unwrap_or_default();
        let mut spans = vec![Span::styled(if chosen { "●" } else { " " }, th.key())];
        spans.extend(marked_spans(
            actor.name,
            &marked,
            name_w,
            name_style,
            th.matched(),
        ));
        if kind_w > 0 {
            spans.push(Span::styled(
                text::pad(&format!(" {}", actor.kind.short()), kind_w),
                th.dim(),
            ));
        }
        spans.push(Span::raw(text::pad_left(&compact(hit.mentions), num_w)));
        if arts_w > 0 {
            spans.push(Span::styled(
                text::pad_left(&compact(hit.articles), arts_w),
                th.dim(),
            ));
        }
        let mut line = Line::from(spans);
        if i == cursor.selected {
            line = line.style(th.selected_row(focus));
        }
        lines.push(line);
    }
    // Why the list is empty, wrapped to the pane (a narrow sidebar would
    // cut it mid-word).
    let mut say = |text: &str| {
        let mut rows = Vec::new();
        text::wrap_paragraph(text, 0..text.len(), width.saturating_sub(1), &mut rows);
        for r in rows {
            lines.push(Line::styled(format!(" {}", &text[r]), th.dim()));
        }
    };
    if !lib.complete {
        say("Actors appear once loaded");
    } else if app.sidebar.rows.is_empty() {
        let filtered = app.filter.active();
        say(match (app.hidden_kinds.is_empty(), filtered) {
            (true, true) => "No actor matches",
            (true, false) => "No actors found",
            // The kinds hidden with h may be all there is (here).
            (false, true) => "No actor of the kinds shown matches",
            (false, false) => "No actor of the kinds shown",
        });
        let way_back = app
            .keymap
            .key_for(&Action::ShowKinds, Context::Actors)
            .filter(|_| !app.hidden_kinds.is_empty());
        if let Some(k) = way_back {
            say(&format!("{k} shows every kind again"));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(
        th,
        frame,
        area,
        app.sidebar.rows.len(),
        cursor.offset,
        visible,
    );
}
