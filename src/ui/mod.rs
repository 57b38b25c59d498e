//! Drawing the app state: one file per pane, reading `&App` only.
//!
//! Render never changes state, does no I/O and never panics: every width and
//! height is computed with saturating arithmetic, every string from the
//! corpus goes through [`crate::text`] so it cannot act on the terminal, and
//! only the rows on screen are built.

mod actors;
mod cells;
mod concordance;
mod export;
mod help;
mod list;
mod quotes;
mod reader;
mod related;
mod status;
pub mod theme;
mod timeline;
mod warnings;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

use crate::app::keymap::Context;
use crate::app::layout::{FLOOR_HEIGHT, FLOOR_WIDTH};
use crate::app::{Action, App, Area, Layout, Overlay, Pane, View};
use theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let th = Theme::of(app);
    let full = frame.area();
    // The app lays out for the size it was last told; if the frame differs
    // (a resize not yet delivered), draw with a layout for the real size.
    let layout = if full.width == app.layout.screen.w && full.height == app.layout.screen.h {
        app.layout
    } else {
        Layout::compute_with(full.width, full.height, app.focus, &app.settings.layout)
    };
    if layout.too_small {
        too_small(th, frame, full);
        return;
    }
    let body = Rect::new(0, 0, full.width, full.height.saturating_sub(1));
    match app.view {
        View::Concordance => concordance::render(app, frame, body),
        View::Related => related::render(app, frame, body),
        View::Timeline => timeline::render(app, frame, body),
        View::Quotes => quotes::render(app, frame, body),
        View::Panes => {
            if let Some(a) = layout.list {
                list::render(app, frame, rect(a, full));
            }
            if let Some(a) = layout.reader {
                reader::render(app, frame, rect(a, full));
            }
            if let Some(a) = layout.actors {
                actors::render(app, frame, rect(a, full));
            }
        }
    }
    status::render(app, frame, rect(layout.status, full));
    match app.overlay {
        Some(Overlay::Help { scroll }) => help::render(app, frame, full, scroll),
        Some(Overlay::Warnings { scroll }) => warnings::render(app, frame, full, scroll),
        Some(Overlay::Export { what, format }) => export::render(app, frame, full, what, format),
        None => {}
    }
    cells::settle(frame.buffer_mut());
}

/// Converts an app area to a ratatui rect, clipped to the frame.
fn rect(a: Area, frame: Rect) -> Rect {
    Rect::new(a.x, a.y, a.w, a.h).intersection(frame)
}

/// A bordered pane with a title, styled by focus.
fn pane_block<'a>(th: Theme, title: Line<'a>, focused: bool) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(th.border(focused))
        .title(title)
}

