//! Drawing the app state: one file per pane, reading `&App` only.
//!
//! Render never changes state, does no I/O and never panics: every width and
//! height is computed with saturating arithmetic, every string from the
//! corpus goes through [`crate::text`] so it cannot act on the terminal, and
//! only the rows on screen are built.

mod actors;
mod help;
mod list;
mod reader;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

use crate::app::layout::{FLOOR_HEIGHT, FLOOR_WIDTH};
use crate::app::{App, Area, Layout, Overlay, Pane};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let full = frame.area();
    // The app lays out for the size it was last told; if the frame differs
    // (a resize not yet delivered), draw with a layout for the real size.
    let layout = if full.width == app.layout.screen.w && full.height == app.layout.screen.h {
        app.layout
    } else {
        Layout::compute(full.width, full.height, app.focus)
    };
    if layout.too_small {
        too_small(frame, full);
        return;
    }
    if let Some(a) = layout.list {
        list::render(app, frame, rect(a, full));
    }
    if let Some(a) = layout.reader {
        reader::render(app, frame, rect(a, full));
    }
    if let Some(a) = layout.actors {
        actors::render(app, frame, rect(a, full));
    }
    status::render(app, frame, rect(layout.status, full));
    if let Some(Overlay::Help { scroll }) = app.overlay {
        help::render(app, frame, full, scroll);
    }
}

/// Converts an app area to a ratatui rect, clipped to the frame.
fn rect(a: Area, frame: Rect) -> Rect {
    Rect::new(a.x, a.y, a.w, a.h).intersection(frame)
}

/// A bordered pane with a title, styled by focus.
fn pane_block<'a>(title: Line<'a>, focused: bool) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(theme::border(focused))
        .title(title)
}

/// The title line of a pane `width` cells wide, cut to fit its border.
fn pane_title(text: &str, focused: bool, width: u16) -> Line<'static> {
    let room = usize::from(width).saturating_sub(4);
    let fitted = crate::text::fit(text, room);
    Line::from(Span::styled(format!(" {fitted} "), theme::title(focused)))
}

/// Draws a vertical scrollbar on the right border of `area` when `len`
/// exceeds what is visible.
fn scrollbar(frame: &mut Frame, area: Rect, len: usize, position: usize, visible: usize) {
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
        .style(theme::dim())
        .thumb_style(Style::new().fg(ratatui::style::Color::Cyan));
    let track = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(2),
        ..area
    };
    frame.render_stateful_widget(bar, track, &mut state);
}

/// Whether `pane` has focus.
fn focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && app.overlay.is_none()
}

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small ({}x{}): dossier needs at least {FLOOR_WIDTH}x{FLOOR_HEIGHT}",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(msg)
            .wrap(Wrap { trim: true })
            .style(theme::dim()),
        area,
    );
}

#[cfg(test)]
mod tests;
