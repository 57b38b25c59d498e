//! The help overlay, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{overlay_box, theme::Theme};
use crate::app::App;
use crate::app::keymap::{HELP_KEYS_W, HelpRow, help_width};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect, scroll: usize) {
    let th = Theme::of(app);
    let w = help_width(screen.width);
    let lines = lines(app, usize::from(w.saturating_sub(2)));
    let h = screen
        .height
        .saturating_sub(2)
        .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let Some(inner) = overlay_box(
        th,
        frame,
        screen,
        w,
        h,
        " Keys ".into(),
        " Esc or ? closes, j/k scroll ",
    ) else {
        return;
    };
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(max_scroll);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The help's rows as lines, `width` cells wide.
fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let th = Theme::of(app);
    app.keymap
        .help_rows(width)
        .into_iter()
        .map(|row| match row {
            HelpRow::Blank => Line::raw(""),
            HelpRow::Heading(ctx) => Line::styled(format!(" {}", ctx.title()), th.header()),
            HelpRow::Binding { keys, text: desc } => Line::from(vec![
                Span::raw("  "),
                Span::styled(text::pad(&keys, HELP_KEYS_W), th.key()),
                Span::raw(desc.to_owned()),
            ]),
        })
        .collect()
}