/// Clears a `w` x `h` box centred on `screen` and draws an overlay's
/// border, title and bottom hint there; returns the inside, or `None` when
/// the screen is too small for one.
fn overlay_box(
    th: Theme,
    frame: &mut Frame,
    screen: Rect,
    w: u16,
    h: u16,
    title: String,
    hint: String,
) -> Option<Rect> {
    if w < 10 || h < 3 {
        return None;
    }
    let area = Rect::new(
        screen.x + screen.width.saturating_sub(w) / 2,
        screen.y + screen.height.saturating_sub(h) / 2,
        w,
        h,
    )
    .intersection(screen);
    // A footer wider than the box keeps its first parts (closing comes
    // first), never a cut one; so does the title (" Keys · dimmed ones do
    // nothing here " becomes " Keys ", not "… nothing her").
    let room = usize::from(area.width.saturating_sub(2));
    let mut hint = first_parts(hint, room);
    if crate::text::display_width(&hint) > room {
        hint.clear();
    }
    let title = first_parts(title, room);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(th.border(true))
        .title(Span::styled(title, th.title(true)))
        .title_bottom(Line::styled(hint, th.dim()).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(block, area);
    Some(inner)
}

/// `text` less its last " · " parts while it is wider than `room` (the
/// first part stays, however wide).
fn first_parts(mut text: String, room: usize) -> String {
    while crate::text::display_width(&text) > room {
        match text.trim_end().rfind(" · ") {
            Some(at) => text = format!("{} ", &text[..at]),
            None => break,
        }
    }
    text
}

/// The keys that scroll the help and the warnings: j/k are the boxes' own,
/// the page keys are global ones they take.
const SCROLL_KEYS: &[(Action, Context)] = &[
    (Action::Down, Context::Help),
    (Action::Up, Context::Help),
    (Action::PageDown, Context::Help),
    (Action::PageUp, Context::Help),
];

/// A box's footer naming the keys the keymap has for each of `parts`
/// (actions looked up in a context, and what they do), so a config that
/// rebinds them is shown: " Esc/? close · j/k/PgDn/PgUp scroll ". A part
/// whose actions have no key is left out.
fn box_hint(app: &App, parts: &[(&[(Action, Context)], &str)]) -> String {
    let mut out = String::from(" ");
    for (actions, what) in parts {
        let mut keys: Vec<String> = Vec::new();
        for (action, ctx) in actions.iter() {
            if let Some(k) = app.keymap.key_for(action, *ctx) {
                let k = k.to_string();
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        if keys.is_empty() {
            continue;
        }
        if out.len() > 1 {
            out.push_str(" · ");
        }
        out.push_str(&keys.join("/"));
        out.push(' ');
        out.push_str(what);
    }
    out.push(' ');
    out
}

/// "first-last of N", the counts grouped: which rows of a list or lines of
/// a text are in view.
fn rows_shown(first: usize, last: usize, len: usize) -> String {
    format!(
        "{}-{} of {}",
        status::grouped(first),
        status::grouped(last),
        status::grouped(len)
    )
}

/// `block` with " first-last of N " at its bottom right: which of a
/// list's `len` rows the window from `offset`, `visible` tall, shows.
fn with_position(
    th: Theme,
    block: Block<'_>,
    offset: usize,
    visible: usize,
    len: usize,
) -> Block<'_> {
    if len == 0 {
        return block;
    }
    let last = (offset + visible).min(len);
    with_span(th, block, offset + 1, last, len)
}

/// `block` with " first-last of N " at its bottom right.
fn with_span(th: Theme, block: Block<'_>, first: usize, last: usize, len: usize) -> Block<'_> {
    block.title_bottom(
        Line::styled(format!(" {} ", rows_shown(first, last, len)), th.dim()).right_aligned(),
    )
}

/// The title line of a pane `width` cells wide, cut to fit its border.
fn pane_title(th: Theme, text: &str, focused: bool, width: u16) -> Line<'static> {
    let room = title_room(width);
    let fitted = crate::text::fit(text, room);
    Line::from(Span::styled(format!(" {fitted} "), th.title(focused)))
}

/// The first of `titles` (fullest first) that fits a pane `width` cells
/// wide, so a narrow pane drops words whole; the last, cut, when none fits.
fn first_fitting(titles: &[String], width: u16) -> &str {
    first_within(titles, title_room(width))
}

/// What a view with no rows says when the filter matches no article at
/// all: "0 … in the filtered articles" would read as if some were.
fn no_article_matches(app: &App) -> Option<&'static str> {
    (app.filter.active() && app.list.rows.is_empty())
        .then_some(" No article matches the filter (Esc on / clears it)")
}

/// The first of `texts` (fullest first) at most `room` cells wide; the
/// last when none is.
fn first_within(texts: &[String], room: usize) -> &str {
    texts
        .iter()
        .find(|t| crate::text::display_width(t) <= room)
        .or(texts.last())
        .map_or("", String::as_str)
}

/// Cells a pane `width` cells wide has for its title's text: less the two
/// corners and a space each side.
fn title_room(width: u16) -> usize {
    usize::from(width).saturating_sub(4)
}

/// Draws a vertical scrollbar on the right border of `area` when `len`
/// exceeds what is visible.
fn scrollbar(
    th: Theme,
    frame: &mut Frame,
    area: Rect,
    len: usize,
    position: usize,
    visible: usize,
) {
    if len <= visible || area.height < 3 {
        return;
    }
    let mut state = ScrollbarState::new(len.saturating_sub(visible))
        .position(position)
        .viewport_content_length(visible);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .style(th.dim())
        .thumb_style(th.thumb());
    let track = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(2),
        ..area
    };
    frame.render_stateful_widget(bar, track, &mut state);
}

/// Spans drawing `s` in exactly `width` cells (cut with an ellipsis or
/// padded), with the chars whose indices are in `marked` (sorted) styled
/// `mark` and the rest `base`. Made safe to print; never splits a grapheme.
fn marked_spans(
    s: &str,
    marked: &[usize],
    width: usize,
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    use unicode_segmentation::UnicodeSegmentation;
    let total = crate::text::display_width(s);
    let budget = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let mut used = 0;
    let mut ci = 0;
    for g in s.graphemes(true) {
        let n = g.chars().count();
        let w = crate::text::grapheme_width(g);
        if used + w > budget {
            break;
        }
        let is_marked = marked.iter().any(|&m| m >= ci && m < ci + n);
        if is_marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { base },
            ));
        }
        run_marked = is_marked;
        crate::text::push_safe(&mut run, g);
        used += w;
        ci += n;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    if total > width && width > 0 {
        spans.push(Span::styled(crate::text::ELLIPSIS, base));
        used += 1;
    }
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    spans
}

/// Whether `pane` has focus.
fn focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && app.overlay.is_none()
}

fn too_small(th: Theme, frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small ({}x{}): dossier needs at least {FLOOR_WIDTH}x{FLOOR_HEIGHT}",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(msg)
            .wrap(Wrap { trim: true })
            .style(th.dim()),
        area,
    );
}

#[cfg(test)]
mod tests;
